//! `sandtable`: Sandtable's command line. A thin shell over `sandtable-core`: it reads and
//! writes files and prints what the core says; it has no logic of its own.

use clap::{Parser, Subcommand};
use sandtable_core::{
    Date, Lang, MAX_FILE_BYTES, WORKSPACE_VERSION, demo_workspace, format_count, format_money,
    workspace_from_json, workspace_to_json,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Sandtable (生意沙盘): planning workbench for sales managers — command line tools.
#[derive(Parser)]
#[command(name = "sandtable", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the demo workspace (a Chinese FMCG territory with four years of daily sales) to a file.
    Demo {
        /// The file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The last day of the demo's sales [default: today, UTC].
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Check a workspace file: exit 0 with a summary if it can be imported, 1 with every problem if not.
    Validate {
        /// The workspace file (.json).
        file: PathBuf,
    },
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| "expected a real date like 2026-11-22".to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo { output, as_of } => demo(&output, as_of.unwrap_or_else(today_utc)),
        Command::Validate { file } => validate(&file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            let mut err = std::io::stderr().lock();
            for p in problems {
                let _ = writeln!(err, "{p}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Today's date in UTC (the core takes dates as parameters; the clock is read here).
fn today_utc() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date(i32::try_from(secs / 86_400).unwrap_or(0))
}

fn demo(output: &Path, as_of: Date) -> Result<(), Vec<String>> {
    let ws = demo_workspace(as_of);
    let json = workspace_to_json(&ws);
    std::fs::write(output, &json)
        .map_err(|e| vec![format!("error: cannot write {}: {e}", output.display())])?;
    let rows = ws.summary().rows;
    say(&format!(
        "wrote {}: demo workspace as of {as_of}, {} rows, {} bytes",
        output.display(),
        format_count(rows as u64, Lang::En),
        format_count(json.len() as u64, Lang::En)
    ));
    Ok(())
}

fn validate(file: &Path) -> Result<(), Vec<String>> {
    let name = file.display();
    let cannot = |detail: String| vec![format!("error: cannot read {name}: {detail}")];
    let meta = std::fs::metadata(file).map_err(|e| cannot(e.to_string()))?;
    if meta.is_dir() {
        return Err(cannot("it is a folder, not a workspace file".into()));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        let e = sandtable_core::FileError::TooLarge {
            bytes: meta.len(),
            limit: MAX_FILE_BYTES as u64,
        };
        return Err(vec![format!("error: {name}: {e}")]);
    }
    let bytes = std::fs::read(file).map_err(|e| cannot(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        vec![format!(
            "error: {name}: the file is not UTF-8 text (it may be binary or in another encoding). Choose a workspace file exported from Sandtable."
        )]
    })?;
    let (ws, issues) =
        workspace_from_json(&text).map_err(|e| vec![format!("error: {name}: {e}")])?;
    let (errors, warnings): (Vec<_>, Vec<_>) = issues.iter().partition(|i| i.is_error());
    if !errors.is_empty() {
        let mut lines: Vec<String> = errors
            .iter()
            .map(|i| format!("error: {name}: {i}"))
            .collect();
        lines.extend(warnings.iter().map(|i| format!("warning: {name}: {i}")));
        lines.push(format!(
            "{name}: cannot be imported: {} error(s), {} warning(s)",
            errors.len(),
            warnings.len()
        ));
        return Err(lines);
    }
    let mut err = std::io::stderr().lock();
    for w in &warnings {
        let _ = writeln!(err, "warning: {name}: {w}");
    }
    let s = ws.summary();
    let dates = match (s.first_date, s.last_date) {
        (Some(a), Some(b)) => format!(" from {a} to {b}"),
        _ => String::new(),
    };
    say(&format!(
        "{name}: valid workspace \"{}\" (format version {WORKSPACE_VERSION}): {} customers, {} products, {} regions, {} salespeople, {} dataset(s), {} rows{dates}, sales {}, {} warning(s)",
        ws.name,
        s.customers,
        s.products,
        s.regions,
        s.salespeople,
        s.datasets,
        format_count(s.rows as u64, Lang::En),
        format_money(s.total_amount, Lang::En),
        warnings.len()
    ));
    Ok(())
}

/// Prints a line on stdout, ignoring a closed pipe rather than panicking.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}
