//! The runtime index: enabled rules bucketed by event code, with Falco's selection semantics.

use crate::collector::Priority;
use crate::compiler::{bucket_codes, CompiledRule};
use std::sync::Arc;

/// Index of a rule in [`Ruleset::rules`] (load order).
pub type RuleId = usize;

/// `rule_matching` of falco.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    /// Stop at the first matching rule of the bucket.
    First,
    /// Report every matching rule.
    All,
}

/// How a name pattern selects rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    Exact,
    Substring,
    /// `*` matches any run of characters (Falco's non-backtracking matcher).
    Wildcard,
}

/// One entry of the `rules:` config list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    EnableRule(String),
    DisableRule(String),
    EnableTag(String),
    DisableTag(String),
}

/// Falco's `matches_wildcard`: each literal run is matched at its first occurrence.
pub fn matches_wildcard(pattern: &str, s: &str) -> bool {
    let Some(star) = pattern.find('*') else {
        return pattern == s;
    };
    if star == 0 {
        let Some(next_start) = pattern.find(|c| c != '*') else {
            return true;
        };
        let next = &pattern[next_start..];
        let to_find = &next[..next.find('*').unwrap_or(next.len())];
        match s.find(to_find) {
            None => false,
            Some(p) => matches_wildcard(&next[to_find.len()..], &s[p + to_find.len()..]),
        }
    } else {
        if s.len() < star
            || pattern.as_bytes()[..star] != s.as_bytes()[..star]
            || !s.is_char_boundary(star)
        {
            return false;
        }
        matches_wildcard(&pattern[star..], &s[star..])
    }
}

pub struct Ruleset<F> {
    rules: Vec<Arc<CompiledRule<F>>>,
    /// Rules that may be enabled at all (priority filter of the load).
    eligible: Vec<bool>,
    enabled: Vec<bool>,
    by_code: Vec<Vec<RuleId>>,
}

impl<F> Ruleset<F> {
    /// Rules in load order; `enabled` is each rule's `enabled` key. Rules less severe than
    /// `min_priority` are never enabled.
    pub fn new(
        rules: Vec<Arc<CompiledRule<F>>>,
        enabled: &[bool],
        min_priority: Priority,
    ) -> Ruleset<F> {
        let eligible: Vec<bool> = rules.iter().map(|r| r.priority <= min_priority).collect();
        let n = rules.len();
        let mut rs = Ruleset {
            rules,
            eligible,
            enabled: vec![false; n],
            by_code: Vec::new(),
        };
        for id in 0..n {
            if rs.eligible[id] && enabled.get(id).copied().unwrap_or(true) {
                rs.set(id, true);
            }
        }
        rs
    }

    fn codes_of(&self, id: RuleId) -> Vec<u16> {
        bucket_codes(&self.rules[id].event_codes)
    }

    fn set(&mut self, id: RuleId, on: bool) {
        if !self.eligible[id] || self.enabled[id] == on {
            return;
        }
        self.enabled[id] = on;
        for code in self.codes_of(id) {
            let c = code as usize;
            if on {
                if self.by_code.len() <= c {
                    self.by_code.resize_with(c + 1, Vec::new);
                }
                self.by_code[c].push(id);
            } else if let Some(bucket) = self.by_code.get_mut(c) {
                bucket.retain(|&r| r != id);
            }
        }
    }

    /// Enable or disable rules by name (an empty pattern matches every rule).
    pub fn set_by_name(&mut self, pattern: &str, how: NameMatch, on: bool) {
        for id in 0..self.rules.len() {
            let name = &self.rules[id].name;
            let m = match how {
                NameMatch::Exact => pattern.is_empty() || name == pattern,
                NameMatch::Substring => pattern.is_empty() || name.contains(pattern),
                NameMatch::Wildcard => matches_wildcard(pattern, name),
            };
            if m {
                self.set(id, on);
            }
        }
    }

    /// Enable or disable every rule that has any of `tags`.
    pub fn set_by_tags(&mut self, tags: &[&str], on: bool) {
        for id in 0..self.rules.len() {
            if tags.iter().any(|t| self.rules[id].tags.contains(*t)) {
                self.set(id, on);
            }
        }
    }

    /// Apply the `rules:` config entries in order (rule names are wildcards).
    pub fn apply(&mut self, selections: &[Selection]) {
        for s in selections {
            match s {
                Selection::EnableRule(p) => self.set_by_name(p, NameMatch::Wildcard, true),
                Selection::DisableRule(p) => self.set_by_name(p, NameMatch::Wildcard, false),
                Selection::EnableTag(t) => self.set_by_tags(&[t], true),
                Selection::DisableTag(t) => self.set_by_tags(&[t], false),
            }
        }
    }

    pub fn rules(&self) -> &[Arc<CompiledRule<F>>] {
        &self.rules
    }
    pub fn rule(&self, id: RuleId) -> &CompiledRule<F> {
        &self.rules[id]
    }
    pub fn is_enabled(&self, id: RuleId) -> bool {
        self.enabled.get(id).copied().unwrap_or(false)
    }
    pub fn enabled_count(&self) -> usize {
        self.enabled.iter().filter(|e| **e).count()
    }

    /// Enabled rules to evaluate for events of type `etype`, in evaluation order.
    pub fn candidates(&self, etype: u16) -> &[RuleId] {
        self.by_code
            .get(etype as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The highest event code with a bucket (0 when there is none).
    pub fn max_event_code(&self) -> u16 {
        self.by_code.len().saturating_sub(1) as u16
    }

    /// Event codes some enabled rule needs.
    pub fn enabled_event_codes(&self) -> Vec<u16> {
        (0..self.by_code.len())
            .filter(|&c| !self.by_code[c].is_empty())
            .map(|c| c as u16)
            .collect()
    }

    /// Evaluate the bucket of `etype` with `matches` (the compiled filter against the current
    /// event), pushing matching rules to `out`. Returns whether anything matched.
    pub fn eval(
        &self,
        etype: u16,
        mode: MatchMode,
        mut matches: impl FnMut(&F) -> bool,
        out: &mut Vec<RuleId>,
    ) -> bool {
        self.eval_at(etype, mode, |_, f| matches(f), out)
    }

    /// [`Ruleset::eval`] telling `matches` the rule's position in the bucket (the index into
    /// [`Ruleset::candidates`]), for prefilters built per bucket.
    #[inline]
    pub fn eval_at(
        &self,
        etype: u16,
        mode: MatchMode,
        mut matches: impl FnMut(usize, &F) -> bool,
        out: &mut Vec<RuleId>,
    ) -> bool {
        let mut any = false;
        for (pos, &id) in self.candidates(etype).iter().enumerate() {
            if matches(pos, &*self.rules[id].filter) {
                out.push(id);
                any = true;
                if mode == MatchMode::First {
                    break;
                }
            }
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_like_falco() {
        assert!(matches_wildcard("*", "anything"));
        assert!(matches_wildcard("open_*", "open_from_cat"));
        assert!(matches_wildcard("*cat", "open_from_cat"));
        assert!(matches_wildcard("*from*", "open_from_cat"));
        assert!(!matches_wildcard("open_from", "open_from_cat"));
        assert!(matches_wildcard("open_from_cat", "open_from_cat"));
        assert!(!matches_wildcard("*x*", "open_from_cat"));
    }
}
