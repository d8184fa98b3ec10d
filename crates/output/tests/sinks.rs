//! The alert channels against real endpoints: files, a `sh -c` program, a unix datagram
//! socket standing in for /dev/log, and an HTTP server on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use peregrine_output::sinks::{FileSink, StdoutSink};
use peregrine_output::{
    LogLevel, Logger, Message, Outputs, OutputsConfig, Priority, Sink, SinkConfig, SinkError,
};

fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "peregrine-output-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn msg(i: usize, priority: Priority) -> Message {
    Message {
        ts: 1_470_327_477_882_054_739 + i as u64,
        priority,
        rule: "r".into(),
        source: "syscall".into(),
        line: format!("{{\"n\":{i},\"text\":\"alert \\\"{i}\\\" é\"}}"),
    }
}

type Logs = Arc<Mutex<Vec<(LogLevel, String)>>>;

/// A logger that keeps what it is told.
fn capture_logger() -> (Logger, Logs) {
    let logs = Arc::new(Mutex::new(Vec::new()));
    let l = logs.clone();
    (
        Arc::new(move |lvl, m: &str| l.lock().unwrap().push((lvl, m.to_string()))),
        logs,
    )
}

fn run(sinks: Vec<SinkConfig>, msgs: &[Message]) -> peregrine_output::OutputStats {
    let cfg = OutputsConfig {
        sinks,
        json_output: true,
        ..OutputsConfig::default()
    };
    let (logger, _) = capture_logger();
    let out = Outputs::start(&cfg, logger).unwrap();
    for m in msgs {
        assert!(out.send(m.clone()));
    }
    out.shutdown()
}

fn expected_text(msgs: &[Message]) -> String {
    msgs.iter().map(|m| format!("{}\n", m.line)).collect()
}

