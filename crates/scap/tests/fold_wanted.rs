//! The "wanted types" path of the folder against the full path, on every shared trace and on
//! repeated captures that the converter rejects: the same delivered sequence (final type,
//! timestamp, thread), `Unwanted` exactly where the final type is not wanted, the same bytes
//! where it is, and the same errors, stats and stored enter events.

mod common;

use peregrine_event::Event;
use peregrine_scap::{FoldError, FoldStats, Folded, Folder, Reader};

/// An event as read, detached from the reader.
struct Raw {
    cpu: u16,
    flags: u32,
    bytes: Vec<u8>,
}

fn read_events(path: &std::path::Path) -> Vec<Raw> {
    let mut r = Reader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    while let Some(ev) = r.next_event() {
        let ev = ev.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push(Raw {
            cpu: ev.cpu,
            flags: ev.dump_flags,
            bytes: ev.bytes().to_vec(),
        });
    }
    out
}

/// The events of a capture `k` times over, time shifted forward each time like
/// `shared/tools/scapbig.py` does: a thread's last enter event of one copy meets the first
/// exit of the next.
fn repeated(events: &[Raw], k: u64) -> Vec<Raw> {
    let ts = |r: &Raw| u64::from_le_bytes(r.bytes[..8].try_into().unwrap());
    let real = events.iter().map(ts).filter(|&t| t != 0 && t < 1 << 62);
    let (lo, hi) = real.fold((u64::MAX, 0), |(lo, hi), t| (lo.min(t), hi.max(t)));
    let span = hi.saturating_sub(lo) + 1000;
    let mut out = Vec::new();
    for rep in 0..k {
        for r in events {
            let mut bytes = r.bytes.clone();
            let t = ts(r).wrapping_add(rep * span);
            bytes[..8].copy_from_slice(&t.to_le_bytes());
            out.push(Raw {
                cpu: r.cpu,
                flags: r.flags,
                bytes,
            });
        }
    }
    out
}

/// What the folder made of one event.
#[derive(Debug, PartialEq, Eq)]
enum Out {
    /// Delivered: final type, ts, tid, and the bytes when built.
    Delivered(u16, u64, u64, Option<Vec<u8>>),
    Dropped,
    Error(FoldError),
}

struct Run {
    outs: Vec<Out>,
    stats: FoldStats,
    pending: usize,
}

/// Folds `events`, going on after errors (the folder stays usable) so that what follows an
/// error is compared too.
fn fold(events: &[Raw], wanted: Option<&dyn Fn(u16) -> bool>) -> Run {
    let mut f = Folder::new();
    if let Some(w) = wanted {
        f.set_wanted(w);
    }
    let mut outs = Vec::with_capacity(events.len());
    for r in events {
        let ev = Event::parse(r.cpu, r.flags, &r.bytes).unwrap();
        let out = match f.push(&ev) {
            Err(e) => Out::Error(e),
            Ok(Folded::Drop) => Out::Dropped,
            Ok(Folded::Pass) => Out::Delivered(ev.etype, ev.ts, ev.tid, Some(r.bytes.clone())),
            Ok(Folded::Event(e)) => {
                assert_eq!((e.cpu, e.dump_flags), (ev.cpu, ev.dump_flags));
                Out::Delivered(e.etype, e.ts, e.tid, Some(e.bytes().to_vec()))
            }
            Ok(Folded::Unwanted(t)) => Out::Delivered(t, ev.ts, ev.tid, None),
        };
        outs.push(out);
    }
    Run {
        outs,
        stats: f.stats(),
        pending: f.pending(),
    }
}

/// A small deterministic generator (xorshift64*), so that failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// A random set of event types: each type is wanted with probability `percent`/100.
fn random_set(seed: u64, percent: u64) -> Vec<bool> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    (0..=u16::MAX).map(|_| rng.next() % 100 < percent).collect()
}

