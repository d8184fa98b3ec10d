//! Load diagnostics with Falco's codes and the three renderings Falco gives them: JSON
//! (`falco_load_results` entries), the verbose text block and the one-line summary.

use crate::context::{Contents, Context};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    FileRead,
    YamlParse,
    YamlValidate,
    CompileCondition,
    CompileOutput,
    Validate,
    Extension,
}

impl ErrorCode {
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::FileRead => "LOAD_ERR_FILE_READ",
            ErrorCode::YamlParse => "LOAD_ERR_YAML_PARSE",
            ErrorCode::YamlValidate => "LOAD_ERR_YAML_VALIDATE",
            ErrorCode::CompileCondition => "LOAD_ERR_COMPILE_CONDITION",
            ErrorCode::CompileOutput => "LOAD_ERR_COMPILE_OUTPUT",
            ErrorCode::Validate => "LOAD_ERR_VALIDATE",
            ErrorCode::Extension => "LOAD_ERR_EXTENSION",
        }
    }
    /// The short text. Falco prints it both in text output and as `codedesc` in JSON.
    pub fn text(self) -> &'static str {
        match self {
            ErrorCode::FileRead => "File read error",
            ErrorCode::YamlParse => "YAML parse error",
            ErrorCode::YamlValidate => "Error validating internal structure of YAML file",
            ErrorCode::CompileCondition => "Error compiling condition",
            ErrorCode::CompileOutput => "Error compiling output",
            ErrorCode::Validate => "Error validating rule/macro/list/exception objects",
            ErrorCode::Extension => "Error in extension item",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningCode {
    UnknownSource,
    UnsafeNaCheck,
    NoEvttype,
    UnknownFilter,
    UnusedMacro,
    UnusedList,
    UnknownItem,
    DeprecatedItem,
    WarningExtension,
    AppendNoValues,
    ExceptionNameNotUnique,
    InvalidMacroName,
    InvalidListName,
    CompileCondition,
    UnknownKey,
}

impl WarningCode {
    pub fn code(self) -> &'static str {
        match self {
            WarningCode::UnknownSource => "LOAD_UNKNOWN_SOURCE",
            WarningCode::UnsafeNaCheck => "LOAD_UNSAFE_NA_CHECK",
            WarningCode::NoEvttype => "LOAD_NO_EVTTYPE",
            WarningCode::UnknownFilter => "LOAD_UNKNOWN_FILTER",
            WarningCode::UnusedMacro => "LOAD_UNUSED_MACRO",
            WarningCode::UnusedList => "LOAD_UNUSED_LIST",
            WarningCode::UnknownItem => "LOAD_UNKNOWN_ITEM",
            WarningCode::DeprecatedItem => "LOAD_DEPRECATED_ITEM",
            WarningCode::WarningExtension => "LOAD_WARNING_EXTENSION",
            WarningCode::AppendNoValues => "LOAD_APPEND_NO_VALUES",
            WarningCode::ExceptionNameNotUnique => "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
            WarningCode::InvalidMacroName => "LOAD_INVALID_MACRO_NAME",
            WarningCode::InvalidListName => "LOAD_INVALID_LIST_NAME",
            WarningCode::CompileCondition => "LOAD_COMPILE_CONDITION",
            WarningCode::UnknownKey => "LOAD_UNKNOWN_KEY",
        }
    }
    pub fn text(self) -> &'static str {
        match self {
            WarningCode::UnknownSource => "Unknown event source",
            WarningCode::UnsafeNaCheck => "Unsafe <NA> comparison in condition",
            WarningCode::NoEvttype => "Condition has no event-type restriction",
            WarningCode::UnknownFilter => "Unknown field or event-type in condition or output",
            WarningCode::UnusedMacro => "Unused macro",
            WarningCode::UnusedList => "Unused list",
            WarningCode::UnknownItem => "Unknown rules file item",
            WarningCode::DeprecatedItem => "Used deprecated item",
            WarningCode::WarningExtension => "Warning in extension item",
            WarningCode::AppendNoValues => "Overriding/appending with no values",
            WarningCode::ExceptionNameNotUnique => "Multiple exceptions defined with the same name",
            WarningCode::InvalidMacroName => "Invalid macro name",
            WarningCode::InvalidListName => "Invalid list name",
            WarningCode::CompileCondition => "Warning in rule condition",
            WarningCode::UnknownKey => "Unknown key in item definition",
        }
    }
    pub fn desc(self) -> &'static str {
        match self {
            WarningCode::UnknownSource => "A rule has a unknown event source. This can occur when reading rules content without having a corresponding plugin loaded, etc. The rule will be silently ignored.",
            WarningCode::UnsafeNaCheck => "Comparing a field value with <NA> is unsafe and can lead to unpredictable behavior of the rule condition. If you need to check for the existence of a field, consider using the 'exists' operator instead.",
            WarningCode::NoEvttype => "A rule condition matches too many evt.type values. This has a significant performance penalty. Make the condition more specific by adding an evt.type field or further restricting the number of evt.type values in the condition.",
            WarningCode::UnknownFilter => "A rule condition or output refers to a field or evt.type that does not exist. This is normally an error, but if a rule has a skip-if-unknown-filter property, the error is downgraded to a warning.",
            WarningCode::UnusedMacro => "A macro is defined in the rules content but is not used by any other macro or rule.",
            WarningCode::UnusedList => "A list is defined in the rules content but is not used by any other list, macro, or rule.",
            WarningCode::UnknownItem => "An unknown top-level object is in the rules content. It will be ignored.",
            WarningCode::DeprecatedItem => "A deprecated item is employed by lists, macros, or rules.",
            WarningCode::WarningExtension => "An extension item has a warning",
            WarningCode::AppendNoValues => "A rule exception is overriding/appending with no values",
            WarningCode::ExceptionNameNotUnique => "A rule is defining multiple exceptions with the same name",
            WarningCode::InvalidMacroName => "A macro is defined with an invalid name",
            WarningCode::InvalidListName => "A list is defined with an invalid name",
            WarningCode::CompileCondition => "A rule condition or output have been parsed with a warning",
            WarningCode::UnknownKey => "An item in the rules content contains an unrecognized key. The key will be ignored. This may indicate a typo or a property placed on the wrong item type.",
        }
    }
}

