//! The grammar of one `%` token: a field (`proc.aname[2]`) or a transformer expression
//! (`tolower(proc.name)`, `join(",", (a.b, c.d))`), parsed as libsinsp's filter parser does.
//! The parser reads a prefix of its input and reports how much it used.

/// What a `%` token parsed to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ast {
    Field {
        name: String,
        arg: Option<String>,
    },
    /// A quoted string or a number inside a transformer.
    Value(String),
    /// `( a, b, ... )` inside a transformer.
    List(Vec<Ast>),
    Transform {
        name: String,
        args: Vec<Ast>,
        arg: Option<String>,
    },
}

/// The transformer names the grammar knows, each lexed with its `(`.
const TRANSFORMERS: [&str; 8] = [
    "tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt",
];

pub(crate) struct Parser<'s> {
    s: &'s [u8],
    pos: usize,
}

/// Error text is not reported to users (a token that fails to parse only makes the
/// formatter try a shorter one), so a unit error is enough.
pub(crate) struct Invalid;

type PResult<T> = Result<T, Invalid>;

impl<'s> Parser<'s> {
    pub(crate) fn new(s: &'s [u8]) -> Parser<'s> {
        Parser { s, pos: 0 }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | 0x08 | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    fn lit(&mut self, t: &str) -> bool {
        if self.s[self.pos..].starts_with(t.as_bytes()) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }

    /// `[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+`, longest match.
    fn field_name(&mut self) -> Option<String> {
        let s = self.s;
        let segment = |i: usize| -> Option<usize> {
            if !s.get(i)?.is_ascii_alphabetic() {
                return None;
            }
            let mut j = i + 1;
            while j < s.len() && (s[j].is_ascii_alphanumeric() || s[j] == b'_') {
                j += 1;
            }
            Some(j)
        };
        let mut end = segment(self.pos)?;
        let mut parts = 1;
        while s.get(end) == Some(&b'.') {
            match segment(end + 1) {
                Some(e) => {
                    end = e;
                    parts += 1;
                }
                None => break,
            }
        }
        if parts < 2 {
            return None;
        }
        let name = String::from_utf8_lossy(&s[self.pos..end]).into_owned();
        self.pos = end;
        Some(name)
    }

    /// A `"` or `'` quoted string; like libsinsp, a delimiter right after a backslash never
    /// closes it, even when that backslash is itself escaped.
    fn quoted(&mut self) -> PResult<Option<String>> {
        let Some(q @ (b'"' | b'\'')) = self.peek() else {
            return Ok(None);
        };
        let mut prev = b'\\';
        let mut i = self.pos;
        while i < self.s.len() {
            let c = self.s[i];
            if c == q && prev != b'\\' {
                let body = unescape(&self.s[self.pos + 1..i], q)?;
                self.pos = i + 1;
                return Ok(Some(body));
            }
            prev = c;
            i += 1;
        }
        Ok(None)
    }

    /// `0[xX][0-9a-fA-F]+` or `[+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?`.
    fn number(&mut self) -> Option<String> {
        let s = self.s;
        let start = self.pos;
        let hex_digits = |i: usize| {
            s[i.min(s.len())..]
                .iter()
                .take_while(|c| c.is_ascii_hexdigit())
                .count()
        };
        if s[start..].starts_with(b"0x") || s[start..].starts_with(b"0X") {
            let n = hex_digits(start + 2);
            if n > 0 {
                self.pos = start + 2 + n;
                return Some(String::from_utf8_lossy(&s[start..self.pos]).into_owned());
            }
        }
        let digits = |i: usize| {
            s[i.min(s.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count()
        };
        let mut i = start;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return None;
        }
        i += n;
        if s.get(i) == Some(&b'.') {
            i += 1;
        }
        i += digits(i);
        if matches!(s.get(i), Some(b'e' | b'E')) && matches!(s.get(i + 1), Some(b'+' | b'-')) {
            let n = digits(i + 2);
            if n > 0 {
                i += 2 + n;
            }
        }
        self.pos = i;
        Some(String::from_utf8_lossy(&s[start..i]).into_owned())
    }

    /// `[^][\"'[:space:]]+`.
    fn bare_arg(&mut self) -> Option<String> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if matches!(
                c,
                b'[' | b']' | b'"' | b'\'' | b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'
            ) {
                break;
            }
            self.pos += 1;
        }
        (self.pos > start).then(|| String::from_utf8_lossy(&self.s[start..self.pos]).into_owned())
    }

    fn transformer_name(&mut self) -> Option<&'static str> {
        for t in TRANSFORMERS {
            let rest = &self.s[self.pos..];
            if rest.starts_with(t.as_bytes()) && rest.get(t.len()) == Some(&b'(') {
                self.pos += t.len() + 1;
                return Some(t);
            }
        }
        None
    }

    fn optional_arg(&mut self) -> PResult<Option<String>> {
        if !self.lit("[") {
            return Ok(None);
        }
        let arg = match self.quoted()? {
            Some(q) => q,
            None => self.bare_arg().ok_or(Invalid)?,
        };
        if !self.lit("]") {
            return Err(Invalid);
        }
        Ok(Some(arg))
    }

    fn field_rest(&mut self, name: String) -> PResult<Ast> {
        let arg = self.optional_arg()?;
        Ok(Ast::Field { name, arg })
    }

