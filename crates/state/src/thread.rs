//! Threads and processes as libsinsp models them (`sinsp_threadinfo`).

use crate::consts::cl;
use std::sync::Arc;

/// One thread. Process-wide data (exe, args...) is kept on every thread, copied at clone time
/// as libsinsp does. Fds live in the inspector's tables keyed by [`Thread::fd_owner`]; the
/// working directory and environment of a process are those of its main thread (see
/// [`crate::Inspector::cwd`] and [`crate::Inspector::env`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub tid: i64,
    pub pid: i64,
    /// Parent thread id; -1 for a placeholder thread whose parent is unknown.
    pub ptid: i64,
    pub sid: i64,
    pub vpgid: i64,
    pub pgid: i64,
    pub vtid: i64,
    pub vpid: i64,
    /// task->comm (`proc.name`).
    pub comm: String,
    /// argv[0] (`proc.exe`).
    pub exe: String,
    /// Resolved executable path (`proc.exepath`).
    pub exepath: String,
    /// argv[1..] (`proc.args`).
    pub args: Vec<String>,
    /// The environment. Only the main thread's is meaningful (`Inspector::env`).
    pub env: Vec<String>,
    /// This thread's own working directory, with a trailing `/`. Only the main thread's is
    /// meaningful (`Inspector::cwd`); other threads usually keep it empty, as upstream does.
    pub cwd: String,
    pub root: String,
    pub fdlimit: i64,
    pub uid: u32,
    pub gid: u32,
    pub loginuid: u32,
    pub tty: u32,
    /// `PPM_CL_*` flags ([`crate::consts::cl`]): clone flags of the creating clone plus the
    /// state engine's own bits.
    pub flags: u32,
    pub cap_inheritable: u64,
    pub cap_permitted: u64,
    pub cap_effective: u64,
    pub exe_ino: u64,
    pub exe_ino_ctime: u64,
    pub exe_ino_mtime: u64,
    pub exe_writable: bool,
    pub exe_upper_layer: bool,
    pub exe_lower_layer: bool,
    pub exe_from_memfd: bool,
    pub pidns_init_start_ts: u64,
    /// (subsystem, path) pairs from the cgroups parameter.
    pub cgroups: Cgroups,
    /// `container.id`: the id derived from cgroups, or `host`.
    pub container_id: String,
    /// Timestamp of the clone that created this thread (0 if seen in the process list
    /// without one).
    pub clone_ts: u64,
    /// Timestamp of the last successful execve (0 if none seen).
    pub lastexec_ts: u64,
    pub vmsize_kb: u32,
    pub vmrss_kb: u32,
    pub vmswap_kb: u32,
    pub pfmajor: u64,
    pub pfminor: u64,
    /// Number of other threads of this process (for a main thread); keeps an exited main
    /// thread in the table while they live.
    pub nchilds: u64,
    /// Timestamp of this thread's latest event (`thread.exectime` and friends).
    pub lastevent_ts: u64,
    pub prevevent_ts: u64,

    /// The fd of the thread's current syscall, taken from the enter event (`-1`: none).
    pub lastevent_fd: i64,
    /// Type of the thread's latest enter event (`u16::MAX`: none yet).
    pub lastevent_type: u16,
    /// Copy of the latest stored enter event (v2 layout), for exit events that need its
    /// parameters; `lastevent_valid` says whether it belongs to the current exit.
    pub(crate) lastevent_data: Vec<u8>,
    pub(crate) lastevent_cpu: u16,
    pub(crate) lastevent_valid: bool,
    /// Inspector event counter at the last access, for idle eviction.
    pub(crate) last_access: u64,
}

impl Default for Thread {
    fn default() -> Self {
        Thread {
            tid: -1,
            pid: -1,
            ptid: -1,
            sid: -1,
            vpgid: -1,
            pgid: -1,
            vtid: -1,
            vpid: -1,
            comm: String::new(),
            exe: String::new(),
            exepath: String::new(),
            args: Vec::new(),
            env: Vec::new(),
            cwd: String::new(),
            root: String::new(),
            fdlimit: -1,
            uid: 0,
            gid: 0,
            loginuid: 0,
            tty: 0,
            flags: cl::NAME_CHANGED,
            cap_inheritable: 0,
            cap_permitted: 0,
            cap_effective: 0,
            exe_ino: 0,
            exe_ino_ctime: 0,
            exe_ino_mtime: 0,
            exe_writable: false,
            exe_upper_layer: false,
            exe_lower_layer: false,
            exe_from_memfd: false,
            pidns_init_start_ts: 0,
            cgroups: Cgroups::default(),
            container_id: crate::container::HOST.to_string(),
            clone_ts: 0,
            lastexec_ts: 0,
            vmsize_kb: 0,
            vmrss_kb: 0,
            vmswap_kb: 0,
            pfmajor: 0,
            pfminor: 0,
            nchilds: 0,
            lastevent_ts: 0,
            prevevent_ts: 0,
            lastevent_fd: 0,
            lastevent_type: u16::MAX,
            lastevent_data: Vec::new(),
            lastevent_cpu: 0,
            lastevent_valid: false,
            last_access: 0,
        }
    }
}

