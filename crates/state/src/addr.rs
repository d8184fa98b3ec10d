//! Socket address rendering the way libsinsp names sockets.
//!
//! IPv4 addresses travel as the four network-order bytes; this module keeps them as
//! `[u8; 4]` and renders `a.b.c.d`. IPv6 addresses are rendered like glibc's `inet_ntop`
//! (longest zero run compressed, embedded IPv4 for mapped and compatible forms), without
//! brackets: upstream names a v6 connection `2001:db8::1:53->2001:db8::2:40000`.

use std::fmt::Write;

use crate::consts::af;
use crate::path::sanitize;

pub fn ipv4_str(ip: [u8; 4]) -> String {
    format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3])
}

/// glibc `inet_ntop(AF_INET6)` output.
pub fn ipv6_str(ip: &[u8; 16]) -> String {
    let words: Vec<u16> = (0..8)
        .map(|i| u16::from_be_bytes([ip[2 * i], ip[2 * i + 1]]))
        .collect();
    // Longest run of zero words (length >= 2), first one wins on ties.
    let (mut best_base, mut best_len) = (usize::MAX, 0usize);
    let (mut cur_base, mut cur_len) = (usize::MAX, 0usize);
    for (i, &w) in words.iter().enumerate() {
        if w == 0 {
            if cur_base == usize::MAX {
                cur_base = i;
                cur_len = 1;
            } else {
                cur_len += 1;
            }
        } else if cur_base != usize::MAX {
            if best_base == usize::MAX || cur_len > best_len {
                best_base = cur_base;
                best_len = cur_len;
            }
            cur_base = usize::MAX;
        }
    }
    if cur_base != usize::MAX && (best_base == usize::MAX || cur_len > best_len) {
        best_base = cur_base;
        best_len = cur_len;
    }
    if best_base != usize::MAX && best_len < 2 {
        best_base = usize::MAX;
    }
    let mut s = String::with_capacity(40);
    let mut i = 0;
    while i < 8 {
        if best_base != usize::MAX && i >= best_base && i < best_base + best_len {
            if i == best_base {
                s.push(':');
            }
            i += 1;
            continue;
        }
        if i != 0 {
            s.push(':');
        }
        if i == 6 && best_base == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)) {
            let _ = write!(s, "{}.{}.{}.{}", ip[12], ip[13], ip[14], ip[15]);
            return s;
        }
        let _ = write!(s, "{:x}", words[i]);
        i += 1;
    }
    if best_base != usize::MAX && best_base + best_len == 8 {
        s.push(':');
    }
    s
}

/// Upstream's test for "this IPv6 address is really IPv4": `::ffff:a.b.c.d`, and also the
/// all-zero address.
pub fn is_ipv4_mapped(ip: &[u8; 16]) -> bool {
    ip[..10].iter().all(|&b| b == 0)
        && ((ip[10] == 0xff && ip[11] == 0xff) || ip[10..].iter().all(|&b| b == 0))
}

pub fn ipv4_endpoint(ip: [u8; 4], port: u16) -> String {
    format!("{}:{}", ipv4_str(ip), port)
}

pub fn ipv6_endpoint(ip: &[u8; 16], port: u16) -> String {
    format!("{}:{}", ipv6_str(ip), port)
}

pub fn ipv4_tuple_str(sip: [u8; 4], sport: u16, dip: [u8; 4], dport: u16) -> String {
    format!(
        "{}->{}",
        ipv4_endpoint(sip, sport),
        ipv4_endpoint(dip, dport)
    )
}

pub fn ipv6_tuple_str(sip: &[u8; 16], sport: u16, dip: &[u8; 16], dport: u16) -> String {
    format!(
        "{}->{}",
        ipv6_endpoint(sip, sport),
        ipv6_endpoint(dip, dport)
    )
}

pub(crate) fn arr4(b: &[u8]) -> [u8; 4] {
    let mut a = [0u8; 4];
    let n = b.len().min(4);
    a[..n].copy_from_slice(&b[..n]);
    a
}

pub(crate) fn arr16(b: &[u8]) -> [u8; 16] {
    let mut a = [0u8; 16];
    let n = b.len().min(16);
    a[..n].copy_from_slice(&b[..n]);
    a
}

pub(crate) fn u16_at(b: &[u8], o: usize) -> u16 {
    match b.get(o..o + 2) {
        Some(s) => u16::from_le_bytes([s[0], s[1]]),
        None => 0,
    }
}

