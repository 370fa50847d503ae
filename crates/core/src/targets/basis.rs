//! Bases of the five-dimension decomposition (五维分解的基数, DOMAIN §2): for a plan year Y and
//! one dimension, each member's base — the weight its share of the target is taken from — under
//! the basis the user picks: last year's value, the weighted 3-year share, growth-adjusted,
//! potential weights, equal, or manual.
//!
//! Bases are [`Money`] amounts in the measure's unit (for potential and manual weights, the
//! weights themselves with four decimals), so that a split over them is exact integer work.

use crate::review::{Dim, Frame, Measure};
use crate::{Date, Dec, Money};

/// A dimension a target is split over: the months of the plan year, or a member dimension of
/// the review frame.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum SplitDim {
    /// The twelve calendar months; keys 0–11 are January–December, ids "01"–"12".
    Month,
    /// Members of a frame dimension (region, category, product, salesperson, customer).
    Member(Dim),
}

impl SplitDim {
    /// The dimensions the decomposition offers, in the order of the CLI.
    pub const ALL: [SplitDim; 6] = [
        SplitDim::Month,
        SplitDim::Member(Dim::Region),
        SplitDim::Member(Dim::Category),
        SplitDim::Member(Dim::Product),
        SplitDim::Member(Dim::Salesperson),
        SplitDim::Member(Dim::Customer),
    ];

    /// "month", "region", "category", "product", "salesperson", "customer".
    pub fn code(self) -> &'static str {
        match self {
            SplitDim::Month => "month",
            SplitDim::Member(d) => d.code(),
        }
    }

    /// The dimension for a code, see [`SplitDim::code`].
    pub fn from_code(code: &str) -> Option<SplitDim> {
        SplitDim::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// How members' bases are computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitBasis {
    /// Last year's (Y−1) value of each member.
    LastYear,
    /// The weighted 3-year share: Σ wₖ × (member's value / total) over Y−1, Y−2, Y−3 with
    /// weights `[w₁, w₂, w₃]` (default 50/30/20), renormalised over the years that have data,
    /// times last year's total (so bases stay in money).
    Weighted([Dec; 3]),
    /// Last year's value grown by the member's own growth of the year before:
    /// LY × (LY / Y−2); a member without Y−2 value keeps LY.
    GrowthAdjusted,
    /// A user-given weight per member key (members not given weigh 0).
    Potential(Vec<Dec>),
    /// The same base (1) for every member.
    Equal,
    /// Manual percentages per member key, summing to exactly 100% (refused otherwise).
    Manual(Vec<Dec>),
}

impl SplitBasis {
    /// The 50/30/20 weighted 3-year share.
    pub fn weighted_default() -> SplitBasis {
        SplitBasis::Weighted([Dec::int(50), Dec::int(30), Dec::int(20)])
    }

    /// "last-year", "weighted", "growth", "potential", "equal", "manual".
    pub fn code(&self) -> &'static str {
        match self {
            SplitBasis::LastYear => "last-year",
            SplitBasis::Weighted(_) => "weighted",
            SplitBasis::GrowthAdjusted => "growth",
            SplitBasis::Potential(_) => "potential",
            SplitBasis::Equal => "equal",
            SplitBasis::Manual(_) => "manual",
        }
    }

    /// Whether a member without history gets no base (and is reported).
    pub fn needs_history(&self) -> bool {
        matches!(
            self,
            SplitBasis::LastYear | SplitBasis::Weighted(_) | SplitBasis::GrowthAdjusted
        )
    }
}

/// Why bases cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BasisError {
    /// The measure is gross profit but the ledger has no cost.
    NoCost,
    /// The 3-year weights are negative or all zero.
    BadWeights,
    /// Manual percentages do not sum to 100%.
    ManualNot100 {
        /// Their sum, in percent.
        sum: Dec,
    },
    /// A weight list is longer than the dimension's members.
    TooManyWeights {
        /// Weights given.
        given: usize,
        /// Members.
        members: usize,
    },
    /// A potential weight or manual percentage is negative.
    NegativeWeight {
        /// The member key.
        key: u32,
    },
}

