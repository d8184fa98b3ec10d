//! Typed reads of event parameters, tolerant of old layouts: a parameter that the event does
//! not carry, or that is too short for its type, reads as `None`.

use peregrine_event::Event;

pub(crate) fn raw<'a>(ev: &Event<'a>, i: usize) -> Option<&'a [u8]> {
    ev.param(i)
}

/// A parameter that is present and not empty.
pub(crate) fn present<'a>(ev: &Event<'a>, i: usize) -> Option<&'a [u8]> {
    ev.param(i).filter(|p| !p.is_empty())
}

pub(crate) fn by_name<'a>(ev: &Event<'a>, name: &str) -> Option<&'a [u8]> {
    ev.param_by_name(name).filter(|p| !p.is_empty())
}

fn fixed<const N: usize>(p: Option<&[u8]>) -> Option<[u8; N]> {
    let p = p?;
    p.get(..N).map(|s| {
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        a
    })
}

pub(crate) fn i64_(ev: &Event<'_>, i: usize) -> Option<i64> {
    fixed::<8>(ev.param(i)).map(i64::from_le_bytes)
}

pub(crate) fn u64_(ev: &Event<'_>, i: usize) -> Option<u64> {
    fixed::<8>(ev.param(i)).map(u64::from_le_bytes)
}

pub(crate) fn u32_(ev: &Event<'_>, i: usize) -> Option<u32> {
    fixed::<4>(ev.param(i)).map(u32::from_le_bytes)
}

pub(crate) fn u8_(ev: &Event<'_>, i: usize) -> Option<u8> {
    ev.param(i).and_then(|p| p.first().copied())
}

/// An unsigned integer of whatever width the parameter has (1, 2, 4 or 8 bytes): flag
/// parameters changed width across event versions.
pub(crate) fn uint(ev: &Event<'_>, i: usize) -> Option<u64> {
    let p = ev.param(i)?;
    Some(match p.len() {
        1 => p[0] as u64,
        2 => u16::from_le_bytes([p[0], p[1]]) as u64,
        4 => u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as u64,
        n if n >= 8 => u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]),
        _ => return None,
    })
}

pub(crate) fn uint_by_name(ev: &Event<'_>, name: &str) -> Option<u64> {
    let i = ev.info()?.param_index(name)?;
    if i >= ev.nparams() {
        return None;
    }
    uint(ev, i)
}

pub(crate) fn i64_by_name(ev: &Event<'_>, name: &str) -> Option<i64> {
    let i = ev.info()?.param_index(name)?;
    i64_(ev, i)
}

/// A string parameter up to its first NUL, lossily decoded.
pub(crate) fn string(ev: &Event<'_>, i: usize) -> String {
    match ev.param(i) {
        Some(p) => String::from_utf8_lossy(crate::path::cstr(p)).into_owned(),
        None => String::new(),
    }
}

/// Whether the parameter (a path) is literally `<NA>`.
pub(crate) fn is_na(p: &[u8]) -> bool {
    p.starts_with(b"<NA>")
}
