//! Damaged captures: each damage gives one clear error naming the block offset, after every
//! event before the damage has been delivered. No input makes the reader panic.

mod common;

use std::io::Read;

use peregrine_scap::{Block, Reader, ScapError};

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn trace(rel: &str) -> Vec<u8> {
    std::fs::read(common::trace_path(rel)).unwrap()
}

/// (offset, type, length) of a block.
type Site = (usize, u32, u32);

/// Every block, walked independently of the reader.
fn walk(b: &[u8]) -> Vec<Site> {
    let mut v = Vec::new();
    let mut o = 0;
    while o + 8 <= b.len() {
        let t = u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
        let l = u32::from_le_bytes(b[o + 4..o + 8].try_into().unwrap());
        v.push((o, t, l));
        o += l as usize;
    }
    assert_eq!(o, b.len());
    v
}

fn is_event(t: u32) -> bool {
    matches!(
        t,
        0x204 | 0x208 | 0x216 | 0x217 | 0x221 | 0x222 | 0x8010_ABCD
    )
}

/// Events delivered and the final error.
fn run(bytes: &[u8]) -> (u64, Option<ScapError>) {
    let mut r = Reader::new(bytes).unwrap();
    let mut events = 0;
    let mut err = None;
    while let Some(b) = r.next() {
        match b {
            Ok(Block::Event(_)) => events += 1,
            Ok(_) => {}
            Err(e) => {
                assert!(err.is_none(), "iteration continued after an error");
                err = Some(e);
            }
        }
    }
    assert!(r.next().is_none());
    assert_eq!(r.stats().events, events);
    (events, err)
}

fn events_before(blocks: &[Site], offset: usize) -> u64 {
    blocks
        .iter()
        .filter(|(o, t, _)| *o < offset && is_event(*t))
        .count() as u64
}

/// The 100th event block of cat_write (v1 events, gzip-compressed on disk).
fn damaged_site() -> (Vec<u8>, Vec<Site>, usize, u32, u32) {
    let raw = gunzip(&trace("falco/cat_write.scap"));
    let blocks = walk(&raw);
    let (off, t, len) = *blocks.iter().filter(|b| is_event(b.1)).nth(100).unwrap();
    (raw, blocks, off, t, len)
}

#[test]
fn truncated_block() {
    let (raw, blocks, off, t, len) = damaged_site();
    let (events, err) = run(&raw[..off + 40]);
    let err = err.unwrap();
    assert_eq!(events, events_before(&blocks, off));
    assert_eq!(events, 100);
    assert!(
        matches!(err, ScapError::TruncatedBlock { offset, expected, got: 40, .. } if offset == off as u64 && expected == len),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("truncated block at byte {off} (event block {t:#x}): expected {len} bytes, file ends after 40")
    );
    assert_eq!(err.offset(), Some(off as u64));
    assert_eq!(err.block_type(), Some(t));
}

#[test]
fn truncated_header_and_clean_cut() {
    let (raw, _, off, _, _) = damaged_site();
    let (events, err) = run(&raw[..off + 3]);
    assert_eq!(events, 100);
    let err = err.unwrap();
    assert!(
        matches!(err, ScapError::TruncatedHeader { offset, got: 3 } if offset == off as u64),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("truncated block header at byte {off}: expected 8 bytes, file ends after 3")
    );
    // A cut at a block boundary is a clean end of file.
    let (events, err) = run(&raw[..off]);
    assert_eq!(events, 100);
    assert!(err.is_none());
}

#[test]
fn bad_lengths() {
    let (raw, blocks, off, _, len) = damaged_site();
    for (bad, why) in [
        (8u32, "shorter than the 12-byte minimum"),
        (len + 2, "not a multiple of 4"),
        (16, "too short for an event header"),
        (70_000, "exceeds the 64 KiB limit"),
    ] {
        let mut b = raw.clone();
        b[off + 4..off + 8].copy_from_slice(&bad.to_le_bytes());
        let (events, err) = run(&b);
        let err = err.unwrap();
        assert_eq!(events, 100);
        assert!(
            matches!(err, ScapError::BadLength { offset, len, .. } if offset == off as u64 && len == bad),
            "{err}"
        );
        assert!(err.to_string().contains(why), "{err}");
    }
    // A metadata block whose length runs past the end of the file.
    let (moff, mtype, _) = blocks[1];
    let mut b = raw.clone();
    b[moff + 4..moff + 8].copy_from_slice(&0x7fff_fff0u32.to_le_bytes());
    let (events, err) = run(&b);
    assert_eq!(events, 0);
    let err = err.unwrap();
    assert!(
        matches!(err, ScapError::TruncatedBlock { offset, expected: 0x7fff_fff0, .. } if offset == moff as u64),
        "{err}"
    );
    assert_eq!(err.block_type(), Some(mtype));
}

