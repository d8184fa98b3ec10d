//! Parsers for metadata block bodies. Each takes the block body (between the 8-byte header and
//! the trailer, padding included) and mirrors what libscap reads for that block version.
//! Errors are plain messages; the reader adds the block offset and type.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::types::*;

/// libscap's fixed buffer limits, enforced the same way so that we reject what it rejects.
pub(crate) const MAX_PATH: usize = 1024;
pub(crate) const MAX_ARGS: usize = 4096;
pub(crate) const MAX_ENV: usize = 4096;
pub(crate) const MAX_CGROUPS: usize = 4096;
pub(crate) const MAX_CREDENTIALS: usize = 256;

/// Bytes left after the fixed part of a v9 process entry, at or below which the entry comes from
/// a writer older than libs 0.10 (loginuid 4 + exe_writable 1 + three capability sets 24).
const PRE_0_10_TAIL: usize = 29;

pub(crate) type DecodeResult<T> = Result<T, String>;

/// Bounds-checked little-endian cursor over a block body.
pub(crate) struct Cur<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cur<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        Cur { b, pos: 0 }
    }
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }
    pub(crate) fn remaining(&self) -> usize {
        self.b.len() - self.pos
    }
    pub(crate) fn take(&mut self, n: usize, what: &str) -> DecodeResult<&'a [u8]> {
        if n > self.remaining() {
            return Err(format!(
                "{what}: needs {n} bytes at body offset {}, only {} left",
                self.pos,
                self.remaining()
            ));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self, what: &str) -> DecodeResult<[u8; N]> {
        let s = self.take(N, what)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    pub(crate) fn u8(&mut self, what: &str) -> DecodeResult<u8> {
        Ok(self.arr::<1>(what)?[0])
    }
    pub(crate) fn u16(&mut self, what: &str) -> DecodeResult<u16> {
        Ok(u16::from_le_bytes(self.arr(what)?))
    }
    pub(crate) fn u32(&mut self, what: &str) -> DecodeResult<u32> {
        Ok(u32::from_le_bytes(self.arr(what)?))
    }
    pub(crate) fn u64(&mut self, what: &str) -> DecodeResult<u64> {
        Ok(u64::from_le_bytes(self.arr(what)?))
    }
    pub(crate) fn i64(&mut self, what: &str) -> DecodeResult<i64> {
        Ok(i64::from_le_bytes(self.arr(what)?))
    }
    fn ipv4(&mut self, what: &str) -> DecodeResult<Ipv4Addr> {
        Ok(Ipv4Addr::from(self.arr::<4>(what)?))
    }
    fn ipv6(&mut self, what: &str) -> DecodeResult<Ipv6Addr> {
        Ok(Ipv6Addr::from(self.arr::<16>(what)?))
    }
    /// A `u16`-length-prefixed byte string; `len > max` is rejected.
    fn lstr(&mut self, max: usize, what: &str) -> DecodeResult<&'a [u8]> {
        let n = self.u16(what)? as usize;
        if n > max {
            return Err(format!("{what}: length {n} exceeds the limit of {max}"));
        }
        self.take(n, what)
    }
    fn seek(&mut self, to: usize, what: &str) -> DecodeResult<()> {
        if to > self.b.len() {
            return Err(format!(
                "{what}: entry length reaches body offset {to}, past the {}-byte body",
                self.b.len()
            ));
        }
        self.pos = to;
        Ok(())
    }
}

/// On-disk strings are C strings in libscap's memory: anything after an embedded NUL is lost.
pub(crate) fn c_string(b: &[u8]) -> String {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8_lossy(&b[..end]).into_owned()
}

/// Splits a NUL-separated list (argv, environ); a missing final NUL is tolerated.
pub(crate) fn nul_list(b: &[u8]) -> Vec<String> {
    if b.is_empty() {
        return Vec::new();
    }
    let b = b.strip_suffix(&[0]).unwrap_or(b);
    b.split(|&c| c == 0)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

fn cgroup_list(b: &[u8]) -> Vec<(String, String)> {
    b.split(|&c| c == 0)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let s = String::from_utf8_lossy(s);
            match s.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (s.into_owned(), String::new()),
            }
        })
        .collect()
}

