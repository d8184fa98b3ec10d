use peregrine_filter::{event_codes, parse, CodeSet};

/// Toy event table: each name has an enter and an exit code, like the real table.
const NAMES: &[&str] = &["open", "openat", "execve", "connect", "close", "read"];

fn codes_of(name: &str) -> Option<Vec<u16>> {
    NAMES
        .iter()
        .position(|n| *n == name)
        .map(|i| vec![(2 * i) as u16, (2 * i + 1) as u16])
}

fn derive(cond: &str) -> Result<Vec<&'static str>, String> {
    let all = CodeSet::from_codes(NAMES.len() * 2, 0..(NAMES.len() * 2) as u16);
    let ast = parse(cond).map_err(|e| e.message)?;
    let set = event_codes(&ast, &codes_of, &all).map_err(|e| e.message)?;
    let mut names: Vec<&str> = set.iter().map(|c| NAMES[c as usize / 2]).collect();
    names.dedup();
    Ok(names)
}

fn d(cond: &str) -> Vec<&'static str> {
    derive(cond).unwrap_or_else(|e| panic!("{cond}: {e}"))
}

const ALL: &[&str] = NAMES;

#[test]
fn leaves() {
    assert_eq!(d("evt.type = open"), ["open"]);
    assert_eq!(d("evt.type == open"), ["open"]);
    assert_eq!(d("evt.type in (open, execve)"), ["open", "execve"]);
    assert_eq!(d("syscall.type = connect"), ["connect"]);
    assert_eq!(
        d("evt.type != open"),
        ["openat", "execve", "connect", "close", "read"]
    );
    assert_eq!(d("evt.type exists"), ALL);
    assert_eq!(d("proc.name = cat"), ALL);
    assert_eq!(d("evt.type = nosuch"), Vec::<&str>::new());
    assert_eq!(d("evt.type in ()"), Vec::<&str>::new());
    // Operators other than =, !=, in leave evt.type neutral.
    assert_eq!(d("evt.type startswith open"), ALL);
    assert_eq!(d("evt.type intersects (open)"), ALL);
    assert_eq!(d("evt.type = oneof (open)"), ALL);
    // An argument makes it another field.
    assert_eq!(d("evt.type[1] = open"), ALL);
    assert_eq!(d("macro_ref"), ALL);
}

#[test]
fn boolean_structure() {
    assert_eq!(d("evt.type = open and proc.name = cat"), ["open"]);
    assert_eq!(
        d("evt.type = open or evt.type = execve"),
        ["open", "execve"]
    );
    assert_eq!(d("evt.type = open or proc.name = cat"), ALL);
    assert_eq!(
        d("evt.type in (open, execve) and evt.type in (execve, read)"),
        ["execve"]
    );
    assert_eq!(
        d("evt.type = open and evt.type = execve"),
        Vec::<&str>::new()
    );
    assert_eq!(
        d("(evt.type = open or evt.type = openat) and not proc.name = cat"),
        ["open", "openat"]
    );
}

#[test]
fn negation() {
    assert_eq!(
        d("not evt.type = open"),
        ["openat", "execve", "connect", "close", "read"]
    );
    assert_eq!(d("not evt.type != open"), ["open"]);
    assert_eq!(d("not not evt.type = open"), ["open"]);
    assert_eq!(d("not (not evt.type = open)"), ["open"]);
    // Neutral leaves stay neutral under negation.
    assert_eq!(d("not proc.name = cat"), ALL);
    assert_eq!(d("evt.type = open and not proc.name = cat"), ["open"]);
    // De Morgan: not (A or B) = not A and not B.
    assert_eq!(
        d("not (evt.type = open or evt.type = execve)"),
        ["openat", "connect", "close", "read"]
    );
    // not (A and B) = not A or not B.
    assert_eq!(d("not (evt.type = open and evt.type = execve)"), ALL);
    assert_eq!(
        d("not (evt.type in (open, execve) and proc.name = cat)"),
        ALL,
        "the neutral leaf makes the union universal"
    );
    assert_eq!(d("not evt.type exists"), Vec::<&str>::new());
    assert_eq!(
        d("not evt.type in (open, openat, execve, connect, close, read)"),
        Vec::<&str>::new()
    );
}

#[test]
fn evt_num_invariants() {
    for empty in [
        "evt.num = 0",
        "evt.num=0",
        "evt.num < 1",
        "evt.num < 0",
        "evt.num <= 0",
        "evt.num in (0)",
        "evt.num in (0, 0)",
        "evt.num in ()",
        "(evt.num=0)",
    ] {
        assert!(d(empty).is_empty(), "{empty}");
    }
    for all in [
        "evt.num != 0",
        "evt.num > 0",
        "evt.num >= 1",
        "evt.num >= 0",
        "evt.num = 5",
        "evt.num in (0, 1)",
        "evt.num = -1",
        "evt.num in never_list",
    ] {
        assert_eq!(d(all), ALL, "{all}");
    }
    assert!(d("evt.type = open and evt.num = 0").is_empty());
    // Under a negation an unsatisfiable leaf becomes a tautology and vice versa.
    assert_eq!(d("evt.type = open and not evt.num = 0"), ["open"]);
    assert_eq!(d("not evt.num = 0"), ALL);
    assert!(d("not evt.num > 0").is_empty());
    // Only the bare field qualifies.
    assert_eq!(d("evt.num[1] = 0"), ALL);
    assert_eq!(d("len(evt.num) = 0"), ALL);
}

#[test]
fn unsupported_forms() {
    assert_eq!(
        derive("evt.type = val(proc.name)").unwrap_err(),
        "right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by \
         event code search"
    );
    assert_eq!(
        derive("evt.type = tolower(proc.name)").unwrap_err(),
        "right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by \
         event code search"
    );
    assert_eq!(
        derive("tolower(evt.type) = open").unwrap_err(),
        "event code search does not support `evt.type` checks with transformers"
    );
    assert_eq!(
        derive("evt.type = val(evt.type)").unwrap_err(),
        "event code search does not support `evt.type` checks with transformers"
    );
    // The right-hand side of a check on another field is not inspected.
    assert_eq!(d("proc.name = val(evt.type)"), ALL);
    assert_eq!(
        derive("tolower(evt.type) exists").unwrap_err(),
        "event code search does not support `evt.type` checks with transformers"
    );
    // Transformers on other fields are neutral.
    assert_eq!(d("tolower(proc.name) = cat"), ALL);
}

#[test]
fn code_set_ops() {
    let a = CodeSet::from_codes(200, [1, 64, 130, 199, 250]);
    assert_eq!(a.len(), 4, "codes beyond the capacity are ignored");
    assert!(a.contains(130) && !a.contains(2) && !a.contains(250));
    let b = CodeSet::from_codes(200, [1, 2, 130]);
    assert_eq!(a.intersect(&b).iter().collect::<Vec<_>>(), [1, 130]);
    assert_eq!(a.union(&b).iter().collect::<Vec<_>>(), [1, 2, 64, 130, 199]);
    assert_eq!(a.difference(&b).iter().collect::<Vec<_>>(), [64, 199]);
    assert!(CodeSet::new(10).is_empty());
}
