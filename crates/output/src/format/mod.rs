//! Rule output formats in Falco's dialect: literal text with `%` tokens, each an optional
//! width and a field or transformer expression. Falco always renders rule outputs as if they
//! began with `*`, so a field without a value prints `<NA>` instead of suppressing the line.

mod eval;
mod parse;
mod types;

use peregrine_fields::{EvalCtx, FieldReq, Value};

use crate::json::{JsonFields, JsonValue};
use eval::{CompileError, Node};
use parse::Parser;
use types::Ty;

/// Why a format does not compile; the text is Falco's (`LOAD_ERR_COMPILE_OUTPUT` message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("empty formatting token")]
    Empty,
    #[error("invalid formatting syntax: formatting cannot end with a %")]
    EndsWithPercent,
    #[error("invalid formatting syntax: formatting cannot end with a number")]
    EndsWithNumber,
    /// No prefix of the text after `%` is a valid field or transformer. libsinsp reports the
    /// parser error of its last, one-character attempt, which is always this one.
    #[error("unknown filter: unexpected token after '")]
    UnknownFilter,
    #[error("{0}")]
    Other(String),
}

const CONTAINER_INFO: &str = "%container.info";

/// The deprecation warning Falco gives for `%container.info` (`LOAD_DEPRECATED_ITEM`).
pub const CONTAINER_INFO_WARNING: &str = "%container.info is deprecated and no more useful, and \
     will be dropped by Falco 1.0.0. The container plugin will automatically add required fields \
     to the output message.";

/// Removes every `%container.info` from a rule output, as Falco does before compiling it.
/// Returns the new text and whether anything was removed (then [`CONTAINER_INFO_WARNING`]
/// applies).
pub fn strip_container_info(output: &str) -> (String, bool) {
    if output.contains(CONTAINER_INFO) {
        (output.replace(CONTAINER_INFO, ""), true)
    } else {
        (output.to_string(), false)
    }
}

#[derive(Debug, Clone)]
enum Token {
    Text(String),
    Expr { node: Node, width: usize },
}

/// A compiled output format.
#[derive(Debug, Clone)]
pub struct OutputFormat {
    tokens: Vec<Token>,
    /// `output_fields` entries: key, field, static type; one per key, first occurrence wins.
    fields: Vec<(String, FieldReq, Ty)>,
}

impl OutputFormat {
    /// Compiles a format with libsinsp's tokenizer: after each `%` and optional width, the
    /// longest prefix of the rest of the text that is a valid field or transformer expression
    /// (`%proc.name)` stops before `)`, `%proc.name[1]` is `proc.name` then text `[1]`).
    /// One leading `*` is accepted and ignored.
    pub fn compile(fmt: &str) -> Result<OutputFormat, OutputError> {
        if fmt.is_empty() {
            return Err(OutputError::Empty);
        }
        let body = fmt.strip_prefix('*').unwrap_or(fmt);
        let b = body.as_bytes();
        let mut tokens = Vec::new();
        let mut fields: Vec<(String, FieldReq, Ty)> = Vec::new();
        let mut text_start = 0;
        let mut j = 0;
        while j < b.len() {
            if b[j] != b'%' {
                j += 1;
                continue;
            }
            if j > text_start {
                tokens.push(Token::Text(
                    String::from_utf8_lossy(&b[text_start..j]).into_owned(),
                ));
            }
            if j + 1 == b.len() {
                return Err(OutputError::EndsWithPercent);
            }
            let mut width = 0usize;
            let mut k = j + 1;
            if b[k].is_ascii_digit() {
                while k < b.len() && b[k].is_ascii_digit() {
                    width = width
                        .saturating_mul(10)
                        .saturating_add(usize::from(b[k] - b'0'));
                    k += 1;
                }
                if k == b.len() {
                    return Err(OutputError::EndsWithNumber);
                }
            }
            let rest = &b[k..];
            let (node, used) = longest_token(rest)?;
            let mut found = Vec::new();
            node.collect_fields(&mut found);
            for (key, req, ty) in found {
                if !fields.iter().any(|(k, _, _)| k == key) {
                    fields.push((key.to_string(), req.clone(), ty));
                }
            }
            tokens.push(Token::Expr { node, width });
            j = k + used;
            text_start = j;
        }
        if text_start < b.len() {
            tokens.push(Token::Text(
                String::from_utf8_lossy(&b[text_start..]).into_owned(),
            ));
        }
        Ok(OutputFormat { tokens, fields })
    }