pub(crate) fn section_header(body: &[u8]) -> DecodeResult<(u32, SectionHeader)> {
    let mut c = Cur::new(body);
    let magic = c.u32("byte-order magic")?;
    let major = c.u16("major version")?;
    let minor = c.u16("minor version")?;
    let section_length = c.i64("section length")?;
    Ok((
        magic,
        SectionHeader {
            major,
            minor,
            section_length,
            options: shb_options(&body[16..]),
        },
    ))
}

/// pcapng options are informational: parse what is well formed and ignore the rest.
fn shb_options(mut b: &[u8]) -> Vec<ShbOption> {
    let mut out = Vec::new();
    while b.len() >= 4 {
        let code = u16::from_le_bytes([b[0], b[1]]);
        let len = u16::from_le_bytes([b[2], b[3]]) as usize;
        if code == 0 {
            break;
        }
        let padded = (len + 3) & !3;
        if 4 + len > b.len() {
            break;
        }
        out.push(ShbOption {
            code,
            value: b[4..4 + len].to_vec(),
        });
        b = &b[(4 + padded).min(b.len())..];
    }
    out
}

pub(crate) fn machine_info(body: &[u8]) -> MachineInfo {
    // Always 180 bytes in practice; a shorter block reads as zeros rather than failing.
    let mut raw = [0u8; 180];
    let n = body.len().min(raw.len());
    raw[..n].copy_from_slice(&body[..n]);
    let u64_at = |o: usize| {
        let mut a = [0u8; 8];
        a.copy_from_slice(&raw[o..o + 8]);
        u64::from_le_bytes(a)
    };
    MachineInfo {
        num_cpus: u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]),
        memory_size_bytes: u64_at(4),
        max_pid: u64_at(12),
        hostname: c_string(&raw[20..148]),
        boot_ts_epoch: u64_at(148),
        flags: u64_at(156),
        reserved3: u64_at(164),
        reserved4: u64_at(172),
    }
}

pub(crate) fn proclist(body: &[u8], version: u8) -> DecodeResult<Vec<ProcEntry>> {
    let mut c = Cur::new(body);
    let mut out = Vec::new();
    while c.remaining() >= 4 {
        let n = out.len();
        let e = proc_entry(&mut c, version).map_err(|m| format!("process entry {n}: {m}"))?;
        out.push(e);
    }
    Ok(out)
}

