//! The gap bridge (差距桥, DOMAIN §2): from last year's actual to the agreed target through named
//! steps the user enters (market growth, share gain, new customers, new products, lost
//! customers, price, or a step of their own). Whatever the steps leave unexplained is a step of
//! its own, so the bridge always lands exactly on the target.

use serde::{Deserialize, Serialize};

use super::SplitDim;
use super::basis::history;
use crate::review::{Frame, Measure};
use crate::{Lang, Money};

/// The most steps a bridge keeps.
pub const MAX_STEPS: usize = 30;

/// The largest step, in either direction: ¥1,000,000,000,000 (万亿), far above any territory,
/// and small enough that no sum of steps overflows.
pub const MAX_STEP: Money = Money(1_000_000_000_000 * crate::money::MONEY_SCALE);

/// What a step of the bridge stands for.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// The market grows (or shrinks) and our share of it stays.
    MarketGrowth,
    /// We win (or lose) share of the market.
    ShareGain,
    /// Sales from customers we do not sell to yet.
    NewCustomers,
    /// Sales from products we do not sell yet.
    NewProducts,
    /// Sales of last year's customers that will stop buying (a negative step).
    LostCustomers,
    /// Price changes on what we sell.
    Price,
    /// A step the user names.
    Other,
}

impl StepKind {
    /// The six named steps, in the order a bridge usually reads.
    pub const NAMED: [StepKind; 6] = [
        StepKind::MarketGrowth,
        StepKind::ShareGain,
        StepKind::NewCustomers,
        StepKind::NewProducts,
        StepKind::LostCustomers,
        StepKind::Price,
    ];

    /// The kind as a stable code (used in test ids and the CLI).
    pub fn code(self) -> &'static str {
        match self {
            StepKind::MarketGrowth => "market-growth",
            StepKind::ShareGain => "share-gain",
            StepKind::NewCustomers => "new-customers",
            StepKind::NewProducts => "new-products",
            StepKind::LostCustomers => "lost-customers",
            StepKind::Price => "price",
            StepKind::Other => "other",
        }
    }

    /// The kind named by a code.
    pub fn from_code(code: &str) -> Option<StepKind> {
        StepKind::NAMED
            .into_iter()
            .chain([StepKind::Other])
            .find(|k| k.code() == code)
    }

    /// The kind as the user reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StepKind::MarketGrowth => lang.pick("市场增长", "Market growth"),
            StepKind::ShareGain => lang.pick("份额提升", "Share gain"),
            StepKind::NewCustomers => lang.pick("新客户", "New customers"),
            StepKind::NewProducts => lang.pick("新产品", "New products"),
            StepKind::LostCustomers => lang.pick("流失客户", "Lost customers"),
            StepKind::Price => lang.pick("价格", "Price"),
            StepKind::Other => lang.pick("其他", "Other"),
        }
    }
}

/// One step the user entered: what it stands for, an optional name of their own, and the
/// signed change it brings, in the plan's measure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BridgeStep {
    /// What the step stands for.
    pub kind: StepKind,
    /// The user's name for it; empty reads as the kind's label.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The change, positive or negative.
    pub amount: Money,
}

impl BridgeStep {
    /// A step of `kind` bringing `amount`, with the kind's own name.
    pub fn new(kind: StepKind, amount: Money) -> BridgeStep {
        BridgeStep {
            kind,
            name: String::new(),
            amount,
        }
    }

    /// The step's name as the user reads it.
    pub fn label(&self, lang: Lang) -> String {
        if self.name.trim().is_empty() {
            self.kind.label(lang).to_string()
        } else {
            self.name.trim().to_string()
        }
    }
}

/// One bar of the bridge: a step (`step` is its index in the plan's steps) or the unexplained
/// remainder (`step` is `None`), with the level before and after it.
#[derive(Clone, Debug, PartialEq)]
pub struct BridgeBar {
    /// The step's index; `None` for the unexplained remainder.
    pub step: Option<usize>,
    /// The signed change.
    pub amount: Money,
    /// The level before the bar.
    pub from: Money,
    /// The level after it.
    pub to: Money,
    /// The bar's share of the gap (target − start); `None` when there is no gap.
    pub share_of_gap: Option<f64>,
}

/// The bridge from last year's actual to the target.
#[derive(Clone, Debug, PartialEq)]
pub struct Bridge {
    /// Last year's actual.
    pub start: Money,
    /// The target.
    pub target: Money,
    /// The steps in the user's order, then the unexplained remainder (always last, also when
    /// it is zero).
    pub bars: Vec<BridgeBar>,
    /// Steps that go against what they stand for (a lost-customers step that adds).
    pub warnings: Vec<BridgeWarning>,
}

impl Bridge {
    /// What the steps leave unexplained: target − start − Σ steps.
    pub fn unexplained(&self) -> Money {
        self.bars.last().map(|b| b.amount).unwrap_or(Money::ZERO)
    }

    /// The gap to close: target − start.
    pub fn gap(&self) -> Money {
        Money(self.target.0 - self.start.0)
    }
}

/// A step that reads against its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeWarning {
    /// A lost-customers step above zero.
    LostCustomersAdd {
        /// The step's index.
        step: usize,
    },
}

impl BridgeWarning {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BridgeWarning::LostCustomersAdd { step } => lang
                .pick(
                    "第 {n} 步“流失客户”是正数：流失的客户减少销售，通常应填负数。",
                    "Step {n}, lost customers, is positive: lost customers take sales away, so it is usually negative.",
                )
                .replace("{n}", &(step + 1).to_string()),
        }
    }
}

