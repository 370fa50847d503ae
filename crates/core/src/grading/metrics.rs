//! The ledger metrics of metric factors, for every customer, in one pass over the ledgers.
//!
//! The window is the 12 calendar months ending with the month of the last date in any of the
//! workspace's ledgers, up to that date (a ledger ending 2019-12-30 uses 2019-01-01 to
//! 2019-12-30). Growth compares with the 12 calendar months before the window (2018).

use super::{Dec, Metric};
use crate::dec::{clamp, div_round};
use crate::{Date, Workspace};
use std::collections::{HashMap, HashSet};

/// The six metrics of every customer: computed once, scored against many scales.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metrics {
    /// The first and last day of the window (`None`: no ledger rows).
    pub window: Option<(Date, Date)>,
    /// The comparison window of `growth_12m`: the 12 calendar months before `window`.
    pub previous: Option<(Date, Date)>,
    /// Every customer in master data or a ledger, sorted by id.
    pub customers: Vec<String>,
    /// The metrics of `customers[i]`, indexed by [`Metric::index`].
    pub values: Vec<[Dec; 6]>,
    /// Whether any ledger has costs (without them gross margins are 0).
    pub has_cost: bool,
}

impl Metrics {
    /// The position of a customer in `customers`.
    pub fn index_of(&self, customer: &str) -> Option<usize> {
        self.customers
            .binary_search_by(|c| c.as_str().cmp(customer))
            .ok()
    }

    /// One metric of one customer (0 for customers it does not know).
    pub fn value(&self, customer: &str, metric: Metric) -> Dec {
        self.index_of(customer)
            .and_then(|i| self.values.get(i))
            .map_or(Dec::ZERO, |v| v[metric.index()])
    }
}

#[derive(Default, Clone)]
struct Acc {
    amount: i128,
    previous: i128,
    costed_amount: i128,
    cost: i128,
    months: [i128; 12],
}

/// Computes every metric for every customer of the workspace (master data and ledgers).
pub fn compute_metrics(ws: &Workspace) -> Metrics {
    let mut ids: Vec<&str> = ws.customers.iter().map(|c| c.id.as_str()).collect();
    for d in &ws.datasets {
        ids.extend(d.ledger.customers.iter().map(String::as_str));
    }
    ids.sort_unstable();
    ids.dedup();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let last = ws
        .datasets
        .iter()
        .filter_map(|d| d.ledger.date_range())
        .map(|(_, b)| b)
        .max();
    let mut metrics = Metrics {
        customers: ids.iter().map(|c| c.to_string()).collect(),
        values: vec![[Dec::ZERO; 6]; ids.len()],
        has_cost: ws.datasets.iter().any(|d| d.ledger.cost.is_some()),
        ..Metrics::default()
    };
    let Some(last) = last else {
        return metrics;
    };
    let end_month = last.month_index();
    let (start, prev_start, prev_end) = windows(last);
    metrics.window = Some((start, last));
    metrics.previous = Some((prev_start, prev_end));

    let mut acc = vec![Acc::default(); ids.len()];
    let mut orders: HashSet<(usize, Result<&str, Date>)> = HashSet::new();
    let mut skus: HashSet<(usize, &str)> = HashSet::new();
    for d in &ws.datasets {
        let l = &d.ledger;
        let codes: Vec<Option<usize>> = l
            .customers
            .iter()
            .map(|c| index.get(c.as_str()).copied())
            .collect();
        for (row, &date) in l.date.iter().enumerate() {
            let in_window = date >= start && date <= last;
            let in_previous = date >= prev_start && date <= prev_end;
            if !in_window && !in_previous {
                continue;
            }
            let Some(Some(c)) = l.customer.get(row).and_then(|&k| codes.get(k as usize)) else {
                continue;
            };
            let Some(a) = acc.get_mut(*c) else { continue };
            let amount = i128::from(l.amount.get(row).map_or(0, |m| m.0));
            if in_previous {
                a.previous += amount;
            }
            if !in_window {
                continue;
            }
            a.amount += amount;
            if let Some(cost) = l.cost.as_ref().and_then(|c| c.get(row)) {
                a.cost += i128::from(cost.0);
                a.costed_amount += amount;
            }
            let slot = (11 - (end_month - date.month_index())).clamp(0, 11) as usize;
            a.months[slot] += amount;
            let order = l
                .order_id
                .get(row)
                .and_then(|&k| l.orders.get(k as usize))
                .filter(|o| !o.trim().is_empty())
                .ok_or(date);
            orders.insert((*c, order));
            if amount > 0
                && let Some(p) = l.product.get(row).and_then(|&k| l.products.get(k as usize))
            {
                skus.insert((*c, p.as_str()));
            }
        }
    }
    let mut order_counts = vec![0i64; ids.len()];
    for (c, _) in &orders {
        order_counts[*c] += 1;
    }
    let mut sku_counts = vec![0i64; ids.len()];
    for (c, _) in &skus {
        sku_counts[*c] += 1;
    }
    for (i, a) in acc.iter().enumerate() {
        let v = &mut metrics.values[i];
        v[Metric::Amount12m.index()] = Dec(clamp(a.amount));
        v[Metric::Growth12m.index()] = growth(a.amount, a.previous);
        v[Metric::GrossMargin12m.index()] = if a.costed_amount > 0 {
            Dec(clamp(div_round(
                (a.costed_amount - a.cost) * 100 * i128::from(Dec::SCALE),
                a.costed_amount,
            )))
        } else {
            Dec::ZERO
        };
        v[Metric::Orders12m.index()] = Dec::int(order_counts[i]);
        v[Metric::ActiveMonths12m.index()] =
            Dec::int(a.months.iter().filter(|m| **m > 0).count() as i64);
        v[Metric::Skus12m.index()] = Dec::int(sku_counts[i]);
    }
    metrics
}

