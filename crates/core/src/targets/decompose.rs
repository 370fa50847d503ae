//! The decomposition step (目标分解, DOMAIN §2): the plan's annual target split over the twelve
//! months and over every planned dimension, each by the basis the user chose and with the
//! targets the user locked, into one consistent [`Allocation`].
//!
//! The allocation is a function of the plan's total and unit, the ledger's history and the
//! user's [`Settings`] (a basis per dimension, the locks): every edit changes the settings and
//! computes the allocation again, so there is nothing to keep in step by hand. Products are split
//! inside their categories when both are planned, so a category's target is always the sum of
//! its products' targets.

use serde::{Deserialize, Serialize};

use super::{
    Allocation, DimAllocation, History, HistoryCache, MemberAllocation, Plan, SplitBasis, SplitDim,
    SplitError, SplitIssue, SplitRequest, split,
};
use crate::review::{Dim, Frame};
use crate::{Dec, Lang, Money};

/// The bases the app offers for a dimension.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BasisChoice {
    /// Last year's share.
    #[default]
    LastYear,
    /// The weighted 3-year share, 50/30/20.
    Weighted,
    /// Last year grown by each member's own growth.
    Growth,
    /// The same for every member.
    Equal,
    /// The months only: the review's seasonality index (ratio to the centred moving average,
    /// averaged over the years; needs 24 months of data).
    Seasonality,
    /// A weight the user gives each member (market potential, outlets, population …); members
    /// not given weigh 0.
    Potential,
    /// Percentages the user gives each member, summing to exactly 100% (within each category
    /// when products are split inside categories).
    Manual,
}

impl BasisChoice {
    /// The seven, in the order offered (the seasonality index for the months only).
    pub const ALL: [BasisChoice; 7] = [
        BasisChoice::LastYear,
        BasisChoice::Weighted,
        BasisChoice::Growth,
        BasisChoice::Equal,
        BasisChoice::Seasonality,
        BasisChoice::Potential,
        BasisChoice::Manual,
    ];

    /// Whether this is last year's share (then it is left out of files).
    pub fn is_default(&self) -> bool {
        *self == BasisChoice::LastYear
    }

    /// "last-year", "weighted", "growth", "equal" (as `target split --basis`).
    pub fn code(self) -> &'static str {
        match self {
            BasisChoice::LastYear => "last-year",
            BasisChoice::Weighted => "weighted",
            BasisChoice::Growth => "growth",
            BasisChoice::Equal => "equal",
            BasisChoice::Seasonality => "seasonality",
            BasisChoice::Potential => "potential",
            BasisChoice::Manual => "manual",
        }
    }

    /// Whether the members' bases are weights the user types (potential or manual).
    pub fn takes_weights(self) -> bool {
        matches!(self, BasisChoice::Potential | BasisChoice::Manual)
    }

    /// Whether the choice applies to `dim` (the seasonality index to the months only).
    pub fn applies_to(self, dim: SplitDim) -> bool {
        self != BasisChoice::Seasonality || dim == SplitDim::Month
    }

    /// The choice for a code, see [`BasisChoice::code`].
    pub fn from_code(code: &str) -> Option<BasisChoice> {
        BasisChoice::ALL.into_iter().find(|b| b.code() == code)
    }

    /// The name shown to users.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            BasisChoice::LastYear => lang.pick("去年占比", "Last year's share"),
            BasisChoice::Weighted => {
                lang.pick("三年加权占比 50/30/20", "3-year weighted share 50/30/20")
            }
            BasisChoice::Growth => lang.pick("按增长调整", "Growth-adjusted"),
            BasisChoice::Equal => lang.pick("平均分配", "Equal"),
            BasisChoice::Seasonality => lang.pick("复盘季节指数", "Review's seasonality index"),
            BasisChoice::Potential => lang.pick("潜力权重", "Potential weights"),
            BasisChoice::Manual => lang.pick("手工百分比", "Manual percentages"),
        }
    }

    /// The basis the split reads; the seasonality index is read off the frame by the months'
    /// split, and potential and manual weights come from the settings (see [`allocate`]), so
    /// those have none here.
    pub fn basis(self) -> Option<SplitBasis> {
        match self {
            BasisChoice::LastYear => Some(SplitBasis::LastYear),
            BasisChoice::Weighted => Some(SplitBasis::weighted_default()),
            BasisChoice::Growth => Some(SplitBasis::GrowthAdjusted),
            BasisChoice::Equal => Some(SplitBasis::Equal),
            BasisChoice::Seasonality | BasisChoice::Potential | BasisChoice::Manual => None,
        }
    }
}

/// How the user asked one dimension (or the months) to be split.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DimSettings {
    /// The basis.
    pub basis: BasisChoice,
    /// Locked targets by member id (months as "01"–"12"), in the order they were locked.
    pub locks: Vec<(String, Money)>,
    /// Over-allocation: the dimension carries this percentage of the annual target (e.g. 105
    /// for salespeople at 105%); `None` is 100%. Only salespeople and customers may carry more
    /// (see [`CARRY_DIMS`]); between 100 and [`MAX_CARRY`].
    pub carry: Option<u32>,
    /// The weights of a potential or manual basis by member id (months "01"–"12"); members not
    /// listed weigh 0. Kept when another basis is chosen, so switching back restores them.
    pub weights: Vec<(String, Dec)>,
}

/// The dimensions that may carry more than the annual target.
pub const CARRY_DIMS: [Dim; 2] = [Dim::Salesperson, Dim::Customer];

/// The highest over-allocation, in percent.
pub const MAX_CARRY: u32 = 200;

/// The whole percentage a dimension summing to `dim_total` carries of `total` (`None` at 100%).
pub fn carry_of(dim_total: Money, total: Money) -> Option<u32> {
    if dim_total == total || total.0 <= 0 {
        return None;
    }
    let pct = (i128::from(dim_total.0) * 100 + i128::from(total.0) / 2) / i128::from(total.0);
    u32::try_from(pct).ok().filter(|&p| p != 100)
}

/// What a dimension carrying `carry` percent of `total` sums to, rounded to `unit`.
pub fn carried_total(total: Money, carry: Option<u32>, unit: Money) -> Money {
    match carry {
        Some(c) if c != 100 => round_to_unit(
            Money((i128::from(total.0) * i128::from(c) / 100) as i64),
            unit,
        ),
        _ => total,
    }
}

impl DimSettings {
    /// Locks `id` at `target`, or with `None` unlocks it.
    pub fn set_lock(&mut self, id: &str, target: Option<Money>) {
        match (self.locks.iter().position(|(k, _)| k == id), target) {
            (Some(i), Some(t)) => self.locks[i].1 = t,
            (None, Some(t)) => self.locks.push((id.to_string(), t)),
            (Some(i), None) => {
                self.locks.remove(i);
            }
            (None, None) => {}
        }
    }
}