#[test]
fn file_output_appends_lines() {
    let msgs: Vec<Message> = (0..5).map(|i| msg(i, Priority::Warning)).collect();
    for keep_alive in [false, true] {
        for buffered in [false, true] {
            let dir = temp_dir("file");
            let path = dir.join("alerts.log");
            std::fs::write(&path, "existing\n").unwrap();
            let cfg = OutputsConfig {
                sinks: vec![SinkConfig::File {
                    filename: path.clone(),
                    keep_alive,
                }],
                buffered,
                ..OutputsConfig::default()
            };
            let (logger, logs) = capture_logger();
            let out = Outputs::start(&cfg, logger).unwrap();
            for m in &msgs {
                out.send(m.clone());
            }
            let stats = out.shutdown();
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                format!("existing\n{}", expected_text(&msgs)),
                "keep_alive={keep_alive} buffered={buffered}"
            );
            assert_eq!(stats.sinks[0].delivered, 5);
            assert_eq!(stats.sinks[0].failures, 0);
            assert!(logs.lock().unwrap().is_empty());
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}

#[test]
fn file_output_reports_unwritable_path() {
    let dir = temp_dir("file-bad");
    let path = dir.join("no/such/dir/alerts.log");
    let cfg = OutputsConfig {
        sinks: vec![SinkConfig::File {
            filename: path.clone(),
            keep_alive: false,
        }],
        ..OutputsConfig::default()
    };
    let (logger, logs) = capture_logger();
    let out = Outputs::start(&cfg, logger).unwrap();
    out.send(msg(0, Priority::Error));
    out.send(msg(1, Priority::Error));
    let stats = out.shutdown();
    assert_eq!((stats.sinks[0].delivered, stats.sinks[0].failures), (0, 2));
    let logs = logs.lock().unwrap();
    assert_eq!(logs.len(), 2);
    assert!(
        logs[0].1.starts_with(&format!(
            "file: failed to open output file {}",
            path.display()
        )),
        "{:?}",
        logs[0]
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn file_sink_reopen_follows_rotation() {
    let dir = temp_dir("rotate");
    let path = dir.join("a.log");
    let mut s = FileSink::new(path.clone(), true, false);
    s.output(&msg(0, Priority::Notice)).unwrap();
    std::fs::rename(&path, dir.join("a.log.1")).unwrap();
    s.output(&msg(1, Priority::Notice)).unwrap();
    s.reopen().unwrap();
    s.output(&msg(2, Priority::Notice)).unwrap();
    s.cleanup().unwrap();
    let rotated = std::fs::read_to_string(dir.join("a.log.1")).unwrap();
    assert_eq!(
        rotated,
        expected_text(&[msg(0, Priority::Notice), msg(1, Priority::Notice)])
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        expected_text(&[msg(2, Priority::Notice)])
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn program_output_feeds_sh_c() {
    let msgs: Vec<Message> = (0..4).map(|i| msg(i, Priority::Critical)).collect();
    for keep_alive in [false, true] {
        let dir = temp_dir("program");
        let path = dir.join("from-program.log");
        let program = format!("cat >> '{}'", path.display());
        let stats = run(
            vec![SinkConfig::Program {
                program,
                keep_alive,
            }],
            &msgs,
        );
        assert_eq!(stats.sinks[0].delivered, 4);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            expected_text(&msgs),
            "keep_alive={keep_alive}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn program_output_without_keep_alive_runs_once_per_alert() {
    // The program takes one line and exits: without keep_alive each alert gets its own run.
    let dir = temp_dir("program-exit");
    let path = dir.join("lines.log");
    let program = format!("head -n 1 >> '{}'", path.display());
    let cfg = OutputsConfig {
        sinks: vec![SinkConfig::Program {
            program,
            keep_alive: false,
        }],
        ..OutputsConfig::default()
    };
    let (logger, _) = capture_logger();
    let out = Outputs::start(&cfg, logger).unwrap();
    for i in 0..3 {
        out.send(msg(i, Priority::Alert));
    }
    let stats = out.shutdown();
    assert_eq!(stats.sinks[0].delivered, 3);
    let msgs: Vec<Message> = (0..3).map(|i| msg(i, Priority::Alert)).collect();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        expected_text(&msgs)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn syslog_output_sends_rfc3164_datagrams() {
    let dir = temp_dir("syslog");
    let sock_path = dir.join("log.sock");
    let server = UnixDatagram::bind(&sock_path).unwrap();
    server
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let msgs = [
        msg(0, Priority::Warning),
        msg(1, Priority::Emergency),
        msg(2, Priority::Informational),
    ];
    let stats = run(
        vec![SinkConfig::Syslog {
            socket: sock_path.clone(),
            ident: "peregrine-test".into(),
        }],
        &msgs,
    );
    assert_eq!(stats.sinks[0].delivered, 3);
    for (m, pri) in msgs.iter().zip(["<12>", "<8>", "<14>"]) {
        let mut buf = vec![0u8; 65536];
        let n = server.recv(&mut buf).unwrap();
        let frame = std::str::from_utf8(&buf[..n]).unwrap();
        // <PRI>Mmm dd hh:mm:ss TAG: MSG
        let rest = frame.strip_prefix(pri).unwrap_or_else(|| panic!("{frame}"));
        let (stamp, body) = rest.split_at(15);
        let b = stamp.as_bytes();
        assert!(
            b[0].is_ascii_uppercase()
                && b[3] == b' '
                && b[6] == b' '
                && b[9] == b':'
                && b[12] == b':',
            "{stamp}"
        );
        assert!(b[4] == b' ' || b[4].is_ascii_digit(), "{stamp}");
        assert_eq!(body, format!(" peregrine-test: {}", m.line));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn syslog_output_without_daemon_fails_and_counts() {
    let dir = temp_dir("syslog-none");
    let stats = run(
        vec![SinkConfig::Syslog {
            socket: dir.join("absent.sock"),
            ident: "t".into(),
        }],
        &[msg(0, Priority::Debug)],
    );
    assert_eq!((stats.sinks[0].delivered, stats.sinks[0].failures), (0, 1));
    std::fs::remove_dir_all(dir).unwrap();
}

/// One request as the test server saw it.
#[derive(Debug, Clone)]
struct Request {
    conn: usize,
    request_line: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A minimal HTTP/1.1 server on 127.0.0.1: answers every request with `status`, keeping the
/// connection unless `close` is set, and records what it received.
fn http_server(status: u16, close: bool) -> (String, mpsc::Receiver<Request>, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    let conns = Arc::new(AtomicUsize::new(0));
    let c = conns.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { break };
            let conn = c.fetch_add(1, Ordering::SeqCst);
            let tx = tx.clone();
            std::thread::spawn(move || serve(stream, conn, status, close, &tx));
        }
    });
    (format!("http://{addr}/falco/alerts?from=test"), rx, conns)
}

fn serve(stream: TcpStream, conn: usize, status: u16, close: bool, tx: &mpsc::Sender<Request>) {
    let mut r = BufReader::new(stream.try_clone().unwrap());
    let mut w = stream;
    loop {
        let mut request_line = String::new();
        if r.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut headers = Vec::new();
        loop {
            let mut l = String::new();
            r.read_line(&mut l).unwrap();
            let l = l.trim_end().to_string();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap();
            headers.push((k.to_string(), v.trim().to_string()));
        }
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        let mut body = vec![0u8; len];
        r.read_exact(&mut body).unwrap();
        let req = Request {
            conn,
            request_line: request_line.trim_end().to_string(),
            headers,
            body: String::from_utf8(body).unwrap(),
        };
        let _ = tx.send(req);
        let reply = "ok";
        let connection = if close { "close" } else { "keep-alive" };
        write!(
            w,
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: {connection}\r\n\r\n{reply}",
            reply.len()
        )
        .unwrap();
        w.flush().unwrap();
        if close {
            return;
        }
    }
}

#[test]
fn http_output_posts_each_alert_on_one_connection() {
    let (url, rx, conns) = http_server(200, false);
    let msgs: Vec<Message> = (0..5).map(|i| msg(i, Priority::Notice)).collect();
    let stats = run(vec![SinkConfig::http(url.clone())], &msgs);
    assert_eq!((stats.sinks[0].delivered, stats.sinks[0].failures), (5, 0));
    let reqs: Vec<Request> = rx.try_iter().collect();
    assert_eq!(reqs.len(), 5);
    for (r, m) in reqs.iter().zip(&msgs) {
        assert_eq!(r.request_line, "POST /falco/alerts?from=test HTTP/1.1");
        assert_eq!(r.body, m.line);
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        assert_eq!(r.header("User-Agent"), Some("falcosecurity/falco"));
        assert_eq!(
            r.header("Host"),
            Some(url.trim_start_matches("http://").split('/').next().unwrap())
        );
        assert_eq!(r.conn, 0);
    }
    assert_eq!(conns.load(Ordering::SeqCst), 1);
}

#[test]
fn http_output_reconnects_when_the_server_closes() {
    let (url, rx, conns) = http_server(200, true);
    let msgs: Vec<Message> = (0..3).map(|i| msg(i, Priority::Notice)).collect();
    let cfg = OutputsConfig {
        sinks: vec![SinkConfig::Http {
            url,
            user_agent: "peregrine-test/1".into(),
            max_consecutive_timeouts: 0,
            timeout: Duration::from_secs(5),
        }],
        json_output: false,
        ..OutputsConfig::default()
    };
    let (logger, _) = capture_logger();
    let out = Outputs::start(&cfg, logger).unwrap();
    for m in &msgs {
        out.send(m.clone());
    }
    let stats = out.shutdown();
    assert_eq!((stats.sinks[0].delivered, stats.sinks[0].failures), (3, 0));
    let reqs: Vec<Request> = rx.try_iter().collect();
    assert_eq!(
        reqs.iter().map(|r| r.body.clone()).collect::<Vec<_>>(),
        msgs.iter().map(|m| m.line.clone()).collect::<Vec<_>>()
    );
    assert!(reqs
        .iter()
        .all(|r| r.header("Content-Type") == Some("text/plain")));
    assert!(reqs
        .iter()
        .all(|r| r.header("User-Agent") == Some("peregrine-test/1")));
    assert_eq!(conns.load(Ordering::SeqCst), 3);
}

#[test]
fn http_output_counts_server_errors_and_refusals() {
    let (url, rx, _) = http_server(500, false);
    let stats = run(
        vec![SinkConfig::http(url)],
        &[msg(0, Priority::Error), msg(1, Priority::Error)],
    );
    assert_eq!((stats.sinks[0].delivered, stats.sinks[0].failures), (0, 2));
    assert_eq!(rx.try_iter().count(), 2);
    // Nothing listens on this port any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let stats = run(
        vec![SinkConfig::http(format!("http://127.0.0.1:{port}/"))],
        &[msg(0, Priority::Error)],
    );
    assert_eq!((stats.sinks[0].delivered, stats.sinks[0].failures), (0, 1));
}

#[test]
fn https_is_refused_at_start() {
    let cfg = OutputsConfig {
        sinks: vec![SinkConfig::http("https://127.0.0.1/")],
        ..OutputsConfig::default()
    };
    let (logger, logs) = capture_logger();
    assert!(matches!(
        Outputs::start(&cfg, logger),
        Err(SinkError::BadUrl(..))
    ));
    assert!(logs.lock().unwrap()[0]
        .1
        .starts_with("Failed to init output: invalid url"));
}

#[test]
fn every_channel_gets_every_alert() {
    let dir = temp_dir("fanout");
    let (url, rx, _) = http_server(200, false);
    let sock_path = dir.join("log.sock");
    let server = UnixDatagram::bind(&sock_path).unwrap();
    let msgs: Vec<Message> = (0..3).map(|i| msg(i, Priority::Warning)).collect();
    let stats = run(
        vec![
            SinkConfig::File {
                filename: dir.join("f.log"),
                keep_alive: true,
            },
            SinkConfig::Program {
                program: format!("cat >> '{}'", dir.join("p.log").display()),
                keep_alive: true,
            },
            SinkConfig::Syslog {
                socket: sock_path,
                ident: "t".into(),
            },
            SinkConfig::http(url),
        ],
        &msgs,
    );
    assert_eq!(stats.queued, 3);
    let names: Vec<&str> = stats.sinks.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["file", "program", "syslog", "http"]);
    assert!(
        stats
            .sinks
            .iter()
            .all(|s| s.delivered == 3 && s.failures == 0),
        "{stats:?}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("f.log")).unwrap(),
        expected_text(&msgs)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("p.log")).unwrap(),
        expected_text(&msgs)
    );
    assert_eq!(rx.try_iter().count(), 3);
    let mut buf = [0u8; 4096];
    for _ in 0..3 {
        server.recv(&mut buf).unwrap();
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// A channel that blocks until told to go on.
struct Gate {
    entered: mpsc::Sender<()>,
    rx: mpsc::Receiver<()>,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Sink for Gate {
    fn name(&self) -> &str {
        "gate"
    }
    fn output(&mut self, m: &Message) -> Result<(), SinkError> {
        let _ = self.entered.send(());
        let _ = self.rx.recv();
        self.seen.lock().unwrap().push(m.line.clone());
        Ok(())
    }
}

#[test]
fn full_queue_drops_and_counts() {
    let (go, rx) = mpsc::channel();
    let (entered, inside) = mpsc::channel();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (logger, logs) = capture_logger();
    let out = Outputs::with_sinks(
        vec![Box::new(Gate {
            entered,
            rx,
            seen: seen.clone(),
        })],
        2,
        Duration::from_secs(60),
        logger,
    );
    // The worker takes the first alert and blocks on it; two more fill the queue.
    assert!(out.send(msg(0, Priority::Warning)));
    inside.recv().unwrap();
    assert!(out.send(msg(1, Priority::Warning)));
    assert!(out.send(msg(2, Priority::Warning)));
    let dropped = (3..10)
        .filter(|&i| !out.send(msg(i, Priority::Warning)))
        .count();
    assert_eq!(dropped, 7);
    for _ in 0..3 {
        go.send(()).unwrap();
    }
    let stats = out.shutdown();
    assert_eq!((stats.queued, stats.queue_drops), (3, 7));
    assert_eq!(stats.sinks[0].delivered, 3);
    assert_eq!(seen.lock().unwrap().len(), 3);
    let logs = logs.lock().unwrap();
    let drops: Vec<_> = logs
        .iter()
        .filter(|(_, m)| m.starts_with("Outputs queue out of memory"))
        .collect();
    assert_eq!(drops.len(), 1, "{logs:?}");
}

/// A channel that takes its time.
struct Slow(Duration);

impl Sink for Slow {
    fn name(&self) -> &str {
        "slow"
    }
    fn output(&mut self, _: &Message) -> Result<(), SinkError> {
        std::thread::sleep(self.0);
        Ok(())
    }
}

#[test]
fn watchdog_reports_a_blocked_channel_once_per_call() {
    let (logger, logs) = capture_logger();
    let out = Outputs::with_sinks(
        vec![Box::new(Slow(Duration::from_millis(400)))],
        0,
        Duration::from_millis(50),
        logger,
    );
    out.send(msg(0, Priority::Warning));
    out.send(msg(1, Priority::Warning));
    let stats = out.shutdown();
    assert_eq!(stats.timeouts, 2);
    let logs = logs.lock().unwrap();
    let t: Vec<_> = logs
        .iter()
        .filter(|(l, _)| *l == LogLevel::Critical)
        .collect();
    assert_eq!(t.len(), 2);
    assert_eq!(
        t[0].1,
        "\"slow\" output timeout, all output channels are blocked"
    );
}

#[test]
fn stdout_sink_writes_lines_to_its_writer() {
    let dir = temp_dir("stdout");
    let path = dir.join("out.txt");
    for buffered in [false, true] {
        let f = std::fs::File::create(&path).unwrap();
        let mut s = StdoutSink::with_writer("stdout", Box::new(f), buffered);
        s.output(&msg(0, Priority::Warning)).unwrap();
        if !buffered {
            // Unbuffered: the line is in the file before any cleanup.
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                expected_text(&[msg(0, Priority::Warning)])
            );
        }
        s.output(&msg(1, Priority::Warning)).unwrap();
        s.cleanup().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            expected_text(&[msg(0, Priority::Warning), msg(1, Priority::Warning)])
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Queue + file channel throughput (run with `--ignored --nocapture` in release mode).
#[test]
#[ignore = "measurement"]
fn file_pipeline_throughput() {
    use std::time::Instant;
    let dir = temp_dir("throughput");
    let n = 200_000;
    for buffered in [false, true] {
        let path = dir.join(format!("t-{buffered}.log"));
        let cfg = OutputsConfig {
            sinks: vec![SinkConfig::File {
                filename: path.clone(),
                keep_alive: true,
            }],
            buffered,
            ..OutputsConfig::default()
        };
        let out = Outputs::start(&cfg, peregrine_output::stderr_logger()).unwrap();
        let line = msg(0, Priority::Warning);
        let t = Instant::now();
        for _ in 0..n {
            out.send(line.clone());
        }
        let stats = out.shutdown();
        let ns = t.elapsed().as_nanos() as f64 / n as f64;
        println!("buffered={buffered}: {ns:.0} ns/alert end to end");
        assert_eq!(stats.sinks[0].delivered, n as u64);
    }
    std::fs::remove_dir_all(dir).unwrap();
}
