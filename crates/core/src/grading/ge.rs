//! The GE / McKinsey matrix (GE矩阵): every customer placed by attractiveness (vertical) and
//! our strength (horizontal), each a 0–100 weighted mean of factors the user chooses.
//!
//! An input is a factor of the grading scale (points / highest points × 100), the scale's
//! score, or a ledger metric as a percentile rank among the customers (0 = lowest, 100 =
//! highest, ties share their mean rank). Cells split at 33.3 and 66.7 (lower bound inclusive):
//! below 33.3 low, below 66.7 medium, else high. Strategy: the three cells towards high/high
//! invest and grow, the diagonal is selective, the three towards low/low harvest or divest.

use super::{Dec, MemberScore, Metric, Metrics, Ratings, Scale, score_customers};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// Which factors make the two axes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeConfig {
    /// The id of the scale whose factors and score are used (the active scale when `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// Customer attractiveness (客户吸引力): potential, growth, margin.
    pub attractiveness: Vec<GeInput>,
    /// Our strength with the customer (我方竞争力): share of wallet, relationship, coverage.
    pub strength: Vec<GeInput>,
}

/// One weighted input of an axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeInput {
    /// Where the value comes from.
    pub source: GeSource,
    /// Its weight (any non-negative numbers; the axis divides by their sum).
    pub weight: Dec,
}

/// The source of an input's 0–100 value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GeSource {
    /// A factor of the scale: points / highest points × 100.
    Factor { name: String },
    /// The scale's score.
    Score,
    /// A ledger metric's percentile rank among all customers.
    Metric { metric: Metric },
}

impl GeSource {
    /// The input's name: the factor's name, 综合得分 / Score, or the metric's label.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            GeSource::Factor { name } => name.clone(),
            GeSource::Score => lang.pick("量表得分", "Scale score").to_string(),
            GeSource::Metric { metric } => metric.label(lang).to_string(),
        }
    }
}

impl GeConfig {
    /// A starting point: attractiveness = sales (50), growth (30), margin (20) as percentile
    /// ranks; strength = the scale's score.
    pub fn starter() -> GeConfig {
        let m = |metric, w| GeInput {
            source: GeSource::Metric { metric },
            weight: Dec::int(w),
        };
        GeConfig {
            scale: None,
            attractiveness: vec![
                m(Metric::Amount12m, 50),
                m(Metric::Growth12m, 30),
                m(Metric::GrossMargin12m, 20),
            ],
            strength: vec![GeInput {
                source: GeSource::Score,
                weight: Dec::int(100),
            }],
        }
    }
}

/// Low, medium or high on an axis.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeLevel {
    /// Below 33.3.
    Low,
    /// 33.3 up to 66.7.
    Medium,
    /// 66.7 and above.
    High,
}

impl GeLevel {
    /// The level of a 0–100 value.
    pub fn of(value: Dec) -> GeLevel {
        if value < Dec(333_000) {
            GeLevel::Low
        } else if value < Dec(667_000) {
            GeLevel::Medium
        } else {
            GeLevel::High
        }
    }

    /// 0, 1 or 2.
    pub fn rank(self) -> usize {
        self as usize
    }

    /// 低 / 中 / 高.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GeLevel::Low => lang.pick("低", "Low"),
            GeLevel::Medium => lang.pick("中", "Medium"),
            GeLevel::High => lang.pick("高", "High"),
        }
    }
}

/// The strategy of a cell.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeStrategy {
    /// High/high, high/medium, medium/high.
    InvestGrow,
    /// The diagonal: high/low, medium/medium, low/high.
    Selective,
    /// Medium/low, low/medium, low/low.
    HarvestDivest,
}

impl GeStrategy {
    /// The strategy of a cell.
    pub fn of(attractiveness: GeLevel, strength: GeLevel) -> GeStrategy {
        match attractiveness.rank() + strength.rank() {
            3.. => GeStrategy::InvestGrow,
            2 => GeStrategy::Selective,
            _ => GeStrategy::HarvestDivest,
        }
    }

