//! The inspector owns all state tables and applies metadata blocks and events to them.
//!
//! Feed it every block of a capture in order ([`Inspector::apply_block`]) or, for live
//! sources, every event ([`Inspector::process`]). After `process` returns, the per-event
//! accessors ([`Inspector::event_thread`], [`Inspector::event_fd`], ...) describe that event
//! the way libsinsp's `evt->get_thread_info()` / `evt->get_fd_info()` do for field
//! extraction. Removals that an event causes (a closed fd, an exited thread) are applied when
//! the next event arrives, so the closing event itself still sees what it closed.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use peregrine_event::Event;

use crate::consts::cl;
use crate::container::{ContainerInfo, HOST};
use crate::evflags;
use crate::fd::{AddOutcome, Fd, FdTable};
use crate::ifaces::NetInterfaces;
use crate::thread::Thread;
use crate::users::{Group, User};

/// Which libsinsp generation to reproduce where they differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compat {
    /// libsinsp as in sysdig 0.29.3 (the installed oracle): its event-flag table, fds kept
    /// across execve, exited main threads kept while their threads live.
    Sysdig,
    /// Current libsinsp (Falco 0.44), what the engine runs by default: close-on-exec fds
    /// dropped at execve, the other threads of an exec'ing process removed, an exited process
    /// removed with its last thread, and the current event-flag table.
    #[default]
    Modern,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    pub compat: Compat,
    /// Thread table capacity. When full, the longest-idle threads are evicted.
    pub max_threads: usize,
    /// Fds recorded per process; further fds are dropped (upstream's limit).
    pub max_fds_per_process: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            compat: Compat::default(),
            max_threads: 131_072,
            max_fds_per_process: 4096,
        }
    }
}

/// Counters of what the inspector did and could not do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub events: u64,
    pub threads_added: u64,
    pub threads_removed: u64,
    /// Threads evicted because the table was full.
    pub threads_evicted: u64,
    /// Placeholder threads created for tids first seen in an event.
    pub placeholders: u64,
    pub fds_added: u64,
    pub fds_removed: u64,
    /// Fds not recorded because their process table was full.
    pub fds_dropped: u64,
    /// Exit events whose enter event was needed but not available.
    pub enter_missing: u64,
    /// Events or blocks with parameters too short to use.
    pub malformed: u64,
}

/// The event's fd as a table key: (fd-table owner tid, fd number).
pub(crate) type FdKey = (i64, i64);

#[derive(Debug, Clone, Default)]
pub(crate) struct EventCtx {
    pub etype: u16,
    pub tid: i64,
    /// Event flags as the emulated libsinsp saw them.
    pub flags: u32,
    /// `evt->m_tinfo`.
    pub thread: Option<i64>,
    /// `evt->m_fdinfo`.
    pub fd: Option<FdKey>,
    /// The kind of the fd `reset` looked up, with its key (parsers check the key against
    /// `fd` before trusting it).
    pub fd_kind: Option<(FdKey, crate::fd::FdKind)>,
    pub fd_name_changed: bool,
    pub errorcode: i32,
    /// Parameter 0 of an exit event whose thread `reset` found (the result, for most).
    pub res: Option<i64>,
    /// For an open-family exit, what `reset` read of the event's thread.
    pub open_ctx: Option<OpenCtx>,
    /// `enter_buf` holds the enter event of this exit (libsinsp keeps it readable until the
    /// next event, and field extraction re-reads it for failed `openat`s).
    pub has_enter: bool,
    /// sysdig 0.29.3 attaches a made-up thread (`container:<id>`) to container events.
    pub container_thread: Option<Box<Thread>>,
}

/// What the open parser needs of the event's thread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OpenCtx {
    pub is_main: bool,
    pub pid: i64,
    /// Its fd-table owner.
    pub owner: i64,
    /// The length of its own cwd (the process's, for a main thread).
    pub cwd_len: usize,
}

