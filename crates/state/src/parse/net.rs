//! Sockets: creation, bind/connect/accept, and the tuple updates that reads and writes on
//! datagram sockets carry.
//!
//! Tuples use the socket-info union exactly as upstream does (see [`crate::fd::SockInfo`]):
//! a tuple update only fills a destination that is still zero, and a server socket that
//! receives a datagram keeps part of its bound address in the tuple.

use peregrine_event::ppme::*;
use peregrine_event::types::flags::{EF_READS_FROM_FD, EF_WRITES_TO_FD};
use peregrine_event::Event;

use super::params::{self as p, i64_, u32_, u64_};
use super::{cur_tid, retval};
use crate::addr::{self, arr16, arr4, u16_at, u64_at};
use crate::consts::{af, arg, l4, sock};
use crate::fd::{Fd, FdKind};
use crate::inspector::{FdKey, Inspector};
use crate::Compat;

/// The fd upstream builds for a new socket, or `None` for families it does not track.
fn new_socket(fd: i64, domain: u32, stype: u32, proto: u32) -> Option<Fd> {
    let mut f = Fd::new(fd, FdKind::Unknown, "");
    f.name_raw.clear();
    let domain = domain as u8;
    match domain {
        af::UNIX => f.kind = FdKind::UnixSock,
        af::INET | af::INET6 => {
            f.kind = if domain == af::INET {
                FdKind::Ipv4Sock
            } else {
                FdKind::Ipv6Sock
            };
            let l4p = match proto {
                sock::IPPROTO_TCP => {
                    if stype == sock::SOCK_RAW {
                        l4::RAW
                    } else {
                        l4::TCP
                    }
                }
                sock::IPPROTO_UDP => {
                    if stype == sock::SOCK_RAW {
                        l4::RAW
                    } else {
                        l4::UDP
                    }
                }
                // The type may carry SOCK_NONBLOCK/SOCK_CLOEXEC in its upper bits.
                sock::IPPROTO_IP => match stype & 0xff {
                    sock::SOCK_STREAM => l4::TCP,
                    sock::SOCK_DGRAM => l4::UDP,
                    _ => l4::UNKNOWN,
                },
                sock::IPPROTO_ICMP => {
                    if stype == sock::SOCK_RAW {
                        l4::RAW
                    } else {
                        l4::ICMP
                    }
                }
                sock::IPPROTO_RAW => l4::RAW,
                _ => l4::UNKNOWN,
            };
            if domain == af::INET {
                f.sock.set_v4_l4proto(l4p);
            } else {
                f.sock.set_v6_l4proto(l4p);
            }
        }
        af::NETLINK => f.kind = FdKind::Netlink,
        _ => return None,
    }
    Some(f)
}

fn add_socket(
    insp: &mut Inspector,
    tid: i64,
    fd: i64,
    domain: u32,
    stype: u32,
    proto: u32,
    flags: u32,
) {
    if let Some(mut f) = new_socket(fd, domain, stype, proto) {
        if insp.config.compat == Compat::Modern {
            f.open_flags = flags;
        }
        insp.cur.fd = insp.add_fd(tid, fd, f);
    }
}

/// A sendto on an fd never seen: upstream assumes a UDP socket of the tuple's family.
pub(super) fn infer_udp_socket(insp: &mut Inspector, fd: Option<i64>, tuple: Option<&[u8]>) {
    let (Some(tid), Some(fd)) = (cur_tid(insp), fd) else {
        return;
    };
    if fd < 0 {
        return;
    }
    let Some(&fam) = tuple.and_then(|t| t.first()) else {
        return;
    };
    if fam == af::INET || fam == af::INET6 {
        add_socket(
            insp,
            tid,
            fd,
            fam as u32,
            sock::SOCK_DGRAM,
            sock::IPPROTO_UDP,
            0,
        );
    }
}

