//! Two-dimensional targets (二维分解): a grid (region × category, customer × month, …) whose
//! row totals and column totals are the two one-dimensional splits of the same annual total,
//! its cells fitted by RAS from the base year's grid and then rounded with both margins exact.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Plan;
use super::basis::{BasisError, History, HistoryCache, SplitDim};
use super::ras::{Fitted, ras};
use super::round::{largest_remainder, round_grid};
use super::split::{Split, SplitLine};
use crate::review::{Frame, Measure};
use crate::{Date, Lang, Money};

/// The base year's grid: each (row member, column member)'s value in `year − 1`, row-major by
/// member keys (`rows` members × `cols` members).
pub fn base_grid(
    frame: &Frame,
    rows: SplitDim,
    cols: SplitDim,
    measure: Measure,
    year: i32,
) -> Result<Vec<Money>, BasisError> {
    let values = frame.measure(measure).ok_or(BasisError::NoCost)?;
    let width = dim_len(frame, cols);
    let mut out = vec![Money::ZERO; dim_len(frame, rows) * width];
    let in_year: Vec<Option<u8>> = (0..frame.months)
        .map(|s| {
            let (y, m) = Date::from_month_index(frame.first_month + s as i32);
            (y == year - 1).then_some((m - 1) as u8)
        })
        .collect();
    let key_of = |d: SplitDim| match d {
        SplitDim::Month => None,
        SplitDim::Member(d) => Some(frame.keys(d)),
    };
    let (rk, ck) = (key_of(rows), key_of(cols));
    for (row, (&slot, &v)) in frame.month.iter().zip(values).enumerate() {
        let Some(Some(month)) = in_year.get(slot as usize) else {
            continue;
        };
        let r = rk.map_or(*month as usize, |k| k[row] as usize);
        let c = ck.map_or(*month as usize, |k| k[row] as usize);
        if let Some(cell) = out.get_mut(r * width + c) {
            *cell = cell.saturating_add(v);
        }
    }
    Ok(out)
}

/// A grid kept in a plan: its two dimensions and the cells the user fixed by hand. The cells
/// themselves are not stored: they are fitted again from the plan's splits and the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridSpec {
    /// The rows' dimension.
    #[serde(with = "dim_code")]
    pub rows: SplitDim,
    /// The columns' dimension.
    #[serde(with = "dim_code")]
    pub cols: SplitDim,
    /// Cells fixed by hand, each once, in the order they were fixed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locks: Vec<GridLock>,
}

/// A cell fixed by hand: its row and column member ids ("01"–"12" for months) and target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridLock {
    /// The row member's id.
    pub row: String,
    /// The column member's id.
    pub col: String,
    /// The cell's target, a multiple of the plan's unit.
    pub target: Money,
}

impl GridSpec {
    /// A grid of `rows` × `cols` with nothing fixed.
    pub fn new(rows: SplitDim, cols: SplitDim) -> GridSpec {
        GridSpec {
            rows,
            cols,
            locks: Vec::new(),
        }
    }

    /// Fixes the cell (`row`, `col`) at `target`, or with `None` frees it.
    pub fn set_lock(&mut self, row: &str, col: &str, target: Option<Money>) {
        let at = self.locks.iter().position(|l| l.row == row && l.col == col);
        match (at, target) {
            (Some(i), Some(t)) => self.locks[i].target = t,
            (None, Some(t)) => self.locks.push(GridLock {
                row: row.to_string(),
                col: col.to_string(),
                target: t,
            }),
            (Some(i), None) => {
                self.locks.remove(i);
            }
            (None, None) => {}
        }
    }
}

