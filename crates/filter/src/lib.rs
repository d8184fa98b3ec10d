//! Falco's condition language: lexer/parser to an [`ast::Expr`], type checking against a field
//! catalogue supplied by the caller, compilation to a fast evaluator, and the event-type
//! derivation Falco uses to index rules.
//!
//! ```text
//! let ast = parse("evt.type = connect and fd.sip in (10.0.0.1, 10.0.0.2)")?;
//! let mut compiler = Compiler::new(&catalog);      // one per catalogue, shared by all rules
//! let filter = compiler.compile(&ast)?;
//! let mut cx = EvalContext::new();                 // one per event loop
//! for event in events {
//!     cx.next_event();
//!     let mut ex = MyExtractor::new(&event, &state); // implements Extractor
//!     if filter.eval(&mut cx, &mut ex) { /* alert */ }
//! }
//! ```
//! See [`field`] for the catalogue/extractor contract.
//!
//! A compiled filter runs as a flat program of tests and jumps. Sub-expressions shared by the
//! filters of one [`Compiler`] (the macros rules have in common) are evaluated once per event
//! through memo slots of the [`EvalContext`], cheap operands of `and`/`or` are tested first
//! ([`FieldCatalog::cost`]), and [`Compiler::specialize`] adds programs per event code in which
//! the checks the code decides (`evt.type`, [`FieldCatalog::code_value`]) are constants.

pub mod ast;
mod compile;
mod escaping;
mod evttype;
pub mod field;
mod guard;
mod literal;
mod matchers;
pub mod ops;
mod parser;
mod posix_regex;
mod print;
mod program;
mod transform;

pub use compile::{compile, CompileError, Compiler};
pub use escaping::escape;
pub use evttype::{event_codes, CodeSet, EventCodeError};
pub use field::{
    Extractor, FieldCatalog, FieldInfo, FieldType, Multiplicity, Value, ValueKind, Values,
};
pub use guard::{Guard, GuardState};
pub use literal::Net;
pub use parser::{parse, parse_with_max_depth, ParseError, DEFAULT_MAX_DEPTH};
pub use print::{condition_fields, condition_operators, operand_to_string, to_string};
pub use program::{CompileWarning, EvalContext, Filter};
