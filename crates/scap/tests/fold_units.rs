//! The folder on hand-built event sequences: missing and orphan enter events, interleaved
//! threads, type changes, defaults, the bounded store and the error cases upstream stops on.

use peregrine_event::{info, ppme, Event, EventBuf};
use peregrine_scap::fold::MAX_EVENT_SIZE;
use peregrine_scap::{FoldError, Folded, Folder};

/// An event in v2 encoding with its block cpu and dump flags.
struct Ev {
    cpu: u16,
    flags: u32,
    bytes: Vec<u8>,
}

impl Ev {
    fn new(ts: u64, tid: u64, etype: u16, params: &[&[u8]]) -> Ev {
        let mut b = EventBuf::new();
        b.start(ts, tid, etype);
        for p in params {
            b.push(p);
        }
        Ev {
            cpu: 1,
            flags: 0,
            bytes: b.finish().to_vec(),
        }
    }
    fn ev(&self) -> Event<'_> {
        Event::parse(self.cpu, self.flags, &self.bytes).unwrap()
    }
}

/// What the folder delivered: `None` for a drop, else (type, params); a pass is reported as the
/// pushed event's own content.
type Delivered = Option<(u16, Vec<Vec<u8>>)>;

fn push(f: &mut Folder, e: &Ev) -> Delivered {
    let ev = e.ev();
    let out = f
        .push(&ev)
        .unwrap_or_else(|err| panic!("type {}: {err}", ev.etype));
    out.resolve(ev).map(|d| {
        (
            d.etype,
            (0..d.nparams())
                .map(|i| d.param(i).unwrap().to_vec())
                .collect(),
        )
    })
}

