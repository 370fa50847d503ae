//! The indicator tree (指标逻辑树, DOMAIN §2) with goal seek: revenue = Σ regions = volume ×
//! average price = active customers × revenue per active customer; gross profit = revenue ×
//! GM%; market share = revenue / market size.
//!
//! [`tree_actuals`] reads last year's value of every node from the review frame;
//! [`solve_tree`] takes one target at any node, the locked nodes and which child absorbs each
//! relation, and returns every node's required value and what must be true — or a
//! [`TreeProblem`] saying why the request is impossible, never a wrong number.
//!
//! Revenue is the hub: a target anywhere sets the revenue it implies (holding the target's
//! siblings at last year's value), then every other relation of revenue is reconciled through
//! its absorbing child. Regions are exact [`Money`]; the other nodes are computed ratios (`f64`,
//! never stored).

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::review::{Dim, Filter, Frame, Measure, Period, compare, kpi_bases};
use crate::{Dec, Lang, Money};

/// A node of the indicator tree. Regions are named by their region id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeNode {
    /// Net sales (销售额), yuan.
    Revenue,
    /// One region's net sales, yuan.
    Region(String),
    /// Quantity sold (销量).
    Volume,
    /// Revenue / volume, yuan per unit (均价).
    AveragePrice,
    /// Customers with net sales > 0 (活跃客户数).
    ActiveCustomers,
    /// Revenue / active customers, yuan (客均销售额).
    RevenuePerCustomer,
    /// Gross profit (毛利), yuan.
    GrossProfit,
    /// Gross profit / revenue (毛利率), a fraction.
    GrossMargin,
    /// Revenue / market size (市场份额), a fraction.
    MarketShare,
    /// The market size the user entered (市场容量), yuan: an input, never solved for.
    MarketSize,
}

/// What a node's number counts.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeUnit {
    /// Yuan.
    Yuan,
    /// Units of quantity.
    Quantity,
    /// Yuan per unit of quantity.
    Price,
    /// A count of customers.
    Customers,
    /// A fraction (0.25 = 25%).
    Fraction,
}

impl TreeNode {
    /// The unit of the node's value.
    pub fn unit(&self) -> TreeUnit {
        match self {
            TreeNode::Revenue
            | TreeNode::Region(_)
            | TreeNode::RevenuePerCustomer
            | TreeNode::GrossProfit
            | TreeNode::MarketSize => TreeUnit::Yuan,
            TreeNode::Volume => TreeUnit::Quantity,
            TreeNode::AveragePrice => TreeUnit::Price,
            TreeNode::ActiveCustomers => TreeUnit::Customers,
            TreeNode::GrossMargin | TreeNode::MarketShare => TreeUnit::Fraction,
        }
    }

    /// The node's name (a region by its id; the caller may show its name instead).
    pub fn label(&self, lang: Lang) -> String {
        let s = match self {
            TreeNode::Revenue => lang.pick("销售额", "Revenue"),
            TreeNode::Region(id) => {
                return format!("{}{id}", lang.pick("区域 ", "Region "));
            }
            TreeNode::Volume => lang.pick("销量", "Volume"),
            TreeNode::AveragePrice => lang.pick("均价", "Average price"),
            TreeNode::ActiveCustomers => lang.pick("活跃客户数", "Active customers"),
            TreeNode::RevenuePerCustomer => lang.pick("客均销售额", "Revenue per active customer"),
            TreeNode::GrossProfit => lang.pick("毛利", "Gross profit"),
            TreeNode::GrossMargin => lang.pick("毛利率", "Gross margin"),
            TreeNode::MarketShare => lang.pick("市场份额", "Market share"),
            TreeNode::MarketSize => lang.pick("市场容量", "Market size"),
        };
        s.to_string()
    }
}

/// One region's actual.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeRegionActual {
    /// The region id.
    pub id: String,
    /// The region name.
    pub name: String,
    /// Net sales in the base year.
    pub amount: Money,
}

/// Last year's actual at every node (computed from the frame, plus the entered market size).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeActuals {
    /// The base year (the plan year − 1).
    pub year: i32,
    /// Net sales.
    pub revenue: Money,
    /// Net sales per region with rows in the year, in region key order; they sum to `revenue`.
    pub regions: Vec<TreeRegionActual>,
    /// Quantity sold.
    pub volume: Money,
    /// Customers with net sales > 0.
    pub active_customers: u64,
    /// Gross profit, when costs are known.
    pub gross_profit: Option<Money>,
    /// The market size the user entered for the plan year, if any.
    pub market_size: Option<Money>,
}

