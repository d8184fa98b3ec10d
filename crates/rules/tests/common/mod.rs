//! Test-only field catalogue and condition backend, built from Falco 0.44's field listing
//! (`shared/docs/falco-0.44-fields.tsv`), until the real catalogue and compiler are wired in.
#![allow(dead_code)]

use peregrine_filter::ast::{Expr, Op, Operand, Rhs};
use peregrine_filter::{FieldCatalog, FieldInfo, FieldType};
use peregrine_rules::{Backend, CondMessage, EventTable};
use std::collections::HashMap;
use std::path::PathBuf;

pub fn shared_dir() -> PathBuf {
    match std::env::var("PEREGRINE_SHARED") {
        Ok(p) => PathBuf::from(p),
        Err(_) => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    }
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub ty: String,
    pub arg_required: bool,
    pub arg_allowed: bool,
    pub is_list: bool,
    pub filter_only: bool,
    pub no_rhs: bool,
    pub no_transformer: bool,
}

fn field_type(t: &str) -> FieldType {
    match t {
        "ABSTIME" => FieldType::AbsTime,
        "BOOL" => FieldType::Bool,
        "BYTEBUF" => FieldType::ByteBuf,
        "DOUBLE" => FieldType::Double,
        "INT16" => FieldType::Int16,
        "INT32" => FieldType::Int32,
        "INT64" => FieldType::Int64,
        "IPADDR" => FieldType::IpAddr,
        "IPNET" => FieldType::IpNet,
        "PORT" => FieldType::Port,
        "RELTIME" => FieldType::RelTime,
        "UINT32" => FieldType::Uint32,
        "UINT64" => FieldType::Uint64,
        _ => FieldType::CharBuf,
    }
}

pub struct TestCatalog {
    fields: HashMap<String, FieldDef>,
}

impl TestCatalog {
    pub fn load() -> TestCatalog {
        let path = shared_dir().join("docs/falco-0.44-fields.tsv");
        let text = std::fs::read_to_string(&path).expect("fields tsv");
        let mut fields = HashMap::new();
        for line in text.lines() {
            if line.starts_with('#') || line.starts_with("field\t") || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let flags = cols[2];
            fields.insert(
                cols[0].to_string(),
                FieldDef {
                    ty: cols[1].to_string(),
                    arg_required: flags.contains("ARG_REQUIRED"),
                    arg_allowed: flags.contains("ARG_ALLOWED")
                        || flags.contains("ARG_REQUIRED")
                        || flags.contains("ARG_INDEX")
                        || flags.contains("ARG_KEY"),
                    is_list: cols.get(3) == Some(&"true") || flags.contains("EPF_IS_LIST"),
                    filter_only: flags.contains("FILTER_ONLY"),
                    no_rhs: flags.contains("EPF_NO_RHS"),
                    no_transformer: flags.contains("EPF_NO_TRANSFORMER"),
                },
            );
        }
        // hidden fields Falco still accepts (deprecated, or not listed)
        for hidden in [
            "evt.dir",
            "evt.latency",
            "evt.latency.s",
            "evt.latency.ns",
            "evt.latency.human",
            "evt.wait_latency",
        ] {
            fields.insert(
                hidden.to_string(),
                FieldDef {
                    ty: "CHARBUF".into(),
                    arg_required: false,
                    arg_allowed: false,
                    is_list: false,
                    filter_only: false,
                    no_rhs: false,
                    no_transformer: false,
                },
            );
        }
        TestCatalog { fields }
    }

    pub fn resolve(&self, name: &str, arg: Option<&str>) -> Result<&FieldDef, String> {
        if let Some(f) = self.fields.get(name) {
            if f.arg_required && arg.is_none() {
                return Err(format!("filter_check called with nonexistent field {name}"));
            }
            return Ok(f);
        }
        for dynamic in ["evt.arg.", "evt.rawarg."] {
            if name.len() > dynamic.len() && name.starts_with(dynamic) && arg.is_none() {
                return Ok(self.fields.get("evt.arg").expect("evt.arg listed"));
            }
        }
        Err(format!("filter_check called with nonexistent field {name}"))
    }
}

