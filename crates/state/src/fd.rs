//! File descriptors as libsinsp models them (`sinsp_fdinfo`).
//!
//! Socket endpoints live in [`SockInfo`], a byte-exact image of upstream's socket-info union:
//! the IPv4 tuple, IPv6 tuple, server-socket and unix views overlap in the same bytes. Upstream
//! sometimes writes one view and later reads another (a bound UDP socket that then receives
//! a datagram keeps part of its server address in the tuple's destination), and those
//! leftovers are visible in `fd.name` and `fd.sip`. Keeping the overlap makes our values match.

use rustc_hash::FxHashMap as HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::addr;
use crate::consts::{fdtype, l4, o, CANCELED_FD_NUMBER};

/// What kind of object an fd refers to; `fd.type` / `fd.typechar` derive from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FdKind {
    /// `SCAP_FD_UNKNOWN`: e.g. a socket of a family upstream does not model.
    #[default]
    Unknown,
    File,
    Directory,
    Ipv4Sock,
    Ipv6Sock,
    Ipv4ServSock,
    Ipv6ServSock,
    Fifo,
    UnixSock,
    Event,
    Unsupported,
    SignalFd,
    EventPoll,
    Inotify,
    TimerFd,
    Netlink,
    Bpf,
    UserFaultFd,
    IoUring,
    Memfd,
    PidFd,
}

impl FdKind {
    /// From a `scap_fd_type` code (both `FILE` and `FILE_V2` are files).
    pub fn from_scap(t: u8) -> Option<FdKind> {
        Some(match t {
            fdtype::UNKNOWN => FdKind::Unknown,
            fdtype::FILE | fdtype::FILE_V2 => FdKind::File,
            fdtype::DIRECTORY => FdKind::Directory,
            fdtype::IPV4_SOCK => FdKind::Ipv4Sock,
            fdtype::IPV6_SOCK => FdKind::Ipv6Sock,
            fdtype::IPV4_SERVSOCK => FdKind::Ipv4ServSock,
            fdtype::IPV6_SERVSOCK => FdKind::Ipv6ServSock,
            fdtype::FIFO => FdKind::Fifo,
            fdtype::UNIX_SOCK => FdKind::UnixSock,
            fdtype::EVENT => FdKind::Event,
            fdtype::UNSUPPORTED => FdKind::Unsupported,
            fdtype::SIGNALFD => FdKind::SignalFd,
            fdtype::EVENTPOLL => FdKind::EventPoll,
            fdtype::INOTIFY => FdKind::Inotify,
            fdtype::TIMERFD => FdKind::TimerFd,
            fdtype::NETLINK => FdKind::Netlink,
            fdtype::BPF => FdKind::Bpf,
            fdtype::USERFAULTFD => FdKind::UserFaultFd,
            fdtype::IOURING => FdKind::IoUring,
            fdtype::MEMFD => FdKind::Memfd,
            fdtype::PIDFD => FdKind::PidFd,
            _ => return None,
        })
    }

    /// `fd.typechar` as libsinsp prints it.
    pub fn typechar(self) -> char {
        match self {
            FdKind::File => 'f',
            FdKind::Directory => 'd',
            FdKind::Ipv4Sock | FdKind::Ipv4ServSock => '4',
            FdKind::Ipv6Sock | FdKind::Ipv6ServSock => '6',
            FdKind::Fifo => 'p',
            FdKind::UnixSock => 'u',
            FdKind::Event => 'e',
            FdKind::Unknown => 'o',
            FdKind::Unsupported => 'X',
            FdKind::SignalFd => 's',
            FdKind::EventPoll => 'l',
            FdKind::Inotify => 'i',
            FdKind::TimerFd => 't',
            FdKind::Netlink => 'n',
            FdKind::Bpf => 'b',
            FdKind::UserFaultFd => 'u',
            FdKind::IoUring => 'r',
            FdKind::Memfd => 'm',
            FdKind::PidFd => 'P',
        }
    }

