//! Undoable edits of the grading area: scales, the active scale, ratings, the GE and
//! profitability settings and the service policies.

use serde::{Deserialize, Serialize};

use crate::Workspace;
use crate::edit::{EditError, not_blank};
use crate::grading::{GeConfig, ProfitConfig, Ratings, Scale, ServicePolicy};
use crate::issue::Entity;

/// One change to `Workspace::grading`. Applying it returns its inverse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum GradingEdit {
    /// Add a grading scale, or replace the one with the same id where it stands. Drafts that
    /// do not validate are accepted; the id must not be empty.
    PutScale { scale: Scale },
    /// Insert a scale at a position (clamped to the list; the inverse of a removal).
    InsertScale { index: usize, scale: Scale },
    /// Remove a scale.
    RemoveScale { id: String },
    /// Choose the scale that grades the customers (`None`: the first valid one).
    SetActiveScale { id: Option<String> },
    /// Set or clear ratings (customer × factor → level); one history step for all.
    SetRatings { changes: Vec<RatingChange> },
    /// Set or clear the GE matrix's configuration.
    SetGeConfig { config: Option<GeConfig> },
    /// Set or clear the profitability matrix's configuration.
    SetProfitConfig { config: Option<ProfitConfig> },
    /// Replace the service policies per grade.
    SetPolicies { policies: Vec<ServicePolicy> },
}

/// One rating to set (`grade: Some`) or clear (`None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingChange {
    /// The customer id.
    pub customer: String,
    /// The factor's name.
    pub factor: String,
    /// The level, or `None` to clear the rating.
    pub grade: Option<String>,
}

impl GradingEdit {
    /// One rating as an edit.
    pub fn rating(customer: &str, factor: &str, grade: Option<&str>) -> GradingEdit {
        GradingEdit::SetRatings {
            changes: vec![RatingChange {
                customer: customer.to_string(),
                factor: factor.to_string(),
                grade: grade.map(str::to_string),
            }],
        }
    }

    /// Moves every rating of factor `from` to factor `to` (after a factor is renamed in a
    /// scale), as one edit; `None` when no customer is rated on `from`.
    pub fn rename_factor_ratings(ratings: &Ratings, from: &str, to: &str) -> Option<GradingEdit> {
        let mut changes = Vec::new();
        for (customer, factors) in ratings {
            if let Some(grade) = factors.get(from) {
                changes.push(RatingChange {
                    customer: customer.clone(),
                    factor: from.to_string(),
                    grade: None,
                });
                changes.push(RatingChange {
                    customer: customer.clone(),
                    factor: to.to_string(),
                    grade: Some(grade.clone()),
                });
            }
        }
        (!changes.is_empty() && from != to).then_some(GradingEdit::SetRatings { changes })
    }

    /// Every rating of a file (read by [`ratings_from_csv`](crate::grading::ratings_from_csv))
    /// as one edit that sets them, keeping the ratings the file does not mention.
    pub fn import_ratings(ratings: &Ratings) -> GradingEdit {
        GradingEdit::SetRatings {
            changes: ratings
                .iter()
                .flat_map(|(customer, factors)| {
                    factors.iter().map(move |(factor, grade)| RatingChange {
                        customer: customer.clone(),
                        factor: factor.clone(),
                        grade: Some(grade.clone()),
                    })
                })
                .collect(),
        }
    }

