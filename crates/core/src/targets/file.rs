//! The plan file (`sandtable.plan`, PLAN.md): one target plan travelling alone, e.g. from a
//! manager to the boss or from one workspace to another. [`plan_from_json`] reads it;
//! [`check_plan`] lists every way it disagrees with itself or with the workspace it goes into,
//! and an import refuses it while there is any.

use serde::Serialize;
use std::collections::HashSet;

use super::Plan;
use super::allocation::{AllocationProblemKind, check_allocation};
use super::edit::PLAN_YEARS;
use crate::envelope::{self, EnvelopeError};
use crate::review::{Dim, Frame};
use crate::{FieldPath, Lang, Money, Workspace};

/// The `format` of a plan file.
pub const PLAN_FORMAT: &str = "sandtable.plan";
/// The version this build writes and the newest it reads.
pub const PLAN_VERSION: u32 = 1;
/// Plan files larger than this are refused unread (a plan of 10,000 customers with monthly
/// targets is about 5 MB).
pub const MAX_PLAN_BYTES: usize = 32 * 1024 * 1024;

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    plan: &'a Plan,
}

/// The plan as a plan file (pretty-printed JSON, so that it can be read and compared).
pub fn plan_to_json(plan: &Plan) -> String {
    let envelope = Envelope {
        format: PLAN_FORMAT,
        version: PLAN_VERSION,
        plan,
    };
    // Plain structs with string keys always serialise.
    serde_json::to_string_pretty(&envelope).unwrap_or_default()
}

/// Reads a plan file: size, JSON, `format`, `version`, then the fields. Its numbers are not
/// checked: call [`check_plan`] and refuse the file on any problem.
pub fn plan_from_json(text: &str) -> Result<Plan, PlanFileError> {
    let (_, fields) = envelope::open(text, PLAN_FORMAT, PLAN_VERSION, MAX_PLAN_BYTES)?;
    Ok(envelope::fields(fields)?)
}

/// Why a file could not be read as a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanFileError(pub EnvelopeError);

impl From<EnvelopeError> for PlanFileError {
    fn from(e: EnvelopeError) -> PlanFileError {
        PlanFileError(e)
    }
}

impl PlanFileError {
    /// A message for the user, saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let again = lang.pick(
            "请选择由生意沙盘导出的目标计划文件（.plan）。",
            "Choose a target plan file exported from Sandtable (.plan).",
        );
        match (&self.0, lang) {
            (EnvelopeError::TooLarge { bytes, limit }, Lang::Zh) => {
                format!("文件过大（{bytes} 字节，目标计划文件上限为 {limit} 字节）。{again}")
            }
            (EnvelopeError::TooLarge { bytes, limit }, Lang::En) => {
                format!("The file is too large to be a plan ({bytes} bytes; the limit is {limit}). {again}")
            }
            (EnvelopeError::Empty, Lang::Zh) => format!("文件是空的。{again}"),
            (EnvelopeError::Empty, Lang::En) => format!("The file is empty. {again}"),
            (EnvelopeError::NotJson { detail }, Lang::Zh) => {
                format!("文件不是有效的 JSON（{detail}），可能不完整。{again}")
            }
            (EnvelopeError::NotJson { detail }, Lang::En) => {
                format!("The file is not valid JSON ({detail}); it may be incomplete. {again}")
            }
            (EnvelopeError::WrongFormat { found: Some(f) }, Lang::Zh) => {
                format!("这不是目标计划文件（其格式为“{f}”，应为“{PLAN_FORMAT}”）。")
            }
            (EnvelopeError::WrongFormat { found: Some(f) }, Lang::En) => {
                format!("This is not a target plan (its format is \"{f}\", not \"{PLAN_FORMAT}\").")
            }
            (EnvelopeError::WrongFormat { found: None }, Lang::Zh) => {
                format!("这不是目标计划文件（缺少 \"format\": \"{PLAN_FORMAT}\"）。")
            }
            (EnvelopeError::WrongFormat { found: None }, Lang::En) => {
                format!("This is not a target plan (it lacks \"format\": \"{PLAN_FORMAT}\").")
            }
            (EnvelopeError::NewerVersion { found, supported }, Lang::Zh) => format!(
                "该目标计划由更新版本的生意沙盘创建（文件版本 {found}，本应用支持到 {supported}）。请更新应用后再导入。"
            ),
            (EnvelopeError::NewerVersion { found, supported }, Lang::En) => format!(
                "This plan was made by a newer Sandtable (file version {found}; this app reads up to version {supported}). Update the app, then import it again."
            ),
            (EnvelopeError::BadVersion, Lang::Zh) => {
                "目标计划文件的版本号缺失或无效，文件可能已损坏。请重新导出。".into()
            }
            (EnvelopeError::BadVersion, Lang::En) => {
                "The plan file's version number is missing or invalid, so the file may be damaged. Export it again.".into()
            }
            (EnvelopeError::Invalid { path, detail }, Lang::Zh) => format!(
                "目标计划文件内容有误：{}（{detail}）。请重新导出该计划。",
                if path.is_empty() { "顶层" } else { path }
            ),
            (EnvelopeError::Invalid { path, detail }, Lang::En) => format!(
                "The plan file has an invalid value at {} ({detail}). Export the plan again.",
                if path.is_empty() { "the top level" } else { path }
            ),
        }
    }
}

