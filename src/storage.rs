//! Workspaces in IndexedDB.
//!
//! Two object stores:
//! - `workspaces`: one record per workspace, keyed by its id: `{id, name, modified, revision, rows,
//!   doc}` where `doc` is the workspace file (core format) with every ledger left empty.
//! - `chunks`: the ledgers as compact binary columnar blobs (core `chunk` codec), keyed
//!   `"{workspace}\u{1}{dataset}\u{1}h"` for a dataset's header and `"…\u{1}{n:06}"` for its chunks.
//!
//! Every save runs in one read-write transaction that first checks the stored revision against the
//! revision the caller's copy is based on, so two tabs never overwrite each other's work silently.

use std::cell::RefCell;
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use js_sys::{Object, Reflect, Uint8Array};
use sandtable_core::{
    Lang, Ledger, Workspace, decode_ledger_chunks, encode_ledger_chunks, workspace_from_json,
    workspace_to_json,
};
use wasm_bindgen::{JsCast, JsValue};

const DB_NAME: &str = "sandtable";
const DB_VERSION: u32 = 1;
const WORKSPACES: &str = "workspaces";
const CHUNKS: &str = "chunks";
/// Rows per stored ledger chunk: large enough to keep the object count small, small enough that
/// one chunk stays well under a megabyte.
pub const ROWS_PER_CHUNK: usize = 65_536;
const SEP: char = '\u{1}';

/// What can go wrong with browser storage. Every variant is shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// IndexedDB cannot be opened (private mode, disabled storage, very old browser).
    Unavailable(String),
    /// The browser refused to store more data.
    Quota(String),
    /// Another tab saved this workspace since this copy was loaded.
    Conflict {
        stored: Option<u64>,
        ours: Option<u64>,
    },
    /// A stored record could not be read back.
    Corrupt(String),
    /// Anything else the browser reported.
    Other(String),
}

impl StorageError {
    /// The message a user reads.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StorageError::Unavailable(d), Lang::Zh) => {
                format!("无法打开浏览器存储（{d}）。本次的更改不会保存在本设备上。")
            }
            (StorageError::Unavailable(d), Lang::En) => format!(
                "Browser storage cannot be opened ({d}). Changes made now will not be kept on this device."
            ),
            (StorageError::Quota(d), Lang::Zh) => {
                format!("浏览器存储空间已满（{d}）。请导出工作区文件，并删除不再需要的工作区。")
            }
            (StorageError::Quota(d), Lang::En) => format!(
                "Browser storage is full ({d}). Export the workspace to a file and delete workspaces you no longer need."
            ),
            (StorageError::Conflict { .. }, Lang::Zh) => {
                "此工作区已在另一个标签页中被修改，本页没有覆盖它。".to_string()
            }
            (StorageError::Conflict { .. }, Lang::En) => {
                "This workspace was changed in another tab; this tab did not overwrite it."
                    .to_string()
            }
            (StorageError::Corrupt(d), Lang::Zh) => format!("存储的工作区数据已损坏（{d}）。"),
            (StorageError::Corrupt(d), Lang::En) => {
                format!("The stored workspace data is damaged ({d}).")
            }
            (StorageError::Other(d), Lang::Zh) => format!("浏览器存储出错：{d}"),
            (StorageError::Other(d), Lang::En) => format!("Browser storage error: {d}"),
        }
    }
}

impl From<idb::Error> for StorageError {
    fn from(e: idb::Error) -> Self {
        let text = e.to_string();
        if text.contains("Quota") || text.contains("quota") {
            StorageError::Quota(text)
        } else {
            StorageError::Other(text)
        }
    }
}

/// A stored workspace as the workspace list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceMeta {
    pub id: String,
    pub name: String,
    pub modified: String,
    pub revision: u64,
    pub rows: u64,
}

/// What a save expects to find in storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// No workspace with this id may exist yet.
    New,
    /// The stored revision must be this one (the revision the caller's copy was loaded at).
    Revision(u64),
}

/// A workspace turned into the records a save writes. Built synchronously from a borrowed
/// workspace so the caller does not have to clone a large ledger.
pub struct Prepared {
    pub id: String,
    name: String,
    modified: String,
    rows: u64,
    doc: String,
    /// `None` when the ledgers did not change and their stored chunks stay as they are.
    ledgers: Option<Vec<EncodedLedger>>,
}

/// A dataset's ledger, encoded: (dataset id, header blob, chunk blobs).
type EncodedLedger = (String, Vec<u8>, Vec<Vec<u8>>);

