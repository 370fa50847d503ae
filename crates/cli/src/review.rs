//! `sandtable review FILE ANALYSIS`: the business review (生意复盘) on the command line.
//! Reads a ledger file (as `import` reads it) or a workspace file, builds the core's review
//! frame once and prints each analysis the core computes, as text or one JSON object per
//! analysis. Further analyses on the same data follow `--`.

use crate::{ReadArgs, read_ledger_file, say};
use clap::{Args, Parser, Subcommand};
use sandtable_core::review::{
    self, AbcThresholds, Comparison, Dim, Filter, Frame, FunnelInput, Measure, Period,
};
use sandtable_core::{Lang, MAX_FILE_BYTES, Money, format_money};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `sandtable review`.
#[derive(Args)]
#[command(
    after_help = "Run further analyses on the same data after `--`, e.g.\n  \
    sandtable review ledger.csv abc --by customer -- yoy --by region --monthly -- seasonality\n\
    Each analysis prints its own line of JSON with --json."
)]
pub struct ReviewArgs {
    /// A ledger file (CSV/TXT/XLSX…, read as `sandtable import` reads it) or a workspace file (.json).
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Print each analysis as one JSON object (money as exact decimal strings).
    #[arg(long, global = true)]
    json: bool,
    /// Print on stderr the time taken to read the file, build the frame and run each analysis.
    #[arg(long, global = true)]
    timings: bool,
    /// With --timings: run the analyses this many times and report the fastest run (for benchmarks).
    #[arg(long, default_value_t = 1, value_name = "N")]
    repeat: u32,
    #[command(subcommand)]
    analysis: Analysis,
}

/// A further analysis after `--`.
#[derive(Parser)]
#[command(name = "review", no_binary_name = true)]
struct Chained {
    #[arg(long, global = true)]
    json: bool,
    #[arg(long, global = true)]
    timings: bool,
    #[command(subcommand)]
    analysis: Analysis,
}

/// Options every analysis takes.
#[derive(Args, Clone)]
struct Common {
    /// Keep only rows of this member (repeatable): DIM=ID or DIM=NAME, e.g. region=华东.
    #[arg(long = "filter", value_name = "DIM=MEMBER")]
    filter: Vec<String>,
    /// The measure: amount, quantity or gross_profit.
    #[arg(long, default_value = "amount", value_parser = parse_measure)]
    measure: Measure,
    /// Further analyses on the same data.
    #[arg(last = true, value_name = "ANALYSIS")]
    then: Vec<String>,
}

#[derive(Subcommand, Clone)]
enum Analysis {
    /// Pareto / ABC classes of the members of a dimension.
    Abc {
        /// The dimension: region, customer, product, category, salesperson or channel.
        #[arg(long, value_parser = parse_dim)]
        by: Dim,
        /// Class A while the cumulative share before a member is below this percentage.
        #[arg(long, default_value_t = 80.0)]
        a: f64,
        /// Class B while it is below this percentage.
        #[arg(long, default_value_t = 95.0)]
        b: f64,
        /// Only this period (2019, 2019-03, 2019-Q2, 2019-01..2019-06) [default: all rows].
        #[arg(long, value_parser = parse_period)]
        period: Option<Period>,
        #[command(flatten)]
        common: Common,
    },
    /// Compare two periods member by member: growth, contribution to growth, share, mix change,
    /// rank and index vs the average.
    Yoy {
        /// The dimension.
        #[arg(long, value_parser = parse_dim)]
        by: Dim,
        /// The current period [default: this year to date, against last year to date].
        #[arg(long, value_parser = parse_period)]
        current: Option<Period>,
        /// The base period [default: set by --compare].
        #[arg(long, value_parser = parse_period)]
        base: Option<Period>,
        /// Without --base: yoy (a year earlier), pop (the months just before) or ytd (year to
        /// date vs last year to date, aligned on the last month with data).
        #[arg(long, default_value = "yoy", value_parser = parse_comparison)]
        compare: Comparison,
        /// One line per member and month of the current period (against the same month of the base).
        #[arg(long)]
        monthly: bool,
        #[command(flatten)]
        common: Common,
    },
    /// The seasonality index of each calendar month (needs 24 months of data; a last month
    /// still in progress is left out).
    Seasonality {
        #[command(flatten)]
        common: Common,
    },
    /// Forecast the next months (trend × seasonality) with a back-test on the last 6 months.
    Forecast {
        /// How many months to forecast.
        #[arg(long, default_value_t = 12)]
        months: u32,
        #[command(flatten)]
        common: Common,
    },
    /// The five-dimension funnel of two periods and the LMDI split of the change in sales.
    Funnel {
        /// The current period [default: this year to date, against last year to date].
        #[arg(long, value_parser = parse_period)]
        current: Option<Period>,
        /// The base period [default: a year before the current one].
        #[arg(long, value_parser = parse_period)]
        base: Option<Period>,
        /// The outlet universe (售点总数) in both periods.
        #[arg(long)]
        universe: Option<u64>,
        /// The universe in the base period, when it differs.
        #[arg(long)]
        universe_base: Option<u64>,
        #[command(flatten)]
        common: Common,
    },
}

