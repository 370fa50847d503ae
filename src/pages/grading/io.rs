//! Scales as files: export the current scale, import a scale file (picked or dropped). A file
//! that is not a valid scale is refused with the reason, and nothing changes.

use leptos::prelude::*;
use sandtable_core::grading::{scale_from_json, scale_to_json, validate_scale};

use super::shared::GradingContext;
use super::wizard::new_scale_id;
use crate::components::drop_zone::DropZone;
use crate::context::use_lang;
use crate::files;
use crate::i18n::*;

/// Downloads the current scale as a scale file.
#[component]
pub fn ExportScaleButton(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let export = move |_| {
        let Some(scale) = ctx.current.get_untracked() else {
            return;
        };
        let name = files::safe_file_name(&scale.name, ".scale.json");
        if let Err(e) = files::download_text(&name, "application/json", &scale_to_json(&scale)) {
            web_sys::console::warn_1(&e.into());
        }
    };
    view! {
        <button data-testid="scale-export" disabled=move || ctx.current.with(Option::is_none) on:click=export>
            "⇩ "{t!(i18n, gr_export_scale)}
        </button>
    }
}

/// Where a scale file is picked or dropped; a valid scale is added and chosen.
#[component]
pub fn ImportScale(ctx: GradingContext) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let error: RwSignal<Option<Vec<String>>> = RwSignal::new(None);
    let done: RwSignal<Option<String>> = RwSignal::new(None);
    let on_file = move |file: web_sys::File| {
        error.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            let text = match files::read_text(&file).await {
                Ok(t) => t,
                Err(e) => return error.set(Some(vec![e])),
            };
            let mut scale = match scale_from_json(&text) {
                Ok(s) => s,
                Err(e) => return error.set(Some(vec![e.message(l)])),
            };
            let issues = validate_scale(&scale);
            if !issues.is_empty() {
                let mut lines = vec![t_string!(i18n, gr_import_invalid).to_string()];
                lines.extend(issues.iter().map(|i| i.message(l)));
                return error.set(Some(lines));
            }
            if scale.id.trim().is_empty()
                || ctx
                    .scales
                    .with_untracked(|all| all.iter().any(|s| s.id == scale.id))
            {
                scale.id = new_scale_id();
            }
            done.set(Some(scale.name.clone()));
            let id = scale.id.clone();
            ctx.store.save_scale(scale);
            ctx.store.set_active(id);
        });
    };
    view! {
        <DropZone zone_test_id="scale-import-zone" input_test_id="scale-import-input" accept=".json,application/json" on_file=on_file>
            <span>{t!(i18n, gr_import_drop)}</span>
        </DropZone>
        {move || error.get().map(|lines| view! {
            <div class="banner bad" role="alert" data-testid="scale-import-error">
                <strong>"⚠ "{t!(i18n, gr_import_refused)}</strong>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </div>
        })}
        {move || done.get().map(|name| view! {
            <div class="banner" role="status" data-testid="scale-import-done">
                "✓ "{t!(i18n, gr_import_done)}" "<strong>{name}</strong>
            </div>
        })}
    }
}
