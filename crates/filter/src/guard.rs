//! A prefilter for the filters evaluated on the same events (a rules bucket): conditions
//! implied by each filter, made of string tests on cheap fields, tested for all filters of
//! the bucket at once so that most filters need not run.
//!
//! Every filter yields clauses, disjunctions of atoms (`fd.name startswith /etc`, `proc.name
//! in (...)`, the literal prefix of a glob...) that its condition implies. An event passes a
//! filter's guard when each of its clauses has an atom that holds. The atoms of the whole bucket
//! are grouped by field and tested with one exact-value table, one prefix trie and a few
//! substring and suffix tests per field, so rules sharing a field cost one extraction and one
//! walk instead of one program each. A filter whose guard fails is false: the guard is a
//! necessary condition derived from the same compiled tree the program runs (weaker atoms, such
//! as a glob's prefix, are still implied), never a different answer.

use crate::field::{Extractor, FieldInfo};
use crate::program::{Check, CheckKind, Combine, EvalContext, Filter, Node, Plan, Pred};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// `in (...)` sets larger than this are left out of guards: a guard is built per event code
/// and would copy them.
const MAX_SET: usize = 1024;

/// One atom: a string test of a field's single value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Atom {
    Exact(u32, Box<[u8]>),
    Prefix(u32, Box<[u8]>),
    Suffix(u32, Box<[u8]>),
    Contains(u32, Box<[u8]>),
}

impl Atom {
    /// How many values the atom lets through, roughly: exact values fewest, substrings most.
    fn looseness(&self) -> u8 {
        match self {
            Atom::Exact(..) => 0,
            Atom::Prefix(..) | Atom::Suffix(..) => 1,
            Atom::Contains(..) => 2,
        }
    }

    fn slot(&self) -> u32 {
        match self {
            Atom::Exact(s, _) | Atom::Prefix(s, _) | Atom::Suffix(s, _) | Atom::Contains(s, _) => {
                *s
            }
        }
    }
}

/// A disjunction of atoms; empty means the condition can never be true.
type Clause = Vec<Atom>;

/// The atoms a check stands for when it holds; `None` when it is not a test the guard can
/// index.
fn check_atoms(c: &Check) -> Option<Clause> {
    let Plan::Field { slot, info } = &c.lhs else {
        return None;
    };
    if c.cost != 0 || c.combine != Combine::First || c.fallback.is_some() || info.is_list {
        return None;
    }
    let CheckKind::Pred(p) = &c.kind else {
        return None;
    };
    let s = *slot;
    Some(match p {
        Pred::Never => Vec::new(),
        Pred::Str(crate::program::CmpOp::Eq, v) => vec![Atom::Exact(s, v.clone())],
        Pred::StartsWith(v) => vec![Atom::Prefix(s, v.clone())],
        Pred::EndsWith(v) => vec![Atom::Suffix(s, v.clone())],
        Pred::Contains(sub) => vec![Atom::Contains(s, sub.needle().into())],
        Pred::InStr(set) if set.len() <= MAX_SET => {
            set.iter().map(|v| Atom::Exact(s, v.into())).collect()
        }
        Pred::AnyAffix(set) if set.len() <= MAX_SET => set
            .iter()
            .map(|v| {
                if set.is_suffix() {
                    Atom::Suffix(s, v.into())
                } else {
                    Atom::Prefix(s, v.into())
                }
            })
            .collect(),
        Pred::Glob(g) => match g.literal_prefix() {
            // fnmatch matches the whole value: it starts with the pattern's literal head.
            Some(prefix) => vec![Atom::Prefix(s, prefix.into())],
            None => return None,
        },
        _ => return None,
    })
}

/// The clauses `n` implies (all must hold); empty when nothing is known.
fn cnf(n: &Node, out: &mut Vec<Clause>) {
    match n {
        Node::Const(true) => {}
        Node::Const(false) => out.push(Vec::new()),
        Node::Check(c) => {
            if let Some(cl) = check_atoms(c) {
                out.push(cl);
            }
        }
        Node::Memo(_, inner) => cnf(inner, out),
        Node::Not(_) => {}
        Node::And(children) => {
            for c in children.iter() {
                cnf(c, out);
            }
        }
        Node::Or(_) => {
            if let Some(cl) = clause(n) {
                out.push(cl);
            }
        }
    }
}

/// One clause `n` implies, `None` when there is none.
fn clause(n: &Node) -> Option<Clause> {
    match n {
        Node::Const(true) | Node::Not(_) => None,
        Node::Const(false) => Some(Vec::new()),
        Node::Check(c) => check_atoms(c),
        Node::Memo(_, inner) => clause(inner),
        Node::And(children) => {
            let mut all = Vec::new();
            for c in children.iter() {
                cnf(c, &mut all);
            }
            // The narrowest: an empty one decides the `and`; then exact values before any
            // prefix, suffix or substring (`fd.name in (sensitive_file_names)` rejects far
            // more events than `fd.name startswith /etc`), then the fewest atoms.
            all.into_iter()
                .min_by_key(|cl| (cl.iter().map(Atom::looseness).max(), cl.len()))
        }
        Node::Or(children) => {
            let mut union = Vec::new();
            for c in children.iter() {
                union.extend(clause(c)?);
            }
            Some(union)
        }
    }
}