    /// The name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GeStrategy::InvestGrow => lang.pick("投资发展", "Invest / grow"),
            GeStrategy::Selective => lang.pick("选择发展", "Selective"),
            GeStrategy::HarvestDivest => lang.pick("收获或放弃", "Harvest / divest"),
        }
    }

    /// What to do.
    pub fn advice(self, lang: Lang) -> &'static str {
        match self {
            GeStrategy::InvestGrow => lang.pick(
                "重点投入资源，扩大合作，争取更高份额",
                "Put resources in, widen the partnership, win a larger share",
            ),
            GeStrategy::Selective => lang.pick(
                "有选择地投入：巩固优势，补强短板，视回报决定",
                "Invest selectively: hold strengths, fix weak spots, decide by return",
            ),
            GeStrategy::HarvestDivest => lang.pick(
                "控制投入，维持现金流，必要时逐步退出",
                "Limit spending, keep the cash flowing, exit gradually if needed",
            ),
        }
    }
}

/// One customer on the matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GePoint {
    /// The customer id.
    pub customer: String,
    /// Attractiveness, 0–100.
    pub attractiveness: Dec,
    /// Strength, 0–100.
    pub strength: Dec,
    /// The bubble size: sales over the last 12 months, yuan.
    pub revenue: Dec,
    /// Its row (attractiveness level).
    pub row: GeLevel,
    /// Its column (strength level).
    pub column: GeLevel,
    /// The cell's strategy.
    pub strategy: GeStrategy,
    /// Inputs that had no value (unrated factors). A customer with any is not placed (see
    /// [`GePoint::placed`]): its position would count them as 0.
    pub missing: Vec<String>,
}

