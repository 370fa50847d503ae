//! The Trend view: the monthly series through the last complete month, its moving total,
//! the seasonality index and the forecast with its back-test.

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::Money;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{self, Measure, forecast};

use super::Settings;
use super::shared::*;
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;

#[component]
pub(super) fn TrendView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, _) = use_palette();
    let series = Memo::new(move |_| {
        settings.with(|s| frame.with(|f| review::complete_months(&f.0, s.measure, &s.filter)))
    });
    let fc = Memo::new(move |_| {
        series.with(|s| {
            s.as_ref()
                .map_err(Clone::clone)
                .and_then(|s| forecast(s, 12))
        })
    });
    let series_table = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            series.with(|x| {
                let Ok(x) = x else {
                    return Table::default();
                };
                let mt = x.moving_total();
                Table {
                    title: t_string!(i18n, rv_chart_monthly).to_string(),
                    columns: vec![
                        Column::new(t_string!(i18n, col_month), ColumnKind::Text),
                        Column::new(s.measure.label(lang), value_kind(s.measure)),
                        Column::new(t_string!(i18n, rv_moving_total), value_kind(s.measure)),
                    ],
                    rows: x
                        .values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| {
                            vec![
                                Cell::text(x.label(i)),
                                value_cell(*v, s.measure),
                                mt[i].map_or(Cell::Missing("—".into()), |m| {
                                    value_cell(m, s.measure)
                                }),
                            ]
                        })
                        .collect(),
                }
            })
        })
    });
    let series_chart = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            series.with(|x| {
                let Ok(x) = x else {
                    return Chart::new();
                };
                let (div, unit) = charts::measure_unit(s.measure, lang);
                let mt = x.moving_total();
                let moving = t_string!(i18n, rv_moving_total).to_string();
                charts::month_lines_two_axes(
                    t_string!(i18n, rv_chart_monthly),
                    (&unit, &format!("{unit} ({moving})")),
                    (0..x.len()).map(|i| x.label(i)).collect(),
                    (
                        s.measure.label(lang).to_string(),
                        x.values.iter().map(|v| Some(v.to_f64() / div)).collect(),
                    ),
                    (
                        moving.clone(),
                        mt.iter().map(|v| v.map(|v| v.to_f64() / div)).collect(),
                    ),
                    palette.get(),
                )
            })
        })
    });
    let season_table = Signal::derive(move || {
        fc.with(|f| {
            let Ok(f) = f else {
                return Table::default();
            };
            Table {
                title: t_string!(i18n, rv_chart_season).to_string(),
                columns: vec![
                    Column::new(t_string!(i18n, col_month), ColumnKind::Text),
                    Column::new(t_string!(i18n, rv_season_index), ColumnKind::Number),
                ],
                rows: (0..12)
                    .map(|m| {
                        vec![
                            Cell::text(format!("{}", m + 1)),
                            Cell::Number(f.decomposition.indices[m]),
                        ]
                    })
                    .collect(),
            }
        })
    });
    let season_chart = Signal::derive(move || {
        fc.with(|f| {
            let Ok(f) = f else {
                return Chart::new();
            };
            charts::bars(
                t_string!(i18n, rv_chart_season),
                t_string!(i18n, rv_season_index),
                (1..=12).map(|m| m.to_string()).collect(),
                f.decomposition.indices.to_vec(),
                palette.get(),
            )
        })
    });
    let forecast_table = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            fc.with(|f| {
                let Ok(f) = f else {
                    return Table::default();
                };
                let money = |x: f64| match s.measure {
                    Measure::Quantity => Cell::Number(x),
                    _ => money_cell(x),
                };
                let mut rows: Vec<Vec<Cell>> = f
                    .backtest
                    .iter()
                    .map(|b| {
                        vec![
                            Cell::text(review::month_label(b.month)),
                            money(b.actual),
                            money(b.forecast),
                            Cell::text(t_string!(i18n, rv_backtest)),
                        ]
                    })
                    .collect();
                rows.extend(f.months.iter().map(|m| {
                    vec![
                        Cell::text(review::month_label(m.month)),
                        Cell::Missing("—".into()),
                        money(m.value),
                        Cell::text(t_string!(i18n, rv_forecast)),
                    ]
                }));
                Table {
                    title: t_string!(i18n, rv_chart_forecast).to_string(),
                    columns: vec![
                        Column::new(t_string!(i18n, col_month), ColumnKind::Text),
                        Column::new(t_string!(i18n, rv_actual), value_kind(s.measure)),
                        Column::new(t_string!(i18n, rv_forecast), value_kind(s.measure)),
                        Column::new(s.measure.label(lang), ColumnKind::Text),
                    ],
                    rows,
                }
            })
        })
    });
    let forecast_chart = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            series.with(|x| {
                fc.with(|f| {
                    let (Ok(x), Ok(f)) = (x, f) else {
                        return Chart::new();
                    };
                    let (div, unit) = charts::measure_unit(s.measure, lang);
                    let n = x.len();
                    let h = f.months.len();
                    let mut labels: Vec<String> = (0..n).map(|i| x.label(i)).collect();
                    labels.extend(f.months.iter().map(|m| review::month_label(m.month)));
                    let mut actual: Vec<Option<f64>> =
                        x.values.iter().map(|v| Some(v.to_f64() / div)).collect();
                    actual.extend(std::iter::repeat_n(None, h));
                    let d = &f.decomposition;
                    let fitted: Vec<Option<f64>> = (0..n + h)
                        .map(|i| Some(d.fitted(x.first_month + i as i32) / div))
                        .collect();
                    let mut future: Vec<Option<f64>> = vec![None; n];
                    future.extend(f.months.iter().map(|m| Some(m.value / div)));
                    charts::month_lines(
                        t_string!(i18n, rv_chart_forecast),
                        &unit,
                        labels,
                        vec![
                            (t_string!(i18n, rv_actual).to_string(), actual, false),
                            (t_string!(i18n, rv_fitted).to_string(), fitted, true),
                            (t_string!(i18n, rv_forecast).to_string(), future, false),
                        ],
                        palette.get(),
                    )
                })
            })
        })
    });
    let mape = move || {
        let lang = lang.get();
        let measure = settings.with(|s| s.measure);
        fc.with(|f| {
            f.as_ref().ok().map(|f| {
                let d = &f.decomposition;
                let slope = Money::from_f64(d.slope).unwrap_or(Money::ZERO);
                let slope = format!(
                    "{}{}",
                    if d.slope >= 0.0 { "+" } else { "" },
                    format_measure(slope, measure, lang)
                );
                let mape = f
                    .backtest_mape
                    .map_or("—".to_string(), |m| format!("{:.1}%", m * 100.0));
                t_string!(i18n, rv_trend_sentence)
                    .replace("{months}", &d.months_used.to_string())
                    .replace("{slope}", &slope)
                    .replace("{mape}", &mape)
            })
        })
    };
    view! {
        {move || series.with(|r| r.as_ref().err().map(|e| view! { <ErrorNote text=e.message(lang.get()) /> }))}
        <div class="card">
            <EChart chart=series_chart height=340 label=Signal::derive(move || t_string!(i18n, rv_chart_monthly).to_string()) numbers=series_table test_id="rv-monthly" />
        </div>
        {move || match fc.with(|f| f.as_ref().err().cloned()) {
            Some(e) if series.with(Result::is_ok) => view! { <ErrorNote text=e.message(lang.get()) /> }.into_any(),
            Some(_) => ().into_any(),
            None => view! {
                <p class="lead" data-testid="rv-trend-summary">{mape}</p>
                <div class="columns">
                    <div class="card">
                        <EChart chart=season_chart height=300 label=Signal::derive(move || t_string!(i18n, rv_chart_season).to_string()) numbers=season_table test_id="rv-season" />
                    </div>
                    <div class="card">
                        <EChart chart=forecast_chart height=300 label=Signal::derive(move || t_string!(i18n, rv_chart_forecast).to_string()) numbers=forecast_table test_id="rv-forecast" />
                    </div>
                </div>
            }.into_any(),
        }}
    }
}
