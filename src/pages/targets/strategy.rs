//! The strategy layer (策略层): SWOT → TOWS → OGSM with live validation, and the execution
//! checklist (执行层面). Every change is one undoable step; the gaps are listed as they appear.

use leptos::prelude::*;
use sandtable_core::Date;
use sandtable_core::targets::{
    ExecutionArea, ExecutionItem, FourP, Goal, MeasureItem, Strategy as Layer, StrategyItem,
    SwotItem, SwotKind, TowsItem, TowsKind, TreeNode, validate_strategy,
};

use super::shared::TargetsContext;
use crate::context::use_lang;
use crate::i18n::*;

/// Changes the strategy layer by `f` as one undoable step.
fn change(ctx: TargetsContext, f: impl FnOnce(&mut Layer)) {
    ctx.update(|p| f(&mut p.strategy));
}

#[component]
pub fn Strategy(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let layer = Memo::new(move |_| ctx.shown.with(|p| p.strategy.clone()));
    let issues = Memo::new(move |_| layer.with(validate_strategy));
    view! {
        <div class="card" data-testid="tg-strategy">
            <h3>{t!(i18n, tg_st_title)}" · "{move || ctx.year.get()}</h3>
            <p class="muted small">{t!(i18n, tg_st_hint)}</p>
            <div class="validation" data-testid="tg-st-issues" data-count=move || issues.with(Vec::len).to_string() role="status" aria-live="polite">
                {move || {
                    let list = issues.get();
                    if list.is_empty() {
                        view! { <p class="ok" data-testid="tg-st-ok">"✓ "{t!(i18n, tg_st_complete)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="issues">
                                {list.into_iter().map(|i| view! { <li>"⚠ "{i.message(lang.get())}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </div>
        </div>
        <SwotCard ctx=ctx layer=layer />
        <TowsCard ctx=ctx layer=layer />
        <OgsmCard ctx=ctx layer=layer />
        <ExecutionCard ctx=ctx layer=layer />
    }
}

/// A text field that stores its value on change.
#[component]
fn TextField(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] label: Signal<String>,
    test_id: String,
    on_set: impl Fn(String) + 'static,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    view! {
        <input
            class="cell-input"
            class:wide=wide
            autocomplete="off"
            data-testid=test_id
            aria-label=label
            prop:value=value
            on:change=move |e| on_set(event_target_value(&e).trim().to_string())
        />
    }
}

/// A remove button for row `i` of a list.
#[component]
fn RemoveButton(test_id: String, on_remove: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button class="icon" data-testid=test_id aria-label=move || t_string!(i18n, tg_bridge_remove).to_string() on:click=move |_| on_remove()>
            <span aria-hidden="true">"✕"</span>
        </button>
    }
}

#[component]
fn SwotCard(ctx: TargetsContext, layer: Memo<Layer>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <div class="card" data-testid="tg-swot">
            <h4>"SWOT"</h4>
            <div class="quadrants">
                {SwotKind::ALL
                    .into_iter()
                    .map(|k| {
                        let items = Memo::new(move |_| layer.with(|l| l.swot.iter().enumerate().filter(|(_, x)| x.kind == k).map(|(i, _)| i).collect::<Vec<_>>()));
                        view! {
                            <section class="quadrant" data-testid=format!("tg-swot-{}", k.code())>
                                <h5>{move || k.label(lang.get())}</h5>
                                <For each=move || items.get() key=|i| *i let:i>
                                    <div class="item">
                                        <TextField
                                            value=Signal::derive(move || layer.with(|l| l.swot.get(i).map(|x| x.text.clone()).unwrap_or_default()))
                                            label=Signal::derive(move || k.label(lang.get()).to_string())
                                            test_id="tg-swot-text".to_string()
                                            on_set=move |v| change(ctx, |l| if let Some(x) = l.swot.get_mut(i) { x.text = v; })
                                            wide=true
                                        />
                                        <RemoveButton test_id="tg-swot-remove".to_string() on_remove=move || change(ctx, |l| sandtable_core::targets::strategy::remove_swot(l, i)) />
                                    </div>
                                </For>
                                <button data-testid=format!("tg-swot-add-{}", k.code()) on:click=move |_| change(ctx, |l| l.swot.push(SwotItem { kind: k, text: String::new() }))>
                                    {move || format!("+ {}", t_string!(i18n, tg_st_add))}
                                </button>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

#[component]
fn TowsCard(ctx: TargetsContext, layer: Memo<Layer>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <div class="card" data-testid="tg-tows">
            <h4>"TOWS"</h4>
            <p class="muted small">{t!(i18n, tg_st_tows_hint)}</p>
            <div class="quadrants">
                {TowsKind::ALL
                    .into_iter()
                    .map(|k| {
                        let items = Memo::new(move |_| layer.with(|l| l.tows.iter().enumerate().filter(|(_, x)| x.kind == k).map(|(i, _)| i).collect::<Vec<_>>()));
                        view! {
                            <section class="quadrant" data-testid=format!("tg-tows-{}", k.code())>
                                <h5>{move || k.label(lang.get())}</h5>
                                <For each=move || items.get() key=|i| *i let:i>
                                    <div class="item column">
                                        <div class="item">
                                            <TextField
                                                value=Signal::derive(move || layer.with(|l| l.tows.get(i).map(|x| x.text.clone()).unwrap_or_default()))
                                                label=Signal::derive(move || k.label(lang.get()).to_string())
                                                test_id="tg-tows-text".to_string()
                                                on_set=move |v| change(ctx, |l| if let Some(x) = l.tows.get_mut(i) { x.text = v; })
                                                wide=true
                                            />
                                            <RemoveButton test_id="tg-tows-remove".to_string() on_remove=move || change(ctx, |l| { if i < l.tows.len() { l.tows.remove(i); } }) />
                                        </div>
                                        <div class="links">
                                            {move || {
                                                let l = layer.get();
                                                let from = l.tows.get(i).map(|t| t.from.clone()).unwrap_or_default();
                                                l.swot
                                                    .iter()
                                                    .enumerate()
                                                    .filter(|(_, s)| k.crosses().contains(&s.kind) && !s.text.is_empty())
                                                    .map(|(si, s)| {
                                                        let on = from.contains(&si);
                                                        view! {
                                                            <label class="check">
                                                                <input type="checkbox" data-testid="tg-tows-from" prop:checked=on
                                                                    on:change=move |_| change(ctx, |l| if let Some(t) = l.tows.get_mut(i) {
                                                                        if on { t.from.retain(|&x| x != si) } else { t.from.push(si); t.from.sort_unstable(); }
                                                                    }) />
                                                                {format!("{} {}", s.kind.code().to_uppercase(), s.text)}
                                                            </label>
                                                        }
                                                    })
                                                    .collect_view()
                                            }}
                                        </div>
                                    </div>
                                </For>
                                <button data-testid=format!("tg-tows-add-{}", k.code()) on:click=move |_| change(ctx, |l| l.tows.push(TowsItem { kind: k, text: String::new(), from: Vec::new() }))>
                                    {move || format!("+ {}", t_string!(i18n, tg_st_add))}
                                </button>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// The tree nodes a goal can be linked to.
const GOAL_NODES: [TreeNode; 8] = [
    TreeNode::Revenue,
    TreeNode::Volume,
    TreeNode::AveragePrice,
    TreeNode::ActiveCustomers,
    TreeNode::RevenuePerCustomer,
    TreeNode::GrossProfit,
    TreeNode::GrossMargin,
    TreeNode::MarketShare,
];

#[component]
fn OgsmCard(ctx: TargetsContext, layer: Memo<Layer>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let goals_n = Memo::new(move |_| layer.with(|l| l.goals.len()));
    let strategies_n = Memo::new(move |_| layer.with(|l| l.strategies.len()));
    let measures_n = Memo::new(move |_| layer.with(|l| l.measures.len()));
    let date_error = RwSignal::new(None::<String>);
    view! {
        <div class="card" data-testid="tg-ogsm">
            <h4>"OGSM"</h4>
            <label class="field">
                <span>{t!(i18n, tg_st_objective)}</span>
                <TextField
                    value=Signal::derive(move || layer.with(|l| l.objective.clone()))
                    label=Signal::derive(move || t_string!(i18n, tg_st_objective).to_string())
                    test_id="tg-ogsm-objective".to_string()
                    on_set=move |v| change(ctx, |l| l.objective = v)
                    wide=true
                />
            </label>
            <h5>{t!(i18n, tg_st_goals)}</h5>
            <div class="table-wrap">
                <table class="grid ogsm">
                    <thead><tr><th scope="col">"#"</th><th scope="col">{t!(i18n, tg_st_goal)}</th><th scope="col">{t!(i18n, tg_st_node)}</th><th scope="col">{t!(i18n, tg_target)}</th><th scope="col"></th></tr></thead>
                    <tbody>
                        <For each=move || 0..goals_n.get() key=|i| *i let:i>
                            <tr data-testid=format!("tg-goal-{i}")>
                                <td>{format!("G{}", i + 1)}</td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.goals.get(i).map(|g| g.text.clone()).unwrap_or_default())) label=Signal::derive(move || format!("G{}", i + 1)) test_id=format!("tg-goal-text-{i}") on_set=move |v| change(ctx, |l| if let Some(g) = l.goals.get_mut(i) { g.text = v; }) wide=true /></td>
                                <td>
                                    <select data-testid=format!("tg-goal-node-{i}") aria-label=move || format!("G{} {}", i + 1, t_string!(i18n, tg_st_node))
                                        on:change=move |e| {
                                            let code = event_target_value(&e);
                                            let node = GOAL_NODES.iter().find(|n| n.code() == code).cloned();
                                            change(ctx, |l| if let Some(g) = l.goals.get_mut(i) { g.node = node; })
                                        }>
                                        {move || {
                                            let current = layer.with(|l| l.goals.get(i).and_then(|g| g.node.clone()));
                                            let l = lang.get();
                                            std::iter::once(view! { <option value="" selected=current.is_none()>"—"</option> }.into_any())
                                                .chain(GOAL_NODES.iter().map(|n| {
                                                    let sel = current.as_ref() == Some(n);
                                                    view! { <option value=n.code() selected=sel>{n.label(l)}</option> }.into_any()
                                                }))
                                                .collect_view()
                                        }}
                                    </select>
                                </td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.goals.get(i).map(|g| g.target.clone()).unwrap_or_default())) label=Signal::derive(move || format!("G{} {}", i + 1, t_string!(i18n, tg_target))) test_id=format!("tg-goal-target-{i}") on_set=move |v| change(ctx, |l| if let Some(g) = l.goals.get_mut(i) { g.target = v; }) /></td>
                                <td><RemoveButton test_id=format!("tg-goal-remove-{i}") on_remove=move || change(ctx, |l| sandtable_core::targets::strategy::remove_goal(l, i)) /></td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <button data-testid="tg-goal-add" on:click=move |_| change(ctx, |l| l.goals.push(Goal { text: String::new(), node: None, target: String::new() }))>{move || format!("+ {}", t_string!(i18n, tg_st_goal))}</button>
            <h5>{t!(i18n, tg_st_strategies)}</h5>
            <div class="table-wrap">
                <table class="grid ogsm">
                    <thead><tr><th scope="col">"#"</th><th scope="col">{t!(i18n, tg_st_strategy)}</th><th scope="col">"4P"</th><th scope="col">{t!(i18n, tg_st_serves)}</th><th scope="col"></th></tr></thead>
                    <tbody>
                        <For each=move || 0..strategies_n.get() key=|i| *i let:i>
                            <tr data-testid=format!("tg-strategy-{i}")>
                                <td>{format!("S{}", i + 1)}</td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.strategies.get(i).map(|s| s.text.clone()).unwrap_or_default())) label=Signal::derive(move || format!("S{}", i + 1)) test_id=format!("tg-strategy-text-{i}") on_set=move |v| change(ctx, |l| if let Some(s) = l.strategies.get_mut(i) { s.text = v; }) wide=true /></td>
                                <td>
                                    <select data-testid=format!("tg-strategy-p-{i}") aria-label=move || format!("S{} 4P", i + 1)
                                        on:change=move |e| { let p = FourP::from_code(&event_target_value(&e)); change(ctx, |l| if let Some(s) = l.strategies.get_mut(i) { s.p = p; }) }>
                                        {move || {
                                            let current = layer.with(|l| l.strategies.get(i).and_then(|s| s.p));
                                            let l = lang.get();
                                            std::iter::once(view! { <option value="" selected=current.is_none()>"—"</option> }.into_any())
                                                .chain(FourP::ALL.into_iter().map(|p| view! { <option value=p.code() selected=current == Some(p)>{p.label(l)}</option> }.into_any()))
                                                .collect_view()
                                        }}
                                    </select>
                                </td>
                                <td class="links">
                                    {move || {
                                        let l = layer.get();
                                        let on: Vec<usize> = l.strategies.get(i).map(|s| s.goals.clone()).unwrap_or_default();
                                        (0..l.goals.len())
                                            .map(|g| {
                                                let checked = on.contains(&g);
                                                view! {
                                                    <label class="check">
                                                        <input type="checkbox" data-testid=format!("tg-strategy-goal-{i}-{g}") prop:checked=checked
                                                            on:change=move |_| change(ctx, |l| if let Some(s) = l.strategies.get_mut(i) {
                                                                if checked { s.goals.retain(|&x| x != g) } else { s.goals.push(g); s.goals.sort_unstable(); }
                                                            }) />
                                                        {format!("G{}", g + 1)}
                                                    </label>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </td>
                                <td><RemoveButton test_id=format!("tg-strategy-remove-{i}") on_remove=move || change(ctx, |l| sandtable_core::targets::strategy::remove_strategy(l, i)) /></td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <button data-testid="tg-strategy-add" on:click=move |_| change(ctx, |l| l.strategies.push(StrategyItem { text: String::new(), p: None, goals: Vec::new() }))>{move || format!("+ {}", t_string!(i18n, tg_st_strategy))}</button>
            <h5>{t!(i18n, tg_st_measures)}</h5>
            {move || date_error.get().map(|m| view! { <div class="field-error" role="alert" data-testid="tg-measure-error">{m}</div> })}
            <div class="table-wrap">
                <table class="grid ogsm">
                    <thead><tr><th scope="col">"#"</th><th scope="col">{t!(i18n, tg_st_strategy)}</th><th scope="col">"KPI"</th><th scope="col">{t!(i18n, tg_target)}</th><th scope="col">{t!(i18n, tg_st_owner)}</th><th scope="col">{t!(i18n, tg_st_due)}</th><th scope="col"></th></tr></thead>
                    <tbody>
                        <For each=move || 0..measures_n.get() key=|i| *i let:i>
                            <tr data-testid=format!("tg-measure-{i}")>
                                <td>{format!("M{}", i + 1)}</td>
                                <td>
                                    <select data-testid=format!("tg-measure-strategy-{i}") aria-label=move || format!("M{} {}", i + 1, t_string!(i18n, tg_st_strategy))
                                        on:change={move |e| if let Ok(s) = event_target_value(&e).parse::<usize>() { change(ctx, |l| if let Some(m) = l.measures.get_mut(i) { m.strategy = s; }) }}>
                                        {move || {
                                            let l = layer.get();
                                            let current = l.measures.get(i).map(|m| m.strategy);
                                            l.strategies.iter().enumerate().map(|(s, st)| {
                                                let name = if st.text.is_empty() { format!("S{}", s + 1) } else { format!("S{} {}", s + 1, st.text) };
                                                view! { <option value=s.to_string() selected=current == Some(s)>{name}</option> }
                                            }).collect_view()
                                        }}
                                    </select>
                                </td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.measures.get(i).map(|m| m.kpi.clone()).unwrap_or_default())) label=Signal::derive(move || format!("M{} KPI", i + 1)) test_id=format!("tg-measure-kpi-{i}") on_set=move |v| change(ctx, |l| if let Some(m) = l.measures.get_mut(i) { m.kpi = v; }) /></td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.measures.get(i).map(|m| m.target.clone()).unwrap_or_default())) label=Signal::derive(move || format!("M{} {}", i + 1, t_string!(i18n, tg_target))) test_id=format!("tg-measure-target-{i}") on_set=move |v| change(ctx, |l| if let Some(m) = l.measures.get_mut(i) { m.target = v; }) /></td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.measures.get(i).map(|m| m.owner.clone()).unwrap_or_default())) label=Signal::derive(move || format!("M{} {}", i + 1, t_string!(i18n, tg_st_owner))) test_id=format!("tg-measure-owner-{i}") on_set=move |v| change(ctx, |l| if let Some(m) = l.measures.get_mut(i) { m.owner = v; }) /></td>
                                <td>
                                    <input type="date" class="cell-input" data-testid=format!("tg-measure-due-{i}") aria-label=move || format!("M{} {}", i + 1, t_string!(i18n, tg_st_due))
                                        prop:value=move || layer.with(|l| l.measures.get(i).and_then(|m| m.due).map(|d| d.to_string()).unwrap_or_default())
                                        on:change=move |e| {
                                            let text = event_target_value(&e);
                                            if text.trim().is_empty() {
                                                date_error.set(None);
                                                change(ctx, |l| if let Some(m) = l.measures.get_mut(i) { m.due = None; });
                                            } else if let Some(d) = Date::parse_iso(text.trim()) {
                                                date_error.set(None);
                                                change(ctx, |l| if let Some(m) = l.measures.get_mut(i) { m.due = Some(d); });
                                            } else {
                                                date_error.set(Some(lang.get_untracked().pick("日期格式为 YYYY-MM-DD。", "Dates are YYYY-MM-DD.").into()));
                                            }
                                        } />
                                </td>
                                <td><RemoveButton test_id=format!("tg-measure-remove-{i}") on_remove=move || change(ctx, |l| { if i < l.measures.len() { l.measures.remove(i); } }) /></td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            {move || (strategies_n.get() > 0).then(|| view! {
                <button data-testid="tg-measure-add" on:click=move |_| change(ctx, |l| {
                    let s = l.strategies.len().saturating_sub(1);
                    l.measures.push(MeasureItem { strategy: s, kpi: String::new(), target: String::new(), owner: String::new(), due: None })
                })>{move || format!("+ {}", t_string!(i18n, tg_st_measure))}</button>
            })}
        </div>
    }
}

#[component]
fn ExecutionCard(ctx: TargetsContext, layer: Memo<Layer>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let n = Memo::new(move |_| layer.with(|l| l.execution.len()));
    let done = Memo::new(move |_| layer.with(|l| l.execution.iter().filter(|e| e.done).count()));
    view! {
        <div class="card" data-testid="tg-execution">
            <h4>{t!(i18n, tg_st_execution)}" "<span class="muted small" data-testid="tg-execution-done">{move || format!("{}/{}", done.get(), n.get())}</span></h4>
            <div class="table-wrap">
                <table class="grid ogsm">
                    <thead><tr><th scope="col">{t!(i18n, tg_st_done)}</th><th scope="col">{t!(i18n, tg_st_area)}</th><th scope="col">{t!(i18n, tg_st_action)}</th><th scope="col">{t!(i18n, tg_st_number)}</th><th scope="col">{t!(i18n, tg_st_owner)}</th><th scope="col"></th></tr></thead>
                    <tbody>
                        <For each=move || 0..n.get() key=|i| *i let:i>
                            <tr data-testid=format!("tg-exec-{i}")>
                                <td>
                                    <input type="checkbox" class="big-check" data-testid=format!("tg-exec-done-{i}") aria-label=move || t_string!(i18n, tg_st_done).to_string()
                                        prop:checked=move || layer.with(|l| l.execution.get(i).is_some_and(|e| e.done))
                                        on:change=move |e| { let on = event_target_checked(&e); change(ctx, |l| if let Some(x) = l.execution.get_mut(i) { x.done = on; }) } />
                                </td>
                                <td>
                                    <select data-testid=format!("tg-exec-area-{i}") aria-label=move || t_string!(i18n, tg_st_area).to_string()
                                        on:change=move |e| if let Some(a) = ExecutionArea::from_code(&event_target_value(&e)) { change(ctx, |l| if let Some(x) = l.execution.get_mut(i) { x.area = a; }) }>
                                        {move || {
                                            let current = layer.with(|l| l.execution.get(i).map(|e| e.area));
                                            let l = lang.get();
                                            ExecutionArea::ALL.into_iter().map(|a| view! { <option value=a.code() selected=current == Some(a)>{a.label(l)}</option> }).collect_view()
                                        }}
                                    </select>
                                </td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.execution.get(i).map(|e| e.text.clone()).unwrap_or_default())) label=Signal::derive(move || t_string!(i18n, tg_st_action).to_string()) test_id=format!("tg-exec-text-{i}") on_set=move |v| change(ctx, |l| if let Some(x) = l.execution.get_mut(i) { x.text = v; }) wide=true /></td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.execution.get(i).map(|e| e.number.clone()).unwrap_or_default())) label=Signal::derive(move || t_string!(i18n, tg_st_number).to_string()) test_id=format!("tg-exec-number-{i}") on_set=move |v| change(ctx, |l| if let Some(x) = l.execution.get_mut(i) { x.number = v; }) /></td>
                                <td><TextField value=Signal::derive(move || layer.with(|l| l.execution.get(i).map(|e| e.owner.clone()).unwrap_or_default())) label=Signal::derive(move || t_string!(i18n, tg_st_owner).to_string()) test_id=format!("tg-exec-owner-{i}") on_set=move |v| change(ctx, |l| if let Some(x) = l.execution.get_mut(i) { x.owner = v; }) /></td>
                                <td><RemoveButton test_id=format!("tg-exec-remove-{i}") on_remove=move || change(ctx, |l| { if i < l.execution.len() { l.execution.remove(i); } }) /></td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="actions">
                {ExecutionArea::ALL.into_iter().map(|a| view! {
                    <button data-testid=format!("tg-exec-add-{}", a.code()) on:click=move |_| change(ctx, |l| l.execution.push(ExecutionItem { area: a, text: String::new(), number: String::new(), owner: String::new(), done: false }))>
                        {move || format!("+ {}", a.label(lang.get()))}
                    </button>
                }).collect_view()}
            </div>
        </div>
    }
}
