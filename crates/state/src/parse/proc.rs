//! Process lifecycle and attributes: clone/fork, execve, exit, cwd, credentials, limits.

use peregrine_event::ppme::*;
use peregrine_event::Event;

use super::params::{self as p, i64_, present, u32_, u64_};
use super::{cur_tid, retval};
use crate::consts::{arg, cl, CLONE_STALE_TIME_NS};
use crate::fd::flags as fdflags;
use crate::inspector::Inspector;
use crate::path::{concatenate_paths, cstr};
use crate::seed::container_id_of;
use crate::thread::{copy_strings, Stash, Thread};
use crate::Compat;

/// Parameter positions of the clone family, which moved between event versions.
struct CloneLayout {
    flags: usize,
    uid: usize,
    gid: usize,
    /// comm parameter (old versions have none: comm is the exe).
    comm: Option<usize>,
    /// Memory counters present.
    vm: bool,
    /// vtid/vpid/cgroups present.
    ns: bool,
}

fn clone_layout(etype: u16) -> CloneLayout {
    match etype {
        SYSCALL_CLONE_11_X => CloneLayout {
            flags: 8,
            uid: 9,
            gid: 10,
            comm: None,
            vm: false,
            ns: false,
        },
        SYSCALL_CLONE_16_X | SYSCALL_FORK_X | SYSCALL_VFORK_X => CloneLayout {
            flags: 13,
            uid: 14,
            gid: 15,
            comm: None,
            vm: true,
            ns: false,
        },
        SYSCALL_CLONE_17_X | SYSCALL_FORK_17_X | SYSCALL_VFORK_17_X => CloneLayout {
            flags: 14,
            uid: 15,
            gid: 16,
            comm: Some(13),
            vm: true,
            ns: false,
        },
        _ => CloneLayout {
            flags: 15,
            uid: 16,
            gid: 17,
            comm: Some(13),
            vm: true,
            ns: true,
        },
    }
}

