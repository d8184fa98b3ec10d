//! The syscall event drop monitor (`syscall_event_drops`), as Falco runs it on every event.
//!
//! Once per second of event time it compares the capture's drop counter with the previous
//! check; a drop ratio above `threshold` is an occurrence, and a token bucket (`rate`,
//! `max_burst`) limits how often the actions run. A capture file never drops events, so only
//! `simulate_drops` (one simulated drop per check, threshold forced to 0) makes it fire; the
//! counts it prints are what Falco's regression tests look for.

use peregrine_output::{JsonFields, JsonValue, Priority};

use crate::config::{DropAction, DropConfig};
use crate::logger;

const ONE_SECOND_NS: u64 = 1_000_000_000;
pub const DROP_RULE: &str = "Falco internal: syscall event drop";

/// Falco's token bucket. It starts full and is stamped with the wall clock; the first claim
/// with a (past) event timestamp therefore refills it completely, as the unsigned difference
/// wraps around.
struct TokenBucket {
    rate: f64,
    max: f64,
    tokens: f64,
    last_seen: Option<u64>,
}

impl TokenBucket {
    fn claim(&mut self, now: u64) -> bool {
        let gained = match self.last_seen {
            Some(last) if now >= last => self.rate * ((now - last) as f64 / 1e9),
            _ => f64::INFINITY,
        };
        self.last_seen = Some(now);
        self.tokens = (self.tokens + gained).min(self.max);
        if self.tokens < 1.0 {
            return false;
        }
        self.tokens -= 1.0;
        true
    }
}

/// An internal alert the monitor asks to deliver.
#[derive(Debug, Clone, PartialEq)]
pub struct InternalAlert {
    pub ts: u64,
    pub priority: Priority,
    pub msg: String,
    pub rule: &'static str,
    pub fields: JsonFields,
}

pub struct DropMonitor {
    cfg: DropConfig,
    threshold: f64,
    bucket: TokenBucket,
    next_check_ts: u64,
    /// Events delivered since the last check.
    evts: u64,
    occurrences: u64,
    actions_taken: u64,
}

/// What the event loop must do after [`DropMonitor::process`].
pub enum Verdict {
    Continue(Option<InternalAlert>),
    /// The `exit` action ran: stop with "Drop manager internal error".
    Exit,
}

impl DropMonitor {
    pub fn new(cfg: &DropConfig) -> DropMonitor {
        DropMonitor {
            threshold: if cfg.simulate { 0.0 } else { cfg.threshold },
            bucket: TokenBucket {
                rate: cfg.rate,
                max: cfg.max_burst,
                tokens: cfg.max_burst,
                last_seen: None,
            },
            cfg: cfg.clone(),
            next_check_ts: 0,
            evts: 0,
            occurrences: 0,
            actions_taken: 0,
        }
    }

    /// Counts one event; once per second of event time, checks the drops.
    #[inline]
    pub fn process(&mut self, ts: u64) -> Verdict {
        self.evts += 1;
        if self.next_check_ts >= ts && self.next_check_ts != 0 {
            return Verdict::Continue(None);
        }
        self.check(ts)
    }

    #[inline(never)]
    fn check(&mut self, ts: u64) -> Verdict {
        // The first event opens the first one-second window.
        if self.next_check_ts == 0 {
            self.next_check_ts = ts.saturating_add(ONE_SECOND_NS);
            return Verdict::Continue(None);
        }
        self.next_check_ts = ts.saturating_add(ONE_SECOND_NS);
        let n_evts = std::mem::take(&mut self.evts);
        let mut n_drops = 0u64;
        if self.cfg.simulate {
            logger::info("Simulating syscall event drop");
            n_drops += 1;
        }
        if n_drops == 0 || (n_drops as f64 / n_evts as f64) <= self.threshold {
            return Verdict::Continue(None);
        }
        self.occurrences += 1;
        if !self.bucket.claim(ts) {
            logger::log(
                Priority::Debug,
                "Syscall event drop but token bucket depleted, skipping actions",
            );
            return Verdict::Continue(None);
        }
        self.actions_taken += 1;
        self.perform(ts, n_evts, n_drops)
    }

