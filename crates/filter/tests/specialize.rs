//! Compile-time transformations of the evaluator: programs specialised per event code,
//! memo slots shared by identical sub-expressions, cheap operands first. Each must leave
//! every result unchanged.

mod support;

use peregrine_filter::{parse, Compiler, EvalContext, Filter};
use support::{TestCatalog, TestEvent, NO_TYPE_CODE, TV};

const OPEN: u16 = 0;
const OPENAT: u16 = 1;
const OPENAT2: u16 = 2;
const EXECVE: u16 = 3;
/// A code the catalogue does not decide `evt.type` for.
const UNDECIDED: u16 = 50;

fn compile(c: &mut Compiler<'_>, cond: &str) -> Filter {
    c.compile(&parse(cond).unwrap_or_else(|e| panic!("{cond}: {e}")))
        .unwrap_or_else(|e| panic!("{cond}: {e}"))
}

fn specialised(c: &mut Compiler<'_>, cond: &str, codes: &[u16]) -> Filter {
    let mut f = compile(c, cond);
    c.specialize(&mut f, codes.iter().copied());
    f
}

/// Events of each code, with values that make the other checks go both ways.
fn events() -> Vec<TestEvent> {
    let mut out = Vec::new();
    for code in [OPEN, OPENAT, OPENAT2, EXECVE, NO_TYPE_CODE, UNDECIDED] {
        for name in ["bash", "zsh"] {
            for fd in ["/etc/passwd", "/tmp/x"] {
                let e = TestEvent::new()
                    .s("proc.name", name)
                    .s("fd.name", fd)
                    .s("proc.cmdline", "bash -c x")
                    .with("fd.num", vec![TV::I(3)])
                    .of_code(code);
                // An undecided code still has a type at run time.
                out.push(if code == UNDECIDED {
                    e.s("evt.type", "openat")
                } else {
                    e
                });
            }
        }
    }
    out
}

/// The specialised filter agrees with a plain compile of the same condition on every event,
/// whether or not the extractor reports the event's code.
fn assert_same_results(cond: &str, codes: &[u16]) {
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let spec = specialised(&mut c, cond, codes);
    let plain = peregrine_filter::compile(&parse(cond).unwrap(), &catalog).unwrap();
    let mut cx = EvalContext::new();
    for mut e in events() {
        let want = plain.eval_once(&mut e);
        cx.next_event();
        assert_eq!(
            spec.eval(&mut cx, &mut e),
            want,
            "{cond} on code {:?}",
            e.code
        );
        let mut anonymous = TestEvent {
            code: None,
            values: e.values.clone(),
            ..TestEvent::default()
        };
        cx.next_event();
        assert_eq!(spec.eval(&mut cx, &mut anonymous), want, "{cond}, no code");
    }
}

#[test]
fn evt_type_checks_become_constants() {
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let f = specialised(
        &mut c,
        "evt.type in (open, openat) and proc.name = bash",
        &[OPEN, OPENAT, EXECVE],
    );
    let rest = compile(&mut c, "proc.name = bash");
    assert_eq!(f.shape(Some(OPEN)), rest.shape(None));
    assert_eq!(f.shape(Some(OPENAT)), rest.shape(None));
    assert_eq!(f.shape(Some(EXECVE)), "false");
    // open and openat share one program; codes not given keep the general one.
    assert_eq!(f.variant_count(), 2);
    assert_eq!(f.specialised_codes(), 3);
    assert_eq!(f.shape(Some(OPENAT2)), f.shape(None));
}

#[test]
fn folding_follows_and_or_not() {
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let f = specialised(
        &mut c,
        "not evt.type = execve and (evt.type = open or proc.name = bash)",
        &[OPEN, OPENAT, EXECVE],
    );
    assert_eq!(f.shape(Some(OPEN)), "true");
    assert_eq!(f.shape(Some(EXECVE)), "false");
    let bash = compile(&mut c, "proc.name = bash");
    assert_eq!(f.shape(Some(OPENAT)), bash.shape(None));
}

#[test]
fn non_extractable_type_stays_false_for_every_operator() {
    // `!=` on a field that cannot be extracted is false, but `not (... = ...)` is true.
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let ne = specialised(&mut c, "evt.type != open", &[NO_TYPE_CODE, OPENAT]);
    assert_eq!(ne.shape(Some(NO_TYPE_CODE)), "false");
    assert_eq!(ne.shape(Some(OPENAT)), "true");
    let not_eq = specialised(&mut c, "not evt.type = open", &[NO_TYPE_CODE]);
    assert_eq!(not_eq.shape(Some(NO_TYPE_CODE)), "true");
    let exists = specialised(&mut c, "evt.type exists", &[NO_TYPE_CODE, OPEN]);
    assert_eq!(exists.shape(Some(NO_TYPE_CODE)), "false");
    assert_eq!(exists.shape(Some(OPEN)), "true");
}

