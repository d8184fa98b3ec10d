//! Type checking and compilation of an AST into a [`Filter`], with libsinsp's error texts.

use crate::ast::{Expr, FieldRef, Modifier, Op, Operand, Pos, Rhs, Transformer};
use crate::field::{FieldCatalog, FieldInfo, FieldType, Multiplicity, ValueKind, Values};
use crate::literal::{parse_literal, unhex, Lit, Net};
use crate::matchers::{AffixSet, Glob, IContains, NetSet, PathSet, StrSet, Substring};
use crate::print::operand_to_string;
use crate::program::{
    Check, CheckKind, CmpOp, Combine, CompileWarning, Filter, Node, Plan, Pred, Program,
    TransformKind,
};
use crate::transform::{transform_type, OptInfo};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::hash_map::Entry;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CompileError {
    pub message: String,
    pub pos: Pos,
}

fn err<T>(message: impl Into<String>, pos: Pos) -> Result<T, CompileError> {
    Err(CompileError {
        message: message.into(),
        pos,
    })
}

/// Compiles filters against one catalogue, giving every distinct field or transformer
/// expression one cache slot shared by all filters it builds, so an [`crate::EvalContext`]
/// extracts each of them at most once per event whatever the number of rules using it.
///
/// It also numbers every distinct sub-expression (a check by its text, `and`/`or`/`not` by
/// their operands' numbers). Identical sub-expressions of different filters (the macros all
/// rules share) get the same number, which is their memo slot: an [`crate::EvalContext`]
/// evaluates each of them at most once per event.
pub struct Compiler<'a> {
    catalog: &'a dyn FieldCatalog,
    slots: FxHashMap<String, u32>,
    keys: FxHashMap<NodeKey, u32>,
    next_key: u32,
    owner: u64,
    /// Every check compiled so far by its number: the checks of shared macros recur in many
    /// rules (and in every recompile of a rules load), and compiling one again would give the
    /// same check.
    checks: FxHashMap<u32, CachedCheck>,
}

/// A compiled check with what it was compiled from.
struct CachedCheck {
    lhs: Operand,
    op: Op,
    modifier: Option<Modifier>,
    rhs: Option<Rhs>,
    check: Arc<Check>,
    /// The messages of its warnings (they are reported at the position of each occurrence).
    warnings: Box<[String]>,
}

impl CachedCheck {
    /// Whether this is the check `lhs op modifier rhs`. Positions do not count: a check
    /// compiled without error does not depend on them.
    fn is(&self, lhs: &Operand, op: Op, modifier: Option<Modifier>, rhs: Option<&Rhs>) -> bool {
        self.op == op
            && self.modifier == modifier
            && same_operand(&self.lhs, lhs)
            && match (&self.rhs, rhs) {
                (None, None) => true,
                (Some(Rhs::Operand(a)), Some(Rhs::Operand(b))) => same_operand(a, b),
                (Some(Rhs::Operand(_)), _) | (_, Some(Rhs::Operand(_))) => false,
                (Some(a), Some(b)) => a == b,
                _ => false,
            }
    }
}

/// Operand equality without positions.
fn same_operand(a: &Operand, b: &Operand) -> bool {
    match (a, b) {
        (Operand::Field(x), Operand::Field(y)) => x.name == y.name && x.arg == y.arg,
        (
            Operand::Transform {
                func: fa,
                args: aa,
                arg: xa,
                ..
            },
            Operand::Transform {
                func: fb,
                args: ab,
                arg: xb,
                ..
            },
        ) => fa == fb && xa == xb && same_operands(aa, ab),
        (Operand::Literal(x), Operand::Literal(y)) => x == y,
        (Operand::List(x), Operand::List(y)) => same_operands(x, y),
        _ => false,
    }
}

fn same_operands(a: &[Operand], b: &[Operand]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_operand(x, y))
}

/// The identity of a sub-expression, for sharing memo slots.
#[derive(Debug, PartialEq, Eq, Hash)]
enum NodeKey {
    Check {
        lhs: String,
        op: Op,
        modifier: Option<Modifier>,
        rhs: RhsKey,
    },
    And(Box<[u32]>),
    Or(Box<[u32]>),
    Not(u32),
    Const(bool),
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum RhsKey {
    None,
    Value(String),
    List(Vec<String>),
    ListRef(String),
    Operand(String),
}

/// Checks whose right-hand list is longer than this are not shared: keying them would keep a
/// copy of the list text for the compiler's lifetime (a list of a million addresses), and such
/// lists are rarely repeated across rules.
const MAX_SHARED_LIST_BYTES: usize = 16 * 1024;

static NEXT_OWNER: AtomicU64 = AtomicU64::new(1);

/// Compiles one condition with a compiler of its own.
pub fn compile(expr: &Expr, catalog: &dyn FieldCatalog) -> Result<Filter, CompileError> {
    Compiler::new(catalog).compile(expr)
}

/// What the compiler knows about an operand's values.
struct Meta {
    ty: FieldType,
    is_list: bool,
    mult: Multiplicity,
    no_rhs: bool,
    /// `EPF_NO_TRANSFORMER` of the underlying field.
    no_transformer: bool,
    /// Name of the underlying field, as quoted in messages.
    name: String,
    /// The resolved field when the operand is a plain field.
    field: Option<FieldInfo>,
}

const TRANSFORMER_NAMES: &[&str] = &[
    "val", "tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt",
];

impl<'a> Compiler<'a> {
    pub fn new(catalog: &'a dyn FieldCatalog) -> Self {
        Compiler {
            catalog,
            slots: FxHashMap::default(),
            keys: FxHashMap::default(),
            next_key: 0,
            owner: NEXT_OWNER.fetch_add(1, Ordering::Relaxed),
            checks: FxHashMap::default(),
        }
    }