pub(super) fn socket_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) {
    let Some(fd) = retval(ev) else {
        return;
    };
    if fd < 0 {
        return;
    }
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let args = if ev.nparams() >= 4 {
        (
            u32_(ev, 1),
            u32_(ev, 2),
            u32_(ev, 3),
            u32_(ev, 4).unwrap_or(0),
        )
    } else if let Some(en) = enter {
        (u32_(en, 0), u32_(en, 1), u32_(en, 2), 0)
    } else {
        insp.stats.enter_missing += 1;
        return;
    };
    let (Some(domain), Some(stype), Some(proto), flags) = args else {
        insp.stats.malformed += 1;
        return;
    };
    add_socket(insp, tid, fd, domain, stype, proto, flags);
}

pub(super) fn socketpair_exit(insp: &mut Inspector, ev: &Event<'_>) {
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let (Some(fd1), Some(fd2), Some(src), Some(peer)) =
        (i64_(ev, 1), i64_(ev, 2), u64_(ev, 3), u64_(ev, 4))
    else {
        insp.stats.malformed += 1;
        return;
    };
    let mut f = Fd::new(fd1, FdKind::UnixSock, "");
    f.name_raw.clear();
    f.sock.set_unix(src, peer);
    let first = insp.add_fd(tid, fd1, f.clone());
    insp.add_fd(tid, fd2, f);
    insp.cur.fd = first;
}

pub(super) fn bind_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(key) = insp.cur.fd else {
        return;
    };
    if retval(ev).is_none_or(|r| r < 0) {
        return;
    }
    let Some(a) = p::present(ev, 1) else {
        return;
    };
    let Some(f) = insp.fd_mut(key) else {
        return;
    };
    match a[0] {
        af::INET if a.len() >= 7 => {
            let port = u16_at(a, 5);
            if port > 0 {
                let l4p = f.sock.v4_l4proto();
                f.kind = FdKind::Ipv4ServSock;
                f.sock.set_v4srv_ip(arr4(&a[1..5]));
                f.sock.set_v4srv_port(port);
                f.sock.set_v4srv_l4proto(l4p);
                f.set_role_server();
            }
        }
        af::INET6 if a.len() >= 19 => {
            let port = u16_at(a, 17);
            if port > 0 {
                let ip = arr16(&a[1..17]);
                let l4p = f.sock.v6_l4proto();
                if addr::is_ipv4_mapped(&ip) {
                    f.kind = FdKind::Ipv4ServSock;
                    f.sock.set_v4srv_l4proto(l4p);
                    f.sock.set_v4srv_ip(arr4(&a[13..17]));
                    f.sock.set_v4srv_port(port);
                } else {
                    f.kind = FdKind::Ipv6ServSock;
                    f.sock.set_v6srv_port(port);
                    f.sock.set_v6srv_ip(&ip);
                    f.sock.set_v6srv_l4proto(l4p);
                }
                f.set_role_server();
            }
        }
        _ => {}
    }
    f.name = addr::sockaddr_str(a);
}

/// connect enter: the destination is known before the call completes (newer drivers only).
pub(super) fn connect_enter(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(key) = insp.cur.fd else {
        return;
    };
    if ev.nparams() < 2 {
        return;
    }
    let Some(a) = p::present(ev, 1) else {
        return;
    };
    let Some(f) = insp.fd_mut(key) else {
        return;
    };
    match a[0] {
        af::INET => {
            f.kind = FdKind::Ipv4Sock;
            f.sock.set_v4_dip(arr4(a.get(1..5).unwrap_or(&[])));
            f.sock.set_v4_dport(u16_at(a, 5));
        }
        af::INET6 => {
            let port = u16_at(a, 17);
            let ip = arr16(a.get(1..17).unwrap_or(&[]));
            if addr::is_ipv4_mapped(&ip) {
                f.kind = FdKind::Ipv4Sock;
                f.sock.set_v4_dip(arr4(&ip[12..]));
                f.sock.set_v4_dport(port);
            } else {
                f.kind = FdKind::Ipv6Sock;
                f.sock.set_v6_dport(port);
                f.sock.set_v6_dip(&ip);
            }
        }
        _ => {
            f.name = addr::sockaddr_str(a);
            // Upstream reads a unix tuple's pointers out of the address bytes here.
            f.sock.set_unix(u64_at(a, 1), u64_at(a, 9));
        }
    }
}