    /// `fd.type` as libsinsp prints it. Kinds upstream has no word for print as the literal
    /// `<NA>` (a string value, not a missing field).
    pub fn type_name(self) -> &'static str {
        match self {
            FdKind::File => "file",
            FdKind::Directory => "directory",
            FdKind::Ipv4Sock | FdKind::Ipv4ServSock => "ipv4",
            FdKind::Ipv6Sock | FdKind::Ipv6ServSock => "ipv6",
            FdKind::Fifo => "pipe",
            FdKind::UnixSock => "unix",
            FdKind::Event => "event",
            FdKind::SignalFd => "signalfd",
            FdKind::EventPoll => "eventpoll",
            FdKind::Inotify => "inotify",
            FdKind::TimerFd => "timerfd",
            FdKind::Netlink => "netlink",
            FdKind::Bpf => "bpf",
            FdKind::UserFaultFd => "userfaultfd",
            FdKind::IoUring => "io_uring",
            FdKind::Memfd => "memfd",
            FdKind::PidFd => "pidfd",
            FdKind::Unknown | FdKind::Unsupported => "<NA>",
        }
    }

    pub fn is_ip_socket(self) -> bool {
        matches!(
            self,
            FdKind::Ipv4Sock | FdKind::Ipv6Sock | FdKind::Ipv4ServSock | FdKind::Ipv6ServSock
        )
    }

    pub fn is_file(self) -> bool {
        self == FdKind::File
    }
}

/// An IP endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SockAddr {
    pub ip: IpAddr,
    pub port: u16,
}

/// Which end of a connection the owning process is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    None,
    Client,
    Server,
}

/// Layer-4 protocol of a socket (`scap_l4_proto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum L4Proto {
    #[default]
    Unknown,
    NotASocket,
    Tcp,
    Udp,
    Icmp,
    Raw,
}

impl L4Proto {
    pub fn from_scap(v: u8) -> L4Proto {
        match v {
            l4::NA => L4Proto::NotASocket,
            l4::TCP => L4Proto::Tcp,
            l4::UDP => L4Proto::Udp,
            l4::ICMP => L4Proto::Icmp,
            l4::RAW => L4Proto::Raw,
            _ => L4Proto::Unknown,
        }
    }
    /// `fd.l4proto` text.
    pub fn name(self) -> Option<&'static str> {
        match self {
            L4Proto::Tcp => Some("tcp"),
            L4Proto::Udp => Some("udp"),
            L4Proto::Icmp => Some("icmp"),
            L4Proto::Raw => Some("raw"),
            _ => None,
        }
    }
}

/// Byte image of upstream's socket-info union (40 bytes, natural alignment).
///
/// Views: IPv4 tuple `sip@0 dip@4 sport@8 dport@10 l4proto@12`; IPv6 tuple `sip@0 dip@16
/// sport@32 dport@34 l4proto@36`; IPv4 server `ip@0 port@4 l4proto@6`; IPv6 server `ip@0
/// port@16 l4proto@18`; unix `source@0 dest@8`. IPs are network-order bytes, ports host order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SockInfo(pub [u8; 40]);

impl Default for SockInfo {
    fn default() -> Self {
        SockInfo([0; 40])
    }
}

macro_rules! u16_field {
    ($get:ident, $set:ident, $off:expr) => {
        pub fn $get(&self) -> u16 {
            u16::from_le_bytes([self.0[$off], self.0[$off + 1]])
        }
        pub fn $set(&mut self, v: u16) {
            self.0[$off..$off + 2].copy_from_slice(&v.to_le_bytes());
        }
    };
}

impl SockInfo {
    pub fn clear(&mut self) {
        self.0 = [0; 40];
    }

    pub fn v4_sip(&self) -> [u8; 4] {
        addr::arr4(&self.0[0..4])
    }
    pub fn v4_dip(&self) -> [u8; 4] {
        addr::arr4(&self.0[4..8])
    }
    pub fn set_v4_sip(&mut self, ip: [u8; 4]) {
        self.0[0..4].copy_from_slice(&ip);
    }
    pub fn set_v4_dip(&mut self, ip: [u8; 4]) {
        self.0[4..8].copy_from_slice(&ip);
    }
    u16_field!(v4_sport, set_v4_sport, 8);
    u16_field!(v4_dport, set_v4_dport, 10);
    pub fn v4_l4proto(&self) -> u8 {
        self.0[12]
    }
    pub fn set_v4_l4proto(&mut self, v: u8) {
        self.0[12] = v;
    }