    /// Number of distinct cached fields/expressions so far.
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// Number of distinct sub-expressions numbered so far (memo slots).
    pub fn memo_count(&self) -> usize {
        self.next_key as usize
    }

    pub fn compile(&mut self, expr: &Expr) -> Result<Filter, CompileError> {
        let mut warnings = Vec::new();
        let raw = self.node(expr, &mut warnings)?;
        let (root, _) = self.finish(raw, true);
        Ok(Filter {
            program: Program::new(&root),
            root,
            variants: Vec::new(),
            by_code: Box::default(),
            owner: self.owner,
            warnings,
        })
    }

    /// Adds to `filter` (built by this compiler) one program per event code of `codes` in
    /// which the checks whose value the code decides ([`FieldCatalog::code_value`]: `evt.type`
    /// leaves) are replaced by their result and the `and`/`or`/`not` above them folded. The
    /// filter then runs the program of the code [`crate::Extractor::event_code`] reports;
    /// codes without checks to decide, and extractors that report none, keep the general
    /// program. Results are unchanged: a decided check is evaluated exactly as at run time
    /// (a non-extractable field is false), and evaluation has no side effects, so folding
    /// `false and x` to `false` cannot change what `x` would have done.
    pub fn specialize(&mut self, filter: &mut Filter, codes: impl IntoIterator<Item = u16>) {
        if filter.owner != self.owner {
            return;
        }
        let mut deciders: Vec<(&Check, &FieldInfo)> = Vec::new();
        code_checks(&filter.root, &mut deciders);
        let mut variants: Vec<(Node, Program)> = Vec::new();
        let mut variant_keys: Vec<u32> = Vec::new();
        let mut by_code: Vec<u16> = Vec::new();
        // The copy for a code depends only on what the code decides of each check, so codes
        // deciding the same get the variant of the first of them without another copy.
        let mut seen: Vec<(Vec<Option<bool>>, usize)> = Vec::new();
        let mut vals = Values::new();
        for code in codes {
            let decisions: Vec<Option<bool>> = deciders
                .iter()
                .map(|(c, info)| {
                    vals.clear();
                    let ok = self.catalog.code_value(info, code, &mut vals)?;
                    c.decide_const(ok, &vals)
                })
                .collect();
            if decisions.iter().all(Option::is_none) {
                continue;
            }
            let idx = match seen.iter().find(|(d, _)| *d == decisions) {
                Some(&(_, i)) => i,
                None => {
                    let mut changed = false;
                    let n = self.subst(&filter.root, code, &mut changed);
                    let (n, key) = self.finish(n, true);
                    let idx = match variant_keys.iter().position(|&k| k == key) {
                        Some(i) => i,
                        None => {
                            variant_keys.push(key);
                            let program = Program::new(&n);
                            variants.push((n, program));
                            variants.len() - 1
                        }
                    };
                    seen.push((decisions, idx));
                    idx
                }
            };
            let c = usize::from(code);
            if by_code.len() <= c {
                by_code.resize(c + 1, 0);
            }
            by_code[c] = (idx + 1) as u16;
        }
        filter.variants = variants;
        filter.by_code = by_code.into_boxed_slice();
    }

    /// A copy of `n` for events of type `code` without memo wrappers, with the checks the
    /// code decides replaced by constants and constants folded away.
    fn subst(&self, n: &Node, code: u16, changed: &mut bool) -> Node {
        match n {
            Node::Const(b) => Node::Const(*b),
            Node::Memo(_, inner) => self.subst(inner, code, changed),
            Node::Check(c) => {
                if let Some(info) = c.lhs_field() {
                    let mut vals = Values::new();
                    if let Some(ok) = self.catalog.code_value(info, code, &mut vals) {
                        if let Some(b) = c.decide_const(ok, &vals) {
                            *changed = true;
                            return Node::Const(b);
                        }
                    }
                }
                Node::Check(Arc::clone(c))
            }
            Node::Not(inner) => match self.subst(inner, code, changed) {
                Node::Const(b) => Node::Const(!b),
                Node::Not(x) => *x,
                x => Node::Not(Box::new(x)),
            },
            Node::And(children) => {
                let mut out = Vec::with_capacity(children.len());
                for c in children.iter() {
                    match self.subst(c, code, changed) {
                        Node::Const(true) => {}
                        Node::Const(false) => return Node::Const(false),
                        x => out.push(x),
                    }
                }
                match out.len() {
                    0 => Node::Const(true),
                    1 => out.pop().unwrap_or(Node::Const(true)),
                    _ => Node::And(out.into_boxed_slice()),
                }
            }
            Node::Or(children) => {
                let mut out = Vec::with_capacity(children.len());
                for c in children.iter() {
                    match self.subst(c, code, changed) {
                        Node::Const(false) => {}
                        Node::Const(true) => return Node::Const(true),
                        x => out.push(x),
                    }
                }
                match out.len() {
                    0 => Node::Const(false),
                    1 => out.pop().unwrap_or(Node::Const(false)),
                    _ => Node::Or(out.into_boxed_slice()),
                }
            }
        }
    }

