//! Split (五维分解): the annual target over the months and the planned dimensions (regions,
//! categories, products, salespeople, customers), each by a chosen basis; any target can be
//! typed and is then locked while the rest rebalances; every total stays exact in the plan's
//! rounding unit. The whole plan exports as one workbook, a sheet per dimension.

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::export::{Cell, format_cell, to_xlsx_book};
use sandtable_core::review::Dim;
use sandtable_core::targets::{
    Allocated, Allocation, BasisChoice, CARRY_DIMS, DecomposeError, MAX_CARRY, Plan, Settings,
    SplitDim, TotalError, carry_of, dim_label, initial_weights, parse_amount, percentages,
    split_table, weeks_table, weight_groups,
};
use sandtable_core::{Dec, Lang, Money};

use super::View;
use super::shared::{LockButton, Refusal, TargetsContext, measure_text};
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::components::table::ExportButtons;
use crate::context::use_lang;
use crate::files;
use crate::i18n::*;

/// The member dimensions a plan can be split over, in the course's order.
const DIMS: [Dim; 5] = [
    Dim::Region,
    Dim::Category,
    Dim::Product,
    Dim::Salesperson,
    Dim::Customer,
];

/// Rows drawn before "show all" (the export holds every row).
const VISIBLE: usize = 200;

#[component]
pub fn Split(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let has_total = Memo::new(move |_| {
        ctx.plan
            .with(|p| p.as_ref().is_some_and(|p| p.total.is_some()))
    });
    let has_allocation = Memo::new(move |_| {
        ctx.plan
            .with(|p| p.as_ref().is_some_and(|p| p.allocation.is_some()))
    });
    let start = move |_| {
        let mut settings = Settings::default();
        settings.add(Dim::Region);
        ctx.split(&ctx.working_plan(), &settings);
    };
    view! {
        <Show
            when=move || has_total.get()
            fallback=move || view! {
                <div class="empty card" data-testid="tg-split-empty">
                    <h3>{t!(i18n, tg_split_no_total)}</h3>
                    <p class="muted">{t!(i18n, tg_split_no_total_hint)}</p>
                    <div class="actions"><a class="button primary" href=View::Start.href()>{t!(i18n, tg_go_start)}</a></div>
                </div>
            }
        >
            <Show
                when=move || has_allocation.get()
                fallback=move || view! {
                    <div class="empty card" data-testid="tg-split-start">
                        <h3>{t!(i18n, tg_split_start_title)}</h3>
                        <p class="muted">{t!(i18n, tg_split_start_hint)}</p>
                        <Refusal ctx=ctx lang=lang />
                        <div class="actions"><button class="primary" data-testid="tg-split-begin" on:click=start>{t!(i18n, tg_split_begin)}</button></div>
                    </div>
                }
            >
                <Decomposition ctx=ctx />
                <super::grid::GridCard ctx=ctx />
            </Show>
        </Show>
    }
}

/// The plan of the year shown, with its allocation (only drawn when both exist).
fn split_plan(ctx: TargetsContext) -> Option<(Plan, Allocation)> {
    ctx.plan
        .get()
        .and_then(|p| p.allocation.clone().map(|a| (p, a)))
}

