//! Falco's condition language: lexer/parser to an [`ast::Expr`], type checking against a field
//! catalogue supplied by the caller, and compilation to a fast evaluator.

pub mod ast;
mod escaping;
mod parser;
mod print;

pub use escaping::escape;
pub use parser::{parse, parse_with_max_depth, ParseError, DEFAULT_MAX_DEPTH};
pub use print::{operand_to_string, to_string};
