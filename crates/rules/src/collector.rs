//! Definitions gathered from every rules file loaded so far, with Falco's define / append /
//! replace semantics. Later files see (and can change) what earlier files defined.

use crate::context::Context;
use crate::result::{ErrorCode, LoadResult, WarningCode};
use crate::version::Version;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// A diagnostic that stops loading the current file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadErr {
    pub code: ErrorCode,
    pub message: String,
    pub ctx: Context,
}

impl LoadErr {
    pub fn new(code: ErrorCode, message: impl Into<String>, ctx: &Context) -> LoadErr {
        LoadErr {
            code,
            message: message.into(),
            ctx: ctx.clone(),
        }
    }
    pub fn validate(message: impl Into<String>, ctx: &Context) -> LoadErr {
        LoadErr::new(ErrorCode::Validate, message, ctx)
    }
}

/// Priority levels, most severe first (lower number = more severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Emergency = 0,
    Alert,
    Critical,
    Error,
    Warning,
    Notice,
    Informational,
    Debug,
}

impl Priority {
    pub const ALL: [Priority; 8] = [
        Priority::Emergency,
        Priority::Alert,
        Priority::Critical,
        Priority::Error,
        Priority::Warning,
        Priority::Notice,
        Priority::Informational,
        Priority::Debug,
    ];
    /// Case-insensitive; "info" is accepted for Informational.
    pub fn parse(s: &str) -> Option<Priority> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
            .or_else(|| {
                s.eq_ignore_ascii_case("info")
                    .then_some(Priority::Informational)
            })
    }
    pub fn name(self) -> &'static str {
        match self {
            Priority::Emergency => "Emergency",
            Priority::Alert => "Alert",
            Priority::Critical => "Critical",
            Priority::Error => "Error",
            Priority::Warning => "Warning",
            Priority::Notice => "Notice",
            Priority::Informational => "Informational",
            Priority::Debug => "Debug",
        }
    }
}

/// A value of `fields`, `comps` or `values` of an exception: a scalar or a (nested) list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExEntry {
    pub is_list: bool,
    pub item: String,
    pub items: Vec<ExEntry>,
}

