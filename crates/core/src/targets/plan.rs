//! The target plan (目标计划) a workspace keeps, one per plan year: what the user decided —
//! the measure, the agreed annual target, the rounding unit, the answers of every wizard step
//! — and nothing that can be computed again from those decisions.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::Allocation;
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
