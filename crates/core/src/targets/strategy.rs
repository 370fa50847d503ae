//! The strategy layer (策略层, DOMAIN §2): SWOT items; TOWS cross strategies (SO/WO/ST/WT)
//! built from them; OGSM — the objective, goals (numbers linked to indicator-tree nodes),
//! strategies (each tagged with one of the 4P and linked to goals) and measures (KPI, target,
//! owner, due date) — with live validation; and the execution checklist (执行层面).

use serde::{Deserialize, Serialize};

use super::TreeNode;
use crate::{Date, Lang};

/// The most items each list keeps.
pub const MAX_ITEMS: usize = 500;

/// What the user wrote in the strategy layer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strategy {
    /// SWOT items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub swot: Vec<SwotItem>,
    /// TOWS cross strategies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tows: Vec<TowsItem>,
    /// The OGSM objective, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub objective: String,
    /// OGSM goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// OGSM strategies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<StrategyItem>,
    /// OGSM measures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureItem>,
    /// The execution checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub execution: Vec<ExecutionItem>,
}

impl Strategy {
    /// Whether nothing is written (the field is then left out of the file).
    pub fn is_empty(&self) -> bool {
        *self == Strategy::default()
    }
}

/// A SWOT quadrant.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SwotKind {
    /// Strengths (优势).
    Strength,
    /// Weaknesses (劣势).
    Weakness,
    /// Opportunities (机会).
    Opportunity,
    /// Threats (威胁).
    Threat,
}

impl SwotKind {
    /// The four, in the usual order.
    pub const ALL: [SwotKind; 4] = [
        SwotKind::Strength,
        SwotKind::Weakness,
        SwotKind::Opportunity,
        SwotKind::Threat,
    ];

    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            SwotKind::Strength => "s",
            SwotKind::Weakness => "w",
            SwotKind::Opportunity => "o",
            SwotKind::Threat => "t",
        }
    }

    /// The quadrant as the user reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SwotKind::Strength => lang.pick("优势 S", "Strengths (S)"),
            SwotKind::Weakness => lang.pick("劣势 W", "Weaknesses (W)"),
            SwotKind::Opportunity => lang.pick("机会 O", "Opportunities (O)"),
            SwotKind::Threat => lang.pick("威胁 T", "Threats (T)"),
        }
    }
}

/// One SWOT item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwotItem {
    /// Its quadrant.
    pub kind: SwotKind,
    /// What it says.
    pub text: String,
}

/// A TOWS cross strategy's pairing.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TowsKind {
    /// Use strengths to take opportunities (增长型).
    So,
    /// Overcome weaknesses by taking opportunities (扭转型).
    Wo,
    /// Use strengths to meet threats (多元型).
    St,
    /// Reduce weaknesses and avoid threats (防御型).
    Wt,
}

impl TowsKind {
    /// The four.
    pub const ALL: [TowsKind; 4] = [TowsKind::So, TowsKind::Wo, TowsKind::St, TowsKind::Wt];

    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            TowsKind::So => "so",
            TowsKind::Wo => "wo",
            TowsKind::St => "st",
            TowsKind::Wt => "wt",
        }
    }

    /// The two SWOT quadrants it crosses.
    pub fn crosses(self) -> [SwotKind; 2] {
        match self {
            TowsKind::So => [SwotKind::Strength, SwotKind::Opportunity],
            TowsKind::Wo => [SwotKind::Weakness, SwotKind::Opportunity],
            TowsKind::St => [SwotKind::Strength, SwotKind::Threat],
            TowsKind::Wt => [SwotKind::Weakness, SwotKind::Threat],
        }
    }

    /// The pairing as the user reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TowsKind::So => lang.pick(
                "SO 增长型：用优势抓机会",
                "SO: use strengths to take opportunities",
            ),
            TowsKind::Wo => lang.pick(
                "WO 扭转型：借机会补劣势",
                "WO: take opportunities to overcome weaknesses",
            ),
            TowsKind::St => lang.pick(
                "ST 多元型：用优势避威胁",
                "ST: use strengths to meet threats",
            ),
            TowsKind::Wt => lang.pick(
                "WT 防御型：减劣势避威胁",
                "WT: reduce weaknesses, avoid threats",
            ),
        }
    }
}

