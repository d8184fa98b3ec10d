//! `falco -L` / `-l <rule>`: the JSON description of loaded rules, macros and lists, and its
//! text rendering. Arrays that Falco builds from unordered sets are emitted sorted.

use crate::compiler::{Backend, CompiledRule};
use crate::engine::Engine;
use crate::evtcodes::{event_codes, syscall_codes, EventTable, ASYNCEVENT_E, GENERIC_E, GENERIC_X};
use peregrine_filter::ast::{Expr, Modifier, Operand, Rhs};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// A loaded plugin as far as describing rules needs it: which fields it extracts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginFields {
    pub name: String,
    pub fields: Vec<String>,
}

#[derive(Default)]
struct Details {
    fields: BTreeSet<String>,
    macros: BTreeSet<String>,
    operators: BTreeSet<String>,
    lists: BTreeSet<String>,
}

fn field_name(name: &str, arg: Option<&str>) -> String {
    match arg {
        Some(a) if !a.is_empty() => format!("{name}[{a}]"),
        _ => name.to_string(),
    }
}

fn modifier_str(m: Modifier) -> &'static str {
    match m {
        Modifier::OneOf => "oneof",
        Modifier::AnyOf => "anyof",
        Modifier::AllOf => "allof",
    }
}

/// Falco's filter details resolver over one AST.
fn details_of(
    e: &Expr,
    known_macros: &BTreeSet<String>,
    known_lists: &BTreeSet<String>,
    d: &mut Details,
) {
    fn operand(o: &Operand, d: &mut Details) {
        match o {
            Operand::Field(f) => {
                d.fields.insert(field_name(&f.name, f.arg.as_deref()));
            }
            Operand::Transform { args, .. } | Operand::List(args) => {
                args.iter().for_each(|a| operand(a, d))
            }
            Operand::Literal(_) => {}
        }
    }
    match e {
        Expr::And(c) | Expr::Or(c) => c
            .iter()
            .for_each(|x| details_of(x, known_macros, known_lists, d)),
        Expr::Not(c) => details_of(c, known_macros, known_lists, d),
        Expr::Ident { name, .. } => {
            if known_macros.contains(name) {
                d.macros.insert(name.clone());
            }
        }
        Expr::Check {
            lhs,
            op,
            modifier,
            rhs,
            ..
        } => {
            operand(lhs, d);
            let mut op_s = op.as_str().to_string();
            if let Some(m) = modifier {
                op_s = format!("{op_s} {}", modifier_str(*m));
            }
            d.operators.insert(op_s);
            match rhs {
                Some(Rhs::List(vs)) => {
                    for v in vs {
                        if known_lists.contains(v) {
                            d.lists.insert(v.clone());
                        }
                    }
                }
                Some(Rhs::Operand(o)) => operand(o, d),
                _ => {}
            }
        }
    }
}

fn arr<I: IntoIterator<Item = String>>(it: I) -> Value {
    Value::Array(it.into_iter().map(Value::String).collect())
}

/// Name libsinsp gives the placeholder rows of its event table (the ones [`EventTable::name`]
/// hides); Falco lists it like any other event name.
const PLACEHOLDER_EVENT_NAME: &str = "NA";

/// Syscall codes that libsinsp routes to a dedicated event of another name (32-bit and
/// alias variants, and the tracepoints), with that event's name. Falco lists the event name,
/// never the syscall code's own name.
const SYSCALL_CODE_EVENTS: &[(&str, &str)] = &[
    ("_llseek", "llseek"),
    ("fcntl64", "fcntl"),
    ("getegid32", "getegid"),
    ("geteuid32", "geteuid"),
    ("getgid32", "getgid"),
    ("getresgid32", "getresgid"),
    ("getresuid32", "getresuid"),
    ("getuid32", "getuid"),
    ("pread64", "pread"),
    ("prlimit64", "prlimit"),
    ("pwrite64", "pwrite"),
    ("sendfile64", "sendfile"),
    ("setgid32", "setgid"),
    ("setresgid32", "setresgid"),
    ("setresuid32", "setresuid"),
    ("setuid32", "setuid"),
    ("ugetrlimit", "getrlimit"),
    ("sched_process_exit", "procexit"),
    ("sched_switch", "switch"),
    ("page_fault_user", "page_fault"),
    ("page_fault_kernel", "page_fault"),
    ("signal_deliver", "signaldeliver"),
];

/// Syscall codes that stand for no syscall at all (the "unknown" code 0 and an unassigned
/// slot): they have no event and Falco never names them.
const NON_SYSCALL_CODES: &[&str] = &["<unknown>", "na_1"];

