//! The event table: one row per PPME event number (index = number).
//!
//! Numbers are append-only upstream, so the newest table decodes every old file: an old file
//! holds the first `k` parameters of a row. The rows mirror libs `driver/event_table.c` at
//! 48dfd53c (454 rows); they were machine-translated into this representation, so edit the
//! translation rather than individual rows when upstream moves.

use crate::names;
use crate::types::{flags::*, Category, ParamExtra, ParamType, PrintFmt};

use Category as C;
use ParamType as T;
use PrintFmt as F;

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
    /// Placeholder rows (`EF_UNUSED`, name "NA") that only complete an enter/exit pair.
    pub fn is_unused(&self) -> bool {
        self.flags & EF_UNUSED != 0
    }
    /// Index of the parameter called `name`.
    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }
}

/// The table row for event number `etype`, or `None` for numbers beyond the table.
pub fn info(etype: u16) -> Option<&'static EventInfo> {
    EVENT_TABLE.get(etype as usize)
}

/// Every event number whose row is called `name` (e.g. all versions of "execve", or both
/// accept pairs 246..=249 which upstream also names "accept"), ascending. Unused "NA" filler rows
/// never match.
pub fn by_name(name: &str) -> impl Iterator<Item = u16> + '_ {
    EVENT_TABLE
        .iter()
        .enumerate()
        .filter(move |(_, e)| e.name == name && !e.is_unused())
        .map(|(i, _)| i as u16)
}

/// Name of a `PT_SYSCALLID` value (a `ppm_sc_code`), as `evt.type` shows generic syscall events.
pub fn syscall_name(id: u16) -> Option<&'static str> {
    names::syscall_name(id)
}

const fn ev(
    name: &'static str,
    category: u32,
    flags: u32,
    params: &'static [ParamInfo],
) -> EventInfo {
    EventInfo {
        name,
        category: Category(category),
        flags,
        params,
    }
}

const fn p(name: &'static str, ptype: ParamType, fmt: PrintFmt) -> ParamInfo {
    ParamInfo {
        name,
        ptype,
        fmt,
        extra: ParamExtra::None,
    }
}

const fn named(
    name: &'static str,
    ptype: ParamType,
    fmt: PrintFmt,
    names: &'static [(&'static str, u32)],
) -> ParamInfo {
    ParamInfo {
        name,
        ptype,
        fmt,
        extra: ParamExtra::Names(names),
    }
}

/// A `PT_FSRELPATH` parameter resolved against the dirfd parameter at index `dirfd`.
const fn rel(name: &'static str, fmt: PrintFmt, dirfd: u8) -> ParamInfo {
    ParamInfo {
        name,
        ptype: ParamType::Fsrelpath,
        fmt,
        extra: ParamExtra::DirFd(dirfd),
    }
}

const fn dynp(name: &'static str, fmt: PrintFmt, types: &'static [ParamType]) -> ParamInfo {
    ParamInfo {
        name,
        ptype: ParamType::Dyn,
        fmt,
        extra: ParamExtra::Dyn(types),
    }
}

const DYN_SOCKOPT: &[T] = &[T::Bytebuf, T::Errno, T::Uint32, T::Uint64, T::Reltime];
const DYN_PTRACE: &[T] = &[T::Uint64, T::Sigtype];
const DYN_BPF: &[T] = &[T::Fd, T::Errno];
const DYN_KEYCTL: &[T] = &[T::Int64, T::Charbuf];

