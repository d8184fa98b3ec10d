//! Right-hand literals parsed to the left-hand field's type, with libsinsp's rules and
//! messages (decimal integers only, truncation to the field width, service names for ports,
//! CIDR networks that must contain '/').

use crate::field::FieldType;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Bool(bool),
    I64(i64),
    U64(u64),
    Double(f64),
    Str(Box<[u8]>),
    Ip(IpAddr),
    Net(Net),
}

/// An IPv4 or IPv6 network. IPv4 addresses are kept in the low 32 bits of `addr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Net {
    pub v6: bool,
    pub addr: u128,
    pub prefix: u8,
}

impl Net {
    fn mask(&self) -> u128 {
        let width = if self.v6 { 128 } else { 32 };
        let p = u32::from(self.prefix.min(width));
        if p == 0 {
            0
        } else {
            let full: u128 = if self.v6 {
                u128::MAX
            } else {
                u128::from(u32::MAX)
            };
            full & !(full >> p)
        }
    }

    /// First and last address of the network.
    pub fn range(&self) -> (u128, u128) {
        let m = self.mask();
        let full: u128 = if self.v6 {
            u128::MAX
        } else {
            u128::from(u32::MAX)
        };
        let lo = self.addr & m;
        (lo, lo | (full & !m))
    }

    pub fn contains(&self, ip: &IpAddr) -> bool {
        match (ip, self.v6) {
            (IpAddr::V4(a), false) => {
                let m = self.mask();
                (u128::from(u32::from(*a)) & m) == (self.addr & m)
            }
            (IpAddr::V6(a), true) => {
                let m = self.mask();
                (u128::from(*a) & m) == (self.addr & m)
            }
            _ => false,
        }
    }
}

/// C `isspace` in the "C" locale, as skipped by `sscanf`.
fn c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `sscanf(s, "%d%c")`-style parse: optional leading blanks and sign, decimal digits, nothing
/// after. Returns the magnitude-saturated value with its sign.
fn scan_int(s: &str) -> Option<(bool, u128)> {
    let b = s.as_bytes();
    let mut i = b.iter().take_while(|c| c_space(**c)).count();
    let mut neg = false;
    if let Some(&c) = b.get(i) {
        if c == b'+' || c == b'-' {
            neg = c == b'-';
            i += 1;
        }
    }
    let digits = &b[i..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: u128 = 0;
    for d in digits {
        v = v.saturating_mul(10).saturating_add(u128::from(d - b'0'));
    }
    Some((neg, v))
}

/// Like `strtoll` followed by a cast to the target width.
fn parse_signed(s: &str, bits: u32) -> Result<i64, String> {
    let (neg, mag) = scan_int(s).ok_or_else(|| format!("{s} is not a valid number"))?;
    let v: i64 = if neg {
        if mag > i64::MAX as u128 + 1 {
            i64::MIN
        } else {
            (mag as i128).wrapping_neg() as i64
        }
    } else if mag > i64::MAX as u128 {
        i64::MAX
    } else {
        mag as i64
    };
    Ok(match bits {
        8 => i64::from(v as i8),
        16 => i64::from(v as i16),
        32 => i64::from(v as i32),
        _ => v,
    })
}

/// Like `strtoull` (negative values wrap) followed by a cast to the target width.
fn parse_unsigned(s: &str, bits: u32) -> Result<u64, String> {
    let (neg, mag) = scan_int(s).ok_or_else(|| format!("{s} is not a valid number"))?;
    let v: u64 = if mag > u128::from(u64::MAX) {
        u64::MAX
    } else if neg {
        (mag as u64).wrapping_neg()
    } else {
        mag as u64
    };
    Ok(match bits {
        8 => u64::from(v as u8),
        16 => u64::from(v as u16),
        32 => u64::from(v as u32),
        _ => v,
    })
}

pub(crate) fn parse_u64_strict(s: &str) -> Option<u64> {
    parse_unsigned(s, 64).ok()
}

fn parse_port(s: &str) -> Result<u64, String> {
    if s.is_empty() {
        return Ok(0);
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        // std::stoi: values beyond int are an error, otherwise truncated to 16 bits.
        return s
            .parse::<i32>()
            .map(|v| u64::from(v as u16))
            .map_err(|_| format!("{s} is not a valid number"));
    }
    service_port(s).ok_or_else(|| format!("unrecognized protocol {s}"))
}

/// `getservbyname(name, NULL)`: /etc/services when present, else a few well-known names.
fn service_port(name: &str) -> Option<u64> {
    static SERVICES: OnceLock<Vec<(String, u16)>> = OnceLock::new();
    let table = SERVICES.get_or_init(|| {
        let mut t = Vec::new();
        if let Ok(text) = std::fs::read_to_string("/etc/services") {
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or("");
                let mut words = line.split_whitespace();
                let (Some(svc), Some(port)) = (words.next(), words.next()) else {
                    continue;
                };
                let Some(port) = port.split('/').next().and_then(|p| p.parse::<u16>().ok()) else {
                    continue;
                };
                t.push((svc.to_string(), port));
                for alias in words {
                    t.push((alias.to_string(), port));
                }
            }
        }
        if t.is_empty() {
            for (n, p) in [
                ("ftp", 21u16),
                ("ssh", 22),
                ("telnet", 23),
                ("smtp", 25),
                ("domain", 53),
                ("http", 80),
                ("pop3", 110),
                ("ntp", 123),
                ("imap", 143),
                ("snmp", 161),
                ("ldap", 389),
                ("https", 443),
                ("imaps", 993),
                ("pop3s", 995),
            ] {
                t.push((n.to_string(), p));
            }
        }
        t
    });
    table
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, p)| u64::from(*p))
}

