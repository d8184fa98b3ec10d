//! Conversion steps worked out ahead from the event table, one per rule (and per chain of
//! steps that only append empty or default parameters), and built in one pass.

use super::*;

/// A rule's conversion step with everything that depends only on the event table worked out
/// ahead: the fast path of [`Step::build`], for the rules and inputs it covers.
pub(super) struct Plan {
    pub(super) new_type: u16,
    pub(super) append: bool,
    /// Some parameter comes from the stored enter event.
    pub(super) wants_enter: bool,
    /// Width of the length fields of the input and of the result.
    pub(super) in_ls: usize,
    pub(super) out_ls: usize,
    /// Parameters kept from the input (`Add`: the rule's own count).
    pub(super) kept: usize,
    /// Some parameter is copied from the input.
    pub(super) reads_input: bool,
    /// Several steps in one: a limit exceeded must be reported as the first step that
    /// exceeds it, which only the step-by-step way knows.
    pub(super) composed: bool,
    /// The common forms, built by a shorter way ([`Step::shaped`]).
    pub(super) shape: PlanShape,
    pub(super) fills: Box<[Fill]>,
}

/// Forms of `Add` plans that most events of old captures take.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum PlanShape {
    Other,
    /// Only empty parameters are added (a newer layout's new fields).
    Empties,
    /// Parameters `first..first + n` of the enter event, in order (what the exit lacked),
    /// whose length fields have the exit's width.
    EnterRun {
        first: usize,
        n: usize,
    },
}

impl PlanShape {
    pub(super) fn of(append: bool, etype: u16, out_ls: usize, fills: &[Fill]) -> PlanShape {
        if !append || fills.is_empty() {
            return PlanShape::Other;
        }
        if fills.iter().all(|f| matches!(f.src, FillSrc::Empty)) {
            return PlanShape::Empties;
        }
        let first = match fills[0].src {
            FillSrc::Enter(i) | FillSrc::EnterOrEmpty(i) => i as usize,
            _ => return PlanShape::Other,
        };
        let in_order = fills.iter().enumerate().all(|(k, f)| {
            matches!(f.src, FillSrc::Enter(i) | FillSrc::EnterOrEmpty(i) if i as usize == first + k)
        });
        if in_order && len_size(etype.wrapping_sub(1)) == out_ls {
            PlanShape::EnterRun {
                first,
                n: fills.len(),
            }
        } else {
            PlanShape::Other
        }
    }
}

impl Plan {
    /// The plan was made for the parameter count of its rule key; an input whose real count
    /// only matches that key narrowed to a byte goes the general way.
    #[inline]
    pub(super) fn kept_ok(&self, in_np: usize) -> bool {
        !self.append || in_np == self.kept
    }
}

/// Where a planned parameter comes from (`Src` without what plans do not cover).
#[derive(Clone, Copy)]
pub(super) enum FillSrc {
    Old(u8),
    Enter(u8),
    EnterOrEmpty(u8),
    Default,
    Empty,
}

/// One parameter a rule adds.
#[derive(Clone, Copy)]
pub(super) struct Fill {
    pub(super) src: FillSrc,
    /// Copied bytes are cut to this (the target type's size, or the length field's range).
    pub(super) cap: usize,
    /// Size of the target type's default value, which is all ones for uid/gid.
    pub(super) default_len: usize,
    pub(super) ones: bool,
}

/// Where one parameter of a fast step comes from.
#[derive(Clone, Copy)]
pub(super) enum Piece {
    Input { at: usize, n: usize },
    Enter { at: usize, n: usize },
    Fill { n: usize, byte: u8 },
}

impl Piece {
    #[inline]
    pub(super) fn len(self) -> usize {
        match self {
            Piece::Input { n, .. } | Piece::Enter { n, .. } | Piece::Fill { n, .. } => n,
        }
    }
}

pub(super) fn rule_index(rule: &'static rules::Rule) -> usize {
    (rule as *const rules::Rule as usize - rules::RULES.as_ptr() as usize)
        / std::mem::size_of::<rules::Rule>()
}

