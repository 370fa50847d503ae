//! The KPI library (standard Chinese definitions, DOMAIN §1) and the scorecard: KPIs the user
//! chooses, with targets, directions and thresholds, evaluated to achievement and a
//! red/amber/green status with a 12-month trend.

use super::frame::{Dim, Filter, Frame, RowFilter};
use super::period::{Period, growth};
use crate::{Lang, Money};
use serde::{Deserialize, Serialize};

/// 达成率 achievement = actual / target; `None` when the target is 0. For a quarter or a
/// year, sum actuals and targets first ([`achievement_of_sums`]).
pub fn achievement(actual: f64, target: f64) -> Option<f64> {
    (target != 0.0).then(|| actual / target)
}

/// Achievement over several months: Σ actual / Σ target (never the average of monthly rates).
pub fn achievement_of_sums(actuals: &[Money], targets: &[Money]) -> Option<f64> {
    let a: Money = actuals.iter().copied().sum();
    let t: Money = targets.iter().copied().sum();
    achievement(a.to_f64(), t.to_f64())
}

/// 回款率 collection rate = cash received / sales = (opening AR + sales − closing AR) / sales.
pub fn collection_rate(opening_ar: Money, sales: Money, closing_ar: Money) -> Option<f64> {
    let cash = opening_ar.saturating_add(sales).saturating_sub(closing_ar);
    (sales.0 != 0).then(|| cash.to_f64() / sales.to_f64())
}

/// 铺货率 numeric distribution = outlets carrying / outlets in the universe.
pub fn numeric_distribution(carrying: u64, universe: u64) -> Option<f64> {
    (universe > 0).then(|| carrying as f64 / universe as f64)
}

/// Weighted distribution = category sales of the outlets carrying / category sales of all outlets.
pub fn weighted_distribution(
    category_sales_carrying: Money,
    category_sales_all: Money,
) -> Option<f64> {
    (category_sales_all.0 != 0)
        .then(|| category_sales_carrying.to_f64() / category_sales_all.to_f64())
}

/// 动销率 = SKUs that sold in the window / SKUs carried (can exceed 100%).
pub fn sell_through(skus_sold: u64, skus_carried: u64) -> Option<f64> {
    (skus_carried > 0).then(|| skus_sold as f64 / skus_carried as f64)
}

/// 毛利率 gross margin = (sales − cost) / sales.
pub fn gross_margin(sales: Money, cost: Money) -> Option<f64> {
    (sales.0 != 0).then(|| sales.saturating_sub(cost).to_f64() / sales.to_f64())
}

/// A KPI the scorecard can compute from the ledger.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    /// 销售额, in yuan.
    Sales,
    /// 销量.
    Quantity,
    /// 毛利, in yuan (needs costs).
    GrossProfit,
    /// 毛利率, a fraction (needs costs).
    GrossMargin,
    /// 同比增长 of sales, a fraction.
    SalesYoy,
    /// 环比增长 of sales (against the run of months just before), a fraction.
    SalesPop,
    /// 活跃客户数: customers with net sales > 0.
    ActiveCustomers,
    /// 铺货率: active customers / the outlet universe (needs the universe).
    NumericDistribution,
    /// 动销率: SKUs sold / SKUs carried (the product master, or the SKUs in the ledger).
    SellThrough,
    /// 客户单产: sales per active customer.
    SalesPerCustomer,
    /// 人均销售额: sales per salesperson with sales.
    SalesPerSalesperson,
    /// 单品产出: sales per SKU sold.
    SalesPerSku,
}

/// How a KPI's value is expressed.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Money, in yuan.
    Money,
    /// A count or quantity.
    Count,
    /// A fraction (0.1 = 10%).
    Ratio,
}

impl Kpi {
    /// Every KPI, in library order.
    pub const ALL: [Kpi; 12] = [
        Kpi::Sales,
        Kpi::Quantity,
        Kpi::GrossProfit,
        Kpi::GrossMargin,
        Kpi::SalesYoy,
        Kpi::SalesPop,
        Kpi::ActiveCustomers,
        Kpi::NumericDistribution,
        Kpi::SellThrough,
        Kpi::SalesPerCustomer,
        Kpi::SalesPerSalesperson,
        Kpi::SalesPerSku,
    ];

