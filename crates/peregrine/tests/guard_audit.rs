//! The rules-bucket guards (`peregrine_filter::Guard`) never skip a rule that would match.
//!
//! Every shared trace is replayed with every candidate rule evaluated in full and the guard's
//! verdict compared (`Pipeline::audit`): the three upstream rules files, plus rules generated
//! from the values the trace's own events carry (so that many evaluations are true), testing
//! those values with each operator a guard indexes (`=`, `in`, `startswith`, `endswith`,
//! `contains`, `glob`, `startswith anyof`), inside `and`, `or`, `not` and macros, with and
//! without `evt.type`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use peregrine::replay::{self, GuardAudit, Pipeline};
use peregrine_fields::filter_glue::Catalog;
use peregrine_output::{
    stderr_logger, AlertRenderer, OutputConfig, Outputs, OutputsConfig, SinkConfig,
};
use peregrine_rules::{MatchMode, Priority};

/// Fields whose values the generated rules test (cheap string fields the guards index).
const FIELDS: &[&str] = &[
    "fd.name",
    "fd.directory",
    "fd.filename",
    "proc.name",
    "proc.pname",
    "proc.exe",
    "user.name",
];

/// Values sampled per field and trace.
const SAMPLES: usize = 12;

fn traces() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![common::traces_dir()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "scap") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Distinct values of each of [`FIELDS`] in `trace`, with the event types they occur with.
fn values(trace: &Path) -> BTreeMap<&'static str, BTreeMap<String, BTreeSet<String>>> {
    let format: Vec<String> = std::iter::once("%evt.type".to_string())
        .chain(FIELDS.iter().map(|f| format!("%{f}")))
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_peregrine"))
        .arg("trace")
        .arg(trace)
        .arg("-p")
        .arg(format.join("\t"))
        .output()
        .unwrap();
    let mut vals: BTreeMap<&'static str, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut cols = line.split('\t');
        let Some(etype) = cols.next() else { continue };
        for (f, v) in FIELDS.iter().zip(cols) {
            // Values with quotes or blanks would need escaping in a condition.
            if v.is_empty() || v == "<NA>" || v.contains(['"', '\'', ' ', '\\', '(', ')', ',']) {
                continue;
            }
            vals.entry(f)
                .or_default()
                .entry(v.to_string())
                .or_default()
                .insert(etype.to_string());
        }
    }
    vals
}

/// Evenly spaced picks, so that every trace samples across its whole value range.
fn sample<T: Clone>(all: &[T], n: usize) -> Vec<T> {
    if all.len() <= n {
        return all.to_vec();
    }
    (0..n).map(|i| all[i * all.len() / n].clone()).collect()
}

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// Conditions on `f` that hold for the value `v` (and a few that do not).
fn conditions(f: &str, v: &str) -> Vec<String> {
    let chars: Vec<char> = v.chars().collect();
    let cut = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let n = chars.len();
    let (half, third) = (n / 2, n / 3);
    let mut c = vec![
        format!("{f} = {}", q(v)),
        format!("{f} != {}", q(v)),
        format!("{f} in ({}, {}, {})", q("/nonexistent"), q(v), q("zz")),
        format!("{f} startswith {}", q(&cut(0, half))),
        format!("{f} endswith {}", q(&cut(half, n))),
        format!("{f} glob {}", q(&format!("{}*", cut(0, third)))),
        format!(
            "{f} glob {}",
            q(&format!("{}*{}", cut(0, third), cut(half, n)))
        ),
        format!(
            "{f} startswith anyof ({}, {})",
            q("/nonexistent"),
            q(&cut(0, third))
        ),
        format!("{f} endswith anyof ({}, {})", q("zz"), q(&cut(third, n))),
        format!("{f} startswith {}", q(&format!("{v}x"))),
        format!("not {f} startswith {}", q(&cut(0, half))),
    ];
    if n > 2 {
        c.push(format!("{f} contains {}", q(&cut(1, n - 1))));
    }
    c
}

