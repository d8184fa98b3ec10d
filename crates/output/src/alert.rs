//! Alert lines: `<time>: <Priority> <output>` in text mode, one JSON object in JSON mode.

use peregrine_fields::{time, EvalCtx};

use crate::format::OutputFormat;
use crate::json::{self, JsonFields, JsonValue};
use crate::priority::Priority;

/// The `falco.yaml` keys that shape an alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputConfig {
    /// `json_output` (default false).
    pub json_output: bool,
    /// `json_include_output_property` (default true).
    pub json_include_output_property: bool,
    /// `json_include_tags_property` (default true).
    pub json_include_tags_property: bool,
    /// `json_include_message_property` (default false).
    pub json_include_message_property: bool,
    /// `json_include_output_fields_property` (default true).
    pub json_include_output_fields_property: bool,
    /// `time_format_iso_8601` (default false): the line prefix uses `%evt.time.iso8601`.
    pub time_format_iso_8601: bool,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            json_output: false,
            json_include_output_property: true,
            json_include_tags_property: true,
            json_include_message_property: false,
            json_include_output_fields_property: true,
            time_format_iso_8601: false,
        }
    }
}

/// An `append_output` extra field: `key` in `output_fields`, rendered from `format` as a
/// string, or (`raw`) the typed value of the field named `key` in that format.
#[derive(Debug, Clone)]
pub struct ExtraField {
    pub key: String,
    pub format: OutputFormat,
    pub raw: bool,
}

/// The hostname alerts carry: `FALCO_HOSTNAME` when set, else the kernel's host name.
pub fn hostname() -> String {
    if let Ok(h) = std::env::var("FALCO_HOSTNAME") {
        return h;
    }
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim_end_matches('\n').to_string())
        .unwrap_or_default()
}

/// Renders alerts for one event source.
#[derive(Debug, Clone)]
pub struct AlertRenderer {
    config: OutputConfig,
    hostname: String,
    source: String,
}

impl AlertRenderer {
    pub fn new(config: OutputConfig, hostname: impl Into<String>) -> AlertRenderer {
        AlertRenderer {
            config,
            hostname: hostname.into(),
            source: "syscall".into(),
        }
    }

    /// The line prefix: `%evt.time`, or `%evt.time.iso8601` with `time_format_iso_8601`.
    fn prefix_text(&self, ts: u64, out: &mut String) {
        if self.config.time_format_iso_8601 {
            out.push_str(&time::iso8601(ts));
        } else {
            out.push_str(&time::time(ts));
        }
    }

