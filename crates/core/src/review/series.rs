//! Time series (时间序列, DOMAIN §1): the monthly series, its 12-month moving total, the
//! classical multiplicative decomposition (centred 2×12 moving average → seasonality index),
//! the least-squares trend of the de-seasonalised series, the forecast (trend × index) and its
//! back-test (the last 6 months held out, MAPE).

use super::ReviewError;
use super::frame::{Filter, Frame, Measure, RowFilter};
use crate::{Date, Money};
use serde::{Deserialize, Serialize};

/// Months of data needed for a seasonality index: two full years.
pub const MIN_MONTHS: u32 = 24;
/// Months held out by the back-test.
pub const BACKTEST_MONTHS: u32 = 6;

/// A monthly series: one value per month from `first_month`, zero-filled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// The month number ([`Date::month_index`]) of `values[0]`.
    pub first_month: i32,
    /// The value of each month.
    pub values: Vec<Money>,
}

/// The monthly series of `measure` over the frame's months (first to last month with rows).
pub fn monthly(frame: &Frame, measure: Measure, filter: &Filter) -> Result<Series, ReviewError> {
    let values = frame.measure(measure).ok_or(ReviewError::NoCost)?;
    let mut sums = vec![0i64; frame.months as usize];
    let rf = RowFilter::new(frame, filter);
    if rf.is_empty() {
        for (&m, &v) in frame.month.iter().zip(values) {
            if let Some(s) = sums.get_mut(m as usize) {
                *s = s.saturating_add(v.0);
            }
        }
    } else {
        for (i, (&m, &v)) in frame.month.iter().zip(values).enumerate() {
            if rf.keep(i)
                && let Some(s) = sums.get_mut(m as usize)
            {
                *s = s.saturating_add(v.0);
            }
        }
    }
    Ok(Series {
        first_month: frame.first_month,
        values: sums.into_iter().map(Money).collect(),
    })
}

impl Series {
    /// The number of months.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no months.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The (year, month) of value `i`.
    pub fn year_month(&self, i: usize) -> (i32, u32) {
        Date::from_month_index(self.first_month + i as i32)
    }

    /// "2019-03" for value `i`.
    pub fn label(&self, i: usize) -> String {
        super::period::month_label(self.first_month + i as i32)
    }

    /// The months up to and including `last_month` (e.g. to leave out a month still in progress).
    pub fn through(&self, last_month: i32) -> Series {
        let keep =
            (i64::from(last_month) - i64::from(self.first_month) + 1).clamp(0, self.len() as i64);
        Series {
            first_month: self.first_month,
            values: self.values[..keep as usize].to_vec(),
        }
    }

    /// Without the leading and trailing months whose value is zero.
    pub fn trimmed(&self) -> Series {
        let Some(a) = self.values.iter().position(|v| *v != Money::ZERO) else {
            return Series {
                first_month: self.first_month,
                values: Vec::new(),
            };
        };
        let b = self
            .values
            .iter()
            .rposition(|v| *v != Money::ZERO)
            .unwrap_or(a);
        Series {
            first_month: self.first_month + a as i32,
            values: self.values[a..=b].to_vec(),
        }
    }

    /// The 12-month moving total (滚动年): the sum of each month and the 11 before it;
    /// `None` for the first 11 months.
    pub fn moving_total(&self) -> Vec<Option<Money>> {
        let mut out = Vec::with_capacity(self.len());
        let mut sum = 0i64;
        for (i, v) in self.values.iter().enumerate() {
            sum = sum.saturating_add(v.0);
            if i >= 12 {
                sum = sum.saturating_sub(self.values[i - 12].0);
            }
            out.push((i >= 11).then_some(Money(sum)));
        }
        out
    }
}

/// The series a time-series analysis (trend, seasonality, forecast) reads: the monthly values
/// through the frame's last complete month (a month still in progress would read as a
/// collapse), without leading and trailing zero months.
pub fn complete_months(
    frame: &Frame,
    measure: Measure,
    filter: &Filter,
) -> Result<Series, ReviewError> {
    let s = monthly(frame, measure, filter)?;
    let s = match frame.last_complete_month() {
        Some(m) => s.through(m),
        None => s,
    };
    Ok(s.trimmed())
}

/// The classical multiplicative decomposition of a monthly series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decomposition {
    /// The month number of the first month used.
    pub first_month: i32,
    /// The number of months used.
    pub months_used: u32,
    /// The seasonality index of each calendar month, January first; they average 100.
    pub indices: [f64; 12],
    /// The centred 2×12 moving average of each month (`None` for the first and last 6).
    pub moving_average: Vec<Option<f64>>,
    /// The de-seasonalised series: value / (index / 100), in units.
    pub deseasonalised: Vec<f64>,
    /// The least-squares trend of the de-seasonalised series: `intercept + slope × t`, with
    /// t = 0 at the first month used, in units per month.
    pub intercept: f64,
    /// See `intercept`.
    pub slope: f64,
}

