//! Folding of old enter/exit event pairs into the newest layouts, the way libs' scap converter
//! (libscap `engine/savefile/converter`) rewrites a capture while reading it.
//!
//! Falco 0.44 (libs 0.25) evaluates exit events only. Old captures carry both halves of each
//! syscall and older parameter layouts, so the converter keeps the enter event of each thread
//! and, when the exit arrives, rebuilds the exit in its newest layout: the exit's own parameters,
//! then those only the enter event had, then defaults for anything nobody has. Old event
//! versions are switched to the current type (execve 16 → 19, accept → accept_5, ...), and the
//! enter events it consumes are dropped.
//!
//! [`Folder`] mirrors that state machine event for event: the same table (`fold/rules.rs`),
//! the same decisions on which events pass, which are rebuilt and which are dropped, the same
//! fallbacks when the enter event is missing, and the same errors. Like upstream, a few enter
//! events are delivered too (open, creat, openat, openat2, execve, execveat, connect, in their
//! newest layout); dropping those is left to the consumer.
//!
//! Most events of an old capture take one of a few short chains (store the enter event; add
//! its parameters to the exit; append empty fields of a newer layout). Those chains are worked
//! out ahead from the table, per rule, and built in one pass; every other case, and every error,
//! goes step by step as upstream does, and a test holds the two ways to the same bytes. With
//! [`Folder::set_wanted`], events of unwanted final types are only measured: the same checks,
//! stats and store changes, without writing the result.
//!
//! Deliberate differences, each only observable where upstream would keep a stale enter event
//! forever or read uninitialised memory: the per-thread store is bounded (slots are reclaimed
//! round-robin and counted), a thread's stored enter event is released when its `procexit` is
//! seen, and a short `type` field of an old container event is zero-extended.

mod plan;
mod rules;
mod store;

use plan::*;
use store::EnterStore;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;
use std::sync::OnceLock;

use peregrine_event::ppme;
use peregrine_event::types::flags::{
    EF_CONVERTER_MANAGED, EF_LARGE_PAYLOAD, EF_OLD_VERSION, EF_UNUSED,
};
use peregrine_event::{info, Event, EventError, ParamType};

use rules::{Act, Src};

/// libscap converts inside fixed 64 KiB buffers: a larger event to convert, or a larger result,
/// is an error there and here.
pub const MAX_EVENT_SIZE: usize = 64 * 1024;

/// Default bound on the number of threads with a stored enter event.
pub const DEFAULT_MAX_THREADS: usize = 65_536;

/// Upstream's bound on chained conversions of one event; longer chains are a table bug.
const MAX_STEPS: usize = 50;

const HEADER: usize = 26;

/// Stored enter events above this size give their buffer back when released, so that one huge
/// event does not pin memory in a slot for the rest of the run.
const SLOT_KEEP_CAPACITY: usize = 4096;

/// What to do with one event.
#[derive(Debug, Clone, Copy)]
pub enum Folded<'a> {
    /// Deliver the pushed event unchanged (already in its final form, or not converter-managed).
    Pass,
    /// Deliver this rebuilt event instead (it borrows the folder until the next push).
    Event(Event<'a>),
    /// Deliver nothing: an enter event the converter keeps for its exit, or one it discards.
    Drop,
    /// An event that would be delivered (unchanged or rebuilt) with this final type, which the
    /// caller said it does not want ([`Folder::set_wanted`]): counted, but not built.
    Unwanted(u16),
}

impl<'a> Folded<'a> {
    /// The event to deliver, given the one that was pushed. `None` for [`Folded::Unwanted`]
    /// too: a caller that sets a wanted set and must count every delivered event matches on
    /// the variants instead.
    pub fn resolve<'x>(self, pushed: Event<'x>) -> Option<Event<'x>>
    where
        'a: 'x,
    {
        match self {
            Folded::Pass => Some(pushed),
            Folded::Event(e) => Some(e),
            Folded::Drop | Folded::Unwanted(_) => None,
        }
    }
}

/// What [`Folder::push_to`] did with one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The event to deliver was appended to the caller's buffer.
    Appended,
    /// Deliver nothing (see [`Folded::Drop`]).
    Drop,
    /// Counted but not built (see [`Folded::Unwanted`]).
    Unwanted(u16),
    /// The event cannot be folded: [`Folder::take_error`] says why.
    Failed,
}

/// Why an event cannot be folded. Each one is a case where libscap stops reading the capture.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FoldError {
    #[error("event type {etype} is an old exit layout that the converter does not manage")]
    UnmanagedOldExit { etype: u16 },
    #[error(
        "event type {etype} has {nparams} parameters, more than the {expected} of its newest layout"
    )]
    TooManyParams {
        etype: u16,
        nparams: u32,
        expected: u32,
    },
    #[error(
        "event type {etype} with {nparams} parameters needs a conversion but no rule covers it"
    )]
    NoRule { etype: u16, nparams: u32 },
    #[error(
        "thread {tid}: the stored enter event has type {found}, not {expected} (needed by event type {etype})"
    )]
    WrongEnter {
        tid: u64,
        etype: u16,
        expected: u16,
        found: u16,
    },
    #[error(
        "event type {etype} wants parameter {index} of the {from} event, which has only {nparams}"
    )]
    MissingParam {
        etype: u16,
        from: &'static str,
        index: u8,
        nparams: u32,
    },
    #[error("event type {etype}: {len} bytes exceed the {MAX_EVENT_SIZE}-byte conversion limit")]
    TooLarge { etype: u16, len: usize },
    #[error("parameter {index} of event type {etype} cannot be filled: {reason}")]
    BadTarget {
        etype: u16,
        index: usize,
        reason: &'static str,
    },
    #[error("container description of {len} bytes does not fit in a parameter")]
    DescriptionTooLong { len: usize },
    #[error("conversion of event type {etype} did not finish within {MAX_STEPS} steps")]
    NoFixpoint { etype: u16 },
    #[error("malformed event during conversion: {0}")]
    Malformed(#[from] EventError),
}

/// Running counters of a [`Folder`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FoldStats {
    /// Events pushed.
    pub events: u64,
    /// Delivered unchanged.
    pub passed: u64,
    /// Delivered in a rebuilt layout.
    pub converted: u64,
    /// Not delivered.
    pub dropped: u64,
    /// Enter events kept for their exit.
    pub stored: u64,
    /// Rebuilt events that wanted their enter event and found none (fallback values used).
    pub enter_missing: u64,
    /// Stored enter events replaced by a later one of the same thread before any exit used them.
    pub enter_replaced: u64,
    /// Stored enter events released because their thread exited.
    pub released_on_procexit: u64,
    /// Stored enter events evicted because the store was full.
    pub evictions: u64,
}

