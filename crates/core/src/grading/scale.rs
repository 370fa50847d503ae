//! The grading scale (客户分级量表, DOMAIN §3) and its file, `sandtable.scale` version 1
//! (documented in `crates/core/SCALE.md`).
//!
//! The types hold a scale as the user is building it, so they can be incomplete or
//! inconsistent (a level without points, weights that do not add up):
//! [`validate_scale`](super::validate_scale) says what is wrong, rule by rule.

use super::Dec;
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `format` field of every scale file.
pub const SCALE_FORMAT: &str = "sandtable.scale";
/// The newest scale file version this build reads, and the one it writes.
pub const SCALE_VERSION: u32 = 1;
/// Scale files larger than this are refused before parsing (1 MiB; a large scale is 20 kB).
pub const MAX_SCALE_BYTES: usize = 1024 * 1024;

/// A grading scale: categories of weighted factors, and grade thresholds on the 0–100 score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// A stable id.
    pub id: String,
    /// The name the user sees ("核心经销商分级量表").
    pub name: String,
    /// Categories (分项); their weights are percentages summing to 100.
    pub categories: Vec<Category>,
    /// Grades, best first, with the lowest score each needs.
    pub grades: Vec<GradeRule>,
}

/// A category (分项) of factors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// The name ("客户规模").
    pub name: String,
    /// The weight in percent of the whole score.
    pub weight: Dec,
    /// The factors (要素); their weights are percentages of the category, summing to 100.
    pub factors: Vec<Factor>,
}

/// A factor (要素): either levels the manager rates (A/B/C, each described and given points)
/// or a ledger metric mapped to points by bands. A factor with `metric` set is a metric
/// factor; otherwise it is a level factor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    /// The name, unique within the scale ("合作意愿"); ratings refer to factors by it.
    pub name: String,
    /// The weight in percent of its category.
    pub weight: Dec,
    /// The levels of a level factor, best first by convention.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// The metric of a metric factor: a [`Metric`] code such as "amount_12m".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// The bands of a metric factor: `min` inclusive, `max` exclusive, `None` unbounded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
}

/// One level of a level factor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// The level's label ("A").
    pub grade: String,
    /// What a customer at this level looks like.
    #[serde(default)]
    pub text: String,
    /// The points it gives (missing while the user has not entered them).
    #[serde(default)]
    pub points: Option<Dec>,
}

/// One band of a metric factor: values in `[min, max)` get `points`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    /// The lowest value in the band (inclusive); `None`: no lower bound.
    #[serde(default)]
    pub min: Option<Dec>,
    /// The first value above the band (exclusive); `None`: no upper bound.
    #[serde(default)]
    pub max: Option<Dec>,
    /// The points it gives (missing while the user has not entered them).
    #[serde(default)]
    pub points: Option<Dec>,
}

impl Band {
    /// Whether the value lies in the band.
    pub fn contains(&self, value: Dec) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value < m)
    }
}

/// A grade and the lowest score that earns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeRule {
    /// The grade ("A").
    pub grade: String,
    /// The lowest score (0–100) that earns it.
    pub min_score: Dec,
}

/// The ledger metrics a factor can use, computed per customer over the 12 calendar months
/// ending with the month of the ledger's last date (see [`super::metrics`]).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Net sales amount, yuan.
    Amount12m,
    /// Growth of the amount against the 12 calendar months before the window, %.
    Growth12m,
    /// Gross margin, % of the amount.
    GrossMargin12m,
    /// Orders: distinct order ids (a row without one counts its date).
    Orders12m,
    /// Months with a positive net amount (0–12).
    ActiveMonths12m,
    /// Distinct products bought (rows with a positive amount).
    Skus12m,
}

impl Metric {
    /// All metrics, in display order.
    pub const ALL: [Metric; 6] = [
        Metric::Amount12m,
        Metric::Growth12m,
        Metric::GrossMargin12m,
        Metric::Orders12m,
        Metric::ActiveMonths12m,
        Metric::Skus12m,
    ];

