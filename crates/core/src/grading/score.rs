//! Scores, grades and the factor-by-factor "why".
//!
//! Score = Σ_category w_c · Σ_factor w_f · points / max_points × 100 with weights as fractions
//! of 1, rounded to four decimals; the grade is the first whose `min_score` the score reaches.
//! A customer missing a rating on any level factor is unrated (no score, no grade).

use super::{Dec, FactorKind, Metric, Metrics, Ratings, Scale};
use serde::{Deserialize, Serialize};

/// One factor's part in a customer's score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorScore {
    /// The factor's name.
    pub factor: String,
    /// Its category's name.
    pub category: String,
    /// The metric of a metric factor.
    pub metric: Option<Metric>,
    /// The metric's value for this customer (metric factors).
    pub value: Option<Dec>,
    /// The level the customer is rated at (level factors).
    pub level: Option<String>,
    /// The points it earned; `None`: not rated (or a value outside every band).
    pub points: Option<Dec>,
    /// The factor's highest points.
    pub max_points: Dec,
    /// Its share of the whole score in percent: w_category × w_factor / 100.
    pub weight: Dec,
    /// Score points it contributes: weight × points / max_points.
    pub contribution: Option<Dec>,
}

/// One customer's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberScore {
    /// The customer id.
    pub customer: String,
    /// The score 0–100; `None` when unrated.
    pub score: Option<Dec>,
    /// The grade; `None` when unrated.
    pub grade: Option<String>,
    /// Every factor of the scale, in order.
    pub factors: Vec<FactorScore>,
}

impl MemberScore {
    /// Whether the customer lacks a rating (or a band) on some factor.
    pub fn is_unrated(&self) -> bool {
        self.score.is_none()
    }

    /// The names of the factors still to rate.
    pub fn missing(&self) -> Vec<&str> {
        self.factors
            .iter()
            .filter(|f| f.points.is_none())
            .map(|f| f.factor.as_str())
            .collect()
    }
}

/// How many customers get each grade, for the wizard's live preview.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    /// Each grade of the scale, best first, with its count.
    pub grades: Vec<(String, usize)>,
    /// Customers not scored for lack of ratings.
    pub unrated: usize,
}

impl Distribution {
    /// All customers counted.
    pub fn total(&self) -> usize {
        self.grades.iter().map(|(_, n)| n).sum::<usize>() + self.unrated
    }
}

/// Scores every customer of `metrics` on the scale. Meant for a valid scale; on an invalid
/// one it still returns (factors it cannot score leave customers unrated).
pub fn score_customers(scale: &Scale, metrics: &Metrics, ratings: &Ratings) -> Vec<MemberScore> {
    metrics
        .customers
        .iter()
        .enumerate()
        .map(|(i, customer)| {
            let values = metrics.values.get(i).copied().unwrap_or_default();
            score_one(scale, customer, &values, ratings)
        })
        .collect()
}

/// Scores one customer given its metric values (indexed by [`Metric::index`]).
pub fn score_one(
    scale: &Scale,
    customer: &str,
    values: &[Dec; 6],
    ratings: &Ratings,
) -> MemberScore {
    let rated = ratings.get(customer);
    let mut total = 0.0f64;
    let mut complete = true;
    let mut factors = Vec::new();
    for c in &scale.categories {
        for f in &c.factors {
            let max_points = f.max_points().unwrap_or(Dec::ZERO);
            let weight = Dec(((i128::from(c.weight.0) * i128::from(f.weight.0))
                / i128::from(Dec::HUNDRED.0)) as i64);
            let (metric, value, level, points) = match f.kind() {
                FactorKind::Levels(levels) => {
                    let level = rated.and_then(|r| r.get(&f.name)).cloned();
                    let points = level
                        .as_ref()
                        .and_then(|g| levels.iter().find(|l| &l.grade == g).and_then(|l| l.points));
                    (None, None, level, points)
                }
                FactorKind::Metric(m, bands) => {
                    let v = values[m.index()];
                    let points = bands.iter().find(|b| b.contains(v)).and_then(|b| b.points);
                    (Some(m), Some(v), None, points)
                }
                FactorKind::UnknownMetric(_) => (None, None, None, None),
            };
            let share = match points {
                Some(p) if max_points > Dec::ZERO => {
                    c.weight.to_f64() / 100.0 * f.weight.to_f64() / 100.0 * p.to_f64()
                        / max_points.to_f64()
                        * 100.0
                }
                Some(_) => 0.0,
                None => {
                    complete = false;
                    0.0
                }
            };
            total += share;
            factors.push(FactorScore {
                factor: f.name.clone(),
                category: c.name.clone(),
                metric,
                value,
                level,
                points,
                max_points,
                weight,
                contribution: points.map(|_| Dec::from_f64(share).unwrap_or_default()),
            });
        }
    }
    let score = if complete { Dec::from_f64(total) } else { None };
    let grade = score.and_then(|s| scale.grade_for(s)).map(str::to_string);
    MemberScore {
        customer: customer.to_string(),
        score,
        grade,
        factors,
    }
}

/// Counts per grade (in the scale's order) and unrated.
pub fn distribution(scale: &Scale, scores: &[MemberScore]) -> Distribution {
    let mut grades: Vec<(String, usize)> =
        scale.grades.iter().map(|g| (g.grade.clone(), 0)).collect();
    let mut unrated = 0;
    for s in scores {
        match &s.grade {
            Some(g) => {
                if let Some(slot) = grades.iter_mut().find(|(name, _)| name == g) {
                    slot.1 += 1;
                }
            }
            None => unrated += 1,
        }
    }
    Distribution { grades, unrated }
}
