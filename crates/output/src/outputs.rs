//! The outputs worker: alerts go through a queue (`outputs_queue.capacity`, 0 = unbounded) to
//! one thread that hands each to every channel in turn, so a slow channel never blocks event
//! processing; when the queue is full the alert is dropped and counted. A watchdog reports a
//! channel that blocks longer than `output_timeout`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::sinks::{Message, Sink, SinkConfig, SinkError};

/// Severity of the worker's own log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    Critical,
    Error,
    Notice,
}

/// Where the worker reports problems (Falco's logger). The default writes to stderr.
pub type Logger = Arc<dyn Fn(LogLevel, &str) + Send + Sync>;

pub fn stderr_logger() -> Logger {
    Arc::new(|_, msg: &str| eprintln!("{msg}"))
}

/// `falco.yaml` output settings that are not about alert formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputsConfig {
    pub sinks: Vec<SinkConfig>,
    /// `buffered_outputs` (default false).
    pub buffered: bool,
    /// `outputs_queue.capacity`; 0 means unbounded (the default).
    pub queue_capacity: usize,
    /// `output_timeout` (default 2000 ms).
    pub timeout: Duration,
    /// `json_output`: the content type of `http_output`.
    pub json_output: bool,
}

impl Default for OutputsConfig {
    fn default() -> Self {
        OutputsConfig {
            sinks: vec![SinkConfig::Stdout],
            buffered: false,
            queue_capacity: 0,
            timeout: Duration::from_millis(2000),
            json_output: false,
        }
    }
}

/// Counters of one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkStats {
    pub name: String,
    pub delivered: u64,
    pub failures: u64,
}

/// Counters of the whole outputs pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputStats {
    /// Alerts accepted by [`Outputs::send`].
    pub queued: u64,
    /// Alerts dropped because the queue was full.
    pub queue_drops: u64,
    /// Times a channel blocked longer than `output_timeout`.
    pub timeouts: u64,
    pub sinks: Vec<SinkStats>,
}

#[derive(Default)]
struct Counters {
    queued: AtomicU64,
    drops: AtomicU64,
    timeouts: AtomicU64,
    sinks: Vec<(String, AtomicU64, AtomicU64)>,
}

enum Ctrl {
    Output(Box<Message>),
    Reopen,
    Flush,
    Stop,
}

enum Tx {
    Bounded(SyncSender<Ctrl>),
    Unbounded(mpsc::Sender<Ctrl>),
}

/// The running outputs pipeline.
pub struct Outputs {
    tx: Option<Tx>,
    worker: Option<JoinHandle<()>>,
    watchdog: Arc<Watchdog>,
    watchdog_thread: Option<JoinHandle<()>>,
    counters: Arc<Counters>,
    logger: Logger,
}

impl Outputs {
    /// Builds the configured channels and starts the worker. A channel that cannot be built
    /// (a bad URL) is logged and left out, as Falco does; no channel at all is an error.
    pub fn start(cfg: &OutputsConfig, logger: Logger) -> Result<Outputs, SinkError> {
        if cfg.sinks.is_empty() {
            return Err(SinkError::NoOutputs);
        }
        let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
        let mut first_err = None;
        for s in &cfg.sinks {
            match s.build(cfg.buffered, cfg.json_output) {
                Ok(sink) => sinks.push(sink),
                Err(e) => {
                    logger(LogLevel::Error, &format!("Failed to init output: {e}"));
                    first_err.get_or_insert(e);
                }
            }
        }
        if sinks.is_empty() {
            return Err(first_err.unwrap_or(SinkError::NoOutputs));
        }
        Ok(Outputs::with_sinks(
            sinks,
            cfg.queue_capacity,
            cfg.timeout,
            logger,
        ))
    }

    /// Starts the worker over ready-made channels.
    pub fn with_sinks(
        sinks: Vec<Box<dyn Sink>>,
        queue_capacity: usize,
        timeout: Duration,
        logger: Logger,
    ) -> Outputs {
        let counters = Arc::new(Counters {
            sinks: sinks
                .iter()
                .map(|s| (s.name().to_string(), AtomicU64::new(0), AtomicU64::new(0)))
                .collect(),
            ..Counters::default()
        });
        let (tx, rx) = if queue_capacity == 0 {
            let (tx, rx) = mpsc::channel();
            (Tx::Unbounded(tx), rx)
        } else {
            let (tx, rx) = mpsc::sync_channel(queue_capacity);
            (Tx::Bounded(tx), rx)
        };
        let watchdog = Arc::new(Watchdog::new(timeout));
        let wd_thread = {
            let (wd, c, l) = (watchdog.clone(), counters.clone(), logger.clone());
            std::thread::Builder::new()
                .name("peregrine-outputs-watchdog".into())
                .spawn(move || wd.run(&c, &l))
                .ok()
        };
        let worker = {
            let (wd, c, l) = (watchdog.clone(), counters.clone(), logger.clone());
            std::thread::Builder::new()
                .name("peregrine-outputs".into())
                .spawn(move || worker(rx, sinks, &wd, &c, &l))
                .ok()
        };
        if worker.is_none() {
            logger(LogLevel::Critical, "cannot start the outputs worker thread");
        }
        Outputs {
            tx: Some(tx),
            worker,
            watchdog,
            watchdog_thread: wd_thread,
            counters,
            logger,
        }
    }

