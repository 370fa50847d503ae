use super::*;
use crate::review::testing::ledger;
use proptest::prelude::*;

fn yuan(y: i64) -> Money {
    Money(y * 10_000)
}

/// Revenue ¥1,000,000 (R1 ¥600,000, R2 ¥400,000), volume 10,000 (price ¥100), 50 active
/// customers (¥20,000 each), gross profit ¥250,000 (25%), market ¥10,000,000 (10%).
fn actuals() -> TreeActuals {
    TreeActuals {
        year: 2025,
        revenue: yuan(1_000_000),
        regions: vec![
            TreeRegionActual {
                id: "R1".into(),
                name: "华东".into(),
                amount: yuan(600_000),
            },
            TreeRegionActual {
                id: "R2".into(),
                name: "华南".into(),
                amount: yuan(400_000),
            },
        ],
        volume: yuan(10_000),
        active_customers: 50,
        gross_profit: Some(yuan(250_000)),
        market_size: Some(yuan(10_000_000)),
    }
}

fn target(node: TreeNode, value: TreeTargetValue) -> TreeInput {
    TreeInput {
        target: Some(TreeTarget { node, value }),
        ..TreeInput::default()
    }
}

fn amount(node: TreeNode, y: i64) -> TreeInput {
    target(node, TreeTargetValue::Amount(yuan(y)))
}

fn value(s: &TreeSolution, n: TreeNode) -> f64 {
    s.node(&n).and_then(|v| v.target).expect("a value")
}

#[track_caller]
fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
}

#[test]
fn actuals_come_from_the_base_year_of_the_frame() {
    let l = ledger(&[
        ("2024-12-31", "C9", "P1", "R1", 999),
        ("2025-01-05", "C1", "P1", "R1", 100),
        ("2025-03-05", "C2", "P1", "R2", 50),
        ("2025-06-05", "C1", "P2", "R1", 30),
        ("2025-07-05", "C3", "P2", "R2", -20),
    ]);
    let f = Frame::build(&[&l], &[], &[], &[], &[]);
    let a = tree_actuals(&f, 2025, Some(yuan(1_000)));
    assert_eq!(a.revenue, yuan(160));
    let regions: Vec<(&str, Money)> = a
        .regions
        .iter()
        .map(|r| (r.id.as_str(), r.amount))
        .collect();
    assert_eq!(regions, [("R1", yuan(130)), ("R2", yuan(30))]);
    assert_eq!(a.volume, yuan(4), "quantity 1 per row");
    assert_eq!(a.active_customers, 2, "C3 has net sales below zero");
    assert_eq!(a.gross_profit, None);
    assert_eq!(a.market_size, Some(yuan(1_000)));
}

#[test]
fn no_target_keeps_last_year() {
    let s = solve_tree(&actuals(), &TreeInput::default()).unwrap();
    assert_eq!(s.revenue, yuan(1_000_000));
    close(value(&s, TreeNode::AveragePrice), 100.0);
    close(value(&s, TreeNode::GrossMargin), 0.25);
    close(value(&s, TreeNode::MarketShare), 0.1);
    assert!(s.must_be_true(Lang::En).is_empty());
}

#[test]
fn a_revenue_target_moves_volume_customers_regions_and_profit() {
    let s = solve_tree(&actuals(), &amount(TreeNode::Revenue, 1_200_000)).unwrap();
    assert_eq!(s.revenue, yuan(1_200_000));
    close(value(&s, TreeNode::Volume), 12_000.0);
    close(value(&s, TreeNode::AveragePrice), 100.0);
    close(value(&s, TreeNode::ActiveCustomers), 60.0);
    close(value(&s, TreeNode::RevenuePerCustomer), 20_000.0);
    close(value(&s, TreeNode::GrossProfit), 300_000.0);
    close(value(&s, TreeNode::MarketShare), 0.12);
    let r: Vec<Money> = s.regions.iter().map(|r| r.target).collect();
    assert_eq!(r, [yuan(720_000), yuan(480_000)]);
    let lines = s.must_be_true(Lang::En);
    assert!(
        lines.contains(&"Active customers +10".to_string()),
        "{lines:?}"
    );
    assert!(lines.contains(&"Volume +2,000".to_string()), "{lines:?}");
    assert!(
        s.must_be_true(Lang::Zh)
            .contains(&"活跃客户数 +10".to_string())
    );
}

