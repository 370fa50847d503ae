//! Tracking (目标追踪): a plan's targets against what the ledger says, by month and by member
//! of every planned dimension: achievement, gap, run-rate and projected year end.
//!
//! Months are whole months: a month counts as elapsed once the as-of date is within two days of
//! its end (the rule [`Frame::last_complete_month`] uses), so a month still in progress shows its
//! sales so far but does not drag the run-rate down. An elapsed month without sales has actual 0
//! and gap −target. The projected year end is seasonality-weighted: the year-to-date actual
//! divided by the year-to-date share of the target (the month targets carry the seasonality),
//! times the annual target. A category's target and actual are the sums of its products' when
//! products are planned (a roll-up, never a share).

use serde::Serialize;
use std::collections::HashMap;

use super::allocation::{Allocation, sum};
use crate::review::{Dim, Frame, Measure};
use crate::{Date, Lang, Money};

/// Target against actual for a plan year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tracking {
    /// The plan year.
    pub year: i32,
    /// The day the actuals are read up to.
    pub as_of: Date,
    /// The number of elapsed months of the plan year (0–12).
    pub elapsed: u32,
    /// The year as a whole.
    pub total: TrackLine,
    /// January … December.
    pub months: Vec<MonthTrack>,
    /// One per planned dimension, in the allocation's order.
    pub dims: Vec<DimTrack>,
}

/// One month of the plan year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthTrack {
    /// 1–12.
    pub month: u32,
    /// The month's target.
    pub target: Money,
    /// Its sales: `None` for a month not yet begun; 0 for an elapsed month without sales.
    pub actual: Option<Money>,
    /// Whether the month is still in progress (its actual is partial).
    pub in_progress: bool,
    /// actual − target, for elapsed months.
    pub gap: Option<Money>,
    /// actual ÷ target, for elapsed months with a target.
    pub achievement: Option<f64>,
}

/// The members of one planned dimension.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimTrack {
    /// The dimension.
    pub dim: Dim,
    /// Planned members in the allocation's order, then members with sales but no target.
    pub members: Vec<MemberTrack>,
}

/// One member of a dimension.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberTrack {
    /// The member's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether the plan gives it a target (members selling without one are listed too, with
    /// target 0, so that the actuals add up to the total).
    pub planned: bool,
    /// Its figures.
    pub line: TrackLine,
}

/// The figures of the year, a member or the total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrackLine {
    /// The annual target.
    pub target: Money,
    /// The target of the elapsed months.
    pub target_to_date: Money,
    /// The sales of the elapsed months.
    pub actual_to_date: Money,
    /// The sales of the month in progress, if there is one.
    pub actual_in_progress: Money,
    /// actual_to_date − target_to_date.
    pub gap_to_date: Money,
    /// actual_to_date ÷ target_to_date (`None` when that target is 0).
    pub achievement_to_date: Option<f64>,
    /// actual_to_date ÷ target (`None` when the target is 0).
    pub achievement_of_year: Option<f64>,
    /// The average sales of an elapsed month (`None` before the first month has elapsed).
    pub run_rate: Option<Money>,
    /// The seasonality-weighted year end: actual_to_date ÷ target_to_date × target (`None`
    /// when nothing has elapsed or the target to date is 0).
    pub projected: Option<Money>,
}

/// The method behind [`TrackLine::projected`], as the app and the CLI state it.
pub fn projection_method(lang: Lang) -> &'static str {
    lang.pick(
        "预计全年 = 已完成月份实际 ÷ 已完成月份目标 × 全年目标（按目标的季节性加权）；进行中的月份不计入。",
        "Projected year end = actual of the elapsed months ÷ their target × the annual target (weighted by the targets' seasonality); a month in progress is left out.",
    )
}

/// The number of months of `year` elapsed on `as_of`, and the month in progress (1–12), if any.
pub fn elapsed_months(year: i32, as_of: Date) -> (u32, Option<u32>) {
    let (y, m, d) = as_of.ymd();
    if y < year {
        return (0, None);
    }
    if y > year {
        return (12, None);
    }
    if d + 2 >= crate::date::days_in_month(y, m) {
        (m, None)
    } else {
        (m - 1, Some(m))
    }
}