/// The `events` of a rule or macro, as Falco builds them: the names of the condition's event
/// codes (generic syscall events excluded: they are named through their syscall codes), plus
/// for each syscall code the name of its dedicated event or, for a generic syscall, its own.
fn event_names(events: &dyn EventTable, ast: &Expr) -> Vec<String> {
    let mut names = BTreeSet::new();
    if let Ok(mut codes) = event_codes(events, ast) {
        codes.insert(ASYNCEVENT_E);
        for c in codes.iter().filter(|c| *c != GENERIC_E && *c != GENERIC_X) {
            if c < events.count() {
                names.insert(events.name(c).unwrap_or(PLACEHOLDER_EVENT_NAME).to_string());
            }
        }
    }
    if let Ok(sc) = syscall_codes(events, ast) {
        let table = events.syscall_names();
        for c in sc.iter() {
            let Some(&n) = table.get(c as usize) else {
                continue;
            };
            if n.is_empty() || NON_SYSCALL_CODES.contains(&n) {
                continue;
            }
            let event = SYSCALL_CODE_EVENTS
                .iter()
                .find(|(code, _)| *code == n)
                .map_or(n, |(_, e)| *e);
            names.insert(event.to_string());
        }
    }
    names.into_iter().collect()
}

impl<B: Backend> Engine<B> {
    fn known(&self) -> (BTreeSet<String>, BTreeSet<String>) {
        let c = self.collector();
        (
            c.macros.iter().map(|m| m.name.clone()).collect(),
            c.lists.iter().map(|l| l.name.clone()).collect(),
        )
    }

    fn describe_rule_json(&self, r: &CompiledRule<B::Filter>, plugins: &[PluginFields]) -> Value {
        let (km, kl) = self.known();
        let Some(info) = self.collector().rules.get(&r.name) else {
            return Value::Null;
        };
        let mut i = Map::new();
        i.insert("capture".into(), r.capture.into());
        i.insert("capture_duration".into(), r.capture_duration.into());
        i.insert("condition".into(), info.cond.clone().into());
        i.insert("description".into(), r.description.clone().into());
        i.insert("enabled".into(), info.enabled.into());
        i.insert("name".into(), r.name.clone().into());
        i.insert("output".into(), info.output.clone().into());
        i.insert("priority".into(), r.priority.name().into());
        i.insert("source".into(), r.source.clone().into());
        i.insert("tags".into(), arr(info.tags.iter().cloned()));

        let mut raw = Details::default();
        if let Ok(ast) = peregrine_filter::parse(&info.cond) {
            details_of(&ast, &km, &kl, &mut raw);
        }
        let mut compiled = Details::default();
        details_of(&r.condition, &km, &kl, &mut compiled);
        let output_fields: Vec<String> = r.output_tokens.iter().map(|t| t.text.clone()).collect();
        let mut exception_names = BTreeSet::new();
        let mut exception_operators = BTreeSet::new();
        for e in &info.exceptions {
            exception_names.insert(e.name.clone());
            if e.comps.is_list {
                for c in &e.comps.items {
                    if c.is_list {
                        exception_operators.extend(c.items.iter().map(|x| x.item.clone()));
                    } else {
                        exception_operators.insert(c.item.clone());
                    }
                }
            } else {
                exception_operators.insert(e.comps.item.clone());
            }
        }
        let mut used_fields: BTreeSet<String> = compiled.fields.iter().cloned().collect();
        used_fields.extend(output_fields.iter().cloned());
        let field_names: BTreeSet<&str> = used_fields
            .iter()
            .map(|f| f.split('[').next().unwrap_or(f))
            .collect();
        let used_plugins: Vec<String> = plugins
            .iter()
            .filter(|p| p.fields.iter().any(|f| field_names.contains(f.as_str())))
            .map(|p| p.name.clone())
            .collect();

        let mut d = Map::new();
        d.insert(
            "condition_compiled".into(),
            peregrine_filter::to_string(&r.condition).into(),
        );
        d.insert("condition_fields".into(), arr(compiled.fields));
        d.insert("condition_operators".into(), arr(compiled.operators));
        d.insert(
            "events".into(),
            arr(event_names(self.events(), &r.condition)),
        );
        d.insert(
            "exception_fields".into(),
            arr(r.exception_fields.iter().cloned()),
        );
        d.insert("exception_names".into(), arr(exception_names));
        d.insert("exception_operators".into(), arr(exception_operators));
        d.insert("lists".into(), arr(raw.lists));
        d.insert("macros".into(), arr(raw.macros));
        d.insert("output_compiled".into(), r.output.clone().into());
        d.insert("output_fields".into(), arr(output_fields));
        d.insert("plugins".into(), arr(used_plugins));
        let mut o = Map::new();
        o.insert("details".into(), Value::Object(d));
        o.insert("info".into(), Value::Object(i));
        Value::Object(o)
    }

