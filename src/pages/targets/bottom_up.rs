//! The strategy-led, bottom-up plan (策略引领型): per customer the wallet and the share of it
//! aimed for (target = wallet × share, checked against the customer's own growth), new customers
//! by class, and opportunities on the Ansoff grid. Its total is the bottom-up source.

use leptos::prelude::*;
use sandtable_core::review::Measure;
use sandtable_core::targets::{
    Ansoff, BottomUpInput, CustomerLine, CustomerPlan, NewCustomers, Opportunity, parse_amount,
    parse_share,
};
use sandtable_core::{Dec, Lang, Money};

use super::View;
use super::shared::{TargetsContext, measure_text};
use crate::charts;
use crate::context::use_lang;
use crate::i18n::*;

/// Customers shown before "show all".
const FIRST_ROWS: usize = 25;

/// Changes the bottom-up entries by `f` as one undoable step.
fn change(ctx: TargetsContext, f: impl FnOnce(&mut BottomUpInput)) {
    ctx.update(|p| f(&mut p.bottom_up));
}

#[component]
pub fn BottomUp(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let plan = ctx.shown;
    let measure = Memo::new(move |_| plan.with(|p| p.measure));
    let show_all = RwSignal::new(false);
    let row_error = RwSignal::new(None::<(String, String)>);
    let total_line = move |label: String, value: Money, test: &'static str| {
        view! {
            <div class="stat">
                <span class="stat-label">{label}</span>
                <span class="stat-value num" data-testid=test data-value=value.to_string()>{measure_text(value, measure.get(), lang.get())}</span>
            </div>
        }
    };
    view! {
        <div class="card" data-testid="tg-bottom-up">
            <h3>{t!(i18n, tg_bu_title)}" · "{move || ctx.year.get()}</h3>
            <p class="muted small">{t!(i18n, tg_bu_hint)}</p>
            {move || match ctx.bottom_up.get() {
                Err(e) => view! { <div class="banner warn" role="alert">"⚠ "{e.to_string()}</div> }.into_any(),
                Ok(b) => {
                    let l = lang.get();
                    view! {
                        <div class="stats" data-testid="tg-bu-summary">
                            {total_line(format!("{} ({}/{})", t_string!(i18n, tg_bu_planned), b.planned(), b.lines.len()), b.planned_total, "tg-bu-planned")}
                            {total_line(t_string!(i18n, tg_bu_carried).to_string(), b.carried_total, "tg-bu-carried")}
                            {total_line(t_string!(i18n, tg_bu_new).to_string(), b.new_total, "tg-bu-new")}
                            {total_line(t_string!(i18n, tg_bu_opportunities).to_string(), b.opportunities_total, "tg-bu-opps")}
                            {total_line(t_string!(i18n, tg_bu_total).to_string(), b.total(), "tg-bu-total")}
                        </div>
                        {(b.flagged() > 0).then(|| view! {
                            <div class="banner warn" role="status" data-testid="tg-bu-flagged">
                                {match l {
                                    Lang::Zh => format!("⚠ {} 个客户的目标增长超出其近两年平均增长 ±30 个百分点，请复核。", b.flagged()),
                                    Lang::En => format!("⚠ {} customers' target growth is outside their own average growth of the last two years ± 30 points; check them.", b.flagged()),
                                }}
                            </div>
                        })}
                        {(!b.unknown.is_empty()).then(|| view! {
                            <div class="banner warn" role="status">
                                {format!("⚠ {}: {}", l.pick("台账中没有这些客户，未计入", "These customers are not in the ledger and are not counted"), b.unknown.join(", "))}
                            </div>
                        })}
                        <a class="button" href=View::Sources.href()>{t!(i18n, tg_tab_sources)}" →"</a>
                    }
                    .into_any()
                }
            }}
        </div>
        <div class="card">
            <h4>{t!(i18n, tg_bu_customers)}</h4>
            <p class="muted small">{t!(i18n, tg_bu_customers_hint)}</p>
            {move || row_error.get().map(|(_, m)| view! { <div class="field-error" role="alert" data-testid="tg-bu-error">{m}</div> })}
            <div class="table-wrap">
                <table class="grid bottom-up" data-testid="tg-bu-table">
                    <caption class="sr-only">{t!(i18n, tg_bu_customers)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, tg_bu_customer)}</th>
                            <th scope="col" class="num">{move || (ctx.year.get() - 3).to_string()}</th>
                            <th scope="col" class="num">{move || (ctx.year.get() - 2).to_string()}</th>
                            <th scope="col" class="num">{move || (ctx.year.get() - 1).to_string()}</th>
                            <th scope="col" class="num">{move || format!("{} ({})", t_string!(i18n, tg_bu_wallet), lang.get().pick("元", "yuan"))}</th>
                            <th scope="col" class="num">{t!(i18n, tg_bu_sow)}</th>
                            <th scope="col" class="num">{t!(i18n, tg_bu_target_share)}</th>
                            <th scope="col" class="num">{move || format!("{} {}", ctx.year.get(), t_string!(i18n, tg_target))}</th>
                            <th scope="col" class="num">{t!(i18n, tg_bu_growth)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lines = ctx.bottom_up.with(|b| b.as_ref().map(|b| b.lines.clone()).unwrap_or_default());
                            let n = if show_all.get() { lines.len() } else { FIRST_ROWS.min(lines.len()) };
                            lines
                                .into_iter()
                                .take(n)
                                .map(|line| view! { <CustomerRow line=line ctx=ctx measure=measure.get() lang=lang.get() row_error=row_error /> })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            {move || {
                let total = ctx.bottom_up.with(|b| b.as_ref().map(|b| b.lines.len()).unwrap_or(0));
                (total > FIRST_ROWS && !show_all.get()).then(|| view! {
                    <button data-testid="tg-bu-show-all" on:click=move |_| show_all.set(true)>
                        {move || match lang.get() {
                            Lang::Zh => format!("显示全部 {total} 个客户"),
                            Lang::En => format!("Show all {total} customers"),
                        }}
                    </button>
                })
            }}
        </div>
        <NewCustomersCard ctx=ctx measure=measure />
        <AnsoffCard ctx=ctx measure=measure />
    }
}

