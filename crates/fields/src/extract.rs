//! Field extraction: event + inspector state → values.
//!
//! Each field follows libsinsp's filterchecks. Two generations are reproduced, selected by the
//! inspector's [`Compat`] mode: the libs inside Debian's sysdig 0.29.3 (`--sysdig-compat`, the
//! oracle of `peregrine trace`) and the libs of Falco 0.44 (the replay engine). Where they
//! differ the code branches on [`EvalCtx::sysdig`]; everything else is shared.

use std::borrow::Cow;

use peregrine_event::{Event, ParamType};
use peregrine_state::{Compat, Fd, FdKind, Inspector, Thread};

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
    /// The event's thread as libsinsp attaches it (`evt->get_thread_info()`): none for a clone
    /// child seen before its parent, a stand-in for sysdig's container events.
    pub(crate) fn thread(&self) -> Option<&'a Thread> {
        self.insp.event_thread()
    }

    /// Whether the sysdig 0.29.3 rules apply.
    pub(crate) fn sysdig(&self) -> bool {
        self.insp.compat() == Compat::Sysdig
    }

    /// The event-table flags the emulated libsinsp saw for this event.
    pub(crate) fn flags(&self) -> u32 {
        self.insp.event_info_flags()
    }
}

/// What the values are for: output strings are cleaned the way the emulated libsinsp cleans
/// them (see [`clean_text`]); filter comparisons see them unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    Output,
    Filter,
}

/// Appends the value(s) of `req` for the current event to `out`, typed as the field declares
/// them. Returns false when the field has no value for this event (printed `<NA>`; every
/// comparison on it is false).
pub fn extract<'a>(req: &FieldReq, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) -> bool {
    extract_for(req, cx, out, Purpose::Output)
}

/// [`extract`] for `-p` style text output: values whose print format is not their plain
/// number or address come back as the text libsinsp prints (`fd.dev` in hex, IPv6 addresses
/// as `inet_ntop` writes them).
pub fn extract_display<'a>(req: &FieldReq, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) -> bool {
    if !is_multi_valued(req) {
        return match extract_display_one(req, cx) {
            Some(v) => {
                out.push(v);
                true
            }
            None => false,
        };
    }
    let n = out.len();
    if !extract_for(req, cx, out, Purpose::Output) {
        return false;
    }
    for v in &mut out[n..] {
        display_form(req, v);
    }
    true
}

/// [`extract_display`] of a field that is not [`is_multi_valued`], without a buffer.
pub(crate) fn extract_display_one<'a>(req: &FieldReq, cx: &EvalCtx<'a>) -> Option<Value<'a>> {
    let mut v = single_field(req, cx, Purpose::Output)?;
    display_form(req, &mut v);
    Some(v)
}

fn display_form(req: &FieldReq, v: &mut Value<'_>) {
    match v {
        Value::I64(d) if req.id == Fid::FdDev => *v = Value::string(format!("{:X}", *d as u32)),
        Value::Ip(std::net::IpAddr::V6(a)) => {
            *v = Value::string(peregrine_state::addr::ipv6_str(&a.octets()))
        }
        _ => {}
    }
}

/// Whether `req` may yield more than one value; every other field yields at most one, which
/// [`extract_display_one`] returns without a buffer.
pub(crate) fn is_multi_valued(req: &FieldReq) -> bool {
    match req.id {
        Fid::ProcAname | Fid::ProcApid | Fid::ProcAexe | Fid::ProcAexepath | Fid::ProcAcmdline => {
            req.arg == Arg::None
        }
        Fid::FdTypes | Fid::FdIp | Fid::FdNet | Fid::FdPort | Fid::FdProto => true,
        _ => false,
    }
}

pub(crate) fn extract_for<'a>(
    req: &FieldReq,
    cx: &EvalCtx<'a>,
    out: &mut Vec<Value<'a>>,
    purpose: Purpose,
) -> bool {
    let n = out.len();
    match req.id {
        Fid::ProcAname | Fid::ProcApid | Fid::ProcAexe | Fid::ProcAexepath | Fid::ProcAcmdline
            if req.arg == Arg::None =>
        {
            all_ancestors(req.id, cx, out)
        }
        Fid::FdTypes => fd_types(req, cx, out),
        Fid::FdIp | Fid::FdNet | Fid::FdPort | Fid::FdProto => fd_either_end(req.id, cx, out),
        _ => push(out, single_field(req, cx, purpose)),
    }
    out.len() > n
}

/// Which extractor a field belongs to: its name up to the first dot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Thread,
    Fd,
    Fdlist,
    Other,
}

impl Family {
    pub(crate) fn of(id: Fid) -> Family {
        let name = id.def().name.as_bytes();
        let family = |f: &[u8]| name.starts_with(f) && name.get(f.len()).is_none_or(|&c| c == b'.');
        if family(b"proc") || family(b"thread") {
            Family::Thread
        } else if family(b"fd") {
            Family::Fd
        } else if family(b"fdlist") {
            Family::Fdlist
        } else {
            Family::Other
        }
    }

    /// A small number for `FieldInfo::aux` (0 is left for "not computed").
    pub(crate) fn to_aux(self) -> u64 {
        match self {
            Family::Thread => 1,
            Family::Fd => 2,
            Family::Fdlist => 3,
            Family::Other => 4,
        }
    }

    #[inline]
    pub(crate) fn from_aux(aux: u64) -> Option<Family> {
        Some(match aux {
            1 => Family::Thread,
            2 => Family::Fd,
            3 => Family::Fdlist,
            4 => Family::Other,
            _ => return None,
        })
    }
}

/// The event's thread ([`EvalCtx::thread`]), looked up once for all the fields extracted
/// from one event.
#[derive(Default)]
pub(crate) struct ThreadCache<'a> {
    thread: Option<Option<&'a Thread>>,
}

