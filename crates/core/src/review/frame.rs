//! The review frame: every ledger of a workspace in one compact, row-aligned table with dense
//! `u32` keys in unified key spaces, a month number per row and integer measures. Built once
//! (the app memoises it per workspace revision); every analysis is then one pass over it.

use crate::{Customer, Date, Ledger, Money, Product, Region, Salesperson, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A dimension members can be grouped by.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    /// Sales region (区域).
    Region,
    /// Customer (客户).
    Customer,
    /// Product, a SKU (产品).
    Product,
    /// Product category (品类), from the product master.
    Category,
    /// Salesperson (业务员).
    Salesperson,
    /// Channel or customer type (渠道).
    Channel,
}

impl Dim {
    /// Every dimension, in display order.
    pub const ALL: [Dim; 6] = [
        Dim::Region,
        Dim::Customer,
        Dim::Product,
        Dim::Category,
        Dim::Salesperson,
        Dim::Channel,
    ];

    /// The code used in files and on the command line: "region", "customer", …
    pub fn code(self) -> &'static str {
        match self {
            Dim::Region => "region",
            Dim::Customer => "customer",
            Dim::Product => "product",
            Dim::Category => "category",
            Dim::Salesperson => "salesperson",
            Dim::Channel => "channel",
        }
    }

    /// The dimension for a code, see [`Dim::code`].
    pub fn from_code(code: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The dimension a drill-down into one member of `self` shows next: territory → region →
    /// customers → products; `None` below products.
    pub fn drill_next(self) -> Option<Dim> {
        match self {
            Dim::Region | Dim::Salesperson | Dim::Channel => Some(Dim::Customer),
            Dim::Customer | Dim::Category => Some(Dim::Product),
            Dim::Product => None,
        }
    }

    /// The name shown to users.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Dim::Region => lang.pick("区域", "Region"),
            Dim::Customer => lang.pick("客户", "Customer"),
            Dim::Product => lang.pick("产品", "Product"),
            Dim::Category => lang.pick("品类", "Category"),
            Dim::Salesperson => lang.pick("业务员", "Salesperson"),
            Dim::Channel => lang.pick("渠道", "Channel"),
        }
    }

    pub(crate) fn slot(self) -> usize {
        self as usize
    }
}

/// What is summed.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Net sales amount (销售额).
    Amount,
    /// Quantity (销量), exact to four decimals like money.
    Quantity,
    /// Gross profit (毛利) = amount − cost; known only when every ledger has a cost column.
    GrossProfit,
}

impl Measure {
    /// Every measure.
    pub const ALL: [Measure; 3] = [Measure::Amount, Measure::Quantity, Measure::GrossProfit];

    /// "amount", "quantity", "gross_profit".
    pub fn code(self) -> &'static str {
        match self {
            Measure::Amount => "amount",
            Measure::Quantity => "quantity",
            Measure::GrossProfit => "gross_profit",
        }
    }

    /// The measure for a code, see [`Measure::code`].
    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The name shown to users.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Measure::Amount => lang.pick("销售额", "Sales"),
            Measure::Quantity => lang.pick("销量", "Quantity"),
            Measure::GrossProfit => lang.pick("毛利", "Gross profit"),
        }
    }
}

/// The members of one dimension: ids (unique) and display names, indexed by key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Members {
    /// The id of each key.
    pub ids: Vec<String>,
    /// The display name of each key (the master-data name, or the id when there is none).
    pub names: Vec<String>,
}

impl Members {
    /// The number of members.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The key of an id.
    pub fn key(&self, id: &str) -> Option<u32> {
        self.ids.iter().position(|i| i == id).map(|k| k as u32)
    }

    /// The id of a key ("" when out of range).
    pub fn id(&self, key: u32) -> &str {
        self.ids.get(key as usize).map_or("", String::as_str)
    }

    /// The display name of a key ("" when out of range).
    pub fn name(&self, key: u32) -> &str {
        self.names.get(key as usize).map_or("", String::as_str)
    }

    fn intern(&mut self, index: &mut HashMap<String, u32>, id: &str) -> u32 {
        if let Some(k) = index.get(id) {
            return *k;
        }
        let k = self.ids.len() as u32;
        self.ids.push(id.to_string());
        self.names.push(id.to_string());
        index.insert(id.to_string(), k);
        k
    }
}

