//! The inspector: process, fd, user and container state rebuilt from the event stream.
//!
//! Seeded from the metadata blocks of a capture (process list, fd lists, users, interfaces,
//! machine info) or from /proc for live capture, then kept current by the events themselves,
//! the way libsinsp does it, so that field values (`proc.*`, `fd.*`, `user.*`) match sysdig and
//! Falco. Memory is bounded: exited threads and closed fds are released, the thread table has
//! a cap (idle threads are evicted) and each process's fd table has one.

pub mod addr;
pub mod consts;
pub mod container;
mod evflags;
pub mod fd;
pub mod ifaces;
pub mod inspector;
mod parse;
pub mod path;
mod seed;
pub mod thread;
pub mod users;

pub use container::ContainerInfo;
pub use fd::{Fd, FdKind, FdTable, L4Proto, Role, SockAddr, SockInfo};
pub use ifaces::NetInterfaces;
pub use inspector::{Ancestors, Compat, Config, Inspector, Stats};
pub use thread::Thread;
pub use users::{Group, User};

impl Inspector {
    /// The `fd.name` upstream shows for an event without an fd (a failed open or connect, an
    /// fd never seen): the name the call was about, resolved like the parser would have.
    /// `None` where upstream has no value (enter events). Call it right after
    /// [`Inspector::process`] for the same event.
    pub fn fd_name_without_fd(&self, ev: &peregrine_event::Event<'_>) -> Option<String> {
        parse::fd_name_without_fd(self, ev)
    }
}
