//! Falco's rules JSON schema, checked the way Falco's validator does it (weak typing over YAML
//! scalars, every problem reported innermost first). Problems are only warnings.

use crate::yaml::{Node, NodeKind};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Array,
    Object,
    Str,
    Bool,
    Int,
}

/// The schema's definitions and the inline property schemas.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Def {
    Root,
    FalcoRule,
    Item,
    Exception,
    Priority,
    OverriddenItem,
    Override,
    RequiredPluginVersion,
    Alternative,
    Str,
    Bool,
    Int,
    Any,
    ArrayOf(&'static Def),
}

const PRIORITIES: [&str; 9] = [
    "EMERGENCY",
    "ALERT",
    "CRITICAL",
    "ERROR",
    "WARNING",
    "NOTICE",
    "INFO",
    "INFORMATIONAL",
    "DEBUG",
];

/// Properties sorted by name: the validator walks them in that order.
const RULE_PROPS: [(&str, Def); 20] = [
    ("append", Def::Bool),
    ("capture", Def::Bool),
    ("capture_duration", Def::Int),
    ("condition", Def::Str),
    ("desc", Def::Str),
    ("enabled", Def::Bool),
    ("exceptions", Def::ArrayOf(&Def::Exception)),
    ("items", Def::ArrayOf(&Def::Item)),
    ("list", Def::Str),
    ("macro", Def::Str),
    ("output", Def::Str),
    ("override", Def::Override),
    ("priority", Def::Priority),
    ("required_engine_version", Def::Str),
    (
        "required_plugin_versions",
        Def::ArrayOf(&Def::RequiredPluginVersion),
    ),
    ("rule", Def::Str),
    ("skip-if-unknown-filter", Def::Bool),
    ("source", Def::Str),
    ("tags", Def::ArrayOf(&Def::Str)),
    ("warn_evttypes", Def::Bool),
];

const EXCEPTION_PROPS: [(&str, Def); 4] = [
    ("comps", Def::Any),
    ("fields", Def::Any),
    ("name", Def::Str),
    ("values", Def::Any),
];

const OVERRIDE_PROPS: [(&str, Def); 12] = [
    ("capture", Def::OverriddenItem),
    ("capture_duration", Def::OverriddenItem),
    ("condition", Def::OverriddenItem),
    ("desc", Def::OverriddenItem),
    ("enabled", Def::OverriddenItem),
    ("exceptions", Def::OverriddenItem),
    ("items", Def::OverriddenItem),
    ("output", Def::OverriddenItem),
    ("priority", Def::OverriddenItem),
    ("skip-if-unknown-filter", Def::OverriddenItem),
    ("tags", Def::OverriddenItem),
    ("warn_evttypes", Def::OverriddenItem),
];

const PLUGIN_PROPS: [(&str, Def); 3] = [
    ("alternatives", Def::ArrayOf(&Def::Alternative)),
    ("name", Def::Str),
    ("version", Def::Str),
];

const ALT_PROPS: [(&str, Def); 2] = [("name", Def::Str), ("version", Def::Str)];

struct Validator {
    errors: Vec<String>,
}

fn key_string(k: &Node) -> String {
    match &k.kind {
        NodeKind::Scalar(s) => s.clone(),
        NodeKind::Null => "null".to_string(),
        _ => String::new(),
    }
}

fn is_string(n: &Node) -> bool {
    n.is_scalar()
}

/// Scalars, and empty collections, may stand for a string under weak typing.
fn maybe_string(n: &Node) -> bool {
    n.is_scalar() || ((n.is_map() || n.is_seq()) && n.is_empty())
}

fn maybe_object(n: &Node) -> bool {
    n.is_map() || (n.is_seq() && n.is_empty())
}

fn maybe_bool(n: &Node) -> bool {
    maybe_string(n) && matches!(n.scalar(), Some("true") | Some("false"))
}

/// A C++ `istream >> int64_t` that must consume everything (leading blanks allowed).
fn maybe_integer(n: &Node) -> bool {
    let Some(s) = n.scalar() else {
        return false;
    };
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) && t.parse::<i64>().is_ok()
}

fn type_ok(ty: Ty, n: &Node) -> bool {
    match ty {
        Ty::Array => n.is_seq(),
        Ty::Object => n.is_map(),
        Ty::Str => is_string(n),
        Ty::Bool => maybe_bool(n),
        Ty::Int => maybe_integer(n),
    }
}

fn path_str(path: &[String]) -> String {
    let mut s = String::from("<root>");
    for p in path {
        s.push('[');
        s.push_str(p);
        s.push(']');
    }
    s
}

impl Validator {
    fn push(&mut self, path: &[String], msg: &str) {
        self.errors
            .push(format!("failed for {}: {}", path_str(path), msg));
    }

    fn check_type(&mut self, ty: Ty, n: &Node, path: &[String]) -> bool {
        if type_ok(ty, n) {
            return true;
        }
        self.push(path, "Value type not permitted by 'type' constraint.");
        false
    }

