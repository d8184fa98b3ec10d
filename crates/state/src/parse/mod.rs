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

use rustc_hash::FxHashMap as HashMap;

use crate::consts::cl;
use crate::evflags::{self, Facts};
use crate::fd::flags as fdflags;
use crate::inspector::{EventCtx, FdKey, Inspector, OpenCtx, Stats};
use crate::thread::Thread;
use crate::Compat;

pub(crate) use files::fd_name_without_fd;

/// Largest enter event kept for its exit (upstream's buffer size).
const MAX_STORED_EVENT: usize = 4096;

/// Which parser an event type has beyond the generic bookkeeping of [`reset`]: the single
/// source for both the dispatch and [`crate::state_relevant`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parser {
    None,
    // Enter events.
    /// The enter event is only kept for its exit.
    Store,
    SendtoEnter,
    ConnectEnter,
    FcntlEnter,
    CloseEnter,
    ProcExit,
    Switch,
    ContainerOld,
    ContainerJson,
    User,
    Group,
    // Exit events.
    Rw,
    Open,
    Clone,
    Execve,
    Pipe,
    Socket,
    Bind,
    Connect,
    Accept,
    Close,
    CloseRange,
    Fcntl,
    SimpleFd(crate::fd::FdKind),
    Chdir,
    Fchdir,
    Getcwd,
    Dup,
    Memfd,
    PidfdOpen,
    PidfdGetfd,
    Rlimit,
    Prlimit,
    Socketpair,
    Vm,
    Setuid,
    Setgid,
    Chroot,
    Setsid,
    Getsockopt,
    Capset,
    UnshareSetns,
}

/// The parser of an event type (see [`Parser`]).
pub(crate) fn parser_of(etype: u16) -> Parser {
    use crate::fd::FdKind as K;
    use Parser as P;
    if etype & 1 == 0 {
        return match etype {
            SOCKET_SENDTO_E => P::SendtoEnter,
            SOCKET_CONNECT_E => P::ConnectEnter,
            SYSCALL_FCNTL_E => P::FcntlEnter,
            SYSCALL_CLOSE_E => P::CloseEnter,
            PROCEXIT_E | PROCEXIT_1_E => P::ProcExit,
            SCHEDSWITCH_1_E | SCHEDSWITCH_6_E => P::Switch,
            CONTAINER_E => P::ContainerOld,
            CONTAINER_JSON_E | CONTAINER_JSON_2_E => P::ContainerJson,
            USER_ADDED_E | USER_DELETED_E => P::User,
            GROUP_ADDED_E | GROUP_DELETED_E => P::Group,
            _ if evflags::stores_enter(etype) => P::Store,
            _ => P::None,
        };
    }
    match etype {
        SYSCALL_READ_X | SYSCALL_WRITE_X | SOCKET_RECV_X | SOCKET_SEND_X | SOCKET_RECVFROM_X
        | SOCKET_RECVMSG_X | SOCKET_SENDTO_X | SOCKET_SENDMSG_X | SYSCALL_READV_X
        | SYSCALL_WRITEV_X | SYSCALL_PREAD_X | SYSCALL_PWRITE_X | SYSCALL_PREADV_X
        | SYSCALL_PWRITEV_X | SOCKET_RECVMMSG_X | SOCKET_SENDMMSG_X => P::Rw,
        SYSCALL_OPEN_X
        | SYSCALL_CREAT_X
        | SYSCALL_OPENAT_X
        | SYSCALL_OPENAT_2_X
        | SYSCALL_OPENAT2_X
        | SYSCALL_OPEN_BY_HANDLE_AT_X => P::Open,
        _ if evflags::is_clone_exit(etype) => P::Clone,
        _ if evflags::is_execve_exit(etype) => P::Execve,
        SYSCALL_PIPE_X | SYSCALL_PIPE2_X => P::Pipe,
        SOCKET_SOCKET_X => P::Socket,
        SOCKET_BIND_X => P::Bind,
        SOCKET_CONNECT_X => P::Connect,
        SOCKET_ACCEPT_X | SOCKET_ACCEPT_5_X | SOCKET_ACCEPT4_X | SOCKET_ACCEPT4_5_X
        | SOCKET_ACCEPT4_6_X => P::Accept,
        SYSCALL_CLOSE_X => P::Close,
        SYSCALL_CLOSE_RANGE_X => P::CloseRange,
        SYSCALL_FCNTL_X => P::Fcntl,
        SYSCALL_EVENTFD_X | SYSCALL_EVENTFD2_X => P::SimpleFd(K::Event),
        SYSCALL_CHDIR_X => P::Chdir,
        SYSCALL_FCHDIR_X => P::Fchdir,
        SYSCALL_GETCWD_X => P::Getcwd,
        SYSCALL_DUP_X | SYSCALL_DUP_1_X | SYSCALL_DUP2_X | SYSCALL_DUP3_X => P::Dup,
        SYSCALL_SIGNALFD_X | SYSCALL_SIGNALFD4_X => P::SimpleFd(K::SignalFd),
        SYSCALL_TIMERFD_CREATE_X => P::SimpleFd(K::TimerFd),
        SYSCALL_INOTIFY_INIT_X | SYSCALL_INOTIFY_INIT1_X => P::SimpleFd(K::Inotify),
        SYSCALL_BPF_2_X => P::SimpleFd(K::Bpf),
        SYSCALL_USERFAULTFD_X => P::SimpleFd(K::UserFaultFd),
        SYSCALL_IO_URING_SETUP_X => P::SimpleFd(K::IoUring),
        SYSCALL_EPOLL_CREATE_X | SYSCALL_EPOLL_CREATE1_X => P::SimpleFd(K::EventPoll),
        SYSCALL_MEMFD_CREATE_X => P::Memfd,
        SYSCALL_PIDFD_OPEN_X => P::PidfdOpen,
        SYSCALL_PIDFD_GETFD_X => P::PidfdGetfd,
        SYSCALL_GETRLIMIT_X | SYSCALL_SETRLIMIT_X => P::Rlimit,
        SYSCALL_PRLIMIT_X => P::Prlimit,
        SOCKET_SOCKETPAIR_X => P::Socketpair,
        SYSCALL_BRK_4_X | SYSCALL_MMAP_X | SYSCALL_MMAP2_X | SYSCALL_MUNMAP_X => P::Vm,
        SYSCALL_SETRESUID_X | SYSCALL_SETREUID_X | SYSCALL_SETUID_X => P::Setuid,
        SYSCALL_SETRESGID_X | SYSCALL_SETREGID_X | SYSCALL_SETGID_X => P::Setgid,
        SYSCALL_CHROOT_X => P::Chroot,
        SYSCALL_SETSID_X => P::Setsid,
        SOCKET_GETSOCKOPT_X => P::Getsockopt,
        SYSCALL_CAPSET_X => P::Capset,
        SYSCALL_UNSHARE_X | SYSCALL_SETNS_X => P::UnshareSetns,
        _ => P::None,
    }
}

