//! What the Grading views share: the chosen scale, the workspace's metrics (computed once per
//! ledger change), scores, and small view pieces (grade badges, the scale picker).

use std::collections::HashMap;

use leptos::prelude::*;
use sandtable_core::Workspace;
use sandtable_core::grading::{
    Dec, Distribution, MemberScore, Metrics, Ratings, Scale, compute_metrics, score_customers,
    validate_scale,
};

use super::store::GradingData;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::AppState;

/// The Grading area's shared state, a `Copy` handle passed to every view.
#[derive(Clone, Copy)]
pub struct GradingContext {
    /// The wizard's working copy, kept across tab switches.
    pub draft: RwSignal<Option<Scale>>,
    /// Bumped when the draft is replaced as a whole, so the wizard rebuilds its fields.
    pub draft_generation: RwSignal<u32>,
    /// The wizard's step.
    pub step: RwSignal<usize>,
    /// Metrics of every customer; recomputed only when the ledgers or customers change.
    pub metrics: Memo<Metrics>,
    /// Reads and writes scales and ratings.
    pub store: GradingData,
    /// Every stored scale.
    pub scales: Memo<Vec<Scale>>,
    /// The stored ratings.
    pub ratings: Memo<Ratings>,
    /// The scale shown (selected, else the first).
    pub current: Memo<Option<Scale>>,
    /// Scores of every customer on the current scale (empty when it is invalid).
    pub scores: Memo<Vec<MemberScore>>,
    /// Customer id → name.
    pub names: Memo<HashMap<String, String>>,
}

/// What the metrics depend on: the workspace, its ledgers' sizes and its customers.
fn ledger_key(w: &Workspace) -> (String, Vec<(String, usize)>, usize) {
    (
        w.id.clone(),
        w.datasets
            .iter()
            .map(|d| (d.id.clone(), d.ledger.rows()))
            .collect(),
        w.customers.len(),
    )
}

impl GradingContext {
    pub fn provide() -> GradingContext {
        let state = AppState::expect();
        let key = Memo::new(move |_| state.workspace.with(|w| w.as_ref().map(ledger_key)));
        let metrics = Memo::new(move |_| {
            key.track();
            state
                .workspace
                .with_untracked(|w| w.as_ref().map(compute_metrics).unwrap_or_default())
        });
        let store = GradingData::new();
        let scales = store.scales;
        let ratings = store.ratings;
        let current = Memo::new(move |_| {
            store
                .grading
                .with(|g| g.active_scale().or_else(|| g.scales.first()).cloned())
        });
        let scores = Memo::new(move |_| {
            current.with(|s| match s {
                Some(s) if validate_scale(s).is_empty() => {
                    metrics.with(|m| ratings.with(|r| score_customers(s, m, r)))
                }
                _ => Vec::new(),
            })
        });
        let names = Memo::new(move |_| {
            state.workspace.with(|w| {
                w.as_ref()
                    .map(|w| {
                        w.customers
                            .iter()
                            .map(|c| (c.id.clone(), c.name.clone()))
                            .collect()
                    })
                    .unwrap_or_default()
            })
        });
        let ctx = GradingContext {
            draft: RwSignal::new(None),
            draft_generation: RwSignal::new(0),
            step: RwSignal::new(0),
            metrics,
            store,
            scales,
            ratings,
            current,
            scores,
            names,
        };
        provide_context(ctx);
        ctx
    }

    /// A customer's name (its id when master data lacks it).
    pub fn name_of(self, id: &str) -> String {
        self.names
            .with(|n| n.get(id).cloned())
            .unwrap_or_else(|| id.to_string())
    }

    /// Replaces the wizard's draft and starts the wizard over at `step`.
    pub fn set_draft(self, scale: Option<Scale>, step: usize) {
        self.draft.set(scale);
        self.draft_generation.update(|g| *g += 1);
        self.step.set(step);
    }
}

/// A score as text with one decimal ("83.5").
pub fn score_text(score: Option<Dec>) -> String {
    match score {
        Some(s) => format!("{:.1}", s.to_f64()),
        None => "—".to_string(),
    }
}

/// The CSS class of a grade: the first three grades of a scale get their own colours.
pub fn grade_class(grade: &str, labels: &[String]) -> &'static str {
    match labels.iter().position(|g| g == grade) {
        Some(0) => "grade grade-A",
        Some(1) => "grade grade-B",
        Some(_) => "grade grade-C",
        None => "grade grade-none",
    }
}

