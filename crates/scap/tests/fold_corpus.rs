//! Folding every shared trace: which events survive, and what the rebuilt ones contain.
//!
//! The expectations are derived from the raw stream and the event table, not from the folder:
//! the delivered set follows the converter's published rules (exits always; enter events only
//! when they are outside the converter's care and current, or one of the few kinds it passes
//! on), and each rebuilt event is checked parameter by parameter, by name, against the raw exit
//! and the raw enter event of the same thread.

mod common;

use std::collections::HashMap;

use peregrine_event::types::flags::{EF_CONVERTER_MANAGED, EF_OLD_VERSION, EF_UNUSED};
use peregrine_event::{info, ppme, Event, ParamType};
use peregrine_scap::{Folded, Folder, Reader};

/// Enter events the converter delivers (after rewriting them to their newest layout) instead
/// of consuming them: the rows of libs' converter table whose chain ends in "pass" or "store
/// and pass" (converter/table.cpp at 48dfd53c).
const DELIVERED_ENTERS: &[u16] = &[
    ppme::SYSCALL_OPEN_E,
    ppme::SYSCALL_CREAT_E,
    ppme::SYSCALL_OPENAT_2_E,
    ppme::SYSCALL_OPENAT2_E,
    ppme::SYSCALL_EXECVEAT_E,
    ppme::SOCKET_CONNECT_E,
    ppme::SYSCALL_EXECVE_8_E,
    ppme::SYSCALL_EXECVE_13_E,
    ppme::SYSCALL_EXECVE_14_E,
    ppme::SYSCALL_EXECVE_15_E,
    ppme::SYSCALL_EXECVE_16_E,
    ppme::SYSCALL_EXECVE_17_E,
    ppme::SYSCALL_EXECVE_18_E,
    ppme::SYSCALL_EXECVE_19_E,
    ppme::PROCEXIT_E,
    ppme::SCHEDSWITCH_1_E,
    ppme::CONTAINER_E,
    ppme::CONTAINER_JSON_E,
];

fn expect_delivered(etype: u16) -> bool {
    let row = info(etype).expect("reader delivers known types only");
    if row.flags & EF_UNUSED != 0 {
        return false;
    }
    if etype & 1 == 1 {
        return true;
    }
    if row.flags & EF_CONVERTER_MANAGED == 0 {
        return row.flags & EF_OLD_VERSION == 0;
    }
    DELIVERED_ENTERS.contains(&etype)
}

#[derive(Clone)]
struct Raw {
    cpu: u16,
    flags: u32,
    bytes: Vec<u8>,
}

impl Raw {
    fn of(ev: &Event<'_>) -> Raw {
        Raw {
            cpu: ev.cpu,
            flags: ev.dump_flags,
            bytes: ev.bytes().to_vec(),
        }
    }
    fn ev(&self) -> Event<'_> {
        Event::parse(self.cpu, self.flags, &self.bytes).unwrap()
    }
}

fn fixed_size(t: ParamType) -> Option<usize> {
    use ParamType as T;
    Some(match t {
        T::Int8 | T::Uint8 | T::Flags8 | T::Enumflags8 | T::Sigtype => 1,
        T::Int16 | T::Uint16 | T::Flags16 | T::Enumflags16 | T::Syscallid | T::Port => 2,
        T::Int32
        | T::Uint32
        | T::Flags32
        | T::Enumflags32
        | T::Uid
        | T::Gid
        | T::Mode
        | T::Sigset
        | T::Fd32
        | T::Pid32
        | T::Ipv4addr => 4,
        T::Int64 | T::Uint64 | T::Reltime | T::Abstime | T::Errno | T::Fd | T::Pid => 8,
        T::Ipv6addr => 16,
        _ => return None,
    })
}

/// What a parameter nobody supplied looks like: zero-length, or the type's default value.
fn is_filler(t: ParamType, p: &[u8]) -> bool {
    if p.is_empty() {
        return true;
    }
    match fixed_size(t) {
        Some(n) if p.len() == n => {
            let uid = matches!(t, ParamType::Uid | ParamType::Gid);
            p.iter().all(|&b| b == if uid { 0xff } else { 0 })
        }
        _ => false,
    }
}

/// A copied parameter: the source itself, or its prefix cut to the target's fixed size.
fn is_copy(t: ParamType, p: &[u8], src: &[u8]) -> bool {
    p == src || (fixed_size(t) == Some(p.len()) && src.starts_with(p))
}

#[derive(Default, Debug)]
struct Tally {
    exits_rebuilt: u64,
    from_enter: u64,
    filled: u64,
}

