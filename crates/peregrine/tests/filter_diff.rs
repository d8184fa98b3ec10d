//! Differential test of the condition language: the events `peregrine trace T FILTER -p %evt.num`
//! selects must be exactly those Debian's sysdig 0.29.3 selects with the same filter.
//!
//! Filters are a fixed list plus checks generated from the values fields actually take in each
//! trace (as both tools print them), for every operator and field class, and boolean
//! combinations of them; see `filter_diff/cases.rs`. Constructs sysdig 0.29.3 lacks are given
//! to it in an equivalent spelling or documented as not comparable: `filter_diff/exceptions.rs`.
//! Every operator and field class must be seen agreeing on a non-empty selection.
//!
//! The comparison is about conditions, not fields: a mismatching event is excused only when a
//! field the filter reads already differs between the tools at that event (it prints
//! differently, or peregrine's filter sees the placeholder text `<NA>`) and that field is
//! listed in `exceptions::FIELD_VALUES` with the reason; any other mismatch fails. Field
//! values themselves are `tests/sysdig_diff.rs`'s business.
//!
//! sysdig runs once per batch of filters, each the filter of one instance of the
//! `filter_diff/filter_tag.lua` chisel. libsinsp evaluates a chisel's filter after parsing the
//! event, as it does for `-p` output and as Falco evaluates rules. A command-line filter
//! (`sysdig -r T FILTER`) is different: sysdig 0.29.3 evaluates it *before* parsing events
//! that do not modify state, and does not parse the events it rejects, so fields set by an
//! event's own parsing (its fd, `evt.buflen`, `fd.name_changed`) read stale there. A sample of
//! cases is run that way too, and how often it differs from the chisel is reported.
//!
//! `PEREGRINE_FDIFF_TRACE=substr` and `PEREGRINE_FDIFF_CASE=substr` narrow the run;
//! `PEREGRINE_FDIFF_VERBOSE=1` prints the cases and every excused mismatch.

#[path = "filter_diff/cases.rs"]
mod cases;
#[path = "filter_diff/exceptions.rs"]
mod exceptions;
#[path = "filter_diff/values.rs"]
mod values;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use cases::Case;

const TRACES: &[&str] = &[
    "falco/cat_write.scap",
    "falco/connect_localhost.scap",
    "libs/curl_google.scap",
    "libs/test_ipv6_client.scap",
    "sf-collector/client-server/tcp-client-server.scap",
    "sf-collector/namespaces/setns.scap",
    "sysdig-inspect/502Error.scap",
];

/// Event types peregrine prints and sysdig 0.29.3 hides without any filter (a difference of the
/// trace printer, not of conditions): container meta-events.
const HIDDEN_BY_SYSDIG: &[&str] = &["container"];

/// Filters per sysdig run.
const BATCH: usize = 120;

/// One case in this many is also run through sysdig's command-line filter.
const PLAIN_SAMPLE: usize = 25;

fn shared() -> PathBuf {
    std::env::var_os("PEREGRINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn chisel() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/filter_diff/filter_tag.lua")
}

pub struct ToolOutput {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_tool<S: AsRef<std::ffi::OsStr>>(program: &str, args: &[S]) -> ToolOutput {
    let out = Command::new(program)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    ToolOutput {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
    }
}

fn peregrine() -> &'static str {
    env!("CARGO_BIN_EXE_peregrine")
}

