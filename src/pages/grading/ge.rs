//! The GE / McKinsey matrix (GE矩阵): every customer placed by attractiveness (vertical) and our
//! strength (horizontal), bubbles sized by revenue, each cell's strategy; the user chooses the
//! weighted factors of each axis. Drawn as SVG so every bubble carries its own label.

use leptos::prelude::*;
use sandtable_core::Edit;
use sandtable_core::GradingEdit;
use sandtable_core::Lang;
use sandtable_core::grading::{
    Dec, GeConfig, GeInput, GeLevel, GePoint, GeSource, GeStrategy, Metric, ge_cells, ge_matrix,
    validate_scale,
};

use super::shared::GradingContext;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::AppState;

const LEVELS: [GeLevel; 3] = [GeLevel::Low, GeLevel::Medium, GeLevel::High];

/// The `<select>` value of an input's source.
pub fn source_value(s: &GeSource) -> String {
    match s {
        GeSource::Score => "score".into(),
        GeSource::Factor { name } => format!("factor:{name}"),
        GeSource::Metric { metric } => format!("metric:{}", metric.code()),
    }
}

/// The source of a `<select>` value.
pub fn source_of(v: &str) -> Option<GeSource> {
    if v == "score" {
        return Some(GeSource::Score);
    }
    if let Some(name) = v.strip_prefix("factor:") {
        return Some(GeSource::Factor { name: name.into() });
    }
    v.strip_prefix("metric:")
        .and_then(Metric::from_code)
        .map(|metric| GeSource::Metric { metric })
}

fn strategy_class(s: GeStrategy) -> &'static str {
    match s {
        GeStrategy::InvestGrow => "ge-invest",
        GeStrategy::Selective => "ge-selective",
        GeStrategy::HarvestDivest => "ge-harvest",
    }
}

#[component]
pub fn GeMatrix(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let config = Memo::new(move |_| {
        ctx.store
            .grading
            .with(|g| g.ge.clone())
            .unwrap_or_else(GeConfig::starter)
    });
    let scale = Memo::new(move |_| ctx.current.get().filter(|s| validate_scale(s).is_empty()));
    let points = Memo::new(move |_| {
        config.with(|c| {
            scale.with(|s| {
                ctx.metrics
                    .with(|m| ctx.ratings.with(|r| ge_matrix(c, s.as_ref(), m, r)))
            })
        })
    });
    let set_config = move |f: &dyn Fn(&mut GeConfig)| {
        let mut c = config.get_untracked();
        f(&mut c);
        state.edit(Edit::Grading(GradingEdit::SetGeConfig { config: Some(c) }));
    };
    let options = Memo::new(move |_| {
        let l = lang.get();
        let mut out = vec![(
            "score".to_string(),
            t_string!(i18n, gr_ge_score).to_string(),
        )];
        scale.with(|s| {
            if let Some(s) = s {
                for (_, f) in s.factors() {
                    out.push((
                        format!("factor:{}", f.name),
                        format!("{}: {}", t_string!(i18n, gr_factor), f.name),
                    ));
                }
            }
        });
        for m in Metric::ALL {
            out.push((
                format!("metric:{}", m.code()),
                format!("{} ({})", m.label(l), t_string!(i18n, gr_ge_rank)),
            ));
        }
        out
    });
    let axis_editor = move |attractiveness: bool| {
        let title = if attractiveness {
            t_string!(i18n, gr_ge_attractiveness)
        } else {
            t_string!(i18n, gr_ge_strength)
        };
        let prefix = if attractiveness { "ge-attr" } else { "ge-str" };
        let inputs = move || {
            config.with(|c| {
                if attractiveness {
                    c.attractiveness.clone()
                } else {
                    c.strength.clone()
                }
            })
        };
        let with_axis = move |f: &dyn Fn(&mut Vec<GeInput>)| {
            set_config(&|c: &mut GeConfig| {
                f(if attractiveness {
                    &mut c.attractiveness
                } else {
                    &mut c.strength
                })
            })
        };
        view! {
            <div class="card" data-testid=prefix>
                <h3>{title}</h3>
                {move || inputs().into_iter().enumerate().map(|(i, input)| {
                    let current = source_value(&input.source);
                    view! {
                        <div class="factor-head">
                            <select data-testid=format!("{prefix}-source-{i}") on:change=move |e| {
                                if let Some(src) = source_of(&event_target_value(&e)) {
                                    with_axis(&|v: &mut Vec<GeInput>| if let Some(x) = v.get_mut(i) { x.source = src.clone() });
                                }
                            }>
                                {options.get().into_iter().map(|(v, label)| {
                                    let sel = v == current;
                                    view! { <option value=v selected=sel>{label}</option> }
                                }).collect_view()}
                            </select>
                            <input type="text" inputmode="decimal" class="narrow" aria-label=move || t_string!(i18n, gr_weight_pct)
                                data-testid=format!("{prefix}-weight-{i}")
                                value=input.weight.to_string()
                                on:change=move |e| {
                                    let w = Dec::parse(&event_target_value(&e)).unwrap_or_default();
                                    with_axis(&|v: &mut Vec<GeInput>| if let Some(x) = v.get_mut(i) { x.weight = w });
                                }
                            />
                            <button class="danger-text" title=move || t_string!(i18n, gr_remove)
                                on:click=move |_| with_axis(&|v: &mut Vec<GeInput>| { if i < v.len() { v.remove(i); } })>
                                "✕"<span class="sr-only">{t!(i18n, gr_remove)}</span>
                            </button>
                        </div>
                    }
                }).collect_view()}
                <button on:click=move |_| with_axis(&|v: &mut Vec<GeInput>| v.push(GeInput { source: GeSource::Score, weight: Dec::ZERO }))>
                    "+ "{t!(i18n, gr_ge_add_input)}
                </button>
            </div>
        }
    };
    view! {
        <div class="columns">
            {axis_editor(true)}
            {axis_editor(false)}
        </div>
        <p class="muted small">{t!(i18n, gr_ge_hint)}</p>
        <div class="card">
            <h3>{t!(i18n, gr_ge_title)}</h3>
            <Unplaced points=points ctx=ctx />
            {move || points.with(|p| view! { <GeChart points=p.iter().filter(|x| x.placed()).cloned().collect() ctx=ctx /> })}
            <div class="strategy-legend" data-testid="ge-legend">
                {[GeStrategy::InvestGrow, GeStrategy::Selective, GeStrategy::HarvestDivest].into_iter().map(|s| view! {
                    <div class=strategy_class(s)><strong>{move || s.label(lang.get())}</strong><br />{move || s.advice(lang.get())}</div>
                }).collect_view()}
            </div>
        </div>
    }
}