/// A split dimension written as its code ("month", "region", …).
mod dim_code {
    use super::SplitDim;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(d: &SplitDim, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(d.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SplitDim, D::Error> {
        let code = String::deserialize(d)?;
        SplitDim::from_code(&code).ok_or_else(|| {
            D::Error::custom(format!(
                "unknown dimension {code:?} (month, region, category, product, salesperson or customer)"
            ))
        })
    }
}

/// The number of members of a split dimension.
pub fn dim_len(frame: &Frame, dim: SplitDim) -> usize {
    match dim {
        SplitDim::Month => 12,
        SplitDim::Member(d) => frame.members(d).ids.len(),
    }
}

/// A fitted and rounded grid, rows and columns in their splits' order.
#[derive(Clone, Debug, PartialEq)]
pub struct GridTargets {
    /// Row member keys.
    pub rows: Vec<usize>,
    /// Column member keys.
    pub cols: Vec<usize>,
    /// Cell targets, row-major in that order.
    pub cells: Vec<Money>,
    /// The rows' targets (from the row split).
    pub row_totals: Vec<Money>,
    /// The columns' targets (from the column split).
    pub col_totals: Vec<Money>,
    /// RAS iterations.
    pub iterations: u32,
    /// Whether both margins are met exactly.
    pub converged: bool,
    /// What the user should know.
    pub issues: Vec<GridIssue>,
}

/// Something about a grid worth saying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridIssue {
    /// A row with a target had no base-year cells: seeded in proportion to the column totals.
    RowSeededFromColumns {
        /// Row member key.
        key: usize,
    },
    /// A column with a target had no base-year cells: seeded in proportion to the row totals.
    ColSeededFromRows {
        /// Column member key.
        key: usize,
    },
    /// No grid with the base year's zeros meets these margins: these rows' and columns'
    /// totals cannot all be met (rows are kept exact, columns are not).
    Infeasible {
        /// Row member keys.
        rows: Vec<usize>,
        /// Column member keys.
        cols: Vec<usize>,
    },
}

impl GridIssue {
    /// The issue as a sentence; `row` and `col` give a row's or a column's member name by key.
    pub fn message(
        &self,
        row: &dyn Fn(usize) -> String,
        col: &dyn Fn(usize) -> String,
        lang: Lang,
    ) -> String {
        let list = |keys: &[usize], name: &dyn Fn(usize) -> String, sep: &str| {
            keys.iter().map(|&k| name(k)).collect::<Vec<_>>().join(sep)
        };
        match (self, lang) {
            (GridIssue::RowSeededFromColumns { key }, Lang::Zh) => {
                format!("{} 去年没有销售：其各格按列目标分配", row(*key))
            }
            (GridIssue::RowSeededFromColumns { key }, Lang::En) => format!(
                "{} had no sales last year: its cells follow the columns' targets",
                row(*key)
            ),
            (GridIssue::ColSeededFromRows { key }, Lang::Zh) => {
                format!("{} 去年没有销售：其各格按行目标分配", col(*key))
            }
            (GridIssue::ColSeededFromRows { key }, Lang::En) => format!(
                "{} had no sales last year: its cells follow the rows' targets",
                col(*key)
            ),
            (GridIssue::Infeasible { rows, cols }, Lang::Zh) => format!(
                "去年的空格使两向合计无法同时满足：行 {} 所需多于列 {} 能承接的；已保证行合计准确",
                list(rows, row, "、"),
                list(cols, col, "、")
            ),
            (GridIssue::Infeasible { rows, cols }, Lang::En) => format!(
                "last year's empty cells leave no grid meeting both totals: rows {} need more than columns {} can take; rows are kept exact",
                list(rows, row, ", "),
                list(cols, col, ", ")
            ),
        }
    }
}

/// The grid of two splits of one total over a base-year grid `seed` (row-major by member
/// keys, `seed_cols` members wide). Row and column targets come from the splits; rows and
/// columns with a target but no base-year cell are seeded from the other margin (and said).
/// `fixed` cells (row and column positions in the splits' order, and a target that is a
/// multiple of `unit`) keep their targets; the others share what the margins leave, which the
/// caller has checked is not below zero.
pub fn fit_grid(
    row_split: &Split,
    col_split: &Split,
    seed: &[Money],
    seed_cols: usize,
    unit: Money,
    fixed: &[(usize, usize, Money)],
) -> GridTargets {
    let rows: Vec<usize> = row_split.lines.iter().map(|l| l.key).collect();
    let cols: Vec<usize> = col_split.lines.iter().map(|l| l.key).collect();
    let row_totals: Vec<Money> = row_split.lines.iter().map(|l| l.target).collect();
    let col_totals: Vec<Money> = col_split.lines.iter().map(|l| l.target).collect();
    let u = unit.0.max(1);
    let mut rt: Vec<i64> = row_totals.iter().map(|m| m.0 / u).collect();
    let mut ct: Vec<i64> = col_totals.iter().map(|m| m.0 / u).collect();
    let (m, n) = (rows.len(), cols.len());
    // Fixed cells leave the fit: the margins lose them, the seed holds a zero there.
    let mut held: Vec<Option<i64>> = vec![None; m * n];
    for &(i, j, t) in fixed {
        if i < m && j < n && held[i * n + j].is_none() {
            let v = t.0 / u;
            held[i * n + j] = Some(v);
            rt[i] = (rt[i] - v).max(0);
            ct[j] = (ct[j] - v).max(0);
        }
    }
    let free = |i: usize, j: usize| held[i * n + j].is_none();
    let mut x = vec![0.0f64; m * n];
    for (i, &rk) in rows.iter().enumerate() {
        let src = &seed[rk * seed_cols..(rk + 1) * seed_cols];
        for (j, &ck) in cols.iter().enumerate() {
            if free(i, j) {
                x[i * n + j] = (src[ck].0.max(0)) as f64;
            }
        }
    }
    let mut issues = Vec::new();
    for i in 0..m {
        if rt[i] > 0 && (0..n).all(|j| x[i * n + j] <= 0.0 || ct[j] == 0) {
            for j in (0..n).filter(|&j| free(i, j)) {
                x[i * n + j] = ct[j] as f64;
            }
            issues.push(GridIssue::RowSeededFromColumns { key: rows[i] });
        }
    }
    for j in 0..n {
        if ct[j] > 0 && (0..m).all(|i| x[i * n + j] <= 0.0 || rt[i] == 0) {
            for i in (0..m).filter(|&i| free(i, j)) {
                x[i * n + j] = rt[i] as f64;
            }
            issues.push(GridIssue::ColSeededFromRows { key: cols[j] });
        }
    }
    let total: i64 = rt.iter().sum();
    // Within a millionth of a unit on every row (looser only where f64 cannot resolve that):
    // far inside what the rounding needs.
    let fitted: Fitted = ras(&x, &rt, &ct, (total as f64 * 1e-13).max(1e-6));
    let mut converged = fitted.converged;
    let mut units = if fitted.converged {
        round_grid(&fitted.cells, n, &rt, &ct).unwrap_or_else(|_| {
            converged = false;
            rows_exact(&fitted.cells, n, &rt)
        })
    } else {
        rows_exact(&fitted.cells, n, &rt)
    };
    for (cell, h) in units.iter_mut().zip(&held) {
        if let Some(v) = h {
            *cell = *v;
        }
    }
    if !fitted.infeasible_rows.is_empty() || !fitted.infeasible_cols.is_empty() {
        issues.push(GridIssue::Infeasible {
            rows: fitted.infeasible_rows.iter().map(|&i| rows[i]).collect(),
            cols: fitted.infeasible_cols.iter().map(|&j| cols[j]).collect(),
        });
    }
    GridTargets {
        rows,
        cols,
        cells: units.into_iter().map(|v| Money(v * u)).collect(),
        row_totals,
        col_totals,
        iterations: fitted.iterations,
        converged,
        issues,
    }
}

/// Each row rounded to its own total by largest remainders over the fitted cells (the best an
/// infeasible grid can do: rows exact).
fn rows_exact(cells: &[f64], cols: usize, rt: &[i64]) -> Vec<i64> {
    let mut out = Vec::with_capacity(cells.len());
    for (i, &r) in rt.iter().enumerate() {
        let row = &cells[i * cols..(i + 1) * cols];
        let max = row.iter().copied().fold(0.0f64, f64::max);
        let w: Vec<i64> = row
            .iter()
            .map(|&v| {
                if max > 0.0 {
                    (v / max * 1e12).round() as i64
                } else {
                    0
                }
            })
            .collect();
        out.extend(largest_remainder(r, &w).unwrap_or_else(|| vec![0; cols]));
    }
    out
}

/// A two-way grid of a stored plan: its rows and columns are two of the plan's splits (the
/// months or a planned dimension), with members named as in the frame.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanGrid {
    /// The rows' dimension.
    pub rows: SplitDim,
    /// The columns' dimension.
    pub cols: SplitDim,
    /// Row member ids, in the grid's row order.
    pub row_ids: Vec<String>,
    /// Row member names.
    pub row_names: Vec<String>,
    /// Column member ids, in the grid's column order.
    pub col_ids: Vec<String>,
    /// Column member names.
    pub col_names: Vec<String>,
    /// The fitted, rounded cells and their margins.
    pub grid: GridTargets,
}

