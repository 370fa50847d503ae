//! The target plan (目标计划) a workspace keeps, one per plan year: what the user decided —
//! the measure, the agreed annual target, the rounding unit, the answers of every wizard step
//! — and nothing that can be computed again from those decisions.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::{Allocation, BottomUpInput, BridgeStep, SourcesInput, Strategy, TreeInput};
use crate::Money;
use crate::review::Measure;

/// A workspace's target plans (`Workspace::targets`), at most one per plan year, in year order.
/// Empty in a workspace that has no plan, and then absent from its file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    /// The plans, by year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<Plan>,
}

impl Targets {
    /// Whether there is no plan (the field is then left out of the workspace file).
    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    /// The plan for a year.
    pub fn plan(&self, year: i32) -> Option<&Plan> {
        self.plans.iter().find(|p| p.year == year)
    }

    /// The plan for a year, to change it.
    pub fn plan_mut(&mut self, year: i32) -> Option<&mut Plan> {
        self.plans.iter_mut().find(|p| p.year == year)
    }

    /// The latest plan year.
    pub fn latest(&self) -> Option<&Plan> {
        self.plans.iter().max_by_key(|p| p.year)
    }
}

/// One year's target plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The plan year (its base year is the year before).
    pub year: i32,
    /// What the targets count: sales amount, quantity or gross profit.
    pub measure: Measure,
    /// The agreed annual target; `None` until one is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
    /// The unit every target is rounded to (¥1, ¥100, ¥1,000, ¥10,000).
    pub unit: Money,
    /// The core questions the user ticked by hand (the wizard also ticks them as steps are done).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub ticked: BTreeSet<Question>,
    /// The agreed numbers split over months and dimensions, once the decomposition is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<Allocation>,
    /// The market size (市场容量) the user entered for the plan year, in yuan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_size: Option<Money>,
    /// What the user decided in the indicator tree: the target node, the locks, the absorbers.
    #[serde(default, skip_serializing_if = "TreeInput::is_empty")]
    pub tree: TreeInput,
    /// The steps of the gap bridge from last year's actual to the target, in the user's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bridge: Vec<BridgeStep>,
    /// The three sources: the market share aimed for and the blend taken as the target.
    #[serde(default, skip_serializing_if = "SourcesInput::is_empty")]
    pub sources: SourcesInput,
    /// The strategy-led, bottom-up plan: customer wallets and target shares, new customers,
    /// opportunities.
    #[serde(default, skip_serializing_if = "BottomUpInput::is_empty")]
    pub bottom_up: BottomUpInput,
    /// The strategy layer: SWOT, TOWS, OGSM and the execution checklist.
    #[serde(default, skip_serializing_if = "Strategy::is_empty")]
    pub strategy: Strategy,
    /// The two-way grids kept in the plan (each a sheet of its workbook), with the cells the
    /// user fixed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grids: Vec<super::GridSpec>,
}

impl Plan {
    /// A new plan for `year` counting `measure`, rounded to whole yuan, with nothing decided.
    pub fn new(year: i32, measure: Measure) -> Plan {
        Plan {
            year,
            measure,
            total: None,
            unit: Money::from_minor(crate::money::MONEY_SCALE),
            ticked: BTreeSet::new(),
            allocation: None,
            market_size: None,
            tree: TreeInput::default(),
            bridge: Vec::new(),
            sources: SourcesInput::default(),
            bottom_up: BottomUpInput::default(),
            strategy: Strategy::default(),
            grids: Vec::new(),
        }
    }

    /// Whether a core question counts as answered: ticked by hand, or answered by the wizard's
    /// own steps (a market size or target share answers "where will the market be", an agreed
    /// total "where do we want to be", a split over at least one dimension "how do we get
    /// there").
    pub fn answered(&self, q: Question) -> bool {
        self.ticked.contains(&q)
            || match q {
                Question::WhereWillTheMarketBe => {
                    self.market_size.is_some() || self.sources.target_share.is_some()
                }
                Question::WhereDoWeWantToBe => self.total.is_some(),
                Question::HowDoWeGetThere => {
                    self.allocation.as_ref().is_some_and(|a| !a.dims.is_empty())
                }
                _ => false,
            }
    }
}

/// The five core questions (五个核心问题) a target plan answers.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// 我们在哪里 — where are we (the business review).
    WhereAreWe,
    /// 市场将在哪里 — where will the market be (market size, the trend).
    WhereWillTheMarketBe,
    /// 我们想去哪里 — where do we want to be (the target and its sources).
    WhereDoWeWantToBe,
    /// 我们如何到达 — how do we get there (the tree, the bridge, the strategies).
    HowDoWeGetThere,
    /// 需要哪些资源 — what resources (execution and resource guarantees).
    WhatResources,
}

impl Question {
    /// The five, in the course's order.
    pub const ALL: [Question; 5] = [
        Question::WhereAreWe,
        Question::WhereWillTheMarketBe,
        Question::WhereDoWeWantToBe,
        Question::HowDoWeGetThere,
        Question::WhatResources,
    ];

