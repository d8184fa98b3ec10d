//! `state_relevant` / `Inspector::note_skipped`: leaving the irrelevant event types out of
//! `process` must not change anything a later event can see.
//!
//! Every shared trace is replayed through two inspectors side by side: one processes every
//! event, the other hands the event types `state_relevant` rejects to `note_skipped`. After
//! each event the second one processed, everything the event exposes (its thread with all
//! fields, main thread, parent, cwd, users and groups, container, fd table, the event's fd,
//! fd number, flags, errno, enter event, `fd.name` fallback) must be identical, and at intervals
//! and at the end so must the whole thread and fd tables and the counters.
//!
//! Modern compat is fed the folded stream (as the replay does), Sysdig compat the raw events
//! (as `peregrine trace` does).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use peregrine_event::{ppme, Event};
use peregrine_scap::{Block, Folder, Reader};
use peregrine_state::{state_relevant, Compat, Config, Inspector};

fn traces_dir() -> PathBuf {
    let shared = match std::env::var_os("PEREGRINE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    };
    shared.join("traces")
}

fn find_traces(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            find_traces(&p, out);
        } else if p.extension().is_some_and(|e| e == "scap") {
            out.push(p);
        }
    }
}

fn sorted_fds(insp: &Inspector, t: &peregrine_state::Thread) -> Vec<String> {
    let mut v: Vec<String> = insp
        .fd_table(t)
        .map(|tab| tab.iter().map(|(n, f)| format!("{n}={f:?}")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// What fields can read after `ev` was processed.
fn event_view(insp: &Inspector, ev: &Event<'_>, out: &mut String) {
    out.clear();
    let t = insp.event_thread();
    let _ = write!(out, "thread={t:?}");
    if let Some(t) = t {
        let _ = write!(
            out,
            " main={:?} parent={:?} cwd={:?} env={:?} user={:?} group={:?} fds={:?}",
            insp.main_thread(t),
            insp.parent(t),
            insp.cwd(t),
            insp.env(t),
            insp.user_in(&t.container_id, t.uid),
            insp.group_in(&t.container_id, t.gid),
            sorted_fds(insp, t),
        );
        if let Some(c) = insp.container(&t.container_id) {
            let mut labels: Vec<_> = c.labels.iter().collect();
            labels.sort();
            let _ = write!(out, " container={}/{}/{labels:?}", c.name, c.image);
        }
    }
    let _ = write!(
        out,
        " fd={:?} fdinfo={:?} fdnum={:?} flags={} name_changed={} errno={} enter={:?} \
         name_without_fd={:?}",
        insp.event_fd(),
        insp.event_fdinfo(),
        insp.event_fd_num(),
        insp.event_info_flags(),
        insp.event_fd_name_changed(),
        insp.event_errorcode(),
        insp.event_enter().map(|e| e.bytes().to_vec()),
        insp.fd_name_without_fd(ev),
    );
}

/// The whole state, in a stable order.
fn tables_view(insp: &Inspector) -> String {
    let mut threads: Vec<String> = insp.threads.values().map(|t| format!("{t:?}")).collect();
    threads.sort();
    let mut fds: Vec<String> = insp
        .fdtables
        .iter()
        .map(|(owner, tab)| {
            let mut v: Vec<String> = tab.iter().map(|(n, f)| format!("{n}={f:?}")).collect();
            v.sort();
            format!("{owner}:{v:?}")
        })
        .collect();
    fds.sort();
    let mut users: Vec<String> = insp.users.values().map(|u| format!("{u:?}")).collect();
    users.sort();
    let mut groups: Vec<String> = insp.groups.values().map(|g| format!("{g:?}")).collect();
    groups.sort();
    let mut containers: Vec<&String> = insp.containers.keys().collect();
    containers.sort();
    format!(
        "{threads:?}\n{fds:?}\n{users:?}\n{groups:?}\n{containers:?}\n{:?}",
        insp.stats()
    )
}

#[derive(Default)]
struct Tally {
    events: u64,
    skipped: u64,
    compared: u64,
}

fn check_trace(path: &Path, compat: Compat) -> Tally {
    let name = format!("{}:{compat:?}", path.display());
    let mut reader = Reader::open(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut folder = Folder::new();
    let config = Config {
        compat,
        ..Config::default()
    };
    let (mut all, mut some) = (
        Inspector::with_config(config),
        Inspector::with_config(config),
    );
    let mut tally = Tally::default();
    let (mut a, mut b) = (String::new(), String::new());
    // The whole tables are compared every 200 compared events.
    let mut next_full = 200;
    while let Some(block) = reader.next() {
        // A capture the converter or reader gives up on ends the comparison there, as it
        // ends a replay.
        let Ok(block) = block else { break };
        let raw = match block {
            Block::Event(raw) => raw,
            other => {
                all.apply_block(&other);
                some.apply_block(&other);
                continue;
            }
        };
        let ev = if compat == Compat::Modern {
            match folder.push(&raw) {
                Ok(f) => match f.resolve(raw) {
                    Some(ev) => ev,
                    None => continue,
                },
                Err(_) => break,
            }
        } else {
            raw
        };
        tally.events += 1;
        all.process(&ev);
        if !state_relevant(ev.etype, compat) {
            some.note_skipped(&ev);
            tally.skipped += 1;
            continue;
        }
        some.process(&ev);
        event_view(&all, &ev, &mut a);
        event_view(&some, &ev, &mut b);
        assert_eq!(
            a, b,
            "{name}: event {} (type {}) differs once irrelevant events are skipped",
            tally.events, ev.etype
        );
        tally.compared += 1;
        if tally.compared >= next_full {
            next_full += 200;
            assert_eq!(
                tables_view(&all),
                tables_view(&some),
                "{name}: tables differ at event {}",
                tally.events
            );
        }
    }
    assert_eq!(
        tables_view(&all),
        tables_view(&some),
        "{name}: tables differ at the end"
    );
    tally
}

#[test]
fn skipping_irrelevant_events_changes_nothing_observable() {
    let mut list = Vec::new();
    find_traces(&traces_dir(), &mut list);
    assert!(list.len() >= 30, "the shared traces are there");
    for compat in [Compat::Modern, Compat::Sysdig] {
        let mut total = Tally::default();
        for path in &list {
            let t = check_trace(path, compat);
            total.events += t.events;
            total.skipped += t.skipped;
            total.compared += t.compared;
        }
        println!(
            "{compat:?}: {} events, {} skipped, {} compared",
            total.events, total.skipped, total.compared
        );
        // The comparison is only meaningful if both sides happened a lot.
        assert!(total.skipped > 10_000, "{compat:?}: events were skipped");
        assert!(total.compared > 10_000, "{compat:?}: events were compared");
    }
}

#[test]
fn relevance_of_event_types() {
    use ppme::*;
    for compat in [Compat::Modern, Compat::Sysdig] {
        // Parsers, fds, thread lifecycle, metadata: needed.
        for etype in [
            SYSCALL_OPEN_E,
            SYSCALL_OPEN_X,
            SYSCALL_OPENAT_2_X,
            SYSCALL_READ_X,
            SYSCALL_WRITE_X,
            SYSCALL_CLOSE_E,
            SYSCALL_CLOSE_X,
            SYSCALL_CLONE_20_X,
            SYSCALL_EXECVE_19_X,
            SYSCALL_EXECVE_19_E,
            PROCEXIT_1_E,
            SCHEDSWITCH_6_E,
            SYSCALL_MMAP_X,
            SYSCALL_FSTAT_X,
            SOCKET_CONNECT_E,
            SOCKET_ACCEPT4_6_X,
            SYSCALL_SETUID_X,
            SYSCALL_CHDIR_X,
            CONTAINER_JSON_2_E,
            USER_ADDED_E,
            GROUP_DELETED_E,
        ] {
            assert!(
                state_relevant(etype, compat),
                "{etype} is relevant ({compat:?})"
            );
        }
        // Neither a parser nor an fd: only the generic bookkeeping.
        for etype in [
            PROCINFO_E,
            SYSCALL_FUTEX_X,
            SYSCALL_NANOSLEEP_X,
            SYSCALL_STAT_X,
            SYSCALL_GETUID_X,
            GENERIC_X,
            SIGNALDELIVER_E,
        ] {
            assert!(
                !state_relevant(etype, compat),
                "{etype} is not relevant ({compat:?})"
            );
        }
        // Numbers beyond the table are unknown, hence relevant.
        assert!(state_relevant(u16::MAX, compat));
    }
    // An enter event without a parser still pairs with its exit, which `note_skipped` keeps.
    assert!(!state_relevant(ppme::SYSCALL_FUTEX_E, Compat::Sysdig));
}
