//! What cannot be compared with sysdig 0.29.3, and why.
//!
//! Two kinds of exceptions:
//! * language features sysdig 0.29.3 (libsinsp of 2022-03, hand-written parser) does not have
//!   or reads differently. Where an exact equivalent exists in its language the case gives
//!   sysdig that instead ([`REWRITES`], [`MISREAD`]); the others cannot be compared at all
//!   and are tested against hand-computed expectations in `crates/filter/tests`
//!   ([`NOT_COMPARABLE`]). The tests check that sysdig still rejects or misreads every
//!   example, so a stale entry fails.
//! * fields whose values differ between peregrine and sysdig ([`FIELD_VALUES`]): the
//!   field/state layer's business (crates/fields, crates/state, `tests/sysdig_diff.rs`), not
//!   the condition language's. A mismatching event is excused only where a listed field the
//!   filter reads differs the way its entry says; the report gives the number of comparisons
//!   each entry excuses, so an entry excusing none can go.

/// `(feature, example sysdig rejects, how the case is compared instead)`.
pub const REWRITES: &[(&str, &str, &str)] = &[
    ("==", "proc.name == cat", "sysdig is given `=` (its parser reads `==` as `=` and a value starting with `=`)"),
    (
        "intersects",
        "proc.name intersects (cat)",
        "sysdig lexes `in` then fails on `tersects`; on single-valued fields `intersects` is `in`",
    ),
    ("bcontains", "evt.buffer bcontains 454c46", "`contains` with the bytes written literally or as \\xHH"),
    ("bstartswith", "evt.buffer bstartswith 7f454c46", "`startswith` with the bytes written literally or as \\xHH"),
    ("iglob", "proc.name iglob CAT", "`glob` with each letter as a two-case bracket, `[cC][aA][tT]`"),
    (
        "regex",
        "proc.name regex \"c.t\"",
        "regexes made of literals, `.`, `[.]` and a trailing `.*` are given as the equivalent glob (`?`, `[.]`, `*`)",
    ),
    (
        "oneof/anyof/allof",
        "proc.name startswith anyof (c, b)",
        "expanded to `or`/`and` of the plain checks; `oneof` as exactly one of them",
    ),
];

/// `(feature, example, what sysdig 0.29.3 reads it as, what it means)`: accepted by sysdig with
/// another meaning. The test checks sysdig's reading, and cases using the feature give sysdig
/// the meaning instead.
pub const MISREAD: &[(&str, &str, &str, &str)] = &[(
    "double negation",
    "not not evt.dir = <",
    "not evt.dir = <",
    "evt.dir = <",
)];

/// `(feature, example sysdig rejects, reason it cannot be compared)`.
pub const NOT_COMPARABLE: &[(&str, &str, &str)] = &[
    (
        "transformers",
        "tolower(proc.name) = cat",
        "no transformers in sysdig 0.29.3 (tested in crates/filter/tests/eval.rs `transformers`)",
    ),
    (
        "val()",
        "proc.name = val(proc.pname)",
        "no field-to-field comparison in sysdig 0.29.3 (crates/filter/tests/eval.rs `field_comparisons`)",
    ),
    (
        "IPv6 networks",
        "fd.net = ::1/128",
        "sysdig 0.29.3 parses IPv6 network literals as plain addresses and rejects a prefix length \
         (crates/filter/src/literal.rs tests, crates/filter/tests/eval.rs `ip_and_networks`)",
    ),
    (
        "unparenthesised and/or mix",
        "evt.type = read or evt.type = write and fd.num = 3",
        "sysdig 0.29.3 rejects it as ambiguous; current Falco gives `and` precedence (crates/filter/tests/parser.rs)",
    ),
];

/// Which mismatching events a field exception excuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Events where the field prints differently in the two tools.
    WherePrintedDiffers,
    /// Events where peregrine's filter sees the placeholder text `<NA>` as the field's value
    /// (`FIELD = "<NA>"` selects them) while printing shows no value, as sysdig's does.
    WhereNaText,
}

