//! Event-type derivation: the set of event codes for which a condition can be true, as
//! Falco computes it to index rules by event type (libsinsp `ppm_codes.cpp`).
//!
//! `and` intersects and `or` unites its children's sets; `not` is pushed down to the leaves
//! with De Morgan's laws. `evt.type`/`syscall.type` leaves (`=`, `!=`, `in`, `exists`) give
//! their codes (complemented under a negation or for `!=`); any other leaf is neutral (all
//! codes) and stays neutral under negation. `evt.num` leaves that are statically false
//! (`evt.num = 0`) give the empty set and tautologies (`evt.num > 0`) all codes. The walk
//! mirrors libsinsp's visitor state by state, so corner cases (a literal as the last
//! argument of a transformer inside a negation, ...) come out the same.

use crate::ast::{Expr, Op, Operand, Rhs};
use crate::literal::parse_u64_strict;

/// A set of event (or syscall) codes over `0..capacity`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CodeSet {
    words: Vec<u64>,
    capacity: usize,
}

impl std::fmt::Debug for CodeSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl CodeSet {
    pub fn new(capacity: usize) -> Self {
        CodeSet {
            words: vec![0; capacity.div_ceil(64)],
            capacity,
        }
    }

    pub fn from_codes(capacity: usize, codes: impl IntoIterator<Item = u16>) -> Self {
        let mut s = CodeSet::new(capacity);
        for c in codes {
            s.insert(c);
        }
        s
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Adds a code; codes beyond the capacity are ignored.
    pub fn insert(&mut self, code: u16) {
        let c = usize::from(code);
        if c < self.capacity {
            self.words[c / 64] |= 1u64 << (c % 64);
        }
    }

    pub fn contains(&self, code: u16) -> bool {
        let c = usize::from(code);
        c < self.capacity && self.words[c / 64] & (1u64 << (c % 64)) != 0
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    pub fn clear(&mut self) {
        self.words.iter_mut().for_each(|w| *w = 0);
    }

    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            (0..64u32)
                .filter(move |b| w & (1u64 << b) != 0)
                .map(move |b| (i * 64 + b as usize) as u16)
        })
    }

    pub fn intersect(&self, other: &CodeSet) -> CodeSet {
        self.zip(other, |a, b| a & b)
    }

    pub fn union(&self, other: &CodeSet) -> CodeSet {
        self.zip(other, |a, b| a | b)
    }

    /// Codes of `self` not in `other`.
    pub fn difference(&self, other: &CodeSet) -> CodeSet {
        self.zip(other, |a, b| a & !b)
    }

    fn zip(&self, other: &CodeSet, f: impl Fn(u64, u64) -> u64) -> CodeSet {
        let capacity = self.capacity.max(other.capacity);
        let n = capacity.div_ceil(64);
        let get = |s: &CodeSet, i: usize| s.words.get(i).copied().unwrap_or(0);
        CodeSet {
            words: (0..n).map(|i| f(get(self, i), get(other, i))).collect(),
            capacity,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EventCodeError {
    pub message: String,
}

/// The codes for which `expr` can be true. `resolve_name` maps an event name to its codes
/// (`None` or an empty vector for unknown names); `all` is the universe ("all events").
pub fn event_codes(
    expr: &Expr,
    resolve_name: &dyn Fn(&str) -> Option<Vec<u16>>,
    all: &CodeSet,
) -> Result<CodeSet, EventCodeError> {
    let mut v = Visitor {
        resolve: resolve_name,
        all,
        is_evttype_field: false,
        is_field_or_transformer: true,
        inside_negation: false,
        has_codes: false,
        codes: CodeSet::new(all.capacity()),
    };
    v.expr(expr)?;
    Ok(v.codes)
}

enum Invariant {
    Empty,
    All,
    Unknown,
}

/// Static truth of `evt.num` checks, given that event numbers start at 1.
fn evt_num_invariant(lhs: &Operand, op: Op, modified: bool, rhs: &Rhs) -> Invariant {
    let Operand::Field(f) = lhs else {
        return Invariant::Unknown;
    };
    if f.name != "evt.num" || f.arg.is_some() || modified {
        return Invariant::Unknown;
    }
    if op == Op::In {
        let Rhs::List(values) = rhs else {
            return Invariant::Unknown;
        };
        if values.iter().all(|v| parse_u64_strict(v) == Some(0)) {
            return Invariant::Empty;
        }
        return Invariant::Unknown;
    }
    let Rhs::Value(v) = rhs else {
        return Invariant::Unknown;
    };
    let Some(n) = parse_u64_strict(v) else {
        return Invariant::Unknown;
    };
    match op {
        Op::Eq if n == 0 => Invariant::Empty,
        Op::Ne if n == 0 => Invariant::All,
        Op::Lt if n <= 1 => Invariant::Empty,
        Op::Le if n == 0 => Invariant::Empty,
        Op::Gt if n == 0 => Invariant::All,
        Op::Ge if n <= 1 => Invariant::All,
        _ => Invariant::Unknown,
    }
}

struct Visitor<'a> {
    resolve: &'a dyn Fn(&str) -> Option<Vec<u16>>,
    all: &'a CodeSet,
    is_evttype_field: bool,
    is_field_or_transformer: bool,
    inside_negation: bool,
    has_codes: bool,
    codes: CodeSet,
}

type VResult = Result<(), EventCodeError>;

fn fail(msg: &str) -> VResult {
    Err(EventCodeError {
        message: msg.to_string(),
    })
}

impl Visitor<'_> {
    fn invert_if_coded(&self, set: CodeSet) -> CodeSet {
        // Neutral checks are not inverted.
        if self.has_codes {
            self.all.difference(&set)
        } else {
            set
        }
    }

    fn try_inversion(&mut self) {
        if self.inside_negation {
            let set = std::mem::replace(&mut self.codes, CodeSet::new(0));
            self.codes = self.invert_if_coded(set);
        }
    }

    fn names(&mut self, names: &[&str]) {
        self.has_codes = true;
        let mut set = CodeSet::new(self.all.capacity());
        for n in names {
            for c in (self.resolve)(n).unwrap_or_default() {
                set.insert(c);
            }
        }
        self.codes = set;
        self.is_evttype_field = false;
        self.try_inversion();
    }

    fn expr(&mut self, e: &Expr) -> VResult {
        match e {
            Expr::And(children) => {
                if self.inside_negation {
                    self.disjunction(children)
                } else {
                    self.conjunction(children)
                }
            }
            Expr::Or(children) => {
                if self.inside_negation {
                    self.conjunction(children)
                } else {
                    self.disjunction(children)
                }
            }
            Expr::Not(child) => {
                self.codes.clear();
                let saved = self.inside_negation;
                self.inside_negation = !saved;
                self.expr(child)?;
                self.inside_negation = saved;
                self.is_evttype_field = false;
                Ok(())
            }
            Expr::Ident { .. } => {
                self.has_codes = false;
                self.codes = self.all.clone();
                self.is_evttype_field = false;
                self.try_inversion();
                Ok(())
            }
            Expr::Check {
                lhs,
                op: Op::Exists,
                ..
            } => {
                self.operand(lhs)?;
                self.has_codes = self.is_evttype_field;
                self.codes = self.all.clone();
                self.is_evttype_field = false;
                self.try_inversion();
                Ok(())
            }
            Expr::Check {
                lhs,
                op,
                modifier,
                rhs,
                ..
            } => self.binary_check(lhs, *op, modifier.is_some(), rhs.as_ref()),
        }
    }

    fn conjunction(&mut self, children: &[Expr]) -> VResult {
        let mut set = self.all.clone();
        for c in children {
            self.expr(c)?;
            set = set.intersect(&self.codes);
        }
        self.codes = set;
        self.is_evttype_field = false;
        Ok(())
    }

    fn disjunction(&mut self, children: &[Expr]) -> VResult {
        let mut set = CodeSet::new(self.all.capacity());
        for c in children {
            self.expr(c)?;
            set = set.union(&self.codes);
        }
        self.codes = set;
        self.is_evttype_field = false;
        Ok(())
    }

    fn binary_check(
        &mut self,
        lhs: &Operand,
        op: Op,
        modified: bool,
        rhs: Option<&Rhs>,
    ) -> VResult {
        self.has_codes = false;
        if let Some(rhs) = rhs {
            let inv = evt_num_invariant(lhs, op, modified, rhs);
            match inv {
                Invariant::Empty | Invariant::All => {
                    self.codes = if matches!(inv, Invariant::Empty) {
                        CodeSet::new(self.all.capacity())
                    } else {
                        self.all.clone()
                    };
                    self.has_codes = true;
                    self.is_evttype_field = false;
                    self.try_inversion();
                    return Ok(());
                }
                Invariant::Unknown => {}
            }
        }
        if !modified && matches!(op, Op::Eq | Op::Ne | Op::In) {
            self.operand(lhs)?;
            if self.is_evttype_field {
                self.is_field_or_transformer = false;
                if let Some(rhs) = rhs {
                    self.rhs(rhs)?;
                }
                if self.is_field_or_transformer {
                    return fail(
                        "right-hand field comparisons on `evt.type`/`syscall.type` checks are \
                         not supported by event code search",
                    );
                }
                if op == Op::Ne {
                    let set = std::mem::replace(&mut self.codes, CodeSet::new(0));
                    self.codes = self.invert_if_coded(set);
                }
                self.is_evttype_field = false;
                return Ok(());
            }
        }
        self.codes = self.all.clone();
        self.is_evttype_field = false;
        self.try_inversion();
        Ok(())
    }

    fn rhs(&mut self, rhs: &Rhs) -> VResult {
        match rhs {
            Rhs::Value(v) | Rhs::ListRef(v) => {
                self.names(&[v.as_str()]);
                Ok(())
            }
            Rhs::List(items) => {
                let names: Vec<&str> = items.iter().map(String::as_str).collect();
                self.names(&names);
                Ok(())
            }
            // `val(f)` is a transformer node wrapping the field.
            Rhs::Operand(Operand::Field(f)) => {
                self.operand(&Operand::Field(f.clone()))?;
                self.after_transformer_child()?;
                self.is_field_or_transformer = true;
                Ok(())
            }
            Rhs::Operand(op) => self.operand(op),
        }
    }

    fn after_transformer_child(&self) -> VResult {
        if self.is_evttype_field {
            return fail("event code search does not support `evt.type` checks with transformers");
        }
        Ok(())
    }

    fn operand(&mut self, op: &Operand) -> VResult {
        match op {
            Operand::Field(f) => {
                self.has_codes = false;
                self.is_field_or_transformer = true;
                self.is_evttype_field =
                    (f.name == "evt.type" || f.name == "syscall.type") && f.arg.is_none();
                self.codes = self.all.clone();
                self.try_inversion();
                Ok(())
            }
            Operand::Transform { args, .. } => {
                for a in args {
                    self.operand(a)?;
                    self.after_transformer_child()?;
                }
                self.is_field_or_transformer = true;
                Ok(())
            }
            Operand::Literal(v) => {
                self.names(&[v.as_str()]);
                Ok(())
            }
            Operand::List(items) => {
                for it in items {
                    self.operand(it)?;
                }
                Ok(())
            }
        }
    }
}