/// Fields whose use Falco flags as deprecated since enter events are dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeprecatedField {
    EvtDir,
    EvtLatency,
    EvtLatencyS,
    EvtLatencyNs,
    EvtLatencyHuman,
    EvtWaitLatency,
}

impl DeprecatedField {
    pub const ALL: [DeprecatedField; 6] = [
        DeprecatedField::EvtDir,
        DeprecatedField::EvtLatency,
        DeprecatedField::EvtLatencyS,
        DeprecatedField::EvtLatencyNs,
        DeprecatedField::EvtLatencyHuman,
        DeprecatedField::EvtWaitLatency,
    ];
    pub fn name(self) -> &'static str {
        match self {
            DeprecatedField::EvtDir => "evt.dir",
            DeprecatedField::EvtLatency => "evt.latency",
            DeprecatedField::EvtLatencyS => "evt.latency.s",
            DeprecatedField::EvtLatencyNs => "evt.latency.ns",
            DeprecatedField::EvtLatencyHuman => "evt.latency.human",
            DeprecatedField::EvtWaitLatency => "evt.wait_latency",
        }
    }
    pub fn from_name(name: &str) -> Option<DeprecatedField> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }
    /// The message Falco gives for a deprecated field found in a condition.
    pub fn desc(self) -> &'static str {
        match self {
            DeprecatedField::EvtDir => "due to the drop of enter events, 'evt.dir = <' always evaluates to true, and 'evt.dir = >' always evaluates to false. The rule expression can be simplified by removing the condition on 'evt.dir'",
            _ => "field is not available due to the drop of enter events.",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub code: ErrorCode,
    pub message: String,
    pub ctx: Context,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadWarning {
    pub code: WarningCode,
    pub message: String,
    pub ctx: Context,
    pub deprecated_field: Option<DeprecatedField>,
}

impl LoadWarning {
    fn text(&self) -> String {
        match self.deprecated_field {
            Some(df) => format!("{}: field '{}'", self.code.text(), df.name()),
            None => self.code.text().to_string(),
        }
    }
}

/// Schema validation outcome of one document, in Falco's encoding: "ok" or one
/// "failed for <path>: <reason>" line per problem; empty when no document was validated.
pub const SCHEMA_OK: &str = "ok";

/// The result of loading one rules file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadResult {
    pub name: String,
    pub errors: Vec<LoadError>,
    pub warnings: Vec<LoadWarning>,
    pub schema_status: Vec<String>,
}