/// A field whose values differ between peregrine and sysdig.
pub struct FieldException {
    pub field: &'static str,
    pub scope: Scope,
    pub reason: &'static str,
}

/// As seen with the fields/state crates of 2025-12-03, which are being reworked against
/// `tests/sysdig_diff.rs`.
pub const FIELD_VALUES: &[FieldException] = &[
    // Values the filter sees although printing shows none: the extractor hands the text
    // `<NA>` to the filter as a value, so `!=` and `exists` hold where sysdig has no value.
    na(
        "user.name",
        "unknown users: the filter sees the string <NA>",
    ),
    na(
        "user.homedir",
        "unknown users: the filter sees the string <NA>",
    ),
    na(
        "user.shell",
        "unknown users: the filter sees the string <NA>",
    ),
    na(
        "user.loginname",
        "unknown login users: the filter sees the string <NA>",
    ),
    na(
        "group.name",
        "unknown groups: the filter sees the string <NA>",
    ),
    // Printed differently.
    printed(
        "evt.failed",
        "sysdig 0.29.3 says false on enter events, peregrine has no value",
    ),
    printed(
        "evt.res",
        "setns trace: events sysdig 0.29.3 gives no result",
    ),
    printed(
        "evt.rawres",
        "setns trace: events sysdig 0.29.3 gives no result",
    ),
    printed(
        "evt.info",
        "syslog writes and fcntl's fd argument rendered differently",
    ),
    printed(
        "evt.arg[0]",
        "fcntl's fd argument: sysdig resolves it to <f>/dev/pts/3",
    ),
    printed(
        "evt.arg.fd",
        "fcntl's fd argument: sysdig resolves it to <f>/dev/pts/3",
    ),
    printed(
        "fd.num",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.type",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.typechar",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.name",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.directory",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.filename",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.uid",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.is_server",
        "the fd of mmap and similar events, and accepted sockets",
    ),
    printed(
        "fd.connected",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.name_changed",
        "the fd of mmap and similar events: sysdig 0.29.3 has none",
    ),
    printed(
        "fd.dev",
        "sockets and the fd of mmap: sysdig 0.29.3 prints other devices",
    ),
    printed(
        "fd.cport",
        "sockets whose client port sysdig 0.29.3 prints as 0",
    ),
    printed(
        "fd.sip",
        "UDP sockets used with several peers: the server end differs",
    ),
    printed(
        "fd.sport",
        "UDP sockets used with several peers: the server end differs",
    ),
    printed(
        "fd.rip",
        "UDP sockets used with several peers: the remote end differs",
    ),
    printed(
        "fd.rport",
        "UDP sockets used with several peers: the remote end differs",
    ),
    printed(
        "fd.lip",
        "sockets whose local address peregrine prints as 0.0.0.0",
    ),
    printed(
        "proc.ppid",
        "threads whose parent sysdig 0.29.3 resolves differently",
    ),
    printed(
        "proc.pname",
        "threads whose parent sysdig 0.29.3 resolves differently",
    ),
    printed(
        "proc.pcmdline",
        "threads whose parent sysdig 0.29.3 resolves differently",
    ),
    printed(
        "proc.nchilds",
        "threads whose parent sysdig 0.29.3 resolves differently",
    ),
    printed("proc.sname", "session leaders resolved differently"),
    printed(
        "group.gid",
        "sysdig 0.29.3 prints unknown gids as 8589934591",
    ),
];

const fn na(field: &'static str, reason: &'static str) -> FieldException {
    FieldException {
        field,
        scope: Scope::WhereNaText,
        reason,
    }
}

const fn printed(field: &'static str, reason: &'static str) -> FieldException {
    FieldException {
        field,
        scope: Scope::WherePrintedDiffers,
        reason,
    }
}
