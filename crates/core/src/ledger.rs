//! The sales ledger (销售台账, DOMAIN §0), stored by column.

use crate::issue::{Entity, Issue, IssueKind};
use crate::{Date, Money, Texts};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One sale line per row, stored by column. Every column has one entry per row; string
/// columns hold codes into their dictionary (`customer[i]` indexes `customers`). Dictionaries
/// hold ids: customers and products refer to the workspace's master data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// The day of the sale.
    pub date: Vec<Date>,
    /// Code into `customers`.
    pub customer: Vec<u32>,
    /// Code into `products`.
    pub product: Vec<u32>,
    /// Code into `regions`.
    pub region: Vec<u32>,
    /// Code into `salespeople`.
    pub salesperson: Vec<u32>,
    /// Code into `channels` (customer type or channel name).
    pub channel: Vec<u32>,
    /// Quantity, exact to four decimals; negative for returns.
    pub quantity: Vec<Money>,
    /// Net sales amount (after discounts); negative for returns.
    pub amount: Vec<Money>,
    /// Cost of goods sold, when known: gross profit = amount − cost.
    #[serde(default)]
    pub cost: Option<Vec<Money>>,
    /// Code into `orders`.
    pub order_id: Vec<u32>,
    /// Customer ids.
    pub customers: Vec<String>,
    /// Product ids.
    pub products: Vec<String>,
    /// Region ids.
    pub regions: Vec<String>,
    /// Salesperson ids.
    pub salespeople: Vec<String>,
    /// Channel names.
    pub channels: Vec<String>,
    /// Order ids (document numbers): nearly one per row, so kept in one buffer.
    pub orders: Texts,
}

