//! The `regex` operator's pattern language. Falco compiles operands with RE2 in POSIX mode:
//! egrep syntax without Perl's extensions (`\d`, `\b`, `(?i)`, `(?:`, `\A`, lazy quantifiers
//! are errors or, for `*?`, two stacked repetitions), `^` and `$` that also match at line
//! breaks, `{` read as a literal unless it starts a valid `{n}`/`{n,}`/`{n,m}`, and repetition
//! counts limited to 1000. This module checks a pattern by those rules, failing with RE2's
//! error text, and rewrites it as an equivalent pattern for the `regex` crate, whose own
//! syntax differs on exactly those points (and on `[` inside brackets).

/// RE2's limit on a counted repetition, and on the product of nested ones.
const MAX_REPEAT: u64 = 1000;

const POSIX_CLASSES: &[&str] = &[
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
    "space", "upper", "word", "xdigit",
];

/// A translated piece of pattern that a repetition can apply to.
struct Atom {
    text: String,
    /// Largest product of counted repetitions nested inside.
    nested: u64,
    /// Already ends with a repetition (another one needs a group around it).
    repeated: bool,
}

/// An open group: its finished alternatives and the concatenation being built.
#[derive(Default)]
struct Group {
    alternatives: Vec<String>,
    nested: u64,
    current: Vec<Atom>,
}

impl Group {
    fn close_alternative(&mut self) {
        let atoms = std::mem::take(&mut self.current);
        self.nested = atoms.iter().map(|a| a.nested).fold(self.nested, u64::max);
        self.alternatives
            .push(atoms.into_iter().map(|a| a.text).collect());
    }

    fn finish(mut self) -> Atom {
        self.close_alternative();
        Atom {
            text: format!("(?:{})", self.alternatives.join("|")),
            nested: self.nested,
            repeated: false,
        }
    }
}

fn err<T>(what: &str, arg: &str) -> Result<T, String> {
    Err(if arg.is_empty() {
        what.to_string()
    } else {
        format!("{what}: {arg}")
    })
}

fn literal(c: char) -> String {
    format!("\\x{{{:x}}}", u32::from(c))
}

