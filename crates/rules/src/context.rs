//! Where a diagnostic points: a chain of locations from the rules file down to the offending
//! node or condition token, plus the one-line snippet Falco prints under it.

use crate::yaml::{Mark, Node};
use serde_json::{json, Value};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    ValueFor,
    Exceptions,
    Exception,
    ExceptionValues,
    ExceptionValue,
    RulesContent,
    RulesContentItem,
    RequiredEngineVersion,
    RequiredPluginVersions,
    RequiredPluginVersionsEntry,
    RequiredPluginVersionsAlternative,
    List,
    ListItem,
    Macro,
    MacroCondition,
    Rule,
    RuleCondition,
    ConditionExpression,
    RuleOutput,
    RuleOutputExpression,
    RulePriority,
    Overrides,
    ExtensionItem,
}

impl ItemType {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::ValueFor => "value for",
            ItemType::Exceptions => "exceptions",
            ItemType::Exception => "exception",
            ItemType::ExceptionValues => "exception values",
            ItemType::ExceptionValue => "exception value",
            ItemType::RulesContent => "rules content",
            ItemType::RulesContentItem => "rules content item",
            ItemType::RequiredEngineVersion => "required_engine_version",
            ItemType::RequiredPluginVersions => "required plugin versions",
            ItemType::RequiredPluginVersionsEntry => "required plugin versions entry",
            ItemType::RequiredPluginVersionsAlternative => "required plugin versions alternative",
            ItemType::List => "list",
            ItemType::ListItem => "list item",
            ItemType::Macro => "macro",
            ItemType::MacroCondition => "macro condition",
            ItemType::Rule => "rule",
            ItemType::RuleCondition => "rule condition",
            ItemType::ConditionExpression => "condition expression",
            ItemType::RuleOutput => "rule output",
            ItemType::RuleOutputExpression => "rule output expression",
            ItemType::RulePriority => "rule priority",
            ItemType::Overrides => "overrides",
            ItemType::ExtensionItem => "extension item",
        }
    }
}

/// Position as Falco prints it: 0-based line and column, byte offset. Kept signed because
/// condition positions are sums that Falco does not clamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub offset: i64,
    pub line: i64,
    pub col: i64,
}

impl From<Mark> for Position {
    fn from(m: Mark) -> Self {
        Position {
            offset: m.offset as i64,
            line: m.line as i64,
            col: m.col as i64,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// File name, or the quoted head of a condition for condition expressions.
    pub name: String,
    pub pos: Position,
    pub item_type: ItemType,
    pub item_name: String,
}

/// The rules contents by file name, used to cut snippets.
pub type Contents = HashMap<String, String>;

/// Maximum width of a snippet line, as Falco's default.
pub const SNIPPET_WIDTH: usize = 160;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    locs: Vec<Location>,
    /// For condition expressions the snippet is cut from the condition text, not the file.
    alt_content: Option<String>,
}

impl Context {
    /// The root context of a file: one "rules content" location at 0:0.
    pub fn root(name: &str) -> Context {
        Context {
            locs: vec![Location {
                name: name.to_string(),
                pos: Position::default(),
                item_type: ItemType::RulesContent,
                item_name: String::new(),
            }],
            alt_content: None,
        }
    }

    pub fn name(&self) -> &str {
        self.locs.first().map(|l| l.name.as_str()).unwrap_or("")
    }

    pub fn locations(&self) -> &[Location] {
        &self.locs
    }

    /// A child location at `mark` (a YAML node position) in the same file.
    pub fn child_at(&self, mark: Mark, item_type: ItemType, item_name: &str) -> Context {
        let mut locs = self.locs.clone();
        locs.push(Location {
            name: self.name().to_string(),
            pos: mark.into(),
            item_type,
            item_name: item_name.to_string(),
        });
        Context {
            locs,
            alt_content: None,
        }
    }

    pub fn child(&self, node: &Node, item_type: ItemType, item_name: &str) -> Context {
        self.child_at(node.mark, item_type, item_name)
    }

    /// A condition-expression location: the parser position (0-based offset, 1-based line and
    /// column, as the filter parser reports it) is added component-wise to the last location,
    /// exactly as Falco does (which is why lines and columns look shifted by one).
    pub fn condition(&self, offset: usize, line: u32, col: u32, condition: &str) -> Context {
        let head: String = if condition.len() > 20 {
            let cut = floor_char_boundary(condition, 17);
            format!("\"{}...\"", &condition[..cut])
        } else {
            format!("\"{condition}\"")
        };
        let head = head.replace(['\n', '\r'], " ");
        let last = self.locs.last().map(|l| l.pos).unwrap_or_default();
        let pos = Position {
            offset: offset as i64 + last.offset,
            line: line as i64 + last.line,
            col: col as i64 + last.col,
        };
        let mut locs = self.locs.clone();
        locs.push(Location {
            name: head,
            pos,
            item_type: ItemType::ConditionExpression,
            item_name: String::new(),
        });
        Context {
            locs,
            alt_content: Some(condition.to_string()),
        }
    }

