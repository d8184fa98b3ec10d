//! Errors of the scap reader and writer. Every reader error names the byte offset of the
//! offending block in the decompressed stream, so a damaged capture can be inspected with a
//! hex dump of the (gunzipped) file.

use std::io;
use std::path::PathBuf;

use peregrine_event::EventError;

use crate::blocks::BlockKind;

#[derive(Debug, thiserror::Error)]
pub enum ScapError {
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("read error at byte {offset}: {source}")]
    Io {
        offset: u64,
        #[source]
        source: io::Error,
    },
    #[error(
        "gzip stream corrupt or cut short at byte {offset} of the decompressed stream: {source}"
    )]
    Gzip {
        offset: u64,
        #[source]
        source: io::Error,
    },
    #[error("not a scap file: {reason}")]
    NotScap { reason: String },
    #[error(
        "bad byte-order magic {magic:#010x} in {block} at byte {offset} (expected 0x1a2b3c4d)"
    )]
    BadMagic {
        offset: u64,
        block: BlockKind,
        magic: u32,
    },
    #[error(
        "unsupported scap version {major}.{minor} in {block} at byte {offset} (only major version 1 is readable)"
    )]
    BadVersion {
        offset: u64,
        block: BlockKind,
        major: u16,
        minor: u16,
    },
    #[error("truncated block header at byte {offset}: expected 8 bytes, file ends after {got}")]
    TruncatedHeader { offset: u64, got: usize },
    #[error("truncated block at byte {offset} ({block}): expected {expected} bytes, file ends after {got}")]
    TruncatedBlock {
        offset: u64,
        block: BlockKind,
        expected: u32,
        got: usize,
    },
    #[error("bad block length {len} at byte {offset} ({block}): {reason}")]
    BadLength {
        offset: u64,
        block: BlockKind,
        len: u32,
        reason: &'static str,
    },
    #[error("wrong trailer in block at byte {offset} ({block}): header says {len} bytes, trailer says {trailer}")]
    BadTrailer {
        offset: u64,
        block: BlockKind,
        len: u32,
        trailer: u32,
    },
    #[error("malformed {block} at byte {offset}: {msg}")]
    Malformed {
        offset: u64,
        block: BlockKind,
        msg: String,
    },
    #[error("invalid event in {block} at byte {offset}: {source}")]
    BadEvent {
        offset: u64,
        block: BlockKind,
        #[source]
        source: EventError,
    },
}

impl ScapError {
    /// Byte offset (in the decompressed stream) of the block the error is about.
    pub fn offset(&self) -> Option<u64> {
        match self {
            ScapError::Open { .. } | ScapError::NotScap { .. } => None,
            ScapError::Io { offset, .. }
            | ScapError::Gzip { offset, .. }
            | ScapError::BadMagic { offset, .. }
            | ScapError::BadVersion { offset, .. }
            | ScapError::TruncatedHeader { offset, .. }
            | ScapError::TruncatedBlock { offset, .. }
            | ScapError::BadLength { offset, .. }
            | ScapError::BadTrailer { offset, .. }
            | ScapError::Malformed { offset, .. }
            | ScapError::BadEvent { offset, .. } => Some(*offset),
        }
    }

    /// Type of the block the error is about, when known.
    pub fn block_type(&self) -> Option<u32> {
        match self {
            ScapError::BadMagic { block, .. }
            | ScapError::BadVersion { block, .. }
            | ScapError::TruncatedBlock { block, .. }
            | ScapError::BadLength { block, .. }
            | ScapError::BadTrailer { block, .. }
            | ScapError::Malformed { block, .. }
            | ScapError::BadEvent { block, .. } => Some(block.0),
            _ => None,
        }
    }
}

/// Errors while writing a capture.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("write failed: {0}")]
    Io(#[from] io::Error),
    #[error("{what} is {len} bytes, more than the {max} a scap reader accepts")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error("block of {len} bytes does not fit the 32-bit block length")]
    BlockTooLarge { len: usize },
}
