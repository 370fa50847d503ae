//! The product × customer profitability matrix (产品/客户盈利性矩阵) and customer profit after
//! cost to serve, over the same 12-month window as the metrics.
//!
//! Rows are product classes (by the product's gross margin over the window, or assigned by
//! the user), columns the customers' grades (unrated last). Each cell: revenue, gross profit,
//! GP %. Customer profit = gross profit − cost to serve, where cost to serve = rebates
//! (revenue × rebate %) + logistics (revenue × logistics %) + visits (visits a year from the
//! grade's service policy × cost per visit) + credit cost (receivable days / 365 × revenue ×
//! interest rate) + KA fees (for key-account customers). Rows of ledgers without costs add
//! revenue but no gross profit.

use super::{Dec, MemberScore, Metrics, ServicePolicy, policy_for};
use crate::dec::{clamp, div_round};
use crate::{CustomerKind, Lang, Money, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How products are put in classes, and what serving a customer costs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfitConfig {
    /// The product class rule.
    pub classes: ProductClassRule,
    /// Cost-to-serve inputs.
    pub cost_to_serve: CostToServe,
}

/// How products are classed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ProductClassRule {
    /// By gross margin over the window: `bounds` are descending GM % cut points; n bounds
    /// give n + 1 classes ("≥ 40%", "25–40%", …). Products with no cost fall in the last.
    ByMargin { bounds: Vec<Dec> },
    /// By the user: product id → class name; classes in order of first name; products not
    /// listed go to a last class named "".
    Custom { products: BTreeMap<String, String> },
}

impl Default for ProductClassRule {
    /// Four classes by GM %: ≥ 40, 25–40, 10–25, < 10.
    fn default() -> ProductClassRule {
        ProductClassRule::ByMargin {
            bounds: vec![Dec::int(40), Dec::int(25), Dec::int(10)],
        }
    }
}

/// The most cut points a by-margin rule may have (classes are one more).
pub const MAX_CLASS_BOUNDS: usize = 9;

/// Why typed GM % cut points were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassBoundsError {
    /// No cut point at all.
    Empty,
    /// A part that is not a number, as typed.
    NotANumber(String),
    /// A cut point outside −100 % to 100 %.
    OutOfRange(Dec),
    /// The same cut point twice.
    Repeated(Dec),
    /// More than [`MAX_CLASS_BOUNDS`] cut points.
    TooMany(usize),
}

impl ClassBoundsError {
    /// A message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ClassBoundsError::Empty, Lang::Zh) => {
                "请至少输入一个毛利率分界点，如“40, 25, 10”。".into()
            }
            (ClassBoundsError::Empty, Lang::En) => {
                "Enter at least one GM % cut point, e.g. \"40, 25, 10\".".into()
            }
            (ClassBoundsError::NotANumber(t), Lang::Zh) => format!("“{t}”不是数字。"),
            (ClassBoundsError::NotANumber(t), Lang::En) => format!("\"{t}\" is not a number."),
            (ClassBoundsError::OutOfRange(v), Lang::Zh) => {
                format!("分界点 {v}% 须在 −100% 至 100% 之间。")
            }
            (ClassBoundsError::OutOfRange(v), Lang::En) => {
                format!("The cut point {v}% must be within −100% and 100%.")
            }
            (ClassBoundsError::Repeated(v), Lang::Zh) => format!("分界点 {v}% 重复了。"),
            (ClassBoundsError::Repeated(v), Lang::En) => {
                format!("The cut point {v}% is given twice.")
            }
            (ClassBoundsError::TooMany(n), Lang::Zh) => {
                format!("分界点最多 {MAX_CLASS_BOUNDS} 个（现有 {n} 个）。")
            }
            (ClassBoundsError::TooMany(n), Lang::En) => {
                format!("At most {MAX_CLASS_BOUNDS} cut points ({n} given).")
            }
        }
    }
}

