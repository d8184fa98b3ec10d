//! The steps of a `peregrine` run, in Falco's order: configuration, `--list`, `-V`, rules,
//! `-L`/`-l`, outputs, event processing, summary.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail};
use peregrine_fields::filter_glue::Catalog;
use peregrine_output::{
    hostname, AlertRenderer, LogLevel, Logger, OutputConfig, Outputs, OutputsConfig, Priority,
    Summary,
};
use peregrine_rules::describe_as_text;

use crate::cli::{self, Options};
use crate::config::{Config, EngineKind, Settings};
use crate::drops::DropMonitor;
use crate::list::{self, ListFormat};
use crate::load::{self, RulesEngine};
use crate::logger;
use crate::replay::{self, Pipeline, Stop};
use crate::validate;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The Falco release whose behaviour peregrine reproduces.
pub const FALCO_VERSION: &str = "0.44.1";
pub const ENGINE_VERSION: &str = "0.62.0";

fn load_config(opts: &Options) -> anyhow::Result<Settings> {
    let mut cfg = match &opts.config {
        Some(path) => {
            if std::fs::metadata(path).is_err() {
                bail!("Could not find configuration file at {path}");
            }
            Config::from_file(path).map_err(|e| anyhow!(e))?
        }
        None => Config::builtin(),
    };
    for o in &opts.overrides {
        cfg.apply_option(o).map_err(|e| anyhow!(e))?;
    }
    cfg.settings().map_err(|e| anyhow!(e))
}

