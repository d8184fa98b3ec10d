//! The filters compared: a fixed list of hand-written conditions plus checks generated
//! systematically from the values fields take in each trace, and boolean combinations of them.
//!
//! Every case has the condition peregrine evaluates (`ours`) and the one given to sysdig
//! (`theirs`). They differ only where sysdig 0.29.3's older language lacks a construct that has
//! an exact equivalent in it (see `super::exceptions::REWRITES`): `==`, `intersects` on
//! single-valued fields, `bcontains`/`bstartswith`, `iglob`, simple `regex`es and the
//! `oneof`/`anyof`/`allof` modifiers.

use super::values::Samples;

#[derive(Debug, Clone)]
pub struct Case {
    pub ours: String,
    pub theirs: String,
    /// Fields the condition reads (for the field-value exceptions).
    pub fields: Vec<String>,
}

impl Case {
    fn same(field: &str, cond: String) -> Case {
        Case {
            theirs: cond.clone(),
            ours: cond,
            fields: vec![field.to_string()],
        }
    }

    /// A check on an address or network, confined to sockets of the literal's family:
    /// sysdig 0.29.3 compares a literal of one family with the raw bytes of an address of the
    /// other (`::1` equals `0.0.0.0`, `0.0.0.0/0` contains `::1`).
    fn scoped(field: &str, literal: &str, check: String) -> Case {
        let family = if literal.contains(':') {
            "ipv6"
        } else {
            "ipv4"
        };
        Case {
            ours: format!("fd.type = {family} and {check}"),
            theirs: format!("fd.type = {family} and {check}"),
            fields: vec![field.to_string(), "fd.type".to_string()],
        }
    }

    fn rewritten(field: &str, ours: String, theirs: String) -> Case {
        Case {
            ours,
            theirs,
            fields: vec![field.to_string()],
        }
    }

    fn combine(parts: &[&Case], ours: String, theirs: String) -> Case {
        let mut fields: Vec<String> = parts
            .iter()
            .flat_map(|c| c.fields.iter().cloned())
            .collect();
        fields.sort();
        fields.dedup();
        Case {
            ours,
            theirs,
            fields,
        }
    }
}

/// How generated checks treat a field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    /// A string holding a path: `pmatch` applies too.
    Path,
    Num,
    Bool,
    Ip,
    Port,
    /// A string printed with dots for non-printable bytes (`evt.arg.data`).
    Buf,
    /// A byte buffer (`BYTEBUF`), printed like [`Kind::Buf`]: `bcontains` applies too.
    Bytes,
    /// `evt.type`: literals must be event names, so only equality and lists apply.
    EvtType,
}

/// The printed fields values are sampled from and checks are generated for.
pub const SAMPLED: &[(&str, Kind)] = &[
    ("evt.type", Kind::EvtType),
    ("evt.dir", Kind::Str),
    ("evt.res", Kind::Str),
    ("evt.io_dir", Kind::Str),
    ("evt.arg.name", Kind::Path),
    ("evt.arg.flags", Kind::Str),
    ("evt.arg.fd", Kind::Str),
    ("evt.arg.res", Kind::Str),
    ("evt.arg.size", Kind::Str),
    ("evt.arg[0]", Kind::Str),
    ("evt.arg[1]", Kind::Str),
    ("evt.info", Kind::Str),
    ("proc.name", Kind::Str),
    ("proc.exe", Kind::Path),
    ("proc.exepath", Kind::Path),
    ("proc.args", Kind::Str),
    ("proc.cmdline", Kind::Str),
    ("proc.cwd", Kind::Path),
    ("proc.pname", Kind::Str),
    ("proc.pcmdline", Kind::Str),
    ("proc.sname", Kind::Str),
    ("proc.aname[0]", Kind::Str),
    ("proc.aname[1]", Kind::Str),
    ("proc.aname[2]", Kind::Str),
    ("proc.aname[3]", Kind::Str),
    ("thread.cgroups", Kind::Str),
    ("user.name", Kind::Str),
    ("user.homedir", Kind::Path),
    ("user.shell", Kind::Path),
    ("user.loginname", Kind::Str),
    ("group.name", Kind::Str),
    ("fd.type", Kind::Str),
    ("fd.typechar", Kind::Str),
    ("fd.name", Kind::Path),
    ("fd.directory", Kind::Path),
    ("fd.filename", Kind::Str),
    ("fd.l4proto", Kind::Str),
    ("fd.sockfamily", Kind::Str),
    ("fd.uid", Kind::Str),
    ("evt.num", Kind::Num),
    ("evt.cpu", Kind::Num),
    ("evt.rawres", Kind::Num),
    ("evt.rawtime", Kind::Num),
    ("evt.count", Kind::Num),
    ("evt.buflen", Kind::Num),
    ("evt.rawarg.res", Kind::Num),
    ("proc.pid", Kind::Num),
    ("proc.ppid", Kind::Num),
    ("proc.vpid", Kind::Num),
    ("proc.sid", Kind::Num),
    ("proc.vpgid", Kind::Num),
    ("proc.tty", Kind::Num),
    ("proc.apid[1]", Kind::Num),
    ("proc.apid[2]", Kind::Num),
    ("proc.loginshellid", Kind::Num),
    ("proc.fdlimit", Kind::Num),
    ("proc.nthreads", Kind::Num),
    ("proc.nchilds", Kind::Num),
    ("proc.vmsize", Kind::Num),
    ("proc.vmrss", Kind::Num),
    ("proc.vmswap", Kind::Num),
    ("thread.tid", Kind::Num),
    ("thread.vtid", Kind::Num),
    ("thread.pfmajor", Kind::Num),
    ("thread.pfminor", Kind::Num),
    ("thread.vmsize", Kind::Num),
    ("thread.vmrss", Kind::Num),
    ("user.uid", Kind::Num),
    ("user.loginuid", Kind::Num),
    ("group.gid", Kind::Num),
    ("fd.num", Kind::Num),
    ("fd.dev", Kind::Num),
    ("evt.failed", Kind::Bool),
    ("evt.is_io", Kind::Bool),
    ("evt.is_io_read", Kind::Bool),
    ("evt.is_io_write", Kind::Bool),
    ("evt.is_wait", Kind::Bool),
    ("evt.is_syslog", Kind::Bool),
    ("evt.is_open_read", Kind::Bool),
    ("evt.is_open_write", Kind::Bool),
    ("thread.ismain", Kind::Bool),
    ("fd.is_server", Kind::Bool),
    ("fd.connected", Kind::Bool),
    ("fd.name_changed", Kind::Bool),
    ("fd.cip", Kind::Ip),
    ("fd.sip", Kind::Ip),
    ("fd.lip", Kind::Ip),
    ("fd.rip", Kind::Ip),
    ("fd.cport", Kind::Port),
    ("fd.sport", Kind::Port),
    ("fd.lport", Kind::Port),
    ("fd.rport", Kind::Port),
    ("evt.buffer", Kind::Bytes),
    ("evt.arg.data", Kind::Buf),
];