impl<'a> ThreadCache<'a> {
    #[inline]
    pub(crate) fn get(&mut self, cx: &EvalCtx<'a>) -> Option<&'a Thread> {
        *self.thread.get_or_insert_with(|| cx.thread())
    }
}

/// The value of a field that is not [`is_multi_valued`].
fn single_field<'a>(req: &FieldReq, cx: &EvalCtx<'a>, purpose: Purpose) -> Option<Value<'a>> {
    single_field_in(
        Family::of(req.id),
        req,
        cx,
        purpose,
        &mut ThreadCache::default(),
    )
}

/// [`single_field`] with the field's family already known (filters resolve it at load time)
/// and the event's thread cached by the caller.
#[inline(always)]
pub(crate) fn single_field_in<'a>(
    family: Family,
    req: &FieldReq,
    cx: &EvalCtx<'a>,
    purpose: Purpose,
    thread: &mut ThreadCache<'a>,
) -> Option<Value<'a>> {
    match family {
        Family::Thread => thread_field(req, cx, thread),
        Family::Fd => fd_field(req, cx, purpose, thread),
        Family::Fdlist => fdlist_field(req.id, cx),
        Family::Other => extract_other(req, cx),
    }
}

fn push<'a>(out: &mut Vec<Value<'a>>, v: Option<Value<'a>>) {
    if let Some(v) = v {
        out.push(v);
    }
}

#[inline(never)]
fn extract_other<'a>(req: &FieldReq, cx: &EvalCtx<'a>) -> Option<Value<'a>> {
    let ev = cx.ev;
    match req.id {
        // ---- evt.* ----
        Fid::EvtNum => Some(Value::U64(cx.num)),
        Fid::EvtTime | Fid::EvtOutputtime => Some(Value::string(time::time(ev.ts))),
        Fid::EvtTimeS => Some(Value::string(time::time_s(ev.ts))),
        Fid::EvtTimeIso8601 => Some(Value::string(time::iso8601(ev.ts))),
        Fid::EvtDatetime => Some(Value::string(time::datetime(ev.ts))),
        Fid::EvtDatetimeS => Some(Value::string(time::datetime_s(ev.ts))),
        Fid::EvtRawtime => Some(Value::AbsTime(ev.ts)),
        Fid::EvtRawtimeS => Some(Value::AbsTime(ev.ts / 1_000_000_000)),
        Fid::EvtRawtimeNs => Some(Value::Nanos9(ev.ts % 1_000_000_000)),
        Fid::EvtReltime => Some(Value::RelTimeSecNs(ev.ts.saturating_sub(cx.first_ts))),
        Fid::EvtReltimeS => Some(Value::RelTime(
            ev.ts.saturating_sub(cx.first_ts) / 1_000_000_000,
        )),
        Fid::EvtReltimeNs => Some(Value::Nanos9(
            ev.ts.saturating_sub(cx.first_ts) % 1_000_000_000,
        )),
        Fid::EvtDeltatime => Some(Value::RelTime(delta(cx))),
        Fid::EvtDeltatimeS => Some(Value::RelTime(delta(cx) / 1_000_000_000)),
        Fid::EvtDeltatimeNs => Some(Value::Nanos9(delta(cx) % 1_000_000_000)),
        Fid::EvtSource => Some(Value::str("syscall")),
        Fid::EvtIsAsync => Some(Value::Bool(false)),
        Fid::EvtHostname => Some(Value::str(cx.insp.hostname.as_str())),
        Fid::EvtType => Some(Value::str(args::event_type_name(cx))),
        Fid::SyscallType => args::syscall_type(cx).map(Value::str),
        Fid::EvtTypeIs => match &req.arg {
            Arg::Key(k) => Some(Value::U64((args::event_type_name(cx) == k) as u64)),
            _ => None,
        },
        Fid::EvtCategory => Some(Value::str(args::category_name(cx))),
        Fid::EvtCpu => Some(Value::I64(ev.cpu as i64)),
        Fid::EvtDir => Some(Value::str(if ev.is_exit() { "<" } else { ">" })),
        Fid::EvtArgs => Some(Value::string(args::render_all(cx))),
        Fid::EvtInfo => Some(Value::string(args::info(cx))),
        Fid::EvtArg => args::arg_rendered(cx, &req.arg).map(Value::string),
        Fid::EvtRawarg => args::arg_raw(ev, &req.arg),
        Fid::EvtBuffer => args::buffer(ev).map(|b| Value::Bytes(Cow::Borrowed(b))),
        Fid::EvtBuflen => args::buflen(cx).map(Value::U64),
        Fid::EvtRes => args::res(cx).map(|r| {
            if r >= 0 {
                Value::str("SUCCESS")
            } else {
                Value::string(args::res_error_text(cx, r))
            }
        }),
        Fid::EvtRawres => args::res(cx).map(Value::I64),
        Fid::EvtFailed => args::failed(cx).map(Value::Bool),
        Fid::EvtIsIo => Some(Value::Bool(args::is_io(cx).is_some())),
        Fid::EvtIsIoRead => Some(Value::Bool(cx.flags() & args::EF_READS != 0)),
        Fid::EvtIsIoWrite => Some(Value::Bool(cx.flags() & args::EF_WRITES != 0)),
        Fid::EvtIoDir => args::is_io(cx).map(|r| Value::str(if r { "read" } else { "write" })),
        Fid::EvtIsWait => Some(Value::Bool(args::is_wait(cx))),
        Fid::EvtIsSyslog => Some(Value::Bool(
            cx.flags() & args::EF_WRITES != 0
                && cx
                    .insp
                    .event_fdinfo()
                    .is_some_and(|f| f.name.contains("/dev/log")),
        )),
        Fid::EvtIsOpenRead => args::is_open(cx, args::OpenTest::Read).map(Value::Bool),
        Fid::EvtIsOpenWrite => args::is_open(cx, args::OpenTest::Write).map(Value::Bool),
        Fid::EvtIsOpenExec => args::is_open(cx, args::OpenTest::Exec).map(Value::Bool),
        Fid::EvtIsOpenCreate => args::is_open(cx, args::OpenTest::Create).map(Value::Bool),
        Fid::EvtCount => Some(Value::U64(1)),
        Fid::EvtCountError => args::count_error(cx).map(Value::U64),
        Fid::EvtCountExit => ev.is_exit().then_some(Value::U64(1)),
        Fid::EvtAbspath => args::abspath(cx, &req.arg).map(Value::string),

        // ---- user.* / group.* ----
        Fid::UserUid => cx.thread().map(|t| Value::U64(t.uid as u64)),
        Fid::UserName | Fid::UserHomedir | Fid::UserShell => {
            let t = cx.thread();
            match (t, user(cx, t.map(|t| t.uid))) {
                (_, Some(u)) => Some(Value::str(match req.id {
                    Fid::UserName => &u.name,
                    Fid::UserHomedir => &u.homedir,
                    _ => &u.shell,
                })),
                // Current libsinsp names users it has no entry for.
                (Some(t), None) if !cx.sysdig() => Some(Value::str(match req.id {
                    Fid::UserName if t.uid == 0 => "root",
                    Fid::UserHomedir if t.uid == 0 => "/root",
                    _ => "<NA>",
                })),
                _ => None,
            }
        }
        Fid::UserLoginuid => cx.thread().map(|t| {
            Value::I64(if cx.sysdig() {
                t.loginuid as i32 as i64
            } else if t.loginuid == u32::MAX {
                -1
            } else {
                t.loginuid as i64
            })
        }),
        Fid::UserLoginname => {
            let t = cx.thread();
            match (t, user(cx, t.map(|t| t.loginuid))) {
                (_, Some(u)) => Some(Value::str(&u.name)),
                (Some(t), None) if !cx.sysdig() => {
                    Some(Value::str(if t.loginuid == 0 { "root" } else { "<NA>" }))
                }
                _ => None,
            }
        }
        Fid::GroupGid => cx.thread().map(|t| Value::U64(t.gid as u64)),
        Fid::GroupName => cx.thread().and_then(|t| {
            if cx.sysdig() {
                return cx.insp.groups.get(&t.gid).map(|g| Value::str(&g.name));
            }
            // Current libsinsp: the container's own groups, then fixed names.
            Some(Value::str(match cx.insp.group_in(&t.container_id, t.gid) {
                Some(g) => &g.name,
                None if t.gid == 0 => "root",
                None => "<NA>",
            }))
        }),

        // ---- container.* (from cgroups; runtime metadata only when the capture has it) ----
        Fid::ContainerId => cx
            .thread()
            .map(|t| Value::str(container_id(&t.container_id))),
        Fid::ContainerName => cx.thread().and_then(|t| {
            let id = container_id(&t.container_id);
            if id == peregrine_state::container::HOST {
                return Some(Value::str(id));
            }
            let c = cx.insp.container(id)?;
            (!c.name.is_empty()).then(|| Value::str(c.name.as_str()))
        }),
        _ => None,
    }
}

