//! Streaming reader and writer for scap capture files (`.scap`, as written by sysdig/Falco).
//!
//! The reader hands out blocks one at a time from a single reusable buffer, so memory does not
//! grow with the file; events are zero-copy [`peregrine_event::Event`] views in v2 layout (old
//! v1 events are converted in place). The writer produces the current (v1.2) layout.

pub mod blocks;
mod decode;
mod encode;
pub mod error;
pub mod fold;
mod reader;
pub mod select;
mod source;
pub mod types;
mod writer;

pub use blocks::{block_type_name, BlockKind};
pub use error::{ScapError, WriteError};
pub use fold::{FoldError, FoldStats, Folded, Folder, Pushed};
pub use reader::{Block, Reader, ReaderStats};
pub use select::RuleSelector;
pub use types::*;
pub use writer::Writer;
