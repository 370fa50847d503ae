//! The gap bridge (差距桥): a waterfall from last year's actual to the agreed target through the
//! steps the user names and sizes; whatever they leave unexplained is its own, marked step, so
//! the bars always land on the target.

use leptos::prelude::*;
use sandtable_core::review::Measure;
use sandtable_core::targets::{
    Bridge as BridgeModel, BridgeStep, StepKind, bridge, bridge_table, check_steps,
    parse_step_amount, suggested_steps,
};
use sandtable_core::{Lang, Money};

use super::View;
use super::shared::{TargetsContext, measure_text, signed_text};
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::context::use_lang;
use crate::i18n::*;

#[component]
pub fn Bridge(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let plan = ctx.shown;
    let steps = Memo::new(move |_| plan.with(|p| p.bridge.clone()));
    let measure = Memo::new(move |_| plan.with(|p| p.measure));
    let model = Memo::new(move |_| {
        let target = plan.with(|p| p.total)?;
        Some(steps.with(|s| bridge(ctx.base_actual.get(), target, s)))
    });
    // Why the last change was refused; nothing was stored then.
    let refused = RwSignal::new(None::<String>);
    // The step whose typed amount was refused, and why.
    let entry_error = RwSignal::new(None::<(usize, String)>);
    let change = move |f: &dyn Fn(&mut Vec<BridgeStep>)| {
        let mut next = steps.get_untracked();
        f(&mut next);
        if let Some(p) = check_steps(&next).first() {
            refused.set(Some(p.message(lang.get_untracked())));
            return;
        }
        refused.set(None);
        ctx.update(|p| p.bridge = next);
    };
    let suggestions = Memo::new(move |_| {
        let (year, m) = plan.with(|p| (p.year, p.measure));
        ctx.frame.with(|f| suggested_steps(f, year, m))
    });
    let add = move |kind: StepKind| {
        entry_error.set(None);
        change(&|s| s.push(BridgeStep::new(kind, Money::ZERO)));
    };
    let suggest = move |_| {
        let found = suggestions.get_untracked();
        change(&|s| {
            for step in &found {
                match s.iter_mut().find(|x| x.kind == step.kind) {
                    Some(x) => x.amount = step.amount,
                    None => s.push(step.clone()),
                }
            }
        });
    };
    let n = Memo::new(move |_| steps.with(Vec::len));
    let (palette, up_down) = use_palette();
    let chart = Signal::derive(move || {
        let l = lang.get();
        let Some(b) = model.get() else {
            return charming::Chart::new();
        };
        let m = measure.get();
        let (div, unit) = charts::measure_unit(m, l);
        let year = plan.with(|p| p.year);
        let steps = steps.get();
        let bars: Vec<(String, f64)> = b
            .bars
            .iter()
            .map(|bar| {
                let name = match bar.step.and_then(|i| steps.get(i)) {
                    Some(s) => s.label(l),
                    None => format!("⚠ {}", t_string!(i18n, tg_bridge_unexplained)),
                };
                (
                    format!("{name}\n{}", signed_text(bar.amount, m, l)),
                    bar.amount.to_f64() / div,
                )
            })
            .collect();
        let start = format!("{} {}", year - 1, t_string!(i18n, tg_actual));
        let end = format!("{year} {}", t_string!(i18n, tg_target));
        charts::waterfall_marked(
            t_string!(i18n, tg_bridge_title),
            &unit,
            (&start, b.start.to_f64() / div),
            &bars,
            (&end, b.target.to_f64() / div),
            palette.get(),
            up_down.get(),
            Some(bars.len() - 1),
        )
    });
    let numbers = Signal::derive(move || {
        let l = lang.get();
        plan.with(|p| match model.get() {
            Some(b) => bridge_table(p, &b, l),
            None => sandtable_core::export::Table {
                title: String::new(),
                columns: Vec::new(),
                rows: Vec::new(),
            },
        })
    });
    view! {
        <div class="card" data-testid="tg-bridge">
            <h3>{t!(i18n, tg_bridge_title)}" · "{move || format!("{} → {}", ctx.year.get() - 1, ctx.year.get())}</h3>
            <p class="muted small">{t!(i18n, tg_bridge_hint)}</p>
            {move || match model.get() {
                None => view! {
                    <div class="empty" data-testid="tg-bridge-empty">
                        <p>{t!(i18n, tg_bridge_no_target)}</p>
                        <a class="button primary" href=View::Start.href()>{t!(i18n, tg_tab_start)}" →"</a>
                    </div>
                }
                .into_any(),
                Some(b) => view! { <Summary model=b measure=measure.get() lang=lang.get() /> }.into_any(),
            }}
        </div>
        <Show when=move || model.with(Option::is_some)>
            <div class="card">
                <EChart chart=chart height=360 label=Signal::derive(move || t_string!(i18n, tg_bridge_title).to_string()) numbers=numbers test_id="tg-bridge-chart" />
            </div>
            <div class="card">
                {move || refused.get().map(|m| view! { <div class="banner warn" role="alert" data-testid="tg-bridge-refused">"⚠ "{m}</div> })}
                {move || model.with(|b| b.as_ref().map(|b| b.warnings.clone())).unwrap_or_default().into_iter().map(|w| view! {
                    <div class="banner warn" role="status" data-testid="tg-bridge-warning">"⚠ "{w.message(lang.get())}</div>
                }).collect_view()}
                <div class="table-wrap">
                    <table class="grid bridge" data-testid="tg-bridge-table">
                        <caption class="sr-only">{t!(i18n, tg_bridge_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{t!(i18n, tg_bridge_kind)}</th>
                                <th scope="col">{t!(i18n, tg_bridge_name)}</th>
                                <th scope="col" class="num">{move || {
                                    let (_, unit) = charts::measure_unit(measure.get(), lang.get());
                                    let unit = if measure.get() == Measure::Quantity { unit } else { lang.get().pick("元", "yuan").to_string() };
                                    format!("{} ({unit})", t_string!(i18n, tg_bridge_change))
                                }}</th>
                                <th scope="col" class="num">{t!(i18n, tg_bridge_level)}</th>
                                <th scope="col" class="num">{t!(i18n, tg_bridge_share)}</th>
                                <th scope="col">{t!(i18n, tg_bridge_order)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <tr class="fixed">
                                <th scope="row" colspan="3">{move || format!("{} {}", ctx.year.get() - 1, t_string!(i18n, tg_actual))}</th>
                                <td></td>
                                <td class="num" data-testid="tg-bridge-start">{move || model.get().map(|b| measure_text(b.start, measure.get(), lang.get()))}</td>
                                <td colspan="2"></td>
                            </tr>
                            // Rows are keyed by position so that a row keeps its fields (and the
                            // focus) while its numbers change.
                            <For each=move || 0..n.get() key=|i| *i let:i>
                                <StepRow i=i steps=steps model=model measure=measure entry_error=entry_error change=change />
                            </For>
                            {move || model.get().map(|b| {
                                let rest = b.unexplained();
                                let share = b.bars.last().and_then(|x| x.share_of_gap);
                                view! {
                                    <tr class="unexplained" class:closed=rest.0 == 0 data-testid="tg-bridge-unexplained" data-amount=rest.to_string()>
                                        <th scope="row" colspan="3">
                                            {if rest.0 == 0 { "✓ " } else { "⚠ " }}
                                            {t!(i18n, tg_bridge_unexplained)}
                                        </th>
                                        <td class="num">{signed_text(rest, measure.get(), lang.get())}</td>
                                        <td class="num">{measure_text(b.target, measure.get(), lang.get())}</td>
                                        <td class="num">{share.map(|s| format!("{:.1}%", s * 100.0)).unwrap_or_else(|| "—".into())}</td>
                                        <td></td>
                                    </tr>
                                }
                            })}
                            <tr class="fixed total">
                                <th scope="row" colspan="3">{move || format!("{} {}", ctx.year.get(), t_string!(i18n, tg_target))}</th>
                                <td class="num">{move || model.get().map(|b| signed_text(b.gap(), measure.get(), lang.get()))}</td>
                                <td class="num" data-testid="tg-bridge-target">{move || model.get().map(|b| measure_text(b.target, measure.get(), lang.get()))}</td>
                                <td colspan="2"></td>
                            </tr>
                        </tbody>
                    </table>
                </div>
                <div class="actions" role="group" aria-label=move || t_string!(i18n, tg_bridge_add).to_string()>
                    <span class="muted small">{t!(i18n, tg_bridge_add)}</span>
                    {StepKind::NAMED
                        .into_iter()
                        .chain([StepKind::Other])
                        .map(|k| view! {
                            <button data-testid=format!("tg-bridge-add-{}", k.code()) on:click=move |_| add(k)>
                                {move || format!("+ {}", k.label(lang.get()))}
                            </button>
                        })
                        .collect_view()}
                </div>
                {move || (!suggestions.with(Vec::is_empty)).then(|| {
                    let l = lang.get();
                    let m = measure.get();
                    let text = suggestions
                        .get()
                        .iter()
                        .map(|s| format!("{} {}", s.label(l), signed_text(s.amount, m, l)))
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <div class="actions">
                            <button data-testid="tg-bridge-suggest" on:click=suggest>{t!(i18n, tg_bridge_suggest)}</button>
                            <span class="muted small">{
                                let y = plan.with(|p| p.year) - 1;
                                match l {
                                    Lang::Zh => format!("假设与 {y} 年相同：{text}"),
                                    Lang::En => format!("Assuming the same as in {y}: {text}"),
                                }
                            }</span>
                        </div>
                    }
                })}
            </div>
        </Show>
    }
}

/// The gap, and how much of it the steps explain.
#[component]
fn Summary(model: BridgeModel, measure: Measure, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let gap = model.gap();
    let rest = model.unexplained();
    let explained = Money(gap.0.saturating_sub(rest.0));
    view! {
        <div class="stats" data-testid="tg-bridge-summary">
            <div class="stat">
                <span class="stat-label">{t!(i18n, tg_bridge_gap)}</span>
                <span class="stat-value num" data-testid="tg-bridge-gap">{signed_text(gap, measure, lang)}</span>
            </div>
            <div class="stat">
                <span class="stat-label">{t!(i18n, tg_bridge_explained)}</span>
                <span class="stat-value num">{signed_text(explained, measure, lang)}</span>
            </div>
            <div class="stat" class:warn=rest.0 != 0>
                <span class="stat-label">{t!(i18n, tg_bridge_unexplained)}</span>
                <span class="stat-value num">{if rest.0 == 0 { "✓ " } else { "⚠ " }}{signed_text(rest, measure, lang)}</span>
            </div>
        </div>
    }
}

/// One step: its kind, its name, its signed change (typed), the level it reaches, its share of
/// the gap, and buttons to move or remove it.
#[component]
fn StepRow(
    i: usize,
    steps: Memo<Vec<BridgeStep>>,
    model: Memo<Option<BridgeModel>>,
    measure: Memo<Measure>,
    entry_error: RwSignal<Option<(usize, String)>>,
    change: impl Fn(&dyn Fn(&mut Vec<BridgeStep>)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let step = Memo::new(move |_| steps.with(|s| s.get(i).cloned()));
    let bar = Memo::new(move |_| model.with(|b| b.as_ref().and_then(|b| b.bars.get(i).cloned())));
    let error = Memo::new(move |_| {
        entry_error.with(|e| {
            e.as_ref()
                .filter(|(at, _)| *at == i)
                .map(|(_, m)| m.clone())
        })
    });
    let name = move || step.with(|s| s.as_ref().map(|s| s.label(lang.get())).unwrap_or_default());
    let code = move || step.with(|s| s.as_ref().map(|s| s.kind.code()).unwrap_or_default());
    let set_amount = move |text: String| match parse_step_amount(&text) {
        Ok(amount) => {
            entry_error.set(None);
            change(&|s| {
                if let Some(x) = s.get_mut(i) {
                    x.amount = amount;
                }
            });
        }
        Err(e) => entry_error.set(Some((i, e.message(lang.get_untracked()).to_string()))),
    };
    let set_name = move |text: String| {
        change(&|s| {
            if let Some(x) = s.get_mut(i) {
                x.name = text.trim().to_string();
            }
        })
    };
    let set_kind = move |code: String| {
        if let Some(k) = StepKind::from_code(&code) {
            change(&|s| {
                if let Some(x) = s.get_mut(i) {
                    x.kind = k;
                }
            })
        }
    };
    let swap = move |with: usize| {
        change(&|s| {
            if i < s.len() && with < s.len() {
                s.swap(i, with);
            }
        })
    };
    let remove = move |_| {
        entry_error.set(None);
        change(&|s| {
            if i < s.len() {
                s.remove(i);
            }
        })
    };
    let last = move || steps.with(|s| i + 1 >= s.len());
    view! {
        <tr data-testid=move || format!("tg-bridge-row-{i}") data-kind=code>
            <td class="num">{i + 1}</td>
            <td>
                <select
                    data-testid=format!("tg-bridge-kind-{i}")
                    aria-label=move || format!("{} {}", t_string!(i18n, tg_bridge_kind), i + 1)
                    on:change=move |e| set_kind(event_target_value(&e))
                >
                    {move || {
                        let current = step.with(|s| s.as_ref().map(|s| s.kind));
                        StepKind::NAMED
                            .into_iter()
                            .chain([StepKind::Other])
                            .map(|k| view! { <option value=k.code() selected=Some(k) == current>{k.label(lang.get())}</option> })
                            .collect_view()
                    }}
                </select>
            </td>
            <td>
                <input
                    class="cell-input"
                    autocomplete="off"
                    data-testid=format!("tg-bridge-name-{i}")
                    aria-label=move || format!("{} {}", t_string!(i18n, tg_bridge_name), i + 1)
                    placeholder=name
                    prop:value=move || step.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default())
                    on:change=move |e| set_name(event_target_value(&e))
                />
            </td>
            <td class="num">
                <input
                        class="cell-input num"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid=format!("tg-bridge-amount-{i}")
                        aria-label=move || format!("{} {}", t_string!(i18n, tg_bridge_change), name())
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:value=move || step.with(|s| s.as_ref().map(|s| s.amount.to_grouped_string()).unwrap_or_default())
                        on:change=move |e| set_amount(event_target_value(&e))
                    />
                <div class="muted small" data-testid=format!("tg-bridge-signed-{i}")>
                    {move || step.with(|s| s.as_ref().map(|s| signed_text(s.amount, measure.get(), lang.get())))}
                </div>
                {move || error.get().map(|m| view! { <div class="field-error" role="alert" data-testid="tg-bridge-entry-error">{m}</div> })}
            </td>
            <td class="num">{move || bar.get().map(|b| measure_text(b.to, measure.get(), lang.get()))}</td>
            <td class="num">{move || bar.get().map(|b| b.share_of_gap.map(|s| format!("{:.1}%", s * 100.0)).unwrap_or_else(|| "—".into()))}</td>
            <td class="row-actions">
                <button
                    data-testid=format!("tg-bridge-up-{i}")
                    aria-label=move || format!("{} {}", t_string!(i18n, tg_bridge_up), name())
                    disabled=i == 0
                    on:click=move |_| swap(i.saturating_sub(1))
                >
                    <span aria-hidden="true">"↑"</span>
                </button>
                <button
                    data-testid=format!("tg-bridge-down-{i}")
                    aria-label=move || format!("{} {}", t_string!(i18n, tg_bridge_down), name())
                    disabled=last
                    on:click=move |_| swap(i + 1)
                >
                    <span aria-hidden="true">"↓"</span>
                </button>
                <button
                    data-testid=format!("tg-bridge-remove-{i}")
                    aria-label=move || format!("{} {}", t_string!(i18n, tg_bridge_remove), name())
                    on:click=remove
                >
                    <span aria-hidden="true">"✕"</span>
                </button>
            </td>
        </tr>
    }
}
