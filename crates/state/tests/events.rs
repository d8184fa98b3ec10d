//! State updates from hand-built events: the exit-only ("folded") layouts current drivers
//! emit, which no shared trace contains, plus lifecycle and bounded-memory behaviour.

use peregrine_event::ppme::*;
use peregrine_event::{Event, EventBuf};
use peregrine_scap::{Block, FdEntry, FdInfo, ProcEntry};
use peregrine_state::{Compat, Config, FdKind, Inspector, Role};

fn i64p(v: i64) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}
fn u32p(v: u32) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}
fn u64p(v: u64) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}
fn s(v: &str) -> Vec<u8> {
    let mut b = v.as_bytes().to_vec();
    b.push(0);
    b
}
fn tuple4(sip: [u8; 4], sport: u16, dip: [u8; 4], dport: u16) -> Vec<u8> {
    let mut t = vec![2u8];
    t.extend_from_slice(&sip);
    t.extend_from_slice(&sport.to_le_bytes());
    t.extend_from_slice(&dip);
    t.extend_from_slice(&dport.to_le_bytes());
    t
}
fn addr4(ip: [u8; 4], port: u16) -> Vec<u8> {
    let mut t = vec![2u8];
    t.extend_from_slice(&ip);
    t.extend_from_slice(&port.to_le_bytes());
    t
}

struct Feed {
    insp: Inspector,
    buf: EventBuf,
    ts: u64,
}

impl Feed {
    fn new() -> Feed {
        Feed::with(Config::default())
    }
    fn with(config: Config) -> Feed {
        Feed {
            insp: Inspector::with_config(config),
            buf: EventBuf::new(),
            ts: 1_000,
        }
    }
    fn ev(&mut self, tid: i64, etype: u16, params: &[Vec<u8>]) {
        self.ts += 1_000;
        self.buf.start(self.ts, tid as u64, etype);
        for p in params {
            self.buf.push(p);
        }
        let bytes = self.buf.finish().to_vec();
        let ev = Event::parse(0, 0, &bytes).expect("well-formed test event");
        self.insp.process(&ev);
    }
    fn proc(&mut self, tid: i64, pid: i64, ptid: i64, comm: &str, cwd: &str, flags: u32) {
        let e = ProcEntry {
            tid: tid as u64,
            pid: pid as u64,
            ptid: ptid as u64,
            comm: comm.into(),
            exe: format!("/usr/bin/{comm}"),
            args: vec!["-x".into()],
            cwd: cwd.into(),
            fdlimit: 1024,
            flags,
            uid: 1000,
            gid: 1000,
            ..ProcEntry::default()
        };
        self.insp.apply_block(&Block::ProcList(vec![e]));
    }
}

const CLONE_THREAD_FILES: u32 = (1 << 13) | (1 << 0);

#[test]
fn folded_socket_and_connect_name_the_socket() {
    let mut f = Feed::new();
    f.proc(100, 100, 1, "curl", "/home/u", 0);
    // socket exit with its arguments: fd, domain, type, proto, flags.
    f.ev(
        100,
        SOCKET_SOCKET_X,
        &[i64p(3), u32p(2), u32p(1), u32p(0), u32p(0)],
    );
    assert_eq!(f.insp.event_fd_num(), Some(3));
    assert_eq!(f.insp.event_fd().map(|f| f.kind), Some(FdKind::Ipv4Sock));
    // connect exit: res, tuple, fd, addr.
    let t = tuple4([10, 0, 0, 1], 40000, [93, 184, 216, 34], 443);
    f.ev(
        100,
        SOCKET_CONNECT_X,
        &[i64p(0), t, i64p(3), addr4([93, 184, 216, 34], 443)],
    );
    let fd = f.insp.event_fd().expect("connect exit has its fd");
    assert_eq!(f.insp.event_fd_num(), Some(3));
    assert_eq!(fd.name, "10.0.0.1:40000->93.184.216.34:443");
    assert_eq!(fd.role(), Role::Client);
    assert!(fd.is_connected());
    assert_eq!(fd.server().map(|s| s.port), Some(443));
    assert_eq!(fd.l4proto().name(), Some("tcp"));
    assert!(f.insp.event_fd_name_changed());
}

