//! The agreed numbers of a plan (目标分解结果): the annual total split over the twelve months and
//! over the members of each planned dimension, with the base each member was split on. This is
//! what a plan keeps after the wizard's decomposition, what tracking reads, and what travels in a
//! plan file; [`check_allocation`] says whether its numbers agree with each other.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::BasisChoice;
use crate::review::Dim;
use crate::{Dec, FieldPath, Lang, Money};

/// The targets of one plan year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// The annual target.
    pub total: Money,
    /// The unit every target is a multiple of (¥1 = 10,000 minor units).
    pub unit: Money,
    /// The targets of January … December; they sum to `total`.
    pub months: Vec<Money>,
    /// One entry per planned dimension (region, category, product, salesperson, customer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dims: Vec<DimAllocation>,
    /// How the months were split (their bases).
    #[serde(default, skip_serializing_if = "BasisChoice::is_default")]
    pub month_basis: BasisChoice,
    /// The months (1–12) whose targets the user fixed by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked_months: Vec<u32>,
    /// The months' potential weights or manual percentages (twelve, January first), or empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub month_weights: Vec<Dec>,
}

/// The targets of the members of one dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimAllocation {
    /// The dimension.
    pub dim: Dim,
    /// What the members sum to: the annual total, or more when the dimension carries an
    /// over-allocation (salespeople at 105% of their region's target).
    pub total: Money,
    /// How the members were split (their bases).
    #[serde(default, skip_serializing_if = "BasisChoice::is_default")]
    pub basis: BasisChoice,
    /// The members, each once.
    pub members: Vec<MemberAllocation>,
}

/// One member's target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberAllocation {
    /// The member's id in the workspace (customer, product, region, salesperson id, or the
    /// category name).
    pub id: String,
    /// Its name when the plan was made.
    pub name: String,
    /// A product's category, so that category targets roll up from their products.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The base the member was split on (its base-year value), to say later what changed;
    /// under potential or manual weights, its last-year value (the weight is `weight`).
    pub base: Money,
    /// The annual target.
    pub target: Money,
    /// Whether the user fixed this target by hand.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
    /// Its potential weight or manual percentage, when the user gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Dec>,
    /// Its monthly targets (twelve, summing to `target`), or empty: then the months follow the
    /// plan's monthly split.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<Money>,
}

impl Allocation {
    /// The entry of a dimension, if it is planned.
    pub fn dim(&self, dim: Dim) -> Option<&DimAllocation> {
        self.dims.iter().find(|d| d.dim == dim)
    }
}

/// A way in which an allocation's numbers disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationProblem {
    /// Where, e.g. `dims[1].members[3].target`.
    pub path: FieldPath,
    /// What.
    pub kind: AllocationProblemKind,
}

/// What is wrong with an allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllocationProblemKind {
    /// The unit is zero or negative.
    BadUnit,
    /// Not twelve months.
    MonthCount {
        /// How many there are.
        found: usize,
    },
    /// A target below zero.
    Negative,
    /// A target that is not a multiple of the unit.
    NotMultiple,
    /// Parts that do not add up to their whole.
    Sum {
        /// What the parts add up to.
        parts: Money,
        /// What they should add up to.
        whole: Money,
    },
    /// A dimension whose members carry less than the annual total.
    BelowTotal {
        /// The dimension's total.
        dim_total: Money,
        /// The annual total.
        total: Money,
    },
    /// A locked month that is not 1–12, or locked twice.
    BadLockedMonth {
        /// The month given.
        month: u32,
    },
    /// A potential weight or manual percentage below zero, or not twelve months' weights.
    BadWeight,
    /// A dimension listed twice.
    DuplicateDim,
    /// A member listed twice in its dimension.
    DuplicateMember,
    /// A category whose target is not the sum of its products' targets.
    CategoryNotSumOfProducts {
        /// The category.
        category: String,
        /// The sum of its products' targets.
        products: Money,
        /// The category's own target.
        category_target: Money,
    },
}

