//! Business review (生意复盘, DOMAIN §1): pure analyses over a [`Frame`], the compact
//! row-aligned form of a workspace's ledgers.
//!
//! Build the frame once ([`Frame::from_workspace`], or [`Frame::build`] for an imported file),
//! then every analysis is one pass over it:
//! - [`period`]: [`Period`] (months), [`Comparison`] (YoY, period over period, YTD) and
//!   [`growth`](period::growth).
//! - [`compare`](mod@compare): the comparison table (value, growth, share, mix change,
//!   contribution to growth, rank, index vs average), the member × month table and per-head
//!   ratios.
//! - [`abc`](mod@abc): Pareto / ABC classes.
//!
//! Money sums are exact ([`Money`](crate::Money)); ratios are `f64` fractions (0.1 = 10%).
//! A drill-down is a [`Filter`] applied in the same pass.

pub mod abc;
pub mod compare;
pub mod frame;
pub mod period;

pub use abc::{Abc, AbcClass, AbcMember, AbcThresholds, InactiveMember, abc};
pub use compare::{
    CompareRow, CompareTable, MonthlyRow, MonthlyTable, PerHead, compare, compare_by_month,
    per_head,
};
pub use frame::{Dim, Filter, Frame, Measure, Members};
pub use period::{Comparison, Period, growth};

use crate::Lang;
use std::fmt;

/// Why an analysis has no result: said to the user instead of inventing numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// Gross profit was asked for but a ledger has no cost column.
    NoCost,
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