/// Rows indexed by PPME number; generated from upstream `driver/event_table.c`.
pub static EVENT_TABLE: &[EventInfo] = &[
    // 0 GENERIC_E
    ev(
        "syscall",
        C::OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("ID", T::Syscallid, F::Dec),
            p("nativeID", T::Uint16, F::Dec),
        ],
    ),
    // 1 GENERIC_X
    ev(
        "syscall",
        C::OTHER | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("ID", T::Syscallid, F::Dec),
            p("nativeID", T::Uint16, F::Dec),
        ],
    ),
    // 2 SYSCALL_OPEN_E
    ev(
        "open",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("name", T::Fspath, F::Na),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mode", T::Uint32, F::Oct),
        ],
    ),
    // 3 SYSCALL_OPEN_X
    ev(
        "open",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("name", T::Fspath, F::Na),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    ),
    // 4 SYSCALL_CLOSE_E
    ev(
        "close",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_DESTROYS_FD | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 5 SYSCALL_CLOSE_X
    ev(
        "close",
        C::IO_OTHER | C::SYSCALL,
        EF_DESTROYS_FD | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Dec)],
    ),
    // 6 SYSCALL_READ_E
    ev(
        "read",
        C::IO_READ | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    ),
    // 7 SYSCALL_READ_X
    ev(
        "read",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    ),
    // 8 SYSCALL_WRITE_E
    ev(
        "write",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    ),
    // 9 SYSCALL_WRITE_X
    ev(
        "write",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    ),
    // 10 SYSCALL_BRK_1_E
    ev(
        "brk",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("size", T::Uint32, F::Dec)],
    ),
    // 11 SYSCALL_BRK_1_X
    ev(
        "brk",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("res", T::Uint64, F::Hex)],
    ),
    // 12 SYSCALL_EXECVE_8_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[],
    ),
    // 13 SYSCALL_EXECVE_8_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
        ],
    ),
    // 14 SYSCALL_CLONE_11_E
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 15 SYSCALL_CLONE_11_X
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 16 PROCEXIT_E
    ev(
        "procexit",
        C::PROCESS | C::TRACEPOINT,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[],
    ),
    // 17 PROCEXIT_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 18 SOCKET_SOCKET_E
    ev(
        "socket",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            named("domain", T::Enumflags32, F::Dec, names::SOCKET_FAMILIES),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    ),
    // 19 SOCKET_SOCKET_X
    ev(
        "socket",
        C::NET | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            named("domain", T::Enumflags32, F::Dec, names::SOCKET_FAMILIES),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
        ],
    ),
    // 20 SOCKET_BIND_E
    ev(
        "bind",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 21 SOCKET_BIND_X
    ev(
        "bind",
        C::NET | C::SYSCALL,
        EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Sockaddr, F::Na),
            p("fd", T::Fd, F::Dec),
        ],
    ),
    // 22 SOCKET_CONNECT_E
    ev(
        "connect",
        C::NET | C::SYSCALL,
        EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("addr", T::Sockaddr, F::Na)],
    ),
    // 23 SOCKET_CONNECT_X
    ev(
        "connect",
        C::NET | C::SYSCALL,
        EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("tuple", T::Socktuple, F::Na),
            p("fd", T::Fd, F::Dec),
            p("addr", T::Sockaddr, F::Na),
        ],
    ),
    // 24 SOCKET_LISTEN_E
    ev(
        "listen",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("backlog", T::Int32, F::Dec)],
    ),
    // 25 SOCKET_LISTEN_X
    ev(
        "listen",
        C::NET | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("backlog", T::Int32, F::Dec),
        ],
    ),
    // 26 SOCKET_ACCEPT_E
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 27 SOCKET_ACCEPT_X
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::Socktuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
        ],
    ),
    // 28 SOCKET_SEND_E
    ev(
        "send",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    ),
    // 29 SOCKET_SEND_X
    ev(
        "send",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::Socktuple, F::Na),
        ],
    ),
    // 30 SOCKET_SENDTO_E
    ev(
        "sendto",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::Socktuple, F::Na),
        ],
    ),
    // 31 SOCKET_SENDTO_X
    ev(
        "sendto",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::Socktuple, F::Na),
        ],
    ),
    // 32 SOCKET_RECV_E
    ev(
        "recv",
        C::IO_READ | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    ),
    // 33 SOCKET_RECV_X
    ev(
        "recv",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::Socktuple, F::Na),
        ],
    ),
    // 34 SOCKET_RECVFROM_E
    ev(
        "recvfrom",
        C::IO_READ | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    ),
    // 35 SOCKET_RECVFROM_X
    ev(
        "recvfrom",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("tuple", T::Socktuple, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    ),
    // 36 SOCKET_SHUTDOWN_E
    ev(
        "shutdown",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            named("how", T::Enumflags8, F::Hex, names::SHUTDOWN_HOW),
        ],
    ),
    // 37 SOCKET_SHUTDOWN_X
    ev(
        "shutdown",
        C::NET | C::SYSCALL,
        EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            named("how", T::Enumflags8, F::Hex, names::SHUTDOWN_HOW),
        ],
    ),
    // 38 SOCKET_GETSOCKNAME_E
    ev("getsockname", C::NET | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 39 SOCKET_GETSOCKNAME_X
    ev("getsockname", C::NET | C::SYSCALL, EF_NONE, &[]),
    // 40 SOCKET_GETPEERNAME_E
    ev("getpeername", C::NET | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 41 SOCKET_GETPEERNAME_X
    ev("getpeername", C::NET | C::SYSCALL, EF_NONE, &[]),
    // 42 SOCKET_SOCKETPAIR_E
    ev(
        "socketpair",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            named("domain", T::Enumflags32, F::Dec, names::SOCKET_FAMILIES),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    ),
    // 43 SOCKET_SOCKETPAIR_X
    ev(
        "socketpair",
        C::IPC | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("source", T::Uint64, F::Hex),
            p("peer", T::Uint64, F::Hex),
            named("domain", T::Enumflags32, F::Dec, names::SOCKET_FAMILIES),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    ),
    // 44 SOCKET_SETSOCKOPT_E
    ev("setsockopt", C::NET | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 45 SOCKET_SETSOCKOPT_X
    ev(
        "setsockopt",
        C::NET | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            named("level", T::Enumflags8, F::Dec, names::SOCKOPT_LEVELS),
            named("optname", T::Enumflags8, F::Dec, names::SOCKOPT_OPTIONS),
            dynp("val", F::Dec, DYN_SOCKOPT),
            p("optlen", T::Uint32, F::Dec),
        ],
    ),
    // 46 SOCKET_GETSOCKOPT_E
    ev(
        "getsockopt",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 47 SOCKET_GETSOCKOPT_X
    ev(
        "getsockopt",
        C::NET | C::SYSCALL,
        EF_USES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            named("level", T::Enumflags8, F::Dec, names::SOCKOPT_LEVELS),
            named("optname", T::Enumflags8, F::Dec, names::SOCKOPT_OPTIONS),
            dynp("val", F::Dec, DYN_SOCKOPT),
            p("optlen", T::Uint32, F::Dec),
        ],
    ),
    // 48 SOCKET_SENDMSG_E
    ev(
        "sendmsg",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::Socktuple, F::Na),
        ],
    ),
    // 49 SOCKET_SENDMSG_X
    ev(
        "sendmsg",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::Socktuple, F::Na),
        ],
    ),
    // 50 SOCKET_SENDMMSG_E
    ev("sendmmsg", C::IO_WRITE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 51 SOCKET_SENDMMSG_X
    ev(
        "sendmmsg",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("tuple", T::Socktuple, F::Na),
        ],
    ),
    // 52 SOCKET_RECVMSG_E
    ev(
        "recvmsg",
        C::IO_READ | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 53 SOCKET_RECVMSG_X
    ev(
        "recvmsg",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("tuple", T::Socktuple, F::Na),
            p("msgcontrol", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
        ],
    ),
    // 54 SOCKET_RECVMMSG_E
    ev("recvmmsg", C::IO_READ | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 55 SOCKET_RECVMMSG_X
    ev(
        "recvmmsg",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("tuple", T::Socktuple, F::Na),
            p("msgcontrol", T::Bytebuf, F::Na),
        ],
    ),
    // 56 SOCKET_ACCEPT4_E
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("flags", T::Int32, F::Hex)],
    ),
    // 57 SOCKET_ACCEPT4_X
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::Socktuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
        ],
    ),
    // 58 SYSCALL_CREAT_E
    ev(
        "creat",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("name", T::Fspath, F::Na), p("mode", T::Uint32, F::Oct)],
    ),
    // 59 SYSCALL_CREAT_X
    ev(
        "creat",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("name", T::Fspath, F::Na),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
            named("creat_flags", T::Flags16, F::Hex, names::CREAT_FLAGS),
        ],
    ),
    // 60 SYSCALL_PIPE_E
    ev(
        "pipe",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 61 SYSCALL_PIPE_X
    ev(
        "pipe",
        C::IPC | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("ino", T::Uint64, F::Dec),
        ],
    ),
    // 62 SYSCALL_EVENTFD_E
    ev(
        "eventfd",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("initval", T::Uint64, F::Dec),
            p("flags", T::Uint32, F::Hex),
        ],
    ),
    // 63 SYSCALL_EVENTFD_X
    ev(
        "eventfd",
        C::IPC | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Fd, F::Dec),
            p("initval", T::Uint64, F::Dec),
            p("flags", T::Uint32, F::Hex),
        ],
    ),
    // 64 SYSCALL_FUTEX_E
    ev(
        "futex",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("addr", T::Uint64, F::Hex),
            named("op", T::Flags16, F::Hex, names::FUTEX_OPERATIONS),
            p("val", T::Uint64, F::Dec),
        ],
    ),
    // 65 SYSCALL_FUTEX_X
    ev(
        "futex",
        C::IPC | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            named("op", T::Flags16, F::Hex, names::FUTEX_OPERATIONS),
            p("val", T::Uint64, F::Dec),
        ],
    ),
    // 66 SYSCALL_STAT_E
    ev("stat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 67 SYSCALL_STAT_X
    ev(
        "stat",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec), p("path", T::Fspath, F::Na)],
    ),
    // 68 SYSCALL_LSTAT_E
    ev("lstat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 69 SYSCALL_LSTAT_X
    ev(
        "lstat",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec), p("path", T::Fspath, F::Na)],
    ),
    // 70 SYSCALL_FSTAT_E
    ev(
        "fstat",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Na)],
    ),
    // 71 SYSCALL_FSTAT_X
    ev(
        "fstat",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    ),
    // 72 SYSCALL_STAT64_E
    ev("stat64", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 73 SYSCALL_STAT64_X
    ev(
        "stat64",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec), p("path", T::Fspath, F::Na)],
    ),
    // 74 SYSCALL_LSTAT64_E
    ev("lstat64", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 75 SYSCALL_LSTAT64_X
    ev(
        "lstat64",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec), p("path", T::Fspath, F::Na)],
    ),
    // 76 SYSCALL_FSTAT64_E
    ev(
        "fstat64",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD,
        &[p("fd", T::Fd, F::Na)],
    ),
    // 77 SYSCALL_FSTAT64_X
    ev(
        "fstat64",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 78 SYSCALL_EPOLLWAIT_E
    ev(
        "epoll_wait",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_WAITS | EF_CONVERTER_MANAGED,
        &[p("maxevents", T::Errno, F::Dec)],
    ),
    // 79 SYSCALL_EPOLLWAIT_X
    ev(
        "epoll_wait",
        C::WAIT | C::SYSCALL,
        EF_WAITS | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("maxevents", T::Errno, F::Dec)],
    ),
    // 80 SYSCALL_POLL_E
    ev(
        "poll",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_WAITS | EF_CONVERTER_MANAGED,
        &[p("fds", T::Fdlist, F::Dec), p("timeout", T::Int64, F::Dec)],
    ),
    // 81 SYSCALL_POLL_X
    ev(
        "poll",
        C::WAIT | C::SYSCALL,
        EF_WAITS | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fds", T::Fdlist, F::Dec),
            p("timeout", T::Int64, F::Dec),
        ],
    ),
    // 82 SYSCALL_SELECT_E
    ev(
        "select",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_WAITS,
        &[],
    ),
    // 83 SYSCALL_SELECT_X
    ev(
        "select",
        C::WAIT | C::SYSCALL,
        EF_WAITS,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 84 SYSCALL_NEWSELECT_E
    ev(
        "select",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_WAITS,
        &[],
    ),
    // 85 SYSCALL_NEWSELECT_X
    ev(
        "select",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_WAITS | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 86 SYSCALL_LSEEK_E
    ev(
        "lseek",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            named("whence", T::Enumflags8, F::Dec, names::LSEEK_WHENCE),
        ],
    ),
    // 87 SYSCALL_LSEEK_X
    ev(
        "lseek",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            named("whence", T::Enumflags8, F::Dec, names::LSEEK_WHENCE),
        ],
    ),
    // 88 SYSCALL_LLSEEK_E
    ev(
        "llseek",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            named("whence", T::Enumflags8, F::Dec, names::LSEEK_WHENCE),
        ],
    ),
    // 89 SYSCALL_LLSEEK_X
    ev(
        "llseek",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            named("whence", T::Enumflags8, F::Dec, names::LSEEK_WHENCE),
        ],
    ),
    // 90 SYSCALL_IOCTL_2_E
    ev(
        "ioctl",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("request", T::Uint64, F::Hex)],
    ),
    // 91 SYSCALL_IOCTL_2_X
    ev(
        "ioctl",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 92 SYSCALL_GETCWD_E
    ev("getcwd", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 93 SYSCALL_GETCWD_X
    ev(
        "getcwd",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec), p("path", T::Charbuf, F::Na)],
    ),
    // 94 SYSCALL_CHDIR_E
    ev(
        "chdir",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 95 SYSCALL_CHDIR_X
    ev(
        "chdir",
        C::FILE | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[p("res", T::Errno, F::Dec), p("path", T::Charbuf, F::Na)],
    ),
    // 96 SYSCALL_FCHDIR_E
    ev(
        "fchdir",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Na)],
    ),
    // 97 SYSCALL_FCHDIR_X
    ev(
        "fchdir",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    ),
    // 98 SYSCALL_MKDIR_E
    ev(
        "mkdir",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("path", T::Fspath, F::Na), p("mode", T::Uint32, F::Hex)],
    ),
    // 99 SYSCALL_MKDIR_X
    ev(
        "mkdir",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 100 SYSCALL_RMDIR_E
    ev(
        "rmdir",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("path", T::Fspath, F::Na)],
    ),
    // 101 SYSCALL_RMDIR_X
    ev(
        "rmdir",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 102 SYSCALL_OPENAT_E
    ev(
        "openat",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("dirfd", T::Fd, F::Dec),
            p("name", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mode", T::Uint32, F::Oct),
        ],
    ),
    // 103 SYSCALL_OPENAT_X
    ev(
        "openat",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 104 SYSCALL_LINK_E
    ev(
        "link",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("oldpath", T::Fspath, F::Na),
            p("newpath", T::Fspath, F::Na),
        ],
    ),
    // 105 SYSCALL_LINK_X
    ev(
        "link",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 106 SYSCALL_LINKAT_E
    ev(
        "linkat",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("olddir", T::Fd, F::Dec),
            p("oldpath", T::Charbuf, F::Na),
            p("newdir", T::Fd, F::Dec),
            p("newpath", T::Charbuf, F::Na),
        ],
    ),
    // 107 SYSCALL_LINKAT_X
    ev(
        "linkat",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 108 SYSCALL_UNLINK_E
    ev(
        "unlink",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("path", T::Fspath, F::Na)],
    ),
    // 109 SYSCALL_UNLINK_X
    ev(
        "unlink",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 110 SYSCALL_UNLINKAT_E
    ev(
        "unlinkat",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("dirfd", T::Fd, F::Dec), p("name", T::Charbuf, F::Na)],
    ),
    // 111 SYSCALL_UNLINKAT_X
    ev(
        "unlinkat",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 112 SYSCALL_PREAD_E
    ev(
        "pread",
        C::IO_READ | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    ),
    // 113 SYSCALL_PREAD_X
    ev(
        "pread",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    ),
    // 114 SYSCALL_PWRITE_E
    ev(
        "pwrite",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    ),
    // 115 SYSCALL_PWRITE_X
    ev(
        "pwrite",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    ),
    // 116 SYSCALL_READV_E
    ev(
        "readv",
        C::IO_READ | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 117 SYSCALL_READV_X
    ev(
        "readv",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
        ],
    ),
    // 118 SYSCALL_WRITEV_E
    ev(
        "writev",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    ),
    // 119 SYSCALL_WRITEV_X
    ev(
        "writev",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    ),
    // 120 SYSCALL_PREADV_E
    ev(
        "preadv",
        C::IO_READ | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("pos", T::Uint64, F::Dec)],
    ),
    // 121 SYSCALL_PREADV_X
    ev(
        "preadv",
        C::IO_READ | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    ),
    // 122 SYSCALL_PWRITEV_E
    ev(
        "pwritev",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    ),
    // 123 SYSCALL_PWRITEV_X
    ev(
        "pwritev",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("data", T::Bytebuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    ),
    // 124 SYSCALL_DUP_E
    ev(
        "dup",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 125 SYSCALL_DUP_X
    ev(
        "dup",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Fd, F::Dec)],
    ),
    // 126 SYSCALL_SIGNALFD_E
    ev(
        "signalfd",
        C::SIGNAL | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("mask", T::Uint32, F::Hex),
            p("flags", T::Uint8, F::Hex),
        ],
    ),
    // 127 SYSCALL_SIGNALFD_X
    ev(
        "signalfd",
        C::SIGNAL | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Fd, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("mask", T::Uint32, F::Hex),
            p("flags", T::Uint8, F::Hex),
        ],
    ),
    // 128 SYSCALL_KILL_E
    ev(
        "kill",
        C::SIGNAL | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("pid", T::Pid, F::Dec), p("sig", T::Sigtype, F::Dec)],
    ),
    // 129 SYSCALL_KILL_X
    ev(
        "kill",
        C::SIGNAL | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("sig", T::Sigtype, F::Dec),
        ],
    ),
    // 130 SYSCALL_TKILL_E
    ev(
        "tkill",
        C::SIGNAL | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("tid", T::Pid, F::Dec), p("sig", T::Sigtype, F::Dec)],
    ),
    // 131 SYSCALL_TKILL_X
    ev(
        "tkill",
        C::SIGNAL | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("tid", T::Pid, F::Dec),
            p("sig", T::Sigtype, F::Dec),
        ],
    ),
    // 132 SYSCALL_TGKILL_E
    ev(
        "tgkill",
        C::SIGNAL | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("pid", T::Pid, F::Dec),
            p("tid", T::Pid, F::Dec),
            p("sig", T::Sigtype, F::Dec),
        ],
    ),
    // 133 SYSCALL_TGKILL_X
    ev(
        "tgkill",
        C::SIGNAL | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("tid", T::Pid, F::Dec),
            p("sig", T::Sigtype, F::Dec),
        ],
    ),
    // 134 SYSCALL_NANOSLEEP_E
    ev(
        "nanosleep",
        C::SLEEP | C::SYSCALL,
        EF_OLD_VERSION | EF_WAITS | EF_CONVERTER_MANAGED,
        &[p("interval", T::Reltime, F::Dec)],
    ),
    // 135 SYSCALL_NANOSLEEP_X
    ev(
        "nanosleep",
        C::SLEEP | C::SYSCALL,
        EF_WAITS | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("interval", T::Reltime, F::Dec),
        ],
    ),
    // 136 SYSCALL_TIMERFD_CREATE_E
    ev(
        "timerfd_create",
        C::TIME | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("clockid", T::Uint8, F::Dec), p("flags", T::Uint8, F::Hex)],
    ),
    // 137 SYSCALL_TIMERFD_CREATE_X
    ev(
        "timerfd_create",
        C::TIME | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Fd, F::Dec),
            p("clockid", T::Uint8, F::Dec),
            p("flags", T::Uint8, F::Hex),
        ],
    ),
    // 138 SYSCALL_INOTIFY_INIT_E
    ev(
        "inotify_init",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("flags", T::Uint8, F::Hex)],
    ),
    // 139 SYSCALL_INOTIFY_INIT_X
    ev(
        "inotify_init",
        C::IPC | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Fd, F::Dec), p("flags", T::Uint8, F::Hex)],
    ),
    // 140 SYSCALL_GETRLIMIT_E
    ev(
        "getrlimit",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[named(
            "resource",
            T::Enumflags8,
            F::Dec,
            names::RLIMIT_RESOURCES,
        )],
    ),
    // 141 SYSCALL_GETRLIMIT_X
    ev(
        "getrlimit",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("cur", T::Int64, F::Dec),
            p("max", T::Int64, F::Dec),
            named("resource", T::Enumflags8, F::Dec, names::RLIMIT_RESOURCES),
        ],
    ),
    // 142 SYSCALL_SETRLIMIT_E
    ev(
        "setrlimit",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[named(
            "resource",
            T::Enumflags8,
            F::Dec,
            names::RLIMIT_RESOURCES,
        )],
    ),
    // 143 SYSCALL_SETRLIMIT_X
    ev(
        "setrlimit",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("cur", T::Int64, F::Dec),
            p("max", T::Int64, F::Dec),
            named("resource", T::Enumflags8, F::Dec, names::RLIMIT_RESOURCES),
        ],
    ),
    // 144 SYSCALL_PRLIMIT_E
    ev(
        "prlimit",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("pid", T::Pid, F::Dec),
            named("resource", T::Enumflags8, F::Dec, names::RLIMIT_RESOURCES),
        ],
    ),
    // 145 SYSCALL_PRLIMIT_X
    ev(
        "prlimit",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("newcur", T::Int64, F::Dec),
            p("newmax", T::Int64, F::Dec),
            p("oldcur", T::Int64, F::Dec),
            p("oldmax", T::Int64, F::Dec),
            p("pid", T::Int64, F::Dec),
            named("resource", T::Enumflags8, F::Dec, names::RLIMIT_RESOURCES),
        ],
    ),
    // 146 SCHEDSWITCH_1_E
    ev(
        "switch",
        C::SCHEDULER | C::TRACEPOINT,
        EF_OLD_VERSION | EF_SKIPPARSERESET | EF_CONVERTER_MANAGED,
        &[p("next", T::Pid, F::Dec)],
    ),
    // 147 SCHEDSWITCH_1_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 148 DROP_E
    ev(
        "drop",
        C::INTERNAL | C::METAEVENT,
        EF_SKIPPARSERESET,
        &[p("ratio", T::Uint32, F::Dec)],
    ),
    // 149 DROP_X
    ev(
        "drop",
        C::INTERNAL | C::METAEVENT,
        EF_SKIPPARSERESET,
        &[p("ratio", T::Uint32, F::Dec)],
    ),
    // 150 SYSCALL_FCNTL_E
    ev(
        "fcntl",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            named("cmd", T::Enumflags8, F::Dec, names::FCNTL_COMMANDS),
        ],
    ),
    // 151 SYSCALL_FCNTL_X
    ev(
        "fcntl",
        C::IO_OTHER | C::SYSCALL,
        EF_USES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Fd, F::Dec),
            p("fd", T::Fd, F::Dec),
            named("cmd", T::Enumflags8, F::Dec, names::FCNTL_COMMANDS),
            p("arg", T::Uint64, F::Hex),
        ],
    ),
    // 152 SCHEDSWITCH_6_E
    ev(
        "switch",
        C::SCHEDULER | C::TRACEPOINT,
        EF_NONE,
        &[
            p("next", T::Pid, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    ),
    // 153 SCHEDSWITCH_6_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 154 SYSCALL_EXECVE_13_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[],
    ),
    // 155 SYSCALL_EXECVE_13_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    ),
    // 156 SYSCALL_CLONE_16_E
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 157 SYSCALL_CLONE_16_X
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 158 SYSCALL_BRK_4_E
    ev(
        "brk",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("addr", T::Uint64, F::Hex)],
    ),
    // 159 SYSCALL_BRK_4_X
    ev(
        "brk",
        C::MEMORY | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Uint64, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
        ],
    ),
    // 160 SYSCALL_MMAP_E
    ev(
        "mmap",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            named("prot", T::Flags32, F::Hex, names::PROT_FLAGS),
            named("flags", T::Flags32, F::Hex, names::MMAP_FLAGS),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
        ],
    ),
    // 161 SYSCALL_MMAP_X
    ev(
        "mmap",
        C::MEMORY | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            named("prot", T::Flags32, F::Hex, names::PROT_FLAGS),
            named("flags", T::Flags32, F::Hex, names::MMAP_FLAGS),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
        ],
    ),
    // 162 SYSCALL_MMAP2_E
    ev(
        "mmap2",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            named("prot", T::Flags32, F::Hex, names::PROT_FLAGS),
            named("flags", T::Flags32, F::Hex, names::MMAP_FLAGS),
            p("fd", T::Fd, F::Dec),
            p("pgoffset", T::Uint64, F::Dec),
        ],
    ),
    // 163 SYSCALL_MMAP2_X
    ev(
        "mmap2",
        C::MEMORY | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            named("prot", T::Flags32, F::Hex, names::PROT_FLAGS),
            named("flags", T::Flags32, F::Hex, names::MMAP_FLAGS),
            p("fd", T::Fd, F::Dec),
            p("pgoffset", T::Uint64, F::Dec),
        ],
    ),
    // 164 SYSCALL_MUNMAP_E
    ev(
        "munmap",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("addr", T::Uint64, F::Hex), p("length", T::Uint64, F::Dec)],
    ),
    // 165 SYSCALL_MUNMAP_X
    ev(
        "munmap",
        C::MEMORY | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
        ],
    ),
    // 166 SYSCALL_SPLICE_E
    ev(
        "splice",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd_in", T::Fd, F::Dec),
            p("fd_out", T::Fd, F::Dec),
            p("size", T::Uint64, F::Dec),
            named("flags", T::Flags32, F::Hex, names::SPLICE_FLAGS),
        ],
    ),
    // 167 SYSCALL_SPLICE_X
    ev(
        "splice",
        C::IO_OTHER | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd_in", T::Fd, F::Dec),
            p("fd_out", T::Fd, F::Dec),
            p("size", T::Uint64, F::Dec),
            named("flags", T::Flags32, F::Hex, names::SPLICE_FLAGS),
        ],
    ),
    // 168 SYSCALL_PTRACE_E
    ev(
        "ptrace",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            named("request", T::Enumflags16, F::Dec, names::PTRACE_REQUESTS),
            p("pid", T::Pid, F::Dec),
        ],
    ),
    // 169 SYSCALL_PTRACE_X
    ev(
        "ptrace",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            dynp("addr", F::Hex, DYN_PTRACE),
            dynp("data", F::Hex, DYN_PTRACE),
            named("request", T::Enumflags16, F::Dec, names::PTRACE_REQUESTS),
            p("pid", T::Pid, F::Dec),
        ],
    ),
    // 170 SYSCALL_IOCTL_3_E
    ev(
        "ioctl",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("request", T::Uint64, F::Hex),
            p("argument", T::Uint64, F::Hex),
        ],
    ),
    // 171 SYSCALL_IOCTL_3_X
    ev(
        "ioctl",
        C::IO_OTHER | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("request", T::Uint64, F::Hex),
            p("argument", T::Uint64, F::Hex),
        ],
    ),
    // 172 SYSCALL_EXECVE_14_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[],
    ),
    // 173 SYSCALL_EXECVE_14_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("env", T::Bytebuf, F::Na),
        ],
    ),
    // 174 SYSCALL_RENAME_E
    ev("rename", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 175 SYSCALL_RENAME_X
    ev(
        "rename",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("oldpath", T::Fspath, F::Na),
            p("newpath", T::Fspath, F::Na),
        ],
    ),
    // 176 SYSCALL_RENAMEAT_E
    ev("renameat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 177 SYSCALL_RENAMEAT_X
    ev(
        "renameat",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("olddirfd", T::Fd, F::Dec),
            rel("oldpath", F::Na, 1),
            p("newdirfd", T::Fd, F::Dec),
            rel("newpath", F::Na, 3),
        ],
    ),
    // 178 SYSCALL_SYMLINK_E
    ev("symlink", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 179 SYSCALL_SYMLINK_X
    ev(
        "symlink",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("target", T::Charbuf, F::Na),
            p("linkpath", T::Fspath, F::Na),
        ],
    ),
    // 180 SYSCALL_SYMLINKAT_E
    ev("symlinkat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 181 SYSCALL_SYMLINKAT_X
    ev(
        "symlinkat",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("target", T::Charbuf, F::Na),
            p("linkdirfd", T::Fd, F::Dec),
            rel("linkpath", F::Na, 2),
        ],
    ),
    // 182 SYSCALL_FORK_E
    ev(
        "fork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 183 SYSCALL_FORK_X
    ev(
        "fork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 184 SYSCALL_VFORK_E
    ev(
        "vfork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 185 SYSCALL_VFORK_X
    ev(
        "vfork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 186 PROCEXIT_1_E
    ev(
        "procexit",
        C::PROCESS | C::TRACEPOINT,
        EF_MODIFIES_STATE,
        &[
            p("status", T::Errno, F::Dec),
            p("ret", T::Errno, F::Dec),
            p("sig", T::Sigtype, F::Dec),
            p("core", T::Uint8, F::Dec),
            p("reaper_tid", T::Pid, F::Dec),
        ],
    ),
    // 187 PROCEXIT_1_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 188 SYSCALL_SENDFILE_E
    ev(
        "sendfile",
        C::IO_WRITE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("out_fd", T::Fd, F::Dec),
            p("in_fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("size", T::Uint64, F::Dec),
        ],
    ),
    // 189 SYSCALL_SENDFILE_X
    ev(
        "sendfile",
        C::IO_WRITE | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("out_fd", T::Fd, F::Dec),
            p("in_fd", T::Fd, F::Dec),
            p("size", T::Uint64, F::Dec),
        ],
    ),
    // 190 SYSCALL_QUOTACTL_E
    ev(
        "quotactl",
        C::USER | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            named("cmd", T::Flags16, F::Dec, names::QUOTACTL_CMDS),
            named("type", T::Flags8, F::Dec, names::QUOTACTL_TYPES),
            p("id", T::Uint32, F::Dec),
            named("quota_fmt", T::Flags8, F::Dec, names::QUOTACTL_QUOTA_FMTS),
        ],
    ),
    // 191 SYSCALL_QUOTACTL_X
    ev(
        "quotactl",
        C::USER | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("special", T::Charbuf, F::Na),
            p("quotafilepath", T::Charbuf, F::Na),
            p("dqb_bhardlimit", T::Uint64, F::Dec),
            p("dqb_bsoftlimit", T::Uint64, F::Dec),
            p("dqb_curspace", T::Uint64, F::Dec),
            p("dqb_ihardlimit", T::Uint64, F::Dec),
            p("dqb_isoftlimit", T::Uint64, F::Dec),
            p("dqb_btime", T::Reltime, F::Dec),
            p("dqb_itime", T::Reltime, F::Dec),
            p("dqi_bgrace", T::Reltime, F::Dec),
            p("dqi_igrace", T::Reltime, F::Dec),
            named("dqi_flags", T::Flags8, F::Dec, names::QUOTACTL_DQI_FLAGS),
            named(
                "quota_fmt_out",
                T::Flags8,
                F::Dec,
                names::QUOTACTL_QUOTA_FMTS,
            ),
            named("cmd", T::Flags16, F::Dec, names::QUOTACTL_CMDS),
            named("type", T::Flags8, F::Dec, names::QUOTACTL_TYPES),
            p("id", T::Uint32, F::Dec),
            named("quota_fmt", T::Flags8, F::Dec, names::QUOTACTL_QUOTA_FMTS),
        ],
    ),
    // 192 SYSCALL_SETRESUID_E
    ev(
        "setresuid",
        C::USER | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    ),
    // 193 SYSCALL_SETRESUID_X
    ev(
        "setresuid",
        C::USER | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    ),
    // 194 SYSCALL_SETRESGID_E
    ev(
        "setresgid",
        C::USER | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    ),
    // 195 SYSCALL_SETRESGID_X
    ev(
        "setresgid",
        C::USER | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    ),
    // 196 SCAPEVENT_E
    ev(
        "scapevent",
        C::INTERNAL | C::METAEVENT,
        EF_SKIPPARSERESET,
        &[
            p("event_type", T::Uint32, F::Dec),
            p("event_data", T::Uint64, F::Dec),
        ],
    ),
    // 197 SCAPEVENT_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 198 SYSCALL_SETUID_E
    ev(
        "setuid",
        C::USER | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("uid", T::Uid, F::Dec)],
    ),
    // 199 SYSCALL_SETUID_X
    ev(
        "setuid",
        C::USER | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("uid", T::Uid, F::Dec)],
    ),
    // 200 SYSCALL_SETGID_E
    ev(
        "setgid",
        C::USER | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("gid", T::Gid, F::Dec)],
    ),
    // 201 SYSCALL_SETGID_X
    ev(
        "setgid",
        C::USER | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("gid", T::Gid, F::Dec)],
    ),
    // 202 SYSCALL_GETUID_E
    ev("getuid", C::USER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 203 SYSCALL_GETUID_X
    ev(
        "getuid",
        C::USER | C::SYSCALL,
        EF_NONE,
        &[p("uid", T::Uid, F::Dec)],
    ),
    // 204 SYSCALL_GETEUID_E
    ev("geteuid", C::USER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 205 SYSCALL_GETEUID_X
    ev(
        "geteuid",
        C::USER | C::SYSCALL,
        EF_NONE,
        &[p("euid", T::Uid, F::Dec)],
    ),
    // 206 SYSCALL_GETGID_E
    ev("getgid", C::USER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 207 SYSCALL_GETGID_X
    ev(
        "getgid",
        C::USER | C::SYSCALL,
        EF_NONE,
        &[p("gid", T::Gid, F::Dec)],
    ),
    // 208 SYSCALL_GETEGID_E
    ev("getegid", C::USER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 209 SYSCALL_GETEGID_X
    ev(
        "getegid",
        C::USER | C::SYSCALL,
        EF_NONE,
        &[p("egid", T::Gid, F::Dec)],
    ),
    // 210 SYSCALL_GETRESUID_E
    ev("getresuid", C::USER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 211 SYSCALL_GETRESUID_X
    ev(
        "getresuid",
        C::USER | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    ),
    // 212 SYSCALL_GETRESGID_E
    ev("getresgid", C::USER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 213 SYSCALL_GETRESGID_X
    ev(
        "getresgid",
        C::USER | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    ),
    // 214 SYSCALL_EXECVE_15_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[],
    ),
    // 215 SYSCALL_EXECVE_15_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("env", T::Bytebuf, F::Na),
        ],
    ),
    // 216 SYSCALL_CLONE_17_E
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 217 SYSCALL_CLONE_17_X
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 218 SYSCALL_FORK_17_E
    ev(
        "fork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 219 SYSCALL_FORK_17_X
    ev(
        "fork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 220 SYSCALL_VFORK_17_E
    ev(
        "vfork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 221 SYSCALL_VFORK_17_X
    ev(
        "vfork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 222 SYSCALL_CLONE_20_E
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 223 SYSCALL_CLONE_20_X
    ev(
        "clone",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    ),
    // 224 SYSCALL_FORK_20_E
    ev(
        "fork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 225 SYSCALL_FORK_20_X
    ev(
        "fork",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    ),
    // 226 SYSCALL_VFORK_20_E
    ev(
        "vfork",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 227 SYSCALL_VFORK_20_X
    ev(
        "vfork",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    ),
    // 228 CONTAINER_E
    ev(
        "container",
        C::INTERNAL | C::METAEVENT,
        EF_OLD_VERSION | EF_SKIPPARSERESET | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("id", T::Charbuf, F::Na),
            p("type", T::Uint32, F::Dec),
            p("name", T::Charbuf, F::Na),
            p("image", T::Charbuf, F::Na),
        ],
    ),
    // 229 CONTAINER_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 230 SYSCALL_EXECVE_16_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[],
    ),
    // 231 SYSCALL_EXECVE_16_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            p("env", T::Bytebuf, F::Na),
        ],
    ),
    // 232 SIGNALDELIVER_E
    ev(
        "signaldeliver",
        C::SIGNAL | C::TRACEPOINT,
        EF_NONE,
        &[
            p("spid", T::Pid, F::Dec),
            p("dpid", T::Pid, F::Dec),
            p("sig", T::Sigtype, F::Dec),
        ],
    ),
    // 233 SIGNALDELIVER_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 234 PROCINFO_E
    ev(
        "procinfo",
        C::INTERNAL | C::METAEVENT,
        EF_SKIPPARSERESET,
        &[
            p("cpu_usr", T::Uint64, F::Dec),
            p("cpu_sys", T::Uint64, F::Dec),
        ],
    ),
    // 235 PROCINFO_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 236 SYSCALL_GETDENTS_E
    ev(
        "getdents",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Na)],
    ),
    // 237 SYSCALL_GETDENTS_X
    ev(
        "getdents",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    ),
    // 238 SYSCALL_GETDENTS64_E
    ev(
        "getdents64",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Na)],
    ),
    // 239 SYSCALL_GETDENTS64_X
    ev(
        "getdents64",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    ),
    // 240 SYSCALL_SETNS_E
    ev(
        "setns",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Na),
            named("nstype", T::Flags32, F::Hex, names::CLONE_FLAGS),
        ],
    ),
    // 241 SYSCALL_SETNS_X
    ev(
        "setns",
        C::PROCESS | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Na),
            named("nstype", T::Flags32, F::Hex, names::CLONE_FLAGS),
        ],
    ),
    // 242 SYSCALL_FLOCK_E
    ev(
        "flock",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Na),
            named("operation", T::Flags32, F::Hex, names::FLOCK_FLAGS),
        ],
    ),
    // 243 SYSCALL_FLOCK_X
    ev(
        "flock",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Na),
            named("operation", T::Flags32, F::Hex, names::FLOCK_FLAGS),
        ],
    ),
    // 244 CPU_HOTPLUG_E
    ev(
        "cpu_hotplug",
        C::SYSTEM | C::METAEVENT,
        EF_SKIPPARSERESET | EF_MODIFIES_STATE,
        &[p("cpu", T::Uint32, F::Dec), p("action", T::Uint32, F::Dec)],
    ),
    // 245 CPU_HOTPLUG_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 246 SOCKET_ACCEPT_5_E
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 247 SOCKET_ACCEPT_5_X
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::Socktuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
        ],
    ),
    // 248 SOCKET_ACCEPT4_5_E
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("flags", T::Int32, F::Hex)],
    ),
    // 249 SOCKET_ACCEPT4_5_X
    ev(
        "accept",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::Socktuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
        ],
    ),
    // 250 SYSCALL_SEMOP_E
    ev(
        "semop",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("semid", T::Int32, F::Dec)],
    ),
    // 251 SYSCALL_SEMOP_X
    ev(
        "semop",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("nsops", T::Uint32, F::Dec),
            p("sem_num_0", T::Uint16, F::Dec),
            p("sem_op_0", T::Int16, F::Dec),
            named("sem_flg_0", T::Flags16, F::Hex, names::SEMOP_FLAGS),
            p("sem_num_1", T::Uint16, F::Dec),
            p("sem_op_1", T::Int16, F::Dec),
            named("sem_flg_1", T::Flags16, F::Hex, names::SEMOP_FLAGS),
            p("semid", T::Int32, F::Dec),
        ],
    ),
    // 252 SYSCALL_SEMCTL_E
    ev(
        "semctl",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("semid", T::Int32, F::Dec),
            p("semnum", T::Int32, F::Dec),
            named("cmd", T::Flags16, F::Hex, names::SEMCTL_COMMANDS),
            p("val", T::Int32, F::Dec),
        ],
    ),
    // 253 SYSCALL_SEMCTL_X
    ev(
        "semctl",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("semid", T::Int32, F::Dec),
            p("semnum", T::Int32, F::Dec),
            named("cmd", T::Flags16, F::Hex, names::SEMCTL_COMMANDS),
            p("val", T::Int32, F::Dec),
        ],
    ),
    // 254 SYSCALL_PPOLL_E
    ev(
        "ppoll",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_WAITS | EF_CONVERTER_MANAGED,
        &[
            p("fds", T::Fdlist, F::Dec),
            p("timeout", T::Reltime, F::Dec),
            p("sigmask", T::Sigset, F::Dec),
        ],
    ),
    // 255 SYSCALL_PPOLL_X
    ev(
        "ppoll",
        C::WAIT | C::SYSCALL,
        EF_WAITS | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fds", T::Fdlist, F::Dec),
            p("timeout", T::Reltime, F::Dec),
            p("sigmask", T::Sigset, F::Dec),
        ],
    ),
    // 256 SYSCALL_MOUNT_E
    ev(
        "mount",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[named("flags", T::Flags32, F::Hex, names::MOUNT_FLAGS)],
    ),
    // 257 SYSCALL_MOUNT_X
    ev(
        "mount",
        C::FILE | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("dev", T::Charbuf, F::Na),
            p("dir", T::Fspath, F::Na),
            p("type", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::MOUNT_FLAGS),
        ],
    ),
    // 258 SYSCALL_UMOUNT_E
    ev(
        "umount",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[named("flags", T::Flags32, F::Hex, names::UMOUNT_FLAGS)],
    ),
    // 259 SYSCALL_UMOUNT_X
    ev(
        "umount",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("name", T::Fspath, F::Na)],
    ),
    // 260 K8S_E
    ev(
        "k8s",
        C::INTERNAL | C::METAEVENT,
        EF_OLD_VERSION | EF_SKIPPARSERESET | EF_MODIFIES_STATE,
        &[p("json", T::Charbuf, F::Na)],
    ),
    // 261 K8S_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 262 SYSCALL_SEMGET_E
    ev(
        "semget",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("key", T::Int32, F::Hex),
            p("nsems", T::Int32, F::Dec),
            named("semflg", T::Flags32, F::Hex, names::SEMGET_FLAGS),
        ],
    ),
    // 263 SYSCALL_SEMGET_X
    ev(
        "semget",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("key", T::Int32, F::Hex),
            p("nsems", T::Int32, F::Dec),
            named("semflg", T::Flags32, F::Hex, names::SEMGET_FLAGS),
        ],
    ),
    // 264 SYSCALL_ACCESS_E
    ev(
        "access",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[named("mode", T::Flags32, F::Hex, names::ACCESS_FLAGS)],
    ),
    // 265 SYSCALL_ACCESS_X
    ev(
        "access",
        C::FILE | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("name", T::Fspath, F::Na),
            named("mode", T::Flags32, F::Hex, names::ACCESS_FLAGS),
        ],
    ),
    // 266 SYSCALL_CHROOT_E
    ev(
        "chroot",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 267 SYSCALL_CHROOT_X
    ev(
        "chroot",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[p("res", T::Errno, F::Dec), p("path", T::Fspath, F::Na)],
    ),
    // 268 TRACER_E
    ev(
        "tracer",
        C::OTHER | C::METAEVENT,
        EF_OLD_VERSION,
        &[
            p("id", T::Int64, F::Dec),
            p("tags", T::Charbufarray, F::Na),
            p("args", T::CharbufPairArray, F::Na),
        ],
    ),
    // 269 TRACER_X
    ev(
        "NA",
        C::UNKNOWN,
        EF_UNUSED,
        &[
            p("id", T::Int64, F::Dec),
            p("tags", T::Charbufarray, F::Na),
            p("args", T::CharbufPairArray, F::Na),
        ],
    ),
    // 270 MESOS_E
    ev(
        "mesos",
        C::INTERNAL | C::METAEVENT,
        EF_OLD_VERSION | EF_SKIPPARSERESET | EF_MODIFIES_STATE,
        &[p("json", T::Charbuf, F::Na)],
    ),
    // 271 MESOS_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 272 CONTAINER_JSON_E
    ev(
        "container",
        C::PROCESS | C::METAEVENT,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("json", T::Charbuf, F::Na)],
    ),
    // 273 CONTAINER_JSON_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 274 SYSCALL_SETSID_E
    ev(
        "setsid",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 275 SYSCALL_SETSID_X
    ev(
        "setsid",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[p("res", T::Pid, F::Dec)],
    ),
    // 276 SYSCALL_MKDIR_2_E
    ev(
        "mkdir",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("mode", T::Uint32, F::Hex)],
    ),
    // 277 SYSCALL_MKDIR_2_X
    ev(
        "mkdir",
        C::FILE | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("path", T::Fspath, F::Na),
            p("mode", T::Uint32, F::Hex),
        ],
    ),
    // 278 SYSCALL_RMDIR_2_E
    ev("rmdir", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 279 SYSCALL_RMDIR_2_X
    ev(
        "rmdir",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec), p("path", T::Fspath, F::Na)],
    ),
    // 280 NOTIFICATION_E
    ev(
        "notification",
        C::OTHER | C::METAEVENT,
        EF_SKIPPARSERESET,
        &[p("id", T::Charbuf, F::Dec), p("desc", T::Charbuf, F::Na)],
    ),
    // 281 NOTIFICATION_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 282 SYSCALL_EXECVE_17_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[],
    ),
    // 283 SYSCALL_EXECVE_17_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            p("env", T::Bytebuf, F::Na),
            p("tty", T::Int32, F::Dec),
        ],
    ),
    // 284 SYSCALL_UNSHARE_E
    ev(
        "unshare",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS)],
    ),
    // 285 SYSCALL_UNSHARE_X
    ev(
        "unshare",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
        ],
    ),
    // 286 INFRASTRUCTURE_EVENT_E
    ev(
        "infra",
        C::INTERNAL | C::METAEVENT,
        EF_SKIPPARSERESET,
        &[
            p("source", T::Charbuf, F::Dec),
            p("name", T::Charbuf, F::Na),
            p("description", T::Charbuf, F::Na),
            p("scope", T::Charbuf, F::Na),
        ],
    ),
    // 287 INFRASTRUCTURE_EVENT_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 288 SYSCALL_EXECVE_18_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("filename", T::Fspath, F::Na)],
    ),
    // 289 SYSCALL_EXECVE_18_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            p("env", T::Bytebuf, F::Na),
            p("tty", T::Int32, F::Dec),
        ],
    ),
    // 290 PAGE_FAULT_E
    ev(
        "page_fault",
        C::OTHER | C::TRACEPOINT,
        EF_SKIPPARSERESET,
        &[
            p("addr", T::Uint64, F::Hex),
            p("ip", T::Uint64, F::Hex),
            named("error", T::Flags32, F::Hex, names::PF_FLAGS),
        ],
    ),
    // 291 PAGE_FAULT_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 292 SYSCALL_EXECVE_19_E
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("filename", T::Fspath, F::Na)],
    ),
    // 293 SYSCALL_EXECVE_19_X
    ev(
        "execve",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            p("env", T::Bytebuf, F::Na),
            p("tty", T::Uint32, F::Dec),
            p("vpgid", T::Pid, F::Dec),
            p("loginuid", T::Uid, F::Dec),
            named("flags", T::Flags32, F::Hex, names::EXECVE_FLAGS),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
            p("exe_ino", T::Uint64, F::Dec),
            p("exe_ino_ctime", T::Abstime, F::Dec),
            p("exe_ino_mtime", T::Abstime, F::Dec),
            p("uid", T::Uid, F::Dec),
            p("trusted_exepath", T::Fspath, F::Na),
            p("pgid", T::Pid, F::Na),
            p("gid", T::Gid, F::Dec),
            p("filename", T::Fspath, F::Na),
        ],
    ),
    // 294 SYSCALL_SETPGID_E
    ev(
        "setpgid",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("pid", T::Pid, F::Dec), p("pgid", T::Pid, F::Dec)],
    ),
    // 295 SYSCALL_SETPGID_X
    ev(
        "setpgid",
        C::PROCESS | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("pgid", T::Pid, F::Dec),
        ],
    ),
    // 296 SYSCALL_BPF_E
    ev(
        "bpf",
        C::OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_CONVERTER_MANAGED,
        &[p("cmd", T::Int64, F::Dec)],
    ),
    // 297 SYSCALL_BPF_X
    ev(
        "bpf",
        C::OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_CONVERTER_MANAGED,
        &[dynp("res_or_fd", F::Dec, DYN_BPF)],
    ),
    // 298 SYSCALL_SECCOMP_E
    ev(
        "seccomp",
        C::OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[p("op", T::Uint64, F::Dec), p("flags", T::Uint64, F::Hex)],
    ),
    // 299 SYSCALL_SECCOMP_X
    ev(
        "seccomp",
        C::OTHER | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("op", T::Uint64, F::Dec),
            p("flags", T::Uint64, F::Hex),
        ],
    ),
    // 300 SYSCALL_UNLINK_2_E
    ev("unlink", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 301 SYSCALL_UNLINK_2_X
    ev(
        "unlink",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec), p("path", T::Fspath, F::Na)],
    ),
    // 302 SYSCALL_UNLINKAT_2_E
    ev("unlinkat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 303 SYSCALL_UNLINKAT_2_X
    ev(
        "unlinkat",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("name", F::Na, 1),
            named("flags", T::Flags32, F::Hex, names::UNLINKAT_FLAGS),
        ],
    ),
    // 304 SYSCALL_MKDIRAT_E
    ev("mkdirat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 305 SYSCALL_MKDIRAT_X
    ev(
        "mkdirat",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("path", F::Na, 1),
            p("mode", T::Uint32, F::Hex),
        ],
    ),
    // 306 SYSCALL_OPENAT_2_E
    ev(
        "openat",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("dirfd", T::Fd, F::Dec),
            rel("name", F::Na, 0),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mode", T::Uint32, F::Oct),
        ],
    ),
    // 307 SYSCALL_OPENAT_2_X
    ev(
        "openat",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("name", F::Na, 1),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    ),
    // 308 SYSCALL_LINK_2_E
    ev("link", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 309 SYSCALL_LINK_2_X
    ev(
        "link",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("oldpath", T::Fspath, F::Na),
            p("newpath", T::Fspath, F::Na),
        ],
    ),
    // 310 SYSCALL_LINKAT_2_E
    ev("linkat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 311 SYSCALL_LINKAT_2_X
    ev(
        "linkat",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("olddir", T::Fd, F::Dec),
            rel("oldpath", F::Na, 1),
            p("newdir", T::Fd, F::Dec),
            rel("newpath", F::Na, 3),
            named("flags", T::Flags32, F::Hex, names::LINKAT_FLAGS),
        ],
    ),
    // 312 SYSCALL_FCHMODAT_E
    ev("fchmodat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 313 SYSCALL_FCHMODAT_X
    ev(
        "fchmodat",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("filename", F::Na, 1),
            named("mode", T::Mode, F::Oct, names::CHMOD_MODE),
        ],
    ),
    // 314 SYSCALL_CHMOD_E
    ev("chmod", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 315 SYSCALL_CHMOD_X
    ev(
        "chmod",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("filename", T::Fspath, F::Na),
            named("mode", T::Mode, F::Oct, names::CHMOD_MODE),
        ],
    ),
    // 316 SYSCALL_FCHMOD_E
    ev("fchmod", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 317 SYSCALL_FCHMOD_X
    ev(
        "fchmod",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            named("mode", T::Mode, F::Oct, names::CHMOD_MODE),
        ],
    ),
    // 318 SYSCALL_RENAMEAT2_E
    ev("renameat2", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 319 SYSCALL_RENAMEAT2_X
    ev(
        "renameat2",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("olddirfd", T::Fd, F::Dec),
            rel("oldpath", F::Na, 1),
            p("newdirfd", T::Fd, F::Dec),
            rel("newpath", F::Na, 3),
            named("flags", T::Flags32, F::Hex, names::RENAMEAT2_FLAGS),
        ],
    ),
    // 320 SYSCALL_USERFAULTFD_E
    ev(
        "userfaultfd",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 321 SYSCALL_USERFAULTFD_X
    ev(
        "userfaultfd",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
        ],
    ),
    // 322 PLUGINEVENT_E
    ev(
        "pluginevent",
        C::OTHER | C::PLUGIN,
        EF_LARGE_PAYLOAD,
        &[
            p("plugin_id", T::Uint32, F::Dec),
            p("event_data", T::Bytebuf, F::Na),
        ],
    ),
    // 323 PLUGINEVENT_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 324 CONTAINER_JSON_2_E
    ev(
        "container",
        C::PROCESS | C::METAEVENT,
        EF_MODIFIES_STATE | EF_LARGE_PAYLOAD,
        &[p("json", T::Charbuf, F::Na)],
    ),
    // 325 CONTAINER_JSON_2_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 326 SYSCALL_OPENAT2_E
    ev(
        "openat2",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("dirfd", T::Fd, F::Dec),
            rel("name", F::Na, 0),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mode", T::Uint32, F::Oct),
            named("resolve", T::Flags32, F::Hex, names::OPENAT2_FLAGS),
        ],
    ),
    // 327 SYSCALL_OPENAT2_X
    ev(
        "openat2",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("name", F::Na, 1),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mode", T::Uint32, F::Oct),
            named("resolve", T::Flags32, F::Hex, names::OPENAT2_FLAGS),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    ),
    // 328 SYSCALL_MPROTECT_E
    ev(
        "mprotect",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_CONVERTER_MANAGED,
        &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            named("prot", T::Flags32, F::Hex, names::PROT_FLAGS),
        ],
    ),
    // 329 SYSCALL_MPROTECT_X
    ev(
        "mprotect",
        C::MEMORY | C::SYSCALL,
        EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            named("prot", T::Flags32, F::Hex, names::PROT_FLAGS),
        ],
    ),
    // 330 SYSCALL_EXECVEAT_E
    ev(
        "execveat",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("dirfd", T::Fd, F::Dec),
            rel("pathname", F::Na, 0),
            named("flags", T::Flags32, F::Hex, names::EXECVEAT_FLAGS),
        ],
    ),
    // 331 SYSCALL_EXECVEAT_X
    ev(
        "execveat",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            p("env", T::Bytebuf, F::Na),
            p("tty", T::Uint32, F::Dec),
            p("vpgid", T::Pid, F::Dec),
            p("loginuid", T::Uid, F::Dec),
            named("flags", T::Flags32, F::Hex, names::EXECVE_FLAGS),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
            p("exe_ino", T::Uint64, F::Dec),
            p("exe_ino_ctime", T::Abstime, F::Dec),
            p("exe_ino_mtime", T::Abstime, F::Dec),
            p("uid", T::Uid, F::Dec),
            p("trusted_exepath", T::Fspath, F::Na),
            p("pgid", T::Pid, F::Na),
            p("gid", T::Gid, F::Dec),
        ],
    ),
    // 332 SYSCALL_COPY_FILE_RANGE_E
    ev(
        "copy_file_range",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_USES_FD | EF_READS_FROM_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("fdin", T::Fd, F::Dec),
            p("offin", T::Uint64, F::Dec),
            p("len", T::Uint64, F::Dec),
        ],
    ),
    // 333 SYSCALL_COPY_FILE_RANGE_X
    ev(
        "copy_file_range",
        C::FILE | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD | EF_WRITES_TO_FD | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("fdout", T::Fd, F::Dec),
            p("offout", T::Uint64, F::Dec),
            p("fdin", T::Fd, F::Dec),
            p("offin", T::Uint64, F::Dec),
            p("len", T::Uint64, F::Dec),
        ],
    ),
    // 334 SYSCALL_CLONE3_E
    ev(
        "clone3",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 335 SYSCALL_CLONE3_X
    ev(
        "clone3",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Pid, F::Dec),
            p("exe", T::Charbuf, F::Na),
            p("args", T::Bytebuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("cgroups", T::Bytebuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::CLONE_FLAGS),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    ),
    // 336 SYSCALL_OPEN_BY_HANDLE_AT_E
    ev(
        "open_by_handle_at",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 337 SYSCALL_OPEN_BY_HANDLE_AT_X
    ev(
        "open_by_handle_at",
        C::FILE | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd, F::Dec),
            p("mountfd", T::Fd, F::Dec),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("path", T::Fspath, F::Na),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    ),
    // 338 SYSCALL_IO_URING_SETUP_E
    ev(
        "io_uring_setup",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 339 SYSCALL_IO_URING_SETUP_X
    ev(
        "io_uring_setup",
        C::IO_OTHER | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("entries", T::Uint32, F::Dec),
            p("sq_entries", T::Uint32, F::Dec),
            p("cq_entries", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::IO_URING_SETUP_FLAGS),
            p("sq_thread_cpu", T::Uint32, F::Dec),
            p("sq_thread_idle", T::Uint32, F::Dec),
            named("features", T::Flags32, F::Hex, names::IO_URING_SETUP_FEATS),
        ],
    ),
    // 340 SYSCALL_IO_URING_ENTER_E
    ev(
        "io_uring_enter",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION,
        &[],
    ),
    // 341 SYSCALL_IO_URING_ENTER_X
    ev(
        "io_uring_enter",
        C::IO_OTHER | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("to_submit", T::Uint32, F::Dec),
            p("min_complete", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::IO_URING_ENTER_FLAGS),
            p("sig", T::Sigset, F::Dec),
        ],
    ),
    // 342 SYSCALL_IO_URING_REGISTER_E
    ev(
        "io_uring_register",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION,
        &[],
    ),
    // 343 SYSCALL_IO_URING_REGISTER_X
    ev(
        "io_uring_register",
        C::IO_OTHER | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            named(
                "opcode",
                T::Enumflags16,
                F::Dec,
                names::IO_URING_REGISTER_OPCODES,
            ),
            p("arg", T::Uint64, F::Hex),
            p("nr_args", T::Uint32, F::Dec),
        ],
    ),
    // 344 SYSCALL_MLOCK_E
    ev("mlock", C::MEMORY | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 345 SYSCALL_MLOCK_X
    ev(
        "mlock",
        C::MEMORY | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("len", T::Uint64, F::Dec),
        ],
    ),
    // 346 SYSCALL_MUNLOCK_E
    ev("munlock", C::MEMORY | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 347 SYSCALL_MUNLOCK_X
    ev(
        "munlock",
        C::MEMORY | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("len", T::Uint64, F::Dec),
        ],
    ),
    // 348 SYSCALL_MLOCKALL_E
    ev("mlockall", C::MEMORY | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 349 SYSCALL_MLOCKALL_X
    ev(
        "mlockall",
        C::MEMORY | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            named("flags", T::Flags32, F::Hex, names::MLOCKALL_FLAGS),
        ],
    ),
    // 350 SYSCALL_MUNLOCKALL_E
    ev("munlockall", C::MEMORY | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 351 SYSCALL_MUNLOCKALL_X
    ev(
        "munlockall",
        C::MEMORY | C::SYSCALL,
        EF_NONE,
        &[p("res", T::Errno, F::Dec)],
    ),
    // 352 SYSCALL_CAPSET_E
    ev(
        "capset",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 353 SYSCALL_CAPSET_X
    ev(
        "capset",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
        ],
    ),
    // 354 USER_ADDED_E
    ev(
        "useradded",
        C::PROCESS | C::METAEVENT,
        EF_MODIFIES_STATE,
        &[
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("name", T::Charbuf, F::Na),
            p("home", T::Charbuf, F::Na),
            p("shell", T::Charbuf, F::Na),
            p("container_id", T::Charbuf, F::Na),
        ],
    ),
    // 355 USER_ADDED_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 356 USER_DELETED_E
    ev(
        "userdeleted",
        C::PROCESS | C::METAEVENT,
        EF_MODIFIES_STATE,
        &[
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("name", T::Charbuf, F::Na),
            p("home", T::Charbuf, F::Na),
            p("shell", T::Charbuf, F::Na),
            p("container_id", T::Charbuf, F::Na),
        ],
    ),
    // 357 USER_DELETED_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 358 GROUP_ADDED_E
    ev(
        "groupadded",
        C::PROCESS | C::METAEVENT,
        EF_MODIFIES_STATE,
        &[
            p("gid", T::Uint32, F::Dec),
            p("name", T::Charbuf, F::Na),
            p("container_id", T::Charbuf, F::Na),
        ],
    ),
    // 359 GROUP_ADDED_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 360 GROUP_DELETED_E
    ev(
        "groupdeleted",
        C::PROCESS | C::METAEVENT,
        EF_MODIFIES_STATE,
        &[
            p("gid", T::Uint32, F::Dec),
            p("name", T::Charbuf, F::Na),
            p("container_id", T::Charbuf, F::Na),
        ],
    ),
    // 361 GROUP_DELETED_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 362 SYSCALL_DUP2_E
    ev(
        "dup2",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 363 SYSCALL_DUP2_X
    ev(
        "dup2",
        C::IO_OTHER | C::SYSCALL,
        EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Fd, F::Dec),
            p("oldfd", T::Fd, F::Dec),
            p("newfd", T::Fd, F::Dec),
        ],
    ),
    // 364 SYSCALL_DUP3_E
    ev(
        "dup3",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 365 SYSCALL_DUP3_X
    ev(
        "dup3",
        C::IO_OTHER | C::SYSCALL,
        EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Fd, F::Dec),
            p("oldfd", T::Fd, F::Dec),
            p("newfd", T::Fd, F::Dec),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
        ],
    ),
    // 366 SYSCALL_DUP_1_E
    ev(
        "dup",
        C::IO_OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE,
        &[p("fd", T::Fd, F::Dec)],
    ),
    // 367 SYSCALL_DUP_1_X
    ev(
        "dup",
        C::IO_OTHER | C::SYSCALL,
        EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE,
        &[p("res", T::Fd, F::Dec), p("oldfd", T::Fd, F::Dec)],
    ),
    // 368 SYSCALL_BPF_2_E
    ev(
        "bpf",
        C::OTHER | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD,
        &[p("cmd", T::Int64, F::Dec)],
    ),
    // 369 SYSCALL_BPF_2_X
    ev(
        "bpf",
        C::OTHER | C::SYSCALL,
        EF_CREATES_FD,
        &[
            p("fd", T::Fd, F::Dec),
            named("cmd", T::Enumflags32, F::Dec, names::BPF_COMMANDS),
        ],
    ),
    // 370 SYSCALL_MLOCK2_E
    ev("mlock2", C::MEMORY | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 371 SYSCALL_MLOCK2_X
    ev(
        "mlock2",
        C::MEMORY | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("len", T::Uint64, F::Dec),
            named("flags", T::Flags32, F::Hex, names::MLOCK2_FLAGS),
        ],
    ),
    // 372 SYSCALL_FSCONFIG_E
    ev("fsconfig", C::SYSTEM | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 373 SYSCALL_FSCONFIG_X
    ev(
        "fsconfig",
        C::SYSTEM | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            named("cmd", T::Enumflags32, F::Dec, names::FSCONFIG_CMDS),
            p("key", T::Charbuf, F::Na),
            p("value_bytebuf", T::Bytebuf, F::Na),
            p("value_charbuf", T::Charbuf, F::Na),
            p("aux", T::Int32, F::Dec),
        ],
    ),
    // 374 SYSCALL_EPOLL_CREATE_E
    ev(
        "epoll_create",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("size", T::Int32, F::Dec)],
    ),
    // 375 SYSCALL_EPOLL_CREATE_X
    ev(
        "epoll_create",
        C::WAIT | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("res", T::Errno, F::Dec), p("size", T::Int32, F::Dec)],
    ),
    // 376 SYSCALL_EPOLL_CREATE1_E
    ev(
        "epoll_create1",
        C::WAIT | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[named(
            "flags",
            T::Flags32,
            F::Hex,
            names::EPOLL_CREATE1_FLAGS,
        )],
    ),
    // 377 SYSCALL_EPOLL_CREATE1_X
    ev(
        "epoll_create1",
        C::WAIT | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            named("flags", T::Flags32, F::Hex, names::EPOLL_CREATE1_FLAGS),
        ],
    ),
    // 378 SYSCALL_CHOWN_E
    ev("chown", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 379 SYSCALL_CHOWN_X
    ev(
        "chown",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("path", T::Fspath, F::Na),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 380 SYSCALL_LCHOWN_E
    ev("lchown", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 381 SYSCALL_LCHOWN_X
    ev(
        "lchown",
        C::FILE | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("path", T::Fspath, F::Na),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 382 SYSCALL_FCHOWN_E
    ev("fchown", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 383 SYSCALL_FCHOWN_X
    ev(
        "fchown",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    ),
    // 384 SYSCALL_FCHOWNAT_E
    ev("fchownat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 385 SYSCALL_FCHOWNAT_X
    ev(
        "fchownat",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("pathname", F::Na, 1),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::FCHOWNAT_FLAGS),
        ],
    ),
    // 386 SYSCALL_UMOUNT_1_E
    ev(
        "umount",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 387 SYSCALL_UMOUNT_1_X
    ev(
        "umount",
        C::FILE | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[p("res", T::Errno, F::Dec), p("name", T::Fspath, F::Na)],
    ),
    // 388 SOCKET_ACCEPT4_6_E
    ev(
        "accept4",
        C::NET | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("flags", T::Int32, F::Hex)],
    ),
    // 389 SOCKET_ACCEPT4_6_X
    ev(
        "accept4",
        C::NET | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::Socktuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
            p("flags", T::Int32, F::Hex),
        ],
    ),
    // 390 SYSCALL_UMOUNT2_E
    ev(
        "umount2",
        C::FILE | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[named("flags", T::Flags32, F::Hex, names::UMOUNT_FLAGS)],
    ),
    // 391 SYSCALL_UMOUNT2_X
    ev(
        "umount2",
        C::FILE | C::SYSCALL,
        EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Errno, F::Dec),
            p("name", T::Fspath, F::Na),
            named("flags", T::Flags32, F::Hex, names::UMOUNT_FLAGS),
        ],
    ),
    // 392 SYSCALL_PIPE2_E
    ev(
        "pipe2",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 393 SYSCALL_PIPE2_X
    ev(
        "pipe2",
        C::IPC | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("ino", T::Uint64, F::Dec),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
        ],
    ),
    // 394 SYSCALL_INOTIFY_INIT1_E
    ev(
        "inotify_init1",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 395 SYSCALL_INOTIFY_INIT1_X
    ev(
        "inotify_init1",
        C::IPC | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("res", T::Fd, F::Dec),
            named("flags", T::Flags16, F::Hex, names::FILE_FLAGS),
        ],
    ),
    // 396 SYSCALL_EVENTFD2_E
    ev(
        "eventfd2",
        C::IPC | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("initval", T::Uint64, F::Dec)],
    ),
    // 397 SYSCALL_EVENTFD2_X
    ev(
        "eventfd2",
        C::IPC | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Fd, F::Dec),
            named("flags", T::Flags16, F::Hex, names::FILE_FLAGS),
            p("initval", T::Uint64, F::Dec),
        ],
    ),
    // 398 SYSCALL_SIGNALFD4_E
    ev(
        "signalfd4",
        C::SIGNAL | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[p("fd", T::Fd, F::Dec), p("mask", T::Uint32, F::Hex)],
    ),
    // 399 SYSCALL_SIGNALFD4_X
    ev(
        "signalfd4",
        C::SIGNAL | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE | EF_CONVERTER_MANAGED,
        &[
            p("res", T::Fd, F::Dec),
            named("flags", T::Flags16, F::Hex, names::FILE_FLAGS),
            p("fd", T::Fd, F::Dec),
            p("mask", T::Uint32, F::Hex),
        ],
    ),
    // 400 SYSCALL_PRCTL_E
    ev(
        "prctl",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 401 SYSCALL_PRCTL_X
    ev(
        "prctl",
        C::PROCESS | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            named("option", T::Enumflags32, F::Dec, names::PRCTL_OPTIONS),
            p("arg2_str", T::Charbuf, F::Na),
            p("arg2_int", T::Int64, F::Dec),
        ],
    ),
    // 402 ASYNCEVENT_E
    ev(
        "asyncevent",
        C::OTHER | C::METAEVENT,
        EF_LARGE_PAYLOAD,
        &[
            p("plugin_id", T::Uint32, F::Dec),
            p("name", T::Charbuf, F::Na),
            p("data", T::Bytebuf, F::Na),
        ],
    ),
    // 403 ASYNCEVENT_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 404 SYSCALL_MEMFD_CREATE_E
    ev(
        "memfd_create",
        C::MEMORY | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 405 SYSCALL_MEMFD_CREATE_X
    ev(
        "memfd_create",
        C::MEMORY | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd, F::Dec),
            p("name", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::MEMFD_CREATE_FLAGS),
        ],
    ),
    // 406 SYSCALL_PIDFD_GETFD_E
    ev(
        "pidfd_getfd",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 407 SYSCALL_PIDFD_GETFD_X
    ev(
        "pidfd_getfd",
        C::PROCESS | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd, F::Dec),
            p("pid_fd", T::Fd, F::Dec),
            p("target_fd", T::Fd, F::Dec),
            p("flags", T::Uint32, F::Hex),
        ],
    ),
    // 408 SYSCALL_PIDFD_OPEN_E
    ev(
        "pidfd_open",
        C::PROCESS | C::SYSCALL,
        EF_OLD_VERSION | EF_CREATES_FD | EF_MODIFIES_STATE,
        &[],
    ),
    // 409 SYSCALL_PIDFD_OPEN_X
    ev(
        "pidfd_open",
        C::PROCESS | C::SYSCALL,
        EF_CREATES_FD | EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd, F::Dec),
            p("pid", T::Pid, F::Dec),
            named("flags", T::Flags32, F::Hex, names::PIDFD_OPEN_FLAGS),
        ],
    ),
    // 410 SYSCALL_INIT_MODULE_E
    ev("init_module", C::OTHER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 411 SYSCALL_INIT_MODULE_X
    ev(
        "init_module",
        C::OTHER | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("img", T::Bytebuf, F::Na),
            p("length", T::Uint64, F::Dec),
            p("uargs", T::Charbuf, F::Na),
        ],
    ),
    // 412 SYSCALL_FINIT_MODULE_E
    ev("finit_module", C::OTHER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 413 SYSCALL_FINIT_MODULE_X
    ev(
        "finit_module",
        C::OTHER | C::SYSCALL,
        EF_USES_FD | EF_READS_FROM_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("uargs", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::FINIT_MODULE_FLAGS),
        ],
    ),
    // 414 SYSCALL_MKNOD_E
    ev("mknod", C::OTHER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 415 SYSCALL_MKNOD_X
    ev(
        "mknod",
        C::OTHER | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("path", T::Fspath, F::Na),
            named("mode", T::Mode, F::Oct, names::MKNOD_MODE),
            p("dev", T::Uint32, F::Dec),
        ],
    ),
    // 416 SYSCALL_MKNODAT_E
    ev("mknodat", C::OTHER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 417 SYSCALL_MKNODAT_X
    ev(
        "mknodat",
        C::OTHER | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("path", F::Na, 1),
            named("mode", T::Mode, F::Oct, names::MKNOD_MODE),
            p("dev", T::Uint32, F::Dec),
        ],
    ),
    // 418 SYSCALL_NEWFSTATAT_E
    ev("newfstatat", C::FILE | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 419 SYSCALL_NEWFSTATAT_X
    ev(
        "newfstatat",
        C::FILE | C::SYSCALL,
        EF_USES_FD,
        &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            rel("path", F::Na, 1),
            named("flags", T::Flags32, F::Hex, names::NEWFSTATAT_FLAGS),
        ],
    ),
    // 420 SYSCALL_PROCESS_VM_READV_E
    ev("process_vm_readv", C::SYSCALL | C::IPC, EF_OLD_VERSION, &[]),
    // 421 SYSCALL_PROCESS_VM_READV_X
    ev(
        "process_vm_readv",
        C::SYSCALL | C::IPC,
        EF_NONE,
        &[
            p("res", T::Int64, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("data", T::Bytebuf, F::Na),
        ],
    ),
    // 422 SYSCALL_PROCESS_VM_WRITEV_E
    ev(
        "process_vm_writev",
        C::SYSCALL | C::IPC,
        EF_OLD_VERSION,
        &[],
    ),
    // 423 SYSCALL_PROCESS_VM_WRITEV_X
    ev(
        "process_vm_writev",
        C::SYSCALL | C::IPC,
        EF_NONE,
        &[
            p("res", T::Int64, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("data", T::Bytebuf, F::Na),
        ],
    ),
    // 424 SYSCALL_DELETE_MODULE_E
    ev("delete_module", C::OTHER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 425 SYSCALL_DELETE_MODULE_X
    ev(
        "delete_module",
        C::OTHER | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            p("name", T::Charbuf, F::Na),
            named("flags", T::Flags32, F::Hex, names::DELETE_MODULE_FLAGS),
        ],
    ),
    // 426 SYSCALL_SETREUID_E
    ev(
        "setreuid",
        C::USER | C::SYSCALL,
        EF_OLD_VERSION | EF_MODIFIES_STATE,
        &[],
    ),
    // 427 SYSCALL_SETREUID_X
    ev(
        "setreuid",
        C::USER | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
        ],
    ),
    // 428 SYSCALL_SETREGID_E
    ev("setregid", C::USER | C::SYSCALL, EF_OLD_VERSION, &[]),
    // 429 SYSCALL_SETREGID_X
    ev(
        "setregid",
        C::USER | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("rgid", T::Uid, F::Dec),
            p("egid", T::Uid, F::Dec),
        ],
    ),
    // 430 ITER_TASK_E
    ev(
        "task",
        C::ITER | C::PROCESS,
        EF_MODIFIES_STATE,
        &[
            p("ppid", T::Pid32, F::Dec),
            p("pgid", T::Pid32, F::Dec),
            p("vpgid", T::Pid32, F::Dec),
            p("sid", T::Pid32, F::Dec),
            p("comm", T::Charbuf, F::Na),
            p("argv", T::Charbufarray, F::Na),
            p("exepath", T::Fspath, F::Na),
            named("flags", T::Flags32, F::Hex, names::EXECVE_FLAGS),
            p("env", T::Charbufarray, F::Na),
            p("cwd", T::Charbuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("exe_ino_num", T::Uint64, F::Dec),
            p("exe_ino_ctime", T::Abstime, F::Dec),
            p("exe_ino_mtime", T::Abstime, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vtgid", T::Pid32, F::Dec),
            p("vpid", T::Pid32, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
            p("cgroups", T::Charbufarray, F::Na),
            p("root", T::Fspath, F::Na),
            p("start_time", T::Abstime, F::Dec),
            p("tty", T::Uint32, F::Dec),
            p("loginuid", T::Uid, F::Dec),
        ],
    ),
    // 431 ITER_TASK_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 432 ITER_TASK_FILE_PIPE_E
    ev(
        "task_file_pipe",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::Fspath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 433 ITER_TASK_FILE_PIPE_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 434 ITER_TASK_FILE_MEMFD_E
    ev(
        "task_file_memfd",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::Fspath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 435 ITER_TASK_FILE_MEMFD_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 436 ITER_TASK_FILE_REGULAR_E
    ev(
        "task_file_regular",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::Fspath, F::Na),
            named("flags", T::Flags32, F::Hex, names::FILE_FLAGS),
            p("mnt_id", T::Uint32, F::Dec),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 437 ITER_TASK_FILE_REGULAR_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 438 ITER_TASK_FILE_DIRECTORY_E
    ev(
        "task_file_directory",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::Fspath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 439 ITER_TASK_FILE_DIRECTORY_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 440 ITER_TASK_FILE_SOCKET_INET_E
    ev(
        "task_file_socket_inet",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("local_ip", T::Ipv4addr, F::Hex),
            p("local_port", T::Port, F::Hex),
            p("remote_ip", T::Ipv4addr, F::Hex),
            p("remote_port", T::Port, F::Hex),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 441 ITER_TASK_FILE_SOCKET_INET_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 442 ITER_TASK_FILE_SOCKET_INET6_E
    ev(
        "task_file_socket_inet6",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("local_ip", T::Ipv6addr, F::Hex),
            p("local_port", T::Port, F::Hex),
            p("remote_ip", T::Ipv6addr, F::Hex),
            p("remote_port", T::Port, F::Hex),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 443 ITER_TASK_FILE_SOCKET_INET6_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 444 ITER_TASK_FILE_SOCKET_UNIX_E
    ev(
        "task_file_socket_unix",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("sk_pointer", T::Uint64, F::Na),
            p("sun_path", T::Fspath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 445 ITER_TASK_FILE_SOCKET_UNIX_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 446 ITER_TASK_FILE_SOCKET_NETLINK_E
    ev(
        "task_file_socket_netlink",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 447 ITER_TASK_FILE_SOCKET_NETLINK_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 448 ITER_TASK_FILE_ANON_INODE_E
    ev(
        "task_file_anon_inode",
        C::ITER | C::FILE,
        EF_MODIFIES_STATE,
        &[
            p("fd", T::Fd32, F::Dec),
            named("fd_type", T::Flags8, F::Dec, names::ANON_INODE_FD_TYPES),
            p("path", T::Fspath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    ),
    // 449 ITER_TASK_FILE_ANON_INODE_X
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 450 SYSCALL_CLOSE_RANGE_E
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 451 SYSCALL_CLOSE_RANGE_X
    ev(
        "close_range",
        C::IO_OTHER | C::SYSCALL,
        EF_MODIFIES_STATE,
        &[
            p("res", T::Errno, F::Dec),
            p("first", T::Uint32, F::Dec),
            p("last", T::Uint32, F::Dec),
            named("flags", T::Flags32, F::Hex, names::CLOSE_RANGE_FLAGS),
        ],
    ),
    // 452 SYSCALL_KEYCTL_E
    ev("NA", C::UNKNOWN, EF_UNUSED, &[]),
    // 453 SYSCALL_KEYCTL_X
    ev(
        "keyctl",
        C::OTHER | C::SYSCALL,
        EF_NONE,
        &[
            p("res", T::Errno, F::Dec),
            named(
                "operation",
                T::Enumflags32,
                F::Dec,
                names::KEYCTL_OPERATIONS,
            ),
            dynp("arg2", F::Dec, DYN_KEYCTL),
            dynp("arg3", F::Dec, DYN_KEYCTL),
            dynp("arg4", F::Dec, DYN_KEYCTL),
            dynp("arg5", F::Dec, DYN_KEYCTL),
        ],
    ),
];

/// Parameters that libs e5c53d64 (the libs sysdig 0.29.3 was built against) described
/// differently from the current table: (event, parameter index, the old description). Only the
/// sysdig rendering dialect uses them, to print what sysdig prints for the same bytes.
pub(crate) static SYSDIG_PARAM_OVERRIDES: &[(u16, u8, ParamInfo)] = &[
    (
        18,
        0,
        named("domain", T::Flags32, F::Dec, names::SOCKET_FAMILIES),
    ),
    (24, 1, p("backlog", T::Uint32, F::Dec)),
    (36, 1, named("how", T::Flags8, F::Hex, names::SHUTDOWN_HOW)),
    (
        42,
        0,
        named("domain", T::Flags32, F::Dec, names::SOCKET_FAMILIES),
    ),
    (
        45,
        2,
        named("level", T::Flags8, F::Dec, names::SOCKOPT_LEVELS),
    ),
    (
        45,
        3,
        named("optname", T::Flags8, F::Dec, names::SOCKOPT_OPTIONS),
    ),
    (
        47,
        2,
        named("level", T::Flags8, F::Dec, names::SOCKOPT_LEVELS),
    ),
    (
        47,
        3,
        named("optname", T::Flags8, F::Dec, names::SOCKOPT_OPTIONS),
    ),
    (62, 1, p("flags", T::Flags32, F::Hex)),
    (
        86,
        2,
        named("whence", T::Flags8, F::Dec, names::LSEEK_WHENCE),
    ),
    (
        88,
        2,
        named("whence", T::Flags8, F::Dec, names::LSEEK_WHENCE),
    ),
    (126, 2, p("flags", T::Flags8, F::Hex)),
    (136, 1, p("flags", T::Flags8, F::Hex)),
    (138, 0, p("flags", T::Flags8, F::Hex)),
    (
        140,
        0,
        named("resource", T::Flags8, F::Dec, names::RLIMIT_RESOURCES),
    ),
    (
        142,
        0,
        named("resource", T::Flags8, F::Dec, names::RLIMIT_RESOURCES),
    ),
    (
        144,
        1,
        named("resource", T::Flags8, F::Dec, names::RLIMIT_RESOURCES),
    ),
    (
        150,
        1,
        named("cmd", T::Flags8, F::Dec, names::FCNTL_COMMANDS),
    ),
    (161, 0, p("res", T::Uint64, F::Hex)),
    (163, 0, p("res", T::Uint64, F::Hex)),
    (
        168,
        0,
        named("request", T::Flags16, F::Dec, names::PTRACE_REQUESTS),
    ),
    (293, 16, p("tty", T::Int32, F::Dec)),
    (293, 17, p("pgid", T::Pid, F::Dec)),
    (293, 18, p("loginuid", T::Int32, F::Dec)),
    (295, 0, p("res", T::Pid, F::Dec)),
    (322, 0, p("event_data", T::Bytebuf, F::Na)),
    (331, 16, p("tty", T::Int32, F::Dec)),
    (331, 17, p("pgid", T::Pid, F::Dec)),
    (331, 18, p("loginuid", T::Int32, F::Dec)),
];

/// Rows that had fewer parameters in libs e5c53d64: (event, parameter count there). sysdig
/// 0.29.3 ignores the parameters past that count.
pub(crate) static SYSDIG_NPARAMS: &[(u16, u8)] = &[
    (1, 1),
    (3, 5),
    (5, 1),
    (7, 2),
    (9, 2),
    (19, 1),
    (21, 2),
    (23, 2),
    (25, 1),
    (29, 2),
    (31, 2),
    (33, 2),
    (35, 3),
    (37, 1),
    (43, 5),
    (49, 2),
    (51, 0),
    (53, 4),
    (55, 0),
    (59, 4),
    (63, 1),
    (65, 1),
    (71, 1),
    (79, 1),
    (81, 2),
    (87, 1),
    (89, 1),
    (97, 1),
    (113, 2),
    (115, 2),
    (117, 3),
    (119, 2),
    (121, 3),
    (123, 2),
    (127, 1),
    (129, 1),
    (131, 1),
    (133, 1),
    (135, 1),
    (137, 1),
    (139, 1),
    (141, 3),
    (143, 3),
    (145, 5),
    (151, 1),
    (159, 4),
    (161, 4),
    (163, 4),
    (165, 4),
    (167, 1),
    (169, 3),
    (171, 1),
    (186, 4),
    (189, 2),
    (191, 14),
    (193, 1),
    (195, 1),
    (199, 1),
    (201, 1),
    (223, 20),
    (225, 20),
    (227, 20),
    (237, 1),
    (239, 1),
    (241, 1),
    (243, 1),
    (251, 8),
    (253, 1),
    (255, 2),
    (257, 4),
    (263, 1),
    (265, 2),
    (277, 2),
    (285, 1),
    (293, 20),
    (295, 1),
    (299, 1),
    (307, 6),
    (322, 1),
    (327, 6),
    (329, 1),
    (331, 20),
    (333, 3),
    (335, 20),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ppme;

    fn shared_dir() -> std::path::PathBuf {
        std::env::var_os("PEREGRINE_SHARED")
            .map(Into::into)
            .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into())
    }

    #[test]
    fn table_has_one_row_per_event_number() {
        assert_eq!(EVENT_TABLE.len(), ppme::EVENT_MAX as usize);
        assert_eq!(EVENT_TABLE.len(), 454);
        assert_eq!(ppme::ENUM_NAMES.len(), 454);
        assert!(info(453).is_some());
        assert!(info(454).is_none());
    }

    #[test]
    fn enter_and_exit_share_a_name_unless_one_is_a_filler() {
        for pair in EVENT_TABLE.chunks(2) {
            let (e, x) = (&pair[0], &pair[1]);
            if e.is_unused() || x.is_unused() {
                let filler = if e.is_unused() { e } else { x };
                assert_eq!(filler.name, "NA");
                assert_eq!(filler.category.0, Category::UNKNOWN);
                continue;
            }
            assert_eq!(e.name, x.name, "enter/exit pair named differently");
        }
    }

    #[test]
    fn exit_enum_names_follow_their_enter() {
        for (i, pair) in ppme::ENUM_NAMES.chunks(2).enumerate() {
            let stem_e = pair[0]
                .strip_suffix("_E")
                .expect("even rows are enter events");
            let stem_x = pair[1]
                .strip_suffix("_X")
                .expect("odd rows are exit events");
            assert_eq!(stem_e, stem_x, "pair at {}", 2 * i);
        }
    }

    #[test]
    fn large_payload_exactly_on_the_three_upstream_rows() {
        let large: Vec<usize> = EVENT_TABLE
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_large_payload())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(large, vec![322, 324, 402]);
        assert_eq!(ppme::PLUGINEVENT_E, 322);
        assert_eq!(ppme::CONTAINER_JSON_2_E, 324);
        assert_eq!(ppme::ASYNCEVENT_E, 402);
    }

    #[test]
    fn well_known_numbers() {
        assert_eq!(ppme::SYSCALL_OPEN_E, 2);
        assert_eq!(ppme::SOCKET_CONNECT_X, 23);
        assert_eq!(ppme::SYSCALL_EXECVE_19_X, 293);
        assert_eq!(ppme::PROCEXIT_1_E, 186);
        assert_eq!(ppme::SCHEDSWITCH_6_E, 152);
        assert_eq!(ppme::SYSCALL_OPENAT_2_X, 307);
        assert_eq!(ppme::enum_name(293), Some("SYSCALL_EXECVE_19_X"));
    }

    #[test]
    fn by_name_finds_every_version() {
        let accept: Vec<u16> = by_name("accept").collect();
        assert_eq!(accept, vec![26, 27, 56, 57, 246, 247, 248, 249]);
        let execve: Vec<u16> = by_name("execve").collect();
        for n in [12, 13, 230, 231, 282, 283, 288, 289, 292, 293] {
            assert!(execve.contains(&n), "execve misses {n}");
        }
        assert!(execve
            .iter()
            .all(|&n| info(n).is_some_and(|e| e.name == "execve")));
        assert_eq!(by_name("NA").count(), 0);
        assert_eq!(by_name("no-such-event").count(), 0);
    }

    #[test]
    fn syscall_ids_name_generic_events() {
        // falco/syscall.scap carries madvise as a generic event with ID 139.
        assert_eq!(syscall_name(139), Some("madvise"));
        assert_eq!(syscall_name(0), Some("<unknown>"));
        assert_eq!(syscall_name(5), Some("open"));
        assert_eq!(syscall_name(u16::MAX), None);
    }

    #[test]
    fn fsrelpath_and_dyn_extras_point_at_valid_params() {
        for (n, e) in EVENT_TABLE.iter().enumerate() {
            for p in e.params {
                match (p.ptype, p.extra) {
                    (ParamType::Fsrelpath, ParamExtra::DirFd(i)) => {
                        let d = &e.params[i as usize];
                        assert!(
                            matches!(d.ptype, ParamType::Fd | ParamType::Fd32),
                            "{n} {}",
                            p.name
                        );
                    }
                    (ParamType::Fsrelpath, _) => panic!("{n}: FSRELPATH without dirfd"),
                    (ParamType::Dyn, ParamExtra::Dyn(t)) => assert!(!t.is_empty()),
                    (ParamType::Dyn, _) => panic!("{n}: DYN without candidates"),
                    (_, ParamExtra::DirFd(_) | ParamExtra::Dyn(_)) => panic!("{n}: stray extra"),
                    _ => {}
                }
            }
        }
    }

    /// `docs/scap-format.md` §6 lists name, direction and parameters for the detection-relevant
    /// rows; the table must agree with every one of them.
    #[test]
    fn agrees_with_scap_format_section_6() {
        let doc = std::fs::read_to_string(shared_dir().join("docs/scap-format.md"))
            .expect("scap-format.md");
        let start = doc.find("## 6.").expect("section 6");
        let end = doc[start..].find("## 7.").map_or(doc.len(), |e| start + e);
        let mut rows = 0;
        for line in doc[start..end].lines() {
            let cols: Vec<&str> = line.split('|').map(str::trim).collect();
            let Some(num) = cols.get(1).and_then(|c| c.parse::<u16>().ok()) else {
                continue;
            };
            rows += 1;
            let row = info(num).expect("row exists");
            assert_eq!(
                ppme::enum_name(num)
                    .map(|n| format!("`PPME_{n}`"))
                    .as_deref(),
                Some(cols[2])
            );
            assert_eq!(row.name, cols[3], "name of {num}");
            assert_eq!(if num & 1 == 0 { "E" } else { "X" }, cols[4]);
            assert_eq!(
                row.is_old_version(),
                cols[5].contains("old"),
                "old flag of {num}"
            );
            assert_eq!(row.is_large_payload(), cols[5].contains("LARGE"));
            assert_eq!(
                row.params.len(),
                cols[6].parse::<usize>().expect("nparams"),
                "nparams of {num}"
            );
            if cols[8] == "(none)" {
                continue;
            }
            for (i, spec) in cols[8].split(", ").enumerate() {
                let (idx, rest) = spec.split_once(':').expect("index:name(type)");
                let (pname, ptype) = rest
                    .trim_end_matches(')')
                    .split_once('(')
                    .expect("name(type)");
                assert_eq!(idx.parse::<usize>().ok(), Some(i));
                let p = &row.params[i];
                assert_eq!(p.name, pname, "param {i} of {num}");
                let ours = format!("{:?}", p.ptype).to_uppercase();
                assert_eq!(ours, ptype.replace('_', ""), "type of param {i} of {num}");
            }
        }
        assert_eq!(rows, 90);
    }
}
