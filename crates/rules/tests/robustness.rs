//! Bad input never panics, and big inputs load in reasonable time.

mod common;

use common::shared_dir;
use peregrine_rules::{validate, ErrorCode, LoadResult, LoadedPlugin};
use std::time::Instant;

/// Loads with no plugin requirement check (damaged inputs may require plugins we lack).
fn load_one(name: &str, content: &str) -> LoadResult {
    let mut engine = common::engine();
    engine.load(name, content)
}

#[test]
fn plugin_requirements_are_checked_after_each_file() {
    let mut engine = common::engine();
    let text = "- required_plugin_versions:\n  - name: json\n    version: 0.1.0\n    alternatives:\n    - name: jsonx\n      version: 1.0.0\n";
    let v = validate(
        &mut engine,
        &[("p.yaml".to_string(), text.to_string())],
        &[LoadedPlugin::container()],
    );
    assert_eq!(
        v.fatal.as_deref(),
        Some(
            "Plugin requirement not satisfied, must load one of: json (>= 0.1.0), jsonx (>= 1.0.0)"
        )
    );
    assert_eq!(v.stdout(true), "");
    assert_eq!(v.exit_code(), 1);
}

fn codes(r: &LoadResult) -> Vec<&'static str> {
    r.errors.iter().map(|e| e.code.code()).collect()
}

#[test]
fn malformed_yaml_is_a_parse_error() {
    for text in [
        "- rule: [unclosed\n",
        "- list: x\n  items: [a, b\n",
        "\"unterminated\n",
        "- a: b\n - c\n",
        "key: &a [*b]\n",
        "\t- rule: x\n",
    ] {
        let r = load_one("bad.yaml", text);
        assert!(!r.successful(), "{text:?} should fail");
        assert!(
            r.errors
                .iter()
                .all(|e| matches!(e.code, ErrorCode::YamlParse | ErrorCode::YamlValidate)),
            "{text:?}: {:?}",
            codes(&r)
        );
    }
}

#[test]
fn unbalanced_parentheses_are_compile_errors() {
    let r = load_one(
        "p.yaml",
        "- rule: r\n  desc: d\n  condition: (evt.type = open and (proc.name = cat)\n  output: o\n  priority: INFO\n",
    );
    assert_eq!(codes(&r), ["LOAD_ERR_COMPILE_CONDITION"]);
    assert_eq!(r.errors[0].message, "expected a ')' token");
    let r = load_one(
        "p.yaml",
        "- rule: r\n  desc: d\n  condition: evt.type = open and proc.name = cat)\n  output: o\n  priority: INFO\n",
    );
    assert_eq!(codes(&r), ["LOAD_ERR_COMPILE_CONDITION"]);
}

#[test]
fn circular_macros_are_reported() {
    let text = "- macro: a\n  condition: b\n- macro: b\n  condition: c\n- macro: c\n  condition: a\n- rule: r\n  desc: d\n  condition: evt.type = open and a\n  output: o\n  priority: INFO\n";
    let r = load_one("loop.yaml", text);
    assert_eq!(codes(&r), ["LOAD_ERR_VALIDATE"]);
    // macros only see earlier macros, so `a` cannot see `b`: the first problem is the undefined one
    assert_eq!(r.errors[0].message, "Undefined macro 'b' used in filter.");
    let self_loop = "- macro: a\n  condition: evt.type = open\n- macro: a\n  condition: a\n";
    let r = load_one("self.yaml", self_loop);
    assert_eq!(codes(&r), ["LOAD_ERR_VALIDATE"]);
    assert_eq!(r.errors[0].message, "reference loop in macro 'a'");
}

#[test]
fn damaged_fixtures_never_panic() {
    let base = shared_dir().join("falco-rules/loader-tests");
    let mut files = Vec::new();
    for group in ["falco", "falco-unit", "exceptions", "legacy", "k8saudit"] {
        for e in std::fs::read_dir(base.join(group))
            .expect("fixture dir")
            .flatten()
        {
            files.push(e.path());
        }
    }
    files.sort();
    let mut loads = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).expect("fixture");
        if text.len() > 20_000 {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        for drop in 0..lines.len().min(12) {
            let damaged: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, l)| *l)
                .collect();
            let _ = load_one("damaged.yaml", &damaged.join("\n"));
            loads += 1;
        }
        for cut in [text.len() / 3, text.len() / 2, text.len() * 2 / 3] {
            let mut c = cut;
            while !text.is_char_boundary(c) {
                c -= 1;
            }
            let _ = load_one("cut.yaml", &text[..c]);
            loads += 1;
        }
    }
    assert!(loads > 1000, "only {loads} damaged loads");
}

#[test]
fn ten_megabyte_list_loads() {
    let mut text = String::from("- list: big_ips\n  items: [");
    let mut n = 0u32;
    while text.len() < 10 << 20 {
        if n > 0 {
            text.push_str(", ");
        }
        text.push_str(&format!(
            "\"{}.{}.{}.{}\"",
            10 + (n >> 24) % 200,
            (n >> 16) & 255,
            (n >> 8) & 255,
            n & 255
        ));
        n += 1;
    }
    text.push_str("]\n- rule: big\n  desc: d\n  condition: evt.type = connect and fd.sip in (big_ips)\n  output: \"%fd.sip\"\n  priority: INFO\n");
    let start = Instant::now();
    let r = load_one("big.yaml", &text);
    let took = start.elapsed();
    assert!(r.successful(), "{:?}", r.errors.first().map(|e| &e.message));
    eprintln!("10 MiB list ({n} items): loaded in {took:?}");
    assert!(took.as_secs() < 60, "took {took:?}");
}

#[test]
fn rules_directories_expand_sorted_yaml_only() {
    let dir = std::env::temp_dir().join(format!("peregrine-rules-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    for f in ["b.yaml", "a.yml", "c.txt", "0.yaml.bak", "d.yaml"] {
        std::fs::write(dir.join(f), "[]\n").expect("write");
    }
    let got =
        peregrine_rules::expand_rules_paths(&[dir.clone(), dir.join("c.txt")]).expect("expand");
    let names: Vec<String> = got
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["a.yml", "b.yaml", "d.yaml", "c.txt"]);
    std::fs::remove_dir_all(&dir).ok();
}
