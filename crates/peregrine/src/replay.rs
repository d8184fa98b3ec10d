//! Capture replay: reader → converter (fold) → inspector → rules → outputs, in event order,
//! the way Falco 0.44 runs `engine.kind: replay`. Reader and converter run on a thread of
//! their own ([`crate::source`]); the inspector, the rules and the alerts on the caller's.
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
use peregrine_filter::{EvalContext, Filter, Guard, GuardState};
use peregrine_output::{AlertRenderer, Message, OutputFormat, Outputs, Priority, Summary};
use peregrine_rules::{MatchMode, RuleId, Ruleset};
use peregrine_scap::select::{initial_state_event, parser_only_enter};
use peregrine_scap::{FoldStats, RuleSelector};
use peregrine_state::{Compat, Config as InspectorConfig, Inspector};

use std::cell::{Cell, OnceCell};
use std::ops::ControlFlow;
use std::time::Duration;

use crate::drops::{DropMonitor, InternalAlert, Verdict};
use crate::source::{self, Item};

/// One loaded rule as the event loop needs it.
pub struct RuleOutput {
    pub format: OutputFormat,
    pub priority: Priority,
    pub tags: Vec<String>,
}

/// Compiles the output of every rule of `ruleset` (indexed like it) and registers the rules in
/// `summary`.
pub fn rule_outputs(
    ruleset: &Ruleset<Filter>,
    summary: &mut Summary,
) -> anyhow::Result<Vec<RuleOutput>> {
    let mut rules = Vec::with_capacity(ruleset.rules().len());
    for r in ruleset.rules() {
        summary.add_rule(&r.name);
        let format = OutputFormat::compile(&r.output)
            .map_err(|e| anyhow::anyhow!("rule '{}': invalid output format: {e}", r.name))?;
        rules.push(RuleOutput {
            format,
            priority: Priority::from_index(r.priority as u8).unwrap_or(Priority::Debug),
            tags: r.tags.iter().cloned().collect(),
        });
    }
    Ok(rules)
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
    /// Times every rule evaluation (two clock reads each) when set.
    pub profile: Option<&'a RuleProfile>,
    /// When set, every candidate rule is evaluated whatever its bucket's [`Guard`] says, and
    /// the verdicts are compared (for tests).
    pub audit: Option<&'a GuardAudit>,
}

/// What the bucket guards said, checked against full evaluation (see [`Pipeline::audit`]).
#[derive(Debug, Default)]
pub struct GuardAudit {
    /// Rule evaluations.
    pub evaluations: Cell<u64>,
    /// Evaluations that matched.
    pub matched: Cell<u64>,
    /// Evaluations the guard would have skipped.
    pub skipped: Cell<u64>,
    /// Of those, evaluations that matched: (rule, `evt.num`). Must stay empty.
    pub wrong: std::cell::RefCell<Vec<(RuleId, u64)>>,
}

impl GuardAudit {
    fn note(&self, pass: bool, matched: bool, rule: RuleId, num: u64) {
        self.evaluations.set(self.evaluations.get() + 1);
        self.matched.set(self.matched.get() + u64::from(matched));
        if !pass {
            self.skipped.set(self.skipped.get() + 1);
            if matched {
                self.wrong.borrow_mut().push((rule, num));
            }
        }
    }
}

/// Evaluations and nanoseconds spent in each rule (indexed like the ruleset).
#[derive(Debug, Default)]
pub struct RuleProfile {
    pub rules: Vec<Cell<(u64, u64)>>,
}

impl RuleProfile {
    pub fn new(rules: usize) -> Self {
        RuleProfile {
            rules: vec![Cell::new((0, 0)); rules],
        }
    }

    /// `Ruleset::eval` unrolled, with a clock around each rule.
    fn eval(
        &self,
        ruleset: &Ruleset<Filter>,
        etype: u16,
        mode: MatchMode,
        mut matches: impl FnMut(usize, &Filter) -> bool,
        out: &mut Vec<RuleId>,
    ) -> bool {
        for (pos, &id) in ruleset.candidates(etype).iter().enumerate() {
            let t = std::time::Instant::now();
            let m = matches(pos, &ruleset.rule(id).filter);
            let (n, ns) = self.rules[id].get();
            self.rules[id].set((n + 1, ns + t.elapsed().as_nanos() as u64));
            if m {
                out.push(id);
                if mode == MatchMode::First {
                    break;
                }
            }
        }
        !out.is_empty()
    }
}

#[derive(Debug, Default)]
pub struct ReplayStats {
    /// Events delivered by the converter (what `evt.num` counts).
    pub events: u64,
    /// Events the rules saw (Falco's "Captured Events").
    pub captured: u64,
    pub fold: FoldStats,
    /// On-CPU time of the reader thread and of the rules thread.
    pub reader_cpu: Option<Duration>,
    pub rules_cpu: Option<Duration>,
}

/// How a replay ended when it did not reach the end of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// The capture or an event in it could not be read.
    Read(String),
    /// The drop monitor's `exit` action.
    DropExit,
}

/// The prefilter of every rules bucket, by event code (see [`Guard`]), each built on the first
/// event of its code: a capture has a few dozen of the hundreds of codes rules name.
pub struct Guards<'r> {
    ruleset: &'r Ruleset<Filter>,
    by_code: Vec<OnceCell<Option<Guard>>>,
}

