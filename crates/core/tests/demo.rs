//! The demo workspace's promises: deterministic, realistic and clean.

use sandtable_core::{
    Date, Ledger, Workspace, demo::DEMO_LAUNCHED_PRODUCT, demo_workspace, validate,
    workspace_to_json,
};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

fn day(text: &str) -> Date {
    Date::parse_iso(text).unwrap_or_else(|| panic!("bad date {text}"))
}

fn demo() -> &'static Workspace {
    static DEMO: OnceLock<Workspace> = OnceLock::new();
    DEMO.get_or_init(|| demo_workspace(day("2026-11-22")))
}

fn ledger(ws: &Workspace) -> &Ledger {
    &ws.datasets[0].ledger
}

#[test]
fn the_same_day_gives_byte_identical_files() {
    let again = demo_workspace(day("2026-11-22"));
    assert_eq!(workspace_to_json(&again), workspace_to_json(demo()));
    assert_ne!(demo_workspace(day("2026-11-23")), again);
}

#[test]
fn it_covers_three_full_years_and_the_year_to_date() {
    for (as_of, first) in [
        ("2026-11-22", "2023-01-01"),
        ("2026-01-05", "2023-01-01"),
        ("2025-12-31", "2022-01-01"),
    ] {
        let ws = demo_workspace(day(as_of));
        let l = ledger(&ws);
        assert_eq!(
            l.date_range(),
            Some((day(first), day(as_of))),
            "as of {as_of}"
        );
        assert!(
            (80_000..=150_000).contains(&l.rows()),
            "as of {as_of}: {} rows",
            l.rows()
        );
        assert!(l.check().is_empty());
    }
}

#[test]
fn it_is_valid_and_its_file_is_small_enough() {
    let ws = demo();
    assert_eq!(validate(ws), []);
    assert!(workspace_to_json(ws).len() < 8_000_000);
    assert_eq!(ws.id, "demo");
    assert_eq!(ws.created, "2026-11-22T00:00:00Z");
    assert_eq!(ws.modified, ws.created);
}

#[test]
fn master_data_has_the_promised_shape() {
    let ws = demo();
    assert_eq!(
        ws.regions
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["华东", "华南", "华北", "华中", "西南"]
    );
    assert_eq!(ws.regions[0].id, "R01");
    assert_eq!(ws.salespeople.len(), 8);
    assert_eq!(ws.customers.len(), 150);
    assert_eq!(ws.customers[0].id, "C0001");
    assert_eq!(ws.products.len(), 40);
    let categories: HashSet<&str> = ws.products.iter().map(|p| p.category.as_str()).collect();
    assert_eq!(categories.len(), 5);
    assert!(ws.products.iter().all(|p| p.price.is_some_and(|m| m.0 > 0)));
    let names: HashSet<&str> = ws.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 150, "customer names are unique");
    assert!(ws.customers.iter().all(|c| {
        c.name
            .chars()
            .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
    }));
    let kinds: HashSet<_> = ws.customers.iter().map(|c| c.kind).collect();
    assert_eq!(kinds.len(), 4);
}

#[test]
fn the_launched_product_has_no_sales_before_its_launch() {
    let ws = demo();
    let product = ws
        .products
        .iter()
        .find(|p| p.id == DEMO_LAUNCHED_PRODUCT)
        .expect("launched product");
    let launched = product.launched.expect("launch date");
    assert_eq!(
        ws.products.iter().filter(|p| p.launched.is_some()).count(),
        1
    );
    let l = ledger(ws);
    let code = l
        .products
        .iter()
        .position(|p| p == DEMO_LAUNCHED_PRODUCT)
        .expect("in ledger") as u32;
    let dates: Vec<Date> = l
        .product
        .iter()
        .zip(&l.date)
        .filter(|(p, _)| **p == code)
        .map(|(_, d)| *d)
        .collect();
    assert!(dates.len() > 100, "it sells after launch");
    assert!(dates.iter().all(|d| *d >= launched));
    let (first, last) = l.date_range().expect("rows");
    assert!(
        launched > first.add_days(365) && launched < last.add_days(-180),
        "launched mid-period"
    );
}

#[test]
fn exactly_one_customer_is_lost_in_the_last_year() {
    let l = ledger(demo());
    let as_of = day("2026-11-22");
    let mut last_sale: HashMap<u32, Date> = HashMap::new();
    for (c, d) in l.customer.iter().zip(&l.date) {
        let e = last_sale.entry(*c).or_insert(*d);
        *e = (*e).max(*d);
    }
    assert_eq!(last_sale.len(), 150, "every customer bought something");
    let lost: Vec<Date> = last_sale
        .values()
        .copied()
        .filter(|d| *d < as_of.add_days(-120))
        .collect();
    assert_eq!(lost.len(), 1, "one lost customer");
    assert!(lost[0] > as_of.add_days(-365), "lost within the last year");
}

#[test]
fn the_top_fifth_of_customers_make_most_of_the_sales() {
    let l = ledger(demo());
    let mut by_customer: HashMap<u32, i64> = HashMap::new();
    for (c, a) in l.customer.iter().zip(&l.amount) {
        *by_customer.entry(*c).or_default() += a.0;
    }
    let mut values: Vec<i64> = by_customer.into_values().collect();
    values.sort_unstable_by(|a, b| b.cmp(a));
    let total: i64 = values.iter().sum();
    let top: i64 = values.iter().take(values.len() / 5).sum();
    let share = top as f64 / total as f64;
    assert!((0.70..=0.85).contains(&share), "top 20% share {share}");
}