impl Analysis {
    fn common(&self) -> &Common {
        match self {
            Analysis::Abc { common, .. }
            | Analysis::Yoy { common, .. }
            | Analysis::Seasonality { common }
            | Analysis::Forecast { common, .. }
            | Analysis::Funnel { common, .. } => common,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Analysis::Abc { .. } => "abc",
            Analysis::Yoy { .. } => "yoy",
            Analysis::Seasonality { .. } => "seasonality",
            Analysis::Forecast { .. } => "forecast",
            Analysis::Funnel { .. } => "funnel",
        }
    }
}

fn parse_dim(text: &str) -> Result<Dim, String> {
    Dim::from_code(text).ok_or_else(|| {
        "expected region, customer, product, category, salesperson or channel".into()
    })
}

pub(crate) fn parse_measure(text: &str) -> Result<Measure, String> {
    Measure::from_code(text).ok_or_else(|| "expected amount, quantity or gross_profit".into())
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text)
        .ok_or_else(|| "expected a year (2019), a month (2019-03), a quarter (2019-Q2) or a range (2019-01..2019-06)".into())
}

fn parse_comparison(text: &str) -> Result<Comparison, String> {
    Comparison::from_code(text).ok_or_else(|| "expected yoy, pop or ytd".into())
}

/// Runs `sandtable review`.
pub fn run(args: ReviewArgs) -> Result<(), Vec<String>> {
    let (mut json, mut timings) = (args.json, args.timings);
    let mut analyses = vec![args.analysis];
    // Analyses chained after `--`.
    while let Some(rest) = analyses.last().map(|a| a.common().then.clone())
        && !rest.is_empty()
    {
        let chained = Chained::try_parse_from(&rest).unwrap_or_else(|e| e.exit());
        json |= chained.json;
        timings |= chained.timings;
        analyses.push(chained.analysis);
    }
    let clock = Instant::now();
    let (frame, read_ms) = load(&args.file, args.read)?;
    let frame_ms = clock.elapsed().as_secs_f64() * 1000.0 - read_ms;
    // Each analysis's fastest run (of --repeat runs) and the fastest run of them all.
    let mut best = vec![f64::MAX; analyses.len()];
    let mut best_core = vec![f64::MAX; analyses.len()];
    let mut best_total = f64::MAX;
    let mut best_core_total = f64::MAX;
    let mut results = Vec::new();
    for run in 0..args.repeat.max(1) {
        let all = Instant::now();
        let mut core_total = 0.0;
        for (i, analysis) in analyses.iter().enumerate() {
            let t = Instant::now();
            let mut core = 0.0;
            let result = analyse(&frame, analysis, json, &mut core);
            best[i] = best[i].min(t.elapsed().as_secs_f64() * 1000.0);
            best_core[i] = best_core[i].min(core);
            core_total += core;
            if run == 0 {
                results.push(result);
            }
        }
        best_total = best_total.min(all.elapsed().as_secs_f64() * 1000.0);
        best_core_total = best_core_total.min(core_total);
    }
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(out) => say(&out),
            Err(p) => problems.push(p),
        }
    }
    let lines: Vec<String> = analyses
        .iter()
        .zip(best.iter().zip(&best_core))
        .map(|(a, (ms, core))| {
            format!("timing: {} {core:.2} ms (with output {ms:.2} ms)", a.name())
        })
        .collect();
    if timings {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "timing: read {read_ms:.1} ms\ntiming: frame {frame_ms:.2} ms ({} rows)",
            frame.rows()
        );
        for l in &lines {
            let _ = writeln!(err, "{l}");
        }
        let _ = writeln!(
            err,
            "timing: analyses {best_core_total:.2} ms (with output {best_total:.2} ms)"
        );
    }
    // The process ends here: leave the frame to the OS.
    std::mem::forget(frame);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Reads the file into a frame; returns the frame and the milliseconds spent reading.