/// The window's first day and the comparison window for a last date.
fn windows(last: Date) -> (Date, Date, Date) {
    let (y, m) = Date::from_month_index(last.month_index() - 11);
    let start = Date::from_ymd(y, m, 1).unwrap_or(last);
    let (py, pm) = Date::from_month_index(last.month_index() - 23);
    let prev_start = Date::from_ymd(py, pm, 1).unwrap_or(start);
    (start, prev_start, start.add_days(-1))
}

/// Growth in percent: (now − before) / before. Without positive sales before, 100 % when
/// there are sales now and 0 otherwise.
fn growth(now: i128, before: i128) -> Dec {
    if before <= 0 {
        return if now > 0 { Dec::HUNDRED } else { Dec::ZERO };
    }
    Dec(clamp(div_round(
        (now - before) * 100 * i128::from(Dec::SCALE),
        before,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{LedgerBuilder, Row};
    use crate::{Dataset, Money};

    fn day(t: &str) -> Date {
        Date::parse_iso(t).unwrap_or_default()
    }

    type TestRow<'a> = (&'a str, &'a str, &'a str, i64, Option<i64>, &'a str);

    fn ledger_ws(rows: &[TestRow<'_>]) -> Workspace {
        let mut b = LedgerBuilder::new();
        for (date, customer, product, amount, cost, order) in rows {
            b.push_row(&Row {
                date: day(date),
                customer,
                product,
                region: "R1",
                salesperson: "S1",
                channel: "经销商",
                quantity: Money(10_000),
                amount: Money::from_units(*amount).unwrap_or_default(),
                cost: cost.and_then(Money::from_units),
                order_id: order,
            });
        }
        Workspace {
            datasets: vec![Dataset {
                id: "d".into(),
                ledger: b.finish(),
                ..Dataset::default()
            }],
            ..Workspace::default()
        }
    }

    #[test]
    fn window_is_twelve_calendar_months_to_the_last_date() {
        let ws = ledger_ws(&[
            ("2018-12-31", "C1", "P1", 100, Some(50), "O0"),
            ("2019-01-01", "C1", "P1", 200, Some(150), "O1"),
            ("2019-12-30", "C2", "P1", 10, Some(5), "O2"),
        ]);
        let m = compute_metrics(&ws);
        assert_eq!(m.window, Some((day("2019-01-01"), day("2019-12-30"))));
        assert_eq!(m.previous, Some((day("2018-01-01"), day("2018-12-31"))));
        assert_eq!(m.value("C1", Metric::Amount12m), Dec::int(200));
        // 2018: 100 before, 200 now.
        assert_eq!(m.value("C1", Metric::Growth12m), Dec::HUNDRED);
        assert_eq!(m.value("C2", Metric::Growth12m), Dec::HUNDRED);
        assert_eq!(m.value("C1", Metric::GrossMargin12m), Dec::int(25));
        assert_eq!(m.value("C9", Metric::Amount12m), Dec::ZERO);
    }

    #[test]
    fn hand_worked_metrics() {
        let ws = ledger_ws(&[
            // Prior year: 400.
            ("2023-03-10", "C1", "P1", 400, Some(300), "A0"),
            // Window 2023-07-01 .. 2024-06-15: 300 + 200 + 100 − 100 = 500.
            ("2023-07-01", "C1", "P1", 300, Some(200), "A1"),
            ("2023-07-01", "C1", "P2", 200, Some(100), "A1"),
            ("2024-02-05", "C1", "P3", 100, Some(90), ""),
            ("2024-02-06", "C1", "P3", -100, Some(-90), ""),
            ("2024-06-15", "C2", "P1", 0, Some(0), "B1"),
        ]);
        let m = compute_metrics(&ws);
        let v = |c, metric| m.value(c, metric);
        assert_eq!(v("C1", Metric::Amount12m), Dec::int(500));
        assert_eq!(v("C1", Metric::Growth12m), Dec::int(25));
        // GP 500 − 300 = 200 → 40 %.
        assert_eq!(v("C1", Metric::GrossMargin12m), Dec::int(40));
        // Order A1 once, then two rows without an order id on two dates.
        assert_eq!(v("C1", Metric::Orders12m), Dec::int(3));
        // July has +500; February nets to 0.
        assert_eq!(v("C1", Metric::ActiveMonths12m), Dec::int(1));
        // P1, P2, P3 had positive rows.
        assert_eq!(v("C1", Metric::Skus12m), Dec::int(3));
        assert_eq!(v("C2", Metric::Orders12m), Dec::int(1));
        assert_eq!(v("C2", Metric::Skus12m), Dec::ZERO);
        assert_eq!(v("C2", Metric::Growth12m), Dec::ZERO);
        assert!(m.has_cost);
    }

    #[test]
    fn growth_rounds_and_windows_are_calendar_months() {
        assert_eq!(growth(200, 300), Dec(-333_333));
        assert_eq!(growth(1, 3), Dec(-666_667));
        assert_eq!(growth(0, 0), Dec::ZERO);
        let (start, ps, pe) = windows(day("2024-02-29"));
        assert_eq!(
            (start, ps, pe),
            (day("2023-03-01"), day("2022-03-01"), day("2023-02-28"))
        );
    }

    #[test]
    fn empty_workspace_has_no_window() {
        let m = compute_metrics(&Workspace::default());
        assert_eq!(m.window, None);
        assert!(m.customers.is_empty());
    }
}