/// Printed only to explain mismatches of the filter-only fields they stand for.
pub const PROXY_ONLY: &[&str] = &[
    "proc.aname[4]",
    "proc.aname[5]",
    "proc.apid[3]",
    "proc.apid[4]",
    "evt.arg.ptid",
    "evt.arg.pid",
];

/// Printable fields whose values decide a field's value (for explaining mismatches): the
/// field itself, the printable relatives of a filter-only field, and for `fd.*` fields the
/// fd they are read from (an fd one tool resolves and the other not changes them all).
pub fn proxies(field: &str) -> Vec<&'static str> {
    let mut out = direct_proxies(field);
    if field.starts_with("fd.") {
        out.extend(["fd.type", "fd.num"]);
    }
    out
}

fn direct_proxies(field: &str) -> Vec<&'static str> {
    let of = |names: &[&'static str]| names.to_vec();
    match field {
        "fd.ip" | "fd.net" => of(&["fd.cip", "fd.sip", "fd.type"]),
        "fd.cnet" => of(&["fd.cip", "fd.type"]),
        "fd.snet" => of(&["fd.sip", "fd.type"]),
        "fd.lnet" => of(&["fd.lip", "fd.type"]),
        "fd.rnet" => of(&["fd.rip", "fd.type"]),
        "fd.port" => of(&["fd.cport", "fd.sport", "fd.type"]),
        "proc.aname" => of(&[
            "proc.aname[1]",
            "proc.aname[2]",
            "proc.aname[3]",
            "proc.aname[4]",
            "proc.aname[5]",
        ]),
        "proc.apid" => of(&[
            "proc.apid[1]",
            "proc.apid[2]",
            "proc.apid[3]",
            "proc.apid[4]",
        ]),
        "evt.rawarg.fd" => of(&["evt.arg.fd"]),
        "evt.rawarg.size" => of(&["evt.arg.size"]),
        "evt.rawarg.name" => of(&["evt.arg.name"]),
        "evt.rawarg.res" => of(&["evt.rawarg.res", "evt.arg.res"]),
        "evt.rawarg.flags" => of(&["evt.arg.flags"]),
        _ => SAMPLED
            .iter()
            .map(|(f, _)| *f)
            .chain(PROXY_ONLY.iter().copied())
            .filter(|f| *f == field)
            .collect(),
    }
}