/// The actuals of base year `year` (the plan year − 1) from the review frame.
pub fn tree_actuals(frame: &Frame, year: i32, market_size: Option<Money>) -> TreeActuals {
    let period = Period::year(year);
    let base = kpi_bases(frame, &[period], &Filter::all())
        .pop()
        .unwrap_or_default();
    let regions = compare(
        frame,
        Dim::Region,
        Measure::Amount,
        period,
        period,
        &Filter::all(),
    )
    .map(|t| {
        let mut rows = t.rows;
        rows.sort_by_key(|r| r.key);
        rows.into_iter()
            .filter(|r| r.current != Money::ZERO)
            .map(|r| TreeRegionActual {
                id: r.id,
                name: r.name,
                amount: r.current,
            })
            .collect()
    })
    .unwrap_or_default();
    TreeActuals {
        year,
        revenue: base.sales,
        regions,
        volume: base.quantity,
        active_customers: base.active_customers,
        gross_profit: base.gross_profit,
        market_size,
    }
}

/// The target the user set at one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeTarget {
    /// The node.
    pub node: TreeNode,
    /// Its target value.
    pub value: TreeTargetValue,
}

/// A target value: an amount (yuan, quantity, price or a count of customers) or a percentage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeTargetValue {
    /// For every node but gross margin and market share.
    Amount(Money),
    /// For gross margin and market share, in percent (25 = 25%).
    Percent(Dec),
}

/// Which of volume and average price absorbs a change of revenue.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceVolumeAbsorber {
    /// Volume moves, the price holds.
    #[default]
    Volume,
    /// The price moves, volume holds.
    AveragePrice,
}

/// Which of active customers and revenue per customer absorbs a change of revenue.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerAbsorber {
    /// The number of active customers moves.
    #[default]
    ActiveCustomers,
    /// Revenue per active customer moves.
    RevenuePerCustomer,
}

/// Which regions absorb a change of revenue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionAbsorber {
    /// Every unlocked region, in proportion to last year (equally when they all had 0).
    #[default]
    Proportional,
    /// One region (by id) takes the whole change.
    Region(String),
}

/// Which of revenue and gross margin absorbs a gross-profit target.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfitAbsorber {
    /// Revenue moves, the margin holds.
    #[default]
    Revenue,
    /// The margin moves, revenue holds.
    GrossMargin,
}

/// The absorbing child of each relation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeAbsorbers {
    /// Revenue = Σ regions.
    #[serde(default)]
    pub regions: RegionAbsorber,
    /// Revenue = volume × average price.
    #[serde(default)]
    pub price_volume: PriceVolumeAbsorber,
    /// Revenue = active customers × revenue per customer.
    #[serde(default)]
    pub customers: CustomerAbsorber,
    /// Gross profit = revenue × gross margin.
    #[serde(default)]
    pub profit: ProfitAbsorber,
}

/// What the user decided in the tree (stored in the plan).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeInput {
    /// The target, if one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TreeTarget>,
    /// Nodes held at last year's value.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub locked: BTreeSet<TreeNode>,
    /// Which child absorbs each relation.
    #[serde(default)]
    pub absorbers: TreeAbsorbers,
}

impl TreeInput {
    /// Whether nothing is decided (the plan file then leaves the field out).
    pub fn is_empty(&self) -> bool {
        self == &TreeInput::default()
    }
}

/// Why the tree cannot be solved as asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeProblem {
    /// The target names a region that had no sales in the base year.
    UnknownRegion {
        /// The region id.
        id: String,
    },
    /// A percentage was given for an amount node, or an amount for a percentage node.
    WrongValueKind {
        /// The node.
        node: TreeNode,
    },
    /// The market size is an input: enter it, do not target it.
    NotATarget {
        /// The node.
        node: TreeNode,
    },
    /// A negative target.
    NegativeTarget {
        /// The node.
        node: TreeNode,
    },
    /// The targeted node is locked.
    TargetLocked {
        /// The node.
        node: TreeNode,
    },
    /// The node (or a relation it is in) needs a number the base year does not have: no
    /// costs, no market size, or a zero that would be divided by.
    NothingToAbsorb {
        /// The node that would have to move.
        node: TreeNode,
    },
    /// Every child that could absorb the change is locked.
    AllLocked {
        /// The children, all locked.
        nodes: Vec<TreeNode>,
    },
    /// A locked node would have to change.
    LockedWouldChange {
        /// The node.
        node: TreeNode,
    },
    /// The solution needs a negative or non-finite value.
    Impossible {
        /// The node.
        node: TreeNode,
        /// The value it would need (NaN or infinite when the arithmetic overflowed).
        value: f64,
    },
}

