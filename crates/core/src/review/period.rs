//! Periods (a run of whole months) and the comparisons between them: year over year, period
//! over period (环比) and year to date against last year to date, plus growth (DOMAIN §1).

use crate::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A run of whole months, `first..=last` as [`Date::month_index`] numbers.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// The first month.
    pub first: i32,
    /// The last month (≥ `first`).
    pub last: i32,
}

impl Period {
    /// One calendar month.
    pub fn month(year: i32, month: u32) -> Period {
        let m = year * 12 + month.clamp(1, 12) as i32 - 1;
        Period { first: m, last: m }
    }

    /// One calendar year.
    pub fn year(year: i32) -> Period {
        Period {
            first: year * 12,
            last: year * 12 + 11,
        }
    }

    /// The months `first..=last` (swapped when given the wrong way round).
    pub fn months(first: i32, last: i32) -> Period {
        Period {
            first: first.min(last),
            last: first.max(last),
        }
    }

    /// Parses "2019" (a year), "2019-03" (a month), "2019-Q2" (a quarter) or
    /// "2019-01..2019-06" (a range of months).
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        if let Some((a, b)) = text.split_once("..") {
            let (a, b) = (Period::parse(a)?, Period::parse(b)?);
            return (a.first <= b.last).then_some(Period {
                first: a.first,
                last: b.last,
            });
        }
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match text.split_once('-') {
            None => year(text).map(Period::year),
            Some((y, rest)) => {
                let y = year(y)?;
                if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                    let q: i32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                    let first = y * 12 + (q - 1) * 3;
                    return Some(Period {
                        first,
                        last: first + 2,
                    });
                }
                if rest.len() != 2 || !rest.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let m: u32 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
                Some(Period::month(y, m))
            }
        }
    }

    /// The number of months.
    pub fn len(self) -> u32 {
        (self.last - self.first + 1) as u32
    }

    /// Always false: a period has at least one month.
    pub fn is_empty(self) -> bool {
        false
    }

    /// Whether a month number is inside.
    pub fn contains(self, month: i32) -> bool {
        (self.first..=self.last).contains(&month)
    }

    /// The same months `months` later (negative: earlier).
    pub fn shift(self, months: i32) -> Period {
        Period {
            first: self.first + months,
            last: self.last + months,
        }
    }

    /// The first day.
    pub fn first_day(self) -> Date {
        let (y, m) = Date::from_month_index(self.first);
        Date::from_ymd(y, m, 1).unwrap_or_default()
    }
}

impl fmt::Display for Period {
    /// "2019", "2019-03", "2019-Q2" or "2019-01..2019-06".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y0, m0) = Date::from_month_index(self.first);
        let (y1, m1) = Date::from_month_index(self.last);
        if self.first == self.last {
            write!(f, "{y0:04}-{m0:02}")
        } else if y0 == y1 && m0 == 1 && m1 == 12 {
            write!(f, "{y0:04}")
        } else if y0 == y1 && m0 % 3 == 1 && m1 == m0 + 2 {
            write!(f, "{y0:04}-Q{}", m0.div_ceil(3))
        } else {
            write!(f, "{y0:04}-{m0:02}..{y1:04}-{m1:02}")
        }
    }
}

/// How the current period is compared.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// 同比: the same months a year earlier.
    YearOverYear,
    /// 环比: the run of months of the same length just before.
    PeriodOverPeriod,
    /// 年累计同比: January to the last month with data this year, against the same months
    /// of last year.
    YearToDate,
}

impl Comparison {
    /// "yoy", "pop", "ytd".
    /// Every comparison, in the order offered.
    pub const ALL: [Comparison; 3] = [
        Comparison::YearOverYear,
        Comparison::PeriodOverPeriod,
        Comparison::YearToDate,
    ];

    /// The comparison for a code, see [`Comparison::code`].
    pub fn from_code(code: &str) -> Option<Comparison> {
        Comparison::ALL.into_iter().find(|c| c.code() == code)
    }

    /// "yoy", "pop" or "ytd": the code in URLs and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Comparison::YearOverYear => "yoy",
            Comparison::PeriodOverPeriod => "pop",
            Comparison::YearToDate => "ytd",
        }
    }

    /// The name shown to users.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Comparison::YearOverYear => lang.pick("同比", "Year over year"),
            Comparison::PeriodOverPeriod => lang.pick("环比", "Period over period"),
            Comparison::YearToDate => lang.pick("年累计同比", "Year to date vs last year"),
        }
    }

    /// The current and base periods. `current` is the period the user picked; for
    /// [`Comparison::YearToDate`] only its year matters, and the months run from January to
    /// `last_data_month` (the last month that has data) when that falls in the year, else
    /// the whole year.
    pub fn periods(self, current: Period, last_data_month: Option<i32>) -> (Period, Period) {
        match self {
            Comparison::YearOverYear => (current, current.shift(-12)),
            Comparison::PeriodOverPeriod => (current, current.shift(-(current.len() as i32))),
            Comparison::YearToDate => {
                let year = current.last.div_euclid(12);
                let jan = year * 12;
                let last = match last_data_month {
                    Some(m) if (jan..jan + 12).contains(&m) => m,
                    _ => jan + 11,
                };
                let cur = Period { first: jan, last };
                (cur, cur.shift(-12))
            }
        }
    }
}

