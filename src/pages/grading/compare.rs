//! Personal vs company version (版本对比): two scales on the same customers — the grade
//! confusion matrix, the customers who move, and a field-by-field merge into one scale.

use std::collections::BTreeMap;

use leptos::prelude::*;
use sandtable_core::grading::{
    Difference, FieldKind, Scale, ScaleComparison, Side, compare, differences, merge,
    score_customers, validate_scale,
};

use super::shared::{GradeBadge, GradingContext, score_text};
use super::wizard::new_scale_id;
use crate::context::use_lang;
use crate::i18n::*;

#[component]
pub fn Compare(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let a_id = RwSignal::new(None::<String>);
    let b_id = RwSignal::new(None::<String>);
    // Defaults: the first two scales.
    let pick = move |which: RwSignal<Option<String>>, fallback: usize| {
        let chosen = which.get();
        ctx.scales.with(|all| {
            chosen
                .and_then(|id| all.iter().find(|s| s.id == id).cloned())
                .or_else(|| all.get(fallback).cloned())
        })
    };
    let a = Memo::new(move |_| pick(a_id, 0));
    let b = Memo::new(move |_| pick(b_id, 1));
    let comparison = Memo::new(move |_| {
        let (Some(a), Some(b)) = (a.get(), b.get()) else {
            return None;
        };
        if !validate_scale(&a).is_empty() || !validate_scale(&b).is_empty() {
            return None;
        }
        ctx.metrics.with(|m| {
            ctx.ratings.with(|r| {
                let sa = score_customers(&a, m, r);
                let sb = score_customers(&b, m, r);
                Some(compare(&a, &sa, &b, &sb))
            })
        })
    });
    let selector = move |which: RwSignal<Option<String>>,
                         current: Memo<Option<Scale>>,
                         test_id: &'static str| {
        view! {
            <select data-testid=test_id on:change=move |e| which.set(Some(event_target_value(&e)))>
                {move || ctx.scales.get().into_iter().map(|s| {
                    let selected = current.with(|c| c.as_ref().is_some_and(|c| c.id == s.id));
                    view! { <option value=s.id.clone() selected=selected>{s.name.clone()}</option> }
                }).collect_view()}
            </select>
        }
    };
    view! {
        <Show
            when=move || { ctx.scales.with(|s| s.len() >= 2) }
            fallback=move || view! {
                <div class="empty card" data-testid="cmp-need-two">
                    <h3>{t!(i18n, gr_compare_need_two)}</h3>
                    <p>{t!(i18n, gr_compare_need_two_body)}</p>
                    <div class="actions">
                        <a class="button primary" href=super::View::Design.href()>{t!(i18n, gr_go_design)}</a>
                    </div>
                </div>
            }
        >
            <div class="card">
                <div class="form-grid">
                    <label>
                        <span>{t!(i18n, gr_scale_a)}</span>
                        {selector(a_id, a, "cmp-a")}
                    </label>
                    <label>
                        <span>{t!(i18n, gr_scale_b)}</span>
                        {selector(b_id, b, "cmp-b")}
                    </label>
                </div>
            </div>
            {move || match comparison.get() {
                None => view! { <div class="banner warn" data-testid="cmp-invalid">{t!(i18n, gr_compare_invalid)}</div> }.into_any(),
                Some(c) => view! { <ComparisonView ctx=ctx c=c /> }.into_any(),
            }}
            {move || match (a.get(), b.get()) {
                (Some(a), Some(b)) if a.id != b.id => view! { <MergeView ctx=ctx a=a b=b /> }.into_any(),
                _ => ().into_any(),
            }}
        </Show>
    }
}

