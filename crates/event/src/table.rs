//! The event table: one row per PPME event number (index = number).
//!
//! Numbers are append-only upstream, so the newest table decodes every old file: an old file
//! holds the first `k` parameters of a row. STUB: the full table is being written.

use crate::types::{flags::*, Category, ParamExtra, ParamType, PrintFmt};

#[derive(Debug, Clone, Copy)]
pub struct ParamInfo {
    pub name: &'static str,
    pub ptype: ParamType,
    pub fmt: PrintFmt,
    pub extra: ParamExtra,
}

#[derive(Debug, Clone, Copy)]
pub struct EventInfo {
    pub name: &'static str,
    pub category: Category,
    pub flags: u32,
    pub params: &'static [ParamInfo],
}

impl EventInfo {
    pub fn is_large_payload(&self) -> bool {
        self.flags & EF_LARGE_PAYLOAD != 0
    }
    pub fn is_old_version(&self) -> bool {
        self.flags & EF_OLD_VERSION != 0
    }
    /// Index of the parameter called `name`.
    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }
}

const fn p(name: &'static str, ptype: ParamType, fmt: PrintFmt) -> ParamInfo {
    ParamInfo { name, ptype, fmt, extra: ParamExtra::None }
}

pub static EVENT_TABLE: &[EventInfo] = &[
    EventInfo {
        name: "syscall",
        category: Category(Category::OTHER | Category::SYSCALL),
        flags: EF_NONE,
        params: &[p("ID", ParamType::Syscallid, PrintFmt::Dec), p("nativeID", ParamType::Uint16, PrintFmt::Dec)],
    },
    EventInfo {
        name: "syscall",
        category: Category(Category::OTHER | Category::SYSCALL),
        flags: EF_NONE,
        params: &[p("ID", ParamType::Syscallid, PrintFmt::Dec)],
    },
];

/// The table row for event number `etype`, or `None` for numbers beyond the table.
pub fn info(etype: u16) -> Option<&'static EventInfo> {
    EVENT_TABLE.get(etype as usize)
}
