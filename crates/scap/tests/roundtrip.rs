//! Writer round trip on the shared traces: copy each trace through Reader -> Writer, then check
//! (a) our reader sees the same events (byte for byte) and metadata, (b) the copy is a fixed
//! point of a second copy, and (c) sysdig 0.29.3 prints the same thing for original and copy.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use peregrine_scap::{Block, Reader, Writer};

/// Fields that exercise events (args) and every metadata block: threads (PL), fds (FDL), users
/// (UL), containers/cgroups. `*` makes sysdig print lines with absent fields too.
const FORMAT: &str = "*%evt.num %evt.type %evt.args %proc.name %proc.pid %proc.ppid %proc.exepath \
%proc.cmdline %proc.cwd %fd.name %fd.type %user.name %group.name %container.id %proc.vpid %proc.sid \
%proc.tty %proc.env %user.loginuid %thread.cgroups %fd.sip %fd.cport %proc.aname[3]";

#[derive(Debug, PartialEq)]
enum Item {
    Meta(String),
    Event {
        cpu: u16,
        flags: u32,
        bytes: Vec<u8>,
    },
}

fn items(path: &Path) -> Vec<Item> {
    let mut r = Reader::open(path).unwrap();
    let mut v = Vec::new();
    while let Some(b) = r.next() {
        match b.unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
            Block::Event(ev) => v.push(Item::Event {
                cpu: ev.cpu,
                flags: ev.dump_flags,
                bytes: ev.bytes().to_vec(),
            }),
            Block::Section(_) => {}
            other => v.push(Item::Meta(format!("{other:?}"))),
        }
    }
    v
}

fn copy(src: &Path, dst: &Path, gzip: bool) {
    let mut r = Reader::open(src).unwrap();
    let mut w = Writer::create(dst, gzip).unwrap();
    while let Some(b) = r.next() {
        w.write_block(&b.unwrap()).unwrap();
    }
    w.finish().unwrap();
}

fn sysdig(path: &Path) -> Option<String> {
    let out = Command::new("sysdig")
        .arg("-r")
        .arg(path)
        .arg("-p")
        .arg(FORMAT)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "sysdig failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn tmp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name.replace('/', "__"))
}

/// Metadata blocks whose newest layout is what the writer produces read back identical;
/// older layouts gain the defaults of absent fields, so only the events are compared there.
fn current_layout(st: &common::TraceStats) -> bool {
    st.blocks.keys().all(|k| {
        ["SHB", "MI", "IL_V2", "UL_V2", "PL_V9", "FDL_V2"].contains(&k.as_str())
            || k.starts_with("EV")
    })
}

#[test]
fn copies_read_back_identically_and_are_fixed_points() {
    for st in common::load_stats() {
        let src = common::trace_path(&st.path);
        let a = tmp(&format!("{}.copy1", st.path));
        let b = tmp(&format!("{}.copy2", st.path));
        copy(&src, &a, st.gzip);
        copy(&a, &b, false);
        let orig = items(&src);
        let back = items(&a);
        let ev = |v: &[Item]| v.iter().filter(|i| matches!(i, Item::Event { .. })).count();
        assert_eq!(ev(&orig) as u64, st.event_blocks, "{}", st.path);
        if current_layout(&st) {
            assert!(orig == back, "{}: copy differs from original", st.path);
        } else {
            let evs = |v: Vec<Item>| {
                v.into_iter()
                    .filter(|i| matches!(i, Item::Event { .. }))
                    .collect::<Vec<_>>()
            };
            assert!(evs(orig) == evs(back), "{}: events differ in copy", st.path);
        }
        // The writer's output is canonical: copying it again changes nothing.
        let uncompressed_a = tmp(&format!("{}.copy1.plain", st.path));
        copy(&a, &uncompressed_a, false);
        assert_eq!(
            std::fs::read(&uncompressed_a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{}",
            st.path
        );
        for p in [&a, &b, &uncompressed_a] {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[test]
fn sysdig_prints_the_same_for_copies() {
    if Command::new("sysdig").arg("--version").output().is_err() {
        eprintln!("sysdig not installed: skipping the sysdig comparison");
        return;
    }
    let mut checked = 0;
    for st in common::load_stats()
        .into_iter()
        .filter(|s| s.sysdig_readable)
    {
        let src = common::trace_path(&st.path);
        let dst = tmp(&format!("{}.sysdig", st.path));
        copy(&src, &dst, st.gzip);
        let want = sysdig(&src).unwrap();
        let got = sysdig(&dst).unwrap();
        assert!(
            want == got,
            "{}: sysdig output differs for the copy",
            st.path
        );
        let _ = std::fs::remove_file(&dst);
        checked += 1;
    }
    assert_eq!(checked, 33);
}

/// The one trace sysdig 0.29.3 rejects (SHB options) becomes readable once copied, and shows
/// the same events as its uncommented twin.
#[test]
fn sysdig_reads_copy_of_commented_trace() {
    if Command::new("sysdig").arg("--version").output().is_err() {
        eprintln!("sysdig not installed: skipping");
        return;
    }
    let dst = tmp("curl_google_comments.copy");
    copy(
        &common::trace_path("libs/curl_google_comments.scap"),
        &dst,
        true,
    );
    let got = sysdig(&dst).unwrap();
    let want = sysdig(&common::trace_path("libs/curl_google.scap")).unwrap();
    assert!(got == want);
    let _ = std::fs::remove_file(&dst);
}