impl AllocationProblem {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        let at = &self.path;
        let m = |x: Money| crate::format_money(x, lang);
        match (&self.kind, lang) {
            (AllocationProblemKind::BadUnit, Lang::Zh) => format!("{at}：取整单位必须大于 0。"),
            (AllocationProblemKind::BadUnit, Lang::En) => {
                format!("{at}: the rounding unit must be above 0.")
            }
            (AllocationProblemKind::MonthCount { found }, Lang::Zh) => {
                format!("{at}：应有 12 个月的目标，实有 {found} 个。")
            }
            (AllocationProblemKind::MonthCount { found }, Lang::En) => {
                format!("{at}: there must be 12 monthly targets, not {found}.")
            }
            (AllocationProblemKind::Negative, Lang::Zh) => format!("{at}：目标不能为负数。"),
            (AllocationProblemKind::Negative, Lang::En) => {
                format!("{at}: a target cannot be negative.")
            }
            (AllocationProblemKind::NotMultiple, Lang::Zh) => {
                format!("{at}：目标不是取整单位的整数倍。")
            }
            (AllocationProblemKind::NotMultiple, Lang::En) => {
                format!("{at}: the target is not a multiple of the rounding unit.")
            }
            (AllocationProblemKind::Sum { parts, whole }, Lang::Zh) => {
                format!("{at}：各项合计 {}，应等于 {}。", m(*parts), m(*whole))
            }
            (AllocationProblemKind::Sum { parts, whole }, Lang::En) => {
                format!(
                    "{at}: the parts add up to {}, not {}.",
                    m(*parts),
                    m(*whole)
                )
            }
            (AllocationProblemKind::BelowTotal { dim_total, total }, Lang::Zh) => format!(
                "{at}：该维度合计 {}，低于年度目标 {}。",
                m(*dim_total),
                m(*total)
            ),
            (AllocationProblemKind::BelowTotal { dim_total, total }, Lang::En) => format!(
                "{at}: the dimension carries {}, less than the annual target {}.",
                m(*dim_total),
                m(*total)
            ),
            (AllocationProblemKind::BadLockedMonth { month }, Lang::Zh) => {
                format!("{at}：锁定的月份 {month} 不是 1–12 之一，或重复锁定。")
            }
            (AllocationProblemKind::BadLockedMonth { month }, Lang::En) => {
                format!("{at}: the locked month {month} is not one of 1–12, or is locked twice.")
            }
            (AllocationProblemKind::BadWeight, Lang::Zh) => {
                format!("{at}：权重不能为负数，月份权重应有 12 个。")
            }
            (AllocationProblemKind::BadWeight, Lang::En) => {
                format!("{at}: a weight cannot be negative, and the months need 12 of them.")
            }
            (AllocationProblemKind::DuplicateDim, Lang::Zh) => format!("{at}：维度重复。"),
            (AllocationProblemKind::DuplicateDim, Lang::En) => {
                format!("{at}: this dimension is listed twice.")
            }
            (AllocationProblemKind::DuplicateMember, Lang::Zh) => format!("{at}：成员重复。"),
            (AllocationProblemKind::DuplicateMember, Lang::En) => {
                format!("{at}: this member is listed twice.")
            }
            (
                AllocationProblemKind::CategoryNotSumOfProducts {
                    category,
                    products,
                    category_target,
                },
                Lang::Zh,
            ) => format!(
                "{at}：品类“{category}”的目标 {} 不等于其产品目标之和 {}。",
                m(*category_target),
                m(*products)
            ),
            (
                AllocationProblemKind::CategoryNotSumOfProducts {
                    category,
                    products,
                    category_target,
                },
                Lang::En,
            ) => format!(
                "{at}: category \"{category}\" has target {}, but its products add up to {}.",
                m(*category_target),
                m(*products)
            ),
        }
    }
}

