//! Master data (customers, products, regions, salespeople) and the workspace holding them.

use crate::review::ReviewSettings;
use crate::{Date, Lang, Ledger, Money};
use serde::{Deserialize, Serialize};

/// Everything one user works on: master data plus imported ledgers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// A stable id.
    pub id: String,
    /// The name the user sees.
    pub name: String,
    /// When it was created: an ISO 8601 date-time given by the caller ("2026-11-22T00:00:00Z").
    pub created: String,
    /// When it was last changed, like `created`.
    pub modified: String,
    /// Customers (distributors and outlets).
    pub customers: Vec<Customer>,
    /// Products (SKUs).
    pub products: Vec<Product>,
    /// Sales regions.
    pub regions: Vec<Region>,
    /// Salespeople.
    pub salespeople: Vec<Salesperson>,
    /// Imported sales ledgers.
    pub datasets: Vec<Dataset>,
    /// Customer grading: scales, ratings, GE and profitability settings, service policies.
    #[serde(default, skip_serializing_if = "crate::grading::Grading::is_empty")]
    pub grading: crate::grading::Grading,
    /// What the user entered for the business review (left out of the file when empty).
    #[serde(default, skip_serializing_if = "ReviewSettings::is_empty")]
    pub review: ReviewSettings,
    /// Target plans, one per plan year (left out of the file when there is none).
    #[serde(default, skip_serializing_if = "crate::targets::Targets::is_empty")]
    pub targets: crate::targets::Targets,
}

/// A customer: a distributor, a key account, a wholesaler or a retail outlet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// A stable id, e.g. "C0001".
    pub id: String,
    /// The business name, e.g. "杭州瑞丰商贸有限公司".
    pub name: String,
    /// The id of the customer's region.
    pub region: String,
    /// The customer type.
    pub kind: CustomerKind,
    /// A grade or tier such as "A", when set.
    #[serde(default)]
    pub tier: Option<String>,
}

/// The customer type (channel).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    /// 经销商.
    Distributor,
    /// KA, a key account (a retail chain store).
    KeyAccount,
    /// 批发, a wholesaler.
    Wholesale,
    /// 零售, a retail outlet.
    Retail,
    /// Anything else.
    Other,
}

impl CustomerKind {
    /// All kinds, in display order.
    pub const ALL: [CustomerKind; 5] = [
        CustomerKind::Distributor,
        CustomerKind::KeyAccount,
        CustomerKind::Wholesale,
        CustomerKind::Retail,
        CustomerKind::Other,
    ];

    /// The name shown to users: 经销商 / Distributor, KA / Key account, 批发 / Wholesale,
    /// 零售 / Retail, 其他 / Other.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CustomerKind::Distributor => lang.pick("经销商", "Distributor"),
            CustomerKind::KeyAccount => lang.pick("KA", "Key account"),
            CustomerKind::Wholesale => lang.pick("批发", "Wholesale"),
            CustomerKind::Retail => lang.pick("零售", "Retail"),
            CustomerKind::Other => lang.pick("其他", "Other"),
        }
    }

    /// The id used in files: "distributor", "key_account", "wholesale", "retail", "other".
    pub fn code(self) -> &'static str {
        match self {
            CustomerKind::Distributor => "distributor",
            CustomerKind::KeyAccount => "key_account",
            CustomerKind::Wholesale => "wholesale",
            CustomerKind::Retail => "retail",
            CustomerKind::Other => "other",
        }
    }

    /// The kind for a file id, see [`CustomerKind::code`].
    pub fn from_code(code: &str) -> Option<CustomerKind> {
        CustomerKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A product (SKU).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// A stable id, e.g. "P001".
    pub id: String,
    /// The product name with its pack, e.g. "冰爽柠檬茶 500ml×15".
    pub name: String,
    /// The category (品类), e.g. "饮料".
    pub category: String,
    /// The list price per unit, when known.
    #[serde(default)]
    pub price: Option<Money>,
    /// The launch date, when the product is new.
    #[serde(default)]
    pub launched: Option<Date>,
}