impl TestCatalog {
    fn known_event(&self, name: &str) -> bool {
        let ev = peregrine_rules::DefaultEvents;
        (0..ev.count()).any(|c| ev.name(c) == Some(name)) || ev.is_syscall_name(name)
    }
}

impl FieldCatalog for TestCatalog {
    fn resolve(&self, name: &str, arg: Option<&str>) -> Result<FieldInfo, String> {
        let def = TestCatalog::resolve(self, name, arg)?;
        let mut fi = FieldInfo::new(0, name, field_type(&def.ty));
        fi.arg = arg.map(str::to_string);
        fi.is_list = def.is_list;
        fi.filter_only = def.filter_only;
        fi.no_rhs = def.no_rhs;
        fi.no_transformer = def.no_transformer;
        Ok(fi)
    }

    fn check_literal(&self, field: &FieldInfo, op: Op, literal: &str) -> Result<(), String> {
        if (field.name == "evt.type" || field.name == "syscall.type")
            && matches!(op, Op::Eq | Op::Ne | Op::In)
            && !self.known_event(literal)
        {
            return Err(format!("unknown event type {literal}"));
        }
        Ok(())
    }
}

pub struct TestBackend {
    pub catalog: TestCatalog,
    pub events: peregrine_rules::DefaultEvents,
}

impl TestBackend {
    pub fn new() -> TestBackend {
        TestBackend {
            catalog: TestCatalog::load(),
            events: peregrine_rules::DefaultEvents,
        }
    }

    fn known_event(&self, name: &str) -> bool {
        (0..self.events.count()).any(|c| self.events.name(c) == Some(name))
            || self.events.is_syscall_name(name)
    }

    fn operand(&self, o: &Operand, pos: peregrine_filter::ast::Pos) -> Result<(), CondMessage> {
        match o {
            Operand::Field(f) => self
                .catalog
                .resolve(&f.name, f.arg.as_deref())
                .map(|_| ())
                .map_err(|message| CondMessage { message, pos }),
            Operand::Transform { args, .. } | Operand::List(args) => {
                for a in args {
                    self.operand(a, pos)?;
                }
                Ok(())
            }
            Operand::Literal(_) => Ok(()),
        }
    }

    fn walk(&self, e: &Expr) -> Result<(), CondMessage> {
        match e {
            Expr::And(c) | Expr::Or(c) => c.iter().try_for_each(|x| self.walk(x)),
            Expr::Not(c) => self.walk(c),
            Expr::Ident { name, pos } => Err(CondMessage {
                message: format!("filter error: unexpected identifier '{name}'"),
                pos: *pos,
            }),
            Expr::Check {
                lhs, op, rhs, pos, ..
            } => {
                self.operand(lhs, *pos)?;
                if let Some(Rhs::Operand(o)) = rhs {
                    self.operand(o, *pos)?;
                }
                if let Operand::Field(f) = lhs {
                    if f.name == "evt.type" && matches!(op, Op::Eq | Op::Ne | Op::In) {
                        let values: Vec<&String> = match rhs {
                            Some(Rhs::Value(v)) | Some(Rhs::ListRef(v)) => vec![v],
                            Some(Rhs::List(vs)) => vs.iter().collect(),
                            _ => vec![],
                        };
                        for v in values {
                            if !self.known_event(v) {
                                return Err(CondMessage {
                                    message: format!("unknown event type {v}"),
                                    pos: *pos,
                                });
                            }
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

impl Backend for TestBackend {
    type Filter = ();
    fn check_field(&self, name: &str, arg: Option<&str>) -> Result<(), String> {
        self.catalog.resolve(name, arg).map(|_| ())
    }
    fn compile(&self, expr: &Expr) -> Result<((), Vec<CondMessage>), CondMessage> {
        self.walk(expr)?;
        Ok(((), Vec::new()))
    }
}

/// The catalogue, built once and shared by the engines of a test binary.
pub fn catalog() -> &'static TestCatalog {
    static CATALOG: std::sync::OnceLock<TestCatalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(TestCatalog::load)
}

/// An engine compiling with peregrine-filter against the test catalogue.
pub fn engine() -> peregrine_rules::Engine<peregrine_rules::FilterBackend<'static>> {
    peregrine_rules::Engine::new(peregrine_rules::FilterBackend::new(catalog()))
}