/// The user `uid` as the event's thread sees it (libsinsp has no entry for uid -1; sysdig
/// 0.29.3 knows only the host's users, current libsinsp only those of the thread's own
/// container).
fn user<'a>(cx: &EvalCtx<'a>, uid: Option<u32>) -> Option<&'a peregrine_state::User> {
    let t = cx.thread()?;
    let uid = uid.filter(|&u| u != u32::MAX)?;
    if cx.sysdig() {
        cx.insp.users.get(&uid)
    } else {
        cx.insp.user_in(&t.container_id, uid)
    }
}

/// `container.id`: `host` outside containers.
fn container_id(id: &str) -> &str {
    if id.is_empty() {
        peregrine_state::container::HOST
    } else {
        id
    }
}

/// The container id as libsinsp stores it on the thread, which sysdig 0.29.3 prints raw in
/// `fd.containername`: empty for the host.
fn raw_container_id<'a>(cx: &EvalCtx<'a>, t: &'a Thread) -> &'a str {
    if cx.sysdig() && t.container_id == peregrine_state::container::HOST {
        ""
    } else {
        container_id(&t.container_id)
    }
}

// ---- proc.* / thread.* ---------------------------------------------------------------------

#[inline(never)]
fn thread_field<'a>(
    req: &FieldReq,
    cx: &EvalCtx<'a>,
    thread: &mut ThreadCache<'a>,
) -> Option<Value<'a>> {
    if req.id == Fid::ThreadTid {
        return Some(Value::I64(cx.ev.tid as i64));
    }
    let insp = cx.insp;
    let t = thread.get(cx)?;
    let sysdig = cx.sysdig();
    Some(match req.id {
        Fid::ProcName => Value::str(&t.comm),
        Fid::ProcExe => Value::str(&t.exe),
        Fid::ProcExepath => Value::str(&t.exepath),
        Fid::ProcArgs => match &req.arg {
            Arg::Index(i) => Value::str(t.args.get(*i).map_or("", |a| a.as_str())),
            _ => Value::string(t.args.join(" ")),
        },
        Fid::ProcCmdline => Value::string(t.cmdline()),
        Fid::ProcExeline => Value::string(exeline(t)),
        Fid::ProcCmdnargs => Value::U64(t.args.len() as u64),
        Fid::ProcCmdlenargs => Value::U64(t.args.iter().map(|a| a.len() as u64).sum()),
        Fid::ProcEnv => match &req.arg {
            Arg::Key(k) => Value::string(env_var(insp.env(t), k)),
            _ => Value::string(insp.env(t).join(" ")),
        },
        Fid::ProcCwd => Value::str(insp.cwd(t)),
        Fid::ProcTty => Value::I64(t.tty as i32 as i64),
        Fid::ProcPid => Value::I64(t.pid),
        // A virtual id of -1 is not known.
        Fid::ProcVpid if t.vpid == -1 => return None,
        Fid::ProcVpid => Value::I64(t.vpid),
        Fid::ThreadVtid if t.vtid == -1 => return None,
        Fid::ThreadVtid => Value::I64(t.vtid),
        Fid::ProcSid => Value::I64(t.sid),
        Fid::ProcVpgid => Value::I64(t.vpgid),
        Fid::ProcPgid => Value::I64(t.pgid),
        Fid::ProcFdlimit => Value::I64(insp.main_thread(t)?.fdlimit),
        Fid::ProcFdopencount => Value::U64(open_fds(insp, t)? as u64),
        Fid::ProcFdusage => {
            let m = insp.main_thread(t)?;
            let n = open_fds(insp, t)? as f64;
            Value::Double(if m.fdlimit > 0 {
                (n * 100.0 / m.fdlimit as f64).min(100.0)
            } else {
                0.0
            })
        }
        Fid::ProcVmsize => Value::U64(t.vmsize_kb as u64),
        Fid::ProcVmrss => Value::U64(t.vmrss_kb as u64),
        Fid::ProcVmswap => Value::U64(t.vmswap_kb as u64),
        Fid::ThreadVmsize => Value::U64(if t.is_main_thread() {
            t.vmsize_kb as u64
        } else {
            0
        }),
        Fid::ThreadVmrss => Value::U64(if t.is_main_thread() {
            t.vmrss_kb as u64
        } else {
            0
        }),
        Fid::ThreadPfmajor => Value::U64(t.pfmajor),
        Fid::ThreadPfminor => Value::U64(t.pfminor),
        Fid::ThreadIsmain => Value::Bool(t.is_main_thread()),
        Fid::ProcNthreads => Value::U64(insp.main_thread(t)?.nchilds + 1),
        Fid::ProcNchilds => Value::U64(if sysdig {
            t.nchilds
        } else {
            insp.main_thread(t)?.nchilds
        }),
        Fid::ProcPidnsInitStartTs => Value::U64(t.pidns_init_start_ts),
        Fid::ProcExeIno => Value::I64(t.exe_ino as i64),
        Fid::ProcExeInoCtime => Value::AbsTime(t.exe_ino_ctime),
        Fid::ProcExeInoMtime => Value::AbsTime(t.exe_ino_mtime),
        Fid::ProcIsExeWritable => Value::Bool(t.exe_writable),
        Fid::ProcIsExeUpperLayer => Value::Bool(t.exe_upper_layer),
        Fid::ProcIsExeLowerLayer => Value::Bool(t.exe_lower_layer),
        Fid::ProcIsExeFromMemfd => Value::Bool(t.exe_from_memfd),
        Fid::ProcIsSidLeader => Value::Bool(t.sid == t.vpid),
        Fid::ProcIsVpgidLeader => Value::Bool(t.vpgid == t.vpid),
        Fid::ProcIsPgidLeader => Value::Bool(t.pgid == t.pid),
        Fid::ProcDuration => {
            if t.clone_ts == 0 {
                return None;
            }
            Value::RelTime(cx.ev.ts.saturating_sub(t.clone_ts))
        }
        Fid::ProcPidTs => Value::RelTime(t.clone_ts),
        Fid::ThreadCapPermitted => Value::string(caps_text(t.cap_permitted)),
        Fid::ThreadCapInheritable => Value::string(caps_text(t.cap_inheritable)),
        Fid::ThreadCapEffective => Value::string(caps_text(t.cap_effective)),
        Fid::ThreadCgroups => {
            if t.cgroups.is_empty() {
                return None;
            }
            let joined: Vec<String> = t.cgroups.iter().map(|(s, p)| format!("{s}={p}")).collect();
            Value::string(joined.join(" "))
        }
        Fid::ThreadCgroup => match &req.arg {
            Arg::Key(k) => Value::str(
                t.cgroups
                    .iter()
                    .find(|(s, _)| s == k)
                    .map(|(_, p)| p.as_str())?,
            ),
            _ => return None,
        },
        Fid::ProcLoginshellid => Value::I64(login_shell(insp, t)?),
        Fid::ProcStdinType | Fid::ProcStdoutType | Fid::ProcStderrType => {
            Value::str(std_fd(cx, req.id)?.kind.type_name())
        }
        Fid::ProcStdinName | Fid::ProcStdoutName | Fid::ProcStderrName => {
            Value::str(&std_fd(cx, req.id)?.name)
        }

        // Parent and ancestors.
        Fid::ProcPpid => {
            if sysdig {
                Value::I64(insp.main_thread(t)?.ptid)
            } else {
                Value::I64(ancestor(cx, t, 1)?.pid)
            }
        }
        Fid::ProcPname => Value::str(&parent(cx, t)?.comm),
        Fid::ProcPcmdline => Value::string(parent(cx, t)?.cmdline()),
        Fid::ProcPexe => Value::str(&parent(cx, t)?.exe),
        Fid::ProcPexepath => Value::str(&parent(cx, t)?.exepath),
        Fid::ProcPvpid => Value::I64(insp.thread(t.ptid)?.vpid),
        Fid::ProcPpidDuration => {
            let p = ancestor(cx, t, 1)?;
            if p.clone_ts == 0 {
                return None;
            }
            Value::RelTime(cx.ev.ts.saturating_sub(p.clone_ts))
        }
        Fid::ProcPpidTs => Value::RelTime(ancestor(cx, t, 1)?.clone_ts),
        Fid::ProcAname | Fid::ProcApid | Fid::ProcAexe | Fid::ProcAexepath | Fid::ProcAcmdline => {
            let Arg::Index(n) = req.arg else {
                return None;
            };
            ancestor_value(req.id, ancestor(cx, t, n)?)
        }
        Fid::ProcSname | Fid::ProcSidExe | Fid::ProcSidExepath => {
            leader_value(cx, req.id, session_leader(cx, t))?
        }
        Fid::ProcVpgidName | Fid::ProcVpgidExe | Fid::ProcVpgidExepath => {
            leader_value(cx, req.id, group_leader(cx, t))?
        }
        Fid::ProcPgidName => Value::str(&insp.pgid_leader(t)?.comm),
        Fid::ProcPgidExe => Value::str(&insp.pgid_leader(t)?.exe),
        Fid::ProcPgidExepath => Value::str(&insp.pgid_leader(t)?.exepath),
        _ => return None,
    })
}

