//! Recursive-descent parser for Falco conditions.
//!
//! The grammar, the token classes and the error messages follow libsinsp's parser so that
//! conditions accepted or rejected by Falco are accepted or rejected here with the same text,
//! including its quirks (e.g. `in` needs no blank after it, `a orb` is "expected blank or '('
//! after 'or'", the first element of a list swallows its own lexing error).

use crate::ast::{Expr, FieldRef, Modifier, Op, Operand, Pos, Rhs, Transformer};
use crate::escaping::unescape;

/// Depth limit Falco configures on the parser.
pub const DEFAULT_MAX_DEPTH: u32 = 1000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub message: String,
    /// Where the parser stood when it gave up (Falco reports the same position).
    pub pos: Pos,
}

/// Parses a whole condition with Falco's depth limit.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    parse_with_max_depth(text, DEFAULT_MAX_DEPTH)
}

pub fn parse_with_max_depth(text: &str, max_depth: u32) -> Result<Expr, ParseError> {
    // Each nesting level costs several recursive frames; the number of '(' bounds the nesting,
    // so only inputs that could nest deeply pay for a thread with a stack big enough for the
    // depth limit (a few MiB even in debug builds), instead of overflowing the caller's stack.
    let parens = text.bytes().filter(|b| *b == b'(').count();
    if parens <= SHALLOW_PARENS {
        return Parser::new(text, max_depth).parse();
    }
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("filter-parse".into())
            .stack_size(DEEP_STACK_BYTES)
            .spawn_scoped(scope, || Parser::new(text, max_depth).parse());
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(ParseError {
                    message: "parser fatal error: parser thread panicked".into(),
                    pos: Pos::default(),
                })
            }),
            Err(_) => Parser::new(text, max_depth).parse(),
        }
    })
}

const SHALLOW_PARENS: usize = 40;
const DEEP_STACK_BYTES: usize = 256 << 20;

const STR_OPS: &[(&str, Op, bool)] = &[
    // (spelling, op, needs a trailing blank)
    ("==", Op::Eq, false),
    ("=", Op::Eq, false),
    ("!=", Op::Ne, false),
    ("glob", Op::Glob, true),
    ("iglob", Op::IGlob, true),
    ("contains", Op::Contains, true),
    ("icontains", Op::IContains, true),
    ("bcontains", Op::BContains, true),
    ("startswith", Op::StartsWith, true),
    ("bstartswith", Op::BStartsWith, true),
    ("endswith", Op::EndsWith, true),
    ("regex", Op::Regex, true),
];
const NUM_OPS: &[(&str, Op)] = &[("<=", Op::Le), ("<", Op::Lt), (">=", Op::Ge), (">", Op::Gt)];
const LIST_OPS: &[(&str, Op)] = &[
    ("intersects", Op::Intersects),
    ("in", Op::In),
    ("pmatch", Op::PMatch),
];
const MODIFIERS: &[(&str, Modifier)] = &[
    ("oneof", Modifier::OneOf),
    ("anyof", Modifier::AnyOf),
    ("allof", Modifier::AllOf),
];
const TRANSFORMERS: &[(&str, Transformer)] = &[
    ("tolower(", Transformer::ToLower),
    ("toupper(", Transformer::ToUpper),
    ("b64(", Transformer::B64),
    ("basename(", Transformer::Basename),
    ("len(", Transformer::Len),
    ("join(", Transformer::Join),
    ("concat(", Transformer::Concat),
    ("getopt(", Transformer::Getopt),
];

const ALL_OPERATORS_MSG: &str = "'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', \
     'iglob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', \
     'regex', 'intersects', 'in', 'pmatch'";
const TRANSFORMERS_MSG: &str =
    "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'";

/// Blanks skipped between tokens.
fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | 0x08 | b'\r' | b'\n')
}

