//! Start (起点): the plan year, the measure, the rounding unit and the agreed annual target,
//! with last year's actual beside it, and the five core questions as a checklist linked to the
//! views that answer them.

use leptos::prelude::*;
use sandtable_core::review::Measure;
use sandtable_core::targets::{Plan, Question, UNITS, parse_total, reallocate, round_to_unit};
use sandtable_core::{Money, format_money};

use super::View;
use super::shared::{Refusal, TargetsContext, measure_text};
use crate::context::use_lang;
use crate::i18n::*;

/// Growth over last year offered as one-tap targets, in percent.
const GROWTHS: [i64; 5] = [0, 5, 10, 15, 20];

#[component]
pub fn Start(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let plan = ctx.shown;
    let measure = Memo::new(move |_| plan.with(|p| p.measure));
    let actual = ctx.base_actual;
    let total_error = RwSignal::new(None::<String>);
    // Every change goes through here: the allocation, if any, follows the new total, unit or
    // measure, or the change is refused with the reason.
    let change = move |f: &dyn Fn(&mut Plan)| {
        let mut p = ctx.working_plan();
        f(&mut p);
        let outcome = ctx.frame.with_untracked(|fr| reallocate(fr, p));
        ctx.settle(outcome);
    };
    let set_total = move |text: String| {
        let unit = plan.with_untracked(|p| p.unit);
        match parse_total(&text, unit) {
            Ok(total) => {
                total_error.set(None);
                change(&|p| p.total = Some(total));
            }
            Err(e) => total_error.set(Some(e.message(lang.get_untracked()))),
        }
    };
    let grow = move |percent: i64| {
        let unit = plan.with_untracked(|p| p.unit);
        let base = actual.get_untracked();
        let grown = Money((i128::from(base.0) * i128::from(100 + percent) / 100) as i64);
        let total = round_to_unit(grown, unit);
        total_error.set(None);
        change(&|p| p.total = Some(total));
    };
    let has_gp = Memo::new(move |_| ctx.frame.with(|f| f.has_gross_profit()));
    let years = Memo::new(move |_| {
        let shown = ctx.year.get();
        let mut y: Vec<i32> = ctx.plan_years.get();
        y.extend([shown - 1, shown, shown + 1]);
        y.sort_unstable();
        y.dedup();
        y
    });
    let growth_text = move || {
        plan.with(|p| p.total).map(|t| {
            let base = actual.get();
            if base.0 <= 0 {
                t_string!(i18n, tg_growth_new).to_string()
            } else {
                let g = (t.0 as f64 - base.0 as f64) / base.0 as f64 * 100.0;
                let arrow = if g > 0.0 {
                    "▲"
                } else if g < 0.0 {
                    "▼"
                } else {
                    ""
                };
                format!("{arrow} {g:+.1}%")
            }
        })
    };
    view! {
        <div class="columns">
            <div class="card" data-testid="tg-start">
                <h3>{t!(i18n, tg_start_title)}</h3>
                <div class="form-grid">
                    <label class="field">
                        <span>{t!(i18n, tg_year)}</span>
                        <select
                            data-testid="tg-year"
                            prop:value=move || ctx.year.get().to_string()
                            on:change=move |e| {
                                if let Ok(y) = event_target_value(&e).parse::<i32>() {
                                    ctx.refusal.set(None);
                                    total_error.set(None);
                                    ctx.picked_year.set(Some(y));
                                }
                            }
                        >
                            {move || {
                                let shown = ctx.year.get();
                                let planned = ctx.plan_years.get();
                                years
                                    .get()
                                    .into_iter()
                                    .map(|y| {
                                        let mark = if planned.contains(&y) { " ✓" } else { "" };
                                        view! { <option value=y.to_string() selected=y == shown>{format!("{y}{mark}")}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, tg_measure)}</span>
                        <select
                            data-testid="tg-measure"
                            on:change=move |e| {
                                if let Some(m) = Measure::from_code(&event_target_value(&e)) {
                                    change(&|p| p.measure = m);
                                }
                            }
                        >
                            {move || {
                                let current = measure.get();
                                [Measure::Amount, Measure::Quantity, Measure::GrossProfit]
                                    .into_iter()
                                    .filter(|m| *m != Measure::GrossProfit || has_gp.get())
                                    .map(|m| view! { <option value=m.code() selected=m == current>{m.label(lang.get())}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, tg_unit)}</span>
                        <select
                            data-testid="tg-unit"
                            on:change=move |e| {
                                if let Some(u) = event_target_value(&e).parse::<i64>().ok().map(Money) {
                                    change(&|p| {
                                        p.unit = u;
                                        p.total = p.total.map(|t| round_to_unit(t, u));
                                    });
                                }
                            }
                        >
                            {move || {
                                let current = plan.with(|p| p.unit);
                                UNITS
                                    .into_iter()
                                    .map(|u| view! { <option value=u.0.to_string() selected=u == current>{format_money(u, lang.get())}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, tg_total)}</span>
                        <input
                            class="num"
                            data-testid="tg-total"
                            inputmode="decimal"
                            autocomplete="off"
                            aria-invalid=move || total_error.with(Option::is_some).then_some("true")
                            prop:value=move || plan.with(|p| p.total.map(|t| t.to_grouped_string()).unwrap_or_default())
                            on:change=move |e| set_total(event_target_value(&e))
                        />
                        {move || total_error.get().map(|m| view! { <div class="field-error" role="alert" data-testid="tg-total-error">{m}</div> })}
                    </label>
                </div>
                <div class="actions" role="group" aria-label=move || t_string!(i18n, tg_growth_quick)>
                    <span class="muted small">{t!(i18n, tg_growth_quick)}</span>
                    {GROWTHS
                        .into_iter()
                        .map(|g| view! {
                            <button data-testid=format!("tg-grow-{g}") on:click=move |_| grow(g) disabled=move || actual.get().0 <= 0>
                                {format!("+{g}%")}
                            </button>
                        })
                        .collect_view()}
                </div>
                <div class="stats">
                    <div class="stat wide" data-testid="tg-base-actual" data-value=move || actual.get().to_decimal_string()>
                        <span class="stat-label">{move || format!("{} {}", ctx.year.get() - 1, t_string!(i18n, tg_actual))}</span>
                        <span class="stat-value num">{move || measure_text(actual.get(), measure.get(), lang.get())}</span>
                        <span class="stat-unit">{move || measure.get().label(lang.get())}</span>
                    </div>
                    <div class="stat wide" data-testid="tg-target-stat">
                        <span class="stat-label">{move || format!("{} {}", ctx.year.get(), t_string!(i18n, tg_target))}</span>
                        <span class="stat-value num">
                            {move || plan.with(|p| p.total).map(|t| measure_text(t, measure.get(), lang.get())).unwrap_or_else(|| "—".into())}
                        </span>
                        <span class="stat-unit" data-testid="tg-growth">{growth_text}</span>
                    </div>
                </div>
                <Refusal ctx=ctx lang=lang />
                <Show when=move || plan.with(|p| p.total.is_some())>
                    <div class="actions">
                        <a class="button primary" href=View::Split.href() data-testid="tg-go-split">{t!(i18n, tg_go_split)}" →"</a>
                    </div>
                </Show>
            </div>
            <Questions ctx=ctx plan=plan />
        </div>
        <super::file::PlanFile ctx=ctx />
    }
}

/// The five core questions: ticked by hand, or by the steps that answer them; each links to
/// where it is answered.
#[component]
fn Questions(ctx: TargetsContext, plan: Memo<Plan>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let link = |q: Question| match q {
        Question::WhereAreWe => "#/review?view=compare".to_string(),
        Question::WhereWillTheMarketBe => View::Sources.href(),
        Question::WhereDoWeWantToBe => View::Sources.href(),
        Question::HowDoWeGetThere => View::Tree.href(),
        Question::WhatResources => "#/grading?view=results".to_string(),
    };
    let toggle = move |q: Question| {
        let mut p = ctx.working_plan();
        if !p.ticked.remove(&q) {
            p.ticked.insert(q);
        }
        ctx.put(p);
    };
    view! {
        <div class="card" data-testid="tg-questions">
            <h3>{t!(i18n, tg_questions)}</h3>
            <p class="muted small">{t!(i18n, tg_questions_hint)}</p>
            <ul class="checklist">
                {Question::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, q)| {
                        let answered = move || plan.with(|p| p.answered(q));
                        let by_step = move || plan.with(|p| p.answered(q) && !p.ticked.contains(&q));
                        view! {
                            <li class:done=answered>
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        data-testid=format!("tg-q-{i}")
                                        prop:checked=answered
                                        disabled=by_step
                                        on:change=move |_| toggle(q)
                                    />
                                    <span>{move || q.label(lang.get())}</span>
                                </label>
                                <a href=link(q) class="link">{t!(i18n, tg_questions_open)}" →"</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
