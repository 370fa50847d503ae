//! Customer grading (客户分级, DOMAIN §3): the grading scale and its file, validation,
//! ledger metrics, scores and grades, templates, ratings, the personal-vs-company comparison
//! and merge, the GE matrix, the product × customer profitability matrix and service policies.
//!
//! Metrics are computed once per workspace ([`compute_metrics`]); scoring a scale against them
//! ([`score_customers`], [`distribution`]) is cheap, so a wizard can re-score on every change.

pub mod compare;
pub mod edit;
pub mod ge;
pub mod merge;
pub mod metrics;
pub mod policy;
pub mod profit;
pub mod ratings;
pub mod scale;
pub mod score;
pub mod templates;
pub mod validate;

pub use crate::Dec;
pub use compare::{Mover, ScaleComparison, compare};
pub use edit::{GradingEdit, RatingChange};
pub use ge::{GeConfig, GeInput, GeLevel, GePoint, GeSource, GeStrategy, ge_cells, ge_matrix};
pub use merge::{Difference, FieldKind, Side, differences, merge};
pub use metrics::{Metrics, compute_metrics};
pub use policy::{
    MAX_VISITS, PolicyError, PolicyField, ServicePolicy, check_policy_field, default_policies,
    grade_meaning, parse_policy_field, policies_for_grades, policy_for, policy_notes,
    resource_share_total,
};
pub use profit::{
    ClassBoundsError, CostField, CostFieldError, CostToServe, CustomerProfit, MAX_CLASS_BOUNDS,
    ProductClassRule, ProfitCell, ProfitConfig, ProfitMatrix, class_bounds_text,
    classes_from_categories, custom_class_names, parse_class_bounds, profit_matrix,
    set_product_class,
};
pub use ratings::{
    MAX_RATINGS_BYTES, Ratings, RatingsProblem, RatingsProblemKind, check_ratings,
    ratings_from_csv, ratings_to_csv, ratings_to_csv_with_bom,
};
pub use scale::{
    Band, Category, Factor, FactorKind, GradeRule, Level, MAX_SCALE_BYTES, Metric, SCALE_FORMAT,
    SCALE_VERSION, Scale, ScaleFileError, scale_from_json, scale_to_json,
};
pub use score::{Distribution, FactorScore, MemberScore, distribution, score_customers, score_one};
pub use templates::{Template, blank_scale, default_grades};
pub use validate::{ScaleArea, ScaleIssue, ScaleIssueKind, validate_scale};

use serde::{Deserialize, Serialize};

/// A workspace's grading work (`Workspace::grading`): its scales (a personal and a company
/// version, drafts included), the manager's ratings, which scale grades the customers, the GE
/// and profitability settings and the service policy per grade. Empty in a workspace that has
/// not used grading, and then absent from its file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grading {
    /// The scales, in the order the user sees them. Drafts may be invalid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<Scale>,
    /// The id of the scale that grades the customers (the first valid one when `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
    /// Ratings of level factors: customer → factor → level.
    #[serde(default, skip_serializing_if = "Ratings::is_empty")]
    pub ratings: Ratings,
    /// The GE matrix's axes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ge: Option<GeConfig>,
    /// The profitability matrix's product classes and cost-to-serve inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profit: Option<ProfitConfig>,
    /// Service policy per grade.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<ServicePolicy>,
}

impl Grading {
    /// Whether nothing is set (the field is then left out of the workspace file).
    pub fn is_empty(&self) -> bool {
        *self == Grading::default()
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The scale that grades the customers: the active one, else the first that validates.
    pub fn active_scale(&self) -> Option<&Scale> {
        match &self.active {
            Some(id) => self.scale(id),
            None => self.scales.iter().find(|s| validate_scale(s).is_empty()),
        }
    }
}