#[test]
fn a_customer_target_sets_revenue_and_price_can_absorb() {
    let mut input = amount(TreeNode::ActiveCustomers, 55);
    input.absorbers.price_volume = PriceVolumeAbsorber::AveragePrice;
    let s = solve_tree(&actuals(), &input).unwrap();
    // 55 × ¥20,000 = ¥1,100,000; volume holds at 10,000, so the price is ¥110.
    assert_eq!(s.revenue, yuan(1_100_000));
    close(value(&s, TreeNode::AveragePrice), 110.0);
    close(value(&s, TreeNode::Volume), 10_000.0);
    assert!(
        s.must_be_true(Lang::En)
            .contains(&"Average price +¥10.00".to_string())
    );
}

#[test]
fn a_share_target_reads_the_market_size() {
    let s = solve_tree(
        &actuals(),
        &target(
            TreeNode::MarketShare,
            TreeTargetValue::Percent(Dec::int(12)),
        ),
    )
    .unwrap();
    assert_eq!(s.revenue, yuan(1_200_000));
    let lines = s.must_be_true(Lang::En);
    assert!(
        lines.contains(&"Market share +2.0 pp".to_string()),
        "{lines:?}"
    );
}

#[test]
fn with_revenue_locked_the_sibling_absorbs() {
    let mut input = amount(TreeNode::Volume, 12_500);
    input.locked.insert(TreeNode::Revenue);
    let s = solve_tree(&actuals(), &input).unwrap();
    assert_eq!(s.revenue, yuan(1_000_000));
    close(value(&s, TreeNode::AveragePrice), 80.0);
    // One region up, the other absorbs, revenue holds.
    let mut input = amount(TreeNode::Region("R1".into()), 700_000);
    input.locked.insert(TreeNode::Revenue);
    let s = solve_tree(&actuals(), &input).unwrap();
    let r: Vec<Money> = s.regions.iter().map(|r| r.target).collect();
    assert_eq!(r, [yuan(700_000), yuan(300_000)]);
}

#[test]
fn a_region_target_raises_revenue_and_the_rest_follows() {
    let s = solve_tree(&actuals(), &amount(TreeNode::Region("R2".into()), 500_000)).unwrap();
    assert_eq!(s.revenue, yuan(1_100_000));
    close(value(&s, TreeNode::ActiveCustomers), 55.0);
    let lines = s.must_be_true(Lang::En);
    assert!(
        lines.contains(&"Region 华南 +¥100.0K".to_string()),
        "{lines:?}"
    );
}

#[test]
fn gross_profit_target_with_margin_absorbing() {
    let mut input = amount(TreeNode::GrossProfit, 300_000);
    input.absorbers.profit = ProfitAbsorber::GrossMargin;
    let s = solve_tree(&actuals(), &input).unwrap();
    assert_eq!(s.revenue, yuan(1_000_000));
    close(value(&s, TreeNode::GrossMargin), 0.3);
    // By default revenue absorbs: 300,000 / 25% = 1,200,000.
    let s = solve_tree(&actuals(), &amount(TreeNode::GrossProfit, 300_000)).unwrap();
    assert_eq!(s.revenue, yuan(1_200_000));
}

