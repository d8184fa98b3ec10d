//! Command-line entry: `peregrine trace ...`, and Falco 0.44's flags for everything else.
//!
//! Parsing follows cxxopts as Falco configures it: short flags may be grouped (`-Lv`), a
//! short option's value may be attached (`-rfile`) or the next argument, long options take
//! `--name=value` or `--name value`. Flags Falco removed (`-A`, `-D`, `-T`, `-t`) are rejected
//! with Falco's message; `-e TRACE` is kept as a peregrine alias for
//! `-o engine.kind=replay -o engine.replay.capture_file=TRACE`.

use std::process::ExitCode;

const USAGE: &str = "\
peregrine - Falco-compatible runtime threat detection

Usage:
  peregrine [OPTION...]
  peregrine trace FILE [FILTER] [-p FORMAT] [-n N] [-w OUT.scap] [--sysdig-compat]
                             print (or -w: write) the events of a .scap file like
                             sysdig -r; --sysdig-compat reproduces sysdig 0.29.3 exactly

Options:
  -h, --help                 Print this help list and exit.
  -c <path>                  Configuration file (falco.yaml format). Without it, built-in
                             defaults mirroring Falco's shipped falco.yaml are used.
  -o, --option <opt>=<val>   Set the value of option <opt> to <val>, overriding the
                             configuration file. Dot notation for nested keys, [i] for list
                             items, [] to append (e.g. rules[].disable.rule=x).
  -r <rules_file>            Rules file or directory (.yml/.yaml files, sorted). Repeatable;
                             replaces rules_files from the configuration.
  -e <trace>                 Replay a capture file: an alias for -o engine.kind=replay
                             -o engine.replay.capture_file=<trace>.
  -V, --validate <rules_file>
                             Validate the rules file(s) and exit. Repeatable.
  -L                         Show the name and description of all rules and exit (JSON
                             details with json_output=true).
  -l <rule>                  Show the name and description of one rule and exit.
      --list [<source>]      List all defined fields and exit (source: syscall).
  -N                         With --list, print field names only.
      --format <format>      With --list: text, markdown or json.
  -M <num_seconds>           Stop after <num_seconds> of event time.
  -U, --unbuffered           Turn off output buffering.
      --dry-run              Load configuration and rules, process no events.
  -v                         Verbose output (prints capture statistics at the end).
      --version              Print version information and exit.
";

/// The parsed command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub help: bool,
    pub version: bool,
    pub config: Option<String>,
    /// `-o` values (and the expansion of `-e`), in command-line order.
    pub overrides: Vec<String>,
    pub rules: Vec<String>,
    pub validate: Vec<String>,
    pub describe_all: bool,
    pub describe_rule: Option<String>,
    /// `--list` with its optional source (empty: all sources).
    pub list: Option<String>,
    pub names_only: bool,
    pub list_format: Option<String>,
    pub markdown: bool,
    pub duration_secs: u64,
    pub unbuffered: bool,
    pub dry_run: bool,
    pub verbose: bool,
}

/// Options Falco has but peregrine does not implement.
const UNSUPPORTED_LONG: &[&str] = &[
    "config-schema",
    "rule-schema",
    "disable-source",
    "enable-source",
    "list-events",
    "list-plugins",
    "plugin-info",
    "print",
    "pidfile",
    "support",
    "page-size",
];
const UNSUPPORTED_SHORT: &[char] = &['i', 'p', 'P'];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Flag,
    Value,
    /// `--list`: the value is optional (and only given as `--list=SOURCE`).
    OptionalValue,
}

/// Every option peregrine understands.
#[derive(Clone, Copy)]
enum Opt {
    Help,
    Config,
    Override,
    Rules,
    Trace,
    Validate,
    DescribeAll,
    DescribeRule,
    List,
    NamesOnly,
    Format,
    Markdown,
    Duration,
    Unbuffered,
    DryRun,
    Verbose,
    Version,
}

impl Opt {
    fn long(name: &str) -> Option<Opt> {
        Some(match name {
            "help" => Opt::Help,
            "option" => Opt::Override,
            "validate" => Opt::Validate,
            "unbuffered" => Opt::Unbuffered,
            "list" => Opt::List,
            "format" => Opt::Format,
            "markdown" => Opt::Markdown,
            "dry-run" => Opt::DryRun,
            "version" => Opt::Version,
            _ => return None,
        })
    }

    fn short(c: char) -> Option<Opt> {
        Some(match c {
            'h' => Opt::Help,
            'c' => Opt::Config,
            'o' => Opt::Override,
            'r' => Opt::Rules,
            'e' => Opt::Trace,
            'V' => Opt::Validate,
            'L' => Opt::DescribeAll,
            'l' => Opt::DescribeRule,
            'N' => Opt::NamesOnly,
            'M' => Opt::Duration,
            'U' => Opt::Unbuffered,
            'v' => Opt::Verbose,
            _ => return None,
        })
    }

    fn kind(self) -> Kind {
        match self {
            Opt::Config
            | Opt::Override
            | Opt::Rules
            | Opt::Trace
            | Opt::Validate
            | Opt::DescribeRule
            | Opt::Format
            | Opt::Duration => Kind::Value,
            Opt::List => Kind::OptionalValue,
            _ => Kind::Flag,
        }
    }
}

fn missing(name: &str) -> String {
    format!("Option '{name}' is missing an argument")
}

