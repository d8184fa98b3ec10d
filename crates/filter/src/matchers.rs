//! Precompiled right-hand structures: glob patterns, path-prefix sets for `pmatch`, CIDR
//! sets, string sets and a case-insensitive substring search.

use crate::literal::Net;
use rustc_hash::{FxHashMap, FxHashSet};
use std::net::IpAddr;

// ---- glob (fnmatch(3) with flags 0 or FNM_CASEFOLD) ---------------------------------------

#[derive(Debug, Clone)]
enum GlobTok {
    Byte(u8),
    Any,
    Star,
    /// 256-bit membership set; the negation is already applied.
    Class(Box<[u64; 4]>),
}

/// A compiled shell pattern: `*` matches any sequence including `/`, `?` any byte,
/// `[...]` a bracket expression (`!`/`^` negation, ranges, `[:class:]`), `\c` a literal `c`.
#[derive(Debug, Clone)]
pub struct Glob {
    toks: Vec<GlobTok>,
    fold: bool,
    /// A trailing lone backslash makes fnmatch fail on every input.
    never: bool,
}

fn set_bit(set: &mut [u64; 4], c: u8) {
    set[(c >> 6) as usize] |= 1u64 << (c & 63);
}

fn has_bit(set: &[u64; 4], c: u8) -> bool {
    set[(c >> 6) as usize] & (1u64 << (c & 63)) != 0
}

fn class_matches(name: &[u8], c: u8) -> Option<bool> {
    Some(match name {
        b"alnum" => c.is_ascii_alphanumeric(),
        b"alpha" => c.is_ascii_alphabetic(),
        b"blank" => c == b' ' || c == b'\t',
        b"cntrl" => c.is_ascii_control(),
        b"digit" => c.is_ascii_digit(),
        b"graph" => c.is_ascii_graphic(),
        b"lower" => c.is_ascii_lowercase(),
        b"print" => c.is_ascii_graphic() || c == b' ',
        b"punct" => c.is_ascii_punctuation(),
        b"space" => matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
        b"upper" => c.is_ascii_uppercase(),
        b"xdigit" => c.is_ascii_hexdigit(),
        _ => return None,
    })
}

/// Parses a bracket expression starting after `[`; returns the set and the index after `]`,
/// or `None` when it is not terminated (then `[` is an ordinary character).
fn parse_class(p: &[u8], mut i: usize, fold: bool) -> Option<([u64; 4], usize)> {
    let mut set = [0u64; 4];
    let negate = matches!(p.get(i), Some(b'!' | b'^'));
    if negate {
        i += 1;
    }
    let mut first = true;
    loop {
        let c = *p.get(i)?;
        if c == b']' && !first {
            i += 1;
            break;
        }
        first = false;
        if c == b'[' && p.get(i + 1) == Some(&b':') {
            if let Some(end) = p[i + 2..].windows(2).position(|w| w == b":]") {
                let name = &p[i + 2..i + 2 + end];
                if class_matches(name, b'a').is_some() {
                    for b in 0..=255u8 {
                        if class_matches(name, b) == Some(true) {
                            set_bit(&mut set, b);
                        }
                    }
                    i += end + 4;
                    continue;
                }
            }
        }
        let lo = if c == b'\\' {
            i += 1;
            *p.get(i)?
        } else {
            c
        };
        i += 1;
        if p.get(i) == Some(&b'-') && p.get(i + 1).is_some_and(|n| *n != b']') {
            let mut hi = p[i + 1];
            i += 2;
            if hi == b'\\' {
                hi = *p.get(i)?;
                i += 1;
            }
            if lo <= hi {
                for b in lo..=hi {
                    set_bit(&mut set, b);
                }
            }
        } else {
            set_bit(&mut set, lo);
        }
    }
    if fold {
        for b in 0..=255u8 {
            if has_bit(&set, b) {
                set_bit(&mut set, b.to_ascii_lowercase());
                set_bit(&mut set, b.to_ascii_uppercase());
            }
        }
    }
    if negate {
        for w in set.iter_mut() {
            *w = !*w;
        }
    }
    Some((set, i))
}

