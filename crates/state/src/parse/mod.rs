//! Event → state updates (libsinsp's `sinsp_parser`).
//!
//! Events arrive in two shapes. Old captures hold enter and exit events: the enter event
//! carries the fd or the path and the exit only the result, so enter events that an exit
//! will need are copied into their thread (one per thread, replaced by the next, dropped
//! after the exit). Exit-only ("folded") events carry everything themselves. Every parser
//! prefers a parameter of the exit event when the event has it and falls back to the stored
//! enter event otherwise.

mod files;
mod meta;
mod net;
pub(crate) mod params;
mod proc;

use peregrine_event::ppme::*;
use peregrine_event::types::flags::*;
use peregrine_event::Event;

use crate::consts::cl;
use crate::evflags;
use crate::fd::flags as fdflags;
use crate::inspector::{EventCtx, Inspector};
use crate::Compat;

pub(crate) use files::fd_name_without_fd;

/// Largest enter event kept for its exit (upstream's buffer size).
const MAX_STORED_EVENT: usize = 4096;

pub(crate) fn process(insp: &mut Inspector, ev: &Event<'_>) {
    reset(insp, ev);
    if ev.is_exit() {
        let mut buf = std::mem::take(&mut insp.enter_buf);
        buf.clear();
        let mut cpu = 0;
        if let Some(t) = insp.cur.thread.and_then(|t| insp.threads.get(&t)) {
            if t.lastevent_valid && !t.lastevent_data.is_empty() {
                buf.extend_from_slice(&t.lastevent_data);
                cpu = t.lastevent_cpu;
            }
        }
        let enter = if buf.is_empty() {
            None
        } else {
            Event::parse(cpu, 0, &buf).ok().filter(|e| {
                e.etype.wrapping_add(1) == ev.etype
                    || (ev.etype == SYSCALL_EXECVE_19_X && e.etype == SYSCALL_EXECVEAT_E)
            })
        };
        dispatch_exit(insp, ev, enter.as_ref());
        insp.cur.has_enter = enter.is_some();
        insp.enter_buf = buf;
    } else {
        dispatch_enter(insp, ev);
    }

    if let Some(key) = insp.cur.fd {
        if let Some(f) = insp.fd_ref(key) {
            insp.cur.fd_name_changed = f.name != f.old_name;
        }
    }

    let (etype, ts) = (ev.etype, ev.ts);
    if let Some(t) = insp.cur.thread.and_then(|t| insp.threads.get_mut(&t)) {
        if ev.is_exit() {
            // The stored enter event has served; large buffers are released so a big table
            // of idle threads does not pin them.
            if t.lastevent_data.capacity() > 512 {
                t.lastevent_data = Vec::new();
            } else {
                t.lastevent_data.clear();
            }
            t.lastevent_valid = false;
        }
        if etype != SCHEDSWITCH_1_E && etype != SCHEDSWITCH_6_E {
            t.prevevent_ts = t.lastevent_ts;
            t.lastevent_ts = ts;
        }
    }
}

