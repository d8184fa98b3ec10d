//! peregrine-rules: the Falco rules loader (YAML → lists, macros, rules with Falco's
//! diagnostics), the `-V`/`-L` outputs, and the compiled per-event-type ruleset.

pub mod collector;
pub mod compiler;
pub mod context;
pub mod describe;
pub mod engine;
pub mod evtcodes;
pub mod fmt;
pub mod reader;
pub mod result;
pub mod ruleset;
pub mod schema;
pub mod version;
pub mod yaml;

pub use collector::{Collector, Priority};
pub use compiler::{Backend, CompileOutput, CompiledRule, CondMessage, FilterBackend};
pub use describe::{describe_as_text, PluginFields};
pub use engine::{expand_rules_paths, validate, Engine, LoadedPlugin, Validation};
pub use evtcodes::{DefaultEvents, EventSet, EventTable};
pub use result::{ErrorCode, LoadResult, WarningCode};
pub use ruleset::{MatchMode, NameMatch, RuleId, Ruleset, Selection};