impl Thread {
    pub fn new(tid: i64) -> Thread {
        Thread {
            tid,
            ..Thread::default()
        }
    }

    /// The placeholder upstream creates for a thread it first meets in an event: comm and exe
    /// `<NA>`, unknown parent and users.
    pub fn placeholder(tid: i64) -> Thread {
        Thread {
            tid,
            pid: tid,
            ptid: -1,
            comm: "<NA>".to_string(),
            exe: "<NA>".to_string(),
            uid: u32::MAX,
            gid: u32::MAX,
            loginuid: u32::MAX,
            ..Thread::default()
        }
    }

    /// A placeholder that nothing has filled in yet (upstream's "invalid" thread).
    pub fn is_invalid(&self) -> bool {
        self.comm == "<NA>" && self.uid == u32::MAX
    }

    pub fn is_main_thread(&self) -> bool {
        self.tid == self.pid || self.flags & cl::IS_MAIN_THREAD != 0
    }

    /// The tid whose fd table this thread uses: its process's main thread when it shares
    /// the fd table (CLONE_FILES), itself otherwise.
    pub fn fd_owner(&self) -> i64 {
        if self.flags & cl::CLONE_FILES != 0 && !self.is_main_thread() {
            self.pid
        } else {
            self.tid
        }
    }

    pub fn is_closed(&self) -> bool {
        self.flags & cl::CLOSED != 0
    }

    /// `proc.cmdline`: comm followed by the arguments.
    pub fn cmdline(&self) -> String {
        let mut s = self.comm.clone();
        for a in &self.args {
            s.push(' ');
            s.push_str(a);
        }
        s
    }

    /// The cgroup path of a subsystem (`/` if the thread has none for it).
    pub fn cgroup(&self, subsys: &str) -> &str {
        self.cgroups
            .iter()
            .find(|(s, _)| s == subsys)
            .map(|(_, p)| p.as_str())
            .unwrap_or("/")
    }

    /// Splits a NUL-separated argument buffer the way upstream does: every NUL ends an
    /// argument, a missing final NUL still ends the last one, no trailing empty argument.
    #[cfg(test)]
    pub(crate) fn set_args_raw(&mut self, buf: &[u8]) {
        self.set_args_from(buf, &mut Stash::default());
    }

    /// [`Self::set_args_raw`] reusing the strings already there and those of `stash`.
    pub(crate) fn set_args_from(&mut self, buf: &[u8], stash: &mut Stash) {
        let mut n = 0;
        let mut off = 0;
        while off < buf.len() {
            let rest = &buf[off..];
            let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            set_item(&mut self.args, n, &rest[..len], stash);
            n += 1;
            off += len + 1;
        }
        truncate_into(&mut self.args, n, stash);
    }

    /// Environment buffer: like arguments, but an all-NUL tail ends the list early.
    pub(crate) fn set_env_raw(&mut self, buf: &[u8]) {
        self.set_env_from(buf, &mut Stash::default());
    }

    /// [`Self::set_env_raw`] reusing the strings already there and those of `stash`.
    pub(crate) fn set_env_from(&mut self, buf: &[u8], stash: &mut Stash) {
        let mut n = 0;
        let mut off = 0;
        while off < buf.len() {
            let rest = &buf[off..];
            if rest[0] == 0 && rest.iter().all(|&b| b == 0) {
                break;
            }
            let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            set_item(&mut self.env, n, &rest[..len], stash);
            n += 1;
            off += len + 1;
        }
        truncate_into(&mut self.env, n, stash);
    }

    /// `subsys=path` NUL-separated entries, with upstream's subsystem renames.
    #[cfg(test)]
    pub(crate) fn set_cgroups_raw(&mut self, buf: &[u8]) {
        let mut pairs = Vec::new();
        parse_cgroups(&mut pairs, buf, &mut Stash::default());
        self.cgroups = Cgroups::new(pairs);
    }

