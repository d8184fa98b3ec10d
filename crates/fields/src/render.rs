//! Bridge to the event crate's parameter rendering, with fd and thread names from the state.

use std::borrow::Cow;

use peregrine_event::render::{self as er, FdDesc, RenderCtx};

use crate::extract::EvalCtx;

/// The inspector as the parameter renderer sees it: the event's thread, its fds, names.
struct StateView<'c, 'a>(&'c EvalCtx<'a>);

impl RenderCtx for StateView<'_, '_> {
    fn has_thread(&self) -> bool {
        self.0.insp.event_thread().is_some()
    }

    fn fd(&self, fd: i64) -> Option<FdDesc<'_>> {
        let insp = self.0.insp;
        let f = insp.fd_table(insp.event_thread()?)?.get(fd)?;
        let l4 = match f.l4proto() {
            peregrine_state::fd::L4Proto::Tcp => Some('t'),
            peregrine_state::fd::L4Proto::Udp => Some('u'),
            peregrine_state::fd::L4Proto::Icmp => Some('i'),
            peregrine_state::fd::L4Proto::Raw => Some('r'),
            _ => None,
        };
        Some(FdDesc {
            typechar: f.kind.typechar(),
            l4,
            name: Cow::Borrowed(&f.name),
        })
    }

    fn cwd(&self) -> Option<Cow<'_, str>> {
        let insp = self.0.insp;
        insp.event_thread().map(|t| Cow::Borrowed(insp.cwd(t)))
    }

    fn thread_comm(&self, tid: i64) -> Option<Cow<'_, str>> {
        self.0
            .insp
            .thread(tid)
            .map(|t| Cow::Borrowed(t.comm.as_str()))
    }

    // sysdig 0.29.3 resolves ids against the host lists; current libsinsp against the lists of
    // the event thread's container (none without a thread).
    fn user_name(&self, uid: u32) -> Option<Cow<'_, str>> {
        let insp = self.0.insp;
        let u = if self.0.sysdig() {
            insp.users.get(&uid)
        } else {
            insp.user_in(&insp.event_thread()?.container_id, uid)
        };
        u.map(|u| Cow::Borrowed(u.name.as_str()))
    }

    fn group_name(&self, gid: u32) -> Option<Cow<'_, str>> {
        let insp = self.0.insp;
        let g = if self.0.sysdig() {
            insp.groups.get(&gid)
        } else {
            insp.group_in(&insp.event_thread()?.container_id, gid)
        };
        g.map(|g| Cow::Borrowed(g.name.as_str()))
    }
}

pub fn render_args(cx: &EvalCtx<'_>, out: &mut String) {
    er::render_args_with(cx.ev, &StateView(cx), cx.render, out);
}

pub fn render_param(cx: &EvalCtx<'_>, i: usize) -> Option<String> {
    er::render_param(cx.ev, i, &StateView(cx), cx.render).map(|r| r.value().to_string())
}

pub fn render_param_by_name(cx: &EvalCtx<'_>, name: &str) -> Option<String> {
    er::render_param_by_name(cx.ev, name, &StateView(cx), cx.render).map(|r| r.value().to_string())
}
