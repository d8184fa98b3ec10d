//! Fd-creating and fd-destroying calls other than sockets: open family, close, dup, fcntl,
//! pipes and the single-fd creators (eventfd, signalfd, timerfd, inotify, epoll, bpf,
//! userfaultfd, io_uring, memfd, pidfd).

use peregrine_event::ppme::*;
use peregrine_event::Event;

use super::params::{self as p, as_i64, as_u32, as_uint, i64_, present, u32_};
use super::{cur_tid, retval};
use crate::addr;
use crate::consts::{arg, o};
use crate::fd::{flags as fdflags, Fd, FdKind};
use crate::inspector::Inspector;
use crate::path::{concatenate_in_place, concatenate_paths, cstr, sanitize};
use crate::Compat;

fn is_null_name(name: &[u8]) -> bool {
    cstr(name) == b"(NULL)"
}

/// The directory a relative path of an `*at` call is resolved against (upstream
/// `parse_dirfd`): `.` for an absolute path, the cwd for AT_FDCWD, else the dirfd's name
/// followed by `/` (`<UNKNOWN>` if the fd is not known).
pub(super) fn dirfd_base(insp: &mut Inspector, tid: i64, name: &[u8], dirfd: i64) -> String {
    let mut buf = Vec::new();
    dirfd_base_into(insp, tid, name, dirfd, &mut buf);
    let mut out = String::new();
    crate::path::push_utf8(&mut out, &buf);
    out
}

/// [`dirfd_base`], appended to `buf`.
fn dirfd_base_into(insp: &mut Inspector, tid: i64, name: &[u8], dirfd: i64, buf: &mut Vec<u8>) {
    if name.first() == Some(&b'/') {
        buf.push(b'.');
        return;
    }
    if dirfd == arg::AT_FDCWD {
        super::proc::cwd_into(insp, tid, buf);
        return;
    }
    match insp.lookup_fd(tid, dirfd).and_then(|k| insp.fd_ref(k)) {
        Some(f) => {
            buf.extend_from_slice(f.name.as_bytes());
            buf.push(b'/');
        }
        None => buf.extend_from_slice(b"<UNKNOWN>"),
    }
}

/// Read-only twin of [`dirfd_base`] for field extraction.
fn dirfd_base_ro(insp: &Inspector, tid: i64, name: &[u8], dirfd: i64) -> String {
    if name.first() == Some(&b'/') {
        return ".".to_string();
    }
    let Some(t) = insp.threads.get(&tid) else {
        return "<UNKNOWN>".to_string();
    };
    if dirfd == arg::AT_FDCWD {
        return insp.cwd(t).to_string();
    }
    match (dirfd >= 0).then(|| insp.fd(tid, dirfd)).flatten() {
        Some(f) => format!("{}/", f.name),
        None => "<UNKNOWN>".to_string(),
    }
}

/// Where an open-family call resolves a relative name.
#[derive(Clone, Copy)]
enum Base {
    /// The process's working directory (looked up even for absolute names, as upstream).
    Cwd,
    /// `parse_dirfd` on this dirfd.
    At(i64),
}

