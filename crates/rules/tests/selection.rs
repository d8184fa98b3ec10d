//! Rule selection (`rules:` config) reproduces the upstream tag tests: for each
//! `TaggedRules` test in loader-tests/README.md, the enabled rules are exactly the ones that
//! alerted once on the capture (every rule there matches one distinct file of it).

mod common;

use common::shared_dir;
use peregrine_rules::{MatchMode, Priority, Selection};

struct TagCase {
    title: String,
    selections: Vec<Selection>,
    on: Vec<String>,
}

fn quoted(s: &str) -> Vec<String> {
    s.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn tag_cases() -> Vec<TagCase> {
    let readme = std::fs::read_to_string(shared_dir().join("falco-rules/loader-tests/README.md"))
        .expect("README");
    let mut out = Vec::new();
    for block in readme
        .split("\n### ")
        .filter(|b| b.contains("TaggedRules__tagged_rules.yaml"))
    {
        let title = block.lines().next().unwrap_or("").to_string();
        let opts = block
            .lines()
            .find(|l| l.starts_with("* options:"))
            .unwrap_or("");
        let mut selections = Vec::new();
        if let Some(i) = opts.find("WithEnabledTags(") {
            let args = &opts[i..opts[i..].find(')').map(|j| i + j).unwrap_or(opts.len())];
            // Falco 0.44: disable everything, then enable the tags
            selections.push(Selection::DisableRule("*".into()));
            selections.extend(quoted(args).into_iter().map(Selection::EnableTag));
        } else if let Some(i) = opts.find("WithDisabledTags(") {
            let args = &opts[i..opts[i..].find(')').map(|j| i + j).unwrap_or(opts.len())];
            selections.extend(quoted(args).into_iter().map(Selection::DisableTag));
        } else {
            continue;
        }
        let on = block
            .lines()
            .filter(|l| l.contains("[Rule=") && l.trim_end().ends_with("== 1"))
            .filter_map(|l| {
                l.split("[Rule=")
                    .nth(1)?
                    .split(']')
                    .next()
                    .map(str::to_string)
            })
            .collect();
        out.push(TagCase {
            title,
            selections,
            on,
        });
    }
    out
}

#[test]
fn tag_selection_matches_upstream_tests() {
    let path = shared_dir().join("falco-rules/loader-tests/falco/TaggedRules__tagged_rules.yaml");
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut engine = common::engine();
    assert!(engine.load("tagged_rules.yaml", &text).successful());
    let cases = tag_cases();
    assert_eq!(cases.len(), 12, "tag tests in README");
    for c in &cases {
        let rs = engine.ruleset(Priority::Debug, &c.selections);
        let mut enabled: Vec<String> = (0..rs.rules().len())
            .filter(|&i| rs.is_enabled(i))
            .map(|i| rs.rule(i).name.clone())
            .collect();
        let mut want = c.on.clone();
        enabled.sort();
        want.sort();
        assert_eq!(enabled, want, "{}", c.title);
    }
}

#[test]
fn wildcard_priority_and_match_modes() {
    let text = std::fs::read_to_string(
        shared_dir().join("falco-rules/loader-tests/falco/TaggedRules__tagged_rules.yaml"),
    )
    .expect("fixture");
    let mut engine = common::engine();
    assert!(engine.load("t.yaml", &text).successful());
    let openat = *peregrine_event::table::by_name("openat")
        .collect::<Vec<u16>>()
        .last()
        .expect("openat");
    let all = engine.ruleset(Priority::Debug, &[]);
    let names = |rs: &peregrine_rules::Ruleset<peregrine_filter::Filter>,
                 ids: &[usize]|
     -> Vec<String> { ids.iter().map(|&i| rs.rule(i).name.clone()).collect() };
    // load order inside a bucket
    let order = names(&all, all.candidates(openat));
    assert_eq!(order.first().map(String::as_str), Some("open_1"));
    assert_eq!(order.len(), 13);
    let mut out = Vec::new();
    assert!(all.eval(openat, MatchMode::First, |_| true, &mut out));
    assert_eq!(names(&all, &out), ["open_1"]);
    out.clear();
    all.eval(openat, MatchMode::All, |_| true, &mut out);
    assert_eq!(out.len(), 13);
    // re-enabling appends to the bucket, like Falco
    let rs = engine.ruleset(
        Priority::Debug,
        &[
            Selection::DisableRule("open_1".into()),
            Selection::EnableRule("open_1".into()),
        ],
    );
    assert_eq!(
        names(&rs, rs.candidates(openat)).last().map(String::as_str),
        Some("open_1")
    );
    // wildcard disable
    let rs = engine.ruleset(Priority::Debug, &[Selection::DisableRule("open_1*".into())]);
    assert_eq!(rs.enabled_count(), 13 - 5, "open_1 and open_10..13");
    // minimum priority: the WARNING rules are dropped under ERROR
    let rs = engine.ruleset(Priority::Error, &[Selection::EnableRule("*".into())]);
    assert_eq!(rs.enabled_count(), 0);
    assert!(rs.candidates(openat).is_empty());
    assert!(all.enabled_event_codes().contains(&openat));
}
