//! Demo (stub).
use crate::{Date, Workspace};
/// Stub.
pub fn demo_workspace(_as_of: Date) -> Workspace { Workspace::default() }
