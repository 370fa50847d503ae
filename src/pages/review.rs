//! The Review page (生意复盘, `#/review`): a period, a comparison, a dimension and a measure,
//! kept in the URL, and six sub-views over the core's review analyses — comparison with
//! drill-down, Pareto/ABC, trend and seasonality, the five-dimension funnel, per-head ratios and
//! a scorecard. The core's frame is built once per workspace change; every control change is
//! one pass over it.

use sandtable_core::ReviewEdit;

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{
    AbcThresholds, CompareTable, Comparison, Dim, Filter, Frame, FunnelInput, Kpi, Measure, Period,
    ReviewError, ReviewSettings, ScorecardItem, Status, Unit, abc, compare, compare_by_month,
    forecast, funnel, monthly, per_head, scorecard,
};
use sandtable_core::{Date, Edit, Lang, Money, format_count, format_money};

use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::frame::{FrameRef, use_frame};
use crate::i18n::*;
use crate::route::{ReviewQuery, Route, current_review_query, replace_review_query};
use crate::state::AppState;

/// The sub-views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Compare,
    Matrix,
    Pareto,
    Trend,
    Funnel,
    PerHead,
    Scorecard,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Compare,
        View::Matrix,
        View::Pareto,
        View::Trend,
        View::Funnel,
        View::PerHead,
        View::Scorecard,
    ];

    pub fn code(self) -> &'static str {
        match self {
            View::Compare => "compare",
            View::Matrix => "matrix",
            View::Pareto => "pareto",
            View::Trend => "trend",
            View::Funnel => "funnel",
            View::PerHead => "perhead",
            View::Scorecard => "scorecard",
        }
    }

    pub fn from_code(code: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.code() == code)
    }
}

fn comparison_from_code(code: &str) -> Option<Comparison> {
    [
        Comparison::YearOverYear,
        Comparison::PeriodOverPeriod,
        Comparison::YearToDate,
    ]
    .into_iter()
    .find(|c| c.code() == code)
}

/// The dimension a drill-down into a member of `dim` shows next: territory → region →
/// customers → products.
pub fn drill_next(dim: Dim) -> Option<Dim> {
    match dim {
        Dim::Region | Dim::Salesperson | Dim::Channel => Some(Dim::Customer),
        Dim::Customer | Dim::Category => Some(Dim::Product),
        Dim::Product => None,
    }
}

/// The page's settings, resolved against the frame (defaults for anything missing or unknown).
#[derive(Debug, Clone, PartialEq)]
struct Settings {
    view: View,
    period: Period,
    cmp: Comparison,
    dim: Dim,
    measure: Measure,
    drill: Vec<(Dim, String)>,
    current: Period,
    base: Period,
    filter: Filter,
}

fn resolve(q: &ReviewQuery, frame: &Frame) -> Settings {
    let last = frame.last_month();
    let default_period = last.map_or(Period::year(2024), |m| Period::year(m.div_euclid(12)));
    let period = q
        .period
        .as_deref()
        .and_then(Period::parse)
        .unwrap_or(default_period);
    let cmp = q
        .cmp
        .as_deref()
        .and_then(comparison_from_code)
        .unwrap_or(Comparison::YearToDate);
    let mut measure = q
        .measure
        .as_deref()
        .and_then(Measure::from_code)
        .unwrap_or(Measure::Amount);
    if measure == Measure::GrossProfit && !frame.has_gross_profit() {
        measure = Measure::Amount;
    }
    let drill: Vec<(Dim, String)> = q
        .drill
        .iter()
        .filter_map(|(d, id)| Some((Dim::from_code(d)?, id.clone())))
        .filter(|(d, id)| frame.members(*d).key(id).is_some())
        .collect();
    let dim = q
        .dim
        .as_deref()
        .and_then(Dim::from_code)
        .unwrap_or(Dim::Region);
    let filter = drill.iter().fold(Filter::all(), |f, (d, id)| {
        match frame.members(*d).key(id) {
            Some(k) => f.and(*d, k),
            None => f,
        }
    });
    let (current, base) = cmp.periods(period, last);
    Settings {
        view: q
            .view
            .as_deref()
            .and_then(View::from_code)
            .unwrap_or(View::Compare),
        period,
        cmp,
        dim,
        measure,
        drill,
        current,
        base,
        filter,
    }
}

