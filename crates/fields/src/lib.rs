//! peregrine-fields
