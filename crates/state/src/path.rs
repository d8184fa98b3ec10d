//! Path resolution exactly as libsinsp performs it (`concatenate_paths`).
//!
//! The normalisation is deliberately not a clean POSIX one: it works character by character,
//! so sequences such as `a./b` or `x../y` are folded the way upstream folds them, and bytes
//! that are not printable ASCII become `.`. `fd.name` and `proc.cwd` values depend on these
//! details, so they are reproduced rather than improved.

use crate::consts::MAX_PATH;

const SEP: u8 = b'/';

/// Upstream's notion of a character that must not appear in a path: anything that is not
/// printable ASCII.
pub(crate) fn is_invalid_char(c: u8) -> bool {
    !(0x20..=0x7e).contains(&c)
}

/// Removes every invalid character (upstream `sanitize_string`).
pub fn sanitize(s: &str) -> String {
    s.bytes()
        .filter(|&c| !is_invalid_char(c))
        .map(char::from)
        .collect()
}

/// Bytes up to (excluding) the first NUL.
pub(crate) fn cstr(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    }
}

/// Joins `base` and `path` the way libsinsp does: a relative `path` is appended to `base`
/// (which is expected to end with `/`), an absolute or empty one replaces it; `.`/`..`
/// components and repeated separators are folded and a trailing separator is dropped.
///
/// `path` may carry its trailing NUL (as event parameters do); it is only used for the length
/// check, like upstream, which reports `/PATH_TOO_LONG` when the inputs could overflow its
/// fixed buffer.
pub fn concatenate_paths(base: &[u8], path: &[u8]) -> String {
    let mut buf = Vec::with_capacity(base.len() + path.len());
    buf.extend_from_slice(base);
    concatenate_in_place(&mut buf, path);
    let mut out = String::new();
    push_utf8(&mut out, &buf);
    out
}

/// [`concatenate_paths`] without allocating: `buf` holds the base on entry and the joined
/// path on return.
pub(crate) fn concatenate_in_place(buf: &mut Vec<u8>, path: &[u8]) {
    if buf.len() + path.len() + 1 > MAX_PATH {
        buf.clear();
        buf.extend_from_slice(b"/PATH_TOO_LONG");
        return;
    }
    if !path.is_empty() && path[0] != SEP {
        let base = cstr(buf).len();
        buf.truncate(base);
    } else {
        buf.clear();
    }
    copy_and_sanitize(buf, path);
}

/// [`concatenate_paths`] of `base` and `path` into `out` (cleared first), for a base that
/// lives elsewhere: it is only copied when `path` is relative.
pub(crate) fn join_into(out: &mut Vec<u8>, base: &[u8], path: &[u8]) {
    out.clear();
    if base.len() + path.len() + 1 > MAX_PATH {
        out.extend_from_slice(b"/PATH_TOO_LONG");
        return;
    }
    if !path.is_empty() && path[0] != SEP {
        out.extend_from_slice(cstr(base));
    }
    copy_and_sanitize(out, path);
}

/// Whether [`concatenate_paths`] copies `p` (a path up to its NUL) verbatim: printable ASCII
/// with nothing to fold (no `./`, `..`, `//`, trailing `.` or `/`).
fn is_canonical(p: &[u8]) -> bool {
    match p.last() {
        None | Some(b'.') | Some(b'/') => return false,
        _ => {}
    }
    // Branch-free folds, so that the compiler can vectorise them.
    let printable = p.iter().fold(true, |ok, &c| ok & !is_invalid_char(c));
    let folds = p.windows(2).fold(false, |f, w| {
        f | ((w[0] == b'.') & ((w[1] == b'.') | (w[1] == SEP))) | ((w[0] == SEP) & (w[1] == SEP))
    });
    printable && !folds
}

/// What an open-family parser needs of a name: `resolved` gets `concatenate_paths(base,
/// path)` and `raw` gets `path` up to its NUL, both lossily decoded and appended. The common
/// case, a name that needs no folding, is decoded once and not rescanned; `scratch` serves
/// the others.
pub(crate) fn resolve_into(
    resolved: &mut String,
    raw: &mut String,
    base: &str,
    path: &[u8],
    scratch: &mut Vec<u8>,
) {
    let p = cstr(path);
    push_utf8(raw, p);
    if base.len() + path.len() < MAX_PATH && is_canonical(p) {
        // `p` is printable ASCII, so `raw` holds exactly its bytes.
        if path[0] != SEP {
            let base = base.find('\0').map_or(base, |n| &base[..n]);
            resolved.push_str(base);
        }
        resolved.push_str(&raw[raw.len() - p.len()..]);
        return;
    }
    join_into(scratch, base.as_bytes(), path);
    push_utf8(resolved, scratch);
}

