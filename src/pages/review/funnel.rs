//! The Funnel view: the five-dimension funnel of both periods and the split of the change.

use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{Dim, FunnelFactor, FunnelInput, Measure, funnel};
use sandtable_core::{Edit, ReviewEdit, format_count};

use super::Settings;
use super::shared::*;
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;
use crate::state::AppState;

#[component]
pub(super) fn FunnelView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, up_down) = use_palette();
    let state = AppState::expect();
    let review = use_review_settings();
    let universe = Memo::new(move |_| {
        review.with(|r| settings.with(|s| frame.with(|f| r.universe_for(&f.0, &s.filter))))
    });
    let regions = Memo::new(move |_| {
        frame.with(|f| {
            let m = f.0.members(Dim::Region);
            (0..m.len() as u32)
                .filter(|k| !m.id(*k).is_empty())
                .map(|k| (m.id(k).to_string(), m.name(k).to_string()))
                .collect::<Vec<_>>()
        })
    });
    let result = Memo::new(move |_| {
        let u = universe.get();
        let input = FunnelInput {
            universe_current: u,
            universe_base: u,
            ..FunnelInput::default()
        };
        settings.with(|s| frame.with(|f| funnel(&f.0, s.current, s.base, &s.filter, &input)))
    });
    let table = Memo::new(move |_| {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let kind_of = |f: FunnelFactor| {
                    if f.is_rate() {
                        ColumnKind::Percent
                    } else {
                        ColumnKind::Number
                    }
                };
                let mut rows: Vec<Vec<Cell>> = r
                    .factors()
                    .iter()
                    .map(|f| {
                        let effect = r.effects.iter().find(|e| e.factor == *f);
                        let fmt = |x: Option<f64>| match x {
                            Some(v) if *f == FunnelFactor::Productivity => {
                                Cell::text(money_text(v, lang))
                            }
                            Some(v) => Cell::text(sandtable_core::export::format_cell(
                                &Cell::Number(v),
                                kind_of(*f),
                                lang,
                            )),
                            None => Cell::Missing("—".into()),
                        };
                        vec![
                            Cell::text(f.label(lang)),
                            fmt(r.base.factor(*f)),
                            fmt(r.current.factor(*f)),
                            effect.map_or(Cell::Missing("—".into()), |e| money_cell(e.effect)),
                        ]
                    })
                    .collect();
                rows.push(vec![
                    Cell::text(t_string!(i18n, rv_sales_total)),
                    Cell::Money(r.base.sales),
                    Cell::Money(r.current.sales),
                    Cell::Money(r.change),
                ]);
                Table {
                    title: t_string!(i18n, rv_funnel_title).to_string(),
                    columns: vec![
                        Column::new(t_string!(i18n, rv_factor), ColumnKind::Text),
                        Column::new(
                            format!("{} {}", t_string!(i18n, rv_base), s.base),
                            ColumnKind::Text,
                        ),
                        Column::new(
                            format!("{} {}", t_string!(i18n, rv_current), s.current),
                            ColumnKind::Text,
                        ),
                        Column::new(t_string!(i18n, rv_effect), ColumnKind::Money),
                    ],
                    rows,
                }
            })
        })
    });
    let chart = Signal::derive(move || {
        let lang = lang.get();
        result.with(|r| {
            let (div, unit) = charts::measure_unit(Measure::Amount, lang);
            let steps: Vec<(String, f64)> = r
                .effects
                .iter()
                .map(|e| (e.factor.label(lang).to_string(), e.effect / div))
                .collect();
            charts::waterfall(
                t_string!(i18n, rv_chart_lmdi),
                &unit,
                (t_string!(i18n, rv_base), r.base.sales.to_f64() / div),
                &steps,
                (t_string!(i18n, rv_current), r.current.sales.to_f64() / div),
                palette.get(),
                up_down.get(),
            )
        })
    });
    view! {
        <details class="card universe" data-testid="rv-universe" open=move || universe.with_untracked(Option::is_none)>
            <summary>
                {t!(i18n, rv_universe_label)}
                <span class="muted">
                    {move || universe.get().map_or_else(|| t_string!(i18n, rv_universe_missing).to_string(), |u| format_count(u, lang.get()))}
                </span>
            </summary>
            <p class="muted small">{t!(i18n, rv_universe_hint)}</p>
            <div class="table-wrap">
                <table class="grid universe-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || Dim::Region.label(lang.get())}</th>
                            <th scope="col" class="num">{t!(i18n, rv_universe_outlets)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            regions
                                .get()
                                .into_iter()
                                .map(|(id, name)| {
                                    let value = review.with(|r| r.universe_of(&id)).map(|u| u.to_string()).unwrap_or_default();
                                    let region = id.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{name.clone()}</th>
                                            <td class="num">
                                                <input
                                                    class="cell-input num"
                                                    type="number"
                                                    min="0"
                                                    inputmode="numeric"
                                                    data-testid=format!("rv-universe-{id}")
                                                    aria-label=format!("{name} {}", t_string!(i18n, rv_universe_outlets))
                                                    value=value
                                                    on:change=move |e| {
                                                        let text = event_target_value(&e);
                                                        let outlets = text.trim().parse::<u64>().ok().filter(|u| *u > 0);
                                                        if text.trim().is_empty() || outlets.is_some() {
                                                            state.edit(Edit::Review(ReviewEdit::SetRegionUniverse { region: region.clone(), outlets }));
                                                        }
                                                    }
                                                />
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </details>
        {move || result.with(|r| r.problem.as_ref().map(|p| view! { <ErrorNote text=p.message(lang.get()) /> }))}
        <div class="card">
            <DataTable table=table test_id="rv-funnel" />
        </div>
        <Show when=move || result.with(|r| !r.effects.is_empty())>
            <div class="card">
                <EChart chart=chart height=340 label=Signal::derive(move || t_string!(i18n, rv_chart_lmdi).to_string()) numbers=table test_id="rv-lmdi" />
            </div>
        </Show>
    }
}
