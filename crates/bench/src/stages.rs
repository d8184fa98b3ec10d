//! Throughput of each stage of `peregrine trace` and of the replay pipeline, on one capture.
//!
//! Each stage includes the ones before it, so the difference between two rows is the cost of
//! the added stage. The format stage reproduces `peregrine trace -p FORMAT` exactly (same
//! hidden events, same initial-state rule) but writes into a byte counter instead of stdout, so
//! it leaves out only the `write(2)` calls.

use std::hint::black_box;

use anyhow::Context;
use peregrine_event::render::RenderOpts;
use peregrine_event::{ppme, Category, Event};
use peregrine_fields::{EvalCtx, Format};
use peregrine_scap::{Block, Folder, Reader};
use peregrine_state::{Compat, Config, Inspector};

use crate::timing::{self, thousands, Runs};

pub const DEFAULT_FORMAT: &str = "%evt.num %proc.name %fd.name";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Decode,
    Fold,
    State,
    Format,
    FoldState,
}

impl Stage {
    const ALL: [Stage; 5] = [
        Stage::Decode,
        Stage::Fold,
        Stage::State,
        Stage::Format,
        Stage::FoldState,
    ];

    fn label(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Fold => "decode + fold",
            Stage::State => "decode + state (sysdig compat)",
            Stage::Format => "decode + state + format (= `trace -p`)",
            Stage::FoldState => "decode + fold + state (Falco compat, = replay without rules)",
        }
    }
}

struct Outcome {
    events: u64,
    /// Bytes of output (format stage) or a checksum, so no stage can be optimised away.
    check: u64,
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut trace = None;
    let mut format = DEFAULT_FORMAT.to_string();
    let mut runs = 3;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-p" => format = timing::value(&mut it, "-p")?.to_string(),
            "--runs" => runs = timing::count(timing::value(&mut it, "--runs")?, "--runs")?,
            s if trace.is_none() && !s.starts_with('-') => trace = Some(s.to_string()),
            s => anyhow::bail!("stages: unexpected argument '{s}'"),
        }
    }
    let trace = trace.context("stages: a capture file is required")?;
    let fmt = Format::parse(&format).map_err(|e| anyhow::anyhow!("-p: {e}"))?;

    // Round-robin over the stages so that a burst of load from other users of the machine
    // spreads over all of them instead of skewing one.
    let mut times: Vec<Runs> = vec![Runs::default(); Stage::ALL.len()];
    let mut events = 0;
    let mut checks = vec![0u64; Stage::ALL.len()];
    for _ in 0..runs {
        for (i, stage) in Stage::ALL.iter().enumerate() {
            let (out, secs) = timing::timed(|| run_stage(*stage, &trace, &fmt));
            let out = out?;
            times[i].0.push(secs);
            events = out.events;
            checks[i] = out.check;
        }
    }
    println!("trace: {trace}");
    println!("events: {} (format: `{format}`)", thousands(events));
    println!("| stage | median s | M events/s | ns/event | runs (s) |");
    println!("|---|---|---|---|---|");
    for (i, stage) in Stage::ALL.iter().enumerate() {
        let m = times[i].median();
        println!(
            "| {} | {m:.3} | {:.2} | {:.0} | {} |",
            stage.label(),
            events as f64 / m / 1e6,
            m * 1e9 / events as f64,
            times[i].list()
        );
    }
    let fmt_idx = Stage::ALL.iter().position(|s| *s == Stage::Format).unwrap_or(0);
    println!("format stage output: {} bytes", thousands(checks[fmt_idx]));
    Ok(())
}

fn run_stage(stage: Stage, path: &str, fmt: &Format) -> anyhow::Result<Outcome> {
    let mut reader = Reader::open(path).with_context(|| format!("cannot open {path}"))?;
    let check = match stage {
        Stage::Decode => decode(&mut reader)?,
        Stage::Fold => fold(&mut reader)?,
        Stage::State => state(&mut reader)?,
        Stage::Format => format(&mut reader, fmt)?,
        Stage::FoldState => fold_state(&mut reader)?,
    };
    Ok(Outcome {
        events: reader.stats().events,
        check,
    })
}

