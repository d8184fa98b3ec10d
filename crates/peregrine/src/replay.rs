//! Capture replay: reader → converter (fold) → inspector → rules → outputs, one event at a
//! time, the way Falco 0.44 runs `engine.kind: replay`.
//!
//! Which events reach the rules follows libsinsp 0.25: the converter's output minus the
//! enter events it only keeps for the parser (open/creat/openat/openat2/connect/execve/
//! execveat enters), minus events flagged state-only in the capture, minus the leading run of
//! "initial state" events (container, user and group records a capture starts with), which
//! libsinsp consumes while opening the capture. What is left is also what Falco counts as
//! "Captured Events".

use peregrine_event::render::RenderOpts;
use peregrine_fields::filter_glue::{ExtractScratch, FilterExtractor};
use peregrine_fields::{EvalCtx, FieldReq};
use peregrine_filter::{EvalContext, Filter};
use peregrine_output::{AlertRenderer, Message, OutputFormat, Outputs, Priority, Summary};
use peregrine_rules::{MatchMode, RuleId, Ruleset};
use peregrine_scap::{Block, FoldStats, Folder, Reader, RuleSelector};
use peregrine_state::{Compat, Config as InspectorConfig, Inspector};

use crate::drops::{DropMonitor, InternalAlert, Verdict};

/// One loaded rule as the event loop needs it.
pub struct RuleOutput {
    pub format: OutputFormat,
    pub priority: Priority,
    pub tags: Vec<String>,
}

/// The read-only side of a replay.
pub struct Pipeline<'a> {
    pub ruleset: &'a Ruleset<Filter>,
    /// Field references the compiled filters use, by `FieldInfo::id`.
    pub reqs: &'a [FieldReq],
    /// Indexed like the ruleset's rules.
    pub rules: &'a [RuleOutput],
    pub mode: MatchMode,
    pub renderer: &'a AlertRenderer,
    pub outputs: &'a Outputs,
    /// `-M`: stop once this much event time has passed (0: never).
    pub duration_ns: u64,
}

#[derive(Debug, Default)]
pub struct ReplayStats {
    /// Events delivered by the converter (what `evt.num` counts).
    pub events: u64,
    /// Events the rules saw (Falco's "Captured Events").
    pub captured: u64,
    pub fold: FoldStats,
}

/// How a replay ended when it did not reach the end of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// The capture or an event in it could not be read.
    Read(String),
    /// The drop monitor's `exit` action.
    DropExit,
}

fn inspector() -> Inspector {
    Inspector::with_config(InspectorConfig {
        compat: Compat::Modern,
        ..InspectorConfig::default()
    })
}

/// Replays `path` through `p`. Alerts are queued to the outputs in event order and counted
/// in `summary`; an error stops the replay after everything before it was delivered.
pub fn run(
    p: &Pipeline<'_>,
    path: &str,
    summary: &mut Summary,
    drops: &mut Option<DropMonitor>,
) -> (ReplayStats, Result<(), Stop>) {
    let mut stats = ReplayStats::default();
    let mut reader = match Reader::open(path) {
        Ok(r) => r,
        Err(e) => {
            return (
                stats,
                Err(Stop::Read(format!("Could not open capture file: {e}"))),
            )
        }
    };
    let mut folder = Folder::new();
    let mut insp = inspector();
    let mut ecx = EvalContext::new();
    let mut matched: Vec<RuleId> = Vec::with_capacity(4);
    let mut scratch = ExtractScratch::new();
    let mut line = String::with_capacity(512);
    let (mut first_ts, mut prev_ts, mut start_ts) = (0u64, 0u64, None::<u64>);
    let mut selector = RuleSelector::new();
    let result = loop {
        let block = match reader.next() {
            None => break Ok(()),
            Some(Err(e)) => break Err(Stop::Read(format!("{path}: {e}"))),
            Some(Ok(b)) => b,
        };
        let Block::Event(raw) = block else {
            insp.apply_block(&block);
            continue;
        };
        let ev = match folder.push(&raw) {
            Ok(f) => match f.resolve(raw) {
                Some(ev) => ev,
                None => continue,
            },
            Err(e) => {
                break Err(Stop::Read(format!(
                    "{path}: event {} (type {}) cannot be converted: {e}",
                    stats.events + 1,
                    raw.etype
                )))
            }
        };
        stats.events += 1;
        if first_ts == 0 {
            first_ts = ev.ts;
        }
        insp.process(&ev);
        let num = stats.events;
        let prev = std::mem::replace(&mut prev_ts, ev.ts);
        if !selector.rules_see(&ev) {
            continue;
        }
        let start = *start_ts.get_or_insert(ev.ts);
        if p.duration_ns > 0 && ev.ts.saturating_sub(start) >= p.duration_ns {
            break Ok(());
        }
        if let Some(m) = drops.as_mut() {
            match m.process(ev.ts) {
                Verdict::Continue(None) => {}
                Verdict::Continue(Some(alert)) => send_internal(p, &alert, &mut line),
                Verdict::Exit => break Err(Stop::DropExit),
            }
        }
        stats.captured += 1;
        // Most events have no candidate rule at all: skip building the extraction context.
        if p.ruleset.candidates(ev.etype).is_empty() {
            continue;
        }
        let cx = EvalCtx {
            ev: &ev,
            insp: &insp,
            num,
            first_ts,
            prev_ts: prev,
            fd: insp.event_fd(),
            fd_num: insp.event_fd_num(),
            render: &RenderOpts::FALCO,
        };
        ecx.next_event();
        let mut ex = FilterExtractor::with_scratch(&cx, p.reqs, &mut scratch);
        matched.clear();
        if !p.ruleset.eval(
            ev.etype,
            p.mode,
            |f| f.eval(&mut ecx, &mut ex),
            &mut matched,
        ) {
            continue;
        }
        for &id in &matched {
            let rule = p.ruleset.rule(id);
            let Some(out) = p.rules.get(id) else { continue };
            line.clear();
            p.renderer.alert(
                &rule.name,
                out.priority,
                &out.tags,
                &cx,
                &out.format,
                &mut line,
            );
            summary.record(id, out.priority);
            p.outputs.send(Message {
                ts: ev.ts,
                priority: out.priority,
                rule: rule.name.clone(),
                source: "syscall".into(),
                line: std::mem::take(&mut line),
            });
        }
    };
    stats.fold = folder.stats();
    (stats, result)
}

fn send_internal(p: &Pipeline<'_>, a: &InternalAlert, line: &mut String) {
    line.clear();
    p.renderer
        .internal(a.ts, a.priority, &a.msg, a.rule, &a.fields, line);
    p.outputs.send(Message {
        ts: a.ts,
        priority: a.priority,
        rule: a.rule.to_string(),
        source: "internal".into(),
        line: std::mem::take(line),
    });
}
