//! RAS fitting and controlled rounding of a 2,000 × 500 grid (customers × products), the size
//! the target issue names: `cargo bench -p sandtable-core --bench grid`.

use criterion::{Criterion, criterion_group, criterion_main};
use sandtable_core::targets::{largest_remainder, ras, round_grid};
use std::hint::black_box;

const ROWS: usize = 2_000;
const COLS: usize = 500;

/// A deterministic pseudo-random sequence (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// Last year's grid (a third of the cells empty, skewed sizes) and next year's margins: every
/// row and column grown by its own factor (0.8–1.2), shared out of one total of 10 million units
/// by largest remainders, so the margins agree but differ from the seed's.
fn case() -> (Vec<f64>, Vec<i64>, Vec<i64>) {
    let mut r = Lcg(20_270_101);
    let seed: Vec<f64> = (0..ROWS * COLS)
        .map(|_| {
            let v = r.next() % 1_000;
            if v < 333 {
                0.0
            } else {
                ((v - 333) * (v - 333)) as f64
            }
        })
        .collect();
    let total = 10_000_000i64;
    let grow = |r: &mut Lcg| 0.8 + (r.next() % 401) as f64 / 1_000.0;
    let row_w: Vec<i64> = (0..ROWS)
        .map(|i| (seed[i * COLS..(i + 1) * COLS].iter().sum::<f64>() * grow(&mut r)) as i64)
        .collect();
    let col_w: Vec<i64> = (0..COLS)
        .map(|j| ((0..ROWS).map(|i| seed[i * COLS + j]).sum::<f64>() * grow(&mut r)) as i64)
        .collect();
    let rows = largest_remainder(total, &row_w).expect("positive weights");
    let cols = largest_remainder(total, &col_w).expect("positive weights");
    (seed, rows, cols)
}

fn bench(c: &mut Criterion) {
    let (seed, rows, cols) = case();
    let mut group = c.benchmark_group("grid 2000x500");
    group.sample_size(10);
    group.bench_function("ras + controlled rounding", |b| {
        b.iter(|| {
            let fit = ras(black_box(&seed), &rows, &cols, 1e-6);
            assert!(fit.converged);
            round_grid(&fit.cells, COLS, &rows, &cols).expect("feasible")
        })
    });
    group.bench_function("ras", |b| {
        b.iter(|| ras(black_box(&seed), &rows, &cols, 1e-6))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