    /// The code used in files.
    pub fn code(self) -> &'static str {
        match self {
            Metric::Amount12m => "amount_12m",
            Metric::Growth12m => "growth_12m",
            Metric::GrossMargin12m => "gross_margin_12m",
            Metric::Orders12m => "orders_12m",
            Metric::ActiveMonths12m => "active_months_12m",
            Metric::Skus12m => "skus_12m",
        }
    }

    /// The metric for a file code.
    pub fn from_code(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Its position in [`Metric::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name shown to users.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Metric::Amount12m => lang.pick("近12个月销售额", "Sales, last 12 months"),
            Metric::Growth12m => lang.pick("近12个月增长率", "Growth, last 12 months"),
            Metric::GrossMargin12m => lang.pick("近12个月毛利率", "Gross margin, last 12 months"),
            Metric::Orders12m => lang.pick("近12个月订单数", "Orders, last 12 months"),
            Metric::ActiveMonths12m => {
                lang.pick("近12个月有进货月数", "Active months, last 12 months")
            }
            Metric::Skus12m => lang.pick("近12个月进货品项数", "Products bought, last 12 months"),
        }
    }

    /// The unit of its values.
    pub fn unit(self, lang: Lang) -> &'static str {
        match self {
            Metric::Amount12m => lang.pick("元", "yuan"),
            Metric::Growth12m | Metric::GrossMargin12m => "%",
            Metric::Orders12m => lang.pick("单", "orders"),
            Metric::ActiveMonths12m => lang.pick("个月", "months"),
            Metric::Skus12m => lang.pick("个品项", "products"),
        }
    }
}

/// What a factor is, read from its fields.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FactorKind<'a> {
    /// Rated by the manager on these levels.
    Levels(&'a [Level]),
    /// Computed from the ledger and mapped by these bands.
    Metric(Metric, &'a [Band]),
    /// A metric code this build does not know.
    UnknownMetric(&'a str),
}

impl Factor {
    /// Whether it is a level factor, a metric factor or one with an unknown metric.
    pub fn kind(&self) -> FactorKind<'_> {
        match &self.metric {
            None => FactorKind::Levels(&self.levels),
            Some(code) => match Metric::from_code(code) {
                Some(m) => FactorKind::Metric(m, &self.bands),
                None => FactorKind::UnknownMetric(code),
            },
        }
    }

    /// The highest points of its levels (level factors) or bands (metric factors), if any.
    pub fn max_points(&self) -> Option<Dec> {
        if self.metric.is_some() {
            self.bands.iter().filter_map(|b| b.points).max()
        } else {
            self.levels.iter().filter_map(|l| l.points).max()
        }
    }
}

impl Scale {
    /// Every factor with its category's index, in order.
    pub fn factors(&self) -> impl Iterator<Item = (usize, &Factor)> {
        self.categories
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.factors.iter().map(move |f| (i, f)))
    }

    /// The factor with this name.
    pub fn factor(&self, name: &str) -> Option<&Factor> {
        self.factors().map(|(_, f)| f).find(|f| f.name == name)
    }

    /// The grade labels, best first.
    pub fn grade_labels(&self) -> Vec<String> {
        self.grades.iter().map(|g| g.grade.clone()).collect()
    }

    /// The grade a score earns: the first whose `min_score` it reaches.
    pub fn grade_for(&self, score: Dec) -> Option<&str> {
        self.grades
            .iter()
            .find(|g| score >= g.min_score)
            .map(|g| g.grade.as_str())
    }
}

/// The file's top level.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    scale: &'a Scale,
}

/// The scale as a scale file (pretty-printed JSON, so that groups can read and diff it).
pub fn scale_to_json(scale: &Scale) -> String {
    let envelope = Envelope {
        format: SCALE_FORMAT,
        version: SCALE_VERSION,
        scale,
    };
    // Plain structs with string keys always serialise.
    serde_json::to_string_pretty(&envelope).unwrap_or_default()
}

/// Reads a scale file: size, JSON, `format`, `version`, then the fields. The scale is not
/// validated: call [`validate_scale`](super::validate_scale) and refuse it on any error.
pub fn scale_from_json(text: &str) -> Result<Scale, ScaleFileError> {
    let (_, fields) = crate::envelope::open(text, SCALE_FORMAT, SCALE_VERSION, MAX_SCALE_BYTES)?;
    Ok(crate::envelope::fields(fields)?)
}

impl From<crate::envelope::EnvelopeError> for ScaleFileError {
    fn from(e: crate::envelope::EnvelopeError) -> ScaleFileError {
        use crate::envelope::EnvelopeError as E;
        match e {
            E::TooLarge { bytes, limit } => ScaleFileError::TooLarge { bytes, limit },
            E::Empty => ScaleFileError::Empty,
            E::NotJson { detail } => ScaleFileError::NotJson { detail },
            E::WrongFormat { found } => ScaleFileError::NotAScale { found },
            E::NewerVersion { found, supported } => {
                ScaleFileError::NewerVersion { found, supported }
            }
            E::BadVersion => ScaleFileError::BadVersion,
            E::Invalid { path, detail } => ScaleFileError::Invalid { path, detail },
        }
    }
}

/// Why a file could not be read as a scale. Each message says what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScaleFileError {
    /// Larger than [`MAX_SCALE_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Empty or only white space.
    Empty,
    /// Not JSON (or nested absurdly deep, or cut off).
    NotJson {
        /// The parser's description (English).
        detail: String,
    },
    /// JSON, but not a scale file.
    NotAScale {
        /// The `format` it declares, if any.
        found: Option<String>,
    },
    /// Made by a newer version of the app.
    NewerVersion {
        /// The file's version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// `version` missing or not a positive integer.
    BadVersion,
    /// A field is missing or has the wrong type.
    Invalid {
        /// Where: `categories[0].factors[1].weight`.
        path: String,
        /// What is wrong (English, from the reader).
        detail: String,
    },
}

impl ScaleFileError {
    /// A message for the user, saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ScaleFileError::TooLarge { bytes, limit }, Lang::Zh) => format!(
                "文件过大（{bytes} 字节，量表文件上限为 {limit} 字节），不是量表文件。请选择由生意沙盘导出的量表文件。"
            ),
            (ScaleFileError::TooLarge { bytes, limit }, Lang::En) => format!(
                "The file is too large to be a scale ({bytes} bytes; the limit is {limit}). Choose a scale file exported from Sandtable."
            ),
            (ScaleFileError::Empty, Lang::Zh) => {
                "文件是空的。请选择由生意沙盘导出的量表文件（.json）。".into()
            }
            (ScaleFileError::Empty, Lang::En) => {
                "The file is empty. Choose a scale file exported from Sandtable (.json).".into()
            }
            (ScaleFileError::NotJson { detail }, Lang::Zh) => format!(
                "文件不是有效的 JSON（{detail}）。请选择由生意沙盘导出的量表文件。"
            ),
            (ScaleFileError::NotJson { detail }, Lang::En) => format!(
                "The file is not valid JSON ({detail}). Choose a scale file exported from Sandtable."
            ),
            (ScaleFileError::NotAScale { found: Some(f) }, Lang::Zh) => format!(
                "这是 JSON 文件，但不是量表文件（其格式为“{f}”，应为“{SCALE_FORMAT}”）。"
            ),
            (ScaleFileError::NotAScale { found: Some(f) }, Lang::En) => format!(
                "This JSON file is not a scale (its format is \"{f}\", not \"{SCALE_FORMAT}\")."
            ),
            (ScaleFileError::NotAScale { found: None }, Lang::Zh) => format!(
                "这是 JSON 文件，但不是量表文件（缺少 \"format\": \"{SCALE_FORMAT}\"）。"
            ),
            (ScaleFileError::NotAScale { found: None }, Lang::En) => format!(
                "This JSON file is not a scale (it lacks \"format\": \"{SCALE_FORMAT}\")."
            ),
            (ScaleFileError::NewerVersion { found, supported }, Lang::Zh) => format!(
                "该量表文件由更新版本的生意沙盘创建（文件版本 {found}，本应用支持到 {supported}）。请更新应用后再导入。"
            ),
            (ScaleFileError::NewerVersion { found, supported }, Lang::En) => format!(
                "This scale file was made by a newer Sandtable (file version {found}; this app reads up to version {supported}). Update the app, then import it again."
            ),
            (ScaleFileError::BadVersion, Lang::Zh) => {
                "量表文件的版本号缺失或无效，文件可能已损坏。请重新导出该量表。".into()
            }
            (ScaleFileError::BadVersion, Lang::En) => {
                "The scale file's version number is missing or invalid, so the file may be damaged. Export the scale again.".into()
            }
            (ScaleFileError::Invalid { path, detail }, Lang::Zh) => format!(
                "量表文件内容有误：{}（{detail}）。请修正该字段，或重新导出该量表。",
                if path.is_empty() { "顶层" } else { path }
            ),
            (ScaleFileError::Invalid { path, detail }, Lang::En) => format!(
                "The scale file has an invalid value at {} ({detail}). Fix that field, or export the scale again.",
                if path.is_empty() { "the top level" } else { path }
            ),
        }
    }
}

impl fmt::Display for ScaleFileError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ScaleFileError {}
