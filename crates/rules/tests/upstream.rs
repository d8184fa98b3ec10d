//! The three upstream rule files load like in Falco 0.44.1 (stable alone, then with incubating
//! and sandbox in order): same `-V` results (no errors, no warnings, schema valid).

mod common;

use common::shared_dir;
use peregrine_rules::yaml::{load_all, Node};
use peregrine_rules::{validate, Engine, FilterBackend, LoadedPlugin, Priority};

fn listing() -> Node {
    let text = std::fs::read_to_string(shared_dir().join("falco-rules/FALCO-0.44-LISTING.yaml"))
        .expect("listing");
    load_all(&text).expect("listing parses").remove(0)
}

fn load(files: &[&str]) -> (Engine<FilterBackend<'static>>, peregrine_rules::Validation) {
    let base = shared_dir().join("falco-rules");
    let files: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read_to_string(base.join(f)).expect("rules file"),
            )
        })
        .collect();
    let mut engine = common::engine();
    let v = validate(&mut engine, &files, &[LoadedPlugin::container()]);
    (engine, v)
}

#[test]
fn upstream_files_validate_like_falco() {
    let l = listing();
    let validate_section = l.get("validate").expect("validate section");
    for (combo, entry) in validate_section.entries() {
        let files: Vec<&str> = entry
            .get("files")
            .expect("files")
            .seq()
            .iter()
            .filter_map(|n| n.scalar())
            .collect();
        let start = std::time::Instant::now();
        let (_, v) = load(&files);
        let combo = combo.scalar().unwrap_or("");
        eprintln!("{combo}: validated in {:?}", start.elapsed());
        assert_eq!(v.exit_code(), 0, "{combo}: {}", v.text);
        let expected = entry.get("falco_load_results").expect("results").seq();
        assert_eq!(v.results.len(), expected.len(), "{combo}");
        for (got, want) in v.results.iter().zip(expected) {
            assert_eq!(
                Some(got.name.as_str()),
                want.get("name").and_then(|n| n.scalar())
            );
            assert!(got.errors.is_empty(), "{combo}: {:?}", got.errors);
            let want_warnings = want.get("warnings").map(|w| w.len()).unwrap_or(0);
            assert_eq!(
                got.warnings.len(),
                want_warnings,
                "{combo} {}: {}",
                got.name,
                got.as_verbose_text(&Default::default())
            );
            assert_eq!(
                got.schema_validation(),
                "ok",
                "{combo} {}: {:?}",
                got.name,
                got.schema_status
            );
        }
    }
}

#[test]
fn upstream_counts_match_listing() {
    let l = listing();
    for (combo, entry) in l.get("listing").expect("listing section").entries() {
        let files: Vec<&str> = entry
            .get("files")
            .expect("files")
            .seq()
            .iter()
            .filter_map(|n| n.scalar())
            .collect();
        let (engine, v) = load(&files);
        assert!(v.successful);
        let counts = entry.get("counts").expect("counts");
        let n = |k: &str| {
            counts
                .get(k)
                .and_then(|c| c.scalar())
                .and_then(|s| s.parse::<usize>().ok())
                .expect("count")
        };
        let c = engine.compiled().expect("compiled");
        let combo = combo.scalar().unwrap_or("");
        assert_eq!(engine.rules().len(), n("rules"), "{combo} rules");
        assert_eq!(c.macros.len(), n("macros"), "{combo} macros");
        assert_eq!(c.lists.len(), n("lists"), "{combo} lists");
    }
}

#[test]
fn stable_rules_index_by_event_type() {
    let (engine, v) = load(&["falco_rules.yaml"]);
    assert!(v.successful);
    let rs = engine.ruleset(Priority::Debug, &[]);
    assert_eq!(rs.enabled_count(), 25);
    let execve: Vec<u16> = peregrine_event::table::by_name("execve").collect();
    let openat: Vec<u16> = peregrine_event::table::by_name("openat").collect();
    let on_execve: Vec<&str> = rs
        .candidates(execve[execve.len() - 1])
        .iter()
        .map(|&id| rs.rule(id).name.as_str())
        .collect();
    assert!(on_execve.contains(&"Run shell untrusted"), "{on_execve:?}");
    assert!(!on_execve.contains(&"Read sensitive file untrusted"));
    let on_openat: Vec<&str> = rs
        .candidates(openat[openat.len() - 1])
        .iter()
        .map(|&id| rs.rule(id).name.as_str())
        .collect();
    assert!(
        on_openat.contains(&"Read sensitive file untrusted"),
        "{on_openat:?}"
    );
    // priority filter: only Critical and more severe stay enabled
    let rs = engine.ruleset(Priority::Critical, &[]);
    assert!(rs
        .rules()
        .iter()
        .enumerate()
        .all(|(i, r)| rs.is_enabled(i) == (r.priority <= Priority::Critical)));
}
