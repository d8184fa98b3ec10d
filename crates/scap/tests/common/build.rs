//! Byte builders for hand-made captures.

pub const SHB: u32 = 0x0A0D_0D0A;

/// A block: header, body, zero padding to 4, trailer.
pub fn block(btype: u32, body: &[u8]) -> Vec<u8> {
    let padded = (body.len() + 3) & !3;
    let total = (8 + padded + 4) as u32;
    let mut v = Vec::new();
    v.extend_from_slice(&btype.to_le_bytes());
    v.extend_from_slice(&total.to_le_bytes());
    v.extend_from_slice(body);
    v.resize(8 + padded, 0);
    v.extend_from_slice(&total.to_le_bytes());
    v
}

pub fn shb_body(major: u16, minor: u16) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&0x1A2B_3C4Du32.to_le_bytes());
    b.extend_from_slice(&major.to_le_bytes());
    b.extend_from_slice(&minor.to_le_bytes());
    b.extend_from_slice(&(-1i64).to_le_bytes());
    b
}

pub fn shb() -> Vec<u8> {
    block(SHB, &shb_body(1, 2))
}

/// Little-endian byte accumulator.
#[derive(Default, Clone)]
pub struct B(pub Vec<u8>);

impl B {
    pub fn new() -> Self {
        B(Vec::new())
    }
    pub fn u8(mut self, v: u8) -> Self {
        self.0.push(v);
        self
    }
    pub fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn u64(mut self, v: u64) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn i64(mut self, v: i64) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn raw(mut self, v: &[u8]) -> Self {
        self.0.extend_from_slice(v);
        self
    }
    /// Metadata string: u16 length + bytes.
    pub fn s(self, v: &[u8]) -> Self {
        self.u16(v.len() as u16).raw(v)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// A v1 event (22-byte header, u16 lengths) with the given parameters.
pub fn event_v1(ts: u64, tid: u64, etype: u16, params: &[&[u8]]) -> Vec<u8> {
    let len = 22 + 2 * params.len() + params.iter().map(|p| p.len()).sum::<usize>();
    let mut b = B::new().u64(ts).u64(tid).u32(len as u32).u16(etype);
    for p in params {
        b = b.u16(p.len() as u16);
    }
    for p in params {
        b = b.raw(p);
    }
    b.0
}

/// A v2 event (26-byte header); `large` selects u32 lengths.
pub fn event_v2(ts: u64, tid: u64, etype: u16, params: &[&[u8]], large: bool) -> Vec<u8> {
    let lsz = if large { 4 } else { 2 };
    let len = 26 + lsz * params.len() + params.iter().map(|p| p.len()).sum::<usize>();
    let mut b = B::new()
        .u64(ts)
        .u64(tid)
        .u32(len as u32)
        .u16(etype)
        .u32(params.len() as u32);
    for p in params {
        b = if large {
            b.u32(p.len() as u32)
        } else {
            b.u16(p.len() as u16)
        };
    }
    for p in params {
        b = b.raw(p);
    }
    b.0
}

/// Event block body: cpu, optional flags, event.
pub fn ev_body(cpu: u16, flags: Option<u32>, ev: &[u8]) -> Vec<u8> {
    let mut b = B::new().u16(cpu);
    if let Some(f) = flags {
        b = b.u32(f);
    }
    b.raw(ev).0
}