impl GePoint {
    /// Whether every input of both axes has a value: only then is the customer on the matrix
    /// (counted in its cell and drawn); the others are listed apart, to be rated.
    pub fn placed(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Every customer of `metrics` on the matrix, rated or not: a customer with an input that
/// has no value lists it in `missing` and is not placed ([`GePoint::placed`]); its axes are
/// then what its rated inputs alone give, for information only. An axis with no positive
/// weight is 0 for everyone.
pub fn ge_matrix(
    config: &GeConfig,
    scale: Option<&Scale>,
    metrics: &Metrics,
    ratings: &Ratings,
) -> Vec<GePoint> {
    let scores: Vec<MemberScore> = match scale {
        Some(s) => score_customers(s, metrics, ratings),
        None => Vec::new(),
    };
    let ranks: Vec<Vec<Dec>> = Metric::ALL
        .iter()
        .map(|m| percentile_ranks(metrics, *m))
        .collect();
    metrics
        .customers
        .iter()
        .enumerate()
        .map(|(i, customer)| {
            let mut missing = Vec::new();
            let mut axis = |inputs: &[GeInput]| {
                let total: i128 = inputs.iter().map(|x| i128::from(x.weight.0.max(0))).sum();
                if total == 0 {
                    return Dec::ZERO;
                }
                let mut sum = 0i128;
                for input in inputs {
                    let w = i128::from(input.weight.0.max(0));
                    let v = match &input.source {
                        GeSource::Metric { metric } => ranks[metric.index()].get(i).copied(),
                        GeSource::Score => scores.get(i).and_then(|s| s.score),
                        GeSource::Factor { name } => scores.get(i).and_then(|s| {
                            s.factors.iter().find(|f| &f.factor == name).and_then(|f| {
                                let p = f.points?;
                                (f.max_points > Dec::ZERO).then(|| {
                                    Dec(((i128::from(p.0) * i128::from(Dec::HUNDRED.0))
                                        / i128::from(f.max_points.0))
                                        as i64)
                                })
                            })
                        }),
                    };
                    match v {
                        Some(v) => sum += w * i128::from(v.0),
                        None => {
                            let label = match &input.source {
                                GeSource::Factor { name } => name.clone(),
                                GeSource::Score => "score".into(),
                                GeSource::Metric { metric } => metric.code().into(),
                            };
                            if !missing.contains(&label) {
                                missing.push(label);
                            }
                        }
                    }
                }
                Dec((sum / total) as i64)
            };
            let attractiveness = axis(&config.attractiveness);
            let strength = axis(&config.strength);
            let (row, column) = (GeLevel::of(attractiveness), GeLevel::of(strength));
            GePoint {
                customer: customer.clone(),
                attractiveness,
                strength,
                revenue: metrics
                    .values
                    .get(i)
                    .map_or(Dec::ZERO, |v| v[Metric::Amount12m.index()]),
                row,
                column,
                strategy: GeStrategy::of(row, column),
                missing,
            }
        })
        .collect()
}

/// Each customer's percentile rank on a metric: 100 × (customers below + (ties − 1) / 2) /
/// (customers − 1); 50 for a single customer.
pub fn percentile_ranks(metrics: &Metrics, metric: Metric) -> Vec<Dec> {
    let values: Vec<Dec> = metrics.values.iter().map(|v| v[metric.index()]).collect();
    let n = values.len();
    if n <= 1 {
        return vec![Dec::int(50); n];
    }
    let mut sorted = values.clone();
    sorted.sort_unstable();
    values
        .iter()
        .map(|v| {
            let below = sorted.partition_point(|x| x < v);
            let upto = sorted.partition_point(|x| x <= v);
            // Twice the rank, to keep the half of ties exact.
            let twice = (2 * below + (upto - below - 1)) as i128;
            let scaled = twice * i128::from(Dec::HUNDRED.0) / (2 * (n as i128 - 1));
            Dec(scaled as i64)
        })
        .collect()
}

/// Placed customers and their revenue per cell: `[row][column]`, rows and columns indexed
/// by [`GeLevel::rank`] (0 = low). Customers not placed are in no cell.
pub fn ge_cells(points: &[GePoint]) -> [[(usize, Dec); 3]; 3] {
    let mut cells = [[(0usize, Dec::ZERO); 3]; 3];
    for p in points.iter().filter(|p| p.placed()) {
        let cell = &mut cells[p.row.rank()][p.column.rank()];
        cell.0 += 1;
        cell.1 = cell.1.saturating_add(p.revenue);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_boundaries_belong_to_the_upper_cell() {
        assert_eq!(GeLevel::of(Dec(332_999)), GeLevel::Low);
        assert_eq!(GeLevel::of(Dec(333_000)), GeLevel::Medium);
        assert_eq!(GeLevel::of(Dec(666_999)), GeLevel::Medium);
        assert_eq!(GeLevel::of(Dec(667_000)), GeLevel::High);
        assert_eq!(GeLevel::of(Dec::HUNDRED), GeLevel::High);
        assert_eq!(GeLevel::of(Dec::ZERO), GeLevel::Low);
    }

    #[test]
    fn strategies_follow_the_diagonal() {
        use GeLevel::*;
        let s = GeStrategy::of;
        assert_eq!(
            [s(High, High), s(High, Medium), s(Medium, High)],
            [GeStrategy::InvestGrow; 3]
        );
        assert_eq!(
            [s(High, Low), s(Medium, Medium), s(Low, High)],
            [GeStrategy::Selective; 3]
        );
        assert_eq!(
            [s(Medium, Low), s(Low, Medium), s(Low, Low)],
            [GeStrategy::HarvestDivest; 3]
        );
        assert_eq!(GeStrategy::Selective.label(Lang::Zh), "选择发展");
    }

    #[test]
    fn percentile_ranks_share_ties() {
        let m = Metrics {
            customers: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            values: [10, 20, 20, 40]
                .iter()
                .map(|v| {
                    let mut row = [Dec::ZERO; 6];
                    row[0] = Dec::int(*v);
                    row
                })
                .collect(),
            ..Metrics::default()
        };
        // Ranks 0, 1.5, 1.5, 3 of 3.
        assert_eq!(
            percentile_ranks(&m, Metric::Amount12m),
            [Dec::ZERO, Dec::int(50), Dec::int(50), Dec::HUNDRED]
        );
    }
}
