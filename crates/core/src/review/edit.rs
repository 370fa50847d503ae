//! Undoable edits of what the user enters for the business review: the outlet universe per
//! region (for the funnel) and the scorecard.

use serde::{Deserialize, Serialize};

use crate::Workspace;
use crate::edit::{EditError, not_blank};
use crate::review::{RegionUniverse, ScorecardItem};

/// One change to `Workspace::review`. Applying it returns its inverse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ReviewEdit {
    /// Set (or clear, with `None`) the outlet universe of a region, for the funnel.
    SetRegionUniverse {
        region: String,
        outlets: Option<u64>,
    },
    /// Replace the scorecard's KPIs, targets, directions and thresholds.
    SetScorecard { items: Vec<ScorecardItem> },
}

impl ReviewEdit {
    /// Refuses a universe for a blank region.
    pub(crate) fn check(&self) -> Result<(), EditError> {
        match self {
            ReviewEdit::SetRegionUniverse { region, .. } => not_blank("region", region),
            ReviewEdit::SetScorecard { .. } => Ok(()),
        }
    }

    /// Applies the edit and returns its inverse.
    pub(crate) fn apply_unchecked(&self, ws: &mut Workspace) -> ReviewEdit {
        match self {
            ReviewEdit::SetRegionUniverse { region, outlets } => {
                let list = &mut ws.review.universe;
                let at = list.iter().position(|u| &u.region == region);
                let old = at.and_then(|i| list.get(i)).map(|u| u.outlets);
                match (at, outlets) {
                    (Some(i), Some(n)) => {
                        if let Some(u) = list.get_mut(i) {
                            u.outlets = *n;
                        }
                    }
                    (Some(i), None) => {
                        list.remove(i);
                    }
                    (None, Some(n)) => list.push(RegionUniverse {
                        region: region.clone(),
                        outlets: *n,
                    }),
                    (None, None) => {}
                }
                ReviewEdit::SetRegionUniverse {
                    region: region.clone(),
                    outlets: old,
                }
            }
            ReviewEdit::SetScorecard { items } => ReviewEdit::SetScorecard {
                items: std::mem::replace(&mut ws.review.scorecard, items.clone()),
            },
        }
    }
}
