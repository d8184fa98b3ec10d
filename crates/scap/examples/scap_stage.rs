//! One stage over a capture, for profiling and timing:
//! `scap_stage decode|fold|fold-wanted FILE [RUNS]`. `decode` reads every block; `fold` also
//! folds every event, as `peregrine-bench stages` does; `fold-wanted` folds with a wanted set
//! that leaves out the I/O, polling and memory syscalls (as a replay that needs neither rules
//! nor state for them does). With RUNS, prints the median and best CPU time per event over the
//! passes (Linux: from /proc/self/schedstat).
use std::hint::black_box;

use peregrine_event::info;
use peregrine_scap::{Block, Folded, Folder, Reader};

const UNWANTED: &[&str] = &[
    "read",
    "write",
    "readv",
    "writev",
    "pread",
    "pwrite",
    "preadv",
    "pwritev",
    "sendto",
    "recvfrom",
    "sendmsg",
    "recvmsg",
    "sendfile",
    "poll",
    "ppoll",
    "select",
    "epoll_wait",
    "epoll_pwait",
    "futex",
    "fstat",
    "stat",
    "lstat",
    "lseek",
    "llseek",
    "nanosleep",
    "mmap",
    "mmap2",
    "munmap",
    "mprotect",
    "brk",
    "getdents",
    "getdents64",
    "ioctl",
    "getrlimit",
    "switch",
    "procinfo",
];

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn pass(stage: &str, path: &str) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let mut r = Reader::open(path)?;
    let mut folder = Folder::new();
    let mut check = 0u64;
    let fold = match stage {
        "decode" => false,
        "fold" => true,
        "fold-wanted" => {
            folder.set_wanted(&|t| info(t).is_none_or(|i| !UNWANTED.contains(&i.name)));
            true
        }
        s => return Err(format!("unknown stage {s}").into()),
    };
    loop {
        // Matched in place and bound by reference: converting the result with `?`, or
        // binding the event by value, copies it, and reading back what the reader has just
        // written in pieces stalls the copy.
        let b = r.next();
        let ev = match &b {
            None => break,
            Some(Ok(Block::Event(ev))) => ev,
            Some(Ok(_)) => continue,
            Some(Err(_)) => return Err(b.unwrap().unwrap_err().into()),
        };
        if fold {
            match folder.push(ev) {
                Ok(Folded::Unwanted(t)) => check = check.wrapping_add(ev.ts ^ t as u64),
                Ok(Folded::Event(out)) => check = check.wrapping_add(out.ts ^ out.nparams() as u64),
                Ok(Folded::Pass) => check = check.wrapping_add(ev.ts ^ ev.nparams() as u64),
                Ok(Folded::Drop) => {}
                Err(e) => return Err(e.into()),
            }
        } else {
            check = check.wrapping_add(ev.ts ^ ev.nparams() as u64);
        }
    }
    Ok((r.stats().events, black_box(check)))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(stage), Some(path)) = (args.get(1), args.get(2)) else {
        return Err("usage: scap_stage decode|fold FILE [RUNS]".into());
    };
    let runs: usize = args.get(3).map_or(Ok(1), |s| s.parse())?;
    let mut times = Vec::new();
    let mut events = 0;
    for _ in 0..runs {
        let t = cpu_ns();
        let (n, check) = pass(stage, path)?;
        times.push((cpu_ns() - t) as f64 / n as f64);
        events = n;
        if runs == 1 {
            println!("{n} events, check {check:x}");
        }
    }
    if runs > 1 {
        times.sort_by(f64::total_cmp);
        println!(
            "{stage}: {events} events, CPU ns/event min {:.1} median {:.1}",
            times[0],
            times[runs / 2]
        );
    }
    Ok(())
}
