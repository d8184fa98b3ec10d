//! Compiled `%` tokens: type checking at load time, then evaluation, text rendering and JSON
//! typing per event, following libsinsp's `rawval_to_string` / `rawval_to_json`.

use std::borrow::Cow;
use std::fmt::Write;

use peregrine_fields::catalog::{Fid, F_NO_TRANSFORMER};
use peregrine_fields::value::render_bytes;
use peregrine_fields::{extract, resolve, Arg, EvalCtx, FieldReq, Value};

use super::parse::Ast;
use super::types::{field_ty, param_ty, PType, Pf, Ty, CHARBUF, CHARBUF_LIST};
use crate::json::JsonValue;

/// Why a candidate token did not compile.
pub(crate) enum CompileError {
    /// The formatter tries a shorter token.
    Invalid,
    /// Not a parse/type error in libsinsp's sense: the whole format is rejected with this text.
    Fatal(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Single {
    ToLower,
    ToUpper,
    B64,
    Basename,
    Len,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Field {
        req: FieldReq,
        ty: Ty,
        key: String,
    },
    Literal(String),
    List(Vec<Node>),
    Single {
        op: Single,
        inner: Box<Node>,
        ty: Ty,
    },
    Join {
        sep: Box<Node>,
        list: Box<Node>,
    },
    Concat(Vec<Node>),
    Getopt {
        args: Box<Node>,
        opts: Box<Node>,
        selector: Option<u8>,
    },
}

/// The key Falco gives a field in `output_fields`: the name, then `[arg]` with the argument
/// quoted when it would not survive re-parsing.
fn field_key(name: &str, arg: Option<&str>) -> String {
    match arg {
        None => name.to_string(),
        Some("") => format!("{name}[\"\"]"),
        Some(a) => format!("{name}[{}]", peregrine_filter::escape(a)),
    }
}

impl Node {
    pub(crate) fn compile(ast: &Ast) -> Result<Node, CompileError> {
        match ast {
            Ast::Field { name, arg } => {
                let req = resolve(name, arg.as_deref()).map_err(|_| CompileError::Invalid)?;
                let ty = field_ty(req.def());
                Ok(Node::Field {
                    req,
                    ty,
                    key: field_key(name, arg.as_deref()),
                })
            }
            Ast::Value(v) => Ok(Node::Literal(v.clone())),
            Ast::List(items) => Ok(Node::List(
                items.iter().map(Node::compile).collect::<Result<_, _>>()?,
            )),
            Ast::Transform { name, args, arg } => {
                let mut nodes = args
                    .iter()
                    .map(Node::compile)
                    .collect::<Result<Vec<_>, _>>()?;
                if nodes.len() == 1 {
                    if arg.is_some() {
                        return Err(CompileError::Invalid);
                    }
                    let inner = nodes.remove(0);
                    single(name, inner)
                } else {
                    multi(name, nodes, arg.as_deref())
                }
            }
        }
    }

    /// The type the expression evaluates to.
    pub(crate) fn ty(&self) -> Ty {
        match self {
            Node::Field { ty, .. } | Node::Single { ty, .. } => *ty,
            Node::Literal(_) | Node::Join { .. } | Node::Concat(_) => CHARBUF,
            Node::List(_) => CHARBUF_LIST,
            Node::Getopt { selector, .. } => {
                if selector.is_some() {
                    CHARBUF
                } else {
                    CHARBUF_LIST
                }
            }
        }
    }

    /// The type libsinsp reports for an argument of `join`/`concat`/`getopt`: the untransformed
    /// type of the innermost check, and a non-list string for nested multi-value transformers.
    fn declared_ty(&self) -> Ty {
        match self {
            Node::Field { ty, .. } => *ty,
            Node::Single { inner, .. } => inner.declared_ty(),
            Node::List(_) => CHARBUF_LIST,
            _ => CHARBUF,
        }
    }

    fn supports_transformers(&self) -> bool {
        match self {
            Node::Field { req, .. } => req.def().flags & F_NO_TRANSFORMER == 0,
            Node::Single { inner, .. } => inner.supports_transformers(),
            _ => true,
        }
    }

    /// Every field the expression reads, with its `output_fields` key, in order.
    pub(crate) fn collect_fields<'n>(&'n self, out: &mut Vec<(&'n str, &'n FieldReq, Ty)>) {
        match self {
            Node::Field { req, ty, key } => out.push((key.as_str(), req, *ty)),
            Node::Literal(_) => {}
            Node::List(items) | Node::Concat(items) => {
                items.iter().for_each(|n| n.collect_fields(out));
            }
            Node::Single { inner, .. } => inner.collect_fields(out),
            Node::Join { sep: a, list: b }
            | Node::Getopt {
                args: a, opts: b, ..
            } => {
                a.collect_fields(out);
                b.collect_fields(out);
            }
        }
    }

    /// Evaluates the expression; false when it has no value for this event.
    pub(crate) fn eval<'a>(&self, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) -> bool {
        match self {
            Node::Field { req, ty, .. } => eval_field(req, *ty, cx, out),
            Node::Literal(s) => {
                out.push(Value::string(s.clone()));
                true
            }
            Node::List(items) => items.iter().all(|n| n.eval(cx, out)),
            Node::Single { op, inner, .. } => {
                let mut vals = Vec::new();
                inner.eval(cx, &mut vals) && apply_single(*op, inner.ty(), vals, out)
            }
            Node::Join { sep, list } => {
                let mut s = Vec::new();
                let mut l = Vec::new();
                if !sep.eval(cx, &mut s) || !list.eval(cx, &mut l) {
                    return false;
                }
                let sep = s.first().map(value_text).unwrap_or_default();
                let joined: Vec<String> = l.iter().map(value_text).collect();
                out.push(Value::string(joined.join(&sep)));
                true
            }
            Node::Concat(items) => {
                let mut res = String::new();
                for n in items {
                    let mut v = Vec::new();
                    if !n.eval(cx, &mut v) {
                        return false;
                    }
                    if let Some(first) = v.first() {
                        res.push_str(&value_text(first));
                    }
                }
                out.push(Value::string(res));
                true
            }
            Node::Getopt {
                args,
                opts,
                selector,
            } => {
                let mut o = Vec::new();
                if !opts.eval(cx, &mut o) {
                    return false;
                }
                let Some(optstring) = o.first().map(value_text) else {
                    return false;
                };
                let mut a = Vec::new();
                if !args.eval(cx, &mut a) {
                    return false;
                }
                let argv: Vec<String> = a.iter().map(value_text).collect();
                match getopt(&argv, optstring.as_bytes(), *selector) {
                    Some(res) => {
                        out.extend(res.into_iter().map(Value::string));
                        true
                    }
                    None => false,
                }
            }
        }
    }
}

