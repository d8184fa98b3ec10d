//! Syntax tree of a Falco condition, as produced by the parser before any macro, list or field
//! resolution. The rules loader substitutes macros (`Expr::Ident`) at this level and derives
//! event types from it; the compiler turns it into an evaluator.

/// A position inside the condition text: 0-based byte offset, 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub offset: usize,
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// n-ary `a and b and c`.
    And(Vec<Expr>),
    /// n-ary `a or b or c`.
    Or(Vec<Expr>),
    Not(Box<Expr>),
    /// A bare identifier at check position: a macro reference.
    Ident {
        name: String,
        pos: Pos,
    },
    /// `lhs op [rhs]` (`rhs` is `None` only for `exists`).
    Check {
        lhs: Operand,
        op: Op,
        modifier: Option<Modifier>,
        rhs: Option<Rhs>,
        pos: Pos,
    },
}

/// A field with an optional `[arg]`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRef {
    pub name: String,
    pub arg: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transformer {
    ToLower,
    ToUpper,
    B64,
    Basename,
    Len,
    Join,
    Concat,
    Getopt,
}

impl Transformer {
    pub fn name(self) -> &'static str {
        match self {
            Transformer::ToLower => "tolower",
            Transformer::ToUpper => "toupper",
            Transformer::B64 => "b64",
            Transformer::Basename => "basename",
            Transformer::Len => "len",
            Transformer::Join => "join",
            Transformer::Concat => "concat",
            Transformer::Getopt => "getopt",
        }
    }
}

/// Left-hand side of a check, or the inside of `val(...)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Field(FieldRef),
    /// `tolower(proc.name)`, `join(",", proc.args)`: arguments are fields, transformers or
    /// string literals (the separator of `join`, the option string of `getopt`).
    /// `arg` is the optional `[x]` written after the closing parenthesis (only `getopt`
    /// accepts one: `getopt(proc.args, "abc")[a]`).
    Transform {
        func: Transformer,
        args: Vec<Operand>,
        arg: Option<String>,
        pos: Pos,
    },
    /// A string literal argument of a multi-value transformer (quoted string or number).
    Literal(String),
    /// A parenthesised list of transformer arguments, `join(",", (proc.name, proc.pname))`.
    List(Vec<Operand>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rhs {
    /// A single literal (bare or quoted, unescaped).
    Value(String),
    /// `(a, b, c)`: unescaped literals.
    List(Vec<String>),
    /// `in some_name` without parentheses: a list reference the loader did not expand, compared
    /// as a single literal value (Falco accepts this silently).
    ListRef(String),
    /// `val(field)` or a transformer expression.
    Operand(Operand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    IContains,
    BContains,
    StartsWith,
    BStartsWith,
    EndsWith,
    Glob,
    IGlob,
    Regex,
    In,
    Intersects,
    PMatch,
    Exists,
}

impl Op {
    /// The operator as Falco spells it (`=` for both `=` and `==`).
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Contains => "contains",
            Op::IContains => "icontains",
            Op::BContains => "bcontains",
            Op::StartsWith => "startswith",
            Op::BStartsWith => "bstartswith",
            Op::EndsWith => "endswith",
            Op::Glob => "glob",
            Op::IGlob => "iglob",
            Op::Regex => "regex",
            Op::In => "in",
            Op::Intersects => "intersects",
            Op::PMatch => "pmatch",
            Op::Exists => "exists",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifier {
    OneOf,
    AnyOf,
    AllOf,
}