#[test]
fn wrong_trailer() {
    let (raw, _, off, t, len) = damaged_site();
    let mut b = raw.clone();
    let end = off + len as usize;
    b[end - 4..end].copy_from_slice(&(len + 4).to_le_bytes());
    let (events, err) = run(&b);
    let err = err.unwrap();
    assert_eq!(events, 100);
    assert_eq!(
        err.to_string(),
        format!("wrong trailer in block at byte {off} (event block {t:#x}): header says {len} bytes, trailer says {}", len + 4)
    );
}

#[test]
fn bad_magic_and_version_on_a_real_file() {
    let raw = trace("libs/sample.scap");
    let mut b = raw.clone();
    b[8] ^= 0xff;
    let (events, err) = run(&b);
    assert_eq!(events, 0);
    assert!(
        matches!(err, Some(ScapError::BadMagic { offset: 0, .. })),
        "{err:?}"
    );
    let mut b = raw.clone();
    b[12..14].copy_from_slice(&2u16.to_le_bytes());
    let (_, err) = run(&b);
    assert!(
        matches!(
            err,
            Some(ScapError::BadVersion {
                major: 2,
                minor: 2,
                ..
            })
        ),
        "{err:?}"
    );
    let (_, err) = run(b"this is not a capture file at all");
    assert!(matches!(err, Some(ScapError::NotScap { .. })), "{err:?}");
}

#[test]
fn gzip_cut_short() {
    let gz = trace("falco/open-multiple-files.scap");
    let blocks = walk(&gunzip(&gz));
    for frac in [0.3, 0.6, 0.95] {
        let cut = (gz.len() as f64 * frac) as usize;
        let (events, err) = run(&gz[..cut]);
        let err = err.unwrap();
        let ScapError::Gzip { offset, .. } = err else {
            panic!("expected a gzip error, got {err}")
        };
        // The error is reported at the first block that could not be completed, and every
        // event before it was delivered.
        assert!(
            blocks.iter().any(|b| b.0 as u64 == offset),
            "offset {offset} is not a block start"
        );
        assert_eq!(
            events,
            events_before(&blocks, offset as usize),
            "cut at {cut}"
        );
        if frac > 0.9 {
            // Metadata fills the first half of this file; near the end most events are in.
            assert!(events > 1000, "{events}");
        }
        assert!(
            err.to_string().starts_with(&format!(
                "gzip stream corrupt or cut short at byte {offset}"
            )),
            "{err}"
        );
    }
}

#[test]
fn gzip_checksum_mismatch() {
    let mut gz = trace("falco/syscall.scap");
    let n = gz.len();
    gz[n - 8] ^= 0x55; // CRC32 of the gzip trailer
    let blocks = walk(&gunzip(&trace("falco/syscall.scap")));
    let (events, err) = run(&gz);
    assert!(matches!(err, Some(ScapError::Gzip { .. })), "{err:?}");
    let offset = err.unwrap().offset().unwrap();
    assert_eq!(events, events_before(&blocks, offset as usize));
}

/// Deterministic mutation fuzzing: flipped bytes, overwritten lengths, truncation.
#[test]
fn mutations_never_panic() {
    let raw = gunzip(&trace("falco/cat_write.scap"));
    let blocks = walk(&raw);
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..400 {
        let mut b = raw.clone();
        match rnd() % 4 {
            0 => {
                for _ in 0..1 + rnd() % 8 {
                    let i = (rnd() as usize) % b.len();
                    b[i] = rnd() as u8;
                }
            }
            1 => {
                // Damage a length field: block header or an entry/event length inside.
                let (o, _, l) = blocks[(rnd() as usize) % blocks.len()];
                let i = o + 4 + (rnd() as usize % (l as usize - 4)) / 4 * 4;
                b[i..i + 4].copy_from_slice(&(rnd() as u32 % 70_000).to_le_bytes());
            }
            2 => {
                let cut = (rnd() as usize) % b.len();
                b.truncate(cut);
            }
            _ => {
                let (o, _, l) = blocks[(rnd() as usize) % blocks.len()];
                let i = o + 8 + rnd() as usize % (l as usize - 8);
                b[i] ^= 1 << (rnd() % 8);
            }
        }
        let _ = run(&b);
    }
}
