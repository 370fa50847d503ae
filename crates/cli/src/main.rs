//! `sandtable`: Sandtable's command line. A thin shell over `sandtable-core`: it reads and
//! writes files and prints what the core says; it has no logic of its own.

mod review;

use clap::{Parser, Subcommand};
use sandtable_core::import::{
    DateOrder, Encoding, Field, ImportOptions, MAX_IMPORT_BYTES, add_to_workspace, read_ledger,
};
use sandtable_core::{
    Date, Lang, MAX_FILE_BYTES, WORKSPACE_VERSION, Workspace, demo_workspace, format_count,
    format_money, workspace_from_json, workspace_to_json,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod grade;
mod target;

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
    /// Check a workspace or scale file: exit 0 with a summary if it can be imported, 1 with every problem if not.
    Validate {
        /// The workspace file or scale file (.json).
        file: PathBuf,
    },
    /// Import a sales ledger (CSV/TXT in any common encoding, XLSX/XLS/ODS) and report what was read.
    Import {
        /// The ledger file.
        file: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Add the rows to this workspace file (created when missing; rows it already holds are skipped).
        #[arg(short = 'o', long = "output", value_name = "WORKSPACE")]
        output: Option<PathBuf>,
    },
    /// Grade customers with a scale: score, grade and factor-by-factor points for every customer
    /// of a ledger or workspace file (exit 1 if the scale is invalid).
    Grade {
        /// The ledger file (read like `sandtable import`) or a workspace file (.json).
        file: PathBuf,
        /// The scale file (sandtable.scale).
        #[arg(long, value_name = "SCALE")]
        scale: PathBuf,
        /// Ratings of level factors as CSV `customer,factor,grade` (added to a workspace's own).
        #[arg(long, value_name = "RATINGS.csv")]
        ratings: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        /// Print the result as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Business review (生意复盘) of a ledger or workspace file: ABC, period comparison,
    /// seasonality, forecast, five-dimension funnel.
    Review(review::ReviewArgs),
    /// Target setting (目标计划制定): track a plan against a ledger.
    #[command(subcommand)]
    Target(target::TargetCommand),
}

/// The help heading of the reading flags.
const READING: &str = "Reading the ledger";

/// How a ledger file is read (shared by `import`, `review`, `grade` and every command that reads
/// a ledger). Each flag is global: a command with subcommands (`review FILE abc …`) takes it
/// before or after the subcommand, so options may come last.
#[derive(clap::Args, Clone)]
struct ReadArgs {
    /// The text encoding: auto, utf-8, gb18030 (GBK), utf-16le, utf-16be or windows-1252.
    #[arg(long, global = true, help_heading = READING, default_value = "auto", value_parser = parse_encoding)]
    encoding: EncodingArg,
    /// The order of day and month in dates: auto, ymd, mdy or dmy.
    #[arg(long, global = true, help_heading = READING, default_value = "auto", value_parser = parse_date_order)]
    date_order: DateOrderArg,
    /// The workbook sheet to read [default: the first with data].
    #[arg(long, global = true, help_heading = READING, value_name = "NAME")]
    sheet: Option<String>,
    /// Map a field to a column header (repeatable), e.g. --map amount=价税合计. Fields: date,
    /// customer, customer_name, product, product_name, category, region, salesperson,
    /// channel, quantity, unit_price, amount, cost, gross_profit, order_id.
    #[arg(long = "map", global = true, help_heading = READING, value_name = "FIELD=COLUMN", value_parser = parse_map)]
    map: Vec<(Field, String)>,
    /// Use amounts including VAT (价税合计/含税金额) instead of net amounts.
    #[arg(long, global = true, help_heading = READING)]
    gross: bool,
}

impl ReadArgs {
    fn options(self) -> ImportOptions {
        ImportOptions {
            encoding: self.encoding.0,
            date_order: self.date_order.0,
            sheet: self.sheet,
            mapping: self.map,
            gross_amount: self.gross,
            ..ImportOptions::default()
        }
    }
}

#[derive(Clone, Copy)]
struct EncodingArg(Option<Encoding>);

#[derive(Clone, Copy)]
struct DateOrderArg(Option<DateOrder>);

fn parse_encoding(text: &str) -> Result<EncodingArg, String> {
    if text.eq_ignore_ascii_case("auto") {
        return Ok(EncodingArg(None));
    }
    Encoding::from_code(text)
        .map(|e| EncodingArg(Some(e)))
        .ok_or_else(|| "expected auto, utf-8, gb18030, utf-16le, utf-16be or windows-1252".into())
}

fn parse_date_order(text: &str) -> Result<DateOrderArg, String> {
    if text.eq_ignore_ascii_case("auto") {
        return Ok(DateOrderArg(None));
    }
    DateOrder::from_code(text)
        .map(|o| DateOrderArg(Some(o)))
        .ok_or_else(|| "expected auto, ymd, mdy or dmy".into())
}

fn parse_map(text: &str) -> Result<(Field, String), String> {
    let (field, column) = text
        .split_once('=')
        .ok_or_else(|| "expected FIELD=COLUMN, e.g. amount=价税合计".to_string())?;
    let field = Field::from_code(field.trim()).ok_or_else(|| {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.code()).collect();
        format!("unknown field \"{field}\"; fields are {}", names.join(", "))
    })?;
    Ok((field, column.to_string()))
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| "expected a real date like 2026-11-22".to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo { output, as_of } => demo(&output, as_of.unwrap_or_else(today_utc)),
        Command::Validate { file } => validate(&file),
        Command::Import {
            file,
            read,
            json,
            output,
        } => import(&file, &read.options(), json, output.as_deref()),
        Command::Review(args) => review::run(args),
        Command::Target(command) => target::run(command),
        Command::Grade {
            file,
            scale,
            ratings,
            read,
            json,
        } => grade::grade(&file, &scale, ratings.as_deref(), &read.options(), json),
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
    if grade::is_scale_file(&text) {
        return grade::validate_scale_file(file, &text);
    }
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
    let upgraded = match sandtable_core::format::stated_version(&text) {
        Some(v) if v < u64::from(WORKSPACE_VERSION) => format!(", upgraded from version {v}"),
        _ => String::new(),
    };
    let dates = match (s.first_date, s.last_date) {
        (Some(a), Some(b)) => format!(" from {a} to {b}"),
        _ => String::new(),
    };
    say(&format!(
        "{name}: valid workspace \"{}\" (format version {WORKSPACE_VERSION}{upgraded}): {} customers, {} products, {} regions, {} salespeople, {} dataset(s), {} rows{dates}, sales {}, {} warning(s)",
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

fn import(
    file: &Path,
    opts: &ImportOptions,
    json: bool,
    output: Option<&Path>,
) -> Result<(), Vec<String>> {
    let name = file.display();
    let (imported, file_name) = read_ledger_file(file, opts)?;
    let report = imported.report.clone();
    let added = match output {
        Some(path) => Some(add_to_file(path, imported, &file_name)?),
        None => {
            // The process ends after printing: leave the ledger to the OS instead of freeing
            // a million strings one by one.
            std::mem::forget(imported);
            None
        }
    };
    if json {
        let mut value = serde_json::to_value(&report).unwrap_or_default();
        if let (Some(obj), Some((path, add))) = (value.as_object_mut(), &added) {
            let mut w = serde_json::to_value(add).unwrap_or_default();
            if let Some(w) = w.as_object_mut() {
                w.insert("file".into(), path.display().to_string().into());
                w.insert("message".into(), add.message(Lang::En).into());
            }
            obj.insert("workspace".into(), w);
        }
        say(&value.to_string());
        return Ok(());
    }
    let mut lines = Vec::new();
    let source = match (report.encoding, &report.delimiter, &report.sheet) {
        (Some(e), Some(d), _) => format!(
            "{}{}, delimiter {}",
            e.code(),
            if report.bom { " with BOM" } else { "" },
            match d.as_str() {
                "\t" => "tab".to_string(),
                d => format!("\"{d}\""),
            }
        ),
        (_, _, Some(sheet)) => format!("{} workbook, sheet \"{sheet}\"", report.format),
        _ => report.format.clone(),
    };
    lines.push(format!(
        "{name}: {source}, header on row {}, dates read as {}",
        report.header_row,
        report.date_order.code()
    ));
    let mapping: Vec<String> = report
        .mapping
        .iter()
        .map(|(f, c)| format!("{}={c}", f.code()))
        .collect();
    lines.push(format!("columns: {}", mapping.join(", ")));
    lines.push(format!(
        "rows read {}: imported {}, rejected {}, totals rows left out {}",
        format_count(report.rows_read as u64, Lang::En),
        format_count(report.imported as u64, Lang::En),
        format_count(report.rejected.len() as u64, Lang::En),
        format_count(report.excluded_totals.len() as u64, Lang::En),
    ));
    let dates = match (report.first_date, report.last_date) {
        (Some(a), Some(b)) => format!(", dates {a} to {b}"),
        _ => String::new(),
    };
    lines.push(format!(
        "total amount {} ({}, {}){dates}",
        report.total_amount,
        format_money(report.total_amount, Lang::En),
        match report.amount_basis {
            sandtable_core::import::AmountBasis::Net => "net of VAT",
            sandtable_core::import::AmountBasis::Gross => "including VAT",
        }
    ));
    for w in &report.warnings {
        lines.push(format!("warning: {}", w.message(Lang::En)));
    }
    const SHOWN: usize = 50;
    for r in report.rejected.iter().take(SHOWN) {
        lines.push(format!("rejected: {}", r.message(Lang::En)));
    }
    if report.rejected.len() > SHOWN {
        lines.push(format!(
            "… and {} more rejected rows (use --json for all)",
            report.rejected.len() - SHOWN
        ));
    }
    if let Some((path, add)) = &added {
        lines.push(format!("{}: {}", path.display(), add.message(Lang::En)));
    }
    say(&lines.join("\n"));
    Ok(())
}

/// Reads a ledger file as `import` does: size check, then the core's reader. Returns the
/// rows and the file's name.
fn read_ledger_file(
    file: &Path,
    opts: &ImportOptions,
) -> Result<(sandtable_core::import::Imported, String), Vec<String>> {
    let name = file.display();
    let cannot = |detail: String| vec![format!("error: cannot read {name}: {detail}")];
    let meta = std::fs::metadata(file).map_err(|e| cannot(e.to_string()))?;
    if meta.is_dir() {
        return Err(cannot("it is a folder, not a ledger file".into()));
    }
    if meta.len() > MAX_IMPORT_BYTES as u64 {
        let e = sandtable_core::import::ImportError::TooLarge {
            bytes: meta.len(),
            limit: MAX_IMPORT_BYTES as u64,
        };
        return Err(vec![format!("error: {name}: {e}")]);
    }
    let bytes = FileBytes::open(file, meta.len()).map_err(|e| cannot(e.to_string()))?;
    let file_name = file
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
    let imported =
        read_ledger(&bytes, &file_name, opts).map_err(|e| vec![format!("error: {name}: {e}")])?;
    Ok((imported, file_name))
}

/// A ledger file's bytes: mapped into memory when it is large, read into a buffer otherwise.
enum FileBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

/// From this size on a file is mapped rather than read.
const MAP_FROM_BYTES: u64 = 1 << 20;

impl FileBytes {
    fn open(file: &Path, len: u64) -> std::io::Result<FileBytes> {
        if len >= MAP_FROM_BYTES {
            let f = std::fs::File::open(file)?;
            // SAFETY: the map is only read, and only while this command runs. Mapping is
            // unsafe because another program could truncate or rewrite the file meanwhile
            // (the bytes read would then change under the import, or the process stop with
            // SIGBUS); a ledger file is not written while it is being imported, and the gain
            // is large: reading a 70 MB file copies it into as many freshly faulted pages,
            // which costs about a tenth of the whole import, where mapping reuses the pages
            // the OS already holds for the file. `populate` maps them all in one call
            // instead of one page fault per few pages read.
            if let Ok(map) = unsafe { memmap2::MmapOptions::new().populate().map(&f) } {
                return Ok(FileBytes::Mapped(map));
            }
        }
        std::fs::read(file).map(FileBytes::Read)
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(m) => m,
            FileBytes::Read(v) => v,
        }
    }
}

/// Parses a workspace file's text; every error-level issue becomes one `error:` line.
fn parse_workspace(name: impl std::fmt::Display, text: &str) -> Result<Workspace, Vec<String>> {
    let (ws, issues) =
        workspace_from_json(text).map_err(|e| vec![format!("error: {name}: {e}")])?;
    let errors: Vec<String> = issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| format!("error: {name}: {i}"))
        .collect();
    if errors.is_empty() {
        Ok(ws)
    } else {
        Err(errors)
    }
}

/// Adds the imported rows to a workspace file, creating it when it does not exist.
fn add_to_file(
    path: &Path,
    imported: sandtable_core::import::Imported,
    file_name: &str,
) -> Result<(PathBuf, sandtable_core::import::AddReport), Vec<String>> {
    let name = path.display();
    let now = now_iso();
    let mut ws = if path.exists() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![format!("error: cannot read {name}: {e}")])?;
        parse_workspace(&name, &text)?
    } else {
        let stem = path.file_stem().map_or_else(
            || "workspace".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        Workspace {
            id: format!("ws-{}", now.replace([':', '-'], "").to_lowercase()),
            name: stem,
            created: now.clone(),
            modified: now.clone(),
            ..Workspace::default()
        }
    };
    let add = add_to_workspace(&mut ws, imported, file_name);
    if add.added > 0 || !path.exists() {
        ws.modified = now;
        std::fs::write(path, workspace_to_json(&ws))
            .map_err(|e| vec![format!("error: cannot write {name}: {e}")])?;
    }
    Ok((path.to_path_buf(), add))
}

/// The current UTC time as "2026-11-22T17:30:00Z".
fn now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = Date(i32::try_from(secs / 86_400).unwrap_or(0));
    let t = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60)
}

/// Prints a line on stdout, ignoring a closed pipe rather than panicking.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}