#[derive(Debug)]
pub struct Inspector {
    pub threads: HashMap<i64, Thread>,
    /// Fd tables keyed by the owning tid (`Thread::fd_owner`).
    pub fdtables: HashMap<i64, FdTable>,
    /// Host users and groups (the capture's user list, `useradded` events without container).
    pub users: HashMap<u32, User>,
    pub groups: HashMap<u32, Group>,
    /// Users and groups announced for containers, by container id.
    pub container_users: HashMap<String, HashMap<u32, User>>,
    pub container_groups: HashMap<String, HashMap<u32, Group>>,
    pub interfaces: NetInterfaces,
    pub containers: HashMap<String, ContainerInfo>,
    pub machine: Option<peregrine_scap::MachineInfo>,
    pub hostname: String,
    pub boot_ts: u64,
    pub(crate) config: Config,
    pub(crate) stats: Stats,
    pub(crate) cur: EventCtx,
    /// A thread whose procexit was the previous event.
    pub(crate) pending_thread: Option<i64>,
    /// Fds closed by the previous event: the thread that closed them last, and the fds
    /// (kept allocated between events).
    pub(crate) pending_fds_tid: Option<i64>,
    pub(crate) pending_fds: Vec<i64>,
    /// Ports of server sockets in the capture's fd lists (to orient seeded connections).
    pub(crate) server_ports: HashSet<u16>,
    /// Seeding needs one pass over everything once the metadata is complete.
    pub(crate) seeded: bool,
    /// The stored enter event of the exit being parsed (moved out of its thread).
    pub(crate) enter_buf: Vec<u8>,
    pub(crate) enter_cpu: u16,
    /// Buffers of released fds, for the next new ones.
    pub(crate) fd_pool: crate::fd::FdPool,
    /// Scratch buffers for path resolution.
    pub(crate) path_buf: Vec<u8>,
    pub(crate) open_memo: crate::path::OpenMemo,
    /// Released threads whose buffers the next new threads reuse, and spare strings.
    pub(crate) thread_pool: Vec<Thread>,
    pub(crate) stash: crate::thread::Stash,
    pub(crate) cgroup_memo: crate::thread::CgroupMemo,
    /// The cgroups buffer of the process list entry being seeded (reused).
    pub(crate) seed_cgroups: Vec<u8>,
    /// Socket bytes left over from the previous fd seeded for a thread (see `seed_fd`).
    pub(crate) seed_sock: (i64, crate::fd::SockInfo),
    /// Number of table entries per pid, so a placeholder main thread learns how many threads
    /// it already has without a table scan.
    pub(crate) pid_count: HashMap<i64, u32>,
    /// Bumped whenever the thread table gains or loses an entry or a parser rewrites a
    /// thread's identity (pid, clone flags): facts cached about threads hold while it stays.
    pub(crate) thread_epoch: u64,
    /// A thread known to exist at `thread_epoch` (the last fd-table owner looked up).
    pub(crate) owner_seen: (i64, u64),
    /// The fd table that the pending fd removals apply to, if known when they were scheduled
    /// (with the epoch it was known at).
    pub(crate) pending_fds_owner: Option<(i64, u64)>,
    /// Scratch list of tids for table-wide passes.
    pub(crate) scratch_tids: Vec<i64>,
}

impl Default for Inspector {
    fn default() -> Self {
        Inspector::with_config(Config::default())
    }
}

