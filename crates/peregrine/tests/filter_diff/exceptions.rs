//! What cannot be compared with sysdig 0.29.3, and why.
//!
//! Two kinds of exceptions:
//! * language features sysdig 0.29.3 (libsinsp of 2022-03, hand-written parser) does not have.
//!   Where an exact equivalent exists in its language the case is rewritten for sysdig
//!   ([`REWRITES`]); the others cannot be compared at all and are tested against hand-computed
//!   expectations in `crates/filter/tests` ([`NOT_COMPARABLE`]). The test checks that sysdig
//!   still rejects every example, so a stale entry fails.
//! * fields whose values differ between peregrine and sysdig on a trace ([`FIELD_VALUES`]):
//!   the field/state layer's business (crates/fields, crates/state, checked by
//!   `tests/sysdig_diff.rs`), not the condition language's. Cases reading such a field on such
//!   a trace are still run and their mismatches counted in the report, but not asserted; an
//!   entry that no longer excuses any mismatch is reported as stale.

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

/// `(field, trace path substring or "" for every trace, reason)`: fields whose values differ.
pub const FIELD_VALUES: &[(&str, &str, &str)] = &[];
