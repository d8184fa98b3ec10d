//! Falco-shaped alerts: rule output formats, the text and JSON alert lines, the end-of-run
//! summary, and the alert channels (stdout, file, program, syslog, http) behind a queue.
//!
//! ```text
//! OutputFormat::compile(rule.output)      once per rule, at load time
//! AlertRenderer::alert(.., &cx, &fmt, &mut line)   per match
//! Outputs::send(Message { line, .. })     to the worker thread and every channel
//! Summary::record(rule_id, priority)      and Summary::render() when the replay ends
//! ```

mod alert;
pub mod format;
pub mod json;
mod outputs;
mod priority;
pub mod sinks;
mod summary;

pub use alert::{hostname, AlertRenderer, ExtraField, OutputConfig};
pub use format::{strip_container_info, OutputError, OutputFormat, CONTAINER_INFO_WARNING};
pub use json::{JsonFields, JsonValue};
pub use outputs::{
    stderr_logger, LogLevel, Logger, OutputStats, Outputs, OutputsConfig, SinkStats,
};
pub use priority::Priority;
pub use sinks::{Message, Sink, SinkConfig, SinkError};
pub use summary::Summary;
