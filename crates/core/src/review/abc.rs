//! Pareto / ABC analysis (二八法则, DOMAIN §1).

use super::ReviewError;
use super::frame::{Dim, Filter, Frame, Measure, RowFilter};
use super::period::Period;
use crate::Money;
use serde::{Deserialize, Serialize};

/// An ABC class.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AbcClass {
    /// The top members making the first `a` of the value.
    A,
    /// The next members, up to `b`.
    B,
    /// The rest of the members with a positive value.
    C,
}

impl AbcClass {
    /// "A", "B" or "C".
    pub fn code(self) -> &'static str {
        match self {
            AbcClass::A => "A",
            AbcClass::B => "B",
            AbcClass::C => "C",
        }
    }
}

/// The class boundaries as cumulative shares (fractions): A below `a`, B below `b`.
#[derive(Copy, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbcThresholds {
    /// Default 0.80.
    pub a: f64,
    /// Default 0.95.
    pub b: f64,
}

impl Default for AbcThresholds {
    fn default() -> AbcThresholds {
        AbcThresholds { a: 0.80, b: 0.95 }
    }
}

/// A classed member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbcMember {
    /// The member's key in the frame.
    pub key: u32,
    /// The id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The member's net value (> 0).
    pub value: Money,
    /// value / the positive members' total.
    pub share: f64,
    /// The cumulative share up to and including this member (the Pareto curve).
    pub cumulative: f64,
    /// The class.
    pub class: AbcClass,
}

/// A member with net value ≤ 0, listed apart and not classed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InactiveMember {
    /// The member's key.
    pub key: u32,
    /// The id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The net value (≤ 0).
    pub value: Money,
}

/// The result of an ABC analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Abc {
    /// The dimension.
    pub dim: Dim,
    /// The measure.
    pub measure: Measure,
    /// The thresholds used.
    pub thresholds: AbcThresholds,
    /// Members with a positive value, by value descending (ties by id).
    pub members: Vec<AbcMember>,
    /// Members with rows but a net value ≤ 0, by value descending (ties by id).
    pub inactive: Vec<InactiveMember>,
    /// The positive members' total.
    pub total: Money,
    /// Members in A, B and C.
    pub counts: [u32; 3],
}

impl Abc {
    /// "x% of members make y% of the value" for class A: (x, y) as fractions;
    /// `None` when no member is positive.
    pub fn pareto(&self) -> Option<(f64, f64)> {
        let n = self.members.len();
        let a = self.counts[0] as usize;
        (n > 0).then(|| {
            let y = a
                .checked_sub(1)
                .and_then(|i| self.members.get(i))
                .map_or(0.0, |m| m.cumulative);
            (a as f64 / n as f64, y)
        })
    }

    /// The smallest share of top members making at least `value_share` of the value:
    /// (members share, value share actually reached). `None` when no member is positive.
    pub fn top_share_for(&self, value_share: f64) -> Option<(f64, f64)> {
        let n = self.members.len();
        let i = self
            .members
            .iter()
            .position(|m| m.cumulative >= value_share - 1e-12)?;
        Some(((i + 1) as f64 / n as f64, self.members[i].cumulative))
    }
}

/// Sums `measure` per member of `dim` (in `period`, or over all rows when `None`) and
/// classes the members: sorted by value descending, ties by id; a member is A when the
/// cumulative share *before* it is below `a`, else B when it is below `b`, else C. Members
/// with a net value ≤ 0 are listed apart as inactive.
pub fn abc(
    frame: &Frame,
    dim: Dim,
    measure: Measure,
    period: Option<Period>,
    filter: &Filter,
    thresholds: AbcThresholds,
) -> Result<Abc, ReviewError> {
    let values = frame.measure(measure).ok_or(ReviewError::NoCost)?;
    let (sums, seen) = sums_by_member(frame, dim, values, period, filter);
    Ok(classify(frame, dim, measure, &sums, &seen, thresholds))
}

/// Sums one measure per member of `dim` in one pass.
pub(crate) fn sums_by_member(
    frame: &Frame,
    dim: Dim,
    values: &[Money],
    period: Option<Period>,
    filter: &Filter,
) -> (Vec<i64>, Vec<bool>) {
    let n = frame.members(dim).len();
    let mut sums = vec![0i64; n];
    let mut seen = vec![false; n];
    let keys = frame.keys(dim);
    let rf = RowFilter::new(frame, filter);
    let (p0, p1) = match period {
        Some(p) => (p.first - frame.first_month, p.last - frame.first_month),
        None => (i32::MIN, i32::MAX),
    };
    let whole = period.is_none_or(|_| p0 <= 0 && p1 >= frame.months as i32 - 1);
    if whole && rf.is_empty() {
        for (&k, &v) in keys.iter().zip(values) {
            if let Some(s) = sums.get_mut(k as usize) {
                *s = s.saturating_add(v.0);
                seen[k as usize] = true;
            }
        }
    } else {
        for (i, ((&k, &m), &v)) in keys.iter().zip(&frame.month).zip(values).enumerate() {
            let m = i32::from(m);
            if m < p0 || m > p1 || !rf.keep(i) {
                continue;
            }
            if let Some(s) = sums.get_mut(k as usize) {
                *s = s.saturating_add(v.0);
                seen[k as usize] = true;
            }
        }
    }
    (sums, seen)
}