impl LoadResult {
    pub fn new(name: &str) -> LoadResult {
        LoadResult {
            name: name.to_string(),
            errors: Vec::new(),
            warnings: Vec::new(),
            schema_status: Vec::new(),
        }
    }
    pub fn successful(&self) -> bool {
        self.errors.is_empty()
    }
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }
    pub fn error(&mut self, code: ErrorCode, message: impl Into<String>, ctx: Context) {
        self.errors.push(LoadError {
            code,
            message: message.into(),
            ctx,
        });
    }
    pub fn warn(&mut self, code: WarningCode, message: impl Into<String>, ctx: Context) {
        self.warnings.push(LoadWarning {
            code,
            message: message.into(),
            ctx,
            deprecated_field: None,
        });
    }
    pub fn warn_deprecated(
        &mut self,
        df: DeprecatedField,
        message: impl Into<String>,
        ctx: Context,
    ) {
        self.warnings.push(LoadWarning {
            code: WarningCode::DeprecatedItem,
            message: message.into(),
            ctx,
            deprecated_field: Some(df),
        });
    }

    /// "ok", "none", or the first failure line (Falco's `schema_validation()`).
    pub fn schema_validation(&self) -> &str {
        self.schema_status
            .first()
            .map(String::as_str)
            .unwrap_or("none")
    }

    fn schema_valid(&self) -> bool {
        self.schema_validation() == SCHEMA_OK
    }

    /// One `falco_load_results` entry. Keys are inserted in sorted order, which is also how
    /// Falco prints them.
    pub fn as_json(&self, contents: &Contents) -> Value {
        let mut j = Map::new();
        let errors: Vec<Value> = self
            .errors
            .iter()
            .map(|e| {
                let mut o = Map::new();
                o.insert("code".into(), e.code.code().into());
                o.insert("codedesc".into(), e.code.text().into());
                o.insert("context".into(), e.ctx.as_json(contents));
                o.insert("message".into(), e.message.clone().into());
                Value::Object(o)
            })
            .collect();
        j.insert("errors".into(), Value::Array(errors));
        j.insert("name".into(), self.name.clone().into());
        if !self.schema_status.is_empty() {
            let valid = self.schema_valid();
            j.insert("schema_valid".into(), valid.into());
            let w: Vec<Value> = if valid {
                Vec::new()
            } else {
                self.schema_status
                    .iter()
                    .map(|s| Value::String(s.clone()))
                    .collect()
            };
            j.insert("schema_warnings".into(), Value::Array(w));
        }
        j.insert("successful".into(), self.successful().into());
        let warnings: Vec<Value> = self
            .warnings
            .iter()
            .map(|w| {
                let mut o = Map::new();
                o.insert("code".into(), w.code.code().into());
                o.insert("codedesc".into(), w.code.desc().into());
                o.insert("context".into(), w.ctx.as_json(contents));
                if let Some(df) = w.deprecated_field {
                    o.insert("deprecated_field".into(), df.name().into());
                }
                o.insert("message".into(), w.message.clone().into());
                Value::Object(o)
            })
            .collect();
        j.insert("warnings".into(), Value::Array(warnings));
        Value::Object(j)
    }

    fn head(&self) -> String {
        let mut os = String::new();
        if !self.name.is_empty() {
            os.push_str(&self.name);
            os.push_str(": ");
        }
        if self.successful() {
            os.push_str("Ok");
            if self.has_warnings() {
                os.push_str(", with warnings");
            }
        } else {
            os.push_str("Invalid");
        }
        os
    }

    /// The verbose text block (what `-V` prints for an invalid file).
    pub fn as_verbose_text(&self, contents: &Contents) -> String {
        let mut os = self.head();
        if !self.schema_status.is_empty() && !self.schema_valid() {
            os.push('\n');
            os.push_str(&format!("{} Schema warnings:\n", self.schema_status.len()));
            for s in &self.schema_status {
                os.push_str("------\n");
                os.push_str(s);
                os.push('\n');
            }
            os.push_str("------\n");
        }
        if !self.errors.is_empty() {
            os.push('\n');
            os.push_str(&format!("{} Errors:\n", self.errors.len()));
            for e in &self.errors {
                os.push_str(&e.ctx.as_text());
                os.push_str("------\n");
                os.push_str(&e.ctx.snippet(contents, crate::context::SNIPPET_WIDTH));
                os.push_str("------\n");
                os.push_str(&format!(
                    "{} ({}): {}\n",
                    e.code.code(),
                    e.code.text(),
                    e.message
                ));
            }
        }
        if !self.warnings.is_empty() {
            os.push('\n');
            os.push_str(&format!("{} Warnings:\n", self.warnings.len()));
            for w in &self.warnings {
                os.push_str(&w.ctx.as_text());
                os.push_str("------\n");
                os.push_str(&w.ctx.snippet(contents, crate::context::SNIPPET_WIDTH));
                os.push_str("------\n");
                os.push_str(&format!(
                    "{} ({}): {}\n",
                    w.code.code(),
                    w.text(),
                    w.message
                ));
            }
        }
        os
    }

    /// The one-line summary form.
    pub fn as_summary_text(&self) -> String {
        let mut os = self.head();
        if !self.schema_status.is_empty() && !self.schema_valid() {
            os.push_str(&format!(
                "\n {} schema warnings: [{}]",
                self.schema_status.len(),
                self.schema_status.join(" ")
            ));
        }
        if !self.errors.is_empty() {
            let v: Vec<String> = self
                .errors
                .iter()
                .map(|e| format!("{} ({})", e.code.code(), e.code.text()))
                .collect();
            os.push_str(&format!(
                "\n {} errors: [{}]",
                self.errors.len(),
                v.join(" ")
            ));
        }
        if !self.warnings.is_empty() {
            let v: Vec<String> = self
                .warnings
                .iter()
                .map(|w| format!("{} ({})", w.code.code(), w.text()))
                .collect();
            os.push_str(&format!(
                "\n {} warnings: [{}]",
                self.warnings.len(),
                v.join(" ")
            ));
        }
        os
    }
}
