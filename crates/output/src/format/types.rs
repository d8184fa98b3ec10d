//! libsinsp's value types and print formats, which decide how a value prints in alert text
//! and which JSON type it gets in `output_fields`.

use peregrine_event::{ParamType, PrintFmt};
use peregrine_fields::catalog::{Fid, FieldDef, F_IS_LIST};

/// The libsinsp parameter type of a value (`ppm_param_type`), grouped as the formatter
/// treats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PType {
    Int8,
    Int16,
    Int32,
    /// INT64, PID, FD, ERRNO.
    Int64,
    /// UINT8, FLAGS8, ENUMFLAGS8, L4PROTO.
    Uint8,
    /// UINT16, FLAGS16, ENUMFLAGS16, PORT.
    Uint16,
    /// UINT32, FLAGS32, ENUMFLAGS32, UID, GID.
    Uint32,
    /// UINT64, RELTIME, ABSTIME.
    Uint64,
    Bool,
    Double,
    CharBuf,
    FsPath,
    ByteBuf,
    Ip,
    IpNet,
    /// `evt.rawarg.*`: the type of the parameter in the current event.
    Dyn,
    /// Types the formatter cannot print (sockaddr, socktuple, fd lists, ...).
    Other,
}

impl PType {
    pub(crate) fn is_stringish(self) -> bool {
        matches!(self, PType::CharBuf | PType::FsPath)
    }
}

/// `ppm_print_format`, as far as rendering is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pf {
    Na,
    /// PF_DEC and PF_ID.
    Dec,
    Hex,
    Oct,
    /// PF_10_PADDED_DEC: zero-padded to 9 digits.
    Padded,
}

/// Static type of an expression: its value type, whether it is a list, and the print format
/// of the field it came from (transformers keep their input field's print format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ty {
    pub t: PType,
    pub list: bool,
    pub pf: Pf,
}

fn sinsp_type(name: &str) -> PType {
    match name {
        "INT8" => PType::Int8,
        "INT16" => PType::Int16,
        "INT32" => PType::Int32,
        "INT64" | "PID" | "FD" | "ERRNO" => PType::Int64,
        "UINT8" | "FLAGS8" | "ENUMFLAGS8" | "L4PROTO" => PType::Uint8,
        "UINT16" | "FLAGS16" | "ENUMFLAGS16" | "PORT" => PType::Uint16,
        "UINT32" | "FLAGS32" | "ENUMFLAGS32" | "UID" | "GID" => PType::Uint32,
        "UINT64" | "RELTIME" | "ABSTIME" => PType::Uint64,
        "BOOL" => PType::Bool,
        "DOUBLE" => PType::Double,
        "CHARBUF" => PType::CharBuf,
        "FSPATH" | "FSRELPATH" => PType::FsPath,
        "BYTEBUF" => PType::ByteBuf,
        "IPADDR" | "IPV4ADDR" | "IPV6ADDR" => PType::Ip,
        "IPNET" | "IPV4NET" | "IPV6NET" => PType::IpNet,
        "DYNAMIC" => PType::Dyn,
        _ => PType::Other,
    }
}

/// Print formats that differ from "decimal for numbers, none for the rest" in libsinsp's
/// field tables. Plugin fields (`container.*`, `k8s.*`) are all PF_DEC.
fn print_format(def: &FieldDef, t: PType) -> Pf {
    match def.id {
        Fid::EvtLatencyNs
        | Fid::EvtDeltatimeNs
        | Fid::EvtRawtimeNs
        | Fid::EvtReltime
        | Fid::EvtReltimeNs => Pf::Padded,
        Fid::FdDev => Pf::Hex,
        Fid::EvtTypeIs
        | Fid::ProcFdusage
        | Fid::ThreadCpu
        | Fid::ThreadCpuUser
        | Fid::ThreadCpuSystem => Pf::Na,
        Fid::FdType
        | Fid::FdTypechar
        | Fid::FdTypes
        | Fid::EvtRes
        | Fid::FdlistNums
        | Fid::FdlistCports
        | Fid::FdlistSports => Pf::Dec,
        _ if def.name.starts_with("container.")
            || def.name.starts_with("k8s.")
            || def.name.starts_with("proc.is_container_") =>
        {
            Pf::Dec
        }
        _ => match t {
            PType::Int8
            | PType::Int16
            | PType::Int32
            | PType::Int64
            | PType::Uint8
            | PType::Uint16
            | PType::Uint32
            | PType::Uint64 => Pf::Dec,
            _ => Pf::Na,
        },
    }
}

pub(crate) fn field_ty(def: &FieldDef) -> Ty {
    let t = sinsp_type(def.sinsp_type);
    Ty {
        t,
        list: def.flags & F_IS_LIST != 0,
        pf: print_format(def, t),
    }
}

/// Type and print format of an event parameter (for `evt.rawarg.*`).
pub(crate) fn param_ty(ptype: ParamType, fmt: PrintFmt) -> Ty {
    use ParamType as T;
    let t = match ptype {
        T::Int8 => PType::Int8,
        T::Int16 => PType::Int16,
        T::Int32 | T::Fd32 | T::Pid32 => PType::Int32,
        T::Int64 | T::Errno | T::Fd | T::Pid => PType::Int64,
        T::Uint8 | T::Flags8 | T::Enumflags8 | T::L4proto | T::Sigtype | T::Sockfamily => {
            PType::Uint8
        }
        T::Uint16 | T::Flags16 | T::Enumflags16 | T::Port | T::Syscallid => PType::Uint16,
        T::Uint32 | T::Flags32 | T::Enumflags32 | T::Uid | T::Gid | T::Mode | T::Sigset => {
            PType::Uint32
        }
        T::Uint64 | T::Reltime | T::Abstime => PType::Uint64,
        T::Bool => PType::Bool,
        T::Double => PType::Double,
        T::Charbuf | T::Fspath | T::Fsrelpath => PType::CharBuf,
        T::Bytebuf => PType::ByteBuf,
        T::Ipv4addr | T::Ipv6addr | T::Ipaddr => PType::Ip,
        T::Ipv4net | T::Ipv6net | T::Ipnet => PType::IpNet,
        _ => PType::Other,
    };
    let pf = match fmt {
        PrintFmt::Dec | PrintFmt::Id => Pf::Dec,
        PrintFmt::Hex => Pf::Hex,
        PrintFmt::Oct => Pf::Oct,
        PrintFmt::Hex10 => Pf::Padded,
        PrintFmt::Na => Pf::Na,
    };
    Ty { t, list: false, pf }
}

/// String literals and the results of `join`/`concat`.
pub(crate) const CHARBUF: Ty = Ty {
    t: PType::CharBuf,
    list: false,
    pf: Pf::Na,
};
/// Transformer lists `(a, b)` and the result of `getopt`.
pub(crate) const CHARBUF_LIST: Ty = Ty {
    t: PType::CharBuf,
    list: true,
    pf: Pf::Na,
};
