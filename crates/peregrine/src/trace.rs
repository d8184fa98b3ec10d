//! `peregrine trace`: the raw events of a capture, printed the way `sysdig -r` prints them.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Context};
use peregrine_event::render::RenderOpts;
use peregrine_fields::filter_glue::{Catalog, ExtractScratch, FilterExtractor};
use peregrine_fields::{format::SYSDIG_DEFAULT, EvalCtx, Format};
use peregrine_filter::{EvalContext, Filter};
use peregrine_scap::{Block, Reader, Writer};
use peregrine_state::{Compat, Config, Inspector};

/// sysdig never shows internal meta events (`procinfo` CPU accounting, `container` metadata):
/// they only feed the state.
fn is_internal(ev: &peregrine_event::Event<'_>) -> bool {
    ev.info()
        .is_some_and(|i| i.category.0 & peregrine_event::Category::INTERNAL != 0)
}

/// First event number the libs of Debian's sysdig 0.29.3 (libs e5c53d64) does not know; it
/// skips such events entirely (they are neither counted nor parsed).
const SYSDIG_0_29_EVENT_MAX: u16 = 336;

struct Opts {
    file: String,
    /// Behave like sysdig 0.29.3 where its older libs differ from ours (see README).
    sysdig_compat: bool,
    filter: Option<String>,
    format: String,
    limit: Option<u64>,
    /// `-w FILE`: write the events that pass the filter (and all metadata) to a new capture.
    write: Option<String>,
}

fn parse(args: &[String]) -> anyhow::Result<Opts> {
    let mut file = None;
    let mut filter_parts = Vec::new();
    let mut format = SYSDIG_DEFAULT.to_string();
    let mut limit = None;
    let mut sysdig_compat = false;
    let mut write = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-p" | "--print" => format = it.next().context("-p needs a format")?.clone(),
            "-n" | "--numevents" => {
                let n = it.next().context("-n needs a number")?;
                limit = Some(
                    n.parse()
                        .with_context(|| format!("-n: '{n}' is not a number"))?,
                );
            }
            "--sysdig-compat" => sysdig_compat = true,
            "-w" | "--write" => write = Some(it.next().context("-w needs a file name")?.clone()),
            s if s.starts_with("-p") && s.len() > 2 => format = s[2..].to_string(),
            s if file.is_none() && !s.starts_with('-') => file = Some(s.to_string()),
            s if !s.starts_with('-') || file.is_some() => filter_parts.push(s.to_string()),
            s => bail!("unknown option '{s}'"),
        }
    }
    let Some(file) = file else {
        bail!("trace: a capture file is required")
    };
    let filter = (!filter_parts.is_empty()).then(|| filter_parts.join(" "));
    Ok(Opts {
        file,
        sysdig_compat,
        filter,
        format,
        limit,
        write,
    })
}

/// Container metadata events at the head of a capture are consumed by libsinsp
/// while it opens the file (its "initial state"), so sysdig never shows or filters them; they
/// still count in `evt.num`.
fn is_initial_state(ev: &peregrine_event::Event<'_>) -> bool {
    use peregrine_event::ppme;
    matches!(
        ev.etype,
        ppme::CONTAINER_E | ppme::CONTAINER_JSON_E | ppme::CONTAINER_JSON_2_E
    )
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let opts = parse(args)?;
    let catalog = Catalog::new();
    let filter = match &opts.filter {
        Some(text) => Some(compile_filter(text, &catalog)?),
        None => None,
    };
    let reqs = catalog.requests();
    let mut fcx = EvalContext::new();
    let mut scratch = ExtractScratch::new();
    let format = Format::parse(&opts.format).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut reader =
        Reader::open(&opts.file).with_context(|| format!("cannot open {}", opts.file))?;
    let compat = if opts.sysdig_compat {
        Compat::Sysdig
    } else {
        Compat::Modern
    };
    let mut insp = Inspector::with_config(Config {
        compat,
        ..Config::default()
    });
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut line = String::with_capacity(512);
    let (mut num, mut first_ts, mut prev_ts, mut shown) = (0u64, 0u64, 0u64, 0u64);
    let mut in_initial_state = true;
    let mut writer = match &opts.write {
        Some(path) => Some(
            Writer::create(path, path.ends_with(".gz"))
                .with_context(|| format!("cannot create {path}"))?,
        ),
        None => None,
    };
    while let Some(block) = reader.next() {
        let block = match block {
            Ok(b) => b,
            Err(e) => {
                out.flush()?;
                bail!("{}: {e}", opts.file);
            }
        };
        let Block::Event(ev) = block else {
            if let Some(w) = writer.as_mut() {
                w.write_block(&block)?;
            }
            insp.apply_block(&block);
            continue;
        };
        if opts.sysdig_compat && ev.etype >= SYSDIG_0_29_EVENT_MAX {
            continue;
        }
        num += 1;
        insp.process(&ev);
        if in_initial_state {
            if is_initial_state(&ev) {
                // Metadata the reader of the copy needs, whatever the filter says.
                if let Some(w) = writer.as_mut() {
                    w.write_event(&ev)?;
                }
                continue;
            }
            in_initial_state = false;
            first_ts = ev.ts;
        }
        let (fd_num, fd) = (insp.event_fd_num(), insp.event_fd());
        let cx = EvalCtx {
            ev: &ev,
            insp: &insp,
            num,
            first_ts,
            prev_ts,
            fd,
            fd_num,
            render: &RenderOpts::SYSDIG,
        };
        if let Some(f) = &filter {
            fcx.next_event();
            let mut ex = FilterExtractor::with_scratch(&cx, &reqs, &mut scratch);
            if !f.eval(&mut fcx, &mut ex) {
                continue;
            }
        }
        if let Some(w) = writer.as_mut() {
            w.write_event(&ev)?;
        } else if !is_internal(&ev) && ev.dump_flags & 1 == 0 {
            line.clear();
            if format.render(&cx, &mut line) {
                line.push('\n');
                out.write_all(line.as_bytes())?;
            }
            // `evt.deltatime` is measured from the previous event shown.
            prev_ts = ev.ts;
        }
        // sysdig's -n counts every event that passes the filter, hidden ones included.
        shown += 1;
        if opts.limit.is_some_and(|l| shown >= l) {
            break;
        }
    }
    out.flush()?;
    if let Some(w) = writer {
        w.finish()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses and compiles a sysdig-style filter; errors name the position in the filter text.
fn compile_filter(text: &str, catalog: &Catalog) -> anyhow::Result<Filter> {
    let ast = peregrine_filter::parse(text)
        .map_err(|e| anyhow::anyhow!("filter error at position {}: {}", e.pos.offset, e.message))?;
    peregrine_filter::compile(&ast, catalog)
        .map_err(|e| anyhow::anyhow!("filter error at position {}: {}", e.pos.offset, e.message))
}