fn parse_v4(s: &str, what: &str) -> Result<Ipv4Addr, String> {
    s.parse::<Ipv4Addr>()
        .map_err(|_| format!("unrecognized {what} {s}"))
}

fn parse_v6(s: &str) -> Result<Ipv6Addr, String> {
    s.parse::<Ipv6Addr>()
        .map_err(|_| format!("unrecognized IPv6 address {s}"))
}

fn parse_v4_net(s: &str) -> Result<Net, String> {
    let Some((ip, mask)) = s.split_once('/') else {
        return Err(format!("unrecognized IP network {s}"));
    };
    let ip = ip
        .parse::<Ipv4Addr>()
        .map_err(|_| format!("unrecognized IP address {s}"))?;
    // The prefix length is read as an 8-bit number (so "/288" wraps to 32), like libsinsp.
    let len = parse_unsigned(mask, 8)?;
    if len > 32 {
        return Err(format!("invalid netmask {mask}"));
    }
    Ok(Net {
        v6: false,
        addr: u128::from(u32::from(ip)),
        prefix: len as u8,
    })
}

fn parse_v6_net(s: &str) -> Result<Net, String> {
    let Some((ip, mask)) = s.split_once('/') else {
        return Err(format!("invalid v6 netmask: {s}"));
    };
    let ip = ip
        .parse::<Ipv6Addr>()
        .map_err(|_| format!("unrecognized IPv6 address {s}"))?;
    let len = parse_unsigned(mask, 8)?;
    if len == 0 || len > 128 {
        return Err(format!("invalid v6 netmask {mask}"));
    }
    Ok(Net {
        v6: true,
        addr: u128::from(ip),
        prefix: len as u8,
    })
}

