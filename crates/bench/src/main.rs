//! Benchmarks of the peregrine pipeline, one subcommand per measurement. Every timing is the
//! median of `--runs` runs (default 3) on a release build; see BENCHMARKS.md and
//! scripts/bench-*.sh for the commands that produced the published figures.
//!
//! ```text
//! peregrine-bench stages TRACE [-p FORMAT] [--runs N] [--stage NAME]
//! peregrine-bench replay TRACE RULES... [--runs N] [--all-matches] [--no-output]
//! peregrine-bench load RULES...
//! peregrine-bench count TRACE
//! peregrine-bench gen-lists DIR [--ips N] [--domains N]
//! ```

mod lists;
mod mem;
mod replay;
mod stages;
mod timing;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  peregrine-bench stages TRACE [-p FORMAT] [--runs N] [--stage decode|fold|state|format|fold-state]
      decode / fold / state / format throughput, stage by stage
  peregrine-bench replay TRACE RULES... [--runs N] [--all-matches] [--no-output]
      rules load time, then the trace through fold + state (Falco semantics) + every rule
  peregrine-bench load RULES...
      rules load time and memory (one load; run it under /usr/bin/time for peak RSS)
  peregrine-bench count TRACE
      prints the number of events in TRACE
  peregrine-bench gen-lists DIR [--ips N] [--domains N]
      writes DIR/ip_list_rules.yaml (fd.sip in a list of N addresses, default 1000000) and
      DIR/domain_list_rules.yaml (fd.sip.name in a list of N names, default 100000)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("stages") => stages::run(&args[1..]),
        Some("replay") => replay::run(&args[1..]),
        Some("load") => replay::run_load(&args[1..]),
        Some("gen-lists") => lists::run(&args[1..]),
        Some("count") => stages::count(&args[1..]),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
