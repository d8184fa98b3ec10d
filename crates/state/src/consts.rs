//! Numeric constants of the driver/userspace interface that state tracking depends on.
//!
//! These are interoperability values (bit positions and codes fixed by the scap format and the
//! drivers), re-expressed here so the parser reads like the behaviour it implements.

/// Thread flags (`PPM_CL_*`): clone flags as reported by the driver plus a few bits that the
/// state engine itself keeps on a thread.
pub mod cl {
    pub const CLONE_FILES: u32 = 1 << 0;
    pub const CLONE_FS: u32 = 1 << 1;
    pub const CLONE_THREAD: u32 = 1 << 13;
    pub const CLONE_VM: u32 = 1 << 15;
    /// Set on a thread that the child's own clone exit created before the parent's.
    pub const CLONE_INVERTED: u32 = 1 << 16;
    pub const NAME_CHANGED: u32 = 1 << 17;
    /// The thread has exited (procexit seen).
    pub const CLOSED: u32 = 1 << 18;
    /// At least one non-clone event was seen from the thread.
    pub const ACTIVE: u32 = 1 << 19;
    pub const PIPE_SRC: u32 = 1 << 21;
    pub const PIPE_DST: u32 = 1 << 22;
    pub const CLONE_VFORK: u32 = 1 << 27;
    /// The child lives in a pid namespace other than its parent's.
    pub const CHILD_IN_PIDNS: u32 = 1 << 29;
    pub const IS_MAIN_THREAD: u32 = 1 << 30;
}

/// open(2) flags as encoded by the drivers (`PPM_O_*`).
pub mod o {
    pub const DIRECTORY: u32 = 1 << 10;
    pub const CLOEXEC: u32 = 1 << 12;
}

/// Socket address families (`PPM_AF_*`, equal to Linux).
pub mod af {
    pub const UNIX: u8 = 1;
    pub const INET: u8 = 2;
    pub const INET6: u8 = 10;
    pub const NETLINK: u8 = 16;
}

/// Linux socket types and IP protocol numbers used to infer the layer-4 protocol.
pub mod sock {
    pub const SOCK_STREAM: u32 = 1;
    pub const SOCK_DGRAM: u32 = 2;
    pub const SOCK_RAW: u32 = 3;
    pub const IPPROTO_IP: u32 = 0;
    pub const IPPROTO_ICMP: u32 = 1;
    pub const IPPROTO_TCP: u32 = 6;
    pub const IPPROTO_UDP: u32 = 17;
    pub const IPPROTO_RAW: u32 = 255;
}

/// `scap_fd_type` codes.
pub mod fdtype {
    pub const UNKNOWN: u8 = 0;
    pub const FILE: u8 = 1;
    pub const DIRECTORY: u8 = 2;
    pub const IPV4_SOCK: u8 = 3;
    pub const IPV6_SOCK: u8 = 4;
    pub const IPV4_SERVSOCK: u8 = 5;
    pub const IPV6_SERVSOCK: u8 = 6;
    pub const FIFO: u8 = 7;
    pub const UNIX_SOCK: u8 = 8;
    pub const EVENT: u8 = 9;
    pub const UNSUPPORTED: u8 = 10;
    pub const SIGNALFD: u8 = 11;
    pub const EVENTPOLL: u8 = 12;
    pub const INOTIFY: u8 = 13;
    pub const TIMERFD: u8 = 14;
    pub const NETLINK: u8 = 15;
    pub const FILE_V2: u8 = 16;
    pub const BPF: u8 = 17;
    pub const USERFAULTFD: u8 = 18;
    pub const IOURING: u8 = 19;
    pub const MEMFD: u8 = 20;
    pub const PIDFD: u8 = 21;
}

/// `scap_l4_proto` codes.
pub mod l4 {
    pub const UNKNOWN: u8 = 0;
    pub const NA: u8 = 1;
    pub const TCP: u8 = 2;
    pub const UDP: u8 = 3;
    pub const ICMP: u8 = 4;
    pub const RAW: u8 = 5;
}

/// Miscellaneous syscall argument codes.
pub mod arg {
    /// `AT_FDCWD` as encoded by the drivers.
    pub const AT_FDCWD: i64 = -100;
    pub const FCNTL_F_DUPFD: u8 = 1;
    pub const FCNTL_F_SETFD: u8 = 3;
    pub const FCNTL_F_DUPFD_CLOEXEC: u8 = 26;
    /// `FD_CLOEXEC` bit of an F_SETFD argument.
    pub const FD_CLOEXEC: u64 = 1;
    pub const EXVAT_AT_EMPTY_PATH: u32 = 1 << 0;
    pub const EXE_WRITABLE: u32 = 1 << 0;
    pub const EXE_UPPER_LAYER: u32 = 1 << 1;
    pub const EXE_FROM_MEMFD: u32 = 1 << 2;
    pub const EXE_LOWER_LAYER: u32 = 1 << 3;
    /// `PPM_RLIMIT_NOFILE`.
    pub const RLIMIT_NOFILE: u8 = 7;
    /// `PPM_EPOLL_CLOEXEC`.
    pub const EPOLL_CLOEXEC: u32 = 1 << 0;
    /// `PPM_CLOSE_RANGE_CLOEXEC`.
    pub const CLOSE_RANGE_CLOEXEC: u32 = 1 << 2;
    /// `PPM_MFD_CLOEXEC` (memfd_create flags).
    pub const MFD_CLOEXEC: u32 = 1 << 0;
    /// -EINPROGRESS, the result of a non-blocking connect that is still under way.
    pub const EINPROGRESS: i64 = -115;
}

/// Upper bound of a path built by the state engine (`SCAP_MAX_PATH_SIZE`); longer results
/// become `/PATH_TOO_LONG`, as upstream does.
pub const MAX_PATH: usize = 1024;

/// A child clone exit arriving this long after a table entry was created for the same tid
/// means the entry is a leftover of a thread whose exit was lost.
pub const CLONE_STALE_TIME_NS: u64 = 2_000_000_000;

/// The fd number under which a superseded entry is parked while a close is in flight.
pub const CANCELED_FD_NUMBER: i64 = i64::MAX;
