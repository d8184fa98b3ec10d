//! A small field catalogue and a map-backed extractor for tests.
#![allow(dead_code)]

use peregrine_filter::ast::Op;
use peregrine_filter::{
    compile, parse, Extractor, FieldCatalog, FieldInfo, FieldType, Multiplicity, Values,
};
use std::collections::HashMap;
use std::net::IpAddr;

pub struct TestCatalog;

pub const EVENT_NAMES: &[&str] = &[
    "open", "openat", "openat2", "execve", "execveat", "connect", "accept", "accept4", "sendto",
    "sendmsg", "close", "read", "write",
];

fn field(name: &str) -> Option<FieldInfo> {
    use FieldType::*;
    let (ty, list, mult, no_rhs, no_tr) = match name {
        "proc.name" | "proc.pname" | "proc.cmdline" | "proc.exepath" | "fd.name"
        | "container.id" | "fd.typechar" | "evt.res" | "fd.l4proto" => {
            (CharBuf, false, Multiplicity::Single, false, false)
        }
        "fs.path.name" => (FsPath, false, Multiplicity::Single, false, false),
        "evt.type" | "syscall.type" => (CharBuf, false, Multiplicity::Single, false, false),
        "evt.num" => (Uint64, false, Multiplicity::Single, false, false),
        "evt.rawres" | "fd.num" | "proc.pid" => (Int64, false, Multiplicity::Single, false, false),
        "fd.sport" | "fd.cport" => (Port, false, Multiplicity::Single, false, false),
        "fd.sip" | "fd.cip" => (IpAddr, false, Multiplicity::Single, false, false),
        "fd.snet" | "fd.cnet" => (IpNet, false, Multiplicity::Single, true, true),
        "fd.ip" => (IpAddr, false, Multiplicity::EitherSide, true, true),
        "fd.net" => (IpNet, false, Multiplicity::EitherSide, true, true),
        "fd.port" => (Port, false, Multiplicity::EitherSide, true, true),
        "proc.aname" => (CharBuf, false, Multiplicity::AnyValue, true, true),
        "fd.sip.name" => (CharBuf, false, Multiplicity::Single, true, true),
        "evt.is_open_write" | "fd.connected" => (Bool, false, Multiplicity::Single, false, false),
        "user.uid" => (Uint32, false, Multiplicity::Single, false, false),
        "test.uid" => (Uid, false, Multiplicity::Single, false, false),
        "evt.buffer" => (ByteBuf, false, Multiplicity::Single, false, false),
        "evt.latency" => (RelTime, false, Multiplicity::Single, false, false),
        "test.double" => (Double, false, Multiplicity::Single, false, false),
        "test.i32" => (Int32, false, Multiplicity::Single, false, false),
        "test.u16" => (Uint16, false, Multiplicity::Single, false, false),
        "test.sockaddr" => (Other("SOCKADDR"), false, Multiplicity::Single, false, false),
        "fd.types" => (CharBuf, true, Multiplicity::Single, true, false),
        "test.strlist" | "proc.argv" => (CharBuf, true, Multiplicity::Single, false, false),
        "test.u64list" => (Uint64, true, Multiplicity::Single, false, false),
        "test.i64list" => (Int64, true, Multiplicity::Single, false, false),
        "test.iplist" => (IpAddr, true, Multiplicity::Single, false, false),
        "test.netlist" => (IpNet, true, Multiplicity::Single, false, false),
        "evt.arg" => (CharBuf, false, Multiplicity::Single, false, false),
        _ => return None,
    };
    let mut info = FieldInfo::new(0, name, ty);
    info.is_list = list;
    info.multiplicity = mult;
    info.no_rhs = no_rhs;
    info.no_transformer = no_tr;
    info.filter_only = matches!(name, "fd.ip" | "fd.net" | "fd.port");
    info.fallback_compare = name == "fd.sip.name";
    Some(info)
}

impl FieldCatalog for TestCatalog {
    fn resolve(&self, name: &str, arg: Option<&str>) -> Result<FieldInfo, String> {
        let full = match arg {
            Some(a) => format!("{name}[{a}]"),
            None => name.to_string(),
        };
        let nonexistent = || format!("filter_check called with nonexistent field {full}");
        let (base, arg) = match name.strip_prefix("evt.arg.") {
            Some(rest) if arg.is_none() => ("evt.arg", Some(rest)),
            _ => (name, arg),
        };
        let mut info = field(base).ok_or_else(nonexistent)?;
        if base == "evt.arg" && arg.is_none() {
            return Err(nonexistent());
        }
        if base == "proc.aname" && arg.is_some() {
            // An explicit index selects one ancestor.
            info.multiplicity = Multiplicity::Single;
        }
        info.arg = arg.map(str::to_string);
        Ok(info)
    }

