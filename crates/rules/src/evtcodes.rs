//! The set of event codes for which a condition can be true (libsinsp's event-code search), used
//! to index rules by event type and for the "too many event types" warning.
//!
//! This follows libs 0.25.4 (Falco 0.44.1): there is no static evaluation of `evt.num` checks,
//! so `evt.num = 0` is a neutral check like any other field.

use peregrine_filter::ast::{Expr, Op, Operand, Rhs};

/// Which event codes exist and what they are called.
pub trait EventTable {
    /// Number of event codes (`PPM_EVENT_MAX`); codes are `0..count`.
    fn count(&self) -> u16;
    /// Name of an event code.
    fn name(&self, code: u16) -> Option<&str>;
    /// Whether `name` is a syscall name, which matches the generic syscall events.
    fn is_syscall_name(&self, name: &str) -> bool;
    /// Syscall names by syscall code (`ppm_sc_code`); empty when unknown.
    fn syscall_names(&self) -> &[&str] {
        &[]
    }
}

/// The event table of `peregrine-event`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultEvents;

impl EventTable for DefaultEvents {
    fn count(&self) -> u16 {
        peregrine_event::EVENT_TABLE.len() as u16
    }
    fn name(&self, code: u16) -> Option<&str> {
        peregrine_event::info(code)
            .filter(|e| !e.is_unused())
            .map(|e| e.name)
    }
    fn is_syscall_name(&self, name: &str) -> bool {
        peregrine_event::names::SYSCALL_NAMES.contains(&name)
    }
    fn syscall_names(&self) -> &[&str] {
        peregrine_event::names::SYSCALL_NAMES
    }
}

/// The generic syscall events, enter and exit.
pub const GENERIC_E: u16 = 0;
pub const GENERIC_X: u16 = 1;
/// The async meta-event every syscall rule is also registered for.
pub const ASYNCEVENT_E: u16 = 402;

/// A set of event codes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct EventSet {
    bits: Vec<u64>,
}

impl EventSet {
    pub fn empty() -> EventSet {
        EventSet::default()
    }
    pub fn all(count: u16) -> EventSet {
        let mut s = EventSet::default();
        for c in 0..count {
            s.insert(c);
        }
        s
    }
    pub fn insert(&mut self, code: u16) {
        let (w, b) = ((code / 64) as usize, code % 64);
        if self.bits.len() <= w {
            self.bits.resize(w + 1, 0);
        }
        self.bits[w] |= 1 << b;
    }
    pub fn contains(&self, code: u16) -> bool {
        let (w, b) = ((code / 64) as usize, code % 64);
        self.bits.get(w).is_some_and(|x| x & (1 << b) != 0)
    }
    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        self.bits.iter().enumerate().flat_map(|(w, &x)| {
            (0..64u16)
                .filter(move |b| x & (1 << b) != 0)
                .map(move |b| w as u16 * 64 + b)
        })
    }
    fn intersect(&self, o: &EventSet) -> EventSet {
        let n = self.bits.len().min(o.bits.len());
        EventSet {
            bits: (0..n).map(|i| self.bits[i] & o.bits[i]).collect(),
        }
    }
    fn merge(&self, o: &EventSet) -> EventSet {
        let n = self.bits.len().max(o.bits.len());
        let g = |v: &Vec<u64>, i: usize| v.get(i).copied().unwrap_or(0);
        EventSet {
            bits: (0..n).map(|i| g(&self.bits, i) | g(&o.bits, i)).collect(),
        }
    }
    fn diff_from(&self, all: &EventSet) -> EventSet {
        let g = |v: &Vec<u64>, i: usize| v.get(i).copied().unwrap_or(0);
        EventSet {
            bits: (0..all.bits.len())
                .map(|i| all.bits[i] & !g(&self.bits, i))
                .collect(),
        }
    }
}

/// Codes whose event is called `name`, plus the generic events when `name` is a syscall that
/// has no dedicated event.
pub fn names_to_codes(events: &dyn EventTable, names: &[&str]) -> EventSet {
    let mut set = EventSet::empty();
    let mut remaining: Vec<&str> = names.to_vec();
    for code in 2..events.count() {
        if let Some(n) = events.name(code) {
            if names.contains(&n) {
                set.insert(code);
                remaining.retain(|r| *r != n);
            }
        }
    }
    if remaining.iter().any(|n| events.is_syscall_name(n)) {
        set.insert(GENERIC_E);
        set.insert(GENERIC_X);
    }
    set
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EventCodeError(pub String);

struct Visitor<'a> {
    names_to_set: &'a dyn Fn(&[&str]) -> EventSet,
    all: EventSet,
    inside_negation: bool,
    last_has_codes: bool,
    last_is_evttype_field: bool,
    last_is_field_or_transformer: bool,
    codes: EventSet,
}

