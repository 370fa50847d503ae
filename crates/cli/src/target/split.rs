//! `sandtable target split FILE --year Y --total AMOUNT --by DIM`: an annual target shared over
//! one dimension's members by their bases, in whole units, with locked members kept exactly.

use clap::Args;
use sandtable_core::review::{Frame, Measure};
use sandtable_core::targets;
use sandtable_core::targets::{
    History, Split, SplitBasis, SplitDim, SplitRequest, bases, history, split,
};
use sandtable_core::{Dec, Lang, Money, format_money, format_price};
use serde_json::{Value, json};
use std::path::PathBuf;

use super::pad;
use crate::review::load;
use crate::{ReadArgs, say};

/// How the members' bases and targets are read from the command line (shared with `grid`).
#[derive(Args, Clone)]
pub(super) struct Sharing {
    /// The plan year: bases are read from the years before it.
    #[arg(long)]
    pub year: i32,
    /// The annual target, in the measure's unit (e.g. 12000000 or 12,000,000).
    #[arg(long, value_parser = parse_amount)]
    pub total: Money,
    /// The measure: amount, quantity or gross_profit.
    #[arg(long, default_value = "amount", value_parser = crate::review::parse_measure)]
    pub measure: Measure,
    /// How bases are computed: last-year, weighted (3-year share), growth, equal, potential or
    /// manual (the last two with --weight ID=VALUE).
    #[arg(long, default_value = "last-year", value_parser = ["last-year", "weighted", "growth", "equal", "potential", "manual"])]
    pub basis: String,
    /// The 3-year weights of --basis weighted, Y−1,Y−2,Y−3.
    #[arg(long, default_value = "50,30,20", value_parser = parse_weights)]
    pub weights: [Dec; 3],
    /// A member's weight (potential) or percentage (manual), repeatable: ID=VALUE.
    #[arg(long = "weight", value_name = "ID=VALUE", value_parser = parse_pair)]
    pub weight: Vec<(String, String)>,
    /// Every target is a multiple of this (e.g. 100 or 10000).
    #[arg(long, default_value = "1", value_parser = parse_amount)]
    pub unit: Money,
}

/// Arguments of `sandtable target split`.
#[derive(Args)]
pub struct SplitArgs {
    /// The sales: a ledger file (read as `sandtable import` reads it) or a workspace file.
    file: PathBuf,
    #[command(flatten)]
    sharing: Sharing,
    /// The dimension: month, region, category, product, salesperson or customer.
    #[arg(long, value_parser = parse_split_dim)]
    by: SplitDim,
    /// Fix a member's target (repeatable): ID=AMOUNT; month ids are 01–12 (or 1–12, YYYY-MM).
    #[arg(long = "lock", value_name = "ID=AMOUNT", value_parser = parse_pair)]
    lock: Vec<(String, String)>,
    #[command(flatten)]
    read: ReadArgs,
    /// Print one JSON object (money as exact decimal strings, shares as fractions).
    #[arg(long)]
    json: bool,
}

fn parse_amount(text: &str) -> Result<Money, String> {
    targets::parse_amount(text)
        .ok_or_else(|| "expected an amount such as 12000000 or 12,000,000.50".into())
}

pub(super) fn parse_split_dim(text: &str) -> Result<SplitDim, String> {
    SplitDim::from_code(text)
        .ok_or_else(|| "expected month, region, category, product, salesperson or customer".into())
}

fn parse_weights(text: &str) -> Result<[Dec; 3], String> {
    let w: Vec<Dec> = text
        .split(',')
        .map(|p| Dec::parse(p.trim()))
        .collect::<Option<_>>()
        .ok_or("expected three numbers such as 50,30,20")?;
    w.try_into()
        .map_err(|_| "expected three weights, for Y−1, Y−2 and Y−3 (e.g. 50,30,20)".into())
}

fn parse_pair(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        .ok_or_else(|| "expected ID=VALUE".into())
}

/// The key of the member a user named: its id, else its display name; months as 01–12, 1–12
/// or YYYY-MM of the plan year.
pub(super) fn member_key(h: &History, dim: SplitDim, name: &str) -> Result<usize, String> {
    let found = match dim {
        SplitDim::Month => {
            let m = name
                .strip_prefix(&format!("{}-", h.year))
                .unwrap_or(name)
                .parse::<usize>()
                .ok();
            m.filter(|m| (1..=12).contains(m)).map(|m| m - 1)
        }
        SplitDim::Member(_) => h
            .ids
            .iter()
            .position(|id| id == name)
            .or_else(|| h.names.iter().position(|n| n == name)),
    };
    found.ok_or_else(|| match dim {
        SplitDim::Month => format!(
            "error: no month {name:?}: months are 01–12 or {}-01…{}-12",
            h.year, h.year
        ),
        SplitDim::Member(d) => format!("error: no {} {name:?} in the ledger", d.code()),
    })
}