/// Outcome of the event table's static rules for one event (upstream's convertibility test).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Pass,
    Drop,
    Convert,
}

fn verdict(etype: u16, nparams: u32) -> Result<Verdict, FoldError> {
    // Unknown types never reach us from the reader (it skips them); let them through unchanged.
    let Some(ei) = info(etype) else {
        return Ok(Verdict::Pass);
    };
    let f = ei.flags;
    let enter = etype & 1 == 0;
    if f & EF_UNUSED != 0 {
        return Ok(Verdict::Drop);
    }
    if f & EF_CONVERTER_MANAGED == 0 {
        return match (f & EF_OLD_VERSION != 0, enter) {
            (false, _) => Ok(Verdict::Pass),
            (true, true) => Ok(Verdict::Drop),
            (true, false) => Err(FoldError::UnmanagedOldExit { etype }),
        };
    }
    if enter {
        return Ok(Verdict::Convert);
    }
    let expected = ei.params.len() as u32;
    if nparams > expected {
        return Err(FoldError::TooManyParams {
            etype,
            nparams,
            expected,
        });
    }
    if f & EF_OLD_VERSION != 0 || nparams != expected {
        Ok(Verdict::Convert)
    } else {
        Ok(Verdict::Pass)
    }
}

/// Where the result of a fold lives. No payloads, so that it stays in a register through the
/// hot path: the type of a measured event and the error of a failed one are in the folder.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Outcome {
    Pass,
    Drop,
    /// Appended to the output the fold was given.
    Out,
    /// In `bufs[0]` / `bufs[1]`.
    Buf0,
    Buf1,
    /// Converted without building the bytes (the event's final type, `Folder::measured`,
    /// is not wanted).
    Measured,
    /// `Folder::failure` says why.
    Failed,
    /// Not for this way: start over the general way (nothing was changed).
    Redo,
}

impl Outcome {
    fn buf(i: usize) -> Outcome {
        if i == 0 {
            Outcome::Buf0
        } else {
            Outcome::Buf1
        }
    }
}

/// What a fold delivers, before it is handed out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Delivery {
    Pass,
    /// At the end of the output the fold was given.
    Out,
    /// In `bufs[i]`.
    Buf(u8),
    Drop,
    Unwanted(u16),
    /// `Folder::failure` says why.
    Failed,
}

/// Why a conversion step stopped (small, so that results travel in registers).
enum Fail {
    Fold(Box<FoldError>),
    /// A measuring fold met something only a building fold can do (store a rebuilt enter
    /// event, read an old container event's fields); nothing was changed, start over.
    Build,
}

impl From<FoldError> for Fail {
    #[cold]
    fn from(e: FoldError) -> Self {
        Fail::Fold(Box::new(e))
    }
}

impl From<EventError> for Fail {
    #[cold]
    fn from(e: EventError) -> Self {
        Fail::Fold(Box::new(FoldError::Malformed(e)))
    }
}

#[cold]
fn fail(e: FoldError) -> Fail {
    Fail::Fold(Box::new(e))
}

/// How a conversion chain ends, from the event table alone: `(type, parameter count)` decides
/// every rule on the way, only errors and the enter event's contents depend on the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChainEnd {
    /// Delivered with this final type.
    Deliver(u16),
    Drop,
    /// Ends in a store (the rebuilt bytes are kept), fails, or reads container fields: always
    /// built.
    Build,
}

/// What is known ahead about each rule (by index in `rules::RULES`).
struct RuleInfo {
    /// How the chain starting with this rule ends.
    end: ChainEnd,
    /// The rule's own step, planned (`None` for acts that build nothing and for steps the
    /// plan does not cover).
    plan: Option<Plan>,
    /// The whole chain as one planned step, when it is the rule's step followed only by
    /// steps that append empty or default parameters.
    once: Option<Plan>,
}

fn rule_infos() -> &'static [RuleInfo] {
    static INFOS: OnceLock<Vec<RuleInfo>> = OnceLock::new();
    INFOS.get_or_init(|| {
        rules::RULES
            .iter()
            .map(|r| {
                let plan = plan_of(r);
                let end = chain_end(r);
                let once = plan.as_ref().and_then(|p| {
                    let once = plan_chain(p)?;
                    (end == ChainEnd::Deliver(once.new_type)).then_some(once)
                });
                RuleInfo { end, plan, once }
            })
            .collect()
    })
}

/// `first` and the steps after it folded into one plan, if they can be.
fn plan_chain(first: &Plan) -> Option<Plan> {
    let mut fills = first.fills.to_vec();
    let t = first.new_type;
    let row = info(t)?;
    // Counted like `Folder::steps`: the first step, then one per rule looked up.
    let mut steps = 1;
    loop {
        let n = first.kept + fills.len();
        match verdict(t, n as u32).ok()? {
            Verdict::Pass => break,
            Verdict::Drop => return None,
            Verdict::Convert => {}
        }
        steps += 1;
        if steps > MAX_STEPS {
            return None;
        }
        let srcs = match rules::lookup(t, n as u32)?.act {
            Act::Pass => break,
            Act::Add(srcs) => srcs,
            _ => return None,
        };
        for (j, src) in srcs.iter().enumerate() {
            let ptype = row.params.get(n + j)?.ptype;
            fills.push(match src {
                Src::Empty => Fill {
                    src: FillSrc::Empty,
                    cap: 0,
                    default_len: 0,
                    ones: false,
                },
                Src::Default => Fill {
                    src: FillSrc::Default,
                    cap: 0,
                    default_len: min_len(ptype)?,
                    ones: matches!(ptype, ParamType::Uid | ParamType::Gid),
                },
                _ => return None,
            });
        }
    }
    let composed = fills.len() > first.fills.len();
    let etype = first.new_type;
    Some(Plan {
        shape: PlanShape::of(first.append, etype, first.out_ls, &fills),
        fills: fills.into_boxed_slice(),
        composed,
        ..*first
    })
}

