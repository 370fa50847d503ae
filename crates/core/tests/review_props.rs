//! Invariants of the business review (DOMAIN §1) on random ledgers, and sanity on the real
//! superstore ledger.

use proptest::prelude::*;
use sandtable_core::import::{ImportOptions, read_ledger};
use sandtable_core::review::{
    self, AbcClass, AbcThresholds, Dim, Filter, Frame, FunnelInput, Measure, Period, Series,
};
use sandtable_core::{Date, Ledger, LedgerBuilder, Money, Row};

/// (month offset from 2020-01, day, customer, product, region, amount in cents)
type RawRow = (u32, u32, u8, u8, u8, i64);

fn build(rows: &[RawRow]) -> Ledger {
    let mut b = LedgerBuilder::new();
    for &(m, d, c, p, r, cents) in rows {
        let (y, mo) = Date::from_month_index(2020 * 12 + m as i32);
        let c = format!("C{c}");
        let p = format!("P{p}");
        let r = format!("R{r}");
        b.push_row(&Row {
            date: Date::from_ymd(y, mo, d).unwrap_or_default(),
            customer: &c,
            product: &p,
            region: &r,
            salesperson: "S1",
            channel: "经销商",
            quantity: Money(10_000),
            amount: Money(cents * 100),
            cost: None,
            order_id: "o",
        });
    }
    b.finish()
}

fn rows() -> impl Strategy<Value = Vec<RawRow>> {
    prop::collection::vec(
        (
            0u32..48,
            1u32..29,
            0u8..12,
            0u8..6,
            0u8..4,
            -5_000i64..100_000,
        ),
        1..200,
    )
}

