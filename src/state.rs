//! The app's state: the open workspace, its undo history, and keeping it saved.
//!
//! Edits go through [`AppState::edit`], which applies a core `Edit` with its inverse on the undo
//! stack and schedules an autosave (within 500 ms). Saves are revision-checked
//! ([`storage::Expect`]); a `BroadcastChannel` tells other tabs when a workspace was saved, so a
//! clean tab reloads the newer copy and a tab with unsaved edits stops saving and asks the user.

use std::time::Duration;

use leptos::prelude::*;
use sandtable_core::import::{AddReport, Imported, add_to_workspace};
use sandtable_core::{Date, Edit, History, Workspace, demo_workspace, workspace_to_json};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::files;
use crate::prefs;
use crate::storage::{self, Expect, StorageError, WorkspaceMeta};

/// Autosave delay after the last edit.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(400);
const CHANNEL: &str = "sandtable";
const UNDO_LIMIT: usize = 200;

/// Where the open workspace stands with respect to storage.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Loading,
    Saved,
    Dirty,
    Saving,
    Failed(StorageError),
    /// Another tab saved this workspace while this tab had unsaved edits; saving is paused.
    Conflict,
}

/// Short confirmations shown for a few seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    ReloadedFromOtherTab,
    Exported,
    ImportAdded,
    ImportReplaced,
}

/// The app state, provided as a context (`AppState::expect()`).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The open workspace; `None` until the first one is loaded.
    pub workspace: RwSignal<Option<Workspace>>,
    /// Every stored workspace.
    pub workspaces: RwSignal<Vec<WorkspaceMeta>>,
    pub status: RwSignal<SaveStatus>,
    pub history: RwSignal<History>,
    pub notice: RwSignal<Option<(Notice, u64)>>,
    /// The last storage failure, shown with an offer to export until dismissed.
    pub storage_error: RwSignal<Option<StorageError>>,
    /// The stored revision the open copy is based on; `None` when it has never been saved.
    revision: StoredValue<Option<u64>>,
    ledgers_dirty: StoredValue<bool>,
    edit_seq: StoredValue<u64>,
    saved_seq: StoredValue<u64>,
    saving: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
}

impl AppState {
    /// Creates the state and provides it to the component tree.
    pub fn provide() -> AppState {
        let state = AppState {
            workspace: RwSignal::new(None),
            workspaces: RwSignal::new(Vec::new()),
            status: RwSignal::new(SaveStatus::Loading),
            history: RwSignal::new(History::new(UNDO_LIMIT)),
            notice: RwSignal::new(None),
            storage_error: RwSignal::new(None),
            revision: StoredValue::new(None),
            ledgers_dirty: StoredValue::new(false),
            edit_seq: StoredValue::new(0),
            saved_seq: StoredValue::new(0),
            saving: StoredValue::new(false),
            timer: StoredValue::new(None),
            channel: StoredValue::new_local(web_sys::BroadcastChannel::new(CHANNEL).ok()),
        };
        provide_context(state);
        state.listen_to_other_tabs();
        state
    }

    pub fn expect() -> AppState {
        expect_context::<AppState>()
    }

    /// Opens the last used workspace, or the first stored one, or creates the demo workspace.
    pub fn start(self) {
        leptos::task::spawn_local(async move {
            let stored = match storage::list().await {
                Ok(list) => list,
                Err(e) => {
                    self.fail(e);
                    Vec::new()
                }
            };
            self.workspaces.set(stored.clone());
            let wanted = prefs::last_workspace()
                .filter(|id| stored.iter().any(|m| &m.id == id))
                .or_else(|| stored.first().map(|m| m.id.clone()));
            if let Some(id) = wanted {
                // A read that fails is tried once more, a moment later, before a fresh demo
                // takes the place of what could not be read: right after a reload an engine
                // may still be closing the page before's connection.
                for retry in [true, false] {
                    match storage::load(&id).await {
                        Ok(Some((ws, revision))) => return self.set_current(ws, Some(revision)),
                        Ok(None) => break,
                        Err(_) if retry => pause(Duration::from_millis(300)).await,
                        Err(e) => self.fail(e),
                    }
                }
            }
            if stored.is_empty() {
                self.create_demo();
            } else {
                // The stored workspaces could not be read: show a fresh demo, saved under a new id.
                let mut ws = demo_workspace(today());
                ws.id = new_id();
                self.adopt_new(ws);
            }
        });
        leptos::task::spawn_local(async {
            storage::request_persistence().await;
        });
    }

