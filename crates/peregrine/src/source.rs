//! The event source of a replay: a capture file read and converted (libscap's converter) on a
//! thread of its own, handed to the caller's thread in batches, in stream order.
//!
//! Reading, block parsing and conversion are about a third of a replay's work and need none
//! of the inspector's or the rules' state, so they run beside them on the second core. The
//! batches are bounded (bytes and count) and recycled, so memory stays constant whatever the
//! capture's size; an error ends the stream after every event before it was delivered, as
//! the single-threaded loop did.

use std::ops::ControlFlow;
use std::time::Duration;

use peregrine_event::Event;
use peregrine_scap::{Block, FoldStats, Folder, Pushed, Reader};

use crate::handoff::{Handoff, ProducerDone};

/// Events per batch: big enough to make the hand-over cost small, small enough for a batch to
/// stay in cache between the two threads (measured on mpm-worker x60: 512 beats 256, 2,048
/// and 8,192).
const BATCH_ITEMS: usize = 512;
/// Event bytes per batch before it is handed over early (large events).
const BATCH_BYTES: usize = 512 * 1024;
/// Batches in flight between the threads (each way): enough to ride out the producer's slow
/// stretches (metadata blocks, reads) without the consumer going to sleep (measured on
/// mpm-worker x60: 4 left the rules thread waiting 4-35 ms in up to 360 waits per run, 16
/// 2.4-5 ms in about 13, mostly the start; 64 makes the rules thread slower, its batches no
/// longer in cache).
const DEPTH: usize = 16;

/// One step of the stream.
pub enum Item<'a> {
    /// A metadata block (process list, fd lists, users, interfaces, machine info...).
    Meta(&'a Block<'static>),
    /// An event as Falco 0.44 sees it (converted to its current layout).
    Event(Event<'a>),
    /// A delivered event whose type the caller said it does not want: counted, not built.
    Unwanted(Unwanted),
}

/// What is known of an event that was delivered but not built.
#[derive(Debug, Clone, Copy)]
pub struct Unwanted {
    pub etype: u16,
    pub ts: u64,
    pub tid: u64,
    pub dump_flags: u32,
}

/// Size of a scap v2 event header (ts, tid, len, type, nparams).
const HEADER_LEN: usize = 26;

impl Unwanted {
    /// The event's header as a parameterless event, written into `buf`: everything the
    /// inspector's bookkeeping of a skipped event reads (`Inspector::note_skipped`).
    pub fn header_event<'b>(&self, buf: &'b mut [u8; HEADER_LEN]) -> Event<'b> {
        buf[0..8].copy_from_slice(&self.ts.to_le_bytes());
        buf[8..16].copy_from_slice(&self.tid.to_le_bytes());
        buf[16..20].copy_from_slice(&(HEADER_LEN as u32).to_le_bytes());
        buf[20..22].copy_from_slice(&self.etype.to_le_bytes());
        buf[22..26].copy_from_slice(&0u32.to_le_bytes());
        Event::parse(0, self.dump_flags, &buf[..])
            .expect("a parameterless header is always a valid event")
    }
}

/// Counters of a finished stream.
#[derive(Debug, Default, Clone, Copy)]
pub struct SourceStats {
    /// Events delivered (built or not): what `evt.num` counts.
    pub events: u64,
    pub fold: FoldStats,
    /// On-CPU time of the reader thread and of the caller's thread during the replay (where
    /// the kernel tells): which side bounds the wall time.
    pub reader_cpu: Option<Duration>,
    pub caller_cpu: Option<Duration>,
}

/// One item of a batch. Small (24 bytes) and without drop glue: a metadata block waits in
/// `Batch::metas`, in stream order.
enum Slot {
    Meta,
    Event {
        cpu: u16,
        flags: u32,
        start: u32,
        end: u32,
    },
    Unwanted(Unwanted),
}

#[derive(Default)]
struct Batch {
    /// The events of the `Slot::Event`s, one after the other.
    bytes: Vec<u8>,
    slots: Vec<Slot>,
    metas: Vec<Block<'static>>,
    /// Set on the last batch: how the stream ended.
    end: Option<Result<(), String>>,
}

impl Batch {
    fn full(&self) -> bool {
        self.slots.len() >= BATCH_ITEMS || self.bytes.len() >= BATCH_BYTES
    }
}

/// Which final (converted) event types the consumer wants built; `None`: all of them.
pub type Wanted = Option<Box<dyn Fn(u16) -> bool + Send>>;

