//! The bounded queue between a replay's reader thread and its rules thread, with a recycling
//! pool for the emptied buffers.
//!
//! A plain bounded channel wakes a blocked sender each time the receiver takes an item: with
//! a reader faster than the rules, that is one futex wake (on a VM, an inter-processor
//! interrupt) per batch, paid by the rules thread, the bottleneck. Here a full queue lets the
//! reader sleep until the rules thread has brought it down to half, so it is woken once per
//! half queue; the rules thread, when it runs dry, is woken by the next batch at once.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

pub struct Handoff<T> {
    state: Mutex<State<T>>,
    /// The consumer waits here for an item.
    ready: Condvar,
    /// The producer waits here for room.
    room: Condvar,
    cap: usize,
}

struct State<T> {
    queue: VecDeque<T>,
    pool: Vec<T>,
    consumer_waits: bool,
    producer_waits: bool,
    /// No more items will be pushed.
    producer_done: bool,
    /// Nothing more will be taken: pushes fail.
    consumer_gone: bool,
}

impl<T> Handoff<T> {
    /// A queue of at most `cap` items (at least 2).
    pub fn new(cap: usize) -> Self {
        let cap = cap.max(2);
        Handoff {
            state: Mutex::new(State {
                queue: VecDeque::with_capacity(cap),
                pool: Vec::with_capacity(cap + 2),
                consumer_waits: false,
                producer_waits: false,
                producer_done: false,
                consumer_gone: false,
            }),
            ready: Condvar::new(),
            room: Condvar::new(),
            cap,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A panic on the other side leaves consistent state (every update is one statement).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Producer: queues `item`, first waiting while the queue is full. Returns a recycled
    /// buffer when the pool has one; `Err` (with the item) once the consumer has gone.
    pub fn push(&self, item: T) -> Result<Option<T>, T> {
        let mut s = self.lock();
        if s.queue.len() >= self.cap && !s.consumer_gone {
            s.producer_waits = true;
            while s.queue.len() >= self.cap && !s.consumer_gone {
                s = self.room.wait(s).unwrap_or_else(|e| e.into_inner());
            }
            s.producer_waits = false;
        }
        if s.consumer_gone {
            return Err(item);
        }
        s.queue.push_back(item);
        if s.consumer_waits {
            s.consumer_waits = false;
            self.ready.notify_one();
        }
        Ok(s.pool.pop())
    }

    /// Producer: nothing more will come (also when it unwinds; see [`ProducerDone`]).
    pub fn finish(&self) {
        let mut s = self.lock();
        s.producer_done = true;
        self.ready.notify_one();
    }

    /// Consumer: gives back `done` (an emptied buffer) and takes the next item, waiting for
    /// one; `None` when the producer has finished and everything was taken.
    pub fn pop(&self, done: Option<T>) -> Option<T> {
        let mut s = self.lock();
        if let Some(d) = done {
            if s.pool.len() < self.cap + 2 {
                s.pool.push(d);
            }
        }
        while s.queue.is_empty() && !s.producer_done {
            s.consumer_waits = true;
            s = self.ready.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        let item = s.queue.pop_front();
        if s.producer_waits && s.queue.len() <= self.cap / 2 {
            // Cleared here so that the next pops do not wake it again.
            s.producer_waits = false;
            self.room.notify_one();
        }
        item
    }

    /// Consumer: takes nothing more; a waiting or later push fails.
    pub fn leave(&self) {
        let mut s = self.lock();
        s.consumer_gone = true;
        s.queue.clear();
        self.room.notify_one();
    }
}

/// Marks the producer finished when dropped, so that a consumer never waits on a producer
/// that ended early or panicked.
pub struct ProducerDone<'a, T>(pub &'a Handoff<T>);

impl<T> Drop for ProducerDone<'_, T> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivers_everything_in_order_and_recycles() {
        let h = Handoff::new(4);
        let got = std::thread::scope(|s| {
            s.spawn(|| {
                let _done = ProducerDone(&h);
                let mut reused = 0;
                for i in 0..10_000u32 {
                    if h.push(vec![i]).expect("consumer stays").is_some() {
                        reused += 1;
                    }
                }
                assert!(reused > 0, "the pool hands buffers back");
            });
            let mut got = Vec::new();
            let mut done = None;
            while let Some(mut v) = h.pop(done.take()) {
                got.push(v[0]);
                v.clear();
                done = Some(v);
            }
            got
        });
        assert_eq!(got, (0..10_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_consumer_that_leaves_stops_a_blocked_producer() {
        let h = Handoff::new(2);
        std::thread::scope(|s| {
            let p = s.spawn(|| {
                let _done = ProducerDone(&h);
                let mut pushed = 0;
                while h.push(pushed).is_ok() {
                    pushed += 1;
                }
                pushed
            });
            assert_eq!(h.pop(None), Some(0));
            h.leave();
            assert!(p.join().unwrap() >= 1);
        });
    }

    #[test]
    fn a_producer_that_panics_ends_the_stream() {
        let h = Handoff::<u32>::new(2);
        std::thread::scope(|s| {
            let p = s.spawn(|| {
                let _done = ProducerDone(&h);
                h.push(1).unwrap();
                panic!("reader failed");
            });
            assert_eq!(h.pop(None), Some(1));
            assert_eq!(h.pop(None), None);
            assert!(p.join().is_err());
        });
    }
}
