//! Reusable view pieces.
pub mod chart;
pub mod dialog;
pub mod drop_zone;
pub mod table;
pub mod view_tabs;