fn decode(reader: &mut Reader<std::fs::File>) -> anyhow::Result<u64> {
    let mut check = 0u64;
    while let Some(block) = reader.next() {
        if let Block::Event(ev) = block? {
            check = check.wrapping_add(ev.ts ^ ev.nparams() as u64);
        }
    }
    Ok(black_box(check))
}

fn fold(reader: &mut Reader<std::fs::File>) -> anyhow::Result<u64> {
    let mut folder = Folder::new();
    let mut check = 0u64;
    while let Some(block) = reader.next() {
        if let Block::Event(ev) = block? {
            if let Some(out) = folder.push(&ev)?.resolve(ev) {
                check = check.wrapping_add(out.ts ^ out.nparams() as u64);
            }
        }
    }
    Ok(black_box(check))
}

fn state(reader: &mut Reader<std::fs::File>) -> anyhow::Result<u64> {
    let mut insp = Inspector::new();
    let mut check = 0u64;
    while let Some(block) = reader.next() {
        match block? {
            Block::Event(ev) => {
                insp.process(&ev);
                check = check.wrapping_add(insp.event_fd_num().unwrap_or(0) as u64);
            }
            other => insp.apply_block(&other),
        }
    }
    Ok(black_box(check))
}

fn fold_state(reader: &mut Reader<std::fs::File>) -> anyhow::Result<u64> {
    let mut insp = Inspector::with_config(Config {
        compat: Compat::Modern,
        ..Config::default()
    });
    let mut folder = Folder::new();
    let mut check = 0u64;
    while let Some(block) = reader.next() {
        match block? {
            Block::Event(ev) => {
                if let Some(out) = folder.push(&ev)?.resolve(ev) {
                    insp.process(&out);
                    check = check.wrapping_add(insp.event_fd_num().unwrap_or(0) as u64);
                }
            }
            other => insp.apply_block(&other),
        }
    }
    Ok(black_box(check))
}

/// sysdig hides internal meta events and consumes leading container events while opening the
/// file; both still count in `evt.num` (mirrors `peregrine trace`).
fn is_hidden(ev: &Event<'_>) -> bool {
    ev.info().is_some_and(|i| i.category.0 & Category::INTERNAL != 0) || ev.dump_flags & 1 != 0
}

fn is_initial_state(ev: &Event<'_>) -> bool {
    matches!(
        ev.etype,
        ppme::CONTAINER_E | ppme::CONTAINER_JSON_E | ppme::CONTAINER_JSON_2_E
    )
}

fn format(reader: &mut Reader<std::fs::File>, fmt: &Format) -> anyhow::Result<u64> {
    let mut insp = Inspector::new();
    let mut line = String::with_capacity(512);
    let (mut num, mut first_ts, mut prev_ts, mut bytes) = (0u64, 0u64, 0u64, 0u64);
    let mut in_initial_state = true;
    while let Some(block) = reader.next() {
        let ev = match block? {
            Block::Event(ev) => ev,
            other => {
                insp.apply_block(&other);
                continue;
            }
        };
        num += 1;
        insp.process(&ev);
        if in_initial_state {
            if is_initial_state(&ev) {
                continue;
            }
            in_initial_state = false;
            first_ts = ev.ts;
        }
        if is_hidden(&ev) {
            continue;
        }
        let cx = EvalCtx {
            ev: &ev,
            insp: &insp,
            num,
            first_ts,
            prev_ts,
            fd: insp.event_fd(),
            fd_num: insp.event_fd_num(),
            render: &RenderOpts::SYSDIG,
        };
        line.clear();
        if fmt.render(&cx, &mut line) {
            bytes += line.len() as u64 + 1;
        }
        prev_ts = ev.ts;
    }
    Ok(black_box(bytes))
}
