//! Track (目标跟踪): the plan against the ledger's sales by month and by member of each planned
//! dimension — achievement, gap, run-rate and the projected year end, with the method stated.

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::targets::{Tracking, projection_method, track, track_tables};

use super::View;
use super::shared::{TargetsContext, measure_text};
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::i18n::*;

#[component]
pub fn Track(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, _) = use_palette();
    let tracking = Memo::new(move |_| {
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            let a = p.allocation.as_ref()?;
            Some((
                ctx.frame.with(|f| track(a, f, p.year, p.measure, None)),
                p.measure,
            ))
        })
    });
    let tables = Memo::new(move |_| {
        tracking.with(|t| {
            t.as_ref()
                .map(|(t, m)| track_tables(t, *m, lang.get()))
                .unwrap_or_default()
        })
    });
    let chart = Signal::derive(move || {
        let Some((t, measure)) = tracking.get() else {
            return Chart::new();
        };
        let l = lang.get();
        let (div, unit) = charts::measure_unit(measure, l);
        let names = t.months.iter().map(|m| m.month.to_string()).collect();
        let target = t.months.iter().map(|m| m.target.to_f64() / div).collect();
        let actual = t
            .months
            .iter()
            .map(|m| m.actual.map_or(0.0, |a| a.to_f64() / div))
            .collect();
        charts::two_period_bars(
            t_string!(i18n, tg_chart_track),
            &unit,
            names,
            [
                (t_string!(i18n, tg_actual), actual),
                (t_string!(i18n, tg_target), target),
            ],
            palette.get(),
        )
    });
    let months_table =
        Signal::derive(move || tables.with(|t| t.first().cloned().unwrap_or_default()));
    view! {
        <Show
            when=move || tracking.with(Option::is_some)
            fallback=move || view! {
                <div class="empty card" data-testid="tg-track-empty">
                    <h3>{t!(i18n, tg_track_empty)}</h3>
                    <p class="muted">{t!(i18n, tg_track_empty_hint)}</p>
                    <div class="actions"><a class="button primary" href=View::Split.href()>{t!(i18n, tg_go_split)}</a></div>
                </div>
            }
        >
            <div class="stats" data-testid="tg-track-stats">
                {move || tracking.get().map(|(t, m)| summary(t, m, lang.get(), i18n))}
            </div>
            <p class="muted small" data-testid="tg-track-method">{move || projection_method(lang.get())}</p>
            <div class="card">
                <EChart chart=chart height=300 label=Signal::derive(move || t_string!(i18n, tg_chart_track).to_string()) numbers=months_table test_id="tg-track-chart" />
            </div>
            <div class="card">
                <DataTable table=months_table test_id="tg-track-months" visible=12 />
            </div>
            {move || {
                let n = tables.with(Vec::len);
                (1..n)
                    .map(|i| {
                        let t = Signal::derive(move || tables.with(|t| t.get(i).cloned().unwrap_or_default()));
                        view! { <div class="card"><DataTable table=t test_id=format!("tg-track-dim-{i}") /></div> }
                    })
                    .collect_view()
            }}
        </Show>
    }
}

/// The year's figures as stat tiles: target, actual to date, achievement, projected year end.
fn summary(
    t: Tracking,
    measure: sandtable_core::review::Measure,
    lang: sandtable_core::Lang,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> impl IntoView {
    let text = |x| measure_text(x, measure, lang);
    let pct = |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{:.1}%", x * 100.0));
    let line = &t.total;
    let gap = line.gap_to_date;
    let arrow = if gap.0 > 0 {
        "▲ +"
    } else if gap.0 < 0 {
        "▼ "
    } else {
        ""
    };
    let tiles = [
        (
            "tg-track-target",
            t_string!(i18n, tg_target).to_string(),
            text(line.target),
            String::new(),
        ),
        (
            "tg-track-actual",
            t_string!(i18n, tg_actual_to_date).to_string(),
            text(line.actual_to_date),
            format!(
                "{} {} {}",
                t.as_of,
                t_string!(i18n, tg_gap),
                format!("{arrow}{}", text(gap))
            ),
        ),
        (
            "tg-track-achievement",
            t_string!(i18n, tg_achievement_to_date).to_string(),
            pct(line.achievement_to_date),
            format!(
                "{} {}",
                t_string!(i18n, tg_of_year),
                pct(line.achievement_of_year)
            ),
        ),
        (
            "tg-track-projected",
            t_string!(i18n, tg_projected).to_string(),
            line.projected.map_or("—".to_string(), text),
            line.run_rate
                .map(|r| format!("{} {}", t_string!(i18n, tg_run_rate), text(r)))
                .unwrap_or_default(),
        ),
    ];
    tiles
        .into_iter()
        .map(|(id, label, value, unit)| {
            view! {
                <div class="stat wide" data-testid=id>
                    <span class="stat-label">{label}</span>
                    <span class="stat-value num">{value}</span>
                    <span class="stat-unit">{unit}</span>
                </div>
            }
        })
        .collect_view()
}
