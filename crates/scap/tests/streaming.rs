//! Memory stays bounded by the largest block, not the stream length; short reads are fine.

mod common;

use std::io::Read;

use common::build::{block, ev_body, event_v1, event_v2, shb};
use peregrine_scap::{Block, Reader};

/// Produces SHB + `n` events on the fly (alternating v1 and v2 blocks, varying sizes), with one
/// 1 MiB LARGE event in the middle, without ever holding more than one block.
struct Synthetic {
    n: u64,
    i: u64,
    cur: Vec<u8>,
    pos: usize,
    started: bool,
}

impl Synthetic {
    fn new(n: u64) -> Self {
        Synthetic {
            n,
            i: 0,
            cur: Vec::new(),
            pos: 0,
            started: false,
        }
    }
    fn next_block(&mut self) -> bool {
        self.pos = 0;
        if !self.started {
            self.started = true;
            self.cur = shb();
            return true;
        }
        if self.i == self.n {
            return false;
        }
        let i = self.i;
        self.i += 1;
        let fd = (i as i64).to_le_bytes();
        let data = vec![b'x'; (i % 200) as usize];
        self.cur = if i == self.n / 2 {
            let json = vec![b'{'; 1 << 20];
            block(
                0x221,
                &ev_body(0, None, &event_v2(i, 1, 324, &[&json], true)),
            )
        } else if i & 1 == 0 {
            // write exit: res, data
            block(
                0x216,
                &ev_body(
                    (i % 8) as u16,
                    None,
                    &event_v2(i, 7, 9, &[&fd, &data], false),
                ),
            )
        } else {
            block(
                0x204,
                &ev_body((i % 8) as u16, None, &event_v1(i, 7, 9, &[&fd, &data])),
            )
        };
        true
    }
}

impl Read for Synthetic {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.cur.len() && !self.next_block() {
            return Ok(0);
        }
        let n = (self.cur.len() - self.pos).min(out.len());
        out[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn million_events_in_bounded_memory() {
    const N: u64 = 1_000_000;
    let mut r = Reader::new(Synthetic::new(N)).unwrap();
    let mut events = 0u64;
    let mut bytes_of_data = 0usize;
    let mut cap_before_large = 0;
    let mut next_ts = 0;
    while let Some(b) = r.next() {
        if let Block::Event(ev) = b.unwrap() {
            assert_eq!(ev.ts, next_ts);
            next_ts += 1;
            events += 1;
            if ev.etype == 9 {
                assert_eq!(ev.nparams(), 2);
                bytes_of_data += ev.param(1).unwrap().len();
            }
            if ev.ts == N / 2 - 1 {
                cap_before_large = r.buffer_capacity();
            }
        }
    }
    assert_eq!(events, N);
    assert_eq!(r.stats().events, N);
    assert!(bytes_of_data > 90_000_000);
    assert!(r.stats().bytes > 150_000_000, "{}", r.stats().bytes);
    // The buffer holds one read chunk until a block needs more, then just that block.
    assert!(cap_before_large <= 256 * 1024, "{cap_before_large}");
    let cap = r.buffer_capacity();
    assert!(cap <= 2 * (1 << 20) + 64 * 1024, "{cap}");
}

/// A reader that hands out one byte per call.
struct Dribble<R>(R);

impl<R: Read> Read for Dribble<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = out.len().min(1);
        self.0.read(&mut out[..n])
    }
}

#[test]
fn short_reads_give_the_same_events() {
    let path = common::trace_path("falco/connect_localhost.scap");
    let collect = |mut r: Reader<Box<dyn Read>>| {
        let mut v = Vec::new();
        while let Some(ev) = r.next_event() {
            v.push(ev.unwrap().bytes().to_vec());
        }
        v
    };
    let normal = collect(
        Reader::new(Box::new(std::fs::File::open(&path).unwrap()) as Box<dyn Read>).unwrap(),
    );
    let dribble = collect(
        Reader::new(Box::new(Dribble(std::fs::File::open(&path).unwrap())) as Box<dyn Read>)
            .unwrap(),
    );
    assert_eq!(normal.len(), 374);
    assert!(normal == dribble);
}