/// `proc.exeline`: the exe, a space, then the arguments.
fn exeline(t: &Thread) -> String {
    let mut s = t.exe.clone();
    s.push(' ');
    s.push_str(&t.args.join(" "));
    s
}

/// `proc.env[NAME]`: the value, spaces trimmed; empty when unset.
fn env_var(env: &[String], name: &str) -> String {
    env.iter()
        .find_map(|e| {
            e.strip_prefix(name)
                .and_then(|r| r.strip_prefix('='))
                .filter(|v| !v.is_empty())
        })
        .map_or_else(String::new, |v| v.trim_matches(' ').to_string())
}

/// Number of fds of the process (its main thread's own table).
fn open_fds(insp: &Inspector, t: &Thread) -> Option<usize> {
    let m = insp.main_thread(t)?;
    Some(insp.fdtables.get(&m.tid).map_or(0, |f| f.fds.len()))
}

/// The thread `proc.pname` describes: in sysdig 0.29.3 the thread's own parent thread, in
/// current libsinsp the parent process (main thread) of the process.
fn parent<'a>(cx: &EvalCtx<'a>, t: &'a Thread) -> Option<&'a Thread> {
    if cx.sysdig() {
        cx.insp.thread(t.ptid)
    } else {
        ancestor(cx, t, 1)
    }
}