/// Periods to choose from: years, quarters and the last 24 months with data, newest first.
fn period_options(frame: &Frame) -> Vec<Period> {
    let Some(last) = frame.last_month() else {
        return Vec::new();
    };
    let first = frame.first_month;
    let mut out = Vec::new();
    let (y0, y1) = (first.div_euclid(12), last.div_euclid(12));
    for y in (y0..=y1).rev() {
        out.push(Period::year(y));
    }
    for q in (first.div_euclid(3)..=last.div_euclid(3)).rev() {
        out.push(Period::months(q * 3, q * 3 + 2));
    }
    for m in (first.max(last - 23)..=last).rev() {
        out.push(Period::months(m, m));
    }
    out
}

/// The unit charts plot a measure in: (divisor, unit label).
fn value_kind(measure: Measure) -> ColumnKind {
    match measure {
        Measure::Quantity => ColumnKind::Number,
        _ => ColumnKind::Money,
    }
}

fn value_cell(m: Money, measure: Measure) -> Cell {
    match measure {
        Measure::Quantity => Cell::Number(m.to_f64()),
        _ => Cell::Money(m),
    }
}

fn opt_number(x: Option<f64>) -> Cell {
    x.map_or(Cell::Missing("—".into()), Cell::Number)
}

/// Growth as a cell: "new" when the base is zero and the current value is not.
fn growth_cell(g: Option<f64>, current: Money, new_label: &str) -> Cell {
    match g {
        Some(g) => Cell::Number(g),
        None if current != Money::ZERO => Cell::Missing(new_label.to_string()),
        None => Cell::Missing("—".into()),
    }
}

fn format_measure(m: Money, measure: Measure, lang: Lang) -> String {
    match measure {
        Measure::Quantity => {
            sandtable_core::export::format_cell(&Cell::Number(m.to_f64()), ColumnKind::Number, lang)
        }
        _ => format_money(m, lang),
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let frame = use_frame();
    let query = RwSignal::new(current_review_query());
    // The URL follows the controls (no reload, no history entry) …
    Effect::new(move |_| query.with(replace_review_query));
    // … and a bookmarked or edited URL opened on this page restores its view.
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = window().location().hash().unwrap_or_default();
        if Route::from_hash(&hash) == Route::Review {
            let q = ReviewQuery::from_hash(&hash);
            if query.with_untracked(|cur| *cur != q) {
                query.set(q);
            }
        }
    });
    on_cleanup(move || on_hash.remove());

    let settings = Memo::new(move |_| query.with(|q| frame.with(|f| resolve(q, &f.0))));
    let has_rows = Memo::new(move |_| frame.with(|f| f.0.rows() > 0));

    let set: Setter =
        Callback::new(move |f: Box<dyn FnOnce(&mut ReviewQuery)>| query.update(|q| f(q)));

    view! {
        <section class="page review" aria-labelledby="review-title" data-testid="review-page">
            <h2 class="page-title" id="review-title">
                {t!(i18n, nav_review)}
                <small>{t!(i18n, area_review)}</small>
            </h2>
            <Show when=move || has_rows.get() fallback=move || view! { <ReviewEmpty /> }>
                <Controls frame=frame settings=settings set=set />
                <div class="tabs review-tabs" role="tablist">
                    {View::ALL
                        .into_iter()
                        .map(|v| {
                            let label = move || match v {
                                View::Compare => t_string!(i18n, rv_view_compare),
                                View::Matrix => t_string!(i18n, rv_view_matrix),
                                View::Pareto => t_string!(i18n, rv_view_pareto),
                                View::Trend => t_string!(i18n, rv_view_trend),
                                View::Funnel => t_string!(i18n, rv_view_funnel),
                                View::PerHead => t_string!(i18n, rv_view_perhead),
                                View::Scorecard => t_string!(i18n, rv_view_scorecard),
                            };
                            let active = move || settings.with(|s| s.view == v);
                            view! {
                                <button
                                    role="tab"
                                    data-testid=format!("rv-tab-{}", v.code())
                                    aria-selected=move || active().to_string()
                                    class:active=active
                                    on:click=move |_| set.run(Box::new(move |q| q.view = Some(v.code().to_string())))
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <Breadcrumb frame=frame settings=settings set=set />
                {move || match settings.with(|s| s.view) {
                    View::Compare => view! { <CompareView frame=frame settings=settings set=set /> }.into_any(),
                    View::Matrix => view! { <MatrixView frame=frame settings=settings /> }.into_any(),
                    View::Pareto => view! { <ParetoView frame=frame settings=settings /> }.into_any(),
                    View::Trend => view! { <TrendView frame=frame settings=settings /> }.into_any(),
                    View::Funnel => view! { <FunnelView frame=frame settings=settings /> }.into_any(),
                    View::PerHead => view! { <PerHeadView frame=frame settings=settings /> }.into_any(),
                    View::Scorecard => view! { <ScorecardView frame=frame settings=settings /> }.into_any(),
                }}
            </Show>
        </section>
    }
}

type Setter = Callback<Box<dyn FnOnce(&mut ReviewQuery)>>;

#[component]
fn ReviewEmpty() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    view! {
        <div class="empty card" data-testid="review-empty">
            <h3>{t!(i18n, rv_empty_title)}</h3>
            <p>{t!(i18n, rv_empty_body)}</p>
            <div class="actions">
                <a class="button primary" href="#/import">{t!(i18n, import_ledger_open)}</a>
                <button on:click=move |_| state.create_demo()>{t!(i18n, create_demo)}</button>
            </div>
        </div>
    }
}

#[component]
fn Controls(
    frame: Memo<FrameRef>,
    settings: Memo<Settings>,
    #[prop(into)] set: Setter,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let periods = Memo::new(move |_| frame.with(|f| period_options(&f.0)));
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
fn Breadcrumb(
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
                    let next = drill_next(dim).unwrap_or(dim);
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

/// The review inputs the workspace keeps (universe per region, scorecard).
fn use_review_settings() -> Memo<ReviewSettings> {
    let state = AppState::expect();
    Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.as_ref().map(|w| w.review.clone()).unwrap_or_default())
    })
}

#[component]
fn ErrorNote(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <div class="banner warn" role="status" data-testid="rv-note"><p>"ⓘ "{move || text.get()}</p></div> }
}