    /// The top level of a `%` token.
    pub(crate) fn field_or_transformer(&mut self) -> PResult<Ast> {
        if let Some(name) = self.field_name() {
            return self.field_rest(name);
        }
        if let Some(t) = self.transformer_name() {
            self.blank();
            return self.transformer_rest(t);
        }
        Err(Invalid)
    }

    fn transformer_rest(&mut self, name: &str) -> PResult<Ast> {
        self.blank();
        let mut args = Vec::new();
        loop {
            args.push(self.transformer_arg()?);
            self.blank();
            if !self.lit(",") {
                break;
            }
        }
        self.blank();
        if !self.lit(")") {
            return Err(Invalid);
        }
        let arg = self.optional_arg()?;
        Ok(Ast::Transform {
            name: name.to_string(),
            args,
            arg,
        })
    }

    fn transformer_arg(&mut self) -> PResult<Ast> {
        self.blank();
        if let Some(n) = self.number() {
            return Ok(Ast::Value(n));
        }
        if let Some(q) = self.quoted()? {
            return Ok(Ast::Value(q));
        }
        if self.lit("(") {
            return self.list();
        }
        if let Some(t) = self.transformer_name() {
            return self.transformer_rest(t);
        }
        if let Some(name) = self.field_name() {
            return self.field_rest(name);
        }
        Err(Invalid)
    }

    fn list(&mut self) -> PResult<Ast> {
        let mut items = Vec::new();
        self.blank();
        if self.lit(")") {
            return Ok(Ast::List(items));
        }
        items.push(self.list_item()?);
        self.blank();
        while self.lit(",") {
            self.blank();
            items.push(self.list_item()?);
            self.blank();
        }
        if !self.lit(")") {
            return Err(Invalid);
        }
        Ok(Ast::List(items))
    }

    fn list_item(&mut self) -> PResult<Ast> {
        if let Some(name) = self.field_name() {
            return self.field_rest(name);
        }
        if let Some(t) = self.transformer_name() {
            self.blank();
            return self.transformer_rest(t);
        }
        if let Some(q) = self.quoted()? {
            return Ok(Ast::Value(q));
        }
        if let Some(n) = self.number() {
            return Ok(Ast::Value(n));
        }
        Err(Invalid)
    }
}

/// The escapes of quoted strings in libs 0.25: `\b \f \n \r \t \\ \/`, `\ ` for a backslash,
/// and the delimiter's own quote; anything else is an error.
fn unescape(body: &[u8], delim: u8) -> PResult<String> {
    let mut out = Vec::with_capacity(body.len());
    let mut escaped = false;
    for &c in body {
        if !escaped {
            if c == b'\\' {
                escaped = true;
            } else {
                out.push(c);
            }
            continue;
        }
        out.push(match c {
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b' ' | b'\\' => b'\\',
            b'/' => b'/',
            b'"' | b'\'' if c == delim => c,
            _ => return Err(Invalid),
        });
        escaped = false;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<(Ast, usize)> {
        let mut p = Parser::new(s.as_bytes());
        p.field_or_transformer().ok().map(|a| (a, p.pos()))
    }

    fn field(name: &str, arg: Option<&str>) -> Ast {
        Ast::Field {
            name: name.into(),
            arg: arg.map(Into::into),
        }
    }

    #[test]
    fn fields_stop_at_punctuation() {
        assert_eq!(parse("proc.name) x"), Some((field("proc.name", None), 9)));
        assert_eq!(parse("fd.name,"), Some((field("fd.name", None), 7)));
        assert_eq!(parse("proc.name."), Some((field("proc.name", None), 9)));
        assert_eq!(
            parse("proc.aname[9] "),
            Some((field("proc.aname", Some("9")), 13))
        );
        assert_eq!(
            parse("proc.env[\"HOME\"]"),
            Some((field("proc.env", Some("HOME")), 16))
        );
        assert_eq!(parse("evt.arg.fd "), Some((field("evt.arg.fd", None), 10)));
        assert!(parse("proc.aname[9").is_none());
        assert!(parse("proc").is_none());
        assert!(parse("9proc.name").is_none());
    }

    #[test]
    fn transformers() {
        let (a, n) = parse("tolower( proc.name ) rest").unwrap();
        assert_eq!(n, 20);
        assert_eq!(
            a,
            Ast::Transform {
                name: "tolower".into(),
                args: vec![field("proc.name", None)],
                arg: None
            }
        );
        let (a, _) = parse("join(\",\", (proc.name, 'x', 12))").unwrap();
        assert_eq!(
            a,
            Ast::Transform {
                name: "join".into(),
                args: vec![
                    Ast::Value(",".into()),
                    Ast::List(vec![
                        field("proc.name", None),
                        Ast::Value("x".into()),
                        Ast::Value("12".into())
                    ]),
                ],
                arg: None,
            }
        );
        let (a, n) = parse("getopt(proc.args, \"ab:\")[b]x").unwrap();
        assert_eq!(n, 27);
        assert!(matches!(a, Ast::Transform { arg: Some(ref s), .. } if s == "b"));
        assert!(parse("toupper(proc.name").is_none());
        assert!(parse("val(proc.name)").is_none());
        assert!(parse("tolower (proc.name)").is_none());
        // `\x` escapes are not supported by libs 0.25.
        assert!(parse("concat(\"\\x41\", proc.name)").is_none());
    }
}
