//! The peregrine command: wiring of sources, inspector, engine and outputs.

pub mod cli;
pub mod trace;