impl std::fmt::Display for BasisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BasisError::NoCost => f.write_str(
                "the ledger has no cost or gross-profit column, so gross-profit bases are unknown",
            ),
            BasisError::BadWeights => f.write_str(
                "the 3-year weights must be zero or positive and not all zero (e.g. 50,30,20)",
            ),
            BasisError::ManualNot100 { sum } => {
                write!(f, "manual percentages sum to {sum}%, not 100%")
            }
            BasisError::TooManyWeights { given, members } => {
                write!(f, "{given} weights given for {members} members")
            }
            BasisError::NegativeWeight { key } => {
                write!(f, "the weight of member {key} is negative")
            }
        }
    }
}

/// The members of a split dimension with each member's value in each of the three years
/// before the plan year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    /// The plan year.
    pub year: i32,
    /// Member ids, by key.
    pub ids: Vec<String>,
    /// Member display names, by key.
    pub names: Vec<String>,
    /// `years[0]` is Y−1, `years[1]` Y−2, `years[2]` Y−3: each member's value, by key.
    pub years: [Vec<Money>; 3],
    /// Whether the frame has any row in each of Y−1, Y−2, Y−3.
    pub has_year: [bool; 3],
}

impl History {
    /// The number of members.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Total of one of the years (0 = Y−1).
    pub fn total(&self, back: usize) -> Money {
        self.years[back].iter().copied().sum()
    }
}

/// Histories read once and kept: each is one pass over the frame, so a decomposition computed
/// again and again (every edit of a split) reads each dimension once. Valid for one frame: the
/// caller starts a new cache when the frame changes; a change of plan year or measure empties
/// it.
#[derive(Clone, Debug, Default)]
pub struct HistoryCache {
    key: Option<(i32, Measure)>,
    kept: Vec<(SplitDim, History)>,
    grids: Vec<((SplitDim, SplitDim), std::sync::Arc<Vec<Money>>)>,
}

impl HistoryCache {
    /// The history of `dim` for plan year `year` in `measure`, read from `frame` the first time.
    pub fn get(
        &mut self,
        frame: &Frame,
        dim: SplitDim,
        measure: Measure,
        year: i32,
    ) -> Result<History, BasisError> {
        self.key_on(year, measure);
        if let Some((_, h)) = self.kept.iter().find(|(d, _)| *d == dim) {
            return Ok(h.clone());
        }
        let h = history(frame, dim, measure, year)?;
        self.kept.push((dim, h.clone()));
        Ok(h)
    }

    /// The base year's `rows` × `cols` grid for plan year `year` (see
    /// [`super::grid::base_grid`]), read from `frame` the first time.
    pub fn base_grid(
        &mut self,
        frame: &Frame,
        rows: SplitDim,
        cols: SplitDim,
        measure: Measure,
        year: i32,
    ) -> Result<std::sync::Arc<Vec<Money>>, BasisError> {
        self.key_on(year, measure);
        if let Some((_, g)) = self.grids.iter().find(|(k, _)| *k == (rows, cols)) {
            return Ok(g.clone());
        }
        let g = std::sync::Arc::new(super::grid::base_grid(frame, rows, cols, measure, year)?);
        self.grids.push(((rows, cols), g.clone()));
        Ok(g)
    }

    /// Empties the cache when the plan year or the measure is not the one it holds.
    fn key_on(&mut self, year: i32, measure: Measure) {
        if self.key != Some((year, measure)) {
            self.kept.clear();
            self.grids.clear();
            self.key = Some((year, measure));
        }
    }
}

