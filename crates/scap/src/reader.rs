//! Streaming block reader with one reusable buffer.
//!
//! Blocks are parsed in place from the read buffer: an event is handed out as a view into it
//! (zero copy), and old v1 events are converted to the v2 layout inside the same buffer by
//! sliding their 22-byte header back over the already-consumed block header.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use peregrine_event::{info, Event};

use crate::blocks::{self, BlockKind, EventLayout};
use crate::decode;
use crate::error::ScapError;
use crate::source::Source;
use crate::types::*;

/// Initial buffer size; it only grows to fit the largest block seen.
const INITIAL_BUF: usize = 256 * 1024;

const PPME_NOTIFICATION_E: u16 = 280;
const PPME_INFRASTRUCTURE_EVENT_E: u16 = 286;
const V1_HEADER: usize = 22;
const V2_HEADER: usize = 26;

/// One block of a capture. `Event` borrows the reader's buffer until the next call to `next`.
// A plain tag instead of a niche in the vectors' fields: callers match and drop one block per
// event, and decoding a niche costs more than the rest of handing out an event.
#[derive(Debug, Clone)]
#[repr(u8)]
pub enum Block<'a> {
    Section(SectionHeader),
    MachineInfo(MachineInfo),
    ProcList(Vec<ProcEntry>),
    FdList {
        tid: u64,
        fds: Vec<FdEntry>,
    },
    Interfaces(Interfaces),
    Users {
        users: Vec<UserEntry>,
        groups: Vec<GroupEntry>,
    },
    Event(Event<'a>),
    /// A block type this reader does not interpret (skipped by length).
    Unknown {
        block_type: u32,
    },
}

impl Block<'_> {
    /// The block detached from the reader's buffer; `None` for an event, the only kind that
    /// borrows it.
    pub fn into_meta(self) -> Option<Block<'static>> {
        Some(match self {
            Block::Section(s) => Block::Section(s),
            Block::MachineInfo(m) => Block::MachineInfo(m),
            Block::ProcList(p) => Block::ProcList(p),
            Block::FdList { tid, fds } => Block::FdList { tid, fds },
            Block::Interfaces(i) => Block::Interfaces(i),
            Block::Users { users, groups } => Block::Users { users, groups },
            Block::Unknown { block_type } => Block::Unknown { block_type },
            Block::Event(_) => return None,
        })
    }
}

/// Running counters of a reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderStats {
    /// Blocks consumed, of any type, including skipped events.
    pub blocks: u64,
    /// Event blocks consumed (delivered + skipped).
    pub event_blocks: u64,
    /// Events delivered.
    pub events: u64,
    /// Events skipped because their type is beyond the event table (newer writer).
    pub skipped_events: u64,
    /// Decompressed bytes consumed (offset of the next block).
    pub bytes: u64,
}

/// A complete, valid v2 event block at the front of the buffer.
#[derive(Clone, Copy)]
struct Quick {
    cpu: u16,
    flags: u32,
    at: usize,
    end: usize,
    len: u32,
    block_type: u32,
}

/// What `advance` found, described without borrowing the buffer.
enum Next {
    Owned(Block<'static>),
    Event {
        cpu: u16,
        flags: u32,
        at: usize,
        end: usize,
        offset: u64,
        block_type: u32,
    },
}

pub struct Reader<R: Read> {
    src: Source<R>,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Stream offset of `buf[start]`.
    pos: u64,
    eof: bool,
    seen_section: bool,
    done: bool,
    last_block_type: u32,
    stats: ReaderStats,
}

impl Reader<File> {
    /// Opens a capture file (plain or gzip-compressed).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, ScapError> {
        let path = path.as_ref();
        let f = File::open(path).map_err(|source| ScapError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Reader::new(f)
    }
}

impl<R: Read> Reader<R> {
    /// Wraps a byte stream; gzip is detected from the first two bytes.
    pub fn new(read: R) -> Result<Self, ScapError> {
        let src = Source::sniff(read).map_err(|source| ScapError::Io { offset: 0, source })?;
        Ok(Reader {
            src,
            buf: vec![0; INITIAL_BUF],
            start: 0,
            end: 0,
            pos: 0,
            eof: false,
            seen_section: false,
            done: false,
            last_block_type: 0,
            stats: ReaderStats::default(),
        })
    }

    pub fn is_gzip(&self) -> bool {
        self.src.is_gzip()
    }

    pub fn stats(&self) -> ReaderStats {
        self.stats
    }