    /// `Thread::new(tid)`, rebuilt in this (released) thread's buffers, except that `args` and
    /// `cgroups` keep their old entries for a caller that sets both (their strings are then
    /// reused in place). The strings of the other lists go to `stash`.
    pub(crate) fn reinit_but_lists(&mut self, new_tid: i64, stash: &mut Stash) {
        // Destructured so that a new field cannot be forgotten here.
        let Thread {
            tid,
            pid,
            ptid,
            sid,
            vpgid,
            pgid,
            vtid,
            vpid,
            comm,
            exe,
            exepath,
            args,
            env,
            cwd,
            root,
            fdlimit,
            uid,
            gid,
            loginuid,
            tty,
            flags,
            cap_inheritable,
            cap_permitted,
            cap_effective,
            exe_ino,
            exe_ino_ctime,
            exe_ino_mtime,
            exe_writable,
            exe_upper_layer,
            exe_lower_layer,
            exe_from_memfd,
            pidns_init_start_ts,
            cgroups,
            container_id,
            clone_ts,
            lastexec_ts,
            vmsize_kb,
            vmrss_kb,
            vmswap_kb,
            pfmajor,
            pfminor,
            nchilds,
            lastevent_ts,
            prevevent_ts,
            lastevent_fd,
            lastevent_type,
            lastevent_data,
            lastevent_cpu,
            lastevent_valid,
            last_access,
        } = self;
        *tid = new_tid;
        for v in [pid, ptid, sid, vpgid, pgid, vtid, vpid, fdlimit] {
            *v = -1;
        }
        for s in [comm, exe, exepath, cwd, root] {
            s.clear();
        }
        let _ = (args, cgroups);
        truncate_into(env, 0, stash);
        container_id.clear();
        container_id.push_str(crate::container::HOST);
        for v in [uid, gid, loginuid, tty, vmsize_kb, vmrss_kb, vmswap_kb] {
            *v = 0;
        }
        *flags = cl::NAME_CHANGED;
        for v in [
            cap_inheritable,
            cap_permitted,
            cap_effective,
            exe_ino,
            exe_ino_ctime,
            exe_ino_mtime,
            pidns_init_start_ts,
            clone_ts,
            lastexec_ts,
            pfmajor,
            pfminor,
            nchilds,
            lastevent_ts,
            prevevent_ts,
            last_access,
        ] {
            *v = 0;
        }
        for v in [
            exe_writable,
            exe_upper_layer,
            exe_lower_layer,
            exe_from_memfd,
            lastevent_valid,
        ] {
            *v = false;
        }
        *lastevent_fd = 0;
        *lastevent_type = u16::MAX;
        if lastevent_data.capacity() > 512 {
            *lastevent_data = Vec::new();
        } else {
            lastevent_data.clear();
        }
        *lastevent_cpu = 0;
    }
}

/// Strings given back by released threads and lists, handed out again by the list setters so
/// that creating threads and replacing their lists does not allocate in the steady state.
#[derive(Debug, Default)]
pub(crate) struct Stash {
    strings: Vec<String>,
}

impl Stash {
    /// At most this many strings of at most this capacity (bounded memory: 1 MiB).
    const MAX: usize = 1024;
    const KEEP: usize = 1024;

    pub(crate) fn give(&mut self, mut s: String) {
        if self.strings.len() < Self::MAX && s.capacity() > 0 && s.capacity() <= Self::KEEP {
            s.clear();
            self.strings.push(s);
        }
    }

    pub(crate) fn take(&mut self) -> String {
        self.strings.pop().unwrap_or_default()
    }
}

/// Sets element `i` of `list` (at most one past its end) to `bytes`, lossily decoded.
fn set_item(list: &mut Vec<String>, i: usize, bytes: &[u8], stash: &mut Stash) {
    if let Some(s) = list.get_mut(i) {
        s.clear();
        crate::path::push_utf8(s, bytes);
    } else {
        let mut s = stash.take();
        crate::path::push_utf8(&mut s, bytes);
        list.push(s);
    }
}

/// Shortens `list` to `n` elements, giving the others to `stash`.
pub(crate) fn truncate_into(list: &mut Vec<String>, n: usize, stash: &mut Stash) {
    if list.len() > n {
        for s in list.drain(n..) {
            stash.give(s);
        }
    }
}

/// `dst` becomes a copy of `src`, in the strings `dst` already has and those of `stash`.
pub(crate) fn copy_strings(dst: &mut Vec<String>, src: &[String], stash: &mut Stash) {
    truncate_into(dst, src.len(), stash);
    for (d, s) in dst.iter_mut().zip(src) {
        d.clone_from(s);
    }
    for s in &src[dst.len()..] {
        let mut d = stash.take();
        d.push_str(s);
        dst.push(d);
    }
}