fn proc_entry(c: &mut Cur<'_>, v: u8) -> DecodeResult<ProcEntry> {
    let start = c.pos();
    let entry_len = if v >= 9 {
        c.u32("entry length")? as usize
    } else {
        0
    };
    let mut p = ProcEntry {
        tid: c.u64("tid")?,
        pid: c.u64("pid")?,
        ptid: c.u64("ptid")?,
        ..ProcEntry::default()
    };
    if v >= 6 {
        p.sid = Some(c.i64("sid")?);
    }
    if v >= 8 {
        p.vpgid = Some(c.i64("vpgid")?);
    }
    p.comm = c_string(c.lstr(MAX_PATH, "comm")?);
    p.exe = c_string(c.lstr(MAX_PATH, "exe")?);
    if v >= 7 {
        p.exepath = Some(c_string(c.lstr(MAX_PATH, "exepath")?));
    }
    p.args = nul_list(c.lstr(MAX_ARGS, "args")?);
    p.cwd = c_string(c.lstr(MAX_PATH, "cwd")?);
    p.fdlimit = c.u64("fdlimit")?;
    p.flags = c.u32("flags")?;
    p.uid = c.u32("uid")?;
    p.gid = c.u32("gid")?;
    if v >= 2 {
        p.vmsize_kb = Some(c.u32("vmsize")?);
        p.vmrss_kb = Some(c.u32("vmrss")?);
        p.vmswap_kb = Some(c.u32("vmswap")?);
        p.pfmajor = Some(c.u64("pfmajor")?);
        p.pfminor = Some(c.u64("pfminor")?);
    }
    if v >= 3 {
        p.env = Some(nul_list(c.lstr(MAX_ENV, "env")?));
    }
    if v >= 4 {
        p.vtid = Some(c.i64("vtid")?);
        p.vpid = Some(c.i64("vpid")?);
        p.cgroups = Some(cgroup_list(c.lstr(MAX_CGROUPS, "cgroups")?));
    }
    if v >= 5 {
        p.root = Some(c_string(c.lstr(MAX_PATH, "root")?));
    }
    if entry_len == 0 {
        // Pre-v9 layouts (and a v9 entry claiming length 0) end here.
        return Ok(p);
    }
    let end = start
        .checked_add(entry_len)
        .ok_or_else(|| "entry length overflows".to_string())?;
    let read = c.pos() - start;
    if read > entry_len {
        return Err(format!(
            "read {read} bytes but the entry length is {entry_len}"
        ));
    }
    // libs 0.10 inserted pidns_init_start_ts and tty before loginuid; older writers put
    // loginuid right after root, recognisable by the short tail.
    let room = |c: &Cur<'_>, n: usize| c.pos() - start + n <= entry_len;
    if entry_len - read > PRE_0_10_TAIL {
        if room(c, 8) {
            p.pidns_init_start_ts = Some(c.u64("pidns_init_start_ts")?);
        }
        if room(c, 4) {
            p.tty = Some(c.u32("tty")?);
        }
    }
    if room(c, 4) {
        p.loginuid = Some(c.u32("loginuid")?);
    }
    if room(c, 1) {
        p.exe_writable = Some(c.u8("exe_writable")? != 0);
    }
    if room(c, 8) {
        p.cap_inheritable = Some(c.u64("cap_inheritable")?);
    }
    if room(c, 8) {
        p.cap_permitted = Some(c.u64("cap_permitted")?);
    }
    if room(c, 8) {
        p.cap_effective = Some(c.u64("cap_effective")?);
    }
    if room(c, 1) {
        p.exe_upper_layer = Some(c.u8("exe_upper_layer")? != 0);
    }
    if room(c, 8) {
        p.exe_ino = Some(c.u64("exe_ino")?);
    }
    if room(c, 8) {
        p.exe_ino_ctime = Some(c.u64("exe_ino_ctime")?);
    }
    if room(c, 8) {
        p.exe_ino_mtime = Some(c.u64("exe_ino_mtime")?);
    }
    if room(c, 1) {
        p.exe_from_memfd = Some(c.u8("exe_from_memfd")? != 0);
    }
    if room(c, 1) {
        p.exe_lower_layer = Some(c.u8("exe_lower_layer")? != 0);
    }
    if room(c, 8) {
        p.pgid = Some(c.i64("pgid")?);
    }
    c.seek(end, "process entry")?;
    Ok(p)
}

pub(crate) fn fdlist(body: &[u8], v2: bool) -> DecodeResult<(u64, Vec<FdEntry>)> {
    let mut c = Cur::new(body);
    let tid = c.u64("tid")?;
    let mut out = Vec::new();
    while c.remaining() >= 4 {
        let n = out.len();
        let e = fd_entry(&mut c, v2).map_err(|m| format!("fd entry {n} of tid {tid}: {m}"))?;
        out.push(e);
    }
    Ok((tid, out))
}

fn fd_name(c: &mut Cur<'_>) -> DecodeResult<String> {
    // fd names are rejected at the buffer size itself (`>=`), unlike process strings.
    Ok(c_string(c.lstr(MAX_PATH - 1, "fd name")?))
}