/// One TOWS cross strategy and the SWOT items it is built from (indices into `swot`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TowsItem {
    /// Its pairing.
    pub kind: TowsKind,
    /// What it says.
    pub text: String,
    /// The SWOT items it draws on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<usize>,
}

/// An OGSM goal: a number, linked to a node of the indicator tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// What it says ("销售额 1.2 亿").
    pub text: String,
    /// The tree node it is measured on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<TreeNode>,
    /// The number, as typed (in the node's unit).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
}

/// One of the 4P.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FourP {
    /// 产品.
    Product,
    /// 价格.
    Price,
    /// 渠道.
    Place,
    /// 推广.
    Promotion,
}

impl FourP {
    /// The four.
    pub const ALL: [FourP; 4] = [FourP::Product, FourP::Price, FourP::Place, FourP::Promotion];

    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            FourP::Product => "product",
            FourP::Price => "price",
            FourP::Place => "place",
            FourP::Promotion => "promotion",
        }
    }

    /// The P as the user reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FourP::Product => lang.pick("产品", "Product"),
            FourP::Price => lang.pick("价格", "Price"),
            FourP::Place => lang.pick("渠道", "Place"),
            FourP::Promotion => lang.pick("推广", "Promotion"),
        }
    }

    /// The P named by a code.
    pub fn from_code(code: &str) -> Option<FourP> {
        FourP::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// An OGSM strategy: tagged with a P, linked to goals (indices into `goals`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyItem {
    /// What it says.
    pub text: String,
    /// Its P.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<FourP>,
    /// The goals it serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<usize>,
}

/// An OGSM measure of a strategy (index into `strategies`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureItem {
    /// The strategy it measures.
    pub strategy: usize,
    /// The KPI.
    pub kpi: String,
    /// Its target, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

/// An area of the execution checklist (执行层面).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecutionArea {
    /// 网点销售 — outlet sales.
    OutletSales,
    /// 零售覆盖 — retail coverage.
    RetailCoverage,
    /// 店内表现 — in-store performance.
    InStore,
    /// 资源投入 — resource input.
    Resources,
    /// 供应保障 — supply.
    Supply,
    /// 组织保障 — organisation.
    Organisation,
    /// 资源保障 — resource guarantees.
    ResourceGuarantee,
}

impl ExecutionArea {
    /// The seven, market-facing first, then the guarantees.
    pub const ALL: [ExecutionArea; 7] = [
        ExecutionArea::OutletSales,
        ExecutionArea::RetailCoverage,
        ExecutionArea::InStore,
        ExecutionArea::Resources,
        ExecutionArea::Supply,
        ExecutionArea::Organisation,
        ExecutionArea::ResourceGuarantee,
    ];

    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            ExecutionArea::OutletSales => "outlet-sales",
            ExecutionArea::RetailCoverage => "retail-coverage",
            ExecutionArea::InStore => "in-store",
            ExecutionArea::Resources => "resources",
            ExecutionArea::Supply => "supply",
            ExecutionArea::Organisation => "organisation",
            ExecutionArea::ResourceGuarantee => "resource-guarantee",
        }
    }

    /// The area named by a code.
    pub fn from_code(code: &str) -> Option<ExecutionArea> {
        ExecutionArea::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The area as the user reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ExecutionArea::OutletSales => lang.pick("网点销售", "Outlet sales"),
            ExecutionArea::RetailCoverage => lang.pick("零售覆盖", "Retail coverage"),
            ExecutionArea::InStore => lang.pick("店内表现", "In-store performance"),
            ExecutionArea::Resources => lang.pick("资源投入", "Resource input"),
            ExecutionArea::Supply => lang.pick("供应保障", "Supply"),
            ExecutionArea::Organisation => lang.pick("组织保障", "Organisation"),
            ExecutionArea::ResourceGuarantee => lang.pick("资源保障", "Resource guarantees"),
        }
    }
}

/// One line of the execution checklist: what, how much, who, and whether it is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionItem {
    /// Its area.
    pub area: ExecutionArea,
    /// What is to be done.
    pub text: String,
    /// The number it is held to, as typed ("覆盖 120 家网点").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Whether it is done.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

