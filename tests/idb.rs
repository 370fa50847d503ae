//! The IndexedDB layer in a real browser: chunked ledgers round-trip exactly, saves are
//! revision-checked so a stale copy never overwrites newer work, and deletes leave nothing behind.
#![cfg(target_arch = "wasm32")]

use sandtable_app::storage::{self, Expect, StorageError};
use sandtable_core::MasterEdit;
use sandtable_core::{Date, Edit, Workspace, apply, demo_workspace};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn demo(id: &str) -> Workspace {
    let mut ws = demo_workspace(Date::from_ymd(2026, 11, 22).expect("a valid date"));
    ws.id = id.to_string();
    ws
}

#[wasm_bindgen_test]
async fn a_saved_workspace_loads_back_identical_with_its_ledger_in_chunks() {
    let ws = demo("t-roundtrip");
    let rev = storage::save(&storage::prepare(&ws, true), Expect::New)
        .await
        .expect("saved");
    assert_eq!(rev, 1);
    let (loaded, loaded_rev) = storage::load("t-roundtrip")
        .await
        .expect("read")
        .expect("present");
    assert_eq!(loaded_rev, 1);
    assert_eq!(loaded, ws);
    let rows = ws.datasets[0].ledger.rows();
    let chunks = storage::chunk_count("t-roundtrip").await.expect("counted") as usize;
    // One header per dataset plus ⌈rows / ROWS_PER_CHUNK⌉ chunks: never one object per row.
    assert_eq!(chunks, 1 + rows.div_ceil(storage::ROWS_PER_CHUNK));
    let metas = storage::list().await.expect("listed");
    let meta = metas
        .iter()
        .find(|m| m.id == "t-roundtrip")
        .expect("listed meta");
    assert_eq!(meta.rows as usize, rows);
    assert_eq!(meta.name, ws.name);
}

#[wasm_bindgen_test]
async fn a_stale_copy_is_refused_and_the_newer_work_survives() {
    let ws = demo("t-conflict");
    storage::save(&storage::prepare(&ws, true), Expect::New)
        .await
        .expect("first save");
    // Tab A saves an edit at revision 1 → 2.
    let mut a = ws.clone();
    apply(
        &mut a,
        &Edit::Master(MasterEdit::RenameWorkspace {
            name: "A 的版本".into(),
        }),
    )
    .expect("renamed");
    assert_eq!(
        storage::save(&storage::prepare(&a, false), Expect::Revision(1)).await,
        Ok(2)
    );
    // Tab B still holds revision 1 and tries to save its own edit.
    let mut b = ws.clone();
    apply(
        &mut b,
        &Edit::Master(MasterEdit::RenameWorkspace {
            name: "B 的版本".into(),
        }),
    )
    .expect("renamed");
    let refused = storage::save(&storage::prepare(&b, true), Expect::Revision(1)).await;
    assert_eq!(
        refused,
        Err(StorageError::Conflict {
            stored: Some(2),
            ours: Some(1)
        })
    );
    let (stored, rev) = storage::load("t-conflict")
        .await
        .expect("read")
        .expect("present");
    assert_eq!(rev, 2);
    assert_eq!(stored.name, "A 的版本");
    assert_eq!(stored.datasets, ws.datasets);
}

#[wasm_bindgen_test]
async fn a_new_workspace_never_replaces_an_existing_one() {
    let ws = demo("t-new");
    storage::save(&storage::prepare(&ws, true), Expect::New)
        .await
        .expect("first save");
    let again = storage::save(&storage::prepare(&ws, true), Expect::New).await;
    assert_eq!(
        again,
        Err(StorageError::Conflict {
            stored: Some(1),
            ours: None
        })
    );
}

#[wasm_bindgen_test]
async fn saving_without_ledgers_keeps_the_stored_chunks() {
    let ws = demo("t-doc-only");
    storage::save(&storage::prepare(&ws, true), Expect::New)
        .await
        .expect("first save");
    let mut edited = ws.clone();
    apply(
        &mut edited,
        &Edit::Master(MasterEdit::SetCustomerTier {
            id: ws.customers[0].id.clone(),
            tier: Some("A".into()),
        }),
    )
    .expect("tier set");
    storage::save(&storage::prepare(&edited, false), Expect::Revision(1))
        .await
        .expect("second save");
    let (loaded, _) = storage::load("t-doc-only")
        .await
        .expect("read")
        .expect("present");
    assert_eq!(loaded, edited);
}

#[wasm_bindgen_test]
async fn deleting_a_workspace_removes_its_record_and_every_chunk() {
    let ws = demo("t-delete");
    storage::save(&storage::prepare(&ws, true), Expect::New)
        .await
        .expect("saved");
    assert!(storage::chunk_count("t-delete").await.expect("counted") > 0);
    storage::delete("t-delete").await.expect("deleted");
    assert_eq!(storage::load("t-delete").await, Ok(None));
    assert_eq!(storage::chunk_count("t-delete").await, Ok(0));
    assert!(
        storage::list()
            .await
            .expect("listed")
            .iter()
            .all(|m| m.id != "t-delete")
    );
}

#[wasm_bindgen_test]
async fn loading_a_missing_workspace_is_none_not_an_error() {
    assert_eq!(storage::load("t-never-saved").await, Ok(None));
}