#[test]
fn impossible_requests_are_explained() {
    let a = actuals();
    // Every child that could absorb is locked.
    let mut input = amount(TreeNode::Revenue, 1_200_000);
    input
        .locked
        .extend([TreeNode::Volume, TreeNode::AveragePrice]);
    assert_eq!(
        solve_tree(&a, &input),
        Err(TreeProblem::AllLocked {
            nodes: vec![TreeNode::Volume, TreeNode::AveragePrice]
        })
    );
    let mut input = amount(TreeNode::Revenue, 1_200_000);
    input
        .locked
        .extend([TreeNode::Region("R1".into()), TreeNode::Region("R2".into())]);
    assert!(matches!(
        solve_tree(&a, &input),
        Err(TreeProblem::AllLocked { .. })
    ));
    // A negative result: R1 up to 1.5M with revenue locked leaves R2 at −500,000.
    let mut input = amount(TreeNode::Region("R1".into()), 1_500_000);
    input.locked.insert(TreeNode::Revenue);
    assert_eq!(
        solve_tree(&a, &input),
        Err(TreeProblem::Impossible {
            node: TreeNode::Region("R2".into()),
            value: -500_000.0
        })
    );
    // Nothing to absorb: no market size, no costs, no customers.
    let mut b = a.clone();
    b.market_size = None;
    b.gross_profit = None;
    let share = target(
        TreeNode::MarketShare,
        TreeTargetValue::Percent(Dec::int(12)),
    );
    assert_eq!(
        solve_tree(&b, &share),
        Err(TreeProblem::NothingToAbsorb {
            node: TreeNode::MarketSize
        })
    );
    assert_eq!(
        solve_tree(&b, &amount(TreeNode::GrossProfit, 1)),
        Err(TreeProblem::NothingToAbsorb {
            node: TreeNode::GrossMargin
        })
    );
    b.active_customers = 0;
    assert_eq!(
        solve_tree(&b, &amount(TreeNode::ActiveCustomers, 10)),
        Err(TreeProblem::NothingToAbsorb {
            node: TreeNode::RevenuePerCustomer
        })
    );
    // Bad targets.
    assert_eq!(
        solve_tree(&a, &amount(TreeNode::MarketShare, 1)),
        Err(TreeProblem::WrongValueKind {
            node: TreeNode::MarketShare
        })
    );
    assert_eq!(
        solve_tree(&a, &amount(TreeNode::Revenue, -1)),
        Err(TreeProblem::NegativeTarget {
            node: TreeNode::Revenue
        })
    );
    assert_eq!(
        solve_tree(&a, &amount(TreeNode::MarketSize, 1)),
        Err(TreeProblem::NotATarget {
            node: TreeNode::MarketSize
        })
    );
    assert_eq!(
        solve_tree(&a, &amount(TreeNode::Region("R9".into()), 1)),
        Err(TreeProblem::UnknownRegion { id: "R9".into() })
    );
    let mut input = amount(TreeNode::Revenue, 1);
    input.locked.insert(TreeNode::Revenue);
    assert_eq!(
        solve_tree(&a, &input),
        Err(TreeProblem::TargetLocked {
            node: TreeNode::Revenue
        })
    );
    // A locked share cannot hold when revenue moves: the market size is an input.
    let mut input = amount(TreeNode::Revenue, 1_200_000);
    input.locked.insert(TreeNode::MarketShare);
    assert_eq!(
        solve_tree(&a, &input),
        Err(TreeProblem::LockedWouldChange {
            node: TreeNode::MarketShare
        })
    );
    // Every problem has a message in both languages.
    let p = TreeProblem::AllLocked {
        nodes: vec![TreeNode::Volume, TreeNode::AveragePrice],
    };
    assert_eq!(
        p.message(Lang::En),
        "Volume, Average price are all locked, so nothing can absorb the change; unlock one."
    );
    assert!(p.message(Lang::Zh).contains("销量、均价"));
}

#[test]
fn locked_gross_profit_makes_the_margin_absorb() {
    let mut input = amount(TreeNode::Revenue, 1_250_000);
    input.locked.insert(TreeNode::GrossProfit);
    let s = solve_tree(&actuals(), &input).unwrap();
    close(value(&s, TreeNode::GrossProfit), 250_000.0);
    close(value(&s, TreeNode::GrossMargin), 0.2);
}

