//! Undoable edits of a workspace's master data.

use crate::grading::{GeConfig, ProfitConfig, Scale, ServicePolicy};
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
    /// Add a grading scale, or replace the one with the same id where it stands. Drafts that
    /// do not validate are accepted; the id must not be empty.
    PutScale { scale: Scale },
    /// Insert a scale at a position (clamped to the list; the inverse of a removal).
    InsertScale { index: usize, scale: Scale },
    /// Remove a scale.
    RemoveScale { id: String },
    /// Choose the scale that grades the customers (`None`: the first valid one).
    SetActiveScale { id: Option<String> },
    /// Set or clear ratings (customer × factor → level); one history step for all.
    SetRatings { changes: Vec<RatingChange> },
    /// Set or clear the GE matrix's configuration.
    SetGeConfig { config: Option<GeConfig> },
    /// Set or clear the profitability matrix's configuration.
    SetProfitConfig { config: Option<ProfitConfig> },
    /// Replace the service policies per grade.
    SetPolicies { policies: Vec<ServicePolicy> },
    /// Set (or clear, with `None`) the outlet universe of a region, for the funnel.
    SetRegionUniverse {
        region: String,
        outlets: Option<u64>,
    },
    /// Replace the scorecard's KPIs, targets, directions and thresholds.
    SetScorecard {
        items: Vec<crate::review::ScorecardItem>,
    },
    /// Merge products `others` into `keep` (master data and every ledger row).
    MergeProducts { keep: String, others: Vec<String> },
    /// Put products and the ledgers' product columns back as they were (a merge's inverse).
    RestoreProducts {
        snapshot: crate::master::ProductSnapshot,
    },
}

/// One rating to set (`grade: Some`) or clear (`None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingChange {
    /// The customer id.
    pub customer: String,
    /// The factor's name.
    pub factor: String,
    /// The level, or `None` to clear the rating.
    pub grade: Option<String>,
}

impl Edit {
    /// One rating as an edit.
    pub fn rating(customer: &str, factor: &str, grade: Option<&str>) -> Edit {
        Edit::SetRatings {
            changes: vec![RatingChange {
                customer: customer.to_string(),
                factor: factor.to_string(),
                grade: grade.map(str::to_string),
            }],
        }
    }

    /// Moves every rating of factor `from` to factor `to` (after a factor is renamed in a
    /// scale), as one edit; `None` when no customer is rated on `from`.
    pub fn rename_factor_ratings(
        ratings: &crate::grading::Ratings,
        from: &str,
        to: &str,
    ) -> Option<Edit> {
        let mut changes = Vec::new();
        for (customer, factors) in ratings {
            if let Some(grade) = factors.get(from) {
                changes.push(RatingChange {
                    customer: customer.clone(),
                    factor: from.to_string(),
                    grade: None,
                });
                changes.push(RatingChange {
                    customer: customer.clone(),
                    factor: to.to_string(),
                    grade: Some(grade.clone()),
                });
            }
        }
        (!changes.is_empty() && from != to).then_some(Edit::SetRatings { changes })
    }