/// Sets a v4 tuple the way upstream does: nothing if it is the same connection (either
/// direction); the source always, the destination only where it is still zero unless
/// `overwrite_dest` (a connect() in libsinsp 0.25, which may re-target a UDP socket).
fn set_v4(
    f: &mut Fd,
    (sip, sport): ([u8; 4], u16),
    (dip, dport): ([u8; 4], u16),
    overwrite_dest: bool,
) -> bool {
    let s = &mut f.sock;
    if f.kind == FdKind::Ipv4Sock {
        let same = s.v4_sip() == sip
            && s.v4_sport() == sport
            && s.v4_dip() == dip
            && s.v4_dport() == dport;
        let rev = s.v4_sip() == dip
            && s.v4_sport() == dport
            && s.v4_dip() == sip
            && s.v4_dport() == sport;
        if same || rev {
            return false;
        }
    }
    let mut changed = false;
    if s.v4_sip() != sip {
        s.set_v4_sip(sip);
        changed = true;
    }
    if s.v4_sport() != sport {
        s.set_v4_sport(sport);
        changed = true;
    }
    if s.v4_dip() == [0; 4] || (overwrite_dest && s.v4_dip() != dip) {
        s.set_v4_dip(dip);
        changed = true;
    }
    if s.v4_dport() == 0 || (overwrite_dest && s.v4_dport() != dport) {
        s.set_v4_dport(dport);
        changed = true;
    }
    changed
}

fn set_v4_from_tuple(f: &mut Fd, t: &[u8], overwrite_dest: bool) -> bool {
    set_v4(
        f,
        (arr4(&t[1..5]), u16_at(t, 5)),
        (arr4(&t[7..11]), u16_at(t, 11)),
        overwrite_dest,
    )
}

fn set_v4_from_mapped_tuple(f: &mut Fd, t: &[u8], overwrite_dest: bool) -> bool {
    set_v4(
        f,
        (arr4(&t[13..17]), u16_at(t, 17)),
        (arr4(&t[31..35]), u16_at(t, 35)),
        overwrite_dest,
    )
}

fn set_v6_from_tuple(f: &mut Fd, t: &[u8], overwrite_dest: bool) -> bool {
    let (sip, sport) = (arr16(&t[1..17]), u16_at(t, 17));
    let (dip, dport) = (arr16(&t[19..35]), u16_at(t, 35));
    let s = &mut f.sock;
    if f.kind == FdKind::Ipv6Sock {
        let same = s.v6_sip() == sip
            && s.v6_sport() == sport
            && s.v6_dip() == dip
            && s.v6_dport() == dport;
        let rev = s.v6_sip() == dip
            && s.v6_sport() == dport
            && s.v6_dip() == sip
            && s.v6_dport() == sport;
        if same || rev {
            return false;
        }
    }
    let mut changed = false;
    if s.v6_sip() != sip {
        s.set_v6_sip(&sip);
        changed = true;
    }
    if s.v6_sport() != sport {
        s.set_v6_sport(sport);
        changed = true;
    }
    if s.v6_dip() == [0; 16] || (overwrite_dest && s.v6_dip() != dip) {
        s.set_v6_dip(&dip);
        changed = true;
    }
    if s.v6_dport() == 0 || (overwrite_dest && s.v6_dport() != dport) {
        s.set_v6_dport(dport);
        changed = true;
    }
    changed
}

fn valid_tuple(t: &[u8]) -> bool {
    match t.first() {
        Some(&af::INET) => t.len() >= 13,
        Some(&af::INET6) => t.len() >= 37,
        Some(&af::UNIX) => t.len() >= 17,
        Some(_) => true,
        None => false,
    }
}

