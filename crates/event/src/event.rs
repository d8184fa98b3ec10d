//! Zero-copy view over one event in scap v2 encoding, and an owned builder.

use crate::table::{info, EventInfo};
use crate::types::Direction;

/// Size of the v2 event header: ts u64, tid u64, len u32, type u16, nparams u32.
pub const HEADER_LEN: usize = 26;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("event shorter than its {HEADER_LEN}-byte header ({0} bytes)")]
    ShortHeader(usize),
    #[error("event length field {len} disagrees with the {avail} bytes available")]
    BadLength { len: u32, avail: usize },
    #[error("{nparams} parameter lengths do not fit in an event of {len} bytes")]
    LengthsOverflow { nparams: u32, len: u32 },
    #[error("parameter lengths add up to {sum} bytes but the event holds {avail}")]
    ParamsOverflow { sum: usize, avail: usize },
}

/// One event: header fields plus its raw parameters, borrowed from a buffer in scap v2 layout.
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    pub ts: u64,
    pub tid: u64,
    pub etype: u16,
    pub cpu: u16,
    /// scap dump flags of EVF blocks (bit 0: state only, never shown or matched).
    pub dump_flags: u32,
    nparams: u32,
    large: bool,
    /// The whole event: header, lengths, data (exactly `len` bytes).
    bytes: &'a [u8],
}

#[inline]
fn u16_at(b: &[u8], o: usize) -> u16 {
    u16::from_le_bytes([b[o], b[o + 1]])
}
#[inline]
fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap())
}

/// Sum of a parameter length array (16-bit entries, or 32-bit for large-payload events).
#[inline]
fn lengths_sum(lens: &[u8], large: bool) -> usize {
    if large {
        lens.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
            .sum()
    } else {
        lens.chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]) as usize)
            .sum()
    }
}

#[inline]
fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(b[o..o + 8].try_into().unwrap())
}

impl<'a> Event<'a> {
    /// Validates and wraps `bytes`, which must start with a v2 header. Bytes past the header's
    /// `len` are ignored (block padding and options).
    #[inline]
    pub fn parse(cpu: u16, dump_flags: u32, bytes: &'a [u8]) -> Result<Self, EventError> {
        if bytes.len() < HEADER_LEN {
            return Err(EventError::ShortHeader(bytes.len()));
        }
        let len = u32_at(bytes, 16);
        if (len as usize) < HEADER_LEN || len as usize > bytes.len() {
            return Err(EventError::BadLength {
                len,
                avail: bytes.len(),
            });
        }
        let bytes = &bytes[..len as usize];
        let etype = u16_at(bytes, 20);
        let nparams = u32_at(bytes, 22);
        let large = info(etype).is_some_and(|i| i.is_large_payload());
        let lsz = if large { 4 } else { 2 };
        let lens_end = HEADER_LEN as u64 + nparams as u64 * lsz;
        if lens_end > len as u64 {
            return Err(EventError::LengthsOverflow { nparams, len });
        }
        let (lens, _) = bytes[HEADER_LEN..].split_at(lens_end as usize - HEADER_LEN);
        let sum = lengths_sum(lens, large);
        let avail = len as usize - lens_end as usize;
        if sum > avail {
            return Err(EventError::ParamsOverflow { sum, avail });
        }
        Ok(Event {
            ts: u64_at(bytes, 0),
            tid: u64_at(bytes, 8),
            etype,
            cpu,
            dump_flags,
            nparams,
            large,
            bytes,
        })
    }

    #[inline]
    fn len_at(bytes: &[u8], large: bool, i: usize) -> usize {
        if large {
            u32_at(bytes, HEADER_LEN + 4 * i) as usize
        } else {
            u16_at(bytes, HEADER_LEN + 2 * i) as usize
        }
    }

    #[inline]
    pub fn nparams(&self) -> usize {
        self.nparams as usize
    }

    /// Whether the parameter lengths are 32-bit (`EF_LARGE_PAYLOAD` types) rather than 16-bit.
    #[inline]
    pub fn is_large_payload(&self) -> bool {
        self.large
    }

    /// Length of parameter `i` (`None` if the event carries fewer parameters), without
    /// locating its bytes.
    #[inline]
    pub fn param_len(&self, i: usize) -> Option<usize> {
        if i >= self.nparams as usize {
            return None;
        }
        Some(Self::len_at(self.bytes, self.large, i))
    }

