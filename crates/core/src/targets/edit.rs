//! Undoable edits of the target area: a plan is put (added, or replaced as a whole: every
//! wizard step writes its plan back as one undo step) or removed.

use serde::{Deserialize, Serialize};

use super::Plan;
use crate::Workspace;
use crate::edit::EditError;
use crate::issue::Entity;

/// One change to `Workspace::targets`. Applying it returns its inverse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TargetEdit {
    /// Add the plan of a year, or replace the one of the same year.
    PutPlan {
        /// The plan.
        plan: Box<Plan>,
    },
    /// Remove the plan of a year.
    RemovePlan {
        /// Its year.
        year: i32,
    },
}

/// The plan years a plan may have.
pub const PLAN_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl TargetEdit {
    /// Refuses a plan year outside [`PLAN_YEARS`] and a rounding unit that is not positive.
    pub(crate) fn check(&self) -> Result<(), EditError> {
        match self {
            TargetEdit::PutPlan { plan } => {
                if !PLAN_YEARS.contains(&plan.year) {
                    return Err(EditError::OutOfRange { field: "year" });
                }
                if plan.unit.0 <= 0 {
                    return Err(EditError::OutOfRange { field: "unit" });
                }
                Ok(())
            }
            TargetEdit::RemovePlan { .. } => Ok(()),
        }
    }

    /// Applies the edit and returns its inverse.
    pub(crate) fn apply_unchecked(&self, ws: &mut Workspace) -> Result<TargetEdit, EditError> {
        let plans = &mut ws.targets.plans;
        Ok(match self {
            TargetEdit::PutPlan { plan } => match plans.iter_mut().find(|p| p.year == plan.year) {
                Some(old) => TargetEdit::PutPlan {
                    plan: Box::new(std::mem::replace(old, (**plan).clone())),
                },
                None => {
                    let at = plans.partition_point(|p| p.year < plan.year);
                    plans.insert(at, (**plan).clone());
                    TargetEdit::RemovePlan { year: plan.year }
                }
            },
            TargetEdit::RemovePlan { year } => {
                let at = plans.iter().position(|p| p.year == *year).ok_or_else(|| {
                    EditError::UnknownId {
                        what: Entity::Plan,
                        id: year.to_string(),
                    }
                })?;
                TargetEdit::PutPlan {
                    plan: Box::new(plans.remove(at)),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Measure;
    use crate::{Edit, History, Money};

    #[test]
    fn plans_are_put_replaced_removed_and_every_step_undoes() {
        let mut ws = Workspace::default();
        let mut h = History::new(10);
        let p2027 = Plan::new(2027, Measure::Amount);
        let p2026 = Plan::new(2026, Measure::Amount);
        let put = |p: &Plan| {
            Edit::from(TargetEdit::PutPlan {
                plan: Box::new(p.clone()),
            })
        };
        h.apply(&mut ws, &put(&p2027)).unwrap();
        h.apply(&mut ws, &put(&p2026)).unwrap();
        let years: Vec<i32> = ws.targets.plans.iter().map(|p| p.year).collect();
        assert_eq!(years, vec![2026, 2027]);
        let mut changed = p2027.clone();
        changed.total = Some(Money(1_000_000_0000));
        h.apply(&mut ws, &put(&changed)).unwrap();
        assert_eq!(ws.targets.plan(2027), Some(&changed));
        h.apply(&mut ws, &TargetEdit::RemovePlan { year: 2026 }.into())
            .unwrap();
        assert_eq!(ws.targets.plans.len(), 1);
        assert!(h.undo(&mut ws));
        assert!(h.undo(&mut ws));
        assert_eq!(ws.targets.plan(2027), Some(&p2027));
        assert!(h.undo(&mut ws));
        assert!(h.undo(&mut ws));
        assert!(ws.targets.is_empty());
        assert!(h.redo(&mut ws));
        assert_eq!(ws.targets.plan(2027), Some(&p2027));
    }

    #[test]
    fn bad_years_units_and_unknown_plans_are_refused_and_change_nothing() {
        let mut ws = Workspace::default();
        let mut p = Plan::new(1800, Measure::Amount);
        let e = crate::apply(
            &mut ws,
            &TargetEdit::PutPlan {
                plan: Box::new(p.clone()),
            }
            .into(),
        );
        assert_eq!(e, Err(EditError::OutOfRange { field: "year" }));
        p.year = 2027;
        p.unit = Money::ZERO;
        let e = crate::apply(&mut ws, &TargetEdit::PutPlan { plan: Box::new(p) }.into());
        assert_eq!(e, Err(EditError::OutOfRange { field: "unit" }));
        let e = crate::apply(&mut ws, &TargetEdit::RemovePlan { year: 2027 }.into());
        assert!(matches!(
            e,
            Err(EditError::UnknownId {
                what: Entity::Plan,
                ..
            })
        ));
        assert_eq!(ws, Workspace::default());
    }

    #[test]
    fn the_edit_reads_as_tagged_json() {
        let e = Edit::from(TargetEdit::RemovePlan { year: 2027 });
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"area":"targets","op":"remove_plan","year":2027}"#);
        assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), e);
    }
}