/// Every way the allocation's numbers disagree, in field order: the unit, the twelve months
/// against the total, each dimension's members against its total (and that total against the
/// annual one), every target non-negative and a multiple of the unit, member months against
/// member targets, and each category's target against the sum of its products'.
pub fn check_allocation(a: &Allocation) -> Vec<AllocationProblem> {
    let mut out = Vec::new();
    let root = FieldPath::root();
    let mut put = |path: FieldPath, kind| out.push(AllocationProblem { path, kind });
    let unit_ok = a.unit.0 > 0;
    if !unit_ok {
        put(root.clone().field("unit"), AllocationProblemKind::BadUnit);
    }
    let amount =
        |put: &mut dyn FnMut(FieldPath, AllocationProblemKind), path: FieldPath, x: Money| {
            if x.is_negative() {
                put(path, AllocationProblemKind::Negative);
            } else if unit_ok && x.0 % a.unit.0 != 0 {
                put(path, AllocationProblemKind::NotMultiple);
            }
        };
    amount(&mut put, root.clone().field("total"), a.total);
    check_months(
        &mut put,
        root.clone().field("months"),
        &a.months,
        a.total,
        &amount,
    );
    if !matches!(a.month_weights.len(), 0 | 12) {
        put(
            root.clone().field("month_weights"),
            AllocationProblemKind::BadWeight,
        );
    }
    for (i, w) in a.month_weights.iter().enumerate() {
        if w.0 < 0 {
            put(
                root.clone().field("month_weights").index(i),
                AllocationProblemKind::BadWeight,
            );
        }
    }
    let mut seen_months = BTreeSet::new();
    for (i, &month) in a.locked_months.iter().enumerate() {
        if !(1..=12).contains(&month) || !seen_months.insert(month) {
            put(
                root.clone().field("locked_months").index(i),
                AllocationProblemKind::BadLockedMonth { month },
            );
        }
    }

    let mut seen_dims = BTreeSet::new();
    for (d, dim) in a.dims.iter().enumerate() {
        let dpath = root.clone().field("dims").index(d);
        if !seen_dims.insert(dim.dim) {
            put(
                dpath.clone().field("dim"),
                AllocationProblemKind::DuplicateDim,
            );
        }
        if dim.total < a.total {
            put(
                dpath.clone().field("total"),
                AllocationProblemKind::BelowTotal {
                    dim_total: dim.total,
                    total: a.total,
                },
            );
        }
        let mut ids = BTreeSet::new();
        for (i, m) in dim.members.iter().enumerate() {
            let mpath = dpath.clone().field("members").index(i);
            if !ids.insert(m.id.as_str()) {
                put(
                    mpath.clone().field("id"),
                    AllocationProblemKind::DuplicateMember,
                );
            }
            amount(&mut put, mpath.clone().field("target"), m.target);
            if m.weight.is_some_and(|w| w.0 < 0) {
                put(
                    mpath.clone().field("weight"),
                    AllocationProblemKind::BadWeight,
                );
            }
            if !m.months.is_empty() {
                check_months(
                    &mut put,
                    mpath.field("months"),
                    &m.months,
                    m.target,
                    &amount,
                );
            }
        }
        let parts = sum(dim.members.iter().map(|m| m.target));
        if parts != dim.total {
            put(
                dpath.field("members"),
                AllocationProblemKind::Sum {
                    parts,
                    whole: dim.total,
                },
            );
        }
    }

    if let (Some(products), Some((ci, categories))) = (
        a.dim(Dim::Product),
        a.dims
            .iter()
            .enumerate()
            .find(|(_, d)| d.dim == Dim::Category),
    ) {
        let mut by_category: BTreeMap<&str, Money> = BTreeMap::new();
        for p in &products.members {
            if let Some(c) = &p.parent {
                let e = by_category.entry(c.as_str()).or_insert(Money::ZERO);
                *e = e.saturating_add(p.target);
            }
        }
        for (i, c) in categories.members.iter().enumerate() {
            let from_products = by_category
                .get(c.id.as_str())
                .copied()
                .unwrap_or(Money::ZERO);
            if from_products != c.target {
                put(
                    root.clone()
                        .field("dims")
                        .index(ci)
                        .field("members")
                        .index(i)
                        .field("target"),
                    AllocationProblemKind::CategoryNotSumOfProducts {
                        category: c.id.clone(),
                        products: from_products,
                        category_target: c.target,
                    },
                );
            }
        }
    }
    out
}

fn check_months(
    put: &mut dyn FnMut(FieldPath, AllocationProblemKind),
    path: FieldPath,
    months: &[Money],
    whole: Money,
    amount: &dyn Fn(&mut dyn FnMut(FieldPath, AllocationProblemKind), FieldPath, Money),
) {
    if months.len() != 12 {
        put(
            path,
            AllocationProblemKind::MonthCount {
                found: months.len(),
            },
        );
        return;
    }
    for (i, m) in months.iter().enumerate() {
        amount(put, path.clone().index(i), *m);
    }
    let parts = sum(months.iter().copied());
    if parts != whole {
        put(path, AllocationProblemKind::Sum { parts, whole });
    }
}

