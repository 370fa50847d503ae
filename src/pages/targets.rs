//! The Targets area (目标计划制定, DOMAIN §2): set next year's agreed annual target against last
//! year's actual, answer the five core questions, reconcile the three sources (top-down, trend,
//! bottom-up from customer wallets, new customers and the Ansoff grid), write SWOT → TOWS → OGSM
//! and the execution checklist, see what must be true in the indicator tree, explain the gap step by step in the bridge,
//! split the target over months and dimensions
//! with locks and exact rounding, track it against the ledger, and print or export the plan.
//! Each view is a tab whose name is in the URL (`#/targets?view=split`).

mod bottom_up;
mod bridge;
mod file;
mod grid;
mod print;
mod shared;
mod sources;
mod split;
mod start;
mod strategy;
mod track;
mod tree;

use leptos::prelude::*;

use crate::components::view_tabs::ViewTabs;

use crate::i18n::*;
use crate::route::use_hash_query;

/// The views of the Targets area, in the order a manager uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Start,
    Sources,
    Tree,
    Bridge,
    BottomUp,
    Strategy,
    Split,
    Track,
    Print,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Start,
        View::Sources,
        View::Tree,
        View::Bridge,
        View::BottomUp,
        View::Strategy,
        View::Split,
        View::Track,
        View::Print,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            View::Start => "start",
            View::Tree => "tree",
            View::Bridge => "bridge",
            View::Sources => "sources",
            View::BottomUp => "bottom-up",
            View::Strategy => "strategy",
            View::Split => "split",
            View::Track => "track",
            View::Print => "print",
        }
    }

    /// The view named in a hash query; Start when none or an unknown one is named.
    pub fn from_slug(slug: Option<&str>) -> View {
        View::ALL
            .into_iter()
            .find(|v| Some(v.slug()) == slug)
            .unwrap_or(View::Start)
    }

    pub fn href(self) -> String {
        format!("#/targets?view={}", self.slug())
    }
}

#[component]
pub fn TargetsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_hash_query("view");
    let view = Memo::new(move |_| View::from_slug(query.get().as_deref()));
    let ctx = shared::TargetsContext::provide();
    let label = move |v: View| match v {
        View::Start => t_string!(i18n, tg_tab_start),
        View::Tree => t_string!(i18n, tg_tab_tree),
        View::Bridge => t_string!(i18n, tg_tab_bridge),
        View::Sources => t_string!(i18n, tg_tab_sources),
        View::BottomUp => t_string!(i18n, tg_tab_bottom_up),
        View::Strategy => t_string!(i18n, tg_tab_strategy),
        View::Split => t_string!(i18n, tg_tab_split),
        View::Track => t_string!(i18n, tg_tab_track),
        View::Print => t_string!(i18n, tg_tab_print),
    };
    view! {
        <section class="page" aria-labelledby="targets-title" data-testid="targets-page">
            <h2 class="page-title" id="targets-title">
                {t!(i18n, tg_title)}
                <small>{move || format!("{} · {}", t_string!(i18n, area_targets), ctx.year.get())}</small>
            </h2>
            <ViewTabs
                views=View::ALL.to_vec()
                current=view
                slug=View::slug
                href=View::href
                label=move |v| label(v).to_string()
                test_prefix="tg"
                aria_label=Signal::derive(move || t_string!(i18n, tg_title).to_string())
            />
            {move || match view.get() {
                View::Start => view! { <start::Start ctx=ctx /> }.into_any(),
                View::Tree => view! { <tree::Tree ctx=ctx /> }.into_any(),
                View::Bridge => view! { <bridge::Bridge ctx=ctx /> }.into_any(),
                View::Sources => view! { <sources::Sources ctx=ctx /> }.into_any(),
                View::BottomUp => view! { <bottom_up::BottomUp ctx=ctx /> }.into_any(),
                View::Strategy => view! { <strategy::Strategy ctx=ctx /> }.into_any(),
                View::Split => view! { <split::Split ctx=ctx /> }.into_any(),
                View::Track => view! { <track::Track ctx=ctx /> }.into_any(),
                View::Print => view! { <print::Print ctx=ctx /> }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::View;

    #[test]
    fn views_round_trip_through_their_slugs() {
        for v in View::ALL {
            assert_eq!(View::from_slug(Some(v.slug())), v);
        }
        assert_eq!(View::from_slug(None), View::Start);
        assert_eq!(View::from_slug(Some("nothing")), View::Start);
    }
}