/// Why a plan's grid cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanGridError {
    /// Rows and columns are the same dimension.
    SameDim,
    /// A dimension is not split in the plan (or the plan has no split yet).
    NotPlanned(SplitDim),
    /// The two splits carry different totals (an over-allocation, or members gone since).
    TotalsDiffer {
        /// The rows' total.
        rows: Money,
        /// The columns' total.
        cols: Money,
    },
    /// The base year cannot be read in the plan's measure.
    Basis(BasisError),
    /// A fixed cell names a row or column member the grid does not have.
    UnknownCell {
        /// The row id.
        row: String,
        /// The column id.
        col: String,
    },
    /// A fixed cell that is negative or not a multiple of the plan's unit.
    BadCell {
        /// The row member's name.
        row: String,
        /// The column member's name.
        col: String,
        /// The plan's unit.
        unit: Money,
    },
    /// Fixed cells of a row or column sum to more than its target.
    LocksAboveTotal {
        /// The row's or column's member name.
        name: String,
        /// What its fixed cells sum to.
        locked: Money,
        /// Its target.
        total: Money,
    },
}

impl PlanGridError {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PlanGridError::SameDim, Lang::Zh) => "行和列须是两个不同的维度。".into(),
            (PlanGridError::SameDim, Lang::En) => {
                "Rows and columns must be two different dimensions.".into()
            }
            (PlanGridError::NotPlanned(d), Lang::Zh) => {
                format!(
                    "计划还没有按“{}”分解：先在上方分解它。",
                    super::dim_label(*d, lang)
                )
            }
            (PlanGridError::NotPlanned(d), Lang::En) => format!(
                "The plan is not split by {} yet: split it above first.",
                super::dim_label(*d, lang).to_lowercase()
            ),
            (PlanGridError::TotalsDiffer { rows, cols }, _) => {
                let (r, c) = (
                    crate::format_money(*rows, lang),
                    crate::format_money(*cols, lang),
                );
                match lang {
                    Lang::Zh => format!(
                        "两个分解的合计不同（行 {r}，列 {c}），例如带超额分配的维度：二维表需要相同的合计。"
                    ),
                    Lang::En => format!(
                        "The two splits carry different totals (rows {r}, columns {c}), e.g. a dimension with an over-allocation: a grid needs one total."
                    ),
                }
            }
            (PlanGridError::Basis(e), _) => e.to_string(),
            (PlanGridError::UnknownCell { row, col }, Lang::Zh) => {
                format!("锁定的格（{row} × {col}）不在这张表里。")
            }
            (PlanGridError::UnknownCell { row, col }, Lang::En) => {
                format!("The fixed cell ({row} × {col}) is not in this grid.")
            }
            (PlanGridError::BadCell { row, col, unit }, _) => {
                let u = crate::format_money(*unit, lang);
                match lang {
                    Lang::Zh => format!("{row} × {col}：目标须不小于 0，且是 {u} 的整数倍。"),
                    Lang::En => {
                        format!("{row} × {col}: a target must be at least 0 and a multiple of {u}.")
                    }
                }
            }
            (
                PlanGridError::LocksAboveTotal {
                    name,
                    locked,
                    total,
                },
                _,
            ) => {
                let (l, t) = (
                    crate::format_money(*locked, lang),
                    crate::format_money(*total, lang),
                );
                match lang {
                    Lang::Zh => format!("{name}：锁定的格合计 {l}，超过其目标 {t}。"),
                    Lang::En => {
                        format!("{name}: its fixed cells sum to {l}, more than its target {t}.")
                    }
                }
            }
        }
    }
}

