//! The two-way grid (二维分解) of two of the plan's splits — region × category, customer ×
//! month, … — fitted by RAS from last year's grid and rounded with every row and column total
//! exact; the fit's iterations and anything it had to seed or could not meet are said.

use leptos::prelude::*;
use sandtable_core::export::Table;
use sandtable_core::review::Dim;
use sandtable_core::targets::{SplitDim, dim_label, grid_table, plan_grid};

use super::shared::TargetsContext;
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::i18n::*;

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
            <Show when=move || result.with(Result::is_ok)>
                <DataTable table=table test_id="tg-grid-table" hide_title=true visible=100 />
            </Show>
            </Show>
        </div>
    }
}