pub(crate) fn process(insp: &mut Inspector, ev: &Event<'_>) {
    let facts = evflags::facts(ev.etype);
    reset(insp, ev, facts);
    let computed = if ev.is_exit() {
        // `reset` moved the thread's stored enter event here if it belongs to this exit.
        let buf = std::mem::take(&mut insp.enter_buf);
        let computed = if matches!(facts.parser, Parser::Open) {
            // The hottest parser reads the few enter parameters it needs straight from the
            // bytes. They were a valid event when stored, so `Event::parse` would accept
            // them: only the type decides whether they belong to this exit.
            let stored = buf.get(20..22).map(|t| u16::from_le_bytes([t[0], t[1]]));
            let enter = stored
                .filter(|t| t.wrapping_add(1) == ev.etype)
                .map(|_| &buf[..]);
            let computed = files::open_exit(insp, ev, enter);
            insp.cur.has_enter = enter.is_some();
            computed
        } else {
            let enter = if buf.is_empty() {
                None
            } else {
                Event::parse(insp.enter_cpu, 0, &buf).ok().filter(|e| {
                    e.etype.wrapping_add(1) == ev.etype
                        || (ev.etype == SYSCALL_EXECVE_19_X && e.etype == SYSCALL_EXECVEAT_E)
                })
            };
            let computed = dispatch_exit(insp, ev, facts.parser, enter.as_ref());
            insp.cur.has_enter = enter.is_some();
            computed
        };
        insp.enter_buf = buf;
        computed
    } else {
        dispatch_enter(insp, ev, facts.parser);
        false
    };

    // Without a parser the event's fd was only looked up, which makes its name the
    // remembered one.
    if !computed && !matches!(facts.parser, Parser::None) {
        if let Some(key) = insp.cur.fd {
            if let Some(f) = insp.fd_ref(key) {
                insp.cur.fd_name_changed = f.name != f.old_name;
            }
        }
    }

    if facts.clone_exit {
        // A clone may replace the event's thread, so its bookkeeping waits for the parser.
        let (etype, ts) = (ev.etype, ev.ts);
        if let Some(t) = insp.cur.thread.and_then(|t| insp.threads.get_mut(&t)) {
            end_update(t, true, etype, ts);
        }
    }
}