impl TreeProblem {
    /// A message for the user.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            TreeProblem::UnknownRegion { id } => format!(
                "{}{id}{}",
                lang.pick("区域 ", "Region "),
                lang.pick(
                    " 在基准年没有销售，无法设目标。",
                    " had no sales in the base year, so it cannot take a target."
                )
            ),
            TreeProblem::WrongValueKind { node } if zh => format!(
                "{} 的目标应为{}。",
                node.label(lang),
                if node.unit() == TreeUnit::Fraction {
                    "百分比"
                } else {
                    "数值"
                }
            ),
            TreeProblem::WrongValueKind { node } => format!(
                "The target of {} must be {}.",
                node.label(lang),
                if node.unit() == TreeUnit::Fraction {
                    "a percentage"
                } else {
                    "an amount, not a percentage"
                }
            ),
            TreeProblem::NotATarget { node } if zh => format!(
                "{}是输入值，请直接填写，不能作为目标求解。",
                node.label(lang)
            ),
            TreeProblem::NotATarget { node } => format!(
                "{} is an input: enter it, it cannot be solved for.",
                node.label(lang)
            ),
            TreeProblem::NegativeTarget { node } if zh => {
                format!("{} 的目标不能为负数。", node.label(lang))
            }
            TreeProblem::NegativeTarget { node } => {
                format!("The target of {} cannot be negative.", node.label(lang))
            }
            TreeProblem::TargetLocked { node } if zh => {
                format!("{} 已锁定，先解锁再设目标。", node.label(lang))
            }
            TreeProblem::TargetLocked { node } => {
                format!("{} is locked; unlock it to set a target.", node.label(lang))
            }
            TreeProblem::NothingToAbsorb { node } if zh => format!(
                "{} 无法吸收变化：基准年缺少所需数值（成本、市场容量，或除数为零）。",
                node.label(lang)
            ),
            TreeProblem::NothingToAbsorb { node } => format!(
                "{} cannot absorb the change: the base year lacks a number it needs (costs, the market size, or a divisor that is zero).",
                node.label(lang)
            ),
            TreeProblem::AllLocked { nodes } => {
                let names: Vec<String> = nodes.iter().map(|n| n.label(lang)).collect();
                if zh {
                    format!(
                        "可以吸收变化的 {} 都已锁定，请解锁其中一个。",
                        names.join("、")
                    )
                } else {
                    format!(
                        "{} are all locked, so nothing can absorb the change; unlock one.",
                        names.join(", ")
                    )
                }
            }
            TreeProblem::LockedWouldChange { node } if zh => format!(
                "{} 已锁定，但这个目标要求它改变。请解锁它或改变目标。",
                node.label(lang)
            ),
            TreeProblem::LockedWouldChange { node } => format!(
                "{} is locked but this target needs it to change; unlock it or change the target.",
                node.label(lang)
            ),
            TreeProblem::Impossible { node, value } if zh => {
                format!("这个目标要求 {} 为 {value}，不可能实现。", node.label(lang))
            }
            TreeProblem::Impossible { node, value } => format!(
                "This target needs {} to be {value}, which is impossible.",
                node.label(lang)
            ),
        }
    }
}

/// One node of a solved tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeNodeValue {
    /// The node.
    pub node: TreeNode,
    /// Last year's value (`None` when unknown: no costs, no market size, a zero divisor).
    pub actual: Option<f64>,
    /// The required value.
    pub target: Option<f64>,
    /// Whether the user locked it.
    pub locked: bool,
}

/// One region of a solved tree, exact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeRegionValue {
    /// The region id.
    pub id: String,
    /// The region name.
    pub name: String,
    /// Last year.
    pub actual: Money,
    /// Required; the regions sum exactly to the revenue target.
    pub target: Money,
    /// Whether the user locked it.
    pub locked: bool,
}

