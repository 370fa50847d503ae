//! Service policy per grade (分级服务政策): what each grade gets — visits, share of resources,
//! support. The output a manager acts on.

use super::Dec;
use crate::Lang;
use serde::{Deserialize, Serialize};

/// What customers of one grade get.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePolicy {
    /// The grade ("A").
    pub grade: String,
    /// Salesperson visits per customer per month.
    pub visits_per_month: Dec,
    /// The grade's share of marketing and sales resources, in percent.
    pub resource_share: Dec,
    /// The support the grade receives (free text).
    #[serde(default)]
    pub support: String,
}

/// The course's default policies for A/B/C: A (target customers) 4 visits a month and half
/// the resources, B (potential core) 2 visits and 30 %, C (to be developed) 1 visit and 20 %.
pub fn default_policies(lang: Lang) -> Vec<ServicePolicy> {
    let p = |grade: &str, visits: i64, share: i64, zh: &str, en: &str| ServicePolicy {
        grade: grade.into(),
        visits_per_month: Dec::int(visits),
        resource_share: Dec::int(share),
        support: lang.pick(zh, en).into(),
    };
    vec![
        p(
            "A",
            4,
            50,
            "目标客户：专人对接，联合生意计划，优先供货和费用支持，季度高层拜访",
            "Target customer: a dedicated contact, a joint business plan, first call on stock and funds, quarterly senior visits",
        ),
        p(
            "B",
            2,
            30,
            "潜在核心客户：定期生意回顾，针对性促销和培训支持，培养成A级",
            "Potential core customer: regular business reviews, targeted promotions and training, developed towards A",
        ),
        p(
            "C",
            1,
            20,
            "待发展客户：标准政策，电话和线上服务为主，观察发展潜力",
            "To be developed: standard terms, served mainly by phone and online, potential watched",
        ),
    ]
}

/// The policy for a grade.
pub fn policy_for<'a>(policies: &'a [ServicePolicy], grade: &str) -> Option<&'a ServicePolicy> {
    policies.iter().find(|p| p.grade == grade)
}

/// One policy per grade of the scale, in the scale's order: the stored one, else the default
/// for A/B/C, else an empty policy for that grade.
pub fn policies_for_grades(
    stored: &[ServicePolicy],
    grades: &[String],
    lang: Lang,
) -> Vec<ServicePolicy> {
    let defaults = default_policies(lang);
    grades
        .iter()
        .map(|g| {
            policy_for(stored, g)
                .or_else(|| policy_for(&defaults, g))
                .cloned()
                .unwrap_or_else(|| ServicePolicy {
                    grade: g.clone(),
                    ..ServicePolicy::default()
                })
        })
        .collect()
}

/// A number field of a service policy.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PolicyField {
    /// Visits per customer per month, 0–[`MAX_VISITS`].
    Visits,
    /// Share of resources, 0–100 %.
    ResourceShare,
}

/// The most visits per customer per month a policy may set (one a day).
pub const MAX_VISITS: i64 = 31;

/// Why a policy's number was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// Not a number.
    NotANumber(PolicyField),
    /// Below 0 or above the field's maximum.
    OutOfRange(PolicyField),
}

impl PolicyError {
    /// A message for the user, naming the allowed range.
    pub fn message(&self, lang: Lang) -> String {
        let (field, range) = match self {
            PolicyError::NotANumber(f) | PolicyError::OutOfRange(f) => match f {
                PolicyField::Visits => (
                    lang.pick("拜访次数/月", "Visits a month"),
                    format!("0–{MAX_VISITS}"),
                ),
                PolicyField::ResourceShare => (
                    lang.pick("资源占比", "Resource share"),
                    "0–100%".to_string(),
                ),
            },
        };
        match (self, lang) {
            (PolicyError::NotANumber(_), Lang::Zh) => {
                format!("{field}须为数字（{range}）。")
            }
            (PolicyError::NotANumber(_), Lang::En) => {
                format!("{field} must be a number ({range}).")
            }
            (PolicyError::OutOfRange(_), Lang::Zh) => format!("{field}须在 {range} 之间。"),
            (PolicyError::OutOfRange(_), Lang::En) => format!("{field} must be within {range}."),
        }
    }
}

/// The value typed into a policy's number field ("2", "2.5", "30%"), or why it is refused.
pub fn parse_policy_field(field: PolicyField, text: &str) -> Result<Dec, PolicyError> {
    let v = Dec::parse_typed(text).ok_or(PolicyError::NotANumber(field))?;
    check_policy_field(field, v)?;
    Ok(v)
}

/// Refuses a value outside the field's range.
pub fn check_policy_field(field: PolicyField, v: Dec) -> Result<(), PolicyError> {
    let max = match field {
        PolicyField::Visits => Dec::int(MAX_VISITS),
        PolicyField::ResourceShare => Dec::HUNDRED,
    };
    if v < Dec::ZERO || v > max {
        return Err(PolicyError::OutOfRange(field));
    }
    Ok(())
}

