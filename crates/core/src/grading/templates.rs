//! The scales a wizard starts from: three templates (core distributor, KA store, industrial
//! customer) in Chinese or English, and a blank scale.

use super::{Band, Category, Dec, Factor, GradeRule, Level, Metric, Scale};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// The shipped templates.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// 核心经销商: a distributor's size, growth, margin and partnership.
    CoreDistributor,
    /// KA门店: a key-account store's sales, format, range and terms.
    KaStore,
    /// 工业客户: an industrial buyer's volume, outlook and reliability.
    Industrial,
}

impl Template {
    /// All templates, in display order.
    pub const ALL: [Template; 3] = [
        Template::CoreDistributor,
        Template::KaStore,
        Template::Industrial,
    ];

    /// The code (also the scale id prefix).
    pub fn code(self) -> &'static str {
        match self {
            Template::CoreDistributor => "core_distributor",
            Template::KaStore => "ka_store",
            Template::Industrial => "industrial",
        }
    }

    /// The template for a code.
    pub fn from_code(code: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The name shown in the wizard.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Template::CoreDistributor => lang.pick("核心经销商", "Core distributor"),
            Template::KaStore => lang.pick("KA门店", "KA store"),
            Template::Industrial => lang.pick("工业客户", "Industrial customer"),
        }
    }

    /// One sentence on what it grades.
    pub fn description(self, lang: Lang) -> &'static str {
        match self {
            Template::CoreDistributor => lang.pick(
                "从规模实力、成长与盈利、合作关系三方面评估经销商，找出目标客户和潜在核心客户。",
                "Grades distributors on size and strength, growth and profit, and partnership, to find target and potential core customers.",
            ),
            Template::KaStore => lang.pick(
                "从门店价值、品类表现、合作条件三方面评估KA门店，决定资源和拜访投入。",
                "Grades key-account stores on store value, category performance and trading terms, to decide resources and visits.",
            ),
            Template::Industrial => lang.pick(
                "从采购规模、发展前景、合作质量三方面评估工业客户。",
                "Grades industrial buyers on purchase volume, outlook and quality of the relationship.",
            ),
        }
    }

    /// The template as a scale in the given language (id `template-<code>`).
    pub fn scale(self, lang: Lang) -> Scale {
        let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
        let yuan = |n: i64| Some(Dec::int(n));
        let categories = match self {
            Template::CoreDistributor => vec![
                category(
                    t("规模实力", "Size and strength"),
                    40,
                    vec![
                        metric(
                            t("近12个月销售额", "Sales, last 12 months"),
                            50,
                            Metric::Amount12m,
                            &[
                                (None, yuan(500_000), 2),
                                (yuan(500_000), yuan(2_000_000), 6),
                                (yuan(2_000_000), None, 10),
                            ],
                        ),
                        levels(
                            t("资金实力", "Capital"),
                            25,
                            [
                                t(
                                    "自有资金充足，可承担 3 个月以上库存",
                                    "Ample own funds; can carry over 3 months of stock",
                                ),
                                t("资金基本满足周转", "Funds just cover turnover"),
                                t(
                                    "资金紧张，依赖厂家账期",
                                    "Short of funds; relies on our credit",
                                ),
                            ],
                        ),
                        levels(
                            t("仓储配送", "Warehousing and delivery"),
                            25,
                            [
                                t(
                                    "自有仓库和车队，配送覆盖全区域",
                                    "Own warehouse and fleet covering the whole area",
                                ),
                                t(
                                    "有仓库，部分配送外包",
                                    "Own warehouse; part of delivery outsourced",
                                ),
                                t(
                                    "无固定仓储，配送不稳定",
                                    "No fixed warehouse; delivery unreliable",
                                ),
                            ],
                        ),
                    ],
                ),
                category(
                    t("成长与盈利", "Growth and profit"),
                    30,
                    vec![
                        metric(
                            t("销售增长率", "Sales growth"),
                            50,
                            Metric::Growth12m,
                            &[
                                (None, Some(Dec::ZERO), 2),
                                (Some(Dec::ZERO), Some(Dec::int(15)), 6),
                                (Some(Dec::int(15)), None, 10),
                            ],
                        ),
                        metric(
                            t("毛利率", "Gross margin"),
                            50,
                            Metric::GrossMargin12m,
                            &[
                                (None, Some(Dec::int(10)), 2),
                                (Some(Dec::int(10)), Some(Dec::int(20)), 6),
                                (Some(Dec::int(20)), None, 10),
                            ],
                        ),
                    ],
                ),
                category(
                    t("合作关系", "Partnership"),
                    30,
                    vec![
                        levels(
                            t("合作意愿", "Commitment"),
                            40,
                            [
                                t(
                                    "认同公司战略，愿意投入人员和资金",
                                    "Shares our strategy; invests people and money",
                                ),
                                t(
                                    "愿意配合，但投入有限",
                                    "Cooperates, with limited investment",
                                ),
                                t(
                                    "只做现成生意，不愿投入",
                                    "Only takes easy business; will not invest",
                                ),
                            ],
                        ),
                        levels(
                            t("终端覆盖", "Outlet coverage"),
                            30,
                            [
                                t(
                                    "覆盖区域内 80% 以上目标终端",
                                    "Covers over 80% of target outlets in the area",
                                ),
                                t("覆盖 50%–80% 的目标终端", "Covers 50–80% of target outlets"),
                                t(
                                    "覆盖不足 50% 的目标终端",
                                    "Covers under 50% of target outlets",
                                ),
                            ],
                        ),
                        metric(
                            t("有进货月数", "Active months"),
                            30,
                            Metric::ActiveMonths12m,
                            &[
                                (None, Some(Dec::int(6)), 2),
                                (Some(Dec::int(6)), Some(Dec::int(10)), 6),
                                (Some(Dec::int(10)), None, 10),
                            ],
                        ),
                    ],
                ),
            ],
            Template::KaStore => vec![
                category(
                    t("门店价值", "Store value"),
                    50,
                    vec![
                        metric(
                            t("近12个月销售额", "Sales, last 12 months"),
                            60,
                            Metric::Amount12m,
                            &[
                                (None, yuan(200_000), 2),
                                (yuan(200_000), yuan(1_000_000), 6),
                                (yuan(1_000_000), None, 10),
                            ],
                        ),
                        levels(
                            t("门店业态", "Store format"),
                            40,
                            [
                                t(
                                    "大卖场或旗舰店，客流大",
                                    "Hypermarket or flagship store with heavy traffic",
                                ),
                                t("标准超市", "Standard supermarket"),
                                t("小型超市或便利店", "Small supermarket or convenience store"),
                            ],
                        ),
                    ],
                ),
                category(
                    t("品类表现", "Category performance"),
                    30,
                    vec![
                        metric(
                            t("在售品项数", "Products sold"),
                            50,
                            Metric::Skus12m,
                            &[
                                (None, Some(Dec::int(10)), 2),
                                (Some(Dec::int(10)), Some(Dec::int(30)), 6),
                                (Some(Dec::int(30)), None, 10),
                            ],
                        ),
                        metric(
                            t("毛利率", "Gross margin"),
                            50,
                            Metric::GrossMargin12m,
                            &[
                                (None, Some(Dec::int(8)), 2),
                                (Some(Dec::int(8)), Some(Dec::int(15)), 6),
                                (Some(Dec::int(15)), None, 10),
                            ],
                        ),
                    ],
                ),
                category(
                    t("合作条件", "Trading terms"),
                    20,
                    vec![
                        levels(
                            t("费用条件", "Fees"),
                            50,
                            [
                                t(
                                    "进场费和促销费合理，可谈判",
                                    "Reasonable, negotiable listing and promotion fees",
                                ),
                                t("费用偏高，但有回报", "High fees, but they pay back"),
                                t("费用高且回报低", "High fees with little return"),
                            ],
                        ),
                        levels(
                            t("陈列资源", "Shelf and display"),
                            50,
                            [
                                t(
                                    "黄金陈列位和端架可争取",
                                    "Prime shelf and end caps available",
                                ),
                                t("常规货架陈列", "Regular shelf only"),
                                t(
                                    "陈列位置差或经常缺货",
                                    "Poor shelf position or frequent stock-outs",
                                ),
                            ],
                        ),
                    ],
                ),
            ],
            Template::Industrial => vec![
                category(
                    t("采购规模", "Purchase volume"),
                    40,
                    vec![
                        metric(
                            t("近12个月采购额", "Purchases, last 12 months"),
                            60,
                            Metric::Amount12m,
                            &[
                                (None, yuan(300_000), 2),
                                (yuan(300_000), yuan(1_500_000), 6),
                                (yuan(1_500_000), None, 10),
                            ],
                        ),
                        metric(
                            t("订单次数", "Orders"),
                            40,
                            Metric::Orders12m,
                            &[
                                (None, Some(Dec::int(6)), 2),
                                (Some(Dec::int(6)), Some(Dec::int(24)), 6),
                                (Some(Dec::int(24)), None, 10),
                            ],
                        ),
                    ],
                ),
                category(
                    t("发展前景", "Outlook"),
                    30,
                    vec![
                        metric(
                            t("采购增长率", "Purchase growth"),
                            50,
                            Metric::Growth12m,
                            &[
                                (None, Some(Dec::ZERO), 2),
                                (Some(Dec::ZERO), Some(Dec::int(10)), 6),
                                (Some(Dec::int(10)), None, 10),
                            ],
                        ),
                        levels(
                            t("行业前景", "Industry outlook"),
                            50,
                            [
                                t("所在行业快速增长", "Its industry is growing fast"),
                                t("所在行业平稳", "Its industry is stable"),
                                t("所在行业萎缩", "Its industry is shrinking"),
                            ],
                        ),
                    ],
                ),
                category(
                    t("合作质量", "Relationship"),
                    30,
                    vec![
                        levels(
                            t("付款信用", "Payment record"),
                            50,
                            [
                                t("按期付款，从无拖欠", "Pays on time, never late"),
                                t("偶有逾期，能及时补上", "Occasionally late, soon settled"),
                                t("经常拖欠", "Often in arrears"),
                            ],
                        ),
                        levels(
                            t("技术合作", "Technical collaboration"),
                            50,
                            [
                                t(
                                    "共同开发产品或方案",
                                    "Develops products or solutions with us",
                                ),
                                t("接受我方技术支持", "Takes our technical support"),
                                t("只比价采购", "Buys on price only"),
                            ],
                        ),
                    ],
                ),
            ],
        };
        Scale {
            id: format!("template-{}", self.code()),
            name: format!(
                "{}{}",
                self.label(lang),
                lang.pick("客户分级量表", " grading scale")
            ),
            categories,
            grades: default_grades(),
        }
    }
}