fn compare(name: &str, events: &[Raw], full: &Run, wanted: &[bool], label: &str) {
    let w = |t: u16| wanted[t as usize];
    let got = fold(events, Some(&w));
    let ctx = format!("{name} ({label})");
    assert_eq!(got.outs.len(), full.outs.len(), "{ctx}");
    for (i, (g, f)) in got.outs.iter().zip(&full.outs).enumerate() {
        match (g, f) {
            (Out::Delivered(gt, gts, gtid, gb), Out::Delivered(ft, fts, ftid, fb)) => {
                assert_eq!((gt, gts, gtid), (ft, fts, ftid), "{ctx}: event #{}", i + 1);
                if w(*gt) {
                    assert_eq!(gb, fb, "{ctx}: event #{} built as in full", i + 1);
                } else {
                    assert!(gb.is_none(), "{ctx}: event #{} type {gt} built", i + 1);
                }
            }
            _ => assert_eq!(g, f, "{ctx}: event #{}", i + 1),
        }
    }
    assert_eq!(got.stats, full.stats, "{ctx}: stats");
    assert_eq!(got.pending, full.pending, "{ctx}: pending enter events");
}

fn check_trace(name: &str, events: &[Raw], seed: u64) -> usize {
    let full = fold(events, None);
    // Everything wanted is the full path itself.
    let all = fold(events, Some(&|_| true));
    assert!(
        all.outs == full.outs,
        "{name}: all wanted differs from full"
    );
    assert_eq!(all.stats, full.stats, "{name}: all wanted stats");
    compare(name, events, &full, &vec![false; 1 << 16], "nothing wanted");
    for (k, percent) in [10, 50, 90].into_iter().enumerate() {
        let set = random_set(seed * 7 + k as u64, percent);
        compare(
            name,
            events,
            &full,
            &set,
            &format!("{percent}% of types, seed {seed}"),
        );
    }
    // Only the types the trace actually delivers, half of them: the sets above mostly miss
    // the few types a small trace has.
    let mut delivered: Vec<u16> = full
        .outs
        .iter()
        .filter_map(|o| match o {
            Out::Delivered(t, ..) => Some(*t),
            _ => None,
        })
        .collect();
    delivered.sort_unstable();
    delivered.dedup();
    let mut rng = Rng(seed | 1);
    for round in 0..3 {
        let mut set = vec![false; 1 << 16];
        for &t in &delivered {
            set[t as usize] = rng.next() & 1 == 0;
        }
        compare(
            name,
            events,
            &full,
            &set,
            &format!("half the delivered types, round {round}"),
        );
    }
    full.outs
        .iter()
        .filter(|o| matches!(o, Out::Error(_)))
        .count()
}

#[test]
fn wanted_types_change_nothing_but_what_is_built() {
    let traces = common::all_traces();
    assert_eq!(traces.len(), 34);
    for (i, p) in traces.iter().enumerate() {
        let name = p
            .strip_prefix(common::traces_dir())
            .unwrap()
            .display()
            .to_string();
        let events = read_events(p);
        let errors = check_trace(&name, &events, i as u64 + 1);
        assert_eq!(errors, 0, "{name}: folds without errors");
    }
}

#[test]
fn rejected_captures_fail_at_the_same_event_either_way() {
    // Repeated, these captures meet a stored enter event of another syscall: upstream stops
    // reading there.
    let mut failing = 0;
    for (i, rel) in [
        "sf-collector/objectstore/download.scap",
        "sf-collector/objectstore/ls.scap",
        "libs/sample.scap",
        "falco/psp/run_as_user_0_container.scap",
    ]
    .into_iter()
    .enumerate()
    {
        let events = repeated(&read_events(&common::trace_path(rel)), 3);
        let errors = check_trace(&format!("{rel} x3"), &events, 100 + i as u64);
        assert!(errors > 0, "{rel} x3 is rejected");
        failing += 1;
    }
    assert_eq!(failing, 4);
}
