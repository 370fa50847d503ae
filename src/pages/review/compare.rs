//! The Compare view: members of the chosen dimension against the base period, with the
//! change waterfall, ranked bars and drill-down.

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::Money;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{CompareTable, ReviewError, compare};

use super::shared::*;
use super::{Setter, Settings};
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;

/// The comparison table of the settings' dimension, measure and periods (Compare and Matrix views).
pub(super) fn compare_memo(
    frame: Memo<FrameRef>,
    settings: Memo<Settings>,
) -> Memo<Result<CompareTable, ReviewError>> {
    Memo::new(move |_| {
        settings
            .with(|s| frame.with(|f| compare(&f.0, s.dim, s.measure, s.current, s.base, &s.filter)))
    })
}

#[component]
pub(super) fn CompareView(
    frame: Memo<FrameRef>,
    settings: Memo<Settings>,
    #[prop(into)] set: Setter,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, up_down) = use_palette();
    let result = compare_memo(frame, settings);
    let table = Memo::new(move |_| {
        let lang = lang.get();
        let new_label = t_string!(i18n, rv_new).to_string();
        settings.with(|s| {
            result.with(|r| {
                let Ok(r) = r else {
                    return Table::default();
                };
                let kind = value_kind(s.measure);
                let columns = vec![
                    Column::new(s.dim.label(lang), ColumnKind::Text),
                    Column::new(t_string!(i18n, rv_col_rank), ColumnKind::Count),
                    Column::new(
                        format!("{} {}", t_string!(i18n, rv_current), s.current),
                        kind,
                    ),
                    Column::new(format!("{} {}", t_string!(i18n, rv_base), s.base), kind),
                    Column::new(t_string!(i18n, rv_col_change), kind),
                    Column::new(t_string!(i18n, rv_col_growth), ColumnKind::Growth),
                    Column::new(t_string!(i18n, rv_col_share), ColumnKind::Percent),
                    Column::new(t_string!(i18n, rv_col_mix), ColumnKind::Points),
                    Column::new(t_string!(i18n, rv_col_contribution), ColumnKind::Growth),
                    Column::new(t_string!(i18n, rv_col_index), ColumnKind::Number),
                ];
                let rows = r
                    .rows
                    .iter()
                    .map(|row| {
                        vec![
                            Cell::text(row.name.clone()),
                            Cell::Number(f64::from(row.rank)),
                            value_cell(row.current, s.measure),
                            value_cell(row.base, s.measure),
                            value_cell(row.change, s.measure),
                            growth_cell(row.growth, row.current, &new_label),
                            opt_number(row.share),
                            opt_number(row.mix_change_pp.map(|p| p / 100.0)),
                            opt_number(row.contribution),
                            opt_number(row.index),
                        ]
                    })
                    .collect();
                Table {
                    title: format!(
                        "{} {} {} {}",
                        s.measure.label(lang),
                        s.dim.label(lang),
                        s.cmp.label(lang),
                        s.current
                    ),
                    columns,
                    rows,
                }
            })
        })
    });
    let can_drill = Memo::new(move |_| settings.with(|s| s.dim.drill_next().is_some()));
    let on_row = Callback::new(move |i: usize| {
        let Some((dim, id)) = settings.with_untracked(|s| {
            result.with_untracked(|r| {
                r.as_ref()
                    .ok()
                    .and_then(|r| r.rows.get(i))
                    .map(|row| (s.dim, row.id.clone()))
            })
        }) else {
            return;
        };
        if let Some(next) = dim.drill_next() {
            set.run(Box::new(move |q| {
                q.drill.push((dim.code().to_string(), id));
                q.dim = Some(next.code().to_string());
            }));
        }
    });
    let row_enabled = Callback::new(move |_: usize| can_drill.get());

    // Contribution waterfall: base total → the largest changes → the rest → current total.
    let waterfall_table = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let Ok(r) = r else {
                    return Table::default();
                };
                let kind = value_kind(s.measure);
                let mut rows = vec![vec![
                    Cell::text(format!("{} {}", t_string!(i18n, rv_base), s.base)),
                    value_cell(r.total_base, s.measure),
                    Cell::Missing(String::new()),
                ]];
                for (name, change, contribution) in named_steps(r, t_string!(i18n, rv_others)) {
                    rows.push(vec![
                        Cell::text(name),
                        value_cell(change, s.measure),
                        opt_number(contribution),
                    ]);
                }
                rows.push(vec![
                    Cell::text(format!("{} {}", t_string!(i18n, rv_current), s.current)),
                    value_cell(r.total_current, s.measure),
                    opt_number(r.growth),
                ]);
                Table {
                    title: t_string!(i18n, rv_chart_contribution).to_string(),
                    columns: vec![
                        Column::new(s.dim.label(lang), ColumnKind::Text),
                        Column::new(t_string!(i18n, rv_col_change), kind),
                        Column::new(t_string!(i18n, rv_col_contribution), ColumnKind::Growth),
                    ],
                    rows,
                }
            })
        })
    });
    let waterfall_chart = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let (div, unit) = charts::measure_unit(s.measure, lang);
                let Ok(r) = r else {
                    return Chart::new();
                };
                let steps: Vec<(String, f64)> = named_steps(r, t_string!(i18n, rv_others))
                    .into_iter()
                    .map(|(n, c, _)| (n, c.to_f64() / div))
                    .collect();
                charts::waterfall(
                    t_string!(i18n, rv_chart_contribution),
                    &unit,
                    (t_string!(i18n, rv_base), r.total_base.to_f64() / div),
                    &steps,
                    (t_string!(i18n, rv_current), r.total_current.to_f64() / div),
                    palette.get(),
                    up_down.get(),
                )
            })
        })
    });
    let bars_chart = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let (div, unit) = charts::measure_unit(s.measure, lang);
                let Ok(r) = r else {
                    return Chart::new();
                };
                let top = r.rows.iter().take(15);
                let names = top.clone().map(|x| x.name.clone()).collect();
                let cur = top.clone().map(|x| x.current.to_f64() / div).collect();
                let base = top.map(|x| x.base.to_f64() / div).collect();
                let cur_label = format!("{} {}", t_string!(i18n, rv_current), s.current);
                let base_label = format!("{} {}", t_string!(i18n, rv_base), s.base);
                charts::two_period_bars(
                    t_string!(i18n, rv_chart_two_periods),
                    &unit,
                    names,
                    [(&cur_label, cur), (&base_label, base)],
                    palette.get(),
                )
            })
        })
    });
    let bars_table = Signal::derive(move || {
        let mut t = table.get();
        t.title = t_string!(i18n, rv_chart_two_periods).to_string();
        t.columns.truncate(4);
        t.rows.truncate(15);
        for r in &mut t.rows {
            r.truncate(4);
        }
        t
    });

    view! {
        {move || result.with(|r| r.as_ref().err().map(|e| view! { <ErrorNote text=e.message(lang.get()) /> }))}
        <div class="stats" data-testid="rv-totals">
            {move || {
                let lang = lang.get();
                settings.with(|s| result.with(|r| r.as_ref().ok().map(|r| {
                    let growth = match r.growth {
                        Some(g) => sandtable_core::export::format_cell(&Cell::Number(g), ColumnKind::Growth, lang),
                        None => t_string!(i18n, rv_new).to_string(),
                    };
                    let dir = match sandtable_core::export::direction(&opt_number(r.growth), ColumnKind::Growth) {
                        Some(sandtable_core::export::Arrow::Up) => "stat-value num up",
                        Some(sandtable_core::export::Arrow::Down) => "stat-value num down",
                        _ => "stat-value num",
                    };
                    view! {
                        <div class="stat wide" data-testid="rv-total-current" data-value=r.total_current.to_decimal_string()>
                            <span class="stat-label">{format!("{} {}", t_string!(i18n, rv_current), s.current)}</span>
                            <span class="stat-value num">{format_measure(r.total_current, s.measure, lang)}</span>
                            <span class="stat-unit">{s.measure.label(lang)}</span>
                        </div>
                        <div class="stat wide" data-testid="rv-total-base" data-value=r.total_base.to_decimal_string()>
                            <span class="stat-label">{format!("{} {}", t_string!(i18n, rv_base), s.base)}</span>
                            <span class="stat-value num">{format_measure(r.total_base, s.measure, lang)}</span>
                            <span class="stat-unit">{s.measure.label(lang)}</span>
                        </div>
                        <div class="stat wide" data-testid="rv-total-growth">
                            <span class="stat-label">{t_string!(i18n, rv_col_growth)}</span>
                            <span class=dir>{growth}</span>
                            <span class="stat-unit">{format!("{} {}", t_string!(i18n, rv_col_change), format_measure(r.total_change, s.measure, lang))}</span>
                        </div>
                    }
                })))
            }}
        </div>
        <div class="card">
            <DataTable table=table test_id="rv-compare" on_row=on_row row_enabled=row_enabled />
            <Show when=move || can_drill.get()>
                <p class="muted small">{t!(i18n, rv_drill_hint)}</p>
            </Show>
        </div>
        <div class="columns">
            <div class="card">
                <EChart chart=waterfall_chart height=340 label=Signal::derive(move || t_string!(i18n, rv_chart_contribution).to_string()) numbers=waterfall_table test_id="rv-waterfall" />
            </div>
            <div class="card">
                <EChart chart=bars_chart height=340 label=Signal::derive(move || t_string!(i18n, rv_chart_two_periods).to_string()) numbers=bars_table test_id="rv-bars" />
            </div>
        </div>
    }
}

/// The waterfall's steps as the view names them: the eight largest changes, then the rest.
fn named_steps(r: &CompareTable, others: &str) -> Vec<(String, Money, Option<f64>)> {
    r.change_steps(8)
        .into_iter()
        .map(|s| {
            let name = s.row.map_or_else(|| others.to_string(), |r| r.name.clone());
            (name, s.change, s.contribution)
        })
        .collect()
}
