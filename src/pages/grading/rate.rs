//! The rating grid (客户评级): customers × the scale's level factors, each cell a segmented
//! control of the factor's levels. Keyboard: arrows move between cells, a level's letter (or
//! its number, 1 = first) sets it, Delete or Backspace clears. Metric factors fill themselves
//! from the ledger and are shown read-only with their points. Ratings travel as CSV files.

use leptos::prelude::*;
use sandtable_core::grading::{
    Dec, FactorKind, Metric, Scale, check_ratings, ratings_from_csv, ratings_to_csv,
};
use wasm_bindgen::JsCast;

use super::View;
use super::shared::{GradeBadge, GradingContext, score_text};
use crate::components::drop_zone::DropZone;
use crate::context::use_lang;
use crate::files;
use crate::i18n::*;

/// A level factor column: its name and its level labels.
#[derive(Clone, PartialEq)]
struct LevelColumn {
    name: String,
    levels: Vec<String>,
}

/// A metric factor column.
#[derive(Clone, PartialEq)]
struct MetricColumn {
    name: String,
    metric: Metric,
}

fn columns(s: &Scale) -> (Vec<LevelColumn>, Vec<MetricColumn>) {
    let mut levels = Vec::new();
    let mut metrics = Vec::new();
    for (_, f) in s.factors() {
        match f.kind() {
            FactorKind::Levels(l) => levels.push(LevelColumn {
                name: f.name.clone(),
                levels: l.iter().map(|l| l.grade.clone()).collect(),
            }),
            FactorKind::Metric(m, _) => metrics.push(MetricColumn {
                name: f.name.clone(),
                metric: m,
            }),
            FactorKind::UnknownMetric(_) => {}
        }
    }
    (levels, metrics)
}

/// The level a key sets: a level's label (case-insensitive) or its 1-based number.
pub fn level_for_key(key: &str, levels: &[String]) -> Option<String> {
    if let Some(l) = levels.iter().find(|l| l.eq_ignore_ascii_case(key)) {
        return Some(l.clone());
    }
    let n: usize = key.parse().ok()?;
    levels.get(n.checked_sub(1)?).cloned()
}

/// The cell an arrow key moves to, within `rows` × `cols`.
pub fn move_cell(
    key: &str,
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
) -> Option<(usize, usize)> {
    match key {
        "ArrowUp" if row > 0 => Some((row - 1, col)),
        "ArrowDown" if row + 1 < rows => Some((row + 1, col)),
        "ArrowLeft" if col > 0 => Some((row, col - 1)),
        "ArrowRight" if col + 1 < cols => Some((row, col + 1)),
        _ => None,
    }
}

fn focus_cell(row: usize, col: usize) {
    let selector = format!("[data-rate-pos=\"{row}-{col}\"]");
    if let Ok(Some(el)) = document().query_selector(&selector)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}