/// A gap in the strategy layer, found by [`validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StrategyIssue {
    /// There is no objective.
    NoObjective,
    /// A goal no strategy serves.
    GoalWithoutStrategy {
        /// The goal's index.
        goal: usize,
    },
    /// A goal not linked to a tree node.
    GoalWithoutNode {
        /// The goal's index.
        goal: usize,
    },
    /// A strategy without a P.
    StrategyWithoutP {
        /// The strategy's index.
        strategy: usize,
    },
    /// A strategy linked to no goal.
    StrategyWithoutGoal {
        /// The strategy's index.
        strategy: usize,
    },
    /// A strategy without a measure.
    StrategyWithoutMeasure {
        /// The strategy's index.
        strategy: usize,
    },
    /// A measure without an owner.
    MeasureWithoutOwner {
        /// The measure's index.
        measure: usize,
    },
    /// A measure without a due date.
    MeasureWithoutDate {
        /// The measure's index.
        measure: usize,
    },
    /// A link to an item that does not exist (a goal, a strategy or a SWOT item).
    BrokenLink {
        /// Where the link is, as a field path.
        at: String,
    },
    /// An execution item without an owner.
    ExecutionWithoutOwner {
        /// The item's index.
        item: usize,
    },
}

impl StrategyIssue {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        let n = |i: &usize| (i + 1).to_string();
        match (self, lang) {
            (StrategyIssue::NoObjective, Lang::Zh) => {
                "还没有目的（O）：用一句话写下今年要达成什么。".into()
            }
            (StrategyIssue::NoObjective, Lang::En) => {
                "There is no objective (O) yet: say in one sentence what this year is for.".into()
            }
            (StrategyIssue::GoalWithoutStrategy { goal }, Lang::Zh) => {
                format!("目标 G{} 还没有策略支撑。", n(goal))
            }
            (StrategyIssue::GoalWithoutStrategy { goal }, Lang::En) => {
                format!("Goal G{} has no strategy.", n(goal))
            }
            (StrategyIssue::GoalWithoutNode { goal }, Lang::Zh) => {
                format!("目标 G{} 没有关联指标树的节点。", n(goal))
            }
            (StrategyIssue::GoalWithoutNode { goal }, Lang::En) => {
                format!(
                    "Goal G{} is not linked to a node of the indicator tree.",
                    n(goal)
                )
            }
            (StrategyIssue::StrategyWithoutP { strategy }, Lang::Zh) => {
                format!("策略 S{} 没有标注 4P。", n(strategy))
            }
            (StrategyIssue::StrategyWithoutP { strategy }, Lang::En) => {
                format!(
                    "Strategy S{} is not tagged with one of the 4P.",
                    n(strategy)
                )
            }
            (StrategyIssue::StrategyWithoutGoal { strategy }, Lang::Zh) => {
                format!("策略 S{} 没有关联任何目标。", n(strategy))
            }
            (StrategyIssue::StrategyWithoutGoal { strategy }, Lang::En) => {
                format!("Strategy S{} serves no goal.", n(strategy))
            }
            (StrategyIssue::StrategyWithoutMeasure { strategy }, Lang::Zh) => {
                format!("策略 S{} 还没有衡量（M）。", n(strategy))
            }
            (StrategyIssue::StrategyWithoutMeasure { strategy }, Lang::En) => {
                format!("Strategy S{} has no measure (M).", n(strategy))
            }
            (StrategyIssue::MeasureWithoutOwner { measure }, Lang::Zh) => {
                format!("衡量 M{} 没有负责人。", n(measure))
            }
            (StrategyIssue::MeasureWithoutOwner { measure }, Lang::En) => {
                format!("Measure M{} has no owner.", n(measure))
            }
            (StrategyIssue::MeasureWithoutDate { measure }, Lang::Zh) => {
                format!("衡量 M{} 没有完成日期。", n(measure))
            }
            (StrategyIssue::MeasureWithoutDate { measure }, Lang::En) => {
                format!("Measure M{} has no due date.", n(measure))
            }
            (StrategyIssue::BrokenLink { at }, Lang::Zh) => format!("{at}：指向的条目不存在。"),
            (StrategyIssue::BrokenLink { at }, Lang::En) => {
                format!("{at}: links to an item that does not exist.")
            }
            (StrategyIssue::ExecutionWithoutOwner { item }, Lang::Zh) => {
                format!("执行清单第 {} 项没有负责人。", n(item))
            }
            (StrategyIssue::ExecutionWithoutOwner { item }, Lang::En) => {
                format!("Execution item {} has no owner.", n(item))
            }
        }
    }
}