fn i64b(v: i64) -> [u8; 8] {
    v.to_le_bytes()
}
fn u32b(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

fn read_e(ts: u64, tid: u64, fd: i64, size: u32) -> Ev {
    Ev::new(ts, tid, ppme::SYSCALL_READ_E, &[&i64b(fd), &u32b(size)])
}
fn read_x(ts: u64, tid: u64, res: i64, data: &[u8]) -> Ev {
    Ev::new(ts, tid, ppme::SYSCALL_READ_X, &[&i64b(res), data])
}

#[test]
fn exit_takes_enter_params_and_keeps_its_header() {
    let mut f = Folder::new();
    assert_eq!(push(&mut f, &read_e(10, 7, 3, 100)), None, "enter consumed");
    assert_eq!(f.pending(), 1);
    let mut x = read_x(11, 7, 5, b"hello");
    x.cpu = 3;
    x.flags = 1;
    let ev = x.ev();
    let Folded::Event(out) = f.push(&ev).unwrap() else {
        panic!("rebuilt")
    };
    assert_eq!((out.ts, out.tid, out.cpu, out.dump_flags), (11, 7, 3, 1));
    assert_eq!(out.etype, ppme::SYSCALL_READ_X);
    assert_eq!(out.nparams(), 4);
    assert_eq!(out.param(0).unwrap(), i64b(5));
    assert_eq!(out.param(1).unwrap(), b"hello");
    assert_eq!(out.param(2).unwrap(), i64b(3));
    assert_eq!(out.param(3).unwrap(), u32b(100));
    assert_eq!(f.pending(), 0, "released once used");
    let s = f.stats();
    assert_eq!((s.events, s.converted, s.dropped, s.stored), (2, 1, 1, 1));
}

#[test]
fn missing_enter_gives_type_defaults_or_empty() {
    let mut f = Folder::new();
    // read: no fallback flag upstream, so the fd and size get their type's default (zeros).
    let (t, p) = push(&mut f, &read_x(1, 9, 0, b"")).unwrap();
    assert_eq!(t, ppme::SYSCALL_READ_X);
    assert_eq!(p[2], i64b(0), "fd defaults to 0, not -1");
    assert_eq!(p[3], u32b(0));
    // setuid: flagged to fall back to an empty parameter.
    let x = Ev::new(2, 9, ppme::SYSCALL_SETUID_X, &[&i64b(0)]);
    let (_, p) = push(&mut f, &x).unwrap();
    assert_eq!(p.len(), 2);
    assert!(p[1].is_empty());
    assert_eq!(f.stats().enter_missing, 2);
}

#[test]
fn accept_is_retyped_with_defaults_for_the_queue_fields() {
    let mut f = Folder::new();
    // The old accept enter is an old, unmanaged version: dropped, not stored.
    let e = Ev::new(1, 4, ppme::SOCKET_ACCEPT_E, &[]);
    assert_eq!(push(&mut f, &e), None);
    assert_eq!(f.pending(), 0);
    let tuple = [2u8, 1, 2, 3, 4, 0, 1, 5, 6, 7, 8, 0, 2];
    let x = Ev::new(2, 4, ppme::SOCKET_ACCEPT_X, &[&i64b(5), &tuple, &[42]]);
    let (t, p) = push(&mut f, &x).unwrap();
    assert_eq!(t, ppme::SOCKET_ACCEPT_5_X);
    assert_eq!(
        p,
        vec![
            i64b(5).to_vec(),
            tuple.to_vec(),
            vec![42],
            u32b(0).to_vec(),
            u32b(0).to_vec()
        ]
    );
}

#[test]
fn old_execve_pair_becomes_the_newest_version() {
    let mut f = Folder::new();
    // execve 16 enter (no params) → 17 → 18 (empty filename) → 19, stored and delivered.
    let e = Ev::new(1, 50, ppme::SYSCALL_EXECVE_16_E, &[]);
    let (t, p) = push(&mut f, &e).unwrap();
    assert_eq!(t, ppme::SYSCALL_EXECVE_19_E);
    assert_eq!(p, vec![Vec::<u8>::new()]);
    assert_eq!(f.pending(), 1);
    let own: Vec<Vec<u8>> = (0..16u8).map(|i| vec![i; (i % 5) as usize + 1]).collect();
    let refs: Vec<&[u8]> = own.iter().map(|v| v.as_slice()).collect();
    let x = Ev::new(2, 50, ppme::SYSCALL_EXECVE_16_X, &refs);
    let (t, p) = push(&mut f, &x).unwrap();
    assert_eq!(t, ppme::SYSCALL_EXECVE_19_X);
    let row = info(t).unwrap();
    assert_eq!(p.len(), row.params.len());
    // 16's params keep their place (comm, cgroups, env), everything newer is empty.
    assert_eq!(&p[..16], &own[..]);
    assert!(p[16..].iter().all(|v| v.is_empty()));
    assert_eq!(f.pending(), 0, "filename lookup consumed the enter");
}

#[test]
fn execve_filename_comes_from_the_newest_enter() {
    let mut f = Folder::new();
    let e = Ev::new(1, 60, ppme::SYSCALL_EXECVE_19_E, &[b"/bin/ls\0"]);
    assert!(
        matches!(f.push(&e.ev()).unwrap(), Folded::Pass),
        "stored and passed as is"
    );
    let row = info(ppme::SYSCALL_EXECVE_19_X).unwrap();
    let own: Vec<Vec<u8>> = (0..row.params.len() - 1).map(|i| vec![i as u8]).collect();
    let refs: Vec<&[u8]> = own.iter().map(|v| v.as_slice()).collect();
    let x = Ev::new(2, 60, ppme::SYSCALL_EXECVE_19_X, &refs);
    let (_, p) = push(&mut f, &x).unwrap();
    assert_eq!(p.last().unwrap(), b"/bin/ls\0");
    assert_eq!(&p[..own.len()], &own[..]);
}

#[test]
fn interleaved_threads_keep_their_own_enter() {
    let mut f = Folder::new();
    push(&mut f, &read_e(1, 100, 3, 10));
    push(&mut f, &read_e(2, 200, 4, 20));
    let w = Ev::new(3, 300, ppme::SYSCALL_WRITE_E, &[&i64b(5), &u32b(30)]);
    push(&mut f, &w);
    assert_eq!(f.pending(), 3);
    let (_, p) = push(&mut f, &read_x(4, 200, 1, b"x")).unwrap();
    assert_eq!(
        (p[2].as_slice(), p[3].as_slice()),
        (&i64b(4)[..], &u32b(20)[..])
    );
    let wx = Ev::new(5, 300, ppme::SYSCALL_WRITE_X, &[&i64b(1), b"y"]);
    let (t, p) = push(&mut f, &wx).unwrap();
    assert_eq!(t, ppme::SYSCALL_WRITE_X);
    assert_eq!(
        (p[2].as_slice(), p[3].as_slice()),
        (&i64b(5)[..], &u32b(30)[..])
    );
    let (_, p) = push(&mut f, &read_x(6, 100, 1, b"z")).unwrap();
    assert_eq!(
        (p[2].as_slice(), p[3].as_slice()),
        (&i64b(3)[..], &u32b(10)[..])
    );
    assert_eq!(f.pending(), 0);
}

#[test]
fn orphan_enter_is_replaced_by_the_next_one() {
    let mut f = Folder::new();
    push(&mut f, &read_e(1, 8, 3, 10));
    // The read never returned (no exit); the thread's next syscall replaces it.
    let c = Ev::new(2, 8, ppme::SYSCALL_CLOSE_E, &[&i64b(9)]);
    assert_eq!(push(&mut f, &c), None);
    let cx = Ev::new(3, 8, ppme::SYSCALL_CLOSE_X, &[&i64b(0)]);
    let (_, p) = push(&mut f, &cx).unwrap();
    assert_eq!(p, vec![i64b(0).to_vec(), i64b(9).to_vec()]);
    assert_eq!(f.stats().enter_replaced, 1);
}

#[test]
fn orphan_enter_of_another_syscall_is_an_error_like_upstream() {
    let mut f = Folder::new();
    push(&mut f, &read_e(1, 8, 3, 10));
    // A write exit whose enter was lost finds the read enter: libscap refuses the capture.
    let wx = Ev::new(2, 8, ppme::SYSCALL_WRITE_X, &[&i64b(1), b"y"]);
    let err = f.push(&wx.ev()).unwrap_err();
    assert_eq!(
        err,
        FoldError::WrongEnter {
            tid: 8,
            etype: ppme::SYSCALL_WRITE_X,
            expected: ppme::SYSCALL_WRITE_E,
            found: ppme::SYSCALL_READ_E,
        }
    );
    // The folder stays usable, and the read enter is still there for its exit.
    let (_, p) = push(&mut f, &read_x(3, 8, 2, b"ab")).unwrap();
    assert_eq!(p[2], i64b(3));
}

#[test]
fn procexit_releases_the_thread_enter() {
    let mut f = Folder::new();
    push(&mut f, &read_e(1, 70, 3, 10));
    let pe = Ev::new(2, 70, ppme::PROCEXIT_1_E, &[&i64b(0)]);
    assert!(push(&mut f, &pe).is_some(), "procexit is delivered");
    assert_eq!(f.pending(), 0);
    assert_eq!(f.stats().released_on_procexit, 1);
    // The oldest procexit layout (no params) is rebuilt with five empty ones.
    let pe = Ev::new(3, 71, ppme::PROCEXIT_E, &[]);
    let (t, p) = push(&mut f, &pe).unwrap();
    assert_eq!(t, ppme::PROCEXIT_1_E);
    assert_eq!(p, vec![Vec::<u8>::new(); 5]);
    // A reused tid does not see the dead thread's enter.
    let (_, p) = push(&mut f, &read_x(4, 70, 0, b"")).unwrap();
    assert_eq!(p[2], i64b(0));
}

#[test]
fn store_is_bounded_and_counts_evictions() {
    let mut f = Folder::with_max_threads(2);
    push(&mut f, &read_e(1, 1, 11, 1));
    push(&mut f, &read_e(2, 2, 12, 2));
    push(&mut f, &read_e(3, 3, 13, 3));
    assert_eq!(f.pending(), 2);
    assert_eq!(f.stats().evictions, 1);
    assert!(f.pending_enter(1).is_none(), "oldest slot reclaimed");
    let (_, p) = push(&mut f, &read_x(4, 3, 0, b"")).unwrap();
    assert_eq!(p[2], i64b(13));
    let (_, p) = push(&mut f, &read_x(5, 1, 0, b"")).unwrap();
    assert_eq!(p[2], i64b(0), "evicted enter is missing");
}

#[test]
fn connect_enter_is_stored_and_passed_and_only_the_first_step_sees_it() {
    let mut f = Folder::new();
    let addr = [2u8, 10, 0, 0, 1, 0x50, 0];
    let e = Ev::new(1, 5, ppme::SOCKET_CONNECT_E, &[&i64b(4), &addr]);
    assert!(matches!(f.push(&e.ev()).unwrap(), Folded::Pass));
    assert_eq!(f.pending(), 1);
    let x = Ev::new(2, 5, ppme::SOCKET_CONNECT_X, &[&i64b(0), &[]]);
    let (_, p) = push(&mut f, &x).unwrap();
    // Upstream adds fd (from the enter, which it then releases) and addr in two steps.
    assert_eq!(p, vec![i64b(0).to_vec(), vec![], i64b(4).to_vec(), vec![]]);
    // A three-parameter exit only lacks addr: taken from the enter.
    f.push(&e.ev()).unwrap();
    let x = Ev::new(3, 5, ppme::SOCKET_CONNECT_X, &[&i64b(0), &[], &i64b(4)]);
    let (_, p) = push(&mut f, &x).unwrap();
    assert_eq!(p[3], addr);
    // The oldest enter layout (fd only) is completed with an empty addr and passed on.
    let e = Ev::new(4, 6, ppme::SOCKET_CONNECT_E, &[&i64b(7)]);
    let (t, p) = push(&mut f, &e).unwrap();
    assert_eq!(
        (t, p),
        (ppme::SOCKET_CONNECT_E, vec![i64b(7).to_vec(), vec![]])
    );
}

#[test]
fn retyped_params_are_cut_to_the_new_type_size() {
    let mut f = Folder::new();
    // bpf: the enter's 64-bit cmd lands in a 32-bit field of the new layout.
    let e = Ev::new(1, 2, ppme::SYSCALL_BPF_E, &[&i64b(0x1_0000_0005)]);
    assert_eq!(push(&mut f, &e), None);
    let x = Ev::new(2, 2, ppme::SYSCALL_BPF_X, &[&i64b(3)]);
    let (t, p) = push(&mut f, &x).unwrap();
    assert_eq!(t, ppme::SYSCALL_BPF_2_X);
    assert_eq!(p, vec![i64b(3).to_vec(), u32b(5).to_vec()]);
    // link: both paths come from the enter.
    let e = Ev::new(3, 2, ppme::SYSCALL_LINK_E, &[b"/a\0", b"/b\0"]);
    push(&mut f, &e);
    let x = Ev::new(4, 2, ppme::SYSCALL_LINK_X, &[&i64b(0)]);
    let (t, p) = push(&mut f, &x).unwrap();
    assert_eq!(t, ppme::SYSCALL_LINK_2_X);
    assert_eq!(
        p,
        vec![i64b(0).to_vec(), b"/a\0".to_vec(), b"/b\0".to_vec()]
    );
}

#[test]
fn old_container_event_becomes_json() {
    let mut f = Folder::new();
    let c = Ev::new(
        1,
        0,
        ppme::CONTAINER_E,
        &[b"abc123\0", &u32b(2), b"web\0", b"nginx:1\0"],
    );
    let (t, p) = push(&mut f, &c).unwrap();
    assert_eq!(t, ppme::CONTAINER_JSON_2_E);
    assert_eq!(
        p,
        vec![b"{\"id\":\"abc123\",\"type\":2,\"name\":\"web\",\"image\":\"nginx:1\"}\0".to_vec()]
    );
    // An unreadable field (empty id) leaves the description empty instead of failing.
    let c = Ev::new(2, 0, ppme::CONTAINER_E, &[b"", &u32b(2), b"web\0", b"x\0"]);
    let (t, p) = push(&mut f, &c).unwrap();
    assert_eq!((t, p), (ppme::CONTAINER_JSON_2_E, vec![vec![]]));
}

#[test]
fn unused_and_old_unmanaged_events_are_dropped_current_ones_pass() {
    let mut f = Folder::new();
    let unused = Ev::new(1, 1, ppme::PROCEXIT_1_X, &[]);
    assert_eq!(push(&mut f, &unused), None);
    let old_enter = Ev::new(2, 1, ppme::SOCKET_ACCEPT_5_E, &[]);
    assert_eq!(push(&mut f, &old_enter), None);
    let complete = Ev::new(
        3,
        1,
        ppme::SOCKET_ACCEPT_5_X,
        &[&i64b(1), &[], &[0], &u32b(0), &u32b(0)],
    );
    assert!(matches!(f.push(&complete.ev()).unwrap(), Folded::Pass));
    // An exit already in its newest layout passes, even if its enter was stored.
    push(&mut f, &read_e(4, 1, 3, 1));
    let full = Ev::new(
        5,
        1,
        ppme::SYSCALL_READ_X,
        &[&i64b(0), b"", &i64b(3), &u32b(1)],
    );
    assert!(matches!(f.push(&full.ev()).unwrap(), Folded::Pass));
    assert_eq!(f.pending(), 1, "not consumed by a complete exit");
}

#[test]
fn malformed_layouts_are_errors() {
    let mut f = Folder::new();
    let too_many = Ev::new(
        1,
        1,
        ppme::SYSCALL_READ_X,
        &[&i64b(0), b"", &i64b(3), &u32b(1), b"extra"],
    );
    assert!(matches!(
        f.push(&too_many.ev()),
        Err(FoldError::TooManyParams {
            nparams: 5,
            expected: 4,
            ..
        })
    ));
    let no_rule = Ev::new(2, 1, ppme::SYSCALL_READ_E, &[&i64b(3)]);
    assert_eq!(
        f.push(&no_rule.ev()).unwrap_err(),
        FoldError::NoRule {
            etype: ppme::SYSCALL_READ_E,
            nparams: 1
        }
    );
    let big = vec![0u8; 65_535];
    let huge = read_x(3, 1, 0, &big);
    assert!(huge.bytes.len() > MAX_EVENT_SIZE);
    assert!(matches!(
        f.push(&huge.ev()),
        Err(FoldError::TooLarge { .. })
    ));
    assert_eq!(f.stats().events, 3);
}