pub(crate) fn u64_at(b: &[u8], o: usize) -> u64 {
    match b.get(o..o + 8) {
        Some(s) => u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]),
        None => 0,
    }
}

fn cstr_lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(crate::path::cstr(b)).into_owned()
}

/// A `PT_SOCKADDR` parameter rendered as libsinsp's plain parameter formatter does (it is
/// what a bound or connected socket without IP tuple is named after).
pub fn sockaddr_str(p: &[u8]) -> String {
    if p.is_empty() {
        return "NULL".to_string();
    }
    match p[0] {
        af::UNIX => sanitize(&cstr_lossy(&p[1..])),
        af::INET if p.len() == 7 => ipv4_endpoint(arr4(&p[1..5]), u16_at(p, 5)),
        af::INET => "INVALID IPv4".to_string(),
        af::INET6 if p.len() == 19 => ipv6_endpoint(&arr16(&p[1..17]), u16_at(p, 17)),
        af::INET6 => "INVALID IPv6".to_string(),
        fam => format!("family {fam}"),
    }
}

/// A `PT_SOCKTUPLE` parameter rendered as libsinsp's plain parameter formatter does.
pub fn socktuple_str(p: &[u8]) -> String {
    if p.is_empty() {
        return "NULL".to_string();
    }
    match p[0] {
        af::INET if p.len() == 13 => {
            ipv4_tuple_str(arr4(&p[1..5]), u16_at(p, 5), arr4(&p[7..11]), u16_at(p, 11))
        }
        af::INET => "INVALID IPv4".to_string(),
        af::INET6 if p.len() == 37 => {
            let sip = arr16(&p[1..17]);
            let dip = arr16(&p[19..35]);
            if is_ipv4_mapped(&sip) && is_ipv4_mapped(&dip) {
                ipv4_tuple_str(
                    arr4(&p[13..17]),
                    u16_at(p, 17),
                    arr4(&p[31..35]),
                    u16_at(p, 35),
                )
            } else {
                ipv6_tuple_str(&sip, u16_at(p, 17), &dip, u16_at(p, 35))
            }
        }
        af::INET6 => "INVALID IPv6".to_string(),
        af::UNIX => {
            let path = if p.len() > 17 {
                cstr_lossy(&p[17..])
            } else {
                String::new()
            };
            format!("{:x}->{:x} {}", u64_at(p, 1), u64_at(p, 9), sanitize(&path))
        }
        fam => format!("family {fam}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    fn v6(s: &str) -> [u8; 16] {
        s.parse::<Ipv6Addr>().unwrap().octets()
    }

    #[test]
    fn inet_ntop_forms() {
        assert_eq!(ipv6_str(&v6("::1")), "::1");
        assert_eq!(ipv6_str(&v6("::")), "::");
        assert_eq!(
            ipv6_str(&v6("2001:4860:4860::8888")),
            "2001:4860:4860::8888"
        );
        assert_eq!(ipv6_str(&v6("::ffff:1.2.3.4")), "::ffff:1.2.3.4");
        assert_eq!(ipv6_str(&v6("::1.2.3.4")), "::1.2.3.4");
        assert_eq!(ipv6_str(&v6("1:0:0:2:0:0:0:3")), "1:0:0:2::3");
        assert_eq!(ipv6_str(&v6("1:0:2:0:3:0:4:0")), "1:0:2:0:3:0:4:0");
        assert_eq!(ipv6_str(&v6("fe80::")), "fe80::");
        assert_eq!(
            ipv6_str(&v6("2600:1f18:262c:6542:9aa6:df7a:9a47:d29e")),
            "2600:1f18:262c:6542:9aa6:df7a:9a47:d29e"
        );
    }

    #[test]
    fn tuples() {
        let mut t = vec![af::INET, 127, 0, 0, 1];
        t.extend_from_slice(&47192u16.to_le_bytes());
        t.extend_from_slice(&[127, 0, 0, 1]);
        t.extend_from_slice(&80u16.to_le_bytes());
        assert_eq!(socktuple_str(&t), "127.0.0.1:47192->127.0.0.1:80");
        let mut u = vec![af::UNIX];
        u.extend_from_slice(&0u64.to_le_bytes());
        u.extend_from_slice(&0xffff88003c420800u64.to_le_bytes());
        u.extend_from_slice(b"/var/run/nscd/socket\0");
        assert_eq!(
            socktuple_str(&u),
            "0->ffff88003c420800 /var/run/nscd/socket"
        );
        assert_eq!(socktuple_str(&[]), "NULL");
    }
}
