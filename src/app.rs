//! The app shell: header (workspace switcher, save state, undo/redo, theme, language), the area
//! navigation, banners, and the page of the current route.

use leptos::ev;
use leptos::lazy;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::{area_title, use_lang};
use crate::i18n::*;
use crate::pages::data::DataPage;
use crate::pages::grading::GradingPage;
use crate::pages::import::ImportPage;
use crate::pages::placeholder::Placeholder;
use crate::pages::review::ReviewPage;
use crate::pages::targets::TargetsPage;
use crate::pages::workspaces::WorkspacesPage;
use crate::prefs::{self, Theme, UpColour};
use crate::route::{Route, use_route};
use crate::state::{AppState, Notice, SaveStatus};

#[component]
pub fn App() -> impl IntoView {
    let initial = match prefs::locale().as_deref() {
        Some("en") => Locale::en,
        _ => Locale::zh,
    };
    let i18n =
        leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::derive(move || initial)));
    provide_context(i18n);
    Effect::new(move |_| {
        let (code, pref) = match i18n.get_locale() {
            Locale::zh => ("zh-CN", "zh"),
            Locale::en => ("en", "en"),
        };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
        prefs::set_locale(pref);
    });

    let theme = RwSignal::new(prefs::theme());
    Effect::new(move |_| {
        let t = theme.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", t.as_str());
        }
    });
    provide_context(theme);

    let up_colour = RwSignal::new(prefs::up_colour());
    Effect::new(move |_| {
        let c = up_colour.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-updown", c.as_str());
        }
    });
    provide_context(up_colour);

    let state = AppState::provide();
    crate::frame::provide_frame(state);
    state.start();
    let route = use_route();
    // Pages are re-created only when a workspace appears, not on every edit of it.
    let has_workspace = Memo::new(move |_| state.workspace.with(Option::is_some));

    // Undo and redo from the keyboard, except where a text field handles its own undo.
    let keys = window_event_listener(ev::keydown, move |e: ev::KeyboardEvent| {
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        let in_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_field {
            return;
        }
        match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => {
                e.prevent_default();
                state.undo();
            }
            ("z", true) | ("y", false) => {
                e.prevent_default();
                state.redo();
            }
            _ => {}
        }
    });
    // Save at once when the page is hidden or closed.
    let hide = window_event_listener(ev::pagehide, move |_| state.flush());
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            state.flush();
        }
    });
    on_cleanup(move || {
        keys.remove();
        hide.remove();
        visibility.remove();
    });

    // Mark the first render with a workspace: for tests and the start-up benchmark.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        if !state.workspace.with(Option::is_some) {
            return false;
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-ready", "true");
        }
        if let Some(p) = window().performance() {
            let _ = p.mark("sandtable-ready");
        }
        register_service_worker();
        preload_areas();
        true
    });

    view! {
        <a class="skip" href="#main">{t!(i18n, skip_to_content)}</a>
        <div class="shell">
            <Header theme=theme up_colour=up_colour />
            <Nav route=route />
            <main id="main" class="main" tabindex="-1">
                <div class="context">
                    <h1 class="ws-name" data-testid="workspace-name">
                        {move || state.workspace.with(|w| w.as_ref().map(|w| w.name.clone()).unwrap_or_default())}
                    </h1>
                </div>
                <Banners />
                {move || match has_workspace.get() {
                    false => view! { <div class="loading" role="status">{t!(i18n, loading)}</div> }.into_any(),
                    true => match route.get() {
                        Route::Data => view! { <DataPage /> }.into_any(),
                        Route::Workspaces => view! { <WorkspacesPage /> }.into_any(),
                        Route::Import => lazy_area(import_area()),
                        Route::Review => lazy_area(review_area()),
                        Route::Targets => lazy_area(targets_area()),
                        Route::Grading => lazy_area(grading_area()),
                        area => view! { <Placeholder area=area /> }.into_any(),
                    },
                }}
            </main>
        </div>
        <Toast />
    }
}

// The larger areas are split out of the first load: the release build
// (tools/split_build.py) puts each `#[lazy]` function, and the code only it reaches, in a wasm
// chunk of its own, fetched the first time the area opens. Once the app is ready, the chunks are
// fetched in idle time (`preload_areas`), so opening an area later does not wait on the network.
#[lazy]
fn review_area() -> AnyView {
    view! { <ReviewPage /> }.into_any()
}

#[lazy]
fn targets_area() -> AnyView {
    view! { <TargetsPage /> }.into_any()
}

#[lazy]
fn grading_area() -> AnyView {
    view! { <GradingPage /> }.into_any()
}

