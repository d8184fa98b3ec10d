//! Serialisation of metadata blocks in their newest layouts (MI, IL_V2, UL_V2, PL_V9, FDL_V2).
//! Absent (`None`) fields are written with the values libscap itself assumes when a field is
//! missing, so a reader sees the same state either way.

use crate::blocks;
use crate::decode::{MAX_ARGS, MAX_CGROUPS, MAX_CREDENTIALS, MAX_ENV, MAX_PATH};
use crate::error::WriteError;
use crate::types::*;

pub(crate) const DEFAULT_SID: i64 = -1;
pub(crate) const DEFAULT_VPGID: i64 = -1;
pub(crate) const DEFAULT_VTID: i64 = -1;
pub(crate) const DEFAULT_VPID: i64 = -1;
pub(crate) const DEFAULT_PGID: i64 = -1;
pub(crate) const DEFAULT_LOGINUID: u32 = u32::MAX;

/// Appends a complete block (header, payload from `body`, padding, trailer) to `out`.
pub(crate) fn block(
    out: &mut Vec<u8>,
    block_type: u32,
    body: impl FnOnce(&mut Vec<u8>) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let start = out.len();
    out.extend_from_slice(&block_type.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    body(out)?;
    while (out.len() - start) & 3 != 0 {
        out.push(0);
    }
    let total = out.len() - start + 4;
    let total32 = u32::try_from(total).map_err(|_| WriteError::BlockTooLarge { len: total })?;
    out[start + 4..start + 8].copy_from_slice(&total32.to_le_bytes());
    out.extend_from_slice(&total32.to_le_bytes());
    Ok(())
}

fn check_len(what: &'static str, len: usize, max: usize) -> Result<(), WriteError> {
    if len > max {
        return Err(WriteError::TooLong { what, len, max });
    }
    Ok(())
}

/// `u16` length + bytes (no NUL), the metadata string encoding.
fn lstr(out: &mut Vec<u8>, what: &'static str, b: &[u8], max: usize) -> Result<(), WriteError> {
    check_len(what, b.len(), max)?;
    out.extend_from_slice(&(b.len() as u16).to_le_bytes());
    out.extend_from_slice(b);
    Ok(())
}

fn nul_joined<'a>(items: impl Iterator<Item = (&'a str, Option<&'a str>)>) -> Vec<u8> {
    let mut v = Vec::new();
    for (a, b) in items {
        v.extend_from_slice(a.as_bytes());
        if let Some(b) = b {
            v.push(b'=');
            v.extend_from_slice(b.as_bytes());
        }
        v.push(0);
    }
    v
}

/// Patches the `u32` entry length written as a placeholder at `at`.
fn patch_len(out: &mut [u8], at: usize, len: usize) {
    out[at..at + 4].copy_from_slice(&(len as u32).to_le_bytes());
}

pub(crate) fn section_header(out: &mut Vec<u8>) -> Result<(), WriteError> {
    block(out, blocks::SHB, |o| {
        o.extend_from_slice(&blocks::SHB_MAGIC.to_le_bytes());
        o.extend_from_slice(&1u16.to_le_bytes());
        o.extend_from_slice(&2u16.to_le_bytes());
        o.extend_from_slice(&(-1i64).to_le_bytes());
        Ok(())
    })
}

pub(crate) fn machine_info(out: &mut Vec<u8>, mi: &MachineInfo) -> Result<(), WriteError> {
    check_len("hostname", mi.hostname.len(), 127)?;
    block(out, blocks::MI, |o| {
        o.extend_from_slice(&mi.num_cpus.to_le_bytes());
        o.extend_from_slice(&mi.memory_size_bytes.to_le_bytes());
        o.extend_from_slice(&mi.max_pid.to_le_bytes());
        let mut host = [0u8; 128];
        host[..mi.hostname.len()].copy_from_slice(mi.hostname.as_bytes());
        o.extend_from_slice(&host);
        for v in [mi.boot_ts_epoch, mi.flags, mi.reserved3, mi.reserved4] {
            o.extend_from_slice(&v.to_le_bytes());
        }
        Ok(())
    })
}

pub(crate) fn interfaces(out: &mut Vec<u8>, il: &Interfaces) -> Result<(), WriteError> {
    block(out, blocks::IL_V2, |o| {
        for i in &il.v4 {
            check_len("interface name", i.name.len(), MAX_PATH - 1)?;
            let at = o.len();
            o.extend_from_slice(&[0; 4]);
            let t: u16 = if i.linkspeed.is_some() { 1 } else { 3 };
            o.extend_from_slice(&t.to_le_bytes());
            o.extend_from_slice(&(i.name.len() as u16).to_le_bytes());
            o.extend_from_slice(&i.addr.octets());
            o.extend_from_slice(&i.netmask.octets());
            o.extend_from_slice(&i.bcast.octets());
            if let Some(ls) = i.linkspeed {
                o.extend_from_slice(&ls.to_le_bytes());
            }
            o.extend_from_slice(i.name.as_bytes());
            // IL v2 entry lengths exclude the length field itself.
            let n = o.len() - at - 4;
            patch_len(o, at, n);
        }
        for i in &il.v6 {
            check_len("interface name", i.name.len(), MAX_PATH - 1)?;
            let at = o.len();
            o.extend_from_slice(&[0; 4]);
            let t: u16 = if i.linkspeed.is_some() { 2 } else { 4 };
            o.extend_from_slice(&t.to_le_bytes());
            o.extend_from_slice(&(i.name.len() as u16).to_le_bytes());
            o.extend_from_slice(&i.addr.octets());
            o.extend_from_slice(&i.netmask.octets());
            o.extend_from_slice(&i.bcast.octets());
            if let Some(ls) = i.linkspeed {
                o.extend_from_slice(&ls.to_le_bytes());
            }
            o.extend_from_slice(i.name.as_bytes());
            let n = o.len() - at - 4;
            patch_len(o, at, n);
        }
        Ok(())
    })
}

