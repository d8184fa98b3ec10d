//! The contract between the filter compiler/evaluator and whoever knows the fields.
//!
//! # Compile time: [`FieldCatalog`]
//! The compiler calls [`FieldCatalog::resolve`] once per distinct field reference
//! (`proc.name`, `proc.aname[2]`, `evt.arg.flags`, ...). The catalogue answers with a
//! [`FieldInfo`]: an extractor `id` (and free-form `aux` data, e.g. a parsed index) of its own
//! choosing, the value type, and flags that drive type checking and the comparison semantics
//! (see [`Multiplicity`]). Unknown fields are reported with the catalogue's message, which
//! should be Falco's: `filter_check called with nonexistent field proc.nobody`.
//! [`FieldCatalog::check_literal`] lets the catalogue validate right-hand literals that need
//! field knowledge (`unknown event type foo` for `evt.type`, `evt.around` operators, ...) and
//! observe them (e.g. a DNS-backed field learns which domains rules mention).
//!
//! # Run time: [`Extractor`]
//! For each event the engine calls [`crate::EvalContext::next_event`] and then evaluates any
//! number of filters with the same context. The first time a filter needs a given field
//! (or transformer expression) during an event, the evaluator calls
//! [`Extractor::extract`] with the `FieldInfo` the catalogue returned and an empty
//! [`Values`] buffer owned by the context; later checks of any filter on the same event reuse
//! the stored result, including a failed extraction. So an extractor is called at most once per
//! distinct field per event.
//!
//! `extract` pushes the field's value(s) and returns `true`, or returns `false` when the field
//! does not apply to the event (no fd, no thread info, missing parameter): every comparison on
//! a non-extractable field is false, `!=` included. Pushing zero values and returning `true`
//! is only meaningful for list fields (an empty list) and for `exists`.
//!
//! Values are copied into the context's buffers (strings into one reusable byte buffer per
//! field), so no allocation happens per event once buffers have grown to their working size,
//! and the extractor may compute strings in a scratch buffer of its own or write them in place
//! with [`Values::push_str_with`].
//!
//! Value kinds must match [`FieldType::kind`]: signed integers as [`Value::I64`], unsigned
//! as [`Value::U64`], booleans, doubles, strings and byte buffers as [`Value::Str`], addresses
//! (for both `IpAddr` and `IpNet` typed fields) as [`Value::Ip`]. Integers are compared
//! after widening to 64 bits, so an `Int32` field pushes its value sign-extended.

use crate::ast::Op;
use std::net::IpAddr;

/// Value types, mirroring libsinsp's parameter types that fields can have. The exact variant
/// matters for literal parsing (width truncation, service names for ports) and for the type
/// names quoted in error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Errno,
    Fd,
    Pid,
    /// A port number: literals may also be service names (`ssh`).
    Port,
    SyscallId,
    SigType,
    Flags8,
    Flags16,
    Flags32,
    EnumFlags8,
    EnumFlags16,
    EnumFlags32,
    Mode,
    /// Falco does not accept comparisons on UID/GID typed values (only `exists`).
    Uid,
    Gid,
    RelTime,
    AbsTime,
    /// Falco parses double literals as 32-bit integers.
    Double,
    /// A NUL-free string (`CHARBUF`).
    CharBuf,
    FsPath,
    FsRelPath,
    ByteBuf,
    /// IPv4 or IPv6 address.
    IpAddr,
    /// The field's values are addresses; literals are CIDR networks and `=` means "inside".
    IpNet,
    Ipv4Addr,
    Ipv4Net,
    Ipv6Addr,
    Ipv6Net,
    /// Any other libsinsp type (`SOCKADDR`, `FDLIST`, ...): only `exists` is accepted.
    Other(&'static str),
}

/// How values of a type are represented and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Signed,
    Unsigned,
    Bool,
    Double,
    Str,
    Bytes,
    Ip,
    Net,
    None,
}

