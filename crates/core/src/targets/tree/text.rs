//! The tree's numbers as people read and type them: a node's code (for URLs and test ids), its
//! value shown in its unit, the text an input starts from, and a typed target read back.

use super::{TreeNode, TreeTargetValue, TreeUnit};
use crate::targets::parse_amount;
use crate::{Dec, Lang, Money, format_count, format_money, format_price};

impl TreeNode {
    /// A stable code: `revenue`, `gross_margin`, …, `region-<id>`.
    pub fn code(&self) -> String {
        let s = match self {
            TreeNode::Revenue => "revenue",
            TreeNode::Region(id) => return format!("region-{id}"),
            TreeNode::Volume => "volume",
            TreeNode::AveragePrice => "average_price",
            TreeNode::ActiveCustomers => "active_customers",
            TreeNode::RevenuePerCustomer => "revenue_per_customer",
            TreeNode::GrossProfit => "gross_profit",
            TreeNode::GrossMargin => "gross_margin",
            TreeNode::MarketShare => "market_share",
            TreeNode::MarketSize => "market_size",
        };
        s.to_string()
    }
}

impl TreeUnit {
    /// A value for reading: money with ¥ (and 万/亿 in Chinese), a price to the fen, a
    /// quantity to the unit, customers rounded up (36.2 customers need 37), a fraction in
    /// percent to one decimal.
    pub fn format(self, v: f64, lang: Lang) -> String {
        match self {
            TreeUnit::Yuan => {
                Money::from_f64(v).map_or_else(|| "—".into(), |m| format_money(m, lang))
            }
            TreeUnit::Price => {
                Money::from_f64(v).map_or_else(|| "—".into(), |m| format_price(m, lang))
            }
            TreeUnit::Quantity => format_count(v.round().max(0.0) as u64, lang),
            TreeUnit::Customers => format_count(v.ceil().max(0.0) as u64, lang),
            TreeUnit::Fraction => format!("{:.1}%", v * 100.0),
        }
    }

    /// A change for reading, signed with an arrow: "▲ +¥12.3万", "▼ −2.0 pp", "" for none.
    pub fn format_change(self, from: f64, to: f64, lang: Lang) -> String {
        let change = match self {
            TreeUnit::Customers => to.ceil() - from,
            _ => to - from,
        };
        if change.abs() <= 1e-9 * from.abs().max(1.0) {
            return String::new();
        }
        let (arrow, sign) = if change > 0.0 {
            ("▲", "+")
        } else {
            ("▼", "−")
        };
        let size = match self {
            TreeUnit::Fraction => format!(
                "{:.1} {}",
                change.abs() * 100.0,
                lang.pick("个百分点", "pp")
            ),
            TreeUnit::Customers => format_count(change.abs().round() as u64, lang),
            u => u.format(change.abs(), lang),
        };
        format!("{arrow} {sign}{size}")
    }

    /// The text an input for this unit starts from: whole yuan, a price to the fen, whole
    /// units and customers, a percentage to two decimals; no ¥ and no separators.
    pub fn edit_text(self, v: f64) -> String {
        let trim = |s: String| {
            if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            }
        };
        match self {
            TreeUnit::Yuan | TreeUnit::Quantity => format!("{:.0}", v.round()),
            TreeUnit::Customers => format!("{:.0}", v.ceil()),
            TreeUnit::Price => trim(format!("{v:.2}")),
            TreeUnit::Fraction => trim(format!("{:.2}", v * 100.0)),
        }
    }
}

/// Why a typed tree target was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeEntryError {
    /// Not a number.
    NotANumber,
    /// Below zero.
    Negative,
    /// A percentage above 100.
    OverHundredPercent,
}

impl TreeEntryError {
    /// A message for the user.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            TreeEntryError::NotANumber => lang.pick(
                "请输入数字，例如 1250000 或 32.5。",
                "Enter a number, e.g. 1250000 or 32.5.",
            ),
            TreeEntryError::Negative => lang.pick("不能为负数。", "It cannot be negative."),
            TreeEntryError::OverHundredPercent => {
                lang.pick("百分比不能超过 100%。", "A percentage cannot exceed 100%.")
            }
        }
    }
}

