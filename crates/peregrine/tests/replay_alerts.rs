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

fn check(c: &Case) -> Result<(), Vec<String>> {
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
    if want != got {
        fails.push(format!("alerts: Falco {want:?}, we {got:?}"));
    }
    let total: u64 = got.values().sum();
    if Some(total) != as_u64(&c.want["total_alerts"]) {
        fails.push(format!("total: Falco {:?}, we {total}", c.want["total_alerts"]));
    }
    if run.summary_rules() != got {
        fails.push(format!("summary {:?} disagrees with the alert lines", run.summary_rules()));
    }
    let want_n = as_u64(&c.want["events_captured"]);
    if run.captured_events() != want_n {
        fails.push(format!("captured events: Falco {want_n:?}, we {:?}", run.captured_events()));
    }
    if fails.is_empty() {
        Ok(())
    } else {
        if std::env::var_os("PEREGRINE_TEST_VERBOSE").is_some() {
            fails.push(format!("stdout:\n{}", run.stdout));
        }
        Err(fails)
    }
}

#[test]
fn falco_0_44_alerts_on_every_trace() {
    let cases = cases();
    assert_eq!(cases.len(), 34 * 3, "34 traces, three runs each");
    let results = par_map(&cases, check);
    let mut pass = std::collections::BTreeMap::<&str, usize>::new();
    let mut failed = Vec::new();
    for (c, r) in cases.iter().zip(results) {
        match r {
            Ok(()) => *pass.entry(c.run.as_str()).or_default() += 1,
            Err(f) => failed.push(format!("{} [{}]:\n    {}", c.trace, c.run, f.join("\n    "))),
        }
    }
    eprintln!("FALCO-0.44-ALERTS.yaml: {pass:?} of 34 traces each");
    assert!(failed.is_empty(), "{} runs differ from Falco 0.44.1:\n{}", failed.len(), failed.join("\n"));
}
