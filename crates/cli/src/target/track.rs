//! `sandtable target track PLAN_OR_WORKSPACE FILE`: a plan's targets against a ledger's sales,
//! by month and by member of each planned dimension, as the core's tracking computes them.

use clap::Args;
use sandtable_core::envelope::EnvelopeError;
use sandtable_core::review::{Dim, Frame};
use sandtable_core::targets::{
    MemberTrack, Plan, TrackLine, Tracking, plan_from_json, projection_method, track,
};
use sandtable_core::{Date, Lang, MAX_FILE_BYTES, Money, format_money};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

use crate::review::{load, money, opt, pct, read_workspace};
use crate::{ReadArgs, parse_date, say};

/// Arguments of `sandtable target track`.
#[derive(Args)]
pub struct TrackArgs {
    /// The plan: a plan file (sandtable.plan) or a workspace file holding plans.
    plan: PathBuf,
    /// The sales: a ledger file (read as `sandtable import` reads it) or a workspace file.
    file: PathBuf,
    /// The plan year, for a workspace holding several plans [default: its latest].
    #[arg(long)]
    year: Option<i32>,
    /// Read actuals up to this day [default: the last day with sales].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<Date>,
    #[command(flatten)]
    read: ReadArgs,
    /// Print one JSON object (money as exact decimal strings).
    #[arg(long)]
    json: bool,
}

/// Runs `target track`.
pub fn run(args: TrackArgs) -> Result<(), Vec<String>> {
    let plan = read_plan(&args.plan, args.year)?;
    let Some(allocation) = &plan.allocation else {
        return Err(vec![format!(
            "error: the {} plan in {} has not been split yet (no monthly or member targets to track)",
            plan.year,
            args.plan.display()
        )]);
    };
    let (frame, _) = load(&args.file, args.read)?;
    let t = track(allocation, &frame, plan.year, plan.measure, args.as_of);
    if args.json {
        say(&to_json(&t, &plan).to_string());
    } else {
        say(&to_text(&t, &plan, &frame));
    }
    Ok(())
}

/// The plan of a plan file, or of a workspace file (the year asked for, else its latest).
fn read_plan(file: &Path, year: Option<i32>) -> Result<Plan, Vec<String>> {
    let name = file.display();
    let meta =
        std::fs::metadata(file).map_err(|e| vec![format!("error: cannot read {name}: {e}")])?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(vec![format!(
            "error: {name} is too large ({} bytes) to be a plan or a workspace",
            meta.len()
        )]);
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| vec![format!("error: cannot read {name}: {e}")])?;
    match plan_from_json(&text) {
        Ok(plan) => match year {
            Some(y) if y != plan.year => Err(vec![format!(
                "error: {name} is the plan for {}, not {y}",
                plan.year
            )]),
            _ => Ok(plan),
        },
        Err(e)
            if e.0
                == (EnvelopeError::WrongFormat {
                    found: Some(sandtable_core::WORKSPACE_FORMAT.to_string()),
                }) =>
        {
            let ws = read_workspace(file)?;
            let plan = match year {
                Some(y) => ws.targets.plan(y),
                None => ws.targets.latest(),
            };
            plan.cloned().ok_or_else(|| {
                vec![match year {
                    Some(y) => format!("error: {name} has no target plan for {y}"),
                    None => format!("error: {name} has no target plan"),
                }]
            })
        }
        Err(e) => Err(vec![format!("error: {name}: {e}")]),
    }
}

fn line_json(l: &TrackLine) -> Value {
    json!({
        "target": money(l.target),
        "target_to_date": money(l.target_to_date),
        "actual_to_date": money(l.actual_to_date),
        "actual_in_progress": money(l.actual_in_progress),
        "gap_to_date": money(l.gap_to_date),
        "achievement_to_date": opt(l.achievement_to_date),
        "achievement_of_year": opt(l.achievement_of_year),
        "run_rate": l.run_rate.map_or(Value::Null, money),
        "projected": l.projected.map_or(Value::Null, money),
    })
}