impl ExEntry {
    pub fn scalar(s: &str) -> ExEntry {
        ExEntry {
            is_list: false,
            item: s.to_string(),
            items: Vec::new(),
        }
    }
    pub fn is_valid(&self) -> bool {
        (self.is_list && !self.items.is_empty()) || (!self.is_list && !self.item.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionInfo {
    pub ctx: Context,
    pub name: String,
    pub fields: ExEntry,
    pub comps: ExEntry,
    pub values: Vec<ExEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListInfo {
    pub ctx: Context,
    pub index: usize,
    pub visibility: usize,
    pub name: String,
    /// Shared with the compiled list (copy-on-write when appended to).
    pub items: Arc<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MacroInfo {
    pub ctx: Context,
    pub cond_ctx: Context,
    pub index: usize,
    pub visibility: usize,
    pub name: String,
    pub cond: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleInfo {
    pub ctx: Context,
    pub cond_ctx: Context,
    pub output_ctx: Context,
    pub index: usize,
    pub visibility: usize,
    pub unknown_source: bool,
    pub name: String,
    pub cond: String,
    pub source: String,
    pub desc: String,
    pub output: String,
    pub tags: BTreeSet<String>,
    pub exceptions: Vec<ExceptionInfo>,
    pub priority: Priority,
    pub capture: bool,
    pub capture_duration: u32,
    pub enabled: bool,
    pub warn_evttypes: bool,
    pub skip_if_unknown_filter: bool,
}

/// An append or selective-replace request against an existing rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleUpdate {
    pub name: String,
    pub source: String,
    pub cond: Option<String>,
    pub output: Option<String>,
    pub desc: Option<String>,
    pub tags: Option<BTreeSet<String>>,
    pub exceptions: Option<Vec<ExceptionInfo>>,
    pub priority: Option<Priority>,
    pub capture: Option<bool>,
    pub capture_duration: Option<u32>,
    pub enabled: Option<bool>,
    pub warn_evttypes: Option<bool>,
    pub skip_if_unknown_filter: Option<bool>,
}

impl RuleUpdate {
    fn has_any_value(&self) -> bool {
        self.cond.is_some()
            || self.output.is_some()
            || self.desc.is_some()
            || self.tags.is_some()
            || self.exceptions.is_some()
            || self.priority.is_some()
            || self.enabled.is_some()
            || self.capture.is_some()
            || self.capture_duration.is_some()
            || self.warn_evttypes.is_some()
            || self.skip_if_unknown_filter.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginRequirement {
    pub name: String,
    pub version: String,
}

/// Insertion-ordered items addressable by name; redefinition keeps the original slot.
#[derive(Debug, Clone)]
pub struct Indexed<T> {
    items: Vec<T>,
    by_name: HashMap<String, usize>,
}

impl<T> Default for Indexed<T> {
    fn default() -> Self {
        Indexed {
            items: Vec::new(),
            by_name: HashMap::new(),
        }
    }
}

impl<T> Indexed<T> {
    pub fn get(&self, name: &str) -> Option<&T> {
        self.by_name.get(name).map(|&i| &self.items[i])
    }
    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        match self.by_name.get(name) {
            Some(&i) => self.items.get_mut(i),
            None => None,
        }
    }
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
    /// Insert or replace in place; returns the slot.
    pub fn insert(&mut self, name: &str, item: T) -> usize {
        match self.by_name.get(name) {
            Some(&i) => {
                self.items[i] = item;
                i
            }
            None => {
                self.items.push(item);
                let i = self.items.len() - 1;
                self.by_name.insert(name.to_string(), i);
                i
            }
        }
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn at(&self, i: usize) -> Option<&T> {
        self.items.get(i)
    }
}

/// What the collector needs to know about event sources while collecting.
pub trait SourceCheck {
    /// Whether `source` is a known event source.
    fn has_source(&self, source: &str) -> bool;
    /// Whether `field` (possibly `name[arg]` or a transformer expression) is usable as the left
    /// side of a check for `source`.
    fn is_valid_lhs_field(&self, source: &str, field: &str) -> bool;
}

#[derive(Debug, Clone, Default)]
pub struct Collector {
    cur_index: usize,
    pub lists: Indexed<ListInfo>,
    pub macros: Indexed<MacroInfo>,
    pub rules: Indexed<RuleInfo>,
    pub required_engine_version: Version,
    pub required_plugin_versions: Vec<Vec<PluginRequirement>>,
}

/// The engine version we claim (Falco 0.44.1's engine).
pub const ENGINE_VERSION: Version = Version {
    major: 0,
    minor: 62,
    patch: 0,
};

fn next(idx: &mut usize) -> usize {
    let v = *idx;
    *idx += 1;
    v
}

fn is_operator_defined(op: &str) -> bool {
    matches!(
        op,
        "exists"
            | "<="
            | "<"
            | ">="
            | ">"
            | "=="
            | "="
            | "!="
            | "glob"
            | "iglob"
            | "contains"
            | "icontains"
            | "bcontains"
            | "startswith"
            | "bstartswith"
            | "endswith"
            | "regex"
            | "intersects"
            | "in"
            | "pmatch"
    )
}

/// `startswith oneof` and friends: a string operator, one space, a list modifier.
pub fn is_str_operator_with_modifier(op: &str) -> bool {
    let Some((base, modifier)) = op.split_once(' ') else {
        return false;
    };
    matches!(modifier, "oneof" | "anyof" | "allof")
        && matches!(
            base,
            "=" | "=="
                | "!="
                | "contains"
                | "icontains"
                | "bcontains"
                | "startswith"
                | "bstartswith"
                | "endswith"
                | "glob"
                | "iglob"
                | "regex"
        )
}

fn normalize_comp(s: &mut String) {
    let t = s
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
        .to_string();
    *s = t;
}

fn validate_exception(
    sources: &dyn SourceCheck,
    source: Option<&str>,
    ex: &mut ExceptionInfo,
) -> Result<(), LoadErr> {
    if ex.fields.is_list {
        if !ex.comps.is_valid() {
            ex.comps.is_list = true;
            for _ in 0..ex.fields.items.len() {
                ex.comps.items.push(ExEntry::scalar("="));
            }
        }
        if ex.fields.items.len() != ex.comps.items.len() {
            return Err(LoadErr::validate(
                "Fields and comps lists must have equal length",
                &ex.ctx,
            ));
        }
        for v in ex.comps.items.iter_mut() {
            normalize_comp(&mut v.item);
            if !is_operator_defined(&v.item) && !is_str_operator_with_modifier(&v.item) {
                return Err(LoadErr::validate(
                    format!("'{}' is not a supported comparison operator", v.item),
                    &ex.ctx,
                ));
            }
        }
        if let Some(src) = source {
            for v in &ex.fields.items {
                if !sources.is_valid_lhs_field(src, &v.item) {
                    return Err(LoadErr::validate(
                        format!("'{}' is not a supported filter field", v.item),
                        &ex.ctx,
                    ));
                }
            }
        }
    } else {
        if !ex.comps.is_valid() {
            ex.comps.is_list = false;
            ex.comps.item = "in".to_string();
        }
        if ex.comps.is_list {
            return Err(LoadErr::validate(
                "Fields and comps must both be strings",
                &ex.ctx,
            ));
        }
        normalize_comp(&mut ex.comps.item);
        let c = ex.comps.item.as_str();
        if c != "in" && c != "pmatch" && c != "intersects" && !is_str_operator_with_modifier(c) {
            return Err(LoadErr::validate(
                "When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)",
                &ex.ctx,
            ));
        }
        if let Some(src) = source {
            if !sources.is_valid_lhs_field(src, &ex.fields.item) {
                return Err(LoadErr::validate(
                    format!("'{}' is not a supported filter field", ex.fields.item),
                    &ex.ctx,
                ));
            }
        }
    }
    Ok(())
}

impl Collector {
    pub fn new() -> Collector {
        Collector::default()
    }

    pub fn define_engine_version(&mut self, v: Version, ctx: &Context) -> Result<(), LoadErr> {
        if !ENGINE_VERSION.compatible_with(&v) {
            return Err(LoadErr::validate(
                format!("Rules require engine version {v}, but engine version is {ENGINE_VERSION}"),
                ctx,
            ));
        }
        if self.required_engine_version < v {
            self.required_engine_version = v;
        }
        Ok(())
    }

    pub fn define_plugin_versions(
        &mut self,
        alternatives: Vec<PluginRequirement>,
        ctx: &Context,
    ) -> Result<(), LoadErr> {
        let mut names: Vec<&str> = Vec::new();
        for req in &alternatives {
            if Version::parse(&req.version).is_none() {
                return Err(LoadErr::validate(
                    format!(
                        "Invalid required version '{}' for plugin '{}'",
                        req.version, req.name
                    ),
                    ctx,
                ));
            }
            if names.contains(&req.name.as_str()) {
                return Err(LoadErr::validate(
                    format!(
                        "Defined multiple alternative version requirements for plugin '{}'",
                        req.name
                    ),
                    ctx,
                ));
            }
            names.push(&req.name);
        }
        self.required_plugin_versions.push(alternatives);
        Ok(())
    }

    pub fn define_list(&mut self, mut info: ListInfo) {
        let id = next(&mut self.cur_index);
        match self.lists.get(&info.name) {
            Some(prev) => {
                info.index = prev.index;
                info.visibility = id;
            }
            None => {
                info.index = id;
                info.visibility = id;
            }
        }
        let name = info.name.clone();
        self.lists.insert(&name, info);
    }

    pub fn append_list(&mut self, info: ListInfo) -> Result<(), LoadErr> {
        let id = self.cur_index;
        let Some(prev) = self.lists.get_mut(&info.name) else {
            return Err(LoadErr::validate(
                "List uses 'append' or 'override.items: append' but no list by that name already exists",
                &info.ctx,
            ));
        };
        Arc::make_mut(&mut prev.items).extend(Arc::unwrap_or_clone(info.items));
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    pub fn define_macro(&mut self, mut info: MacroInfo) {
        let id = next(&mut self.cur_index);
        match self.macros.get(&info.name) {
            Some(prev) => {
                info.index = prev.index;
                info.visibility = id;
            }
            None => {
                info.index = id;
                info.visibility = id;
            }
        }
        let name = info.name.clone();
        self.macros.insert(&name, info);
    }

    pub fn append_macro(&mut self, info: MacroInfo) -> Result<(), LoadErr> {
        let id = self.cur_index;
        let Some(prev) = self.macros.get_mut(&info.name) else {
            return Err(LoadErr::validate(
                "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists",
                &info.ctx,
            ));
        };
        prev.cond.push(' ');
        prev.cond.push_str(&info.cond);
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    fn check_prev_source(&self, name: &str, source: &str, ctx: &Context) -> Result<bool, LoadErr> {
        match self.rules.get(name) {
            Some(prev) => {
                if !prev.source.is_empty() && !source.is_empty() && prev.source != source {
                    return Err(LoadErr::validate(
                        "Rule has been re-defined with a different source",
                        ctx,
                    ));
                }
                Ok(true)
            }
            None => Ok(false),
        }
    }

    pub fn define_rule(
        &mut self,
        sources: &dyn SourceCheck,
        res: &mut LoadResult,
        mut info: RuleInfo,
    ) -> Result<(), LoadErr> {
        self.check_prev_source(&info.name, &info.source, &info.ctx)?;
        let known = sources.has_source(&info.source);
        if !known {
            info.unknown_source = true;
            res.warn(
                WarningCode::UnknownSource,
                format!("Unknown source {}, skipping", info.source),
                info.ctx.clone(),
            );
        }
        let source = info.source.clone();
        for ex in info.exceptions.iter_mut() {
            if !ex.fields.is_valid() {
                return Err(LoadErr::validate(
                    "Rule exception item must have fields property with a list of fields",
                    &ex.ctx,
                ));
            }
            validate_exception(sources, known.then_some(source.as_str()), ex)?;
        }
        let id = next(&mut self.cur_index);
        match self.rules.get(&info.name) {
            Some(prev) => {
                info.index = prev.index;
                info.visibility = id;
            }
            None => {
                info.index = id;
                info.visibility = id;
            }
        }
        let name = info.name.clone();
        self.rules.insert(&name, info);
        Ok(())
    }

    fn update_target(&self, u: &RuleUpdate, ctx: &Context, missing: &str) -> Result<(), LoadErr> {
        if !self.check_prev_source(&u.name, &u.source, ctx)? {
            return Err(LoadErr::validate(missing, ctx));
        }
        Ok(())
    }

    pub fn append_rule(
        &mut self,
        sources: &dyn SourceCheck,
        u: RuleUpdate,
        ctx: &Context,
    ) -> Result<(), LoadErr> {
        self.update_target(
            &u,
            ctx,
            "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists",
        )?;
        if !u.has_any_value() {
            return Err(LoadErr::validate(
                "Appended rule must have exceptions or condition property",
                ctx,
            ));
        }
        let id = self.cur_index;
        let Some(prev) = self.rules.get_mut(&u.name) else {
            return Err(LoadErr::validate("internal: rule vanished", ctx));
        };
        let source = (!prev.unknown_source).then(|| prev.source.clone());
        if let Some(c) = u.cond.filter(|c| !c.is_empty()) {
            prev.cond.push(' ');
            prev.cond.push_str(&c);
        }
        if let Some(o) = u.output.filter(|c| !c.is_empty()) {
            prev.output.push(' ');
            prev.output.push_str(&o);
        }
        if let Some(d) = u.desc.filter(|c| !c.is_empty()) {
            prev.desc.push(' ');
            prev.desc.push_str(&d);
        }
        if let Some(tags) = u.tags {
            prev.tags.extend(tags);
        }
        if let Some(exs) = u.exceptions {
            for mut ex in exs {
                match prev.exceptions.iter_mut().find(|e| e.name == ex.name) {
                    None => {
                        if !ex.fields.is_valid() {
                            return Err(LoadErr::validate(
                                "Rule exception must have fields property with a list of fields",
                                &ex.ctx,
                            ));
                        }
                        if ex.values.is_empty() {
                            return Err(LoadErr::validate(
                                "Rule exception must have values property with a list of values",
                                &ex.ctx,
                            ));
                        }
                        validate_exception(sources, source.as_deref(), &mut ex)?;
                        prev.exceptions.push(ex);
                    }
                    Some(pe) => {
                        if ex.fields.is_valid() {
                            return Err(LoadErr::validate(
                                "Can not append exception fields to existing exception, only values",
                                &ex.ctx,
                            ));
                        }
                        if ex.comps.is_valid() {
                            return Err(LoadErr::validate(
                                "Can not append exception comps to existing exception, only values",
                                &ex.ctx,
                            ));
                        }
                        pe.values.extend(ex.values);
                    }
                }
            }
        }
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    pub fn replace_rule(&mut self, u: RuleUpdate, ctx: &Context) -> Result<(), LoadErr> {
        self.update_target(
            &u,
            ctx,
            "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists",
        )?;
        if !u.has_any_value() {
            return Err(LoadErr::validate(
                "The rule must have at least one field that can be replaced",
                ctx,
            ));
        }
        let id = self.cur_index;
        let Some(prev) = self.rules.get_mut(&u.name) else {
            return Err(LoadErr::validate("internal: rule vanished", ctx));
        };
        if let Some(v) = u.cond {
            prev.cond = v;
        }
        if let Some(v) = u.output {
            prev.output = v;
        }
        if let Some(v) = u.desc {
            prev.desc = v;
        }
        if let Some(v) = u.tags {
            prev.tags = v;
        }
        if let Some(v) = u.exceptions {
            prev.exceptions = v;
        }
        if let Some(v) = u.priority {
            prev.priority = v;
        }
        if let Some(v) = u.capture {
            prev.capture = v;
        }
        if let Some(v) = u.capture_duration {
            prev.capture_duration = v;
        }
        if let Some(v) = u.enabled {
            prev.enabled = v;
        }
        if let Some(v) = u.warn_evttypes {
            prev.warn_evttypes = v;
        }
        if let Some(v) = u.skip_if_unknown_filter {
            prev.skip_if_unknown_filter = v;
        }
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    /// The deprecated standalone `enabled:` form.
    pub fn enable_rule(&mut self, name: &str, enabled: bool, ctx: &Context) -> Result<(), LoadErr> {
        match self.rules.get_mut(name) {
            Some(prev) => {
                prev.enabled = enabled;
                Ok(())
            }
            None => Err(LoadErr::validate(
                "Rule has 'enabled' key but no rule by that name already exists",
                ctx,
            )),
        }
    }
}
