//! peregrine-rules