/// One customer: three years of sales, the wallet and target share typed, the share of wallet,
/// the target and its growth with the sanity band.
#[component]
fn CustomerRow(
    line: CustomerLine,
    ctx: TargetsContext,
    measure: Measure,
    lang: Lang,
    row_error: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let id = line.id.clone();
    let last = line.history[0];
    let wallet_text = line
        .plan
        .as_ref()
        .map(|p| p.wallet.to_grouped_string())
        .unwrap_or_default();
    let share_text = line
        .plan
        .as_ref()
        .map(|p| p.target_share.to_string())
        .unwrap_or_default();
    let fmt = move |m: Money| measure_text(m, measure, lang);
    let set_wallet = {
        let id = id.clone();
        move |text: String| {
            let text = text.trim().to_string();
            if text.is_empty() {
                row_error.set(None);
                change(ctx, |b| b.customers.retain(|c| c.id != id));
                return;
            }
            let wallet = match parse_amount(&text) {
                Some(w) if w.0 > 0 => w,
                _ => {
                    row_error.set(Some((
                        id.clone(),
                        lang.pick(
                            "钱包须为大于 0 的金额（元）。",
                            "The wallet is an amount in yuan above 0.",
                        )
                        .into(),
                    )));
                    return;
                }
            };
            if wallet < last {
                row_error.set(Some((id.clone(), match lang {
                    Lang::Zh => format!("钱包是客户对该品类的全部采购，不能小于我们去年的销售额 {}。", measure_text(last, Measure::Amount, lang)),
                    Lang::En => format!("The wallet is the customer's whole purchase of the category; it cannot be below our sales last year, {}.", measure_text(last, Measure::Amount, lang)),
                })));
                return;
            }
            row_error.set(None);
            change(ctx, |b| match b.customers.iter_mut().find(|c| c.id == id) {
                Some(c) => c.wallet = wallet,
                None => {
                    // Until a share is typed, the customer keeps last year's share of the wallet.
                    let share = Dec::from_f64(last.0 as f64 / wallet.0 as f64 * 100.0)
                        .filter(|d| d.0 > 0)
                        .unwrap_or(Dec(1));
                    b.customers.push(CustomerPlan {
                        id: id.clone(),
                        wallet,
                        target_share: share,
                    });
                }
            });
        }
    };
    let set_share = {
        let id = id.clone();
        let has_plan = line.plan.is_some();
        move |text: String| {
            if !has_plan {
                row_error.set(Some((
                    id.clone(),
                    lang.pick(
                        "先填写钱包，再填写目标份额。",
                        "Enter the wallet first, then the target share.",
                    )
                    .into(),
                )));
                return;
            }
            match parse_share(&text) {
                Ok(share) => {
                    row_error.set(None);
                    change(ctx, |b| {
                        if let Some(c) = b.customers.iter_mut().find(|c| c.id == id) {
                            c.target_share = share;
                        }
                    });
                }
                Err(e) => row_error.set(Some((id.clone(), e.message(lang).into()))),
            }
        }
    };
    let growth = charts::growth_label(line.growth, 1, lang.pick("新增", "new"));
    let band = format!("{:+.0}%…{:+.0}%", line.band.0 * 100.0, line.band.1 * 100.0);
    view! {
        <tr data-testid="tg-bu-row" data-id=id.clone() data-last=last.to_string() data-target=line.target.to_string() class:flagged=line.flagged class:planned=line.plan.is_some()>
            <th scope="row">{line.name.clone()}</th>
            <td class="num">{fmt(line.history[2])}</td>
            <td class="num">{fmt(line.history[1])}</td>
            <td class="num">{fmt(line.history[0])}</td>
            <td class="num">
                <input
                    class="cell-input num"
                    inputmode="decimal"
                    autocomplete="off"
                    data-testid="tg-bu-wallet"
                    aria-label=format!("{} {}", lang.pick("钱包", "Wallet"), line.name)
                    prop:value=wallet_text
                    on:change=move |e| set_wallet(event_target_value(&e))
                />
            </td>
            <td class="num">{line.share_of_wallet.map(|s| format!("{:.1}%", s * 100.0)).unwrap_or_else(|| "—".into())}</td>
            <td class="num">
                <span class="cell-with-unit">
                    <input
                        class="cell-input num share"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid="tg-bu-share"
                        aria-label=format!("{} {}", lang.pick("目标份额", "Target share"), line.name)
                        prop:value=share_text
                        on:change=move |e| set_share(event_target_value(&e))
                    />
                    "%"
                </span>
            </td>
            <td class="num" data-testid="tg-bu-target">{fmt(line.target)}</td>
            <td class="num">
                {growth}
                {line.flagged.then(|| view! { <div class="small" data-testid="tg-bu-flag">{format!("⚠ {} {band}", lang.pick("超出", "outside"))}</div> })}
                {(!line.flagged && line.plan.is_some()).then(|| view! { <div class="small muted">{band.clone()}</div> })}
            </td>
        </tr>
    }
}