/// The comparison table of the settings' dimension, measure and periods (Compare and Matrix views).
fn compare_memo(
    frame: Memo<FrameRef>,
    settings: Memo<Settings>,
) -> Memo<Result<CompareTable, ReviewError>> {
    Memo::new(move |_| {
        settings
            .with(|s| frame.with(|f| compare(&f.0, s.dim, s.measure, s.current, s.base, &s.filter)))
    })
}

#[component]
fn CompareView(
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
    let can_drill = Memo::new(move |_| settings.with(|s| drill_next(s.dim).is_some()));
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
        if let Some(next) = drill_next(dim) {
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
                for (name, change, contribution) in waterfall_steps(r, t_string!(i18n, rv_others)) {
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
                let steps: Vec<(String, f64)> = waterfall_steps(r, t_string!(i18n, rv_others))
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
                        Some(sandtable_core::export::Direction::Up) => "stat-value num up",
                        Some(sandtable_core::export::Direction::Down) => "stat-value num down",
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

/// The growth matrix: members by growth and share (bubbles sized by value) and growth by member
/// and month (a heat map). A view of its own: the month table is a second pass over the ledger,
/// which the Compare view's repaint on a 1M-row ledger should not wait for.
#[component]
fn MatrixView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
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
    let heat_months = move |p: Period| -> Vec<String> {
        (p.first..=p.last)
            .map(|m| {
                let (y, mo) = Date::from_month_index(m);
                format!("{y:04}-{mo:02}")
            })
            .collect()
    };
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

/// The waterfall's steps: the eight largest changes by size, then the rest in one step.
fn waterfall_steps(r: &CompareTable, others: &str) -> Vec<(String, Money, Option<f64>)> {
    let mut rows: Vec<&sandtable_core::review::CompareRow> = r.rows.iter().collect();
    rows.sort_by(|a, b| {
        b.change
            .0
            .unsigned_abs()
            .cmp(&a.change.0.unsigned_abs())
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut out: Vec<(String, Money, Option<f64>)> = rows
        .iter()
        .take(8)
        .map(|x| (x.name.clone(), x.change, x.contribution))
        .collect();
    if rows.len() > 8 {
        let rest: Money = rows[8..].iter().map(|x| x.change).sum();
        let contribution = rows[8..]
            .iter()
            .map(|x| x.contribution)
            .sum::<Option<f64>>();
        out.push((others.to_string(), rest, contribution));
    }
    out
}

#[component]
fn ParetoView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
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

#[component]
fn TrendView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, _) = use_palette();
    let series = Memo::new(move |_| {
        settings.with(|s| frame.with(|f| monthly(&f.0, s.measure, &s.filter).map(|x| x.trimmed())))
    });
    let fc = Memo::new(move |_| {
        series.with(|s| {
            s.as_ref()
                .map_err(Clone::clone)
                .and_then(|s| forecast(s, 12))
        })
    });
    let month_label = |m: i32| {
        let (y, mo) = Date::from_month_index(m);
        format!("{y:04}-{mo:02}")
    };
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
                    _ => Cell::Money(Money((x * 10_000.0).round() as i64)),
                };
                let mut rows: Vec<Vec<Cell>> = f
                    .backtest
                    .iter()
                    .map(|b| {
                        vec![
                            Cell::text(month_label(b.month)),
                            money(b.actual),
                            money(b.forecast),
                            Cell::text(t_string!(i18n, rv_backtest)),
                        ]
                    })
                    .collect();
                rows.extend(f.months.iter().map(|m| {
                    vec![
                        Cell::text(month_label(m.month)),
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
                    labels.extend(f.months.iter().map(|m| month_label(m.month)));
                    let mut actual: Vec<Option<f64>> =
                        x.values.iter().map(|v| Some(v.to_f64() / div)).collect();
                    actual.extend(std::iter::repeat_n(None, h));
                    let d = &f.decomposition;
                    let fitted: Vec<Option<f64>> = (0..n + h)
                        .map(|i| {
                            let m = x.first_month + i as i32;
                            let t = (m - d.first_month) as f64;
                            Some(d.trend(t) * d.index_of(m) / 100.0 / div)
                        })
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
                let slope = Money((d.slope * 10_000.0).round() as i64);
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

#[component]
fn FunnelView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
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
                let factors: Vec<sandtable_core::review::Factor> = if r.effects.is_empty() {
                    use sandtable_core::review::Factor::*;
                    if r.current.universe.is_some() {
                        vec![Universe, Coverage, Activity, Depth, Productivity]
                    } else {
                        vec![Covered, Activity, Depth, Productivity]
                    }
                } else {
                    r.effects.iter().map(|e| e.factor).collect()
                };
                let kind_of = |f: sandtable_core::review::Factor| {
                    use sandtable_core::review::Factor::*;
                    match f {
                        Coverage | Activity => ColumnKind::Percent,
                        _ => ColumnKind::Number,
                    }
                };
                let mut rows: Vec<Vec<Cell>> = factors
                    .iter()
                    .map(|f| {
                        let effect = r.effects.iter().find(|e| e.factor == *f);
                        let fmt = |x: Option<f64>| match x {
                            Some(v) if *f == sandtable_core::review::Factor::Productivity => {
                                Cell::text(format_money(Money((v * 10_000.0).round() as i64), lang))
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
                            effect.map_or(Cell::Missing("—".into()), |e| {
                                Cell::Money(Money((e.effect * 10_000.0).round() as i64))
                            }),
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

#[component]
fn PerHeadView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, _) = use_palette();
    let result = Memo::new(move |_| {
        settings.with(|s| {
            frame.with(|f| {
                let cur = per_head(&f.0, s.measure, s.current, &s.filter);
                let base = per_head(&f.0, s.measure, s.base, &s.filter);
                cur.and_then(|c| base.map(|b| (c, b)))
            })
        })
    });
    let table = Memo::new(move |_| {
        let lang = lang.get();
        let new_label = t_string!(i18n, rv_new).to_string();
        settings.with(|s| {
            result.with(|r| {
                let Ok((c, b)) = r else {
                    return Table::default();
                };
                let ratio = |x: Option<f64>| match (x, s.measure) {
                    (Some(v), Measure::Quantity) => Cell::Number(v),
                    (Some(v), _) => Cell::Money(Money((v * 10_000.0).round() as i64)),
                    (None, _) => Cell::Missing("—".into()),
                };
                let g = |cur: Option<f64>, base: Option<f64>| match (cur, base) {
                    (Some(c), Some(b)) if b != 0.0 => Cell::Number((c - b) / b.abs()),
                    (Some(_), _) => Cell::Missing(new_label.clone()),
                    _ => Cell::Missing("—".into()),
                };
                let count = |n: u32| Cell::Number(f64::from(n));
                let gc = |a: u32, b: u32| g(Some(f64::from(a)), Some(f64::from(b)));
                let rows = vec![
                    vec![
                        Cell::text(s.measure.label(lang)),
                        value_cell(b.value, s.measure),
                        value_cell(c.value, s.measure),
                        g(Some(c.value.to_f64()), Some(b.value.to_f64())),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_salespeople)),
                        count(b.salespeople),
                        count(c.salespeople),
                        gc(c.salespeople, b.salespeople),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_active_customers)),
                        count(b.active_customers),
                        count(c.active_customers),
                        gc(c.active_customers, b.active_customers),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_skus_sold)),
                        count(b.skus),
                        count(c.skus),
                        gc(c.skus, b.skus),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_per_salesperson)),
                        ratio(b.per_salesperson),
                        ratio(c.per_salesperson),
                        g(c.per_salesperson, b.per_salesperson),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_per_customer)),
                        ratio(b.per_customer),
                        ratio(c.per_customer),
                        g(c.per_customer, b.per_customer),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_per_sku)),
                        ratio(b.per_sku),
                        ratio(c.per_sku),
                        g(c.per_sku, b.per_sku),
                    ],
                ];
                // Mixed units per row: money and counts are written as they come.
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        for c in r.iter_mut().skip(1).take(2) {
                            if let Cell::Number(n) = c {
                                *c = Cell::text(sandtable_core::export::format_cell(
                                    &Cell::Number(*n),
                                    ColumnKind::Count,
                                    lang,
                                ));
                            }
                        }
                        r
                    })
                    .collect();
                Table {
                    title: t_string!(i18n, rv_view_perhead).to_string(),
                    columns: vec![
                        Column::new(t_string!(i18n, rv_ratio), ColumnKind::Text),
                        Column::new(
                            format!("{} {}", t_string!(i18n, rv_base), s.base),
                            ColumnKind::Money,
                        ),
                        Column::new(
                            format!("{} {}", t_string!(i18n, rv_current), s.current),
                            ColumnKind::Money,
                        ),
                        Column::new(t_string!(i18n, rv_col_growth), ColumnKind::Growth),
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
                let Ok((c, b)) = r else {
                    return Chart::new();
                };
                let (div, unit) = charts::measure_unit(s.measure, lang);
                let v = |x: Option<f64>| x.unwrap_or(0.0) / div;
                charts::two_period_bars(
                    t_string!(i18n, rv_view_perhead),
                    &unit,
                    vec![
                        t_string!(i18n, rv_per_salesperson).to_string(),
                        t_string!(i18n, rv_per_customer).to_string(),
                        t_string!(i18n, rv_per_sku).to_string(),
                    ],
                    [
                        (
                            &format!("{} {}", t_string!(i18n, rv_current), s.current),
                            vec![v(c.per_salesperson), v(c.per_customer), v(c.per_sku)],
                        ),
                        (
                            &format!("{} {}", t_string!(i18n, rv_base), s.base),
                            vec![v(b.per_salesperson), v(b.per_customer), v(b.per_sku)],
                        ),
                    ],
                    palette.get(),
                )
            })
        })
    });
    view! {
        {move || result.with(|r| r.as_ref().err().map(|e| view! { <ErrorNote text=e.message(lang.get()) /> }))}
        <div class="card">
            <DataTable table=table test_id="rv-perhead" />
        </div>
        <div class="card">
            <EChart chart=chart height=300 label=Signal::derive(move || t_string!(i18n, rv_view_perhead).to_string()) numbers=table test_id="rv-perhead-chart" />
        </div>
    }
}

