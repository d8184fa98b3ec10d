//! `shared/traces/FALCO-0.44-ALERTS.yaml`: the current upstream rules (stable, and stable +
//! incubating + sandbox with `rule_matching` first and all) on every trace, through the
//! `peregrine` binary. Each run must give Falco 0.44.1's exit status, exact alert count per
//! rule, total, and "Captured Events".

mod common;

use common::*;
use serde_json::Value;

struct Case {
    trace: String,
    run: String,
    files: Vec<String>,
    overrides: Value,
    want: Value,
}

fn cases() -> Vec<Case> {
    let doc = yaml_file(&traces_dir().join("FALCO-0.44-ALERTS.yaml"));
    let schema = &doc["schema"];
    let mut out = Vec::new();
    for (trace, runs) in doc["traces"].as_object().expect("traces") {
        for (run, want) in runs.as_object().expect("runs") {
            let files = schema["rules_files"][run]
                .as_array()
                .expect("rules files of the run")
                .iter()
                .map(|f| format!("../falco-rules/{}", as_str(f)))
                .collect();
            out.push(Case {
                trace: trace.clone(),
                run: run.clone(),
                files,
                overrides: schema["config_overrides"][run].clone(),
                want: want.clone(),
            });
        }
    }
    out
}

/// Per-rule differences that come from lower layers: trace, rule, the count we give (Falco's
/// is in the expectation file) and the diagnosis. Each must still be observed with exactly
/// that count (remove an entry once it matches), and no other difference is allowed.
const KNOWN_DIVERGENCES: &[(&str, &str, u64, &str)] = &[];

fn known(trace: &str, rule: &str, ours: u64) -> Option<&'static str> {
    KNOWN_DIVERGENCES
        .iter()
        .find(|(t, r, n, _)| *t == trace && *r == rule && *n == ours)
        .map(|(_, _, _, d)| *d)
}