impl Glob {
    pub fn new(pattern: &[u8], fold: bool) -> Glob {
        let mut toks = Vec::new();
        let mut never = false;
        let mut i = 0;
        while i < pattern.len() {
            let c = pattern[i];
            match c {
                b'*' => {
                    if !matches!(toks.last(), Some(GlobTok::Star)) {
                        toks.push(GlobTok::Star);
                    }
                    i += 1;
                }
                b'?' => {
                    toks.push(GlobTok::Any);
                    i += 1;
                }
                b'\\' => match pattern.get(i + 1) {
                    Some(&n) => {
                        toks.push(GlobTok::Byte(if fold { n.to_ascii_lowercase() } else { n }));
                        i += 2;
                    }
                    None => {
                        never = true;
                        i += 1;
                    }
                },
                b'[' => match parse_class(pattern, i + 1, fold) {
                    Some((set, next)) => {
                        toks.push(GlobTok::Class(Box::new(set)));
                        i = next;
                    }
                    None => {
                        toks.push(GlobTok::Byte(b'['));
                        i += 1;
                    }
                },
                _ => {
                    toks.push(GlobTok::Byte(if fold { c.to_ascii_lowercase() } else { c }));
                    i += 1;
                }
            }
        }
        Glob { toks, fold, never }
    }

    fn tok_matches(&self, t: &GlobTok, c: u8) -> bool {
        match t {
            GlobTok::Byte(b) => {
                if self.fold {
                    c.to_ascii_lowercase() == *b
                } else {
                    c == *b
                }
            }
            GlobTok::Any => true,
            GlobTok::Class(set) => has_bit(set, c),
            GlobTok::Star => false,
        }
    }

    /// The literal bytes every match starts with (up to the first wildcard), `None` when
    /// there are none or the pattern folds case.
    pub fn literal_prefix(&self) -> Option<Vec<u8>> {
        if self.fold || self.never {
            return None;
        }
        let prefix: Vec<u8> = self
            .toks
            .iter()
            .map_while(|t| match t {
                GlobTok::Byte(b) => Some(*b),
                _ => None,
            })
            .collect();
        (!prefix.is_empty()).then_some(prefix)
    }

    pub fn matches(&self, text: &[u8]) -> bool {
        if self.never {
            return false;
        }
        let toks = &self.toks;
        let (mut p, mut s) = (0usize, 0usize);
        // Without FNM_PATHNAME a star matches anything, so backtracking to the last star
        // is enough (an earlier star can never need a different extent).
        let mut star: Option<(usize, usize)> = None;
        while s < text.len() {
            if let Some(t) = toks.get(p) {
                if matches!(t, GlobTok::Star) {
                    star = Some((p, s));
                    p += 1;
                    continue;
                }
                if self.tok_matches(t, text[s]) {
                    p += 1;
                    s += 1;
                    continue;
                }
            }
            match star {
                Some((sp, ss)) => {
                    p = sp + 1;
                    s = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return false,
            }
        }
        while matches!(toks.get(p), Some(GlobTok::Star)) {
            p += 1;
        }
        p == toks.len()
    }
}

// ---- pmatch: path-component prefix set ---------------------------------------------------

#[derive(Debug, Default, Clone)]
struct PathNode {
    terminal: bool,
    direct: FxHashMap<Box<[u8]>, PathNode>,
    globs: Vec<(Box<[u8]>, Glob, PathNode)>,
}

/// Paths matched by component prefix: `/var/run` matches `/var/run` and `/var/run/x` but not
/// `/var/runx`; empty components are ignored; a component with `?*[` is a glob for one
/// component.
#[derive(Debug, Default, Clone)]
pub struct PathSet {
    root: PathNode,
}

fn components(path: &[u8]) -> impl Iterator<Item = &[u8]> {
    path.split(|c| *c == b'/').filter(|c| !c.is_empty())
}

impl PathSet {
    pub fn insert(&mut self, path: &[u8]) {
        let mut node = &mut self.root;
        for comp in components(path) {
            if node.terminal {
                // A shorter path already covers this one.
                return;
            }
            let is_glob = comp.iter().any(|c| matches!(c, b'?' | b'*' | b'['));
            node = if is_glob {
                let idx = match node.globs.iter().position(|(k, _, _)| &**k == comp) {
                    Some(i) => i,
                    None => {
                        node.globs
                            .push((comp.into(), Glob::new(comp, false), PathNode::default()));
                        node.globs.len() - 1
                    }
                };
                &mut node.globs[idx].2
            } else {
                node.direct.entry(comp.into()).or_default()
            };
        }
        node.terminal = true;
        node.direct.clear();
        node.globs.clear();
    }

