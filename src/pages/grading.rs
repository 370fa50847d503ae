//! The Grading area (客户分级, DOMAIN §3): design a grading scale in a wizard, rate customers,
//! read scores and grades with their reasons and the service policy, compare and merge two
//! scales, the GE matrix and the product × customer profitability matrix. Each view is a tab
//! whose name is in the URL (`#/grading?view=rate`), so a view can be linked and reloaded.

mod classes;
mod compare;
mod ge;
mod io;
mod profit;
mod rate;
mod results;
mod shared;
mod store;
mod wizard;

use leptos::prelude::*;

use crate::components::view_tabs::ViewTabs;

use crate::i18n::*;
use crate::route::use_hash_query;

/// The views of the Grading area, in the order a manager uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Design,
    Rate,
    Results,
    Compare,
    Ge,
    Profit,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Design,
        View::Rate,
        View::Results,
        View::Compare,
        View::Ge,
        View::Profit,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            View::Design => "design",
            View::Rate => "rate",
            View::Results => "results",
            View::Compare => "compare",
            View::Ge => "ge",
            View::Profit => "profit",
        }
    }

    /// The view named in a hash query; the wizard when none or an unknown one is named.
    pub fn from_slug(slug: Option<&str>) -> View {
        View::ALL
            .into_iter()
            .find(|v| Some(v.slug()) == slug)
            .unwrap_or(View::Design)
    }

    pub fn href(self) -> String {
        format!("#/grading?view={}", self.slug())
    }
}

#[component]
pub fn GradingPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_hash_query("view");
    let view = Memo::new(move |_| View::from_slug(query.get().as_deref()));
    let ctx = shared::GradingContext::provide();
    let label = move |v: View| match v {
        View::Design => t_string!(i18n, gr_tab_design),
        View::Rate => t_string!(i18n, gr_tab_rate),
        View::Results => t_string!(i18n, gr_tab_results),
        View::Compare => t_string!(i18n, gr_tab_compare),
        View::Ge => t_string!(i18n, gr_tab_ge),
        View::Profit => t_string!(i18n, gr_tab_profit),
    };
    view! {
        <section class="page" aria-labelledby="grading-title" data-testid="grading-page">
            <h2 class="page-title" id="grading-title">
                {t!(i18n, gr_title)}
                <small>{t!(i18n, area_grading)}</small>
            </h2>
            <ViewTabs
                views=View::ALL.to_vec()
                current=view
                slug=View::slug
                href=View::href
                label=move |v| label(v).to_string()
                test_prefix="gr"
                aria_label=Signal::derive(move || t_string!(i18n, gr_title).to_string())
            />
            <shared::ScalePicker ctx=ctx />
            {move || match view.get() {
                View::Design => view! { <wizard::Wizard ctx=ctx /> }.into_any(),
                View::Rate => view! { <rate::RatingGrid ctx=ctx /> }.into_any(),
                View::Results => view! { <results::Results ctx=ctx /> }.into_any(),
                View::Compare => view! { <compare::Compare ctx=ctx /> }.into_any(),
                View::Ge => view! { <ge::GeMatrix ctx=ctx /> }.into_any(),
                View::Profit => view! { <profit::Profitability ctx=ctx /> }.into_any(),
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
        assert_eq!(View::from_slug(None), View::Design);
        assert_eq!(View::from_slug(Some("nothing")), View::Design);
    }
}