/// Tracks `allocation` (the targets of plan year `year`, counting `measure`) against `frame` as
/// of `as_of` (the frame's last day when `None`; the plan year's first day when the frame is
/// empty). A measure the frame lacks (gross profit without costs) reads as no sales.
pub fn track(
    allocation: &Allocation,
    frame: &Frame,
    year: i32,
    measure: Measure,
    as_of: Option<Date>,
) -> Tracking {
    let as_of = as_of
        .or(frame.last_date)
        .unwrap_or_else(|| Date::from_ymd(year, 1, 1).unwrap_or_default());
    let (elapsed, in_progress) = elapsed_months(year, as_of);
    let actuals = Actuals::read(frame, year, measure, as_of);

    let month_targets = twelve(&allocation.months);
    let months = (1..=12u32)
        .map(|m| {
            let target = month_targets[m as usize - 1];
            let begun = m <= elapsed || Some(m) == in_progress;
            let actual = begun.then(|| actuals.total[m as usize - 1]);
            let done = m <= elapsed;
            let gap = actual.filter(|_| done).map(|a| a.saturating_sub(target));
            MonthTrack {
                month: m,
                target,
                actual,
                in_progress: Some(m) == in_progress,
                gap,
                achievement: actual.filter(|_| done).and_then(|a| ratio(a, target)),
            }
        })
        .collect();
    let total = line(&month_targets, &actuals.total, elapsed, in_progress);

    let dims = allocation
        .dims
        .iter()
        .map(|d| {
            let by_id = actuals.by_member(frame, d.dim);
            let mut members: Vec<MemberTrack> = Vec::new();
            let mut planned: HashMap<&str, ()> = HashMap::new();
            for m in &d.members {
                planned.insert(m.id.as_str(), ());
                let targets = if m.months.len() == 12 {
                    twelve(&m.months)
                } else {
                    spread(m.target, &month_targets, allocation.unit)
                };
                let zero = [Money::ZERO; 12];
                let sales = by_id.get(m.id.as_str()).unwrap_or(&zero);
                members.push(MemberTrack {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    planned: true,
                    line: line(&targets, sales, elapsed, in_progress),
                });
            }
            let mut unplanned: Vec<(&str, &[Money; 12])> = by_id
                .iter()
                .filter(|(id, s)| !planned.contains_key(*id) && s.iter().any(|x| x.0 != 0))
                .map(|(id, s)| (*id, s))
                .collect();
            unplanned.sort_by(|a, b| a.0.cmp(b.0));
            for (id, sales) in unplanned {
                let name = frame
                    .members(d.dim)
                    .key(id)
                    .map_or(id, |k| frame.members(d.dim).name(k));
                members.push(MemberTrack {
                    id: id.to_string(),
                    name: name.to_string(),
                    planned: false,
                    line: line(&[Money::ZERO; 12], sales, elapsed, in_progress),
                });
            }
            DimTrack {
                dim: d.dim,
                members,
            }
        })
        .collect();

    let mut tracking = Tracking {
        year,
        as_of,
        elapsed,
        total,
        months,
        dims,
    };
    roll_up_categories(&mut tracking, allocation);
    tracking
}

/// When products are planned, each planned category's target is its products' sum (its actual
/// is the sum of its products' rows already, the frame giving each row one category).
fn roll_up_categories(tracking: &mut Tracking, allocation: &Allocation) {
    let Some(products) = allocation.dim(Dim::Product) else {
        return;
    };
    let Some(product_track) = tracking.dims.iter().find(|d| d.dim == Dim::Product) else {
        return;
    };
    let mut per_category: HashMap<String, (Money, Money)> = HashMap::new();
    for (p, t) in products.members.iter().zip(&product_track.members) {
        if let Some(c) = &p.parent {
            let e = per_category
                .entry(c.clone())
                .or_insert((Money::ZERO, Money::ZERO));
            e.0 = e.0.saturating_add(t.line.target);
            e.1 = e.1.saturating_add(t.line.target_to_date);
        }
    }
    let Some(categories) = tracking.dims.iter_mut().find(|d| d.dim == Dim::Category) else {
        return;
    };
    for c in categories.members.iter_mut().filter(|c| c.planned) {
        let (target, to_date) = per_category
            .get(&c.id)
            .copied()
            .unwrap_or((Money::ZERO, Money::ZERO));
        c.line.target = target;
        c.line.target_to_date = to_date;
        c.line.gap_to_date = c.line.actual_to_date.saturating_sub(to_date);
        c.line.achievement_to_date = ratio(c.line.actual_to_date, to_date);
        c.line.achievement_of_year = ratio(c.line.actual_to_date, target);
        c.line.projected = projected(c.line.actual_to_date, to_date, target, tracking.elapsed);
    }
}