pub(crate) fn load(file: &Path, read: ReadArgs) -> Result<(Frame, f64), Vec<String>> {
    let clock = Instant::now();
    if is_workspace_file(file) {
        let ws = read_workspace(file)?;
        let ms = clock.elapsed().as_secs_f64() * 1000.0;
        let frame = Frame::from_workspace(&ws);
        std::mem::forget(ws);
        return Ok((frame, ms));
    }
    let (imported, _) = read_ledger_file(file, &read.options())?;
    let ms = clock.elapsed().as_secs_f64() * 1000.0;
    let mut imported = imported;
    // The ledger's big columns move into the frame.
    let frame = Frame::take_from(
        &mut imported.ledger,
        &imported.customers,
        &imported.products,
        &imported.regions,
        &imported.salespeople,
    );
    // Leave the rest to the OS instead of freeing a million strings one by one.
    std::mem::forget(imported);
    Ok((frame, ms))
}

/// Whether the file is a Sandtable workspace file (JSON naming the format near its start).
fn is_workspace_file(file: &Path) -> bool {
    let mut head = [0u8; 256];
    let n = std::fs::File::open(file)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('{') && text.contains(sandtable_core::WORKSPACE_FORMAT)
}

pub(crate) fn read_workspace(file: &Path) -> Result<sandtable_core::Workspace, Vec<String>> {
    let name = file.display();
    let meta =
        std::fs::metadata(file).map_err(|e| vec![format!("error: cannot read {name}: {e}")])?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        let e = sandtable_core::FileError::TooLarge {
            bytes: meta.len(),
            limit: MAX_FILE_BYTES as u64,
        };
        return Err(vec![format!("error: {name}: {e}")]);
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| vec![format!("error: cannot read {name}: {e}")])?;
    crate::parse_workspace(&name, &text)
}

/// A `--filter` value resolved to frame keys (by id, then by display name).
fn filter_of(frame: &Frame, specs: &[String]) -> Result<Filter, String> {
    let mut filter = Filter::all();
    for spec in specs {
        let (dim, member) = spec.split_once('=').ok_or_else(|| {
            format!("error: --filter {spec}: expected DIM=MEMBER, e.g. region=华东")
        })?;
        let dim = parse_dim(dim.trim()).map_err(|e| format!("error: --filter {spec}: {e}"))?;
        let members = frame.members(dim);
        let key = members
            .key(member)
            .or_else(|| {
                members
                    .names
                    .iter()
                    .position(|n| n == member)
                    .map(|k| k as u32)
            })
            .ok_or_else(|| {
                format!(
                    "error: --filter {spec}: no {} \"{member}\" in the data",
                    dim.code()
                )
            })?;
        filter = filter.and(dim, key);
    }
    Ok(filter)
}

/// The periods compared without --current: year to date against last year to date, aligned
/// on the last month with data (the whole years when the data ends in December).
fn default_periods(frame: &Frame) -> Result<(Period, Period), String> {
    review::default_periods(frame.last_month())
        .ok_or_else(|| "error: the file has no ledger rows to review".to_string())
}

fn plural(dim: Dim) -> &'static str {
    match dim {
        Dim::Region => "regions",
        Dim::Customer => "customers",
        Dim::Product => "products",
        Dim::Category => "categories",
        Dim::Salesperson => "salespeople",
        Dim::Channel => "channels",
    }
}

pub(crate) fn money(m: Money) -> Value {
    Value::String(m.to_decimal_string())
}

/// A float for JSON (NaN and infinities never reach here: the core returns `None` instead).
fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

pub(crate) fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, num)
}

pub(crate) fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |x| format!("{:+.1}%", x * 100.0))
}

/// Runs `f`, adding the milliseconds it took to `ms`.
fn timed<T>(ms: &mut f64, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    *ms += t.elapsed().as_secs_f64() * 1000.0;
    out
}