struct Parser<'a> {
    pattern: &'a str,
    chars: Vec<(usize, char)>,
    i: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).map(|(_, c)| *c)
    }

    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.pattern.len(), |(o, _)| *o)
    }

    /// The pattern text from char `from` to the current position.
    fn since(&self, from: usize) -> &'a str {
        &self.pattern[self.offset(from)..self.offset(self.i)]
    }

    fn rest_from(&self, from: usize) -> &'a str {
        &self.pattern[self.offset(from)..]
    }

    /// An escape sequence at the current `\`, as RE2 reads it outside Perl mode.
    fn escape(&mut self) -> Result<char, String> {
        let start = self.i;
        self.i += 1;
        let Some(c) = self.peek(0) else {
            return err("trailing \\", "");
        };
        self.i += 1;
        let bad = |p: &Self| err("invalid escape sequence", p.since(start));
        let octal = |c: Option<char>| c.filter(|c| ('0'..='7').contains(c));
        match c {
            '1'..='7' | '0' => {
                if c != '0' && octal(self.peek(0)).is_none() {
                    return bad(self);
                }
                let mut code = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match octal(self.peek(0)) {
                        Some(d) => {
                            code = code * 8 + d.to_digit(8).unwrap_or(0);
                            self.i += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(code).map_or_else(|| bad(self), Ok)
            }
            'x' => {
                let hex = |c: Option<char>| c.and_then(|c| c.to_digit(16));
                if self.peek(0) == Some('{') {
                    self.i += 1;
                    let mut code: u32 = 0;
                    let mut digits = 0;
                    while let Some(d) = hex(self.peek(0)) {
                        code = code.saturating_mul(16).saturating_add(d);
                        digits += 1;
                        self.i += 1;
                        if code > 0x10ffff {
                            return bad(self);
                        }
                    }
                    if digits == 0 || self.peek(0) != Some('}') {
                        self.i = (self.i + 1).min(self.chars.len());
                        return bad(self);
                    }
                    self.i += 1;
                    return char::from_u32(code).map_or_else(|| bad(self), Ok);
                }
                let (Some(h), Some(l)) = (hex(self.peek(0)), hex(self.peek(1))) else {
                    self.i = (self.i + 2).min(self.chars.len());
                    return bad(self);
                };
                self.i += 2;
                char::from_u32(h * 16 + l).map_or_else(|| bad(self), Ok)
            }
            'n' => Ok('\n'),
            'r' => Ok('\r'),
            't' => Ok('\t'),
            'a' => Ok('\x07'),
            'f' => Ok('\x0c'),
            'v' => Ok('\x0b'),
            c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok(c),
            _ => bad(self),
        }
    }

    /// One character of a bracket expression.
    fn class_char(&mut self, class_start: usize) -> Result<char, String> {
        match self.peek(0) {
            None => err("missing ]", self.rest_from(class_start)),
            Some('\\') => self.escape(),
            Some(c) => {
                self.i += 1;
                Ok(c)
            }
        }
    }

    /// A bracket expression, from its `[`.
    fn class(&mut self) -> Result<String, String> {
        let start = self.i;
        self.i += 1;
        let mut out = String::from("[");
        if self.peek(0) == Some('^') {
            self.i += 1;
            out.push('^');
        }
        let mut first = true;
        loop {
            let Some(c) = self.peek(0) else {
                return err("missing ]", self.rest_from(start));
            };
            if c == ']' && !first {
                self.i += 1;
                break;
            }
            // An unescaped '-' is only literal first or last.
            if c == '-' && !first && self.peek(1) != Some(']') {
                // RE2 reads the character after the '-' to quote it, and fails on none.
                let Some(next) = self.peek(1) else {
                    return err("invalid UTF-8", "");
                };
                return err("invalid character class range", &format!("-{next}"));
            }
            first = false;
            if c == '[' && self.peek(1) == Some(':') {
                let rest = &self.pattern[self.offset(self.i)..];
                if let Some(end) = rest[2..].find(":]") {
                    let name = &rest[..end + 4];
                    let bare = &name[2..name.len() - 2];
                    if !POSIX_CLASSES.contains(&bare.strip_prefix('^').unwrap_or(bare)) {
                        return err("invalid character class range", name);
                    }
                    out.push_str(name);
                    self.i += name.chars().count();
                    continue;
                }
            }
            let lo_start = self.i;
            let lo = self.class_char(start)?;
            if self.peek(0) == Some('-') && self.peek(1).is_some_and(|n| n != ']') {
                self.i += 1;
                let hi = self.class_char(start)?;
                if hi < lo {
                    return err("invalid character class range", self.since(lo_start));
                }
                out.push_str(&literal(lo));
                out.push('-');
                out.push_str(&literal(hi));
            } else {
                out.push_str(&literal(lo));
            }
        }
        out.push(']');
        Ok(out)
    }

    /// `{n}`, `{n,}` or `{n,m}` at the current `{`: `(min, max or None, length in chars)`.
    fn counted(&self) -> Option<(u64, Option<u64>, usize)> {
        let mut k = 1;
        let number = |k: &mut usize| -> Option<u64> {
            let from = *k;
            while self.peek(*k).is_some_and(|c| c.is_ascii_digit()) {
                *k += 1;
            }
            let digits: String = (from..*k).filter_map(|j| self.peek(j)).collect();
            // No leading zeros, and RE2's overflow guard.
            if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
                return None;
            }
            digits.parse::<u64>().ok().filter(|n| *n <= 999_999_999)
        };
        let min = number(&mut k)?;
        let max = match self.peek(k)? {
            ',' => {
                k += 1;
                if self.peek(k)? == '}' {
                    None
                } else {
                    Some(number(&mut k)?)
                }
            }
            _ => Some(min),
        };
        (self.peek(k)? == '}').then_some((min, max, k + 1))
    }
}

