//! The `peregrine-bench stages` measurement of the inspector (decode + fold + state minus
//! decode + fold), in one process, alternating the two loops and keeping the fastest run of
//! each: on a shared machine the minimum is the stablest figure. Development aid.
//!
//! usage: pipe_bench TRACE [ROUNDS]   (PIPE_BENCH_ONLY=state: only the fold + state loop, for
//! profiling)
use peregrine_scap::{Block, Folder, Reader};
use peregrine_state::{Compat, Config, Inspector};

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn run(path: &str, state: bool) -> (u64, u64) {
    let c0 = cpu_ns();
    let mut reader = Reader::open(path).unwrap();
    let mut insp = Inspector::with_config(Config {
        compat: Compat::Modern,
        ..Config::default()
    });
    let mut folder = Folder::new();
    let mut check = 0u64;
    while let Some(block) = reader.next() {
        match block.unwrap() {
            Block::Event(ev) => {
                if let Some(out) = folder.push(&ev).unwrap().resolve(ev) {
                    if state {
                        insp.process(&out);
                        check = check.wrapping_add(insp.event_fd_num().unwrap_or(0) as u64);
                    } else {
                        check = check.wrapping_add(out.ts ^ out.nparams() as u64);
                    }
                }
            }
            other => {
                if state {
                    insp.apply_block(&other)
                }
            }
        }
    }
    std::hint::black_box(check);
    (cpu_ns() - c0, reader.stats().events)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let (mut fold, mut both, mut events) = (u64::MAX, u64::MAX, 0);
    let only = std::env::var("PIPE_BENCH_ONLY").ok();
    for _ in 0..rounds {
        if only.as_deref() == Some("state") {
            both = both.min(run(path, true).0);
            continue;
        }
        let (f, n) = run(path, false);
        let (b, _) = run(path, true);
        fold = fold.min(f);
        both = both.min(b);
        events = n;
    }
    let per = |ns: u64| ns as f64 / events as f64;
    println!(
        "events {events}: fold {:.1} ns/event, fold+state {:.1}, state {:.1} (min of {rounds}, CPU)",
        per(fold),
        per(both),
        per(both) - per(fold)
    );
}
