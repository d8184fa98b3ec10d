//! Event-parameter based helpers for the `evt.*` fields.

use std::borrow::Cow;

use peregrine_event::names::{errno_name, syscall_name};
use peregrine_event::types::flags::EF_WAITS;
use peregrine_event::{Category, Event, ParamType};

use crate::extract::EvalCtx;
use crate::request::Arg;
use crate::value::Value;

/// `evt.type`: the table name, or for generic `syscall` events the name of the syscall id.
pub fn event_type_name<'a>(ev: &Event<'a>) -> &'static str {
    let Some(info) = ev.info() else { return "unknown" };
    if ev.etype <= 1 {
        if let Some(id) = ev.param(0).and_then(|p| p.get(..2)) {
            if let Some(n) = syscall_name(u16::from_le_bytes([id[0], id[1]])) {
                return n;
            }
        }
    }
    info.name
}

/// `evt.category` text.
pub fn category_name(ev: &Event<'_>) -> &'static str {
    let Some(info) = ev.info() else { return "unknown" };
    match info.category.sub() {
        Category::OTHER => "other",
        Category::FILE => "file",
        Category::NET => "net",
        Category::IPC => "IPC",
        Category::MEMORY => "memory",
        Category::PROCESS => "process",
        Category::SLEEP => "sleep",
        Category::SYSTEM => "system",
        Category::SIGNAL => "signal",
        Category::USER => "user",
        Category::TIME => "time",
        Category::PROCESSING => "processing",
        Category::IO_READ => "IO_read",
        Category::IO_WRITE => "IO_write",
        Category::IO_OTHER => "IO_other",
        Category::WAIT => "wait",
        Category::SCHEDULER => "scheduler",
        Category::INTERNAL => "internal",
        _ => "unknown",
    }
}

/// Little-endian integer of a parameter by its declared type (signed where the type is).
pub fn param_int(ptype: ParamType, b: &[u8]) -> Option<i64> {
    use ParamType as T;
    Some(match (ptype, b.len()) {
        (T::Int8, 1) => b[0] as i8 as i64,
        (T::Uint8 | T::Sigtype | T::L4proto | T::Sockfamily | T::Flags8 | T::Enumflags8, 1) => {
            b[0] as i64
        }
        (T::Int16, 2) => i16::from_le_bytes([b[0], b[1]]) as i64,
        (T::Uint16 | T::Port | T::Syscallid | T::Flags16 | T::Enumflags16, 2) => {
            u16::from_le_bytes([b[0], b[1]]) as i64
        }
        (T::Int32 | T::Fd32 | T::Pid32, 4) => i32::from_le_bytes(b.try_into().ok()?) as i64,
        (
            T::Uint32
            | T::Flags32
            | T::Enumflags32
            | T::Uid
            | T::Gid
            | T::Mode
            | T::Bool
            | T::Sigset,
            4,
        ) => u32::from_le_bytes(b.try_into().ok()?) as i64,
        (T::Int64 | T::Errno | T::Fd | T::Pid | T::Uint64 | T::Reltime | T::Abstime, 8) => {
            i64::from_le_bytes(b.try_into().ok()?)
        }
        _ => return None,
    })
}

/// The return value of an exit event (`evt.rawres`): its first parameter when numeric.
pub fn res(ev: &Event<'_>) -> Option<i64> {
    if !ev.is_exit() {
        return None;
    }
    let info = ev.info()?;
    let p0 = info.params.first()?;
    param_int(p0.ptype, ev.param(0)?)
}

/// `evt.res` text for a failure: the errno name, or the number when unknown.
pub fn errno_text(r: i64) -> String {
    errno_name(r).map_or_else(|| r.to_string(), str::to_string)
}

/// The I/O buffer of read/write/send/recv events (`evt.buffer`).
pub fn buffer<'a>(ev: &Event<'a>) -> Option<&'a [u8]> {
    let info = ev.info()?;
    let i = info.params.iter().position(|p| p.name == "data" && p.ptype == ParamType::Bytebuf)?;
    ev.param(i)
}

/// `Some(true)` for read-type I/O events, `Some(false)` for write-type, `None` otherwise.
pub fn is_io(ev: &Event<'_>) -> Option<bool> {
    match ev.info()?.category.sub() {
        Category::IO_READ => Some(true),
        Category::IO_WRITE => Some(false),
        _ => None,
    }
}