    fn intern(&mut self, key: NodeKey) -> u32 {
        let next = self.next_key;
        let k = *self.keys.entry(key).or_insert(next);
        if k == next {
            self.next_key += 1;
        }
        k
    }

    fn unique_key(&mut self) -> u32 {
        self.next_key += 1;
        self.next_key - 1
    }

    /// Numbers `n` and its sub-expressions and wraps those worth remembering per event in
    /// memo nodes (not the root of a filter: rules rarely share a whole condition).
    fn finish(&mut self, n: Node, top: bool) -> (Node, u32) {
        let (node, key, memo) = match n {
            Node::Memo(_, inner) => return self.finish(*inner, top),
            Node::Const(b) => (Node::Const(b), self.intern(NodeKey::Const(b)), false),
            Node::Check(c) => {
                let (memo, key) = (c.worth_memo(), c.key);
                (Node::Check(c), key, memo)
            }
            Node::Not(inner) => {
                let (i, k) = self.finish(*inner, false);
                (Node::Not(Box::new(i)), self.intern(NodeKey::Not(k)), false)
            }
            Node::And(children) | Node::Or(children) if children.len() == 1 => {
                let only = children.into_vec().pop().unwrap_or(Node::Const(true));
                return self.finish(only, top);
            }
            Node::And(children) => {
                let (children, keys) = self.finish_all(children);
                (Node::And(children), self.intern(NodeKey::And(keys)), true)
            }
            Node::Or(children) => {
                let (children, keys) = self.finish_all(children);
                (Node::Or(children), self.intern(NodeKey::Or(keys)), true)
            }
        };
        if memo && !top {
            (Node::Memo(key, Box::new(node)), key)
        } else {
            (node, key)
        }
    }

    fn finish_all(&mut self, children: Box<[Node]>) -> (Box<[Node]>, Box<[u32]>) {
        let mut nodes = Vec::with_capacity(children.len());
        let mut keys = Vec::with_capacity(children.len());
        for c in children.into_vec() {
            let (n, k) = self.finish(c, false);
            nodes.push(n);
            keys.push(k);
        }
        (nodes.into_boxed_slice(), keys.into_boxed_slice())
    }

    /// The identity of the check `lhs op rhs`; `None` for one not worth sharing.
    fn check_node_key(
        lhs: &Operand,
        op: Op,
        modifier: Option<Modifier>,
        rhs: Option<&Rhs>,
    ) -> Option<NodeKey> {
        let rhs = match rhs {
            None => RhsKey::None,
            Some(Rhs::Value(v)) => RhsKey::Value(v.clone()),
            Some(Rhs::ListRef(v)) => RhsKey::ListRef(v.clone()),
            Some(Rhs::Operand(o)) => RhsKey::Operand(operand_to_string(o)),
            Some(Rhs::List(items)) => {
                let bytes: usize = items.iter().map(|i| i.len() + 1).sum();
                if bytes > MAX_SHARED_LIST_BYTES {
                    return None;
                }
                RhsKey::List(items.clone())
            }
        };
        Some(NodeKey::Check {
            lhs: operand_to_string(lhs),
            op,
            modifier,
            rhs,
        })
    }

    fn slot(&mut self, key: String) -> u32 {
        let next = self.slots.len() as u32;
        *self.slots.entry(key).or_insert(next)
    }

    fn node(&mut self, expr: &Expr, w: &mut Vec<CompileWarning>) -> Result<Node, CompileError> {
        Ok(match expr {
            // Parenthesised groups (macros) stay nested: each is a sub-expression other rules
            // may share, evaluated once per event through its memo slot.
            Expr::And(children) => Node::And(self.operands(children, w)?),
            Expr::Or(children) => Node::Or(self.operands(children, w)?),
            Expr::Not(child) => match self.node(child, w)? {
                Node::Not(inner) => *inner,
                n => Node::Not(Box::new(n)),
            },
            Expr::Ident { name, pos } => {
                return err(
                    format!("filter error: unexpected identifier '{name}'"),
                    *pos,
                )
            }
            Expr::Check {
                lhs,
                op,
                modifier,
                rhs,
                pos,
            } => {
                let (op, modifier, rhs) = (*op, *modifier, rhs.as_ref());
                let node_key = Self::check_node_key(lhs, op, modifier, rhs);
                let cached = node_key
                    .as_ref()
                    .and_then(|k| self.keys.get(k))
                    .and_then(|k| self.checks.get(k))
                    .filter(|c| c.is(lhs, op, modifier, rhs));
                if let Some(c) = cached {
                    w.extend(c.warnings.iter().map(|m| CompileWarning {
                        message: m.clone(),
                        pos: *pos,
                    }));
                    return Ok(Node::Check(Arc::clone(&c.check)));
                }
                let first_warning = w.len();
                let mut check = self.check(lhs, op, modifier, rhs, *pos, w)?;
                // numbered after a successful check only, as before the cache
                let shared = node_key.is_some();
                check.key = match node_key {
                    Some(k) => self.intern(k),
                    None => self.unique_key(),
                };
                check.cost = self.check_cost(&check);
                let check = Arc::new(check);
                if !shared {
                    return Ok(Node::Check(check));
                }
                if let Entry::Vacant(e) = self.checks.entry(check.key) {
                    e.insert(CachedCheck {
                        lhs: lhs.clone(),
                        op,
                        modifier,
                        rhs: rhs.cloned(),
                        check: Arc::clone(&check),
                        warnings: w[first_warning..]
                            .iter()
                            .map(|w| w.message.clone())
                            .collect(),
                    });
                }
                Node::Check(check)
            }
        })
    }