fn chain_end(first: &rules::Rule) -> ChainEnd {
    let (mut etype, mut nparams) = (first.etype, first.nparams as u32);
    for _ in 0..MAX_STEPS {
        let Some(rule) = rules::lookup(etype, nparams) else {
            return ChainEnd::Build;
        };
        let (next, n, srcs) = match rule.act {
            Act::Pass => return ChainEnd::Deliver(etype),
            Act::Store | Act::StoreAndPass => return ChainEnd::Build,
            Act::Add(srcs) => (etype, nparams + srcs.len() as u32, srcs),
            Act::Retype(t, srcs) => (t, srcs.len() as u32, srcs),
        };
        if srcs.iter().any(|s| matches!(s, Src::ContainerJson)) {
            return ChainEnd::Build;
        }
        match verdict(next, n) {
            Ok(Verdict::Pass) => return ChainEnd::Deliver(next),
            Ok(Verdict::Drop) => return ChainEnd::Drop,
            Ok(Verdict::Convert) => (etype, nparams) = (next, n),
            Err(_) => return ChainEnd::Build,
        }
    }
    ChainEnd::Build
}

/// The shape of a step's input: the pushed event, or what the previous step built.
#[derive(Clone, Copy)]
struct Shape {
    etype: u16,
    nparams: u32,
    len: usize,
    /// Its parameter spans are already in `Folder::spans` (else they are computed from the
    /// built bytes when a step needs them).
    spans_ready: bool,
}

/// Rewrites a stream of events into the layouts Falco 0.44 sees. Push every event of a
/// capture in order (metadata blocks are not involved); keep one folder per capture.
pub struct Folder {
    /// Ping-pong buffers: each conversion step reads one and writes the other.
    bufs: [Vec<u8>; 2],
    /// Where `push` has a single planned step write its result.
    direct: Vec<u8>,
    /// Parameter spans of the event in the buffer of the same index; a step on the pushed
    /// event reads its spans from index 1 and writes buffer 0.
    spans: [Vec<(usize, usize)>; 2],
    enter_spans: Vec<(usize, usize)>,
    /// Where each parameter a fast step adds comes from.
    pieces: Vec<Piece>,
    store: EnterStore,
    stats: FoldStats,
    /// Bit `t` set: final type `t` is wanted. `None`: every type is.
    wanted: Option<Box<[u64]>>,
    rules: &'static [RuleInfo],
    /// Final type of the last measured event.
    measured: u16,
    /// Why the last fold failed.
    failure: Option<FoldError>,
    /// Every event the step-by-step way with the general step (the reference the planned
    /// steps are tested against).
    general_only: bool,
}

impl Default for Folder {
    fn default() -> Self {
        Self::new()
    }
}

impl Folder {
    pub fn new() -> Self {
        Self::with_max_threads(DEFAULT_MAX_THREADS)
    }

    /// A folder that keeps stored enter events for at most `max_threads` threads (at least 1).
    pub fn with_max_threads(max_threads: usize) -> Self {
        Folder {
            bufs: [Vec::with_capacity(1024), Vec::with_capacity(1024)],
            direct: Vec::with_capacity(1024),
            spans: [Vec::with_capacity(32), Vec::with_capacity(32)],
            enter_spans: Vec::with_capacity(32),
            pieces: Vec::with_capacity(32),
            store: EnterStore::new(max_threads.max(1)),
            stats: FoldStats::default(),
            wanted: None,
            rules: rule_infos(),
            measured: 0,
            failure: None,
            general_only: false,
        }
    }

    /// Declares which final (folded) event types the caller will look at. From then on an
    /// event that would be delivered with another type comes back as [`Folded::Unwanted`]
    /// with that type, and is not rebuilt when that can be avoided; counting, stats, stored
    /// enter events and errors stay exactly those of the full path. `wanted` is asked once per
    /// type, here.
    pub fn set_wanted(&mut self, wanted: &dyn Fn(u16) -> bool) {
        let mut bits = vec![0u64; (u16::MAX as usize + 1) / 64].into_boxed_slice();
        for t in 0..=u16::MAX {
            if wanted(t) {
                bits[t as usize / 64] |= 1 << (t % 64);
            }
        }
        self.wanted = Some(bits);
    }

    #[inline]
    fn is_wanted(&self, etype: u16) -> bool {
        match &self.wanted {
            None => true,
            Some(bits) => bits[etype as usize / 64] & (1 << (etype % 64)) != 0,
        }
    }

    pub fn stats(&self) -> FoldStats {
        let mut s = self.stats;
        s.evictions = self.store.evictions;
        s.enter_replaced = self.store.replaced;
        s
    }

    /// Threads that currently have a stored enter event.
    pub fn pending(&self) -> usize {
        self.store.len()
    }

    /// The stored enter event of `tid` (v2 encoding), if any.
    pub fn pending_enter(&self, tid: u64) -> Option<&[u8]> {
        self.store.get(tid)
    }

    /// Forgets all stored enter events (e.g. between captures); counters are kept.
    pub fn clear(&mut self) {
        self.store.clear();
    }

