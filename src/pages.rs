//! One file per page.
pub mod data;
pub mod grading;
pub mod import;
pub mod placeholder;
pub mod review;
pub mod targets;
pub mod workspaces;
