//! A positioned YAML node tree with yaml-cpp's node model.
//!
//! Falco reads rules with yaml-cpp, so what counts as "null", "scalar" or "map" and which
//! position a node reports follow yaml-cpp: plain `~`/`null`/`Null`/`NULL`/empty scalars are null
//! nodes, every other scalar is text (quoting only matters for that null test), and a node's mark
//! is the 0-based byte offset/line/column of its first token.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

/// A 0-based position in the source text (byte offset, line, byte column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mark {
    pub offset: usize,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub mark: Mark,
}

/// A YAML syntax error, worded like yaml-cpp where the cause is recognisable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("yaml-cpp: error at line {}, column {}: {message}", .mark.line + 1, .mark.col + 1)]
pub struct YamlError {
    pub message: String,
    pub mark: Mark,
}

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }
    pub fn is_scalar(&self) -> bool {
        matches!(self.kind, NodeKind::Scalar(_))
    }
    pub fn is_seq(&self) -> bool {
        matches!(self.kind, NodeKind::Seq(_))
    }
    pub fn is_map(&self) -> bool {
        matches!(self.kind, NodeKind::Map(_))
    }
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }
    pub fn seq(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(v) => v,
            _ => &[],
        }
    }
    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            NodeKind::Map(v) => v,
            _ => &[],
        }
    }
    /// Number of children (sequence items or map pairs).
    pub fn len(&self) -> usize {
        match &self.kind {
            NodeKind::Seq(v) => v.len(),
            NodeKind::Map(v) => v.len(),
            _ => 0,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// yaml-cpp's `node[key]` on a const map: the first pair whose key reads as `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.as_key().as_deref() == Some(key))
            .map(|(_, v)| v)
    }
    /// The key as yaml-cpp's `as<std::string>()` gives it (`None` for maps/sequences, which
    /// yaml-cpp refuses to convert).
    pub fn as_key(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s.clone()),
            NodeKind::Null => Some("null".to_string()),
            _ => None,
        }
    }
}

/// Byte offsets for the character indices saphyr reports (identity for ASCII input).
struct PosMap {
    /// Byte offset of every char index, only filled when the input is not pure ASCII.
    byte_of_char: Option<Vec<usize>>,
    line_starts: Vec<usize>,
    len: usize,
}

impl PosMap {
    fn new(text: &str) -> PosMap {
        let byte_of_char = if text.is_ascii() {
            None
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            v.push(text.len());
            Some(v)
        };
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        PosMap { byte_of_char, line_starts, len: text.len() }
    }

    fn mark(&self, m: &saphyr_parser::Marker) -> Mark {
        let offset = match &self.byte_of_char {
            None => m.index().min(self.len),
            Some(v) => v.get(m.index()).copied().unwrap_or(self.len),
        };
        let line = m.line().saturating_sub(1);
        let col = match self.line_starts.get(line) {
            Some(start) if *start <= offset => offset - start,
            _ => m.col(),
        };
        Mark { offset, line, col }
    }
}

fn is_plain_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

enum Frame {
    Seq(Vec<Node>, Mark, usize),
    Map(Vec<(Node, Node)>, Option<Node>, Mark, usize),
}