#[component]
fn GeChart(points: Vec<GePoint>, ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (w, h, pad) = (640.0f64, 480.0f64, 56.0f64);
    let pw = w - pad - 16.0;
    let ph = h - pad - 24.0;
    let max_rev = points
        .iter()
        .map(|p| p.revenue.to_f64())
        .fold(0.0f64, f64::max)
        .max(1.0);
    let cells = ge_cells(&points);
    let x = move |v: f64| pad + v / 100.0 * pw;
    let y = move |v: f64| 24.0 + (100.0 - v) / 100.0 * ph;
    let cell_rects = LEVELS.iter().rev().enumerate().flat_map(|(ri, row)| {
        LEVELS.iter().enumerate().map(move |(ci, col)| {
            let s = GeStrategy::of(*row, *col);
            let (n, _) = cells[row.rank()][col.rank()];
            let (cx, cy) = (pad + ci as f64 * pw / 3.0, 24.0 + ri as f64 * ph / 3.0);
            view! {
                <g>
                    <rect x=cx y=cy width={pw / 3.0} height={ph / 3.0} class=format!("ge-cell {}", strategy_class(s)) />
                    <text x={cx + 6.0} y={cy + 16.0} class="ge-cell-label" data-testid=format!("ge-cell-{}-{}", row.rank(), col.rank()) data-value=n.to_string()>
                        {move || format!("{} · {n}", s.label(lang.get()))}
                    </text>
                </g>
            }
        })
    }).collect_view();
    let bubbles = points.iter().map(|p| {
        let r = 4.0 + 18.0 * (p.revenue.to_f64() / max_rev).sqrt();
        let name = ctx.name_of(&p.customer);
        let tip = format!("{name}: {:.1} / {:.1}", p.attractiveness.to_f64(), p.strength.to_f64());
        view! {
            <circle cx={x(p.strength.to_f64())} cy={y(p.attractiveness.to_f64())} r=r class="ge-bubble" data-testid="ge-bubble">
                <title>{tip}</title>
            </circle>
        }
    }).collect_view();
    let n = points.len();
    view! {
        <svg viewBox=format!("0 0 {w} {h}") class="ge-chart" role="img" data-testid="ge-chart" data-count=n.to_string()
            aria-label=move || format!("{} ({n})", t_string!(i18n, gr_ge_title))>
            {cell_rects}
            {bubbles}
            <text x={pad + pw / 2.0} y={h - 12.0} text-anchor="middle" class="ge-axis">{move || format!("{} → (0–100)", t_string!(i18n, gr_ge_strength))}</text>
            <text x=16.0 y={24.0 + ph / 2.0} text-anchor="middle" class="ge-axis" transform=format!("rotate(-90 16 {})", 24.0 + ph / 2.0)>
                {move || format!("{} → (0–100)", t_string!(i18n, gr_ge_attractiveness))}
            </text>
            {[0.0, 33.3, 66.7, 100.0].into_iter().map(|v| view! {
                <text x={x(v)} y={24.0 + ph + 14.0} text-anchor="middle" class="ge-tick">{format!("{v}")}</text>
                <text x={pad - 6.0} y={y(v) + 4.0} text-anchor="end" class="ge-tick">{format!("{v}")}</text>
            }).collect_view()}
        </svg>
        <p class="muted small">{t!(i18n, gr_ge_bubble_hint)}</p>
    }
}