/// `subsys=path` NUL-separated entries into `list`, with upstream's subsystem renames; an
/// entry without `=` ends the list.
pub(crate) fn parse_cgroups(list: &mut Vec<(String, String)>, buf: &[u8], stash: &mut Stash) {
    let mut n = 0;
    let mut off = 0;
    while off < buf.len() {
        let rest = &buf[off..];
        let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        let entry = &rest[..len];
        let Some(eq) = entry.iter().rposition(|&b| b == b'=') else {
            break;
        };
        if n == list.len() {
            list.push((stash.take(), stash.take()));
        }
        let (subsys, path) = &mut list[n];
        subsys.clear();
        crate::path::push_utf8(subsys, &entry[..eq]);
        normalize_subsys_in_place(subsys);
        path.clear();
        crate::path::push_utf8(path, &entry[eq + 1..]);
        n += 1;
        off += len + 1;
    }
    if list.len() > n {
        for (a, b) in list.drain(n..) {
            stash.give(a);
            stash.give(b);
        }
    }
}

/// A thread's (subsystem, path) cgroup pairs, shared by the threads that have the same ones
/// (most of a capture's): a clone or a seeded thread takes a reference instead of a dozen
/// string pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cgroups(Option<Arc<[(String, String)]>>);

impl Cgroups {
    pub fn new(pairs: Vec<(String, String)>) -> Cgroups {
        // One form for "none", so that equality compares contents only.
        Cgroups((!pairs.is_empty()).then(|| pairs.into()))
    }
}

