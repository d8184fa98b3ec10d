//! Prints an AST the way Falco prints `condition_compiled`: every `and`/`or` node in
//! parentheses, single spaces around operators, values re-quoted only when needed.

use crate::ast::{Expr, FieldRef, Modifier, Operand, Rhs};
use crate::escaping::escape;

pub fn to_string(expr: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, expr);
    out
}

/// Prints a left-hand operand (field or transformer expression) on its own.
pub fn operand_to_string(op: &Operand) -> String {
    let mut out = String::new();
    write_operand(&mut out, op);
    out
}

fn write_expr(out: &mut String, expr: &Expr) {
    match expr {
        Expr::And(children) => write_logical(out, "and", children),
        Expr::Or(children) => write_logical(out, "or", children),
        Expr::Not(child) => {
            out.push_str("not ");
            write_expr(out, child);
        }
        Expr::Ident { name, .. } => out.push_str(name),
        Expr::Check {
            lhs,
            op,
            modifier,
            rhs,
            ..
        } => {
            write_operand(out, lhs);
            out.push(' ');
            out.push_str(op.as_str());
            if let Some(m) = modifier {
                out.push(' ');
                out.push_str(modifier_str(*m));
            }
            if let Some(rhs) = rhs {
                out.push(' ');
                write_rhs(out, rhs);
            }
        }
    }
}

pub(crate) fn modifier_str(m: Modifier) -> &'static str {
    match m {
        Modifier::OneOf => "oneof",
        Modifier::AnyOf => "anyof",
        Modifier::AllOf => "allof",
    }
}

fn write_logical(out: &mut String, op: &str, children: &[Expr]) {
    out.push('(');
    for (i, c) in children.iter().enumerate() {
        if i > 0 {
            out.push(' ');
            out.push_str(op);
            out.push(' ');
        }
        write_expr(out, c);
    }
    out.push(')');
}

fn write_rhs(out: &mut String, rhs: &Rhs) {
    match rhs {
        Rhs::Value(v) | Rhs::ListRef(v) => out.push_str(&escape(v)),
        Rhs::List(items) => {
            out.push('(');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&escape(v));
            }
            out.push(')');
        }
        Rhs::Operand(Operand::Field(f)) => {
            out.push_str("val(");
            write_field(out, f);
            out.push(')');
        }
        Rhs::Operand(op) => write_operand(out, op),
    }
}

fn write_arg(out: &mut String, arg: &Option<String>) {
    match arg {
        None => {}
        Some(a) if a.is_empty() => out.push_str("[\"\"]"),
        Some(a) => {
            out.push('[');
            out.push_str(&escape(a));
            out.push(']');
        }
    }
}

fn write_field(out: &mut String, f: &FieldRef) {
    out.push_str(&f.name);
    write_arg(out, &f.arg);
}

fn write_operand(out: &mut String, op: &Operand) {
    match op {
        Operand::Field(f) => write_field(out, f),
        Operand::Transform {
            func, args, arg, ..
        } => {
            out.push_str(func.name());
            out.push('(');
            write_operands(out, args);
            out.push(')');
            write_arg(out, arg);
        }
        Operand::Literal(v) => out.push_str(&escape(v)),
        Operand::List(items) => {
            out.push('(');
            write_operands(out, items);
            out.push(')');
        }
    }
}

fn write_operands(out: &mut String, items: &[Operand]) {
    for (i, a) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_operand(out, a);
    }
}

/// The field references of a condition as Falco lists them in `condition_fields`
/// (`proc.aname[2]`, `evt.arg.flags`), including those inside transformers and `val()`.
pub fn condition_fields(expr: &Expr) -> std::collections::BTreeSet<String> {
    fn operand(op: &Operand, out: &mut std::collections::BTreeSet<String>) {
        match op {
            Operand::Field(f) => {
                out.insert(match &f.arg {
                    Some(a) => format!("{}[{a}]", f.name),
                    None => f.name.clone(),
                });
            }
            Operand::Transform { args, .. } | Operand::List(args) => {
                args.iter().for_each(|a| operand(a, out))
            }
            Operand::Literal(_) => {}
        }
    }
    fn walk(e: &Expr, out: &mut std::collections::BTreeSet<String>) {
        match e {
            Expr::And(c) | Expr::Or(c) => c.iter().for_each(|x| walk(x, out)),
            Expr::Not(c) => walk(c, out),
            Expr::Ident { .. } => {}
            Expr::Check { lhs, rhs, .. } => {
                operand(lhs, out);
                if let Some(Rhs::Operand(op)) = rhs {
                    operand(op, out);
                }
            }
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(expr, &mut out);
    out
}

/// The operators of a condition as Falco lists them in `condition_operators`
/// (`=`, `in`, `startswith oneof`, ...).
pub fn condition_operators(expr: &Expr) -> std::collections::BTreeSet<String> {
    fn walk(e: &Expr, out: &mut std::collections::BTreeSet<String>) {
        match e {
            Expr::And(c) | Expr::Or(c) => c.iter().for_each(|x| walk(x, out)),
            Expr::Not(c) => walk(c, out),
            Expr::Ident { .. } => {}
            Expr::Check { op, modifier, .. } => {
                out.insert(match modifier {
                    Some(m) => format!("{} {}", op.as_str(), modifier_str(*m)),
                    None => op.as_str().to_string(),
                });
            }
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(expr, &mut out);
    out
}
