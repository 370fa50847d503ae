//! A report table: a core [`Table`] shown with sortable columns, numbers right-aligned in
//! tabular figures, signed values with arrows and the user's up/down colours, and exports to CSV
//! and XLSX.

use leptos::prelude::*;
use sandtable_core::export::{Arrow, Cell, Table, direction, format_cell, to_csv, to_xlsx};

use crate::context::use_lang;
use crate::files;
use crate::i18n::*;

/// Rows shown before "show all": long tables stay quick to draw; exports hold every row.
const DEFAULT_VISIBLE: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sort {
    column: usize,
    descending: bool,
}

/// Shows `table` with sorting and CSV/XLSX export.
#[component]
pub fn DataTable(
    /// The table to show; its title names the exported files.
    #[prop(into)]
    table: Signal<Table>,
    /// `data-testid` of the table's wrapper; the export buttons get `-csv` and `-xlsx` after it.
    #[prop(optional, into)]
    test_id: String,
    /// Called with a row's index in `table.rows` when its first cell is chosen (drill-down);
    /// the first cell is then a button.
    #[prop(optional, into)]
    on_row: Option<Callback<usize>>,
    /// Whether a row can be chosen (by index in `table.rows`); all rows when absent.
    #[prop(optional, into)]
    row_enabled: Option<Callback<usize, bool>>,
    /// Rows shown before a "show all" button; 50 when absent.
    #[prop(optional)]
    visible: Option<usize>,
    /// Hides the table title (when the surrounding card already shows it).
    #[prop(optional)]
    hide_title: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let sort = RwSignal::new(None::<Sort>);
    let show_all = RwSignal::new(false);
    let limit = visible.unwrap_or(DEFAULT_VISIBLE);
    // Callers usually pass a derived signal; build the table once per change, however often
    // it is read below.
    let table = Memo::new(move |_| table.get());

    // Row order after sorting: indices into `table.rows`.
    let order = Memo::new(move |_| {
        table.with(|t| {
            let mut idx: Vec<usize> = (0..t.rows.len()).collect();
            if let Some(Sort { column, descending }) = sort.get() {
                idx.sort_by(|&a, &b| {
                    let ca = t.rows[a].get(column);
                    let cb = t.rows[b].get(column);
                    let ord = compare_cells(ca, cb);
                    if descending { ord.reverse() } else { ord }
                });
            }
            idx
        })
    });

    let header = move || {
        table.with(|t| {
            t.columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let title = c.title.clone();
                    let numeric = c.kind.is_numeric();
                    let state = move || sort.get().filter(|s| s.column == i);
                    let aria = move || match state() {
                        Some(s) if s.descending => "descending",
                        Some(_) => "ascending",
                        None => "none",
                    };
                    let mark = move || match state() {
                        Some(s) if s.descending => " ↓",
                        Some(_) => " ↑",
                        None => "",
                    };
                    let click = move |_| {
                        // Numbers sort largest first on the first press, text A→Z.
                        sort.update(|s| {
                            *s = match *s {
                                Some(cur) if cur.column == i => Some(Sort {
                                    column: i,
                                    descending: !cur.descending,
                                }),
                                _ => Some(Sort {
                                    column: i,
                                    descending: numeric,
                                }),
                            }
                        })
                    };
                    view! {
                        <th scope="col" class:num=numeric aria-sort=aria>
                            <button class="th-sort" on:click=click title=move || t_string!(i18n, tbl_sort_hint)>
                                {title}<span aria-hidden="true">{mark}</span>
                            </button>
                        </th>
                    }
                })
                .collect_view()
        })
    };

    let body = move || {
        let all = show_all.get();
        let lang = lang.get();
        table.with(|t| {
            order.with(|order| {
                order
                    .iter()
                    .take(if all { usize::MAX } else { limit })
                    .map(|&r| {
                        let row = &t.rows[r];
                        let cells = t
                            .columns
                            .iter()
                            .enumerate()
                            .map(|(c, col)| {
                                let cell = row.get(c).cloned().unwrap_or(Cell::Missing(String::new()));
                                let text = format_cell(&cell, col.kind, lang);
                                let class = match direction(&cell, col.kind) {
                                    Some(Arrow::Up) => "num up",
                                    Some(Arrow::Down) => "num down",
                                    Some(Arrow::Flat) => "num",
                                    None if col.kind.is_numeric() => "num",
                                    None => "",
                                };
                                let enabled = on_row.is_some()
                                    && row_enabled.is_none_or(|f| f.run(r));
                                if c == 0 && enabled {
                                    let on_row = on_row.expect("checked above");
                                    view! {
                                        <td class=class>
                                            <button class="link drill" on:click=move |_| on_row.run(r)>
                                                {text}<span aria-hidden="true">" ›"</span>
                                            </button>
                                        </td>
                                    }
                                    .into_any()
                                } else if c == 0 {
                                    view! { <th scope="row" class=class>{text}</th> }.into_any()
                                } else {
                                    view! { <td class=class>{text}</td> }.into_any()
                                }
                            })
                            .collect_view();
                        view! { <tr>{cells}</tr> }
                    })
                    .collect_view()
            })
        })
    };

    let hidden = move || {
        let n = table.with(|t| t.rows.len());
        (!show_all.get() && n > limit).then_some(n)
    };

    view! {
        <div class="data-table" data-testid=test_id.clone()>
            <div class="table-head">
                <Show when=move || !hide_title>
                    <h4 class="table-title">{move || table.with(|t| t.title.clone())}</h4>
                </Show>
                <ExportButtons table=table test_id=test_id.clone() />
            </div>
            <div class="table-wrap">
                <table class="grid">
                    <thead><tr>{header}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {move || {
                hidden()
                    .map(|n| {
                        view! {
                            <button class="show-all" on:click=move |_| show_all.set(true)>
                                {move || t_string!(i18n, tbl_show_all).replace("{n}", &n.to_string())}
                            </button>
                        }
                    })
            }}
            <Show when=move || table.with(|t| t.rows.is_empty())>
                <p class="muted table-empty">{t!(i18n, tbl_empty)}</p>
            </Show>
        </div>
    }
}