fn classify(
    frame: &Frame,
    dim: Dim,
    measure: Measure,
    sums: &[i64],
    seen: &[bool],
    thresholds: AbcThresholds,
) -> Abc {
    let members = frame.members(dim);
    let by_value = |a: &u32, b: &u32| {
        sums[*b as usize]
            .cmp(&sums[*a as usize])
            .then_with(|| members.id(*a).cmp(members.id(*b)))
    };
    let (mut positive, mut rest): (Vec<u32>, Vec<u32>) = (0..sums.len() as u32)
        .filter(|k| seen[*k as usize])
        .partition(|k| sums[*k as usize] > 0);
    positive.sort_by(by_value);
    rest.sort_by(by_value);
    let total: i128 = positive.iter().map(|k| i128::from(sums[*k as usize])).sum();
    let mut before: i128 = 0;
    let mut counts = [0u32; 3];
    let classed = positive
        .iter()
        .map(|&k| {
            let v = sums[k as usize];
            let share_before = before as f64 / total as f64;
            let class = if share_before < thresholds.a {
                AbcClass::A
            } else if share_before < thresholds.b {
                AbcClass::B
            } else {
                AbcClass::C
            };
            counts[class as usize] += 1;
            before += i128::from(v);
            AbcMember {
                key: k,
                id: members.id(k).to_string(),
                name: members.name(k).to_string(),
                value: Money(v),
                share: v as f64 / total as f64,
                cumulative: before as f64 / total as f64,
                class,
            }
        })
        .collect();
    Abc {
        dim,
        measure,
        thresholds,
        members: classed,
        inactive: rest
            .iter()
            .map(|&k| InactiveMember {
                key: k,
                id: members.id(k).to_string(),
                name: members.name(k).to_string(),
                value: Money(sums[k as usize]),
            })
            .collect(),
        total: Money(i64::try_from(total).unwrap_or(i64::MAX)),
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::*;

    /// Customers by value: C1 50, C2 30, C3 10, C4 5, C5 5, C6 0 (a sale and its return),
    /// C7 −3 (a return only). Positive total 100.
    /// cumulative before: C1 0 → A; C2 50% → A; C3 80% → B (not < 80%); C4 90% → B;
    /// C5 95% → C (ties C4/C5 by id). C6 and C7 inactive. A = 2 of 5 = 40% making 80%.
    #[test]
    fn abc_by_hand() {
        let l = ledger(&[
            ("2024-01-01", "C3", "P1", "R1", 10),
            ("2024-01-01", "C5", "P1", "R1", 5),
            ("2024-01-01", "C1", "P1", "R1", 30),
            ("2024-02-01", "C1", "P1", "R1", 20),
            ("2024-01-01", "C2", "P1", "R1", 30),
            ("2024-01-01", "C4", "P1", "R1", 5),
            ("2024-01-01", "C6", "P1", "R1", 8),
            ("2024-01-02", "C6", "P1", "R1", -8),
            ("2024-01-01", "C7", "P1", "R1", -3),
        ]);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let r = abc(
            &f,
            Dim::Customer,
            Measure::Amount,
            None,
            &Filter::all(),
            AbcThresholds::default(),
        );
        let r = r.expect("amount");
        let got: Vec<(&str, &str, f64)> = r
            .members
            .iter()
            .map(|m| {
                (
                    m.id.as_str(),
                    m.class.code(),
                    (m.cumulative * 100.0).round(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("C1", "A", 50.0),
                ("C2", "A", 80.0),
                ("C3", "B", 90.0),
                ("C4", "B", 95.0),
                ("C5", "C", 100.0)
            ]
        );
        assert_eq!(r.counts, [2, 2, 1]);
        let inactive: Vec<(&str, Money)> = r
            .inactive
            .iter()
            .map(|m| (m.id.as_str(), m.value))
            .collect();
        assert_eq!(inactive, [("C6", Money::ZERO), ("C7", Money(-3_0000))]);
        assert_eq!(r.total, Money(100_0000));
        assert_eq!(r.pareto(), Some((0.4, 0.8)));
        assert_eq!(r.top_share_for(0.9), Some((0.6, 0.9)));
        // Period: January only → C1 30, C2 30 (tie by id), C3 10, C4 5, C5 5; total 80.
        let jan = abc(
            &f,
            Dim::Customer,
            Measure::Amount,
            Some(Period::month(2024, 1)),
            &Filter::all(),
            AbcThresholds { a: 0.5, b: 0.9 },
        );
        let jan = jan.expect("amount");
        let got: Vec<(&str, &str)> = jan
            .members
            .iter()
            .map(|m| (m.id.as_str(), m.class.code()))
            .collect();
        // before: C1 0 → A; C2 37.5% → A; C3 75% → B; C4 87.5% → B; C5 93.75% → C.
        assert_eq!(
            got,
            [
                ("C1", "A"),
                ("C2", "A"),
                ("C3", "B"),
                ("C4", "B"),
                ("C5", "C")
            ]
        );
    }

    #[test]
    fn the_first_member_is_always_a() {
        let l = ledger(&[
            ("2024-01-01", "C1", "P1", "R1", 99),
            ("2024-01-01", "C2", "P1", "R1", 1),
        ]);
        let f = Frame::build(&[&l], &[], &[], &[], &[]);
        let r = abc(
            &f,
            Dim::Customer,
            Measure::Amount,
            None,
            &Filter::all(),
            AbcThresholds::default(),
        );
        let classes: Vec<AbcClass> = r.expect("amount").members.iter().map(|m| m.class).collect();
        assert_eq!(classes, [AbcClass::A, AbcClass::C]);
    }

    #[test]
    fn nothing_positive_means_no_pareto() {
        let f = Frame::default();
        let r = abc(
            &f,
            Dim::Customer,
            Measure::Amount,
            None,
            &Filter::all(),
            AbcThresholds::default(),
        );
        let r = r.expect("amount");
        assert!(r.members.is_empty());
        assert_eq!(r.pareto(), None);
    }
}