/// GM % cut points typed as "40, 25, 10" (commas, 、, spaces or semicolons between; % signs
/// allowed), highest first, or why they are refused.
pub fn parse_class_bounds(text: &str) -> Result<Vec<Dec>, ClassBoundsError> {
    let mut out = Vec::new();
    for part in text
        .split([',', '，', '、', ';', '；', ' ', '\t'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let number = part.trim_end_matches(['%', '％']).replace('−', "-");
        let v = Dec::parse(number.trim())
            .ok_or_else(|| ClassBoundsError::NotANumber(part.to_string()))?;
        if v < Dec(-Dec::HUNDRED.0) || v > Dec::HUNDRED {
            return Err(ClassBoundsError::OutOfRange(v));
        }
        if out.contains(&v) {
            return Err(ClassBoundsError::Repeated(v));
        }
        out.push(v);
    }
    if out.is_empty() {
        return Err(ClassBoundsError::Empty);
    }
    if out.len() > MAX_CLASS_BOUNDS {
        return Err(ClassBoundsError::TooMany(out.len()));
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    Ok(out)
}

/// The cut points as they are typed back ("40, 25, 10").
pub fn class_bounds_text(bounds: &[Dec]) -> String {
    bounds
        .iter()
        .map(Dec::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The class names of a custom rule, in the order the matrix shows them (the products not
/// listed form a last class of their own).
pub fn custom_class_names(products: &BTreeMap<String, String>) -> Vec<String> {
    let mut names: Vec<String> = products.values().cloned().collect();
    names.sort();
    names.dedup();
    names
}

/// Puts `product` in the custom class `name` (trimmed); a blank name takes it out.
pub fn set_product_class(products: &mut BTreeMap<String, String>, product: &str, name: &str) {
    let name = name.trim();
    if name.is_empty() {
        products.remove(product);
    } else {
        products.insert(product.to_string(), name.to_string());
    }
}

/// What serving a customer costs a year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostToServe {
    /// Rebates, % of revenue.
    pub rebate_pct: Dec,
    /// Logistics, % of revenue.
    pub logistics_pct: Dec,
    /// The cost of one visit (visits a year come from the grade's service policy).
    pub cost_per_visit: Money,
    /// Receivable days (账期).
    pub receivable_days: Dec,
    /// The annual interest rate on receivables, %.
    pub interest_rate_pct: Dec,
    /// Fees a year per key-account customer (KA进场费、条码费…).
    pub ka_fee: Money,
}

/// A cost-to-serve input, as the form names it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CostField {
    /// Rebates, 0–100 % of revenue.
    RebatePct,
    /// Logistics, 0–100 % of revenue.
    LogisticsPct,
    /// Yuan per visit, 0–[`MAX_COST_AMOUNT`].
    CostPerVisit,
    /// Receivable days, 0–365.
    ReceivableDays,
    /// Annual interest rate, 0–100 %.
    InterestRatePct,
    /// Yuan a year per key account, 0–[`MAX_COST_AMOUNT`].
    KaFee,
}

/// The largest cost per visit or KA fee a form takes: ¥100,000,000.
pub const MAX_COST_AMOUNT: i64 = 100_000_000;

/// Why a cost-to-serve input was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CostFieldError {
    /// Not a number.
    NotANumber(CostField),
    /// Below 0 or above the field's maximum.
    OutOfRange(CostField),
}

impl CostField {
    /// The field's name and allowed range, for messages.
    fn name_and_range(self, lang: Lang) -> (&'static str, String) {
        match self {
            CostField::RebatePct => (lang.pick("返利", "Rebates"), "0–100%".into()),
            CostField::LogisticsPct => (lang.pick("物流", "Logistics"), "0–100%".into()),
            CostField::CostPerVisit => (
                lang.pick("每次拜访成本", "Cost per visit"),
                format!("¥0–{}", crate::format_count(MAX_COST_AMOUNT as u64, lang)),
            ),
            CostField::ReceivableDays => (lang.pick("账期天数", "Receivable days"), "0–365".into()),
            CostField::InterestRatePct => (lang.pick("年利率", "Interest rate"), "0–100%".into()),
            CostField::KaFee => (
                lang.pick("KA 费用/年", "KA fees a year"),
                format!("¥0–{}", crate::format_count(MAX_COST_AMOUNT as u64, lang)),
            ),
        }
    }

    /// The field's value in `c`, as the form shows it.
    pub fn text(self, c: &CostToServe) -> String {
        match self {
            CostField::RebatePct => c.rebate_pct.to_string(),
            CostField::LogisticsPct => c.logistics_pct.to_string(),
            CostField::CostPerVisit => c.cost_per_visit.to_decimal_string(),
            CostField::ReceivableDays => c.receivable_days.to_string(),
            CostField::InterestRatePct => c.interest_rate_pct.to_string(),
            CostField::KaFee => c.ka_fee.to_decimal_string(),
        }
    }

    /// Reads `text` into the field of `c`, or refuses it with the reason and leaves `c` as it
    /// was: not a number, or outside the field's range.
    pub fn set(self, c: &mut CostToServe, text: &str) -> Result<(), CostFieldError> {
        let v = Dec::parse_typed(text).ok_or(CostFieldError::NotANumber(self))?;
        let max = match self {
            CostField::ReceivableDays => Dec::int(365),
            CostField::CostPerVisit | CostField::KaFee => Dec::int(MAX_COST_AMOUNT),
            _ => Dec::HUNDRED,
        };
        if v < Dec::ZERO || v > max {
            return Err(CostFieldError::OutOfRange(self));
        }
        // Dec and Money share four decimal places.
        match self {
            CostField::RebatePct => c.rebate_pct = v,
            CostField::LogisticsPct => c.logistics_pct = v,
            CostField::CostPerVisit => c.cost_per_visit = Money(v.0),
            CostField::ReceivableDays => c.receivable_days = v,
            CostField::InterestRatePct => c.interest_rate_pct = v,
            CostField::KaFee => c.ka_fee = Money(v.0),
        }
        Ok(())
    }
}

impl CostFieldError {
    /// A message for the user, naming the allowed range.
    pub fn message(&self, lang: Lang) -> String {
        let (CostFieldError::NotANumber(f) | CostFieldError::OutOfRange(f)) = self;
        let (name, range) = f.name_and_range(lang);
        match (self, lang) {
            (CostFieldError::NotANumber(_), Lang::Zh) => format!("{name}须为数字（{range}）。"),
            (CostFieldError::NotANumber(_), Lang::En) => {
                format!("{name} must be a number ({range}).")
            }
            (CostFieldError::OutOfRange(_), Lang::Zh) => format!("{name}须在 {range} 之间。"),
            (CostFieldError::OutOfRange(_), Lang::En) => format!("{name} must be within {range}."),
        }
    }
}

/// Custom classes from the product master's categories: each product with a category in the
/// class named after it; products without one are left out (they fall in the last class).
pub fn classes_from_categories(products: &[crate::Product]) -> BTreeMap<String, String> {
    products
        .iter()
        .filter(|p| !p.category.trim().is_empty())
        .map(|p| (p.id.clone(), p.category.trim().to_string()))
        .collect()
}

/// Revenue, gross profit and GP % of a cell or total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfitCell {
    /// Net sales.
    pub revenue: Money,
    /// Revenue − cost (rows with cost only).
    pub gross_profit: Money,
    /// Gross profit / revenue × 100; `None` when revenue is not positive.
    pub gp_pct: Option<Dec>,
}

impl ProfitCell {
    fn add(&mut self, revenue: i128, gp: i128) {
        self.revenue = Money(clamp(i128::from(self.revenue.0) + revenue));
        self.gross_profit = Money(clamp(i128::from(self.gross_profit.0) + gp));
    }

    fn finish(&mut self) {
        self.gp_pct = (self.revenue.0 > 0).then(|| {
            Dec(clamp(div_round(
                i128::from(self.gross_profit.0) * i128::from(Dec::HUNDRED.0),
                i128::from(self.revenue.0),
            )))
        });
    }
}

/// One customer's profit after cost to serve.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerProfit {
    /// The customer id.
    pub customer: String,
    /// Its grade (`None`: unrated).
    pub grade: Option<String>,
    /// Net sales in the window.
    pub revenue: Money,
    /// Gross profit in the window.
    pub gross_profit: Money,
    /// Rebates.
    pub rebates: Money,
    /// Logistics.
    pub logistics: Money,
    /// Visits a year (from the grade's policy; 0 without one).
    pub visits: Dec,
    /// Visits × cost per visit.
    pub visit_cost: Money,
    /// Receivable days / 365 × revenue × interest rate.
    pub credit_cost: Money,
    /// KA fees.
    pub ka_fees: Money,
    /// The sum of the five costs.
    pub cost_to_serve: Money,
    /// Gross profit − cost to serve.
    pub profit: Money,
}

