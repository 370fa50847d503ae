//! Iterative proportional fitting (RAS, 双向比例调整): a seed grid scaled by row and column
//! factors until its row sums and column sums match given totals, keeping the seed's pattern
//! (its zeros stay zero, its ratios within a row move only by the column factors).
//!
//! RAS converges exactly when some grid with the seed's zeros has the requested margins; that
//! is a transportation problem. When the fit has not converged after [`CHECK_AFTER`]
//! iterations, a maximum flow checks it, so that an infeasible request (structural zeros that
//! cannot carry a row's or a column's total) is reported with the margins it cannot meet
//! instead of iterating to the limit; a grid that converges early never pays for the check.

use super::flow::Flow;

/// The result of [`ras`].
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// The fitted cells, row-major.
    pub cells: Vec<f64>,
    /// Full iterations (a row scaling and a column scaling each) performed.
    pub iterations: u32,
    /// Whether every row and column sum is within the tolerance of its total.
    pub converged: bool,
    /// The largest remaining difference between a row sum and its total.
    pub max_error: f64,
    /// When no grid with the seed's zeros has these margins: the rows and columns that cannot
    /// all be met (the side of the smallest cut), else empty.
    pub infeasible_rows: Vec<usize>,
    /// See `infeasible_rows`.
    pub infeasible_cols: Vec<usize>,
}

/// The iteration limit of [`ras`].
pub const MAX_ITERATIONS: u32 = 1_000;

/// Iterations after which a fit that has not converged is checked for feasibility.
pub const CHECK_AFTER: u32 = 50;

/// Fits the row-major `seed` (`row_totals.len()` rows × `col_totals.len()` columns, cells ≥ 0)
/// to the integer margins given (their sums must agree), to within `tolerance` on every row.
pub fn ras(seed: &[f64], row_totals: &[i64], col_totals: &[i64], tolerance: f64) -> Fitted {
    let rows = row_totals.len();
    let cols = col_totals.len();
    debug_assert_eq!(seed.len(), rows * cols);
    let mut x: Vec<f64> = seed
        .iter()
        .map(|&v| if v.is_finite() && v > 0.0 { v } else { 0.0 })
        .collect();
    let (mut bad_rows, mut bad_cols) = (Vec::new(), Vec::new());
    let r: Vec<f64> = row_totals.iter().map(|&v| v as f64).collect();
    let c: Vec<f64> = col_totals.iter().map(|&v| v as f64).collect();
    let mut row_sum = vec![0.0f64; rows];
    let mut col_sum = vec![0.0f64; cols];
    for i in 0..rows {
        row_sum[i] = x[i * cols..(i + 1) * cols].iter().sum();
    }
    let mut iterations = 0;
    let mut max_error = f64::INFINITY;
    while iterations < MAX_ITERATIONS {
        if iterations == CHECK_AFTER {
            (bad_rows, bad_cols) = infeasible(seed, row_totals, col_totals);
            if !bad_rows.is_empty() || !bad_cols.is_empty() {
                // The fit so far is as near as it gets; say which margins cannot be met.
                break;
            }
        }
        iterations += 1;
        // Rows to their totals, accumulating the column sums in the same pass.
        col_sum.iter_mut().for_each(|s| *s = 0.0);
        for i in 0..rows {
            let f = if row_sum[i] > 0.0 {
                r[i] / row_sum[i]
            } else {
                0.0
            };
            let row = &mut x[i * cols..(i + 1) * cols];
            for (v, s) in row.iter_mut().zip(col_sum.iter_mut()) {
                *v *= f;
                *s += *v;
            }
        }
        // Columns to theirs, accumulating the row sums.
        let g: Vec<f64> = c
            .iter()
            .zip(&col_sum)
            .map(|(&t, &s)| if s > 0.0 { t / s } else { 0.0 })
            .collect();
        max_error = 0.0;
        for i in 0..rows {
            let row = &mut x[i * cols..(i + 1) * cols];
            let mut s = 0.0;
            for (v, f) in row.iter_mut().zip(&g) {
                *v *= f;
                s += *v;
            }
            row_sum[i] = s;
            max_error = f64::max(max_error, (s - r[i]).abs());
        }
        if max_error <= tolerance {
            break;
        }
    }
    Fitted {
        cells: x,
        iterations,
        converged: max_error <= tolerance && bad_rows.is_empty() && bad_cols.is_empty(),
        max_error,
        infeasible_rows: bad_rows,
        infeasible_cols: bad_cols,
    }
}