/// The default grades: A ≥ 80, B ≥ 60, C ≥ 0.
pub fn default_grades() -> Vec<GradeRule> {
    [("A", 80), ("B", 60), ("C", 0)]
        .into_iter()
        .map(|(g, s)| GradeRule {
            grade: g.into(),
            min_score: Dec::int(s),
        })
        .collect()
}

/// A scale to build from scratch: a name, no categories, the default grades.
pub fn blank_scale(id: &str, lang: Lang) -> Scale {
    Scale {
        id: id.to_string(),
        name: lang.pick("新客户分级量表", "New grading scale").to_string(),
        categories: Vec::new(),
        grades: default_grades(),
    }
}

/// A level factor with A/B/C at 10/6/2 points.
pub fn level_factor(name: String, weight: i64, texts: [String; 3]) -> Factor {
    levels(name, weight, texts)
}

fn category(name: String, weight: i64, factors: Vec<Factor>) -> Category {
    Category {
        name,
        weight: Dec::int(weight),
        factors,
    }
}

fn levels(name: String, weight: i64, texts: [String; 3]) -> Factor {
    let [a, b, c] = texts;
    Factor {
        name,
        weight: Dec::int(weight),
        levels: [("A", a, 10), ("B", b, 6), ("C", c, 2)]
            .into_iter()
            .map(|(g, text, p)| Level {
                grade: g.into(),
                text,
                points: Some(Dec::int(p)),
            })
            .collect(),
        ..Factor::default()
    }
}

