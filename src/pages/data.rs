//! The Data page: the workspace overview (counts, totals, monthly sales) and the master data
//! (customers, products, regions, salespeople), editable in place and undoable.

use sandtable_core::MasterEdit;
use std::collections::BTreeMap;

use leptos::prelude::*;
use sandtable_core::master::{duplicate_customers, duplicate_products};
use sandtable_core::{
    Customer, CustomerKind, Edit, Lang, Money, Product, Summary, Workspace, format_count,
    format_money,
};

use crate::charts::{self, MonthlyLabels, Palette};
use crate::components::chart::EChart;
use crate::context::use_lang;
use crate::i18n::*;
use crate::prefs::Theme;
use crate::state::AppState;

/// Sales per month over every dataset of a workspace.
fn monthly_amounts(ws: &Workspace) -> Vec<(i32, u32, Money)> {
    let mut months: BTreeMap<(i32, u32), Money> = BTreeMap::new();
    for d in &ws.datasets {
        for (y, m, v) in d.ledger.monthly_amounts() {
            let e = months.entry((y, m)).or_insert(Money::ZERO);
            *e = e.saturating_add(v);
        }
    }
    months.into_iter().map(|((y, m), v)| (y, m, v)).collect()
}

fn gross_profit(ws: &Workspace) -> Option<Money> {
    let parts: Vec<Money> = ws
        .datasets
        .iter()
        .filter_map(|d| d.ledger.total_gross_profit())
        .collect();
    (!parts.is_empty()).then(|| parts.into_iter().sum())
}

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let theme = expect_context::<RwSignal<Theme>>();
    let summary = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.as_ref().map(Workspace::summary).unwrap_or_default())
    });
    let profit = Memo::new(move |_| state.workspace.with(|w| w.as_ref().and_then(gross_profit)));
    let monthly = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.as_ref().map(monthly_amounts).unwrap_or_default())
    });
    let chart = Signal::derive(move || {
        let labels = MonthlyLabels {
            title: t_string!(i18n, chart_monthly_title),
            x_axis: t_string!(i18n, chart_axis_month),
            y_axis: t_string!(i18n, col_amount),
        };
        monthly.with(|m| {
            charts::monthly_sales(
                m,
                lang.get(),
                &labels,
                Palette::for_dark(theme.get() == Theme::Dark),
            )
        })
    });
    let has_rows = move || summary.with(|s| s.rows > 0);
    let count = move |n: usize| format_count(n as u64, lang.get());

    view! {
        <section class="page" aria-labelledby="data-title">
            <h2 class="page-title" id="data-title">
                {t!(i18n, data_title)}
                <small>{t!(i18n, area_data)}</small>
            </h2>
            <div class="section-head">
                <h3 class="section-title">{t!(i18n, data_overview)}</h3>
                <a class="button primary" href="#/import" data-testid="ledger-import-open">"⇪ "{t!(i18n, import_ledger_open)}</a>
            </div>
            <div class="stats">
                {COUNTS
                    .into_iter()
                    .map(|c| {
                        view! {
                            <Stat
                                test_id=c.test_id
                                value=Signal::derive(move || summary.with(|s| (c.pick)(s) as u64))
                                label=Signal::derive(move || (c.label)(i18n))
                                text=Signal::derive(move || count(summary.with(c.pick)))
                                unit=Signal::derive(move || (c.unit)(i18n))
                            />
                        }
                    })
                    .collect_view()}
                <div class="stat wide" data-testid="stat-sales">
                    <span class="stat-label">{t!(i18n, stat_sales)}</span>
                    <span class="stat-value num">{move || format_money(summary.with(|s| s.total_amount), lang.get())}</span>
                    <span class="stat-unit">
                        {move || profit.get().map(|p| format!("{} {}", t_string!(i18n, stat_gross_profit), format_money(p, lang.get())))}
                    </span>
                </div>
                <div class="stat wide" data-testid="stat-period">
                    <span class="stat-label">{t!(i18n, stat_period)}</span>
                    <span class="stat-value num">
                        {move || summary.with(|s| match (s.first_date, s.last_date) {
                            (Some(a), Some(b)) => format!("{a} – {b}"),
                            _ => "—".to_string(),
                        })}
                    </span>
                </div>
            </div>
            <Show when=has_rows fallback=move || view! { <EmptyLedger /> }>
                <div class="card">
                    <EChart chart=chart height=300 label=Signal::derive(move || t_string!(i18n, chart_monthly_title).to_string()) />
                    <details class="chart-numbers">
                        <summary>{t!(i18n, chart_show_numbers)}</summary>
                        <MonthlyTable months=monthly lang=lang />
                    </details>
                </div>
            </Show>
            <MasterData />
        </section>
    }
}

