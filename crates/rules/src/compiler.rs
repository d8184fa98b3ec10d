//! Turns the collected definitions into compiled lists, macros and rules: exceptions become
//! condition text, lists are substituted textually, macros at AST level, and every rule is
//! checked (output format, condition compile, event types) with Falco's diagnostics.

use crate::collector::{Collector, ExceptionInfo, LoadErr, Priority};
use crate::context::Context;
use crate::evtcodes::{event_codes, EventSet, EventTable, ASYNCEVENT_E};
use crate::fmt::{parse_format, FmtField, FmtToken};
use crate::result::{DeprecatedField, ErrorCode, LoadResult, WarningCode};
use peregrine_filter::ast::{Expr, Op, Operand, Pos, Rhs};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// A condition diagnostic at a parser/compiler position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CondMessage {
    pub message: String,
    pub pos: Pos,
}

/// What the loader needs from the condition compiler and the field catalogue.
pub trait Backend {
    /// The compiled, evaluable form of a condition.
    type Filter;
    /// Whether a field reference exists (for outputs and exception fields). The error text is
    /// libsinsp's (e.g. "filter_check called with nonexistent field x").
    fn check_field(&self, name: &str, arg: Option<&str>) -> Result<(), String>;
    /// Compile a macro-free condition; returns the filter and compiler warnings.
    fn compile(&self, expr: &Expr) -> Result<(Self::Filter, Vec<CondMessage>), CondMessage>;
    /// Prepare a freshly compiled rule filter for the event codes the ruleset will evaluate
    /// it on (its bucket codes); must not change its results.
    fn specialize(&self, _filter: &mut Self::Filter, _codes: &[u16]) {}
}

#[derive(Debug, Clone)]
pub struct CompiledList {
    pub name: String,
    /// Shared with the collector's list when no item names another list, so a large list is
    /// held once however often it is recompiled.
    pub items: Arc<Vec<String>>,
    pub used: bool,
}

#[derive(Debug, Clone)]
pub struct CompiledMacro {
    pub name: String,
    pub condition: Expr,
    pub used: bool,
}

#[derive(Debug)]
pub struct CompiledRule<F> {
    pub name: String,
    pub source: String,
    pub description: String,
    pub output: String,
    pub output_tokens: Vec<FmtToken>,
    pub priority: Priority,
    pub capture: bool,
    pub capture_duration: u32,
    pub tags: BTreeSet<String>,
    pub exception_fields: BTreeSet<String>,
    /// The condition after exceptions, lists and macros.
    pub condition: Expr,
    /// Shared with the previous compile's rule when its condition did not change (see
    /// [`Compiler::compile_reusing`]).
    pub filter: Arc<F>,
    pub event_codes: EventSet,
    /// What the backend reported when it compiled `filter`, replayed when it is reused.
    pub(crate) filter_warnings: Vec<CondMessage>,
}

#[derive(Debug)]
pub struct CompileOutput<F> {
    pub lists: Vec<CompiledList>,
    pub macros: Vec<CompiledMacro>,
    pub rules: Vec<CompiledRule<F>>,
}

pub const SYSCALL_SOURCE: &str = "syscall";

fn needs_quotes(e: &str) -> bool {
    e.contains(' ') && !e.starts_with('"') && !e.starts_with('\'')
}

fn quote_item(e: &mut String) {
    if needs_quotes(e) {
        *e = format!("\"{e}\"");
    }
}

fn paren_item(e: &mut String) {
    if !e.starts_with('(') {
        *e = format!("({e})");
    }
}

fn is_operator_for_list(op: &str) -> bool {
    matches!(op, "intersects" | "in" | "pmatch")
        || crate::collector::is_str_operator_with_modifier(op)
}