    /// Text form: one line per location, the first prefixed "In ", the others indented.
    pub fn as_text(&self) -> String {
        let mut out = String::new();
        for (i, loc) in self.locs.iter().enumerate() {
            out.push_str(if i == 0 { "In " } else { "    " });
            out.push_str(loc.item_type.as_str());
            if !loc.item_name.is_empty() {
                out.push_str(" '");
                out.push_str(&loc.item_name);
                out.push('\'');
            }
            out.push_str(&format!(
                ": ({}:{}:{})\n",
                loc.name, loc.pos.line, loc.pos.col
            ));
        }
        out
    }

    pub fn as_json(&self, contents: &Contents) -> Value {
        let locations: Vec<Value> = self
            .locs
            .iter()
            .map(|l| {
                json!({
                    "item_name": l.item_name,
                    "item_type": l.item_type.as_str(),
                    "position": {
                        "column": l.pos.col,
                        "line": l.pos.line,
                        "name": l.name,
                        "offset": l.pos.offset,
                    }
                })
            })
            .collect();
        json!({ "locations": locations, "snippet": self.snippet(contents, SNIPPET_WIDTH) })
    }

    /// The line around the last location with a `^` under it. Uses the last location's
    /// absolute offset even for condition text (Falco does the same, so a marker in a condition
    /// snippet often sits at its end).
    pub fn snippet(&self, contents: &Contents, width: usize) -> String {
        let Some(loc) = self.locs.last() else {
            return "<No context available>\n".to_string();
        };
        let content: &str = match (&self.alt_content, contents.get(&loc.name)) {
            (Some(alt), _) if !alt.is_empty() => alt,
            (_, Some(c)) => c,
            (Some(_), None) | (None, None) => {
                return format!("<No context for file + {}>\n", loc.name);
            }
        };
        if content.is_empty() {
            return "<No context available>\n".to_string();
        }
        // Mirrors Falco's unsigned arithmetic, wrap-arounds included, so odd positions (an
        // error at offset 0 of a file that starts with a newline) give the same text.
        let bytes = content.as_bytes();
        let size = bytes.len();
        let half = width / 2;
        let mut pos = loc.pos.offset.max(0) as usize;
        while pos > 0 && (pos >= size || bytes[pos] == b'\n') {
            pos -= 1;
        }
        let mut from = pos;
        while from > 0 && bytes[from] != b'\n' && (pos - from) < half {
            from -= 1;
        }
        let mut to = pos;
        while to < size - 1 && bytes[to] != b'\n' && (to - pos) < half {
            to += 1;
        }
        if from < size && bytes[from] == b'\n' {
            from += 1;
        }
        if to < size && bytes[to] == b'\n' {
            to = to.wrapping_sub(1);
        }
        let len = to.wrapping_sub(from).wrapping_add(1);
        let mut ret: Vec<u8> = if from >= size {
            Vec::new()
        } else {
            let end = from.saturating_add(len).min(size);
            bytes[from..end].to_vec()
        };
        if ret.is_empty() {
            return "<No context available>\n".to_string();
        }
        if pos.wrapping_sub(from) >= half {
            let n = ret.len().min(3);
            ret.splice(0..n, b"...".iter().copied());
        }
        if to.wrapping_sub(pos) >= half {
            let n = ret.len();
            let k = n.min(3);
            ret.splice(n - k..n, b"..."[..k].iter().copied());
        }
        let mut out = String::from_utf8_lossy(&ret).into_owned();
        out.push('\n');
        let marker = pos.wrapping_sub(from);
        if marker <= ret.len() {
            out.push_str(&" ".repeat(marker));
            out.push_str("^\n");
        }
        out
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_column() {
        let mut c = Contents::new();
        c.insert("f".into(), "- rule: a\n  desc: b\n".into());
        let ctx = Context::root("f").child_at(
            Mark {
                offset: 12,
                line: 1,
                col: 2,
            },
            ItemType::Rule,
            "a",
        );
        assert_eq!(ctx.snippet(&c, SNIPPET_WIDTH), "  desc: b\n  ^\n");
    }

    #[test]
    fn condition_snippet_uses_absolute_offset() {
        let c = Contents::new();
        let rule = Context::root("f").child_at(
            Mark {
                offset: 74,
                line: 2,
                col: 2,
            },
            ItemType::Rule,
            "r",
        );
        let ctx = rule.condition(20, 1, 21, "evt.type=execve and is_cat");
        let loc = ctx.locations().last().unwrap();
        assert_eq!((loc.pos.offset, loc.pos.line, loc.pos.col), (94, 3, 23));
        assert_eq!(loc.name, "\"evt.type=execve a...\"");
        assert_eq!(
            ctx.snippet(&c, SNIPPET_WIDTH),
            "evt.type=execve and is_cat\n                         ^\n"
        );
    }
}