    pub fn matches(&self, path: &[u8]) -> bool {
        let comps: smallvec_like::Comps = smallvec_like::Comps::new(path);
        Self::match_node(&self.root, &comps, 0)
    }

    fn match_node(node: &PathNode, comps: &smallvec_like::Comps, i: usize) -> bool {
        if node.terminal {
            return true;
        }
        let Some(comp) = comps.get(i) else {
            return false;
        };
        if let Some(child) = node.direct.get(comp) {
            if Self::match_node(child, comps, i + 1) {
                return true;
            }
        }
        node.globs
            .iter()
            .any(|(_, g, child)| g.matches(comp) && Self::match_node(child, comps, i + 1))
    }
}

mod smallvec_like {
    /// Component boundaries of a path without allocating for typical depths.
    pub struct Comps<'a> {
        path: &'a [u8],
        inline: [(u32, u32); 24],
        n: usize,
        spill: Vec<(u32, u32)>,
    }

    impl<'a> Comps<'a> {
        pub fn new(path: &'a [u8]) -> Self {
            let mut c = Comps {
                path,
                inline: [(0, 0); 24],
                n: 0,
                spill: Vec::new(),
            };
            let mut start = 0usize;
            for (i, b) in path
                .iter()
                .enumerate()
                .chain(std::iter::once((path.len(), &b'/')))
            {
                if *b == b'/' {
                    if i > start {
                        let r = (start as u32, i as u32);
                        if c.n < c.inline.len() {
                            c.inline[c.n] = r;
                        } else {
                            c.spill.push(r);
                        }
                        c.n += 1;
                    }
                    start = i + 1;
                }
            }
            c
        }

        pub fn get(&self, i: usize) -> Option<&'a [u8]> {
            if i >= self.n {
                return None;
            }
            let (s, e) = if i < self.inline.len() {
                self.inline[i]
            } else {
                self.spill[i - self.inline.len()]
            };
            self.path.get(s as usize..e as usize)
        }
    }
}

// ---- CIDR sets ---------------------------------------------------------------------------

/// A set of networks as sorted, merged address ranges: building is a sort, lookups a binary
/// search, so a million networks load in milliseconds.
#[derive(Debug, Default, Clone)]
pub struct NetSet {
    v4: Vec<(u32, u32)>,
    /// For big sets: `dir[h]` is the first range ending at or after `h << 16`, so a lookup
    /// only binary-searches the few ranges sharing the address's top 16 bits.
    v4_dir: Vec<u32>,
    v6: Vec<(u128, u128)>,
}

const DIR_THRESHOLD: usize = 256;

fn merge<T: Ord + Copy>(mut ranges: Vec<(T, T)>, succ: impl Fn(T) -> Option<T>) -> Vec<(T, T)> {
    ranges.sort_unstable();
    let mut out: Vec<(T, T)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        if let Some(last) = out.last_mut() {
            let adjacent = succ(last.1).is_some_and(|n| n == lo);
            if lo <= last.1 || adjacent {
                if hi > last.1 {
                    last.1 = hi;
                }
                continue;
            }
        }
        out.push((lo, hi));
    }
    out
}

impl NetSet {
    pub fn new(nets: &[Net]) -> NetSet {
        let mut v4 = Vec::new();
        let mut v6 = Vec::new();
        for n in nets {
            let (lo, hi) = n.range();
            if n.v6 {
                v6.push((lo, hi));
            } else {
                v4.push((lo as u32, hi as u32));
            }
        }
        let v4 = merge(v4, |x: u32| x.checked_add(1));
        let mut v4_dir = Vec::new();
        if v4.len() > DIR_THRESHOLD {
            v4_dir.reserve(65537);
            let mut i = 0usize;
            for h in 0..=65536u64 {
                let base = h << 16;
                while i < v4.len() && u64::from(v4[i].1) < base {
                    i += 1;
                }
                v4_dir.push(i as u32);
            }
        }
        NetSet {
            v4,
            v4_dir,
            v6: merge(v6, |x: u128| x.checked_add(1)),
        }
    }

