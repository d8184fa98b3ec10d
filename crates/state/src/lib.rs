//! peregrine-state
