//! The loader hands every freshly compiled rule filter to `Backend::specialize` with the codes
//! the ruleset files the rule under, and never re-specialises a filter reused from the
//! previous compile.

mod common;

use common::TestBackend;
use peregrine_filter::ast::Expr;
use peregrine_rules::{Backend, CondMessage, Engine, Priority};
use std::cell::RefCell;

/// The test backend, recording what it is asked to specialise.
struct Recording {
    inner: TestBackend,
    /// The codes of each `specialize` call, in order.
    calls: RefCell<Vec<Vec<u16>>>,
}

impl Backend for Recording {
    type Filter = ();

    fn check_field(&self, name: &str, arg: Option<&str>) -> Result<(), String> {
        self.inner.check_field(name, arg)
    }

    fn compile(&self, expr: &Expr) -> Result<((), Vec<CondMessage>), CondMessage> {
        self.inner.compile(expr)
    }

    fn specialize(&self, _filter: &mut (), codes: &[u16]) {
        self.calls.borrow_mut().push(codes.to_vec());
    }
}

const FIRST: &str = r#"
- rule: Open etc
  desc: d
  condition: evt.type in (open, openat) and fd.name startswith /etc
  output: "%fd.name"
  priority: WARNING
"#;

const SECOND: &str = r#"
- rule: Exec bash
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "%proc.name"
  priority: WARNING
"#;

#[test]
fn rule_filters_are_specialised_for_their_bucket_codes() {
    let mut engine = Engine::new(Recording {
        inner: TestBackend::new(),
        calls: RefCell::new(Vec::new()),
    });
    assert!(engine.load("first.yaml", FIRST).successful());
    assert_eq!(engine.backend().calls.borrow().len(), 1);
    assert!(engine.load("second.yaml", SECOND).successful());
    // The second load recompiles both rules but reuses the first one's filter.
    let calls = engine.backend().calls.borrow().clone();
    assert_eq!(calls.len(), 2, "{calls:?}");

    // Rules are in load order, as the calls are.
    let ruleset = engine.ruleset(Priority::Debug, &[]);
    for (id, codes) in calls.iter().enumerate() {
        let rule = ruleset.rule(id);
        assert!(!rule.event_codes.is_empty(), "{}", rule.name);
        for code in rule.event_codes.iter() {
            assert!(codes.contains(&code), "{}: {code} missing", rule.name);
        }
        // Every code handed over is one the ruleset evaluates the rule for, and the other
        // way round.
        for &code in codes {
            assert!(
                ruleset.candidates(code).contains(&id),
                "{}: {code}",
                rule.name
            );
        }
        for code in ruleset.enabled_event_codes() {
            if ruleset.candidates(code).contains(&id) {
                assert!(
                    codes.contains(&code),
                    "{}: {code} not specialised",
                    rule.name
                );
            }
        }
    }
}
