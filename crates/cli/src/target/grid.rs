//! `sandtable target grid FILE --year Y --total AMOUNT --rows DIM --cols DIM`: a two-way target
//! grid whose rows and columns are the two splits of one total, fitted to last year's grid.

use clap::Args;
use sandtable_core::targets::{
    GridIssue, GridTargets, History, SplitDim, base_grid, dim_len, fit_grid,
};
use sandtable_core::{Lang, Money, format_price};
use serde_json::{Value, json};
use std::path::PathBuf;

use super::pad;
use super::split::{Sharing, issues_json, split_over};
use crate::review::{load, money};
use crate::{ReadArgs, say};

/// Arguments of `sandtable target grid`.
#[derive(Args)]
pub struct GridArgs {
    /// The sales: a ledger file (read as `sandtable import` reads it) or a workspace file.
    file: PathBuf,
    #[command(flatten)]
    sharing: Sharing,
    /// The rows' dimension: month, region, category, product, salesperson or customer.
    #[arg(long, value_parser = super::split::parse_split_dim)]
    rows: SplitDim,
    /// The columns' dimension (not the rows').
    #[arg(long, value_parser = super::split::parse_split_dim)]
    cols: SplitDim,
    #[command(flatten)]
    read: ReadArgs,
    /// Print one JSON object (money as exact decimal strings).
    #[arg(long)]
    json: bool,
}

/// Runs `target grid`.
pub fn run(args: GridArgs) -> Result<(), Vec<String>> {
    if args.rows == args.cols {
        return Err(vec![format!(
            "error: --rows and --cols are both {}; a grid needs two dimensions",
            args.rows.code()
        )]);
    }
    let (frame, _) = load(&args.file, args.read)?;
    let s = &args.sharing;
    let (rs, rh) = split_over(&frame, s, args.rows, &[])?;
    let (cs, ch) = split_over(&frame, s, args.cols, &[])?;
    let seed = base_grid(&frame, args.rows, args.cols, s.measure, s.year)
        .map_err(|e| vec![format!("error: {e}")])?;
    let g = fit_grid(&rs, &cs, &seed, dim_len(&frame, args.cols), s.unit, &[]);
    // The process ends next: leave the frame's columns to the OS, as `review` does.
    std::mem::forget(frame);
    if args.json {
        let mut issues = issues_json(&rs, &rh);
        issues.extend(issues_json(&cs, &ch));
        issues.extend(g.issues.iter().map(|i| grid_issue(i, &rh, &ch)));
        say(&json!({
            "year": s.year,
            "measure": s.measure.code(),
            "basis": s.basis,
            "unit": money(s.unit),
            "total": money(s.total),
            "row_dim": args.rows.code(),
            "col_dim": args.cols.code(),
            "rows": g.rows.iter().map(|&k| &rh.ids[k]).collect::<Vec<_>>(),
            "cols": g.cols.iter().map(|&k| &ch.ids[k]).collect::<Vec<_>>(),
            "cells": g.cells.chunks(g.cols.len().max(1)).map(|r| r.iter().map(|&m| money(m)).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "row_totals": g.row_totals.iter().map(|&m| money(m)).collect::<Vec<_>>(),
            "col_totals": g.col_totals.iter().map(|&m| money(m)).collect::<Vec<_>>(),
            "iterations": g.iterations,
            "converged": g.converged,
            "issues": issues,
        })
        .to_string());
    } else {
        say(&to_text(&g, &rh, &ch));
    }
    Ok(())
}

fn grid_issue_text(i: &GridIssue, rh: &History, ch: &History) -> String {
    i.message(&|k| rh.names[k].clone(), &|k| ch.names[k].clone(), Lang::En)
}

fn grid_issue(i: &GridIssue, rh: &History, ch: &History) -> Value {
    json!({"message": grid_issue_text(i, rh, ch)})
}

fn to_text(g: &GridTargets, rh: &History, ch: &History) -> String {
    let m = |x: Money| format_price(x, Lang::En);
    let mut out = pad("", 20, true);
    for &c in &g.cols {
        out.push_str(&format!(" {}", pad(&ch.names[c], 16, false)));
    }
    out.push_str(&format!(" {:>18}\n", "total"));
    let n = g.cols.len();
    for (i, &r) in g.rows.iter().enumerate() {
        out.push_str(&pad(&rh.names[r], 20, true));
        for &v in &g.cells[i * n..(i + 1) * n] {
            out.push_str(&format!(" {:>16}", m(v)));
        }
        out.push_str(&format!(" {:>18}\n", m(g.row_totals[i])));
    }
    out.push_str(&pad("total", 20, true));
    for &v in &g.col_totals {
        out.push_str(&format!(" {:>16}", m(v)));
    }
    out.push_str(&format!(
        " {:>18}\n{} RAS iterations, {}",
        m(g.row_totals.iter().copied().sum()),
        g.iterations,
        if g.converged {
            "both totals met exactly"
        } else {
            "rows met exactly, columns not"
        }
    ));
    for i in &g.issues {
        out.push_str(&format!("\nnote: {}", grid_issue_text(i, rh, ch)));
    }
    out
}
