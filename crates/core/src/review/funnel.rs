//! The five-dimension funnel (五维漏斗, DOMAIN §1): sales = U × (C/U) × (A/C) × (D/A) × (S/D),
//! and the exact split of a change in sales across the five factors with LMDI-I (Ang 2005).

use super::frame::{Dim, Filter, Frame, RowFilter};
use super::period::Period;
use crate::{Lang, Money};
use serde::{Deserialize, Serialize};

/// A funnel factor.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelFactor {
    /// U, the outlet universe (售点总数).
    Universe,
    /// C/U, the coverage rate (覆盖率).
    Coverage,
    /// C, covered customers, used in place of universe × coverage when no universe is entered.
    Covered,
    /// A/C, the activity rate (活跃率).
    Activity,
    /// D/A, distribution depth: SKUs per active customer (铺货深度).
    Depth,
    /// S/D, productivity: sales per SKU per customer (单店单品产出).
    Productivity,
}

impl FunnelFactor {
    /// Whether the factor is a rate between 0 and 1 (coverage, activity) rather than a count or
    /// an amount.
    pub fn is_rate(self) -> bool {
        matches!(self, FunnelFactor::Coverage | FunnelFactor::Activity)
    }

    /// "universe", "coverage", "covered", "activity", "depth", "productivity".
    pub fn code(self) -> &'static str {
        match self {
            FunnelFactor::Universe => "universe",
            FunnelFactor::Coverage => "coverage",
            FunnelFactor::Covered => "covered",
            FunnelFactor::Activity => "activity",
            FunnelFactor::Depth => "depth",
            FunnelFactor::Productivity => "productivity",
        }
    }

    /// The name shown to users.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FunnelFactor::Universe => lang.pick("售点总数", "Universe"),
            FunnelFactor::Coverage => lang.pick("覆盖率", "Coverage rate"),
            FunnelFactor::Covered => lang.pick("覆盖客户数", "Covered customers"),
            FunnelFactor::Activity => lang.pick("活跃率", "Activity rate"),
            FunnelFactor::Depth => lang.pick("铺货深度", "Distribution depth"),
            FunnelFactor::Productivity => lang.pick("单店单品产出", "Productivity"),
        }
    }
}

/// What the user entered: the outlet universe, and covered customers when they know better
/// than the ledger (otherwise: customers that ordered in the trailing 12 months).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelInput {
    /// U in the current period.
    pub universe_current: Option<u64>,
    /// U in the base period.
    pub universe_base: Option<u64>,
    /// C in the current period, overriding the ledger's count.
    pub covered_current: Option<u64>,
    /// C in the base period, overriding the ledger's count.
    pub covered_base: Option<u64>,
}

/// The funnel counts of one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelCounts {
    /// The period.
    pub period: Period,
    /// U, when entered.
    pub universe: Option<u64>,
    /// C: customers with net sales > 0 in the 12 months ending with the period (or entered).
    pub covered: u64,
    /// A: customers with net sales > 0 in the period.
    pub active: u64,
    /// D: Σ over active customers of the SKUs they bought (net sales > 0) in the period.
    pub depth_pairs: u64,
    /// S: net sales in the period.
    pub sales: Money,
}

impl FunnelCounts {
    /// The value of a factor (rates as fractions, productivity in units of money); `None`
    /// when it divides by zero or needs the universe.
    pub fn factor(&self, f: FunnelFactor) -> Option<f64> {
        let div = |a: f64, b: u64| (b > 0).then(|| a / b as f64);
        match f {
            FunnelFactor::Universe => self.universe.map(|u| u as f64),
            FunnelFactor::Coverage => div(self.covered as f64, self.universe?),
            FunnelFactor::Covered => Some(self.covered as f64),
            FunnelFactor::Activity => div(self.active as f64, self.covered),
            FunnelFactor::Depth => div(self.depth_pairs as f64, self.active),
            FunnelFactor::Productivity => div(self.sales.to_f64(), self.depth_pairs),
        }
    }
}