fn swap_addresses(f: &mut Fd) {
    let s = f.sock;
    if f.kind == FdKind::Ipv4Sock {
        f.sock.set_v4_sip(s.v4_dip());
        f.sock.set_v4_sport(s.v4_dport());
        f.sock.set_v4_dip(s.v4_sip());
        f.sock.set_v4_dport(s.v4_sport());
    } else {
        f.sock.set_v6_sip(&s.v6_dip());
        f.sock.set_v6_sport(s.v6_dport());
        f.sock.set_v6_dip(&s.v6_sip());
        f.sock.set_v6_dport(s.v6_sport());
    }
}

/// connect exit: the tuple names the socket and makes the process its client.
pub(super) fn connect_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(key) = insp.cur.fd else {
        return;
    };
    let Some(r) = retval(ev) else {
        return;
    };
    if r < 0 && r != arg::EINPROGRESS {
        return;
    }
    if let Some(f) = insp.fd_mut(key) {
        f.set_connected();
    }
    let Some(t) = p::present(ev, 1) else {
        return;
    };
    if !valid_tuple(t) {
        return;
    }
    // libsinsp 0.25 always takes the destination of a connect; sysdig 0.29.3 keeps one
    // already set (a second connect() on a UDP socket does not re-target it).
    let overwrite = insp.config.compat == Compat::Modern;
    let Some(f) = insp.fd_mut(key) else {
        return;
    };
    match t[0] {
        af::INET | af::INET6 => {
            let changed = if t[0] == af::INET6 {
                let (s, d) = (arr16(&t[1..17]), arr16(&t[19..35]));
                if !(addr::is_ipv4_mapped(&s) && addr::is_ipv4_mapped(&d)) {
                    f.kind = FdKind::Ipv6Sock;
                    set_v6_from_tuple(f, t, overwrite)
                } else {
                    f.kind = FdKind::Ipv4Sock;
                    set_v4_from_mapped_tuple(f, t, overwrite)
                }
            } else {
                f.kind = FdKind::Ipv4Sock;
                set_v4_from_tuple(f, t, overwrite)
            };
            if changed && f.is_role_server() && f.is_udp_socket() {
                // A UDP server connecting to its peer: keep the server orientation.
                swap_addresses(f);
            }
            f.name = f.tuple_name();
        }
        _ => {
            f.name = addr::socktuple_str(t);
            f.sock.set_unix(u64_at(t, 1), u64_at(t, 9));
        }
    }
    if f.is_role_none() {
        f.set_role_client();
    }
}

pub(super) fn accept_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let Some(fd) = retval(ev) else {
        return;
    };
    if fd < 0 {
        return;
    }
    if let Some(t) = insp.threads.get_mut(&tid) {
        t.lastevent_fd = fd;
    }
    let Some(t) = p::present(ev, 1) else {
        return;
    };
    if !valid_tuple(t) {
        return;
    }
    let mut f = Fd::new(fd, FdKind::Unknown, "");
    match t[0] {
        af::INET => {
            set_v4_from_tuple(&mut f, t, false);
            f.kind = FdKind::Ipv4Sock;
            f.sock.set_v4_l4proto(l4::TCP);
        }
        af::INET6 => {
            let (s, d) = (arr16(&t[1..17]), arr16(&t[19..35]));
            if addr::is_ipv4_mapped(&s) && addr::is_ipv4_mapped(&d) {
                set_v4_from_mapped_tuple(&mut f, t, false);
                f.kind = FdKind::Ipv4Sock;
                f.sock.set_v4_l4proto(l4::TCP);
            } else {
                set_v6_from_tuple(&mut f, t, false);
                f.kind = FdKind::Ipv6Sock;
                f.sock.set_v6_l4proto(l4::TCP);
            }
        }
        af::UNIX => {
            f.kind = FdKind::UnixSock;
            f.sock.set_unix(u64_at(t, 1), u64_at(t, 9));
        }
        _ => return,
    }
    f.name = addr::socktuple_str(t);
    f.name_raw.clone_from(&f.name);
    f.flags = 0;
    f.set_role_server();
    f.set_connected();
    insp.cur.fd = insp.add_fd(tid, fd, f);
}