    /// The operands of an `and`/`or`, expensive ones last. Checks are pure functions of the
    /// event (a field that cannot be extracted makes its own comparison false, whatever the
    /// order), so `and`/`or` give the same result in any order; only the work done changes.
    /// The sort is stable: operands of equal cost keep the order of the condition.
    fn operands(
        &mut self,
        children: &[Expr],
        w: &mut Vec<CompileWarning>,
    ) -> Result<Box<[Node]>, CompileError> {
        let mut out = Vec::with_capacity(children.len());
        for c in children {
            out.push(self.node(c, w)?);
        }
        out.sort_by_key(Node::cost);
        Ok(out.into_boxed_slice())
    }

    /// The cost of a check: its fields' ([`FieldCatalog::cost`]) and the operator's.
    fn check_cost(&self, check: &Check) -> u8 {
        fn plan_cost(catalog: &dyn FieldCatalog, p: &Plan) -> u8 {
            match p {
                Plan::Field { info, .. } => catalog.cost(info),
                Plan::Const(_) => 0,
                // Transformers build new values on every event.
                Plan::Transform { args, .. } => args
                    .iter()
                    .map(|a| plan_cost(catalog, a))
                    .max()
                    .unwrap_or(0)
                    .max(1),
            }
        }
        let lhs = plan_cost(self.catalog, &check.lhs);
        let op = match &check.kind {
            CheckKind::Operand { rhs, .. } => plan_cost(self.catalog, rhs),
            CheckKind::Pred(Pred::Regex(_)) => 1,
            _ => 0,
        };
        lhs.max(op)
    }

    fn field(&mut self, f: &FieldRef) -> Result<(Plan, Meta), CompileError> {
        let info = self
            .catalog
            .resolve(&f.name, f.arg.as_deref())
            .or_else(|m| err(m, f.pos))?;
        let slot = self.slot(operand_to_string(&Operand::Field(f.clone())));
        let meta = Meta {
            ty: info.ty,
            is_list: info.is_list,
            mult: info.multiplicity,
            no_rhs: info.no_rhs,
            no_transformer: info.no_transformer,
            name: info.name.clone(),
            field: Some(info.clone()),
        };
        Ok((
            Plan::Field {
                slot,
                info: Box::new(info),
            },
            meta,
        ))
    }

    fn operand(&mut self, op: &Operand) -> Result<(Plan, Meta), CompileError> {
        match op {
            Operand::Field(f) => self.field(f),
            Operand::Literal(s) => {
                let mut v = Values::new();
                v.push_str(s.as_bytes());
                Ok((
                    Plan::Const(v),
                    derived(FieldType::CharBuf, false, String::new()),
                ))
            }
            Operand::List(items) => {
                let mut args = Vec::with_capacity(items.len());
                for it in items {
                    args.push(self.operand(it)?.0);
                }
                let slot = self.slot(operand_to_string(op));
                Ok((
                    Plan::Transform {
                        slot,
                        kind: TransformKind::List,
                        args,
                    },
                    derived(FieldType::CharBuf, true, String::new()),
                ))
            }
            Operand::Transform {
                func,
                args,
                arg,
                pos: tpos,
            } => self.transformer(op, *func, args, arg.as_deref(), *tpos),
        }
    }

    fn transformer(
        &mut self,
        whole: &Operand,
        func: Transformer,
        args: &[Operand],
        arg: Option<&str>,
        pos: Pos,
    ) -> Result<(Plan, Meta), CompileError> {
        let name = func.name();
        let multi = matches!(
            func,
            Transformer::Join | Transformer::Concat | Transformer::Getopt
        );
        if args.len() == 1 {
            if multi {
                return err(format!("unknown field transfomer '{name}'"), pos);
            }
            if arg.is_some() {
                return err(
                    format!("filter error: transformer '{name}' does not support field arguments"),
                    pos,
                );
            }
            let (inner, meta) = self.operand(&args[0])?;
            if meta.no_transformer {
                return err(
                    format!("field '{}' does not support transformers", meta.name),
                    pos,
                );
            }
            let Some((ty, is_list)) = transform_type(func, meta.ty, meta.is_list) else {
                return err(
                    format!(
                        "can't add field transformer: type '{}' is not supported by '{name}' \
                         transformer applied on {}field '{}'",
                        meta.ty.name(),
                        if meta.is_list { "list " } else { "" },
                        meta.name
                    ),
                    pos,
                );
            };
            let slot = self.slot(operand_to_string(whole));
            let plan = Plan::Transform {
                slot,
                kind: TransformKind::Single {
                    func,
                    input_ty: meta.ty,
                    input_is_list: meta.is_list,
                },
                args: vec![inner],
            };
            return Ok((
                plan,
                Meta {
                    ty,
                    is_list,
                    field: None,
                    ..meta
                },
            ));
        }
        if !multi {
            return err("unknown multivalue transformer", pos);
        }

        let mut plans = Vec::with_capacity(args.len());
        let mut metas = Vec::with_capacity(args.len());
        for a in args {
            let (p, m) = self.operand(a)?;
            plans.push(p);
            metas.push(m);
        }
        let no_arg = |arg: Option<&str>| match arg {
            Some(_) => err(
                format!("transformer '{name}' does not support field arguments"),
                pos,
            ),
            None => Ok(()),
        };
        let (kind, is_list) = match func {
            Transformer::Join => {
                if metas.len() != 2 {
                    return err(
                        "join() requires exactly 2 arguments: separator and list",
                        pos,
                    );
                }
                if metas[0].is_list {
                    return err(
                        "join() first argument (separator) must be a single value, not a list",
                        pos,
                    );
                }
                if !metas[1].is_list {
                    return err("join() second argument must be a list", pos);
                }
                no_arg(arg)?;
                (TransformKind::Join, false)
            }
            Transformer::Concat => {
                if metas.len() < 2 {
                    return err("concat() requires at least 2 arguments", pos);
                }
                if metas
                    .iter()
                    .any(|m| m.ty != FieldType::CharBuf || m.is_list)
                {
                    return err("concat() arguments must be strings", pos);
                }
                no_arg(arg)?;
                (TransformKind::Concat, false)
            }
            _ => {
                if metas.len() != 2 {
                    return err(
                        "getopt() requires exactly 2 arguments: args list and optstring",
                        pos,
                    );
                }
                if !metas[0].is_list {
                    return err("getopt() first argument must be a list", pos);
                }
                if metas[1].is_list {
                    return err(
                        "getopt() second argument (optstring) must be a single value",
                        pos,
                    );
                }
                if metas[0].ty != FieldType::CharBuf || metas[1].ty != FieldType::CharBuf {
                    return err("getopt() arguments must be strings", pos);
                }
                let selector = match arg {
                    None => None,
                    Some(a) if a.len() == 1 => a.bytes().next(),
                    Some(_) => {
                        return err(
                            "getopt() field argument must be a single option character",
                            pos,
                        )
                    }
                };
                let opts = match &args[1] {
                    Operand::Literal(s) => Some(OptInfo::parse(s.as_bytes())),
                    _ => None,
                };
                (
                    TransformKind::Getopt {
                        opts: opts.map(Box::new),
                        selector,
                    },
                    selector.is_none(),
                )
            }
        };
        let slot = self.slot(operand_to_string(whole));
        Ok((
            Plan::Transform {
                slot,
                kind,
                args: plans,
            },
            derived(FieldType::CharBuf, is_list, operand_to_string(whole)),
        ))
    }