/// open/creat/openat/openat2 exit, with the bytes of its enter event if the capture had it.
/// Sets `fd.name_changed` itself.
pub(super) fn open_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&[u8]>) -> bool {
    let Some(tid) = cur_tid(insp) else {
        return false;
    };
    let ps = p::first::<7>(ev);
    let Some(fd) = as_i64(ps[0]) else {
        insp.stats.malformed += 1;
        return false;
    };
    let etype = ev.etype;
    let nparams = ev.nparams();
    let mut dev = 0u32;
    let (name, flags, base): (&[u8], u32, Base) = match etype {
        SYSCALL_OPEN_X => {
            let mut name = ps[1].unwrap_or(&[]);
            let mut flags = as_u32(ps[2]).unwrap_or(0);
            if nparams > 4 {
                dev = as_u32(ps[4]).unwrap_or(0);
            }
            if let Some((_, _, [en_name, en_flags])) =
                enter.map(p::first_raw::<2>).filter(|e| e.1 >= 2)
            {
                let en_name = en_name.unwrap_or(&[]);
                if !en_name.is_empty() && !is_null_name(en_name) {
                    name = en_name;
                    flags = as_u32(en_flags).unwrap_or(0);
                }
            }
            (name, flags, Base::Cwd)
        }
        SYSCALL_CREAT_X => {
            let mut name = ps[1].unwrap_or(&[]);
            if nparams > 3 {
                dev = as_u32(ps[3]).unwrap_or(0);
            }
            if let Some((_, _, [en_name])) = enter.map(p::first_raw::<1>).filter(|e| e.1 >= 1) {
                let en_name = en_name.unwrap_or(&[]);
                if !en_name.is_empty() && !is_null_name(en_name) {
                    name = en_name;
                }
            }
            (name, 0, Base::Cwd)
        }
        SYSCALL_OPENAT_X => {
            // The oldest openat exit carries only the fd.
            let Some(en) = enter else {
                insp.stats.enter_missing += 1;
                return true;
            };
            let (_, _, [en_dirfd, en_name, en_flags]) = p::first_raw::<3>(en);
            let dirfd = as_i64(en_dirfd).unwrap_or(arg::AT_FDCWD);
            (
                en_name.unwrap_or(&[]),
                as_u32(en_flags).unwrap_or(0),
                Base::At(dirfd),
            )
        }
        SYSCALL_OPENAT_2_X | SYSCALL_OPENAT2_X => {
            let mut name = ps[2].unwrap_or(&[]);
            let mut flags = as_u32(ps[3]).unwrap_or(0);
            let mut dirfd = as_i64(ps[1]).unwrap_or(arg::AT_FDCWD);
            if etype == SYSCALL_OPENAT_2_X && nparams > 5 {
                dev = as_u32(ps[5]).unwrap_or(0);
            }
            if etype == SYSCALL_OPENAT2_X && nparams > 6 {
                dev = as_u32(ps[6]).unwrap_or(0);
            }
            if let Some((_, _, [en_dirfd, en_name, en_flags])) =
                enter.map(p::first_raw::<3>).filter(|e| e.1 >= 3)
            {
                let en_name = en_name.unwrap_or(&[]);
                if !en_name.is_empty() && !is_null_name(en_name) {
                    name = en_name;
                    flags = as_u32(en_flags).unwrap_or(0);
                    dirfd = as_i64(en_dirfd).unwrap_or(arg::AT_FDCWD);
                }
            }
            (name, flags, Base::At(dirfd))
        }
        SYSCALL_OPEN_BY_HANDLE_AT_X => {
            dev = as_u32(ps[4]).unwrap_or(0);
            (ps[3].unwrap_or(&[]), as_u32(ps[2]).unwrap_or(0), Base::Cwd)
        }
        _ => return true,
    };

    // The names are built in scratch buffers while the directory is borrowed; they keep the
    // last resolution, which the next open of the same name reuses (see `OpenMemo`).
    // `reset` read the thread and already made `fd` its current fd.
    let ctx = match insp.cur.open_ctx {
        Some(c) => c,
        None => match insp.threads.get_mut(&tid) {
            Some(t) => {
                if fd >= 0 {
                    t.lastevent_fd = fd;
                }
                crate::inspector::OpenCtx {
                    is_main: t.is_main_thread(),
                    pid: t.pid,
                    owner: t.fd_owner(),
                    cwd_len: t.cwd.len(),
                }
            }
            None => return false,
        },
    };
    let (is_main, pid, owner) = (ctx.is_main, ctx.pid, ctx.owner);
    let cwd_base = match base {
        Base::Cwd => true,
        Base::At(dirfd) => name.first() != Some(&b'/') && dirfd == arg::AT_FDCWD,
    };
    // The owner of a shared fd table is the main thread, which the cwd lookup creates.
    let mut owner_known = owner == tid;
    // The names go to the open memo (which the next open of the same name reuses).
    if cwd_base {
        // `cwd_into`, knowing whose cwd it is.
        let cwd_of = if is_main { tid } else { pid };
        if !is_main {
            owner_known = owner == pid;
        }
        let lookup = if is_main {
            // A main thread's own cwd: nothing to create, and the thread is only needed
            // when the memo cannot answer from the cwd's length.
            fd >= 0 && !insp.open_memo.holds_for(ctx.cwd_len, name)
        } else {
            true
        };
        if lookup {
            match insp.threads.get(&cwd_of) {
                Some(m) => {
                    if fd >= 0 {
                        insp.open_memo.resolve(&m.cwd, name, &mut insp.path_buf);
                    }
                }
                None => {
                    // A new placeholder, whose cwd is empty.
                    if !is_main {
                        insp.get_or_create(pid);
                    }
                    if fd >= 0 {
                        insp.open_memo.resolve("", name, &mut insp.path_buf);
                    }
                }
            }
        }
    } else if let Base::At(dirfd) = base {
        let mut buf = std::mem::take(&mut insp.path_buf);
        buf.clear();
        openat_dir(insp, tid, name, dirfd, &mut buf);
        if fd >= 0 {
            concatenate_in_place(&mut buf, name);
            insp.open_memo.set_unkeyed(&buf, name);
        }
        insp.path_buf = buf;
    }
    if fd < 0 {
        // Nothing was added: the event's fd, if any, is a dirfd that was only looked up.
        return true;
    }
    let kind = if flags & o::DIRECTORY != 0 {
        FdKind::Directory
    } else {
        FdKind::File
    };
    let ino = crate::evflags::facts(etype).ino;
    let ino = if ino != crate::evflags::NO_PARAM && (ino as usize) < nparams {
        match ps.get(ino as usize) {
            Some(&v) => as_uint(v),
            None => p::uint(ev, ino as usize),
        }
    } else {
        None
    };
    if !owner_known && !insp.threads.contains_key(&owner) {
        insp.get_or_create(owner);
    }
    let named = !insp.open_memo.resolved.is_empty();
    let memo = &insp.open_memo;
    let fill = |f: &mut crate::fd::Fd| {
        f.kind = kind;
        f.name.push_str(&memo.resolved);
        f.name_raw.push_str(&memo.raw);
        f.open_flags = flags;
        f.dev = dev;
        if let Some(v) = ino {
            f.ino = v;
        }
    };
    insp.cur.fd = crate::inspector::add_fd_in(
        &mut insp.fdtables,
        &mut insp.fd_pool,
        &mut insp.stats,
        insp.config.max_fds_per_process,
        (owner, fd),
        fill,
    );
    // A new entry remembers no earlier name.
    insp.cur.fd_name_changed = insp.cur.fd.is_some() && named;
    true
}