/// The grid of `plan`'s splits over `rows` × `cols`: margins from the stored allocation (the
/// months or a dimension's member targets), cells fitted by RAS from the base year's grid and
/// rounded to the plan's unit with both margins exact (see [`fit_grid`]).
pub fn plan_grid(
    frame: &Frame,
    plan: &Plan,
    rows: SplitDim,
    cols: SplitDim,
) -> Result<PlanGrid, PlanGridError> {
    plan_grid_in(&mut HistoryCache::default(), frame, plan, rows, cols)
}

/// [`plan_grid`], reading the histories and the base year's grid through `cache` (valid for
/// `frame` only, see [`HistoryCache`]).
pub fn plan_grid_in(
    cache: &mut HistoryCache,
    frame: &Frame,
    plan: &Plan,
    rows: SplitDim,
    cols: SplitDim,
) -> Result<PlanGrid, PlanGridError> {
    if rows == cols {
        return Err(PlanGridError::SameDim);
    }
    let a = plan
        .allocation
        .as_ref()
        .ok_or(PlanGridError::NotPlanned(rows))?;
    let mut split_of = |d: SplitDim| -> Result<(Split, History), PlanGridError> {
        let h = cache
            .get(frame, d, plan.measure, plan.year)
            .map_err(PlanGridError::Basis)?;
        let targets: Vec<(String, Money, bool)> = match d {
            SplitDim::Month => a
                .months
                .iter()
                .enumerate()
                .map(|(i, &t)| {
                    let m = i as u32 + 1;
                    (format!("{m:02}"), t, a.locked_months.contains(&m))
                })
                .collect(),
            SplitDim::Member(dim) => a
                .dims
                .iter()
                .find(|x| x.dim == dim)
                .ok_or(PlanGridError::NotPlanned(d))?
                .members
                .iter()
                .map(|m| (m.id.clone(), m.target, m.locked))
                .collect(),
        };
        let index: HashMap<&str, usize> = h
            .ids
            .iter()
            .enumerate()
            .map(|(k, id)| (id.as_str(), k))
            .collect();
        let lines = targets
            .iter()
            .filter_map(|(id, target, locked)| {
                index.get(id.as_str()).map(|&key| SplitLine {
                    key,
                    base: h.years[0][key],
                    share: 0.0,
                    target: *target,
                    locked: *locked,
                })
            })
            .collect();
        Ok((
            Split {
                lines,
                issues: Vec::new(),
            },
            h,
        ))
    };
    let (rs, rh) = split_of(rows)?;
    let (cs, ch) = split_of(cols)?;
    let total = |s: &Split| s.lines.iter().map(|l| l.target).sum::<Money>();
    let (rt, ct) = (total(&rs), total(&cs));
    if rt != ct {
        return Err(PlanGridError::TotalsDiffer { rows: rt, cols: ct });
    }
    let seed = cache
        .base_grid(frame, rows, cols, plan.measure, plan.year)
        .map_err(PlanGridError::Basis)?;
    let fixed = fixed_cells(plan, rows, cols, (&rs, &rh), (&cs, &ch))?;
    let grid = fit_grid(&rs, &cs, &seed, dim_len(frame, cols), plan.unit, &fixed);
    let pick = |h: &History, keys: &[usize], names: bool| -> Vec<String> {
        keys.iter()
            .map(|&k| {
                if names {
                    h.names[k].clone()
                } else {
                    h.ids[k].clone()
                }
            })
            .collect()
    };
    Ok(PlanGrid {
        rows,
        cols,
        row_ids: pick(&rh, &grid.rows, false),
        row_names: pick(&rh, &grid.rows, true),
        col_ids: pick(&ch, &grid.cols, false),
        col_names: pick(&ch, &grid.cols, true),
        grid,
    })
}

