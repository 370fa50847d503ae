//! What the user enters for the business review and the workspace keeps: the outlet universe
//! of each region (for the funnel and numeric distribution) and the scorecard's KPIs.

use super::frame::{Dim, Filter, Frame};
use super::kpi::ScorecardItem;
use serde::{Deserialize, Serialize};

/// The outlet universe (售点总数) of one region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionUniverse {
    /// The region id.
    pub region: String,
    /// Outlets in the region's universe.
    pub outlets: u64,
}

/// The business review's inputs, kept in the workspace file (field `review`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSettings {
    /// The universe of each region that has one, in the order entered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub universe: Vec<RegionUniverse>,
    /// The scorecard's KPIs, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scorecard: Vec<ScorecardItem>,
}

impl ReviewSettings {
    /// Whether nothing was entered (the field is then left out of the file).
    pub fn is_empty(&self) -> bool {
        self.universe.is_empty() && self.scorecard.is_empty()
    }

    /// The universe entered for a region.
    pub fn universe_of(&self, region: &str) -> Option<u64> {
        self.universe
            .iter()
            .find(|u| u.region == region)
            .map(|u| u.outlets)
    }

    /// The universe for the rows a filter keeps: the filtered region's, or, without a region
    /// condition, the sum over every region of the frame — `None` when any of them has no
    /// universe entered (a partial sum would understate it).
    pub fn universe_for(&self, frame: &Frame, filter: &Filter) -> Option<u64> {
        let regions = frame.members(Dim::Region);
        let chosen: Vec<u32> = filter
            .conditions
            .iter()
            .filter(|(d, _)| *d == Dim::Region)
            .map(|(_, k)| *k)
            .collect();
        let keys: Vec<u32> = if chosen.is_empty() {
            (0..regions.len() as u32)
                .filter(|k| !regions.id(*k).is_empty())
                .collect()
        } else {
            chosen
        };
        if keys.is_empty() {
            return None;
        }
        keys.iter().map(|k| self.universe_of(regions.id(*k))).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::*;

    #[test]
    fn universe_of_the_filtered_regions() {
        let l = ledger(&[
            ("2024-01-01", "C1", "P1", "R1", 1),
            ("2024-01-01", "C2", "P1", "R2", 1),
        ]);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let mut s = ReviewSettings::default();
        assert!(s.is_empty());
        s.universe.push(RegionUniverse {
            region: "R1".into(),
            outlets: 40,
        });
        let r1 = f.members(Dim::Region).key("R1").unwrap_or(0);
        let r2 = f.members(Dim::Region).key("R2").unwrap_or(0);
        assert_eq!(
            s.universe_for(&f, &Filter::all().and(Dim::Region, r1)),
            Some(40)
        );
        assert_eq!(
            s.universe_for(&f, &Filter::all().and(Dim::Region, r2)),
            None
        );
        assert_eq!(
            s.universe_for(&f, &Filter::all()),
            None,
            "R2 has none: no partial sum"
        );
        s.universe.push(RegionUniverse {
            region: "R2".into(),
            outlets: 60,
        });
        assert_eq!(s.universe_for(&f, &Filter::all()), Some(100));
        assert!(!s.is_empty());
    }

    #[test]
    fn settings_round_trip_through_the_file_and_stay_out_when_empty() {
        use crate::review::{Kpi, KpiDirection, ScorecardItem};
        use crate::{Money, Workspace, workspace_from_json, workspace_to_json};
        let mut ws = Workspace::default();
        assert!(!workspace_to_json(&ws).contains("\"review\""));
        ws.review.universe.push(RegionUniverse {
            region: "R01".into(),
            outlets: 320,
        });
        ws.review.scorecard.push(ScorecardItem {
            direction: KpiDirection::LowerIsBetter,
            ..ScorecardItem::new(Kpi::GrossMargin, Money(3500))
        });
        let json = workspace_to_json(&ws);
        assert!(json.contains(r#""review":{"universe":[{"region":"R01","outlets":320}],"scorecard":[{"kpi":"gross_margin","target":3500,"direction":"lower_is_better","green":100,"amber":90}]}"#), "{json}");
        let back = workspace_from_json(&json).map(|(w, _)| w);
        assert_eq!(back.ok(), Some(ws));
    }
}
