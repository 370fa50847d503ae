//! The rules a scale must keep, each with its own message (zh and en), as data.

use super::{Dec, FactorKind, Scale};
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// One broken rule, and where (`categories[0].factors[1].bands[2]`). Every issue is an error:
/// a scale with any issue is not used for scoring, exported or imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleIssue {
    /// Where, as a path into the scale file.
    pub path: String,
    /// Which rule.
    pub kind: ScaleIssueKind,
}

/// The rules. Names in the variants are the user's, for the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ScaleIssueKind {
    /// The scale, a category, a factor, a level or a grade has an empty name.
    EmptyName {
        /// "scale", "category", "factor", "level" or "grade".
        what: String,
    },
    /// Two categories share a name.
    DuplicateCategory { name: String },
    /// Two factors share a name (anywhere in the scale: ratings refer to factors by name).
    DuplicateFactor { name: String },
    /// The scale has no categories.
    NoCategories,
    /// A category has no factors.
    NoFactors { category: String },
    /// A weight below zero.
    NegativeWeight { name: String },
    /// Category weights do not add up to 100.
    CategoryWeights { sum: Dec },
    /// Factor weights within a category do not add up to 100.
    FactorWeights { category: String, sum: Dec },
    /// A level factor without levels.
    NoLevels { factor: String },
    /// A level without points.
    LevelWithoutPoints { factor: String, level: String },
    /// Two levels of a factor share a label.
    DuplicateLevel { factor: String, level: String },
    /// A factor has both levels and a metric with bands.
    MixedFactor { factor: String },
    /// A metric this build does not know.
    UnknownMetric { factor: String, metric: String },
    /// A metric factor without bands.
    NoBands { factor: String },
    /// A band without points.
    BandWithoutPoints { factor: String, band: usize },
    /// Points below zero.
    NegativePoints { factor: String },
    /// A factor whose highest points are not above zero (nothing to score against).
    NoPositivePoints { factor: String },
    /// The first band has a lower bound: lower values fall outside every band.
    FirstBandBounded { factor: String, min: Dec },
    /// The last band has an upper bound: higher values fall outside every band.
    LastBandBounded { factor: String, max: Dec },
    /// A band other than the first is unbounded below, or other than the last unbounded above.
    UnboundedInside { factor: String, band: usize },
    /// A band whose `min` is not below its `max`.
    EmptyBand {
        factor: String,
        band: usize,
        min: Dec,
        max: Dec,
    },
    /// Bands out of order (by `min`).
    BandsNotSorted { factor: String, band: usize },
    /// Values between two bands fall in neither.
    BandGap {
        factor: String,
        band: usize,
        from: Dec,
        to: Dec,
    },
    /// Values in two bands at once.
    BandOverlap {
        factor: String,
        band: usize,
        from: Dec,
        to: Dec,
    },
    /// The scale has no grades.
    NoGrades,
    /// Two grades share a label.
    DuplicateGrade { grade: String },
    /// A grade threshold outside 0–100.
    ThresholdOutOfRange { grade: String, min_score: Dec },
    /// Grade thresholds not strictly descending.
    ThresholdsNotDescending {
        grade: String,
        min_score: Dec,
        previous: Dec,
    },
    /// The last grade does not start at 0, so low scores would get no grade.
    LastThresholdNotZero { grade: String, min_score: Dec },
}

/// The part of the scale a rule is about: the wizard shows each issue at its step.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleArea {
    /// The scale's own name.
    Scale,
    /// Categories and their weights.
    Categories,
    /// Factors, their weights, levels and bands.
    Factors,
    /// Grade thresholds.
    Grades,
}