/// A saturating sum (targets are far below the `i64` range; a hostile file must not panic).
pub(crate) fn sum(xs: impl Iterator<Item = Money>) -> Money {
    xs.fold(Money::ZERO, Money::saturating_add)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn y(units: i64) -> Money {
        Money(units * 10_000)
    }

    fn member(id: &str, parent: Option<&str>, target: i64) -> MemberAllocation {
        MemberAllocation {
            id: id.into(),
            name: id.into(),
            parent: parent.map(str::to_string),
            base: y(target),
            target: y(target),
            locked: false,
            weight: None,
            months: Vec::new(),
        }
    }

    /// 1,200 a year, 100 a month; two categories of two products each.
    pub(crate) fn example() -> Allocation {
        Allocation {
            month_basis: Default::default(),
            locked_months: Vec::new(),
            month_weights: Vec::new(),
            total: y(1200),
            unit: y(100),
            months: vec![y(100); 12],
            dims: vec![
                DimAllocation {
                    dim: Dim::Category,
                    total: y(1200),
                    basis: Default::default(),
                    members: vec![member("饮料", None, 800), member("零食", None, 400)],
                },
                DimAllocation {
                    dim: Dim::Product,
                    total: y(1200),
                    basis: Default::default(),
                    members: vec![
                        member("P1", Some("饮料"), 500),
                        member("P2", Some("饮料"), 300),
                        member("P3", Some("零食"), 400),
                        member("P4", Some("零食"), 0),
                    ],
                },
            ],
        }
    }

    #[test]
    fn a_consistent_allocation_has_no_problem() {
        assert_eq!(check_allocation(&example()), vec![]);
    }

    #[test]
    fn months_not_summing_are_named_with_both_sums() {
        let mut a = example();
        a.months[3] = y(200);
        let p = check_allocation(&a);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path.to_string(), "months");
        assert_eq!(
            p[0].kind,
            AllocationProblemKind::Sum {
                parts: y(1300),
                whole: y(1200)
            }
        );
        assert!(p[0].message(Lang::En).contains("add up to"));
    }

    #[test]
    fn a_category_off_its_products_is_refused_and_so_is_its_dimension_sum() {
        let mut a = example();
        a.dims[0].members[0].target = y(700);
        a.dims[0].members[1].target = y(500);
        let p = check_allocation(&a);
        let paths: Vec<String> = p.iter().map(|p| p.path.to_string()).collect();
        assert_eq!(
            paths,
            vec!["dims[0].members[0].target", "dims[0].members[1].target"]
        );
        assert!(matches!(
            p[0].kind,
            AllocationProblemKind::CategoryNotSumOfProducts { .. }
        ));
    }

    #[test]
    fn negatives_non_multiples_duplicates_and_short_months_are_each_reported() {
        let mut a = example();
        a.dims[1].members[3].target = y(-100);
        a.dims[1].members[2].target = y(450);
        a.dims[1].members[1].id = "P1".into();
        a.dims[1].members[0].months = vec![y(500)];
        let kinds: Vec<AllocationProblemKind> =
            check_allocation(&a).into_iter().map(|p| p.kind).collect();
        assert!(kinds.contains(&AllocationProblemKind::Negative));
        assert!(kinds.contains(&AllocationProblemKind::NotMultiple));
        assert!(kinds.contains(&AllocationProblemKind::DuplicateMember));
        assert!(kinds.contains(&AllocationProblemKind::MonthCount { found: 1 }));
    }

    #[test]
    fn negative_weights_and_short_month_weights_are_reported() {
        let mut a = example();
        a.month_weights = vec![Dec::int(100)];
        a.dims[0].members[0].weight = Some(Dec::int(-1));
        let paths: Vec<String> = check_allocation(&a)
            .iter()
            .filter(|p| p.kind == AllocationProblemKind::BadWeight)
            .map(|p| p.path.to_string())
            .collect();
        assert_eq!(paths, vec!["month_weights", "dims[0].members[0].weight"]);
    }

    #[test]
    fn over_allocation_is_allowed_but_under_allocation_is_not() {
        let mut a = example();
        a.dims.push(DimAllocation {
            dim: Dim::Salesperson,
            total: y(1300),
            basis: Default::default(),
            members: vec![member("S1", None, 700), member("S2", None, 600)],
        });
        assert_eq!(check_allocation(&a), vec![]);
        a.dims[2].total = y(1100);
        a.dims[2].members[0].target = y(500);
        let p = check_allocation(&a);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path.to_string(), "dims[2].total");
    }
}
