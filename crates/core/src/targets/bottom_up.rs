//! The strategy-led, bottom-up plan (策略引领型, DOMAIN §2): per customer, the wallet (their
//! whole purchase of the category), our share of it, and the share we aim for, so that the
//! customer's target = wallet × target share, checked against the customer's own growth over
//! three years; new-customer development by class (count × expected first-year sales); and
//! new product × new market opportunities on the Ansoff grid. Their sum is the bottom-up source.

use serde::{Deserialize, Serialize};

use super::basis::{BasisError, SplitDim, history};
use crate::review::{Dim, Frame, Measure};
use crate::{Dec, Lang, Money};

/// How far a customer's planned growth may stray from their own average growth of the last two
/// years before it is flagged: 30 percentage points either way.
pub const SANITY_BAND: f64 = 0.30;

/// The most rows each list keeps.
pub const MAX_ROWS: usize = 10_000;

/// What the user entered for the bottom-up plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BottomUpInput {
    /// Customers with a wallet and a target share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<CustomerPlan>,
    /// New customers to develop, by class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_customers: Vec<NewCustomers>,
    /// New product and new market opportunities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<Opportunity>,
}

impl BottomUpInput {
    /// Whether nothing is entered (the field is then left out of the file).
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.new_customers.is_empty() && self.opportunities.is_empty()
    }
}

/// One customer's plan: their wallet and the share of it we aim for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPlan {
    /// The customer's id.
    pub id: String,
    /// Their whole purchase of the category in the plan year, from every supplier.
    pub wallet: Money,
    /// The share of it we aim for, in percent.
    pub target_share: Dec,
}

/// New customers of one class to develop in the plan year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomers {
    /// The class (a grade such as A/B/C, or a channel).
    pub class: String,
    /// How many.
    pub count: u32,
    /// Expected first-year sales of each.
    pub first_year: Money,
}

/// A quadrant of the Ansoff grid (product × market).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ansoff {
    /// Existing products in existing markets (市场渗透).
    Penetration,
    /// Existing products in new markets (市场开发).
    MarketDevelopment,
    /// New products in existing markets (产品开发).
    ProductDevelopment,
    /// New products in new markets (多元化).
    Diversification,
}

impl Ansoff {
    /// The four, in grid order: existing market row first.
    pub const ALL: [Ansoff; 4] = [
        Ansoff::Penetration,
        Ansoff::ProductDevelopment,
        Ansoff::MarketDevelopment,
        Ansoff::Diversification,
    ];

    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            Ansoff::Penetration => "penetration",
            Ansoff::MarketDevelopment => "market-development",
            Ansoff::ProductDevelopment => "product-development",
            Ansoff::Diversification => "diversification",
        }
    }

    /// The quadrant as the user reads it, with its product × market position.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Ansoff::Penetration => lang.pick(
                "市场渗透（现有产品 × 现有市场）",
                "Penetration (existing products × existing markets)",
            ),
            Ansoff::MarketDevelopment => lang.pick(
                "市场开发（现有产品 × 新市场）",
                "Market development (existing products × new markets)",
            ),
            Ansoff::ProductDevelopment => lang.pick(
                "产品开发（新产品 × 现有市场）",
                "Product development (new products × existing markets)",
            ),
            Ansoff::Diversification => lang.pick(
                "多元化（新产品 × 新市场）",
                "Diversification (new products × new markets)",
            ),
        }
    }
}

/// One opportunity on the Ansoff grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opportunity {
    /// Its quadrant.
    pub quadrant: Ansoff,
    /// What it is.
    pub name: String,
    /// Expected sales in the plan year.
    pub amount: Money,
}

/// One customer's line of the bottom-up plan.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerLine {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Sales in Y−1, Y−2, Y−3.
    pub history: [Money; 3],
    /// The user's plan, if any.
    pub plan: Option<CustomerPlan>,
    /// Our share of the wallet last year: Y−1 sales ÷ wallet (`None` without a wallet).
    pub share_of_wallet: Option<f64>,
    /// The target: wallet × target share, or last year's sales carried forward without a plan.
    pub target: Money,
    /// Growth of the target over last year (`None` when last year is not above 0).
    pub growth: Option<f64>,
    /// The sanity band of growth: the customer's own average growth ± [`SANITY_BAND`].
    pub band: (f64, f64),
    /// Whether the growth of a planned customer falls outside the band.
    pub flagged: bool,
}

/// The bottom-up plan, computed.
#[derive(Clone, Debug, PartialEq)]
pub struct BottomUp {
    /// Every customer of the ledger, largest last year first (ties by id).
    pub lines: Vec<CustomerLine>,
    /// Σ targets of the customers with a plan.
    pub planned_total: Money,
    /// Σ last year's sales of the customers without one (carried forward).
    pub carried_total: Money,
    /// Σ count × first-year sales of the new customers.
    pub new_total: Money,
    /// Σ the opportunities.
    pub opportunities_total: Money,
    /// Planned customers the ledger does not have (kept, not counted).
    pub unknown: Vec<String>,
}