/// The `n`th ancestor process of `t` (0 = its own process), starting from the main thread.
/// sysdig 0.29.3 follows parent threads as they are; current libsinsp moves to each parent's
/// main thread.
fn ancestor<'a>(cx: &EvalCtx<'a>, t: &'a Thread, n: usize) -> Option<&'a Thread> {
    let insp = cx.insp;
    let mut mt = insp.main_thread(t)?;
    for _ in 0..n {
        mt = insp.thread(mt.ptid)?;
        if !cx.sysdig() {
            mt = insp.main_thread(mt)?;
        }
    }
    Some(mt)
}

fn ancestor_value<'a>(id: Fid, t: &'a Thread) -> Value<'a> {
    match id {
        Fid::ProcAname => Value::str(&t.comm),
        Fid::ProcApid => Value::I64(t.pid),
        Fid::ProcAexe => Value::str(&t.exe),
        Fid::ProcAexepath => Value::str(&t.exepath),
        _ => Value::string(t.cmdline()),
    }
}

/// `proc.aname` and friends without an index: every ancestor of the process (its main
/// thread excluded), nearest first, for "any ancestor" comparisons.
fn all_ancestors<'a>(id: Fid, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) {
    let Some(mt) = cx.thread().and_then(|t| cx.insp.main_thread(t)) else {
        return;
    };
    for a in cx.insp.ancestors(mt) {
        out.push(ancestor_value(id, a));
    }
}

/// A leader's name, exe or exe path. Current libsinsp gives an empty string when it finds no
/// leader; sysdig 0.29.3 has no value.
fn leader_value<'a>(cx: &EvalCtx<'a>, id: Fid, leader: Option<&'a Thread>) -> Option<Value<'a>> {
    let Some(l) = leader else {
        return (!cx.sysdig()).then(|| Value::str(""));
    };
    Some(Value::str(match id {
        Fid::ProcSname | Fid::ProcVpgidName => &l.comm,
        Fid::ProcSidExe | Fid::ProcVpgidExe => &l.exe,
        _ => &l.exepath,
    }))
}

/// `proc.sname`'s session leader.
fn session_leader<'a>(cx: &EvalCtx<'a>, t: &'a Thread) -> Option<&'a Thread> {
    if cx.sysdig() {
        cx.insp.session_leader(t)
    } else {
        oldest_matching(cx, t, |a| a.sid)
    }
}

fn group_leader<'a>(cx: &EvalCtx<'a>, t: &'a Thread) -> Option<&'a Thread> {
    if cx.sysdig() {
        cx.insp.vpgid_leader(t)
    } else {
        oldest_matching(cx, t, |a| a.vpgid)
    }
}

/// Current libsinsp's leader search: the thread with that id when the process is not in a
/// pid namespace, else the oldest ancestor sharing the id.
fn oldest_matching<'a>(
    cx: &EvalCtx<'a>,
    t: &'a Thread,
    id: impl Fn(&Thread) -> i64,
) -> Option<&'a Thread> {
    let want = id(t);
    if want == -1 {
        return None;
    }
    let in_pidns = t.flags & peregrine_state::consts::cl::CHILD_IN_PIDNS != 0 || t.vtid != t.tid;
    if !in_pidns {
        if let Some(l) = cx.insp.thread(want) {
            return Some(l);
        }
    }
    let mut leader = None;
    for a in cx.insp.ancestors(t) {
        if id(a) != want {
            break;
        }
        leader = Some(a);
    }
    leader
}

/// `proc.loginshellid`: the pid of the oldest process, the current one included, whose name
/// ends in `sh`.
fn login_shell(insp: &Inspector, t: &Thread) -> Option<i64> {
    let mt = insp.main_thread(t)?;
    let is_shell = |c: &Thread| c.comm.len() >= 2 && c.comm.ends_with("sh");
    let mut found = is_shell(mt).then_some(mt.pid);
    for a in insp.ancestors(mt) {
        if is_shell(a) {
            found = Some(a.pid);
        }
    }
    found
}

