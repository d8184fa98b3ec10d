//! Concrete folded events checked against what `sysdig -r` (0.29.3) prints for the raw enter and
//! exit halves. The expected values are copied from sysdig's output, quoted above each check.

mod common;

use peregrine_event::{info, ppme, Event};
use peregrine_scap::{Folded, Folder, Reader};

/// One delivered event, owned.
struct Out {
    etype: u16,
    ts: u64,
    tid: u64,
    params: Vec<Vec<u8>>,
}

impl Out {
    fn p(&self, name: &str) -> &[u8] {
        let i = info(self.etype)
            .unwrap()
            .param_index(name)
            .unwrap_or_else(|| panic!("type {} has no {name}", self.etype));
        &self.params[i]
    }
    fn i64(&self, name: &str) -> i64 {
        i64::from_le_bytes(self.p(name).try_into().expect("8-byte value"))
    }
    fn u32(&self, name: &str) -> u32 {
        u32::from_le_bytes(self.p(name).try_into().expect("4-byte value"))
    }
}

fn fold(rel: &str) -> Vec<Out> {
    let mut r = Reader::open(common::trace_path(rel)).unwrap();
    let mut f = Folder::new();
    let mut out = Vec::new();
    while let Some(ev) = r.next_event() {
        let ev = ev.unwrap();
        let e: Option<Event<'_>> = f.push(&ev).unwrap().resolve(ev);
        if let Some(e) = e {
            out.push(Out {
                etype: e.etype,
                ts: e.ts,
                tid: e.tid,
                params: (0..e.nparams())
                    .map(|i| e.param(i).unwrap().to_vec())
                    .collect(),
            });
        }
    }
    out
}

fn find(evs: &[Out], ts: u64, tid: u64) -> &Out {
    let mut it = evs.iter().filter(|e| e.ts == ts && e.tid == tid);
    let e = it
        .next()
        .unwrap_or_else(|| panic!("no delivered event at ts {ts} tid {tid}"));
    assert!(it.next().is_none(), "one event at ts {ts} tid {tid}");
    e
}

fn newest_len(etype: u16) -> usize {
    info(etype).unwrap().params.len()
}

#[test]
fn connect_exit_gains_the_fd_of_its_enter() {
    let evs = fold("falco/connect_localhost.scap");
    // 186 21:27:03.470503527 1 <NA> (31699) > connect fd=4(<4>)
    let enter = find(&evs, 1_522_704_423_470_503_527, 31699);
    assert_eq!(
        enter.etype,
        ppme::SOCKET_CONNECT_E,
        "connect enter is passed on"
    );
    assert_eq!(enter.params.len(), 2);
    assert_eq!(enter.i64("fd"), 4);
    assert!(enter.p("addr").is_empty(), "old enter had no addr");
    // 187 21:27:03.470627540 1 <NA> (31699) < connect res=-115(EINPROGRESS)
    //     tuple=127.0.0.1:47192->127.0.0.1:80
    let x = find(&evs, 1_522_704_423_470_627_540, 31699);
    assert_eq!(x.etype, ppme::SOCKET_CONNECT_X);
    assert_eq!(x.params.len(), newest_len(ppme::SOCKET_CONNECT_X));
    assert_eq!(x.i64("res"), -115);
    let mut tuple = vec![2u8, 127, 0, 0, 1];
    tuple.extend_from_slice(&47192u16.to_le_bytes());
    tuple.extend_from_slice(&[127, 0, 0, 1]);
    tuple.extend_from_slice(&80u16.to_le_bytes());
    assert_eq!(x.p("tuple"), &tuple[..]);
    assert_eq!(x.i64("fd"), 4);
    assert!(x.p("addr").is_empty());
    // Only the exit and the (rewritten) enter of the connect survive.
    let connects = evs
        .iter()
        .filter(|e| info(e.etype).unwrap().name == "connect")
        .count();
    assert_eq!(connects, 2);
}