fn single(name: &str, inner: Node) -> Result<Node, CompileError> {
    let op = match name {
        "tolower" => Single::ToLower,
        "toupper" => Single::ToUpper,
        "b64" => Single::B64,
        "basename" => Single::Basename,
        "len" => Single::Len,
        _ => return Err(CompileError::Invalid),
    };
    if !inner.supports_transformers() {
        return Err(CompileError::Invalid);
    }
    let ity = inner.ty();
    let ty = match op {
        Single::ToLower | Single::ToUpper | Single::Basename if ity.t.is_stringish() => ity,
        Single::B64 if matches!(ity.t, PType::CharBuf | PType::ByteBuf) => ity,
        Single::Len
            if ity.list || matches!(ity.t, PType::CharBuf | PType::FsPath | PType::ByteBuf) =>
        {
            Ty {
                t: PType::Uint64,
                list: false,
                pf: ity.pf,
            }
        }
        _ => return Err(CompileError::Invalid),
    };
    Ok(Node::Single {
        op,
        inner: Box::new(inner),
        ty,
    })
}

fn multi(name: &str, mut args: Vec<Node>, arg: Option<&str>) -> Result<Node, CompileError> {
    let tys: Vec<Ty> = args.iter().map(Node::declared_ty).collect();
    match name {
        "join" => {
            if tys.len() != 2 || tys[0].list || !tys[1].list || arg.is_some() {
                return Err(CompileError::Invalid);
            }
            let list = Box::new(args.remove(1));
            let sep = Box::new(args.remove(0));
            Ok(Node::Join { sep, list })
        }
        "concat" => {
            if tys.len() < 2 || tys.iter().any(|t| t.t != PType::CharBuf || t.list) || arg.is_some()
            {
                return Err(CompileError::Invalid);
            }
            Ok(Node::Concat(args))
        }
        "getopt" => {
            if tys.len() != 2
                || !tys[0].list
                || tys[1].list
                || tys[0].t != PType::CharBuf
                || tys[1].t != PType::CharBuf
            {
                return Err(CompileError::Invalid);
            }
            let selector = match arg {
                None => None,
                Some(a) if a.len() == 1 => Some(a.as_bytes()[0]),
                Some(_) => return Err(CompileError::Invalid),
            };
            let opts = Box::new(args.remove(1));
            let argv = Box::new(args.remove(0));
            Ok(Node::Getopt {
                args: argv,
                opts,
                selector,
            })
        }
        // libsinsp raises a non-filter exception here, which escapes the token search.
        _ => Err(CompileError::Fatal("unknown multivalue transformer".into())),
    }
}