fn std_fd<'a>(cx: &EvalCtx<'a>, id: Fid) -> Option<&'a Fd> {
    let n = match id {
        Fid::ProcStdinType | Fid::ProcStdinName => 0,
        Fid::ProcStdoutType | Fid::ProcStdoutName => 1,
        _ => 2,
    };
    let t = cx.thread()?;
    cx.insp.fd_table(t)?.get(n)
}

// ---- fd.* ----------------------------------------------------------------------------------

/// `fd.ip`, `fd.net`, `fd.port`, `fd.proto` (filters only): both ends of a connected socket,
/// the bound address of a server socket; a comparison holds if it holds for either.
fn fd_either_end<'a>(id: Fid, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) {
    if !cx.insp.event_has_fd() || cx.thread().is_none() {
        return;
    }
    let Some(fd) = cx.fd else {
        return;
    };
    let ends = match fd.kind {
        FdKind::Ipv4Sock | FdKind::Ipv6Sock => [fd.client(), fd.server()],
        FdKind::Ipv4ServSock | FdKind::Ipv6ServSock => [fd.server(), None],
        _ => return,
    };
    for a in ends.into_iter().flatten() {
        out.push(match id {
            Fid::FdIp | Fid::FdNet => Value::Ip(a.ip),
            _ => Value::Port(a.port),
        });
    }
}

/// `fd.types`: the distinct types of the process's open fds, or `fd.types[N]` of fd N.
fn fd_types<'a>(req: &FieldReq, cx: &EvalCtx<'a>, out: &mut Vec<Value<'a>>) {
    let Some(table) = cx.thread().and_then(|t| cx.insp.fd_table(t)) else {
        return;
    };
    match req.arg {
        Arg::Index(i) => {
            if let Some(f) = table.get(i as i64) {
                out.push(Value::str(f.kind.type_name()));
            }
        }
        _ => {
            let mut kinds: Vec<&'static str> =
                table.fds.values().map(|f| f.kind.type_name()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            out.extend(kinds.into_iter().map(Value::str));
        }
    }
}

#[inline(never)]
fn fd_field<'a>(
    req: &FieldReq,
    cx: &EvalCtx<'a>,
    purpose: Purpose,
    thread: &mut ThreadCache<'a>,
) -> Option<Value<'a>> {
    if !cx.insp.event_has_fd() {
        return None;
    }
    let t = thread.get(cx)?;
    let sysdig = cx.sysdig();
    let clean = |s: &'a str| clean_text(cx, purpose, s);
    if req.id == Fid::FdNum {
        return Some(Value::I64(t.lastevent_fd));
    }
    if req.id == Fid::FdUid {
        let etype = cx.ev.etype;
        use peregrine_event::ppme::{CONTAINER_JSON_2_E, CONTAINER_JSON_E};
        if sysdig && (etype == CONTAINER_JSON_E || etype == CONTAINER_JSON_2_E) {
            return None;
        }
        return Some(Value::string(format!("{}{}", t.tid, t.lastevent_fd)));
    }
    let Some(fd) = cx.fd else {
        return fd_field_without_fd(req, cx, t, purpose);
    };
    // A failed connect keeps its socket, but sysdig names it from the event.
    let failed_connect = sysdig
        && cx.ev.etype == peregrine_event::ppme::SOCKET_CONNECT_X
        && args::first_param_i64(cx.ev).is_some_and(|r| r < 0);
    if failed_connect && matches!(req.id, Fid::FdName | Fid::FdContainername) {
        return fd_field_without_fd(req, cx, t, purpose);
    }
    // The fields rules test on most events, answered before the socket helpers below.
    match req.id {
        Fid::FdName => return Some(Value::Str(clean(&fd.name))),
        Fid::FdTypechar => return Some(Value::Str(char_str(fd.kind.typechar()))),
        _ => {}
    }
    let ip = fd.kind.is_ip_socket();
    let tuple = matches!(fd.kind, FdKind::Ipv4Sock | FdKind::Ipv6Sock);
    let role = !fd.is_role_none();
    let local = |a: &peregrine_state::SockAddr| cx.insp.is_local_ip(a.ip, t);
    // Local/remote: the tuple's source is local when it belongs to this machine.
    let ends = || -> Option<(peregrine_state::SockAddr, peregrine_state::SockAddr)> {
        let (c, s) = (fd.client()?, fd.server()?);
        (tuple && role).then(|| if local(&c) { (c, s) } else { (s, c) })
    };
    let port_text = |p: u16| Value::string(p.to_string());
    Some(match req.id {
        Fid::FdType => Value::str(fd.kind.type_name()),
        Fid::FdTypechar => Value::Str(char_str(fd.kind.typechar())),
        Fid::FdName => Value::Str(clean(&fd.name)),
        Fid::FdNameraw if sysdig => Value::Str(clean(&fd.name_raw)),
        Fid::FdNameraw => Value::Str(single_separators(&fd.name_raw)),
        Fid::FdContainername => {
            Value::string(format!("{}:{}", raw_container_id(cx, t), clean(&fd.name)))
        }
        Fid::FdDirectory | Fid::FdContainerdirectory => {
            if !matches!(fd.kind, FdKind::File | FdKind::Directory) {
                return None;
            }
            let name = clean(&fd.name);
            let dir = if fd.kind == FdKind::File {
                sub_str(name, directory_of)
            } else {
                name
            };
            if req.id == Fid::FdContainerdirectory {
                Value::string(format!("{}:{dir}", raw_container_id(cx, t)))
            } else {
                Value::Str(dir)
            }
        }
        Fid::FdFilename => {
            if fd.kind != FdKind::File {
                return None;
            }
            Value::Str(sub_str(clean(&fd.name), filename_of))
        }
        Fid::FdCip | Fid::FdCnet => Value::Ip(fd.client().filter(|_| tuple && role)?.ip),
        Fid::FdSip | Fid::FdSnet => Value::Ip(fd.server().filter(|_| role)?.ip),
        Fid::FdLip | Fid::FdLnet => Value::Ip(ends()?.0.ip),
        Fid::FdRip | Fid::FdRnet => Value::Ip(ends()?.1.ip),
        Fid::FdCport => {
            if !role {
                return None;
            }
            match fd.client().filter(|_| tuple) {
                Some(c) => Value::Port(c.port),
                // sysdig 0.29.3 falls through to fd.cproto here, whose empty string reads
                // back as port 0.
                None if sysdig => Value::Port(0),
                None => return None,
            }
        }
        Fid::FdSport => Value::Port(fd.server().filter(|_| !tuple || role)?.port),
        Fid::FdLport => Value::Port(ends()?.0.port),
        Fid::FdRport => Value::Port(ends()?.1.port),
        Fid::FdCproto => {
            if !role {
                return None;
            }
            match fd.client().filter(|_| tuple) {
                Some(c) => port_text(c.port),
                None => Value::str(""),
            }
        }
        Fid::FdSproto => {
            let s = fd.server().filter(|_| !tuple || role)?;
            if tuple {
                port_text(s.port)
            } else {
                Value::str("")
            }
        }
        Fid::FdLproto => port_text(ends()?.0.port),
        Fid::FdRproto => port_text(ends()?.1.port),
        Fid::FdL4proto => Value::str(fd.l4proto().name().unwrap_or("<NA>")),
        Fid::FdSockfamily => match fd.kind {
            _ if ip => Value::str("ip"),
            FdKind::UnixSock => Value::str("unix"),
            _ => return None,
        },
        Fid::FdIsServer => Value::Bool(match fd.kind {
            FdKind::Ipv4ServSock | FdKind::Ipv6ServSock => true,
            FdKind::Ipv4Sock | FdKind::Ipv6Sock => fd.server().is_some_and(|s| local(&s)),
            _ => false,
        }),
        Fid::FdConnected => Value::Bool(fd.is_connected()),
        Fid::FdNameChanged => Value::Bool(cx.insp.event_fd_name_changed()),
        Fid::FdDev => Value::I64(fd.dev as i32 as i64),
        Fid::FdDevMajor => Value::I64(((fd.dev & 0xfff00) >> 8) as i64),
        Fid::FdDevMinor => Value::I64(((fd.dev & 0xff) | ((fd.dev >> 12) & 0xfff00)) as i64),
        Fid::FdIno => Value::I64(fd.ino as i64),
        Fid::FdIsUpperLayer => Value::Bool(fd.open_flags & 0x8000 != 0),
        Fid::FdIsLowerLayer => Value::Bool(fd.open_flags & 0x10000 != 0),
        _ => return None,
    })
}