#[test]
fn specialised_results_match_the_general_program() {
    let codes = [OPEN, OPENAT, OPENAT2, EXECVE, NO_TYPE_CODE, UNDECIDED];
    for cond in [
        "evt.type in (open, openat) and proc.name = bash",
        "evt.type = open or fd.name startswith /etc",
        "not evt.type in (open, openat2) and (fd.num >= 0 or proc.name = zsh)",
        "evt.type != execve and not (evt.type = open and fd.name = /tmp/x)",
        "(evt.type = open and proc.name = bash) or (evt.type = execve and proc.name = zsh)",
        "evt.type startswith open and fd.name contains etc",
        "evt.type exists and not evt.type exists",
        "evt.type in (open) or evt.type in (openat) or evt.type = openat2",
        "proc.cmdline contains bash and evt.type = openat",
    ] {
        assert_same_results(cond, &codes);
    }
}

#[test]
fn identical_sub_expressions_share_a_memo_slot() {
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let macro_ = "(fd.name startswith /etc and fd.num >= 0)";
    let a = compile(&mut c, &format!("{macro_} and proc.name = bash"));
    let b = compile(&mut c, &format!("proc.name = zsh or {macro_}"));
    let memo_of = |f: &Filter| {
        let s = f.shape(None);
        let at = s.find("@").expect("a memo slot");
        s[at..s[at..].find(':').unwrap() + at].to_string()
    };
    assert_eq!(memo_of(&a), memo_of(&b));

    // The remembered result is per event.
    let mut cx = EvalContext::new();
    let event = |name: &'static str, fd: &'static str| {
        TestEvent::new()
            .s("proc.name", name)
            .s("fd.name", fd)
            .with("fd.num", vec![TV::I(3)])
    };
    for (name, fd, want_a, want_b) in [
        ("bash", "/etc/passwd", true, true),
        ("bash", "/tmp/x", false, false),
        ("zsh", "/etc/passwd", false, true),
        ("zsh", "/tmp/x", false, true),
    ] {
        cx.next_event();
        let mut e = event(name, fd);
        assert_eq!(a.eval(&mut cx, &mut e), want_a, "{name} {fd}");
        assert_eq!(b.eval(&mut cx, &mut e), want_b, "{name} {fd}");
        assert_eq!(e.calls["fd.name"], 1, "extracted once per event");
    }
}

#[test]
fn costly_operands_are_tested_last() {
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let f = compile(&mut c, "proc.cmdline contains curl and proc.name = bash");
    let mut e = TestEvent::new()
        .s("proc.name", "zsh")
        .s("proc.cmdline", "curl x");
    assert!(!f.eval_once(&mut e));
    assert_eq!(e.calls.get("proc.cmdline"), None, "short-circuited");
    let mut e = TestEvent::new()
        .s("proc.name", "bash")
        .s("proc.cmdline", "curl x");
    assert!(f.eval_once(&mut e));
    // Same cost: the condition's order.
    let g = compile(&mut c, "fd.name = /a or proc.name = bash");
    let mut e = TestEvent::new().s("fd.name", "/a").s("proc.name", "bash");
    assert!(g.eval_once(&mut e));
    assert_eq!(e.calls.get("proc.name"), None);
    // A field that cannot be extracted still makes only its own comparison false.
    let h = compile(&mut c, "proc.cmdline != x or proc.name != bash");
    let mut e = TestEvent::new().s("proc.name", "zsh");
    assert!(h.eval_once(&mut e));
    let mut e = TestEvent::new().s("proc.name", "bash");
    assert!(!h.eval_once(&mut e));
}

#[test]
fn filters_of_another_compiler_are_left_alone() {
    let catalog = TestCatalog;
    let mut a = Compiler::new(&catalog);
    let mut b = Compiler::new(&catalog);
    let mut f = compile(&mut a, "evt.type = open");
    b.specialize(&mut f, [OPEN]);
    assert_eq!(f.variant_count(), 0);
    a.specialize(&mut f, [OPEN]);
    assert_eq!(f.variant_count(), 1);
}