/// Prepares `ws` for saving; `with_ledgers` rewrites its ledger chunks too.
pub fn prepare(ws: &Workspace, with_ledgers: bool) -> Prepared {
    let mut slim = ws.clone();
    for d in &mut slim.datasets {
        d.ledger = Ledger::default();
    }
    let ledgers = with_ledgers.then(|| {
        ws.datasets
            .iter()
            .map(|d| {
                let (header, chunks) = encode_ledger_chunks(&d.ledger, ROWS_PER_CHUNK);
                (d.id.clone(), header, chunks)
            })
            .collect()
    });
    Prepared {
        id: ws.id.clone(),
        name: ws.name.clone(),
        modified: ws.modified.clone(),
        rows: ws.datasets.iter().map(|d| d.ledger.rows() as u64).sum(),
        doc: workspace_to_json(&slim),
        ledgers,
    }
}

thread_local! {
    static DB: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
}

/// The open database, opened (and created or upgraded) on first use.
async fn db() -> Result<Rc<Database>, StorageError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
    let mut request = factory
        .open(DB_NAME, Some(DB_VERSION))
        .map_err(|e| StorageError::Unavailable(e.to_string()))?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else { return };
        let names = db.store_names();
        for store in [WORKSPACES, CHUNKS] {
            if !names.iter().any(|n| n == store) {
                // A failure here aborts the upgrade; the open request then reports it.
                let _ = db.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    let db = Rc::new(
        request
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?,
    );
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn chunk_range(workspace: &str) -> Result<Query, StorageError> {
    let lower = JsValue::from_str(&format!("{workspace}{SEP}"));
    let upper = JsValue::from_str(&format!("{workspace}\u{2}"));
    Ok(Query::KeyRange(KeyRange::bound(
        &lower,
        &upper,
        Some(false),
        Some(true),
    )?))
}

fn record(p: &Prepared, revision: u64) -> Result<JsValue, StorageError> {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        Reflect::set(&o, &JsValue::from_str(k), &v)
            .map_err(|e| StorageError::Other(format!("{e:?}")))
    };
    set("id", JsValue::from_str(&p.id))?;
    set("name", JsValue::from_str(&p.name))?;
    set("modified", JsValue::from_str(&p.modified))?;
    set("revision", JsValue::from_f64(revision as f64))?;
    set("rows", JsValue::from_f64(p.rows as f64))?;
    set("doc", JsValue::from_str(&p.doc))?;
    Ok(o.into())
}

fn field_str(v: &JsValue, k: &str) -> Option<String> {
    Reflect::get(v, &JsValue::from_str(k)).ok()?.as_string()
}

fn field_u64(v: &JsValue, k: &str) -> Option<u64> {
    let n = Reflect::get(v, &JsValue::from_str(k)).ok()?.as_f64()?;
    (n >= 0.0 && n.fract() == 0.0).then_some(n as u64)
}

fn meta_of(v: &JsValue) -> Option<WorkspaceMeta> {
    Some(WorkspaceMeta {
        id: field_str(v, "id")?,
        name: field_str(v, "name")?,
        modified: field_str(v, "modified").unwrap_or_default(),
        revision: field_u64(v, "revision")?,
        rows: field_u64(v, "rows").unwrap_or(0),
    })
}

/// Every stored workspace, most recently modified first.
pub async fn list() -> Result<Vec<WorkspaceMeta>, StorageError> {
    let db = db().await?;
    let tx = db.transaction(&[WORKSPACES], TransactionMode::ReadOnly)?;
    let values = tx.object_store(WORKSPACES)?.get_all(None, None)?.await?;
    let mut metas: Vec<WorkspaceMeta> = values.iter().filter_map(meta_of).collect();
    metas.sort_by(|a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(metas)
}

/// Loads a workspace with its ledgers, and the revision it was stored at.
pub async fn load(id: &str) -> Result<Option<(Workspace, u64)>, StorageError> {
    let db = db().await?;
    let tx = db.transaction(&[WORKSPACES, CHUNKS], TransactionMode::ReadOnly)?;
    // Every request is made before the first answer is awaited: the transaction then never
    // waits on this code between two of them (an engine may close a transaction that has
    // nothing pending while the page is busy).
    let rec = tx.object_store(WORKSPACES)?.get(JsValue::from_str(id))?;
    let chunks = tx.object_store(CHUNKS)?;
    let keys = chunks.get_all_keys(Some(chunk_range(id)?), None)?;
    let values = chunks.get_all(Some(chunk_range(id)?), None)?;
    let Some(rec) = rec.await? else {
        return Ok(None);
    };
    let keys = keys.await?;
    let values = values.await?;
    let revision =
        field_u64(&rec, "revision").ok_or_else(|| StorageError::Corrupt("revision".into()))?;
    let doc = field_str(&rec, "doc").ok_or_else(|| StorageError::Corrupt("doc".into()))?;
    let (mut ws, _issues) =
        workspace_from_json(&doc).map_err(|e| StorageError::Corrupt(e.message(Lang::En)))?;
    for d in &mut ws.datasets {
        let prefix = format!("{id}{SEP}{}{SEP}", d.id);
        let mut header = None;
        let mut parts = Vec::new();
        for (k, v) in keys.iter().zip(values.iter()) {
            let Some(rest) = k
                .as_string()
                .and_then(|k| k.strip_prefix(&prefix).map(str::to_owned))
            else {
                continue;
            };
            let bytes = v
                .dyn_ref::<Uint8Array>()
                .ok_or_else(|| StorageError::Corrupt(format!("chunk {rest} of {}", d.id)))?
                .to_vec();
            if rest == "h" {
                header = Some(bytes);
            } else {
                parts.push(bytes); // keys come back sorted, so chunks are in order
            }
        }
        let header =
            header.ok_or_else(|| StorageError::Corrupt(format!("ledger header of {}", d.id)))?;
        d.ledger = decode_ledger_chunks(&header, &parts)
            .map_err(|e| StorageError::Corrupt(e.to_string()))?;
    }
    Ok(Some((ws, revision)))
}

/// Saves a prepared workspace if storage holds what `expect` says; returns the new revision.
pub async fn save(p: &Prepared, expect: Expect) -> Result<u64, StorageError> {
    let db = db().await?;
    let tx = db.transaction(&[WORKSPACES, CHUNKS], TransactionMode::ReadWrite)?;
    let workspaces = tx.object_store(WORKSPACES)?;
    let key = JsValue::from_str(&p.id);
    let stored = workspaces.get(key.clone())?.await?;
    let stored_revision = stored.as_ref().and_then(|v| field_u64(v, "revision"));
    let ok = match expect {
        Expect::New => stored.is_none(),
        Expect::Revision(r) => stored_revision == Some(r),
    };
    if !ok {
        let _ = tx.abort();
        let ours = match expect {
            Expect::New => None,
            Expect::Revision(r) => Some(r),
        };
        return Err(StorageError::Conflict {
            stored: stored_revision,
            ours,
        });
    }
    let revision = stored_revision.unwrap_or(0) + 1;
    workspaces.put(&record(p, revision)?, Some(&key))?;
    if let Some(ledgers) = &p.ledgers {
        let chunks = tx.object_store(CHUNKS)?;
        chunks.delete(chunk_range(&p.id)?)?;
        for (dataset, header, parts) in ledgers {
            let h = JsValue::from_str(&format!("{}{SEP}{dataset}{SEP}h", p.id));
            chunks.put(&Uint8Array::from(header.as_slice()).into(), Some(&h))?;
            for (i, part) in parts.iter().enumerate() {
                let k = JsValue::from_str(&format!("{}{SEP}{dataset}{SEP}{i:06}", p.id));
                chunks.put(&Uint8Array::from(part.as_slice()).into(), Some(&k))?;
            }
        }
    }
    let result = tx.commit()?.await?;
    if result.is_committed() {
        Ok(revision)
    } else {
        Err(StorageError::Other(
            "the save was aborted by the browser".into(),
        ))
    }
}

/// Deletes a workspace and its ledgers.
pub async fn delete(id: &str) -> Result<(), StorageError> {
    let db = db().await?;
    let tx = db.transaction(&[WORKSPACES, CHUNKS], TransactionMode::ReadWrite)?;
    tx.object_store(WORKSPACES)?.delete(JsValue::from_str(id))?;
    tx.object_store(CHUNKS)?.delete(chunk_range(id)?)?;
    let result = tx.commit()?.await?;
    if result.is_committed() {
        Ok(())
    } else {
        Err(StorageError::Other(
            "the deletion was aborted by the browser".into(),
        ))
    }
}

/// The number of stored chunk objects of a workspace (its header records included).
pub async fn chunk_count(id: &str) -> Result<u32, StorageError> {
    let db = db().await?;
    let tx = db.transaction(&[CHUNKS], TransactionMode::ReadOnly)?;
    Ok(tx
        .object_store(CHUNKS)?
        .count(Some(chunk_range(id)?))?
        .await?)
}

/// Asks the browser to keep this site's storage under storage pressure. Returns whether it agreed.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.storage` exists only in secure contexts.
    if !Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false) {
        return false;
    }
    let Ok(promise) = navigator.storage().persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
