//! Every macro and rule condition of the upstream rule files must parse, and printing the
//! parsed AST must reproduce what Falco prints as `condition_compiled` for conditions that
//! need no macro or list expansion.

use peregrine_filter::{parse, to_string};
use serde_yaml::Value as Yaml;
use std::path::PathBuf;

fn shared() -> PathBuf {
    std::env::var_os("PEREGRINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

fn load(rel: &str) -> Yaml {
    let path = shared().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).expect("valid yaml")
}

fn conditions(rel: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let doc = load(rel);
    if let Some(items) = doc.as_sequence() {
        for item in items {
            let name = item["macro"]
                .as_str()
                .or_else(|| item["rule"].as_str())
                .map(str::to_string);
            if let (Some(name), Some(cond)) = (name, item["condition"].as_str()) {
                out.push((name, cond.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_upstream_condition_parses() {
    let mut total = 0;
    for file in [
        "falco-rules/falco_rules.yaml",
        "falco-rules/falco-incubating_rules.yaml",
        "falco-rules/falco-sandbox_rules.yaml",
        "falco-rules/archive/falco-deprecated_rules.yaml",
    ] {
        let conds = conditions(file);
        assert!(conds.len() >= 10, "{file}: only {} conditions", conds.len());
        for (name, cond) in conds {
            if let Err(e) = parse(&cond) {
                panic!("{file}: {name}: {e} at {:?}\n{cond}", e.pos);
            }
            total += 1;
        }
    }
    assert!(total > 400, "{total}");
}

/// Macros from the -L listing whose compiled form involves no macro or list substitution:
/// printing our AST must give Falco's text byte for byte.
#[test]
fn printing_matches_falco_condition_compiled() {
    let doc = load("falco-rules/FALCO-0.44-LISTING.yaml");
    let listing = &doc["listing"];
    let mut checked = 0;
    for combo in ["stable", "incubating", "sandbox"] {
        let macros = listing[combo]["listing"]["macros"].as_sequence();
        let Some(macros) = macros else { continue };
        for m in macros {
            let d = &m["details"];
            let empty = |k: &str| d[k].as_sequence().is_some_and(|v| v.is_empty());
            if !empty("macros") || !empty("lists") {
                continue;
            }
            let cond = m["info"]["condition"].as_str().expect("condition");
            let expected = d["condition_compiled"].as_str().expect("compiled");
            let ast = parse(cond).expect("parses");
            assert_eq!(to_string(&ast), expected, "macro {:?}", m["info"]["name"]);
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}