/// `fd.*` for an fd event whose fd is not in the table (a failed open or connect, an fd never
/// seen): some fields are derived from the event itself.
fn fd_field_without_fd<'a>(
    req: &FieldReq,
    cx: &EvalCtx<'a>,
    t: &'a Thread,
    purpose: Purpose,
) -> Option<Value<'a>> {
    let name = || -> Option<String> {
        let n = cx.insp.fd_name_without_fd(cx.ev)?;
        Some(clean_text(cx, purpose, &n).into_owned())
    };
    Some(match req.id {
        Fid::FdName => Value::string(name()?),
        Fid::FdContainername => Value::string(format!("{}:{}", raw_container_id(cx, t), name()?)),
        Fid::FdDirectory | Fid::FdContainerdirectory => {
            let n = name()?;
            let dir = directory_of(&n);
            if req.id == Fid::FdContainerdirectory {
                Value::string(format!("{}:{dir}", raw_container_id(cx, t)))
            } else {
                Value::string(dir.to_string())
            }
        }
        Fid::FdTypechar if cx.fd.is_none() => {
            Value::Str(char_str(args::typechar_without_fd(cx.ev)))
        }
        _ => return None,
    })
}

/// sysdig 0.29.3 removes non-printable characters from the fd names it prints (current
/// libsinsp only repairs invalid UTF-8, which our strings never hold).
#[inline]
fn clean_text<'s>(cx: &EvalCtx<'_>, purpose: Purpose, s: &'s str) -> Cow<'s, str> {
    if purpose == Purpose::Output && cx.sysdig() && s.bytes().any(|c| !(0x20..0x7f).contains(&c)) {
        Cow::Owned(peregrine_state::path::sanitize(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// `fd.nameraw` in current libsinsp: runs of `/` collapsed to one.
fn single_separators(s: &str) -> Cow<'_, str> {
    if !s.contains("//") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A one-character string, without allocating for the fd type characters.
fn char_str(c: char) -> Cow<'static, str> {
    Cow::Borrowed(match c {
        'f' => "f",
        'd' => "d",
        '4' => "4",
        '6' => "6",
        'p' => "p",
        'u' => "u",
        'e' => "e",
        'o' => "o",
        'X' => "X",
        's' => "s",
        'l' => "l",
        'i' => "i",
        't' => "t",
        'n' => "n",
        'b' => "b",
        'r' => "r",
        'm' => "m",
        'P' => "P",
        _ => return Cow::Owned(c.to_string()),
    })
}

/// `part` of a string that may be borrowed, borrowing when it is.
fn sub_str<'s>(s: Cow<'s, str>, part: impl Fn(&str) -> &str) -> Cow<'s, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(part(b)),
        Cow::Owned(o) => Cow::Owned(part(&o).to_string()),
    }
}

/// `fd.directory` of a file path: up to its last `/` (kept when it is the first character; a
/// trailing `/` leaves the path whole).
fn directory_of(name: &str) -> &str {
    match last_slash(name) {
        Some(0) | None => "/",
        Some(i) if i < name.len() - 1 => &name[..i],
        Some(_) => name,
    }
}

/// `fd.filename`: after the last `/` (a trailing `/` leaves the path whole, no `/` gives `/`).
fn filename_of(name: &str) -> &str {
    match last_slash(name) {
        Some(i) if i < name.len() - 1 => &name[i + 1..],
        Some(_) => name,
        None => "/",
    }
}