    pub fn contains(&self, ip: &IpAddr) -> bool {
        match ip {
            IpAddr::V4(a) => {
                let x = u32::from(*a);
                let (lo, hi) = if self.v4_dir.is_empty() {
                    (0, self.v4.len())
                } else {
                    let h = (x >> 16) as usize;
                    let lo = self.v4_dir[h] as usize;
                    let hi = (self.v4_dir[h + 1] as usize + 1).min(self.v4.len());
                    (lo, hi)
                };
                let part = &self.v4[lo..hi.max(lo)];
                let i = part.partition_point(|r| r.1 < x);
                part.get(i).is_some_and(|r| r.0 <= x)
            }
            IpAddr::V6(a) => {
                let x = u128::from(*a);
                let i = self.v6.partition_point(|r| r.1 < x);
                self.v6.get(i).is_some_and(|r| r.0 <= x)
            }
        }
    }
}

/// Exact-match address set. Keyed by integers because hashing `IpAddr` itself clusters badly
/// for structured IPv6 ranges (≈ 0.5 µs per lookup at 1M addresses of one /32); two sets keep
/// an IPv4 address and its IPv4-mapped IPv6 form distinct, as `IpAddr` equality does.
#[derive(Debug, Default, Clone)]
pub struct IpSet {
    v4: FxHashSet<u32>,
    v6: FxHashSet<u128>,
}

impl IpSet {
    pub fn contains(&self, ip: &IpAddr) -> bool {
        match ip {
            IpAddr::V4(a) => self.v4.contains(&u32::from(*a)),
            IpAddr::V6(a) => self.v6.contains(&u128::from(*a)),
        }
    }
}

impl FromIterator<IpAddr> for IpSet {
    fn from_iter<I: IntoIterator<Item = IpAddr>>(iter: I) -> Self {
        let mut set = IpSet::default();
        for ip in iter {
            match ip {
                IpAddr::V4(a) => set.v4.insert(u32::from(a)),
                IpAddr::V6(a) => set.v6.insert(u128::from(a)),
            };
        }
        set
    }
}

// ---- string sets -------------------------------------------------------------------------

/// Exact-match string set with the length prefilter libsinsp uses, and a second one: a
/// bitmap of the members' (length, first byte, last byte), which most values looked up (not
/// members) fail without being hashed.
#[derive(Debug, Default, Clone)]
pub struct StrSet {
    set: FxHashSet<Box<[u8]>>,
    min: usize,
    max: usize,
    sketch: Box<[u64; SKETCH_WORDS]>,
}

const SKETCH_WORDS: usize = 16;

/// The sketch bit of `v` (one of `64 * SKETCH_WORDS`).
#[inline(always)]
fn sketch_bit(v: &[u8]) -> usize {
    let ends =
        u32::from(v.first().copied().unwrap_or(0)) << 8 | u32::from(v.last().copied().unwrap_or(0));
    let h = (v.len() as u32).wrapping_mul(0x9E37_79B1) ^ ends.wrapping_mul(0x85EB_CA6B);
    (h >> 22) as usize
}

impl StrSet {
    pub fn new<'a>(items: impl IntoIterator<Item = &'a [u8]>) -> StrSet {
        let mut s = StrSet {
            set: FxHashSet::default(),
            min: usize::MAX,
            max: 0,
            sketch: Box::new([0; SKETCH_WORDS]),
        };
        for it in items {
            s.min = s.min.min(it.len());
            s.max = s.max.max(it.len());
            let b = sketch_bit(it);
            s.sketch[b / 64] |= 1 << (b % 64);
            s.set.insert(it.into());
        }
        s
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.set.iter().map(|v| &**v)
    }

    #[inline]
    pub fn contains(&self, v: &[u8]) -> bool {
        if v.len() < self.min || v.len() > self.max {
            return false;
        }
        let b = sketch_bit(v);
        self.sketch[b / 64] & (1 << (b % 64)) != 0 && self.set.contains(v)
    }
}

/// Affixes grouped by length: "does any element prefix (or suffix) this value" costs one
/// hash lookup per distinct length.
#[derive(Debug, Default, Clone)]
pub struct AffixSet {
    by_len: Vec<(usize, FxHashSet<Box<[u8]>>)>,
    suffix: bool,
}