impl std::fmt::Display for PlanFileError {
    /// The English message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PlanFileError {}

/// A way in which a plan disagrees with itself or with a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanProblem {
    /// Where, e.g. `allocation.dims[2].members[7].id`.
    pub path: FieldPath,
    /// What.
    pub kind: PlanProblemKind,
}

/// What is wrong with a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanProblemKind {
    /// The year is outside 1900–2200.
    YearOutOfRange,
    /// The rounding unit is not positive.
    BadUnit,
    /// The allocation's total or unit is not the plan's.
    NotThePlans {
        /// The allocation's value.
        allocation: Money,
        /// The plan's value.
        plan: Money,
    },
    /// The allocation's numbers disagree (see [`check_allocation`]).
    Allocation(AllocationProblemKind),
    /// The gap bridge's steps cannot be kept (see [`super::check_steps`]).
    Bridge(super::StepsProblem),
    /// A value outside its range, with the rule it breaks.
    OutOfRange {
        /// The rule, in Chinese.
        zh: &'static str,
        /// The rule, in English.
        en: &'static str,
    },
    /// A member the workspace does not have.
    UnknownMember {
        /// Its dimension.
        dim: Dim,
        /// Its id.
        id: String,
    },
}

impl PlanProblem {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        let at = &self.path;
        match (&self.kind, lang) {
            (PlanProblemKind::YearOutOfRange, Lang::Zh) => {
                format!("{at}：计划年份须在 1900 至 2200 之间。")
            }
            (PlanProblemKind::YearOutOfRange, Lang::En) => {
                format!("{at}: the plan year must be between 1900 and 2200.")
            }
            (PlanProblemKind::BadUnit, Lang::Zh) => format!("{at}：取整单位必须大于 0。"),
            (PlanProblemKind::BadUnit, Lang::En) => {
                format!("{at}: the rounding unit must be above 0.")
            }
            (PlanProblemKind::NotThePlans { allocation, plan }, _) => {
                let (a, p) = (
                    crate::format_money(*allocation, lang),
                    crate::format_money(*plan, lang),
                );
                match lang {
                    Lang::Zh => format!("{at}：分解结果为 {a}，而计划为 {p}。"),
                    Lang::En => format!("{at}: the split says {a}, the plan {p}."),
                }
            }
            (PlanProblemKind::Allocation(kind), _) => super::AllocationProblem {
                path: self.path.clone(),
                kind: kind.clone(),
            }
            .message(lang),
            (PlanProblemKind::Bridge(p), _) => format!("{at}: {}", p.message(lang)),
            (PlanProblemKind::OutOfRange { zh, .. }, Lang::Zh) => format!("{at}：{zh}"),
            (PlanProblemKind::OutOfRange { en, .. }, Lang::En) => format!("{at}: {en}"),
            (PlanProblemKind::UnknownMember { dim, id }, Lang::Zh) => format!(
                "{at}：本工作区没有{}“{id}”。请先导入含该成员的数据或主数据，或在计划中删除它。",
                dim.label(lang)
            ),
            (PlanProblemKind::UnknownMember { dim, id }, Lang::En) => format!(
                "{at}: this workspace has no {} \"{id}\". Import data or master data that has it, or remove it from the plan.",
                dim.label(lang).to_lowercase()
            ),
        }
    }
}

