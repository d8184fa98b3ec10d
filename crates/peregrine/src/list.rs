//! `--list[=syscall]`: the field catalogue, laid out like `falco --list`: one block per field
//! class, then per field its name, (with `-v`) its type, its flags and its description
//! (`peregrine_fields::descriptions`), re-flowed the way libsinsp wraps them.

use std::fmt::Write;

use peregrine_fields::catalog::{
    FieldDef, F_ARG_ALLOWED, F_ARG_INDEX, F_ARG_KEY, F_ARG_REQUIRED, F_FILTER_ONLY, F_IS_LIST,
    F_NO_RHS, F_NO_TRANSFORMER,
};
use peregrine_fields::descriptions::description;
use peregrine_fields::FIELDS;
use serde_json::{json, Map, Value};

use crate::load::is_container_plugin_field;

/// Where the description column starts (libsinsp's right block).
const RIGHT_BLOCK: usize = 30;
/// The line width libsinsp wraps the description column to.
const WIDTH: usize = 120;

/// Deprecated fields Falco accepts in rules but hides from `--list`.
const HIDDEN: &[&str] = &[
    "evt.dir",
    "evt.latency",
    "evt.latency.s",
    "evt.latency.ns",
    "evt.latency.human",
    "evt.wait_latency",
    "evt.outputtime",
];

/// `evt.*` fields that apply to every event source ("All event types").
const GENERIC_EVT: &[&str] = &[
    "evt.num",
    "evt.time",
    "evt.time.s",
    "evt.time.iso8601",
    "evt.datetime",
    "evt.datetime.s",
    "evt.rawtime",
    "evt.rawtime.s",
    "evt.rawtime.ns",
    "evt.reltime",
    "evt.reltime.s",
    "evt.reltime.ns",
    "evt.pluginname",
    "evt.plugininfo",
    "evt.source",
    "evt.is_async",
    "evt.asynctype",
    "evt.hostname",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Markdown,
    Json,
}

impl ListFormat {
    pub fn parse(s: Option<&str>, markdown: bool) -> ListFormat {
        match s.map(str::to_ascii_lowercase).as_deref() {
            Some("json") => ListFormat::Json,
            Some("markdown") => ListFormat::Markdown,
            Some(_) => ListFormat::Text,
            None if markdown => ListFormat::Markdown,
            None => ListFormat::Text,
        }
    }
}

/// A field class as libsinsp describes it. The title `--list` prints is the name followed by
/// the class's short description in parentheses, if it has one; markdown shows the bare name.
struct ClassInfo {
    name: &'static str,
    desc: &'static str,
}

/// The classes of [`field_class`], keyed by the title `--list` prints.
const CLASSES: &[(&str, ClassInfo)] = &[
    (
        "evt (All event types)",
        ClassInfo {
            name: "evt",
            desc: "Fields that every event has, whatever its source.",
        },
    ),
    (
        "evt (Syscall events only)",
        ClassInfo {
            name: "evt",
            desc: "Fields of system call events. The parameters of an event can also be read \
                   one by one with evt.arg and evt.rawarg, e.g. evt.arg.fd.",
        },
    ),
    (
        "process",
        ClassInfo {
            name: "process",
            desc: "The process and the thread that generated the event.",
        },
    ),
    (
        "user",
        ClassInfo {
            name: "user",
            desc: "The user the process that generated the event runs as.",
        },
    ),
    (
        "group",
        ClassInfo {
            name: "group",
            desc: "The group the process that generated the event runs as.",
        },
    ),
    (
        "fd",
        ClassInfo {
            name: "fd",
            desc: "The file descriptor the event uses: a file, a directory, a network or unix \
                   socket, a pipe or another kind of fd.",
        },
    ),
    (
        "fs.path",
        ClassInfo {
            name: "fs.path",
            desc: "The file system paths an event operates on, taken from its parameters.",
        },
    ),
    (
        "fdlist",
        ClassInfo {
            name: "fdlist",
            desc: "The file descriptors of poll events, which operate on a list of them.",
        },
    ),
    (
        "container (plugin)",
        ClassInfo {
            name: "container (plugin)",
            desc: "Container and Kubernetes pod metadata that the container plugin attaches \
                   to the process that generated the event.",
        },
    ),
];

