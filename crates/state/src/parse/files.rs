//! Fd-creating and fd-destroying calls other than sockets: open family, close, dup, fcntl,
//! pipes and the single-fd creators (eventfd, signalfd, timerfd, inotify, epoll, bpf,
//! userfaultfd, io_uring, memfd, pidfd).

use peregrine_event::ppme::*;
use peregrine_event::Event;

use super::params::{self as p, i64_, present, u32_};
use super::{cur_tid, retval};
use crate::addr;
use crate::consts::{arg, o};
use crate::fd::{flags as fdflags, Fd, FdKind};
use crate::inspector::Inspector;
use crate::path::{concatenate_paths, cstr, sanitize};
use crate::Compat;

fn is_null_name(name: &[u8]) -> bool {
    cstr(name) == b"(NULL)"
}

/// The directory a relative path of an `*at` call is resolved against (upstream
/// `parse_dirfd`): `.` for an absolute path, the cwd for AT_FDCWD, else the dirfd's name
/// followed by `/` (`<UNKNOWN>` if the fd is not known).
pub(super) fn dirfd_base(insp: &mut Inspector, tid: i64, name: &[u8], dirfd: i64) -> String {
    if name.first() == Some(&b'/') {
        return ".".to_string();
    }
    if dirfd == arg::AT_FDCWD {
        return super::proc::cwd_of(insp, tid);
    }
    match insp.lookup_fd(tid, dirfd).and_then(|k| insp.fd_ref(k)) {
        Some(f) => format!("{}/", f.name),
        None => "<UNKNOWN>".to_string(),
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

/// open/creat/openat/openat2 exit.
pub(super) fn open_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let Some(fd) = retval(ev) else {
        insp.stats.malformed += 1;
        return;
    };
    let etype = ev.etype;
    let mut dev = 0u32;
    let (name, flags, sdir): (Vec<u8>, u32, String) = match etype {
        SYSCALL_OPEN_X => {
            let mut name = p::raw(ev, 1).unwrap_or(&[]);
            let mut flags = u32_(ev, 2).unwrap_or(0);
            if ev.nparams() > 4 {
                dev = u32_(ev, 4).unwrap_or(0);
            }
            if let Some(en) = enter.filter(|e| e.nparams() >= 2) {
                let en_name = p::raw(en, 0).unwrap_or(&[]);
                if !en_name.is_empty() && !is_null_name(en_name) {
                    name = en_name;
                    flags = u32_(en, 1).unwrap_or(0);
                }
            }
            (name.to_vec(), flags, super::proc::cwd_of(insp, tid))
        }
        SYSCALL_CREAT_X => {
            let mut name = p::raw(ev, 1).unwrap_or(&[]);
            if ev.nparams() > 3 {
                dev = u32_(ev, 3).unwrap_or(0);
            }
            if let Some(en) = enter.filter(|e| e.nparams() >= 1) {
                let en_name = p::raw(en, 0).unwrap_or(&[]);
                if !en_name.is_empty() && !is_null_name(en_name) {
                    name = en_name;
                }
            }
            (name.to_vec(), 0, super::proc::cwd_of(insp, tid))
        }
        SYSCALL_OPENAT_X => {
            // The oldest openat exit carries only the fd.
            let Some(en) = enter else {
                insp.stats.enter_missing += 1;
                return;
            };
            let name = p::raw(en, 1).unwrap_or(&[]).to_vec();
            let flags = u32_(en, 2).unwrap_or(0);
            let dirfd = i64_(en, 0).unwrap_or(arg::AT_FDCWD);
            let sdir = openat_dir(insp, tid, &name, dirfd);
            (name, flags, sdir)
        }
        SYSCALL_OPENAT_2_X | SYSCALL_OPENAT2_X => {
            let mut name = p::raw(ev, 2).unwrap_or(&[]);
            let mut flags = u32_(ev, 3).unwrap_or(0);
            let mut dirfd = i64_(ev, 1).unwrap_or(arg::AT_FDCWD);
            if etype == SYSCALL_OPENAT_2_X && ev.nparams() > 5 {
                dev = u32_(ev, 5).unwrap_or(0);
            }
            if etype == SYSCALL_OPENAT2_X && ev.nparams() > 6 {
                dev = u32_(ev, 6).unwrap_or(0);
            }
            if let Some(en) = enter.filter(|e| e.nparams() >= 3) {
                let en_name = p::raw(en, 1).unwrap_or(&[]);
                if !en_name.is_empty() && !is_null_name(en_name) {
                    name = en_name;
                    flags = u32_(en, 2).unwrap_or(0);
                    dirfd = i64_(en, 0).unwrap_or(arg::AT_FDCWD);
                }
            }
            let name = name.to_vec();
            let sdir = openat_dir(insp, tid, &name, dirfd);
            (name, flags, sdir)
        }
        SYSCALL_OPEN_BY_HANDLE_AT_X => {
            let name = p::raw(ev, 3).unwrap_or(&[]).to_vec();
            let flags = u32_(ev, 2).unwrap_or(0);
            dev = u32_(ev, 4).unwrap_or(0);
            (name, flags, super::proc::cwd_of(insp, tid))
        }
        _ => return,
    };
    let fullpath = concatenate_paths(sdir.as_bytes(), &name);
    if fd < 0 {
        return;
    }
    let kind = if flags & o::DIRECTORY != 0 {
        FdKind::Directory
    } else {
        FdKind::File
    };
    let mut f = Fd::new(fd, kind, fullpath);
    f.name_raw = String::from_utf8_lossy(cstr(&name)).into_owned();
    f.open_flags = flags;
    f.dev = dev;
    if let Some(ino) = p::uint_by_name(ev, "ino") {
        f.ino = ino;
    }
    insp.cur.fd = insp.add_fd(tid, fd, f);
}

/// [`dirfd_base`] for the open family, which also makes the dirfd the event's fd (so a failed
/// relative openat shows its directory).
fn openat_dir(insp: &mut Inspector, tid: i64, name: &[u8], dirfd: i64) -> String {
    if name.first() != Some(&b'/') && dirfd != arg::AT_FDCWD {
        insp.cur.fd = insp.lookup_fd(tid, dirfd);
    }
    dirfd_base(insp, tid, name, dirfd)
}

pub(super) fn close_enter(insp: &mut Inspector) {
    if let Some(key) = insp.cur.fd {
        if let Some(f) = insp.fd_mut(key) {
            f.flags |= fdflags::CLOSE_IN_PROGRESS;
        }
    }
}

/// close exit: a successful close removes the fd once this event has been seen.
pub(super) fn close_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(r) = retval(ev) else {
        return;
    };
    let Some(key) = insp.cur.fd else {
        return;
    };
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    if r >= 0 {
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