/// `(<cond>) and not <exception> ...`, exactly as Falco writes it.
fn build_exceptions(
    exceptions: &[ExceptionInfo],
    exception_fields: &mut BTreeSet<String>,
    condition: &mut String,
) -> Result<(), LoadErr> {
    *condition = format!("({condition})");
    for ex in exceptions {
        let mut icond = String::new();
        if !ex.fields.is_list {
            for val in &ex.values {
                if val.is_list {
                    return Err(LoadErr::validate(
                        "Expected values array to contain a list of strings",
                        &ex.ctx,
                    ));
                }
                if icond.is_empty() {
                    icond = format!("({} {} (", ex.fields.item, ex.comps.item);
                } else {
                    icond.push_str(", ");
                }
                exception_fields.insert(ex.fields.item.clone());
                let mut tmp = val.item.clone();
                quote_item(&mut tmp);
                icond.push_str(&tmp);
            }
            if !icond.is_empty() {
                icond.push_str("))");
            }
        } else {
            icond = "(".to_string();
            for values in &ex.values {
                if ex.fields.items.len() != values.items.len() {
                    return Err(LoadErr::validate(
                        "Fields and values lists must have equal length",
                        &ex.ctx,
                    ));
                }
                if icond != "(" {
                    icond.push_str(" or ");
                }
                icond.push('(');
                for (k, field) in ex.fields.items.iter().enumerate() {
                    if k > 0 {
                        icond.push_str(" and ");
                    }
                    let comp = ex
                        .comps
                        .items
                        .get(k)
                        .map(|c| c.item.as_str())
                        .unwrap_or("=");
                    let istr = if values.items[k].is_list {
                        let mut s = "(".to_string();
                        for v in &values.items[k].items {
                            let mut tmp = v.item.clone();
                            quote_item(&mut tmp);
                            if s != "(" {
                                s.push_str(", ");
                            }
                            s.push_str(&tmp);
                        }
                        s.push(')');
                        s
                    } else {
                        let mut s = values.items[k].item.clone();
                        if is_operator_for_list(comp) {
                            paren_item(&mut s);
                        } else {
                            quote_item(&mut s);
                        }
                        s
                    };
                    icond.push(' ');
                    icond.push_str(&field.item);
                    icond.push(' ');
                    icond.push_str(comp);
                    icond.push(' ');
                    icond.push_str(&istr);
                    exception_fields.insert(field.item.clone());
                }
                icond.push(')');
            }
            icond.push(')');
            if icond == "()" {
                icond.clear();
            }
        }
        if !icond.is_empty() {
            condition.push_str(" and not ");
            condition.push_str(&icond);
        }
    }
    Ok(())
}

/// Textual list substitution (`resolve_list`): every occurrence of the list name delimited by
/// start/end, blanks or `(),=` becomes the comma-joined items.
pub fn resolve_list(cnd: &mut String, name: &str, items: &[String]) -> bool {
    const BLANKS: &[u8] = b" \t\n\r";
    const DELIMS: &[u8] = b" \t\n\r(),=";
    if name.is_empty() {
        return false;
    }
    let mut used = false;
    let mut search_from = 0usize;
    let mut found = cnd
        .get(search_from..)
        .and_then(|s| s.find(name))
        .map(|i| i + search_from);
    while let Some(mut start) = found {
        let bytes = cnd.as_bytes();
        let mut end = start + name.len();
        let before_ok = start == 0 || DELIMS.contains(&bytes[start - 1]);
        let after_ok = end >= bytes.len() || DELIMS.contains(&bytes[end]);
        if before_ok && after_ok {
            while start > 0 && BLANKS.contains(&bytes[start - 1]) {
                start -= 1;
            }
            while end < bytes.len() && BLANKS.contains(&bytes[end]) {
                end += 1;
            }
            let mut sub = String::new();
            for v in items {
                if !sub.is_empty() {
                    sub.push_str(", ");
                }
                // `quote_item` without a copy per item: lists can have millions
                if needs_quotes(v) {
                    sub.push('"');
                    sub.push_str(v);
                    sub.push('"');
                } else {
                    sub.push_str(v);
                }
            }
            if sub.is_empty() {
                if start > 0 && bytes[start - 1] == b',' {
                    start -= 1;
                } else if end < bytes.len() && bytes[end] == b',' {
                    end += 1;
                }
            }
            let mut new_cnd = String::with_capacity(cnd.len() + sub.len() + 2);
            if start > 0 {
                new_cnd.push_str(&cnd[..start]);
                new_cnd.push(' ');
            }
            new_cnd.push_str(&sub);
            new_cnd.push(' ');
            if end <= cnd.len() {
                new_cnd.push_str(&cnd[end..]);
            }
            *cnd = new_cnd;
            start += sub.len() + 1;
            used = true;
        }
        search_from = start + 1;
        found = if search_from <= cnd.len() && cnd.is_char_boundary(search_from) {
            cnd[search_from..].find(name).map(|i| i + search_from)
        } else {
            next_boundary(cnd, search_from).and_then(|b| cnd[b..].find(name).map(|i| i + b))
        };
    }
    used
}

