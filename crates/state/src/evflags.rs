//! Per-event-type facts the state engine needs beyond the event table: which events carry
//! an fd in which parameter, and the fd flags as the emulated libsinsp version saw them.

use peregrine_event::ppme::*;
use peregrine_event::types::flags::*;

use crate::Compat;

/// The event-table flags of `etype`, adjusted to what the emulated libsinsp had.
///
/// sysdig 0.29.3's table lacked `EF_USES_FD` on a handful of events that carry a dirfd or a
/// mapped fd (mmap, the `*at` calls below, sendmmsg/recvmmsg) and still had it on fstat64;
/// that decides whether `fd.*` fields exist on those events.
pub(crate) fn event_flags(etype: u16, compat: Compat) -> u32 {
    let f = peregrine_event::info(etype).map(|i| i.flags).unwrap_or(0);
    if compat != Compat::Sysdig {
        return f;
    }
    match etype {
        SYSCALL_MMAP_E | SYSCALL_MMAP_X | SYSCALL_MMAP2_E | SYSCALL_MMAP2_X
        | SYSCALL_SYMLINKAT_X | SYSCALL_UNLINKAT_2_X | SYSCALL_MKDIRAT_X | SYSCALL_FCHMODAT_X
        | SYSCALL_FCHMOD_X => f & !EF_USES_FD,
        SOCKET_SENDMMSG_X | SOCKET_RECVMMSG_X => {
            f & !(EF_USES_FD | EF_READS_FROM_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE)
        }
        SYSCALL_FSTAT64_X => f | EF_USES_FD,
        _ => f,
    }
}

/// Whether `fd.*` fields apply to events of this type (upstream `extract_fd`).
pub(crate) fn is_fd_event(flags: u32) -> bool {
    flags & (EF_CREATES_FD | EF_USES_FD | EF_DESTROYS_FD) != 0
}

/// Index of the fd parameter of an enter event that uses one.
pub(crate) fn enter_fd_param(etype: u16) -> usize {
    match etype {
        SYSCALL_MMAP_E | SYSCALL_MMAP2_E => 4,
        SYSCALL_SPLICE_E => 1,
        _ => 0,
    }
}

/// Index of the fd parameter of an exit event that uses one, in the exit-only layouts.
pub(crate) fn exit_fd_param(etype: u16) -> Option<usize> {
    Some(match etype {
        SYSCALL_SETNS_X
        | SOCKET_LISTEN_X
        | SOCKET_SHUTDOWN_X
        | SYSCALL_FCHDIR_X
        | SYSCALL_LSEEK_X
        | SYSCALL_LLSEEK_X
        | SYSCALL_IOCTL_3_X
        | SYSCALL_FSTAT_X
        | SYSCALL_CLOSE_X
        | SYSCALL_GETDENTS_X
        | SYSCALL_GETDENTS64_X
        | SYSCALL_FLOCK_X
        | SYSCALL_COPY_FILE_RANGE_X
        | SYSCALL_FCNTL_X
        | SYSCALL_DUP_1_X
        | SYSCALL_DUP2_X
        | SYSCALL_DUP3_X
        | SYSCALL_NEWFSTATAT_X
        | SYSCALL_FCHOWNAT_X
        | SYSCALL_FCHMODAT_X
        | SYSCALL_MKDIRAT_X
        | SYSCALL_UNLINKAT_2_X
        | SYSCALL_MKNODAT_X
        | SOCKET_SENDMMSG_X
        | SOCKET_RECVMMSG_X
        | SYSCALL_IO_URING_REGISTER_X
        | SYSCALL_IO_URING_ENTER_X
        | SOCKET_SETSOCKOPT_X
        | SOCKET_GETSOCKOPT_X
        | SYSCALL_FSCONFIG_X
        | SYSCALL_FINIT_MODULE_X
        | SYSCALL_FCHMOD_X
        | SYSCALL_FCHOWN_X => 1,
        SYSCALL_READ_X | SYSCALL_PREAD_X | SOCKET_BIND_X | SYSCALL_WRITE_X | SYSCALL_PWRITE_X
        | SOCKET_RECV_X | SOCKET_SEND_X | SOCKET_SENDTO_X | SOCKET_SENDMSG_X
        | SYSCALL_SENDFILE_X | SYSCALL_SPLICE_X | SYSCALL_WRITEV_X | SYSCALL_PWRITEV_X
        | SOCKET_CONNECT_X | SYSCALL_SYMLINKAT_X => 2,
        SOCKET_RECVFROM_X | SYSCALL_READV_X | SYSCALL_PREADV_X => 3,
        SOCKET_RECVMSG_X => 5,
        SYSCALL_MMAP_X | SYSCALL_MMAP2_X => 8,
        _ => return None,
    })
}

