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
        Case { theirs: cond.clone(), ours: cond, fields: vec![field.to_string()] }
    }

    fn rewritten(field: &str, ours: String, theirs: String) -> Case {
        Case { ours, theirs, fields: vec![field.to_string()] }
    }

    fn combine(parts: &[&Case], ours: String, theirs: String) -> Case {
        let mut fields: Vec<String> = parts.iter().flat_map(|c| c.fields.iter().cloned()).collect();
        fields.sort();
        fields.dedup();
        Case { ours, theirs, fields }
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
    /// A byte buffer, printed with dots for non-printable bytes.
    Buf,
}

/// The printed fields values are sampled from and checks are generated for.
pub const SAMPLED: &[(&str, Kind)] = &[
    ("evt.type", Kind::Str),
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
    ("evt.rawarg.pid", Kind::Num),
    ("evt.rawarg.ptid", Kind::Num),
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
    ("evt.buffer", Kind::Buf),
    ("evt.arg.data", Kind::Buf),
];

/// Hand-written conditions, run on every trace: `(ours, theirs)`, `theirs` empty when sysdig
/// is given the same text.
const FIXED: &[(&str, &str)] = &[
    // Event types, lists and spacing.
    ("evt.type = open or evt.type = openat", ""),
    ("evt.type in (open, openat, close, read, write)", ""),
    ("evt.type in (connect, accept, socket, bind, listen, sendto, recvfrom)", ""),
    ("evt.type in ( execve , clone )", ""),
    ("evt.type in (execve)", ""),
    ("evt.type=read", ""),
    ("evt.type= read and(evt.dir=<)", ""),
    ("evt.type != read and evt.type != write", ""),
    ("evt.type = execve and evt.dir = <", ""),
    ("(evt.type = read or evt.type = write) and fd.type = file", ""),
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
    ("evt.rawarg.fd in (0, 1, 2)", ""),
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
    ("fd.cnet = 0.0.0.0/0", ""),
    ("fd.snet = 127.0.0.1/32", ""),
    ("fd.snet in (127.0.0.0/8, 8.8.0.0/16)", ""),
    ("fd.lnet = 127.0.0.0/8", ""),
    ("fd.rnet != 127.0.0.0/8", ""),
    ("fd.ip = 127.0.0.1", ""),
    ("fd.ip != 127.0.0.1", ""),
    ("fd.ip = ::1", ""),
    ("fd.ip in (127.0.0.1, ::1)", ""),
    ("fd.sip = ::1", ""),
    ("fd.cip != ::1", ""),
    ("fd.sip in (127.0.0.1, 8.8.8.8, 2001:4860:4860::8888)", ""),
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
    ("proc.name in (cat, bash, curl, sshd, nginx, node, python)", ""),
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
    ("evt.buffer bstartswith 7f454c46", "evt.buffer startswith \"\\x7fELF\""),
    ("evt.buffer bcontains 2f6c6962", "evt.buffer contains /lib"),
    ("evt.buffer contains GET", ""),
    ("evt.buffer bcontains 48545450", "evt.buffer contains HTTP"),
    ("evt.buffer bstartswith 48545450", "evt.buffer startswith HTTP"),
    ("evt.arg.data contains HTTP", ""),
    ("evt.arg.data bcontains 0d0a", "evt.arg.data contains \"\\x0d\\x0a\""),
    ("evt.buffer exists", ""),
    ("evt.buflen > 100", ""),
    // Operators sysdig spells differently.
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
        && v.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'/' | b':' | b'-'));
    if bare {
        v.to_string()
    } else {
        format!("\"{v}\"")
    }
}

fn middle(v: &str) -> &str {
    let n = v.len();
    if n < 3 {
        return v;
    }
    let start = n / 4;
    let len = (n / 2).max(2);
    &v[start..(start + len).min(n)]
}

