//! Scores and grades (评分结果): the grade distribution, every customer's score and grade with
//! the reason factor by factor, and the service policy each grade receives.

use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::grading::{
    MemberScore, Scale, ServicePolicy, distribution, grade_meaning, policies_for_grades, policy_for,
};

use super::rate::{NoScale, metric_value_text};
use super::shared::{DistributionBars, GradeBadge, GradingContext, score_text};
use crate::components::table::ExportButtons;
use crate::context::use_lang;
use crate::i18n::*;

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
                <div class="card" data-testid="res-policies">
                    <h3>{t!(i18n, gr_policy_title)}</h3>
                    <PolicyTable policies=policies labels=labels />
                </div>
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

/// The service policy per grade.
#[component]
fn PolicyTable(policies: Memo<Vec<ServicePolicy>>, labels: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <div class="table-wrap">
            <table class="grid policy">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, gr_grade)}</th>
                        <th scope="col" class="num">{t!(i18n, gr_visits)}</th>
                        <th scope="col" class="num">{t!(i18n, gr_resource_share)}</th>
                        <th scope="col">{t!(i18n, gr_support)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || policies.get().into_iter().map(|p| {
                        let g = p.grade.clone();
                        let meaning = grade_meaning(&p.grade, lang.get());
                        view! {
                            <tr data-testid=format!("policy-{}", p.grade)>
                                <td>
                                    <GradeBadge grade=Signal::derive(move || Some(g.clone())) labels=labels />
                                    {meaning.map(|m| view! { <small class="muted">" "{m}</small> })}
                                </td>
                                <td class="num">{p.visits_per_month.to_string()}</td>
                                <td class="num">{format!("{}%", p.resource_share)}</td>
                                <td class="wrap">{p.support.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
