//! The Matrix view: growth against share, and growth by member and month.

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{self, Period, compare_by_month};

use super::Settings;
use super::compare::compare_memo;
use super::shared::*;
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;

/// The growth matrix: members by growth and share (bubbles sized by value) and growth by member
/// and month (a heat map). A view of its own: the month table is a second pass over the ledger,
/// which the Compare view's repaint on a 1M-row ledger should not wait for.
#[component]
pub(super) fn MatrixView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, up_down) = use_palette();
    let result = compare_memo(frame, settings);
    // Growth × share bubbles of the 30 largest members that have a base.
    let bubbles = Memo::new(move |_| {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let (div, _) = charts::measure_unit(s.measure, lang);
                r.as_ref()
                    .map(|r| {
                        r.rows
                            .iter()
                            .filter_map(|row| {
                                Some(charts::Bubble {
                                    name: row.name.clone(),
                                    growth: row.growth?,
                                    share: row.share?,
                                    value: row.current.to_f64() / div,
                                })
                            })
                            .take(30)
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    });
    let bubble_title = move || t_string!(i18n, rv_chart_bubbles).to_string();
    let bubble_chart = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            let (_, unit) = charts::measure_unit(s.measure, lang);
            bubbles.with(|b| {
                charts::growth_share_bubbles(
                    &bubble_title(),
                    (
                        &format!("{} %", t_string!(i18n, rv_col_growth)),
                        &format!("{} %", t_string!(i18n, rv_col_share)),
                    ),
                    &unit,
                    b,
                    palette.get(),
                )
            })
        })
    });
    let bubble_table = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            let (_, unit) = charts::measure_unit(s.measure, lang);
            bubbles.with(|b| Table {
                title: bubble_title(),
                columns: vec![
                    Column::new(s.dim.label(lang), ColumnKind::Text),
                    Column::new(t_string!(i18n, rv_col_growth), ColumnKind::Growth),
                    Column::new(t_string!(i18n, rv_col_share), ColumnKind::Percent),
                    Column::new(
                        format!("{} {} ({unit})", t_string!(i18n, rv_current), s.current),
                        ColumnKind::Number,
                    ),
                ],
                rows: b
                    .iter()
                    .map(|x| {
                        vec![
                            Cell::text(x.name.clone()),
                            Cell::Number(x.growth),
                            Cell::Number(x.share),
                            Cell::Number((x.value * 100.0).round() / 100.0),
                        ]
                    })
                    .collect(),
            })
        })
    });

    // Growth by member and month: the 12 largest members, the current period's months.
    let by_month = Memo::new(move |_| {
        settings.with(|s| {
            frame.with(|f| {
                compare_by_month(&f.0, s.dim, s.measure, s.current, s.base, &s.filter)
                    .map(|mut t| {
                        t.rows.truncate(12);
                        t
                    })
                    .ok()
            })
        })
    });
    let heat_title = move || t_string!(i18n, rv_chart_heatmap).to_string();
    let heat_months =
        move |p: Period| -> Vec<String> { (p.first..=p.last).map(review::month_label).collect() };
    let heat_chart = Signal::derive(move || {
        by_month.with(|t| {
            let Some(t) = t else {
                return Chart::new();
            };
            let growth: Vec<Vec<Option<f64>>> = t
                .rows
                .iter()
                .map(|r| (0..r.current.len()).map(|i| r.growth(i)).collect())
                .collect();
            charts::growth_heatmap(
                &heat_title(),
                t.rows.iter().map(|r| r.name.clone()).collect(),
                heat_months(t.current),
                &growth,
                t_string!(i18n, rv_new),
                palette.get(),
                up_down.get(),
            )
        })
    });
    let heat_table = Signal::derive(move || {
        let lang = lang.get();
        by_month.with(|t| {
            let Some(t) = t else {
                return Table::default();
            };
            let mut columns = vec![Column::new(t.dim.label(lang), ColumnKind::Text)];
            columns.extend(
                heat_months(t.current)
                    .into_iter()
                    .map(|m| Column::new(m, ColumnKind::Growth)),
            );
            let new_label = t_string!(i18n, rv_new).to_string();
            Table {
                title: heat_title(),
                columns,
                rows: t
                    .rows
                    .iter()
                    .map(|r| {
                        let mut row = vec![Cell::text(r.name.clone())];
                        row.extend(
                            (0..r.current.len())
                                .map(|i| growth_cell(r.growth(i), r.current[i], &new_label)),
                        );
                        row
                    })
                    .collect(),
            }
        })
    });

    view! {
        {move || result.with(|r| r.as_ref().err().map(|e| view! { <ErrorNote text=e.message(lang.get()) /> }))}
        <div class="card">
            <EChart chart=bubble_chart height=420 label=Signal::derive(bubble_title) numbers=bubble_table test_id="rv-bubbles" />
        </div>
        <div class="card">
            <EChart chart=heat_chart height=460 label=Signal::derive(heat_title) numbers=heat_table test_id="rv-heatmap" />
        </div>
    }
}
