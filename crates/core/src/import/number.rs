//! Numbers as ledgers write them: "1,234.50", "1.234,50", "¥12.5万", "(1,234.50)", "1,234.50-",
//! "12%", "１２３", "1.2E+05". Parsed exactly into [`Money`] (scale 4).

use crate::Money;

/// Why a cell is not a number.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum NumError {
    /// The cell is empty.
    Empty,
    /// The cell holds something other than a number.
    NotANumber,
    /// The number does not fit (more than ±922,337,203,685,477).
    TooLarge,
}

/// A parsed number: the exact value at scale 4 and whether more decimals had to be rounded
/// away (half to even).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Number {
    pub value: Money,
    pub rounded: bool,
}

const MAX_LEN: usize = 96;

/// Parses one cell. `decimal_comma` says the column writes decimals with a comma ("12,5"); when
/// false a lone comma followed by anything but three digits is still read as a decimal comma.
pub(crate) fn parse_number(text: &str, decimal_comma: bool) -> Result<Number, NumError> {
    // Fast path: plain ASCII digits with an optional sign and point.
    if let Some(n) = parse_plain(text.as_bytes())
        && !(decimal_comma && text.contains('.'))
    {
        return Ok(n);
    }
    let mut buf = [0u8; MAX_LEN];
    let mut len = 0usize;
    let mut exp_adjust: i32 = 0;
    let mut chars = text.chars().peekable();
    let mut push = |buf: &mut [u8; MAX_LEN], b: u8| -> Result<(), NumError> {
        if len >= MAX_LEN {
            return Err(NumError::NotANumber);
        }
        buf[len] = b;
        len += 1;
        Ok(())
    };
    while let Some(c) = chars.next() {
        let b = match c {
            '0'..='9' | '.' | ',' | '\'' | '-' | '+' | '(' | ')' => c as u8,
            '０'..='９' => b'0' + (c as u32 - '０' as u32) as u8,
            '．' | '。' => b'.',
            '，' => b',',
            '－' | '−' | '–' => b'-',
            '＋' => b'+',
            '（' => b'(',
            '）' => b')',
            ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{3000}' => b' ',
            '¥' | '￥' | '$' | '€' | '£' | '＄' | '元' => continue,
            '%' | '％' => {
                exp_adjust -= 2;
                continue;
            }
            '万' => {
                exp_adjust += 4;
                continue;
            }
            '亿' => {
                exp_adjust += 8;
                continue;
            }
            'a'..='z' | 'A'..='Z' => {
                let mut word = [0u8; 4];
                let mut wlen = 0;
                word[0] = c.to_ascii_lowercase() as u8;
                wlen += 1;
                while let Some(&n) = chars.peek() {
                    if !n.is_ascii_alphabetic() {
                        break;
                    }
                    if wlen < 4 {
                        word[wlen] = n.to_ascii_lowercase() as u8;
                    }
                    wlen += 1;
                    chars.next();
                }
                if wlen > word.len() {
                    return Err(NumError::NotANumber);
                }
                match &word[..wlen] {
                    b"e" => b'e',
                    b"rmb" | b"cny" | b"usd" | b"eur" | b"gbp" | b"yuan" => continue,
                    _ => return Err(NumError::NotANumber),
                }
            }
            _ => return Err(NumError::NotANumber),
        };
        push(&mut buf, b)?;
    }
    parse_normalised(&buf[..len], exp_adjust, decimal_comma)
}