/// Upstream `reset`: finds (or creates) the event's thread and its fd, and keeps the
/// thread's enter/exit bookkeeping.
fn reset(insp: &mut Inspector, ev: &Event<'_>) {
    let etype = ev.etype;
    let compat = insp.config.compat;
    let flags = evflags::event_flags(etype, compat);
    let tid = ev.tid as i64;
    insp.cur = EventCtx {
        etype,
        tid,
        flags,
        ..EventCtx::default()
    };

    if flags & EF_SKIPPARSERESET != 0 {
        if etype == PROCINFO_E && insp.threads.contains_key(&tid) {
            insp.cur.thread = Some(tid);
        }
        return;
    }
    if matches!(
        etype,
        CONTAINER_JSON_E
            | CONTAINER_JSON_2_E
            | USER_ADDED_E
            | USER_DELETED_E
            | GROUP_ADDED_E
            | GROUP_DELETED_E
            | PLUGINEVENT_E
            | ASYNCEVENT_E
    ) {
        return;
    }

    let query_os = !(evflags::is_clone_exit(etype) || etype == SCHEDSWITCH_6_E);
    let thread = if query_os {
        insp.get_or_create(tid)
    } else if insp.threads.contains_key(&tid) {
        Some(tid)
    } else {
        None
    };
    insp.cur.thread = thread;
    if etype == SCHEDSWITCH_6_E {
        return;
    }
    let Some(tid) = thread else {
        return;
    };
    let now = insp.stats.events;

    if !ev.is_exit() {
        let mut fd = -1;
        if flags & EF_USES_FD != 0 {
            fd = params::i64_(ev, evflags::enter_fd_param(etype)).unwrap_or(-1);
        }
        let mut owner = None;
        if let Some(t) = insp.threads.get_mut(&tid) {
            t.last_access = now;
            if query_os {
                t.flags |= cl::ACTIVE;
            }
            t.lastevent_fd = fd;
            t.lastevent_type = etype;
            owner = Some(t.fd_owner());
        }
        if flags & EF_USES_FD != 0 {
            insp.cur.fd = owner.and_then(|o| insp.lookup_fd_of(tid, o, fd));
        }
        return;
    }

    let exit_fd = evflags::exit_fd_param(etype)
        .filter(|&i| i < ev.nparams())
        .and_then(|i| params::present(ev, i).and_then(|_| params::i64_(ev, i)));
    {
        let Some(t) = insp.threads.get_mut(&tid) else {
            return;
        };
        t.last_access = now;
        if query_os {
            t.flags |= cl::ACTIVE;
        }
        let matched = etype == t.lastevent_type.wrapping_add(1)
            || (etype == SYSCALL_EXECVE_19_X && t.lastevent_type == SYSCALL_EXECVEAT_E);
        t.lastevent_valid = matched;
        if !matched {
            match compat {
                Compat::Modern => t.lastevent_fd = -1,
                Compat::Sysdig => match exit_fd {
                    // An exit-only event names its own fd.
                    Some(fd) => t.lastevent_fd = fd,
                    None => {
                        if t.lastevent_type != TRACER_E {
                            return;
                        }
                    }
                },
            }
        }
    }

    if ev.nparams() > 0 {
        let first = ev.info().and_then(|i| i.params.first()).map(|p| p.name);
        if matches!(first, Some("res") | Some("fd")) {
            if let Some(res) = params::i64_(ev, 0) {
                if res < 0 {
                    insp.cur.errorcode = res.checked_neg().unwrap_or(i64::MAX) as i32;
                }
            }
        }
    }

    if flags & EF_USES_FD == 0 {
        return;
    }
    let (fd, owner) = {
        let Some(t) = insp.threads.get_mut(&tid) else {
            return;
        };
        if etype == SYSCALL_COPY_FILE_RANGE_X {
            if let Some(out) = params::i64_(ev, 1) {
                t.lastevent_fd = out;
            }
        }
        if compat == Compat::Modern && t.lastevent_fd == -1 {
            if let Some(fd) = exit_fd {
                t.lastevent_fd = fd;
            }
        }
        (t.lastevent_fd, t.fd_owner())
    };
    insp.cur.fd = insp.lookup_fd_of(tid, owner, fd);
    let Some(key) = insp.cur.fd else {
        return;
    };
    let canceled = match insp.fd_mut(key) {
        Some(f) if f.flags & fdflags::CLOSE_CANCELED != 0 => {
            f.flags &= !fdflags::CLOSE_CANCELED;
            true
        }
        _ => false,
    };
    if canceled {
        let parked = crate::consts::CANCELED_FD_NUMBER;
        if insp
            .fdtables
            .get(&key.0)
            .is_some_and(|t| t.get(parked).is_some())
        {
            insp.schedule_fd_removal(tid, parked);
        }
    }
}

