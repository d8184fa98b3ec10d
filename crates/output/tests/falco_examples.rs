//! Every command of `docs/falco-0.44-output-examples.md` (Falco 0.44.1's real output) replayed
//! here: the document's rules are compiled with the condition crate and evaluated on the
//! events of the real trace that `peregrine -r` shows its rules (folded, as Falco does), and
//! the alert lines rendered by this crate must equal the lines Falco printed, byte for byte.

mod common;

use common::{for_each_rule_event, read_doc, DocRule, DocRun};
use peregrine_fields::filter_glue::{Catalog, FilterExtractor};
use peregrine_output::{AlertRenderer, OutputConfig, OutputFormat, Priority, Summary};

struct CompiledRule {
    name: String,
    priority: Priority,
    tags: Vec<String>,
    filter: peregrine_filter::Filter,
    output: OutputFormat,
}

fn config_for(run: &DocRun) -> OutputConfig {
    // The document's falco.yaml has json_output: true.
    let flag = |k: &str, default: bool| run.option(k).map_or(default, |v| v == "true");
    OutputConfig {
        json_output: flag("json_output", true),
        json_include_output_property: flag("json_include_output_property", true),
        json_include_tags_property: flag("json_include_tags_property", true),
        json_include_message_property: flag("json_include_message_property", false),
        json_include_output_fields_property: flag("json_include_output_fields_property", true),
        time_format_iso_8601: flag("time_format_iso_8601", false),
    }
}

fn compile(rules: &[DocRule], file: &str, catalog: &Catalog) -> Vec<CompiledRule> {
    rules
        .iter()
        .filter(|r| r.file == file)
        .map(|r| {
            let expr = peregrine_filter::parse(&r.condition)
                .unwrap_or_else(|e| panic!("{}: condition: {e:?}", r.name));
            let filter = peregrine_filter::compile(&expr, catalog)
                .unwrap_or_else(|e| panic!("{}: condition: {e:?}", r.name));
            CompiledRule {
                name: r.name.clone(),
                priority: Priority::parse(&r.priority)
                    .unwrap_or_else(|| panic!("priority {}", r.priority)),
                tags: r.tags.clone(),
                filter,
                output: OutputFormat::compile(&r.output)
                    .unwrap_or_else(|e| panic!("{}: output: {e}", r.name)),
            }
        })
        .collect()
}

/// What Falco would print on stdout for this run: the alerts, then the summary.
fn replay(run: &DocRun, rules: &[DocRule]) -> (Vec<String>, Summary) {
    let catalog = Catalog::new();
    let compiled = compile(rules, &run.rules_file, &catalog);
    assert!(!compiled.is_empty(), "no rules for {}", run.rules_file);
    let reqs = catalog.requests();
    let hostname = run.env("FALCO_HOSTNAME").unwrap_or("").to_string();
    let renderer = AlertRenderer::new(config_for(run), hostname);
    let mut summary = Summary::new();
    let ids: Vec<usize> = compiled.iter().map(|r| summary.add_rule(&r.name)).collect();
    let mut lines = Vec::new();
    for_each_rule_event(&run.capture, |cx| {
        for (r, id) in compiled.iter().zip(&ids) {
            let mut ex = FilterExtractor::new(cx, &reqs);
            if r.filter.eval_once(&mut ex) {
                let mut line = String::new();
                renderer.alert(&r.name, r.priority, &r.tags, cx, &r.output, &mut line);
                lines.push(line);
                summary.record(*id, r.priority);
                // rule_matching: first
                break;
            }
        }
    });
    (lines, summary)
}

