//! The field catalogue and extractor as the condition compiler sees them
//! (`peregrine_filter::{FieldCatalog, Extractor}`).
//!
//! The catalogue interns every distinct field reference it resolves; the compiled filter
//! refers to it by that index, so extraction at run time is a table lookup with the argument
//! already parsed.

use std::sync::Mutex;

use peregrine_filter::ast::Op;
use peregrine_filter::{FieldCatalog, FieldInfo, FieldType as FT, Multiplicity, Values};

use crate::catalog::{Fid, F_FILTER_ONLY, F_IS_LIST, F_NO_RHS, F_NO_TRANSFORMER};
use crate::extract::{
    extract_for, is_multi_valued, single_field_in, EvalCtx, Family, Purpose, ThreadCache,
};
use crate::request::{resolve, Arg, FieldReq};
use crate::value::Value;

/// Resolves field names for the compiler and remembers each resolved reference.
#[derive(Debug, Default)]
pub struct Catalog {
    reqs: Mutex<Vec<FieldReq>>,
}

impl Catalog {
    pub fn new() -> Self {
        Self::default()
    }

    /// The interned references, indexed by `FieldInfo::id`.
    pub fn requests(&self) -> Vec<FieldReq> {
        self.reqs.lock().map(|r| r.clone()).unwrap_or_default()
    }

    fn intern(&self, req: FieldReq) -> u32 {
        let Ok(mut reqs) = self.reqs.lock() else {
            return 0;
        };
        if let Some(i) = reqs.iter().position(|r| *r == req) {
            return i as u32;
        }
        reqs.push(req);
        (reqs.len() - 1) as u32
    }
}

/// The filter type of a field, from libsinsp's declared type.
pub fn filter_type(req: &FieldReq) -> FT {
    let def = req.def();
    match def.sinsp_type {
        "CHARBUF" => FT::CharBuf,
        "UINT64" => FT::Uint64,
        "UINT32" => FT::Uint32,
        "UINT16" => FT::Uint16,
        "INT64" => FT::Int64,
        "INT32" => FT::Int32,
        "INT16" => FT::Int16,
        "BOOL" => FT::Bool,
        "IPADDR" => FT::IpAddr,
        "IPNET" => FT::IpNet,
        "PORT" => FT::Port,
        "RELTIME" => FT::RelTime,
        "ABSTIME" => FT::AbsTime,
        "DOUBLE" => FT::Double,
        "BYTEBUF" => FT::ByteBuf,
        _ => rawarg_type(req),
    }
}

/// `evt.rawarg.NAME` takes the type of the first event parameter called NAME.
fn rawarg_type(req: &FieldReq) -> FT {
    use peregrine_event::ParamType as P;
    let Arg::Key(name) = &req.arg else {
        return FT::Other("DYNAMIC");
    };
    let p = peregrine_event::EVENT_TABLE
        .iter()
        .flat_map(|e| e.params.iter())
        .find(|p| p.name == name.as_str());
    match p.map(|p| p.ptype) {
        Some(P::Int8) => FT::Int8,
        Some(P::Int16) => FT::Int16,
        Some(P::Int32) => FT::Int32,
        Some(P::Int64) => FT::Int64,
        Some(P::Uint8) => FT::Uint8,
        Some(P::Uint16) => FT::Uint16,
        Some(P::Uint32) => FT::Uint32,
        Some(P::Uint64) => FT::Uint64,
        Some(P::Errno) => FT::Errno,
        Some(P::Fd) | Some(P::Fd32) => FT::Fd,
        Some(P::Pid) | Some(P::Pid32) => FT::Pid,
        Some(P::Port) => FT::Port,
        Some(P::Flags8) => FT::Flags8,
        Some(P::Flags16) => FT::Flags16,
        Some(P::Flags32) => FT::Flags32,
        Some(P::Enumflags8) => FT::EnumFlags8,
        Some(P::Enumflags16) => FT::EnumFlags16,
        Some(P::Enumflags32) => FT::EnumFlags32,
        Some(P::Mode) => FT::Mode,
        Some(P::Uid) => FT::Uid,
        Some(P::Gid) => FT::Gid,
        Some(P::Reltime) => FT::RelTime,
        Some(P::Abstime) => FT::AbsTime,
        Some(P::Charbuf) => FT::CharBuf,
        Some(P::Fspath) => FT::FsPath,
        Some(P::Fsrelpath) => FT::FsRelPath,
        Some(P::Bytebuf) => FT::ByteBuf,
        Some(P::Sigtype) => FT::SigType,
        Some(P::Syscallid) => FT::SyscallId,
        Some(P::Double) => FT::Double,
        Some(P::Ipv4addr) => FT::Ipv4Addr,
        Some(P::Ipv6addr) => FT::Ipv6Addr,
        Some(P::Ipaddr) => FT::IpAddr,
        _ => FT::Other("DYNAMIC"),
    }
}

