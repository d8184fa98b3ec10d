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
//! Deliberate differences, each only observable where upstream would keep a stale enter event
//! forever or read uninitialised memory: the per-thread store is bounded (slots are reclaimed
//! round-robin and counted), a thread's stored enter event is released when its `procexit` is
//! seen, and a short `type` field of an old container event is zero-extended.

mod rules;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;

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
}

impl<'a> Folded<'a> {
    /// The event to deliver, given the one that was pushed.
    pub fn resolve<'x>(self, pushed: Event<'x>) -> Option<Event<'x>>
    where
        'a: 'x,
    {
        match self {
            Folded::Pass => Some(pushed),
            Folded::Event(e) => Some(e),
            Folded::Drop => None,
        }
    }
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

/// Where the result of a fold lives.
enum Outcome {
    Pass,
    Drop,
    Buf(usize),
}

/// Rewrites a stream of events into the layouts Falco 0.44 sees. Push every event of a
/// capture in order (metadata blocks are not involved); keep one folder per capture.
pub struct Folder {
    /// Ping-pong buffers: each conversion step reads one and writes the other.
    bufs: [Vec<u8>; 2],
    spans: Vec<(usize, usize)>,
    enter_spans: Vec<(usize, usize)>,
    store: EnterStore,
    stats: FoldStats,
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
            spans: Vec::with_capacity(32),
            enter_spans: Vec::with_capacity(32),
            store: EnterStore::new(max_threads.max(1)),
            stats: FoldStats::default(),
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
    pub fn push(&mut self, ev: &Event<'_>) -> Result<Folded<'_>, FoldError> {
        self.stats.events += 1;
        let out = self.fold(ev)?;
        let final_type = match out {
            Outcome::Pass => ev.etype,
            Outcome::Drop => {
                self.stats.dropped += 1;
                return Ok(Folded::Drop);
            }
            Outcome::Buf(i) => u16_at(&self.bufs[i], 20),
        };
        let procexit = final_type == ppme::PROCEXIT_1_E || final_type == ppme::PROCEXIT_E;
        if procexit && self.store.remove(ev.tid) {
            self.stats.released_on_procexit += 1;
        }
        match out {
            Outcome::Buf(i) => {
                self.stats.converted += 1;
                let e = Event::parse(ev.cpu, ev.dump_flags, &self.bufs[i])?;
                Ok(Folded::Event(e))
            }
            _ => {
                self.stats.passed += 1;
                Ok(Folded::Pass)
            }
        }
    }

    fn fold(&mut self, ev: &Event<'_>) -> Result<Outcome, FoldError> {
        match verdict(ev.etype, ev.nparams() as u32)? {
            Verdict::Pass => return Ok(Outcome::Pass),
            Verdict::Drop => return Ok(Outcome::Drop),
            Verdict::Convert => {}
        }
        let mut cur: Option<usize> = None;
        let mut missing_counted = false;
        for _ in 0..MAX_STEPS {
            let [b0, b1] = &mut self.bufs;
            let (input, dst, out): (&[u8], usize, &mut Vec<u8>) = match cur {
                None => (ev.bytes(), 0, b0),
                Some(0) => (b0.as_slice(), 1, b1),
                Some(_) => (b1.as_slice(), 0, b0),
            };
            let etype = u16_at(input, 20);
            let nparams = u32_at(input, 22);
            if input.len() > MAX_EVENT_SIZE {
                return Err(FoldError::TooLarge {
                    etype,
                    len: input.len(),
                });
            }
            let rule = rules::lookup(etype, nparams).ok_or(FoldError::NoRule { etype, nparams })?;
            let keep = |cur: Option<usize>| cur.map_or(Outcome::Pass, Outcome::Buf);
            let (new_type, srcs, append) = match rule.act {
                Act::Pass => return Ok(keep(cur)),
                Act::Store => {
                    self.store.put(u64_at(input, 8), input);
                    self.stats.stored += 1;
                    return Ok(Outcome::Drop);
                }
                Act::StoreAndPass => {
                    self.store.put(u64_at(input, 8), input);
                    self.stats.stored += 1;
                    return Ok(keep(cur));
                }
                Act::Add(srcs) => (etype, srcs, true),
                Act::Retype(t, srcs) => (t, srcs, false),
            };
            let step = Step {
                input,
                etype,
                new_type,
                append,
                srcs,
            };
            let enter = step.build(&self.store, &mut self.spans, &mut self.enter_spans, out)?;
            match enter {
                EnterUse::Used => {
                    self.store.remove(u64_at(out, 8));
                }
                EnterUse::Missing if !missing_counted => {
                    missing_counted = true;
                    self.stats.enter_missing += 1;
                }
                _ => {}
            }
            cur = Some(dst);
            let built = &self.bufs[dst];
            match verdict(u16_at(built, 20), u32_at(built, 22))? {
                Verdict::Pass => return Ok(Outcome::Buf(dst)),
                Verdict::Drop => return Ok(Outcome::Drop),
                Verdict::Convert => {}
            }
        }
        Err(FoldError::NoFixpoint { etype: ev.etype })
    }
}

/// Whether a conversion step took parameters from the thread's enter event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EnterUse {
    NotWanted,
    Used,
    Missing,
}