/// The rows of every ledger of a workspace, by column, ready for analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// The month number ([`Date::month_index`]) of month slot 0.
    pub first_month: i32,
    /// The number of months from the first to the last month with rows (0 when empty).
    pub months: u32,
    /// The last day with a row, if any.
    pub last_date: Option<Date>,
    /// Month slot of each row (`month_index − first_month`).
    pub(crate) month: Vec<u16>,
    /// Keys of each row, one column per [`Dim`] (in `Dim` order).
    pub(crate) keys: [Vec<u32>; 6],
    /// Net amount.
    pub(crate) amount: Vec<Money>,
    /// Quantity.
    pub(crate) quantity: Vec<Money>,
    /// Gross profit, when every ledger has costs.
    pub(crate) gross_profit: Option<Vec<Money>>,
    /// Members of each dimension (in `Dim` order).
    pub(crate) members: [Members; 6],
    /// The category key of each product key.
    pub(crate) product_category: Vec<u32>,
    /// The region key of each customer key (the master's region, else the first row's), or
    /// `u32::MAX` when unknown.
    pub(crate) customer_region: Vec<u32>,
    /// Product keys that are in the product master (SKUs carried).
    pub(crate) products_in_master: u32,
}

/// Frames never span more months than this (a validated ledger spans at most 300 years).
const MAX_MONTHS: i64 = 12 * 300;