/// Whether some grid with the seed's zeros meets the margins: a maximum flow from the rows'
/// totals through the seed's positive cells to the columns' totals. When it falls short, the
/// rows and columns still reachable from the source in the residual network are the minimum
/// cut's side: those rows need more than those columns (the only ones their cells reach) hold.
fn infeasible(x: &[f64], row_totals: &[i64], col_totals: &[i64]) -> (Vec<usize>, Vec<usize>) {
    let rows = row_totals.len();
    let cols = col_totals.len();
    let need: i64 = row_totals.iter().sum();
    let need_cols: i64 = col_totals.iter().sum();
    // A dense seed (every cell of a row with a total, in a column with a total, positive)
    // always fits when the margins agree.
    let dense = (0..rows).all(|i| {
        row_totals[i] == 0 || (0..cols).all(|j| col_totals[j] == 0 || x[i * cols + j] > 0.0)
    });
    if need == need_cols && dense && (0..rows).all(|i| row_totals[i] == 0 || cols > 0) {
        return (Vec::new(), Vec::new());
    }
    let s = rows + cols;
    let t = s + 1;
    let mut flow = Flow::new(
        t + 1,
        2 * (rows + cols) + 2 * x.iter().filter(|&&v| v > 0.0).count(),
    );
    for (i, &r) in row_totals.iter().enumerate() {
        if r > 0 {
            flow.edge(s, i, r);
        }
    }
    for (j, &c) in col_totals.iter().enumerate() {
        if c > 0 {
            flow.edge(rows + j, t, c);
        }
    }
    let cap = need.max(need_cols);
    for i in 0..rows {
        for j in 0..cols {
            if x[i * cols + j] > 0.0 && row_totals[i] > 0 && col_totals[j] > 0 {
                flow.edge(i, rows + j, cap);
            }
        }
    }
    let got = flow.max_flow(s, t);
    if got == need && got == need_cols {
        return (Vec::new(), Vec::new());
    }
    let reach = flow.reachable(s);
    let bad_rows = (0..rows)
        .filter(|&i| row_totals[i] > 0 && reach[i])
        .collect::<Vec<_>>();
    let bad_cols = (0..cols)
        .filter(|&j| col_totals[j] > 0 && reach[rows + j])
        .collect::<Vec<_>>();
    if bad_rows.is_empty() && bad_cols.is_empty() {
        // The margins' sums disagree: every row and column is in question.
        return (
            (0..rows).filter(|&i| row_totals[i] > 0).collect(),
            (0..cols).filter(|&j| col_totals[j] > 0).collect(),
        );
    }
    (bad_rows, bad_cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed [[1, 1], [1, 3]] to rows 4, 6 and columns 3, 7. The fitted grid is the one with
    /// cross-ratio x₀₀x₁₁ / (x₀₁x₁₀) = 3 (the seed's); with a = x₀₀: a(3 + a) = 3(4 − a)(3 − a)
    /// → 2a² − 24a + 36 = 0 → a = 6 − 3√2 ≈ 1.7574.
    #[test]
    fn a_two_by_two_by_hand() {
        let f = ras(&[1.0, 1.0, 1.0, 3.0], &[4, 6], &[3, 7], 1e-9);
        assert!(f.converged);
        let a = 6.0 - 3.0 * 2f64.sqrt();
        let want = [a, 4.0 - a, 3.0 - a, 3.0 + a];
        for (got, want) in f.cells.iter().zip(want) {
            assert!((got - want).abs() < 1e-7, "{got} vs {want}");
        }
        assert!(f.iterations > 1);
    }

    /// Row 0 may only use column 0 (total 1) but needs 2: rows {0} and columns {0} are named.
    #[test]
    fn structural_zeros_that_make_it_infeasible_are_named() {
        let f = ras(&[1.0, 0.0, 1.0, 1.0], &[2, 1], &[1, 2], 1e-9);
        assert!(!f.converged);
        assert_eq!(f.infeasible_rows, vec![0]);
        assert_eq!(f.infeasible_cols, vec![0]);
    }

    /// Zeros that still leave room: [[1, 0], [1, 1]] to rows 1, 2 and columns 2, 1 has the
    /// unique fit [[1, 0], [1, 1]].
    #[test]
    fn feasible_with_zeros() {
        let f = ras(&[5.0, 0.0, 1.0, 1.0], &[1, 2], &[2, 1], 1e-9);
        assert!(f.converged, "{f:?}");
        assert!(f.cells[1] == 0.0);
        assert!((f.cells[0] - 1.0).abs() < 1e-6 && (f.cells[2] - 1.0).abs() < 1e-6);
    }
}