    /// The `output_fields` key of the prefix field; like every time field it holds the
    /// timestamp in nanoseconds.
    fn prefix_key(&self) -> &'static str {
        if self.config.time_format_iso_8601 {
            "evt.time.iso8601"
        } else {
            "evt.time"
        }
    }

    /// The `source` key of JSON alerts (default `syscall`).
    pub fn with_source(mut self, source: impl Into<String>) -> AlertRenderer {
        self.source = source.into();
        self
    }

    pub fn config(&self) -> &OutputConfig {
        &self.config
    }

    pub fn hostname(&self) -> &str {
        &self.hostname
    }

    /// Appends the alert line (no trailing newline) for `rule` firing on the event of `cx`.
    pub fn alert<T: AsRef<str>>(
        &self,
        rule: &str,
        priority: Priority,
        tags: &[T],
        cx: &EvalCtx<'_>,
        fmt: &OutputFormat,
        out: &mut String,
    ) {
        self.alert_with_extra(rule, priority, tags, cx, fmt, &[], out);
    }

    /// [`AlertRenderer::alert`] with `append_output` extra fields.
    #[allow(clippy::too_many_arguments)]
    pub fn alert_with_extra<T: AsRef<str>>(
        &self,
        rule: &str,
        priority: Priority,
        tags: &[T],
        cx: &EvalCtx<'_>,
        fmt: &OutputFormat,
        extra: &[ExtraField],
        out: &mut String,
    ) {
        let mut line = String::with_capacity(256);
        self.prefix_text(cx.ev.ts, &mut line);
        line.push_str(": ");
        line.push_str(priority.name());
        line.push(' ');
        let message_start = line.len();
        fmt.render_text(cx, &mut line);
        if !self.config.json_output {
            out.push_str(&line);
            return;
        }
        let c = &self.config;
        out.push_str("{\"hostname\":");
        json::write_str(&self.hostname, out);
        if c.json_include_message_property {
            out.push_str(",\"message\":");
            json::write_str(&line[message_start..], out);
        }
        if c.json_include_output_property {
            out.push_str(",\"output\":");
            json::write_str(&line, out);
        }
        if c.json_include_output_fields_property {
            let mut fields = JsonFields::new();
            fmt.render_json_fields(cx, &mut fields);
            fields.insert(
                self.prefix_key().to_string(),
                JsonValue::I64(cx.ev.ts as i64),
            );
            for ef in extra {
                let v = if ef.raw {
                    ef.format
                        .json_value_of(&ef.key, cx)
                        .unwrap_or(JsonValue::Null)
                } else {
                    JsonValue::Str(ef.format.to_text(cx))
                };
                fields.insert(ef.key.clone(), v);
            }
            out.push_str(",\"output_fields\":");
            json::write_fields(&fields, out);
        }
        out.push_str(",\"priority\":");
        json::write_str(priority.name(), out);
        out.push_str(",\"rule\":");
        json::write_str(rule, out);
        out.push_str(",\"source\":");
        json::write_str(&self.source, out);
        if c.json_include_tags_property {
            let mut sorted: Vec<&str> = tags.iter().map(AsRef::as_ref).collect();
            sorted.sort_unstable();
            sorted.dedup();
            out.push_str(",\"tags\":[");
            for (i, t) in sorted.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json::write_str(t, out);
            }
            out.push(']');
        }
        out.push_str(",\"time\":");
        json::write_str(&time::iso8601_z(cx.ev.ts), out);
        out.push('}');
    }

    /// A message Falco generates itself (e.g. syscall drop notices), `source: internal`:
    /// JSON `{hostname, output, output_fields, priority, rule, source, time}`, or in text
    /// `<time>: <Priority> <msg> (k=v k=v)` with JSON-encoded values.
    pub fn internal(
        &self,
        ts: u64,
        priority: Priority,
        msg: &str,
        rule: &str,
        fields: &JsonFields,
        out: &mut String,
    ) {
        if self.config.json_output {
            out.push_str("{\"hostname\":");
            json::write_str(&self.hostname, out);
            out.push_str(",\"output\":");
            json::write_str(msg, out);
            out.push_str(",\"output_fields\":");
            json::write_fields(fields, out);
            out.push_str(",\"priority\":");
            json::write_str(priority.name(), out);
            out.push_str(",\"rule\":");
            json::write_str(rule, out);
            out.push_str(",\"source\":\"internal\",\"time\":");
            json::write_str(&time::iso8601_z(ts), out);
            out.push('}');
            return;
        }
        out.push_str(&time::time(ts));
        out.push_str(": ");
        out.push_str(priority.name());
        out.push(' ');
        out.push_str(msg);
        out.push_str(" (");
        for (i, (k, v)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(k);
            out.push('=');
            v.write(out);
        }
        out.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_messages() {
        let mut fields = JsonFields::new();
        fields.insert("n_drops".into(), JsonValue::U64(9));
        fields.insert("ebpf_enabled".into(), JsonValue::Str("0".into()));
        let ts = 1_470_327_477_882_054_739;
        let text = AlertRenderer::new(OutputConfig::default(), "h");
        let mut out = String::new();
        text.internal(
            ts,
            Priority::Critical,
            "Falco internal: syscall event drop",
            "Falco internal",
            &fields,
            &mut out,
        );
        assert_eq!(
            out,
            "16:17:57.882054739: Critical Falco internal: syscall event drop (ebpf_enabled=\"0\" n_drops=9)"
        );
        let json = AlertRenderer::new(
            OutputConfig {
                json_output: true,
                ..OutputConfig::default()
            },
            "h",
        );
        let mut out = String::new();
        json.internal(
            ts,
            Priority::Critical,
            "drop",
            "Falco internal",
            &fields,
            &mut out,
        );
        assert_eq!(
            out,
            "{\"hostname\":\"h\",\"output\":\"drop\",\"output_fields\":{\"ebpf_enabled\":\"0\",\"n_drops\":9},\
             \"priority\":\"Critical\",\"rule\":\"Falco internal\",\"source\":\"internal\",\
             \"time\":\"2016-08-04T16:17:57.882054739Z\"}"
        );
    }
}