impl BottomUp {
    /// The bottom-up total: planned + carried + new customers + opportunities.
    pub fn total(&self) -> Money {
        [
            self.planned_total,
            self.carried_total,
            self.new_total,
            self.opportunities_total,
        ]
        .into_iter()
        .sum()
    }

    /// How many customers have a plan.
    pub fn planned(&self) -> usize {
        self.lines.iter().filter(|l| l.plan.is_some()).count()
    }

    /// How many planned customers are flagged.
    pub fn flagged(&self) -> usize {
        self.lines.iter().filter(|l| l.flagged).count()
    }
}

/// wallet × share (percent), rounded half up to the ten-thousandth (also the top-down source:
/// market size × target share).
pub fn wallet_target(wallet: Money, share: Dec) -> Money {
    let x = i128::from(wallet.0) * i128::from(share.0);
    let d = 100 * i128::from(Dec::SCALE);
    let q = (x + d / 2).div_euclid(d);
    Money(q.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// The growth a member's history makes plausible: its own average growth over the last two
/// years (0 without any) ± [`SANITY_BAND`]. `hist` is Y−1, Y−2, Y−3.
pub fn sanity_band(hist: [Money; 3]) -> (f64, f64) {
    let own: Vec<f64> = [growth(hist[0], hist[1]), growth(hist[1], hist[2])]
        .into_iter()
        .flatten()
        .collect();
    let avg = if own.is_empty() {
        0.0
    } else {
        own.iter().sum::<f64>() / own.len() as f64
    };
    (avg - SANITY_BAND, avg + SANITY_BAND)
}

fn growth(now: Money, before: Money) -> Option<f64> {
    (before.0 > 0).then(|| (now.0 - before.0) as f64 / before.0 as f64)
}

/// The bottom-up plan for plan year `year` in `measure`.
pub fn bottom_up(
    frame: &Frame,
    year: i32,
    measure: Measure,
    input: &BottomUpInput,
) -> Result<BottomUp, BasisError> {
    let h = history(frame, SplitDim::Member(Dim::Customer), measure, year)?;
    let plans: std::collections::HashMap<&str, &CustomerPlan> =
        input.customers.iter().map(|c| (c.id.as_str(), c)).collect();
    let known: std::collections::HashSet<&str> = h.ids.iter().map(String::as_str).collect();
    let mut lines: Vec<CustomerLine> = (0..h.len())
        .map(|i| {
            let hist = [h.years[0][i], h.years[1][i], h.years[2][i]];
            let plan = plans.get(h.ids[i].as_str()).map(|&c| c.clone());
            let band = sanity_band(hist);
            let target = match &plan {
                Some(p) => wallet_target(p.wallet, p.target_share),
                None => hist[0],
            };
            let g = growth(target, hist[0]);
            let flagged = plan.is_some() && g.is_some_and(|g| g < band.0 || g > band.1);
            let share_of_wallet = plan
                .as_ref()
                .filter(|p| p.wallet.0 > 0)
                .map(|p| hist[0].0 as f64 / p.wallet.0 as f64);
            CustomerLine {
                id: h.ids[i].clone(),
                name: h.names[i].clone(),
                history: hist,
                plan,
                share_of_wallet,
                target,
                growth: g,
                band,
                flagged,
            }
        })
        .filter(|l| l.plan.is_some() || l.history.iter().any(|m| m.0 != 0))
        .collect();
    lines.sort_by(|a, b| b.history[0].cmp(&a.history[0]).then(a.id.cmp(&b.id)));
    let sum = |it: &mut dyn Iterator<Item = Money>| it.sum::<Money>();
    let planned_total = sum(&mut lines.iter().filter(|l| l.plan.is_some()).map(|l| l.target));
    let carried_total = sum(&mut lines.iter().filter(|l| l.plan.is_none()).map(|l| l.target));
    let new_total = sum(&mut input.new_customers.iter().map(|n| {
        Money(
            (i128::from(n.count) * i128::from(n.first_year.0))
                .clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
        )
    }));
    let opportunities_total = sum(&mut input.opportunities.iter().map(|o| o.amount));
    let unknown = input
        .customers
        .iter()
        .filter(|c| !known.contains(c.id.as_str()))
        .map(|c| c.id.clone())
        .collect();
    Ok(BottomUp {
        lines,
        planned_total,
        carried_total,
        new_total,
        opportunities_total,
        unknown,
    })
}

#[cfg(test)]
mod tests;
