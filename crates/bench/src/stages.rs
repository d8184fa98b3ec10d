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

    fn key(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Fold => "fold",
            Stage::State => "state",
            Stage::Format => "format",
            Stage::FoldState => "fold-state",
        }
    }

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
    let mut only: Option<Stage> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-p" => format = timing::value(&mut it, "-p")?.to_string(),
            "--runs" => runs = timing::count(timing::value(&mut it, "--runs")?, "--runs")?,
            "--stage" => {
                let k = timing::value(&mut it, "--stage")?;
                only = Some(
                    Stage::ALL
                        .into_iter()
                        .find(|s| s.key() == k)
                        .with_context(|| format!("--stage: unknown stage '{k}'"))?,
                );
            }
            s if trace.is_none() && !s.starts_with('-') => trace = Some(s.to_string()),
            s => anyhow::bail!("stages: unexpected argument '{s}'"),
        }
    }
    let trace = trace.context("stages: a capture file is required")?;
    let fmt = Format::parse(&format).map_err(|e| anyhow::anyhow!("-p: {e}"))?;

    // Round-robin over the stages so that a burst of load from other users of the machine
    // spreads over all of them instead of skewing one.
    let stages: Vec<Stage> = match only {
        Some(s) => vec![s],
        None => Stage::ALL.to_vec(),
    };
    let mut times: Vec<Runs> = vec![Runs::default(); stages.len()];
    let mut events = 0;
    let mut checks = vec![0u64; stages.len()];
    // A capture the converter rejects stops the fold stages, as it stops libscap; the other
    // stages still have figures.
    let mut errors: Vec<Option<String>> = vec![None; stages.len()];
    for _ in 0..runs {
        for (i, stage) in stages.iter().enumerate() {
            if errors[i].is_some() {
                continue;
            }
            let (out, sample) = timing::timed(|| run_stage(*stage, &trace, &fmt));
            match out {
                Ok(out) => {
                    times[i].0.push(sample);
                    events = out.events;
                    checks[i] = out.check;
                }
                Err(e) => errors[i] = Some(format!("{e:#}")),
            }
        }
    }
    println!("trace: {trace}");
    println!("events: {} (format: `{format}`)", thousands(events));
    println!(
        "| stage | wall s (median) | M events/s | CPU s (median) | M events/s per CPU-s | CPU ns/event | wall s of each run |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (i, stage) in stages.iter().enumerate() {
        if let Some(e) = &errors[i] {
            println!("| {} | stopped: {e} | | | | | |", stage.label());
            continue;
        }
        let (w, c) = (times[i].wall(), times[i].cpu());
        println!(
            "| {} | {w:.3} | {:.2} | {c:.3} | {:.2} | {:.0} | {} |",
            stage.label(),
            events as f64 / w / 1e6,
            events as f64 / c / 1e6,
            c * 1e9 / events as f64,
            times[i].list()
        );
    }
    if let Some(i) = stages.iter().position(|s| *s == Stage::Format) {
        println!("format stage output: {} bytes", thousands(checks[i]));
    }
    Ok(())
}

/// Prints the number of events in a capture.
pub fn count(args: &[String]) -> anyhow::Result<()> {
    let [path] = args else {
        anyhow::bail!("usage: peregrine-bench count TRACE");
    };
    let mut reader = Reader::open(path).with_context(|| format!("cannot open {path}"))?;
    while let Some(block) = reader.next() {
        block?;
    }
    println!("{}", reader.stats().events);
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
    ev.info()
        .is_some_and(|i| i.category.0 & Category::INTERNAL != 0)
        || ev.dump_flags & 1 != 0
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
