//! Merging two scales into one, field by field: [`differences`] lists every field where they
//! differ, the user picks a side for each, and [`merge`] builds the unified scale.
//!
//! Categories are matched by name, factors by name within their category, grades by label.
//! Fields: the scale's name; each grade's threshold (or whether to keep a grade only one side
//! has); each category's presence and weight; each factor's presence, weight and definition
//! (its levels, or its metric and bands, as a whole). The merged scale keeps A's id and order
//! (B's extra items after A's) and is validated like any other: weights may need adjusting.

use super::{Category, Factor, GradeRule, Scale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which scale a field is taken from.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The first scale (the default).
    #[default]
    A,
    /// The second scale.
    B,
}

impl Side {
    /// `a` for side A, `b` for side B.
    pub fn choose<T>(self, a: T, b: T) -> T {
        match self {
            Side::A => a,
            Side::B => b,
        }
    }
}

/// What kind of field differs.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// The scale's name.
    Name,
    /// A grade's threshold, or a grade only one side has.
    Grade,
    /// A category only one side has.
    Category,
    /// A category's weight.
    CategoryWeight,
    /// A factor only one side has.
    Factor,
    /// A factor's weight.
    FactorWeight,
    /// A factor's levels, or metric and bands.
    FactorDefinition,
}

impl FieldKind {
    /// What the field is, for the merge table: 量表名称 / Scale name, …
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            FieldKind::Name => lang.pick("量表名称", "Scale name"),
            FieldKind::Grade => lang.pick("级别门槛", "Grade threshold"),
            FieldKind::Category => lang.pick("分项", "Category"),
            FieldKind::CategoryWeight => lang.pick("分项权重", "Category weight"),
            FieldKind::Factor => lang.pick("要素", "Factor"),
            FieldKind::FactorWeight => lang.pick("要素权重", "Factor weight"),
            FieldKind::FactorDefinition => lang.pick(
                "要素定义（等级或区间）",
                "Factor definition (levels or bands)",
            ),
        }
    }
}

/// One field where the scales differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// The key to choose a side for in [`merge`]: `name`, `grade/A`, `category/规模`,
    /// `category/规模/weight`, `factor/规模/合作`, `factor/规模/合作/weight`,
    /// `factor/规模/合作/definition`.
    pub key: String,
    /// The kind of field.
    pub kind: FieldKind,
    /// The category (category and factor fields).
    pub category: Option<String>,
    /// The factor (factor fields) or grade (grade fields).
    pub item: Option<String>,
    /// A's value as compact JSON (`None`: A does not have it).
    pub a: Option<String>,
    /// B's value as compact JSON (`None`: B does not have it).
    pub b: Option<String>,
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn definition(f: &Factor) -> String {
    json(&serde_json::json!({"levels": f.levels, "metric": f.metric, "bands": f.bands}))
}

/// Every field where `a` and `b` differ, in A's order with B's extras after.
pub fn differences(a: &Scale, b: &Scale) -> Vec<Difference> {
    let mut out = Vec::new();
    let diff = |key: String,
                kind,
                category: Option<&str>,
                item: Option<&str>,
                va: Option<String>,
                vb: Option<String>| Difference {
        key,
        kind,
        category: category.map(str::to_string),
        item: item.map(str::to_string),
        a: va,
        b: vb,
    };
    if a.name != b.name {
        out.push(diff(
            "name".into(),
            FieldKind::Name,
            None,
            None,
            Some(json(&a.name)),
            Some(json(&b.name)),
        ));
    }
    for g in union(&a.grades, &b.grades, |g: &GradeRule| g.grade.as_str()) {
        let ga = a.grades.iter().find(|x| x.grade == g);
        let gb = b.grades.iter().find(|x| x.grade == g);
        if ga != gb {
            out.push(diff(
                format!("grade/{g}"),
                FieldKind::Grade,
                None,
                Some(&g),
                ga.map(|x| json(&x.min_score)),
                gb.map(|x| json(&x.min_score)),
            ));
        }
    }
    for c in union(&a.categories, &b.categories, |c: &Category| c.name.as_str()) {
        let ca = a.categories.iter().find(|x| x.name == c);
        let cb = b.categories.iter().find(|x| x.name == c);
        let (ca, cb) = match (ca, cb) {
            (Some(ca), Some(cb)) => (ca, cb),
            (ca, cb) => {
                out.push(diff(
                    format!("category/{c}"),
                    FieldKind::Category,
                    Some(&c),
                    None,
                    ca.map(json),
                    cb.map(json),
                ));
                continue;
            }
        };
        if ca.weight != cb.weight {
            out.push(diff(
                format!("category/{c}/weight"),
                FieldKind::CategoryWeight,
                Some(&c),
                None,
                Some(json(&ca.weight)),
                Some(json(&cb.weight)),
            ));
        }
        for f in union(&ca.factors, &cb.factors, |f: &Factor| f.name.as_str()) {
            let fa = ca.factors.iter().find(|x| x.name == f);
            let fb = cb.factors.iter().find(|x| x.name == f);
            let (fa, fb) = match (fa, fb) {
                (Some(fa), Some(fb)) => (fa, fb),
                (fa, fb) => {
                    out.push(diff(
                        format!("factor/{c}/{f}"),
                        FieldKind::Factor,
                        Some(&c),
                        Some(&f),
                        fa.map(json),
                        fb.map(json),
                    ));
                    continue;
                }
            };
            if fa.weight != fb.weight {
                out.push(diff(
                    format!("factor/{c}/{f}/weight"),
                    FieldKind::FactorWeight,
                    Some(&c),
                    Some(&f),
                    Some(json(&fa.weight)),
                    Some(json(&fb.weight)),
                ));
            }
            let (da, db) = (definition(fa), definition(fb));
            if da != db {
                out.push(diff(
                    format!("factor/{c}/{f}/definition"),
                    FieldKind::FactorDefinition,
                    Some(&c),
                    Some(&f),
                    Some(da),
                    Some(db),
                ));
            }
        }
    }
    out
}

