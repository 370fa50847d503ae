//! Print (打印): the whole plan on A4 pages — the year, the agreed total and every table of the
//! decomposition, without the app's controls.

use leptos::prelude::*;
use sandtable_core::export::format_cell;

use super::View;
use super::shared::{TargetsContext, measure_text};
use crate::context::use_lang;
use crate::i18n::*;

#[component]
pub fn Print(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let tables = Memo::new(move |_| {
        let t = ctx.whole_plan_tables(lang.get());
        (!t.is_empty()).then_some(t)
    });
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <Show
            when=move || tables.with(Option::is_some)
            fallback=move || view! {
                <div class="empty card" data-testid="tg-print-empty">
                    <h3>{t!(i18n, tg_track_empty)}</h3>
                    <div class="actions"><a class="button primary" href=View::Split.href()>{t!(i18n, tg_go_split)}</a></div>
                </div>
            }
        >
            <div class="actions">
                <button class="primary" data-testid="tg-print" on:click=print>"⎙ "{t!(i18n, tg_print)}</button>
            </div>
            <article class="print-sheet" data-testid="tg-print-sheet">
                <h2>
                    {move || ctx.plan.with(|p| p.as_ref().map(|p| {
                        let total = p.total.map(|t| measure_text(t, p.measure, lang.get())).unwrap_or_default();
                        format!("{} {} · {} {total}", p.year, t_string!(i18n, tg_title), p.measure.label(lang.get()))
                    }))}
                </h2>
                {move || {
                    let l = lang.get();
                    tables
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|t| {
                            view! {
                                <section class="print-table">
                                    <h3>{t.title.clone()}</h3>
                                    <table class="grid">
                                        <thead>
                                            <tr>{t.columns.iter().map(|c| view! { <th scope="col" class:num=c.kind.is_numeric()>{c.title.clone()}</th> }).collect_view()}</tr>
                                        </thead>
                                        <tbody>
                                            {t.rows.iter().map(|r| view! {
                                                <tr>{r.iter().zip(&t.columns).map(|(cell, c)| view! { <td class:num=c.kind.is_numeric()>{format_cell(cell, c.kind, l)}</td> }).collect_view()}</tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                            }
                        })
                        .collect_view()
                }}
            </article>
        </Show>
    }
}