/// Checks `pattern` as RE2 in POSIX mode would and returns the equivalent `regex` crate
/// syntax, or RE2's error text.
pub(crate) fn translate(pattern: &str) -> Result<String, String> {
    let mut p = Parser {
        pattern,
        chars: pattern.char_indices().collect(),
        i: 0,
    };
    let mut stack: Vec<Group> = vec![Group::default()];
    while let Some(c) = p.peek(0) {
        let top = stack.len() - 1;
        match c {
            '(' => {
                p.i += 1;
                stack.push(Group::default());
            }
            ')' => {
                p.i += 1;
                if stack.len() == 1 {
                    return err("unexpected )", pattern);
                }
                let group = stack.pop().map(Group::finish);
                if let (Some(g), Some(outer)) = (group, stack.last_mut()) {
                    outer.current.push(g);
                }
            }
            '|' => {
                p.i += 1;
                stack[top].close_alternative();
            }
            '*' | '+' | '?' => {
                p.i += 1;
                let Some(atom) = stack[top].current.last_mut() else {
                    return err("no argument for repetition operator", &c.to_string());
                };
                // RE2 stacks repetitions (`a**`, `a*?`); the regex crate rejects or reads them
                // as laziness, so the inner one gets a group.
                if atom.repeated {
                    atom.text = format!("(?:{})", atom.text);
                }
                atom.text.push(c);
                atom.repeated = true;
            }
            '{' => match p.counted() {
                Some((min, max, len)) => {
                    let start = p.i;
                    p.i += len;
                    let op = p.since(start);
                    if max.is_some_and(|m| m < min) || min > MAX_REPEAT || max > Some(MAX_REPEAT) {
                        return err("invalid repetition size", op);
                    }
                    let Some(atom) = stack[top].current.last_mut() else {
                        return err("no argument for repetition operator", op);
                    };
                    let count = max.unwrap_or(min);
                    let nested = if count > 0 {
                        atom.nested.saturating_mul(count)
                    } else {
                        atom.nested
                    };
                    if (min >= 2 || max.is_some_and(|m| m >= 2)) && nested > MAX_REPEAT {
                        return err("invalid repetition size", op);
                    }
                    if atom.repeated {
                        atom.text = format!("(?:{})", atom.text);
                    }
                    atom.text.push_str(op);
                    atom.nested = nested;
                    atom.repeated = true;
                }
                None => {
                    p.i += 1;
                    stack[top].current.push(plain(literal('{')));
                }
            },
            '^' => {
                p.i += 1;
                stack[top].current.push(plain("(?m:^)".into()));
            }
            '$' => {
                p.i += 1;
                stack[top].current.push(plain("(?m:$)".into()));
            }
            '.' => {
                p.i += 1;
                stack[top].current.push(plain(".".into()));
            }
            '[' => {
                let class = p.class()?;
                stack[top].current.push(plain(class));
            }
            '\\' => {
                let c = p.escape()?;
                stack[top].current.push(plain(literal(c)));
            }
            c => {
                p.i += 1;
                stack[top].current.push(plain(literal(c)));
            }
        }
    }
    if stack.len() > 1 {
        return err("missing )", pattern);
    }
    let mut root = stack.pop().unwrap_or_default();
    root.close_alternative();
    Ok(root.alternatives.join("|"))
}

