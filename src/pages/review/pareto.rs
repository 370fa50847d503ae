//! The Pareto view: ABC classes of the chosen dimension and the cumulative share curve.

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{AbcThresholds, abc};

use super::Settings;
use super::shared::*;
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;

#[component]
pub(super) fn ParetoView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, _) = use_palette();
    let result = Memo::new(move |_| {
        settings.with(|s| {
            frame.with(|f| {
                abc(
                    &f.0,
                    s.dim,
                    s.measure,
                    Some(s.current),
                    &s.filter,
                    AbcThresholds::default(),
                )
            })
        })
    });
    let table = Memo::new(move |_| {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let Ok(r) = r else {
                    return Table::default();
                };
                let mut rows: Vec<Vec<Cell>> = r
                    .members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        vec![
                            Cell::text(m.name.clone()),
                            Cell::Number(i as f64 + 1.0),
                            value_cell(m.value, s.measure),
                            Cell::Number(m.share),
                            Cell::Number(m.cumulative),
                            Cell::text(m.class.code()),
                        ]
                    })
                    .collect();
                rows.extend(r.inactive.iter().map(|m| {
                    vec![
                        Cell::text(m.name.clone()),
                        Cell::Missing("—".into()),
                        value_cell(m.value, s.measure),
                        Cell::Missing("—".into()),
                        Cell::Missing("—".into()),
                        Cell::text(t_string!(i18n, rv_inactive)),
                    ]
                }));
                Table {
                    title: format!("ABC {} {}", s.dim.label(lang), s.current),
                    columns: vec![
                        Column::new(s.dim.label(lang), ColumnKind::Text),
                        Column::new(t_string!(i18n, rv_col_rank), ColumnKind::Count),
                        Column::new(s.measure.label(lang), value_kind(s.measure)),
                        Column::new(t_string!(i18n, rv_col_share), ColumnKind::Percent),
                        Column::new(t_string!(i18n, rv_col_cumulative), ColumnKind::Percent),
                        Column::new(t_string!(i18n, rv_col_class), ColumnKind::Text),
                    ],
                    rows,
                }
            })
        })
    });
    let chart = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let Ok(r) = r else {
                    return Chart::new();
                };
                let (div, unit) = charts::measure_unit(s.measure, lang);
                let top = r.members.iter().take(60);
                charts::pareto(
                    t_string!(i18n, rv_chart_pareto),
                    &unit,
                    t_string!(i18n, rv_col_cumulative),
                    top.clone().map(|m| m.name.clone()).collect(),
                    top.clone().map(|m| m.value.to_f64() / div).collect(),
                    top.map(|m| m.cumulative).collect(),
                    palette.get(),
                )
            })
        })
    });
    let chart_table = Signal::derive(move || {
        let mut t = table.get();
        t.title = t_string!(i18n, rv_chart_pareto).to_string();
        t.rows.truncate(60);
        t
    });
    let summary = move || {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let r = r.as_ref().ok()?;
                let (x, y) = r.pareto()?;
                Some(
                    t_string!(i18n, rv_pareto_sentence)
                        .replace("{x}", &format!("{:.1}%", x * 100.0))
                        .replace("{dim}", s.dim.label(lang))
                        .replace("{y}", &format!("{:.1}%", y * 100.0))
                        .replace("{measure}", s.measure.label(lang))
                        .replace("{a}", &r.counts[0].to_string())
                        .replace("{b}", &r.counts[1].to_string())
                        .replace("{c}", &r.counts[2].to_string())
                        .replace("{inactive}", &r.inactive.len().to_string()),
                )
            })
        })
    };
    view! {
        {move || result.with(|r| r.as_ref().err().map(|e| view! { <ErrorNote text=e.message(lang.get()) /> }))}
        <p class="lead" data-testid="rv-pareto-summary">{summary}</p>
        <div class="card">
            <EChart chart=chart height=360 label=Signal::derive(move || t_string!(i18n, rv_chart_pareto).to_string()) numbers=chart_table test_id="rv-pareto-chart" />
        </div>
        <div class="card">
            <DataTable table=table test_id="rv-abc" />
        </div>
    }
}
