//! `--list[=syscall]`: the field catalogue, laid out like `falco --list`.
//!
//! Falco prints one block per field class with each field's description; peregrine's
//! catalogue carries names, types and flags but no description text, so the description
//! column holds the flags (and, with `-v`, the type) only.

use std::fmt::Write;

use peregrine_fields::catalog::{
    FieldDef, F_ARG_ALLOWED, F_ARG_INDEX, F_ARG_KEY, F_ARG_REQUIRED, F_FILTER_ONLY, F_IS_LIST,
    F_NO_RHS, F_NO_TRANSFORMER,
};
use peregrine_fields::FIELDS;
use serde_json::{json, Map, Value};

use crate::load::is_container_plugin_field;

/// Where the description column starts (libsinsp's right block).
const RIGHT_BLOCK: usize = 30;

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

fn text_class(out: &mut String, class: &str, fields: &[&FieldDef], verbose: bool) {
    out.push_str("-------------------------------\n");
    let _ = writeln!(out, "{:<RIGHT_BLOCK$}{class}", "Field Class:");
    let _ = writeln!(out, "{:<RIGHT_BLOCK$}syscall ", "Event Sources:");
    out.push('\n');
    for f in fields {
        if f.name.len() > RIGHT_BLOCK {
            let _ = write!(out, "{}\n{:<RIGHT_BLOCK$}", f.name, " ");
        } else {
            let _ = write!(out, "{:<RIGHT_BLOCK$}", f.name);
        }
        let mut desc = String::new();
        if verbose {
            let _ = write!(desc, "(Type: {}) ", f.sinsp_type);
        }
        let flags = flag_names(f.flags);
        if !flags.is_empty() {
            let _ = write!(desc, "({}) ", flags.join(","));
        }
        out.push_str(desc.trim_end());
        out.push('\n');
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
    m.insert("desc".into(), Value::String(String::new()));
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
                let _ = writeln!(out, "## Field Class: {c}\n");
                out.push_str("Name | Type | Description\n:----|:-----|:-----------\n");
                for f in fields {
                    let flags = flag_names(f.flags);
                    let desc = if flags.is_empty() {
                        String::new()
                    } else {
                        format!("({})", flags.join(","))
                    };
                    let _ = writeln!(out, "`{}` | {} | {desc}", f.name, f.sinsp_type);
                }
                out.push('\n');
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
