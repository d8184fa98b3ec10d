//! Every shared trace reads to the end, with the block and event-type census of STATS.yaml.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use peregrine_scap::{block_type_name, Block, Reader};

#[test]
fn every_trace_is_listed_in_stats() {
    let stats = common::load_stats();
    let listed: BTreeSet<_> = stats.iter().map(|s| common::trace_path(&s.path)).collect();
    let found: BTreeSet<_> = common::all_traces().into_iter().collect();
    assert_eq!(found.len(), 34, "expected the 34 shared traces");
    assert_eq!(listed, found);
}

#[test]
fn corpus_block_counts_match_stats() {
    for st in common::load_stats() {
        let path = common::trace_path(&st.path);
        let mut r = Reader::open(&path).unwrap();
        assert_eq!(r.is_gzip(), st.gzip, "{}", st.path);
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        let mut types: BTreeSet<String> = BTreeSet::new();
        let mut version = String::new();
        loop {
            let b = match r.next() {
                None => break,
                Some(Ok(b)) => b,
                Some(Err(e)) => panic!("{}: {e}", st.path),
            };
            match &b {
                Block::Event(ev) => {
                    let info = ev.info().expect("delivered events have a table row");
                    types.insert(format!("{}:{}/{}", ev.etype, info.name, ev.nparams()));
                }
                Block::Section(sh) => version = format!("{}.{}", sh.major, sh.minor),
                _ => {}
            }
            let t = r.last_block_type();
            *counts.entry(block_type_name(t).to_string()).or_default() += 1;
        }
        let s = r.stats();
        assert_eq!(counts, st.blocks, "{}: block census", st.path);
        assert_eq!(s.event_blocks, st.event_blocks, "{}", st.path);
        assert_eq!(
            s.events, st.event_blocks,
            "{}: every event delivered",
            st.path
        );
        assert_eq!(s.skipped_events, 0, "{}", st.path);
        assert_eq!(version, st.scap_version, "{}", st.path);
        let want: BTreeSet<String> = st.event_type_numbers.iter().cloned().collect();
        assert_eq!(types, want, "{}: event types and nparams", st.path);
    }
}

#[test]
fn shb_options_are_skipped_and_exposed() {
    let mut r = Reader::open(common::trace_path("libs/curl_google_comments.scap")).unwrap();
    let Some(Ok(Block::Section(sh))) = r.next() else {
        panic!("section header first")
    };
    let comments: Vec<String> = sh.comments().collect();
    assert!(
        comments.iter().any(|c| c.contains("File-level comment")),
        "{comments:?}"
    );
    assert!(sh
        .options
        .iter()
        .any(|o| o.code == 4 && o.value.starts_with(b"Editcap")));
}

/// The commented copy carries the same events as the original: comments live after `evt.len`.
#[test]
fn event_block_options_do_not_change_events() {
    let collect = |rel: &str| {
        let mut r = Reader::open(common::trace_path(rel)).unwrap();
        let mut v = Vec::new();
        while let Some(ev) = r.next_event() {
            let ev = ev.unwrap();
            v.push((ev.cpu, ev.bytes().to_vec()));
        }
        v
    };
    let a = collect("libs/curl_google.scap");
    let b = collect("libs/curl_google_comments.scap");
    assert_eq!(a.len(), 1536);
    assert!(
        a == b,
        "events differ between curl_google and its commented copy"
    );
}