pub(crate) fn users(
    out: &mut Vec<u8>,
    users: &[UserEntry],
    groups: &[GroupEntry],
) -> Result<(), WriteError> {
    let max = MAX_CREDENTIALS - 1;
    block(out, blocks::UL_V2, |o| {
        for u in users {
            let at = o.len();
            o.extend_from_slice(&[0; 4]);
            o.push(0);
            o.extend_from_slice(&u.uid.to_le_bytes());
            o.extend_from_slice(&u.gid.to_le_bytes());
            lstr(o, "user name", u.name.as_bytes(), max)?;
            lstr(o, "home directory", u.homedir.as_bytes(), max)?;
            lstr(o, "shell", u.shell.as_bytes(), max)?;
            let n = o.len() - at;
            patch_len(o, at, n);
        }
        for g in groups {
            let at = o.len();
            o.extend_from_slice(&[0; 4]);
            o.push(1);
            o.extend_from_slice(&g.gid.to_le_bytes());
            lstr(o, "group name", g.name.as_bytes(), max)?;
            let n = o.len() - at;
            patch_len(o, at, n);
        }
        Ok(())
    })
}

pub(crate) fn proclist(out: &mut Vec<u8>, procs: &[ProcEntry]) -> Result<(), WriteError> {
    block(out, blocks::PL_V9, |o| {
        for p in procs {
            proc_entry(o, p)?;
        }
        Ok(())
    })
}

fn proc_entry(o: &mut Vec<u8>, p: &ProcEntry) -> Result<(), WriteError> {
    let at = o.len();
    o.extend_from_slice(&[0; 4]);
    for v in [p.tid, p.pid, p.ptid] {
        o.extend_from_slice(&v.to_le_bytes());
    }
    o.extend_from_slice(&p.sid.unwrap_or(DEFAULT_SID).to_le_bytes());
    o.extend_from_slice(&p.vpgid.unwrap_or(DEFAULT_VPGID).to_le_bytes());
    lstr(o, "comm", p.comm.as_bytes(), MAX_PATH)?;
    lstr(o, "exe", p.exe.as_bytes(), MAX_PATH)?;
    lstr(
        o,
        "exepath",
        p.exepath.as_deref().unwrap_or("").as_bytes(),
        MAX_PATH,
    )?;
    let args = nul_joined(p.args.iter().map(|a| (a.as_str(), None)));
    lstr(o, "args", &args, MAX_ARGS)?;
    lstr(o, "cwd", p.cwd.as_bytes(), MAX_PATH)?;
    o.extend_from_slice(&p.fdlimit.to_le_bytes());
    for v in [p.flags, p.uid, p.gid] {
        o.extend_from_slice(&v.to_le_bytes());
    }
    for v in [p.vmsize_kb, p.vmrss_kb, p.vmswap_kb] {
        o.extend_from_slice(&v.unwrap_or(0).to_le_bytes());
    }
    o.extend_from_slice(&p.pfmajor.unwrap_or(0).to_le_bytes());
    o.extend_from_slice(&p.pfminor.unwrap_or(0).to_le_bytes());
    let env = nul_joined(p.env.iter().flatten().map(|a| (a.as_str(), None)));
    lstr(o, "env", &env, MAX_ENV)?;
    o.extend_from_slice(&p.vtid.unwrap_or(DEFAULT_VTID).to_le_bytes());
    o.extend_from_slice(&p.vpid.unwrap_or(DEFAULT_VPID).to_le_bytes());
    let cg = nul_joined(
        p.cgroups
            .iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), Some(v.as_str()))),
    );
    lstr(o, "cgroups", &cg, MAX_CGROUPS)?;
    lstr(
        o,
        "root",
        p.root.as_deref().unwrap_or("").as_bytes(),
        MAX_PATH,
    )?;
    // Optional v9 tail, in file order: (value if present, default). Interior absent fields
    // are written as libscap's defaults; trailing absent ones are left out.
    let b = |v: Option<bool>| v.map(|x| vec![x as u8]);
    let le8 = |v: Option<u64>| v.map(|x| x.to_le_bytes().to_vec());
    let le4 = |v: Option<u32>| v.map(|x| x.to_le_bytes().to_vec());
    let mut tail: Vec<(Option<Vec<u8>>, Vec<u8>)> = Vec::with_capacity(16);
    let modern = has_post_0_10_fields(p);
    if modern {
        tail.push((le8(p.pidns_init_start_ts), vec![0; 8]));
        tail.push((le4(p.tty), vec![0; 4]));
    }
    tail.push((le4(p.loginuid), DEFAULT_LOGINUID.to_le_bytes().to_vec()));
    tail.push((b(p.exe_writable), vec![0]));
    for v in [p.cap_inheritable, p.cap_permitted, p.cap_effective] {
        tail.push((le8(v), vec![0; 8]));
    }
    if modern {
        tail.push((b(p.exe_upper_layer), vec![0]));
        for v in [p.exe_ino, p.exe_ino_ctime, p.exe_ino_mtime] {
            tail.push((le8(v), vec![0; 8]));
        }
        tail.push((b(p.exe_from_memfd), vec![0]));
        tail.push((b(p.exe_lower_layer), vec![0]));
        tail.push((
            p.pgid.map(|x| x.to_le_bytes().to_vec()),
            DEFAULT_PGID.to_le_bytes().to_vec(),
        ));
    }
    let mut count = tail
        .iter()
        .rposition(|(v, _)| v.is_some())
        .map_or(0, |i| i + 1);
    if modern {
        // Readers take a tail of <= 29 bytes for the pre-0.10 layout (loginuid right after
        // root); always reach past cap_effective (41 bytes) so the newer layout is recognised.
        count = count.max(7);
    }
    for (v, d) in tail.iter().take(count) {
        o.extend_from_slice(v.as_deref().unwrap_or(d));
    }
    let n = o.len() - at;
    patch_len(o, at, n);
    Ok(())
}

