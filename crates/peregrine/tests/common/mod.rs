//! Helpers shared by the end-to-end tests: where the shared data is, running the binary, the
//! expectation files as JSON values, and counting what a run printed.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use peregrine_rules::yaml::{load_all, Node, NodeKind};
use serde_json::Value;

pub fn shared_dir() -> PathBuf {
    match std::env::var_os("PEREGRINE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    }
}

pub fn traces_dir() -> PathBuf {
    shared_dir().join("traces")
}

/// A YAML file as JSON, every scalar a string (numbers and booleans included).
pub fn yaml_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs = load_all(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    docs.first().map(to_json).unwrap_or(Value::Null)
}

fn to_json(n: &Node) -> Value {
    match &n.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Scalar(s) => Value::String(s.clone()),
        NodeKind::Seq(v) => Value::Array(v.iter().map(to_json).collect()),
        NodeKind::Map(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.as_key().unwrap_or_default(), to_json(v)))
                .collect(),
        ),
    }
}

pub fn as_u64(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

pub fn as_str(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// `{rule: count}` of a recorded `alerts` map.
pub fn counts_of(v: &Value) -> BTreeMap<String, u64> {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), as_u64(v).unwrap_or(u64::MAX)))
                .collect()
        })
        .unwrap_or_default()
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Alerts per rule, from the JSON alert lines on stdout.
    pub fn json_alerts(&self) -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        for line in self.stdout.lines().filter(|l| l.starts_with('{')) {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                if let Some(r) = v.get("rule").and_then(Value::as_str) {
                    *m.entry(r.to_string()).or_insert(0) += 1;
                }
            }
        }
        m
    }

    /// Alerts per priority name, from the JSON alert lines on stdout.
    pub fn json_priorities(&self) -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        for line in self.stdout.lines().filter(|l| l.starts_with('{')) {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                if let Some(p) = v.get("priority").and_then(Value::as_str) {
                    *m.entry(p.to_string()).or_insert(0) += 1;
                }
            }
        }
        m
    }

    /// `Captured Events: N` of the `-v` statistics.
    pub fn captured_events(&self) -> Option<u64> {
        let i = self.stderr.find("Captured Events: ")?;
        let rest = &self.stderr[i + "Captured Events: ".len()..];
        rest.split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    }

    /// The "Triggered rules by rule name" block of the end-of-run summary.
    pub fn summary_rules(&self) -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        let Some(i) = self.stdout.rfind("Triggered rules by rule name:\n") else {
            return m;
        };
        for line in self.stdout[i..].lines().skip(1) {
            let Some(l) = line.strip_prefix("   ") else {
                break;
            };
            if let Some((name, n)) = l.rsplit_once(": ") {
                m.insert(name.to_string(), n.parse().unwrap_or(u64::MAX));
            }
        }
        m
    }
}

pub fn run_in(dir: &Path, args: &[String]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_peregrine"))
        .args(args)
        .current_dir(dir)
        .env("FALCO_HOSTNAME", "test-falco-hostname")
        .output()
        .expect("run peregrine");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

/// A fresh scratch directory under the system temp dir.
pub fn scratch_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "peregrine-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// The config Falco's expectations were recorded with: the shipped `falco.yaml`
/// (append_output emptied) with `json_output: true`. Syslog is off: the test machine has no
/// `/dev/log` reader and nothing checks it.
pub fn base_config() -> Value {
    serde_json::json!({
        "json_output": true,
        "json_include_output_property": true,
        "json_include_tags_property": true,
        "json_include_message_property": false,
        "json_include_output_fields_property": true,
        "time_format_iso_8601": false,
        "priority": "debug",
        "rule_matching": "first",
        "buffered_outputs": false,
        "log_stderr": true,
        "log_syslog": false,
        "log_level": "info",
        "stdout_output": {"enabled": true},
        "syslog_output": {"enabled": false},
        "file_output": {"enabled": false, "keep_alive": false, "filename": "./events.txt"},
        "program_output": {"enabled": false, "keep_alive": false, "program": "cat > /dev/null"},
        "syscall_event_drops": {
            "threshold": 0.1, "actions": ["log", "alert"], "rate": 0.03333, "max_burst": 1,
            "simulate_drops": false
        },
        "engine": {"kind": "modern_ebpf"},
        "append_output": []
    })
}

/// Maps merged key by key, everything else replaced; a null override changes nothing.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (_, Value::Null) => {}
        (slot, v) => *slot = v.clone(),
    }
}

/// Writes `cfg` (JSON is YAML) into `dir` and returns its path.
pub fn write_config(dir: &Path, cfg: &Value) -> PathBuf {
    let p = dir.join("falco.yaml");
    std::fs::write(&p, serde_json::to_string_pretty(cfg).expect("json")).expect("write config");
    p
}

/// Runs `f` over `items` on a few threads, keeping the results in order.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4);
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let slots: Vec<std::sync::Mutex<&mut Option<R>>> =
        out.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                if let Ok(mut slot) = slots[i].lock() {
                    **slot = Some(r);
                }
            });
        }
    });
    drop(slots);
    out.into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}