/// The generic bookkeeping of a skipped event (see [`Inspector::note_skipped`]): what
/// [`process`] does for an event type without a parser and without an fd.
pub(crate) fn skip(insp: &mut Inspector, ev: &Event<'_>) {
    let facts = evflags::facts(ev.etype);
    debug_assert!(crate::relevance::irrelevant(facts, insp.config.compat));
    reset(insp, ev, facts);
}

/// What every event does to its thread once parsed: the stored enter event has served (large
/// buffers are released so a big table of idle threads does not pin them) and the event
/// timestamps move on.
#[inline(always)]
fn end_update(t: &mut Thread, is_exit: bool, etype: u16, ts: u64) {
    if is_exit {
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

/// Creates the event thread's placeholder (`Inspector::get_or_create` + `add_thread` for a
/// placeholder, which is never a secondary thread). The caller makes sure that it needs no
/// eviction.
#[cold]
fn add_placeholder(
    threads: &mut HashMap<i64, Thread>,
    pid_count: &mut HashMap<i64, u32>,
    stats: &mut Stats,
    epoch: &mut u64,
    tid: i64,
) {
    let mut t = Thread::placeholder(tid);
    t.nchilds = pid_count.get(&tid).copied().unwrap_or(0) as u64;
    stats.placeholders += 1;
    t.last_access = stats.events;
    *pid_count.entry(tid).or_default() += 1;
    stats.threads_added += 1;
    *epoch += 1;
    threads.insert(tid, t);
}

/// Upstream `reset`: finds (or creates) the event's thread and its fd, and keeps the
/// thread's enter/exit bookkeeping.
#[inline(always)]
fn reset(insp: &mut Inspector, ev: &Event<'_>, facts: &Facts) {
    let etype = ev.etype;
    let compat = insp.config.compat;
    let flags = facts.flags[evflags::compat_index(compat)];
    let tid = ev.tid as i64;
    let is_exit = ev.is_exit();
    // Field by field (no new context is built), destructured so none is forgotten.
    let EventCtx {
        etype: cur_etype,
        tid: cur_tid,
        flags: cur_flags,
        thread,
        fd,
        fd_kind,
        fd_name_changed,
        errorcode,
        res,
        open_ctx,
        has_enter,
        container_thread,
    } = &mut insp.cur;
    *cur_etype = etype;
    *cur_tid = tid;
    *cur_flags = flags;
    *thread = None;
    *fd = None;
    *fd_kind = None;
    *fd_name_changed = false;
    *errorcode = 0;
    *res = None;
    *open_ctx = None;
    *has_enter = false;
    *container_thread = None;
    if is_exit {
        insp.enter_buf.clear();
    }

    if flags & EF_SKIPPARSERESET != 0 {
        if etype == PROCINFO_E {
            if let Some(t) = insp.threads.get_mut(&tid) {
                insp.cur.thread = Some(tid);
                end_update(t, is_exit, etype, ev.ts);
            }
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

    let query_os = !(facts.clone_exit || etype == SCHEDSWITCH_6_E);
    let t = if query_os {
        if insp.threads.len() >= insp.config.max_threads && !insp.threads.contains_key(&tid) {
            // A full table: the slow path evicts first.
            insp.get_or_create(tid);
        }
        // One lookup when the thread exists (the common case).
        match insp.threads.get_mut(&tid) {
            Some(t) => t,
            None => {
                add_placeholder(
                    &mut insp.threads,
                    &mut insp.pid_count,
                    &mut insp.stats,
                    &mut insp.thread_epoch,
                    tid,
                );
                match insp.threads.get_mut(&tid) {
                    Some(t) => t,
                    None => return,
                }
            }
        }
    } else {
        match insp.threads.get_mut(&tid) {
            Some(t) => t,
            None => return,
        }
    };
    insp.cur.thread = Some(tid);
    if etype == SCHEDSWITCH_6_E {
        return;
    }
    let now = insp.stats.events;
    t.last_access = now;
    if query_os {
        t.flags |= cl::ACTIVE;
    }

    if !is_exit {
        let mut fd = -1;
        if flags & EF_USES_FD != 0 {
            fd = params::i64_(ev, evflags::enter_fd_param(etype)).unwrap_or(-1);
        }
        t.lastevent_fd = fd;
        t.lastevent_type = etype;
        if matches!(facts.parser, Parser::Store) {
            store_into(t, ev);
        }
        end_update(t, false, etype, ev.ts);
        let owner = t.fd_owner();
        if flags & EF_USES_FD != 0 {
            insp.cur.fd = lookup_event_fd(insp, tid, owner, fd, false);
        }
        return;
    }

    let res = params::i64_with(ev, 0, facts.large);
    insp.cur.res = res;
    let exit_fd = || {
        let i = facts.exit_fd as usize;
        if facts.exit_fd == evflags::NO_PARAM || i >= ev.nparams() {
            return None;
        }
        params::i64_with(ev, i, facts.large)
    };
    let matched = etype == t.lastevent_type.wrapping_add(1)
        || (etype == SYSCALL_EXECVE_19_X && t.lastevent_type == SYSCALL_EXECVEAT_E);
    t.lastevent_valid = matched;
    let mut stop = false;
    if !matched {
        match compat {
            Compat::Modern => t.lastevent_fd = -1,
            Compat::Sysdig => match exit_fd() {
                // An exit-only event names its own fd.
                Some(fd) => t.lastevent_fd = fd,
                None => stop = t.lastevent_type != TRACER_E,
            },
        }
    } else if !t.lastevent_data.is_empty() {
        // The parser reads the stored enter event from `enter_buf`; the thread gets the
        // emptied buffer back, so neither side allocates.
        std::mem::swap(&mut insp.enter_buf, &mut t.lastevent_data);
        insp.enter_cpu = t.lastevent_cpu;
    }
    if !facts.clone_exit {
        end_update(t, true, etype, ev.ts);
    }
    if matches!(facts.parser, Parser::Open) {
        // What the open parser needs of the thread, read here so that it does not look the
        // thread up again; and its first write: an open that resolves a name makes the new
        // fd the thread's (only the oldest openat exit needs its enter event for that).
        let resolves = etype != SYSCALL_OPENAT_X
            || insp
                .enter_buf
                .get(20..22)
                .is_some_and(|b| u16::from_le_bytes([b[0], b[1]]).wrapping_add(1) == etype);
        if let Some(fd) = res.filter(|&fd| fd >= 0 && resolves) {
            t.lastevent_fd = fd;
        }
        insp.cur.open_ctx = Some(OpenCtx {
            is_main: t.is_main_thread(),
            pid: t.pid,
            owner: t.fd_owner(),
            cwd_len: t.cwd.len(),
        });
    }
    if stop {
        return;
    }

    if facts.res_first && ev.nparams() > 0 {
        if let Some(res) = res {
            if res < 0 {
                insp.cur.errorcode = res.checked_neg().unwrap_or(i64::MAX) as i32;
            }
        }
    }

    if flags & EF_USES_FD == 0 {
        return;
    }
    if etype == SYSCALL_COPY_FILE_RANGE_X {
        if let Some(out) = params::i64_(ev, 1) {
            t.lastevent_fd = out;
        }
    }
    if compat == Compat::Modern && t.lastevent_fd == -1 {
        if let Some(fd) = exit_fd() {
            t.lastevent_fd = fd;
        }
    }
    let (fd, owner) = (t.lastevent_fd, t.fd_owner());
    insp.cur.fd = lookup_event_fd(insp, tid, owner, fd, true);
}

/// The parser's fd lookup (`get_fd`) for the event's own fd: creates the owner's
/// placeholder if needed, remembers the name for `fd.name_changed` and the kind for the
/// parsers, and on exits completes a close that a reused fd number had cancelled.
fn lookup_event_fd(
    insp: &mut Inspector,
    tid: i64,
    owner: i64,
    fd: i64,
    exit: bool,
) -> Option<FdKey> {
    if fd < 0 {
        return None;
    }
    if owner != tid && insp.owner_seen != (owner, insp.thread_epoch) {
        if !insp.threads.contains_key(&owner) {
            insp.get_or_create(owner)?;
        }
        insp.owner_seen = (owner, insp.thread_epoch);
    }
    let tab = insp.fdtables.get_mut(&owner)?;
    let f = tab.fds.get_mut(&fd)?;
    f.old_name.clone_from(&f.name);
    let key = (owner, fd);
    insp.cur.fd_kind = Some((key, f.kind));
    if exit && f.flags & fdflags::CLOSE_CANCELED != 0 {
        f.flags &= !fdflags::CLOSE_CANCELED;
        if tab.fds.contains_key(&crate::consts::CANCELED_FD_NUMBER) {
            insp.schedule_fd_removal_in(tid, owner, crate::consts::CANCELED_FD_NUMBER);
        }
    }
    Some(key)
}

#[inline(always)]
fn store_into(t: &mut Thread, ev: &Event<'_>) {
    let bytes = ev.bytes();
    if bytes.len() > MAX_STORED_EVENT {
        return;
    }
    t.lastevent_data.clear();
    t.lastevent_data.extend_from_slice(bytes);
    t.lastevent_cpu = ev.cpu;
}

/// Copies an enter event into its thread for the exit parser.
fn store_event(insp: &mut Inspector, ev: &Event<'_>) {
    if let Some(t) = insp.cur.thread.and_then(|t| insp.threads.get_mut(&t)) {
        store_into(t, ev);
    }
}

fn dispatch_enter(insp: &mut Inspector, ev: &Event<'_>, parser: Parser) {
    match parser {
        Parser::SendtoEnter => {
            if insp.cur.fd.is_none() && insp.cur.thread.is_some() {
                net::infer_udp_socket(insp, params::i64_(ev, 0), params::raw(ev, 2));
            }
            store_event(insp, ev);
        }
        Parser::ConnectEnter => {
            net::connect_enter(insp, ev);
            store_event(insp, ev);
        }
        Parser::FcntlEnter => {
            let cmd = params::u8_(ev, 1).unwrap_or(0);
            use crate::consts::arg::*;
            if cmd == FCNTL_F_DUPFD || cmd == FCNTL_F_DUPFD_CLOEXEC || cmd == FCNTL_F_SETFD {
                store_event(insp, ev);
            }
        }
        Parser::CloseEnter => files::close_enter(insp),
        Parser::ProcExit => proc::thread_exit(insp),
        Parser::Switch => proc::context_switch(insp, ev),
        Parser::ContainerOld => meta::container_old(insp, ev),
        Parser::ContainerJson => meta::container_json(insp, ev),
        Parser::User => meta::user_event(insp, ev),
        Parser::Group => meta::group_event(insp, ev),
        // Stored by `reset`.
        Parser::Store => {}
        _ => {}
    }
}

/// Runs the exit parser. True when the parser already set `fd.name_changed`.
fn dispatch_exit(
    insp: &mut Inspector,
    ev: &Event<'_>,
    parser: Parser,
    enter: Option<&Event<'_>>,
) -> bool {
    match parser {
        Parser::None => return true,
        Parser::Rw => return net::rw_exit(insp, ev, enter),
        // Handled by `process` (raw enter bytes).
        Parser::Open => {}
        Parser::Close => return files::close_exit(insp, ev),
        Parser::Clone => proc::clone_exit(insp, ev),
        Parser::Execve => proc::execve_exit(insp, ev, enter),
        Parser::Pipe => files::pipe_exit(insp, ev),
        Parser::Socket => net::socket_exit(insp, ev, enter),
        Parser::Bind => net::bind_exit(insp, ev),
        Parser::Connect => net::connect_exit(insp, ev),
        Parser::Accept => net::accept_exit(insp, ev),
        Parser::CloseRange => files::close_range_exit(insp, ev),
        Parser::Fcntl => files::fcntl_exit(insp, ev, enter),
        Parser::SimpleFd(kind) => files::simple_fd_exit(insp, ev, kind),
        Parser::Chdir => proc::chdir_exit(insp, ev),
        Parser::Fchdir => proc::fchdir_exit(insp, ev),
        Parser::Getcwd => proc::getcwd_exit(insp, ev),
        Parser::Dup => files::dup_exit(insp, ev),
        Parser::Memfd => files::memfd_exit(insp, ev),
        Parser::PidfdOpen => files::pidfd_open_exit(insp, ev),
        Parser::PidfdGetfd => files::pidfd_getfd_exit(insp, ev),
        Parser::Rlimit => proc::rlimit_exit(insp, ev, enter),
        Parser::Prlimit => proc::prlimit_exit(insp, ev, enter),
        Parser::Socketpair => net::socketpair_exit(insp, ev),
        Parser::Vm => proc::vm_exit(insp, ev),
        Parser::Setuid => proc::setuid_exit(insp, ev, enter),
        Parser::Setgid => proc::setgid_exit(insp, ev, enter),
        Parser::Chroot => proc::chroot_exit(insp, ev),
        Parser::Setsid => proc::setsid_exit(insp, ev),
        Parser::Getsockopt if ev.nparams() > 0 => net::getsockopt_exit(insp, ev),
        Parser::Capset => proc::capset_exit(insp, ev),
        Parser::UnshareSetns => proc::unshare_setns_exit(insp, ev),
        _ => {}
    }
    false
}

/// The event's result (`res`/`fd`/first parameter as a signed integer).
pub(crate) fn retval(ev: &Event<'_>) -> Option<i64> {
    params::i64_(ev, 0)
}

/// The tid of the event's thread, if it has one.
pub(crate) fn cur_tid(insp: &Inspector) -> Option<i64> {
    insp.cur.thread
}
