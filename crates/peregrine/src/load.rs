//! Rules files → a loaded engine, the way Falco's `load_rules_files` action does it.

use std::path::Path;

use peregrine_fields::filter_glue::Catalog;
use peregrine_fields::FIELDS;
use peregrine_rules::{Engine, FilterBackend, LoadedPlugin, PluginFields};

use crate::logger;

pub type RulesEngine<'c> = Engine<FilterBackend<'c>>;

pub fn new_engine(catalog: &Catalog) -> RulesEngine<'_> {
    Engine::new(FilterBackend::new(catalog))
}

/// The plugins Falco 0.44.1 was measured with: the container plugin, whose fields
/// (`container.*`, `k8s.*`) peregrine extracts natively.
pub fn plugins() -> Vec<LoadedPlugin> {
    vec![LoadedPlugin::container()]
}

/// What `-L` reports as extracted by the container plugin.
pub fn plugin_fields() -> Vec<PluginFields> {
    let fields = FIELDS
        .iter()
        .map(|f| f.name)
        .filter(|n| is_container_plugin_field(n))
        .map(str::to_string)
        .collect();
    vec![PluginFields {
        name: "container".into(),
        fields,
    }]
}

/// Fields the container plugin provides in Falco (everything else is libsinsp's).
pub fn is_container_plugin_field(name: &str) -> bool {
    name.starts_with("container.")
        || name.starts_with("k8s.")
        || matches!(
            name,
            "proc.is_container_healthcheck"
                | "proc.is_container_liveness_probe"
                | "proc.is_container_readiness_probe"
        )
}

fn is_rules_file(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Falco's rules path expansion: a directory gives its regular `.yml`/`.yaml` files in name
/// order; any other path is kept if it has one of those extensions (a missing file fails
/// later, when it is read).
pub fn expand_paths(paths: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            let mut names: Vec<String> = std::fs::read_dir(path)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|e| e.is_file())
                        .map(|e| e.to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.sort();
            out.extend(names.into_iter().filter(|n| is_rules_file(n)));
        } else if is_rules_file(p) {
            out.push(p.clone());
        }
    }
    out
}

/// Reads every file first, so that an unreadable one stops everything before loading.
pub fn read_files(files: &[String]) -> Result<Vec<(String, String)>, String> {
    files
        .iter()
        .map(|f| {
            std::fs::read(f)
                .map(|b| (f.clone(), String::from_utf8_lossy(&b).into_owned()))
                .map_err(|_| format!("Could not open file {f} for reading"))
        })
        .collect()
}

/// Loads `files` in order into `engine`. The first file that fails stops the load; its
/// verbose result is the error, as Falco reports it.
pub fn load_rules(engine: &mut RulesEngine<'_>, files: &[(String, String)]) -> Result<(), String> {
    logger::info("Loading rules from:");
    let mut err = None;
    for (name, content) in files {
        let res = engine.load(name, content);
        let schema = res.schema_validation().to_string();
        let line = format!("   {name} | schema validation: {schema}");
        if schema == "ok" {
            logger::info(&line);
        } else {
            logger::warning(&line);
        }
        if !res.successful() {
            err = Some(res.as_verbose_text(engine.contents()));
            break;
        }
        if res.has_warnings() {
            logger::warning(&format!("{}\n", res.as_verbose_text(engine.contents())));
        }
    }
    // A missing plugin explains the other errors best, so it wins (as in Falco).
    engine.check_plugin_requirements(&plugins())?;
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