    fn items(&mut self, item_def: &Def, n: &Node, path: &mut Vec<String>) -> bool {
        if !n.is_seq() {
            return true;
        }
        let mut ok = true;
        for (i, it) in n.seq().iter().enumerate() {
            path.push(i.to_string());
            let v = self.validate(item_def, it, path);
            path.pop();
            if !v {
                self.push(path, &format!("Failed to validate item #{i} in array."));
                ok = false;
            }
        }
        ok
    }

    fn properties(&mut self, props: &[(&str, Def)], n: &Node, path: &mut Vec<String>) -> bool {
        if !maybe_object(n) {
            return true;
        }
        let mut ok = true;
        let mut matched: Vec<&str> = Vec::new();
        for (name, def) in props {
            let Some((_, v)) = n.entries().iter().find(|(k, _)| k.scalar() == Some(name)) else {
                continue;
            };
            matched.push(name);
            path.push(name.to_string());
            let good = self.validate(def, v, path);
            path.pop();
            if !good {
                self.push(
                    path,
                    &format!(
                        "Failed to validate against schema associated with property name '{name}'."
                    ),
                );
                ok = false;
            }
        }
        if matched.len() != n.len() {
            let unwanted = n
                .entries()
                .iter()
                .map(|(k, _)| key_string(k))
                .find(|k| !matched.contains(&k.as_str()))
                .unwrap_or_default();
            self.push(
                path,
                &format!(
                    "Object contains a property that could not be validated using 'properties' or 'additionalProperties' constraints: '{unwanted}'."
                ),
            );
            return false;
        }
        ok
    }

    fn required(&mut self, names: &[&str], n: &Node, path: &[String]) -> bool {
        if !maybe_object(n) {
            return true;
        }
        let mut ok = true;
        for name in names {
            if !n.entries().iter().any(|(k, _)| k.scalar() == Some(name)) {
                self.push(path, &format!("Missing required property '{name}'."));
                ok = false;
            }
        }
        ok
    }

    fn object(
        &mut self,
        n: &Node,
        path: &mut Vec<String>,
        min_props: Option<usize>,
        props: &[(&str, Def)],
        required: &[&str],
    ) -> bool {
        let mut ok = self.check_type(Ty::Object, n, path);
        if let Some(min) = min_props {
            if maybe_object(n) && n.len() < min {
                self.push(
                    path,
                    &format!("Object should have no fewer than {min} properties."),
                );
                ok = false;
            }
        }
        ok &= self.properties(props, n, path);
        ok &= self.required(required, n, path);
        ok
    }

    fn validate(&mut self, def: &Def, n: &Node, path: &mut Vec<String>) -> bool {
        match def {
            Def::Any => true,
            Def::Str => self.check_type(Ty::Str, n, path),
            Def::Bool => self.check_type(Ty::Bool, n, path),
            Def::Int => self.check_type(Ty::Int, n, path),
            Def::ArrayOf(inner) => {
                let t = self.check_type(Ty::Array, n, path);
                let i = self.items(inner, n, path);
                t && i
            }
            Def::Root => {
                let t = self.check_type(Ty::Array, n, path);
                let i = self.items(&Def::FalcoRule, n, path);
                t && i
            }
            Def::FalcoRule => self.object(n, path, None, &RULE_PROPS, &[]),
            Def::Exception => self.object(n, path, None, &EXCEPTION_PROPS, &["name"]),
            Def::Override => self.object(n, path, Some(1), &OVERRIDE_PROPS, &[]),
            Def::RequiredPluginVersion => {
                self.object(n, path, None, &PLUGIN_PROPS, &["name", "version"])
            }
            Def::Alternative => self.object(n, path, None, &ALT_PROPS, &["name", "version"]),
            Def::Item => {
                if maybe_integer(n) || is_string(n) {
                    return true;
                }
                for _ in 0..2 {
                    self.push(path, "Value type not permitted by 'type' constraint.");
                }
                self.push(
                    path,
                    "Failed to validate against any schemas allowed by anyOf constraint.",
                );
                false
            }
            Def::Priority => {
                let t = self.check_type(Ty::Str, n, path);
                let e = enum_ok(&PRIORITIES, n);
                if !e {
                    self.push(path, "Failed to match against any enum values.");
                }
                t && e
            }
            Def::OverriddenItem => {
                let t = self.check_type(Ty::Str, n, path);
                let e = enum_ok(&["append", "replace"], n);
                if !e {
                    self.push(path, "Failed to match against any enum values.");
                }
                t && e
            }
        }
    }
}

fn enum_ok(values: &[&str], n: &Node) -> bool {
    match n.scalar() {
        Some(s) => values.contains(&s),
        None => false,
    }
}

/// Validate one YAML document: "ok", or one "failed for ..." line per problem.
pub fn validate_document(doc: &Node) -> Vec<String> {
    let mut v = Validator { errors: Vec::new() };
    let mut path = Vec::new();
    if v.validate(&Def::Root, doc, &mut path) {
        vec![crate::result::SCHEMA_OK.to_string()]
    } else {
        v.errors
    }
}
