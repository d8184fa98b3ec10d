//! Field extraction: event + inspector state → values.
//!
//! Each field follows libsinsp's filterchecks (`sinsp_filtercheck_{event,thread,fd,user,group,
//! fspath}.cpp`); where Debian's sysdig 0.29.3 (our oracle) prints something, we print the same.

use std::borrow::Cow;
use peregrine_event::{Event, ParamType};
use peregrine_state::{Fd, FdKind, Inspector, Thread};

use crate::catalog::Fid;
use crate::request::{Arg, FieldReq};
use crate::value::Value;
use crate::{args, time};

/// Everything a field may look at for the current event.
pub struct EvalCtx<'a> {
    pub ev: &'a Event<'a>,
    pub insp: &'a Inspector,
    /// 1-based number of the event in the stream (`evt.num`).
    pub num: u64,
    /// Timestamp of the first event of the stream (`evt.reltime`).
    pub first_ts: u64,
    /// Timestamp of the previous event (`evt.deltatime`).
    pub prev_ts: u64,
    /// The fd the event operates on, as the inspector resolved it.
    pub fd: Option<&'a Fd>,
    /// The fd number the event operates on (known even when the fd is not in the table).
    pub fd_num: Option<i64>,
    /// How parameters print: sysdig's dialect for `peregrine trace`, Falco's for alerts.
    pub render: &'a peregrine_event::render::RenderOpts,
}

impl<'a> EvalCtx<'a> {
    fn thread(&self) -> Option<&'a Thread> {
        self.insp.thread(self.ev.tid as i64)
    }
}

/// Appends the value(s) of `req` for the current event to `out`. Returns false when the field
/// has no value for this event (printed `<NA>`; every comparison on it is false).
pub fn extract<'a>(req: &FieldReq, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) -> bool {
    let n = out.len();
    extract_inner(req, cx, out);
    out.len() > n
}

fn push<'a>(out: &mut Vec<Value<'a>>, v: Option<Value<'a>>) {
    if let Some(v) = v {
        out.push(v);
    }
}

