//! The three sources of a target, reconciled (目标来源, DOMAIN §2): top-down (market size ×
//! the share we aim for), the trend (the review's forecast for the plan year, with its back-test
//! error), and bottom-up (the sum of the customer plans). The user takes one, or a blend of them,
//! as the annual target.

use serde::{Deserialize, Serialize};

use crate::review::{Filter, Frame, Measure, ReviewError, forecast, monthly};
use crate::{Dec, Lang, Money};

/// What the user decided about the sources: the market share aimed for and the blend taken.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcesInput {
    /// The market share aimed for in the plan year, in percent (top-down = market size × it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_share: Option<Dec>,
    /// The weights of the blend last taken as the target; absent until one is taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blend: Option<Blend>,
}

impl SourcesInput {
    /// Whether nothing is decided (the field is then left out of the file).
    pub fn is_empty(&self) -> bool {
        self.target_share.is_none() && self.blend.is_none()
    }
}

/// The weight of each source in a blend, in whole percent summing to 100 (one source alone is
/// 100/0/0).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blend {
    /// Weight of the top-down source.
    #[serde(default)]
    pub top_down: u32,
    /// Weight of the trend.
    #[serde(default)]
    pub trend: u32,
    /// Weight of the bottom-up source.
    #[serde(default)]
    pub bottom_up: u32,
}

impl Blend {
    /// One source alone.
    pub fn only(source: Source) -> Blend {
        let mut b = Blend::default();
        *b.weight_mut(source) = 100;
        b
    }

    /// The weight of a source.
    pub fn weight(&self, source: Source) -> u32 {
        match source {
            Source::TopDown => self.top_down,
            Source::Trend => self.trend,
            Source::BottomUp => self.bottom_up,
        }
    }

    /// The weight of a source, to change it.
    pub fn weight_mut(&mut self, source: Source) -> &mut u32 {
        match source {
            Source::TopDown => &mut self.top_down,
            Source::Trend => &mut self.trend,
            Source::BottomUp => &mut self.bottom_up,
        }
    }
}

/// One of the three sources.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Market size × target share.
    TopDown,
    /// The review's forecast.
    Trend,
    /// The sum of the customer plans.
    BottomUp,
}

impl Source {
    /// The three, in the course's order.
    pub const ALL: [Source; 3] = [Source::TopDown, Source::Trend, Source::BottomUp];

    /// A stable code (test ids, the CLI).
    pub fn code(self) -> &'static str {
        match self {
            Source::TopDown => "top-down",
            Source::Trend => "trend",
            Source::BottomUp => "bottom-up",
        }
    }

    /// The source as the user reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Source::TopDown => lang.pick(
                "自上而下（市场容量 × 目标份额）",
                "Top-down (market × share)",
            ),
            Source::Trend => lang.pick("趋势预测", "Trend forecast"),
            Source::BottomUp => lang.pick("自下而上（客户计划之和）", "Bottom-up (customer plans)"),
        }
    }
}

/// Why a source has no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceMissing {
    /// Top-down needs the market size (entered in the indicator tree).
    NoMarketSize,
    /// Top-down needs the target share.
    NoTargetShare,
    /// Top-down counts money; the plan counts quantity.
    NotMoney,
    /// The trend cannot be forecast (too few months, no cost, a non-positive month).
    Trend(ReviewError),
    /// No customer plan yet.
    NoBottomUp,
}

impl SourceMissing {
    /// A sentence for the user, saying what to do.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SourceMissing::NoMarketSize => lang
                .pick(
                    "需要市场容量：在指标树的“市场容量”一行填写。",
                    "Needs the market size: enter it in the indicator tree's market size row.",
                )
                .into(),
            SourceMissing::NoTargetShare => lang
                .pick(
                    "需要目标市场份额：在下方填写。",
                    "Needs the target market share: enter it below.",
                )
                .into(),
            SourceMissing::NotMoney => lang
                .pick(
                    "市场容量以金额计，计划按数量计时不适用。",
                    "The market size is money; it does not apply to a plan counting quantity.",
                )
                .into(),
            SourceMissing::Trend(e) => e.message(lang),
            SourceMissing::NoBottomUp => lang
                .pick(
                    "还没有客户计划：在“自下而上”中为客户填写钱包与目标份额。",
                    "No customer plan yet: enter wallets and target shares in Bottom-up.",
                )
                .into(),
        }
    }
}

/// The trend source: the plan year's months, actual where the ledger has them and forecast after.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// The plan year's total.
    pub total: Money,
    /// How many of its months are actuals (the rest are forecast).
    pub actual_months: u32,
    /// The back-test error of the forecast (a fraction); `None` without a back-test.
    pub mape: Option<f64>,
}

/// The three sources for a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Sources {
    /// Market size × target share.
    pub top_down: Result<Money, SourceMissing>,
    /// The forecast.
    pub trend: Result<Trend, SourceMissing>,
    /// The bottom-up total.
    pub bottom_up: Result<Money, SourceMissing>,
}

impl Sources {
    /// The value of a source, if it has one.
    pub fn value(&self, source: Source) -> Option<Money> {
        match source {
            Source::TopDown => self.top_down.as_ref().ok().copied(),
            Source::Trend => self.trend.as_ref().ok().map(|t| t.total),
            Source::BottomUp => self.bottom_up.as_ref().ok().copied(),
        }
    }