/// Replays the document's commands of one section (by its number) and compares.
fn check_section(number: &str) {
    let (rules, runs) = read_doc();
    let runs: Vec<&DocRun> = runs
        .iter()
        .filter(|r| r.section.starts_with(&format!("{number}. ")))
        .collect();
    assert!(!runs.is_empty(), "no commands in section {number}");
    let mut checked = 0;
    let mut failures = Vec::new();
    for run in runs {
        // Local-time rendering needs a time-zone database, which we do not carry: the fields
        // are rendered in UTC, so only the TZ=UTC runs can match.
        if run.env("TZ").is_some_and(|tz| tz != "UTC") {
            continue;
        }
        let (alerts, summary) = replay(run, &rules);
        let mut got = alerts;
        if run
            .expected
            .iter()
            .any(|l| l.starts_with("Events detected: "))
        {
            got.extend(summary.render().lines().map(str::to_string));
        }
        checked += 1;
        if got != run.expected {
            failures.push(format!(
                "{} / {} {:?}\n  expected:\n    {}\n  got:\n    {}",
                run.section,
                run.rules_file,
                run.options,
                run.expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(checked > 0, "section {number}: nothing checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} runs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn doc_covers_every_section() {
    let (rules, runs) = read_doc();
    assert_eq!(rules.len(), 6, "{rules:#?}");
    assert_eq!(runs.len(), 21);
    for n in 1..=9 {
        assert!(
            runs.iter()
                .any(|r| r.section.starts_with(&format!("{n}. "))),
            "section {n}"
        );
    }
}

#[test]
fn s1_text_mode_and_summary() {
    check_section("1");
}

#[test]
fn s2_json_mode() {
    check_section("2");
}

#[test]
fn s3_missing_values() {
    check_section("3");
}

#[test]
fn s4_iso8601_prefix() {
    check_section("4");
}

#[test]
fn s5_time_fields() {
    check_section("5");
}

#[test]
fn s6_transformers() {
    check_section("6");
}

#[test]
fn s7_socket_and_connect() {
    check_section("7");
}

#[test]
fn s8_event_arguments() {
    check_section("8");
}

#[test]
fn s9_json_include_switches() {
    check_section("9");
}

/// Splits the `output_fields` object of a JSON alert line into (key, raw JSON value) pairs.
fn output_fields(line: &str) -> Vec<(String, String)> {
    let start =
        line.find("\"output_fields\":{").expect("output_fields") + "\"output_fields\":".len();
    let b = line.as_bytes();
    let mut i = start + 1;
    let mut out = Vec::new();
    // Scans one JSON string starting at `i` (on the quote); returns the index after it.
    let skip_str = |mut i: usize| -> usize {
        i += 1;
        while b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        i + 1
    };
    while b[i] != b'}' {
        let kend = skip_str(i);
        let key = line[i + 1..kend - 1].to_string();
        let vstart = kend + 1;
        let mut j = vstart;
        let mut depth = 0;
        loop {
            match b[j] {
                b'"' => j = skip_str(j),
                b'[' | b'{' => {
                    depth += 1;
                    j += 1;
                }
                b']' | b'}' if depth > 0 => {
                    depth -= 1;
                    j += 1;
                }
                b',' | b'}' if depth == 0 => break,
                _ => j += 1,
            }
        }
        out.push((key, line[vstart..j].to_string()));
        i = if b[j] == b',' { j + 1 } else { j };
    }
    out
}

/// The JSON typing of every documented `output_fields` entry: numbers, strings, nulls, time
/// fields as nanoseconds.
#[test]
fn output_fields_typed_as_falco() {
    let (rules, runs) = read_doc();
    let mut compared = 0;
    for run in runs.iter().filter(|r| r.env("TZ") == Some("UTC")) {
        let (alerts, _) = replay(run, &rules);
        let expected: Vec<&String> = run
            .expected
            .iter()
            .filter(|l| l.contains("\"output_fields\":"))
            .collect();
        if expected.is_empty() {
            continue;
        }
        assert_eq!(
            alerts.len(),
            expected.len(),
            "{}: {:?}",
            run.section,
            run.options
        );
        for (got, want) in alerts.iter().zip(expected) {
            let got = output_fields(got);
            let want = output_fields(want);
            let keys =
                |v: &[(String, String)]| v.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
            assert_eq!(keys(&got), keys(&want), "{}", run.section);
            for ((k, g), (_, w)) in got.iter().zip(&want) {
                assert_eq!(g, w, "{}: output_fields[{k}]", run.section);
                compared += 1;
            }
        }
    }
    // Every entry of every TZ=UTC JSON alert in the document.
    assert_eq!(compared, 103, "values compared");
}

/// The documented alerts of sections 5 and 6 (JSON and text), rendered from the trace and
/// delivered through the outputs worker to a file and a `sh -c` program, arrive unchanged.
#[test]
fn rendered_alerts_reach_the_channels_unchanged() {
    use peregrine_output::{Message, Outputs, OutputsConfig, SinkConfig};
    let (rules, runs) = read_doc();
    let dir = std::env::temp_dir().join(format!("peregrine-output-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (file, piped) = (dir.join("file.log"), dir.join("program.log"));
    let cfg = OutputsConfig {
        sinks: vec![
            SinkConfig::File {
                filename: file.clone(),
                keep_alive: false,
            },
            SinkConfig::Program {
                program: format!("cat >> '{}'", piped.display()),
                keep_alive: true,
            },
        ],
        queue_capacity: 16,
        ..OutputsConfig::default()
    };
    let out = Outputs::start(&cfg, peregrine_output::stderr_logger()).unwrap();
    let mut expected = String::new();
    for run in runs.iter().filter(|r| {
        (r.section.starts_with("5. ") || r.section.starts_with("6. ")) && r.env("TZ") == Some("UTC")
    }) {
        let (alerts, _) = replay(run, &rules);
        assert_eq!(alerts, run.expected);
        for line in alerts {
            expected.push_str(&line);
            expected.push('\n');
            assert!(out.send(Message {
                ts: 0,
                priority: Priority::Notice,
                rule: String::new(),
                source: "syscall".into(),
                line,
            }));
        }
    }
    let stats = out.shutdown();
    assert_eq!(stats.queue_drops, 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    assert_eq!(std::fs::read_to_string(&piped).unwrap(), expected);
    std::fs::remove_dir_all(dir).unwrap();
}