    fn check(
        &mut self,
        lhs: &Operand,
        op: Op,
        modifier: Option<Modifier>,
        rhs: Option<&Rhs>,
        pos: Pos,
        warnings: &mut Vec<CompileWarning>,
    ) -> Result<Check, CompileError> {
        let (lhs_plan, meta) = self.operand(lhs)?;
        if let Err(m) = comparable(op, modifier, meta.ty, meta.is_list) {
            return err(format!("filter error: {m}"), pos);
        }
        let combine = Combine::for_check(meta.is_list, meta.mult, op);
        let exists_needs_value = !meta.is_list && meta.mult == Multiplicity::AnyValue;
        let Some(rhs) = rhs else {
            let fallback = meta
                .field
                .as_ref()
                .filter(|f| f.fallback_compare)
                .map(|_| (op, Vec::new()));
            return Ok(Check {
                lhs: lhs_plan,
                combine,
                kind: CheckKind::Exists,
                fallback,
                exists_needs_value,
                key: 0,
                cost: 0,
            });
        };
        let literals: Vec<&str> = match rhs {
            Rhs::Value(v) | Rhs::ListRef(v) => vec![v.as_str()],
            Rhs::List(items) => items.iter().map(String::as_str).collect(),
            Rhs::Operand(rop) => {
                let (rhs_plan, rmeta) = self.operand(rop)?;
                self.check_rhs_operand(op, &meta, &rmeta, rop, pos)?;
                return Ok(Check {
                    lhs: lhs_plan,
                    combine,
                    kind: CheckKind::Operand {
                        rhs: rhs_plan,
                        op,
                        kind: meta.ty.kind(),
                    },
                    fallback: None,
                    exists_needs_value,
                    key: 0,
                    cost: 0,
                });
            }
        };

        let mut lits = Vec::with_capacity(literals.len());
        for raw in &literals {
            self.literal_warnings(op, raw, pos, warnings);
            let bytes: Vec<u8> = if matches!(op, Op::BContains | Op::BStartsWith) {
                match unhex(raw) {
                    Some(b) => b,
                    None => return err(
                        "filter error: bcontains and bstartswith operator support hex strings only",
                        pos,
                    ),
                }
            } else {
                raw.as_bytes().to_vec()
            };
            let lit = parse_literal(meta.ty, &bytes).or_else(|m| err(m, pos))?;
            if let Some(info) = &meta.field {
                self.catalog
                    .check_literal(info, op, raw)
                    .or_else(|m| err(m, pos))?;
            }
            lits.push(lit);
        }

        let pred = match modifier {
            Some(m) => modified_pred(op, m, meta.ty.kind(), lits).or_else(|e| err(e, pos))?,
            None => match op {
                Op::In | Op::Intersects => set_pred(meta.ty.kind(), lits),
                Op::PMatch => {
                    let mut set = PathSet::default();
                    for l in &lits {
                        if let Lit::Str(s) = l {
                            set.insert(s);
                        }
                    }
                    Pred::PMatch(Box::new(set))
                }
                _ => match lits.into_iter().next() {
                    Some(l) => scalar_pred(op, l).or_else(|e| err(e, pos))?,
                    None => Pred::Never,
                },
            },
        };
        let fallback = meta
            .field
            .as_ref()
            .filter(|f| f.fallback_compare)
            .map(|_| (op, literals.iter().map(|s| s.to_string()).collect()));
        Ok(Check {
            lhs: lhs_plan,
            combine,
            kind: CheckKind::Pred(pred),
            fallback,
            exists_needs_value,
            key: 0,
            cost: 0,
        })
    }