impl FieldType {
    /// libsinsp's name of the type, as quoted in error messages.
    pub fn name(self) -> &'static str {
        use FieldType::*;
        match self {
            Bool => "BOOL",
            Int8 => "INT8",
            Int16 => "INT16",
            Int32 => "INT32",
            Int64 => "INT64",
            Uint8 => "UINT8",
            Uint16 => "UINT16",
            Uint32 => "UINT32",
            Uint64 => "UINT64",
            Errno => "ERRNO",
            Fd => "FD",
            Pid => "PID",
            Port => "PORT",
            SyscallId => "SYSCALLID",
            SigType => "SIGTYPE",
            Flags8 => "FLAGS8",
            Flags16 => "FLAGS16",
            Flags32 => "FLAGS32",
            EnumFlags8 => "ENUMFLAGS8",
            EnumFlags16 => "ENUMFLAGS16",
            EnumFlags32 => "ENUMFLAGS32",
            Mode => "MODE",
            Uid => "UID",
            Gid => "GID",
            RelTime => "RELTIME",
            AbsTime => "ABSTIME",
            Double => "DOUBLE",
            CharBuf => "CHARBUF",
            FsPath => "FSPATH",
            FsRelPath => "FSRELPATH",
            ByteBuf => "BYTEBUF",
            IpAddr => "IPADDR",
            IpNet => "IPNET",
            Ipv4Addr => "IPV4ADDR",
            Ipv4Net => "IPV4NET",
            Ipv6Addr => "IPV6ADDR",
            Ipv6Net => "IPV6NET",
            Other(n) => n,
        }
    }

    pub fn kind(self) -> ValueKind {
        use FieldType::*;
        match self {
            Int8 | Int16 | Int32 | Int64 | Errno | Fd | Pid => ValueKind::Signed,
            Uint8 | Uint16 | Uint32 | Uint64 | Port | SyscallId | SigType | Flags8 | Flags16
            | Flags32 | EnumFlags8 | EnumFlags16 | EnumFlags32 | Mode | Uid | Gid | RelTime
            | AbsTime => ValueKind::Unsigned,
            Bool => ValueKind::Bool,
            Double => ValueKind::Double,
            CharBuf | FsPath | FsRelPath => ValueKind::Str,
            ByteBuf => ValueKind::Bytes,
            IpAddr | Ipv4Addr | Ipv6Addr => ValueKind::Ip,
            IpNet | Ipv4Net | Ipv6Net => ValueKind::Net,
            Other(_) => ValueKind::None,
        }
    }

    pub(crate) fn is_string(self) -> bool {
        matches!(
            self,
            FieldType::CharBuf | FieldType::FsPath | FieldType::FsRelPath
        )
    }
}

/// How the values an extractor returns for one event combine into a check result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Multiplicity {
    /// At most one value.
    #[default]
    Single,
    /// The catalogue returns every candidate (e.g. `proc.aname` without index: the names of all
    /// ancestors); a check is true if it holds for any of them, `!=` included.
    AnyValue,
    /// Either-side socket fields (`fd.ip`, `fd.port`, `fd.proto`, `fd.net`): client and
    /// server values (one value for a listening socket); true if any value matches, except `!=`
    /// which is true only if every value differs.
    EitherSide,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldInfo {
    /// Extractor id chosen by the catalogue.
    pub id: u32,
    /// Free-form data for the extractor (parsed index, parameter number, ...).
    pub aux: u64,
    /// The field's name as quoted in error messages, without argument (`proc.aname`).
    pub name: String,
    /// The argument as written (`2` for `proc.aname[2]`, `flags` for `evt.arg.flags` if the
    /// catalogue models it that way).
    pub arg: Option<String>,
    pub ty: FieldType,
    /// `EPF_IS_LIST`: several values per event, only `exists`, `in`, `intersects` apply.
    pub is_list: bool,
    pub multiplicity: Multiplicity,
    /// `EPF_FILTER_ONLY`: not printable in outputs (informational for this crate).
    pub filter_only: bool,
    /// `EPF_NO_RHS`: cannot appear in `val()` nor be compared to another field.
    pub no_rhs: bool,
    /// `EPF_NO_TRANSFORMER`.
    pub no_transformer: bool,
    /// When extraction fails, ask [`Extractor::compare_fallback`] instead of answering false
    /// (the DNS-backed `fd.*ip.name` fields resolve RHS domains this way).
    pub fallback_compare: bool,
}

