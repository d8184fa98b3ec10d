//! Decode throughput: `scap_bench FILE [repeat]` reads FILE `repeat` times and reports events/s.
//! `scap_bench --make OUT SRC COPIES` writes a large test file repeating SRC's events.
use std::time::Instant;

use peregrine_scap::{Block, Reader, Writer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "--make") {
        let (out, src, copies) = (&args[2], &args[3], args[4].parse::<u32>()?);
        let mut w = Writer::create(out, false)?;
        for i in 0..copies {
            let mut r = Reader::open(src)?;
            while let Some(b) = r.next() {
                match b? {
                    Block::Event(ev) => w.write_event(&ev)?,
                    other if i == 0 => w.write_block(&other)?,
                    _ => {}
                }
            }
        }
        w.finish()?;
        return Ok(());
    }
    let path = &args[1];
    let repeat: u32 = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let mut best = f64::MAX;
    let (mut events, mut bytes, mut check) = (0u64, 0u64, 0u64);
    for _ in 0..repeat {
        let t = Instant::now();
        let mut r = Reader::open(path)?;
        while let Some(b) = r.next() {
            if let Block::Event(ev) = b? {
                check = check.wrapping_add(ev.ts ^ ev.nparams() as u64);
            }
        }
        let s = r.stats();
        events = s.events;
        bytes = s.bytes;
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{events} events, {:.1} MB in {best:.3}s: {:.1} M events/s, {:.0} MB/s (check {check:x})",
        bytes as f64 / 1e6,
        events as f64 / best / 1e6,
        bytes as f64 / best / 1e6
    );
    Ok(())
}