    /// Folds one event. A rebuilt event keeps the pushed event's cpu, dump flags, timestamp and
    /// thread id. After an error the folder stays usable; upstream would stop reading.
    #[inline]
    pub fn push(&mut self, ev: &Event<'_>) -> Result<Folded<'_>, FoldError> {
        let mut direct = std::mem::take(&mut self.direct);
        direct.clear();
        let d = self.fold(ev, &mut direct);
        self.direct = direct;
        let bytes = match d {
            Delivery::Pass => return Ok(Folded::Pass),
            Delivery::Drop => return Ok(Folded::Drop),
            Delivery::Unwanted(t) => return Ok(Folded::Unwanted(t)),
            Delivery::Failed => return Err(self.take_failure()),
            Delivery::Out => &self.direct[..],
            Delivery::Buf(i) => &self.bufs[i as usize][..],
        };
        Ok(Folded::Event(Event::parse(ev.cpu, ev.dump_flags, bytes)?))
    }

    /// [`Folder::push`] for a caller that keeps the events to deliver in a buffer of its own:
    /// the event to deliver (the pushed one or its rebuilt form) is appended to `out`, most
    /// rebuilt events without an intermediate copy. Nothing is appended unless the result is
    /// [`Pushed::Appended`]. The outcome stays small, so that it travels in a register: the
    /// error of a [`Pushed::Failed`] is taken with [`Folder::take_error`].
    ///
    /// The appended bytes are a valid v2 event of exactly its header's length (built by the
    /// same code as `push`'s, which checks them).
    #[inline]
    pub fn push_to(&mut self, ev: &Event<'_>, out: &mut Vec<u8>) -> Pushed {
        match self.fold(ev, out) {
            Delivery::Pass => {
                out.extend_from_slice(ev.bytes());
                Pushed::Appended
            }
            Delivery::Out => Pushed::Appended,
            Delivery::Buf(i) => {
                out.extend_from_slice(&self.bufs[i as usize]);
                Pushed::Appended
            }
            Delivery::Drop => Pushed::Drop,
            Delivery::Unwanted(t) => Pushed::Unwanted(t),
            Delivery::Failed => Pushed::Failed,
        }
    }

    /// Why the last [`Folder::push_to`] failed (once).
    pub fn take_error(&mut self) -> Option<FoldError> {
        self.failure.take()
    }

    /// The fold of one event, with its bookkeeping; a result built by the planned way of a
    /// single step is appended to `out`.
    #[inline(always)]
    fn fold(&mut self, ev: &Event<'_>, out: &mut Vec<u8>) -> Delivery {
        self.stats.events += 1;
        let start = out.len();
        let o = match verdict(ev.etype, ev.nparams() as u32) {
            Ok(Verdict::Pass) => Outcome::Pass,
            Ok(Verdict::Drop) => Outcome::Drop,
            Ok(Verdict::Convert) => self.convert(ev, out),
            Err(e) => return self.failed(e),
        };
        let final_type = match o {
            Outcome::Pass => ev.etype,
            Outcome::Drop => {
                self.stats.dropped += 1;
                return Delivery::Drop;
            }
            Outcome::Out => u16_at(&out[start..], 20),
            Outcome::Buf0 => u16_at(&self.bufs[0], 20),
            Outcome::Buf1 => u16_at(&self.bufs[1], 20),
            Outcome::Measured => self.measured,
            Outcome::Failed | Outcome::Redo => return Delivery::Failed,
        };
        let procexit = final_type == ppme::PROCEXIT_1_E || final_type == ppme::PROCEXIT_E;
        if procexit && self.store.forget(ev.tid) {
            self.stats.released_on_procexit += 1;
        }
        if o == Outcome::Pass {
            self.stats.passed += 1;
        } else {
            self.stats.converted += 1;
        }
        if !self.is_wanted(final_type) {
            out.truncate(start);
            return Delivery::Unwanted(final_type);
        }
        match o {
            Outcome::Out => Delivery::Out,
            Outcome::Buf0 => Delivery::Buf(0),
            Outcome::Buf1 => Delivery::Buf(1),
            _ => Delivery::Pass,
        }
    }

    #[cold]
    fn failed(&mut self, e: FoldError) -> Delivery {
        self.failure = Some(e);
        Delivery::Failed
    }

    #[cold]
    fn take_failure(&mut self) -> FoldError {
        self.failure.take().expect("a failed fold leaves its error")
    }

    /// An outcome of the step-by-step way, with its error kept aside.
    fn settle(&mut self, r: Result<Outcome, Fail>) -> Outcome {
        match r {
            Ok(o) => o,
            Err(Fail::Build) => Outcome::Redo,
            Err(Fail::Fold(e)) => {
                self.failure = Some(*e);
                Outcome::Failed
            }
        }
    }

    /// Runs the converter's rules on an event its table says needs converting.
    #[inline]
    fn convert(&mut self, ev: &Event<'_>, out: &mut Vec<u8>) -> Outcome {
        if self.general_only {
            return self.chain(ev);
        }
        match self.quick(ev, out) {
            Outcome::Redo => self.chain(ev),
            out => out,
        }
    }

    /// The chains of a single act on the pushed event (most events of an old capture), by a
    /// shorter way to the same result as [`Folder::chain`]; `Redo` (with nothing changed) for
    /// the others. A built event is appended to `out`.
    #[inline]
    fn quick(&mut self, ev: &Event<'_>, out: &mut Vec<u8>) -> Outcome {
        let np = ev.nparams();
        // The first step's size check, and the rule key narrowed to a byte, as `step` has it.
        if np > u8::MAX as usize || ev.bytes().len() > MAX_EVENT_SIZE {
            return Outcome::Redo;
        }
        let Some(ri) = rules::lookup_index(ev.etype, np as u32) else {
            return Outcome::Redo;
        };
        let rules: &'static [RuleInfo] = self.rules;
        match rules::RULES[ri].act {
            Act::Pass => Outcome::Pass,
            act @ (Act::Store | Act::StoreAndPass) => {
                self.store.put(ev.tid, ev.bytes());
                self.stats.stored += 1;
                if matches!(act, Act::Store) {
                    Outcome::Drop
                } else {
                    Outcome::Pass
                }
            }
            Act::Add(_) | Act::Retype(..) => {
                let Some(plan) = rules[ri].once.as_ref().filter(|p| p.kept_ok(np)) else {
                    return Outcome::Redo;
                };
                if self.is_wanted(plan.new_type) {
                    self.once::<false>(ev, plan, out)
                } else {
                    self.once::<true>(ev, plan, out)
                }
            }
        }
    }

    /// A planned step on the pushed event whose result is final (appended to `out`).
    #[inline]
    fn once<const MEASURE: bool>(
        &mut self,
        ev: &Event<'_>,
        plan: &'static Plan,
        out: &mut Vec<u8>,
    ) -> Outcome {
        let tid = ev.tid;
        let slot = if plan.wants_enter {
            self.store.find(tid)
        } else {
            None
        };
        if plan.reads_input {
            event_spans(ev, &mut self.spans[1]);
        }
        let step = Step {
            input: Some(ev.bytes()),
            in_spans: &self.spans[1],
            in_np: ev.nparams(),
            in_len: ev.bytes().len(),
            tid,
            etype: ev.etype,
            new_type: plan.new_type,
            append: plan.append,
            srcs: &[],
        };
        let stored = slot.map(|i| self.store.bytes(i));
        let shaped = step.shaped::<MEASURE>(plan, stored, out);
        let done = match shaped {
            Some(done) => done,
            None => step.fast::<MEASURE>(plan, stored, &mut self.pieces, out),
        };
        let use_ = match done {
            Ok((use_, _)) => use_,
            Err(f) => return self.settle(Err(f)),
        };
        match use_ {
            EnterUse::Used => {
                self.store.remove(tid);
            }
            EnterUse::Missing => self.stats.enter_missing += 1,
            EnterUse::NotWanted => {}
        }
        if MEASURE {
            self.measured = plan.new_type;
            Outcome::Measured
        } else {
            Outcome::Out
        }
    }

    /// Any conversion chain, step by step.
    fn chain(&mut self, ev: &Event<'_>) -> Outcome {
        if self.wanted.is_some() && self.may_measure(ev) {
            match self.steps::<true>(ev) {
                Err(Fail::Build) => {}
                out => return self.settle(out),
            }
        }
        let out = self.steps::<false>(ev);
        self.settle(out)
    }

    /// Whether `ev` converts into an event nobody will look at, or into nothing, so that its
    /// conversion needs only to be measured.
    fn may_measure(&self, ev: &Event<'_>) -> bool {
        // Past 255 parameters the rule key (narrowed to a byte) and the real count disagree.
        if ev.nparams() > u8::MAX as usize {
            return false;
        }
        let Some(i) = rules::lookup_index(ev.etype, ev.nparams() as u32) else {
            return false;
        };
        match self.rules[i].end {
            ChainEnd::Deliver(t) => !self.is_wanted(t),
            ChainEnd::Drop => true,
            ChainEnd::Build => false,
        }
    }

    /// The conversion chain of `ev`. Building (`MEASURE` false), each step writes its event
    /// and applies its effects on the store at once, as upstream does. Measuring, steps only
    /// compute the lengths the limits are checked on, and the effects wait for the end, so
    /// that a fold that has to build after all starts from an untouched state.
    fn steps<const MEASURE: bool>(&mut self, ev: &Event<'_>) -> Result<Outcome, Fail> {
        let tid = ev.tid;
        let mut shape = Shape {
            etype: ev.etype,
            nparams: ev.nparams() as u32,
            len: ev.bytes().len(),
            spans_ready: false,
        };
        let mut cur: Option<usize> = None;
        let mut missing_counted = false;
        // Measuring: the stored enter event was used by a step (and is gone for later ones).
        let mut enter_used = false;
        let finish = |f: &mut Folder, enter_used: bool, missing: bool| {
            if MEASURE {
                if enter_used {
                    f.store.remove(tid);
                }
                if missing {
                    f.stats.enter_missing += 1;
                }
            }
        };
        for _ in 0..MAX_STEPS {
            let r = self.step::<MEASURE>(ev, cur, shape, enter_used);
            let (next, use_) = match r {
                Ok(Stepped::End(out)) => {
                    finish(self, enter_used, missing_counted);
                    return Ok(out);
                }
                Ok(Stepped::Built(next, use_)) => (next, use_),
                Err(Fail::Fold(e)) => {
                    finish(self, enter_used, missing_counted);
                    return Err(Fail::Fold(e));
                }
                Err(Fail::Build) => return Err(Fail::Build),
            };
            let dst = dst_of(cur);
            match use_ {
                EnterUse::Used if MEASURE => enter_used = true,
                EnterUse::Used => {
                    self.store.remove(tid);
                }
                EnterUse::Missing if !missing_counted => {
                    missing_counted = true;
                    if !MEASURE {
                        self.stats.enter_missing += 1;
                    }
                }
                _ => {}
            }
            cur = Some(dst);
            shape = next;
            let v = verdict(next.etype, next.nparams);
            let end = match v {
                Ok(Verdict::Pass) if MEASURE => {
                    self.measured = next.etype;
                    Outcome::Measured
                }
                Ok(Verdict::Pass) => Outcome::buf(dst),
                Ok(Verdict::Drop) => Outcome::Drop,
                Ok(Verdict::Convert) => continue,
                Err(e) => {
                    finish(self, enter_used, missing_counted);
                    return Err(fail(e));
                }
            };
            finish(self, enter_used, missing_counted);
            return Ok(end);
        }
        finish(self, enter_used, missing_counted);
        Err(fail(FoldError::NoFixpoint { etype: ev.etype }))
    }

    /// One rule applied to the current event (`cur`: the buffer holding it, `None` for the
    /// pushed event).
    #[inline]
    fn step<const MEASURE: bool>(
        &mut self,
        ev: &Event<'_>,
        cur: Option<usize>,
        shape: Shape,
        enter_gone: bool,
    ) -> Result<Stepped, Fail> {
        let Shape {
            etype,
            nparams,
            len,
            spans_ready,
        } = shape;
        if len > MAX_EVENT_SIZE {
            return Err(FoldError::TooLarge { etype, len }.into());
        }
        let rule = rules::lookup(etype, nparams).ok_or(FoldError::NoRule { etype, nparams })?;
        if MEASURE && cur.is_some() {
            self.measured = etype;
        }
        let keep = |cur: Option<usize>| match cur {
            None => Outcome::Pass,
            Some(_) if MEASURE => Outcome::Measured,
            Some(i) => Outcome::buf(i),
        };
        let (new_type, srcs, append) = match rule.act {
            Act::Pass => return Ok(Stepped::End(keep(cur))),
            Act::Store | Act::StoreAndPass if MEASURE => return Err(Fail::Build),
            Act::Store | Act::StoreAndPass => {
                let input = match cur {
                    None => ev.bytes(),
                    Some(i) => &self.bufs[i][..],
                };
                self.store.put(ev.tid, input);
                self.stats.stored += 1;
                let out = if matches!(rule.act, Act::Store) {
                    Outcome::Drop
                } else {
                    keep(cur)
                };
                return Ok(Stepped::End(out));
            }
            Act::Add(srcs) => (etype, srcs, true),
            Act::Retype(t, srcs) => (t, srcs, false),
        };
        let plan = self.rules[rule_index(rule)]
            .plan
            .as_ref()
            .filter(|_| !self.general_only)
            .filter(|p| p.kept_ok(nparams as usize));
        // A planned step reads the input's spans only to copy parameters from it (or, when
        // measuring, to know the lengths it keeps).
        if plan.is_none_or(|p| p.reads_input || MEASURE) {
            match cur {
                None => event_spans(ev, &mut self.spans[1]),
                Some(i) if !spans_ready => {
                    // Only a building step leaves its spans to be computed: the bytes are there.
                    let (b, out) = (&self.bufs[i], &mut self.spans[i]);
                    param_spans(b, out)?;
                }
                Some(_) => {}
            }
        }
        let wants_enter = srcs
            .iter()
            .any(|s| matches!(s, Src::Enter(_) | Src::EnterOrEmpty(_)));
        let enter_slot = if wants_enter && !enter_gone {
            self.store.find(ev.tid)
        } else {
            None
        };
        let [b0, b1] = &mut self.bufs;
        let [s0, s1] = &mut self.spans;
        let (input, in_spans, out, out_spans): (Option<&[u8]>, &[(usize, usize)], _, _) = match cur
        {
            None => (Some(ev.bytes()), s1, b0, s0),
            Some(0) => (Some(&b0[..]), s0, b1, s1),
            Some(_) => (Some(&b1[..]), s1, b0, s0),
        };
        // Measuring, only the pushed event's bytes are real.
        let input = if MEASURE && cur.is_some() {
            None
        } else {
            input
        };
        let step = Step {
            input,
            in_spans,
            in_np: nparams as usize,
            in_len: len,
            tid: ev.tid,
            etype,
            new_type,
            append,
            srcs,
        };
        let enter = enter_slot.map(|i| self.store.bytes(i));
        let (use_, out_len, total, spans_ready) = match plan {
            Some(plan) => {
                if !MEASURE {
                    out.clear();
                }
                let (use_, out_len) = step.fast::<MEASURE>(plan, enter, &mut self.pieces, out)?;
                debug_assert!(!plan.composed);
                let total = plan.kept + plan.fills.len();
                if MEASURE {
                    plan_spans(in_spans, plan, &self.pieces, out_spans);
                }
                (use_, out_len, total, MEASURE)
            }
            _ => {
                let (use_, out_len) =
                    step.build::<MEASURE>(enter, &mut self.enter_spans, out, out_spans)?;
                (use_, out_len, out_spans.len(), true)
            }
        };
        Ok(Stepped::Built(
            Shape {
                etype: new_type,
                nparams: total as u32,
                len: out_len,
                spans_ready,
            },
            use_,
        ))
    }
}

/// What a step did.
enum Stepped {
    /// The chain ends here.
    End(Outcome),
    /// An event of this shape was built (or measured) in the other buffer.
    Built(Shape, EnterUse),
}

/// The buffer a step writes, given the one it reads.
#[inline]
fn dst_of(cur: Option<usize>) -> usize {
    match cur {
        None | Some(1) => 0,
        Some(_) => 1,
    }
}

/// Whether a conversion step took parameters from the thread's enter event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EnterUse {
    NotWanted,
    Used,
    Missing,
}

