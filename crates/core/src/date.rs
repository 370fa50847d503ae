//! Calendar dates as day numbers, with the proleptic Gregorian calendar done by hand.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date: the number of days since 1970-01-01 (which is `Date(0)`).
/// Serialised as that integer.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Date(pub i32);

impl Date {
    /// The date for a year, month (1–12) and day (1–31), or `None` if there is no such day
    /// (2024-02-30) or it is out of range.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        i32::try_from(days_from_civil(i64::from(year), month, day))
            .ok()
            .map(Date)
    }

    /// The (year, month, day) of this date.
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(i64::from(self.0));
        // |self.0| < 2^31 days keeps the year far inside i32.
        (y as i32, m, d)
    }

    /// Parses an ISO date "YYYY-MM-DD" (exactly four year digits, two month and day digits).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(range)?;
            if !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(
                part.iter()
                    .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')),
            )
        };
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.ymd().2
    }

    /// The ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((i64::from(self.0) + 3).rem_euclid(7) + 1) as u32
    }

    /// Whether the date falls on a Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        self.weekday() >= 6
    }

    /// The date `days` later (earlier when negative), clamped at the ends of the range.
    pub fn add_days(self, days: i32) -> Date {
        Date(self.0.saturating_add(days))
    }

    /// The number of days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }

    /// A running month number, `year * 12 + month − 1`: consecutive months differ by one.
    pub fn month_index(self) -> i32 {
        let (y, m, _) = self.ymd();
        y * 12 + m as i32 - 1
    }

    /// The (year, month) of a [`Date::month_index`].
    pub fn from_month_index(index: i32) -> (i32, u32) {
        (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> Date {
        Date(self.0.saturating_sub(self.day() as i32 - 1))
    }
}

impl fmt::Display for Date {
    /// ISO 8601: "2024-03-05".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        if (0..=9999).contains(&y) {
            write!(f, "{y:04}-{m:02}-{d:02}")
        } else {
            write!(f, "{y:+}-{m:02}-{d:02}")
        }
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a valid civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_ymd(y: i32, m: u32, d: u32, expected: Option<i32>) {
        assert_eq!(Date::from_ymd(y, m, d), expected.map(Date), "{y}-{m}-{d}");
    }

    #[test]
    fn from_ymd_counts_days_since_1970_and_rejects_impossible_days() {
        check_ymd(1970, 1, 1, Some(0));
        check_ymd(1970, 1, 2, Some(1));
        check_ymd(1969, 12, 31, Some(-1));
        check_ymd(2000, 3, 1, Some(11_017));
        check_ymd(2024, 3, 5, Some(19_787));
        check_ymd(2024, 2, 29, Some(19_782));
        check_ymd(2024, 2, 30, None);
        check_ymd(2023, 2, 29, None);
        check_ymd(1900, 2, 29, None);
        check_ymd(2000, 2, 29, Some(11_016));
        check_ymd(2024, 13, 1, None);
        check_ymd(2024, 0, 1, None);
        check_ymd(2024, 4, 31, None);
        check_ymd(2024, 4, 0, None);
        check_ymd(i32::MAX, 1, 1, None);
    }

    #[test]
    fn ymd_inverts_from_ymd_over_centuries() {
        let mut day = Date::from_ymd(1600, 1, 1).map(|d| d.0).unwrap_or_default();
        let mut expected = (1600, 1, 1);
        while day < Date::from_ymd(2401, 1, 1).map(|d| d.0).unwrap_or_default() {
            assert_eq!(Date(day).ymd(), expected);
            let (y, m, d) = expected;
            expected = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            day += 1;
        }
    }

    #[test]
    fn ymd_never_panics_at_the_extremes() {
        for d in [i32::MIN, i32::MIN + 1, -1, 0, i32::MAX - 1, i32::MAX] {
            let (y, m, dd) = Date(d).ymd();
            assert!((1..=12).contains(&m) && (1..=31).contains(&dd));
            assert_eq!(Date::from_ymd(y, m, dd), Some(Date(d)));
            let _ = Date(d).to_string();
            let _ = Date(d).weekday();
        }
    }

    #[track_caller]
    fn check_iso(text: &str, expected: Option<(i32, u32, u32)>) {
        assert_eq!(Date::parse_iso(text).map(Date::ymd), expected, "{text:?}");
    }

    #[test]
    fn parse_iso_reads_only_well_formed_real_dates() {
        check_iso("2024-03-05", Some((2024, 3, 5)));
        check_iso("0001-01-01", Some((1, 1, 1)));
        check_iso("2024-02-30", None);
        check_iso("2024-3-5", None);
        check_iso("2024/03/05", None);
        check_iso("20240305", None);
        check_iso("2024-03-05T00:00", None);
        check_iso("2024-0a-05", None);
        check_iso("２０２４-03-05", None);
        check_iso("", None);
    }

    #[test]
    fn display_is_iso() {
        assert_eq!(Date(19_787).to_string(), "2024-03-05");
        assert_eq!(Date(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::parse_iso("0999-12-31")
                .map(|d| d.to_string())
                .as_deref(),
            Some("0999-12-31")
        );
    }

    #[test]
    fn weekday_is_iso_numbered() {
        assert_eq!(Date(0).weekday(), 4); // Thursday
        assert_eq!(Date::parse_iso("2024-03-04").map(Date::weekday), Some(1)); // Monday
        assert_eq!(Date::parse_iso("2024-03-10").map(Date::weekday), Some(7)); // Sunday
        assert_eq!(Date(-1).weekday(), 3);
        assert!(Date::parse_iso("2026-11-22").is_some_and(Date::is_weekend));
    }

    #[test]
    fn month_index_is_consecutive_across_years() {
        let dec = Date::parse_iso("2023-12-31").map(Date::month_index);
        let jan = Date::parse_iso("2024-01-01").map(Date::month_index);
        assert_eq!(dec.map(|i| i + 1), jan);
        assert_eq!(jan, Some(2024 * 12));
        assert_eq!(Date::from_month_index(2024 * 12 + 2), (2024, 3));
        assert_eq!(Date::from_month_index(-1), (-1, 12));
    }

    #[test]
    fn add_days_crosses_months_and_saturates() {
        assert_eq!(
            Date::parse_iso("2024-02-28")
                .map(|d| d.add_days(2).to_string())
                .as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(Date(i32::MAX).add_days(1), Date(i32::MAX));
        assert_eq!(
            Date::parse_iso("2024-03-15")
                .map(|d| d.first_of_month().to_string())
                .as_deref(),
            Some("2024-03-01")
        );
    }
}
