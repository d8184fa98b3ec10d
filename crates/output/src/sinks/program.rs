use std::io::{BufWriter, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

use super::{Message, Sink, SinkError};

/// `program_output`: alerts on the stdin of `sh -c <program>`, one line each. Without
/// `keep_alive` the program is started for every alert and waited for after it.
pub struct ProgramSink {
    program: String,
    keep_alive: bool,
    buffered: bool,
    running: Option<(Child, BufWriter<ChildStdin>)>,
}

impl ProgramSink {
    pub fn new(program: String, keep_alive: bool, buffered: bool) -> ProgramSink {
        ProgramSink {
            program,
            keep_alive,
            buffered,
            running: None,
        }
    }

    fn start(&mut self) -> Result<(), SinkError> {
        if self.running.is_some() {
            return Ok(());
        }
        let err = |source| SinkError::OpenProgram {
            program: self.program.clone(),
            source,
        };
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(&self.program)
            .stdin(Stdio::piped())
            .spawn()
            .map_err(err)?;
        let Some(stdin) = child.stdin.take() else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(err(std::io::Error::other("no stdin pipe")));
        };
        let cap = if self.buffered { 1 << 16 } else { 0 };
        self.running = Some((child, BufWriter::with_capacity(cap, stdin)));
        Ok(())
    }
}

impl Sink for ProgramSink {
    fn name(&self) -> &str {
        "program"
    }

    fn output(&mut self, msg: &Message) -> Result<(), SinkError> {
        self.start()?;
        let mut line = Vec::with_capacity(msg.line.len() + 1);
        line.extend_from_slice(msg.line.as_bytes());
        line.push(b'\n');
        let res = match self.running.as_mut() {
            Some((_, stdin)) => stdin
                .write_all(&line)
                .map_err(SinkError::io("write to program")),
            None => Ok(()),
        };
        // A program that went away (broken pipe) is started again for the next alert.
        if res.is_err() || !self.keep_alive {
            let closed = self.cleanup();
            res?;
            closed?;
        }
        Ok(())
    }

    /// Closes the program's stdin and waits for it to exit (`pclose`).
    fn cleanup(&mut self) -> Result<(), SinkError> {
        let Some((mut child, mut stdin)) = self.running.take() else {
            return Ok(());
        };
        let flushed = stdin.flush().map_err(SinkError::io("write to program"));
        drop(stdin);
        let waited = child.wait().map_err(SinkError::io("wait for program"));
        flushed?;
        waited.map(|_| ())
    }

    fn reopen(&mut self) -> Result<(), SinkError> {
        self.cleanup()?;
        self.start()
    }
}

impl Drop for ProgramSink {
    fn drop(&mut self) {
        let _ = self.cleanup();
    }
}