fn swapcase(v: &str) -> String {
    v.chars()
        .map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
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
/// regex and the equivalent glob, when `v` has a prefix made of characters both read
/// literally.
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

fn str_checks(f: &str, vals: &[String], path: bool, out: &mut Vec<Case>) {
    let Some(v0) = vals.first() else { return };
    let v1 = vals.get(1).unwrap_or(v0);
    let vr = vals.last().unwrap_or(v0);
    let mut same = |c: String| out.push(Case::same(f, c));
    same(format!("{f} = {}", q(v0)));
    same(format!("{f} != {}", q(v0)));
    same(format!("{f} = \"{vr}\""));
    same(format!("{f} in ({}, {}, {}, \"no such value\")", q(v0), q(v1), q(vr)));
    same(format!("{f} exists"));
    let sub = middle(v1);
    if !sub.is_empty() {
        same(format!("{f} contains {}", q(sub)));
    }
    let isub = swapcase(middle(vr));
    if !isub.is_empty() {
        same(format!("{f} icontains {}", q(&isub)));
    }
    same(format!("{f} startswith {}", q(&v0[..v0.len().div_ceil(2)])));
    same(format!("{f} endswith {}", q(&v1[v1.len() / 2..])));
    same(format!("not {f} startswith {}", q(&vr[..vr.len().min(1)])));
    if !has_glob_chars(v1) && v1.len() >= 2 {
        let keep = (v1.len() * 3).div_ceil(5);
        let mut pat: String = v1[..keep].to_string();
        pat.replace_range(1..2, "?");
        pat.push('*');
        same(format!("{f} glob {}", q(&pat)));
    }
    if !has_glob_chars(vr) {
        let tail = &vr[vr.len().saturating_sub(3)..];
        same(format!("{f} glob {}", q(&format!("*{tail}"))));
        if let Some(c) = vr.chars().next().filter(char::is_ascii_lowercase) {
            same(format!("{f} glob \"[a-{c}]*\""));
        }
    }
    if path {
        let dirs: Vec<&str> = [v0, v1, vr].iter().filter_map(|v| parent(v)).collect();
        if !dirs.is_empty() {
            let list: Vec<String> = dirs.iter().map(|d| q(d)).collect();
            same(format!("{f} pmatch ({})", list.join(", ")));
        }
        same(format!("{f} pmatch ({})", q(v1)));
    }

    // Constructs sysdig 0.29.3 spells differently.
    out.push(Case::rewritten(f, format!("{f} == {}", q(v1)), format!("{f} = {}", q(v1))));
    out.push(Case::rewritten(
        f,
        format!("{f} intersects ({}, {})", q(v0), q(vr)),
        format!("{f} in ({}, {})", q(v0), q(vr)),
    ));
    if !has_glob_chars(v0) {
        out.push(Case::rewritten(
            f,
            format!("{f} iglob {}", q(&swapcase(v0))),
            format!("{f} glob {}", q(&casefold_glob(v0))),
        ));
    }
    if let Some((re, gl)) = regex_and_glob(v1) {
        out.push(Case::rewritten(f, format!("{f} regex \"{re}\""), format!("{f} glob \"{gl}\"")));
    }
    let (p0, p1) = (q(&v0[..v0.len().min(2)]), q(&vr[..vr.len().min(3)]));
    out.push(Case::rewritten(
        f,
        format!("{f} startswith anyof ({p0}, {p1})"),
        format!("({f} startswith {p0} or {f} startswith {p1})"),
    ));
    let (s0, s1) = (q(middle(v0)), q(&v1[..v1.len().min(2)]));
    out.push(Case::rewritten(
        f,
        format!("{f} contains allof ({s0}, {s1})"),
        format!("({f} contains {s0} and {f} contains {s1})"),
    ));
    let (e0, e1) = (q(&v0[v0.len().saturating_sub(1)..]), q(&v1[v1.len().saturating_sub(2)..]));
    out.push(Case::rewritten(
        f,
        format!("{f} endswith oneof ({e0}, {e1})"),
        format!(
            "(({f} endswith {e0} and not {f} endswith {e1}) or ({f} endswith {e1} and not {f} endswith {e0}))"
        ),
    ));
    out.push(Case::rewritten(
        f,
        format!("{f} != allof ({}, {})", q(v0), q(v1)),
        format!("({f} != {} and {f} != {})", q(v0), q(v1)),
    ));
}

fn num_checks(f: &str, s: &Samples, out: &mut Vec<Case>) {
    let nums = s.numbers(f);
    let (Some(lo), Some(hi)) = (nums.first(), nums.last()) else { return };
    let md = nums[nums.len() / 2];
    let mf = s.most_frequent_number(f).unwrap_or(md);
    let mut same = |c: String| out.push(Case::same(f, c));
    same(format!("{f} = {mf}"));
    same(format!("{f} != {mf}"));
    same(format!("{f} < {md}"));
    same(format!("{f} <= {md}"));
    same(format!("{f} > {md}"));
    same(format!("{f} >= {hi}"));
    same(format!("{f} in ({lo}, {md}, {hi})"));
    same(format!("{f} exists"));
    same(format!("{f} > {lo} and {f} < {hi}"));
    out.push(Case::rewritten(f, format!("{f} == {lo}"), format!("{f} = {lo}")));
    out.push(Case::rewritten(
        f,
        format!("{f} intersects ({mf}, {hi})"),
        format!("{f} in ({mf}, {hi})"),
    ));
}

fn bool_checks(f: &str, s: &Samples, out: &mut Vec<Case>) {
    if s.raw(f).is_empty() {
        return;
    }
    for c in [format!("{f} = true"), format!("{f} = false"), format!("{f} != true")] {
        out.push(Case::same(f, c));
    }
}

/// `a.b.c.d` masked to a `/len` network.
fn cidr(ip: &str, len: u32) -> Option<String> {
    let a: std::net::Ipv4Addr = ip.parse().ok()?;
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    Some(format!("{}/{len}", std::net::Ipv4Addr::from(u32::from(a) & mask)))
}

fn ip_checks(f: &str, s: &Samples, out: &mut Vec<Case>) {
    let vals = s.ranked(f);
    let Some(v0) = vals.first() else { return };
    let vr = vals.last().unwrap_or(v0);
    let mut same = |field: &str, c: String| out.push(Case::same(field, c));
    same(f, format!("{f} = {v0}"));
    same(f, format!("{f} != {v0}"));
    same(f, format!("{f} in ({v0}, {vr})"));
    same(f, format!("{f} exists"));
    // The network twin of the address field (fd.cip -> fd.cnet), IPv4 only: sysdig 0.29.3
    // cannot parse IPv6 networks.
    let net = f.replace("ip", "net");
    let v4: Vec<&String> = vals.iter().filter(|v| v.contains('.')).collect();
    if let (Some(a), Some(b)) = (v4.first(), v4.last()) {
        if let (Some(n24), Some(n16), Some(n32)) = (cidr(a, 24), cidr(b, 16), cidr(b, 32)) {
            same(&net, format!("{net} = {n24}"));
            same(&net, format!("{net} != {n24}"));
            same(&net, format!("{net} in ({n16}, {n32})"));
            same(&net, format!("fd.net = {n16}"));
        }
    }
}

fn port_checks(f: &str, s: &Samples, out: &mut Vec<Case>) {
    let nums = s.numbers(f);
    let Some(mf) = s.most_frequent_number(f) else { return };
    let lo = nums[0];
    let hi = nums[nums.len() - 1];
    let mut same = |c: String| out.push(Case::same(f, c));
    same(format!("{f} = {mf}"));
    same(format!("{f} != {mf}"));
    same(format!("{f} < {mf}"));
    same(format!("{f} >= {mf}"));
    same(format!("{f} in ({lo}, {hi})"));
}

fn buf_checks(f: &str, s: &Samples, out: &mut Vec<Case>) {
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
    for r in found.iter().take(3) {
        out.push(Case::same(f, format!("{f} contains {r}")));
        out.push(Case::rewritten(f, format!("{f} bcontains {}", hex(r)), format!("{f} contains {r}")));
    }
    if let Some(p) = leading {
        out.push(Case::same(f, format!("{f} startswith {p}")));
        out.push(Case::rewritten(f, format!("{f} bstartswith {}", hex(p)), format!("{f} startswith {p}")));
    }
    if !printed.is_empty() {
        out.push(Case::same(f, format!("{f} exists")));
    }
}

/// Checks on filter-only fields, from the values of their printable relatives.
fn derived_checks(s: &Samples, out: &mut Vec<Case>) {
    let mut ips: Vec<String> = s.ranked("fd.sip");
    ips.extend(s.ranked("fd.cip"));
    if let (Some(a), Some(b)) = (ips.first(), ips.last()) {
        for c in [format!("fd.ip = {a}"), format!("fd.ip != {a}"), format!("fd.ip in ({a}, {b})")] {
            out.push(Case::same("fd.ip", c));
        }
        if let Some(n) = cidr(b, 24) {
            out.push(Case::same("fd.net", format!("fd.net = {n}")));
            out.push(Case::same("fd.net", format!("fd.net != {n}")));
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
            format!("proc.aname startswith {}", q(&b[..b.len().min(2)])),
            format!("proc.aname glob {}", q(&format!("*{}", &a[a.len().saturating_sub(2)..]))),
        ] {
            out.push(Case::same("proc.aname", c));
        }
    }
    let apids = s.numbers("proc.apid[2]");
    if let (Some(a), Some(b)) = (apids.first(), apids.last()) {
        out.push(Case::same("proc.apid", format!("proc.apid = {a}")));
        out.push(Case::same("proc.apid", format!("proc.apid in ({a}, {b})")));
    }
    let fds = s.numbers("fd.num");
    if let Some(fd) = s.most_frequent_number("fd.num") {
        out.push(Case::same("evt.rawarg.fd", format!("evt.rawarg.fd = {fd}")));
        if let Some(hi) = fds.last() {
            out.push(Case::same("evt.rawarg.fd", format!("evt.rawarg.fd >= {hi}")));
        }
    }
    let sizes: Vec<i128> = s.numbers("evt.arg.size");
    if let Some(sz) = sizes.get(sizes.len() / 2) {
        out.push(Case::same("evt.rawarg.size", format!("evt.rawarg.size = {sz}")));
        out.push(Case::same("evt.rawarg.size", format!("evt.rawarg.size < {sz}")));
    }
}

/// Every atomic check for one trace.
pub fn atoms(s: &Samples) -> Vec<Case> {
    let mut out = Vec::new();
    for (f, kind) in SAMPLED {
        match kind {
            Kind::Str | Kind::Path => str_checks(f, &s.ranked(f), *kind == Kind::Path, &mut out),
            Kind::Num => num_checks(f, s, &mut out),
            Kind::Bool => bool_checks(f, s, &mut out),
            Kind::Ip => ip_checks(f, s, &mut out),
            Kind::Port => port_checks(f, s, &mut out),
            Kind::Buf => buf_checks(f, s, &mut out),
        }
    }
    derived_checks(s, &mut out);
    out
}

pub fn fixed() -> Vec<Case> {
    FIXED
        .iter()
        .map(|(ours, theirs)| {
            let theirs = if theirs.is_empty() { ours } else { theirs };
            Case { ours: ours.to_string(), theirs: theirs.to_string(), fields: fields_in(ours) }
        })
        .collect()
}

/// Field names a hand-written condition mentions (dotted words, without `[arg]`).
fn fields_in(cond: &str) -> Vec<String> {
    let mut out: Vec<String> = cond
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .filter(|w| {
            w.contains('.')
                && w.split('.').count() >= 2
                && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && SAMPLED.iter().any(|(f, _)| f.split('.').next() == w.split('.').next())
        })
        .map(|w| w.to_string())
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
