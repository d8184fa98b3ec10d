//! Read + fold throughput: `fold_bench FILE [repeat]` reads FILE `repeat` times, once without
//! folding and once with, and reports the best events/s of each.
//! Make a big input with `python3 shared/tools/scapbig.py SRC.scap /tmp/big.scap 60`.
use std::time::Instant;

use peregrine_scap::{Folded, Folder, Reader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: fold_bench FILE [repeat]")?;
    let repeat: u32 = args.get(2).map_or(Ok(3), |s| s.parse())?;
    let (mut best_read, mut best_fold) = (f64::MAX, f64::MAX);
    let (mut events, mut check) = (0u64, 0u64);
    let mut stats = None;
    for _ in 0..repeat {
        let t = Instant::now();
        let mut r = Reader::open(path)?;
        while let Some(ev) = r.next_event() {
            check = check.wrapping_add(ev?.ts);
        }
        best_read = best_read.min(t.elapsed().as_secs_f64());
        events = r.stats().events;

        let t = Instant::now();
        let mut r = Reader::open(path)?;
        let mut f = Folder::new();
        while let Some(ev) = r.next_event() {
            let ev = ev?;
            match f.push(&ev)? {
                Folded::Pass => check = check.wrapping_add(ev.nparams() as u64),
                Folded::Event(e) => check = check.wrapping_add(e.nparams() as u64),
                Folded::Drop | Folded::Unwanted(_) => {}
            }
        }
        best_fold = best_fold.min(t.elapsed().as_secs_f64());
        stats = Some((f.stats(), f.pending()));
    }
    let (s, pending) = stats.ok_or("repeat must be at least 1")?;
    let m = |secs: f64| events as f64 / secs / 1e6;
    println!(
        "{events} events: read {:.3}s ({:.2} M ev/s), read+fold {:.3}s ({:.2} M ev/s); \
         fold alone ~{:.0} ns/event (check {check:x})",
        best_read,
        m(best_read),
        best_fold,
        m(best_fold),
        (best_fold - best_read).max(0.0) / events as f64 * 1e9
    );
    println!(
        "passed {} converted {} dropped {} stored {} enter_missing {} replaced {} \
         procexit_released {} evictions {} pending {pending}",
        s.passed,
        s.converted,
        s.dropped,
        s.stored,
        s.enter_missing,
        s.enter_replaced,
        s.released_on_procexit,
        s.evictions
    );
    Ok(())
}