impl std::ops::Deref for Cgroups {
    type Target = [(String, String)];
    fn deref(&self) -> &Self::Target {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl PartialEq<Vec<(String, String)>> for Cgroups {
    fn eq(&self, other: &Vec<(String, String)>) -> bool {
        **self == **other
    }
}

/// The cgroups of the last few cgroups buffers seen and the container ids they give: threads of
/// one process (and most of its children) carry the same buffer, and a capture's processes
/// share a handful of them, which then need neither parsing nor container detection again
/// (detection tries every engine's layout on every path: tens of microseconds).
#[derive(Debug, Default)]
pub(crate) struct CgroupMemo {
    entries: Vec<MemoEntry>,
    /// The entry replaced next when all are taken (round robin).
    hand: usize,
}

#[derive(Debug, Default)]
struct MemoEntry {
    raw: Vec<u8>,
    cgroups: Cgroups,
    container_id: String,
}

/// Distinct cgroups buffers remembered.
const MEMO_ENTRIES: usize = 32;

impl CgroupMemo {
    /// Parses `raw` into `t.cgroups` and sets `t.container_id` from them.
    pub(crate) fn apply(&mut self, t: &mut Thread, raw: &[u8], stash: &mut Stash) {
        let i = match self.entries.iter().position(|e| e.raw == raw) {
            Some(i) => i,
            None => {
                let i = if self.entries.len() < MEMO_ENTRIES {
                    self.entries.push(MemoEntry::default());
                    self.entries.len() - 1
                } else {
                    self.hand = (self.hand + 1) % MEMO_ENTRIES;
                    self.hand
                };
                let e = &mut self.entries[i];
                let mut pairs = Vec::new();
                parse_cgroups(&mut pairs, raw, stash);
                e.container_id = crate::container::id_of_cgroups(&pairs);
                e.cgroups = Cgroups::new(pairs);
                e.raw.clear();
                e.raw.extend_from_slice(raw);
                i
            }
        };
        let e = &self.entries[i];
        t.cgroups.clone_from(&e.cgroups);
        t.container_id.clone_from(&e.container_id);
    }
}

/// Upstream's cgroup subsystem name normalisation.
#[cfg(test)]
pub(crate) fn normalize_subsys(mut subsys: String) -> String {
    normalize_subsys_in_place(&mut subsys);
    subsys
}

fn normalize_subsys_in_place(subsys: &mut String) {
    const MARK: &[u8] = b"_cgroup";
    if let Some(pos) = subsys
        .as_bytes()
        .windows(MARK.len())
        .position(|w| w == MARK)
    {
        subsys.replace_range(pos..pos + MARK.len(), "");
    }
    let renamed = match subsys.as_str() {
        "perf" => "perf_event",
        "mem" => "memory",
        "io" => "blkio",
        _ => return,
    };
    subsys.clear();
    subsys.push_str(renamed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_and_env_splitting() {
        let mut t = Thread::new(1);
        t.set_args_raw(b"-l\0/tmp\0");
        assert_eq!(t.args, vec!["-l", "/tmp"]);
        t.set_args_raw(b"a\0\0b");
        assert_eq!(t.args, vec!["a", "", "b"]);
        t.set_args_raw(b"");
        assert!(t.args.is_empty());
        t.set_env_raw(b"A=1\0B=2\0\0\0\0");
        assert_eq!(t.env, vec!["A=1", "B=2"]);
    }

    #[test]
    fn cgroups_parsing() {
        let mut t = Thread::new(1);
        t.set_cgroups_raw(b"cpuset=/\0perf_event=/docker/x\0mem_cgroup=/a=b\0");
        assert_eq!(
            t.cgroups,
            vec![
                ("cpuset".to_string(), "/".to_string()),
                ("perf_event".to_string(), "/docker/x".to_string()),
                ("mem=/a".to_string(), "b".to_string()),
            ]
        );
        assert_eq!(t.cgroup("perf_event"), "/docker/x");
        assert_eq!(t.cgroup("pids"), "/");
        t.set_cgroups_raw(b"io=/\0bad\0cpu=/x\0");
        assert_eq!(t.cgroups, vec![("blkio".to_string(), "/".to_string())]);
        assert_eq!(normalize_subsys("x_cgroupy_cgroup".into()), "xy_cgroup");
    }

    #[test]
    fn cgroup_memo_answers_as_a_fresh_parse_for_any_mix_of_buffers() {
        let docker = |n: u8| {
            let id: String = std::iter::repeat_n(char::from(b'a' + n), 64).collect();
            format!("cpu=/docker/{id}\0memory=/docker/{id}\0").into_bytes()
        };
        // More distinct buffers than the memo holds, revisited in a different order.
        let mut bufs: Vec<Vec<u8>> = (0..12).map(docker).collect();
        bufs.push(b"cpu=/user.slice\0memory=/\0".to_vec());
        bufs.push(Vec::new());
        let order: Vec<usize> = (0..bufs.len())
            .chain([3, 0, 12, 13, 11, 3, 7, 7, 1])
            .collect();
        let mut memo = CgroupMemo::default();
        let mut stash = Stash::default();
        for i in order {
            let mut t = Thread::new(1);
            memo.apply(&mut t, &bufs[i], &mut stash);
            let mut fresh = Thread::new(1);
            fresh.set_cgroups_raw(&bufs[i]);
            assert_eq!(t.cgroups, fresh.cgroups, "buffer {i}");
            assert_eq!(
                t.container_id,
                crate::container::id_of_cgroups(&fresh.cgroups),
                "buffer {i}"
            );
        }
        assert_eq!(
            {
                let mut t = Thread::new(1);
                memo.apply(&mut t, &docker(4), &mut stash);
                t.container_id
            },
            "eeeeeeeeeeee"
        );
    }

    #[test]
    fn list_setters_reuse_without_changing_results() {
        let mut stash = Stash::default();
        let mut t = Thread::new(1);
        t.set_args_from(b"one\0two\0three\0", &mut stash);
        t.set_args_from(b"x\0", &mut stash);
        assert_eq!(t.args, vec!["x"]);
        t.set_env_from(b"A=1\0B=\xff\0\0\0", &mut stash);
        assert_eq!(t.env, vec!["A=1", "B=\u{fffd}"]);
        let src = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        copy_strings(&mut t.args, &src, &mut stash);
        assert_eq!(t.args, src);
        copy_strings(&mut t.args, &src[..1], &mut stash);
        assert_eq!(t.args, vec!["a"]);
    }

    #[test]
    fn reinit_but_lists_is_new_once_the_lists_are_set() {
        let mut stash = Stash::default();
        let mut t = Thread::placeholder(7);
        t.set_args_raw(b"a\0b\0");
        t.set_env_raw(b"E=1\0");
        t.set_cgroups_raw(b"cpu=/x\0");
        t.cwd = "/tmp/".into();
        t.root = "/r".into();
        t.exepath = "/bin/x".into();
        t.container_id = "abc".into();
        t.lastevent_data = vec![1; 600];
        t.lastevent_valid = true;
        t.lastevent_type = 3;
        t.lastevent_fd = 9;
        t.last_access = 5;
        t.nchilds = 2;
        t.exe_writable = true;
        t.cap_effective = 1;
        t.vmrss_kb = 3;
        t.reinit_but_lists(11, &mut stash);
        assert_eq!(t.args, vec!["a", "b"]);
        t.set_args_from(b"", &mut stash);
        t.cgroups = Cgroups::default();
        assert_eq!(t, Thread::new(11));
        assert_eq!(format!("{t:?}"), format!("{:?}", Thread::new(11)));
    }
}
