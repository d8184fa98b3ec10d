//! Compiled filters and their evaluation.

use crate::ast::Transformer;
use crate::ast::{Modifier, Op};
use crate::field::{Extractor, FieldInfo, FieldType, Multiplicity, Value, ValueKind, Values};
use crate::literal::Net;
use crate::matchers::{AffixSet, Glob, IContains, IpSet, NetSet, PathSet, StrSet};
use crate::transform::{self, OptInfo};
use rustc_hash::FxHashSet;
use std::net::IpAddr;

/// Per-event cache of extracted values, shared by every filter built by one
/// [`crate::Compiler`]. Call [`EvalContext::next_event`] before evaluating filters on a new
/// event.
#[derive(Debug, Default)]
pub struct EvalContext {
    epoch: u64,
    owner: u64,
    slots: Vec<Slot>,
}

#[derive(Debug, Default)]
struct Slot {
    epoch: u64,
    ok: bool,
    values: Values,
}

impl EvalContext {
    pub fn new() -> Self {
        EvalContext {
            epoch: 1,
            ..Default::default()
        }
    }

    /// Invalidates every cached value (O(1)).
    pub fn next_event(&mut self) {
        self.epoch += 1;
    }

    fn slot_mut(&mut self, i: u32) -> &mut Slot {
        let i = i as usize;
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, Slot::default);
        }
        &mut self.slots[i]
    }

    fn cached(&self, i: u32) -> Option<bool> {
        self.slots
            .get(i as usize)
            .filter(|s| s.epoch == self.epoch)
            .map(|s| s.ok)
    }

    /// Makes sure `plan`'s values for the current event are computed; false when they cannot
    /// be extracted.
    fn ensure<E: Extractor + ?Sized>(&mut self, plan: &Plan, ex: &mut E) -> bool {
        match plan {
            Plan::Const(_) => true,
            Plan::Field { slot, info } => {
                if let Some(ok) = self.cached(*slot) {
                    return ok;
                }
                let epoch = self.epoch;
                let s = self.slot_mut(*slot);
                s.values.clear();
                s.ok = ex.extract(info, &mut s.values);
                s.epoch = epoch;
                s.ok
            }
            Plan::Transform { slot, kind, args } => {
                if let Some(ok) = self.cached(*slot) {
                    return ok;
                }
                let mut ok = true;
                for a in args {
                    if !self.ensure(a, ex) {
                        ok = false;
                        break;
                    }
                }
                let epoch = self.epoch;
                let mut out = std::mem::take(&mut self.slot_mut(*slot).values);
                out.clear();
                if ok {
                    ok = self.compute(kind, args, &mut out);
                }
                let s = self.slot_mut(*slot);
                s.values = out;
                s.ok = ok;
                s.epoch = epoch;
                ok
            }
        }
    }

    fn compute(&self, kind: &TransformKind, args: &[Plan], out: &mut Values) -> bool {
        let arg = |i: usize| args.get(i).map(|p| self.values(p));
        match kind {
            TransformKind::Single {
                func,
                input_ty,
                input_is_list,
            } => match arg(0) {
                Some(v) => transform::apply_single(*func, *input_ty, *input_is_list, v, out),
                None => false,
            },
            TransformKind::Join => match (arg(0), arg(1)) {
                (Some(sep), Some(list)) => transform::apply_join(sep, list, out),
                _ => false,
            },
            TransformKind::Concat => {
                transform::apply_concat(args.iter().map(|p| self.values(p)), out)
            }
            TransformKind::Getopt { opts, selector } => {
                let Some(list) = arg(0) else { return false };
                match opts {
                    Some(o) => transform::apply_getopt(list, o, *selector, out),
                    None => {
                        let Some(optstring) = arg(1).and_then(|v| v.first()) else {
                            return false;
                        };
                        let o = OptInfo::parse(optstring.as_bytes().unwrap_or_default());
                        transform::apply_getopt(list, &o, *selector, out)
                    }
                }
            }
            TransformKind::List => {
                for p in args {
                    for v in self.values(p).iter() {
                        push_value(out, &v);
                    }
                }
                true
            }
        }
    }

    /// The values of an ensured plan.
    fn values<'a>(&'a self, plan: &'a Plan) -> &'a Values {
        static EMPTY: std::sync::OnceLock<Values> = std::sync::OnceLock::new();
        match plan {
            Plan::Const(v) => v,
            Plan::Field { slot, .. } | Plan::Transform { slot, .. } => self
                .slots
                .get(*slot as usize)
                .map(|s| &s.values)
                .unwrap_or_else(|| EMPTY.get_or_init(Values::new)),
        }
    }
}