    pub fn v6_sip(&self) -> [u8; 16] {
        addr::arr16(&self.0[0..16])
    }
    pub fn v6_dip(&self) -> [u8; 16] {
        addr::arr16(&self.0[16..32])
    }
    pub fn set_v6_sip(&mut self, ip: &[u8; 16]) {
        self.0[0..16].copy_from_slice(ip);
    }
    pub fn set_v6_dip(&mut self, ip: &[u8; 16]) {
        self.0[16..32].copy_from_slice(ip);
    }
    u16_field!(v6_sport, set_v6_sport, 32);
    u16_field!(v6_dport, set_v6_dport, 34);
    pub fn v6_l4proto(&self) -> u8 {
        self.0[36]
    }
    pub fn set_v6_l4proto(&mut self, v: u8) {
        self.0[36] = v;
    }

    pub fn v4srv_ip(&self) -> [u8; 4] {
        addr::arr4(&self.0[0..4])
    }
    pub fn set_v4srv_ip(&mut self, ip: [u8; 4]) {
        self.0[0..4].copy_from_slice(&ip);
    }
    u16_field!(v4srv_port, set_v4srv_port, 4);
    pub fn v4srv_l4proto(&self) -> u8 {
        self.0[6]
    }
    pub fn set_v4srv_l4proto(&mut self, v: u8) {
        self.0[6] = v;
    }

    pub fn v6srv_ip(&self) -> [u8; 16] {
        addr::arr16(&self.0[0..16])
    }
    pub fn set_v6srv_ip(&mut self, ip: &[u8; 16]) {
        self.0[0..16].copy_from_slice(ip);
    }
    u16_field!(v6srv_port, set_v6srv_port, 16);
    pub fn v6srv_l4proto(&self) -> u8 {
        self.0[18]
    }
    pub fn set_v6srv_l4proto(&mut self, v: u8) {
        self.0[18] = v;
    }

    pub fn unix_source(&self) -> u64 {
        addr::u64_at(&self.0, 0)
    }
    pub fn unix_dest(&self) -> u64 {
        addr::u64_at(&self.0, 8)
    }
    pub fn set_unix(&mut self, source: u64, dest: u64) {
        self.0[0..8].copy_from_slice(&source.to_le_bytes());
        self.0[8..16].copy_from_slice(&dest.to_le_bytes());
    }
}

/// `sinsp_fdinfo` flag bits.
pub mod flags {
    pub const FROM_PROC: u32 = 1 << 0;
    pub const ROLE_CLIENT: u32 = 1 << 2;
    pub const ROLE_SERVER: u32 = 1 << 3;
    pub const CLOSE_IN_PROGRESS: u32 = 1 << 4;
    pub const CLOSE_CANCELED: u32 = 1 << 5;
    pub const SOCKET_CONNECTED: u32 = 1 << 13;
    pub const IS_CLONED: u32 = 1 << 14;
    pub const CONNECTION_PENDING: u32 = 1 << 15;
    pub const CONNECTION_FAILED: u32 = 1 << 16;
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fd {
    pub num: i64,
    pub kind: FdKind,
    /// `fd.name`: absolute path for files, `cip:cport->sip:sport` for connected sockets,
    /// `ip:port` for servers, the unix path (or `source->dest path` after a unix connect),
    /// the kernel-given name from the capture's fd list, or empty (pipes, eventfds, new
    /// sockets).
    pub name: String,
    /// The path as the process passed it, before resolution (`fd.nameraw`).
    pub name_raw: String,
    /// `name` when the fd was last looked up by the parser; `fd.name_changed` compares them.
    pub old_name: String,
    /// open() flags as recorded (PPM_O_* bits; other kinds keep their creation flags here).
    pub open_flags: u32,
    pub ino: u64,
    pub dev: u32,
    pub mount_id: u64,
    /// [`flags`] bits.
    pub flags: u32,
    pub sock: SockInfo,
    /// Target process of a pidfd.
    pub pid: i64,
}

impl Fd {
    pub fn new(num: i64, kind: FdKind, name: impl Into<String>) -> Fd {
        let name = name.into();
        Fd {
            num,
            kind,
            name_raw: name.clone(),
            name,
            ..Fd::default()
        }
    }

