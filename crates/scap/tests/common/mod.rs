#![allow(dead_code)]
//! Helpers shared by the integration tests: locating shared/ and reading STATS.yaml.

pub mod build;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn shared_dir() -> PathBuf {
    match std::env::var_os("PEREGRINE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    }
}

pub fn traces_dir() -> PathBuf {
    shared_dir().join("traces")
}

/// The per-trace facts of STATS.yaml that the reader can check.
#[derive(Debug, Default, Clone)]
pub struct TraceStats {
    pub path: String,
    pub gzip: bool,
    pub scap_version: String,
    pub blocks: BTreeMap<String, u64>,
    pub event_blocks: u64,
    pub sysdig_readable: bool,
    pub sysdig_events_printed: u64,
    pub event_type_numbers: Vec<String>,
}

/// Minimal reader for the fixed shape of STATS.yaml (two-space indentation, no flow style).
pub fn load_stats() -> Vec<TraceStats> {
    let text = std::fs::read_to_string(traces_dir().join("STATS.yaml")).expect("read STATS.yaml");
    let mut out: Vec<TraceStats> = Vec::new();
    let mut section = String::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if indent == 0 {
            let name = t.trim_end_matches(':').to_string();
            out.push(TraceStats {
                path: name,
                ..Default::default()
            });
            continue;
        }
        let cur = out.last_mut().expect("entry before fields");
        if indent == 2 {
            if let Some(item) = t.strip_prefix("- ") {
                if section == "event_type_numbers" {
                    cur.event_type_numbers.push(item.to_string());
                }
                continue;
            }
            let (k, v) = t.split_once(':').expect("key: value");
            let v = v.trim();
            section = k.to_string();
            match k {
                "gzip_compressed" => cur.gzip = v == "true",
                "scap_version" => cur.scap_version = v.trim_matches('\'').to_string(),
                "event_blocks" => cur.event_blocks = v.parse().expect("event_blocks"),
                "sysdig_0_29_3_readable" => cur.sysdig_readable = v == "true",
                "sysdig_events_printed" => cur.sysdig_events_printed = v.parse().expect("printed"),
                _ => {}
            }
        } else if indent == 4 && section == "blocks" {
            let (k, v) = t.split_once(':').expect("block: count");
            cur.blocks
                .insert(k.to_string(), v.trim().parse().expect("block count"));
        }
    }
    out
}

pub fn trace_path(rel: &str) -> PathBuf {
    traces_dir().join(rel)
}

pub fn all_traces() -> Vec<PathBuf> {
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).expect("read traces dir") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "scap") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&traces_dir(), &mut v);
    v.sort();
    v
}