fn fd_entry(c: &mut Cur<'_>, v2: bool) -> DecodeResult<FdEntry> {
    let start = c.pos();
    let entry_len = if v2 {
        c.u32("entry length")? as usize
    } else {
        0
    };
    let fd = c.i64("fd")?;
    let ino = c.u64("ino")?;
    let type_code = c.u8("fd type")?;
    let info = match FdType::from_u8(type_code) {
        Some(FdType::Ipv4Sock) => FdInfo::Ipv4Socket {
            sip: c.ipv4("sip")?,
            dip: c.ipv4("dip")?,
            sport: c.u16("sport")?,
            dport: c.u16("dport")?,
            l4proto: c.u8("l4proto")?,
        },
        Some(FdType::Ipv6Sock) => FdInfo::Ipv6Socket {
            sip: c.ipv6("sip")?,
            dip: c.ipv6("dip")?,
            sport: c.u16("sport")?,
            dport: c.u16("dport")?,
            l4proto: c.u8("l4proto")?,
        },
        Some(FdType::Ipv4ServSock) => FdInfo::Ipv4Server {
            ip: c.ipv4("ip")?,
            port: c.u16("port")?,
            l4proto: c.u8("l4proto")?,
        },
        Some(FdType::Ipv6ServSock) => FdInfo::Ipv6Server {
            ip: c.ipv6("ip")?,
            port: c.u16("port")?,
            l4proto: c.u8("l4proto")?,
        },
        Some(FdType::UnixSock) => FdInfo::Unix {
            source: c.u64("source")?,
            dest: c.u64("dest")?,
            path: fd_name(c)?,
        },
        Some(FdType::FileV2) => {
            let open_flags = c.u32("open flags")?;
            let name = fd_name(c)?;
            // dev was appended later: present only if the entry length leaves room for it.
            let dev = if entry_len != 0 && c.pos() - start + 4 <= entry_len {
                Some(c.u32("dev")?)
            } else {
                None
            };
            FdInfo::File {
                open_flags,
                name,
                dev,
            }
        }
        Some(k) if k.is_named() => FdInfo::Named {
            kind: k,
            name: fd_name(c)?,
        },
        _ => {
            if !v2 {
                return Err(format!(
                    "unknown fd type {type_code}: a v1 fd list has no entry length to skip it"
                ));
            }
            FdInfo::Unknown { type_code }
        }
    };
    if entry_len != 0 {
        let read = c.pos() - start;
        if read > entry_len {
            return Err(format!(
                "read {read} bytes but the entry length is {entry_len}"
            ));
        }
        c.seek(start + entry_len, "fd entry")?;
    }
    Ok(FdEntry { fd, ino, info })
}

const IF_IPV4: u16 = 1;
const IF_IPV6: u16 = 2;
const IF_IPV4_NOLINKSPEED: u16 = 3;
const IF_IPV6_NOLINKSPEED: u16 = 4;

pub(crate) fn iflist(body: &[u8], v2: bool) -> DecodeResult<Interfaces> {
    let mut c = Cur::new(body);
    let mut out = Interfaces::default();
    while c.remaining() >= 4 {
        let n = out.v4.len() + out.v6.len();
        if_entry(&mut c, v2, &mut out).map_err(|m| format!("interface entry {n}: {m}"))?;
    }
    Ok(out)
}

fn if_entry(c: &mut Cur<'_>, v2: bool, out: &mut Interfaces) -> DecodeResult<()> {
    // In IL v2 the entry length excludes its own 4 bytes.
    let entry_len = if v2 {
        c.u32("entry length")? as usize
    } else {
        0
    };
    let start = c.pos();
    if entry_len > c.remaining() {
        return Err(format!(
            "entry length {entry_len} exceeds the {} bytes left",
            c.remaining()
        ));
    }
    let iftype = c.u16("interface type")?;
    let namelen = c.u16("name length")? as usize;
    if namelen >= MAX_PATH {
        return Err(format!(
            "name length {namelen} exceeds the limit of {}",
            MAX_PATH - 1
        ));
    }
    match iftype {
        IF_IPV4 | IF_IPV4_NOLINKSPEED => {
            let addr = c.ipv4("addr")?;
            let netmask = c.ipv4("netmask")?;
            let bcast = c.ipv4("bcast")?;
            let linkspeed = if iftype == IF_IPV4 {
                Some(c.u64("linkspeed")?)
            } else {
                None
            };
            let name = c_string(c.take(namelen, "name")?);
            out.v4.push(Ipv4Interface {
                name,
                addr,
                netmask,
                bcast,
                linkspeed,
            });
        }
        IF_IPV6 | IF_IPV6_NOLINKSPEED => {
            let addr = c.ipv6("addr")?;
            let netmask = c.ipv6("netmask")?;
            let bcast = c.ipv6("bcast")?;
            let linkspeed = if iftype == IF_IPV6 {
                Some(c.u64("linkspeed")?)
            } else {
                None
            };
            let name = c_string(c.take(namelen, "name")?);
            out.v6.push(Ipv6Interface {
                name,
                addr,
                netmask,
                bcast,
                linkspeed,
            });
        }
        t => return Err(format!("unknown interface type {t}")),
    }
    if entry_len != 0 {
        let read = c.pos() - start;
        if read > entry_len {
            return Err(format!(
                "read {read} bytes but the entry length is {entry_len}"
            ));
        }
        c.seek(start + entry_len, "interface entry")?;
    }
    Ok(())
}