#[test]
fn returns_costs_and_margins_are_realistic() {
    let ws = demo();
    let l = ledger(ws);
    let cost = l.cost.as_ref().expect("cost on every row");
    let returns = l.amount.iter().filter(|a| a.0 < 0).count() as f64 / l.rows() as f64;
    assert!((0.005..=0.02).contains(&returns), "returns {returns}");
    let mut by_category: HashMap<&str, (i64, i64)> = HashMap::new();
    for ((p, a), c) in l.product.iter().zip(&l.amount).zip(cost) {
        let category = ws.products[*p as usize].category.as_str();
        let e = by_category.entry(category).or_default();
        e.0 += a.0;
        e.1 += c.0;
    }
    let margins: Vec<f64> = by_category
        .values()
        .map(|(a, c)| (a - c) as f64 / *a as f64)
        .collect();
    assert!(
        margins.iter().all(|m| (0.15..=0.40).contains(m)),
        "{margins:?}"
    );
    let spread =
        margins.iter().cloned().fold(0.0, f64::max) - margins.iter().cloned().fold(1.0, f64::min);
    assert!(spread > 0.05, "margins differ by category: {margins:?}");
}

#[test]
fn an_order_belongs_to_one_customer_on_one_day() {
    let l = ledger(demo());
    let mut owner: HashMap<u32, (u32, Date)> = HashMap::new();
    for ((o, c), d) in l.order_id.iter().zip(&l.customer).zip(&l.date) {
        assert_eq!(*owner.entry(*o).or_insert((*c, *d)), (*c, *d));
    }
    assert!(
        l.orders
            .iter()
            .all(|o| o.starts_with("SO") || o.starts_with("RT"))
    );
    assert_eq!(l.orders.get(0).map(str::len), Some("SO20230101-0001".len()));
    assert!(l.orders.len() * 2 < l.rows(), "orders have several lines");
}

/// Sum of amounts per (year, month) for rows matching `keep`.
fn monthly(ws: &Workspace, keep: impl Fn(usize) -> bool) -> HashMap<(i32, u32), i64> {
    let l = ledger(ws);
    let mut out = HashMap::new();
    for (i, (d, a)) in l.date.iter().zip(&l.amount).enumerate() {
        if keep(i) {
            *out.entry((d.year(), d.month())).or_default() += a.0;
        }
    }
    out
}

#[test]
fn seasons_trends_weekends_and_the_spring_festival_show() {
    let ws = demo();
    let l = ledger(ws);
    let category =
        |name: &'static str| move |i: usize| ws.products[l.product[i] as usize].category == name;
    let drinks = monthly(ws, category("饮料"));
    for year in 2023..=2026 {
        assert!(
            drinks[&(year, 7)] > drinks[&(year, 1)] * 3 / 2,
            "beverages peak in summer {year}"
        );
    }
    let year_total = |m: &HashMap<(i32, u32), i64>, y: i32| {
        (1..=12)
            .map(|mo| m.get(&(y, mo)).copied().unwrap_or(0))
            .sum::<i64>()
    };
    let dairy = monthly(ws, category("乳品"));
    assert!(
        year_total(&dairy, 2025) > year_total(&dairy, 2023) * 11 / 10,
        "dairy grows"
    );
    let sauces = monthly(ws, category("调味品"));
    assert!(
        year_total(&sauces, 2025) < year_total(&sauces, 2023) * 95 / 100,
        "condiments decline"
    );

    let (mut weekend, mut weekday) = ((0i64, 0i64), (0i64, 0i64));
    let mut daily: HashMap<Date, i64> = HashMap::new();
    for (d, a) in l.date.iter().zip(&l.amount) {
        *daily.entry(*d).or_default() += a.0;
    }
    for (d, a) in &daily {
        let slot = if d.is_weekend() {
            &mut weekend
        } else {
            &mut weekday
        };
        slot.0 += a;
        slot.1 += 1;
    }
    assert!(
        weekend.0 / weekend.1 < weekday.0 / weekday.1 * 2 / 3,
        "weekends are lighter"
    );

    // 2024's Spring Festival was on 10 February: the holiday week sells far less than the
    // weeks before it.
    let week = |from: &str| {
        (0..7)
            .map(|k| daily.get(&day(from).add_days(k)).copied().unwrap_or(0))
            .sum::<i64>()
    };
    assert!(
        week("2024-02-09") * 3 < week("2024-01-19"),
        "Spring Festival dip"
    );
}

/// The demo must be the same everywhere (native and wasm, today and tomorrow): any change to
/// the generator shows up here and must be made on purpose. The browser's tests can compare
/// against the same number.
#[test]
fn the_demo_file_is_pinned() {
    let json = workspace_to_json(demo());
    assert_eq!(
        (json.len(), sandtable_core::chunk::fnv1a64(json.as_bytes())),
        (5_914_017, 17_415_694_187_189_150_133)
    );
}