#[component]
pub fn RatingGrid(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let filter = RwSignal::new(String::new());
    let only_open = RwSignal::new(false);
    let valid = Memo::new(move |_| {
        ctx.current.with(|s| {
            s.as_ref()
                .filter(|s| sandtable_core::grading::validate_scale(s).is_empty())
                .cloned()
        })
    });
    let cols = Memo::new(move |_| valid.with(|s| s.as_ref().map(columns).unwrap_or_default()));
    let labels = Signal::derive(move || {
        valid.with(|s| s.as_ref().map(Scale::grade_labels).unwrap_or_default())
    });
    // Rows: every scored customer, filtered by name or id, optionally only those not fully rated.
    let rows = Memo::new(move |_| {
        let needle = filter.get().trim().to_lowercase();
        let open = only_open.get();
        ctx.scores.with(|scores| {
            scores
                .iter()
                .filter(|s| !open || s.is_unrated())
                .map(|s| (s.customer.clone(), ctx.name_of(&s.customer)))
                .filter(|(id, name)| {
                    needle.is_empty()
                        || id.to_lowercase().contains(&needle)
                        || name.to_lowercase().contains(&needle)
                })
                .collect::<Vec<_>>()
        })
    });
    let indexed =
        move || -> Vec<(usize, (String, String))> { rows.get().into_iter().enumerate().collect() };
    let rated_count = Memo::new(move |_| {
        ctx.scores
            .with(|s| (s.iter().filter(|m| !m.is_unrated()).count(), s.len()))
    });

    let export = move |_| {
        let text = ctx.ratings.with_untracked(ratings_to_csv);
        let name = ctx
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
        let file = files::safe_file_name(&format!("{name}-ratings"), ".csv");
        if let Err(e) = files::download_text(&file, "text/csv", &text) {
            web_sys::console::warn_1(&e.into());
        }
    };
    let import_report: RwSignal<Option<(bool, Vec<String>)>> = RwSignal::new(None);
    let on_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            let text = match files::read_text(&file).await {
                Ok(t) => t,
                Err(e) => return import_report.set(Some((false, vec![e]))),
            };
            let (ratings, mut problems) = ratings_from_csv(&text);
            if problems.iter().any(|p| p.is_fatal()) {
                return import_report.set(Some((
                    false,
                    problems.iter().map(|p| p.message(l)).collect(),
                )));
            }
            if let Some(s) = valid.get_untracked() {
                problems.extend(check_ratings(&s, &ratings));
            }
            let n: usize = ratings.values().map(|f| f.len()).sum();
            ctx.store.import_ratings(&ratings);
            let mut lines = vec![format!("{} {n}", t_string!(i18n, gr_ratings_imported))];
            lines.extend(problems.iter().map(|p| p.message(l)));
            import_report.set(Some((true, lines)));
        });
    };

    view! {
        <Show
            when=move || valid.with(Option::is_some)
            fallback=move || view! { <NoScale ctx=ctx /> }
        >
            <div class="card" data-testid="gr-rating">
                <div class="toolbar">
                    <div class="actions">
                        <input
                            type="search"
                            class="filter"
                            data-testid="rate-filter"
                            placeholder=move || t_string!(i18n, gr_filter_customers)
                            aria-label=move || t_string!(i18n, gr_filter_customers)
                            on:input=move |e| filter.set(event_target_value(&e))
                        />
                        <label class="check">
                            <input type="checkbox" data-testid="rate-only-open" on:change=move |e| only_open.set(event_target_checked(&e)) />
                            " "{t!(i18n, gr_only_unrated)}
                        </label>
                    </div>
                    <span class="muted" data-testid="rate-progress">
                        {move || {
                            let (done, all) = rated_count.get();
                            format!("{} {done} / {all}", t_string!(i18n, gr_rated_progress))
                        }}
                    </span>
                </div>
                <p class="muted small">{t!(i18n, gr_rate_keys_hint)}</p>
                <div class="table-wrap tall">
                    <table class="grid rating" data-testid="rate-grid">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, gr_customer)}</th>
                                {move || cols.with(|(levels, metrics)| {
                                    let l = levels.iter().map(|c| view! { <th scope="col" class="factor-col">{c.name.clone()}</th> }).collect_view();
                                    let m = metrics.iter().map(|c| {
                                        let unit = c.metric.unit(lang.get());
                                        view! { <th scope="col" class="num factor-col">{c.name.clone()}<br /><small class="muted">{format!("({unit}) · {}", t_string!(i18n, gr_points))}</small></th> }
                                    }).collect_view();
                                    (l, m)
                                })}
                                <th scope="col" class="num">{t!(i18n, gr_score)}</th>
                                <th scope="col">{t!(i18n, gr_grade)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=indexed
                                key=|(i, (id, _))| (*i, id.clone())
                                children=move |(row, (id, name))| {
                                    view! { <RatingRow ctx=ctx row=row id=id name=name cols=cols labels=labels rows=rows /> }
                                }
                            />
                        </tbody>
                    </table>
                    <Show when=move || rows.with(Vec::is_empty)>
                        <div class="empty-row">{t!(i18n, gr_no_customers_match)}</div>
                    </Show>
                </div>
                <h3 class="section-title">{t!(i18n, gr_ratings_file)}</h3>
                <p class="muted small">{t!(i18n, gr_ratings_file_hint)}</p>
                <div class="actions">
                    <button data-testid="ratings-export" on:click=export>"⇩ "{t!(i18n, gr_ratings_export)}</button>
                </div>
                <DropZone zone_test_id="ratings-import-zone" input_test_id="ratings-import-input" accept=".csv,text/csv" on_file=on_file>
                    <span>{t!(i18n, gr_ratings_drop)}</span>
                </DropZone>
                {move || import_report.get().map(|(ok, lines)| view! {
                    <div class=if ok { "banner" } else { "banner bad" } role="status" data-testid="ratings-import-report">
                        <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </div>
                })}
            </div>
        </Show>
    }
}