impl Inspector {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_config(config: Config) -> Self {
        Inspector {
            threads: HashMap::default(),
            fdtables: HashMap::default(),
            users: HashMap::default(),
            groups: HashMap::default(),
            container_users: HashMap::default(),
            container_groups: HashMap::default(),
            interfaces: NetInterfaces::default(),
            containers: HashMap::default(),
            machine: None,
            hostname: String::new(),
            boot_ts: 0,
            config,
            stats: Stats::default(),
            cur: EventCtx::default(),
            pending_thread: None,
            pending_fds_tid: None,
            pending_fds: Vec::new(),
            server_ports: HashSet::default(),
            seeded: false,
            enter_buf: Vec::new(),
            enter_cpu: 0,
            fd_pool: Default::default(),
            path_buf: Vec::new(),
            open_memo: Default::default(),
            thread_pool: Vec::new(),
            stash: Default::default(),
            cgroup_memo: Default::default(),
            seed_cgroups: Vec::new(),
            seed_sock: (i64::MIN, crate::fd::SockInfo::default()),
            pid_count: HashMap::default(),
            thread_epoch: 0,
            owner_seen: (i64::MIN, u64::MAX),
            pending_fds_owner: None,
            scratch_tids: Vec::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Which libsinsp generation the inspector reproduces.
    pub fn compat(&self) -> Compat {
        self.config.compat
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    // ----- lookups -------------------------------------------------------------------

    pub fn thread(&self, tid: i64) -> Option<&Thread> {
        self.threads.get(&tid)
    }

    /// The main thread of `t`'s process (`t` itself for a main thread).
    pub fn main_thread<'a>(&'a self, t: &'a Thread) -> Option<&'a Thread> {
        if t.is_main_thread() {
            Some(t)
        } else {
            self.threads.get(&t.pid)
        }
    }

    /// The parent of `t` (by `ptid`).
    pub fn parent(&self, t: &Thread) -> Option<&Thread> {
        self.threads.get(&t.ptid)
    }

    /// `proc.ppid`: the parent of the process (the main thread's `ptid`).
    pub fn ppid(&self, t: &Thread) -> Option<i64> {
        self.main_thread(t).map(|m| m.ptid)
    }

    /// The process's working directory (its main thread's), with a trailing `/`.
    pub fn cwd<'a>(&'a self, t: &'a Thread) -> &'a str {
        self.main_thread(t).map(|m| m.cwd.as_str()).unwrap_or("")
    }

    /// The process's environment (its main thread's).
    pub fn env<'a>(&'a self, t: &'a Thread) -> &'a [String] {
        self.main_thread(t).map(|m| m.env.as_slice()).unwrap_or(&[])
    }

    /// Ancestors of `t`, nearest first, following `ptid` (what `proc.aname[N]` and friends
    /// walk). Stops at a missing parent, at tid -1 and at a loop.
    pub fn ancestors<'a>(&'a self, t: &'a Thread) -> Ancestors<'a> {
        let slow = self.parent(t);
        let fast = slow.and_then(|s| self.parent(s));
        Ancestors {
            insp: self,
            slow,
            fast,
            done: false,
        }
    }

    /// The session leader (`proc.sname`): the thread whose tid is the session id, or else
    /// the highest ancestor of the process that shares its session.
    pub fn session_leader<'a>(&'a self, t: &'a Thread) -> Option<&'a Thread> {
        if let Some(l) = self.threads.get(&t.sid) {
            return Some(l);
        }
        let main = self.main_thread(t)?;
        let sid = main.sid;
        let mut leader = main;
        for a in self.ancestors(main) {
            if a.sid != sid {
                break;
            }
            leader = a;
        }
        Some(leader)
    }

    /// The leader of the process group `t` belongs to (`proc.vpgid.*`), found like the
    /// session leader.
    pub fn vpgid_leader<'a>(&'a self, t: &'a Thread) -> Option<&'a Thread> {
        if let Some(l) = self.threads.get(&t.vpgid) {
            return Some(l);
        }
        let main = self.main_thread(t)?;
        let g = main.vpgid;
        let mut leader = main;
        for a in self.ancestors(main) {
            if a.vpgid != g {
                break;
            }
            leader = a;
        }
        Some(leader)
    }

    /// The leader of `t`'s process group by `pgid` (`proc.pgid.*`).
    pub fn pgid_leader<'a>(&'a self, t: &'a Thread) -> Option<&'a Thread> {
        if let Some(l) = self.threads.get(&t.pgid) {
            return Some(l);
        }
        let main = self.main_thread(t)?;
        let g = main.pgid;
        let mut leader = main;
        for a in self.ancestors(main) {
            if a.pgid != g {
                break;
            }
            leader = a;
        }
        Some(leader)
    }

    /// The fd table thread `t` uses.
    pub fn fd_table(&self, t: &Thread) -> Option<&FdTable> {
        self.fdtables.get(&t.fd_owner())
    }

    /// The fd `fd` as seen by thread `tid`.
    pub fn fd(&self, tid: i64, fd: i64) -> Option<&Fd> {
        let owner = self.threads.get(&tid)?.fd_owner();
        self.fdtables.get(&owner)?.get(fd)
    }

    pub fn user(&self, uid: u32) -> Option<&User> {
        self.users.get(&uid)
    }

    pub fn group(&self, gid: u32) -> Option<&Group> {
        self.groups.get(&gid)
    }

    /// A user as libsinsp 0.25 sees it from a container: only that container's list (the host
    /// list for the host). A container knows none of the host's users.
    pub fn user_in(&self, container_id: &str, uid: u32) -> Option<&User> {
        if container_id == HOST || container_id.is_empty() {
            return self.users.get(&uid);
        }
        self.container_users.get(container_id)?.get(&uid)
    }

    /// A group as libsinsp 0.25 sees it from a container (see [`Inspector::user_in`]).
    pub fn group_in(&self, container_id: &str, gid: u32) -> Option<&Group> {
        if container_id == HOST || container_id.is_empty() {
            return self.groups.get(&gid);
        }
        self.container_groups.get(container_id)?.get(&gid)
    }

    pub fn container(&self, id: &str) -> Option<&ContainerInfo> {
        self.containers.get(id)
    }

    /// Whether an IPv4 address belongs to the machine (or, for a containerised thread, to
    /// its container): libsinsp's test behind `fd.lip`/`fd.rip`.
    pub fn is_local_ipv4(&self, ip: [u8; 4], t: &Thread) -> bool {
        let addr = crate::ifaces::v4_u32(ip);
        if t.container_id != HOST && !t.container_id.is_empty() {
            if let Some(c) = self.containers.get(&t.container_id) {
                if c.ip != 0 {
                    if c.ip == addr {
                        return true;
                    }
                } else if self.containers.values().any(|o| o.ip == addr) {
                    return true;
                }
            }
        }
        self.interfaces.has_ipv4(addr)
    }

    /// IPv6 counterpart of [`Self::is_local_ipv4`]: on one of the machine's /64s (never for a
    /// containerised thread, as upstream).
    pub fn is_local_ipv6(&self, ip: &[u8; 16], t: &Thread) -> bool {
        if t.container_id != HOST && !t.container_id.is_empty() {
            return false;
        }
        self.interfaces.has_ipv6_subnet(ip)
    }

    pub fn is_local_ip(&self, ip: std::net::IpAddr, t: &Thread) -> bool {
        match ip {
            std::net::IpAddr::V4(a) => self.is_local_ipv4(a.octets(), t),
            std::net::IpAddr::V6(a) => self.is_local_ipv6(&a.octets(), t),
        }
    }

    // ----- the current event ---------------------------------------------------------

    /// The thread of the event just processed (`evt->get_thread_info()`): the entry of the
    /// event's tid, if the table has one after the event was applied.
    pub fn event_thread(&self) -> Option<&Thread> {
        if let Some(t) = &self.cur.container_thread {
            return Some(t.as_ref());
        }
        self.threads.get(&self.cur.tid)
    }

    /// The event-table flags of the event just processed, as the emulated libsinsp knew them
    /// (`evt->get_info_flags()`): `evt.is_io`, `evt.is_wait` and friends read them.
    pub fn event_info_flags(&self) -> u32 {
        self.cur.flags
    }

    /// The fd the parser attached to the event just processed (`evt->m_fdinfo`), without the
    /// fallback to the thread's last fd that [`Inspector::event_fd`] applies. `evt.buflen` and
    /// `evt.category` look at this one only.
    pub fn event_fdinfo(&self) -> Option<&Fd> {
        let (owner, num) = self.cur.fd?;
        self.fdtables.get(&owner)?.get(num)
    }

    /// The enter event paired with the exit event just processed, if the capture had it.
    pub fn event_enter(&self) -> Option<Event<'_>> {
        if !self.cur.has_enter {
            return None;
        }
        Event::parse(0, 0, &self.enter_buf).ok()
    }

    /// Whether `fd.*` fields exist for the event just processed.
    pub fn event_has_fd(&self) -> bool {
        evflags::is_fd_event(self.cur.flags)
    }

    /// `fd.num` of the event just processed.
    pub fn event_fd_num(&self) -> Option<i64> {
        if !self.event_has_fd() {
            return None;
        }
        self.event_thread().map(|t| t.lastevent_fd)
    }

    /// The fd of the event just processed, as field extraction sees it: the fd the parser
    /// attached to the event, else the thread's current fd. A closed fd is still returned
    /// for the close event itself.
    pub fn event_fd(&self) -> Option<&Fd> {
        if !self.event_has_fd() {
            return None;
        }
        if let Some((owner, num)) = self.cur.fd {
            return self.fdtables.get(&owner)?.get(num);
        }
        let t = self.event_thread()?;
        if t.lastevent_fd < 0 {
            return None;
        }
        self.fd_table(t)?.get(t.lastevent_fd)
    }

    /// `fd.name_changed` of the event just processed.
    pub fn event_fd_name_changed(&self) -> bool {
        self.cur.fd_name_changed
    }

    /// The `fd.name` upstream shows for an event without an fd (a failed open or connect, an
    /// fd never seen): the name the call was about, resolved like the parser would have.
    /// `None` where upstream has no value (enter events). Call it right after
    /// [`Inspector::process`] for the same event.
    pub fn fd_name_without_fd(&self, ev: &Event<'_>) -> Option<String> {
        crate::parse::fd_name_without_fd(self, ev)
    }

    /// The errno of the event just processed (positive; 0 on success).
    pub fn event_errorcode(&self) -> i32 {
        self.cur.errorcode
    }

    // ----- table maintenance -----------------------------------------------------------

    /// Inserts a thread, evicting idle ones if the table is full.
    pub(crate) fn add_thread(&mut self, mut t: Thread, from_proclist: bool) {
        if !self.threads.contains_key(&t.tid) && self.threads.len() >= self.config.max_threads {
            self.evict_idle(t.tid);
        }
        t.last_access = self.stats.events;
        let tid = t.tid;
        let is_thread = t.flags & cl::CLONE_THREAD != 0;
        let pid = t.pid;
        self.thread_epoch += 1;
        if let Some(old) = self.threads.insert(tid, t) {
            self.unindex_pid(old.pid);
            self.release_thread(old);
        }
        self.index_pid(pid);
        self.stats.threads_added += 1;
        if !from_proclist && is_thread && pid != tid {
            if let Some(main) = self.get_or_create(pid) {
                if let Some(m) = self.threads.get_mut(&main) {
                    m.nchilds += 1;
                }
            }
        }
    }

    /// Evicts about 1/16 of the table, longest idle first, never `keep` or the current
    /// event's thread. Batching keeps the cost amortised when the table stays full.
    fn evict_idle(&mut self, keep: i64) {
        let batch = (self.config.max_threads / 16).max(1);
        let protect = self.cur.thread.unwrap_or(i64::MIN);
        let mut cand: Vec<(u64, i64)> = self
            .threads
            .values()
            .filter(|t| t.tid != keep && t.tid != protect)
            .map(|t| (t.last_access, t.tid))
            .collect();
        let n = batch.min(cand.len());
        if n == 0 {
            return;
        }
        if n < cand.len() {
            cand.select_nth_unstable(n - 1);
        }
        for &(_, tid) in &cand[..n] {
            self.drop_thread(tid);
            self.stats.threads_evicted += 1;
        }
        self.recreate_child_counts(false);
    }

    /// Removes the entry and its fd table, no questions asked.
    fn drop_thread(&mut self, tid: i64) {
        if let Some(t) = self.threads.remove(&tid) {
            self.thread_epoch += 1;
            self.unindex_pid(t.pid);
            self.fdtables.remove(&tid);
            self.stats.threads_removed += 1;
            self.release_thread(t);
        }
    }

    /// Keeps a few released threads for [`Self::new_clone_child`].
    fn release_thread(&mut self, t: Thread) {
        const POOL: usize = 32;
        if self.thread_pool.len() < POOL {
            self.thread_pool.push(t);
        }
    }

    /// `Thread::new(tid)` for a clone child, in the buffers of a released thread when there is
    /// one; the caller sets `args` and `cgroups`, which keep that thread's entries (see
    /// [`Thread::reinit_but_lists`]).
    pub(crate) fn new_clone_child(&mut self, tid: i64) -> Thread {
        match self.thread_pool.pop() {
            Some(mut t) => {
                t.reinit_but_lists(tid, &mut self.stash);
                t
            }
            None => Thread::new(tid),
        }
    }

    /// Gives an unused thread from [`Self::new_clone_child`] back.
    pub(crate) fn discard_thread(&mut self, t: Thread) {
        self.release_thread(t);
    }

    pub(crate) fn index_pid(&mut self, pid: i64) {
        *self.pid_count.entry(pid).or_default() += 1;
    }

    pub(crate) fn unindex_pid(&mut self, pid: i64) {
        if let Some(n) = self.pid_count.get_mut(&pid) {
            *n -= 1;
            if *n == 0 {
                self.pid_count.remove(&pid);
            }
        }
    }

    /// The thread `tid`, creating upstream's placeholder entry if it is unknown (what
    /// libsinsp does when `/proc` cannot be asked, i.e. always for captures).
    pub(crate) fn get_or_create(&mut self, tid: i64) -> Option<i64> {
        if self.threads.contains_key(&tid) {
            return Some(tid);
        }
        let mut t = Thread::placeholder(tid);
        // Upstream counts the entries that already name this tid as their process.
        t.nchilds = self.pid_count.get(&tid).copied().unwrap_or(0) as u64;
        self.stats.placeholders += 1;
        self.add_thread(t, false);
        Some(tid)
    }

    /// The main thread of `tid`'s process, created as a placeholder if missing.
    pub(crate) fn main_of(&mut self, tid: i64) -> Option<i64> {
        let t = self.threads.get(&tid)?;
        if t.is_main_thread() {
            return Some(tid);
        }
        let pid = t.pid;
        self.get_or_create(pid)
    }

    /// The fd-table owner for `tid`, creating the main thread placeholder when the thread
    /// shares its process's table and that thread is unknown.
    pub(crate) fn owner_of(&mut self, tid: i64) -> Option<i64> {
        let t = self.threads.get(&tid)?;
        let owner = t.fd_owner();
        if owner != tid {
            self.get_or_create(owner)?;
        }
        Some(owner)
    }

    /// Looks an fd up for the parser (`get_fd`): remembers its name for `fd.name_changed`.
    pub(crate) fn lookup_fd(&mut self, tid: i64, fd: i64) -> Option<FdKey> {
        if fd < 0 {
            return None;
        }
        let owner = self.owner_of(tid)?;
        self.remember_fd_name((owner, fd))
    }

    fn remember_fd_name(&mut self, key: FdKey) -> Option<FdKey> {
        let f = self.fdtables.get_mut(&key.0)?.get_mut(key.1)?;
        f.old_name.clone_from(&f.name);
        Some(key)
    }

    pub(crate) fn fd_mut(&mut self, key: FdKey) -> Option<&mut Fd> {
        self.fdtables.get_mut(&key.0)?.get_mut(key.1)
    }

    pub(crate) fn fd_ref(&self, key: FdKey) -> Option<&Fd> {
        self.fdtables.get(&key.0)?.get(key.1)
    }

    /// Adds an fd to `tid`'s table (`add_fd`): also makes it the thread's current fd.
    ///
    /// `tid` is the event's thread (protected from eviction while an owner placeholder is
    /// created).
    pub(crate) fn add_fd(&mut self, tid: i64, num: i64, fdi: Fd) -> Option<FdKey> {
        let t = self.threads.get_mut(&tid)?;
        t.lastevent_fd = num;
        let owner = t.fd_owner();
        if owner != tid && !self.threads.contains_key(&owner) {
            self.get_or_create(owner)?;
        }
        self.add_fd_to(owner, num, fdi)
    }

    /// The table part of [`Self::add_fd`], for a caller that already set the thread's
    /// `lastevent_fd` and made sure `owner` exists.
    pub(crate) fn add_fd_to(&mut self, owner: i64, num: i64, fdi: Fd) -> Option<FdKey> {
        let max = self.config.max_fds_per_process;
        match self.fdtables.entry(owner).or_default().add(num, fdi, max) {
            AddOutcome::Dropped => {
                self.stats.fds_dropped += 1;
                None
            }
            AddOutcome::Added => {
                self.stats.fds_added += 1;
                Some((owner, num))
            }
            AddOutcome::Replaced(old) => {
                if let Some(old) = old {
                    self.fd_pool.give(old);
                }
                Some((owner, num))
            }
        }
    }

    /// Schedules removal of `fd` from `tid`'s table at the next event.
    pub(crate) fn schedule_fd_removal(&mut self, tid: i64, fd: i64) {
        self.pending_fds_tid = Some(tid);
        self.pending_fds.push(fd);
        self.pending_fds_owner = None;
    }

    /// [`Self::schedule_fd_removal`] for a caller that knows `tid`'s fd-table owner (which
    /// exists).
    pub(crate) fn schedule_fd_removal_in(&mut self, tid: i64, owner: i64, fd: i64) {
        let known = match self.pending_fds_tid {
            None => true,
            Some(t) => t == tid && self.pending_fds_owner == Some((owner, self.thread_epoch)),
        };
        self.pending_fds_tid = Some(tid);
        self.pending_fds.push(fd);
        self.pending_fds_owner = known.then_some((owner, self.thread_epoch));
    }

    /// libsinsp `remove_thread`: a main thread whose other threads still live stays unless
    /// `force`d.
    pub(crate) fn remove_thread(&mut self, tid: i64, force: bool) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        let nchilds = t.nchilds;
        if nchilds != 0 && !force {
            return;
        }
        let is_thread = t.flags & cl::CLONE_THREAD != 0;
        let pid = t.pid;
        self.drop_thread(tid);
        if is_thread && pid != tid {
            let mut reap = None;
            if let Some(m) = self.threads.get_mut(&pid) {
                m.nchilds = m.nchilds.saturating_sub(1);
                if m.nchilds == 0 && m.is_closed() {
                    reap = Some(pid);
                }
            }
            if let Some(pid) = reap {
                if self.config.compat == Compat::Modern {
                    self.drop_thread(pid);
                }
            }
        }
        if nchilds != 0 {
            self.recreate_child_counts(true);
        }
    }

