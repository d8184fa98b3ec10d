//! One hand-made capture per block type and layout version, decoded field by field.

mod common;

use std::net::{Ipv4Addr, Ipv6Addr};

use common::build::{self, block, ev_body, event_v1, event_v2, shb, B};
use peregrine_scap::{blocks as bt, Block, FdInfo, FdType, ProcEntry, Reader, ScapError};

fn file(blocks: &[Vec<u8>]) -> Vec<u8> {
    let mut v = shb();
    for b in blocks {
        v.extend_from_slice(b);
    }
    v
}

/// All blocks after the section header, rendered owned (events as (cpu, flags, bytes)).
#[derive(Debug)]
enum Got {
    Block(String),
    Event {
        cpu: u16,
        flags: u32,
        etype: u16,
        nparams: usize,
        bytes: Vec<u8>,
    },
}

fn read_all(bytes: &[u8]) -> (Vec<Got>, Option<ScapError>, peregrine_scap::ReaderStats) {
    let mut r = Reader::new(bytes).unwrap();
    let mut out = Vec::new();
    let mut err = None;
    while let Some(b) = r.next() {
        match b {
            Ok(Block::Section(_)) => {}
            Ok(Block::Event(e)) => out.push(Got::Event {
                cpu: e.cpu,
                flags: e.dump_flags,
                etype: e.etype,
                nparams: e.nparams(),
                bytes: e.bytes().to_vec(),
            }),
            Ok(other) => out.push(Got::Block(format!("{other:?}"))),
            Err(e) => err = Some(e),
        }
    }
    (out, err, r.stats())
}

fn one_block(bytes: &[u8]) -> Block<'static> {
    let mut r = Reader::new(bytes).unwrap();
    assert!(matches!(r.next(), Some(Ok(Block::Section(_)))));
    let b = match r.next() {
        Some(Ok(Block::Event(_))) => panic!("use read_all for events"),
        Some(Ok(b)) => b.into_meta().expect("a metadata block"),
        other => panic!("expected a block, got {other:?}"),
    };
    assert!(r.next().is_none());
    b
}

fn block_err(bytes: &[u8]) -> ScapError {
    let (_, err, _) = read_all(bytes);
    err.expect("an error")
}

// ---------------------------------------------------------------- section header

#[test]
fn section_header_versions_and_options() {
    let f = shb();
    let mut r = Reader::new(&f[..]).unwrap();
    let Some(Ok(Block::Section(sh))) = r.next() else {
        panic!()
    };
    assert_eq!((sh.major, sh.minor, sh.section_length), (1, 2, -1));
    assert!(sh.options.is_empty());
    assert!(r.next().is_none());

    let body = B(build::shb_body(1, 0))
        .u16(1)
        .u16(5)
        .raw(b"hello\0\0\0")
        .u16(2988)
        .u16(3)
        .raw(b"abc\0")
        .u16(0)
        .u16(0)
        .0;
    let f = block(build::SHB, &body);
    let mut r = Reader::new(&f[..]).unwrap();
    let Some(Ok(Block::Section(sh))) = r.next() else {
        panic!()
    };
    assert_eq!(sh.minor, 0);
    assert_eq!(sh.comments().collect::<Vec<_>>(), vec!["hello".to_string()]);
    assert_eq!(sh.options[1].code, 2988);
    assert_eq!(sh.options[1].value, b"abc");
}