    fn set_current(self, ws: Workspace, revision: Option<u64>) {
        prefs::set_last_workspace(&ws.id);
        self.revision.set_value(revision);
        self.ledgers_dirty.set_value(revision.is_none());
        self.history.update(History::clear);
        self.workspace.set(Some(ws));
        self.status.set(if revision.is_some() {
            SaveStatus::Saved
        } else {
            SaveStatus::Dirty
        });
    }

    /// Shows a workspace that is not stored yet and saves it at once.
    fn adopt_new(self, ws: Workspace) {
        self.set_current(ws, None);
        self.save_after_paint();
    }

    /// Records that the open workspace, ledgers included, changed as a whole, and saves it
    /// once the page has painted "saving": encoding a large ledger for storage holds the page
    /// for a moment (about a second for a million rows), and the indicator should say why
    /// rather than show unsaved changes meanwhile.
    fn save_after_paint(self) {
        self.ledgers_dirty.set_value(true);
        self.bump();
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        if self.status.get_untracked() != SaveStatus::Conflict {
            self.status.set(SaveStatus::Saving);
        }
        request_animation_frame(move || set_timeout(move || self.save_now(), Duration::ZERO));
    }

    /// Applies an undoable edit to the open workspace.
    pub fn edit(self, edit: Edit) {
        self.with_history(|h, w| {
            let applied = h.apply(w, &edit).is_ok();
            if applied {
                w.modified = now_iso();
            }
            applied
        });
    }

    pub fn undo(self) {
        self.with_history(History::undo);
    }

    pub fn redo(self) {
        self.with_history(History::redo);
    }

    /// Runs `step` on the undo history and the open workspace; when it reports a change, the
    /// workspace is marked for saving.
    fn with_history(self, step: impl FnOnce(&mut History, &mut Workspace) -> bool) {
        let mut changed = false;
        self.workspace.update(|w| {
            if let Some(w) = w {
                self.history.update(|h| changed = step(h, w));
            }
        });
        if changed {
            self.mark_dirty(false);
        }
    }

    fn bump(self) {
        self.edit_seq.update_value(|s| *s += 1);
    }