impl ScaleIssueKind {
    /// The part of the scale the rule is about.
    pub fn area(&self) -> ScaleArea {
        use ScaleIssueKind as K;
        match self {
            K::EmptyName { what } => match what.as_str() {
                "scale" => ScaleArea::Scale,
                "category" => ScaleArea::Categories,
                "grade" => ScaleArea::Grades,
                _ => ScaleArea::Factors,
            },
            K::DuplicateCategory { .. } | K::NoCategories | K::CategoryWeights { .. } => {
                ScaleArea::Categories
            }
            K::NegativeWeight { .. } => ScaleArea::Categories,
            K::NoGrades
            | K::DuplicateGrade { .. }
            | K::ThresholdOutOfRange { .. }
            | K::ThresholdsNotDescending { .. }
            | K::LastThresholdNotZero { .. } => ScaleArea::Grades,
            _ => ScaleArea::Factors,
        }
    }
}

impl ScaleIssue {
    /// The part of the scale the issue is about (a negative factor weight is a factor issue).
    pub fn area(&self) -> ScaleArea {
        match self.kind {
            ScaleIssueKind::NegativeWeight { .. } if self.path.contains("factors[") => {
                ScaleArea::Factors
            }
            _ => self.kind.area(),
        }
    }
}

fn what_label(what: &str, lang: Lang) -> &str {
    match what {
        "scale" => lang.pick("量表", "scale"),
        "category" => lang.pick("分项", "category"),
        "factor" => lang.pick("要素", "factor"),
        "level" => lang.pick("等级", "level"),
        "grade" => lang.pick("客户级别", "grade"),
        other => other,
    }
}

impl ScaleIssue {
    fn new(path: impl Into<String>, kind: ScaleIssueKind) -> ScaleIssue {
        ScaleIssue {
            path: path.into(),
            kind,
        }
    }