#[component]
fn RatingRow(
    ctx: GradingContext,
    row: usize,
    id: String,
    name: String,
    cols: Memo<(Vec<LevelColumn>, Vec<MetricColumn>)>,
    labels: Signal<Vec<String>>,
    rows: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let id = StoredValue::new(id);
    let score = Memo::new(move |_| {
        ctx.scores.with(|s| {
            s.iter()
                .find(|m| id.with_value(|id| &m.customer == id))
                .cloned()
        })
    });
    let level_cells = move || {
        let (levels, _) = cols.get();
        let ncols = levels.len();
        levels
            .into_iter()
            .enumerate()
            .map(|(col, c)| {
                let factor = StoredValue::new(c.name.clone());
                let options = StoredValue::new(c.levels.clone());
                let current = Memo::new(move |_| {
                    ctx.ratings.with(|r| {
                        id.with_value(|id| factor.with_value(|f| r.get(id).and_then(|x| x.get(f)).cloned()))
                    })
                });
                let set = move |level: Option<String>| {
                    id.with_value(|id| factor.with_value(|f| ctx.store.set_rating(id, f, level.as_deref())));
                };
                let on_key = move |e: leptos::ev::KeyboardEvent| {
                    let key = e.key();
                    if let Some((r, c)) = move_cell(&key, row, col, rows.with_untracked(Vec::len), ncols) {
                        e.prevent_default();
                        focus_cell(r, c);
                        return;
                    }
                    if key == "Delete" || key == "Backspace" {
                        e.prevent_default();
                        set(None);
                        return;
                    }
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    if let Some(l) = options.with_value(|o| level_for_key(&key, o)) {
                        e.prevent_default();
                        set(Some(l));
                    }
                };
                let test_id = id.with_value(|id| format!("rate-cell-{id}-{col}"));
                view! {
                    <td
                        class="cell"
                        tabindex="0"
                        data-rate-pos=format!("{row}-{col}")
                        data-testid=test_id.clone()
                        data-value=move || current.get().unwrap_or_default()
                        aria-label=move || factor.with_value(|f| format!("{f}: {}", current.get().unwrap_or_else(|| t_string!(i18n, gr_unrated).into())))
                        on:keydown=on_key
                    >
                        <div class="seg" role="group">
                            {c.levels
                                .iter()
                                .map(|l| {
                                    let l = l.clone();
                                    let mine = l.clone();
                                    let pressed = move || current.with(|c| c.as_deref() == Some(mine.as_str()));
                                    let pick = l.clone();
                                    view! {
                                        <button
                                            tabindex="-1"
                                            data-testid=format!("{test_id}-{l}")
                                            aria-pressed=move || pressed().to_string()
                                            on:click=move |_| {
                                                if current.with_untracked(|c| c.as_deref() == Some(pick.as_str())) {
                                                    set(None);
                                                } else {
                                                    set(Some(pick.clone()));
                                                }
                                            }
                                        >
                                            {l.clone()}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </td>
                }
            })
            .collect_view()
    };
    let metric_cells = move || {
        let (_, metrics) = cols.get();
        metrics
            .into_iter()
            .enumerate()
            .map(|(k, c)| {
                let name = StoredValue::new(c.name.clone());
                let fs = move || {
                    score.with(|s| {
                        s.as_ref()
                            .and_then(|s| s.factors.iter().find(|f| name.with_value(|n| &f.factor == n)))
                            .map(|f| (f.value, f.points))
                    })
                };
                let test_id = id.with_value(|id| format!("rate-metric-{id}-{k}"));
                view! {
                    <td class="num metric" data-testid=test_id data-points=move || fs().and_then(|(_, p)| p).map(|p| p.to_string()).unwrap_or_default()>
                        {move || match fs() {
                            Some((value, points)) => format!(
                                "{} · {}",
                                metric_value_text(c.metric, value.unwrap_or_default(), lang.get()),
                                points.map(|p| p.to_string()).unwrap_or_else(|| "—".into())
                            ),
                            None => "—".into(),
                        }}
                    </td>
                }
            })
            .collect_view()
    };
    let test_id = id.with_value(|id| format!("rate-row-{id}"));
    view! {
        <tr data-testid=test_id>
            <th scope="row" class="cust">
                {name}<br /><small class="muted mono">{id.get_value()}</small>
            </th>
            {level_cells}
            {metric_cells}
            <td class="num" data-testid=id.with_value(|id| format!("rate-score-{id}"))>{move || score_text(score.with(|s| s.as_ref().and_then(|s| s.score)))}</td>
            <td>
                <GradeBadge grade=Signal::derive(move || score.with(|s| s.as_ref().and_then(|s| s.grade.clone()))) labels=labels />
            </td>
        </tr>
    }
}

/// A metric's value as text: money in 万/K, percentages with one decimal, counts whole.
pub fn metric_value_text(metric: Metric, value: Dec, lang: sandtable_core::Lang) -> String {
    match metric {
        Metric::Amount12m => sandtable_core::format_money(sandtable_core::Money(value.0), lang),
        Metric::Growth12m | Metric::GrossMargin12m => format!("{:.1}%", value.to_f64()),
        _ => format!("{}", value),
    }
}

/// What to do when there is no valid scale yet.
#[component]
pub fn NoScale(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty card" data-testid="gr-no-scale">
            <h3>{t!(i18n, gr_no_scale_title)}</h3>
            <p>
                {move || if ctx.current.with(Option::is_some) { t_string!(i18n, gr_scale_invalid_body) } else { t_string!(i18n, gr_no_scale_body) }}
            </p>
            <div class="actions">
                <a class="button primary" href=View::Design.href()>{t!(i18n, gr_go_design)}</a>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_pick_levels_by_label_or_number() {
        let levels: Vec<String> = ["A", "B", "C"].into_iter().map(String::from).collect();
        assert_eq!(level_for_key("b", &levels).as_deref(), Some("B"));
        assert_eq!(level_for_key("A", &levels).as_deref(), Some("A"));
        assert_eq!(level_for_key("3", &levels).as_deref(), Some("C"));
        assert_eq!(level_for_key("0", &levels), None);
        assert_eq!(level_for_key("4", &levels), None);
        assert_eq!(level_for_key("x", &levels), None);
    }

    #[test]
    fn arrows_stay_inside_the_grid() {
        assert_eq!(move_cell("ArrowDown", 0, 0, 3, 2), Some((1, 0)));
        assert_eq!(move_cell("ArrowDown", 2, 0, 3, 2), None);
        assert_eq!(move_cell("ArrowLeft", 1, 0, 3, 2), None);
        assert_eq!(move_cell("ArrowRight", 1, 0, 3, 2), Some((1, 1)));
        assert_eq!(move_cell("ArrowUp", 0, 1, 3, 2), None);
        assert_eq!(move_cell("Enter", 1, 1, 3, 2), None);
    }

    #[test]
    fn metric_values_read_as_users_expect() {
        use sandtable_core::Lang;
        assert_eq!(
            metric_value_text(Metric::Growth12m, Dec(123_456), Lang::Zh),
            "12.3%"
        );
        assert_eq!(
            metric_value_text(Metric::Orders12m, Dec::int(7), Lang::En),
            "7"
        );
    }
}