/// Hand-written conditions, run on every trace: `(ours, theirs)`, `theirs` empty when sysdig
/// is given the same text.
const FIXED: &[(&str, &str)] = &[
    // Event types, lists and spacing.
    ("evt.type = open or evt.type = openat", ""),
    ("evt.type in (open, openat, close, read, write)", ""),
    (
        "evt.type in (connect, accept, socket, bind, listen, sendto, recvfrom)",
        "",
    ),
    ("evt.type in ( execve , clone )", ""),
    ("evt.type in (execve)", ""),
    ("evt.type=read", ""),
    ("evt.type= read and(evt.dir=<)", ""),
    ("evt.type != read and evt.type != write", ""),
    ("evt.type = execve and evt.dir = <", ""),
    (
        "(evt.type = read or evt.type = write) and fd.type = file",
        "",
    ),
    ("not (evt.type = read or evt.type = write)", ""),
    ("((((evt.dir = <))))", ""),
    ("evt.dir = < and evt.failed = true", ""),
    ("evt.dir = > or (evt.dir = < and evt.rawres < 0)", ""),
    ("not evt.dir = > and not evt.failed = true", ""),
    // Results.
    ("evt.res = ENOENT", ""),
    ("evt.res in (ENOENT, EAGAIN, EINPROGRESS)", ""),
    ("evt.res != SUCCESS", ""),
    ("evt.rawres < 0", ""),
    ("evt.rawres = -2", ""),
    ("evt.rawres >= 0 and evt.dir = <", ""),
    ("evt.rawarg.res < 0", ""),
    ("evt.rawarg.res > 1000", ""),
    ("evt.rawarg.fd = 3", ""),
    ("evt.rawarg.fd < 3", ""),
    (
        "evt.rawarg.fd in (0, 1, 2)",
        "(evt.rawarg.fd = 0 or evt.rawarg.fd = 1 or evt.rawarg.fd = 2)",
    ),
    ("evt.rawarg.size = 832", ""),
    ("evt.rawarg.size > 4096", ""),
    ("evt.rawarg.flags = 0", ""),
    ("evt.rawarg.flags > 0", ""),
    ("evt.rawarg.name contains ld.so", ""),
    ("evt.arg.flags contains O_RDONLY", ""),
    ("evt.arg.flags contains O_CREAT", ""),
    ("evt.arg.flags = O_RDONLY|O_CLOEXEC", ""),
    ("evt.arg[0] = 0", ""),
    ("evt.arg.fd startswith \"<f>\"", ""),
    ("evt.arg.res = 0", ""),
    ("evt.arg.res exists", ""),
    // File descriptors.
    ("fd.typechar = f", ""),
    ("fd.typechar in (4, 6)", ""),
    ("fd.typechar = u", ""),
    ("fd.type in (ipv4, ipv6)", ""),
    ("fd.type = unix", ""),
    ("fd.l4proto = tcp", ""),
    ("fd.l4proto in (udp, tcp)", ""),
    ("fd.sockfamily = ip", ""),
    ("fd.num = -1", ""),
    ("fd.num < 0", ""),
    ("fd.num >= 3 and fd.num <= 10", ""),
    ("fd.name exists", ""),
    ("not fd.name exists", ""),
    ("fd.name exists and not fd.sip exists", ""),
    ("fd.name = \"\"", ""),
    ("fd.name pmatch (/etc, /usr/lib, /lib)", ""),
    ("fd.name pmatch (/)", ""),
    ("fd.name pmatch (/etc/ld.so.cache, /proc)", ""),
    ("fd.name pmatch (/usr/lib/x86_64-linux-gnu)", ""),
    ("fd.directory pmatch (/usr)", ""),
    ("fd.name glob /etc/*", ""),
    ("fd.name glob \"*.so*\"", ""),
    ("fd.name glob /*/*", ""),
    ("fd.name glob \"/[a-e]*\"", ""),
    ("fd.name glob \"/[!a-e]*\"", ""),
    ("fd.name glob \"*[[:digit:]]*\"", ""),
    ("fd.name glob \"*[[:upper:]]*\"", ""),
    ("fd.name glob \"*[.]conf\"", ""),
    ("fd.name glob *lib*", ""),
    ("fd.name glob *\\*", ""),
    ("fd.name startswith /etc and fd.name endswith .conf", ""),
    ("fd.name contains \"\\x2flib\"", ""),
    ("fd.name icontains ETC", ""),
    ("fd.filename in (ld.so.cache, libc.so.6, passwd)", ""),
    ("fd.directory = /etc", ""),
    // Networks, addresses and ports.
    ("fd.net = 127.0.0.0/8", ""),
    ("fd.net != 127.0.0.0/8", ""),
    ("fd.net in (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)", ""),
    ("fd.type = ipv4 and fd.cnet = 0.0.0.0/0", ""),
    ("fd.snet = 127.0.0.1/32", ""),
    ("fd.snet in (127.0.0.0/8, 8.8.0.0/16)", ""),
    ("fd.lnet = 127.0.0.0/8", ""),
    ("fd.rnet != 127.0.0.0/8", ""),
    ("fd.ip = 127.0.0.1", ""),
    ("fd.ip != 127.0.0.1", ""),
    ("fd.type = ipv6 and fd.ip = ::1", ""),
    ("fd.type = ipv4 and fd.ip in (127.0.0.1, 10.0.2.15)", ""),
    ("fd.type = ipv6 and fd.sip = ::1", ""),
    ("fd.type = ipv6 and fd.cip != ::1", ""),
    (
        "fd.type = ipv6 and fd.sip in (::1, 2001:4860:4860::8888)",
        "",
    ),
    ("fd.type = ipv4 and fd.sip in (127.0.0.1, 8.8.8.8)", ""),
    ("fd.port = 80", ""),
    ("fd.port != 80", ""),
    ("fd.port < 1024", ""),
    ("fd.port >= 1024", ""),
    ("fd.port in (53, 80, 443)", ""),
    ("fd.sport = http", ""),
    ("fd.port = domain", ""),
    ("fd.sport in (http, https, 8080)", ""),
    ("fd.cport > 32768 and fd.sport < 1024", ""),
    ("fd.lport = 0", ""),
    ("fd.rport exists", ""),
    ("fd.connected = true", ""),
    ("fd.is_server = true", ""),
    // Processes and ancestors.
    ("proc.name glob \"[a-c]*\"", ""),
    ("proc.name glob \"[!a-c]*\"", ""),
    ("proc.name glob \"[^s]*\"", ""),
    ("proc.name glob \"*[[:digit:]]*\"", ""),
    ("proc.name glob \"?\"", ""),
    ("proc.name glob \"???*\"", ""),
    ("proc.name glob \"[]a]*\"", ""),
    ("proc.name glob \"[a-]*\"", ""),
    ("proc.name glob *", ""),
    ("proc.name = \"\\x63at\"", ""),
    ("proc.name in (cat)", ""),
    (
        "proc.name in (cat, bash, curl, sshd, nginx, node, python)",
        "",
    ),
    ("proc.name startswith c", ""),
    ("proc.name icontains A", ""),
    ("proc.cmdline glob \"* *\"", ""),
    ("proc.cmdline contains \" -\"", ""),
    ("proc.args = \"\"", ""),
    ("proc.args exists", ""),
    ("proc.env contains \"PATH=\"", ""),
    ("proc.env icontains \"home=\"", ""),
    ("proc.aname = bash", ""),
    ("proc.aname = sshd", ""),
    ("proc.aname != bash", ""),
    ("proc.aname in (bash, sshd, systemd)", ""),
    ("proc.aname startswith s", ""),
    ("proc.aname contains sh", ""),
    ("proc.aname[1] = bash", ""),
    ("proc.aname[2] exists", ""),
    ("proc.aname exists", ""),
    ("proc.apid = 1", ""),
    ("proc.apid[1] = 1", ""),
    ("proc.pid = 1", ""),
    ("proc.pid > 1000 and proc.pid < 100000", ""),
    ("thread.ismain = false", ""),
    ("thread.tid != 0", ""),
    ("user.uid = 0", ""),
    ("user.uid != 0", ""),
    ("user.name = root", ""),
    ("user.name in (root, ubuntu, vagrant, nobody)", ""),
    ("group.gid = 0", ""),
    ("group.name exists", ""),
    // Numbers.
    ("evt.num < 100", ""),
    ("evt.num >= 1000 and evt.num < 2000", ""),
    ("evt.num in (1, 2, 3, 150, 1020, 5000)", ""),
    ("evt.num = 200 or evt.num = 201 or evt.num = 202", ""),
    ("evt.cpu = 0", ""),
    ("evt.cpu != 0", ""),
    ("evt.cpu in (1, 3)", ""),
    ("evt.is_io = true and evt.is_io_read = false", ""),
    ("evt.is_io_write = true or evt.is_wait = true", ""),
    // Buffers.
    ("evt.buffer startswith \"\\x7fELF\"", ""),
    (
        "evt.buffer bstartswith 7f454c46",
        "evt.buffer startswith \"\\x7fELF\"",
    ),
    ("evt.buffer bcontains 2f6c6962", "evt.buffer contains /lib"),
    ("evt.buffer contains GET", ""),
    ("evt.buffer bcontains 48545450", "evt.buffer contains HTTP"),
    (
        "evt.buffer bstartswith 48545450",
        "evt.buffer startswith HTTP",
    ),
    ("evt.arg.data contains HTTP", ""),
    ("evt.arg.data contains \"\\x0d\\x0a\"", ""),
    (
        "evt.buffer bcontains 0d0a",
        "evt.buffer contains \"\\x0d\\x0a\"",
    ),
    ("evt.buffer exists", ""),
    ("evt.buflen > 100", ""),
    // Edge literals.
    ("proc.name contains \"\"", ""),
    ("fd.name startswith \"\"", ""),
    ("fd.name endswith \"\"", ""),
    ("proc.name glob \"\"", ""),
    ("fd.name in (\"\", /dev/null)", ""),
    ("fd.name < 5", ""),
    ("proc.name >= 5", ""),
    ("proc.cmdline <= 9", ""),
    ("evt.num < -1", ""),
    ("evt.num > +100 and evt.num < 0200", ""),
    ("evt.cpu > -1", ""),
    ("fd.num > -2", ""),
    ("fd.type = ipv4 and fd.net = 127.1.2.3/8", ""),
    ("fd.type = ipv4 and fd.snet = 0.0.0.0/1", ""),
    // Nesting and blanks.
    ("not (not evt.dir = <)", ""),
    ("not (not (evt.dir = < and not (evt.type = read)))", ""),
    ("evt.type = read\tand\nevt.dir = <", ""),
    ("  evt.dir = <  ", ""),
    (
        "(evt.dir = <) and ((evt.type = read) or ((evt.type = write) or (evt.type = close)))",
        "",
    ),
    (
        "evt.num in (1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, 49, 52, 55, \
         58, 61, 64, 67, 70, 73, 76, 79, 82, 85, 88, 91, 94, 97, 100, 131, 133, 135, 137, \
         139, 141, 173, 175, 177, 179, 181, 183, 185, 187, 189, 191, 211, 213, 215, 217, \
         219, 221, 319, 321, 323, 325, 327, 329, 1023, 1025, 1027, 1029, 1031, 1033)",
        "",
    ),
    (
        "fd.filename in (ld.so.cache, libc.so.6, passwd, group, nsswitch.conf, hosts, \
         resolv.conf, localtime, libpthread.so.0, libdl.so.2, libm.so.6, librt.so.1, \
         libselinux.so.1, libz.so.1, libssl.so.1.0.0, libcrypto.so.1.0.0, null, tty, \
         urandom, locale-archive, gconv-modules.cache, libnss_files.so.2)",
        "",
    ),
    // Operators sysdig spells differently.
    ("not not evt.dir = <", "evt.dir = <"),
    (
        "evt.type = read and not not fd.num = 3",
        "evt.type = read and fd.num = 3",
    ),
    ("proc.name == cat", "proc.name = cat"),
    ("evt.num intersects (150, 200)", "evt.num in (150, 200)"),
    ("fd.name iglob /ETC/*", "fd.name glob /[eE][tT][cC]/*"),
    ("proc.name regex \"c.t\"", "proc.name glob \"c?t\""),
    ("fd.name regex \"/etc/.*\"", "fd.name glob \"/etc/*\""),
    (
        "fd.name startswith anyof (/etc, /lib)",
        "(fd.name startswith /etc or fd.name startswith /lib)",
    ),
    (
        "evt.type = anyof (read, write)",
        "(evt.type = read or evt.type = write)",
    ),
    (
        "evt.type != allof (read, write)",
        "(evt.type != read and evt.type != write)",
    ),
];