/// Reads `path` on a producer thread and calls `f` for every item in order until the stream
/// ends or `f` breaks. Errors are messages ready for the user (they name the file, and the
/// byte offset or event number).
pub fn replay_file(
    path: &str,
    wanted: Wanted,
    mut f: impl FnMut(Item<'_>) -> ControlFlow<()>,
) -> (SourceStats, Result<(), String>) {
    let mut stats = SourceStats::default();
    let reader = match Reader::open(path) {
        Ok(r) => r,
        Err(e) => return (stats, Err(format!("Could not open capture file: {e}"))),
    };
    let handoff = Handoff::<Batch>::new(DEPTH);
    let caller_at_start = thread_cpu();
    let result = std::thread::scope(|s| {
        let h = &handoff;
        let producer = s.spawn(move || produce(path, reader, wanted, h));
        let mut result = Ok(());
        let mut done = None;
        'batches: while let Some(mut batch) = handoff.pop(done.take()) {
            let mut metas = batch.metas.iter();
            for slot in &batch.slots {
                let item = match slot {
                    Slot::Meta => Item::Meta(metas.next().expect("one block per meta slot")),
                    Slot::Unwanted(u) => {
                        stats.events += 1;
                        Item::Unwanted(*u)
                    }
                    Slot::Event {
                        cpu,
                        flags,
                        start,
                        end,
                    } => {
                        let bytes = &batch.bytes[*start as usize..*end as usize];
                        match Event::parse(*cpu, *flags, bytes) {
                            Ok(ev) => {
                                stats.events += 1;
                                Item::Event(ev)
                            }
                            Err(e) => {
                                result = Err(format!(
                                    "{path}: event {} cannot be parsed: {e}",
                                    stats.events + 1
                                ));
                                break 'batches;
                            }
                        }
                    }
                };
                if f(item).is_break() {
                    break 'batches;
                }
            }
            if let Some(end) = batch.end.take() {
                result = end;
                break;
            }
            // Emptied by the producer, which has time to spare for the metadata blocks' drops.
            done = Some(batch);
        }
        // Stops a producer that is still reading.
        handoff.leave();
        let (fold, reader_cpu) = producer.join().unwrap_or_default();
        stats.fold = fold;
        stats.reader_cpu = reader_cpu;
        stats.caller_cpu = thread_cpu()
            .zip(caller_at_start)
            .map(|(now, then)| now.saturating_sub(then));
        result
    });
    (stats, result)
}

fn produce(
    path: &str,
    mut reader: Reader<std::fs::File>,
    wanted: Wanted,
    handoff: &Handoff<Batch>,
) -> (FoldStats, Option<Duration>) {
    let _done = ProducerDone(handoff);
    let mut folder = Folder::new();
    if let Some(w) = &wanted {
        folder.set_wanted(&**w);
    }
    let mut delivered = 0u64;
    let mut batch = Batch::default();
    let mut meta = false;
    loop {
        let end = match reader.next_quick() {
            Some(ev) => fold(path, &mut folder, &mut batch, &ev, &mut delivered),
            None => match reader.next() {
                None => Some(Ok(())),
                Some(Err(e)) => Some(Err(format!("{path}: {e}"))),
                Some(Ok(Block::Event(ev))) => {
                    fold(path, &mut folder, &mut batch, &ev, &mut delivered)
                }
                Some(Ok(b)) => {
                    batch.metas.extend(b.into_meta());
                    batch.slots.push(Slot::Meta);
                    meta = true;
                    None
                }
            },
        };
        let last = end.is_some();
        // A metadata block (a process list: thousands of threads) is handed over at once, so
        // that the inspector seeds its tables while this thread reads on.
        if last || batch.full() || std::mem::take(&mut meta) {
            batch.end = end;
            let Ok(recycled) = handoff.push(batch) else {
                break;
            };
            if last {
                break;
            }
            batch = match recycled {
                Some(mut b) => {
                    b.bytes.clear();
                    b.slots.clear();
                    b.metas.clear();
                    b
                }
                None => Batch::default(),
            };
        }
    }
    (folder.stats(), thread_cpu())
}

/// On-CPU time of the calling thread so far (Linux `schedstat`; `None` elsewhere).
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Folds one event into the batch; `Some` (the error) when the stream must end.
#[inline(always)]
fn fold(
    path: &str,
    folder: &mut Folder,
    batch: &mut Batch,
    ev: &Event<'_>,
    delivered: &mut u64,
) -> Option<Result<(), String>> {
    let start = batch.bytes.len();
    match folder.push_to(ev, &mut batch.bytes) {
        Pushed::Appended => {
            *delivered += 1;
            batch.slots.push(Slot::Event {
                cpu: ev.cpu,
                flags: ev.dump_flags,
                start: start as u32,
                end: batch.bytes.len() as u32,
            });
        }
        Pushed::Unwanted(etype) => {
            *delivered += 1;
            batch.slots.push(Slot::Unwanted(Unwanted {
                etype,
                ts: ev.ts,
                tid: ev.tid,
                dump_flags: ev.dump_flags,
            }));
        }
        Pushed::Drop => {}
        Pushed::Failed => return Some(Err(fold_error(path, folder, ev, *delivered))),
    }
    None
}

#[cold]
fn fold_error(path: &str, folder: &mut Folder, ev: &Event<'_>, delivered: u64) -> String {
    let e = folder
        .take_error()
        .map_or_else(|| "unknown error".to_string(), |e| e.to_string());
    format!(
        "{path}: event {} (type {}) cannot be converted: {e}",
        delivered + 1,
        ev.etype
    )
}