fn extract_inner<'a>(req: &FieldReq, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) {
    let ev = cx.ev;
    let v: Option<Value<'a>> = match req.id {
        // ---- evt.* ----
        Fid::EvtNum => Some(Value::U64(cx.num)),
        Fid::EvtTime | Fid::EvtOutputtime => Some(Value::string(time::time(ev.ts))),
        Fid::EvtTimeS => Some(Value::string(time::time_s(ev.ts))),
        Fid::EvtTimeIso8601 => Some(Value::string(time::iso8601(ev.ts))),
        Fid::EvtDatetime => Some(Value::string(time::datetime(ev.ts))),
        Fid::EvtDatetimeS => Some(Value::string(time::datetime_s(ev.ts))),
        Fid::EvtRawtime => Some(Value::AbsTime(ev.ts)),
        Fid::EvtRawtimeS => Some(Value::AbsTime(ev.ts / 1_000_000_000)),
        Fid::EvtRawtimeNs => Some(Value::AbsTime(ev.ts % 1_000_000_000)),
        Fid::EvtReltime => Some(Value::RelTimeSecNs(ev.ts.saturating_sub(cx.first_ts))),
        Fid::EvtReltimeS => Some(Value::RelTime(ev.ts.saturating_sub(cx.first_ts) / 1_000_000_000)),
        Fid::EvtReltimeNs => Some(Value::Nanos9(ev.ts.saturating_sub(cx.first_ts) % 1_000_000_000)),
        Fid::EvtDeltatime => Some(Value::RelTime(delta(cx))),
        Fid::EvtDeltatimeS => Some(Value::RelTime(delta(cx) / 1_000_000_000)),
        Fid::EvtDeltatimeNs => Some(Value::Nanos9(delta(cx) % 1_000_000_000)),
        Fid::EvtSource => Some(Value::str("syscall")),
        Fid::EvtIsAsync => Some(Value::Bool(false)),
        Fid::EvtHostname => Some(Value::str(cx.insp.hostname.as_str())),
        Fid::EvtType | Fid::SyscallType => Some(Value::str(args::event_type_name(ev))),
        Fid::EvtTypeIs => match &req.arg {
            Arg::Key(k) => Some(Value::U64((args::event_type_name(ev) == k) as u64)),
            _ => None,
        },
        Fid::EvtCategory => Some(Value::str(args::category_name(ev))),
        Fid::EvtCpu => Some(Value::I64(ev.cpu as i64)),
        Fid::EvtDir => Some(Value::str(if ev.is_exit() { "<" } else { ">" })),
        Fid::EvtArgs | Fid::EvtInfo => Some(Value::string(args::render_all(cx))),
        Fid::EvtArg => args::arg_rendered(cx, &req.arg).map(Value::string),
        Fid::EvtRawarg => args::arg_raw(ev, &req.arg),
        Fid::EvtBuffer => args::buffer(ev).map(|b| Value::Bytes(Cow::Borrowed(b))),
        Fid::EvtBuflen => args::buffer(ev).and_then(|_| args::res(ev)).and_then(|r| {
            (r >= 0).then_some(Value::U64(r as u64))
        }),
        Fid::EvtRes => args::res(ev).map(|r| {
            if r >= 0 {
                Value::str("SUCCESS")
            } else {
                Value::string(args::errno_text(r))
            }
        }),
        Fid::EvtRawres => args::res(ev).map(Value::I64),
        Fid::EvtFailed => Some(Value::Bool(args::res(ev).is_some_and(|r| r < 0))),
        Fid::EvtIsIo => Some(Value::Bool(args::is_io(ev).is_some())),
        Fid::EvtIsIoRead => Some(Value::Bool(args::is_io(ev) == Some(true))),
        Fid::EvtIsIoWrite => Some(Value::Bool(args::is_io(ev) == Some(false))),
        Fid::EvtIoDir => args::is_io(ev).map(|r| Value::str(if r { "read" } else { "write" })),
        Fid::EvtIsWait => Some(Value::Bool(args::is_wait(ev))),
        Fid::EvtIsSyslog => Some(Value::Bool(
            cx.fd.is_some_and(|f| f.name.contains("/dev/log")) && args::is_io(ev) == Some(false),
        )),
        Fid::EvtIsOpenRead => args::open_flags(ev).map(|f| Value::Bool(f & 1 != 0)),
        Fid::EvtIsOpenWrite => args::open_flags(ev).map(|f| Value::Bool(f & 2 != 0)),
        Fid::EvtIsOpenExec => args::open_flags(ev).map(|f| Value::Bool(f & (1 << 16) != 0)),
        Fid::EvtIsOpenCreate => args::open_flags(ev).map(|f| Value::Bool(f & 4 != 0)),
        Fid::EvtCount => Some(Value::U64(1)),
        Fid::EvtCountError => Some(Value::U64(args::res(ev).is_some_and(|r| r < 0) as u64)),
        Fid::EvtCountExit => Some(Value::U64(ev.is_exit() as u64)),
        Fid::EvtAbspath => args::abspath(cx, &req.arg).map(Value::string),

        // ---- proc.* / thread.* ----
        Fid::ProcName => cx.thread().map(|t| Value::str(&t.comm)),
        Fid::ProcExe => cx.thread().map(|t| Value::str(&t.exe)),
        Fid::ProcExepath => cx.thread().map(|t| Value::str(&t.exepath)),
        Fid::ProcArgs => cx.thread().and_then(|t| match &req.arg {
            Arg::Index(i) => t.args.get(*i).map(|a| Value::str(a)),
            Arg::Key(_) => None,
            Arg::None => Some(Value::string(t.args.join(" "))),
        }),
        Fid::ProcCmdline => cx.thread().map(|t| Value::string(cmdline(&t.comm, t))),
        Fid::ProcExeline => cx.thread().map(|t| Value::string(cmdline(&t.exe, t))),
        Fid::ProcCmdnargs => cx.thread().map(|t| Value::U64(t.args.len() as u64)),
        Fid::ProcCmdlenargs => {
            cx.thread().map(|t| Value::U64(t.args.iter().map(|a| a.len() as u64).sum()))
        }
        Fid::ProcEnv => cx.thread().and_then(|t| match &req.arg {
            Arg::Key(k) => cx.insp.env(t).iter().find_map(|e| {
                e.strip_prefix(k.as_str()).and_then(|r| r.strip_prefix('=')).map(Value::str)
            }),
            _ => Some(Value::string(cx.insp.env(t).join(" "))),
        }),
        Fid::ProcCwd => cx.thread().map(|t| Value::str(cx.insp.cwd(t))),
        Fid::ProcTty => cx.thread().map(|t| Value::U64(t.tty as u64)),
        Fid::ProcPid => cx.thread().map(|t| Value::I64(t.pid)),
        Fid::ProcVpid => cx.thread().map(|t| Value::I64(t.vpid)),
        Fid::ProcSid => cx.thread().map(|t| Value::I64(t.sid)),
        Fid::ProcVpgid => cx.thread().map(|t| Value::I64(t.vpgid)),
        Fid::ProcPgid => cx.thread().map(|t| Value::I64(t.pgid)),
        Fid::ProcFdlimit => cx.thread().map(|t| Value::I64(t.fdlimit)),
        Fid::ProcVmsize | Fid::ThreadVmsize => cx.thread().map(|t| Value::U64(t.vmsize_kb as u64)),
        Fid::ProcVmrss | Fid::ThreadVmrss => cx.thread().map(|t| Value::U64(t.vmrss_kb as u64)),
        Fid::ProcVmswap => cx.thread().map(|t| Value::U64(t.vmswap_kb as u64)),
        Fid::ThreadPfmajor => cx.thread().map(|t| Value::U64(t.pfmajor)),
        Fid::ThreadPfminor => cx.thread().map(|t| Value::U64(t.pfminor)),
        Fid::ThreadTid => Some(Value::I64(ev.tid as i64)),
        Fid::ThreadVtid => cx.thread().map(|t| Value::I64(t.vtid)),
        Fid::ThreadIsmain => cx.thread().map(|t| Value::Bool(t.is_main_thread())),
        Fid::ProcPidnsInitStartTs => cx.thread().map(|t| Value::U64(t.pidns_init_start_ts)),
        Fid::ProcExeIno => cx.thread().map(|t| Value::I64(t.exe_ino as i64)),
        Fid::ProcExeInoCtime => cx.thread().map(|t| Value::AbsTime(t.exe_ino_ctime)),
        Fid::ProcExeInoMtime => cx.thread().map(|t| Value::AbsTime(t.exe_ino_mtime)),
        Fid::ProcIsExeWritable => cx.thread().map(|t| Value::Bool(t.exe_writable)),
        Fid::ProcIsExeUpperLayer => cx.thread().map(|t| Value::Bool(t.exe_upper_layer)),
        Fid::ProcIsExeLowerLayer => cx.thread().map(|t| Value::Bool(t.exe_lower_layer)),
        Fid::ProcIsExeFromMemfd => cx.thread().map(|t| Value::Bool(t.exe_from_memfd)),
        Fid::ProcIsSidLeader => cx.thread().map(|t| Value::Bool(t.sid == t.vpid)),
        Fid::ProcIsVpgidLeader => cx.thread().map(|t| Value::Bool(t.vpgid == t.vpid)),
        Fid::ProcIsPgidLeader => cx.thread().map(|t| Value::Bool(t.pgid == t.pid)),
        Fid::ProcDuration => cx
            .thread()
            .filter(|t| t.clone_ts != 0)
            .map(|t| Value::RelTime(ev.ts.saturating_sub(t.clone_ts))),
        Fid::ProcPidTs => cx.thread().map(|t| Value::RelTime(t.clone_ts)),
        Fid::ThreadCapPermitted => cx.thread().map(|t| Value::string(caps_text(t.cap_permitted))),
        Fid::ThreadCapInheritable => {
            cx.thread().map(|t| Value::string(caps_text(t.cap_inheritable)))
        }
        Fid::ThreadCapEffective => cx.thread().map(|t| Value::string(caps_text(t.cap_effective))),
        Fid::ThreadCgroups => cx.thread().map(|t| {
            Value::string(
                t.cgroups.iter().map(|(s, p)| format!("{s}={p}")).collect::<Vec<_>>().join(" "),
            )
        }),
        Fid::ThreadCgroup => match &req.arg {
            Arg::Key(k) => cx.thread().and_then(|t| {
                t.cgroups.iter().find(|(s, _)| s == k).map(|(_, p)| Value::str(p))
            }),
            _ => None,
        },
        Fid::ProcNthreads => cx.thread().map(|t| {
            Value::U64(cx.insp.threads.values().filter(|o| o.pid == t.pid).count() as u64)
        }),
        Fid::ProcNchilds => cx.thread().map(|t| {
            Value::U64(
                cx.insp.threads.values().filter(|o| o.ptid == t.tid && o.pid != t.pid).count()
                    as u64,
            )
        }),
        Fid::ProcFdopencount => cx.thread().map(|t| {
            Value::U64(cx.insp.fd_table(t).map_or(0, |f| f.fds.len()) as u64)
        }),
        Fid::ProcFdusage => cx.thread().filter(|t| t.fdlimit > 0).map(|t| {
            let n = cx.insp.fd_table(t).map_or(0, |f| f.fds.len());
            Value::Double(n as f64 * 100.0 / t.fdlimit as f64)
        }),
        Fid::ProcLoginshellid => cx.thread().map(|t| Value::I64(login_shell(cx.insp, t))),
        Fid::ProcStdinType | Fid::ProcStdoutType | Fid::ProcStderrType => {
            std_fd(cx, req.id).map(|f| Value::str(f.kind.type_name()))
        }
        Fid::ProcStdinName | Fid::ProcStdoutName | Fid::ProcStderrName => {
            std_fd(cx, req.id).map(|f| Value::str(&f.name))
        }

        // Parent and ancestors.
        Fid::ProcPpid => cx.thread().map(|t| match cx.insp.parent(t) {
            Some(p) => Value::I64(p.pid),
            None => Value::I64(t.ptid),
        }),
        Fid::ProcPname => ancestor(cx, 1).map(|p| Value::str(&p.comm)),
        Fid::ProcPexe => ancestor(cx, 1).map(|p| Value::str(&p.exe)),
        Fid::ProcPexepath => ancestor(cx, 1).map(|p| Value::str(&p.exepath)),
        Fid::ProcPcmdline => ancestor(cx, 1).map(|p| Value::string(cmdline(&p.comm, p))),
        Fid::ProcPvpid => ancestor(cx, 1).map(|p| Value::I64(p.vpid)),
        Fid::ProcPpidDuration => ancestor(cx, 1)
            .filter(|p| p.clone_ts != 0)
            .map(|p| Value::RelTime(ev.ts.saturating_sub(p.clone_ts))),
        Fid::ProcPpidTs => ancestor(cx, 1).map(|p| Value::RelTime(p.clone_ts)),
        Fid::ProcAname | Fid::ProcApid | Fid::ProcAexe | Fid::ProcAexepath | Fid::ProcAcmdline => {
            let one = |t: &'a Thread| -> Value<'a> {
                match req.id {
                    Fid::ProcAname => Value::str(&t.comm),
                    Fid::ProcApid => Value::I64(t.pid),
                    Fid::ProcAexe => Value::str(&t.exe),
                    Fid::ProcAexepath => Value::str(&t.exepath),
                    _ => Value::string(cmdline(&t.comm, t)),
                }
            };
            match req.arg {
                Arg::Index(n) => ancestor(cx, n).map(one),
                _ => {
                    // Without an index: every ancestor (parent first), for "any ancestor" tests.
                    let mut t = cx.thread();
                    let mut hops = 0;
                    while let Some(cur) = t.and_then(|c| cx.insp.parent(c)) {
                        if hops > 0 && cur.tid == cx.ev.tid as i64 || hops > 64 {
                            break;
                        }
                        out.push(one(cur));
                        t = Some(cur);
                        hops += 1;
                    }
                    None
                }
            }
        }
        Fid::ProcSname => session_leader(cx).map(|t| Value::str(&t.comm)),
        Fid::ProcSidExe => session_leader(cx).map(|t| Value::str(&t.exe)),
        Fid::ProcSidExepath => session_leader(cx).map(|t| Value::str(&t.exepath)),
        Fid::ProcVpgidName => group_leader(cx).map(|t| Value::str(&t.comm)),
        Fid::ProcVpgidExe => group_leader(cx).map(|t| Value::str(&t.exe)),
        Fid::ProcVpgidExepath => group_leader(cx).map(|t| Value::str(&t.exepath)),

        // ---- user.* / group.* ----
        Fid::UserUid => cx.thread().map(|t| Value::U64(t.uid as u64)),
        Fid::UserName => cx.thread().and_then(|t| cx.insp.users.get(&t.uid)).map(|u| Value::str(&u.name)),
        Fid::UserHomedir => {
            cx.thread().and_then(|t| cx.insp.users.get(&t.uid)).map(|u| Value::str(&u.homedir))
        }
        Fid::UserShell => {
            cx.thread().and_then(|t| cx.insp.users.get(&t.uid)).map(|u| Value::str(&u.shell))
        }
        Fid::UserLoginuid => cx.thread().map(|t| Value::I64(t.loginuid as i32 as i64)),
        Fid::UserLoginname => cx
            .thread()
            .and_then(|t| cx.insp.users.get(&t.loginuid))
            .map(|u| Value::str(&u.name)),
        Fid::GroupGid => cx.thread().map(|t| Value::U64(t.gid as u64)),
        Fid::GroupName => {
            cx.thread().and_then(|t| cx.insp.groups.get(&t.gid)).map(|g| Value::str(&g.name))
        }

        // ---- container.* (from cgroups; runtime metadata only when the capture has it) ----
        Fid::ContainerId => cx.thread().map(|t| {
            Value::str(if t.container_id.is_empty() { "host" } else { &t.container_id })
        }),

        // ---- fd.* ----
        Fid::FdNum => cx.fd_num.map(Value::I64),
        _ => return extract_fd(req, cx, out),
    };
    push(out, v);
}