/// [`dirfd_base_into`] for the open family, which also makes the dirfd the event's fd (so a
/// failed relative openat shows its directory).
fn openat_dir(insp: &mut Inspector, tid: i64, name: &[u8], dirfd: i64, buf: &mut Vec<u8>) {
    if name.first() != Some(&b'/') && dirfd != arg::AT_FDCWD {
        insp.cur.fd = insp.lookup_fd(tid, dirfd);
    }
    dirfd_base_into(insp, tid, name, dirfd, buf)
}

pub(super) fn close_enter(insp: &mut Inspector) {
    if let Some(key) = insp.cur.fd {
        if let Some(f) = insp.fd_mut(key) {
            f.flags |= fdflags::CLOSE_IN_PROGRESS;
        }
    }
}

/// close exit: a successful close removes the fd once this event has been seen. Names
/// nothing, so `fd.name_changed` stays false (the result is always true).
pub(super) fn close_exit(insp: &mut Inspector, ev: &Event<'_>) -> bool {
    let Some(key) = insp.cur.fd else {
        return true;
    };
    let Some(r) = insp.cur.res.or_else(|| retval(ev)) else {
        return true;
    };
    let Some(tid) = cur_tid(insp) else {
        return true;
    };
    if r >= 0 {
        if matches!(insp.cur.fd_kind, Some((k, _)) if k == key) {
            // `reset` looked this fd up for this exit: it completed any cancelled close and
            // the thread's fd is this one, in its owner's table.
            insp.schedule_fd_removal_in(tid, key.0, key.1);
            return true;
        }
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
        } else {
            let fd = insp
                .threads
                .get(&tid)
                .map(|t| t.lastevent_fd)
                .unwrap_or(key.1);
            insp.schedule_fd_removal(tid, fd);
        }
    } else if let Some(f) = insp.fd_mut(key) {
        f.flags &= !fdflags::CLOSE_IN_PROGRESS;
    }
    true
}