/// Copies an enter event into its thread for the exit parser.
fn store_event(insp: &mut Inspector, ev: &Event<'_>) {
    let bytes = ev.bytes();
    if bytes.len() > MAX_STORED_EVENT {
        return;
    }
    if let Some(t) = insp.cur.thread.and_then(|t| insp.threads.get_mut(&t)) {
        t.lastevent_data.clear();
        t.lastevent_data.extend_from_slice(bytes);
        t.lastevent_cpu = ev.cpu;
    }
}

fn dispatch_enter(insp: &mut Inspector, ev: &Event<'_>) {
    let etype = ev.etype;
    match etype {
        SOCKET_SENDTO_E => {
            if insp.cur.fd.is_none() && insp.cur.thread.is_some() {
                net::infer_udp_socket(insp, params::i64_(ev, 0), params::raw(ev, 2));
            }
            store_event(insp, ev);
        }
        SOCKET_CONNECT_E => {
            net::connect_enter(insp, ev);
            store_event(insp, ev);
        }
        SYSCALL_FCNTL_E => {
            let cmd = params::u8_(ev, 1).unwrap_or(0);
            use crate::consts::arg::*;
            if cmd == FCNTL_F_DUPFD || cmd == FCNTL_F_DUPFD_CLOEXEC || cmd == FCNTL_F_SETFD {
                store_event(insp, ev);
            }
        }
        SYSCALL_CLOSE_E => files::close_enter(insp),
        PROCEXIT_E | PROCEXIT_1_E => proc::thread_exit(insp),
        SCHEDSWITCH_1_E | SCHEDSWITCH_6_E => proc::context_switch(insp, ev),
        CONTAINER_E => meta::container_old(insp, ev),
        CONTAINER_JSON_E | CONTAINER_JSON_2_E => meta::container_json(insp, ev),
        USER_ADDED_E | USER_DELETED_E => meta::user_event(insp, ev),
        GROUP_ADDED_E | GROUP_DELETED_E => meta::group_event(insp, ev),
        _ if evflags::stores_enter(etype) => store_event(insp, ev),
        _ => {}
    }
}