/// Ledger dates must fall in these years; anything else is a conversion mistake.
pub const LEDGER_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Monthly series longer than this many months are not built (only a file that failed
/// validation can span that long).
const MAX_MONTHS: i64 = 12 * 10_000;

impl Ledger {
    /// Row `i` with its ids, as [`LedgerBuilder::push_row`] takes it; `None` past the end, or
    /// where a code has no id in its dictionary.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        fn id<'l>(codes: &[u32], dictionary: &'l [String], i: usize) -> Option<&'l str> {
            dictionary.get(*codes.get(i)? as usize).map(String::as_str)
        }
        Some(Row {
            date: *self.date.get(i)?,
            customer: id(&self.customer, &self.customers, i)?,
            product: id(&self.product, &self.products, i)?,
            region: id(&self.region, &self.regions, i)?,
            salesperson: id(&self.salesperson, &self.salespeople, i)?,
            channel: id(&self.channel, &self.channels, i)?,
            quantity: *self.quantity.get(i)?,
            amount: *self.amount.get(i)?,
            cost: self.cost.as_ref().and_then(|c| c.get(i).copied()),
            order_id: self.orders.get(*self.order_id.get(i)? as usize)?,
        })
    }

    /// The number of rows (the length of the date column).
    pub fn rows(&self) -> usize {
        self.date.len()
    }

    /// The sum of all amounts (saturating).
    pub fn total_amount(&self) -> Money {
        self.amount.iter().sum()
    }

    /// Total gross profit = Σ amount − Σ cost, or `None` when cost is not known.
    pub fn total_gross_profit(&self) -> Option<Money> {
        let cost: Money = self.cost.as_ref()?.iter().sum();
        Some(self.total_amount().saturating_sub(cost))
    }

    /// The first and last dates, or `None` for an empty ledger.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let first = self.date.iter().min()?;
        let last = self.date.iter().max()?;
        Some((*first, *last))
    }

    /// The amount per calendar month, every month from the first to the last (zero-filled):
    /// `(year, month, amount)`. Empty for an empty ledger.
    pub fn monthly_amounts(&self) -> Vec<(i32, u32, Money)> {
        let Some((first, last)) = self.date_range() else {
            return Vec::new();
        };
        let start = i64::from(first.month_index());
        let span = i64::from(last.month_index()) - start + 1;
        if span > MAX_MONTHS {
            return Vec::new();
        }
        let mut totals = vec![Money::ZERO; span as usize];
        for (date, amount) in self.date.iter().zip(&self.amount) {
            let slot = (i64::from(date.month_index()) - start) as usize;
            if let Some(total) = totals.get_mut(slot) {
                *total = total.saturating_add(*amount);
            }
        }
        totals
            .into_iter()
            .enumerate()
            .map(|(i, amount)| {
                let (y, m) = Date::from_month_index((start + i as i64) as i32);
                (y, m, amount)
            })
            .collect()
    }

    /// Structural problems: columns of the wrong length, codes outside their dictionaries,
    /// repeated dictionary entries and implausible dates (all errors). Paths are relative to
    /// the ledger (`customer[12]`).
    pub fn check(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        let rows = self.rows();
        let lengths = [
            ("customer", self.customer.len()),
            ("product", self.product.len()),
            ("region", self.region.len()),
            ("salesperson", self.salesperson.len()),
            ("channel", self.channel.len()),
            ("quantity", self.quantity.len()),
            ("amount", self.amount.len()),
            ("cost", self.cost.as_ref().map_or(rows, Vec::len)),
            ("order_id", self.order_id.len()),
        ];
        for (column, len) in lengths {
            if len != rows {
                let kind = IssueKind::ColumnLength {
                    column: column.to_string(),
                    len,
                    expected: rows,
                };
                issues.push(Issue::error(column, kind));
            }
        }
        for (column, codes, dictionary) in self.coded_columns() {
            let mut bad = codes
                .iter()
                .enumerate()
                .filter(|(_, code)| **code as usize >= dictionary.len());
            if let Some((row, code)) = bad.next() {
                let kind = IssueKind::CodeOutOfRange {
                    column: column.to_string(),
                    row,
                    code: *code,
                    len: dictionary.len(),
                    count: 1 + bad.count(),
                };
                issues.push(Issue::error(format!("{column}[{row}]"), kind));
            }
        }
        for (name, what, dictionary) in self.dictionaries() {
            let mut seen: HashSet<&str> = HashSet::with_capacity(dictionary.len());
            for (i, id) in dictionary.iter().enumerate() {
                if !seen.insert(id) {
                    let kind = IssueKind::DuplicateId {
                        what,
                        id: id.to_string(),
                    };
                    issues.push(Issue::error(format!("{name}[{i}]"), kind));
                }
            }
        }
        let lo = Date::from_ymd(*LEDGER_YEARS.start(), 1, 1).unwrap_or(Date(i32::MIN));
        let hi = Date::from_ymd(*LEDGER_YEARS.end(), 12, 31).unwrap_or(Date(i32::MAX));
        let mut bad = self
            .date
            .iter()
            .enumerate()
            .filter(|(_, d)| **d < lo || **d > hi);
        if let Some((row, day)) = bad.next() {
            let kind = IssueKind::DateOutOfRange {
                row,
                day: day.0,
                count: 1 + bad.count(),
            };
            issues.push(Issue::error(format!("date[{row}]"), kind));
        }
        issues
    }

    /// The code columns with their names and dictionaries.
    fn coded_columns(&self) -> [(&'static str, &[u32], Dictionary<'_>); 6] {
        use Dictionary::{Strings, Texts};
        [
            ("customer", &self.customer, Strings(&self.customers)),
            ("product", &self.product, Strings(&self.products)),
            ("region", &self.region, Strings(&self.regions)),
            ("salesperson", &self.salesperson, Strings(&self.salespeople)),
            ("channel", &self.channel, Strings(&self.channels)),
            ("order_id", &self.order_id, Texts(&self.orders)),
        ]
    }

    /// The dictionaries with their field names and what their ids name.
    pub(crate) fn dictionaries(&self) -> [(&'static str, Entity, Dictionary<'_>); 6] {
        use Dictionary::{Strings, Texts};
        [
            ("customers", Entity::Customer, Strings(&self.customers)),
            ("products", Entity::Product, Strings(&self.products)),
            ("regions", Entity::Region, Strings(&self.regions)),
            (
                "salespeople",
                Entity::Salesperson,
                Strings(&self.salespeople),
            ),
            ("channels", Entity::Channel, Strings(&self.channels)),
            ("orders", Entity::Order, Texts(&self.orders)),
        ]
    }
}