fn sysdig_available() -> bool {
    Command::new("sysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn event_numbers(text: &str) -> BTreeSet<u64> {
    text.split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

type Selection = Result<BTreeSet<u64>, String>;

fn rejection(out: &ToolOutput) -> String {
    if out.stderr.is_empty() {
        "exited with an error and no message (crashed?)".to_string()
    } else {
        out.stderr.clone()
    }
}

/// The events `filter` selects, by the tools' command lines; `Err` when the tool rejects it.
fn selected(trace: &Path, tool: &str, filter: &str) -> Selection {
    let t = trace.as_os_str();
    let out = if tool == "sysdig" {
        run_tool(
            "sysdig",
            &[
                "-r".as_ref(),
                t,
                "-p".as_ref(),
                "%evt.num".as_ref(),
                filter.as_ref(),
            ],
        )
    } else {
        run_tool(
            peregrine(),
            &[
                "trace".as_ref(),
                t,
                filter.as_ref(),
                "-p".as_ref(),
                "%evt.num".as_ref(),
            ],
        )
    };
    if out.ok {
        Ok(event_numbers(&out.stdout))
    } else {
        Err(rejection(&out))
    }
}

/// The events each of `filters` selects in sysdig, from one run with one chisel instance per
/// filter. When sysdig rejects any of them, each is run on its own to tell which.
fn sysdig_batch(trace: &Path, filters: &[&str]) -> Vec<Selection> {
    let mut args: Vec<OsString> = vec!["-r".into(), trace.into()];
    for (i, f) in filters.iter().enumerate() {
        // The chisel's argument parser splits on blanks outside backquotes.
        assert!(
            !f.contains('`') && !f.contains('\''),
            "unquotable filter {f}"
        );
        args.push("-c".into());
        args.push(chisel().into());
        args.push(format!("{i} `{f}`").into());
    }
    let out = run_tool("sysdig", &args);
    if !out.ok {
        if filters.len() == 1 {
            return vec![Err(rejection(&out))];
        }
        return filters
            .iter()
            .flat_map(|f| sysdig_batch(trace, &[f]))
            .collect();
    }
    let mut sets = vec![BTreeSet::new(); filters.len()];
    for line in out.stdout.lines() {
        let mut w = line.split_whitespace();
        let (Some(i), Some(n)) = (
            w.next().and_then(|i| i.parse::<usize>().ok()),
            w.next().and_then(|n| n.parse::<u64>().ok()),
        ) else {
            continue;
        };
        if let Some(s) = sets.get_mut(i) {
            s.insert(n);
        }
    }
    sets.into_iter().map(Ok).collect()
}

/// The events `filter` selects in sysdig, evaluated like the batched cases.
fn sysdig_one(trace: &Path, filter: &str) -> Selection {
    sysdig_batch(trace, &[filter]).remove(0)
}

/// Every operator and combinator, for the coverage check.
const OPERATORS: &[&str] = &[
    "=",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "contains",
    "icontains",
    "bcontains",
    "startswith",
    "bstartswith",
    "endswith",
    "glob",
    "iglob",
    "regex",
    "in",
    "intersects",
    "pmatch",
    "exists",
    "and",
    "or",
    "not",
    "oneof",
    "anyof",
    "allof",
];

/// Field classes (a prefix of the field name, or the exact name), for the coverage check.
const FIELD_CLASSES: &[&str] = &[
    "evt.",
    "evt.arg.",
    "evt.arg[",
    "evt.rawarg.",
    "evt.res",
    "evt.rawres",
    "evt.buffer",
    "proc.",
    "proc.aname[",
    "proc.aname",
    "proc.apid",
    "thread.",
    "user.",
    "group.",
    "fd.",
    "fd.typechar",
    "fd.ip",
    "fd.net",
    "fd.cnet",
    "fd.snet",
    "fd.lnet",
    "fd.rnet",
    "fd.cip",
    "fd.sip",
    "fd.port",
    "fd.cport",
    "fd.sport",
];

fn operators_in(cond: &str) -> BTreeSet<&'static str> {
    cond.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ','))
        .filter_map(|w| OPERATORS.iter().find(|op| **op == w).copied())
        .collect()
}

fn classes_in(case: &Case) -> BTreeSet<&'static str> {
    FIELD_CLASSES
        .iter()
        .filter(|c| {
            case.fields
                .iter()
                .any(|f| f == *c || (c.ends_with(['.', '[']) && f.starts_with(**c)))
        })
        .copied()
        .collect()
}

/// A trace with what both tools print unfiltered.
struct Trace {
    name: String,
    path: PathBuf,
    /// Events sysdig prints without a filter: the only ones comparable.
    universe: BTreeSet<u64>,
    /// Sampled field values as each tool prints them.
    theirs: values::Table,
    ours: values::Table,
    /// For the fields listed with [`exceptions::Scope::WhereNaText`]: the events where
    /// peregrine's filter sees the text `<NA>`.
    na_text: BTreeMap<&'static str, BTreeSet<u64>>,
}