/// The enter event's name for a parameter, where the newest exit layout renamed it.
fn enter_name(syscall: &str, param: &'static str) -> &'static str {
    match (syscall, param) {
        ("dup", "oldfd") => "fd",
        _ => param,
    }
}

/// Checks one rebuilt event `f` against the raw event `x` it came from and the raw enter event
/// `e` of its thread (already paired: `e.etype == x.etype - 1`).
fn check_rebuilt(
    trace: &str,
    f: &Event<'_>,
    x: &Event<'_>,
    e: Option<&Event<'_>>,
    tally: &mut Tally,
) {
    let ctx = format!("{trace} ts={} tid={} type {}", x.ts, x.tid, x.etype);
    let frow = info(f.etype).unwrap();
    let xrow = info(x.etype).unwrap();
    assert_eq!(f.nparams(), frow.params.len(), "{ctx}: newest layout");
    // Upstream names the old accept4 pair (248/249) "accept"; its newest version is "accept4".
    let same_syscall = frow.name == xrow.name
        || (x.etype == ppme::SOCKET_ACCEPT4_5_X && f.etype == ppme::SOCKET_ACCEPT4_6_X);
    assert!(same_syscall, "{ctx}: retyped to {}", frow.name);
    assert_eq!(frow.flags & EF_OLD_VERSION, 0, "{ctx}: newest version");
    assert_eq!(
        (f.ts, f.tid, f.cpu, f.dump_flags),
        (x.ts, x.tid, x.cpu, x.dump_flags),
        "{ctx}: header kept"
    );
    // Upstream's connect chain adds fd and addr in two steps; the enter event is released by
    // the first, so addr falls back to its default whenever the raw exit lacked both.
    let enter_gone_after = if x.etype == ppme::SOCKET_CONNECT_X && x.nparams() == 2 {
        Some("fd")
    } else {
        None
    };
    let mut enter_used = false;
    for (k, pinfo) in frow.params.iter().enumerate() {
        let fp = f.param(k).unwrap();
        let own = xrow
            .param_index(pinfo.name)
            .filter(|&i| i < x.nparams())
            .and_then(|i| x.param(i));
        if let Some(src) = own {
            assert!(
                is_copy(pinfo.ptype, fp, src),
                "{ctx}: param {} ({}) = {fp:02x?}, own value {src:02x?}",
                k,
                pinfo.name
            );
            continue;
        }
        let from_enter = e.filter(|_| !enter_used).and_then(|e| {
            info(e.etype)
                .unwrap()
                .param_index(enter_name(frow.name, pinfo.name))
                .filter(|&j| j < e.nparams())
                .and_then(|j| e.param(j))
        });
        match from_enter {
            Some(src) => {
                assert!(
                    is_copy(pinfo.ptype, fp, src),
                    "{ctx}: param {k} ({}) = {fp:02x?}, enter value {src:02x?}",
                    pinfo.name
                );
                tally.from_enter += 1;
                if enter_gone_after == Some(pinfo.name) {
                    enter_used = true;
                }
            }
            None => {
                assert!(
                    is_filler(pinfo.ptype, fp),
                    "{ctx}: param {k} ({}) = {fp:02x?} but neither event has it",
                    pinfo.name
                );
                tally.filled += 1;
            }
        }
    }
}

fn fold_trace(path: &std::path::Path) -> Tally {
    let trace = path
        .strip_prefix(common::traces_dir())
        .unwrap()
        .display()
        .to_string();
    let mut r = Reader::open(path).unwrap();
    let mut folder = Folder::new();
    let mut last_enter: HashMap<u64, Raw> = HashMap::new();
    let mut tally = Tally::default();
    let (mut expected, mut delivered, mut index) = (Vec::new(), Vec::new(), 0u64);
    while let Some(ev) = r.next_event() {
        let ev = ev.unwrap();
        index += 1;
        if expect_delivered(ev.etype) {
            expected.push(index);
        }
        // The enter event the exit belongs to, as the raw stream shows it: the thread's last
        // syscall enter event since its previous exit, if it is the matching half.
        let paired = if ev.is_exit() {
            last_enter
                .remove(&ev.tid)
                .filter(|e| e.ev().etype.wrapping_add(1) == ev.etype)
        } else {
            None
        };
        let folded = folder
            .push(&ev)
            .unwrap_or_else(|e| panic!("{trace}: event #{index}: {e}"));
        match folded {
            Folded::Drop => {}
            Folded::Unwanted(t) => panic!("type {t} unwanted without a wanted set"),
            Folded::Pass => {
                delivered.push(index);
                if let Some(row) = info(ev.etype) {
                    if row.flags & EF_CONVERTER_MANAGED != 0 {
                        assert_eq!(
                            ev.nparams(),
                            row.params.len(),
                            "{trace} #{index}: passed unchanged only in the newest layout"
                        );
                    }
                }
            }
            Folded::Event(f) => {
                delivered.push(index);
                let reparsed = Event::parse(f.cpu, f.dump_flags, f.bytes()).unwrap();
                assert_eq!(reparsed.bytes(), f.bytes());
                let enter = paired.as_ref().map(|p| p.ev());
                check_rebuilt(&trace, &f, &ev, enter.as_ref(), &mut tally);
                if ev.is_exit() {
                    tally.exits_rebuilt += 1;
                }
            }
        }
        // Scheduler switches and other unmanaged "enter" numbers are not halves of a syscall.
        let managed = info(ev.etype).is_some_and(|r| r.flags & EF_CONVERTER_MANAGED != 0);
        if !ev.is_exit() && managed {
            last_enter.insert(ev.tid, Raw::of(&ev));
        }
    }
    assert_eq!(
        delivered.len(),
        expected.len(),
        "{trace}: delivered event count"
    );
    assert!(delivered == expected, "{trace}: delivered events differ");
    let s = folder.stats();
    assert_eq!(s.events, index);
    assert_eq!(s.passed + s.converted, delivered.len() as u64);
    assert_eq!(s.dropped, index - delivered.len() as u64);
    assert_eq!(s.evictions, 0, "{trace}");
    tally
}

#[test]
fn every_trace_folds_as_the_converter_does() {
    let traces = common::all_traces();
    assert_eq!(traces.len(), 34);
    let mut total = Tally::default();
    for p in &traces {
        let t = fold_trace(p);
        total.exits_rebuilt += t.exits_rebuilt;
        total.from_enter += t.from_enter;
        total.filled += t.filled;
    }
    // The corpus is old: most exits need rebuilding and most of those gain enter parameters.
    assert!(total.exits_rebuilt > 50_000, "{total:?}");
    assert!(total.from_enter > 50_000, "{total:?}");
    eprintln!("{total:?}");
}
