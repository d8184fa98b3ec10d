//! Metadata events: container descriptions and user/group announcements.

use peregrine_event::ppme::*;
use peregrine_event::Event;

use super::params::{self as p, u32_};
use crate::container::{ContainerInfo, ContainerType, HOST};
use crate::inspector::Inspector;
use crate::users::{Group, User};

/// The original container event: id, type, name, image.
pub(super) fn container_old(insp: &mut Inspector, ev: &Event<'_>) {
    let id = p::string(ev, 0);
    if id.is_empty() {
        return;
    }
    let info = ContainerInfo {
        id: id.clone(),
        ctype: u32_(ev, 1).and_then(|t| ContainerType::from_code(t as u64)),
        name: p::string(ev, 2),
        image: p::string(ev, 3),
        lookup_state: 1,
        ..ContainerInfo::default()
    };
    insp.containers.insert(id, info);
}

/// A container described as JSON (what sysdig/Falco write at the start of a capture and
/// whenever a new container appears).
pub(super) fn container_json(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(raw) = p::raw(ev, 0) else {
        return;
    };
    let json = String::from_utf8_lossy(raw);
    match ContainerInfo::from_json(&json) {
        Some(info) if !info.id.is_empty() => {
            if insp.config.compat == crate::Compat::Sysdig {
                insp.cur.container_thread = Some(Box::new(container_thread(&info.id)));
            }
            insp.containers.insert(info.id.clone(), info);
        }
        _ => insp.stats.malformed += 1,
    }
}

fn container_key(ev: &Event<'_>, idx: usize) -> String {
    p::string(ev, idx)
}

pub(super) fn user_event(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(uid) = u32_(ev, 0) else {
        insp.stats.malformed += 1;
        return;
    };
    let container = container_key(ev, 5);
    let map = if container.is_empty() || container == HOST {
        &mut insp.users
    } else {
        insp.container_users.entry(container).or_default()
    };
    if ev.etype == USER_ADDED_E {
        let user = User {
            uid,
            gid: u32_(ev, 1).unwrap_or(0),
            name: p::string(ev, 2),
            homedir: p::string(ev, 3),
            shell: p::string(ev, 4),
        };
        map.insert(uid, user);
    } else {
        map.remove(&uid);
    }
}

pub(super) fn group_event(insp: &mut Inspector, ev: &Event<'_>) {
    let Some(gid) = u32_(ev, 0) else {
        insp.stats.malformed += 1;
        return;
    };
    let container = container_key(ev, 2);
    let map = if container.is_empty() || container == HOST {
        &mut insp.groups
    } else {
        insp.container_groups.entry(container).or_default()
    };
    if ev.etype == GROUP_ADDED_E {
        map.insert(
            gid,
            Group {
                gid,
                name: p::string(ev, 1),
            },
        );
    } else {
        map.remove(&gid);
    }
}

/// The stand-in thread sysdig 0.29.3 shows for a container event.
fn container_thread(id: &str) -> crate::Thread {
    crate::Thread {
        tid: -1,
        pid: -1,
        ptid: 0,
        vtid: -2,
        vpid: -2,
        comm: format!("container:{id}"),
        container_id: id.to_string(),
        ..crate::Thread::default()
    }
}