    fn check_literal(&self, field: &FieldInfo, op: Op, literal: &str) -> Result<(), String> {
        let _ = op;
        if (field.name == "evt.type" || field.name == "syscall.type")
            && !EVENT_NAMES.contains(&literal)
        {
            return Err(format!("unknown event type {literal}"));
        }
        Ok(())
    }

    /// Event code `i` is `EVENT_NAMES[i]`; [`NO_TYPE_CODE`] has no `evt.type`; other codes
    /// are not decided by the code.
    fn code_value(&self, field: &FieldInfo, code: u16, out: &mut Values) -> Option<bool> {
        if field.name != "evt.type" || field.arg.is_some() {
            return None;
        }
        if code == NO_TYPE_CODE {
            return Some(false);
        }
        let name = EVENT_NAMES.get(code as usize)?;
        out.push_str(name.as_bytes());
        Some(true)
    }

    fn cost(&self, field: &FieldInfo) -> u8 {
        u8::from(field.name == "proc.cmdline")
    }
}

/// A code whose events have no `evt.type` in [`TestCatalog::code_value`].
pub const NO_TYPE_CODE: u16 = 99;

#[derive(Debug, Clone)]
pub enum TV {
    S(&'static str),
    Bytes(Vec<u8>),
    I(i64),
    U(u64),
    B(bool),
    D(f64),
    Ip(&'static str),
}

/// Field values of one event, keyed by `name` or `name[arg]`; absent keys are not extractable.
#[derive(Default)]
pub struct TestEvent {
    pub values: HashMap<String, Vec<TV>>,
    pub calls: HashMap<String, usize>,
    /// domain -> addresses, for the `fd.sip.name` fallback.
    pub dns: HashMap<String, Vec<IpAddr>>,
    /// What [`Extractor::event_code`] reports.
    pub code: Option<u16>,
}

impl TestEvent {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, key: &str, vals: Vec<TV>) -> Self {
        self.values.insert(key.to_string(), vals);
        self
    }

    pub fn s(self, key: &str, v: &'static str) -> Self {
        self.with(key, vec![TV::S(v)])
    }

    /// An event of code `code` as [`TestCatalog::code_value`] describes it.
    pub fn of_code(mut self, code: u16) -> Self {
        self.code = Some(code);
        match EVENT_NAMES.get(code as usize) {
            Some(name) if code != NO_TYPE_CODE => self.s("evt.type", name),
            _ => {
                self.values.remove("evt.type");
                self
            }
        }
    }
}

fn key(f: &FieldInfo) -> String {
    match &f.arg {
        Some(a) => format!("{}[{a}]", f.name),
        None => f.name.clone(),
    }
}

impl Extractor for TestEvent {
    fn extract(&mut self, f: &FieldInfo, out: &mut Values) -> bool {
        let k = key(f);
        *self.calls.entry(k.clone()).or_default() += 1;
        let Some(vals) = self.values.get(&k) else {
            return false;
        };
        for v in vals {
            match v {
                TV::S(s) => out.push_str(s.as_bytes()),
                TV::Bytes(b) => out.push_str(b),
                TV::I(x) => out.push_i64(*x),
                TV::U(x) => out.push_u64(*x),
                TV::B(x) => out.push_bool(*x),
                TV::D(x) => out.push_f64(*x),
                TV::Ip(s) => out.push_ip(s.parse().expect("test ip")),
            }
        }
        true
    }

    fn event_code(&self) -> Option<u16> {
        self.code
    }

    fn compare_fallback(&mut self, f: &FieldInfo, op: Op, literals: &[String]) -> bool {
        if f.name != "fd.sip.name" {
            return false;
        }
        let Some(TV::Ip(ip)) = self.values.get("fd.sip").and_then(|v| v.first()) else {
            return false;
        };
        let ip: IpAddr = ip.parse().expect("test ip");
        let resolves = |d: &String| self.dns.get(d).is_some_and(|ips| ips.contains(&ip));
        match op {
            Op::Eq => literals.first().is_some_and(resolves),
            Op::Ne => !literals.first().is_some_and(resolves),
            Op::In => literals.iter().any(resolves),
            _ => false,
        }
    }
}

pub fn eval(cond: &str, ev: &mut TestEvent) -> bool {
    let ast = parse(cond).unwrap_or_else(|e| panic!("{cond}: {e}"));
    let f = compile(&ast, &TestCatalog).unwrap_or_else(|e| panic!("{cond}: {e}"));
    f.eval_once(ev)
}

pub fn compile_err(cond: &str) -> String {
    let ast = parse(cond).unwrap_or_else(|e| panic!("{cond}: {e}"));
    match compile(&ast, &TestCatalog) {
        Ok(_) => panic!("{cond} compiled"),
        Err(e) => e.message,
    }
}