    fn check_rhs_operand(
        &self,
        op: Op,
        lhs: &Meta,
        rhs: &Meta,
        rop: &Operand,
        pos: Pos,
    ) -> Result<(), CompileError> {
        if matches!(op, Op::PMatch | Op::Regex) {
            let name = if op == Op::PMatch { "PMATCH" } else { "REGEX" };
            return err(
                format!("operator '{name}' doesn't support right-hand side fields"),
                pos,
            );
        }
        if lhs.ty.kind() == ValueKind::Net {
            return err(
                "field type 'IPNET' doesn't support right-hand side fields",
                pos,
            );
        }
        if lhs.no_rhs {
            return err(
                format!(
                    "field '{}' doesn't support right-hand side fields",
                    lhs.name
                ),
                pos,
            );
        }
        if rhs.no_rhs {
            return err(
                format!(
                    "field '{}' can't be used as a right-hand side field",
                    rhs.name
                ),
                pos,
            );
        }
        if lhs.ty != rhs.ty || lhs.is_list != rhs.is_list {
            let list = |m: &Meta| if m.is_list { " (list)" } else { "" };
            let rname = if rhs.name.is_empty() {
                operand_to_string(rop)
            } else {
                rhs.name.clone()
            };
            return err(
                format!(
                    "field '{}' has type '{}{}' while the right-hand side field '{}' has \
                     incompatible type '{}{}'",
                    lhs.name,
                    lhs.ty.name(),
                    list(lhs),
                    rname,
                    rhs.ty.name(),
                    list(rhs)
                ),
                pos,
            );
        }
        Ok(())
    }

    fn literal_warnings(&self, op: Op, v: &str, pos: Pos, out: &mut Vec<CompileWarning>) {
        if op == Op::Regex {
            if let Some(m) = regex_warning(v) {
                out.push(CompileWarning { message: m, pos });
            }
        }
        let stripped: String = v
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && *c != '\x0b')
            .collect();
        if looks_like_field(&stripped) {
            let (name, arg) = match stripped.split_once('[') {
                Some((n, rest)) => (n, rest.strip_suffix(']')),
                None => (stripped.as_str(), None),
            };
            if self.catalog.resolve(name, arg).is_ok() {
                out.push(CompileWarning {
                    message: format!("'{v}' may be a valid field misused as a const string value"),
                    pos,
                });
            }
        }
        for t in TRANSFORMER_NAMES {
            if stripped.len() >= t.len() + 2
                && stripped.starts_with(t)
                && stripped.as_bytes()[t.len()] == b'('
                && stripped.ends_with(')')
            {
                out.push(CompileWarning {
                    message: format!(
                        "'{v}' may be a valid field transformer misused as a const string value"
                    ),
                    pos,
                });
            }
        }
    }
}

/// The checks of `n` on a plain field, in the order [`Compiler::subst`] visits them: those an
/// event code may decide.
fn code_checks<'n>(n: &'n Node, out: &mut Vec<(&'n Check, &'n FieldInfo)>) {
    match n {
        Node::Const(_) => {}
        Node::Memo(_, inner) | Node::Not(inner) => code_checks(inner, out),
        Node::And(children) | Node::Or(children) => {
            for c in children.iter() {
                code_checks(c, out);
            }
        }
        Node::Check(c) => {
            if let Some(info) = c.lhs_field() {
                out.push((c, info));
            }
        }
    }
}

fn derived(ty: FieldType, is_list: bool, name: String) -> Meta {
    Meta {
        ty,
        is_list,
        mult: Multiplicity::Single,
        no_rhs: false,
        no_transformer: false,
        name,
        field: None,
    }
}