    /// A sentence saying which rule is broken, where, and (mostly) how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        use ScaleIssueKind as K;
        let zh = lang == Lang::Zh;
        let text = match &self.kind {
            K::EmptyName { what } => {
                if zh {
                    format!("{}名称不能为空", what_label(what, lang))
                } else {
                    format!("A {} has no name", what_label(what, lang))
                }
            }
            K::DuplicateCategory { name } => {
                if zh {
                    format!("分项名称“{name}”重复，请改用不同的名称")
                } else {
                    format!("Two categories are named \"{name}\"; give them different names")
                }
            }
            K::DuplicateFactor { name } => {
                if zh {
                    format!("要素名称“{name}”重复（整个量表内要素名称须唯一），请改用不同的名称")
                } else {
                    format!(
                        "Two factors are named \"{name}\" (factor names must be unique in the scale); give them different names"
                    )
                }
            }
            K::NoCategories => lang
                .pick(
                    "量表还没有分项，请至少添加一个分项",
                    "The scale has no categories; add at least one",
                )
                .to_string(),
            K::NoFactors { category } => {
                if zh {
                    format!("分项“{category}”还没有要素，请至少添加一个要素")
                } else {
                    format!("The category \"{category}\" has no factors; add at least one")
                }
            }
            K::NegativeWeight { name } => {
                if zh {
                    format!("“{name}”的权重不能为负数")
                } else {
                    format!("The weight of \"{name}\" is negative")
                }
            }
            K::CategoryWeights { sum } => {
                if zh {
                    format!("各分项权重合计为 {sum}%，应为 100%")
                } else {
                    format!("The category weights add up to {sum}%, not 100%")
                }
            }
            K::FactorWeights { category, sum } => {
                if zh {
                    format!("分项“{category}”内各要素权重合计为 {sum}%，应为 100%")
                } else {
                    format!(
                        "The factor weights in the category \"{category}\" add up to {sum}%, not 100%"
                    )
                }
            }
            K::NoLevels { factor } => {
                if zh {
                    format!("要素“{factor}”没有等级，请添加等级（如 A/B/C）或改为台账指标")
                } else {
                    format!(
                        "The factor \"{factor}\" has no levels; add levels (such as A/B/C) or make it a ledger metric"
                    )
                }
            }
            K::LevelWithoutPoints { factor, level } => {
                if zh {
                    format!("要素“{factor}”的等级“{level}”还没有分值")
                } else {
                    format!("The level \"{level}\" of the factor \"{factor}\" has no points")
                }
            }
            K::DuplicateLevel { factor, level } => {
                if zh {
                    format!("要素“{factor}”的等级“{level}”重复")
                } else {
                    format!("The factor \"{factor}\" has the level \"{level}\" more than once")
                }
            }
            K::MixedFactor { factor } => {
                if zh {
                    format!("要素“{factor}”同时有等级和台账指标，只能二选一")
                } else {
                    format!(
                        "The factor \"{factor}\" has both levels and a ledger metric; it must be one or the other"
                    )
                }
            }
            K::UnknownMetric { factor, metric } => {
                let known: Vec<&str> = super::Metric::ALL.iter().map(|m| m.code()).collect();
                if zh {
                    format!(
                        "要素“{factor}”使用了未知的台账指标“{metric}”（可用：{}）",
                        known.join("、")
                    )
                } else {
                    format!(
                        "The factor \"{factor}\" uses the unknown metric \"{metric}\" (known: {})",
                        known.join(", ")
                    )
                }
            }
            K::NoBands { factor } => {
                if zh {
                    format!("要素“{factor}”没有区间，请添加覆盖全部取值的区间")
                } else {
                    format!("The factor \"{factor}\" has no bands; add bands covering every value")
                }
            }
            K::BandWithoutPoints { factor, band } => {
                if zh {
                    format!("要素“{factor}”的第 {} 个区间还没有分值", band + 1)
                } else {
                    format!("Band {} of the factor \"{factor}\" has no points", band + 1)
                }
            }
            K::NegativePoints { factor } => {
                if zh {
                    format!("要素“{factor}”的分值不能为负数")
                } else {
                    format!("The factor \"{factor}\" has negative points")
                }
            }
            K::NoPositivePoints { factor } => {
                if zh {
                    format!("要素“{factor}”的最高分值须大于 0")
                } else {
                    format!("The highest points of the factor \"{factor}\" must be above 0")
                }
            }
            K::FirstBandBounded { factor, min } => {
                if zh {
                    format!(
                        "要素“{factor}”的第一个区间下限应为空（不设下限），否则低于 {min} 的值不落在任何区间"
                    )
                } else {
                    format!(
                        "The first band of the factor \"{factor}\" must have no minimum; values below {min} fall in no band"
                    )
                }
            }
            K::LastBandBounded { factor, max } => {
                if zh {
                    format!(
                        "要素“{factor}”的最后一个区间上限应为空（不设上限），否则 {max} 及以上的值不落在任何区间"
                    )
                } else {
                    format!(
                        "The last band of the factor \"{factor}\" must have no maximum; values from {max} up fall in no band"
                    )
                }
            }
            K::UnboundedInside { factor, band } => {
                if zh {
                    format!(
                        "要素“{factor}”的第 {} 个区间缺少上限或下限（只有第一个区间可不设下限、最后一个区间可不设上限）",
                        band + 1
                    )
                } else {
                    format!(
                        "Band {} of the factor \"{factor}\" lacks a bound (only the first band may have no minimum and only the last no maximum)",
                        band + 1
                    )
                }
            }
            K::EmptyBand {
                factor,
                band,
                min,
                max,
            } => {
                if zh {
                    format!(
                        "要素“{factor}”的第 {} 个区间下限 {min} 不小于上限 {max}",
                        band + 1
                    )
                } else {
                    format!(
                        "Band {} of the factor \"{factor}\" has a minimum ({min}) not below its maximum ({max})",
                        band + 1
                    )
                }
            }
            K::BandsNotSorted { factor, band } => {
                if zh {
                    format!(
                        "要素“{factor}”的区间未按从小到大排列（第 {} 个区间）",
                        band + 1
                    )
                } else {
                    format!(
                        "The bands of the factor \"{factor}\" are not in ascending order (band {})",
                        band + 1
                    )
                }
            }
            K::BandGap {
                factor,
                band,
                from,
                to,
            } => {
                if zh {
                    format!(
                        "要素“{factor}”的第 {} 与第 {} 个区间之间有空缺：{from} 到 {to} 之间的值不落在任何区间",
                        band,
                        band + 1
                    )
                } else {
                    format!(
                        "The factor \"{factor}\" has a gap between bands {} and {}: values from {from} to {to} fall in no band",
                        band,
                        band + 1
                    )
                }
            }
            K::BandOverlap {
                factor,
                band,
                from,
                to,
            } => {
                if zh {
                    format!(
                        "要素“{factor}”的第 {} 与第 {} 个区间重叠：{from} 到 {to} 之间的值同时落在两个区间",
                        band,
                        band + 1
                    )
                } else {
                    format!(
                        "Bands {} and {} of the factor \"{factor}\" overlap: values from {from} to {to} fall in both",
                        band,
                        band + 1
                    )
                }
            }
            K::NoGrades => lang
                .pick(
                    "量表还没有客户级别，请添加级别及其最低得分",
                    "The scale has no grades; add grades with their lowest scores",
                )
                .to_string(),
            K::DuplicateGrade { grade } => {
                if zh {
                    format!("客户级别“{grade}”重复")
                } else {
                    format!("The grade \"{grade}\" appears more than once")
                }
            }
            K::ThresholdOutOfRange { grade, min_score } => {
                if zh {
                    format!("级别“{grade}”的最低得分 {min_score} 不在 0–100 之间")
                } else {
                    format!(
                        "The lowest score of the grade \"{grade}\" ({min_score}) is not within 0–100"
                    )
                }
            }
            K::ThresholdsNotDescending {
                grade,
                min_score,
                previous,
            } => {
                if zh {
                    format!(
                        "级别须从高到低排列：“{grade}”的最低得分 {min_score} 应低于上一级的 {previous}"
                    )
                } else {
                    format!(
                        "Grades must go from best to worst: the lowest score of \"{grade}\" ({min_score}) must be below the one before ({previous})"
                    )
                }
            }
            K::LastThresholdNotZero { grade, min_score } => {
                if zh {
                    format!(
                        "最后一个级别“{grade}”的最低得分应为 0（现为 {min_score}），否则低分客户没有级别"
                    )
                } else {
                    format!(
                        "The last grade \"{grade}\" must start at 0 (it starts at {min_score}), or low scores get no grade"
                    )
                }
            }
        };
        if self.path.is_empty() {
            format!("{text}{}", lang.pick("。", "."))
        } else if zh {
            format!("{text}（位置：{}）。", self.path)
        } else {
            format!("{text} (at {}).", self.path)
        }
    }
}