    /// Queues an alert; never blocks. Returns false when the queue is full and the alert was
    /// dropped (the first drop is logged).
    pub fn send(&self, msg: Message) -> bool {
        let ok = match &self.tx {
            Some(Tx::Bounded(tx)) => match tx.try_send(Ctrl::Output(Box::new(msg))) {
                Ok(()) => true,
                Err(TrySendError::Full(_)) => {
                    if self.counters.drops.fetch_add(1, Ordering::Relaxed) == 0 {
                        (self.logger)(
                            LogLevel::Error,
                            "Outputs queue out of memory. Drop event and continue on ...",
                        );
                    }
                    return false;
                }
                Err(TrySendError::Disconnected(_)) => false,
            },
            Some(Tx::Unbounded(tx)) => tx.send(Ctrl::Output(Box::new(msg))).is_ok(),
            None => false,
        };
        if ok {
            self.counters.queued.fetch_add(1, Ordering::Relaxed);
        }
        ok
    }

    /// Asks every channel to close and reopen (after log rotation).
    pub fn reopen(&self) {
        self.control(Ctrl::Reopen);
    }

    /// Asks every channel to flush what it buffers.
    pub fn flush(&self) {
        self.control(Ctrl::Flush);
    }

    /// Control messages wait for room in the queue rather than being dropped.
    fn control(&self, c: Ctrl) {
        let _ = match &self.tx {
            Some(Tx::Bounded(tx)) => tx.send(c).is_ok(),
            Some(Tx::Unbounded(tx)) => tx.send(c).is_ok(),
            None => false,
        };
    }

    pub fn stats(&self) -> OutputStats {
        let c = &self.counters;
        OutputStats {
            queued: c.queued.load(Ordering::Relaxed),
            queue_drops: c.drops.load(Ordering::Relaxed),
            timeouts: c.timeouts.load(Ordering::Relaxed),
            sinks: c
                .sinks
                .iter()
                .map(|(n, d, f)| SinkStats {
                    name: n.clone(),
                    delivered: d.load(Ordering::Relaxed),
                    failures: f.load(Ordering::Relaxed),
                })
                .collect(),
        }
    }

    /// Delivers everything queued, cleans every channel up and stops the threads.
    pub fn shutdown(mut self) -> OutputStats {
        self.stop();
        self.stats()
    }

    fn stop(&mut self) {
        self.control(Ctrl::Stop);
        self.tx = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
        self.watchdog.stop();
        if let Some(w) = self.watchdog_thread.take() {
            let _ = w.join();
        }
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        self.stop();
    }
}

fn worker(
    rx: Receiver<Ctrl>,
    mut sinks: Vec<Box<dyn Sink>>,
    wd: &Watchdog,
    c: &Counters,
    log: &Logger,
) {
    while let Ok(ctrl) = rx.recv() {
        for (i, s) in sinks.iter_mut().enumerate() {
            wd.begin(s.name());
            let res = match &ctrl {
                Ctrl::Output(m) => s.output(m),
                Ctrl::Flush | Ctrl::Stop => s.cleanup(),
                Ctrl::Reopen => s.reopen(),
            };
            wd.end();
            let Some((_, delivered, failures)) = c.sinks.get(i) else {
                continue;
            };
            match res {
                Ok(()) => {
                    if matches!(ctrl, Ctrl::Output(_)) {
                        delivered.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Err(e) => {
                    failures.fetch_add(1, Ordering::Relaxed);
                    log(LogLevel::Error, &format!("{}: {e}", s.name()));
                }
            }
        }
        if matches!(ctrl, Ctrl::Stop) {
            break;
        }
    }
}

struct WatchState {
    /// The channel being called, since when, and a serial number of the call.
    current: Option<(String, Instant, u64)>,
    serial: u64,
    reported: u64,
    stop: bool,
    /// The watchdog sleeps without deadline and must be woken for a new call.
    idle: bool,
}

/// Reports (once per call) a channel call that takes longer than the timeout.
struct Watchdog {
    timeout: Duration,
    state: Mutex<WatchState>,
    cv: Condvar,
}

impl Watchdog {
    fn new(timeout: Duration) -> Watchdog {
        Watchdog {
            timeout,
            state: Mutex::new(WatchState {
                current: None,
                serial: 0,
                reported: 0,
                stop: false,
                idle: false,
            }),
            cv: Condvar::new(),
        }
    }

    fn begin(&self, name: &str) {
        if let Ok(mut st) = self.state.lock() {
            st.serial += 1;
            let serial = st.serial;
            st.current = Some((name.to_string(), Instant::now(), serial));
            if st.idle {
                st.idle = false;
                self.cv.notify_one();
            }
        }
    }

    fn end(&self) {
        if let Ok(mut st) = self.state.lock() {
            st.current = None;
        }
    }

    fn stop(&self) {
        if let Ok(mut st) = self.state.lock() {
            st.stop = true;
            self.cv.notify_one();
        }
    }

    fn run(&self, c: &Counters, log: &Logger) {
        let Ok(mut st) = self.state.lock() else {
            return;
        };
        loop {
            if st.stop {
                return;
            }
            let wait = match &st.current {
                Some((name, start, serial)) if *serial != st.reported => {
                    let elapsed = start.elapsed();
                    if elapsed >= self.timeout {
                        let msg =
                            format!("\"{name}\" output timeout, all output channels are blocked");
                        st.reported = *serial;
                        c.timeouts.fetch_add(1, Ordering::Relaxed);
                        log(LogLevel::Critical, &msg);
                        None
                    } else {
                        Some(self.timeout - elapsed)
                    }
                }
                _ => None,
            };
            st = match wait {
                Some(d) => match self.cv.wait_timeout(st, d) {
                    Ok((g, _)) => g,
                    Err(_) => return,
                },
                None => {
                    st.idle = true;
                    match self.cv.wait(st) {
                        Ok(g) => g,
                        Err(_) => return,
                    }
                }
            };
        }
    }
}