fn metric(
    name: String,
    weight: i64,
    metric: Metric,
    bands: &[(Option<Dec>, Option<Dec>, i64)],
) -> Factor {
    Factor {
        name,
        weight: Dec::int(weight),
        metric: Some(metric.code().to_string()),
        bands: bands
            .iter()
            .map(|(min, max, p)| Band {
                min: *min,
                max: *max,
                points: Some(Dec::int(*p)),
            })
            .collect(),
        ..Factor::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grading::validate_scale;

    #[test]
    fn every_template_validates_in_both_languages() {
        for t in Template::ALL {
            assert_eq!(Template::from_code(t.code()), Some(t));
            for lang in [Lang::Zh, Lang::En] {
                let s = t.scale(lang);
                assert_eq!(validate_scale(&s), [], "{t:?} {lang:?}");
                assert!(s.factors().count() >= 5);
            }
        }
        assert_eq!(Template::KaStore.scale(Lang::Zh).name, "KA门店客户分级量表");
        assert_eq!(
            Template::Industrial.scale(Lang::En).name,
            "Industrial customer grading scale"
        );
    }

    #[test]
    fn a_blank_scale_asks_for_categories() {
        let issues = validate_scale(&blank_scale("s1", Lang::Zh));
        assert_eq!(
            issues
                .iter()
                .map(|i| i.message(Lang::Zh))
                .collect::<Vec<_>>(),
            ["量表还没有分项，请至少添加一个分项（位置：categories）。"]
        );
    }
}
