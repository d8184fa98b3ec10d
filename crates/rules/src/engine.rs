//! Loading rules files into one collector, compiling after each file, and Falco's `-V` output.

use crate::collector::{Collector, LoadErr, Priority, SourceCheck};
use crate::compiler::{
    split_field_arg, Backend, CompileOutput, CompiledRule, Compiler, SYSCALL_SOURCE,
};
use crate::context::{Contents, Context, ItemType};
use crate::evtcodes::{DefaultEvents, EventTable};
use crate::reader::Reader;
use crate::result::{ErrorCode, LoadResult};
use crate::ruleset::{Ruleset, Selection};
use crate::schema::validate_document;
use crate::version::Version;
use crate::yaml;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A loaded plugin, for `required_plugin_versions` checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedPlugin {
    pub name: String,
    pub version: String,
}

impl LoadedPlugin {
    /// The container plugin version Falco 0.44.1 was measured with.
    pub fn container() -> LoadedPlugin {
        LoadedPlugin {
            name: "container".into(),
            version: "0.7.1".into(),
        }
    }
}

struct Sources<'a, B: Backend> {
    backend: &'a B,
    names: &'a [String],
}

impl<B: Backend> SourceCheck for Sources<'_, B> {
    fn has_source(&self, source: &str) -> bool {
        self.names.iter().any(|s| s == source)
    }
    fn is_valid_lhs_field(&self, _source: &str, field: &str) -> bool {
        if field.contains('(') {
            return match peregrine_filter::parse(&format!("{field} exists")) {
                Ok(expr) => self.backend.compile(&expr).is_ok(),
                Err(_) => false,
            };
        }
        let (name, arg) = split_field_arg(field);
        self.backend.check_field(name, arg).is_ok()
    }
}

/// The rules engine: everything loaded so far and the last successful compile.
pub struct Engine<B: Backend> {
    backend: B,
    events: Box<dyn EventTable>,
    sources: Vec<String>,
    collector: Collector,
    contents: Contents,
    compiled: Option<CompileOutput<B::Filter>>,
    rules: Vec<Arc<CompiledRule<B::Filter>>>,
}

impl<B: Backend> Engine<B> {
    /// An engine with the `syscall` source and peregrine-event's event table.
    pub fn new(backend: B) -> Engine<B> {
        Engine::with_events(backend, Box::new(DefaultEvents))
    }

    pub fn with_events(backend: B, events: Box<dyn EventTable>) -> Engine<B> {
        Engine {
            backend,
            events,
            sources: vec![SYSCALL_SOURCE.to_string()],
            collector: Collector::new(),
            contents: Contents::new(),
            compiled: None,
            rules: Vec::new(),
        }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }
    pub fn collector(&self) -> &Collector {
        &self.collector
    }
    pub fn contents(&self) -> &Contents {
        &self.contents
    }
    pub fn events(&self) -> &dyn EventTable {
        self.events.as_ref()
    }
    /// Compiled lists/macros/rules of the last load (after a successful read).
    pub fn compiled(&self) -> Option<&CompileOutput<B::Filter>> {
        self.compiled.as_ref()
    }

    fn read(&mut self, res: &mut LoadResult, name: &str, content: &str) -> bool {
        let root = Context::root(name);
        let docs = match yaml::load_all(content) {
            Ok(d) => d,
            Err(e) => {
                let msg = e.to_string();
                res.error(
                    ErrorCode::YamlParse,
                    msg,
                    root.child_at(e.mark, ItemType::ValueFor, ""),
                );
                return false;
            }
        };
        res.schema_status = docs.iter().flat_map(validate_document).collect();
        let sources = Sources {
            backend: &self.backend,
            names: &self.sources,
        };
        let reader = Reader {
            sources: &sources,
            root: root.clone(),
        };
        for doc in &docs {
            if doc.is_null() {
                continue;
            }
            let r: Result<(), LoadErr> = (|| {
                if !doc.is_map() && !doc.is_seq() {
                    return Err(LoadErr::new(
                        ErrorCode::YamlValidate,
                        "Rules content is not yaml",
                        &root,
                    ));
                }
                if !doc.is_seq() {
                    return Err(LoadErr::new(
                        ErrorCode::YamlValidate,
                        "Rules content is not yaml array of objects",
                        &root,
                    ));
                }
                for item in doc.seq() {
                    if !item.is_null() {
                        reader.read_item(&mut self.collector, res, item)?;
                    }
                }
                Ok(())
            })();
            if let Err(e) = r {
                res.error(e.code, e.message, e.ctx);
                return false;
            }
        }
        true
    }

    /// Load one rules file on top of everything loaded before, then recompile everything
    /// (as Falco does: each file's result has the diagnostics of the whole set so far). Rules
    /// whose final condition did not change keep their compiled filter.
    pub fn load(&mut self, name: &str, content: &str) -> LoadResult {
        self.contents.insert(name.to_string(), content.to_string());
        let mut res = LoadResult::new(name);
        if self.read(&mut res, name, content) {
            let compiler = Compiler {
                backend: &self.backend,
                events: self.events.as_ref(),
            };
            let out = compiler.compile_reusing(&mut res, &self.collector, &self.rules);
            if let Some(out) = out {
                if res.successful() {
                    self.compiled = Some(out);
                    self.rules.clear();
                    if let Some(c) = self.compiled.as_mut() {
                        for r in std::mem::take(&mut c.rules) {
                            self.rules.push(Arc::new(r));
                        }
                    }
                }
            }
        }
        res
    }