/// The policies' problems that do not block an edit: the resource shares not summing to
/// 100 % (with the sum), said as "资源占比合计 90%，应为 100%（还差 10%）".
pub fn policy_notes(policies: &[ServicePolicy], lang: Lang) -> Vec<String> {
    let total = resource_share_total(policies);
    if policies.is_empty() || total == Dec::HUNDRED {
        return Vec::new();
    }
    let gap = if total < Dec::HUNDRED {
        Dec(Dec::HUNDRED.0 - total.0)
    } else {
        Dec(total.0 - Dec::HUNDRED.0)
    };
    let short = total < Dec::HUNDRED;
    vec![match lang {
        Lang::Zh => format!(
            "资源占比合计 {total}%，应为 100%（{}{gap}%）。",
            if short { "还差 " } else { "多出 " }
        ),
        Lang::En => format!(
            "The resource shares sum to {total}%, not 100% ({gap}% {}).",
            if short { "short" } else { "over" }
        ),
    }]
}

/// The resource shares' total, in percent (a complete plan gives 100).
pub fn resource_share_total(policies: &[ServicePolicy]) -> Dec {
    policies.iter().map(|p| p.resource_share).sum()
}

/// The course's meaning of a grade of the default A/B/C scale: A 目标客户 (target customer),
/// B 潜在核心客户 (potential core customer), C 待发展客户 (to be developed); `None` for other
/// labels.
pub fn grade_meaning(grade: &str, lang: Lang) -> Option<&'static str> {
    match grade {
        "A" => Some(lang.pick("目标客户", "Target customer")),
        "B" => Some(lang.pick("潜在核心客户", "Potential core customer")),
        "C" => Some(lang.pick("待发展客户", "To be developed")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_share_all_resources_and_exist_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let p = default_policies(lang);
            assert_eq!(resource_share_total(&p), Dec::HUNDRED);
            assert_eq!(
                policy_for(&p, "B").map(|p| p.visits_per_month),
                Some(Dec::int(2))
            );
            assert!(policy_for(&p, "D").is_none());
        }
        assert_eq!(grade_meaning("B", Lang::Zh), Some("潜在核心客户"));
        let stored = vec![ServicePolicy {
            grade: "B".into(),
            visits_per_month: Dec::int(3),
            ..ServicePolicy::default()
        }];
        let grades = ["A", "B", "D"].map(String::from);
        let p = policies_for_grades(&stored, &grades, Lang::En);
        let visits: Vec<Dec> = p.iter().map(|p| p.visits_per_month).collect();
        assert_eq!(visits, [Dec::int(4), Dec::int(3), Dec::ZERO]);
        assert_eq!(p[2].grade, "D");
        assert_eq!(grade_meaning("X", Lang::En), None);
    }

    #[test]
    fn policy_numbers_are_parsed_with_their_range_and_refused_with_it() {
        use PolicyField::*;
        assert_eq!(
            parse_policy_field(Visits, " 2.5 "),
            Ok(Dec::parse("2.5").unwrap())
        );
        assert_eq!(parse_policy_field(ResourceShare, "30%"), Ok(Dec::int(30)));
        assert_eq!(parse_policy_field(ResourceShare, "100"), Ok(Dec::HUNDRED));
        assert_eq!(parse_policy_field(Visits, "0"), Ok(Dec::ZERO));
        assert_eq!(
            parse_policy_field(Visits, "两次"),
            Err(PolicyError::NotANumber(Visits))
        );
        assert_eq!(
            parse_policy_field(Visits, ""),
            Err(PolicyError::NotANumber(Visits))
        );
        assert_eq!(
            parse_policy_field(Visits, "32"),
            Err(PolicyError::OutOfRange(Visits))
        );
        assert_eq!(
            parse_policy_field(Visits, "-1"),
            Err(PolicyError::OutOfRange(Visits))
        );
        assert_eq!(
            parse_policy_field(ResourceShare, "100.01"),
            Err(PolicyError::OutOfRange(ResourceShare))
        );
        assert_eq!(
            PolicyError::OutOfRange(ResourceShare).message(Lang::Zh),
            "资源占比须在 0–100% 之间。"
        );
        assert_eq!(
            PolicyError::NotANumber(Visits).message(Lang::En),
            "Visits a month must be a number (0–31)."
        );
    }

    /// A: 50, B: 30, C: 10 → 90 %, 10 short; C at 30 → 110 %, 10 over; the defaults → none.
    #[test]
    fn shares_off_100_are_noted_with_the_gap() {
        let mut p = default_policies(Lang::Zh);
        assert!(policy_notes(&p, Lang::Zh).is_empty());
        p[2].resource_share = Dec::int(10);
        assert_eq!(
            policy_notes(&p, Lang::Zh),
            ["资源占比合计 90%，应为 100%（还差 10%）。"]
        );
        p[2].resource_share = Dec::int(30);
        assert_eq!(
            policy_notes(&p, Lang::En),
            ["The resource shares sum to 110%, not 100% (10% over)."]
        );
        assert!(policy_notes(&[], Lang::En).is_empty());
    }
}
