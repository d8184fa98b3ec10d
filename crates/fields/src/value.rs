//! Extracted field values and how Falco/sysdig print them.

use std::borrow::Cow;
use std::fmt::Write;
use std::net::IpAddr;

/// One extracted value. Strings borrow from the event or the state where they can.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Str(Cow<'a, str>),
    Bytes(Cow<'a, [u8]>),
    I64(i64),
    U64(u64),
    Bool(bool),
    Ip(IpAddr),
    Port(u16),
    RelTime(u64),
    /// A relative time sysdig prints as seconds followed by 9-digit nanoseconds
    /// (`evt.reltime`: 11.286728911 s prints `11286728911`, 6971 ns prints `000006971`).
    RelTimeSecNs(u64),
    /// A nanosecond remainder printed on 9 digits (`evt.reltime.ns`, `evt.deltatime.ns`).
    Nanos9(u64),
    AbsTime(u64),
    Double(f64),
}

impl<'a> Value<'a> {
    pub fn str(s: &'a str) -> Value<'a> {
        Value::Str(Cow::Borrowed(s))
    }
    pub fn string(s: String) -> Value<'a> {
        Value::Str(Cow::Owned(s))
    }

    /// Appends the value as sysdig prints it in `-p` output and Falco in alert text.
    pub fn render(&self, out: &mut String) {
        match self {
            Value::Str(s) => out.push_str(s),
            Value::Bytes(b) => render_bytes(b, out),
            Value::I64(v) => {
                if *v < 0 {
                    out.push('-');
                }
                push_u64(out, v.unsigned_abs());
            }
            Value::U64(v) | Value::RelTime(v) | Value::AbsTime(v) => push_u64(out, *v),
            Value::RelTimeSecNs(v) => {
                let (sec, ns) = (v / 1_000_000_000, v % 1_000_000_000);
                if sec > 0 {
                    let _ = write!(out, "{sec}{ns:09}");
                } else {
                    let _ = write!(out, "{ns:09}");
                }
            }
            Value::Nanos9(v) => {
                let _ = write!(out, "{v:09}");
            }
            Value::Port(v) => {
                let _ = write!(out, "{v}");
            }
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Ip(ip) => {
                let _ = write!(out, "{ip}");
            }
            Value::Double(d) => {
                let _ = write!(out, "{d:.2}");
            }
        }
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        self.render(&mut s);
        s
    }
}

/// Decimal digits of `v`: every output line carries numbers, and `write!` goes through the
/// formatting machinery for each.
fn push_u64(out: &mut String, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.reserve(buf.len() - i);
    for &d in &buf[i..] {
        out.push(char::from(d));
    }
}

/// Buffers print with non-printable bytes as `.`, like sysdig's default (`-P` off) output.
pub fn render_bytes(b: &[u8], out: &mut String) {
    for &c in b {
        if (0x20..0x7f).contains(&c) {
            out.push(c as char);
        } else {
            out.push('.');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_print_like_display() {
        for v in [0i64, 7, -7, 10, -10, 1_234_567_890, i64::MAX, i64::MIN] {
            assert_eq!(Value::I64(v).to_text(), v.to_string());
        }
        for v in [0u64, 9, 10, 99, 100, 18_446_744_073_709_551_615] {
            assert_eq!(Value::U64(v).to_text(), v.to_string());
            assert_eq!(Value::AbsTime(v).to_text(), v.to_string());
        }
    }
}
