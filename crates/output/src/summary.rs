//! The statistics Falco prints on stdout when a replay ends.

use std::collections::HashMap;

use crate::priority::Priority;

/// Alert counts: total, per priority and per rule, rules kept in load order.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    total: u64,
    by_priority: [u64; 8],
    rules: Vec<(String, u64)>,
    index: HashMap<String, usize>,
}

impl Summary {
    pub fn new() -> Summary {
        Summary::default()
    }

    /// Registers a rule (in load order) and returns its id for [`Summary::record`]. A name
    /// registered twice keeps its first id.
    pub fn add_rule(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let id = self.rules.len();
        self.rules.push((name.to_string(), 0));
        self.index.insert(name.to_string(), id);
        id
    }

    /// Counts one alert of rule `rule_id`; unknown ids count in the totals only.
    pub fn record(&mut self, rule_id: usize, priority: Priority) {
        self.total += 1;
        self.by_priority[priority.index()] += 1;
        if let Some(r) = self.rules.get_mut(rule_id) {
            r.1 += 1;
        }
    }

    /// Counts one alert by rule name, registering the rule if needed.
    pub fn record_by_name(&mut self, name: &str, priority: Priority) {
        let id = self.add_rule(name);
        self.record(id, priority);
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn count_for(&self, priority: Priority) -> u64 {
        self.by_priority[priority.index()]
    }

    pub fn count_for_rule(&self, name: &str) -> u64 {
        self.index.get(name).map_or(0, |&i| self.rules[i].1)
    }

    /// The summary text, every line newline-terminated, zero counts left out.
    pub fn render(&self) -> String {
        let mut out = format!(
            "Events detected: {}\nRule counts by severity:\n",
            self.total
        );
        for p in Priority::ALL {
            let n = self.by_priority[p.index()];
            if n > 0 {
                out.push_str(&format!("   {}: {n}\n", p.summary_name()));
            }
        }
        out.push_str("Triggered rules by rule name:\n");
        for (name, n) in &self.rules {
            if *n > 0 {
                out.push_str(&format!("   {name}: {n}\n"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_falco_layout() {
        let mut s = Summary::new();
        let quiet = s.add_rule("never fires");
        let open = s.add_rule("example_cat_open");
        assert_eq!(s.add_rule("example_cat_open"), open);
        s.record(open, Priority::Warning);
        let _ = quiet;
        assert_eq!(
            s.render(),
            "Events detected: 1\nRule counts by severity:\n   WARNING: 1\n\
             Triggered rules by rule name:\n   example_cat_open: 1\n"
        );
        s.record_by_name("late", Priority::Informational);
        s.record_by_name("late", Priority::Emergency);
        assert_eq!(
            s.render(),
            "Events detected: 3\nRule counts by severity:\n   EMERGENCY: 1\n   WARNING: 1\n   \
             INFO: 1\nTriggered rules by rule name:\n   example_cat_open: 1\n   late: 2\n"
        );
        assert_eq!(s.count_for_rule("late"), 2);
        assert_eq!(
            Summary::new().render(),
            "Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n"
        );
    }
}
