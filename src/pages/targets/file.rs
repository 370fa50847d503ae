//! The plan as a file (`sandtable.plan`, PLAN.md): export the plan of the year shown; import a
//! plan file with a preview of what it holds and what it replaces. A file that cannot be read,
//! or disagrees with itself or with this workspace, is refused with every problem listed, and
//! nothing changes.

use leptos::prelude::*;
use sandtable_core::Lang;
use sandtable_core::targets::{Plan, base_changes, dim_label, plan_from_json, plan_to_json};

use super::shared::{TargetsContext, measure_text};
use crate::components::drop_zone::DropZone;
use crate::context::use_lang;
use crate::files;
use crate::i18n::*;

/// Export and import of plan files.
#[component]
pub fn PlanFile(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let refused: RwSignal<Option<Vec<String>>> = RwSignal::new(None);
    let preview: RwSignal<Option<Plan>> = RwSignal::new(None);
    let done: RwSignal<Option<i32>> = RwSignal::new(None);
    let export = move |_| {
        let Some(plan) = ctx.plan.get_untracked() else {
            return;
        };
        let name = format!("{}-target-plan.plan", plan.year);
        if let Err(e) = files::download_text(&name, "application/json", &plan_to_json(&plan)) {
            web_sys::console::warn_1(&e.into());
        }
    };
    let on_file = move |file: web_sys::File| {
        refused.set(None);
        preview.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            let text = match files::read_text(&file).await {
                Ok(t) => t,
                Err(e) => return refused.set(Some(vec![e])),
            };
            let plan = match plan_from_json(&text) {
                Ok(p) => p,
                Err(e) => return refused.set(Some(vec![e.message(l)])),
            };
            let problems = ctx.check(&plan);
            if problems.is_empty() {
                preview.set(Some(plan));
            } else {
                refused.set(Some(problems.iter().map(|p| p.message(l)).collect()));
            }
        });
    };
    let import = move |_| {
        if let Some(plan) = preview.get_untracked() {
            let year = plan.year;
            ctx.refusal.set(None);
            ctx.put(plan);
            ctx.picked_year.set(Some(year));
            preview.set(None);
            done.set(Some(year));
        }
    };
    view! {
        <div class="card" data-testid="tg-plan-file">
            <h3>{t!(i18n, tg_file_title)}</h3>
            <p class="muted small">{t!(i18n, tg_file_hint)}</p>
            <div class="actions">
                <button data-testid="tg-plan-export" disabled=move || ctx.plan.with(Option::is_none) on:click=export>
                    "⇩ "{t!(i18n, tg_file_export)}
                </button>
            </div>
            <DropZone zone_test_id="tg-plan-import-zone" input_test_id="tg-plan-import-input" accept=".plan,.json,application/json" on_file=on_file>
                <span>{t!(i18n, tg_file_drop)}</span>
            </DropZone>
            {move || refused.get().map(|lines| view! {
                <div class="banner bad" role="alert" data-testid="tg-plan-import-error">
                    <strong>"⚠ "{t!(i18n, tg_file_refused)}</strong>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            })}
            {move || preview.get().map(|plan| view! { <Preview ctx=ctx plan=plan lang=lang.get() /> })}
            {move || preview.with(Option::is_some).then(|| view! {
                <div class="actions">
                    <button class="primary" data-testid="tg-plan-import-confirm" on:click=import>{t!(i18n, tg_file_import)}</button>
                    <button data-testid="tg-plan-import-cancel" on:click=move |_| preview.set(None)>{t!(i18n, tg_file_cancel)}</button>
                </div>
            })}
            {move || done.get().map(|year| view! {
                <div class="banner" role="status" data-testid="tg-plan-import-done">
                    {format!("✓ {} {year}", t_string!(i18n, tg_file_done))}
                </div>
            })}
        </div>
    }
}

/// What an incoming plan holds, what it replaces, and how its bases differ from this ledger's.
#[component]
fn Preview(ctx: TargetsContext, plan: Plan, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let replaces = ctx.plan_years.get_untracked().contains(&plan.year);
    let total = plan
        .total
        .map(|t| measure_text(t, plan.measure, lang))
        .unwrap_or_else(|| "—".into());
    let dims: Vec<String> = plan
        .allocation
        .iter()
        .flat_map(|a| {
            std::iter::once(lang.pick("月份 (12)", "months (12)").to_string()).chain(
                a.dims.iter().map(move |d| {
                    format!(
                        "{} ({})",
                        dim_label(sandtable_core::targets::SplitDim::Member(d.dim), lang),
                        d.members.len()
                    )
                }),
            )
        })
        .collect();
    let changes: Vec<String> = ctx
        .frame
        .with_untracked(|f| base_changes(f, &plan))
        .iter()
        .map(|c| c.message(lang))
        .collect();
    let n_changes = changes.len();
    view! {
        <div class="plan-preview" data-testid="tg-plan-preview">
            <h4>{t!(i18n, tg_file_preview)}</h4>
            <dl class="facts">
                <dt>{t!(i18n, tg_year)}</dt><dd data-testid="tg-plan-preview-year">{plan.year}</dd>
                <dt>{t!(i18n, tg_measure)}</dt><dd>{plan.measure.label(lang)}</dd>
                <dt>{t!(i18n, tg_total)}</dt><dd class="num" data-testid="tg-plan-preview-total">{total}</dd>
                <dt>{t!(i18n, tg_dims)}</dt>
                <dd>{if dims.is_empty() { t_string!(i18n, tg_file_not_split).to_string() } else { dims.join(" · ") }}</dd>
            </dl>
            {replaces.then(|| view! {
                <div class="banner warn" data-testid="tg-plan-preview-replaces">
                    {format!("⚠ {} {}", plan.year, t_string!(i18n, tg_file_replaces))}
                </div>
            })}
            {(n_changes > 0).then(|| view! {
                <details class="why-details" data-testid="tg-plan-preview-bases">
                    <summary>{format!("ⓘ {} ({n_changes})", t_string!(i18n, tg_file_bases_changed))}</summary>
                    <ul>{changes.into_iter().take(50).map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </details>
            })}
        </div>
    }
}

/// After a re-import, the members whose bases differ from those the stored plan was split on;
/// the plan keeps its numbers until the user recomputes.
#[component]
pub fn BaseChangesNote(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let changes = Memo::new(move |_| {
        let l = lang.get();
        ctx.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    ctx.base_changes(p)
                        .iter()
                        .map(|c| c.message(l))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || !changes.with(Vec::is_empty)>
            <details class="why-details" data-testid="tg-bases-changed">
                <summary>{move || format!("ⓘ {} ({})", t_string!(i18n, tg_file_bases_changed), changes.with(Vec::len))}</summary>
                <p class="muted small">{t!(i18n, tg_file_bases_hint)}</p>
                <ul>{move || changes.get().into_iter().take(50).map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </details>
        </Show>
    }
}