/// The basis the flags ask for, with per-member weights by key.
fn basis_of(s: &Sharing, h: &History, dim: SplitDim) -> Result<SplitBasis, String> {
    let per_member = || -> Result<Vec<Dec>, String> {
        if s.weight.is_empty() {
            return Err(format!(
                "error: --basis {} needs --weight ID=VALUE for the members that count",
                s.basis
            ));
        }
        let mut w = vec![Dec::int(0); h.len()];
        for (id, v) in &s.weight {
            let key = member_key(h, dim, id)?;
            w[key] = Dec::parse(v)
                .ok_or_else(|| format!("error: the weight of {id} is not a number: {v:?}"))?;
        }
        Ok(w)
    };
    Ok(match s.basis.as_str() {
        "weighted" => SplitBasis::Weighted(s.weights),
        "growth" => SplitBasis::GrowthAdjusted,
        "equal" => SplitBasis::Equal,
        "potential" => SplitBasis::Potential(per_member()?),
        "manual" => SplitBasis::Manual(per_member()?),
        _ => SplitBasis::LastYear,
    })
}

/// The split of `s.total` over `dim`, with its members' history.
pub(super) fn split_over(
    frame: &Frame,
    s: &Sharing,
    dim: SplitDim,
    locks: &[(String, String)],
) -> Result<(Split, History), Vec<String>> {
    let h = history(frame, dim, s.measure, s.year).map_err(|e| vec![format!("error: {e}")])?;
    let basis = basis_of(s, &h, dim).map_err(|e| vec![e])?;
    let b = bases(&h, &basis).map_err(|e| vec![format!("error: {e}")])?;
    let mut fixed = Vec::with_capacity(locks.len());
    for (id, amount) in locks {
        let key = member_key(&h, dim, id).map_err(|e| vec![e])?;
        let amount =
            parse_amount(amount).map_err(|e| vec![format!("error: the lock of {id}: {e}")])?;
        fixed.push((key, amount));
    }
    let names = |k: usize| h.names.get(k).cloned().unwrap_or_else(|| k.to_string());
    let sp = split(SplitRequest {
        total: s.total,
        unit: s.unit,
        bases: &b,
        ids: &h.ids,
        locks: &fixed,
        report_missing: basis.needs_history(),
    })
    .map_err(|e| vec![format!("error: {}", e.message(&names, Lang::En))])?;
    Ok((sp, h))
}

/// Runs `target split`.
pub fn run(args: SplitArgs) -> Result<(), Vec<String>> {
    let (frame, _) = load(&args.file, args.read)?;
    let (sp, h) = split_over(&frame, &args.sharing, args.by, &args.lock)?;
    // The process ends next: leave the frame's columns to the OS, as `review` does.
    std::mem::forget(frame);
    if args.json {
        say(&to_json(&sp, &h, &args.sharing, args.by));
    } else {
        say(&to_text(&sp, &h, &args.sharing, args.by));
    }
    Ok(())
}

pub(super) fn issues_json(sp: &Split, h: &History) -> Vec<Value> {
    sp.issues
        .iter()
        .map(|i| {
            let k = i.key();
            json!({"key": h.ids[k], "message": i.message(&h.names[k], Lang::En)})
        })
        .collect()
}

/// One member of `--json` (written straight from borrowed fields: no intermediate tree).
#[derive(serde::Serialize)]
struct MemberJson<'a> {
    key: &'a str,
    name: &'a str,
    base: String,
    share: f64,
    target: String,
    locked: bool,
}

/// The `--json` object, written straight from borrowed fields (no intermediate tree).
#[derive(serde::Serialize)]
struct SplitJson<'a> {
    year: i32,
    by: &'a str,
    measure: &'a str,
    basis: &'a str,
    unit: String,
    total: String,
    members: Vec<MemberJson<'a>>,
    issues: Vec<Value>,
}

fn to_json(sp: &Split, h: &History, s: &Sharing, dim: SplitDim) -> String {
    let out = SplitJson {
        year: s.year,
        by: dim.code(),
        measure: s.measure.code(),
        basis: &s.basis,
        unit: s.unit.to_decimal_string(),
        total: s.total.to_decimal_string(),
        members: sp
            .lines
            .iter()
            .map(|l| MemberJson {
                key: &h.ids[l.key],
                name: &h.names[l.key],
                base: l.base.to_decimal_string(),
                share: l.share,
                target: l.target.to_decimal_string(),
                locked: l.locked,
            })
            .collect(),
        issues: issues_json(sp, h),
    };
    serde_json::to_string(&out).expect("plain strings and finite numbers serialise")
}

fn to_text(sp: &Split, h: &History, s: &Sharing, dim: SplitDim) -> String {
    let m = |x: Money| format_money(x, Lang::En);
    let label = dim.code();
    let mut out = format!(
        "{} target {} over {} by {} bases ({} members, unit {})\n",
        s.year,
        m(s.total),
        label,
        s.basis,
        sp.lines.len(),
        m(s.unit)
    );
    let exact = |x: Money| format_price(x, Lang::En);
    out.push_str(&format!(
        "{} {:>20} {:>7} {:>20}\n",
        pad(label, 24, true),
        "base",
        "share",
        "target"
    ));
    for l in &sp.lines {
        out.push_str(&format!(
            "{} {:>20} {:>6.1}% {:>20}{}\n",
            pad(&h.names[l.key], 24, true),
            exact(l.base),
            l.share * 100.0,
            exact(l.target),
            if l.locked { "  locked" } else { "" }
        ));
    }
    for i in &sp.issues {
        out.push_str(&format!(
            "note: {}\n",
            i.message(&h.names[i.key()], Lang::En)
        ));
    }
    out.pop();
    out
}
