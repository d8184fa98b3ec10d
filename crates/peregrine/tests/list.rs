//! `-L`, `-l RULE` and `--list` through the binary: the rule descriptions against Falco
//! 0.44.1's listing of the upstream rule files (`falco-rules/FALCO-0.44-LISTING.yaml`), the
//! field listing against `docs/falco-0.44-fields.tsv` and peregrine's field descriptions.

mod common;

use std::collections::BTreeSet;

use common::*;
use peregrine_fields::descriptions::description;
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
        let same = if SET_KEYS.contains(&k.as_str()) {
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

/// The words of a field's entry in the text listing: its line (or, for names longer than the
/// name column, the line after it) and the continuation lines, which are indented to the
/// description column.
fn text_entry(listing: &str, name: &str) -> Vec<String> {
    let lines: Vec<&str> = listing.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.split(' ').next() == Some(name))
        .unwrap_or_else(|| panic!("{name} not in the text listing"));
    let mut words: Vec<String> = lines[at].split_whitespace().map(str::to_string).collect();
    for l in &lines[at + 1..] {
        if !l.starts_with(&" ".repeat(30)) {
            break;
        }
        words.extend(l.split_whitespace().map(str::to_string));
    }
    words
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
    let verbose = run_in(&shared_dir(), &args(&["--list=syscall", "-v"]));
    assert_eq!(verbose.code, 0);
    for r in &want {
        let name = r[0].as_str();
        let desc = description(name).unwrap_or_else(|| panic!("{name} has no description"));
        assert!(!desc.trim().is_empty(), "{name}: empty description");
        // Falco marks deprecated fields only in their description text.
        assert_eq!(
            desc.starts_with("Deprecated"),
            r[5] == "yes",
            "{name}: deprecated per description: {desc}"
        );
        let mut expected = vec![name.to_string()];
        if !r[2].is_empty() {
            expected.push(format!("({})", r[2]));
        }
        expected.extend(desc.split_whitespace().map(str::to_string));
        assert_eq!(
            text_entry(&text.stdout, name),
            expected,
            "{name}: name, flags and description"
        );
        expected.splice(1..1, ["(Type:".to_string(), format!("{})", r[1])]);
        assert_eq!(
            text_entry(&verbose.stdout, name),
            expected,
            "{name}: -v adds the type"
        );
        let json_desc = v["fieldclasses"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|c| c["fields"].as_array().into_iter().flatten())
            .find(|f| f["name"] == name)
            .map(|f| as_str(&f["desc"]).to_string());
        assert_eq!(json_desc.as_deref(), Some(desc), "{name}: JSON desc");
    }
    assert_eq!(text.stdout.matches("Field Class:").count(), 9);
    for out in [&text.stdout, &verbose.stdout] {
        for l in out.lines() {
            // libsinsp's layout: 120 columns, the description column starting at 30.
            assert!(l.len() <= 120, "line too long: {l:?}");
        }
    }

    let md = run_in(&shared_dir(), &args(&["--list", "--format", "markdown"]));
    assert_eq!(md.code, 0);
    for r in &want {
        let ty = if r[3] == "true" {
            format!("LIST({})", r[1])
        } else {
            r[1].clone()
        };
        let row = format!("`{}` | {ty} | {}", r[0], description(&r[0]).unwrap_or(""));
        assert!(
            md.stdout.lines().any(|l| l == row),
            "markdown row missing: {row}"
        );
    }

    let bad = run_in(&shared_dir(), &args(&["--list=k8s_audit"]));
    assert_eq!(bad.code, 1);
    assert!(bad
        .stderr
        .contains("Value for --list must be a valid source type"));
}
