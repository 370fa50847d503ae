//! Compare.
use leptos::prelude::*;

use super::shared::GradingContext;

#[component]
pub fn Compare(ctx: GradingContext) -> impl IntoView {
    let _ = ctx;
    view! { <div></div> }
}