/// One of a ledger's dictionaries, whichever way it is stored.
#[derive(Clone, Copy)]
pub(crate) enum Dictionary<'a> {
    Strings(&'a [String]),
    Texts(&'a Texts),
}

impl<'a> Dictionary<'a> {
    pub(crate) fn len(self) -> usize {
        match self {
            Dictionary::Strings(s) => s.len(),
            Dictionary::Texts(t) => t.len(),
        }
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = &'a str> {
        let (strings, texts) = match self {
            Dictionary::Strings(s) => (Some(s.iter().map(String::as_str)), None),
            Dictionary::Texts(t) => (None, Some(t.iter())),
        };
        strings
            .into_iter()
            .flatten()
            .chain(texts.into_iter().flatten())
    }
}

/// One sale line to add with [`LedgerBuilder::push_row`], or read back with [`Ledger::row`];
/// strings are ids.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Row<'a> {
    /// The day of the sale.
    pub date: Date,
    /// Customer id.
    pub customer: &'a str,
    /// Product id.
    pub product: &'a str,
    /// Region id.
    pub region: &'a str,
    /// Salesperson id.
    pub salesperson: &'a str,
    /// Channel name.
    pub channel: &'a str,
    /// Quantity.
    pub quantity: Money,
    /// Net amount.
    pub amount: Money,
    /// Cost, when known.
    pub cost: Option<Money>,
    /// Order id.
    pub order_id: &'a str,
}

/// Builds a [`Ledger`] row by row, interning the strings into dictionaries.
/// The ledger gets a cost column only if every row had a cost.
#[derive(Debug, Default)]
pub struct LedgerBuilder {
    ledger: Ledger,
    costs: Vec<Money>,
    all_costed: bool,
    index: [HashMap<String, u32>; 6],
}

impl LedgerBuilder {
    /// An empty builder.
    pub fn new() -> LedgerBuilder {
        LedgerBuilder {
            all_costed: true,
            ..LedgerBuilder::default()
        }
    }

    /// Adds one row.
    pub fn push_row(&mut self, row: &Row<'_>) {
        let l = &mut self.ledger;
        l.date.push(row.date);
        let [customers, products, regions, salespeople, channels, orders] = &mut self.index;
        l.customer
            .push(intern(customers, &mut l.customers, row.customer));
        l.product
            .push(intern(products, &mut l.products, row.product));
        l.region.push(intern(regions, &mut l.regions, row.region));
        l.salesperson
            .push(intern(salespeople, &mut l.salespeople, row.salesperson));
        l.channel
            .push(intern(channels, &mut l.channels, row.channel));
        l.order_id.push(intern(orders, &mut l.orders, row.order_id));
        l.quantity.push(row.quantity);
        l.amount.push(row.amount);
        match row.cost {
            Some(cost) => self.costs.push(cost),
            None => self.all_costed = false,
        }
    }

    /// The number of rows added so far.
    pub fn rows(&self) -> usize {
        self.ledger.rows()
    }

    /// The finished ledger.
    pub fn finish(self) -> Ledger {
        let mut ledger = self.ledger;
        if self.all_costed && !self.costs.is_empty() {
            ledger.cost = Some(self.costs);
        }
        ledger
    }
}

/// A dictionary the builder appends to.
trait Append {
    fn count(&self) -> usize;
    fn append(&mut self, id: &str);
}

impl Append for Vec<String> {
    fn count(&self) -> usize {
        self.len()
    }
    fn append(&mut self, id: &str) {
        self.push(id.to_string());
    }
}

impl Append for Texts {
    fn count(&self) -> usize {
        self.len()
    }
    fn append(&mut self, id: &str) {
        self.push(id);
    }
}

