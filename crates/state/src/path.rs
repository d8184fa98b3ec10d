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
    if base.len() + path.len() + 1 > MAX_PATH {
        return "/PATH_TOO_LONG".to_string();
    }
    let mut out: Vec<u8> = Vec::with_capacity(base.len() + path.len());
    if !path.is_empty() && path[0] != SEP {
        out.extend_from_slice(cstr(base));
        copy_and_sanitize(&mut out, path);
    } else {
        copy_and_sanitize(&mut out, path);
    }
    // Only printable ASCII survives sanitising (base comes from earlier resolutions or the
    // capture, so it may carry other bytes: keep them lossless where possible).
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
        concatenate_paths(a.as_bytes(), b.as_bytes())
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
    }
}
