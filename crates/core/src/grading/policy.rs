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
}