    /// Offset in [`Event::bytes`] of the first parameter's data (end of the length array).
    #[inline]
    pub fn data_offset(&self) -> usize {
        HEADER_LEN + self.nparams as usize * if self.large { 4 } else { 2 }
    }

    /// Raw bytes of parameter `i`; `None` if the event carries fewer parameters. A present but
    /// empty parameter (length 0) is `Some(&[])`: upstream prints it as `<NA>`.
    #[inline]
    pub fn param(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.nparams as usize {
            return None;
        }
        let lsz = if self.large { 4 } else { 2 };
        // `parse` checked that every length fits, so only the prefix sum is needed.
        let before = &self.bytes[HEADER_LEN..HEADER_LEN + lsz * i];
        let off = self.data_offset() + lengths_sum(before, self.large);
        let l = Self::len_at(self.bytes, self.large, i);
        Some(&self.bytes[off..off + l])
    }

    /// Parameter by its event-table name.
    pub fn param_by_name(&self, name: &str) -> Option<&'a [u8]> {
        self.info()
            .and_then(|i| i.param_index(name))
            .and_then(|i| self.param(i))
    }

    /// The whole event in v2 encoding (what a recorder writes).
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    pub fn info(&self) -> Option<&'static EventInfo> {
        info(self.etype)
    }

    pub fn direction(&self) -> Direction {
        Direction::of(self.etype)
    }

    pub fn is_exit(&self) -> bool {
        self.etype & 1 == 1
    }
}

/// Builds an event in v2 encoding; reusable to avoid an allocation per event.
#[derive(Debug, Default, Clone)]
pub struct EventBuf {
    buf: Vec<u8>,
    params: Vec<(usize, usize)>,
    data: Vec<u8>,
}

impl EventBuf {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a new event, discarding any previous content.
    pub fn start(&mut self, ts: u64, tid: u64, etype: u16) -> &mut Self {
        self.buf.clear();
        self.params.clear();
        self.data.clear();
        self.buf.extend_from_slice(&ts.to_le_bytes());
        self.buf.extend_from_slice(&tid.to_le_bytes());
        self.buf.extend_from_slice(&0u32.to_le_bytes());
        self.buf.extend_from_slice(&etype.to_le_bytes());
        self.buf.extend_from_slice(&0u32.to_le_bytes());
        self
    }

    pub fn push(&mut self, param: &[u8]) -> &mut Self {
        let off = self.data.len();
        self.data.extend_from_slice(param);
        self.params.push((off, param.len()));
        self
    }

    /// Finalises lengths and returns the encoded event.
    pub fn finish(&mut self) -> &[u8] {
        let etype = u16_at(&self.buf, 20);
        let large = info(etype).is_some_and(|i| i.is_large_payload());
        self.buf.truncate(HEADER_LEN);
        let n = self.params.len() as u32;
        self.buf[22..26].copy_from_slice(&n.to_le_bytes());
        for &(_, l) in &self.params {
            if large {
                self.buf.extend_from_slice(&(l as u32).to_le_bytes());
            } else {
                self.buf.extend_from_slice(&(l as u16).to_le_bytes());
            }
        }
        self.buf.extend_from_slice(&self.data);
        let len = self.buf.len() as u32;
        self.buf[16..20].copy_from_slice(&len.to_le_bytes());
        &self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_and_parse_roundtrip() {
        let mut b = EventBuf::new();
        b.start(10, 20, 1).push(&7u16.to_le_bytes());
        let bytes = b.finish().to_vec();
        let ev = Event::parse(3, 0, &bytes).unwrap();
        assert_eq!((ev.ts, ev.tid, ev.etype, ev.cpu), (10, 20, 1, 3));
        assert_eq!(ev.param(0), Some(&7u16.to_le_bytes()[..]));
        assert_eq!(ev.param(1), None);
    }

    #[test]
    fn rejects_overflowing_lengths() {
        let mut b = EventBuf::new();
        b.start(0, 0, 1).push(&[1, 2, 3]);
        let mut bytes = b.finish().to_vec();
        bytes[26] = 200;
        assert!(matches!(
            Event::parse(0, 0, &bytes),
            Err(EventError::ParamsOverflow { .. })
        ));
    }
}
