//! Owned representations of the metadata blocks (everything except events).
//!
//! Fields that older block versions lack are `Option`s: `None` means "not in the file", so a
//! consumer can tell a real zero from an absent value and apply libscap's defaults itself
//! (see the `DEFAULT_*` constants used by the writer).

use std::net::{Ipv4Addr, Ipv6Addr};

/// Section header block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeader {
    pub major: u16,
    pub minor: u16,
    pub section_length: i64,
    /// pcapng options found after the fixed part (e.g. comments added by editcap).
    pub options: Vec<ShbOption>,
}

/// One pcapng option of a section header (code 1 = comment, 4 = user application, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShbOption {
    pub code: u16,
    pub value: Vec<u8>,
}

impl SectionHeader {
    /// Comments (`opt_comment`, code 1) as text.
    pub fn comments(&self) -> impl Iterator<Item = String> + '_ {
        self.options
            .iter()
            .filter(|o| o.code == 1)
            .map(|o| String::from_utf8_lossy(&o.value).into_owned())
    }
}

/// Machine info block (`scap_machine_info`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MachineInfo {
    pub num_cpus: u32,
    pub memory_size_bytes: u64,
    pub max_pid: u64,
    pub hostname: String,
    pub boot_ts_epoch: u64,
    pub flags: u64,
    pub reserved3: u64,
    pub reserved4: u64,
}

/// One thread of a process-list block. `None` fields are absent from the block version read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProcEntry {
    pub tid: u64,
    pub pid: u64,
    pub ptid: u64,
    /// PL v6+.
    pub sid: Option<i64>,
    /// PL v8+.
    pub vpgid: Option<i64>,
    pub comm: String,
    pub exe: String,
    /// PL v7+.
    pub exepath: Option<String>,
    /// Arguments as stored (NUL-separated on disk).
    pub args: Vec<String>,
    pub cwd: String,
    pub fdlimit: u64,
    pub flags: u32,
    pub uid: u32,
    pub gid: u32,
    /// PL v2+ (the five memory/fault counters come together).
    pub vmsize_kb: Option<u32>,
    pub vmrss_kb: Option<u32>,
    pub vmswap_kb: Option<u32>,
    pub pfmajor: Option<u64>,
    pub pfminor: Option<u64>,
    /// PL v3+.
    pub env: Option<Vec<String>>,
    /// PL v4+.
    pub vtid: Option<i64>,
    pub vpid: Option<i64>,
    /// PL v4+: `(subsystem, path)` pairs from `subsys=path` entries.
    pub cgroups: Option<Vec<(String, String)>>,
    /// PL v5+.
    pub root: Option<String>,
    /// PL v9, libs >= 0.10 only.
    pub pidns_init_start_ts: Option<u64>,
    pub tty: Option<u32>,
    /// PL v9, each present only if the entry is long enough.
    pub loginuid: Option<u32>,
    pub exe_writable: Option<bool>,
    pub cap_inheritable: Option<u64>,
    pub cap_permitted: Option<u64>,
    pub cap_effective: Option<u64>,
    pub exe_upper_layer: Option<bool>,
    pub exe_ino: Option<u64>,
    pub exe_ino_ctime: Option<u64>,
    pub exe_ino_mtime: Option<u64>,
    pub exe_from_memfd: Option<bool>,
    pub exe_lower_layer: Option<bool>,
    pub pgid: Option<i64>,
}

/// `scap_fd_type` numbers as stored in fd-list entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum FdType {
    Unknown = 0,
    File = 1,
    Directory = 2,
    Ipv4Sock = 3,
    Ipv6Sock = 4,
    Ipv4ServSock = 5,
    Ipv6ServSock = 6,
    Fifo = 7,
    UnixSock = 8,
    Event = 9,
    Unsupported = 10,
    Signalfd = 11,
    Eventpoll = 12,
    Inotify = 13,
    Timerfd = 14,
    Netlink = 15,
    FileV2 = 16,
    Bpf = 17,
    Userfaultfd = 18,
    Iouring = 19,
    Memfd = 20,
    Pidfd = 21,
}