/// A field's values. A non-list field that yields several values (`proc.aname` without an
/// index) is one space-separated string in libsinsp's formatter.
fn eval_field<'a>(req: &FieldReq, ty: Ty, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) -> bool {
    let start = out.len();
    if !extract(req, cx, out) {
        return false;
    }
    if !ty.list && out.len() - start > 1 {
        let mut s = String::new();
        for (i, v) in out[start..].iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            render_one(ty, v, &mut s);
        }
        out.truncate(start);
        out.push(Value::string(s));
    }
    true
}

/// The bytes a string transformer sees: trailing NULs dropped.
fn value_bytes<'v>(v: &'v Value<'_>) -> Option<&'v [u8]> {
    let b: &[u8] = match v {
        Value::Str(s) => s.as_bytes(),
        Value::Bytes(b) => b,
        _ => return None,
    };
    let end = b.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
    Some(&b[..end])
}

/// A value as text for the multi-value transformers.
fn value_text(v: &Value<'_>) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => other.to_text(),
    }
}

fn apply_single<'a>(op: Single, ity: Ty, vals: Vec<Value<'a>>, out: &mut Vec<Value<'a>>) -> bool {
    if op == Single::Len {
        if ity.list {
            out.push(Value::U64(vals.len() as u64));
            return true;
        }
        let Some(v) = vals.first() else { return false };
        let n = match v {
            // strnlen: a string ends at its first NUL.
            Value::Str(s) => s.bytes().position(|c| c == 0).unwrap_or(s.len()),
            Value::Bytes(b) if ity.t == PType::ByteBuf => b.len(),
            Value::Bytes(b) => b.iter().position(|&c| c == 0).unwrap_or(b.len()),
            _ => return false,
        };
        out.push(Value::U64(n as u64));
        return true;
    }
    for v in &vals {
        let Some(b) = value_bytes(v) else {
            return false;
        };
        let res: Vec<u8> = match op {
            Single::ToLower => b.to_ascii_lowercase(),
            Single::ToUpper => b.to_ascii_uppercase(),
            Single::Basename => {
                let start = b.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1);
                b[start..].to_vec()
            }
            Single::B64 => match b64_decode(b) {
                Some(d) => d,
                None => return false,
            },
            Single::Len => return false,
        };
        out.push(if ity.t == PType::ByteBuf {
            Value::Bytes(Cow::Owned(res))
        } else {
            Value::Str(Cow::Owned(String::from_utf8_lossy(&res).into_owned()))
        });
    }
    true
}

fn b64_digit(c: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    }))
}

