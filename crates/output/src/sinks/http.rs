//! `http_output`: each alert POSTed as the request body, over a kept-alive HTTP/1.1
//! connection (as libcurl reuses its connection). Plain `http://` only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::{Message, Sink, SinkError};

/// The parts of an `http://` URL a request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpUrl {
    pub host: String,
    pub port: u16,
    /// Path and query, at least `/`.
    pub target: String,
    /// The `Host` header: host, with `:port` when it was given.
    pub authority: String,
}

impl HttpUrl {
    pub fn parse(url: &str) -> Result<HttpUrl, SinkError> {
        let bad = |why| SinkError::BadUrl(url.to_string(), why);
        // Falco accepts a quoted URL and strips the quotes.
        let u = url.trim();
        let u = if u.len() >= 2
            && ((u.starts_with('"') && u.ends_with('"'))
                || (u.starts_with('\'') && u.ends_with('\'')))
        {
            &u[1..u.len() - 1]
        } else {
            u
        };
        let rest = if let Some(r) = strip_prefix_ci(u, "http://") {
            r
        } else if strip_prefix_ci(u, "https://").is_some() {
            return Err(bad("https is not supported (no TLS)"));
        } else if u.contains("://") {
            return Err(bad("unsupported scheme"));
        } else {
            // libcurl guesses http for a URL without scheme.
            u
        };
        let (authority, target) = match rest.find(['/', '?']) {
            Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], rest[i..].to_string()),
            Some(i) => (&rest[..i], format!("/{}", &rest[i..])),
            None => (rest, "/".to_string()),
        };
        if authority.contains('@') {
            return Err(bad("credentials in the url are not supported"));
        }
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let end = v6
                .find(']')
                .ok_or_else(|| bad("unterminated IPv6 address"))?;
            let host = &v6[..end];
            let port = match &v6[end + 1..] {
                "" => 80,
                p => p
                    .strip_prefix(':')
                    .and_then(|p| p.parse().ok())
                    .ok_or_else(|| bad("bad port"))?,
            };
            (host.to_string(), port)
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p.parse().map_err(|_| bad("bad port"))?),
                None => (authority.to_string(), 80),
            }
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        Ok(HttpUrl {
            host,
            port,
            target,
            authority: authority.to_string(),
        })
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

pub struct HttpSink {
    url: HttpUrl,
    user_agent: String,
    content_type: &'static str,
    timeout: Duration,
    max_consecutive_timeouts: u8,
    conn: Option<BufReader<TcpStream>>,
}

/// What a request attempt ended with.
enum Attempt {
    Done(Result<(), SinkError>),
    /// The connection failed before any response: worth one more try on a new one.
    Retry(SinkError),
    TimedOut(SinkError),
}

impl HttpSink {
    /// `json_output` decides the content type, as in Falco.
    pub fn new(url: &str, user_agent: String, json_output: bool) -> Result<HttpSink, SinkError> {
        Ok(HttpSink {
            url: HttpUrl::parse(url)?,
            user_agent,
            content_type: if json_output {
                "application/json"
            } else {
                "text/plain"
            },
            timeout: Duration::from_secs(10),
            max_consecutive_timeouts: 5,
            conn: None,
        })
    }

    pub fn set_timeout(&mut self, t: Duration) {
        self.timeout = t;
    }

    pub fn set_max_consecutive_timeouts(&mut self, n: u8) {
        self.max_consecutive_timeouts = n;
    }

    fn connect(&self) -> Result<BufReader<TcpStream>, SinkError> {
        let addrs = (self.url.host.as_str(), self.url.port)
            .to_socket_addrs()
            .map_err(SinkError::io("resolve http host"))?;
        let mut last = None;
        for a in addrs {
            match TcpStream::connect_timeout(&a, self.timeout) {
                Ok(s) => {
                    s.set_read_timeout(Some(self.timeout))
                        .map_err(SinkError::io("socket"))?;
                    s.set_write_timeout(Some(self.timeout))
                        .map_err(SinkError::io("socket"))?;
                    let _ = s.set_nodelay(true);
                    return Ok(BufReader::new(s));
                }
                Err(e) => last = Some(e),
            }
        }
        Err(SinkError::Io {
            context: "connect to http server",
            source: last.unwrap_or_else(|| std::io::Error::other("no address")),
        })
    }

