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
    GridSpec, PlanGrid, PlanGridError, SplitDim, dim_label, grid_table, parse_amount,
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
        ctx.shown.with(|p| ctx.grid(p, r, c))
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
        match ctx.grid_untracked(&p, r, c) {
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
/// total; fixed cells carry ■. Cells are plain text; clicks and keys are handled once for the
/// whole table, and only the row being edited is drawn again, so a grid of hundreds of
/// thousands of cells stays quick.
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
    // Focus moves after the browser has drawn the change.
    let later = move |f: Box<dyn FnOnce()>| request_animation_frame(f);
    Effect::new(move |_| {
        result.track();
        if let Some((r, c)) = focus_next.get_untracked() {
            later(Box::new(move || focus_cell(r, c)));
        }
    });
    Effect::new(move |_| {
        if editing.get().is_some() {
            later(Box::new(|| {
                if let Some(el) = document()
                    .query_selector("[data-testid=\"tg-grid-input\"]")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    let _ = el.focus();
                    el.select();
                }
            }));
        }
    });
    // A cell's place is its place in the table (the row header is column 0), so that the
    // cells carry no attributes of their own.
    let cell_of = |e: &web_sys::Event| -> Option<(usize, usize)> {
        let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        let td = el.closest("td.grid-cell").ok()??;
        let tr = td.parent_element()?;
        let index = |x: &web_sys::Element, key: &str| {
            js_sys::Reflect::get(x, &key.into())
                .ok()?
                .as_f64()
                .map(|v| v as usize)
        };
        Some((
            index(&tr, "sectionRowIndex")?,
            index(&td, "cellIndex")?.checked_sub(1)?,
        ))
    };
    let on_click = move |e: web_sys::MouseEvent| {
        focus_next.set(None);
        if let Some(at) = cell_of(&e)
            && editing.get_untracked() != Some(at)
        {
            editing.set(Some(at));
        }
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        if editing.get_untracked().is_some() {
            return;
        }
        focus_next.set(None);
        let Some((r, c)) = cell_of(&e) else {
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
    // Ends editing (r, c): stores `text` unless it is what the cell showed (or empty on a
    // cell that is not fixed), then moves to `next`.
    let finish = move |r: usize, c: usize, text: Option<String>, next: Option<(usize, usize)>| {
        editing.set(None);
        if let Some(t) = text {
            let ids = result.with_untracked(|g| {
                g.as_ref().ok().map(|g| {
                    let n = g.col_ids.len();
                    (
                        g.row_ids[r].clone(),
                        g.col_ids[c].clone(),
                        g.grid.cells[r * n + c].to_grouped_string(),
                    )
                })
            });
            let is_fixed = fixed.with_untracked(|f| f.contains(&(r, c)));
            if let Some((row, col, shown)) = ids {
                let t = t.trim().to_string();
                if t != shown && !(t.is_empty() && !is_fixed) {
                    set_cell(row, col, t);
                }
            }
        }
        if let Some((nr, nc)) = next {
            focus_next.set(Some((nr, nc)));
            focus_cell(nr, nc);
        }
    };
    view! {
        {move || result.with(|r| r.as_ref().ok().map(|g| {
            let l = lang.get();
            let m = ctx.shown.with(|p| p.measure);
            let n = g.col_ids.len();
            let limit = if show_all.get() { usize::MAX } else { VISIBLE };
            let row_label = dim_label(g.rows, l);
            let col_names = std::sync::Arc::new(g.col_names.clone());
            view! {
                <div class="table-wrap tall" data-testid="tg-grid-table">
                    <table class="grid editable" data-testid="tg-grid-cells" on:keydown=on_key on:click=on_click>
                        <thead>
                            <tr>
                                <th scope="col">{row_label}</th>
                                {g.col_names.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view()}
                                <th scope="col" class="num">{t_string!(i18n, tg_sum)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {g.row_names.iter().enumerate().take(limit).map(|(i, name)| {
                                let cells: Vec<(sandtable_core::Money, String)> = (0..n)
                                    .map(|j| {
                                        let v = g.grid.cells[i * n + j];
                                        (v, measure_text(v, m, l))
                                    })
                                    .collect();
                                // Cells are read with their row and column headers; the field
                                // names its cell.
                                let (row_name, col_names) = (name.clone(), col_names.clone());
                                // Only this row is drawn again when editing enters or leaves it.
                                let edited = Memo::new(move |_| editing.get().filter(|(r, _)| *r == i).map(|(_, c)| c));
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        {move || {
                                            let at = edited.get();
                                            let fx = fixed.get();
                                            cells.iter().enumerate().map(|(j, (v, text))| {
                                                let is_fixed = fx.contains(&(i, j));
                                                let input = (at == Some(j)).then(|| view! {
                                                    <input
                                                        class="cell-input num"
                                                        inputmode="decimal"
                                                        autocomplete="off"
                                                        data-testid="tg-grid-input"
                                                        aria-label=format!("{row_name} × {}", col_names[j])
                                                        prop:value=v.to_grouped_string()
                                                        on:keydown=move |e: web_sys::KeyboardEvent| {
                                                            let next = match e.key().as_str() {
                                                                "Enter" => Some((Some(event_target_value(&e)), (i + 1, j))),
                                                                "Tab" if e.shift_key() => Some((Some(event_target_value(&e)), (i, j.saturating_sub(1)))),
                                                                "Tab" => Some((Some(event_target_value(&e)), (i, j + 1))),
                                                                "Escape" => Some((None, (i, j))),
                                                                _ => None,
                                                            };
                                                            if let Some((text, to)) = next {
                                                                e.prevent_default();
                                                                e.stop_propagation();
                                                                finish(i, j, text, Some(to));
                                                            }
                                                        }
                                                        on:blur=move |e| {
                                                            // Leaving the field (a tap elsewhere) stores a changed value.
                                                            if editing.get_untracked() == Some((i, j)) {
                                                                finish(i, j, Some(event_target_value(&e)), None);
                                                            }
                                                        }
                                                    />
                                                });
                                                view! {
                                                    <td
                                                        class=if is_fixed { "num grid-cell fixed" } else { "num grid-cell" }
                                                        tabindex="0"
                                                        data-fixed=is_fixed.then_some("true")
                                                    >
                                                        {match input {
                                                            Some(field) => field.into_any(),
                                                            None => view! { {is_fixed.then_some("■ ")}{text.clone()} }.into_any(),
                                                        }}
                                                    </td>
                                                }
                                            }).collect_view()
                                        }}
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

/// Focuses the grid's cell (r, c), if it is drawn.
fn focus_cell(r: usize, c: usize) {
    let sel = format!(
        "[data-testid=\"tg-grid-cells\"] tbody tr:nth-child({}) td:nth-child({})",
        r + 1,
        c + 2
    );
    if let Some(el) = document()
        .query_selector(&sel)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
