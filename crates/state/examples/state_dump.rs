//! Development oracle: digests (every 50 events) of what the inspector exposes after each
//! event, for every trace under a directory, in Modern and Sysdig compat and with small
//! tables (eviction). Diff the output of two builds to check that a change to the inspector
//! does not change what it computes.
//!
//! usage: state_dump DIR [--full RUN N]   (--full: print the text behind the digest of event N
//! of RUN, a `path:compat:small` name as the digest lines show it)
use peregrine_event::Event;
use peregrine_scap::{Block, Folder, Reader};
use peregrine_state::{Compat, Config, Inspector};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn traces(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            traces(&p, out);
        } else if p.extension().is_some_and(|e| e == "scap") {
            out.push(p);
        }
    }
}

fn fnv(s: &str) -> u64 {
    let mut h = 0xcbf29ce484222325u64;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn describe(insp: &Inspector, ev: &Event<'_>, n: u64, s: &mut String) {
    s.clear();
    let t = insp.event_thread();
    let _ = write!(s, "T={t:?}");
    if let Some(t) = t {
        let _ = write!(s, " M={:?} P={:?}", insp.main_thread(t), insp.parent(t));
        let _ = write!(
            s,
            " cwd={} U={:?} G={:?}",
            insp.cwd(t),
            insp.user_in(&t.container_id, t.uid),
            insp.group_in(&t.container_id, t.gid)
        );
        let _ = write!(
            s,
            " FT={:?}",
            insp.fd_table(t).map(|x| {
                let mut v: Vec<_> = x.iter().map(|(k, f)| format!("{k}:{f:?}")).collect();
                v.sort();
                v
            })
        );
        if let Some(c) = insp.container(&t.container_id) {
            let mut c = c.clone();
            let mut labels: Vec<_> = c.labels.drain().collect();
            labels.sort();
            let _ = write!(s, " C={c:?} L={labels:?}");
        }
    }
    let _ = write!(
        s,
        " F={:?} FI={:?} N={:?} FL={} NC={} E={} EN={:?} FW={:?}",
        insp.event_fd(),
        insp.event_fdinfo(),
        insp.event_fd_num(),
        insp.event_info_flags(),
        insp.event_fd_name_changed(),
        insp.event_errorcode(),
        insp.event_enter().map(|e| e.bytes().to_vec()),
        insp.fd_name_without_fd(ev),
    );
    if n.rem_euclid(500) == 0 {
        let mut th: Vec<_> = insp.threads.values().map(|t| format!("{t:?}")).collect();
        th.sort();
        let mut ft: Vec<_> = insp
            .fdtables
            .iter()
            .map(|(k, x)| {
                let mut v: Vec<_> = x.iter().map(|(k, f)| format!("{k}:{f:?}")).collect();
                v.sort();
                format!("{k}={v:?}")
            })
            .collect();
        ft.sort();
        let _ = write!(
            s,
            " ALL={th:?} {ft:?} {:?} {:?}",
            insp.stats(),
            insp.containers.len()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(&args[1]);
    let full: Option<(String, u64)> = args
        .iter()
        .position(|a| a == "--full")
        .map(|i| (args[i + 1].clone(), args[i + 2].parse().unwrap()));
    let mut list = Vec::new();
    traces(&dir, &mut list);
    let mut s = String::new();
    for path in &list {
        for (compat, small) in [
            (Compat::Modern, false),
            (Compat::Sysdig, false),
            (Compat::Modern, true),
        ] {
            let name = format!("{}:{compat:?}:{small}", path.display());
            let mut reader = match Reader::open(path) {
                Ok(r) => r,
                Err(_) => continue,
            };
            let mut folder = Folder::new();
            let mut insp = Inspector::with_config(if small {
                Config {
                    compat,
                    max_threads: 48,
                    max_fds_per_process: 24,
                }
            } else {
                Config {
                    compat,
                    ..Config::default()
                }
            });
            let mut n = 0u64;
            let mut acc = 0u64;
            while let Some(b) = reader.next() {
                let Ok(b) = b else { break };
                match b {
                    Block::Event(raw) => {
                        // Sysdig compat sees raw events, Modern the folded stream.
                        let ev = if compat == Compat::Modern {
                            match folder.push(&raw) {
                                Ok(f) => match f.resolve(raw) {
                                    Some(e) => e,
                                    None => continue,
                                },
                                Err(_) => break,
                            }
                        } else {
                            raw
                        };
                        n += 1;
                        insp.process(&ev);
                        describe(&insp, &ev, n, &mut s);
                        if let Some((f, k)) = &full {
                            if *f == name && *k == n {
                                println!("{s}");
                            }
                        }
                        acc = acc.rotate_left(5) ^ fnv(&s);
                        if full.is_none() && n.rem_euclid(50) == 0 {
                            println!("{name} {n} {acc:016x}");
                        }
                    }
                    other => insp.apply_block(&other),
                }
            }
            if full.is_none() {
                println!("{name} end {n} {acc:016x} {:?}", insp.stats());
            }
        }
    }
}