/// One factor's part of the change in sales.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelEffect {
    /// The factor.
    pub factor: FunnelFactor,
    /// Its value in the base period.
    pub base: f64,
    /// Its value in the current period.
    pub current: f64,
    /// L(S₁, S₀) · ln(current / base), in units of money; the effects sum to S₁ − S₀.
    pub effect: f64,
}

/// Why the change cannot be split: explained, not fabricated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FunnelProblem {
    /// Sales are zero or negative in a period (logarithms need positive values).
    SalesNotPositive {
        /// The period.
        period: Period,
    },
    /// A factor is zero (or undefined) in a period.
    ZeroFactor {
        /// The factor.
        factor: FunnelFactor,
        /// The period.
        period: Period,
    },
}

impl FunnelProblem {
    /// A message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FunnelProblem::SalesNotPositive { period }, Lang::Zh) => format!(
                "{period} 的销售额为零或负数，无法把变化分解到五个因素。请选择有销售的期间。"
            ),
            (FunnelProblem::SalesNotPositive { period }, Lang::En) => format!(
                "Sales in {period} are zero or negative, so the change cannot be split across the five factors. Choose periods with sales."
            ),
            (FunnelProblem::ZeroFactor { factor, period }, Lang::Zh) => format!(
                "{period} 的{}为零，无法分解变化（对数无定义）。请检查售点总数或期间。",
                factor.label(lang)
            ),
            (FunnelProblem::ZeroFactor { factor, period }, Lang::En) => format!(
                "The {} is zero in {period}, so the change cannot be split (its logarithm is undefined). Check the universe or the periods.",
                factor.label(lang).to_lowercase()
            ),
        }
    }
}

/// The funnel of two periods and the LMDI split of the change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    /// The current period's counts.
    pub current: FunnelCounts,
    /// The base period's counts.
    pub base: FunnelCounts,
    /// S₁ − S₀.
    pub change: Money,
    /// The factors' effects, in funnel order: universe, coverage, activity, depth,
    /// productivity — or covered, activity, depth, productivity without a universe for both
    /// periods. Empty when there is a problem.
    pub effects: Vec<FunnelEffect>,
    /// Why there are no effects.
    pub problem: Option<FunnelProblem>,
}

impl Funnel {
    /// The factors the funnel's table shows, in funnel order: those with an effect, or —
    /// when there are none — universe, coverage, activity, depth and productivity when the
    /// current period has a universe, else covered, activity, depth and productivity.
    pub fn factors(&self) -> Vec<FunnelFactor> {
        use FunnelFactor::*;
        if !self.effects.is_empty() {
            return self.effects.iter().map(|e| e.factor).collect();
        }
        if self.current.universe.is_some() {
            vec![Universe, Coverage, Activity, Depth, Productivity]
        } else {
            vec![Covered, Activity, Depth, Productivity]
        }
    }
}

/// The logarithmic mean: L(a, b) = (a − b) / (ln a − ln b), L(a, a) = a (a, b > 0).
pub fn log_mean(a: f64, b: f64) -> f64 {
    let d = a.ln() - b.ln();
    if d.abs() < 1e-12 {
        (a + b) / 2.0
    } else {
        (a - b) / d
    }
}

