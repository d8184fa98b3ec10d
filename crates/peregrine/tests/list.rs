//! `-L`, `-l RULE` and `--list` through the binary: the rule descriptions against Falco
//! 0.44.1's listing of the upstream rule files (`falco-rules/FALCO-0.44-LISTING.yaml`), the
//! field listing against `docs/falco-0.44-fields.tsv`.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::Value;

fn rules_dir() -> std::path::PathBuf {
    shared_dir().join("falco-rules")
}

/// Arrays Falco fills from unordered sets: compared as sets.
const SET_KEYS: &[&str] = &[
    "condition_fields",
    "condition_operators",
    "events",
    "macros",
    "lists",
    "exception_names",
    "exception_operators",
    "exception_fields",
    "plugins",
    "output_fields",
];

fn norm(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.to_string()),
        Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), norm(v))).collect()),
        other => other.clone(),
    }
}

fn set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|x| x.to_string())
        .collect()
}

/// One rule/macro/list entry: `info` exact, `details` with set semantics where Falco's order
/// is arbitrary.
fn same_item(want: &Value, got: &Value) -> Result<(), String> {
    if want["info"] != got["info"] {
        return Err(format!(
            "info\n  Falco {}\n  we    {}",
            want["info"], got["info"]
        ));
    }
    let (Some(w), Some(g)) = (want["details"].as_object(), got["details"].as_object()) else {
        return Err("details missing".into());
    };
    for (k, wv) in w {
        let gv = g.get(k).cloned().unwrap_or(Value::Null);
        let same = if k == "events" && set(wv).len() > 100 {
            // A condition without event-type constraint lists every event name. Falco prints
            // its own tables (with the "NA" filler name); ours add names of the syscall code
            // table Falco leaves out (32-bit compat calls, tracepoints). Every event name
            // Falco lists must be there.
            let g = set(&gv);
            g.len() > 100 && set(wv).iter().all(|n| n == "\"NA\"" || g.contains(n))
        } else if SET_KEYS.contains(&k.as_str()) {
            set(wv) == set(&gv)
        } else {
            *wv == gv
        };
        if !same {
            return Err(format!("details.{k}\n  Falco {wv}\n  we    {gv}"));
        }
    }
    Ok(())
}

fn describe(files: &[String], extra: &[&str]) -> Run {
    let mut a = Vec::new();
    for f in files {
        a.push("-r".to_string());
        a.push(f.clone());
    }
    a.extend(args(extra));
    run_in(&rules_dir(), &a)
}

