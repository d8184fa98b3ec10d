//! Falco's field catalogue and extraction: `evt.*`, `proc.*`, `thread.*`, `user.*`, `group.*`,
//! `fd.*`, `fs.path.*`, `container.id`, from an event plus the inspector's state; and `%field`
//! format strings shared by `peregrine trace -p` and rule outputs.

mod args;
pub mod catalog;
pub mod descriptions;
pub mod extract;
pub mod filter_glue;
pub mod format;
mod render;
pub mod request;
pub mod time;
pub mod value;

pub use catalog::{Fid, FieldDef, FieldType, FIELDS};
pub use extract::{extract, EvalCtx};
pub use format::{Format, FormatError};
pub use request::{resolve, Arg, FieldError, FieldReq};
pub use value::Value;
