//! Falco's log lines on stderr: `<time>: <message>`, filtered by `log_level`.
//!
//! The time is the wall clock (not event time): `Thu Dec 03 16:42:20 2026` by default, or
//! `2026-12-03T16:42:20+0000` with `time_format_iso_8601`. We format in UTC, like every other
//! time peregrine prints.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use peregrine_output::Priority;

static ENABLED: AtomicBool = AtomicBool::new(true);
static ISO: AtomicBool = AtomicBool::new(false);
static LEVEL: AtomicU8 = AtomicU8::new(Priority::Informational as u8);

/// Applies `log_stderr`, `log_level` and `time_format_iso_8601`.
pub fn configure(stderr: bool, level: Priority, iso8601: bool) {
    ENABLED.store(stderr, Ordering::Relaxed);
    LEVEL.store(level as u8, Ordering::Relaxed);
    ISO.store(iso8601, Ordering::Relaxed);
}

pub fn log(level: Priority, msg: &str) {
    if !ENABLED.load(Ordering::Relaxed) || level as u8 > LEVEL.load(Ordering::Relaxed) {
        return;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut line = stamp(now, ISO.load(Ordering::Relaxed));
    line.push_str(": ");
    line.push_str(msg);
    if !line.ends_with('\n') {
        line.push('\n');
    }
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

pub fn info(msg: &str) {
    log(Priority::Informational, msg);
}

pub fn warning(msg: &str) {
    log(Priority::Warning, msg);
}

fn stamp(secs: u64, iso: bool) -> String {
    let p = peregrine_fields::time::parts(secs.saturating_mul(1_000_000_000));
    if iso {
        return format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+0000",
            p.year, p.month, p.day, p.hour, p.min, p.sec
        );
    }
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wday = DAYS[((secs / 86_400) % 7) as usize];
    let month = MONTHS[(p.month.clamp(1, 12) - 1) as usize];
    format!(
        "{wday} {month} {:02} {:02}:{:02}:{:02} {:04}",
        p.day, p.hour, p.min, p.sec, p.year
    )
}

#[cfg(test)]
mod tests {
    use super::stamp;

    #[test]
    fn stamps() {
        // 2026-12-03 16:42:20 UTC, a Thursday.
        let t = 1_796_316_140;
        assert_eq!(stamp(t, false), "Thu Dec 03 16:42:20 2026");
        assert_eq!(stamp(t, true), "2026-12-03T16:42:20+0000");
        assert_eq!(stamp(0, false), "Thu Jan 01 00:00:00 1970");
    }
}