    /// Refuses scales without an id, a second scale under an id in use, ratings without a
    /// customer or factor, and service policies without a grade or with a number out of range.
    pub(crate) fn check(&self, ws: &Workspace) -> Result<(), EditError> {
        match self {
            GradingEdit::PutScale { scale } => not_blank("id", &scale.id),
            GradingEdit::InsertScale { scale, .. } => {
                not_blank("id", &scale.id)?;
                if ws.grading.scale(&scale.id).is_some() {
                    return Err(EditError::DuplicateId {
                        what: Entity::Scale,
                        id: scale.id.clone(),
                    });
                }
                Ok(())
            }
            GradingEdit::SetRatings { changes } => changes.iter().try_for_each(|c| {
                not_blank("id", &c.customer)?;
                not_blank("name", &c.factor)
            }),
            GradingEdit::RemoveScale { .. }
            | GradingEdit::SetActiveScale { .. }
            | GradingEdit::SetGeConfig { .. }
            | GradingEdit::SetProfitConfig { .. } => Ok(()),
            GradingEdit::SetPolicies { policies } => policies.iter().try_for_each(|p| {
                not_blank("grade", &p.grade)?;
                use super::policy::{PolicyField, check_policy_field};
                check_policy_field(PolicyField::Visits, p.visits_per_month)
                    .map_err(|_| EditError::OutOfRange { field: "visits" })?;
                check_policy_field(PolicyField::ResourceShare, p.resource_share).map_err(|_| {
                    EditError::OutOfRange {
                        field: "resource share",
                    }
                })
            }),
        }
    }

    /// Applies the edit without checking the new values and returns its inverse.
    pub(crate) fn apply_unchecked(&self, ws: &mut Workspace) -> Result<GradingEdit, EditError> {
        let grading = &mut ws.grading;
        Ok(match self {
            GradingEdit::PutScale { scale } => {
                match grading.scales.iter_mut().find(|s| s.id == scale.id) {
                    Some(old) => GradingEdit::PutScale {
                        scale: std::mem::replace(old, scale.clone()),
                    },
                    None => {
                        grading.scales.push(scale.clone());
                        GradingEdit::RemoveScale {
                            id: scale.id.clone(),
                        }
                    }
                }
            }
            GradingEdit::InsertScale { index, scale } => {
                let scales = &mut grading.scales;
                scales.insert((*index).min(scales.len()), scale.clone());
                GradingEdit::RemoveScale {
                    id: scale.id.clone(),
                }
            }
            GradingEdit::RemoveScale { id } => {
                let scales = &mut grading.scales;
                let index = scales.iter().position(|s| &s.id == id).ok_or_else(|| {
                    EditError::UnknownId {
                        what: Entity::Scale,
                        id: id.clone(),
                    }
                })?;
                GradingEdit::InsertScale {
                    index,
                    scale: scales.remove(index),
                }
            }
            GradingEdit::SetActiveScale { id } => GradingEdit::SetActiveScale {
                id: std::mem::replace(&mut grading.active, id.clone()),
            },
            GradingEdit::SetRatings { changes } => GradingEdit::SetRatings {
                changes: set_ratings(&mut grading.ratings, changes),
            },
            GradingEdit::SetGeConfig { config } => GradingEdit::SetGeConfig {
                config: std::mem::replace(&mut grading.ge, config.clone()),
            },
            GradingEdit::SetProfitConfig { config } => GradingEdit::SetProfitConfig {
                config: std::mem::replace(&mut grading.profit, config.clone()),
            },
            GradingEdit::SetPolicies { policies } => GradingEdit::SetPolicies {
                policies: std::mem::replace(&mut grading.policies, policies.clone()),
            },
        })
    }
}

/// Sets or clears each rating and returns the changes that put them back, in reverse order.
fn set_ratings(ratings: &mut Ratings, changes: &[RatingChange]) -> Vec<RatingChange> {
    let mut inverse = Vec::with_capacity(changes.len());
    for c in changes {
        let old = match &c.grade {
            Some(g) => ratings
                .entry(c.customer.clone())
                .or_default()
                .insert(c.factor.clone(), g.clone()),
            None => {
                let factors = ratings.get_mut(&c.customer);
                let old = factors.and_then(|f| f.remove(&c.factor));
                if ratings.get(&c.customer).is_some_and(|f| f.is_empty()) {
                    ratings.remove(&c.customer);
                }
                old
            }
        };
        inverse.push(RatingChange {
            customer: c.customer.clone(),
            factor: c.factor.clone(),
            grade: old,
        });
    }
    inverse.reverse();
    inverse
}