fn next_boundary(s: &str, mut i: usize) -> Option<usize> {
    while i <= s.len() {
        if s.is_char_boundary(i) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Bytes that end a list name in a condition (Falco's `resolve_list` delimiters).
const LIST_DELIMS: &[u8] = b" \t\n\r(),=";

fn is_list_delim(b: u8) -> bool {
    LIST_DELIMS.contains(&b)
}

/// The maximal runs of non-delimiters of `cnd`. A delimited occurrence of a name without
/// delimiters is exactly one of these runs, so a list whose name is not among them cannot be
/// substituted into `cnd`.
fn list_tokens(cnd: &str) -> impl Iterator<Item = &str> {
    cnd.split(|c: char| c.is_ascii() && is_list_delim(c as u8))
        .filter(|t| !t.is_empty())
}

/// Which compiled lists may occur in a condition, without searching every condition for every
/// list name.
struct ListLookup {
    /// Lists whose name contains a delimiter: always searched (the slow path).
    odd: Vec<usize>,
    /// Per list, once it has been substituted somewhere: the lists named by tokens of its
    /// substituted text, i.e. what a substitution can bring into a condition.
    refs: Vec<Option<Vec<usize>>>,
}

impl ListLookup {
    fn new(col: &Collector) -> ListLookup {
        let odd = col
            .lists
            .iter()
            .enumerate()
            .filter(|(_, l)| l.name.bytes().any(is_list_delim))
            .map(|(i, _)| i)
            .collect();
        ListLookup {
            odd,
            refs: vec![None; col.lists.len()],
        }
    }

    /// The lists that can be substituted into `cnd`, ascending.
    fn candidates(&self, col: &Collector, cnd: &str) -> Vec<usize> {
        let mut v: Vec<usize> = list_tokens(cnd)
            .filter_map(|t| col.lists.position(t))
            .chain(self.odd.iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The lists named in the text substituted for list `i`. Substitution keeps every other
    /// token of the condition (it pads with blanks), so these are the only new candidates.
    fn refs(&mut self, col: &Collector, i: usize, items: &[String]) -> &[usize] {
        self.refs[i].get_or_insert_with(|| {
            let mut v = Vec::new();
            let mut quoted = String::new();
            for item in items {
                let text = if needs_quotes(item) {
                    quoted.clear();
                    quoted.push('"');
                    quoted.push_str(item);
                    quoted.push('"');
                    quoted.as_str()
                } else {
                    item.as_str()
                };
                v.extend(list_tokens(text).filter_map(|t| col.lists.position(t)));
            }
            v.sort_unstable();
            v.dedup();
            v
        })
    }
}

/// Falco's list substitution: every list, in definition order, [`resolve_list`]-ed into the
/// text the previous ones left (an item may name a later list), trying only the lists that can
/// occur in it.
fn substitute_lists(
    cond: &mut String,
    col: &Collector,
    lookup: &mut ListLookup,
    lists: &mut [CompiledList],
) {
    let mut pending = lookup.candidates(col, cond);
    let mut k = 0;
    while let Some(&i) = pending.get(k) {
        k += 1;
        let Some(l) = lists.get_mut(i) else {
            continue;
        };
        if resolve_list(cond, &l.name, &l.items) {
            l.used = true;
            let new: Vec<usize> = lookup
                .refs(col, i, &l.items)
                .iter()
                .copied()
                .filter(|&j| j > i)
                .collect();
            if !new.is_empty() {
                pending.drain(..k);
                pending.extend(new);
                pending.sort_unstable();
                pending.dedup();
                k = 0;
            }
        }
    }
}

struct Resolver<'a> {
    infos: &'a crate::collector::Indexed<crate::collector::MacroInfo>,
    macros: &'a [CompiledMacro],
    /// Macros defined before this index are visible.
    visibility: usize,
    /// Indices of the macros being expanded, outermost first.
    path: Vec<usize>,
    errors: Vec<(String, Pos)>,
    unknown: Vec<(String, Pos)>,
    resolved: Vec<usize>,
}

impl<'a> Resolver<'a> {
    fn lookup(&self, name: &str) -> Option<(usize, &'a Expr)> {
        let i = self.infos.position(name)?;
        if self.infos.at(i)?.index >= self.visibility {
            return None;
        }
        let macros: &'a [CompiledMacro] = self.macros;
        macros.get(i).map(|m| (i, &m.condition))
    }

    /// Visit `e`; a returned expression replaces it (Falco's `m_node_substitute`).
    fn visit(&mut self, e: &mut Expr) -> Option<Expr> {
        match e {
            Expr::And(children) | Expr::Or(children) => {
                for c in children.iter_mut() {
                    if let Some(sub) = self.visit(c) {
                        *c = sub;
                    }
                }
                None
            }
            Expr::Not(child) => {
                if let Some(sub) = self.visit(child) {
                    **child = sub;
                }
                None
            }
            Expr::Check { .. } => None,
            Expr::Ident { name, pos } => {
                let Some((idx, body)) = self.lookup(name) else {
                    self.unknown.push((name.clone(), *pos));
                    return None;
                };
                if self.path.contains(&idx) {
                    self.errors
                        .push((format!("reference loop in macro '{name}'"), *pos));
                    self.unknown.push((name.clone(), *pos));
                    return None;
                }
                self.path.push(idx);
                let mut new_node = body.clone();
                let sub = self.visit(&mut new_node);
                self.resolved.push(idx);
                self.path.pop();
                Some(sub.unwrap_or(new_node))
            }
        }
    }
}

/// Deprecated fields and unsafe `<NA>` comparisons (Falco's filter warning resolver).
fn condition_warnings(
    expr: &Expr,
    deprecated: &mut BTreeSet<DeprecatedField>,
    unsafe_na: &mut bool,
) {
    fn operand_fields<'a>(o: &'a Operand, out: &mut Vec<&'a str>) {
        match o {
            Operand::Field(f) => out.push(&f.name),
            Operand::Transform { args, .. } | Operand::List(args) => {
                for a in args {
                    operand_fields(a, out);
                }
            }
            Operand::Literal(_) => {}
        }
    }
    match expr {
        Expr::And(c) | Expr::Or(c) => {
            for e in c {
                condition_warnings(e, deprecated, unsafe_na);
            }
        }
        Expr::Not(c) => condition_warnings(c, deprecated, unsafe_na),
        Expr::Ident { .. } => {}
        Expr::Check { lhs, op, rhs, .. } => {
            let mut fields = Vec::new();
            operand_fields(lhs, &mut fields);
            let mut last_unsafe = false;
            for f in &fields {
                last_unsafe = f.starts_with("ka.") || f.starts_with("jevt.");
                if let Some(df) = DeprecatedField::from_name(f) {
                    deprecated.insert(df);
                }
            }
            let equality = matches!(op, Op::Eq | Op::Ne | Op::In | Op::Intersects | Op::PMatch);
            if last_unsafe && equality {
                match rhs {
                    Some(Rhs::Value(v)) | Some(Rhs::ListRef(v)) if v == "<NA>" => *unsafe_na = true,
                    Some(Rhs::List(vs)) if vs.iter().any(|v| v == "<NA>") => *unsafe_na = true,
                    Some(Rhs::Operand(o)) => {
                        let mut rf = Vec::new();
                        operand_fields(o, &mut rf);
                        for f in rf {
                            if let Some(df) = DeprecatedField::from_name(f) {
                                deprecated.insert(df);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn err_is_unknown_type_or_field(err: &str) -> bool {
    err.contains("nonexistent field")
        || err.contains("invalid formatting token")
        || err.contains("unknown event type")
        || err.contains("unknown filter:")
}

/// Split `name[arg]` (as written in exception fields).
pub fn split_field_arg(field: &str) -> (&str, Option<&str>) {
    match field.find('[') {
        Some(i) if field.ends_with(']') => (&field[..i], Some(&field[i + 1..field.len() - 1])),
        _ => (field, None),
    }
}

pub struct Compiler<'a, B: Backend> {
    pub backend: &'a B,
    pub events: &'a dyn EventTable,
}

struct ParsedCond {
    ast: Expr,
}

impl<B: Backend> Compiler<'_, B> {
    fn parse_condition(
        &self,
        condition: &str,
        col: &Collector,
        lookup: &mut ListLookup,
        lists: &mut [CompiledList],
        ctx: &Context,
    ) -> Result<ParsedCond, LoadErr> {
        let mut cond = condition.to_string();
        substitute_lists(&mut cond, col, lookup, lists);
        match peregrine_filter::parse(&cond) {
            Ok(ast) => Ok(ParsedCond { ast }),
            Err(e) => Err(LoadErr::new(
                ErrorCode::CompileCondition,
                e.message,
                &ctx.condition(e.pos.offset, e.pos.line, e.pos.col, &cond),
            )),
        }
    }

    fn resolve_macros(
        &self,
        col: &Collector,
        macros: &mut [CompiledMacro],
        ast: &mut Expr,
        condition: &str,
        visibility: usize,
        ctx: &Context,
    ) -> Result<(), LoadErr> {
        let (errors, unknown, resolved) = {
            let mut r = Resolver {
                infos: &col.macros,
                macros,
                visibility,
                path: Vec::new(),
                errors: Vec::new(),
                unknown: Vec::new(),
                resolved: Vec::new(),
            };
            let sub = r.visit(ast);
            if let Some(sub) = sub {
                *ast = sub;
            }
            (r.errors, r.unknown, r.resolved)
        };
        if let Some((msg, pos)) = errors.first() {
            return Err(LoadErr::validate(
                msg.clone(),
                &ctx.condition(pos.offset, pos.line, pos.col, condition),
            ));
        }
        if let Some((name, pos)) = unknown.first() {
            return Err(LoadErr::validate(
                format!("Undefined macro '{name}' used in filter."),
                &ctx.condition(pos.offset, pos.line, pos.col, condition),
            ));
        }
        for i in resolved {
            if let Some(m) = macros.get_mut(i) {
                m.used = true;
            }
        }
        Ok(())
    }

    fn check_output(&self, fmt: &str) -> Result<Vec<FmtToken>, String> {
        let b = self.backend;
        let mut check = |f: &FmtField| b.check_field(&f.name, f.arg.as_deref());
        parse_format(fmt, &mut check)
    }

    /// Compile everything collected so far. Diagnostics go to `res`; `None` on error.
    pub fn compile(
        &self,
        res: &mut LoadResult,
        col: &Collector,
    ) -> Option<CompileOutput<B::Filter>> {
        self.compile_reusing(res, col, &[])
    }

    /// [`Compiler::compile`], taking over the filter of a `previous` rule (compiled by the same
    /// backend) whose final condition is unchanged instead of compiling it again. The backend
    /// compile is a function of that condition alone, so diagnostics and results are the same;
    /// this is what keeps loading file after file (each load recompiles everything) from
    /// rebuilding the sets of large lists loaded earlier.
    pub fn compile_reusing(
        &self,
        res: &mut LoadResult,
        col: &Collector,
        previous: &[Arc<CompiledRule<B::Filter>>],
    ) -> Option<CompileOutput<B::Filter>> {
        let previous: HashMap<&str, &CompiledRule<B::Filter>> =
            previous.iter().map(|r| (r.name.as_str(), &**r)).collect();
        let mut out = CompileOutput {
            lists: Vec::new(),
            macros: Vec::new(),
            rules: Vec::new(),
        };
        match self.compile_all(res, col, &previous, &mut out) {
            Ok(()) => {}
            Err(e) => {
                res.error(e.code, e.message, e.ctx);
                return None;
            }
        }
        for m in &out.macros {
            if !m.used {
                if let Some(info) = col.macros.get(&m.name) {
                    res.warn(
                        WarningCode::UnusedMacro,
                        "Macro not referred to by any other rule/macro",
                        info.ctx.clone(),
                    );
                }
            }
        }
        for l in &out.lists {
            if !l.used {
                if let Some(info) = col.lists.get(&l.name) {
                    res.warn(
                        WarningCode::UnusedList,
                        "List not referred to by any other rule/macro",
                        info.ctx.clone(),
                    );
                }
            }
        }
        Some(out)
    }

    fn compile_all(
        &self,
        res: &mut LoadResult,
        col: &Collector,
        previous: &HashMap<&str, &CompiledRule<B::Filter>>,
        out: &mut CompileOutput<B::Filter>,
    ) -> Result<(), LoadErr> {
        // lists: one level of list-in-list expansion, honouring definition order
        let mut used_names: Vec<String> = Vec::new();
        for list in col.lists.iter() {
            let expands = |item: &String| col.lists.get(item).filter(|r| r.index < list.visibility);
            let items = if list.items.iter().any(|i| expands(i).is_some()) {
                let mut items = Vec::with_capacity(list.items.len());
                for item in list.items.iter() {
                    match expands(item) {
                        Some(r) => {
                            used_names.push(r.name.clone());
                            items.extend(r.items.iter().cloned());
                        }
                        None => items.push(item.clone()),
                    }
                }
                Arc::new(items)
            } else {
                Arc::clone(&list.items)
            };
            out.lists.push(CompiledList {
                name: list.name.clone(),
                items,
                used: false,
            });
        }
        for name in used_names {
            if let Some(l) = out.lists.iter_mut().find(|l| l.name == name) {
                l.used = true;
            }
        }

        let mut lookup = ListLookup::new(col);

        // macros: parse all, then resolve each against the macros visible to it
        for m in col.macros.iter() {
            let p = self.parse_condition(&m.cond, col, &mut lookup, &mut out.lists, &m.cond_ctx)?;
            out.macros.push(CompiledMacro {
                name: m.name.clone(),
                condition: p.ast,
                used: false,
            });
        }
        for i in 0..out.macros.len() {
            let Some(info) = col.macros.at(i) else {
                continue;
            };
            // A macro only sees itself (a loop) once redefined or appended to; otherwise its
            // body is not needed while it is resolved and can be moved out.
            let mut ast = if info.index < info.visibility {
                out.macros[i].condition.clone()
            } else {
                std::mem::replace(&mut out.macros[i].condition, Expr::And(Vec::new()))
            };
            self.resolve_macros(
                col,
                &mut out.macros,
                &mut ast,
                &info.cond,
                info.visibility,
                &info.ctx,
            )?;
            out.macros[i].condition = ast;
        }

        for r in col.rules.iter() {
            if r.unknown_source {
                continue;
            }
            let mut exception_fields = BTreeSet::new();
            let mut condition = r.cond.clone();
            if !r.exceptions.is_empty() {
                build_exceptions(&r.exceptions, &mut exception_fields, &mut condition)?;
            }
            let mut output = r.output.clone();
            if output.contains("%container.info") {
                res.warn(
                    WarningCode::DeprecatedItem,
                    "%container.info is deprecated and no more useful, and will be dropped by Falco 1.0.0. The container plugin will automatically add required fields to the output message.",
                    r.ctx.clone(),
                );
                output = output.replace("%container.info", "");
            }
            let output_tokens = match self.check_output(&output) {
                Ok(t) => t,
                Err(err) => {
                    if err_is_unknown_type_or_field(&err) && r.skip_if_unknown_filter {
                        res.warn(WarningCode::UnknownFilter, err, r.output_ctx.clone());
                        continue;
                    }
                    return Err(LoadErr::new(ErrorCode::CompileOutput, err, &r.output_ctx));
                }
            };
            for df in DeprecatedField::ALL {
                if output.contains(df.name()) {
                    res.warn_deprecated(
                        df,
                        format!(
                            "usage of deprecated field '{}' has been detected in the rule output",
                            df.name()
                        ),
                        r.output_ctx.clone(),
                    );
                }
            }

            let mut parsed =
                self.parse_condition(&condition, col, &mut lookup, &mut out.lists, &r.cond_ctx)?;
            self.resolve_macros(
                col,
                &mut out.macros,
                &mut parsed.ast,
                &condition,
                usize::MAX,
                &r.ctx,
            )?;
            let ast = parsed.ast;

            let mut deprecated = BTreeSet::new();
            let mut unsafe_na = false;
            condition_warnings(&ast, &mut deprecated, &mut unsafe_na);
            let wctx = || r.cond_ctx.condition(0, 0, 0, &condition);
            if unsafe_na {
                res.warn(WarningCode::UnsafeNaCheck, "", wctx());
            }
            for df in &deprecated {
                res.warn_deprecated(*df, df.desc(), wctx());
            }

            let reusable = previous.get(r.name.as_str()).filter(|p| p.condition == ast);
            let compiled = match reusable {
                Some(p) => Ok((
                    RuleFilter::Reused(Arc::clone(&p.filter)),
                    p.filter_warnings.clone(),
                )),
                None => self
                    .backend
                    .compile(&ast)
                    .map(|(f, w)| (RuleFilter::Fresh(f), w)),
            };
            let (filter, warnings) = match compiled {
                Ok(v) => v,
                Err(e) => {
                    let ctx = r
                        .cond_ctx
                        .condition(e.pos.offset, e.pos.line, e.pos.col, &condition);
                    if err_is_unknown_type_or_field(&e.message) && r.skip_if_unknown_filter {
                        res.warn(WarningCode::UnknownFilter, e.message, ctx);
                        continue;
                    }
                    return Err(LoadErr::new(ErrorCode::CompileCondition, e.message, &ctx));
                }
            };
            for w in &warnings {
                res.warn(
                    WarningCode::CompileCondition,
                    w.message.clone(),
                    r.cond_ctx
                        .condition(w.pos.offset, w.pos.line, w.pos.col, &condition),
                );
            }

            let codes = if r.source == SYSCALL_SOURCE {
                let codes = event_codes(self.events, &ast).map_err(|e| {
                    LoadErr::new(
                        ErrorCode::CompileCondition,
                        e.0,
                        &r.cond_ctx.condition(0, 0, 0, &condition),
                    )
                })?;
                // Falco 0.44.1 also warns on an empty set (statically unsatisfiable conditions)
                if (codes.is_empty() || codes.len() > 100) && r.warn_evttypes {
                    res.warn(
                        WarningCode::NoEvttype,
                        "Rule matches too many evt.type values. This has a significant performance penalty.",
                        r.ctx.clone(),
                    );
                }
                codes
            } else {
                EventSet::empty()
            };
            // A reused filter was specialised for the same codes: its condition is the same.
            let filter = match filter {
                RuleFilter::Reused(f) => f,
                RuleFilter::Fresh(mut f) => {
                    self.backend.specialize(&mut f, &bucket_codes(&codes));
                    Arc::new(f)
                }
            };

            out.rules.push(CompiledRule {
                name: r.name.clone(),
                source: r.source.clone(),
                description: r.desc.clone(),
                output,
                output_tokens,
                priority: r.priority,
                capture: r.capture,
                capture_duration: r.capture_duration,
                tags: r.tags.clone(),
                exception_fields,
                condition: ast,
                filter,
                event_codes: codes,
                filter_warnings: warnings,
            });
        }
        Ok(())
    }
}

/// A rule's filter: the previous compile's, or compiled now and not yet specialised.
enum RuleFilter<F> {
    Reused(Arc<F>),
    Fresh(F),
}

/// The codes under which [`crate::Ruleset`] files a rule with `codes`.
pub(crate) fn bucket_codes(codes: &EventSet) -> Vec<u16> {
    let mut v: Vec<u16> = codes.iter().collect();
    if !v.contains(&ASYNCEVENT_E) {
        v.push(ASYNCEVENT_E);
    }
    v
}

/// The production backend: peregrine-filter's compiler over a caller-supplied field catalogue.
/// One compiler is shared by all rules so identical field reads share extraction slots.
pub struct FilterBackend<'a> {
    catalog: &'a dyn peregrine_filter::FieldCatalog,
    compiler: std::cell::RefCell<peregrine_filter::Compiler<'a>>,
}

impl<'a> FilterBackend<'a> {
    pub fn new(catalog: &'a dyn peregrine_filter::FieldCatalog) -> FilterBackend<'a> {
        FilterBackend {
            catalog,
            compiler: std::cell::RefCell::new(peregrine_filter::Compiler::new(catalog)),
        }
    }
}

impl Backend for FilterBackend<'_> {
    type Filter = peregrine_filter::Filter;

    fn check_field(&self, name: &str, arg: Option<&str>) -> Result<(), String> {
        self.catalog.resolve(name, arg).map(|_| ())
    }

    fn compile(&self, expr: &Expr) -> Result<(Self::Filter, Vec<CondMessage>), CondMessage> {
        let mut c = self.compiler.borrow_mut();
        match c.compile(expr) {
            Ok(f) => {
                let w = f
                    .warnings()
                    .iter()
                    .map(|w| CondMessage {
                        message: w.message.clone(),
                        pos: w.pos,
                    })
                    .collect();
                Ok((f, w))
            }
            Err(e) => Err(CondMessage {
                message: e.message,
                pos: e.pos,
            }),
        }
    }

    fn specialize(&self, filter: &mut Self::Filter, codes: &[u16]) {
        self.compiler
            .borrow_mut()
            .specialize(filter, codes.iter().copied());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_substitution() {
        let mut c = "proc.name in (my_list) and fd.name=my_list_x".to_string();
        assert!(resolve_list(&mut c, "my_list", &["a".into(), "b c".into()]));
        assert_eq!(c, "proc.name in ( a, \"b c\" ) and fd.name=my_list_x");
        let mut e = "proc.name in (x, empty)".to_string();
        assert!(resolve_list(&mut e, "empty", &[]));
        assert_eq!(e, "proc.name in (x  )");
    }

    /// The candidate-driven substitution against the plain one (every list, in order) on
    /// conditions made of list names, near-names, delimiters and other text, with lists whose
    /// items name other lists (earlier and later), are empty, need quotes, or whose names hold
    /// delimiters or non-ASCII text.
    #[test]
    fn list_substitution_candidates_match_every_list_in_order() {
        let defs: &[(&str, &[&str])] = &[
            ("a", &["x", "c"]),
            ("ab", &["a"]),
            ("b c", &["q"]),
            ("x(y", &["a", "é"]),
            ("", &["never"]),
            ("c", &["d", "y z"]),
            ("d", &[]),
            ("é", &["a", "ab"]),
            ("a.b", &["\"quoted d\"", "d"]),
            ("d2", &["c", "d"]),
        ];
        let mut col = Collector::new();
        for (name, items) in defs {
            col.define_list(crate::collector::ListInfo {
                ctx: Context::root("t"),
                index: 0,
                visibility: 0,
                name: name.to_string(),
                items: Arc::new(items.iter().map(|s| s.to_string()).collect()),
            });
        }
        let fresh = || -> Vec<CompiledList> {
            col.lists
                .iter()
                .map(|l| CompiledList {
                    name: l.name.clone(),
                    items: Arc::clone(&l.items),
                    used: false,
                })
                .collect()
        };
        let pieces = [
            "a",
            "ab",
            "b",
            "c",
            "b c",
            "x(y",
            "x",
            "d",
            "d2",
            "é",
            "a.b",
            "aa",
            "proc.name",
            " ",
            "  ",
            "\t",
            "\n",
            "(",
            ")",
            ",",
            "=",
            "in",
            "\"",
            "'",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut lookup = ListLookup::new(&col);
        for _ in 0..4000 {
            let mut cond = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 12) as usize + 1;
            let mut r = seed;
            for _ in 0..n {
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                cond.push_str(pieces[(r >> 33) as usize % pieces.len()]);
            }
            let mut want = cond.clone();
            let mut want_lists = fresh();
            for l in want_lists.iter_mut() {
                if resolve_list(&mut want, &l.name, &l.items) {
                    l.used = true;
                }
            }
            let mut got = cond.clone();
            let mut got_lists = fresh();
            substitute_lists(&mut got, &col, &mut lookup, &mut got_lists);
            assert_eq!(got, want, "condition {cond:?}");
            let used = |v: &[CompiledList]| v.iter().map(|l| l.used).collect::<Vec<_>>();
            assert_eq!(used(&got_lists), used(&want_lists), "condition {cond:?}");
        }
    }
}