/// New customers to develop: class, count and expected first-year sales of each.
#[component]
fn NewCustomersCard(ctx: TargetsContext, measure: Memo<Measure>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let rows = Memo::new(move |_| ctx.shown.with(|p| p.bottom_up.new_customers.clone()));
    let error = RwSignal::new(None::<String>);
    let n = Memo::new(move |_| rows.with(Vec::len));
    let edit = move |i: usize, f: &dyn Fn(&mut NewCustomers)| {
        change(ctx, |b| {
            if let Some(r) = b.new_customers.get_mut(i) {
                f(r);
            }
        })
    };
    view! {
        <div class="card" data-testid="tg-bu-new-customers">
            <h4>{t!(i18n, tg_bu_new)}</h4>
            {move || error.get().map(|m| view! { <div class="field-error" role="alert" data-testid="tg-bu-new-error">{m}</div> })}
            <div class="table-wrap">
                <table class="grid">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, tg_bu_class)}</th>
                            <th scope="col" class="num">{t!(i18n, tg_bu_count)}</th>
                            <th scope="col" class="num">{move || format!("{} ({})", t_string!(i18n, tg_bu_first_year), lang.get().pick("元", "yuan"))}</th>
                            <th scope="col" class="num">{t!(i18n, tg_bu_subtotal)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || 0..n.get() key=|i| *i let:i>
                            <tr data-testid=format!("tg-bu-new-{i}")>
                                <td>
                                    <input
                                        class="cell-input"
                                        data-testid=format!("tg-bu-new-class-{i}")
                                        aria-label=move || format!("{} {}", t_string!(i18n, tg_bu_class), i + 1)
                                        prop:value=move || rows.with(|r| r.get(i).map(|x| x.class.clone()).unwrap_or_default())
                                        on:change=move |e| { let v = event_target_value(&e).trim().to_string(); edit(i, &|r| r.class = v.clone()) }
                                    />
                                </td>
                                <td class="num">
                                    <input
                                        class="cell-input num"
                                        inputmode="numeric"
                                        data-testid=format!("tg-bu-new-count-{i}")
                                        aria-label=move || format!("{} {}", t_string!(i18n, tg_bu_count), i + 1)
                                        prop:value=move || rows.with(|r| r.get(i).map(|x| x.count.to_string()).unwrap_or_default())
                                        on:change={move |e| match event_target_value(&e).trim().parse::<u32>() {
                                            Ok(c) if c <= 100_000 => { error.set(None); edit(i, &|r| r.count = c) }
                                            _ => error.set(Some(lang.get_untracked().pick("客户数须是 0 到 100000 的整数。", "The count is a whole number from 0 to 100,000.").into())),
                                        }}
                                    />
                                </td>
                                <td class="num">
                                    <input
                                        class="cell-input num"
                                        inputmode="decimal"
                                        data-testid=format!("tg-bu-new-sales-{i}")
                                        aria-label=move || format!("{} {}", t_string!(i18n, tg_bu_first_year), i + 1)
                                        prop:value=move || rows.with(|r| r.get(i).map(|x| x.first_year.to_grouped_string()).unwrap_or_default())
                                        on:change={move |e| match parse_amount(&event_target_value(&e)) {
                                            Some(m) if m.0 >= 0 && m.0 <= 1_000_000_000 * 10_000 => { error.set(None); edit(i, &|r| r.first_year = m) }
                                            _ => error.set(Some(lang.get_untracked().pick("首年销售额须为 0 到 10 亿元之间的金额。", "First-year sales are an amount from 0 to 1,000,000,000 yuan.").into())),
                                        }}
                                    />
                                </td>
                                <td class="num">{move || rows.with(|r| r.get(i).map(|x| measure_text(Money(x.first_year.0.saturating_mul(i64::from(x.count))), measure.get(), lang.get()))).unwrap_or_default()}</td>
                                <td class="row-actions">
                                    <button data-testid=format!("tg-bu-new-remove-{i}") aria-label=move || format!("{} {}", t_string!(i18n, tg_bridge_remove), i + 1)
                                        on:click=move |_| change(ctx, |b| { if i < b.new_customers.len() { b.new_customers.remove(i); } })>
                                        <span aria-hidden="true">"✕"</span>
                                    </button>
                                </td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="actions">
                <button data-testid="tg-bu-new-add" on:click=move |_| change(ctx, |b| b.new_customers.push(NewCustomers { class: String::new(), count: 1, first_year: Money::ZERO }))>
                    {move || format!("+ {}", t_string!(i18n, tg_bu_add_class))}
                </button>
            </div>
        </div>
    }
}

