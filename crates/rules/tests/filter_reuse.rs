//! Each `Engine::load` recompiles everything loaded so far; rules whose final condition did not
//! change keep their compiled filter, and the diagnostics are those of a compile from scratch.

mod common;

use common::shared_dir;
use peregrine_rules::compiler::Compiler;
use peregrine_rules::{Engine, FilterBackend, LoadResult, Priority};
use std::sync::Arc;

const SECOND: &str = r#"
- list: second_unused_list
  items: [a, b]
- list: second_ips
  items: [192.0.2.1, "2001:db8::1"]
- rule: Second file rule
  desc: connects to a listed address
  condition: evt.type = connect and fd.sip in (second_ips)
  output: "conn %fd.sip"
  priority: WARNING
- rule: Read sensitive file untrusted
  condition: and proc.name != second_file_test
  override:
    condition: append
"#;

/// What compiling the engine's collected definitions from scratch reports.
fn fresh_compile(engine: &Engine<FilterBackend<'static>>) -> LoadResult {
    let mut res = LoadResult::new("fresh");
    let compiler = Compiler {
        backend: engine.backend(),
        events: engine.events(),
    };
    assert!(compiler.compile(&mut res, engine.collector()).is_some());
    res
}

#[test]
fn unchanged_rules_keep_their_filter_across_loads() {
    let stable = std::fs::read_to_string(shared_dir().join("falco-rules/falco_rules.yaml"))
        .expect("stable rules");
    let mut engine = common::engine();
    assert!(engine.load("falco_rules.yaml", &stable).successful());
    let before: Vec<_> = engine.rules().to_vec();

    let res = engine.load("second.yaml", SECOND);
    assert!(res.successful(), "{res:?}");
    let after = engine.rules();
    assert_eq!(after.len(), before.len() + 1);
    let mut kept = 0;
    for r in &before {
        let now = after.iter().find(|n| n.name == r.name).expect("rule kept");
        let same = Arc::ptr_eq(&r.filter, &now.filter);
        if r.name == "Read sensitive file untrusted" {
            assert!(!same, "appended condition must be recompiled");
            assert_ne!(r.condition, now.condition);
        } else {
            assert!(same, "{} recompiled", r.name);
            kept += 1;
        }
    }
    assert_eq!(kept, before.len() - 1);

    // the compile part of the result (after the file's own read diagnostics) is what a
    // compile from scratch reports
    let fresh = fresh_compile(&engine);
    assert!(fresh
        .warnings
        .iter()
        .any(|w| format!("{w:?}").contains("second_unused_list")));
    assert!(
        res.warnings.ends_with(&fresh.warnings),
        "{:?}\n{:?}",
        res.warnings,
        fresh.warnings
    );

    let rs = engine.ruleset(Priority::Debug, &[]);
    assert_eq!(rs.rules().len(), after.len());
}