/// The scorecard's KPIs before the user changes them: sales, YoY growth, active customers,
/// sales per customer and SKUs selling, with targets 10% above the base period.
fn default_items(frame: &Frame, s: &Settings) -> Vec<ScorecardItem> {
    let base = scorecard(
        frame,
        &[
            ScorecardItem::new(Kpi::Sales, Money::ZERO),
            ScorecardItem::new(Kpi::ActiveCustomers, Money::ZERO),
            ScorecardItem::new(Kpi::SalesPerCustomer, Money::ZERO),
            ScorecardItem::new(Kpi::SellThrough, Money::ZERO),
        ],
        s.base,
        &s.filter,
        None,
    );
    // Targets a person would write: money to the 万 (whole yuan below ¥100,000), counts whole.
    let target = |i: usize, factor: f64| {
        base.get(i).and_then(|l| l.actual).map_or(Money::ZERO, |a| {
            let t = a * factor;
            let step = if t >= 100_000.0 { 10_000.0 } else { 1.0 };
            Money(((t / step).round() * step * 10_000.0) as i64)
        })
    };
    vec![
        ScorecardItem::new(Kpi::Sales, target(0, 1.1)),
        ScorecardItem::new(Kpi::SalesYoy, Money(1_000)),
        ScorecardItem::new(Kpi::ActiveCustomers, target(1, 1.05)),
        ScorecardItem::new(Kpi::SalesPerCustomer, target(2, 1.05)),
        ScorecardItem::new(Kpi::SellThrough, Money(8_000)),
    ]
}