/// Everything the user decided about the decomposition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// The months.
    pub months: DimSettings,
    /// The planned dimensions, in the order they were added.
    pub dims: Vec<(Dim, DimSettings)>,
}

impl Settings {
    /// The settings an allocation was made with.
    pub fn of(a: &Allocation) -> Settings {
        let months = DimSettings {
            carry: None,
            weights: a
                .month_weights
                .iter()
                .enumerate()
                .map(|(i, &w)| (format!("{:02}", i + 1), w))
                .collect(),
            basis: a.month_basis,
            locks: a
                .locked_months
                .iter()
                .filter_map(|&m| {
                    let t = *a.months.get((m as usize).checked_sub(1)?)?;
                    Some((format!("{m:02}"), t))
                })
                .collect(),
        };
        let dims = a
            .dims
            .iter()
            .map(|d| {
                let locks = d
                    .members
                    .iter()
                    .filter(|m| m.locked)
                    .map(|m| (m.id.clone(), m.target))
                    .collect();
                let weights = d
                    .members
                    .iter()
                    .filter_map(|m| Some((m.id.clone(), m.weight?)))
                    .collect();
                (
                    d.dim,
                    DimSettings {
                        basis: d.basis,
                        locks,
                        carry: carry_of(d.total, a.total),
                        weights,
                    },
                )
            })
            .collect();
        Settings { months, dims }
    }

    /// The settings of a dimension, if it is planned (the months always are).
    pub fn get_mut(&mut self, dim: SplitDim) -> Option<&mut DimSettings> {
        match dim {
            SplitDim::Month => Some(&mut self.months),
            SplitDim::Member(d) => self.dims.iter_mut().find(|(k, _)| *k == d).map(|(_, s)| s),
        }
    }

    /// Plans a dimension (last year's share, nothing locked); planning it twice does nothing.
    pub fn add(&mut self, dim: Dim) {
        if !self.dims.iter().any(|(d, _)| *d == dim) {
            self.dims.push((dim, DimSettings::default()));
        }
    }

    /// Stops planning a dimension.
    pub fn remove(&mut self, dim: Dim) {
        self.dims.retain(|(d, _)| *d != dim);
    }
}

/// A member that got no share from its base, named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberIssue {
    /// The dimension.
    pub dim: SplitDim,
    /// The member's name.
    pub name: String,
    /// What.
    pub issue: SplitIssue,
}

impl MemberIssue {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        self.issue.message(&self.name, lang)
    }
}

/// A member whose target grows beyond what its history makes plausible.
#[derive(Clone, Debug, PartialEq)]
pub struct GrowthFlag {
    /// The dimension.
    pub dim: Dim,
    /// The member's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Growth of the target over last year (0.85 = +85%).
    pub growth: f64,
    /// The plausible band, see [`super::sanity_band`].
    pub band: (f64, f64),
}

impl GrowthFlag {
    /// "华东：目标增长 ▲ +85.0%，超出历史合理区间 −20.0% 至 +40.0%".
    pub fn message(&self, lang: Lang) -> String {
        let g = |x: f64| {
            crate::export::format_cell(
                &crate::export::Cell::Number(x),
                crate::export::ColumnKind::Growth,
                lang,
            )
        };
        match lang {
            Lang::Zh => format!(
                "{}：目标增长 {}，超出历史合理区间 {} 至 {}。",
                self.name,
                g(self.growth),
                g(self.band.0),
                g(self.band.1)
            ),
            Lang::En => format!(
                "{}: the target grows {}, outside the band its history makes plausible ({} to {}).",
                self.name,
                g(self.growth),
                g(self.band.0),
                g(self.band.1)
            ),
        }
    }
}

/// A decomposition and what the user should know about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocated {
    /// The consistent allocation.
    pub allocation: Allocation,
    /// Members without a usable base, by dimension.
    pub issues: Vec<MemberIssue>,
    /// Members whose growth is beyond their history's band, by dimension.
    pub flags: Vec<GrowthFlag>,
}

/// Why a decomposition was refused (the stored plan is then left as it was).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecomposeError {
    /// The plan has no annual target yet.
    NoTotal,
    /// The bases of a dimension cannot be computed.
    Basis {
        /// The dimension.
        dim: SplitDim,
        /// Why.
        error: super::BasisError,
    },
    /// A lock names a member the ledger does not have.
    UnknownMember {
        /// The dimension.
        dim: SplitDim,
        /// The id.
        id: String,
    },
    /// The split of a dimension (or of one category's products) was refused.
    Split {
        /// The dimension.
        dim: SplitDim,
        /// The category whose products were being split, when it was one.
        category: Option<String>,
        /// Why, with member names resolved.
        error: SplitError,
        /// The names of the members the error's keys point at.
        names: Vec<String>,
    },
    /// The months' seasonality index cannot be read (too few months, a month at or below zero).
    Seasonality(crate::review::ReviewError),
    /// The seasonality index was chosen for a dimension other than the months.
    SeasonalityNotMonths {
        /// The dimension.
        dim: SplitDim,
    },
    /// Manual percentages that do not sum to 100% (within a category when products are split
    /// inside categories).
    ManualNot100 {
        /// The dimension.
        dim: SplitDim,
        /// The category whose products they are, when it is one.
        category: Option<String>,
        /// Their sum, in percent.
        sum: Dec,
    },
    /// An over-allocation on a dimension that may not carry one, or out of 100–200%.
    BadCarry {
        /// The dimension.
        dim: Dim,
        /// The percentage asked for.
        carry: u32,
    },
}

/// A dimension's name as the user reads it ("月份", "区域").
pub fn dim_label(dim: SplitDim, lang: Lang) -> &'static str {
    match dim {
        SplitDim::Month => lang.pick("月份", "Months"),
        SplitDim::Member(d) => d.label(lang),
    }
}

