//! The per-thread store of enter events waiting for their exit.

use super::*;

/// Thread ids are small, dense integers: a multiplicative mix is plenty and much cheaper than
/// the default SipHash.
#[derive(Default)]
struct TidHasher(u64);

impl Hasher for TidHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        let mut z = v.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        self.0 = z ^ (z >> 31);
    }
}

struct Slot {
    tid: u64,
    /// `tid` maps to this slot in the index. A slot keeps its thread after the enter event
    /// is used, so that the thread's next enter event (usually its next syscall) finds it
    /// again without touching the index.
    mapped: bool,
    /// Holds a stored enter event.
    live: bool,
    /// Has an entry in `free` (which may be stale: the slot was made live again since).
    queued: bool,
    bytes: Vec<u8>,
}

/// Slots remembered by thread id modulo this size, in front of the index: an exit event
/// usually follows its enter event closely, and a capture has few busy threads.
const RECENT: usize = 256;

/// At most one enter event per thread, in reusable slot buffers, with a bound on the number of
/// threads. When full, slots are reclaimed in round-robin order, which approximates oldest-first
/// without per-event bookkeeping.
pub(super) struct EnterStore {
    index: HashMap<u64, u32, BuildHasherDefault<TidHasher>>,
    slots: Vec<Slot>,
    /// Every slot that is mapped but not live, and others: an entry is only checked when it is
    /// taken, so that the usual enter/exit cycle of a thread never touches this list. At most
    /// one entry per slot (`Slot::queued`).
    free: Vec<u32>,
    /// Slots mapped to no thread.
    spare: Vec<u32>,
    recent: Box<[u32; RECENT]>,
    live: usize,
    max: usize,
    hand: usize,
    pub(super) evictions: u64,
    pub(super) replaced: u64,
}

impl EnterStore {
    pub(super) fn new(max: usize) -> Self {
        EnterStore {
            index: HashMap::default(),
            slots: Vec::new(),
            free: Vec::new(),
            spare: Vec::new(),
            recent: Box::new([u32::MAX; RECENT]),
            live: 0,
            max,
            hand: 0,
            evictions: 0,
            replaced: 0,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.live
    }

    /// The slot `tid` maps to, live or not.
    #[inline]
    fn slot_of(&self, tid: u64) -> Option<u32> {
        let r = self.recent[tid as usize % RECENT];
        if let Some(s) = self.slots.get(r as usize) {
            if s.mapped && s.tid == tid {
                return Some(r);
            }
        }
        self.index.get(&tid).copied()
    }

    /// The live slot of `tid`, remembered for the next lookup.
    #[inline]
    pub(super) fn find(&mut self, tid: u64) -> Option<u32> {
        let i = self.slot_of(tid)?;
        self.recent[tid as usize % RECENT] = i;
        self.slots[i as usize].live.then_some(i)
    }

    pub(super) fn bytes(&self, i: u32) -> &[u8] {
        &self.slots[i as usize].bytes
    }

    pub(super) fn get(&self, tid: u64) -> Option<&[u8]> {
        let s = &self.slots[self.slot_of(tid)? as usize];
        s.live.then_some(s.bytes.as_slice())
    }

    /// A slot mapped to a thread that has nothing stored, taken off the free list.
    fn take_free(&mut self) -> Option<u32> {
        while let Some(i) = self.free.pop() {
            let s = &mut self.slots[i as usize];
            s.queued = false;
            if s.mapped && !s.live {
                return Some(i);
            }
        }
        None
    }

    pub(super) fn put(&mut self, tid: u64, ev: &[u8]) {
        let i = match self.slot_of(tid) {
            Some(i) if self.slots[i as usize].live => {
                self.replaced += 1;
                i
            }
            Some(i) => {
                self.live += 1;
                i
            }
            None => {
                let i = if let Some(i) = self.spare.pop() {
                    self.live += 1;
                    i
                } else if self.slots.len() < self.max {
                    self.slots.push(Slot {
                        tid,
                        mapped: false,
                        live: false,
                        queued: false,
                        bytes: Vec::new(),
                    });
                    self.live += 1;
                    self.slots.len() as u32 - 1
                } else if let Some(i) = self.take_free() {
                    // Taken from a thread that has nothing stored.
                    self.live += 1;
                    i
                } else {
                    // Every slot is live when none is free and the vector is at its bound.
                    let i = self.hand as u32;
                    self.hand = (self.hand + 1) % self.max;
                    self.evictions += 1;
                    i
                };
                let s = &mut self.slots[i as usize];
                if s.mapped {
                    let old = s.tid;
                    self.index.remove(&old);
                }
                self.index.insert(tid, i);
                i
            }
        };
        self.recent[tid as usize % RECENT] = i;
        let s = &mut self.slots[i as usize];
        s.tid = tid;
        s.mapped = true;
        s.live = true;
        s.bytes.clear();
        s.bytes.extend_from_slice(ev);
    }

    /// Releases `tid`'s enter event; false if it had none.
    pub(super) fn remove(&mut self, tid: u64) -> bool {
        let Some(i) = self.slot_of(tid) else {
            return false;
        };
        if !self.slots[i as usize].live {
            return false;
        }
        self.release(i);
        true
    }

    /// Releases the enter event of live slot `i` (as found by [`EnterStore::find`]).
    #[inline]
    pub(super) fn release(&mut self, i: u32) {
        let s = &mut self.slots[i as usize];
        debug_assert!(s.live);
        s.live = false;
        if s.bytes.capacity() > SLOT_KEEP_CAPACITY {
            s.bytes = Vec::new();
        }
        if !s.queued {
            s.queued = true;
            self.free.push(i);
        }
        self.live -= 1;
    }

    /// Releases `tid`'s enter event, if any, and its slot (the thread is gone); false if it
    /// had no enter event.
    pub(super) fn forget(&mut self, tid: u64) -> bool {
        let Some(i) = self.slot_of(tid) else {
            return false;
        };
        let was_live = self.slots[i as usize].live;
        if was_live {
            self.live -= 1;
        }
        self.index.remove(&tid);
        let s = &mut self.slots[i as usize];
        s.mapped = false;
        s.live = false;
        if s.bytes.capacity() > SLOT_KEEP_CAPACITY {
            s.bytes = Vec::new();
        }
        self.spare.push(i);
        was_live
    }

    /// Keeps the slot buffers for reuse.
    pub(super) fn clear(&mut self) {
        self.index.clear();
        self.free.clear();
        self.spare.clear();
        for (i, s) in self.slots.iter_mut().enumerate().rev() {
            s.mapped = false;
            s.live = false;
            s.queued = false;
            self.spare.push(i as u32);
        }
        self.live = 0;
        self.hand = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_bounds_and_reuses_slots() {
        let mut s = EnterStore::new(2);
        s.put(1, b"a");
        s.put(2, b"b");
        s.put(1, b"c");
        assert_eq!(s.replaced, 1);
        assert_eq!(s.get(1), Some(&b"c"[..]));
        s.put(3, b"d");
        assert_eq!(s.evictions, 1);
        assert_eq!(s.len(), 2);
        assert_eq!(s.get(3), Some(&b"d"[..]));
        assert!(s.remove(3));
        assert!(!s.remove(3));
        s.put(4, b"e");
        assert_eq!(s.slots.len(), 2, "freed slot reused");
        assert_eq!(s.evictions, 1);
    }
}
