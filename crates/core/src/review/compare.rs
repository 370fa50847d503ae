//! Vertical and horizontal comparison (纵向/横向类比), ratio analysis and contribution to growth
//! (DOMAIN §1): one pass over the frame per table.

use super::ReviewError;
use super::frame::{Dim, Filter, Frame, Measure, RowFilter};
use super::period::{Period, growth};
use crate::Money;
use serde::{Deserialize, Serialize};

/// One member's line of a comparison table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareRow {
    /// The member's key in the frame.
    pub key: u32,
    /// The member's id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The value in the current period.
    pub current: Money,
    /// The value in the base period.
    pub base: Money,
    /// current − base.
    pub change: Money,
    /// (current − base) / |base|; `None` when the base is 0 ("new" if current ≠ 0).
    pub growth: Option<f64>,
    /// Share of the current total (a fraction); `None` when the total is 0.
    pub share: Option<f64>,
    /// Share of the base total.
    pub base_share: Option<f64>,
    /// Mix change in percentage points: (share − base_share) × 100; `None` unless both shares exist.
    pub mix_change_pp: Option<f64>,
    /// Contribution to growth: (current − base) / |total base|; the members' contributions
    /// sum to the total growth. `None` when the total base is 0.
    pub contribution: Option<f64>,
    /// Rank by current value, 1 = largest (ties by id).
    pub rank: u32,
    /// Index vs the members' average: current / (current total / members) × 100; `None`
    /// when the average is 0.
    pub index: Option<f64>,
}

/// A comparison table: one dimension's members in two periods.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareTable {
    /// The dimension.
    pub dim: Dim,
    /// The measure.
    pub measure: Measure,
    /// The current period.
    pub current: Period,
    /// The base period.
    pub base: Period,
    /// Total in the current period.
    pub total_current: Money,
    /// Total in the base period.
    pub total_base: Money,
    /// total_current − total_base.
    pub total_change: Money,
    /// Total growth; `None` when the base total is 0.
    pub growth: Option<f64>,
    /// The members' average current value (total / members), as a float for charts.
    pub average: Option<f64>,
    /// Members with rows in either period, in rank order.
    pub rows: Vec<CompareRow>,
}

/// Accumulates one measure per member for two periods in one pass. Returns (current, base,
/// seen) indexed by key; `seen[k]` is true when the member has a row in either period.
/// Branch-free per row: a table says for each month slot whether it is in the current and
/// base periods, and the value is added times 0 or 1.
pub(crate) fn two_period_sums(
    frame: &Frame,
    dim: Dim,
    values: &[Money],
    current: Period,
    base: Period,
    filter: &Filter,
) -> (Vec<i64>, Vec<i64>, Vec<bool>) {
    let n = frame.members(dim).len();
    let mut cur = vec![0i64; n];
    let mut bas = vec![0i64; n];
    let mut seen = vec![false; n];
    let tags: Vec<(i64, i64)> = (0..frame.months as i32)
        .map(|s| {
            let m = frame.first_month + s;
            (i64::from(current.contains(m)), i64::from(base.contains(m)))
        })
        .collect();
    let keys = frame.keys(dim);
    let rf = RowFilter::new(frame, filter);
    for (i, ((&k, &m), &v)) in keys.iter().zip(&frame.month).zip(values).enumerate() {
        if !rf.keep(i) {
            continue;
        }
        let (Some(&(c, b)), Some(sum_c), Some(sum_b), Some(seen)) = (
            tags.get(m as usize),
            cur.get_mut(k as usize),
            bas.get_mut(k as usize),
            seen.get_mut(k as usize),
        ) else {
            continue;
        };
        *sum_c = sum_c.saturating_add(v.0 * c);
        *sum_b = sum_b.saturating_add(v.0 * b);
        *seen |= (c | b) != 0;
    }
    (cur, bas, seen)
}

/// One step of a change waterfall: a member's change, or the rest taken together.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeStep<'a> {
    /// The member, or `None` for the step that gathers the rest.
    pub row: Option<&'a CompareRow>,
    /// Its change, current − base.
    pub change: Money,
    /// Its contribution to total growth; `None` when any part of it has none.
    pub contribution: Option<f64>,
}