    /// Compiled rules of the last successful load, in load order.
    pub fn rules(&self) -> &[Arc<CompiledRule<B::Filter>>] {
        &self.rules
    }

    /// Falco's plugin requirement check against the loaded plugins.
    pub fn check_plugin_requirements(&self, plugins: &[LoadedPlugin]) -> Result<(), String> {
        for alternatives in &self.collector.required_plugin_versions {
            let mut satisfied = false;
            'alts: for req in alternatives {
                for p in plugins {
                    if p.name == req.name {
                        let Some(rv) = Version::parse(&req.version) else {
                            continue;
                        };
                        let Some(pv) = Version::parse(&p.version) else {
                            return Err(format!(
                                "Plugin '{}' has invalid version string '{}'",
                                p.name, p.version
                            ));
                        };
                        if !pv.compatible_with(&rv) {
                            return Err(format!(
                                "Plugin '{}' version '{}' is not compatible with required plugin version '{}'",
                                p.name, p.version, req.version
                            ));
                        }
                        satisfied = true;
                        break 'alts;
                    }
                }
            }
            if !satisfied {
                let list: Vec<String> = alternatives
                    .iter()
                    .map(|r| format!("{} (>= {})", r.name, r.version))
                    .collect();
                return Err(format!(
                    "Plugin requirement not satisfied, must load one of: {}",
                    list.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The runtime index of the last successful load: rules enabled per their `enabled` key and
    /// `min_priority`, then `selections` applied in order.
    pub fn ruleset(&self, min_priority: Priority, selections: &[Selection]) -> Ruleset<B::Filter> {
        let enabled: Vec<bool> = self
            .rules
            .iter()
            .map(|r| {
                self.collector
                    .rules
                    .get(&r.name)
                    .map(|i| i.enabled)
                    .unwrap_or(true)
            })
            .collect();
        let mut rs = Ruleset::new(self.rules.clone(), &enabled, min_priority);
        rs.apply(selections);
        rs
    }
}

/// What `falco -V` produces for a set of files.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// Per-file results, in order (only the files processed before a fatal stop).
    pub results: Vec<LoadResult>,
    /// `{"falco_load_results": [...]}` (json_output mode stdout).
    pub json: Value,
    /// Text mode stdout (without the final newline Falco's `std::endl` adds).
    pub text: String,
    /// Verbose text of files that loaded with warnings (Falco logs these at WARNING level).
    pub warnings_log: Vec<String>,
    /// A fatal error that stops validation without printing results (plugin requirements).
    pub fatal: Option<String>,
    pub successful: bool,
}

impl Validation {
    /// The exact stdout of `falco -V` in JSON (`json_output: true`) or text mode.
    pub fn stdout(&self, json_mode: bool) -> String {
        if self.fatal.is_some() {
            return String::new();
        }
        if json_mode {
            format!(
                "{}\n",
                serde_json::to_string(&self.json).unwrap_or_default()
            )
        } else {
            format!("{}\n", self.text)
        }
    }
    /// What Falco prints after "Error: " on stderr when validation fails: the fatal message,
    /// or the text summary when some file is invalid.
    pub fn error_text(&self) -> Option<&str> {
        match &self.fatal {
            Some(f) => Some(f),
            None if !self.successful => Some(&self.text),
            None => None,
        }
    }

    /// Falco's exit code for this validation.
    pub fn exit_code(&self) -> i32 {
        if self.fatal.is_some() || !self.successful {
            1
        } else {
            0
        }
    }
}

/// Validate `files` (name, content) in order into `engine`, like `falco -V f1 -V f2 ...`.
pub fn validate<B: Backend>(
    engine: &mut Engine<B>,
    files: &[(String, String)],
    plugins: &[LoadedPlugin],
) -> Validation {
    let mut results = Vec::new();
    let mut summary = String::new();
    let mut warnings_log = Vec::new();
    let mut successful = true;
    for (name, content) in files {
        let res = engine.load(name, content);
        if let Err(e) = engine.check_plugin_requirements(plugins) {
            return Validation {
                results,
                json: json!({ "falco_load_results": [] }),
                text: String::new(),
                warnings_log,
                fatal: Some(e),
                successful: false,
            };
        }
        successful &= res.successful();
        if !summary.is_empty() {
            summary.push('\n');
        }
        if !res.successful() || !res.has_warnings() {
            summary.push_str(&res.as_verbose_text(engine.contents()));
        } else {
            summary.push_str(&format!("{name}: Ok, with warnings"));
            warnings_log.push(res.as_verbose_text(engine.contents()));
        }
        results.push(res);
    }
    let arr: Vec<Value> = results
        .iter()
        .map(|r| r.as_json(engine.contents()))
        .collect();
    Validation {
        results,
        json: json!({ "falco_load_results": arr }),
        text: summary,
        warnings_log,
        fatal: None,
        successful,
    }
}

/// Expand rules paths as Falco does: files as given, directories to their `.yml`/`.yaml`
/// entries in name order.
pub fn expand_rules_paths(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| e.is_file() && has_rules_ext(e))
                .collect();
            entries.sort();
            out.extend(entries);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn has_rules_ext(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("yml") | Some("yaml")
    )
}
