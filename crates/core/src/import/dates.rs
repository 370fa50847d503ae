//! Dates as ledgers write them: "2024-03-05", "2024/3/5", "3/5/2024", "5.3.24", "2024年3月5日",
//! "202403", "20240305", Excel serials, with or without a time of day.

use crate::Date;
use serde::{Deserialize, Serialize};

/// The order of day and month (and year) in dates such as "3/5/2024" or "05.03.24".
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Year, month, day: 2024/3/5, 24/3/5.
    #[default]
    Ymd,
    /// Month, day, year: 3/5/2024 is 5 March.
    Mdy,
    /// Day, month, year: 3/5/2024 is 3 May.
    Dmy,
}

impl DateOrder {
    /// "ymd", "mdy" or "dmy".
    pub fn code(self) -> &'static str {
        match self {
            DateOrder::Ymd => "ymd",
            DateOrder::Mdy => "mdy",
            DateOrder::Dmy => "dmy",
        }
    }

    /// The order for a code, see [`DateOrder::code`].
    pub fn from_code(code: &str) -> Option<DateOrder> {
        match code.to_ascii_lowercase().as_str() {
            "ymd" => Some(DateOrder::Ymd),
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            _ => None,
        }
    }
}

/// A date cell read as far as possible without knowing the column's day/month order.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum DateCell {
    /// Year, month and day are known (they may still name an impossible day).
    Fixed(i32, u32, u32),
    /// Two small numbers and a four-digit year at the end: "3/5/2024" (true: written with dots).
    Pair(u32, u32, i32, bool),
    /// Three numbers of at most two digits: "3/5/24".
    Triple(u32, u32, u32, bool),
    /// A day number already converted (Excel serials, workbook date cells).
    Day(Date),
}

/// Why a date cell cannot be read.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum DateError {
    Empty,
    NotADate,
    Impossible,
    OutOfRange,
}

/// Reads a date cell without resolving day/month order.
#[inline]
pub(crate) fn parse_date_cell(text: &str) -> Result<DateCell, DateError> {
    // Fast path: "2024-03-05" exactly.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text.as_bytes() {
        let [y0, y1, y2, y3, m0, m1, d0, d1] =
            [y0, y1, y2, y3, m0, m1, d0, d1].map(|c| u32::from(c.wrapping_sub(b'0')));
        if y0.max(y1).max(y2).max(y3).max(m0).max(m1).max(d0).max(d1) <= 9 {
            return Ok(DateCell::Fixed(
                (((y0 * 10 + y1) * 10 + y2) * 10 + y3) as i32,
                m0 * 10 + m1,
                d0 * 10 + d1,
            ));
        }
    }
    parse_date_general(text)
}

#[inline(never)]
fn parse_date_general(text: &str) -> Result<DateCell, DateError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let mut buf = [0u8; 48];
    let mut len = 0;
    for c in text.chars() {
        let b = match c {
            '０'..='９' => b'0' + (c as u32 - '０' as u32) as u8,
            '年' | '月' => b'-',
            '日' | '号' => continue,
            '／' => b'/',
            '－' => b'-',
            '．' => b'.',
            '：' => b':',
            '\u{3000}' | '\u{a0}' | '\t' => b' ',
            c if c.is_ascii() => c as u8,
            _ => return Err(DateError::NotADate),
        };
        if len >= buf.len() {
            return Err(DateError::NotADate);
        }
        buf[len] = b;
        len += 1;
    }
    let all = &buf[..len];
    // The date part ends at the first space or 'T' after a digit; the rest must be a time.
    let split = all
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b' ' || (b == b'T' && i > 0 && all[i - 1].is_ascii_digit()));
    let (date, time) = match split {
        Some(i) => (&all[..i], &all[i + 1..]),
        None => (all, &all[..0]),
    };
    if !time.iter().all(|b| {
        b.is_ascii_digit()
            || matches!(
                b,
                b':' | b'.' | b'Z' | b'+' | b'-' | b' ' | b'A' | b'P' | b'M' | b'a' | b'p' | b'm'
            )
    }) {
        return Err(DateError::NotADate);
    }
    let date = match date.last() {
        Some(b'-') => &date[..date.len() - 1],
        _ => date,
    };
    if date.is_empty() {
        return Err(DateError::NotADate);
    }
    if date.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        && let Some(cell) = compact_or_serial(date)
    {
        return Ok(cell);
    }
    let sep = date
        .iter()
        .copied()
        .find(|b| matches!(b, b'-' | b'/' | b'.'))
        .ok_or(DateError::NotADate)?;
    let mut parts = [&date[..0]; 3];
    let mut n = 0;
    for part in date.split(|&b| b == sep) {
        if n == 3 {
            return Err(DateError::NotADate);
        }
        parts[n] = part;
        n += 1;
    }
    let num = |p: &[u8]| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(p.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0')))
    };
    match n {
        2 => {
            // "2024-03" or "2024/3": a month.
            let (y, m) = (parts[0], parts[1]);
            if y.len() == 4 {
                let m = num(m).ok_or(DateError::NotADate)?;
                return Ok(DateCell::Fixed(num(y).unwrap_or(0) as i32, m, 1));
            }
            Err(DateError::NotADate)
        }
        3 => {
            let (a, b, c) = (parts[0], parts[1], parts[2]);
            if let Some(month) = month_name(b) {
                // 5-Mar-2024, 05-Mar-24, 2024-Mar-05.
                let (x, z) = (
                    num(a).ok_or(DateError::NotADate)?,
                    num(c).ok_or(DateError::NotADate)?,
                );
                return Ok(if a.len() == 4 {
                    DateCell::Fixed(x as i32, month, z)
                } else if c.len() == 4 {
                    DateCell::Fixed(z as i32, month, x)
                } else {
                    DateCell::Fixed(window(z), month, x)
                });
            }
            let (x, y, z) = (
                num(a).ok_or(DateError::NotADate)?,
                num(b).ok_or(DateError::NotADate)?,
                num(c).ok_or(DateError::NotADate)?,
            );
            if b.len() > 2 {
                return Err(DateError::NotADate);
            }
            match (a.len(), c.len()) {
                (4, 1..=2) => Ok(DateCell::Fixed(x as i32, y, z)),
                (1..=2, 4) => Ok(DateCell::Pair(x, y, z as i32, sep == b'.')),
                (1..=2, 1..=2) => Ok(DateCell::Triple(x, y, z, sep == b'.')),
                _ => Err(DateError::NotADate),
            }
        }
        _ => Err(DateError::NotADate),
    }
}