impl fmt::Display for ScaleIssue {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Every broken rule of the scale, in file order (empty: the scale is valid).
pub fn validate_scale(scale: &Scale) -> Vec<ScaleIssue> {
    use ScaleIssueKind as K;
    let mut out = Vec::new();
    let mut push = |path: String, kind| out.push(ScaleIssue::new(path, kind));
    if scale.name.trim().is_empty() {
        push(
            "name".into(),
            K::EmptyName {
                what: "scale".into(),
            },
        );
    }
    if scale.categories.is_empty() {
        push("categories".into(), K::NoCategories);
    }
    let mut category_names = HashSet::new();
    let mut factor_names = HashSet::new();
    for (ci, c) in scale.categories.iter().enumerate() {
        let cp = format!("categories[{ci}]");
        if c.name.trim().is_empty() {
            push(
                format!("{cp}.name"),
                K::EmptyName {
                    what: "category".into(),
                },
            );
        } else if !category_names.insert(c.name.as_str()) {
            push(
                format!("{cp}.name"),
                K::DuplicateCategory {
                    name: c.name.clone(),
                },
            );
        }
        if c.weight < Dec::ZERO {
            push(
                format!("{cp}.weight"),
                K::NegativeWeight {
                    name: c.name.clone(),
                },
            );
        }
        if c.factors.is_empty() {
            push(
                format!("{cp}.factors"),
                K::NoFactors {
                    category: c.name.clone(),
                },
            );
            continue;
        }
        for (fi, f) in c.factors.iter().enumerate() {
            let fp = format!("{cp}.factors[{fi}]");
            let name = f.name.clone();
            if f.name.trim().is_empty() {
                push(
                    format!("{fp}.name"),
                    K::EmptyName {
                        what: "factor".into(),
                    },
                );
            } else if !factor_names.insert(f.name.as_str()) {
                push(
                    format!("{fp}.name"),
                    K::DuplicateFactor { name: name.clone() },
                );
            }
            if f.weight < Dec::ZERO {
                push(
                    format!("{fp}.weight"),
                    K::NegativeWeight { name: name.clone() },
                );
            }
            let is_metric = f.metric.is_some();
            if (is_metric && !f.levels.is_empty()) || (!is_metric && !f.bands.is_empty()) {
                push(
                    fp.clone(),
                    K::MixedFactor {
                        factor: name.clone(),
                    },
                );
            }
            let mut points = Vec::new();
            match f.kind() {
                FactorKind::Levels(levels) => {
                    if levels.is_empty() {
                        push(
                            format!("{fp}.levels"),
                            K::NoLevels {
                                factor: name.clone(),
                            },
                        );
                    }
                    let mut seen = HashSet::new();
                    for (li, l) in levels.iter().enumerate() {
                        let lp = format!("{fp}.levels[{li}]");
                        if l.grade.trim().is_empty() {
                            push(
                                format!("{lp}.grade"),
                                K::EmptyName {
                                    what: "level".into(),
                                },
                            );
                        } else if !seen.insert(l.grade.as_str()) {
                            push(
                                format!("{lp}.grade"),
                                K::DuplicateLevel {
                                    factor: name.clone(),
                                    level: l.grade.clone(),
                                },
                            );
                        }
                        match l.points {
                            Some(p) => points.push(p),
                            None => push(
                                format!("{lp}.points"),
                                K::LevelWithoutPoints {
                                    factor: name.clone(),
                                    level: l.grade.clone(),
                                },
                            ),
                        }
                    }
                }
                FactorKind::UnknownMetric(code) => push(
                    format!("{fp}.metric"),
                    K::UnknownMetric {
                        factor: name.clone(),
                        metric: code.to_string(),
                    },
                ),
                FactorKind::Metric(_, bands) => {
                    for (bi, b) in bands.iter().enumerate() {
                        match b.points {
                            Some(p) => points.push(p),
                            None => push(
                                format!("{fp}.bands[{bi}].points"),
                                K::BandWithoutPoints {
                                    factor: name.clone(),
                                    band: bi,
                                },
                            ),
                        }
                    }
                    for issue in check_bands(&name, bands) {
                        push(format!("{fp}.{}", issue.path), issue.kind);
                    }
                }
            }
            if points.iter().any(|p| *p < Dec::ZERO) {
                push(
                    fp.clone(),
                    K::NegativePoints {
                        factor: name.clone(),
                    },
                );
            }
            if !points.is_empty() && points.iter().all(|p| *p <= Dec::ZERO) {
                push(
                    fp.clone(),
                    K::NoPositivePoints {
                        factor: name.clone(),
                    },
                );
            }
        }
        let sum: Dec = c.factors.iter().map(|f| f.weight).sum();
        if sum != Dec::HUNDRED {
            push(
                format!("{cp}.factors"),
                K::FactorWeights {
                    category: c.name.clone(),
                    sum,
                },
            );
        }
    }
    if !scale.categories.is_empty() {
        let sum: Dec = scale.categories.iter().map(|c| c.weight).sum();
        if sum != Dec::HUNDRED {
            push("categories".into(), K::CategoryWeights { sum });
        }
    }
    if scale.grades.is_empty() {
        push("grades".into(), K::NoGrades);
    }
    let mut grades = HashSet::new();
    let mut previous: Option<Dec> = None;
    for (gi, g) in scale.grades.iter().enumerate() {
        let gp = format!("grades[{gi}]");
        if g.grade.trim().is_empty() {
            push(
                format!("{gp}.grade"),
                K::EmptyName {
                    what: "grade".into(),
                },
            );
        } else if !grades.insert(g.grade.as_str()) {
            push(
                format!("{gp}.grade"),
                K::DuplicateGrade {
                    grade: g.grade.clone(),
                },
            );
        }
        if g.min_score < Dec::ZERO || g.min_score > Dec::HUNDRED {
            push(
                format!("{gp}.min_score"),
                K::ThresholdOutOfRange {
                    grade: g.grade.clone(),
                    min_score: g.min_score,
                },
            );
        }
        if let Some(prev) = previous
            && g.min_score >= prev
        {
            push(
                format!("{gp}.min_score"),
                K::ThresholdsNotDescending {
                    grade: g.grade.clone(),
                    min_score: g.min_score,
                    previous: prev,
                },
            );
        }
        previous = Some(g.min_score);
    }
    if let Some((gi, last)) = scale.grades.iter().enumerate().next_back()
        && last.min_score != Dec::ZERO
    {
        push(
            format!("grades[{gi}].min_score"),
            K::LastThresholdNotZero {
                grade: last.grade.clone(),
                min_score: last.min_score,
            },
        );
    }
    out
}

/// The band rules of one metric factor; paths relative to the factor (`bands[2].min`).
fn check_bands(factor: &str, bands: &[super::Band]) -> Vec<ScaleIssue> {
    use ScaleIssueKind as K;
    let mut out = Vec::new();
    let factor = factor.to_string();
    if bands.is_empty() {
        out.push(ScaleIssue::new("bands", K::NoBands { factor }));
        return out;
    }
    let last = bands.len() - 1;
    for (i, b) in bands.iter().enumerate() {
        if i == 0
            && let Some(min) = b.min
        {
            out.push(ScaleIssue::new(
                "bands[0].min",
                K::FirstBandBounded {
                    factor: factor.clone(),
                    min,
                },
            ));
        }
        if i == last
            && let Some(max) = b.max
        {
            out.push(ScaleIssue::new(
                format!("bands[{i}].max"),
                K::LastBandBounded {
                    factor: factor.clone(),
                    max,
                },
            ));
        }
        if (i > 0 && b.min.is_none()) || (i < last && b.max.is_none()) {
            out.push(ScaleIssue::new(
                format!("bands[{i}]"),
                K::UnboundedInside {
                    factor: factor.clone(),
                    band: i,
                },
            ));
        }
        if let (Some(min), Some(max)) = (b.min, b.max)
            && min >= max
        {
            out.push(ScaleIssue::new(
                format!("bands[{i}]"),
                K::EmptyBand {
                    factor: factor.clone(),
                    band: i,
                    min,
                    max,
                },
            ));
        }
    }
    for (i, pair) in bands.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let next = i + 1;
        if let (Some(amin), Some(bmin)) = (a.min, b.min)
            && bmin < amin
        {
            out.push(ScaleIssue::new(
                format!("bands[{next}].min"),
                K::BandsNotSorted {
                    factor: factor.clone(),
                    band: next,
                },
            ));
            continue;
        }
        if let (Some(amax), Some(bmin)) = (a.max, b.min) {
            if amax < bmin {
                out.push(ScaleIssue::new(
                    format!("bands[{next}].min"),
                    K::BandGap {
                        factor: factor.clone(),
                        band: next,
                        from: amax,
                        to: bmin,
                    },
                ));
            } else if amax > bmin {
                out.push(ScaleIssue::new(
                    format!("bands[{next}].min"),
                    K::BandOverlap {
                        factor: factor.clone(),
                        band: next,
                        from: bmin,
                        to: amax,
                    },
                ));
            }
        }
    }
    out
}