/// Builds the bridge: each step in order from `start`, then the unexplained remainder, which
/// makes the bars land exactly on `target`. Steps are bounded by [`MAX_STEP`] and number at
/// most [`MAX_STEPS`] (see [`check_steps`]); larger ones are clamped so nothing overflows.
pub fn bridge(start: Money, target: Money, steps: &[BridgeStep]) -> Bridge {
    let gap = i128::from(target.0) - i128::from(start.0);
    let share = |amount: i128| (gap != 0).then(|| amount as f64 / gap as f64);
    let clamp = |x: i128| Money(x.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64);
    let mut level = i128::from(start.0);
    let mut bars = Vec::with_capacity(steps.len() + 1);
    let mut warnings = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let amount = i128::from(s.amount.0.clamp(-MAX_STEP.0, MAX_STEP.0));
        bars.push(BridgeBar {
            step: Some(i),
            amount: clamp(amount),
            from: clamp(level),
            to: clamp(level + amount),
            share_of_gap: share(amount),
        });
        level += amount;
        if s.kind == StepKind::LostCustomers && s.amount.0 > 0 {
            warnings.push(BridgeWarning::LostCustomersAdd { step: i });
        }
    }
    let rest = i128::from(target.0) - level;
    bars.push(BridgeBar {
        step: None,
        amount: clamp(rest),
        from: clamp(level),
        to: target,
        share_of_gap: share(rest),
    });
    Bridge {
        start,
        target,
        bars,
        warnings,
    }
}

/// Why a list of steps cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepsProblem {
    /// More than [`MAX_STEPS`] steps.
    TooMany {
        /// How many there are.
        count: usize,
    },
    /// A step beyond ±[`MAX_STEP`].
    TooLarge {
        /// The step's index.
        step: usize,
    },
}

impl StepsProblem {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StepsProblem::TooMany { count } => lang
                .pick(
                    "差距桥最多 {max} 步，这里有 {n} 步。",
                    "A bridge has at most {max} steps; this one has {n}.",
                )
                .replace("{max}", &MAX_STEPS.to_string())
                .replace("{n}", &count.to_string()),
            StepsProblem::TooLarge { step } => lang
                .pick(
                    "第 {n} 步超出 ±1 万亿。",
                    "Step {n} is beyond ±1,000,000,000,000.",
                )
                .replace("{n}", &(step + 1).to_string()),
        }
    }
}

/// Every reason `steps` cannot be kept; empty when they can.
pub fn check_steps(steps: &[BridgeStep]) -> Vec<StepsProblem> {
    let mut out = Vec::new();
    if steps.len() > MAX_STEPS {
        out.push(StepsProblem::TooMany { count: steps.len() });
    }
    out.extend(
        steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.amount.0.unsigned_abs() > MAX_STEP.0.unsigned_abs())
            .map(|(step, _)| StepsProblem::TooLarge { step }),
    );
    out
}

/// Why a typed step amount was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepAmountError {
    /// Not a number.
    NotANumber,
    /// Beyond ±[`MAX_STEP`].
    TooLarge,
}

impl StepAmountError {
    /// A sentence for the user, shown beside the field.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            StepAmountError::NotANumber => lang.pick(
                "请输入数字，减少用负号，如 -250000。",
                "Enter a number, negative for a decrease, such as -250000.",
            ),
            StepAmountError::TooLarge => lang.pick(
                "金额超出 ±1 万亿。",
                "The amount is beyond ±1,000,000,000,000.",
            ),
        }
    }
}

/// Reads a typed step amount: a signed number (see [`super::parse_amount`]; `+` allowed);
/// empty reads as zero.
pub fn parse_step_amount(text: &str) -> Result<Money, StepAmountError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Money::ZERO);
    }
    let (neg, rest) = match t.strip_prefix(['-', '−']) {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if rest.trim_start().starts_with(['-', '+', '−']) {
        return Err(StepAmountError::NotANumber);
    }
    let m = super::parse_amount(rest).ok_or(StepAmountError::NotANumber)?;
    if m.0 < 0 {
        return Err(StepAmountError::NotANumber);
    }
    if m.0 > MAX_STEP.0 {
        return Err(StepAmountError::TooLarge);
    }
    Ok(if neg { Money(-m.0) } else { m })
}

/// Steps read off the ledger, as a start the user then edits: last year's new customers
/// (sales of the base year from customers with none in the two years before) and lost customers
/// (the year before's sales of customers with none in the base year), each assumed to repeat.
/// Empty without two years of history or when the measure cannot be read.
pub fn suggested_steps(frame: &Frame, year: i32, measure: Measure) -> Vec<BridgeStep> {
    let Ok(h) = history(
        frame,
        SplitDim::Member(crate::review::Dim::Customer),
        measure,
        year,
    ) else {
        return Vec::new();
    };
    if !(h.has_year[0] && h.has_year[1]) {
        return Vec::new();
    }
    let (mut new, mut lost) = (0i64, 0i64);
    for i in 0..h.len() {
        let [y1, y2, y3] = [h.years[0][i].0, h.years[1][i].0, h.years[2][i].0];
        if y1 > 0 && y2 <= 0 && y3 <= 0 {
            new = new.saturating_add(y1);
        }
        if y2 > 0 && y1 <= 0 {
            lost = lost.saturating_add(y2);
        }
    }
    vec![
        BridgeStep::new(StepKind::NewCustomers, Money(new)),
        BridgeStep::new(StepKind::LostCustomers, Money(-lost)),
    ]
}

#[cfg(test)]
mod tests;
