//! The inspector: process, fd, user and container state rebuilt from the event stream.
//!
//! Seeded from the metadata blocks of a capture (process list, fd lists, users, interfaces,
//! machine info; a live source supplies the same blocks from its /proc scan), then kept
//! current by the events themselves (raw enter/exit pairs or exit-only events alike),
//! the way libsinsp does it, so that field values (`proc.*`, `fd.*`, `user.*`) match sysdig and
//! Falco. Memory is bounded: exited threads and closed fds are released, the thread table has
//! a cap (idle threads are evicted) and each process's fd table has one.
//!
//! A consumer that does not need the per-event accessors for some events may leave the event
//! types [`state_relevant`] rejects out of [`Inspector::process`], calling
//! [`Inspector::note_skipped`] for them instead.

pub mod addr;
pub mod consts;
pub mod container;
mod evflags;
pub mod fd;
pub mod ifaces;
pub mod inspector;
mod parse;
pub mod path;
mod relevance;
mod seed;
pub mod thread;
pub mod users;

pub use container::ContainerInfo;
pub use fd::{Fd, FdKind, FdTable, L4Proto, Role, SockAddr, SockInfo};
pub use ifaces::NetInterfaces;
pub use inspector::{Ancestors, Compat, Config, Inspector, Stats};
pub use relevance::state_relevant;
pub use thread::Thread;
pub use users::{Group, User};