/// Runs one analysis; returns what to print. `core_ms` receives the time spent in the core's
/// analysis functions (without formatting the output).
fn analyse(
    frame: &Frame,
    analysis: &Analysis,
    json: bool,
    core_ms: &mut f64,
) -> Result<String, String> {
    let common = analysis.common();
    let filter = filter_of(frame, &common.filter)?;
    let fail = |e: review::ReviewError| format!("error: {}", e.message(Lang::En));
    match analysis {
        Analysis::Abc {
            by, a, b, period, ..
        } => {
            let t = AbcThresholds {
                a: a / 100.0,
                b: b / 100.0,
            };
            let r = timed(core_ms, || {
                review::abc(frame, *by, common.measure, *period, &filter, t)
            })
            .map_err(fail)?;
            if json {
                let pareto = r.pareto().map_or(
                    Value::Null,
                    |(x, y)| json!({"members_share": num(x), "value_share": num(y)}),
                );
                let head = json!({
                    "analysis": "abc", "by": by.code(), "measure": common.measure.code(),
                    "total": money(r.total),
                    "counts": {"A": r.counts[0], "B": r.counts[1], "C": r.counts[2], "inactive": r.inactive.len()},
                    "pareto": pareto,
                })
                .to_string();
                // Members are written directly: thousands of them, in rank order.
                let mut out = String::with_capacity(head.len() + 128 * r.members.len());
                out.push_str(head.strip_suffix('}').unwrap_or(&head));
                out.push_str(",\"members\":[");
                let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
                let classed = r.members.iter().map(|m| {
                    (
                        &m.id,
                        &m.name,
                        m.value,
                        num(m.share),
                        num(m.cumulative),
                        m.class.code(),
                    )
                });
                let inactive = r.inactive.iter().map(|m| {
                    (
                        &m.id,
                        &m.name,
                        m.value,
                        Value::Null,
                        Value::Null,
                        "inactive",
                    )
                });
                for (i, (id, name, value, share, cumulative, class)) in
                    classed.chain(inactive).enumerate()
                {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&format!(
                        "{{\"key\":{},\"name\":{},\"value\":\"{value}\",\"share\":{share},\"cumulative\":{cumulative},\"class\":\"{class}\"}}",
                        text(id),
                        text(name)
                    ));
                }
                out.push_str("]}");
                return Ok(out);
            }
            let mut out = vec![format!(
                "ABC by {} ({}): A {}, B {}, C {}, inactive {}; total {}",
                by.code(),
                common.measure.code(),
                r.counts[0],
                r.counts[1],
                r.counts[2],
                r.inactive.len(),
                format_money(r.total, Lang::En)
            )];
            if let Some((x, y)) = r.pareto() {
                out.push(format!(
                    "{:.1}% of {} make {:.1}% of {}",
                    x * 100.0,
                    plural(*by),
                    y * 100.0,
                    common.measure.code()
                ));
            }
            out.push(format!(
                "{:>5}  {:<24} {:>16} {:>7} {:>7}  class",
                "rank", "member", "value", "share", "cum."
            ));
            for (i, m) in r.members.iter().enumerate().take(50) {
                out.push(format!(
                    "{:>5}  {:<24} {:>16} {:>6.1}% {:>6.1}%  {}",
                    i + 1,
                    m.id,
                    m.value.to_decimal_string(),
                    m.share * 100.0,
                    m.cumulative * 100.0,
                    m.class.code()
                ));
            }
            if r.members.len() > 50 {
                out.push(format!(
                    "… and {} more (use --json for all)",
                    r.members.len() - 50
                ));
            }
            Ok(out.join("\n"))
        }
        Analysis::Yoy {
            by,
            current,
            base,
            compare,
            monthly,
            ..
        } => {
            let (cur, bas) = match (current, base) {
                (Some(c), Some(b)) => (*c, *b),
                (Some(c), None) => compare.periods(*c, frame.last_month()),
                (None, _) => default_periods(frame)?,
            };
            if *monthly {
                let t = timed(core_ms, || {
                    review::compare_by_month(frame, *by, common.measure, cur, bas, &filter)
                })
                .map_err(fail)?;
                let mut members = Vec::new();
                let mut text = vec![format!(
                    "{} by {} and month: {cur} vs {bas}",
                    common.measure.code(),
                    by.code()
                )];
                for r in &t.rows {
                    for i in 0..r.current.len() {
                        let month = review::month_label(cur.first + i as i32);
                        if json {
                            members.push(json!({"key": r.id, "name": r.name, "month": month,
                                "current": money(r.current[i]), "base": money(r.base[i]), "growth": opt(r.growth(i))}));
                        } else {
                            text.push(format!(
                                "{:<24} {month} {:>16} {:>16} {:>8}",
                                r.id,
                                r.current[i].to_decimal_string(),
                                r.base[i].to_decimal_string(),
                                pct(r.growth(i))
                            ));
                        }
                    }
                }
                if json {
                    let v = json!({"analysis": "yoy", "by": by.code(), "measure": common.measure.code(),
                        "current_period": cur.to_string(), "base_period": bas.to_string(), "monthly": true, "members": members});
                    return Ok(v.to_string());
                }
                return Ok(text.join("\n"));
            }
            let t = timed(core_ms, || {
                review::compare(frame, *by, common.measure, cur, bas, &filter)
            })
            .map_err(fail)?;
            if json {
                let members: Vec<Value> = t
                    .rows
                    .iter()
                    .map(|r| {
                        json!({"key": r.id, "name": r.name, "current": money(r.current), "base": money(r.base),
                            "change": money(r.change), "growth": opt(r.growth), "contribution": opt(r.contribution),
                            "share": opt(r.share), "base_share": opt(r.base_share), "mix_change_pp": opt(r.mix_change_pp),
                            "rank": r.rank, "index": opt(r.index)})
                    })
                    .collect();
                let v = json!({"analysis": "yoy", "by": by.code(), "measure": common.measure.code(),
                    "current_period": cur.to_string(), "base_period": bas.to_string(),
                    "total": {"current": money(t.total_current), "base": money(t.total_base),
                              "change": money(t.total_change), "growth": opt(t.growth)},
                    "members": members});
                return Ok(v.to_string());
            }
            let mut out = vec![format!(
                "{} by {}: {cur} {} vs {bas} {}, growth {}",
                common.measure.code(),
                by.code(),
                format_money(t.total_current, Lang::En),
                format_money(t.total_base, Lang::En),
                pct(t.growth)
            )];
            out.push(format!(
                "{:>5}  {:<24} {:>16} {:>16} {:>8} {:>8} {:>7} {:>8} {:>6}",
                "rank",
                "member",
                "current",
                "base",
                "growth",
                "contrib.",
                "share",
                "mix pp",
                "index"
            ));
            for r in t.rows.iter().take(50) {
                let growth = match (r.growth, r.current.0) {
                    (None, c) if c != 0 => "new".to_string(),
                    (g, _) => pct(g),
                };
                out.push(format!(
                    "{:>5}  {:<24} {:>16} {:>16} {:>8} {:>8} {:>7} {:>8} {:>6}",
                    r.rank,
                    r.id,
                    r.current.to_decimal_string(),
                    r.base.to_decimal_string(),
                    growth,
                    pct(r.contribution),
                    r.share.map_or("—".into(), |s| format!("{:.1}%", s * 100.0)),
                    r.mix_change_pp.map_or("—".into(), |m| format!("{m:+.2}")),
                    r.index.map_or("—".into(), |i| format!("{i:.0}")),
                ));
            }
            if t.rows.len() > 50 {
                out.push(format!(
                    "… and {} more (use --json for all)",
                    t.rows.len() - 50
                ));
            }
            Ok(out.join("\n"))
        }
        Analysis::Seasonality { .. } => {
            let d = timed(core_ms, || {
                review::complete_months(frame, common.measure, &filter)
                    .and_then(|s| review::decompose(&s))
            })
            .map_err(fail)?;
            if json {
                let v = json!({"analysis": "seasonality", "measure": common.measure.code(),
                    "indices": d.indices.iter().map(|x| num(*x)).collect::<Vec<_>>(),
                    "months_used": d.months_used,
                    "first_month": review::month_label(d.first_month),
                    "last_month": review::month_label(d.first_month + d.months_used as i32 - 1),
                    "trend": {"intercept": num(d.intercept), "slope": num(d.slope)}});
                return Ok(v.to_string());
            }
            let mut out = vec![format!(
                "seasonality index of {} ({} months, {} to {}; average 100)",
                common.measure.code(),
                d.months_used,
                review::month_label(d.first_month),
                review::month_label(d.first_month + d.months_used as i32 - 1)
            )];
            for (m, i) in d.indices.iter().enumerate() {
                out.push(format!("{:>2}  {i:>6.1}", m + 1));
            }
            Ok(out.join("\n"))
        }
        Analysis::Forecast { months, .. } => {
            let f = timed(core_ms, || {
                review::complete_months(frame, common.measure, &filter)
                    .and_then(|s| review::forecast(&s, *months))
            })
            .map_err(fail)?;
            if json {
                let v = json!({"analysis": "forecast", "measure": common.measure.code(),
                    "forecast": f.months.iter().map(|m| json!({"month": review::month_label(m.month), "value": num(m.value)})).collect::<Vec<_>>(),
                    "backtest": f.backtest.iter().map(|b| json!({"month": review::month_label(b.month), "actual": num(b.actual), "forecast": num(b.forecast)})).collect::<Vec<_>>(),
                    "backtest_mape": opt(f.backtest_mape),
                    "months_used": f.decomposition.months_used});
                return Ok(v.to_string());
            }
            let mut out = vec![format!(
                "forecast of {} (trend × seasonality, from {} months); back-test MAPE {}",
                common.measure.code(),
                f.decomposition.months_used,
                f.backtest_mape
                    .map_or("— (needs 30 months)".into(), |m| format!(
                        "{:.1}%",
                        m * 100.0
                    ))
            )];
            for m in &f.months {
                out.push(format!(
                    "{}  {:>16.2}",
                    review::month_label(m.month),
                    m.value
                ));
            }
            Ok(out.join("\n"))
        }
        Analysis::Funnel {
            current,
            base,
            universe,
            universe_base,
            ..
        } => {
            let (cur, bas) = match (current, base) {
                (Some(c), Some(b)) => (*c, *b),
                (Some(c), None) => (*c, c.shift(-12)),
                (None, _) => default_periods(frame)?,
            };
            let input = FunnelInput {
                universe_current: *universe,
                universe_base: universe_base.or(*universe),
                ..FunnelInput::default()
            };
            let r = timed(core_ms, || review::funnel(frame, cur, bas, &filter, &input));
            use review::FunnelFactor::*;
            let factors = [Universe, Coverage, Activity, Depth, Productivity];
            let counts = |c: &review::FunnelCounts| {
                let f: serde_json::Map<String, Value> = factors
                    .iter()
                    .map(|f| (f.code().to_string(), opt(c.factor(*f))))
                    .collect();
                json!({"period": c.period.to_string(), "universe": c.universe, "covered": c.covered,
                    "active": c.active, "depth_pairs": c.depth_pairs, "sales": money(c.sales), "factors": f})
            };
            if json {
                let v = json!({"analysis": "funnel", "current": counts(&r.current), "base": counts(&r.base),
                "change": money(r.change),
                "effects": r.effects.iter().map(|e| json!({"factor": e.factor.code(), "base": num(e.base),
                    "current": num(e.current), "effect": num(e.effect)})).collect::<Vec<_>>(),
                "problem": r.problem.as_ref().map_or(Value::Null, |p| {
                    let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
                    if let Some(o) = v.as_object_mut() { o.insert("message".into(), p.message(Lang::En).into()); }
                    v
                })});
                return Ok(v.to_string());
            }
            let mut out = vec![format!(
                "five-dimension funnel: {cur} vs {}, sales {} vs {} (change {})",
                bas,
                format_money(r.current.sales, Lang::En),
                format_money(r.base.sales, Lang::En),
                r.change
            )];
            for c in [&r.base, &r.current] {
                out.push(format!(
                    "{}: universe {}, covered {}, active {}, customer×SKU {}, sales {}",
                    c.period,
                    c.universe.map_or("—".into(), |u| u.to_string()),
                    c.covered,
                    c.active,
                    c.depth_pairs,
                    c.sales
                ));
            }
            for e in &r.effects {
                out.push(format!(
                    "{:<14} {:>14.4} → {:>14.4}  effect {:>16.2}",
                    e.factor.code(),
                    e.base,
                    e.current,
                    e.effect
                ));
            }
            if let Some(p) = &r.problem {
                out.push(p.message(Lang::En));
            }
            Ok(out.join("\n"))
        }
    }
}