pub(crate) fn userlist(body: &[u8], v2: bool) -> DecodeResult<(Vec<UserEntry>, Vec<GroupEntry>)> {
    let mut c = Cur::new(body);
    let (mut users, mut groups) = (Vec::new(), Vec::new());
    while c.remaining() >= 4 {
        let n = users.len() + groups.len();
        user_entry(&mut c, v2, &mut users, &mut groups)
            .map_err(|m| format!("user/group entry {n}: {m}"))?;
    }
    Ok((users, groups))
}

fn cred(c: &mut Cur<'_>, what: &str) -> DecodeResult<String> {
    Ok(c_string(c.lstr(MAX_CREDENTIALS - 1, what)?))
}

fn user_entry(
    c: &mut Cur<'_>,
    v2: bool,
    users: &mut Vec<UserEntry>,
    groups: &mut Vec<GroupEntry>,
) -> DecodeResult<()> {
    let start = c.pos();
    let entry_len = if v2 {
        c.u32("entry length")? as usize
    } else {
        0
    };
    // libscap treats any non-zero kind as a group.
    if c.u8("entry kind")? == 0 {
        users.push(UserEntry {
            uid: c.u32("uid")?,
            gid: c.u32("gid")?,
            name: cred(c, "user name")?,
            homedir: cred(c, "home directory")?,
            shell: cred(c, "shell")?,
        });
    } else {
        groups.push(GroupEntry {
            gid: c.u32("gid")?,
            name: cred(c, "group name")?,
        });
    }
    if entry_len != 0 {
        let read = c.pos() - start;
        if read > entry_len {
            return Err(format!(
                "read {read} bytes but the entry length is {entry_len}"
            ));
        }
        c.seek(start + entry_len, "user entry")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_separated_lists() {
        assert_eq!(nul_list(b""), Vec::<String>::new());
        assert_eq!(nul_list(b"\0"), vec![""]);
        assert_eq!(nul_list(b"a\0b\0"), vec!["a", "b"]);
        assert_eq!(nul_list(b"a\0b"), vec!["a", "b"]);
        assert_eq!(nul_list(b"a\0\0b\0"), vec!["a", "", "b"]);
    }

    #[test]
    fn c_strings_stop_at_nul() {
        assert_eq!(c_string(b"abc"), "abc");
        assert_eq!(c_string(b"ab\0junk"), "ab");
        assert_eq!(c_string(&[0xff, b'a']), "\u{fffd}a");
    }

    #[test]
    fn cgroups_split_on_first_equals() {
        assert_eq!(
            cgroup_list(b"cpu=/a=b\0\0memory=/\0odd\0"),
            vec![
                ("cpu".to_string(), "/a=b".to_string()),
                ("memory".to_string(), "/".to_string()),
                ("odd".to_string(), String::new())
            ]
        );
    }

    #[test]
    fn malformed_shb_options_are_ignored() {
        // Option claiming more bytes than present: dropped, no panic.
        assert!(shb_options(&[1, 0, 200, 0, b'x']).is_empty());
        // Two options without the end marker, odd length padded.
        let o = shb_options(&[1, 0, 1, 0, b'a', 0, 0, 0, 2, 0, 0, 0]);
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].value, b"a");
        assert!(o[1].value.is_empty());
    }

    #[test]
    fn cursor_reports_what_is_missing() {
        let mut c = Cur::new(&[1, 2, 3]);
        assert_eq!(c.u16("x").unwrap(), 0x0201);
        let e = c.u32("tid").unwrap_err();
        assert_eq!(e, "tid: needs 4 bytes at body offset 2, only 1 left");
    }

    #[test]
    fn short_machine_info_reads_as_zeros() {
        let mi = machine_info(&[4, 0, 0, 0]);
        assert_eq!(mi.num_cpus, 4);
        assert_eq!(mi.hostname, "");
    }
}