/// POSIX `[[:space:]]`, used by the token classes.
fn is_space_class(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn ident_len(s: &[u8]) -> usize {
    if !s.first().is_some_and(|c| c.is_ascii_alphabetic()) {
        return 0;
    }
    1 + s[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count()
}

fn field_name_len(s: &[u8]) -> usize {
    let mut n = ident_len(s);
    if n == 0 {
        return 0;
    }
    let mut parts = 1;
    while s.get(n) == Some(&b'.') {
        let k = ident_len(&s[n + 1..]);
        if k == 0 {
            break;
        }
        n += 1 + k;
        parts += 1;
    }
    if parts < 2 {
        0
    } else {
        n
    }
}

fn hex_num_len(s: &[u8]) -> usize {
    if s.len() < 3 || s[0] != b'0' || !matches!(s[1], b'x' | b'X') {
        return 0;
    }
    let k = s[2..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
    if k == 0 {
        0
    } else {
        2 + k
    }
}

fn digits(s: &[u8]) -> usize {
    s.iter().take_while(|c| c.is_ascii_digit()).count()
}

fn num_len(s: &[u8]) -> usize {
    let mut n = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        n = 1;
    }
    let d = digits(&s[n..]);
    if d == 0 {
        return 0;
    }
    n += d;
    if s.get(n) == Some(&b'.') {
        n += 1;
    }
    n += digits(&s[n..]);
    if matches!(s.get(n), Some(b'e' | b'E')) && matches!(s.get(n + 1), Some(b'+' | b'-')) {
        let d = digits(&s[n + 2..]);
        if d > 0 {
            n += 2 + d;
        }
    }
    n
}

fn bare_str_len(s: &[u8]) -> usize {
    s.iter()
        .take_while(|c| {
            !is_space_class(**c) && !matches!(c, b'(' | b')' | b'"' | b'\'' | b'=' | b',')
        })
        .count()
}

fn field_arg_bare_len(s: &[u8]) -> usize {
    s.iter()
        .take_while(|c| !is_space_class(**c) && !matches!(c, b'[' | b']' | b'"' | b'\''))
        .count()
}

fn not_blank_len(s: &[u8]) -> usize {
    if !s.starts_with(b"not") {
        return 0;
    }
    let k = s[3..].iter().take_while(|c| is_space_class(**c)).count();
    if k == 0 {
        0
    } else {
        3 + k
    }
}

type PResult<T> = Result<T, ParseError>;

struct Parser<'a> {
    input: &'a [u8],
    pos: Pos,
    depth: u32,
    max_depth: u32,
    /// The text of the last lexed token, quoted in "unexpected token after" messages.
    last_token: String,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, max_depth: u32) -> Self {
        Parser {
            input: text.as_bytes(),
            pos: Pos {
                offset: 0,
                line: 1,
                col: 1,
            },
            depth: 0,
            max_depth,
            last_token: String::new(),
        }
    }

    fn err<T>(&self, msg: impl Into<String>) -> PResult<T> {
        Err(ParseError {
            message: msg.into(),
            pos: self.pos,
        })
    }

    fn parse(&mut self) -> PResult<Expr> {
        if self.input.is_empty() {
            return self.err("filter input string is empty");
        }
        let res = self.parse_or()?;
        if self.pos.offset != self.input.len() {
            return self.err(format!(
                "unexpected token after '{}', expecting 'or', 'and'",
                self.last_token
            ));
        }
        Ok(res)
    }

    /// Runs `f` one recursion level deeper, enforcing the depth limit like libsinsp does
    /// (the same functions are guarded, so the limit triggers at the same nesting).
    fn guarded<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.depth += 1;
        if self.depth >= self.max_depth {
            let max = self.max_depth;
            return self.err(format!("exceeded max depth limit of {max}"));
        }
        let r = f(self);
        self.depth -= 1;
        r
    }

    // ---- lexing ----------------------------------------------------------------------

    fn rest(&self) -> &'a [u8] {
        &self.input[self.pos.offset.min(self.input.len())..]
    }

    fn advance(&mut self, n: usize) {
        for i in 0..n {
            let c = self.input[self.pos.offset + i];
            self.pos.col += 1;
            if c == b'\r' || c == b'\n' {
                self.pos.col = 1;
                self.pos.line += 1;
            }
        }
        self.pos.offset += n;
    }

    /// Consumes `n` bytes as the current token.
    fn take(&mut self, n: usize) -> bool {
        if n == 0 {
            return false;
        }
        let start = self.pos.offset;
        // reuses the buffer: every token passes through here
        self.last_token.clear();
        self.last_token
            .push_str(&String::from_utf8_lossy(&self.input[start..start + n]));
        self.advance(n);
        true
    }

    fn lex_blank(&mut self) -> bool {
        let n = self.rest().iter().take_while(|c| is_blank(**c)).count();
        self.advance(n);
        n > 0
    }

    fn lex_str(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s.as_bytes()) {
            self.take(s.len())
        } else {
            false
        }
    }

    fn lex_identifier(&mut self) -> bool {
        let n = ident_len(self.rest());
        self.take(n)
    }

    fn lex_field_name(&mut self) -> bool {
        let n = field_name_len(self.rest());
        self.take(n)
    }

    fn lex_number(&mut self) -> bool {
        let n = hex_num_len(self.rest());
        if n > 0 {
            return self.take(n);
        }
        let n = num_len(self.rest());
        self.take(n)
    }

    fn lex_bare_str(&mut self) -> bool {
        let n = bare_str_len(self.rest());
        self.take(n)
    }

    /// Lexes a quoted string, leaving its decoded content in `last_token`.
    /// `Ok(false)` when no complete quoted string starts here (position unchanged).
    fn lex_quoted_str(&mut self) -> PResult<bool> {
        let rest = self.rest();
        let Some(&delim) = rest.first().filter(|c| **c == b'"' || **c == b'\'') else {
            return Ok(false);
        };
        // The closing delimiter is the first one not preceded by a backslash (so `"a\\"`
        // is not closed by its last quote, as in libsinsp).
        let mut prev = b'\\';
        for (i, &c) in rest.iter().enumerate() {
            if c == 0 {
                break;
            }
            if i > 0 && c == delim && prev != b'\\' {
                let raw = &rest[..=i];
                self.advance(i + 1);
                return match unescape(raw) {
                    Ok(s) => {
                        self.last_token = s;
                        Ok(true)
                    }
                    Err(m) => self.err(m),
                };
            }
            prev = c;
        }
        Ok(false)
    }

    fn lex_field_arg_bare_str(&mut self) -> bool {
        let n = field_arg_bare_len(self.rest());
        self.take(n)
    }

    /// Lexes a word operator that needs a following blank, backtracking when none follows.
    fn lex_word_op(&mut self, word: &str) -> bool {
        if !self.rest().starts_with(word.as_bytes()) {
            return false;
        }
        let saved = (self.pos, self.last_token.clone());
        if self.lex_str(word) {
            if self.lex_blank() {
                return true;
            }
            self.pos = saved.0;
            self.last_token = saved.1;
        }
        false
    }

    fn lex_transformer(&mut self) -> Option<Transformer> {
        for (s, t) in TRANSFORMERS {
            if self.lex_str(s) {
                self.last_token.pop();
                return Some(*t);
            }
        }
        None
    }

    fn list_value_follows(&self) -> bool {
        let rest = self.rest();
        rest.first() == Some(&b'(') || ident_len(rest) > 0
    }

    fn bool_keyword_follows(&self) -> bool {
        let rest = self.rest();
        ["and", "or", "not"].iter().any(|kw| {
            rest.starts_with(kw.as_bytes())
                && rest
                    .get(kw.len())
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    }

    // ---- grammar ---------------------------------------------------------------------

    fn parse_or(&mut self) -> PResult<Expr> {
        self.guarded(|p| {
            let mut children = Vec::new();
            p.lex_blank();
            children.push(p.parse_and()?);
            p.lex_blank();
            while p.lex_str("or") {
                let child = if !p.lex_blank() {
                    if p.lex_str("(") {
                        p.parse_embedded_remainder()?
                    } else {
                        return p.err("expected blank or '(' after 'or'");
                    }
                } else {
                    p.parse_and()?
                };
                children.push(child);
                p.lex_blank();
            }
            Ok(if children.len() > 1 {
                Expr::Or(children)
            } else {
                children.pop().unwrap_or(Expr::Or(Vec::new()))
            })
        })
    }

    fn parse_and(&mut self) -> PResult<Expr> {
        self.guarded(|p| {
            let mut children = Vec::new();
            p.lex_blank();
            children.push(p.parse_not()?);
            p.lex_blank();
            while p.lex_str("and") {
                let child = if !p.lex_blank() {
                    if p.lex_str("(") {
                        p.parse_embedded_remainder()?
                    } else {
                        return p.err("expected blank or '(' after 'and'");
                    }
                } else {
                    p.parse_not()?
                };
                children.push(child);
                p.lex_blank();
            }
            Ok(if children.len() > 1 {
                Expr::And(children)
            } else {
                children.pop().unwrap_or(Expr::And(Vec::new()))
            })
        })
    }

    fn parse_not(&mut self) -> PResult<Expr> {
        self.guarded(|p| {
            let mut negate = false;
            p.lex_blank();
            loop {
                let n = not_blank_len(p.rest());
                if !p.take(n) {
                    break;
                }
                negate = !negate;
            }
            let child = if p.lex_str("not(") {
                negate = !negate;
                p.parse_embedded_remainder()?
            } else {
                p.parse_check()?
            };
            Ok(if negate {
                Expr::Not(Box::new(child))
            } else {
                child
            })
        })
    }

    /// The rest of a parenthesised expression, after its `(`.
    fn parse_embedded_remainder(&mut self) -> PResult<Expr> {
        self.guarded(|p| {
            p.lex_blank();
            let child = p.parse_or()?;
            p.lex_blank();
            if !p.lex_str(")") {
                return p.err("expected a ')' token");
            }
            Ok(child)
        })
    }

    fn parse_check(&mut self) -> PResult<Expr> {
        self.guarded(|p| {
            let pos = p.pos;
            p.lex_blank();
            if p.lex_str("(") {
                return p.parse_embedded_remainder();
            }
            if p.lex_field_name() {
                let name = p.last_token.clone();
                let left = p.parse_field_remainder(name, pos)?;
                return p.parse_condition(Operand::Field(left), pos);
            }
            if let Some(t) = p.lex_transformer() {
                p.lex_blank();
                let left = p.parse_transformer_remainder(t, pos)?;
                return p.parse_condition(left, pos);
            }
            if p.lex_identifier() {
                return Ok(Expr::Ident {
                    name: p.last_token.clone(),
                    pos,
                });
            }
            p.err("expected a '(' token, a field check, or an identifier")
        })
    }

    fn parse_field_remainder(&mut self, name: String, pos: Pos) -> PResult<FieldRef> {
        self.guarded(|p| {
            let arg = p.parse_optional_field_arg()?;
            Ok(FieldRef { name, arg, pos })
        })
    }

    fn parse_optional_field_arg(&mut self) -> PResult<Option<String>> {
        if !self.lex_str("[") {
            return Ok(None);
        }
        if !self.lex_quoted_str()? && !self.lex_field_arg_bare_str() {
            return self.err("expected a valid field argument: a quoted string or a bare string");
        }
        let arg = self.last_token.clone();
        if !self.lex_str("]") {
            return self.err("expected a ']' token");
        }
        Ok(Some(arg))
    }

    /// Arguments of a transformer after its `name(`, the closing `)` and an optional `[arg]`.
    fn parse_transformer_remainder(&mut self, func: Transformer, pos: Pos) -> PResult<Operand> {
        self.guarded(|p| {
            p.lex_blank();
            let mut args = Vec::new();
            loop {
                let arg_pos = p.pos;
                args.push(p.parse_transformer_arg(arg_pos)?);
                p.lex_blank();
                if !p.lex_str(",") {
                    break;
                }
            }
            p.lex_blank();
            if !p.lex_str(")") {
                return p.err("expected a ')' token closing the transformer");
            }
            let arg = p.parse_optional_field_arg()?;
            Ok(Operand::Transform {
                func,
                args,
                arg,
                pos,
            })
        })
    }

    fn parse_transformer_arg(&mut self, pos: Pos) -> PResult<Operand> {
        self.guarded(|p| {
            p.lex_blank();
            if p.lex_number() {
                return Ok(Operand::Literal(p.last_token.clone()));
            }
            if p.lex_quoted_str()? {
                return Ok(Operand::Literal(p.last_token.clone()));
            }
            if p.lex_str("(") {
                return p.parse_transformer_list();
            }
            if let Some(t) = p.lex_transformer() {
                return p.parse_transformer_remainder(t, pos);
            }
            if p.lex_field_name() {
                let name = p.last_token.clone();
                return Ok(Operand::Field(p.parse_field_remainder(name, pos)?));
            }
            p.err(
                "expected field transformer argument: field, transformer, quoted string, \
                 number, or transformer list",
            )
        })
    }

    /// A `(a, b, ...)` transformer argument, after its `(`.
    fn parse_transformer_list(&mut self) -> PResult<Operand> {
        let mut items = Vec::new();
        self.lex_blank();
        if self.lex_str(")") {
            return Ok(Operand::List(items));
        }
        items.push(self.parse_transformer_list_arg()?);
        self.lex_blank();
        while self.lex_str(",") {
            self.lex_blank();
            items.push(self.parse_transformer_list_arg()?);
            self.lex_blank();
        }
        if !self.lex_str(")") {
            return self.err("expected ')'");
        }
        Ok(Operand::List(items))
    }

    fn parse_transformer_list_arg(&mut self) -> PResult<Operand> {
        let pos = self.pos;
        if self.lex_field_name() {
            let name = self.last_token.clone();
            return Ok(Operand::Field(self.parse_field_remainder(name, pos)?));
        }
        if let Some(t) = self.lex_transformer() {
            self.lex_blank();
            return self.parse_transformer_remainder(t, pos);
        }
        if self.lex_quoted_str()? || self.lex_number() {
            return Ok(Operand::Literal(self.last_token.clone()));
        }
        self.err("expected transformer list argument: field, transformer, quoted string, or number")
    }

    fn parse_condition(&mut self, lhs: Operand, pos: Pos) -> PResult<Expr> {
        self.guarded(|p| {
            p.lex_blank();
            if p.lex_str("exists") {
                return Ok(Expr::Check {
                    lhs,
                    op: Op::Exists,
                    modifier: None,
                    rhs: None,
                    pos,
                });
            }
            p.lex_blank();

            if let Some(op) = NUM_OPS
                .iter()
                .find_map(|(s, op)| p.lex_str(s).then_some(*op))
            {
                let rhs = p.parse_num_value_or_transformer()?;
                return Ok(check(lhs, op, None, rhs, pos));
            }

            let str_op = STR_OPS.iter().find_map(|(s, op, word)| {
                let ok = if *word {
                    p.lex_word_op(s)
                } else {
                    p.lex_str(s)
                };
                ok.then_some((*op, *word))
            });
            if let Some((op, word)) = str_op {
                // Word operators already consumed their mandatory blank.
                let had_blank = word || p.lex_blank();
                let saved = (p.pos, p.last_token.clone());
                if had_blank {
                    let modifier = MODIFIERS
                        .iter()
                        .find_map(|(s, m)| p.lex_word_op(s).then_some(*m));
                    if let Some(m) = modifier {
                        if p.list_value_follows() && !p.bool_keyword_follows() {
                            let rhs = p.parse_list_value()?;
                            return Ok(check(lhs, op, Some(m), rhs, pos));
                        }
                    }
                }
                p.pos = saved.0;
                p.last_token = saved.1;
                let rhs = p.parse_str_value_or_transformer(false)?;
                return Ok(check(lhs, op, None, rhs, pos));
            }

            if let Some(op) = LIST_OPS
                .iter()
                .find_map(|(s, op)| p.lex_str(s).then_some(*op))
            {
                let rhs = p.parse_list_value_or_transformer()?;
                return Ok(check(lhs, op, None, rhs, pos));
            }

            p.err(format!(
                "expected a valid check operator: one of {ALL_OPERATORS_MSG}"
            ))
        })
    }

    fn parse_num_value_or_transformer(&mut self) -> PResult<Rhs> {
        self.guarded(|p| {
            p.lex_blank();
            if let Some(op) = p.try_parse_transformer_or_val()? {
                return Ok(Rhs::Operand(op));
            }
            if p.lex_number() {
                return Ok(Rhs::Value(p.last_token.clone()));
            }
            p.err(format!(
                "expected a number value or a field with a valid transformer: {TRANSFORMERS_MSG}"
            ))
        })
    }

    fn parse_str_value_or_transformer(&mut self, no_transformer: bool) -> PResult<Rhs> {
        self.guarded(|p| {
            p.lex_blank();
            if !no_transformer {
                if let Some(op) = p.try_parse_transformer_or_val()? {
                    return Ok(Rhs::Operand(op));
                }
            }
            if p.lex_quoted_str()? || p.lex_bare_str() {
                return Ok(Rhs::Value(p.last_token.clone()));
            }
            if no_transformer {
                return p.err("expected a string value");
            }
            p.err(format!(
                "expected a string value or a field with a valid transformer: {TRANSFORMERS_MSG}"
            ))
        })
    }

    /// A string element of a `(...)` list.
    fn parse_list_item(&mut self) -> PResult<String> {
        match self.parse_str_value_or_transformer(true)? {
            Rhs::Value(v) => Ok(v),
            _ => self.err("parser fatal error: null value expr in body of list"),
        }
    }

    fn try_parse_list(&mut self) -> PResult<Option<Rhs>> {
        if !self.lex_str("(") {
            return Ok(None);
        }
        let mut values = Vec::new();
        self.lex_blank();
        // libsinsp treats any failure on the first element as "the list is empty", and only
        // then requires the closing parenthesis; the depth counter is restored likewise.
        let depth = self.depth;
        match self.parse_list_item() {
            Ok(v) => {
                values.push(v);
                self.lex_blank();
                while self.lex_str(",") {
                    values.push(self.parse_list_item()?);
                    self.lex_blank();
                }
            }
            Err(_) => self.depth = depth,
        }
        if !self.lex_str(")") {
            return self.err("expected a ')' token");
        }
        Ok(Some(Rhs::List(values)))
    }

    fn parse_list_value(&mut self) -> PResult<Rhs> {
        self.guarded(|p| {
            p.lex_blank();
            if let Some(l) = p.try_parse_list()? {
                return Ok(l);
            }
            if p.lex_identifier() {
                return Ok(Rhs::ListRef(p.last_token.clone()));
            }
            p.err("expected a list or an identifier")
        })
    }

    fn parse_list_value_or_transformer(&mut self) -> PResult<Rhs> {
        self.guarded(|p| {
            p.lex_blank();
            if let Some(l) = p.try_parse_list()? {
                return Ok(l);
            }
            if let Some(op) = p.try_parse_transformer_or_val()? {
                return Ok(Rhs::Operand(op));
            }
            if p.lex_identifier() {
                return Ok(Rhs::ListRef(p.last_token.clone()));
            }
            p.err(format!(
                "expected a list, an identifier, or a field with a valid transformer: \
                 {TRANSFORMERS_MSG}"
            ))
        })
    }

    /// `val(field)` (as `Operand::Field`) or a transformer expression, if one starts here.
    fn try_parse_transformer_or_val(&mut self) -> PResult<Option<Operand>> {
        self.guarded(|p| {
            p.lex_blank();
            let pos = p.pos;
            if p.lex_str("val(") {
                p.lex_blank();
                let field_pos = p.pos;
                if !p.lex_field_name() {
                    return p.err("expected a field within 'val' transformer");
                }
                let name = p.last_token.clone();
                let field = p.parse_field_remainder(name, field_pos)?;
                p.lex_blank();
                if !p.lex_str(")") {
                    return p.err("expected a ')' token closing the transformer");
                }
                if p.parse_optional_field_arg()?.is_some() {
                    // Falco rejects this when compiling; the AST has nowhere to keep it.
                    return p
                        .err("filter error: transformer 'val' does not support field arguments");
                }
                return Ok(Some(Operand::Field(field)));
            }
            if let Some(t) = p.lex_transformer() {
                p.lex_blank();
                return p.parse_transformer_remainder(t, pos).map(Some);
            }
            Ok(None)
        })
    }
}

fn check(lhs: Operand, op: Op, modifier: Option<Modifier>, rhs: Rhs, pos: Pos) -> Expr {
    Expr::Check {
        lhs,
        op,
        modifier,
        rhs: Some(rhs),
        pos,
    }
}