impl DecomposeError {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DecomposeError::NoTotal => lang
                .pick(
                    "请先在“起点”确定年度目标，再分解。",
                    "Set the annual target under Start before splitting it.",
                )
                .to_string(),
            DecomposeError::Basis { dim, error } => match lang {
                Lang::Zh => format!("{}：无法计算基数（{error}）", dim_label(*dim, lang)),
                Lang::En => format!(
                    "{}: the bases cannot be computed ({error})",
                    dim_label(*dim, lang)
                ),
            },
            DecomposeError::Seasonality(e) => match lang {
                Lang::Zh => format!("月份：无法使用季节指数（{}）", e.message(lang)),
                Lang::En => format!(
                    "Months: the seasonality index cannot be used ({})",
                    e.message(lang)
                ),
            },
            DecomposeError::SeasonalityNotMonths { dim } => match lang {
                Lang::Zh => format!("{}：季节指数只用于月份。", dim_label(*dim, lang)),
                Lang::En => format!(
                    "{}: the seasonality index is for the months only.",
                    dim_label(*dim, lang)
                ),
            },
            DecomposeError::ManualNot100 { dim, category, sum } => {
                let d = match (category, lang) {
                    (None, _) => dim_label(*dim, lang).to_string(),
                    (Some(c), Lang::Zh) => format!("{}（品类“{c}”内）", dim_label(*dim, lang)),
                    (Some(c), Lang::En) => {
                        format!("{} (within category {c:?})", dim_label(*dim, lang))
                    }
                };
                let off = Dec((Dec::HUNDRED.0 - sum.0).abs());
                match (sum.0 < Dec::HUNDRED.0, lang) {
                    (true, Lang::Zh) => {
                        format!("{d}：手工百分比合计 {sum}%，应为 100%（还差 {off}%）。")
                    }
                    (false, Lang::Zh) => {
                        format!("{d}：手工百分比合计 {sum}%，应为 100%（多出 {off}%）。")
                    }
                    (true, Lang::En) => format!(
                        "{d}: the manual percentages sum to {sum}%, not 100% ({off}% to go)."
                    ),
                    (false, Lang::En) => format!(
                        "{d}: the manual percentages sum to {sum}%, not 100% ({off}% too many)."
                    ),
                }
            }
            DecomposeError::BadCarry { dim, carry } => match lang {
                Lang::Zh => format!(
                    "{}不能承担 {carry}%：只有业务员和客户可以超额分配，且在 100% 到 {MAX_CARRY}% 之间。",
                    dim.label(lang)
                ),
                Lang::En => format!(
                    "{} cannot carry {carry}%: only salespeople and customers may be over-allocated, from 100% to {MAX_CARRY}%.",
                    dim.label(lang)
                ),
            },
            DecomposeError::UnknownMember { dim, id } => match lang {
                Lang::Zh => format!("{}：台账中没有成员“{id}”", dim_label(*dim, lang)),
                Lang::En => format!("{}: the ledger has no member {id:?}", dim_label(*dim, lang)),
            },
            DecomposeError::Split {
                dim,
                category,
                error,
                names,
            } => {
                let name = |k: usize| names.get(k).cloned().unwrap_or_else(|| k.to_string());
                let why = error.message(&name, lang);
                match (category, lang) {
                    (None, Lang::Zh) => format!("{}：{why}", dim_label(*dim, lang)),
                    (None, Lang::En) => format!("{}: {why}", dim_label(*dim, lang)),
                    (Some(c), Lang::Zh) => {
                        format!("{}（品类“{c}”内）：{why}", dim_label(*dim, lang))
                    }
                    (Some(c), Lang::En) => {
                        format!("{} (within category {c:?}): {why}", dim_label(*dim, lang))
                    }
                }
            }
        }
    }
}

/// The plan's annual target split over the months and every planned dimension under
/// `settings`: targets are multiples of the plan's unit, each dimension sums to the total,
/// locked targets stay as they are, and products sum to their categories when both are planned.
pub fn allocate(
    frame: &Frame,
    plan: &Plan,
    settings: &Settings,
) -> Result<Allocated, DecomposeError> {
    allocate_in(&mut HistoryCache::default(), frame, plan, settings)
}

/// [`allocate`], reading each dimension's history through `cache` (kept for the next call on
/// the same frame).
pub fn allocate_in(
    cache: &mut HistoryCache,
    frame: &Frame,
    plan: &Plan,
    settings: &Settings,
) -> Result<Allocated, DecomposeError> {
    let total = plan.total.ok_or(DecomposeError::NoTotal)?;
    let unit = plan.unit;
    let mut issues = Vec::new();
    let mut hist = |dim: SplitDim| {
        cache
            .get(frame, dim, plan.measure, plan.year)
            .map_err(|error| DecomposeError::Basis { dim, error })
    };

    let month_hist = hist(SplitDim::Month)?;
    let seasonal = if settings.months.basis == BasisChoice::Seasonality {
        let series = crate::review::monthly(frame, plan.measure, &crate::review::Filter::default())
            .map_err(DecomposeError::Seasonality)?;
        Some(
            crate::review::decompose(&series)
                .map_err(DecomposeError::Seasonality)?
                .indices,
        )
    } else {
        None
    };
    let months = one_split(
        &month_hist,
        SplitDim::Month,
        total,
        unit,
        &settings.months,
        None,
        seasonal.as_ref(),
        &mut issues,
    )?;
    let mut month_targets = vec![Money::ZERO; 12];
    for m in &months {
        month_targets[m.key] = m.target;
    }
    let mut locked_months: Vec<u32> = months
        .iter()
        .filter(|m| m.locked)
        .map(|m| m.key as u32 + 1)
        .collect();
    locked_months.sort_unstable();

    // Categories first, so that products can be split inside them.
    let mut order: Vec<&(Dim, DimSettings)> = settings.dims.iter().collect();
    order.sort_by_key(|(d, _)| *d != Dim::Category);
    let mut dims: Vec<DimAllocation> = Vec::with_capacity(order.len());
    let mut flags = Vec::new();
    for (dim, s) in order {
        let sd = SplitDim::Member(*dim);
        let h = hist(sd)?;
        let categories = dims.iter().find(|d| d.dim == Dim::Category);
        let dim_total = match s.carry {
            Some(c) if c != 100 => {
                if !CARRY_DIMS.contains(dim) || !(100..=MAX_CARRY).contains(&c) {
                    return Err(DecomposeError::BadCarry {
                        dim: *dim,
                        carry: c,
                    });
                }
                carried_total(total, Some(c), unit)
            }
            _ => total,
        };
        let members = match (dim, categories) {
            (Dim::Product, Some(cats)) => {
                products_in_categories(frame, &h, cats, unit, s, &mut issues)?
            }
            _ => one_split(&h, sd, dim_total, unit, s, None, None, &mut issues)?
                .into_iter()
                .map(|l| member(&h, l, parent(frame, *dim, l.key), s))
                .collect(),
        };
        flags.extend(growth_flags(&h, *dim, &members));
        dims.push(DimAllocation {
            dim: *dim,
            total: dim_total,
            basis: s.basis,
            members,
        });
    }
    flags.sort_by_key(|f| settings.dims.iter().position(|(k, _)| *k == f.dim));
    // Back in the order the user planned them.
    dims.sort_by_key(|d| settings.dims.iter().position(|(k, _)| *k == d.dim));
    Ok(Allocated {
        allocation: Allocation {
            total,
            unit,
            months: month_targets,
            dims,
            month_basis: settings.months.basis,
            locked_months,
            month_weights: month_weights(&settings.months.weights)?,
        },
        issues,
        flags,
    })
}

