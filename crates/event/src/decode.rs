//! Typed decoding of one parameter's bytes, by its `ParamType`.
//!
//! Decoding is strict about sizes (a 4-byte `Uint64` is an error, not a guess) because a wrong
//! size means the table and the file disagree, and silently reading neighbouring bytes is how
//! upstream ends up printing garbage. A zero-length parameter of any type decodes to
//! [`ParamValue::Empty`]: the scap convention for "not available".

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use crate::table::ParamInfo;
use crate::types::{ParamExtra, ParamType};

/// `PPM_AF_*` socket families as they appear in the first byte of sockaddr/socktuple params.
pub mod family {
    pub const UNSPEC: u8 = 0;
    pub const UNIX: u8 = 1;
    pub const INET: u8 = 2;
    pub const INET6: u8 = 10;
    pub const NETLINK: u8 = 16;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("{ptype:?} parameter of {got} bytes, expected {expected}")]
    BadLength {
        ptype: ParamType,
        expected: usize,
        got: usize,
    },
    #[error("{ptype:?} parameter of {got} bytes is too short")]
    Truncated { ptype: ParamType, got: usize },
    #[error("dynamic parameter selects candidate {index} of {count}")]
    DynIndex { index: u8, count: usize },
    #[error("dynamic parameter decoded without its candidate types")]
    DynWithoutCandidates,
    #[error("{0:?} parameters never appear in event data")]
    Unsupported(ParamType),
}

/// A socket address (`PT_SOCKADDR`); IPs and ports in host representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SockAddr<'a> {
    V4(SocketAddrV4),
    V6(SocketAddrV6),
    /// A unix socket path, without the trailing NUL (abstract sockets lose their leading NUL
    /// in the driver, so they look like relative paths).
    Unix(&'a [u8]),
    /// Any other family (netlink, `AF_UNSPEC`, ...): the family byte and what follows it.
    Other {
        family: u8,
        data: &'a [u8],
    },
}

/// A connection tuple (`PT_SOCKTUPLE`): source then destination, as the driver saw them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SockTuple<'a> {
    V4 {
        src: SocketAddrV4,
        dst: SocketAddrV4,
    },
    V6 {
        src: SocketAddrV6,
        dst: SocketAddrV6,
    },
    /// Unix sockets: the two kernel socket pointers (used to pair both ends) and the path.
    Unix {
        source: u64,
        dest: u64,
        path: &'a [u8],
    },
    Other {
        family: u8,
        data: &'a [u8],
    },
}

/// A `PT_FDLIST`: `u16` count, then `count` × (`i64` fd, `u16` flags). Validated on decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FdList<'a> {
    entries: &'a [u8],
}

impl<'a> FdList<'a> {
    const ENTRY: usize = 10;

    pub fn len(&self) -> usize {
        self.entries.len() / Self::ENTRY
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// (fd, poll flags) pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, u16)> + 'a {
        self.entries.chunks_exact(Self::ENTRY).map(|c| {
            let fd = i64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            (fd, u16::from_le_bytes([c[8], c[9]]))
        })
    }
}

/// One decoded parameter.
///
/// Signed kinds (`Int*`, `Errno`, `Fd`, `Pid`, `Fd32`, `Pid32`) become `I64`, unsigned and
/// bit-set kinds (`Uint*`, `Flags*`, `Enumflags*`, `Mode`, `Uid`, `Gid`, `Sigtype`, `Sigset`,
/// `Syscallid`, `Port`, `L4proto`, `Sockfamily`, `Reltime`, `Abstime`) become `U64`; the
/// parameter's `ParamType` says how to read the number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamValue<'a> {
    /// Length 0: the value is not available.
    Empty,
    I64(i64),
    U64(u64),
    Bool(bool),
    Double(f64),
    /// `Charbuf`/`Fspath`/`Fsrelpath`: the bytes before the first NUL.
    Str(&'a [u8]),
    /// `Bytebuf` (and the in-memory-only kinds): raw bytes.
    Bytes(&'a [u8]),
    SockAddr(SockAddr<'a>),
    SockTuple(SockTuple<'a>),
    FdList(FdList<'a>),
    /// `Ipv4addr`, `Ipv6addr`, `Ipaddr`.
    Ip(IpAddr),
}

impl ParamValue<'_> {
    /// The value as a signed integer when it is one (unsigned values reinterpret their bits,
    /// matching how libsinsp compares `evt.rawarg`).
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            ParamValue::I64(v) => Some(v),
            ParamValue::U64(v) => Some(v as i64),
            ParamValue::Bool(b) => Some(b as i64),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            ParamValue::U64(v) => Some(v),
            ParamValue::I64(v) => Some(v as u64),
            ParamValue::Bool(b) => Some(b as u64),
            _ => None,
        }
    }

    /// String-like values (`Str` and `Bytes`).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match *self {
            ParamValue::Str(b) | ParamValue::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

fn exact<const N: usize>(ptype: ParamType, b: &[u8]) -> Result<[u8; N], DecodeError> {
    b.try_into().map_err(|_| DecodeError::BadLength {
        ptype,
        expected: N,
        got: b.len(),
    })
}

fn until_nul(b: &[u8]) -> &[u8] {
    b.iter().position(|&c| c == 0).map_or(b, |n| &b[..n])
}

fn v4(ip: &[u8], port: &[u8]) -> SocketAddrV4 {
    SocketAddrV4::new(
        Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]),
        u16::from_le_bytes([port[0], port[1]]),
    )
}

