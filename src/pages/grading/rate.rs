//! The rating grid (客户评级).
use leptos::prelude::*;

use super::shared::GradingContext;

#[component]
pub fn RatingGrid(ctx: GradingContext) -> impl IntoView {
    let _ = ctx;
    view! { <div></div> }
}