/// clone/fork/vfork/clone3 exit, in the parent (result = child tid) or in the child
/// (result 0). Whichever side comes first creates the child's entry.
pub(super) fn clone_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let etype = ev.etype;
    let lay = clone_layout(etype);
    let mut tid = ev.tid as i64;
    let Some(mut childtid) = retval(ev) else {
        insp.stats.malformed += 1;
        return;
    };
    let flags = u32_(ev, lay.flags).unwrap_or(0);
    if childtid < 0 {
        return;
    }
    let (mut vtid, mut vpid) = (tid, -1);
    if lay.ns {
        vtid = i64_(ev, 18).unwrap_or(tid);
        vpid = i64_(ev, 19).unwrap_or(-1);
    }
    let in_container = flags & cl::CHILD_IN_PIDNS != 0 || tid != vtid;
    let mut inverted = false;
    let mut tid_collision = false;

    if childtid == 0 {
        // In the child. An old entry for this tid means its exit was lost.
        if let Some(t) = insp.cur.thread.and_then(|t| insp.threads.get(&t)) {
            if t.clone_ts != 0 && ev.ts.saturating_sub(t.clone_ts) > CLONE_STALE_TIME_NS {
                insp.remove_thread(tid, true);
                insp.cur.thread = None;
            }
        }
        let parenttid = if flags & cl::CLONE_THREAD != 0 {
            i64_(ev, 4)
        } else {
            i64_(ev, 5)
        };
        let parenttid = parenttid.unwrap_or(-1);
        match insp.cur.thread {
            None => {
                inverted = true;
                childtid = tid;
                tid = parenttid;
            }
            Some(t) => {
                if in_container {
                    if let Some(t) = insp.threads.get_mut(&t) {
                        t.vtid = vtid;
                        t.vpid = vpid;
                    }
                }
                return;
            }
        }
    } else if in_container {
        // The parent sees the child's namespace-local tid only: let the child create it.
        return;
    }

    let Some(ptid) = insp.get_or_create(tid) else {
        return;
    };
    let Some(parent) = insp.threads.get(&ptid) else {
        return;
    };
    let valid_parent = !parent.is_invalid();
    // Its `args` and `cgroups` are set below, whatever the path.
    let mut t = insp.new_clone_child(childtid);
    if valid_parent {
        // Copied before anything is removed, so the child gets the parent as it was.
        let parent = &insp.threads[&ptid];
        copy_process_data(&mut t, parent, flags, &mut insp.stash);
    }
    t.ptid = tid;

    if let Some(child) = insp.threads.get(&childtid) {
        if child.flags & cl::CLONE_INVERTED != 0 {
            insp.discard_thread(t);
            return;
        }
        insp.remove_thread(childtid, true);
        tid_collision = true;
    }

    if !valid_parent {
        // Nothing is known about the parent: start it again and fill both from the event.
        insp.remove_thread(tid, true);
        tid_collision = true;
        if insp.get_or_create(tid).is_none() {
            insp.discard_thread(t);
            return;
        }
        let Some(parent) = insp.threads.get(&tid) else {
            insp.discard_thread(t);
            return;
        };
        if !parent.is_invalid() {
            copy_process_data(&mut t, parent, flags, &mut insp.stash);
        } else {
            p::string_into(ev, 1, &mut t.exe);
            set_comm(&mut t, ev, lay.comm);
            t.set_args_from(p::raw(ev, 2).unwrap_or(&[]), &mut insp.stash);
            if let Some(pt) = insp.threads.get_mut(&tid) {
                pt.comm.clone_from(&t.comm);
                pt.exe.clone_from(&t.exe);
                pt.exepath.clone_from(&t.exepath);
                copy_strings(&mut pt.args, &t.args, &mut insp.stash);
            }
        }
    }

    t.pid = i64_(ev, 4).unwrap_or(childtid);
    t.flags = flags;
    if flags & cl::CLONE_THREAD == 0 {
        t.pid = childtid;
        // A new process: it starts with a copy of its parent's fds and working directory.
        let src = insp
            .owner_of(tid)
            .and_then(|o| insp.fdtables.get(&o))
            .cloned();
        let mut tab = src.unwrap_or_default();
        for f in tab.fds.values_mut() {
            f.flags |= fdflags::IS_CLONED;
        }
        insp.fdtables.insert(childtid, tab);
        if let Some(m) = insp.main_of(tid).and_then(|m| insp.threads.get(&m)) {
            t.cwd.clone_from(&m.cwd);
        }
    } else {
        insp.fdtables.remove(&childtid);
    }
    if inverted {
        t.flags |= cl::CLONE_INVERTED;
    }

    p::string_into(ev, 1, &mut t.exe);
    set_comm(&mut t, ev, lay.comm);
    t.set_args_from(p::raw(ev, 2).unwrap_or(&[]), &mut insp.stash);
    t.fdlimit = i64_(ev, 7).unwrap_or(-1);
    if lay.vm {
        t.pfmajor = u64_(ev, 8).unwrap_or(0);
        t.pfminor = u64_(ev, 9).unwrap_or(0);
        t.vmsize_kb = u32_(ev, 10).unwrap_or(0);
        t.vmrss_kb = u32_(ev, 11).unwrap_or(0);
        t.vmswap_kb = u32_(ev, 12).unwrap_or(0);
    }
    t.uid = u32_(ev, lay.uid).unwrap_or(0);
    t.gid = u32_(ev, lay.gid).unwrap_or(0);
    if in_container {
        t.vtid = vtid;
        t.vpid = vpid;
    } else {
        t.vtid = t.tid;
        t.vpid = t.pid;
    }
    if lay.ns {
        let raw = p::raw(ev, 14).unwrap_or(&[]);
        insp.cgroup_memo.apply(&mut t, raw, &mut insp.stash);
        t.pidns_init_start_ts = u64_(ev, 20).unwrap_or(0);
    } else {
        t.cgroups = Default::default();
    }
    t.clone_ts = ev.ts;
    insp.add_thread(t, false);

    if tid_collision {
        // The event's own thread may have been replaced: look it up again.
        let etid = ev.tid as i64;
        insp.cur.thread = insp.threads.contains_key(&etid).then_some(etid);
        insp.cur.fd = None;
    }
}