#[test]
fn enter_exit_connect_uses_the_enter_fd() {
    let mut f = Feed::new();
    f.proc(100, 100, 1, "curl", "/", 0);
    f.ev(100, SOCKET_SOCKET_E, &[u32p(2), u32p(2), u32p(0)]);
    f.ev(100, SOCKET_SOCKET_X, &[i64p(4)]);
    assert_eq!(f.insp.fd(100, 4).map(|f| f.l4proto().name()), Some(None));
    f.ev(100, SOCKET_CONNECT_E, &[i64p(4)]);
    let t = tuple4([127, 0, 0, 1], 5555, [127, 0, 0, 53], 53);
    f.ev(100, SOCKET_CONNECT_X, &[i64p(-115), t]);
    let fd = f.insp.event_fd().expect("fd from the enter event");
    assert_eq!(fd.name, "127.0.0.1:5555->127.0.0.53:53");
    assert_eq!(fd.l4proto().name(), Some("udp"));
}

#[test]
fn folded_openat_resolves_against_cwd_and_close_is_deferred() {
    let mut f = Feed::new();
    f.proc(200, 200, 1, "sh", "/", 0);
    f.ev(200, SYSCALL_CHDIR_X, &[i64p(0), s("/tmp/work/")]);
    assert_eq!(f.insp.cwd(f.insp.thread(200).unwrap()), "/tmp/work/");
    // openat exit: fd, dirfd, name, flags, mode, dev, ino.
    let params = [
        i64p(5),
        i64p(-100),
        s("../a/./b.txt"),
        u32p(1),
        u32p(0o644),
        u32p(0),
        u64p(42),
    ];
    f.ev(200, SYSCALL_OPENAT_2_X, &params);
    let fd = f.insp.fd(200, 5).expect("opened");
    assert_eq!(fd.name, "/tmp/a/b.txt");
    assert_eq!(fd.name_raw, "../a/./b.txt");
    assert_eq!(fd.ino, 42);
    // A relative openat on a directory fd.
    f.ev(
        200,
        SYSCALL_OPENAT_2_X,
        &[i64p(6), i64p(5), s("c"), u32p(1 << 10), u32p(0)],
    );
    assert_eq!(
        f.insp.fd(200, 6).map(|f| (f.name.as_str(), f.kind)),
        Some(("/tmp/a/b.txt/c", FdKind::Directory))
    );
    // close exit: res, fd. The closed fd is still visible on the close event itself.
    f.ev(200, SYSCALL_CLOSE_X, &[i64p(0), i64p(5)]);
    assert_eq!(
        f.insp.event_fd().map(|f| f.name.as_str()),
        Some("/tmp/a/b.txt")
    );
    assert!(f.insp.fd(200, 5).is_some());
    f.ev(200, SYSCALL_GETUID_E, &[]);
    assert!(
        f.insp.fd(200, 5).is_none(),
        "removed once the next event arrives"
    );
    assert!(f.insp.fd(200, 6).is_some());
}

#[test]
fn failed_open_names_the_path() {
    let mut f = Feed::new();
    f.proc(300, 300, 1, "cat", "/etc/", 0);
    let params = [i64p(-2), s("missing.conf"), u32p(1), u32p(0), u32p(0)];
    f.ev(300, SYSCALL_OPEN_X, &params);
    assert!(f.insp.event_fd().is_none());
    f.buf.start(f.ts, 300, SYSCALL_OPEN_X);
    for p in &params {
        f.buf.push(p);
    }
    let bytes = f.buf.finish().to_vec();
    let ev = Event::parse(0, 0, &bytes).unwrap();
    assert_eq!(
        f.insp.fd_name_without_fd(&ev).as_deref(),
        Some("/etc/missing.conf")
    );
}

fn clone_x(res: i64, tid: i64, pid: i64, ptid: i64, flags: u32) -> Vec<Vec<u8>> {
    vec![
        i64p(res),
        s("/bin/bash"),
        s("-c\0ls"),
        i64p(tid),
        i64p(pid),
        i64p(ptid),
        s(""),
        i64p(1024),
        u64p(0),
        u64p(0),
        u32p(0),
        u32p(0),
        u32p(0),
        s("bash"),
        s("cpu=/\0"),
        u32p(flags),
        u32p(0),
        u32p(0),
        i64p(tid),
        i64p(pid),
        u64p(0),
    ]
}

