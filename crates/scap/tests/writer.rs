//! Writer output decoded by our reader: every block type, all event block kinds, gzip.

mod common;

use std::net::{Ipv4Addr, Ipv6Addr};

use common::build::event_v2;
use peregrine_event::Event;
use peregrine_scap::*;

fn modern_proc() -> ProcEntry {
    ProcEntry {
        tid: 10,
        pid: 10,
        ptid: 1,
        sid: Some(10),
        vpgid: Some(10),
        comm: "nginx".into(),
        exe: "/usr/sbin/nginx".into(),
        exepath: Some("/usr/sbin/nginx".into()),
        args: vec!["-g".into(), "daemon off;".into()],
        cwd: "/".into(),
        fdlimit: 1024,
        flags: 0,
        uid: 33,
        gid: 33,
        vmsize_kb: Some(1),
        vmrss_kb: Some(2),
        vmswap_kb: Some(3),
        pfmajor: Some(4),
        pfminor: Some(5),
        env: Some(vec!["PATH=/bin".into()]),
        vtid: Some(1),
        vpid: Some(1),
        cgroups: Some(vec![("cpu".into(), "/docker/x".into())]),
        root: Some("/".into()),
        pidns_init_start_ts: Some(123),
        tty: Some(0),
        loginuid: Some(1000),
        exe_writable: Some(false),
        cap_inheritable: Some(0),
        cap_permitted: Some(u64::MAX),
        cap_effective: Some(7),
        exe_upper_layer: Some(true),
        exe_ino: Some(55),
        exe_ino_ctime: Some(56),
        exe_ino_mtime: Some(57),
        exe_from_memfd: Some(false),
        exe_lower_layer: Some(true),
        pgid: Some(10),
    }
}

fn fds() -> Vec<FdEntry> {
    let e = |fd: i64, info: FdInfo| FdEntry {
        fd,
        ino: fd as u64 * 10,
        info,
    };
    vec![
        e(
            3,
            FdInfo::Ipv4Socket {
                sip: Ipv4Addr::new(1, 2, 3, 4),
                dip: Ipv4Addr::LOCALHOST,
                sport: 1,
                dport: 2,
                l4proto: l4proto::TCP,
            },
        ),
        e(
            4,
            FdInfo::Ipv6Socket {
                sip: Ipv6Addr::LOCALHOST,
                dip: "::2".parse().unwrap(),
                sport: 3,
                dport: 4,
                l4proto: l4proto::UDP,
            },
        ),
        e(
            5,
            FdInfo::Ipv4Server {
                ip: Ipv4Addr::UNSPECIFIED,
                port: 80,
                l4proto: l4proto::TCP,
            },
        ),
        e(
            6,
            FdInfo::Ipv6Server {
                ip: Ipv6Addr::UNSPECIFIED,
                port: 443,
                l4proto: l4proto::TCP,
            },
        ),
        e(
            7,
            FdInfo::Unix {
                source: 1,
                dest: 2,
                path: "/run/x.sock".into(),
            },
        ),
        e(
            8,
            FdInfo::File {
                open_flags: 1,
                name: "/var/log/a".into(),
                dev: Some(0x801),
            },
        ),
        e(
            9,
            FdInfo::File {
                open_flags: 1,
                name: "/var/log/b".into(),
                dev: None,
            },
        ),
        e(
            10,
            FdInfo::Named {
                kind: FdType::Fifo,
                name: "pipe:[1]".into(),
            },
        ),
        e(
            11,
            FdInfo::Named {
                kind: FdType::File,
                name: "/old".into(),
            },
        ),
    ]
}

fn write_sample(gzip: bool) -> Vec<u8> {
    let mut buf = Vec::new();
    {
        let mut w = if gzip {
            Writer::new_gzip(&mut buf).unwrap()
        } else {
            Writer::new(&mut buf).unwrap()
        };
        w.write_machine_info(&MachineInfo {
            num_cpus: 2,
            hostname: "h".into(),
            boot_ts_epoch: 9,
            ..Default::default()
        })
        .unwrap();
        w.write_interfaces(&Interfaces {
            v4: vec![Ipv4Interface {
                name: "eth0".into(),
                addr: Ipv4Addr::new(10, 0, 0, 2),
                netmask: Ipv4Addr::new(255, 0, 0, 0),
                bcast: Ipv4Addr::BROADCAST,
                linkspeed: Some(100),
            }],
            v6: vec![Ipv6Interface {
                name: "lo".into(),
                addr: Ipv6Addr::LOCALHOST,
                netmask: Ipv6Addr::UNSPECIFIED,
                bcast: Ipv6Addr::UNSPECIFIED,
                linkspeed: None,
            }],
        })
        .unwrap();
        w.write_users(
            &[UserEntry {
                uid: 0,
                gid: 0,
                name: "root".into(),
                homedir: "/root".into(),
                shell: "/bin/sh".into(),
            }],
            &[GroupEntry {
                gid: 0,
                name: "root".into(),
            }],
        )
        .unwrap();
        let old = ProcEntry {
            tid: 11,
            pid: 11,
            ptid: 10,
            comm: "sh".into(),
            exe: "sh".into(),
            loginuid: Some(5),
            exe_writable: Some(true),
            ..Default::default()
        };
        w.write_proclist(&[modern_proc(), old]).unwrap();
        w.write_fdlist(10, &fds()).unwrap();
        let small = event_v2(1, 10, 3, &[&3i64.to_le_bytes(), b"/x\0"], false);
        w.write_event(&Event::parse(0, 0, &small).unwrap()).unwrap();
        w.write_event(&Event::parse(1, 1, &small).unwrap()).unwrap();
        let json = vec![b'{'; 100];
        let large = event_v2(2, 10, 324, &[&json], true);
        w.write_event(&Event::parse(2, 0, &large).unwrap()).unwrap();
        w.write_event(&Event::parse(3, 1, &large).unwrap()).unwrap();
        // A non-large type whose block exceeds 64 KiB must still go into a LARGE block.
        let big = event_v2(3, 10, 9, &[&0i64.to_le_bytes(), &vec![0u8; 65_530]], false);
        w.write_event(&Event::parse(4, 0, &big).unwrap()).unwrap();
        assert_eq!(w.events_written(), 5);
        w.finish().unwrap();
    }
    buf
}