pub(super) fn plan_of(rule: &rules::Rule) -> Option<Plan> {
    let (new_type, srcs, append) = match rule.act {
        Act::Add(srcs) => (rule.etype, srcs, true),
        Act::Retype(t, srcs) => (t, srcs, false),
        _ => return None,
    };
    let row = info(new_type)?;
    let out_ls = len_size(new_type);
    let in_ls = len_size(rule.etype);
    if append && in_ls != out_ls {
        return None;
    }
    let kept = if append { rule.nparams as usize } else { 0 };
    let mut fills = Vec::with_capacity(srcs.len());
    for (j, &src) in srcs.iter().enumerate() {
        let ptype = row.params.get(kept + j)?.ptype;
        let src = match src {
            Src::ContainerJson => return None,
            Src::Empty => FillSrc::Empty,
            Src::Default => FillSrc::Default,
            Src::Old(i) => FillSrc::Old(i),
            Src::Enter(i) => FillSrc::Enter(i),
            Src::EnterOrEmpty(i) => FillSrc::EnterOrEmpty(i),
        };
        let fill = match src {
            FillSrc::Empty => Fill {
                src,
                cap: 0,
                default_len: 0,
                ones: false,
            },
            _ => Fill {
                src,
                cap: max_len(ptype, out_ls)?,
                default_len: min_len(ptype)?,
                ones: matches!(ptype, ParamType::Uid | ParamType::Gid),
            },
        };
        fills.push(fill);
    }
    Some(Plan {
        new_type,
        append,
        wants_enter: srcs
            .iter()
            .any(|s| matches!(s, Src::Enter(_) | Src::EnterOrEmpty(_))),
        in_ls,
        out_ls,
        kept,
        reads_input: srcs.iter().any(|s| matches!(s, Src::Old(_))),
        composed: false,
        shape: PlanShape::of(append, rule.etype, out_ls, &fills),
        fills: fills.into_boxed_slice(),
    })
}

/// Sum of a length array of `ls`-byte entries.
#[inline]
pub(super) fn lens_sum(lens: &[u8], ls: usize) -> usize {
    lens.chunks_exact(ls).map(len_of).sum()
}

/// One 2- or 4-byte length field.
#[inline]
pub(super) fn len_of(c: &[u8]) -> usize {
    if c.len() == 4 {
        u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize
    } else {
        u16::from_le_bytes([c[0], c[1]]) as usize
    }
}

/// A planned step's result exceeds the conversion limit.
#[cold]
pub(super) fn too_large(plan: &Plan, len: usize) -> Fail {
    if plan.composed {
        Fail::Build
    } else {
        fail(FoldError::TooLarge {
            etype: plan.new_type,
            len,
        })
    }
}

/// Spans of a measured fast step's result, computed from the lengths like any reader does.
pub(super) fn plan_spans(
    in_spans: &[(usize, usize)],
    plan: &Plan,
    pieces: &[Piece],
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let total = plan.kept + pieces.len();
    let mut at = HEADER + total * plan.out_ls;
    let kept = in_spans[..plan.kept].iter().map(|&(_, l)| l);
    for l in kept.chain(pieces.iter().map(|p| p.len())) {
        out.push((at, l));
        at += l;
    }
}