    /// Recomputes every main thread's count of other threads. `create` reproduces upstream,
    /// which re-creates (as placeholders) main threads that are gone but still have threads.
    fn recreate_child_counts(&mut self, create: bool) {
        let mut mains = std::mem::take(&mut self.scratch_tids);
        mains.clear();
        for t in self.threads.values_mut() {
            t.nchilds = 0;
            if t.flags & cl::CLONE_THREAD != 0 && t.pid != t.tid {
                mains.push(t.pid);
            }
        }
        for &pid in &mains {
            if create && !self.threads.contains_key(&pid) {
                let mut p = Thread::placeholder(pid);
                p.last_access = self.stats.events;
                self.threads.insert(pid, p);
                self.thread_epoch += 1;
                self.index_pid(pid);
                self.stats.placeholders += 1;
            }
            if let Some(m) = self.threads.get_mut(&pid) {
                m.nchilds += 1;
            }
        }
        self.scratch_tids = mains;
    }

    /// Applies the removals the previous event scheduled.
    #[inline(always)]
    pub(crate) fn apply_pending_removals(&mut self) {
        if self.pending_thread.is_some() || self.pending_fds_tid.is_some() {
            self.apply_pending_removals_now();
        }
    }

    #[inline(never)]
    fn apply_pending_removals_now(&mut self) {
        let hint = self.pending_fds_owner.take();
        if let Some(tid) = self.pending_thread.take() {
            self.remove_thread(tid, false);
        }
        if let Some(tid) = self.pending_fds_tid.take() {
            let known = hint.filter(|&(_, epoch)| epoch == self.thread_epoch);
            let owner = match known {
                // Nothing changed the threads since: the thread and its owner still exist.
                Some((owner, _)) => owner,
                None => self.pending_owner(tid),
            };
            let mut fds = std::mem::take(&mut self.pending_fds);
            if let Some(tab) = self.fdtables.get_mut(&owner) {
                for &fd in &fds {
                    if let Some(f) = tab.remove(fd) {
                        self.stats.fds_removed += 1;
                        self.fd_pool.give(f);
                    }
                }
            }
            fds.clear();
            self.pending_fds = fds;
        }
    }