/// The members of `dim` whose target grows beyond their history's band (members without last
/// year's value are new, and not flagged).
fn growth_flags(h: &History, dim: Dim, members: &[MemberAllocation]) -> Vec<GrowthFlag> {
    members
        .iter()
        .filter_map(|m| {
            let k = h.ids.iter().position(|x| *x == m.id)?;
            let hist = [h.years[0][k], h.years[1][k], h.years[2][k]];
            if hist[0].0 <= 0 {
                return None;
            }
            let growth = (m.target.0 - hist[0].0) as f64 / hist[0].0 as f64;
            let band = super::sanity_band(hist);
            (growth < band.0 - 1e-12 || growth > band.1 + 1e-12).then(|| GrowthFlag {
                dim,
                id: m.id.clone(),
                name: m.name.clone(),
                growth,
                band,
            })
        })
        .collect()
}

/// `plan` with its allocation computed again under the settings it was made with, after a
/// change of its total, unit or measure (or of the ledger); a plan not yet split comes back as
/// it is. Refused, leaving the caller's plan to keep, when the old locks no longer fit.
pub fn reallocate(
    frame: &Frame,
    mut plan: Plan,
) -> Result<(Plan, Vec<MemberIssue>), DecomposeError> {
    let Some(old) = plan.allocation.as_ref() else {
        return Ok((plan, Vec::new()));
    };
    let settings = Settings::of(old);
    let done = allocate(frame, &plan, &settings)?;
    plan.allocation = Some(done.allocation);
    Ok((plan, done.issues))
}

