//! Command-line entry: `peregrine trace ...` and Falco-style flags.

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  peregrine trace FILE [FILTER] [-p FORMAT] [-n N]   print the events of a .scap file like sysdig -r
";

pub fn main(args: Vec<String>) -> ExitCode {
    let result = match args.first().map(String::as_str) {
        Some("trace") => crate::trace::run(&args[1..]),
        Some("-h") | Some("--help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(anyhow::anyhow!("unknown command or option '{other}'\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::from(1)
        }
    }
}