/// Quotes a literal unless both grammars read it as one bare word.
pub fn q(v: &str) -> String {
    let bare = !v.is_empty()
        && v.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'/' | b':' | b'-'));
    if bare {
        v.to_string()
    } else {
        format!("\"{v}\"")
    }
}

/// sysdig 0.29.3 keeps each literal in a 256-byte buffer.
const SYSDIG_MAX_LITERAL: usize = 200;

fn middle(v: &str) -> &str {
    let n = v.len();
    if n < 3 {
        return v;
    }
    let start = n / 4;
    let len = (n / 2).clamp(2, 40);
    &v[start..(start + len).min(n)]
}

fn head(v: &str, n: usize) -> &str {
    &v[..v.len().min(n)]
}

fn tail(v: &str, n: usize) -> &str {
    &v[v.len().saturating_sub(n)..]
}

fn swapcase(v: &str) -> String {
    v.chars()
        .map(|c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn has_glob_chars(v: &str) -> bool {
    v.bytes().any(|c| matches!(c, b'*' | b'?' | b'[' | b']'))
}

/// `fnmatch` pattern matching `v` case-insensitively, letter by letter.
fn casefold_glob(v: &str) -> String {
    v.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A prefix of `v` with its second character as a wildcard and anything after it, as a
/// regex and the equivalent glob, when the prefix is made of characters both read literally.
fn regex_and_glob(v: &str) -> Option<(String, String)> {
    let prefix: Vec<char> = v.chars().take(8).collect();
    if prefix.len() < 3 {
        return None;
    }
    let (mut re, mut gl) = (String::new(), String::new());
    for (i, c) in prefix.iter().enumerate() {
        if i == 1 {
            re.push('.');
            gl.push('?');
        } else if c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '-' | ':' | ' ' | '=') {
            re.push(*c);
            gl.push(*c);
        } else if *c == '.' {
            re.push_str("[.]");
            gl.push_str("[.]");
        } else {
            return None;
        }
    }
    re.push_str(".*");
    gl.push('*');
    Some((re, gl))
}

fn parent(path: &str) -> Option<&str> {
    let i = path.rfind('/')?;
    (i > 0).then(|| &path[..i])
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// Runs of letters and digits of at least 4 characters in a buffer as sysdig prints it
/// (non-printable bytes are dots, so dots are not trusted).
fn runs(printed: &str) -> Vec<&str> {
    printed
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|r| r.len() >= 4)
        .collect()
}

/// `f in (..)` as sysdig 0.29.3 must be given it. For non-string fields its parser expands
/// `in` into one copy of the check per element, and the copies lose the field argument
/// (`proc.apid[2]`, `evt.rawarg.fd`: wrong results or a crash), so those get the `or` of
/// the equalities the expansion means.
fn sysdig_in(f: &str, items: &[String]) -> String {
    let has_arg = f.contains('[') || f.starts_with("evt.rawarg.") || f == "proc.apid";
    if has_arg {
        let eqs: Vec<String> = items.iter().map(|i| format!("{f} = {i}")).collect();
        format!("({})", eqs.join(" or "))
    } else {
        format!("{f} in ({})", items.join(", "))
    }
}

/// Keeps the first `core` generated checks of a field and every third of the others, in a
/// rotation that differs per field so every kind of check is exercised somewhere.
fn thin(mut all: Vec<Case>, core: usize, salt: usize, out: &mut Vec<Case>) {
    let mut k = 0;
    all.retain(|_| {
        k += 1;
        k - 1 < core || (k + salt).is_multiple_of(3)
    });
    out.extend(all);
}

fn str_checks(f: &str, vals: &[String], path: bool) -> Vec<Case> {
    let mut out = Vec::new();
    let Some(v0) = vals.first() else {
        return out;
    };
    let v1 = vals.get(1).unwrap_or(v0);
    let vr = vals.last().unwrap_or(v0);
    let mut same = |c: String| out.push(Case::same(f, c));
    same(format!("{f} = {}", q(v0)));
    same(format!("{f} != {}", q(v0)));
    same(format!(
        "{f} in ({}, {}, {}, \"no such value\")",
        q(v0),
        q(v1),
        q(vr)
    ));
    same(format!("{f} = \"{vr}\""));
    same(format!("{f} exists"));
    same(format!("{f} contains {}", q(middle(v1))));
    same(format!("{f} icontains {}", q(&swapcase(middle(vr)))));
    same(format!(
        "{f} startswith {}",
        q(head(v0, v0.len().div_ceil(2)))
    ));
    same(format!(
        "{f} endswith {}",
        q(tail(v1, v1.len().div_ceil(2)))
    ));
    same(format!("not {f} startswith {}", q(head(vr, 1))));
    if !has_glob_chars(v1) && v1.len() >= 2 {
        let mut pat: String = head(v1, (v1.len() * 3).div_ceil(5)).to_string();
        pat.replace_range(1..2, "?");
        pat.push('*');
        same(format!("{f} glob {}", q(&pat)));
    }
    if !has_glob_chars(vr) {
        same(format!("{f} glob {}", q(&format!("*{}", tail(vr, 3)))));
        if let Some(c) = vr.chars().next().filter(char::is_ascii_lowercase) {
            same(format!("{f} glob \"[a-{c}]*\""));
        }
    }
    if path {
        let dirs: Vec<String> = [v0, v1, vr]
            .iter()
            .filter_map(|v| parent(v))
            .map(q)
            .collect();
        if !dirs.is_empty() {
            same(format!("{f} pmatch ({})", dirs.join(", ")));
        }
        same(format!("{f} pmatch ({})", q(v1)));
    }

    // Constructs sysdig 0.29.3 spells differently.
    let mut rewritten = |ours: String, theirs: String| out.push(Case::rewritten(f, ours, theirs));
    rewritten(format!("{f} == {}", q(v1)), format!("{f} = {}", q(v1)));
    rewritten(
        format!("{f} intersects ({}, {})", q(v0), q(vr)),
        format!("{f} in ({}, {})", q(v0), q(vr)),
    );
    if !has_glob_chars(v0) && v0.len() * 4 <= SYSDIG_MAX_LITERAL {
        rewritten(
            format!("{f} iglob {}", q(&swapcase(v0))),
            format!("{f} glob {}", q(&casefold_glob(v0))),
        );
    }
    if let Some((re, gl)) = regex_and_glob(v1) {
        rewritten(format!("{f} regex \"{re}\""), format!("{f} glob \"{gl}\""));
    }
    let (p0, p1) = (q(head(v0, 2)), q(head(vr, 3)));
    rewritten(
        format!("{f} startswith anyof ({p0}, {p1})"),
        format!("({f} startswith {p0} or {f} startswith {p1})"),
    );
    let (s0, s1) = (q(middle(v0)), q(head(v1, 2)));
    rewritten(
        format!("{f} contains allof ({s0}, {s1})"),
        format!("({f} contains {s0} and {f} contains {s1})"),
    );
    let (e0, e1) = (q(tail(v0, 1)), q(tail(v1, 2)));
    rewritten(
        format!("{f} endswith oneof ({e0}, {e1})"),
        format!(
            "(({f} endswith {e0} and not {f} endswith {e1}) or \
             ({f} endswith {e1} and not {f} endswith {e0}))"
        ),
    );
    rewritten(
        format!("{f} != allof ({}, {})", q(v0), q(v1)),
        format!("({f} != {} and {f} != {})", q(v0), q(v1)),
    );
    out
}

/// `evt.type` takes event names only, with equality and lists.
fn evt_type_checks(f: &str, vals: &[String]) -> Vec<Case> {
    let mut out = Vec::new();
    let (Some(v0), Some(vr)) = (vals.first(), vals.last()) else {
        return out;
    };
    let v1 = vals.get(1).unwrap_or(v0);
    let vm = &vals[vals.len() / 2];
    for c in [
        format!("{f} = {v0}"),
        format!("{f} != {v1}"),
        format!("{f} in ({v1}, {vm}, {vr})"),
        format!("{f} = {vr}"),
        format!("not {f} in ({v0}, {v1})"),
    ] {
        out.push(Case::same(f, c));
    }
    out.push(Case::rewritten(
        f,
        format!("{f} == {vm}"),
        format!("{f} = {vm}"),
    ));
    out.push(Case::rewritten(
        f,
        format!("{f} intersects ({v0}, {vr})"),
        format!("{f} in ({v0}, {vr})"),
    ));
    out
}

fn num_checks(f: &str, s: &Samples) -> Vec<Case> {
    let mut out = Vec::new();
    let nums = s.numbers(f);
    let (Some(lo), Some(hi)) = (nums.first().copied(), nums.last().copied()) else {
        return out;
    };
    let md = nums[nums.len() / 2];
    let mf = s.most_frequent_number(f).unwrap_or(md);
    let list = |items: &[i128]| -> Vec<String> { items.iter().map(i128::to_string).collect() };
    for c in [
        format!("{f} = {mf}"),
        format!("{f} != {mf}"),
        format!("{f} < {md}"),
        format!("{f} <= {md}"),
        format!("{f} > {md}"),
        format!("{f} >= {hi}"),
        format!("{f} exists"),
        format!("{f} > {lo} and {f} < {hi}"),
    ] {
        out.push(Case::same(f, c));
    }
    let items = list(&[lo, md, hi]);
    out.push(Case::rewritten(
        f,
        format!("{f} in ({})", items.join(", ")),
        sysdig_in(f, &items),
    ));
    out.push(Case::rewritten(
        f,
        format!("{f} == {lo}"),
        format!("{f} = {lo}"),
    ));
    let items = list(&[mf, hi]);
    out.push(Case::rewritten(
        f,
        format!("{f} intersects ({})", items.join(", ")),
        sysdig_in(f, &items),
    ));
    out
}

fn bool_checks(f: &str, s: &Samples) -> Vec<Case> {
    if s.raw(f).is_empty() {
        return Vec::new();
    }
    [
        format!("{f} = true"),
        format!("{f} = false"),
        format!("{f} != true"),
    ]
    .into_iter()
    .map(|c| Case::same(f, c))
    .collect()
}

/// `a.b.c.d` masked to a `/len` network.
fn cidr(ip: &str, len: u32) -> Option<String> {
    let a: std::net::Ipv4Addr = ip.parse().ok()?;
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    Some(format!(
        "{}/{len}",
        std::net::Ipv4Addr::from(u32::from(a) & mask)
    ))
}

fn ip_checks(f: &str, s: &Samples) -> Vec<Case> {
    let mut out = Vec::new();
    let vals = s.ranked(f);
    let (Some(v0), Some(vr)) = (vals.first(), vals.last()) else {
        return out;
    };
    let mut same = |field: &str, lit: &str, c: String| out.push(Case::scoped(field, lit, c));
    same(f, v0, format!("{f} = {v0}"));
    same(f, v0, format!("{f} != {v0}"));
    same(f, vr, format!("{f} exists"));
    if v0.contains(':') == vr.contains(':') {
        same(f, v0, format!("{f} in ({v0}, {vr})"));
    }
    // The network twin of the address field (fd.cip -> fd.cnet), IPv4 only: sysdig 0.29.3
    // cannot parse IPv6 networks.
    let net = f.replace("ip", "net");
    let v4: Vec<&String> = vals.iter().filter(|v| !v.contains(':')).collect();
    if let (Some(a), Some(b)) = (v4.first(), v4.last()) {
        if let (Some(n24), Some(n16), Some(n32)) = (cidr(a, 24), cidr(b, 16), cidr(b, 32)) {
            same(&net, a, format!("{net} = {n24}"));
            same(&net, a, format!("{net} != {n24}"));
            same(&net, b, format!("{net} in ({n16}, {n32})"));
        }
    }
    out
}

fn port_checks(f: &str, s: &Samples) -> Vec<Case> {
    let nums = s.numbers(f);
    let (Some(mf), Some(lo), Some(hi)) = (s.most_frequent_number(f), nums.first(), nums.last())
    else {
        return Vec::new();
    };
    [
        format!("{f} = {mf}"),
        format!("{f} != {mf}"),
        format!("{f} < {mf}"),
        format!("{f} >= {mf}"),
        format!("{f} in ({lo}, {hi})"),
    ]
    .into_iter()
    .map(|c| Case::same(f, c))
    .collect()
}

/// Buffers are compared through printable runs of their printed form; `bytes` fields
/// (`BYTEBUF`) also get the byte-operator spellings.
fn buf_checks(f: &str, s: &Samples, bytes: bool) -> Vec<Case> {
    let mut out = Vec::new();
    let printed = s.raw(f);
    let mut found: Vec<&str> = Vec::new();
    let mut leading: Option<&str> = None;
    for p in &printed {
        for r in runs(p) {
            if !found.contains(&r) {
                found.push(r);
            }
        }
        if leading.is_none() {
            leading = runs(p).first().copied().filter(|r| p.starts_with(r));
        }
    }
    found.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    if !printed.is_empty() {
        out.push(Case::same(f, format!("{f} exists")));
    }
    for r in found.iter().take(3) {
        let r = head(r, 40);
        out.push(Case::same(f, format!("{f} contains {r}")));
        if bytes {
            out.push(Case::rewritten(
                f,
                format!("{f} bcontains {}", hex(r)),
                format!("{f} contains {r}"),
            ));
        }
    }
    if let Some(p) = leading {
        let p = head(p, 40);
        out.push(Case::same(f, format!("{f} startswith {p}")));
        if bytes {
            out.push(Case::rewritten(
                f,
                format!("{f} bstartswith {}", hex(p)),
                format!("{f} startswith {p}"),
            ));
        }
    }
    out
}

/// Checks on filter-only fields, from the values of their printable relatives.
fn derived_checks(s: &Samples) -> Vec<Case> {
    let mut out = Vec::new();
    let mut ips: Vec<String> = s.ranked("fd.sip");
    ips.extend(s.ranked("fd.cip"));
    if let (Some(a), Some(b)) = (ips.first(), ips.last()) {
        out.push(Case::scoped("fd.ip", a, format!("fd.ip = {a}")));
        out.push(Case::scoped("fd.ip", a, format!("fd.ip != {a}")));
        if a.contains(':') == b.contains(':') {
            out.push(Case::scoped("fd.ip", a, format!("fd.ip in ({a}, {b})")));
        }
        if let Some(n) = cidr(b, 24) {
            out.push(Case::scoped("fd.net", b, format!("fd.net = {n}")));
            out.push(Case::scoped("fd.net", b, format!("fd.net != {n}")));
        }
    }
    if let Some(p) = s.most_frequent_number("fd.sport") {
        let c = s.most_frequent_number("fd.cport").unwrap_or(p);
        for cond in [
            format!("fd.port = {p}"),
            format!("fd.port != {p}"),
            format!("fd.port > {p}"),
            format!("fd.port <= {p}"),
            format!("fd.port in ({p}, {c})"),
            format!("fd.port = {c}"),
        ] {
            out.push(Case::same("fd.port", cond));
        }
    }
    let anames: Vec<String> = s.ranked("proc.aname[2]");
    if let (Some(a), Some(b)) = (anames.first(), anames.last()) {
        for c in [
            format!("proc.aname = {}", q(a)),
            format!("proc.aname != {}", q(a)),
            format!("proc.aname in ({}, {})", q(a), q(b)),
            format!("proc.aname startswith {}", q(head(b, 2))),
            format!("proc.aname glob {}", q(&format!("*{}", tail(a, 2)))),
        ] {
            out.push(Case::same("proc.aname", c));
        }
    }
    let apids = s.numbers("proc.apid[2]");
    if let (Some(a), Some(b)) = (apids.first(), apids.last()) {
        let items = [a.to_string(), b.to_string()];
        out.push(Case::same("proc.apid", format!("proc.apid = {a}")));
        out.push(Case::rewritten(
            "proc.apid",
            format!("proc.apid in ({a}, {b})"),
            sysdig_in("proc.apid", &items),
        ));
    }
    let fds = s.numbers("fd.num");
    if let (Some(fd), Some(hi)) = (s.most_frequent_number("fd.num"), fds.last()) {
        let items = [fd.to_string(), hi.to_string()];
        out.push(Case::same("evt.rawarg.fd", format!("evt.rawarg.fd = {fd}")));
        out.push(Case::same(
            "evt.rawarg.fd",
            format!("evt.rawarg.fd >= {hi}"),
        ));
        out.push(Case::rewritten(
            "evt.rawarg.fd",
            format!("evt.rawarg.fd in ({fd}, {hi})"),
            sysdig_in("evt.rawarg.fd", &items),
        ));
    }
    let sizes: Vec<i128> = s.numbers("evt.arg.size");
    if let Some(sz) = sizes.get(sizes.len() / 2) {
        out.push(Case::same(
            "evt.rawarg.size",
            format!("evt.rawarg.size = {sz}"),
        ));
        out.push(Case::same(
            "evt.rawarg.size",
            format!("evt.rawarg.size < {sz}"),
        ));
    }
    out
}

/// Every atomic check for one trace.
pub fn atoms(s: &Samples) -> Vec<Case> {
    let mut out = Vec::new();
    for (salt, (f, kind)) in SAMPLED.iter().enumerate() {
        let (all, core) = match kind {
            Kind::Str | Kind::Path => (str_checks(f, &s.ranked(f), *kind == Kind::Path), 3),
            Kind::EvtType => (evt_type_checks(f, &s.ranked(f)), 99),
            Kind::Num => (num_checks(f, s), 2),
            Kind::Bool => (bool_checks(f, s), 99),
            Kind::Ip => (ip_checks(f, s), 99),
            Kind::Port => (port_checks(f, s), 2),
            Kind::Buf => (buf_checks(f, s, false), 99),
            Kind::Bytes => (buf_checks(f, s, true), 99),
        };
        thin(all, core, salt, &mut out);
    }
    out.extend(derived_checks(s));
    out
}

pub fn fixed() -> Vec<Case> {
    FIXED
        .iter()
        .map(|(ours, theirs)| {
            let theirs = if theirs.is_empty() { ours } else { theirs };
            Case {
                ours: ours.to_string(),
                theirs: theirs.to_string(),
                fields: fields_in(ours),
            }
        })
        .collect()
}

/// Field names a hand-written condition mentions, `[arg]` included.
fn fields_in(cond: &str) -> Vec<String> {
    let classes = [
        "evt.", "proc.", "thread.", "user.", "group.", "fd.", "syscall.",
    ];
    let mut out: Vec<String> = cond
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '[' | ']')))
        .filter(|w| classes.iter().any(|c| w.starts_with(c)))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Boolean combinations of atomic checks with broad ones, every combination shape in turn.
