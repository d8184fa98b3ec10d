//! Differential test: `peregrine trace T -p FMT` against Debian's `sysdig -r T -p FMT`, on every
//! shared trace sysdig can read, for fields of every class.
//!
//! Fields are compared in groups (one sysdig run per group and trace); a mismatching line is
//! split into its columns so that each difference is attributed to a field. The few documented
//! differences (where sysdig 0.29.3 is demonstrably wrong or predates a libs change) are listed
//! in `KNOWN`; everything else must match exactly.
//!
//! `PEREGRINE_DIFF_TRACE=substr` and `PEREGRINE_DIFF_FIELD=name` narrow the run;
//! `PEREGRINE_DIFF_VERBOSE=1` prints the first mismatching lines of each field.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEP: &str = " \u{2016} ";

const GROUPS: &[&[&str]] = &[
    &[
        "evt.num",
        "evt.time",
        "evt.time.s",
        "evt.datetime",
        "evt.datetime.s",
        "evt.rawtime",
        "evt.rawtime.s",
        "evt.rawtime.ns",
        "evt.reltime",
        "evt.reltime.s",
        "evt.reltime.ns",
        "evt.deltatime",
        "evt.deltatime.s",
        "evt.deltatime.ns",
        "evt.dir",
        "evt.type",
        "evt.cpu",
        "evt.category",
        "syscall.type",
    ],
    &[
        "evt.res",
        "evt.rawres",
        "evt.failed",
        "evt.is_io",
        "evt.is_io_read",
        "evt.is_io_write",
        "evt.io_dir",
        "evt.is_wait",
        "evt.count",
        "evt.is_open_read",
        "evt.is_open_write",
        "evt.is_open_exec",
        "evt.buflen",
        "evt.is_syslog",
    ],
    &[
        "evt.args",
        "evt.arg[0]",
        "evt.arg[1]",
        "evt.arg[2]",
        "evt.arg.fd",
        "evt.arg.res",
    ],
    &[
        "evt.info",
        "evt.arg.name",
        "evt.arg.tuple",
        "evt.arg.data",
        "evt.buffer",
    ],
    &[
        "proc.name",
        "proc.exe",
        "proc.exepath",
        "proc.args",
        "proc.cmdline",
        "proc.exeline",
        "proc.cwd",
        "proc.pid",
        "proc.ppid",
        "proc.pname",
        "proc.pcmdline",
        "proc.vpid",
        "proc.sid",
        "proc.sname",
        "proc.vpgid",
        "proc.tty",
    ],
    &[
        "proc.aname[0]",
        "proc.aname[1]",
        "proc.aname[2]",
        "proc.aname[3]",
        "proc.apid[1]",
        "proc.apid[2]",
        "proc.loginshellid",
        "proc.fdlimit",
        "proc.duration",
        "proc.nthreads",
        "proc.nchilds",
        "proc.fdopencount",
        "proc.vmsize",
        "proc.vmrss",
        "proc.vmswap",
        "proc.env",
    ],
    &[
        "thread.tid",
        "thread.vtid",
        "thread.ismain",
        "thread.pfmajor",
        "thread.pfminor",
        "thread.cgroups",
        "thread.cgroup.cpu",
        "thread.vmsize",
        "thread.vmrss",
    ],
    &[
        "user.uid",
        "user.name",
        "user.homedir",
        "user.shell",
        "user.loginuid",
        "user.loginname",
        "group.gid",
        "group.name",
        "container.id",
    ],
    &[
        "fd.num",
        "fd.type",
        "fd.typechar",
        "fd.name",
        "fd.directory",
        "fd.filename",
        "fd.uid",
        "fd.containername",
        "fd.containerdirectory",
        "fd.dev",
        "fd.dev.major",
        "fd.dev.minor",
    ],
    &[
        "fd.cip",
        "fd.sip",
        "fd.lip",
        "fd.rip",
        "fd.cport",
        "fd.sport",
        "fd.lport",
        "fd.rport",
        "fd.l4proto",
        "fd.sockfamily",
        "fd.is_server",
        "fd.cproto",
        "fd.sproto",
        "fd.lproto",
        "fd.rproto",
        "fd.connected",
        "fd.name_changed",
    ],
    &[
        "fdlist.nums",
        "fdlist.names",
        "fdlist.cips",
        "fdlist.sips",
        "fdlist.cports",
        "fdlist.sports",
    ],
];

/// Documented differences: (field, trace substring or "" for all, reason).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "group.gid",
        "",
        "read as 64 bits from the 32-bit gid: the upper half is the next member (nchilds)",
    ),
    (
        "fd.dev",
        "",
        "uninitialised for fds not created by open (sockets, pipes...): changes between runs",
    ),
    ("fd.dev.major", "", "derived from the uninitialised fd.dev"),
    ("fd.dev.minor", "", "derived from the uninitialised fd.dev"),
    (
        "proc.tty",
        "libs/sample.scap",
        "its reader predates the proc-list layout of this file: tty is not read",
    ),
    (
        "user.loginuid",
        "libs/sample.scap",
        "its reader predates the proc-list layout of this file: loginuid is read at the tty's offset",
    ),
    ("user.loginname", "libs/sample.scap", "looked up from that misread loginuid"),
    (
        "evt.arg[1]",
        "sf-collector/rename/rename2at.scap",
        "an empty path parameter prints the text left in a shared buffer by an earlier field",
    ),
    (
        "evt.arg.name",
        "sf-collector/rename/rename2at.scap",
        "an empty path parameter prints the text left in a shared buffer by an earlier field",
    ),
];

