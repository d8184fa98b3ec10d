//! Compiled filters and their evaluation.

use crate::ast::Transformer;
use crate::ast::{Modifier, Op};
use crate::field::{Extractor, FieldInfo, FieldType, Multiplicity, Value, ValueKind, Values};
use crate::literal::Net;
use crate::matchers::{AffixSet, Glob, IContains, IpSet, NetSet, PathSet, StrSet, Substring};
use crate::transform::{self, OptInfo};
use rustc_hash::FxHashSet;
use std::net::IpAddr;
use std::sync::Arc;

/// Per-event cache of extracted values, shared by every filter built by one
/// [`crate::Compiler`]. Call [`EvalContext::next_event`] before evaluating filters on a new
/// event.
#[derive(Debug, Default)]
pub struct EvalContext {
    epoch: u64,
    owner: u64,
    slots: Vec<Slot>,
    /// Results of shared sub-expressions for the current event, by memo slot:
    /// `epoch << 1 | result`, valid when the epoch is the current one.
    memo: Vec<u64>,
}

#[derive(Debug, Default)]
struct Slot {
    epoch: u64,
    ok: bool,
    values: Values,
}

impl Slot {
    /// Kept out of the evaluation loop: most checks find their field already extracted.
    #[inline(never)]
    fn fill<E: Extractor + ?Sized>(&mut self, epoch: u64, info: &FieldInfo, ex: &mut E) {
        self.values.clear();
        self.ok = ex.extract(info, &mut self.values);
        self.epoch = epoch;
    }
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

    /// Slot numbers are only meaningful within one compiler: a filter of another one starts
    /// afresh.
    #[inline]
    pub(crate) fn adopt(&mut self, owner: u64) {
        if self.owner != owner {
            self.owner = owner;
            self.next_event();
        }
    }

