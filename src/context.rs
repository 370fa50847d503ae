//! What every page reads from the context the shell provides: the UI language and the areas'
//! titles. Below both the shell (`app.rs`) and the pages, so a page never imports the shell.

use leptos::prelude::*;
use sandtable_core::Lang;

use crate::i18n::*;
use crate::route::Route;

/// The UI language as the core's `Lang`, for formatting numbers and core messages.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || match i18n.get_locale() {
        Locale::zh => Lang::Zh,
        Locale::en => Lang::En,
    })
}

/// The long title of an area ("生意复盘", "Business review").
pub fn area_title(i18n: leptos_i18n::I18nContext<Locale>, r: Route) -> &'static str {
    match r {
        Route::Data => t_string!(i18n, area_data),
        Route::Review => t_string!(i18n, area_review),
        Route::Targets => t_string!(i18n, area_targets),
        Route::Grading => t_string!(i18n, area_grading),
        Route::Jbp => t_string!(i18n, area_jbp),
        Route::Channel => t_string!(i18n, area_channel),
        Route::Workspaces => t_string!(i18n, ws_title),
        Route::Import => t_string!(i18n, import_ledger_title),
    }
}