#[test]
fn fork_exec_exit_lifecycle() {
    let mut f = Feed::new();
    f.proc(400, 400, 1, "bash", "/root", 0);
    f.insp.apply_block(&Block::FdList {
        tid: 400,
        fds: vec![FdEntry {
            fd: 1,
            ino: 0,
            info: FdInfo::File {
                open_flags: 0,
                name: "/dev/pts/0".into(),
                dev: None,
            },
        }],
    });
    // Parent side of fork: the child appears with the parent's data and fds.
    f.ev(400, SYSCALL_CLONE_20_X, &clone_x(401, 400, 400, 1, 0));
    let child = f
        .insp
        .thread(401)
        .expect("child created by the parent's exit");
    assert_eq!(
        (child.pid, child.ptid, child.comm.as_str()),
        (401, 400, "bash")
    );
    assert_eq!(f.insp.cwd(child), "/root/");
    assert_eq!(
        f.insp.fd(401, 1).map(|f| (f.name.as_str(), f.is_cloned())),
        Some(("/dev/pts/0", true))
    );
    // Child side: nothing new.
    f.ev(401, SYSCALL_CLONE_20_X, &clone_x(0, 401, 401, 400, 0));
    assert_eq!(f.insp.event_thread().map(|t| t.tid), Some(401));
    // execve exit (res, exe, args, tid, pid, ptid, cwd, fdlimit, pgft x2, vm x3, comm,
    // cgroups, env, tty, vpgid, loginuid, flags).
    let exec = vec![
        i64p(0),
        s("ls"),
        b"-l\0/tmp\0".to_vec(),
        i64p(401),
        i64p(401),
        i64p(400),
        s(""),
        i64p(1024),
        u64p(0),
        u64p(0),
        u32p(0),
        u32p(0),
        u32p(0),
        s("ls"),
        s("cpu=/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\0"),
        s("HOME=/root\0"),
        u32p(34816),
        i64p(401),
        u32p(1000),
        u32p(1),
    ];
    f.ev(401, SYSCALL_EXECVE_19_X, &exec);
    let t = f.insp.thread(401).unwrap();
    assert_eq!((t.comm.as_str(), t.exe.as_str()), ("ls", "ls"));
    assert_eq!(t.args, vec!["-l", "/tmp"]);
    assert_eq!(t.container_id, "0123456789ab");
    assert_eq!(t.loginuid, 1000);
    assert!(t.exe_writable);
    assert_eq!(f.insp.env(t), ["HOME=/root".to_string()]);
    let names: Vec<&str> = f.insp.ancestors(t).map(|a| a.comm.as_str()).collect();
    assert_eq!(names, vec!["bash"], "parent 400, whose parent 1 is unknown");
    // procexit: the thread stays for the event, goes with the next one.
    f.ev(
        401,
        PROCEXIT_1_E,
        &[i64p(0), i64p(0), vec![0], vec![0], i64p(0)],
    );
    assert_eq!(f.insp.event_thread().map(|t| t.tid), Some(401));
    f.ev(400, SYSCALL_GETUID_E, &[]);
    assert!(f.insp.thread(401).is_none());
    assert!(
        !f.insp.fdtables.contains_key(&401),
        "its fd table went with it"
    );
}

#[test]
fn threads_share_the_process_fd_table() {
    let mut f = Feed::new();
    f.proc(500, 500, 1, "srv", "/", 0);
    f.ev(
        500,
        SYSCALL_CLONE_20_X,
        &clone_x(501, 500, 500, 1, CLONE_THREAD_FILES),
    );
    assert_eq!(
        f.insp.thread(501).map(|t| (t.pid, t.fd_owner())),
        Some((500, 500))
    );
    assert_eq!(f.insp.thread(500).map(|t| t.nchilds), Some(1));
    f.ev(
        501,
        SYSCALL_OPEN_X,
        &[i64p(7), s("/var/log/x"), u32p(2), u32p(0), u32p(0)],
    );
    assert_eq!(
        f.insp.fd(500, 7).map(|f| f.name.as_str()),
        Some("/var/log/x")
    );
    // The main thread exits first: it stays while its thread lives.
    f.ev(500, PROCEXIT_1_E, &[i64p(0)]);
    f.ev(501, SYSCALL_GETUID_E, &[]);
    assert!(f.insp.thread(500).is_some());
}