#[derive(Debug, Default)]
struct TrieNode {
    children: Vec<(u8, u32)>,
    atom: Option<u32>,
}

/// The atoms of one field.
#[derive(Debug)]
struct FieldAtoms {
    slot: u32,
    /// A check on the field, for its [`FieldInfo`].
    check: Arc<Check>,
    exact: FxHashMap<Box<[u8]>, u32>,
    /// Prefix trie; node 0 is the root.
    trie: Vec<TrieNode>,
    suffixes: Vec<(Box<[u8]>, u32)>,
    contains: Vec<(crate::matchers::Substring, u32)>,
}

impl FieldAtoms {
    fn info(&self) -> &FieldInfo {
        match &self.check.lhs {
            Plan::Field { info, .. } => info,
            _ => unreachable!("guard fields are plain fields"),
        }
    }

    fn add_prefix(&mut self, p: &[u8], atom: u32) {
        let mut node = 0usize;
        for &b in p {
            node = match self.trie[node].children.iter().find(|(c, _)| *c == b) {
                Some(&(_, next)) => next as usize,
                None => {
                    self.trie.push(TrieNode::default());
                    let next = self.trie.len() - 1;
                    self.trie[node].children.push((b, next as u32));
                    next
                }
            };
        }
        self.trie[node].atom = Some(atom);
    }
}

/// What a [`Guard`] learnt of the current event: the fields tested so far and the clauses
/// that hold. Reset by [`Guard::begin`].
#[derive(Debug, Default)]
pub struct GuardState {
    /// Bit `i`: field `i` of the guard was tested.
    done: u64,
    fired: Vec<u64>,
}

/// The guard of one rules bucket (see the module documentation).
#[derive(Debug)]
pub struct Guard {
    owner: u64,
    /// At most 64 (the width of [`GuardState::done`]).
    fields: Vec<FieldAtoms>,
    /// Words of a clause bit set.
    words: usize,
    /// Per atom, the clauses it satisfies (`words` words each).
    atom_masks: Vec<u64>,
    /// Per clause, the fields its atoms test.
    clause_fields: Vec<u64>,
    /// Per filter of the bucket, the clauses it needs, cheapest first (fewest fields).
    needs: Vec<Box<[u32]>>,
}

/// Numbers the fields the clauses test, in order of first use.
fn number_fields(per_filter: &[Vec<Clause>]) -> FxHashMap<u32, usize> {
    let mut field_of: FxHashMap<u32, usize> = FxHashMap::default();
    for a in per_filter.iter().flatten().flatten() {
        let next = field_of.len();
        field_of.entry(a.slot()).or_insert(next);
    }
    field_of
}

impl Guard {
    /// The guard of `filters` as evaluated on events of type `code`, in bucket order; `None`
    /// when no filter has a clause to test (or the filters come from different compilers).
    pub fn new(code: u16, filters: &[&Filter]) -> Option<Guard> {
        let owner = filters.first()?.owner;
        if filters.iter().any(|f| f.owner != owner) {
            return None;
        }
        let mut per_filter: Vec<Vec<Clause>> = Vec::with_capacity(filters.len());
        let mut checks: FxHashMap<u32, Arc<Check>> = FxHashMap::default();
        for f in filters {
            let mut cl = Vec::new();
            cnf(f.tree_for(code), &mut cl);
            for c in &mut cl {
                c.sort();
                c.dedup();
            }
            cl.sort();
            cl.dedup();
            per_filter.push(cl);
            collect_checks(f.tree_for(code), &mut checks);
        }
        // Fields in order of first use, so that the first rules' fields come first.
        let mut field_of = number_fields(&per_filter);
        if field_of.is_empty() && per_filter.iter().all(Vec::is_empty) {
            return None;
        }
        if field_of.len() > 64 {
            // Not seen in practice: drop the clauses that test a field past the 64th, then
            // number again (a field may have lost all its clauses).
            for cls in &mut per_filter {
                cls.retain(|c| c.iter().all(|a| field_of[&a.slot()] < 64));
            }
            field_of = number_fields(&per_filter);
        }
        // Number the distinct clauses and atoms.
        let mut clause_ids: FxHashMap<&Clause, usize> = FxHashMap::default();
        let mut clause_fields: Vec<u64> = Vec::new();
        for cl in per_filter.iter().flatten() {
            let next = clause_ids.len();
            if *clause_ids.entry(cl).or_insert(next) == next {
                clause_fields.push(cl.iter().fold(0, |m, a| m | 1 << field_of[&a.slot()]));
            }
        }
        let words = clause_ids.len().div_ceil(64).max(1);
        let mut atom_ids: FxHashMap<&Atom, u32> = FxHashMap::default();
        let mut atom_masks: Vec<u64> = Vec::new();
        for (cl, &id) in &clause_ids {
            for a in cl.iter() {
                let next = atom_ids.len() as u32;
                let aid = *atom_ids.entry(a).or_insert(next);
                if aid == next {
                    atom_masks.resize(atom_masks.len() + words, 0);
                }
                atom_masks[aid as usize * words + id / 64] |= 1 << (id % 64);
            }
        }
        let needs = per_filter
            .iter()
            .map(|cls| {
                let mut ids: Vec<u32> = cls.iter().map(|c| clause_ids[c] as u32).collect();
                ids.sort_by_key(|&c| (clause_fields[c as usize].count_ones(), c));
                ids.into_boxed_slice()
            })
            .collect();
        let mut fields: Vec<Option<FieldAtoms>> = (0..field_of.len()).map(|_| None).collect();
        for (a, &aid) in &atom_ids {
            let slot = a.slot();
            let fa = fields[field_of[&slot]].get_or_insert_with(|| FieldAtoms {
                slot,
                check: Arc::clone(&checks[&slot]),
                exact: FxHashMap::default(),
                trie: vec![TrieNode::default()],
                suffixes: Vec::new(),
                contains: Vec::new(),
            });
            match a {
                Atom::Exact(_, v) => {
                    fa.exact.insert(v.clone(), aid);
                }
                Atom::Prefix(_, v) => fa.add_prefix(v, aid),
                Atom::Suffix(_, v) => fa.suffixes.push((v.clone(), aid)),
                Atom::Contains(_, v) => fa.contains.push((crate::matchers::Substring::new(v), aid)),
            }
        }
        Some(Guard {
            owner,
            fields: fields.into_iter().flatten().collect(),
            words,
            atom_masks,
            clause_fields,
            needs,
        })
    }

