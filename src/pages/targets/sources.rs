//! The three sources, reconciled (目标来源): top-down (market size × the share aimed for), the
//! trend (the review's forecast, with its back-test error) and bottom-up (the customer plans),
//! side by side with their gaps and a chart; one of them, or a blend, becomes the annual target.

use leptos::prelude::*;
use sandtable_core::targets::{
    Blend, Source, SourceMissing, parse_share, reallocate, round_to_unit, sources, trend,
};
use sandtable_core::{Lang, Money};

use super::View;
use super::shared::{Refusal, TargetsContext, measure_text, signed_text};
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::context::use_lang;
use crate::i18n::*;

#[component]
pub fn Sources(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let plan = ctx.shown;
    let measure = Memo::new(move |_| plan.with(|p| p.measure));
    let bottom_total = Memo::new(move |_| {
        let entered = plan.with(|p| !p.bottom_up.is_empty());
        entered
            .then(|| ctx.bottom_up.with(|b| b.as_ref().ok().map(|b| b.total())))
            .flatten()
    });
    // The forecast reads the whole ledger: made again only when the year, the measure or the
    // ledger changes, not on every edit of the plan.
    let trend_of = Memo::new(move |_| {
        let (year, m) = plan.with(|p| (p.year, p.measure));
        ctx.frame.with(|f| trend(f, year, m))
    });
    let found = Memo::new(move |_| {
        let bu = bottom_total.get();
        plan.with(|p| sources(p, trend_of.get(), bu))
    });
    let weights = RwSignal::new(
        plan.with_untracked(|p| p.sources.blend)
            .unwrap_or_else(|| Blend::only(Source::Trend)),
    );
    let share_error = RwSignal::new(None::<String>);
    let blend_error = RwSignal::new(None::<String>);
    let set_share = move |text: String| {
        let text = text.trim().to_string();
        let share = if text.is_empty() {
            Ok(None)
        } else {
            parse_share(&text).map(Some)
        };
        match share {
            Ok(share) => {
                share_error.set(None);
                ctx.update(|p| p.sources.target_share = share);
            }
            Err(e) => share_error.set(Some(e.message(lang.get_untracked()).to_string())),
        }
    };
    // Takes a blend (one source alone is 100/0/0) as the annual target, rounded to the unit;
    // the split follows.
    let take = move |w: Blend| {
        let l = lang.get_untracked();
        let value = match found.with_untracked(|s| s.blend(&w)) {
            Ok(v) => v,
            Err(e) => {
                blend_error.set(Some(e.message(l)));
                return;
            }
        };
        let mut p = ctx.working_plan();
        let total = round_to_unit(value, p.unit);
        if total.0 <= 0 {
            blend_error.set(Some(
                l.pick("目标须大于 0。", "The target must be above 0.")
                    .into(),
            ));
            return;
        }
        blend_error.set(None);
        weights.set(w);
        p.total = Some(total);
        p.sources.blend = Some(w);
        let outcome = ctx.frame.with_untracked(|f| reallocate(f, p));
        ctx.settle(outcome);
    };
    let blended = Memo::new(move |_| weights.with(|w| found.with(|s| s.blend(w))));
    let (palette, _) = use_palette();
    let chart = Signal::derive(move || {
        let l = lang.get();
        let m = measure.get();
        let (div, unit) = charts::measure_unit(m, l);
        let year = plan.with(|p| p.year);
        let mut names = vec![format!("{} {}", year - 1, t_string!(i18n, tg_actual))];
        let mut values = vec![ctx.base_actual.get().to_f64() / div];
        found.with(|s| {
            for src in Source::ALL {
                if let Some(v) = s.value(src) {
                    names.push(short_label(src, l).to_string());
                    values.push(v.to_f64() / div);
                }
            }
        });
        let target = plan.with(|p| p.total).map(|t| {
            (
                format!(
                    "{year} {} {}",
                    t_string!(i18n, tg_target),
                    measure_text(t, m, l)
                ),
                t.to_f64() / div,
            )
        });
        charts::bars_with_line(
            t_string!(i18n, tg_sources_chart),
            &unit,
            names,
            values,
            target,
            palette.get(),
        )
    });
    view! {
        <div class="card" data-testid="tg-sources">
            <h3>{t!(i18n, tg_sources_title)}" · "{move || ctx.year.get()}</h3>
            <p class="muted small">{t!(i18n, tg_sources_hint)}</p>
            <Refusal ctx=ctx lang=lang />
            <div class="table-wrap">
                <table class="grid" data-testid="tg-sources-table">
                    <caption class="sr-only">{t!(i18n, tg_sources_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, tg_sources_source)}</th>
                            <th scope="col" class="num">{move || format!("{} {}", ctx.year.get(), t_string!(i18n, tg_sources_value))}</th>
                            <th scope="col" class="num">{t!(i18n, tg_sources_vs_last)}</th>
                            <th scope="col" class="num">{t!(i18n, tg_sources_vs_target)}</th>
                            <th scope="col">{t!(i18n, tg_sources_note)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            let m = measure.get();
                            let base = ctx.base_actual.get();
                            let target = plan.with(|p| p.total);
                            let s = found.get();
                            Source::ALL
                                .into_iter()
                                .map(|src| {
                                    let value = s.value(src);
                                    let vs_last = value.map(|v| growth_text(v, base));
                                    let vs_target = value.zip(target).map(|(v, t)| signed_text(Money(v.0.saturating_sub(t.0)), m, l));
                                    let note = match (src, s.missing(src)) {
                                        (_, Some(why)) => view! { <MissingNote why=why.clone() lang=l /> }.into_any(),
                                        (Source::Trend, None) => {
                                            let t = s.trend.as_ref().ok();
                                            let months = t.map(|t| t.actual_months).unwrap_or(0);
                                            let mape = t.and_then(|t| t.mape);
                                            let text = trend_note(months, mape, l);
                                            view! { <span data-testid="tg-source-trend-note">{text}</span> }.into_any()
                                        }
                                        (Source::TopDown, None) => {
                                            let size = plan.with(|p| p.market_size).unwrap_or(Money::ZERO);
                                            let share = plan.with(|p| p.sources.target_share).map(|d| d.to_string()).unwrap_or_default();
                                            view! { <span>{format!("{} × {share}%", measure_text(size, m, l))}</span> }.into_any()
                                        }
                                        (Source::BottomUp, None) => {
                                            view! { <a href=View::BottomUp.href()>{t!(i18n, tg_sources_see_bottom_up)}" →"</a> }.into_any()
                                        }
                                    };
                                    view! {
                                        <tr data-testid=format!("tg-source-{}", src.code()) data-value=value.map(|v| v.to_string()).unwrap_or_default()>
                                            <th scope="row">{src.label(l)}</th>
                                            <td class="num">{value.map(|v| measure_text(v, m, l)).unwrap_or_else(|| "—".into())}</td>
                                            <td class="num">{vs_last.unwrap_or_else(|| "—".into())}</td>
                                            <td class="num">{vs_target.unwrap_or_else(|| "—".into())}</td>
                                            <td class="small">{note}</td>
                                            <td>
                                                {value.is_some().then(|| view! {
                                                    <button data-testid=format!("tg-source-take-{}", src.code()) on:click=move |_| take(Blend::only(src))>
                                                        {t!(i18n, tg_sources_take)}
                                                    </button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                        <tr class="fixed">
                            <th scope="row">{move || format!("{} {}", ctx.year.get() - 1, t_string!(i18n, tg_actual))}</th>
                            <td class="num" data-testid="tg-sources-base">{move || measure_text(ctx.base_actual.get(), measure.get(), lang.get())}</td>
                            <td colspan="4"></td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <div class="form-grid">
                <label class="field">
                    <span>{t!(i18n, tg_sources_share)}</span>
                    <span class="cell-with-unit">
                        <input
                            class="num"
                            inputmode="decimal"
                            autocomplete="off"
                            data-testid="tg-sources-share"
                            aria-invalid=move || share_error.with(Option::is_some).then_some("true")
                            prop:value=move || plan.with(|p| p.sources.target_share.map(|d| d.to_string()).unwrap_or_default())
                            on:change=move |e| set_share(event_target_value(&e))
                        />
                        "%"
                    </span>
                    {move || share_error.get().map(|m| view! { <span class="field-error" role="alert" data-testid="tg-sources-share-error">{m}</span> })}
                </label>
                <div class="field">
                    <span>{t!(i18n, tg_tree_market)}</span>
                    <span>
                        {move || plan.with(|p| p.market_size).map(|m| measure_text(m, sandtable_core::review::Measure::Amount, lang.get())).unwrap_or_else(|| "—".into())}
                        " · "
                        <a href=View::Tree.href()>{t!(i18n, tg_sources_edit_market)}" →"</a>
                    </span>
                </div>
            </div>
        </div>
        <div class="card">
            <EChart chart=chart height=320 label=Signal::derive(move || t_string!(i18n, tg_sources_chart).to_string()) test_id="tg-sources-chart" />
        </div>
        <div class="card" data-testid="tg-blend">
            <h4>{t!(i18n, tg_sources_blend)}</h4>
            <p class="muted small">{t!(i18n, tg_sources_blend_hint)}</p>
            <div class="form-grid">
                {Source::ALL
                    .into_iter()
                    .map(|src| view! {
                        <label class="field">
                            <span>{move || short_label(src, lang.get())}</span>
                            <span class="cell-with-unit">
                                <input
                                    class="num"
                                    type="number"
                                    min="0"
                                    max="100"
                                    step="1"
                                    inputmode="numeric"
                                    data-testid=format!("tg-blend-{}", src.code())
                                    prop:value=move || weights.with(|w| w.weight(src).to_string())
                                    on:change=move |e| {
                                        match event_target_value(&e).trim().parse::<u32>() {
                                            Ok(v) if v <= 100 => {
                                                blend_error.set(None);
                                                weights.update(|w| *w.weight_mut(src) = v);
                                            }
                                            _ => blend_error.set(Some(lang.get_untracked().pick("权重须是 0 到 100 的整数。", "A weight is a whole number from 0 to 100.").into())),
                                        }
                                    }
                                />
                                "%"
                            </span>
                        </label>
                    })
                    .collect_view()}
            </div>
            {move || blend_error.get().map(|m| view! { <div class="field-error" role="alert" data-testid="tg-blend-error">{m}</div> })}
            <div class="actions">
                {move || match blended.get() {
                    Ok(v) => {
                        let unit = plan.with(|p| p.unit);
                        let text = measure_text(round_to_unit(v, unit), measure.get(), lang.get());
                        view! {
                            <button class="primary" data-testid="tg-blend-take" on:click=move |_| take(weights.get_untracked())>
                                {format!("{} {text}", t_string!(i18n, tg_sources_take_blend))}
                            </button>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <span class="muted small" data-testid="tg-blend-problem">{e.message(lang.get())}</span> }.into_any(),
                }}
                {move || plan.with(|p| p.total.is_some()).then(|| view! {
                    <a class="button" href=View::Tree.href()>{t!(i18n, tg_tab_tree)}" →"</a>
                })}
            </div>
        </div>
    }
}

/// A source's short name, for the chart and the blend's fields.
fn short_label(src: Source, lang: Lang) -> &'static str {
    match src {
        Source::TopDown => lang.pick("自上而下", "Top-down"),
        Source::Trend => lang.pick("趋势", "Trend"),
        Source::BottomUp => lang.pick("自下而上", "Bottom-up"),
    }
}

/// Growth of a value over last year, with its arrow.
fn growth_text(v: Money, base: Money) -> String {
    if base.0 <= 0 {
        return "—".into();
    }
    let g = (v.0 as f64 - base.0 as f64) / base.0 as f64;
    charts::growth_label(Some(g), 1, "—")
}

/// How the trend was made: months of actuals, months forecast, the back-test error.
fn trend_note(actual_months: u32, mape: Option<f64>, lang: Lang) -> String {
    let forecast = 12 - actual_months.min(12);
    let mape = match mape {
        Some(m) => format!("{:.1}%", m * 100.0),
        None => "—".into(),
    };
    match lang {
        Lang::Zh => format!(
            "{actual_months} 个月实际 + {forecast} 个月预测（趋势 × 季节指数）· 回测 MAPE {mape}"
        ),
        Lang::En => format!(
            "{actual_months} months actual + {forecast} forecast (trend × seasonal index) · back-test MAPE {mape}"
        ),
    }
}

/// Why a source has no value, with a link to where it is entered.
#[component]
fn MissingNote(why: SourceMissing, lang: Lang) -> impl IntoView {
    let link = match why {
        SourceMissing::NoMarketSize => Some(View::Tree),
        SourceMissing::NoBottomUp => Some(View::BottomUp),
        _ => None,
    };
    view! {
        <span class="muted" data-testid="tg-source-missing">{why.message(lang)}</span>
        {link.map(|v| view! { " "<a href=v.href()>"→"</a> })}
    }
}
