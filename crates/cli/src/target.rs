//! `sandtable target …`: target setting (目标计划制定) on the command line.

use clap::Subcommand;

mod grid;
mod split;
mod track;

/// The target subcommands.
#[derive(Subcommand)]
pub enum TargetCommand {
    /// A plan's targets against a ledger's sales, by month and by member of each planned
    /// dimension: achievement, gap, run-rate and projected year end.
    Track(track::TrackArgs),
    /// Share an annual target over one dimension's members (months, regions, categories,
    /// products, salespeople or customers) by their bases, in whole units, with locks.
    Split(split::SplitArgs),
    /// A two-way target grid (region × category, customer × month, …) matching both splits'
    /// totals exactly, fitted to last year's grid.
    Grid(grid::GridArgs),
}

/// Runs a target subcommand.
pub fn run(command: TargetCommand) -> Result<(), Vec<String>> {
    match command {
        TargetCommand::Track(args) => track::run(args),
        TargetCommand::Split(args) => split::run(args),
        TargetCommand::Grid(args) => grid::run(args),
    }
}

/// `text` padded with spaces to `width` terminal columns (CJK characters take two), on the
/// right (`left` aligned) or on the left.
fn pad(text: &str, width: usize, left: bool) -> String {
    let wide = |c: char| {
        matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
    };
    let used: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    let fill = " ".repeat(width.saturating_sub(used));
    if left {
        format!("{text}{fill}")
    } else {
        format!("{fill}{text}")
    }
}
