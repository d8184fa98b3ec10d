//! peregrine-scap
