//! What a review shows (期间, 对比, 维度, 指标, 下钻): the user's choices as they travel in a URL
//! or on a command line — codes that may be missing, stale or unknown — resolved against a frame
//! into periods, a dimension, a measure and a filter, with a default for anything unusable.

use super::frame::{Dim, Filter, Frame, Measure};
use super::period::{Comparison, Period};

/// The choices as codes: "2025-Q2", "ytd", "region", "amount", and the drill-down path as
/// (dimension code, member id) pairs from the whole territory down.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice<'a> {
    pub period: Option<&'a str>,
    pub cmp: Option<&'a str>,
    pub dim: Option<&'a str>,
    pub measure: Option<&'a str>,
    pub drill: &'a [(String, String)],
}

/// The choices resolved against a frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// The chosen period (before the comparison shapes it).
    pub period: Period,
    pub cmp: Comparison,
    /// The dimension members are grouped by.
    pub dim: Dim,
    pub measure: Measure,
    /// The drill-down path, only members the frame has.
    pub drill: Vec<(Dim, String)>,
    /// The period shown and the one it is compared with.
    pub current: Period,
    pub base: Period,
    /// The rows the drill-down path keeps.
    pub filter: Filter,
}

/// Resolves `choice` against `frame`. Defaults: the year of the last month with data, year to
/// date, regions, sales amount. Gross profit falls back to the amount when the ledger has no
/// costs; drill-down steps naming a member the frame does not have are dropped.
pub fn resolve(frame: &Frame, choice: &Choice<'_>) -> Selection {
    let last = frame.last_month();
    let default_period = Period::year(last.unwrap_or(frame.first_month).div_euclid(12));
    let period = choice
        .period
        .and_then(Period::parse)
        .unwrap_or(default_period);
    let cmp = choice
        .cmp
        .and_then(Comparison::from_code)
        .unwrap_or(Comparison::YearToDate);
    let mut measure = choice
        .measure
        .and_then(Measure::from_code)
        .unwrap_or(Measure::Amount);
    if measure == Measure::GrossProfit && !frame.has_gross_profit() {
        measure = Measure::Amount;
    }
    let drill: Vec<(Dim, String)> = choice
        .drill
        .iter()
        .filter_map(|(d, id)| Some((Dim::from_code(d)?, id.clone())))
        .filter(|(d, id)| frame.members(*d).key(id).is_some())
        .collect();
    let dim = choice.dim.and_then(Dim::from_code).unwrap_or(Dim::Region);
    let filter = drill.iter().fold(Filter::all(), |f, (d, id)| {
        match frame.members(*d).key(id) {
            Some(k) => f.and(*d, k),
            None => f,
        }
    });
    let (current, base) = cmp.periods(period, last);
    Selection {
        period,
        cmp,
        dim,
        measure,
        drill,
        current,
        base,
        filter,
    }
}

/// The periods a review offers: every year, every quarter and the last 24 months with data,
/// newest first within each; empty for an empty frame.
pub fn period_options(frame: &Frame) -> Vec<Period> {
    let Some(last) = frame.last_month() else {
        return Vec::new();
    };
    let first = frame.first_month;
    let mut out = Vec::new();
    for y in (first.div_euclid(12)..=last.div_euclid(12)).rev() {
        out.push(Period::year(y));
    }
    for q in (first.div_euclid(3)..=last.div_euclid(3)).rev() {
        out.push(Period::months(q * 3, q * 3 + 2));
    }
    for m in (first.max(last - 23)..=last).rev() {
        out.push(Period::months(m, m));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::ledger;

    fn frame() -> Frame {
        let l = ledger(&[
            ("2023-11-10", "C1", "P1", "R1", 100),
            ("2024-02-10", "C2", "P1", "R2", 200),
        ]);
        Frame::build(&[&l], &[], &[], &[], &[])
    }

    #[test]
    fn nothing_chosen_is_this_year_to_date_by_region_in_amount() {
        let f = frame();
        let s = resolve(&f, &Choice::default());
        let feb = 2024 * 12 + 1;
        assert_eq!(s.period, Period::year(2024));
        assert_eq!(s.cmp, Comparison::YearToDate);
        assert_eq!((s.dim, s.measure), (Dim::Region, Measure::Amount));
        assert_eq!(s.current, Period::months(2024 * 12, feb));
        assert_eq!(s.base, Period::months(2023 * 12, feb - 12));
        assert_eq!(s.filter, Filter::all());
    }

    #[test]
    fn codes_are_read_and_unusable_ones_fall_back() {
        let f = frame();
        let drill = vec![
            ("region".to_string(), "R2".to_string()),
            ("customer".to_string(), "nobody".to_string()),
            ("planet".to_string(), "R1".to_string()),
        ];
        let s = resolve(
            &f,
            &Choice {
                period: Some("2023-Q4"),
                cmp: Some("yoy"),
                dim: Some("customer"),
                measure: Some("gross_profit"),
                drill: &drill,
            },
        );
        assert_eq!(s.period, Period::months(2023 * 12 + 9, 2023 * 12 + 11));
        assert_eq!(s.base, s.period.shift(-12));
        assert_eq!(s.dim, Dim::Customer);
        // No costs in the ledger: gross profit falls back to the amount.
        assert_eq!(s.measure, Measure::Amount);
        assert_eq!(s.drill, [(Dim::Region, "R2".to_string())]);
        let r2 = f.members(Dim::Region).key("R2").unwrap();
        assert_eq!(s.filter, Filter::all().and(Dim::Region, r2));
        let bad = resolve(
            &f,
            &Choice {
                period: Some("2023-13"),
                cmp: Some("mom"),
                dim: Some("planet"),
                ..Choice::default()
            },
        );
        assert_eq!(
            (bad.period, bad.cmp, bad.dim),
            (Period::year(2024), Comparison::YearToDate, Dim::Region)
        );
    }

    #[test]
    fn period_options_by_hand() {
        let f = frame();
        let got: Vec<String> = period_options(&f).iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            [
                "2024", "2023", "2024-Q1", "2023-Q4", "2024-02", "2024-01", "2023-12", "2023-11"
            ]
        );
        let empty = Frame::build(&[], &[], &[], &[], &[]);
        assert!(period_options(&empty).is_empty());
    }
}