fn line(
    targets: &[Money; 12],
    sales: &[Money; 12],
    elapsed: u32,
    in_progress: Option<u32>,
) -> TrackLine {
    let n = elapsed as usize;
    let target = sum(targets.iter().copied());
    let target_to_date = sum(targets[..n].iter().copied());
    let actual_to_date = sum(sales[..n].iter().copied());
    let actual_in_progress = in_progress.map_or(Money::ZERO, |m| sales[m as usize - 1]);
    TrackLine {
        target,
        target_to_date,
        actual_to_date,
        actual_in_progress,
        gap_to_date: actual_to_date.saturating_sub(target_to_date),
        achievement_to_date: ratio(actual_to_date, target_to_date),
        achievement_of_year: ratio(actual_to_date, target),
        run_rate: (n > 0).then(|| Money(actual_to_date.0 / n as i64)),
        projected: projected(actual_to_date, target_to_date, target, elapsed),
    }
}

fn projected(actual: Money, target_to_date: Money, target: Money, elapsed: u32) -> Option<Money> {
    if elapsed == 0 || target_to_date.0 <= 0 {
        return None;
    }
    // actual × target ÷ target_to_date in i128: exact, rounded half away from zero.
    let num = i128::from(actual.0) * i128::from(target.0);
    let den = i128::from(target_to_date.0);
    let q = (2 * num + num.signum() * den) / (2 * den);
    i64::try_from(q).ok().map(Money)
}

fn ratio(a: Money, b: Money) -> Option<f64> {
    (b.0 != 0).then(|| a.0 as f64 / b.0 as f64)
}

fn twelve(months: &[Money]) -> [Money; 12] {
    let mut out = [Money::ZERO; 12];
    for (o, m) in out.iter_mut().zip(months) {
        *o = *m;
    }
    out
}

/// A member's annual target spread over the months in the proportions of the plan's monthly
/// split, in whole units, by largest remainders (so the months sum to the target exactly when it
/// is a multiple of the unit; any rest below a unit goes to the largest month).
pub fn spread(target: Money, month_targets: &[Money; 12], unit: Money) -> [Money; 12] {
    let whole = sum(month_targets.iter().copied());
    let mut out = [Money::ZERO; 12];
    if whole.0 <= 0 {
        out[0] = target;
        return out;
    }
    let unit = unit.0.max(1);
    let units = target.0.div_euclid(unit);
    let rest = target.0.rem_euclid(unit);
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(12);
    let mut given = 0i64;
    for (i, m) in month_targets.iter().enumerate() {
        let exact = i128::from(units) * i128::from(m.0.max(0));
        let q = exact / i128::from(whole.0);
        out[i] = Money(q as i64 * unit);
        given += q as i64;
        remainders.push((exact % i128::from(whole.0), i));
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().take((units - given).max(0) as usize) {
        out[*i].0 += unit;
    }
    if rest != 0 {
        let largest = (0..12)
            .max_by_key(|i| (month_targets[*i], -(*i as i64)))
            .unwrap_or(0);
        out[largest].0 += rest;
    }
    out
}

/// What `frame` says of `measure` in `year` (the base year's actual of a plan).
pub fn year_actual(frame: &Frame, year: i32, measure: Measure) -> Money {
    let end = Date::from_ymd(year, 12, 31).unwrap_or_default();
    sum(Actuals::read(frame, year, measure, end).total.into_iter())
}

/// Sales of the plan year by month, in total and per member of each dimension.
struct Actuals<'a> {
    frame: &'a Frame,
    year: i32,
    column: Option<&'a [Money]>,
    last_slot: Option<u32>,
    total: [Money; 12],
}

