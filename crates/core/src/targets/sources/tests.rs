use super::*;
use crate::review::testing::ledger;

fn yuan(y: i64) -> Money {
    Money(y * 10_000)
}

/// ¥100 a month in every month from January 2023 to `last` (a "YYYY-MM" month of 2025).
fn flat_frame(last_month: u32) -> Frame {
    let mut rows = Vec::new();
    let mut dates = Vec::new();
    for y in 2023..=2025 {
        for m in 1..=12u32 {
            if y == 2025 && m > last_month {
                break;
            }
            dates.push(format!("{y}-{m:02}-15"));
        }
    }
    for d in &dates {
        rows.push((d.as_str(), "C1", "P1", "R1", 100));
    }
    let l = ledger(&rows);
    Frame::build(&[&l], &[], &[], &[], &[])
}

#[test]
fn top_down_is_market_size_times_target_share() {
    let share = Dec::parse("12.5").unwrap();
    assert_eq!(
        top_down(Some(yuan(1_000_000)), Some(share), Measure::Amount),
        Ok(yuan(125_000))
    );
    // ¥3 × 33.3333% = ¥0.99999899… → ¥1.0000 to the ten-thousandth.
    assert_eq!(
        top_down(Some(yuan(3)), Dec::parse("33.3333"), Measure::Amount),
        Ok(Money(10_000))
    );
    assert_eq!(
        top_down(None, Some(share), Measure::Amount),
        Err(SourceMissing::NoMarketSize)
    );
    assert_eq!(
        top_down(Some(yuan(1)), None, Measure::GrossProfit),
        Err(SourceMissing::NoTargetShare)
    );
    assert_eq!(
        top_down(Some(yuan(1)), Some(share), Measure::Quantity),
        Err(SourceMissing::NotMoney)
    );
}

#[test]
fn the_trend_of_a_flat_ledger_is_twelve_flat_months_with_no_error() {
    let t = trend(&flat_frame(12), 2026, Measure::Amount).unwrap();
    assert_eq!(t.actual_months, 0);
    assert!((t.total.to_f64() - 1_200.0).abs() < 0.01, "{:?}", t.total);
    assert!(t.mape.is_some_and(|m| m < 1e-9));
}

#[test]
fn a_plan_year_in_progress_takes_its_actual_months_then_the_forecast() {
    // Data to June 2025: January–June are actuals (¥600), July–December forecast (¥600).
    let t = trend(&flat_frame(6), 2025, Measure::Amount).unwrap();
    assert_eq!(t.actual_months, 6);
    assert!((t.total.to_f64() - 1_200.0).abs() < 0.01, "{:?}", t.total);
}

#[test]
fn too_short_a_history_says_so_instead_of_forecasting() {
    let l = ledger(&[("2025-01-10", "C1", "P1", "R1", 5)]);
    let f = Frame::build(&[&l], &[], &[], &[], &[]);
    let e = trend(&f, 2026, Measure::Amount).unwrap_err();
    assert!(matches!(
        e,
        SourceMissing::Trend(ReviewError::TooFewMonths { .. })
    ));
    assert!(!e.message(Lang::Zh).is_empty());
}

#[test]
fn a_blend_weighs_the_sources_and_refuses_bad_weights() {
    let s = Sources {
        top_down: Ok(yuan(1_000)),
        trend: Ok(Trend {
            total: yuan(1_200),
            actual_months: 0,
            mape: None,
        }),
        bottom_up: Err(SourceMissing::NoBottomUp),
    };
    let half = Blend {
        top_down: 50,
        trend: 50,
        bottom_up: 0,
    };
    assert_eq!(s.blend(&half), Ok(yuan(1_100)));
    assert_eq!(s.blend(&Blend::only(Source::Trend)), Ok(yuan(1_200)));
    // ¥1,000 × 33% + ¥1,200 × 67% = ¥1,134.
    let third = Blend {
        top_down: 33,
        trend: 67,
        bottom_up: 0,
    };
    assert_eq!(s.blend(&third), Ok(yuan(1_134)));
    assert_eq!(
        s.blend(&Blend::only(Source::BottomUp)),
        Err(BlendProblem::Missing(Source::BottomUp))
    );
    let bad = Blend {
        top_down: 50,
        trend: 40,
        bottom_up: 0,
    };
    assert_eq!(s.blend(&bad), Err(BlendProblem::NotHundred { sum: 90 }));
    assert!(
        BlendProblem::NotHundred { sum: 90 }
            .message(Lang::Zh)
            .contains("90%")
    );
}

#[test]
fn shares_are_read_in_percent() {
    assert_eq!(parse_share(" 12.5% "), Ok(Dec(125_000)));
    assert_eq!(parse_share("100"), Ok(Dec::HUNDRED));
    assert_eq!(parse_share("0"), Err(ShareError::OutOfRange));
    assert_eq!(parse_share("100.01"), Err(ShareError::OutOfRange));
    assert_eq!(parse_share("abc"), Err(ShareError::NotANumber));
}
