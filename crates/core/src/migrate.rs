//! Upgrading older workspace files, one version step at a time, before they are read.

use serde_json::Value;

/// One upgrade step of the JSON document (the whole file, `format` and `version` included).
#[derive(Copy, Clone, Debug)]
pub struct Migration {
    /// The version it reads.
    pub from: u32,
    /// The version it produces.
    pub to: u32,
    /// The change; an error is a sentence saying what could not be upgraded.
    pub migrate: fn(Value) -> Result<Value, String>,
}

/// The registry of upgrades for workspace files, in order.
pub const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    to: 2,
    migrate: v1_to_v2,
}];

/// Version 2 adds the target plans (`workspace.targets`). A version 1 workspace has none, so
/// the step only checks that there is a workspace object and gives it an empty `targets` when
/// it has none (a file written while the plans were being introduced may already carry them in
/// the version 2 shape; they are kept).
fn v1_to_v2(mut doc: Value) -> Result<Value, String> {
    let ws = doc
        .get_mut("workspace")
        .and_then(Value::as_object_mut)
        .ok_or("the file has no workspace object")?;
    ws.entry("targets")
        .or_insert_with(|| Value::Object(Default::default()));
    Ok(doc)
}

/// Why a document could not be brought up to date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrateError {
    /// No step in the registry starts at this version.
    NoPath {
        /// The version that could not be upgraded.
        from: u32,
    },
    /// A step failed.
    Failed {
        /// The version the failing step reads.
        from: u32,
        /// What went wrong.
        detail: String,
    },
}

/// Upgrades `doc` from version `from` to version `to` with the steps in `registry`, applying
/// the step that starts at the current version until `to` is reached, and updating the
/// document's `version` field after each step. A document already at `to` is returned as is.
pub fn migrate_with(
    registry: &[Migration],
    mut doc: Value,
    from: u32,
    to: u32,
) -> Result<Value, MigrateError> {
    let mut version = from;
    while version < to {
        let step = registry
            .iter()
            .find(|m| m.from == version && m.to > version && m.to <= to)
            .ok_or(MigrateError::NoPath { from: version })?;
        doc = (step.migrate)(doc).map_err(|detail| MigrateError::Failed {
            from: version,
            detail,
        })?;
        if let Value::Object(map) = &mut doc {
            map.insert("version".to_string(), Value::from(step.to));
        }
        version = step.to;
    }
    Ok(doc)
}

/// Upgrades a workspace document with [`MIGRATIONS`].
pub fn migrate(doc: Value, from: u32, to: u32) -> Result<Value, MigrateError> {
    migrate_with(MIGRATIONS, doc, from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rename_title(mut doc: Value) -> Result<Value, String> {
        let ws = doc
            .get_mut("workspace")
            .and_then(Value::as_object_mut)
            .ok_or("no workspace")?;
        let title = ws.remove("title").ok_or("no title")?;
        ws.insert("name".into(), title);
        Ok(doc)
    }

    fn add_datasets(mut doc: Value) -> Result<Value, String> {
        let ws = doc
            .get_mut("workspace")
            .and_then(Value::as_object_mut)
            .ok_or("no workspace")?;
        ws.entry("datasets").or_insert(json!([]));
        Ok(doc)
    }

    fn fail(_: Value) -> Result<Value, String> {
        Err("cannot read the old ledger".into())
    }

    const TEST_REGISTRY: &[Migration] = &[
        Migration {
            from: 1,
            to: 2,
            migrate: rename_title,
        },
        Migration {
            from: 2,
            to: 3,
            migrate: add_datasets,
        },
        Migration {
            from: 3,
            to: 4,
            migrate: fail,
        },
    ];

    #[test]
    fn migrations_apply_in_order_and_bump_the_version() {
        let doc = json!({"format": "x", "version": 1, "workspace": {"title": "沙盘"}});
        let out = migrate_with(TEST_REGISTRY, doc, 1, 3);
        assert_eq!(
            out,
            Ok(json!({"format": "x", "version": 3, "workspace": {"name": "沙盘", "datasets": []}}))
        );
    }

    #[test]
    fn a_document_at_the_target_version_is_unchanged() {
        let doc = json!({"version": 3, "a": 1});
        assert_eq!(
            migrate_with(TEST_REGISTRY, doc.clone(), 3, 3),
            Ok(doc.clone())
        );
        assert_eq!(migrate(doc.clone(), 1, 1), Ok(doc));
    }

    #[test]
    fn a_failing_step_reports_its_version() {
        let doc = json!({"version": 3, "workspace": {}});
        assert_eq!(
            migrate_with(TEST_REGISTRY, doc, 3, 4),
            Err(MigrateError::Failed {
                from: 3,
                detail: "cannot read the old ledger".into()
            })
        );
        assert_eq!(
            migrate_with(TEST_REGISTRY, json!({}), 1, 2),
            Err(MigrateError::Failed {
                from: 1,
                detail: "no workspace".into()
            })
        );
    }

    #[test]
    fn a_gap_in_the_registry_is_reported() {
        assert_eq!(
            migrate_with(TEST_REGISTRY, json!({}), 4, 5),
            Err(MigrateError::NoPath { from: 4 })
        );
        assert_eq!(
            migrate_with(&[], json!({}), 1, 2),
            Err(MigrateError::NoPath { from: 1 })
        );
    }

    #[test]
    fn version_1_gains_empty_targets_and_keeps_everything_else() {
        let doc = json!({"format": "sandtable.workspace", "version": 1,
            "workspace": {"name": "沙盘", "customers": [{"id": "C1"}]}});
        let up = migrate(doc, 1, 2).unwrap();
        assert_eq!(
            up,
            json!({"format": "sandtable.workspace", "version": 2,
                "workspace": {"name": "沙盘", "customers": [{"id": "C1"}], "targets": {}}})
        );
        let with_plans =
            json!({"version": 1, "workspace": {"targets": {"plans": [{"year": 2025}]}}});
        assert_eq!(
            migrate(with_plans, 1, 2).unwrap()["workspace"]["targets"],
            json!({"plans": [{"year": 2025}]})
        );
        assert_eq!(
            migrate(json!({"version": 1}), 1, 2),
            Err(MigrateError::Failed {
                from: 1,
                detail: "the file has no workspace object".into()
            })
        );
    }

    #[test]
    fn the_real_registry_is_ordered_and_contiguous() {
        for pair in MIGRATIONS.windows(2) {
            assert_eq!(pair[0].to, pair[1].from);
        }
        for m in MIGRATIONS {
            assert!(m.to > m.from && m.to <= crate::format::WORKSPACE_VERSION);
        }
    }
}
