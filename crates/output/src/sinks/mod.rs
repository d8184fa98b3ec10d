//! Alert channels (Falco's `*_output` config blocks). Each one receives finished lines from
//! the outputs worker thread.

mod file;
mod http;
mod program;
mod stdout;
mod syslog;

use std::path::PathBuf;
use std::time::Duration;

pub use file::FileSink;
pub use http::{HttpSink, HttpUrl};
pub use program::ProgramSink;
pub use stdout::StdoutSink;
pub use syslog::{syslog_frame, SyslogSink};

use crate::priority::Priority;

/// One alert (or internal message) as the channels see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Event time, nanoseconds since the epoch.
    pub ts: u64,
    pub priority: Priority,
    pub rule: String,
    pub source: String,
    /// The rendered line, text or JSON, without trailing newline.
    pub line: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error("failed to open output file {path}: {source}")]
    OpenFile {
        path: String,
        source: std::io::Error,
    },
    #[error("Failed to open program output: {program} (error: {source})")]
    OpenProgram {
        program: String,
        source: std::io::Error,
    },
    #[error("{context}: {source}")]
    Io {
        context: &'static str,
        source: std::io::Error,
    },
    #[error("invalid url '{0}': {1}")]
    BadUrl(String, &'static str),
    #[error("http server answered {0}")]
    HttpStatus(u16),
    #[error("malformed http response: {0}")]
    HttpResponse(&'static str),
    #[error(
        "No output configured, please make sure at least one output is configured and enabled."
    )]
    NoOutputs,
}

impl SinkError {
    pub(crate) fn io(context: &'static str) -> impl FnOnce(std::io::Error) -> SinkError {
        move |source| SinkError::Io { context, source }
    }
}

/// An alert channel. Called from the outputs worker thread only.
pub trait Sink: Send {
    /// The name Falco logs for the channel (`stdout`, `file`, `program`, `syslog`, `http`).
    fn name(&self) -> &str;
    /// Delivers one message.
    fn output(&mut self, msg: &Message) -> Result<(), SinkError>;
    /// Flushes and releases what the channel holds open (end of run, `cleanup`).
    fn cleanup(&mut self) -> Result<(), SinkError> {
        Ok(())
    }
    /// Closes and opens again (log rotation, SIGUSR1 in Falco).
    fn reopen(&mut self) -> Result<(), SinkError> {
        self.cleanup()
    }
}

/// The channels of `falco.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinkConfig {
    /// `stdout_output`.
    Stdout,
    /// `file_output {filename, keep_alive}`.
    File { filename: PathBuf, keep_alive: bool },
    /// `program_output {program, keep_alive}`: run through `sh -c`, alerts on its stdin.
    Program { program: String, keep_alive: bool },
    /// `syslog_output`: RFC 3164 datagrams to `socket` (normally `/dev/log`), facility user,
    /// tagged `ident`.
    Syslog { socket: PathBuf, ident: String },
    /// `http_output {url, user_agent, max_consecutive_timeouts}`; plain `http://` only.
    Http {
        url: String,
        user_agent: String,
        max_consecutive_timeouts: u8,
        timeout: Duration,
    },
}

impl SinkConfig {
    /// `syslog_output` with the defaults glibc's `syslog(3)` uses: `/dev/log`, tagged with
    /// the program's name.
    pub fn syslog_default() -> SinkConfig {
        let ident = std::env::args()
            .next()
            .and_then(|a| a.rsplit('/').next().map(str::to_string))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "peregrine".to_string());
        SinkConfig::Syslog {
            socket: PathBuf::from("/dev/log"),
            ident,
        }
    }

    /// `http_output` with Falco's default user agent and retry count.
    pub fn http(url: impl Into<String>) -> SinkConfig {
        SinkConfig::Http {
            url: url.into(),
            user_agent: "falcosecurity/falco".to_string(),
            max_consecutive_timeouts: 5,
            timeout: Duration::from_secs(10),
        }
    }

    /// Builds the channel. `buffered` is `buffered_outputs`; `json_output` picks the HTTP
    /// content type.
    pub fn build(&self, buffered: bool, json_output: bool) -> Result<Box<dyn Sink>, SinkError> {
        Ok(match self {
            SinkConfig::Stdout => Box::new(StdoutSink::new(buffered)),
            SinkConfig::File {
                filename,
                keep_alive,
            } => Box::new(FileSink::new(filename.clone(), *keep_alive, buffered)),
            SinkConfig::Program {
                program,
                keep_alive,
            } => Box::new(ProgramSink::new(program.clone(), *keep_alive, buffered)),
            SinkConfig::Syslog { socket, ident } => {
                Box::new(SyslogSink::new(socket.clone(), ident.clone()))
            }
            SinkConfig::Http {
                url,
                user_agent,
                max_consecutive_timeouts,
                timeout,
            } => {
                let mut s = HttpSink::new(url, user_agent.clone(), json_output)?;
                s.set_timeout(*timeout);
                s.set_max_consecutive_timeouts(*max_consecutive_timeouts);
                Box::new(s)
            }
        })
    }
}