    /// Type number of the block most recently returned (or skipped).
    pub fn last_block_type(&self) -> u32 {
        self.last_block_type
    }

    /// Current size of the internal buffer: bounded by the largest block, not the file size.
    pub fn buffer_capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// The next block, `None` at a clean end of stream. After an error, iteration ends.
    #[allow(clippy::should_implement_trait)]
    #[inline(always)]
    pub fn next(&mut self) -> Option<Result<Block<'_>, ScapError>> {
        if let Some(q) = self.quick_event() {
            return self.take_quick(q).map(|r| r.map(Block::Event));
        }
        self.next_slow()
    }

    /// The next block when it is an event that needs no work from the reader (a valid v2 event
    /// block, whole in the buffer); `None` when [`Reader::next`] must be called instead, for
    /// anything else: metadata, old layouts, a refill, an error, the end. Nothing is consumed
    /// then, so `next` meets the same block and reports exactly what it always does.
    ///
    /// The event comes back by value, without the [`Block`] around it: a loop over a whole
    /// capture spends less in moving and dropping the block than in the rest of reading it.
    #[inline(always)]
    pub fn next_quick(&mut self) -> Option<Event<'_>> {
        let q = self.quick_event()?;
        let ev = Event::parse(q.cpu, q.flags, &self.buf[q.at..q.end]).ok()?;
        self.start += q.len as usize;
        self.pos += q.len as u64;
        self.stats.blocks += 1;
        self.stats.event_blocks += 1;
        self.stats.events += 1;
        self.stats.bytes = self.pos;
        self.last_block_type = q.block_type;
        Some(ev)
    }

    fn next_slow(&mut self) -> Option<Result<Block<'_>, ScapError>> {
        if self.done {
            return None;
        }
        match self.advance() {
            Ok(Some(Next::Owned(b))) => Some(Ok(b)),
            Ok(Some(Next::Event {
                cpu,
                flags,
                at,
                end,
                offset,
                block_type,
            })) => self
                .finish_event(cpu, flags, at, end, offset, block_type)
                .map(|r| r.map(Block::Event)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }

    /// Convenience: the next event, skipping metadata blocks.
    #[inline]
    pub fn next_event(&mut self) -> Option<Result<Event<'_>, ScapError>> {
        if let Some(q) = self.quick_event() {
            return self.take_quick(q);
        }
        self.next_event_slow()
    }

    fn next_event_slow(&mut self) -> Option<Result<Event<'_>, ScapError>> {
        if self.done {
            return None;
        }
        let (cpu, flags, at, end, offset, block_type) = loop {
            match self.advance() {
                Ok(Some(Next::Owned(_))) => continue,
                Ok(Some(Next::Event {
                    cpu,
                    flags,
                    at,
                    end,
                    offset,
                    block_type,
                })) => break (cpu, flags, at, end, offset, block_type),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        };
        self.finish_event(cpu, flags, at, end, offset, block_type)
    }

    /// The common case, decided without touching any state: the next block is a v2 event
    /// block, complete in the buffer, that passes every check `advance` makes, of a known
    /// type. Anything else (including every error) goes through `advance`.
    #[inline(always)]
    fn quick_event(&self) -> Option<Quick> {
        if self.done || !self.seen_section {
            return None;
        }
        let s = self.start;
        let head = self.buf.get(s..self.end)?;
        if head.len() < 8 {
            return None;
        }
        let btype = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        let (flagged, large) = match btype {
            blocks::EV_V2 => (false, false),
            blocks::EVF_V2 => (true, false),
            blocks::EV_V2_LARGE => (false, true),
            blocks::EVF_V2_LARGE => (true, true),
            _ => return None,
        };
        let l = len as usize;
        let prefix = if flagged { 6 } else { 2 };
        // The event header must fit between the cpu/flags prefix and the trailer; that also
        // covers the minimum lengths of `check_length`.
        if l > head.len()
            || l & 3 != 0
            || l < 8 + prefix + V2_HEADER + 4
            || (!large && l - 8 > blocks::MAX_SMALL_EVENT_BLOCK_BODY as usize)
        {
            return None;
        }
        let block = &head[..l];
        if block[l - 4..] != len.to_le_bytes() {
            return None;
        }
        let ev = 8 + prefix;
        let etype = u16::from_le_bytes([block[ev + 20], block[ev + 21]]);
        info(etype)?;
        let cpu = u16::from_le_bytes([block[8], block[9]]);
        let flags = if flagged {
            u32::from_le_bytes([block[10], block[11], block[12], block[13]])
        } else {
            0
        };
        Some(Quick {
            cpu,
            flags,
            at: s + ev,
            end: s + l - 4,
            len,
            block_type: btype,
        })
    }

    /// Consumes the block `quick_event` found, with the same bookkeeping as `advance`.
    #[inline(always)]
    fn take_quick(&mut self, q: Quick) -> Option<Result<Event<'_>, ScapError>> {
        let offset = self.pos;
        self.start += q.len as usize;
        self.pos += q.len as u64;
        self.stats.blocks += 1;
        self.stats.event_blocks += 1;
        self.stats.bytes = self.pos;
        self.last_block_type = q.block_type;
        self.finish_event(q.cpu, q.flags, q.at, q.end, offset, q.block_type)
    }

    #[inline(always)]
    fn finish_event(
        &mut self,
        cpu: u16,
        flags: u32,
        at: usize,
        end: usize,
        offset: u64,
        block_type: u32,
    ) -> Option<Result<Event<'_>, ScapError>> {
        match Event::parse(cpu, flags, &self.buf[at..end]) {
            Ok(ev) => {
                self.stats.events += 1;
                Some(Ok(ev))
            }
            Err(source) => {
                self.done = true;
                Some(Err(bad_event(offset, block_type, source)))
            }
        }
    }

    fn io_error(&self, offset: u64, source: io::Error) -> ScapError {
        if self.src.is_gzip() {
            ScapError::Gzip { offset, source }
        } else {
            ScapError::Io { offset, source }
        }
    }

    /// Makes at least `need` bytes available from `start`, unless the stream ends first.
    /// Returns how many bytes are available.
    fn fill(&mut self, need: usize) -> io::Result<usize> {
        if self.end - self.start >= need {
            return Ok(self.end - self.start);
        }
        let cap = self.buf.len();
        // Slide the partial block to the front when the tail cannot hold it or would only
        // allow small reads.
        if self.start > 0 && (cap - self.start < need || cap - self.end < cap / 4) {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        while self.end - self.start < need && !self.eof {
            if self.end == self.buf.len() {
                // Grow by doubling as data actually arrives, so that a corrupt length field
                // cannot make us allocate gigabytes up front.
                let want = self.start + need;
                let new_len = want
                    .min(self.buf.len().saturating_mul(2))
                    .max(self.buf.len() + 1);
                self.buf.resize(new_len, 0);
            }
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(self.end - self.start)
    }

    fn u32_at(&self, o: usize) -> u32 {
        let mut a = [0u8; 4];
        a.copy_from_slice(&self.buf[o..o + 4]);
        u32::from_le_bytes(a)
    }

    fn u16_at(&self, o: usize) -> u16 {
        u16::from_le_bytes([self.buf[o], self.buf[o + 1]])
    }

    fn advance(&mut self) -> Result<Option<Next>, ScapError> {
        loop {
            let offset = self.pos;
            let avail = self.fill(8).map_err(|e| self.io_error(offset, e))?;
            if avail == 0 {
                if !self.seen_section {
                    return Err(ScapError::NotScap {
                        reason: "the stream is empty".into(),
                    });
                }
                return Ok(None);
            }
            if avail < 8 {
                return Err(ScapError::TruncatedHeader { offset, got: avail });
            }
            let btype = self.u32_at(self.start);
            let len = self.u32_at(self.start + 4);
            let block = BlockKind(btype);
            if !self.seen_section && btype != blocks::SHB {
                return Err(ScapError::NotScap {
                    reason: format!(
                        "the first block has type {btype:#x}, not the section header {:#x}",
                        blocks::SHB
                    ),
                });
            }
            let layout = blocks::event_layout(btype);
            check_length(btype, len, layout).map_err(|reason| ScapError::BadLength {
                offset,
                block,
                len,
                reason,
            })?;
            let got = self
                .fill(len as usize)
                .map_err(|e| self.io_error(offset, e))?;
            if got < len as usize {
                return Err(ScapError::TruncatedBlock {
                    offset,
                    block,
                    expected: len,
                    got,
                });
            }
            let s = self.start;
            let len_us = len as usize;
            let trailer = self.u32_at(s + len_us - 4);
            if trailer != len {
                return Err(ScapError::BadTrailer {
                    offset,
                    block,
                    len,
                    trailer,
                });
            }
            self.start += len_us;
            self.pos += len as u64;
            self.stats.blocks += 1;
            self.stats.bytes = self.pos;
            self.last_block_type = btype;
            let (b0, b1) = (s + 8, s + len_us - 4);
            let malformed = |msg: String| ScapError::Malformed { offset, block, msg };
            if let Some(layout) = layout {
                self.stats.event_blocks += 1;
                match self.event(s, len_us, layout, offset, btype)? {
                    Some(n) => return Ok(Some(n)),
                    None => {
                        self.stats.skipped_events += 1;
                        continue;
                    }
                }
            }
            let body = &self.buf[b0..b1];
            let out = match btype {
                blocks::SHB => {
                    let (magic, sh) = decode::section_header(body).map_err(malformed)?;
                    if magic != blocks::SHB_MAGIC {
                        return Err(ScapError::BadMagic {
                            offset,
                            block,
                            magic,
                        });
                    }
                    if sh.major > 1 {
                        return Err(ScapError::BadVersion {
                            offset,
                            block,
                            major: sh.major,
                            minor: sh.minor,
                        });
                    }
                    self.seen_section = true;
                    Block::Section(sh)
                }
                blocks::MI | blocks::MI_INT => Block::MachineInfo(decode::machine_info(body)),
                blocks::FDL | blocks::FDL_INT | blocks::FDL_V2 => {
                    let (tid, fds) =
                        decode::fdlist(body, btype == blocks::FDL_V2).map_err(malformed)?;
                    Block::FdList { tid, fds }
                }
                blocks::IL | blocks::IL_INT | blocks::IL_V2 => Block::Interfaces(
                    decode::iflist(body, btype == blocks::IL_V2).map_err(malformed)?,
                ),
                blocks::UL | blocks::UL_INT | blocks::UL_V2 => {
                    let (users, groups) =
                        decode::userlist(body, btype == blocks::UL_V2).map_err(malformed)?;
                    Block::Users { users, groups }
                }
                t => match blocks::proclist_version(t) {
                    Some(v) => Block::ProcList(decode::proclist(body, v).map_err(malformed)?),
                    None => Block::Unknown { block_type: t },
                },
            };
            return Ok(Some(Next::Owned(out)));
        }
    }

    /// Locates the event of the block at `s` (already consumed) and, for v1 layouts, rewrites
    /// it to v2 in place. `None` means the event type is unknown and the block is skipped.
    fn event(
        &mut self,
        s: usize,
        len: usize,
        layout: EventLayout,
        offset: u64,
        btype: u32,
    ) -> Result<Option<Next>, ScapError> {
        let block = BlockKind(btype);
        let body = s + 8;
        let body_end = s + len - 4;
        let prefix = if layout.flags { 6 } else { 2 };
        let hdr = if layout.v2 { V2_HEADER } else { V1_HEADER };
        let ev = body + prefix;
        if ev + hdr > body_end {
            return Err(ScapError::Malformed {
                offset,
                block,
                msg: format!(
                    "event header ({hdr} bytes) does not fit in the {}-byte block body",
                    body_end - body
                ),
            });
        }
        let cpu = self.u16_at(body);
        let flags = if layout.flags {
            self.u32_at(body + 2)
        } else {
            0
        };
        let etype = self.u16_at(ev + 20);
        let Some(ei) = info(etype) else {
            return Ok(None);
        };
        if layout.v2 {
            return Ok(Some(Next::Event {
                cpu,
                flags,
                at: ev,
                end: body_end,
                offset,
                block_type: btype,
            }));
        }
        let malformed = |msg: String| ScapError::Malformed { offset, block, msg };
        let mut elen = self.u32_at(ev + 16) as usize;
        // Old writers stored these two types with a length 3 bytes too large.
        if etype == PPME_NOTIFICATION_E || etype == PPME_INFRASTRUCTURE_EVENT_E {
            elen = elen.saturating_sub(3);
        }
        if elen < V1_HEADER || elen > body_end - ev {
            return Err(malformed(format!(
                "v1 event length {elen} outside [{V1_HEADER}, {}] (bytes available in the block)",
                body_end - ev
            )));
        }
        let nparams = self
            .infer_nparams(ev, elen, ei.params.len())
            .ok_or_else(|| {
                malformed(format!(
                    "cannot infer the parameter count of v1 event type {etype} ({} in the table, length {elen})",
                    ei.params.len()
                ))
            })?;
        // The 4 bytes before `ev` belong to the consumed block header/cpu id prefix: slide the
        // header there and put nparams where its tail was, so the length array needs no move.
        let new = ev - 4;
        self.buf.copy_within(ev..ev + V1_HEADER, new);
        self.buf[new + 16..new + 20].copy_from_slice(&((elen + 4) as u32).to_le_bytes());
        self.buf[new + 22..new + 26].copy_from_slice(&nparams.to_le_bytes());
        Ok(Some(Next::Event {
            cpu,
            flags,
            at: new,
            end: body_end,
            offset,
            block_type: btype,
        }))
    }

    /// Largest `n <= table_n` such that a v1 event of `elen` bytes holds exactly `n` u16 lengths
    /// and the data they describe (how libscap recovers nparams).
    fn infer_nparams(&self, ev: usize, elen: usize, table_n: usize) -> Option<u32> {
        let lens = ev + V1_HEADER;
        for n in (0..=table_n).rev() {
            let mut total = V1_HEADER + 2 * n;
            if total > elen {
                continue;
            }
            for i in 0..n {
                total += self.u16_at(lens + 2 * i) as usize;
            }
            if total == elen {
                return Some(n as u32);
            }
            if total < elen {
                // Fewer parameters only shrink the total: no smaller n can match.
                return None;
            }
        }
        None
    }
}

#[cold]
fn bad_event(offset: u64, block_type: u32, source: peregrine_event::EventError) -> ScapError {
    ScapError::BadEvent {
        offset,
        block: BlockKind(block_type),
        source,
    }
}

fn check_length(btype: u32, len: u32, layout: Option<EventLayout>) -> Result<(), &'static str> {
    if len < 12 {
        return Err("shorter than the 12-byte minimum block");
    }
    if len & 3 != 0 {
        return Err("not a multiple of 4");
    }
    if btype == blocks::SHB && len < 28 {
        return Err("shorter than the 28-byte minimum section header");
    }
    if let Some(l) = layout {
        let hdr = if l.v2 { V2_HEADER } else { V1_HEADER } as u32;
        if len < 8 + hdr + 4 {
            return Err("too short for an event header");
        }
        let large = matches!(btype, blocks::EV_V2_LARGE | blocks::EVF_V2_LARGE);
        let mut limit = blocks::MAX_SMALL_EVENT_BLOCK_BODY;
        if !l.v2 {
            // v1 events grow by 4 bytes when converted and must still fit the 64 KiB buffer.
            limit -= 4;
        }
        if !large && len - 8 > limit {
            return Err("exceeds the 64 KiB limit of non-LARGE event blocks");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rules() {
        let ev = blocks::event_layout(blocks::EV_V2);
        assert!(check_length(blocks::MI, 12, None).is_ok());
        assert!(check_length(blocks::MI, 11, None).is_err());
        assert!(check_length(blocks::MI, 14, None).is_err());
        assert!(check_length(blocks::SHB, 24, None).is_err());
        assert!(check_length(blocks::EV_V2, 36, ev).is_err());
        assert!(check_length(blocks::EV_V2, 40, ev).is_ok());
        assert!(check_length(blocks::EV_V2, 65_544, ev).is_ok());
        assert!(check_length(blocks::EV_V2, 65_548, ev).is_err());
        let large = blocks::event_layout(blocks::EV_V2_LARGE);
        assert!(check_length(blocks::EV_V2_LARGE, 1 << 24, large).is_ok());
        // v1 events need 4 spare bytes for the conversion.
        let v1 = blocks::event_layout(blocks::EV);
        assert!(check_length(blocks::EV, 65_540, v1).is_ok());
        assert!(check_length(blocks::EV, 65_544, v1).is_err());
    }

    #[test]
    fn buffer_grows_only_as_data_arrives() {
        // A header claiming a 2 GiB block in a tiny stream must not allocate 2 GiB.
        let mut f = Vec::new();
        f.extend_from_slice(&blocks::SHB.to_le_bytes());
        f.extend_from_slice(&0x8000_0000u32.to_le_bytes());
        f.extend_from_slice(&[0; 100]);
        let mut r = Reader::new(&f[..]).unwrap();
        let e = r.next().unwrap().unwrap_err();
        assert!(
            matches!(e, ScapError::TruncatedBlock { got: 108, .. }),
            "{e}"
        );
        assert!(r.buffer_capacity() <= 2 * INITIAL_BUF);
        assert!(r.next().is_none());
    }
}