impl Frame {
    /// A fingerprint of everything [`Frame::from_workspace`] reads: the datasets (ids, row
    /// counts, code dictionaries' sizes) and the master data's ids, names, regions and
    /// categories. Equal keys mean an equal frame, so a page can keep its frame across edits
    /// that touch neither (a plan, a scale, a rating).
    pub fn source_key(ws: &Workspace) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        ws.id.hash(&mut h);
        for d in &ws.datasets {
            let l = &d.ledger;
            (&d.id, l.rows()).hash(&mut h);
            (l.customers.len(), l.products.len(), l.regions.len()).hash(&mut h);
            (l.salespeople.len(), l.channels.len()).hash(&mut h);
        }
        for c in &ws.customers {
            (0u8, &c.id, &c.name, &c.region, c.kind).hash(&mut h);
        }
        for p in &ws.products {
            (1u8, &p.id, &p.name, &p.category).hash(&mut h);
        }
        for r in &ws.regions {
            (2u8, &r.id, &r.name).hash(&mut h);
        }
        for s in &ws.salespeople {
            (3u8, &s.id, &s.name, &s.region).hash(&mut h);
        }
        h.finish()
    }

    /// The frame of a workspace: all its datasets, with names and categories from its master data.
    pub fn from_workspace(ws: &Workspace) -> Frame {
        let ledgers: Vec<&Ledger> = ws.datasets.iter().map(|d| &d.ledger).collect();
        Frame::build(
            &ledgers,
            &ws.customers,
            &ws.products,
            &ws.regions,
            &ws.salespeople,
        )
    }

    /// The frame of some ledgers with master data (for example a freshly imported file).
    /// Rows outside the supported date range (an invalid ledger) are left out.
    pub fn build(
        ledgers: &[&Ledger],
        customers: &[Customer],
        products: &[Product],
        regions: &[Region],
        salespeople: &[Salesperson],
    ) -> Frame {
        let sources = ledgers.iter().map(|l| Source::Borrowed(l)).collect();
        Frame::build_from(sources, customers, products, regions, salespeople)
    }

    /// Like [`Frame::build`] for one ledger the caller no longer needs (a file just read):
    /// its amount and quantity columns, and key columns whose codes already are the frame's
    /// keys, move into the frame instead of being copied, and are left empty in `ledger`.
    pub fn take_from(
        ledger: &mut Ledger,
        customers: &[Customer],
        products: &[Product],
        regions: &[Region],
        salespeople: &[Salesperson],
    ) -> Frame {
        Frame::build_from(
            vec![Source::Taken(ledger)],
            customers,
            products,
            regions,
            salespeople,
        )
    }

    fn build_from(
        mut sources: Vec<Source<'_>>,
        customers: &[Customer],
        products: &[Product],
        regions: &[Region],
        salespeople: &[Salesperson],
    ) -> Frame {
        let ledgers: Vec<&Ledger> = sources.iter().map(Source::get).collect();
        let mut f = Frame::default();
        let mut index: [HashMap<String, u32>; 6] = Default::default();
        // Master data first, so keys follow the master's order and carry its names.
        for (dim, list) in [
            (
                Dim::Region,
                regions.iter().map(|r| (&r.id, &r.name)).collect::<Vec<_>>(),
            ),
            (
                Dim::Customer,
                customers.iter().map(|c| (&c.id, &c.name)).collect(),
            ),
            (
                Dim::Product,
                products.iter().map(|p| (&p.id, &p.name)).collect(),
            ),
            (
                Dim::Salesperson,
                salespeople.iter().map(|s| (&s.id, &s.name)).collect(),
            ),
        ] {
            let s = dim.slot();
            for (id, name) in list {
                let k = f.members[s].intern(&mut index[s], id);
                if !name.trim().is_empty() {
                    f.members[s].names[k as usize] = name.clone();
                }
            }
        }
        f.products_in_master = f.members[Dim::Product.slot()].len() as u32;
        let cat = Dim::Category.slot();
        for p in products {
            let k = f.members[cat].intern(&mut index[cat], &p.category);
            f.product_category.push(k);
        }
        let reg = Dim::Region.slot();
        for c in customers {
            let r = if c.region.is_empty() {
                u32::MAX
            } else {
                f.members[reg].intern(&mut index[reg], &c.region)
            };
            f.customer_region.push(r);
        }

        // Date range over every ledger, within the supported years.
        let lo = Date::from_ymd(*crate::ledger::LEDGER_YEARS.start(), 1, 1).unwrap_or(Date(0));
        let hi = Date::from_ymd(*crate::ledger::LEDGER_YEARS.end(), 12, 31).unwrap_or(Date(0));
        let mut range: Option<(Date, Date)> = None;
        let widen = |range: Option<(Date, Date)>, d: Date| {
            Some(range.map_or((d, d), |(x, y): (Date, Date)| (x.min(d), y.max(d))))
        };
        for l in &ledgers {
            let (a, b) = l
                .date
                .iter()
                .fold((i32::MAX, i32::MIN), |(a, b), d| (a.min(d.0), b.max(d.0)));
            if l.date.is_empty() {
                continue;
            }
            if lo.0 <= a && b <= hi.0 {
                range = widen(widen(range, Date(a)), Date(b));
            } else {
                for d in &l.date {
                    if lo <= *d && *d <= hi {
                        range = widen(range, *d);
                    }
                }
            }
        }
        let Some((first, last)) = range else {
            f.finish_dictionaries();
            return f;
        };
        f.first_month = first.month_index();
        let span = i64::from(last.month_index()) - i64::from(f.first_month) + 1;
        if span > MAX_MONTHS {
            f.finish_dictionaries();
            return f;
        }
        f.months = span as u32;
        f.last_date = Some(last);
        // Month slot of every day in the range: one table lookup per row.
        let days = (last.0 - first.0 + 1) as usize;
        let mut slot_of_day = Vec::with_capacity(days);
        let mut d = first;
        while d <= last {
            let (y, m, _) = d.ymd();
            let slot = (y * 12 + m as i32 - 1 - f.first_month) as u16;
            let n = crate::date::days_in_month(y, m) - d.day() + 1;
            for _ in 0..n {
                if slot_of_day.len() < days {
                    slot_of_day.push(slot);
                }
            }
            d = d.add_days(n as i32);
        }

        let total: usize = ledgers.iter().map(|l| l.rows()).sum();
        f.month.reserve_exact(total);
        for col in &mut f.keys {
            col.reserve_exact(total);
        }
        f.amount.reserve_exact(total);
        f.quantity.reserve_exact(total);
        let costed = ledgers.iter().all(|l| l.cost.is_some() || l.rows() == 0);
        let mut gp = if costed {
            Vec::with_capacity(total)
        } else {
            Vec::new()
        };
        drop(ledgers);
        for src in &mut sources {
            let l: &Ledger = src.get();
            // Ledger codes → frame keys, through each dictionary once (never per row).
            let remap = |f: &mut Frame,
                         index: &mut [HashMap<String, u32>; 6],
                         dim: Dim,
                         dict: &[String]| {
                let s = dim.slot();
                dict.iter()
                    .map(|id| f.members[s].intern(&mut index[s], id))
                    .collect::<Vec<u32>>()
            };
            let maps = [
                remap(&mut f, &mut index, Dim::Region, &l.regions),
                remap(&mut f, &mut index, Dim::Customer, &l.customers),
                remap(&mut f, &mut index, Dim::Product, &l.products),
                Vec::new(),
                remap(&mut f, &mut index, Dim::Salesperson, &l.salespeople),
                remap(&mut f, &mut index, Dim::Channel, &l.channels),
            ];
            // Categories of products that are not in the master: "" (uncategorised).
            let nprod = f.members[Dim::Product.slot()].len();
            while f.product_category.len() < nprod {
                let k = f.members[cat].intern(&mut index[cat], "");
                f.product_category.push(k);
            }
            let cols = [
                &l.region,
                &l.customer,
                &l.product,
                &l.product,
                &l.salesperson,
                &l.channel,
            ];
            let n = l.rows();
            let fits = cols.iter().all(|c| c.len() >= n)
                && l.amount.len() >= n
                && l.quantity.len() >= n
                && l.cost.as_ref().is_none_or(|c| c.len() >= n);
            if !fits {
                continue;
            }
            let cost = l.cost.as_deref();
            // A valid ledger (every date in range, every code in its dictionary) is copied
            // column by column; anything else goes row by row below, leaving bad rows out.
            // Folds (not early-exit searches) so that the checks vectorise.
            let dates_ok = l.date.len() >= n && {
                let (lo, hi) = l.date[..n]
                    .iter()
                    .fold((i32::MAX, i32::MIN), |(a, b), d| (a.min(d.0), b.max(d.0)));
                n == 0 || (first.0 <= lo && hi <= last.0)
            };
            let codes_ok = [0, 1, 2, 4, 5].into_iter().all(|s| {
                let max = cols[s][..n].iter().fold(0u32, |m, c| m.max(*c));
                n == 0 || (max as usize) < maps[s].len()
            });
            if dates_ok && codes_ok {
                f.month.extend(l.date[..n].iter().map(|d| {
                    slot_of_day
                        .get((d.0 - first.0) as usize)
                        .copied()
                        .unwrap_or(0)
                }));
                let start = f.keys[2].len();
                // The first rows of a ledger the frame owns: columns move when they can.
                let owned = matches!(src, Source::Taken(_)) && f.amount.is_empty();
                let identity: Vec<bool> = maps
                    .iter()
                    .map(|m| m.iter().enumerate().all(|(i, k)| *k as usize == i))
                    .collect();
                for s in [0, 1, 2, 4, 5] {
                    if !(owned && identity[s]) {
                        let map = &maps[s];
                        f.keys[s].extend(cols[s][..n].iter().map(|c| map[*c as usize]));
                    }
                }
                if costed && let Some(cost) = cost {
                    gp.extend(
                        l.amount[..n]
                            .iter()
                            .zip(&cost[..n])
                            .map(|(a, c)| a.saturating_sub(*c)),
                    );
                }
                if !owned {
                    f.amount.extend_from_slice(&l.amount[..n]);
                    f.quantity.extend_from_slice(&l.quantity[..n]);
                } else if let Source::Taken(l) = src {
                    let take = |col: &mut Vec<u32>| {
                        let mut v = std::mem::take(col);
                        v.truncate(n);
                        v
                    };
                    for (s, col) in [
                        (0, &mut l.region),
                        (1, &mut l.customer),
                        (2, &mut l.product),
                        (4, &mut l.salesperson),
                        (5, &mut l.channel),
                    ] {
                        if identity[s] {
                            f.keys[s] = take(col);
                        }
                    }
                    f.amount = std::mem::take(&mut l.amount);
                    f.amount.truncate(n);
                    f.quantity = std::mem::take(&mut l.quantity);
                    f.quantity.truncate(n);
                }
                let (left, right) = f.keys.split_at_mut(3);
                let pc = &f.product_category;
                right[0].extend(
                    left[2][start..]
                        .iter()
                        .map(|p| pc.get(*p as usize).copied().unwrap_or(0)),
                );
                continue;
            }
            for i in 0..n {
                let day = l.date[i];
                if day < first || day > last {
                    continue;
                }
                let Some(&slot) = slot_of_day.get((day.0 - first.0) as usize) else {
                    continue;
                };
                let key = |s: usize| -> u32 {
                    maps[s]
                        .get(cols[s][i] as usize)
                        .copied()
                        .unwrap_or(u32::MAX)
                };
                let (r, c, p, sp, ch) = (key(0), key(1), key(2), key(4), key(5));
                if r == u32::MAX
                    || c == u32::MAX
                    || p == u32::MAX
                    || sp == u32::MAX
                    || ch == u32::MAX
                {
                    continue;
                }
                f.month.push(slot);
                f.keys[0].push(r);
                f.keys[1].push(c);
                f.keys[2].push(p);
                f.keys[3].push(f.product_category[p as usize]);
                f.keys[4].push(sp);
                f.keys[5].push(ch);
                let amount = l.amount[i];
                f.amount.push(amount);
                f.quantity.push(l.quantity[i]);
                if costed && let Some(cost) = cost {
                    gp.push(amount.saturating_sub(cost[i]));
                }
            }
        }
        if costed && gp.len() == f.amount.len() {
            f.gross_profit = Some(gp);
        }
        // Customers not in the master: their region is the one on their first row.
        let ncust = f.members[Dim::Customer.slot()].len();
        f.customer_region.resize(ncust, u32::MAX);
        for (c, r) in f.keys[1].iter().zip(&f.keys[0]) {
            if let Some(slot) = f.customer_region.get_mut(*c as usize)
                && *slot == u32::MAX
            {
                *slot = *r;
            }
        }
        f.finish_dictionaries();
        f
    }

    fn finish_dictionaries(&mut self) {
        let cat = Dim::Category.slot();
        let nprod = self.members[Dim::Product.slot()].len();
        let mut index = HashMap::new();
        for (k, id) in self.members[cat].ids.iter().enumerate() {
            index.insert(id.clone(), k as u32);
        }
        while self.product_category.len() < nprod {
            let k = self.members[cat].intern(&mut index, "");
            self.product_category.push(k);
        }
        let ncust = self.members[Dim::Customer.slot()].len();
        self.customer_region.resize(ncust, u32::MAX);
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.amount.len()
    }

    /// The members (ids and names) of a dimension.
    pub fn members(&self, dim: Dim) -> &Members {
        &self.members[dim.slot()]
    }

    /// Whether gross profit is known (every ledger has costs).
    pub fn has_gross_profit(&self) -> bool {
        self.gross_profit.is_some()
    }

    /// The column of a measure, or `None` for gross profit without costs.
    pub(crate) fn measure(&self, measure: Measure) -> Option<&[Money]> {
        match measure {
            Measure::Amount => Some(&self.amount),
            Measure::Quantity => Some(&self.quantity),
            Measure::GrossProfit => self.gross_profit.as_deref(),
        }
    }

    /// The key column of a dimension.
    pub(crate) fn keys(&self, dim: Dim) -> &[u32] {
        &self.keys[dim.slot()]
    }

    /// The category key of a product key.
    pub fn category_of(&self, product: u32) -> Option<u32> {
        self.product_category.get(product as usize).copied()
    }

    /// The region key of a customer key (from the master, else its first row).
    pub fn region_of(&self, customer: u32) -> Option<u32> {
        self.customer_region
            .get(customer as usize)
            .copied()
            .filter(|r| *r != u32::MAX)
    }

    /// The month slot of a month number, if it is inside the frame.
    pub fn slot(&self, month_index: i32) -> Option<u32> {
        let s = i64::from(month_index) - i64::from(self.first_month);
        (0..i64::from(self.months)).contains(&s).then_some(s as u32)
    }

    /// The last month whose data looks complete: the last month with rows when they reach
    /// within two days of its end (a ledger exported on the 30th, or ending on a weekend),
    /// else the month before. Time series should stop here, so that a month still in
    /// progress does not read as a collapse.
    pub fn last_complete_month(&self) -> Option<i32> {
        let last = self.last_month()?;
        let day = self.last_date?;
        let (y, m, d) = day.ymd();
        if d + 2 >= crate::date::days_in_month(y, m) {
            Some(last)
        } else {
            (last > self.first_month).then_some(last - 1)
        }
    }

    /// The calendar years the frame's months touch, oldest first (for period pickers).
    pub fn years(&self) -> Vec<i32> {
        match self.last_month() {
            Some(last) => (self.first_month.div_euclid(12)..=last.div_euclid(12)).collect(),
            None => Vec::new(),
        }
    }

    /// The last month (a [`Date::month_index`]) that has rows, if any.
    pub fn last_month(&self) -> Option<i32> {
        (self.months > 0).then(|| self.first_month + self.months as i32 - 1)
    }
}