#[component]
fn Decomposition(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, _) = use_palette();
    let selected = RwSignal::new(SplitDim::Month);
    let show_all = RwSignal::new(false);
    let row_error = RwSignal::new(None::<(usize, String)>);
    let weight_error = RwSignal::new(None::<(usize, String)>);
    // Manual percentages typed but not yet summing to 100%: not stored until they do.
    let draft = RwSignal::new(None::<(SplitDim, Vec<(String, Dec)>)>);
    let show_weeks = RwSignal::new(false);
    let planned = Memo::new(move |_| split_plan(ctx));
    // The stored plan split again: the members without a base and the growth flags.
    let checked =
        Memo::new(move |_| planned.with(|pa| pa.as_ref().and_then(|(p, _)| ctx.checked(p))));
    let last_year = ctx.last_year_months;
    // The table of one dimension (empty when it is not planned).
    let table_of = move |dim: SplitDim| {
        planned.with(|pa| {
            pa.as_ref()
                .map(|(p, a)| {
                    split_table(p, a, dim, &last_year.get().unwrap_or_default(), lang.get())
                })
                .unwrap_or_default()
        })
    };
    let table = Memo::new(move |_| table_of(selected.get()));
    // Member ids and locks by row, in the table's order.
    let rows = Memo::new(move |_| {
        let sel = selected.get();
        planned.with(|pa| {
            let Some((_, a)) = pa.as_ref() else {
                return Vec::new();
            };
            match sel {
                SplitDim::Month => (1..=12u32)
                    .map(|m| {
                        (
                            format!("{m:02}"),
                            a.months[m as usize - 1],
                            a.locked_months.contains(&m),
                        )
                    })
                    .collect(),
                SplitDim::Member(d) => a
                    .dim(d)
                    .map(|x| {
                        x.members
                            .iter()
                            .map(|m| (m.id.clone(), m.target, m.locked))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
    });

    // Every change: new settings, the allocation computed again, stored or refused.
    let change = move |f: &dyn Fn(&mut Settings)| {
        let Some((plan, a)) = planned.get_untracked() else {
            return;
        };
        let mut s = Settings::of(&a);
        f(&mut s);
        ctx.split(&plan, &s);
    };
    let set_target = move |row: usize, text: String| {
        let sel = selected.get_untracked();
        let Some((id, _, _)) = rows.with_untracked(|r| r.get(row).cloned()) else {
            return;
        };
        let Some(amount) = parse_amount(&text) else {
            row_error.set(Some((
                row,
                TotalError::NotANumber.message(lang.get_untracked()),
            )));
            return;
        };
        row_error.set(None);
        change(&|s| {
            if let Some(d) = s.get_mut(sel) {
                d.set_lock(&id, Some(amount));
            }
        });
    };
    let toggle_lock = move |row: usize| {
        let sel = selected.get_untracked();
        let Some((id, target, locked)) = rows.with_untracked(|r| r.get(row).cloned()) else {
            return;
        };
        change(&|s| {
            if let Some(d) = s.get_mut(sel) {
                d.set_lock(&id, (!locked).then_some(target));
            }
        });
    };
    let basis = Memo::new(move |_| {
        let sel = selected.get();
        planned.with(|pa| {
            pa.as_ref().map(|(_, a)| match sel {
                SplitDim::Month => a.month_basis,
                SplitDim::Member(d) => a.dim(d).map(|x| x.basis).unwrap_or_default(),
            })
        })
    });
    // The weights the selected dimension is split on (the pending draft first), by row.
    let weights = Memo::new(move |_| {
        let sel = selected.get();
        let pending = draft.with(|d| {
            d.as_ref()
                .filter(|(k, _)| *k == sel)
                .map(|(_, w)| w.clone())
        });
        let stored = planned.with(|pa| {
            pa.as_ref()
                .and_then(|(_, a)| Settings::of(a).get_mut(sel).map(|d| d.weights.clone()))
                .unwrap_or_default()
        });
        let w = pending.unwrap_or(stored);
        let by_id: std::collections::HashMap<&str, Dec> =
            w.iter().map(|(k, x)| (k.as_str(), *x)).collect();
        rows.with(|r| {
            r.iter()
                .map(|(id, _, _)| by_id.get(id.as_str()).copied().unwrap_or(Dec::ZERO))
                .collect::<Vec<Dec>>()
        })
    });
    // The groups of manual percentages that do not reach 100%, said as the core says it.
    let pending_notes = Memo::new(move |_| {
        let sel = selected.get();
        let l = lang.get();
        draft.with(|d| {
            let Some((_, w)) = d.as_ref().filter(|(k, _)| *k == sel) else {
                return Vec::new();
            };
            planned.with(|pa| {
                let Some((_, a)) = pa.as_ref() else {
                    return Vec::new();
                };
                off_groups(a, sel, w)
                    .into_iter()
                    .map(|(category, sum)| {
                        DecomposeError::ManualNot100 {
                            dim: sel,
                            category,
                            sum,
                        }
                        .message(l)
                    })
                    .collect()
            })
        })
    });
    let store_weights = move |sel: SplitDim, w: Vec<(String, Dec)>| {
        draft.set(None);
        change(&|s| {
            if let Some(d) = s.get_mut(sel) {
                d.weights = w.clone();
            }
        });
    };
    let set_weight = move |row: usize, text: String| {
        let sel = selected.get_untracked();
        let Some((id, _, _)) = rows.with_untracked(|r| r.get(row).cloned()) else {
            return;
        };
        let Some(value) = Dec::parse(&text.replace([',', '，', '%'], "")).filter(|w| w.0 >= 0)
        else {
            weight_error.set(Some((row, t_string!(i18n, tg_weight_error).to_string())));
            return;
        };
        weight_error.set(None);
        let Some((_, a)) = planned.get_untracked() else {
            return;
        };
        let mut w = draft
            .get_untracked()
            .filter(|(k, _)| *k == sel)
            .map(|(_, w)| w)
            .or_else(|| Settings::of(&a).get_mut(sel).map(|d| d.weights.clone()))
            .unwrap_or_default();
        match w.iter_mut().find(|(k, _)| *k == id) {
            Some(x) => x.1 = value,
            None => w.push((id, value)),
        }
        if basis.get_untracked() == Some(BasisChoice::Manual) && !off_groups(&a, sel, &w).is_empty()
        {
            draft.set(Some((sel, w)));
        } else {
            store_weights(sel, w);
        }
    };
    let scale_draft = move |_| {
        let Some((sel, w)) = draft.get_untracked() else {
            return;
        };
        let Some((_, a)) = planned.get_untracked() else {
            return;
        };
        let of = |id: &str| w.iter().find(|(k, _)| k == id).map_or(0, |(_, x)| x.0);
        let mut out = Vec::new();
        for (_, ids) in weight_groups(&a, sel) {
            let p = percentages(&ids.iter().map(|id| of(id)).collect::<Vec<_>>());
            out.extend(ids.into_iter().zip(p));
        }
        store_weights(sel, out);
    };
    let export_book = move |_| {
        let t = untrack(|| ctx.whole_plan_tables(lang.get()));
        let title = t.first().map(|t| t.title.clone()).unwrap_or_default();
        let name = files::safe_file_name(&title, ".xlsx");
        let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if let Err(e) = files::download_bytes(&name, mime, &to_xlsx_book(&t)) {
            web_sys::console::warn_1(&e.into());
        }
    };
    let month_chart = Signal::derive(move || {
        let Some((p, a)) = planned.get() else {
            return Chart::new();
        };
        let l = lang.get();
        let (div, unit) = charts::measure_unit(p.measure, l);
        let names = (1..=12).map(|m| format!("{m}")).collect();
        let target = a.months.iter().map(|m| m.to_f64() / div).collect();
        let ly = last_year
            .get()
            .unwrap_or_default()
            .iter()
            .map(|m| m.to_f64() / div)
            .collect();
        let cur = format!("{} {}", p.year, t_string!(i18n, tg_target));
        let base = format!("{} {}", p.year - 1, t_string!(i18n, tg_actual));
        charts::two_period_bars(
            t_string!(i18n, tg_chart_months),
            &unit,
            names,
            [(&cur, target), (&base, ly)],
            palette.get(),
        )
    });
    let month_numbers = Signal::derive(move || table_of(SplitDim::Month));

    view! {
        <div class="card" data-testid="tg-split">
            <div class="table-head">
                <nav class="tabs dim-tabs" aria-label=move || t_string!(i18n, tg_dims)>
                    <DimTab dim=SplitDim::Month selected=selected />
                    {move || planned.with(|pa| pa.as_ref().map(|(_, a)| a.dims.iter().map(|d| view! { <DimTab dim=SplitDim::Member(d.dim) selected=selected /> }).collect_view()))}
                </nav>
                <div class="table-actions">
                    <button data-testid="tg-export-plan" on:click=export_book>"⇩ "{t!(i18n, tg_export_plan)}</button>
                    <a class="button" href=View::Print.href() data-testid="tg-print-open">"⎙ "{t!(i18n, tg_print)}</a>
                </div>
            </div>
            <div class="toolbar">
                <span class="muted small">{t!(i18n, tg_add_dim)}</span>
                {DIMS
                    .into_iter()
                    .map(|d| {
                        let is_planned = move || planned.with(|pa| pa.as_ref().is_some_and(|(_, a)| a.dim(d).is_some()));
                        view! {
                            <button
                                data-testid=format!("tg-dim-toggle-{}", d.code())
                                aria-pressed=move || if is_planned() { "true" } else { "false" }
                                on:click=move |_| {
                                    if is_planned() {
                                        if selected.get_untracked() == SplitDim::Member(d) {
                                            selected.set(SplitDim::Month);
                                        }
                                        change(&|s| s.remove(d));
                                    } else {
                                        change(&|s| s.add(d));
                                        selected.set(SplitDim::Member(d));
                                    }
                                }
                            >
                                {move || format!("{} {}", if is_planned() { "✓" } else { "+" }, d.label(lang.get()))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="form-grid">
                <label class="field">
                    <span>{t!(i18n, tg_basis)}</span>
                    <select
                        data-testid="tg-basis"
                        on:change=move |e| {
                            if let Some(b) = BasisChoice::from_code(&event_target_value(&e)) {
                                let sel = selected.get_untracked();
                                draft.set(None);
                                weight_error.set(None);
                                let start = planned.with_untracked(|pa| pa.as_ref().map(|(_, a)| initial_weights(a, sel)));
                                change(&|s| {
                                    if let Some(d) = s.get_mut(sel) {
                                        d.basis = b;
                                        if b.takes_weights() && d.weights.is_empty() {
                                            d.weights = start.clone().unwrap_or_default();
                                        }
                                    }
                                });
                            }
                        }
                    >
                        {move || {
                            let current = basis.get().unwrap_or_default();
                            let dim = selected.get();
                            BasisChoice::ALL
                                .into_iter()
                                .filter(|b| b.applies_to(dim))
                                .map(|b| view! { <option value=b.code() selected=b == current>{b.label(lang.get())}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                {move || match selected.get() {
                    SplitDim::Member(d) if CARRY_DIMS.contains(&d) => Some(view! { <CarryField ctx=ctx dim=d change=change /> }.into_any()),
                    SplitDim::Month => Some(view! {
                        <div class="field">
                            <span>{t!(i18n, tg_weeks)}</span>
                            <button data-testid="tg-weeks-toggle" aria-pressed=move || if show_weeks.get() { "true" } else { "false" } on:click=move |_| show_weeks.update(|w| *w = !*w)>
                                {move || if show_weeks.get() { t_string!(i18n, tg_weeks_hide) } else { t_string!(i18n, tg_weeks_show) }}
                            </button>
                        </div>
                    }.into_any()),
                    _ => None,
                }}
                <p class="muted small">
                    {t!(i18n, tg_lock_hint)}
                    {move || match basis.get() {
                        Some(BasisChoice::Potential) => Some(view! { " " {t!(i18n, tg_weight_hint_potential)} }.into_any()),
                        Some(BasisChoice::Manual) => Some(view! { " " {t!(i18n, tg_weight_hint_manual)} }.into_any()),
                        _ => None,
                    }}
                </p>
            </div>
            <Refusal ctx=ctx lang=lang />
            <Show when=move || !pending_notes.with(Vec::is_empty)>
                <div class="banner warn" role="status" data-testid="tg-manual-pending">
                    <ul>{move || pending_notes.get().into_iter().map(|m| view! { <li>"⚠ "{m}</li> }).collect_view()}</ul>
                    <div class="actions">
                        <button class="primary" data-testid="tg-manual-scale" on:click=scale_draft>{t!(i18n, tg_manual_scale)}</button>
                        <button data-testid="tg-manual-discard" on:click=move |_| draft.set(None)>{t!(i18n, tg_manual_discard)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || show_weeks.get() && selected.get() == SplitDim::Month>
                <WeeksTable planned=planned />
            </Show>
            <div class="table-wrap tall">
                <table class="grid" data-testid="tg-split-table" data-dim=move || selected.get().code()>
                    <thead>
                        <tr>
                            {move || table.with(|t| t.columns.iter().map(|c| {
                                let class = if c.kind.is_numeric() { "num" } else { "" };
                                view! { <th scope="col" class=class>{c.title.clone()}</th> }
                            }).collect_view())}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            let t = table.get();
                            let target_col = t.columns.len().saturating_sub(4);
                            let weight_col = basis.get().is_some_and(BasisChoice::takes_weights).then(|| target_col - 1);
                            let limit = if show_all.get() { usize::MAX } else { VISIBLE };
                            let w = weights.get();
                            let sel = selected.get();
                            let flagged: std::collections::HashSet<String> = checked.with(|c| {
                                c.iter()
                                    .flat_map(|d| d.flags.iter())
                                    .filter(|f| SplitDim::Member(f.dim) == sel)
                                    .map(|f| f.id.clone())
                                    .collect()
                            });
                            let pending = draft.with(|d| d.as_ref().is_some_and(|(k, _)| *k == sel));
                            // Shared by every row (a copy of the whole table per row would
                            // cost more than the split itself on large dimensions).
                            let columns = std::sync::Arc::new(t.columns.clone());
                            t.rows
                                .iter()
                                .take(limit)
                                .enumerate()
                                .map(|(r, row)| {
                                    let is_flagged = rows.with(|x| x.get(r).is_some_and(|m| flagged.contains(&m.0)));
                                    let weight = weight_col.map(|c| (c, w.get(r).copied().unwrap_or_default(), pending));
                                    view! { <SplitRow ctx=ctx columns=columns.clone() row=r cells=row.clone() target_col=target_col weight=weight flagged=is_flagged lang=l rows=rows row_error=row_error weight_error=weight_error set_target=set_target set_weight=set_weight toggle_lock=toggle_lock /> }
                                })
                                .collect_view()
                        }}
                    </tbody>
                    <tfoot>
                        <tr class="sum-line" data-testid="tg-split-sum">
                            {move || {
                                let t = table.get();
                                let target_col = t.columns.len().saturating_sub(4);
                                let sum: Money = rows.with(|r| r.iter().map(|x| x.1).sum());
                                let measure = ctx.plan.with(|p| p.as_ref().map(|p| p.measure)).unwrap_or(sandtable_core::review::Measure::Amount);
                                (0..t.columns.len())
                                    .map(|c| {
                                        let weight_col = basis.get().is_some_and(BasisChoice::takes_weights).then(|| target_col - 1);
                                        let text = if c == 0 {
                                            t_string!(i18n, tg_sum).to_string()
                                        } else if Some(c) == weight_col {
                                            let sum: Dec = weights.with(|w| w.iter().copied().sum());
                                            if basis.get() == Some(BasisChoice::Manual) { format!("{sum}%") } else { sum.to_string() }
                                        } else if c == target_col {
                                            measure_text(sum, measure, lang.get())
                                        } else {
                                            String::new()
                                        };
                                        let class = if c > 0 { "num" } else { "" };
                                        view! { <td class=class data-testid=(c == target_col).then_some("tg-split-sum-value") data-value=(c == target_col).then(|| sum.to_decimal_string())>{text}</td> }
                                    })
                                    .collect_view()
                            }}
                        </tr>
                    </tfoot>
                </table>
            </div>
            <Show when=move || !show_all.get() && table.with(|t| t.rows.len() > VISIBLE)>
                <button on:click=move |_| show_all.set(true)>{t!(i18n, tg_show_all)}</button>
            </Show>
            <div class="table-head">
                <p class="muted small">{move || planned.with(|pa| pa.as_ref().map(|(p, _)| unit_note(p, lang.get())))}</p>
                <ExportButtons table=table test_id="tg-split-export" />
            </div>
            <Issues checked=checked selected=selected />
            <super::file::BaseChangesNote ctx=ctx />
        </div>
        <div class="card">
            <EChart chart=month_chart height=300 label=Signal::derive(move || t_string!(i18n, tg_chart_months).to_string()) numbers=month_numbers test_id="tg-month-chart" />
        </div>
    }
}

/// "Every target is a multiple of ¥100."
fn unit_note(p: &Plan, lang: Lang) -> String {
    let unit = sandtable_core::format_money(p.unit, lang);
    match lang {
        Lang::Zh => format!("每个目标都是 {unit} 的整数倍，各维度合计等于年度目标。"),
        Lang::En => format!(
            "Every target is a multiple of {unit}; each dimension sums to the annual target."
        ),
    }
}

#[component]
fn DimTab(dim: SplitDim, selected: RwSignal<SplitDim>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <button
            class:active=move || selected.get() == dim
            aria-pressed=move || if selected.get() == dim { "true" } else { "false" }
            data-testid=format!("tg-dim-{}", dim.code())
            on:click=move |_| selected.set(dim)
        >
            {move || dim_label(dim, lang.get())}
        </button>
    }
}

/// One member's row: the table's cells, with the target as a field and a lock button.
#[component]
fn SplitRow(
    ctx: TargetsContext,
    columns: std::sync::Arc<Vec<sandtable_core::export::Column>>,
    row: usize,
    cells: Vec<Cell>,
    target_col: usize,
    /// The weight column, the row's weight, and whether it is a pending manual percentage.
    weight: Option<(usize, Dec, bool)>,
    /// Whether the row's growth is outside its history's band.
    flagged: bool,
    lang: Lang,
    rows: Memo<Vec<(String, Money, bool)>>,
    row_error: RwSignal<Option<(usize, String)>>,
    weight_error: RwSignal<Option<(usize, String)>>,
    set_target: impl Fn(usize, String) + Copy + Send + Sync + 'static,
    set_weight: impl Fn(usize, String) + Copy + Send + Sync + 'static,
    toggle_lock: impl Fn(usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, target, locked) = rows
        .with_untracked(|r| r.get(row).cloned())
        .unwrap_or_default();
    let lock_col = columns.len().saturating_sub(1);
    let name = cells
        .first()
        .map(|c| format_cell(c, columns[0].kind, lang))
        .unwrap_or_default();
    let error = move || {
        row_error.with(|e| {
            e.as_ref()
                .filter(|(r, _)| *r == row)
                .map(|(_, m)| m.clone())
        })
    };
    let w_error = move || {
        weight_error.with(|e| {
            e.as_ref()
                .filter(|(r, _)| *r == row)
                .map(|(_, m)| m.clone())
        })
    };
    let growth_col = target_col + 2;
    view! {
        <tr class:locked=locked class:flagged=flagged data-testid="tg-row" data-id=id.clone() data-flagged=flagged.then_some("true")>
            {cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let kind = columns[c].kind;
                    if c == target_col {
                        let label = format!("{} {}", t_string!(i18n, tg_target), name);
                        view! {
                            <td class="num">
                                <input
                                    class="cell-input num"
                                    inputmode="decimal"
                                    autocomplete="off"
                                    data-testid="tg-target-input"
                                    aria-label=label
                                    aria-invalid=move || error().is_some().then_some("true")
                                    prop:value=target.to_grouped_string()
                                    on:change=move |e| {
                                        set_target(row, event_target_value(&e));
                                        // A refused lock leaves the stored target, shown again
                                        // beside the reason.
                                        if ctx.refusal.with_untracked(Option::is_some) {
                                            event_target::<web_sys::HtmlInputElement>(&e).set_value(&target.to_grouped_string());
                                        }
                                    }
                                />
                                {move || error().map(|m| view! { <div class="field-error" role="alert">{m}</div> })}
                            </td>
                        }
                        .into_any()
                    } else if let Some((_, w, pending)) = weight.filter(|(wc, _, _)| *wc == c) {
                        let label = format!("{} {}", columns[c].title, name);
                        view! {
                            <td class="num">
                                <input
                                    class="cell-input num"
                                    class:pending=pending
                                    inputmode="decimal"
                                    autocomplete="off"
                                    data-testid="tg-weight-input"
                                    aria-label=label
                                    aria-invalid=move || w_error().is_some().then_some("true")
                                    prop:value=w.to_string()
                                    on:change=move |e| set_weight(row, event_target_value(&e))
                                />
                                {move || w_error().map(|m| view! { <div class="field-error" role="alert">{m}</div> })}
                            </td>
                        }
                        .into_any()
                    } else if c == growth_col && flagged {
                        let text = format_cell(cell, kind, lang);
                        let why = t_string!(i18n, tg_flags).to_string();
                        let title = why.clone();
                        view! { <td class="num flag" title=title><span aria-label=why>"⚠ "</span>{text}</td> }.into_any()
                    } else if c == lock_col {
                        view! {
                            <td>
                                <LockButton
                                    locked=locked
                                    name=name.clone()
                                    test_id="tg-lock".to_string()
                                    on_toggle=move || toggle_lock(row)
                                />
                            </td>
                        }
                        .into_any()
                    } else {
                        let text = format_cell(cell, kind, lang);
                        let class = if kind.is_numeric() { "num" } else { "" };
                        view! { <td class=class>{text}</td> }.into_any()
                    }
                })
                .collect_view()}
        </tr>
    }
}

/// Members without a usable base, and members growing beyond their history's band, in the
/// selected dimension, each said once.
#[component]
fn Issues(checked: Memo<Option<Allocated>>, selected: RwSignal<SplitDim>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let said = move |flags: bool| {
        let sel = selected.get();
        let l = lang.get();
        checked.with(|c| {
            c.as_ref()
                .map(|d| {
                    if flags {
                        d.flags
                            .iter()
                            .filter(|f| SplitDim::Member(f.dim) == sel)
                            .map(|f| f.message(l))
                            .collect::<Vec<_>>()
                    } else {
                        d.issues
                            .iter()
                            .filter(|x| x.dim == sel)
                            .map(|x| x.message(l))
                            .collect()
                    }
                })
                .unwrap_or_default()
        })
    };
    let here = Memo::new(move |_| said(false));
    let flags = Memo::new(move |_| said(true));
    view! {
        <Show when=move || !flags.with(Vec::is_empty)>
            <details class="why-details" data-testid="tg-flags" open>
                <summary>{move || format!("⚠ {} ({})", t_string!(i18n, tg_flags), flags.with(Vec::len))}</summary>
                <ul>{move || flags.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </details>
        </Show>
        <Show when=move || !here.with(Vec::is_empty)>
            <details class="why-details" data-testid="tg-issues">
                <summary>{move || format!("ⓘ {} ({})", t_string!(i18n, tg_issues), here.with(Vec::len))}</summary>
                <ul>{move || here.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </details>
        </Show>
    }
}

/// The groups of `weights` (by id) that do not sum to 100%: (category, sum).
fn off_groups(
    a: &Allocation,
    dim: SplitDim,
    weights: &[(String, Dec)],
) -> Vec<(Option<String>, Dec)> {
    weight_groups(a, dim)
        .into_iter()
        .filter_map(|(category, ids)| {
            let sum: Dec = ids
                .iter()
                .map(|id| {
                    weights
                        .iter()
                        .find(|(k, _)| k == id)
                        .map_or(Dec::ZERO, |(_, w)| *w)
                })
                .sum();
            (sum != Dec::HUNDRED).then_some((category, sum))
        })
        .collect()
}

/// The months' targets over the ISO weeks, read only (they follow the months).
#[component]
fn WeeksTable(planned: Memo<Option<(Plan, Allocation)>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let table = Signal::derive(move || {
        planned.with(|pa| {
            pa.as_ref()
                .map(|(p, a)| weeks_table(p, a, lang.get()))
                .unwrap_or_default()
        })
    });
    view! {
        <div class="weeks" data-testid="tg-weeks">
            <p class="muted small">{t!(i18n, tg_weeks_note)}</p>
            <div class="table-wrap tall">
                <table class="grid" data-testid="tg-weeks-table">
                    <thead>
                        <tr>{move || table.with(|t| t.columns.iter().map(|c| {
                            let class = if c.kind.is_numeric() { "num" } else { "" };
                            view! { <th scope="col" class=class>{c.title.clone()}</th> }
                        }).collect_view())}</tr>
                    </thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            table.with(|t| t.rows.iter().map(|row| view! {
                                <tr data-testid="tg-week-row">
                                    {row.iter().zip(&t.columns).map(|(cell, c)| {
                                        let class = if c.kind.is_numeric() { "num" } else { "" };
                                        view! { <td class=class>{format_cell(cell, c.kind, l)}</td> }
                                    }).collect_view()}
                                </tr>
                            }).collect_view())
                        }}
                    </tbody>
                </table>
            </div>
            <ExportButtons table=table test_id="tg-weeks-export" />
        </div>
    }
}

/// The over-allocation of salespeople or customers: the percentage of the annual target the
/// dimension carries (100% = none).
#[component]
fn CarryField(
    ctx: TargetsContext,
    dim: Dim,
    change: impl Fn(&dyn Fn(&mut Settings)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let carry = Memo::new(move |_| {
        ctx.plan
            .with(|p| {
                let a = p.as_ref()?.allocation.as_ref()?;
                Some(carry_of(a.dim(dim)?.total, a.total).unwrap_or(100))
            })
            .unwrap_or(100)
    });
    let set = move |text: String| match text.trim().parse::<u32>() {
        Ok(c) if (100..=MAX_CARRY).contains(&c) => {
            error.set(None);
            change(&|s| {
                if let Some(x) = s.get_mut(SplitDim::Member(dim)) {
                    x.carry = (c != 100).then_some(c);
                }
            });
        }
        _ => error.set(Some(match lang.get_untracked() {
            Lang::Zh => format!("请输入 100 到 {MAX_CARRY} 之间的整数。"),
            Lang::En => format!("Enter a whole number from 100 to {MAX_CARRY}."),
        })),
    };
    view! {
        <label class="field">
            <span>{t!(i18n, tg_carry)}</span>
            <span class="cell-with-unit">
                <input
                    class="num"
                    type="number"
                    min="100"
                    max=MAX_CARRY.to_string()
                    step="1"
                    inputmode="numeric"
                    data-testid="tg-carry"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    prop:value=move || carry.get().to_string()
                    on:change=move |e| set(event_target_value(&e))
                />
                "%"
            </span>
            {move || error.get().map(|m| view! { <span class="field-error" role="alert" data-testid="tg-carry-error">{m}</span> })}
        </label>
    }
}
