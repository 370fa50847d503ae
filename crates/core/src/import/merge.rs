//! Adding an imported ledger to a workspace, with the re-import rules: rows are compared by
//! content, as a multiset. For every distinct row, only the copies beyond those the workspace
//! already holds are added — so importing the same file twice adds nothing, and a file that
//! overlaps an earlier one adds only its new rows (including genuinely repeated lines).

use super::Imported;
use crate::workspace::{Dataset, Region, Workspace};
use crate::{Lang, Ledger, LedgerBuilder, format_count};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// What [`add_to_workspace`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AddReport {
    /// Rows added.
    pub added: usize,
    /// Rows skipped because the workspace already had them.
    pub duplicates: usize,
    /// The dataset created (`None` when nothing was added).
    pub dataset_id: Option<String>,
    /// Master records created for ids the workspace did not know.
    pub new_customers: usize,
    /// See `new_customers`.
    pub new_products: usize,
    /// See `new_customers`.
    pub new_regions: usize,
    /// See `new_customers`.
    pub new_salespeople: usize,
}

impl AddReport {
    /// "已添加 12 行，跳过 3 行重复数据。" / "Added 12 rows; skipped 3 rows already in the workspace."
    pub fn message(&self, lang: Lang) -> String {
        let count = |n: usize| format_count(n as u64, lang);
        let skipped = count(self.duplicates);
        match (self.added, lang) {
            (0, Lang::Zh) => {
                format!("没有新数据：文件中的 {skipped} 行都已在工作区中，未添加任何行。")
            }
            (0, Lang::En) => format!(
                "Nothing new: all {skipped} rows of the file are already in the workspace; no rows were added."
            ),
            (n, Lang::Zh) => format!("已添加 {} 行，跳过 {skipped} 行已有的数据。", count(n)),
            (n, Lang::En) => format!(
                "Added {} rows; skipped {skipped} rows already in the workspace.",
                count(n)
            ),
        }
    }
}

/// A 128-bit content fingerprint of one ledger row.
fn fingerprint(l: &Ledger, i: usize) -> Option<(u64, u64)> {
    let fields = l.row(i)?;
    let mut a = DefaultHasher::new();
    0xA5u8.hash(&mut a);
    fields.hash(&mut a);
    let mut b = DefaultHasher::new();
    0x5Au8.hash(&mut b);
    fields.hash(&mut b);
    Some((a.finish(), b.finish()))
}

/// Adds the rows the workspace does not hold yet as a new dataset named `dataset_name`, and
/// master data for customers, products, regions and salespeople it does not know.
pub fn add_to_workspace(
    ws: &mut Workspace,
    mut imported: Imported,
    dataset_name: &str,
) -> AddReport {
    let mut held: HashMap<(u64, u64), u32> = HashMap::new();
    for d in &ws.datasets {
        for i in 0..d.ledger.rows() {
            if let Some(f) = fingerprint(&d.ledger, i) {
                *held.entry(f).or_insert(0) += 1;
            }
        }
    }
    let mut report = AddReport::default();
    // Which rows the workspace holds already (none when it holds nothing: no fingerprints).
    let rows = imported.ledger.rows();
    let fresh: Vec<bool> = if held.is_empty() {
        vec![true; rows]
    } else {
        (0..rows)
            .map(
                |i| match fingerprint(&imported.ledger, i).and_then(|f| held.get_mut(&f)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                },
            )
            .collect()
    };
    report.added = fresh.iter().filter(|f| **f).count();
    report.duplicates = fresh.len() - report.added;
    if report.added == 0 {
        return report;
    }
    let ledger = if report.duplicates == 0 {
        // Every row is new: the import's ledger is the dataset as it is (its dictionaries
        // hold the ids its rows use, in order of first use, as a builder's would).
        std::mem::take(&mut imported.ledger)
    } else {
        let l = &imported.ledger;
        let mut builder = LedgerBuilder::new();
        for row in (0..l.rows()).filter(|i| fresh[*i]).filter_map(|i| l.row(i)) {
            builder.push_row(&row);
        }
        builder.finish()
    };
    // Master data for ids used by the added rows and not yet known.
    let used = |dict: &[String]| -> HashSet<String> { dict.iter().cloned().collect() };
    let (customers, products, regions, salespeople) = (
        used(&ledger.customers),
        used(&ledger.products),
        used(&ledger.regions),
        used(&ledger.salespeople),
    );
    for c in imported.customers {
        if customers.contains(&c.id) && ws.customer(&c.id).is_none() {
            ws.customers.push(c);
            report.new_customers += 1;
        }
    }
    for p in imported.products {
        if products.contains(&p.id) && ws.product(&p.id).is_none() {
            ws.products.push(p);
            report.new_products += 1;
        }
    }
    let mut wanted_regions: Vec<Region> = imported
        .regions
        .into_iter()
        .filter(|r| regions.contains(&r.id))
        .collect();
    for c in &ws.customers {
        if !c.region.is_empty() && !wanted_regions.iter().any(|r| r.id == c.region) {
            wanted_regions.push(Region {
                id: c.region.clone(),
                name: c.region.clone(),
            });
        }
    }
    for r in wanted_regions {
        if ws.region(&r.id).is_none() {
            ws.regions.push(r);
            report.new_regions += 1;
        }
    }
    for s in imported.salespeople {
        if salespeople.contains(&s.id) && ws.salesperson(&s.id).is_none() {
            ws.salespeople.push(s);
            report.new_salespeople += 1;
        }
    }
    let mut n = ws.datasets.len() + 1;
    let id = loop {
        let id = format!("import-{n}");
        if !ws.datasets.iter().any(|d| d.id == id) {
            break id;
        }
        n += 1;
    };
    ws.datasets.push(Dataset {
        id: id.clone(),
        name: dataset_name.to_string(),
        source: imported.report.file_name.clone(),
        ledger,
    });
    report.dataset_id = Some(id);
    report
}
