//! Undoable edits of master data: the workspace's name, customers, products, regions and
//! salespeople, and the merges of duplicate customers or products.

use serde::{Deserialize, Serialize};

use crate::edit::{EditError, not_blank};
use crate::issue::Entity;
use crate::master::{self, CustomerSnapshot, Customers, MasterKind, ProductSnapshot, Products};
use crate::{CustomerKind, Workspace};

/// One change to master data. Applying it returns its inverse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum MasterEdit {
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
    RestoreCustomers { snapshot: CustomerSnapshot },
    /// Merge products `others` into `keep` (master data and every ledger row).
    MergeProducts { keep: String, others: Vec<String> },
    /// Put products and the ledgers' product columns back as they were (a merge's inverse).
    RestoreProducts { snapshot: ProductSnapshot },
}

impl MasterEdit {
    /// Refuses blank names, categories and regions (the region need not exist: validation
    /// warns about dangling references) and merges of records that are not in master data.
    pub(crate) fn check(&self, ws: &Workspace) -> Result<(), EditError> {
        match self {
            MasterEdit::RenameWorkspace { name }
            | MasterEdit::SetCustomerName { name, .. }
            | MasterEdit::SetProductName { name, .. }
            | MasterEdit::SetRegionName { name, .. }
            | MasterEdit::SetSalespersonName { name, .. } => not_blank("name", name),
            MasterEdit::SetProductCategory { category, .. } => not_blank("category", category),
            MasterEdit::SetCustomerRegion { region, .. } => not_blank("region", region),
            MasterEdit::SetCustomerKind { .. } | MasterEdit::SetCustomerTier { .. } => Ok(()),
            MasterEdit::MergeCustomers { keep, others } => {
                check_merge::<Customers>(ws, keep, others)
            }
            MasterEdit::MergeProducts { keep, others } => check_merge::<Products>(ws, keep, others),
            MasterEdit::RestoreCustomers { .. } | MasterEdit::RestoreProducts { .. } => Ok(()),
        }
    }

    /// Applies the edit without checking the new values and returns its inverse.
    pub(crate) fn apply_unchecked(&self, ws: &mut Workspace) -> Result<MasterEdit, EditError> {
        let unknown = |what, id: &str| EditError::UnknownId {
            what,
            id: id.to_string(),
        };
        Ok(match self {
            MasterEdit::MergeCustomers { keep, others } => MasterEdit::RestoreCustomers {
                snapshot: merged::<Customers>(ws, keep, others),
            },
            MasterEdit::RestoreCustomers { snapshot } => MasterEdit::RestoreCustomers {
                snapshot: restored::<Customers>(ws, snapshot),
            },
            MasterEdit::MergeProducts { keep, others } => MasterEdit::RestoreProducts {
                snapshot: merged::<Products>(ws, keep, others),
            },
            MasterEdit::RestoreProducts { snapshot } => MasterEdit::RestoreProducts {
                snapshot: restored::<Products>(ws, snapshot),
            },
            MasterEdit::RenameWorkspace { name } => MasterEdit::RenameWorkspace {
                name: std::mem::replace(&mut ws.name, name.clone()),
            },
            MasterEdit::SetCustomerName { id, name } => {
                let c = customer(ws, id).ok_or_else(|| unknown(Entity::Customer, id))?;
                MasterEdit::SetCustomerName {
                    id: id.clone(),
                    name: std::mem::replace(&mut c.name, name.clone()),
                }
            }
            MasterEdit::SetCustomerKind { id, kind } => {
                let c = customer(ws, id).ok_or_else(|| unknown(Entity::Customer, id))?;
                MasterEdit::SetCustomerKind {
                    id: id.clone(),
                    kind: std::mem::replace(&mut c.kind, *kind),
                }
            }
            MasterEdit::SetCustomerTier { id, tier } => {
                let c = customer(ws, id).ok_or_else(|| unknown(Entity::Customer, id))?;
                MasterEdit::SetCustomerTier {
                    id: id.clone(),
                    tier: std::mem::replace(&mut c.tier, tier.clone()),
                }
            }
            MasterEdit::SetCustomerRegion { id, region } => {
                let c = customer(ws, id).ok_or_else(|| unknown(Entity::Customer, id))?;
                MasterEdit::SetCustomerRegion {
                    id: id.clone(),
                    region: std::mem::replace(&mut c.region, region.clone()),
                }
            }
            MasterEdit::SetProductName { id, name } => {
                let p = product(ws, id).ok_or_else(|| unknown(Entity::Product, id))?;
                MasterEdit::SetProductName {
                    id: id.clone(),
                    name: std::mem::replace(&mut p.name, name.clone()),
                }
            }
            MasterEdit::SetProductCategory { id, category } => {
                let p = product(ws, id).ok_or_else(|| unknown(Entity::Product, id))?;
                MasterEdit::SetProductCategory {
                    id: id.clone(),
                    category: std::mem::replace(&mut p.category, category.clone()),
                }
            }
            MasterEdit::SetRegionName { id, name } => {
                let r = ws
                    .regions
                    .iter_mut()
                    .find(|r| &r.id == id)
                    .ok_or_else(|| unknown(Entity::Region, id))?;
                MasterEdit::SetRegionName {
                    id: id.clone(),
                    name: std::mem::replace(&mut r.name, name.clone()),
                }
            }
            MasterEdit::SetSalespersonName { id, name } => {
                let s = ws
                    .salespeople
                    .iter_mut()
                    .find(|s| &s.id == id)
                    .ok_or_else(|| unknown(Entity::Salesperson, id))?;
                MasterEdit::SetSalespersonName {
                    id: id.clone(),
                    name: std::mem::replace(&mut s.name, name.clone()),
                }
            }
        })
    }
}

fn customer<'a>(ws: &'a mut Workspace, id: &str) -> Option<&'a mut crate::Customer> {
    ws.customers.iter_mut().find(|c| c.id == id)
}

fn product<'a>(ws: &'a mut Workspace, id: &str) -> Option<&'a mut crate::Product> {
    ws.products.iter_mut().find(|p| p.id == id)
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
fn merged<K: MasterKind>(
    ws: &mut Workspace,
    keep: &str,
    others: &[String],
) -> master::Snapshot<K::Record> {
    let before = master::snapshot::<K>(ws);
    master::merge::<K>(ws, keep, others);
    before
}

/// Restores a snapshot and returns the one that undoes the restore.
fn restored<K: MasterKind>(
    ws: &mut Workspace,
    snapshot: &master::Snapshot<K::Record>,
) -> master::Snapshot<K::Record> {
    let now = master::snapshot::<K>(ws);
    master::restore::<K>(ws, snapshot);
    now
}