/// Parses `s` as a value of type `ty`. Byte buffers take the bytes as they are (the caller
/// hex-decodes for `bcontains`/`bstartswith`).
pub(crate) fn parse_literal(ty: FieldType, s: &[u8]) -> Result<Lit, String> {
    use FieldType::*;
    if ty == ByteBuf {
        return Ok(Lit::Str(s.into()));
    }
    if s.contains(&0) {
        return Err("filter error: filter value cannot contain a NUL byte (\\x00)".into());
    }
    let text = String::from_utf8_lossy(s);
    let s: &str = &text;
    Ok(match ty {
        Int8 => Lit::I64(parse_signed(s, 8)?),
        Int16 => Lit::I64(parse_signed(s, 16)?),
        Int32 => Lit::I64(parse_signed(s, 32)?),
        Int64 | Fd | Errno | Pid => Lit::I64(parse_signed(s, 64)?),
        Uint8 | Flags8 | EnumFlags8 => Lit::U64(parse_unsigned(s, 8)?),
        Uint16 | Flags16 | EnumFlags16 => Lit::U64(parse_unsigned(s, 16)?),
        Uint32 | Flags32 | EnumFlags32 | Mode | Uid | Gid => Lit::U64(parse_unsigned(s, 32)?),
        Uint64 | RelTime | AbsTime => Lit::U64(parse_unsigned(s, 64)?),
        Port => Lit::U64(parse_port(s)?),
        Bool => match s {
            "true" => Lit::Bool(true),
            "false" => Lit::Bool(false),
            _ => return Err(format!("filter error: unrecognized boolean value {s}")),
        },
        // Falco never supported fractional literals: doubles are read as 32-bit integers.
        Double => Lit::Double(parse_signed(s, 32)? as f64),
        CharBuf | FsPath | FsRelPath => Lit::Str(s.as_bytes().into()),
        IpAddr => {
            if s.contains('.') {
                Lit::Ip(std::net::IpAddr::V4(parse_v4(s, "IPv4 address")?))
            } else {
                Lit::Ip(std::net::IpAddr::V6(parse_v6(s)?))
            }
        }
        Ipv4Addr => Lit::Ip(std::net::IpAddr::V4(parse_v4(s, "IPv4 address")?)),
        Ipv6Addr => Lit::Ip(std::net::IpAddr::V6(parse_v6(s)?)),
        IpNet => {
            if s.contains('.') {
                Lit::Net(parse_v4_net(s)?)
            } else {
                Lit::Net(parse_v6_net(s)?)
            }
        }
        Ipv4Net => Lit::Net(parse_v4_net(s)?),
        Ipv6Net => Lit::Net(parse_v6_net(s)?),
        SyscallId | SigType | ByteBuf | Other(_) => {
            return Err(format!("wrong parameter type {}", ty.name()))
        }
    })
}

