//! Event-parameter based helpers for the `evt.*` fields.

use std::borrow::Cow;

use peregrine_event::names::{errno_name, syscall_name};
use peregrine_event::types::flags::{
    EF_CREATES_FD, EF_READS_FROM_FD, EF_SKIPPARSERESET, EF_WAITS, EF_WRITES_TO_FD,
};
use peregrine_event::{Category, Event, ParamType};
use peregrine_state::FdKind;

use crate::extract::EvalCtx;
use crate::request::Arg;
use crate::value::Value;

mod sysdig_syscalls;

pub(crate) const EF_READS: u32 = EF_READS_FROM_FD;
pub(crate) const EF_WRITES: u32 = EF_WRITES_TO_FD;

/// The `PPM_SC_*` code of a generic `syscall` event.
fn generic_id(ev: &Event<'_>) -> Option<u16> {
    if ev.etype > 1 {
        return None;
    }
    let id = ev.param(0)?.get(..2)?;
    Some(u16::from_le_bytes([id[0], id[1]]))
}

/// `evt.type`: the table name, or for generic `syscall` events the name of the syscall id.
pub fn event_type_name(cx: &EvalCtx<'_>) -> &'static str {
    let ev = cx.ev;
    let Some(info) = ev.info() else {
        return "unknown";
    };
    if let Some(id) = generic_id(ev) {
        let name = if cx.sysdig() {
            sysdig_syscalls::syscall(id).map(|(n, _)| n)
        } else {
            syscall_name(id)
        };
        if let Some(n) = name {
            return n;
        }
    }
    info.name
}

/// `syscall.type`: `evt.type` for system calls only.
pub fn syscall_type(cx: &EvalCtx<'_>) -> Option<&'static str> {
    let ev = cx.ev;
    let info = ev.info()?;
    let is_syscall = if cx.sysdig() {
        // That libsinsp tested the category constant EC_INTERNAL against the flags, where it
        // is the bit of EF_SKIPPARSERESET.
        ev.etype != peregrine_event::ppme::SCHEDSWITCH_6_E && cx.flags() & EF_SKIPPARSERESET == 0
    } else {
        info.category.0 & Category::SYSCALL != 0
    };
    is_syscall.then(|| event_type_name(cx))
}

/// `evt.category` text. I/O events are named after the kind of their fd.
pub fn category_name(cx: &EvalCtx<'_>) -> &'static str {
    let ev = cx.ev;
    let Some(info) = ev.info() else {
        return "unknown";
    };
    let mut cat = info.category.sub();
    if cx.sysdig() {
        if let Some(id) = generic_id(ev) {
            cat = sysdig_syscalls::syscall(id).map_or(Category::OTHER, |(_, c)| c);
            if cat & Category::IO_BASE != 0 {
                return "unknown";
            }
        }
    }
    match cat {
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
        Category::IO_READ | Category::IO_WRITE | Category::IO_OTHER => {
            io_subcategory(cx, cx.insp.event_fdinfo().map(|f| f.kind))
        }
        Category::WAIT => "wait",
        Category::SCHEDULER => "scheduler",
        _ => "unknown",
    }
}

/// The name of an I/O event's category: the family of its fd.
fn io_subcategory(cx: &EvalCtx<'_>, kind: Option<FdKind>) -> &'static str {
    match kind {
        Some(FdKind::File | FdKind::Directory) => "file",
        Some(FdKind::Ipv4Sock | FdKind::Ipv6Sock | FdKind::Ipv4ServSock | FdKind::Ipv6ServSock) => {
            "net"
        }
        Some(
            FdKind::Fifo | FdKind::UnixSock | FdKind::Event | FdKind::SignalFd | FdKind::Inotify,
        ) => "ipc",
        Some(FdKind::UserFaultFd) if !cx.sysdig() => "ipc",
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

/// The first parameter as a 64-bit integer (a 32-bit one sign-extended).
pub(crate) fn first_param_i64(ev: &Event<'_>) -> Option<i64> {
    let p = ev.param(0)?;
    Some(match p.len() {
        4 => i32::from_le_bytes(p.try_into().ok()?) as i64,
        8 => i64::from_le_bytes(p.try_into().ok()?),
        _ => return None,
    })
}

/// The parameter holding the return value, as each libsinsp finds it: sysdig 0.29.3 looks
/// for a parameter called `res` (or `fd` on exits of fd-creating calls); current libsinsp
/// takes the first parameter of any system-call exit.
fn res_param(cx: &EvalCtx<'_>) -> Option<(usize, ParamType)> {
    let ev = cx.ev;
    let info = ev.info()?;
    if cx.sysdig() {
        let n = ev.nparams().min(info.params.len());
        let by_name = |name: &str| (0..n).find(|&i| info.params[i].name == name);
        let i = by_name("res").or_else(|| {
            (cx.flags() & EF_CREATES_FD != 0 && ev.is_exit())
                .then(|| by_name("fd"))
                .flatten()
        })?;
        return Some((i, info.params[i].ptype));
    }
    let syscall = info.category.0 & Category::SYSCALL != 0;
    (syscall && ev.is_exit() && generic_id(ev).is_none() && ev.nparams() > 0)
        .then(|| info.params.first().map(|p| (0, p.ptype)))
        .flatten()
}

/// The return value of the event (`evt.rawres`).
pub fn res(cx: &EvalCtx<'_>) -> Option<i64> {
    let (i, _) = res_param(cx)?;
    let p = cx.ev.param(i)?;
    Some(match p.len() {
        4 if !cx.sysdig() => i32::from_le_bytes(p.try_into().ok()?) as i64,
        8 => i64::from_le_bytes(p.try_into().ok()?),
        _ => return None,
    })
}

/// `evt.failed`: sysdig 0.29.3 answers false for events without a return value, current
/// libsinsp has no value for them.
pub fn failed(cx: &EvalCtx<'_>) -> Option<bool> {
    match res(cx) {
        Some(r) => Some(r < 0),
        None => cx.sysdig().then_some(false),
    }
}

/// `evt.count.error`: 1 for a failed call. sysdig 0.29.3 has no value for other events,
/// current libsinsp gives 0 to every event with a return value.
pub fn count_error(cx: &EvalCtx<'_>) -> Option<u64> {
    match res(cx) {
        Some(r) if r < 0 => Some(1),
        Some(_) if !cx.sysdig() => Some(0),
        _ => None,
    }
}

/// `evt.res` text for a failure: the errno name, or the number when it is not an errno.
pub fn res_error_text(cx: &EvalCtx<'_>, r: i64) -> String {
    let errno_typed =
        res_param(cx).is_some_and(|(_, t)| matches!(t, ParamType::Errno | ParamType::Fd));
    match errno_name(r) {
        Some(n) if errno_typed || !cx.sysdig() => n.to_string(),
        _ => r.to_string(),
    }
}

/// The I/O buffer of read/write/send/recv events (`evt.buffer`).
pub fn buffer<'a>(ev: &Event<'a>) -> Option<&'a [u8]> {
    let info = ev.info()?;
    let i = info
        .params
        .iter()
        .position(|p| p.name == "data" && p.ptype == ParamType::Bytebuf)?;
    ev.param(i)
}

/// `evt.buflen`: the byte count of a successful I/O exit on a known fd.
pub fn buflen(cx: &EvalCtx<'_>) -> Option<u64> {
    let ev = cx.ev;
    let info = ev.info()?;
    if cx.insp.event_fdinfo().is_none() || info.category.sub() & Category::IO_BASE == 0 {
        return None;
    }
    if !ev.is_exit() {
        return None;
    }
    first_param_i64(ev).filter(|&r| r >= 0).map(|r| r as u64)
}

/// `Some(true)` for events that read from their fd, `Some(false)` for ones that write.
pub fn is_io(cx: &EvalCtx<'_>) -> Option<bool> {
    let f = cx.flags();
    if f & EF_WRITES != 0 {
        Some(false)
    } else if f & EF_READS != 0 {
        Some(true)
    } else {
        None
    }
}

pub fn is_wait(cx: &EvalCtx<'_>) -> bool {
    cx.flags() & EF_WAITS != 0
}

/// Which `evt.is_open_*` test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenTest {
    Read,
    Write,
    Exec,
    Create,
}

const PPM_O_RDONLY: u32 = 1;
const PPM_O_WRONLY: u32 = 1 << 1;
const PPM_O_CREAT: u32 = 1 << 2;
const PPM_O_TMPFILE: u32 = 1 << 13;
const PPM_O_F_CREATED: u32 = 1 << 14;
/// Any of the execute bits of a mode.
const EXEC_MODE: u32 = 0o111;

fn u32_param(ev: &Event<'_>, i: usize) -> Option<u32> {
    let b = ev.param(i)?;
    Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?))
}

/// `evt.is_open_read` and friends: false for every event that is not an open. sysdig 0.29.3
/// read the old `openat` from its enter event.
pub fn is_open(cx: &EvalCtx<'_>, test: OpenTest) -> Option<bool> {
    use peregrine_event::ppme::*;
    let ev = cx.ev;
    let sysdig = cx.sysdig();
    if test == OpenTest::Create && sysdig {
        return None;
    }
    let (flags_at, mode_at) = match ev.etype {
        SYSCALL_OPEN_X => (2, Some(3)),
        SYSCALL_OPENAT_E if sysdig => (2, Some(3)),
        SYSCALL_OPENAT_2_X | SYSCALL_OPENAT2_X => (3, Some(4)),
        SYSCALL_OPEN_BY_HANDLE_AT_X if !sysdig => (2, None),
        SYSCALL_CREAT_X if test == OpenTest::Exec => {
            return Some(u32_param(ev, 2).unwrap_or(0) & EXEC_MODE != 0);
        }
        _ => return Some(false),
    };
    let flags = u32_param(ev, flags_at).unwrap_or(0);
    Some(match test {
        OpenTest::Read => flags & PPM_O_RDONLY != 0,
        OpenTest::Write => flags & PPM_O_WRONLY != 0,
        OpenTest::Exec => {
            flags & (PPM_O_TMPFILE | PPM_O_CREAT) != 0
                && mode_at
                    .and_then(|i| u32_param(ev, i))
                    .is_some_and(|m| m & EXEC_MODE != 0)
        }
        OpenTest::Create => {
            flags & PPM_O_F_CREATED != 0
                || (flags & PPM_O_TMPFILE != 0 && res(cx).is_some_and(|r| r >= 0))
        }
    })
}

/// The `fd.typechar` libsinsp guesses for an fd event whose fd it does not know, from the
/// kind of call.
pub(crate) fn typechar_without_fd(ev: &Event<'_>) -> char {
    use peregrine_event::ppme::*;
    match ev.etype & !1 {
        SYSCALL_OPEN_E | SYSCALL_OPENAT_E | SYSCALL_OPENAT_2_E | SYSCALL_OPENAT2_E
        | SYSCALL_CREAT_E => 'f',
        SOCKET_SOCKET_E | SOCKET_ACCEPT_E | SOCKET_ACCEPT_5_E | SOCKET_ACCEPT4_E
        | SOCKET_ACCEPT4_5_E => '4',
        SYSCALL_PIPE_E => 'p',
        SYSCALL_EVENTFD_E => 'e',
        SYSCALL_SIGNALFD_E => 's',
        SYSCALL_TIMERFD_CREATE_E => 't',
        SYSCALL_INOTIFY_INIT_E => 'i',
        _ => 'o',
    }
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
        T::Int8
        | T::Int16
        | T::Int32
        | T::Int64
        | T::Errno
        | T::Fd
        | T::Pid
        | T::Fd32
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

/// `evt.info`: the arguments, except for writes to syslog which sysdig decodes.
pub fn info(cx: &EvalCtx<'_>) -> String {
    if cx.sysdig() {
        if let Some(line) = syslog_line(cx) {
            return line;
        }
    }
    render_all(cx)
}

/// sysdig's syslog decoder: a successful write to `/dev/log` whose data starts with a
/// `<priority>` prints as `syslog sev=SEVERITY msg=MESSAGE`.
fn syslog_line(cx: &EvalCtx<'_>) -> Option<String> {
    const SEVERITIES: [&str; 8] = [
        "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
    ];
    let ev = cx.ev;
    if !ev.is_exit() || cx.flags() & EF_WRITES == 0 || first_param_i64(ev)? < 0 {
        return None;
    }
    if !cx.insp.event_fdinfo()?.name.contains("/dev/log") {
        return None;
    }
    let data = ev.param(1)?;
    // Up to 15 characters between the first byte and `>`, `\0` or the end.
    let pri: Vec<u8> = data
        .iter()
        .skip(1)
        .take_while(|&&c| c != b'>' && c != 0)
        .take(15)
        .copied()
        .collect();
    if pri.is_empty() || data.len() < pri.len() + 2 || !pri.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let priority = pri.iter().fold(0i32, |acc, &d| {
        acc.wrapping_mul(10).wrapping_add((d - b'0') as i32)
    });
    let msg = &data[pri.len() + 2..];
    let msg = &msg[..msg.iter().position(|&c| c == 0).unwrap_or(msg.len())];
    let sev = SEVERITIES
        .get((priority & 7) as usize)
        .copied()
        .unwrap_or("<NA>");
    Some(format!(
        "syslog sev={sev} msg={}",
        String::from_utf8_lossy(msg)
    ))
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
    let pi = info
        .param_index(path_name)
        .or_else(|| info.param_index("path"))?;
    let path = ev.param(pi)?;
    let path = String::from_utf8_lossy(path.strip_suffix(&[0]).unwrap_or(path)).into_owned();
    if path.starts_with('/') {
        return Some(path);
    }
    let di = info.param_index(dir_name)?;
    let dirfd = param_int(info.params[di].ptype, ev.param(di)?)?;
    let base = if dirfd == peregrine_event::names::AT_FDCWD {
        cx.insp.cwd(cx.thread()?).to_string()
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
