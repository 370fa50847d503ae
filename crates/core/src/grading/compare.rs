//! Two scales (a personal and the company version) on the same customers: the grade
//! confusion matrix and the customers who move.

use super::{Dec, MemberScore, Scale};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The comparison of scale A (rows) with scale B (columns).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleComparison {
    /// A's grades, best first (row labels).
    pub grades_a: Vec<String>,
    /// B's grades, best first (column labels).
    pub grades_b: Vec<String>,
    /// `cells[i][j]`: customers graded `grades_a[i]` by A and `grades_b[j]` by B.
    pub cells: Vec<Vec<usize>>,
    /// Customers given the same grade position by both (the matrix's diagonal).
    pub same: usize,
    /// Customers unrated by A or B (not in `cells`).
    pub unrated: usize,
    /// Customers off the diagonal, biggest moves first (then upward moves, then by id).
    pub movers: Vec<Mover>,
}

/// A customer graded differently by the two scales.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mover {
    /// The customer id.
    pub customer: String,
    /// A's grade and score.
    pub grade_a: String,
    /// A's score.
    pub score_a: Dec,
    /// B's grade.
    pub grade_b: String,
    /// B's score.
    pub score_b: Dec,
    /// Grades moved: positive when B grades the customer better (A's position − B's).
    pub shift: i64,
}

/// Compares the scores of two scales over the same customers (matched by id).
pub fn compare(
    a: &Scale,
    scores_a: &[MemberScore],
    b: &Scale,
    scores_b: &[MemberScore],
) -> ScaleComparison {
    let grades_a = a.grade_labels();
    let grades_b = b.grade_labels();
    let mut cells = vec![vec![0usize; grades_b.len()]; grades_a.len()];
    let by_id: HashMap<&str, &MemberScore> =
        scores_b.iter().map(|s| (s.customer.as_str(), s)).collect();
    let mut out = ScaleComparison::default();
    for sa in scores_a {
        let sb = by_id.get(sa.customer.as_str());
        let pa = sa
            .grade
            .as_ref()
            .and_then(|g| grades_a.iter().position(|x| x == g));
        let pb = sb
            .and_then(|s| s.grade.as_ref())
            .and_then(|g| grades_b.iter().position(|x| x == g));
        let (Some(i), Some(j), Some(sb)) = (pa, pb, sb) else {
            out.unrated += 1;
            continue;
        };
        cells[i][j] += 1;
        if i == j {
            out.same += 1;
            continue;
        }
        out.movers.push(Mover {
            customer: sa.customer.clone(),
            grade_a: grades_a[i].clone(),
            score_a: sa.score.unwrap_or_default(),
            grade_b: grades_b[j].clone(),
            score_b: sb.score.unwrap_or_default(),
            shift: i as i64 - j as i64,
        });
    }
    out.movers.sort_by(|x, y| {
        y.shift
            .abs()
            .cmp(&x.shift.abs())
            .then(y.shift.cmp(&x.shift))
            .then(x.customer.cmp(&y.customer))
    });
    out.grades_a = grades_a;
    out.grades_b = grades_b;
    out.cells = cells;
    out
}
