//! The one event schema shared by every source (scap replay, live eBPF) and every consumer.
//!
//! An event is kept in the scap on-disk encoding (v2 header with `nparams`, then the parameter
//! length array, then the parameter bytes). Keeping the wire form as the in-memory form means
//! replay is zero-copy, the recorder writes events back verbatim, and the eBPF side only has to
//! produce the same bytes.

pub mod decode;
pub mod event;
pub mod names;
pub mod ppme;
pub mod render;
pub mod table;
pub mod types;

pub use event::{Event, EventBuf, EventError};
pub use table::{info, EventInfo, ParamInfo, EVENT_TABLE};
pub use types::{Category, Direction, ParamExtra, ParamType, PrintFmt};