fn dims() -> impl Strategy<Value = Dim> {
    prop::sample::select(Dim::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn contributions_sum_to_total_growth_and_shares_to_one(rows in rows(), dim in dims(), year in 2021i32..2024) {
        let l = build(&rows);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let t = review::compare(&f, dim, Measure::Amount, Period::year(year), Period::year(year - 1), &Filter::all());
        let t = t.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let cur: i64 = t.rows.iter().map(|r| r.current.0).sum();
        let base: i64 = t.rows.iter().map(|r| r.base.0).sum();
        prop_assert_eq!(Money(cur), t.total_current);
        prop_assert_eq!(Money(base), t.total_base);
        if let Some(g) = t.growth {
            let sum: f64 = t.rows.iter().filter_map(|r| r.contribution).sum();
            prop_assert!((sum - g).abs() <= 1e-9 * g.abs().max(1.0), "{} vs {}", sum, g);
        } else {
            prop_assert!(t.rows.iter().all(|r| r.contribution.is_none()));
        }
        if t.total_current.0 != 0 {
            let shares: f64 = t.rows.iter().filter_map(|r| r.share).sum();
            prop_assert!((shares - 1.0).abs() < 1e-9, "{}", shares);
            let mix: f64 = t.rows.iter().filter_map(|r| r.mix_change_pp).sum();
            if t.total_base.0 != 0 {
                prop_assert!(mix.abs() < 1e-7, "{}", mix);
            }
        }
        // Ranks are 1..n by current value descending.
        for (i, w) in t.rows.windows(2).enumerate() {
            prop_assert!(w[0].current >= w[1].current);
            prop_assert_eq!(w[0].rank as usize, i + 1);
        }
    }

    #[test]
    fn the_month_table_adds_up_to_the_comparison_table(rows in rows(), dim in dims(), year in 2021i32..2024, region in 0u8..4) {
        let l = build(&rows);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let filter = match f.members(Dim::Region).key(&format!("R{region}")) {
            Some(k) if region > 0 => Filter::all().and(Dim::Region, k),
            _ => Filter::all(),
        };
        let (cur, base) = (Period::year(year), Period::year(year - 1));
        let t = review::compare(&f, dim, Measure::Amount, cur, base, &filter).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let m = review::compare_by_month(&f, dim, Measure::Amount, cur, base, &filter).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(t.rows.len(), m.rows.len());
        for r in &m.rows {
            let row = t.rows.iter().find(|x| x.key == r.key);
            prop_assert!(row.is_some());
            let row = row.map(|x| (x.current, x.base)).unwrap_or_default();
            prop_assert_eq!(row, (r.current.iter().copied().sum(), r.base.iter().copied().sum()));
        }
        // The filter keeps exactly the rows of the region.
        let direct: i64 = rows
            .iter()
            .filter(|r| 2020 + (r.0 as i32) / 12 == year && (filter.is_empty() || r.4 == region))
            .map(|r| r.5 * 100)
            .sum();
        prop_assert_eq!(t.total_current, Money(direct));
    }

    #[test]
    fn abc_classes_partition_the_positive_members(rows in rows(), dim in dims(), a in 0.3f64..0.9, gap in 0.0f64..0.1) {
        let l = build(&rows);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let th = AbcThresholds { a, b: a + gap };
        let r = review::abc(&f, dim, Measure::Amount, None, &Filter::all(), th);
        let r = r.map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Every member with rows is either classed (positive) or inactive (≤ 0), once.
        let mut sums = vec![0i64; f.members(dim).len()];
        let keys = compare_keys(&f, &l, dim);
        for (k, v) in keys.iter().zip(l.amount.iter()) {
            sums[*k as usize] += v.0;
        }
        let positive = sums.iter().filter(|s| **s > 0).count();
        prop_assert_eq!(r.members.len(), positive);
        prop_assert_eq!(r.inactive.len(), sums.len() - positive);
        prop_assert!(r.members.iter().all(|m| m.value.0 > 0 && sums[m.key as usize] == m.value.0));
        prop_assert!(r.inactive.iter().all(|m| m.value.0 <= 0));
        prop_assert_eq!(r.counts.iter().sum::<u32>() as usize, positive);
        // Classes in order A…B…C, each decided by the share before it.
        let mut before = 0.0;
        for (i, m) in r.members.iter().enumerate() {
            let want = if before < th.a { AbcClass::A } else if before < th.b { AbcClass::B } else { AbcClass::C };
            prop_assert_eq!(m.class, want);
            if i > 0 {
                prop_assert!(r.members[i - 1].class <= m.class);
                prop_assert!(r.members[i - 1].value >= m.value);
            }
            before = m.cumulative;
        }
        if positive > 0 {
            prop_assert_eq!(r.members[0].class, AbcClass::A);
            prop_assert!((before - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn lmdi_effects_sum_to_the_change(rows in rows(), u0 in 1u64..500, u1 in 1u64..500, year in 2021i32..2024) {
        let l = build(&rows);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let input = FunnelInput { universe_current: Some(u1), universe_base: Some(u0), ..FunnelInput::default() };
        let r = review::funnel(&f, Period::year(year), Period::year(year - 1), &Filter::all(), &input);
        let change = r.change.to_f64();
        if r.problem.is_none() {
            prop_assert_eq!(r.effects.len(), 5);
            let sum: f64 = r.effects.iter().map(|e| e.effect).sum();
            prop_assert!((sum - change).abs() <= 1e-6 * change.abs().max(1.0), "{} vs {}", sum, change);
            // Each count is consistent with the identity S = U·(C/U)·(A/C)·(D/A)·(S/D).
            for c in [&r.current, &r.base] {
                prop_assert!(c.active <= c.covered || c.covered == 0);
                let product: f64 = r.effects.iter().map(|e| e.factor).map(|k| c.factor(k).unwrap_or(0.0)).product();
                prop_assert!((product - c.sales.to_f64()).abs() <= 1e-6 * c.sales.to_f64().abs().max(1.0));
            }
        } else {
            prop_assert!(r.effects.is_empty());
        }
    }

    #[test]
    fn seasonality_indices_average_100(values in prop::collection::vec(1i64..1_000_000, 24..60), first in 2000 * 12..2030 * 12) {
        let s = Series { first_month: first, values: values.iter().map(|v| Money(v * 10_000)).collect() };
        let d = review::decompose(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mean = d.indices.iter().sum::<f64>() / 12.0;
        prop_assert!((mean - 100.0).abs() < 1e-9, "{}", mean);
        prop_assert!(d.indices.iter().all(|i| *i > 0.0));
        let f = review::forecast(&s, 12).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(f.months.iter().all(|m| m.value.is_finite() && m.value >= 0.0));
        prop_assert_eq!(f.backtest_mape.is_some(), values.len() >= 30);
        // The moving total of month t is the sum of months t−11..=t.
        let mt = s.moving_total();
        for (t, v) in mt.iter().enumerate() {
            let want = (t >= 11).then(|| Money(s.values[t - 11..=t].iter().map(|m| m.0).sum()));
            prop_assert_eq!(*v, want);
        }
    }
}

/// The frame key of every ledger row for a dimension, found through the ids.
fn compare_keys(f: &Frame, l: &Ledger, dim: Dim) -> Vec<u32> {
    let (codes, dict): (&[u32], &[String]) = match dim {
        Dim::Region => (&l.region, &l.regions),
        Dim::Customer => (&l.customer, &l.customers),
        Dim::Product | Dim::Category => (&l.product, &l.products),
        Dim::Salesperson => (&l.salesperson, &l.salespeople),
        Dim::Channel => (&l.channel, &l.channels),
    };
    codes
        .iter()
        .map(|c| {
            let id = &dict[*c as usize];
            match dim {
                // No product master: every product is uncategorised.
                Dim::Category => f.members(dim).key("").unwrap_or(u32::MAX),
                _ => f.members(dim).key(id).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

const SUPERSTORE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/superstore_2016_2019.csv"
);

#[test]
fn superstore_abc_seasonality_and_comparison() {
    let bytes = std::fs::read(SUPERSTORE).expect("the shared superstore file beside the repo");
    let imported = read_ledger(
        &bytes,
        "superstore_2016_2019.csv",
        &ImportOptions::default(),
    );
    let imported = imported.expect("reads");
    let f = Frame::build(
        &[&imported.ledger],
        &imported.customers,
        &imported.products,
        &imported.regions,
        &imported.salespeople,
    );
    assert_eq!(f.rows(), 9994);
    assert_eq!(f.months, 48);
    // ABC by customer: 793 customers, all positive; the classes follow the 80/95 rule.
    let abc = review::abc(
        &f,
        Dim::Customer,
        Measure::Amount,
        None,
        &Filter::all(),
        AbcThresholds::default(),
    );
    let abc = abc.expect("amount");
    assert_eq!(abc.members.len() + abc.inactive.len(), 793);
    assert_eq!(
        abc.total,
        Money::parse_decimal("2297200.8603").unwrap_or_default()
    );
    let (x, y) = abc.pareto().unwrap_or_default();
    assert!(x > 0.4 && x < 0.6 && (0.8..0.81).contains(&y), "{x} {y}");
    assert_eq!(abc.members[0].name, "Sean Miller");
    // Categories come from the product master: three of them.
    let cats = review::compare(
        &f,
        Dim::Category,
        Measure::Amount,
        Period::year(2019),
        Period::year(2018),
        &Filter::all(),
    );
    let cats = cats.expect("amount");
    let mut names: Vec<&str> = cats.rows.iter().map(|r| r.id.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Furniture", "Office Supplies", "Technology"]);
    // Seasonality: 48 months, the year end strongest and February weakest.
    let s = review::monthly(&f, Measure::Amount, &Filter::all()).expect("amount");
    let d = review::decompose(&s).expect("48 months");
    assert_eq!(d.months_used, 48);
    let max = d.indices.iter().cloned().fold(f64::MIN, f64::max);
    let min = d.indices.iter().cloned().fold(f64::MAX, f64::min);
    assert_eq!((d.indices[11], d.indices[1]), (max, min));
    assert!(d.slope > 0.0, "the business grows");
    let fc = review::forecast(&s, 12).expect("48 months");
    assert!(fc.backtest_mape.is_some_and(|m| m > 0.0 && m < 0.5));
    // The file's Profit column gives gross profit (cost = sales − profit), exact to the cent.
    assert!(f.has_gross_profit());
    let gp = review::abc(
        &f,
        Dim::Category,
        Measure::GrossProfit,
        None,
        &Filter::all(),
        AbcThresholds::default(),
    );
    let gp: Vec<(String, String)> = gp
        .expect("profit is mapped")
        .members
        .iter()
        .map(|m| (m.id.clone(), m.value.to_decimal_string()))
        .collect();
    assert_eq!(
        gp,
        [
            ("Technology".to_string(), "145454.9481".to_string()),
            ("Office Supplies".to_string(), "122490.8008".to_string()),
            ("Furniture".to_string(), "18451.2728".to_string())
        ]
    );
}

#[test]
fn the_demo_workspace_supports_every_analysis() {
    use sandtable_core::review::{Kpi, ReviewSettings, ScorecardItem, Status};
    let as_of = Date::from_ymd(2026, 11, 22).unwrap_or_default();
    let ws = sandtable_core::demo_workspace(as_of);
    let f = Frame::from_workspace(&ws);
    assert_eq!(f.rows(), ws.summary().rows);
    assert_eq!(f.last_month(), Some(2026 * 12 + 10));
    // Every dimension has members with master-data names, categories from the product master.
    for dim in Dim::ALL {
        let t = review::compare(
            &f,
            dim,
            Measure::Amount,
            Period::year(2025),
            Period::year(2024),
            &Filter::all(),
        );
        let t = t.expect("amount");
        assert!(t.rows.len() >= 2, "{dim:?}");
        assert!(t.growth.is_some());
        assert!(t.rows.iter().all(|r| !r.name.is_empty()));
    }
    let c0 = &ws.customers[0];
    let k = f
        .members(Dim::Customer)
        .key(&c0.id)
        .expect("a master customer");
    assert_eq!(f.members(Dim::Customer).name(k), c0.name);
    let cats = f.members(Dim::Category);
    assert!(ws.products.iter().all(|p| cats.key(&p.category).is_some()));
    // YTD aligned on November 2026.
    let (cur, base) = review::Comparison::YearToDate.periods(Period::year(2026), f.last_month());
    assert_eq!(
        (cur.to_string(), base.to_string()),
        ("2026-01..2026-11".into(), "2025-01..2025-11".into())
    );
    // Drill-down: a region, then its customers.
    let r = f
        .members(Dim::Region)
        .key(&ws.regions[0].id)
        .expect("region");
    let by_customer = review::compare(
        &f,
        Dim::Customer,
        Measure::Amount,
        cur,
        base,
        &Filter::all().and(Dim::Region, r),
    );
    assert!(
        by_customer
            .expect("amount")
            .rows
            .iter()
            .all(|row| f.region_of(row.key) == Some(r))
    );
    // ABC, seasonality and forecast (the month in progress left out), funnel, scorecard.
    let abc = review::abc(
        &f,
        Dim::Customer,
        Measure::Amount,
        Some(Period::year(2025)),
        &Filter::all(),
        AbcThresholds::default(),
    );
    let abc = abc.expect("amount");
    assert!(abc.counts[0] > 0 && abc.counts[2] > 0);
    let s = review::monthly(&f, Measure::Amount, &Filter::all())
        .expect("amount")
        .through(2026 * 12 + 9);
    let fc = review::forecast(&s, 12).expect("four years of months");
    let mean = fc.decomposition.indices.iter().sum::<f64>() / 12.0;
    assert!((mean - 100.0).abs() < 1e-9);
    assert!(
        fc.backtest_mape.is_some_and(|m| m < 0.3),
        "{:?}",
        fc.backtest_mape
    );
    let mut settings = ReviewSettings::default();
    for reg in &ws.regions {
        settings.universe.push(review::RegionUniverse {
            region: reg.id.clone(),
            outlets: 500,
        });
    }
    let u = settings.universe_for(&f, &Filter::all());
    assert_eq!(u, Some(500 * ws.regions.len() as u64));
    let input = FunnelInput {
        universe_current: u,
        universe_base: u,
        ..FunnelInput::default()
    };
    let fun = review::funnel(
        &f,
        Period::year(2025),
        Period::year(2024),
        &Filter::all(),
        &input,
    );
    assert_eq!(fun.problem, None);
    let sum: f64 = fun.effects.iter().map(|e| e.effect).sum();
    assert!((sum - fun.change.to_f64()).abs() < 1e-6 * fun.change.to_f64().abs().max(1.0));
    let items: Vec<ScorecardItem> = Kpi::ALL
        .iter()
        .map(|k| ScorecardItem::new(*k, Money(10_000)))
        .collect();
    let lines = review::scorecard(&f, &items, Period::year(2025), &Filter::all(), u);
    assert_eq!(lines.len(), Kpi::ALL.len());
    let sales = &lines[0];
    assert!(sales.actual.is_some_and(|a| a > 1.0) && sales.status == Status::Green);
    assert_eq!(sales.trend.len(), 12);
    let with_cost = f.has_gross_profit();
    assert_eq!(lines[3].actual.is_some(), with_cost);
}
