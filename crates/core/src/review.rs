//! Business review (生意复盘, DOMAIN §1): pure analyses over a [`Frame`], the compact
//! row-aligned form of a workspace's ledgers.
//!
//! Build the frame once ([`Frame::from_workspace`], or [`Frame::build`] for an imported file),
//! then every analysis is one pass over it:
//! - [`period`]: [`Period`] (months), [`Comparison`] (YoY, period over period, YTD) and
//!   [`growth`].
//! - [`compare`](mod@compare): the comparison table (value, growth, share, mix change,
//!   contribution to growth, rank, index vs average), the member × month table and per-head
//!   ratios.
//! - [`abc`](mod@abc): Pareto / ABC classes.
//! - [`series`]: the monthly series, 12-month moving total, seasonality index, trend,
//!   forecast and back-test.
//! - [`funnel`](mod@funnel): the five-dimension funnel and its LMDI-I split.
//! - [`kpi`]: the KPI library and the scorecard.
//! - [`settings`]: what the workspace keeps for the review (universe per region, scorecard).
//!
//! Money sums are exact ([`Money`](crate::Money)); ratios are `f64` fractions (0.1 = 10%).
//! A drill-down is a [`Filter`] applied in the same pass.

pub mod abc;
pub mod compare;
pub mod edit;
pub mod frame;
pub mod funnel;
pub mod kpi;
pub mod period;
pub mod selection;
pub mod series;
pub mod settings;

pub use abc::{Abc, AbcClass, AbcMember, AbcThresholds, InactiveMember, abc};
pub use compare::{
    ChangeStep, CompareRow, CompareTable, MonthlyRow, MonthlyTable, PerHead, compare,
    compare_by_month, per_head,
};
pub use edit::ReviewEdit;
pub use frame::{Dim, Filter, Frame, Measure, Members};
pub use funnel::{
    Funnel, FunnelCounts, FunnelEffect, FunnelFactor, FunnelInput, FunnelProblem, funnel, log_mean,
};
pub use kpi::{
    Kpi, KpiBase, KpiDirection, ScoreLine, ScorecardItem, Status, Unit, default_scorecard,
    kpi_bases, kpi_value, score, scorecard,
};
pub use period::{Comparison, Period, default_periods, growth, growth_of, month_label};
pub use selection::{Choice, Selection, period_options, resolve};
pub use series::{Decomposition, Forecast, Series, complete_months, decompose, forecast, monthly};
pub use settings::{RegionUniverse, ReviewSettings};

use crate::Lang;
use std::fmt;

/// Why an analysis has no result: said to the user instead of inventing numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// Gross profit was asked for but a ledger has no cost column.
    NoCost,
    /// A seasonality index needs more months of data.
    TooFewMonths {
        /// Months available.
        months: u32,
        /// Months needed.
        needed: u32,
    },
    /// The series has months whose moving average or seasonal ratio is zero or negative, so
    /// a multiplicative index does not exist.
    NotPositive,
}

impl ReviewError {
    /// A message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReviewError::NoCost, Lang::Zh) => {
                "台账没有成本或毛利列，无法计算毛利。请导入带成本的台账，或改用销售额。".into()
            }
            (ReviewError::NoCost, Lang::En) => {
                "The ledger has no cost or gross-profit column, so gross profit is unknown. Import a ledger with costs, or use sales.".into()
            }
            (ReviewError::TooFewMonths { months, needed }, Lang::Zh) => format!(
                "只有 {months} 个月的数据，计算季节指数至少需要 {needed} 个月。请导入更长时间的台账。"
            ),
            (ReviewError::TooFewMonths { months, needed }, Lang::En) => format!(
                "There are only {months} months of data; a seasonality index needs at least {needed}. Import a longer ledger."
            ),
            (ReviewError::NotPositive, Lang::Zh) => {
                "有些月份的销售为零或负数，无法计算乘法季节指数。请选择销售连续的范围。".into()
            }
            (ReviewError::NotPositive, Lang::En) => {
                "Some months have zero or negative sales, so a multiplicative seasonality index does not exist. Choose a range with sales every month.".into()
            }
        }
    }
}

impl fmt::Display for ReviewError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReviewError {}

#[cfg(test)]
pub(crate) mod testing {
    use crate::ledger::{LedgerBuilder, Row};
    use crate::{Customer, CustomerKind, Date, Ledger, Money, Product};

    /// A ledger from (date, customer, product, region, amount in yuan) rows; quantity 1.
    pub fn ledger(rows: &[(&str, &str, &str, &str, i64)]) -> Ledger {
        let mut b = LedgerBuilder::new();
        for (date, c, p, r, amount) in rows {
            b.push_row(&Row {
                date: Date::parse_iso(date).unwrap_or_default(),
                customer: c,
                product: p,
                region: r,
                salesperson: "S1",
                channel: "经销商",
                quantity: Money(10_000),
                amount: Money(amount * 10_000),
                cost: None,
                order_id: "o",
            });
        }
        b.finish()
    }

    pub fn product(id: &str, name: &str, category: &str) -> Product {
        Product {
            id: id.into(),
            name: name.into(),
            category: category.into(),
            price: None,
            launched: None,
        }
    }

    pub fn customer(id: &str, name: &str, region: &str) -> Customer {
        Customer {
            id: id.into(),
            name: name.into(),
            region: region.into(),
            kind: CustomerKind::Distributor,
            tier: None,
        }
    }

    #[track_caller]
    pub fn assert_close(got: Option<f64>, want: f64) {
        match got {
            Some(g) if (g - want).abs() <= 1e-9 * want.abs().max(1.0) => {}
            _ => panic!("got {got:?}, want {want}"),
        }
    }
}