fn plain(text: String) -> Atom {
    Atom {
        text,
        nested: 1,
        repeated: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(pattern: &str, text: &str) -> bool {
        let t = translate(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        regex::Regex::new(&format!(r"\A(?:{t})\z"))
            .unwrap_or_else(|e| panic!("{pattern} -> {t}: {e}"))
            .is_match(text)
    }

    #[test]
    fn posix_syntax() {
        assert!(full("ba.h", "bash"));
        assert!(full("(bash|zsh)", "zsh"));
        assert!(full("[[:alpha:]]+[[:digit:]]", "abc1"));
        assert!(full("[^[:space:]]*", "a-b"));
        assert!(full("a{2,3}", "aaa") && !full("a{2,3}", "a"));
        assert!(full("a{2,}", "aaaa"));
        assert!(full("x{0}y", "y"));
        // `{` not starting a valid count is a literal.
        assert!(full("a{,2}", "a{,2}"));
        assert!(full("a{01}", "a{01}"));
        assert!(full("a{", "a{") && full("}", "}"));
        // Stacked repetitions: `*?` is not lazy, `+?` is `*`.
        assert!(full("a+?", "") && full("a**", "aa") && full("a{2}*", "aaaa"));
        assert!(!full("a{2}*", "aaa"));
        // Brackets: `]` first, `-` first or last, `[` plain.
        assert!(full("[]a]+", "]a]") && full("[a-]+", "-a") && full("[-a]", "-"));
        assert!(full("[[]", "[") && full("[a[]+", "[a"));
        assert!(full("[\\]]", "]") && full("[\\x41-\\x43]+", "ABC"));
        // Escapes.
        assert!(full("\\.\\*\\_", ".*_") && full("\\x41\\x{42}\\103", "ABC"));
        assert!(full("\\n", "\n") && full("\\t", "\t"));
        // `^` and `$` also match at line breaks.
        assert!(full("a$\\n^b", "a\nb"));
        assert!(full("(^a)", "a"));
        // `.` does not match a newline; a negated class does.
        assert!(!full("a.b", "a\nb") && full("a[^x]b", "a\nb"));
        // Non-ASCII literals and classes.
        assert!(full("caf.", "café") && full("[é]", "é"));
        assert!(full("", "") && full("a|", ""));
        assert!(full("()", "") && full("(a|)b", "b"));
    }

    #[test]
    fn errors_as_re2_words_them() {
        let e = |p: &str| translate(p).unwrap_err();
        assert_eq!(e("\\d+"), "invalid escape sequence: \\d");
        assert_eq!(e("\\bx"), "invalid escape sequence: \\b");
        assert_eq!(e("\\w"), "invalid escape sequence: \\w");
        assert_eq!(e("\\A"), "invalid escape sequence: \\A");
        assert_eq!(e("\\pL"), "invalid escape sequence: \\p");
        assert_eq!(e("\\1"), "invalid escape sequence: \\1");
        assert_eq!(e("é\\é"), "invalid escape sequence: \\é");
        assert_eq!(e("\\xZZ"), "invalid escape sequence: \\xZZ");
        assert_eq!(e("\\x{}"), "invalid escape sequence: \\x{}");
        assert_eq!(e("(?i)bash"), "no argument for repetition operator: ?");
        assert_eq!(e("(?:a)"), "no argument for repetition operator: ?");
        assert_eq!(e("*a"), "no argument for repetition operator: *");
        assert_eq!(e("a|+"), "no argument for repetition operator: +");
        assert_eq!(e("{2}"), "no argument for repetition operator: {2}");
        assert_eq!(e("a{1001}"), "invalid repetition size: {1001}");
        assert_eq!(e("a{3,2}"), "invalid repetition size: {3,2}");
        assert_eq!(e("(a{100}){11}"), "invalid repetition size: {11}");
        assert!(translate("(a{100}){10}").is_ok());
        assert_eq!(e("[a"), "missing ]: [a");
        assert_eq!(e("x[^a"), "missing ]: [^a");
        assert_eq!(e("[a-"), "invalid UTF-8");
        assert_eq!(e("(a"), "missing ): (a");
        assert_eq!(e("a)"), "unexpected ): a)");
        assert_eq!(e("[z-a]"), "invalid character class range: z-a");
        assert_eq!(e("[a-b-c]"), "invalid character class range: -c");
        assert_eq!(e("[[:foo:]]"), "invalid character class range: [:foo:]");
        assert_eq!(e("a\\"), "trailing \\");
    }
}