/// Hex-decodes a `bcontains`/`bstartswith` operand.
pub(crate) fn unhex(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) || !b.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    b.chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(ty: FieldType, s: &str) -> Result<Lit, String> {
        parse_literal(ty, s.as_bytes())
    }

    #[test]
    fn integers() {
        assert_eq!(lit(FieldType::Int64, "-12"), Ok(Lit::I64(-12)));
        assert_eq!(lit(FieldType::Int64, " 7"), Ok(Lit::I64(7)));
        assert_eq!(lit(FieldType::Int64, "+7"), Ok(Lit::I64(7)));
        assert_eq!(lit(FieldType::Int16, "70000"), Ok(Lit::I64(4464)));
        assert_eq!(
            lit(FieldType::Uint32, "-1"),
            Ok(Lit::U64(u64::from(u32::MAX)))
        );
        assert_eq!(lit(FieldType::Uint8, "256"), Ok(Lit::U64(0)));
        assert_eq!(
            lit(FieldType::Uint64, "18446744073709551616"),
            Ok(Lit::U64(u64::MAX))
        );
        assert_eq!(
            lit(FieldType::Int64, "0x10"),
            Err("0x10 is not a valid number".into())
        );
        assert_eq!(
            lit(FieldType::Int64, "1 "),
            Err("1  is not a valid number".into())
        );
        assert_eq!(
            lit(FieldType::Uint64, "abc"),
            Err("abc is not a valid number".into())
        );
        assert_eq!(lit(FieldType::Double, "3"), Ok(Lit::Double(3.0)));
        assert_eq!(
            lit(FieldType::Double, "1.5"),
            Err("1.5 is not a valid number".into())
        );
    }

    #[test]
    fn ports_bools_strings() {
        assert_eq!(lit(FieldType::Port, "443"), Ok(Lit::U64(443)));
        assert_eq!(lit(FieldType::Port, ""), Ok(Lit::U64(0)));
        assert_eq!(lit(FieldType::Port, "ssh"), Ok(Lit::U64(22)));
        assert_eq!(
            lit(FieldType::Port, "nosuchservice"),
            Err("unrecognized protocol nosuchservice".into())
        );
        assert_eq!(lit(FieldType::Bool, "true"), Ok(Lit::Bool(true)));
        assert_eq!(
            lit(FieldType::Bool, "1"),
            Err("filter error: unrecognized boolean value 1".into())
        );
        assert_eq!(
            parse_literal(FieldType::CharBuf, b"a\0b"),
            Err("filter error: filter value cannot contain a NUL byte (\\x00)".into())
        );
        assert_eq!(
            parse_literal(FieldType::ByteBuf, b"a\0b"),
            Ok(Lit::Str(b"a\0b".to_vec().into()))
        );
    }

    #[test]
    fn addresses() {
        assert_eq!(
            lit(FieldType::IpAddr, "10.0.0.1"),
            Ok(Lit::Ip("10.0.0.1".parse().unwrap()))
        );
        assert_eq!(
            lit(FieldType::IpAddr, "::1"),
            Ok(Lit::Ip("::1".parse().unwrap()))
        );
        assert_eq!(
            lit(FieldType::IpAddr, "10.0.0.0/8"),
            Err("unrecognized IPv4 address 10.0.0.0/8".into())
        );
        assert_eq!(
            lit(FieldType::IpAddr, "my_list"),
            Err("unrecognized IPv6 address my_list".into())
        );
        assert_eq!(
            lit(FieldType::IpNet, "10.0.0.0"),
            Err("unrecognized IP network 10.0.0.0".into())
        );
        assert_eq!(
            lit(FieldType::IpNet, "10.0.0.300/8"),
            Err("unrecognized IP address 10.0.0.300/8".into())
        );
        assert_eq!(
            lit(FieldType::IpNet, "10.0.0.0/33"),
            Err("invalid netmask 33".into())
        );
        assert_eq!(
            lit(FieldType::IpNet, "fe80::/0"),
            Err("invalid v6 netmask 0".into())
        );
        assert_eq!(
            lit(FieldType::IpNet, "fe80::"),
            Err("invalid v6 netmask: fe80::".into())
        );
        let Ok(Lit::Net(n)) = lit(FieldType::IpNet, "172.16.0.0/12") else {
            panic!()
        };
        assert!(n.contains(&"172.31.255.255".parse().unwrap()));
        assert!(!n.contains(&"172.32.0.0".parse().unwrap()));
        assert!(!n.contains(&"::1".parse().unwrap()));
        let Ok(Lit::Net(n)) = lit(FieldType::IpNet, "0.0.0.0/0") else {
            panic!()
        };
        assert!(n.contains(&"1.2.3.4".parse().unwrap()));
        let Ok(Lit::Net(n)) = lit(FieldType::IpNet, "2001:db8::/33") else {
            panic!()
        };
        assert!(n.contains(&"2001:db8:7fff::1".parse().unwrap()));
        assert!(!n.contains(&"2001:db8:8000::1".parse().unwrap()));
        assert_eq!(
            n.range().0,
            u128::from("2001:db8::".parse::<Ipv6Addr>().unwrap())
        );
    }

    #[test]
    fn hex() {
        assert_eq!(unhex("4d5A"), Some(vec![0x4d, 0x5a]));
        assert_eq!(unhex("4d5"), None);
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex(""), Some(vec![]));
    }
}
