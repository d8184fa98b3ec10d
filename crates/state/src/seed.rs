//! Seeding from a capture's metadata blocks (machine info, interfaces, users, process and fd
//! lists), the way libsinsp imports a savefile's tables before the first event.

use peregrine_scap::{Block, FdEntry, FdInfo, FdType, ProcEntry};

use crate::addr;
use crate::consts::{cl, l4};
use crate::container;
use crate::fd::{flags, Fd, FdKind};
use crate::ifaces::NetInterfaces;
use crate::inspector::Inspector;
use crate::path::concatenate_paths;
use crate::thread::Thread;
use crate::users::{Group, User};

impl Inspector {
    /// Applies one block of a capture: metadata blocks seed the tables, event blocks are
    /// [processed](Inspector::process).
    pub fn apply_block(&mut self, block: &Block<'_>) {
        match block {
            Block::MachineInfo(mi) => {
                self.hostname = mi.hostname.clone();
                self.boot_ts = mi.boot_ts_epoch;
                self.machine = Some(mi.clone());
            }
            Block::Interfaces(ifs) => self.interfaces = NetInterfaces::from_scap(ifs),
            Block::Users { users, groups } => {
                for u in users {
                    self.users.insert(
                        u.uid,
                        User {
                            uid: u.uid,
                            gid: u.gid,
                            name: u.name.clone(),
                            homedir: u.homedir.clone(),
                            shell: u.shell.clone(),
                        },
                    );
                }
                for g in groups {
                    self.groups.insert(
                        g.gid,
                        Group {
                            gid: g.gid,
                            name: g.name.clone(),
                        },
                    );
                }
            }
            Block::ProcList(entries) => {
                for e in entries {
                    self.seed_thread(e);
                }
            }
            Block::FdList { tid, fds } => {
                for f in fds {
                    self.seed_fd(*tid as i64, f);
                }
            }
            Block::Event(ev) => self.process(ev),
            Block::Section(_) | Block::Unknown { .. } => {}
        }
    }

    fn seed_thread(&mut self, p: &ProcEntry) {
        let mut t = Thread::new(p.tid as i64);
        t.pid = p.pid as i64;
        t.ptid = p.ptid as i64;
        t.sid = p.sid.unwrap_or(-1);
        t.vpgid = p.vpgid.unwrap_or(-1);
        t.pgid = p.pgid.unwrap_or(-1);
        t.comm = p.comm.clone();
        t.exe = p.exe.clone();
        t.exepath = p.exepath.clone().unwrap_or_default();
        t.exe_writable = p.exe_writable.unwrap_or(false);
        t.exe_upper_layer = p.exe_upper_layer.unwrap_or(false);
        t.exe_lower_layer = p.exe_lower_layer.unwrap_or(false);
        t.exe_from_memfd = p.exe_from_memfd.unwrap_or(false);
        t.args = p.args.clone();
        t.flags |= p.flags | cl::ACTIVE;
        if t.is_main_thread() {
            if let Some(env) = &p.env {
                t.set_env_raw(env.join("\0").as_bytes());
            }
            let mut cwd = concatenate_paths(b"", p.cwd.as_bytes());
            if !cwd.ends_with('/') {
                cwd.push('/');
            }
            t.cwd = cwd;
        }
        t.fdlimit = p.fdlimit as i64;
        t.uid = p.uid;
        t.gid = p.gid;
        t.vmsize_kb = p.vmsize_kb.unwrap_or(0);
        t.vmrss_kb = p.vmrss_kb.unwrap_or(0);
        t.vmswap_kb = p.vmswap_kb.unwrap_or(0);
        t.pfmajor = p.pfmajor.unwrap_or(0);
        t.pfminor = p.pfminor.unwrap_or(0);
        t.vtid = p.vtid.unwrap_or(-1);
        t.vpid = p.vpid.unwrap_or(-1);
        t.tty = p.tty.unwrap_or(0);
        t.loginuid = p.loginuid.unwrap_or(u32::MAX);
        t.cap_inheritable = p.cap_inheritable.unwrap_or(0);
        t.cap_permitted = p.cap_permitted.unwrap_or(0);
        t.cap_effective = p.cap_effective.unwrap_or(0);
        t.exe_ino = p.exe_ino.unwrap_or(0);
        t.exe_ino_ctime = p.exe_ino_ctime.unwrap_or(0);
        t.exe_ino_mtime = p.exe_ino_mtime.unwrap_or(0);
        t.pidns_init_start_ts = p.pidns_init_start_ts.unwrap_or(0);
        t.root = p.root.clone().unwrap_or_default();
        // Re-split as libsinsp does (last '=', subsystem renames); no cgroups is an empty
        // buffer, which gives the host.
        let mut raw = std::mem::take(&mut self.seed_cgroups);
        raw.clear();
        for (i, (k, v)) in p.cgroups.iter().flatten().enumerate() {
            if i > 0 {
                raw.push(0);
            }
            raw.extend_from_slice(k.as_bytes());
            raw.push(b'=');
            raw.extend_from_slice(v.as_bytes());
        }
        self.cgroup_memo.apply(&mut t, &raw, &mut self.stash);
        self.seed_cgroups = raw;
        // A fresh entry for this tid replaces any previous one, fd table included.
        self.fdtables.remove(&t.tid);
        self.add_thread(t, true);
    }