/// Each member's value of `dim` in the three years before `year` (one pass over the frame).
pub fn history(
    frame: &Frame,
    dim: SplitDim,
    measure: Measure,
    year: i32,
) -> Result<History, BasisError> {
    let values = frame.measure(measure).ok_or(BasisError::NoCost)?;
    let (ids, names): (Vec<String>, Vec<String>) = match dim {
        SplitDim::Month => (1..=12)
            .map(|m| (format!("{m:02}"), format!("{year}-{m:02}")))
            .unzip(),
        SplitDim::Member(d) => {
            let m = frame.members(d);
            (m.ids.clone(), m.names.clone())
        }
    };
    let n = ids.len();
    let mut years = [
        vec![Money::ZERO; n],
        vec![Money::ZERO; n],
        vec![Money::ZERO; n],
    ];
    let mut has_year = [false; 3];
    // Year back-offset of each month slot (None outside Y−3..Y−1).
    let back: Vec<Option<u8>> = (0..frame.months)
        .map(|s| {
            let (y, _) = Date::from_month_index(frame.first_month + s as i32);
            let b = year - y - 1;
            (0..3).contains(&b).then_some(b as u8)
        })
        .collect();
    let keys = match dim {
        SplitDim::Month => None,
        SplitDim::Member(d) => Some(frame.keys(d)),
    };
    for (row, (&slot, &v)) in frame.month.iter().zip(values).enumerate() {
        let Some(Some(b)) = back.get(slot as usize) else {
            continue;
        };
        let key = match keys {
            Some(k) => k[row] as usize,
            None => (frame.first_month + i32::from(slot)).rem_euclid(12) as usize,
        };
        let b = *b as usize;
        has_year[b] = true;
        if let Some(cell) = years[b].get_mut(key) {
            *cell = cell.saturating_add(v);
        }
    }
    Ok(History {
        year,
        ids,
        names,
        years,
        has_year,
    })
}