#[test]
fn udp_datagrams_name_and_orient_the_socket() {
    let mut f = Feed::new();
    f.proc(600, 600, 1, "dig", "/", 0);
    f.insp
        .apply_block(&Block::Interfaces(peregrine_scap::Interfaces {
            v4: vec![peregrine_scap::Ipv4Interface {
                name: "eth0".into(),
                addr: "192.168.1.10".parse().unwrap(),
                netmask: "255.255.255.0".parse().unwrap(),
                bcast: "192.168.1.255".parse().unwrap(),
                linkspeed: None,
            }],
            v6: vec![],
        }));
    f.ev(
        600,
        SOCKET_SOCKET_X,
        &[i64p(3), u32p(2), u32p(2), u32p(17), u32p(0)],
    );
    // sendto exit: res, data, fd, size, tuple (source not bound yet).
    let t = tuple4([0, 0, 0, 0], 0, [192, 168, 1, 1], 53);
    f.ev(
        600,
        SOCKET_SENDTO_X,
        &[i64p(30), vec![0; 4], i64p(3), u32p(30), t],
    );
    let fd = f.insp.event_fd().unwrap();
    assert_eq!(
        fd.name, "192.168.1.10:0->192.168.1.1:53",
        "local end from the interface list"
    );
    assert_eq!(fd.role(), Role::Client);
    let t0 = f.insp.event_thread().unwrap();
    assert!(f.insp.is_local_ip(fd.client().unwrap().ip, t0));
    assert!(!f.insp.is_local_ip(fd.server().unwrap().ip, t0));
}

#[test]
fn dup_pipe_and_misc_fds() {
    let mut f = Feed::new();
    f.proc(700, 700, 1, "x", "/", 0);
    f.ev(
        700,
        SYSCALL_PIPE2_X,
        &[i64p(0), i64p(3), i64p(4), u64p(99), u32p(0)],
    );
    assert_eq!(
        f.insp.fd(700, 4).map(|f| (f.kind, f.ino)),
        Some((FdKind::Fifo, 99))
    );
    f.ev(700, SYSCALL_DUP2_X, &[i64p(1), i64p(4), i64p(1)]);
    assert_eq!(f.insp.fd(700, 1).map(|f| f.kind), Some(FdKind::Fifo));
    f.ev(700, SYSCALL_EPOLL_CREATE1_X, &[i64p(5), u32p(1)]);
    assert_eq!(
        f.insp.fd(700, 5).map(|f| f.kind.type_name()),
        Some("eventpoll")
    );
    f.ev(700, SYSCALL_MEMFD_CREATE_X, &[i64p(6), s("anon"), u32p(0)]);
    assert_eq!(
        f.insp.fd(700, 6).map(|f| (f.kind, f.name.as_str())),
        Some((FdKind::Memfd, "anon"))
    );
    f.ev(700, SYSCALL_PIDFD_OPEN_X, &[i64p(8), i64p(700), u32p(0)]);
    assert_eq!(
        f.insp.fd(700, 8).map(|f| f.name.as_str()),
        Some("/proc/700")
    );
    f.ev(
        700,
        SYSCALL_PIDFD_GETFD_X,
        &[i64p(9), i64p(8), i64p(6), u32p(0)],
    );
    assert_eq!(
        f.insp.fd(700, 9).map(|f| (f.name.as_str(), f.is_cloexec())),
        Some(("anon", true))
    );
}

#[test]
fn credentials_from_exit_or_enter() {
    let mut f = Feed::new();
    f.proc(800, 800, 1, "su", "/", 0);
    // Exit-only setresuid: res, ruid, euid, suid.
    f.ev(
        800,
        SYSCALL_SETRESUID_X,
        &[i64p(0), u32p(0), u32p(33), u32p(0)],
    );
    assert_eq!(f.insp.thread(800).map(|t| t.uid), Some(33));
    // Old layout: the id travels in the enter event.
    f.ev(800, SYSCALL_SETUID_E, &[u32p(44)]);
    f.ev(800, SYSCALL_SETUID_X, &[i64p(0)]);
    assert_eq!(f.insp.thread(800).map(|t| t.uid), Some(44));
    f.ev(800, SYSCALL_SETSID_X, &[i64p(800)]);
    assert_eq!(f.insp.thread(800).map(|t| t.sid), Some(800));
}