fn load_trace(name: &str) -> Trace {
    let path = shared().join("traces").join(name);
    let p = path.as_os_str();
    let theirs = run_tool(
        "sysdig",
        &["-r".as_ref(), p, "-p".as_ref(), "%evt.num".as_ref()],
    );
    assert!(theirs.ok, "sysdig cannot read {name}: {}", theirs.stderr);
    let universe = event_numbers(&theirs.stdout);
    let ours = run_tool(
        peregrine(),
        &[
            "trace".as_ref(),
            p,
            "-p".as_ref(),
            "%evt.num %evt.type".as_ref(),
        ],
    );
    assert!(ours.ok, "peregrine cannot read {name}: {}", ours.stderr);
    let mut printed = BTreeSet::new();
    for line in ours.stdout.lines() {
        let mut w = line.split_whitespace();
        let Some(n) = w.next().and_then(|n| n.parse::<u64>().ok()) else {
            continue;
        };
        let ty = w.next().unwrap_or("");
        printed.insert(n);
        assert!(
            universe.contains(&n) || HIDDEN_BY_SYSDIG.contains(&ty),
            "{name}: peregrine prints event {n} ({ty}) that sysdig does not"
        );
    }
    let missing: Vec<&u64> = universe.difference(&printed).take(5).collect();
    assert!(
        missing.is_empty(),
        "{name}: sysdig prints events peregrine does not: {missing:?}..."
    );
    let mut fields: Vec<&str> = cases::SAMPLED.iter().map(|(f, _)| *f).collect();
    fields.extend(cases::PROXY_ONLY);
    let na_text = exceptions::FIELD_VALUES
        .iter()
        .filter(|x| x.scope == exceptions::Scope::WhereNaText)
        .map(|x| {
            let probe = format!("{} = \"<NA>\"", x.field);
            let events = selected(&path, "peregrine", &probe)
                .unwrap_or_else(|e| panic!("{name}: peregrine rejects {probe}: {e}"));
            (x.field, events)
        })
        .collect();
    Trace {
        name: name.to_string(),
        na_text,
        theirs: values::Table::collect("sysdig", &path, &fields),
        ours: values::Table::collect(peregrine(), &path, &fields),
        path,
        universe,
    }
}

fn cases_for(trace: &Trace) -> Vec<Case> {
    let samples = trace.theirs.samples_shared_with(&trace.ours);
    let atoms = cases::atoms(&samples);
    let broad = cases::broad(&samples);
    let compounds = cases::compounds(&atoms, &broad, atoms.len() / 2);
    let mut all = cases::fixed();
    all.extend(atoms);
    all.extend(compounds);
    let mut seen = BTreeSet::new();
    all.retain(|c| seen.insert(c.ours.clone()));
    all
}

/// The fields a case reads whose printed values differ between the tools at event `num`.
fn differing(trace: &Trace, case: &Case, num: u64) -> BTreeSet<&'static str> {
    case.fields
        .iter()
        .flat_map(|f| cases::proxies(f))
        .filter(|p| trace.theirs.get(num, p) != trace.ours.get(num, p))
        .collect()
}

fn listed(field: &str) -> Option<&'static exceptions::FieldException> {
    exceptions::FIELD_VALUES.iter().find(|x| x.field == field)
}