fn extract_fd<'a>(req: &FieldReq, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) {
    if req.id == Fid::FdTypes {
        if let Some(t) = cx.thread() {
            if let Some(table) = cx.insp.fd_table(t) {
                let mut kinds: Vec<&'static str> =
                    table.fds.values().map(|f| f.kind.type_name()).collect();
                kinds.sort_unstable();
                kinds.dedup();
                match req.arg {
                    Arg::Index(i) => {
                        if let Some(f) = table.get(i as i64) {
                            out.push(Value::str(f.kind.type_name()));
                        }
                    }
                    _ => out.extend(kinds.into_iter().map(Value::str)),
                }
            }
        }
        return;
    }
    let Some(fd) = cx.fd else { return };
    let ip = fd.kind.is_ip_socket();
    let Some(owner) = cx.thread() else { return };
    let local = |a: &peregrine_state::SockAddr| cx.insp.is_local_ip(a.ip, owner);
    // Local/remote: libsinsp decides by which end's address belongs to this machine.
    let (lsa, rsa) = match (fd.client(), fd.server()) {
        (Some(c), Some(s)) if ip => {
            if local(&c) {
                (Some(c), Some(s))
            } else if local(&s) {
                (Some(s), Some(c))
            } else if fd.is_role_server() {
                (Some(s), Some(c))
            } else {
                (Some(c), Some(s))
            }
        }
        _ => (None, None),
    };
    let v: Option<Value<'a>> = match req.id {
        Fid::FdType => Some(Value::str(fd.kind.type_name())),
        Fid::FdTypechar => Some(Value::string(fd.kind.typechar().to_string())),
        Fid::FdName => Some(Value::str(&fd.name)),
        Fid::FdNameraw => Some(Value::str(&fd.name_raw)),
        Fid::FdDirectory | Fid::FdFilename => {
            if !matches!(fd.kind, FdKind::File | FdKind::Directory) {
                None
            } else {
                let (dir, file) = split_path(&fd.name, fd.kind == FdKind::Directory);
                Some(if req.id == Fid::FdDirectory { Value::str(dir) } else { Value::str(file) })
            }
        }
        Fid::FdCip => fd.client().filter(|_| ip).map(|a| Value::Ip(a.ip)),
        Fid::FdSip => fd.server().filter(|_| ip).map(|a| Value::Ip(a.ip)),
        Fid::FdLip => lsa.map(|a| Value::Ip(a.ip)),
        Fid::FdRip => rsa.map(|a| Value::Ip(a.ip)),
        Fid::FdCport => fd.client().filter(|_| ip).map(|a| Value::Port(a.port)),
        Fid::FdSport => fd.server().filter(|_| ip).map(|a| Value::Port(a.port)),
        Fid::FdLport => lsa.map(|a| Value::Port(a.port)),
        Fid::FdRport => rsa.map(|a| Value::Port(a.port)),
        Fid::FdIp | Fid::FdNet => {
            if ip {
                for a in [fd.client(), fd.server()].into_iter().flatten() {
                    out.push(Value::Ip(a.ip));
                }
            }
            None
        }
        Fid::FdCnet => fd.client().filter(|_| ip).map(|a| Value::Ip(a.ip)),
        Fid::FdSnet => fd.server().filter(|_| ip).map(|a| Value::Ip(a.ip)),
        Fid::FdLnet => lsa.map(|a| Value::Ip(a.ip)),
        Fid::FdRnet => rsa.map(|a| Value::Ip(a.ip)),
        Fid::FdPort | Fid::FdProto => {
            if ip {
                for a in [fd.client(), fd.server()].into_iter().flatten() {
                    out.push(Value::Port(a.port));
                }
            }
            None
        }
        Fid::FdL4proto => fd.l4proto().name().map(Value::str),
        Fid::FdSockfamily => match fd.kind {
            FdKind::Ipv4Sock | FdKind::Ipv6Sock | FdKind::Ipv4ServSock | FdKind::Ipv6ServSock => {
                Some(Value::str("ip"))
            }
            FdKind::UnixSock => Some(Value::str("unix")),
            _ => None,
        },
        Fid::FdIsServer => Some(Value::Bool(fd.is_role_server())),
        Fid::FdUid => cx.thread().map(|t| Value::string(format!("{}{}", t.tid, fd.num))),
        Fid::FdContainername => cx.thread().map(|t| {
            let id = if t.container_id.is_empty() { "host" } else { &t.container_id };
            Value::string(format!("{id}:{}", fd.name))
        }),
        Fid::FdContainerdirectory => cx.thread().map(|t| {
            let id = if t.container_id.is_empty() { "host" } else { &t.container_id };
            let (dir, _) = split_path(&fd.name, fd.kind == FdKind::Directory);
            Value::string(format!("{id}:{dir}"))
        }),
        Fid::FdCproto => fd.client().filter(|_| ip).and_then(|a| proto_name(a.port, fd)),
        Fid::FdSproto => fd.server().filter(|_| ip).and_then(|a| proto_name(a.port, fd)),
        Fid::FdLproto => lsa.and_then(|a| proto_name(a.port, fd)),
        Fid::FdRproto => rsa.and_then(|a| proto_name(a.port, fd)),
        Fid::FdConnected => Some(Value::Bool(fd.is_connected())),
        Fid::FdNameChanged => Some(Value::Bool(cx.insp.event_fd_name_changed())),
        Fid::FdDev => Some(Value::I64(fd.dev as i64)),
        Fid::FdDevMajor => Some(Value::I64(((fd.dev >> 20) & 0xfff) as i64)),
        Fid::FdDevMinor => Some(Value::I64((fd.dev & 0xfffff) as i64)),
        Fid::FdIno => Some(Value::I64(fd.ino as i64)),
        Fid::FdIsUpperLayer => Some(Value::Bool(fd.open_flags & 0x8000 != 0)),
        Fid::FdIsLowerLayer => Some(Value::Bool(fd.open_flags & 0x10000 != 0)),
        _ => None,
    };
    push(out, v);
}

