//! `-V FILE...`: validate rules files and exit, with Falco's stdout and exit codes.

use std::io::Write;

use anyhow::anyhow;
use peregrine_rules::describe_as_text;

use crate::load::{self, RulesEngine};
use crate::logger;

/// What `-L`/`-l` asks for alongside `-V`: `None`, all rules, or one rule.
pub type Describe<'a> = Option<Option<&'a str>>;

/// Prints the validation result; `Err` carries what Falco prints after `Error: ` (the summary
/// of an invalid file, or a fatal problem such as an unreadable file).
pub fn run(
    engine: &mut RulesEngine<'_>,
    files: &[String],
    json_output: bool,
    describe: Describe<'_>,
) -> anyhow::Result<()> {
    let contents = load::read_files(files).map_err(|e| anyhow!(e))?;
    logger::info("Validating rules file(s):");
    for f in files {
        logger::info(&format!("   {f}"));
    }
    let v = peregrine_rules::validate(engine, &contents, &load::plugins());
    if let Some(fatal) = &v.fatal {
        return Err(anyhow!("{fatal}"));
    }
    for w in &v.warnings_log {
        // Falco logs the verbose text plus a newline: a blank line follows it.
        logger::warning(&format!("{w}\n"));
    }
    let described = match describe {
        Some(rule) if v.successful => Some(
            engine
                .describe(rule, &load::plugin_fields())
                .map_err(|e| anyhow!(e))?,
        ),
        _ => None,
    };
    let mut stdout = std::io::stdout().lock();
    if json_output {
        let mut j = v.json.clone();
        if let (Some(d), Some(obj)) = (described, j.as_object_mut()) {
            obj.insert("falco_describe_results".into(), d);
        }
        writeln!(stdout, "{}", serde_json::to_string(&j)?)?;
    } else {
        write!(stdout, "{}", v.stdout(false))?;
        if let Some(d) = described {
            writeln!(stdout)?;
            write!(stdout, "{}", describe_as_text(&d))?;
        }
    }
    stdout.flush()?;
    match v.error_text() {
        Some(e) => Err(anyhow!("{e}")),
        None => Ok(()),
    }
}