pub fn run(opts: &Options) -> anyhow::Result<ExitCode> {
    if opts.help {
        print!("{}", cli::usage());
        return Ok(ExitCode::SUCCESS);
    }
    if opts.version {
        println!("peregrine version: {VERSION}");
        println!("Falco compatibility: {FALCO_VERSION} (rules engine {ENGINE_VERSION})");
        return Ok(ExitCode::SUCCESS);
    }
    let settings = load_config(opts)?;
    logger::configure(
        settings.log_stderr,
        settings.log_level,
        settings.time_format_iso_8601,
    );
    logger::info(&format!(
        "peregrine version: {VERSION} (Falco {FALCO_VERSION} compatible)"
    ));

    if let Some(source) = &opts.list {
        let fmt = ListFormat::parse(opts.list_format.as_deref(), opts.markdown);
        let text =
            list::render(source, fmt, opts.verbose, opts.names_only).map_err(|e| anyhow!(e))?;
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }

    let catalog = Catalog::new();
    let mut engine = load::new_engine(&catalog);
    let describe = if opts.describe_all {
        Some(None)
    } else {
        opts.describe_rule.as_deref().map(Some)
    };

    if !opts.validate.is_empty() {
        validate::run(&mut engine, &opts.validate, settings.json_output, describe)?;
        return Ok(ExitCode::SUCCESS);
    }

    let paths = if opts.rules.is_empty() {
        &settings.rules_files
    } else {
        &opts.rules
    };
    if paths.is_empty() {
        bail!(
            "You must specify at least one rules file/directory via -r or a rules_file entry in falco.yaml"
        );
    }
    let files = load::read_files(&load::expand_paths(paths)).map_err(|e| anyhow!(e))?;
    load::load_rules(&mut engine, &files).map_err(|e| anyhow!(e))?;
    for s in &settings.selections {
        logger::info(&selection_log(s));
    }

    if let Some(rule) = describe {
        let d = engine
            .describe(rule, &load::plugin_fields())
            .map_err(|e| anyhow!(e))?;
        let mut out = std::io::stdout().lock();
        if settings.json_output {
            writeln!(out, "{}", serde_json::to_string(&d)?)?;
        } else {
            write!(out, "{}", describe_as_text(&d))?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if opts.dry_run {
        return Ok(ExitCode::SUCCESS);
    }
    if settings.engine != EngineKind::Replay {
        bail!(
            "live capture is not available in this build: replay a capture file with \
             -o engine.kind=replay -o engine.replay.capture_file=FILE (or -e FILE)"
        );
    }
    let trace = settings.capture_file.clone().unwrap_or_default();
    replay_capture(opts, &settings, &engine, &catalog, &trace)
}

fn selection_log(s: &peregrine_rules::Selection) -> String {
    use peregrine_rules::Selection as S;
    match s {
        S::EnableRule(r) => format!("Enabling rules with name: {r}"),
        S::DisableRule(r) => format!("Disabling rules with name: {r}"),
        S::EnableTag(t) => format!("Enabling rules with tag: {t}"),
        S::DisableTag(t) => format!("Disabling rules with tag: {t}"),
    }
}

fn worker_logger() -> Logger {
    std::sync::Arc::new(|level: LogLevel, msg: &str| {
        let p = match level {
            LogLevel::Critical => Priority::Critical,
            LogLevel::Error => Priority::Error,
            LogLevel::Notice => Priority::Notice,
        };
        logger::log(p, msg);
    })
}

fn replay_capture(
    opts: &Options,
    settings: &Settings,
    engine: &RulesEngine<'_>,
    catalog: &Catalog,
    trace: &str,
) -> anyhow::Result<ExitCode> {
    let min = peregrine_rules::Priority::ALL
        .get(settings.min_priority as usize)
        .copied()
        .unwrap_or(peregrine_rules::Priority::Debug);
    let ruleset = engine.ruleset(min, &settings.selections);
    let reqs = catalog.requests();
    let mut summary = Summary::new();
    let rules = replay::rule_outputs(&ruleset, &mut summary)?;
    let renderer = AlertRenderer::new(
        OutputConfig {
            json_output: settings.json_output,
            json_include_output_property: settings.json_include_output_property,
            json_include_tags_property: settings.json_include_tags_property,
            json_include_message_property: settings.json_include_message_property,
            json_include_output_fields_property: settings.json_include_output_fields_property,
            time_format_iso_8601: settings.time_format_iso_8601,
        },
        hostname(),
    );
    let outputs = Outputs::start(
        &OutputsConfig {
            sinks: settings.channels.clone(),
            buffered: settings.buffered_outputs && !opts.unbuffered,
            queue_capacity: settings.queue_capacity,
            timeout: settings.output_timeout,
            json_output: settings.json_output,
        },
        worker_logger(),
    )
    .map_err(|e| anyhow!("{e}"))?;
    let pipeline = Pipeline {
        ruleset: &ruleset,
        reqs: &reqs,
        rules: &rules,
        mode: settings.rule_matching,
        renderer: &renderer,
        outputs: &outputs,
        duration_ns: opts.duration_secs.saturating_mul(1_000_000_000),
        profile: None,
        audit: None,
    };
    let mut drops = Some(DropMonitor::new(&settings.drops));
    let started = Instant::now();
    let (stats, result) = replay::run(&pipeline, trace, &mut summary, &mut drops);
    let elapsed = started.elapsed().as_secs_f64();
    if opts.verbose {
        let eps = if elapsed > 0.0 {
            stats.captured as f64 / elapsed
        } else {
            0.0
        };
        eprintln!(
            "Elapsed time: {elapsed:.3}, Captured Events: {}, {eps:.2} eps",
            stats.captured
        );
        if let (Some(r), Some(c)) = (stats.reader_cpu, stats.rules_cpu) {
            eprintln!(
                "CPU time: reader thread {:.3} s, rules thread {:.3} s",
                r.as_secs_f64(),
                c.as_secs_f64()
            );
        }
    }
    if let Some(m) = &drops {
        eprint!("{}", m.stats_text());
    }
    // Falco prints the summary after the outputs are flushed, whatever ended the replay.
    let _ = outputs.shutdown();
    let mut out = std::io::stdout().lock();
    out.write_all(summary.render().as_bytes())?;
    out.flush()?;
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Stop::DropExit) => Err(anyhow!("Drop manager internal error")),
        Err(Stop::Read(e)) => Err(anyhow!(e)),
    }
}