/// Time since the previous event shown (0 for the first one).
fn delta(cx: &EvalCtx<'_>) -> u64 {
    if cx.prev_ts == 0 {
        0
    } else {
        cx.ev.ts.saturating_sub(cx.prev_ts)
    }
}

/// `proc.cmdline`: the name followed by the arguments, space separated.
fn cmdline(first: &str, t: &Thread) -> String {
    let mut s = String::with_capacity(first.len() + 32);
    s.push_str(first);
    for a in &t.args {
        s.push(' ');
        s.push_str(a);
    }
    s
}

/// The `n`th ancestor (0 = the thread itself), following parent links.
fn ancestor<'a>(cx: &EvalCtx<'a>, n: usize) -> Option<&'a Thread> {
    let mut t = cx.thread()?;
    for _ in 0..n {
        t = cx.insp.parent(t)?;
    }
    Some(t)
}

fn session_leader<'a>(cx: &EvalCtx<'a>) -> Option<&'a Thread> {
    let t = cx.thread()?;
    leader_by(cx, t, |a| a.sid == t.sid && a.pid == t.sid)
}

fn group_leader<'a>(cx: &EvalCtx<'a>) -> Option<&'a Thread> {
    let t = cx.thread()?;
    leader_by(cx, t, |a| a.vpgid == t.vpgid && a.vpid == t.vpgid)
}

