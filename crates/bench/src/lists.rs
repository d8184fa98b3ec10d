//! Synthetic rules files with very large lists, for load time and memory.
//!
//! Addresses come only from ranges reserved for documentation and benchmarking, so the files
//! can never name a real host: TEST-NET-1/2/3 (RFC 5737), 198.18.0.0/15 (RFC 2544), then
//! 2001:db8::/32 (RFC 3849) for the rest. Names are `hostN.example.com` (RFC 2606).

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::Path;

use anyhow::Context;

use crate::timing;

pub const IP_FILE: &str = "ip_list_rules.yaml";
pub const DOMAIN_FILE: &str = "domain_list_rules.yaml";

/// The `i`-th address of the documentation/benchmark ranges, IPv4 first.
pub fn doc_address(i: u32) -> String {
    const TEST_NETS: [[u8; 3]; 3] = [[192, 0, 2], [198, 51, 100], [203, 0, 113]];
    const BENCH_NET: u32 = u32::from_be_bytes([198, 18, 0, 0]);
    let i = i as u64;
    if i < 768 {
        let [a, b, c] = TEST_NETS[(i / 256) as usize];
        return Ipv4Addr::new(a, b, c, (i % 256) as u8).to_string();
    }
    let j = i - 768;
    if j < 1 << 17 {
        return Ipv4Addr::from(BENCH_NET + j as u32).to_string();
    }
    let k = j - (1 << 17);
    Ipv6Addr::new(
        0x2001,
        0x0db8,
        (k >> 32) as u16,
        (k >> 16) as u16,
        0,
        0,
        0,
        k as u16,
    )
    .to_string()
}

/// IPv6 items are quoted: a plain `2001:db8::` followed by `,` is not a scalar in a YAML flow
/// sequence.
fn yaml_address(i: u32) -> String {
    let a = doc_address(i);
    if a.contains(':') {
        format!("\"{a}\"")
    } else {
        a
    }
}

fn items(n: u32, item: impl Fn(u32) -> String) -> String {
    // Several items per line: a flow sequence may span lines, and one 15 MB line is not how
    // anyone writes a file.
    let mut out = String::with_capacity(n as usize * 20);
    out.push('[');
    for i in 0..n {
        if i > 0 {
            out.push_str(if i % 16 == 0 { ",\n    " } else { ", " });
        }
        out.push_str(&item(i));
    }
    out.push(']');
    out
}

pub fn ip_rules(n: u32) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "# {n} addresses from documentation/benchmark ranges (peregrine-bench gen-lists)\n\
         - list: bench_blocked_ips\n  items: {}\n\n\
         - rule: Connection to a blocked address\n  \
         desc: synthetic block list of {n} addresses (benchmark)\n  \
         condition: evt.type in (connect, accept, accept4) and fd.sip in (bench_blocked_ips)\n  \
         output: \"Connection to blocked address (ip=%fd.sip proc=%proc.name cmdline=%proc.cmdline)\"\n  \
         priority: WARNING\n",
        items(n, yaml_address)
    );
    s
}

pub fn domain_rules(n: u32) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "# {n} synthetic names (peregrine-bench gen-lists)\n\
         - list: bench_blocked_domains\n  items: {}\n\n\
         - rule: Connection to a blocked domain\n  \
         desc: synthetic block list of {n} domain names (benchmark)\n  \
         condition: evt.type in (connect, accept, accept4) and fd.sip.name in (bench_blocked_domains)\n  \
         output: \"Connection to blocked domain (name=%fd.sip.name ip=%fd.sip proc=%proc.name)\"\n  \
         priority: WARNING\n",
        items(n, |i| format!("host{i}.example.com"))
    );
    s
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut dir = None;
    let (mut ips, mut domains) = (1_000_000u32, 100_000u32);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--ips" => ips = timing::count(timing::value(&mut it, "--ips")?, "--ips")? as u32,
            "--domains" => {
                domains = timing::count(timing::value(&mut it, "--domains")?, "--domains")? as u32
            }
            s if dir.is_none() && !s.starts_with('-') => dir = Some(s.to_string()),
            s => anyhow::bail!("gen-lists: unexpected argument '{s}'"),
        }
    }
    let dir = dir.context("gen-lists: an output directory is required")?;
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, text) in [
        (IP_FILE, ip_rules(ips)),
        (DOMAIN_FILE, domain_rules(domains)),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("{} ({} bytes)", path.display(), text.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_stay_in_reserved_ranges() {
        assert_eq!(doc_address(0), "192.0.2.0");
        assert_eq!(doc_address(767), "203.0.113.255");
        assert_eq!(doc_address(768), "198.18.0.0");
        assert_eq!(doc_address(768 + (1 << 17) - 1), "198.19.255.255");
        assert_eq!(doc_address(768 + (1 << 17)), "2001:db8::");
        assert_eq!(doc_address(999_999), "2001:db8:0:d::3f3f");
    }

    #[test]
    fn addresses_are_distinct() {
        let all: std::collections::HashSet<String> = (0..200_000).map(doc_address).collect();
        assert_eq!(all.len(), 200_000);
    }
}
