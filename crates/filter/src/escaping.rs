//! Quoted-string escapes of the condition language, in both directions.

/// Decodes the body of a quoted string. `raw` includes both delimiters.
///
/// Escapes decode to bytes (`\xHH` may produce any byte); the result is turned back into a
/// `String`, replacing invalid UTF-8 sequences, because the AST stores text. Falco sanitises
/// values to UTF-8 before set lookups anyway, so only pathological literals are affected.
pub(crate) fn unescape(raw: &[u8]) -> Result<String, String> {
    let delim = raw.first().copied().unwrap_or(b'"');
    let end = raw.len().saturating_sub(1);
    let mut out: Vec<u8> = Vec::with_capacity(end);
    let mut escaped = false;
    let mut i = 1;
    while i < end {
        let c = raw[i];
        if !escaped {
            if c == b'\\' {
                escaped = true;
            } else {
                out.push(c);
            }
            i += 1;
            continue;
        }
        match c {
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            // `\ ` is accepted for compatibility with old, wrongly escaped rules.
            b' ' | b'\\' => out.push(b'\\'),
            b'/' => out.push(b'/'),
            b'"' => {
                if delim != b'"' {
                    return Err("invalid \\\" escape in '-quoted string".into());
                }
                out.push(b'"');
            }
            b'\'' => {
                if delim != b'\'' {
                    return Err("invalid \\' escape in \"-quoted string".into());
                }
                out.push(b'\'');
            }
            b'x' => {
                if i + 2 >= end {
                    return Err("truncated hex char escape sequence".into());
                }
                let digits = &raw[i + 1..i + 3];
                let parsed = std::str::from_utf8(digits)
                    .ok()
                    .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|d| u8::from_str_radix(d, 16).ok());
                match parsed {
                    Some(b) => out.push(b),
                    None => {
                        return Err(format!(
                            "invalid hex char escape sequence: {}",
                            String::from_utf8_lossy(digits)
                        ))
                    }
                }
                i += 2;
            }
            other => {
                return Err(format!(
                    "unsupported string escape sequence: \\{}",
                    char::from(other)
                ))
            }
        }
        escaped = false;
        i += 1;
    }
    Ok(match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Renders a value the way Falco prints it in compiled conditions: verbatim unless it contains
/// a character that would not survive re-parsing as a bare word, in which case it is wrapped in
/// double quotes with `\`, `"` and control characters escaped. Like Falco, `(`, `)` and `,` do
/// not trigger quoting.
pub fn escape(value: &str) -> String {
    let mut res = String::with_capacity(value.len() + 2);
    let mut quote = false;
    for c in value.chars() {
        match c {
            '\u{8}' => {
                quote = true;
                res.push_str("\\b");
            }
            '\u{c}' => {
                quote = true;
                res.push_str("\\f");
            }
            '\n' => {
                quote = true;
                res.push_str("\\n");
            }
            '\r' => {
                quote = true;
                res.push_str("\\r");
            }
            '\t' => {
                quote = true;
                res.push_str("\\t");
            }
            '\\' => {
                quote = true;
                res.push_str("\\\\");
            }
            '"' => {
                quote = true;
                res.push_str("\\\"");
            }
            ' ' | '=' | '\'' | '\0' => {
                quote = true;
                res.push(c);
            }
            _ => res.push(c),
        }
    }
    if quote {
        format!("\"{res}\"")
    } else {
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_basic() {
        assert_eq!(unescape(br#""a\tb""#).unwrap(), "a\tb");
        assert_eq!(unescape(br#"'it\'s'"#).unwrap(), "it's");
        assert_eq!(unescape(br#""\x41\x42""#).unwrap(), "AB");
        assert_eq!(unescape(br#""a\ b""#).unwrap(), "a\\b");
        assert_eq!(unescape(br#""\/""#).unwrap(), "/");
        assert_eq!(
            unescape(br#""\q""#).unwrap_err(),
            "unsupported string escape sequence: \\q"
        );
        assert_eq!(
            unescape(br#"'\"'"#).unwrap_err(),
            "invalid \\\" escape in '-quoted string"
        );
        assert_eq!(
            unescape(br#""\'""#).unwrap_err(),
            "invalid \\' escape in \"-quoted string"
        );
        assert_eq!(
            unescape(br#""\x4""#).unwrap_err(),
            "truncated hex char escape sequence"
        );
        assert_eq!(
            unescape(br#""\xzz""#).unwrap_err(),
            "invalid hex char escape sequence: zz"
        );
    }

    #[test]
    fn escape_basic() {
        assert_eq!(escape("abc"), "abc");
        assert_eq!(escape("a b"), "\"a b\"");
        assert_eq!(escape("(systemd)"), "(systemd)");
        assert_eq!(escape("a\"b"), "\"a\\\"b\"");
        assert_eq!(escape("it's"), "\"it's\"");
        assert_eq!(escape("a\\b"), "\"a\\\\b\"");
        assert_eq!(escape("x=y"), "\"x=y\"");
    }
}