    /// Back to `Fd::default()`, keeping the string buffers.
    pub(crate) fn reset(&mut self) {
        let Fd {
            num,
            kind,
            name,
            name_raw,
            old_name,
            open_flags,
            ino,
            dev,
            mount_id,
            flags,
            sock,
            pid,
        } = self;
        *num = 0;
        *kind = FdKind::default();
        name.clear();
        name_raw.clear();
        old_name.clear();
        *open_flags = 0;
        *ino = 0;
        *dev = 0;
        *mount_id = 0;
        *flags = 0;
        *sock = SockInfo::default();
        *pid = 0;
    }

    pub fn is_role_server(&self) -> bool {
        self.flags & flags::ROLE_SERVER != 0
    }
    pub fn is_role_client(&self) -> bool {
        self.flags & flags::ROLE_CLIENT != 0
    }
    pub fn is_role_none(&self) -> bool {
        self.flags & (flags::ROLE_CLIENT | flags::ROLE_SERVER) == 0
    }
    /// The role, server winning if (unusually) both bits were set.
    pub fn role(&self) -> Role {
        if self.is_role_server() {
            Role::Server
        } else if self.is_role_client() {
            Role::Client
        } else {
            Role::None
        }
    }
    pub fn set_role_server(&mut self) {
        self.flags |= flags::ROLE_SERVER;
    }
    pub fn set_role_client(&mut self) {
        self.flags |= flags::ROLE_CLIENT;
    }
    pub fn is_connected(&self) -> bool {
        self.flags & flags::SOCKET_CONNECTED != 0
    }
    pub fn is_cloned(&self) -> bool {
        self.flags & flags::IS_CLONED != 0
    }
    pub(crate) fn set_connected(&mut self) {
        self.flags &= !(flags::CONNECTION_PENDING | flags::CONNECTION_FAILED);
        self.flags |= flags::SOCKET_CONNECTED;
    }
    pub fn is_cloexec(&self) -> bool {
        use crate::consts::arg::{EPOLL_CLOEXEC, MFD_CLOEXEC};
        self.open_flags & o::CLOEXEC != 0
            || (self.kind == FdKind::EventPoll && self.open_flags & EPOLL_CLOEXEC != 0)
            || (self.kind == FdKind::Memfd && self.open_flags & MFD_CLOEXEC != 0)
    }
    pub(crate) fn clear_cloexec(&mut self) {
        use crate::consts::arg::{EPOLL_CLOEXEC, MFD_CLOEXEC};
        self.open_flags &= !(o::CLOEXEC | EPOLL_CLOEXEC | MFD_CLOEXEC);
    }

    pub fn is_udp_socket(&self) -> bool {
        self.kind == FdKind::Ipv4Sock && self.sock.v4_l4proto() == l4::UDP
    }
    pub fn is_tcp_socket(&self) -> bool {
        self.kind == FdKind::Ipv4Sock && self.sock.v4_l4proto() == l4::TCP
    }

    /// `fd.l4proto` semantics (`get_l4proto`): a tuple socket with no role yet reports
    /// "not applicable", raw sockets are always raw.
    pub fn l4proto(&self) -> L4Proto {
        let v = match self.kind {
            FdKind::Ipv4Sock => {
                let p = self.sock.v4_l4proto();
                if p == l4::RAW {
                    p
                } else if self.is_role_none() {
                    l4::NA
                } else {
                    p
                }
            }
            FdKind::Ipv6Sock => {
                let p = self.sock.v6_l4proto();
                if p == l4::RAW {
                    p
                } else if self.is_role_none() {
                    l4::NA
                } else {
                    p
                }
            }
            FdKind::Ipv4ServSock => self.sock.v4srv_l4proto(),
            FdKind::Ipv6ServSock => self.sock.v6srv_l4proto(),
            _ => l4::NA,
        };
        L4Proto::from_scap(v)
    }

    /// The client end (`fd.cip`/`fd.cport`): the tuple's source for connected sockets.
    pub fn client(&self) -> Option<SockAddr> {
        match self.kind {
            FdKind::Ipv4Sock => Some(SockAddr {
                ip: IpAddr::V4(Ipv4Addr::from(self.sock.v4_sip())),
                port: self.sock.v4_sport(),
            }),
            FdKind::Ipv6Sock => Some(SockAddr {
                ip: IpAddr::V6(Ipv6Addr::from(self.sock.v6_sip())),
                port: self.sock.v6_sport(),
            }),
            _ => None,
        }
    }