    /// Appends the rendered text: fields without a value print `<NA>`; a width pads with
    /// spaces or cuts the value to exactly that many bytes.
    pub fn render_text(&self, cx: &EvalCtx<'_>, out: &mut String) {
        let mut vals: Vec<Value<'_>> = Vec::new();
        for t in &self.tokens {
            match t {
                Token::Text(s) => out.push_str(s),
                Token::Expr { node, width } => {
                    let start = out.len();
                    vals.clear();
                    if !(node.eval(cx, &mut vals) && eval::render_values(node, &vals, cx, out)) {
                        out.push_str("<NA>");
                    }
                    if *width > 0 {
                        fit_width(out, start, *width);
                    }
                }
            }
        }
    }

    /// The rendered text as a new string.
    pub fn to_text(&self, cx: &EvalCtx<'_>) -> String {
        let mut s = String::new();
        self.render_text(cx, &mut s);
        s
    }

    /// Adds this format's `output_fields` entries: every field it reads (inside transformers
    /// too, untransformed), typed as Falco types them, `null` when missing.
    pub fn render_json_fields(&self, cx: &EvalCtx<'_>, out: &mut JsonFields) {
        for (key, req, ty) in &self.fields {
            out.insert(key.clone(), eval::json_field(req, *ty, cx));
        }
    }

    /// The typed value of one of this format's `output_fields` keys (`None` if the format does
    /// not read that key). Used for `append_output` raw extra fields.
    pub fn json_value_of(&self, key: &str, cx: &EvalCtx<'_>) -> Option<JsonValue> {
        self.fields
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, req, ty)| eval::json_field(req, *ty, cx))
    }

    /// The `output_fields` keys, in order of first use.
    pub fn field_keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(k, _, _)| k.as_str())
    }

    /// The fields read, in order of first use.
    pub fn fields(&self) -> impl Iterator<Item = &FieldReq> {
        self.fields.iter().map(|(_, r, _)| r)
    }
}

/// Tries the whole rest of the format, then ever shorter prefixes, until one parses and
/// compiles; returns the expression and the bytes the parser consumed.
fn longest_token(rest: &[u8]) -> Result<(Node, usize), OutputError> {
    let mut size = rest.len();
    while size > 0 {
        let mut p = Parser::new(&rest[..size]);
        if let Ok(ast) = p.field_or_transformer() {
            match Node::compile(&ast) {
                Ok(node) => return Ok((node, p.pos())),
                Err(CompileError::Fatal(msg)) => return Err(OutputError::Other(msg)),
                Err(CompileError::Invalid) => {}
            }
        }
        size -= 1;
    }
    Err(OutputError::UnknownFilter)
}

