use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::{Message, Sink, SinkError};

/// `file_output`: appends one line per alert. Without `keep_alive` the file is opened and
/// closed around every alert, so it can be rotated or removed at any time.
pub struct FileSink {
    path: PathBuf,
    keep_alive: bool,
    buffered: bool,
    file: Option<BufWriter<File>>,
}

impl FileSink {
    pub fn new(path: PathBuf, keep_alive: bool, buffered: bool) -> FileSink {
        FileSink {
            path,
            keep_alive,
            buffered,
            file: None,
        }
    }

    fn open(&mut self) -> Result<(), SinkError> {
        if self.file.is_none() {
            let f = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .map_err(|source| SinkError::OpenFile {
                    path: self.path.display().to_string(),
                    source,
                })?;
            // Unbuffered output still goes through one write per line: capacity 0 would
            // split the line and its newline into two appends.
            let cap = if self.buffered { 1 << 16 } else { 0 };
            self.file = Some(BufWriter::with_capacity(cap, f));
        }
        Ok(())
    }
}

impl Sink for FileSink {
    fn name(&self) -> &str {
        "file"
    }

    fn output(&mut self, msg: &Message) -> Result<(), SinkError> {
        self.open()?;
        let mut line = Vec::with_capacity(msg.line.len() + 1);
        line.extend_from_slice(msg.line.as_bytes());
        line.push(b'\n');
        let res = match self.file.as_mut() {
            Some(f) => f.write_all(&line).map_err(SinkError::io("write")),
            None => Ok(()),
        };
        if res.is_err() || !self.keep_alive {
            let closed = self.cleanup();
            res?;
            closed?;
        }
        Ok(())
    }

    fn cleanup(&mut self) -> Result<(), SinkError> {
        match self.file.take() {
            Some(mut f) => f.flush().map_err(SinkError::io("flush")),
            None => Ok(()),
        }
    }

    fn reopen(&mut self) -> Result<(), SinkError> {
        self.cleanup()?;
        self.open()
    }
}