#[test]
fn user_group_and_container_events() {
    let mut f = Feed::new();
    f.ev(
        -1,
        USER_ADDED_E,
        &[
            u32p(1500),
            u32p(1500),
            s("alice"),
            s("/home/alice"),
            s("/bin/sh"),
            s(""),
        ],
    );
    f.ev(-1, GROUP_ADDED_E, &[u32p(1500), s("staff"), s("")]);
    assert_eq!(f.insp.user(1500).map(|u| u.name.as_str()), Some("alice"));
    assert_eq!(f.insp.group(1500).map(|g| g.name.as_str()), Some("staff"));
    f.ev(
        -1,
        USER_ADDED_E,
        &[
            u32p(7),
            u32p(7),
            s("web"),
            s("/"),
            s("/bin/sh"),
            s("abcdef012345"),
        ],
    );
    assert_eq!(
        f.insp.user_in("abcdef012345", 7).map(|u| u.name.as_str()),
        Some("web")
    );
    assert!(f.insp.user(7).is_none());
    let json = r#"{"container":{"id":"abcdef012345","type":0,"name":"web","image":"nginx:1.25"}}"#;
    f.ev(-1, CONTAINER_JSON_2_E, &[s(json)]);
    assert_eq!(
        f.insp.container("abcdef012345").map(|c| c.image.as_str()),
        Some("nginx:1.25")
    );
}

#[test]
fn thread_table_is_bounded_by_evicting_idle_threads() {
    let mut f = Feed::with(Config {
        max_threads: 64,
        ..Config::default()
    });
    for tid in 1..=1000 {
        f.ev(tid, SYSCALL_GETUID_E, &[]);
        assert!(f.insp.threads.len() <= 64);
        assert_eq!(f.insp.event_thread().map(|t| t.tid), Some(tid));
    }
    assert!(f.insp.stats().threads_evicted >= 1000 - 64);
    // The most recently active threads survive.
    assert!(f.insp.thread(1000).is_some() && f.insp.thread(999).is_some());
}

#[test]
fn fd_tables_are_bounded() {
    let mut f = Feed::with(Config {
        max_fds_per_process: 8,
        ..Config::default()
    });
    f.proc(900, 900, 1, "leak", "/", 0);
    for fd in 0..20 {
        f.ev(
            900,
            SYSCALL_OPEN_X,
            &[i64p(fd), s("/x"), u32p(0), u32p(0), u32p(0)],
        );
    }
    assert_eq!(
        f.insp
            .fd_table(f.insp.thread(900).unwrap())
            .map(|t| t.len()),
        Some(8)
    );
    assert_eq!(f.insp.stats().fds_dropped, 12);
}

#[test]
fn close_racing_an_open_leaves_nothing_parked() {
    let mut f = Feed::new();
    f.proc(1000, 1000, 1, "mt", "/", 0);
    f.proc(1001, 1000, 1, "mt", "/", CLONE_THREAD_FILES);
    f.ev(
        1000,
        SYSCALL_OPEN_X,
        &[i64p(3), s("/a"), u32p(0), u32p(0), u32p(0)],
    );
    f.ev(1000, SYSCALL_CLOSE_E, &[i64p(3)]);
    // Another thread gets fd 3 before the close returns.
    f.ev(
        1001,
        SYSCALL_OPEN_X,
        &[i64p(3), s("/b"), u32p(0), u32p(0), u32p(0)],
    );
    f.ev(1000, SYSCALL_CLOSE_X, &[i64p(0)]);
    f.ev(1000, SYSCALL_GETUID_E, &[]);
    let tab = f.insp.fd_table(f.insp.thread(1000).unwrap()).unwrap();
    assert!(
        tab.get(i64::MAX).is_none(),
        "the superseded entry was released"
    );
}

#[test]
fn ancestors_stop_at_loops() {
    let mut f = Feed::new();
    f.proc(10, 10, 11, "a", "/", 0);
    f.proc(11, 11, 12, "b", "/", 0);
    f.proc(12, 12, 10, "c", "/", 0);
    let t = f.insp.thread(10).unwrap();
    let n = f.insp.ancestors(t).count();
    assert!(
        (1..=3).contains(&n),
        "walked {n} ancestors around a 3-cycle"
    );
}