/// A ledger the frame is built from: borrowed, or lent so that columns can move out.
enum Source<'a> {
    Borrowed(&'a Ledger),
    Taken(&'a mut Ledger),
}

impl Source<'_> {
    fn get(&self) -> &Ledger {
        match self {
            Source::Borrowed(l) => l,
            Source::Taken(l) => l,
        }
    }
}

/// A drill-down filter: rows must match every key given (keys of the frame's members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// `(dimension, key)` conditions, all of which must hold.
    pub conditions: Vec<(Dim, u32)>,
}

impl Filter {
    /// No condition: every row.
    pub fn all() -> Filter {
        Filter::default()
    }

    /// This filter narrowed to one more member.
    pub fn and(mut self, dim: Dim, key: u32) -> Filter {
        self.conditions.push((dim, key));
        self
    }

    /// Whether there is no condition.
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }
}

/// A row predicate compiled from a [`Filter`] for one frame.
pub(crate) struct RowFilter<'a> {
    checks: Vec<(&'a [u32], u32)>,
}

impl<'a> RowFilter<'a> {
    pub(crate) fn new(frame: &'a Frame, filter: &Filter) -> RowFilter<'a> {
        RowFilter {
            checks: filter
                .conditions
                .iter()
                .map(|(d, k)| (frame.keys(*d), *k))
                .collect(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    #[inline]
    pub(crate) fn keep(&self, row: usize) -> bool {
        self.checks
            .iter()
            .all(|(col, k)| col.get(row).is_some_and(|v| v == k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drill_down_runs_from_the_territory_to_products() {
        assert_eq!(Dim::Region.drill_next(), Some(Dim::Customer));
        assert_eq!(Dim::Channel.drill_next(), Some(Dim::Customer));
        assert_eq!(Dim::Customer.drill_next(), Some(Dim::Product));
        assert_eq!(Dim::Category.drill_next(), Some(Dim::Product));
        assert_eq!(Dim::Product.drill_next(), None);
    }
    use crate::review::testing::*;

    #[test]
    fn the_source_key_changes_with_ledgers_and_master_data_only() {
        let mut ws = crate::demo_workspace(crate::Date::from_ymd(2026, 6, 30).unwrap());
        let key = Frame::source_key(&ws);
        ws.targets
            .plans
            .push(crate::targets::Plan::new(2027, Measure::Amount));
        ws.name.push('!');
        assert_eq!(
            Frame::source_key(&ws),
            key,
            "a plan or a name is not read by the frame"
        );
        ws.products[0].category.push('x');
        let renamed = Frame::source_key(&ws);
        assert_ne!(renamed, key);
        ws.datasets.truncate(1);
        ws.datasets[0].ledger = crate::Ledger::default();
        assert_ne!(Frame::source_key(&ws), renamed);
    }

    #[test]
    fn keys_are_unified_across_ledgers_with_master_names() {
        let a = ledger(&[
            ("2024-01-05", "C1", "P1", "R1", 100),
            ("2024-02-05", "C2", "P2", "R2", 50),
        ]);
        let b = ledger(&[("2024-03-05", "C2", "P1", "R2", 7)]);
        let products = vec![product("P1", "茶", "饮料")];
        let customers = vec![customer("C2", "瑞丰商贸", "R2")];
        let f = Frame::build(&[&a, &b], &customers, &products, &[], &[]);
        assert_eq!(f.rows(), 3);
        assert_eq!(f.months, 3);
        assert_eq!(f.members(Dim::Customer).ids, ["C2", "C1"]);
        assert_eq!(f.members(Dim::Customer).names, ["瑞丰商贸", "C1"]);
        assert_eq!(f.keys(Dim::Customer), [1, 0, 0]);
        assert_eq!(f.members(Dim::Category).ids, ["饮料", ""]);
        assert_eq!(f.keys(Dim::Category), [0, 1, 0]);
        assert_eq!(f.month, [0, 1, 2]);
        assert_eq!(f.amount, [Money(100_0000), Money(50_0000), Money(7_0000)]);
        assert_eq!(f.gross_profit, None);
        assert_eq!(
            f.region_of(0).map(|r| f.members(Dim::Region).id(r)),
            Some("R2")
        );
        assert_eq!(
            f.region_of(1).map(|r| f.members(Dim::Region).id(r)),
            Some("R1")
        );
        assert_eq!(f.last_month(), Some(2024 * 12 + 2));
        assert_eq!(f.years(), [2024]);
        // The last row is on 2024-03-05: March is still in progress.
        assert_eq!(f.last_complete_month(), Some(2024 * 12 + 1));
        let end = ledger(&[
            ("2024-01-05", "C1", "P1", "R1", 1),
            ("2024-02-27", "C1", "P1", "R1", 1),
        ]);
        let g = Frame::build(&[&end], &[], &[], &[], &[]);
        assert_eq!(
            g.last_complete_month(),
            Some(2024 * 12 + 1),
            "Feb 27 of 29 days"
        );
        assert_eq!(f.slot(2024 * 12), Some(0));
        assert_eq!(f.slot(2023 * 12), None);
    }

    #[test]
    fn rows_of_an_invalid_ledger_are_left_out_not_panicked_on() {
        let mut l = ledger(&[
            ("2024-01-05", "C1", "P1", "R1", 1),
            ("2024-02-05", "C2", "P1", "R1", 2),
            ("2024-03-05", "C1", "P1", "R1", 4),
        ]);
        l.customer[1] = 9; // outside the dictionary
        l.date[2] = Date(-60_000); // in 1805
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        assert_eq!(
            (f.rows(), f.amount.clone(), f.months),
            (1, vec![Money(1_0000)], 2)
        );
        l.amount.pop(); // a short column: the ledger is skipped
        assert_eq!(Frame::build(&[&l], &[], &[], &[], &[]).rows(), 0);
    }

    #[test]
    fn an_owned_ledger_makes_the_same_frame_with_its_columns_moved() {
        let mut l = ledger(&[
            ("2024-01-05", "C1", "P1", "R1", 100),
            ("2024-02-05", "C2", "P2", "R2", 50),
            ("2024-03-05", "C1", "P2", "R1", 7),
        ]);
        l.cost = Some(vec![Money(1), Money(2), Money(3)]);
        // The master lists C2 first: customer codes are not the frame's keys and are mapped.
        let customers = vec![customer("C2", "瑞丰", "R2")];
        let products = vec![product("P1", "茶", "饮料")];
        let built = Frame::build(&[&l], &customers, &products, &[], &[]);
        let mut taken = l.clone();
        let moved = Frame::take_from(&mut taken, &customers, &products, &[], &[]);
        assert!(taken.amount.is_empty() && taken.product.is_empty() && !taken.customer.is_empty());
        assert_eq!(built, moved);
        assert_eq!(moved.keys(Dim::Customer), [1, 0, 1]);
        assert_eq!(
            moved.keys(Dim::Region),
            [1, 0, 1],
            "R2 comes first, from the master"
        );
        assert_eq!(moved.keys(Dim::Category), [0, 1, 1]);
        assert_eq!(moved.gross_profit.as_ref().map(Vec::len), Some(3));
        // An invalid owned ledger goes row by row.
        l.customer[0] = 9;
        assert_eq!(Frame::take_from(&mut l, &[], &[], &[], &[]).rows(), 2);
    }

    #[test]
    fn an_empty_workspace_makes_an_empty_frame() {
        let f = Frame::from_workspace(&Workspace::default());
        assert_eq!(f.rows(), 0);
        assert_eq!(f.months, 0);
        assert_eq!(f.last_month(), None);
    }

    #[test]
    fn gross_profit_needs_costs_in_every_ledger() {
        let mut a = ledger(&[("2024-01-05", "C1", "P1", "R1", 100)]);
        a.cost = Some(vec![crate::Money(60_0000)]);
        let f = Frame::build(&[&a], &[], &[], &[], &[]);
        assert_eq!(f.gross_profit, Some(vec![Money(40_0000)]));
        let b = ledger(&[("2024-01-05", "C1", "P1", "R1", 100)]);
        assert_eq!(
            Frame::build(&[&a, &b], &[], &[], &[], &[]).gross_profit,
            None
        );
    }
}
