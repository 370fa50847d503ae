//! Exact fixed-point money and the one place where money and counts are formatted.

use crate::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;

/// An exact amount of money (or an exact quantity): the integer counts ten-thousandths,
/// so `Money(12_3400)` is 12.34. Serialised as that integer.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

/// How many minor units make one unit: 10⁴ (scale 4).
pub const MONEY_SCALE: i64 = 10_000;
const SCALE_DIGITS: usize = 4;

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// The amount with this many ten-thousandths.
    pub const fn from_minor(minor: i64) -> Money {
        Money(minor)
    }

    /// The number of ten-thousandths.
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// A whole number of units (yuan, cases), or `None` on overflow.
    pub fn from_units(units: i64) -> Option<Money> {
        units.checked_mul(MONEY_SCALE).map(Money)
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self − other`, or `None` on overflow.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// `self + other`, clamped at the bounds.
    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    /// `self − other`, clamped at the bounds.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Parses a plain decimal such as "1234.5", "-0.0001" or "+7": an optional sign, at least
    /// one digit, and at most four decimals after an optional point. No spaces, separators,
    /// currency signs or exponents; `None` for anything else and on overflow.
    pub fn parse_decimal(text: &str) -> Option<Money> {
        let (negative, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (int_part, frac_part) = match rest.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut minor: i64 = 0;
        for b in int_part.bytes() {
            minor = minor.checked_mul(10)?.checked_sub(i64::from(b - b'0'))?;
        }
        minor = minor.checked_mul(MONEY_SCALE)?;
        if let Some(frac) = frac_part {
            if frac.is_empty()
                || frac.len() > SCALE_DIGITS
                || !frac.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let mut f: i64 = 0;
            for b in frac.bytes() {
                f = f * 10 + i64::from(b - b'0');
            }
            for _ in frac.len()..SCALE_DIGITS {
                f *= 10;
            }
            minor = minor.checked_sub(f)?;
        }
        // Accumulated as a negative number so that i64::MIN parses; flip for positives.
        if negative {
            Some(Money(minor))
        } else {
            minor.checked_neg().map(Money)
        }
    }

    /// The exact decimal in yuan with thousands separators, as typed into a field:
    /// `"29,437,500"`, `"-1,234.5"` ([`crate::targets::parse_amount`] reads it back).
    pub fn to_grouped_string(self) -> String {
        let plain = self.to_decimal_string();
        let (sign, rest) = match plain.strip_prefix('-') {
            Some(r) => ("-", r),
            None => ("", plain.as_str()),
        };
        let (int, frac) = rest
            .split_once('.')
            .map_or((rest, None), |(i, f)| (i, Some(f)));
        let grouped = group_thousands(int.parse::<u128>().unwrap_or(0));
        match frac {
            Some(f) => format!("{sign}{grouped}.{f}"),
            None => format!("{sign}{grouped}"),
        }
    }

    /// The exact decimal with no trailing zeros: "1234.5", "-0.0001", "0".
    pub fn to_decimal_string(self) -> String {
        let abs = self.0.unsigned_abs();
        let int = abs / MONEY_SCALE as u64;
        let frac = abs % MONEY_SCALE as u64;
        let sign = if self.0 < 0 { "-" } else { "" };
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let digits = format!("{frac:04}");
        format!("{sign}{int}.{}", digits.trim_end_matches('0'))
    }

    /// The amount nearest to a float (half away from zero, to the ten-thousandth), or `None`
    /// for NaN, infinities and amounts beyond ±9×10¹⁴ (about the range of `Money`). Floats
    /// hold every ten-thousandth exactly only below about 9×10¹¹. For the few places a float must come in: a chart's axis, a ratio
    /// applied to an amount.
    pub fn from_f64(x: f64) -> Option<Money> {
        const LIMIT: f64 = 9e14;
        if !x.is_finite() || x.abs() > LIMIT {
            return None;
        }
        Some(Money((x * MONEY_SCALE as f64).round() as i64))
    }

    /// An approximation for charts only; never compute with it.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / MONEY_SCALE as f64
    }
}

impl fmt::Display for Money {
    /// The exact decimal, as [`Money::to_decimal_string`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string())
    }
}

impl Sum for Money {
    /// Sums with saturation: a total never wraps around.
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Money::saturating_add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

/// Formats money for people: ¥ with 万/亿 scaling in Chinese ("¥1,234", "¥12.35万", "¥3.40亿")
/// and K/M/B in English ("¥1,234", "¥12.3K", "¥3.40M", "¥1.20B"); negatives get a leading minus
/// ("-¥12.35万"). Amounts that round to less than ¥10,000 are shown in whole yuan (half away
/// from zero); larger ones in the largest unit that shows at least 1.00 (10.0K in English).
pub fn format_money(m: Money, lang: Lang) -> String {
    // (size of the unit in minor units, suffix, decimals, smallest value shown in this unit)
    const ZH: [(u128, &str, u32, u128); 2] = [
        (100_000_000 * 10_000, "亿", 2, 1),
        (10_000 * 10_000, "万", 2, 1),
    ];
    const EN: [(u128, &str, u32, u128); 3] = [
        (1_000_000_000 * 10_000, "B", 2, 1),
        (1_000_000 * 10_000, "M", 2, 1),
        (1_000 * 10_000, "K", 1, 10),
    ];
    let units: &[(u128, &str, u32, u128)] = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    let abs = u128::from(m.0.unsigned_abs());
    let sign = |text: String, is_zero: bool| {
        if m.0 < 0 && !is_zero {
            format!("-¥{text}")
        } else {
            format!("¥{text}")
        }
    };
    let whole = round_div(abs, MONEY_SCALE as u128);
    if whole < 10_000 {
        return sign(group_thousands(whole), whole == 0);
    }
    for &(unit, suffix, decimals, min_shown) in units {
        let step = 10u128.pow(decimals);
        let scaled = round_div(abs * step, unit);
        if scaled >= min_shown * step {
            let text = format!(
                "{}.{:0width$}{suffix}",
                group_thousands(scaled / step),
                scaled % step,
                width = decimals as usize
            );
            return sign(text, false);
        }
    }
    sign(group_thousands(whole), false)
}

/// Formats an exact-looking amount such as a unit price: ¥, thousands separators and two
/// decimals, rounded half away from zero ("¥1,234.50", "-¥0.01"); the same in both languages.
pub fn format_price(m: Money, lang: Lang) -> String {
    let _ = lang;
    let cents = round_div(u128::from(m.0.unsigned_abs()), 100);
    let sign = if m.0 < 0 && cents != 0 { "-" } else { "" };
    format!("{sign}¥{}.{:02}", group_thousands(cents / 100), cents % 100)
}

/// Formats a count with thousands separators: "1,234,567" (the same in both languages).
pub fn format_count(n: u64, lang: Lang) -> String {
    let _ = lang;
    group_thousands(u128::from(n))
}

/// `n / d` rounded half up (both non-negative, `d` > 0).
fn round_div(n: u128, d: u128) -> u128 {
    (n + d / 2) / d
}

fn group_thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn grouped_strings_read_back_as_the_same_amount() {
        for (m, text) in [
            (Money(294_375_000_000), "29,437,500"),
            (Money(-12_345_000), "-1,234.5"),
            (Money(9_990_000), "999"),
            (Money(-1), "-0.0001"),
            (Money::ZERO, "0"),
        ] {
            assert_eq!(m.to_grouped_string(), text);
            assert_eq!(crate::targets::parse_amount(text), Some(m), "{text}");
        }
    }
    use super::*;

    #[test]
    fn from_f64_rounds_to_the_ten_thousandth_and_refuses_what_is_not_a_number() {
        assert_eq!(Money::from_f64(12.34), Some(Money(12_3400)));
        assert_eq!(Money::from_f64(-0.00005), Some(Money(-1)));
        assert_eq!(Money::from_f64(0.00004), Some(Money(0)));
        assert_eq!(Money::from_f64(f64::NAN), None);
        assert_eq!(Money::from_f64(f64::INFINITY), None);
        assert_eq!(Money::from_f64(1e15), None);
        assert_eq!(
            Money::from_f64(9e14),
            Some(Money(9_000_000_000_000_000_000))
        );
    }

    #[track_caller]
    fn check_parse(text: &str, expected: Option<i64>) {
        assert_eq!(
            Money::parse_decimal(text),
            expected.map(Money),
            "parsing {text:?}"
        );
    }

    #[test]
    fn parse_decimal_accepts_plain_decimals_and_rejects_the_rest() {
        check_parse("1234.5", Some(1234_5000));
        check_parse("-0.0001", Some(-1));
        check_parse("+7", Some(7_0000));
        check_parse("0", Some(0));
        check_parse("-0", Some(0));
        check_parse("007.10", Some(7_1000));
        check_parse("922337203685477.5807", Some(i64::MAX));
        check_parse("-922337203685477.5808", Some(i64::MIN));
        check_parse("922337203685477.5808", None);
        check_parse("99999999999999999999", None);
        check_parse("1.23456", None);
        check_parse("", None);
        check_parse("-", None);
        check_parse(".5", None);
        check_parse("5.", None);
        check_parse("1,234", None);
        check_parse("¥12", None);
        check_parse(" 1", None);
        check_parse("1e3", None);
        check_parse("NaN", None);
        check_parse("1.2.3", None);
        check_parse("--1", None);
        check_parse("١٢", None);
    }

    #[track_caller]
    fn check_decimal(minor: i64, expected: &str) {
        assert_eq!(Money(minor).to_decimal_string(), expected);
    }

    #[test]
    fn decimal_string_is_exact_and_minimal() {
        check_decimal(1234_5000, "1234.5");
        check_decimal(-1, "-0.0001");
        check_decimal(0, "0");
        check_decimal(12_3400, "12.34");
        check_decimal(-5_0000, "-5");
        check_decimal(i64::MIN, "-922337203685477.5808");
        check_decimal(i64::MAX, "922337203685477.5807");
    }

    #[test]
    fn decimal_string_parses_back_to_the_same_amount() {
        for minor in [0, 1, -1, 99_999, 1234_5678, i64::MIN, i64::MAX, -10_000] {
            assert_eq!(
                Money::parse_decimal(&Money(minor).to_decimal_string()),
                Some(Money(minor))
            );
        }
    }

    #[test]
    fn arithmetic_is_checked_or_saturating() {
        assert_eq!(Money(5).checked_add(Money(7)), Some(Money(12)));
        assert_eq!(Money(i64::MAX).checked_add(Money(1)), None);
        assert_eq!(Money(i64::MIN).checked_sub(Money(1)), None);
        assert_eq!(Money(i64::MAX).saturating_add(Money(1)), Money(i64::MAX));
        assert_eq!(Money(i64::MIN).saturating_sub(Money(1)), Money(i64::MIN));
        let total: Money = [Money(1), Money(2), Money(3)].iter().sum();
        assert_eq!(total, Money(6));
        let big: Money = [Money(i64::MAX), Money(i64::MAX)].into_iter().sum();
        assert_eq!(big, Money(i64::MAX));
    }

    #[test]
    fn money_serialises_as_the_minor_integer() {
        assert_eq!(
            serde_json::to_string(&Money(12_3400)).ok().as_deref(),
            Some("123400")
        );
        assert_eq!(serde_json::from_str::<Money>("-5").ok(), Some(Money(-5)));
        assert!(serde_json::from_str::<Money>("1.5").is_err());
    }

    #[track_caller]
    fn check_format(yuan: &str, zh: &str, en: &str) {
        let m = Money::parse_decimal(yuan).unwrap_or_else(|| panic!("bad test input {yuan}"));
        assert_eq!(format_money(m, Lang::Zh), zh, "zh for {yuan}");
        assert_eq!(format_money(m, Lang::En), en, "en for {yuan}");
    }

    #[test]
    fn format_money_scales_to_wan_and_yi_in_chinese_and_k_m_b_in_english() {
        check_format("0", "¥0", "¥0");
        check_format("0.4", "¥0", "¥0");
        check_format("-0.4", "¥0", "¥0");
        check_format("0.5", "¥1", "¥1");
        check_format("1234", "¥1,234", "¥1,234");
        check_format("1234.56", "¥1,235", "¥1,235");
        check_format("9999.4", "¥9,999", "¥9,999");
        check_format("9999.6", "¥1.00万", "¥10.0K");
        check_format("12345", "¥1.23万", "¥12.3K");
        check_format("123456", "¥12.35万", "¥123.5K");
        check_format("999999", "¥100.00万", "¥1.00M");
        check_format("3400000", "¥340.00万", "¥3.40M");
        check_format("99999999", "¥1.00亿", "¥100.00M");
        check_format("340000000", "¥3.40亿", "¥340.00M");
        check_format("1200000000", "¥12.00亿", "¥1.20B");
        check_format("1234567890000", "¥12,345.68亿", "¥1,234.57B");
        check_format("-123456", "-¥12.35万", "-¥123.5K");
        check_format("-1234", "-¥1,234", "-¥1,234");
        check_format("-922337203685477.5808", "-¥9,223,372.04亿", "-¥922,337.20B");
    }

    #[test]
    fn format_price_shows_two_decimals() {
        for (yuan, text) in [
            ("45.5", "¥45.50"),
            ("1234.5", "¥1,234.50"),
            ("0.005", "¥0.01"),
            ("0.0049", "¥0.00"),
            ("-0.0049", "¥0.00"),
            ("-0.01", "-¥0.01"),
            ("1234567.891", "¥1,234,567.89"),
        ] {
            let m = Money::parse_decimal(yuan).unwrap_or_default();
            assert_eq!(format_price(m, Lang::Zh), text);
            assert_eq!(format_price(m, Lang::En), text);
        }
    }

    #[test]
    fn format_count_groups_thousands() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1_234_567, "1,234,567"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ] {
            assert_eq!(format_count(n, Lang::Zh), text);
            assert_eq!(format_count(n, Lang::En), text);
        }
    }
}
