//! The scale wizard (量表设计): start (template, blank, the current scale or a file) →
//! categories and weights → factors (levels or a metric with bands) → grade thresholds, then
//! save. Every step validates live with the core's rules, and a side panel previews the grade
//! distribution the draft gives the workspace's customers.
//!
//! Fields are built from the draft's *shape* (how many categories, factors, levels, bands) and
//! read their values once, so typing never rebuilds the field being typed in.

use leptos::prelude::*;
use sandtable_core::grading::{
    Band, Category, Dec, Factor, GradeRule, Level, Metric, Scale, ScaleArea, ScaleIssue, Template,
    blank_scale, default_grades, distribution, score_customers, validate_scale,
};

use super::View;
use super::io::{ExportScaleButton, ImportScale};
use super::shared::{DistributionBars, GradingContext, with_assumed_levels};
use crate::context::use_lang;
use crate::i18n::*;

const STEPS: usize = 4;

/// The draft's structure; fields are rebuilt only when it changes.
#[derive(Clone, PartialEq)]
struct Shape {
    generation: u32,
    categories: Vec<Vec<(bool, usize, usize)>>,
    grades: usize,
}

fn shape_of(s: &Scale, generation: u32) -> Shape {
    Shape {
        generation,
        categories: s
            .categories
            .iter()
            .map(|c| {
                c.factors
                    .iter()
                    .map(|f| (f.metric.is_some(), f.levels.len(), f.bands.len()))
                    .collect()
            })
            .collect(),
        grades: s.grades.len(),
    }
}

/// The wizard step an issue belongs to (1 name and categories, 2 factors, 3 grades).
fn issue_step(issue: &ScaleIssue) -> usize {
    match issue.area() {
        ScaleArea::Scale | ScaleArea::Categories => 1,
        ScaleArea::Factors => 2,
        ScaleArea::Grades => 3,
    }
}

/// A new scale id, unique in practice.
pub fn new_scale_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 65_536.0) as u32;
    format!("scale-{time:x}-{random:04x}")
}

/// A level factor with A/B/C levels at 10/6/2 points and empty descriptions.
fn new_level_factor(name: String, weight: Dec) -> Factor {
    Factor {
        name,
        weight,
        levels: [("A", 10), ("B", 6), ("C", 2)]
            .into_iter()
            .map(|(g, p)| Level {
                grade: g.into(),
                text: String::new(),
                points: Some(Dec::int(p)),
            })
            .collect(),
        ..Factor::default()
    }
}