/// Each member's base under `basis` (by key), see [`SplitBasis`]. Negative values come out as
/// they are; the split treats them as no base and says so.
pub fn bases(history: &History, basis: &SplitBasis) -> Result<Vec<Money>, BasisError> {
    let n = history.len();
    let ly = &history.years[0];
    match basis {
        SplitBasis::LastYear => Ok(ly.clone()),
        SplitBasis::Equal => Ok(vec![Money(Money::from_units(1).map_or(0, |m| m.0)); n]),
        SplitBasis::GrowthAdjusted => Ok(ly
            .iter()
            .zip(&history.years[1])
            .map(|(&a, &b)| {
                if b.0 > 0 && a.0 > 0 {
                    Money::from_f64(a.to_f64() * (a.to_f64() / b.to_f64())).unwrap_or(a)
                } else {
                    a
                }
            })
            .collect()),
        SplitBasis::Weighted(w) => {
            if w.iter().any(|x| x.0 < 0) || w.iter().all(|x| x.0 == 0) {
                return Err(BasisError::BadWeights);
            }
            let totals: Vec<f64> = (0..3).map(|b| history.total(b).to_f64()).collect();
            // Years used: with data and a positive total.
            let used: Vec<usize> = (0..3)
                .filter(|&b| history.has_year[b] && totals[b] > 0.0 && w[b].0 > 0)
                .collect();
            let wsum: f64 = used.iter().map(|&b| w[b].to_f64()).sum();
            if wsum <= 0.0 {
                return Ok(vec![Money::ZERO; n]);
            }
            let scale = if totals[0] > 0.0 { totals[0] } else { 1.0 };
            Ok((0..n)
                .map(|k| {
                    let share: f64 = used
                        .iter()
                        .map(|&b| w[b].to_f64() / wsum * history.years[b][k].to_f64() / totals[b])
                        .sum();
                    Money::from_f64(share * scale).unwrap_or(Money::ZERO)
                })
                .collect())
        }
        SplitBasis::Potential(weights) | SplitBasis::Manual(weights) => {
            if weights.len() > n {
                return Err(BasisError::TooManyWeights {
                    given: weights.len(),
                    members: n,
                });
            }
            if let Some(k) = weights.iter().position(|w| w.0 < 0) {
                return Err(BasisError::NegativeWeight { key: k as u32 });
            }
            if matches!(basis, SplitBasis::Manual(_)) {
                let sum: Dec = weights.iter().copied().sum();
                if sum != Dec::HUNDRED {
                    return Err(BasisError::ManualNot100 { sum });
                }
            }
            let mut out: Vec<Money> = weights.iter().map(|w| Money(w.0)).collect();
            out.resize(n, Money::ZERO);
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(years: [&[i64]; 3]) -> History {
        let n = years[0].len();
        History {
            year: 2025,
            ids: (0..n).map(|k| format!("M{k}")).collect(),
            names: (0..n).map(|k| format!("M{k}")).collect(),
            years: years.map(|v| v.iter().map(|&u| Money::from_units(u).unwrap()).collect()),
            has_year: years.map(|v| v.iter().any(|&u| u != 0)),
        }
    }

    /// 2024 R1 150, R2 50 (March); 2023 R1 100; 2021 is outside Y−3 for Y = 2025 and ignored.
    #[test]
    fn history_from_a_frame_by_member_and_by_month() {
        use crate::review::testing::ledger;
        let l = ledger(&[
            ("2021-01-05", "C1", "P1", "R1", 999),
            ("2023-02-05", "C1", "P1", "R1", 100),
            ("2024-03-05", "C1", "P1", "R1", 150),
            ("2024-03-09", "C2", "P1", "R2", 50),
        ]);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let h = history(&f, SplitDim::Member(Dim::Region), Measure::Amount, 2025).unwrap();
        assert_eq!(h.ids, vec!["R1", "R2"]);
        assert_eq!(units(&h.years[0]), vec![150.0, 50.0]);
        assert_eq!(units(&h.years[1]), vec![100.0, 0.0]);
        assert_eq!(h.has_year, [true, true, false]);
        let m = history(&f, SplitDim::Month, Measure::Amount, 2025).unwrap();
        assert_eq!(m.years[0][2].to_f64(), 200.0);
        assert_eq!(m.years[1][1].to_f64(), 100.0);
        assert_eq!(m.ids[0], "01");
    }

    fn units(v: &[Money]) -> Vec<f64> {
        v.iter().map(|m| m.to_f64()).collect()
    }

    /// Shares A/B: Y−1 60/40 (total 100), Y−2 50/50, Y−3 20/80.
    /// A = 0.5×0.6 + 0.3×0.5 + 0.2×0.2 = 0.49; B = 0.51; times LY total 100 → 49 and 51.
    #[test]
    fn weighted_share_by_hand() {
        let h = hist([&[60, 40], &[100, 100], &[20, 80]]);
        let b = bases(&h, &SplitBasis::weighted_default()).unwrap();
        assert_eq!(units(&b), vec![49.0, 51.0]);
    }

    /// Y−3 missing: weights 50/30 renormalise to 5/8, 3/8: A = 5/8×0.6 + 3/8×0.5 = 0.5625.
    #[test]
    fn weighted_share_renormalises_a_missing_year() {
        let h = hist([&[60, 40], &[50, 50], &[0, 0]]);
        let b = bases(&h, &SplitBasis::weighted_default()).unwrap();
        assert_eq!(units(&b), vec![56.25, 43.75]);
    }

    /// A: 120 after 100 → 120 × 1.2 = 144; B: new last year → keeps 50.
    #[test]
    fn growth_adjusted_by_hand() {
        let h = hist([&[120, 50], &[100, 0], &[0, 0]]);
        let b = bases(&h, &SplitBasis::GrowthAdjusted).unwrap();
        assert_eq!(units(&b), vec![144.0, 50.0]);
    }

    #[test]
    fn manual_must_sum_to_100_and_weights_are_checked() {
        let h = hist([&[1, 1, 1], &[0, 0, 0], &[0, 0, 0]]);
        let p = |v: &[i64]| v.iter().map(|&x| Dec::int(x)).collect::<Vec<_>>();
        assert_eq!(
            bases(&h, &SplitBasis::Manual(p(&[50, 30, 10]))),
            Err(BasisError::ManualNot100 { sum: Dec::int(90) })
        );
        assert_eq!(
            units(&bases(&h, &SplitBasis::Manual(p(&[50, 30, 20]))).unwrap()),
            vec![50.0, 30.0, 20.0]
        );
        assert_eq!(
            units(&bases(&h, &SplitBasis::Potential(p(&[3]))).unwrap()),
            vec![3.0, 0.0, 0.0]
        );
        assert_eq!(
            bases(&h, &SplitBasis::Potential(p(&[1, -1]))),
            Err(BasisError::NegativeWeight { key: 1 })
        );
        assert_eq!(
            bases(&h, &SplitBasis::Weighted([Dec::ZERO; 3])),
            Err(BasisError::BadWeights)
        );
        assert_eq!(units(&bases(&h, &SplitBasis::Equal).unwrap()), vec![1.0; 3]);
    }
}