/// Numbers before missing values, then text in code-point order.
/// "Export CSV" and "Export XLSX" buttons for `table` (its title names the files); their
/// `data-testid`s are `test_id` followed by `-csv` and `-xlsx`. For tables drawn by hand.
#[component]
pub fn ExportButtons(
    #[prop(into)] table: Signal<Table>,
    #[prop(into)] test_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let export_csv = move |_| {
        table.with_untracked(|t| {
            let name = files::safe_file_name(&t.title, ".csv");
            if let Err(e) = files::download_text(&name, "text/csv;charset=utf-8", &to_csv(t)) {
                web_sys::console::warn_1(&e.into());
            }
        });
    };
    let export_xlsx = move |_| {
        table.with_untracked(|t| {
            let name = files::safe_file_name(&t.title, ".xlsx");
            let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            if let Err(e) = files::download_bytes(&name, mime, &to_xlsx(t)) {
                web_sys::console::warn_1(&e.into());
            }
        });
    };
    view! {
        <div class="table-actions">
            <button data-testid=format!("{test_id}-csv") on:click=export_csv>
                "⇩ "{t!(i18n, tbl_export_csv)}
            </button>
            <button data-testid=format!("{test_id}-xlsx") on:click=export_xlsx>
                "⇩ "{t!(i18n, tbl_export_xlsx)}
            </button>
        </div>
    }
}

fn compare_cells(a: Option<&Cell>, b: Option<&Cell>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let num = |c: Option<&Cell>| c.and_then(Cell::sort_number);
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (None, None) => {
            let text = |c: Option<&Cell>| match c {
                Some(Cell::Text(s)) => s.clone(),
                _ => String::new(),
            };
            text(a).cmp(&text(b))
        }
    }
}
