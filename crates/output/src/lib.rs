//! peregrine-output
