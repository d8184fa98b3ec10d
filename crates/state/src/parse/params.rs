//! Typed reads of event parameters, tolerant of old layouts: a parameter that the event does
//! not carry, or that is too short for its type, reads as `None`.

use peregrine_event::Event;

const HEADER: usize = peregrine_event::event::HEADER_LEN;

/// Parameter `i` of an event in v2 layout with `nparams` parameters: [`Event::param`], with
/// the lengths read as one slice (the hot parsers read a few parameters of every event).
#[inline(always)]
fn span(bytes: &[u8], nparams: usize, large: bool, i: usize) -> Option<&[u8]> {
    if i >= nparams {
        return None;
    }
    let width = if large { 4 } else { 2 };
    let lens = bytes.get(HEADER..HEADER + width * nparams)?;
    let mut off = HEADER + width * nparams;
    for (k, c) in lens.chunks_exact(width).enumerate() {
        let len = if large {
            u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize
        } else {
            u16::from_le_bytes([c[0], c[1]]) as usize
        };
        if k == i {
            return bytes.get(off..off + len);
        }
        off += len;
    }
    None
}

/// Parameters `0..N` of `ev` (`None` past its last one) from one pass over the lengths, for
/// parsers that read several: [`Event::param`] walks the lengths again for each.
pub(crate) fn first<'a, const N: usize>(ev: &Event<'a>) -> [Option<&'a [u8]>; N] {
    first_raw(ev.bytes()).2
}

/// [`first`] on the bytes of an event (v2 layout, as [`Event::bytes`] gives them), without
/// building an [`Event`]; also returns the event type and the parameter count. Bytes too short
/// for what they announce read as missing parameters.
pub(crate) fn first_raw<const N: usize>(bytes: &[u8]) -> (u16, usize, [Option<&[u8]>; N]) {
    let mut out = [None; N];
    let (Some(t), Some(n)) = (bytes.get(20..22), bytes.get(22..26)) else {
        return (u16::MAX, 0, out);
    };
    let etype = u16::from_le_bytes([t[0], t[1]]);
    let nparams = u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize;
    let large = crate::evflags::facts(etype).large;
    let width = if large { 4 } else { 2 };
    let Some(lens) = bytes.get(HEADER..HEADER + width * nparams) else {
        return (etype, nparams, out);
    };
    let mut off = HEADER + width * nparams;
    for (slot, c) in out.iter_mut().zip(lens.chunks_exact(width)) {
        let len = if large {
            u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize
        } else {
            u16::from_le_bytes([c[0], c[1]]) as usize
        };
        *slot = bytes.get(off..off + len);
        off += len;
    }
    (etype, nparams, out)
}

/// Fixed-width little-endian reads of a parameter from [`first`].
pub(crate) fn as_i64(p: Option<&[u8]>) -> Option<i64> {
    fixed::<8>(p).map(i64::from_le_bytes)
}

pub(crate) fn as_u64(p: Option<&[u8]>) -> Option<u64> {
    fixed::<8>(p).map(u64::from_le_bytes)
}

pub(crate) fn as_u32(p: Option<&[u8]>) -> Option<u32> {
    fixed::<4>(p).map(u32::from_le_bytes)
}

/// [`uint`] of a parameter from [`first`].
pub(crate) fn as_uint(p: Option<&[u8]>) -> Option<u64> {
    let p = p?;
    Some(match p.len() {
        1 => p[0] as u64,
        2 => u16::from_le_bytes([p[0], p[1]]) as u64,
        4 => u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as u64,
        n if n >= 8 => u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]),
        _ => return None,
    })
}

/// [`i64_`] for a caller that has the event type's facts.
#[inline(always)]
pub(crate) fn i64_with(ev: &Event<'_>, i: usize, large: bool) -> Option<i64> {
    fixed::<8>(span(ev.bytes(), ev.nparams(), large, i)).map(i64::from_le_bytes)
}

#[inline(always)]
pub(crate) fn raw<'a>(ev: &Event<'a>, i: usize) -> Option<&'a [u8]> {
    let large = crate::evflags::facts(ev.etype).large;
    span(ev.bytes(), ev.nparams(), large, i)
}

/// A parameter that is present and not empty.
pub(crate) fn present<'a>(ev: &Event<'a>, i: usize) -> Option<&'a [u8]> {
    raw(ev, i).filter(|p| !p.is_empty())
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

#[inline]
pub(crate) fn i64_(ev: &Event<'_>, i: usize) -> Option<i64> {
    fixed::<8>(raw(ev, i)).map(i64::from_le_bytes)
}

#[inline]
pub(crate) fn u64_(ev: &Event<'_>, i: usize) -> Option<u64> {
    fixed::<8>(raw(ev, i)).map(u64::from_le_bytes)
}

#[inline]
pub(crate) fn u32_(ev: &Event<'_>, i: usize) -> Option<u32> {
    fixed::<4>(raw(ev, i)).map(u32::from_le_bytes)
}

#[inline]
pub(crate) fn u8_(ev: &Event<'_>, i: usize) -> Option<u8> {
    raw(ev, i).and_then(|p| p.first().copied())
}

/// An unsigned integer of whatever width the parameter has (1, 2, 4 or 8 bytes): flag
/// parameters changed width across event versions.
pub(crate) fn uint(ev: &Event<'_>, i: usize) -> Option<u64> {
    as_uint(raw(ev, i))
}

pub(crate) fn uint_by_name(ev: &Event<'_>, name: &str) -> Option<u64> {
    let i = ev.info()?.param_index(name)?;
    if i >= ev.nparams() {
        return None;
    }
    uint(ev, i)
}

#[inline]
pub(crate) fn i64_by_name(ev: &Event<'_>, name: &str) -> Option<i64> {
    let i = ev.info()?.param_index(name)?;
    i64_(ev, i)
}

/// A string parameter up to its first NUL, lossily decoded.
pub(crate) fn string(ev: &Event<'_>, i: usize) -> String {
    match raw(ev, i) {
        Some(p) => String::from_utf8_lossy(crate::path::cstr(p)).into_owned(),
        None => String::new(),
    }
}

/// [`string`] into `out`, reusing its buffer.
pub(crate) fn string_into(ev: &Event<'_>, i: usize, out: &mut String) {
    out.clear();
    if let Some(p) = raw(ev, i) {
        crate::path::push_utf8(out, crate::path::cstr(p));
    }
}

/// Whether the parameter (a path) is literally `<NA>`.
pub(crate) fn is_na(p: &[u8]) -> bool {
    p.starts_with(b"<NA>")
}