#[test]
fn describe_all_json_matches_falco_listing() {
    let doc = yaml_file(&rules_dir().join("FALCO-0.44-LISTING.yaml"));
    let mut problems = Vec::new();
    for (combo, entry) in doc["listing"].as_object().expect("listing") {
        let files: Vec<String> = entry["files"]
            .as_array()
            .expect("files")
            .iter()
            .map(|f| as_str(f).into())
            .collect();
        let run = describe(&files, &["-L", "-o", "json_output=true"]);
        assert_eq!(run.code, 0, "{combo}: {}", run.stderr);
        let got: Value = serde_json::from_str(run.stdout.trim_end()).expect("-L prints JSON");
        let got = norm(&got);
        let want = &entry["listing"];
        for kind in ["rules", "macros", "lists"] {
            let (w, g) = (
                want[kind].as_array().expect(kind),
                got[kind].as_array().expect(kind),
            );
            assert_eq!(
                g.len(),
                as_u64(&entry["counts"][kind]).unwrap_or(0) as usize,
                "{combo}: number of {kind}"
            );
            assert_eq!(w.len(), g.len(), "{combo}: {kind}");
            for (wi, gi) in w.iter().zip(g) {
                if let Err(e) = same_item(wi, gi) {
                    problems.push(format!("{combo} {kind} {}: {e}", wi["info"]["name"]));
                }
            }
        }
        assert_eq!(
            got["required_engine_version"], want["required_engine_version"],
            "{combo}"
        );
        assert_eq!(
            got["required_plugin_versions"], want["required_plugin_versions"],
            "{combo}"
        );
    }
    assert!(
        problems.is_empty(),
        "{} items differ:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn describe_one_rule_and_text_mode() {
    let doc = yaml_file(&rules_dir().join("FALCO-0.44-LISTING.yaml"));
    let stable = &doc["listing"]["stable"]["listing"]["rules"];
    let first = &stable[0];
    let name = as_str(&first["info"]["name"]).to_string();
    let files = vec!["falco_rules.yaml".to_string()];

    let one = describe(&files, &["-l", &name, "-o", "json_output=true"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let got: Value = serde_json::from_str(one.stdout.trim_end()).expect("json");
    let rules = got["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 1);
    same_item(first, &norm(&rules[0])).expect("-l gives the -L entry");

    let text = describe(&files, &["-L", "-o", "json_output=false"]);
    assert_eq!(text.code, 0);
    let mut lines = text.stdout.lines();
    assert!(lines.next().unwrap_or("").starts_with("Rule"));
    assert!(lines.next().unwrap_or("").starts_with("----"));
    // Every rule, in load order, starts a line of the text listing.
    let mut rest = text.stdout.as_str();
    for r in stable.as_array().expect("rules") {
        let n = as_str(&r["info"]["name"]);
        let at = rest
            .find(&format!("\n{n}"))
            .unwrap_or_else(|| panic!("{n} not listed in order"));
        rest = &rest[at + 1..];
    }

    let missing = describe(&files, &["-l", "No such rule"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .contains("Error: Rule \"No such rule\" is not loaded"),
        "{}",
        missing.stderr
    );
}

fn tsv() -> Vec<Vec<String>> {
    let text =
        std::fs::read_to_string(shared_dir().join("docs/falco-0.44-fields.tsv")).expect("tsv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn list_fields_like_falco() {
    let want = tsv();
    assert_eq!(want.len(), 268);
    let names = run_in(&shared_dir(), &args(&["--list=syscall", "-N"]));
    assert_eq!(names.code, 0, "{}", names.stderr);
    let got: Vec<&str> = names.stdout.lines().collect();
    let want_names: Vec<&str> = want.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(got, want_names, "field names in Falco's listing order");

    let json = run_in(&shared_dir(), &args(&["--list", "--format", "json"]));
    assert_eq!(json.code, 0);
    let v: Value = serde_json::from_str(&json.stdout).expect("json listing");
    let mut rows = Vec::new();
    for class in v["fieldclasses"].as_array().expect("fieldclasses") {
        for f in class["fields"].as_array().expect("fields") {
            rows.push(vec![
                as_str(&f["name"]).to_string(),
                as_str(&f["type"]).to_string(),
                f["is_list"].to_string(),
                as_str(&class["name"]).to_string(),
            ]);
        }
    }
    let want_rows: Vec<Vec<String>> = want
        .iter()
        .map(|r| vec![r[0].clone(), r[1].clone(), r[3].clone(), r[4].clone()])
        .collect();
    assert_eq!(
        rows, want_rows,
        "name, type, is_list and class of every field"
    );

    let text = run_in(&shared_dir(), &args(&["--list"]));
    assert_eq!(text.code, 0);
    for r in &want {
        let line = text
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(r[0].as_str()))
            .unwrap_or_else(|| panic!("{} not in the text listing", r[0]));
        if r[2].is_empty() {
            assert!(!line.contains('('), "{line}: no flags expected");
        } else {
            assert!(
                line.contains(&format!("({})", r[2])),
                "{line}: flags {}",
                r[2]
            );
        }
    }
    assert_eq!(text.stdout.matches("Field Class:").count(), 9);

    let bad = run_in(&shared_dir(), &args(&["--list=k8s_audit"]));
    assert_eq!(bad.code, 1);
    assert!(bad
        .stderr
        .contains("Value for --list must be a valid source type"));
}