impl CompareTable {
    /// The waterfall from the base total to the current one: the `n` largest changes by size
    /// (ties by id), then the rest in one step when there are more; the steps sum to the total
    /// change.
    pub fn change_steps(&self, n: usize) -> Vec<ChangeStep<'_>> {
        let mut rows: Vec<&CompareRow> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            b.change
                .0
                .unsigned_abs()
                .cmp(&a.change.0.unsigned_abs())
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut out: Vec<ChangeStep<'_>> = rows
            .iter()
            .take(n)
            .map(|r| ChangeStep {
                row: Some(r),
                change: r.change,
                contribution: r.contribution,
            })
            .collect();
        if rows.len() > n {
            out.push(ChangeStep {
                row: None,
                change: rows[n..].iter().map(|r| r.change).sum(),
                contribution: rows[n..].iter().map(|r| r.contribution).sum(),
            });
        }
        out
    }
}

/// The comparison table of `dim` for `measure` between two periods, restricted to `filter`:
/// value, change, growth, share, mix change, contribution to growth, rank and index vs average.
pub fn compare(
    frame: &Frame,
    dim: Dim,
    measure: Measure,
    current: Period,
    base: Period,
    filter: &Filter,
) -> Result<CompareTable, ReviewError> {
    let values = frame.measure(measure).ok_or(ReviewError::NoCost)?;
    let (cur, bas, seen) = two_period_sums(frame, dim, values, current, base, filter);
    let members = frame.members(dim);
    let keys: Vec<u32> = (0..cur.len() as u32)
        .filter(|k| seen[*k as usize])
        .collect();
    let total_c: i64 = keys
        .iter()
        .fold(0i64, |a, k| a.saturating_add(cur[*k as usize]));
    let total_b: i64 = keys
        .iter()
        .fold(0i64, |a, k| a.saturating_add(bas[*k as usize]));
    let share = |v: i64, t: i64| (t != 0).then(|| v as f64 / t as f64);
    let average = (!keys.is_empty()).then(|| total_c as f64 / keys.len() as f64);
    let mut rows: Vec<CompareRow> = keys
        .iter()
        .map(|&k| {
            let (c, b) = (cur[k as usize], bas[k as usize]);
            let (s, bs) = (share(c, total_c), share(b, total_b));
            CompareRow {
                key: k,
                id: members.id(k).to_string(),
                name: members.name(k).to_string(),
                current: Money(c),
                base: Money(b),
                change: Money(c.saturating_sub(b)),
                growth: growth(c, b),
                share: s,
                base_share: bs,
                mix_change_pp: s.zip(bs).map(|(s, bs)| (s - bs) * 100.0),
                contribution: (total_b != 0)
                    .then(|| (c as f64 - b as f64) / (total_b as f64).abs()),
                rank: 0,
                index: average.filter(|a| *a != 0.0).map(|a| c as f64 / a * 100.0),
            }
        })
        .collect();
    rank_rows(&mut rows);
    Ok(CompareTable {
        dim,
        measure,
        current,
        base,
        total_current: Money(total_c),
        total_base: Money(total_b),
        total_change: Money(total_c.saturating_sub(total_b)),
        growth: growth(total_c, total_b),
        average: average.map(|a| a / crate::money::MONEY_SCALE as f64),
        rows,
    })
}

/// Sorts by current value descending, ties by id, and numbers the ranks from 1.
fn rank_rows(rows: &mut [CompareRow]) {
    rows.sort_by(|a, b| b.current.cmp(&a.current).then_with(|| a.id.cmp(&b.id)));
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i as u32 + 1;
    }
}

/// One member's months: the current period's months side by side with the same offsets in
/// the base period (the same month a year earlier for year-over-year).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthlyRow {
    /// The member's key.
    pub key: u32,
    /// The member's id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// Current value per month of the current period.
    pub current: Vec<Money>,
    /// Base value per month (same offset in the base period; 0 past its end).
    pub base: Vec<Money>,
}