struct Outcome {
    fails: Vec<String>,
    /// (rule, diagnosis) of known per-rule differences seen in this run.
    known: Vec<(String, &'static str)>,
}

fn check(c: &Case) -> Outcome {
    let tmp = scratch_dir("alerts");
    let mut cfg = base_config();
    merge(&mut cfg, &c.overrides);
    let cfg_path = write_config(&tmp, &cfg);
    let mut a = vec!["-c".to_string(), cfg_path.to_string_lossy().into_owned()];
    for f in &c.files {
        a.push("-r".into());
        a.push(f.clone());
    }
    a.extend(args(&["-o", "engine.kind=replay", "-o"]));
    a.push(format!("engine.replay.capture_file={}", c.trace));
    a.push("-v".into());
    let run = run_in(&traces_dir(), &a);
    let _ = std::fs::remove_dir_all(&tmp);
    let mut fails = Vec::new();
    let want_exit = as_u64(&c.want["exit_status"]).unwrap_or(0) as i32;
    if run.code != want_exit {
        fails.push(format!("exit status: Falco {want_exit}, we {}", run.code));
    }
    let want = counts_of(&c.want["alerts"]);
    let got = run.json_alerts();
    let mut seen_known = Vec::new();
    let rules: std::collections::BTreeSet<&String> = want.keys().chain(got.keys()).collect();
    for r in rules {
        let (w, g) = (
            want.get(r).copied().unwrap_or(0),
            got.get(r).copied().unwrap_or(0),
        );
        if w == g {
            continue;
        }
        match known(&c.trace, r, g) {
            Some(d) => seen_known.push((r.clone(), d)),
            None => fails.push(format!("{r}: Falco {w} alerts, we {g}")),
        }
    }
    if Some(want.values().sum::<u64>()) != as_u64(&c.want["total_alerts"]) {
        fails.push("recorded total disagrees with the recorded per-rule counts".into());
    }
    if run.summary_rules() != got {
        fails.push(format!(
            "summary {:?} disagrees with the alert lines",
            run.summary_rules()
        ));
    }
    let want_n = as_u64(&c.want["events_captured"]);
    if run.captured_events() != want_n {
        fails.push(format!(
            "captured events: Falco {want_n:?}, we {:?}",
            run.captured_events()
        ));
    }
    if !fails.is_empty() && std::env::var_os("PEREGRINE_TEST_VERBOSE").is_some() {
        fails.push(format!("stdout:\n{}", run.stdout));
    }
    Outcome {
        fails,
        known: seen_known,
    }
}

#[test]
fn falco_0_44_alerts_on_every_trace() {
    let cases = cases();
    assert_eq!(cases.len(), 34 * 3, "34 traces, three runs each");
    let results = par_map(&cases, check);
    let mut pass = std::collections::BTreeMap::<&str, usize>::new();
    let mut failed = Vec::new();
    let mut known_seen = std::collections::BTreeSet::new();
    for (c, o) in cases.iter().zip(results) {
        if !o.fails.is_empty() {
            failed.push(format!(
                "{} [{}]:\n    {}",
                c.trace,
                c.run,
                o.fails.join("\n    ")
            ));
        } else if o.known.is_empty() {
            *pass.entry(c.run.as_str()).or_default() += 1;
        }
        for (rule, _) in o.known {
            known_seen.insert((c.trace.clone(), rule));
        }
    }
    eprintln!("FALCO-0.44-ALERTS.yaml: exact match per run {pass:?} of 34 traces each");
    eprintln!("  known divergences (lower layers):");
    for (t, r, n, d) in KNOWN_DIVERGENCES {
        eprintln!("    {t} / {r} (we {n}): {d}");
        if !known_seen.contains(&(t.to_string(), r.to_string())) {
            failed.push(format!(
                "{t} / {r}: no longer {n} alerts in any run; update KNOWN_DIVERGENCES"
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} runs differ from Falco 0.44.1:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// A capture cut short: the events before the damage are evaluated and their alerts
/// delivered, the summary is printed, then the read error (with its byte offset) and a
/// non-zero exit, as Falco does.
#[test]
fn truncated_trace_delivers_then_fails() {
    let tmp = scratch_dir("truncated");
    let full = std::fs::read(traces_dir().join("sf-collector/setuid/setuid.scap")).expect("trace");
    let cut = tmp.join("cut.scap");
    std::fs::write(&cut, &full[..full.len() - 1000]).expect("write");
    let rules = tmp.join("setuid.yaml");
    std::fs::write(
        &rules,
        "- rule: any_setuid\n  desc: d\n  condition: evt.type=setuid\n  output: \"uid=%evt.arg.uid\"\n  priority: NOTICE\n",
    )
    .expect("write rules");
    let whole = run_in(
        &tmp,
        &args(&[
            "-r",
            "setuid.yaml",
            "-e",
            &traces_dir()
                .join("sf-collector/setuid/setuid.scap")
                .to_string_lossy(),
        ]),
    );
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let run = run_in(&tmp, &args(&["-r", "setuid.yaml", "-e", "cut.scap", "-v"]));
    let _ = std::fs::remove_dir_all(&tmp);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let alerts: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": Notice uid="))
        .collect();
    assert_eq!(alerts.len(), 2, "{}", run.stdout);
    assert_eq!(run.summary_rules().get("any_setuid"), Some(&2));
    assert_eq!(run.summary_rules(), whole.summary_rules());
    let err = run
        .stderr
        .lines()
        .find(|l| l.starts_with("Error: "))
        .expect("an error line");
    assert!(
        err.contains("cut.scap") && err.contains("at byte "),
        "{err}"
    );
    // Everything before the damage was seen.
    assert!(
        run.captured_events().is_some_and(|n| n > 1800),
        "{}",
        run.stderr
    );
}

/// Alert lines byte for byte as in docs/falco-0.44-output-examples.md (examples 1, 4, 9).
#[test]
fn alert_lines_like_falco_examples() {
    let tmp = scratch_dir("examples");
    std::fs::write(
        tmp.join("cat_open.yaml"),
        r#"- rule: example_cat_open
  desc: cat opens /dev/null
  condition: evt.type=open and proc.name=cat and fd.name=/dev/null
  output: "cat opened %fd.name (pid=%proc.pid uid=%user.uid user=%user.name sip=%fd.sip ppid=%proc.ppid pname=%proc.pname)"
  priority: WARNING
  tags: [example, filesystem]
"#,
    )
    .expect("rules");
    let trace = traces_dir().join("falco/cat_write.scap");
    let base = |extra: &[&str]| {
        let mut a = args(&["-r", "cat_open.yaml", "-o", "engine.kind=replay", "-o"]);
        a.push(format!("engine.replay.capture_file={}", trace.display()));
        a.extend(args(extra));
        run_in(&tmp, &a)
    };
    let text = base(&["-o", "json_output=false"]);
    assert_eq!(
        text.stdout,
        "16:17:57.882054739: Warning cat opened /dev/null (pid=20072 uid=4294967295 user=<NA> \
         sip=<NA> ppid=11310 pname=bash)\nEvents detected: 1\nRule counts by severity:\n   \
         WARNING: 1\nTriggered rules by rule name:\n   example_cat_open: 1\n"
    );
    let iso = base(&["-o", "json_output=false", "-o", "time_format_iso_8601=true"]);
    assert!(iso.stdout.starts_with(
        "2016-08-04T16:17:57.882054739+0000: Warning cat opened /dev/null (pid=20072"
    ));
    let json = base(&[
        "-o",
        "json_output=true",
        "-o",
        "json_include_output_property=false",
        "-o",
        "json_include_tags_property=false",
        "-o",
        "json_include_message_property=true",
    ]);
    let line = json.stdout.lines().next().unwrap_or("");
    let v: Value = serde_json::from_str(line).expect("json alert");
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 7, "{line}");
    // Falco writes the keys sorted.
    let pos: Vec<usize> = [
        "hostname",
        "message",
        "output_fields",
        "priority",
        "rule",
        "source",
        "time",
    ]
    .iter()
    .map(|k| {
        line.find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k} missing: {line}"))
    })
    .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{line}");
    assert_eq!(v["hostname"], "test-falco-hostname");
    assert_eq!(
        v["message"],
        "cat opened /dev/null (pid=20072 uid=4294967295 user=<NA> sip=<NA> ppid=11310 pname=bash)"
    );
    assert_eq!(v["output_fields"]["evt.time"], 1470327477882054739u64);
    assert_eq!(v["output_fields"]["proc.pid"], 20072);
    assert_eq!(v["time"], "2016-08-04T16:17:57.882054739Z");
    let _ = std::fs::remove_dir_all(&tmp);
}