/// Every problem of `plan` going into `ws` (whose frame is `frame`): its year and unit, its
/// allocation against the plan's total and unit, the allocation's own sums
/// ([`check_allocation`]), and members the workspace has neither in its master data nor in its
/// ledgers. Empty when the plan can be taken as it is.
pub fn check_plan(plan: &Plan, ws: &Workspace, frame: &Frame) -> Vec<PlanProblem> {
    let mut out = Vec::new();
    let root = FieldPath::root();
    if !PLAN_YEARS.contains(&plan.year) {
        out.push(PlanProblem {
            path: root.clone().field("year"),
            kind: PlanProblemKind::YearOutOfRange,
        });
    }
    if plan.unit.0 <= 0 {
        out.push(PlanProblem {
            path: root.clone().field("unit"),
            kind: PlanProblemKind::BadUnit,
        });
    }
    out.extend(
        super::check_steps(&plan.bridge)
            .into_iter()
            .map(|p| PlanProblem {
                path: root.clone().field("bridge"),
                kind: PlanProblemKind::Bridge(p),
            }),
    );
    out.extend(check_strategy(plan));
    out.extend(check_grids(plan));
    let Some(a) = &plan.allocation else {
        return out;
    };
    let apath = root.field("allocation");
    let mismatch = |field: &str, allocation: Money, plan: Money| PlanProblem {
        path: apath.clone().field(field),
        kind: PlanProblemKind::NotThePlans { allocation, plan },
    };
    if let Some(total) = plan.total
        && total != a.total
    {
        out.push(mismatch("total", a.total, total));
    }
    if a.unit != plan.unit {
        out.push(mismatch("unit", a.unit, plan.unit));
    }
    out.extend(check_allocation(a).into_iter().map(|p| PlanProblem {
        path: apath.clone().join(&p.path),
        kind: PlanProblemKind::Allocation(p.kind),
    }));
    for (d, dim) in a.dims.iter().enumerate() {
        let known = known_ids(ws, frame, dim.dim);
        for (i, m) in dim.members.iter().enumerate() {
            if !known.contains(m.id.as_str()) {
                out.push(PlanProblem {
                    path: apath
                        .clone()
                        .field("dims")
                        .index(d)
                        .field("members")
                        .index(i)
                        .field("id"),
                    kind: PlanProblemKind::UnknownMember {
                        dim: dim.dim,
                        id: m.id.clone(),
                    },
                });
            }
        }
    }
    out
}

/// The kept grids: two different dimensions, each pair once, every fixed cell once, not below
/// zero and a multiple of the unit, at most [`MAX_GRID_LOCKS`] of them. Whether the cells fit
/// the splits is said by the grid itself when it is fitted.
fn check_grids(plan: &Plan) -> Vec<PlanProblem> {
    let mut out = Vec::new();
    let root = FieldPath::root().field("grids");
    let problem = |path: FieldPath, zh: &'static str, en: &'static str| PlanProblem {
        path,
        kind: PlanProblemKind::OutOfRange { zh, en },
    };
    for (g, spec) in plan.grids.iter().enumerate() {
        let at = root.clone().index(g);
        if spec.rows == spec.cols {
            out.push(problem(
                at.clone(),
                "行和列须是两个不同的维度。",
                "rows and columns must be two different dimensions.",
            ));
        }
        if plan.grids[..g]
            .iter()
            .any(|o| o.rows == spec.rows && o.cols == spec.cols)
        {
            out.push(problem(
                at.clone(),
                "同一张二维表出现了两次。",
                "the same grid is listed twice.",
            ));
        }
        if spec.locks.len() > MAX_GRID_LOCKS {
            out.push(problem(
                at.clone().field("locks"),
                "锁定的格太多（最多 10,000 个）。",
                "too many fixed cells (at most 10,000).",
            ));
        }
        for (i, l) in spec.locks.iter().enumerate() {
            let lat = at.clone().field("locks").index(i);
            if spec.locks[..i]
                .iter()
                .any(|o| o.row == l.row && o.col == l.col)
            {
                out.push(problem(
                    lat.clone(),
                    "同一格锁定了两次。",
                    "the same cell is fixed twice.",
                ));
            }
            if l.target.is_negative() || (plan.unit.0 > 0 && l.target.0 % plan.unit.0 != 0) {
                out.push(problem(
                    lat.field("target"),
                    "目标须不小于 0，且是取整单位的整数倍。",
                    "a target must be at least 0 and a multiple of the rounding unit.",
                ));
            }
        }
    }
    out
}

/// The most fixed cells a kept grid may have.
pub const MAX_GRID_LOCKS: usize = 10_000;