/// One conversion of an event by an `Add` or `Retype` rule.
struct Step<'a> {
    /// The event converted: `None` when measuring an event that was itself only measured.
    input: Option<&'a [u8]>,
    /// Its parameter spans, as a reader of its bytes would compute them from the lengths
    /// (left stale by a planned step that does not read them).
    in_spans: &'a [(usize, usize)],
    in_np: usize,
    in_len: usize,
    tid: u64,
    etype: u16,
    new_type: u16,
    /// `Add`: keep every parameter of `input` and append `srcs`; `Retype`: only `srcs`.
    append: bool,
    srcs: &'static [Src],
}

impl Step<'_> {
    /// Writes the converted event into `out` (only its length is computed when `MEASURE`) and
    /// its parameter spans into `out_spans`; returns the enter use and the event's length.
    #[inline]
    fn build<const MEASURE: bool>(
        &self,
        stored: Option<&[u8]>,
        enter_spans: &mut Vec<(usize, usize)>,
        out: &mut Vec<u8>,
        out_spans: &mut Vec<(usize, usize)>,
    ) -> Result<(EnterUse, usize), Fail> {
        let in_np = self.in_spans.len();
        enter_spans.clear();
        out_spans.clear();
        let out_info = info(self.new_type).ok_or(FoldError::BadTarget {
            etype: self.new_type,
            index: 0,
            reason: "the target type has no event table row",
        })?;
        let out_ls = len_size(self.new_type);
        let kept = if self.append { in_np } else { 0 };
        let total = kept + self.srcs.len();
        let data_start = HEADER + total * out_ls;
        if data_start > MAX_EVENT_SIZE {
            return Err(FoldError::TooLarge {
                etype: self.new_type,
                len: data_start,
            }
            .into());
        }
        // Offsets follow the lengths, as any reader of the result computes them; the bytes
        // land at `out_len`, which differs when the input had bytes past its last parameter.
        let mut at = data_start;
        let mut out_len = data_start;
        if !MEASURE {
            let input = self.input.unwrap_or_default();
            out.clear();
            out.extend_from_slice(&input[..16]);
            out.extend_from_slice(&[0; 4]);
            out.extend_from_slice(&self.new_type.to_le_bytes());
            out.extend_from_slice(&(total as u32).to_le_bytes());
            out.resize(data_start, 0);
        }
        if self.append {
            // The whole data area moves over, including any bytes past the last parameter, as
            // upstream does; the lengths are re-encoded if the width changed.
            for (i, &(_, l)) in self.in_spans.iter().enumerate() {
                if !MEASURE {
                    set_len(out, out_ls, i, l as u32);
                }
                out_spans.push((at, l));
                at += l;
            }
            let in_data = HEADER + in_np * len_size(self.etype);
            if !MEASURE {
                let input = self.input.unwrap_or_default();
                out.extend_from_slice(&input[in_data..]);
            }
            out_len += self.in_len - in_data;
        }

        let mut enter = EnterUse::NotWanted;
        for (j, src) in self.srcs.iter().enumerate() {
            let slot = kept + j;
            let ptype = out_info
                .params
                .get(slot)
                .map(|p| p.ptype)
                .ok_or(FoldError::BadTarget {
                    etype: self.new_type,
                    index: slot,
                    reason: "beyond the parameters of its event table row",
                })?;
            let bad = |reason| FoldError::BadTarget {
                etype: self.new_type,
                index: slot,
                reason,
            };
            let value: Value = match *src {
                Src::Empty => Value::Empty,
                Src::Default => Value::Default,
                Src::Old(i) => {
                    let Some(&(s, l)) = self.in_spans.get(i as usize) else {
                        return Err(FoldError::MissingParam {
                            etype: self.etype,
                            from: "converted",
                            index: i,
                            nparams: in_np as u32,
                        }
                        .into());
                    };
                    match self.input {
                        Some(input) if !MEASURE => Value::Bytes(&input[s..s + l]),
                        _ => Value::Length(l),
                    }
                }
                Src::Enter(i) | Src::EnterOrEmpty(i) => {
                    let fallback = if matches!(src, Src::EnterOrEmpty(_)) {
                        Value::Empty
                    } else {
                        Value::Default
                    };
                    match stored {
                        None => {
                            if enter == EnterUse::NotWanted {
                                enter = EnterUse::Missing;
                            }
                            fallback
                        }
                        Some(eb) => {
                            let found_type = u16_at(eb, 20);
                            let expected = self.etype.wrapping_sub(1);
                            if found_type != expected {
                                return Err(FoldError::WrongEnter {
                                    tid: self.tid,
                                    etype: self.etype,
                                    expected,
                                    found: found_type,
                                }
                                .into());
                            }
                            let enp = u32_at(eb, 22);
                            if i as u32 >= enp {
                                return Err(FoldError::MissingParam {
                                    etype: self.etype,
                                    from: "enter",
                                    index: i,
                                    nparams: enp,
                                }
                                .into());
                            }
                            if enter_spans.is_empty() {
                                param_spans(eb, enter_spans)?;
                            }
                            let (s, l) = enter_spans[i as usize];
                            enter = EnterUse::Used;
                            Value::Bytes(&eb[s..s + l])
                        }
                    }
                }
                Src::ContainerJson if MEASURE => return Err(Fail::Build),
                Src::ContainerJson => {
                    let max = max_len(ptype, out_ls).ok_or(bad("no length bounds"))?;
                    let start = out.len();
                    let input = self.input.unwrap_or_default();
                    let n = match container_json(input, self.in_spans, max, out) {
                        Ok(()) => {
                            let n = out.len() - start;
                            if n > max {
                                return Err(FoldError::DescriptionTooLong { len: n }.into());
                            }
                            n
                        }
                        Err(Unreadable) => {
                            out.truncate(start);
                            0
                        }
                    };
                    set_len(out, out_ls, slot, n as u32);
                    out_spans.push((at, n));
                    at += n;
                    out_len += n;
                    continue;
                }
            };
            let n = match value {
                Value::Empty => 0,
                Value::Default => {
                    let n = min_len(ptype).ok_or(bad("no default value for its type"))?;
                    if !MEASURE {
                        let v: u64 = if matches!(ptype, ParamType::Uid | ParamType::Gid) {
                            u32::MAX as u64
                        } else {
                            0
                        };
                        let bytes = v.to_le_bytes();
                        for k in 0..n {
                            out.push(bytes.get(k).copied().unwrap_or(0));
                        }
                    }
                    n
                }
                Value::Bytes(b) => {
                    let max = max_len(ptype, out_ls).ok_or(bad("no length bounds"))?;
                    let n = b.len().min(max);
                    if !MEASURE {
                        out.extend_from_slice(&b[..n]);
                    }
                    n
                }
                Value::Length(l) => {
                    let max = max_len(ptype, out_ls).ok_or(bad("no length bounds"))?;
                    l.min(max)
                }
            };
            if !MEASURE {
                set_len(out, out_ls, slot, n as u32);
            }
            out_spans.push((at, n));
            at += n;
            out_len += n;
        }
        enter_spans.clear();
        if out_len > MAX_EVENT_SIZE {
            return Err(FoldError::TooLarge {
                etype: self.new_type,
                len: out_len,
            }
            .into());
        }
        if !MEASURE {
            debug_assert_eq!(out.len(), out_len);
            out[16..20].copy_from_slice(&(out_len as u32).to_le_bytes());
        }
        Ok((enter, out_len))
    }
}

