//! The configuration document as a mutable YAML tree, addressed with Falco's key syntax.
//!
//! Falco keeps `falco.yaml` as a yaml-cpp node and resolves every `-o key=value` against it
//! before reading typed settings, so `-o` can set any key, nested ones and list items
//! included. We do the same: load the file into a [`Node`], apply the overrides in order, then
//! read the settings we understand.

use peregrine_rules::yaml::{self, NodeKind};

/// A YAML value. Scalars stay text: each setting converts them when it is read, as yaml-cpp
/// does (`"false"` given with `-o` and `false` written in the file are the same thing).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Node {
    #[default]
    Null,
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
    /// `[]`: a new item at the end of a sequence (only when setting).
    Append,
}

impl Node {
    /// Parses a YAML document (the first one of the text; an empty text is an empty map).
    pub fn parse(text: &str) -> Result<Node, String> {
        let docs = yaml::load_all(text).map_err(|e| e.to_string())?;
        Ok(docs
            .first()
            .map(Node::from_yaml)
            .unwrap_or(Node::Map(Vec::new())))
    }

    fn from_yaml(n: &yaml::Node) -> Node {
        match &n.kind {
            NodeKind::Null => Node::Null,
            NodeKind::Scalar(s) => Node::Scalar(s.clone()),
            NodeKind::Seq(items) => Node::Seq(items.iter().map(Node::from_yaml).collect()),
            NodeKind::Map(pairs) => Node::Map(
                pairs
                    .iter()
                    .map(|(k, v)| (k.as_key().unwrap_or_default(), Node::from_yaml(v)))
                    .collect(),
            ),
        }
    }

    pub fn scalar(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }

    fn child(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The node at `key` (Falco key syntax), if defined and not null.
    pub fn get(&self, key: &str) -> Result<Option<&Node>, String> {
        let segs = parse_key(key, false)?;
        let mut cur = self;
        for s in &segs {
            let next = match s {
                Seg::Key(k) => cur.child(k),
                Seg::Index(i) => match cur {
                    Node::Seq(items) => items.get(*i),
                    _ => None,
                },
                Seg::Append => None,
            };
            match next {
                Some(n) => cur = n,
                None => return Ok(None),
            }
        }
        Ok((!matches!(cur, Node::Null)).then_some(cur))
    }

    /// Sets the node at `key`, creating maps (and, with `[]`, sequence items) on the way.
    pub fn set(&mut self, key: &str, value: Node) -> Result<(), String> {
        let segs = parse_key(key, true)?;
        let mut cur = self;
        for s in &segs {
            cur = match s {
                Seg::Key(k) => {
                    if !matches!(cur, Node::Map(_)) {
                        *cur = Node::Map(Vec::new());
                    }
                    let Node::Map(pairs) = cur else {
                        return Err(format!("Config error at key \"{key}\": not a map"));
                    };
                    let pos = match pairs.iter().position(|(pk, _)| pk == k) {
                        Some(p) => p,
                        None => {
                            pairs.push((k.clone(), Node::Null));
                            pairs.len() - 1
                        }
                    };
                    &mut pairs[pos].1
                }
                Seg::Index(_) | Seg::Append => {
                    if !matches!(cur, Node::Seq(_)) {
                        if !matches!(cur, Node::Null) {
                            return Err(format!(
                                "Config error at key \"{key}\": the node is not a sequence"
                            ));
                        }
                        *cur = Node::Seq(Vec::new());
                    }
                    let Node::Seq(items) = cur else {
                        return Err(format!("Config error at key \"{key}\": not a sequence"));
                    };
                    let i = match s {
                        Seg::Index(i) => *i,
                        _ => items.len(),
                    };
                    if i > items.len() {
                        return Err(format!(
                            "Config error at key \"{key}\": index {i} is past the end of the sequence"
                        ));
                    }
                    if i == items.len() {
                        items.push(Node::Null);
                    }
                    &mut items[i]
                }
            };
        }
        *cur = value;
        Ok(())
    }

    /// Merges `other` into `self`: maps key by key, everything else replaced.
    pub fn merge(&mut self, other: Node) {
        match (self, other) {
            (Node::Map(mine), Node::Map(theirs)) => {
                for (k, v) in theirs {
                    match mine.iter_mut().find(|(mk, _)| *mk == k) {
                        Some((_, slot)) => slot.merge(v),
                        None => mine.push((k, v)),
                    }
                }
            }
            (slot, other) => *slot = other,
        }
    }
}

/// Falco's key language: `a.b[2].c`, `list[]` (append, only when setting), backslash escapes
/// for `.`, `[`, `]` and `\` inside names.
fn parse_key(key: &str, can_append: bool) -> Result<Vec<Seg>, String> {
    let err = |m: String| format!("Config error at key \"{key}\": {m}");
    let b = key.as_bytes();
    let mut segs = Vec::new();
    let mut name = String::new();
    let mut i = 0;
    // Whether a name may start here (start of key, or right after a '.').
    let mut at_name_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => {
                let Some(&n) = b.get(i + 1) else {
                    return Err(err(format!("Parsing error: trailing backslash at pos {i}")));
                };
                if !matches!(n, b'.' | b'[' | b']' | b'\\') {
                    return Err(err(format!(
                        "Parsing error: invalid escape sequence '\\{}' at pos {i}",
                        n as char
                    )));
                }
                name.push(n as char);
                i += 2;
                at_name_start = false;
                continue;
            }
            b'.' => {
                if name.is_empty() {
                    return Err(err(format!(
                        "Parsing error: unexpected character at pos {i}"
                    )));
                }
                segs.push(Seg::Key(std::mem::take(&mut name)));
                at_name_start = true;
            }
            b'[' => {
                if !name.is_empty() {
                    segs.push(Seg::Key(std::mem::take(&mut name)));
                } else if segs.is_empty() {
                    return Err(err(format!(
                        "Parsing error: unexpected character at pos {i}"
                    )));
                }
                let close = key[i..]
                    .find(']')
                    .map(|p| p + i)
                    .ok_or_else(|| err("Parsing error: missing ']'".to_string()))?;
                let idx = &key[i + 1..close];
                if idx.is_empty() {
                    if !can_append {
                        return Err(err(
                            "Parsing error: expected a numeric index, found ''".to_string()
                        ));
                    }
                    segs.push(Seg::Append);
                } else {
                    let n: usize = idx.parse().map_err(|_| {
                        err(format!(
                            "Parsing error: expected a numeric index, found '{idx}'"
                        ))
                    })?;
                    segs.push(Seg::Index(n));
                }
                i = close + 1;
                if b.get(i) == Some(&b'.') {
                    i += 1;
                    at_name_start = true;
                } else {
                    at_name_start = false;
                }
                continue;
            }
            _ => {
                if !at_name_start && name.is_empty() {
                    return Err(err(format!(
                        "Parsing error: expected '.' character at pos {}",
                        i.saturating_sub(1)
                    )));
                }
                // Keys are byte strings in yaml-cpp; keep multi-byte characters whole.
                let ch_len = key[i..].chars().next().map_or(1, char::len_utf8);
                name.push_str(&key[i..i + ch_len]);
                i += ch_len;
                at_name_start = false;
                continue;
            }
        }
        i += 1;
    }
    if !name.is_empty() {
        segs.push(Seg::Key(name));
    } else if segs.is_empty() || at_name_start {
        return Err(err("Parsing error: empty key".to_string()));
    }
    Ok(segs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node {
        Node::Scalar(v.into())
    }

    #[test]
    fn keys_like_falco() {
        assert_eq!(
            parse_key("a.b[2].c", false).unwrap(),
            vec![
                Seg::Key("a".into()),
                Seg::Key("b".into()),
                Seg::Index(2),
                Seg::Key("c".into())
            ]
        );
        assert_eq!(
            parse_key("rules[].disable.rule", true).unwrap(),
            vec![
                Seg::Key("rules".into()),
                Seg::Append,
                Seg::Key("disable".into()),
                Seg::Key("rule".into())
            ]
        );
        assert_eq!(
            parse_key(r"annotations.kubernetes\.io/role", false).unwrap(),
            vec![
                Seg::Key("annotations".into()),
                Seg::Key("kubernetes.io/role".into())
            ]
        );
        assert!(parse_key("rules[]", false).is_err());
        assert!(parse_key("a..b", false).is_err());
        assert!(parse_key("a[x]", false).is_err());
        assert!(parse_key(r"a\q", false).is_err());
        assert!(parse_key("a[0]b", false).is_err());
    }

    #[test]
    fn set_and_get() {
        let mut root =
            Node::parse("engine:\n  kind: modern_ebpf\nrules:\n  - disable: {rule: x}\n").unwrap();
        root.set("engine.kind", s("replay")).unwrap();
        root.set("engine.replay.capture_file", s("t.scap")).unwrap();
        root.set("rules[].enable.tag", s("net")).unwrap();
        root.set("rules[0].disable.rule", s("y")).unwrap();
        assert_eq!(root.get("engine.kind").unwrap(), Some(&s("replay")));
        assert_eq!(
            root.get("engine.replay.capture_file").unwrap(),
            Some(&s("t.scap"))
        );
        assert_eq!(root.get("rules[1].enable.tag").unwrap(), Some(&s("net")));
        assert_eq!(root.get("rules[0].disable.rule").unwrap(), Some(&s("y")));
        assert_eq!(root.get("rules[5]").unwrap(), None);
        assert_eq!(root.get("nothing.here").unwrap(), None);
        assert!(root.set("engine[0]", s("x")).is_err());
    }

    #[test]
    fn merge_maps_replace_rest() {
        let mut a = Node::parse("x: {a: 1, b: [1, 2]}\ny: 2\n").unwrap();
        a.merge(Node::parse("x: {b: [3], c: 4}\n").unwrap());
        assert_eq!(a.get("x.a").unwrap(), Some(&s("1")));
        assert_eq!(a.get("x.b").unwrap(), Some(&Node::Seq(vec![s("3")])));
        assert_eq!(a.get("x.c").unwrap(), Some(&s("4")));
        assert_eq!(a.get("y").unwrap(), Some(&s("2")));
    }
}