/// A solved tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeSolution {
    /// The required revenue, exact.
    pub revenue: Money,
    /// The regions, exact, in the actuals' order.
    pub regions: Vec<TreeRegionValue>,
    /// Every node (revenue, volume, average price, active customers, revenue per customer,
    /// gross profit, gross margin, market share, market size, then the regions).
    pub nodes: Vec<TreeNodeValue>,
}

impl TreeSolution {
    /// A node's value.
    pub fn node(&self, node: &TreeNode) -> Option<&TreeNodeValue> {
        self.nodes.iter().find(|n| &n.node == node)
    }

    /// What must be true, one line per node that changes (e.g. "活跃客户数 +37" /
    /// "Active customers +37"). Customer counts are rounded up: 36.2 customers need 37.
    pub fn must_be_true(&self, lang: Lang) -> Vec<String> {
        self.nodes
            .iter()
            .filter_map(|n| {
                let (a, t) = (n.actual?, n.target?);
                let change = match n.node.unit() {
                    TreeUnit::Customers => t.ceil() - a,
                    _ => t - a,
                };
                if change.abs() <= 1e-9 * a.abs().max(1.0) {
                    return None;
                }
                let sign = if change > 0.0 { "+" } else { "−" };
                let amount = change.abs();
                let num = match n.node.unit() {
                    TreeUnit::Yuan => crate::money::format_money(Money::from_f64(amount)?, lang),
                    TreeUnit::Price => format!("¥{amount:.2}"),
                    TreeUnit::Quantity | TreeUnit::Customers => {
                        crate::money::format_count(amount.round() as u64, lang)
                    }
                    TreeUnit::Fraction => {
                        format!("{:.1} {}", amount * 100.0, lang.pick("个百分点", "pp"))
                    }
                };
                let region_name = match &n.node {
                    TreeNode::Region(id) => self
                        .regions
                        .iter()
                        .find(|r| &r.id == id)
                        .map(|r| format!("{}{}", lang.pick("区域 ", "Region "), r.name)),
                    _ => None,
                };
                let label = region_name.unwrap_or_else(|| n.node.label(lang));
                Some(format!("{label} {sign}{num}"))
            })
            .collect()
    }
}

/// Divides, or `None` when the divisor is 0 or the result not finite.
fn ratio(a: f64, b: f64) -> Option<f64> {
    let r = a / b;
    (b != 0.0 && r.is_finite()).then_some(r)
}

/// The solver's working values (money in yuan as `f64`, regions exact).
struct Work {
    revenue: f64,
    volume: f64,
    price: Option<f64>,
    customers: f64,
    per_customer: Option<f64>,
    profit: Option<f64>,
    margin: Option<f64>,
    share: Option<f64>,
    market: Option<f64>,
}

impl Work {
    fn of(a: &TreeActuals) -> Work {
        let revenue = a.revenue.to_f64();
        let volume = a.volume.to_f64();
        let customers = a.active_customers as f64;
        let profit = a.gross_profit.map(Money::to_f64);
        let market = a.market_size.map(Money::to_f64);
        Work {
            revenue,
            volume,
            price: ratio(revenue, volume),
            customers,
            per_customer: ratio(revenue, customers),
            profit,
            margin: profit.and_then(|p| ratio(p, revenue)),
            share: market.and_then(|m| ratio(revenue, m)),
            market,
        }
    }

    fn get(&self, node: &TreeNode) -> Option<f64> {
        match node {
            TreeNode::Revenue => Some(self.revenue),
            TreeNode::Region(_) => None,
            TreeNode::Volume => Some(self.volume),
            TreeNode::AveragePrice => self.price,
            TreeNode::ActiveCustomers => Some(self.customers),
            TreeNode::RevenuePerCustomer => self.per_customer,
            TreeNode::GrossProfit => self.profit,
            TreeNode::GrossMargin => self.margin,
            TreeNode::MarketShare => self.share,
            TreeNode::MarketSize => self.market,
        }
    }
}

/// The tree's nodes other than regions, in display order.
const NODES: [TreeNode; 9] = [
    TreeNode::Revenue,
    TreeNode::Volume,
    TreeNode::AveragePrice,
    TreeNode::ActiveCustomers,
    TreeNode::RevenuePerCustomer,
    TreeNode::GrossProfit,
    TreeNode::GrossMargin,
    TreeNode::MarketShare,
    TreeNode::MarketSize,
];

