//! The Scorecard view: KPIs against their targets with status and a 12-month sparkline.

use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{self, Kpi, ScorecardItem, Status, Unit, scorecard};
use sandtable_core::{Edit, Lang, Money, ReviewEdit};

use super::Settings;
use super::shared::*;
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;
use crate::state::AppState;

#[component]
pub(super) fn ScorecardView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let review = use_review_settings();
    // The workspace's scorecard, or a starting set until the user changes it.
    let effective = Memo::new(move |_| {
        let kept = review.with(|r| r.scorecard.clone());
        if kept.is_empty() {
            settings.with(|s| frame.with(|f| review::default_scorecard(&f.0, s.base, &s.filter)))
        } else {
            kept
        }
    });
    let lines = Memo::new(move |_| {
        effective.with(|items| {
            settings.with(|s| {
                frame.with(|f| {
                    let universe = review.with(|r| r.universe_for(&f.0, &s.filter));
                    scorecard(&f.0, items, s.current, &s.filter, universe)
                })
            })
        })
    });
    let save = move |list: Vec<ScorecardItem>| {
        state.edit(Edit::Review(ReviewEdit::SetScorecard { items: list }))
    };
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut ScorecardItem)>| {
        let mut list = effective.get_untracked();
        if let Some(item) = list.get_mut(i) {
            f(item);
        }
        save(list);
    };
    let fmt_value = move |kpi: Kpi, v: Option<f64>, lang: Lang| match v {
        None => "—".to_string(),
        Some(v) => match kpi.unit() {
            Unit::Money => money_text(v, lang),
            Unit::Count => {
                sandtable_core::export::format_cell(&Cell::Number(v), ColumnKind::Count, lang)
            }
            Unit::Ratio => format!("{:.1}%", v * 100.0),
        },
    };
    let table = Signal::derive(move || {
        let lang = lang.get();
        lines.with(|lines| Table {
            title: t_string!(i18n, rv_view_scorecard).to_string(),
            columns: vec![
                Column::new("KPI", ColumnKind::Text),
                Column::new(t_string!(i18n, rv_target), ColumnKind::Number),
                Column::new(t_string!(i18n, rv_actual), ColumnKind::Number),
                Column::new(t_string!(i18n, rv_achievement), ColumnKind::Percent),
                Column::new(t_string!(i18n, rv_status), ColumnKind::Text),
            ],
            rows: lines
                .iter()
                .map(|l| {
                    let target = match l.item.kpi.unit() {
                        Unit::Money | Unit::Count => Some(l.item.target.to_f64()),
                        Unit::Ratio => Some(l.item.target.to_f64()),
                    };
                    vec![
                        Cell::text(l.item.kpi.label(lang)),
                        Cell::text(fmt_value(l.item.kpi, target, lang)),
                        Cell::text(fmt_value(l.item.kpi, l.actual, lang)),
                        opt_number(l.achievement),
                        Cell::text(l.status.label(lang)),
                    ]
                })
                .collect(),
        })
    });
    let add = move |e: leptos::ev::Event| {
        let code = event_target_value(&e);
        if let Some(kpi) = Kpi::from_code(&code) {
            let mut list = effective.get_untracked();
            list.push(ScorecardItem::new(kpi, Money::ZERO));
            save(list);
        }
    };
    view! {
        <div class="card">
            <div class="table-wrap">
                <table class="grid scorecard" data-testid="rv-scorecard">
                    <thead>
                        <tr>
                            <th scope="col">"KPI"</th>
                            <th scope="col" class="num">{t!(i18n, rv_target)}</th>
                            <th scope="col">{t!(i18n, rv_direction)}</th>
                            <th scope="col" class="num">{t!(i18n, rv_thresholds)}</th>
                            <th scope="col" class="num">{t!(i18n, rv_actual)}</th>
                            <th scope="col" class="num">{t!(i18n, rv_achievement)}</th>
                            <th scope="col">{t!(i18n, rv_status)}</th>
                            <th scope="col">{t!(i18n, rv_trend_12)}</th>
                            <th scope="col"><span class="sr-only">{t!(i18n, rv_remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = lang.get();
                            lines
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, l)| {
                                    let kpi = l.item.kpi;
                                    let ratio = kpi.unit() == Unit::Ratio;
                                    let target_text = if ratio {
                                        format!("{}", (l.item.target.to_f64() * 1000.0).round() / 10.0)
                                    } else {
                                        l.item.target.to_decimal_string()
                                    };
                                    let status_class = match l.status {
                                        Status::Green => "status-pill green",
                                        Status::Amber => "status-pill amber",
                                        Status::Red => "status-pill red",
                                        Status::Unknown => "status-pill",
                                    };
                                    let mark = match l.status {
                                        Status::Green => "●",
                                        Status::Amber => "◐",
                                        Status::Red => "○",
                                        Status::Unknown => "·",
                                    };
                                    let higher = l.item.direction == sandtable_core::review::KpiDirection::HigherIsBetter;
                                    view! {
                                        <tr data-kpi=kpi.code()>
                                            <th scope="row">{kpi.label(lang)}</th>
                                            <td class="num">
                                                <input
                                                    class="cell-input num"
                                                    inputmode="decimal"
                                                    aria-label=format!("{} {}", kpi.label(lang), t_string!(i18n, rv_target))
                                                    value=target_text
                                                    on:change=move |e| {
                                                        let text = event_target_value(&e).trim().to_string();
                                                        let parsed = if ratio {
                                                            text.trim_end_matches('%').parse::<f64>().ok().map(|p| Money((p * 100.0).round() as i64))
                                                        } else {
                                                            Money::parse_decimal(&text)
                                                        };
                                                        if let Some(t) = parsed {
                                                            edit(i, Box::new(move |it| it.target = t));
                                                        }
                                                    }
                                                />
                                                <span class="muted small target-hint">
                                                    {if ratio { "%".to_string() } else { fmt_value(kpi, Some(l.item.target.to_f64()), lang) }}
                                                </span>
                                            </td>
                                            <td>
                                                <button on:click=move |_| edit(i, Box::new(|it| {
                                                    it.direction = if it.direction == sandtable_core::review::KpiDirection::HigherIsBetter {
                                                        sandtable_core::review::KpiDirection::LowerIsBetter
                                                    } else {
                                                        sandtable_core::review::KpiDirection::HigherIsBetter
                                                    }
                                                }))>
                                                    {if higher { t_string!(i18n, rv_higher_better) } else { t_string!(i18n, rv_lower_better) }}
                                                </button>
                                            </td>
                                            <td class="num thresholds">
                                                <input
                                                    class="cell-input num small-input"
                                                    inputmode="numeric"
                                                    aria-label=t_string!(i18n, rv_green_at)
                                                    value=l.item.green.to_string()
                                                    on:change=move |e| {
                                                        if let Ok(v) = event_target_value(&e).trim().parse::<u32>() {
                                                            edit(i, Box::new(move |it| it.green = v));
                                                        }
                                                    }
                                                />
                                                <input
                                                    class="cell-input num small-input"
                                                    inputmode="numeric"
                                                    aria-label=t_string!(i18n, rv_amber_at)
                                                    value=l.item.amber.to_string()
                                                    on:change=move |e| {
                                                        if let Ok(v) = event_target_value(&e).trim().parse::<u32>() {
                                                            edit(i, Box::new(move |it| it.amber = v));
                                                        }
                                                    }
                                                />
                                            </td>
                                            <td class="num">{fmt_value(kpi, l.actual, lang)}</td>
                                            <td class="num">{l.achievement.map_or("—".to_string(), |a| format!("{:.1}%", a * 100.0))}</td>
                                            <td><span class=status_class data-status=format!("{:?}", l.status).to_lowercase()>{mark}" "{l.status.label(lang)}</span></td>
                                            <td><Sparkline values=l.trend.clone() /></td>
                                            <td>
                                                <button
                                                    class="icon-button"
                                                    title=t_string!(i18n, rv_remove)
                                                    aria-label=format!("{} {}", t_string!(i18n, rv_remove), kpi.label(lang))
                                                    on:click=move |_| {
                                                        let mut list = effective.get_untracked();
                                                        if i < list.len() {
                                                            list.remove(i);
                                                        }
                                                        save(list);
                                                    }
                                                >"✕"</button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <div class="actions scorecard-actions">
                <label class="control inline">
                    <span>{t!(i18n, rv_add_kpi)}</span>
                    <select data-testid="rv-add-kpi" on:change=add prop:value="">
                        <option value="">"—"</option>
                        {move || {
                            let lang = lang.get();
                            Kpi::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.code()>{k.label(lang)}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
            </div>
            <p class="muted small">{t!(i18n, rv_scorecard_hint)}</p>
        </div>
        <div class="card">
            <DataTable table=table test_id="rv-scorecard-export" />
        </div>
    }
}

/// A 12-month trend as a small inline SVG line (gaps where there is no value).
#[component]
pub(super) fn Sparkline(values: Vec<Option<f64>>) -> impl IntoView {
    let (w, h) = (96.0, 24.0);
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let (lo, hi) = known
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = values.len().max(2) as f64 - 1.0;
    let points: String = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            v.map(|v| {
                format!(
                    "{:.1},{:.1}",
                    i as f64 / n * w,
                    h - 2.0 - (v - lo) / span * (h - 4.0)
                )
            })
        })
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <svg class="sparkline" width=w height=h viewBox=format!("0 0 {w} {h}") aria-hidden="true">
            <polyline points=points fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
    }
}
