//! Money and dates over their whole ranges.

use proptest::prelude::*;
use sandtable_core::{Date, Lang, Money, format_count, format_money, format_price};

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn every_amount_survives_a_decimal_round_trip(minor in any::<i64>()) {
        let m = Money(minor);
        prop_assert_eq!(Money::parse_decimal(&m.to_decimal_string()), Some(m));
    }

    #[test]
    fn formatting_any_amount_never_panics_and_keeps_the_sign(minor in any::<i64>()) {
        for lang in [Lang::Zh, Lang::En] {
            let text = format_money(Money(minor), lang);
            prop_assert!(text.starts_with('¥') || (minor < 0 && text.starts_with("-¥")), "{}", text);
            let _ = format_price(Money(minor), lang);
        }
        let _ = format_count(minor.unsigned_abs(), Lang::Zh);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = Money::parse_decimal(&text);
        let _ = Date::parse_iso(&text);
    }

    #[test]
    fn every_day_number_is_a_real_date(day in any::<i32>()) {
        let d = Date(day);
        let (y, m, dd) = d.ymd();
        prop_assert_eq!(Date::from_ymd(y, m, dd), Some(d));
        prop_assert!((1..=7).contains(&d.weekday()));
        let next = d.add_days(1);
        if day < i32::MAX {
            prop_assert_eq!(next.weekday() % 7, (d.weekday() + 1) % 7);
        }
    }

    #[test]
    fn iso_text_round_trips_for_four_digit_years(day in -719_162i32..2_932_896) {
        // 0001-01-01 ..= 9999-12-31
        let d = Date(day);
        prop_assert_eq!(Date::parse_iso(&d.to_string()), Some(d));
    }
}
