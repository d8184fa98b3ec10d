//! Operator spellings, for callers that validate operators outside a condition (rule
//! exceptions' `comps`).

use crate::ast::{Modifier, Op};

/// Every check operator, as libsinsp lists them.
pub const SUPPORTED_OPERATORS: &[&str] = &[
    "exists",
    "<=",
    "<",
    ">=",
    ">",
    "==",
    "=",
    "!=",
    "glob",
    "iglob",
    "contains",
    "icontains",
    "bcontains",
    "startswith",
    "bstartswith",
    "endswith",
    "regex",
    "intersects",
    "in",
    "pmatch",
];

/// Operators whose right-hand side is a list.
pub const LIST_OPERATORS: &[&str] = &["intersects", "in", "pmatch"];

/// Operators that accept a `oneof`/`anyof`/`allof` modifier.
pub const MODIFIABLE_OPERATORS: &[&str] = &[
    "==",
    "=",
    "!=",
    "glob",
    "iglob",
    "contains",
    "icontains",
    "bcontains",
    "startswith",
    "bstartswith",
    "endswith",
    "regex",
];

pub fn parse_op(s: &str) -> Option<Op> {
    Some(match s {
        "=" | "==" => Op::Eq,
        "!=" => Op::Ne,
        "<" => Op::Lt,
        "<=" => Op::Le,
        ">" => Op::Gt,
        ">=" => Op::Ge,
        "contains" => Op::Contains,
        "icontains" => Op::IContains,
        "bcontains" => Op::BContains,
        "startswith" => Op::StartsWith,
        "bstartswith" => Op::BStartsWith,
        "endswith" => Op::EndsWith,
        "glob" => Op::Glob,
        "iglob" => Op::IGlob,
        "regex" => Op::Regex,
        "in" => Op::In,
        "intersects" => Op::Intersects,
        "pmatch" => Op::PMatch,
        "exists" => Op::Exists,
        _ => return None,
    })
}

pub fn parse_modifier(s: &str) -> Option<Modifier> {
    Some(match s {
        "oneof" => Modifier::OneOf,
        "anyof" => Modifier::AnyOf,
        "allof" => Modifier::AllOf,
        _ => return None,
    })
}

/// Parses `op` or `op modifier` (one space), accepting a modifier only after an operator
/// that takes one.
pub fn parse_operator(s: &str) -> Option<(Op, Option<Modifier>)> {
    match s.split_once(' ') {
        None => parse_op(s).map(|op| (op, None)),
        Some((op, m)) => {
            if !MODIFIABLE_OPERATORS.contains(&op) {
                return None;
            }
            Some((parse_op(op)?, Some(parse_modifier(m)?)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators() {
        assert_eq!(parse_operator("=="), Some((Op::Eq, None)));
        assert_eq!(
            parse_operator("startswith oneof"),
            Some((Op::StartsWith, Some(Modifier::OneOf)))
        );
        assert_eq!(parse_operator("in oneof"), None);
        assert_eq!(parse_operator(">= oneof"), None);
        assert_eq!(parse_operator("frobulate oneof"), None);
        assert_eq!(parse_operator("oneof"), None);
        assert_eq!(parse_operator("= sometimes"), None);
        for op in SUPPORTED_OPERATORS {
            assert!(parse_op(op).is_some(), "{op}");
        }
    }
}