fn dispatch_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    let etype = ev.etype;
    match etype {
        SYSCALL_READ_X | SYSCALL_WRITE_X | SOCKET_RECV_X | SOCKET_SEND_X | SOCKET_RECVFROM_X
        | SOCKET_RECVMSG_X | SOCKET_SENDTO_X | SOCKET_SENDMSG_X | SYSCALL_READV_X
        | SYSCALL_WRITEV_X | SYSCALL_PREAD_X | SYSCALL_PWRITE_X | SYSCALL_PREADV_X
        | SYSCALL_PWRITEV_X | SOCKET_RECVMMSG_X | SOCKET_SENDMMSG_X => {
            net::rw_exit(insp, ev, enter)
        }
        SYSCALL_OPEN_X
        | SYSCALL_CREAT_X
        | SYSCALL_OPENAT_X
        | SYSCALL_OPENAT_2_X
        | SYSCALL_OPENAT2_X
        | SYSCALL_OPEN_BY_HANDLE_AT_X => files::open_exit(insp, ev, enter),
        _ if evflags::is_clone_exit(etype) => proc::clone_exit(insp, ev),
        _ if evflags::is_execve_exit(etype) => proc::execve_exit(insp, ev, enter),
        SYSCALL_PIPE_X | SYSCALL_PIPE2_X => files::pipe_exit(insp, ev),
        SOCKET_SOCKET_X => net::socket_exit(insp, ev, enter),
        SOCKET_BIND_X => net::bind_exit(insp, ev),
        SOCKET_CONNECT_X => net::connect_exit(insp, ev),
        SOCKET_ACCEPT_X | SOCKET_ACCEPT_5_X | SOCKET_ACCEPT4_X | SOCKET_ACCEPT4_5_X
        | SOCKET_ACCEPT4_6_X => net::accept_exit(insp, ev),
        SYSCALL_CLOSE_X => files::close_exit(insp, ev),
        SYSCALL_CLOSE_RANGE_X => files::close_range_exit(insp, ev),
        SYSCALL_FCNTL_X => files::fcntl_exit(insp, ev, enter),
        SYSCALL_EVENTFD_X | SYSCALL_EVENTFD2_X => {
            files::simple_fd_exit(insp, ev, crate::fd::FdKind::Event)
        }
        SYSCALL_CHDIR_X => proc::chdir_exit(insp, ev),
        SYSCALL_FCHDIR_X => proc::fchdir_exit(insp, ev),
        SYSCALL_GETCWD_X => proc::getcwd_exit(insp, ev),
        SYSCALL_DUP_X | SYSCALL_DUP_1_X | SYSCALL_DUP2_X | SYSCALL_DUP3_X => {
            files::dup_exit(insp, ev)
        }
        SYSCALL_SIGNALFD_X | SYSCALL_SIGNALFD4_X => {
            files::simple_fd_exit(insp, ev, crate::fd::FdKind::SignalFd)
        }
        SYSCALL_TIMERFD_CREATE_X => files::simple_fd_exit(insp, ev, crate::fd::FdKind::TimerFd),
        SYSCALL_INOTIFY_INIT_X | SYSCALL_INOTIFY_INIT1_X => {
            files::simple_fd_exit(insp, ev, crate::fd::FdKind::Inotify)
        }
        SYSCALL_BPF_2_X => files::simple_fd_exit(insp, ev, crate::fd::FdKind::Bpf),
        SYSCALL_USERFAULTFD_X => files::simple_fd_exit(insp, ev, crate::fd::FdKind::UserFaultFd),
        SYSCALL_IO_URING_SETUP_X => files::simple_fd_exit(insp, ev, crate::fd::FdKind::IoUring),
        SYSCALL_EPOLL_CREATE_X | SYSCALL_EPOLL_CREATE1_X => {
            files::simple_fd_exit(insp, ev, crate::fd::FdKind::EventPoll)
        }
        SYSCALL_MEMFD_CREATE_X => files::memfd_exit(insp, ev),
        SYSCALL_PIDFD_OPEN_X => files::pidfd_open_exit(insp, ev),
        SYSCALL_PIDFD_GETFD_X => files::pidfd_getfd_exit(insp, ev),
        SYSCALL_GETRLIMIT_X | SYSCALL_SETRLIMIT_X => proc::rlimit_exit(insp, ev, enter),
        SYSCALL_PRLIMIT_X => proc::prlimit_exit(insp, ev, enter),
        SOCKET_SOCKETPAIR_X => net::socketpair_exit(insp, ev),
        SYSCALL_BRK_4_X | SYSCALL_MMAP_X | SYSCALL_MMAP2_X | SYSCALL_MUNMAP_X => {
            proc::vm_exit(insp, ev)
        }
        SYSCALL_SETRESUID_X | SYSCALL_SETREUID_X | SYSCALL_SETUID_X => {
            proc::setuid_exit(insp, ev, enter)
        }
        SYSCALL_SETRESGID_X | SYSCALL_SETREGID_X | SYSCALL_SETGID_X => {
            proc::setgid_exit(insp, ev, enter)
        }
        SYSCALL_CHROOT_X => proc::chroot_exit(insp, ev),
        SYSCALL_SETSID_X => proc::setsid_exit(insp, ev),
        SOCKET_GETSOCKOPT_X if ev.nparams() > 0 => net::getsockopt_exit(insp, ev),
        SYSCALL_CAPSET_X => proc::capset_exit(insp, ev),
        SYSCALL_UNSHARE_X | SYSCALL_SETNS_X => proc::unshare_setns_exit(insp, ev),
        _ => {}
    }
}

/// The event's result (`res`/`fd`/first parameter as a signed integer).
pub(crate) fn retval(ev: &Event<'_>) -> Option<i64> {
    params::i64_(ev, 0)
}

/// The tid of the event's thread, if it has one.
pub(crate) fn cur_tid(insp: &Inspector) -> Option<i64> {
    insp.cur.thread
}
