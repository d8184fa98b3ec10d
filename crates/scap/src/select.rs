//! Which replayed events Falco 0.44's rules evaluate (libsinsp 0.25's event loop).
//!
//! The inspector processes everything the [`crate::Folder`] delivers; rules see all of it
//! except state-only events, the enter events the converter passes only for the parser, and
//! the run of initial-state records a capture begins with (libsinsp consumes those while it
//! opens the file). The replay command, the benchmarks and the output tests share this so they
//! select exactly the same events.

use peregrine_event::{ppme, Event};

/// libscap's `SCAP_DF_STATE_ONLY` dump flag: an event kept for state only.
pub const DF_STATE_ONLY: u32 = 1;

/// Enter events libsinsp drops once its parser has used them (TOCTOU mitigation and fallbacks
/// for empty exit parameters).
pub fn parser_only_enter(etype: u16) -> bool {
    matches!(
        etype,
        ppme::SYSCALL_OPEN_E
            | ppme::SYSCALL_OPENAT_2_E
            | ppme::SYSCALL_OPENAT2_E
            | ppme::SYSCALL_CREAT_E
            | ppme::SOCKET_CONNECT_E
            | ppme::SYSCALL_EXECVE_19_E
            | ppme::SYSCALL_EXECVEAT_E
    )
}

/// Records libsinsp applies before its event loop starts, as long as a capture begins with
/// them.
pub fn initial_state_event(etype: u16) -> bool {
    matches!(
        etype,
        ppme::CONTAINER_JSON_2_E
            | ppme::USER_ADDED_E
            | ppme::USER_DELETED_E
            | ppme::GROUP_ADDED_E
            | ppme::GROUP_DELETED_E
            | ppme::ASYNCEVENT_E
    )
}

/// Decides, event by event in stream order, whether rules evaluate a folded event.
#[derive(Debug, Default, Clone)]
pub struct RuleSelector {
    past_initial_state: bool,
}

impl RuleSelector {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether rules see `ev`. Call it for every event the folder delivers, in order.
    pub fn rules_see(&mut self, ev: &Event<'_>) -> bool {
        self.rules_see_parts(ev.etype, ev.dump_flags)
    }

    /// [`RuleSelector::rules_see`] from the event's type and dump flags alone (for events
    /// that were counted but not built).
    pub fn rules_see_parts(&mut self, etype: u16, dump_flags: u32) -> bool {
        if !self.past_initial_state {
            if initial_state_event(etype) {
                return false;
            }
            self.past_initial_state = true;
        }
        dump_flags & DF_STATE_ONLY == 0 && !parser_only_enter(etype)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use peregrine_event::EventBuf;

    fn event(etype: u16) -> Vec<u8> {
        let mut b = EventBuf::new();
        b.start(1, 1, etype);
        b.finish().to_vec()
    }

    fn parse(b: &[u8], dump_flags: u32) -> Event<'_> {
        Event::parse(0, dump_flags, b).unwrap()
    }

    #[test]
    fn initial_state_only_at_the_head() {
        let mut s = RuleSelector::new();
        let user = event(ppme::USER_ADDED_E);
        let close = event(ppme::SYSCALL_CLOSE_X);
        let open_e = event(ppme::SYSCALL_OPEN_E);
        assert!(!s.rules_see(&parse(&user, 0)));
        assert!(s.rules_see(&parse(&close, 0)));
        // Past the head, the same record is an ordinary event.
        assert!(s.rules_see(&parse(&user, 0)));
        assert!(!s.rules_see(&parse(&open_e, 0)));
        assert!(!s.rules_see(&parse(&close, DF_STATE_ONLY)));
    }
}