    /// The server end (`fd.sip`/`fd.sport`): the tuple's destination, or the bound address of
    /// a server socket.
    pub fn server(&self) -> Option<SockAddr> {
        match self.kind {
            FdKind::Ipv4Sock => Some(SockAddr {
                ip: IpAddr::V4(Ipv4Addr::from(self.sock.v4_dip())),
                port: self.sock.v4_dport(),
            }),
            FdKind::Ipv6Sock => Some(SockAddr {
                ip: IpAddr::V6(Ipv6Addr::from(self.sock.v6_dip())),
                port: self.sock.v6_dport(),
            }),
            FdKind::Ipv4ServSock => Some(SockAddr {
                ip: IpAddr::V4(Ipv4Addr::from(self.sock.v4srv_ip())),
                port: self.sock.v4srv_port(),
            }),
            FdKind::Ipv6ServSock => Some(SockAddr {
                ip: IpAddr::V6(Ipv6Addr::from(self.sock.v6srv_ip())),
                port: self.sock.v6srv_port(),
            }),
            _ => None,
        }
    }

    /// Unix sockets: the two kernel socket pointers (source, dest).
    pub fn unix_ptrs(&self) -> Option<(u64, u64)> {
        (self.kind == FdKind::UnixSock).then(|| (self.sock.unix_source(), self.sock.unix_dest()))
    }

    /// The socket name upstream derives from the tuple (`sockinfo_to_str`), for IP sockets.
    pub(crate) fn tuple_name(&self) -> String {
        match self.kind {
            FdKind::Ipv4Sock => {
                let s = &self.sock;
                match s.v4_l4proto() {
                    l4::TCP | l4::UDP => {
                        addr::ipv4_tuple_str(s.v4_sip(), s.v4_sport(), s.v4_dip(), s.v4_dport())
                    }
                    l4::ICMP | l4::RAW => {
                        format!(
                            "{}->{}",
                            addr::ipv4_str(s.v4_sip()),
                            addr::ipv4_str(s.v4_dip())
                        )
                    }
                    _ => "<unknown>".to_string(),
                }
            }
            FdKind::Ipv6Sock => {
                let s = &self.sock;
                let (sip, dip) = (s.v6_sip(), s.v6_dip());
                match s.v6_l4proto() {
                    l4::TCP | l4::UDP => {
                        if addr::is_ipv4_mapped(&sip) && addr::is_ipv4_mapped(&dip) {
                            // Upstream reads the ports through the IPv4 view here.
                            addr::ipv4_tuple_str(
                                addr::arr4(&sip[12..]),
                                s.v4_sport(),
                                addr::arr4(&dip[12..]),
                                s.v4_dport(),
                            )
                        } else {
                            addr::ipv6_tuple_str(&sip, s.v6_sport(), &dip, s.v6_dport())
                        }
                    }
                    l4::ICMP => {
                        if addr::is_ipv4_mapped(&sip) && addr::is_ipv4_mapped(&dip) {
                            format!(
                                "{}->{}",
                                addr::ipv4_str(addr::arr4(&sip[12..])),
                                addr::ipv4_str(addr::arr4(&dip[12..]))
                            )
                        } else {
                            format!("{}->{}", addr::ipv6_str(&sip), addr::ipv6_str(&dip))
                        }
                    }
                    _ => "<unknown>".to_string(),
                }
            }
            _ => self.name.clone(),
        }
    }
}

/// String buffers of released fds, lent to new ones so that the open/close cycle of a process
/// does not allocate.
#[derive(Debug, Default)]
pub(crate) struct FdPool {
    spare: Vec<[String; 3]>,
}

impl FdPool {
    const MAX: usize = 64;
    const KEEP: usize = 1024;

    /// Keeps the buffers of `f` (a few, and only small ones).
    #[inline]
    pub(crate) fn give(&mut self, f: Fd) {
        let Fd {
            name,
            name_raw,
            old_name,
            ..
        } = f;
        if self.spare.len() < Self::MAX
            && name.capacity() <= Self::KEEP
            && name_raw.capacity() <= Self::KEEP
            && old_name.capacity() <= Self::KEEP
        {
            self.spare.push([name, name_raw, old_name]);
        }
    }