/// Applies a datagram's tuple to a socket (upstream `update_fd`); false when nothing was
/// learnt (no tuple, or the same connection).
fn update_fd(insp: &mut Inspector, key: FdKey, t: &[u8]) -> bool {
    if t.is_empty() || !valid_tuple(t) {
        return false;
    }
    let Some(f) = insp.fd_mut(key) else {
        return false;
    };
    match t[0] {
        af::INET => {
            if f.kind == FdKind::Ipv4ServSock {
                let l4p = f.sock.v4srv_l4proto();
                f.sock.set_v4_l4proto(l4p);
            }
            f.kind = FdKind::Ipv4Sock;
            if !set_v4_from_tuple(f, t, false) {
                return false;
            }
        }
        af::INET6 => {
            let (s, d) = (arr16(&t[1..17]), arr16(&t[19..35]));
            if addr::is_ipv4_mapped(&s) && addr::is_ipv4_mapped(&d) {
                f.kind = FdKind::Ipv4Sock;
                if !set_v4_from_mapped_tuple(f, t, false) {
                    return false;
                }
            } else if !set_v6_from_tuple(f, t, false) {
                return false;
            }
        }
        af::UNIX => {
            f.kind = FdKind::UnixSock;
            f.sock.set_unix(u64_at(t, 1), u64_at(t, 9));
            f.name =
                String::from_utf8_lossy(crate::path::cstr(t.get(17..).unwrap_or(&[]))).into_owned();
            return true;
        }
        _ => {}
    }
    // An address change in mid-connection is impossible for TCP: an unknown protocol is UDP.
    if f.kind == FdKind::Ipv4Sock && f.sock.v4_l4proto() == l4::UNKNOWN {
        f.sock.set_v4_l4proto(l4::UDP);
    } else if f.kind == FdKind::Ipv6Sock && f.sock.v6_l4proto() == l4::UNKNOWN {
        f.sock.set_v6_l4proto(l4::UDP);
    }
    let ifs = &insp.interfaces;
    if let Some(f) = insp.fdtables.get_mut(&key.0).and_then(|t| t.get_mut(key.1)) {
        ifs.complete_tuple(f);
    }
    true
}

/// Upstream's guess of a socket's role from the ports its process uses. It reads the ports
/// through the IPv4 view whatever the socket's family.
fn guess_role(insp: &mut Inspector, tid: i64, key: FdKey, incoming: bool) {
    let Some(f) = insp.fd_ref(key) else {
        return;
    };
    let (sport, dport) = (f.sock.v4_sport(), f.sock.v4_dport());
    let tab = insp
        .threads
        .get(&tid)
        .and_then(|t| insp.fdtables.get(&t.fd_owner()));
    let bound = tab.is_some_and(|tab| {
        tab.fds.values().any(|o| match o.kind {
            FdKind::Ipv4Sock => o.sock.v4_dport() == dport,
            FdKind::Ipv4ServSock => o.sock.v4srv_port() == dport,
            _ => false,
        })
    });
    let uses_client_port = tab.is_some_and(|tab| {
        tab.fds
            .values()
            .any(|o| o.kind == FdKind::Ipv4Sock && o.sock.v4_sport() == sport)
    });
    let Some(f) = insp.fd_mut(key) else {
        return;
    };
    if bound && !uses_client_port {
        f.set_role_server();
    } else if !bound {
        f.set_role_client();
    } else if f.is_role_none() {
        if incoming {
            f.set_role_server();
        } else {
            f.set_role_client();
        }
    }
}

