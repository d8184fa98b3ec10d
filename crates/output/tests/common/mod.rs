//! Test support: locate the shared data, replay a trace as `peregrine -r` does, and read the
//! Falco output examples document.

#![allow(dead_code)]

use std::path::PathBuf;

use peregrine_event::render::RenderOpts;
use peregrine_fields::EvalCtx;
use peregrine_scap::{Block, Folder, Reader, RuleSelector};
use peregrine_state::{Compat, Config as InspectorConfig, Inspector};

pub fn shared() -> PathBuf {
    match std::env::var_os("PEREGRINE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    }
}

/// Replays `trace` (relative to `shared/traces`) the way `peregrine -r` does and calls `f`
/// for every event Falco 0.44 would evaluate rules on. `evt.num` counts every event the
/// converter delivers, as in Falco.
pub fn for_each_rule_event(trace: &str, mut f: impl FnMut(&EvalCtx<'_>)) {
    let path = shared().join("traces").join(trace);
    let mut reader = Reader::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut folder = Folder::new();
    let mut insp = Inspector::with_config(InspectorConfig {
        compat: Compat::Modern,
        ..InspectorConfig::default()
    });
    let (mut num, mut first_ts, mut prev_ts) = (0u64, 0u64, 0u64);
    let mut selector = RuleSelector::new();
    while let Some(block) = reader.next() {
        let block = block.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Block::Event(raw) = block else {
            insp.apply_block(&block);
            continue;
        };
        let folded = folder
            .push(&raw)
            .unwrap_or_else(|e| panic!("{}: event {}: {e}", path.display(), num + 1));
        let Some(ev) = folded.resolve(raw) else {
            continue;
        };
        num += 1;
        if first_ts == 0 {
            first_ts = ev.ts;
        }
        insp.process(&ev);
        let prev = std::mem::replace(&mut prev_ts, ev.ts);
        if !selector.rules_see(&ev) {
            continue;
        }
        let cx = EvalCtx {
            ev: &ev,
            insp: &insp,
            num,
            first_ts,
            prev_ts: prev,
            fd: insp.event_fd(),
            fd_num: insp.event_fd_num(),
            render: &RenderOpts::FALCO,
        };
        f(&cx);
    }
}

/// A rule from one of the document's YAML blocks.
#[derive(Debug, Clone)]
pub struct DocRule {
    pub file: String,
    pub name: String,
    pub condition: String,
    pub output: String,
    pub priority: String,
    pub tags: Vec<String>,
}

/// One `$ falco ...` command of the document and the lines it printed.
#[derive(Debug, Clone)]
pub struct DocRun {
    pub section: String,
    pub env: Vec<(String, String)>,
    pub rules_file: String,
    pub capture: String,
    pub options: Vec<(String, String)>,
    pub expected: Vec<String>,
}

impl DocRun {
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn env(&self, key: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn yaml_scalar(v: &str) -> String {
    let v = v.trim();
    if let Some(inner) = v.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        return inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    v.to_string()
}

/// Reads `falco-0.44-output-examples.md`: its rule files and its commands with their output.
pub fn read_doc() -> (Vec<DocRule>, Vec<DocRun>) {
    let path = shared().join("docs/falco-0.44-output-examples.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut rules = Vec::new();
    let mut runs = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.to_string();
            continue;
        }
        if line == "```yaml" {
            let mut file = String::new();
            let mut cur: Option<DocRule> = None;
            for l in lines.by_ref() {
                if l == "```" {
                    break;
                }
                if let Some(f) = l.strip_prefix("# ") {
                    file = f.trim().to_string();
                } else if let Some(n) = l.strip_prefix("- rule:") {
                    rules.extend(cur.take());
                    cur = Some(DocRule {
                        file: file.clone(),
                        name: yaml_scalar(n),
                        condition: String::new(),
                        output: String::new(),
                        priority: String::new(),
                        tags: Vec::new(),
                    });
                } else if let Some(r) = cur.as_mut() {
                    let l = l.trim();
                    if let Some(v) = l.strip_prefix("condition:") {
                        r.condition = yaml_scalar(v);
                    } else if let Some(v) = l.strip_prefix("output:") {
                        r.output = yaml_scalar(v);
                    } else if let Some(v) = l.strip_prefix("priority:") {
                        r.priority = yaml_scalar(v);
                    } else if let Some(v) = l.strip_prefix("tags:") {
                        let v = v.trim().trim_start_matches('[').trim_end_matches(']');
                        r.tags = v
                            .split(',')
                            .map(|t| t.trim().to_string())
                            .filter(|t| !t.is_empty())
                            .collect();
                    }
                }
            }
            rules.extend(cur.take());
            continue;
        }
        if line == "```" {
            let mut block: Vec<&str> = Vec::new();
            for l in lines.by_ref() {
                if l == "```" {
                    break;
                }
                block.push(l);
            }
            if !block.first().is_some_and(|l| l.starts_with("$ ")) {
                continue;
            }
            let mut cmd = String::new();
            let mut i = 0;
            while i < block.len() {
                let l = block[i].trim_start_matches("$ ").trim();
                i += 1;
                match l.strip_suffix('\\') {
                    Some(head) => {
                        cmd.push_str(head);
                        cmd.push(' ');
                    }
                    None => {
                        cmd.push_str(l);
                        break;
                    }
                }
            }
            let mut run = DocRun {
                section: section.clone(),
                env: Vec::new(),
                rules_file: String::new(),
                capture: String::new(),
                options: Vec::new(),
                expected: block[i..].iter().map(|s| s.to_string()).collect(),
            };
            let mut words = cmd.split_whitespace();
            while let Some(w) = words.next() {
                match w {
                    "-r" => run.rules_file = words.next().unwrap_or_default().to_string(),
                    "-o" => {
                        let kv = words.next().unwrap_or_default();
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        if k == "engine.replay.capture_file" {
                            run.capture = v.trim_start_matches("traces/").to_string();
                        } else {
                            run.options.push((k.to_string(), v.to_string()));
                        }
                    }
                    w if w.contains('=') && !w.starts_with('-') => {
                        let (k, v) = w.split_once('=').unwrap_or((w, ""));
                        run.env.push((k.to_string(), v.to_string()));
                    }
                    _ => {}
                }
            }
            runs.push(run);
        }
    }
    (rules, runs)
}
