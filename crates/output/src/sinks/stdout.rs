use std::io::{BufWriter, Write};

use super::{Message, Sink, SinkError};

/// `stdout_output`: one line per alert. Unbuffered (the default) flushes every line.
pub struct StdoutSink {
    out: BufWriter<Box<dyn Write + Send>>,
    buffered: bool,
    name: String,
}

impl StdoutSink {
    pub fn new(buffered: bool) -> StdoutSink {
        StdoutSink::with_writer("stdout", Box::new(std::io::stdout()), buffered)
    }

    /// The same channel writing somewhere else (a file, a pipe).
    pub fn with_writer(name: &str, w: Box<dyn Write + Send>, buffered: bool) -> StdoutSink {
        StdoutSink {
            out: BufWriter::with_capacity(1 << 16, w),
            buffered,
            name: name.to_string(),
        }
    }
}

impl Sink for StdoutSink {
    fn name(&self) -> &str {
        &self.name
    }

    fn output(&mut self, msg: &Message) -> Result<(), SinkError> {
        self.out
            .write_all(msg.line.as_bytes())
            .map_err(SinkError::io("write"))?;
        self.out.write_all(b"\n").map_err(SinkError::io("write"))?;
        if !self.buffered {
            self.out.flush().map_err(SinkError::io("flush"))?;
        }
        Ok(())
    }

    fn cleanup(&mut self) -> Result<(), SinkError> {
        self.out.flush().map_err(SinkError::io("flush"))
    }

    fn reopen(&mut self) -> Result<(), SinkError> {
        self.cleanup()
    }
}