/// A grade as its letter in a coloured box (the letter carries the meaning; colour helps).
#[component]
pub fn GradeBadge(
    /// The grade; `None` shows a dash for "not graded".
    #[prop(into)]
    grade: Signal<Option<String>>,
    /// The scale's grades, best first (for the colour).
    #[prop(into)]
    labels: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match grade.get() {
        Some(g) => {
            let class = labels.with(|l| grade_class(&g, l));
            view! { <span class=class data-grade=g.clone()>{g.clone()}</span> }.into_any()
        }
        None => view! {
            <span class="grade grade-none" data-grade="" title=move || t_string!(i18n, gr_unrated)>"—"</span>
        }
        .into_any(),
    }
    }
}

/// Chooses which stored scale the views show; says what to do when there is none.
#[component]
pub fn ScalePicker(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let current_id = move || ctx.current.with(|s| s.as_ref().map(|s| s.id.clone()));
    view! {
        <Show when=move || ctx.scales.with(|s| !s.is_empty())>
            <div class="scale-bar">
                <label for="gr-scale">{t!(i18n, gr_scale_label)}</label>
                <select
                    id="gr-scale"
                    data-testid="gr-scale-picker"
                    on:change=move |e| ctx.store.set_active(event_target_value(&e))
                >
                    <For
                        each=move || ctx.scales.get()
                        key=|s| (s.id.clone(), s.name.clone())
                        children=move |s| {
                            let id = s.id.clone();
                            let selected = move || current_id().as_deref() == Some(id.as_str());
                            view! { <option value=s.id.clone() selected=selected>{s.name.clone()}</option> }
                        }
                    />
                </select>
            </div>
        </Show>
    }
}

/// Distribution bars: one row per grade and one for the unrated, with counts and shares.
#[component]
pub fn DistributionBars(
    #[prop(into)] dist: Signal<Distribution>,
    #[prop(into)] labels: Signal<Vec<String>>,
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    move || {
        let d = dist.get();
        let total = d.total().max(1);
        let mut rows: Vec<(Option<String>, usize)> = d
            .grades
            .iter()
            .map(|(g, n)| (Some(g.clone()), *n))
            .collect();
        rows.push((None, d.unrated));
        let count_unit = t_string!(i18n, unit_count);
        view! {
            <div class="dist-bars" data-testid=test_id>
                {rows
                    .into_iter()
                    .map(|(g, n)| {
                        let pct = n as f64 * 100.0 / total as f64;
                        let key = g.clone().unwrap_or_else(|| "unrated".into());
                        let show = g.clone();
                        view! {
                            <div class="dist-row" data-testid=format!("{test_id}-{key}") data-value=n.to_string()>
                                <GradeBadge grade=Signal::derive(move || show.clone()) labels=labels />
                                <div class="dist-track" aria-hidden="true">
                                    <div class="dist-fill" style=format!("width:{pct:.1}%")></div>
                                </div>
                                <span class="num">
                                    {sandtable_core::format_count(n as u64, lang.get())}
                                    {count_unit}
                                </span>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        }
    }
}

/// For the wizard's preview: the ratings with every missing level rating of `scale` filled
/// with the factor's middle level (B of A/B/C), so a new scale already spreads the customers.
pub fn with_assumed_levels(scale: &Scale, customers: &[String], ratings: &Ratings) -> Ratings {
    let mut out = ratings.clone();
    for (_, f) in scale.factors() {
        if f.metric.is_some() || f.levels.is_empty() {
            continue;
        }
        let middle = &f.levels[f.levels.len() / 2].grade;
        for c in customers {
            out.entry(c.clone())
                .or_default()
                .entry(f.name.clone())
                .or_insert_with(|| middle.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sandtable_core::Lang;
    use sandtable_core::grading::Template;

    #[test]
    fn assumed_levels_fill_only_missing_level_ratings() {
        let scale = Template::CoreDistributor.scale(Lang::Zh);
        let mut ratings = Ratings::new();
        ratings
            .entry("C1".into())
            .or_default()
            .insert("合作意愿".into(), "A".into());
        let filled = with_assumed_levels(&scale, &["C1".into(), "C2".into()], &ratings);
        assert_eq!(filled["C1"]["合作意愿"], "A");
        assert_eq!(filled["C2"]["合作意愿"], "B");
        assert_eq!(filled["C1"]["资金实力"], "B");
        // Metric factors are never rated.
        assert!(!filled["C1"].contains_key("近12个月销售额"));
        assert_eq!(filled["C2"].len(), 4);
    }

    #[test]
    fn grade_classes_follow_the_scale_order() {
        let labels = vec!["A".to_string(), "B".into(), "C".into()];
        assert_eq!(grade_class("A", &labels), "grade grade-A");
        assert_eq!(grade_class("C", &labels), "grade grade-C");
        assert_eq!(grade_class("X", &labels), "grade grade-none");
        assert_eq!(score_text(Some(Dec(835_000))), "83.5");
        assert_eq!(score_text(None), "—");
    }
}