enum Value<'a> {
    Empty,
    Default,
    Bytes(&'a [u8]),
    /// A parameter of this length whose bytes are not at hand (measuring only).
    Length(usize),
}

/// The old `container` event's fields could not be read; the parameter is left empty.
struct Unreadable;

/// Appends the JSON description upstream derives from an old `container` event (id, type,
/// name, image), NUL-terminated. Strings are inserted verbatim, without escaping, as upstream
/// does; each loses its last byte (the terminator it is expected to carry).
fn container_json(
    input: &[u8],
    spans: &[(usize, usize)],
    max: usize,
    out: &mut Vec<u8>,
) -> Result<(), Unreadable> {
    let text = |i: usize| -> Result<&[u8], Unreadable> {
        let &(s, l) = spans.get(i).ok_or(Unreadable)?;
        if l == 0 || l > max {
            return Err(Unreadable);
        }
        Ok(&input[s..s + l - 1])
    };
    let id = text(0)?;
    let &(ts, tl) = spans.get(1).ok_or(Unreadable)?;
    if tl > 4 {
        return Err(Unreadable);
    }
    // Upstream reads a shorter value into an uninitialised u32; zero-extend instead.
    let mut t = [0u8; 4];
    t[..tl].copy_from_slice(&input[ts..ts + tl]);
    let kind = u32::from_le_bytes(t);
    let name = text(2)?;
    let image = text(3)?;
    out.extend_from_slice(b"{\"id\":\"");
    out.extend_from_slice(id);
    out.extend_from_slice(b"\",\"type\":");
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{kind}");
    out.extend_from_slice(b",\"name\":\"");
    out.extend_from_slice(name);
    out.extend_from_slice(b"\",\"image\":\"");
    out.extend_from_slice(image);
    out.extend_from_slice(b"\"}\0");
    Ok(())
}

