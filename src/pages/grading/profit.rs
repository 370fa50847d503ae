//! The product × customer profitability matrix (产品/客户盈利性矩阵): revenue, gross profit and
//! GP % by product class and customer grade, and each customer's profit after cost to serve.

use leptos::prelude::*;
use sandtable_core::GradingEdit;
use sandtable_core::grading::{
    CostField, CustomerProfit, ProfitCell, ProfitConfig, ProfitMatrix, policies_for_grades,
    profit_matrix,
};
use sandtable_core::{Edit, Lang, format_money};

use sandtable_core::export::{Cell, Column, ColumnKind, Table};

use super::classes::ClassRuleEditor;
use super::shared::{GradeBadge, GradingContext};
use crate::components::table::ExportButtons;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::AppState;

/// The customers, most profitable first (as shown and as exported).
fn by_profit(m: &ProfitMatrix) -> Vec<&CustomerProfit> {
    let mut customers: Vec<&CustomerProfit> = m.customers.iter().collect();
    customers.sort_by_key(|c| std::cmp::Reverse(c.profit));
    customers
}

/// One exported row of the matrix: class, grade, revenue, gross profit and GP % (a fraction).
fn profit_row(class: &str, grade: &str, c: &ProfitCell) -> Vec<Cell> {
    vec![
        Cell::text(class),
        Cell::text(grade),
        Cell::Money(c.revenue),
        Cell::Money(c.gross_profit),
        c.gp_pct.map_or(Cell::Missing("—".into()), |p| {
            Cell::Number(p.to_f64() / 100.0)
        }),
    ]
}

fn cell_lines(c: &ProfitCell, lang: Lang) -> (String, String, String) {
    (
        format_money(c.revenue, lang),
        format_money(c.gross_profit, lang),
        c.gp_pct
            .map(|p| format!("{:.1}%", p.to_f64()))
            .unwrap_or_else(|| "—".into()),
    )
}