    /// Every rating of a file (read by [`ratings_from_csv`](crate::grading::ratings_from_csv))
    /// as one edit that sets them, keeping the ratings the file does not mention.
    pub fn import_ratings(ratings: &crate::grading::Ratings) -> Edit {
        Edit::SetRatings {
            changes: ratings
                .iter()
                .flat_map(|(customer, factors)| {
                    factors.iter().map(move |(factor, grade)| RatingChange {
                        customer: customer.clone(),
                        factor: factor.clone(),
                        grade: Some(grade.clone()),
                    })
                })
                .collect(),
        }
    }
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
    /// A record with this id exists already.
    DuplicateId {
        /// What kind of record.
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
            (EditError::DuplicateId { what, id }, Lang::Zh) => {
                format!("已有编号为“{id}”的{}。", what.label(lang))
            }
            (EditError::DuplicateId { what, id }, Lang::En) => {
                format!(
                    "There is already a {} with the id \"{id}\".",
                    what.label(lang)
                )
            }
            (EditError::Empty { field }, Lang::Zh) => {
                let field = match *field {
                    "name" => "名称",
                    "category" => "品类",
                    "region" => "区域",
                    "id" => "编号",
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
        Edit::SetCustomerRegion { region, .. } | Edit::SetRegionUniverse { region, .. } => {
            blank("region", region)?
        }
        Edit::SetScorecard { .. } => {}
        Edit::SetCustomerKind { .. } | Edit::SetCustomerTier { .. } => {}
        Edit::MergeCustomers { keep, others } => check_merge::<Customers>(ws, keep, others)?,
        Edit::MergeProducts { keep, others } => check_merge::<Products>(ws, keep, others)?,
        Edit::RestoreCustomers { .. } | Edit::RestoreProducts { .. } => {}
        Edit::PutScale { scale } => blank("id", &scale.id)?,
        Edit::InsertScale { scale, .. } => {
            blank("id", &scale.id)?;
            if ws.grading.scale(&scale.id).is_some() {
                return Err(EditError::DuplicateId {
                    what: Entity::Scale,
                    id: scale.id.clone(),
                });
            }
        }
        Edit::RemoveScale { .. }
        | Edit::SetActiveScale { .. }
        | Edit::SetGeConfig { .. }
        | Edit::SetProfitConfig { .. }
        | Edit::SetPolicies { .. } => {}
        Edit::SetRatings { changes } => {
            for c in changes {
                blank("id", &c.customer)?;
                blank("name", &c.factor)?;
            }
        }
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
        Edit::PutScale { scale } => {
            let scales = &mut ws.grading.scales;
            match scales.iter_mut().find(|s| s.id == scale.id) {
                Some(old) => Edit::PutScale {
                    scale: std::mem::replace(old, scale.clone()),
                },
                None => {
                    scales.push(scale.clone());
                    Edit::RemoveScale {
                        id: scale.id.clone(),
                    }
                }
            }
        }
        Edit::InsertScale { index, scale } => {
            let scales = &mut ws.grading.scales;
            scales.insert((*index).min(scales.len()), scale.clone());
            Edit::RemoveScale {
                id: scale.id.clone(),
            }
        }
        Edit::RemoveScale { id } => {
            let scales = &mut ws.grading.scales;
            let index = scales
                .iter()
                .position(|s| &s.id == id)
                .ok_or_else(|| unknown(Entity::Scale, id))?;
            Edit::InsertScale {
                index,
                scale: scales.remove(index),
            }
        }
        Edit::SetActiveScale { id } => Edit::SetActiveScale {
            id: std::mem::replace(&mut ws.grading.active, id.clone()),
        },
        Edit::SetRatings { changes } => {
            let ratings = &mut ws.grading.ratings;
            let mut inverse = Vec::with_capacity(changes.len());
            for c in changes {
                let old = match &c.grade {
                    Some(g) => ratings
                        .entry(c.customer.clone())
                        .or_default()
                        .insert(c.factor.clone(), g.clone()),
                    None => {
                        let factors = ratings.get_mut(&c.customer);
                        let old = factors.and_then(|f| f.remove(&c.factor));
                        if ratings.get(&c.customer).is_some_and(|f| f.is_empty()) {
                            ratings.remove(&c.customer);
                        }
                        old
                    }
                };
                inverse.push(RatingChange {
                    customer: c.customer.clone(),
                    factor: c.factor.clone(),
                    grade: old,
                });
            }
            inverse.reverse();
            Edit::SetRatings { changes: inverse }
        }
        Edit::SetGeConfig { config } => Edit::SetGeConfig {
            config: std::mem::replace(&mut ws.grading.ge, config.clone()),
        },
        Edit::SetProfitConfig { config } => Edit::SetProfitConfig {
            config: std::mem::replace(&mut ws.grading.profit, config.clone()),
        },
        Edit::SetPolicies { policies } => Edit::SetPolicies {
            policies: std::mem::replace(&mut ws.grading.policies, policies.clone()),
        },
        Edit::SetRegionUniverse { region, outlets } => {
            let list = &mut ws.review.universe;
            let at = list.iter().position(|u| &u.region == region);
            let old = at.and_then(|i| list.get(i)).map(|u| u.outlets);
            match (at, outlets) {
                (Some(i), Some(n)) => {
                    if let Some(u) = list.get_mut(i) {
                        u.outlets = *n;
                    }
                }
                (Some(i), None) => {
                    list.remove(i);
                }
                (None, Some(n)) => list.push(crate::review::RegionUniverse {
                    region: region.clone(),
                    outlets: *n,
                }),
                (None, None) => {}
            }
            Edit::SetRegionUniverse {
                region: region.clone(),
                outlets: old,
            }
        }
        Edit::SetScorecard { items } => Edit::SetScorecard {
            items: std::mem::replace(&mut ws.review.scorecard, items.clone()),
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
    fn review_inputs_are_edited_and_undone() {
        use crate::review::{Kpi, ScorecardItem};
        let mut ws = workspace();
        let mut h = History::new(10);
        let set = |n| Edit::SetRegionUniverse {
            region: "R1".into(),
            outlets: n,
        };
        assert_eq!(h.apply(&mut ws, &set(Some(120))), Ok(()));
        assert_eq!(h.apply(&mut ws, &set(Some(150))), Ok(()));
        assert_eq!(ws.review.universe_of("R1"), Some(150));
        assert_eq!(apply(&mut ws.clone(), &set(None)), Ok(set(Some(150))));
        let items = vec![ScorecardItem::new(Kpi::Sales, crate::Money(10_000_000))];
        assert_eq!(
            h.apply(
                &mut ws,
                &Edit::SetScorecard {
                    items: items.clone()
                }
            ),
            Ok(())
        );
        assert_eq!(ws.review.scorecard, items);
        assert!(h.undo(&mut ws) && h.undo(&mut ws));
        assert_eq!(ws.review.universe_of("R1"), Some(120));
        assert!(ws.review.scorecard.is_empty());
        assert!(h.undo(&mut ws));
        assert_eq!(ws, workspace());
        assert!(ws.review.is_empty());
        assert_eq!(
            apply(
                &mut ws,
                &Edit::SetRegionUniverse {
                    region: " ".into(),
                    outlets: Some(1)
                }
            ),
            Err(EditError::Empty { field: "region" })
        );
        let json = serde_json::to_string(&set(Some(7))).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"op":"set_region_universe","region":"R1","outlets":7}"#
        );
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