/// growth = (current − base) / |base| as a fraction (0.1 = +10%); `None` when the base is 0
/// (shown as "new" when the current value is not 0, as "—" when both are 0).
pub fn growth(current: i64, base: i64) -> Option<f64> {
    growth_of(current as f64, base as f64)
}

/// [`growth`] of two ratios or counts (sales per customer, active customers): `None` when the
/// base is 0.
pub fn growth_of(current: f64, base: f64) -> Option<f64> {
    (base != 0.0).then(|| (current - base) / base.abs())
}

/// The periods a review shows when none is chosen: the year of the last month with data, year
/// to date (through that month) against the same months a year before. `None` for an empty
/// ledger.
pub fn default_periods(last_data_month: Option<i32>) -> Option<(Period, Period)> {
    let last = last_data_month?;
    Some(Comparison::YearToDate.periods(Period::year(last.div_euclid(12)), Some(last)))
}

/// A month number as "2019-03".
pub fn month_label(month: i32) -> String {
    Period::months(month, month).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_codes_round_trip() {
        for c in Comparison::ALL {
            assert_eq!(Comparison::from_code(c.code()), Some(c));
        }
        assert_eq!(Comparison::from_code("mom"), None);
    }

    #[test]
    fn growth_of_ratios_and_default_periods() {
        assert_eq!(growth_of(110.0, 100.0), Some(0.1));
        assert_eq!(growth_of(-50.0, -100.0), Some(0.5));
        assert_eq!(growth_of(3.0, 0.0), None);
        assert_eq!(growth(90, 100), growth_of(90.0, 100.0));
        // Data through May 2024: January–May 2024 against January–May 2023.
        let may = 2024 * 12 + 4;
        assert_eq!(
            default_periods(Some(may)),
            Some((
                Period::months(2024 * 12, may),
                Period::months(2023 * 12, may - 12)
            ))
        );
        assert_eq!(default_periods(None), None);
        assert_eq!(month_label(may), "2024-05");
        assert_eq!(month_label(0), "0000-01");
    }

    #[test]
    fn periods_parse_and_print() {
        assert_eq!(Period::parse("2019"), Some(Period::year(2019)));
        assert_eq!(Period::parse("2019-03"), Some(Period::month(2019, 3)));
        assert_eq!(
            Period::parse("2019-Q2").map(|p| (p.len(), p.to_string())),
            Some((3, "2019-Q2".into()))
        );
        let r = Period::parse("2018-11..2019-02");
        assert_eq!(r.map(|p| p.len()), Some(4));
        assert_eq!(
            r.map(|p| p.to_string()).as_deref(),
            Some("2018-11..2019-02")
        );
        for bad in [
            "",
            "19",
            "2019-13",
            "2019-3",
            "2019-Q5",
            "2019-02..2018-01",
            "abcd",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::year(2019).to_string(), "2019");
        assert_eq!(Period::month(2019, 3).to_string(), "2019-03");
    }

    #[test]
    fn comparisons_pick_their_base() {
        let mar = Period::month(2024, 3);
        assert_eq!(
            Comparison::YearOverYear.periods(mar, None),
            (mar, Period::month(2023, 3))
        );
        assert_eq!(
            Comparison::PeriodOverPeriod.periods(mar, None),
            (mar, Period::month(2024, 2))
        );
        let q = Period::parse("2024-Q1").unwrap_or(mar);
        assert_eq!(
            Comparison::PeriodOverPeriod.periods(q, None).1.to_string(),
            "2023-Q4"
        );
        // YTD aligned on the last month with data (2024-08): Jan–Aug against Jan–Aug.
        let (c, b) = Comparison::YearToDate.periods(Period::year(2024), Some(2024 * 12 + 7));
        assert_eq!(
            (c.to_string(), b.to_string()),
            ("2024-01..2024-08".into(), "2023-01..2023-08".into())
        );
        // Data ending in another year: the whole year.
        let (c, _) = Comparison::YearToDate.periods(Period::year(2023), Some(2024 * 12 + 7));
        assert_eq!(c, Period::year(2023));
    }

    #[test]
    fn growth_is_relative_to_the_absolute_base_and_never_infinite() {
        assert_eq!(growth(110, 100), Some(0.1));
        assert_eq!(growth(-50, -100), Some(0.5));
        assert_eq!(growth(0, 100), Some(-1.0));
        assert_eq!(growth(5, 0), None);
        assert_eq!(growth(0, 0), None);
    }
}
