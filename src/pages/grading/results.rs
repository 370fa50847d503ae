//! Scores and grades (评分结果): the grade distribution, every customer's score and grade with
//! the reason factor by factor, and the service policy each grade receives.

use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::grading::{
    MemberScore, PolicyField, Scale, ServicePolicy, distribution, grade_meaning,
    parse_policy_field, policies_for_grades, policy_for, policy_notes,
};
use sandtable_core::{Edit, GradingEdit};

use super::rate::{NoScale, metric_value_text};
use super::shared::{DistributionBars, GradeBadge, GradingContext, score_text};
use crate::components::table::ExportButtons;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::AppState;

#[component]
pub fn Results(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let labels = Signal::derive(move || {
        ctx.current
            .with(|s| s.as_ref().map(Scale::grade_labels).unwrap_or_default())
    });
    let dist = Signal::derive(move || {
        ctx.current.with(|s| {
            s.as_ref()
                .map(|s| ctx.scores.with(|sc| distribution(s, sc)))
                .unwrap_or_default()
        })
    });
    let policies = Memo::new(move |_| {
        let grades = labels.get();
        ctx.store
            .grading
            .with(|g| policies_for_grades(&g.policies, &grades, lang.get()))
    });
    // Best first; the unrated last.
    let sorted = Memo::new(move |_| {
        let mut s = ctx.scores.get();
        s.sort_by(|a, b| b.score.cmp(&a.score).then(a.customer.cmp(&b.customer)));
        s
    });
    // The scores as a table for export: one row per customer, then each factor's points.
    let export = Signal::derive(move || {
        let unrated = t_string!(i18n, gr_unrated).to_string();
        let mut columns = vec![
            Column::new(t_string!(i18n, gr_customer), ColumnKind::Text),
            Column::new(t_string!(i18n, gr_customer_id), ColumnKind::Text),
            Column::new(t_string!(i18n, gr_score), ColumnKind::Number),
            Column::new(t_string!(i18n, gr_grade), ColumnKind::Text),
            Column::new(t_string!(i18n, gr_visits), ColumnKind::Count),
        ];
        sorted.with(|rows| {
            if let Some(first) = rows.first() {
                columns.extend(
                    first
                        .factors
                        .iter()
                        .map(|f| Column::new(f.factor.clone(), ColumnKind::Number)),
                );
            }
            let scale = ctx
                .current
                .with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
            Table {
                title: format!("{} {scale}", t_string!(i18n, gr_scores_title)),
                columns,
                rows: rows
                    .iter()
                    .map(|m| {
                        let visits = m.grade.as_ref().and_then(|g| {
                            policies.with(|p| policy_for(p, g).map(|p| p.visits_per_month.to_f64()))
                        });
                        let mut row = vec![
                            Cell::text(ctx.name_of(&m.customer)),
                            Cell::text(m.customer.clone()),
                            m.score.map_or(Cell::Missing(unrated.clone()), |s| {
                                Cell::Number((s.to_f64() * 10.0).round() / 10.0)
                            }),
                            m.grade
                                .clone()
                                .map_or(Cell::Missing(unrated.clone()), Cell::Text),
                            visits.map_or(Cell::Missing("—".into()), Cell::Number),
                        ];
                        row.extend(m.factors.iter().map(|f| {
                            f.points
                                .map_or(Cell::Missing("—".into()), |p| Cell::Number(p.to_f64()))
                        }));
                        row
                    })
                    .collect(),
            }
        })
    });
    view! {
        <Show when=move || !ctx.scores.with(Vec::is_empty) fallback=move || view! { <NoScale ctx=ctx /> }>
            <div class="columns">
                <div class="card">
                    <h3>{t!(i18n, gr_distribution)}</h3>
                    <DistributionBars dist=dist labels=labels test_id="res-dist" />
                    <Show when=move || { dist.with(|d| d.unrated != 0) }>
                        <p class="muted small">
                            {t!(i18n, gr_unrated_hint)}" "
                            <a href=super::View::Rate.href()>{t!(i18n, gr_go_rate)}</a>
                        </p>
                    </Show>
                </div>
            </div>
            <div class="card" data-testid="res-policies">
                <h3>{t!(i18n, gr_policy_title)}</h3>
                <PolicyTable policies=policies labels=labels />
            </div>
            <div class="card">
                <div class="table-head">
                    <h3>{t!(i18n, gr_scores_title)}</h3>
                    <ExportButtons table=export test_id="res-export" />
                </div>
                <p class="muted small">{t!(i18n, gr_why_hint)}</p>
                <div class="table-wrap tall">
                    <table class="grid" data-testid="res-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, gr_customer)}</th>
                                <th scope="col" class="num">{t!(i18n, gr_score)}</th>
                                <th scope="col">{t!(i18n, gr_grade)}</th>
                                <th scope="col" class="num">{t!(i18n, gr_visits)}</th>
                                <th scope="col">{t!(i18n, gr_why)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || sorted.get()
                                key=row_key
                                children=move |m| view! { <ResultRow ctx=ctx m=m labels=labels policies=policies /> }
                            />
                        </tbody>
                    </table>
                </div>
            </div>
        </Show>
    }
}

/// A row is rebuilt when anything it shows changes.
fn row_key(
    m: &MemberScore,
) -> (
    String,
    Option<sandtable_core::grading::Dec>,
    Vec<Option<String>>,
) {
    (
        m.customer.clone(),
        m.score,
        m.factors.iter().map(|f| f.level.clone()).collect(),
    )
}

#[component]
fn ResultRow(
    ctx: GradingContext,
    m: MemberScore,
    labels: Signal<Vec<String>>,
    policies: Memo<Vec<ServicePolicy>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let id = m.customer.clone();
    let grade = m.grade.clone();
    let visits = {
        let grade = grade.clone();
        move || {
            grade
                .as_ref()
                .and_then(|g| {
                    policies.with(|p| policy_for(p, g).map(|p| p.visits_per_month.to_string()))
                })
                .unwrap_or_else(|| "—".into())
        }
    };
    let missing = m.missing().len();
    let factors = m.factors.clone();
    let g = grade.clone();
    view! {
        <tr data-testid=format!("res-row-{id}")>
            <th scope="row" class="cust">{ctx.name_of(&id)}<br /><small class="muted mono">{id.clone()}</small></th>
            <td class="num" data-testid=format!("res-score-{id}") data-value=m.score.map(|s| s.to_string()).unwrap_or_default()>
                {score_text(m.score)}
            </td>
            <td data-testid=format!("res-grade-{id}") data-value=grade.clone().unwrap_or_default()>
                <GradeBadge grade=Signal::derive(move || g.clone()) labels=labels />
                {grade.as_deref().and_then(|g| grade_meaning(g, lang.get_untracked())).map(|t| view! { <small class="muted">" "{t}</small> })}
            </td>
            <td class="num">{visits}</td>
            <td>
                <details class="why-details">
                    <summary>
                        {if missing > 0 {
                            format!("⚠ {} {missing}", t_string!(i18n, gr_missing_ratings))
                        } else {
                            t_string!(i18n, gr_show_why).to_string()
                        }}
                    </summary>
                    <table class="grid why-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, gr_category)}</th>
                                <th scope="col">{t!(i18n, gr_factor)}</th>
                                <th scope="col">{t!(i18n, gr_level_or_value)}</th>
                                <th scope="col" class="num">{t!(i18n, gr_points)}</th>
                                <th scope="col" class="num">{t!(i18n, gr_weight_pct)}</th>
                                <th scope="col" class="num">{t!(i18n, gr_contribution)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {factors
                                .into_iter()
                                .map(|f| {
                                    let what = match (f.metric, f.value, &f.level) {
                                        (Some(metric), Some(v), _) => metric_value_text(metric, v, lang.get_untracked()),
                                        (_, _, Some(l)) => l.clone(),
                                        _ => "—".into(),
                                    };
                                    view! {
                                        <tr>
                                            <td>{f.category.clone()}</td>
                                            <td>{f.factor.clone()}</td>
                                            <td>{what}</td>
                                            <td class="num">{format!("{} / {}", f.points.map(|p| p.to_string()).unwrap_or_else(|| "—".into()), f.max_points)}</td>
                                            <td class="num">{format!("{}%", f.weight)}</td>
                                            <td class="num">{f.contribution.map(|c| format!("{:.2}", c.to_f64())).unwrap_or_else(|| "—".into())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </details>
            </td>
        </tr>
    }
}

/// The service policy per grade, edited in place: visits a month and the resource share
/// refused with their range beside the field, the support as free text; the shares' sum is
/// noted when it is not 100 %, and the course's defaults can be restored.
#[component]
fn PolicyTable(policies: Memo<Vec<ServicePolicy>>, labels: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let error = RwSignal::new(None::<(String, PolicyField, String)>);
    let store = move |grade: &str, f: &dyn Fn(&mut ServicePolicy)| {
        // The shown grades' policies replace their stored ones; other grades' are kept.
        let mut all = state
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| w.grading.policies.clone()))
            .unwrap_or_default();
        for mut p in policies.get_untracked() {
            if p.grade == grade {
                f(&mut p);
            }
            match all.iter_mut().find(|x| x.grade == p.grade) {
                Some(x) => *x = p,
                None => all.push(p),
            }
        }
        state.edit(Edit::Grading(GradingEdit::SetPolicies { policies: all }));
    };
    let set_number = move |grade: String, field: PolicyField, text: String| match parse_policy_field(
        field, &text,
    ) {
        Ok(v) => {
            error.set(None);
            store(&grade, &|p| match field {
                PolicyField::Visits => p.visits_per_month = v,
                PolicyField::ResourceShare => p.resource_share = v,
            });
        }
        Err(e) => error.set(Some((grade, field, e.message(lang.get_untracked())))),
    };
    let notes = Memo::new(move |_| policies.with(|p| policy_notes(p, lang.get())));
    let number = move |grade: String, field: PolicyField, value: String| {
        let g = StoredValue::new(grade.clone());
        let err = move || {
            error.with(|e| {
                e.as_ref()
                    .filter(|(eg, ef, _)| g.with_value(|g| eg == g) && *ef == field)
                    .map(|(_, _, m)| m.clone())
            })
        };
        let code = match field {
            PolicyField::Visits => "visits",
            PolicyField::ResourceShare => "share",
        };
        let label = match field {
            PolicyField::Visits => t_string!(i18n, gr_visits),
            PolicyField::ResourceShare => t_string!(i18n, gr_resource_share),
        };
        let test_id = format!("policy-{code}-{grade}");
        view! {
            <td class="num">
                <input type="text" inputmode="decimal" class="narrow num"
                    data-testid=test_id
                    aria-label=format!("{grade} {label}")
                    aria-invalid=move || if err().is_some() { "true" } else { "false" }
                    prop:value=value
                    on:change=move |e| set_number(grade.clone(), field, event_target_value(&e))
                />
                {move || err().map(|m| view! { <small class="field-error" role="alert" data-testid="policy-error">{m}</small> })}
            </td>
        }
    };
    view! {
        <div class="table-wrap">
            <table class="grid policy">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, gr_grade)}</th>
                        <th scope="col" class="num">{t!(i18n, gr_visits)}</th>
                        <th scope="col" class="num">{move || format!("{} (%)", t_string!(i18n, gr_resource_share))}</th>
                        <th scope="col">{t!(i18n, gr_support)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || policies.get().into_iter().map(|p| {
                        let g = p.grade.clone();
                        let grade = p.grade.clone();
                        let meaning = grade_meaning(&p.grade, lang.get());
                        view! {
                            <tr data-testid=format!("policy-{}", p.grade)>
                                <td>
                                    <GradeBadge grade=Signal::derive(move || Some(g.clone())) labels=labels />
                                    {meaning.map(|m| view! { <small class="muted">" "{m}</small> })}
                                </td>
                                {number(p.grade.clone(), PolicyField::Visits, p.visits_per_month.to_string())}
                                {number(p.grade.clone(), PolicyField::ResourceShare, p.resource_share.to_string())}
                                <td class="wrap">
                                    <textarea rows="2" data-testid=format!("policy-support-{}", p.grade)
                                        aria-label=format!("{} {}", p.grade, t_string!(i18n, gr_support))
                                        prop:value=p.support.clone()
                                        on:change=move |e| {
                                            let text = event_target_value(&e);
                                            store(&grade, &|p| p.support = text.trim().to_string());
                                        }
                                    ></textarea>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || notes.get().into_iter().map(|n| view! { <p class="banner warn" role="status" data-testid="policy-note">"⚠ "{n}</p> }).collect_view()}
        <div class="actions">
            <button data-testid="policy-reset" on:click=move |_| {
                error.set(None);
                state.edit(Edit::Grading(GradingEdit::SetPolicies { policies: Vec::new() }));
            }>{t!(i18n, gr_policy_reset)}</button>
        </div>
    }
}
