//! The indicator tree (指标逻辑树) with goal seek: last year's actual at every node, a target
//! typed at any one node, locks and absorbing children; the tree solves and says what must be
//! true, or why the request is impossible — and then nothing is stored.

use leptos::prelude::*;
use sandtable_core::review::Measure;
use sandtable_core::targets::{
    CustomerAbsorber, Plan, PriceVolumeAbsorber, ProfitAbsorber, RegionAbsorber, TreeInput,
    TreeNode, TreeProblem, TreeSolution, TreeTarget, TreeUnit, parse_amount, parse_tree_entry,
    reallocate, round_to_unit, solve_tree, tree_actuals,
};
use sandtable_core::{Lang, Money};

use super::View;
use super::shared::{LockButton, TargetsContext};
use crate::context::use_lang;
use crate::i18n::*;

/// The rows of the tree: a group heading, or a node at a depth.
#[derive(Clone, PartialEq)]
enum Row {
    Group(String),
    Node(TreeNode, usize),
}

impl Row {
    /// What a row is known by across redraws.
    fn key(&self) -> String {
        match self {
            Row::Group(text) => format!("g:{text}"),
            Row::Node(node, _) => node.code(),
        }
    }
}

#[component]
pub fn Tree(ctx: TargetsContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let plan = ctx.shown;
    let input = Memo::new(move |_| plan.with(|p| p.tree.clone()));
    let market = Memo::new(move |_| plan.with(|p| p.market_size));
    let actuals = Memo::new(move |_| {
        let year = ctx.year.get();
        let m = market.get();
        ctx.frame.with(|f| tree_actuals(f, year - 1, m))
    });
    let solution = Memo::new(move |_| actuals.with(|a| input.with(|i| solve_tree(a, i))));
    // The problem of the last change asked for, which was not stored.
    let refused = RwSignal::new(None::<TreeProblem>);
    let entry_error = RwSignal::new(None::<(String, String)>);
    // Every change of the tree goes through here: solved first, stored only when it solves.
    let change = move |f: &dyn Fn(&mut TreeInput)| {
        let mut next = input.get_untracked();
        f(&mut next);
        match actuals.with_untracked(|a| solve_tree(a, &next)) {
            Ok(_) => {
                refused.set(None);
                let mut p = ctx.working_plan();
                p.tree = next;
                ctx.put(p);
            }
            Err(e) => refused.set(Some(e)),
        }
    };
    let set_entry = move |node: TreeNode, text: String| {
        if node == TreeNode::MarketSize {
            let text = text.trim().to_string();
            let size = if text.is_empty() {
                Ok(None)
            } else {
                match parse_amount(&text) {
                    Some(m) if m.0 > 0 => Ok(Some(m)),
                    _ => Err(t_string!(i18n, tg_tree_market_bad).to_string()),
                }
            };
            match size {
                Ok(size) => {
                    entry_error.set(None);
                    let mut p = ctx.working_plan();
                    let next = tree_actuals_with(ctx, &p, size);
                    match solve_tree(&next, &p.tree) {
                        Ok(_) => {
                            refused.set(None);
                            p.market_size = size;
                            ctx.put(p);
                        }
                        Err(e) => refused.set(Some(e)),
                    }
                }
                Err(m) => entry_error.set(Some((node.code(), m))),
            }
            return;
        }
        match parse_tree_entry(&node, &text) {
            Ok(value) => {
                entry_error.set(None);
                change(&|t| {
                    t.target = Some(TreeTarget {
                        node: node.clone(),
                        value: value.clone(),
                    })
                });
            }
            Err(e) => entry_error.set(Some((node.code(), e.message(lang.get_untracked()).into()))),
        }
    };
    let toggle_lock = move |node: TreeNode| {
        change(&|t| {
            if !t.locked.remove(&node) {
                t.locked.insert(node.clone());
            }
        })
    };
    let rows = Memo::new(move |_| {
        let l = lang.get();
        let mut rows = vec![Row::Node(TreeNode::Revenue, 0)];
        rows.push(Row::Group(format!("= Σ {}", l.pick("区域", "regions"))));
        actuals.with(|a| {
            rows.extend(
                a.regions
                    .iter()
                    .map(|r| Row::Node(TreeNode::Region(r.id.clone()), 2)),
            )
        });
        let rel = |a: TreeNode, op: &str, b: TreeNode| {
            Row::Group(format!("= {} {op} {}", a.label(l), b.label(l)))
        };
        rows.push(rel(TreeNode::Volume, "×", TreeNode::AveragePrice));
        rows.push(Row::Node(TreeNode::Volume, 2));
        rows.push(Row::Node(TreeNode::AveragePrice, 2));
        rows.push(rel(
            TreeNode::ActiveCustomers,
            "×",
            TreeNode::RevenuePerCustomer,
        ));
        rows.push(Row::Node(TreeNode::ActiveCustomers, 2));
        rows.push(Row::Node(TreeNode::RevenuePerCustomer, 2));
        rows.push(Row::Group(format!(
            "{} = {} × {}",
            TreeNode::GrossProfit.label(l),
            TreeNode::Revenue.label(l),
            TreeNode::GrossMargin.label(l)
        )));
        rows.push(Row::Node(TreeNode::GrossProfit, 1));
        rows.push(Row::Node(TreeNode::GrossMargin, 1));
        rows.push(Row::Group(format!(
            "{} = {} ÷ {}",
            TreeNode::MarketShare.label(l),
            TreeNode::Revenue.label(l),
            TreeNode::MarketSize.label(l)
        )));
        rows.push(Row::Node(TreeNode::MarketShare, 1));
        rows.push(Row::Node(TreeNode::MarketSize, 1));
        rows
    });
    // The solved value of the plan's measure, offered as the annual target.
    let proposal = Memo::new(move |_| {
        let measure = plan.with(|p| p.measure);
        let unit = plan.with(|p| p.unit);
        input.with(|i| i.target.is_some()).then_some(())?;
        solution.with(|s| {
            let s = s.as_ref().ok()?;
            let node = match measure {
                Measure::Amount => TreeNode::Revenue,
                Measure::Quantity => TreeNode::Volume,
                Measure::GrossProfit => TreeNode::GrossProfit,
            };
            let v = s.node(&node)?.target?;
            Some(round_to_unit(Money::from_f64(v)?, unit))
        })
    });
    let adopt = move |_| {
        if let Some(total) = proposal.get_untracked() {
            let mut p = ctx.working_plan();
            p.total = Some(total);
            let outcome = ctx.frame.with_untracked(|f| reallocate(f, p));
            ctx.settle(outcome);
        }
    };
    view! {
        <div class="card" data-testid="tg-tree">
            <h3>{t!(i18n, tg_tree_title)}" · "{move || format!("{} → {}", ctx.year.get() - 1, ctx.year.get())}</h3>
            <p class="muted small">{t!(i18n, tg_tree_hint)}</p>
            <Absorbers input=input actuals_regions=Signal::derive(move || actuals.with(|a| a.regions.iter().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>())) change=change />
            {move || refused.get().map(|e| view! { <div class="banner warn" role="alert" data-testid="tg-tree-problem">"⚠ "{e.message(lang.get())}" "{t!(i18n, tg_tree_not_stored)}</div> })}
            {move || solution.get().err().map(|e| view! { <div class="banner warn" role="alert" data-testid="tg-tree-stored-problem">"⚠ "{e.message(lang.get())}</div> })}
            <div class="table-wrap">
                <table class="grid tree" data-testid="tg-tree-table">
                    <caption class="sr-only">{t!(i18n, tg_tree_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, tg_tree_node)}</th>
                            <th scope="col" class="num">{move || format!("{} {}", ctx.year.get() - 1, t_string!(i18n, tg_actual))}</th>
                            <th scope="col" class="num">{move || format!("{} {}", ctx.year.get(), t_string!(i18n, tg_tree_required))}</th>
                            <th scope="col" class="num">{t!(i18n, tg_tree_change)}</th>
                            <th scope="col">{t!(i18n, tg_lock)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        // Rows are keyed so that a row keeps its field (and the focus) while
                        // the solved numbers in it change.
                        <For each=move || rows.get() key=Row::key let:row>
                            {match row {
                                Row::Group(text) => view! { <tr class="group"><th colspan="5" scope="rowgroup">{text}</th></tr> }.into_any(),
                                Row::Node(node, depth) => {
                                    let named = node.clone();
                                    let name = Signal::derive(move || match &named {
                                        TreeNode::Region(id) => actuals.with(|a| {
                                            a.regions.iter().find(|r| &r.id == id).map(|r| r.name.clone()).unwrap_or_else(|| id.clone())
                                        }),
                                        n => n.label(lang.get()),
                                    });
                                    view! {
                                        <NodeRow
                                            node=node
                                            name=name
                                            depth=depth
                                            solution=solution
                                            input=input
                                            entry_error=entry_error
                                            set_entry=set_entry
                                            toggle_lock=toggle_lock
                                        />
                                    }
                                    .into_any()
                                }
                            }}
                        </For>
                    </tbody>
                </table>
            </div>
            <MustBeTrue solution=solution input=input lang=lang />
            <div class="actions">
                {move || input.with(|i| i.target.is_some()).then(|| view! {
                    <button data-testid="tg-tree-clear" on:click=move |_| change(&|t| t.target = None)>{t!(i18n, tg_tree_clear)}</button>
                })}
                {move || proposal.get().map(|total| {
                    let measure = plan.with(|p| p.measure);
                    let text = super::shared::measure_text(total, measure, lang.get());
                    view! {
                        <button class="primary" data-testid="tg-tree-adopt" on:click=adopt>
                            {format!("{} {text}", t_string!(i18n, tg_tree_adopt))}
                        </button>
                    }
                })}
                {move || plan.with(|p| p.total.is_some()).then(|| view! {
                    <a class="button" href=View::Split.href()>{t!(i18n, tg_go_split)}" →"</a>
                })}
            </div>
        </div>
    }
}

/// The actuals the tree would read with another market size.
fn tree_actuals_with(
    ctx: TargetsContext,
    p: &Plan,
    market: Option<Money>,
) -> sandtable_core::targets::TreeActuals {
    ctx.frame
        .with_untracked(|f| tree_actuals(f, p.year - 1, market))
}

/// One node: last year's value, the required value (typed to set the target), the change and
/// the lock.
#[component]
fn NodeRow(
    node: TreeNode,
    name: Signal<String>,
    depth: usize,
    solution: Memo<Result<TreeSolution, TreeProblem>>,
    input: Memo<TreeInput>,
    entry_error: RwSignal<Option<(String, String)>>,
    set_entry: impl Fn(TreeNode, String) + Copy + Send + Sync + 'static,
    toggle_lock: impl Fn(TreeNode) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let unit = node.unit();
    let value_node = node.clone();
    let value = Memo::new(move |_| {
        solution.with(|s| s.as_ref().ok().and_then(|s| s.node(&value_node).cloned()))
    });
    let actual = move || value.with(|v| v.as_ref().and_then(|v| v.actual));
    let target = move || value.with(|v| v.as_ref().and_then(|v| v.target));
    let target_node = node.clone();
    let is_target = Memo::new(move |_| {
        input.with(|i| i.target.as_ref().is_some_and(|t| t.node == target_node))
    });
    let lock_node_memo = node.clone();
    let locked = Memo::new(move |_| input.with(|i| i.locked.contains(&lock_node_memo)));
    let code = node.code();
    let fmt = move |v: Option<f64>| {
        v.map(|v| unit.format(v, lang.get()))
            .unwrap_or_else(|| "—".into())
    };
    let change = move || match (actual(), target()) {
        (Some(a), Some(t)) => unit.format_change(a, t, lang.get()),
        _ => String::new(),
    };
    let edit = move || target().map(|t| unit.edit_text(t)).unwrap_or_default();
    let suffix = match unit {
        TreeUnit::Fraction => "%",
        TreeUnit::Yuan | TreeUnit::Price => "¥",
        _ => "",
    };
    let error_code = code.clone();
    let error = Memo::new(move |_| {
        entry_error.with(|e| {
            e.as_ref()
                .filter(|(c, _)| *c == error_code)
                .map(|(_, m)| m.clone())
        })
    });
    let label = move || format!("{} {}", t_string!(i18n, tg_tree_required), name.get());
    let lock_node = node.clone();
    let entry_node = node.clone();
    view! {
        <tr
            class=format!("depth-{depth}")
            class:is-target=is_target
            class:locked=locked
            data-testid=format!("tg-tree-row-{code}")
            data-target=move || target().map(|t| t.to_string()).unwrap_or_default()
        >
            <th scope="row">
                {move || name.get()}
                {move || is_target.get().then(|| view! { <span class="tag" data-testid="tg-tree-target-mark">{format!(" ◎ {}", t_string!(i18n, tg_target))}</span> })}
            </th>
            <td class="num">{move || fmt(actual())}</td>
            <td class="num">
                <span class="cell-with-unit">
                    <input
                        class="cell-input num"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid=format!("tg-tree-input-{code}")
                        aria-label=label
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:value=edit
                        on:change=move |e| {
                            set_entry(entry_node.clone(), event_target_value(&e));
                            if entry_error.with_untracked(|x| x.is_some()) {
                                return;
                            }
                            // A refused target shows the stored value again.
                            event_target::<web_sys::HtmlInputElement>(&e).set_value(&edit());
                        }
                    />
                    {(suffix == "%").then_some("%")}
                    {move || (suffix == "¥").then(|| lang.get().pick("元", "yuan"))}
                </span>
                {move || error.get().map(|m| view! { <div class="field-error" role="alert" data-testid="tg-tree-entry-error">{m}</div> })}
            </td>
            <td class="num change">{change}</td>
            <td>
                {(node != TreeNode::MarketSize).then(|| view! {
                    <LockButton
                        locked=locked
                        name=name
                        test_id=format!("tg-tree-lock-{code}")
                        on_toggle=move || toggle_lock(lock_node.clone())
                    />
                })}
            </td>
        </tr>
    }
}

/// Which child absorbs each relation.
#[component]
fn Absorbers(
    input: Memo<TreeInput>,
    actuals_regions: Signal<Vec<(String, String)>>,
    change: impl Fn(&dyn Fn(&mut TreeInput)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let region_value = move || match input.with(|i| i.absorbers.regions.clone()) {
        RegionAbsorber::Proportional => String::new(),
        RegionAbsorber::Region(id) => id,
    };
    view! {
        <div class="form-grid" data-testid="tg-tree-absorbers">
            <label class="field">
                <span>{t!(i18n, tg_tree_abs_regions)}</span>
                <select
                    data-testid="tg-tree-abs-regions"
                    prop:value=region_value
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        change(&|t| t.absorbers.regions = if v.is_empty() { RegionAbsorber::Proportional } else { RegionAbsorber::Region(v.clone()) });
                    }
                >
                    <option value="">{t!(i18n, tg_tree_abs_proportional)}</option>
                    {move || actuals_regions.get().into_iter().map(|(id, name)| view! { <option value=id.clone()>{name}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{move || format!("{} × {}", TreeNode::Volume.label(lang.get()), TreeNode::AveragePrice.label(lang.get()))}</span>
                <select
                    data-testid="tg-tree-abs-price-volume"
                    prop:value=move || if input.with(|i| i.absorbers.price_volume) == PriceVolumeAbsorber::Volume { "volume" } else { "price" }
                    on:change=move |e| {
                        let v = if event_target_value(&e) == "price" { PriceVolumeAbsorber::AveragePrice } else { PriceVolumeAbsorber::Volume };
                        change(&|t| t.absorbers.price_volume = v);
                    }
                >
                    <option value="volume">{move || format!("{} {}", TreeNode::Volume.label(lang.get()), t_string!(i18n, tg_tree_moves))}</option>
                    <option value="price">{move || format!("{} {}", TreeNode::AveragePrice.label(lang.get()), t_string!(i18n, tg_tree_moves))}</option>
                </select>
            </label>
            <label class="field">
                <span>{move || format!("{} × {}", TreeNode::ActiveCustomers.label(lang.get()), TreeNode::RevenuePerCustomer.label(lang.get()))}</span>
                <select
                    data-testid="tg-tree-abs-customers"
                    prop:value=move || if input.with(|i| i.absorbers.customers) == CustomerAbsorber::ActiveCustomers { "count" } else { "per" }
                    on:change=move |e| {
                        let v = if event_target_value(&e) == "per" { CustomerAbsorber::RevenuePerCustomer } else { CustomerAbsorber::ActiveCustomers };
                        change(&|t| t.absorbers.customers = v);
                    }
                >
                    <option value="count">{move || format!("{} {}", TreeNode::ActiveCustomers.label(lang.get()), t_string!(i18n, tg_tree_moves))}</option>
                    <option value="per">{move || format!("{} {}", TreeNode::RevenuePerCustomer.label(lang.get()), t_string!(i18n, tg_tree_moves))}</option>
                </select>
            </label>
            <label class="field">
                <span>{move || format!("{} = {} × {}", TreeNode::GrossProfit.label(lang.get()), TreeNode::Revenue.label(lang.get()), TreeNode::GrossMargin.label(lang.get()))}</span>
                <select
                    data-testid="tg-tree-abs-profit"
                    prop:value=move || if input.with(|i| i.absorbers.profit) == ProfitAbsorber::Revenue { "revenue" } else { "margin" }
                    on:change=move |e| {
                        let v = if event_target_value(&e) == "margin" { ProfitAbsorber::GrossMargin } else { ProfitAbsorber::Revenue };
                        change(&|t| t.absorbers.profit = v);
                    }
                >
                    <option value="revenue">{move || format!("{} {}", TreeNode::Revenue.label(lang.get()), t_string!(i18n, tg_tree_moves))}</option>
                    <option value="margin">{move || format!("{} {}", TreeNode::GrossMargin.label(lang.get()), t_string!(i18n, tg_tree_moves))}</option>
                </select>
            </label>
        </div>
    }
}

/// What must be true for the target, one line per node that changes.
#[component]
fn MustBeTrue(
    solution: Memo<Result<TreeSolution, TreeProblem>>,
    input: Memo<TreeInput>,
    lang: Signal<Lang>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lines = Memo::new(move |_| {
        solution.with(|s| {
            s.as_ref()
                .map(|s| s.must_be_true(lang.get()))
                .unwrap_or_default()
        })
    });
    view! {
        <div class="must-be-true" data-testid="tg-tree-must">
            <h4>{t!(i18n, tg_tree_must)}</h4>
            {move || {
                if input.with(|i| i.target.is_none()) {
                    view! { <p class="muted small" data-testid="tg-tree-empty">{t!(i18n, tg_tree_empty)}</p> }.into_any()
                } else if lines.with(Vec::is_empty) {
                    view! { <p class="muted small">{t!(i18n, tg_tree_nothing)}</p> }.into_any()
                } else {
                    view! { <ul>{lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </div>
    }
}