/// The customers not placed on the matrix (an input of theirs is not rated), grouped by what
/// is missing, with a way to rate them; nothing when every customer is placed.
#[component]
fn Unplaced(points: Memo<Vec<GePoint>>, ctx: GradingContext) -> impl IntoView {
    /// Names listed per group before "and N more".
    const NAMED: usize = 12;
    let i18n = use_i18n();
    let lang = use_lang();
    // (what is missing, the customers missing it), in the order first met.
    let groups = Memo::new(move |_| {
        let mut out: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        points.with(|p| {
            for x in p.iter().filter(|x| !x.placed()) {
                match out.iter_mut().find(|(m, _)| *m == x.missing) {
                    Some((_, ids)) => ids.push(x.customer.clone()),
                    None => out.push((x.missing.clone(), vec![x.customer.clone()])),
                }
            }
        });
        out
    });
    let count =
        Memo::new(move |_| groups.with(|g| g.iter().map(|(_, ids)| ids.len()).sum::<usize>()));
    // An input as the core names it: "score", a metric's code or a factor's name.
    let label = move |input: &str| {
        if input == "score" {
            return t_string!(i18n, gr_ge_score).to_string();
        }
        Metric::ALL
            .into_iter()
            .find(|m| m.code() == input)
            .map_or_else(|| input.to_string(), |m| m.label(lang.get()).to_string())
    };
    view! {
        <Show when=move || count.get() != 0>
            <div class="banner warn" role="status" data-testid="ge-unplaced" data-count=move || count.get().to_string()>
                <p>
                    <strong>{move || format!("⚠ {} · {}", t_string!(i18n, gr_ge_unplaced_title), count.get())}</strong>
                    " "{t!(i18n, gr_ge_unplaced_hint)}
                </p>
                <ul>
                    {move || groups.get().into_iter().map(|(missing, ids)| {
                        let l = lang.get();
                        let what = missing.iter().map(|m| label(m)).collect::<Vec<_>>().join(l.pick("、", ", "));
                        let mut names = ids.iter().take(NAMED).map(|id| ctx.name_of(id)).collect::<Vec<_>>().join(l.pick("、", ", "));
                        let more = ids.len().saturating_sub(NAMED);
                        if more > 0 {
                            names.push_str(&match l {
                                Lang::Zh => format!(" 等（另 {more} 位）"),
                                Lang::En => format!(" and {more} more"),
                            });
                        }
                        let n = ids.len();
                        view! {
                            <li data-testid="ge-unplaced-group" data-count=n.to_string()>
                                <strong>{format!("{}: {what}", t_string!(i18n, gr_ge_unrated))}</strong>
                                {format!(" · {n} — {names}")}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="actions">
                    <a class="button primary" href=super::View::Rate.href() data-testid="ge-rate-them">{t!(i18n, gr_ge_rate_them)}</a>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_round_trip_through_select_values() {
        for s in [
            GeSource::Score,
            GeSource::Factor {
                name: "合作意愿".into(),
            },
            GeSource::Metric {
                metric: Metric::Growth12m,
            },
        ] {
            assert_eq!(source_of(&source_value(&s)), Some(s));
        }
        assert_eq!(source_of("metric:nothing"), None);
        assert_eq!(source_of(""), None);
    }
}