/// The funnel of `current` and `base` (customers and SKUs from the ledger, universe as
/// entered) and the LMDI-I split of the change in sales.
pub fn funnel(
    frame: &Frame,
    current: Period,
    base: Period,
    filter: &Filter,
    input: &FunnelInput,
) -> Funnel {
    let counts = count(frame, [current, base], filter);
    let mk = |i: usize, period: Period, universe: Option<u64>, covered: Option<u64>| {
        let (c, a, d, s) = counts[i];
        FunnelCounts {
            period,
            universe,
            covered: covered.unwrap_or(c),
            active: a,
            depth_pairs: d,
            sales: Money(s),
        }
    };
    let cur = mk(0, current, input.universe_current, input.covered_current);
    let bas = mk(1, base, input.universe_base, input.covered_base);
    let factors: &[FunnelFactor] = if cur.universe.is_some() && bas.universe.is_some() {
        &[
            FunnelFactor::Universe,
            FunnelFactor::Coverage,
            FunnelFactor::Activity,
            FunnelFactor::Depth,
            FunnelFactor::Productivity,
        ]
    } else {
        &[
            FunnelFactor::Covered,
            FunnelFactor::Activity,
            FunnelFactor::Depth,
            FunnelFactor::Productivity,
        ]
    };
    let (s1, s0) = (cur.sales.to_f64(), bas.sales.to_f64());
    let mut problem = None;
    for p in [&bas, &cur] {
        if p.sales.0 <= 0 {
            problem = Some(FunnelProblem::SalesNotPositive { period: p.period });
            break;
        }
    }
    let mut effects = Vec::new();
    if problem.is_none() {
        let l = log_mean(s1, s0);
        for &f in factors {
            match (bas.factor(f), cur.factor(f)) {
                (Some(b), Some(c)) if b > 0.0 && c > 0.0 => effects.push(FunnelEffect {
                    factor: f,
                    base: b,
                    current: c,
                    effect: l * (c / b).ln(),
                }),
                (b, _) => {
                    let period = if b.is_some_and(|b| b > 0.0) {
                        current
                    } else {
                        base
                    };
                    problem = Some(FunnelProblem::ZeroFactor { factor: f, period });
                    effects.clear();
                    break;
                }
            }
        }
    }
    Funnel {
        change: Money(cur.sales.0.saturating_sub(bas.sales.0)),
        current: cur,
        base: bas,
        effects,
        problem,
    }
}

