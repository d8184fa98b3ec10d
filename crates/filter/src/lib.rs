//! Falco's condition language: lexer/parser to an [`ast::Expr`], type checking against a field
//! catalogue supplied by the caller, and compilation to a fast evaluator.

pub mod ast;