#[test]
fn inputs_round_trip_through_serde_with_snake_case_names() {
    let mut input = amount(TreeNode::Region("R1".into()), 5);
    input.locked.insert(TreeNode::ActiveCustomers);
    input.absorbers.regions = RegionAbsorber::Region("R2".into());
    let json = serde_json::to_string(&input).unwrap();
    assert!(json.contains(r#""node":{"region":"R1"}"#), "{json}");
    assert!(json.contains(r#""locked":["active_customers"]"#), "{json}");
    assert_eq!(serde_json::from_str::<TreeInput>(&json).unwrap(), input);
}

fn node_strategy() -> impl Strategy<Value = TreeNode> {
    prop_oneof![
        Just(TreeNode::Revenue),
        Just(TreeNode::Region("R1".into())),
        Just(TreeNode::Region("R2".into())),
        Just(TreeNode::Volume),
        Just(TreeNode::AveragePrice),
        Just(TreeNode::ActiveCustomers),
        Just(TreeNode::RevenuePerCustomer),
        Just(TreeNode::GrossProfit),
        Just(TreeNode::GrossMargin),
        Just(TreeNode::MarketShare),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("TREE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
    ))]

    /// Goal seek round-trips: the solved tree gives the target at its node, every relation
    /// holds again, and locked nodes keep last year's value.
    #[test]
    fn goal_seek_round_trips_and_never_moves_locks(
        r1 in 0i64..5_000_000, r2 in 0i64..5_000_000, volume in 0i64..100_000,
        customers in 0u64..500, margin in 0i64..60, market in 0i64..100_000_000,
        node in node_strategy(), t in 0i64..10_000_000, pct in 0i64..100,
        locks in proptest::collection::vec(node_strategy(), 0..3),
        absorb_price in any::<bool>(), absorb_per in any::<bool>(), absorb_margin in any::<bool>(),
    ) {
        let revenue = yuan(r1 + r2);
        let a = TreeActuals {
            year: 2025,
            revenue,
            regions: vec![
                TreeRegionActual { id: "R1".into(), name: "R1".into(), amount: yuan(r1) },
                TreeRegionActual { id: "R2".into(), name: "R2".into(), amount: yuan(r2) },
            ],
            volume: yuan(volume),
            active_customers: customers,
            gross_profit: Some(Money(revenue.0 / 100 * margin)),
            market_size: Some(yuan(market)),
        };
        let value = if node.unit() == TreeUnit::Fraction {
            TreeTargetValue::Percent(Dec::int(pct))
        } else {
            TreeTargetValue::Amount(yuan(t))
        };
        let want = match &value {
            TreeTargetValue::Percent(p) => p.to_f64() / 100.0,
            TreeTargetValue::Amount(m) => m.to_f64(),
        };
        let mut input = target(node.clone(), value);
        input.locked = locks.into_iter().collect();
        if absorb_price { input.absorbers.price_volume = PriceVolumeAbsorber::AveragePrice; }
        if absorb_per { input.absorbers.customers = CustomerAbsorber::RevenuePerCustomer; }
        if absorb_margin { input.absorbers.profit = ProfitAbsorber::GrossMargin; }
        let Ok(s) = solve_tree(&a, &input) else { return Ok(()); };
        let v = |n: TreeNode| s.node(&n).and_then(|x| x.target);
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0);
        // The target is met at its node (revenue exactly, to the Money it rounds to).
        prop_assert!(near(v(node.clone()).unwrap(), want), "target {want}, got {:?}", v(node.clone()));
        // Recompute every relation from the children.
        let r = s.revenue.to_f64();
        let sum: Money = s.regions.iter().map(|x| x.target).sum();
        prop_assert_eq!(sum, s.revenue);
        for (x, y) in [(TreeNode::Volume, TreeNode::AveragePrice), (TreeNode::ActiveCustomers, TreeNode::RevenuePerCustomer)] {
            if let (Some(x), Some(y)) = (v(x), v(y)) {
                prop_assert!(near(x * y, r), "{x} × {y} ≠ {r}");
            }
        }
        if let (Some(p), Some(m)) = (v(TreeNode::GrossProfit), v(TreeNode::GrossMargin)) {
            prop_assert!(near(p, r * m) || r == 0.0);
        }
        if let Some(share) = v(TreeNode::MarketShare) {
            prop_assert!(near(share * market as f64, r));
        }
        for n in &s.nodes {
            if n.locked {
                prop_assert!(same(n.actual, n.target), "{:?} moved", n.node);
            }
        }
    }
}
