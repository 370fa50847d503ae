//! Exact rounding (精确取整): whole units shared out so that every total stays exact.
//!
//! A vector is rounded by largest remainders (Hamilton's method): each share's whole part, then
//! one more unit to the largest fractional parts until the total is reached; ties go to the
//! earlier position, so the caller's order decides them. A grid is rounded by controlled
//! rounding: every cell goes to its floor or its ceiling while every row and every column total
//! stays exact — the cells to raise are a maximum flow from the rows' shortfalls through the
//! fractional cells to the columns' shortfalls.

use super::flow::Flow;

/// Shares `units` whole units in proportion to `weights` by largest remainders. Exact integer
/// arithmetic: the result sums to `units`, each part is the floor or the ceiling of its exact
/// quota, and a zero weight gets zero. `None` when there are units to share but no positive
/// weight (negative weights count as zero).
pub fn largest_remainder(units: i64, weights: &[i64]) -> Option<Vec<i64>> {
    let w: Vec<i128> = weights.iter().map(|&x| i128::from(x.max(0))).collect();
    let sum: i128 = w.iter().sum();
    if sum == 0 {
        return (units == 0).then(|| vec![0; weights.len()]);
    }
    let u = i128::from(units);
    let mut out = Vec::with_capacity(w.len());
    let mut rems = Vec::with_capacity(w.len());
    let mut given: i128 = 0;
    for (k, &x) in w.iter().enumerate() {
        let q = u * x;
        let (whole, rem) = (q.div_euclid(sum), q.rem_euclid(sum));
        given += whole;
        out.push(whole as i64);
        if rem > 0 {
            rems.push((rem, k));
        }
    }
    let left = (u - given) as usize;
    // The `left` largest remainders, earlier positions first among equals.
    if left > 0 {
        if left < rems.len() {
            rems.select_nth_unstable_by(left - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        for &(_, k) in rems.iter().take(left) {
            out[k] += 1;
        }
    }
    Some(out)
}

/// Why a grid could not be rounded with both margins exact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridRoundingShort {
    /// Units still missing after every allowed cell was used.
    pub missing: i64,
}

/// Controlled rounding of a row-major `rows × cols` grid of real cells whose row and column
/// sums are (to rounding error) the integer totals given: each cell becomes its floor or its
/// ceiling and every margin is met exactly. When the cells' own sums are too far from the
/// totals for floors and ceilings to suffice, cells with a positive value may move further;
/// cells at zero (structural zeros) never receive anything. `Err` says how many units could
/// not be placed (the margins are inconsistent with the grid's zeros).
pub fn round_grid(
    cells: &[f64],
    cols: usize,
    row_totals: &[i64],
    col_totals: &[i64],
) -> Result<Vec<i64>, GridRoundingShort> {
    let rows = row_totals.len();
    debug_assert_eq!(cells.len(), rows * cols);
    debug_assert_eq!(col_totals.len(), cols);
    const SNAP: f64 = 1e-9;
    let mut out: Vec<i64> = cells
        .iter()
        .map(|&x| {
            if x.is_finite() && x > 0.0 {
                (x + SNAP).floor() as i64
            } else {
                0
            }
        })
        .collect();
    let mut row_need: Vec<i64> = row_totals.to_vec();
    let mut col_need: Vec<i64> = col_totals.to_vec();
    for i in 0..rows {
        for j in 0..cols {
            let v = out[i * cols + j];
            row_need[i] -= v;
            col_need[j] -= v;
        }
    }
    // A margin already exceeded by the floors: take units back from its largest cells first
    // (only when the cells' sums are far off; never for grids that came out of a converged RAS).
    give_back(&mut out, cols, &mut row_need, &mut col_need);
    let need: i64 = row_need.iter().sum();
    if need == 0 && col_need.iter().all(|&c| c == 0) {
        return Ok(out);
    }
    let s = rows + cols;
    let t = s + 1;
    let frac_cells = cells
        .iter()
        .filter(|&&x| x.is_finite() && x > 0.0 && (x + SNAP).fract() > 2.0 * SNAP)
        .count();
    let mut flow = Flow::new(t + 1, 2 * (rows + cols + frac_cells) + 16);
    let mut row_edge = vec![usize::MAX; rows];
    let mut col_edge = vec![usize::MAX; cols];
    for (i, &r) in row_need.iter().enumerate() {
        if r > 0 {
            row_edge[i] = flow.edge(s, i, r);
        }
    }
    let mut used: Vec<(usize, usize)> = Vec::with_capacity(frac_cells);
    for i in 0..rows {
        if row_need[i] <= 0 {
            continue;
        }
        for j in 0..cols {
            let x = cells[i * cols + j];
            if col_need[j] > 0 && x.is_finite() && x > 0.0 && (x + SNAP).fract() > 2.0 * SNAP {
                used.push((i * cols + j, flow.edge(i, rows + j, 1)));
            }
        }
    }
    // Added last so that each column's arc to the sink is the first it lists (the searches
    // find the sink at once).
    for (j, &c) in col_need.iter().enumerate() {
        if c > 0 {
            col_edge[j] = flow.edge(rows + j, t, c);
        }
    }
    // Start from the cells with the largest fractions, rounded up while their row and column
    // still need units (so the rounding stays close to the fitted grid); augmenting paths
    // then finish what the greedy start leaves.
    // Ordered by fraction in 4,096 buckets (a counting sort: linear, and it never chases the
    // cells twice); within a bucket, by position.
    const BUCKETS: usize = 4_096;
    let bucket = |k: usize| {
        let f = (cells[used[k].0] + SNAP).fract();
        (BUCKETS - 1) - ((f * BUCKETS as f64) as usize).min(BUCKETS - 1)
    };
    let keys: Vec<u16> = (0..used.len()).map(|k| bucket(k) as u16).collect();
    let mut start = vec![0usize; BUCKETS + 1];
    for &b in &keys {
        start[b as usize + 1] += 1;
    }
    for b in 0..BUCKETS {
        start[b + 1] += start[b];
    }
    let mut order = vec![0u32; used.len()];
    for (k, &b) in keys.iter().enumerate() {
        order[start[b as usize]] = k as u32;
        start[b as usize] += 1;
    }
    let (mut row_left, mut col_left) = (row_need.clone(), col_need.clone());
    let mut greedy = 0i64;
    for k in order {
        let (cell, e) = used[k as usize];
        let (i, j) = (cell / cols, cell % cols);
        if row_left[i] > 0 && col_left[j] > 0 {
            row_left[i] -= 1;
            col_left[j] -= 1;
            flow.push(e, 1);
            flow.push(row_edge[i], 1);
            flow.push(col_edge[j], 1);
            greedy += 1;
        }
    }
    let mut got = greedy + flow.max_flow(s, t);
    if got < need {
        // Floors and ceilings do not suffice: let any positive cell take more.
        for i in 0..rows {
            for j in 0..cols {
                let x = cells[i * cols + j];
                if row_need[i] > 0 && col_need[j] > 0 && x.is_finite() && x > 0.0 {
                    used.push((i * cols + j, flow.edge(i, rows + j, need)));
                }
            }
        }
        got += flow.max_flow(s, t);
    }
    for &(cell, e) in &used {
        out[cell] += flow.flow_on(e);
    }
    if got < need {
        return Err(GridRoundingShort {
            missing: need - got,
        });
    }
    Ok(out)
}

/// Lowers cells of rows and columns whose floors already exceed their totals, a unit at a
/// time from the largest cell shared by an over-full row and an over-full (or any) column.
fn give_back(out: &mut [i64], cols: usize, row_need: &mut [i64], col_need: &mut [i64]) {
    for i in 0..row_need.len() {
        while row_need[i] < 0 {
            let row = &out[i * cols..(i + 1) * cols];
            let pick = (0..cols)
                .filter(|&j| row[j] > 0)
                .max_by_key(|&j| (col_need[j] < 0, row[j]));
            let Some(j) = pick else { break };
            out[i * cols + j] -= 1;
            row_need[i] += 1;
            col_need[j] += 1;
        }
    }
    for j in 0..cols {
        while col_need[j] < 0 {
            let pick = (0..row_need.len())
                .filter(|&i| out[i * cols + j] > 0)
                .max_by_key(|&i| out[i * cols + j]);
            let Some(i) = pick else { break };
            out[i * cols + j] -= 1;
            col_need[j] += 1;
            row_need[i] += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 10 units over 1:1:1 → quotas 3⅓ each; the one unit left goes to the first.
    #[test]
    fn largest_remainder_by_hand() {
        assert_eq!(largest_remainder(10, &[1, 1, 1]), Some(vec![4, 3, 3]));
        // Quotas 100 × (0.455, 0.345, 0.2) = 45.5, 34.5, 20: one unit left, the tie at .5
        // goes to the earlier position.
        assert_eq!(
            largest_remainder(100, &[455, 345, 200]),
            Some(vec![46, 34, 20])
        );
        // 7 over 5:3:2 → 3.5, 2.1, 1.4: floors 3, 2, 1 (6); the largest fraction .5 gets it.
        assert_eq!(largest_remainder(7, &[5, 3, 2]), Some(vec![4, 2, 1]));
        assert_eq!(largest_remainder(5, &[0, 2, -3]), Some(vec![0, 5, 0]));
        assert_eq!(largest_remainder(0, &[0, 0]), Some(vec![0, 0]));
        assert_eq!(largest_remainder(1, &[0, 0]), None);
        assert_eq!(largest_remainder(3, &[]), None);
    }

    /// Rows 5, 5 and columns 3, 7 over cells 1.5 3.5 / 1.5 3.5: one of the first column's
    /// cells is raised to 2, and then the other column's cell in the same row falls to 3.
    #[test]
    fn controlled_rounding_by_hand() {
        let cells = [1.5, 3.5, 1.5, 3.5];
        let out = round_grid(&cells, 2, &[5, 5], &[3, 7]).unwrap();
        assert_eq!(out[0] + out[1], 5);
        assert_eq!(out[2] + out[3], 5);
        assert_eq!(out[0] + out[2], 3);
        assert_eq!(out[1] + out[3], 7);
        for (o, c) in out.iter().zip(cells) {
            assert!((*o as f64 - c).abs() < 1.0);
        }
    }

    /// The fit of [[20, 40], [30, 10]] to rows 15, 10 and columns 13, 12 is
    /// [[5.325, 9.675], [7.675, 2.325]] (a = √40 − 1). Both [[5, 10], [8, 2]] and
    /// [[6, 9], [7, 3]] keep the margins; the first moves every cell by 0.325, the second by
    /// 0.675, so the first is the rounding.
    #[test]
    fn controlled_rounding_takes_the_nearer_grid() {
        let a = 40f64.sqrt() - 1.0;
        let cells = [a, 15.0 - a, 13.0 - a, a - 3.0];
        assert_eq!(
            round_grid(&cells, 2, &[15, 10], &[13, 12]),
            Ok(vec![5, 10, 8, 2])
        );
    }

    #[test]
    fn structural_zeros_that_cannot_take_the_margins_are_reported() {
        // Row 0 needs 2 but its only cell is in column 0, which takes 1.
        let cells = [1.0, 0.0, 0.0, 1.0];
        assert_eq!(
            round_grid(&cells, 2, &[2, 1], &[1, 2]),
            Err(GridRoundingShort { missing: 1 })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("SANDTABLE_PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000)
        ))]

        #[test]
        fn largest_remainder_keeps_the_total(
            units in 0i64..1_000_000_000,
            weights in proptest::collection::vec(0i64..10_000_000_000, 1..40),
        ) {
            let sum: i128 = weights.iter().map(|&w| i128::from(w)).sum();
            let out = largest_remainder(units, &weights);
            if sum == 0 {
                prop_assert_eq!(out.is_some(), units == 0);
            } else {
                let out = out.unwrap();
                prop_assert_eq!(out.iter().sum::<i64>(), units);
                for (o, w) in out.iter().zip(&weights) {
                    let q = i128::from(units) * i128::from(*w);
                    let floor = (q / sum) as i64;
                    prop_assert!(*o == floor || *o == floor + 1);
                    if *w == 0 { prop_assert_eq!(*o, 0); }
                }
            }
        }

        #[test]
        fn controlled_rounding_keeps_both_margins(
            rows in 1usize..12,
            cols in 1usize..12,
            seed in proptest::collection::vec(0u32..1000, 144),
            total in 0i64..100_000,
        ) {
            // Cells proportional to the seed, scaled to the total: margins are their exact sums,
            // rounded to integers by largest remainders so that they agree.
            let raw: Vec<f64> = (0..rows * cols).map(|k| f64::from(seed[k] + 1)).collect();
            let sum: f64 = raw.iter().sum();
            let cells: Vec<f64> = raw.iter().map(|x| x / sum * total as f64).collect();
            let rsum: Vec<f64> = (0..rows).map(|i| cells[i * cols..(i + 1) * cols].iter().sum()).collect();
            let csum: Vec<f64> = (0..cols).map(|j| (0..rows).map(|i| cells[i * cols + j]).sum()).collect();
            let to_w = |v: &[f64]| v.iter().map(|x| (x * 1e6).round() as i64).collect::<Vec<_>>();
            let rt = largest_remainder(total, &to_w(&rsum)).unwrap();
            let ct = largest_remainder(total, &to_w(&csum)).unwrap();
            let out = round_grid(&cells, cols, &rt, &ct).unwrap();
            for i in 0..rows {
                prop_assert_eq!(out[i * cols..(i + 1) * cols].iter().sum::<i64>(), rt[i]);
            }
            for j in 0..cols {
                prop_assert_eq!((0..rows).map(|i| out[i * cols + j]).sum::<i64>(), ct[j]);
            }
            for (o, c) in out.iter().zip(&cells) {
                prop_assert!((*o as f64 - c).abs() < 2.0, "cell {} from {}", o, c);
            }
        }
    }
}