    /// The code used in files ("sales", "gross_margin", …).
    pub fn code(self) -> &'static str {
        match self {
            Kpi::Sales => "sales",
            Kpi::Quantity => "quantity",
            Kpi::GrossProfit => "gross_profit",
            Kpi::GrossMargin => "gross_margin",
            Kpi::SalesYoy => "sales_yoy",
            Kpi::SalesPop => "sales_pop",
            Kpi::ActiveCustomers => "active_customers",
            Kpi::NumericDistribution => "numeric_distribution",
            Kpi::SellThrough => "sell_through",
            Kpi::SalesPerCustomer => "sales_per_customer",
            Kpi::SalesPerSalesperson => "sales_per_salesperson",
            Kpi::SalesPerSku => "sales_per_sku",
        }
    }

    /// The KPI for a code.
    pub fn from_code(code: &str) -> Option<Kpi> {
        Kpi::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The name shown to users.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kpi::Sales => lang.pick("销售额", "Sales"),
            Kpi::Quantity => lang.pick("销量", "Quantity"),
            Kpi::GrossProfit => lang.pick("毛利", "Gross profit"),
            Kpi::GrossMargin => lang.pick("毛利率", "Gross margin"),
            Kpi::SalesYoy => lang.pick("销售额同比", "Sales YoY"),
            Kpi::SalesPop => lang.pick("销售额环比", "Sales vs previous period"),
            Kpi::ActiveCustomers => lang.pick("活跃客户数", "Active customers"),
            Kpi::NumericDistribution => lang.pick("铺货率", "Numeric distribution"),
            Kpi::SellThrough => lang.pick("动销率", "SKUs selling"),
            Kpi::SalesPerCustomer => lang.pick("客户单产", "Sales per customer"),
            Kpi::SalesPerSalesperson => lang.pick("人均销售额", "Sales per salesperson"),
            Kpi::SalesPerSku => lang.pick("单品产出", "Sales per SKU"),
        }
    }

    /// The unit of its values (and targets).
    pub fn unit(self) -> Unit {
        match self {
            Kpi::Sales
            | Kpi::GrossProfit
            | Kpi::SalesPerCustomer
            | Kpi::SalesPerSalesperson
            | Kpi::SalesPerSku => Unit::Money,
            Kpi::Quantity | Kpi::ActiveCustomers => Unit::Count,
            Kpi::GrossMargin
            | Kpi::SalesYoy
            | Kpi::SalesPop
            | Kpi::NumericDistribution
            | Kpi::SellThrough => Unit::Ratio,
        }
    }
}

/// Whether more is better.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiDirection {
    /// Achievement = actual / target.
    #[default]
    HigherIsBetter,
    /// Achievement = target / actual.
    LowerIsBetter,
}

/// One KPI of a scorecard, as the user configured it (kept in the workspace).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardItem {
    /// The KPI.
    pub kpi: Kpi,
    /// The target, exact (a ratio as a fraction: 0.35 for 35%), in the KPI's unit.
    pub target: Money,
    /// Whether more is better.
    #[serde(default)]
    pub direction: KpiDirection,
    /// Green at or above this achievement, in percent (default 100).
    #[serde(default = "default_green")]
    pub green: u32,
    /// Amber at or above this achievement, in percent (default 90); red below.
    #[serde(default = "default_amber")]
    pub amber: u32,
}

fn default_green() -> u32 {
    100
}

fn default_amber() -> u32 {
    90
}

impl ScorecardItem {
    /// An item with the default thresholds (green ≥ 100%, amber ≥ 90%), higher is better.
    pub fn new(kpi: Kpi, target: Money) -> ScorecardItem {
        ScorecardItem {
            kpi,
            target,
            direction: KpiDirection::HigherIsBetter,
            green: default_green(),
            amber: default_amber(),
        }
    }
}