/// Fields that only libs >= 0.10 writers produce. Without them the entry is written in the
/// older layout, which old readers (e.g. sysdig 0.29) decode correctly too and which loses
/// nothing; the newer layout is misread by them (loginuid taken from pidns_init_start_ts).
fn has_post_0_10_fields(p: &ProcEntry) -> bool {
    p.pidns_init_start_ts.is_some()
        || p.tty.is_some()
        || p.exe_upper_layer.is_some()
        || p.exe_ino.is_some()
        || p.exe_ino_ctime.is_some()
        || p.exe_ino_mtime.is_some()
        || p.exe_from_memfd.is_some()
        || p.exe_lower_layer.is_some()
        || p.pgid.is_some()
}

pub(crate) fn fdlist(out: &mut Vec<u8>, tid: u64, fds: &[FdEntry]) -> Result<(), WriteError> {
    block(out, blocks::FDL_V2, |o| {
        o.extend_from_slice(&tid.to_le_bytes());
        for f in fds {
            fd_entry(o, f)?;
        }
        Ok(())
    })
}

fn fd_entry(o: &mut Vec<u8>, f: &FdEntry) -> Result<(), WriteError> {
    // Entries of unknown type carry no data we could reproduce; libscap drops them too.
    let Some(kind) = f.fd_type() else {
        return Ok(());
    };
    let name_max = MAX_PATH - 1;
    let at = o.len();
    o.extend_from_slice(&[0; 4]);
    o.extend_from_slice(&f.fd.to_le_bytes());
    o.extend_from_slice(&f.ino.to_le_bytes());
    o.push(kind as u8);
    match &f.info {
        FdInfo::Ipv4Socket {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => {
            o.extend_from_slice(&sip.octets());
            o.extend_from_slice(&dip.octets());
            o.extend_from_slice(&sport.to_le_bytes());
            o.extend_from_slice(&dport.to_le_bytes());
            o.push(*l4proto);
        }
        FdInfo::Ipv6Socket {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => {
            o.extend_from_slice(&sip.octets());
            o.extend_from_slice(&dip.octets());
            o.extend_from_slice(&sport.to_le_bytes());
            o.extend_from_slice(&dport.to_le_bytes());
            o.push(*l4proto);
        }
        FdInfo::Ipv4Server { ip, port, l4proto } => {
            o.extend_from_slice(&ip.octets());
            o.extend_from_slice(&port.to_le_bytes());
            o.push(*l4proto);
        }
        FdInfo::Ipv6Server { ip, port, l4proto } => {
            o.extend_from_slice(&ip.octets());
            o.extend_from_slice(&port.to_le_bytes());
            o.push(*l4proto);
        }
        FdInfo::Unix { source, dest, path } => {
            o.extend_from_slice(&source.to_le_bytes());
            o.extend_from_slice(&dest.to_le_bytes());
            lstr(o, "unix socket path", path.as_bytes(), name_max)?;
        }
        FdInfo::File {
            open_flags,
            name,
            dev,
        } => {
            o.extend_from_slice(&open_flags.to_le_bytes());
            lstr(o, "file name", name.as_bytes(), name_max)?;
            if let Some(dev) = dev {
                o.extend_from_slice(&dev.to_le_bytes());
            }
        }
        FdInfo::Named { name, .. } => lstr(o, "fd name", name.as_bytes(), name_max)?,
        FdInfo::Unknown { .. } => {}
    }
    let n = o.len() - at;
    patch_len(o, at, n);
    Ok(())
}