#[test]
fn bad_magic_and_version() {
    let mut body = build::shb_body(1, 2);
    // Byte-swapped (big-endian) files are not supported upstream either.
    body[..4].copy_from_slice(&0x1A2B_3C4Du32.to_be_bytes());
    let e = block_err(&block(build::SHB, &body));
    assert!(matches!(e, ScapError::BadMagic { offset: 0, .. }), "{e}");
    assert!(e.to_string().contains("magic"), "{e}");

    let e = block_err(&block(build::SHB, &build::shb_body(2, 0)));
    assert!(
        matches!(
            e,
            ScapError::BadVersion {
                offset: 0,
                major: 2,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.to_string(), "unsupported scap version 2.0 in section header block 0xa0d0d0a at byte 0 (only major version 1 is readable)");

    // Major 1 with any minor is fine.
    let (_, err, _) = read_all(&block(build::SHB, &build::shb_body(1, 9)));
    assert!(err.is_none());
}

#[test]
fn first_block_must_be_a_section_header() {
    let e = block_err(&block(bt::MI, &[0; 180]));
    assert!(matches!(e, ScapError::NotScap { .. }), "{e}");
    let e = block_err(b"");
    assert!(matches!(e, ScapError::NotScap { .. }), "{e}");
    let short = &shb()[..20];
    let e = block_err(&block(build::SHB, &short[8..]));
    assert!(
        matches!(
            e,
            ScapError::BadLength {
                offset: 0,
                len: 24,
                ..
            }
        ),
        "{e}"
    );
}

// ---------------------------------------------------------------- machine info

#[test]
fn machine_info() {
    let mut host = [0u8; 128];
    host[..5].copy_from_slice(b"box-1");
    let body = B::new()
        .u32(8)
        .u64(1 << 34)
        .u64(4_194_304)
        .raw(&host)
        .u64(1_700_000_000_000_000_000)
        .u64(3)
        .u64(0)
        .u64(7)
        .0;
    assert_eq!(body.len(), 180);
    for t in [bt::MI, bt::MI_INT] {
        let Block::MachineInfo(mi) = one_block(&file(&[block(t, &body)])) else {
            panic!()
        };
        assert_eq!(mi.num_cpus, 8);
        assert_eq!(mi.memory_size_bytes, 1 << 34);
        assert_eq!(mi.max_pid, 4_194_304);
        assert_eq!(mi.hostname, "box-1");
        assert_eq!(mi.boot_ts_epoch, 1_700_000_000_000_000_000);
        assert_eq!((mi.flags, mi.reserved4), (3, 7));
    }
}

// ---------------------------------------------------------------- process lists

/// One entry in layout version `v`; for v9, `tail` is appended after root and the entry length
/// is patched in.
fn pl_entry(v: u8, tail: &[u8]) -> Vec<u8> {
    let mut b = B::new();
    if v >= 9 {
        b = b.u32(0);
    }
    b = b.u64(100).u64(99).u64(1);
    if v >= 6 {
        b = b.i64(98);
    }
    if v >= 8 {
        b = b.i64(97);
    }
    b = b.s(b"bash").s(b"/bin/bash");
    if v >= 7 {
        b = b.s(b"/usr/bin/bash");
    }
    b = b
        .s(b"-c\0echo hi")
        .s(b"/root")
        .u64(1024)
        .u32(0x10)
        .u32(1000)
        .u32(1001);
    if v >= 2 {
        b = b.u32(2000).u32(300).u32(4).u64(5).u64(6);
    }
    if v >= 3 {
        b = b.s(b"HOME=/root\0TERM=xterm\0");
    }
    if v >= 4 {
        b = b.i64(7).i64(8).s(b"cpu=/docker/abc\0memory=/docker/abc\0");
    }
    if v >= 5 {
        b = b.s(b"/");
    }
    b = b.raw(tail);
    if v >= 9 {
        let n = b.len() as u32;
        b.0[..4].copy_from_slice(&n.to_le_bytes());
    }
    b.0
}

fn pl_types() -> Vec<(u32, u8)> {
    vec![
        (bt::PL_V1, 1),
        (bt::PL_V1_INT, 1),
        (bt::PL_V2, 2),
        (bt::PL_V2_INT, 2),
        (bt::PL_V3, 3),
        (bt::PL_V3_INT, 3),
        (bt::PL_V4, 4),
        (bt::PL_V5, 5),
        (bt::PL_V6, 6),
        (bt::PL_V7, 7),
        (bt::PL_V8, 8),
        (bt::PL_V9, 9),
    ]
}

fn procs(bytes: &[u8]) -> Vec<ProcEntry> {
    match one_block(bytes) {
        Block::ProcList(p) => p,
        other => panic!("{other:?}"),
    }
}

#[test]
fn proclist_every_version() {
    for (t, v) in pl_types() {
        let body = [pl_entry(v, &[]), pl_entry(v, &[])].concat();
        let ps = procs(&file(&[block(t, &body)]));
        assert_eq!(ps.len(), 2, "{t:#x}");
        let p = &ps[0];
        assert_eq!((p.tid, p.pid, p.ptid), (100, 99, 1));
        assert_eq!(
            (p.comm.as_str(), p.exe.as_str(), p.cwd.as_str()),
            ("bash", "/bin/bash", "/root")
        );
        assert_eq!(p.args, vec!["-c", "echo hi"]);
        assert_eq!((p.fdlimit, p.flags, p.uid, p.gid), (1024, 0x10, 1000, 1001));
        assert_eq!(p.sid, (v >= 6).then_some(98), "v{v}");
        assert_eq!(p.vpgid, (v >= 8).then_some(97), "v{v}");
        assert_eq!(
            p.exepath.as_deref(),
            (v >= 7).then_some("/usr/bin/bash"),
            "v{v}"
        );
        assert_eq!(p.vmsize_kb, (v >= 2).then_some(2000));
        assert_eq!(p.vmrss_kb, (v >= 2).then_some(300));
        assert_eq!(p.vmswap_kb, (v >= 2).then_some(4));
        assert_eq!(p.pfmajor, (v >= 2).then_some(5));
        assert_eq!(p.pfminor, (v >= 2).then_some(6));
        let env = vec!["HOME=/root".to_string(), "TERM=xterm".to_string()];
        assert_eq!(p.env, (v >= 3).then_some(env));
        assert_eq!(p.vtid, (v >= 4).then_some(7));
        assert_eq!(p.vpid, (v >= 4).then_some(8));
        let cg = vec![
            ("cpu".to_string(), "/docker/abc".to_string()),
            ("memory".to_string(), "/docker/abc".to_string()),
        ];
        assert_eq!(p.cgroups, (v >= 4).then_some(cg));
        assert_eq!(p.root.as_deref(), (v >= 5).then_some("/"));
        assert_eq!(p.loginuid, None);
        assert_eq!(p.pgid, None);
        assert_eq!(&ps[0], &ps[1]);
    }
}

#[test]
fn proclist_v9_tail_layouts() {
    // libs >= 0.10: pidns_init_start_ts and tty come before loginuid.
    let modern = B::new()
        .u64(11) // pidns_init_start_ts
        .u32(34816) // tty
        .u32(1000) // loginuid
        .u8(1) // exe_writable
        .u64(0xa)
        .u64(0xb)
        .u64(0xc)
        .u8(1) // exe_upper_layer
        .u64(77) // exe_ino
        .u64(78)
        .u64(79)
        .u8(1) // exe_from_memfd
        .u8(0) // exe_lower_layer
        .i64(4242) // pgid
        .0;
    let p = &procs(&file(&[block(bt::PL_V9, &pl_entry(9, &modern))]))[0];
    assert_eq!(p.pidns_init_start_ts, Some(11));
    assert_eq!(p.tty, Some(34816));
    assert_eq!(p.loginuid, Some(1000));
    assert_eq!(p.exe_writable, Some(true));
    assert_eq!(
        (p.cap_inheritable, p.cap_permitted, p.cap_effective),
        (Some(0xa), Some(0xb), Some(0xc))
    );
    assert_eq!(p.exe_upper_layer, Some(true));
    assert_eq!(
        (p.exe_ino, p.exe_ino_ctime, p.exe_ino_mtime),
        (Some(77), Some(78), Some(79))
    );
    assert_eq!(
        (p.exe_from_memfd, p.exe_lower_layer, p.pgid),
        (Some(true), Some(false), Some(4242))
    );

    // Before 0.10: a tail of at most 29 bytes starts with loginuid.
    let old = B::new().u32(1000).u8(0).u64(1).u64(2).u64(3).0;
    assert_eq!(old.len(), 29);
    let p = &procs(&file(&[block(bt::PL_V9, &pl_entry(9, &old))]))[0];
    assert_eq!((p.pidns_init_start_ts, p.tty), (None, None));
    assert_eq!(p.loginuid, Some(1000));
    assert_eq!(p.exe_writable, Some(false));
    assert_eq!(p.cap_effective, Some(3));
    assert_eq!(p.exe_ino, None);

    // Only loginuid present.
    let p = &procs(&file(&[block(
        bt::PL_V9,
        &pl_entry(9, &1000u32.to_le_bytes()),
    )]))[0];
    assert_eq!((p.loginuid, p.exe_writable), (Some(1000), None));

    // Unknown fields appended by a newer writer are skipped by the entry length.
    let newer = [modern.clone(), vec![0xEE; 13]].concat();
    let body = [pl_entry(9, &newer), pl_entry(9, &old)].concat();
    let ps = procs(&file(&[block(bt::PL_V9, &body)]));
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[0].pgid, Some(4242));
    assert_eq!(ps[1].loginuid, Some(1000));
}

#[test]
fn proclist_malformed_entries() {
    // Entry length smaller than the fixed part.
    let mut e = pl_entry(9, &[]);
    e[..4].copy_from_slice(&20u32.to_le_bytes());
    let err = block_err(&file(&[block(bt::PL_V9, &e)]));
    assert!(
        matches!(err, ScapError::Malformed { offset: 28, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("process list block 0x215"),
        "{err}"
    );

    // Entry length past the end of the block.
    let mut e = pl_entry(9, &[]);
    let n = e.len() as u32 + 64;
    e[..4].copy_from_slice(&n.to_le_bytes());
    let err = block_err(&file(&[block(bt::PL_V9, &e)]));
    assert!(matches!(err, ScapError::Malformed { .. }), "{err}");

    // comm longer than libscap's 1024-byte limit.
    let body = B::new()
        .u64(1)
        .u64(1)
        .u64(0)
        .s(&[b'x'; 1025])
        .s(b"")
        .s(b"")
        .s(b"")
        .u64(0)
        .u32(0)
        .u32(0)
        .u32(0)
        .0;
    let err = block_err(&file(&[block(bt::PL_V1, &body)]));
    assert!(
        err.to_string()
            .contains("comm: length 1025 exceeds the limit of 1024"),
        "{err}"
    );

    // A string running past the body.
    let body = B::new().u64(1).u64(1).u64(0).u16(500).raw(b"short").0;
    let err = block_err(&file(&[block(bt::PL_V1, &body)]));
    assert!(matches!(err, ScapError::Malformed { .. }), "{err}");
}

// ---------------------------------------------------------------- fd lists

fn fd_entries_v(v2: bool) -> (Vec<u8>, Vec<FdInfo>) {
    let ip4a = Ipv4Addr::new(10, 0, 0, 1);
    let ip4b = Ipv4Addr::new(93, 184, 216, 34);
    let ip6a: Ipv6Addr = "2001:db8::1".parse().unwrap();
    let ip6b: Ipv6Addr = "2607:f8b0:4004:802::2004".parse().unwrap();
    let mut body = B::new().u64(4242);
    let mut want = Vec::new();
    let mut add = |body: B, fd: i64, t: u8, data: B, info: FdInfo| -> B {
        let e = B::new().i64(fd).u64(1000 + fd as u64).u8(t).raw(&data.0);
        want.push(info);
        if v2 {
            body.u32(e.len() as u32 + 4).raw(&e.0)
        } else {
            body.raw(&e.0)
        }
    };
    body = add(
        body,
        3,
        3,
        B::new()
            .raw(&ip4a.octets())
            .raw(&ip4b.octets())
            .u16(40000)
            .u16(443)
            .u8(2),
        FdInfo::Ipv4Socket {
            sip: ip4a,
            dip: ip4b,
            sport: 40000,
            dport: 443,
            l4proto: 2,
        },
    );
    body = add(
        body,
        4,
        4,
        B::new()
            .raw(&ip6a.octets())
            .raw(&ip6b.octets())
            .u16(5353)
            .u16(53)
            .u8(3),
        FdInfo::Ipv6Socket {
            sip: ip6a,
            dip: ip6b,
            sport: 5353,
            dport: 53,
            l4proto: 3,
        },
    );
    body = add(
        body,
        5,
        5,
        B::new().raw(&ip4a.octets()).u16(80).u8(2),
        FdInfo::Ipv4Server {
            ip: ip4a,
            port: 80,
            l4proto: 2,
        },
    );
    body = add(
        body,
        6,
        6,
        B::new().raw(&ip6a.octets()).u16(8080).u8(2),
        FdInfo::Ipv6Server {
            ip: ip6a,
            port: 8080,
            l4proto: 2,
        },
    );
    body = add(
        body,
        7,
        8,
        B::new()
            .u64(0xffff_1111)
            .u64(0xffff_2222)
            .s(b"/run/nscd/socket"),
        FdInfo::Unix {
            source: 0xffff_1111,
            dest: 0xffff_2222,
            path: "/run/nscd/socket".into(),
        },
    );
    // dev can only be recognised through a v2 entry length.
    let file = B::new().u32(0o2).s(b"/etc/passwd");
    let file = if v2 { file.u32(0x803) } else { file };
    body = add(
        body,
        8,
        16,
        file,
        FdInfo::File {
            open_flags: 2,
            name: "/etc/passwd".into(),
            dev: v2.then_some(0x803),
        },
    );
    for (fd, t, kind, name) in [
        (9, 1, FdType::File, "/old/file"),
        (10, 2, FdType::Directory, "/tmp"),
        (11, 7, FdType::Fifo, "pipe:[123]"),
        (12, 9, FdType::Event, "anon_inode:[eventfd]"),
        (13, 10, FdType::Unsupported, "x"),
        (14, 11, FdType::Signalfd, "anon_inode:[signalfd]"),
        (15, 12, FdType::Eventpoll, "anon_inode:[eventpoll]"),
        (16, 13, FdType::Inotify, "anon_inode:inotify"),
        (17, 14, FdType::Timerfd, "anon_inode:[timerfd]"),
        (18, 15, FdType::Netlink, "netlink"),
        (19, 17, FdType::Bpf, "anon_inode:bpf-map"),
        (20, 18, FdType::Userfaultfd, "anon_inode:[userfaultfd]"),
        (21, 19, FdType::Iouring, "anon_inode:[io_uring]"),
        (22, 20, FdType::Memfd, "memfd:x"),
        (23, 21, FdType::Pidfd, "anon_inode:[pidfd]"),
    ] {
        body = add(
            body,
            fd,
            t,
            B::new().s(name.as_bytes()),
            FdInfo::Named {
                kind,
                name: name.into(),
            },
        );
    }
    (body.0, want)
}

#[test]
fn fdlist_v1_and_v2_every_type() {
    for (t, v2) in [(bt::FDL, false), (bt::FDL_INT, false), (bt::FDL_V2, true)] {
        let (body, want) = fd_entries_v(v2);
        let Block::FdList { tid, fds } = one_block(&file(&[block(t, &body)])) else {
            panic!()
        };
        assert_eq!(tid, 4242);
        let got: Vec<FdInfo> = fds.iter().map(|f| f.info.clone()).collect();
        assert_eq!(got, want, "{t:#x}");
        assert_eq!(fds[0].fd, 3);
        assert_eq!(fds[0].ino, 1003);
        assert_eq!(fds[0].fd_type(), Some(FdType::Ipv4Sock));
    }
}

#[test]
fn fdlist_file_v2_without_dev_and_unknown_types() {
    // FILE_V2 in a v2 entry too short for dev; then an unknown type skipped by its length.
    let e1 = B::new().i64(3).u64(1).u8(16).u32(1).s(b"/a").0;
    let e2 = B::new().i64(4).u64(2).u8(99).raw(&[1, 2, 3, 4, 5]).0;
    let e3 = B::new().i64(5).u64(3).u8(2).s(b"/d").0;
    let mut body = B::new().u64(7);
    for e in [&e1, &e2, &e3] {
        body = body.u32(e.len() as u32 + 4).raw(e);
    }
    let Block::FdList { fds, .. } = one_block(&file(&[block(bt::FDL_V2, &body.0)])) else {
        panic!()
    };
    assert_eq!(
        fds[0].info,
        FdInfo::File {
            open_flags: 1,
            name: "/a".into(),
            dev: None
        }
    );
    assert_eq!(fds[1].info, FdInfo::Unknown { type_code: 99 });
    assert_eq!(fds[1].fd_type(), None);
    assert_eq!(
        fds[2].info,
        FdInfo::Named {
            kind: FdType::Directory,
            name: "/d".into()
        }
    );

    // In a v1 list an unknown type cannot be skipped.
    let body = B::new().u64(7).raw(&e2).0;
    let err = block_err(&file(&[block(bt::FDL, &body)]));
    assert!(err.to_string().contains("unknown fd type 99"), "{err}");
    // An fd list must at least hold its tid.
    let err = block_err(&file(&[block(bt::FDL_V2, &[])]));
    assert!(matches!(err, ScapError::Malformed { .. }), "{err}");
}

// ---------------------------------------------------------------- interfaces

#[test]
fn interface_lists() {
    let a4 = Ipv4Addr::new(192, 168, 1, 10);
    let m4 = Ipv4Addr::new(255, 255, 255, 0);
    let b4 = Ipv4Addr::new(192, 168, 1, 255);
    let a6: Ipv6Addr = "fe80::1".parse().unwrap();
    let entries = [
        B::new()
            .u16(1)
            .u16(4)
            .raw(&a4.octets())
            .raw(&m4.octets())
            .raw(&b4.octets())
            .u64(1000)
            .raw(b"eth0")
            .0,
        B::new()
            .u16(3)
            .u16(2)
            .raw(&[127, 0, 0, 1])
            .raw(&[255, 0, 0, 0])
            .raw(&[127, 255, 255, 255])
            .raw(b"lo")
            .0,
        B::new()
            .u16(2)
            .u16(4)
            .raw(&a6.octets())
            .raw(&[0xff; 16])
            .raw(&[0; 16])
            .u64(10)
            .raw(b"eth0")
            .0,
        B::new()
            .u16(4)
            .u16(2)
            .raw(&Ipv6Addr::LOCALHOST.octets())
            .raw(&[0xff; 16])
            .raw(&[0; 16])
            .raw(b"lo")
            .0,
    ];
    let v1 = entries.concat();
    let v2: Vec<u8> = entries
        .iter()
        .flat_map(|e| [&(e.len() as u32).to_le_bytes()[..], e].concat())
        .collect();
    for (t, body) in [(bt::IL, &v1), (bt::IL_INT, &v1), (bt::IL_V2, &v2)] {
        let Block::Interfaces(il) = one_block(&file(&[block(t, body)])) else {
            panic!()
        };
        assert_eq!(il.v4.len(), 2);
        assert_eq!(il.v6.len(), 2);
        assert_eq!(
            (
                il.v4[0].name.as_str(),
                il.v4[0].addr,
                il.v4[0].netmask,
                il.v4[0].bcast
            ),
            ("eth0", a4, m4, b4)
        );
        assert_eq!(il.v4[0].linkspeed, Some(1000));
        assert_eq!((il.v4[1].name.as_str(), il.v4[1].linkspeed), ("lo", None));
        assert_eq!(il.v4[1].addr, Ipv4Addr::LOCALHOST);
        assert_eq!((il.v6[0].addr, il.v6[0].linkspeed), (a6, Some(10)));
        assert_eq!(
            (il.v6[1].addr, il.v6[1].linkspeed, il.v6[1].name.as_str()),
            (Ipv6Addr::LOCALHOST, None, "lo")
        );
    }
    let bad = B::new().u16(9).u16(0).raw(&[0; 12]).0;
    let err = block_err(&file(&[block(bt::IL, &bad)]));
    assert!(
        err.to_string().contains("unknown interface type 9"),
        "{err}"
    );
}

// ---------------------------------------------------------------- users

#[test]
fn user_lists() {
    let u = B::new()
        .u8(0)
        .u32(0)
        .u32(0)
        .s(b"root")
        .s(b"/root")
        .s(b"/bin/bash")
        .0;
    let g = B::new().u8(1).u32(27).s(b"sudo").0;
    let v1 = [u.clone(), g.clone()].concat();
    let with_len = |e: &[u8]| [&(e.len() as u32 + 4).to_le_bytes()[..], e].concat();
    let v2 = [with_len(&u), with_len(&g)].concat();
    for (t, body) in [(bt::UL, &v1), (bt::UL_INT, &v1), (bt::UL_V2, &v2)] {
        let Block::Users { users, groups } = one_block(&file(&[block(t, body)])) else {
            panic!()
        };
        assert_eq!(users.len(), 1);
        assert_eq!((users[0].uid, users[0].gid), (0, 0));
        assert_eq!(
            (
                users[0].name.as_str(),
                users[0].homedir.as_str(),
                users[0].shell.as_str()
            ),
            ("root", "/root", "/bin/bash")
        );
        assert_eq!((groups[0].gid, groups[0].name.as_str()), (27, "sudo"));
    }
    let long = B::new().u8(1).u32(1).s(&[b'g'; 256]).0;
    let err = block_err(&file(&[block(bt::UL, &long)]));
    assert!(
        err.to_string().contains("exceeds the limit of 255"),
        "{err}"
    );
}

#[test]
fn unknown_blocks_are_skipped_by_length() {
    let (got, err, st) = read_all(&file(&[
        block(0x7777, &[1, 2, 3, 4, 5]),
        block(bt::MI, &[0; 180]),
    ]));
    assert!(err.is_none());
    assert_eq!(
        format!("{:?}", got[0]),
        "Block(\"Unknown { block_type: 30583 }\")"
    );
    assert!(matches!(got[1], Got::Block(ref s) if s.starts_with("MachineInfo")));
    assert_eq!(st.blocks, 3);
}

// ---------------------------------------------------------------- events

const OPEN_X: u16 = 3;
const CONTAINER_JSON_2: u16 = 324;

#[test]
fn v1_events_are_converted_to_v2() {
    let params: [&[u8]; 4] = [
        &5i64.to_le_bytes(),
        b"/etc/passwd\0",
        &1u32.to_le_bytes(),
        &0o644u32.to_le_bytes(),
    ];
    let v1 = event_v1(10, 20, OPEN_X, &params);
    let want = event_v2(10, 20, OPEN_X, &params, false);
    for (t, flags) in [(bt::EV, None), (bt::EV_INT, None), (bt::EVF, Some(1u32))] {
        let (got, err, st) = read_all(&file(&[block(t, &ev_body(3, flags, &v1))]));
        assert!(err.is_none(), "{err:?}");
        let Got::Event {
            cpu,
            flags: f,
            etype,
            nparams,
            bytes,
        } = &got[0]
        else {
            panic!()
        };
        assert_eq!(
            (*cpu, *f, *etype, *nparams),
            (3, flags.unwrap_or(0), OPEN_X, 4),
            "{t:#x}"
        );
        assert_eq!(
            bytes, &want,
            "{t:#x}: converted bytes equal a native v2 event"
        );
        assert_eq!(st.events, 1);
    }
}

#[test]
fn v1_nparams_inference_counts_down_from_the_table() {
    // Table has 6 params for open exit; an event with 0 params and one with all 6.
    let six: [&[u8]; 6] = [
        &5i64.to_le_bytes(),
        b"/x\0",
        &1u32.to_le_bytes(),
        &0u32.to_le_bytes(),
        &0u32.to_le_bytes(),
        &9u64.to_le_bytes(),
    ];
    for ps in [&six[..0], &six[..2], &six[..]] {
        let (got, err, _) = read_all(&file(&[block(
            bt::EV,
            &ev_body(0, None, &event_v1(1, 2, OPEN_X, ps)),
        )]));
        assert!(err.is_none(), "{err:?}");
        let Got::Event { nparams, .. } = &got[0] else {
            panic!()
        };
        assert_eq!(*nparams, ps.len());
    }
    // A length that no parameter count explains.
    let mut bad = event_v1(1, 2, OPEN_X, &six[..2]);
    bad.push(0xAA);
    let len = bad.len() as u32;
    bad[16..20].copy_from_slice(&len.to_le_bytes());
    let err = block_err(&file(&[block(bt::EV, &ev_body(0, None, &bad))]));
    assert!(
        err.to_string().contains("cannot infer the parameter count"),
        "{err}"
    );
}

#[test]
fn v1_notification_length_quirk() {
    let params: [&[u8]; 2] = [b"id\0", b"desc\0"];
    let mut v1 = event_v1(1, 2, 280, &params);
    let len = v1.len() as u32 + 3; // what old writers stored
    v1[16..20].copy_from_slice(&len.to_le_bytes());
    v1.extend_from_slice(&[0, 0, 0]);
    let (got, err, _) = read_all(&file(&[block(bt::EV, &ev_body(0, None, &v1))]));
    assert!(err.is_none(), "{err:?}");
    let Got::Event { nparams, bytes, .. } = &got[0] else {
        panic!()
    };
    assert_eq!(*nparams, 2);
    assert_eq!(bytes, &event_v2(1, 2, 280, &params, false));
}

#[test]
fn v2_event_blocks_with_and_without_flags_and_large() {
    let params: [&[u8]; 2] = [&5i64.to_le_bytes(), b"/etc/hosts\0"];
    let small = event_v2(7, 8, OPEN_X, &params, false);
    let json = vec![b'{'; 70_000];
    let large = event_v2(9, 10, CONTAINER_JSON_2, &[&json], true);
    let blocks = vec![
        block(bt::EV_V2, &ev_body(1, None, &small)),
        block(bt::EVF_V2, &ev_body(2, Some(1), &small)),
        block(bt::EV_V2_LARGE, &ev_body(3, None, &large)),
        block(bt::EVF_V2_LARGE, &ev_body(4, Some(5), &large)),
    ];
    let (got, err, st) = read_all(&file(&blocks));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(st.events, 4);
    let summary: Vec<(u16, u32, u16, usize, usize)> = got
        .iter()
        .map(|g| match g {
            Got::Event {
                cpu,
                flags,
                etype,
                nparams,
                bytes,
            } => (*cpu, *flags, *etype, *nparams, bytes.len()),
            _ => panic!(),
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, 0, OPEN_X, 2, small.len()),
            (2, 1, OPEN_X, 2, small.len()),
            (3, 0, CONTAINER_JSON_2, 1, large.len()),
            (4, 5, CONTAINER_JSON_2, 1, large.len())
        ]
    );
    // A non-LARGE block may not exceed 64 KiB.
    let err = block_err(&file(&[block(bt::EV_V2, &ev_body(0, None, &large))]));
    assert!(
        matches!(err, ScapError::BadLength { offset: 28, .. }),
        "{err}"
    );
}

#[test]
fn bytes_after_the_event_are_ignored() {
    let params: [&[u8]; 1] = [&3i64.to_le_bytes()];
    let ev = event_v2(1, 2, 5, &params, false);
    // pcapng comment option after the padded event, as editcap writes it.
    let mut body = ev_body(0, None, &ev);
    body.resize((body.len() + 3) & !3, 0);
    body.extend_from_slice(&B::new().u16(1).u16(4).raw(b"note").u16(0).u16(0).0);
    let (got, err, _) = read_all(&file(&[
        block(bt::EV_V2, &body),
        block(bt::EV_V2, &ev_body(0, None, &ev)),
    ]));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(got.len(), 2);
    let Got::Event { bytes, .. } = &got[0] else {
        panic!()
    };
    assert_eq!(bytes, &ev);
}

#[test]
fn unknown_event_types_are_skipped_and_counted() {
    let params: [&[u8]; 1] = [&3i64.to_le_bytes()];
    let blocks = vec![
        block(
            bt::EV_V2,
            &ev_body(0, None, &event_v2(1, 1, 60_000, &params, false)),
        ),
        block(bt::EV, &ev_body(0, None, &event_v1(1, 1, 60_001, &params))),
        block(
            bt::EV_V2,
            &ev_body(0, None, &event_v2(2, 2, 5, &params, false)),
        ),
    ];
    let (got, err, st) = read_all(&file(&blocks));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(got.len(), 1);
    assert_eq!(
        (st.events, st.skipped_events, st.event_blocks, st.blocks),
        (1, 2, 3, 4)
    );
}

#[test]
fn invalid_v2_events_are_errors() {
    let params: [&[u8]; 1] = [&3i64.to_le_bytes()];
    let mut ev = event_v2(1, 2, 5, &params, false);
    ev[26] = 200; // parameter length beyond the event
    let err = block_err(&file(&[block(bt::EV_V2, &ev_body(0, None, &ev))]));
    assert!(
        matches!(err, ScapError::BadEvent { offset: 28, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("invalid event in event block 0x216 at byte 28"),
        "{err}"
    );

    // Block too short to hold the header after the cpu id.
    let err = block_err(&file(&[block(bt::EVF_V2, &[0; 28])]));
    assert!(matches!(err, ScapError::Malformed { .. }), "{err}");
}