    fn slot_mut(&mut self, i: u32) -> &mut Slot {
        let i = i as usize;
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, Slot::default);
        }
        &mut self.slots[i]
    }

    #[inline(always)]
    fn memo_get(&self, i: u32) -> Option<bool> {
        match self.memo.get(i as usize) {
            Some(&m) if m >> 1 == self.epoch => Some(m & 1 != 0),
            _ => None,
        }
    }

    #[inline(always)]
    fn memo_set(&mut self, i: u32, r: bool) {
        let i = i as usize;
        if i >= self.memo.len() {
            self.memo.resize(i + 1, 0);
        }
        self.memo[i] = self.epoch << 1 | u64::from(r);
    }

    /// The values of a plain field for the current event, extracted on first use; `None`
    /// when the field cannot be extracted.
    #[inline(always)]
    pub(crate) fn field<E: Extractor + ?Sized>(
        &mut self,
        slot: u32,
        info: &FieldInfo,
        ex: &mut E,
    ) -> Option<&Values> {
        let i = slot as usize;
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, Slot::default);
        }
        let epoch = self.epoch;
        let s = &mut self.slots[i];
        if s.epoch != epoch {
            s.fill(epoch, info, ex);
        }
        if s.ok {
            Some(&s.values)
        } else {
            None
        }
    }

    #[inline]
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
    Contains(Box<Substring>),
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
    /// [`Pred::test`] of the first of `values` (a single-valued field), with the common tests
    /// inline and without building a [`Value`] for them.
    #[inline(always)]
    fn test_first(&self, values: &Values) -> bool {
        match self {
            Pred::Str(op, s) => values.first_bytes().is_some_and(|x| op.test(x, &**s)),
            Pred::StartsWith(p) => values.first_bytes().is_some_and(|x| x.starts_with(p)),
            Pred::EndsWith(p) => values.first_bytes().is_some_and(|x| x.ends_with(p)),
            Pred::Contains(f) => values.first_bytes().is_some_and(|x| f.matches(x)),
            Pred::InStr(set) => values.first_bytes().is_some_and(|x| set.contains(x)),
            Pred::Bool(op, b) => values
                .first()
                .is_some_and(|v| v.as_bool().is_some_and(|x| op.test(&x, b))),
            Pred::I64(op, n) => values
                .first()
                .is_some_and(|v| v.as_i64().is_some_and(|x| op.test(&x, n))),
            Pred::U64(op, n) => values
                .first()
                .is_some_and(|v| v.as_u64().is_some_and(|x| op.test(&x, n))),
            _ => values.first().is_some_and(|v| self.test(&v)),
        }
    }

    #[inline(never)]
    pub(crate) fn test(&self, v: &Value<'_>) -> bool {
        match self {
            Pred::Never => false,
            Pred::Bool(op, b) => v.as_bool().is_some_and(|x| op.test(&x, b)),
            Pred::I64(op, n) => v.as_i64().is_some_and(|x| op.test(&x, n)),
            Pred::U64(op, n) => v.as_u64().is_some_and(|x| op.test(&x, n)),
            Pred::F64(op, n) => v.as_f64().is_some_and(|x| op.test(&x, n)),
            Pred::Str(op, s) => v.as_bytes().is_some_and(|x| op.test(x, &**s)),
            Pred::Contains(f) => v.as_bytes().is_some_and(|x| f.matches(x)),
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
    /// The compiler's number of the check's text (its memo slot).
    pub key: u32,
    /// Relative cost of evaluating the check ([`crate::FieldCatalog::cost`]).
    pub cost: u8,
}

/// The compiled condition as a tree: what specialisation rewrites and memo slots are
/// assigned on; it is run as a [`Program`].
#[derive(Debug)]
pub(crate) enum Node {
    /// A sub-expression decided at compile time (event-code specialisation).
    Const(bool),
    And(Box<[Node]>),
    Or(Box<[Node]>),
    Not(Box<Node>),
    /// Shared between the code variants of a filter, hence the `Arc`.
    Check(Arc<Check>),
    /// A sub-expression whose result is kept per event in the given memo slot, shared by
    /// every filter of the compiler containing the same sub-expression.
    Memo(u32, Box<Node>),
}

/// Jump targets at or above [`FALSE`] end the evaluation.
const TRUE: u32 = u32::MAX;
const FALSE: u32 = u32::MAX - 1;

/// One step of a [`Program`]: a test and where to continue on either outcome.
#[derive(Debug)]
enum Inst {
    Test {
        check: Arc<Check>,
        t: u32,
        f: u32,
    },
    /// A check whose result is remembered in `slot`.
    MemoTest {
        check: Arc<Check>,
        slot: u32,
        t: u32,
        f: u32,
    },
    /// The result of the sub-expression starting at `miss` if `slot` holds it for this event.
    Memo {
        slot: u32,
        t: u32,
        f: u32,
        miss: u32,
    },
    /// The end of a remembered sub-expression: its result is `value`.
    Store {
        slot: u32,
        value: bool,
        next: u32,
    },
}

/// A [`Node`] tree as a flat list of tests with jump targets, evaluated in a loop: `and`
/// jumps to its next operand on true and out on false, `or` the reverse, `not` swaps the
/// targets and a constant is a jump. Operands are tested in the tree's order with the same
/// short-circuits, so a program does exactly the tree's work.
#[derive(Debug)]
pub(crate) struct Program {
    ops: Box<[Inst]>,
    entry: u32,
}

impl Program {
    pub(crate) fn new(root: &Node) -> Program {
        // Emitted back to front, so that every target exists when it is referred to.
        let mut ops = Vec::new();
        let entry = emit(root, TRUE, FALSE, &mut ops);
        let last = ops.len() as u32;
        let at = |x: u32| if x >= FALSE { x } else { last - 1 - x };
        ops.reverse();
        for op in &mut ops {
            match op {
                Inst::Test { t, f, .. } | Inst::MemoTest { t, f, .. } => {
                    *t = at(*t);
                    *f = at(*f);
                }
                Inst::Memo { t, f, miss, .. } => {
                    *t = at(*t);
                    *f = at(*f);
                    *miss = at(*miss);
                }
                Inst::Store { next, .. } => *next = at(*next),
            }
        }
        Program {
            ops: ops.into_boxed_slice(),
            entry: at(entry),
        }
    }

    #[inline]
    fn eval<E: Extractor + ?Sized>(&self, cx: &mut EvalContext, ex: &mut E) -> bool {
        let mut pc = self.entry;
        while pc < FALSE {
            pc = match &self.ops[pc as usize] {
                Inst::Test { check, t, f } => {
                    if check.eval(cx, ex) {
                        *t
                    } else {
                        *f
                    }
                }
                Inst::MemoTest { check, slot, t, f } => {
                    let r = match cx.memo_get(*slot) {
                        Some(r) => r,
                        None => {
                            let r = check.eval(cx, ex);
                            cx.memo_set(*slot, r);
                            r
                        }
                    };
                    if r {
                        *t
                    } else {
                        *f
                    }
                }
                Inst::Memo { slot, t, f, miss } => match cx.memo_get(*slot) {
                    Some(true) => *t,
                    Some(false) => *f,
                    None => *miss,
                },
                Inst::Store { slot, value, next } => {
                    cx.memo_set(*slot, *value);
                    *next
                }
            };
        }
        pc == TRUE
    }
}

/// Appends the instructions of `n` going to `t` or `f`; returns its entry.
fn emit(n: &Node, t: u32, f: u32, ops: &mut Vec<Inst>) -> u32 {
    let mut push = |i: Inst| {
        ops.push(i);
        (ops.len() - 1) as u32
    };
    match n {
        Node::Const(true) => t,
        Node::Const(false) => f,
        Node::Not(x) => emit(x, f, t, ops),
        Node::And(children) => children
            .iter()
            .rev()
            .fold(t, |next, c| emit(c, next, f, ops)),
        Node::Or(children) => children
            .iter()
            .rev()
            .fold(f, |next, c| emit(c, t, next, ops)),
        Node::Check(check) => push(Inst::Test {
            check: Arc::clone(check),
            t,
            f,
        }),
        Node::Memo(slot, inner) => {
            if let Node::Check(check) = &**inner {
                return push(Inst::MemoTest {
                    check: Arc::clone(check),
                    slot: *slot,
                    t,
                    f,
                });
            }
            let f_end = push(Inst::Store {
                slot: *slot,
                value: false,
                next: f,
            });
            let t_end = push(Inst::Store {
                slot: *slot,
                value: true,
                next: t,
            });
            let miss = emit(inner, t_end, f_end, ops);
            ops.push(Inst::Memo {
                slot: *slot,
                t,
                f,
                miss,
            });
            (ops.len() - 1) as u32
        }
    }
}

impl Check {
    #[inline(always)]
    fn eval<E: Extractor + ?Sized>(&self, cx: &mut EvalContext, ex: &mut E) -> bool {
        // The common form: a plain field against literals.
        if let (Plan::Field { slot, info }, CheckKind::Pred(p)) = (&self.lhs, &self.kind) {
            return match cx.field(*slot, info, ex) {
                Some(values) if self.combine == Combine::First => p.test_first(values),
                Some(values) => self.combine.apply(values, |v| p.test(v)),
                None => match &self.fallback {
                    Some((op, lits)) => ex.compare_fallback(info, *op, lits),
                    None => false,
                },
            };
        }
        self.eval_general(cx, ex)
    }

    #[inline(never)]
    fn eval_general<E: Extractor + ?Sized>(&self, cx: &mut EvalContext, ex: &mut E) -> bool {
        if !cx.ensure(&self.lhs, ex) {
            if let (Some((op, lits)), Plan::Field { info, .. }) = (&self.fallback, &self.lhs) {
                return ex.compare_fallback(info, *op, lits);
            }
            return false;
        }
        match &self.kind {
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
            _ => self.decide(cx.values(&self.lhs)),
        }
    }

    /// The result of an `exists` or literal check on the extracted left-hand values.
    #[inline]
    fn decide(&self, lhs: &Values) -> bool {
        match &self.kind {
            CheckKind::Exists => !self.exists_needs_value || !lhs.is_empty(),
            CheckKind::Pred(p) => self.combine.apply(lhs, |v| p.test(v)),
            CheckKind::Operand { .. } => false,
        }
    }

    /// The result of the check when its left-hand field is known to extract as `ok`/`lhs`
    /// (a value fixed by the event code); `None` when it still depends on the event.
    pub(crate) fn decide_const(&self, ok: bool, lhs: &Values) -> Option<bool> {
        if !matches!(self.lhs, Plan::Field { .. }) {
            return None;
        }
        match (&self.kind, ok) {
            (CheckKind::Operand { .. }, _) => None,
            // The fallback comparison consults the event.
            (_, false) if self.fallback.is_some() => None,
            (_, false) => Some(false),
            (_, true) => Some(self.decide(lhs)),
        }
    }

    /// The left-hand field when it is a plain field.
    pub(crate) fn lhs_field(&self) -> Option<&FieldInfo> {
        match &self.lhs {
            Plan::Field { info, .. } => Some(info),
            _ => None,
        }
    }

    /// Whether evaluating the check costs enough that remembering its result per event (one
    /// memo slot lookup) pays off when several rules contain it.
    pub(crate) fn worth_memo(&self) -> bool {
        if !matches!(self.lhs, Plan::Field { .. }) || self.combine != Combine::First {
            return true;
        }
        match &self.kind {
            CheckKind::Exists => false,
            CheckKind::Operand { .. } => true,
            CheckKind::Pred(p) => p.is_costly(),
        }
    }
}

impl Pred {
    fn is_costly(&self) -> bool {
        match self {
            Pred::Never
            | Pred::Bool(..)
            | Pred::I64(..)
            | Pred::U64(..)
            | Pred::F64(..)
            | Pred::Str(..)
            | Pred::StartsWith(_)
            | Pred::EndsWith(_)
            | Pred::Ip(..)
            | Pred::Net(..)
            | Pred::InBool { .. } => false,
            Pred::Not(p) => p.is_costly(),
            _ => true,
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
    /// The general tree, kept for specialisation.
    pub(crate) root: Node,
    pub(crate) program: Program,
    /// Copies of `root` specialised for event codes (see [`crate::Compiler::specialize`]).
    pub(crate) variants: Vec<(Node, Program)>,
    /// Per event code: 1 + the index of its variant in `variants`, or 0 for `root`.
    pub(crate) by_code: Box<[u16]>,
    pub(crate) owner: u64,
    pub(crate) warnings: Vec<CompileWarning>,
}

impl Filter {
    /// Evaluates the filter on the current event of `cx` (see [`EvalContext::next_event`]).
    #[inline]
    pub fn eval<E: Extractor + ?Sized>(&self, cx: &mut EvalContext, ex: &mut E) -> bool {
        cx.adopt(self.owner);
        self.program_for(ex).eval(cx, ex)
    }

    /// The program to run for the extractor's event: its code's variant when there is one.
    #[inline]
    fn program_for<E: Extractor + ?Sized>(&self, ex: &E) -> &Program {
        if self.variants.is_empty() {
            return &self.program;
        }
        let i = ex
            .event_code()
            .and_then(|c| self.by_code.get(c as usize))
            .copied()
            .unwrap_or(0);
        match i {
            0 => &self.program,
            i => &self.variants[i as usize - 1].1,
        }
    }

    /// The tree run for events of type `code`.
    pub(crate) fn tree_for(&self, code: u16) -> &Node {
        match self.by_code.get(code as usize) {
            Some(&i) if i > 0 => &self.variants[i as usize - 1].0,
            _ => &self.root,
        }
    }

    /// Evaluates with a throw-away context (allocates; for tests and one-off checks).
    pub fn eval_once<E: Extractor + ?Sized>(&self, ex: &mut E) -> bool {
        let mut cx = EvalContext::new();
        self.eval(&mut cx, ex)
    }

    pub fn warnings(&self) -> &[CompileWarning] {
        &self.warnings
    }

    /// Number of event codes with a specialised program (for tests and diagnostics).
    pub fn specialised_codes(&self) -> usize {
        self.by_code.iter().filter(|&&i| i != 0).count()
    }

    /// Number of distinct specialised programs.
    pub fn variant_count(&self) -> usize {
        self.variants.len()
    }

    /// The structure of the condition run for events of type `code` (`None`: the general
    /// one), for tests and diagnostics: `and(..)`, `or(..)`, `not(..)`, `true`/`false`, checks
    /// as `#N` (the compiler's number of the check's text), `@N:` before a sub-expression
    /// kept in memo slot N.
    pub fn shape(&self, code: Option<u16>) -> String {
        let root = match code.and_then(|c| self.by_code.get(c as usize)) {
            Some(&i) if i > 0 => &self.variants[i as usize - 1].0,
            _ => &self.root,
        };
        let mut out = String::new();
        root.shape(&mut out);
        out
    }
}

impl Node {
    /// The cost of the most expensive check in the sub-expression.
    pub(crate) fn cost(&self) -> u8 {
        match self {
            Node::Const(_) => 0,
            Node::Check(c) => c.cost,
            Node::Not(c) | Node::Memo(_, c) => c.cost(),
            Node::And(c) | Node::Or(c) => c.iter().map(Node::cost).max().unwrap_or(0),
        }
    }

    fn shape(&self, out: &mut String) {
        let list = |name: &str, children: &[Node], out: &mut String| {
            out.push_str(name);
            out.push('(');
            for (i, c) in children.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                c.shape(out);
            }
            out.push(')');
        };
        match self {
            Node::Const(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::And(c) => list("and", c, out),
            Node::Or(c) => list("or", c, out),
            Node::Not(c) => {
                out.push_str("not(");
                c.shape(out);
                out.push(')');
            }
            Node::Check(c) => {
                out.push('#');
                out.push_str(&c.key.to_string());
            }
            Node::Memo(m, inner) => {
                out.push('@');
                out.push_str(&m.to_string());
                out.push(':');
                inner.shape(out);
            }
        }
    }
}
