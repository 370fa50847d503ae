//! [`Dec`]: exact decimals with four places for numbers that are not money: weights, points,
//! band limits, thresholds, percentages a user enters (`Dec::int(40)` is 40%), written in files
//! as plain JSON numbers. Money and quantities are [`Money`](crate::Money); computed ratios
//! (growth, shares, achievement) are `f64` fractions, never stored.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An exact decimal with four places (`Dec(12_3400)` is 12.34). Scale files write it as a
/// JSON number (`40`, `33.3333`); reading rounds to four places and refuses anything that is
/// not a finite number within ±[`Dec::LIMIT`].
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dec(pub i64);

impl Dec {
    /// Ten-thousandths per unit.
    pub const SCALE: i64 = 10_000;
    /// Zero.
    pub const ZERO: Dec = Dec(0);
    /// One hundred.
    pub const HUNDRED: Dec = Dec(100 * Dec::SCALE);
    /// The largest magnitude a file may hold: 10¹¹ (a hundred billion yuan is beyond any band),
    /// small enough that every value survives the trip through a JSON number exactly.
    pub const LIMIT: f64 = 1e11;

    /// A whole number.
    pub const fn int(n: i64) -> Dec {
        Dec(n * Dec::SCALE)
    }

    /// The nearest `Dec` to a float, or `None` for NaN, infinities and magnitudes beyond
    /// [`Dec::LIMIT`].
    pub fn from_f64(x: f64) -> Option<Dec> {
        if !x.is_finite() || x.abs() > Dec::LIMIT {
            return None;
        }
        Some(Dec((x * Dec::SCALE as f64).round() as i64))
    }

    /// The value as a float (exact for every value a file can hold).
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / Dec::SCALE as f64
    }

    /// A number as people type it in a form: "40", "40%", "1,200.5", "１２％" is not (ASCII
    /// digits only); a trailing % or ％ and thousands separators (, ，) are dropped first.
    pub fn parse_typed(text: &str) -> Option<Dec> {
        let t = text
            .trim()
            .trim_end_matches(['%', '％'])
            .replace([',', '，'], "");
        Dec::parse(t.trim())
    }

    /// Parses a decimal typed by a user: "40", "33.3", "-2.5", "1e3" (rounded to four places).
    pub fn parse(text: &str) -> Option<Dec> {
        let t = text.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("nan") || t.to_ascii_lowercase().contains("inf") {
            return None;
        }
        t.parse::<f64>().ok().and_then(Dec::from_f64)
    }

    /// The sum, saturating.
    pub fn saturating_add(self, other: Dec) -> Dec {
        Dec(self.0.saturating_add(other.0))
    }

    /// Whether the value is a whole number.
    pub fn is_whole(self) -> bool {
        self.0 % Dec::SCALE == 0
    }
}

impl fmt::Display for Dec {
    /// Plain decimal, trailing zeros dropped: "40", "33.3333", "-0.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (int, frac) = (abs / 10_000, abs % 10_000);
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{sign}{int}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl std::iter::Sum for Dec {
    fn sum<I: Iterator<Item = Dec>>(iter: I) -> Dec {
        iter.fold(Dec::ZERO, Dec::saturating_add)
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            s.serialize_i64(self.0 / Dec::SCALE)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number between -1e11 and 1e11")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                Dec::from_f64(v).ok_or_else(|| {
                    let shown = if v.abs() >= 1e15 {
                        format!("{v:e}")
                    } else {
                        format!("{v}")
                    };
                    E::custom(format!(
                        "the number {shown} is out of range (numbers must lie between -1e11 and 1e11)"
                    ))
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `num / den` rounded half away from zero; 0 when `den` is 0.
pub(super) fn div_round(num: i128, den: i128) -> i128 {
    if den == 0 {
        return 0;
    }
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    let q = num / den;
    let r = num % den;
    if r.abs() * 2 >= den {
        q + num.signum()
    } else {
        q
    }
}

/// `v` saturated to the `i64` range.
pub(super) fn clamp(v: i128) -> i64 {
    v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_and_writes_plain_numbers() {
        let v: Vec<Dec> =
            serde_json::from_str("[40, 33.3333, -2.5, 0.00004, 1e3]").unwrap_or_default();
        assert_eq!(
            v,
            [
                Dec(400_000),
                Dec(333_333),
                Dec(-25_000),
                Dec(0),
                Dec(10_000_000)
            ]
        );
        assert_eq!(
            serde_json::to_string(&v).unwrap_or_default(),
            "[40,33.3333,-2.5,0,1000]"
        );
        assert_eq!(Dec(-5_000).to_string(), "-0.5");
        assert_eq!(Dec(1_230_000).to_string(), "123");
        assert_eq!(Dec::parse(" 12.5 "), Some(Dec(125_000)));
        assert_eq!(Dec::parse("NaN"), None);
        assert_eq!(Dec::parse("inf"), None);
        assert_eq!(Dec::parse(""), None);
    }

    #[test]
    fn refuses_huge_numbers_and_non_numbers() {
        for bad in ["1e12", "-1e300", "\"5\"", "null", "true"] {
            assert!(serde_json::from_str::<Dec>(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn json_round_trip_is_exact(n in -1_000_000_000_000_000i64..1_000_000_000_000_000i64) {
            let d = Dec(n);
            let json = serde_json::to_string(&d).unwrap_or_default();
            prop_assert_eq!(serde_json::from_str::<Dec>(&json).ok(), Some(d));
            prop_assert_eq!(Dec::parse(&d.to_string()), Some(d));
        }
    }
}