/// A scorecard status.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Achievement at or above the green threshold.
    Green,
    /// At or above amber, below green.
    Amber,
    /// Below amber.
    Red,
    /// No actual value or no usable target.
    Unknown,
}

impl Status {
    /// The name shown beside the colour (never colour alone).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Green => lang.pick("达标", "On target"),
            Status::Amber => lang.pick("预警", "Watch"),
            Status::Red => lang.pick("落后", "Behind"),
            Status::Unknown => lang.pick("无数据", "No data"),
        }
    }
}

/// The achievement of an actual against a target in a direction: actual / target when
/// higher is better, target / actual when lower is better (there an actual of 0 meets any
/// non-negative target: no achievement figure, status green).
pub fn score(actual: Option<f64>, item: &ScorecardItem) -> (Option<f64>, Status) {
    let target = item.target.to_f64();
    let Some(actual) = actual else {
        return (None, Status::Unknown);
    };
    let ach = match item.direction {
        KpiDirection::HigherIsBetter => achievement(actual, target),
        KpiDirection::LowerIsBetter => {
            if actual == 0.0 && target >= 0.0 {
                return (None, Status::Green);
            }
            achievement(target, actual)
        }
    };
    let status = match ach {
        None => Status::Unknown,
        Some(a) if a * 100.0 >= f64::from(item.green) - 1e-9 => Status::Green,
        Some(a) if a * 100.0 >= f64::from(item.amber) - 1e-9 => Status::Amber,
        Some(_) => Status::Red,
    };
    (ach, status)
}

/// What the KPIs are computed from, for one period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiBase {
    /// Net sales.
    pub sales: Money,
    /// Quantity.
    pub quantity: Money,
    /// Gross profit, when costs are known.
    pub gross_profit: Option<Money>,
    /// Customers with net sales > 0.
    pub active_customers: u64,
    /// SKUs with net sales > 0.
    pub skus_sold: u64,
    /// Salespeople with a row.
    pub salespeople: u64,
}

/// The KPI bases of several periods in one pass over the rows.
pub fn kpi_bases(frame: &Frame, periods: &[Period], filter: &Filter) -> Vec<KpiBase> {
    let np = periods.len();
    let nc = frame.members(Dim::Customer).len();
    let nk = frame.members(Dim::Product).len();
    let ns = frame.members(Dim::Salesperson).len();
    // For each month slot, the periods that contain it.
    let mut of_slot: Vec<Vec<u16>> = vec![Vec::new(); frame.months as usize];
    for (j, p) in periods.iter().enumerate() {
        for m in p.first..=p.last {
            if let Some(s) = frame.slot(m) {
                of_slot[s as usize].push(j as u16);
            }
        }
    }
    let mut sums = vec![[0i64; 3]; np];
    let mut cust = vec![0i64; np * nc];
    let mut prod = vec![0i64; np * nk];
    let mut people = vec![false; np * ns];
    let rf = RowFilter::new(frame, filter);
    let gp = frame.gross_profit.as_deref();
    let (kc, kp, ks) = (
        frame.keys(Dim::Customer),
        frame.keys(Dim::Product),
        frame.keys(Dim::Salesperson),
    );
    for (i, &m) in frame.month.iter().enumerate() {
        let Some(list) = of_slot.get(m as usize) else {
            continue;
        };
        if list.is_empty() || !rf.keep(i) {
            continue;
        }
        let a = frame.amount[i].0;
        let (c, k, s) = (kc[i] as usize, kp[i] as usize, ks[i] as usize);
        for &j in list {
            let j = j as usize;
            let t = &mut sums[j];
            t[0] = t[0].saturating_add(a);
            t[1] = t[1].saturating_add(frame.quantity[i].0);
            t[2] = t[2].saturating_add(gp.map_or(0, |g| g[i].0));
            if c < nc {
                cust[j * nc + c] = cust[j * nc + c].saturating_add(a);
            }
            if k < nk {
                prod[j * nk + k] = prod[j * nk + k].saturating_add(a);
            }
            if s < ns {
                people[j * ns + s] = true;
            }
        }
    }
    (0..np)
        .map(|j| {
            let positive = |v: &[i64]| v.iter().filter(|x| **x > 0).count() as u64;
            KpiBase {
                sales: Money(sums[j][0]),
                quantity: Money(sums[j][1]),
                gross_profit: gp.map(|_| Money(sums[j][2])),
                active_customers: positive(&cust[j * nc..(j + 1) * nc]),
                skus_sold: positive(&prod[j * nk..(j + 1) * nk]),
                salespeople: people[j * ns..(j + 1) * ns].iter().filter(|x| **x).count() as u64,
            }
        })
        .collect()
}

