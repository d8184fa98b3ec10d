//! Field transformers: their type rules (checked at compile time) and their evaluation on
//! extracted values.

use crate::ast::Transformer;
use crate::field::{FieldType, Value, Values};

/// Result type of a single-value transformer applied to `(ty, is_list)`, or `None` when
/// the transformer does not accept that type.
pub(crate) fn transform_type(
    t: Transformer,
    ty: FieldType,
    is_list: bool,
) -> Option<(FieldType, bool)> {
    use FieldType::*;
    match t {
        Transformer::ToLower | Transformer::ToUpper | Transformer::Basename => {
            matches!(ty, CharBuf | FsPath | FsRelPath).then_some((ty, is_list))
        }
        Transformer::B64 => matches!(ty, CharBuf | ByteBuf).then_some((ty, is_list)),
        Transformer::Len => {
            if is_list || matches!(ty, CharBuf | ByteBuf | FsPath | FsRelPath) {
                Some((Uint64, false))
            } else {
                None
            }
        }
        Transformer::Join | Transformer::Concat | Transformer::Getopt => None,
    }
}

/// Renders a value as the bytes a string-joining transformer appends.
fn append_value(out: &mut Vec<u8>, v: &Value<'_>) {
    use std::io::Write;
    match v {
        Value::Str(s) => out.extend_from_slice(s),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::I64(x) => {
            let _ = write!(out, "{x}");
        }
        Value::U64(x) => {
            let _ = write!(out, "{x}");
        }
        Value::Double(x) => {
            let _ = write!(out, "{x}");
        }
        Value::Ip(ip) => {
            let _ = write!(out, "{ip}");
        }
    }
}