fn push_value(out: &mut Values, v: &Value<'_>) {
    match *v {
        Value::Bool(b) => out.push_bool(b),
        Value::I64(x) => out.push_i64(x),
        Value::U64(x) => out.push_u64(x),
        Value::Double(x) => out.push_f64(x),
        Value::Str(s) => out.push_str(s),
        Value::Ip(ip) => out.push_ip(ip),
    }
}

/// How an operand's values are obtained.
#[derive(Debug)]
pub(crate) enum Plan {
    Field {
        slot: u32,
        info: Box<FieldInfo>,
    },
    Transform {
        slot: u32,
        kind: TransformKind,
        args: Vec<Plan>,
    },
    /// Literal transformer arguments.
    Const(Values),
}

#[derive(Debug)]
pub(crate) enum TransformKind {
    Single {
        func: Transformer,
        input_ty: FieldType,
        input_is_list: bool,
    },
    Join,
    Concat,
    Getopt {
        opts: Option<Box<OptInfo>>,
        selector: Option<u8>,
    },
    /// A parenthesised argument list: the concatenation of its items' values.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub(crate) fn from_op(op: Op) -> Option<CmpOp> {
        Some(match op {
            Op::Eq => CmpOp::Eq,
            Op::Ne => CmpOp::Ne,
            Op::Lt => CmpOp::Lt,
            Op::Le => CmpOp::Le,
            Op::Gt => CmpOp::Gt,
            Op::Ge => CmpOp::Ge,
            _ => return None,
        })
    }

    #[inline]
    fn test<T: PartialOrd + ?Sized>(self, a: &T, b: &T) -> bool {
        match self {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

/// A test of one extracted value against precompiled right-hand literals.
#[derive(Debug)]
pub(crate) enum Pred {
    Never,
    Bool(CmpOp, bool),
    I64(CmpOp, i64),
    U64(CmpOp, u64),
    F64(CmpOp, f64),
    Str(CmpOp, Box<[u8]>),
    Contains(Box<memchr::memmem::Finder<'static>>),
    IContains(IContains),
    StartsWith(Box<[u8]>),
    EndsWith(Box<[u8]>),
    Glob(Glob),
    Regex(Box<regex::bytes::Regex>),
    Ip(CmpOp, IpAddr),
    Net(CmpOp, Net),
    InStr(StrSet),
    InI64(FxHashSet<i64>),
    InU64(FxHashSet<u64>),
    InF64(Vec<f64>),
    InBool {
        t: bool,
        f: bool,
    },
    InIp(IpSet),
    InNet(NetSet),
    PMatch(Box<PathSet>),
    AnyContains(Box<aho_corasick::AhoCorasick>),
    AnyAffix(AffixSet),
    Not(Box<Pred>),
    /// `op oneof/anyof/allof (...)` evaluated element by element.
    Each {
        modifier: Modifier,
        elems: Vec<Pred>,
    },
}

impl Pred {
    pub(crate) fn test(&self, v: &Value<'_>) -> bool {
        match self {
            Pred::Never => false,
            Pred::Bool(op, b) => v.as_bool().is_some_and(|x| op.test(&x, b)),
            Pred::I64(op, n) => v.as_i64().is_some_and(|x| op.test(&x, n)),
            Pred::U64(op, n) => v.as_u64().is_some_and(|x| op.test(&x, n)),
            Pred::F64(op, n) => v.as_f64().is_some_and(|x| op.test(&x, n)),
            Pred::Str(op, s) => v.as_bytes().is_some_and(|x| op.test(x, &**s)),
            Pred::Contains(f) => v.as_bytes().is_some_and(|x| f.find(x).is_some()),
            Pred::IContains(m) => v.as_bytes().is_some_and(|x| m.matches(x)),
            Pred::StartsWith(p) => v.as_bytes().is_some_and(|x| x.starts_with(p)),
            Pred::EndsWith(p) => v.as_bytes().is_some_and(|x| x.ends_with(p)),
            Pred::Glob(g) => v.as_bytes().is_some_and(|x| g.matches(x)),
            Pred::Regex(r) => v.as_bytes().is_some_and(|x| r.is_match(x)),
            Pred::Ip(op, ip) => match v {
                Value::Ip(x) => op.test(x, ip),
                _ => *op == CmpOp::Ne,
            },
            Pred::Net(op, net) => match v {
                Value::Ip(x) => {
                    let inside = net.contains(x);
                    if *op == CmpOp::Ne {
                        !inside
                    } else {
                        inside
                    }
                }
                _ => *op == CmpOp::Ne,
            },
            Pred::InStr(set) => v.as_bytes().is_some_and(|x| set.contains(x)),
            Pred::InI64(set) => v.as_i64().is_some_and(|x| set.contains(&x)),
            Pred::InU64(set) => v.as_u64().is_some_and(|x| set.contains(&x)),
            Pred::InF64(vals) => v.as_f64().is_some_and(|x| vals.contains(&x)),
            Pred::InBool { t, f } => v.as_bool().is_some_and(|x| if x { *t } else { *f }),
            Pred::InIp(set) => matches!(v, Value::Ip(x) if set.contains(x)),
            Pred::InNet(set) => matches!(v, Value::Ip(x) if set.contains(x)),
            Pred::PMatch(set) => v.as_bytes().is_some_and(|x| set.matches(x)),
            Pred::AnyContains(ac) => v.as_bytes().is_some_and(|x| ac.is_match(x)),
            Pred::AnyAffix(set) => v.as_bytes().is_some_and(|x| set.matches(x)),
            Pred::Not(p) => !p.test(v),
            Pred::Each { modifier, elems } => {
                if elems.is_empty() {
                    return false;
                }
                match modifier {
                    Modifier::AnyOf => elems.iter().any(|p| p.test(v)),
                    Modifier::AllOf => elems.iter().all(|p| p.test(v)),
                    Modifier::OneOf => {
                        let mut n = 0;
                        for p in elems {
                            if p.test(v) {
                                n += 1;
                                if n > 1 {
                                    return false;
                                }
                            }
                        }
                        n == 1
                    }
                }
            }
        }
    }
}

/// How the values of one extraction combine into the check result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combine {
    /// The first (only) value.
    First,
    /// Every value must pass (list `in`; an empty list passes).
    All,
    /// Every value must pass and there must be one (either-side `!=`).
    AllNonEmpty,
    /// Some value must pass.
    Any,
}

impl Combine {
    pub(crate) fn for_check(is_list: bool, mult: Multiplicity, op: Op) -> Combine {
        if is_list {
            return if op == Op::In {
                Combine::All
            } else {
                Combine::Any
            };
        }
        match mult {
            Multiplicity::Single => Combine::First,
            Multiplicity::AnyValue => Combine::Any,
            Multiplicity::EitherSide if op == Op::Ne => Combine::AllNonEmpty,
            Multiplicity::EitherSide => Combine::Any,
        }
    }

    #[inline]
    fn apply(self, values: &Values, mut f: impl FnMut(&Value<'_>) -> bool) -> bool {
        match self {
            Combine::First => values.first().is_some_and(|v| f(&v)),
            Combine::All => values.iter().all(|v| f(&v)),
            Combine::AllNonEmpty => !values.is_empty() && values.iter().all(|v| f(&v)),
            Combine::Any => values.iter().any(|v| f(&v)),
        }
    }
}

#[derive(Debug)]
pub(crate) enum CheckKind {
    Exists,
    Pred(Pred),
    /// Comparison with another field or transformer expression (`val(...)`).
    Operand {
        rhs: Plan,
        op: Op,
        kind: ValueKind,
    },
}

#[derive(Debug)]
pub(crate) struct Check {
    pub lhs: Plan,
    pub combine: Combine,
    pub kind: CheckKind,
    /// For fields with `fallback_compare`: the operator and raw literals to hand over.
    pub fallback: Option<(Op, Vec<String>)>,
    /// `exists` on an any-value field (ancestors) needs at least one value.
    pub exists_needs_value: bool,
}

#[derive(Debug)]
pub(crate) enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Check(Box<Check>),
}

impl Node {
    fn eval<E: Extractor + ?Sized>(&self, cx: &mut EvalContext, ex: &mut E) -> bool {
        match self {
            Node::And(children) => children.iter().all(|c| c.eval(cx, ex)),
            Node::Or(children) => children.iter().any(|c| c.eval(cx, ex)),
            Node::Not(c) => !c.eval(cx, ex),
            Node::Check(c) => c.eval(cx, ex),
        }
    }
}

impl Check {
    fn eval<E: Extractor + ?Sized>(&self, cx: &mut EvalContext, ex: &mut E) -> bool {
        if !cx.ensure(&self.lhs, ex) {
            if let (Some((op, lits)), Plan::Field { info, .. }) = (&self.fallback, &self.lhs) {
                return ex.compare_fallback(info, *op, lits);
            }
            return false;
        }
        match &self.kind {
            CheckKind::Exists => !self.exists_needs_value || !cx.values(&self.lhs).is_empty(),
            CheckKind::Pred(p) => self.combine.apply(cx.values(&self.lhs), |v| p.test(v)),
            CheckKind::Operand { rhs, op, kind } => {
                if !cx.ensure(rhs, ex) {
                    return false;
                }
                let lhs = cx.values(&self.lhs);
                let rhs = cx.values(rhs);
                match op {
                    Op::In | Op::Intersects => self.combine.apply(lhs, |l| {
                        rhs.iter().any(|r| dyn_compare(Op::Eq, *kind, l, &r))
                    }),
                    _ => match rhs.first() {
                        Some(r) => self.combine.apply(lhs, |l| dyn_compare(*op, *kind, l, &r)),
                        None => false,
                    },
                }
            }
        }
    }
}

/// Compares two runtime values of the same kind (field-to-field comparisons).
fn dyn_compare(op: Op, kind: ValueKind, l: &Value<'_>, r: &Value<'_>) -> bool {
    if let Some(c) = CmpOp::from_op(op) {
        return match kind {
            ValueKind::Signed => {
                matches!((l.as_i64(), r.as_i64()), (Some(a), Some(b)) if c.test(&a, &b))
            }
            ValueKind::Unsigned => {
                matches!((l.as_u64(), r.as_u64()), (Some(a), Some(b)) if c.test(&a, &b))
            }
            ValueKind::Double => {
                matches!((l.as_f64(), r.as_f64()), (Some(a), Some(b)) if c.test(&a, &b))
            }
            ValueKind::Bool => {
                matches!((l.as_bool(), r.as_bool()), (Some(a), Some(b)) if c.test(&a, &b))
            }
            ValueKind::Ip | ValueKind::Net => match (l, r) {
                (Value::Ip(a), Value::Ip(b)) => c.test(a, b),
                _ => c == CmpOp::Ne,
            },
            ValueKind::Str | ValueKind::Bytes | ValueKind::None => {
                matches!((l.as_bytes(), r.as_bytes()), (Some(a), Some(b)) if c.test(a, b))
            }
        };
    }
    let (Some(a), Some(b)) = (l.as_bytes(), r.as_bytes()) else {
        return false;
    };
    match op {
        Op::Contains | Op::BContains => memchr::memmem::find(a, b).is_some(),
        Op::IContains => crate::matchers::icontains(a, b),
        Op::StartsWith | Op::BStartsWith => a.starts_with(b),
        Op::EndsWith => a.ends_with(b),
        Op::Glob => Glob::new(b, false).matches(a),
        Op::IGlob => Glob::new(b, true).matches(a),
        _ => false,
    }
}

/// A compiler warning (Falco reports these as `LOAD_COMPILE_CONDITION`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileWarning {
    pub message: String,
    pub pos: crate::ast::Pos,
}

/// A compiled condition.
#[derive(Debug)]
pub struct Filter {
    pub(crate) root: Node,
    pub(crate) owner: u64,
    pub(crate) warnings: Vec<CompileWarning>,
}

impl Filter {
    /// Evaluates the filter on the current event of `cx` (see [`EvalContext::next_event`]).
    pub fn eval<E: Extractor + ?Sized>(&self, cx: &mut EvalContext, ex: &mut E) -> bool {
        if cx.owner != self.owner {
            // Slot numbers are only meaningful within one compiler: start afresh.
            cx.owner = self.owner;
            cx.next_event();
        }
        self.root.eval(cx, ex)
    }

    /// Evaluates with a throw-away context (allocates; for tests and one-off checks).
    pub fn eval_once<E: Extractor + ?Sized>(&self, ex: &mut E) -> bool {
        let mut cx = EvalContext::new();
        self.eval(&mut cx, ex)
    }

    pub fn warnings(&self) -> &[CompileWarning] {
        &self.warnings
    }
}