pub fn is_wait(ev: &Event<'_>) -> bool {
    ev.info().is_some_and(|i| i.flags & EF_WAITS != 0)
}

/// Open flags (PPM_O_*) of a successful open-family exit event.
pub fn open_flags(ev: &Event<'_>) -> Option<u32> {
    if !ev.is_exit() {
        return None;
    }
    let info = ev.info()?;
    if !matches!(info.name, "open" | "openat" | "openat2" | "creat" | "open_by_handle_at") {
        return None;
    }
    let i = info.param_index("flags")?;
    let b = ev.param(i)?;
    let f = u32::from_le_bytes(b.get(..4)?.try_into().ok()?);
    Some(f)
}

/// `evt.rawarg.NAME`: the parameter's raw value, typed.
pub fn arg_raw<'a>(ev: &Event<'a>, arg: &Arg) -> Option<Value<'a>> {
    let info = ev.info()?;
    let i = match arg {
        Arg::Key(k) => info.param_index(k)?,
        Arg::Index(i) => *i,
        Arg::None => return None,
    };
    let p = info.params.get(i)?;
    let b = ev.param(i)?;
    if b.is_empty() {
        return None;
    }
    use ParamType as T;
    Some(match p.ptype {
        T::Charbuf | T::Fspath | T::Fsrelpath => {
            let s = b.strip_suffix(&[0]).unwrap_or(b);
            Value::Str(String::from_utf8_lossy(s))
        }
        T::Bytebuf => Value::Bytes(Cow::Borrowed(b)),
        T::Int8 | T::Int16 | T::Int32 | T::Int64 | T::Errno | T::Fd | T::Pid | T::Fd32
        | T::Pid32 => Value::I64(param_int(p.ptype, b)?),
        T::Double if b.len() == 8 => Value::Double(f64::from_le_bytes(b.try_into().ok()?)),
        _ => match param_int(p.ptype, b) {
            Some(v) => Value::U64(v as u64),
            None => Value::Bytes(Cow::Borrowed(b)),
        },
    })
}

/// `evt.args`: every parameter rendered as sysdig prints it.
pub fn render_all(cx: &EvalCtx<'_>) -> String {
    let mut s = String::new();
    crate::render::render_args(cx, &mut s);
    s
}

/// `evt.arg.NAME` / `evt.arg[N]`: one parameter rendered as sysdig prints it.
pub fn arg_rendered(cx: &EvalCtx<'_>, arg: &Arg) -> Option<String> {
    match arg {
        Arg::Key(k) => crate::render::render_param_by_name(cx, k),
        Arg::Index(i) => crate::render::render_param(cx, *i),
        Arg::None => None,
    }
}

/// `evt.abspath[...]`: absolute path of the path argument of `*at` events, resolved against
/// the dirfd argument.
pub fn abspath(cx: &EvalCtx<'_>, arg: &Arg) -> Option<String> {
    let ev = cx.ev;
    let info = ev.info()?;
    let (dir_name, path_name) = match (info.name, arg) {
        ("renameat" | "renameat2" | "linkat", Arg::Key(k)) if k == "src" => ("olddirfd", "oldpath"),
        ("renameat" | "renameat2" | "linkat", _) => ("newdirfd", "newpath"),
        ("symlinkat", _) => ("linkdirfd", "linkpath"),
        (_, _) => ("dirfd", "name"),
    };
    let pi = info.param_index(path_name).or_else(|| info.param_index("path"))?;
    let path = ev.param(pi)?;
    let path = String::from_utf8_lossy(path.strip_suffix(&[0]).unwrap_or(path)).into_owned();
    if path.starts_with('/') {
        return Some(path);
    }
    let di = info.param_index(dir_name)?;
    let dirfd = param_int(info.params[di].ptype, ev.param(di)?)?;
    let base = if dirfd == peregrine_event::names::AT_FDCWD {
        cx.insp.thread(ev.tid as i64)?.cwd.clone()
    } else {
        cx.insp.fd(ev.tid as i64, dirfd)?.name.clone()
    };
    Some(join_path(&base, &path))
}

/// Joins a relative path to a directory and normalises `.` and `..` components.
fn join_path(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in base.split('/').chain(rel.split('/')) {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut s = String::with_capacity(base.len() + rel.len() + 1);
    for p in &parts {
        s.push('/');
        s.push_str(p);
    }
    if s.is_empty() {
        s.push('/');
    }
    s
}
