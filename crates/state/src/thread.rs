//! Threads and processes as libsinsp models them (`sinsp_threadinfo`).

use crate::consts::cl;

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
    pub cgroups: Vec<(String, String)>,
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
            cgroups: Vec::new(),
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
    pub(crate) fn set_args_raw(&mut self, buf: &[u8]) {
        self.args.clear();
        let mut off = 0;
        while off < buf.len() {
            let rest = &buf[off..];
            let n = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            self.args
                .push(String::from_utf8_lossy(&rest[..n]).into_owned());
            off += n + 1;
        }
    }

    /// Environment buffer: like arguments, but an all-NUL tail ends the list early.
    pub(crate) fn set_env_raw(&mut self, buf: &[u8]) {
        self.env.clear();
        let mut off = 0;
        while off < buf.len() {
            let rest = &buf[off..];
            if rest[0] == 0 && rest.iter().all(|&b| b == 0) {
                return;
            }
            let n = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            self.env
                .push(String::from_utf8_lossy(&rest[..n]).into_owned());
            off += n + 1;
        }
    }

    /// `subsys=path` NUL-separated entries, with upstream's subsystem renames.
    pub(crate) fn set_cgroups_raw(&mut self, buf: &[u8]) {
        self.cgroups.clear();
        let mut off = 0;
        while off < buf.len() {
            let rest = &buf[off..];
            let n = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            let entry = &rest[..n];
            let Some(eq) = entry.iter().rposition(|&b| b == b'=') else {
                return;
            };
            let subsys = String::from_utf8_lossy(&entry[..eq]).into_owned();
            let path = String::from_utf8_lossy(&entry[eq + 1..]).into_owned();
            self.cgroups.push((normalize_subsys(subsys), path));
            off += n + 1;
        }
    }
}

/// Upstream's cgroup subsystem name normalisation.
pub(crate) fn normalize_subsys(mut subsys: String) -> String {
    if let Some(pos) = subsys.find("_cgroup") {
        subsys.replace_range(pos..pos + "_cgroup".len(), "");
    }
    match subsys.as_str() {
        "perf" => "perf_event".to_string(),
        "mem" => "memory".to_string(),
        "io" => "blkio".to_string(),
        _ => subsys,
    }
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
    }
}
