//! Median-of-N timing and the argument parsing shared by the subcommands.

use std::time::Instant;

use anyhow::{bail, Context};

/// Wall-clock seconds of each run, in run order.
#[derive(Debug, Clone, Default)]
pub struct Runs(pub Vec<f64>);

impl Runs {
    pub fn median(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    pub fn list(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(|s| format!("{s:.3}")).collect();
        parts.join(", ")
    }
}

/// Runs `f` once and returns its result with the elapsed seconds.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64())
}

/// The value after a flag like `--runs`.
pub fn value<'a>(it: &mut impl Iterator<Item = &'a String>, flag: &str) -> anyhow::Result<&'a str> {
    it.next().map(String::as_str).with_context(|| format!("{flag} needs a value"))
}

pub fn count(s: &str, flag: &str) -> anyhow::Result<usize> {
    let n: usize = s.parse().with_context(|| format!("{flag}: '{s}' is not a number"))?;
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
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