    fn seed_fd(&mut self, tid: i64, e: &FdEntry) {
        // libsinsp converts a thread's fd list through one reused object whose socket bytes
        // are never cleared, so each fd starts with what the previous one left there (seen
        // in names: a bound UDP socket that later sends keeps those bytes in its tuple).
        if self.seed_sock.0 != tid {
            self.seed_sock = (tid, crate::fd::SockInfo::default());
        }
        let mut f = Fd {
            num: e.fd,
            ino: e.ino,
            flags: flags::FROM_PROC,
            sock: self.seed_sock.1,
            ..Fd::default()
        };
        match &e.info {
            FdInfo::Ipv4Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                f.kind = FdKind::Ipv4Sock;
                f.sock.set_v4_sip(sip.octets());
                f.sock.set_v4_dip(dip.octets());
                f.sock.set_v4_sport(*sport);
                f.sock.set_v4_dport(*dport);
                f.sock.set_v4_l4proto(*l4proto);
                if *l4proto == l4::TCP {
                    f.flags |= flags::SOCKET_CONNECTED;
                }
                f.name = addr::ipv4_tuple_str(sip.octets(), *sport, dip.octets(), *dport);
            }
            FdInfo::Ipv4Server { ip, port, l4proto } => {
                f.kind = FdKind::Ipv4ServSock;
                f.sock.set_v4srv_ip(ip.octets());
                f.sock.set_v4srv_port(*port);
                f.sock.set_v4srv_l4proto(*l4proto);
                f.name = addr::ipv4_endpoint(ip.octets(), *port);
                self.server_ports.insert(*port);
            }
            FdInfo::Ipv6Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                let (s, d) = (sip.octets(), dip.octets());
                if addr::is_ipv4_mapped(&s) && addr::is_ipv4_mapped(&d) {
                    f.kind = FdKind::Ipv4Sock;
                    let (s4, d4) = (addr::arr4(&s[12..]), addr::arr4(&d[12..]));
                    f.sock.set_v4_sip(s4);
                    f.sock.set_v4_dip(d4);
                    f.sock.set_v4_sport(*sport);
                    f.sock.set_v4_dport(*dport);
                    f.sock.set_v4_l4proto(*l4proto);
                    f.name = addr::ipv4_tuple_str(s4, *sport, d4, *dport);
                } else {
                    f.kind = FdKind::Ipv6Sock;
                    f.sock.set_v6_sip(&s);
                    f.sock.set_v6_dip(&d);
                    f.sock.set_v6_sport(*sport);
                    f.sock.set_v6_dport(*dport);
                    f.sock.set_v6_l4proto(*l4proto);
                    f.name = addr::ipv6_tuple_str(&s, *sport, &d, *dport);
                }
                if *l4proto == l4::TCP {
                    f.flags |= flags::SOCKET_CONNECTED;
                }
            }
            FdInfo::Ipv6Server { ip, port, l4proto } => {
                f.kind = FdKind::Ipv6ServSock;
                f.sock.set_v6srv_ip(&ip.octets());
                f.sock.set_v6srv_port(*port);
                f.sock.set_v6srv_l4proto(*l4proto);
                f.name = addr::ipv6_endpoint(&ip.octets(), *port);
                self.server_ports.insert(*port);
            }
            FdInfo::Unix { source, dest, path } => {
                f.kind = FdKind::UnixSock;
                f.sock.set_unix(*source, *dest);
                f.name = path.clone();
                if f.name.is_empty() {
                    f.set_role_client();
                } else {
                    f.set_role_server();
                }
            }
            FdInfo::File {
                open_flags,
                name,
                dev,
            } => {
                f.kind = FdKind::File;
                f.open_flags = *open_flags;
                f.name = name.clone();
                f.dev = dev.unwrap_or(0);
            }
            FdInfo::Named { kind, name } => {
                let Some(k) = FdKind::from_scap(*kind as u8) else {
                    return;
                };
                if *kind == FdType::Unknown {
                    return;
                }
                f.kind = k;
                f.name = name.clone();
            }
            FdInfo::Unknown { .. } => return,
        }
        f.name_raw.clone_from(&f.name);
        self.seed_sock.1 = f.sock;
        let max = self.config.max_fds_per_process;
        match self.fdtables.entry(tid).or_default().add(e.fd, f, max) {
            crate::fd::AddOutcome::Dropped => self.stats.fds_dropped += 1,
            _ => self.stats.fds_added += 1,
        }
    }

    /// Work libsinsp does once the whole process table is loaded: count each process's
    /// threads and orient the seeded IPv4 connections (a local port that some process
    /// listens on makes the connection a server one).
    pub(crate) fn finish_seeding(&mut self) {
        self.seeded = true;
        let mains: Vec<i64> = self
            .threads
            .values()
            .filter(|t| t.flags & cl::CLONE_THREAD != 0 && t.pid != t.tid)
            .map(|t| t.pid)
            .collect();
        for t in self.threads.values_mut() {
            t.nchilds = 0;
        }
        for pid in mains {
            if self.get_or_create(pid).is_some() {
                if let Some(m) = self.threads.get_mut(&pid) {
                    m.nchilds += 1;
                }
            }
        }
        let ports = std::mem::take(&mut self.server_ports);
        for tab in self.fdtables.values_mut() {
            for f in tab.fds.values_mut() {
                if f.kind != FdKind::Ipv4Sock {
                    continue;
                }
                if ports.contains(&f.sock.v4_sport()) {
                    let s = f.sock;
                    f.sock.set_v4_sip(s.v4_dip());
                    f.sock.set_v4_dip(s.v4_sip());
                    f.sock.set_v4_sport(s.v4_dport());
                    f.sock.set_v4_dport(s.v4_sport());
                    f.name = addr::ipv4_tuple_str(
                        f.sock.v4_sip(),
                        f.sock.v4_sport(),
                        f.sock.v4_dip(),
                        f.sock.v4_dport(),
                    );
                    f.set_role_server();
                } else {
                    f.set_role_client();
                }
            }
        }
        self.server_ports = ports;
    }
}

/// `container.id` for a thread's cgroups.
pub(crate) fn container_id_of(t: &Thread) -> String {
    container::id_of_cgroups(&t.cgroups)
}
