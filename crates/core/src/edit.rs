//! Undoable edits of a workspace's master data.

use crate::issue::Entity;
use crate::master::{self, Customers, MasterKind, Products, Snapshot};
use crate::{CustomerKind, Lang, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;

/// One change to a workspace. Applying an edit returns its inverse, which undoes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Rename the workspace.
    RenameWorkspace { name: String },
    /// Rename a customer.
    SetCustomerName { id: String, name: String },
    /// Change a customer's type.
    SetCustomerKind { id: String, kind: CustomerKind },
    /// Set or clear a customer's tier.
    SetCustomerTier { id: String, tier: Option<String> },
    /// Move a customer to another region.
    SetCustomerRegion { id: String, region: String },
    /// Rename a product.
    SetProductName { id: String, name: String },
    /// Change a product's category.
    SetProductCategory { id: String, category: String },
    /// Rename a region.
    SetRegionName { id: String, name: String },
    /// Rename a salesperson.
    SetSalespersonName { id: String, name: String },
    /// Merge customers `others` into `keep` (master data and every ledger row).
    MergeCustomers { keep: String, others: Vec<String> },
    /// Put customers and the ledgers' customer columns back as they were (a merge's inverse).
    RestoreCustomers {
        snapshot: crate::master::CustomerSnapshot,
    },
    /// Merge products `others` into `keep` (master data and every ledger row).
    MergeProducts { keep: String, others: Vec<String> },
    /// Put products and the ledgers' product columns back as they were (a merge's inverse).
    RestoreProducts {
        snapshot: crate::master::ProductSnapshot,
    },
}

/// Why an edit was refused; the workspace is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// No record has this id.
    UnknownId {
        /// What kind of record was looked for.
        what: Entity,
        /// The id.
        id: String,
    },
    /// Names, categories and region ids must not be empty.
    Empty {
        /// Which field ("name", "category", "region").
        field: &'static str,
    },
}

impl EditError {
    /// A message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (EditError::UnknownId { what, id }, Lang::Zh) => {
                format!(
                    "找不到编号为“{id}”的{}，可能已被删除。请刷新后重试。",
                    what.label(lang)
                )
            }
            (EditError::UnknownId { what, id }, Lang::En) => {
                format!(
                    "There is no {} with the id \"{id}\"; it may have been deleted. Refresh and try again.",
                    what.label(lang)
                )
            }
            (EditError::Empty { field }, Lang::Zh) => {
                let field = match *field {
                    "name" => "名称",
                    "category" => "品类",
                    "region" => "区域",
                    other => other,
                };
                format!("{field}不能为空。请输入内容后再保存。")
            }
            (EditError::Empty { field }, Lang::En) => {
                format!("The {field} must not be empty. Enter one, then save.")
            }
        }
    }
}

impl fmt::Display for EditError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EditError {}

/// Applies an edit and returns its inverse. New names, categories and regions must not be
/// blank (the region need not exist: validation warns about dangling references). On error
/// nothing is changed.
pub fn apply(ws: &mut Workspace, edit: &Edit) -> Result<Edit, EditError> {
    let blank = |field, value: &str| {
        if value.trim().is_empty() {
            Err(EditError::Empty { field })
        } else {
            Ok(())
        }
    };
    match edit {
        Edit::RenameWorkspace { name }
        | Edit::SetCustomerName { name, .. }
        | Edit::SetProductName { name, .. }
        | Edit::SetRegionName { name, .. }
        | Edit::SetSalespersonName { name, .. } => blank("name", name)?,
        Edit::SetProductCategory { category, .. } => blank("category", category)?,
        Edit::SetCustomerRegion { region, .. } => blank("region", region)?,
        Edit::SetCustomerKind { .. } | Edit::SetCustomerTier { .. } => {}
        Edit::MergeCustomers { keep, others } => check_merge::<Customers>(ws, keep, others)?,
        Edit::MergeProducts { keep, others } => check_merge::<Products>(ws, keep, others)?,
        Edit::RestoreCustomers { .. } | Edit::RestoreProducts { .. } => {}
    }
    apply_unchecked(ws, edit)
}

/// Refuses a merge whose records are not all in master data.
fn check_merge<K: MasterKind>(
    ws: &Workspace,
    keep: &str,
    others: &[String],
) -> Result<(), EditError> {
    match master::unknown_in_merge::<K>(ws, keep, others) {
        Some(id) => Err(EditError::UnknownId {
            what: K::ENTITY,
            id: id.to_string(),
        }),
        None => Ok(()),
    }
}

/// Merges and returns the snapshot that undoes the merge.
fn merged<K: MasterKind>(ws: &mut Workspace, keep: &str, others: &[String]) -> Snapshot<K::Record> {
    let before = master::snapshot::<K>(ws);
    master::merge::<K>(ws, keep, others);
    before
}