/// The names in `a`'s order, then those only `b` has.
fn union<T>(a: &[T], b: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
    let mut names: Vec<String> = a.iter().map(|x| name(x).to_string()).collect();
    for x in b {
        if !names.iter().any(|n| n == name(x)) {
            names.push(name(x).to_string());
        }
    }
    names
}

/// The unified scale: each field from the side chosen by its key in `choices` (A when not
/// listed). An item only one side has is kept when that side is chosen.
pub fn merge(a: &Scale, b: &Scale, choices: &BTreeMap<String, Side>) -> Scale {
    let pick = |key: String| choices.get(&key).copied().unwrap_or_default();
    let name = pick("name".into()).choose(a.name.clone(), b.name.clone());
    let mut grades = Vec::new();
    for g in union(&a.grades, &b.grades, |g: &GradeRule| g.grade.as_str()) {
        let ga = a.grades.iter().find(|x| x.grade == g);
        let gb = b.grades.iter().find(|x| x.grade == g);
        let chosen = pick(format!("grade/{g}")).choose(ga, gb);
        if let Some(x) = chosen {
            grades.push(x.clone());
        }
    }
    grades.sort_by_key(|g| std::cmp::Reverse(g.min_score));
    let mut categories = Vec::new();
    for c in union(&a.categories, &b.categories, |c: &Category| c.name.as_str()) {
        let ca = a.categories.iter().find(|x| x.name == c);
        let cb = b.categories.iter().find(|x| x.name == c);
        let (ca, cb) = match (ca, cb) {
            (Some(ca), Some(cb)) => (ca, cb),
            (ca, cb) => {
                let chosen = pick(format!("category/{c}")).choose(ca, cb);
                categories.extend(chosen.cloned());
                continue;
            }
        };
        let weight = pick(format!("category/{c}/weight")).choose(ca.weight, cb.weight);
        let mut factors = Vec::new();
        for f in union(&ca.factors, &cb.factors, |f: &Factor| f.name.as_str()) {
            let fa = ca.factors.iter().find(|x| x.name == f);
            let fb = cb.factors.iter().find(|x| x.name == f);
            let (fa, fb) = match (fa, fb) {
                (Some(fa), Some(fb)) => (fa, fb),
                (fa, fb) => {
                    let chosen = pick(format!("factor/{c}/{f}")).choose(fa, fb);
                    factors.extend(chosen.cloned());
                    continue;
                }
            };
            let mut factor =
                pick(format!("factor/{c}/{f}/definition")).choose(fa.clone(), fb.clone());
            factor.weight = pick(format!("factor/{c}/{f}/weight")).choose(fa.weight, fb.weight);
            factors.push(factor);
        }
        categories.push(Category {
            name: c.clone(),
            weight,
            factors,
        });
    }
    Scale {
        id: a.id.clone(),
        name,
        categories,
        grades,
    }
}