/// The grids the plan keeps as tables (a sheet each in the plan's workbook), fitted again from
/// the plan and the ledger; a grid that cannot be made now is left out.
pub fn plan_grid_tables(frame: &Frame, plan: &Plan, lang: Lang) -> Vec<crate::export::Table> {
    plan_grid_tables_in(&mut HistoryCache::default(), frame, plan, lang)
}

/// [`plan_grid_tables`] through `cache` (see [`plan_grid_in`]).
pub fn plan_grid_tables_in(
    cache: &mut HistoryCache,
    frame: &Frame,
    plan: &Plan,
    lang: Lang,
) -> Vec<crate::export::Table> {
    plan.grids
        .iter()
        .filter_map(|g| plan_grid_in(cache, frame, plan, g.rows, g.cols).ok())
        .map(|g| super::grid_table(plan, &g, lang))
        .collect()
}

/// The plan's fixed cells of the `rows` × `cols` grid as positions in the splits' order,
/// refused when a cell is unknown, negative or off the unit, or a row's or column's fixed
/// cells exceed its target.
fn fixed_cells(
    plan: &Plan,
    rows: SplitDim,
    cols: SplitDim,
    (rs, rh): (&Split, &History),
    (cs, ch): (&Split, &History),
) -> Result<Vec<(usize, usize, Money)>, PlanGridError> {
    let Some(spec) = plan.grids.iter().find(|g| g.rows == rows && g.cols == cols) else {
        return Ok(Vec::new());
    };
    let pos = |s: &Split, h: &History, id: &str| s.lines.iter().position(|l| h.ids[l.key] == id);
    let mut out = Vec::with_capacity(spec.locks.len());
    let mut row_sum = vec![Money::ZERO; rs.lines.len()];
    let mut col_sum = vec![Money::ZERO; cs.lines.len()];
    for l in &spec.locks {
        let (Some(i), Some(j)) = (pos(rs, rh, &l.row), pos(cs, ch, &l.col)) else {
            return Err(PlanGridError::UnknownCell {
                row: l.row.clone(),
                col: l.col.clone(),
            });
        };
        if l.target.is_negative() || plan.unit.0 <= 0 || l.target.0 % plan.unit.0 != 0 {
            return Err(PlanGridError::BadCell {
                row: rh.names[rs.lines[i].key].clone(),
                col: ch.names[cs.lines[j].key].clone(),
                unit: plan.unit,
            });
        }
        row_sum[i] = row_sum[i].saturating_add(l.target);
        col_sum[j] = col_sum[j].saturating_add(l.target);
        out.push((i, j, l.target));
    }
    let over = |s: &Split, h: &History, sums: &[Money]| {
        s.lines
            .iter()
            .zip(sums)
            .find(|(line, sum)| **sum > line.target)
            .map(|(line, &sum)| PlanGridError::LocksAboveTotal {
                name: h.names[line.key].clone(),
                locked: sum,
                total: line.target,
            })
    };
    if let Some(e) = over(rs, rh, &row_sum).or_else(|| over(cs, ch, &col_sum)) {
        return Err(e);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::split::{SplitRequest, split};
    use proptest::prelude::*;

    #[test]
    fn infeasible_grids_name_their_rows_and_columns_in_both_languages() {
        let issue = GridIssue::Infeasible {
            rows: vec![0, 2],
            cols: vec![1],
        };
        let row = |k: usize| ["华东", "华北", "华南"][k].to_string();
        let col = |k: usize| ["乳品", "饮料"][k].to_string();
        assert_eq!(
            issue.message(&row, &col, Lang::En),
            "last year's empty cells leave no grid meeting both totals: rows 华东, 华南 need more than columns 饮料 can take; rows are kept exact"
        );
        assert!(
            issue
                .message(&row, &col, Lang::Zh)
                .contains("行 华东、华南 所需多于列 饮料")
        );
    }

    fn y(u: i64) -> Money {
        Money::from_units(u).unwrap()
    }

    fn one_split(total: i64, bases: &[i64]) -> Split {
        let b: Vec<Money> = bases.iter().map(|&x| y(x)).collect();
        let ids: Vec<String> = (0..b.len()).map(|k| format!("K{k:03}")).collect();
        split(SplitRequest {
            total: y(total),
            unit: y(1),
            bases: &b,
            ids: &ids,
            locks: &[],
            report_missing: false,
        })
        .unwrap()
    }

    /// Seed [[1, 1], [1, 3]] (last year 6 in total), targets rows 4, 6 and columns 3, 7 (the
    /// splits of 10 over bases 2:3 and 3:7 — the splits' orders put the larger base first, so
    /// rows come out as keys [1, 0]): RAS gives a ≈ 1.757 in the (0, 0) cell (see ras.rs), and
    /// controlled rounding keeps all four margins.
    #[test]
    fn a_small_grid_by_hand() {
        let rows = one_split(10, &[2, 3]);
        let cols = one_split(10, &[3, 7]);
        let seed = [y(1), y(1), y(1), y(3)];
        let g = fit_grid(&rows, &cols, &seed, 2, y(1), &[]);
        assert!(g.converged);
        assert_eq!(g.rows, vec![1, 0]);
        assert_eq!(g.cols, vec![1, 0]);
        // In split order: row 1 = [x11, x10], row 0 = [x01, x00].
        let c: Vec<i64> = g.cells.iter().map(|m| m.0 / 10_000).collect();
        assert_eq!(c[0] + c[1], 6);
        assert_eq!(c[2] + c[3], 4);
        assert_eq!(c[0] + c[2], 7);
        assert_eq!(c[1] + c[3], 3);
        // x00 ≈ 1.757 → 1 or 2.
        assert!(c[3] == 1 || c[3] == 2);
        assert!(g.issues.is_empty());
    }

    #[test]
    fn an_empty_base_row_is_seeded_from_the_columns_and_said() {
        let rows = one_split(10, &[1, 1]);
        let cols = one_split(10, &[1, 1]);
        // Row 1 had nothing last year.
        let seed = [y(3), y(1), y(0), y(0)];
        let g = fit_grid(&rows, &cols, &seed, 2, y(1), &[]);
        assert!(g.converged);
        assert_eq!(g.issues, vec![GridIssue::RowSeededFromColumns { key: 1 }]);
        let c: Vec<i64> = g.cells.iter().map(|m| m.0 / 10_000).collect();
        assert_eq!(c.iter().sum::<i64>(), 10);
    }

    #[test]
    fn structural_zeros_are_reported_with_rows_kept_exact() {
        // Row 0 only sold in column 0, row 1 only in column 1; targets 8/2 rows, 5/5 columns.
        let rows = one_split(10, &[8, 2]);
        let cols = one_split(10, &[5, 5]);
        let seed = [y(1), y(0), y(0), y(1)];
        let g = fit_grid(&rows, &cols, &seed, 2, y(1), &[]);
        assert!(!g.converged);
        assert!(matches!(
            g.issues.last(),
            Some(GridIssue::Infeasible { .. })
        ));
        let c: Vec<i64> = g.cells.iter().map(|m| m.0 / 10_000).collect();
        assert_eq!(c[0] + c[1], 8);
        assert_eq!(c[2] + c[3], 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("SANDTABLE_PROPTEST_CASES").ok().and_then(|s| s.parse::<u32>().ok()).map_or(300, |n| n / 10)
        ))]

        /// Positive seeds are always feasible: both margins exact, and every cell a multiple of
        /// the unit.
        #[test]
        fn grids_keep_both_margins(
            m in 1usize..15,
            n in 1usize..15,
            seed in proptest::collection::vec(1i64..1_000, 225),
            rb in proptest::collection::vec(0i64..1_000, 15),
            cb in proptest::collection::vec(0i64..1_000, 15),
            total in 0i64..1_000_000,
        ) {
            prop_assume!(rb[..m].iter().any(|&b| b > 0) && cb[..n].iter().any(|&b| b > 0));
            let rows = one_split(total, &rb[..m]);
            let cols = one_split(total, &cb[..n]);
            let s: Vec<Money> = seed[..m * n].iter().map(|&v| y(v)).collect();
            let g = fit_grid(&rows, &cols, &s, n, y(1), &[]);
            prop_assert!(g.converged, "{:?}", g.issues);
            for i in 0..m {
                prop_assert_eq!(g.cells[i * n..(i + 1) * n].iter().copied().sum::<Money>(), g.row_totals[i]);
            }
            for j in 0..n {
                prop_assert_eq!((0..m).map(|i| g.cells[i * n + j]).sum::<Money>(), g.col_totals[j]);
            }
        }
    }

    #[test]
    fn a_plans_grid_meets_its_stored_splits_exactly() {
        use crate::review::Dim;
        use crate::targets::{Plan, Settings, allocate};
        let ws = crate::demo_workspace(crate::Date::from_ymd(2026, 6, 30).unwrap());
        let frame = Frame::from_workspace(&ws);
        let mut plan = Plan::new(2026, Measure::Amount);
        plan.unit = Money(1_000_000);
        plan.total = Some(Money(1_234_500 * 1_000_000));
        let mut settings = Settings::default();
        settings.add(Dim::Region);
        let a = allocate(&frame, &plan, &settings).unwrap().allocation;
        plan.allocation = Some(a.clone());
        let region = SplitDim::Member(Dim::Region);
        let g = plan_grid(&frame, &plan, region, SplitDim::Month).unwrap();
        assert!(g.grid.converged, "{:?}", g.grid.issues);
        let n = g.col_ids.len();
        assert_eq!(n, 12);
        assert_eq!(g.col_ids[0], "01");
        for (i, id) in g.row_ids.iter().enumerate() {
            let row: Money = g.grid.cells[i * n..(i + 1) * n].iter().copied().sum();
            let stored = a.dims[0]
                .members
                .iter()
                .find(|m| &m.id == id)
                .unwrap()
                .target;
            assert_eq!(row, stored, "row {id}");
        }
        for j in 0..n {
            let col: Money = (0..g.row_ids.len()).map(|i| g.grid.cells[i * n + j]).sum();
            let month: usize = g.col_ids[j].parse().unwrap();
            assert_eq!(col, a.months[month - 1], "month {month}");
        }
        assert!(g.grid.cells.iter().all(|c| c.0 % plan.unit.0 == 0));
        assert_eq!(
            plan_grid(&frame, &plan, region, region),
            Err(PlanGridError::SameDim)
        );
        let product = SplitDim::Member(Dim::Product);
        assert_eq!(
            plan_grid(&frame, &plan, region, product),
            Err(PlanGridError::NotPlanned(product))
        );
        let mut skewed = plan.clone();
        if let Some(a) = skewed.allocation.as_mut() {
            a.dims[0].members[0].target.0 += plan.unit.0;
        }
        assert!(matches!(
            plan_grid(&frame, &skewed, region, SplitDim::Month),
            Err(PlanGridError::TotalsDiffer { .. })
        ));
    }

    /// Rows 100/100 and columns 100/100 over an even seed; the (0, 0) cell fixed at 80 leaves
    /// 20 to its row and its column, so the grid is [[80, 20], [20, 80]].
    #[test]
    fn a_fixed_cell_by_hand() {
        let rows = one_split(200, &[1, 1]);
        let cols = one_split(200, &[1, 1]);
        let seed = [y(1), y(1), y(1), y(1)];
        let g = fit_grid(&rows, &cols, &seed, 2, y(1), &[(0, 0, y(80))]);
        assert!(g.converged);
        let c: Vec<i64> = g.cells.iter().map(|m| m.0 / 10_000).collect();
        assert_eq!(c, vec![80, 20, 20, 80]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("SANDTABLE_PROPTEST_CASES").ok().and_then(|s| s.parse::<u32>().ok()).map_or(300, |n| n / 10)
        ))]

        /// A grid made from a known whole-unit table, with some of its cells fixed at their
        /// value: the fit keeps every fixed cell and meets both margins exactly.
        #[test]
        fn fixed_cells_are_never_moved_and_both_margins_hold(
            m in 1usize..10,
            n in 1usize..10,
            table in proptest::collection::vec(0i64..500, 100),
            seed in proptest::collection::vec(1i64..1_000, 100),
            fix in proptest::collection::vec(proptest::bool::weighted(0.3), 100),
        ) {
            let t = &table[..m * n];
            let total: i64 = t.iter().sum();
            prop_assume!(total > 0);
            let row_sums: Vec<i64> = (0..m).map(|i| t[i * n..(i + 1) * n].iter().sum()).collect();
            let col_sums: Vec<i64> = (0..n).map(|j| (0..m).map(|i| t[i * n + j]).sum()).collect();
            // Splits whose targets are exactly those sums, in key order.
            let exact = |sums: &[i64]| Split {
                lines: sums.iter().enumerate().map(|(k, &v)| SplitLine {
                    key: k, base: y(v), share: 0.0, target: y(v), locked: false,
                }).collect(),
                issues: Vec::new(),
            };
            let (rows, cols) = (exact(&row_sums), exact(&col_sums));
            let fixed: Vec<(usize, usize, Money)> = (0..m * n)
                .filter(|&c| fix[c])
                .map(|c| (c / n, c % n, y(t[c])))
                .collect();
            let s: Vec<Money> = seed[..m * n].iter().map(|&v| y(v)).collect();
            let g = fit_grid(&rows, &cols, &s, n, y(1), &fixed);
            prop_assert!(g.converged, "{:?}", g.issues);
            for &(i, j, v) in &fixed {
                prop_assert_eq!(g.cells[i * n + j], v);
            }
            for i in 0..m {
                prop_assert_eq!(g.cells[i * n..(i + 1) * n].iter().copied().sum::<Money>(), y(row_sums[i]));
            }
            for j in 0..n {
                prop_assert_eq!((0..m).map(|i| g.cells[i * n + j]).sum::<Money>(), y(col_sums[j]));
            }
        }
    }

    /// The demo's regions × months with one cell fixed: kept, margins exact; fixed cells off
    /// the unit, unknown, or above their row's target are refused with the reason.
    #[test]
    fn a_plans_fixed_cells_are_kept_or_refused() {
        use crate::review::Dim;
        use crate::targets::{Plan, Settings, allocate};
        let ws = crate::demo_workspace(crate::Date::from_ymd(2026, 6, 30).unwrap());
        let frame = Frame::from_workspace(&ws);
        let mut plan = Plan::new(2026, Measure::Amount);
        plan.unit = Money(1_000_000);
        plan.total = Some(Money(1_234_500 * 1_000_000));
        let mut settings = Settings::default();
        settings.add(Dim::Region);
        plan.allocation = Some(allocate(&frame, &plan, &settings).unwrap().allocation);
        let region = SplitDim::Member(Dim::Region);
        let free = plan_grid(&frame, &plan, region, SplitDim::Month).unwrap();
        let (r, c) = (free.row_ids[0].clone(), free.col_ids[3].clone());
        let was = free.grid.cells[3];
        let mut spec = GridSpec::new(region, SplitDim::Month);
        let fixed_at = Money(was.0 + 5 * plan.unit.0);
        spec.set_lock(&r, &c, Some(fixed_at));
        plan.grids = vec![spec.clone()];
        let g = plan_grid(&frame, &plan, region, SplitDim::Month).unwrap();
        assert!(g.grid.converged);
        assert_eq!(g.grid.cells[3], fixed_at);
        let n = 12;
        for i in 0..g.row_ids.len() {
            let row: Money = g.grid.cells[i * n..(i + 1) * n].iter().copied().sum();
            assert_eq!(row, g.grid.row_totals[i]);
        }
        for j in 0..n {
            let col: Money = (0..g.row_ids.len()).map(|i| g.grid.cells[i * n + j]).sum();
            assert_eq!(col, g.grid.col_totals[j]);
        }
        // Off the unit.
        plan.grids[0].set_lock(&r, &c, Some(Money(was.0 + 1)));
        assert!(matches!(
            plan_grid(&frame, &plan, region, SplitDim::Month),
            Err(PlanGridError::BadCell { .. })
        ));
        // Above the row's target.
        plan.grids[0].set_lock(&r, &c, Some(Money(free.grid.row_totals[0].0 + plan.unit.0)));
        let e = plan_grid(&frame, &plan, region, SplitDim::Month).unwrap_err();
        assert!(matches!(e, PlanGridError::LocksAboveTotal { .. }), "{e:?}");
        assert!(e.message(Lang::En).contains("more than its target"));
        // Unknown.
        plan.grids[0].locks.clear();
        plan.grids[0].set_lock("R99", &c, Some(Money::ZERO));
        assert!(matches!(
            plan_grid(&frame, &plan, region, SplitDim::Month),
            Err(PlanGridError::UnknownCell { .. })
        ));
        // The spec reads and writes with dimension codes.
        let json = serde_json::to_string(&spec).unwrap();
        assert!(
            json.starts_with(r#"{"rows":"region","cols":"month","locks":[{"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<GridSpec>(&json).unwrap(), spec);
        assert!(serde_json::from_str::<GridSpec>(r#"{"rows":"planet","cols":"month"}"#).is_err());
    }
}
