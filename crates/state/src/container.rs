//! Containers: the id a thread's cgroups imply, and the metadata that captures carry in
//! `container` events.
//!
//! Id detection follows libsinsp's engines in their order: podman (`libpod-<id>.scope`),
//! docker (`/<id>` or `docker-<id>.scope`), CRI (containerd/CRI-O layouts), LXC
//! (`/lxc/<name>`, `/lxc.payload/<name>`) and libvirt-LXC. The runc-style engines want a
//! 64-hex-digit id and report its first 12 characters. Mesos, rkt and bpm detection is not
//! implemented.

use std::collections::HashMap;

/// `container.id` of a process that is not in a container.
pub const HOST: &str = "host";

/// Which engine recognised a container (`container.type` codes as upstream numbers them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerType {
    Docker = 0,
    Lxc = 1,
    LibvirtLxc = 2,
    Mesos = 3,
    Rkt = 4,
    Custom = 5,
    Cri = 6,
    Containerd = 7,
    Crio = 8,
    Bpm = 9,
    Static = 10,
    Podman = 11,
}

impl ContainerType {
    pub fn from_code(v: u64) -> Option<ContainerType> {
        use ContainerType::*;
        Some(match v {
            0 => Docker,
            1 => Lxc,
            2 => LibvirtLxc,
            3 => Mesos,
            4 => Rkt,
            5 => Custom,
            6 => Cri,
            7 => Containerd,
            8 => Crio,
            9 => Bpm,
            10 => Static,
            11 => Podman,
            _ => return None,
        })
    }
}

/// Container metadata (from `container` events; otherwise only id and type are known).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContainerInfo {
    pub id: String,
    pub full_id: String,
    pub ctype: Option<ContainerType>,
    pub name: String,
    pub image: String,
    pub imageid: String,
    pub imagerepo: String,
    pub imagetag: String,
    pub imagedigest: String,
    pub privileged: bool,
    pub is_pod_sandbox: bool,
    /// Container IPv4 address in the byte convention of [`crate::ifaces::Ipv4If::addr`]
    /// (0 if unknown).
    pub ip: u32,
    pub labels: HashMap<String, String>,
    pub env: Vec<String>,
    pub mounts: Vec<Mount>,
    pub created_time: i64,
    /// Upstream lookup state: 0 started, 1 successful, 2 failed.
    pub lookup_state: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mount {
    pub source: String,
    pub dest: String,
    pub mode: String,
    pub rdwr: bool,
    pub propagation: String,
}