/// "20240305", "202403" and Excel serial numbers such as "45356" or "45356.5".
fn compact_or_serial(d: &[u8]) -> Option<DateCell> {
    let digits = |p: &[u8]| p.iter().fold(0u32, |a, x| a * 10 + u32::from(x - b'0'));
    if !d.contains(&b'.') {
        match d.len() {
            8 => {
                return Some(DateCell::Fixed(
                    digits(&d[..4]) as i32,
                    digits(&d[4..6]),
                    digits(&d[6..]),
                ));
            }
            6 => return Some(DateCell::Fixed(digits(&d[..4]) as i32, digits(&d[4..]), 1)),
            _ => {}
        }
    }
    let int = match d.iter().position(|&b| b == b'.') {
        Some(i) => {
            if d[i + 1..].contains(&b'.') {
                return None;
            }
            &d[..i]
        }
        None => d,
    };
    if int.is_empty() || int.len() > 7 {
        return None;
    }
    let serial = digits(int);
    (1..=2_958_465)
        .contains(&serial)
        .then(|| DateCell::Day(excel_serial(serial as i32, false)))
}

/// The date of an Excel serial day number (the fraction, a time of day, is dropped by the
/// caller). In the 1900 system serial 60 is the non-existent 1900-02-29, which maps to 1900-03-01.
pub(crate) fn excel_serial(serial: i32, is_1904: bool) -> Date {
    if is_1904 {
        // 1904-01-01 is serial 0.
        return Date(-24_107 + serial);
    }
    // 1899-12-30 is day −25,569; serials from 61 on count from there, earlier ones from 12-31.
    if serial >= 61 {
        Date(-25_569 + serial)
    } else {
        Date(-25_568 + serial)
    }
}

fn month_name(p: &[u8]) -> Option<u32> {
    if p.len() < 3 || !p.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    const NAMES: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let head = [
        p[0].to_ascii_lowercase(),
        p[1].to_ascii_lowercase(),
        p[2].to_ascii_lowercase(),
    ];
    NAMES.iter().position(|n| **n == head).map(|i| i as u32 + 1)
}

/// Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are 1930–1999.
pub(crate) fn window(yy: u32) -> i32 {
    if yy >= 100 {
        yy as i32
    } else if yy < 30 {
        2000 + yy as i32
    } else {
        1900 + yy as i32
    }
}

/// Evidence from one column for its day/month order.
#[derive(Clone, Debug, Default)]
pub(crate) struct OrderVotes {
    pub ymd: usize,
    pub mdy: usize,
    pub dmy: usize,
    pub ambiguous: usize,
    /// Ambiguous dates written with dots ("05.03.2024"), the European day-first habit.
    pub dotted: usize,
}

impl OrderVotes {
    pub fn add(&mut self, cell: &DateCell) {
        match *cell {
            DateCell::Pair(a, b, _, dot) | DateCell::Triple(a, b, _, dot) => {
                if matches!(cell, DateCell::Triple(..)) && a > 31 {
                    self.ymd += 1;
                } else if a > 12 && b <= 12 {
                    self.dmy += 1;
                } else if b > 12 && a <= 12 {
                    self.mdy += 1;
                } else {
                    self.ambiguous += 1;
                    if dot {
                        self.dotted += 1;
                    }
                }
            }
            DateCell::Fixed(..) | DateCell::Day(_) => {}
        }
    }