/// One count card of the overview: what it counts, and its label and unit.
#[derive(Clone, Copy)]
struct Count {
    test_id: &'static str,
    pick: fn(&Summary) -> usize,
    label: fn(leptos_i18n::I18nContext<Locale>) -> String,
    unit: fn(leptos_i18n::I18nContext<Locale>) -> String,
}

const COUNTS: [Count; 5] = [
    Count {
        test_id: "stat-rows",
        pick: |s| s.rows,
        label: |i| t_string!(i, stat_rows).to_string(),
        unit: |i| t_string!(i, unit_rows).to_string(),
    },
    Count {
        test_id: "stat-customers",
        pick: |s| s.customers,
        label: |i| t_string!(i, stat_customers).to_string(),
        unit: |i| t_string!(i, unit_count).to_string(),
    },
    Count {
        test_id: "stat-products",
        pick: |s| s.products,
        label: |i| t_string!(i, stat_products).to_string(),
        unit: |i| t_string!(i, unit_count).to_string(),
    },
    Count {
        test_id: "stat-regions",
        pick: |s| s.regions,
        label: |i| t_string!(i, stat_regions).to_string(),
        unit: |i| t_string!(i, unit_count).to_string(),
    },
    Count {
        test_id: "stat-salespeople",
        pick: |s| s.salespeople,
        label: |i| t_string!(i, stat_salespeople).to_string(),
        unit: |i| t_string!(i, unit_people).to_string(),
    },
];

#[component]
fn Stat(
    test_id: &'static str,
    #[prop(into)] value: Signal<u64>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] unit: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="stat" data-testid=test_id data-value=move || value.get().to_string()>
            <span class="stat-label">{move || label.get()}</span>
            <span class="stat-value num">{move || text.get()}</span>
            <span class="stat-unit">{move || unit.get()}</span>
        </div>
    }
}

