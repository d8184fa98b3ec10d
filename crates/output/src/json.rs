//! The JSON Falco writes: compact, keys sorted, strings escaped the way nlohmann's `dump()`
//! does with UTF-8 kept as is, doubles in nlohmann's shortest form.

use std::collections::BTreeMap;
use std::fmt::Write;

/// A typed `output_fields` value.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
    Array(Vec<JsonValue>),
}

impl JsonValue {
    pub fn write(&self, out: &mut String) {
        match self {
            JsonValue::Null => out.push_str("null"),
            JsonValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            JsonValue::I64(v) => {
                let _ = write!(out, "{v}");
            }
            JsonValue::U64(v) => {
                let _ = write!(out, "{v}");
            }
            JsonValue::F64(v) => write_f64(*v, out),
            JsonValue::Str(s) => write_str(s, out),
            JsonValue::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
        }
    }
}

/// `output_fields`: keys in byte order, as a `std::map` keeps them.
pub type JsonFields = BTreeMap<String, JsonValue>;

pub fn write_fields(fields: &JsonFields, out: &mut String) {
    out.push('{');
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(k, out);
        out.push(':');
        v.write(out);
    }
    out.push('}');
}

/// A quoted JSON string: `"` and `\` escaped, the usual short escapes for control characters,
/// `\u00xx` (lower-case hex) for the other ones below 0x20; everything else verbatim.
pub fn write_str(s: &str, out: &mut String) {
    out.push('"');
    escape_into(s, out);
    out.push('"');
}

/// The body of a JSON string, without quotes.
pub fn escape_into(s: &str, out: &mut String) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// nlohmann's number layout on the shortest round-trip digits: plain digits with `.0` for
/// integral values up to 15 digits, a decimal point inside or `0.000ddd` down to 1e-4,
/// otherwise `d.ddde+NN`. Non-finite values are `null`.
pub fn write_f64(v: f64, out: &mut String) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    if v == 0.0 {
        out.push_str(if v.is_sign_negative() { "-0.0" } else { "0.0" });
        return;
    }
    // `{:e}` gives the shortest round-trip digits: "1.2345e-5", "5e0".
    let sci = format!("{:e}", v.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i32;
    // Decimal exponent such that value = 0.digits * 10^n.
    let n = exp + 1;
    if v < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 15 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
        out.push_str(".0");
    } else if 0 < n && n <= 15 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -4 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = n - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> String {
        let mut o = String::new();
        write_str(v, &mut o);
        o
    }

    fn f(v: f64) -> String {
        let mut o = String::new();
        write_f64(v, &mut o);
        o
    }

    #[test]
    fn strings_escape_like_nlohmann() {
        assert_eq!(s("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(s("\n\t\r\u{8}\u{c}"), r#""\n\t\r\b\f""#);
        assert_eq!(s("\u{1}\u{1f}\u{7f}"), "\"\\u0001\\u001f\u{7f}\"");
        assert_eq!(s("/dev/null é ✓"), "\"/dev/null é ✓\"");
        assert_eq!(s("<NA>"), "\"<NA>\"");
    }

    #[test]
    fn doubles_like_nlohmann() {
        assert_eq!(f(0.5), "0.5");
        assert_eq!(f(12.0), "12.0");
        assert_eq!(f(-3.25), "-3.25");
        assert_eq!(f(0.0001), "0.0001");
        assert_eq!(f(0.00001), "1e-05");
        assert_eq!(f(1e14), "100000000000000.0");
        assert_eq!(f(1e15), "1e+15");
        assert_eq!(f(1e16), "1e+16");
        assert_eq!(f(123456.789), "123456.789");
        assert_eq!(f(1.5e300), "1.5e+300");
        assert_eq!(f(f64::NAN), "null");
    }

    #[test]
    fn fields_sorted() {
        let mut m = JsonFields::new();
        m.insert("proc.pid".into(), JsonValue::I64(7));
        m.insert("evt.time".into(), JsonValue::U64(1));
        m.insert("fd.sip".into(), JsonValue::Null);
        m.insert(
            "fd.types".into(),
            JsonValue::Array(vec![JsonValue::Str("file".into())]),
        );
        let mut o = String::new();
        write_fields(&m, &mut o);
        assert_eq!(
            o,
            r#"{"evt.time":1,"fd.sip":null,"fd.types":["file"],"proc.pid":7}"#
        );
    }
}