/// Parse every document of `text`. An empty stream gives no documents.
pub fn load_all(text: &str) -> Result<Vec<Node>, YamlError> {
    let pm = PosMap::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut doc_root: Option<Node> = None;
    let mut in_doc = false;

    while let Some(ev) = parser.next_event() {
        let (ev, span): (Event, Span) = ev.map_err(|e| YamlError {
            message: yaml_cpp_message(e.info()),
            mark: pm.mark(e.marker()),
        })?;
        let mark = pm.mark(&span.start);
        let finished: Option<(Node, usize)> = match ev {
            Event::StreamStart | Event::Nothing => None,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                in_doc = true;
                doc_root = None;
                None
            }
            Event::DocumentEnd => {
                if in_doc {
                    docs.push(doc_root.take().unwrap_or(Node { kind: NodeKind::Null, mark }));
                }
                in_doc = false;
                None
            }
            Event::Alias(id) => {
                let node = anchors.get(&id).cloned().ok_or_else(|| YamlError {
                    message: "the referenced anchor is not defined".to_string(),
                    mark,
                })?;
                Some((node, 0))
            }
            Event::Scalar(value, style, anchor, _tag) => {
                let kind = if style == ScalarStyle::Plain && is_plain_null(&value) {
                    NodeKind::Null
                } else {
                    NodeKind::Scalar(value.into_owned())
                };
                Some((Node { kind, mark }, anchor))
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), mark, anchor));
                None
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Map(Vec::new(), None, mark, anchor));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, m, anchor)) => {
                    Some((Node { kind: NodeKind::Seq(items), mark: m }, anchor))
                }
                _ => return Err(internal_error(mark)),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(pairs, pending, m, anchor)) => {
                    let mut pairs = pairs;
                    if let Some(k) = pending {
                        pairs.push((k, Node { kind: NodeKind::Null, mark }));
                    }
                    Some((Node { kind: NodeKind::Map(pairs), mark: m }, anchor))
                }
                _ => return Err(internal_error(mark)),
            },
        };
        if let Some((node, anchor)) = finished {
            if anchor != 0 {
                anchors.insert(anchor, node.clone());
            }
            match stack.last_mut() {
                Some(Frame::Seq(items, _, _)) => items.push(node),
                Some(Frame::Map(pairs, pending, _, _)) => match pending.take() {
                    Some(k) => pairs.push((k, node)),
                    None => *pending = Some(node),
                },
                None => doc_root = Some(node),
            }
        }
    }
    Ok(docs)
}

fn internal_error(mark: Mark) -> YamlError {
    YamlError { message: "unbalanced YAML structure".to_string(), mark }
}

/// Re-word the parser's messages the way yaml-cpp reports the same problem.
fn yaml_cpp_message(info: &str) -> String {
    let lower = info.to_ascii_lowercase();
    let mapped = if lower.contains("mapping values are not allowed") {
        "illegal map value"
    } else if lower.contains("did not find expected key") || lower.contains("expected key") {
        "end of map not found"
    } else if lower.contains("did not find expected '-'") || lower.contains("block sequence") {
        "end of sequence not found"
    } else if lower.contains("unclosed quoted scalar")
        || lower.contains("found unexpected end of stream while scanning a quoted scalar")
    {
        "end of string not found"
    } else if lower.contains("flow sequence") && lower.contains("expected") {
        "end of sequence flow not found"
    } else if lower.contains("flow mapping") && lower.contains("expected") {
        "end of map flow not found"
    } else if lower.contains("tab") {
        "illegal tab when looking for indentation"
    } else if lower.contains("anchor") || lower.contains("alias") {
        "the referenced anchor is not defined"
    } else {
        return info.to_string();
    };
    mapped.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_first_token() {
        let docs = load_all("- rule: x\n  desc: \"d\"\n  tags:\n").unwrap();
        assert_eq!(docs.len(), 1);
        let item = &docs[0].seq()[0];
        assert_eq!(item.mark, Mark { offset: 2, line: 0, col: 2 });
        let desc = item.get("desc").unwrap();
        assert_eq!(desc.scalar(), Some("d"));
        assert_eq!(desc.mark, Mark { offset: 18, line: 1, col: 8 });
        assert!(item.get("tags").unwrap().is_null());
    }

    #[test]
    fn quoted_null_is_text() {
        let docs = load_all("a: 'null'\nb: null\nc: ~\n").unwrap();
        let m = &docs[0];
        assert_eq!(m.get("a").unwrap().scalar(), Some("null"));
        assert!(m.get("b").unwrap().is_null());
        assert!(m.get("c").unwrap().is_null());
    }

    #[test]
    fn parse_error_is_reported() {
        let e = load_all("this : is : not : yaml\n").unwrap_err();
        assert_eq!(e.message, "illegal map value");
    }

    #[test]
    fn multi_docs_and_aliases() {
        let docs = load_all("---\n- &a x\n- *a\n---\n- y\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].seq()[1].scalar(), Some("x"));
    }

    #[test]
    fn empty_stream_has_no_docs() {
        assert!(load_all("").unwrap().is_empty());
        assert!(load_all("# only a comment\n").unwrap().is_empty());
    }
}