/// Restores a snapshot and returns the one that undoes the restore.
fn restored<K: MasterKind>(
    ws: &mut Workspace,
    snapshot: &Snapshot<K::Record>,
) -> Snapshot<K::Record> {
    let now = master::snapshot::<K>(ws);
    master::restore::<K>(ws, snapshot);
    now
}

/// Applies an edit without checking the new values (used to undo and redo, which restore
/// values the workspace already had).
fn apply_unchecked(ws: &mut Workspace, edit: &Edit) -> Result<Edit, EditError> {
    let unknown = |what, id: &str| EditError::UnknownId {
        what,
        id: id.to_string(),
    };
    let inverse = match edit {
        Edit::MergeCustomers { keep, others } => Edit::RestoreCustomers {
            snapshot: merged::<Customers>(ws, keep, others),
        },
        Edit::RestoreCustomers { snapshot } => Edit::RestoreCustomers {
            snapshot: restored::<Customers>(ws, snapshot),
        },
        Edit::MergeProducts { keep, others } => Edit::RestoreProducts {
            snapshot: merged::<Products>(ws, keep, others),
        },
        Edit::RestoreProducts { snapshot } => Edit::RestoreProducts {
            snapshot: restored::<Products>(ws, snapshot),
        },
        Edit::RenameWorkspace { name } => Edit::RenameWorkspace {
            name: std::mem::replace(&mut ws.name, name.clone()),
        },
        Edit::SetCustomerName { id, name } => {
            let c = ws
                .customers
                .iter_mut()
                .find(|c| &c.id == id)
                .ok_or_else(|| unknown(Entity::Customer, id))?;
            Edit::SetCustomerName {
                id: id.clone(),
                name: std::mem::replace(&mut c.name, name.clone()),
            }
        }
        Edit::SetCustomerKind { id, kind } => {
            let c = ws
                .customers
                .iter_mut()
                .find(|c| &c.id == id)
                .ok_or_else(|| unknown(Entity::Customer, id))?;
            Edit::SetCustomerKind {
                id: id.clone(),
                kind: std::mem::replace(&mut c.kind, *kind),
            }
        }
        Edit::SetCustomerTier { id, tier } => {
            let c = ws
                .customers
                .iter_mut()
                .find(|c| &c.id == id)
                .ok_or_else(|| unknown(Entity::Customer, id))?;
            Edit::SetCustomerTier {
                id: id.clone(),
                tier: std::mem::replace(&mut c.tier, tier.clone()),
            }
        }
        Edit::SetCustomerRegion { id, region } => {
            let c = ws
                .customers
                .iter_mut()
                .find(|c| &c.id == id)
                .ok_or_else(|| unknown(Entity::Customer, id))?;
            Edit::SetCustomerRegion {
                id: id.clone(),
                region: std::mem::replace(&mut c.region, region.clone()),
            }
        }
        Edit::SetProductName { id, name } => {
            let p = ws
                .products
                .iter_mut()
                .find(|p| &p.id == id)
                .ok_or_else(|| unknown(Entity::Product, id))?;
            Edit::SetProductName {
                id: id.clone(),
                name: std::mem::replace(&mut p.name, name.clone()),
            }
        }
        Edit::SetProductCategory { id, category } => {
            let p = ws
                .products
                .iter_mut()
                .find(|p| &p.id == id)
                .ok_or_else(|| unknown(Entity::Product, id))?;
            Edit::SetProductCategory {
                id: id.clone(),
                category: std::mem::replace(&mut p.category, category.clone()),
            }
        }
        Edit::SetRegionName { id, name } => {
            let r = ws
                .regions
                .iter_mut()
                .find(|r| &r.id == id)
                .ok_or_else(|| unknown(Entity::Region, id))?;
            Edit::SetRegionName {
                id: id.clone(),
                name: std::mem::replace(&mut r.name, name.clone()),
            }
        }
        Edit::SetSalespersonName { id, name } => {
            let s = ws
                .salespeople
                .iter_mut()
                .find(|s| &s.id == id)
                .ok_or_else(|| unknown(Entity::Salesperson, id))?;
            Edit::SetSalespersonName {
                id: id.clone(),
                name: std::mem::replace(&mut s.name, name.clone()),
            }
        }
    };
    Ok(inverse)
}

/// Undo and redo stacks of edits, holding at most `limit` undo steps (the oldest are dropped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    undo: VecDeque<Edit>,
    redo: Vec<Edit>,
    limit: usize,
}