/// Solves the tree for the input's target (with none, every node keeps last year's value).
pub fn solve_tree(actuals: &TreeActuals, input: &TreeInput) -> Result<TreeSolution, TreeProblem> {
    let before = Work::of(actuals);
    let locked = |n: &TreeNode| input.locked.contains(n);
    let mut regions: Vec<TreeRegionValue> = actuals
        .regions
        .iter()
        .map(|r| TreeRegionValue {
            id: r.id.clone(),
            name: r.name.clone(),
            actual: r.amount,
            target: r.amount,
            locked: locked(&TreeNode::Region(r.id.clone())),
        })
        .collect();
    let mut w = Work::of(actuals);
    if let Some(target) = &input.target {
        solve_into(actuals, input, target, &before, &mut w, &mut regions)?;
    }
    let revenue = money(&TreeNode::Revenue, w.revenue)?;
    if let Some(target) = &input.target
        && !matches!(target.node, TreeNode::Region(_))
    {
        spread_regions(&mut regions, revenue, &input.absorbers.regions, None)?;
    }
    let mut nodes: Vec<TreeNodeValue> = NODES
        .iter()
        .map(|n| TreeNodeValue {
            node: n.clone(),
            actual: before.get(n),
            target: w.get(n),
            locked: locked(n),
        })
        .collect();
    nodes.extend(regions.iter().map(|r| TreeNodeValue {
        node: TreeNode::Region(r.id.clone()),
        actual: Some(r.actual.to_f64()),
        target: Some(r.target.to_f64()),
        locked: r.locked,
    }));
    for n in &nodes {
        if let Some(t) = n.target
            && (!t.is_finite() || t < 0.0)
        {
            return Err(TreeProblem::Impossible {
                node: n.node.clone(),
                value: t,
            });
        }
        if n.locked && !same(n.actual, n.target) {
            return Err(TreeProblem::LockedWouldChange {
                node: n.node.clone(),
            });
        }
    }
    Ok(TreeSolution {
        revenue,
        regions,
        nodes,
    })
}

/// Whether two values agree to 1e-9 relative.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// A node's value as Money, or why not.
fn money(node: &TreeNode, x: f64) -> Result<Money, TreeProblem> {
    match Money::from_f64(x) {
        Some(m) if !m.is_negative() => Ok(m),
        _ => Err(TreeProblem::Impossible {
            node: node.clone(),
            value: x,
        }),
    }
}