impl Options {
    fn set(&mut self, opt: Opt, name: &str, value: Option<String>) -> Result<(), String> {
        let v = || value.clone().ok_or_else(|| missing(name));
        match opt {
            Opt::Help => self.help = true,
            Opt::DescribeAll => self.describe_all = true,
            Opt::NamesOnly => self.names_only = true,
            Opt::Unbuffered => self.unbuffered = true,
            Opt::Verbose => self.verbose = true,
            Opt::Markdown => self.markdown = true,
            Opt::DryRun => self.dry_run = true,
            Opt::Version => self.version = true,
            Opt::Config => self.config = Some(v()?),
            Opt::Override => self.overrides.push(v()?),
            Opt::Rules => self.rules.push(v()?),
            Opt::Validate => self.validate.push(v()?),
            Opt::DescribeRule => self.describe_rule = Some(v()?),
            Opt::Format => self.list_format = Some(v()?),
            Opt::List => self.list = Some(value.unwrap_or_default()),
            Opt::Duration => {
                let s = v()?;
                self.duration_secs = s
                    .parse()
                    .map_err(|_| format!("Argument '{s}' failed to parse"))?;
            }
            Opt::Trace => {
                let trace = v()?;
                self.overrides.push("engine.kind=replay".into());
                self.overrides
                    .push(format!("engine.replay.capture_file={trace}"));
            }
        }
        Ok(())
    }

    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options::default();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            i += 1;
            if let Some(long) = a.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (long, None),
                };
                if UNSUPPORTED_LONG.contains(&name) {
                    return Err(format!("Option '{name}' is not supported by peregrine"));
                }
                let Some(opt) = Opt::long(name) else {
                    return Err(format!("Option '{name}' does not exist"));
                };
                let value = match opt.kind() {
                    Kind::Flag => None,
                    Kind::Value => match inline {
                        Some(v) => Some(v),
                        None => {
                            let v = args.get(i).cloned().ok_or_else(|| missing(name))?;
                            i += 1;
                            Some(v)
                        }
                    },
                    Kind::OptionalValue => inline,
                };
                o.set(opt, name, value)?;
                continue;
            }
            let Some(shorts) = a.strip_prefix('-').filter(|s| !s.is_empty()) else {
                return Err(format!("Unexpected argument '{a}'"));
            };
            for (pos, c) in shorts.char_indices() {
                let name = c.to_string();
                if UNSUPPORTED_SHORT.contains(&c) {
                    return Err(format!("Option '{c}' is not supported by peregrine"));
                }
                let Some(opt) = Opt::short(c) else {
                    return Err(format!("Option '{c}' does not exist"));
                };
                match opt.kind() {
                    Kind::Value => {
                        let rest = &shorts[pos + c.len_utf8()..];
                        let value = if !rest.is_empty() {
                            rest.to_string()
                        } else {
                            let v = args.get(i).cloned().ok_or_else(|| missing(&name))?;
                            i += 1;
                            v
                        };
                        o.set(opt, &name, Some(value))?;
                        break;
                    }
                    _ => o.set(opt, &name, None)?,
                }
            }
        }
        if o.markdown && o.list_format.is_some() {
            return Err("Cannot specify both --markdown and --format options together".into());
        }
        if let Some(f) = &o.list_format {
            if !matches!(
                f.to_ascii_lowercase().as_str(),
                "text" | "markdown" | "json"
            ) {
                return Err(format!(
                    "Invalid format '{f}'. Valid values are: text, markdown, json"
                ));
            }
        }
        Ok(o)
    }
}

pub fn usage() -> &'static str {
    USAGE
}

pub fn main(args: Vec<String>) -> ExitCode {
    let result = match args.first().map(String::as_str) {
        Some("trace") => crate::trace::run(&args[1..]),
        None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => match Options::parse(&args) {
            Ok(opts) => crate::app::run(&opts),
            Err(e) => Err(anyhow::anyhow!("{e}")),
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: &[&str]) -> Result<Options, String> {
        Options::parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn falco_flags() {
        let o = p(&[
            "-c",
            "f.yaml",
            "-r",
            "a.yaml",
            "-rb.yaml",
            "-o",
            "json_output=true",
            "--option=x=1",
            "-e",
            "t.scap",
            "-Lv",
            "-V",
            "v.yaml",
            "--validate=w.yaml",
            "-l",
            "R",
            "-M",
            "3",
        ])
        .unwrap();
        assert_eq!(o.config.as_deref(), Some("f.yaml"));
        assert_eq!(o.rules, ["a.yaml", "b.yaml"]);
        assert_eq!(
            o.overrides,
            [
                "json_output=true",
                "x=1",
                "engine.kind=replay",
                "engine.replay.capture_file=t.scap"
            ]
        );
        assert!(o.describe_all && o.verbose);
        assert_eq!(o.validate, ["v.yaml", "w.yaml"]);
        assert_eq!(o.describe_rule.as_deref(), Some("R"));
        assert_eq!(o.duration_secs, 3);
        assert_eq!(p(&["--list"]).unwrap().list.as_deref(), Some(""));
        assert_eq!(
            p(&["--list=syscall"]).unwrap().list.as_deref(),
            Some("syscall")
        );
    }

    #[test]
    fn removed_and_bad_flags() {
        for f in ["-A", "-D", "-T", "-t"] {
            let c = &f[1..];
            assert_eq!(
                p(&[f, "x"]).unwrap_err(),
                format!("Option '{c}' does not exist")
            );
        }
        assert_eq!(p(&["--nope"]).unwrap_err(), "Option 'nope' does not exist");
        assert_eq!(p(&["-r"]).unwrap_err(), "Option 'r' is missing an argument");
        assert!(p(&["--list", "--format", "yaml"]).is_err());
        assert!(p(&["stray"]).is_err());
        assert!(p(&["-i"]).unwrap_err().contains("not supported"));
    }
}
