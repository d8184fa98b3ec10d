//! Capture writer: one section (SHB v1.2, no options, since older readers cannot skip them),
//! metadata blocks in their newest layouts, and v2 event blocks.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;
use peregrine_event::{info, Event};

use crate::blocks;
use crate::encode;
use crate::error::WriteError;
use crate::reader::Block;
use crate::types::*;

/// Dump flag that only tells the writer to use a LARGE block; never stored in a file.
const DF_LARGE: u32 = 1 << 2;

enum Sink<W: Write> {
    Plain(W),
    Gzip(GzEncoder<W>),
}

impl<W: Write> Write for Sink<W> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(b),
            Sink::Gzip(w) => w.write(b),
        }
    }
    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Plain(w) => w.write_all(b),
            Sink::Gzip(w) => w.write_all(b),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
        }
    }
}

/// Writes a scap capture. The section header is written on construction; call
/// [`Writer::finish`] to flush (and complete the gzip stream).
pub struct Writer<W: Write> {
    out: Sink<W>,
    scratch: Vec<u8>,
    events: u64,
}

impl Writer<BufWriter<File>> {
    /// Creates (truncates) `path`, gzip-compressed if `gzip`.
    pub fn create(path: impl AsRef<Path>, gzip: bool) -> Result<Self, WriteError> {
        let f = BufWriter::with_capacity(256 * 1024, File::create(path)?);
        if gzip {
            Writer::new_gzip(f)
        } else {
            Writer::new(f)
        }
    }
}

impl<W: Write> Writer<W> {
    /// Uncompressed output. `w` should be buffered (events are written in several pieces).
    pub fn new(w: W) -> Result<Self, WriteError> {
        Self::start(Sink::Plain(w))
    }

    /// Gzip-compressed output (what `sysdig -z -w` produces).
    pub fn new_gzip(w: W) -> Result<Self, WriteError> {
        Self::start(Sink::Gzip(GzEncoder::new(w, Compression::default())))
    }

    fn start(out: Sink<W>) -> Result<Self, WriteError> {
        let mut w = Writer {
            out,
            scratch: Vec::with_capacity(4096),
            events: 0,
        };
        w.emit(encode::section_header)?;
        Ok(w)
    }

    fn emit(
        &mut self,
        f: impl FnOnce(&mut Vec<u8>) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        self.scratch.clear();
        f(&mut self.scratch)?;
        self.out.write_all(&self.scratch)?;
        Ok(())
    }

    pub fn write_machine_info(&mut self, mi: &MachineInfo) -> Result<(), WriteError> {
        self.emit(|o| encode::machine_info(o, mi))
    }

    pub fn write_interfaces(&mut self, il: &Interfaces) -> Result<(), WriteError> {
        self.emit(|o| encode::interfaces(o, il))
    }

    pub fn write_users(
        &mut self,
        users: &[UserEntry],
        groups: &[GroupEntry],
    ) -> Result<(), WriteError> {
        self.emit(|o| encode::users(o, users, groups))
    }

    /// One PL_V9 block with all `procs`.
    pub fn write_proclist(&mut self, procs: &[ProcEntry]) -> Result<(), WriteError> {
        self.emit(|o| encode::proclist(o, procs))
    }

    /// One FDL_V2 block: the open fds of thread `tid`.
    pub fn write_fdlist(&mut self, tid: u64, fds: &[FdEntry]) -> Result<(), WriteError> {
        self.emit(|o| encode::fdlist(o, tid, fds))
    }

    pub fn write_event(&mut self, ev: &Event<'_>) -> Result<(), WriteError> {
        self.write_event_bytes(ev.cpu, ev.dump_flags, ev.bytes())
    }

    /// Writes an event given in v2 encoding (`bytes` = exactly the event, `len` bytes).
    /// Uses EVF_* blocks when `dump_flags` is non-zero, and the LARGE block types for event
    /// types with u32 parameter lengths or bodies beyond 64 KiB.
    pub fn write_event_bytes(
        &mut self,
        cpu: u16,
        dump_flags: u32,
        bytes: &[u8],
    ) -> Result<(), WriteError> {
        let etype = if bytes.len() >= 22 {
            u16::from_le_bytes([bytes[20], bytes[21]])
        } else {
            0
        };
        let flags = dump_flags & !DF_LARGE;
        let prefix = if flags != 0 { 6 } else { 2 };
        let padded = (prefix + bytes.len() + 3) & !3;
        let total = 8 + padded + 4;
        let large = dump_flags & DF_LARGE != 0
            || info(etype).is_some_and(|i| i.is_large_payload())
            || total - 8 > blocks::MAX_SMALL_EVENT_BLOCK_BODY as usize;
        let btype = match (flags != 0, large) {
            (false, false) => blocks::EV_V2,
            (false, true) => blocks::EV_V2_LARGE,
            (true, false) => blocks::EVF_V2,
            (true, true) => blocks::EVF_V2_LARGE,
        };
        let total32 = u32::try_from(total).map_err(|_| WriteError::BlockTooLarge { len: total })?;
        let mut head = [0u8; 14];
        head[0..4].copy_from_slice(&btype.to_le_bytes());
        head[4..8].copy_from_slice(&total32.to_le_bytes());
        head[8..10].copy_from_slice(&cpu.to_le_bytes());
        head[10..14].copy_from_slice(&flags.to_le_bytes());
        self.out.write_all(&head[..8 + prefix])?;
        self.out.write_all(bytes)?;
        let pad = padded - prefix - bytes.len();
        let mut tail = [0u8; 7];
        tail[pad..pad + 4].copy_from_slice(&total32.to_le_bytes());
        self.out.write_all(&tail[..pad + 4])?;
        self.events += 1;
        Ok(())
    }

    /// Writes any block read by [`crate::Reader`]. A section header is not repeated (the
    /// writer already wrote its own) and unknown blocks are dropped, their content unknown.
    pub fn write_block(&mut self, b: &Block<'_>) -> Result<(), WriteError> {
        match b {
            Block::Section(_) | Block::Unknown { .. } => Ok(()),
            Block::MachineInfo(mi) => self.write_machine_info(mi),
            Block::ProcList(p) => self.write_proclist(p),
            Block::FdList { tid, fds } => self.write_fdlist(*tid, fds),
            Block::Interfaces(il) => self.write_interfaces(il),
            Block::Users { users, groups } => self.write_users(users, groups),
            Block::Event(ev) => self.write_event(ev),
        }
    }

    /// Events written so far.
    pub fn events_written(&self) -> u64 {
        self.events
    }

    pub fn flush(&mut self) -> Result<(), WriteError> {
        self.out.flush()?;
        Ok(())
    }

    /// Completes the stream and returns the underlying writer (flushed).
    pub fn finish(self) -> Result<W, WriteError> {
        let mut w = match self.out {
            Sink::Plain(w) => w,
            Sink::Gzip(g) => g.finish()?,
        };
        w.flush()?;
        Ok(w)
    }
}