/// The last name an open resolved against a directory, and the result: processes open the
/// same files over and over, and reusing the strings saves decoding and folding them again.
#[derive(Debug, Default)]
pub(crate) struct OpenMemo {
    /// The name parameter as the event had it, and the directory it was resolved against.
    path: Vec<u8>,
    base: String,
    /// False when `resolved`/`raw` do not belong to `path` and `base`.
    keyed: bool,
    /// `concatenate_paths(base, path)` and `path` up to its NUL, lossily decoded.
    pub resolved: String,
    pub raw: String,
}

impl OpenMemo {
    /// Makes `resolved` and `raw` those of `path` against `base`.
    pub(crate) fn resolve(&mut self, base: &str, path: &[u8], scratch: &mut Vec<u8>) {
        if self.keyed && self.path == path {
            // An absolute name only depends on the directory through the length limit.
            let fits = |b: &str| b.len() + path.len() < MAX_PATH;
            let absolute = path.first() == Some(&SEP);
            if self.base == base || (absolute && fits(base) && fits(&self.base)) {
                return;
            }
        }
        self.resolved.clear();
        self.raw.clear();
        resolve_into(&mut self.resolved, &mut self.raw, base, path, scratch);
        self.path.clear();
        self.path.extend_from_slice(path);
        self.base.clear();
        self.base.push_str(base);
        self.keyed = true;
    }

    /// Whether `resolve(base, path)` would keep the current result for any `base` of length
    /// `base_len`: an absolute name depends on its directory only through the length limit.
    pub(crate) fn holds_for(&self, base_len: usize, path: &[u8]) -> bool {
        let fits = |len: usize| len + path.len() < MAX_PATH;
        self.keyed
            && path.first() == Some(&SEP)
            && self.path == path
            && fits(base_len)
            && fits(self.base.len())
    }

    /// Sets the result of a resolution that is not remembered (a `dirfd` base).
    pub(crate) fn set_unkeyed(&mut self, resolved: &[u8], path: &[u8]) {
        self.keyed = false;
        self.resolved.clear();
        self.raw.clear();
        push_utf8(&mut self.resolved, resolved);
        push_utf8(&mut self.raw, cstr(path));
    }
}

/// Appends `b` to `out`, lossily decoded. Only printable ASCII survives sanitising, but a base
/// comes from earlier resolutions or the capture and may carry other bytes: those stay
/// lossless where they are valid UTF-8.
pub(crate) fn push_utf8(out: &mut String, b: &[u8]) {
    match std::str::from_utf8(b) {
        Ok(s) => out.push_str(s),
        Err(_) => out.push_str(&String::from_utf8_lossy(b)),
    }
}

/// Appends `path` to `out`, folding as upstream's `copy_and_sanitize_path` does. The whole of
/// `out` is the rewind limit for `..`.
fn copy_and_sanitize(out: &mut Vec<u8>, path: &[u8]) {
    let at = |i: usize| -> u8 { path.get(i).copied().unwrap_or(0) };
    let mut pc = 0usize;
    loop {
        let c = at(pc);
        if c == 0 {
            if out.len() > 1 && out.last() == Some(&SEP) {
                out.pop();
            }
            return;
        }
        if is_invalid_char(c) {
            out.push(b'.');
            pc += 1;
        } else if c == b'.' && at(pc + 1) == b'.' && at(pc + 2) == SEP {
            rewind_to_parent(out);
            pc += 3;
        } else if c == b'.' && at(pc + 1) == b'.' {
            if at(pc + 2) == 0 {
                rewind_to_parent(out);
            } else {
                out.extend_from_slice(b"..");
            }
            pc += 2;
        } else if c == b'.' && at(pc + 1) == SEP {
            pc += 2;
        } else if c == b'.' {
            if at(pc + 1) != 0 {
                out.push(b'.');
            }
            pc += 1;
        } else if c == SEP {
            if out.last() != Some(&SEP) {
                out.push(SEP);
            }
            pc += 1;
        } else {
            // Copy the run of ordinary bytes at once: path names are mostly such runs.
            let run = path[pc..]
                .iter()
                .position(|&b| b == 0 || b == b'.' || b == SEP || is_invalid_char(b))
                .map_or(path.len(), |n| pc + n);
            out.extend_from_slice(&path[pc..run]);
            pc = run;
        }
    }
}