/// Walks up from `t` to the first ancestor (itself included) satisfying `is_leader`; when the
/// leader is not among the known ancestors, the topmost ancestor of the same group is used, as
/// libsinsp does.
fn leader_by<'a>(cx: &EvalCtx<'a>, t: &'a Thread, is_leader: impl Fn(&Thread) -> bool) -> Option<&'a Thread> {
    let mut cur = t;
    for _ in 0..128 {
        if is_leader(cur) {
            return Some(cur);
        }
        match cx.insp.parent(cur) {
            Some(p) if p.tid != cur.tid => cur = p,
            _ => break,
        }
    }
    Some(cur)
}

fn login_shell(insp: &Inspector, t: &Thread) -> i64 {
    const SHELLS: [&str; 8] = ["sh", "bash", "zsh", "ksh", "csh", "tcsh", "dash", "fish"];
    let mut found = -1;
    let mut cur = Some(t);
    let mut hops = 0;
    while let Some(c) = cur {
        if SHELLS.contains(&c.comm.as_str()) {
            found = c.pid;
        }
        hops += 1;
        if hops > 128 {
            break;
        }
        cur = insp.parent(c).filter(|p| p.tid != c.tid);
    }
    found
}

fn std_fd<'a>(cx: &EvalCtx<'a>, id: Fid) -> Option<&'a Fd> {
    let n = match id {
        Fid::ProcStdinType | Fid::ProcStdinName => 0,
        Fid::ProcStdoutType | Fid::ProcStdoutName => 1,
        _ => 2,
    };
    cx.insp.fd(cx.ev.tid as i64, n)
}