/// A member × month table (heat maps, YoY by region and month).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthlyTable {
    /// The dimension.
    pub dim: Dim,
    /// The measure.
    pub measure: Measure,
    /// The current period.
    pub current: Period,
    /// The base period.
    pub base: Period,
    /// Members with rows in either period, by current total descending (ties by id).
    pub rows: Vec<MonthlyRow>,
}

impl MonthlyRow {
    /// Growth of month `i` against its base month.
    pub fn growth(&self, i: usize) -> Option<f64> {
        growth(self.current.get(i)?.0, self.base.get(i)?.0)
    }
}

/// The member × month table of `dim` in one pass: month `i` of `current` against month `i`
/// of `base`.
pub fn compare_by_month(
    frame: &Frame,
    dim: Dim,
    measure: Measure,
    current: Period,
    base: Period,
    filter: &Filter,
) -> Result<MonthlyTable, ReviewError> {
    let values = frame.measure(measure).ok_or(ReviewError::NoCost)?;
    let n = frame.members(dim).len();
    let w = current.len() as usize;
    // Each member has w + 1 cells: the period's months and one that takes the rows outside
    // it, so every row is added somewhere without a branch.
    let stride = w + 1;
    let mut cur = vec![0i64; n * stride];
    let mut bas = vec![0i64; n * stride];
    let mut seen = vec![false; n];
    let offset = |p: Period, s: i32| {
        let o = frame.first_month + s - p.first;
        if (0..w as i32).contains(&o) && o < p.len() as i32 {
            o as usize
        } else {
            w
        }
    };
    let slots: Vec<(usize, usize)> = (0..frame.months as i32)
        .map(|s| (offset(current, s), offset(base, s)))
        .collect();
    let keys = frame.keys(dim);
    let rf = RowFilter::new(frame, filter);
    for (i, ((&k, &m), &v)) in keys.iter().zip(&frame.month).zip(values).enumerate() {
        if !rf.keep(i) {
            continue;
        }
        let k = k as usize;
        let (Some(&(oc, ob)), Some(seen)) = (slots.get(m as usize), seen.get_mut(k)) else {
            continue;
        };
        if let Some(c) = cur.get_mut(k * stride + oc) {
            *c = c.saturating_add(v.0);
        }
        if let Some(b) = bas.get_mut(k * stride + ob) {
            *b = b.saturating_add(v.0);
        }
        *seen |= (oc != w) | (ob != w);
    }
    let members = frame.members(dim);
    let mut rows: Vec<(i64, MonthlyRow)> = (0..n)
        .filter(|k| seen[*k])
        .map(|k| {
            let c = &cur[k * stride..k * stride + w];
            let total = c.iter().fold(0i64, |a, v| a.saturating_add(*v));
            (
                total,
                MonthlyRow {
                    key: k as u32,
                    id: members.id(k as u32).to_string(),
                    name: members.name(k as u32).to_string(),
                    current: c.iter().map(|v| Money(*v)).collect(),
                    base: bas[k * stride..k * stride + w]
                        .iter()
                        .map(|v| Money(*v))
                        .collect(),
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(MonthlyTable {
        dim,
        measure,
        current,
        base,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    })
}

/// Per-head ratios (人均/单产) of one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerHead {
    /// The period.
    pub period: Period,
    /// The measure's total.
    pub value: Money,
    /// Salespeople with a row in the period.
    pub salespeople: u32,
    /// Active customers: net sales amount in the period > 0.
    pub active_customers: u32,
    /// SKUs sold: net sales amount in the period > 0 (动销 SKUs).
    pub skus: u32,
    /// value / salespeople, in units (yuan or cases); `None` when there are none.
    pub per_salesperson: Option<f64>,
    /// value / active customers.
    pub per_customer: Option<f64>,
    /// value / SKUs sold.
    pub per_sku: Option<f64>,
}

/// Per-head ratios of `measure` in `period` (revenue per salesperson, per active customer,
/// per SKU).
pub fn per_head(
    frame: &Frame,
    measure: Measure,
    period: Period,
    filter: &Filter,
) -> Result<PerHead, ReviewError> {
    let values = frame.measure(measure).ok_or(ReviewError::NoCost)?;
    let nc = frame.members(Dim::Customer).len();
    let np = frame.members(Dim::Product).len();
    let ns = frame.members(Dim::Salesperson).len();
    let mut cust = vec![0i64; nc];
    let mut prod = vec![0i64; np];
    let mut sales = vec![false; ns];
    let mut total = 0i64;
    let (p0, p1) = (
        period.first - frame.first_month,
        period.last - frame.first_month,
    );
    let rf = RowFilter::new(frame, filter);
    let (kc, kp, ks) = (
        frame.keys(Dim::Customer),
        frame.keys(Dim::Product),
        frame.keys(Dim::Salesperson),
    );
    for (i, &m) in frame.month.iter().enumerate() {
        let m = i32::from(m);
        if m < p0 || m > p1 || !rf.keep(i) {
            continue;
        }
        let a = frame.amount[i].0;
        total = total.saturating_add(values[i].0);
        if let Some(c) = cust.get_mut(kc[i] as usize) {
            *c = c.saturating_add(a);
        }
        if let Some(p) = prod.get_mut(kp[i] as usize) {
            *p = p.saturating_add(a);
        }
        if let Some(s) = sales.get_mut(ks[i] as usize) {
            *s = true;
        }
    }
    let count = |v: &[i64]| v.iter().filter(|a| **a > 0).count() as u32;
    let (salespeople, active_customers, skus) = (
        sales.iter().filter(|s| **s).count() as u32,
        count(&cust),
        count(&prod),
    );
    let per = |n: u32| (n > 0).then(|| Money(total).to_f64() / f64::from(n));
    Ok(PerHead {
        period,
        value: Money(total),
        salespeople,
        active_customers,
        skus,
        per_salesperson: per(salespeople),
        per_customer: per(active_customers),
        per_sku: per(skus),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::*;

    /// Three regions over two years (amounts in yuan):
    ///
    /// | region | 2023 | 2024 |
    /// |---|---|---|
    /// | R1 | 100 | 150 |
    /// | R2 | 200 | 180 |
    /// | R3 |   0 |  70 |  (new)
    /// | total | 300 | 400 |
    ///
    /// growth: R1 +50%, R2 −10%, R3 new, total +33.33%.
    /// contributions: R1 50/300 = 16.67%, R2 −20/300 = −6.67%, R3 70/300 = 23.33%; sum 33.33%.
    /// shares 2024: 37.5%, 45%, 17.5%; 2023: 33.33%, 66.67%, 0 → mix change +4.17 pp,
    /// −21.67 pp, +17.5 pp. Average 400/3 = 133.33 → index R2 135, R1 112.5, R3 52.5.
    fn sample() -> Frame {
        let l = ledger(&[
            ("2023-03-01", "C1", "P1", "R1", 100),
            ("2023-05-01", "C2", "P1", "R2", 200),
            ("2024-03-01", "C1", "P1", "R1", 150),
            ("2024-06-01", "C2", "P2", "R2", 180),
            ("2024-07-01", "C3", "P2", "R3", 70),
        ]);
        Frame::build(&[&l], &[], &[], &[], &[])
    }

    #[test]
    fn comparison_table_by_hand() {
        let f = sample();
        let t = compare(
            &f,
            Dim::Region,
            Measure::Amount,
            Period::year(2024),
            Period::year(2023),
            &Filter::all(),
        );
        let t = t.expect("amount is always known");
        assert_eq!(
            (t.total_current, t.total_base),
            (Money(400_0000), Money(300_0000))
        );
        assert_close(t.growth, 1.0 / 3.0);
        let ids: Vec<&str> = t.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["R2", "R1", "R3"]);
        let [r2, r1, r3] = [&t.rows[0], &t.rows[1], &t.rows[2]];
        assert_eq!((r2.rank, r1.rank, r3.rank), (1, 2, 3));
        assert_close(r1.growth, 0.5);
        assert_close(r2.growth, -0.1);
        assert_eq!(r3.growth, None);
        assert_close(r1.contribution, 50.0 / 300.0);
        assert_close(r2.contribution, -20.0 / 300.0);
        assert_close(r3.contribution, 70.0 / 300.0);
        assert_close(r1.share, 0.375);
        assert_close(r3.base_share, 0.0);
        assert_close(r1.mix_change_pp, (0.375 - 1.0 / 3.0) * 100.0);
        assert_close(r2.mix_change_pp, (0.45 - 2.0 / 3.0) * 100.0);
        assert_close(r2.index, 135.0);
        assert_close(r1.index, 112.5);
        assert_close(r3.index, 52.5);
        assert_close(t.average, 400.0 / 3.0);
        assert_eq!(r3.change, Money(70_0000));
    }

    /// The sample's changes are R2 −20, R1 +50, R3 +70: by size R3, R1, R2; with two steps
    /// R2 joins the rest; the steps always sum to the total change.
    #[test]
    fn change_steps_by_size_then_the_rest() {
        let f = sample();
        let t = compare(
            &f,
            Dim::Region,
            Measure::Amount,
            Period::year(2024),
            Period::year(2023),
            &Filter::all(),
        )
        .expect("amount");
        let ids = |steps: &[ChangeStep<'_>]| -> Vec<Option<String>> {
            steps.iter().map(|s| s.row.map(|r| r.id.clone())).collect()
        };
        let all = t.change_steps(8);
        assert_eq!(
            ids(&all),
            [Some("R3".into()), Some("R1".into()), Some("R2".into())]
        );
        let two = t.change_steps(2);
        assert_eq!(ids(&two), [Some("R3".into()), Some("R1".into()), None]);
        assert_eq!(two[2].change, Money(-20_0000));
        assert_close(two[2].contribution, -20.0 / 300.0);
        for steps in [all, two, t.change_steps(0)] {
            let sum: Money = steps.iter().map(|s| s.change).sum();
            assert_eq!(sum, t.total_change);
        }
    }

    #[test]
    fn drill_down_filters_rows() {
        let f = sample();
        let r2 = f.members(Dim::Region).key("R2").expect("R2");
        let t = compare(
            &f,
            Dim::Product,
            Measure::Amount,
            Period::year(2024),
            Period::year(2023),
            &Filter::all().and(Dim::Region, r2),
        );
        let t = t.expect("amount");
        let rows: Vec<(&str, Money, Money)> = t
            .rows
            .iter()
            .map(|r| (r.id.as_str(), r.current, r.base))
            .collect();
        assert_eq!(
            rows,
            [
                ("P2", Money(180_0000), Money::ZERO),
                ("P1", Money::ZERO, Money(200_0000))
            ]
        );
    }

    #[test]
    fn gross_profit_without_costs_is_an_error_value() {
        let f = sample();
        let t = compare(
            &f,
            Dim::Region,
            Measure::GrossProfit,
            Period::year(2024),
            Period::year(2023),
            &Filter::all(),
        );
        assert_eq!(t.err(), Some(ReviewError::NoCost));
    }

    #[test]
    fn monthly_table_aligns_months() {
        let f = sample();
        let t = compare_by_month(
            &f,
            Dim::Region,
            Measure::Amount,
            Period::year(2024),
            Period::year(2023),
            &Filter::all(),
        );
        let t = t.expect("amount");
        let r1 = t.rows.iter().find(|r| r.id == "R1").expect("R1");
        assert_eq!(r1.current.len(), 12);
        assert_eq!(
            (r1.current[2], r1.base[2]),
            (Money(150_0000), Money(100_0000))
        );
        assert_close(r1.growth(2), 0.5);
        assert_eq!(r1.growth(0), None);
        assert_eq!(t.rows[0].id, "R2");
    }

    #[test]
    fn per_head_counts_active_members() {
        let f = sample();
        let p = per_head(&f, Measure::Amount, Period::year(2024), &Filter::all()).expect("amount");
        // 400 over 3 customers, 2 SKUs, 1 salesperson.
        assert_eq!((p.active_customers, p.skus, p.salespeople), (3, 2, 1));
        assert_close(p.per_customer, 400.0 / 3.0);
        assert_close(p.per_sku, 200.0);
        assert_close(p.per_salesperson, 400.0);
        let empty =
            per_head(&f, Measure::Amount, Period::year(2020), &Filter::all()).expect("amount");
        assert_eq!((empty.value, empty.per_customer), (Money::ZERO, None));
    }
}