/// A sales region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// A stable id, e.g. "R01".
    pub id: String,
    /// The name, e.g. "华东".
    pub name: String,
}

/// A salesperson (业务员).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Salesperson {
    /// A stable id, e.g. "S01".
    pub id: String,
    /// The person's name.
    pub name: String,
    /// The id of the region the person covers.
    pub region: String,
}

/// One imported ledger and where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// A stable id.
    pub id: String,
    /// The name the user sees.
    pub name: String,
    /// Where the data came from: a file name, "demo", …
    pub source: String,
    /// The sales lines.
    pub ledger: Ledger,
}

/// Counts and totals describing a workspace, for import previews and the overview page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of customers in master data.
    pub customers: usize,
    /// Number of products.
    pub products: usize,
    /// Number of regions.
    pub regions: usize,
    /// Number of salespeople.
    pub salespeople: usize,
    /// Number of datasets.
    pub datasets: usize,
    /// Ledger rows over all datasets.
    pub rows: usize,
    /// Sales amount over all datasets.
    pub total_amount: Money,
    /// The earliest ledger date, if any.
    pub first_date: Option<Date>,
    /// The latest ledger date, if any.
    pub last_date: Option<Date>,
}

impl Workspace {
    /// Counts, total amount and date range over all datasets.
    pub fn summary(&self) -> Summary {
        let ranges = self.datasets.iter().filter_map(|d| d.ledger.date_range());
        let (first_date, last_date) = ranges.fold(
            (None, None),
            |(lo, hi): (Option<Date>, Option<Date>), (a, b)| {
                (
                    Some(lo.map_or(a, |lo| lo.min(a))),
                    Some(hi.map_or(b, |hi| hi.max(b))),
                )
            },
        );
        Summary {
            customers: self.customers.len(),
            products: self.products.len(),
            regions: self.regions.len(),
            salespeople: self.salespeople.len(),
            datasets: self.datasets.len(),
            rows: self.datasets.iter().map(|d| d.ledger.rows()).sum(),
            total_amount: self.datasets.iter().map(|d| d.ledger.total_amount()).sum(),
            first_date,
            last_date,
        }
    }

    /// The customer with this id.
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The salesperson with this id.
    pub fn salesperson(&self, id: &str) -> Option<&Salesperson> {
        self.salespeople.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{LedgerBuilder, Row};

    #[test]
    fn customer_kinds_have_file_codes_and_labels() {
        for kind in CustomerKind::ALL {
            assert_eq!(CustomerKind::from_code(kind.code()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.code()));
        }
        assert_eq!(CustomerKind::KeyAccount.label(Lang::Zh), "KA");
        assert_eq!(CustomerKind::KeyAccount.label(Lang::En), "Key account");
        assert_eq!(CustomerKind::Distributor.label(Lang::Zh), "经销商");
        assert_eq!(CustomerKind::from_code("KA"), None);
    }

    #[test]
    fn summary_spans_all_datasets() {
        let mut ws = Workspace::default();
        assert_eq!(ws.summary(), Summary::default());
        for (i, (date, amount)) in [("2024-05-01", 5), ("2023-01-02", 7)]
            .into_iter()
            .enumerate()
        {
            let mut b = LedgerBuilder::new();
            b.push_row(&Row {
                date: Date::parse_iso(date).unwrap_or_default(),
                customer: "C1",
                product: "P1",
                region: "R1",
                salesperson: "S1",
                channel: "x",
                quantity: Money(1),
                amount: Money(amount),
                cost: None,
                order_id: "o",
            });
            ws.datasets.push(Dataset {
                id: format!("d{i}"),
                ledger: b.finish(),
                ..Dataset::default()
            });
        }
        let s = ws.summary();
        assert_eq!(s.rows, 2);
        assert_eq!(s.datasets, 2);
        assert_eq!(s.total_amount, Money(12));
        assert_eq!(
            s.first_date.map(|d| d.to_string()).as_deref(),
            Some("2023-01-02")
        );
        assert_eq!(
            s.last_date.map(|d| d.to_string()).as_deref(),
            Some("2024-05-01")
        );
    }
}