impl FieldCatalog for Catalog {
    fn resolve(&self, name: &str, arg: Option<&str>) -> Result<FieldInfo, String> {
        let req = resolve(name, arg).map_err(|e| e.to_string())?;
        let def = req.def();
        let ty = filter_type(&req);
        let multiplicity = match (req.id, &req.arg) {
            (Fid::FdIp | Fid::FdPort | Fid::FdProto | Fid::FdNet, _) => Multiplicity::EitherSide,
            (
                Fid::ProcAname
                | Fid::ProcApid
                | Fid::ProcAexe
                | Fid::ProcAexepath
                | Fid::ProcAcmdline,
                Arg::None,
            ) => Multiplicity::AnyValue,
            _ => Multiplicity::Single,
        };
        let display_arg = match &req.arg {
            Arg::None => None,
            Arg::Index(i) => Some(i.to_string()),
            Arg::Key(k) => Some(k.clone()),
        };
        let flags = def.flags;
        let field_name = def.name.to_string();
        let is_list = flags & F_IS_LIST != 0 && !matches!(req.arg, Arg::Index(_));
        let family = Family::of(req.id);
        let id = self.intern(req);
        let mut info = FieldInfo::new(id, field_name, ty);
        info.aux = family.to_aux();
        info.arg = display_arg;
        info.is_list = is_list;
        info.multiplicity = multiplicity;
        info.filter_only = flags & F_FILTER_ONLY != 0;
        info.no_rhs = flags & F_NO_RHS != 0;
        info.no_transformer = flags & F_NO_TRANSFORMER != 0;
        Ok(info)
    }

    fn check_literal(&self, field: &FieldInfo, _op: Op, literal: &str) -> Result<(), String> {
        if matches!(field.name.as_str(), "evt.type" | "syscall.type")
            && peregrine_event::table::by_name(literal).next().is_none()
            && !is_generic_syscall(literal)
        {
            return Err(format!("unknown event type {literal}"));
        }
        Ok(())
    }

    fn cost(&self, field: &FieldInfo) -> u8 {
        let Ok(reqs) = self.reqs.lock() else {
            return 0;
        };
        let Some(req) = reqs.get(field.id as usize) else {
            return 0;
        };
        u8::from(is_costly(req))
    }

    fn code_value(&self, field: &FieldInfo, code: u16, out: &mut Values) -> Option<bool> {
        let is_evt_type = self.reqs.lock().ok().is_some_and(|reqs| {
            reqs.get(field.id as usize)
                .is_some_and(|r| r.id == Fid::EvtType && r.arg == Arg::None)
        });
        // Codes 0 and 1 are generic syscalls, named after their syscall-id parameter.
        if !is_evt_type || code <= 1 {
            return None;
        }
        // What `args::event_type_name` gives every event of this code.
        let name = peregrine_event::table::info(code).map_or("unknown", |i| i.name);
        out.push_str(name.as_bytes());
        Some(true)
    }
}

