//! Output-format behaviour beyond the documented examples, on the `open("/dev/null")` exit
//! event of cat_write.scap, following libsinsp's formatter: widths, print formats,
//! transformers and their JSON keys.

mod common;

use common::for_each_rule_event;
use peregrine_output::{JsonFields, JsonValue, OutputFormat};

/// Renders `fmt` (text and `output_fields`) on the open exit of /dev/null by cat.
fn on_cat_open(fmt: &str) -> (String, JsonFields) {
    let sel = OutputFormat::compile("%evt.type %proc.name %fd.name").unwrap();
    let fmt = OutputFormat::compile(fmt).unwrap_or_else(|e| panic!("{fmt}: {e}"));
    let mut found = Vec::new();
    for_each_rule_event("falco/cat_write.scap", |cx| {
        if sel.to_text(cx) == "open cat /dev/null" {
            let mut fields = JsonFields::new();
            fmt.render_json_fields(cx, &mut fields);
            found.push((fmt.to_text(cx), fields));
        }
    });
    assert_eq!(found.len(), 1);
    found.remove(0)
}

#[test]
fn widths_pad_and_cut() {
    let (t, _) = on_cat_open("[%5proc.name][%2proc.pname][%6fd.sip][%0proc.name]");
    assert_eq!(t, "[cat  ][ba][<NA>  ][cat]");
}

#[test]
fn transformers_in_text_and_keys() {
    let (t, j) = on_cat_open(
        "%toupper(basename(fd.name)) %len(fd.type) %len(fd.name) %concat(proc.name, \"-\", proc.pname) \
         %join(\",\", (proc.name, proc.pname)) %getopt((proc.name, proc.pname), \"ab\")",
    );
    // len() prints only for fields with a numeric print format (fd.type has one, fd.name not).
    assert_eq!(t, "NULL 4 <NA> cat-bash cat,bash ()");
    let keys: Vec<&str> = j.keys().map(String::as_str).collect();
    assert_eq!(keys, ["fd.name", "fd.type", "proc.name", "proc.pname"]);
    assert_eq!(j["fd.type"], JsonValue::Str("file".into()));
}

#[test]
fn print_formats_of_raw_arguments() {
    let (t, j) = on_cat_open("%evt.rawarg.flags %evt.rawarg.mode %evt.rawarg.fd %evt.rawarg.name");
    assert_eq!(t, "1 0 3 /dev/null");
    // Hex and octal parameters are strings in JSON; a decimal fd is a number.
    assert_eq!(j["evt.rawarg.flags"], JsonValue::Str("1".into()));
    assert_eq!(j["evt.rawarg.mode"], JsonValue::Str("0".into()));
    let mut fd = String::new();
    j["evt.rawarg.fd"].write(&mut fd);
    assert_eq!(fd, "3");
    assert_eq!(j["evt.rawarg.name"], JsonValue::Str("/dev/null".into()));
}

#[test]
fn fields_without_text_form() {
    // evt.type.is has no print format: libsinsp gives no text and a JSON null.
    let (t, j) = on_cat_open("%evt.type.is[open] %evt.count %evt.num");
    assert!(t.starts_with("<NA> 1 "), "{t}");
    assert_eq!(j["evt.type.is[open]"], JsonValue::Null);
    assert_eq!(j["evt.count"], JsonValue::U64(1));
    assert!(matches!(j["evt.num"], JsonValue::U64(n) if n > 1));
}

/// Throughput of alert rendering on one real event (run with `--ignored --nocapture` in
/// release mode); asserts nothing beyond the output being produced.
#[test]
#[ignore = "measurement"]
fn render_throughput() {
    use peregrine_output::{AlertRenderer, OutputConfig, Priority};
    use std::time::Instant;
    let sel = OutputFormat::compile("%evt.type %proc.name %fd.name").unwrap();
    let fmt = OutputFormat::compile(
        "cat opened %fd.name (pid=%proc.pid uid=%user.uid user=%user.name sip=%fd.sip ppid=%proc.ppid \
         pname=%proc.pname cmdline=%proc.cmdline)",
    )
    .unwrap();
    let tags = ["example", "filesystem"];
    for json in [false, true] {
        let r = AlertRenderer::new(
            OutputConfig {
                json_output: json,
                ..OutputConfig::default()
            },
            "h",
        );
        for_each_rule_event("falco/cat_write.scap", |cx| {
            if sel.to_text(cx) != "open cat /dev/null" {
                return;
            }
            let n = 200_000;
            let mut line = String::new();
            let t = Instant::now();
            for _ in 0..n {
                line.clear();
                r.alert(
                    "example_cat_open",
                    Priority::Warning,
                    &tags,
                    cx,
                    &fmt,
                    &mut line,
                );
            }
            let ns = t.elapsed().as_nanos() as f64 / n as f64;
            println!("json={json}: {ns:.0} ns/alert, {} bytes", line.len());
            assert!(!line.is_empty());
        });
    }
}