fn b64_digit(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Standard-alphabet base64 decoding; up to two `=` of padding are optional, leftover bits
/// must be zero, any other character fails the extraction.
pub(crate) fn b64_decode(input: &[u8], out: &mut Vec<u8>) -> bool {
    if input.is_empty() {
        return true;
    }
    let mut n = input.len();
    for _ in 0..2 {
        if n > 0 && input[n - 1] == b'=' {
            n -= 1;
        }
    }
    let body = &input[..n];
    if body.is_empty() || body.len() % 4 == 1 {
        return false;
    }
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in body {
        let Some(d) = b64_digit(c) else {
            return false;
        };
        acc = (acc << 6) | u32::from(d);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    acc == 0
}

/// Applies a single-value transformer to every value of `input`.
pub(crate) fn apply_single(
    t: Transformer,
    input_ty: FieldType,
    input_is_list: bool,
    input: &Values,
    out: &mut Values,
) -> bool {
    match t {
        Transformer::Len => {
            if input_is_list {
                out.push_u64(input.len() as u64);
                return true;
            }
            let Some(v) = input.first() else {
                return false;
            };
            let len = match v {
                Value::Str(s) if input_ty.is_string() => {
                    s.iter().position(|c| *c == 0).unwrap_or(s.len())
                }
                Value::Str(s) => s.len(),
                _ => return false,
            };
            out.push_u64(len as u64);
            true
        }
        _ => {
            for v in input.iter() {
                let Value::Str(s) = v else {
                    return false;
                };
                let mut ok = true;
                out.push_str_with(|buf| match t {
                    Transformer::ToLower => buf.extend(s.iter().map(u8::to_ascii_lowercase)),
                    Transformer::ToUpper => buf.extend(s.iter().map(u8::to_ascii_uppercase)),
                    Transformer::Basename => {
                        let start = s.iter().rposition(|c| *c == b'/').map_or(0, |i| i + 1);
                        buf.extend_from_slice(&s[start..]);
                    }
                    Transformer::B64 => ok = b64_decode(s, buf),
                    _ => ok = false,
                });
                if !ok {
                    return false;
                }
            }
            true
        }
    }
}

pub(crate) fn apply_join(sep: &Values, list: &Values, out: &mut Values) -> bool {
    let Some(sep) = sep.first() else {
        return false;
    };
    out.push_str_with(|buf| {
        for (i, v) in list.iter().enumerate() {
            if i > 0 {
                append_value(buf, &sep);
            }
            append_value(buf, &v);
        }
    });
    true
}

pub(crate) fn apply_concat<'a>(args: impl Iterator<Item = &'a Values>, out: &mut Values) -> bool {
    let mut ok = true;
    out.push_str_with(|buf| {
        for a in args {
            match a.first() {
                Some(v) => append_value(buf, &v),
                None => ok = false,
            }
        }
    });
    ok
}

/// Which options an optstring accepts and which of them take an argument.
#[derive(Debug, Clone)]
pub(crate) struct OptInfo {
    valid: [bool; 256],
    with_arg: [bool; 256],
}

impl OptInfo {
    pub(crate) fn parse(optstring: &[u8]) -> OptInfo {
        let mut info = OptInfo {
            valid: [false; 256],
            with_arg: [false; 256],
        };
        let mut i = usize::from(optstring.first() == Some(&b':'));
        while i < optstring.len() {
            let c = optstring[i];
            if c != b':' {
                info.valid[c as usize] = true;
                if optstring.get(i + 1) == Some(&b':') {
                    info.with_arg[c as usize] = true;
                    i += 1;
                }
            }
            i += 1;
        }
        info
    }
}

/// `getopt(args, optstring)`: the parsed options of an argument list, as a list of option
/// names each followed by its argument when it takes one (`?` for unknown options). With a
/// selector (`getopt(...)[x]`), the single value of option `x` (its name when it takes no
/// argument), or no value at all when the option is absent.
pub(crate) fn apply_getopt(
    args: &Values,
    opts: &OptInfo,
    selector: Option<u8>,
    out: &mut Values,
) -> bool {
    let argv: Vec<&[u8]> = args.iter().filter_map(|v| v.as_bytes()).collect();
    let mut selected: Option<Vec<u8>> = None;
    let mut idx = 0;
    while idx < argv.len() {
        let arg = argv[idx];
        if arg == b"--" {
            break;
        }
        if arg.len() > 2 && arg.starts_with(b"--") {
            idx += 1;
            continue;
        }
        if arg.len() < 2 || arg[0] != b'-' {
            break;
        }
        let mut i = 1;
        while i < arg.len() {
            let opt = arg[i];
            if opt == b':' || !opts.valid[opt as usize] {
                if selector.is_none() {
                    out.push_str(b"?");
                }
                i += 1;
                continue;
            }
            let hit = selector.is_none_or(|s| s == opt);
            let name = &arg[i..=i];
            if !opts.with_arg[opt as usize] {
                if hit {
                    match selector {
                        Some(_) => selected = Some(name.to_vec()),
                        None => out.push_str(name),
                    }
                }
                i += 1;
                continue;
            }
            let value: Option<&[u8]> = if i + 1 < arg.len() {
                Some(&arg[i + 1..])
            } else if idx + 1 < argv.len() {
                idx += 1;
                Some(argv[idx])
            } else {
                None
            };
            if hit {
                match (selector, value) {
                    (Some(_), v) => selected = Some(v.unwrap_or_default().to_vec()),
                    (None, Some(v)) => {
                        out.push_str(name);
                        out.push_str(v);
                    }
                    (None, None) => out.push_str(b""),
                }
            }
            break;
        }
        idx += 1;
    }
    match selector {
        Some(_) => match selected {
            Some(v) => {
                out.push_str(&v);
                true
            }
            None => {
                out.clear();
                false
            }
        },
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &Values) -> Vec<String> {
        v.iter()
            .map(|x| String::from_utf8_lossy(x.as_bytes().unwrap_or_default()).into_owned())
            .collect()
    }

    #[test]
    fn base64() {
        let dec = |s: &str| {
            let mut o = Vec::new();
            b64_decode(s.as_bytes(), &mut o).then_some(o)
        };
        assert_eq!(dec("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(dec("aGVsbG8"), Some(b"hello".to_vec()));
        assert_eq!(dec("aGVsbA=="), Some(b"hell".to_vec()));
        assert_eq!(dec(""), Some(vec![]));
        assert_eq!(dec("a"), None);
        assert_eq!(dec("aGVsbG9"), None);
        assert_eq!(dec("a$=="), None);
        assert_eq!(dec("=="), None);
    }

    #[test]
    fn getopt() {
        let mut args = Values::new();
        for a in ["-x", "-abfoo", "-c", "bar", "file", "-b", "z"] {
            args.push_str(a.as_bytes());
        }
        let info = OptInfo::parse(b"ab:c:");
        let mut out = Values::new();
        assert!(apply_getopt(&args, &info, None, &mut out));
        assert_eq!(strs(&out), ["?", "a", "b", "foo", "c", "bar"]);
        let mut out = Values::new();
        assert!(apply_getopt(&args, &info, Some(b'c'), &mut out));
        assert_eq!(strs(&out), ["bar"]);
        let mut out = Values::new();
        assert!(apply_getopt(&args, &info, Some(b'a'), &mut out));
        assert_eq!(strs(&out), ["a"]);
        let mut out = Values::new();
        assert!(!apply_getopt(&args, &info, Some(b'z'), &mut out));
    }
}
