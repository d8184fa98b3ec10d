//! `x.y.z` versions as libsinsp parses and compares them.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

/// One `%u` conversion of C's `sscanf`: optional blanks, optional sign, decimal digits.
/// Returns the value (wrapping like C on `-`) and the rest of the input.
fn scan_u32(s: &str) -> Option<(u32, &str)> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    if end == 0 {
        return None;
    }
    // strtoul saturates on overflow before the narrowing to 32 bits
    let v: u64 = s[..end].parse().unwrap_or(u64::MAX);
    let v = v as u32;
    Some((if neg { v.wrapping_neg() } else { v }, &s[end..]))
}

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// `"%u.%u.%u"` prefix match, trailing text ignored (so "0.57.0-rc1" is valid).
    pub fn parse(s: &str) -> Option<Version> {
        let (major, rest) = scan_u32(s)?;
        let rest = rest.strip_prefix('.')?;
        let (minor, rest) = scan_u32(rest)?;
        let rest = rest.strip_prefix('.')?;
        let (patch, _) = scan_u32(rest)?;
        Some(Version {
            major,
            minor,
            patch,
        })
    }

    /// Same major and not older than `required`.
    pub fn compatible_with(&self, required: &Version) -> bool {
        self.major == required.major && self >= required
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_sscanf() {
        assert_eq!(Version::parse("0.57.0"), Some(Version::new(0, 57, 0)));
        assert_eq!(Version::parse("1.2.3-rc1"), Some(Version::new(1, 2, 3)));
        assert_eq!(Version::parse("seven"), None);
        assert_eq!(Version::parse("1.2"), None);
    }

    #[test]
    fn compatibility() {
        let engine = Version::new(0, 62, 0);
        assert!(engine.compatible_with(&Version::new(0, 57, 0)));
        assert!(!engine.compatible_with(&Version::new(0, 9999999, 0)));
        assert!(!engine.compatible_with(&Version::new(1, 0, 0)));
    }
}