/// One conversion of `input` (a valid v2 event) by an `Add` or `Retype` rule.
struct Step<'a> {
    input: &'a [u8],
    etype: u16,
    new_type: u16,
    /// `Add`: keep every parameter of `input` and append `srcs`; `Retype`: only `srcs`.
    append: bool,
    srcs: &'static [Src],
}

impl Step<'_> {
    fn build(
        &self,
        store: &EnterStore,
        spans: &mut Vec<(usize, usize)>,
        enter_spans: &mut Vec<(usize, usize)>,
        out: &mut Vec<u8>,
    ) -> Result<EnterUse, FoldError> {
        let input = self.input;
        enter_spans.clear();
        let in_np = param_spans(input, spans)?;
        let out_info = info(self.new_type).ok_or(FoldError::BadTarget {
            etype: self.new_type,
            index: 0,
            reason: "the target type has no event table row",
        })?;
        let out_ls = len_size(self.new_type);
        let kept = if self.append { in_np as usize } else { 0 };
        let total = kept + self.srcs.len();
        let data_start = HEADER + total * out_ls;
        if data_start > MAX_EVENT_SIZE {
            return Err(FoldError::TooLarge {
                etype: self.new_type,
                len: data_start,
            });
        }
        out.clear();
        out.extend_from_slice(&input[..16]);
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&self.new_type.to_le_bytes());
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out.resize(data_start, 0);

        if self.append {
            // The whole data area moves over, including any bytes past the last parameter, as
            // upstream does; the lengths are re-encoded if the width changed.
            for (i, &(_, l)) in spans.iter().enumerate() {
                set_len(out, out_ls, i, l as u32);
            }
            let in_data = HEADER + in_np as usize * len_size(self.etype);
            out.extend_from_slice(&input[in_data..]);
        }

        let tid = u64_at(input, 8);
        let mut stored: Option<Option<(&[u8], u32)>> = None;
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
                    let Some(&(s, l)) = spans.get(i as usize) else {
                        return Err(FoldError::MissingParam {
                            etype: self.etype,
                            from: "converted",
                            index: i,
                            nparams: in_np,
                        });
                    };
                    Value::Bytes(&input[s..s + l])
                }
                Src::Enter(i) | Src::EnterOrEmpty(i) => {
                    let fallback = if matches!(src, Src::EnterOrEmpty(_)) {
                        Value::Empty
                    } else {
                        Value::Default
                    };
                    let found =
                        *stored.get_or_insert_with(|| store.get(tid).map(|b| (b, u32_at(b, 22))));
                    match found {
                        None => {
                            if enter == EnterUse::NotWanted {
                                enter = EnterUse::Missing;
                            }
                            fallback
                        }
                        Some((eb, enp)) => {
                            let found_type = u16_at(eb, 20);
                            let expected = self.etype.wrapping_sub(1);
                            if found_type != expected {
                                return Err(FoldError::WrongEnter {
                                    tid,
                                    etype: self.etype,
                                    expected,
                                    found: found_type,
                                });
                            }
                            if i as u32 >= enp {
                                return Err(FoldError::MissingParam {
                                    etype: self.etype,
                                    from: "enter",
                                    index: i,
                                    nparams: enp,
                                });
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
                Src::ContainerJson => {
                    let max = max_len(ptype, out_ls).ok_or(bad("no length bounds"))?;
                    let at = out.len();
                    match container_json(input, spans, max, out) {
                        Ok(()) => {
                            let n = out.len() - at;
                            if n > max {
                                return Err(FoldError::DescriptionTooLong { len: n });
                            }
                            set_len(out, out_ls, slot, n as u32);
                        }
                        Err(Unreadable) => {
                            out.truncate(at);
                            set_len(out, out_ls, slot, 0);
                        }
                    }
                    continue;
                }
            };
            match value {
                Value::Empty => set_len(out, out_ls, slot, 0),
                Value::Default => {
                    let n = min_len(ptype).ok_or(bad("no default value for its type"))?;
                    let v: u64 = if matches!(ptype, ParamType::Uid | ParamType::Gid) {
                        u32::MAX as u64
                    } else {
                        0
                    };
                    let bytes = v.to_le_bytes();
                    for k in 0..n {
                        out.push(bytes.get(k).copied().unwrap_or(0));
                    }
                    set_len(out, out_ls, slot, n as u32);
                }
                Value::Bytes(b) => {
                    let max = max_len(ptype, out_ls).ok_or(bad("no length bounds"))?;
                    let n = b.len().min(max);
                    out.extend_from_slice(&b[..n]);
                    set_len(out, out_ls, slot, n as u32);
                }
            }
        }
        enter_spans.clear();
        if out.len() > MAX_EVENT_SIZE {
            return Err(FoldError::TooLarge {
                etype: self.new_type,
                len: out.len(),
            });
        }
        let len = out.len() as u32;
        out[16..20].copy_from_slice(&len.to_le_bytes());
        Ok(enter)
    }
}