/// `proc.name` of a new thread: the event's comm parameter, or the exe for old layouts.
fn set_comm(t: &mut Thread, ev: &Event<'_>, comm: Option<usize>) {
    match comm {
        Some(i) => p::string_into(ev, i, &mut t.comm),
        None => t.comm.clone_from(&t.exe),
    }
}

/// What a child inherits from its parent at clone time.
fn copy_process_data(t: &mut Thread, parent: &Thread, flags: u32, stash: &mut Stash) {
    t.comm.clone_from(&parent.comm);
    t.exe.clone_from(&parent.exe);
    t.exepath.clone_from(&parent.exepath);
    t.exe_writable = parent.exe_writable;
    t.exe_upper_layer = parent.exe_upper_layer;
    t.exe_lower_layer = parent.exe_lower_layer;
    t.exe_from_memfd = parent.exe_from_memfd;
    t.exe_ino = parent.exe_ino;
    t.exe_ino_ctime = parent.exe_ino_ctime;
    t.exe_ino_mtime = parent.exe_ino_mtime;
    copy_strings(&mut t.args, &parent.args, stash);
    t.root.clone_from(&parent.root);
    t.sid = parent.sid;
    t.vpgid = parent.vpgid;
    t.pgid = parent.pgid;
    t.tty = parent.tty;
    t.loginuid = parent.loginuid;
    t.cap_inheritable = parent.cap_inheritable;
    t.cap_permitted = parent.cap_permitted;
    t.cap_effective = parent.cap_effective;
    if flags & cl::CLONE_THREAD == 0 {
        copy_strings(&mut t.env, &parent.env, stash);
    }
}

/// Which optional parts an execve exit version carries.
struct ExecLayout {
    comm: bool,
    env: Option<usize>,
    cgroups: bool,
    tty: bool,
    /// The exe path is rebuilt from the enter event's filename (18/19) or dirfd+path (at).
    exepath_from_enter: bool,
    vpgid: bool,
    vm: bool,
}

fn exec_layout(etype: u16) -> ExecLayout {
    let mut l = ExecLayout {
        comm: true,
        env: Some(15),
        cgroups: true,
        tty: true,
        exepath_from_enter: true,
        vpgid: true,
        vm: true,
    };
    match etype {
        SYSCALL_EXECVE_8_X => {
            l = ExecLayout {
                comm: false,
                env: None,
                cgroups: false,
                tty: false,
                exepath_from_enter: false,
                vpgid: false,
                vm: false,
            }
        }
        SYSCALL_EXECVE_13_X => {
            l.comm = false;
            l.env = None;
            l.cgroups = false;
            l.tty = false;
            l.exepath_from_enter = false;
            l.vpgid = false;
        }
        SYSCALL_EXECVE_14_X => {
            l.comm = false;
            l.env = Some(13);
            l.cgroups = false;
            l.tty = false;
            l.exepath_from_enter = false;
            l.vpgid = false;
        }
        SYSCALL_EXECVE_15_X => {
            l.env = Some(14);
            l.cgroups = false;
            l.tty = false;
            l.exepath_from_enter = false;
            l.vpgid = false;
        }
        SYSCALL_EXECVE_16_X => {
            l.tty = false;
            l.exepath_from_enter = false;
            l.vpgid = false;
        }
        SYSCALL_EXECVE_17_X => {
            l.exepath_from_enter = false;
            l.vpgid = false;
        }
        SYSCALL_EXECVE_18_X => l.vpgid = false,
        _ => {}
    }
    l
}