impl<'r> Guards<'r> {
    pub fn new(ruleset: &'r Ruleset<Filter>) -> Guards<'r> {
        let codes = usize::from(ruleset.max_event_code()) + 1;
        Guards {
            ruleset,
            by_code: (0..codes).map(|_| OnceCell::new()).collect(),
        }
    }

    #[inline]
    pub fn get(&self, code: u16) -> Option<&Guard> {
        self.by_code
            .get(usize::from(code))?
            .get_or_init(|| {
                let filters: Vec<&Filter> = self
                    .ruleset
                    .candidates(code)
                    .iter()
                    .map(|&id| &*self.ruleset.rule(id).filter)
                    .collect();
                Guard::new(code, &filters)
            })
            .as_ref()
    }
}

fn inspector() -> Inspector {
    Inspector::with_config(InspectorConfig {
        compat: Compat::Modern,
        ..InspectorConfig::default()
    })
}

/// Event types worth building: those some enabled rule evaluates, and those the inspector
/// needs for its state. Every other event is only counted (and timed, for `-M` and the drop
/// monitor): up to a sixth of mpm-worker's events, up to 60% over the shared traces.
pub fn wanted_types(ruleset: &Ruleset<Filter>) -> Box<dyn Fn(u16) -> bool + Send> {
    let mut want = vec![false; usize::from(u16::MAX) + 1];
    for code in ruleset.enabled_event_codes() {
        want[usize::from(code)] = true;
    }
    for (t, w) in want.iter_mut().enumerate() {
        let t = t as u16;
        *w |= peregrine_state::state_relevant(t, Compat::Modern)
            || initial_state_event(t)
            || parser_only_enter(t);
    }
    Box::new(move |t| want[usize::from(t)])
}

/// Replays `path` through `p`. Alerts are queued to the outputs in event order and counted
/// in `summary`; an error stops the replay after everything before it was delivered.
pub fn run(
    p: &Pipeline<'_>,
    path: &str,
    summary: &mut Summary,
    drops: &mut Option<DropMonitor>,
) -> (ReplayStats, Result<(), Stop>) {
    let mut insp = inspector();
    let mut ecx = EvalContext::new();
    let guards = Guards::new(p.ruleset);
    let mut guard_state = GuardState::default();
    let mut matched: Vec<RuleId> = Vec::with_capacity(4);
    let mut scratch = ExtractScratch::new();
    let mut line = String::with_capacity(512);
    let (mut num, mut captured) = (0u64, 0u64);
    let (mut first_ts, mut prev_ts, mut start_ts) = (0u64, 0u64, None::<u64>);
    let mut selector = RuleSelector::new();
    let mut stop = None;
    let mut header = [0u8; 26];
    let (source, result) = source::replay_file(path, Some(wanted_types(p.ruleset)), |item| {
        let (ts, etype, dump_flags) = match &item {
            Item::Meta(block) => {
                insp.apply_block(block);
                return ControlFlow::Continue(());
            }
            Item::Event(ev) => (ev.ts, ev.etype, ev.dump_flags),
            Item::Unwanted(u) => (u.ts, u.etype, u.dump_flags),
        };
        num += 1;
        if first_ts == 0 {
            first_ts = ts;
        }
        match &item {
            Item::Event(ev) => insp.process(ev),
            Item::Unwanted(u) => insp.note_skipped(&u.header_event(&mut header)),
            Item::Meta(_) => {}
        }
        let prev = std::mem::replace(&mut prev_ts, ts);
        if !selector.rules_see_parts(etype, dump_flags) {
            return ControlFlow::Continue(());
        }
        let start = *start_ts.get_or_insert(ts);
        if p.duration_ns > 0 && ts.saturating_sub(start) >= p.duration_ns {
            return ControlFlow::Break(());
        }
        if let Some(m) = drops.as_mut() {
            match m.process(ts) {
                Verdict::Continue(None) => {}
                Verdict::Continue(Some(alert)) => send_internal(p, &alert, &mut line),
                Verdict::Exit => {
                    stop = Some(Stop::DropExit);
                    return ControlFlow::Break(());
                }
            }
        }
        captured += 1;
        // Most events have no candidate rule at all: skip building the extraction context.
        let Item::Event(ev) = &item else {
            return ControlFlow::Continue(());
        };
        if p.ruleset.candidates(etype).is_empty() {
            return ControlFlow::Continue(());
        }
        let cx = EvalCtx {
            ev,
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
        let guard = guards.get(etype);
        if let Some(g) = guard {
            g.begin(&mut ecx, &mut guard_state);
        }
        let mut matches = |pos: usize, f: &Filter| {
            let pass = guard.is_none_or(|g| g.may_match(&mut ecx, &mut ex, &mut guard_state, pos));
            match p.audit {
                None => pass && f.eval(&mut ecx, &mut ex),
                Some(audit) => {
                    let m = f.eval(&mut ecx, &mut ex);
                    audit.note(pass, m, p.ruleset.candidates(etype)[pos], num);
                    m
                }
            }
        };
        let any = match p.profile {
            None => p.ruleset.eval_at(etype, p.mode, matches, &mut matched),
            Some(prof) => prof.eval(p.ruleset, etype, p.mode, &mut matches, &mut matched),
        };
        if !any {
            return ControlFlow::Continue(());
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
                ts,
                priority: out.priority,
                rule: rule.name.clone(),
                source: "syscall".into(),
                line: std::mem::take(&mut line),
            });
        }
        ControlFlow::Continue(())
    });
    let stats = ReplayStats {
        events: source.events,
        captured,
        fold: source.fold,
        reader_cpu: source.reader_cpu,
        rules_cpu: source.caller_cpu,
    };
    let result = match (stop, result) {
        (Some(s), _) => Err(s),
        (None, r) => r.map_err(Stop::Read),
    };
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
