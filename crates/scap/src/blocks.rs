//! Block type numbers of the scap container and their human-readable names.

use std::fmt;

pub const SHB: u32 = 0x0A0D_0D0A;
/// Byte-order magic carried by the section header; only the little-endian form is accepted.
pub const SHB_MAGIC: u32 = 0x1A2B_3C4D;
pub const MI: u32 = 0x201;
pub const MI_INT: u32 = 0x8002_ABCD;
pub const PL_V1: u32 = 0x202;
pub const PL_V1_INT: u32 = 0x8000_ABCD;
pub const PL_V2: u32 = 0x207;
pub const PL_V2_INT: u32 = 0x8013_ABCD;
pub const PL_V3: u32 = 0x209;
pub const PL_V3_INT: u32 = 0x8014_ABCD;
pub const PL_V4: u32 = 0x210;
pub const PL_V5: u32 = 0x211;
pub const PL_V6: u32 = 0x212;
pub const PL_V7: u32 = 0x213;
pub const PL_V8: u32 = 0x214;
pub const PL_V9: u32 = 0x215;
pub const FDL: u32 = 0x203;
pub const FDL_INT: u32 = 0x8001_ABCD;
pub const FDL_V2: u32 = 0x218;
pub const EV: u32 = 0x204;
pub const EV_INT: u32 = 0x8010_ABCD;
pub const EVF: u32 = 0x208;
pub const EV_V2: u32 = 0x216;
pub const EVF_V2: u32 = 0x217;
pub const EV_V2_LARGE: u32 = 0x221;
pub const EVF_V2_LARGE: u32 = 0x222;
pub const IL: u32 = 0x205;
pub const IL_INT: u32 = 0x8011_ABCD;
pub const IL_V2: u32 = 0x219;
pub const UL: u32 = 0x206;
pub const UL_INT: u32 = 0x8012_ABCD;
pub const UL_V2: u32 = 0x220;

/// Largest body (block length minus the 8-byte header) that a non-LARGE event block may have;
/// upstream readers use a fixed 64 KiB buffer for those.
pub const MAX_SMALL_EVENT_BLOCK_BODY: u32 = 1 << 16;

/// Process-list layout version (1..=9) of a PL block type.
pub fn proclist_version(block_type: u32) -> Option<u8> {
    Some(match block_type {
        PL_V1 | PL_V1_INT => 1,
        PL_V2 | PL_V2_INT => 2,
        PL_V3 | PL_V3_INT => 3,
        PL_V4 => 4,
        PL_V5 => 5,
        PL_V6 => 6,
        PL_V7 => 7,
        PL_V8 => 8,
        PL_V9 => 9,
        _ => return None,
    })
}

/// How an event block lays out its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EventLayout {
    /// Has a u32 dump-flags word after the cpu id.
    pub flags: bool,
    /// Event header carries `nparams` (26 bytes) rather than the old 22-byte header.
    pub v2: bool,
}

pub(crate) fn event_layout(block_type: u32) -> Option<EventLayout> {
    let (flags, v2) = match block_type {
        EV | EV_INT => (false, false),
        EVF => (true, false),
        EV_V2 | EV_V2_LARGE => (false, true),
        EVF_V2 | EVF_V2_LARGE => (true, true),
        _ => return None,
    };
    Some(EventLayout { flags, v2 })
}

/// Short name of a block type, as used in `STATS.yaml` (`EV_V2`, `PL_V9`, ...).
pub fn block_type_name(block_type: u32) -> &'static str {
    match block_type {
        SHB => "SHB",
        MI => "MI",
        MI_INT => "MI_INT",
        PL_V1 => "PL_V1",
        PL_V1_INT => "PL_V1_INT",
        PL_V2 => "PL_V2",
        PL_V2_INT => "PL_V2_INT",
        PL_V3 => "PL_V3",
        PL_V3_INT => "PL_V3_INT",
        PL_V4 => "PL_V4",
        PL_V5 => "PL_V5",
        PL_V6 => "PL_V6",
        PL_V7 => "PL_V7",
        PL_V8 => "PL_V8",
        PL_V9 => "PL_V9",
        FDL => "FDL",
        FDL_INT => "FDL_INT",
        FDL_V2 => "FDL_V2",
        EV => "EV",
        EV_INT => "EV_INT",
        EVF => "EVF",
        EV_V2 => "EV_V2",
        EVF_V2 => "EVF_V2",
        EV_V2_LARGE => "EV_V2_LARGE",
        EVF_V2_LARGE => "EVF_V2_LARGE",
        IL => "IL",
        IL_INT => "IL_INT",
        IL_V2 => "IL_V2",
        UL => "UL",
        UL_INT => "UL_INT",
        UL_V2 => "UL_V2",
        _ => "unknown",
    }
}

/// A block type rendered for error messages: "event block 0x216".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockKind(pub u32);

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        let what = if t == SHB {
            "section header"
        } else if t == MI || t == MI_INT {
            "machine info"
        } else if proclist_version(t).is_some() {
            "process list"
        } else if matches!(t, FDL | FDL_INT | FDL_V2) {
            "fd list"
        } else if event_layout(t).is_some() {
            "event"
        } else if matches!(t, IL | IL_INT | IL_V2) {
            "interface list"
        } else if matches!(t, UL | UL_INT | UL_V2) {
            "user list"
        } else {
            "unknown"
        };
        write!(f, "{what} block {t:#x}")
    }
}