/// A mismatch not excused: the detail, and the differing fields missing from the list.
type Unexcused = (String, BTreeSet<&'static str>);

/// Why the events a case selects differently are excused: `Ok(fields)` when at every one of
/// them a field the case reads is listed in `FIELD_VALUES` and differs there the way its
/// entry says; `fields` are all the listed fields that do.
fn excuse(trace: &Trace, case: &Case, events: &[u64]) -> Result<BTreeSet<&'static str>, Unexcused> {
    let read: BTreeSet<&str> = case
        .fields
        .iter()
        .map(String::as_str)
        .chain(case.fields.iter().flat_map(|f| cases::proxies(f)))
        .collect();
    let na_text = |e: u64| -> Vec<&'static str> {
        trace
            .na_text
            .iter()
            .filter(|(f, events)| read.contains(*f) && events.contains(&e))
            .map(|(f, _)| *f)
            .collect()
    };
    let mut unexplained = Vec::new();
    let mut unlisted = BTreeSet::new();
    let mut excusing = BTreeSet::new();
    for &e in events {
        let diff = differing(trace, case, e);
        let printed: Vec<&'static str> = diff
            .iter()
            .filter_map(|f| listed(f))
            .filter(|x| x.scope == exceptions::Scope::WherePrintedDiffers)
            .map(|x| x.field)
            .collect();
        let na = na_text(e);
        if !printed.is_empty() || !na.is_empty() {
            excusing.extend(printed);
            excusing.extend(na);
        } else if diff.is_empty() {
            unexplained.push(e);
        } else {
            unlisted.extend(diff);
        }
    }
    if !unexplained.is_empty() {
        let why = format!(
            "{} of them with identical printed values of {:?}: {}",
            unexplained.len(),
            case.fields,
            head(&unexplained)
        );
        return Err((why, BTreeSet::new()));
    }
    match excusing {
        f if unlisted.is_empty() && !f.is_empty() => Ok(f),
        _ => {
            let why = format!(
                "all at events where these fields print differently (not in FIELD_VALUES): \
                 {unlisted:?}"
            );
            Err((why, unlisted))
        }
    }
}

fn head(v: &[u64]) -> String {
    let shown: Vec<String> = v.iter().take(6).map(u64::to_string).collect();
    let more = if v.len() > 6 {
        format!(" (+{})", v.len() - 6)
    } else {
        String::new()
    };
    format!("[{}]{more}", shown.join(" "))
}

enum Job {
    /// sysdig on cases `range` of trace `trace`.
    Sysdig {
        trace: usize,
        range: std::ops::Range<usize>,
    },
    /// peregrine on one case, and sysdig's command line too when `plain`.
    Ours {
        trace: usize,
        case: usize,
        plain: bool,
    },
}

#[derive(Default)]
struct Results {
    theirs: HashMap<(usize, usize), Selection>,
    ours: HashMap<(usize, usize), Selection>,
    plain: HashMap<(usize, usize), Selection>,
}

fn run_jobs(traces: &[Trace], cases: &[Vec<Case>], jobs: &[Job]) -> Results {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Results::default());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    match job {
                        Job::Sysdig { trace, range } => {
                            let filters: Vec<&str> = cases[*trace][range.clone()]
                                .iter()
                                .map(|c| c.theirs.as_str())
                                .collect();
                            let t = &traces[*trace];
                            let sets = sysdig_batch(&t.path, &filters);
                            let mut r = results.lock().unwrap();
                            for (k, set) in range.clone().zip(sets) {
                                // The chisel also sees the internal events sysdig never prints.
                                let set = set.map(|s| {
                                    s.intersection(&t.universe)
                                        .copied()
                                        .collect::<BTreeSet<u64>>()
                                });
                                r.theirs.insert((*trace, k), set);
                            }
                        }
                        Job::Ours { trace, case, plain } => {
                            let t = &traces[*trace];
                            let c = &cases[*trace][*case];
                            let ours = selected(&t.path, "peregrine", &c.ours).map(|s| {
                                s.intersection(&t.universe)
                                    .copied()
                                    .collect::<BTreeSet<u64>>()
                            });
                            let plain = plain.then(|| selected(&t.path, "sysdig", &c.theirs));
                            let mut r = results.lock().unwrap();
                            r.ours.insert((*trace, *case), ours);
                            if let Some(p) = plain {
                                r.plain.insert((*trace, *case), p);
                            }
                        }
                    }
                }
            });
        }
    });
    results.into_inner().unwrap()
}

/// The constructs documented as missing from sysdig 0.29.3 must still be rejected by it, or
/// the exception is stale.
#[test]
fn documented_sysdig_gaps_are_real() {
    if !sysdig_available() {
        panic!("sysdig is not installed: run scripts/setup.sh");
    }
    let trace = shared().join("traces").join(TRACES[0]);
    for (feature, example, _) in exceptions::REWRITES
        .iter()
        .chain(exceptions::NOT_COMPARABLE)
    {
        assert!(
            sysdig_one(&trace, example).is_err(),
            "sysdig accepts {feature} ({example}): the exception is stale"
        );
        assert!(
            selected(&trace, "peregrine", example).is_ok(),
            "peregrine rejects {feature} ({example})"
        );
    }
}

