//! Profitability.
use leptos::prelude::*;

use super::shared::GradingContext;

#[component]
pub fn Profitability(ctx: GradingContext) -> impl IntoView {
    let _ = ctx;
    view! { <div></div> }
}