/// `name.rfind('/')`, by the vectorised byte search: the rules ask `fd.directory` and
/// `fd.filename` of most opens.
fn last_slash(name: &str) -> Option<usize> {
    memchr::memrchr(b'/', name.as_bytes())
}

// ---- fdlist.* ------------------------------------------------------------------------------

/// `fdlist.*` of poll events: one entry per fd of the `fds` parameter, comma separated.
fn fdlist_field<'a>(id: Fid, cx: &EvalCtx<'a>) -> Option<Value<'a>> {
    use peregrine_event::ppme::{SYSCALL_POLL_E, SYSCALL_POLL_X, SYSCALL_PPOLL_E, SYSCALL_PPOLL_X};
    let ev = cx.ev;
    let idx = match ev.etype {
        SYSCALL_POLL_E | SYSCALL_PPOLL_E if cx.sysdig() => 0,
        SYSCALL_POLL_X | SYSCALL_PPOLL_X => 1,
        _ => return None,
    };
    let t = cx.thread()?;
    let payload = ev.param(idx)?;
    let nfds = u16::from_le_bytes([*payload.first()?, *payload.get(1)?]) as usize;
    let table = cx.insp.fd_table(t);
    let mut s = String::new();
    for j in 0..nfds {
        let at = 2 + j * 10;
        let Some(b) = payload.get(at..at + 8) else {
            break;
        };
        let num = i64::from_le_bytes(b.try_into().ok()?);
        let fd = table.and_then(|tab| tab.get(num));
        let ipv4 = |ip: std::net::IpAddr| match ip {
            std::net::IpAddr::V4(a) => a.to_string(),
            std::net::IpAddr::V6(a) => peregrine_state::addr::ipv6_str(&a.octets()),
        };
        let item: Option<String> = match id {
            Fid::FdlistNums => Some(num.to_string()),
            Fid::FdlistNames => Some(match fd {
                Some(f) if !f.name.is_empty() => f.name.clone(),
                _ => "<NA>".to_string(),
            }),
            Fid::FdlistCips => fd
                .filter(|f| matches!(f.kind, FdKind::Ipv4Sock | FdKind::Ipv6Sock))
                .and_then(|f| f.client())
                .map(|a| ipv4(a.ip)),
            Fid::FdlistSips => fd.and_then(|f| match f.kind {
                FdKind::Ipv4Sock | FdKind::Ipv6Sock | FdKind::Ipv4ServSock => {
                    f.server().map(|a| ipv4(a.ip))
                }
                // libsinsp prints a v6 server socket's address through the IPv4 formatter.
                FdKind::Ipv6ServSock => f.server().map(|a| match a.ip {
                    std::net::IpAddr::V6(v6) => {
                        let o = v6.octets();
                        format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3])
                    }
                    v4 => ipv4(v4),
                }),
                _ => None,
            }),
            Fid::FdlistCports => fd
                .filter(|f| matches!(f.kind, FdKind::Ipv4Sock | FdKind::Ipv6Sock))
                .and_then(|f| f.client())
                .map(|a| a.port.to_string()),
            Fid::FdlistSports => fd
                .filter(|f| matches!(f.kind, FdKind::Ipv4Sock | FdKind::Ipv6Sock))
                .and_then(|f| f.server())
                .map(|a| a.port.to_string()),
            _ => return None,
        };
        if let Some(item) = item {
            s.push_str(&item);
            s.push(',');
        }
    }
    if s.is_empty() {
        return None;
    }
    s.pop();
    Some(Value::string(s))
}

/// Time since the previous event shown (0 for the first one).
fn delta(cx: &EvalCtx<'_>) -> u64 {
    if cx.prev_ts == 0 {
        0
    } else {
        cx.ev.ts.saturating_sub(cx.prev_ts)
    }
}

/// Capability bitmask as libsinsp prints it: `CAP_CHOWN CAP_DAC_OVERRIDE ...`.
fn caps_text(mask: u64) -> String {
    const NAMES: [&str; 41] = [
        "CAP_CHOWN",
        "CAP_DAC_OVERRIDE",
        "CAP_DAC_READ_SEARCH",
        "CAP_FOWNER",
        "CAP_FSETID",
        "CAP_KILL",
        "CAP_SETGID",
        "CAP_SETUID",
        "CAP_SETPCAP",
        "CAP_LINUX_IMMUTABLE",
        "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST",
        "CAP_NET_ADMIN",
        "CAP_NET_RAW",
        "CAP_IPC_LOCK",
        "CAP_IPC_OWNER",
        "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO",
        "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN",
        "CAP_SYS_BOOT",
        "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG",
        "CAP_MKNOD",
        "CAP_LEASE",
        "CAP_AUDIT_WRITE",
        "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE",
        "CAP_MAC_ADMIN",
        "CAP_SYSLOG",
        "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ",
        "CAP_PERFMON",
        "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    ];
    let names: Vec<&str> = NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1u64 << i) != 0)
        .map(|(_, n)| *n)
        .collect();
    names.join(" ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_splitting() {
        assert_eq!(directory_of("/etc/passwd"), "/etc");
        assert_eq!(directory_of("/passwd"), "/");
        assert_eq!(directory_of("/a/b/"), "/a/b/");
        assert_eq!(directory_of("relative"), "/");
        assert_eq!(filename_of("/etc/passwd"), "passwd");
        assert_eq!(filename_of("/a/b/"), "/a/b/");
        assert_eq!(filename_of("plain"), "/");
    }

    #[test]
    fn env_lookup_trims() {
        let env = vec![
            "A=1".to_string(),
            "HOME= /root ".to_string(),
            "E=".to_string(),
        ];
        assert_eq!(env_var(&env, "HOME"), "/root");
        assert_eq!(env_var(&env, "E"), "");
        assert_eq!(env_var(&env, "NOPE"), "");
    }
}