pub(super) fn close_range_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let (Some(first), Some(last), flags) = (u32_(ev, 1), u32_(ev, 2), u32_(ev, 3).unwrap_or(0))
    else {
        return;
    };
    let in_range = |fd: i64| fd >= first as i64 && fd <= last as i64;
    let Some(owner) = insp.owner_of(tid) else {
        return;
    };
    let Some(tab) = insp.fdtables.get_mut(&owner) else {
        return;
    };
    if flags & arg::CLOSE_RANGE_CLOEXEC != 0 {
        for (fd, f) in tab.fds.iter_mut() {
            if in_range(*fd) {
                f.open_flags |= o::CLOEXEC;
            }
        }
    } else {
        let before = tab.len();
        tab.fds.retain(|fd, _| !in_range(*fd));
        insp.stats.fds_removed += (before - tab.len()) as u64;
    }
}

/// dup/dup2/dup3 exit: the new fd is a copy of the old one.
pub(super) fn dup_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let Some(r) = retval(ev) else {
        return;
    };
    if r < 0 {
        return;
    }
    if let Some(t) = insp.threads.get_mut(&tid) {
        // Upstream's shell-pipe heuristic.
        if r == 0 {
            t.flags |= crate::consts::cl::PIPE_DST;
        }
        if r == 1 {
            t.flags |= crate::consts::cl::PIPE_SRC;
        }
    }
    let Some(mut f) = insp.cur.fd.and_then(|k| insp.fd_ref(k)).cloned() else {
        return;
    };
    if insp.config.compat == Compat::Modern {
        f.clear_cloexec();
        if ev.etype == SYSCALL_DUP3_X && u32_(ev, 3).unwrap_or(0) & o::CLOEXEC != 0 {
            f.open_flags |= o::CLOEXEC;
        }
    }
    insp.cur.fd = insp.add_fd(tid, r, f);
}

/// fcntl exit: F_DUPFD/F_DUPFD_CLOEXEC duplicate the fd; F_SETFD (current libsinsp) sets or
/// clears close-on-exec.
pub(super) fn fcntl_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let cmd = match present(ev, 2).and_then(|_| p::u8_(ev, 2)) {
        Some(c) => c,
        None => match enter.and_then(|e| p::u8_(e, 1)) {
            Some(c) => c,
            None => return,
        },
    };
    let modern = insp.config.compat == Compat::Modern;
    let dup = cmd == arg::FCNTL_F_DUPFD || cmd == arg::FCNTL_F_DUPFD_CLOEXEC;
    let setfd = modern && cmd == arg::FCNTL_F_SETFD;
    if !dup && !setfd {
        return;
    }
    let Some(r) = retval(ev) else {
        return;
    };
    let Some(key) = insp.cur.fd else {
        return;
    };
    if r < 0 {
        return;
    }
    if setfd {
        let argv = p::u64_(ev, 3)
            .or_else(|| enter.and_then(|e| p::u64_(e, 2)))
            .unwrap_or(0);
        if let Some(f) = insp.fd_mut(key) {
            f.clear_cloexec();
            if argv & arg::FD_CLOEXEC != 0 {
                f.open_flags |= o::CLOEXEC;
            }
        }
        return;
    }
    let Some(mut f) = insp.fd_ref(key).cloned() else {
        return;
    };
    if modern {
        f.clear_cloexec();
        if cmd == arg::FCNTL_F_DUPFD_CLOEXEC {
            f.open_flags |= o::CLOEXEC;
        }
    }
    insp.cur.fd = insp.add_fd(tid, r, f);
}

pub(super) fn pipe_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let (Some(fd1), Some(fd2)) = (i64_(ev, 1), i64_(ev, 2)) else {
        insp.stats.malformed += 1;
        return;
    };
    let ino = p::u64_(ev, 3).unwrap_or(0);
    let flags = if ev.etype == SYSCALL_PIPE2_X {
        u32_(ev, 4).unwrap_or(0)
    } else {
        0
    };
    for fd in [fd1, fd2] {
        let mut f = Fd::new(fd, FdKind::Fifo, "");
        f.ino = ino;
        f.open_flags = flags;
        insp.cur.fd = insp.add_fd(tid, fd, f);
    }
}