    /// Gives the empty strings of `f` buffers, if there are spare ones.
    #[inline]
    pub(crate) fn lend(&mut self, f: &mut Fd) {
        if let Some([mut a, mut b, mut c]) = self.spare.pop() {
            a.clear();
            b.clear();
            c.clear();
            f.name = a;
            f.name_raw = b;
            f.old_name = c;
        }
    }
}

/// The fds of one process (shared by its threads).
#[derive(Debug, Clone, Default)]
pub struct FdTable {
    pub fds: HashMap<i64, Fd>,
}

/// What [`FdTable::add`] did.
#[derive(Debug)]
pub(crate) enum AddOutcome {
    Added,
    /// The number was in use; the entry it had (unless parked) is handed back.
    Replaced(Option<Fd>),
    /// The table is full; the fd was not recorded.
    Dropped,
}

impl FdTable {
    pub fn get(&self, fd: i64) -> Option<&Fd> {
        self.fds.get(&fd)
    }
    pub fn get_mut(&mut self, fd: i64) -> Option<&mut Fd> {
        self.fds.get_mut(&fd)
    }
    /// Inserts or replaces without any of the close-in-flight bookkeeping (seeding).
    pub fn insert(&mut self, fd: Fd) {
        self.fds.insert(fd.num, fd);
    }
    pub fn remove(&mut self, fd: i64) -> Option<Fd> {
        self.fds.remove(&fd)
    }
    pub fn len(&self) -> usize {
        self.fds.len()
    }
    pub fn is_empty(&self) -> bool {
        self.fds.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&i64, &Fd)> {
        self.fds.iter()
    }

    /// [`Self::add`] of the fd that `fill` describes (it starts as `Fd::default()`), built in
    /// its table slot: with the string buffers of a released fd from `pool` for a new entry, in
    /// the entry itself when it replaces one.
    pub(crate) fn add_with(
        &mut self,
        num: i64,
        max: usize,
        pool: &mut FdPool,
        fill: impl FnOnce(&mut Fd),
    ) -> AddOutcome {
        use std::collections::hash_map::Entry;
        let len = self.fds.len();
        match self.fds.entry(num) {
            Entry::Vacant(v) => {
                if len >= max {
                    return AddOutcome::Dropped;
                }
                let f = v.insert(Fd::default());
                pool.lend(f);
                fill(f);
                f.num = num;
                AddOutcome::Added
            }
            Entry::Occupied(mut o) => {
                let existing = o.get_mut();
                if existing.flags & flags::CLOSE_IN_PROGRESS != 0 {
                    let mut fdi = Fd::default();
                    pool.lend(&mut fdi);
                    fill(&mut fdi);
                    fdi.num = num;
                    fdi.flags &= !flags::CLOSE_IN_PROGRESS;
                    fdi.flags |= flags::CLOSE_CANCELED;
                    let mut parked = std::mem::replace(existing, fdi);
                    parked.num = CANCELED_FD_NUMBER;
                    let old = self.fds.insert(CANCELED_FD_NUMBER, parked);
                    AddOutcome::Replaced(old)
                } else {
                    existing.reset();
                    fill(existing);
                    existing.num = num;
                    AddOutcome::Replaced(None)
                }
            }
        }
    }

    /// Adds `fdi` under `num` the way upstream's table does: a full table drops new fds; an
    /// fd created while a close of the same number is in flight parks the old entry under
    /// [`CANCELED_FD_NUMBER`] so that the pending close exit removes the right one.
    pub(crate) fn add(&mut self, num: i64, mut fdi: Fd, max: usize) -> AddOutcome {
        use std::collections::hash_map::Entry;
        fdi.num = num;
        let len = self.fds.len();
        match self.fds.entry(num) {
            Entry::Vacant(v) => {
                if len >= max {
                    return AddOutcome::Dropped;
                }
                v.insert(fdi);
                AddOutcome::Added
            }
            Entry::Occupied(mut o) => {
                let existing = o.get_mut();
                if existing.flags & flags::CLOSE_IN_PROGRESS != 0 {
                    fdi.flags &= !flags::CLOSE_IN_PROGRESS;
                    fdi.flags |= flags::CLOSE_CANCELED;
                    let mut parked = std::mem::replace(existing, fdi);
                    parked.num = CANCELED_FD_NUMBER;
                    let old = self.fds.insert(CANCELED_FD_NUMBER, parked);
                    AddOutcome::Replaced(old)
                } else {
                    AddOutcome::Replaced(Some(std::mem::replace(existing, fdi)))
                }
            }
        }
    }
}