#[component]
fn MonthlyTable(months: Memo<Vec<(i32, u32, Money)>>, lang: Signal<Lang>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_month)}</th>
                        <th scope="col" class="num">{t!(i18n, col_amount)}" (¥)"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        months
                            .get()
                            .into_iter()
                            .rev()
                            .map(|(y, m, v)| {
                                view! {
                                    <tr>
                                        <td>{format!("{y}-{m:02}")}</td>
                                        <td class="num">{format_money(v, lang.get())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn EmptyLedger() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    view! {
        <div class="empty card" data-testid="empty-ledger">
            <h3>{t!(i18n, empty_ledger_title)}</h3>
            <p>{t!(i18n, empty_ledger_body)}</p>
            <div class="actions">
                <button class="primary" on:click=move |_| state.create_demo()>{t!(i18n, create_demo)}</button>
                <a class="button" href="#/workspaces">{t!(i18n, go_workspaces)}</a>
            </div>
        </div>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Customers,
    Products,
    Regions,
    Salespeople,
}

#[component]
fn MasterData() -> impl IntoView {
    let i18n = use_i18n();
    let tab = RwSignal::new(Tab::Customers);
    let filter = RwSignal::new(String::new());
    let tab_button = move |t: Tab, id: &'static str| {
        let label = move || match t {
            Tab::Customers => t_string!(i18n, tab_customers),
            Tab::Products => t_string!(i18n, tab_products),
            Tab::Regions => t_string!(i18n, tab_regions),
            Tab::Salespeople => t_string!(i18n, tab_salespeople),
        };
        view! {
            <button
                role="tab"
                data-testid=id
                aria-selected=move || (tab.get() == t).to_string()
                class:active=move || tab.get() == t
                on:click=move |_| tab.set(t)
            >
                {label}
            </button>
        }
    };
    view! {
        <h3 class="section-title">{t!(i18n, master_data)}</h3>
        <div class="card">
            <div class="toolbar">
                <div class="tabs" role="tablist">
                    {tab_button(Tab::Customers, "tab-customers")}
                    {tab_button(Tab::Products, "tab-products")}
                    {tab_button(Tab::Regions, "tab-regions")}
                    {tab_button(Tab::Salespeople, "tab-salespeople")}
                </div>
                <input
                    type="search"
                    class="filter"
                    data-testid="master-filter"
                    placeholder=move || t_string!(i18n, filter_placeholder)
                    aria-label=move || t_string!(i18n, filter_placeholder)
                    prop:value=move || filter.get()
                    on:input=move |e| filter.set(event_target_value(&e))
                />
            </div>
            {move || match tab.get() {
                Tab::Customers => view! { <Duplicates products=false /> <CustomerTable filter=filter /> }.into_any(),
                Tab::Products => view! { <Duplicates products=true /> <ProductTable filter=filter /> }.into_any(),
                Tab::Regions => view! { <SimpleTable filter=filter kind=Simple::Regions /> }.into_any(),
                Tab::Salespeople => view! { <SimpleTable filter=filter kind=Simple::Salespeople /> }.into_any(),
            }}
        </div>
    }
}

fn matches(filter: &str, id: &str, name: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || id.to_lowercase().contains(&f) || name.to_lowercase().contains(&f)
}

/// A text cell that commits on Enter or when it loses focus.
#[component]
fn TextCell(
    value: String,
    label: String,
    #[prop(into)] on_commit: Callback<String>,
) -> impl IntoView {
    let original = value.clone();
    let commit = move |v: String| {
        let v = v.trim().to_string();
        if !v.is_empty() && v != original {
            on_commit.run(v);
        }
    };
    let commit2 = commit.clone();
    view! {
        <input
            class="cell-input"
            type="text"
            aria-label=label
            value=value
            on:change=move |e| commit(event_target_value(&e))
            on:keydown=move |e| {
                if e.key() == "Enter" {
                    commit2(event_target_value(&e));
                }
            }
        />
    }
}

/// Groups of customers (or products) whose names differ only in spacing, width or brackets,
/// each with a merge action.
#[component]
fn Duplicates(products: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let groups = Memo::new(move |_| {
        state.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    let groups = if products {
                        duplicate_products(w)
                    } else {
                        duplicate_customers(w)
                    };
                    groups
                        .into_iter()
                        .map(|ids| {
                            ids.into_iter()
                                .map(|id| {
                                    let name = if products {
                                        w.product(&id).map(|p| p.name.clone())
                                    } else {
                                        w.customer(&id).map(|c| c.name.clone())
                                    };
                                    (id, name.unwrap_or_default())
                                })
                                .collect::<Vec<_>>()
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <details class="dup-panel" data-testid="dup-panel" open=move || !groups.with(Vec::is_empty)>
            <summary>
                {move || if products { t_string!(i18n, dup_products_title) } else { t_string!(i18n, dup_title) }}" ("{move || groups.with(Vec::len)}")"
            </summary>
            <Show when=move || !groups.with(Vec::is_empty) fallback=move || view! {
                <p class="muted small">
                    {move || if products { t_string!(i18n, dup_products_none) } else { t_string!(i18n, dup_none) }}
                </p>
            }>
                <p class="muted small">
                    {move || if products { t_string!(i18n, dup_products_hint) } else { t_string!(i18n, dup_hint) }}
                </p>
            </Show>
            <For
                each=move || groups.get()
                key=|g| g.clone()
                children=move |g| {
                    let keep = RwSignal::new(g[0].0.clone());
                    let ids: Vec<String> = g.iter().map(|(id, _)| id.clone()).collect();
                    view! {
                        <div class="dup-group" data-testid="dup-group">
                            <ul>
                                {g.iter().map(|(id, name)| {
                                    let id2 = id.clone();
                                    let id3 = id.clone();
                                    view! {
                                        <li>
                                            <label class="check">
                                                <input
                                                    type="radio"
                                                    name=format!("keep-{}", ids.join("-"))
                                                    prop:checked=move || keep.get() == id2
                                                    on:change=move |_| keep.set(id3.clone())
                                                />
                                                <span>{t!(i18n, dup_keep)}</span>
                                            </label>
                                            <span class="mono">{id.clone()}</span>
                                            " "
                                            <span class="dup-name">"「"{name.clone()}"」"</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <button
                                data-testid="dup-merge"
                                on:click=move |_| {
                                    let k = keep.get_untracked();
                                    let others = ids.iter().filter(|i| **i != k).cloned().collect();
                                    state.edit(if products {
                                        Edit::Master(MasterEdit::MergeProducts { keep: k, others })
                                    } else {
                                        Edit::Master(MasterEdit::MergeCustomers { keep: k, others })
                                    });
                                }
                            >
                                {move || if products { t_string!(i18n, dup_products_merge) } else { t_string!(i18n, dup_merge) }}
                            </button>
                        </div>
                    }
                }
            />
        </details>
    }
}

#[component]
fn CustomerTable(filter: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let regions = Memo::new(move |_| {
        state.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.regions
                        .iter()
                        .map(|r| (r.id.clone(), r.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| {
        let f = filter.get();
        state.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.customers
                        .iter()
                        .filter(|c| matches(&f, &c.id, &c.name))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <p class="muted small">{t!(i18n, rows_shown)}" "{move || rows.with(Vec::len)}</p>
        <div class="table-wrap tall">
            <table class="grid" data-testid="customer-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_id)}</th>
                        <th scope="col">{t!(i18n, col_name)}</th>
                        <th scope="col">{t!(i18n, col_region)}</th>
                        <th scope="col">{t!(i18n, col_kind)}</th>
                        <th scope="col">{t!(i18n, col_tier)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|c: &Customer| (c.id.clone(), c.name.clone(), c.region.clone(), c.kind.code(), c.tier.clone(), 0u8)
                        children=move |c: Customer| {
                            let id = c.id.clone();
                            let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
                            let tier = c.tier.clone().unwrap_or_default();
                            let region = c.region.clone();
                            view! {
                                <tr data-id=id.clone()>
                                    <td class="mono">{id.clone()}</td>
                                    <td>
                                        <TextCell
                                            value=c.name.clone()
                                            label=format!("{} {}", t_string!(i18n, col_name), id)
                                            on_commit=move |name| state.edit(Edit::Master(MasterEdit::SetCustomerName { id: id1.clone(), name }))
                                        />
                                    </td>
                                    <td>
                                        <select
                                            aria-label=t_string!(i18n, col_region)
                                            on:change=move |e| state.edit(Edit::Master(MasterEdit::SetCustomerRegion { id: id2.clone(), region: event_target_value(&e) }))
                                        >
                                            {move || regions.get().into_iter().map(|(rid, name)| {
                                                let selected = rid == region;
                                                view! { <option value=rid selected=selected>{name}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td>
                                        <select
                                            aria-label=t_string!(i18n, col_kind)
                                            on:change=move |e| {
                                                if let Some(kind) = CustomerKind::from_code(&event_target_value(&e)) {
                                                    state.edit(Edit::Master(MasterEdit::SetCustomerKind { id: id3.clone(), kind }));
                                                }
                                            }
                                        >
                                            {CustomerKind::ALL.into_iter().map(|k| {
                                                view! { <option value=k.code() selected=k == c.kind>{move || k.label(lang.get())}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td>
                                        <select
                                            aria-label=t_string!(i18n, col_tier)
                                            data-testid="tier-select"
                                            on:change=move |e| {
                                                let v = event_target_value(&e);
                                                state.edit(Edit::Master(MasterEdit::SetCustomerTier { id: id4.clone(), tier: (!v.is_empty()).then_some(v) }));
                                            }
                                        >
                                            <option value="" selected=tier.is_empty()>{t!(i18n, tier_none)}</option>
                                            {["A", "B", "C", "D"].into_iter().map(|g| {
                                                view! { <option value=g selected=tier == g>{g}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty-row">{t!(i18n, empty_master)}</p>
            </Show>
        </div>
    }
}

#[component]
fn ProductTable(filter: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let rows = Memo::new(move |_| {
        let f = filter.get();
        state.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.products
                        .iter()
                        .filter(|p| matches(&f, &p.id, &p.name))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <p class="muted small">{t!(i18n, rows_shown)}" "{move || rows.with(Vec::len)}</p>
        <div class="table-wrap tall">
            <table class="grid" data-testid="product-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_id)}</th>
                        <th scope="col">{t!(i18n, col_name)}</th>
                        <th scope="col">{t!(i18n, col_category)}</th>
                        <th scope="col" class="num">{t!(i18n, col_price)}</th>
                        <th scope="col">{t!(i18n, col_launched)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|p: &Product| (p.id.clone(), p.name.clone(), p.category.clone())
                        children=move |p: Product| {
                            let (id1, id2) = (p.id.clone(), p.id.clone());
                            view! {
                                <tr data-id=p.id.clone()>
                                    <td class="mono">{p.id.clone()}</td>
                                    <td>
                                        <TextCell
                                            value=p.name.clone()
                                            label=format!("{} {}", t_string!(i18n, col_name), p.id)
                                            on_commit=move |name| state.edit(Edit::Master(MasterEdit::SetProductName { id: id1.clone(), name }))
                                        />
                                    </td>
                                    <td>
                                        <TextCell
                                            value=p.category.clone()
                                            label=format!("{} {}", t_string!(i18n, col_category), p.id)
                                            on_commit=move |category| state.edit(Edit::Master(MasterEdit::SetProductCategory { id: id2.clone(), category }))
                                        />
                                    </td>
                                    <td class="num">{move || p.price.map(|m| format_money(m, lang.get())).unwrap_or_else(|| "—".into())}</td>
                                    <td>{p.launched.map(|d| d.to_string()).unwrap_or_default()}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simple {
    Regions,
    Salespeople,
}

#[component]
fn SimpleTable(filter: RwSignal<String>, kind: Simple) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    // (id, name, region name)
    let rows = Memo::new(move |_| {
        let f = filter.get();
        state.workspace.with(|w| {
            let Some(w) = w.as_ref() else {
                return Vec::new();
            };
            let region_name = |id: &str| w.region(id).map(|r| r.name.clone()).unwrap_or_default();
            match kind {
                Simple::Regions => w
                    .regions
                    .iter()
                    .map(|r| (r.id.clone(), r.name.clone(), String::new()))
                    .collect::<Vec<_>>(),
                Simple::Salespeople => w
                    .salespeople
                    .iter()
                    .map(|s| (s.id.clone(), s.name.clone(), region_name(&s.region)))
                    .collect(),
            }
            .into_iter()
            .filter(|(id, name, _)| matches(&f, id, name))
            .collect()
        })
    });
    view! {
        <div class="table-wrap">
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_id)}</th>
                        <th scope="col">{t!(i18n, col_name)}</th>
                        {(kind == Simple::Salespeople).then(|| view! { <th scope="col">{t!(i18n, col_region)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|r| r.clone()
                        children=move |(id, name, region)| {
                            let id1 = id.clone();
                            view! {
                                <tr>
                                    <td class="mono">{id.clone()}</td>
                                    <td>
                                        <TextCell
                                            value=name
                                            label=format!("{} {}", t_string!(i18n, col_name), id)
                                            on_commit=move |name| {
                                                let id = id1.clone();
                                                state.edit(match kind {
                                                    Simple::Regions => Edit::Master(MasterEdit::SetRegionName { id, name }),
                                                    Simple::Salespeople => Edit::Master(MasterEdit::SetSalespersonName { id, name }),
                                                })
                                            }
                                        />
                                    </td>
                                    {(kind == Simple::Salespeople).then(|| view! { <td>{region.clone()}</td> })}
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
    }
}
