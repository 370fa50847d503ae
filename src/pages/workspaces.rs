//! The Workspaces page: rename and export the open workspace, import a workspace file (picker or
//! drag and drop, with a preview and a choice to add or replace), and create, open, duplicate
//! and delete stored workspaces.

use leptos::prelude::*;
use sandtable_core::MasterEdit;
use sandtable_core::{
    Edit, FileError, Lang, MAX_FILE_BYTES, Summary, Workspace, format_count, format_money,
    has_errors, workspace_from_json,
};

use crate::components::dialog::ConfirmDialog;
use crate::components::drop_zone::DropZone;
use crate::context::use_lang;
use crate::files;
use crate::i18n::*;
use crate::state::AppState;

/// A message in both languages, so it follows a language switch.
#[derive(Debug, Clone, PartialEq)]
struct Bilingual {
    zh: String,
    en: String,
}

impl Bilingual {
    fn of(f: impl Fn(Lang) -> String) -> Bilingual {
        Bilingual {
            zh: f(Lang::Zh),
            en: f(Lang::En),
        }
    }

    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Where an import stands.
#[derive(Debug, Clone, PartialEq)]
enum ImportState {
    Idle,
    Reading {
        file: String,
    },
    Failed {
        file: String,
        problems: Vec<Bilingual>,
    },
    Preview {
        file: String,
        name: String,
        summary: Summary,
        warnings: Vec<Bilingual>,
    },
}

/// Reads and checks a picked or dropped file. Nothing is stored here: storing waits for the
/// user's choice in the preview.
async fn read_workspace_file(
    file: web_sys::File,
) -> Result<(Workspace, Vec<Bilingual>), Vec<Bilingual>> {
    let size = file.size() as u64;
    if size > MAX_FILE_BYTES as u64 {
        let e = FileError::TooLarge {
            bytes: size,
            limit: MAX_FILE_BYTES as u64,
        };
        return Err(vec![Bilingual::of(|l| e.message(l))]);
    }
    let text = files::read_text(&file).await.map_err(|e| {
        vec![Bilingual {
            zh: format!("无法读取该文件：{e}"),
            en: format!("The file could not be read: {e}"),
        }]
    })?;
    match workspace_from_json(&text) {
        Err(e) => Err(vec![Bilingual::of(|l| e.message(l))]),
        Ok((_, issues)) if has_errors(&issues) => Err(issues
            .iter()
            .filter(|i| i.is_error())
            .map(|i| Bilingual::of(|l| i.message(l)))
            .collect()),
        Ok((ws, issues)) => Ok((
            ws,
            issues
                .iter()
                .map(|i| Bilingual::of(|l| i.message(l)))
                .collect(),
        )),
    }
}

#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let import = RwSignal::new(ImportState::Idle);
    let parsed: StoredValue<Option<Workspace>> = StoredValue::new(None);
    let to_delete: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let backup_done = RwSignal::new(false);

    let name = move || {
        state
            .workspace
            .with(|w| w.as_ref().map(|w| w.name.clone()).unwrap_or_default())
    };
    let rename = move |value: String| {
        let value = value.trim().to_string();
        if !value.is_empty() && value != name() {
            state.edit(Edit::Master(MasterEdit::RenameWorkspace { name: value }));
        }
    };

    let take_file = move |file: web_sys::File| {
        let file_name = file.name();
        parsed.set_value(None);
        backup_done.set(false);
        import.set(ImportState::Reading {
            file: file_name.clone(),
        });
        leptos::task::spawn_local(async move {
            match read_workspace_file(file).await {
                Ok((ws, warnings)) => {
                    let summary = ws.summary();
                    let name = ws.name.clone();
                    parsed.set_value(Some(ws));
                    import.set(ImportState::Preview {
                        file: file_name,
                        name,
                        summary,
                        warnings,
                    });
                }
                Err(problems) => import.set(ImportState::Failed {
                    file: file_name,
                    problems,
                }),
            }
        });
    };
    let finish = move |replace: bool| {
        if let Some(ws) = parsed.try_update_value(Option::take).flatten() {
            if replace {
                state.import_replace(ws);
            } else {
                state.import_add(ws);
            }
        }
        import.set(ImportState::Idle);
    };
    let export = move |_| {
        if let Err(e) = state.export_current() {
            web_sys::console::warn_1(&e.into());
        }
    };

