use super::*;
use crate::review::testing::ledger;

fn yuan(y: i64) -> Money {
    Money(y * 10_000)
}

/// C1: 80 → 90 → 100 (growing about 12% a year); C2: 50 in 2025 only; C3: 40 in 2023 only.
fn frame() -> Frame {
    let l = ledger(&[
        ("2023-03-01", "C1", "P1", "R1", 80),
        ("2023-04-01", "C3", "P1", "R1", 40),
        ("2024-03-01", "C1", "P1", "R1", 90),
        ("2025-03-01", "C1", "P1", "R1", 100),
        ("2025-05-01", "C2", "P1", "R1", 50),
    ]);
    Frame::build(&[&l], &[], &[], &[], &[])
}

fn plan(id: &str, wallet: i64, share: &str) -> CustomerPlan {
    CustomerPlan {
        id: id.into(),
        wallet: yuan(wallet),
        target_share: Dec::parse(share).unwrap(),
    }
}

#[test]
fn a_hand_worked_bottom_up_plan() {
    // C1: wallet ¥400, we had ¥100 (25%), aim for 30% → ¥120, +20%: inside C1's band
    // (average growth (12.5% + 11.1%) / 2 = 11.8% ± 30 points).
    // C2: no plan → ¥50 carried forward. C3: nothing since 2023 → listed, target 0.
    // Two new B customers at ¥30 each, one opportunity of ¥15.
    let input = BottomUpInput {
        customers: vec![plan("C1", 400, "30")],
        new_customers: vec![NewCustomers {
            class: "B".into(),
            count: 2,
            first_year: yuan(30),
        }],
        opportunities: vec![Opportunity {
            quadrant: Ansoff::ProductDevelopment,
            name: "新品".into(),
            amount: yuan(15),
        }],
    };
    let b = bottom_up(&frame(), 2026, Measure::Amount, &input).unwrap();
    let ids: Vec<&str> = b.lines.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["C1", "C2", "C3"], "largest last year first");
    let c1 = &b.lines[0];
    assert_eq!(c1.history, [yuan(100), yuan(90), yuan(80)]);
    assert_eq!(c1.target, yuan(120));
    assert_eq!(c1.share_of_wallet, Some(0.25));
    assert!((c1.growth.unwrap() - 0.2).abs() < 1e-12);
    let avg = (10.0 / 80.0 + 10.0 / 90.0) / 2.0;
    assert!((c1.band.0 - (avg - 0.3)).abs() < 1e-12);
    assert!(!c1.flagged);
    assert_eq!(b.lines[1].target, yuan(50));
    assert_eq!(b.lines[2].target, Money::ZERO);
    assert_eq!(b.planned_total, yuan(120));
    assert_eq!(b.carried_total, yuan(50));
    assert_eq!(b.new_total, yuan(60));
    assert_eq!(b.opportunities_total, yuan(15));
    assert_eq!(b.total(), yuan(245));
    assert_eq!(b.planned(), 1);
    assert!(b.unknown.is_empty());
}

#[test]
fn growth_beyond_the_band_is_flagged_and_unknown_customers_are_named() {
    let input = BottomUpInput {
        // C1 at 50% of ¥400 = ¥200: +100%, far above 11.8% + 30 points. C2 has no history
        // of growth: its band is ±30 points around 0, and ¥60 is +20%.
        customers: vec![
            plan("C1", 400, "50"),
            plan("C2", 100, "60"),
            plan("C9", 10, "10"),
        ],
        ..BottomUpInput::default()
    };
    let b = bottom_up(&frame(), 2026, Measure::Amount, &input).unwrap();
    assert!(b.lines[0].flagged);
    assert!(!b.lines[1].flagged);
    assert_eq!(b.lines[1].band, (-0.3, 0.3));
    assert_eq!(b.flagged(), 1);
    assert_eq!(b.unknown, ["C9"]);
    assert_eq!(b.planned_total, yuan(260), "C9 is kept but not counted");
}

#[test]
fn wallet_targets_round_half_up_to_the_ten_thousandth() {
    assert_eq!(wallet_target(Money(3), Dec::parse("50").unwrap()), Money(2));
    assert_eq!(
        wallet_target(yuan(1_000), Dec::parse("12.3456").unwrap()),
        Money(1_234_560)
    );
    assert_eq!(wallet_target(Money::ZERO, Dec::HUNDRED), Money::ZERO);
}

#[test]
fn gross_profit_without_cost_is_refused() {
    let e = bottom_up(
        &frame(),
        2026,
        Measure::GrossProfit,
        &BottomUpInput::default(),
    );
    assert_eq!(e.unwrap_err(), BasisError::NoCost);
}
