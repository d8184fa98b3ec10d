//! Rules benchmarks: load time of rules files, and a capture replayed by the replay command's
//! own loop (`peregrine::replay::run`, as `peregrine -r RULES -e TRACE` runs it), with the
//! load and the replay timed apart.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context};
use peregrine::replay::{Pipeline, RuleProfile};
use peregrine_fields::filter_glue::Catalog;
use peregrine_output::{
    stderr_logger, AlertRenderer, OutputConfig, Outputs, OutputsConfig, SinkConfig, Summary,
};
use peregrine_rules::{Engine, FilterBackend, LoadedPlugin, MatchMode, Priority, Ruleset};

use crate::mem::{mib, rss_kib};
use crate::timing::{self, thousands, Runs, Sample};

/// What loading produced, with its timings.
struct Loaded<'c> {
    engine: Engine<FilterBackend<'c>>,
    read: Sample,
    /// `Engine::load` of each file, in order (each one recompiles everything loaded so far).
    loads: Vec<Sample>,
    warnings: usize,
}

fn load<'c>(catalog: &'c Catalog, files: &[String]) -> anyhow::Result<Loaded<'c>> {
    let mut engine = Engine::new(FilterBackend::new(catalog));
    let (texts, read) = timing::timed(|| {
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).with_context(|| format!("cannot read {f}")))
            .collect::<anyhow::Result<Vec<String>>>()
    });
    let texts = texts?;
    let mut loads = Vec::new();
    let mut warnings = 0;
    for (file, text) in files.iter().zip(&texts) {
        let name = Path::new(file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(file);
        let (res, sample) = timing::timed(|| engine.load(name, text));
        loads.push(sample);
        if !res.successful() {
            bail!(
                "{file} does not load:\n{}",
                res.as_verbose_text(engine.contents())
            );
        }
        warnings += res.warnings.len();
    }
    engine
        .check_plugin_requirements(&[LoadedPlugin::container()])
        .map_err(|e| anyhow::anyhow!(e))?;
    Ok(Loaded {
        engine,
        read,
        loads,
        warnings,
    })
}

pub fn run_load(args: &[String]) -> anyhow::Result<()> {
    if args.is_empty() || args.iter().any(|a| a.starts_with('-')) {
        bail!("usage: peregrine-bench load RULES...");
    }
    let (rss0, _) = rss_kib();
    let catalog = Catalog::new();
    let loaded = load(&catalog, args)?;
    let (ruleset, rs) = timing::timed(|| loaded.engine.ruleset(Priority::Debug, &[]));
    let (rss1, hwm1) = rss_kib();
    let total: f64 = loaded.loads.iter().map(|s| s.wall).sum();
    let cpu: f64 = loaded.loads.iter().map(|s| s.cpu).sum();
    let rs_secs = rs.wall;
    println!("files: {}", args.join(" "));
    println!(
        "read {:.3}s, Engine::load {} (total {total:.3}s, load CPU {cpu:.3}s), ruleset {rs_secs:.3}s; \
         {} rules enabled of {}, {} warnings",
        loaded.read.wall,
        secs_list(&loaded.loads),
        ruleset.enabled_count(),
        ruleset.rules().len(),
        loaded.warnings
    );
    println!(
        "memory: RSS before {:.1} MiB, after load {:.1} MiB (+{:.1} MiB held), peak {:.1} MiB",
        mib(rss0),
        mib(rss1),
        mib(rss1.saturating_sub(rss0)),
        mib(hwm1)
    );
    Ok(())
}

fn secs_list(v: &[Sample]) -> String {
    let parts: Vec<String> = v.iter().map(|s| format!("{:.3}s", s.wall)).collect();
    parts.join(" + ")
}

struct ReplayOpts {
    trace: String,
    rules: Vec<String>,
    runs: usize,
    mode: MatchMode,
    outputs: bool,
    /// Time every rule evaluation separately (adds two clock reads per evaluation).
    rule_profile: bool,
}

fn parse(args: &[String]) -> anyhow::Result<ReplayOpts> {
    let mut positional = Vec::new();
    let mut runs = 3;
    let mut mode = MatchMode::First;
    let mut outputs = true;
    let mut rule_profile = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = timing::count(timing::value(&mut it, "--runs")?, "--runs")?,
            "--all-matches" => mode = MatchMode::All,
            "--no-output" => outputs = false,
            "--rule-profile" => rule_profile = true,
            s if !s.starts_with('-') => positional.push(s.to_string()),
            s => bail!("replay: unexpected argument '{s}'"),
        }
    }
    if positional.len() < 2 {
        bail!(
            "usage: peregrine-bench replay TRACE RULES... [--runs N] [--all-matches] [--no-output]"
        );
    }
    let trace = positional.remove(0);
    Ok(ReplayOpts {
        trace,
        rules: positional,
        runs,
        mode,
        outputs,
        rule_profile,
    })
}

#[derive(Default)]
struct Tally {
    events: u64,
    evaluated: u64,
    alerts: BTreeMap<String, u64>,
    /// Per rule: (evaluations, nanoseconds), with `--rule-profile`.
    profile: Vec<(u64, u64)>,
}