/// Both sides are fully parenthesised: sysdig 0.29.3 rejects mixed `and`/`or` without
/// parentheses.
pub fn compounds(atoms: &[Case], broad: &[Case], count: usize) -> Vec<Case> {
    let n = atoms.len();
    if n == 0 || broad.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let a = &atoms[(i * 7 + 1) % n];
        let b = &atoms[(i * 11 + 3) % n];
        let c = &broad[i % broad.len()];
        let shape = |x: &str, y: &str, z: &str| -> String {
            match i % 9 {
                0 => format!("({x}) and ({z})"),
                1 => format!("({x}) or ({y})"),
                2 => format!("not ({x})"),
                3 => format!("({z}) and not ({x})"),
                4 => format!("not (({x}) or ({y}))"),
                5 => format!("(({x}) or ({y})) and ({z})"),
                6 => format!("({x}) or (({y}) and not ({z}))"),
                7 => format!("not ({x}) and not ({z})"),
                _ => format!("(({x}) and ({z})) or (({y}) and not ({z}))"),
            }
        };
        out.push(Case::combine(
            &[a, b, c],
            shape(&a.ours, &b.ours, &c.ours),
            shape(&a.theirs, &b.theirs, &c.theirs),
        ));
    }
    out
}

/// Checks that split a trace roughly in two, to combine others with.
pub fn broad(s: &Samples) -> Vec<Case> {
    let mut out = vec![Case::same("evt.dir", "evt.dir = <".to_string())];
    for f in ["evt.type", "proc.name", "fd.type"] {
        if let Some(v) = s.ranked(f).first() {
            out.push(Case::same(f, format!("{f} = {}", q(v))));
        }
    }
    out
}