/// The months' weights by month, January first (empty when none was given); a weight for an
/// id that is not "01"–"12" is refused.
fn month_weights(weights: &[(String, Dec)]) -> Result<Vec<Dec>, DecomposeError> {
    if weights.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = vec![Dec::ZERO; 12];
    for (id, w) in weights {
        match id.parse::<usize>() {
            Ok(m) if (1..=12).contains(&m) && id.len() == 2 => out[m - 1] = *w,
            _ => {
                return Err(DecomposeError::UnknownMember {
                    dim: SplitDim::Month,
                    id: id.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The members of `dim` as the weights of a potential or manual basis group them: products
/// by category when products are split inside planned categories, otherwise all in one
/// group. Each group is (its category, the member ids in the allocation's order).
pub fn weight_groups(a: &Allocation, dim: SplitDim) -> Vec<(Option<String>, Vec<String>)> {
    match dim {
        SplitDim::Month => vec![(None, (1..=12).map(|m| format!("{m:02}")).collect())],
        SplitDim::Member(d) => {
            let Some(x) = a.dim(d) else {
                return Vec::new();
            };
            if d == Dim::Product && a.dim(Dim::Category).is_some() {
                let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
                for m in &x.members {
                    match groups.iter_mut().find(|(p, _)| *p == m.parent) {
                        Some((_, ids)) => ids.push(m.id.clone()),
                        None => groups.push((m.parent.clone(), vec![m.id.clone()])),
                    }
                }
                groups
            } else {
                vec![(None, x.members.iter().map(|m| m.id.clone()).collect())]
            }
        }
    }
}

/// Weights to start a potential or manual basis from: each member's share of its group's
/// current targets in percent, to two decimals, every group summing to exactly 100 (equal
/// shares for a group whose targets are all 0). Switching to them changes no target beyond
/// the rounding of the shares.
pub fn initial_weights(a: &Allocation, dim: SplitDim) -> Vec<(String, Dec)> {
    let target = |id: &str| -> Money {
        match dim {
            SplitDim::Month => id
                .parse::<usize>()
                .ok()
                .and_then(|m| a.months.get(m.checked_sub(1)?).copied())
                .unwrap_or(Money::ZERO),
            SplitDim::Member(d) => a
                .dim(d)
                .and_then(|x| x.members.iter().find(|m| m.id == id))
                .map_or(Money::ZERO, |m| m.target),
        }
    };
    let mut out = Vec::new();
    for (_, ids) in weight_groups(a, dim) {
        let w: Vec<i64> = ids.iter().map(|id| target(id).0.max(0)).collect();
        out.extend(ids.into_iter().zip(percentages(&w)));
    }
    out
}

/// `weights` as percentages to two decimals summing to exactly 100 (largest remainders; equal
/// shares when no weight is above 0, negative weights count as 0).
pub fn percentages(weights: &[i64]) -> Vec<Dec> {
    let mut w: Vec<i64> = weights.iter().map(|&x| x.max(0)).collect();
    if w.iter().all(|&x| x == 0) {
        w = vec![1; w.len()];
    }
    // Hundredths of a percent: 10,000 of them make 100%.
    super::largest_remainder(10_000, &w)
        .unwrap_or_else(|| vec![0; w.len()])
        .into_iter()
        .map(|p| Dec(p * (Dec::SCALE / 100)))
        .collect()
}

/// `x` rounded to the nearest multiple of `unit` (halves away from zero); `x` itself for a unit
/// that is not positive.
pub fn round_to_unit(x: Money, unit: Money) -> Money {
    if unit.0 <= 0 {
        return x;
    }
    let q = i128::from(x.0);
    let u = i128::from(unit.0);
    let n = if q >= 0 {
        (2 * q + u) / (2 * u)
    } else {
        -((-2 * q + u) / (2 * u))
    };
    Money((n * u).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// A split line with the key it came from.
#[derive(Clone, Copy)]
struct Line {
    key: usize,
    base: Money,
    target: Money,
    locked: bool,
}

/// The members of `keys` (all of `h` when `None`) sharing `total` under `s`.
fn one_split(
    h: &History,
    dim: SplitDim,
    total: Money,
    unit: Money,
    s: &DimSettings,
    keys: Option<(&[usize], &str)>,
    seasonal: Option<&[f64; 12]>,
    issues: &mut Vec<MemberIssue>,
) -> Result<Vec<Line>, DecomposeError> {
    let (keys, category): (Vec<usize>, Option<&str>) = match keys {
        Some((k, c)) => (k.to_vec(), Some(c)),
        None => ((0..h.len()).collect(), None),
    };
    let basis = match (s.basis, s.basis.basis(), dim) {
        (_, Some(b), _) => b,
        (BasisChoice::Seasonality, None, SplitDim::Month) => match seasonal {
            Some(ix) => SplitBasis::Potential(
                ix.iter()
                    .map(|&v| crate::Dec::from_f64(v).unwrap_or(crate::Dec::ZERO))
                    .collect(),
            ),
            None => return Err(DecomposeError::SeasonalityNotMonths { dim }),
        },
        (BasisChoice::Potential | BasisChoice::Manual, None, _) => {
            let w = weights_by_key(h, dim, &s.weights)?;
            if s.basis == BasisChoice::Manual {
                let sum: Dec = keys.iter().map(|&k| w[k]).sum();
                if sum != Dec::HUNDRED {
                    return Err(DecomposeError::ManualNot100 {
                        dim,
                        category: category.map(str::to_string),
                        sum,
                    });
                }
            }
            SplitBasis::Potential(w)
        }
        (_, None, dim) => return Err(DecomposeError::SeasonalityNotMonths { dim }),
    };
    let all = super::bases(h, &basis).map_err(|error| DecomposeError::Basis { dim, error })?;
    let b: Vec<Money> = keys.iter().map(|&k| all[k]).collect();
    let ids: Vec<String> = keys.iter().map(|&k| h.ids[k].clone()).collect();
    let mut locks = Vec::new();
    for (id, amount) in &s.locks {
        match keys.iter().position(|&k| h.ids[k] == *id) {
            Some(i) => locks.push((i, *amount)),
            // A lock of a product in another category belongs to that category's split.
            None if h.ids.contains(id) => {}
            None => {
                return Err(DecomposeError::UnknownMember {
                    dim,
                    id: id.clone(),
                });
            }
        }
    }
    let sp = split(SplitRequest {
        total,
        unit,
        bases: &b,
        ids: &ids,
        locks: &locks,
        report_missing: basis.needs_history(),
    })
    .map_err(|error| DecomposeError::Split {
        dim,
        category: category.map(str::to_string),
        error,
        names: keys.iter().map(|&k| h.names[k].clone()).collect(),
    })?;
    issues.extend(sp.issues.iter().map(|i| MemberIssue {
        dim,
        name: h.names[keys[i.key()]].clone(),
        issue: remap(i, &keys),
    }));
    Ok(sp
        .lines
        .iter()
        .map(|l| Line {
            key: keys[l.key],
            base: l.base,
            target: l.target,
            locked: l.locked,
        })
        .collect())
}

/// An issue about a key of a sub-split, about the same member's key in the whole history.
fn remap(i: &SplitIssue, keys: &[usize]) -> SplitIssue {
    match *i {
        SplitIssue::NoBase { key } => SplitIssue::NoBase { key: keys[key] },
        SplitIssue::NegativeBase { key, base } => SplitIssue::NegativeBase {
            key: keys[key],
            base,
        },
    }
}

/// A product's category id (the categories' ids are their names); none for other dimensions.
fn parent(frame: &Frame, dim: Dim, key: usize) -> Option<String> {
    if dim != Dim::Product {
        return None;
    }
    let c = frame.category_of(key as u32)? as usize;
    frame.members(Dim::Category).ids.get(c).cloned()
}

/// Each member's weight by key from the weights the user gave by id (0 when not given);
/// refused when an id is not a member, or a weight is negative.
fn weights_by_key(
    h: &History,
    dim: SplitDim,
    weights: &[(String, Dec)],
) -> Result<Vec<Dec>, DecomposeError> {
    let mut out = vec![Dec::ZERO; h.len()];
    for (id, w) in weights {
        let k =
            h.ids
                .iter()
                .position(|x| x == id)
                .ok_or_else(|| DecomposeError::UnknownMember {
                    dim,
                    id: id.clone(),
                })?;
        if w.0 < 0 {
            return Err(DecomposeError::Basis {
                dim,
                error: super::BasisError::NegativeWeight { key: k as u32 },
            });
        }
        out[k] = *w;
    }
    Ok(out)
}

fn member(h: &History, l: Line, parent: Option<String>, s: &DimSettings) -> MemberAllocation {
    let id = h.ids[l.key].clone();
    MemberAllocation {
        weight: s.weights.iter().find(|(k, _)| *k == id).map(|(_, w)| *w),
        // Weights are not money: the base kept is then last year's value.
        base: if s.basis.takes_weights() {
            h.years[0][l.key]
        } else {
            l.base
        },
        name: h.names[l.key].clone(),
        id,
        parent,
        target: l.target,
        locked: l.locked,
        months: Vec::new(),
    }
}

/// Each category's target split over its products; products of no planned category share
/// nothing and are reported.
fn products_in_categories(
    frame: &Frame,
    h: &History,
    cats: &DimAllocation,
    unit: Money,
    s: &DimSettings,
    issues: &mut Vec<MemberIssue>,
) -> Result<Vec<MemberAllocation>, DecomposeError> {
    let parents: Vec<Option<String>> = (0..h.len())
        .map(|k| parent(frame, Dim::Product, k))
        .collect();
    let mut out = Vec::with_capacity(h.len());
    for c in &cats.members {
        let keys: Vec<usize> = (0..h.len())
            .filter(|&k| parents[k].as_deref() == Some(c.id.as_str()))
            .collect();
        if keys.is_empty() && c.target.0 == 0 {
            continue;
        }
        let lines = one_split(
            h,
            SplitDim::Member(Dim::Product),
            c.target,
            unit,
            s,
            Some((&keys, &c.name)),
            None,
            issues,
        )?;
        out.extend(
            lines
                .into_iter()
                .map(|l| member(h, l, Some(c.id.clone()), s)),
        );
    }
    // Products outside every planned category get no target.
    for k in 0..h.len() {
        let planned = parents[k]
            .as_deref()
            .is_some_and(|p| cats.members.iter().any(|c| c.id == p));
        if !planned {
            issues.push(MemberIssue {
                dim: SplitDim::Member(Dim::Product),
                name: h.names[k].clone(),
                issue: SplitIssue::NoBase { key: k },
            });
            out.push(member(
                h,
                Line {
                    key: k,
                    base: h.years[0][k],
                    target: Money::ZERO,
                    locked: false,
                },
                parents[k].clone(),
                s,
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Measure;
    use crate::review::testing::{ledger, product};
    use crate::targets::check_allocation;

    fn y(units: i64) -> Money {
        Money::from_units(units).unwrap()
    }

    /// 2026: R1 sells 300 in January (P1, drinks) and 100 in July (P2, drinks); R2 sells 100 in
    /// July (P3, snacks). Months 60% January, 40% July; regions 80/20; drinks 80, snacks 20.
    fn frame() -> Frame {
        let l = ledger(&[
            ("2026-01-10", "C1", "P1", "R1", 300),
            ("2026-07-10", "C1", "P2", "R1", 100),
            ("2026-07-12", "C2", "P3", "R2", 100),
        ]);
        let products = [
            product("P1", "柠檬茶", "饮料"),
            product("P2", "绿茶", "饮料"),
            product("P3", "薯片", "零食"),
        ];
        Frame::build(&[&l], &[], &products, &[], &[])
    }

    fn plan(total: i64, unit: i64) -> Plan {
        let mut p = Plan::new(2027, Measure::Amount);
        p.total = Some(y(total));
        p.unit = y(unit);
        p
    }

    fn targets(a: &Allocation, dim: Dim) -> Vec<(String, f64)> {
        a.dim(dim)
            .unwrap()
            .members
            .iter()
            .map(|m| (m.id.clone(), m.target.to_f64()))
            .collect()
    }

    #[test]
    fn months_and_regions_by_last_year_share_by_hand() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap();
        let months: Vec<f64> = a.allocation.months.iter().map(|m| m.to_f64()).collect();
        assert_eq!(months[0], 600.0);
        assert_eq!(months[6], 400.0);
        assert_eq!(months.iter().sum::<f64>(), 1000.0);
        assert_eq!(
            targets(&a.allocation, Dim::Region),
            vec![("R1".into(), 800.0), ("R2".into(), 200.0)]
        );
        assert!(check_allocation(&a.allocation).is_empty());
        // The ten months without sales have no base and are reported.
        let no_base = a.issues.iter().filter(|i| i.dim == SplitDim::Month).count();
        assert_eq!(no_base, 10);
    }

    /// Lock R2 at 500 of 1,000: R1 takes the other 500; the lock is kept and read back.
    #[test]
    fn a_lock_is_kept_and_the_rest_rebalances() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        s.get_mut(SplitDim::Member(Dim::Region))
            .unwrap()
            .set_lock("R2", Some(y(500)));
        s.months.set_lock("07", Some(y(100)));
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        assert_eq!(
            targets(&a, Dim::Region),
            vec![("R1".into(), 500.0), ("R2".into(), 500.0)]
        );
        assert_eq!(a.months[6], y(100));
        assert_eq!(a.months[0], y(900));
        assert_eq!(a.locked_months, vec![7]);
        assert_eq!(Settings::of(&a), s);
    }

    fn pct(x: i64) -> Dec {
        Dec::int(x)
    }

    /// Potential weights R1 1, R2 3 split 1,000 as 250/750, whatever last year said; the
    /// weights and last year's values are kept, and read back into the same settings.
    #[test]
    fn potential_weights_by_hand() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        let r = s.get_mut(SplitDim::Member(Dim::Region)).unwrap();
        r.basis = BasisChoice::Potential;
        r.weights = vec![("R1".into(), pct(1)), ("R2".into(), pct(3))];
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        assert_eq!(
            targets(&a, Dim::Region),
            vec![("R2".into(), 750.0), ("R1".into(), 250.0)]
        );
        let r1 = &a
            .dim(Dim::Region)
            .unwrap()
            .members
            .iter()
            .find(|m| m.id == "R1")
            .unwrap();
        assert_eq!(r1.base, y(400), "last year's value, not the weight");
        assert_eq!(r1.weight, Some(pct(1)));
        let mut back = Settings::of(&a);
        back.dims[0].1.weights.sort();
        assert_eq!(back, s);
        assert!(check_allocation(&a).is_empty());
    }

    /// Manual months: 10% in each of March–December except 20% in December → 100%. Every
    /// month is a multiple of the unit and the months sum to the total.
    #[test]
    fn manual_month_percentages_by_hand() {
        let mut s = Settings::default();
        s.months.basis = BasisChoice::Manual;
        s.months.weights = (3..=12)
            .map(|m| {
                (
                    format!("{m:02}"),
                    pct(if m == 12 { 20 } else { 10 } - i64::from(m == 11) * 10),
                )
            })
            .collect();
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        let months: Vec<f64> = a.months.iter().map(|m| m.to_f64()).collect();
        assert_eq!(
            months,
            vec![
                0.0, 0.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0, 200.0
            ]
        );
        assert_eq!(a.month_weights.len(), 12);
        assert_eq!(a.month_weights[11], pct(20));
        assert_eq!(Settings::of(&a).months.weights.len(), 12);
        assert!(check_allocation(&a).is_empty());
    }

    #[test]
    fn manual_percentages_not_summing_to_100_are_refused_with_the_sum() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        let r = s.get_mut(SplitDim::Member(Dim::Region)).unwrap();
        r.basis = BasisChoice::Manual;
        r.weights = vec![("R1".into(), pct(60)), ("R2".into(), Dec(35_5000))];
        let e = allocate(&frame(), &plan(1000, 1), &s).unwrap_err();
        assert_eq!(
            e,
            DecomposeError::ManualNot100 {
                dim: SplitDim::Member(Dim::Region),
                category: None,
                sum: Dec(95_5000)
            }
        );
        assert_eq!(
            e.message(Lang::En),
            "Region: the manual percentages sum to 95.5%, not 100% (4.5% to go)."
        );
        assert!(e.message(Lang::Zh).contains("95.5%"));
        let over = DecomposeError::ManualNot100 {
            dim: SplitDim::Month,
            category: None,
            sum: Dec::int(105),
        };
        assert_eq!(
            over.message(Lang::Zh),
            "月份：手工百分比合计 105%，应为 100%（多出 5%）。"
        );
        // A negative weight and an unknown member are refused too.
        let r = s.get_mut(SplitDim::Member(Dim::Region)).unwrap();
        r.basis = BasisChoice::Potential;
        r.weights = vec![("R1".into(), pct(-1))];
        assert!(matches!(
            allocate(&frame(), &plan(1000, 1), &s),
            Err(DecomposeError::Basis {
                error: crate::targets::BasisError::NegativeWeight { .. },
                ..
            })
        ));
        let r = s.get_mut(SplitDim::Member(Dim::Region)).unwrap();
        r.weights = vec![("R9".into(), pct(1))];
        assert!(matches!(
            allocate(&frame(), &plan(1000, 1), &s),
            Err(DecomposeError::UnknownMember { .. })
        ));
    }

    /// Products inside categories: manual percentages sum to 100 within each category.
    /// Drinks 800 → P1 25% = 200, P2 75% = 600; snacks 200 → P3 100%.
    #[test]
    fn manual_product_percentages_are_per_category() {
        let mut s = Settings::default();
        s.add(Dim::Category);
        s.add(Dim::Product);
        let p = s.get_mut(SplitDim::Member(Dim::Product)).unwrap();
        p.basis = BasisChoice::Manual;
        p.weights = vec![
            ("P1".into(), pct(25)),
            ("P2".into(), pct(75)),
            ("P3".into(), pct(100)),
        ];
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        let t = targets(&a, Dim::Product);
        assert!(t.contains(&("P1".into(), 200.0)) && t.contains(&("P2".into(), 600.0)));
        assert!(t.contains(&("P3".into(), 200.0)));
        let p = s.get_mut(SplitDim::Member(Dim::Product)).unwrap();
        p.weights[2].1 = pct(90);
        assert!(matches!(
            allocate(&frame(), &plan(1000, 1), &s),
            Err(DecomposeError::ManualNot100 { category: Some(c), .. }) if c == "零食"
        ));
    }

    /// The weights offered on switching are the current shares, every group at exactly 100%,
    /// so switching to them changes nothing here (shares 80/20 of 1,000).
    #[test]
    fn initial_weights_are_the_current_shares_summing_to_100() {
        let mut s = Settings::default();
        s.add(Dim::Category);
        s.add(Dim::Product);
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        let w = initial_weights(&a, SplitDim::Member(Dim::Product));
        let get = |id: &str| w.iter().find(|(k, _)| k == id).unwrap().1;
        assert_eq!(
            (get("P1"), get("P2"), get("P3")),
            (pct(75), pct(25), pct(100))
        );
        let months = initial_weights(&a, SplitDim::Month);
        assert_eq!(months.iter().map(|(_, w)| *w).sum::<Dec>(), Dec::HUNDRED);
        assert_eq!(months[0].1, pct(60));
        let p = s.get_mut(SplitDim::Member(Dim::Product)).unwrap();
        p.basis = BasisChoice::Manual;
        p.weights = w;
        let again = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        assert_eq!(targets(&again, Dim::Product), targets(&a, Dim::Product));
    }

    #[test]
    fn growth_beyond_the_sanity_band_is_flagged() {
        // Last year 500 (R1 400, R2 100) and no earlier history: the band is ±30%.
        let mut s = Settings::default();
        s.add(Dim::Region);
        let a = allocate(&frame(), &plan(600, 1), &s).unwrap();
        assert!(a.flags.is_empty(), "+20% everywhere is within the band");
        s.get_mut(SplitDim::Member(Dim::Region))
            .unwrap()
            .set_lock("R2", Some(y(200)));
        let a = allocate(&frame(), &plan(600, 1), &s).unwrap();
        let ids: Vec<&str> = a.flags.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, vec!["R2"], "R1 at 400 is flat; R2 doubles");
        assert!((a.flags[0].growth - 1.0).abs() < 1e-12);
        assert_eq!(a.flags[0].band, (-0.3, 0.3));
        assert_eq!(
            a.flags[0].message(Lang::En),
            "R2: the target grows ▲ +100.0%, outside the band its history makes plausible (▼ −30.0% to ▲ +30.0%)."
        );
    }

    /// A cache gives the same allocation, and follows a change of plan year.
    #[test]
    fn allocations_through_a_cache_are_the_same() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        s.add(Dim::Product);
        let f = frame();
        let mut cache = HistoryCache::default();
        let p = plan(1000, 1);
        assert_eq!(allocate_in(&mut cache, &f, &p, &s), allocate(&f, &p, &s));
        assert_eq!(allocate_in(&mut cache, &f, &p, &s), allocate(&f, &p, &s));
        let mut next = p.clone();
        next.year = 2028;
        assert_eq!(
            allocate_in(&mut cache, &f, &next, &s),
            allocate(&f, &next, &s)
        );
    }

    #[test]
    fn locks_above_the_total_are_refused_with_the_reason() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        s.get_mut(SplitDim::Member(Dim::Region))
            .unwrap()
            .set_lock("R2", Some(y(1500)));
        let e = allocate(&frame(), &plan(1000, 1), &s).unwrap_err();
        assert!(matches!(
            e,
            DecomposeError::Split {
                error: SplitError::LocksAboveTotal { .. },
                ..
            }
        ));
        assert!(
            e.message(Lang::En)
                .starts_with("Region: the locked targets sum to"),
            "{}",
            e.message(Lang::En)
        );
        assert!(e.message(Lang::Zh).contains("超过总目标"));
    }

    #[test]
    fn unknown_members_and_a_missing_total_are_refused() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        s.get_mut(SplitDim::Member(Dim::Region))
            .unwrap()
            .set_lock("R9", Some(y(1)));
        let e = allocate(&frame(), &plan(1000, 1), &s).unwrap_err();
        assert_eq!(
            e,
            DecomposeError::UnknownMember {
                dim: SplitDim::Member(Dim::Region),
                id: "R9".into()
            }
        );
        let mut p = plan(1000, 1);
        p.total = None;
        assert_eq!(
            allocate(&frame(), &p, &Settings::default()),
            Err(DecomposeError::NoTotal)
        );
    }

    /// Categories 800/200 of 1,000; inside drinks P1:P2 = 300:100 → 600/200; snacks P3 200.
    /// With P2 locked at 300, P1 gets the other 500 of drinks.
    #[test]
    fn products_are_split_inside_their_categories() {
        let mut s = Settings::default();
        s.add(Dim::Product);
        s.add(Dim::Category);
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        assert_eq!(a.dims[0].dim, Dim::Product, "the user's order is kept");
        assert_eq!(
            targets(&a, Dim::Category),
            vec![("饮料".into(), 800.0), ("零食".into(), 200.0)]
        );
        let mut p = targets(&a, Dim::Product);
        p.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            p,
            vec![
                ("P1".into(), 600.0),
                ("P2".into(), 200.0),
                ("P3".into(), 200.0)
            ]
        );
        assert!(check_allocation(&a).is_empty());

        s.get_mut(SplitDim::Member(Dim::Product))
            .unwrap()
            .set_lock("P2", Some(y(300)));
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        let mut p = targets(&a, Dim::Product);
        p.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            p,
            vec![
                ("P1".into(), 500.0),
                ("P2".into(), 300.0),
                ("P3".into(), 200.0)
            ]
        );
        assert!(check_allocation(&a).is_empty());

        // A product lock above its category's target is refused, naming the category.
        s.get_mut(SplitDim::Member(Dim::Product))
            .unwrap()
            .set_lock("P3", Some(y(300)));
        let e = allocate(&frame(), &plan(1000, 1), &s).unwrap_err();
        assert!(
            e.message(Lang::En)
                .starts_with("Product (within category \"零食\"): the locked targets"),
            "{}",
            e.message(Lang::En)
        );
    }

    /// Rounding to ¥100: 1,000 is ten units of ¥100 shared equally over twelve months by largest
    /// remainders, so ten months get ¥100, two get 0, and the months still sum to 1,000.
    #[test]
    fn a_rounding_unit_keeps_every_total_exact() {
        let mut s = Settings::default();
        s.months.basis = BasisChoice::Equal;
        s.add(Dim::Region);
        let a = allocate(&frame(), &plan(1000, 100), &s).unwrap().allocation;
        assert_eq!(a.months.iter().copied().sum::<Money>(), y(1000));
        assert!(a.months.iter().all(|m| m.0 % y(100).0 == 0));
        assert_eq!(a.months.iter().filter(|m| **m == y(100)).count(), 10);
        assert_eq!(a.month_basis, BasisChoice::Equal);
        assert!(check_allocation(&a).is_empty());
    }

    /// Raising the total to 2,000 keeps R2's lock of 500 and gives R1 the rest; a total below
    /// the lock is refused.
    #[test]
    fn reallocating_keeps_the_settings_and_refuses_what_no_longer_fits() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        s.get_mut(SplitDim::Member(Dim::Region))
            .unwrap()
            .set_lock("R2", Some(y(500)));
        let mut p = plan(1000, 1);
        p.allocation = Some(allocate(&frame(), &p, &s).unwrap().allocation);
        p.total = Some(y(2000));
        let (q, _) = reallocate(&frame(), p.clone()).unwrap();
        let a = q.allocation.unwrap();
        assert_eq!(
            targets(&a, Dim::Region),
            vec![("R1".into(), 1500.0), ("R2".into(), 500.0)]
        );
        assert_eq!(a.total, y(2000));
        p.total = Some(y(400));
        assert!(matches!(
            reallocate(&frame(), p).unwrap_err(),
            DecomposeError::Split {
                error: SplitError::LocksAboveTotal { .. },
                ..
            }
        ));
        let unsplit = plan(1000, 1);
        assert_eq!(reallocate(&frame(), unsplit.clone()).unwrap().0, unsplit);
    }

    /// Salespeople carry 105% of 1,000 (S1 sells everything): 1,050; the regions stay at 1,000;
    /// the carry is read back from the allocation and survives a new total; regions may not
    /// carry, nor may anything carry beyond 200%.
    #[test]
    fn salespeople_can_carry_an_over_allocation() {
        let mut s = Settings::default();
        s.add(Dim::Region);
        s.add(Dim::Salesperson);
        s.get_mut(SplitDim::Member(Dim::Salesperson)).unwrap().carry = Some(105);
        let a = allocate(&frame(), &plan(1000, 1), &s).unwrap().allocation;
        let sp = a.dim(Dim::Salesperson).unwrap();
        assert_eq!(sp.total, y(1050));
        assert_eq!(sp.members.iter().map(|m| m.target).sum::<Money>(), y(1050));
        assert_eq!(a.dim(Dim::Region).unwrap().total, y(1000));
        assert!(
            check_allocation(&a).is_empty(),
            "{:?}",
            check_allocation(&a)
        );
        assert_eq!(Settings::of(&a), s);
        let mut p = plan(2000, 1);
        p.allocation = Some(a);
        let (again, _) = reallocate(&frame(), p).unwrap();
        let sp = again
            .allocation
            .as_ref()
            .unwrap()
            .dim(Dim::Salesperson)
            .unwrap();
        assert_eq!(sp.total, y(2100), "105% of the new total");
        assert_eq!(
            carried_total(y(1000), Some(105), y(100)),
            y(1100),
            "rounded to the unit"
        );
        let mut bad = Settings::default();
        bad.add(Dim::Region);
        bad.get_mut(SplitDim::Member(Dim::Region)).unwrap().carry = Some(105);
        assert_eq!(
            allocate(&frame(), &plan(1000, 1), &bad).map(|_| ()),
            Err(DecomposeError::BadCarry {
                dim: Dim::Region,
                carry: 105
            })
        );
        let mut far = Settings::default();
        far.add(Dim::Salesperson);
        far.get_mut(SplitDim::Member(Dim::Salesperson))
            .unwrap()
            .carry = Some(250);
        assert!(matches!(
            allocate(&frame(), &plan(1000, 1), &far),
            Err(DecomposeError::BadCarry { carry: 250, .. })
        ));
        assert!(
            DecomposeError::BadCarry {
                dim: Dim::Region,
                carry: 105
            }
            .message(Lang::Zh)
            .contains("105%")
        );
    }

    /// The months by the review's seasonality index: each month's share is its index / 1,200
    /// (the indices average 100), to within the rounding unit; only the months may use it, and
    /// a ledger too short for an index says so.
    #[test]
    fn months_follow_the_seasonality_index() {
        let ws = crate::demo_workspace(crate::Date::from_ymd(2026, 6, 30).unwrap());
        let f = Frame::from_workspace(&ws);
        let mut s = Settings::default();
        s.months.basis = BasisChoice::Seasonality;
        let p = plan(1_200_000, 1);
        let a = allocate(&f, &p, &s).unwrap().allocation;
        assert_eq!(a.months.iter().copied().sum::<Money>(), y(1_200_000));
        let series =
            crate::review::monthly(&f, Measure::Amount, &crate::review::Filter::default()).unwrap();
        let ix = crate::review::decompose(&series).unwrap().indices;
        for (m, (&t, &i)) in a.months.iter().zip(&ix).enumerate() {
            assert!(
                (t.to_f64() - i * 1_000.0).abs() <= 1.0,
                "month {}: {t} vs index {i}",
                m + 1
            );
        }
        assert_eq!(Settings::of(&a).months.basis, BasisChoice::Seasonality);
        let mut regions = Settings::default();
        regions.add(Dim::Region);
        regions
            .get_mut(SplitDim::Member(Dim::Region))
            .unwrap()
            .basis = BasisChoice::Seasonality;
        assert!(matches!(
            allocate(&f, &p, &regions),
            Err(DecomposeError::SeasonalityNotMonths { .. })
        ));
        assert!(matches!(
            allocate(&frame(), &plan(1000, 1), &s),
            Err(DecomposeError::Seasonality(_))
        ));
        assert!(BasisChoice::Seasonality.applies_to(SplitDim::Month));
        assert!(!BasisChoice::Seasonality.applies_to(SplitDim::Member(Dim::Region)));
    }

    #[test]
    fn rounding_to_a_unit_by_hand() {
        assert_eq!(round_to_unit(y(1049), y(100)), y(1000));
        assert_eq!(round_to_unit(y(1050), y(100)), y(1100));
        assert_eq!(round_to_unit(y(-1050), y(100)), y(-1100));
        assert_eq!(round_to_unit(y(7), Money::ZERO), y(7));
    }

    #[test]
    fn basis_codes_round_trip() {
        for b in BasisChoice::ALL {
            assert_eq!(BasisChoice::from_code(b.code()), Some(b));
        }
        assert_eq!(BasisChoice::from_code("nothing"), None);
    }

    use proptest::prelude::*;

    proptest! {
        /// Whatever the total, unit, bases and locks: an accepted decomposition is consistent
        /// (every dimension sums to the total, categories to their products), keeps every lock,
        /// and reads back as the settings it was made with.
        #[test]
        fn accepted_decompositions_are_consistent_and_keep_locks(
            total in 0i64..5_000,
            unit in prop::sample::select(vec![1i64, 10, 100]),
            basis in prop::sample::select(BasisChoice::ALL.to_vec()),
            lock_r1 in prop::option::of(0i64..3_000),
            lock_p1 in prop::option::of(0i64..3_000),
            lock_month in prop::option::of((1u32..=12, 0i64..3_000)),
        ) {
            let total = total / unit * unit;
            let mut s = Settings::default();
            s.months.basis = basis;
            for d in [Dim::Region, Dim::Category, Dim::Product] {
                s.add(d);
            }
            s.get_mut(SplitDim::Member(Dim::Region)).unwrap().basis = basis;
            let round = |x: i64| y(x / unit * unit);
            if let Some(l) = lock_r1 {
                s.get_mut(SplitDim::Member(Dim::Region)).unwrap().set_lock("R1", Some(round(l)));
            }
            if let Some(l) = lock_p1 {
                s.get_mut(SplitDim::Member(Dim::Product)).unwrap().set_lock("P1", Some(round(l)));
            }
            if let Some((m, l)) = lock_month {
                s.months.set_lock(&format!("{m:02}"), Some(round(l)));
            }
            if let Ok(a) = allocate(&frame(), &plan(total, unit), &s) {
                let a = a.allocation;
                prop_assert!(check_allocation(&a).is_empty(), "{:?}", check_allocation(&a));
                prop_assert_eq!(Settings::of(&a), s);
            }
        }
    }
}