/// Drops the last component of `out`, keeping its trailing separator.
fn rewind_to_parent(out: &mut Vec<u8>) {
    if out.len() <= 1 {
        return;
    }
    out.pop();
    while let Some(&last) = out.last() {
        if last == SEP {
            break;
        }
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(a: &str, b: &str) -> String {
        let joined = concatenate_paths(a.as_bytes(), b.as_bytes());
        let mut out = Vec::new();
        join_into(&mut out, a.as_bytes(), b.as_bytes());
        assert_eq!(joined.as_bytes(), out, "join_into({a:?}, {b:?})");
        let (mut resolved, mut raw) = ("x".to_string(), "y".to_string());
        resolve_into(&mut resolved, &mut raw, a, b.as_bytes(), &mut out);
        assert_eq!(resolved, format!("x{joined}"), "resolve_into({a:?}, {b:?})");
        let raw_expected = String::from_utf8_lossy(cstr(b.as_bytes())).into_owned();
        assert_eq!(
            raw,
            format!("y{raw_expected}"),
            "resolve_into({a:?}, {b:?})"
        );
        // The memo gives the same, first time and again, also after other names.
        let mut memo = OpenMemo::default();
        for other in [None, Some("/else"), Some("rel")] {
            if let Some(o) = other {
                memo.resolve("/o/", o.as_bytes(), &mut out);
            }
            for _ in 0..2 {
                memo.resolve(a, b.as_bytes(), &mut out);
                assert_eq!((&memo.resolved, &memo.raw), (&joined, &raw_expected));
            }
        }
        joined
    }

    #[test]
    fn relative_and_absolute() {
        assert_eq!(cat("/home/u/", "file.txt"), "/home/u/file.txt");
        assert_eq!(cat("/home/u/", "/etc/passwd"), "/etc/passwd");
        assert_eq!(cat("/home/u/", "../x"), "/home/x");
        assert_eq!(cat("/home/u/", "./x/"), "/home/u/x");
        assert_eq!(cat("/", ".."), "/");
        assert_eq!(cat("/a/b/", "c//d"), "/a/b/c/d");
        assert_eq!(cat("", "tls/libc.so.6"), "tls/libc.so.6");
        assert_eq!(cat("/tmp/", ""), "");
    }

    #[test]
    fn upstream_quirks() {
        // Character-wise folding: "./" is skipped wherever it appears.
        assert_eq!(cat("/", "a./b"), "/ab");
        assert_eq!(cat("/", "a\u{7f}b"), "/a.b");
        assert_eq!(cat("/d/", "x\0ignored"), "/d/x");
        let long = "a".repeat(MAX_PATH);
        assert_eq!(cat("/", &long), "/PATH_TOO_LONG");
        assert_eq!(cat("/", &"a".repeat(MAX_PATH - 1)), "/PATH_TOO_LONG");
        assert_eq!(cat("/", &"a".repeat(MAX_PATH - 2)).len(), MAX_PATH - 1);
    }

    #[test]
    fn folding_edge_cases() {
        // An empty C string is relative: the base stays, without its trailing separator.
        assert_eq!(cat("/home/u/", "\0"), "/home/u");
        assert_eq!(cat("/home/u/", ".bashrc"), "/home/u/.bashrc");
        assert_eq!(cat("/home/u/", "a."), "/home/u/a");
        assert_eq!(cat("/home/u/", "a/"), "/home/u/a");
        assert_eq!(cat("/", "/"), "/");
        assert_eq!(cat("/", "/x/.y/z"), "/x/.y/z");
        assert_eq!(cat("/", "/x/../y"), "/y");
        assert_eq!(cat("/", "/x//y"), "/x/y");
        assert_eq!(cat("<UNKNOWN>", "f"), "<UNKNOWN>f");
        assert_eq!(cat("/b\0junk/", "f"), "/bf");
        assert_eq!(cat("/\u{e9}/", "../f"), "/f");
        assert_eq!(cat("/\u{e9}/", "f\u{e9}"), "/\u{e9}/f..");
        assert_eq!(cat("", "rel/x"), "rel/x");
    }

    #[test]
    fn memo_keys_on_the_directory() {
        let mut scratch = Vec::new();
        let mut memo = OpenMemo::default();
        memo.resolve("/a/", b"f\0", &mut scratch);
        assert_eq!(memo.resolved, "/a/f");
        memo.resolve("/b/", b"f\0", &mut scratch);
        assert_eq!(memo.resolved, "/b/f");
        memo.resolve("/b/", b"/abs\0", &mut scratch);
        memo.resolve("/c/", b"/abs\0", &mut scratch);
        assert_eq!(memo.resolved, "/abs");
        // An absolute name holds for any directory within the length limit.
        assert!(memo.holds_for(3, b"/abs\0"));
        assert!(!memo.holds_for(MAX_PATH, b"/abs\0"));
        assert!(!memo.holds_for(3, b"/other\0"));
        let long = "d".repeat(MAX_PATH);
        memo.resolve(&long, b"/abs\0", &mut scratch);
        assert_eq!(memo.resolved, "/PATH_TOO_LONG");
        assert!(!memo.holds_for(3, b"/abs\0"));
        memo.resolve("/b/", b"f\0", &mut scratch);
        assert!(!memo.holds_for(3, b"f\0"));
        memo.set_unkeyed(b"/x/y", b"y\0");
        memo.resolve(&long, b"/abs\0", &mut scratch);
        assert_eq!(memo.resolved, "/PATH_TOO_LONG");
        memo.resolve("/", b"/abs\0", &mut scratch);
        assert_eq!(memo.resolved, "/abs");
    }
}
