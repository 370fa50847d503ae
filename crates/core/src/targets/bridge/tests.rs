use super::*;
use crate::review::testing::ledger;
use proptest::prelude::*;

fn yuan(y: i64) -> Money {
    Money(y * 10_000)
}

#[test]
fn a_hand_worked_bridge_lands_on_the_target() {
    // ¥1,000,000 last year, ¥1,200,000 target: market +¥80,000, new customers +¥150,000,
    // lost customers −¥60,000, price +¥10,000 explain ¥180,000 of the ¥200,000 gap.
    let steps = [
        BridgeStep::new(StepKind::MarketGrowth, yuan(80_000)),
        BridgeStep::new(StepKind::NewCustomers, yuan(150_000)),
        BridgeStep::new(StepKind::LostCustomers, yuan(-60_000)),
        BridgeStep::new(StepKind::Price, yuan(10_000)),
    ];
    let b = bridge(yuan(1_000_000), yuan(1_200_000), &steps);
    assert_eq!(b.gap(), yuan(200_000));
    assert_eq!(b.unexplained(), yuan(20_000));
    let levels: Vec<(Money, Money)> = b.bars.iter().map(|x| (x.from, x.to)).collect();
    assert_eq!(
        levels,
        [
            (yuan(1_000_000), yuan(1_080_000)),
            (yuan(1_080_000), yuan(1_230_000)),
            (yuan(1_230_000), yuan(1_170_000)),
            (yuan(1_170_000), yuan(1_180_000)),
            (yuan(1_180_000), yuan(1_200_000)),
        ]
    );
    assert_eq!(b.bars[4].step, None, "the remainder comes last");
    assert_eq!(b.bars[1].share_of_gap, Some(0.75));
    assert_eq!(b.bars[2].share_of_gap, Some(-0.3));
    assert_eq!(b.bars[4].share_of_gap, Some(0.1));
    assert!(b.warnings.is_empty());
}

#[test]
fn no_steps_leave_the_whole_gap_unexplained_and_a_target_below_last_year_is_a_negative_gap() {
    let b = bridge(yuan(500), yuan(400), &[]);
    assert_eq!(b.bars.len(), 1);
    assert_eq!(b.unexplained(), yuan(-100));
    assert_eq!(b.bars[0].share_of_gap, Some(1.0));
    let flat = bridge(
        yuan(500),
        yuan(500),
        &[BridgeStep::new(StepKind::Price, yuan(5))],
    );
    assert_eq!(flat.unexplained(), yuan(-5));
    assert_eq!(flat.bars[0].share_of_gap, None, "no gap, no share");
}

#[test]
fn a_lost_customers_step_that_adds_is_flagged() {
    let steps = [
        BridgeStep::new(StepKind::Price, yuan(5)),
        BridgeStep::new(StepKind::LostCustomers, yuan(10)),
    ];
    let b = bridge(yuan(100), yuan(120), &steps);
    assert_eq!(b.warnings, [BridgeWarning::LostCustomersAdd { step: 1 }]);
    assert!(b.warnings[0].message(Lang::Zh).contains("第 2 步"));
}

#[test]
fn names_read_as_typed_or_as_the_kind() {
    let mut s = BridgeStep::new(StepKind::NewProducts, Money::ZERO);
    assert_eq!(s.label(Lang::Zh), "新产品");
    assert_eq!(s.label(Lang::En), "New products");
    s.name = "  新品 X5 上市 ".into();
    assert_eq!(s.label(Lang::En), "新品 X5 上市");
    for k in StepKind::NAMED.into_iter().chain([StepKind::Other]) {
        assert_eq!(StepKind::from_code(k.code()), Some(k));
    }
    assert_eq!(StepKind::from_code("nothing"), None);
}