/// `[+-]?digits(.digits)?` with at most four decimals and 19 characters after the sign: the
/// common case, no allocation.
#[inline]
pub(crate) fn parse_plain(b: &[u8]) -> Option<Number> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, b.get(1..)?),
        b'+' => (false, b.get(1..)?),
        _ => (false, b),
    };
    if digits.len() > 19 {
        return None;
    }
    // One pass: at most 19 digits, so below u64::MAX whatever they are.
    let mut value: u64 = 0;
    let mut dot = None;
    for (i, &d) in digits.iter().enumerate() {
        let x = d.wrapping_sub(b'0');
        if x <= 9 {
            value = value * 10 + u64::from(x);
        } else if d == b'.' && dot.is_none() {
            dot = Some(i);
        } else {
            return None;
        }
    }
    // Digits before the point, and one to four after it.
    let decimals = match dot {
        None if !digits.is_empty() => 0,
        Some(p) if p > 0 && (2..=5).contains(&(digits.len() - p)) => digits.len() - p - 1,
        _ => return None,
    };
    const SCALE: [i64; 5] = [10_000, 1_000, 100, 10, 1];
    let value = i64::try_from(value)
        .ok()?
        .checked_mul(*SCALE.get(decimals)?)?;
    Some(Number {
        value: Money(if neg { -value } else { value }),
        rounded: false,
    })
}

fn parse_normalised(b: &[u8], exp_adjust: i32, decimal_comma: bool) -> Result<Number, NumError> {
    let mut s = trim(b);
    if s.is_empty() {
        return Err(if exp_adjust == 0 {
            NumError::Empty
        } else {
            NumError::NotANumber
        });
    }
    // A lone dash is how accounting formats show zero.
    if s == b"-" {
        return Ok(Number {
            value: Money::ZERO,
            rounded: false,
        });
    }
    let mut negative = false;
    if s.first() == Some(&b'(') && s.last() == Some(&b')') && s.len() >= 2 {
        negative = true;
        s = trim(&s[1..s.len() - 1]);
    }
    match s.first() {
        Some(b'-') => {
            negative = !negative;
            s = trim(&s[1..]);
        }
        Some(b'+') => s = trim(&s[1..]),
        _ => {}
    }
    if s.last() == Some(&b'-') {
        negative = !negative;
        s = trim(&s[..s.len() - 1]);
    }
    let (mantissa, exponent) = match s.iter().position(|&c| c == b'e') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut exp10: i32 = exp_adjust;
    if let Some(e) = exponent {
        let (eneg, edigits) = match e.first() {
            Some(b'-') => (true, &e[1..]),
            Some(b'+') => (false, &e[1..]),
            _ => (false, e),
        };
        if edigits.is_empty() || edigits.len() > 3 || !edigits.iter().all(u8::is_ascii_digit) {
            return Err(NumError::NotANumber);
        }
        let v = edigits
            .iter()
            .fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'));
        exp10 += if eneg { -v } else { v };
    }
    let decimal = decimal_separator(mantissa, decimal_comma)?;
    let mut value: i128 = 0;
    let mut significant = 0usize;
    let mut frac_digits: i32 = 0;
    let mut in_frac = false;
    let mut any_digit = false;
    let mut since_group: Option<usize> = None;
    for (i, &c) in mantissa.iter().enumerate() {
        if c.is_ascii_digit() {
            any_digit = true;
            if let Some(n) = since_group.as_mut() {
                *n += 1;
            }
            if value != 0 || c != b'0' {
                significant += 1;
                if significant > 36 {
                    return Err(NumError::TooLarge);
                }
            }
            value = value * 10 + i128::from(c - b'0');
            if in_frac {
                frac_digits += 1;
            }
        } else if Some(c) == decimal {
            if in_frac || since_group.is_some_and(|n| n != 3) {
                return Err(NumError::NotANumber);
            }
            in_frac = true;
            since_group = None;
            let _ = i;
        } else if matches!(c, b',' | b'.' | b'\'' | b' ') {
            // A group separator: needs digits before it and exactly three since the last one.
            if in_frac || !any_digit || since_group.is_some_and(|n| n != 3) {
                return Err(NumError::NotANumber);
            }
            since_group = Some(0);
        } else {
            return Err(NumError::NotANumber);
        }
    }
    if !any_digit || since_group.is_some_and(|n| n != 3) {
        return Err(NumError::NotANumber);
    }
    scale(value, exp10 - frac_digits + 4, negative)
}