    /// The `-L` JSON (all rules, macros, lists), or `-l <rule>` when `rule` is given
    /// (`Err` with Falco's message when that rule is not loaded).
    pub fn describe(&self, rule: Option<&str>, plugins: &[PluginFields]) -> Result<Value, String> {
        let Some(out) = self.compiled() else {
            return Err("rules must be loaded before describing them".into());
        };
        if let Some(name) = rule {
            let Some(r) = self.rules().iter().find(|r| r.name == name) else {
                return Err(format!("Rule \"{name}\" is not loaded"));
            };
            let mut o = Map::new();
            o.insert(
                "rules".into(),
                Value::Array(vec![self.describe_rule_json(r, plugins)]),
            );
            return Ok(Value::Object(o));
        }
        let (km, kl) = self.known();
        let col = self.collector();
        let lists: Vec<Value> = out
            .lists
            .iter()
            .map(|l| {
                let raw = col
                    .lists
                    .get(&l.name)
                    .map(|i| i.items.as_ref().clone())
                    .unwrap_or_default();
                let mut items = Vec::new();
                let mut refs = BTreeSet::new();
                for it in raw {
                    if l.items.contains(&it) {
                        items.push(it);
                    } else {
                        refs.insert(it);
                    }
                }
                let mut d = Map::new();
                d.insert("items_compiled".into(), arr(l.items.iter().cloned()));
                d.insert("lists".into(), arr(refs));
                d.insert("plugins".into(), Value::Array(Vec::new()));
                d.insert("used".into(), l.used.into());
                let mut i = Map::new();
                i.insert("items".into(), arr(items));
                i.insert("name".into(), l.name.clone().into());
                let mut o = Map::new();
                o.insert("details".into(), Value::Object(d));
                o.insert("info".into(), Value::Object(i));
                Value::Object(o)
            })
            .collect();
        let macros: Vec<Value> = out
            .macros
            .iter()
            .map(|m| {
                let cond = col
                    .macros
                    .get(&m.name)
                    .map(|i| i.cond.clone())
                    .unwrap_or_default();
                let mut raw = Details::default();
                if let Ok(ast) = peregrine_filter::parse(&cond) {
                    details_of(&ast, &km, &kl, &mut raw);
                }
                let mut compiled = Details::default();
                details_of(&m.condition, &km, &kl, &mut compiled);
                let mut d = Map::new();
                d.insert(
                    "condition_compiled".into(),
                    peregrine_filter::to_string(&m.condition).into(),
                );
                d.insert("condition_fields".into(), arr(compiled.fields));
                d.insert("condition_operators".into(), arr(compiled.operators));
                d.insert(
                    "events".into(),
                    arr(event_names(self.events(), &m.condition)),
                );
                d.insert("lists".into(), arr(raw.lists));
                d.insert("macros".into(), arr(raw.macros));
                d.insert("plugins".into(), Value::Array(Vec::new()));
                d.insert("used".into(), m.used.into());
                let mut i = Map::new();
                i.insert("condition".into(), cond.into());
                i.insert("name".into(), m.name.clone().into());
                let mut o = Map::new();
                o.insert("details".into(), Value::Object(d));
                o.insert("info".into(), Value::Object(i));
                Value::Object(o)
            })
            .collect();
        let rules: Vec<Value> = self
            .rules()
            .iter()
            .map(|r| self.describe_rule_json(r, plugins))
            .collect();
        let plugin_reqs: Vec<Value> = col
            .required_plugin_versions
            .iter()
            .filter_map(|alts| {
                let first = alts.first()?;
                let mut o = Map::new();
                let rest: Vec<Value> = alts[1..]
                    .iter()
                    .map(|a| {
                        let mut x = Map::new();
                        x.insert("name".into(), a.name.clone().into());
                        x.insert("version".into(), a.version.clone().into());
                        Value::Object(x)
                    })
                    .collect();
                o.insert("alternatives".into(), Value::Array(rest));
                o.insert("name".into(), first.name.clone().into());
                o.insert("version".into(), first.version.clone().into());
                Some(Value::Object(o))
            })
            .collect();
        let mut o = Map::new();
        o.insert("lists".into(), Value::Array(lists));
        o.insert("macros".into(), Value::Array(macros));
        o.insert(
            "required_engine_version".into(),
            col.required_engine_version.to_string().into(),
        );
        o.insert("required_plugin_versions".into(), Value::Array(plugin_reqs));
        o.insert("rules".into(), Value::Array(rules));
        Ok(Value::Object(o))
    }
}

/// Falco's `wrap_text`: words re-flowed to `line_len`, continuation lines indented.
fn wrap_text(input: &str, indent: usize, line_len: usize) -> String {
    let mut out = String::new();
    let mut len = 0usize;
    for word in input.split_ascii_whitespace() {
        if len + word.len() < line_len.saturating_sub(indent) {
            len += word.len() + 1;
        } else {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            len = word.len() + 1;
        }
        out.push_str(word);
        out.push(' ');
    }
    out
}

fn two_columns(out: &mut String, l: &str, r: &str) {
    let mut line = format!("{l:<50} {r}");
    // snprintf into a 4096-byte buffer, one byte kept back
    if line.len() > 4094 {
        let mut cut = 4094;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        line.truncate(cut);
    }
    out.push_str(&line);
    out.push('\n');
}

/// The text form of a describe JSON (`-L` without json_output).
pub fn describe_as_text(v: &Value) -> String {
    let mut out = String::new();
    two_columns(&mut out, "Rule", "Description");
    two_columns(&mut out, "----", "-----------");
    if let Some(rules) = v.get("rules").and_then(Value::as_array) {
        for r in rules {
            let desc = r["info"]["description"].as_str().unwrap_or("");
            let name = r["info"]["name"].as_str().unwrap_or("");
            two_columns(&mut out, name, &format!("{}\n", wrap_text(desc, 51, 110)));
        }
    }
    out
}
