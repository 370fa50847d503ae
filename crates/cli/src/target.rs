//! `sandtable target …`: target setting (目标计划制定) on the command line.

use clap::Subcommand;

mod track;

/// The target subcommands.
#[derive(Subcommand)]
pub enum TargetCommand {
    /// A plan's targets against a ledger's sales, by month and by member of each planned
    /// dimension: achievement, gap, run-rate and projected year end.
    Track(track::TrackArgs),
}

/// Runs a target subcommand.
pub fn run(command: TargetCommand) -> Result<(), Vec<String>> {
    match command {
        TargetCommand::Track(args) => track::run(args),
    }
}
