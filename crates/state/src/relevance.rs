//! Which event types the inspector must see, so that a consumer can leave the others out.
//!
//! Every event goes through the same generic bookkeeping (upstream's `reset`): its thread is
//! found or created as a placeholder, marked active, and its enter/exit pairing state
//! (`lastevent_type`, `lastevent_fd`, the stored enter event) and timestamps move on. On top
//! of that some event types have a parser, and events that carry an fd look it up (which can
//! create the fd-table owner's placeholder and completes cancelled closes). An event type with
//! neither a parser nor an fd has nothing but the generic part, which
//! [`Inspector::note_skipped`] performs without the rest of [`Inspector::process`] (the
//! stored-enter parse, the fd lookup, the parser dispatch and the per-event context).

use peregrine_event::types::flags::EF_USES_FD;
use peregrine_event::Event;

use crate::evflags::{self, Facts};
use crate::inspector::Inspector;
use crate::parse::Parser;
use crate::Compat;

/// Whether [`Inspector::process`] must see events of type `etype` (final, folded types as the
/// replay delivers them, or raw ones in `Compat::Sysdig`).
///
/// `false` means: passing such an event to [`Inspector::note_skipped`] instead of
/// [`Inspector::process`] leaves the inspector exactly as `process` would have left it
/// (threads and all their fields, fd tables, users, groups, containers, interfaces, counters),
/// so every later event sees the same state. Only the `event_*` accessors differ: after
/// `note_skipped` they describe nothing useful, so a skipped event must not have its fields
/// extracted.
///
/// Event types beyond the event table are relevant (nothing is known about them).
pub fn state_relevant(etype: u16, compat: Compat) -> bool {
    if peregrine_event::info(etype).is_none() {
        return true;
    }
    !irrelevant(evflags::facts(etype), compat)
}

pub(crate) fn irrelevant(facts: &Facts, compat: Compat) -> bool {
    let flags = facts.flags[evflags::compat_index(compat)];
    matches!(facts.parser, Parser::None) && !facts.clone_exit && flags & EF_USES_FD == 0
}

impl Inspector {
    /// The part of [`Inspector::process`] an event of a type that is not
    /// [`state_relevant`] needs: removals the previous event left,
    /// its thread (created as a placeholder if unknown), the thread's pairing state and
    /// timestamps, the event counter.
    ///
    /// A consumer that leaves such events out of `process` must call this for each of them,
    /// in stream order. The `event_*` accessors are not meaningful afterwards. In debug
    /// builds, passing a relevant event panics.
    pub fn note_skipped(&mut self, ev: &Event<'_>) {
        if !self.seeded {
            self.finish_seeding();
        }
        self.stats.events += 1;
        self.apply_pending_removals();
        crate::parse::skip(self, ev);
    }
}
