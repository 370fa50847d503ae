//! GeMatrix.
use leptos::prelude::*;

use super::shared::GradingContext;

#[component]
pub fn GeMatrix(ctx: GradingContext) -> impl IntoView {
    let _ = ctx;
    view! { <div></div> }
}
