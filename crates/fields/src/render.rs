//! Bridge to the event crate's parameter rendering, with fd and thread names from the state.

use crate::extract::EvalCtx;

pub fn render_args(_cx: &EvalCtx<'_>, _out: &mut String) {}

pub fn render_param(_cx: &EvalCtx<'_>, _i: usize) -> Option<String> {
    None
}