#[component]
pub fn Wizard(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let issues = Memo::new(move |_| {
        ctx.draft
            .with(|d| d.as_ref().map(validate_scale).unwrap_or_default())
    });
    let step_issues =
        move |step: usize| issues.with(|all| all.iter().filter(|i| issue_step(i) == step).count());
    let step = ctx.step;
    let saved = RwSignal::new(false);
    // Steps are rebuilt when the step or the presence of a draft changes, never on an edit.
    let has_draft = Memo::new(move |_| ctx.draft.with(Option::is_some));
    let step_names = move |n: usize| match n {
        0 => t_string!(i18n, gr_step_start),
        1 => t_string!(i18n, gr_step_categories),
        2 => t_string!(i18n, gr_step_factors),
        _ => t_string!(i18n, gr_step_grades),
    };
    let save = move |_| {
        let Some(scale) = ctx.draft.get_untracked() else {
            return;
        };
        if !issues.with_untracked(Vec::is_empty) {
            return;
        }
        let id = scale.id.clone();
        ctx.store.save_scale(scale);
        ctx.store.set_active(id);
        ctx.set_draft(None, 0);
        saved.set(true);
    };
    view! {
        <div data-testid="gr-wizard">
            <ol class="steps" aria-label=move || t_string!(i18n, gr_tab_design)>
                {(0..STEPS)
                    .map(|n| {
                        let bad = move || n > 0 && has_draft.get() && step_issues(n) > 0;
                        view! {
                            <li class:current=move || step.get() == n data-testid=format!("wiz-step-{n}")>
                                <span class="step-n">{n + 1}</span>
                                {move || step_names(n)}
                                {move || bad().then(|| view! { <span class="flag" title=move || t_string!(i18n, gr_step_has_issues)>" ⚠"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <Show
                when=move || !saved.get()
                fallback=move || view! { <Saved ctx=ctx on_again=Callback::new(move |_| { saved.set(false); ctx.set_draft(None, 0); }) /> }
            >
                <div class="wizard-layout">
                    <div>
                        {move || match (step.get(), has_draft.get()) {
                            (0, _) | (_, false) => view! { <StartStep ctx=ctx /> }.into_any(),
                            (1, true) => view! { <CategoriesStep ctx=ctx issues=issues /> }.into_any(),
                            (2, true) => view! { <FactorsStep ctx=ctx issues=issues /> }.into_any(),
                            _ => view! { <GradesStep ctx=ctx issues=issues /> }.into_any(),
                        }}
                        <Show when=move || has_draft.get() && step.get() != 0>
                            <div class="actions wizard-actions">
                                <span class="muted small" data-testid="wiz-issue-count" data-value=move || issues.with(Vec::len).to_string()>
                                    {move || {
                                        let n = issues.with(Vec::len);
                                        if n == 0 {
                                            t_string!(i18n, gr_scale_valid).to_string()
                                        } else {
                                            format!("⚠ {} {n}", t_string!(i18n, gr_issues_left))
                                        }
                                    }}
                                </span>
                                <button data-testid="wiz-back" on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>
                                    "← "{t!(i18n, gr_back)}
                                </button>
                                <Show
                                    when=move || step.get() + 1 < STEPS
                                    fallback=move || view! {
                                        <button
                                            class="primary"
                                            data-testid="wiz-save"
                                            disabled=move || issues.with(|i| !i.is_empty())
                                            on:click=save
                                        >
                                            "✓ "{t!(i18n, gr_save_scale)}
                                        </button>
                                    }
                                >
                                    <button
                                        class="primary"
                                        data-testid="wiz-next"
                                        disabled=move || { step_issues(step.get()) != 0 }
                                        on:click=move |_| step.update(|s| *s = (*s + 1).min(STEPS - 1))
                                    >
                                        {t!(i18n, gr_next)}" →"
                                    </button>
                                </Show>
                            </div>
                        </Show>
                    </div>
                    <Preview ctx=ctx issues=issues />
                </div>
            </Show>
        </div>
    }
}

/// After saving: what next.
#[component]
fn Saved(ctx: GradingContext, on_again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card" data-testid="wiz-saved" role="status">
            <h3>"✓ "{t!(i18n, gr_saved_title)}</h3>
            <p>{move || ctx.current.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default())}</p>
            <p class="muted">{t!(i18n, gr_saved_body)}</p>
            <div class="actions">
                <a class="button primary" href=View::Rate.href() data-testid="wiz-go-rate">{t!(i18n, gr_go_rate)}</a>
                <a class="button" href=View::Results.href()>{t!(i18n, gr_go_results)}</a>
                <ExportScaleButton ctx=ctx />
                <button data-testid="wiz-again" on:click=move |_| on_again.run(())>{t!(i18n, gr_design_another)}</button>
            </div>
        </div>
    }
}

#[component]
fn StartStep(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let start = move |scale: Scale| ctx.set_draft(Some(scale), 1);
    view! {
        <div class="card" data-testid="wiz-start">
            <p class="intro">{t!(i18n, gr_wizard_intro)}</p>
            <Show when=move || ctx.draft.with(Option::is_some)>
                <div class="banner warn">
                    <p>{t!(i18n, gr_draft_open)}</p>
                    <button class="primary" data-testid="wiz-resume" on:click=move |_| ctx.step.set(1)>
                        {t!(i18n, gr_resume)}
                    </button>
                </div>
            </Show>
            <h3>{t!(i18n, gr_from_template)}</h3>
            <div class="templates">
                {Template::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <button
                                class="template"
                                data-testid=format!("wiz-template-{}", t.code())
                                on:click=move |_| {
                                    let mut s = t.scale(lang.get_untracked());
                                    s.id = new_scale_id();
                                    start(s);
                                }
                            >
                                <strong>{move || t.label(lang.get())}</strong>
                                <span class="muted small">{move || t.description(lang.get())}</span>
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    class="template"
                    data-testid="wiz-blank"
                    on:click=move |_| start(blank_scale(&new_scale_id(), lang.get_untracked()))
                >
                    <strong>{t!(i18n, gr_from_scratch)}</strong>
                    <span class="muted small">{t!(i18n, gr_from_scratch_hint)}</span>
                </button>
            </div>
            <Show when=move || ctx.current.with(Option::is_some)>
                <h3 class="section-title">{t!(i18n, gr_edit_existing)}</h3>
                <div class="actions">
                    <button
                        data-testid="wiz-edit-current"
                        on:click=move |_| {
                            if let Some(s) = ctx.current.get_untracked() {
                                start(s);
                            }
                        }
                    >
                        "✎ "{move || ctx.current.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default())}
                    </button>
                    <ExportScaleButton ctx=ctx />
                </div>
            </Show>
            <h3 class="section-title">{t!(i18n, gr_import_scale)}</h3>
            <ImportScale ctx=ctx />
        </div>
    }
}

/// Issues whose path is exactly one of `paths`, as messages under a field.
fn field_issues(
    issues: Memo<Vec<ScaleIssue>>,
    path: String,
    lang: Signal<sandtable_core::Lang>,
) -> impl IntoView {
    move || {
        issues.with(|all| {
            all.iter()
                .filter(|i| i.path == path)
                .map(|i| {
                    view! { <div class="field-error" role="alert" data-testid="wiz-issue" data-path=i.path.clone()>{i.message(lang.get())}</div> }
                })
                .collect_view()
        })
    }
}

/// Issues under a path prefix (a factor and its levels or bands).
fn nested_issues(
    issues: Memo<Vec<ScaleIssue>>,
    prefix: String,
    lang: Signal<sandtable_core::Lang>,
) -> impl IntoView {
    move || {
        issues.with(|all| {
            all.iter()
                .filter(|i| {
                    i.path == prefix
                        || i.path.starts_with(&format!("{prefix}."))
                        || i.path.starts_with(&format!("{prefix}["))
                })
                .map(|i| {
                    view! { <div class="field-error" role="alert" data-testid="wiz-issue" data-path=i.path.clone()>{i.message(lang.get())}</div> }
                })
                .collect_view()
        })
    }
}

fn edit(ctx: GradingContext, f: impl FnOnce(&mut Scale)) {
    ctx.draft.update(|d| {
        if let Some(d) = d {
            f(d);
        }
    });
}

fn dec_text(d: Option<Dec>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A number field: shows `initial`, reports each parsed value (`None` when empty or not a number).
fn num_input(
    test_id: String,
    initial: String,
    label: String,
    bad: impl Fn() -> bool + Send + Sync + 'static,
    on_value: impl Fn(Option<Dec>) + 'static,
) -> impl IntoView {
    view! {
        <input
            type="text"
            inputmode="decimal"
            class="narrow"
            class:bad=bad
            aria-label=label
            data-testid=test_id
            value=initial
            on:input=move |e| on_value(Dec::parse(&event_target_value(&e)))
        />
    }
}

fn text_input(
    test_id: String,
    initial: String,
    label: String,
    bad: impl Fn() -> bool + Send + Sync + 'static,
    on_value: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <input
            type="text"
            class:bad=bad
            aria-label=label
            data-testid=test_id
            value=initial
            on:input=move |e| on_value(event_target_value(&e))
        />
    }
}

fn has_issue(
    issues: Memo<Vec<ScaleIssue>>,
    path: String,
) -> impl Fn() -> bool + Send + Sync + 'static {
    move || issues.with(|all| all.iter().any(|i| i.path == path))
}

#[component]
fn CategoriesStep(ctx: GradingContext, issues: Memo<Vec<ScaleIssue>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let shape = Memo::new(move |_| {
        let g = ctx.draft_generation.get();
        ctx.draft.with(|d| {
            d.as_ref()
                .map(|d| (g, d.categories.len()))
                .unwrap_or((g, 0))
        })
    });
    let read = move |f: &dyn Fn(&Scale) -> String| {
        ctx.draft
            .with_untracked(|d| d.as_ref().map(f).unwrap_or_default())
    };
    let sum = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.as_ref()
                .map(|d| d.categories.iter().map(|c| c.weight).sum::<Dec>())
                .unwrap_or_default()
        })
    });
    view! {
        <div class="card" data-testid="wiz-categories">
            <p class="muted">{t!(i18n, gr_categories_hint)}</p>
            {move || {
                let _ = shape.get();
                let name = read(&|s| s.name.clone());
                view! {
                    <label class="field">
                        <span>{t!(i18n, gr_scale_name)}</span>
                        {text_input(
                            "wiz-scale-name".into(),
                            name,
                            t_string!(i18n, gr_scale_name).into(),
                            has_issue(issues, "name".into()),
                            move |v| edit(ctx, |s| s.name = v),
                        )}
                        {field_issues(issues, "name".into(), lang)}
                    </label>
                }
            }}
            <div class="table-wrap">
                <table class="grid">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, gr_category)}</th>
                            <th scope="col" class="num">{t!(i18n, gr_weight_pct)}</th>
                            <th scope="col" class="num">{t!(i18n, gr_factor_count)}</th>
                            <th scope="col"><span class="sr-only">{t!(i18n, gr_remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let (_, n) = shape.get();
                            (0..n)
                                .map(|ci| {
                                    let name = read(&move |s| s.categories.get(ci).map(|c| c.name.clone()).unwrap_or_default());
                                    let weight = read(&move |s| dec_text(s.categories.get(ci).map(|c| c.weight)));
                                    let factors = move || ctx.draft.with(|d| d.as_ref().and_then(|d| d.categories.get(ci)).map(|c| c.factors.len()).unwrap_or(0));
                                    view! {
                                        <tr>
                                            <td>
                                                {text_input(
                                                    format!("wiz-cat-name-{ci}"),
                                                    name,
                                                    t_string!(i18n, gr_category).into(),
                                                    has_issue(issues, format!("categories[{ci}].name")),
                                                    move |v| edit(ctx, |s| if let Some(c) = s.categories.get_mut(ci) { c.name = v }),
                                                )}
                                                {field_issues(issues, format!("categories[{ci}].name"), lang)}
                                            </td>
                                            <td class="num">
                                                {num_input(
                                                    format!("wiz-cat-weight-{ci}"),
                                                    weight,
                                                    t_string!(i18n, gr_weight_pct).into(),
                                                    has_issue(issues, format!("categories[{ci}].weight")),
                                                    move |v| edit(ctx, |s| if let Some(c) = s.categories.get_mut(ci) { c.weight = v.unwrap_or_default() }),
                                                )}
                                                {field_issues(issues, format!("categories[{ci}].weight"), lang)}
                                            </td>
                                            <td class="num">{factors}</td>
                                            <td>
                                                <button
                                                    class="danger-text"
                                                    data-testid=format!("wiz-cat-remove-{ci}")
                                                    title=move || t_string!(i18n, gr_remove)
                                                    on:click=move |_| edit(ctx, |s| { if ci < s.categories.len() { s.categories.remove(ci); } })
                                                >
                                                    "✕"<span class="sr-only">{t!(i18n, gr_remove)}</span>
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <div
                class="sum-line"
                class:bad=move || sum.get() != Dec::HUNDRED
                data-testid="wiz-cat-sum"
                data-value=move || sum.get().to_string()
            >
                {t!(i18n, gr_weight_sum)}": "
                <strong class="num">{move || format!("{}%", sum.get())}</strong>
                {move || if sum.get() == Dec::HUNDRED { "✓" } else { "≠ 100%" }}
            </div>
            {field_issues(issues, "categories".into(), lang)}
            <div class="actions">
                <button
                    data-testid="wiz-cat-add"
                    on:click=move |_| {
                        let name = format!("{} {}", t_string!(i18n, gr_category), ctx.draft.with_untracked(|d| d.as_ref().map_or(0, |d| d.categories.len())) + 1);
                        edit(ctx, |s| s.categories.push(Category { name, weight: Dec::ZERO, factors: Vec::new() }))
                    }
                >
                    "+ "{t!(i18n, gr_add_category)}
                </button>
            </div>
        </div>
    }
}

#[component]
fn FactorsStep(ctx: GradingContext, issues: Memo<Vec<ScaleIssue>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let shape = Memo::new(move |_| {
        let g = ctx.draft_generation.get();
        ctx.draft.with(|d| d.as_ref().map(|d| shape_of(d, g)))
    });
    let read = move |f: &dyn Fn(&Scale) -> Option<String>| {
        ctx.draft
            .with_untracked(|d| d.as_ref().and_then(f).unwrap_or_default())
    };
    view! {
        <div data-testid="wiz-factors">
            <p class="muted">{t!(i18n, gr_factors_hint)}</p>
            {move || {
                let Some(shape) = shape.get() else { return ().into_any() };
                shape
                    .categories
                    .into_iter()
                    .enumerate()
                    .map(|(ci, factors)| {
                        let cat_name = read(&move |s| s.categories.get(ci).map(|c| c.name.clone()));
                        let sum = Memo::new(move |_| ctx.draft.with(|d| d.as_ref().and_then(|d| d.categories.get(ci)).map(|c| c.factors.iter().map(|f| f.weight).sum::<Dec>()).unwrap_or_default()));
                        view! {
                            <div class="cat-block" data-testid=format!("wiz-cat-block-{ci}")>
                                <h3>{cat_name}</h3>
                                {factors
                                    .into_iter()
                                    .enumerate()
                                    .map(|(fi, (is_metric, levels, bands))| {
                                        view! { <FactorEditor ctx=ctx issues=issues ci=ci fi=fi is_metric=is_metric levels=levels bands=bands /> }
                                    })
                                    .collect_view()}
                                <div
                                    class="sum-line"
                                    class:bad=move || sum.get() != Dec::HUNDRED
                                    data-testid=format!("wiz-factor-sum-{ci}")
                                    data-value=move || sum.get().to_string()
                                >
                                    {t!(i18n, gr_factor_weight_sum)}": "
                                    <strong class="num">{move || format!("{}%", sum.get())}</strong>
                                    {move || if sum.get() == Dec::HUNDRED { "✓" } else { "≠ 100%" }}
                                </div>
                                {field_issues(issues, format!("categories[{ci}].factors"), lang)}
                                <div class="actions">
                                    <button
                                        data-testid=format!("wiz-factor-add-{ci}")
                                        on:click=move |_| {
                                            let name = format!("{} {}.{}", t_string!(i18n, gr_factor), ci + 1, ctx.draft.with_untracked(|d| d.as_ref().and_then(|d| d.categories.get(ci)).map_or(0, |c| c.factors.len())) + 1);
                                            edit(ctx, |s| if let Some(c) = s.categories.get_mut(ci) { c.factors.push(new_level_factor(name, Dec::ZERO)) })
                                        }
                                    >
                                        "+ "{t!(i18n, gr_add_factor)}
                                    </button>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn FactorEditor(
    ctx: GradingContext,
    issues: Memo<Vec<ScaleIssue>>,
    ci: usize,
    fi: usize,
    is_metric: bool,
    levels: usize,
    bands: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let fp = format!("categories[{ci}].factors[{fi}]");
    let get = move |f: &dyn Fn(&Factor) -> String| {
        ctx.draft.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.categories.get(ci))
                .and_then(|c| c.factors.get(fi))
                .map(f)
                .unwrap_or_default()
        })
    };
    let change = move |f: &dyn Fn(&mut Factor)| {
        edit(ctx, |s| {
            if let Some(x) = s.categories.get_mut(ci).and_then(|c| c.factors.get_mut(fi)) {
                f(x)
            }
        })
    };
    let id = format!("{ci}-{fi}");
    let metric_code = get(&|f| f.metric.clone().unwrap_or_default());
    let set_kind = move |metric: bool| {
        change(&|f: &mut Factor| {
            if metric {
                f.levels.clear();
                f.metric = Some(Metric::Amount12m.code().into());
                f.bands = vec![
                    Band {
                        min: None,
                        max: Some(Dec::int(100_000)),
                        points: Some(Dec::int(2)),
                    },
                    Band {
                        min: Some(Dec::int(100_000)),
                        max: Some(Dec::int(1_000_000)),
                        points: Some(Dec::int(6)),
                    },
                    Band {
                        min: Some(Dec::int(1_000_000)),
                        max: None,
                        points: Some(Dec::int(10)),
                    },
                ];
            } else {
                let fresh = new_level_factor(f.name.clone(), f.weight);
                f.metric = None;
                f.bands.clear();
                f.levels = fresh.levels;
            }
        })
    };
    let level_rows = (0..levels)
        .map(|li| {
            let grade = get(&move |f| f.levels.get(li).map(|l| l.grade.clone()).unwrap_or_default());
            let text = get(&move |f| f.levels.get(li).map(|l| l.text.clone()).unwrap_or_default());
            let points = get(&move |f| dec_text(f.levels.get(li).and_then(|l| l.points)));
            let lp = format!("{fp}.levels[{li}]");
            view! {
                <tr>
                    <td>
                        {text_input(format!("wiz-level-grade-{id}-{li}"), grade, t_string!(i18n, gr_level).into(), has_issue(issues, format!("{lp}.grade")),
                            move |v| change(&|f: &mut Factor| if let Some(l) = f.levels.get_mut(li) { l.grade = v.trim().to_string() }))}
                    </td>
                    <td style="width:60%">
                        {text_input(format!("wiz-level-text-{id}-{li}"), text, t_string!(i18n, gr_level_text).into(), || false,
                            move |v| change(&|f: &mut Factor| if let Some(l) = f.levels.get_mut(li) { l.text = v.clone() }))}
                    </td>
                    <td>
                        {num_input(format!("wiz-level-points-{id}-{li}"), points, t_string!(i18n, gr_points).into(), has_issue(issues, format!("{lp}.points")),
                            move |v| change(&|f: &mut Factor| if let Some(l) = f.levels.get_mut(li) { l.points = v }))}
                    </td>
                    <td>
                        <button class="danger-text" title=move || t_string!(i18n, gr_remove)
                            on:click=move |_| change(&|f: &mut Factor| { if li < f.levels.len() { f.levels.remove(li); } })>
                            "✕"<span class="sr-only">{t!(i18n, gr_remove)}</span>
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let band_rows = (0..bands)
        .map(|bi| {
            let min = get(&move |f| dec_text(f.bands.get(bi).and_then(|b| b.min)));
            let max = get(&move |f| dec_text(f.bands.get(bi).and_then(|b| b.max)));
            let points = get(&move |f| dec_text(f.bands.get(bi).and_then(|b| b.points)));
            let bp = format!("{fp}.bands[{bi}]");
            view! {
                <tr>
                    <td>
                        {num_input(format!("wiz-band-min-{id}-{bi}"), min, t_string!(i18n, gr_band_min).into(), has_issue(issues, format!("{bp}.min")),
                            move |v| change(&|f: &mut Factor| if let Some(b) = f.bands.get_mut(bi) { b.min = v }))}
                    </td>
                    <td>
                        {num_input(format!("wiz-band-max-{id}-{bi}"), max, t_string!(i18n, gr_band_max).into(), has_issue(issues, format!("{bp}.max")),
                            move |v| change(&|f: &mut Factor| if let Some(b) = f.bands.get_mut(bi) { b.max = v }))}
                    </td>
                    <td>
                        {num_input(format!("wiz-band-points-{id}-{bi}"), points, t_string!(i18n, gr_points).into(), has_issue(issues, format!("{bp}.points")),
                            move |v| change(&|f: &mut Factor| if let Some(b) = f.bands.get_mut(bi) { b.points = v }))}
                    </td>
                    <td>
                        <button class="danger-text" title=move || t_string!(i18n, gr_remove)
                            on:click=move |_| change(&|f: &mut Factor| { if bi < f.bands.len() { f.bands.remove(bi); } })>
                            "✕"<span class="sr-only">{t!(i18n, gr_remove)}</span>
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let name = get(&|f| f.name.clone());
    let weight = get(&|f| dec_text(Some(f.weight)));
    let unit = move || {
        let code = ctx.draft.with(|d| {
            d.as_ref()
                .and_then(|d| d.categories.get(ci))
                .and_then(|c| c.factors.get(fi))
                .and_then(|f| f.metric.clone())
                .unwrap_or_default()
        });
        Metric::from_code(&code)
            .map(|m| m.unit(lang.get()))
            .unwrap_or("")
    };
    view! {
        <div class="factor" data-testid=format!("wiz-factor-{id}")>
            <div class="factor-head">
                {text_input(format!("wiz-factor-name-{id}"), name, t_string!(i18n, gr_factor).into(), has_issue(issues, format!("{fp}.name")),
                    move |v| change(&|f: &mut Factor| f.name = v.clone()))}
                <label class="muted small">{t!(i18n, gr_weight_pct)}</label>
                {num_input(format!("wiz-factor-weight-{id}"), weight, t_string!(i18n, gr_weight_pct).into(), has_issue(issues, format!("{fp}.weight")),
                    move |v| change(&|f: &mut Factor| f.weight = v.unwrap_or_default()))}
                <div class="seg" role="group" aria-label=move || t_string!(i18n, gr_factor_kind)>
                    <button aria-pressed=(!is_metric).to_string() data-testid=format!("wiz-kind-levels-{id}") on:click=move |_| if is_metric { set_kind(false) }>
                        {t!(i18n, gr_kind_levels)}
                    </button>
                    <button aria-pressed=is_metric.to_string() data-testid=format!("wiz-kind-metric-{id}") on:click=move |_| if !is_metric { set_kind(true) }>
                        {t!(i18n, gr_kind_metric)}
                    </button>
                </div>
                <button class="danger-text" data-testid=format!("wiz-factor-remove-{id}") title=move || t_string!(i18n, gr_remove)
                    on:click=move |_| edit(ctx, |s| if let Some(c) = s.categories.get_mut(ci) && fi < c.factors.len() { c.factors.remove(fi); })>
                    "✕"<span class="sr-only">{t!(i18n, gr_remove)}</span>
                </button>
            </div>
            {if is_metric {
                view! {
                    <div>
                        <label class="field">
                            <span>{t!(i18n, gr_metric)}</span>
                            <select
                                data-testid=format!("wiz-metric-{id}")
                                on:change=move |e| { let v = event_target_value(&e); change(&|f: &mut Factor| f.metric = Some(v.clone())) }
                            >
                                {Metric::ALL
                                    .into_iter()
                                    .map(|m| view! { <option value=m.code() selected=m.code() == metric_code>{move || m.label(lang.get())}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                        <table class="bands">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, gr_band_min)}" ("{unit}")"</th>
                                    <th scope="col">{t!(i18n, gr_band_max)}" ("{unit}")"</th>
                                    <th scope="col">{t!(i18n, gr_points)}</th>
                                    <th scope="col"></th>
                                </tr>
                            </thead>
                            <tbody>{band_rows}</tbody>
                        </table>
                        <p class="muted small">{t!(i18n, gr_bands_hint)}</p>
                        <button data-testid=format!("wiz-band-add-{id}") on:click=move |_| change(&|f: &mut Factor| {
                            let min = f.bands.last().and_then(|b| b.max);
                            f.bands.push(Band { min, max: None, points: None });
                        })>
                            "+ "{t!(i18n, gr_add_band)}
                        </button>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div>
                        <table class="levels">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, gr_level)}</th>
                                    <th scope="col">{t!(i18n, gr_level_text)}</th>
                                    <th scope="col">{t!(i18n, gr_points)}</th>
                                    <th scope="col"></th>
                                </tr>
                            </thead>
                            <tbody>{level_rows}</tbody>
                        </table>
                        <button data-testid=format!("wiz-level-add-{id}") on:click=move |_| change(&|f: &mut Factor| {
                            let next = (b'A' + f.levels.len().min(25) as u8) as char;
                            f.levels.push(Level { grade: next.to_string(), text: String::new(), points: None });
                        })>
                            "+ "{t!(i18n, gr_add_level)}
                        </button>
                    </div>
                }
                .into_any()
            }}
            {nested_issues(issues, fp.clone(), lang)}
        </div>
    }
}

#[component]
fn GradesStep(ctx: GradingContext, issues: Memo<Vec<ScaleIssue>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let shape = Memo::new(move |_| {
        let g = ctx.draft_generation.get();
        ctx.draft
            .with(|d| (g, d.as_ref().map_or(0, |d| d.grades.len())))
    });
    let get = move |gi: usize, f: &dyn Fn(&GradeRule) -> String| {
        ctx.draft.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.grades.get(gi))
                .map(f)
                .unwrap_or_default()
        })
    };
    let change = move |gi: usize, f: &dyn Fn(&mut GradeRule)| {
        edit(ctx, |s| {
            if let Some(g) = s.grades.get_mut(gi) {
                f(g)
            }
        })
    };
    view! {
        <div class="card" data-testid="wiz-grades">
            <p class="muted">{t!(i18n, gr_grades_hint)}</p>
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, gr_grade)}</th>
                        <th scope="col" class="num">{t!(i18n, gr_min_score)}</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let (_, n) = shape.get();
                        (0..n)
                            .map(|gi| {
                                let label = get(gi, &|g| g.grade.clone());
                                let min = get(gi, &|g| g.min_score.to_string());
                                let gp = format!("grades[{gi}]");
                                view! {
                                    <tr>
                                        <td>
                                            {text_input(format!("wiz-grade-label-{gi}"), label, t_string!(i18n, gr_grade).into(), has_issue(issues, format!("{gp}.grade")),
                                                move |v| change(gi, &|g: &mut GradeRule| g.grade = v.trim().to_string()))}
                                            {field_issues(issues, format!("{gp}.grade"), lang)}
                                        </td>
                                        <td class="num">
                                            {num_input(format!("wiz-grade-min-{gi}"), min, t_string!(i18n, gr_min_score).into(), has_issue(issues, format!("{gp}.min_score")),
                                                move |v| change(gi, &|g: &mut GradeRule| g.min_score = v.unwrap_or(Dec(-1))))}
                                            {field_issues(issues, format!("{gp}.min_score"), lang)}
                                        </td>
                                        <td>
                                            <button class="danger-text" title=move || t_string!(i18n, gr_remove)
                                                on:click=move |_| edit(ctx, |s| { if gi < s.grades.len() { s.grades.remove(gi); } })>
                                                "✕"<span class="sr-only">{t!(i18n, gr_remove)}</span>
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            {field_issues(issues, "grades".into(), lang)}
            <div class="actions">
                <button data-testid="wiz-grade-add" on:click=move |_| edit(ctx, |s| s.grades.push(GradeRule { grade: String::new(), min_score: Dec::ZERO }))>
                    "+ "{t!(i18n, gr_add_grade)}
                </button>
                <button data-testid="wiz-grade-defaults" on:click=move |_| { edit(ctx, |s| s.grades = default_grades()); ctx.draft_generation.update(|g| *g += 1); }>
                    {t!(i18n, gr_default_grades)}
                </button>
            </div>
        </div>
    }
}

/// The live preview: the grade distribution of the draft on the workspace's customers.
#[component]
fn Preview(ctx: GradingContext, issues: Memo<Vec<ScaleIssue>>) -> impl IntoView {
    let i18n = use_i18n();
    let assume = RwSignal::new(true);
    let dist = Memo::new(move |_| {
        ctx.draft.with(|d| {
            let Some(d) = d else { return None };
            if !issues.with(Vec::is_empty) {
                return None;
            }
            ctx.metrics.with(|m| {
                ctx.ratings.with(|r| {
                    let scores = if assume.get() {
                        score_customers(d, m, &with_assumed_levels(d, &m.customers, r))
                    } else {
                        score_customers(d, m, r)
                    };
                    Some(distribution(d, &scores))
                })
            })
        })
    });
    let labels = Signal::derive(move || {
        ctx.draft
            .with(|d| d.as_ref().map(Scale::grade_labels).unwrap_or_default())
    });
    view! {
        <aside class="card preview" data-testid="gr-preview-card" aria-live="polite">
            <h3>{t!(i18n, gr_preview_title)}</h3>
            {move || match dist.get() {
                Some(d) => view! {
                    <DistributionBars dist=Signal::derive(move || d.clone()) labels=labels test_id="gr-preview" />
                }
                .into_any(),
                None if ctx.draft.with(Option::is_none) => view! { <p class="muted">{t!(i18n, gr_preview_empty)}</p> }.into_any(),
                None => view! { <p class="muted" data-testid="gr-preview-invalid">{t!(i18n, gr_preview_invalid)}</p> }.into_any(),
            }}
            <label class="check small">
                <input type="checkbox" prop:checked=move || assume.get() on:change=move |e| assume.set(event_target_checked(&e)) data-testid="gr-preview-assume" />
                " "{t!(i18n, gr_preview_assume)}
            </label>
        </aside>
    }
}