/// Fields whose extraction renders a parameter, assembles a string or walks the process
/// tree: conditions test them after the cheaper operands of the same `and`/`or`.
fn is_costly(req: &FieldReq) -> bool {
    match req.id {
        Fid::EvtArg
        | Fid::EvtArgs
        | Fid::EvtInfo
        | Fid::EvtAbspath
        | Fid::EvtTime
        | Fid::EvtOutputtime
        | Fid::EvtTimeS
        | Fid::EvtTimeIso8601
        | Fid::EvtDatetime
        | Fid::EvtDatetimeS
        | Fid::ProcCmdline
        | Fid::ProcPcmdline
        | Fid::ProcExeline
        | Fid::ProcEnv
        | Fid::ProcAname
        | Fid::ProcApid
        | Fid::ProcAexe
        | Fid::ProcAexepath
        | Fid::ProcAcmdline
        | Fid::ProcSname
        | Fid::ProcSidExe
        | Fid::ProcSidExepath
        | Fid::ProcVpgidName
        | Fid::ProcVpgidExe
        | Fid::ProcVpgidExepath
        | Fid::ProcLoginshellid
        | Fid::ThreadCapPermitted
        | Fid::ThreadCapInheritable
        | Fid::ThreadCapEffective
        | Fid::ThreadCgroups
        | Fid::FdContainername
        | Fid::FdContainerdirectory
        | Fid::FdUid
        | Fid::FdTypes
        | Fid::FdlistNums
        | Fid::FdlistNames
        | Fid::FdlistCips
        | Fid::FdlistSips
        | Fid::FdlistCports
        | Fid::FdlistSports => true,
        Fid::ProcArgs => req.arg == Arg::None,
        _ => false,
    }
}

/// Syscalls without a dedicated event are reported as generic `syscall` events whose
/// `evt.type` is the syscall's own name.
fn is_generic_syscall(name: &str) -> bool {
    (0..u16::MAX)
        .map_while(peregrine_event::names::syscall_name)
        .any(|n| n == name)
}

/// Storage for the values of one field extraction, kept by the caller across events so that
/// evaluating a filter allocates nothing once it has grown to the largest field.
///
/// Values borrow from their event, so the buffer is only ever stored empty; between uses it
/// is typed `'static` and lent out under the event's lifetime.
#[derive(Debug, Default)]
pub struct ExtractScratch {
    buf: Vec<Value<'static>>,
}

impl ExtractScratch {
    pub fn new() -> Self {
        Self::default()
    }

    fn lend<'a>(&mut self) -> Vec<Value<'a>> {
        std::mem::take(&mut self.buf)
    }

    /// Takes the buffer back, empty. Collecting a `Vec`'s own iterator into a type of the same
    /// layout reuses its allocation (std's in-place collection), so no memory is freed.
    // `filter` cannot change the element lifetime, which is the point of this `filter_map`.
    #[allow(clippy::unnecessary_filter_map)]
    fn restore(&mut self, used: Vec<Value<'_>>) {
        self.buf = used.into_iter().filter_map(|_| None).collect();
    }
}

enum ScratchSlot<'c> {
    Own(ExtractScratch),
    Lent(&'c mut ExtractScratch),
}

/// Runs field extraction for the compiled filters of one event (make one per event: it
/// remembers the event's thread).
pub struct FilterExtractor<'c, 'a> {
    pub cx: &'c EvalCtx<'a>,
    pub reqs: &'c [FieldReq],
    scratch: ScratchSlot<'c>,
    thread: ThreadCache<'a>,
}

impl<'c, 'a> FilterExtractor<'c, 'a> {
    /// An extractor with a buffer of its own (allocated on the first extraction); per-event
    /// loops should use [`FilterExtractor::with_scratch`].
    pub fn new(cx: &'c EvalCtx<'a>, reqs: &'c [FieldReq]) -> Self {
        FilterExtractor {
            cx,
            reqs,
            scratch: ScratchSlot::Own(ExtractScratch::new()),
            thread: ThreadCache::default(),
        }
    }

    /// An extractor that uses the caller's buffer, which outlives the event.
    pub fn with_scratch(
        cx: &'c EvalCtx<'a>,
        reqs: &'c [FieldReq],
        scratch: &'c mut ExtractScratch,
    ) -> Self {
        FilterExtractor {
            cx,
            reqs,
            scratch: ScratchSlot::Lent(scratch),
            thread: ThreadCache::default(),
        }
    }
}

