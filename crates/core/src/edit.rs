//! Undoable edits of a workspace, one enum per area: [`MasterEdit`] (master data and the
//! workspace's name), [`GradingEdit`], [`ReviewEdit`], [`TargetEdit`]. Each area applies its own edits; this
//! module joins them into one [`Edit`], the undo [`History`] and the [`EditError`]s they share.

use crate::grading::GradingEdit;
use crate::issue::Entity;
use crate::master::MasterEdit;
use crate::review::ReviewEdit;
use crate::targets::TargetEdit;
use crate::{Lang, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;

/// One change to a workspace, tagged with its area. Applying an edit returns its inverse,
/// which undoes it. In JSON: `{"area": "master", "op": "set_customer_name", …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "area", rename_all = "snake_case")]
pub enum Edit {
    /// Master data and the workspace's name.
    Master(MasterEdit),
    /// Customer grading.
    Grading(GradingEdit),
    /// The business review's inputs.
    Review(ReviewEdit),
    /// Target plans.
    Targets(TargetEdit),
}

impl From<TargetEdit> for Edit {
    fn from(e: TargetEdit) -> Edit {
        Edit::Targets(e)
    }
}

impl From<MasterEdit> for Edit {
    fn from(e: MasterEdit) -> Edit {
        Edit::Master(e)
    }
}

impl From<GradingEdit> for Edit {
    fn from(e: GradingEdit) -> Edit {
        Edit::Grading(e)
    }
}

impl From<ReviewEdit> for Edit {
    fn from(e: ReviewEdit) -> Edit {
        Edit::Review(e)
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
    /// A number outside what the field allows (a plan year beyond 1900–2200, a rounding unit
    /// that is not positive).
    OutOfRange {
        /// Which field ("year", "unit").
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
                    "grade" => "等级",
                    other => other,
                };
                format!("{field}不能为空。请输入内容后再保存。")
            }
            (EditError::Empty { field }, Lang::En) => {
                format!("The {field} must not be empty. Enter one, then save.")
            }
            (EditError::OutOfRange { field: "year" }, Lang::Zh) => {
                "计划年份须在 1900 至 2200 之间。".into()
            }
            (EditError::OutOfRange { field: "unit" }, Lang::Zh) => {
                "取整单位必须大于 0（如 1 元、100 元、1,000 元、10,000 元）。".into()
            }
            (EditError::OutOfRange { field: "visits" }, Lang::Zh) => {
                "拜访次数/月须在 0–31 之间。".into()
            }
            (
                EditError::OutOfRange {
                    field: "resource share",
                },
                Lang::Zh,
            ) => "资源占比须在 0–100% 之间。".into(),
            (EditError::OutOfRange { field }, Lang::Zh) => format!("{field} 超出允许范围。"),
            (EditError::OutOfRange { field: "year" }, Lang::En) => {
                "The plan year must be between 1900 and 2200.".into()
            }
            (EditError::OutOfRange { field: "unit" }, Lang::En) => {
                "The rounding unit must be above 0 (¥1, ¥100, ¥1,000 or ¥10,000).".into()
            }
            (EditError::OutOfRange { field }, Lang::En) => {
                format!("The {field} is out of range.")
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

/// Refuses a blank value of a field that must have one.
pub(crate) fn not_blank(field: &'static str, value: &str) -> Result<(), EditError> {
    if value.trim().is_empty() {
        Err(EditError::Empty { field })
    } else {
        Ok(())
    }
}

/// Applies an edit and returns its inverse. Each area checks its new values first (no blank
/// names, no unknown records in a merge); on error nothing is changed.
pub fn apply(ws: &mut Workspace, edit: &Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::Master(e) => e.check(ws)?,
        Edit::Grading(e) => e.check(ws)?,
        Edit::Review(e) => e.check()?,
        Edit::Targets(e) => e.check()?,
    }
    apply_unchecked(ws, edit)
}

/// Applies an edit without checking the new values (used to undo and redo, which restore
/// values the workspace already had).
fn apply_unchecked(ws: &mut Workspace, edit: &Edit) -> Result<Edit, EditError> {
    Ok(match edit {
        Edit::Master(e) => Edit::Master(e.apply_unchecked(ws)?),
        Edit::Grading(e) => Edit::Grading(e.apply_unchecked(ws)?),
        Edit::Review(e) => Edit::Review(e.apply_unchecked(ws)),
        Edit::Targets(e) => Edit::Targets(e.apply_unchecked(ws)?),
    })
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
    use crate::{Customer, CustomerKind, Product, Region, Salesperson};

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
            &Edit::Master(MasterEdit::SetCustomerName {
                id: "C1".into(),
                name: "新名".into(),
            }),
        );
        assert_eq!(
            inverse,
            Ok(Edit::Master(MasterEdit::SetCustomerName {
                id: "C1".into(),
                name: "杭州瑞丰商贸有限公司".into()
            }))
        );
        assert_eq!(ws.customers[0].name, "新名");
    }

    #[test]
    fn unknown_ids_and_blank_names_are_refused_without_change() {
        let mut ws = workspace();
        let before = ws.clone();
        let err = apply(
            &mut ws,
            &Edit::Master(MasterEdit::SetProductName {
                id: "P9".into(),
                name: "x".into(),
            }),
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
        let err = apply(
            &mut ws,
            &Edit::Master(MasterEdit::RenameWorkspace { name: "  ".into() }),
        );
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
                &Edit::Master(MasterEdit::SetRegionName {
                    id: "R1".into(),
                    name: "华东一区".into()
                })
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
                h.apply(
                    &mut ws,
                    &Edit::Master(MasterEdit::RenameWorkspace { name: name.into() })
                ),
                Ok(())
            );
        }
        assert!(h.undo(&mut ws));
        assert!(h.undo(&mut ws));
        assert!(!h.undo(&mut ws));
        assert_eq!(ws.name, "a");
        assert_eq!(
            h.apply(
                &mut ws,
                &Edit::Master(MasterEdit::RenameWorkspace { name: "d".into() })
            ),
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
        let set = |n| {
            Edit::Review(ReviewEdit::SetRegionUniverse {
                region: "R1".into(),
                outlets: n,
            })
        };
        assert_eq!(h.apply(&mut ws, &set(Some(120))), Ok(()));
        assert_eq!(h.apply(&mut ws, &set(Some(150))), Ok(()));
        assert_eq!(ws.review.universe_of("R1"), Some(150));
        assert_eq!(apply(&mut ws.clone(), &set(None)), Ok(set(Some(150))));
        let items = vec![ScorecardItem::new(Kpi::Sales, crate::Money(10_000_000))];
        assert_eq!(
            h.apply(
                &mut ws,
                &Edit::Review(ReviewEdit::SetScorecard {
                    items: items.clone()
                })
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
                &Edit::Review(ReviewEdit::SetRegionUniverse {
                    region: " ".into(),
                    outlets: Some(1)
                })
            ),
            Err(EditError::Empty { field: "region" })
        );
        let json = serde_json::to_string(&set(Some(7))).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"area":"review","op":"set_region_universe","region":"R1","outlets":7}"#
        );
    }

    #[test]
    fn edits_serialise_with_an_op_tag() {
        let e = Edit::Master(MasterEdit::SetCustomerKind {
            id: "C1".into(),
            kind: CustomerKind::KeyAccount,
        });
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"area":"master","op":"set_customer_kind","id":"C1","kind":"key_account"}"#
        );
        assert_eq!(serde_json::from_str::<Edit>(&json).ok(), Some(e));
    }
}