/// Every gap of the strategy layer, in the order OGSM is read: the objective, each goal (a
/// strategy serves it, it is linked to a node), each strategy (a P, a goal, a measure), each
/// measure (an owner, a date), links to missing items, and execution items without an owner.
/// Empty when the plan holds together. An empty OGSM (no goals, strategies or measures, no
/// objective) has no gaps: nothing has been started.
pub fn validate(s: &Strategy) -> Vec<StrategyIssue> {
    let mut out = Vec::new();
    let started = !(s.objective.trim().is_empty()
        && s.goals.is_empty()
        && s.strategies.is_empty()
        && s.measures.is_empty());
    if started && s.objective.trim().is_empty() {
        out.push(StrategyIssue::NoObjective);
    }
    for (g, goal) in s.goals.iter().enumerate() {
        if !s.strategies.iter().any(|st| st.goals.contains(&g)) {
            out.push(StrategyIssue::GoalWithoutStrategy { goal: g });
        }
        if goal.node.is_none() {
            out.push(StrategyIssue::GoalWithoutNode { goal: g });
        }
    }
    for (i, st) in s.strategies.iter().enumerate() {
        if st.p.is_none() {
            out.push(StrategyIssue::StrategyWithoutP { strategy: i });
        }
        if st.goals.is_empty() {
            out.push(StrategyIssue::StrategyWithoutGoal { strategy: i });
        }
        if !s.measures.iter().any(|m| m.strategy == i) {
            out.push(StrategyIssue::StrategyWithoutMeasure { strategy: i });
        }
        for (k, &g) in st.goals.iter().enumerate() {
            if g >= s.goals.len() {
                out.push(StrategyIssue::BrokenLink {
                    at: format!("strategies[{i}].goals[{k}]"),
                });
            }
        }
    }
    for (i, m) in s.measures.iter().enumerate() {
        if m.owner.trim().is_empty() {
            out.push(StrategyIssue::MeasureWithoutOwner { measure: i });
        }
        if m.due.is_none() {
            out.push(StrategyIssue::MeasureWithoutDate { measure: i });
        }
        if m.strategy >= s.strategies.len() {
            out.push(StrategyIssue::BrokenLink {
                at: format!("measures[{i}].strategy"),
            });
        }
    }
    for (i, t) in s.tows.iter().enumerate() {
        for (k, &f) in t.from.iter().enumerate() {
            let ok = s
                .swot
                .get(f)
                .is_some_and(|item| t.kind.crosses().contains(&item.kind));
            if !ok {
                out.push(StrategyIssue::BrokenLink {
                    at: format!("tows[{i}].from[{k}]"),
                });
            }
        }
    }
    for (i, e) in s.execution.iter().enumerate() {
        if e.owner.trim().is_empty() {
            out.push(StrategyIssue::ExecutionWithoutOwner { item: i });
        }
    }
    out
}

/// Removes goal `g`, dropping it from every strategy's links and renumbering the later ones.
pub fn remove_goal(s: &mut Strategy, g: usize) {
    if g >= s.goals.len() {
        return;
    }
    s.goals.remove(g);
    for st in &mut s.strategies {
        st.goals.retain(|&x| x != g);
        for x in &mut st.goals {
            if *x > g {
                *x -= 1;
            }
        }
    }
}

/// Removes strategy `i` and its measures, renumbering the measures of later strategies.
pub fn remove_strategy(s: &mut Strategy, i: usize) {
    if i >= s.strategies.len() {
        return;
    }
    s.strategies.remove(i);
    s.measures.retain(|m| m.strategy != i);
    for m in &mut s.measures {
        if m.strategy > i {
            m.strategy -= 1;
        }
    }
}

/// Removes SWOT item `i`, dropping it from every TOWS strategy and renumbering later ones.
pub fn remove_swot(s: &mut Strategy, i: usize) {
    if i >= s.swot.len() {
        return;
    }
    s.swot.remove(i);
    for t in &mut s.tows {
        t.from.retain(|&x| x != i);
        for x in &mut t.from {
            if *x > i {
                *x -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests;