    /// Why a source has no value.
    pub fn missing(&self, source: Source) -> Option<&SourceMissing> {
        match source {
            Source::TopDown => self.top_down.as_ref().err(),
            Source::Trend => self.trend.as_ref().err(),
            Source::BottomUp => self.bottom_up.as_ref().err(),
        }
    }

    /// The blend of the sources by `weights`, exact and rounded half up to the ten-thousandth:
    /// Σ weight × value / 100.
    pub fn blend(&self, weights: &Blend) -> Result<Money, BlendProblem> {
        let sum: u32 = Source::ALL.iter().map(|&s| weights.weight(s)).sum();
        if sum != 100 {
            return Err(BlendProblem::NotHundred { sum });
        }
        let mut acc: i128 = 0;
        for s in Source::ALL {
            let w = weights.weight(s);
            if w == 0 {
                continue;
            }
            let v = self.value(s).ok_or(BlendProblem::Missing(s))?;
            acc += i128::from(w) * i128::from(v.0);
        }
        let rounded = if acc >= 0 {
            (acc + 50) / 100
        } else {
            (acc - 50) / 100
        };
        i64::try_from(rounded)
            .map(Money)
            .map_err(|_| BlendProblem::NotHundred { sum })
    }
}

/// Why a blend cannot be taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlendProblem {
    /// The weights do not sum to 100%.
    NotHundred {
        /// Their sum.
        sum: u32,
    },
    /// A weighted source has no value.
    Missing(Source),
}

impl BlendProblem {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BlendProblem::NotHundred { sum } => match lang {
                Lang::Zh => format!("三个来源的权重之和须为 100%，现在是 {sum}%。"),
                Lang::En => format!("The three weights must sum to 100%; they sum to {sum}%."),
            },
            BlendProblem::Missing(s) => match lang {
                Lang::Zh => format!("“{}”还没有数值，不能给它权重。", s.label(lang)),
                Lang::En => format!(
                    "{} has no value yet, so it cannot be weighted.",
                    s.label(lang)
                ),
            },
        }
    }
}

/// Top-down: market size × target share (in percent), rounded half up to the ten-thousandth.
pub fn top_down(
    market_size: Option<Money>,
    target_share: Option<Dec>,
    measure: Measure,
) -> Result<Money, SourceMissing> {
    if measure == Measure::Quantity {
        return Err(SourceMissing::NotMoney);
    }
    let size = market_size.ok_or(SourceMissing::NoMarketSize)?;
    let share = target_share.ok_or(SourceMissing::NoTargetShare)?;
    Ok(super::bottom_up::wallet_target(size, share))
}

/// The trend for plan year `year`: the months of that year the frame has, then the review's
/// forecast (trend × seasonal index) for the rest.
pub fn trend(frame: &Frame, year: i32, measure: Measure) -> Result<Trend, SourceMissing> {
    let series = monthly(frame, measure, &Filter::default()).map_err(SourceMissing::Trend)?;
    let first = year * 12;
    let end = first + 11;
    let last = series.first_month + series.len() as i32 - 1;
    let horizon = (end - last).max(0) as u32;
    let f = forecast(&series, horizon).map_err(SourceMissing::Trend)?;
    let mut total: i128 = 0;
    let mut actual_months = 0;
    for m in first..=end {
        if m <= last {
            let i = m - series.first_month;
            if i >= 0 {
                total += i128::from(series.values[i as usize].0);
            }
            actual_months += 1;
        } else {
            let v = f
                .months
                .iter()
                .find(|x| x.month == m)
                .map_or(0.0, |x| x.value);
            total += i128::from(Money::from_f64(v).unwrap_or(Money::ZERO).0);
        }
    }
    Ok(Trend {
        total: Money(total.clamp(0, i128::from(i64::MAX)) as i64),
        actual_months,
        mape: f.backtest_mape,
    })
}

/// The three sources of `plan`, given its trend (see [`trend`]; kept apart because it reads the
/// whole ledger) and the bottom-up total when there is one.
pub fn sources(
    plan: &super::Plan,
    trend: Result<Trend, SourceMissing>,
    bottom_up: Option<Money>,
) -> Sources {
    Sources {
        top_down: top_down(plan.market_size, plan.sources.target_share, plan.measure),
        trend,
        bottom_up: bottom_up.ok_or(SourceMissing::NoBottomUp),
    }
}

/// Why a typed target share was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Not a number.
    NotANumber,
    /// Not above 0 and at most 100.
    OutOfRange,
}

impl ShareError {
    /// A sentence for the user, shown beside the field.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            ShareError::NotANumber => lang.pick(
                "请输入百分数，如 12.5。",
                "Enter a percentage, such as 12.5.",
            ),
            ShareError::OutOfRange => lang.pick(
                "份额须大于 0% 且不超过 100%。",
                "The share must be above 0% and at most 100%.",
            ),
        }
    }
}

/// Reads a typed share in percent (`12.5`, `12.5%`), above 0 and at most 100.
pub fn parse_share(text: &str) -> Result<Dec, ShareError> {
    let t = text.trim().trim_end_matches(['%', '％']).trim();
    let d = Dec::parse(t).ok_or(ShareError::NotANumber)?;
    if d.0 <= 0 || d > Dec::HUNDRED {
        return Err(ShareError::OutOfRange);
    }
    Ok(d)
}

#[cfg(test)]
mod tests;