impl FieldInfo {
    /// A plain single-valued field with no flags.
    pub fn new(id: u32, name: impl Into<String>, ty: FieldType) -> Self {
        FieldInfo {
            id,
            aux: 0,
            name: name.into(),
            arg: None,
            ty,
            is_list: false,
            multiplicity: Multiplicity::Single,
            filter_only: false,
            no_rhs: false,
            no_transformer: false,
            fallback_compare: false,
        }
    }
}

pub trait FieldCatalog {
    /// Resolves `name[arg]`. The error text is reported verbatim.
    fn resolve(&self, name: &str, arg: Option<&str>) -> Result<FieldInfo, String>;

    /// Validates one right-hand literal of `field op literal` after it parsed as the field's
    /// type (each element of a list is checked), for every operator: Falco rejects
    /// `evt.type contains foo` with `unknown event type foo` just like `evt.type = foo`.
    /// Only called when the left-hand side is the plain field (no transformer). The error
    /// text is reported verbatim.
    fn check_literal(&self, _field: &FieldInfo, _op: Op, _literal: &str) -> Result<(), String> {
        Ok(())
    }

    /// When `field` extracts the same way for every event whose code is `code` (`evt.type`
    /// of a non-generic event), that extraction: its values pushed to `out` (empty on entry)
    /// and whether it is extractable. `None` when the value depends on more than the code.
    /// [`crate::Compiler::specialize`] uses it to decide such checks at compile time; the
    /// extractors evaluating the filter must then report the code through
    /// [`Extractor::event_code`].
    fn code_value(&self, _field: &FieldInfo, _code: u16, _out: &mut Values) -> Option<bool> {
        None
    }

    /// 0 for a field that is cheap to extract, higher for one whose extraction renders or
    /// assembles text or walks the process tree (`evt.arg.*`, `proc.cmdline`, `proc.aname`).
    /// The compiler tests cheaper operands of `and`/`or` first.
    fn cost(&self, _field: &FieldInfo) -> u8 {
        0
    }
}

/// One extracted value, borrowed from the evaluation context.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Bool(bool),
    I64(i64),
    U64(u64),
    Double(f64),
    Str(&'a [u8]),
    Ip(IpAddr),
}

impl<'a> Value<'a> {
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match *self {
            Value::I64(v) => Some(v),
            Value::U64(v) => Some(v as i64),
            Value::Bool(b) => Some(b as i64),
            _ => None,
        }
    }

    pub(crate) fn as_u64(&self) -> Option<u64> {
        match *self {
            Value::U64(v) => Some(v),
            Value::I64(v) => Some(v as u64),
            Value::Bool(b) => Some(b as u64),
            _ => None,
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Double(v) => Some(v),
            Value::I64(v) => Some(v as f64),
            Value::U64(v) => Some(v as f64),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match *self {
            Value::Bool(b) => Some(b),
            Value::I64(v) => Some(v != 0),
            Value::U64(v) => Some(v != 0),
            _ => None,
        }
    }

    pub fn as_bytes(self) -> Option<&'a [u8]> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Bool(bool),
    I64(i64),
    U64(u64),
    Double(f64),
    Ip(IpAddr),
    Str { start: u32, len: u32 },
}

/// A reusable buffer of extracted values (one per field per evaluation context).
#[derive(Debug, Default, Clone)]
pub struct Values {
    items: Vec<Item>,
    bytes: Vec<u8>,
}