/// Smallest encoding of a parameter type; also the size of its default value.
fn min_len(t: ParamType) -> Option<usize> {
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
        T::Bytebuf
        | T::Charbuf
        | T::Socktuple
        | T::Fdlist
        | T::Fspath
        | T::Charbufarray
        | T::CharbufPairArray
        | T::Fsrelpath
        | T::Dyn
        | T::Sockaddr => 0,
        _ => return None,
    })
}

/// Largest encoding of a parameter type given the width of the length fields: fixed-size
/// types are cut to their size when copied (e.g. a 64-bit bpf `cmd` into a 32-bit one).
fn max_len(t: ParamType, len_size: usize) -> Option<usize> {
    let n = min_len(t)?;
    if n > 0 {
        return Some(n);
    }
    Some(if len_size == 4 {
        u32::MAX as usize
    } else {
        u16::MAX as usize
    })
}

fn len_size(etype: u16) -> usize {
    match info(etype) {
        Some(i) if i.flags & EF_LARGE_PAYLOAD != 0 => 4,
        _ => 2,
    }
}

fn set_len(out: &mut [u8], ls: usize, i: usize, l: u32) {
    let at = HEADER + i * ls;
    if ls == 4 {
        out[at..at + 4].copy_from_slice(&l.to_le_bytes());
    } else {
        // Narrowed like upstream; lengths were capped to fit beforehand.
        out[at..at + 2].copy_from_slice(&(l as u16).to_le_bytes());
    }
}