impl<'a> Actuals<'a> {
    fn read(frame: &'a Frame, year: i32, measure: Measure, as_of: Date) -> Actuals<'a> {
        let column = frame.measure(measure);
        // Rows after the as-of month are not counted (a frame may run further than the as-of day).
        let last_slot = {
            let s = i64::from(as_of.month_index()) - i64::from(frame.first_month);
            if s < 0 {
                None
            } else {
                Some(s.min(i64::from(u32::MAX)) as u32)
            }
        };
        let mut a = Actuals {
            frame,
            year,
            column,
            last_slot,
            total: [Money::ZERO; 12],
        };
        let mut total = [Money::ZERO; 12];
        a.each(|_, m, x| total[m] = total[m].saturating_add(x));
        a.total = total;
        a
    }

    /// Calls `f(row, month 0–11, value)` for each row of the plan year up to the as-of month.
    fn each(&self, mut f: impl FnMut(usize, usize, Money)) {
        let (Some(column), Some(last)) = (self.column, self.last_slot) else {
            return;
        };
        for (row, (slot, x)) in self.frame.month.iter().zip(column).enumerate() {
            let slot = u32::from(*slot);
            if slot > last {
                continue;
            }
            let index = self.frame.first_month + slot as i32;
            if index.div_euclid(12) == self.year {
                f(row, index.rem_euclid(12) as usize, *x);
            }
        }
    }

    fn by_member(&self, frame: &'a Frame, dim: Dim) -> HashMap<&'a str, [Money; 12]> {
        let keys = frame.keys(dim);
        let members = frame.members(dim);
        let mut per_key: Vec<[Money; 12]> = vec![[Money::ZERO; 12]; members.len()];
        self.each(|row, m, x| {
            if let Some(k) = keys.get(row)
                && let Some(slot) = per_key.get_mut(*k as usize)
            {
                slot[m] = slot[m].saturating_add(x);
            }
        });
        per_key
            .into_iter()
            .enumerate()
            .map(|(k, s)| (members.id(k as u32), s))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::*;
    use crate::targets::allocation::{DimAllocation, MemberAllocation};

    fn y(units: i64) -> Money {
        Money(units * 10_000)
    }

    /// A frame of (date, customer, product, region, yuan) rows; P1 is a 饮料, P2 a 零食.
    fn frame(rows: &[(&str, &str, &str, &str, i64)]) -> Frame {
        let l = ledger(rows);
        let products = [product("P1", "可乐", "饮料"), product("P2", "薯片", "零食")];
        Frame::build(&[&l], &[], &products, &[], &[])
    }

    fn member(id: &str, parent: Option<&str>, target: i64) -> MemberAllocation {
        MemberAllocation {
            id: id.into(),
            name: id.into(),
            parent: parent.map(str::to_string),
            base: Money::ZERO,
            target: y(target),
            locked: false,
            weight: None,
            months: Vec::new(),
        }
    }

    /// 1,200 a year, 100 a month; products P1 (category of P1 in the test frame) and P2.
    fn allocation() -> Allocation {
        Allocation {
            month_basis: Default::default(),
            locked_months: Vec::new(),
            month_weights: Vec::new(),
            total: y(1200),
            unit: y(1),
            months: vec![y(100); 12],
            dims: vec![DimAllocation {
                dim: Dim::Customer,
                total: y(1200),
                basis: Default::default(),
                members: vec![member("C1", None, 600), member("C2", None, 600)],
            }],
        }
    }

    #[test]
    fn elapsed_months_follow_the_complete_month_rule() {
        let d = |y, m, d| Date::from_ymd(y, m, d).unwrap();
        assert_eq!(elapsed_months(2025, d(2025, 3, 10)), (2, Some(3)));
        assert_eq!(elapsed_months(2025, d(2025, 3, 29)), (3, None));
        assert_eq!(elapsed_months(2025, d(2024, 12, 31)), (0, None));
        assert_eq!(elapsed_months(2025, d(2026, 1, 1)), (12, None));
    }

    #[test]
    fn an_empty_month_shows_actual_zero_and_gap_minus_target() {
        // Sales in January and March, none in February; as of 31 March.
        let f = frame(&[
            ("2025-01-05", "C1", "P1", "R1", 90),
            ("2025-03-31", "C2", "P1", "R1", 130),
        ]);
        let t = track(&allocation(), &f, 2025, Measure::Amount, None);
        assert_eq!(t.elapsed, 3);
        assert_eq!(t.months[1].actual, Some(Money::ZERO));
        assert_eq!(t.months[1].gap, Some(y(-100)));
        assert_eq!(t.months[1].achievement, Some(0.0));
        assert_eq!(t.months[3].actual, None);
        assert_eq!(t.total.target_to_date, y(300));
        assert_eq!(t.total.actual_to_date, y(220));
        assert_eq!(t.total.gap_to_date, y(-80));
        // 220 ÷ 300 × 1,200 = 880; run-rate 220 ÷ 3 = 73.3333.
        assert_eq!(t.total.projected, Some(y(880)));
        assert_eq!(t.total.run_rate, Some(Money(733_333)));
        let c = &t.dims[0].members;
        assert_eq!(c[0].line.actual_to_date, y(90));
        assert_eq!(c[0].line.target_to_date, y(150));
        assert_eq!(c[1].line.actual_to_date, y(130));
    }

    #[test]
    fn a_month_in_progress_is_shown_but_not_counted() {
        let f = frame(&[
            ("2025-01-05", "C1", "P1", "R1", 100),
            ("2025-02-10", "C1", "P1", "R1", 40),
        ]);
        let t = track(&allocation(), &f, 2025, Measure::Amount, None);
        assert_eq!(t.elapsed, 1);
        assert!(t.months[1].in_progress);
        assert_eq!(t.months[1].actual, Some(y(40)));
        assert_eq!(t.months[1].gap, None);
        assert_eq!(t.total.actual_to_date, y(100));
        assert_eq!(t.total.actual_in_progress, y(40));
        assert_eq!(t.total.projected, Some(y(1200)));
    }

    #[test]
    fn members_selling_without_a_target_are_listed_so_actuals_add_up() {
        let f = frame(&[
            ("2025-01-05", "C1", "P1", "R1", 100),
            ("2025-01-06", "C9", "P1", "R1", 50),
            ("2025-01-31", "C2", "P1", "R1", 10),
        ]);
        let t = track(&allocation(), &f, 2025, Measure::Amount, None);
        let m = &t.dims[0].members;
        assert_eq!(m.len(), 3);
        assert_eq!((m[2].id.as_str(), m[2].planned), ("C9", false));
        assert_eq!(m[2].line.target, Money::ZERO);
        let sum_members: i64 = m.iter().map(|m| m.line.actual_to_date.0).sum();
        assert_eq!(sum_members, t.total.actual_to_date.0);
    }

    #[test]
    fn a_category_rolls_up_from_its_products() {
        let f = frame(&[
            ("2025-01-05", "C1", "P1", "R1", 100),
            ("2025-01-31", "C1", "P2", "R1", 50),
        ]);
        let (cat1, cat2) = ("饮料".to_string(), "零食".to_string());
        let mut a = allocation();
        a.dims = vec![
            DimAllocation {
                dim: Dim::Category,
                total: y(1200),
                basis: Default::default(),
                // Deliberately off from its products: tracking reads the products' sums.
                members: vec![member(&cat1, None, 1000), member(&cat2, None, 200)],
            },
            DimAllocation {
                dim: Dim::Product,
                total: y(1200),
                basis: Default::default(),
                members: vec![
                    member("P1", Some(&cat1), 840),
                    member("P2", Some(&cat2), 360),
                ],
            },
        ];
        let t = track(&a, &f, 2025, Measure::Amount, None);
        let cats = &t.dims[0].members;
        assert_eq!(cats[0].line.target, y(840));
        assert_eq!(cats[1].line.target, y(360));
        assert_eq!(cats[0].line.target_to_date, y(70));
        assert_eq!(cats[0].line.actual_to_date, y(100));
        assert_eq!(cats[1].line.actual_to_date, y(50));
        assert_eq!(cats[1].line.achievement_to_date, Some(50.0 / 30.0));
    }

    #[test]
    fn the_year_actual_sums_the_year_only() {
        let f = frame(&[
            ("2024-12-31", "C1", "P1", "R1", 7),
            ("2025-01-05", "C1", "P1", "R1", 100),
            ("2025-11-30", "C2", "P2", "R1", 50),
        ]);
        assert_eq!(year_actual(&f, 2025, Measure::Amount), y(150));
        assert_eq!(year_actual(&f, 2024, Measure::Amount), y(7));
        assert_eq!(year_actual(&f, 2023, Measure::Amount), Money::ZERO);
    }

    #[test]
    fn spreading_keeps_the_target_and_follows_the_months() {
        let mut months = [y(100); 12];
        months[11] = y(300);
        // Months in the proportions 1:…:1:3 of 1,400: exact.
        let s = spread(y(1400), &months, y(1));
        assert_eq!(s[0], y(100));
        assert_eq!(s[11], y(300));
        // 1,300 × 100 / 1,400 = 92.857… (eleven months), × 300 / 1,400 = 278.571…: the floors
        // give 92 × 11 + 278 = 1,290, and the ten units left go to the largest remainders:
        // the eleven months at .857 before December's .571, first come first served.
        let s = spread(y(1300), &months, y(1));
        assert_eq!(sum(s.iter().copied()), y(1300));
        assert_eq!(s[..10], [y(93); 10]);
        assert_eq!((s[10], s[11]), (y(92), y(278)));
        let s = spread(Money(12_345), &[y(1); 12], y(1));
        assert_eq!(sum(s.iter().copied()), Money(12_345));
    }

    proptest::proptest! {
        #[test]
        fn spread_always_sums(target in 0i64..1_000_000_000_000, months in proptest::collection::vec(0i64..1_000_000_000, 12), unit in 1i64..100_000) {
            let months: [Money; 12] = twelve(&months.into_iter().map(Money).collect::<Vec<_>>());
            let s = spread(Money(target), &months, Money(unit));
            proptest::prop_assert_eq!(sum(s.iter().copied()), Money(target));
            proptest::prop_assert!(s.iter().all(|x| x.0 >= 0));
        }
    }
}
