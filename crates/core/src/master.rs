//! Tidying master data derived from ledgers: finding customers (or products) that are one
//! record under slightly different names (`ABC商贸` and `ABC 商贸`, full-width letters,
//! brackets), and merging them so their ledger rows count as one.
//!
//! Customers and products share one implementation, generic over [`MasterKind`]: which master
//! list and which ledger key column a merge works on.
//!
//! A merge is an [`Edit`](crate::Edit): its inverse restores the master list and every ledger's
//! key column exactly, so it can be undone and redone.

mod edit;

pub use edit::MasterEdit;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::issue::Entity;
use crate::workspace::{Customer, Product};
use crate::{Ledger, Workspace};

/// A name reduced to what tells businesses apart: no white space (including the full-width
/// space), full-width letters and digits as ASCII, brackets unified, letters in lower case.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| match c {
            '【' | '[' | '{' => '(',
            '】' | ']' | '}' => ')',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A kind of master record that ledger rows refer to by id: its list in the workspace and its
/// key column (dictionary of ids, one code per row) in a ledger.
pub trait MasterKind {
    /// The master record.
    type Record: Clone;
    /// What the record is, for messages.
    const ENTITY: Entity;
    /// The master list.
    fn records(ws: &Workspace) -> &Vec<Self::Record>;
    /// The master list, to change.
    fn records_mut(ws: &mut Workspace) -> &mut Vec<Self::Record>;
    /// A record's id.
    fn id(r: &Self::Record) -> &str;
    /// A record's name.
    fn name(r: &Self::Record) -> &str;
    /// A ledger's dictionary of ids and per-row codes for this kind.
    fn column(l: &Ledger) -> (&Vec<String>, &Vec<u32>);
    /// The same, to change.
    fn column_mut(l: &mut Ledger) -> (&mut Vec<String>, &mut Vec<u32>);
}

/// Customers: `Workspace::customers` and the ledgers' customer column.
pub struct Customers;

/// Products: `Workspace::products` and the ledgers' product column.
pub struct Products;

impl MasterKind for Customers {
    type Record = Customer;
    const ENTITY: Entity = Entity::Customer;
    fn records(ws: &Workspace) -> &Vec<Customer> {
        &ws.customers
    }
    fn records_mut(ws: &mut Workspace) -> &mut Vec<Customer> {
        &mut ws.customers
    }
    fn id(r: &Customer) -> &str {
        &r.id
    }
    fn name(r: &Customer) -> &str {
        &r.name
    }
    fn column(l: &Ledger) -> (&Vec<String>, &Vec<u32>) {
        (&l.customers, &l.customer)
    }
    fn column_mut(l: &mut Ledger) -> (&mut Vec<String>, &mut Vec<u32>) {
        (&mut l.customers, &mut l.customer)
    }
}

impl MasterKind for Products {
    type Record = Product;
    const ENTITY: Entity = Entity::Product;
    fn records(ws: &Workspace) -> &Vec<Product> {
        &ws.products
    }
    fn records_mut(ws: &mut Workspace) -> &mut Vec<Product> {
        &mut ws.products
    }
    fn id(r: &Product) -> &str {
        &r.id
    }
    fn name(r: &Product) -> &str {
        &r.name
    }
    fn column(l: &Ledger) -> (&Vec<String>, &Vec<u32>) {
        (&l.products, &l.product)
    }
    fn column_mut(l: &mut Ledger) -> (&mut Vec<String>, &mut Vec<u32>) {
        (&mut l.products, &mut l.product)
    }
}

/// Groups of records (ids, in master-data order) whose names have the same [`name_key`].
/// Only groups of two or more; groups ordered by their first member.
pub fn duplicates<K: MasterKind>(ws: &Workspace) -> Vec<Vec<String>> {
    let mut groups: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, r) in K::records(ws).iter().enumerate() {
        let key = name_key(K::name(r));
        if !key.is_empty() {
            groups
                .entry(key)
                .or_default()
                .push((i, K::id(r).to_string()));
        }
    }
    let mut out: Vec<Vec<(usize, String)>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort_by_key(|g| g[0].0);
    out.into_iter()
        .map(|g| g.into_iter().map(|(_, id)| id).collect())
        .collect()
}

/// Groups of customers that look like one business (see [`duplicates`]).
pub fn duplicate_customers(ws: &Workspace) -> Vec<Vec<String>> {
    duplicates::<Customers>(ws)
}

