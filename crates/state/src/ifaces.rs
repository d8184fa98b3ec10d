//! The machine's network interfaces at capture time (`sinsp_network_interfaces`).
//!
//! Used to complete half-known tuples (a datagram socket whose local address is 0.0.0.0 gets
//! the interface address that would route to the peer) and to decide which end of a
//! connection is local (`fd.lip`/`fd.rip`).

/// One IPv4 address. Addresses and masks are kept as upstream keeps them: the network-order
/// bytes read as a little-endian `u32`, so masking works bytewise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv4If {
    pub name: String,
    pub addr: u32,
    pub netmask: u32,
    pub bcast: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv6If {
    pub name: String,
    pub addr: [u8; 16],
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetInterfaces {
    pub v4: Vec<Ipv4If>,
    pub v6: Vec<Ipv6If>,
}

/// 127.0.0.1 in the byte-order convention of [`Ipv4If::addr`].
const LOOPBACK_V4: u32 = 0x0100_007f;
const LOOPBACK_V6: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

pub(crate) fn v4_u32(ip: [u8; 4]) -> u32 {
    u32::from_le_bytes(ip)
}

pub(crate) fn v4_bytes(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

/// Upstream's IPv6 "same subnet" test: the first 64 bits match.
fn same_v6_subnet(a: &[u8; 16], b: &[u8; 16]) -> bool {
    a[..8] == b[..8]
}

impl NetInterfaces {
    pub fn from_scap(ifs: &peregrine_scap::Interfaces) -> NetInterfaces {
        NetInterfaces {
            v4: ifs
                .v4
                .iter()
                .map(|i| Ipv4If {
                    name: i.name.clone(),
                    addr: v4_u32(i.addr.octets()),
                    netmask: v4_u32(i.netmask.octets()),
                    bcast: v4_u32(i.bcast.octets()),
                })
                .collect(),
            v6: ifs
                .v6
                .iter()
                .map(|i| Ipv6If {
                    name: i.name.clone(),
                    addr: i.addr.octets(),
                })
                .collect(),
        }
    }

    /// The local address that would be used to reach `dest`: an exact match, else an
    /// interface on the same subnet, else the first non-loopback one; 0 if there is none.
    pub fn infer_ipv4(&self, dest: u32) -> u32 {
        if let Some(i) = self.v4.iter().find(|i| i.addr == dest) {
            return i.addr;
        }
        if let Some(i) = self
            .v4
            .iter()
            .find(|i| i.addr & i.netmask == dest & i.netmask)
        {
            return i.addr;
        }
        self.v4
            .iter()
            .find(|i| i.addr != LOOPBACK_V4)
            .map(|i| i.addr)
            .unwrap_or(0)
    }

    pub fn infer_ipv6(&self, dest: &[u8; 16]) -> [u8; 16] {
        if let Some(i) = self.v6.iter().find(|i| &i.addr == dest) {
            return i.addr;
        }
        if let Some(i) = self.v6.iter().find(|i| same_v6_subnet(&i.addr, dest)) {
            return i.addr;
        }
        self.v6
            .iter()
            .find(|i| i.addr != LOOPBACK_V6)
            .map(|i| i.addr)
            .unwrap_or([0; 16])
    }

    pub fn has_ipv4(&self, addr: u32) -> bool {
        self.v4.iter().any(|i| i.addr == addr)
    }

    /// Whether `addr` is on one of the machine's IPv6 subnets (upstream's local test).
    pub fn has_ipv6_subnet(&self, addr: &[u8; 16]) -> bool {
        self.v6.iter().any(|i| same_v6_subnet(addr, &i.addr))
    }

    /// Fills a zero end of a tuple socket from the interface list (`update_fd`).
    pub(crate) fn complete_tuple(&self, fd: &mut crate::fd::Fd) {
        use crate::fd::FdKind;
        match fd.kind {
            FdKind::Ipv4Sock => {
                let s = &mut fd.sock;
                let (sip, dip) = (v4_u32(s.v4_sip()), v4_u32(s.v4_dip()));
                if sip != 0 && dip != 0 {
                    return;
                }
                if sip == 0 {
                    let new = self.infer_ipv4(dip);
                    if new == dip && s.v4_sport() == s.v4_dport() {
                        return;
                    }
                    s.set_v4_sip(v4_bytes(new));
                } else {
                    let new = self.infer_ipv4(sip);
                    if new == sip && s.v4_sport() == s.v4_dport() {
                        return;
                    }
                    s.set_v4_dip(v4_bytes(new));
                }
            }
            FdKind::Ipv6Sock => {
                let s = &mut fd.sock;
                let (sip, dip) = (s.v6_sip(), s.v6_dip());
                let zero = [0u8; 16];
                if sip != zero && dip != zero {
                    return;
                }
                if sip == zero {
                    let new = self.infer_ipv6(&dip);
                    if new == dip && s.v6_sport() == s.v6_dport() {
                        return;
                    }
                    s.set_v6_sip(&new);
                } else {
                    let new = self.infer_ipv6(&sip);
                    if new == sip && s.v6_sport() == s.v6_dport() {
                        return;
                    }
                    s.set_v6_dip(&new);
                }
            }
            _ => {}
        }
    }
}