fn class_info(title: &str) -> Option<&'static ClassInfo> {
    CLASSES.iter().find(|(t, _)| *t == title).map(|(_, c)| c)
}

/// The class a field is listed under, as `falco --list` names it.
pub fn field_class(name: &str) -> &'static str {
    if is_container_plugin_field(name) {
        return "container (plugin)";
    }
    match name.split('.').next().unwrap_or("") {
        "evt" if GENERIC_EVT.contains(&name) => "evt (All event types)",
        "evt" | "syscall" => "evt (Syscall events only)",
        "proc" | "thread" => "process",
        "user" => "user",
        "group" => "group",
        "fd" => "fd",
        "fs" => "fs.path",
        "fdlist" => "fdlist",
        _ => "other",
    }
}

/// The fields `--list` shows, in catalogue order.
pub fn listed_fields() -> impl Iterator<Item = &'static FieldDef> {
    FIELDS.iter().filter(|f| !HIDDEN.contains(&f.name))
}

/// The flags Falco prints in parentheses before a field's description, sorted.
pub fn flag_names(flags: u32) -> Vec<&'static str> {
    const NAMES: [(u32, &str); 8] = [
        (F_ARG_ALLOWED, "ARG_ALLOWED"),
        (F_ARG_INDEX, "ARG_INDEX"),
        (F_ARG_KEY, "ARG_KEY"),
        (F_ARG_REQUIRED, "ARG_REQUIRED"),
        (F_IS_LIST, "EPF_IS_LIST"),
        (F_NO_RHS, "EPF_NO_RHS"),
        (F_NO_TRANSFORMER, "EPF_NO_TRANSFORMER"),
        (F_FILTER_ONLY, "FILTER_ONLY"),
    ];
    NAMES
        .iter()
        .filter(|(f, _)| flags & f != 0)
        .map(|(_, n)| *n)
        .collect()
}

/// Field classes in listing order with their fields.
fn classes() -> Vec<(&'static str, Vec<&'static FieldDef>)> {
    let mut out: Vec<(&'static str, Vec<&'static FieldDef>)> = Vec::new();
    for f in listed_fields() {
        let c = field_class(f.name);
        match out.iter_mut().find(|(name, _)| *name == c) {
            Some((_, v)) => v.push(f),
            None => out.push((c, vec![f])),
        }
    }
    out
}

/// libsinsp's word wrap for the description column: each word followed by a space, a new
/// indented line when the next word would pass [`WIDTH`].
fn wrap_into(out: &mut String, text: &str) {
    let mut len = 0;
    for word in text.split_whitespace() {
        let word_len = word.len() + 1;
        if len + word_len <= WIDTH - RIGHT_BLOCK {
            len += word_len;
        } else {
            let _ = write!(out, "\n{:<RIGHT_BLOCK$}", " ");
            len = word_len;
        }
        out.push_str(word);
        out.push(' ');
    }
}

/// What follows a field's name in the text listing: `(Type: ...)` with `-v`, the flags in
/// parentheses, then the description.
fn field_text(f: &FieldDef, verbose: bool) -> String {
    let mut text = String::new();
    if verbose {
        let _ = write!(text, "(Type: {}) ", f.sinsp_type);
    }
    let flags = flag_names(f.flags);
    if !flags.is_empty() {
        let _ = write!(text, "({}) ", flags.join(","));
    }
    text.push_str(description(f.name).unwrap_or(""));
    text
}

