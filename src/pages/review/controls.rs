//! The controls above every review view (period, comparison, dimension, measure) and the
//! drill-down breadcrumb.

use leptos::prelude::*;
use sandtable_core::review::{self, Comparison, Dim, Measure};

use super::{Setter, Settings};
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;

#[component]
pub(super) fn Controls(
    frame: Memo<FrameRef>,
    settings: Memo<Settings>,
    #[prop(into)] set: Setter,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let periods = Memo::new(move |_| frame.with(|f| review::period_options(&f.0)));
    let has_gp = Memo::new(move |_| frame.with(|f| f.0.has_gross_profit()));
    view! {
        <div class="review-controls card" data-testid="rv-controls">
            <label class="control">
                <span>{t!(i18n, rv_period)}</span>
                <select
                    data-testid="rv-period"
                    prop:value=move || settings.with(|s| s.period.to_string())
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        set.run(Box::new(move |q| q.period = Some(v)));
                    }
                >
                    {move || {
                        let current = settings.with(|s| s.period);
                        let mut list = periods.get();
                        if !list.contains(&current) {
                            list.insert(0, current);
                        }
                        list.into_iter()
                            .map(|p| {
                                let code = p.to_string();
                                view! { <option value=code.clone() selected=p == current>{code.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="control">
                <span>{t!(i18n, rv_comparison)}</span>
                <select
                    data-testid="rv-cmp"
                    prop:value=move || settings.with(|s| s.cmp.code())
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        set.run(Box::new(move |q| q.cmp = Some(v)));
                    }
                >
                    {move || {
                        let cur = settings.with(|s| s.cmp);
                        [Comparison::YearOverYear, Comparison::PeriodOverPeriod, Comparison::YearToDate]
                            .into_iter()
                            .map(|c| view! { <option value=c.code() selected=c == cur>{c.label(lang.get())}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="control">
                <span>{t!(i18n, rv_dimension)}</span>
                <select
                    data-testid="rv-dim"
                    prop:value=move || settings.with(|s| s.dim.code())
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        set.run(Box::new(move |q| q.dim = Some(v)));
                    }
                >
                    {move || {
                        let cur = settings.with(|s| s.dim);
                        Dim::ALL
                            .into_iter()
                            .map(|d| view! { <option value=d.code() selected=d == cur>{d.label(lang.get())}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="control">
                <span>{t!(i18n, rv_measure)}</span>
                <select
                    data-testid="rv-measure"
                    prop:value=move || settings.with(|s| s.measure.code())
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        set.run(Box::new(move |q| q.measure = Some(v)));
                    }
                >
                    {move || {
                        let cur = settings.with(|s| s.measure);
                        Measure::ALL
                            .into_iter()
                            .filter(|m| *m != Measure::GrossProfit || has_gp.get())
                            .map(|m| view! { <option value=m.code() selected=m == cur>{m.label(lang.get())}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <p class="periods muted" data-testid="rv-periods">
                {move || settings.with(|s| format!("{} {} · {} {}", t_string!(i18n, rv_current), s.current, t_string!(i18n, rv_base), s.base))}
            </p>
        </div>
    }
}

#[component]
pub(super) fn Breadcrumb(
    frame: Memo<FrameRef>,
    settings: Memo<Settings>,
    #[prop(into)] set: Setter,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    move || {
        let drill = settings.with(|s| s.drill.clone());
        if drill.is_empty() {
            return None;
        }
        let steps = drill
            .iter()
            .enumerate()
            .map(|(i, (d, id))| {
                let name = frame.with(|f| {
                    let m = f.0.members(*d);
                    m.key(id)
                        .map(|k| m.name(k).to_string())
                        .unwrap_or_else(|| id.clone())
                });
                let last = i + 1 == drill.len();
                let dim = *d;
                let label = format!("{}：{name}", dim.label(lang.get()));
                let go = move |_| {
                    let next = dim.drill_next().unwrap_or(dim);
                    set.run(Box::new(move |q| {
                        q.drill.truncate(i + 1);
                        q.dim = Some(next.code().to_string());
                    }))
                };
                view! {
                    <li>
                        <span aria-hidden="true">" › "</span>
                        {if last {
                            view! { <span aria-current="page">{label}</span> }.into_any()
                        } else {
                            view! { <button class="link" on:click=go>{label}</button> }.into_any()
                        }}
                    </li>
                }
            })
            .collect_view();
        let first_dim = drill[0].0;
        Some(view! {
            <nav class="breadcrumb" aria-label=move || t_string!(i18n, rv_drill_path) data-testid="rv-breadcrumb">
                <ol>
                    <li>
                        <button
                            class="link"
                            data-testid="rv-drill-top"
                            on:click=move |_| set.run(Box::new(move |q| {
                                q.drill.clear();
                                q.dim = Some(first_dim.code().to_string());
                            }))
                        >
                            {t!(i18n, rv_territory)}
                        </button>
                    </li>
                    {steps}
                </ol>
            </nav>
        })
    }
}