/// The matrix, its totals and every customer's profit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfitMatrix {
    /// Row labels: product classes.
    pub classes: Vec<String>,
    /// Column labels: the scale's grades, then `None` for unrated customers.
    pub grades: Vec<Option<String>>,
    /// `cells[class][grade]`.
    pub cells: Vec<Vec<ProfitCell>>,
    /// Per class (row totals).
    pub class_totals: Vec<ProfitCell>,
    /// Per grade (column totals).
    pub grade_totals: Vec<ProfitCell>,
    /// Everything.
    pub total: ProfitCell,
    /// Each product's class (index into `classes`).
    pub product_class: BTreeMap<String, usize>,
    /// Every customer, in `scores` order.
    pub customers: Vec<CustomerProfit>,
    /// Whether any ledger has costs (without, gross profit is 0 everywhere).
    pub has_cost: bool,
}

/// Builds the matrix over the metrics' window. `scores` gives each customer's grade (from
/// [`score_customers`](super::score_customers) with the same metrics); `grades` the scale's
/// grade labels, best first.
pub fn profit_matrix(
    ws: &Workspace,
    metrics: &Metrics,
    scores: &[MemberScore],
    grades: &[String],
    config: &ProfitConfig,
    policies: &[ServicePolicy],
) -> ProfitMatrix {
    let mut columns: Vec<Option<String>> = grades.iter().cloned().map(Some).collect();
    columns.push(None);
    let grade_of: HashMap<&str, usize> = scores
        .iter()
        .map(|s| {
            let col = s
                .grade
                .as_ref()
                .and_then(|g| grades.iter().position(|x| x == g))
                .unwrap_or(grades.len());
            (s.customer.as_str(), col)
        })
        .collect();
    let Some((start, end)) = metrics.window else {
        return finish_empty(columns, config, scores, policies, ws, metrics);
    };
    // Per product over the window: revenue and cost of costed rows, revenue, gross profit.
    struct Line {
        customer: usize,
        product: String,
        revenue: i128,
        gp: i128,
    }
    let mut per_product: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    let mut lines: HashMap<(usize, String), (i128, i128)> = HashMap::new();
    let mut customer_totals: HashMap<&str, (i128, i128)> = HashMap::new();
    for d in &ws.datasets {
        let l = &d.ledger;
        for (row, date) in l.date.iter().enumerate() {
            if *date < start || *date > end {
                continue;
            }
            let Some(customer) = l
                .customer
                .get(row)
                .and_then(|&k| l.customers.get(k as usize))
            else {
                continue;
            };
            let Some(product) = l.product.get(row).and_then(|&k| l.products.get(k as usize)) else {
                continue;
            };
            let amount = i128::from(l.amount.get(row).map_or(0, |m| m.0));
            let cost = l
                .cost
                .as_ref()
                .and_then(|c| c.get(row))
                .map(|c| i128::from(c.0));
            let gp = cost.map_or(0, |c| amount - c);
            let p = per_product.entry(product.clone()).or_default();
            if cost.is_some() {
                p.0 += amount;
                p.1 += gp;
            }
            let col = grade_of
                .get(customer.as_str())
                .copied()
                .unwrap_or(grades.len());
            let e = lines.entry((col, product.clone())).or_default();
            e.0 += amount;
            e.1 += gp;
            let t = customer_totals.entry(customer.as_str()).or_default();
            t.0 += amount;
            t.1 += gp;
        }
    }
    let (classes, product_class) = classify(&config.classes, &per_product);
    let mut m = ProfitMatrix {
        cells: vec![vec![ProfitCell::default(); columns.len()]; classes.len()],
        class_totals: vec![ProfitCell::default(); classes.len()],
        grade_totals: vec![ProfitCell::default(); columns.len()],
        classes,
        grades: columns,
        has_cost: metrics.has_cost,
        ..ProfitMatrix::default()
    };
    let mut sorted: Vec<Line> = lines
        .into_iter()
        .map(|((customer, product), (revenue, gp))| Line {
            customer,
            product,
            revenue,
            gp,
        })
        .collect();
    sorted.sort_by(|a, b| (a.customer, &a.product).cmp(&(b.customer, &b.product)));
    let last_class = m.classes.len().saturating_sub(1);
    for line in &sorted {
        let class = product_class
            .get(&line.product)
            .copied()
            .unwrap_or(last_class);
        if let Some(cell) = m
            .cells
            .get_mut(class)
            .and_then(|r| r.get_mut(line.customer))
        {
            cell.add(line.revenue, line.gp);
        }
        if let Some(t) = m.class_totals.get_mut(class) {
            t.add(line.revenue, line.gp);
        }
        if let Some(t) = m.grade_totals.get_mut(line.customer) {
            t.add(line.revenue, line.gp);
        }
        m.total.add(line.revenue, line.gp);
    }
    for row in &mut m.cells {
        row.iter_mut().for_each(ProfitCell::finish);
    }
    m.class_totals.iter_mut().for_each(ProfitCell::finish);
    m.grade_totals.iter_mut().for_each(ProfitCell::finish);
    m.total.finish();
    m.product_class = product_class;
    m.customers = scores
        .iter()
        .map(|s| {
            let (revenue, gp) = customer_totals
                .get(s.customer.as_str())
                .copied()
                .unwrap_or_default();
            customer_profit(ws, s, revenue, gp, &config.cost_to_serve, policies)
        })
        .collect();
    m
}

