//! Merging duplicate customers or products: totals kept, and the inverse gives back the
//! identical workspace.

use proptest::prelude::*;
use sandtable_core::MasterEdit;
use sandtable_core::{
    Customer, CustomerKind, Dataset, Date, Edit, LedgerBuilder, Money, Product, Row, Workspace,
    apply,
};

const NAMES: [&str; 4] = ["ABC商贸", "ABC 商贸", "ＡＢＣ商贸", "绿茶"];

/// Four customers and four products with names drawn from `NAMES`, and datasets of rows
/// `(customer index, product index, amount in units)`.
fn workspace(names: &[usize], datasets: &[Vec<(usize, usize, i64)>]) -> Workspace {
    let mut ws = Workspace::default();
    for (i, n) in names.iter().enumerate() {
        ws.customers.push(Customer {
            id: format!("C{i}"),
            name: NAMES[*n].into(),
            region: "R1".into(),
            kind: CustomerKind::Distributor,
            tier: None,
        });
        ws.products.push(Product {
            id: format!("P{i}"),
            name: NAMES[(*n + i) % NAMES.len()].into(),
            category: "饮料".into(),
            price: None,
            launched: None,
        });
    }
    for (k, rows) in datasets.iter().enumerate() {
        let mut b = LedgerBuilder::new();
        for (day, (c, p, amount)) in rows.iter().enumerate() {
            b.push_row(&Row {
                date: Date::from_ymd(2026, 1, 1 + (day % 28) as u32).expect("date"),
                customer: &format!("C{c}"),
                product: &format!("P{p}"),
                region: "R1",
                salesperson: "S1",
                channel: "distributor",
                quantity: Money::from_units(1).expect("qty"),
                amount: Money::from_units(*amount).expect("amount"),
                cost: None,
                order_id: "X",
            });
        }
        ws.datasets.push(Dataset {
            id: format!("d{k}"),
            name: format!("d{k}"),
            source: "test".into(),
            ledger: b.finish(),
        });
    }
    ws
}

/// Sales per (customer id, product id) — the key a merge rewrites mapped through `map`.
fn totals(
    ws: &Workspace,
    map: impl Fn(&str, &str) -> (String, String),
) -> Vec<((String, String), Money)> {
    let mut t = std::collections::BTreeMap::new();
    for d in &ws.datasets {
        let l = &d.ledger;
        for i in 0..l.rows() {
            let key = map(
                &l.customers[l.customer[i] as usize],
                &l.products[l.product[i] as usize],
            );
            let e = t.entry(key).or_insert(Money::ZERO);
            *e = e.saturating_add(l.amount[i]);
        }
    }
    t.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_merge_keeps_totals_and_its_inverse_restores_the_workspace(
        names in proptest::collection::vec(0..NAMES.len(), 4),
        datasets in proptest::collection::vec(
            proptest::collection::vec((0..4usize, 0..4usize, 1..1000i64), 0..30), 0..3),
        products in any::<bool>(),
        keep in 0..4usize,
        others in proptest::collection::btree_set(0..4usize, 0..4),
    ) {
        let original = workspace(&names, &datasets);
        let mut ws = original.clone();
        let prefix = if products { "P" } else { "C" };
        let keep_id = format!("{prefix}{keep}");
        let others: Vec<String> = others.iter().map(|o| format!("{prefix}{o}")).collect();
        let edit = if products {
            Edit::Master(MasterEdit::MergeProducts { keep: keep_id.clone(), others: others.clone() })
        } else {
            Edit::Master(MasterEdit::MergeCustomers { keep: keep_id.clone(), others: others.clone() })
        };
        let inverse = apply(&mut ws, &edit).expect("every id exists");
        let rows = |w: &Workspace| w.datasets.iter().map(|d| d.ledger.rows()).collect::<Vec<_>>();
        prop_assert_eq!(rows(&ws), rows(&original));
        let to_keep = |id: &str| if others.iter().any(|o| o == id) { keep_id.clone() } else { id.to_string() };
        let expected = totals(&original, |c, p| if products {
            (c.to_string(), to_keep(p))
        } else {
            (to_keep(c), p.to_string())
        });
        prop_assert_eq!(totals(&ws, |c, p| (c.to_string(), p.to_string())), expected);
        let listed = if products { ws.products.len() } else { ws.customers.len() };
        prop_assert_eq!(listed, 4 - others.iter().filter(|o| **o != keep_id).count());
        prop_assert!(sandtable_core::validate(&ws).iter().all(|i| !i.is_error()));
        apply(&mut ws, &inverse).expect("inverse applies");
        prop_assert_eq!(&ws, &original);
    }
}