/// The replay command's own loop (`peregrine::replay::run`), alerts rendered and written to
/// /dev/null (or not queued at all with `--no-output`).
fn replay(
    opts: &ReplayOpts,
    ruleset: &Ruleset<peregrine_filter::Filter>,
    reqs: &[peregrine_fields::FieldReq],
) -> anyhow::Result<Tally> {
    let mut summary = Summary::new();
    let rules = peregrine::replay::rule_outputs(ruleset, &mut summary)?;
    let renderer = AlertRenderer::new(OutputConfig::default(), "peregrine-bench");
    let sinks = if opts.outputs {
        vec![SinkConfig::File {
            filename: "/dev/null".into(),
            keep_alive: true,
        }]
    } else {
        Vec::new()
    };
    let outputs = Outputs::start(
        &OutputsConfig {
            sinks,
            ..OutputsConfig::default()
        },
        stderr_logger(),
    )?;
    let profile = RuleProfile::new(ruleset.rules().len());
    let pipeline = Pipeline {
        ruleset,
        reqs,
        rules: &rules,
        mode: opts.mode,
        renderer: &renderer,
        outputs: &outputs,
        duration_ns: 0,
        profile: opts.rule_profile.then_some(&profile),
        audit: None,
    };
    let (stats, result) = peregrine::replay::run(&pipeline, &opts.trace, &mut summary, &mut None);
    outputs.shutdown();
    if let Err(e) = result {
        bail!("replay of {} failed: {e:?}", opts.trace);
    }
    let mut tally = Tally {
        events: stats.events,
        evaluated: stats.captured,
        profile: profile.rules.iter().map(|c| c.get()).collect(),
        ..Tally::default()
    };
    for r in ruleset.rules() {
        let n = summary.count_for_rule(&r.name);
        if n > 0 {
            tally.alerts.insert(r.name.clone(), n);
        }
    }
    Ok(tally)
}

fn print_profile(ruleset_names: &[String], profile: &[(u64, u64)]) {
    let total: u64 = profile.iter().map(|p| p.1).sum();
    let mut order: Vec<usize> = (0..profile.len()).filter(|&i| profile[i].0 > 0).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(profile[i].1));
    println!(
        "rule profile (clock around each evaluation; {:.3} s in rule evaluation):",
        total as f64 / 1e9
    );
    println!("| rule | evaluations | total ms | ns/evaluation | share |");
    println!("|---|---|---|---|---|");
    for &i in order.iter().take(20) {
        let (n, ns) = profile[i];
        println!(
            "| {} | {} | {:.1} | {:.0} | {:.1}% |",
            ruleset_names[i],
            thousands(n),
            ns as f64 / 1e6,
            ns as f64 / n as f64,
            100.0 * ns as f64 / total.max(1) as f64
        );
    }
}

/// One load + replay, timed in parts.
struct RunResult {
    load: Sample,
    replay: Sample,
    total: Sample,
    warnings: usize,
    enabled: usize,
    rules: usize,
    field_refs: usize,
    names: Vec<String>,
    tally: Tally,
}

fn run_once(opts: &ReplayOpts) -> anyhow::Result<RunResult> {
    let catalog = Catalog::new();
    let (res, total) = timing::timed(|| -> anyhow::Result<RunResult> {
        let (loaded, load) = timing::timed(|| -> anyhow::Result<_> {
            let loaded = load(&catalog, &opts.rules)?;
            let ruleset = loaded.engine.ruleset(Priority::Debug, &[]);
            Ok((loaded.warnings, ruleset))
        });
        let (warnings, ruleset) = loaded?;
        let reqs = catalog.requests();
        let (tally, replay) = timing::timed(|| replay(opts, &ruleset, &reqs));
        Ok(RunResult {
            load,
            replay,
            total: Sample::default(),
            warnings,
            enabled: ruleset.enabled_count(),
            rules: ruleset.rules().len(),
            field_refs: reqs.len(),
            names: ruleset.rules().iter().map(|r| r.name.clone()).collect(),
            tally: tally?,
        })
    });
    let mut r = res?;
    r.total = total;
    Ok(r)
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let opts = parse(args)?;
    let (mut load_t, mut replay_t, mut total_t) =
        (Runs::default(), Runs::default(), Runs::default());
    let mut last = None;
    for _ in 0..opts.runs {
        let r = run_once(&opts)?;
        load_t.0.push(r.load);
        replay_t.0.push(r.replay);
        total_t.0.push(r.total);
        last = Some(r);
    }
    let Some(RunResult {
        warnings,
        enabled,
        rules,
        field_refs,
        names,
        tally,
        ..
    }) = last
    else {
        bail!("no run");
    };
    let (_, hwm) = rss_kib();
    let (lm, rm, tm) = (load_t.wall(), replay_t.wall(), total_t.wall());
    let (lc, rc) = (load_t.cpu(), replay_t.cpu());
    println!("trace: {}", opts.trace);
    println!("rules: {}", opts.rules.join(" "));
    println!(
        "{enabled} rules enabled of {rules} ({warnings} load warnings, {field_refs} distinct \
         field references); mode {:?}",
        opts.mode
    );
    println!(
        "events {} read, {} evaluated by rules",
        thousands(tally.events),
        thousands(tally.evaluated),
    );
    println!(
        "| load wall s | load CPU s | replay wall s | replay CPU s | load+replay wall s | M events/s (wall) | ns/event (wall) | ns/event (CPU) | load+replay wall s of each run | peak RSS MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {lm:.3} | {lc:.3} | {rm:.3} | {rc:.3} | {tm:.3} | {:.2} | {:.0} | {:.0} | {} | {:.0} |",
        tally.events as f64 / rm / 1e6,
        rm * 1e9 / tally.events as f64,
        rc * 1e9 / tally.events as f64,
        total_t.list(),
        mib(hwm)
    );
    let total_alerts: u64 = tally.alerts.values().sum();
    println!("alerts: {}", thousands(total_alerts));
    for (name, n) in &tally.alerts {
        println!("  {n:>8} {name}");
    }
    if opts.rule_profile {
        let evals: u64 = tally.profile.iter().map(|p| p.0).sum();
        println!(
            "{:.2} candidate rules per evaluated event",
            evals as f64 / tally.evaluated.max(1) as f64
        );
        print_profile(&names, &tally.profile);
    }
    Ok(())
}