impl Decomposition {
    /// The trend at month offset `t` from the first month used.
    pub fn trend(&self, t: f64) -> f64 {
        self.intercept + self.slope * t
    }

    /// The index of a month number.
    pub fn index_of(&self, month: i32) -> f64 {
        self.indices[month.rem_euclid(12) as usize]
    }

    /// The fitted value of month number `month` (inside the months used or beyond them):
    /// trend × index / 100, never below zero.
    pub fn fitted(&self, month: i32) -> f64 {
        let t = f64::from(month - self.first_month);
        (self.trend(t) * self.index_of(month) / 100.0).max(0.0)
    }

    /// The forecast of the `h`-th month after the last month used (h = 1 is the next month):
    /// the [fitted](Decomposition::fitted) value of that month.
    pub fn forecast(&self, h: u32) -> f64 {
        self.fitted(self.first_month + self.months_used as i32 - 1 + h as i32)
    }
}

/// Decomposes the series (all its months; trim or cut it first as needed). Fewer than 24
/// months, or months where the moving average or an index is not positive, give an error
/// value instead of an index.
pub fn decompose(series: &Series) -> Result<Decomposition, ReviewError> {
    let n = series.len();
    if n < MIN_MONTHS as usize {
        return Err(ReviewError::TooFewMonths {
            months: n as u32,
            needed: MIN_MONTHS,
        });
    }
    let y: Vec<f64> = series.values.iter().map(|v| v.to_f64()).collect();
    let mut ma = vec![None; n];
    let mut ratio_sum = [0.0f64; 12];
    let mut ratio_count = [0u32; 12];
    // Running 12-month sum for the centred average.
    for t in 6..n - 6 {
        let inner: f64 = y[t - 5..=t + 5].iter().sum();
        let avg = (0.5 * y[t - 6] + inner + 0.5 * y[t + 6]) / 12.0;
        ma[t] = Some(avg);
        if avg > 0.0 {
            let c = (series.first_month + t as i32).rem_euclid(12) as usize;
            ratio_sum[c] += y[t] / avg;
            ratio_count[c] += 1;
        }
    }
    if ratio_count.contains(&0) {
        return Err(ReviewError::NotPositive);
    }
    let mut avg = [0.0f64; 12];
    for c in 0..12 {
        avg[c] = ratio_sum[c] / f64::from(ratio_count[c]);
    }
    let mean = avg.iter().sum::<f64>() / 12.0;
    if mean <= 0.0 || avg.iter().any(|a| *a <= 0.0) {
        return Err(ReviewError::NotPositive);
    }
    let indices = avg.map(|a| a / mean * 100.0);
    let deseasonalised: Vec<f64> = y
        .iter()
        .enumerate()
        .map(|(t, v)| {
            v / (indices[(series.first_month + t as i32).rem_euclid(12) as usize] / 100.0)
        })
        .collect();
    let (intercept, slope) = least_squares(&deseasonalised);
    Ok(Decomposition {
        first_month: series.first_month,
        months_used: n as u32,
        indices,
        moving_average: ma,
        deseasonalised,
        intercept,
        slope,
    })
}

/// The least-squares line through (t, y_t), t = 0, 1, …: (intercept, slope).
fn least_squares(y: &[f64]) -> (f64, f64) {
    let n = y.len() as f64;
    if y.is_empty() {
        return (0.0, 0.0);
    }
    let t_mean = (n - 1.0) / 2.0;
    let y_mean = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in y.iter().enumerate() {
        let dt = t as f64 - t_mean;
        sxy += dt * (v - y_mean);
        sxx += dt * dt;
    }
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    (y_mean - slope * t_mean, slope)
}

/// A forecast month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastMonth {
    /// The month number.
    pub month: i32,
    /// The forecast value, in units (yuan or cases).
    pub value: f64,
}

/// A back-tested month: what happened and what the model fitted without it said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BacktestMonth {
    /// The month number.
    pub month: i32,
    /// The actual value, in units.
    pub actual: f64,
    /// The forecast, in units.
    pub forecast: f64,
}

