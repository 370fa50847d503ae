//! What changed in the bases since a plan was split: the ledger may have been imported again
//! (corrections, late invoices, a new customer). The plan keeps the user's numbers; this says,
//! member by member, how the base it was split on differs from the base the ledger gives now.

use super::decompose::{Settings, allocate_in};
use super::{HistoryCache, Plan, SplitDim};
use crate::review::Frame;
use crate::{Lang, Money};

/// One member whose base is not what the plan was split on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseChange {
    /// The dimension.
    pub dim: SplitDim,
    /// The member id.
    pub id: String,
    /// Its name (as the plan has it, or as the ledger has it for a new member).
    pub name: String,
    /// The base stored in the plan; `None` for a member the plan does not have.
    pub before: Option<Money>,
    /// The base the ledger gives now; `None` for a member the ledger no longer has.
    pub now: Option<Money>,
}

impl BaseChange {
    /// A sentence for the user, e.g. "区域 华东：基数 ¥120.0万 → ¥118.5万".
    pub fn message(&self, lang: Lang) -> String {
        let dim = super::dim_label(self.dim, lang);
        let money = |m: Money| crate::format_money(m, lang);
        match (self.before, self.now) {
            (Some(b), Some(n)) => format!(
                "{dim} {}{}{} → {}",
                self.name,
                lang.pick("：基数 ", ": base "),
                money(b),
                money(n)
            ),
            (Some(b), None) => format!(
                "{dim} {}{}{})",
                self.name,
                lang.pick(
                    "：已不在台账中（原基数 ",
                    ": no longer in the ledger (base was "
                ),
                money(b)
            ),
            (None, Some(n)) => format!(
                "{dim} {}{}{})",
                self.name,
                lang.pick("：新出现（基数 ", ": new (base "),
                money(n)
            ),
            (None, None) => format!("{dim} {}", self.name),
        }
    }
}

/// Every member whose base differs between the plan's allocation and the frame now, dimension
/// by dimension in the plan's order (the plan's members first, then members new to the
/// ledger); empty for a plan not yet split, or when the
/// plan's settings can no longer be applied (the split view says why).
pub fn base_changes(frame: &Frame, plan: &Plan) -> Vec<BaseChange> {
    base_changes_in(&mut HistoryCache::default(), frame, plan)
}

/// [`base_changes`], reading histories through `cache`.
pub fn base_changes_in(cache: &mut HistoryCache, frame: &Frame, plan: &Plan) -> Vec<BaseChange> {
    let Some(stored) = plan.allocation.as_ref() else {
        return Vec::new();
    };
    let Ok(fresh) = allocate_in(cache, frame, plan, &Settings::of(stored)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in &stored.dims {
        let dim = SplitDim::Member(d.dim);
        let Some(now) = fresh.allocation.dims.iter().find(|f| f.dim == d.dim) else {
            continue;
        };
        for m in &d.members {
            let current = now.members.iter().find(|x| x.id == m.id).map(|x| x.base);
            if current != Some(m.base) && !(current.is_none() && m.base == Money::ZERO) {
                out.push(BaseChange {
                    dim,
                    id: m.id.clone(),
                    name: m.name.clone(),
                    before: Some(m.base),
                    now: current,
                });
            }
        }
        for x in &now.members {
            if x.base != Money::ZERO && !d.members.iter().any(|m| m.id == x.id) {
                out.push(BaseChange {
                    dim,
                    id: x.id.clone(),
                    name: x.name.clone(),
                    before: None,
                    now: Some(x.base),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Dim, Measure};
    use crate::targets::reallocate;
    use crate::{Date, Workspace};

    fn workspace() -> Workspace {
        let mut ws = crate::demo_workspace(Date::from_ymd(2026, 6, 30).unwrap());
        ws.datasets.truncate(1);
        ws
    }

    fn split_plan(frame: &Frame) -> Plan {
        let mut p = Plan::new(2026, Measure::Amount);
        p.total = Some(Money::from_units(10_000_000).unwrap());
        let mut s = Settings::default();
        s.add(Dim::Region);
        p.allocation = Some(crate::targets::allocate(frame, &p, &s).unwrap().allocation);
        p
    }

    #[test]
    fn an_unchanged_ledger_changes_no_base() {
        let ws = workspace();
        let frame = Frame::from_workspace(&ws);
        let p = split_plan(&frame);
        assert_eq!(base_changes(&frame, &p), vec![]);
        assert_eq!(
            base_changes(&frame, &Plan::new(2026, Measure::Amount)),
            vec![]
        );
    }

    #[test]
    fn a_changed_base_is_named_with_before_and_now_and_the_plan_keeps_its_numbers() {
        let ws = workspace();
        let frame = Frame::from_workspace(&ws);
        let mut p = split_plan(&frame);
        let a = p.allocation.as_mut().unwrap();
        let real = a.dims[0].members[0].base;
        let first = a.dims[0].members[0].id.clone();
        // As if the plan had been split on an earlier ledger: one base higher, one member the
        // ledger does not have, and one member of the ledger missing from the plan.
        a.dims[0].members[0].base = Money(real.0 + 1_000_000);
        a.dims[0].members.push(crate::targets::MemberAllocation {
            id: "R-gone".into(),
            name: "已撤销".into(),
            parent: None,
            base: Money::from_units(5).unwrap(),
            target: Money::ZERO,
            locked: false,
            weight: None,
            months: Vec::new(),
        });
        let dropped = a.dims[0].members.remove(1);
        let kept = p.clone();
        let changes = base_changes(&frame, &p);
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert_eq!(
            changes[0],
            BaseChange {
                dim: SplitDim::Member(Dim::Region),
                id: first,
                name: changes[0].name.clone(),
                before: Some(Money(real.0 + 1_000_000)),
                now: Some(real),
            }
        );
        assert_eq!((changes[1].id.as_str(), changes[1].now), ("R-gone", None));
        assert_eq!(
            (changes[2].id.clone(), changes[2].before, changes[2].now),
            (dropped.id, None, Some(dropped.base))
        );
        assert!(changes[1].message(Lang::Zh).contains("已不在台账中"));
        assert!(changes[2].message(Lang::En).contains("new (base"));
        assert!(changes[0].message(Lang::En).contains(" → "));
        assert_eq!(p, kept, "reporting changes nothing");
        // Reallocating takes today's bases: nothing is left to report.
        let (p2, _) = reallocate(&frame, p).unwrap();
        assert_eq!(base_changes(&frame, &p2), vec![]);
    }
}