#[component]
fn ScorecardView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let review = use_review_settings();
    // The workspace's scorecard, or a starting set until the user changes it.
    let effective = Memo::new(move |_| {
        let kept = review.with(|r| r.scorecard.clone());
        if kept.is_empty() {
            settings.with(|s| frame.with(|f| default_items(&f.0, s)))
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
            Unit::Money => format_money(Money((v * 10_000.0).round() as i64), lang),
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
                                    let higher = l.item.direction == sandtable_core::review::Direction::HigherIsBetter;
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
                                                    it.direction = if it.direction == sandtable_core::review::Direction::HigherIsBetter {
                                                        sandtable_core::review::Direction::LowerIsBetter
                                                    } else {
                                                        sandtable_core::review::Direction::HigherIsBetter
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
fn Sparkline(values: Vec<Option<f64>>) -> impl IntoView {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drill_down_runs_from_the_territory_to_products() {
        assert_eq!(drill_next(Dim::Region), Some(Dim::Customer));
        assert_eq!(drill_next(Dim::Customer), Some(Dim::Product));
        assert_eq!(drill_next(Dim::Product), None);
    }

    #[test]
    fn views_round_trip_through_their_codes() {
        for v in View::ALL {
            assert_eq!(View::from_code(v.code()), Some(v));
        }
        assert_eq!(View::from_code("x"), None);
    }

    #[test]
    fn settings_fall_back_to_defaults_and_drop_unknown_members() {
        let ws = sandtable_core::demo_workspace(Date::from_ymd(2026, 11, 22).unwrap_or_default());
        let frame = Frame::from_workspace(&ws);
        let q = ReviewQuery {
            dim: Some("nonsense".into()),
            drill: vec![("region".into(), "no-such-region".into())],
            ..ReviewQuery::default()
        };
        let s = resolve(&q, &frame);
        assert_eq!(s.dim, Dim::Region);
        assert_eq!(s.cmp, Comparison::YearToDate);
        assert!(s.drill.is_empty() && s.filter.is_empty());
        let last = frame.last_month().unwrap_or_default();
        assert_eq!(s.period, Period::year(last.div_euclid(12)));
        assert_eq!(
            s.current.last, last,
            "year to date ends with the last month with data"
        );
        assert_eq!(s.base, s.current.shift(-12));
        // Starting targets are round: sales to the 万, customer counts whole.
        let items = default_items(&frame, &s);
        assert_eq!(items[0].kpi, Kpi::Sales);
        assert!(items[0].target.0 > 0 && items[0].target.0 % (10_000 * 10_000) == 0);
        assert_eq!(items[2].target.0 % 10_000, 0);
    }
}
