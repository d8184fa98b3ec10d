//! `falco.yaml` (the subset peregrine acts on) and `-o key=value` overrides.
//!
//! Reading follows Falco: the file (or, without `-c`, our built-in defaults, which mirror the
//! shipped `falco.yaml`) becomes a tree, every `-o` is applied to that tree in order, and only
//! then are typed settings read, each with the default Falco's code uses when the key is absent.

pub mod tree;

use std::time::Duration;

use peregrine_output::{Priority, SinkConfig};
use peregrine_rules::{MatchMode, Selection};

pub use tree::Node;

/// The defaults used when no `-c` is given: the keys of Falco's shipped `falco.yaml` that
/// peregrine reads. Syslog channels are off: peregrine does not assume a `/dev/log`.
const BUILTIN: &str = "\
rules_files: [/etc/falco/falco_rules.yaml, /etc/falco/falco_rules.local.yaml, /etc/falco/rules.d]
engine:
  kind: modern_ebpf
json_output: false
json_include_output_property: true
json_include_message_property: false
json_include_output_fields_property: true
json_include_tags_property: true
time_format_iso_8601: false
priority: debug
rule_matching: first
buffered_outputs: false
log_stderr: true
log_syslog: false
log_level: info
stdout_output:
  enabled: true
syslog_output:
  enabled: false
file_output:
  enabled: false
  keep_alive: false
  filename: ./events.txt
program_output:
  enabled: false
  keep_alive: false
  program: \"jq '{text: .output}' | curl -d @- -X POST https://hooks.slack.com/services/XXX\"
http_output:
  enabled: false
syscall_event_drops:
  threshold: .1
  actions: [log, alert]
  rate: .03333
  max_burst: 1
  simulate_drops: false
";

/// What to do when the drop monitor sees dropped events (`syscall_event_drops.actions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DropAction {
    Ignore,
    Log,
    Alert,
    Exit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DropConfig {
    /// Sorted and deduplicated, as Falco keeps them in a set.
    pub actions: Vec<DropAction>,
    pub threshold: f64,
    pub rate: f64,
    pub max_burst: f64,
    pub simulate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    Kmod,
    ModernEbpf,
    Replay,
    NoDriver,
}

/// The typed settings peregrine uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub rules_files: Vec<String>,
    pub engine: EngineKind,
    pub capture_file: Option<String>,
    pub json_output: bool,
    pub json_include_output_property: bool,
    pub json_include_tags_property: bool,
    pub json_include_message_property: bool,
    pub json_include_output_fields_property: bool,
    pub time_format_iso_8601: bool,
    pub min_priority: Priority,
    pub rule_matching: MatchMode,
    pub selections: Vec<Selection>,
    pub buffered_outputs: bool,
    /// The enabled `*_output` channels, in Falco's order.
    pub channels: Vec<SinkConfig>,
    /// `outputs_queue.capacity` (0: unbounded).
    pub queue_capacity: usize,
    /// `output_timeout`.
    pub output_timeout: Duration,
    pub drops: DropConfig,
    pub log_stderr: bool,
    /// Most verbose syslog severity logged (`log_level`).
    pub log_level: Priority,
}

/// A configuration document plus the name used in its error messages.
#[derive(Debug, Clone)]
pub struct Config {
    root: Node,
    name: String,
}

impl Config {
    pub fn builtin() -> Config {
        Config {
            root: Node::parse(BUILTIN).unwrap_or_default(),
            name: "built-in defaults".into(),
        }
    }