/// The sources' and the bottom-up plan's values: shares above 0% and at most 100%, weights
/// summing to 100%, wallets, counts and sales not below zero, lists within their size.
fn check_strategy(plan: &Plan) -> Vec<PlanProblem> {
    use super::bottom_up::MAX_ROWS;
    let mut out = Vec::new();
    let root = FieldPath::root();
    let share_ok = |d: crate::Dec| d.0 > 0 && d <= crate::Dec::HUNDRED;
    let share_rule = PlanProblemKind::OutOfRange {
        zh: "份额须大于 0% 且不超过 100%。",
        en: "a share must be above 0% and at most 100%.",
    };
    let not_negative = PlanProblemKind::OutOfRange {
        zh: "金额与数量不能为负。",
        en: "amounts and counts cannot be negative.",
    };
    let s = &plan.sources;
    if s.target_share.is_some_and(|d| !share_ok(d)) {
        out.push(PlanProblem {
            path: root.clone().field("sources").field("target_share"),
            kind: share_rule.clone(),
        });
    }
    if let Some(b) = s.blend
        && b.top_down + b.trend + b.bottom_up != 100
    {
        out.push(PlanProblem {
            path: root.clone().field("sources").field("blend"),
            kind: PlanProblemKind::OutOfRange {
                zh: "三个来源的权重之和须为 100。",
                en: "the three weights must sum to 100.",
            },
        });
    }
    let bu = &plan.bottom_up;
    let bpath = root.field("bottom_up");
    for (field, len) in [
        ("customers", bu.customers.len()),
        ("new_customers", bu.new_customers.len()),
        ("opportunities", bu.opportunities.len()),
    ] {
        if len > MAX_ROWS {
            out.push(PlanProblem {
                path: bpath.clone().field(field),
                kind: PlanProblemKind::OutOfRange {
                    zh: "每张清单最多 10000 行。",
                    en: "each list has at most 10,000 rows.",
                },
            });
        }
    }
    let mut seen = HashSet::new();
    for (i, c) in bu.customers.iter().enumerate() {
        let at = bpath.clone().field("customers").index(i);
        if c.wallet.0 < 0 {
            out.push(PlanProblem {
                path: at.clone().field("wallet"),
                kind: not_negative.clone(),
            });
        }
        if !share_ok(c.target_share) {
            out.push(PlanProblem {
                path: at.clone().field("target_share"),
                kind: share_rule.clone(),
            });
        }
        if !seen.insert(c.id.as_str()) {
            out.push(PlanProblem {
                path: at.field("id"),
                kind: PlanProblemKind::OutOfRange {
                    zh: "同一客户只能有一行计划。",
                    en: "a customer has at most one plan row.",
                },
            });
        }
    }
    for (i, n) in bu.new_customers.iter().enumerate() {
        if n.first_year.0 < 0 {
            out.push(PlanProblem {
                path: bpath
                    .clone()
                    .field("new_customers")
                    .index(i)
                    .field("first_year"),
                kind: not_negative.clone(),
            });
        }
    }
    let st = &plan.strategy;
    let spath = FieldPath::root().field("strategy");
    for (field, len) in [
        ("swot", st.swot.len()),
        ("tows", st.tows.len()),
        ("goals", st.goals.len()),
        ("strategies", st.strategies.len()),
        ("measures", st.measures.len()),
        ("execution", st.execution.len()),
    ] {
        if len > super::strategy::MAX_ITEMS {
            out.push(PlanProblem {
                path: spath.clone().field(field),
                kind: PlanProblemKind::OutOfRange {
                    zh: "每张清单最多 500 项。",
                    en: "each list has at most 500 items.",
                },
            });
        }
    }
    for issue in super::strategy::validate(st) {
        if let super::StrategyIssue::BrokenLink { at } = issue {
            out.push(PlanProblem {
                path: spath.clone().field(&at),
                kind: PlanProblemKind::OutOfRange {
                    zh: "指向的条目不存在，或不属于它交叉的象限。",
                    en: "links to an item that does not exist or is not of the quadrants it crosses.",
                },
            });
        }
    }
    for (i, o) in bu.opportunities.iter().enumerate() {
        if o.amount.0 < 0 {
            out.push(PlanProblem {
                path: bpath
                    .clone()
                    .field("opportunities")
                    .index(i)
                    .field("amount"),
                kind: not_negative.clone(),
            });
        }
    }
    out
}