/// Standard base64; up to two `=` may end the input, missing padding is fine, but the bits
/// left over after the last full byte must be zero.
pub(crate) fn b64_decode(input: &[u8]) -> Option<Vec<u8>> {
    let mut n = input.len();
    if n == 0 {
        return Some(Vec::new());
    }
    for _ in 0..2 {
        if n > 0 && input[n - 1] == b'=' {
            n -= 1;
        }
    }
    let body = &input[..n];
    if body.is_empty() || body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in body {
        acc = (acc << 6) | b64_digit(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (acc == 0).then_some(out)
}

/// getopt(3) over an argument list: the options found, each followed by its argument when it
/// takes one (`?` for unknown options); with a selector, the last value of that option (its
/// name when it takes no argument) or no value at all.
fn getopt(argv: &[String], optstring: &[u8], selector: Option<u8>) -> Option<Vec<String>> {
    let mut valid = [false; 256];
    let mut with_arg = [false; 256];
    let mut i = usize::from(optstring.first() == Some(&b':'));
    while i < optstring.len() {
        let c = optstring[i];
        if c != b':' {
            valid[usize::from(c)] = true;
            if optstring.get(i + 1) == Some(&b':') {
                with_arg[usize::from(c)] = true;
                i += 1;
            }
        }
        i += 1;
    }
    let mut results = Vec::new();
    let mut selected: Option<String> = None;
    let mut emit = |name: &str, value: Option<&str>, results: &mut Vec<String>| {
        if selector.is_some() {
            selected = Some(value.unwrap_or(name).to_string());
        } else {
            results.push(name.to_string());
            if let Some(v) = value {
                results.push(v.to_string());
            }
        }
    };
    let mut idx = 0;
    while idx < argv.len() {
        let arg = argv[idx].as_bytes();
        if arg == b"--" {
            break;
        }
        if arg.len() > 2 && arg.starts_with(b"--") {
            idx += 1;
            continue;
        }
        if arg.len() < 2 || arg[0] != b'-' {
            break;
        }
        let mut k = 1;
        while k < arg.len() {
            let opt = arg[k];
            if opt == b':' || !valid[usize::from(opt)] {
                if selector.is_none() {
                    results.push("?".to_string());
                }
                k += 1;
                continue;
            }
            let hit = selector.is_none_or(|s| s == opt);
            let name = String::from_utf8_lossy(&arg[k..=k]).into_owned();
            if !with_arg[usize::from(opt)] {
                if hit {
                    emit(&name, None, &mut results);
                }
                k += 1;
                continue;
            }
            let value: Option<String> = if k + 1 < arg.len() {
                Some(String::from_utf8_lossy(&arg[k + 1..]).into_owned())
            } else if idx + 1 < argv.len() {
                idx += 1;
                Some(argv[idx].clone())
            } else {
                None
            };
            if hit {
                match value {
                    Some(v) => emit(&name, Some(&v), &mut results),
                    None => emit("", None, &mut results),
                }
            }
            break;
        }
        idx += 1;
    }
    match selector {
        Some(_) => selected.map(|s| vec![s]),
        None => Some(results),
    }
}

/// The numeric content of a value, wide enough for every libsinsp integer type.
fn as_int(v: &Value<'_>) -> Option<i128> {
    Some(match v {
        Value::I64(x) => i128::from(*x),
        Value::U64(x)
        | Value::RelTime(x)
        | Value::AbsTime(x)
        | Value::RelTimeSecNs(x)
        | Value::Nanos9(x) => i128::from(*x),
        Value::Port(x) => i128::from(*x),
        Value::Bool(b) => i128::from(*b),
        _ => return None,
    })
}

/// Reinterprets `v` with the width and signedness of `t`, as a C cast would.
fn cast(t: PType, v: i128) -> i128 {
    match t {
        PType::Int8 => i128::from(v as i8),
        PType::Int16 => i128::from(v as i16),
        PType::Int32 => i128::from(v as i32),
        PType::Int64 => i128::from(v as i64),
        PType::Uint8 => i128::from(v as u8),
        PType::Uint16 => i128::from(v as u16),
        PType::Uint32 => i128::from(v as u32),
        _ => i128::from(v as u64),
    }
}

/// Unsigned bit pattern of `v` in the width of `t` (for `%X` / `%o` of signed types).
fn bits(t: PType, v: i128) -> u64 {
    match t {
        PType::Int8 | PType::Uint8 => u64::from(v as u8),
        PType::Int16 | PType::Uint16 => u64::from(v as u16),
        PType::Int32 | PType::Uint32 => u64::from(v as u32),
        _ => v as u64,
    }
}

fn is_int(t: PType) -> bool {
    matches!(
        t,
        PType::Int8
            | PType::Int16
            | PType::Int32
            | PType::Int64
            | PType::Uint8
            | PType::Uint16
            | PType::Uint32
            | PType::Uint64
    )
}

/// One value as `rawval_to_string` prints it; false where libsinsp gives no text (an
/// unsigned or small signed integer without a numeric print format).
fn render_one(ty: Ty, v: &Value<'_>, out: &mut String) -> bool {
    if is_int(ty.t) {
        if let Some(n) = as_int(v) {
            let n = cast(ty.t, n);
            match ty.pf {
                Pf::Dec => {
                    let _ = write!(out, "{n}");
                }
                Pf::Hex => {
                    let _ = write!(out, "{:X}", bits(ty.t, n));
                }
                Pf::Oct => {
                    let _ = write!(out, "{:o}", bits(ty.t, n));
                }
                Pf::Padded if matches!(ty.t, PType::Int64 | PType::Uint64) => {
                    let _ = write!(out, "{n:09}");
                }
                Pf::Na if ty.t == PType::Int64 => {
                    let _ = write!(out, "{n}");
                }
                _ => return false,
            }
            return true;
        }
    }
    match v {
        Value::Str(s) => out.push_str(s),
        Value::Bytes(b) => render_bytes(b, out),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Double(d) => {
            let _ = write!(out, "{d:.1}");
        }
        Value::Ip(ip) => {
            let _ = write!(out, "{ip}");
        }
        other => {
            // A number in a non-numeric slot: print it plainly rather than lose it.
            let _ = write!(out, "{}", other.to_text());
        }
    }
    true
}

/// One value as `rawval_to_json` types it.
fn json_one(ty: Ty, v: &Value<'_>) -> JsonValue {
    if is_int(ty.t) {
        if let Some(n) = as_int(v) {
            let n = cast(ty.t, n);
            return match ty.pf {
                Pf::Dec => {
                    if n < 0 {
                        JsonValue::I64(n as i64)
                    } else {
                        JsonValue::U64(n as u64)
                    }
                }
                Pf::Na if !matches!(ty.t, PType::Int64) => JsonValue::Null,
                _ => {
                    let mut s = String::new();
                    render_one(ty, v, &mut s);
                    JsonValue::Str(s)
                }
            };
        }
    }
    match v {
        Value::Bool(b) if ty.t == PType::Bool => JsonValue::Bool(*b),
        Value::Double(d) if ty.t == PType::Double => {
            if ty.pf == Pf::Dec {
                JsonValue::I64(*d as i64)
            } else {
                JsonValue::F64(*d)
            }
        }
        _ => {
            let mut s = String::new();
            render_one(ty, v, &mut s);
            JsonValue::Str(s)
        }
    }
}

/// The type of `evt.rawarg.*` in the current event, from the parameter's table entry.
fn rawarg_ty(req: &FieldReq, cx: &EvalCtx<'_>) -> Option<Ty> {
    let info = cx.ev.info()?;
    let p = match &req.arg {
        Arg::Key(k) => info.params.iter().find(|p| p.name == k.as_str())?,
        Arg::Index(i) => info.params.get(*i)?,
        Arg::None => return None,
    };
    Some(param_ty(p.ptype, p.fmt))
}

/// Resolves the dynamic type of a rawarg expression for this event.
fn runtime_ty(node_ty: Ty, req: Option<&FieldReq>, cx: &EvalCtx<'_>) -> Ty {
    if node_ty.t != PType::Dyn {
        return node_ty;
    }
    req.and_then(|r| rawarg_ty(r, cx)).unwrap_or(Ty {
        t: PType::Other,
        list: false,
        pf: Pf::Na,
    })
}

/// The text of a token's values: a list as `(a,b)`, otherwise the single value. False when
/// the token prints as `<NA>`.
pub(crate) fn render_values(
    node: &Node,
    vals: &[Value<'_>],
    cx: &EvalCtx<'_>,
    out: &mut String,
) -> bool {
    let req = match node {
        Node::Field { req, .. } => Some(req),
        _ => None,
    };
    let ty = runtime_ty(node.ty(), req, cx);
    if ty.list {
        let start = out.len();
        out.push('(');
        for (i, v) in vals.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if !render_one(ty, v, out) {
                out.truncate(start);
                return false;
            }
        }
        out.push(')');
        return true;
    }
    match vals.first() {
        Some(v) => {
            let start = out.len();
            if render_one(ty, v, out) {
                true
            } else {
                out.truncate(start);
                false
            }
        }
        None => false,
    }
}

/// The `output_fields` value of one field.
pub(crate) fn json_field(req: &FieldReq, ty: Ty, cx: &EvalCtx<'_>) -> JsonValue {
    // Time-like event fields are the raw nanosecond numbers in JSON, whatever their text.
    let ts = cx.ev.ts;
    match req.id {
        Fid::EvtTime
        | Fid::EvtTimeS
        | Fid::EvtTimeIso8601
        | Fid::EvtDatetime
        | Fid::EvtDatetimeS
        | Fid::EvtOutputtime => return JsonValue::I64(ts as i64),
        Fid::EvtCount => return JsonValue::U64(1),
        _ => {}
    }
    let mut vals = Vec::new();
    if !eval_field(req, ty, cx, &mut vals) {
        return JsonValue::Null;
    }
    match req.id {
        Fid::EvtRawtime
        | Fid::EvtRawtimeS
        | Fid::EvtRawtimeNs
        | Fid::EvtReltime
        | Fid::EvtReltimeS
        | Fid::EvtReltimeNs
        | Fid::EvtLatency
        | Fid::EvtLatencyS
        | Fid::EvtLatencyNs
        | Fid::EvtDeltatime
        | Fid::EvtDeltatimeS
        | Fid::EvtDeltatimeNs => {
            if let Some(n) = vals.first().and_then(as_int) {
                return JsonValue::I64(n as i64);
            }
        }
        _ => {}
    }
    let ty = runtime_ty(ty, Some(req), cx);
    if ty.list {
        return JsonValue::Array(vals.iter().map(|v| json_one(ty, v)).collect());
    }
    vals.first().map_or(JsonValue::Null, |v| json_one(ty, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_rules() {
        assert_eq!(b64_decode(b"aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(b64_decode(b"aGVsbG8"), Some(b"hello".to_vec()));
        assert_eq!(b64_decode(b"aGVsbA=="), Some(b"hell".to_vec()));
        assert_eq!(b64_decode(b""), Some(vec![]));
        // "cat" leaves non-zero bits: Falco prints <NA> for %b64(proc.name) on cat.
        assert_eq!(b64_decode(b"cat"), None);
        assert_eq!(b64_decode(b"a"), None);
        assert_eq!(b64_decode(b"=="), None);
        assert_eq!(b64_decode(b"a$=="), None);
    }

    #[test]
    fn getopt_like_libsinsp() {
        let argv: Vec<String> = ["-x", "-abfoo", "-c", "bar", "file", "-b", "z"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            getopt(&argv, b"ab:c:", None).unwrap(),
            ["?", "a", "b", "foo", "c", "bar"]
        );
        assert_eq!(getopt(&argv, b"ab:c:", Some(b'c')).unwrap(), ["bar"]);
        assert_eq!(getopt(&argv, b"ab:c:", Some(b'a')).unwrap(), ["a"]);
        assert_eq!(getopt(&argv, b"ab:c:", Some(b'z')), None);
        let argv: Vec<String> = ["-t"].iter().map(|s| s.to_string()).collect();
        assert_eq!(getopt(&argv, b"t:", Some(b't')).unwrap(), [""]);
    }

    #[test]
    fn numbers_follow_print_formats() {
        let r = |t, pf, v: Value<'_>| {
            let mut s = String::new();
            render_one(Ty { t, list: false, pf }, &v, &mut s).then_some(s)
        };
        assert_eq!(
            r(PType::Int32, Pf::Hex, Value::I64(0xfd01)).as_deref(),
            Some("FD01")
        );
        assert_eq!(
            r(PType::Int32, Pf::Hex, Value::I64(-1)).as_deref(),
            Some("FFFFFFFF")
        );
        assert_eq!(
            r(PType::Uint32, Pf::Oct, Value::U64(0o644)).as_deref(),
            Some("644")
        );
        assert_eq!(
            r(PType::Uint64, Pf::Padded, Value::AbsTime(5)).as_deref(),
            Some("000000005")
        );
        assert_eq!(r(PType::Uint64, Pf::Na, Value::U64(9)), None);
        assert_eq!(
            r(PType::Int64, Pf::Na, Value::I64(-9)).as_deref(),
            Some("-9")
        );
        assert_eq!(
            r(PType::Uint32, Pf::Dec, Value::U64(u64::from(u32::MAX))).as_deref(),
            Some("4294967295")
        );
        assert_eq!(
            r(PType::Double, Pf::Na, Value::Double(12.345)).as_deref(),
            Some("12.3")
        );
        let j = |t, pf, v: Value<'_>| json_one(Ty { t, list: false, pf }, &v);
        assert_eq!(
            j(PType::Uint32, Pf::Dec, Value::U64(4294967295)),
            JsonValue::U64(4294967295)
        );
        assert_eq!(
            j(PType::Int64, Pf::Dec, Value::I64(-115)),
            JsonValue::I64(-115)
        );
        assert_eq!(
            j(PType::Uint32, Pf::Hex, Value::U64(1)),
            JsonValue::Str("1".into())
        );
        assert_eq!(j(PType::Uint32, Pf::Na, Value::U64(1)), JsonValue::Null);
        assert_eq!(
            j(PType::Bool, Pf::Na, Value::Bool(true)),
            JsonValue::Bool(true)
        );
        assert_eq!(
            j(PType::Uint16, Pf::Dec, Value::Port(80)),
            JsonValue::U64(80)
        );
        assert_eq!(
            j(PType::Double, Pf::Na, Value::Double(0.5)),
            JsonValue::F64(0.5)
        );
        assert_eq!(
            j(PType::Ip, Pf::Na, Value::Ip("127.0.0.1".parse().unwrap())),
            JsonValue::Str("127.0.0.1".into())
        );
    }
}
