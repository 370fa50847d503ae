//! The Per-head view: sales per salesperson, per active customer and per SKU sold.

use charming::Chart;
use leptos::prelude::*;
use sandtable_core::export::{Cell, Column, ColumnKind, Table};
use sandtable_core::review::{self, Measure, per_head};

use super::Settings;
use super::shared::*;
use crate::charts;
use crate::components::chart::{EChart, use_palette};
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::frame::FrameRef;
use crate::i18n::*;

#[component]
pub(super) fn PerHeadView(frame: Memo<FrameRef>, settings: Memo<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (palette, _) = use_palette();
    let result = Memo::new(move |_| {
        settings.with(|s| {
            frame.with(|f| {
                let cur = per_head(&f.0, s.measure, s.current, &s.filter);
                let base = per_head(&f.0, s.measure, s.base, &s.filter);
                cur.and_then(|c| base.map(|b| (c, b)))
            })
        })
    });
    let table = Memo::new(move |_| {
        let lang = lang.get();
        let new_label = t_string!(i18n, rv_new).to_string();
        settings.with(|s| {
            result.with(|r| {
                let Ok((c, b)) = r else {
                    return Table::default();
                };
                let ratio = |x: Option<f64>| match (x, s.measure) {
                    (Some(v), Measure::Quantity) => Cell::Number(v),
                    (Some(v), _) => money_cell(v),
                    (None, _) => Cell::Missing("—".into()),
                };
                let g = |cur: Option<f64>, base: Option<f64>| match (cur, base) {
                    (Some(c), Some(b)) if b != 0.0 => {
                        review::growth_of(c, b).map_or(Cell::Missing("—".into()), Cell::Number)
                    }
                    (Some(_), _) => Cell::Missing(new_label.clone()),
                    _ => Cell::Missing("—".into()),
                };
                let count = |n: u32| Cell::Number(f64::from(n));
                let gc = |a: u32, b: u32| g(Some(f64::from(a)), Some(f64::from(b)));
                let rows = vec![
                    vec![
                        Cell::text(s.measure.label(lang)),
                        value_cell(b.value, s.measure),
                        value_cell(c.value, s.measure),
                        g(Some(c.value.to_f64()), Some(b.value.to_f64())),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_salespeople)),
                        count(b.salespeople),
                        count(c.salespeople),
                        gc(c.salespeople, b.salespeople),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_active_customers)),
                        count(b.active_customers),
                        count(c.active_customers),
                        gc(c.active_customers, b.active_customers),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_skus_sold)),
                        count(b.skus),
                        count(c.skus),
                        gc(c.skus, b.skus),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_per_salesperson)),
                        ratio(b.per_salesperson),
                        ratio(c.per_salesperson),
                        g(c.per_salesperson, b.per_salesperson),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_per_customer)),
                        ratio(b.per_customer),
                        ratio(c.per_customer),
                        g(c.per_customer, b.per_customer),
                    ],
                    vec![
                        Cell::text(t_string!(i18n, rv_per_sku)),
                        ratio(b.per_sku),
                        ratio(c.per_sku),
                        g(c.per_sku, b.per_sku),
                    ],
                ];
                // Mixed units per row: money and counts are written as they come.
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        for c in r.iter_mut().skip(1).take(2) {
                            if let Cell::Number(n) = c {
                                *c = Cell::text(sandtable_core::export::format_cell(
                                    &Cell::Number(*n),
                                    ColumnKind::Count,
                                    lang,
                                ));
                            }
                        }
                        r
                    })
                    .collect();
                Table {
                    title: t_string!(i18n, rv_view_perhead).to_string(),
                    columns: vec![
                        Column::new(t_string!(i18n, rv_ratio), ColumnKind::Text),
                        Column::new(
                            format!("{} {}", t_string!(i18n, rv_base), s.base),
                            ColumnKind::Money,
                        ),
                        Column::new(
                            format!("{} {}", t_string!(i18n, rv_current), s.current),
                            ColumnKind::Money,
                        ),
                        Column::new(t_string!(i18n, rv_col_growth), ColumnKind::Growth),
                    ],
                    rows,
                }
            })
        })
    });
    let chart = Signal::derive(move || {
        let lang = lang.get();
        settings.with(|s| {
            result.with(|r| {
                let Ok((c, b)) = r else {
                    return Chart::new();
                };
                let (div, unit) = charts::measure_unit(s.measure, lang);
                let v = |x: Option<f64>| x.unwrap_or(0.0) / div;
                charts::two_period_bars(
                    t_string!(i18n, rv_view_perhead),
                    &unit,
                    vec![
                        t_string!(i18n, rv_per_salesperson).to_string(),
                        t_string!(i18n, rv_per_customer).to_string(),
                        t_string!(i18n, rv_per_sku).to_string(),
                    ],
                    [
                        (
                            &format!("{} {}", t_string!(i18n, rv_current), s.current),
                            vec![v(c.per_salesperson), v(c.per_customer), v(c.per_sku)],
                        ),
                        (
                            &format!("{} {}", t_string!(i18n, rv_base), s.base),
                            vec![v(b.per_salesperson), v(b.per_customer), v(b.per_sku)],
                        ),
                    ],
                    palette.get(),
                )
            })
        })
    });
    view! {
        {move || result.with(|r| r.as_ref().err().map(|e| view! { <ErrorNote text=e.message(lang.get()) /> }))}
        <div class="card">
            <DataTable table=table test_id="rv-perhead" />
        </div>
        <div class="card">
            <EChart chart=chart height=300 label=Signal::derive(move || t_string!(i18n, rv_view_perhead).to_string()) numbers=table test_id="rv-perhead-chart" />
        </div>
    }
}
