//! Tidying master data derived from ledgers: finding customers that are one business under
//! slightly different names (`ABC商贸` and `ABC 商贸`, full-width letters, brackets), and merging
//! them so their ledger rows count as one customer.
//!
//! A merge is an [`Edit`](crate::Edit): its inverse restores the customers and every ledger's
//! customer column exactly, so it can be undone and redone.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Workspace;
use crate::workspace::Customer;

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

/// Groups of customers (ids, in master-data order) whose names have the same [`name_key`].
/// Only groups of two or more; groups ordered by their first member.
pub fn duplicate_customers(ws: &Workspace) -> Vec<Vec<String>> {
    let mut groups: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, c) in ws.customers.iter().enumerate() {
        let key = name_key(&c.name);
        if !key.is_empty() {
            groups.entry(key).or_default().push((i, c.id.clone()));
        }
    }
    let mut out: Vec<Vec<(usize, String)>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort_by_key(|g| g[0].0);
    out.into_iter()
        .map(|g| g.into_iter().map(|(_, id)| id).collect())
        .collect()
}

/// The customers and every ledger's customer column, as they were: what undoing a merge restores.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSnapshot {
    /// The customer master data.
    pub customers: Vec<Customer>,
    /// Per dataset (by id): the customer dictionary and the customer code of every row.
    pub ledgers: Vec<(String, Vec<String>, Vec<u32>)>,
}

/// Takes a snapshot of the customers and the ledgers' customer columns.
pub fn snapshot_customers(ws: &Workspace) -> CustomerSnapshot {
    CustomerSnapshot {
        customers: ws.customers.clone(),
        ledgers: ws
            .datasets
            .iter()
            .map(|d| {
                (
                    d.id.clone(),
                    d.ledger.customers.clone(),
                    d.ledger.customer.clone(),
                )
            })
            .collect(),
    }
}

/// Puts a snapshot back. Datasets the snapshot does not know keep their columns.
pub fn restore_customers(ws: &mut Workspace, snapshot: &CustomerSnapshot) {
    ws.customers = snapshot.customers.clone();
    for (id, dictionary, codes) in &snapshot.ledgers {
        if let Some(d) = ws.datasets.iter_mut().find(|d| &d.id == id)
            && d.ledger.customer.len() == codes.len()
        {
            d.ledger.customers = dictionary.clone();
            d.ledger.customer = codes.clone();
        }
    }
}

/// Merges the customers `others` into `keep`: their ledger rows now belong to `keep` and they
/// leave master data. Ids not in master data are merged in the ledgers all the same.
pub fn merge_customers(ws: &mut Workspace, keep: &str, others: &[String]) {
    let merged = |id: &str| others.iter().any(|o| o == id) && id != keep;
    ws.customers.retain(|c| !merged(&c.id));
    for d in &mut ws.datasets {
        let l = &mut d.ledger;
        if !l.customers.iter().any(|id| merged(id)) {
            continue;
        }
        // New dictionary: every id once, merged ids replaced by `keep`.
        let mut dictionary: Vec<String> = Vec::with_capacity(l.customers.len());
        let mut index: BTreeMap<String, u32> = BTreeMap::new();
        let remap: Vec<u32> = l
            .customers
            .iter()
            .map(|id| {
                let target = if merged(id) { keep } else { id.as_str() };
                *index.entry(target.to_string()).or_insert_with(|| {
                    dictionary.push(target.to_string());
                    (dictionary.len() - 1) as u32
                })
            })
            .collect();
        for code in &mut l.customer {
            if let Some(&new) = remap.get(*code as usize) {
                *code = new;
            }
        }
        l.customers = dictionary;
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
        merge_customers(&mut ws, &keep, &["C9999".to_string()]);
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
        let snap = snapshot_customers(&ws);
        let keep = ws.customers[0].id.clone();
        merge_customers(&mut ws, &keep, &["C9999".to_string()]);
        assert_ne!(ws, original);
        restore_customers(&mut ws, &snap);
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
            &crate::Edit::MergeCustomers {
                keep: keep.clone(),
                others: vec!["C9999".into()],
            },
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
            &crate::Edit::MergeCustomers {
                keep,
                others: vec!["NOPE".into()],
            },
        );
        assert!(e.is_err());
        assert_eq!(ws, original);
    }
}
