//! The two-way grid (二维分解) of two of the plan's splits — region × category, customer ×
//! month, … — fitted by RAS from last year's grid and rounded with every row and column total
//! exact; the fit's iterations and anything it had to seed or could not meet are said. A cell
//! typed by hand is fixed and the rest of the grid refits around it; a grid kept in the plan is
//! a sheet of the plan's workbook.
//!
//! Editing works like a spreadsheet: arrow keys move between cells, Enter or F2 (or a tap)
//! edits, Enter stores and moves down, Escape leaves the cell as it was; an emptied cell is
//! freed.

use leptos::prelude::*;
use sandtable_core::export::Table;
use sandtable_core::review::Dim;
use sandtable_core::targets::{
    GridSpec, PlanGrid, PlanGridError, SplitDim, dim_label, grid_table, parse_amount, plan_grid,
};
use wasm_bindgen::JsCast;

use super::shared::{TargetsContext, measure_text};
use crate::components::table::ExportButtons;
use crate::context::use_lang;
use crate::i18n::*;

/// Rows drawn before "show all" (the exports hold every row).
const VISIBLE: usize = 100;

#[component]
pub fn GridCard(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    // The splits a grid can be made of: the months and every planned dimension.
    let dims = Memo::new(move |_| {
        let mut out = vec![SplitDim::Month];
        ctx.shown.with(|p| {
            if let Some(a) = &p.allocation {
                out.extend(a.dims.iter().map(|d| SplitDim::Member(d.dim)));
            }
        });
        out
    });
    let rows = RwSignal::new(SplitDim::Member(Dim::Region));
    let cols = RwSignal::new(SplitDim::Month);
    let result = Memo::new(move |_| {
        let (r, c) = (rows.get(), cols.get());
        ctx.shown
            .with(|p| ctx.frame.with(|f| plan_grid(f, p, r, c)))
    });
    let table = Signal::derive(move || {
        let l = lang.get();
        ctx.shown.with(|p| match result.get() {
            Ok(g) => grid_table(p, &g, l),
            Err(_) => Table {
                title: String::new(),
                columns: Vec::new(),
                rows: Vec::new(),
            },
        })
    });
    // A refused cell: the reason, shown beside the grid; nothing is stored.
    let cell_error = RwSignal::new(None::<String>);
    let kept = Memo::new(move |_| {
        let (r, c) = (rows.get(), cols.get());
        ctx.shown
            .with(|p| p.grids.iter().any(|g| g.rows == r && g.cols == c))
    });
    // Stores the plan with the grid changed by `f`, unless the grid then cannot be made.
    let change = move |f: &dyn Fn(&mut GridSpec)| {
        let (r, c) = (rows.get_untracked(), cols.get_untracked());
        let mut p = ctx.working_plan();
        let at = match p.grids.iter().position(|g| g.rows == r && g.cols == c) {
            Some(i) => i,
            None => {
                p.grids.push(GridSpec::new(r, c));
                p.grids.len() - 1
            }
        };
        f(&mut p.grids[at]);
        match ctx.frame.with_untracked(|fr| plan_grid(fr, &p, r, c)) {
            Err(
                e @ (PlanGridError::BadCell { .. }
                | PlanGridError::LocksAboveTotal { .. }
                | PlanGridError::UnknownCell { .. }),
            ) => {
                cell_error.set(Some(e.message(lang.get_untracked())));
            }
            _ => {
                cell_error.set(None);
                ctx.put(p);
            }
        }
    };
    let set_cell = move |row: String, col: String, text: String| {
        let t = text.trim();
        if t.is_empty() {
            change(&|g| g.set_lock(&row, &col, None));
            return;
        }
        match parse_amount(t) {
            Some(amount) => change(&|g| g.set_lock(&row, &col, Some(amount))),
            None => cell_error.set(Some(
                sandtable_core::targets::TotalError::NotANumber.message(lang.get_untracked()),
            )),
        }
    };
    let keep = move |_| {
        if kept.get_untracked() {
            let (r, c) = (rows.get_untracked(), cols.get_untracked());
            ctx.update(|p| p.grids.retain(|g| !(g.rows == r && g.cols == c)));
        } else {
            change(&|_| {});
        }
    };
    let chooser = move |which: RwSignal<SplitDim>, test: &'static str, label: String| {
        view! {
            <label class="field">
                <span>{label}</span>
                <select
                    data-testid=test
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some(d) = dims.get_untracked().into_iter().find(|d| d.code() == v) {
                            which.set(d);
                        }
                    }
                >
                    {move || {
                        let current = which.get();
                        dims.get()
                            .into_iter()
                            .map(|d| view! { <option value=d.code() selected=d == current>{dim_label(d, lang.get())}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
        }
    };
    // Drawn only once asked for: the fit reads last year's grid from the whole ledger, which
    // the split's own repaint should not wait for.
    let open = RwSignal::new(false);
    view! {
        <div class="card" data-testid="tg-grid">
            <h3>{t!(i18n, tg_grid_title)}</h3>
            <p class="muted small">{t!(i18n, tg_grid_hint)}</p>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button data-testid="tg-grid-open" on:click=move |_| open.set(true)>{t!(i18n, tg_grid_open)}</button>
                }
            >
            <div class="form-grid">
                {chooser(rows, "tg-grid-rows", t_string!(i18n, tg_grid_rows).to_string())}
                {chooser(cols, "tg-grid-cols", t_string!(i18n, tg_grid_cols).to_string())}
            </div>
            {move || match result.get() {
                Err(e) => view! { <div class="banner warn" role="status" data-testid="tg-grid-problem">"⚠ "{e.message(lang.get())}</div> }.into_any(),
                Ok(g) => {
                    let l = lang.get();
                    let names = |names: &[String], keys: &[usize], k: usize| {
                        keys.iter().position(|&x| x == k).map(|i| names[i].clone()).unwrap_or_else(|| k.to_string())
                    };
                    let issues: Vec<String> = g
                        .grid
                        .issues
                        .iter()
                        .map(|i| {
                            i.message(
                                &|k| names(&g.row_names, &g.grid.rows, k),
                                &|k| names(&g.col_names, &g.grid.cols, k),
                                l,
                            )
                        })
                        .collect();
                    let status = match (g.grid.converged, l) {
                        (true, sandtable_core::Lang::Zh) => format!("✓ RAS 迭代 {} 次，行合计与列合计全部准确。", g.grid.iterations),
                        (true, sandtable_core::Lang::En) => format!("✓ RAS in {} iterations; every row and column total is exact.", g.grid.iterations),
                        (false, sandtable_core::Lang::Zh) => format!("⚠ RAS 迭代 {} 次未收敛：行合计准确，列合计未全部满足。", g.grid.iterations),
                        (false, sandtable_core::Lang::En) => format!("⚠ RAS did not converge in {} iterations: rows are exact, not every column.", g.grid.iterations),
                    };
                    view! {
                        <p class="small" data-testid="tg-grid-status" data-converged=g.grid.converged.to_string()>{status}</p>
                        {issues.into_iter().map(|m| view! { <div class="banner warn" role="status">"⚠ "{m}</div> }).collect_view()}
                    }
                    .into_any()
                }
            }}
            {move || cell_error.get().map(|m| view! { <div class="banner warn" role="alert" data-testid="tg-grid-cell-error">"⚠ "{m}</div> })}
            <Show when=move || result.with(Result::is_ok)>
                <p class="muted small">{t!(i18n, tg_grid_edit_hint)}</p>
                <EditableGrid ctx=ctx result=result set_cell=set_cell />
                <div class="table-head">
                    <button data-testid="tg-grid-keep" aria-pressed=move || if kept.get() { "true" } else { "false" } on:click=keep>
                        {move || if kept.get() { format!("✓ {}", t_string!(i18n, tg_grid_kept)) } else { format!("+ {}", t_string!(i18n, tg_grid_keep)) }}
                    </button>
                    <ExportButtons table=table test_id="tg-grid-table" />
                </div>
            </Show>
            </Show>
        </div>
    }
}

/// The grid's cells as a keyboard- and touch-editable table, with each row's and column's
/// total; fixed cells carry ■.
#[component]
fn EditableGrid(
    ctx: TargetsContext,
    result: Memo<Result<PlanGrid, PlanGridError>>,
    set_cell: impl Fn(String, String, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let editing = RwSignal::new(None::<(usize, usize)>);
    // The cell to focus once the grid is drawn again (after a stored edit).
    let focus_next = RwSignal::new(None::<(usize, usize)>);
    let show_all = RwSignal::new(false);
    let measure = move || ctx.shown.with(|p| p.measure);
    // The fixed cells of the grid shown, as (row, column) positions.
    let fixed = Memo::new(move |_| {
        result.with(|r| {
            let Ok(g) = r else {
                return std::collections::HashSet::new();
            };
            ctx.shown.with(|p| {
                p.grids
                    .iter()
                    .find(|s| s.rows == g.rows && s.cols == g.cols)
                    .map(|s| {
                        s.locks
                            .iter()
                            .filter_map(|l| {
                                let i = g.row_ids.iter().position(|x| *x == l.row)?;
                                let j = g.col_ids.iter().position(|x| *x == l.col)?;
                                Some((i, j))
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
        })
    });
    let focus_cell = move |r: usize, c: usize| {
        let sel = format!("[data-testid=\"tg-grid-cells\"] td[data-r=\"{r}\"][data-c=\"{c}\"]");
        if let Some(el) = document()
            .query_selector(&sel)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        if editing.get_untracked().is_some() {
            return;
        }
        focus_next.set(None);
        let Some(td) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let pos = |k: &str| td.get_attribute(k).and_then(|v| v.parse::<usize>().ok());
        let (Some(r), Some(c)) = (pos("data-r"), pos("data-c")) else {
            return;
        };
        match e.key().as_str() {
            "ArrowUp" => focus_cell(r.saturating_sub(1), c),
            "ArrowDown" => focus_cell(r + 1, c),
            "ArrowLeft" => focus_cell(r, c.saturating_sub(1)),
            "ArrowRight" => focus_cell(r, c + 1),
            "Enter" | "F2" => editing.set(Some((r, c))),
            _ => return,
        }
        e.prevent_default();
    };
    view! {
        {move || result.with(|r| r.as_ref().ok().map(|g| {
            let l = lang.get();
            let m = measure();
            let n = g.col_ids.len();
            let limit = if show_all.get() { usize::MAX } else { VISIBLE };
            let fx = fixed.get();
            let row_label = dim_label(g.rows, l);
            view! {
                <div class="table-wrap tall" data-testid="tg-grid-table">
                    <table class="grid editable" data-testid="tg-grid-cells" on:keydown=on_key>
                        <thead>
                            <tr>
                                <th scope="col">{row_label}</th>
                                {g.col_names.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view()}
                                <th scope="col" class="num">{t_string!(i18n, tg_sum)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {g.row_names.iter().enumerate().take(limit).map(|(i, name)| {
                                let row_id = g.row_ids[i].clone();
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        {(0..n).map(|j| {
                                            let value = g.grid.cells[i * n + j];
                                            let is_fixed = fx.contains(&(i, j));
                                            let (row_id, col_id) = (row_id.clone(), g.col_ids[j].clone());
                                            let label = format!("{} × {}", name, g.col_names[j]);
                                            let text = measure_text(value, m, l);
                                            view! {
                                                <GridCell
                                                    r=i c=j value=value text=text fixed=is_fixed label=label editing=editing focus_next=focus_next
                                                    on_commit=move |t: String| set_cell(row_id.clone(), col_id.clone(), t)
                                                    on_move=move |r, c| {
                                                        // Now, and again when the grid is drawn anew.
                                                        focus_next.set(Some((r, c)));
                                                        focus_cell(r, c);
                                                    }
                                                />
                                            }
                                        }).collect_view()}
                                        <td class="num sum-cell">{measure_text(g.grid.row_totals[i], m, l)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr class="sum-line">
                                <th scope="row">{t_string!(i18n, tg_sum)}</th>
                                {g.grid.col_totals.iter().map(|&t| view! { <td class="num">{measure_text(t, m, l)}</td> }).collect_view()}
                                <td class="num">{measure_text(g.grid.row_totals.iter().copied().sum(), m, l)}</td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
                {(!show_all.get() && g.row_ids.len() > VISIBLE).then(|| view! {
                    <button on:click=move |_| show_all.set(true)>{t!(i18n, tg_show_all)}</button>
                })}
            }
        }))}
    }
}

/// One cell: its target as text (■ when fixed), or, while edited, a field.
#[component]
fn GridCell(
    r: usize,
    c: usize,
    value: sandtable_core::Money,
    text: String,
    fixed: bool,
    label: String,
    editing: RwSignal<Option<(usize, usize)>>,
    focus_next: RwSignal<Option<(usize, usize)>>,
    on_commit: impl Fn(String) + Clone + Send + Sync + 'static,
    on_move: impl Fn(usize, usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let cell = NodeRef::<leptos::html::Td>::new();
    // Drawn anew where the focus was asked for: take it.
    Effect::new(move |_| {
        if let Some(td) = cell.get()
            && focus_next.get_untracked() == Some((r, c))
        {
            let _ = td.focus();
        }
    });
    let is_editing = move || editing.get() == Some((r, c));
    Effect::new(move |_| {
        if is_editing()
            && let Some(el) = input.get()
        {
            let _ = el.focus();
            el.select();
        }
    });
    // Stores what was typed, unless it is what the cell already showed (or empty on a cell
    // that is not fixed).
    let original = value.to_grouped_string();
    let commit = move |t: String| {
        let same = t.trim() == original || t.trim().is_empty() && !fixed;
        if !same {
            on_commit(t);
        }
    };
    let label_field = label.clone();
    view! {
        <td
            class="num grid-cell"
            class:fixed=fixed
            tabindex="0"
            data-r=r.to_string()
            data-c=c.to_string()
            data-value=value.to_decimal_string()
            data-fixed=fixed.then_some("true")
            aria-label=label
            node_ref=cell
            on:click=move |_| {
                focus_next.set(None);
                if editing.get_untracked() != Some((r, c)) {
                    editing.set(Some((r, c)));
                }
            }
        >
            {move || if is_editing() {
                let commit = commit.clone();
                let commit2 = commit.clone();
                view! {
                    <input
                        class="cell-input num"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid="tg-grid-input"
                        aria-label=label_field.clone()
                        node_ref=input
                        prop:value=value.to_grouped_string()
                        on:keydown=move |e: web_sys::KeyboardEvent| {
                            match e.key().as_str() {
                                "Enter" => {
                                    e.prevent_default();
                                    let v = event_target_value(&e);
                                    editing.set(None);
                                    commit(v);
                                    on_move(r + 1, c);
                                }
                                "Tab" => {
                                    e.prevent_default();
                                    let v = event_target_value(&e);
                                    editing.set(None);
                                    commit(v);
                                    on_move(r, if e.shift_key() { c.saturating_sub(1) } else { c + 1 });
                                }
                                "Escape" => {
                                    e.prevent_default();
                                    editing.set(None);
                                    on_move(r, c);
                                }
                                _ => {}
                            }
                        }
                        on:blur=move |e| {
                            // Leaving the field (Tab, a tap elsewhere) stores a changed value.
                            if editing.get_untracked() == Some((r, c)) {
                                editing.set(None);
                                commit2(event_target_value(&e));
                            }
                        }
                    />
                }
                .into_any()
            } else {
                view! { <span>{fixed.then_some("■ ")}{text.clone()}</span> }.into_any()
            }}
        </td>
    }
}