#[test]
fn cat_write_open_and_read_exits() {
    let evs = fold("falco/cat_write.scap");
    let cat = 20072;
    // 141 < open fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0
    // 151 < open fd=3(...) name=/lib/x86_64-linux-gnu/libc.so.6 flags=4097 mode=0
    // 187 < open fd=3(...) name=/usr/lib/locale/locale-archive flags=4097 mode=0
    // 197 < open fd=3(<f>/dev/null) name=/dev/null flags=1(O_RDONLY) mode=0
    let opens: Vec<&Out> = evs
        .iter()
        .filter(|e| e.etype == ppme::SYSCALL_OPEN_X && e.tid == cat)
        .collect();
    let names: Vec<&[u8]> = opens.iter().map(|o| o.p("name")).collect();
    assert_eq!(
        names,
        [
            &b"/etc/ld.so.cache\0"[..],
            b"/lib/x86_64-linux-gnu/libc.so.6\0",
            b"/usr/lib/locale/locale-archive\0",
            b"/dev/null\0"
        ]
    );
    let flags: Vec<u32> = opens.iter().map(|o| o.u32("flags")).collect();
    assert_eq!(flags, [4097, 4097, 4097, 1]);
    for o in &opens {
        assert_eq!(o.params.len(), newest_len(ppme::SYSCALL_OPEN_X));
        assert_eq!(o.i64("fd"), 3);
        assert_eq!(o.u32("mode"), 0);
        assert!(o.p("dev").is_empty() && o.p("ino").is_empty());
    }
    // 140 > open   (no parameters in this 2016 layout): passed on with three empty ones.
    let oe = find(&evs, 1_470_327_477_881_781_397, cat);
    assert_eq!(oe.etype, ppme::SYSCALL_OPEN_E);
    assert_eq!(oe.params, vec![Vec::<u8>::new(); 3]);

    // 152 > read fd=3(<f>/lib/x86_64-linux-gnu/libc.so.6) size=832
    // 153 < read res=832 data=.ELF....
    let r = find(&evs, 1_470_327_477_881_801_607, cat);
    assert_eq!(r.etype, ppme::SYSCALL_READ_X);
    assert_eq!(r.params.len(), 4);
    assert_eq!(r.i64("res"), 832);
    assert!(r.p("data").starts_with(b"\x7fELF"));
    assert_eq!((r.i64("fd"), r.u32("size")), (3, 832));
    // 204 > read fd=3(<f>/dev/null) size=131072
    // 205 < read res=0 data=
    let r = find(&evs, 1_470_327_477_882_062_060, cat);
    assert_eq!((r.i64("res"), r.p("data").len()), (0, 0));
    assert_eq!((r.i64("fd"), r.u32("size")), (3, 131072));
    // The read enters themselves are consumed.
    assert!(evs.iter().all(|e| e.etype != ppme::SYSCALL_READ_E));
}

#[test]
fn sendto_exit_gains_fd_size_and_tuple() {
    let evs = fold("libs/curl_google.scap");
    // 1194 > sendto fd=4(<6u>...:40251->2001:4860:4860::8888:53) size=32 tuple=NULL
    // 1195 < sendto res=32 data=.............www.google.com.....
    let s = find(&evs, 1_534_527_348_519_227_972, 17498);
    assert_eq!(s.etype, ppme::SOCKET_SENDTO_X);
    assert_eq!(s.params.len(), newest_len(ppme::SOCKET_SENDTO_X));
    assert_eq!(s.i64("res"), 32);
    assert_eq!(s.p("data").len(), 32);
    assert!(s.p("data").windows(6).any(|w| w == b"google"));
    assert_eq!((s.i64("fd"), s.u32("size")), (4, 32));
    assert!(s.p("tuple").is_empty());
    // 1311 > sendto fd=4(<6t>...:37140->2607:f8b0:4004:802::2004:80) size=78 tuple=NULL
    // 1312 < sendto res=78 data=GET / HTTP/1.1..Host: www.google.com...
    let s = find(&evs, 1_534_527_348_548_801_997, 17497);
    assert_eq!((s.i64("res"), s.i64("fd"), s.u32("size")), (78, 4, 78));
    assert!(s.p("data").starts_with(b"GET / HTTP/1.1"));
}

