//! The weekly split (按 ISO 周分解): the plan year's monthly targets over the ISO weeks
//! (Monday to Sunday) that touch the year. Each month's target is shared out over its days by
//! largest remainders in whole units, and a week's target is the sum of the shares of its
//! days in the plan year; a week reaching into the year before or after counts only its days
//! in the plan year. So the weeks sum exactly to the annual target, every month's days sum
//! exactly to that month, and every week is a multiple of the unit.

use super::largest_remainder;
use crate::date::days_in_month;
use crate::{Date, Money};

/// One ISO week's target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekTarget {
    /// The ISO week-numbering year (the year of the week's Thursday: the plan year's first days
    /// may belong to the last week of the year before).
    pub iso_year: i32,
    /// The ISO week, 1–53.
    pub week: u32,
    /// The week's first day in the plan year (its Monday, or 1 January).
    pub first: Date,
    /// The week's last day in the plan year (its Sunday, or 31 December).
    pub last: Date,
    /// The target.
    pub target: Money,
}

impl WeekTarget {
    /// "2027-W01".
    pub fn label(&self) -> String {
        format!("{}-W{:02}", self.iso_year, self.week)
    }

    /// Days of the week in the plan year (1–7).
    pub fn days(&self) -> u32 {
        (self.last.days_since(self.first) + 1) as u32
    }
}

/// The ISO year and week of a date.
pub fn iso_week(d: Date) -> (i32, u32) {
    let thursday = d.add_days(4 - d.weekday() as i32);
    let y = thursday.year();
    let jan1 = Date::from_ymd(y, 1, 1).unwrap_or(thursday);
    (y, (thursday.days_since(jan1) / 7 + 1) as u32)
}

/// The weeks of plan year `year` with the twelve `months`' targets shared out over them in
/// multiples of `unit` (see the module). Months beyond the twelfth are ignored; a target that
/// is not a multiple of the unit is shared in whole units with its remainder on its last day.
pub fn weeks(year: i32, months: &[Money], unit: Money) -> Vec<WeekTarget> {
    let (Some(jan1), Some(dec31)) = (Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31))
    else {
        return Vec::new();
    };
    let unit = unit.0.max(1);
    let mut out: Vec<WeekTarget> = Vec::with_capacity(54);
    for (m, &target) in months.iter().take(12).enumerate() {
        let month = m as u32 + 1;
        let n = days_in_month(year, month) as usize;
        let Some(first) = Date::from_ymd(year, month, 1) else {
            continue;
        };
        let (units, rest) = (target.0.div_euclid(unit), target.0.rem_euclid(unit));
        let per_day = largest_remainder(units, &vec![1; n]).unwrap_or_else(|| vec![0; n]);
        for (i, &u) in per_day.iter().enumerate() {
            let mut amount = u.saturating_mul(unit);
            if i + 1 == n {
                amount += rest;
            }
            let day = first.add_days(i as i32);
            let (iso_year, week) = iso_week(day);
            match out.last_mut() {
                Some(w) if w.iso_year == iso_year && w.week == week => {
                    w.last = day;
                    w.target = w.target.saturating_add(Money(amount));
                }
                _ => out.push(WeekTarget {
                    iso_year,
                    week,
                    first: day,
                    last: day,
                    target: Money(amount),
                }),
            }
        }
    }
    debug_assert!(out.first().is_none_or(|w| w.first == jan1));
    debug_assert!(out.last().is_none_or(|w| w.last == dec31));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn iso_weeks_by_hand() {
        // 2027-01-01 is a Friday: it belongs to 2026-W53; 2027-01-04 (Monday) starts W01.
        assert_eq!(iso_week(d(2027, 1, 1)), (2026, 53));
        assert_eq!(iso_week(d(2027, 1, 4)), (2027, 1));
        assert_eq!(iso_week(d(2027, 12, 31)), (2027, 52));
        // 2026-01-01 is a Thursday: W01 of 2026; 2026-12-31 (Thursday) is W53.
        assert_eq!(iso_week(d(2026, 1, 1)), (2026, 1));
        assert_eq!(iso_week(d(2026, 12, 31)), (2026, 53));
        // 2024-12-30 (Monday) is W01 of 2025.
        assert_eq!(iso_week(d(2024, 12, 30)), (2025, 1));
    }

    /// 2027: January ¥3,100 (¥100 a day) and nothing else. 2026-W53 holds 1–3 January (¥300);
    /// W01 to W04 hold 4–31 January, 7 days each (¥700); the weeks of February on get 0.
    #[test]
    fn a_month_over_its_weeks_by_hand() {
        let y = |u| Money::from_units(u).unwrap();
        let mut months = vec![Money::ZERO; 12];
        months[0] = y(3100);
        let w = weeks(2027, &months, y(100));
        assert_eq!(w[0].label(), "2026-W53");
        assert_eq!((w[0].days(), w[0].target), (3, y(300)));
        for week in &w[1..5] {
            assert_eq!((week.days(), week.target), (7, y(700)), "{}", week.label());
        }
        assert!(w[5..].iter().all(|x| x.target == Money::ZERO));
        assert_eq!(w.last().unwrap().label(), "2027-W52");
        assert_eq!(w.len(), 53, "W53 of 2026 and W01–W52 of 2027");
        assert_eq!(w.iter().map(|x| x.days()).sum::<u32>(), 365);
    }

    proptest! {
        /// The weeks sum to the year, every week is a multiple of the unit, and the weeks
        /// cover every day of the year once.
        #[test]
        fn weeks_keep_the_total_and_the_unit(
            year in 1990i32..2100,
            months in proptest::collection::vec(0i64..1_000_000, 12),
            unit_exp in 0u32..5,
        ) {
            let unit = Money(10_000 * 10i64.pow(unit_exp));
            let months: Vec<Money> = months.iter().map(|&u| Money(u * unit.0)).collect();
            let w = weeks(year, &months, unit);
            let total: Money = months.iter().copied().sum();
            prop_assert_eq!(w.iter().map(|x| x.target).sum::<Money>(), total);
            prop_assert!(w.iter().all(|x| x.target.0 % unit.0 == 0));
            let days: u32 = w.iter().map(WeekTarget::days).sum();
            prop_assert_eq!(days, if crate::date::is_leap_year(year) { 366 } else { 365 });
            prop_assert!(w.windows(2).all(|p| p[0].last.add_days(1) == p[1].first));
            prop_assert!((52..=54).contains(&w.len()));
        }
    }
}