impl peregrine_filter::Extractor for FilterExtractor<'_, '_> {
    #[inline]
    fn extract(&mut self, field: &FieldInfo, out: &mut Values) -> bool {
        let Some(req) = self.reqs.get(field.id as usize) else {
            return false;
        };
        if !is_multi_valued(req) {
            // At most one value: no buffer needed.
            let family = Family::from_aux(field.aux).unwrap_or_else(|| Family::of(req.id));
            if let Some(v) =
                single_field_in(family, req, self.cx, Purpose::Filter, &mut self.thread)
            {
                push_value(out, &v);
                return true;
            }
            return field.is_list && self.cx.insp.event_thread().is_some();
        }
        let scratch = match &mut self.scratch {
            ScratchSlot::Own(s) => s,
            ScratchSlot::Lent(s) => &mut **s,
        };
        let mut vals = scratch.lend();
        let ok = extract_for(req, self.cx, &mut vals, Purpose::Filter);
        for v in &vals {
            push_value(out, v);
        }
        scratch.restore(vals);
        ok || (field.is_list && self.cx.insp.event_thread().is_some())
    }

    fn event_code(&self) -> Option<u16> {
        Some(self.cx.ev.etype)
    }
}

/// A value as the filter compares it.
#[inline(always)]
fn push_value(out: &mut Values, v: &Value<'_>) {
    match v {
        Value::Str(s) => out.push_str(s.as_bytes()),
        Value::Bytes(b) => out.push_str(b),
        Value::I64(i) => out.push_i64(*i),
        Value::U64(u)
        | Value::RelTime(u)
        | Value::AbsTime(u)
        | Value::RelTimeSecNs(u)
        | Value::Nanos9(u) => out.push_u64(*u),
        Value::Port(p) => out.push_u64(*p as u64),
        Value::Bool(b) => out.push_bool(*b),
        Value::Ip(ip) => out.push_ip(*ip),
        Value::Double(d) => out.push_f64(*d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_codes_decide_evt_type_only() {
        let catalog = Catalog::new();
        let ty = catalog.resolve("evt.type", None).unwrap();
        let name = catalog.resolve("proc.name", None).unwrap();
        let mut v = Values::new();
        let open_x = peregrine_event::ppme::SYSCALL_OPEN_X;
        assert_eq!(catalog.code_value(&ty, open_x, &mut v), Some(true));
        assert_eq!(
            v.iter().next().and_then(|x| x.as_bytes()),
            Some(&b"open"[..])
        );
        // Generic syscall events are named from their parameter.
        for generic in [0, 1] {
            assert_eq!(catalog.code_value(&ty, generic, &mut Values::new()), None);
        }
        assert_eq!(catalog.code_value(&name, open_x, &mut Values::new()), None);
    }

    #[test]
    fn costly_fields_are_the_rendered_and_assembled_ones() {
        let catalog = Catalog::new();
        let cost = |f: &str| catalog.cost(&catalog.resolve(f, None).unwrap());
        assert_eq!(cost("evt.arg.flags"), 1);
        assert_eq!(cost("proc.cmdline"), 1);
        assert_eq!(cost("proc.aname"), 1);
        assert_eq!(cost("fd.name"), 0);
        assert_eq!(cost("proc.name"), 0);
    }

    #[test]
    fn scratch_keeps_its_allocation_across_uses() {
        let mut s = ExtractScratch::new();
        let text = String::from("borrowed for one use");
        let mut v = s.lend();
        v.extend((0..16).map(|_| Value::str(&text)));
        let (ptr, cap) = (v.as_ptr() as usize, v.capacity());
        s.restore(v);
        assert!(s.buf.is_empty());
        assert_eq!((s.buf.as_ptr() as usize, s.buf.capacity()), (ptr, cap));
        let again = s.lend();
        assert_eq!(again.capacity(), cap);
    }
}
