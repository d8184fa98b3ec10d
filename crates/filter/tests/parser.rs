use peregrine_filter::ast::{Expr, FieldRef, Modifier, Op, Operand, Pos, Rhs, Transformer};
use peregrine_filter::{parse, parse_with_max_depth, to_string};

fn p(s: &str) -> Expr {
    parse(s).unwrap_or_else(|e| panic!("{s:?}: {e} at {:?}", e.pos))
}

fn perr(s: &str) -> String {
    match parse(s) {
        Ok(e) => panic!("{s:?} parsed as {e:?}"),
        Err(e) => e.message,
    }
}

/// Round trip through Falco's printer: a compact way to assert the tree shape.
fn show(s: &str) -> String {
    to_string(&p(s))
}

#[test]
fn simple_checks() {
    match p("proc.name=cat") {
        Expr::Check {
            lhs: Operand::Field(FieldRef { name, arg, pos }),
            op,
            modifier,
            rhs,
            pos: cpos,
        } => {
            assert_eq!(name, "proc.name");
            assert_eq!(arg, None);
            assert_eq!(op, Op::Eq);
            assert_eq!(modifier, None);
            assert_eq!(rhs, Some(Rhs::Value("cat".into())));
            assert_eq!(
                pos,
                Pos {
                    offset: 0,
                    line: 1,
                    col: 1
                }
            );
            assert_eq!(cpos, pos);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(show("proc.name == cat"), "proc.name = cat");
    assert_eq!(show("fd.num>=0"), "fd.num >= 0");
    assert_eq!(show("evt.rawres < -1"), "evt.rawres < -1");
    assert_eq!(show("evt.num > 0x1F"), "evt.num > 0x1F");
    assert_eq!(show("evt.num <= 1.5e+3"), "evt.num <= 1.5e+3");
    assert_eq!(show("proc.name exists"), "proc.name exists");
    assert_eq!(show("proc.name != 'a b'"), "proc.name != \"a b\"");
    assert_eq!(show("fd.sip=\"10.0.0.1\""), "fd.sip = 10.0.0.1");
    assert_eq!(show("fd.snet in (10.0.0.0/8)"), "fd.snet in (10.0.0.0/8)");
    assert_eq!(show("fd.name contains /etc/"), "fd.name contains /etc/");
    assert_eq!(
        show("evt.buffer bcontains 4d5a"),
        "evt.buffer bcontains 4d5a"
    );
    for op in [
        "glob",
        "iglob",
        "contains",
        "icontains",
        "bcontains",
        "startswith",
        "bstartswith",
        "endswith",
        "regex",
    ] {
        assert_eq!(
            show(&format!("proc.name {op} x")),
            format!("proc.name {op} x")
        );
    }
    for op in ["in", "intersects", "pmatch"] {
        assert_eq!(
            show(&format!("proc.name {op} (a,b)")),
            format!("proc.name {op} (a, b)")
        );
    }
}

#[test]
fn precedence_and_nary() {
    assert_eq!(
        show("a.b=1 or c.d=2 and e.f=3"),
        "(a.b = 1 or (c.d = 2 and e.f = 3))"
    );
    assert_eq!(
        show("a.b=1 and c.d=2 and e.f=3"),
        "(a.b = 1 and c.d = 2 and e.f = 3)"
    );
    assert_eq!(
        show("a.b=1 or c.d=2 or e.f=3"),
        "(a.b = 1 or c.d = 2 or e.f = 3)"
    );
    assert_eq!(show("not a.b=1 and c.d=2"), "(not a.b = 1 and c.d = 2)");
    assert_eq!(show("not (a.b=1 and c.d=2)"), "not (a.b = 1 and c.d = 2)");
    assert_eq!(show("not(a.b=1)"), "not a.b = 1");
    assert_eq!(show("not not a.b=1"), "a.b = 1");
    assert_eq!(show("not not not a.b=1"), "not a.b = 1");
    assert_eq!(show("(a.b=1)"), "a.b = 1");
    assert_eq!(
        show("((a.b=1 or c.d=2)) and e.f=3"),
        "((a.b = 1 or c.d = 2) and e.f = 3)"
    );
    assert_eq!(show("a.b=1 and(c.d=2)"), "(a.b = 1 and c.d = 2)");
    assert_eq!(show("a.b=1 or(c.d=2)"), "(a.b = 1 or c.d = 2)");
    assert_eq!(
        show("spawned_process and not container"),
        "(spawned_process and not container)"
    );
    match p("\n  a.b = 1\n  and c.d = 2") {
        Expr::And(children) => match &children[1] {
            Expr::Check { pos, .. } => assert_eq!(
                *pos,
                Pos {
                    offset: 17,
                    line: 3,
                    col: 7
                }
            ),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn identifiers_and_list_refs() {
    assert_eq!(
        p("my_macro"),
        Expr::Ident {
            name: "my_macro".into(),
            pos: Pos {
                offset: 0,
                line: 1,
                col: 1
            }
        }
    );
    match p("proc.name in shell_binaries") {
        Expr::Check {
            rhs: Some(Rhs::ListRef(n)),
            op: Op::In,
            ..
        } => assert_eq!(n, "shell_binaries"),
        other => panic!("{other:?}"),
    }
    // `in` needs no blank, as in libsinsp: `inx` is `in x`.
    assert_eq!(show("proc.name inx"), "proc.name in x");
    assert_eq!(show("proc.name in()"), "proc.name in ()");
    assert_eq!(show("proc.name in ( )"), "proc.name in ()");
    // `notx` is an identifier, `not(` a negation.
    assert_eq!(show("notx"), "notx");
    assert_eq!(show("not(x)"), "not x");
}

#[test]
fn strings_and_escapes() {
    let rhs = |s: &str| match p(s) {
        Expr::Check {
            rhs: Some(Rhs::Value(v)),
            ..
        } => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(rhs(r#"proc.name = "a\"b""#), "a\"b");
    assert_eq!(rhs(r#"proc.name = 'a\'b'"#), "a'b");
    assert_eq!(rhs(r#"proc.name = "a\\b""#), "a\\b");
    assert_eq!(rhs(r#"proc.name = "\x41\t\n""#), "A\t\n");
    assert_eq!(rhs(r#"proc.name = "a\ b""#), "a\\b");
    assert_eq!(rhs(r#"proc.name = 'a"b'"#), "a\"b");
    assert_eq!(rhs("proc.name = a.b/c:d*e"), "a.b/c:d*e");
    assert_eq!(
        rhs("proc.cmdline contains \"curl 127.0.0.1\""),
        "curl 127.0.0.1"
    );
    assert_eq!(
        perr(r#"proc.name = "\q""#),
        "unsupported string escape sequence: \\q"
    );
    assert_eq!(
        perr(r#"proc.name = '\"'"#),
        "invalid \\\" escape in '-quoted string"
    );
    assert_eq!(
        perr(r#"proc.name = "\x4""#),
        "truncated hex char escape sequence"
    );
    assert_eq!(
        perr(r#"proc.name = "abc"#),
        "expected a string value or a field with a valid transformer: 'val', 'tolower', \
         'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'"
    );
    // A string whose last escaped char is a backslash is not closed by the next quote.
    assert_eq!(rhs(r#"proc.name = "a\\" or x""#), "a\\\" or x");
}

#[test]
fn lists() {
    let list = |s: &str| match p(s) {
        Expr::Check {
            rhs: Some(Rhs::List(v)),
            ..
        } => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        list("proc.name in (a, 'b c', \"d\")"),
        vec!["a", "b c", "d"]
    );
    assert_eq!(list("proc.name in (\n a ,\n b\n)"), vec!["a", "b"]);
    assert_eq!(list("proc.name in ()"), Vec::<String>::new());
    assert_eq!(list("fd.sport in (80, 443)"), vec!["80", "443"]);
    assert_eq!(
        list("proc.name in ('\"(systemd)\"')"),
        vec!["\"(systemd)\""]
    );
    // libsinsp swallows a lexing error on the first element and then expects ')'.
    assert_eq!(list(r#"proc.name in ("\q")"#), Vec::<String>::new());
    assert_eq!(
        perr(r#"proc.name in (a, "\q")"#),
        "unsupported string escape sequence: \\q"
    );
    assert_eq!(perr("proc.name in (a b)"), "expected a ')' token");
    assert_eq!(perr("proc.name in (a,)"), "expected a string value");
    assert_eq!(perr("proc.name in (,a)"), "expected a ')' token");
    assert_eq!(
        perr("proc.name in"),
        "expected a list, an identifier, or a field with a valid transformer: 'val', \
         'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'"
    );
}

#[test]
fn field_args() {
    let field = |s: &str| match p(s) {
        Expr::Check {
            lhs: Operand::Field(f),
            ..
        } => (f.name, f.arg),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field("proc.aname[2]=sh"),
        ("proc.aname".into(), Some("2".into()))
    );
    assert_eq!(
        field("evt.arg.flags contains O_CREAT"),
        ("evt.arg.flags".into(), None)
    );
    assert_eq!(
        field("evt.arg[0] = 1"),
        ("evt.arg".into(), Some("0".into()))
    );
    assert_eq!(
        field("container.mount.dest[/var/run/docker.sock] exists"),
        (
            "container.mount.dest".into(),
            Some("/var/run/docker.sock".into())
        )
    );
    assert_eq!(
        field("k8s.pod.label[\"app.kubernetes.io/name\"] = x"),
        (
            "k8s.pod.label".into(),
            Some("app.kubernetes.io/name".into())
        )
    );
    assert_eq!(field("k8s.ns.name = x"), ("k8s.ns.name".into(), None));
    assert_eq!(show("proc.aname[2]=sh"), "proc.aname[2] = sh");
    assert_eq!(
        show("k8s.pod.label['a b'] = x"),
        "k8s.pod.label[\"a b\"] = x"
    );
    assert_eq!(show("k8s.pod.label[''] = x"), "k8s.pod.label[\"\"] = x");
    assert_eq!(
        perr("proc.aname[] = x"),
        "expected a valid field argument: a quoted string or a bare string"
    );
    assert_eq!(perr("proc.aname[2 = x"), "expected a ']' token");
}

#[test]
fn transformers_and_val() {
    assert_eq!(
        show("tolower(proc.name) = bash"),
        "tolower(proc.name) = bash"
    );
    assert_eq!(
        show("toupper( basename(proc.exepath) ) = BASH"),
        "toupper(basename(proc.exepath)) = BASH"
    );
    assert_eq!(show("len(proc.args) > 3"), "len(proc.args) > 3");
    assert_eq!(
        show("b64(evt.arg.data) contains x"),
        "b64(evt.arg.data) contains x"
    );
    assert_eq!(
        show("proc.pname = val(proc.name)"),
        "proc.pname = val(proc.name)"
    );
    assert_eq!(
        show("proc.pname = val( proc.aname[1] )"),
        "proc.pname = val(proc.aname[1])"
    );
    assert_eq!(
        show("proc.name = tolower(proc.pname)"),
        "proc.name = tolower(proc.pname)"
    );
    assert_eq!(show("evt.num > val(evt.num)"), "evt.num > val(evt.num)");
    assert_eq!(
        show("proc.name in val(proc.pname)"),
        "proc.name in val(proc.pname)"
    );
    assert_eq!(
        show("join(\",\", proc.args) contains \"-c,\""),
        "join(,,proc.args) contains -c,"
    );
    assert_eq!(
        show("concat(proc.name, \"-\", proc.pname) = a-b"),
        "concat(proc.name,-,proc.pname) = a-b"
    );
    assert_eq!(
        show("getopt(proc.args, \"ab:\")[b] = x"),
        "getopt(proc.args,ab:)[b] = x"
    );
    assert_eq!(
        show("join(\",\", (proc.name, proc.pname, 3)) = x"),
        "join(,,(proc.name,proc.pname,3)) = x"
    );
    match p("getopt(proc.args, 'ab:')[b] = x") {
        Expr::Check {
            lhs: Operand::Transform {
                func, args, arg, ..
            },
            ..
        } => {
            assert_eq!(func, Transformer::Getopt);
            assert_eq!(arg.as_deref(), Some("b"));
            assert_eq!(args.len(), 2);
            assert_eq!(args[1], Operand::Literal("ab:".into()));
        }
        other => panic!("{other:?}"),
    }
    match p("proc.pname = val(proc.name)") {
        Expr::Check {
            rhs: Some(Rhs::Operand(Operand::Field(f))),
            ..
        } => {
            assert_eq!(f.name, "proc.name");
            assert_eq!(
                f.pos,
                Pos {
                    offset: 17,
                    line: 1,
                    col: 18
                }
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        perr("proc.name = val(x)"),
        "expected a field within 'val' transformer"
    );
    assert_eq!(
        perr("proc.name = val(proc.name"),
        "expected a ')' token closing the transformer"
    );
    assert_eq!(
        perr("tolower(proc.name = x"),
        "expected a ')' token closing the transformer"
    );
    assert_eq!(
        perr("tolower(x) = y"),
        "expected field transformer argument: field, transformer, quoted string, number, or \
         transformer list"
    );
    assert_eq!(
        perr("join(',', (x)) = y"),
        "expected transformer list argument: field, transformer, quoted string, or number"
    );
    assert_eq!(
        perr("join(',', (proc.name) = y"),
        "expected a ')' token closing the transformer"
    );
    assert_eq!(perr("join(',', (proc.name x)) = y"), "expected ')'");
    assert_eq!(
        perr("proc.name = val(proc.pname)[1]"),
        "filter error: transformer 'val' does not support field arguments"
    );
}

#[test]
fn modifiers() {
    let m = |s: &str| match p(s) {
        Expr::Check {
            op, modifier, rhs, ..
        } => (op, modifier, rhs),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        m("proc.name startswith oneof (a, b)"),
        (
            Op::StartsWith,
            Some(Modifier::OneOf),
            Some(Rhs::List(vec!["a".into(), "b".into()]))
        )
    );
    assert_eq!(
        m("proc.name contains anyof my_list"),
        (
            Op::Contains,
            Some(Modifier::AnyOf),
            Some(Rhs::ListRef("my_list".into()))
        )
    );
    assert_eq!(
        m("proc.name = allof (a)"),
        (
            Op::Eq,
            Some(Modifier::AllOf),
            Some(Rhs::List(vec!["a".into()]))
        )
    );
    // Not a modifier: no list follows, or a boolean keyword follows, or no blank.
    assert_eq!(
        m("proc.name contains oneof"),
        (Op::Contains, None, Some(Rhs::Value("oneof".into())))
    );
    assert_eq!(
        show("proc.name contains oneof and a.b=1"),
        "(proc.name contains oneof and a.b = 1)"
    );
    assert_eq!(
        m("proc.name =oneof"),
        (Op::Eq, None, Some(Rhs::Value("oneof".into())))
    );
    assert_eq!(
        show("proc.name startswith oneof (a, b)"),
        "proc.name startswith oneof (a, b)"
    );
    assert_eq!(
        perr("proc.name in oneof (a)"),
        "unexpected token after 'oneof', expecting 'or', 'and'"
    );
}

#[test]
fn error_messages() {
    assert_eq!(perr(""), "filter input string is empty");
    assert_eq!(
        perr("evt.type = execve execve"),
        "unexpected token after 'execve', expecting 'or', 'and'"
    );
    assert_eq!(perr("(a.b=1"), "expected a ')' token");
    assert_eq!(
        perr("a.b=1)"),
        "unexpected token after '1', expecting 'or', 'and'"
    );
    assert_eq!(perr("a.b=1 andx"), "expected blank or '(' after 'and'");
    assert_eq!(perr("a.b=1 order"), "expected blank or '(' after 'or'");
    assert_eq!(
        perr("   "),
        "expected a '(' token, a field check, or an identifier"
    );
    assert_eq!(perr("a.b=1 and"), "expected blank or '(' after 'and'");
    assert_eq!(
        perr("a.b=1 and "),
        "expected a '(' token, a field check, or an identifier"
    );
    assert_eq!(
        perr("=1"),
        "expected a '(' token, a field check, or an identifier"
    );
    assert_eq!(
        perr("proc.name"),
        "expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', \
         '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', \
         'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'"
    );
    assert!(perr("proc.name containsx").starts_with("expected a valid check operator"));
    assert_eq!(
        perr("evt.num > abc"),
        "expected a number value or a field with a valid transformer: 'val', 'tolower', \
         'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'"
    );
    assert_eq!(
        perr("proc.name existsx"),
        "unexpected token after 'exists', expecting 'or', 'and'"
    );
    assert_eq!(show("not"), "not");
    let e = parse("a.b=1 xyz").unwrap_err();
    assert_eq!(
        e.pos,
        Pos {
            offset: 6,
            line: 1,
            col: 7
        }
    );
    let e = parse("a.b=1 and\n(c.d=1").unwrap_err();
    assert_eq!(e.message, "expected a ')' token");
    assert_eq!(
        e.pos,
        Pos {
            offset: 16,
            line: 2,
            col: 7
        }
    );
}

#[test]
fn depth_limit() {
    let nested = |n: usize| format!("{}a.b=1{}", "(".repeat(n), ")".repeat(n));
    assert!(parse(&nested(150)).is_ok());
    assert_eq!(
        parse(&nested(400)).unwrap_err().message,
        "exceeded max depth limit of 1000"
    );
    assert_eq!(
        parse_with_max_depth(&nested(30), 100).unwrap_err().message,
        "exceeded max depth limit of 100"
    );
    let nots = format!("{}a.b=1", "not ".repeat(5000));
    assert_eq!(show(&nots), "a.b = 1");
}
