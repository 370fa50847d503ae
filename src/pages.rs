//! One file per page.
pub mod data;
pub mod placeholder;
pub mod workspaces;
