//! `-L` output compared with Falco 0.44.1's listing of the upstream rule files.

mod common;

use common::shared_dir;
use peregrine_rules::yaml::{load_all, Node, NodeKind};
use peregrine_rules::{describe_as_text, validate, LoadedPlugin, PluginFields};
use serde_json::Value;
use std::collections::BTreeSet;

fn norm(n: &Node) -> Value {
    match &n.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Scalar(s) => Value::String(s.clone()),
        NodeKind::Seq(v) => Value::Array(v.iter().map(norm).collect()),
        NodeKind::Map(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.scalar().unwrap_or("").to_string(), norm(v)))
                .collect(),
        ),
    }
}

fn norm_json(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.to_string()),
        Value::Array(a) => Value::Array(a.iter().map(norm_json).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), norm_json(v))).collect())
        }
        other => other.clone(),
    }
}

/// Arrays Falco fills from unordered sets.
const SET_KEYS: &[&str] = &[
    "condition_fields",
    "condition_operators",
    "events",
    "macros",
    "lists",
    "exception_names",
    "exception_operators",
    "plugins",
];

fn as_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn container_plugin() -> PluginFields {
    let text =
        std::fs::read_to_string(shared_dir().join("docs/falco-0.44-fields.tsv")).expect("tsv");
    let fields = text
        .lines()
        .filter(|l| l.contains("\tcontainer (plugin)"))
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect();
    PluginFields {
        name: "container".into(),
        fields,
    }
}

fn compare(kind: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    let (Some(w), Some(g)) = (want.as_object(), got.as_object()) else {
        out.push(format!("{kind}: not objects"));
        return;
    };
    let name = w["info"]["name"].as_str().unwrap_or("?");
    if w["info"] != g["info"] {
        out.push(format!(
            "{kind} {name}: info differs:\n  want {}\n  got  {}",
            w["info"], g["info"]
        ));
    }
    let (wd, gd) = (&w["details"], &g["details"]);
    for (k, wv) in wd.as_object().into_iter().flatten() {
        let gv = &gd[k];
        // every event type: Falco lists its own event and syscall name tables (incl. "NA"
        // filler rows); only the narrow sets of rules/macros are compared by name
        let universal = k == "events" && as_set(wv).len() > 100;
        let same = if universal {
            as_set(gv).len() > 100
        } else if SET_KEYS.contains(&k.as_str()) {
            as_set(wv) == as_set(gv)
        } else {
            wv == gv
        };
        if !same {
            out.push(format!(
                "{kind} {name}: details.{k}:\n  want {wv}\n  got  {gv}"
            ));
        }
    }
}

#[test]
fn listing_matches_falco() {
    let text = std::fs::read_to_string(shared_dir().join("falco-rules/FALCO-0.44-LISTING.yaml"))
        .expect("listing");
    let root = load_all(&text).expect("parses").remove(0);
    let plugins = [container_plugin()];
    let mut failures = Vec::new();
    for (combo, entry) in root.get("listing").expect("listing").entries() {
        let files: Vec<(String, String)> = entry
            .get("files")
            .expect("files")
            .seq()
            .iter()
            .filter_map(|n| n.scalar())
            .map(|f| {
                (
                    f.to_string(),
                    std::fs::read_to_string(shared_dir().join("falco-rules").join(f))
                        .expect("rules"),
                )
            })
            .collect();
        let mut engine = common::engine();
        let v = validate(&mut engine, &files, &[LoadedPlugin::container()]);
        assert!(v.successful);
        let got = norm_json(&engine.describe(None, &plugins).expect("describe"));
        let want = norm(entry.get("listing").expect("listing"));
        let combo = combo.scalar().unwrap_or("");
        for k in ["required_engine_version", "required_plugin_versions"] {
            if want[k] != got[k] {
                failures.push(format!("{combo}: {k}: want {} got {}", want[k], got[k]));
            }
        }
        for kind in ["rules", "macros", "lists"] {
            let (w, g) = (
                want[kind].as_array().expect("array"),
                got[kind].as_array().expect("array"),
            );
            assert_eq!(w.len(), g.len(), "{combo} {kind} count");
            for (a, b) in w.iter().zip(g) {
                compare(&format!("{combo} {kind}"), a, b, &mut failures);
            }
        }
        let txt = describe_as_text(&engine.describe(None, &plugins).expect("describe"));
        assert!(
            txt.starts_with("Rule                                               Description\n----")
        );
    }
    if !failures.is_empty() {
        let n = failures.len();
        let mut kinds = std::collections::BTreeMap::new();
        for f in &failures {
            let k = f.split(':').nth(1).unwrap_or("").trim().to_string();
            *kinds.entry(k).or_insert(0) += 1;
        }
        panic!(
            "{n} listing mismatches {kinds:?}:\n{}",
            failures.into_iter().take(12).collect::<Vec<_>>().join("\n")
        );
    }
}
