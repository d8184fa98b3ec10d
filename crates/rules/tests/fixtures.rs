//! Every loader fixture validated alone (and the recorded multi-file combinations), compared
//! with what Falco 0.44.1 printed for it (`loader-tests/FALCO-0.44-VALIDATE.yaml`).

mod common;

use common::shared_dir;
use peregrine_rules::yaml::{load_all, Node, NodeKind};
use peregrine_rules::{validate, Backend, Engine, LoadedPlugin};
use serde_json::Value;

/// Scalars as strings, so YAML-recorded expectations compare with our typed JSON.
fn norm_yaml(n: &Node) -> Value {
    match &n.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Scalar(s) => Value::String(s.clone()),
        NodeKind::Seq(v) => Value::Array(v.iter().map(norm_yaml).collect()),
        NodeKind::Map(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.scalar().unwrap_or("").to_string(), norm_yaml(v)))
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

fn first_diff(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => {
                        if let Some(d) = first_diff(&format!("{path}.{k}"), p, q) {
                            return Some(d);
                        }
                    }
                    (p, q) => return Some(format!("{path}.{k}: expected {p:?}, got {q:?}")),
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (p, q)) in x.iter().zip(y.iter()).enumerate() {
                if let Some(d) = first_diff(&format!("{path}[{i}]"), p, q) {
                    return Some(d);
                }
            }
            if x.len() != y.len() {
                return Some(format!(
                    "{path}: expected {} items, got {}: {}",
                    x.len(),
                    y.len(),
                    serde_json::to_string(b).unwrap_or_default()
                ));
            }
            None
        }
        _ if a == b => None,
        _ => Some(format!("{path}: expected {a}, got {b}")),
    }
}

/// Fixtures that need a plugin we (and the recording Falco) did not have. Falco failed them
/// with a plugin requirement error and so do we: they are checked like every other case.
/// k8saudit / aws_cloudtrail rules in other fixtures are skipped with LOAD_UNKNOWN_SOURCE by
/// both, also checked normally.
const PLUGIN_FIXTURES: &[(&str, &str)] = &[
    (
        "falco/RulesListWithPluginJSON__rule-list-with-plugin-json.yaml",
        "requires plugin json >= 0.1.0: same fatal error",
    ),
    (
        "falco/PluginsCloudtrailIncompatPluginVersion__cloudtrail_incompat_plugin_version.yaml",
        "requires plugin cloudtrail >= 100000.0.0: same fatal error",
    ),
];

/// Recorded cases whose outcome does not come from the rules loader at all.
const NOT_LOADER: &[(&str, &str)] = &[(
    "falco/InvalidRuleOutput__invalid_rule_output.yaml + falco/DetectConnectUsingIn__detect_connect_using_in.yaml + falco/ListAppend__list_append.yaml + falco/CatchallOrder__catchall_order.yaml + falco/RulesDir000SingleRule__000-single_rule.yaml + falco/RulesListWithPluginJSON__rule-list-with-plugin-json.yaml [-o load_plugins[0]=json]",
    "fails in Falco's config (no plugin config named json) before any rules file is read",
)];

struct Case {
    key: String,
    files: Vec<String>,
    expected: Node,
}

fn check_case<B: Backend>(case: &Case, mut engine: Engine<B>, failures: &mut Vec<String>) {
    let base = shared_dir().join("falco-rules/loader-tests");
    let files: Vec<(String, String)> = case
        .files
        .iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::read_to_string(base.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")),
            )
        })
        .collect();
    let v = validate(&mut engine, &files, &[LoadedPlugin::container()]);
    let exp = &case.expected;
    let exit: i32 = exp
        .get("exit_code")
        .and_then(|n| n.scalar())
        .and_then(|s| s.parse().ok())
        .unwrap_or(-1);
    if v.exit_code() != exit {
        failures.push(format!(
            "{}: exit code expected {exit}, got {}",
            case.key,
            v.exit_code()
        ));
    }
    match exp.get("falco_load_results") {
        Some(results) => {
            let want = norm_yaml(results);
            let got = norm_json(&v.json["falco_load_results"]);
            if let Some(d) = first_diff("", &want, &got) {
                failures.push(format!("{}: {d}", case.key));
            }
        }
        None => {
            let stderr = exp
                .get("stderr_tail")
                .and_then(|n| n.scalar())
                .unwrap_or("");
            let got = v
                .fatal
                .as_ref()
                .map(|f| format!("Error: {f}\n"))
                .unwrap_or_default();
            if stderr != got {
                failures.push(format!(
                    "{}: stderr expected {stderr:?}, got {got:?}",
                    case.key
                ));
            }
        }
    }
    if let Some(tm) = exp.get("text_mode") {
        if let Some(out) = tm.get("stdout").and_then(|n| n.scalar()) {
            let got = v.stdout(false);
            if out != got {
                failures.push(format!(
                    "{}: text stdout differs:\n--- expected\n{out}\n--- got\n{got}",
                    case.key
                ));
            }
        }
    }
}

fn cases() -> Vec<Case> {
    let path = shared_dir().join("falco-rules/loader-tests/FALCO-0.44-VALIDATE.yaml");
    let text = std::fs::read_to_string(path).expect("VALIDATE.yaml");
    let docs = load_all(&text).expect("VALIDATE.yaml parses");
    let root = &docs[0];
    let mut out = Vec::new();
    for (k, v) in root.get("fixtures").expect("fixtures").entries() {
        let key = k.scalar().unwrap_or("").to_string();
        out.push(Case {
            files: vec![key.clone()],
            key,
            expected: v.clone(),
        });
    }
    for (k, v) in root.get("combinations").expect("combinations").entries() {
        let key = k.scalar().unwrap_or("").to_string();
        // "[...]" carries -o overrides that do not change -V results (rule selection,
        // priority, json property switches): the plain variant is recorded too.
        let files_part = key.split(" [").next().unwrap_or(&key);
        let files = files_part.split(" + ").map(str::to_string).collect();
        out.push(Case {
            key,
            files,
            expected: v.clone(),
        });
    }
    out
}

/// Cases where peregrine-filter (not the loader) still disagrees with Falco; they are checked
/// with the test backend instead, which reproduces Falco for them.
const FILTER_GAPS: &[(&str, &str)] = &[];

fn run_all<B: Backend>(make: impl Fn() -> Engine<B>, skip: &[(&str, &str)]) {
    let cases = cases();
    assert!(
        cases.len() >= 221,
        "expected all 221 fixtures, got {}",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        if NOT_LOADER.iter().chain(skip).any(|(k, _)| *k == case.key) {
            continue;
        }
        check_case(case, make(), &mut failures);
        checked += 1;
    }
    assert_eq!(checked, cases.len() - NOT_LOADER.len() - skip.len());
    for (f, why) in PLUGIN_FIXTURES {
        assert!(
            cases.iter().any(|c| c.key == *f),
            "{f} ({why}) is a recorded fixture"
        );
    }
    if !failures.is_empty() {
        let n = failures.len();
        let shown: Vec<String> = failures.into_iter().take(60).collect();
        panic!("{n} mismatches:\n{}", shown.join("\n"));
    }
}

/// Conditions compiled by peregrine-filter against the test catalogue.
#[test]
fn all_fixtures_match_falco() {
    run_all(common::engine, FILTER_GAPS);
}

/// The same with the test backend (field existence and event names only), which isolates the
/// loader from the condition compiler.
#[test]
fn all_fixtures_match_falco_with_lint_backend() {
    run_all(|| Engine::new(common::TestBackend::new()), &[]);
}