fn finish_empty(
    columns: Vec<Option<String>>,
    config: &ProfitConfig,
    scores: &[MemberScore],
    policies: &[ServicePolicy],
    ws: &Workspace,
    metrics: &Metrics,
) -> ProfitMatrix {
    let (classes, product_class) = classify(&config.classes, &BTreeMap::new());
    let mut m = ProfitMatrix {
        cells: vec![vec![ProfitCell::default(); columns.len()]; classes.len()],
        class_totals: vec![ProfitCell::default(); classes.len()],
        grade_totals: vec![ProfitCell::default(); columns.len()],
        classes,
        grades: columns,
        product_class,
        has_cost: metrics.has_cost,
        ..ProfitMatrix::default()
    };
    m.customers = scores
        .iter()
        .map(|s| customer_profit(ws, s, 0, 0, &config.cost_to_serve, policies))
        .collect();
    m
}

/// The class labels and each product's class.
fn classify(
    rule: &ProductClassRule,
    per_product: &BTreeMap<String, (i128, i128)>,
) -> (Vec<String>, BTreeMap<String, usize>) {
    match rule {
        ProductClassRule::ByMargin { bounds } => {
            let mut bounds = bounds.clone();
            bounds.sort_unstable_by(|a, b| b.cmp(a));
            bounds.dedup();
            let mut labels = Vec::new();
            for (i, b) in bounds.iter().enumerate() {
                labels.push(match i {
                    0 => format!("≥ {b}%"),
                    _ => format!("{b}–{}%", bounds[i - 1]),
                });
            }
            labels.push(match bounds.last() {
                Some(b) => format!("< {b}%"),
                None => "—".to_string(),
            });
            let classes = per_product
                .iter()
                .map(|(p, (revenue, gp))| {
                    let class = if *revenue > 0 {
                        let pct = Dec(clamp(div_round(*gp * i128::from(Dec::HUNDRED.0), *revenue)));
                        bounds
                            .iter()
                            .position(|b| pct >= *b)
                            .unwrap_or(bounds.len())
                    } else {
                        bounds.len()
                    };
                    (p.clone(), class)
                })
                .collect();
            (labels, classes)
        }
        ProductClassRule::Custom { products } => {
            let mut labels = custom_class_names(products);
            let unlisted = labels.len();
            let classes: BTreeMap<String, usize> = per_product
                .keys()
                .map(|p| {
                    let class = products
                        .get(p)
                        .and_then(|n| labels.iter().position(|l| l == n))
                        .unwrap_or(unlisted);
                    (p.clone(), class)
                })
                .collect();
            labels.push(String::new());
            (labels, classes)
        }
    }
}