fn v6(ip: &[u8], port: &[u8]) -> SocketAddrV6 {
    let mut o = [0u8; 16];
    o.copy_from_slice(&ip[..16]);
    SocketAddrV6::new(
        Ipv6Addr::from(o),
        u16::from_le_bytes([port[0], port[1]]),
        0,
        0,
    )
}

fn sockaddr(b: &[u8]) -> Result<SockAddr<'_>, DecodeError> {
    let t = ParamType::Sockaddr;
    let (&fam, rest) = b
        .split_first()
        .ok_or(DecodeError::Truncated { ptype: t, got: 0 })?;
    Ok(match fam {
        family::INET => {
            if rest.len() != 6 {
                return Err(DecodeError::BadLength {
                    ptype: t,
                    expected: 7,
                    got: b.len(),
                });
            }
            SockAddr::V4(v4(&rest[..4], &rest[4..]))
        }
        family::INET6 => {
            if rest.len() != 18 {
                return Err(DecodeError::BadLength {
                    ptype: t,
                    expected: 19,
                    got: b.len(),
                });
            }
            SockAddr::V6(v6(&rest[..16], &rest[16..]))
        }
        family::UNIX => SockAddr::Unix(until_nul(rest)),
        family => SockAddr::Other { family, data: rest },
    })
}

fn socktuple(b: &[u8]) -> Result<SockTuple<'_>, DecodeError> {
    let t = ParamType::Socktuple;
    let (&fam, rest) = b
        .split_first()
        .ok_or(DecodeError::Truncated { ptype: t, got: 0 })?;
    Ok(match fam {
        family::INET => {
            if rest.len() != 12 {
                return Err(DecodeError::BadLength {
                    ptype: t,
                    expected: 13,
                    got: b.len(),
                });
            }
            SockTuple::V4 {
                src: v4(&rest[0..4], &rest[4..6]),
                dst: v4(&rest[6..10], &rest[10..12]),
            }
        }
        family::INET6 => {
            if rest.len() != 36 {
                return Err(DecodeError::BadLength {
                    ptype: t,
                    expected: 37,
                    got: b.len(),
                });
            }
            SockTuple::V6 {
                src: v6(&rest[0..16], &rest[16..18]),
                dst: v6(&rest[18..34], &rest[34..36]),
            }
        }
        family::UNIX => {
            if rest.len() < 16 {
                return Err(DecodeError::Truncated {
                    ptype: t,
                    got: b.len(),
                });
            }
            let word = |o: usize| {
                let mut w = [0u8; 8];
                w.copy_from_slice(&rest[o..o + 8]);
                u64::from_le_bytes(w)
            };
            SockTuple::Unix {
                source: word(0),
                dest: word(8),
                path: until_nul(&rest[16..]),
            }
        }
        family => SockTuple::Other { family, data: rest },
    })
}

fn fdlist(b: &[u8]) -> Result<FdList<'_>, DecodeError> {
    let t = ParamType::Fdlist;
    if b.len() < 2 {
        return Err(DecodeError::Truncated {
            ptype: t,
            got: b.len(),
        });
    }
    let n = u16::from_le_bytes([b[0], b[1]]) as usize;
    let need = 2 + n * FdList::ENTRY;
    if b.len() < need {
        return Err(DecodeError::BadLength {
            ptype: t,
            expected: need,
            got: b.len(),
        });
    }
    Ok(FdList {
        entries: &b[2..need],
    })
}