/// Groups of products that look like one product (see [`duplicates`]).
pub fn duplicate_products(ws: &Workspace) -> Vec<Vec<String>> {
    duplicates::<Products>(ws)
}

/// A master list and every ledger's key column for it, as they were: what undoing a merge
/// restores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot<R> {
    /// The master records.
    #[serde(alias = "customers")]
    pub records: Vec<R>,
    /// Per dataset (by id): the dictionary of ids and the code of every row.
    pub ledgers: Vec<(String, Vec<String>, Vec<u32>)>,
}

impl<R> Default for Snapshot<R> {
    fn default() -> Self {
        Snapshot {
            records: Vec::new(),
            ledgers: Vec::new(),
        }
    }
}

/// The customers and the ledgers' customer columns.
pub type CustomerSnapshot = Snapshot<Customer>;

/// The products and the ledgers' product columns.
pub type ProductSnapshot = Snapshot<Product>;

/// Takes a snapshot of one kind's master list and the ledgers' key columns for it.
pub fn snapshot<K: MasterKind>(ws: &Workspace) -> Snapshot<K::Record> {
    Snapshot {
        records: K::records(ws).clone(),
        ledgers: ws
            .datasets
            .iter()
            .map(|d| {
                let (dictionary, codes) = K::column(&d.ledger);
                (d.id.clone(), dictionary.clone(), codes.clone())
            })
            .collect(),
    }
}

/// Puts a snapshot back. Datasets the snapshot does not know, or whose row count changed, keep
/// their columns.
pub fn restore<K: MasterKind>(ws: &mut Workspace, snapshot: &Snapshot<K::Record>) {
    *K::records_mut(ws) = snapshot.records.clone();
    for (id, dictionary, codes) in &snapshot.ledgers {
        if let Some(d) = ws.datasets.iter_mut().find(|d| &d.id == id) {
            let (dict, column) = K::column_mut(&mut d.ledger);
            if column.len() == codes.len() {
                *dict = dictionary.clone();
                *column = codes.clone();
            }
        }
    }
}

/// Whether `keep` and every one of `others` are in master data; the first unknown id if not.
pub fn unknown_in_merge<'a, K: MasterKind>(
    ws: &Workspace,
    keep: &'a str,
    others: &'a [String],
) -> Option<&'a str> {
    let known = |id: &str| K::records(ws).iter().any(|r| K::id(r) == id);
    std::iter::once(keep)
        .chain(others.iter().map(String::as_str))
        .find(|id| !known(id))
}