impl Step<'_> {
    /// [`Step::fast`] for the plan shapes most events take, with fewer and larger copies;
    /// `None` (having changed nothing) for anything else, including every error and every
    /// value cut to its type's size. The event is appended to `out`.
    #[inline]
    pub(super) fn shaped<const MEASURE: bool>(
        &self,
        plan: &Plan,
        stored: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> Option<Result<(EnterUse, usize), Fail>> {
        let ls = plan.out_ls;
        let in_data = HEADER + self.in_np * ls;
        let total = plan.kept + plan.fills.len();
        let (enter, lens, data): (_, &[u8], &[u8]) = match plan.shape {
            PlanShape::Other => return None,
            PlanShape::Empties => (EnterUse::NotWanted, &[], &[]),
            PlanShape::EnterRun { first, n } => {
                let eb = stored?;
                let enp = u32_at(eb, 22) as usize;
                if u16_at(eb, 20) != self.etype.wrapping_sub(1) || first + n > enp {
                    return None;
                }
                let e_data = HEADER + enp * ls;
                let e_lens = eb.get(HEADER + first * ls..HEADER + (first + n) * ls)?;
                let before = lens_sum(eb.get(HEADER..HEADER + first * ls)?, ls);
                let mut sum = 0;
                for (f, c) in plan.fills.iter().zip(e_lens.chunks_exact(ls)) {
                    let l = len_of(c);
                    if l > f.cap {
                        return None;
                    }
                    sum += l;
                }
                let at = e_data + before;
                (EnterUse::Used, e_lens, eb.get(at..at + sum)?)
            }
        };
        let added = plan.fills.len() * ls;
        let out_len = self.in_len + added + data.len();
        if out_len > MAX_EVENT_SIZE {
            return None;
        }
        if MEASURE {
            return Some(Ok((enter, out_len)));
        }
        let input = self.input?;
        // Header and both length arrays go out in one copy.
        let mut head = [0u8; 128];
        let lens_end = in_data + added;
        if lens_end > head.len() {
            return None;
        }
        head[..16].copy_from_slice(&input[..16]);
        head[16..20].copy_from_slice(&(out_len as u32).to_le_bytes());
        head[20..22].copy_from_slice(&plan.new_type.to_le_bytes());
        head[22..26].copy_from_slice(&(total as u32).to_le_bytes());
        head[HEADER..in_data].copy_from_slice(&input[HEADER..in_data]);
        if !lens.is_empty() {
            head[in_data..lens_end].copy_from_slice(lens);
        }
        let base = out.len();
        out.reserve(out_len);
        out.extend_from_slice(&head[..lens_end]);
        out.extend_from_slice(&input[in_data..self.in_len]);
        out.extend_from_slice(data);
        debug_assert_eq!(out.len() - base, out_len);
        Some(Ok((enter, out_len)))
    }

    /// [`Step::build`] for a planned rule: every value is located first, so that the limits
    /// are checked before anything is written and the result is appended to `out` in one pass
    /// (nothing is written on an error).
    #[inline]
    pub(super) fn fast<const MEASURE: bool>(
        &self,
        plan: &Plan,
        stored: Option<&[u8]>,
        pieces: &mut Vec<Piece>,
        out: &mut Vec<u8>,
    ) -> Result<(EnterUse, usize), Fail> {
        let in_np = self.in_np;
        let kept = plan.kept;
        let total = kept + plan.fills.len();
        let data_start = HEADER + total * plan.out_ls;
        if data_start > MAX_EVENT_SIZE {
            return Err(too_large(plan, data_start));
        }
        let in_data = HEADER + in_np * plan.in_ls;
        let mut out_len = data_start;
        if plan.append {
            out_len += self.in_len - in_data;
        }
        pieces.clear();
        let mut enter = EnterUse::NotWanted;
        for f in plan.fills.iter() {
            let fallback = |n| Piece::Fill {
                n,
                byte: if f.ones { 0xff } else { 0 },
            };
            let piece = match f.src {
                FillSrc::Empty => fallback(0),
                FillSrc::Default => fallback(f.default_len),
                FillSrc::Old(i) => {
                    let Some(&(at, l)) = self.in_spans.get(i as usize) else {
                        return Err(fail(FoldError::MissingParam {
                            etype: self.etype,
                            from: "converted",
                            index: i,
                            nparams: in_np as u32,
                        }));
                    };
                    Piece::Input {
                        at,
                        n: l.min(f.cap),
                    }
                }
                FillSrc::Enter(i) | FillSrc::EnterOrEmpty(i) => match stored {
                    None => {
                        if enter == EnterUse::NotWanted {
                            enter = EnterUse::Missing;
                        }
                        if matches!(f.src, FillSrc::EnterOrEmpty(_)) {
                            fallback(0)
                        } else {
                            fallback(f.default_len)
                        }
                    }
                    Some(eb) => {
                        let found = u16_at(eb, 20);
                        let expected = self.etype.wrapping_sub(1);
                        if found != expected {
                            return Err(fail(FoldError::WrongEnter {
                                tid: self.tid,
                                etype: self.etype,
                                expected,
                                found,
                            }));
                        }
                        let enp = u32_at(eb, 22);
                        if i as u32 >= enp {
                            return Err(fail(FoldError::MissingParam {
                                etype: self.etype,
                                from: "enter",
                                index: i,
                                nparams: enp,
                            }));
                        }
                        let (at, l) = enter_param(eb, i as usize)?;
                        enter = EnterUse::Used;
                        Piece::Enter {
                            at,
                            n: l.min(f.cap),
                        }
                    }
                },
            };
            out_len += piece.len();
            pieces.push(piece);
        }
        if out_len > MAX_EVENT_SIZE {
            return Err(too_large(plan, out_len));
        }
        if MEASURE {
            return Ok((enter, out_len));
        }
        let input = self.input.unwrap_or_default();
        let eb = stored.unwrap_or_default();
        let base = out.len();
        out.reserve(out_len);
        let mut head = [0u8; HEADER];
        head[..16].copy_from_slice(&input[..16]);
        head[16..20].copy_from_slice(&(out_len as u32).to_le_bytes());
        head[20..22].copy_from_slice(&plan.new_type.to_le_bytes());
        head[22..26].copy_from_slice(&(total as u32).to_le_bytes());
        out.extend_from_slice(&head);
        if plan.append {
            // Same type, same length width: the kept lengths are the input's.
            out.extend_from_slice(&input[HEADER..in_data]);
        }
        let mut lens = [0u8; 64];
        if pieces.len() * plan.out_ls <= lens.len() {
            let mut k = 0;
            for p in pieces.iter() {
                let n = p.len();
                if plan.out_ls == 4 {
                    lens[k..k + 4].copy_from_slice(&(n as u32).to_le_bytes());
                } else {
                    lens[k..k + 2].copy_from_slice(&(n as u16).to_le_bytes());
                }
                k += plan.out_ls;
            }
            out.extend_from_slice(&lens[..k]);
        } else {
            for p in pieces.iter() {
                let n = p.len();
                if plan.out_ls == 4 {
                    out.extend_from_slice(&(n as u32).to_le_bytes());
                } else {
                    out.extend_from_slice(&(n as u16).to_le_bytes());
                }
            }
        }
        if plan.append {
            // The whole data area moves over, including any bytes past the last parameter.
            out.extend_from_slice(&input[in_data..self.in_len]);
        }
        // Neighbouring parameters of the same event (usually all an exit takes from its
        // enter event) are copied at once.
        let mut run: Option<(bool, usize, usize)> = None;
        let flush = |out: &mut Vec<u8>, run: Option<(bool, usize, usize)>| {
            if let Some((from_enter, at, n)) = run {
                let src = if from_enter { eb } else { input };
                out.extend_from_slice(&src[at..at + n]);
            }
        };
        for &p in pieces.iter() {
            let (from_enter, at, n) = match p {
                Piece::Input { at, n } => (false, at, n),
                Piece::Enter { at, n } => (true, at, n),
                Piece::Fill { n: 0, .. } => continue,
                Piece::Fill { n, byte } => {
                    flush(out, run.take());
                    out.resize(out.len() + n, byte);
                    continue;
                }
            };
            run = match run {
                Some((e, a, m)) if e == from_enter && a + m == at => Some((e, a, m + n)),
                other => {
                    flush(out, other);
                    Some((from_enter, at, n))
                }
            };
        }
        flush(out, run);
        debug_assert_eq!(out.len() - base, out_len);
        Ok((enter, out_len))
    }
}