pub(crate) fn is_clone_exit(etype: u16) -> bool {
    matches!(
        etype,
        SYSCALL_CLONE_11_X
            | SYSCALL_CLONE_16_X
            | SYSCALL_CLONE_17_X
            | SYSCALL_CLONE_20_X
            | SYSCALL_FORK_X
            | SYSCALL_FORK_17_X
            | SYSCALL_FORK_20_X
            | SYSCALL_VFORK_X
            | SYSCALL_VFORK_17_X
            | SYSCALL_VFORK_20_X
            | SYSCALL_CLONE3_X
    )
}

pub(crate) fn is_execve_exit(etype: u16) -> bool {
    matches!(
        etype,
        SYSCALL_EXECVE_8_X
            | SYSCALL_EXECVE_13_X
            | SYSCALL_EXECVE_14_X
            | SYSCALL_EXECVE_15_X
            | SYSCALL_EXECVE_16_X
            | SYSCALL_EXECVE_17_X
            | SYSCALL_EXECVE_18_X
            | SYSCALL_EXECVE_19_X
            | SYSCALL_EXECVEAT_X
    )
}

/// Enter events whose parameters an exit parser may need (upstream `store_event`).
pub(crate) fn stores_enter(etype: u16) -> bool {
    matches!(
        etype,
        SOCKET_SENDTO_E
            | SYSCALL_OPEN_E
            | SYSCALL_CREAT_E
            | SYSCALL_OPENAT_E
            | SYSCALL_OPENAT_2_E
            | SYSCALL_OPENAT2_E
            | SOCKET_SOCKET_E
            | SYSCALL_EVENTFD_E
            | SYSCALL_CHDIR_E
            | SYSCALL_FCHDIR_E
            | SOCKET_SHUTDOWN_E
            | SYSCALL_GETRLIMIT_E
            | SYSCALL_SETRLIMIT_E
            | SYSCALL_PRLIMIT_E
            | SOCKET_SENDMSG_E
            | SYSCALL_SENDFILE_E
            | SYSCALL_SETRESUID_E
            | SYSCALL_SETRESGID_E
            | SYSCALL_SETUID_E
            | SYSCALL_SETGID_E
            | SYSCALL_SETREUID_E
            | SYSCALL_SETREGID_E
            | SYSCALL_EXECVE_18_E
            | SYSCALL_EXECVE_19_E
            | SYSCALL_EXECVEAT_E
            | SYSCALL_SETPGID_E
            | SOCKET_CONNECT_E
    )
}

/// Marker for "no such parameter" in [`Facts`].
pub(crate) const NO_PARAM: u8 = u8::MAX;

/// Everything the event loop asks about an event type, looked up once per event instead of
/// re-derived from the event table (names, flags, parameter positions) every time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    /// [`event_flags`] for `Compat::Modern` and `Compat::Sysdig`, indexed by [`compat_index`].
    pub flags: [u32; 2],
    /// The first parameter is the result (`res` or `fd`): a negative value is an errno.
    pub res_first: bool,
    /// [`exit_fd_param`], or [`NO_PARAM`].
    pub exit_fd: u8,
    /// Position of the `ino` parameter, or [`NO_PARAM`].
    pub ino: u8,
    pub clone_exit: bool,
    /// Parameter lengths are 4 bytes wide (`EF_LARGE_PAYLOAD`).
    pub large: bool,
    pub parser: crate::parse::Parser,
}

pub(crate) fn compat_index(compat: Compat) -> usize {
    match compat {
        Compat::Modern => 0,
        Compat::Sysdig => 1,
    }
}

const UNKNOWN_FACTS: Facts = Facts {
    flags: [0, 0],
    res_first: false,
    exit_fd: NO_PARAM,
    ino: NO_PARAM,
    clone_exit: false,
    large: false,
    parser: crate::parse::Parser::None,
};

fn build_facts(etype: u16) -> Facts {
    let info = peregrine_event::info(etype);
    let first = info.and_then(|i| i.params.first()).map(|p| p.name);
    let small = |i: Option<usize>| i.and_then(|i| u8::try_from(i).ok()).unwrap_or(NO_PARAM);
    Facts {
        flags: [
            event_flags(etype, Compat::Modern),
            event_flags(etype, Compat::Sysdig),
        ],
        res_first: matches!(first, Some("res") | Some("fd")),
        exit_fd: small(exit_fd_param(etype)),
        ino: small(info.and_then(|i| i.param_index("ino"))),
        clone_exit: is_clone_exit(etype),
        large: info.is_some_and(|i| i.is_large_payload()),
        parser: crate::parse::parser_of(etype),
    }
}

/// The facts of `etype` (all-default for numbers beyond the event table).
#[inline]
pub(crate) fn facts(etype: u16) -> &'static Facts {
    static TABLE: std::sync::OnceLock<Vec<Facts>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=u16::MAX)
            .take_while(|&t| peregrine_event::info(t).is_some())
            .map(build_facts)
            .collect()
    });
    table.get(etype as usize).unwrap_or(&UNKNOWN_FACTS)
}
