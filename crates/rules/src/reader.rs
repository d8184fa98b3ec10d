//! Reads the items of a rules document into the collector, validating their structure with
//! Falco's messages and locations.

use crate::collector::{
    Collector, ExEntry, ExceptionInfo, ListInfo, LoadErr, MacroInfo, PluginRequirement, Priority,
    RuleInfo, RuleUpdate, SourceCheck,
};
use crate::context::{Context, ItemType};
use crate::result::{ErrorCode, LoadResult, WarningCode};
use crate::version::Version;
use crate::yaml::{Node, NodeKind};
use std::collections::BTreeSet;

const WARNING_APPEND: &str = "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
const WARNING_ENABLED: &str = "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').";
const ERROR_OVERRIDE_APPEND: &str = "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";

fn yerr(msg: impl Into<String>, ctx: &Context) -> LoadErr {
    LoadErr::new(ErrorCode::YamlValidate, msg, ctx)
}

/// yaml-cpp's `as<std::string>()`: null reads as "null", collections cannot be converted (the
/// resulting exception surfaces as a LOAD_ERR_VALIDATE against the file).
fn as_string(node: &Node, root: &Context) -> Result<String, LoadErr> {
    match &node.kind {
        NodeKind::Scalar(s) => Ok(s.clone()),
        NodeKind::Null => Ok("null".to_string()),
        _ => Err(LoadErr::validate(
            format!(
                "yaml-cpp: error at line {}, column {}: bad conversion",
                node.mark.line + 1,
                node.mark.col + 1
            ),
            root,
        )),
    }
}

fn is_flexible_case(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let lower = s.chars().all(|c| !c.is_ascii_uppercase());
    let upper = s.chars().all(|c| !c.is_ascii_lowercase());
    let mut it = s.chars();
    let cap =
        it.next().is_some_and(|c| !c.is_ascii_lowercase()) && it.all(|c| !c.is_ascii_uppercase());
    lower || upper || cap
}