/// Reads a target typed for `node`: a percentage (a trailing % allowed) for gross margin and
/// market share, an amount (¥ and thousands separators allowed) for every other node.
pub fn parse_tree_entry(node: &TreeNode, text: &str) -> Result<TreeTargetValue, TreeEntryError> {
    let text = text.trim();
    if node.unit() == TreeUnit::Fraction {
        let p = Dec::parse(text.trim_end_matches(['%', '％']).trim())
            .ok_or(TreeEntryError::NotANumber)?;
        if p.0 < 0 {
            return Err(TreeEntryError::Negative);
        }
        if p > Dec::int(100) {
            return Err(TreeEntryError::OverHundredPercent);
        }
        Ok(TreeTargetValue::Percent(p))
    } else {
        let m = parse_amount(text).ok_or(TreeEntryError::NotANumber)?;
        if m.is_negative() {
            return Err(TreeEntryError::Negative);
        }
        Ok(TreeTargetValue::Amount(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_their_units() {
        assert_eq!(
            TreeUnit::Yuan.format(1_234_567.0, Lang::En),
            format_money(Money::from_units(1_234_567).unwrap(), Lang::En)
        );
        assert_eq!(TreeUnit::Price.format(45.5, Lang::Zh), "¥45.50");
        assert_eq!(TreeUnit::Customers.format(36.2, Lang::En), "37");
        assert_eq!(TreeUnit::Quantity.format(1234.4, Lang::En), "1,234");
        assert_eq!(TreeUnit::Fraction.format(0.3127, Lang::En), "31.3%");
    }

    #[test]
    fn changes_carry_an_arrow_and_a_sign() {
        assert_eq!(
            TreeUnit::Customers.format_change(100.0, 136.2, Lang::En),
            "▲ +37"
        );
        assert_eq!(
            TreeUnit::Fraction.format_change(0.30, 0.28, Lang::En),
            "▼ −2.0 pp"
        );
        assert_eq!(
            TreeUnit::Fraction.format_change(0.30, 0.28, Lang::Zh),
            "▼ −2.0 个百分点"
        );
        assert_eq!(
            TreeUnit::Price.format_change(10.0, 12.5, Lang::En),
            "▲ +¥2.50"
        );
        assert_eq!(TreeUnit::Yuan.format_change(5.0, 5.0, Lang::En), "");
    }

    #[test]
    fn edit_texts_read_back_as_the_same_target() {
        for (node, v, text) in [
            (TreeNode::Revenue, 1_250_000.4, "1250000"),
            (TreeNode::AveragePrice, 45.5, "45.5"),
            (TreeNode::ActiveCustomers, 136.2, "137"),
            (TreeNode::GrossMargin, 0.3125, "31.25"),
            (TreeNode::MarketShare, 0.25, "25"),
        ] {
            let t = node.unit().edit_text(v);
            assert_eq!(t, text, "{node:?}");
            assert!(parse_tree_entry(&node, &t).is_ok(), "{node:?} {t}");
        }
    }

    #[test]
    fn typed_targets_are_read_or_refused_with_the_reason() {
        assert_eq!(
            parse_tree_entry(&TreeNode::Revenue, "¥1,250,000"),
            Ok(TreeTargetValue::Amount(
                Money::from_units(1_250_000).unwrap()
            ))
        );
        assert_eq!(
            parse_tree_entry(&TreeNode::GrossMargin, "32.5%"),
            Ok(TreeTargetValue::Percent(Dec(32_5000)))
        );
        assert_eq!(
            parse_tree_entry(&TreeNode::Volume, "many"),
            Err(TreeEntryError::NotANumber)
        );
        assert_eq!(
            parse_tree_entry(&TreeNode::Volume, "-3"),
            Err(TreeEntryError::Negative)
        );
        assert_eq!(
            parse_tree_entry(&TreeNode::MarketShare, "-1"),
            Err(TreeEntryError::Negative)
        );
        assert_eq!(
            parse_tree_entry(&TreeNode::MarketShare, "140"),
            Err(TreeEntryError::OverHundredPercent)
        );
        assert_eq!(TreeNode::Region("R01".into()).code(), "region-R01");
        assert!(
            TreeEntryError::NotANumber
                .message(Lang::Zh)
                .contains("数字")
        );
    }
}