/// `std::string::resize(width, ' ')` on the value appended at `start`. A cut through a
/// multi-byte character leaves U+FFFD, which is what Falco's JSON writer turns the partial
/// sequence into.
fn fit_width(out: &mut String, start: usize, width: usize) {
    let len = out.len() - start;
    if len < width {
        out.extend(std::iter::repeat_n(' ', width - len));
    } else if len > width {
        let cut = start + width;
        if out.is_char_boundary(cut) {
            out.truncate(cut);
        } else {
            let mut b = cut;
            while !out.is_char_boundary(b) {
                b -= 1;
            }
            out.truncate(b);
            out.push('\u{FFFD}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(f: &str) -> Vec<String> {
        OutputFormat::compile(f)
            .unwrap()
            .field_keys()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn tokenizer_takes_the_longest_valid_field() {
        assert_eq!(
            keys("cmd=%proc.cmdline) file=%fd.name,x %tolower(proc.name) %proc.aname[2]"),
            ["proc.cmdline", "fd.name", "proc.name", "proc.aname[2]"]
        );
        // Not a field with argument: `proc.name` then the text `[1]`.
        let f = OutputFormat::compile("%proc.name[1]").unwrap();
        assert!(matches!(&f.tokens[1], Token::Text(t) if t == "[1]"));
        assert_eq!(keys("%proc.name.suffix"), ["proc.name"]);
        assert_eq!(
            keys("%proc.env[HOME] %evt.arg.fd %evt.arg[0]"),
            ["proc.env[HOME]", "evt.arg.fd", "evt.arg[0]"]
        );
        assert_eq!(keys("%proc.env[\"A B\"]"), ["proc.env[\"A B\"]"]);
        assert_eq!(
            keys("%20proc.name %toupper(basename(fd.name))"),
            ["proc.name", "fd.name"]
        );
        assert_eq!(keys("*%proc.name"), ["proc.name"]);
        let f = OutputFormat::compile("é%proc.name✓%fd.name").unwrap();
        assert!(matches!(&f.tokens[0], Token::Text(t) if t == "é"));
        assert!(matches!(&f.tokens[2], Token::Text(t) if t == "✓"));
        assert_eq!(keys("%fd.sip %fd.sip"), ["fd.sip"]);
        assert_eq!(
            keys("%concat(proc.name, \"-\", user.name)"),
            ["proc.name", "user.name"]
        );
    }

    #[test]
    fn falco_error_messages() {
        let err = |f: &str| OutputFormat::compile(f).unwrap_err().to_string();
        assert_eq!(err(""), "empty formatting token");
        assert_eq!(
            err("x %"),
            "invalid formatting syntax: formatting cannot end with a %"
        );
        assert_eq!(
            err("x %12"),
            "invalid formatting syntax: formatting cannot end with a number"
        );
        assert_eq!(
            err("An open was seen %not_a_real_field"),
            "unknown filter: unexpected token after '"
        );
        assert_eq!(
            err("%proc.nobody"),
            "unknown filter: unexpected token after '"
        );
        assert_eq!(err("%%"), "unknown filter: unexpected token after '");
        // Type errors and misuse of transformers are just invalid tokens.
        assert_eq!(
            err("%toupper(proc.pid)"),
            "unknown filter: unexpected token after '"
        );
        assert_eq!(
            err("%tolower(proc.aname[1])"),
            "unknown filter: unexpected token after '"
        );
        assert_eq!(
            err("%join(\",\", proc.name)"),
            "unknown filter: unexpected token after '"
        );
        assert_eq!(
            err("%tolower(proc.name, fd.name)"),
            "unknown multivalue transformer"
        );
        assert!(
            OutputFormat::compile("%len(fd.types) %b64(evt.buffer) %basename(proc.exepath)")
                .is_ok()
        );
        assert!(OutputFormat::compile("%getopt((proc.name, fd.name), \"ab:\")[b]").is_ok());
        // A two-letter selector is not part of the token: it stays as text.
        let f = OutputFormat::compile("%getopt((proc.name), \"ab:\")[bc]").unwrap();
        assert!(matches!(&f.tokens[1], Token::Text(t) if t == "[bc]"));
    }

    #[test]
    fn container_info_is_stripped() {
        let (s, warned) = strip_container_info("a %container.info b");
        assert_eq!((s.as_str(), warned), ("a  b", true));
        assert_eq!(strip_container_info("x"), ("x".to_string(), false));
    }

    #[test]
    fn widths_resize_bytes() {
        let mut s = String::from("ab");
        fit_width(&mut s, 1, 4);
        assert_eq!(s, "ab   ");
        let mut s = String::from("abcdef");
        fit_width(&mut s, 0, 3);
        assert_eq!(s, "abc");
        let mut s = String::from("éé");
        fit_width(&mut s, 0, 3);
        assert_eq!(s, "é\u{FFFD}");
    }
}
