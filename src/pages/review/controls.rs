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
            <CodeSelect
                label=Signal::derive(move || t_string!(i18n, rv_period).to_string())
                test_id="rv-period"
                value=Signal::derive(move || settings.with(|s| s.period.to_string()))
                options=Signal::derive(move || {
                    // A period from the URL that the list does not offer is shown first.
                    let current = settings.with(|s| s.period);
                    let mut list = periods.get();
                    if !list.contains(&current) {
                        list.insert(0, current);
                    }
                    list.iter().map(|p| (p.to_string(), p.to_string())).collect()
                })
                on_change=Callback::new(move |v: String| set.run(Box::new(move |q| q.period = Some(v))))
            />
            <CodeSelect
                label=Signal::derive(move || t_string!(i18n, rv_comparison).to_string())
                test_id="rv-cmp"
                value=Signal::derive(move || settings.with(|s| s.cmp.code().to_string()))
                options=Signal::derive(move || {
                    let lang = lang.get();
                    Comparison::ALL.iter().map(|c| (c.code().to_string(), c.label(lang).to_string())).collect()
                })
                on_change=Callback::new(move |v: String| set.run(Box::new(move |q| q.cmp = Some(v))))
            />
            <CodeSelect
                label=Signal::derive(move || t_string!(i18n, rv_dimension).to_string())
                test_id="rv-dim"
                value=Signal::derive(move || settings.with(|s| s.dim.code().to_string()))
                options=Signal::derive(move || {
                    let lang = lang.get();
                    Dim::ALL.iter().map(|d| (d.code().to_string(), d.label(lang).to_string())).collect()
                })
                on_change=Callback::new(move |v: String| set.run(Box::new(move |q| q.dim = Some(v))))
            />
            <CodeSelect
                label=Signal::derive(move || t_string!(i18n, rv_measure).to_string())
                test_id="rv-measure"
                value=Signal::derive(move || settings.with(|s| s.measure.code().to_string()))
                options=Signal::derive(move || {
                    let lang = lang.get();
                    Measure::ALL
                        .iter()
                        .filter(|m| **m != Measure::GrossProfit || has_gp.get())
                        .map(|m| (m.code().to_string(), m.label(lang).to_string()))
                        .collect()
                })
                on_change=Callback::new(move |v: String| set.run(Box::new(move |q| q.measure = Some(v))))
            />
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

/// One of the controls: a labelled select over (code, label) options, the current code
/// selected; a choice hands its code to `on_change`.
#[component]
fn CodeSelect(
    label: Signal<String>,
    test_id: &'static str,
    value: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="control">
            <span>{label}</span>
            <select
                data-testid=test_id
                prop:value=move || value.get()
                on:change=move |e| on_change.run(event_target_value(&e))
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let selected = code == current;
                            view! { <option value=code selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