/// The ids of a dimension's members a workspace knows: its master data and its ledgers'.
fn known_ids<'a>(ws: &'a Workspace, frame: &'a Frame, dim: Dim) -> HashSet<&'a str> {
    let mut ids: HashSet<&str> = frame.members(dim).ids.iter().map(String::as_str).collect();
    match dim {
        Dim::Customer => ids.extend(ws.customers.iter().map(|c| c.id.as_str())),
        Dim::Product => ids.extend(ws.products.iter().map(|p| p.id.as_str())),
        Dim::Category => ids.extend(ws.products.iter().map(|p| p.category.as_str())),
        Dim::Region => ids.extend(ws.regions.iter().map(|r| r.id.as_str())),
        Dim::Salesperson => ids.extend(ws.salespeople.iter().map(|s| s.id.as_str())),
        Dim::Channel => {}
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Measure;
    use crate::targets::{Allocation, DimAllocation, MemberAllocation};

    fn y(units: i64) -> Money {
        Money(units * 10_000)
    }

    fn workspace() -> Workspace {
        let mut ws = crate::demo_workspace(crate::Date::from_ymd(2026, 6, 30).unwrap());
        ws.datasets.truncate(1);
        ws
    }

    fn plan(ws: &Workspace) -> Plan {
        let ids: Vec<&str> = ws.regions.iter().map(|r| r.id.as_str()).take(2).collect();
        let mut p = Plan::new(2027, Measure::Amount);
        p.total = Some(y(1200));
        p.allocation = Some(Allocation {
            month_basis: Default::default(),
            locked_months: Vec::new(),
            month_weights: Vec::new(),
            total: y(1200),
            unit: y(1),
            months: vec![y(100); 12],
            dims: vec![DimAllocation {
                dim: Dim::Region,
                total: y(1200),
                basis: Default::default(),
                members: ids
                    .iter()
                    .zip([700, 500])
                    .map(|(id, t)| MemberAllocation {
                        id: id.to_string(),
                        name: id.to_string(),
                        parent: None,
                        base: y(t),
                        target: y(t),
                        locked: false,
                        weight: None,
                        months: Vec::new(),
                    })
                    .collect(),
            }],
        });
        p
    }

    #[test]
    fn a_plan_file_round_trips_and_checks_clean() {
        let ws = workspace();
        let frame = Frame::from_workspace(&ws);
        let mut p = plan(&ws);
        let text = plan_to_json(&p);
        assert!(
            !text.contains("tree") && !text.contains("market_size"),
            "{text}"
        );
        p.market_size = Some(y(50_000));
        p.tree.target = Some(crate::targets::TreeTarget {
            node: crate::targets::TreeNode::GrossMargin,
            value: crate::targets::TreeTargetValue::Percent(crate::Dec::int(31)),
        });
        p.tree
            .locked
            .insert(crate::targets::TreeNode::Region(ws.regions[0].id.clone()));
        p.tree.absorbers.customers = crate::targets::CustomerAbsorber::RevenuePerCustomer;
        p.bridge = vec![
            crate::targets::BridgeStep::new(crate::targets::StepKind::NewCustomers, y(150)),
            crate::targets::BridgeStep {
                kind: crate::targets::StepKind::Other,
                name: "新渠道".into(),
                amount: y(-20),
            },
        ];
        p.sources = crate::targets::SourcesInput {
            target_share: crate::Dec::parse("12.5"),
            blend: Some(crate::targets::Blend {
                top_down: 30,
                trend: 70,
                bottom_up: 0,
            }),
        };
        p.bottom_up = crate::targets::BottomUpInput {
            customers: vec![crate::targets::CustomerPlan {
                id: "C1".into(),
                wallet: y(900),
                target_share: crate::Dec::int(40),
            }],
            new_customers: vec![crate::targets::NewCustomers {
                class: "A".into(),
                count: 3,
                first_year: y(20),
            }],
            opportunities: vec![crate::targets::Opportunity {
                quadrant: crate::targets::Ansoff::Diversification,
                name: "社区团购".into(),
                amount: y(5),
            }],
        };
        let text = plan_to_json(&p);
        assert!(text.contains("\"kind\": \"new_customers\""), "{text}");
        assert!(text.contains("\"quadrant\": \"diversification\""), "{text}");
        assert!(text.contains("\"format\": \"sandtable.plan\""));
        assert!(text.contains("\"percent\": 31"), "{text}");
        let back = plan_from_json(&text).unwrap();
        assert_eq!(back, p);
        assert_eq!(check_plan(&back, &ws, &frame), vec![]);
    }

    #[test]
    fn out_of_range_sources_and_customer_plans_are_named_at_their_fields() {
        let ws = workspace();
        let frame = Frame::from_workspace(&ws);
        let mut p = plan(&ws);
        p.sources.target_share = Some(crate::Dec::int(120));
        p.sources.blend = Some(crate::targets::Blend {
            top_down: 50,
            trend: 0,
            bottom_up: 0,
        });
        let c = crate::targets::CustomerPlan {
            id: "C1".into(),
            wallet: y(-1),
            target_share: crate::Dec::ZERO,
        };
        p.bottom_up.customers = vec![c.clone(), c];
        p.bottom_up.opportunities = vec![crate::targets::Opportunity {
            quadrant: crate::targets::Ansoff::Penetration,
            name: String::new(),
            amount: y(-3),
        }];
        let paths: Vec<String> = check_plan(&p, &ws, &frame)
            .iter()
            .map(|p| p.path.to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "sources.target_share",
                "sources.blend",
                "bottom_up.customers[0].wallet",
                "bottom_up.customers[0].target_share",
                "bottom_up.customers[1].wallet",
                "bottom_up.customers[1].target_share",
                "bottom_up.customers[1].id",
                "bottom_up.opportunities[0].amount",
            ]
        );
    }

    #[test]
    fn bad_grids_are_named_at_their_fields() {
        use crate::targets::{GridSpec, SplitDim};
        let ws = workspace();
        let frame = Frame::from_workspace(&ws);
        let mut p = plan(&ws);
        let region = SplitDim::Member(crate::review::Dim::Region);
        let mut g = GridSpec::new(region, SplitDim::Month);
        g.set_lock("R01", "01", Some(Money(p.unit.0 + 1)));
        g.locks.push(g.locks[0].clone());
        p.grids = vec![g.clone(), g, GridSpec::new(region, region)];
        let paths: Vec<String> = check_plan(&p, &ws, &frame)
            .iter()
            .map(|p| p.path.to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "grids[0].locks[0].target",
                "grids[0].locks[1]",
                "grids[0].locks[1].target",
                "grids[1]",
                "grids[1].locks[0].target",
                "grids[1].locks[1]",
                "grids[1].locks[1].target",
                "grids[2]",
            ]
        );
        // And a good one round-trips through the file.
        let mut good = GridSpec::new(region, SplitDim::Month);
        good.set_lock("R01", "01", Some(p.unit));
        p.grids = vec![good];
        let back = plan_from_json(&plan_to_json(&p)).unwrap();
        assert_eq!(back.grids, p.grids);
        assert_eq!(check_plan(&back, &ws, &frame), vec![]);
    }

    #[test]
    fn a_truncated_or_newer_file_is_refused_with_its_reason() {
        let ws = workspace();
        let text = plan_to_json(&plan(&ws));
        let cut = plan_from_json(&text[..text.len() / 2]).unwrap_err();
        assert!(cut.message(Lang::En).contains("incomplete"), "{cut}");
        let newer = text.replace("\"version\": 1", "\"version\": 9");
        let e = plan_from_json(&newer).unwrap_err();
        assert_eq!(
            e.0,
            EnvelopeError::NewerVersion {
                found: 9,
                supported: 1
            }
        );
        let scale = r#"{"format": "sandtable.scale", "version": 1}"#;
        assert!(
            plan_from_json(scale)
                .unwrap_err()
                .message(Lang::Zh)
                .contains("sandtable.scale")
        );
    }

    #[test]
    fn every_inconsistency_is_listed_at_once() {
        let ws = workspace();
        let frame = Frame::from_workspace(&ws);
        let mut p = plan(&ws);
        p.total = Some(y(1300));
        let a = p.allocation.as_mut().unwrap();
        a.months[0] = y(150);
        a.dims[0].members[1].id = "R-nowhere".into();
        p.bridge = vec![crate::targets::BridgeStep::new(
            crate::targets::StepKind::Price,
            Money(i64::MAX),
        )];
        let problems = check_plan(&p, &ws, &frame);
        let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
        assert_eq!(
            paths,
            vec![
                "bridge",
                "allocation.total",
                "allocation.months",
                "allocation.dims[0].members[1].id"
            ]
        );
        assert!(problems[0].message(Lang::En).contains("Step 1 is beyond"));
        assert!(problems[3].message(Lang::Zh).contains("R-nowhere"));
    }
}
