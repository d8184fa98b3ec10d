//! The conversion rules of libs' scap converter (`converter/table.cpp` at 48dfd53c), keyed by
//! `(event type, parameter count as read)`. Regenerate from upstream rather than editing rows:
//! each row is a fact about an old on-disk layout and how the newest layout is derived from it.

use peregrine_event::ppme as p;

/// Where one parameter of the converted event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Src {
    /// Parameter `i` of the event being converted.
    Old(u8),
    /// Parameter `i` of the thread's stored enter event; the type's default value without one.
    Enter(u8),
    /// Parameter `i` of the stored enter event; an empty parameter without one.
    EnterOrEmpty(u8),
    /// The default value of the target parameter's type (zeros; `u32::MAX` for uid/gid).
    Default,
    /// A zero-length parameter.
    Empty,
    /// The JSON description built from an old `container` event's id/type/name/image
    /// (empty if those cannot be read).
    ContainerJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Act {
    /// Deliver as is.
    Pass,
    /// Keep as the thread's enter event and deliver nothing.
    Store,
    /// Keep as the thread's enter event and deliver it too.
    StoreAndPass,
    /// Keep all parameters and append these.
    Add(&'static [Src]),
    /// Switch to the given type; its parameters are exactly these.
    Retype(u16, &'static [Src]),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub etype: u16,
    pub nparams: u8,
    pub act: Act,
}

const fn r(etype: u16, nparams: u8, act: Act) -> Rule {
    Rule {
        etype,
        nparams,
        act,
    }
}

/// The rule for `(etype, nparams)`. Upstream keys the table by the parameter count narrowed to
/// a byte, so the same narrowing is applied here.
#[inline]
pub(crate) fn lookup(etype: u16, nparams: u32) -> Option<&'static Rule> {
    lookup_index(etype, nparams).map(|i| &RULES[i])
}

/// Index in [`RULES`] of the rule for `(etype, nparams)`.
#[inline]
pub(crate) fn lookup_index(etype: u16, nparams: u32) -> Option<usize> {
    let e = etype as usize;
    if e >= TYPE_SLOTS {
        return None;
    }
    let first = FIRST[e] as usize;
    let rows = &RULES[first..FIRST[e + 1] as usize];
    rows.iter()
        .position(|r| r.nparams == nparams as u8)
        .map(|i| first + i)
}

/// Bound on event type numbers with rules (the event table has 454 rows).
pub(crate) const TYPE_SLOTS: usize = 1024;

/// `FIRST[t]..FIRST[t + 1]` are the rows of type `t`: a direct index, since the lookup runs for
/// most events of an old capture.
static FIRST: [u16; TYPE_SLOTS + 1] = first_rows();

const fn first_rows() -> [u16; TYPE_SLOTS + 1] {
    let mut first = [0u16; TYPE_SLOTS + 1];
    let (mut t, mut i) = (0, 0);
    while t <= TYPE_SLOTS {
        while i < ROWS.len() && (ROWS[i].etype as usize) < t {
            i += 1;
        }
        first[t] = i as u16;
        t += 1;
    }
    first
}

use Act::*;
use Src::*;

pub(crate) static RULES: &[Rule] = ROWS;

/// Sorted by `(etype, nparams)` (checked by a test), as the direct index requires.
const ROWS: &[Rule] = &[
    r(p::GENERIC_E, 2, Store),
    r(p::GENERIC_X, 1, Add(&[EnterOrEmpty(1)])),
    r(p::SYSCALL_OPEN_E, 0, Add(&[Empty, Empty, Empty])),
    r(p::SYSCALL_OPEN_E, 3, Pass),
    r(p::SYSCALL_OPEN_X, 4, Add(&[Empty])),
    r(p::SYSCALL_OPEN_X, 5, Add(&[Empty])),
    r(p::SYSCALL_CLOSE_E, 1, Store),
    r(p::SYSCALL_CLOSE_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_READ_E, 2, Store),
    r(p::SYSCALL_READ_X, 2, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_WRITE_E, 2, Store),
    r(p::SYSCALL_WRITE_X, 2, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_BRK_1_E, 1, Store),
    r(
        p::SYSCALL_BRK_1_X,
        1,
        Retype(
            p::SYSCALL_BRK_4_X,
            &[Old(0), EnterOrEmpty(0), Empty, Empty, Empty],
        ),
    ),
    r(
        p::SYSCALL_EXECVE_8_E,
        0,
        Retype(p::SYSCALL_EXECVE_13_E, &[]),
    ),
    r(
        p::SYSCALL_EXECVE_8_X,
        8,
        Retype(
            p::SYSCALL_EXECVE_13_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Empty,
                Empty,
                Empty,
                Empty,
                Empty,
            ],
        ),
    ),
    r(
        p::SYSCALL_CLONE_11_X,
        11,
        Retype(
            p::SYSCALL_CLONE_16_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Empty,
                Empty,
                Empty,
                Empty,
                Empty,
                Old(8),
                Old(9),
                Old(10),
            ],
        ),
    ),
    r(
        p::PROCEXIT_E,
        0,
        Retype(p::PROCEXIT_1_E, &[Empty, Empty, Empty, Empty, Empty]),
    ),
    r(p::SOCKET_SOCKET_E, 3, Store),
    r(p::SOCKET_SOCKET_X, 1, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SOCKET_SOCKET_X, 4, Add(&[Default])),
    r(p::SOCKET_BIND_E, 1, Store),
    r(p::SOCKET_BIND_X, 2, Add(&[Enter(0)])),
    r(p::SOCKET_CONNECT_E, 1, Add(&[Default])),
    r(p::SOCKET_CONNECT_E, 2, StoreAndPass),
    r(p::SOCKET_CONNECT_X, 2, Add(&[Enter(0)])),
    r(p::SOCKET_CONNECT_X, 3, Add(&[Enter(1)])),
    r(p::SOCKET_LISTEN_E, 2, Store),
    r(p::SOCKET_LISTEN_X, 1, Add(&[Enter(0), Enter(1)])),
    r(
        p::SOCKET_ACCEPT_X,
        3,
        Retype(
            p::SOCKET_ACCEPT_5_X,
            &[Old(0), Old(1), Old(2), Default, Default],
        ),
    ),
    r(p::SOCKET_SEND_E, 2, Store),
    r(p::SOCKET_SEND_X, 2, Add(&[Enter(0), Enter(1), Default])),
    r(p::SOCKET_SENDTO_E, 3, Store),
    r(p::SOCKET_SENDTO_X, 2, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SOCKET_RECV_E, 2, Store),
    r(p::SOCKET_RECV_X, 2, Add(&[Enter(0), Enter(1), Default])),
    r(p::SOCKET_RECVFROM_E, 2, Store),
    r(p::SOCKET_RECVFROM_X, 3, Add(&[Enter(0), Enter(1)])),
    r(p::SOCKET_SHUTDOWN_E, 2, Store),
    r(p::SOCKET_SHUTDOWN_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SOCKET_SOCKETPAIR_E, 3, Store),
    r(
        p::SOCKET_SOCKETPAIR_X,
        5,
        Add(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(p::SOCKET_SENDMSG_E, 3, Store),
    r(p::SOCKET_SENDMSG_X, 2, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(
        p::SOCKET_SENDMMSG_X,
        0,
        Add(&[Default, Empty, Empty, Empty, Empty]),
    ),
    r(p::SOCKET_RECVMSG_E, 1, Store),
    r(p::SOCKET_RECVMSG_X, 4, Add(&[Default])),
    r(p::SOCKET_RECVMSG_X, 5, Add(&[Enter(0)])),
    r(
        p::SOCKET_RECVMMSG_X,
        0,
        Add(&[Default, Empty, Empty, Empty, Empty, Empty]),
    ),
    r(p::SOCKET_ACCEPT4_E, 1, Store),
    r(
        p::SOCKET_ACCEPT4_X,
        3,
        Retype(
            p::SOCKET_ACCEPT4_6_X,
            &[Old(0), Old(1), Old(2), Default, Default, Enter(0)],
        ),
    ),
    r(p::SYSCALL_CREAT_E, 0, Add(&[Empty, Empty])),
    r(p::SYSCALL_CREAT_E, 2, Pass),
    r(p::SYSCALL_CREAT_X, 3, Add(&[Empty])),
    r(p::SYSCALL_CREAT_X, 4, Add(&[Empty])),
    r(p::SYSCALL_CREAT_X, 5, Add(&[Empty])),
    r(p::SYSCALL_EVENTFD_E, 2, Store),
    r(p::SYSCALL_EVENTFD_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_FUTEX_E, 3, Store),
    r(p::SYSCALL_FUTEX_X, 1, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SYSCALL_FSTAT_E, 1, Store),
    r(p::SYSCALL_FSTAT_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_EPOLLWAIT_E, 1, Store),
    r(p::SYSCALL_EPOLLWAIT_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_POLL_E, 2, Store),
    r(p::SYSCALL_POLL_X, 2, Add(&[Enter(1)])),
    r(
        p::SYSCALL_NEWSELECT_X,
        1,
        Retype(p::SYSCALL_SELECT_X, &[Old(0)]),
    ),
    r(p::SYSCALL_LSEEK_E, 3, Store),
    r(p::SYSCALL_LSEEK_X, 1, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SYSCALL_LLSEEK_E, 3, Store),
    r(p::SYSCALL_LLSEEK_X, 1, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SYSCALL_IOCTL_2_E, 2, Store),
    r(
        p::SYSCALL_IOCTL_2_X,
        1,
        Retype(
            p::SYSCALL_IOCTL_3_X,
            &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1), Empty],
        ),
    ),
    r(p::SYSCALL_FCHDIR_E, 1, Store),
    r(p::SYSCALL_FCHDIR_X, 1, Add(&[EnterOrEmpty(0)])),
    r(p::SYSCALL_MKDIR_E, 2, Store),
    r(
        p::SYSCALL_MKDIR_X,
        1,
        Retype(
            p::SYSCALL_MKDIR_2_X,
            &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1)],
        ),
    ),
    r(p::SYSCALL_RMDIR_E, 1, Store),
    r(
        p::SYSCALL_RMDIR_X,
        1,
        Retype(p::SYSCALL_RMDIR_2_X, &[Old(0), EnterOrEmpty(0)]),
    ),
    r(p::SYSCALL_OPENAT_E, 4, Store),
    r(
        p::SYSCALL_OPENAT_X,
        1,
        Retype(
            p::SYSCALL_OPENAT_2_X,
            &[
                Old(0),
                EnterOrEmpty(0),
                EnterOrEmpty(1),
                EnterOrEmpty(2),
                EnterOrEmpty(3),
                Empty,
                Empty,
            ],
        ),
    ),
    r(p::SYSCALL_LINK_E, 2, Store),
    r(
        p::SYSCALL_LINK_X,
        1,
        Retype(
            p::SYSCALL_LINK_2_X,
            &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1)],
        ),
    ),
    r(p::SYSCALL_LINKAT_E, 4, Store),
    r(
        p::SYSCALL_LINKAT_X,
        1,
        Retype(
            p::SYSCALL_LINKAT_2_X,
            &[
                Old(0),
                EnterOrEmpty(0),
                EnterOrEmpty(1),
                EnterOrEmpty(2),
                EnterOrEmpty(3),
                Empty,
            ],
        ),
    ),
    r(p::SYSCALL_UNLINK_E, 1, Store),
    r(
        p::SYSCALL_UNLINK_X,
        1,
        Retype(p::SYSCALL_UNLINK_2_X, &[Old(0), EnterOrEmpty(0)]),
    ),
    r(p::SYSCALL_UNLINKAT_E, 2, Store),
    r(
        p::SYSCALL_UNLINKAT_X,
        1,
        Retype(
            p::SYSCALL_UNLINKAT_2_X,
            &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1), Empty],
        ),
    ),
    r(p::SYSCALL_PREAD_E, 3, Store),
    r(p::SYSCALL_PREAD_X, 2, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SYSCALL_PWRITE_E, 3, Store),
    r(p::SYSCALL_PWRITE_X, 2, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SYSCALL_READV_E, 1, Store),
    r(p::SYSCALL_READV_X, 3, Add(&[Enter(0)])),
    r(p::SYSCALL_WRITEV_E, 2, Store),
    r(p::SYSCALL_WRITEV_X, 2, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_PREADV_E, 2, Store),
    r(p::SYSCALL_PREADV_X, 3, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_PWRITEV_E, 3, Store),
    r(
        p::SYSCALL_PWRITEV_X,
        2,
        Add(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(p::SYSCALL_DUP_E, 1, Store),
    r(
        p::SYSCALL_DUP_X,
        1,
        Retype(p::SYSCALL_DUP_1_X, &[Old(0), EnterOrEmpty(0)]),
    ),
    r(p::SYSCALL_SIGNALFD_E, 3, Store),
    r(
        p::SYSCALL_SIGNALFD_X,
        1,
        Add(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(p::SYSCALL_KILL_E, 2, Store),
    r(p::SYSCALL_KILL_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_TKILL_E, 2, Store),
    r(p::SYSCALL_TKILL_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_TGKILL_E, 3, Store),
    r(p::SYSCALL_TGKILL_X, 1, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SYSCALL_NANOSLEEP_E, 1, Store),
    r(p::SYSCALL_NANOSLEEP_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_TIMERFD_CREATE_E, 2, Store),
    r(p::SYSCALL_TIMERFD_CREATE_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_INOTIFY_INIT_E, 1, Store),
    r(p::SYSCALL_INOTIFY_INIT_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_GETRLIMIT_E, 1, Store),
    r(p::SYSCALL_GETRLIMIT_X, 3, Add(&[Enter(0)])),
    r(p::SYSCALL_SETRLIMIT_E, 1, Store),
    r(p::SYSCALL_SETRLIMIT_X, 3, Add(&[Enter(0)])),
    r(p::SYSCALL_PRLIMIT_E, 2, Store),
    r(
        p::SYSCALL_PRLIMIT_X,
        5,
        Add(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(
        p::SCHEDSWITCH_1_E,
        1,
        Retype(
            p::SCHEDSWITCH_6_E,
            &[Old(0), Empty, Empty, Empty, Empty, Empty],
        ),
    ),
    r(p::SYSCALL_FCNTL_E, 2, Store),
    r(p::SYSCALL_FCNTL_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_FCNTL_X, 3, Add(&[Default])),
    r(
        p::SYSCALL_EXECVE_13_E,
        0,
        Retype(p::SYSCALL_EXECVE_14_E, &[]),
    ),
    r(
        p::SYSCALL_EXECVE_13_X,
        13,
        Retype(
            p::SYSCALL_EXECVE_14_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
            ],
        ),
    ),
    r(
        p::SYSCALL_CLONE_16_X,
        16,
        Retype(
            p::SYSCALL_CLONE_17_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
                Old(14),
                Old(15),
            ],
        ),
    ),
    r(p::SYSCALL_BRK_4_E, 1, Store),
    r(p::SYSCALL_BRK_4_X, 4, Add(&[EnterOrEmpty(0)])),
    r(p::SYSCALL_MMAP_E, 6, Store),
    r(
        p::SYSCALL_MMAP_X,
        4,
        Add(&[Enter(0), Enter(1), Enter(2), Enter(3), Enter(4), Enter(5)]),
    ),
    r(p::SYSCALL_MMAP2_E, 6, Store),
    r(
        p::SYSCALL_MMAP2_X,
        4,
        Add(&[Enter(0), Enter(1), Enter(2), Enter(3), Enter(4), Enter(5)]),
    ),
    r(p::SYSCALL_MUNMAP_E, 2, Store),
    r(p::SYSCALL_MUNMAP_X, 4, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_SPLICE_E, 4, Store),
    r(
        p::SYSCALL_SPLICE_X,
        1,
        Add(&[Enter(0), Enter(1), Enter(2), Enter(3)]),
    ),
    r(p::SYSCALL_PTRACE_E, 2, Store),
    r(p::SYSCALL_PTRACE_X, 0, Add(&[Empty, Empty, Empty])),
    r(
        p::SYSCALL_PTRACE_X,
        3,
        Add(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(p::SYSCALL_IOCTL_3_E, 3, Store),
    r(
        p::SYSCALL_IOCTL_3_X,
        1,
        Add(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(
        p::SYSCALL_EXECVE_14_E,
        0,
        Retype(p::SYSCALL_EXECVE_15_E, &[]),
    ),
    r(
        p::SYSCALL_EXECVE_14_X,
        14,
        Retype(
            p::SYSCALL_EXECVE_15_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
            ],
        ),
    ),
    r(
        p::SYSCALL_FORK_X,
        16,
        Retype(
            p::SYSCALL_FORK_17_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
                Old(14),
                Old(15),
            ],
        ),
    ),
    r(
        p::SYSCALL_VFORK_X,
        16,
        Retype(
            p::SYSCALL_VFORK_17_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
                Old(14),
                Old(15),
            ],
        ),
    ),
    r(p::SYSCALL_SENDFILE_E, 4, Store),
    r(
        p::SYSCALL_SENDFILE_X,
        2,
        Add(&[Enter(0), Enter(1), Enter(3)]),
    ),
    r(p::SYSCALL_QUOTACTL_E, 4, Store),
    r(
        p::SYSCALL_QUOTACTL_X,
        14,
        Add(&[Enter(0), Enter(1), Enter(2), Enter(3)]),
    ),
    r(p::SYSCALL_SETRESUID_E, 3, Store),
    r(
        p::SYSCALL_SETRESUID_X,
        1,
        Add(&[EnterOrEmpty(0), EnterOrEmpty(1), EnterOrEmpty(2)]),
    ),
    r(p::SYSCALL_SETRESGID_E, 3, Store),
    r(
        p::SYSCALL_SETRESGID_X,
        1,
        Add(&[EnterOrEmpty(0), EnterOrEmpty(1), EnterOrEmpty(2)]),
    ),
    r(p::SYSCALL_SETUID_E, 1, Store),
    r(p::SYSCALL_SETUID_X, 1, Add(&[EnterOrEmpty(0)])),
    r(p::SYSCALL_SETGID_E, 1, Store),
    r(p::SYSCALL_SETGID_X, 1, Add(&[EnterOrEmpty(0)])),
    r(
        p::SYSCALL_EXECVE_15_E,
        0,
        Retype(p::SYSCALL_EXECVE_16_E, &[]),
    ),
    r(
        p::SYSCALL_EXECVE_15_X,
        15,
        Retype(
            p::SYSCALL_EXECVE_16_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
            ],
        ),
    ),
    r(
        p::SYSCALL_CLONE_17_X,
        17,
        Retype(
            p::SYSCALL_CLONE_20_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
                Old(15),
                Old(16),
                Empty,
                Empty,
            ],
        ),
    ),
    r(
        p::SYSCALL_FORK_17_X,
        17,
        Retype(
            p::SYSCALL_FORK_20_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
                Old(15),
                Old(16),
                Empty,
                Empty,
            ],
        ),
    ),
    r(
        p::SYSCALL_VFORK_17_X,
        17,
        Retype(
            p::SYSCALL_VFORK_20_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
                Old(15),
                Old(16),
                Empty,
                Empty,
            ],
        ),
    ),
    r(p::SYSCALL_CLONE_20_X, 20, Add(&[Empty])),
    r(p::SYSCALL_FORK_20_X, 20, Add(&[Empty])),
    r(p::SYSCALL_VFORK_20_X, 20, Add(&[Empty])),
    r(
        p::CONTAINER_E,
        4,
        Retype(p::CONTAINER_JSON_E, &[ContainerJson]),
    ),
    r(
        p::SYSCALL_EXECVE_16_E,
        0,
        Retype(p::SYSCALL_EXECVE_17_E, &[]),
    ),
    r(
        p::SYSCALL_EXECVE_16_X,
        16,
        Retype(
            p::SYSCALL_EXECVE_17_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Old(14),
                Old(15),
                Empty,
            ],
        ),
    ),
    r(p::SYSCALL_GETDENTS_E, 1, Store),
    r(p::SYSCALL_GETDENTS_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_GETDENTS64_E, 1, Store),
    r(p::SYSCALL_GETDENTS64_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_SETNS_E, 2, Store),
    r(
        p::SYSCALL_SETNS_X,
        1,
        Add(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(p::SYSCALL_FLOCK_E, 2, Store),
    r(p::SYSCALL_FLOCK_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SOCKET_ACCEPT4_5_E, 1, Store),
    r(
        p::SOCKET_ACCEPT4_5_X,
        5,
        Retype(
            p::SOCKET_ACCEPT4_6_X,
            &[Old(0), Old(1), Old(2), Old(3), Old(4), Enter(0)],
        ),
    ),
    r(p::SYSCALL_SEMOP_E, 1, Store),
    r(p::SYSCALL_SEMOP_X, 8, Add(&[Enter(0)])),
    r(p::SYSCALL_SEMCTL_E, 4, Store),
    r(
        p::SYSCALL_SEMCTL_X,
        1,
        Add(&[Enter(0), Enter(1), Enter(2), Enter(3)]),
    ),
    r(p::SYSCALL_PPOLL_E, 3, Store),
    r(p::SYSCALL_PPOLL_X, 2, Add(&[Enter(1), Enter(2)])),
    r(p::SYSCALL_MOUNT_E, 1, Store),
    r(p::SYSCALL_MOUNT_X, 4, Add(&[Enter(0)])),
    r(
        p::SYSCALL_UMOUNT_X,
        2,
        Retype(p::SYSCALL_UMOUNT_1_X, &[Old(0), Old(1)]),
    ),
    r(p::SYSCALL_SEMGET_E, 3, Store),
    r(p::SYSCALL_SEMGET_X, 1, Add(&[Enter(0), Enter(1), Enter(2)])),
    r(p::SYSCALL_ACCESS_E, 1, Store),
    r(p::SYSCALL_ACCESS_X, 2, Add(&[Enter(0)])),
    r(
        p::CONTAINER_JSON_E,
        1,
        Retype(p::CONTAINER_JSON_2_E, &[Old(0)]),
    ),
    r(p::SYSCALL_MKDIR_2_E, 1, Store),
    r(p::SYSCALL_MKDIR_2_X, 2, Add(&[EnterOrEmpty(0)])),
    r(
        p::SYSCALL_EXECVE_17_E,
        0,
        Retype(p::SYSCALL_EXECVE_18_E, &[Empty]),
    ),
    r(
        p::SYSCALL_EXECVE_17_X,
        17,
        Retype(
            p::SYSCALL_EXECVE_18_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Old(14),
                Old(15),
                Old(16),
            ],
        ),
    ),
    r(p::SYSCALL_UNSHARE_E, 1, Store),
    r(p::SYSCALL_UNSHARE_X, 1, Add(&[Enter(0)])),
    r(
        p::SYSCALL_EXECVE_18_E,
        1,
        Retype(p::SYSCALL_EXECVE_19_E, &[Old(0)]),
    ),
    r(
        p::SYSCALL_EXECVE_18_X,
        17,
        Retype(
            p::SYSCALL_EXECVE_19_X,
            &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Old(14),
                Old(15),
                Old(16),
                Empty,
            ],
        ),
    ),
    r(p::SYSCALL_EXECVE_19_E, 1, StoreAndPass),
    r(p::SYSCALL_EXECVE_19_X, 18, Add(&[Empty])),
    r(p::SYSCALL_EXECVE_19_X, 19, Add(&[Empty])),
    r(p::SYSCALL_EXECVE_19_X, 20, Add(&[Empty, Empty, Empty])),
    r(p::SYSCALL_EXECVE_19_X, 23, Add(&[Empty, Empty, Empty])),
    r(p::SYSCALL_EXECVE_19_X, 26, Add(&[Empty])),
    r(p::SYSCALL_EXECVE_19_X, 27, Add(&[Empty])),
    r(p::SYSCALL_EXECVE_19_X, 28, Add(&[Empty])),
    r(p::SYSCALL_EXECVE_19_X, 29, Add(&[Empty])),
    r(p::SYSCALL_EXECVE_19_X, 30, Add(&[EnterOrEmpty(0)])),
    r(p::SYSCALL_SETPGID_E, 2, Store),
    r(
        p::SYSCALL_SETPGID_X,
        1,
        Add(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(p::SYSCALL_BPF_E, 1, Store),
    r(
        p::SYSCALL_BPF_X,
        1,
        Retype(p::SYSCALL_BPF_2_X, &[Old(0), EnterOrEmpty(0)]),
    ),
    r(p::SYSCALL_SECCOMP_E, 1, Add(&[Default])),
    r(p::SYSCALL_SECCOMP_E, 2, Store),
    r(p::SYSCALL_SECCOMP_X, 1, Add(&[Enter(0), Enter(1)])),
    r(p::SYSCALL_OPENAT_2_E, 0, Add(&[Empty, Empty, Empty, Empty])),
    r(p::SYSCALL_OPENAT_2_E, 4, Pass),
    r(p::SYSCALL_OPENAT_2_X, 5, Add(&[Empty])),
    r(p::SYSCALL_OPENAT_2_X, 6, Add(&[Empty])),
    r(
        p::SYSCALL_OPENAT2_E,
        0,
        Add(&[Empty, Empty, Empty, Empty, Empty]),
    ),
    r(p::SYSCALL_OPENAT2_E, 5, Pass),
    r(p::SYSCALL_OPENAT2_X, 6, Add(&[Empty, Empty])),
    r(p::SYSCALL_MPROTECT_E, 3, Store),
    r(
        p::SYSCALL_MPROTECT_X,
        1,
        Add(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(p::SYSCALL_EXECVEAT_E, 3, Pass),
    r(p::SYSCALL_EXECVEAT_X, 19, Add(&[Empty])),
    r(p::SYSCALL_EXECVEAT_X, 20, Add(&[Empty, Empty, Empty])),
    r(p::SYSCALL_EXECVEAT_X, 23, Add(&[Empty, Empty, Empty])),
    r(p::SYSCALL_EXECVEAT_X, 26, Add(&[Empty])),
    r(p::SYSCALL_EXECVEAT_X, 27, Add(&[Empty])),
    r(p::SYSCALL_EXECVEAT_X, 28, Add(&[Empty])),
    r(p::SYSCALL_EXECVEAT_X, 29, Add(&[Empty])),
    r(p::SYSCALL_COPY_FILE_RANGE_E, 3, Store),
    r(
        p::SYSCALL_COPY_FILE_RANGE_X,
        3,
        Add(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(p::SYSCALL_CLONE3_X, 20, Add(&[Empty])),
    r(p::SYSCALL_EPOLL_CREATE_E, 1, Store),
    r(p::SYSCALL_EPOLL_CREATE_X, 1, Add(&[Enter(0)])),
    r(p::SYSCALL_EPOLL_CREATE1_E, 1, Store),
    r(p::SYSCALL_EPOLL_CREATE1_X, 1, Add(&[Enter(0)])),
    r(p::SOCKET_ACCEPT4_6_E, 1, Store),
    r(p::SOCKET_ACCEPT4_6_X, 5, Add(&[Enter(0)])),
    r(p::SYSCALL_UMOUNT2_E, 1, Store),
    r(p::SYSCALL_UMOUNT2_X, 2, Add(&[Enter(0)])),
    r(p::SYSCALL_EVENTFD2_E, 1, Store),
    r(p::SYSCALL_EVENTFD2_X, 2, Add(&[Enter(0)])),
    r(p::SYSCALL_SIGNALFD4_E, 2, Store),
    r(p::SYSCALL_SIGNALFD4_X, 2, Add(&[Enter(0), Enter(1)])),
];
