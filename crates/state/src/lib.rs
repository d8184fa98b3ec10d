//! The inspector: process, fd, user and container state rebuilt from the event stream.
//!
//! Seeded from the metadata blocks of a capture (process list, fd lists, users, interfaces,
//! machine info) or from /proc for live capture, then kept current by the events themselves,
//! the way libsinsp does it, so that field values (`proc.*`, `fd.*`, `user.*`) match sysdig and
//! Falco. Memory is bounded: exited threads and closed fds are released.

pub mod container;
pub mod fd;
pub mod inspector;
pub mod parse;
pub mod thread;
pub mod users;

pub use fd::{Fd, FdKind, FdTable, Role, SockAddr};
pub use inspector::Inspector;
pub use thread::Thread;
pub use users::{Group, User};