#[test]
fn everything_written_reads_back() {
    for gzip in [false, true] {
        let buf = write_sample(gzip);
        assert_eq!(buf[..2] == [0x1f, 0x8b], gzip);
        let mut r = Reader::new(&buf[..]).unwrap();
        let mut kinds = Vec::new();
        let mut events = Vec::new();
        while let Some(b) = r.next() {
            match b.unwrap() {
                Block::Section(sh) => assert_eq!((sh.major, sh.minor, sh.options.len()), (1, 2, 0)),
                Block::MachineInfo(mi) => assert_eq!(
                    (mi.num_cpus, mi.hostname.as_str(), mi.boot_ts_epoch),
                    (2, "h", 9)
                ),
                Block::Interfaces(il) => {
                    assert_eq!(il.v4[0].linkspeed, Some(100));
                    assert_eq!(il.v6[0].linkspeed, None);
                    assert_eq!(il.v6[0].name, "lo");
                }
                Block::Users { users, groups } => {
                    assert_eq!(users[0].shell, "/bin/sh");
                    assert_eq!(groups[0].name, "root");
                }
                Block::ProcList(ps) => {
                    assert_eq!(ps[0], modern_proc());
                    // Absent fields of an older entry come back as libscap's defaults (or stay
                    // absent at the end of the entry).
                    let p = &ps[1];
                    assert_eq!(
                        (p.sid, p.vpgid, p.vtid, p.vpid),
                        (Some(-1), Some(-1), Some(-1), Some(-1))
                    );
                    assert_eq!(
                        (p.loginuid, p.exe_writable, p.cap_inheritable),
                        (Some(5), Some(true), None)
                    );
                    assert_eq!((p.pidns_init_start_ts, p.pgid), (None, None));
                }
                Block::FdList { tid, fds: got } => {
                    assert_eq!(tid, 10);
                    assert_eq!(got, fds());
                }
                Block::Event(ev) => {
                    events.push((ev.cpu, ev.dump_flags, ev.etype, ev.bytes().len()))
                }
                Block::Unknown { .. } => panic!(),
            }
            kinds.push(block_type_name(r.last_block_type()));
        }
        assert_eq!(
            kinds,
            [
                "SHB",
                "MI",
                "IL_V2",
                "UL_V2",
                "PL_V9",
                "FDL_V2",
                "EV_V2",
                "EVF_V2",
                "EV_V2_LARGE",
                "EVF_V2_LARGE",
                "EV_V2_LARGE"
            ]
        );
        assert_eq!(events.len(), 5);
        assert_eq!((events[1].0, events[1].1), (1, 1));
        assert_eq!(events[4].3, 26 + 4 + 8 + 65_530);
    }
}

#[test]
fn unrepresentable_values_are_rejected() {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf).unwrap();
    let p = ProcEntry {
        comm: "x".repeat(1025),
        ..Default::default()
    };
    let e = w.write_proclist(&[p]).unwrap_err();
    assert!(
        matches!(
            e,
            WriteError::TooLong {
                what: "comm",
                len: 1025,
                max: 1024
            }
        ),
        "{e}"
    );
    let e = w
        .write_machine_info(&MachineInfo {
            hostname: "h".repeat(128),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(
            e,
            WriteError::TooLong {
                what: "hostname",
                ..
            }
        ),
        "{e}"
    );
    // Unknown fd types cannot be reproduced and are dropped, like libscap does.
    w.write_fdlist(
        1,
        &[FdEntry {
            fd: 1,
            ino: 0,
            info: FdInfo::Unknown { type_code: 99 },
        }],
    )
    .unwrap();
    w.finish().unwrap();
    let mut r = Reader::new(&buf[..]).unwrap();
    r.next().unwrap().unwrap();
    let Some(Ok(Block::FdList { fds, .. })) = r.next() else {
        panic!()
    };
    assert!(fds.is_empty());
}