/// The value of a KPI (money in yuan, ratios as fractions), from the bases of its period,
/// the same months a year earlier and the run of months just before. `None` when it cannot
/// be computed (no costs, no universe, a zero denominator).
pub fn kpi_value(
    kpi: Kpi,
    cur: &KpiBase,
    year_before: &KpiBase,
    period_before: &KpiBase,
    universe: Option<u64>,
    skus_carried: u64,
) -> Option<f64> {
    let per = |n: u64| (n > 0).then(|| cur.sales.to_f64() / n as f64);
    match kpi {
        Kpi::Sales => Some(cur.sales.to_f64()),
        Kpi::Quantity => Some(cur.quantity.to_f64()),
        Kpi::GrossProfit => cur.gross_profit.map(Money::to_f64),
        Kpi::GrossMargin => {
            let gp = cur.gross_profit?;
            gross_margin(cur.sales, cur.sales.saturating_sub(gp))
        }
        Kpi::SalesYoy => growth(cur.sales.0, year_before.sales.0),
        Kpi::SalesPop => growth(cur.sales.0, period_before.sales.0),
        Kpi::ActiveCustomers => Some(cur.active_customers as f64),
        Kpi::NumericDistribution => numeric_distribution(cur.active_customers, universe?),
        Kpi::SellThrough => sell_through(cur.skus_sold, skus_carried),
        Kpi::SalesPerCustomer => per(cur.active_customers),
        Kpi::SalesPerSalesperson => per(cur.salespeople),
        Kpi::SalesPerSku => per(cur.skus_sold),
    }
}

/// One evaluated scorecard line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreLine {
    /// The configured item.
    pub item: ScorecardItem,
    /// The actual value in the period.
    pub actual: Option<f64>,
    /// Achievement as a fraction (1.0 = 100%).
    pub achievement: Option<f64>,
    /// The status.
    pub status: Status,
    /// The KPI in each of the 12 months ending with the period (the sparkline).
    pub trend: Vec<Option<f64>>,
}

/// Evaluates a scorecard for `period`: each KPI's actual, achievement against its target,
/// status, and its monthly values over the 12 months ending with the period. SKUs carried
/// are the product master's SKUs (or, without a master, the SKUs in the ledger).
pub fn scorecard(
    frame: &Frame,
    items: &[ScorecardItem],
    period: Period,
    filter: &Filter,
    universe: Option<u64>,
) -> Vec<ScoreLine> {
    // Periods: 0 current, 1 a year before, 2 the run before; then for each of the 12 months
    // m: the month, the month a year before, the month before.
    let mut periods = vec![
        period,
        period.shift(-12),
        period.shift(-(period.len() as i32)),
    ];
    for k in 0..12 {
        let m = Period::months(period.last - 11 + k, period.last - 11 + k);
        periods.extend([m, m.shift(-12), m.shift(-1)]);
    }
    let bases = kpi_bases(frame, &periods, filter);
    let carried = if frame.products_in_master > 0 {
        u64::from(frame.products_in_master)
    } else {
        frame.members(Dim::Product).len() as u64
    };
    let value = |kpi, j: usize| {
        kpi_value(
            kpi,
            &bases[j],
            &bases[j + 1],
            &bases[j + 2],
            universe,
            carried,
        )
    };
    items
        .iter()
        .map(|item| {
            let actual = value(item.kpi, 0);
            let (achievement, status) = score(actual, item);
            ScoreLine {
                item: item.clone(),
                actual,
                achievement,
                status,
                trend: (0..12).map(|k| value(item.kpi, 3 + 3 * k)).collect(),
            }
        })
        .collect()
}

