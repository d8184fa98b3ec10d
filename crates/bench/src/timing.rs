//! Median-of-N timing and the argument parsing shared by the subcommands.

use std::time::Instant;

use anyhow::{bail, Context};

/// One timed run: wall-clock seconds and seconds the process (all its threads) spent on a CPU.
/// The machine is shared, so wall time includes waiting for a core; CPU time does not.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample {
    pub wall: f64,
    pub cpu: f64,
}

/// Samples of each run, in run order.
#[derive(Debug, Clone, Default)]
pub struct Runs(pub Vec<Sample>);

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

impl Runs {
    pub fn wall(&self) -> f64 {
        median(self.0.iter().map(|s| s.wall).collect())
    }

    pub fn cpu(&self) -> f64 {
        median(self.0.iter().map(|s| s.cpu).collect())
    }

    /// Wall seconds of each run.
    pub fn list(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(|s| format!("{:.3}", s.wall)).collect();
        parts.join(", ")
    }
}

/// Nanoseconds the process has run on a CPU, counting every thread, finished ones included
/// (the replay reads its capture on a thread of its own).
fn cpu_ns() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes only to the timespec it is given.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } != 0 {
        return 0;
    }
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// Runs `f` once and returns its result with its timing.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Sample) {
    let (c, t) = (cpu_ns(), Instant::now());
    let r = f();
    let wall = t.elapsed().as_secs_f64();
    let cpu = cpu_ns().saturating_sub(c) as f64 / 1e9;
    (r, Sample { wall, cpu })
}

/// The value after a flag like `--runs`.
pub fn value<'a>(it: &mut impl Iterator<Item = &'a String>, flag: &str) -> anyhow::Result<&'a str> {
    it.next()
        .map(String::as_str)
        .with_context(|| format!("{flag} needs a value"))
}

pub fn count(s: &str, flag: &str) -> anyhow::Result<usize> {
    let n: usize = s
        .parse()
        .with_context(|| format!("{flag}: '{s}' is not a number"))?;
    if n == 0 {
        bail!("{flag} must be at least 1");
    }
    Ok(n)
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