/// execve/execveat exit: the thread becomes a new program.
pub(super) fn execve_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let lay = exec_layout(ev.etype);
    // Exe path: the trusted one from the kernel when present, else rebuilt from the enter
    // event (needs the process's cwd and, for execveat, its dirfd).
    let exepath = if let Some(tp) = present(ev, 27).filter(|_| lay.vpgid) {
        Some(String::from_utf8_lossy(cstr(tp)).into_owned())
    } else if lay.exepath_from_enter {
        enter.and_then(|en| exepath_from_enter(insp, tid, ev, en))
    } else {
        None
    };
    let compat = insp.config.compat;

    let Some(t) = insp.threads.get_mut(&tid) else {
        return;
    };
    // The thread's pid and clone flags change below.
    insp.thread_epoch += 1;
    let stash = &mut insp.stash;
    p::string_into(ev, 1, &mut t.exe);
    t.lastexec_ts = ev.ts;
    if lay.comm {
        p::string_into(ev, 13, &mut t.comm);
    } else {
        t.comm.clone_from(&t.exe);
    }
    t.set_args_from(p::raw(ev, 2).unwrap_or(&[]), stash);
    let old_pid = t.pid;
    if let Some(pid) = i64_(ev, 4) {
        t.pid = pid;
    }
    if t.ptid == -1 {
        if let Some(ptid) = i64_(ev, 5) {
            t.ptid = ptid;
        }
    }
    t.fdlimit = i64_(ev, 7).unwrap_or(t.fdlimit);
    if lay.vm {
        t.pfmajor = u64_(ev, 8).unwrap_or(0);
        t.pfminor = u64_(ev, 9).unwrap_or(0);
        t.vmsize_kb = u32_(ev, 10).unwrap_or(0);
        t.vmrss_kb = u32_(ev, 11).unwrap_or(0);
        t.vmswap_kb = u32_(ev, 12).unwrap_or(0);
    }
    if let Some(i) = lay.env {
        t.set_env_from(p::raw(ev, i).unwrap_or(&[]), stash);
    }
    if lay.cgroups {
        let raw = p::raw(ev, 14).unwrap_or(&[]);
        insp.cgroup_memo.apply(t, raw, stash);
    }
    if lay.tty {
        t.tty = u32_(ev, 16).unwrap_or(0);
    }
    if let Some(path) = exepath {
        t.exepath = path;
    }
    if lay.vpgid {
        t.vpgid = i64_(ev, 17).unwrap_or(-1);
    }
    if ev.nparams() > 18 {
        t.loginuid = u32_(ev, 18).unwrap_or(u32::MAX);
    }
    if ev.nparams() > 19 {
        let f = u32_(ev, 19).unwrap_or(0);
        t.exe_writable = f & arg::EXE_WRITABLE != 0;
        t.exe_upper_layer = f & arg::EXE_UPPER_LAYER != 0;
        t.exe_from_memfd = f & arg::EXE_FROM_MEMFD != 0;
        t.exe_lower_layer = f & arg::EXE_LOWER_LAYER != 0;
    }
    if let (Some(i), Some(pm), Some(e)) = (u64_(ev, 20), u64_(ev, 21), u64_(ev, 22)) {
        t.cap_inheritable = i;
        t.cap_permitted = pm;
        t.cap_effective = e;
    }
    if let (Some(ino), Some(c), Some(m)) = (u64_(ev, 23), u64_(ev, 24), u64_(ev, 25)) {
        t.exe_ino = ino;
        t.exe_ino_ctime = c;
        t.exe_ino_mtime = m;
    }
    if let Some(uid) = present(ev, 26).and_then(|_| u32_(ev, 26)) {
        t.uid = uid;
    }
    if ev.nparams() > 28 {
        t.pgid = present(ev, 28).and_then(|_| i64_(ev, 28)).unwrap_or(-1);
    }
    if let Some(gid) = present(ev, 29).and_then(|_| u32_(ev, 29)) {
        t.gid = gid;
    }
    let keep = t.flags & (cl::PIPE_SRC | cl::PIPE_DST | cl::IS_MAIN_THREAD | cl::CLONE_INVERTED);
    t.flags = cl::ACTIVE | keep | cl::NAME_CHANGED;
    let pid = t.pid;
    if pid != old_pid {
        insp.unindex_pid(old_pid);
        insp.index_pid(pid);
    }

    if compat == Compat::Modern {
        // The kernel closes O_CLOEXEC fds and ends the process's other threads.
        if let Some(owner) = insp.owner_of(tid) {
            if let Some(tab) = insp.fdtables.get_mut(&owner) {
                tab.fds.retain(|_, f| !f.is_cloexec());
            }
        }
        let others: Vec<i64> = insp
            .threads
            .values()
            .filter(|o| o.pid == pid && o.tid != tid && !o.is_main_thread())
            .map(|o| o.tid)
            .collect();
        for o in others {
            insp.remove_thread(o, true);
        }
    }
}