impl FdType {
    pub fn from_u8(v: u8) -> Option<FdType> {
        use FdType::*;
        Some(match v {
            0 => Unknown,
            1 => File,
            2 => Directory,
            3 => Ipv4Sock,
            4 => Ipv6Sock,
            5 => Ipv4ServSock,
            6 => Ipv6ServSock,
            7 => Fifo,
            8 => UnixSock,
            9 => Event,
            10 => Unsupported,
            11 => Signalfd,
            12 => Eventpoll,
            13 => Inotify,
            14 => Timerfd,
            15 => Netlink,
            16 => FileV2,
            17 => Bpf,
            18 => Userfaultfd,
            19 => Iouring,
            20 => Memfd,
            21 => Pidfd,
            _ => return None,
        })
    }

    /// Types whose entry is just a name string.
    pub fn is_named(self) -> bool {
        use FdType::*;
        matches!(
            self,
            File | Directory
                | Fifo
                | Event
                | Unsupported
                | Signalfd
                | Eventpoll
                | Inotify
                | Timerfd
                | Netlink
                | Bpf
                | Userfaultfd
                | Iouring
                | Memfd
                | Pidfd
        )
    }
}

/// `scap_l4_proto` values used in socket fd entries.
pub mod l4proto {
    pub const UNKNOWN: u8 = 0;
    pub const NA: u8 = 1;
    pub const TCP: u8 = 2;
    pub const UDP: u8 = 3;
    pub const ICMP: u8 = 4;
    pub const RAW: u8 = 5;
}

/// Type-specific part of an fd-list entry. Addresses keep the on-disk (network) byte order;
/// ports are host-order numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FdInfo {
    Ipv4Socket {
        sip: Ipv4Addr,
        dip: Ipv4Addr,
        sport: u16,
        dport: u16,
        l4proto: u8,
    },
    Ipv6Socket {
        sip: Ipv6Addr,
        dip: Ipv6Addr,
        sport: u16,
        dport: u16,
        l4proto: u8,
    },
    Ipv4Server {
        ip: Ipv4Addr,
        port: u16,
        l4proto: u8,
    },
    Ipv6Server {
        ip: Ipv6Addr,
        port: u16,
        l4proto: u8,
    },
    /// `source`/`dest` are kernel socket addresses, used to pair both ends.
    Unix {
        source: u64,
        dest: u64,
        path: String,
    },
    /// `SCAP_FD_FILE_V2`: regular file with its open flags and (if recorded) device.
    File {
        open_flags: u32,
        name: String,
        dev: Option<u32>,
    },
    /// Every other known type (including the old `SCAP_FD_FILE`): just a name.
    Named { kind: FdType, name: String },
    /// A type number this reader does not know (newer writer); its data was skipped.
    Unknown { type_code: u8 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FdEntry {
    pub fd: i64,
    pub ino: u64,
    pub info: FdInfo,
}

impl FdEntry {
    pub fn fd_type(&self) -> Option<FdType> {
        Some(match &self.info {
            FdInfo::Ipv4Socket { .. } => FdType::Ipv4Sock,
            FdInfo::Ipv6Socket { .. } => FdType::Ipv6Sock,
            FdInfo::Ipv4Server { .. } => FdType::Ipv4ServSock,
            FdInfo::Ipv6Server { .. } => FdType::Ipv6ServSock,
            FdInfo::Unix { .. } => FdType::UnixSock,
            FdInfo::File { .. } => FdType::FileV2,
            FdInfo::Named { kind, .. } => *kind,
            FdInfo::Unknown { .. } => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv4Interface {
    pub name: String,
    pub addr: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub bcast: Ipv4Addr,
    /// `None` for the `*_NOLINKSPEED` entry types.
    pub linkspeed: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv6Interface {
    pub name: String,
    pub addr: Ipv6Addr,
    pub netmask: Ipv6Addr,
    pub bcast: Ipv6Addr,
    pub linkspeed: Option<u64>,
}

/// Interface-list block: the machine's addresses at capture time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interfaces {
    pub v4: Vec<Ipv4Interface>,
    pub v6: Vec<Ipv6Interface>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserEntry {
    pub uid: u32,
    pub gid: u32,
    pub name: String,
    pub homedir: String,
    pub shell: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupEntry {
    pub gid: u32,
    pub name: String,
}
