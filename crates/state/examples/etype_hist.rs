//! Histogram of the folded event types of a capture (what `Inspector::process` sees in a
//! replay), with the types `state_relevant` lets a replay skip.
use peregrine_scap::{Block, Folder, Reader};
use std::collections::BTreeMap;

fn main() {
    let path = std::env::args().nth(1).expect("usage: etype_hist TRACE");
    let mut reader = Reader::open(&path).unwrap();
    let mut folder = Folder::new();
    let mut hist: BTreeMap<u16, u64> = BTreeMap::new();
    let mut total = 0u64;
    while let Some(b) = reader.next() {
        if let Block::Event(raw) = b.unwrap() {
            if let Some(ev) = folder.push(&raw).unwrap().resolve(raw) {
                *hist.entry(ev.etype).or_default() += 1;
                total += 1;
            }
        }
    }
    let mut v: Vec<_> = hist.into_iter().collect();
    v.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    println!("total {total}");
    let mut skipped = 0;
    for (t, n) in v {
        let name = peregrine_event::info(t).map(|i| i.name).unwrap_or("?");
        let relevant = peregrine_state::state_relevant(t, peregrine_state::Compat::Modern);
        if !relevant {
            skipped += n;
        }
        let mark = if relevant { "" } else { "irrelevant" };
        println!(
            "{t:4} {name:24} {n:8} {:5.2}% {mark}",
            n as f64 * 100.0 / total as f64
        );
    }
    println!(
        "irrelevant: {skipped} ({:.2}%)",
        skipped as f64 * 100.0 / total as f64
    );
}