/// The Ansoff grid: opportunities in each quadrant of products × markets.
#[component]
fn AnsoffCard(ctx: TargetsContext, measure: Memo<Measure>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let opps = Memo::new(move |_| ctx.shown.with(|p| p.bottom_up.opportunities.clone()));
    let error = RwSignal::new(None::<String>);
    view! {
        <div class="card" data-testid="tg-bu-ansoff">
            <h4>{t!(i18n, tg_bu_ansoff)}</h4>
            <p class="muted small">{t!(i18n, tg_bu_ansoff_hint)}</p>
            {move || error.get().map(|m| view! { <div class="field-error" role="alert" data-testid="tg-bu-opp-error">{m}</div> })}
            <div class="ansoff">
                {Ansoff::ALL
                    .into_iter()
                    .map(|q| {
                        let items = Memo::new(move |_| {
                            opps.with(|o| o.iter().enumerate().filter(|(_, x)| x.quadrant == q).map(|(i, _)| i).collect::<Vec<_>>())
                        });
                        view! {
                            <section class="quadrant" data-testid=format!("tg-ansoff-{}", q.code())>
                                <h5>{move || q.label(lang.get())}</h5>
                                <p class="num small" data-testid=format!("tg-ansoff-total-{}", q.code())>{move || {
                                    let total: Money = opps.with(|o| o.iter().filter(|x| x.quadrant == q).map(|x| x.amount).sum());
                                    measure_text(total, measure.get(), lang.get())
                                }}</p>
                                <For each=move || items.get() key=|i| *i let:i>
                                    <div class="opportunity">
                                        <input
                                            class="cell-input"
                                            data-testid="tg-opp-name"
                                            placeholder=move || lang.get().pick("机会名称", "Opportunity")
                                            aria-label=move || t_string!(i18n, tg_bridge_name).to_string()
                                            prop:value=move || opps.with(|o| o.get(i).map(|x| x.name.clone()).unwrap_or_default())
                                            on:change=move |e| { let v = event_target_value(&e).trim().to_string(); change(ctx, |b| if let Some(x) = b.opportunities.get_mut(i) { x.name = v; }) }
                                        />
                                        <input
                                            class="cell-input num"
                                            inputmode="decimal"
                                            data-testid="tg-opp-amount"
                                            placeholder=move || lang.get().pick("预计销售额（元）", "Expected sales (yuan)")
                                            aria-label=move || format!("{} ({})", t_string!(i18n, tg_bu_opp_amount), lang.get().pick("元", "yuan"))
                                            prop:value=move || opps.with(|o| o.get(i).map(|x| x.amount.to_grouped_string()).unwrap_or_default())
                                            on:change={move |e| match parse_amount(&event_target_value(&e)) {
                                                Some(m) if m.0 >= 0 && m.0 <= 1_000_000_000_000 * 10_000 => { error.set(None); change(ctx, |b| if let Some(x) = b.opportunities.get_mut(i) { x.amount = m; }) }
                                                _ => error.set(Some(lang.get_untracked().pick("金额须为不小于 0 的数字（元）。", "The amount is a number of yuan, not below 0.").into())),
                                            }}
                                        />
                                        <button class="icon" aria-label=move || t_string!(i18n, tg_bridge_remove).to_string()
                                            on:click=move |_| change(ctx, |b| { if i < b.opportunities.len() { b.opportunities.remove(i); } })>
                                            <span aria-hidden="true">"✕"</span>
                                        </button>
                                    </div>
                                </For>
                                <button data-testid=format!("tg-ansoff-add-{}", q.code())
                                    on:click=move |_| change(ctx, |b| b.opportunities.push(Opportunity { quadrant: q, name: String::new(), amount: Money::ZERO }))>
                                    {move || format!("+ {}", t_string!(i18n, tg_bu_add_opp))}
                                </button>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}