fn text_class(out: &mut String, class: &str, fields: &[&FieldDef], verbose: bool) {
    out.push_str("-------------------------------\n");
    let _ = writeln!(out, "{:<RIGHT_BLOCK$}{class}", "Field Class:");
    if let Some(info) = class_info(class).filter(|c| !c.desc.is_empty()) {
        let _ = write!(out, "{:<RIGHT_BLOCK$}", "Description:");
        wrap_into(out, info.desc);
        out.push('\n');
    }
    let _ = writeln!(out, "{:<RIGHT_BLOCK$}syscall ", "Event Sources:");
    out.push('\n');
    for f in fields {
        if f.name.len() > RIGHT_BLOCK {
            let _ = write!(out, "{}\n{:<RIGHT_BLOCK$}", f.name, " ");
        } else {
            let _ = write!(out, "{:<RIGHT_BLOCK$}", f.name);
        }
        wrap_into(out, &field_text(f, verbose));
        out.push('\n');
    }
    out.push('\n');
}

fn markdown_class(out: &mut String, class: &str, fields: &[&FieldDef]) {
    let info = class_info(class);
    let _ = writeln!(out, "## Field Class: {}\n", info.map_or(class, |c| c.name));
    if let Some(info) = info.filter(|c| !c.desc.is_empty()) {
        let _ = writeln!(out, "{}\n", info.desc);
    }
    out.push_str("Event Sources: syscall \n\n");
    out.push_str("Name | Type | Description\n:----|:-----|:-----------\n");
    for f in fields {
        let ty = if f.flags & F_IS_LIST != 0 {
            format!("LIST({})", f.sinsp_type)
        } else {
            f.sinsp_type.to_string()
        };
        let desc = description(f.name).unwrap_or("");
        let _ = writeln!(out, "`{}` | {ty} | {desc}", f.name);
    }
    out.push('\n');
}

fn json_field(f: &FieldDef) -> Value {
    let arg = if f.flags & (F_ARG_REQUIRED | F_ARG_ALLOWED) != 0 {
        let mut types = Vec::new();
        if f.flags & F_ARG_INDEX != 0 {
            types.push("INDEX");
        }
        if f.flags & F_ARG_KEY != 0 {
            types.push("KEY");
        }
        json!({ "required": f.flags & F_ARG_REQUIRED != 0, "type": types })
    } else {
        Value::Null
    };
    let mut m = Map::new();
    m.insert("argument".into(), arg);
    m.insert(
        "desc".into(),
        Value::String(description(f.name).unwrap_or("").into()),
    );
    m.insert("is_list".into(), Value::Bool(f.flags & F_IS_LIST != 0));
    m.insert("name".into(), Value::String(f.name.into()));
    m.insert("type".into(), Value::String(f.sinsp_type.into()));
    Value::Object(m)
}

/// The `--list` output. `source` is the `--list=` value (empty for all sources).
pub fn render(
    source: &str,
    format: ListFormat,
    verbose: bool,
    names_only: bool,
) -> Result<String, String> {
    if !source.is_empty() && source != "syscall" {
        return Err("Value for --list must be a valid source type".into());
    }
    let classes = classes();
    let mut out = String::new();
    if names_only {
        let names: Vec<&str> = classes
            .iter()
            .flat_map(|(_, f)| f.iter().map(|f| f.name))
            .collect();
        if format == ListFormat::Json {
            let v = json!({ "fieldnames": names });
            out = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
            out.push('\n');
        } else {
            for n in names {
                out.push_str(n);
                out.push('\n');
            }
        }
        return Ok(out);
    }
    match format {
        ListFormat::Text => {
            for (c, fields) in &classes {
                text_class(&mut out, c, fields, verbose);
            }
        }
        ListFormat::Markdown => {
            for (c, fields) in &classes {
                markdown_class(&mut out, c, fields);
            }
        }
        ListFormat::Json => {
            let arr: Vec<Value> = classes
                .iter()
                .map(|(c, fields)| {
                    let mut m = Map::new();
                    m.insert("event_sources".into(), json!(["syscall"]));
                    m.insert(
                        "fields".into(),
                        fields.iter().map(|f| json_field(f)).collect(),
                    );
                    m.insert("name".into(), Value::String((*c).into()));
                    Value::Object(m)
                })
                .collect();
            out = serde_json::to_string_pretty(&json!({ "fieldclasses": arr }))
                .map_err(|e| e.to_string())?;
            out.push('\n');
        }
    }
    Ok(out)
}
