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
            .find(|(k, _)| k.is_key(key))
            .map(|(_, v)| v)
    }
    /// `as_key() == Some(key)` without building the key.
    fn is_key(&self, key: &str) -> bool {
        match &self.kind {
            NodeKind::Scalar(s) => s == key,
            NodeKind::Null => key == "null",
            _ => false,
        }
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

/// Maps saphyr's character-based markers on the (possibly padded) text to byte positions in
/// the original text.
struct PosMap {
    /// Byte offset of every char index, only filled when the input is not pure ASCII.
    byte_of_char: Option<Vec<usize>>,
    line_starts: Vec<usize>,
    len: usize,
    /// (original line start offset, blanks added at that line start), sorted.
    padded: Vec<(usize, usize)>,
}

impl PosMap {
    fn new(text: &str, padded: &[(usize, usize)]) -> PosMap {
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
        PosMap {
            byte_of_char,
            line_starts,
            len: text.len(),
            padded: padded.to_vec(),
        }
    }

    /// Byte offset in the working text.
    fn raw_offset(&self, m: &saphyr_parser::Marker) -> usize {
        match &self.byte_of_char {
            None => m.index().min(self.len),
            Some(v) => v.get(m.index()).copied().unwrap_or(self.len),
        }
    }

    /// Working-text offset to original-text offset.
    fn to_original(&self, mut off: usize) -> usize {
        let mut added = 0;
        for &(orig, n) in &self.padded {
            let work_start = orig + added;
            if off < work_start {
                break;
            }
            if off < work_start + n {
                off = work_start + n;
            }
            added += n;
        }
        off - added
    }

    /// Mark of a working-text byte offset.
    fn mark_work(&self, work: usize) -> Mark {
        let line = self
            .line_starts
            .partition_point(|&s| s <= work)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        Mark {
            offset: self.to_original(work),
            line,
            col: self.to_original(work) - self.to_original(start),
        }
    }

    fn mark(&self, m: &saphyr_parser::Marker) -> Mark {
        let work = self.raw_offset(m);
        let offset = self.to_original(work);
        let line = m.line().saturating_sub(1);
        let col = match self.line_starts.get(line) {
            Some(start) if *start <= work => self.to_original(work) - self.to_original(*start),
            _ => m.col(),
        };
        Mark { offset, line, col }
    }
}

/// Offset of the `|`/`>` header of the block scalar whose content starts at `content`.
fn block_indicator(text: &str, content: usize) -> Option<usize> {
    let b = text.as_bytes();
    let content = content.min(b.len());
    if content < b.len() && matches!(b[content], b'|' | b'>') {
        return Some(content);
    }
    let mut line_start = text[..content].rfind('\n').map(|i| i + 1).unwrap_or(0);
    while line_start > 0 {
        let prev_end = line_start - 1;
        let prev_start = text[..prev_end].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line = &text[prev_start..prev_end];
        if line.trim().is_empty() {
            line_start = prev_start;
            continue;
        }
        let code = match line.find(" #") {
            Some(i) => &line[..i],
            None => line,
        };
        return code.rfind(['|', '>']).map(|i| prev_start + i);
    }
    None
}

fn is_plain_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

enum Frame {
    Seq(Vec<Node>, Mark, usize),
    Map(Vec<(Node, Node)>, Option<Node>, Mark, usize),
}

/// Parse every document of `text`. An empty stream gives no documents.
///
/// yaml-cpp accepts a flow collection whose continuation lines (typically the closing `]` of
/// `items: [...]`) are not indented past the enclosing block, which the YAML 1.2 scanner used
/// here rejects; such lines are padded with blanks and positions mapped back to the original.
pub fn load_all(text: &str) -> Result<Vec<Node>, YamlError> {
    const MAX_PADDED_LINES: usize = 256;
    let mut padded: Vec<(usize, usize)> = Vec::new(); // (original line start offset, blanks added)
    let mut work = text.to_string();
    loop {
        let pm = PosMap::new(&work, &padded);
        match parse_docs(&work, &pm) {
            Ok(d) => return Ok(d),
            Err((e, raw_offset)) => {
                let fixable = e.message == "invalid indentation"
                    || e.message.starts_with("invalid indentation in flow");
                if !fixable || padded.len() >= MAX_PADDED_LINES {
                    return Err(e);
                }
                let line_start = work[..raw_offset.min(work.len())]
                    .rfind('\n')
                    .map(|i| i + 1)
                    .unwrap_or(0);
                let prefix = &work[line_start..raw_offset.min(work.len())];
                if !prefix.bytes().all(|b| b == b' ') {
                    return Err(e);
                }
                let orig_start = pm.to_original(line_start);
                match padded.iter_mut().find(|(o, _)| *o == orig_start) {
                    Some((_, n)) => *n += 1,
                    None => padded.push((orig_start, 1)),
                }
                padded.sort();
                work.insert(line_start, ' ');
            }
        }
    }
}

fn parse_docs(text: &str, pm: &PosMap) -> Result<Vec<Node>, (YamlError, usize)> {
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut doc_root: Option<Node> = None;
    let mut in_doc = false;

    while let Some(ev) = parser.next_event() {
        let (ev, span): (Event, Span) = ev.map_err(|e| {
            (
                YamlError {
                    message: yaml_cpp_message(e.info()),
                    mark: pm.mark(e.marker()),
                },
                pm.raw_offset(e.marker()),
            )
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
                    docs.push(doc_root.take().unwrap_or(Node {
                        kind: NodeKind::Null,
                        mark,
                    }));
                }
                in_doc = false;
                None
            }
            Event::Alias(id) => {
                let node = anchors.get(&id).cloned().ok_or_else(|| {
                    (
                        YamlError {
                            message: "the referenced anchor is not defined".to_string(),
                            mark,
                        },
                        mark.offset,
                    )
                })?;
                Some((node, 0))
            }
            Event::Scalar(value, style, anchor, _tag) => {
                // yaml-cpp marks a block scalar at its `|`/`>` indicator, not at its content
                let mark = if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    block_indicator(text, pm.raw_offset(&span.start))
                        .map(|o| pm.mark_work(o))
                        .unwrap_or(mark)
                } else {
                    mark
                };
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
                Some(Frame::Seq(items, m, anchor)) => Some((
                    Node {
                        kind: NodeKind::Seq(items),
                        mark: m,
                    },
                    anchor,
                )),
                _ => return Err((internal_error(mark), mark.offset)),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(pairs, pending, m, anchor)) => {
                    let mut pairs = pairs;
                    if let Some(k) = pending {
                        pairs.push((
                            k,
                            Node {
                                kind: NodeKind::Null,
                                mark,
                            },
                        ));
                    }
                    Some((
                        Node {
                            kind: NodeKind::Map(pairs),
                            mark: m,
                        },
                        anchor,
                    ))
                }
                _ => return Err((internal_error(mark), mark.offset)),
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
    YamlError {
        message: "unbalanced YAML structure".to_string(),
        mark,
    }
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
        assert_eq!(
            item.mark,
            Mark {
                offset: 2,
                line: 0,
                col: 2
            }
        );
        let desc = item.get("desc").unwrap();
        assert_eq!(desc.scalar(), Some("d"));
        assert_eq!(
            desc.mark,
            Mark {
                offset: 18,
                line: 1,
                col: 8
            }
        );
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