/// Merges the records `others` into `keep`: their ledger rows now belong to `keep` and they
/// leave master data. Ids not in master data are merged in the ledgers all the same.
pub fn merge<K: MasterKind>(ws: &mut Workspace, keep: &str, others: &[String]) {
    let merged = |id: &str| others.iter().any(|o| o == id) && id != keep;
    K::records_mut(ws).retain(|r| !merged(K::id(r)));
    for d in &mut ws.datasets {
        let (ids, codes) = K::column_mut(&mut d.ledger);
        if !ids.iter().any(|id| merged(id)) {
            continue;
        }
        // New dictionary: every id once, merged ids replaced by `keep`.
        let mut dictionary: Vec<String> = Vec::with_capacity(ids.len());
        let mut index: BTreeMap<String, u32> = BTreeMap::new();
        let remap: Vec<u32> = ids
            .iter()
            .map(|id| {
                let target = if merged(id) { keep } else { id.as_str() };
                *index.entry(target.to_string()).or_insert_with(|| {
                    dictionary.push(target.to_string());
                    (dictionary.len() - 1) as u32
                })
            })
            .collect();
        for code in codes.iter_mut() {
            if let Some(&new) = remap.get(*code as usize) {
                *code = new;
            }
        }
        *ids = dictionary;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, LedgerBuilder, Money, Row, demo_workspace};

    #[test]
    fn names_that_differ_only_in_spacing_width_and_brackets_share_a_key() {
        assert_eq!(name_key("ABC商贸"), name_key("ABC 商贸"));
        assert_eq!(name_key("ＡＢＣ　商贸"), name_key("abc商贸"));
        assert_eq!(name_key("永辉超市（福州店）"), name_key("永辉超市(福州店)"));
        assert_ne!(name_key("ABC商贸"), name_key("ABD商贸"));
    }

    fn workspace_with_duplicates() -> Workspace {
        let mut ws = demo_workspace(Date::from_ymd(2026, 11, 22).expect("date"));
        let mut twin = ws.customers[0].clone();
        twin.id = "C9999".into();
        twin.name = format!(" {} ", ws.customers[0].name.replace("", " ").trim());
        ws.customers.push(twin);
        let mut b = LedgerBuilder::new();
        for day in 1..=3 {
            b.push_row(&Row {
                date: Date::from_ymd(2026, 11, day).expect("date"),
                customer: "C9999",
                product: &ws.products[0].id.clone(),
                region: &ws.regions[0].id.clone(),
                salesperson: &ws.salespeople[0].id.clone(),
                channel: "distributor",
                quantity: Money::from_units(1).expect("qty"),
                amount: Money::from_units(100).expect("amount"),
                cost: None,
                order_id: "X",
            });
        }
        ws.datasets.push(crate::Dataset {
            id: "extra".into(),
            name: "extra".into(),
            source: "test".into(),
            ledger: b.finish(),
        });
        ws
    }

    fn customer_total(ws: &Workspace, id: &str) -> Money {
        ws.datasets
            .iter()
            .flat_map(|d| {
                d.ledger
                    .customer
                    .iter()
                    .zip(&d.ledger.amount)
                    .filter(|(c, _)| d.ledger.customers[**c as usize] == id)
                    .map(|(_, a)| *a)
            })
            .sum()
    }

    #[test]
    fn duplicates_are_found_and_merging_keeps_every_row_and_the_total() {
        let mut ws = workspace_with_duplicates();
        let keep = ws.customers[0].id.clone();
        let groups = duplicate_customers(&ws);
        assert_eq!(groups, vec![vec![keep.clone(), "C9999".to_string()]]);
        let before_total: Money = ws.datasets.iter().map(|d| d.ledger.total_amount()).sum();
        let before_rows: usize = ws.datasets.iter().map(|d| d.ledger.rows()).sum();
        let expected = customer_total(&ws, &keep).saturating_add(customer_total(&ws, "C9999"));
        merge::<Customers>(&mut ws, &keep, &["C9999".to_string()]);
        assert!(ws.customer("C9999").is_none());
        assert_eq!(customer_total(&ws, &keep), expected);
        assert_eq!(customer_total(&ws, "C9999"), Money::ZERO);
        assert_eq!(
            ws.datasets.iter().map(|d| d.ledger.rows()).sum::<usize>(),
            before_rows
        );
        assert_eq!(
            ws.datasets
                .iter()
                .map(|d| d.ledger.total_amount())
                .sum::<Money>(),
            before_total
        );
        assert!(crate::validate(&ws).iter().all(|i| !i.is_error()));
        assert!(duplicate_customers(&ws).is_empty());
    }

    #[test]
    fn a_snapshot_restores_the_workspace_exactly() {
        let mut ws = workspace_with_duplicates();
        let original = ws.clone();
        let snap = snapshot::<Customers>(&ws);
        let keep = ws.customers[0].id.clone();
        merge::<Customers>(&mut ws, &keep, &["C9999".to_string()]);
        assert_ne!(ws, original);
        restore::<Customers>(&mut ws, &snap);
        assert_eq!(ws, original);
    }

    #[test]
    fn a_merge_is_undone_and_redone_through_the_history() {
        let mut ws = workspace_with_duplicates();
        let original = ws.clone();
        let keep = ws.customers[0].id.clone();
        let mut h = crate::History::new(10);
        h.apply(
            &mut ws,
            &crate::Edit::Master(MasterEdit::MergeCustomers {
                keep: keep.clone(),
                others: vec!["C9999".into()],
            }),
        )
        .expect("merged");
        let merged = ws.clone();
        assert!(h.undo(&mut ws));
        assert_eq!(ws, original);
        assert!(h.redo(&mut ws));
        assert_eq!(ws, merged);
    }

    #[test]
    fn merging_an_unknown_customer_changes_nothing() {
        let mut ws = workspace_with_duplicates();
        let original = ws.clone();
        let keep = ws.customers[0].id.clone();
        let e = crate::apply(
            &mut ws,
            &crate::Edit::Master(MasterEdit::MergeCustomers {
                keep,
                others: vec!["NOPE".into()],
            }),
        );
        assert!(e.is_err());
        assert_eq!(ws, original);
    }

    /// Two products 「冰爽柠檬茶 500ml」 (P1) and 「冰爽柠檬茶500ML」 (P2), a third 「绿茶」 (P3);
    /// ledger rows: P1 100, P2 200, P2 50, P3 7.
    fn workspace_with_duplicate_products() -> Workspace {
        let mut ws = Workspace::default();
        for (id, name) in [
            ("P1", "冰爽柠檬茶 500ml"),
            ("P2", "冰爽柠檬茶500ML"),
            ("P3", "绿茶"),
        ] {
            ws.products.push(Product {
                id: id.into(),
                name: name.into(),
                category: "饮料".into(),
                price: None,
                launched: None,
            });
        }
        let mut b = LedgerBuilder::new();
        for (day, product, amount) in [(1, "P1", 100), (2, "P2", 200), (3, "P2", 50), (4, "P3", 7)]
        {
            b.push_row(&Row {
                date: Date::from_ymd(2026, 10, day).expect("date"),
                customer: "K1",
                product,
                region: "R1",
                salesperson: "S1",
                channel: "distributor",
                quantity: Money::from_units(1).expect("qty"),
                amount: Money::from_units(amount).expect("amount"),
                cost: None,
                order_id: "X",
            });
        }
        ws.datasets.push(crate::Dataset {
            id: "d".into(),
            name: "d".into(),
            source: "test".into(),
            ledger: b.finish(),
        });
        ws
    }

    fn product_totals(ws: &Workspace) -> Vec<(String, Money)> {
        let mut t: BTreeMap<String, Money> = BTreeMap::new();
        for d in &ws.datasets {
            for (p, a) in d.ledger.product.iter().zip(&d.ledger.amount) {
                let e = t
                    .entry(d.ledger.products[*p as usize].clone())
                    .or_insert(Money::ZERO);
                *e = e.saturating_add(*a);
            }
        }
        t.into_iter().collect()
    }

    #[test]
    fn duplicate_products_are_merged_with_their_sales_and_the_merge_undone() {
        let mut ws = workspace_with_duplicate_products();
        assert_eq!(
            duplicate_products(&ws),
            vec![vec!["P1".to_string(), "P2".to_string()]]
        );
        assert!(duplicate_customers(&ws).is_empty());
        let original = ws.clone();
        let mut h = crate::History::new(10);
        h.apply(
            &mut ws,
            &crate::Edit::Master(MasterEdit::MergeProducts {
                keep: "P2".into(),
                others: vec!["P1".into()],
            }),
        )
        .expect("merged");
        let ids: Vec<&str> = ws.products.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["P2", "P3"]);
        // P2 now has 100 + 200 + 50; P3 keeps 7; the customer column is untouched.
        let m = |n| Money::from_units(n).expect("money");
        assert_eq!(
            product_totals(&ws),
            vec![("P2".to_string(), m(350)), ("P3".to_string(), m(7))]
        );
        assert_eq!(ws.datasets[0].ledger.products, ["P2", "P3"]);
        assert_eq!(
            ws.datasets[0].ledger.customer,
            original.datasets[0].ledger.customer
        );
        assert!(duplicate_products(&ws).is_empty());
        assert!(h.undo(&mut ws));
        assert_eq!(ws, original);
        assert!(h.redo(&mut ws));
        assert_eq!(product_totals(&ws)[0].1, m(350));
    }

    #[test]
    fn merging_an_unknown_product_changes_nothing() {
        let mut ws = workspace_with_duplicate_products();
        let original = ws.clone();
        let e = crate::apply(
            &mut ws,
            &crate::Edit::Master(MasterEdit::MergeProducts {
                keep: "P1".into(),
                others: vec!["P9".into()],
            }),
        );
        assert_eq!(
            e,
            Err(crate::EditError::UnknownId {
                what: Entity::Product,
                id: "P9".into()
            })
        );
        assert_eq!(ws, original);
    }

    #[test]
    fn a_customer_snapshot_in_the_old_field_name_still_reads() {
        let s: CustomerSnapshot =
            serde_json::from_str(r#"{"customers":[],"ledgers":[["d",["K1"],[0,0]]]}"#)
                .expect("reads");
        assert_eq!(s.ledgers[0].2, [0, 0]);
    }
}
