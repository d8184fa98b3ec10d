use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{Message, Sink, SinkError};
use crate::priority::Priority;

/// `LOG_USER`, the facility glibc's `syslog(3)` uses when `openlog` was never called.
const FACILITY_USER: u8 = 1 << 3;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One RFC 3164 datagram as glibc builds it: `<PRI>Mmm dd hh:mm:ss TAG: MSG`, the day
/// space-padded, no trailing newline. `now` is wall-clock nanoseconds since the epoch, printed
/// in UTC (we carry no time-zone database).
pub fn syslog_frame(priority: Priority, ident: &str, now_ns: u64, msg: &str) -> String {
    let p = peregrine_fields::time::parts(now_ns);
    let month = MONTHS
        .get((p.month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("Jan");
    format!(
        "<{}>{month} {:>2} {:02}:{:02}:{:02} {ident}: {msg}",
        FACILITY_USER | priority as u8,
        p.day,
        p.hour,
        p.min,
        p.sec
    )
}

/// `syslog_output`: alerts to the local syslog daemon over its unix datagram socket.
pub struct SyslogSink {
    socket: PathBuf,
    ident: String,
    sock: Option<UnixDatagram>,
}

impl SyslogSink {
    pub fn new(socket: PathBuf, ident: String) -> SyslogSink {
        SyslogSink {
            socket,
            ident,
            sock: None,
        }
    }

    fn send(&mut self, frame: &[u8]) -> std::io::Result<()> {
        if self.sock.is_none() {
            let s = UnixDatagram::unbound()?;
            s.connect(&self.socket)?;
            self.sock = Some(s);
        }
        match self.sock.as_ref() {
            Some(s) => s.send(frame).map(|_| ()),
            None => Ok(()),
        }
    }
}

impl Sink for SyslogSink {
    fn name(&self) -> &str {
        "syslog"
    }

    fn output(&mut self, msg: &Message) -> Result<(), SinkError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let frame = syslog_frame(msg.priority, &self.ident, now, &msg.line);
        if self.send(frame.as_bytes()).is_ok() {
            return Ok(());
        }
        // Like glibc: the daemon may have restarted; reconnect once.
        self.sock = None;
        self.send(frame.as_bytes()).map_err(SinkError::io("syslog"))
    }

    fn cleanup(&mut self) -> Result<(), SinkError> {
        self.sock = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_layout() {
        // 2016-08-04 16:17:57 UTC
        let f = syslog_frame(
            Priority::Warning,
            "falco",
            1_470_327_477_882_054_739,
            "hello",
        );
        assert_eq!(f, "<12>Aug  4 16:17:57 falco: hello");
        let f = syslog_frame(Priority::Emergency, "x", 1_522_704_423_470_449_559, "m");
        assert_eq!(f, "<8>Apr  2 21:27:03 x: m");
        let f = syslog_frame(Priority::Debug, "x", 951_782_400_000_000_000, "m");
        assert_eq!(f, "<15>Feb 29 00:00:00 x: m");
    }
}