fn customer_profit(
    ws: &Workspace,
    score: &MemberScore,
    revenue: i128,
    gp: i128,
    c: &CostToServe,
    policies: &[ServicePolicy],
) -> CustomerProfit {
    let pct = |base: i128, p: Dec| div_round(base * i128::from(p.0), i128::from(Dec::HUNDRED.0));
    let rebates = pct(revenue, c.rebate_pct);
    let logistics = pct(revenue, c.logistics_pct);
    let visits = score
        .grade
        .as_ref()
        .and_then(|g| policy_for(policies, g))
        .map_or(Dec::ZERO, |p| Dec(p.visits_per_month.0.saturating_mul(12)));
    let visit_cost = div_round(
        i128::from(c.cost_per_visit.0) * i128::from(visits.0),
        i128::from(Dec::SCALE),
    );
    let credit_cost = div_round(
        revenue * i128::from(c.receivable_days.0) * i128::from(c.interest_rate_pct.0),
        365 * i128::from(Dec::SCALE) * i128::from(Dec::HUNDRED.0),
    );
    let is_ka = ws
        .customer(&score.customer)
        .is_some_and(|x| x.kind == CustomerKind::KeyAccount);
    let ka_fees = if is_ka { i128::from(c.ka_fee.0) } else { 0 };
    let cost = rebates + logistics + visit_cost + credit_cost + ka_fees;
    CustomerProfit {
        customer: score.customer.clone(),
        grade: score.grade.clone(),
        revenue: Money(clamp(revenue)),
        gross_profit: Money(clamp(gp)),
        rebates: Money(clamp(rebates)),
        logistics: Money(clamp(logistics)),
        visits,
        visit_cost: Money(clamp(visit_cost)),
        credit_cost: Money(clamp(credit_cost)),
        ka_fees: Money(clamp(ka_fees)),
        cost_to_serve: Money(clamp(cost)),
        profit: Money(clamp(gp - cost)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_fields_read_typed_numbers_and_refuse_the_rest_unchanged() {
        let mut c = CostToServe::default();
        CostField::RebatePct.set(&mut c, " 2.5% ").unwrap();
        CostField::CostPerVisit.set(&mut c, "1,200.5").unwrap();
        CostField::ReceivableDays.set(&mut c, "365").unwrap();
        assert_eq!(c.rebate_pct, Dec(2_5000));
        assert_eq!(c.cost_per_visit, Money(1200_5000));
        assert_eq!(CostField::CostPerVisit.text(&c), "1200.5");
        let before = c.clone();
        assert_eq!(
            CostField::LogisticsPct.set(&mut c, "abc"),
            Err(CostFieldError::NotANumber(CostField::LogisticsPct))
        );
        assert_eq!(
            CostField::ReceivableDays.set(&mut c, "366"),
            Err(CostFieldError::OutOfRange(CostField::ReceivableDays))
        );
        assert_eq!(
            CostField::KaFee.set(&mut c, "-1"),
            Err(CostFieldError::OutOfRange(CostField::KaFee))
        );
        assert_eq!(
            CostField::InterestRatePct.set(&mut c, "100.01").is_err(),
            true
        );
        assert_eq!(c, before, "a refused value changes nothing");
        assert_eq!(
            CostFieldError::OutOfRange(CostField::ReceivableDays).message(Lang::Zh),
            "账期天数须在 0–365 之间。"
        );
        assert_eq!(
            CostFieldError::NotANumber(CostField::RebatePct).message(Lang::En),
            "Rebates must be a number (0–100%)."
        );
    }

    #[test]
    fn classes_from_categories_by_hand() {
        let p = |id: &str, category: &str| crate::Product {
            id: id.into(),
            name: id.into(),
            category: category.into(),
            price: None,
            launched: None,
        };
        let got = classes_from_categories(&[p("P1", "饮料"), p("P2", " 零食 "), p("P3", "")]);
        let want: BTreeMap<String, String> = [("P1", "饮料"), ("P2", "零食")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(custom_class_names(&got), ["零食", "饮料"]);
    }

    #[test]
    fn cut_points_are_read_highest_first_and_refused_with_the_reason() {
        let d = |x: i64| Dec::int(x);
        assert_eq!(
            parse_class_bounds("40, 25, 10"),
            Ok(vec![d(40), d(25), d(10)])
        );
        assert_eq!(
            parse_class_bounds("10%，40％ 25"),
            Ok(vec![d(40), d(25), d(10)])
        );
        assert_eq!(
            parse_class_bounds("12.5、−5"),
            Ok(vec![Dec::parse("12.5").unwrap(), d(-5)])
        );
        assert_eq!(parse_class_bounds(" , "), Err(ClassBoundsError::Empty));
        assert_eq!(
            parse_class_bounds("40, 高"),
            Err(ClassBoundsError::NotANumber("高".into()))
        );
        assert_eq!(
            parse_class_bounds("140"),
            Err(ClassBoundsError::OutOfRange(d(140)))
        );
        assert_eq!(
            parse_class_bounds("25, 25"),
            Err(ClassBoundsError::Repeated(d(25)))
        );
        assert_eq!(
            parse_class_bounds("1 2 3 4 5 6 7 8 9 10"),
            Err(ClassBoundsError::TooMany(10))
        );
        assert_eq!(
            ClassBoundsError::Repeated(d(25)).message(Lang::Zh),
            "分界点 25% 重复了。"
        );
        assert_eq!(class_bounds_text(&[d(40), d(25), d(10)]), "40, 25, 10");
        let back = parse_class_bounds(&class_bounds_text(&[d(30), Dec::parse("7.5").unwrap()]));
        assert_eq!(back, Ok(vec![d(30), Dec::parse("7.5").unwrap()]));
    }

    #[test]
    fn products_are_put_in_and_taken_out_of_custom_classes() {
        let mut m = BTreeMap::new();
        set_product_class(&mut m, "P2", " 饮料 ");
        set_product_class(&mut m, "P1", "粮油");
        set_product_class(&mut m, "P3", "饮料");
        assert_eq!(custom_class_names(&m), ["粮油", "饮料"]);
        set_product_class(&mut m, "P1", "  ");
        assert_eq!(m.len(), 2);
        assert_eq!(m["P2"], "饮料");
        assert_eq!(custom_class_names(&m), ["饮料"]);
    }
}