/// Applies the target: sets the revenue it implies (or the sibling that absorbs it when
/// revenue is locked), then reconciles every relation of revenue.
fn solve_into(
    actuals: &TreeActuals,
    input: &TreeInput,
    target: &TreeTarget,
    before: &Work,
    w: &mut Work,
    regions: &mut [TreeRegionValue],
) -> Result<(), TreeProblem> {
    let node = &target.node;
    let locked = |n: &TreeNode| input.locked.contains(n);
    let t = match (&target.value, node.unit()) {
        (TreeTargetValue::Percent(p), TreeUnit::Fraction) => p.to_f64() / 100.0,
        (TreeTargetValue::Amount(m), u) if u != TreeUnit::Fraction => m.to_f64(),
        _ => return Err(TreeProblem::WrongValueKind { node: node.clone() }),
    };
    if t < 0.0 {
        return Err(TreeProblem::NegativeTarget { node: node.clone() });
    }
    if *node == TreeNode::MarketSize {
        return Err(TreeProblem::NotATarget { node: node.clone() });
    }
    if locked(node) {
        return Err(TreeProblem::TargetLocked { node: node.clone() });
    }
    let nothing = |n: TreeNode| TreeProblem::NothingToAbsorb { node: n };
    let rev_locked = locked(&TreeNode::Revenue);
    // The pair (this child, its sibling) of a product relation revenue = a × b.
    let pair = |n: &TreeNode| match n {
        TreeNode::Volume => Some(TreeNode::AveragePrice),
        TreeNode::AveragePrice => Some(TreeNode::Volume),
        TreeNode::ActiveCustomers => Some(TreeNode::RevenuePerCustomer),
        TreeNode::RevenuePerCustomer => Some(TreeNode::ActiveCustomers),
        _ => None,
    };
    match node {
        TreeNode::Revenue => w.revenue = t,
        TreeNode::Region(id) => {
            let i = regions
                .iter()
                .position(|r| &r.id == id)
                .ok_or_else(|| TreeProblem::UnknownRegion { id: id.clone() })?;
            let amount = match &target.value {
                TreeTargetValue::Amount(m) => *m,
                TreeTargetValue::Percent(_) => unreachable_kind(node)?,
            };
            regions[i].target = amount;
            let others: Money = regions
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, r)| r.actual)
                .sum();
            let revenue = if rev_locked {
                actuals.revenue
            } else {
                others.saturating_add(amount)
            };
            spread_regions(regions, revenue, &input.absorbers.regions, Some(i))?;
            w.revenue = revenue.to_f64();
        }
        TreeNode::GrossProfit => {
            let margin = before
                .margin
                .ok_or_else(|| nothing(TreeNode::GrossMargin))?;
            let margin_moves = input.absorbers.profit == ProfitAbsorber::GrossMargin
                || (rev_locked && !locked(&TreeNode::GrossMargin));
            if margin_moves {
                if locked(&TreeNode::GrossMargin) {
                    return Err(all_locked(&[TreeNode::Revenue, TreeNode::GrossMargin]));
                }
                w.margin =
                    Some(ratio(t, before.revenue).ok_or_else(|| nothing(TreeNode::GrossMargin))?);
            } else {
                if rev_locked {
                    return Err(all_locked(&[TreeNode::Revenue, TreeNode::GrossMargin]));
                }
                w.revenue = ratio(t, margin).ok_or_else(|| nothing(TreeNode::Revenue))?;
            }
            w.profit = Some(t);
        }
        TreeNode::GrossMargin => {
            before
                .profit
                .ok_or_else(|| nothing(TreeNode::GrossProfit))?;
            w.margin = Some(t);
        }
        TreeNode::MarketShare => {
            let m = before
                .market
                .filter(|m| *m > 0.0)
                .ok_or_else(|| nothing(TreeNode::MarketSize))?;
            if rev_locked {
                return Err(TreeProblem::LockedWouldChange {
                    node: TreeNode::Revenue,
                });
            }
            w.revenue = t * m;
            w.share = Some(t);
        }
        n => {
            let sib = pair(n).ok_or_else(|| TreeProblem::NotATarget { node: n.clone() })?;
            let other = before.get(&sib).ok_or_else(|| nothing(sib.clone()))?;
            if rev_locked {
                if locked(&sib) {
                    return Err(all_locked(&[TreeNode::Revenue, sib]));
                }
                let v = ratio(before.revenue, t).ok_or_else(|| nothing(sib.clone()))?;
                set(w, &sib, v);
            } else {
                w.revenue = t * other;
            }
            set(w, n, t);
        }
    }
    reconcile(input, node, w)
}

/// Never reached: the kind was checked against the node's unit.
fn unreachable_kind(node: &TreeNode) -> Result<Money, TreeProblem> {
    Err(TreeProblem::WrongValueKind { node: node.clone() })
}

fn all_locked(nodes: &[TreeNode]) -> TreeProblem {
    TreeProblem::AllLocked {
        nodes: nodes.to_vec(),
    }
}

fn set(w: &mut Work, node: &TreeNode, v: f64) {
    match node {
        TreeNode::Revenue => w.revenue = v,
        TreeNode::Volume => w.volume = v,
        TreeNode::AveragePrice => w.price = Some(v),
        TreeNode::ActiveCustomers => w.customers = v,
        TreeNode::RevenuePerCustomer => w.per_customer = Some(v),
        TreeNode::GrossProfit => w.profit = Some(v),
        TreeNode::GrossMargin => w.margin = Some(v),
        TreeNode::MarketShare => w.share = Some(v),
        TreeNode::Region(_) | TreeNode::MarketSize => {}
    }
}