    fn perform(&self, ts: u64, n_evts: u64, n_drops: u64) -> Verdict {
        let msg = format!("{DROP_RULE}. {n_drops} system calls dropped in last second.");
        let mut alert = None;
        let mut exit = false;
        for act in &self.cfg.actions {
            match act {
                DropAction::Ignore => {}
                DropAction::Log => logger::log(Priority::Debug, &msg),
                DropAction::Alert => alert = Some(drop_alert(ts, &msg, n_evts, n_drops)),
                DropAction::Exit => {
                    logger::log(Priority::Critical, &msg);
                    logger::log(Priority::Critical, "Exiting.");
                    exit = true;
                }
            }
        }
        if exit {
            Verdict::Exit
        } else {
            Verdict::Continue(alert)
        }
    }

    /// The block Falco prints on stderr when a capture ends.
    pub fn stats_text(&self) -> String {
        format!(
            "Syscall event drop monitoring:\n   - event drop detected: {} occurrences\n   - num \
             times actions taken: {}\n",
            self.occurrences, self.actions_taken
        )
    }
}

/// Falco's drop alert: every counter as a string; a capture file knows no per-category
/// drops, so those are all zero.
fn drop_alert(ts: u64, msg: &str, n_evts: u64, n_drops: u64) -> InternalAlert {
    let mut fields = JsonFields::new();
    let s = |v: u64| JsonValue::Str(v.to_string());
    fields.insert("ebpf_enabled".into(), s(0));
    fields.insert("n_drops".into(), s(n_drops));
    fields.insert("n_evts".into(), s(n_evts));
    for k in [
        "n_drops_buffer_clone_fork_exit",
        "n_drops_buffer_close_exit",
        "n_drops_buffer_connect_exit",
        "n_drops_buffer_dir_file_exit",
        "n_drops_buffer_execve_exit",
        "n_drops_buffer_open_exit",
        "n_drops_buffer_other_interest_exit",
        "n_drops_buffer_proc_exit",
        "n_drops_buffer_total",
        "n_drops_bug",
        "n_drops_page_faults",
        "n_drops_scratch_map",
    ] {
        fields.insert(k.into(), s(0));
    }
    InternalAlert {
        ts,
        priority: Priority::Debug,
        msg: msg.to_string(),
        rule: DROP_RULE,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(actions: &[DropAction], max_burst: f64) -> DropConfig {
        DropConfig {
            actions: actions.to_vec(),
            threshold: 0.1,
            rate: 0.03333,
            max_burst,
            simulate: true,
        }
    }

    /// One event every 100 ms for `secs` seconds.
    fn run(m: &mut DropMonitor, secs: u64) -> (usize, bool) {
        let mut alerts = 0;
        for i in 0..secs * 10 {
            match m.process(1_000_000_000_000 + i * 100_000_000) {
                Verdict::Continue(Some(_)) => alerts += 1,
                Verdict::Continue(None) => {}
                Verdict::Exit => return (alerts, true),
            }
        }
        (alerts, false)
    }

    #[test]
    fn simulated_drops_once_per_second() {
        let mut m = DropMonitor::new(&cfg(&[DropAction::Alert], 10.0));
        let (alerts, exit) = run(&mut m, 10);
        assert!(!exit);
        // Checks fire when an event is strictly past the previous check + 1 s.
        assert_eq!(m.occurrences, 9);
        assert_eq!(alerts, 9);
        assert!(m
            .stats_text()
            .contains("event drop detected: 9 occurrences"));
    }

    #[test]
    fn bucket_limits_actions_and_exit_stops() {
        let mut m = DropMonitor::new(&cfg(&[DropAction::Alert], 1.0));
        let (alerts, _) = run(&mut m, 10);
        assert_eq!((m.occurrences, m.actions_taken, alerts), (9, 1, 1));
        let mut m = DropMonitor::new(&cfg(&[DropAction::Exit], 10.0));
        assert!(run(&mut m, 10).1);
        assert_eq!(m.actions_taken, 1);
    }

    #[test]
    fn no_simulation_no_drops() {
        let mut c = cfg(&[DropAction::Alert], 10.0);
        c.simulate = false;
        let mut m = DropMonitor::new(&c);
        assert_eq!(run(&mut m, 10), (0, false));
        assert_eq!(m.occurrences, 0);
    }
}
