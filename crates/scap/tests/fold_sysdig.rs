//! Folded streams written with the `Writer` stay readable by Debian's sysdig 0.29.3.
//!
//! sysdig 0.29.3 predates several of the newest layouts: it shows exactly the events of the types
//! it knows (everything it prints is one of ours, and a type is either shown completely or not at
//! all, apart from events stamped 0), it ignores parameters beyond its own table, and it misreads empty fixed-size parameters
//! (e.g. execve `flags`). The test skips itself when `sysdig` is not installed.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::process::Command;

use peregrine_event::info;
use peregrine_scap::{Block, Folder, Reader, Writer};

fn sysdig_available() -> bool {
    Command::new("sysdig").arg("--version").output().is_ok()
}

/// Writes the folded copy of `src` to `dst`; returns the delivered events as (ts, dir, type).
fn write_folded(src: &std::path::Path, dst: &std::path::Path) -> Vec<(u64, char, u16)> {
    let mut r = Reader::open(src).unwrap();
    let mut w = Writer::create(dst, false).unwrap();
    let mut f = Folder::new();
    let mut out = Vec::new();
    while let Some(b) = r.next() {
        match b.unwrap() {
            Block::Event(ev) => {
                if let Some(e) = f.push(&ev).unwrap().resolve(ev) {
                    out.push((e.ts, e.direction().as_char(), e.etype));
                    w.write_event(&e).unwrap();
                }
            }
            other => w.write_block(&other).unwrap(),
        }
    }
    w.finish().unwrap();
    out
}

fn sysdig(path: &std::path::Path, format: &str, filter: Option<&str>) -> String {
    let mut c = Command::new("sysdig");
    c.arg("-r").arg(path).arg("-p").arg(format);
    if let Some(f) = filter {
        c.arg(f);
    }
    let o = c.output().expect("run sysdig");
    assert!(o.status.success(), "sysdig failed on {}", path.display());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.trim().is_empty(), "sysdig stderr: {err}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn sysdig_reads_every_folded_trace() {
    if !sysdig_available() {
        eprintln!("sysdig not installed: skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("peregrine-fold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut hidden: BTreeSet<&'static str> = BTreeSet::new();
    for (n, src) in common::all_traces().iter().enumerate() {
        let dst = dir.join(format!("{n}.scap"));
        let delivered = write_folded(src, &dst);
        let mut ours: HashMap<(u64, char), Vec<u16>> = HashMap::new();
        for &(ts, d, t) in &delivered {
            ours.entry((ts, d)).or_default().push(t);
        }
        let mut shown: BTreeMap<u16, u64> = BTreeMap::new();
        for line in sysdig(&dst, "%evt.rawtime %evt.dir %evt.type", None).lines() {
            let mut it = line.split(' ');
            let (ts, d, name) = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
            let key = (ts.parse::<u64>().unwrap(), d.chars().next().unwrap());
            let types = ours
                .get_mut(&key)
                .unwrap_or_else(|| panic!("{}: sysdig shows {key:?}, not ours", src.display()));
            // Events can share a timestamp: attribute the line by name (generic syscalls are
            // shown under the syscall's own name).
            let by_name = |want: &str| types.iter().position(|&t| info(t).unwrap().name == want);
            let i = by_name(name)
                .or_else(|| by_name("syscall"))
                .unwrap_or_else(|| panic!("{}: {line}: no such event of ours", src.display()));
            let t = types.swap_remove(i);
            *shown.entry(t).or_default() += 1;
        }
        // Events stamped 0 (container state written ahead of the capture) are not printed by
        // sysdig, in the original files either.
        let mut total: BTreeMap<u16, u64> = BTreeMap::new();
        for &(ts, _, t) in &delivered {
            if ts != 0 {
                *total.entry(t).or_default() += 1;
            }
        }
        for (t, n) in &total {
            let s = shown.get(t).copied().unwrap_or(0);
            assert!(
                s == *n || s == 0,
                "{}: sysdig shows {s} of {n} events of type {t}",
                src.display()
            );
            if s == 0 {
                hidden.insert(info(*t).unwrap().name);
            }
        }
        std::fs::remove_file(&dst).unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // procinfo is hidden by sysdig itself; the others are layouts newer than sysdig 0.29.3.
    eprintln!("types sysdig 0.29.3 does not show: {hidden:?}");
    assert!(hidden.contains("procinfo"));
}

#[test]
fn sysdig_prints_folded_connect_and_execve_like_the_originals() {
    if !sysdig_available() {
        eprintln!("sysdig not installed: skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("peregrine-fold-spot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fmt = "%evt.rawtime %evt.dir %evt.type %evt.args";
    for (rel, filter) in [
        (
            "falco/connect_localhost.scap",
            "evt.type=connect and evt.dir=<",
        ),
        (
            "sf-collector/alpine/alpine.scap",
            "evt.type=execve and evt.dir=<",
        ),
        ("libs/curl_google.scap", "evt.type=sendto and evt.dir=<"),
    ] {
        let src = common::trace_path(rel);
        let dst = dir.join("spot.scap");
        write_folded(&src, &dst);
        let before = sysdig(&src, fmt, Some(filter));
        let after = sysdig(&dst, fmt, Some(filter));
        let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
        assert_eq!(b.len(), a.len(), "{rel}");
        assert!(!b.is_empty(), "{rel}");
        for (b, a) in b.iter().zip(&a) {
            // The exit's own fields print as before; sysdig appends the newer ones it knows.
            let b = b.trim_end();
            assert!(a.starts_with(b), "{rel}:\n before {b}\n after  {a}");
        }
        std::fs::remove_file(&dst).unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