/// Decodes `bytes` as a parameter of type `ptype`. `Dyn` needs its candidate types: use
/// [`decode_param`] or [`decode_dyn`].
pub fn decode(ptype: ParamType, bytes: &[u8]) -> Result<ParamValue<'_>, DecodeError> {
    use ParamType as T;
    if bytes.is_empty() {
        return Ok(ParamValue::Empty);
    }
    let b = bytes;
    Ok(match ptype {
        T::Int8 => ParamValue::I64(i8::from_le_bytes(exact(ptype, b)?) as i64),
        T::Int16 => ParamValue::I64(i16::from_le_bytes(exact(ptype, b)?) as i64),
        T::Int32 | T::Fd32 | T::Pid32 => {
            ParamValue::I64(i32::from_le_bytes(exact(ptype, b)?) as i64)
        }
        T::Int64 | T::Errno | T::Fd | T::Pid => {
            ParamValue::I64(i64::from_le_bytes(exact(ptype, b)?))
        }
        T::Uint8 | T::Flags8 | T::Enumflags8 | T::Sigtype | T::L4proto | T::Sockfamily => {
            ParamValue::U64(u8::from_le_bytes(exact(ptype, b)?) as u64)
        }
        T::Uint16 | T::Flags16 | T::Enumflags16 | T::Syscallid | T::Port => {
            ParamValue::U64(u16::from_le_bytes(exact(ptype, b)?) as u64)
        }
        T::Uint32 | T::Flags32 | T::Enumflags32 | T::Mode | T::Uid | T::Gid | T::Sigset => {
            ParamValue::U64(u32::from_le_bytes(exact(ptype, b)?) as u64)
        }
        T::Uint64 | T::Reltime | T::Abstime => {
            ParamValue::U64(u64::from_le_bytes(exact(ptype, b)?))
        }
        T::Bool => ParamValue::Bool(u32::from_le_bytes(exact(ptype, b)?) != 0),
        T::Double => ParamValue::Double(f64::from_le_bytes(exact(ptype, b)?)),
        T::Charbuf | T::Fspath | T::Fsrelpath => ParamValue::Str(until_nul(b)),
        T::Bytebuf => ParamValue::Bytes(b),
        T::Sockaddr => ParamValue::SockAddr(sockaddr(b)?),
        T::Socktuple => ParamValue::SockTuple(socktuple(b)?),
        T::Fdlist => ParamValue::FdList(fdlist(b)?),
        T::Ipv4addr => ParamValue::Ip(IpAddr::V4(Ipv4Addr::from(exact::<4>(ptype, b)?))),
        T::Ipv6addr => ParamValue::Ip(IpAddr::V6(Ipv6Addr::from(exact::<16>(ptype, b)?))),
        T::Ipaddr => match b.len() {
            4 => ParamValue::Ip(IpAddr::V4(Ipv4Addr::from(exact::<4>(ptype, b)?))),
            16 => ParamValue::Ip(IpAddr::V6(Ipv6Addr::from(exact::<16>(ptype, b)?))),
            got => {
                return Err(DecodeError::BadLength {
                    ptype,
                    expected: 16,
                    got,
                })
            }
        },
        // Filter-side and in-memory kinds: keep the bytes rather than invent a layout.
        T::Ipv4net | T::Ipv6net | T::Ipnet | T::Charbufarray | T::CharbufPairArray => {
            ParamValue::Bytes(b)
        }
        T::Dyn => return Err(DecodeError::DynWithoutCandidates),
        T::None => return Err(DecodeError::Unsupported(ptype)),
    })
}

/// Decodes a `Dyn` parameter: a `u8` index into `candidates`, then a value of that type.
/// Returns the selected type with the value.
pub fn decode_dyn<'a>(
    candidates: &[ParamType],
    bytes: &'a [u8],
) -> Result<(ParamType, ParamValue<'a>), DecodeError> {
    let Some((&index, rest)) = bytes.split_first() else {
        return Ok((ParamType::Dyn, ParamValue::Empty));
    };
    let &ptype = candidates
        .get(index as usize)
        .ok_or(DecodeError::DynIndex {
            index,
            count: candidates.len(),
        })?;
    Ok((ptype, decode(ptype, rest)?))
}