#[lazy]
fn import_area() -> AnyView {
    view! { <ImportPage /> }.into_any()
}

/// An area whose code may still be on its way: a loading line until its chunk has arrived.
fn lazy_area(load: impl std::future::Future<Output = AnyView> + Send + 'static) -> AnyView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <div class="loading" role="status" data-testid="area-loading">{t!(i18n, loading)}</div> }>
            {Suspend::new(load)}
        </Suspense>
    }
    .into_any()
}

/// Fetches the areas' chunks in idle time after the first paint.
fn preload_areas() {
    leptos::task::spawn_local(async {
        __preload_review_area().await;
        __preload_targets_area().await;
        __preload_grading_area().await;
        __preload_import_area().await;
    });
}

fn register_service_worker() {
    // Absent outside secure contexts (e.g. plain http on a LAN address): the app works without it.
    let navigator = window().navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let promise = container.register("sw.js");
    leptos::task::spawn_local(async move {
        // Offline support is an extra: without it the app still works online.
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

#[component]
fn Header(theme: RwSignal<Theme>, up_colour: RwSignal<UpColour>) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let can_undo = Memo::new(move |_| state.history.with(|h| h.can_undo()));
    let can_redo = Memo::new(move |_| state.history.with(|h| h.can_redo()));
    let switch_language = move |_| {
        let next = match i18n.get_locale_untracked() {
            Locale::zh => Locale::en,
            Locale::en => Locale::zh,
        };
        i18n.set_locale(next);
    };
    let toggle_theme = move |_| {
        let next = theme.get_untracked().toggled();
        prefs::set_theme(next);
        theme.set(next);
    };
    let toggle_up_colour = move |_| {
        let next = up_colour.get_untracked().toggled();
        prefs::set_up_colour(next);
        up_colour.set(next);
    };
    let current = move || {
        state
            .workspace
            .with(|w| w.as_ref().map(|w| w.id.clone()).unwrap_or_default())
    };
    view! {
        <header class="topbar">
            <a class="brand" href="#/data">
                <img src="icon.svg" alt="" width="28" height="28" />
                <span class="brand-name">{t!(i18n, app_name)}</span>
            </a>
            <label class="switcher">
                <span class="sr-only">{t!(i18n, workspace_switcher)}</span>
                <select
                    data-testid="ws-switcher"
                    title=move || t_string!(i18n, workspace_switcher)
                    prop:value=current
                    on:change=move |e| state.open(event_target_value(&e))
                >
                    <For
                        each=move || state.workspaces.get()
                        key=|m| (m.id.clone(), m.name.clone())
                        children=move |m| {
                            let id = m.id.clone();
                            let selected = move || current() == id;
                            view! { <option value=m.id.clone() selected=selected>{m.name.clone()}</option> }
                        }
                    />
                </select>
            </label>
            <SaveIndicator />
            <div class="spacer"></div>
            <button
                class="icon-button"
                data-testid="undo"
                disabled=move || !can_undo.get()
                title=move || t_string!(i18n, undo_hint)
                on:click=move |_| state.undo()
            >
                <span aria-hidden="true">"↶"</span>
                <span class="label">{t!(i18n, undo)}</span>
            </button>
            <button
                class="icon-button"
                data-testid="redo"
                disabled=move || !can_redo.get()
                title=move || t_string!(i18n, redo_hint)
                on:click=move |_| state.redo()
            >
                <span aria-hidden="true">"↷"</span>
                <span class="label">{t!(i18n, redo)}</span>
            </button>
            <button
                class="icon-button"
                data-testid="theme-toggle"
                title=move || t_string!(i18n, theme_hint)
                aria-pressed=move || (theme.get() == Theme::Dark).to_string()
                on:click=toggle_theme
            >
                <span aria-hidden="true">"◐"</span>
                <span class="label">
                    {move || match theme.get() {
                        Theme::Light => t_string!(i18n, theme_dark),
                        Theme::Dark => t_string!(i18n, theme_light),
                    }}
                </span>
            </button>
            <button
                class="icon-button updown"
                data-testid="updown-toggle"
                title=move || t_string!(i18n, updown_hint)
                aria-label=move || format!("{}: {}", t_string!(i18n, updown_hint), match up_colour.get() {
                    UpColour::RedUp => t_string!(i18n, updown_red_up),
                    UpColour::GreenUp => t_string!(i18n, updown_green_up),
                })
                on:click=toggle_up_colour
            >
                <span aria-hidden="true" class="updown-mark"><span class="up">"▲"</span><span class="down">"▼"</span></span>
                <span class="label">
                    {move || match up_colour.get() {
                        UpColour::RedUp => t_string!(i18n, updown_red_up),
                        UpColour::GreenUp => t_string!(i18n, updown_green_up),
                    }}
                </span>
            </button>
            <button
                class="lang-button"
                data-testid="lang-toggle"
                title=move || t_string!(i18n, switch_language_hint)
                on:click=switch_language
            >
                {t!(i18n, switch_language)}
            </button>
        </header>
    }
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    move || {
        let (class, text) = match state.status.get() {
            SaveStatus::Loading => ("status muted", t_string!(i18n, status_loading)),
            SaveStatus::Saved => ("status ok", t_string!(i18n, status_saved)),
            SaveStatus::Dirty => ("status muted", t_string!(i18n, status_unsaved)),
            SaveStatus::Saving => ("status muted", t_string!(i18n, status_saving)),
            SaveStatus::Failed(_) | SaveStatus::Conflict => {
                ("status bad", t_string!(i18n, status_error))
            }
        };
        let mark = match class {
            "status ok" => "✓",
            "status bad" => "⚠",
            _ => "…",
        };
        view! { <span class=class data-testid="save-status" role="status"><span aria-hidden="true">{mark}" "</span>{text}</span> }
    }
}

#[component]
fn Nav(route: ReadSignal<Route>) -> impl IntoView {
    let i18n = use_i18n();
    let items = Route::AREAS
        .into_iter()
        .chain([Route::Workspaces])
        .collect::<Vec<_>>();
    view! {
        <nav class="areas" aria-label="Sandtable">
            {items
                .into_iter()
                .map(|r| {
                    let label = move || match r {
                        Route::Data => t_string!(i18n, nav_data),
                        Route::Review => t_string!(i18n, nav_review),
                        Route::Targets => t_string!(i18n, nav_targets),
                        Route::Grading => t_string!(i18n, nav_grading),
                        Route::Jbp => t_string!(i18n, nav_jbp),
                        Route::Channel => t_string!(i18n, nav_channel),
                        Route::Workspaces => t_string!(i18n, nav_workspaces),
                        Route::Import => t_string!(i18n, import_ledger_title),
                    };
                    let sub = move || area_title(i18n, r);
                    view! {
                        <a
                            href=r.href()
                            data-testid=format!("nav-{}", r.slug())
                            class="nav-item"
                            class:active=move || route.get().area() == r
                            class:nav-secondary=r == Route::Workspaces
                            aria-current=move || (route.get().area() == r).then_some("page")
                        >
                            <span class="nav-label">{label}</span>
                            <span class="nav-sub">{sub}</span>
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let export = move |_| {
        if let Err(e) = state.export_current() {
            web_sys::console::warn_1(&e.into());
        }
    };
    view! {
        <Show when=move || state.status.get() == SaveStatus::Conflict>
            <div class="banner warn" role="alert" data-testid="conflict-banner">
                <strong>"⚠ "{t!(i18n, conflict_title)}</strong>
                <p>{t!(i18n, conflict_body)}</p>
                <div class="actions">
                    <button data-testid="conflict-load" on:click=move |_| state.conflict_load_theirs()>
                        {t!(i18n, conflict_load_theirs)}
                    </button>
                    <button
                        data-testid="conflict-keep"
                        on:click=move |_| state.conflict_keep_mine(t_string!(i18n, ws_copy_suffix))
                    >
                        {t!(i18n, conflict_keep_mine)}
                    </button>
                </div>
            </div>
        </Show>
        {move || {
            state
                .storage_error
                .get()
                .map(|e| {
                    view! {
                        <div class="banner bad" role="alert" data-testid="storage-error">
                            <strong>"⚠ "{t!(i18n, storage_error_title)}</strong>
                            <p>{e.message(lang.get())}</p>
                            <p>{t!(i18n, storage_error_body)}</p>
                            <div class="actions">
                                <button class="primary" on:click=export>{t!(i18n, export_now)}</button>
                                <button on:click=move |_| state.storage_error.set(None)>{t!(i18n, dismiss)}</button>
                            </div>
                        </div>
                    }
                })
        }}
    }
}

#[component]
fn Toast() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    move || {
        state.notice.get().map(|(n, _)| {
            let text = match n {
                Notice::ReloadedFromOtherTab => t_string!(i18n, reloaded_from_other_tab),
                Notice::Exported => t_string!(i18n, exported),
                Notice::ImportAdded => t_string!(i18n, import_done_added),
                Notice::ImportReplaced => t_string!(i18n, import_done_replaced),
            };
            view! { <div class="toast" role="status" data-testid="toast">"✓ "{text}</div> }
        })
    }
}
