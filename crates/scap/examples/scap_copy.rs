//! Copies a capture through the reader and writer: `scap_copy IN OUT [--gzip]`.
use peregrine_scap::{Reader, Writer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: scap_copy IN OUT [--gzip]");
        std::process::exit(2);
    }
    let mut r = Reader::open(&args[1])?;
    let mut w = Writer::create(&args[2], args.get(3).is_some_and(|a| a == "--gzip"))?;
    while let Some(b) = r.next() {
        w.write_block(&b?)?;
    }
    w.finish()?;
    let s = r.stats();
    eprintln!(
        "{} blocks, {} events, {} skipped, {} bytes",
        s.blocks, s.events, s.skipped_events, s.bytes
    );
    Ok(())
}