/// Decodes a parameter described by its table entry, resolving `Dyn` to the selected type.
pub fn decode_param<'a>(
    info: &ParamInfo,
    bytes: &'a [u8],
) -> Result<(ParamType, ParamValue<'a>), DecodeError> {
    match (info.ptype, info.extra) {
        (ParamType::Dyn, ParamExtra::Dyn(c)) => decode_dyn(c, bytes),
        (ParamType::Dyn, _) => Err(DecodeError::DynWithoutCandidates),
        (t, _) => Ok((t, decode(t, bytes)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParamType as T;

    #[test]
    fn integers_by_width_and_sign() {
        assert_eq!(decode(T::Int8, &[0xff]), Ok(ParamValue::I64(-1)));
        assert_eq!(
            decode(T::Int16, &(-300i16).to_le_bytes()),
            Ok(ParamValue::I64(-300))
        );
        assert_eq!(
            decode(T::Int32, &(-5i32).to_le_bytes()),
            Ok(ParamValue::I64(-5))
        );
        assert_eq!(
            decode(T::Int64, &i64::MIN.to_le_bytes()),
            Ok(ParamValue::I64(i64::MIN))
        );
        assert_eq!(
            decode(T::Errno, &(-115i64).to_le_bytes()),
            Ok(ParamValue::I64(-115))
        );
        assert_eq!(
            decode(T::Fd, &(-100i64).to_le_bytes()),
            Ok(ParamValue::I64(-100))
        );
        assert_eq!(
            decode(T::Pid, &20072i64.to_le_bytes()),
            Ok(ParamValue::I64(20072))
        );
        assert_eq!(
            decode(T::Fd32, &(-1i32).to_le_bytes()),
            Ok(ParamValue::I64(-1))
        );
        assert_eq!(
            decode(T::Pid32, &7i32.to_le_bytes()),
            Ok(ParamValue::I64(7))
        );
        assert_eq!(decode(T::Uint8, &[200]), Ok(ParamValue::U64(200)));
        assert_eq!(
            decode(T::Uint16, &65535u16.to_le_bytes()),
            Ok(ParamValue::U64(65535))
        );
        assert_eq!(
            decode(T::Uint32, &u32::MAX.to_le_bytes()),
            Ok(ParamValue::U64(u32::MAX as u64))
        );
        assert_eq!(
            decode(T::Uint64, &u64::MAX.to_le_bytes()),
            Ok(ParamValue::U64(u64::MAX))
        );
        for t in [
            T::Flags8,
            T::Enumflags8,
            T::Sigtype,
            T::L4proto,
            T::Sockfamily,
        ] {
            assert_eq!(decode(t, &[9]), Ok(ParamValue::U64(9)), "{t:?}");
        }
        for t in [T::Flags16, T::Enumflags16, T::Syscallid, T::Port] {
            assert_eq!(
                decode(t, &139u16.to_le_bytes()),
                Ok(ParamValue::U64(139)),
                "{t:?}"
            );
        }
        for t in [
            T::Flags32,
            T::Enumflags32,
            T::Mode,
            T::Uid,
            T::Gid,
            T::Sigset,
        ] {
            assert_eq!(
                decode(t, &4097u32.to_le_bytes()),
                Ok(ParamValue::U64(4097)),
                "{t:?}"
            );
        }
        for t in [T::Reltime, T::Abstime] {
            assert_eq!(
                decode(t, &5u64.to_le_bytes()),
                Ok(ParamValue::U64(5)),
                "{t:?}"
            );
        }
        assert_eq!(
            decode(T::Bool, &1u32.to_le_bytes()),
            Ok(ParamValue::Bool(true))
        );
        assert_eq!(
            decode(T::Bool, &0u32.to_le_bytes()),
            Ok(ParamValue::Bool(false))
        );
        assert_eq!(
            decode(T::Double, &1.5f64.to_le_bytes()),
            Ok(ParamValue::Double(1.5))
        );
    }

    #[test]
    fn wrong_sizes_are_errors_not_guesses() {
        assert_eq!(
            decode(T::Uint64, &[1, 2, 3, 4]),
            Err(DecodeError::BadLength {
                ptype: T::Uint64,
                expected: 8,
                got: 4
            })
        );
        assert!(decode(T::Fd, &[0; 9]).is_err());
        assert!(decode(T::Ipv4addr, &[1, 2, 3]).is_err());
        assert!(decode(T::Ipaddr, &[0; 5]).is_err());
        assert_eq!(
            decode(T::None, &[1]),
            Err(DecodeError::Unsupported(T::None))
        );
    }

    #[test]
    fn zero_length_is_empty_for_every_type() {
        for t in [
            T::Fd,
            T::Charbuf,
            T::Bytebuf,
            T::Sockaddr,
            T::Socktuple,
            T::Fdlist,
            T::Uid,
            T::Dyn,
        ] {
            assert_eq!(decode(t, &[]), Ok(ParamValue::Empty), "{t:?}");
        }
        assert_eq!(decode_dyn(&[T::Fd], &[]), Ok((T::Dyn, ParamValue::Empty)));
    }

    #[test]
    fn strings_stop_at_the_nul() {
        assert_eq!(decode(T::Charbuf, b"cat\0"), Ok(ParamValue::Str(b"cat")));
        assert_eq!(
            decode(T::Fspath, b"/dev/null\0"),
            Ok(ParamValue::Str(b"/dev/null"))
        );
        assert_eq!(decode(T::Fsrelpath, b"a\0b\0"), Ok(ParamValue::Str(b"a")));
        assert_eq!(decode(T::Charbuf, b"\0"), Ok(ParamValue::Str(b"")));
        assert_eq!(decode(T::Bytebuf, b"a\0b"), Ok(ParamValue::Bytes(b"a\0b")));
        for t in [
            T::Ipv4net,
            T::Ipv6net,
            T::Ipnet,
            T::Charbufarray,
            T::CharbufPairArray,
        ] {
            assert_eq!(decode(t, b"xy"), Ok(ParamValue::Bytes(b"xy")));
        }
    }

    #[test]
    fn ip_addresses() {
        assert_eq!(
            decode(T::Ipv4addr, &[127, 0, 0, 1]),
            Ok(ParamValue::Ip("127.0.0.1".parse().unwrap()))
        );
        let six: Ipv6Addr = "2001:db8::1".parse().unwrap();
        assert_eq!(
            decode(T::Ipv6addr, &six.octets()),
            Ok(ParamValue::Ip(six.into()))
        );
        assert_eq!(
            decode(T::Ipaddr, &six.octets()),
            Ok(ParamValue::Ip(six.into()))
        );
        assert_eq!(
            decode(T::Ipaddr, &[10, 0, 0, 1]),
            Ok(ParamValue::Ip("10.0.0.1".parse().unwrap()))
        );
    }

    /// Bytes of the `falco/connect_localhost.scap` connect exit tuple
    /// (`127.0.0.1:47192->127.0.0.1:80` in sysdig).
    #[test]
    fn ipv4_tuple_and_sockaddr() {
        let mut t = vec![family::INET, 127, 0, 0, 1];
        t.extend_from_slice(&47192u16.to_le_bytes());
        t.extend_from_slice(&[127, 0, 0, 1]);
        t.extend_from_slice(&80u16.to_le_bytes());
        assert_eq!(
            decode(T::Socktuple, &t),
            Ok(ParamValue::SockTuple(SockTuple::V4 {
                src: "127.0.0.1:47192".parse().unwrap(),
                dst: "127.0.0.1:80".parse().unwrap(),
            }))
        );
        assert!(decode(T::Socktuple, &t[..12]).is_err());
        let a = [family::INET, 0, 0, 0, 0, 0x90, 0x1f];
        assert_eq!(
            decode(T::Sockaddr, &a),
            Ok(ParamValue::SockAddr(SockAddr::V4(
                "0.0.0.0:8080".parse().unwrap()
            )))
        );
    }

    #[test]
    fn ipv6_tuple_and_sockaddr() {
        let s: Ipv6Addr = "2001:db8::4".parse().unwrap();
        let d: Ipv6Addr = "2001:db8::3".parse().unwrap();
        let mut t = vec![family::INET6];
        t.extend_from_slice(&s.octets());
        t.extend_from_slice(&54405u16.to_le_bytes());
        t.extend_from_slice(&d.octets());
        t.extend_from_slice(&1234u16.to_le_bytes());
        assert_eq!(
            decode(T::Socktuple, &t),
            Ok(ParamValue::SockTuple(SockTuple::V6 {
                src: SocketAddrV6::new(s, 54405, 0, 0),
                dst: SocketAddrV6::new(d, 1234, 0, 0),
            }))
        );
        let mut a = vec![family::INET6];
        a.extend_from_slice(&d.octets());
        a.extend_from_slice(&1234u16.to_le_bytes());
        assert_eq!(
            decode(T::Sockaddr, &a),
            Ok(ParamValue::SockAddr(SockAddr::V6(SocketAddrV6::new(
                d, 1234, 0, 0
            ))))
        );
        assert!(decode(T::Sockaddr, &a[..18]).is_err());
    }

    /// The nscd connect of `libs/curl_google.scap`: `0->ffff88003c420800 /var/run/nscd/socket`.
    #[test]
    fn unix_tuple_and_sockaddr() {
        let mut t = vec![family::UNIX];
        t.extend_from_slice(&0u64.to_le_bytes());
        t.extend_from_slice(&0xffff88003c420800u64.to_le_bytes());
        t.extend_from_slice(b"/var/run/nscd/socket\0");
        assert_eq!(t.len(), 38);
        assert_eq!(
            decode(T::Socktuple, &t),
            Ok(ParamValue::SockTuple(SockTuple::Unix {
                source: 0,
                dest: 0xffff88003c420800,
                path: b"/var/run/nscd/socket"
            }))
        );
        assert!(decode(T::Socktuple, &t[..10]).is_err());
        assert_eq!(
            decode(T::Sockaddr, b"\x01/tmp/s\0"),
            Ok(ParamValue::SockAddr(SockAddr::Unix(b"/tmp/s")))
        );
        assert_eq!(
            decode(T::Sockaddr, &[16, 1, 2]),
            Ok(ParamValue::SockAddr(SockAddr::Other {
                family: 16,
                data: &[1, 2]
            }))
        );
        assert_eq!(
            decode(T::Socktuple, &[0]),
            Ok(ParamValue::SockTuple(SockTuple::Other {
                family: 0,
                data: &[]
            }))
        );
    }

    #[test]
    fn fd_lists() {
        let mut b = 2u16.to_le_bytes().to_vec();
        b.extend_from_slice(&4i64.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&7i64.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes());
        let Ok(ParamValue::FdList(l)) = decode(T::Fdlist, &b) else {
            panic!("not a list")
        };
        assert_eq!(l.len(), 2);
        assert_eq!(l.iter().collect::<Vec<_>>(), vec![(4, 1), (7, 0)]);
        assert!(decode(T::Fdlist, &b[..15]).is_err());
        let Ok(ParamValue::FdList(e)) = decode(T::Fdlist, &[0, 0]) else {
            panic!("not a list")
        };
        assert!(e.is_empty());
    }

    #[test]
    fn dynamic_params_pick_their_candidate() {
        // setsockopt `val`: index 2 selects Uint32 in the sockopt candidate list.
        let info = crate::info(crate::ppme::SOCKET_SETSOCKOPT_X).unwrap();
        let val = &info.params[info.param_index("val").unwrap()];
        let mut b = vec![2u8];
        b.extend_from_slice(&1u32.to_le_bytes());
        assert_eq!(decode_param(val, &b), Ok((T::Uint32, ParamValue::U64(1))));
        assert_eq!(
            decode_param(val, &[9, 0]),
            Err(DecodeError::DynIndex { index: 9, count: 5 })
        );
        assert_eq!(decode(T::Dyn, &b), Err(DecodeError::DynWithoutCandidates));
        let fd = &info.params[info.param_index("fd").unwrap()];
        assert_eq!(
            decode_param(fd, &3i64.to_le_bytes()),
            Ok((T::Fd, ParamValue::I64(3)))
        );
    }

    #[test]
    fn accessors() {
        assert_eq!(ParamValue::U64(u64::MAX).as_i64(), Some(-1));
        assert_eq!(ParamValue::I64(-1).as_u64(), Some(u64::MAX));
        assert_eq!(ParamValue::Str(b"x").as_bytes(), Some(&b"x"[..]));
        assert_eq!(ParamValue::Empty.as_i64(), None);
    }
}
