//! Target setting (目标计划制定, DOMAIN §2): the plan a workspace keeps per plan year, its three
//! reconciled sources, the indicator tree with goal seek, the gap bridge, the strategy layer,
//! the five-dimension decomposition with exact rounding, and tracking against the ledger.

pub mod basis;
pub mod plan;

pub use basis::{BasisError, History, SplitBasis, SplitDim, bases, history};
pub use plan::{Plan, Question, Targets};