impl History {
    /// An empty history keeping at most `limit` undo steps.
    pub fn new(limit: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit,
        }
    }

    /// Applies an edit, remembers how to undo it and forgets what could be redone.
    pub fn apply(&mut self, ws: &mut Workspace, edit: &Edit) -> Result<(), EditError> {
        let inverse = apply(ws, edit)?;
        self.undo.push_back(inverse);
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; `false` when there was nothing to undo (or the record it changed
    /// has since disappeared, in which case that step is dropped).
    pub fn undo(&mut self, ws: &mut Workspace) -> bool {
        let Some(inverse) = self.undo.pop_back() else {
            return false;
        };
        match apply_unchecked(ws, &inverse) {
            Ok(redo) => {
                self.redo.push(redo);
                true
            }
            Err(_) => false,
        }
    }

    /// Redoes the last undone edit; `false` when there was nothing to redo.
    pub fn redo(&mut self, ws: &mut Workspace) -> bool {
        let Some(edit) = self.redo.pop() else {
            return false;
        };
        match apply_unchecked(ws, &edit) {
            Ok(inverse) => {
                self.undo.push_back(inverse);
                true
            }
            Err(_) => false,
        }
    }

    /// The edit [`History::undo`] would apply next (the inverse of the last edit).
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.back()
    }

    /// The edit [`History::redo`] would apply next.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (after loading another workspace).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Customer, Product, Region, Salesperson};

    fn workspace() -> Workspace {
        Workspace {
            id: "w".into(),
            name: "沙盘".into(),
            customers: vec![Customer {
                id: "C1".into(),
                name: "杭州瑞丰商贸有限公司".into(),
                region: "R1".into(),
                kind: CustomerKind::Distributor,
                tier: None,
            }],
            products: vec![Product {
                id: "P1".into(),
                name: "柠檬茶".into(),
                category: "饮料".into(),
                price: None,
                launched: None,
            }],
            regions: vec![Region {
                id: "R1".into(),
                name: "华东".into(),
            }],
            salespeople: vec![Salesperson {
                id: "S1".into(),
                name: "张伟".into(),
                region: "R1".into(),
            }],
            ..Workspace::default()
        }
    }

    #[test]
    fn apply_returns_the_inverse() {
        let mut ws = workspace();
        let inverse = apply(
            &mut ws,
            &Edit::SetCustomerName {
                id: "C1".into(),
                name: "新名".into(),
            },
        );
        assert_eq!(
            inverse,
            Ok(Edit::SetCustomerName {
                id: "C1".into(),
                name: "杭州瑞丰商贸有限公司".into()
            })
        );
        assert_eq!(ws.customers[0].name, "新名");
    }

    #[test]
    fn unknown_ids_and_blank_names_are_refused_without_change() {
        let mut ws = workspace();
        let before = ws.clone();
        let err = apply(
            &mut ws,
            &Edit::SetProductName {
                id: "P9".into(),
                name: "x".into(),
            },
        );
        assert_eq!(
            err,
            Err(EditError::UnknownId {
                what: Entity::Product,
                id: "P9".into()
            })
        );
        assert_eq!(
            err.err().map(|e| e.message(Lang::En)).as_deref(),
            Some(
                "There is no product with the id \"P9\"; it may have been deleted. Refresh and try again."
            )
        );
        let err = apply(&mut ws, &Edit::RenameWorkspace { name: "  ".into() });
        assert_eq!(err, Err(EditError::Empty { field: "name" }));
        assert_eq!(
            err.err().map(|e| e.message(Lang::Zh)).as_deref(),
            Some("名称不能为空。请输入内容后再保存。")
        );
        assert_eq!(ws, before);
    }

    #[test]
    fn history_undo_then_redo_is_identity() {
        let mut ws = workspace();
        let mut h = History::new(10);
        assert!(!h.can_undo() && !h.can_redo());
        assert_eq!(
            h.apply(
                &mut ws,
                &Edit::SetRegionName {
                    id: "R1".into(),
                    name: "华东一区".into()
                }
            ),
            Ok(())
        );
        let edited = ws.clone();
        assert!(h.undo(&mut ws));
        assert_eq!(ws, workspace());
        assert!(h.can_redo());
        assert!(h.redo(&mut ws));
        assert_eq!(ws, edited);
        assert!(!h.redo(&mut ws));
    }

    #[test]
    fn a_new_edit_clears_redo_and_the_limit_drops_the_oldest() {
        let mut ws = workspace();
        let mut h = History::new(2);
        for name in ["a", "b", "c"] {
            assert_eq!(
                h.apply(&mut ws, &Edit::RenameWorkspace { name: name.into() }),
                Ok(())
            );
        }
        assert!(h.undo(&mut ws));
        assert!(h.undo(&mut ws));
        assert!(!h.undo(&mut ws));
        assert_eq!(ws.name, "a");
        assert_eq!(
            h.apply(&mut ws, &Edit::RenameWorkspace { name: "d".into() }),
            Ok(())
        );
        assert!(!h.can_redo());
        h.clear();
        assert!(!h.can_undo());
    }

    #[test]
    fn edits_serialise_with_an_op_tag() {
        let e = Edit::SetCustomerKind {
            id: "C1".into(),
            kind: CustomerKind::KeyAccount,
        };
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"op":"set_customer_kind","id":"C1","kind":"key_account"}"#
        );
        assert_eq!(serde_json::from_str::<Edit>(&json).ok(), Some(e));
    }
}