    /// The order to use and whether it was assumed for want of evidence: the order with the
    /// most evidence; day first for dotted dates; month first for other ambiguous dates
    /// (assumed); year first when every date is unambiguous.
    pub fn order(&self) -> (DateOrder, bool) {
        if let Some(o) = self.decide() {
            return (o, false);
        }
        if self.ambiguous == 0 {
            (DateOrder::Ymd, false)
        } else if self.dotted == self.ambiguous {
            (DateOrder::Dmy, false)
        } else {
            (DateOrder::Mdy, true)
        }
    }

    /// The order with the most evidence, `None` when there is none at all.
    pub fn decide(&self) -> Option<DateOrder> {
        let best = [
            (self.mdy, DateOrder::Mdy),
            (self.dmy, DateOrder::Dmy),
            (self.ymd, DateOrder::Ymd),
        ]
        .into_iter()
        .max_by_key(|(n, _)| *n)?;
        (best.0 > 0).then_some(best.1)
    }
}

/// The date of a cell under a day/month order.
pub(crate) fn resolve(cell: DateCell, order: DateOrder) -> Result<Date, DateError> {
    let (y, m, d) = match (cell, order) {
        (DateCell::Day(d), _) => return check_range(d),
        (DateCell::Fixed(y, m, d), _) => (y, m, d),
        (DateCell::Pair(a, b, y, _), DateOrder::Dmy) => (y, b, a),
        (DateCell::Pair(a, b, y, _), _) => (y, a, b),
        (DateCell::Triple(a, b, c, _), DateOrder::Ymd) => (window(a), b, c),
        (DateCell::Triple(a, b, c, _), DateOrder::Mdy) => (window(c), a, b),
        (DateCell::Triple(a, b, c, _), DateOrder::Dmy) => (window(c), b, a),
    };
    let date = Date::from_ymd(y, m, d).ok_or(DateError::Impossible)?;
    // `from_ymd` accepted (y, m, d), so the date's year is `y`: no need to compute it back.
    if crate::ledger::LEDGER_YEARS.contains(&y) {
        Ok(date)
    } else {
        Err(DateError::OutOfRange)
    }
}

fn check_range(d: Date) -> Result<Date, DateError> {
    if crate::ledger::LEDGER_YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(DateError::OutOfRange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, order: DateOrder, expected: Result<&str, DateError>) {
        let got = parse_date_cell(text)
            .and_then(|c| resolve(c, order))
            .map(|d| d.to_string());
        assert_eq!(got.as_deref().map_err(|e| *e), expected, "{text:?}");
    }

    #[test]
    fn dates_in_every_common_dress_resolve() {
        use DateOrder::*;
        check("2024-03-05", Mdy, Ok("2024-03-05"));
        check("2024/3/5", Dmy, Ok("2024-03-05"));
        check("2024.3.5", Mdy, Ok("2024-03-05"));
        check("2024年3月5日", Mdy, Ok("2024-03-05"));
        check("2024年3月", Mdy, Ok("2024-03-01"));
        check("202403", Mdy, Ok("2024-03-01"));
        check("20240305", Mdy, Ok("2024-03-05"));
        check("3/5/2024", Mdy, Ok("2024-03-05"));
        check("3/5/2024", Dmy, Ok("2024-05-03"));
        check("05.03.24", Dmy, Ok("2024-03-05"));
        check("24/03/05", Ymd, Ok("2024-03-05"));
        check("3/5/95", Mdy, Ok("1995-03-05"));
        check("45356", Mdy, Ok("2024-03-05"));
        check("45356.75", Mdy, Ok("2024-03-05"));
        check("2024-03-05 00:00:00", Mdy, Ok("2024-03-05"));
        check("2024-12-04T00:00:00", Mdy, Ok("2024-12-04"));
        check("2024/3/5 0:00", Mdy, Ok("2024-03-05"));
        check("5-Mar-2024", Mdy, Ok("2024-03-05"));
        check("２０２４－０３－０５", Mdy, Ok("2024-03-05"));
        check("2024-02-30", Mdy, Err(DateError::Impossible));
        check("13/13/2024", Mdy, Err(DateError::Impossible));
        check("1800-01-01", Mdy, Err(DateError::OutOfRange));
        check("", Mdy, Err(DateError::Empty));
        check("tomorrow", Mdy, Err(DateError::NotADate));
        check("2024-03-05 noon", Mdy, Err(DateError::NotADate));
    }

    #[test]
    fn excel_serials_follow_both_date_systems() {
        assert_eq!(excel_serial(1, false).to_string(), "1900-01-01");
        assert_eq!(excel_serial(59, false).to_string(), "1900-02-28");
        assert_eq!(excel_serial(61, false).to_string(), "1900-03-01");
        assert_eq!(excel_serial(45356, false).to_string(), "2024-03-05");
        assert_eq!(excel_serial(0, true).to_string(), "1904-01-01");
        assert_eq!(excel_serial(43894, true).to_string(), "2024-03-05");
    }
}