/// Reconciles the product relations, gross profit and share with the (new) revenue; the
/// relation of the targeted node is already consistent.
fn reconcile(input: &TreeInput, target: &TreeNode, w: &mut Work) -> Result<(), TreeProblem> {
    let locked = |n: &TreeNode| input.locked.contains(n);
    let r = w.revenue;
    let relations = [
        (
            [TreeNode::Volume, TreeNode::AveragePrice],
            input.absorbers.price_volume == PriceVolumeAbsorber::AveragePrice,
        ),
        (
            [TreeNode::ActiveCustomers, TreeNode::RevenuePerCustomer],
            input.absorbers.customers == CustomerAbsorber::RevenuePerCustomer,
        ),
    ];
    for (pair, second) in relations {
        if pair.contains(target) {
            continue;
        }
        let (a, b) = (w.get(&pair[0]), w.get(&pair[1]));
        if same(a.zip(b).map(|(a, b)| a * b), Some(r)) {
            continue;
        }
        let order = if second { [1, 0] } else { [0, 1] };
        let Some(&i) = order.iter().find(|&&i| !locked(&pair[i])) else {
            return Err(all_locked(&pair));
        };
        let other = w
            .get(&pair[1 - i])
            .ok_or_else(|| TreeProblem::NothingToAbsorb {
                node: pair[i].clone(),
            })?;
        let v = ratio(r, other).ok_or_else(|| TreeProblem::NothingToAbsorb {
            node: pair[i].clone(),
        })?;
        set(w, &pair[i], v);
    }
    if !matches!(target, TreeNode::GrossProfit)
        && let Some(m) = w.margin
    {
        let profit = r * m;
        if locked(&TreeNode::GrossProfit) && !same(w.profit, Some(profit)) {
            // Gross profit holds: the margin absorbs, unless it is the target or locked.
            if *target == TreeNode::GrossMargin || locked(&TreeNode::GrossMargin) {
                return Err(all_locked(&[TreeNode::GrossProfit, TreeNode::GrossMargin]));
            }
            let p = w.profit.unwrap_or(0.0);
            w.margin = Some(ratio(p, r).ok_or(TreeProblem::NothingToAbsorb {
                node: TreeNode::GrossMargin,
            })?);
        } else {
            w.profit = Some(profit);
        }
    }
    if *target != TreeNode::MarketShare
        && let Some(m) = w.market
    {
        w.share = ratio(r, m);
    }
    Ok(())
}

/// Sets the region targets so that they sum exactly to `revenue`: locked regions and the
/// targeted one (`fixed`) hold; the change goes to the chosen region or, proportionally to
/// last year, to every other region (equally when they all had 0). The last absorbing
/// region takes the rounding remainder.
fn spread_regions(
    regions: &mut [TreeRegionValue],
    revenue: Money,
    absorber: &RegionAbsorber,
    fixed: Option<usize>,
) -> Result<(), TreeProblem> {
    if regions.is_empty() {
        return Ok(());
    }
    let current: Money = regions.iter().map(|r| r.target).sum();
    if current == revenue {
        return Ok(());
    }
    let free = |j: usize, r: &TreeRegionValue| Some(j) != fixed && !r.locked;
    let absorbing: Vec<usize> = match absorber {
        RegionAbsorber::Region(id) => regions
            .iter()
            .enumerate()
            .filter(|(j, r)| &r.id == id && free(*j, r))
            .map(|(j, _)| j)
            .collect(),
        RegionAbsorber::Proportional => regions
            .iter()
            .enumerate()
            .filter(|(j, r)| free(*j, r))
            .map(|(j, _)| j)
            .collect(),
    };
    if absorbing.is_empty() {
        let nodes = regions
            .iter()
            .enumerate()
            .filter(|(j, _)| Some(*j) != fixed)
            .map(|(_, r)| TreeNode::Region(r.id.clone()))
            .collect();
        return Err(TreeProblem::AllLocked { nodes });
    }
    let held: i128 = regions
        .iter()
        .enumerate()
        .filter(|(j, _)| !absorbing.contains(j))
        .map(|(_, r)| i128::from(r.target.0))
        .sum();
    let rest = i128::from(revenue.0) - held;
    let weights: Vec<i128> = absorbing
        .iter()
        .map(|&j| i128::from(regions[j].actual.0.max(0)))
        .collect();
    let total: i128 = weights.iter().sum();
    let n = absorbing.len() as i128;
    let mut given: i128 = 0;
    for (k, &j) in absorbing.iter().enumerate() {
        let v = if k + 1 == absorbing.len() {
            rest - given
        } else if total > 0 {
            rest * weights[k] / total
        } else {
            rest / n
        };
        given += v;
        let node = TreeNode::Region(regions[j].id.clone());
        let m = i64::try_from(v).map_err(|_| TreeProblem::Impossible {
            node: node.clone(),
            value: v as f64,
        })?;
        if m < 0 {
            return Err(TreeProblem::Impossible {
                node,
                value: Money(m).to_f64(),
            });
        }
        regions[j].target = Money(m);
    }
    Ok(())
}

mod text;
pub use text::{TreeEntryError, parse_tree_entry};

#[cfg(test)]
mod tests;
