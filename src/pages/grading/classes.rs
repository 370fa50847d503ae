//! The product classes of the profitability matrix (产品分类): by gross margin with GM % cut
//! points typed in one field, or chosen per product (seeded from the product master's
//! categories). Every change is one undoable `SetProfitConfig`; a refused field keeps what is
//! stored and says why beside it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use sandtable_core::grading::{
    ProductClassRule, ProfitConfig, class_bounds_text, classes_from_categories, custom_class_names,
    parse_class_bounds, set_product_class,
};
use sandtable_core::{Edit, GradingEdit};

use crate::context::use_lang;
use crate::i18n::*;
use crate::state::AppState;

/// The class rule editor above the matrix; `config` is the stored configuration.
#[component]
pub fn ClassRuleEditor(config: Memo<ProfitConfig>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let put = move |rule: ProductClassRule| {
        let mut c = config.get_untracked();
        c.classes = rule;
        state.edit(Edit::Grading(GradingEdit::SetProfitConfig {
            config: Some(c),
        }));
    };
    let custom =
        Memo::new(move |_| config.with(|c| matches!(c.classes, ProductClassRule::Custom { .. })));
    let (bounds_error, set_bounds_error) = signal(None::<String>);
    let products = Memo::new(move |_| {
        state.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.products
                        .iter()
                        .map(|p| (p.id.clone(), p.name.clone(), p.category.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let assigned = Memo::new(move |_| {
        config.with(|c| match &c.classes {
            ProductClassRule::Custom { products } => products.clone(),
            ProductClassRule::ByMargin { .. } => BTreeMap::new(),
        })
    });
    let from_categories = move || {
        let map = state.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| classes_from_categories(&w.products))
                .unwrap_or_default()
        });
        put(ProductClassRule::Custom { products: map });
    };
    let mode_button = move |is_custom: bool| {
        let label = move || {
            if is_custom {
                t_string!(i18n, gr_classes_custom)
            } else {
                t_string!(i18n, gr_classes_by_margin)
            }
        };
        view! {
            <button
                type="button"
                data-testid=if is_custom { "classes-custom" } else { "classes-by-margin" }
                aria-pressed=move || (custom.get() == is_custom).to_string()
                on:click=move |_| {
                    if custom.get_untracked() == is_custom {
                        return;
                    }
                    set_bounds_error.set(None);
                    if is_custom {
                        from_categories();
                    } else {
                        put(ProductClassRule::default());
                    }
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="class-rule" data-testid="class-rule">
            <div class="seg" role="group" aria-label=move || t_string!(i18n, gr_profit_class)>
                {mode_button(false)}
                {mode_button(true)}
            </div>
            <Show
                when=move || custom.get()
                fallback=move || view! {
                    <label class="field">
                        <span>{t!(i18n, gr_classes_bounds)}</span>
                        <input
                            type="text"
                            inputmode="decimal"
                            data-testid="class-bounds"
                            aria-invalid=move || bounds_error.with(Option::is_some).to_string()
                            prop:value=move || config.with(|c| match &c.classes {
                                ProductClassRule::ByMargin { bounds } => class_bounds_text(bounds),
                                ProductClassRule::Custom { .. } => String::new(),
                            })
                            on:change=move |e| match parse_class_bounds(&event_target_value(&e)) {
                                Ok(bounds) => {
                                    set_bounds_error.set(None);
                                    put(ProductClassRule::ByMargin { bounds });
                                }
                                Err(err) => set_bounds_error.set(Some(err.message(lang.get_untracked()))),
                            }
                        />
                        <small class="muted">{t!(i18n, gr_classes_bounds_hint)}</small>
                        {move || bounds_error.get().map(|m| view! { <small class="field-error" role="alert" data-testid="class-bounds-error">{m}</small> })}
                    </label>
                }
            >
                <div class="table-head">
                    <p class="muted small">{t!(i18n, gr_classes_custom_hint)}</p>
                    <button type="button" data-testid="classes-from-categories" on:click=move |_| from_categories()>
                        {t!(i18n, gr_classes_from_categories)}
                    </button>
                </div>
                <datalist id="class-names">
                    {move || assigned.with(custom_class_names).into_iter().map(|n| view! { <option value=n /> }).collect_view()}
                </datalist>
                <div class="table-wrap tall">
                    <table class="grid" data-testid="class-products">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, gr_classes_product)}</th>
                                <th scope="col">{t!(i18n, col_category)}</th>
                                <th scope="col">{t!(i18n, gr_profit_class)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || products.get() key=|p| p.0.clone() let:p>
                                {
                                    let (id, name, category) = p;
                                    let id_for_value = id.clone();
                                    let id_for_change = id.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{name}<br /><small class="muted mono">{id.clone()}</small></th>
                                            <td>{category}</td>
                                            <td>
                                                <input
                                                    type="text"
                                                    list="class-names"
                                                    data-testid=format!("class-of-{id}")
                                                    aria-label=move || t_string!(i18n, gr_profit_class)
                                                    prop:value=move || assigned.with(|a| a.get(&id_for_value).cloned().unwrap_or_default())
                                                    on:change=move |e| {
                                                        let mut map = assigned.get_untracked();
                                                        set_product_class(&mut map, &id_for_change, &event_target_value(&e));
                                                        put(ProductClassRule::Custom { products: map });
                                                    }
                                                />
                                            </td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </div>
    }
}