/// Offsets and lengths of the parameters of a v2 event; returns nparams.
fn param_spans(b: &[u8], out: &mut Vec<(usize, usize)>) -> Result<u32, FoldError> {
    // Events reaching here were validated by `Event::parse` or built by us; check anyway.
    let ev = Event::parse(0, 0, b)?;
    event_spans(&ev, out);
    Ok(ev.nparams() as u32)
}

/// Offset and length of parameter `i` (< nparams) of a stored enter event.
#[inline]
fn enter_param(b: &[u8], i: usize) -> Result<(usize, usize), FoldError> {
    let np = u32_at(b, 22) as usize;
    let ls = len_size(u16_at(b, 20));
    match span_in(b, np, ls, i) {
        Some(span) => Ok(span),
        None => Err(bad_stored(b)),
    }
}

#[inline]
fn span_in(b: &[u8], np: usize, ls: usize, i: usize) -> Option<(usize, usize)> {
    let data = np.checked_mul(ls)?.checked_add(HEADER)?;
    let lens = b.get(HEADER..data)?;
    let (before, rest) = lens.split_at_checked(i * ls)?;
    let (at, l) = if ls == 4 {
        let sum: usize = before
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
            .sum();
        let c = rest.get(..4)?;
        (sum, u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
    } else {
        let sum: usize = before
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]) as usize)
            .sum();
        let c = rest.get(..2)?;
        (sum, u16::from_le_bytes([c[0], c[1]]) as usize)
    };
    let at = data + at;
    (at + l <= b.len()).then_some((at, l))
}

/// Stored events were validated or built here, so this only guards against a bug.
#[cold]
fn bad_stored(b: &[u8]) -> FoldError {
    Event::parse(0, 0, b)
        .err()
        .unwrap_or(EventError::ShortHeader(b.len()))
        .into()
}

/// Offsets (in `ev.bytes()`) and lengths of the parameters of a parsed event.
#[inline]
fn event_spans(ev: &Event<'_>, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut at = ev.data_offset();
    let lens = &ev.bytes()[HEADER..at];
    if ev.is_large_payload() {
        for c in lens.chunks_exact(4) {
            let l = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
            out.push((at, l));
            at += l;
        }
    } else {
        for c in lens.chunks_exact(2) {
            let l = u16::from_le_bytes([c[0], c[1]]) as usize;
            out.push((at, l));
            at += l;
        }
    }
}

fn u16_at(b: &[u8], o: usize) -> u16 {
    match b.get(o..o + 2) {
        Some(s) => u16::from_le_bytes([s[0], s[1]]),
        None => 0,
    }
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    let mut a = [0u8; 4];
    if let Some(s) = b.get(o..o + 4) {
        a.copy_from_slice(s);
    }
    u32::from_le_bytes(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_sorted_unique_and_reachable() {
        for w in rules::RULES.windows(2) {
            assert!(
                (w[0].etype, w[0].nparams) < (w[1].etype, w[1].nparams),
                "{:?} / {:?}",
                w[0],
                w[1]
            );
        }
        for r in rules::RULES {
            let i = info(r.etype).expect("rule type in the table");
            assert!(
                i.flags & EF_CONVERTER_MANAGED != 0,
                "rule for unmanaged type {}",
                r.etype
            );
            let found = rules::lookup(r.etype, r.nparams as u32).expect("found");
            assert!(std::ptr::eq(found, r));
        }
        // Upstream's table at 48dfd53c has 253 entries.
        assert_eq!(rules::RULES.len(), 253);
        assert!(peregrine_event::EVENT_TABLE.len() <= rules::TYPE_SLOTS);
        assert!(rules::lookup(ppme::SYSCALL_READ_X, 3).is_none());
        assert!(rules::lookup(u16::MAX, 0).is_none());
    }

    /// Every parameter a rule fills has a type the converter knows how to size, so no rule can
    /// fail on `BadTarget` whatever the input.
    #[test]
    fn every_rule_target_is_fillable() {
        for r in rules::RULES {
            let (t, srcs, first) = match r.act {
                Act::Add(s) => (r.etype, s, r.nparams as usize),
                Act::Retype(t, s) => (t, s, 0),
                _ => continue,
            };
            let row = info(t).expect("target row");
            assert!(
                first + srcs.len() <= row.params.len(),
                "rule {}/{} overflows {}",
                r.etype,
                r.nparams,
                row.name
            );
            for (j, s) in srcs.iter().enumerate() {
                let pt = row.params[first + j].ptype;
                if !matches!(s, Src::Empty) {
                    assert!(min_len(pt).is_some(), "{} param {}", row.name, first + j);
                }
            }
        }
    }

    /// The planned steps build exactly what the general step builds, on every shared trace.
    #[test]
    fn planned_steps_build_what_the_general_step_builds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/traces");
        let mut paths = Vec::new();
        let mut dirs = vec![dir];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "scap") {
                    paths.push(p);
                }
            }
        }
        assert_eq!(paths.len(), 34);
        let mut built = 0u64;
        for p in &paths {
            let mut r = crate::Reader::open(p).unwrap();
            let (mut fast, mut general) = (Folder::new(), Folder::new());
            general.general_only = true;
            while let Some(ev) = r.next_event() {
                let ev = ev.unwrap();
                let a = fast
                    .push(&ev)
                    .map(|f| f.resolve(ev).map(|e| e.bytes().to_vec()));
                let b = general
                    .push(&ev)
                    .map(|f| f.resolve(ev).map(|e| e.bytes().to_vec()));
                assert_eq!(a, b, "{}: ts {} type {}", p.display(), ev.ts, ev.etype);
                built += u64::from(matches!(a, Ok(Some(_))));
            }
            assert_eq!(fast.stats(), general.stats(), "{}", p.display());
            assert_eq!(fast.pending(), general.pending(), "{}", p.display());
        }
        assert!(built > 100_000, "{built}");
    }
}
