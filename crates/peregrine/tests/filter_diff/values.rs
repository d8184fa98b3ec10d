//! The values fields take in a trace, as each tool prints them: sysdig's choose the literals
//! of generated filters (values that occur instead of guesses), and comparing both tools'
//! tell whether a mismatching event is one where the filter's inputs already differ.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::run_tool;

/// Column separator of the sampling format: it cannot occur in any printed value we keep.
const SEP: &str = " \u{2016} ";

/// The printed values of some fields for every event a tool prints.
#[derive(Debug, Default)]
pub struct Table {
    fields: Vec<String>,
    rows: HashMap<u64, Vec<String>>,
}

impl Table {
    /// Prints `fields` for every event of `trace` with `tool` (one run).
    pub fn collect(tool: &str, trace: &Path, fields: &[&str]) -> Table {
        let fmt = format!(
            "*%evt.num{SEP}{}",
            fields
                .iter()
                .map(|f| format!("%{f}"))
                .collect::<Vec<_>>()
                .join(SEP)
        );
        let t = trace.as_os_str();
        let out = if tool == "sysdig" {
            run_tool("sysdig", &["-r".as_ref(), t, "-p".as_ref(), fmt.as_ref()])
        } else {
            run_tool(tool, &["trace".as_ref(), t, "-p".as_ref(), fmt.as_ref()])
        };
        assert!(
            out.ok,
            "{tool} cannot print fields of {}: {}",
            trace.display(),
            out.stderr
        );
        let mut rows = HashMap::new();
        for line in out.stdout.lines() {
            let cols: Vec<&str> = line.split(SEP).collect();
            // A value with an embedded newline breaks its record over several lines: skip
            // the pieces rather than guess.
            let Some(num) = cols.first().and_then(|n| n.parse::<u64>().ok()) else {
                continue;
            };
            if cols.len() != fields.len() + 1 {
                continue;
            }
            rows.insert(num, cols[1..].iter().map(|s| s.to_string()).collect());
        }
        Table {
            fields: fields.iter().map(|f| f.to_string()).collect(),
            rows,
        }
    }

    fn index(&self, field: &str) -> Option<usize> {
        self.fields.iter().position(|f| f == field)
    }

    /// The printed value of `field` at event `num`.
    pub fn get(&self, num: u64, field: &str) -> Option<&str> {
        let i = self.index(field)?;
        self.rows
            .get(&num)
            .and_then(|r| r.get(i))
            .map(String::as_str)
    }

    /// Distinct values of each field with the number of events showing each, keeping only
    /// values `other` also shows for the field somewhere (`<NA>` left out): literals then
    /// occur in both tools' view of the trace.
    pub fn samples_shared_with(&self, other: &Table) -> Samples {
        let seen: Vec<HashSet<&str>> = (0..other.fields.len())
            .map(|i| {
                other
                    .rows
                    .values()
                    .filter_map(|r| r.get(i).map(String::as_str))
                    .collect()
            })
            .collect();
        let mut by_field: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for row in self.rows.values() {
            for (f, v) in self.fields.iter().zip(row) {
                let shared = other.index(f).is_some_and(|i| seen[i].contains(v.as_str()));
                if v != "<NA>" && shared {
                    *by_field
                        .entry(f.clone())
                        .or_default()
                        .entry(v.clone())
                        .or_default() += 1;
                }
            }
        }
        Samples { by_field }
    }
}

/// Distinct printed values of each sampled field, with the number of events showing each.
#[derive(Debug, Default)]
pub struct Samples {
    by_field: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Samples {
    /// The values of `field` usable as literals, most frequent first (ties by value).
    pub fn ranked(&self, field: &str) -> Vec<String> {
        let Some(m) = self.by_field.get(field) else {
            return Vec::new();
        };
        let mut v: Vec<(&String, &usize)> = m.iter().filter(|(s, _)| literal_safe(s)).collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        v.into_iter().map(|(s, _)| s.clone()).collect()
    }

    /// The raw printed values of `field` (including ones unsafe as literals), by value.
    pub fn raw(&self, field: &str) -> Vec<String> {
        self.by_field
            .get(field)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
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

/// Non-empty printable ASCII without the characters whose quoting rules differ between
/// sysdig 0.29.3's hand-written lexer and the current grammar (quotes, backslash) or that
/// would end the chisel argument carrying the filter (backquote), and short enough for
/// sysdig's literal buffer.
pub fn literal_safe(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && s.bytes()
            .all(|c| (0x20..0x7f).contains(&c) && !matches!(c, b'"' | b'\'' | b'\\' | b'`'))
}