fn exepath_from_enter(
    insp: &mut Inspector,
    tid: i64,
    _ev: &Event<'_>,
    en: &Event<'_>,
) -> Option<String> {
    match en.etype {
        SYSCALL_EXECVE_18_E | SYSCALL_EXECVE_19_E => {
            let name = p::raw(en, 0)?;
            if p::is_na(name) {
                return Some("<NA>".to_string());
            }
            let cwd = cwd_of(insp, tid);
            Some(concatenate_paths(cwd.as_bytes(), name))
        }
        SYSCALL_EXECVEAT_E => {
            let dirfd = i64_(en, 0)?;
            let name = p::raw(en, 1)?;
            if p::is_na(name) {
                return Some("<NA>".to_string());
            }
            let flags = u32_(en, 2).unwrap_or(0);
            let sdir = super::files::dirfd_base(insp, tid, name, dirfd);
            if flags & arg::EXVAT_AT_EMPTY_PATH != 0 && cstr(name).is_empty() {
                return Some(concatenate_paths(b"", sdir.as_bytes()));
            }
            Some(concatenate_paths(sdir.as_bytes(), name))
        }
        _ => None,
    }
}

/// The process's working directory (its main thread's, created as a placeholder if needed).
pub(super) fn cwd_of(insp: &mut Inspector, tid: i64) -> String {
    match insp.main_of(tid).and_then(|m| insp.threads.get(&m)) {
        Some(m) => m.cwd.clone(),
        None => String::new(),
    }
}

/// [`cwd_of`], appended to `buf`.
pub(super) fn cwd_into(insp: &mut Inspector, tid: i64, buf: &mut Vec<u8>) {
    if let Some(m) = insp.main_of(tid).and_then(|m| insp.threads.get(&m)) {
        buf.extend_from_slice(m.cwd.as_bytes());
    }
}

/// Upstream `set_cwd`: resolves `path` against the process's cwd and keeps a trailing `/`.
fn set_cwd(insp: &mut Inspector, tid: i64, path: &[u8]) {
    let Some(main) = insp.main_of(tid) else {
        return;
    };
    if let Some(m) = insp.threads.get_mut(&main) {
        let mut cwd = concatenate_paths(m.cwd.as_bytes(), path);
        if !cwd.ends_with('/') {
            cwd.push('/');
        }
        m.cwd = cwd;
    }
}

pub(super) fn chdir_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    if retval(ev).is_some_and(|r| r >= 0) {
        let path = p::raw(ev, 1).unwrap_or(&[]);
        set_cwd(insp, tid, path);
    }
}

pub(super) fn getcwd_exit(insp: &mut Inspector, ev: &Event<'_>) {
    chdir_exit(insp, ev)
}