/// Which separator, if any, is the decimal point.
fn decimal_separator(m: &[u8], decimal_comma: bool) -> Result<Option<u8>, NumError> {
    let last_dot = m.iter().rposition(|&c| c == b'.');
    let last_comma = m.iter().rposition(|&c| c == b',');
    let dots = m.iter().filter(|&&c| c == b'.').count();
    let commas = m.iter().filter(|&&c| c == b',').count();
    Ok(match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { b'.' } else { b',' }),
        (Some(d), None) if dots == 1 => {
            // In a decimal-comma column "1.234" groups thousands; "3.5" is still a decimal.
            if decimal_comma && m.len() - d - 1 == 3 {
                None
            } else {
                Some(b'.')
            }
        }
        (Some(_), None) => None,
        (None, Some(c)) if commas == 1 => {
            let after = m.len() - c - 1;
            if decimal_comma || after != 3 {
                Some(b',')
            } else {
                None
            }
        }
        (None, Some(_)) => None,
        (None, None) => None,
    })
}

/// `value × 10^exp10` as minor units, rounding half to even when `exp10` is negative.
fn scale(value: i128, exp10: i32, negative: bool) -> Result<Number, NumError> {
    let mut rounded = false;
    let magnitude: i128 = if value == 0 {
        0
    } else if exp10 >= 0 {
        if exp10 > 30 {
            return Err(NumError::TooLarge);
        }
        value
            .checked_mul(10i128.pow(exp10 as u32))
            .ok_or(NumError::TooLarge)?
    } else if exp10 < -38 {
        rounded = true;
        0
    } else {
        let d = 10i128.pow((-exp10) as u32);
        let q = value / d;
        let r = value % d;
        if r != 0 {
            rounded = true;
        }
        let twice = r * 2;
        if twice > d || (twice == d && q % 2 == 1) {
            q + 1
        } else {
            q
        }
    };
    let signed = if negative { -magnitude } else { magnitude };
    let minor = i64::try_from(signed).map_err(|_| NumError::TooLarge)?;
    Ok(Number {
        value: Money(minor),
        rounded,
    })
}

fn trim(mut b: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = b {
        b = rest;
    }
    while let [rest @ .., b' '] = b {
        b = rest;
    }
    b
}

/// Whether a column's sample writes decimals with a comma: "12,5", "1.234,56" or "0,25".
pub(crate) fn looks_like_decimal_comma(cell: &str) -> bool {
    let t = cell.trim();
    let b = t.as_bytes();
    let Some(c) = b.iter().rposition(|&x| x == b',') else {
        return false;
    };
    let after = &b[c + 1..];
    let digits_after = after.iter().take_while(|x| x.is_ascii_digit()).count();
    if digits_after == 0 {
        return false;
    }
    let commas = b.iter().filter(|&&x| x == b',').count();
    let dot_before = b[..c].contains(&b'.');
    let dot_after = after.contains(&b'.');
    commas == 1 && !dot_after && (dot_before || digits_after != 3)
}