/// A rules file of conditions built from the trace's values, one rule each.
fn generated_rules(trace: &Path) -> (String, usize) {
    let vals = values(trace);
    let mut conds = Vec::new();
    for (f, by_value) in &vals {
        let all: Vec<(&String, &BTreeSet<String>)> = by_value.iter().collect();
        let picks = sample(&all, SAMPLES);
        let mut prev: Option<Vec<String>> = None;
        for (v, types) in picks {
            let here = conditions(f, v);
            let etypes: Vec<&String> = types.iter().take(3).collect();
            let types_cond = format!(
                "evt.type in ({})",
                etypes
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for (i, c) in here.iter().enumerate() {
                conds.push(c.clone());
                conds.push(format!("{types_cond} and {c}"));
                // An `or` with an unrelated value, and an `and` with a second field's test.
                if let Some(p) = &prev {
                    conds.push(format!("{types_cond} and ({c} or {})", p[i % p.len()]));
                    conds.push(format!("({c}) and not ({})", p[(i + 1) % p.len()]));
                    conds.push(format!("guard_macro_{} and ({c} or {})", i % 3, p[0]));
                }
            }
            prev = Some(here);
        }
    }
    let mut yaml = String::new();
    yaml.push_str("- macro: guard_macro_0\n  condition: (evt.type in (open, openat, read, close) or fd.name startswith /)\n");
    yaml.push_str("- macro: guard_macro_1\n  condition: (not proc.name = nobody_has_this_name)\n");
    yaml.push_str("- macro: guard_macro_2\n  condition: (fd.num >= 0 or proc.name exists)\n");
    for (i, c) in conds.iter().enumerate() {
        // Conditions as YAML single-quoted scalars.
        yaml.push_str(&format!(
            "- rule: generated {i}\n  desc: d\n  condition: '{}'\n  output: \"%evt.num\"\n  priority: WARNING\n",
            c.replace('\'', "''")
        ));
    }
    (yaml, conds.len())
}

fn audit(trace: &Path, files: &[(String, String)]) -> GuardAudit {
    let catalog = Catalog::new();
    let mut engine = peregrine::load::new_engine(&catalog);
    peregrine::load::load_rules(&mut engine, files)
        .unwrap_or_else(|e| panic!("{}: rules do not load: {e}", trace.display()));
    let ruleset = engine.ruleset(Priority::Debug, &[]);
    let reqs = catalog.requests();
    let mut summary = peregrine_output::Summary::new();
    let rules = replay::rule_outputs(&ruleset, &mut summary).unwrap();
    let renderer = AlertRenderer::new(OutputConfig::default(), "test");
    let outputs = Outputs::start(
        &OutputsConfig {
            sinks: vec![SinkConfig::File {
                filename: "/dev/null".into(),
                keep_alive: true,
            }],
            ..OutputsConfig::default()
        },
        stderr_logger(),
    )
    .unwrap();
    let audit = GuardAudit::default();
    let pipeline = Pipeline {
        ruleset: &ruleset,
        reqs: &reqs,
        rules: &rules,
        mode: MatchMode::All,
        renderer: &renderer,
        outputs: &outputs,
        duration_ns: 0,
        profile: None,
        audit: Some(&audit),
    };
    let _ = replay::run(&pipeline, &trace.to_string_lossy(), &mut summary, &mut None);
    outputs.shutdown();
    let wrong = audit.wrong.borrow();
    if let Some(&(id, num)) = wrong.first() {
        panic!(
            "{}: the guard skips rule '{}' at event {num}, which matches it ({} such evaluations); condition: {}",
            trace.display(),
            ruleset.rule(id).name,
            wrong.len(),
            peregrine_filter::to_string(&ruleset.rule(id).condition)
        );
    }
    drop(wrong);
    audit
}

fn upstream() -> Vec<(String, String)> {
    let dir = common::shared_dir().join("falco-rules");
    let files: Vec<String> = [
        "falco_rules.yaml",
        "falco-incubating_rules.yaml",
        "falco-sandbox_rules.yaml",
    ]
    .iter()
    .map(|f| dir.join(f).to_string_lossy().into_owned())
    .collect();
    peregrine::load::read_files(&files).unwrap()
}

#[test]
fn guards_never_skip_a_matching_upstream_rule() {
    let (mut evaluations, mut skipped) = (0, 0);
    for trace in traces() {
        let a = audit(&trace, &upstream());
        evaluations += a.evaluations.get();
        skipped += a.skipped.get();
    }
    eprintln!("upstream rules: {skipped} of {evaluations} evaluations guarded out");
    // The guards must do their job too: most open/read evaluations fail on a path test.
    assert!(skipped * 2 > evaluations, "{skipped} of {evaluations}");
}

#[test]
fn guards_never_skip_a_matching_generated_rule() {
    let (mut evaluations, mut skipped, mut matched, mut rules) = (0, 0, 0, 0);
    for trace in traces() {
        let (yaml, n) = generated_rules(&trace);
        if n == 0 {
            continue;
        }
        rules += n;
        let a = audit(&trace, &[("generated.yaml".to_string(), yaml)]);
        evaluations += a.evaluations.get();
        skipped += a.skipped.get();
        matched += a.matched.get();
    }
    eprintln!(
        "{rules} generated rules: {skipped} of {evaluations} evaluations guarded out, {matched} matched"
    );
    assert!(rules > 1000, "{rules}");
    // Plenty of chances for a guard to be wrong.
    assert!(matched > 100_000, "{matched}");
    assert!(
        skipped > 0 && skipped < evaluations,
        "{skipped} of {evaluations}"
    );
}