#[component]
pub fn Profitability(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let config = Memo::new(move |_| {
        ctx.store
            .grading
            .with(|g| g.profit.clone())
            .unwrap_or_default()
    });
    let matrix = Memo::new(move |_| {
        let grades = ctx
            .current
            .with(|s| s.as_ref().map(|s| s.grade_labels()).unwrap_or_default());
        let policies = ctx
            .store
            .grading
            .with(|g| policies_for_grades(&g.policies, &grades, lang.get()));
        state.workspace.with(|w| {
            w.as_ref().map(|w| {
                ctx.metrics.with(|m| {
                    ctx.scores
                        .with(|s| config.with(|c| profit_matrix(w, m, s, &grades, c, &policies)))
                })
            })
        })
    });
    let labels = Signal::derive(move || {
        ctx.current
            .with(|s| s.as_ref().map(|s| s.grade_labels()).unwrap_or_default())
    });
    // A cost field's refusal, shown beside it; the stored value stays.
    let (cost_error, set_cost_error) = signal(None::<(CostField, String)>);
    let cost_field = move |label: &'static str, field: CostField| {
        let test_id = match field {
            CostField::RebatePct => "cts-rebate",
            CostField::LogisticsPct => "cts-logistics",
            CostField::CostPerVisit => "cts-visit",
            CostField::ReceivableDays => "cts-days",
            CostField::InterestRatePct => "cts-rate",
            CostField::KaFee => "cts-ka",
        };
        let error = move || {
            cost_error
                .get()
                .filter(|(f, _)| *f == field)
                .map(|(_, m)| m)
        };
        view! {
            <label>
                <span>{label}</span>
                <input type="text" inputmode="decimal" data-testid=test_id
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=move || config.with(|c| field.text(&c.cost_to_serve))
                    on:change=move |e| {
                        let mut c: ProfitConfig = config.get_untracked();
                        match field.set(&mut c.cost_to_serve, &event_target_value(&e)) {
                            Ok(()) => {
                                set_cost_error.set(None);
                                state.edit(Edit::Grading(GradingEdit::SetProfitConfig { config: Some(c) }));
                            }
                            Err(err) => set_cost_error.set(Some((field, err.message(lang.get_untracked())))),
                        }
                    }
                />
                {move || error().map(|m| view! { <small class="field-error" role="alert" data-testid=format!("{test_id}-error")>{m}</small> })}
            </label>
        }
    };
    // The matrix for export, one row per product class and grade (totals included), and the
    // customers' profit with each cost apart.
    let matrix_table = Signal::derive(move || {
        let unrated = t_string!(i18n, gr_unrated).to_string();
        let other = t_string!(i18n, gr_profit_other).to_string();
        let total = t_string!(i18n, gr_total).to_string();
        let mut rows = Vec::new();
        matrix.with(|m| {
            let Some(m) = m else { return };
            let classes = m.classes.iter().map(|c| {
                if c.is_empty() {
                    other.clone()
                } else {
                    c.clone()
                }
            });
            let grades: Vec<String> = m
                .grades
                .iter()
                .map(|g| g.clone().unwrap_or_else(|| unrated.clone()))
                .collect();
            for (i, class) in classes.enumerate() {
                for (j, grade) in grades.iter().enumerate() {
                    if let Some(c) = m.cells.get(i).and_then(|r| r.get(j)) {
                        rows.push(profit_row(&class, grade, c));
                    }
                }
                if let Some(c) = m.class_totals.get(i) {
                    rows.push(profit_row(&class, &total, c));
                }
            }
            for (j, grade) in grades.iter().enumerate() {
                if let Some(c) = m.grade_totals.get(j) {
                    rows.push(profit_row(&total, grade, c));
                }
            }
            rows.push(profit_row(&total, &total, &m.total));
        });
        Table {
            title: t_string!(i18n, gr_profit_title).to_string(),
            columns: vec![
                Column::new(t_string!(i18n, gr_profit_class), ColumnKind::Text),
                Column::new(t_string!(i18n, gr_grade), ColumnKind::Text),
                Column::new(t_string!(i18n, gr_revenue), ColumnKind::Money),
                Column::new(t_string!(i18n, gr_gross_profit), ColumnKind::Money),
                Column::new("GP %", ColumnKind::Percent),
            ],
            rows,
        }
    });
    let customers_table = Signal::derive(move || {
        let unrated = t_string!(i18n, gr_unrated).to_string();
        let rows = matrix.with(|m| {
            m.as_ref()
                .map(|m| {
                    by_profit(m)
                        .into_iter()
                        .map(|c| {
                            vec![
                                Cell::text(ctx.name_of(&c.customer)),
                                Cell::text(c.customer.clone()),
                                c.grade
                                    .clone()
                                    .map_or(Cell::Missing(unrated.clone()), Cell::Text),
                                Cell::Money(c.revenue),
                                Cell::Money(c.gross_profit),
                                Cell::Money(c.rebates),
                                Cell::Money(c.logistics),
                                Cell::Money(c.visit_cost),
                                Cell::Money(c.credit_cost),
                                Cell::Money(c.ka_fees),
                                Cell::Money(c.cost_to_serve),
                                Cell::Money(c.profit),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        let money = |t: &str| Column::new(t, ColumnKind::Money);
        Table {
            title: t_string!(i18n, gr_cts_title).to_string(),
            columns: vec![
                Column::new(t_string!(i18n, gr_customer), ColumnKind::Text),
                Column::new(t_string!(i18n, gr_customer_id), ColumnKind::Text),
                Column::new(t_string!(i18n, gr_grade), ColumnKind::Text),
                money(t_string!(i18n, gr_revenue)),
                money(t_string!(i18n, gr_gross_profit)),
                money(t_string!(i18n, gr_cts_rebate)),
                money(t_string!(i18n, gr_cts_logistics)),
                money(t_string!(i18n, gr_visits)),
                money(t_string!(i18n, gr_cts_credit)),
                money("KA"),
                money(t_string!(i18n, gr_cost_to_serve)),
                money(t_string!(i18n, gr_customer_profit)),
            ],
            rows,
        }
    });
    view! {
        // Outside the matrix's redraw, so a field keeps its focus while the matrix follows it.
        <div class="card">
            <h3>{t!(i18n, gr_profit_class)}</h3>
            <ClassRuleEditor config=config />
        </div>
        {move || matrix.get().map(|m| {
            let l = lang.get();
            let grade_head = m.grades.iter().map(|g| {
                let g = g.clone();
                view! { <th scope="col" class="num"><GradeBadge grade=Signal::derive(move || g.clone()) labels=labels /></th> }
            }).collect_view();
            let rows = m.classes.iter().enumerate().map(|(i, class)| {
                let cells = m.cells.get(i).cloned().unwrap_or_default();
                let total = m.class_totals.get(i).copied().unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{if class.is_empty() { t_string!(i18n, gr_profit_other).to_string() } else { class.clone() }}</th>
                        {cells.iter().map(|c| { let (r, g, p) = cell_lines(c, l); view! { <td class="num">{r}<br /><small>{g}</small><br /><small class="muted">{p}</small></td> } }).collect_view()}
                        {{ let (r, g, p) = cell_lines(&total, l); view! { <td class="num total"><strong>{r}</strong><br /><small>{g}</small><br /><small class="muted">{p}</small></td> } }}
                    </tr>
                }
            }).collect_view();
            let totals = m.grade_totals.iter().map(|c| { let (r, g, p) = cell_lines(c, l); view! { <td class="num"><strong>{r}</strong><br /><small>{g}</small><br /><small class="muted">{p}</small></td> } }).collect_view();
            let (tr, tg, tp) = cell_lines(&m.total, l);
            let customers: Vec<CustomerProfit> = by_profit(&m).into_iter().cloned().collect();
            view! {
                <div class="card">
                    <div class="table-head">
                        <h3>{t!(i18n, gr_profit_title)}</h3>
                        <ExportButtons table=matrix_table test_id="profit-matrix-export" />
                    </div>
                    <p class="muted small">{t!(i18n, gr_profit_hint)}</p>
                    {(!m.has_cost).then(|| view! { <div class="banner warn">{t!(i18n, gr_profit_no_cost)}</div> })}
                    <div class="table-wrap">
                        <table class="grid" data-testid="profit-matrix">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, gr_profit_class)}</th>
                                    {grade_head}
                                    <th scope="col" class="num">{t!(i18n, gr_total)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows}
                                <tr>
                                    <th scope="row"><strong>{t!(i18n, gr_total)}</strong></th>
                                    {totals}
                                    <td class="num" data-testid="profit-total" data-value=m.total.revenue.to_decimal_string()><strong>{tr}</strong><br /><small>{tg}</small><br /><small class="muted">{tp}</small></td>
                                </tr>
                            </tbody>
                        </table>
                    </div>
                    <p class="muted small">{t!(i18n, gr_profit_cell_legend)}</p>
                </div>
                <div class="card">
                    <div class="table-head">
                        <h3>{t!(i18n, gr_cts_title)}</h3>
                        <ExportButtons table=customers_table test_id="profit-customers-export" />
                    </div>
                    <p class="muted small">{t!(i18n, gr_cts_hint)}</p>
                    <div class="form-grid">
                        {cost_field(t_string!(i18n, gr_cts_rebate), CostField::RebatePct)}
                        {cost_field(t_string!(i18n, gr_cts_logistics), CostField::LogisticsPct)}
                        {cost_field(t_string!(i18n, gr_cts_visit), CostField::CostPerVisit)}
                        {cost_field(t_string!(i18n, gr_cts_days), CostField::ReceivableDays)}
                        {cost_field(t_string!(i18n, gr_cts_rate), CostField::InterestRatePct)}
                        {cost_field(t_string!(i18n, gr_cts_ka), CostField::KaFee)}
                    </div>
                    <div class="table-wrap tall">
                        <table class="grid" data-testid="profit-customers">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, gr_customer)}</th>
                                    <th scope="col">{t!(i18n, gr_grade)}</th>
                                    <th scope="col" class="num">{t!(i18n, gr_revenue)}</th>
                                    <th scope="col" class="num">{t!(i18n, gr_gross_profit)}</th>
                                    <th scope="col" class="num">{t!(i18n, gr_cost_to_serve)}</th>
                                    <th scope="col" class="num">{t!(i18n, gr_customer_profit)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {customers.into_iter().map(|c| {
                                    let g = c.grade.clone();
                                    let sign = if c.profit.is_negative() { "▼ " } else { "" };
                                    view! {
                                        <tr>
                                            <th scope="row">{ctx.name_of(&c.customer)}<br /><small class="muted mono">{c.customer.clone()}</small></th>
                                            <td><GradeBadge grade=Signal::derive(move || g.clone()) labels=labels /></td>
                                            <td class="num">{format_money(c.revenue, l)}</td>
                                            <td class="num">{format_money(c.gross_profit, l)}</td>
                                            <td class="num" title=format!("{} {} · {} {} · {} {} · {} {} · KA {}",
                                                t_string!(i18n, gr_cts_rebate), format_money(c.rebates, l),
                                                t_string!(i18n, gr_cts_logistics), format_money(c.logistics, l),
                                                t_string!(i18n, gr_visits), format_money(c.visit_cost, l),
                                                t_string!(i18n, gr_cts_credit), format_money(c.credit_cost, l),
                                                format_money(c.ka_fees, l))>
                                                {format_money(c.cost_to_serve, l)}
                                            </td>
                                            <td class="num" class:neg=c.profit.is_negative()>{sign}{format_money(c.profit, l)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            }
        })}
    }
}