    /// Records that the open workspace changed and schedules an autosave.
    pub fn mark_dirty(self, ledgers: bool) {
        if ledgers {
            self.ledgers_dirty.set_value(true);
        }
        self.bump();
        if self.status.get_untracked() != SaveStatus::Conflict {
            self.status.set(SaveStatus::Dirty);
        }
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(move || self.save_now(), AUTOSAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// Saves now if anything is unsaved (used when the page is hidden or closed).
    pub fn flush(self) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        if self.edit_seq.get_value() != self.saved_seq.get_value() {
            self.save_now();
        }
    }

    fn save_now(self) {
        if self.saving.get_value() || self.status.get_untracked() == SaveStatus::Conflict {
            return; // a running save re-checks for newer edits when it finishes
        }
        let with_ledgers = self.ledgers_dirty.get_value();
        let Some(prepared) = self
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| storage::prepare(w, with_ledgers)))
        else {
            return;
        };
        let seq = self.edit_seq.get_value();
        let id = prepared.id.clone();
        let expect = match self.revision.get_value() {
            Some(r) => Expect::Revision(r),
            None => Expect::New,
        };
        self.ledgers_dirty.set_value(false);
        self.saving.set_value(true);
        self.status.set(SaveStatus::Saving);
        leptos::task::spawn_local(async move {
            let result = storage::save(&prepared, expect).await;
            self.saving.set_value(false);
            if self.current_id().as_deref() != Some(id.as_str()) {
                // Another workspace was opened meanwhile; its state is not this save's business.
                if let Ok(revision) = result {
                    self.broadcast(&id, revision);
                }
                return self.refresh_list();
            }
            match result {
                Ok(revision) => {
                    self.revision.set_value(Some(revision));
                    self.saved_seq.set_value(seq);
                    self.broadcast(&id, revision);
                    self.refresh_list();
                    if self.edit_seq.get_value() != seq {
                        self.status.set(SaveStatus::Dirty);
                        self.save_now();
                    } else {
                        self.status.set(SaveStatus::Saved);
                    }
                }
                Err(StorageError::Conflict { .. }) => {
                    self.ledgers_dirty
                        .set_value(self.ledgers_dirty.get_value() || with_ledgers);
                    self.status.set(SaveStatus::Conflict);
                }
                Err(e) => {
                    self.ledgers_dirty
                        .set_value(self.ledgers_dirty.get_value() || with_ledgers);
                    self.fail(e);
                }
            }
        });
    }

    fn fail(self, e: StorageError) {
        self.status.set(SaveStatus::Failed(e.clone()));
        self.storage_error.set(Some(e));
    }

    pub fn refresh_list(self) {
        leptos::task::spawn_local(async move {
            match storage::list().await {
                Ok(list) => self.workspaces.set(list),
                Err(e) => self.fail(e),
            }
        });
    }

    pub fn notify(self, notice: Notice) {
        let seq = js_sys::Date::now() as u64;
        self.notice.set(Some((notice, seq)));
        set_timeout(
            move || {
                if self.notice.get_untracked().is_some_and(|(_, s)| s == seq) {
                    self.notice.set(None);
                }
            },
            Duration::from_secs(4),
        );
    }

    fn broadcast(self, id: &str, revision: u64) {
        let message = serde_json::json!({ "id": id, "revision": revision }).to_string();
        self.channel.with_value(|c| {
            if let Some(c) = c {
                let _ = c.post_message(&message.into());
            }
        });
    }

    fn listen_to_other_tabs(self) {
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(text) = e.data().as_string() else {
                    return;
                };
                let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
                    return;
                };
                let (Some(id), Some(revision)) = (v["id"].as_str(), v["revision"].as_u64()) else {
                    return;
                };
                self.refresh_list();
                let ours = self
                    .workspace
                    .with_untracked(|w| w.as_ref().map(|w| w.id.clone()));
                if ours.as_deref() != Some(id)
                    || self.revision.get_value().is_some_and(|r| r >= revision)
                {
                    return;
                }
                match self.status.get_untracked() {
                    SaveStatus::Saved => self.reload_current(true),
                    SaveStatus::Loading | SaveStatus::Conflict => {}
                    _ => self.status.set(SaveStatus::Conflict),
                }
            });
        self.channel.with_value(|c| {
            if let Some(c) = c {
                c.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            }
        });
        on_message.forget(); // lives as long as the page
    }

    fn reload_current(self, announce: bool) {
        let Some(id) = self.current_id() else { return };
        leptos::task::spawn_local(async move {
            match storage::load(&id).await {
                Ok(Some((ws, revision))) => {
                    self.set_current(ws, Some(revision));
                    self.saved_seq.set_value(self.edit_seq.get_value());
                    if announce {
                        self.notify(Notice::ReloadedFromOtherTab);
                    }
                }
                Ok(None) => self.status.set(SaveStatus::Conflict),
                Err(e) => self.fail(e),
            }
        });
    }

    /// Conflict resolution: drop this tab's edits and load what the other tab saved.
    pub fn conflict_load_theirs(self) {
        self.status.set(SaveStatus::Loading);
        self.reload_current(false);
    }

    /// Conflict resolution: keep this tab's version as a new workspace.
    pub fn conflict_keep_mine(self, copy_suffix: &str) {
        let Some(mut ws) = self.workspace.get_untracked() else {
            return;
        };
        ws.id = new_id();
        ws.name.push_str(copy_suffix);
        self.status.set(SaveStatus::Dirty);
        self.adopt_new(ws);
    }

    pub fn current_id(self) -> Option<String> {
        self.workspace
            .with_untracked(|w| w.as_ref().map(|w| w.id.clone()))
    }

    /// Opens a stored workspace, saving the open one first.
    pub fn open(self, id: String) {
        self.flush();
        leptos::task::spawn_local(async move {
            match storage::load(&id).await {
                Ok(Some((ws, revision))) => {
                    self.set_current(ws, Some(revision));
                    self.saved_seq.set_value(self.edit_seq.get_value());
                }
                Ok(None) => self.refresh_list(),
                Err(e) => self.fail(e),
            }
        });
    }

    pub fn create_demo(self) {
        let mut ws = demo_workspace(today());
        if self
            .workspaces
            .with_untracked(|l| l.iter().any(|m| m.id == ws.id))
        {
            ws.id = new_id();
        }
        self.flush();
        self.adopt_new(ws);
    }

    pub fn create_empty(self, name: String) {
        let now = now_iso();
        let ws = Workspace {
            id: new_id(),
            name,
            created: now.clone(),
            modified: now,
            ..Workspace::default()
        };
        self.flush();
        self.adopt_new(ws);
    }

    /// Stores a copy of a workspace under a new id, without opening it.
    pub fn duplicate(self, id: String, copy_suffix: String) {
        let current = self
            .workspace
            .with_untracked(|w| w.as_ref().filter(|w| w.id == id).cloned());
        leptos::task::spawn_local(async move {
            let source = match current {
                Some(ws) => Some(ws),
                None => match storage::load(&id).await {
                    Ok(found) => found.map(|(ws, _)| ws),
                    Err(e) => return self.fail(e),
                },
            };
            let Some(mut ws) = source else { return };
            ws.id = new_id();
            ws.name.push_str(&copy_suffix);
            let prepared = storage::prepare(&ws, true);
            match storage::save(&prepared, Expect::New).await {
                Ok(_) => self.refresh_list(),
                Err(e) => self.fail(e),
            }
        });
    }

    pub fn delete(self, id: String) {
        leptos::task::spawn_local(async move {
            if let Err(e) = storage::delete(&id).await {
                return self.fail(e);
            }
            let remaining = match storage::list().await {
                Ok(list) => list,
                Err(e) => return self.fail(e),
            };
            self.workspaces.set(remaining.clone());
            if self.current_id().as_deref() == Some(id.as_str()) {
                if let Some(t) = self.timer.get_value() {
                    t.clear();
                }
                self.saved_seq.set_value(self.edit_seq.get_value());
                match remaining.first() {
                    Some(next) => self.open(next.id.clone()),
                    None => self.create_demo(),
                }
            }
        });
    }

    /// Adds an imported workspace as a new one and opens it.
    pub fn import_add(self, mut ws: Workspace) {
        if self
            .workspaces
            .with_untracked(|l| l.iter().any(|m| m.id == ws.id))
        {
            ws.id = new_id();
        }
        self.flush();
        self.adopt_new(ws);
        self.notify(Notice::ImportAdded);
    }

    /// Replaces the open workspace's content with an imported one (the open workspace keeps its id).
    pub fn import_replace(self, mut ws: Workspace) {
        let Some(id) = self.current_id() else { return };
        ws.id = id;
        self.history.update(History::clear);
        self.workspace.set(Some(ws));
        self.save_after_paint();
        self.notify(Notice::ImportReplaced);
    }

    /// Adds an imported ledger to the open workspace (re-import rules apply) and saves it.
    pub fn import_ledger(self, imported: Imported, dataset_name: &str) -> AddReport {
        let mut report = AddReport::default();
        self.workspace.update(|w| {
            if let Some(w) = w {
                report = add_to_workspace(w, imported, dataset_name);
                if report.added > 0 {
                    w.modified = now_iso();
                }
            }
        });
        if report.added > 0 {
            // A commit is saved at once, not after the autosave pause.
            self.save_after_paint();
        }
        report
    }

    /// Downloads the open workspace as a workspace file.
    pub fn export_current(self) -> Result<(), String> {
        let Some((name, text)) = self
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| (w.name.clone(), workspace_to_json(w))))
        else {
            return Err("no workspace is open".into());
        };
        files::download_text(
            &files::safe_file_name(&name, ".sandtable.json"),
            "application/json",
            &text,
        )?;
        self.notify(Notice::Exported);
        Ok(())
    }
}

/// Today's date on the user's clock.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(Date(0))
}

pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Resolves after `delay` (a timer of the page; nothing waits in the meantime).
async fn pause(delay: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let ms = i32::try_from(delay.as_millis()).unwrap_or(i32::MAX);
        let set = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
        if !matches!(set, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A new workspace id, unique in practice: the time plus 24 random bits.
pub fn new_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 16_777_216.0) as u32;
    format!("ws-{time:x}-{random:06x}")
}