#[test]
fn typed_amounts_are_signed_numbers_within_bounds() {
    assert_eq!(parse_step_amount("-250,000"), Ok(yuan(-250_000)));
    assert_eq!(parse_step_amount("−1.5"), Ok(Money(-15_000)));
    assert_eq!(parse_step_amount("+¥80000"), Ok(yuan(80_000)));
    assert_eq!(parse_step_amount(" "), Ok(Money::ZERO));
    assert_eq!(parse_step_amount("--5"), Err(StepAmountError::NotANumber));
    assert_eq!(parse_step_amount("-+5"), Err(StepAmountError::NotANumber));
    assert_eq!(parse_step_amount("5万"), Err(StepAmountError::NotANumber));
    assert_eq!(
        parse_step_amount("1000000000001"),
        Err(StepAmountError::TooLarge)
    );
    assert_eq!(parse_step_amount("-1000000000000"), Ok(Money(-MAX_STEP.0)));
}

#[test]
fn too_many_or_too_large_steps_are_named() {
    let mut steps = vec![BridgeStep::new(StepKind::Other, Money::ZERO); MAX_STEPS + 1];
    steps[3].amount = Money(MAX_STEP.0 + 1);
    assert_eq!(
        check_steps(&steps),
        [
            StepsProblem::TooMany {
                count: MAX_STEPS + 1
            },
            StepsProblem::TooLarge { step: 3 }
        ]
    );
    assert!(check_steps(&steps[..5]).len() == 1);
    assert!(check_steps(&steps[4..MAX_STEPS + 1]).is_empty());
}

#[test]
fn suggested_steps_repeat_last_years_new_and_lost_customers() {
    // 2024: C1 100, C2 40. 2025: C1 120, C3 (new) 30, C4 (back after a gap: not new) 5.
    // C2 bought in 2024 and not in 2025: lost, 40.
    let l = ledger(&[
        ("2023-04-01", "C4", "P1", "R1", 9),
        ("2024-02-01", "C1", "P1", "R1", 100),
        ("2024-05-01", "C2", "P1", "R1", 40),
        ("2025-03-01", "C1", "P1", "R1", 120),
        ("2025-03-01", "C3", "P1", "R1", 30),
        ("2025-08-01", "C4", "P1", "R1", 5),
    ]);
    let f = Frame::build(&[&l], &[], &[], &[], &[]);
    let s = suggested_steps(&f, 2026, Measure::Amount);
    assert_eq!(
        s,
        [
            BridgeStep::new(StepKind::NewCustomers, yuan(30)),
            BridgeStep::new(StepKind::LostCustomers, yuan(-40)),
        ]
    );
    assert!(
        suggested_steps(&f, 2025, Measure::Amount).len() == 2,
        "2023 and 2024 exist"
    );
    assert!(suggested_steps(&f, 2030, Measure::Amount).is_empty());
    assert!(
        suggested_steps(&f, 2026, Measure::GrossProfit).is_empty(),
        "no cost"
    );
}

fn step() -> impl Strategy<Value = BridgeStep> {
    (0usize..7, -MAX_STEP.0 - 5..=MAX_STEP.0 + 5).prop_map(|(k, a)| {
        let kind = StepKind::NAMED.into_iter().chain([StepKind::Other]).nth(k);
        BridgeStep::new(kind.unwrap_or(StepKind::Other), Money(a))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_bridge_always_sums_to_the_target(
        start in -MAX_STEP.0..MAX_STEP.0,
        target in -MAX_STEP.0..MAX_STEP.0,
        steps in proptest::collection::vec(step(), 0..=MAX_STEPS),
    ) {
        let b = bridge(Money(start), Money(target), &steps);
        prop_assert_eq!(b.bars.len(), steps.len() + 1);
        let sum: i128 = b.bars.iter().map(|x| i128::from(x.amount.0)).sum();
        prop_assert_eq!(i128::from(start) + sum, i128::from(target));
        prop_assert_eq!(b.bars[0].from, Money(start));
        prop_assert_eq!(b.bars.last().map(|x| x.to), Some(Money(target)));
        for w in b.bars.windows(2) {
            prop_assert_eq!(w[0].to, w[1].from);
        }
        for x in &b.bars {
            prop_assert_eq!(i128::from(x.to.0) - i128::from(x.from.0), i128::from(x.amount.0));
        }
    }
}