fn intern(index: &mut HashMap<String, u32>, dictionary: &mut impl Append, id: &str) -> u32 {
    if let Some(code) = index.get(id) {
        return *code;
    }
    let code = dictionary.count() as u32;
    dictionary.append(id);
    index.insert(id.to_string(), code);
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse_iso(text).unwrap_or_default()
    }

    fn row<'a>(date: &str, customer: &'a str, amount: i64, cost: Option<i64>) -> Row<'a> {
        Row {
            date: day(date),
            customer,
            product: "P1",
            region: "R1",
            salesperson: "S1",
            channel: "经销商",
            quantity: Money(10_000),
            amount: Money(amount),
            cost: cost.map(Money),
            order_id: "SO1",
        }
    }

    fn sample() -> Ledger {
        let mut b = LedgerBuilder::new();
        b.push_row(&row("2024-01-31", "C1", 100_0000, Some(60_0000)));
        b.push_row(&row("2024-04-02", "C2", 50_0000, Some(20_0000)));
        b.push_row(&row("2024-01-01", "C1", -10_0000, Some(-6_0000)));
        b.finish()
    }

    #[test]
    fn builder_interns_ids_into_dictionaries() {
        let l = sample();
        assert_eq!(l.rows(), 3);
        assert_eq!(l.customers, ["C1", "C2"]);
        assert_eq!(l.customer, [0, 1, 0]);
        assert_eq!(l.products, ["P1"]);
        assert!(l.check().is_empty());
    }

    #[test]
    fn cost_column_exists_only_when_every_row_has_cost() {
        let mut b = LedgerBuilder::new();
        b.push_row(&row("2024-01-01", "C1", 1, Some(1)));
        b.push_row(&row("2024-01-01", "C1", 1, None));
        let l = b.finish();
        assert_eq!(l.cost, None);
        assert_eq!(l.total_gross_profit(), None);
    }

    #[test]
    fn totals_include_returns() {
        let l = sample();
        assert_eq!(l.total_amount(), Money(140_0000));
        assert_eq!(l.total_gross_profit(), Some(Money(66_0000)));
    }

    #[test]
    fn monthly_amounts_fill_every_month_between_first_and_last() {
        let l = sample();
        assert_eq!(
            l.monthly_amounts(),
            [
                (2024, 1, Money(90_0000)),
                (2024, 2, Money::ZERO),
                (2024, 3, Money::ZERO),
                (2024, 4, Money(50_0000))
            ]
        );
        assert_eq!(l.date_range(), Some((day("2024-01-01"), day("2024-04-02"))));
        assert!(Ledger::default().monthly_amounts().is_empty());
        assert_eq!(Ledger::default().date_range(), None);
    }

    #[test]
    fn monthly_amounts_crosses_year_ends() {
        let mut b = LedgerBuilder::new();
        b.push_row(&row("2023-12-31", "C1", 1, None));
        b.push_row(&row("2024-01-01", "C1", 2, None));
        assert_eq!(
            b.finish().monthly_amounts(),
            [(2023, 12, Money(1)), (2024, 1, Money(2))]
        );
    }

    #[test]
    fn check_reports_lengths_codes_duplicates_and_dates() {
        let mut l = sample();
        l.amount.pop();
        l.customer[1] = 7;
        l.customer[2] = 9;
        l.products.push("P1".into());
        l.date[0] = Date(-40_000);
        let issues = l.check();
        let text: Vec<String> = issues
            .iter()
            .map(|i| format!("{}: {}", i.path, i))
            .collect();
        assert_eq!(
            text,
            [
                "amount: The ledger column \"amount\" has 2 values but the ledger has 3 rows (at amount).",
                "customer[1]: 2 row(s) of the ledger column \"customer\" use codes outside the dictionary (first: row 1 has code 7, but the dictionary has only 2 entries; at customer[1]).",
                "products[1]: The product id \"P1\" appears more than once (at products[1]).",
                "date[0]: 1 ledger row(s) have dates outside the years 1900–2199 (first: row 0, date 1860-06-26; at date[0]).",
            ]
        );
        assert!(issues.iter().all(Issue::is_error));
    }

    #[test]
    fn totals_and_months_never_panic_on_inconsistent_columns() {
        let mut l = sample();
        l.amount.clear();
        l.cost = Some(vec![]);
        l.date.push(Date(i32::MAX));
        l.date.push(Date(i32::MIN));
        assert!(l.monthly_amounts().is_empty());
        assert_eq!(l.total_gross_profit(), Some(Money::ZERO));
    }
}
