//! Target setting (目标计划制定, DOMAIN §2): the plan a workspace keeps per plan year, its three
//! reconciled sources, the indicator tree with goal seek, the gap bridge, the strategy layer,
//! the five-dimension decomposition with exact rounding, and tracking against the ledger.

pub mod plan;
pub mod tree;

pub use plan::{Plan, Question, Targets};
pub use tree::{
    CustomerAbsorber, PriceVolumeAbsorber, ProfitAbsorber, RegionAbsorber, TreeAbsorbers,
    TreeActuals, TreeInput, TreeNode, TreeNodeValue, TreeProblem, TreeRegionActual,
    TreeRegionValue, TreeSolution, TreeTarget, TreeTargetValue, TreeUnit, solve_tree, tree_actuals,
};