impl AffixSet {
    pub fn new<'a>(items: impl IntoIterator<Item = &'a [u8]>, suffix: bool) -> AffixSet {
        let mut map: FxHashMap<usize, FxHashSet<Box<[u8]>>> = FxHashMap::default();
        for it in items {
            map.entry(it.len()).or_default().insert(it.into());
        }
        let mut by_len: Vec<_> = map.into_iter().collect();
        by_len.sort_by_key(|(l, _)| *l);
        AffixSet { by_len, suffix }
    }

    pub fn len(&self) -> usize {
        self.by_len.iter().map(|(_, s)| s.len()).sum()
    }

    pub fn is_suffix(&self) -> bool {
        self.suffix
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.by_len.iter().flat_map(|(_, s)| s.iter().map(|v| &**v))
    }

    pub fn matches(&self, v: &[u8]) -> bool {
        self.by_len
            .iter()
            .take_while(|(l, _)| *l <= v.len())
            .any(|(l, set)| {
                let part = if self.suffix {
                    &v[v.len() - l..]
                } else {
                    &v[..*l]
                };
                set.contains(part)
            })
    }
}

/// Values up to this length are searched by direct comparison: for a path or a process
/// name the searcher's set-up costs more than the scan.
const SHORT_HAYSTACK: usize = 64;

/// `contains` with one needle.
#[derive(Debug, Clone)]
pub struct Substring {
    needle: Box<[u8]>,
    finder: memchr::memmem::Finder<'static>,
}

impl Substring {
    pub fn new(needle: &[u8]) -> Substring {
        Substring {
            needle: needle.into(),
            finder: memchr::memmem::Finder::new(needle).into_owned(),
        }
    }

    pub fn needle(&self) -> &[u8] {
        &self.needle
    }

    pub fn matches(&self, h: &[u8]) -> bool {
        if h.len() > SHORT_HAYSTACK {
            return self.finder.find(h).is_some();
        }
        let n = &*self.needle;
        let Some((&first, rest)) = n.split_first() else {
            return true;
        };
        let Some(last) = h.len().checked_sub(n.len()) else {
            return false;
        };
        // The values are short, where calls to memchr/memcmp cost more than the work they
        // save: candidate starts (bytes equal to the needle's first) are found eight at a
        // time, then compared byte by byte.
        let at = |i: usize| rest.iter().zip(&h[i + 1..]).all(|(a, b)| a == b);
        const LOW: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let pattern = LOW * u64::from(first);
        let mut i = 0;
        while i + 8 <= h.len() && i <= last {
            let mut word = [0u8; 8];
            word.copy_from_slice(&h[i..i + 8]);
            let x = u64::from_le_bytes(word) ^ pattern;
            // A high bit for every zero byte of `x` (and possibly some bytes above one,
            // which the comparison weeds out).
            let mut zeros = x.wrapping_sub(LOW) & !x & HIGH;
            while zeros != 0 {
                let j = i + (zeros.trailing_zeros() / 8) as usize;
                if j > last {
                    break;
                }
                if h[j] == first && at(j) {
                    return true;
                }
                zeros &= zeros - 1;
            }
            i += 8;
        }
        (i..=last).any(|j| h[j] == first && at(j))
    }
}

/// `strcasestr`: ASCII case-insensitive substring search.
#[derive(Debug, Clone)]
pub struct IContains {
    needle: Box<[u8]>,
}

impl IContains {
    pub fn new(needle: &[u8]) -> IContains {
        IContains {
            needle: needle.to_ascii_lowercase().into(),
        }
    }

    pub fn matches(&self, hay: &[u8]) -> bool {
        icontains(hay, &self.needle)
    }
}

