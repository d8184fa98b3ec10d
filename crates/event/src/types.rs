//! Parameter types, print formats, categories and event flags of the scap event table.

/// `enum ppm_param_type`: how a parameter is encoded on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ParamType {
    None = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Uint8 = 5,
    Uint16 = 6,
    Uint32 = 7,
    Uint64 = 8,
    Charbuf = 9,
    Bytebuf = 10,
    Errno = 11,
    Sockaddr = 12,
    Socktuple = 13,
    Fd = 14,
    Pid = 15,
    Fdlist = 16,
    Fspath = 17,
    Syscallid = 18,
    Sigtype = 19,
    Reltime = 20,
    Abstime = 21,
    Port = 22,
    L4proto = 23,
    Sockfamily = 24,
    Bool = 25,
    Ipv4addr = 26,
    Dyn = 27,
    Flags8 = 28,
    Flags16 = 29,
    Flags32 = 30,
    Uid = 31,
    Gid = 32,
    Double = 33,
    Sigset = 34,
    Charbufarray = 35,
    CharbufPairArray = 36,
    Ipv4net = 37,
    Ipv6addr = 38,
    Ipv6net = 39,
    Ipaddr = 40,
    Ipnet = 41,
    Mode = 42,
    Fsrelpath = 43,
    Enumflags8 = 44,
    Enumflags16 = 45,
    Enumflags32 = 46,
    Fd32 = 47,
    Pid32 = 48,
}

/// `enum ppm_print_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFmt {
    Na,
    Dec,
    Hex,
    Hex10,
    Oct,
    Id,
}

/// What a parameter's `info` slot of the event table points at.
#[derive(Debug, Clone, Copy)]
pub enum ParamExtra {
    None,
    /// Flag or enum names for `Flags*`/`Enumflags*`/`Mode` parameters: (name, value).
    Names(&'static [(&'static str, u32)]),
    /// `Fsrelpath`: index of the dirfd parameter the path is relative to.
    DirFd(u8),
    /// `Dyn`: the candidate types selected by the leading index byte.
    Dyn(&'static [ParamType]),
}

/// Event direction: even PPME numbers are enter events, odd ones exit events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Enter,
    Exit,
}

impl Direction {
    pub fn of(etype: u16) -> Direction {
        if etype & 1 == 1 {
            Direction::Exit
        } else {
            Direction::Enter
        }
    }

    /// The character sysdig prints in `%evt.dir`.
    pub fn as_char(self) -> char {
        match self {
            Direction::Enter => '>',
            Direction::Exit => '<',
        }
    }
}

/// `enum ppm_event_category` (low bits: what the event is about; high bits: where it comes from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Category(pub u32);

impl Category {
    pub const UNKNOWN: u32 = 0;
    pub const OTHER: u32 = 1;
    pub const FILE: u32 = 2;
    pub const NET: u32 = 3;
    pub const IPC: u32 = 4;
    pub const MEMORY: u32 = 5;
    pub const PROCESS: u32 = 6;
    pub const SLEEP: u32 = 7;
    pub const SYSTEM: u32 = 8;
    pub const SIGNAL: u32 = 9;
    pub const USER: u32 = 10;
    pub const TIME: u32 = 11;
    pub const PROCESSING: u32 = 12;
    pub const IO_BASE: u32 = 32;
    pub const IO_READ: u32 = 32;
    pub const IO_WRITE: u32 = 33;
    pub const IO_OTHER: u32 = 34;
    pub const WAIT: u32 = 64;
    pub const SCHEDULER: u32 = 128;
    pub const INTERNAL: u32 = 256;
    pub const SYSCALL: u32 = 1 << 9;
    pub const TRACEPOINT: u32 = 1 << 10;
    pub const PLUGIN: u32 = 1 << 11;
    pub const METAEVENT: u32 = 1 << 12;
    pub const ITER: u32 = 1 << 13;

    /// The subcategory bits (without SYSCALL/TRACEPOINT/PLUGIN/METAEVENT/ITER).
    pub fn sub(self) -> u32 {
        self.0 & (Self::SYSCALL - 1)
    }
}

/// `enum ppm_event_flags`.
pub mod flags {
    pub const EF_NONE: u32 = 0;
    pub const EF_CREATES_FD: u32 = 1 << 0;
    pub const EF_DESTROYS_FD: u32 = 1 << 1;
    pub const EF_USES_FD: u32 = 1 << 2;
    pub const EF_READS_FROM_FD: u32 = 1 << 3;
    pub const EF_WRITES_TO_FD: u32 = 1 << 4;
    pub const EF_MODIFIES_STATE: u32 = 1 << 5;
    pub const EF_UNUSED: u32 = 1 << 6;
    pub const EF_WAITS: u32 = 1 << 7;
    pub const EF_SKIPPARSERESET: u32 = 1 << 8;
    pub const EF_OLD_VERSION: u32 = 1 << 9;
    /// Retired upstream (the bit is no longer set by any row); kept so the bit stays reserved.
    pub const EF_DROP_SIMPLE_CONS: u32 = 1 << 10;
    pub const EF_LARGE_PAYLOAD: u32 = 1 << 11;
    pub const EF_CONVERTER_MANAGED: u32 = 1 << 12;
}