/// Whether a cell groups thousands with commas or writes decimals with a point: "1,234",
/// "1,234.5", "0.25".
pub(crate) fn looks_like_decimal_point(cell: &str) -> bool {
    let b = cell.trim().as_bytes();
    let last_dot = b.iter().rposition(|&x| x == b'.');
    let last_comma = b.iter().rposition(|&x| x == b',');
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => d > c,
        (Some(d), None) => b.iter().filter(|&&x| x == b'.').count() == 1 && b.len() - d - 1 != 3,
        (None, Some(c)) => b.len() - c - 1 == 3,
        (None, None) => false,
    }
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // Written as units_ten-thousandths.
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Result<(i64, bool), NumError>) {
        let got = parse_number(text, false).map(|n| (n.value.0, n.rounded));
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn numbers_in_every_common_dress_parse_exactly() {
        check("1234.5", Ok((1234_5000, false)));
        check("-0.0001", Ok((-1, false)));
        check("1,234.50", Ok((1234_5000, false)));
        check("1.234,50", Ok((1234_5000, false)));
        check("1 234,50", Ok((1234_5000, false)));
        check("1'234.50", Ok((1234_5000, false)));
        check("12,5", Ok((12_5000, false)));
        check("1,234", Ok((1234_0000, false)));
        check("1.234.567", Ok((1_234_567_0000, false)));
        check("¥1,234.00", Ok((1234_0000, false)));
        check("$ 12.00", Ok((12_0000, false)));
        check("12.5元", Ok((12_5000, false)));
        check("RMB 100", Ok((100_0000, false)));
        check("€3,50", Ok((3_5000, false)));
        check("(1,234.50)", Ok((-1234_5000, false)));
        check("1,234.50-", Ok((-1234_5000, false)));
        check("12%", Ok((1200, false)));
        check("12.5万", Ok((125_000_0000, false)));
        check("1.2亿", Ok((120_000_000_0000, false)));
        check("１２３．４", Ok((123_4000, false)));
        check("1.2345E+05", Ok((123_450_0000, false)));
        check("1.5e-3", Ok((15, false)));
        check("0.00005", Ok((0, true)));
        check("0.00015", Ok((2, true)));
        check("0.00025", Ok((2, true)));
        check("-2.71828", Ok((-2_7183, true)));
        check("-", Ok((0, false)));
        check("", Err(NumError::Empty));
        check("  ", Err(NumError::Empty));
        check("abc", Err(NumError::NotANumber));
        check("1,2,3", Err(NumError::NotANumber));
        check("1.2.3,4.5", Err(NumError::NotANumber));
        check("12-34", Err(NumError::NotANumber));
        check("99999999999999999999", Err(NumError::TooLarge));
        check("1e9999", Err(NumError::NotANumber));
        check("1e300", Err(NumError::TooLarge));
        check("万", Err(NumError::NotANumber));
        check("12 dollars", Err(NumError::NotANumber));
        check("yuan 5", Ok((5_0000, false)));
        // The plain path's edges: 19 digits (too large, never wrapped), signs, dots.
        check("9999999999999999999", Err(NumError::TooLarge));
        check("-9999999999999999999", Err(NumError::TooLarge));
        check("922337203685477", Ok((922_337_203_685_477_0000, false)));
        check("+7", Ok((7_0000, false)));
        check("12.", Ok((12_0000, false)));
        check(".5", Ok((5000, false)));
        check("-.5", Ok((-5000, false)));
    }

    proptest::proptest! {
        /// The plain path reads what it takes exactly as the general one does.
        #[test]
        fn the_plain_path_agrees_with_the_general_one(text in "[-+]?[0-9]{0,20}(\\.[0-9]{0,6})?") {
            if let Some(n) = parse_plain(text.as_bytes()) {
                let mut general = text.clone();
                general.push(' ');
                proptest::prop_assert_eq!(parse_number(&general, false), Ok(n), "{}", text);
            }
        }
    }

    #[test]
    fn decimal_comma_columns_are_recognised_from_their_cells() {
        assert!(looks_like_decimal_comma("12,5"));
        assert!(looks_like_decimal_comma("1.234,567"));
        assert!(!looks_like_decimal_comma("1,234"));
        assert!(!looks_like_decimal_comma("1,234.5"));
        assert!(looks_like_decimal_point("1,234"));
        assert!(looks_like_decimal_point("0.25"));
        assert!(!looks_like_decimal_point("1.234"));
        assert!(!looks_like_decimal_point("12,5"));
        assert_eq!(parse_number("1,234", true).map(|n| n.value.0), Ok(1_2340));
    }
}