pub(super) fn fchdir_exit(insp: &mut Inspector, ev: &Event<'_>) {
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let (Some(tid), Some(key)) = (cur_tid(insp), insp.cur.fd) else {
        return;
    };
    let Some(name) = insp.fd_ref(key).map(|f| f.name.clone()) else {
        return;
    };
    set_cwd(insp, tid, name.as_bytes());
}

/// procexit: the thread is marked and removed when the next event arrives.
pub(super) fn thread_exit(insp: &mut Inspector) {
    if let Some(tid) = cur_tid(insp) {
        if let Some(t) = insp.threads.get_mut(&tid) {
            t.flags |= cl::CLOSED;
        }
        insp.pending_thread = Some(tid);
    }
}

pub(super) fn context_switch(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    if ev.nparams() < 6 {
        return;
    }
    let ps = p::first::<6>(ev);
    let Some(t) = insp.threads.get_mut(&tid) else {
        return;
    };
    t.pfmajor = p::as_u64(ps[1]).unwrap_or(t.pfmajor);
    t.pfminor = p::as_u64(ps[2]).unwrap_or(t.pfminor);
    // `main_of`, without looking the thread up again.
    let main = if t.is_main_thread() {
        Some(tid)
    } else {
        let pid = t.pid;
        insp.get_or_create(pid)
    };
    if let Some(m) = main.and_then(|m| insp.threads.get_mut(&m)) {
        m.vmsize_kb = p::as_u32(ps[3]).unwrap_or(m.vmsize_kb);
        m.vmrss_kb = p::as_u32(ps[4]).unwrap_or(m.vmrss_kb);
        m.vmswap_kb = p::as_u32(ps[5]).unwrap_or(m.vmswap_kb);
    }
}

pub(super) fn vm_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(t) = cur_tid(insp).and_then(|t| insp.threads.get_mut(&t)) else {
        return;
    };
    let ps = p::first::<4>(ev);
    if let (Some(s), Some(r), Some(w)) = (p::as_u32(ps[1]), p::as_u32(ps[2]), p::as_u32(ps[3])) {
        t.vmsize_kb = s;
        t.vmrss_kb = r;
        t.vmswap_kb = w;
    }
}

/// The new effective id of a set*id exit: from the exit itself when it carries it, else from
/// the stored enter event.
fn new_id(
    ev: &Event<'_>,
    enter: Option<&Event<'_>>,
    exit_name: &str,
    enter_idx: usize,
) -> Option<u32> {
    if let Some(v) = p::uint_by_name(ev, exit_name) {
        return Some(v as u32);
    }
    enter.and_then(|e| u32_(e, enter_idx))
}

pub(super) fn setuid_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    set_id_exit(
        insp,
        ev,
        enter,
        SYSCALL_SETUID_X,
        ("uid", "euid"),
        |t, id| t.uid = id,
    );
}

pub(super) fn setgid_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    set_id_exit(
        insp,
        ev,
        enter,
        SYSCALL_SETGID_X,
        ("gid", "egid"),
        |t, id| t.gid = id,
    );
}

/// setuid/setgid (`plain_exit`, the id is parameter 0) and setresuid/setreuid/setresgid...
/// (the effective id is parameter 1; -1 leaves it unchanged) on success.
fn set_id_exit(
    insp: &mut Inspector,
    ev: &Event<'_>,
    enter: Option<&Event<'_>>,
    plain_exit: u16,
    (plain_name, effective_name): (&str, &str),
    set: fn(&mut Thread, u32),
) {
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let plain = ev.etype == plain_exit;
    let (name, idx) = if plain {
        (plain_name, 0)
    } else {
        (effective_name, 1)
    };
    let Some(id) = new_id(ev, enter, name, idx) else {
        return;
    };
    if !plain && id == u32::MAX {
        return;
    }
    if let Some(t) = cur_tid(insp).and_then(|t| insp.threads.get_mut(&t)) {
        set(t, id);
    }
}

