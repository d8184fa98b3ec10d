//! The byte source under the reader: the caller's `Read`, gunzipped when it starts with the
//! gzip magic (libscap opens captures through zlib, which does the same sniffing).

use std::io::{self, Read};

use flate2::read::MultiGzDecoder;

/// Replays the bytes consumed while sniffing, then continues with the inner reader.
pub(crate) struct Prefixed<R> {
    prefix: [u8; 2],
    plen: usize,
    ppos: usize,
    inner: R,
}

impl<R: Read> Read for Prefixed<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.ppos < self.plen {
            let n = (self.plen - self.ppos).min(out.len());
            out[..n].copy_from_slice(&self.prefix[self.ppos..self.ppos + n]);
            self.ppos += n;
            return Ok(n);
        }
        self.inner.read(out)
    }
}

pub(crate) enum Source<R: Read> {
    Plain(Prefixed<R>),
    Gzip(Box<MultiGzDecoder<Prefixed<R>>>),
}

impl<R: Read> Source<R> {
    pub(crate) fn sniff(mut inner: R) -> io::Result<Self> {
        let mut prefix = [0u8; 2];
        let mut plen = 0;
        while plen < 2 {
            match inner.read(&mut prefix[plen..]) {
                Ok(0) => break,
                Ok(n) => plen += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let p = Prefixed {
            prefix,
            plen,
            ppos: 0,
            inner,
        };
        Ok(if plen == 2 && prefix == [0x1f, 0x8b] {
            Source::Gzip(Box::new(MultiGzDecoder::new(p)))
        } else {
            Source::Plain(p)
        })
    }

    pub(crate) fn is_gzip(&self) -> bool {
        matches!(self, Source::Gzip(_))
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(p) => p.read(out),
            Source::Gzip(g) => g.read(out),
        }
    }
}