    /// Reads a config file. Keys it does not set take Falco's code defaults, not ours.
    pub fn from_file(path: &str) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("Cannot read config file ({path}): {e}"))?;
        Config::from_text(&text, path)
    }

    pub fn from_text(text: &str, name: &str) -> Result<Config, String> {
        let root =
            Node::parse(text).map_err(|e| format!("Cannot read config file ({name}): {e}"))?;
        let root = match root {
            Node::Null => Node::Map(Vec::new()),
            r @ Node::Map(_) => r,
            _ => return Err(format!("Cannot read config file ({name}): not a YAML map")),
        };
        Ok(Config {
            root,
            name: name.to_string(),
        })
    }

    pub fn root(&self) -> &Node {
        &self.root
    }

    /// One `-o key=value`: a value in braces is a YAML flow map, anything else a scalar.
    pub fn apply_option(&mut self, opt: &str) -> Result<(), String> {
        let Some((key, value)) = opt.split_once('=') else {
            return Err(format!(
                "Error parsing config option \"{opt}\". Must be of the form key=val or key.subkey=val"
            ));
        };
        let node = if value.starts_with('{') && value.ends_with('}') {
            Node::parse(value)?
        } else {
            Node::Scalar(value.to_string())
        };
        self.root.set(key, node)
    }

    fn err(&self, msg: impl std::fmt::Display) -> String {
        format!("Error reading config file ({}): {msg}", self.name)
    }

    fn scalar(&self, key: &str) -> Result<Option<&str>, String> {
        match self.root.get(key)? {
            None => Ok(None),
            Some(Node::Scalar(s)) => Ok(Some(s)),
            Some(_) => Err(self.err(format!("key '{key}' is not a scalar"))),
        }
    }

    fn string(&self, key: &str, default: &str) -> Result<String, String> {
        Ok(self.scalar(key)?.unwrap_or(default).to_string())
    }

    fn bool(&self, key: &str, default: bool) -> Result<bool, String> {
        match self.scalar(key)? {
            None => Ok(default),
            Some(s) => {
                parse_bool(s).ok_or_else(|| self.err(format!("key '{key}': '{s}' is not a bool")))
            }
        }
    }

    fn f64(&self, key: &str, default: f64) -> Result<f64, String> {
        match self.scalar(key)? {
            None => Ok(default),
            Some(s) => s
                .trim()
                .parse()
                .map_err(|_| self.err(format!("key '{key}': '{s}' is not a number"))),
        }
    }

    /// A sequence of scalars; a lone scalar counts as a one-item sequence.
    fn strings(&self, key: &str) -> Result<Option<Vec<String>>, String> {
        match self.root.get(key)? {
            None => Ok(None),
            Some(Node::Scalar(s)) => Ok(Some(vec![s.clone()])),
            Some(Node::Seq(items)) => items
                .iter()
                .map(|n| {
                    n.scalar()
                        .map(str::to_string)
                        .ok_or_else(|| self.err(format!("key '{key}': items must be scalars")))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(self.err(format!("key '{key}' is not a sequence"))),
        }
    }

    pub fn settings(&self) -> Result<Settings, String> {
        let log_level_s = self.string("log_level", "info")?;
        let log_level = parse_log_level(&log_level_s)
            .ok_or_else(|| format!("Unknown log level {log_level_s}"))?;

        let engine_s = self.string("engine.kind", "kmod")?;
        let engine = match engine_s.as_str() {
            "kmod" => EngineKind::Kmod,
            "modern_ebpf" => EngineKind::ModernEbpf,
            "replay" => EngineKind::Replay,
            "nodriver" => EngineKind::NoDriver,
            other => return Err(self.err(format!("engine.kind '{other}' is not a valid kind."))),
        };
        let capture_file = self
            .scalar("engine.replay.capture_file")?
            .map(str::to_string);
        if engine == EngineKind::Replay && capture_file.as_deref().unwrap_or("").is_empty() {
            return Err(
                self.err("engine.kind is 'replay' but no engine.replay.capture_file specified.")
            );
        }

        let files = self.strings("rules_files")?;
        let old_files = self.strings("rules_file")?;
        if files.is_some() && old_files.is_some() {
            return Err(self.err("both 'rules_files' and 'rules_file' keys set"));
        }
        let rules_files = files.or(old_files).unwrap_or_default();

        let rm = self.string("rule_matching", "first")?;
        let rule_matching = match rm.as_str() {
            "first" => MatchMode::First,
            "all" => MatchMode::All,
            _ => {
                return Err(format!(
                    "Unknown rule matching strategy \"{rm}\"--must be one of first, all"
                ))
            }
        };
        let pr = self.string("priority", "debug")?;
        let min_priority = Priority::parse(&pr).ok_or_else(|| {
            format!(
                "Unknown priority \"{pr}\"--must be one of emergency, alert, critical, error, \
                 warning, notice, informational, debug"
            )
        })?;

        Ok(Settings {
            rules_files,
            engine,
            capture_file,
            json_output: self.bool("json_output", false)?,
            json_include_output_property: self.bool("json_include_output_property", true)?,
            json_include_tags_property: self.bool("json_include_tags_property", true)?,
            json_include_message_property: self.bool("json_include_message_property", false)?,
            json_include_output_fields_property: self
                .bool("json_include_output_fields_property", true)?,
            time_format_iso_8601: self.bool("time_format_iso_8601", false)?,
            min_priority,
            rule_matching,
            selections: self.selections()?,
            buffered_outputs: self.bool("buffered_outputs", false)?,
            channels: self.channels()?,
            queue_capacity: self.f64("outputs_queue.capacity", 0.0)?.max(0.0) as usize,
            output_timeout: Duration::from_millis(
                self.f64("output_timeout", 2000.0)?.max(0.0) as u64
            ),
            drops: self.drops()?,
            log_stderr: self.bool("log_stderr", false)?,
            log_level,
        })
    }

    fn channels(&self) -> Result<Vec<SinkConfig>, String> {
        // Falco's order of construction.
        let mut out = Vec::new();
        if self.bool("file_output.enabled", false)? {
            let filename = self.string("file_output.filename", "")?;
            if filename.is_empty() {
                return Err(self.err("file output enabled but no filename in configuration block"));
            }
            out.push(SinkConfig::File {
                filename: filename.into(),
                keep_alive: self.bool("file_output.keep_alive", false)?,
            });
        }
        if self.bool("stdout_output.enabled", false)? {
            out.push(SinkConfig::Stdout);
        }
        if self.bool("syslog_output.enabled", false)? {
            out.push(SinkConfig::syslog_default());
        }
        if self.bool("program_output.enabled", false)? {
            let program = self.string("program_output.program", "")?;
            if program.is_empty() {
                return Err(
                    self.err("program output enabled but no program in configuration block")
                );
            }
            out.push(SinkConfig::Program {
                program,
                keep_alive: self.bool("program_output.keep_alive", false)?,
            });
        }
        if self.bool("http_output.enabled", false)? {
            let url = self.string("http_output.url", "")?;
            if url.is_empty() {
                return Err(self.err("http output enabled but no url in configuration block"));
            }
            let mut http = SinkConfig::http(url);
            if let SinkConfig::Http { user_agent, .. } = &mut http {
                *user_agent = self.string("http_output.user_agent", "falcosecurity/falco")?;
            }
            out.push(http);
        }
        Ok(out)
    }

    fn drops(&self) -> Result<DropConfig, String> {
        let mut actions: Vec<DropAction> = Vec::new();
        for act in self
            .strings("syscall_event_drops.actions")?
            .unwrap_or_default()
        {
            let a = match act.as_str() {
                "ignore" => DropAction::Ignore,
                "log" => DropAction::Log,
                "alert" => DropAction::Alert,
                "exit" => DropAction::Exit,
                _ => {
                    return Err(self.err(
                        "available actions for syscall event drops are \"ignore\", \"log\", \
                         \"alert\", and \"exit\"",
                    ))
                }
            };
            if matches!(a, DropAction::Log | DropAction::Alert)
                && actions.contains(&DropAction::Ignore)
            {
                return Err(self.err(format!(
                    "syscall event drop action \"{act}\" does not make sense with the \"ignore\" action"
                )));
            }
            actions.push(a);
        }
        if actions.is_empty() {
            actions.push(DropAction::Ignore);
        }
        actions.sort();
        actions.dedup();
        let threshold = self.f64("syscall_event_drops.threshold", 0.1)?;
        if !(0.0..=1.0).contains(&threshold) {
            return Err(
                self.err("syscall event drops threshold must be a double in the range [0, 1]")
            );
        }
        Ok(DropConfig {
            actions,
            threshold,
            rate: self.f64("syscall_event_drops.rate", 0.03333)?,
            max_burst: self.f64("syscall_event_drops.max_burst", 1.0)?,
            simulate: self.bool("syscall_event_drops.simulate_drops", false)?,
        })
    }

    /// The `rules:` list: `{enable|disable: {rule: PATTERN, tag: TAG}}` entries, in order.
    fn selections(&self) -> Result<Vec<Selection>, String> {
        let bad = || self.err("invalid 'rules' entry: expected {enable|disable: {rule|tag: ...}}");
        let items = match self.root.get("rules")? {
            None => return Ok(Vec::new()),
            Some(Node::Seq(items)) => items,
            Some(_) => return Err(bad()),
        };
        let mut out = Vec::new();
        for item in items {
            let (enable, body) = match (item.get("enable")?, item.get("disable")?) {
                (Some(b), _) => (true, b),
                (None, Some(b)) => (false, b),
                _ => return Err(bad()),
            };
            if !matches!(body, Node::Map(_)) {
                return Err(bad());
            }
            let rule = body
                .get("rule")?
                .and_then(Node::scalar)
                .filter(|s| !s.is_empty());
            let tag = body
                .get("tag")?
                .and_then(Node::scalar)
                .filter(|s| !s.is_empty());
            if rule.is_none() && tag.is_none() {
                return Err(bad());
            }
            if let Some(r) = rule {
                out.push(if enable {
                    Selection::EnableRule(r.to_string())
                } else {
                    Selection::DisableRule(r.to_string())
                });
            }
            if let Some(t) = tag {
                out.push(if enable {
                    Selection::EnableTag(t.to_string())
                } else {
                    Selection::DisableTag(t.to_string())
                });
            }
        }
        Ok(out)
    }
}

/// yaml-cpp's boolean spellings.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

fn parse_log_level(s: &str) -> Option<Priority> {
    Some(match s {
        "emergency" => Priority::Emergency,
        "alert" => Priority::Alert,
        "critical" => Priority::Critical,
        "error" => Priority::Error,
        "warning" => Priority::Warning,
        "notice" => Priority::Notice,
        "info" => Priority::Informational,
        "debug" => Priority::Debug,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(opts: &[&str]) -> Result<Settings, String> {
        let mut c = Config::builtin();
        for o in opts {
            c.apply_option(o)?;
        }
        c.settings()
    }

    #[test]
    fn builtin_defaults() {
        let s = with(&[]).unwrap();
        assert_eq!(s.engine, EngineKind::ModernEbpf);
        assert!(!s.json_output);
        assert_eq!(s.rule_matching, MatchMode::First);
        assert_eq!(s.min_priority, Priority::Debug);
        assert_eq!(s.channels, vec![SinkConfig::Stdout]);
        assert_eq!(s.drops.actions, vec![DropAction::Log, DropAction::Alert]);
        assert_eq!(s.rules_files.len(), 3);
    }

    #[test]
    fn overrides() {
        let s = with(&[
            "engine.kind=replay",
            "engine.replay.capture_file=x.scap",
            "json_output=true",
            "rule_matching=all",
            "priority=WARNING",
            "rules[].disable.rule=*",
            "rules[].enable.tag=net",
            "rules[].disable={rule: a, tag: b}",
            "stdout_output.enabled=false",
        ])
        .unwrap();
        assert_eq!(s.engine, EngineKind::Replay);
        assert_eq!(s.capture_file.as_deref(), Some("x.scap"));
        assert!(s.json_output);
        assert_eq!(s.rule_matching, MatchMode::All);
        assert_eq!(s.min_priority, Priority::Warning);
        assert_eq!(
            s.selections,
            vec![
                Selection::DisableRule("*".into()),
                Selection::EnableTag("net".into()),
                Selection::DisableRule("a".into()),
                Selection::DisableTag("b".into()),
            ]
        );
        assert!(s.channels.is_empty());
    }

    #[test]
    fn falco_errors() {
        assert!(with(&["engine.kind=replay"])
            .unwrap_err()
            .contains("engine.kind is 'replay' but no engine.replay.capture_file specified."));
        assert_eq!(
            with(&["rule_matching=some"]).unwrap_err(),
            "Unknown rule matching strategy \"some\"--must be one of first, all"
        );
        assert!(with(&["syscall_event_drops.threshold=1.1"])
            .unwrap_err()
            .ends_with("syscall event drops threshold must be a double in the range [0, 1]"));
        let mut c = Config::from_text("syscall_event_drops:\n  actions: [ignore, log]\n", "CONFIG")
            .unwrap();
        assert_eq!(
            c.settings().unwrap_err(),
            "Error reading config file (CONFIG): syscall event drop action \"log\" does not \
             make sense with the \"ignore\" action"
        );
        assert!(c.apply_option("novalue").is_err());
        assert!(with(&["json_output=maybe"]).is_err());
    }

    #[test]
    fn file_defaults_are_falco_code_defaults() {
        let s = Config::from_text("json_output: true\n", "f.yaml")
            .unwrap()
            .settings()
            .unwrap();
        assert!(s.channels.is_empty());
        assert_eq!(s.engine, EngineKind::Kmod);
        assert!(!s.log_stderr);
        assert_eq!(s.drops.actions, vec![DropAction::Ignore]);
    }
}