/// sysdig 0.29.3 reads the documented constructs its own way (so cases give it the meaning).
#[test]
fn documented_sysdig_misreadings_are_real() {
    if !sysdig_available() {
        panic!("sysdig is not installed: run scripts/setup.sh");
    }
    let trace = shared().join("traces").join(TRACES[0]);
    for (feature, example, read_as, meaning) in exceptions::MISREAD {
        let theirs = sysdig_one(&trace, example);
        assert_eq!(
            theirs,
            sysdig_one(&trace, read_as),
            "sysdig no longer reads {feature} ({example}) as {read_as}"
        );
        assert_ne!(theirs, sysdig_one(&trace, meaning));
        assert_eq!(
            selected(&trace, "peregrine", example),
            selected(&trace, "peregrine", meaning),
            "peregrine does not read {feature} ({example}) as {meaning}"
        );
    }
}

#[test]
fn filters_match_sysdig() {
    if !sysdig_available() {
        panic!("sysdig is not installed: run scripts/setup.sh");
    }
    let only_trace = std::env::var("PEREGRINE_FDIFF_TRACE").ok();
    let only_case = std::env::var("PEREGRINE_FDIFF_CASE").ok();
    let verbose = std::env::var_os("PEREGRINE_FDIFF_VERBOSE").is_some();

    let traces: Vec<Trace> = TRACES
        .iter()
        .filter(|t| only_trace.as_ref().is_none_or(|o| t.contains(o.as_str())))
        .map(|t| load_trace(t))
        .collect();
    let cases: Vec<Vec<Case>> = traces
        .iter()
        .map(|t| {
            let mut cs = cases_for(t);
            cs.retain(|c| {
                only_case
                    .as_ref()
                    .is_none_or(|o| c.ours.contains(o.as_str()))
            });
            if verbose {
                for c in &cs {
                    eprintln!("case {}: {} | sysdig: {}", t.name, c.ours, c.theirs);
                }
            }
            cs
        })
        .collect();
    // sysdig batches first: they are the longest jobs.
    let mut jobs = Vec::new();
    for (t, cs) in cases.iter().enumerate() {
        for start in (0..cs.len()).step_by(BATCH) {
            jobs.push(Job::Sysdig {
                trace: t,
                range: start..(start + BATCH).min(cs.len()),
            });
        }
    }
    let mut serial = 0usize;
    for (t, cs) in cases.iter().enumerate() {
        for case in 0..cs.len() {
            jobs.push(Job::Ours {
                trace: t,
                case,
                plain: serial.is_multiple_of(PLAIN_SAMPLE),
            });
            serial += 1;
        }
    }
    let results = run_jobs(&traces, &cases, &jobs);

    let mut failures = Vec::new();
    let mut excused: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut excused_cases = 0usize;
    let mut unlisted: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let (mut compared, mut same, mut nonempty) = (0usize, 0usize, 0usize);
    let (mut plain_checked, mut plain_differs) = (0usize, 0usize);
    // (comparisons, identical and selecting events) per operator and per field class
    let mut by_op: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut by_class: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut filters = BTreeSet::new();
    for (ti, cs) in cases.iter().enumerate() {
        let trace = &traces[ti];
        for (ci, case) in cs.iter().enumerate() {
            compared += 1;
            filters.insert(case.ours.as_str());
            let what = if case.ours == case.theirs {
                format!("{}: `{}`", trace.name, case.ours)
            } else {
                format!(
                    "{}: `{}` (sysdig: `{}`)",
                    trace.name, case.ours, case.theirs
                )
            };
            let theirs = &results.theirs[&(ti, ci)];
            if let Some(plain) = results.plain.get(&(ti, ci)) {
                plain_checked += 1;
                if plain != theirs {
                    plain_differs += 1;
                    if verbose {
                        eprintln!("command-line filter differs from the chisel: {what}");
                    }
                }
            }
            let (theirs, ours) = match (theirs, &results.ours[&(ti, ci)]) {
                (Err(e), _) => {
                    failures.push(format!("{what}\n    sysdig rejects it: {e}"));
                    continue;
                }
                (_, Err(e)) => {
                    failures.push(format!("{what}\n    peregrine rejects it: {e}"));
                    continue;
                }
                (Ok(t), Ok(o)) => (t, o),
            };
            let agree = theirs == ours;
            let useful = usize::from(agree && !ours.is_empty());
            for op in operators_in(&case.ours) {
                let e = by_op.entry(op).or_default();
                e.0 += 1;
                e.1 += useful;
            }
            for class in classes_in(case) {
                let e = by_class.entry(class).or_default();
                e.0 += 1;
                e.1 += useful;
            }
            if agree {
                same += 1;
                nonempty += useful;
                continue;
            }
            let only_sysdig: Vec<u64> = theirs.difference(ours).copied().collect();
            let only_ours: Vec<u64> = ours.difference(theirs).copied().collect();
            let detail = format!(
                "{what}\n    only sysdig {} {}, only peregrine {} {}",
                only_sysdig.len(),
                head(&only_sysdig),
                only_ours.len(),
                head(&only_ours)
            );
            let events: Vec<u64> = only_sysdig.iter().chain(&only_ours).copied().collect();
            match excuse(trace, case, &events) {
                Ok(fields) => {
                    excused_cases += 1;
                    if verbose {
                        eprintln!("excused ({fields:?}): {detail}");
                    }
                    for f in fields {
                        *excused.entry((f, trace.name.as_str())).or_default() += 1;
                    }
                }
                Err((why, fields)) => {
                    for f in fields {
                        *unlisted.entry((f, trace.name.as_str())).or_default() += 1;
                    }
                    failures.push(format!("{detail}\n    {why}"));
                }
            }
        }
    }

    eprintln!(
        "filter differential: {} distinct filters, {compared} filter x trace comparisons over \
         {} traces: {same} identical ({nonempty} selecting at least one event), {} excused, \
         {} failing",
        filters.len(),
        traces.len(),
        excused_cases,
        failures.len()
    );
    // Not asserted: sysdig evaluates a command-line filter before parsing an event that does
    // not modify state (and skips parsing the events it rejects), so fields the event's own
    // parsing sets (its fd, buffer length, name changes) differ from what its `-p` output,
    // the chisel and Falco see.
    eprintln!(
        "  sysdig's command-line filter gives other events than the chisel for \
         {plain_differs} of {plain_checked} sampled cases"
    );
    for x in exceptions::FIELD_VALUES {
        let n: usize = excused
            .iter()
            .filter(|((f, _), _)| *f == x.field)
            .map(|(_, n)| n)
            .sum();
        let stale = if n == 0 { " [no longer needed?]" } else { "" };
        eprintln!(
            "  field exception {} ({:?}): explains mismatches of {n} comparisons{stale}: {}",
            x.field, x.scope, x.reason
        );
    }
    for ((f, t), n) in &unlisted {
        eprintln!("  unlisted field difference {f} on {t}: {n} failing comparisons");
    }
    let coverage = |what: &str, names: &[&str], counts: &BTreeMap<&str, (usize, usize)>| {
        let line: Vec<String> = names
            .iter()
            .map(|n| {
                let (all, useful) = counts.get(n).copied().unwrap_or_default();
                format!("{n} {useful}/{all}")
            })
            .collect();
        eprintln!(
            "  {what} (identical and non-empty / compared): {}",
            line.join(", ")
        );
    };
    coverage("operators", OPERATORS, &by_op);
    coverage("field classes", FIELD_CLASSES, &by_class);
    assert!(
        failures.is_empty(),
        "{} comparisons differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    if only_case.is_none() && only_trace.is_none() {
        // Generated filters are meant to select real subsets, not to agree on nothing.
        assert!(
            nonempty * 2 >= same,
            "only {nonempty} of {same} identical results select an event"
        );
        // Every operator and field class must have been seen selecting events, in agreement.
        for (names, counts) in [(OPERATORS, &by_op), (FIELD_CLASSES, &by_class)] {
            for n in names {
                assert!(
                    counts.get(n).is_some_and(|c| c.1 > 0),
                    "no agreeing non-empty comparison exercises {n}"
                );
            }
        }
    }
}