fn shared() -> PathBuf {
    std::env::var_os("PEREGRINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn traces() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![shared().join("traces")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "scap")
                // sysdig 0.29.3 cannot read pcapng options in the section header.
                && !p.ends_with("curl_google_comments.scap")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs the command and splits its output into records: one per event, a record being a line
/// that starts with `<evt.num><SEP>` plus any following lines (values such as environments or
/// JSON may contain newlines).
fn run(cmd: &mut Command) -> Vec<String> {
    let out = cmd.env("TZ", "UTC").output().expect("command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut records: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let starts_record = line
            .split_once(SEP)
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        match records.last_mut() {
            Some(last) if !starts_record => {
                last.push('\n');
                last.push_str(line);
            }
            _ => records.push(line.to_string()),
        }
    }
    records
}

fn sysdig_available() -> bool {
    Command::new("sysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn known(field: &str, trace: &str) -> bool {
    KNOWN
        .iter()
        .any(|(f, t, _)| *f == field && trace.contains(t))
}

#[test]
fn fields_match_sysdig() {
    if !sysdig_available() {
        panic!("sysdig is not installed: run scripts/setup.sh");
    }
    let only_trace = std::env::var("PEREGRINE_DIFF_TRACE").ok();
    let only_field = std::env::var("PEREGRINE_DIFF_FIELD").ok();
    let verbose = std::env::var_os("PEREGRINE_DIFF_VERBOSE").is_some();
    let bin = env!("CARGO_BIN_EXE_peregrine");
    // field -> (compared lines, mismatches, examples)
    let mut stats: BTreeMap<String, (usize, usize, Vec<String>)> = BTreeMap::new();
    let mut structural = Vec::new();
    let mut ntraces = 0;
    for trace in traces() {
        let tname = trace
            .strip_prefix(shared().join("traces"))
            .unwrap()
            .display()
            .to_string();
        if only_trace
            .as_ref()
            .is_some_and(|t| !tname.contains(t.as_str()))
        {
            continue;
        }
        ntraces += 1;
        for group in GROUPS {
            let fields: Vec<&str> = group
                .iter()
                .copied()
                .filter(|f| only_field.as_ref().is_none_or(|o| o == f))
                .collect();
            if fields.is_empty() {
                continue;
            }
            let fmt = format!(
                "*%evt.num{SEP}{}",
                fields
                    .iter()
                    .map(|f| format!("%{f}"))
                    .collect::<Vec<_>>()
                    .join(SEP)
            );
            let theirs = run(Command::new("sysdig")
                .arg("-r")
                .arg(&trace)
                .arg("-p")
                .arg(&fmt));
            let ours = run(Command::new(bin)
                .args(["trace", "--sysdig-compat"])
                .arg(&trace)
                .arg("-p")
                .arg(&fmt));
            if theirs.len() != ours.len() {
                structural.push(format!(
                    "{tname}: {} lines from sysdig, {} from peregrine (format {fmt})",
                    theirs.len(),
                    ours.len()
                ));
            }
            for (t, o) in theirs.iter().zip(&ours) {
                let tc: Vec<&str> = t.split(SEP).collect();
                let oc: Vec<&str> = o.split(SEP).collect();
                if tc.len() != fields.len() + 1 || oc.len() != tc.len() || tc[0] != oc[0] {
                    structural.push(format!(
                        "{tname}: line shape differs:\n  sysdig: {t}\n  ours:   {o}"
                    ));
                    break;
                }
                for (i, f) in fields.iter().enumerate() {
                    let e = stats.entry(f.to_string()).or_default();
                    e.0 += 1;
                    if tc[i + 1] != oc[i + 1] && !known(f, &tname) {
                        e.1 += 1;
                        if e.2.len() < 3 {
                            e.2.push(format!(
                                "{tname} evt {}: sysdig [{}] ours [{}]",
                                tc[0],
                                tc[i + 1],
                                oc[i + 1]
                            ));
                        }
                    }
                }
            }
        }
    }
    let mut report = String::new();
    let mut bad = 0;
    for (f, (n, m, ex)) in &stats {
        if *m > 0 {
            bad += 1;
            report.push_str(&format!("{f}: {m}/{n} lines differ\n"));
            if verbose {
                for e in ex {
                    report.push_str(&format!("    {e}\n"));
                }
            }
        }
    }
    eprintln!(
        "differential: {ntraces} traces x {} fields, {} fields with mismatches",
        stats.len(),
        bad
    );
    assert!(
        structural.is_empty(),
        "structural differences:\n{}",
        structural.join("\n")
    );
    assert!(report.is_empty(), "field mismatches:\n{report}");
}