/// An fd returned in the result and described by nothing but its kind.
pub(super) fn simple_fd_exit(insp: &mut Inspector, ev: &Event<'_>, kind: FdKind) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let Some(fd) = retval(ev) else {
        return;
    };
    if fd < 0 {
        return;
    }
    let mut f = Fd::new(fd, kind, "");
    if insp.config.compat == Compat::Modern {
        f.open_flags = match ev.etype {
            SYSCALL_EVENTFD2_X | SYSCALL_INOTIFY_INIT1_X | SYSCALL_SIGNALFD4_X => {
                p::uint(ev, 1).unwrap_or(0) as u32
            }
            SYSCALL_TIMERFD_CREATE_X => p::u8_(ev, 2).unwrap_or(0) as u32,
            SYSCALL_EPOLL_CREATE1_X if u32_(ev, 1).unwrap_or(0) & arg::EPOLL_CLOEXEC != 0 => {
                o::CLOEXEC
            }
            _ => 0,
        };
    }
    insp.cur.fd = insp.add_fd(tid, fd, f);
}

pub(super) fn memfd_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let Some(fd) = retval(ev).filter(|&fd| fd >= 0) else {
        return;
    };
    let mut f = Fd::new(fd, FdKind::Memfd, p::string(ev, 1));
    f.open_flags = u32_(ev, 2).unwrap_or(0);
    insp.cur.fd = insp.add_fd(tid, fd, f);
}

pub(super) fn pidfd_open_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let Some(fd) = retval(ev).filter(|&fd| fd >= 0) else {
        return;
    };
    let pid = i64_(ev, 1).unwrap_or(-1);
    let mut f = Fd::new(fd, FdKind::PidFd, format!("/proc/{pid}"));
    f.open_flags = u32_(ev, 2).unwrap_or(0);
    f.pid = pid;
    insp.cur.fd = insp.add_fd(tid, fd, f);
}

/// pidfd_getfd: the new fd is a copy of another process's fd, always close-on-exec.
pub(super) fn pidfd_getfd_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let (Some(fd), Some(pidfd), Some(target)) = (retval(ev), i64_(ev, 1), i64_(ev, 2)) else {
        return;
    };
    let Some(pf) = insp.fd(tid, pidfd).filter(|f| f.kind == FdKind::PidFd) else {
        return;
    };
    let Some(mut f) = insp.fd(pf.pid, target).cloned() else {
        return;
    };
    f.clear_cloexec();
    f.open_flags |= o::CLOEXEC;
    insp.cur.fd = insp.add_fd(tid, fd, f);
}

/// The `fd.name` upstream shows for an event that has no fd (a failed open or connect,
/// an fd that was never seen): the name the call was about. `None` where upstream has no
/// value (enter events).
pub(crate) fn fd_name_without_fd(insp: &Inspector, ev: &Event<'_>) -> Option<String> {
    if !ev.is_exit() {
        return None;
    }
    let tid = insp.cur.thread.filter(|_| insp.cur.etype == ev.etype);
    Some(match ev.etype {
        SYSCALL_OPEN_X | SYSCALL_CREAT_X => {
            let path = p::raw(ev, 1).unwrap_or(&[]);
            let t = tid.and_then(|t| insp.threads.get(&t));
            match t {
                Some(t) if !path.is_empty() && !p::is_na(path) && path[0] != b'/' => {
                    concatenate_paths(insp.cwd(t).as_bytes(), path)
                }
                _ => sanitize(&String::from_utf8_lossy(cstr(path))),
            }
        }
        SOCKET_ACCEPT_X | SOCKET_ACCEPT_5_X | SOCKET_ACCEPT4_X | SOCKET_ACCEPT4_5_X
        | SOCKET_ACCEPT4_6_X | SOCKET_CONNECT_X => {
            addr::socktuple_str(p::raw(ev, 1).unwrap_or(&[]))
        }
        SYSCALL_OPENAT_X | SYSCALL_OPENAT_2_X | SYSCALL_OPENAT2_X => {
            // The oldest openat exit carries only the fd: the path is on the enter event.
            let enter = insp.event_enter().filter(|_| ev.etype == SYSCALL_OPENAT_X);
            let (src, base) = match &enter {
                Some(en) => (en, 0),
                None if ev.etype == SYSCALL_OPENAT_X => return None,
                None => (ev, 1),
            };
            let name = p::raw(src, base + 1).unwrap_or(&[]);
            let dirfd = i64_(src, base).unwrap_or(arg::AT_FDCWD);
            let sdir = match tid {
                Some(t) => dirfd_base_ro(insp, t, name, dirfd),
                None => "<UNKNOWN>".to_string(),
            };
            concatenate_paths(sdir.as_bytes(), name)
        }
        _ => String::new(),
    })
}