/// The scorecard a review starts from before the user changes it: sales, YoY growth, active
/// customers, sales per customer and sell-through, with targets a manager would write — sales
/// +10%, customers and sales per customer +5% over the `base` period, growth 10%, sell-through
/// 80% — money rounded to the 万 (to the yuan below ¥100,000), counts whole.
pub fn default_scorecard(frame: &Frame, base: Period, filter: &Filter) -> Vec<ScorecardItem> {
    let kpis = [Kpi::Sales, Kpi::ActiveCustomers, Kpi::SalesPerCustomer];
    let items: Vec<ScorecardItem> = kpis
        .iter()
        .map(|k| ScorecardItem::new(*k, Money::ZERO))
        .collect();
    let lines = scorecard(frame, &items, base, filter, None);
    let target = |i: usize, factor: f64| {
        lines[i].actual.map_or(Money::ZERO, |a| {
            let t = a * factor;
            let step = if t >= 100_000.0 { 10_000.0 } else { 1.0 };
            Money::from_f64((t / step).round() * step).unwrap_or(Money::ZERO)
        })
    };
    vec![
        ScorecardItem::new(Kpi::Sales, target(0, 1.1)),
        ScorecardItem::new(Kpi::SalesYoy, Money(1_000)),
        ScorecardItem::new(Kpi::ActiveCustomers, target(1, 1.05)),
        ScorecardItem::new(Kpi::SalesPerCustomer, target(2, 1.05)),
        ScorecardItem::new(Kpi::SellThrough, Money(8_000)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::*;

    #[test]
    fn library_formulas_by_hand() {
        assert_close(achievement(90.0, 100.0), 0.9);
        assert_eq!(achievement(1.0, 0.0), None);
        // Quarter: (30 + 50 + 40) / (40 + 40 + 40) = 100%, not the mean of 75%, 125%, 100%.
        let m = |v: i64| Money(v * 10_000);
        assert_close(
            achievement_of_sums(&[m(30), m(50), m(40)], &[m(40), m(40), m(40)]),
            1.0,
        );
        // Opening AR 100, sales 500, closing AR 150: cash 450, rate 90%.
        assert_close(collection_rate(m(100), m(500), m(150)), 0.9);
        assert_close(numeric_distribution(30, 120), 0.25);
        assert_close(weighted_distribution(m(600), m(800)), 0.75);
        assert_close(sell_through(45, 40), 1.125);
        assert_close(gross_margin(m(200), m(150)), 0.25);
        assert_eq!(gross_margin(Money::ZERO, m(1)), None);
    }

    #[test]
    fn status_rules_with_directions_and_thresholds() {
        let item = ScorecardItem::new(Kpi::Sales, Money(100_0000));
        assert_eq!(score(Some(100.0), &item), (Some(1.0), Status::Green));
        assert_eq!(score(Some(95.0), &item).1, Status::Amber);
        assert_eq!(score(Some(90.0), &item).1, Status::Amber);
        assert_eq!(score(Some(89.9), &item).1, Status::Red);
        assert_eq!(score(None, &item), (None, Status::Unknown));
        let lower = ScorecardItem {
            direction: KpiDirection::LowerIsBetter,
            green: 110,
            amber: 95,
            ..ScorecardItem::new(Kpi::SalesPerSku, Money(50_0000))
        };
        // Lower is better: 50 / 40 = 125% → green (≥ 110); 50 / 50 = 100% → amber; 50 / 60 → red.
        assert_close(score(Some(40.0), &lower).0, 1.25);
        assert_eq!(score(Some(40.0), &lower).1, Status::Green);
        assert_eq!(score(Some(50.0), &lower).1, Status::Amber);
        assert_eq!(score(Some(60.0), &lower).1, Status::Red);
        assert_eq!(score(Some(0.0), &lower), (None, Status::Green));
    }

    /// 2023: 300 (C1 P1 100 in Jan; C2 P1 200 in Feb). 2024: C1 P1 150 + P2 50 in Jan,
    /// C3 P2 200 in Mar → 400. YoY +33.3%; 3 SKUs known, 2 sold in 2024 → 动销率 66.7%;
    /// active customers 2 → 200 per customer; numeric distribution with a universe of 8: 25%.
    /// Base 2023: sales ¥300,000 from two customers. Targets: ¥330,000 (to the 万), 10%,
    /// 2 customers (2.1 counted whole), ¥160,000 per customer (150,000 × 1.05 = 157,500 to the
    /// 万), sell-through 80%. A base period without sales targets zero.
    #[test]
    fn default_scorecard_by_hand() {
        let l = ledger(&[
            ("2023-01-10", "C1", "P1", "R1", 100_000),
            ("2023-02-10", "C2", "P1", "R1", 200_000),
            ("2024-01-10", "C1", "P1", "R1", 150),
        ]);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let got: Vec<(Kpi, Money)> = default_scorecard(&f, Period::year(2023), &Filter::all())
            .into_iter()
            .map(|i| (i.kpi, i.target))
            .collect();
        let yuan = |v: i64| Money(v * 10_000);
        assert_eq!(
            got,
            [
                (Kpi::Sales, yuan(330_000)),
                (Kpi::SalesYoy, Money(1_000)),
                (Kpi::ActiveCustomers, yuan(2)),
                (Kpi::SalesPerCustomer, yuan(160_000)),
                (Kpi::SellThrough, Money(8_000)),
            ]
        );
        let empty = default_scorecard(&f, Period::year(2020), &Filter::all());
        assert_eq!(empty[0].target, Money::ZERO);
        assert_eq!(empty[3].target, Money::ZERO);
    }

    #[test]
    fn scorecard_by_hand() {
        let l = ledger(&[
            ("2023-01-10", "C1", "P1", "R1", 100),
            ("2023-02-10", "C2", "P1", "R1", 200),
            ("2024-01-10", "C1", "P1", "R1", 150),
            ("2024-01-11", "C1", "P2", "R1", 50),
            ("2024-03-10", "C3", "P2", "R1", 200),
            ("2024-03-11", "C3", "P3", "R1", 0),
        ]);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let items = [
            ScorecardItem::new(Kpi::Sales, Money(500_0000)),
            ScorecardItem::new(Kpi::SalesYoy, Money(3000)),
            ScorecardItem::new(Kpi::SellThrough, Money(8000)),
            ScorecardItem::new(Kpi::SalesPerCustomer, Money(200_0000)),
            ScorecardItem::new(Kpi::NumericDistribution, Money(2500)),
            ScorecardItem::new(Kpi::GrossMargin, Money(3000)),
        ];
        let lines = scorecard(&f, &items, Period::year(2024), &Filter::all(), Some(8));
        let got: Vec<(Option<f64>, Status)> = lines
            .iter()
            .map(|l| (l.actual.map(|a| (a * 1e6).round() / 1e6), l.status))
            .collect();
        assert_eq!(
            got,
            [
                (Some(400.0), Status::Red),      // 80%
                (Some(0.333333), Status::Green), // 111%
                (Some(0.666667), Status::Red),   // 83%
                (Some(200.0), Status::Green),    // 100%
                (Some(0.25), Status::Green),     // 100%
                (None, Status::Unknown),         // no costs
            ]
        );
        // Trend: the 12 months of 2024; January 200 against January 2023's 100.
        let yoy = &lines[1].trend;
        assert_eq!(yoy.len(), 12);
        assert_close(yoy[0], 1.0);
        assert_eq!(yoy[2], None); // March 2023 had no sales: growth is "new"
        assert_eq!(lines[0].trend[2], Some(200.0));
    }
}
