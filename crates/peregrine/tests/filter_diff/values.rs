//! The values fields actually take in a trace, as sysdig prints them, so that generated
//! filters test values that occur instead of guesses.

use std::collections::BTreeMap;
use std::path::Path;

use super::run_tool;

/// Column separator of the sampling format: it cannot occur in any printed value we keep.
const SEP: &str = " \u{2016} ";

/// Distinct printed values of each sampled field, with the number of events showing each.
#[derive(Debug, Default)]
pub struct Samples {
    by_field: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Samples {
    /// Samples `fields` over every event sysdig prints for `trace` (one sysdig run).
    pub fn collect(trace: &Path, fields: &[&str]) -> Samples {
        let fmt = format!(
            "*%evt.num{SEP}{}",
            fields.iter().map(|f| format!("%{f}")).collect::<Vec<_>>().join(SEP)
        );
        let out = run_tool("sysdig", &["-r".as_ref(), trace.as_os_str(), "-p".as_ref(), fmt.as_ref()]);
        assert!(out.ok, "sysdig cannot sample {}: {}", trace.display(), out.stderr);
        let mut by_field: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for line in out.stdout.lines() {
            let cols: Vec<&str> = line.split(SEP).collect();
            // A value with an embedded newline breaks its record over several lines: skip
            // the pieces rather than guess.
            if cols.len() != fields.len() + 1 || cols[0].parse::<u64>().is_err() {
                continue;
            }
            for (f, v) in fields.iter().zip(&cols[1..]) {
                if *v == "<NA>" {
                    continue;
                }
                *by_field.entry(f.to_string()).or_default().entry(v.to_string()).or_default() += 1;
            }
        }
        Samples { by_field }
    }

    /// The values of `field` usable as literals, most frequent first (ties by value).
    pub fn ranked(&self, field: &str) -> Vec<String> {
        let Some(m) = self.by_field.get(field) else { return Vec::new() };
        let mut v: Vec<(&String, &usize)> = m.iter().filter(|(s, _)| literal_safe(s)).collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        v.into_iter().map(|(s, _)| s.clone()).collect()
    }

    /// The raw printed values of `field` (including ones unsafe as literals), by value.
    pub fn raw(&self, field: &str) -> Vec<String> {
        self.by_field.get(field).map(|m| m.keys().cloned().collect()).unwrap_or_default()
    }

    /// Numeric values of `field`, ascending and distinct.
    pub fn numbers(&self, field: &str) -> Vec<i128> {
        let mut v: Vec<i128> = self
            .by_field
            .get(field)
            .map(|m| m.keys().filter_map(|s| s.parse().ok()).collect())
            .unwrap_or_default();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Most frequent numeric value of `field`.
    pub fn most_frequent_number(&self, field: &str) -> Option<i128> {
        self.ranked(field).iter().find_map(|s| s.parse().ok())
    }
}

/// Printable ASCII without the characters whose quoting rules differ between sysdig 0.29.3's
/// hand-written lexer and the current grammar (quotes, backslash), and not too long to read
/// in a report.
pub fn literal_safe(s: &str) -> bool {
    s.len() <= 200 && s.bytes().all(|c| (0x20..0x7f).contains(&c) && !matches!(c, b'"' | b'\'' | b'\\'))
}
