//! Customer grading (客户分级, DOMAIN §3): the grading scale and its file, validation,
//! ledger metrics, scores and grades, templates, ratings, the personal-vs-company comparison
//! and merge, the GE matrix, the product × customer profitability matrix and service policies.
//!
//! Metrics are computed once per workspace ([`compute_metrics`]); scoring a scale against them
//! ([`score_customers`], [`distribution`]) is cheap, so a wizard can re-score on every change.

mod dec;
pub mod metrics;
pub mod ratings;
pub mod scale;
pub mod score;
pub mod templates;
pub mod validate;

pub use dec::Dec;
pub use metrics::{Metrics, compute_metrics};
pub use ratings::{
    MAX_RATINGS_BYTES, Ratings, RatingsProblem, RatingsProblemKind, check_ratings,
    ratings_from_csv, ratings_to_csv,
};
pub use scale::{
    Band, Category, Factor, FactorKind, GradeRule, Level, MAX_SCALE_BYTES, Metric, SCALE_FORMAT,
    SCALE_VERSION, Scale, ScaleFileError, scale_from_json, scale_to_json,
};
pub use score::{Distribution, FactorScore, MemberScore, distribution, score_customers, score_one};
pub use templates::{Template, blank_scale, default_grades};
pub use validate::{ScaleIssue, ScaleIssueKind, validate_scale};