    view! {
        <section class="page" aria-labelledby="ws-title">
            <h2 class="page-title" id="ws-title">{t!(i18n, ws_title)}</h2>
            <p class="intro">{t!(i18n, ws_intro)}</p>
            <div class="columns">
                <div class="card">
                    <h3>{t!(i18n, ws_current)}</h3>
                    <label class="field">
                        <span>{t!(i18n, ws_name_label)}</span>
                        <input
                            type="text"
                            data-testid="ws-rename-input"
                            prop:value=name
                            on:change=move |e| rename(event_target_value(&e))
                            on:keydown=move |e| {
                                if e.key() == "Enter" {
                                    rename(event_target_value(&e));
                                }
                            }
                        />
                        <small class="muted">{t!(i18n, ws_name_hint)}</small>
                    </label>
                    <div class="actions">
                        <button class="primary" data-testid="ws-export" on:click=export>
                            "⇩ "{t!(i18n, ws_export)}
                        </button>
                    </div>
                </div>
                <div class="card">
                    <h3>{t!(i18n, ws_import)}</h3>
                    <DropZone
                        zone_test_id="ws-dropzone"
                        input_test_id="ws-import-input"
                        accept=".json,application/json"
                        on_file=take_file
                    >
                        <span>{t!(i18n, ws_drop_hint)}</span>
                    </DropZone>
                    {move || match import.get() {
                        ImportState::Reading { file } => {
                            view! { <p class="muted" role="status">{t!(i18n, import_reading)}" "{file}</p> }.into_any()
                        }
                        ImportState::Failed { file, problems } => {
                            let shown = problems.len().min(20);
                            let more = problems.len() - shown;
                            view! {
                                <div class="banner bad" role="alert" data-testid="import-error">
                                    <strong>"⚠ "{t!(i18n, import_error_title)}" — "{file}</strong>
                                    <ul>
                                        {problems
                                            .into_iter()
                                            .take(shown)
                                            .map(|p| view! { <li>{move || p.get(lang.get()).to_string()}</li> })
                                            .collect_view()}
                                    </ul>
                                    {(more > 0).then(|| view! { <p>{format!("… +{more}")}</p> })}
                                    <p>{t!(i18n, import_nothing_changed)}</p>
                                    <button on:click=move |_| import.set(ImportState::Idle)>{t!(i18n, dismiss)}</button>
                                </div>
                            }
                                .into_any()
                        }
                        _ => ().into_any(),
                    }}
                </div>
            </div>
            <div class="card">
                <div class="card-head">
                    <h3>{t!(i18n, ws_all)}</h3>
                    <div class="actions">
                        <button
                            data-testid="ws-new"
                            on:click=move |_| state.create_empty(t_string!(i18n, ws_new_name).to_string())
                        >
                            "＋ "{t!(i18n, ws_new)}
                        </button>
                        <button data-testid="ws-new-demo" on:click=move |_| state.create_demo()>
                            "＋ "{t!(i18n, ws_new_demo)}
                        </button>
                    </div>
                </div>
                <ul class="ws-list" data-testid="ws-list">
                    <For
                        each=move || state.workspaces.get()
                        key=|m| (m.id.clone(), m.name.clone(), m.rows, m.modified.clone())
                        children=move |m| {
                            let (open_id, dup_id, del_id, del_name) = (m.id.clone(), m.id.clone(), m.id.clone(), m.name.clone());
                            let id = m.id.clone();
                            let is_current = Signal::derive(move || state.workspace.with(|w| w.as_ref().is_some_and(|w| w.id == id)));
                            view! {
                                <li class="ws-item" class:current=is_current data-testid="ws-item" data-id=m.id.clone()>
                                    <div class="ws-main">
                                        <strong>{m.name.clone()}</strong>
                                        <span class="muted small num">
                                            {move || format_count(m.rows, lang.get())}" "{t!(i18n, ws_rows)}
                                            " · "{t!(i18n, ws_modified)}" "{m.modified.get(..10).unwrap_or_default().to_string()}
                                        </span>
                                    </div>
                                    <div class="actions">
                                        <Show
                                            when=move || is_current.get()
                                            fallback=move || {
                                                let id = open_id.clone();
                                                view! {
                                                    <button data-testid="ws-open" on:click=move |_| state.open(id.clone())>
                                                        {t!(i18n, ws_open)}
                                                    </button>
                                                }
                                            }
                                        >
                                            <span class="badge">"● "{t!(i18n, ws_opened)}</span>
                                        </Show>
                                        <button
                                            data-testid="ws-duplicate"
                                            on:click=move |_| state.duplicate(dup_id.clone(), t_string!(i18n, ws_copy_suffix).to_string())
                                        >
                                            {t!(i18n, ws_duplicate)}
                                        </button>
                                        <button
                                            class="danger-text"
                                            data-testid="ws-delete"
                                            on:click=move |_| to_delete.set(Some((del_id.clone(), del_name.clone())))
                                        >
                                            {t!(i18n, ws_delete)}
                                        </button>
                                    </div>
                                </li>
                            }
                        }
                    />
                </ul>
            </div>
            <ConfirmDialog
                open=Signal::derive(move || to_delete.with(Option::is_some))
                title=Signal::derive(move || {
                    format!("{} 「{}」", t_string!(i18n, ws_delete_confirm_title), to_delete.with(|d| d.as_ref().map(|d| d.1.clone()).unwrap_or_default()))
                })
                confirm_label=Signal::derive(move || t_string!(i18n, ws_delete).to_string())
                cancel_label=Signal::derive(move || t_string!(i18n, cancel).to_string())
                on_confirm=move |_| {
                    if let Some((id, _)) = to_delete.get_untracked() {
                        state.delete(id);
                    }
                    to_delete.set(None);
                }
                on_cancel=move |_| to_delete.set(None)
                danger=true
            >
                <p>{t!(i18n, ws_delete_confirm_body)}</p>
                <Show when=move || state.workspaces.with(|l| l.len() <= 1)>
                    <p class="muted">{t!(i18n, ws_delete_last)}</p>
                </Show>
            </ConfirmDialog>
            {move || match import.get() {
                ImportState::Preview { file, name, summary, warnings } => {
                    view! {
                        <div class="modal-backdrop">
                            <div class="modal wide" role="dialog" aria-modal="true" data-testid="import-preview">
                                <h2>{t!(i18n, import_preview_title)}</h2>
                                <p class="muted small">{t!(i18n, import_file)}": "{file}</p>
                                <h3>{name}</h3>
                                <PreviewSummary summary=summary lang=lang />
                                {(!warnings.is_empty()).then(|| view! {
                                    <details class="warnings">
                                        <summary>{t!(i18n, import_warnings)}" ("{warnings.len()}")"</summary>
                                        <ul>
                                            {warnings.into_iter().take(50).map(|w| view! { <li>{move || w.get(lang.get()).to_string()}</li> }).collect_view()}
                                        </ul>
                                    </details>
                                })}
                                <div class="replace-note">
                                    <p>{t!(i18n, import_replace_note)}</p>
                                    <button data-testid="import-backup" on:click=move |e| { export(e); backup_done.set(true); }>
                                        {move || if backup_done.get() { format!("✓ {}", t_string!(i18n, import_backup_done)) } else { format!("⇩ {}", t_string!(i18n, import_backup)) }}
                                    </button>
                                </div>
                                <div class="actions">
                                    <button data-testid="import-cancel" on:click=move |_| { parsed.set_value(None); import.set(ImportState::Idle); }>
                                        {t!(i18n, cancel)}
                                    </button>
                                    <button class="danger" data-testid="import-replace" on:click=move |_| finish(true)>
                                        {t!(i18n, import_replace)}
                                    </button>
                                    <button class="primary" data-testid="import-add" on:click=move |_| finish(false)>
                                        {t!(i18n, import_add)}
                                    </button>
                                </div>
                            </div>
                        </div>
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn PreviewSummary(summary: Summary, lang: Signal<Lang>) -> impl IntoView {
    let i18n = use_i18n();
    let s = summary;
    let period = match (s.first_date, s.last_date) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "—".into(),
    };
    view! {
        <dl class="summary" data-testid="import-summary" data-rows=s.rows.to_string()>
            <dt>{t!(i18n, stat_rows)}</dt>
            <dd class="num">{move || format_count(s.rows as u64, lang.get())}</dd>
            <dt>{t!(i18n, stat_customers)}</dt>
            <dd class="num">{move || format_count(s.customers as u64, lang.get())}</dd>
            <dt>{t!(i18n, stat_products)}</dt>
            <dd class="num">{move || format_count(s.products as u64, lang.get())}</dd>
            <dt>{t!(i18n, stat_sales)}</dt>
            <dd class="num">{move || format_money(s.total_amount, lang.get())}</dd>
            <dt>{t!(i18n, stat_period)}</dt>
            <dd class="num">{period}</dd>
        </dl>
    }
}