/// ASCII case-insensitive substring search for a needle of any case.
pub fn icontains(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let last_start = hay.len() - needle.len();
    let mut from = 0;
    while from <= last_start {
        let Some(off) = memchr::memchr2(lo, up, &hay[from..=last_start]) else {
            return false;
        };
        let i = from + off;
        if hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return true;
        }
        from = i + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_set_membership() {
        let items: Vec<String> = (0..500).map(|i| format!("/etc/file{i}")).collect();
        let set = StrSet::new(items.iter().map(|s| s.as_bytes()));
        for it in &items {
            assert!(set.contains(it.as_bytes()), "{it}");
        }
        for miss in [
            "/etc/file500",
            "/etc/file",
            "",
            "/etc/file1 ",
            "x/etc/file1",
        ] {
            assert!(!set.contains(miss.as_bytes()), "{miss}");
        }
        let with_empty = StrSet::new([&b""[..], b"a"]);
        assert!(with_empty.contains(b""));
        assert!(with_empty.contains(b"a"));
        assert!(!with_empty.contains(b"b"));
        assert!(!StrSet::new(std::iter::empty()).contains(b""));
    }

    #[test]
    fn substring_agrees_with_a_plain_search() {
        let naive = |h: &[u8], n: &[u8]| n.is_empty() || h.windows(n.len()).any(|w| w == n);
        // Every haystack and needle over a small alphabet (with a byte >= 0x80 and a 0x01,
        // the edge cases of the eight-at-a-time scan) up to lengths past one word.
        let alphabet = [b'a', b'b', 0x01, 0xff];
        let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=4 {
            let mut next = Vec::new();
            for s in strings.iter().filter(|s| s.len() == len - 1) {
                for &c in &alphabet {
                    let mut t = s.clone();
                    t.push(c);
                    next.push(t);
                }
            }
            strings.extend(next);
        }
        let mut haystacks = strings.clone();
        for s in &strings {
            for pad in [7, 8, 9, 15, 16, 17, 60, 70] {
                let mut front = vec![b'a'; pad];
                front.extend_from_slice(s);
                haystacks.push(front.clone());
                let mut back = s.clone();
                back.extend(std::iter::repeat_n(b'b', pad));
                haystacks.push(back);
            }
        }
        for n in &strings {
            let m = Substring::new(n);
            for h in &haystacks {
                assert_eq!(m.matches(h), naive(h, n), "{h:?} contains {n:?}");
            }
        }
        let m = Substring::new(b"/.ssh/");
        assert!(!m.matches(b"/dev/urandom"));
        assert!(m.matches(b"/home/u/.ssh/id_rsa"));
    }

    #[test]
    fn glob_basics() {
        let g = |p: &str, s: &str| Glob::new(p.as_bytes(), false).matches(s.as_bytes());
        assert!(g("*", ""));
        assert!(g("/etc/*", "/etc/passwd/x"));
        assert!(g("a?c", "abc"));
        assert!(!g("a?c", "ac"));
        assert!(g("*.sh", "/tmp/x.sh"));
        assert!(!g("*.sh", "/tmp/x.shx"));
        assert!(g("[a-c]x", "bx"));
        assert!(!g("[a-c]x", "dx"));
        assert!(g("[!a-c]x", "dx"));
        assert!(g("[^a-c]x", "dx"));
        assert!(g("[]]", "]"));
        assert!(g("[[:digit:]]*", "7abc"));
        assert!(!g("[[:digit:]]*", "abc"));
        assert!(g("\\*", "*"));
        assert!(!g("\\*", "a"));
        assert!(g("[", "["));
        assert!(!g("ab\\", "ab\\"));
        assert!(g("*a*b*c*", "xxaxxbxxcxx"));
        assert!(!g("*a*b*c", "xxaxxbxxcxx"));
        assert!(!g("ABC", "abc"));
        let gi = |p: &str, s: &str| Glob::new(p.as_bytes(), true).matches(s.as_bytes());
        assert!(gi("ABC*", "abcdef"));
        assert!(gi("[A-C]x", "bX"));
    }

    #[test]
    fn pathset() {
        let mut s = PathSet::default();
        s.insert(b"/var/run");
        s.insert(b"/etc/ssh/");
        s.insert(b"/usr/*/bin");
        assert!(s.matches(b"/var/run"));
        assert!(s.matches(b"/var/run/docker.sock"));
        assert!(s.matches(b"//var//run/"));
        assert!(s.matches(b"var/run"));
        assert!(!s.matches(b"/var/runx"));
        assert!(!s.matches(b"/var"));
        assert!(s.matches(b"/etc/ssh/sshd_config"));
        assert!(s.matches(b"/usr/local/bin/x"));
        assert!(!s.matches(b"/usr/local/lib/x"));
        // A shorter path added later covers the longer one.
        let mut t = PathSet::default();
        t.insert(b"/a/b/c");
        assert!(!t.matches(b"/a/b"));
        t.insert(b"/a/b");
        assert!(t.matches(b"/a/b"));
        t.insert(b"/a/b/c/d");
        assert!(t.matches(b"/a/b/x"));
        let mut r = PathSet::default();
        r.insert(b"/");
        assert!(r.matches(b"/anything"));
        let deep: Vec<u8> = (0..40).flat_map(|_| b"/d".iter().copied()).collect();
        let mut d = PathSet::default();
        d.insert(&deep);
        let mut deeper = deep.clone();
        deeper.extend_from_slice(b"/x");
        assert!(d.matches(&deeper));
    }

    #[test]
    fn netset() {
        let nets: Vec<Net> = [
            "10.0.0.0/8",
            "10.1.0.0/16",
            "192.168.0.0/16",
            "192.169.0.0/16",
            "fd00::/8",
        ]
        .iter()
        .map(|s| {
            match crate::literal::parse_literal(crate::field::FieldType::IpNet, s.as_bytes()) {
                Ok(crate::literal::Lit::Net(n)) => n,
                other => panic!("{other:?}"),
            }
        })
        .collect();
        let s = NetSet::new(&nets);
        assert_eq!(s.v4.len(), 2);
        for ip in [
            "10.0.0.0",
            "10.255.255.255",
            "192.168.1.1",
            "192.169.255.255",
            "fd12::1",
        ] {
            assert!(s.contains(&ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "9.255.255.255",
            "11.0.0.0",
            "192.170.0.0",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!s.contains(&ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn big_netset_matches_linear_scan() {
        let nets: Vec<Net> = (0..5000u32)
            .map(|i| Net {
                v6: false,
                addr: u128::from(i.wrapping_mul(2654435761)),
                prefix: (8 + i % 25) as u8,
            })
            .collect();
        let s = NetSet::new(&nets);
        assert!(!s.v4_dir.is_empty());
        for k in 0..20000u32 {
            let ip = IpAddr::V4(std::net::Ipv4Addr::from(k.wrapping_mul(2246822519)));
            let linear = nets.iter().any(|n| n.contains(&ip));
            assert_eq!(s.contains(&ip), linear, "{ip}");
        }
        for n in nets.iter().take(500) {
            let (lo, hi) = n.range();
            for x in [lo, hi] {
                assert!(s.contains(&IpAddr::V4(std::net::Ipv4Addr::from(x as u32))));
            }
        }
        let edge = NetSet::new(&[Net {
            v6: false,
            addr: 0xffff_ff00,
            prefix: 24,
        }]);
        assert!(edge.contains(&"255.255.255.255".parse().unwrap()));
    }

    #[test]
    fn ip_set_keeps_families_apart() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let s: IpSet = ["10.0.0.1", "2001:db8::1", "::ffff:192.0.2.7"]
            .into_iter()
            .map(ip)
            .collect();
        assert!(s.contains(&ip("10.0.0.1")));
        assert!(s.contains(&ip("2001:db8::1")));
        assert!(s.contains(&ip("::ffff:192.0.2.7")));
        assert!(!s.contains(&ip("192.0.2.7")));
        assert!(!s.contains(&ip("::ffff:10.0.0.1")));
        assert!(!s.contains(&ip("::10.0.0.1")));
        assert!(!s.contains(&ip("2001:db8::2")));
    }

    #[test]
    fn affix_and_icontains() {
        let a = AffixSet::new([&b"/bin/"[..], b"/usr/bin/", b"/s"], false);
        assert!(a.matches(b"/bin/sh"));
        assert!(a.matches(b"/sbin/x"));
        assert!(!a.matches(b"/opt/x"));
        let e = AffixSet::new([&b".sh"[..], b".py"], true);
        assert!(e.matches(b"x.py"));
        assert!(!e.matches(b"py"));
        let i = IContains::new(b"PassWd");
        assert!(i.matches(b"/etc/PASSWD"));
        assert!(i.matches(b"xpasswd"));
        assert!(!i.matches(b"passw"));
        assert!(IContains::new(b"").matches(b""));
    }
}