#[component]
fn ComparisonView(ctx: GradingContext, c: ScaleComparison) -> impl IntoView {
    let i18n = use_i18n();
    let la = c.grades_a.clone();
    let lb = c.grades_b.clone();
    let labels_a = Signal::derive(move || la.clone());
    let labels_b = Signal::derive(move || lb.clone());
    let total: usize = c.cells.iter().flatten().sum();
    view! {
        <div class="columns">
            <div class="card">
                <h3>{t!(i18n, gr_compare_matrix)}</h3>
                <p class="muted small">{t!(i18n, gr_compare_matrix_hint)}</p>
                <table class="grid matrix3" data-testid="cmp-matrix">
                    <thead>
                        <tr>
                            <th scope="col">"A ↓ / B →"</th>
                            {c.grades_b.iter().map(|g| {
                                let g = g.clone();
                                view! { <th scope="col"><GradeBadge grade=Signal::derive(move || Some(g.clone())) labels=labels_b /></th> }
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {c.grades_a.iter().enumerate().map(|(i, g)| {
                            let g = g.clone();
                            let row = c.cells.get(i).cloned().unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row"><GradeBadge grade=Signal::derive(move || Some(g.clone())) labels=labels_a /></th>
                                    {row.into_iter().enumerate().map(|(j, n)| view! {
                                        <td class="num" class:diag={i == j} data-testid=format!("cmp-cell-{i}-{j}") data-value=n.to_string()>{n}</td>
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="small" data-testid="cmp-summary">
                    {format!("{} {} / {}", t_string!(i18n, gr_compare_same), c.same, total)}
                    {(c.unrated > 0).then(|| format!(" · {} {}", t_string!(i18n, gr_unrated), c.unrated))}
                </p>
            </div>
            <div class="card">
                <h3>{t!(i18n, gr_compare_movers)}" ("{c.movers.len()}")"</h3>
                <div class="table-wrap tall">
                    <table class="grid" data-testid="cmp-movers">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, gr_customer)}</th>
                                <th scope="col">"A"</th>
                                <th scope="col">"B"</th>
                                <th scope="col">{t!(i18n, gr_compare_shift)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c.movers.iter().map(|m| {
                                let (ga, gb) = (m.grade_a.clone(), m.grade_b.clone());
                                let arrow = if m.shift > 0 { format!("↑ {}", m.shift) } else { format!("↓ {}", -m.shift) };
                                view! {
                                    <tr>
                                        <th scope="row">{ctx.name_of(&m.customer)}<br /><small class="muted mono">{m.customer.clone()}</small></th>
                                        <td><GradeBadge grade=Signal::derive(move || Some(ga.clone())) labels=labels_a />" "<span class="num">{score_text(Some(m.score_a))}</span></td>
                                        <td><GradeBadge grade=Signal::derive(move || Some(gb.clone())) labels=labels_b />" "<span class="num">{score_text(Some(m.score_b))}</span></td>
                                        <td>{arrow}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {c.movers.is_empty().then(|| view! { <div class="empty-row">{t!(i18n, gr_compare_no_movers)}</div> })}
                </div>
            </div>
        </div>
    }
}

fn kind_label(
    kind: FieldKind,
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
) -> &'static str {
    match kind {
        FieldKind::Name => t_string!(i18n, gr_scale_name),
        FieldKind::Grade => t_string!(i18n, gr_grade),
        FieldKind::Category => t_string!(i18n, gr_category),
        FieldKind::CategoryWeight => t_string!(i18n, gr_weight_pct),
        FieldKind::Factor => t_string!(i18n, gr_factor),
        FieldKind::FactorWeight => t_string!(i18n, gr_weight_pct),
        FieldKind::FactorDefinition => t_string!(i18n, gr_definition),
    }
}

/// A difference's value as a short text (`—` when the side lacks the field).
fn side_text(v: &Option<String>) -> String {
    match v {
        None => "—".into(),
        Some(s) if s.len() > 120 => format!("{}…", s.chars().take(117).collect::<String>()),
        Some(s) => s.trim_matches('"').to_string(),
    }
}

#[component]
fn MergeView(ctx: GradingContext, a: Scale, b: Scale) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let diffs: Vec<Difference> = differences(&a, &b);
    let choices: RwSignal<BTreeMap<String, Side>> = RwSignal::new(BTreeMap::new());
    let a = StoredValue::new(a);
    let b = StoredValue::new(b);
    let merged =
        Memo::new(move |_| choices.with(|c| a.with_value(|a| b.with_value(|b| merge(a, b, c)))));
    let issues = Memo::new(move |_| merged.with(validate_scale));
    let done = RwSignal::new(false);
    let open_in_wizard = move |_| {
        let mut s = merged.get_untracked();
        s.id = new_scale_id();
        s.name = format!("{} ({})", s.name, t_string!(i18n, gr_merged_suffix));
        ctx.set_draft(Some(s), 1);
        let _ = window().location().set_hash(&super::View::Design.href());
    };
    let save = move |_| {
        let mut s = merged.get_untracked();
        s.id = new_scale_id();
        s.name = format!("{} ({})", s.name, t_string!(i18n, gr_merged_suffix));
        let id = s.id.clone();
        ctx.store.save_scale(s);
        ctx.store.set_active(id);
        done.set(true);
    };
    let count = diffs.len();
    view! {
        <div class="card" data-testid="merge">
            <h3>{t!(i18n, gr_merge_title)}" ("{count}")"</h3>
            <p class="muted small">{t!(i18n, gr_merge_hint)}</p>
            {diffs.into_iter().map(|d| {
                let key = d.key.clone();
                let k1 = key.clone();
                let k2 = key.clone();
                let where_ = [d.category.clone(), d.item.clone()].into_iter().flatten().collect::<Vec<_>>().join(" / ");
                let name = format!("merge-{}", key);
                view! {
                    <div class="merge-row" data-testid="merge-row">
                        <div><strong>{kind_label(d.kind, i18n)}</strong><br /><small class="muted">{where_}</small></div>
                        <label>
                            <input type="radio" name=name.clone() checked=true on:change=move |_| choices.update(|c| { c.insert(k1.clone(), Side::A); }) />
                            <span>"A: "{side_text(&d.a)}</span>
                        </label>
                        <label>
                            <input type="radio" name=name on:change=move |_| choices.update(|c| { c.insert(k2.clone(), Side::B); }) />
                            <span>"B: "{side_text(&d.b)}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
            {move || issues.with(|all| all.iter().map(|i| view! { <div class="field-error">{i.message(lang.get())}</div> }).collect_view())}
            <div class="actions wizard-actions">
                <button data-testid="merge-edit" on:click=open_in_wizard>"✎ "{t!(i18n, gr_merge_edit)}</button>
                <button class="primary" data-testid="merge-save" disabled=move || issues.with(|i| !i.is_empty()) on:click=save>
                    "✓ "{t!(i18n, gr_merge_save)}
                </button>
            </div>
            <Show when=move || done.get()>
                <div class="banner" role="status" data-testid="merge-done">"✓ "{t!(i18n, gr_merge_done)}</div>
            </Show>
        </div>
    }
}