impl Values {
    pub fn new() -> Self {
        Self::default()
    }

    #[inline]
    pub fn clear(&mut self) {
        self.items.clear();
        self.bytes.clear();
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    #[inline]
    pub fn push_bool(&mut self, v: bool) {
        self.items.push(Item::Bool(v));
    }

    #[inline]
    pub fn push_i64(&mut self, v: i64) {
        self.items.push(Item::I64(v));
    }

    #[inline]
    pub fn push_u64(&mut self, v: u64) {
        self.items.push(Item::U64(v));
    }

    #[inline]
    pub fn push_f64(&mut self, v: f64) {
        self.items.push(Item::Double(v));
    }

    #[inline]
    pub fn push_ip(&mut self, v: IpAddr) {
        self.items.push(Item::Ip(v));
    }

    /// Pushes a string or byte buffer (copied).
    #[inline]
    pub fn push_str(&mut self, s: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(s);
        self.items.push(Item::Str {
            start: start as u32,
            len: s.len() as u32,
        });
    }

    /// Pushes a string written in place by `f` into the buffer it is given (appending to it).
    pub fn push_str_with(&mut self, f: impl FnOnce(&mut Vec<u8>)) {
        let start = self.bytes.len();
        f(&mut self.bytes);
        let len = self.bytes.len().saturating_sub(start);
        self.items.push(Item::Str {
            start: start as u32,
            len: len as u32,
        });
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<Value<'_>> {
        self.items.get(i).map(|it| self.value(it))
    }

    pub fn iter(&self) -> impl Iterator<Item = Value<'_>> + '_ {
        self.items.iter().map(move |it| self.value(it))
    }

    #[inline(always)]
    fn value(&self, it: &Item) -> Value<'_> {
        match *it {
            Item::Bool(b) => Value::Bool(b),
            Item::I64(v) => Value::I64(v),
            Item::U64(v) => Value::U64(v),
            Item::Double(v) => Value::Double(v),
            Item::Ip(v) => Value::Ip(v),
            Item::Str { start, len } => {
                let (s, l) = (start as usize, len as usize);
                Value::Str(self.bytes.get(s..s + l).unwrap_or_default())
            }
        }
    }

    /// The first value when it is a string or byte buffer.
    #[inline(always)]
    pub(crate) fn first_bytes(&self) -> Option<&[u8]> {
        match self.items.first() {
            Some(&Item::Str { start, len }) => {
                let (s, l) = (start as usize, len as usize);
                Some(self.bytes.get(s..s + l).unwrap_or_default())
            }
            _ => None,
        }
    }

    #[inline(always)]
    pub(crate) fn first(&self) -> Option<Value<'_>> {
        self.get(0)
    }
}

pub trait Extractor {
    /// Pushes the value(s) of `field` for the current event into `out` (empty on entry) and
    /// returns `true`, or returns `false` when the field cannot be extracted for this event.
    fn extract(&mut self, field: &FieldInfo, out: &mut Values) -> bool;

    /// For fields declared with `fallback_compare`, decides `field op literals` when
    /// [`Extractor::extract`] returned false. `literals` are the raw right-hand strings.
    fn compare_fallback(&mut self, _field: &FieldInfo, _op: Op, _literals: &[String]) -> bool {
        false
    }

    /// The code of the current event, which selects the filter's program specialised for
    /// it (see [`FieldCatalog::code_value`]). `None` runs the general program.
    fn event_code(&self) -> Option<u16> {
        None
    }
}

impl<E: Extractor + ?Sized> Extractor for &mut E {
    fn extract(&mut self, field: &FieldInfo, out: &mut Values) -> bool {
        (**self).extract(field, out)
    }

    fn compare_fallback(&mut self, field: &FieldInfo, op: Op, literals: &[String]) -> bool {
        (**self).compare_fallback(field, op, literals)
    }

    fn event_code(&self) -> Option<u16> {
        (**self).event_code()
    }
}