    fn attempt(&mut self, body: &[u8]) -> Attempt {
        let reused = self.conn.is_some();
        let mut conn = match self.conn.take() {
            Some(c) => c,
            None => match self.connect() {
                Ok(c) => c,
                Err(e) => return Attempt::Done(Err(e)),
            },
        };
        let head = format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\nAccept: */*\r\nContent-Type: {}\r\n\
             Content-Length: {}\r\n\r\n",
            self.url.target,
            self.url.authority,
            self.user_agent,
            self.content_type,
            body.len()
        );
        let mut req = Vec::with_capacity(head.len() + body.len());
        req.extend_from_slice(head.as_bytes());
        req.extend_from_slice(body);
        let sent = conn
            .get_mut()
            .write_all(&req)
            .and_then(|()| conn.get_mut().flush());
        if let Err(e) = sent {
            let err = SinkError::Io {
                context: "send to http server",
                source: e,
            };
            return if reused {
                Attempt::Retry(err)
            } else {
                Attempt::Done(Err(err))
            };
        }
        match read_response(&mut conn) {
            Ok((status, keep)) => {
                if keep {
                    self.conn = Some(conn);
                }
                if (200..300).contains(&status) {
                    Attempt::Done(Ok(()))
                } else {
                    Attempt::Done(Err(SinkError::HttpStatus(status)))
                }
            }
            Err(ResponseError::TimedOut(e)) => Attempt::TimedOut(SinkError::Io {
                context: "http response",
                source: e,
            }),
            // A kept-alive connection the server closed meanwhile.
            Err(ResponseError::ClosedEarly) if reused => Attempt::Retry(SinkError::HttpResponse(
                "connection closed before the response",
            )),
            Err(ResponseError::ClosedEarly) => Attempt::Done(Err(SinkError::HttpResponse(
                "connection closed before the response",
            ))),
            Err(ResponseError::Io(e)) => Attempt::Done(Err(SinkError::Io {
                context: "http response",
                source: e,
            })),
            Err(ResponseError::Malformed(m)) => Attempt::Done(Err(SinkError::HttpResponse(m))),
        }
    }
}

enum ResponseError {
    TimedOut(std::io::Error),
    ClosedEarly,
    Io(std::io::Error),
    Malformed(&'static str),
}

impl From<std::io::Error> for ResponseError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                ResponseError::TimedOut(e)
            }
            std::io::ErrorKind::UnexpectedEof => ResponseError::Malformed("truncated body"),
            _ => ResponseError::Io(e),
        }
    }
}

const MAX_HEADER_LINE: u64 = 16 * 1024;

fn read_line(r: &mut BufReader<TcpStream>, line: &mut String) -> Result<usize, ResponseError> {
    line.clear();
    let n = r.by_ref().take(MAX_HEADER_LINE).read_line(line)?;
    Ok(n)
}

/// Reads one response; returns its status and whether the connection can carry the next
/// request.
fn read_response(r: &mut BufReader<TcpStream>) -> Result<(u16, bool), ResponseError> {
    let mut line = String::new();
    if read_line(r, &mut line)? == 0 {
        return Err(ResponseError::ClosedEarly);
    }
    let mut parts = line.split_whitespace();
    let version = parts.next().unwrap_or("");
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .filter(|_| version.starts_with("HTTP/"))
        .ok_or(ResponseError::Malformed("bad status line"))?;
    let mut keep = version == "HTTP/1.1";
    let mut length: Option<u64> = None;
    let mut chunked = false;
    loop {
        if read_line(r, &mut line)? == 0 {
            return Err(ResponseError::Malformed("truncated headers"));
        }
        let h = line.trim_end_matches(['\r', '\n']);
        if h.is_empty() {
            break;
        }
        let Some((name, value)) = h.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .parse()
                    .map_err(|_| ResponseError::Malformed("bad content-length"))?,
            );
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("connection") {
            let v = value.to_ascii_lowercase();
            if v.contains("close") {
                keep = false;
            } else if v.contains("keep-alive") {
                keep = true;
            }
        }
    }
    // 1xx, 204 and 304 have no body.
    if (100..200).contains(&status) || status == 204 || status == 304 {
        return Ok((status, keep));
    }
    if chunked {
        loop {
            read_line(r, &mut line)?;
            let size = line.trim().split(';').next().unwrap_or("");
            let size = u64::from_str_radix(size, 16)
                .map_err(|_| ResponseError::Malformed("bad chunk size"))?;
            if size == 0 {
                // Trailers up to the empty line.
                while read_line(r, &mut line)? > 0 && !line.trim().is_empty() {}
                break;
            }
            std::io::copy(&mut r.by_ref().take(size), &mut std::io::sink())?;
            read_line(r, &mut line)?;
        }
    } else if let Some(n) = length {
        let got = std::io::copy(&mut r.by_ref().take(n), &mut std::io::sink())?;
        if got < n {
            return Err(ResponseError::Malformed("truncated body"));
        }
    } else {
        std::io::copy(r, &mut std::io::sink())?;
        keep = false;
    }
    Ok((status, keep))
}

impl Sink for HttpSink {
    fn name(&self) -> &str {
        "http"
    }

    fn output(&mut self, msg: &Message) -> Result<(), SinkError> {
        let body = msg.line.as_bytes();
        let mut timeouts = 0u8;
        let mut retried = false;
        loop {
            match self.attempt(body) {
                Attempt::Done(r) => return r,
                Attempt::Retry(e) => {
                    if retried {
                        return Err(e);
                    }
                    retried = true;
                }
                // Falco retries a timed-out call up to max_consecutive_timeouts times.
                Attempt::TimedOut(e) => {
                    if timeouts >= self.max_consecutive_timeouts {
                        return Err(e);
                    }
                    timeouts += 1;
                }
            }
        }
    }

    fn cleanup(&mut self) -> Result<(), SinkError> {
        self.conn = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = HttpUrl::parse("http://127.0.0.1:2801/").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.target.as_str()),
            ("127.0.0.1", 2801, "/")
        );
        let u = HttpUrl::parse("\"http://localhost/alerts?x=1\"").unwrap();
        assert_eq!(
            (
                u.host.as_str(),
                u.port,
                u.target.as_str(),
                u.authority.as_str()
            ),
            ("localhost", 80, "/alerts?x=1", "localhost")
        );
        let u = HttpUrl::parse("http://[::1]:8080?q").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.target.as_str()),
            ("::1", 8080, "/?q")
        );
        let u = HttpUrl::parse("localhost:9").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("localhost", 9));
        assert!(HttpUrl::parse("https://example.com/").is_err());
        assert!(HttpUrl::parse("ftp://example.com/").is_err());
        assert!(HttpUrl::parse("http://h:x/").is_err());
        assert!(HttpUrl::parse("http:///").is_err());
        assert!(HttpUrl::parse("hé://x").is_err());
    }
}