    /// Starts a new event: nothing is known of it yet.
    #[inline]
    pub fn begin(&self, cx: &mut EvalContext, state: &mut GuardState) {
        cx.adopt(self.owner);
        state.done = 0;
        state.fired.clear();
        state.fired.resize(self.words, 0);
    }

    /// Whether filter `i` of the bucket may be true for the current event (since
    /// [`Guard::begin`]). Tests the fields its clauses need that no earlier call tested,
    /// extracting through the cache of `cx`, where the filters find them afterwards.
    #[inline]
    pub fn may_match<E: Extractor + ?Sized>(
        &self,
        cx: &mut EvalContext,
        ex: &mut E,
        state: &mut GuardState,
        i: usize,
    ) -> bool {
        let Some(need) = self.needs.get(i) else {
            return true;
        };
        for &c in need.iter() {
            let c = c as usize;
            let missing = self.clause_fields[c] & !state.done;
            if missing != 0 {
                self.fire(cx, ex, state, missing);
            }
            if state.fired[c / 64] & (1 << (c % 64)) == 0 {
                return false;
            }
        }
        true
    }

    /// Tests the atoms of the fields in `which`.
    #[inline(never)]
    fn fire<E: Extractor + ?Sized>(
        &self,
        cx: &mut EvalContext,
        ex: &mut E,
        state: &mut GuardState,
        mut which: u64,
    ) {
        state.done |= which;
        let words = self.words;
        let fired = &mut state.fired;
        let masks = &self.atom_masks;
        let mut hit = |aid: u32| {
            let m = &masks[aid as usize * words..][..words];
            for (f, m) in fired.iter_mut().zip(m) {
                *f |= m;
            }
        };
        while which != 0 {
            let fa = &self.fields[which.trailing_zeros() as usize];
            which &= which - 1;
            let Some(values) = cx.field(fa.slot, fa.info(), ex) else {
                continue;
            };
            let Some(v) = values.first_bytes() else {
                continue;
            };
            if !fa.exact.is_empty() {
                if let Some(&aid) = fa.exact.get(v) {
                    hit(aid);
                }
            }
            let mut node = &fa.trie[0];
            let mut rest = v;
            loop {
                if let Some(aid) = node.atom {
                    hit(aid);
                }
                let Some((&b, tail)) = rest.split_first() else {
                    break;
                };
                match node.children.iter().find(|(c, _)| *c == b) {
                    Some(&(_, next)) => node = &fa.trie[next as usize],
                    None => break,
                }
                rest = tail;
            }
            for (s, aid) in &fa.suffixes {
                if v.ends_with(s) {
                    hit(*aid);
                }
            }
            for (s, aid) in &fa.contains {
                if s.matches(v) {
                    hit(*aid);
                }
            }
        }
    }

    /// Number of filters of the bucket with at least one clause (for tests and diagnostics).
    pub fn guarded(&self) -> usize {
        self.needs.iter().filter(|n| !n.is_empty()).count()
    }
}

fn collect_checks(n: &Node, out: &mut FxHashMap<u32, Arc<Check>>) {
    match n {
        Node::Const(_) => {}
        Node::Check(c) => {
            if let Plan::Field { slot, .. } = &c.lhs {
                out.entry(*slot).or_insert_with(|| Arc::clone(c));
            }
        }
        Node::Memo(_, x) | Node::Not(x) => collect_checks(x, out),
        Node::And(cs) | Node::Or(cs) => {
            for c in cs.iter() {
                collect_checks(c, out);
            }
        }
    }
}