#[test]
fn modern_mode_drops_cloexec_fds_at_exec() {
    let mut f = Feed::with(Config {
        compat: Compat::Modern,
        ..Config::default()
    });
    f.proc(1100, 1100, 1, "sh", "/", 0);
    f.ev(
        1100,
        SYSCALL_OPEN_X,
        &[i64p(3), s("/keep"), u32p(0), u32p(0), u32p(0)],
    );
    f.ev(
        1100,
        SYSCALL_OPEN_X,
        &[i64p(4), s("/drop"), u32p(1 << 12), u32p(0), u32p(0)],
    );
    let exec = vec![i64p(0), s("true"), s(""), i64p(1100), i64p(1100), i64p(1)];
    f.ev(1100, SYSCALL_EXECVE_19_X, &exec);
    assert!(f.insp.fd(1100, 3).is_some());
    assert!(f.insp.fd(1100, 4).is_none());
}

#[test]
fn malformed_parameters_never_panic() {
    // Every event type, with every parameter count, with parameters that are empty, too
    // short, or oddly sized: the inspector must keep going.
    for compat in [Compat::Sysdig, Compat::Modern] {
        fuzz_all_types(compat);
    }
}

fn fuzz_all_types(compat: Compat) {
    let mut f = Feed::with(Config {
        compat,
        max_threads: 32,
        ..Config::default()
    });
    f.proc(42, 42, 1, "fuzz", "/", 0);
    f.proc(43, 42, 1, "fuzz", "/", CLONE_THREAD_FILES);
    let shapes: [&[u8]; 5] = [&[], &[1], &[2, 0, 0], &[10; 19], &[0xff; 40]];
    for etype in 0..peregrine_event::EVENT_TABLE.len() as u16 {
        let n = peregrine_event::info(etype).map_or(0, |i| i.params.len());
        for shape in shapes {
            for k in 0..=n {
                let params: Vec<Vec<u8>> = (0..k).map(|_| shape.to_vec()).collect();
                f.ev(42, etype, &params);
                f.ev(43, etype, &params);
            }
        }
    }
    assert!(f.insp.stats().events > 0);
}

#[test]
fn second_connect_retargets_a_udp_socket_in_modern_mode() {
    for (compat, want) in [
        (Compat::Modern, "10.0.0.1:38255->8.8.8.8:53"),
        // sysdig 0.29.3 keeps the first destination.
        (Compat::Sysdig, "10.0.0.1:38255->127.0.0.1:2345"),
    ] {
        let mut f = Feed::with(Config {
            compat,
            ..Config::default()
        });
        f.proc(700, 700, 1, "client", "/", 0);
        f.ev(
            700,
            SOCKET_SOCKET_X,
            &[i64p(3), u32p(2), u32p(2), u32p(0), u32p(0)],
        );
        for (dip, dport) in [([127, 0, 0, 1], 2345), ([8, 8, 8, 8], 53)] {
            let t = tuple4([10, 0, 0, 1], 38255, dip, dport);
            f.ev(
                700,
                SOCKET_CONNECT_X,
                &[i64p(0), t, i64p(3), addr4(dip, dport)],
            );
        }
        let fd = f.insp.fd(700, 3).expect("the socket");
        assert_eq!(fd.name, want, "{compat:?}");
        assert_eq!(
            fd.server().map(|s| s.port),
            Some(if compat == Compat::Modern { 53 } else { 2345 })
        );
    }
}

#[test]
fn container_users_and_groups_do_not_fall_back_to_the_host() {
    let mut f = Feed::new();
    f.ev(
        -1,
        USER_ADDED_E,
        &[
            u32p(1),
            u32p(1),
            s("daemon"),
            s("/usr/sbin"),
            s("/usr/sbin/nologin"),
            s(""),
        ],
    );
    f.ev(-1, GROUP_ADDED_E, &[u32p(1), s("daemon"), s("")]);
    f.ev(-1, GROUP_ADDED_E, &[u32p(2), s("bin"), s("b199b3b57988")]);
    for host in ["host", ""] {
        assert_eq!(
            f.insp.user_in(host, 1).map(|u| u.name.as_str()),
            Some("daemon")
        );
        assert_eq!(
            f.insp.group_in(host, 1).map(|g| g.name.as_str()),
            Some("daemon")
        );
    }
    assert!(f.insp.user_in("b199b3b57988", 1).is_none());
    assert!(f.insp.group_in("b199b3b57988", 1).is_none());
    assert_eq!(
        f.insp.group_in("b199b3b57988", 2).map(|g| g.name.as_str()),
        Some("bin")
    );
    assert!(f.insp.group_in("host", 2).is_none());
}