pub(super) fn rlimit_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let resource = match p::uint_by_name(ev, "resource") {
        Some(r) => r as u8,
        None => match enter.and_then(|e| p::u8_(e, 0)) {
            Some(r) => r,
            None => {
                insp.stats.enter_missing += 1;
                return;
            }
        },
    };
    if resource != arg::RLIMIT_NOFILE {
        return;
    }
    let Some(cur) = i64_(ev, 1) else {
        return;
    };
    if cur != -1 {
        if let Some(m) = insp.main_of(tid).and_then(|m| insp.threads.get_mut(&m)) {
            m.fdlimit = cur;
        }
    }
}

pub(super) fn prlimit_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let (resource, pid) = match (p::uint_by_name(ev, "resource"), p::i64_by_name(ev, "pid")) {
        (Some(r), Some(pid)) => (r as u8, pid),
        _ => match enter.and_then(|e| Some((p::u8_(e, 1)?, i64_(e, 0)?))) {
            Some(v) => v,
            None => {
                insp.stats.enter_missing += 1;
                return;
            }
        },
    };
    if resource != arg::RLIMIT_NOFILE {
        return;
    }
    let Some(newcur) = i64_(ev, 1) else {
        return;
    };
    if newcur == -1 {
        return;
    }
    let tid = if pid == 0 { ev.tid as i64 } else { pid };
    let Some(t) = insp.get_or_create(tid) else {
        return;
    };
    if let Some(m) = insp.main_of(t).and_then(|m| insp.threads.get_mut(&m)) {
        m.fdlimit = newcur;
    }
}

pub(super) fn chroot_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    if retval(ev) != Some(0) {
        return;
    }
    let path = p::raw(ev, 1).unwrap_or(&[]);
    let cwd = cwd_of(insp, tid);
    let root = if !path.is_empty() && path[0] != b'/' && !p::is_na(path) {
        concatenate_paths(cwd.as_bytes(), path)
    } else {
        crate::path::sanitize(&String::from_utf8_lossy(cstr(path)))
    };
    if let Some(t) = insp.threads.get_mut(&tid) {
        t.root = root;
        t.container_id = container_id_of(t);
    }
}

pub(super) fn setsid_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(r) = retval(ev) else {
        return;
    };
    if r >= 0 {
        if let Some(t) = cur_tid(insp).and_then(|t| insp.threads.get_mut(&t)) {
            t.sid = r;
        }
    }
}

pub(super) fn capset_exit(insp: &mut Inspector, ev: &Event<'_>) {
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    if let (Some(i), Some(pm), Some(e)) = (u64_(ev, 1), u64_(ev, 2), u64_(ev, 3)) {
        if let Some(t) = cur_tid(insp).and_then(|t| insp.threads.get_mut(&t)) {
            t.cap_inheritable = i;
            t.cap_permitted = pm;
            t.cap_effective = e;
        }
    }
}

/// Entering a new user namespace grants every capability inside it.
pub(super) fn unshare_setns_exit(insp: &mut Inspector, ev: &Event<'_>) {
    const CLONE_NEWUSER: u32 = 1 << 20;
    /// Capabilities of a current kernel (CAP_LAST_CAP = 40).
    const MAX_CAPS: u64 = (1 << 41) - 1;
    if insp.config.compat != Compat::Modern || retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let flags = match ev.etype {
        SYSCALL_UNSHARE_X => u32_(ev, 1).unwrap_or(0),
        _ => present(ev, 2).and_then(|_| u32_(ev, 2)).unwrap_or(0),
    };
    if flags & CLONE_NEWUSER == 0 {
        return;
    }
    if let Some(t) = cur_tid(insp).and_then(|t| insp.threads.get_mut(&t)) {
        t.cap_inheritable = MAX_CAPS;
        t.cap_permitted = MAX_CAPS;
        t.cap_effective = MAX_CAPS;
    }
}