/// read/write family exit: successful I/O marks a socket connected; datagram calls carry
/// the peer's address, which (re)names the socket. True when `fd.name_changed` is known to
/// be false (nothing was renamed or added).
pub(super) fn rw_exit(insp: &mut Inspector, ev: &Event<'_>, enter: Option<&Event<'_>>) -> bool {
    let etype = ev.etype;
    let Some(tid) = cur_tid(insp) else {
        return true;
    };
    let modern = insp.config.compat == Compat::Modern;
    let mut untouched = true;
    if insp.cur.fd.is_none() && matches!(etype, SOCKET_SENDTO_X | SOCKET_SENDMSG_X | SOCKET_SEND_X)
    {
        // An exit-only send on an fd never seen.
        if let Some(t) = p::by_name(ev, "tuple") {
            let fd = p::i64_by_name(ev, "fd");
            infer_udp_socket(insp, fd, Some(t));
            untouched = false;
        }
    }
    let Some(key) = insp.cur.fd else {
        return untouched;
    };
    let Some(r) = insp.cur.res.or_else(|| retval(ev)) else {
        return untouched;
    };
    if r < 0 {
        return untouched;
    }
    // The kind `reset` saw, when the fd is still the one it looked up.
    let kind = match insp.cur.fd_kind {
        Some((k, kind)) if k == key => Some(kind),
        _ => None,
    };
    if kind.is_none_or(|k| matches!(k, FdKind::Ipv4Sock | FdKind::Ipv6Sock)) {
        let Some(f) = insp.fd_mut(key) else {
            return untouched;
        };
        if matches!(f.kind, FdKind::Ipv4Sock | FdKind::Ipv6Sock) {
            f.set_connected();
        }
    }
    let flags = insp.cur.flags;
    let reads = flags & EF_READS_FROM_FD != 0;
    if !reads && flags & EF_WRITES_TO_FD == 0 {
        return untouched;
    }
    // Which parameter holds the datagram tuple, on the exit or on the stored enter event.
    let tuple: Option<&[u8]> = if reads {
        match etype {
            SOCKET_RECVFROM_X => p::raw(ev, 2),
            SOCKET_RECVMSG_X => p::raw(ev, 3),
            SOCKET_RECV_X | SOCKET_RECVMMSG_X if modern => p::raw(ev, 4),
            _ => return untouched,
        }
    } else {
        match etype {
            SOCKET_SENDTO_X | SOCKET_SENDMSG_X => {
                if ev.nparams() > 4 {
                    p::raw(ev, 4)
                } else {
                    match enter {
                        Some(en) => p::raw(en, 2),
                        None => {
                            let needs = insp.fd_ref(key).is_some_and(needs_tuple);
                            if needs {
                                insp.stats.enter_missing += 1;
                            }
                            return untouched;
                        }
                    }
                }
            }
            SOCKET_SEND_X | SOCKET_SENDMMSG_X if modern && ev.nparams() > 4 => p::raw(ev, 4),
            _ => return untouched,
        }
    };
    if !insp.fd_ref(key).is_some_and(needs_tuple) {
        return untouched;
    }
    let Some(t) = tuple else {
        return untouched;
    };
    // From here on the socket may be renamed.
    if !update_fd(insp, key, t) {
        return false;
    }
    let kind = insp.fd_ref(key).map(|f| f.kind);
    if matches!(kind, Some(FdKind::Ipv4Sock | FdKind::Ipv6Sock)) {
        if insp.fd_ref(key).is_some_and(|f| f.is_role_none()) {
            guess_role(insp, tid, key, reads);
        }
        if let Some(f) = insp.fd_mut(key) {
            if (reads && f.is_role_client()) || (!reads && f.is_role_server()) {
                swap_addresses(f);
            }
            f.name = f.tuple_name();
        }
    } else if let Some(f) = insp.fd_mut(key) {
        f.name = addr::socktuple_str(t);
    }
    false
}

/// A tuple is only applied to sockets without a name yet or that are not TCP.
fn needs_tuple(f: &Fd) -> bool {
    f.name.is_empty() || !f.is_tcp_socket()
}

pub(super) fn getsockopt_exit(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(tid) = cur_tid(insp) else {
        return;
    };
    let Some(fd) = i64_(ev, 1) else {
        return;
    };
    // Upstream looks the fd up in the main thread's table here.
    let key = insp.main_of(tid).and_then(|m| insp.lookup_fd(m, fd));
    insp.cur.fd = key;
    if let Some(t) = insp.threads.get_mut(&tid) {
        t.lastevent_fd = fd;
    }
}