#[test]
fn execve_is_retyped_to_the_newest_version_with_its_filename() {
    let evs = fold("sf-collector/alpine/alpine.scap");
    // 5241 1588262426778495648 120839 > execve filename=/bin/touch
    // 5242 1588262426778731436 120839 < execve res=0 exe=touch args=test2. tid=120839(touch)
    //      pid=120839(touch) ptid=120512(sh) ... fdlimit=1048576 ...
    let e = find(&evs, 1_588_262_426_778_495_648, 120839);
    assert_eq!(e.etype, ppme::SYSCALL_EXECVE_19_E);
    assert_eq!(e.p("filename"), b"/bin/touch\0");
    let x = find(&evs, 1_588_262_426_778_731_436, 120839);
    assert_eq!(x.etype, ppme::SYSCALL_EXECVE_19_X);
    assert_eq!(x.params.len(), newest_len(ppme::SYSCALL_EXECVE_19_X));
    assert_eq!(x.i64("res"), 0);
    assert_eq!(x.p("exe"), b"touch\0");
    assert_eq!(x.p("args"), b"test2\0");
    assert_eq!(
        (x.i64("tid"), x.i64("pid"), x.i64("ptid")),
        (120839, 120839, 120512)
    );
    assert_eq!(x.i64("fdlimit"), 1_048_576);
    assert_eq!(x.p("filename"), b"/bin/touch\0");
    // Fields this 2020 driver did not record are empty, not invented.
    assert_eq!(x.u32("loginuid"), u32::MAX, "recorded by the driver: kept");
    for f in [
        "flags",
        "cap_effective",
        "exe_ino",
        "uid",
        "trusted_exepath",
        "gid",
    ] {
        assert!(x.p(f).is_empty(), "{f}");
    }

    // 2016: the execve enter had no parameters at all, so the filename stays empty.
    // 131 16:17:57.881730713 0 cat (20072) < execve res=0 exe=cat args=/dev/null. ...
    let evs = fold("falco/cat_write.scap");
    let x = find(&evs, 1_470_327_477_881_730_713, 20072);
    assert_eq!(x.etype, ppme::SYSCALL_EXECVE_19_X);
    assert_eq!(x.p("exe"), b"cat\0");
    assert_eq!(x.p("args"), b"/dev/null\0");
    assert!(x.p("filename").is_empty());
}

#[test]
fn accept4_is_retyped_with_the_enter_flags() {
    let evs = fold("sf-collector/mpm-event/cold_start_capture.scap");
    // 520 1555011831309533219 10400 > accept flags=0
    // 521 1555011831309539227 10400 < accept fd=10(<4t>172.17.0.1:46782->172.17.0.4:80)
    //     tuple=172.17.0.1:46782->172.17.0.4:80 queuepct=0 queuelen=0 queuemax=128
    let a = find(&evs, 1_555_011_831_309_539_227, 10400);
    assert_eq!(a.etype, ppme::SOCKET_ACCEPT4_6_X);
    assert_eq!(a.params.len(), newest_len(ppme::SOCKET_ACCEPT4_6_X));
    assert_eq!(a.i64("fd"), 10);
    assert_eq!(a.p("tuple")[0], 2);
    assert_eq!(a.u32("queuemax"), 128);
    assert_eq!(a.u32("flags"), 0);
    assert!(evs
        .iter()
        .all(|e| e.etype != ppme::SOCKET_ACCEPT4_5_E && e.etype != ppme::SOCKET_ACCEPT4_5_X));

    // An accept_5 exit is already in its newest layout: delivered as is; its enter is dropped.
    // 1153 1533943856118352985 25886 < accept fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) ...
    let evs = fold("libs/single_ipv6_conn.scap");
    let a = find(&evs, 1_533_943_856_118_352_985, 25886);
    assert_eq!(a.etype, ppme::SOCKET_ACCEPT_5_X);
    assert_eq!((a.i64("fd"), a.u32("queuemax")), (4, 1));
    assert!(evs.iter().all(|e| e.etype != ppme::SOCKET_ACCEPT_5_E));
}

#[test]
fn container_json_events_become_the_large_payload_version() {
    let evs = fold("falco/psp/privileged.scap");
    let c: Vec<&Out> = evs
        .iter()
        .filter(|e| info(e.etype).unwrap().name == "container")
        .collect();
    assert!(!c.is_empty());
    for e in c {
        assert_eq!(e.etype, ppme::CONTAINER_JSON_2_E);
        assert!(e.p("json").starts_with(b"{"), "json kept verbatim");
    }
}

/// `Folded::Pass` hands back the pushed event itself.
#[test]
fn pass_resolves_to_the_pushed_event() {
    let mut r = Reader::open(common::trace_path("falco/empty.scap")).unwrap();
    let mut f = Folder::new();
    let ev = r.next_event().unwrap().unwrap();
    let bytes = ev.bytes().to_vec();
    let folded = f.push(&ev).unwrap();
    assert!(matches!(folded, Folded::Pass));
    assert_eq!(folded.resolve(ev).unwrap().bytes(), &bytes[..]);
}
