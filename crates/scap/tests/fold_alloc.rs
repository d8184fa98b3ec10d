//! Folding allocates nothing per event once its buffers and store have grown to the stream's
//! needs. Its own test binary, because it installs a counting global allocator.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use peregrine_event::Event;
use peregrine_scap::{Folded, Folder, Reader};

struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.realloc(p, l, n)
    }
}

#[global_allocator]
static A: Counting = Counting;

#[test]
fn steady_state_folding_does_not_allocate() {
    let path = common::trace_path("sf-collector/mpm-worker/full_capture.scap");
    let mut r = Reader::open(path).unwrap();
    let mut events: Vec<(u16, u32, Vec<u8>)> = Vec::new();
    while let Some(ev) = r.next_event() {
        let ev = ev.unwrap();
        events.push((ev.cpu, ev.dump_flags, ev.bytes().to_vec()));
    }
    let parsed: Vec<Event<'_>> = events
        .iter()
        .map(|(c, f, b)| Event::parse(*c, *f, b).unwrap())
        .collect();
    let mut folder = Folder::new();
    let run = |folder: &mut Folder| {
        let mut sum = 0u64;
        for ev in &parsed {
            match folder.push(ev).unwrap() {
                Folded::Event(e) => sum = sum.wrapping_add(e.bytes().len() as u64),
                Folded::Pass => sum = sum.wrapping_add(1),
                Folded::Drop => {}
                Folded::Unwanted(t) => panic!("type {t} unwanted without a wanted set"),
            }
        }
        sum
    };
    let warm = run(&mut folder);
    folder.clear();
    let before = ALLOCS.load(Ordering::Relaxed);
    let again = run(&mut folder);
    let allocs = ALLOCS.load(Ordering::Relaxed) - before;
    assert_eq!(warm, again, "same output on the second pass");
    assert_eq!(
        allocs,
        0,
        "allocations while folding {} events",
        parsed.len()
    );
    assert!(folder.stats().converted > 40_000);
}