/// Directory and file name of a path, as `fd.directory` / `fd.filename` give them.
fn split_path(name: &str, is_dir: bool) -> (&str, &str) {
    if is_dir {
        return (name, "");
    }
    match name.rfind('/') {
        Some(0) => ("/", &name[1..]),
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

/// `fd.sproto` and friends: libsinsp resolves ports to service names only when port
/// resolution is enabled, which neither sysdig nor Falco do by default: the number is printed.
fn proto_name<'a>(port: u16, _fd: &Fd) -> Option<Value<'a>> {
    Some(Value::string(port.to_string()))
}

/// Capability bitmask as libsinsp prints it: `CAP_CHOWN CAP_DAC_OVERRIDE ...`.
fn caps_text(mask: u64) -> String {
    const NAMES: [&str; 41] = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
        "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
        "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
        "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
        "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];
    let mut s = String::new();
    for (i, n) in NAMES.iter().enumerate() {
        if mask & (1u64 << i) != 0 {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(n);
        }
    }
    s
}

/// Parameter type helper for callers that need to know if a raw arg is numeric.
pub fn is_numeric(t: ParamType) -> bool {
    !matches!(
        t,
        ParamType::Charbuf
            | ParamType::Bytebuf
            | ParamType::Fspath
            | ParamType::Fsrelpath
            | ParamType::Sockaddr
            | ParamType::Socktuple
            | ParamType::Fdlist
    )
}
