//! Rule output formats: validation with libsinsp's formatter rules and messages, and the list of
//! fields a format uses.
//!
//! After each `%` (and an optional width) the formatter tries the longest remaining text as a
//! field or transformer expression and shrinks it one byte at a time until one compiles; the
//! error reported is the one of the last (one-byte) attempt.

/// A field reference found in a format: `name` and optional `[arg]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FmtField {
    pub name: String,
    pub arg: Option<String>,
}

/// One `%` token: the text as written (e.g. `proc.name`, `tolower(proc.name)`) and the fields
/// it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FmtToken {
    pub text: String,
    pub fields: Vec<FmtField>,
    pub has_transformers: bool,
}

const TRANSFORMERS: [&str; 8] = [
    "tolower(",
    "toupper(",
    "b64(",
    "basename(",
    "len(",
    "join(",
    "concat(",
    "getopt(",
];

struct Lexer<'a> {
    s: &'a [u8],
    pos: usize,
    fields: Vec<FmtField>,
    transformers: bool,
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

impl Lexer<'_> {
    fn blank(&mut self) {
        while self.pos < self.s.len() && is_blank(self.s[self.pos]) {
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
        let seg = |mut i: usize| -> Option<usize> {
            let start = i;
            while i < s.len() && s[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i == start {
                return None;
            }
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
                i += 1;
            }
            Some(i)
        };
        let mut end = seg(self.pos)?;
        let mut dots = 0;
        while end < s.len() && s[end] == b'.' {
            match seg(end + 1) {
                Some(e) => {
                    end = e;
                    dots += 1;
                }
                None => break,
            }
        }
        if dots == 0 {
            return None;
        }
        let name = String::from_utf8_lossy(&s[self.pos..end]).into_owned();
        self.pos = end;
        Some(name)
    }

    fn quoted(&mut self) -> Option<String> {
        let s = self.s;
        let q = *s.get(self.pos)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let mut i = self.pos + 1;
        let mut out = Vec::new();
        while i < s.len() {
            match s[i] {
                b'\\' if i + 1 < s.len() => {
                    out.push(s[i + 1]);
                    i += 2;
                }
                c if c == q => {
                    self.pos = i + 1;
                    return Some(String::from_utf8_lossy(&out).into_owned());
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        None
    }

    fn number(&mut self) -> bool {
        let s = self.s;
        let mut i = self.pos;
        if s[i..].starts_with(b"0x") || s[i..].starts_with(b"0X") {
            let st = i + 2;
            let mut j = st;
            while j < s.len() && s[j].is_ascii_hexdigit() {
                j += 1;
            }
            if j > st {
                self.pos = j;
                return true;
            }
        }
        if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
            i += 1;
        }
        let st = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return false;
        }
        if i < s.len() && s[i] == b'.' {
            i += 1;
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
        }
        self.pos = i;
        true
    }

    fn field_arg(&mut self) -> Result<Option<String>, String> {
        if !self.lit("[") {
            return Ok(None);
        }
        let arg = if let Some(q) = self.quoted() {
            q
        } else {
            let st = self.pos;
            while self.pos < self.s.len()
                && !matches!(self.s[self.pos], b'[' | b']' | b'"' | b'\'')
                && !is_blank(self.s[self.pos])
            {
                self.pos += 1;
            }
            if self.pos == st {
                return Err(
                    "expected a valid field argument: a quoted string or a bare string".into(),
                );
            }
            String::from_utf8_lossy(&self.s[st..self.pos]).into_owned()
        };
        if !self.lit("]") {
            return Err("expected a ']' token".into());
        }
        Ok(Some(arg))
    }

    fn transformer(&mut self) -> bool {
        for t in TRANSFORMERS {
            if self.lit(t) {
                self.transformers = true;
                return true;
            }
        }
        false
    }

    fn field_rest(&mut self, name: String) -> Result<(), String> {
        let arg = self.field_arg()?;
        self.fields.push(FmtField { name, arg });
        Ok(())
    }

    fn transformer_rest(&mut self) -> Result<(), String> {
        self.blank();
        loop {
            self.transformer_arg()?;
            self.blank();
            if !self.lit(",") {
                break;
            }
        }
        self.blank();
        if !self.lit(")") {
            return Err("expected a ')' token closing the transformer".into());
        }
        self.field_arg()?;
        Ok(())
    }

    fn transformer_arg(&mut self) -> Result<(), String> {
        self.blank();
        if self.number() || self.quoted().is_some() {
            return Ok(());
        }
        if self.lit("(") {
            self.blank();
            if self.lit(")") {
                return Ok(());
            }
            loop {
                self.blank();
                if let Some(n) = self.field_name() {
                    self.field_rest(n)?;
                } else if self.transformer() {
                    self.transformer_rest()?;
                } else if self.quoted().is_none() && !self.number() {
                    return Err("expected transformer list argument: field, transformer, quoted string, or number".into());
                }
                self.blank();
                if !self.lit(",") {
                    break;
                }
            }
            if !self.lit(")") {
                return Err("expected ')'".into());
            }
            return Ok(());
        }
        if self.transformer() {
            return self.transformer_rest();
        }
        if let Some(n) = self.field_name() {
            return self.field_rest(n);
        }
        Err("expected field transformer argument: field, transformer, quoted string, number, or transformer list".into())
    }

    /// libsinsp `parse_field_or_transformer`: one field or transformer at the start.
    fn field_or_transformer(&mut self) -> Result<(), String> {
        if let Some(n) = self.field_name() {
            return self.field_rest(n);
        }
        if self.transformer() {
            self.blank();
            return self.transformer_rest();
        }
        Err("unexpected token after '".into())
    }
}

/// Parse and check one token candidate; returns the consumed length.
fn try_token(
    text: &[u8],
    check: &mut dyn FnMut(&FmtField) -> Result<(), String>,
) -> Result<(usize, Vec<FmtField>, bool), String> {
    let mut lx = Lexer {
        s: text,
        pos: 0,
        fields: Vec::new(),
        transformers: false,
    };
    lx.field_or_transformer()?;
    for f in &lx.fields {
        check(f)?;
    }
    Ok((lx.pos, lx.fields, lx.transformers))
}

/// Validate `fmt` as libsinsp's formatter does, checking every field with `check`, and return
/// its `%` tokens.
pub fn parse_format(
    fmt: &str,
    check: &mut dyn FnMut(&FmtField) -> Result<(), String>,
) -> Result<Vec<FmtToken>, String> {
    if fmt.is_empty() {
        return Err("empty formatting token".into());
    }
    let f = fmt.strip_prefix('*').unwrap_or(fmt).as_bytes();
    let mut tokens = Vec::new();
    let n = f.len();
    let mut j = 0;
    while j < n {
        if f[j] == b'%' {
            if j == n - 1 {
                return Err("invalid formatting syntax: formatting cannot end with a %".into());
            }
            if f[j + 1].is_ascii_digit() {
                loop {
                    if j == n - 1 {
                        return Err(
                            "invalid formatting syntax: formatting cannot end with a number".into(),
                        );
                    } else if f[j + 1].is_ascii_digit() {
                        j += 1;
                    } else {
                        break;
                    }
                }
            }
            let rest = &f[j + 1..];
            let mut fsize = rest.len();
            let found = loop {
                match try_token(&rest[..fsize], check) {
                    Ok(v) => break v,
                    Err(e) => {
                        fsize -= 1;
                        if fsize == 0 {
                            return Err(format!("unknown filter: {e}"));
                        }
                    }
                }
            };
            let (used, fields, has_transformers) = found;
            tokens.push(FmtToken {
                text: String::from_utf8_lossy(&rest[..used]).into_owned(),
                fields,
                has_transformers,
            });
            j += used;
        }
        j += 1;
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(f: &FmtField) -> Result<(), String> {
        match f.name.as_str() {
            "proc.name" | "proc.cmdline" | "fd.name" | "proc.aname" => Ok(()),
            other => Err(format!(
                "filter_check called with nonexistent field {other}"
            )),
        }
    }

    #[test]
    fn tokens_stop_at_the_longest_valid_field() {
        let t = parse_format(
            "cmd=%proc.cmdline) file=%fd.name,x %tolower(proc.name) %proc.aname[2]",
            &mut known,
        )
        .unwrap();
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "proc.cmdline",
                "fd.name",
                "tolower(proc.name)",
                "proc.aname[2]"
            ]
        );
    }

    #[test]
    fn falco_messages() {
        assert_eq!(
            parse_format("x %", &mut known).unwrap_err(),
            "invalid formatting syntax: formatting cannot end with a %"
        );
        assert_eq!(
            parse_format("x %12", &mut known).unwrap_err(),
            "invalid formatting syntax: formatting cannot end with a number"
        );
        assert_eq!(
            parse_format("proc.nobody=%proc.nobody", &mut known).unwrap_err(),
            "unknown filter: unexpected token after '"
        );
        assert_eq!(
            parse_format("", &mut known).unwrap_err(),
            "empty formatting token"
        );
    }
}