/// (covered, active, depth pairs, sales) of each period, in one pass over the rows plus one
/// pass per customer (rows grouped by a counting sort, no hashing).
fn count(frame: &Frame, periods: [Period; 2], filter: &Filter) -> [(u64, u64, u64, i64); 2] {
    let nc = frame.members(Dim::Customer).len();
    let np = frame.members(Dim::Product).len();
    let rel = |p: Period| (p.first - frame.first_month, p.last - frame.first_month);
    let windows = [
        rel(periods[0]),
        rel(periods[1]),
        (rel(periods[0]).1 - 11, rel(periods[0]).1),
        (rel(periods[1]).1 - 11, rel(periods[1]).1),
    ];
    let (kc, kp) = (frame.keys(Dim::Customer), frame.keys(Dim::Product));
    let rf = RowFilter::new(frame, filter);
    // Per-customer net sales in each window, and the rows in either period grouped by customer.
    let mut by_cust = vec![[0i64; 4]; nc];
    let mut start = vec![0u32; nc + 1];
    let mut sales = [0i64; 2];
    for (i, &m) in frame.month.iter().enumerate() {
        let m = i32::from(m);
        let inside = windows.map(|(a, b)| a <= m && m <= b);
        if !inside.iter().any(|x| *x) || !rf.keep(i) {
            continue;
        }
        let c = kc[i] as usize;
        if c >= nc {
            continue;
        }
        let a = frame.amount[i].0;
        for w in 0..4 {
            if inside[w] {
                by_cust[c][w] = by_cust[c][w].saturating_add(a);
            }
        }
        for p in 0..2 {
            if inside[p] {
                sales[p] = sales[p].saturating_add(a);
            }
        }
        if inside[0] || inside[1] {
            start[c + 1] += 1;
        }
    }
    for c in 0..nc {
        start[c + 1] += start[c];
    }
    let mut rows = vec![0u32; start[nc] as usize];
    let mut next = start.clone();
    for (i, &m) in frame.month.iter().enumerate() {
        let m = i32::from(m);
        let in_p =
            (windows[0].0 <= m && m <= windows[0].1) || (windows[1].0 <= m && m <= windows[1].1);
        if !in_p || !rf.keep(i) {
            continue;
        }
        let c = kc[i] as usize;
        if c < nc {
            rows[next[c] as usize] = i as u32;
            next[c] += 1;
        }
    }
    let mut out = [(0u64, 0u64, 0u64, 0i64); 2];
    out[0].3 = sales[0];
    out[1].3 = sales[1];
    let mut per_product = vec![[0i64; 2]; np];
    let mut touched: Vec<u32> = Vec::new();
    for c in 0..nc {
        for p in 0..2 {
            if by_cust[c][2 + p] > 0 {
                out[p].0 += 1;
            }
        }
        let active = [by_cust[c][0] > 0, by_cust[c][1] > 0];
        for p in 0..2 {
            if active[p] {
                out[p].1 += 1;
            }
        }
        if !(active[0] || active[1]) {
            continue;
        }
        for &i in &rows[start[c] as usize..start[c + 1] as usize] {
            let i = i as usize;
            let p = kp[i] as usize;
            if p >= np {
                continue;
            }
            let m = i32::from(frame.month[i]);
            if per_product[p] == [0, 0] {
                touched.push(p as u32);
            }
            for w in 0..2 {
                if windows[w].0 <= m && m <= windows[w].1 {
                    per_product[p][w] = per_product[p][w].saturating_add(frame.amount[i].0);
                }
            }
        }
        for &p in &touched {
            for w in 0..2 {
                if active[w] && per_product[p as usize][w] > 0 {
                    out[w].2 += 1;
                }
            }
            per_product[p as usize] = [0, 0];
        }
        touched.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::*;

    /// Base 2023 and current 2024 (amounts in yuan):
    ///
    /// 2023: C1 buys P1 100 and P2 100; C2 buys P1 100. C3 buys P1 50 and returns 50 (net 0).
    ///   covered C = 2 (C1, C2), active A = 2, D = 3 pairs, S = 300.
    /// 2024: C1 buys P1 200, P2 100, P3 100; C2 buys nothing; C3 buys P1 200; C4 buys P2 200.
    ///   C = 3 (C1, C3, C4), A = 3, D = 5 pairs, S = 800.
    /// Universe 10 in both years.
    /// Factors 2023 → 2024: U 10 → 10, C/U 0.2 → 0.3, A/C 1 → 1, D/A 1.5 → 5/3,
    /// S/D 100 → 160.
    /// L(800, 300) = 500 / ln(8/3) = 509.77…; effects: universe 0, coverage L·ln 1.5,
    /// activity 0, depth L·ln(10/9), productivity L·ln 1.6; sum = L·ln(8/3) = 500.
    fn sample() -> Frame {
        let l = ledger(&[
            ("2023-02-01", "C1", "P1", "R1", 100),
            ("2023-03-01", "C1", "P2", "R1", 100),
            ("2023-04-01", "C2", "P1", "R1", 100),
            ("2023-05-01", "C3", "P1", "R1", 50),
            ("2023-05-02", "C3", "P1", "R1", -50),
            ("2024-02-01", "C1", "P1", "R1", 200),
            ("2024-03-01", "C1", "P2", "R1", 100),
            ("2024-03-01", "C1", "P3", "R1", 100),
            ("2024-06-01", "C3", "P1", "R1", 200),
            ("2024-07-01", "C4", "P2", "R1", 200),
        ]);
        Frame::build(&[&l], &[], &[], &[], &[])
    }

    #[test]
    fn funnel_and_lmdi_by_hand() {
        let f = sample();
        let input = FunnelInput {
            universe_current: Some(10),
            universe_base: Some(10),
            ..FunnelInput::default()
        };
        let r = funnel(
            &f,
            Period::year(2024),
            Period::year(2023),
            &Filter::all(),
            &input,
        );
        assert_eq!(r.problem, None);
        let c = |x: &FunnelCounts| (x.covered, x.active, x.depth_pairs, x.sales);
        assert_eq!(c(&r.base), (2, 2, 3, Money(300_0000)));
        assert_eq!(c(&r.current), (3, 3, 5, Money(800_0000)));
        let l = 500.0 / (8.0f64 / 3.0).ln();
        let want = [
            (FunnelFactor::Universe, 10.0, 10.0, 0.0),
            (FunnelFactor::Coverage, 0.2, 0.3, l * 1.5f64.ln()),
            (FunnelFactor::Activity, 1.0, 1.0, 0.0),
            (
                FunnelFactor::Depth,
                1.5,
                5.0 / 3.0,
                l * (10.0f64 / 9.0).ln(),
            ),
            (FunnelFactor::Productivity, 100.0, 160.0, l * 1.6f64.ln()),
        ];
        assert_eq!(r.effects.len(), 5);
        for (e, (f, b, cu, eff)) in r.effects.iter().zip(want) {
            assert_eq!(e.factor, f);
            assert_close(Some(e.base), b);
            assert_close(Some(e.current), cu);
            assert_close(Some(e.effect), eff);
        }
        let sum: f64 = r.effects.iter().map(|e| e.effect).sum();
        assert_close(Some(sum), 500.0);
        assert_eq!(r.change, Money(500_0000));
    }

    #[test]
    fn without_a_universe_covered_customers_lead() {
        let f = sample();
        let r = funnel(
            &f,
            Period::year(2024),
            Period::year(2023),
            &Filter::all(),
            &FunnelInput::default(),
        );
        assert_eq!(
            r.factors(),
            [
                FunnelFactor::Covered,
                FunnelFactor::Activity,
                FunnelFactor::Depth,
                FunnelFactor::Productivity
            ]
        );
        let l = 500.0 / (8.0f64 / 3.0).ln();
        assert_close(Some(r.effects[0].effect), l * 1.5f64.ln());
        assert_eq!(r.current.factor(FunnelFactor::Coverage), None);
    }

    #[test]
    fn a_zero_factor_is_explained() {
        let f = sample();
        let input = FunnelInput {
            universe_current: Some(10),
            universe_base: Some(0),
            ..FunnelInput::default()
        };
        let r = funnel(
            &f,
            Period::year(2024),
            Period::year(2023),
            &Filter::all(),
            &input,
        );
        assert!(r.effects.is_empty());
        // No effects: the table still lists the factors, with the universe (current has one).
        assert_eq!(
            r.factors(),
            [
                FunnelFactor::Universe,
                FunnelFactor::Coverage,
                FunnelFactor::Activity,
                FunnelFactor::Depth,
                FunnelFactor::Productivity
            ]
        );
        let p = r.problem.expect("a problem");
        assert_eq!(
            p,
            FunnelProblem::ZeroFactor {
                factor: FunnelFactor::Universe,
                period: Period::year(2023)
            }
        );
        assert_eq!(
            p.message(Lang::En),
            "The universe is zero in 2023, so the change cannot be split (its logarithm is undefined). Check the universe or the periods."
        );
        let r = funnel(
            &f,
            Period::year(2024),
            Period::year(2022),
            &Filter::all(),
            &FunnelInput::default(),
        );
        assert_eq!(
            r.factors()[0],
            FunnelFactor::Covered,
            "no universe: covered leads"
        );
        assert_eq!(
            r.problem,
            Some(FunnelProblem::SalesNotPositive {
                period: Period::year(2022)
            })
        );
        assert_eq!(
            r.problem.map(|p| p.message(Lang::Zh)).as_deref(),
            Some("2022 的销售额为零或负数，无法把变化分解到五个因素。请选择有销售的期间。")
        );
    }

    #[test]
    fn trailing_twelve_months_define_coverage() {
        // The quarter 2024-Q1 looks back over 2023-04 … 2024-03: C1 (2024-02, 03) and C2
        // (2023-04) are covered, C3 is not (its 2023-05 sale was returned); only C1 is active,
        // with 3 SKUs.
        let f = sample();
        let q = Period::parse("2024-Q1").expect("period");
        let r = funnel(&f, q, q.shift(-12), &Filter::all(), &FunnelInput::default());
        assert_eq!(
            (r.current.covered, r.current.active, r.current.depth_pairs),
            (2, 1, 3)
        );
    }

    #[test]
    fn log_mean_of_equal_values_is_the_value() {
        assert_eq!(log_mean(5.0, 5.0), 5.0);
        assert_close(Some(log_mean(8.0, 2.0)), 6.0 / 4.0f64.ln());
    }
}