/// `name` or `name[arg]` with a dotted field name.
fn looks_like_field(s: &str) -> bool {
    let name = s.split_once('[').map_or(s, |(n, _)| n);
    let mut parts = 0;
    for part in name.split('.') {
        let mut chars = part.chars();
        if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// libsinsp's hint that a regex without special characters is a plain comparison.
fn regex_warning(v: &str) -> Option<String> {
    const SPECIAL: &[u8] = b".+*?^$()[]{}|\\";
    const OCCURRENCE: &[u8] = b"+*?";
    let b = v.as_bytes();
    let len = b.len();
    let mut i = 0;
    while i < len {
        if (i == 0 && b[i] == b'^') || (i == len - 1 && b[i] == b'$') {
            i += 1;
            continue;
        }
        if ((i == 0 && len > 1) || (len >= 2 && i == len - 2))
            && b[i] == b'.'
            && b.get(i + 1).is_some_and(|c| OCCURRENCE.contains(c))
        {
            i += 2;
            continue;
        }
        if SPECIAL.contains(&b[i]) {
            return None;
        }
        i += 1;
    }
    Some(format!(
        "regex check with '{v}' may be optimized with simpler operators such as '=', \
         'contains', 'startswith', 'endswith'"
    ))
}

/// libsinsp's operator/type compatibility rules (`flt_is_comparable`).
fn comparable(
    op: Op,
    modifier: Option<Modifier>,
    ty: FieldType,
    is_list: bool,
) -> Result<(), String> {
    use FieldType::*;
    if op == Op::Exists {
        return Ok(());
    }
    let name = op.as_str();
    if is_list {
        return match ty {
            CharBuf | Uint64 | RelTime | AbsTime | Bool | IpAddr | IpNet => {
                if matches!(op, Op::In | Op::Intersects) {
                    Ok(())
                } else {
                    Err(format!("'{name}' operator not supported list filters"))
                }
            }
            _ => Err(format!(
                "list filters are not supported for type '{}'",
                ty.name()
            )),
        };
    }
    let allowed: &[Op] = match ty {
        Int8 | Int16 | Int32 | Int64 | Uint8 | Uint16 | Uint32 | Uint64 | Errno | Fd | Pid
        | SyscallId | SigType | RelTime | AbsTime | Port | Flags8 | Flags16 | Flags32 | Double
        | Mode | EnumFlags8 | EnumFlags16 | EnumFlags32 => {
            const NUM: &[Op] = &[
                Op::Eq,
                Op::Ne,
                Op::Lt,
                Op::Le,
                Op::Gt,
                Op::Ge,
                Op::In,
                Op::Intersects,
            ];
            if NUM.contains(&op) {
                return Ok(());
            }
            return Err(format!(
                "'{name}' operator not supported for numeric filters"
            ));
        }
        Bool => &[Op::Eq, Op::Ne, Op::In, Op::Intersects],
        Ipv4Addr | Ipv4Net | Ipv6Addr | Ipv6Net | IpAddr | IpNet => {
            const IP: &[Op] = &[Op::Eq, Op::Ne, Op::In, Op::Intersects];
            if !IP.contains(&op) {
                return Err(if modifier.is_some() {
                    format!(
                        "'{name}' with modifier not supported for ip address and network filters"
                    )
                } else {
                    format!("'{name}' operator not supported for ip address and network filters")
                });
            }
            return Ok(());
        }
        CharBuf | FsPath | FsRelPath => {
            const STR: &[Op] = &[
                Op::Eq,
                Op::Ne,
                Op::Lt,
                Op::Le,
                Op::Gt,
                Op::Ge,
                Op::Contains,
                Op::In,
                Op::IContains,
                Op::StartsWith,
                Op::Glob,
                Op::PMatch,
                Op::EndsWith,
                Op::Intersects,
                Op::IGlob,
                Op::Regex,
            ];
            if STR.contains(&op) {
                return Ok(());
            }
            return Err(format!(
                "'{name}' operator not supported for string filters"
            ));
        }
        ByteBuf => {
            const BUF: &[Op] = &[
                Op::Eq,
                Op::Ne,
                Op::Contains,
                Op::In,
                Op::StartsWith,
                Op::EndsWith,
                Op::Intersects,
                Op::BContains,
                Op::BStartsWith,
            ];
            if BUF.contains(&op) {
                return Ok(());
            }
            return Err(format!(
                "'{name}' operator not supported for buffer filters"
            ));
        }
        Uid | Gid | Other(_) => {
            return Err(format!(
                "'{name}' operator not supported for type '{}'",
                ty.name()
            ))
        }
    };
    if allowed.contains(&op) {
        Ok(())
    } else {
        // libsinsp words the boolean case like the numeric one.
        Err(format!(
            "'{name}' operator not supported for numeric filters"
        ))
    }
}

fn compile_regex(pattern: &[u8]) -> Result<regex::bytes::Regex, String> {
    let text = String::from_utf8_lossy(pattern);
    let translated =
        crate::posix_regex::translate(&text).map_err(|e| format!("invalid regex pattern: {e}"))?;
    regex::bytes::RegexBuilder::new(&format!(r"\A(?:{translated})\z"))
        .build()
        // The translation only produces valid syntax: what remains is RE2's size limit.
        .map_err(|_| "invalid regex pattern: pattern too large - compile failed".to_string())
}

fn lit_bytes(l: Lit) -> Box<[u8]> {
    match l {
        Lit::Str(s) => s,
        other => format!("{other:?}").into_bytes().into(),
    }
}

/// A test of one value against one literal.
fn scalar_pred(op: Op, lit: Lit) -> Result<Pred, String> {
    if let Some(c) = CmpOp::from_op(op) {
        return Ok(match lit {
            Lit::Bool(b) => Pred::Bool(c, b),
            Lit::I64(v) => Pred::I64(c, v),
            Lit::U64(v) => Pred::U64(c, v),
            Lit::Double(v) => Pred::F64(c, v),
            Lit::Str(s) => Pred::Str(c, s),
            Lit::Ip(ip) => Pred::Ip(c, ip),
            Lit::Net(n) => Pred::Net(c, n),
        });
    }
    let s = lit_bytes(lit);
    Ok(match op {
        Op::Contains | Op::BContains => Pred::Contains(Box::new(Substring::new(&s))),
        Op::IContains => Pred::IContains(IContains::new(&s)),
        Op::StartsWith | Op::BStartsWith => Pred::StartsWith(s),
        Op::EndsWith => Pred::EndsWith(s),
        Op::Glob => Pred::Glob(Glob::new(&s, false)),
        Op::IGlob => Pred::Glob(Glob::new(&s, true)),
        Op::Regex => Pred::Regex(Box::new(compile_regex(&s)?)),
        Op::PMatch => {
            let mut set = PathSet::default();
            set.insert(&s);
            Pred::PMatch(Box::new(set))
        }
        Op::In | Op::Intersects => set_pred(ValueKind::Str, vec![Lit::Str(s)]),
        _ => Pred::Never,
    })
}

/// Membership in a literal set, by value kind.
fn set_pred(kind: ValueKind, lits: Vec<Lit>) -> Pred {
    match kind {
        ValueKind::Str | ValueKind::Bytes => {
            let strs: Vec<Box<[u8]>> = lits.into_iter().map(lit_bytes).collect();
            Pred::InStr(StrSet::new(strs.iter().map(|s| &**s)))
        }
        ValueKind::Signed => Pred::InI64(
            lits.iter()
                .filter_map(|l| match l {
                    Lit::I64(v) => Some(*v),
                    _ => None,
                })
                .collect::<FxHashSet<_>>(),
        ),
        ValueKind::Unsigned => Pred::InU64(
            lits.iter()
                .filter_map(|l| match l {
                    Lit::U64(v) => Some(*v),
                    _ => None,
                })
                .collect::<FxHashSet<_>>(),
        ),
        ValueKind::Double => Pred::InF64(
            lits.iter()
                .filter_map(|l| match l {
                    Lit::Double(v) => Some(*v),
                    _ => None,
                })
                .collect(),
        ),
        ValueKind::Bool => {
            let has = |b: bool| lits.contains(&Lit::Bool(b));
            Pred::InBool {
                t: has(true),
                f: has(false),
            }
        }
        ValueKind::Ip => Pred::InIp(
            lits.iter()
                .filter_map(|l| match l {
                    Lit::Ip(v) => Some(*v),
                    _ => None,
                })
                .collect(),
        ),
        ValueKind::Net => {
            let nets: Vec<Net> = lits
                .iter()
                .filter_map(|l| match l {
                    Lit::Net(n) => Some(*n),
                    _ => None,
                })
                .collect();
            Pred::InNet(NetSet::new(&nets))
        }
        ValueKind::None => Pred::Never,
    }
}

/// `op oneof/anyof/allof (...)`, with set-based fast paths for the common `anyof` forms and
/// `!= allof`.
fn modified_pred(op: Op, m: Modifier, kind: ValueKind, lits: Vec<Lit>) -> Result<Pred, String> {
    if lits.is_empty() {
        return Ok(Pred::Never);
    }
    let stringy = matches!(kind, ValueKind::Str | ValueKind::Bytes);
    match (m, op) {
        (Modifier::AnyOf, Op::Eq) if kind != ValueKind::Net => return Ok(set_pred(kind, lits)),
        (Modifier::AllOf, Op::Ne) if kind != ValueKind::Net => {
            return Ok(Pred::Not(Box::new(set_pred(kind, lits))))
        }
        (Modifier::AnyOf, Op::Contains | Op::BContains) if stringy => {
            let pats: Vec<Box<[u8]>> = lits.into_iter().map(lit_bytes).collect();
            let ac = aho_corasick::AhoCorasick::new(pats.iter().map(|p| &**p))
                .map_err(|e| format!("filter error: {e}"))?;
            return Ok(Pred::AnyContains(Box::new(ac)));
        }
        (Modifier::AnyOf, Op::StartsWith | Op::BStartsWith | Op::EndsWith) if stringy => {
            let pats: Vec<Box<[u8]>> = lits.into_iter().map(lit_bytes).collect();
            return Ok(Pred::AnyAffix(AffixSet::new(
                pats.iter().map(|p| &**p),
                op == Op::EndsWith,
            )));
        }
        _ => {}
    }
    let elems = lits
        .into_iter()
        .map(|l| scalar_pred(op, l))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Pred::Each { modifier: m, elems })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_hint() {
        assert!(regex_warning("abc").is_some());
        assert!(regex_warning("^abc$").is_some());
        assert!(regex_warning(".*abc").is_some());
        assert!(regex_warning("abc.*").is_some());
        assert!(regex_warning("a.c").is_none());
        assert!(regex_warning("a[bc]").is_none());
    }

    #[test]
    fn comparability_messages() {
        assert_eq!(
            comparable(Op::Contains, None, FieldType::Int64, false).unwrap_err(),
            "'contains' operator not supported for numeric filters"
        );
        assert_eq!(
            comparable(Op::Lt, None, FieldType::Bool, false).unwrap_err(),
            "'<' operator not supported for numeric filters"
        );
        assert_eq!(
            comparable(
                Op::StartsWith,
                Some(Modifier::AnyOf),
                FieldType::IpAddr,
                false
            )
            .unwrap_err(),
            "'startswith' with modifier not supported for ip address and network filters"
        );
        assert_eq!(
            comparable(Op::Contains, None, FieldType::IpNet, false).unwrap_err(),
            "'contains' operator not supported for ip address and network filters"
        );
        assert_eq!(
            comparable(Op::BContains, None, FieldType::CharBuf, false).unwrap_err(),
            "'bcontains' operator not supported for string filters"
        );
        assert_eq!(
            comparable(Op::Glob, None, FieldType::ByteBuf, false).unwrap_err(),
            "'glob' operator not supported for buffer filters"
        );
        assert_eq!(
            comparable(Op::Eq, None, FieldType::CharBuf, true).unwrap_err(),
            "'=' operator not supported list filters"
        );
        assert_eq!(
            comparable(Op::In, None, FieldType::Int64, true).unwrap_err(),
            "list filters are not supported for type 'INT64'"
        );
        assert_eq!(
            comparable(Op::Eq, None, FieldType::Uid, false).unwrap_err(),
            "'=' operator not supported for type 'UID'"
        );
        assert!(comparable(Op::Exists, None, FieldType::Uid, false).is_ok());
        assert!(comparable(Op::PMatch, None, FieldType::FsPath, false).is_ok());
    }
}