/// The forecast and its back-test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The decomposition of the whole series.
    pub decomposition: Decomposition,
    /// The months after the series.
    pub months: Vec<ForecastMonth>,
    /// The last 6 months forecast by the model fitted on the months before them; empty when
    /// those earlier months are fewer than 24.
    pub backtest: Vec<BacktestMonth>,
    /// Mean absolute percentage error of the back-test (a fraction, 0.05 = 5%), over the
    /// held-out months whose actual value is not 0; `None` without a back-test.
    pub backtest_mape: Option<f64>,
}

/// Forecasts `horizon` months after the series and back-tests the model on its last 6 months.
pub fn forecast(series: &Series, horizon: u32) -> Result<Forecast, ReviewError> {
    let decomposition = decompose(series)?;
    let last = series.first_month + series.len() as i32 - 1;
    let months = (1..=horizon)
        .map(|h| ForecastMonth {
            month: last + h as i32,
            value: decomposition.forecast(h),
        })
        .collect();
    let held = BACKTEST_MONTHS as usize;
    let mut backtest = Vec::new();
    let mut backtest_mape = None;
    if series.len() >= MIN_MONTHS as usize + held {
        let train = Series {
            first_month: series.first_month,
            values: series.values[..series.len() - held].to_vec(),
        };
        if let Ok(d) = decompose(&train) {
            let start = train.len();
            for h in 1..=held as u32 {
                let i = start + h as usize - 1;
                backtest.push(BacktestMonth {
                    month: series.first_month + i as i32,
                    actual: series.values[i].to_f64(),
                    forecast: d.forecast(h),
                });
            }
            let errors: Vec<f64> = backtest
                .iter()
                .filter(|b| b.actual != 0.0)
                .map(|b| ((b.actual - b.forecast) / b.actual).abs())
                .collect();
            if !errors.is_empty() {
                backtest_mape = Some(errors.iter().sum::<f64>() / errors.len() as f64);
            }
        }
    }
    Ok(Forecast {
        decomposition,
        months,
        backtest,
        backtest_mape,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(first_month: i32, values: &[f64]) -> Series {
        Series {
            first_month,
            values: values
                .iter()
                .map(|v| Money((v * 10_000.0).round() as i64))
                .collect(),
        }
    }

    #[test]
    fn moving_total_sums_the_last_twelve_months() {
        let s = series(2020 * 12, &(1..=14).map(f64::from).collect::<Vec<_>>());
        let mt = s.moving_total();
        assert_eq!(mt[10], None);
        assert_eq!(mt[11], Some(Money(78_0000))); // 1 + … + 12
        assert_eq!(mt[12], Some(Money(90_0000))); // 2 + … + 13
        assert_eq!(mt[13], Some(Money(102_0000)));
        assert_eq!(s.label(13), "2021-02");
    }

    #[test]
    fn fewer_than_24_months_is_an_error_value() {
        let s = series(2020 * 12, &[100.0; 23]);
        assert_eq!(
            decompose(&s).err(),
            Some(ReviewError::TooFewMonths {
                months: 23,
                needed: 24
            })
        );
        assert!(forecast(&s, 12).is_err());
    }

    /// A flat series with a pure seasonal pattern: every January is 120 and every July 80,
    /// the other months 100. The 2×12 moving average of such a series is exactly 100 (each
    /// window holds one January and one July, or two halves of each), so the ratios are
    /// 1.2, 0.8 and 1.0; they average 1.0, so the indices are 120, 80 and 100 exactly.
    /// The de-seasonalised series is flat at 100: trend 100 + 0·t, forecast = 100 × index.
    #[test]
    fn pure_seasonal_pattern_by_hand() {
        let pattern: Vec<f64> = (0..36)
            .map(|t| match t % 12 {
                0 => 120.0,
                6 => 80.0,
                _ => 100.0,
            })
            .collect();
        let s = series(2020 * 12, &pattern);
        let d = decompose(&s).expect("36 months");
        for (c, idx) in d.indices.iter().enumerate() {
            let want = match c {
                0 => 120.0,
                6 => 80.0,
                _ => 100.0,
            };
            assert!((idx - want).abs() < 1e-9, "{c}: {idx}");
        }
        assert_eq!(d.moving_average[5], None);
        assert!(d.moving_average[6].is_some_and(|m| (m - 100.0).abs() < 1e-9));
        assert!((d.intercept - 100.0).abs() < 1e-9 && d.slope.abs() < 1e-9);
        let f = forecast(&s, 12).expect("36 months");
        assert_eq!(f.months.len(), 12);
        assert_eq!(f.months[0].month, 2023 * 12);
        assert!((f.months[0].value - 120.0).abs() < 1e-9);
        assert!((f.months[6].value - 80.0).abs() < 1e-9);
        assert_eq!(f.backtest.len(), 6);
        assert!(f.backtest_mape.is_some_and(|m| m < 1e-9));
    }

    /// A linear trend 100 + 2t with no season: the indices are 100 for every month
    /// (the centred average of a straight line is the line itself) and the trend is recovered.
    #[test]
    fn linear_trend_by_hand() {
        let s = series(
            2019 * 12 + 3,
            &(0..30)
                .map(|t| 100.0 + 2.0 * f64::from(t))
                .collect::<Vec<_>>(),
        );
        let f = forecast(&s, 3).expect("30 months");
        let d = &f.decomposition;
        assert!(
            d.indices.iter().all(|i| (i - 100.0).abs() < 1e-9),
            "{:?}",
            d.indices
        );
        assert!((d.slope - 2.0).abs() < 1e-9 && (d.intercept - 100.0).abs() < 1e-9);
        assert!((f.months[0].value - 160.0).abs() < 1e-9);
        // Back-test: fitted on the first 24 months, the line continues exactly.
        assert!(f.backtest_mape.is_some_and(|m| m < 1e-9));
        assert_eq!(f.backtest[0].month, 2019 * 12 + 3 + 24);
    }

    /// A falling line 100 − 5t: the fitted value is the line inside the months used and beyond
    /// them, and 0 (never negative) once the line crosses zero.
    #[test]
    fn fitted_values_follow_the_line_and_stop_at_zero() {
        let first = 2019 * 12;
        let s = series(
            first,
            &(0..24)
                .map(|t| 100.0 - 3.0 * f64::from(t))
                .collect::<Vec<_>>(),
        );
        let d = decompose(&s).expect("24 months");
        assert!((d.fitted(first) - 100.0).abs() < 1e-9);
        assert!((d.fitted(first + 10) - 70.0).abs() < 1e-9);
        // t = 40: 100 − 120 < 0.
        assert_eq!(d.fitted(first + 40), 0.0);
        assert_eq!(d.forecast(1), d.fitted(first + 24));
        assert_eq!(d.forecast(20), 0.0);
    }

    /// A time series stops at the last complete month: a ledger whose last row is on 5 March
    /// leaves March out; one ending on 30 April keeps April; zero months at either end go.
    #[test]
    fn complete_months_leave_out_the_month_in_progress() {
        use crate::review::testing::ledger;
        let rows = [
            ("2024-01-10", "C1", "P1", "R1", 0),
            ("2024-02-10", "C1", "P1", "R1", 5),
            ("2024-03-10", "C1", "P1", "R1", 7),
            ("2024-04-05", "C1", "P1", "R1", 9),
        ];
        let f = Frame::build(&[&ledger(&rows)], &[], &[], &[], &[]);
        let s = complete_months(&f, Measure::Amount, &Filter::all()).unwrap();
        assert_eq!(s.first_month, 2024 * 12 + 1);
        assert_eq!(s.len(), 2, "February and March; April is in progress");
        let mut full = rows.to_vec();
        full.push(("2024-04-30", "C1", "P1", "R1", 1));
        let f = Frame::build(&[&ledger(&full)], &[], &[], &[], &[]);
        let s = complete_months(&f, Measure::Amount, &Filter::all()).unwrap();
        assert_eq!((s.first_month, s.len()), (2024 * 12 + 1, 3));
    }

    /// 24 to 29 months: an index and a forecast, but too few months to hold 6 out.
    #[test]
    fn no_backtest_below_thirty_months() {
        let s = series(2020 * 12, &[100.0; 29]);
        let f = forecast(&s, 1).expect("29 months");
        assert!(f.backtest.is_empty());
        assert_eq!(f.backtest_mape, None);
    }

    #[test]
    fn zero_months_give_an_error_not_an_index() {
        let mut v = vec![100.0; 36];
        for t in (0..36).step_by(12) {
            v[t] = 0.0; // January never sells: its index would be 0
        }
        assert_eq!(
            decompose(&series(2020 * 12, &v)).err(),
            Some(ReviewError::NotPositive)
        );
        assert_eq!(
            decompose(&series(2020 * 12, &[0.0; 36])).err(),
            Some(ReviewError::NotPositive)
        );
    }

    #[test]
    fn trimmed_and_through_cut_the_series() {
        let s = series(2020 * 12, &[0.0, 1.0, 0.0, 2.0, 0.0]);
        let t = s.trimmed();
        assert_eq!((t.first_month, t.len()), (2020 * 12 + 1, 3));
        assert_eq!(s.through(2020 * 12 + 1).len(), 2);
        assert_eq!(s.through(2019 * 12).len(), 0);
        assert!(series(0, &[0.0, 0.0]).trimmed().is_empty());
    }
}
