//! Resolving a field reference (`proc.aname[2]`, `evt.arg.fd`, `evt.arg[0]`) to a request.

use crate::catalog::{by_name, Fid, FieldDef, FIELDS, F_ARG_ALLOWED, F_ARG_REQUIRED};

/// The argument of a field, parsed once at load time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    None,
    /// `[N]`: ancestor level, parameter index, list position.
    Index(usize),
    /// `[key]` or `.name`: parameter name, cgroup subsystem, env variable...
    Key(String),
}

/// A resolved field reference: which field, with which argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldReq {
    pub id: Fid,
    pub arg: Arg,
}

impl FieldReq {
    pub fn def(&self) -> &'static FieldDef {
        self.id.def()
    }

    /// The reference as written in rules (`proc.aname[2]`, `evt.arg.fd`).
    pub fn display(&self) -> String {
        let name = self.def().name;
        match &self.arg {
            Arg::None => name.to_string(),
            Arg::Index(i) => format!("{name}[{i}]"),
            Arg::Key(k) if matches!(self.id, Fid::EvtArg | Fid::EvtRawarg) && !k.contains(']') => {
                format!("{name}.{k}")
            }
            Arg::Key(k) => format!("{name}[{k}]"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("filter_check called with nonexistent field {0}")]
    Unknown(String),
    #[error("filter {0} requires an argument")]
    ArgRequired(String),
    #[error("filter {0} does not allow an argument")]
    ArgNotAllowed(String),
    #[error("invalid argument '{arg}' for field {field}")]
    BadArg { field: String, arg: String },
}

/// Fields whose argument is an index (`proc.aname[2]`); the others take a key.
fn takes_index(id: Fid) -> bool {
    matches!(
        id,
        Fid::ProcAname
            | Fid::ProcApid
            | Fid::ProcAexe
            | Fid::ProcAexepath
            | Fid::ProcAcmdline
            | Fid::ProcAargs
            | Fid::ProcAenv
            | Fid::FdTypes
    )
}

/// Resolves `name` with an optional bracket argument (already split by the caller).
pub fn resolve(name: &str, arg: Option<&str>) -> Result<FieldReq, FieldError> {
    // `evt.arg.fd` / `evt.rawarg.res` / `evt.type.is.open`: the key follows a dot.
    if by_name(name).is_none() {
        for base in [
            "evt.arg",
            "evt.rawarg",
            "evt.type.is",
            "thread.cgroup",
            "proc.env",
        ] {
            if let Some(rest) = name.strip_prefix(base).and_then(|r| r.strip_prefix('.')) {
                if !rest.is_empty() && arg.is_none() {
                    let def = by_name(base).ok_or_else(|| FieldError::Unknown(name.into()))?;
                    return Ok(FieldReq {
                        id: def.id,
                        arg: Arg::Key(rest.to_string()),
                    });
                }
            }
        }
        return Err(FieldError::Unknown(name.to_string()));
    }
    let def = by_name(name).ok_or_else(|| FieldError::Unknown(name.into()))?;
    let takes_arg = def.flags & (F_ARG_REQUIRED | F_ARG_ALLOWED) != 0
        || matches!(def.id, Fid::ContainerMount | Fid::ContainerLabel);
    let arg = match arg {
        None if def.flags & F_ARG_REQUIRED != 0 => {
            return Err(FieldError::ArgRequired(name.into()))
        }
        None => Arg::None,
        Some(_) if !takes_arg => return Err(FieldError::ArgNotAllowed(name.into())),
        Some(a) if takes_index(def.id) => {
            Arg::Index(a.trim().parse().map_err(|_| FieldError::BadArg {
                field: name.into(),
                arg: a.into(),
            })?)
        }
        Some(a) if def.id == Fid::EvtArg => match a.trim().parse::<usize>() {
            Ok(i) => Arg::Index(i),
            Err(_) => Arg::Key(a.to_string()),
        },
        Some(a) => Arg::Key(a.to_string()),
    };
    Ok(FieldReq { id: def.id, arg })
}

/// Finds the longest field reference at the start of `s` (as the output formatter does:
/// `%proc.name)` stops before `)`). Returns the request and the number of bytes consumed.
pub fn resolve_prefix(s: &str) -> Result<(FieldReq, usize), FieldError> {
    let word_end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .map_or(s.len(), |(i, _)| i);
    let word = &s[..word_end];
    // Longest catalogue name that is a prefix of the word, on a component boundary.
    let mut best: Option<&FieldDef> = None;
    for f in FIELDS {
        if word.starts_with(f.name)
            && (word.len() == f.name.len() || word.as_bytes()[f.name.len()] == b'.')
            && best.is_none_or(|b| f.name.len() > b.name.len())
        {
            best = Some(f);
        }
    }
    let Some(def) = best else {
        return Err(FieldError::Unknown(word.to_string()));
    };
    let mut used = def.name.len();
    let rest = &s[used..];
    if rest.starts_with('[') {
        if let Some(close) = rest.find(']') {
            let req = resolve(def.name, Some(&rest[1..close]))?;
            return Ok((req, used + close + 1));
        }
    }
    if word.len() > used
        && matches!(
            def.id,
            Fid::EvtArg | Fid::EvtRawarg | Fid::EvtTypeIs | Fid::ThreadCgroup
        )
    {
        used = word.len();
        return Ok((resolve(&s[..used], None)?, used));
    }
    Ok((resolve(def.name, None)?, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_forms() {
        assert_eq!(resolve("proc.name", None).unwrap().id, Fid::ProcName);
        let r = resolve("proc.aname", Some("2")).unwrap();
        assert_eq!(r.arg, Arg::Index(2));
        let r = resolve("evt.arg.fd", None).unwrap();
        assert_eq!((r.id, r.arg), (Fid::EvtArg, Arg::Key("fd".into())));
        let r = resolve("evt.arg", Some("0")).unwrap();
        assert_eq!(r.arg, Arg::Index(0));
        assert!(matches!(
            resolve("proc.nobody", None),
            Err(FieldError::Unknown(_))
        ));
        assert_eq!(
            resolve("proc.nobody", None).unwrap_err().to_string(),
            "filter_check called with nonexistent field proc.nobody"
        );
    }

    #[test]
    fn prefix_stops_at_punctuation() {
        let (r, n) = resolve_prefix("proc.name)").unwrap();
        assert_eq!((r.id, n), (Fid::ProcName, 9));
        let (r, n) = resolve_prefix("evt.arg.res rest").unwrap();
        assert_eq!((r.arg, n), (Arg::Key("res".into()), 11));
        let (r, n) = resolve_prefix("proc.aname[3]:").unwrap();
        assert_eq!((r.arg, n), (Arg::Index(3), 13));
        let (r, n) = resolve_prefix("fd.sip.name,").unwrap();
        assert_eq!((r.id, n), (Fid::FdSipName, 11));
    }
}