impl Visitor<'_> {
    fn try_inversion(&mut self) {
        if self.inside_negation && self.last_has_codes {
            self.codes = self.codes.diff_from(&self.all);
        }
    }

    fn visit(&mut self, e: &Expr) -> Result<(), EventCodeError> {
        match e {
            Expr::And(children) | Expr::Or(children) => {
                let conj = matches!(e, Expr::And(_)) != self.inside_negation;
                let mut types = if conj {
                    self.all.clone()
                } else {
                    EventSet::empty()
                };
                for c in children {
                    self.visit(c)?;
                    types = if conj {
                        types.intersect(&self.codes)
                    } else {
                        types.merge(&self.codes)
                    };
                }
                self.codes = types;
                self.last_is_evttype_field = false;
            }
            Expr::Not(child) => {
                self.codes = EventSet::empty();
                self.inside_negation = !self.inside_negation;
                let r = self.visit(child);
                self.inside_negation = !self.inside_negation;
                r?;
                self.last_is_evttype_field = false;
            }
            Expr::Ident { .. } => {
                self.last_has_codes = false;
                self.codes = self.all.clone();
                self.last_is_evttype_field = false;
                self.try_inversion();
            }
            Expr::Check {
                lhs,
                op: Op::Exists,
                ..
            } => {
                self.visit_operand(lhs)?;
                self.last_has_codes = self.last_is_evttype_field;
                self.codes = self.all.clone();
                self.last_is_evttype_field = false;
                self.try_inversion();
            }
            Expr::Check {
                lhs,
                op,
                modifier,
                rhs,
                ..
            } => {
                self.last_has_codes = false;
                let evttype_op = modifier.is_none() && matches!(op, Op::Eq | Op::Ne | Op::In);
                if evttype_op {
                    self.visit_operand(lhs)?;
                    if self.last_is_evttype_field {
                        self.last_is_field_or_transformer = false;
                        if let Some(rhs) = rhs {
                            self.visit_rhs(rhs)?;
                        }
                        if self.last_is_field_or_transformer {
                            return Err(EventCodeError(
                                "right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by event code search".into(),
                            ));
                        }
                        if *op == Op::Ne && self.last_has_codes {
                            self.codes = self.codes.diff_from(&self.all);
                        }
                        self.last_is_evttype_field = false;
                        return Ok(());
                    }
                }
                self.codes = self.all.clone();
                self.last_is_evttype_field = false;
                self.try_inversion();
            }
        }
        Ok(())
    }

    fn visit_values(&mut self, names: &[&str]) {
        self.last_has_codes = true;
        self.codes = (self.names_to_set)(names);
        self.last_is_evttype_field = false;
        self.try_inversion();
    }

    fn visit_rhs(&mut self, rhs: &Rhs) -> Result<(), EventCodeError> {
        match rhs {
            Rhs::Value(v) | Rhs::ListRef(v) => self.visit_values(&[v.as_str()]),
            Rhs::List(vs) => {
                let names: Vec<&str> = vs.iter().map(String::as_str).collect();
                self.visit_values(&names);
            }
            Rhs::Operand(o) => self.visit_operand(o)?,
        }
        Ok(())
    }

    fn visit_operand(&mut self, o: &Operand) -> Result<(), EventCodeError> {
        match o {
            Operand::Field(f) => {
                self.last_has_codes = false;
                self.last_is_field_or_transformer = true;
                self.last_is_evttype_field =
                    (f.name == "evt.type" || f.name == "syscall.type") && f.arg.is_none();
                self.codes = self.all.clone();
                self.try_inversion();
            }
            Operand::Transform { args, .. } => {
                for a in args {
                    self.visit_operand(a)?;
                    if self.last_is_evttype_field {
                        return Err(EventCodeError(
                            "event code search does not support `evt.type` checks with transformers".into(),
                        ));
                    }
                }
                self.last_is_field_or_transformer = true;
            }
            Operand::List(items) => {
                for a in items {
                    self.visit_operand(a)?;
                }
            }
            Operand::Literal(v) => self.visit_values(&[v.as_str()]),
        }
        Ok(())
    }
}

fn search(
    expr: &Expr,
    all: EventSet,
    names_to_set: &dyn Fn(&[&str]) -> EventSet,
) -> Result<EventSet, EventCodeError> {
    let mut v = Visitor {
        names_to_set,
        all,
        inside_negation: false,
        last_has_codes: false,
        last_is_evttype_field: false,
        last_is_field_or_transformer: true,
        codes: EventSet::empty(),
    };
    v.visit(expr)?;
    Ok(v.codes)
}

/// The event codes `expr` can match (macros must already be substituted).
pub fn event_codes(events: &dyn EventTable, expr: &Expr) -> Result<EventSet, EventCodeError> {
    search(expr, EventSet::all(events.count()), &|names| {
        names_to_codes(events, names)
    })
}

/// The syscall codes `expr` can match (indices into [`EventTable::syscall_names`]).
pub fn syscall_codes(events: &dyn EventTable, expr: &Expr) -> Result<EventSet, EventCodeError> {
    let sc = events.syscall_names();
    let map = |names: &[&str]| {
        let mut s = EventSet::empty();
        for (i, n) in sc.iter().enumerate() {
            if !n.is_empty() && names.contains(n) {
                s.insert(i as u16);
            }
        }
        s
    };
    search(expr, EventSet::all(sc.len() as u16), &map)
}
