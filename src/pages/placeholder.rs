//! The page of an area that is not built yet: what it will do, and where to go meanwhile.

use leptos::prelude::*;

use crate::context::area_title;
use crate::i18n::*;
use crate::route::Route;

#[component]
pub fn Placeholder(area: Route) -> impl IntoView {
    let i18n = use_i18n();
    let what = move || match area {
        Route::Jbp => t_string!(i18n, placeholder_jbp),
        Route::Channel => t_string!(i18n, placeholder_channel),
        // Built areas have their own pages.
        Route::Data
        | Route::Workspaces
        | Route::Import
        | Route::Review
        | Route::Targets
        | Route::Grading => "",
    };
    view! {
        <section class="page" data-testid=format!("placeholder-{}", area.slug())>
            <h2 class="page-title">{move || area_title(i18n, area)}</h2>
            <div class="empty card">
                <h3>"🚧 "{t!(i18n, placeholder_title)}</h3>
                <p>{what}</p>
                <p class="muted">{t!(i18n, placeholder_body)}</p>
                <div class="actions">
                    <a class="button primary" href=Route::Data.href()>{t!(i18n, back_to_data)}</a>
                </div>
            </div>
        </section>
    }
}