enum Value<'a> {
    Empty,
    Default,
    Bytes(&'a [u8]),
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
    out.clear();
    // Events reaching here were validated by `Event::parse` or built by us; check anyway.
    let ev = Event::parse(0, 0, b)?;
    let np = ev.nparams();
    let ls = len_size(ev.etype);
    let mut off = HEADER + np * ls;
    for i in 0..np {
        let at = HEADER + i * ls;
        let l = if ls == 4 {
            u32_at(b, at) as usize
        } else {
            u16_at(b, at) as usize
        };
        out.push((off, l));
        off += l;
    }
    Ok(np as u32)
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

fn u64_at(b: &[u8], o: usize) -> u64 {
    let mut a = [0u8; 8];
    if let Some(s) = b.get(o..o + 8) {
        a.copy_from_slice(s);
    }
    u64::from_le_bytes(a)
}

/// Thread ids are small, dense integers: a multiplicative mix is plenty and much cheaper than
/// the default SipHash.
#[derive(Default)]
struct TidHasher(u64);

impl Hasher for TidHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        let mut z = v.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        self.0 = z ^ (z >> 31);
    }
}

struct Slot {
    tid: u64,
    bytes: Vec<u8>,
}

/// At most one enter event per thread, in reusable slot buffers, with a bound on the number of
/// threads. When full, slots are reclaimed in round-robin order, which approximates oldest-first
/// without per-event bookkeeping.
struct EnterStore {
    index: HashMap<u64, u32, BuildHasherDefault<TidHasher>>,
    slots: Vec<Slot>,
    free: Vec<u32>,
    max: usize,
    hand: usize,
    evictions: u64,
    replaced: u64,
}

impl EnterStore {
    fn new(max: usize) -> Self {
        EnterStore {
            index: HashMap::default(),
            slots: Vec::new(),
            free: Vec::new(),
            max,
            hand: 0,
            evictions: 0,
            replaced: 0,
        }
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    fn get(&self, tid: u64) -> Option<&[u8]> {
        self.index
            .get(&tid)
            .map(|&i| self.slots[i as usize].bytes.as_slice())
    }

    fn put(&mut self, tid: u64, ev: &[u8]) {
        let i = if let Some(&i) = self.index.get(&tid) {
            self.replaced += 1;
            i as usize
        } else {
            let i = if let Some(i) = self.free.pop() {
                i as usize
            } else if self.slots.len() < self.max {
                self.slots.push(Slot {
                    tid,
                    bytes: Vec::new(),
                });
                self.slots.len() - 1
            } else {
                // Every slot is live when none is free and the vector is at its bound.
                let i = self.hand;
                self.hand = (self.hand + 1) % self.max;
                self.index.remove(&self.slots[i].tid);
                self.evictions += 1;
                i
            };
            self.index.insert(tid, i as u32);
            i
        };
        let s = &mut self.slots[i];
        s.tid = tid;
        s.bytes.clear();
        s.bytes.extend_from_slice(ev);
    }

    /// Releases `tid`'s enter event; false if it had none.
    fn remove(&mut self, tid: u64) -> bool {
        let Some(i) = self.index.remove(&tid) else {
            return false;
        };
        let s = &mut self.slots[i as usize];
        if s.bytes.capacity() > SLOT_KEEP_CAPACITY {
            s.bytes = Vec::new();
        }
        self.free.push(i);
        true
    }

    /// Keeps the slot buffers for reuse.
    fn clear(&mut self) {
        self.index.clear();
        self.free.clear();
        self.free.extend((0..self.slots.len() as u32).rev());
        self.hand = 0;
    }
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

    #[test]
    fn store_bounds_and_reuses_slots() {
        let mut s = EnterStore::new(2);
        s.put(1, b"a");
        s.put(2, b"b");
        s.put(1, b"c");
        assert_eq!(s.replaced, 1);
        assert_eq!(s.get(1), Some(&b"c"[..]));
        s.put(3, b"d");
        assert_eq!(s.evictions, 1);
        assert_eq!(s.len(), 2);
        assert_eq!(s.get(3), Some(&b"d"[..]));
        assert!(s.remove(3));
        assert!(!s.remove(3));
        s.put(4, b"e");
        assert_eq!(s.slots.len(), 2, "freed slot reused");
        assert_eq!(s.evictions, 1);
    }
}
