//! `-p` / rule output format strings: literal text with `%field` tokens.
//!
//! A format that starts with `*` prints `<NA>` for fields without a value; without it, a line
//! with any missing field is not printed at all (sysdig's rule). Falco formats rule outputs as
//! if they started with `*`.

use crate::extract::{extract_display, extract_display_one, is_multi_valued, EvalCtx};
use crate::request::{resolve_prefix, FieldError, FieldReq};
use crate::value::Value;

#[derive(Debug, Clone)]
enum Token {
    Text(String),
    Field { req: FieldReq, width: Option<usize> },
}

#[derive(Debug, Clone)]
pub struct Format {
    tokens: Vec<Token>,
    /// Print `<NA>` for missing values instead of dropping the line.
    pub print_all: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("invalid formatting token {0}")]
    BadToken(String),
    #[error("{0}")]
    Field(#[from] FieldError),
}

impl Format {
    pub fn parse(fmt: &str) -> Result<Format, FormatError> {
        let (print_all, body) = match fmt.strip_prefix('*') {
            Some(rest) => (true, rest),
            None => (false, fmt),
        };
        let mut tokens = Vec::new();
        let mut text = String::new();
        let mut rest = body;
        while let Some(i) = rest.find('%') {
            text.push_str(&rest[..i]);
            rest = &rest[i + 1..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let width = rest[..digits].parse().ok();
            let after = &rest[digits..];
            if after.is_empty() || !after.as_bytes()[0].is_ascii_alphabetic() {
                return Err(FormatError::BadToken(after.to_string()));
            }
            let (req, used) = resolve_prefix(after).map_err(|e| match e {
                FieldError::Unknown(_) => FormatError::BadToken(after.to_string()),
                e => FormatError::Field(e),
            })?;
            if !text.is_empty() {
                tokens.push(Token::Text(std::mem::take(&mut text)));
            }
            tokens.push(Token::Field { req, width });
            rest = &after[used..];
        }
        text.push_str(rest);
        if !text.is_empty() {
            tokens.push(Token::Text(text));
        }
        Ok(Format { tokens, print_all })
    }

    /// The fields the format references, in order.
    pub fn fields(&self) -> impl Iterator<Item = &FieldReq> {
        self.tokens.iter().filter_map(|t| match t {
            Token::Field { req, .. } => Some(req),
            Token::Text(_) => None,
        })
    }

    /// Renders the line into `out`. Returns false (and leaves `out` unspecified) when a field is
    /// missing and the format does not print all.
    pub fn render(&self, cx: &EvalCtx<'_>, out: &mut String) -> bool {
        // Only multi-valued fields need a buffer; `Vec::new` does not allocate until then.
        let mut vals: Vec<Value<'_>> = Vec::new();
        for t in &self.tokens {
            match t {
                Token::Text(s) => out.push_str(s),
                Token::Field { req, width } => {
                    let start = out.len();
                    let found = if is_multi_valued(req) {
                        vals.clear();
                        let found = extract_display(req, cx, &mut vals);
                        for (i, v) in vals.iter().enumerate() {
                            if i > 0 {
                                out.push(' ');
                            }
                            v.render(out);
                        }
                        found
                    } else if let Some(v) = extract_display_one(req, cx) {
                        v.render(out);
                        true
                    } else {
                        false
                    };
                    if !found {
                        if !self.print_all {
                            return false;
                        }
                        out.push_str("<NA>");
                    }
                    if let Some(w) = *width {
                        pad_or_truncate(out, start, w);
                    }
                }
            }
        }
        true
    }
}

fn pad_or_truncate(out: &mut String, start: usize, w: usize) {
    let len = out[start..].chars().count();
    if len < w {
        out.extend(std::iter::repeat_n(' ', w - len));
    } else if len > w {
        let cut = out[start..]
            .char_indices()
            .nth(w)
            .map_or(out.len(), |(i, _)| start + i);
        out.truncate(cut);
    }
}

/// sysdig's default line when no `-p` is given.
pub const SYSDIG_DEFAULT: &str =
    "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";
