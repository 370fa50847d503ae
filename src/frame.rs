//! The review frame of the open workspace, built once and shared by every page that reads the
//! ledger (review, targets): rebuilt only when the ledgers or the master data change
//! ([`Frame::source_key`]), never on an edit of a plan, a scale or a rating.

use std::sync::Arc;

use leptos::prelude::*;
use sandtable_core::review::Frame;

use crate::state::AppState;

/// A frame compared by identity: a memo holding it notifies only when it was rebuilt, and is
/// never compared row by row.
#[derive(Clone)]
pub struct FrameRef(pub Arc<Frame>);

impl PartialEq for FrameRef {
    fn eq(&self, other: &FrameRef) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for FrameRef {
    type Target = Frame;
    fn deref(&self) -> &Frame {
        &self.0
    }
}

/// The shared frame, as a context.
#[derive(Clone, Copy)]
struct SharedFrame(Memo<FrameRef>);

/// Makes the open workspace's frame available to the pages (`use_frame`). Lazy: nothing is
/// built until a page reads it.
pub fn provide_frame(state: AppState) {
    let key = Memo::new(move |_| state.workspace.with(|w| w.as_ref().map(Frame::source_key)));
    let frame = Memo::new(move |_| {
        key.track();
        FrameRef(Arc::new(state.workspace.with_untracked(|w| {
            w.as_ref().map(Frame::from_workspace).unwrap_or_default()
        })))
    });
    provide_context(SharedFrame(frame));
}

/// The open workspace's frame.
pub fn use_frame() -> Memo<FrameRef> {
    expect_context::<SharedFrame>().0
}