fn to_json(t: &Tracking, plan: &Plan) -> Value {
    json!({
        "year": t.year,
        "measure": plan.measure.code(),
        "as_of": t.as_of.to_string(),
        "elapsed_months": t.elapsed,
        "method": projection_method(Lang::En),
        "total": line_json(&t.total),
        "months": t.months.iter().map(|m| json!({
            "month": m.month,
            "target": money(m.target),
            "actual": m.actual.map_or(Value::Null, money),
            "in_progress": m.in_progress,
            "gap": m.gap.map_or(Value::Null, money),
            "achievement": opt(m.achievement),
        })).collect::<Vec<_>>(),
        "dims": t.dims.iter().map(|d| json!({
            "dim": d.dim.code(),
            "members": d.members.iter().map(|m: &MemberTrack| {
                let mut v = line_json(&m.line);
                v["key"] = Value::String(m.id.clone());
                v["name"] = Value::String(m.name.clone());
                v["planned"] = Value::Bool(m.planned);
                v
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn to_text(t: &Tracking, plan: &Plan, frame: &Frame) -> String {
    let lang = Lang::Zh;
    let m = |x: Money| format_money(x, lang);
    let mut out = format!(
        "{} 年目标追踪（{}），截至 {}，已完成 {} 个月\n{}\n\n",
        t.year,
        plan.measure.label(lang),
        t.as_of,
        t.elapsed,
        projection_method(lang)
    );
    out.push_str(&format!(
        "{:<8} {:>16} {:>16} {:>16} {:>9}\n",
        "月份", "目标", "实际", "差距", "达成"
    ));
    for mt in &t.months {
        let actual = mt.actual.map_or_else(|| "—".into(), m);
        let actual = if mt.in_progress {
            format!("{actual}*")
        } else {
            actual
        };
        out.push_str(&format!(
            "{:<8} {:>16} {:>16} {:>16} {:>9}\n",
            format!("{}-{:02}", t.year, mt.month),
            m(mt.target),
            actual,
            mt.gap.map_or_else(|| "—".into(), m),
            mt.achievement
                .map_or_else(|| "—".into(), |a| format!("{:.1}%", a * 100.0)),
        ));
    }
    let l = &t.total;
    out.push_str(&format!(
        "\n全年目标 {}；至今目标 {}，实际 {}，差距 {}（{}）；月均 {}；预计全年 {}\n",
        m(l.target),
        m(l.target_to_date),
        m(l.actual_to_date),
        m(l.gap_to_date),
        pct(l.achievement_to_date.map(|a| a - 1.0)),
        l.run_rate.map_or_else(|| "—".into(), m),
        l.projected.map_or_else(|| "—".into(), m),
    ));
    for d in &t.dims {
        out.push_str(&format!(
            "\n{} ({})\n{:<24} {:>16} {:>16} {:>16} {:>9} {:>16}\n",
            d.dim.label(lang),
            frame.members(d.dim).len(),
            "成员",
            "全年目标",
            "至今目标",
            "至今实际",
            "达成",
            "预计全年"
        ));
        for mt in &d.members {
            let name = if mt.planned {
                mt.name.clone()
            } else {
                format!("{}（无目标）", mt.name)
            };
            out.push_str(&format!(
                "{:<24} {:>16} {:>16} {:>16} {:>9} {:>16}\n",
                name,
                m(mt.line.target),
                m(mt.line.target_to_date),
                m(mt.line.actual_to_date),
                mt.line
                    .achievement_to_date
                    .map_or_else(|| "—".into(), |a| format!("{:.1}%", a * 100.0)),
                mt.line.projected.map_or_else(|| "—".into(), m),
            ));
        }
    }
    if t.dims.iter().any(|d| d.dim == Dim::Category) {
        out.push_str("\n品类目标与实际均由其产品汇总。\n");
    }
    out
}