    /// The question as the user reads it.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Question::WhereAreWe => lang.pick("我们在哪里？", "Where are we?"),
            Question::WhereWillTheMarketBe => {
                lang.pick("市场将在哪里？", "Where will the market be?")
            }
            Question::WhereDoWeWantToBe => lang.pick("我们想去哪里？", "Where do we want to be?"),
            Question::HowDoWeGetThere => lang.pick("我们如何到达？", "How do we get there?"),
            Question::WhatResources => lang.pick("需要哪些资源？", "What resources do we need?"),
        }
    }
}

/// The year a new plan is for: the year after the last month with data (a ledger running into
/// 2026 plans 2027); `None` for an empty frame.
pub fn default_plan_year(frame: &crate::review::Frame) -> Option<i32> {
    frame.last_month().map(|m| m.div_euclid(12) + 1)
}

/// The rounding units a plan offers: ¥1, ¥100, ¥1,000, ¥10,000.
pub const UNITS: [Money; 4] = [
    Money(10_000),
    Money(1_000_000),
    Money(10_000_000),
    Money(100_000_000),
];

/// Why a typed annual target was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TotalError {
    /// Not a plain number of yuan.
    NotANumber,
    /// Zero or below.
    NotPositive,
    /// Not a multiple of the rounding unit.
    NotMultiple {
        /// The unit.
        unit: Money,
    },
}

impl TotalError {
    /// A sentence for the user, shown beside the field.
    pub fn message(&self, lang: crate::Lang) -> String {
        match (self, lang) {
            (TotalError::NotANumber, crate::Lang::Zh) => {
                "请输入金额数字（元），如 12000000 或 12000000.50，不带逗号和单位。".into()
            }
            (TotalError::NotANumber, crate::Lang::En) => {
                "Enter an amount in yuan, such as 12000000 or 12000000.50, without commas or units."
                    .into()
            }
            (TotalError::NotPositive, crate::Lang::Zh) => "年度目标必须大于 0。".into(),
            (TotalError::NotPositive, crate::Lang::En) => {
                "The annual target must be above 0.".into()
            }
            (TotalError::NotMultiple { unit }, lang) => {
                let u = crate::format_money(*unit, lang);
                match lang {
                    crate::Lang::Zh => format!("年度目标须是取整单位 {u} 的整数倍。"),
                    crate::Lang::En => {
                        format!("The annual target must be a multiple of the rounding unit, {u}.")
                    }
                }
            }
        }
    }
}

/// Reads an amount typed in yuan: an optional leading ¥, white space and thousands separators
/// (`,`, `，`) allowed, up to four decimals; `None` for anything else.
pub fn parse_amount(text: &str) -> Option<Money> {
    let clean: String = text
        .trim()
        .trim_start_matches('¥')
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    Money::parse_decimal(&clean)
}

/// Reads a typed annual target in yuan (see [`parse_amount`]): a positive multiple of `unit`.
pub fn parse_total(text: &str, unit: Money) -> Result<Money, TotalError> {
    let total = parse_amount(text).ok_or(TotalError::NotANumber)?;
    if total.0 <= 0 {
        return Err(TotalError::NotPositive);
    }
    if unit.0 > 0 && total.0 % unit.0 != 0 {
        return Err(TotalError::NotMultiple { unit });
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_answered_by_hand_or_by_the_steps() {
        let mut p = Plan::new(2027, Measure::Amount);
        assert!(Question::ALL.iter().all(|&q| !p.answered(q)));
        p.ticked.insert(Question::WhereAreWe);
        p.total = Some(Money(10_000));
        assert!(p.answered(Question::WhereAreWe));
        assert!(p.answered(Question::WhereDoWeWantToBe));
        assert!(!p.answered(Question::HowDoWeGetThere));
        assert!(!p.answered(Question::WhereWillTheMarketBe));
        p.market_size = Some(Money(1));
        assert!(p.answered(Question::WhereWillTheMarketBe));
        let mut a = crate::targets::allocation::tests::example();
        p.allocation = Some(a.clone());
        assert!(p.answered(Question::HowDoWeGetThere));
        a.dims.clear();
        p.allocation = Some(a);
        assert!(
            !p.answered(Question::HowDoWeGetThere),
            "months alone do not say how"
        );
    }

    #[test]
    fn typed_totals_are_read_or_refused_with_the_reason() {
        let hundred = UNITS[1];
        assert_eq!(
            parse_total(" ¥12,000,000 ", hundred),
            Ok(Money(120_000_000_000))
        );
        assert_eq!(parse_total("12万", hundred), Err(TotalError::NotANumber));
        assert_eq!(parse_total("-5", hundred), Err(TotalError::NotPositive));
        assert_eq!(
            parse_total("12345", hundred),
            Err(TotalError::NotMultiple { unit: hundred })
        );
        assert!(
            TotalError::NotMultiple { unit: hundred }
                .message(crate::Lang::Zh)
                .contains("¥100")
        );
    }

    #[test]
    fn the_default_year_follows_the_last_month_of_data() {
        let ws = crate::demo_workspace(crate::Date::from_ymd(2026, 6, 30).unwrap());
        let frame = crate::review::Frame::from_workspace(&ws);
        assert_eq!(default_plan_year(&frame), Some(2027));
        assert_eq!(default_plan_year(&crate::review::Frame::default()), None);
    }
}