impl ContainerInfo {
    /// Parses the JSON of a `container` event (`{"container": {...}}`); `None` if it is not
    /// such an object.
    pub fn from_json(json: &str) -> Option<ContainerInfo> {
        let root: serde_json::Value = serde_json::from_str(json.trim_end_matches('\0')).ok()?;
        let c = root.get("container")?;
        let s = |k: &str| {
            c.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let b = |k: &str| c.get(k).and_then(|v| v.as_bool()).unwrap_or(false);
        let ip = c
            .get("ip")
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse::<std::net::Ipv4Addr>().ok())
            .map(|a| crate::ifaces::v4_u32(a.octets()))
            .unwrap_or(0);
        let labels = c
            .get("labels")
            .and_then(|v| v.as_object())
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let env = c
            .get("env")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mounts = c
            .get("Mounts")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .map(|m| Mount {
                        source: m
                            .get("Source")
                            .and_then(|v| v.as_str())
                            .unwrap_or("")
                            .into(),
                        dest: m
                            .get("Destination")
                            .and_then(|v| v.as_str())
                            .unwrap_or("")
                            .into(),
                        mode: m.get("Mode").and_then(|v| v.as_str()).unwrap_or("").into(),
                        rdwr: m.get("RW").and_then(|v| v.as_bool()).unwrap_or(false),
                        propagation: m
                            .get("Propagation")
                            .and_then(|v| v.as_str())
                            .unwrap_or("")
                            .into(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(ContainerInfo {
            id: s("id"),
            full_id: s("full_id"),
            ctype: c
                .get("type")
                .and_then(|v| v.as_u64())
                .and_then(ContainerType::from_code),
            name: s("name"),
            image: s("image"),
            imageid: s("imageid"),
            imagerepo: s("imagerepo"),
            imagetag: s("imagetag"),
            imagedigest: s("imagedigest"),
            privileged: b("privileged"),
            is_pod_sandbox: b("is_pod_sandbox"),
            ip,
            labels,
            env,
            mounts,
            created_time: c.get("created_time").and_then(|v| v.as_i64()).unwrap_or(0),
            lookup_state: c.get("lookup_state").and_then(|v| v.as_u64()).unwrap_or(1) as u32,
        })
    }
}

/// The container id and engine that a thread's cgroups imply, or `None` for the host.
pub fn detect<'a>(
    cgroups: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<(String, ContainerType)> {
    const PODMAN: &[(&str, &str)] = &[("/libpod-", ".scope")];
    const DOCKER: &[(&str, &str)] = &[("/", ""), ("/docker-", ".scope")];
    const CRI: &[(&str, &str)] = &[
        ("/", ""),
        ("/crio-", ""),
        ("/cri-containerd-", ".scope"),
        ("/crio-", ".scope"),
        (":cri-containerd:", ""),
    ];
    let runc = |layout: &[(&str, &str)]| {
        cgroups.clone().into_iter().find_map(|cg| {
            layout
                .iter()
                .find_map(|(prefix, suffix)| match_runc_id(cg, prefix, suffix))
        })
    };
    if let Some(id) = runc(PODMAN) {
        return Some((id, ContainerType::Podman));
    }
    if let Some(id) = runc(DOCKER) {
        return Some((id, ContainerType::Docker));
    }
    if let Some(id) = runc(CRI) {
        return Some((id, ContainerType::Cri));
    }
    if let Some(id) = cgroups.clone().into_iter().find_map(lxc_id) {
        return Some((id, ContainerType::Lxc));
    }
    if let Some(id) = cgroups.into_iter().find_map(libvirt_lxc_id) {
        return Some((id, ContainerType::LibvirtLxc));
    }
    None
}

/// `container.id` for (subsystem, path) cgroup pairs: the detected id, or `host`.
pub(crate) fn id_of_cgroups(cgroups: &[(String, String)]) -> String {
    container_id_from_cgroups(cgroups.iter().map(|(_, p)| p.as_str()))
        .unwrap_or_else(|| HOST.to_string())
}

/// The 12-character container id found in any cgroup path, or `None` for the host.
pub fn container_id_from_cgroups<'a>(
    paths: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<String> {
    detect(paths).map(|(id, _)| id)
}

/// upstream `match_one_container_id`: the cgroup ends with `<prefix><64 hex><suffix>`.
fn match_runc_id(cgroup: &str, prefix: &str, suffix: &str) -> Option<String> {
    const ID_LEN: usize = 64;
    const REPORTED: usize = 12;
    let start = rfind(cgroup, prefix)? + prefix.len();
    let end = if suffix.is_empty() {
        cgroup.len()
    } else {
        rfind(cgroup, suffix)?
    };
    if end < start || end - start != ID_LEN {
        return None;
    }
    // Upstream compares the absolute position of the first non-hex character (searched from
    // the id's start) with the id length, so only invalid characters before offset 64 of the
    // whole path reject the match.
    let first_bad = cgroup.as_bytes()[start..]
        .iter()
        .position(|b| !b.is_ascii_hexdigit());
    if let Some(rel) = first_bad {
        if start + rel < ID_LEN {
            return None;
        }
    }
    cgroup.get(start..start + REPORTED).map(str::to_string)
}

/// `h.find(n)` by plain byte comparison: cgroup paths are short, and the std searcher's
/// set-up, paid for each of the dozens of (path, layout) pairs tried, cost more than the scan.
/// The needles are ASCII, so the offsets are character boundaries.
fn find(h: &str, n: &str) -> Option<usize> {
    if n.is_empty() {
        return Some(0);
    }
    h.as_bytes()
        .windows(n.len())
        .position(|w| w == n.as_bytes())
}

/// `h.rfind(n)`, as [`find`].
fn rfind(h: &str, n: &str) -> Option<usize> {
    if n.is_empty() {
        return Some(h.len());
    }
    h.as_bytes()
        .windows(n.len())
        .rposition(|w| w == n.as_bytes())
}

fn lxc_id(cgroup: &str) -> Option<String> {
    for marker in ["/lxc/", "/lxc.payload/"] {
        if let Some(pos) = find(cgroup, marker) {
            let rest = &cgroup[pos + marker.len()..];
            let end = rest.find('/').unwrap_or(rest.len());
            return Some(rest[..end].to_string());
        }
    }
    None
}

fn libvirt_lxc_id(cgroup: &str) -> Option<String> {
    const SUFFIX: &str = ".libvirt-lxc";
    if let Some(pos) = find(cgroup, SUFFIX) {
        if pos + SUFFIX.len() == cgroup.len() {
            if let Some(slash) = cgroup.rfind('/') {
                if slash < pos {
                    return Some(cgroup[slash + 1..pos].to_string());
                }
            }
        }
    }
    const MARK: &str = "-lxc\\x2";
    if let Some(pos) = find(cgroup, MARK) {
        if let Some(scope) = find(cgroup, ".scope") {
            let from = pos + MARK.len() + 1;
            if scope + ".scope".len() == cgroup.len() && from <= scope {
                return Some(cgroup[from..scope].to_string());
            }
        }
    }
    const LV: &str = "/libvirt/lxc/";
    find(cgroup, LV).map(|pos| cgroup[pos + LV.len()..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e";

    #[test]
    fn byte_searches_agree_with_std() {
        let hays = [
            "",
            "/",
            "/docker/",
            "a/lxc/b/lxc/c",
            "/é/docker-x.scope",
            "ab",
            "/lxc/",
        ];
        let needles = ["", "/", "/lxc/", ".scope", "/docker-", "abc", "b"];
        for h in hays {
            for n in needles {
                assert_eq!(find(h, n), h.find(n), "find({h:?}, {n:?})");
                assert_eq!(rfind(h, n), h.rfind(n), "rfind({h:?}, {n:?})");
            }
        }
    }

    #[test]
    fn recognises_runtimes() {
        for (p, t) in [
            (format!("/docker/{ID}"), ContainerType::Docker),
            (
                format!("/system.slice/docker-{ID}.scope"),
                ContainerType::Docker,
            ),
            (
                format!("/kubepods/besteffort/pod1/{ID}"),
                ContainerType::Docker,
            ),
            (
                format!("/kubepods.slice/kubepods-pod1.slice/cri-containerd-{ID}.scope"),
                ContainerType::Cri,
            ),
            (
                format!("/machine.slice/libpod-{ID}.scope"),
                ContainerType::Podman,
            ),
            (
                format!("/kubepods.slice/crio-{ID}.scope"),
                ContainerType::Cri,
            ),
        ] {
            assert_eq!(
                detect([p.as_str()]),
                Some(("3ad7b26ded6d".to_string(), t)),
                "{p}"
            );
        }
        assert_eq!(
            container_id_from_cgroups(["/user.slice/user-1000.slice", "/"]),
            None
        );
        assert_eq!(
            detect(["/lxc/web1/init.scope"]),
            Some(("web1".into(), ContainerType::Lxc))
        );
    }

    #[test]
    fn parses_container_json() {
        let j = r#"{"container":{"id":"3ad7b26ded6d","type":0,"name":"web","image":"nginx:1",
            "ip":"172.17.0.2","privileged":true,"labels":{"a":"b"}}}"#;
        let c = ContainerInfo::from_json(j).unwrap();
        assert_eq!(c.id, "3ad7b26ded6d");
        assert_eq!(c.name, "web");
        assert_eq!(c.image, "nginx:1");
        assert!(c.privileged);
        assert_eq!(c.ip, crate::ifaces::v4_u32([172, 17, 0, 2]));
        assert_eq!(c.labels.get("a").map(String::as_str), Some("b"));
    }
}
