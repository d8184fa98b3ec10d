//! The inspector owns all state tables and applies metadata blocks and events to them.

use std::collections::HashMap;

use crate::fd::{Fd, FdTable};
use crate::thread::Thread;
use crate::users::{Group, User};

#[derive(Debug, Default)]
pub struct Inspector {
    pub threads: HashMap<i64, Thread>,
    /// Fd tables keyed by the owning tid (`Thread::fd_owner`).
    pub fdtables: HashMap<i64, FdTable>,
    pub users: HashMap<u32, User>,
    pub groups: HashMap<u32, Group>,
    pub hostname: String,
    pub boot_ts: u64,
}

impl Inspector {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn thread(&self, tid: i64) -> Option<&Thread> {
        self.threads.get(&tid)
    }

    /// The fd `fd` as seen by thread `tid`.
    pub fn fd(&self, tid: i64, fd: i64) -> Option<&Fd> {
        let owner = self.threads.get(&tid)?.fd_owner;
        self.fdtables.get(&owner)?.get(fd)
    }

    /// The parent of `t` (by `ptid`).
    pub fn parent(&self, t: &Thread) -> Option<&Thread> {
        self.threads.get(&t.ptid)
    }
}
