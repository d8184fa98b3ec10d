//! The peregrine command: wiring of sources, inspector, engine and outputs.

pub mod app;
pub mod cli;
pub mod config;
pub mod drops;
mod handoff;
pub mod list;
pub mod load;
pub mod logger;
pub mod replay;
pub mod source;
pub mod trace;
pub mod validate;