    /// The fd-table owner of a thread whose fds are removed: upstream looks (and creates)
    /// both up.
    fn pending_owner(&mut self, tid: i64) -> i64 {
        {
            let owner = match self.threads.get(&tid) {
                Some(t) => t.fd_owner(),
                None => {
                    self.get_or_create(tid);
                    tid
                }
            };
            if owner != tid {
                self.get_or_create(owner);
            }
            owner
        }
    }

    /// Processes one event: applies the previous event's removals, then this event's state
    /// changes. Afterwards the `event_*` accessors describe this event.
    pub fn process(&mut self, ev: &Event<'_>) {
        if !self.seeded {
            self.finish_seeding();
        }
        self.stats.events += 1;
        self.apply_pending_removals();
        crate::parse::process(self, ev);
    }
}

/// [`Inspector::add_fd_to`] of the fd `fill` describes, built in place (see
/// [`FdTable::add_with`]), on the inspector's fields so that `fill` may borrow others.
pub(crate) fn add_fd_in(
    fdtables: &mut HashMap<i64, FdTable>,
    pool: &mut crate::fd::FdPool,
    stats: &mut Stats,
    max: usize,
    (owner, num): FdKey,
    fill: impl FnOnce(&mut Fd),
) -> Option<FdKey> {
    let tab = fdtables.entry(owner).or_default();
    match tab.add_with(num, max, pool, fill) {
        AddOutcome::Dropped => {
            stats.fds_dropped += 1;
            None
        }
        AddOutcome::Added => {
            stats.fds_added += 1;
            Some((owner, num))
        }
        AddOutcome::Replaced(old) => {
            if let Some(old) = old {
                pool.give(old);
            }
            Some((owner, num))
        }
    }
}

/// Iterator over a thread's ancestors; see [`Inspector::ancestors`].
pub struct Ancestors<'a> {
    insp: &'a Inspector,
    slow: Option<&'a Thread>,
    fast: Option<&'a Thread>,
    done: bool,
}

impl<'a> Iterator for Ancestors<'a> {
    type Item = &'a Thread;

    fn next(&mut self) -> Option<&'a Thread> {
        if self.done {
            return None;
        }
        let cur = match self.slow {
            Some(s) if s.tid != -1 => s,
            _ => {
                self.done = true;
                return None;
            }
        };
        // Floyd's cycle check, as upstream's traverse_parent_state: the slow walker advances
        // one parent per step, the fast one two.
        self.slow = self.insp.parent(cur);
        for _ in 0..2 {
            self.fast = self.fast.and_then(|f| self.insp.parent(f));
            if let Some(s) = self.slow {
                let met = self.fast.is_some_and(|f| f.tid == s.tid);
                if met || s.tid == s.ptid {
                    self.done = true;
                    break;
                }
            }
        }
        Some(cur)
    }
}