/// yaml-cpp's bool conversion: y/n, yes/no, true/false, on/off in lower, upper or capitalised case.
pub fn decode_bool(s: &str) -> Option<bool> {
    if !is_flexible_case(s) {
        return None;
    }
    match s.to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "on" => Some(true),
        "n" | "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

/// yaml-cpp's unsigned conversion: a C++ stream read with automatic base (0x.. hex, 0.. octal),
/// no leading blanks or minus, trailing blanks allowed, no overflow.
pub fn decode_u32(s: &str) -> Option<u32> {
    if s.starts_with('-') {
        return None;
    }
    let t = s.trim_end_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let t = t.strip_prefix('+').unwrap_or(t);
    let (digits, radix) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (h, 16)
    } else if t.len() > 1 && t.starts_with('0') {
        (&t[1..], 8)
    } else {
        (t, 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u32::from_str_radix(digits, radix).ok()
}

enum Want {
    Str,
    Bool,
    U32,
}

enum Decoded {
    Str(String),
    Bool(bool),
    U32(u32),
}

/// Falco's `decode_val_generic`: `Ok(None)` when the key is optional and absent, or when empty
/// values are allowed and the value is null/empty.
fn decode_generic(
    item: &Node,
    key: &str,
    want: Want,
    ctx: &Context,
    optional: bool,
    can_be_empty: bool,
) -> Result<Option<Decoded>, LoadErr> {
    let Some(val) = item.get(key) else {
        if optional {
            return Ok(None);
        }
        return Err(yerr(format!("Item has no mapping for key '{key}'"), ctx));
    };
    if val.is_null() {
        if can_be_empty {
            return Ok(None);
        }
        return Err(yerr(format!("Mapping for key '{key}' is empty"), ctx));
    }
    let valctx = || ctx.child(val, ItemType::ValueFor, key);
    let Some(s) = val.scalar() else {
        return Err(yerr("Value is not a scalar value", &valctx()));
    };
    if s.is_empty() {
        if can_be_empty {
            return Ok(None);
        }
        return Err(yerr("Value must be non-empty", &valctx()));
    }
    let d = match want {
        Want::Str => Some(Decoded::Str(s.to_string())),
        Want::Bool => decode_bool(s).map(Decoded::Bool),
        Want::U32 => decode_u32(s).map(Decoded::U32),
    };
    match d {
        Some(d) => Ok(Some(d)),
        None => Err(yerr("Can't decode YAML scalar value", &valctx())),
    }
}

fn req_str(item: &Node, key: &str, ctx: &Context) -> Result<String, LoadErr> {
    match decode_generic(item, key, Want::Str, ctx, false, false)? {
        Some(Decoded::Str(s)) => Ok(s),
        _ => Err(yerr(format!("Item has no mapping for key '{key}'"), ctx)),
    }
}

fn opt_str(item: &Node, key: &str, ctx: &Context) -> Result<Option<String>, LoadErr> {
    match decode_generic(item, key, Want::Str, ctx, true, false)? {
        Some(Decoded::Str(s)) => Ok(Some(s)),
        _ => Ok(None),
    }
}

fn req_bool(item: &Node, key: &str, ctx: &Context) -> Result<bool, LoadErr> {
    match decode_generic(item, key, Want::Bool, ctx, false, false)? {
        Some(Decoded::Bool(b)) => Ok(b),
        _ => Err(yerr(format!("Item has no mapping for key '{key}'"), ctx)),
    }
}

fn opt_bool(item: &Node, key: &str, ctx: &Context) -> Result<Option<bool>, LoadErr> {
    match decode_generic(item, key, Want::Bool, ctx, true, false)? {
        Some(Decoded::Bool(b)) => Ok(Some(b)),
        _ => Ok(None),
    }
}

fn req_u32(item: &Node, key: &str, ctx: &Context) -> Result<u32, LoadErr> {
    match decode_generic(item, key, Want::U32, ctx, false, false)? {
        Some(Decoded::U32(v)) => Ok(v),
        _ => Err(yerr(format!("Item has no mapping for key '{key}'"), ctx)),
    }
}

fn opt_u32(item: &Node, key: &str, ctx: &Context) -> Result<Option<u32>, LoadErr> {
    match decode_generic(item, key, Want::U32, ctx, true, false)? {
        Some(Decoded::U32(v)) => Ok(Some(v)),
        _ => Ok(None),
    }
}

/// `items` / `tags`: a sequence of scalars.
fn decode_seq(
    item: &Node,
    key: &str,
    ctx: &Context,
    optional: bool,
) -> Result<Option<Vec<String>>, LoadErr> {
    let Some(val) = item.get(key) else {
        if optional {
            return Ok(None);
        }
        return Err(yerr(format!("Item has no mapping for key '{key}'"), ctx));
    };
    let valctx = || ctx.child(val, ItemType::ValueFor, key);
    if !val.is_seq() {
        return Err(yerr("Value is not a sequence", &valctx()));
    }
    let mut out = Vec::with_capacity(val.len());
    for v in val.seq() {
        match v.scalar() {
            Some(s) => out.push(s.to_string()),
            None => {
                let ictx = valctx().child(v, ItemType::ListItem, "");
                return Err(yerr("sequence value is not scalar", &ictx));
            }
        }
    }
    Ok(Some(out))
}

fn decode_tags(item: &Node, ctx: &Context) -> Result<BTreeSet<String>, LoadErr> {
    Ok(decode_seq(item, "tags", ctx, true)?
        .unwrap_or_default()
        .into_iter()
        .collect())
}

#[derive(Default)]
struct Overrides {
    append: BTreeSet<String>,
    replace: BTreeSet<String>,
}

fn decode_overrides(
    item: &Node,
    appendable: &[&str],
    replaceable: &[&str],
    ctx: &Context,
    root: &Context,
) -> Result<Overrides, LoadErr> {
    let mut out = Overrides::default();
    let Some(val) = item.get("override") else {
        return Ok(out);
    };
    let overridectx = ctx.child(item, ItemType::Overrides, "");
    if val.is_seq() {
        // yaml-cpp has no keys to read from a sequence iterator
        return Err(LoadErr::validate(
            "invalid node; first invalid key: \"first\"".to_string(),
            root,
        ));
    }
    for (k, v) in val.entries() {
        let key = as_string(k, root)?;
        let operation = as_string(v, root)?;
        let can_append = appendable.contains(&key.as_str());
        let can_replace = replaceable.contains(&key.as_str());
        match operation.as_str() {
            "append" => {
                let keyctx = overridectx.child(k, ItemType::Overrides, &key);
                if !can_append {
                    return Err(yerr(
                        format!("Key '{key}' cannot be appended to, use 'replace' instead"),
                        &keyctx,
                    ));
                }
                out.append.insert(key);
            }
            "replace" => {
                let keyctx = overridectx.child(k, ItemType::Overrides, &key);
                if !can_replace {
                    return Err(yerr(format!("Key '{key}' cannot be replaced"), &keyctx));
                }
                out.replace.insert(key);
            }
            _ => {
                let opctx = overridectx.child(v, ItemType::ValueFor, &key);
                let mut msg = format!(
                    "Invalid override operation for key '{key}': '{operation}'. Allowed values are: "
                );
                if can_append {
                    msg.push_str("append ");
                }
                if can_replace {
                    msg.push_str("replace ");
                }
                return Err(yerr(msg, &opctx));
            }
        }
    }
    Ok(out)
}

/// `ctx` builds the context of `val`'s parent, only needed for a diagnostic.
fn decode_exception_entry(
    val: Option<&Node>,
    key: Option<&str>,
    ctx: &dyn Fn() -> Context,
    optional: bool,
) -> Result<ExEntry, LoadErr> {
    let mut out = ExEntry::default();
    let Some(val) = val else {
        if optional {
            return Ok(out);
        }
        return Err(yerr(
            format!("Item has no mapping for key '{}'", key.unwrap_or("")),
            &ctx(),
        ));
    };
    let valctx = || ctx().child(val, ItemType::ValueFor, key.unwrap_or(""));
    match &val.kind {
        NodeKind::Scalar(s) => {
            if s.is_empty() {
                return Err(yerr("Value must be non-empty", &valctx()));
            }
            out.is_list = false;
            out.item = s.clone();
        }
        NodeKind::Seq(items) => {
            out.is_list = true;
            for v in items {
                let lctx = || valctx().child(v, ItemType::Exception, "");
                out.items
                    .push(decode_exception_entry(Some(v), None, &lctx, false)?);
            }
        }
        _ => {}
    }
    Ok(out)
}

fn read_exceptions(
    res: &mut LoadResult,
    item: &Node,
    parent: &Context,
    append: bool,
) -> Result<Vec<ExceptionInfo>, LoadErr> {
    let mut exceptions: Vec<ExceptionInfo> = Vec::new();
    let exs = match item.get("exceptions") {
        Some(e) if !e.is_null() => e,
        _ => return Ok(exceptions),
    };
    let exes_ctx = parent.child(exs, ItemType::Exceptions, "");
    if !exs.is_seq() {
        return Err(yerr("Rule exceptions must be a sequence", &exes_ctx));
    }
    for ex in exs.seq() {
        let tmp = exes_ctx.child(ex, ItemType::Exception, "");
        if !ex.is_map() {
            return Err(yerr("Rule exception must be a mapping", &tmp));
        }
        let name = req_str(ex, "name", &tmp)?;
        let ex_ctx = parent.child(ex, ItemType::Exception, &name);
        if exceptions.iter().any(|e| e.name == name) {
            res.warn(
                WarningCode::ExceptionNameNotUnique,
                format!("Multiple definitions of exception '{name}' in the same rule"),
                ex_ctx.clone(),
            );
        }
        let ex_ctx_fn = || ex_ctx.clone();
        let fields = decode_exception_entry(ex.get("fields"), Some("fields"), &ex_ctx_fn, append)?;
        let comps = decode_exception_entry(ex.get("comps"), Some("comps"), &ex_ctx_fn, true)?;
        let mut values = Vec::new();
        match ex.get("values") {
            Some(exvals) => {
                let vals_ctx = ex_ctx.child(exvals, ItemType::ExceptionValues, "");
                if !exvals.is_seq() {
                    return Err(yerr("Rule exception values must be a sequence", &vals_ctx));
                }
                for val in exvals.seq() {
                    let vctx = || vals_ctx.child(val, ItemType::ExceptionValue, "");
                    values.push(decode_exception_entry(Some(val), None, &vctx, false)?);
                }
            }
            None if append => {
                res.warn(
                    WarningCode::AppendNoValues,
                    "Overriding/appending exception with no values",
                    ex_ctx.clone(),
                );
            }
            None => {}
        }
        exceptions.push(ExceptionInfo {
            ctx: ex_ctx,
            name,
            fields,
            comps,
            values,
        });
    }
    Ok(exceptions)
}

fn warn_unknown_keys(
    item: &Node,
    expected: &[&str],
    res: &mut LoadResult,
    ctx: &Context,
    root: &Context,
) -> Result<(), LoadErr> {
    for (k, _) in item.entries() {
        let key = as_string(k, root)?;
        if !expected.contains(&key.as_str()) {
            res.warn(
                WarningCode::UnknownKey,
                format!("Unknown key '{key}'. The key will be ignored."),
                ctx.clone(),
            );
        }
    }
    Ok(())
}

/// `s_rgx_identifier` of the loader, full match.
fn is_identifier(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    letters > 0
        && b[letters..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// `s_rgx_barestr`, full match.
fn is_bare_str(s: &str) -> bool {
    !s.is_empty()
        && !s.chars().any(|c| {
            matches!(c, '(' | ')' | '"' | '\'' | '=' | ',')
                || c.is_ascii_whitespace()
                || c == '\x0b'
        })
}

const RULE_APPENDABLE: [&str; 5] = ["condition", "output", "desc", "tags", "exceptions"];
const RULE_REPLACEABLE: [&str; 11] = [
    "condition",
    "output",
    "desc",
    "priority",
    "capture",
    "capture_duration",
    "tags",
    "exceptions",
    "enabled",
    "warn_evttypes",
    "skip-if-unknown-filter",
];

/// `check_update_expected`: whether `key` is overridden with this kind; also checks it is defined.
fn take_expected(
    expected: &mut BTreeSet<String>,
    overrides: &BTreeSet<String>,
    kind: &str,
    key: &str,
    ctx: &Context,
) -> Result<bool, LoadErr> {
    if !overrides.contains(key) {
        return Ok(false);
    }
    if !expected.remove(key) {
        return Err(yerr(
            format!("An {kind} override for '{key}' was specified but '{key}' is not defined"),
            ctx,
        ));
    }
    Ok(true)
}

pub struct Reader<'a> {
    pub sources: &'a dyn SourceCheck,
    pub root: Context,
}

impl Reader<'_> {
    pub fn read_item(
        &self,
        col: &mut Collector,
        res: &mut LoadResult,
        item: &Node,
    ) -> Result<(), LoadErr> {
        let parent = &self.root;
        let root = &self.root;
        if !item.is_map() {
            let tmp = parent.child(item, ItemType::RulesContentItem, "");
            return Err(yerr(
                "Unexpected element type. Each element should be a yaml associative array.",
                &tmp,
            ));
        }
        if item.get("required_engine_version").is_some() {
            let ctx = parent.child(item, ItemType::RequiredEngineVersion, "");
            let version = match decode_generic(
                item,
                "required_engine_version",
                Want::U32,
                &ctx,
                false,
                false,
            ) {
                Ok(Some(Decoded::U32(n))) => Version::new(0, n, 0),
                _ => {
                    let s = req_str(item, "required_engine_version", &ctx)?;
                    Version::parse(&s).ok_or_else(|| {
                        yerr(
                            format!("Unable to parse engine version '{s}' as a semver string. Expected \"x.y.z\" semver format."),
                            &ctx,
                        )
                    })?
                }
            };
            col.define_engine_version(version, &ctx)?;
            warn_unknown_keys(item, &["required_engine_version"], res, &ctx, root)?;
        } else if let Some(reqs) = item.get("required_plugin_versions") {
            let ctx = parent.child(reqs, ItemType::RequiredPluginVersions, "");
            if !reqs.is_seq() {
                return Err(yerr(
                    "Value of required_plugin_versions must be a sequence",
                    &ctx,
                ));
            }
            for plugin in reqs.seq() {
                let tmp = ctx.child(plugin, ItemType::RequiredPluginVersionsEntry, "");
                if !plugin.is_map() {
                    return Err(yerr("Plugin version must be a mapping", &tmp));
                }
                let name = req_str(plugin, "name", &tmp)?;
                let pctx = ctx.child(plugin, ItemType::RequiredPluginVersionsEntry, &name);
                let version = req_str(plugin, "version", &pctx)?;
                let mut alts = vec![PluginRequirement { name, version }];
                if let Some(alternatives) = plugin.get("alternatives") {
                    if !alternatives.is_seq() {
                        return Err(yerr(
                            "Value of plugin version alternatives must be a sequence",
                            &pctx,
                        ));
                    }
                    for req in alternatives.seq() {
                        let tmp = pctx.child(req, ItemType::RequiredPluginVersionsAlternative, "");
                        if !req.is_map() {
                            return Err(yerr("Plugin version alternative must be a mapping", &tmp));
                        }
                        let name = req_str(req, "name", &tmp)?;
                        let tmp =
                            pctx.child(req, ItemType::RequiredPluginVersionsAlternative, &name);
                        let version = req_str(req, "version", &tmp)?;
                        alts.push(PluginRequirement { name, version });
                    }
                }
                col.define_plugin_versions(alts, &pctx)?;
            }
            let rpv_ctx = parent.child(item, ItemType::RequiredPluginVersions, "");
            warn_unknown_keys(item, &["required_plugin_versions"], res, &rpv_ctx, root)?;
        } else if item.get("list").is_some() {
            let tmp = parent.child(item, ItemType::List, "");
            let name = req_str(item, "list", &tmp)?;
            let ctx = parent.child(item, ItemType::List, &name);
            if !is_bare_str(&name) {
                res.warn(
                    WarningCode::InvalidListName,
                    "List has an invalid name. List names should match a regular expression: ([^()\"'[:space:]=,]+)",
                    ctx.clone(),
                );
            }
            let items = decode_seq(item, "items", &ctx, false)?.unwrap_or_default();
            let mut append = opt_bool(item, "append", &ctx)?.unwrap_or(false);
            if append {
                res.warn(WarningCode::DeprecatedItem, WARNING_APPEND, ctx.clone());
            }
            let ov = decode_overrides(item, &["items"], &["items"], &ctx, root)?;
            let has_overrides = !ov.append.is_empty() || !ov.replace.is_empty();
            if append && has_overrides {
                return Err(yerr(ERROR_OVERRIDE_APPEND, &ctx));
            }
            append |= ov.append.contains("items");
            let info = ListInfo {
                ctx: ctx.clone(),
                index: 0,
                visibility: 0,
                name,
                items: std::sync::Arc::new(items),
            };
            if append {
                col.append_list(info)?;
            } else {
                col.define_list(info);
            }
            warn_unknown_keys(
                item,
                &["list", "items", "append", "override"],
                res,
                &ctx,
                root,
            )?;
        } else if item.get("macro").is_some() {
            let tmp = parent.child(item, ItemType::Macro, "");
            let name = req_str(item, "macro", &tmp)?;
            let ctx = parent.child(item, ItemType::Macro, &name);
            if !is_identifier(&name) {
                res.warn(
                    WarningCode::InvalidMacroName,
                    "Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)",
                    ctx.clone(),
                );
            }
            let cond = req_str(item, "condition", &ctx)?;
            let cond_ctx = match item.get("condition") {
                Some(c) => ctx.child(c, ItemType::MacroCondition, ""),
                None => ctx.clone(),
            };
            let mut append = opt_bool(item, "append", &ctx)?.unwrap_or(false);
            if append {
                res.warn(WarningCode::DeprecatedItem, WARNING_APPEND, ctx.clone());
            }
            let ov = decode_overrides(item, &["condition"], &["condition"], &ctx, root)?;
            let has_overrides = !ov.append.is_empty() || !ov.replace.is_empty();
            if append && has_overrides {
                return Err(yerr(ERROR_OVERRIDE_APPEND, &ctx));
            }
            append |= ov.append.contains("condition");
            let info = MacroInfo {
                ctx: ctx.clone(),
                cond_ctx,
                index: 0,
                visibility: 0,
                name,
                cond,
            };
            if append {
                col.append_macro(info)?;
            } else {
                col.define_macro(info);
            }
            warn_unknown_keys(
                item,
                &["macro", "condition", "append", "override"],
                res,
                &ctx,
                root,
            )?;
        } else if item.get("rule").is_some() {
            self.read_rule(col, res, item)?;
        } else {
            let ctx = parent.child(item, ItemType::RulesContentItem, "");
            res.warn(WarningCode::UnknownItem, "Unknown top level item", ctx);
        }
        Ok(())
    }

    fn read_rule(
        &self,
        col: &mut Collector,
        res: &mut LoadResult,
        item: &Node,
    ) -> Result<(), LoadErr> {
        let parent = &self.root;
        let root = &self.root;
        let tmp = parent.child(item, ItemType::Rule, "");
        let name = req_str(item, "rule", &tmp)?;
        let ctx = parent.child(item, ItemType::Rule, &name);
        let source = match decode_generic(item, "source", Want::Str, &ctx, true, true)? {
            Some(Decoded::Str(s)) => s,
            _ => String::new(),
        };
        let has_append_flag = opt_bool(item, "append", &ctx)?.unwrap_or(false);
        if has_append_flag {
            res.warn(WarningCode::DeprecatedItem, WARNING_APPEND, ctx.clone());
        }
        let ov = decode_overrides(item, &RULE_APPENDABLE, &RULE_REPLACEABLE, &ctx, root)?;
        let has_overrides = !ov.append.is_empty() || !ov.replace.is_empty();
        if has_append_flag && has_overrides {
            return Err(yerr(ERROR_OVERRIDE_APPEND, &ctx));
        }

        if has_overrides {
            let mut expected: BTreeSet<String> = BTreeSet::new();
            for key in RULE_APPENDABLE.iter().chain(RULE_REPLACEABLE.iter()) {
                if item.get(key).is_some() {
                    expected.insert(key.to_string());
                }
            }
            if !ov.append.is_empty() {
                let mut u = RuleUpdate {
                    name: name.clone(),
                    ..Default::default()
                };
                if take_expected(&mut expected, &ov.append, "append", "condition", &ctx)? {
                    u.source = source.clone();
                    u.cond = Some(req_str(item, "condition", &ctx)?);
                }
                if take_expected(&mut expected, &ov.append, "append", "exceptions", &ctx)? {
                    u.exceptions = Some(read_exceptions(res, item, &ctx, true)?);
                }
                if take_expected(&mut expected, &ov.append, "append", "output", &ctx)? {
                    u.output = Some(req_str(item, "output", &ctx)?);
                }
                if take_expected(&mut expected, &ov.append, "append", "desc", &ctx)? {
                    u.desc = Some(req_str(item, "desc", &ctx)?);
                }
                if take_expected(&mut expected, &ov.append, "append", "tags", &ctx)? {
                    u.tags = Some(decode_tags(item, &ctx)?);
                }
                col.append_rule(self.sources, u, &ctx)?;
            }
            if !ov.replace.is_empty() {
                let r = &ov.replace;
                let mut u = RuleUpdate {
                    name: name.clone(),
                    ..Default::default()
                };
                if take_expected(&mut expected, r, "replace", "condition", &ctx)? {
                    u.source = source.clone();
                    u.cond = Some(req_str(item, "condition", &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "exceptions", &ctx)? {
                    u.exceptions = Some(read_exceptions(res, item, &ctx, false)?);
                }
                if take_expected(&mut expected, r, "replace", "output", &ctx)? {
                    u.output = Some(req_str(item, "output", &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "desc", &ctx)? {
                    u.desc = Some(req_str(item, "desc", &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "tags", &ctx)? {
                    u.tags = Some(decode_tags(item, &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "priority", &ctx)? {
                    let p = req_str(item, "priority", &ctx)?;
                    let prictx = match item.get("priority") {
                        Some(n) => ctx.child(n, ItemType::RulePriority, ""),
                        None => ctx.clone(),
                    };
                    u.priority =
                        Some(Priority::parse(&p).ok_or_else(|| yerr("Invalid priority", &prictx))?);
                }
                if take_expected(&mut expected, r, "replace", "capture", &ctx)? {
                    u.capture = Some(req_bool(item, "capture", &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "capture_duration", &ctx)? {
                    u.capture_duration = Some(req_u32(item, "capture_duration", &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "enabled", &ctx)? {
                    u.enabled = Some(req_bool(item, "enabled", &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "warn_evttypes", &ctx)? {
                    u.warn_evttypes = Some(req_bool(item, "warn_evttypes", &ctx)?);
                }
                if take_expected(&mut expected, r, "replace", "skip-if-unknown-filter", &ctx)? {
                    u.skip_if_unknown_filter =
                        Some(req_bool(item, "skip-if-unknown-filter", &ctx)?);
                }
                col.replace_rule(u, &ctx)?;
            }
            if let Some(key) = expected.iter().next() {
                let keyctx = match item.get(key) {
                    Some(n) => ctx.child(n, ItemType::Overrides, key),
                    None => ctx.clone(),
                };
                return Err(yerr(
                    format!("Unexpected key '{key}': no corresponding entry under 'override' is defined."),
                    &keyctx,
                ));
            }
        } else if has_append_flag {
            let mut u = RuleUpdate {
                name: name.clone(),
                source: source.clone(),
                ..Default::default()
            };
            if item.get("condition").is_some() {
                u.cond = Some(req_str(item, "condition", &ctx)?);
            }
            if item.get("exceptions").is_some() {
                u.exceptions = Some(read_exceptions(res, item, &ctx, true)?);
            }
            col.append_rule(self.sources, u, &ctx)?;
        } else if item.get("condition").is_none()
            && item.get("output").is_none()
            && item.get("desc").is_none()
            && item.get("priority").is_none()
        {
            let enabled = req_bool(item, "enabled", &ctx)?;
            res.warn(WarningCode::DeprecatedItem, WARNING_ENABLED, ctx.clone());
            col.enable_rule(&name, enabled, &ctx)?;
        } else {
            let cond = req_str(item, "condition", &ctx)?;
            let cond_ctx = match item.get("condition") {
                Some(n) => ctx.child(n, ItemType::RuleCondition, ""),
                None => ctx.clone(),
            };
            let output = req_str(item, "output", &ctx)?;
            let output_ctx = match item.get("output") {
                Some(n) => ctx.child(n, ItemType::RuleOutput, ""),
                None => ctx.clone(),
            };
            let desc = req_str(item, "desc", &ctx)?;
            let priority = req_str(item, "priority", &ctx)?;
            let prictx = || match item.get("priority") {
                Some(n) => ctx.child(n, ItemType::RulePriority, ""),
                None => ctx.clone(),
            };
            let priority =
                Priority::parse(&priority).ok_or_else(|| yerr("Invalid priority", &prictx()))?;
            let source = opt_str(item, "source", &ctx)?.unwrap_or_else(|| "syscall".to_string());
            let enabled = opt_bool(item, "enabled", &ctx)?.unwrap_or(true);
            let capture = opt_bool(item, "capture", &ctx)?.unwrap_or(false);
            let capture_duration = opt_u32(item, "capture_duration", &ctx)?.unwrap_or(0);
            let warn_evttypes = opt_bool(item, "warn_evttypes", &ctx)?.unwrap_or(true);
            let skip_if_unknown_filter =
                opt_bool(item, "skip-if-unknown-filter", &ctx)?.unwrap_or(false);
            let tags = decode_tags(item, &ctx)?;
            let exceptions = read_exceptions(res, item, &ctx, false)?;
            let info = RuleInfo {
                ctx: ctx.clone(),
                cond_ctx,
                output_ctx,
                index: 0,
                visibility: 0,
                unknown_source: false,
                name,
                cond,
                source,
                desc,
                output: trim_ws(&output).to_string(),
                tags,
                exceptions,
                priority,
                capture,
                capture_duration,
                enabled,
                warn_evttypes,
                skip_if_unknown_filter,
            };
            col.define_rule(self.sources, res, info)?;
        }
        warn_unknown_keys(
            item,
            &[
                "rule",
                "condition",
                "output",
                "desc",
                "priority",
                "source",
                "enabled",
                "capture",
                "capture_duration",
                "warn_evttypes",
                "skip-if-unknown-filter",
                "tags",
                "exceptions",
                "override",
                "append",
            ],
            res,
            &ctx,
            root,
        )?;
        Ok(())
    }
}

/// Falco's `trim`: strips blanks, tabs, newlines, CR, form feeds and vertical tabs.
pub fn trim_ws(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r', '\x0c', '\x0b'])
}
