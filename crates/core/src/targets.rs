//! Target setting (目标计划制定, DOMAIN §2): the plan a workspace keeps per plan year, its three
//! reconciled sources, the indicator tree with goal seek, the gap bridge, the strategy layer,
//! the five-dimension decomposition with exact rounding, and tracking against the ledger.

pub mod allocation;
pub mod basis;
pub mod bottom_up;
pub mod bridge;
pub mod decompose;
pub mod edit;
pub mod file;
mod flow;
pub mod grid;
pub mod plan;
pub mod ras;
pub mod rebase;
pub mod round;
pub mod sources;
pub mod split;
pub mod strategy;
pub mod tables;
pub mod track;
pub mod tree;
pub mod weeks;

pub use allocation::{
    Allocation, AllocationProblem, AllocationProblemKind, DimAllocation, MemberAllocation,
    check_allocation,
};
pub use basis::{BasisError, History, HistoryCache, SplitBasis, SplitDim, bases, history};
pub use bottom_up::{
    Ansoff, BottomUp, BottomUpInput, CustomerLine, CustomerPlan, NewCustomers, Opportunity,
    bottom_up, sanity_band, wallet_target,
};
pub use bridge::{
    Bridge, BridgeBar, BridgeStep, BridgeWarning, StepAmountError, StepKind, StepsProblem, bridge,
    check_steps, parse_step_amount, suggested_steps,
};
pub use decompose::{
    Allocated, BasisChoice, CARRY_DIMS, DecomposeError, DimSettings, GrowthFlag, MAX_CARRY,
    MemberIssue, Settings, allocate, allocate_in, carried_total, carry_of, dim_label,
    initial_weights, percentages, reallocate, round_to_unit, weight_groups,
};
pub use edit::TargetEdit;
pub use file::{
    MAX_PLAN_BYTES, PLAN_FORMAT, PLAN_VERSION, PlanFileError, PlanProblem, PlanProblemKind,
    check_plan, plan_from_json, plan_to_json,
};
pub use grid::{
    GridIssue, GridLock, GridSpec, GridTargets, PlanGrid, PlanGridError, base_grid, dim_len,
    fit_grid, plan_grid, plan_grid_in, plan_grid_tables, plan_grid_tables_in,
};
pub use plan::{
    Plan, Question, Targets, TotalError, UNITS, default_plan_year, parse_amount, parse_total,
};
pub use ras::{Fitted, ras};
pub use rebase::{BaseChange, base_changes, base_changes_in};
pub use round::{GridRoundingShort, largest_remainder, round_grid};
pub use sources::{
    Blend, BlendProblem, ShareError, Source, SourceMissing, Sources, SourcesInput, Trend,
    parse_share, sources, top_down, trend,
};
pub use split::{Split, SplitError, SplitIssue, SplitLine, SplitRequest, split};
pub use strategy::{
    ExecutionArea, ExecutionItem, FourP, Goal, MeasureItem, Strategy, StrategyIssue, StrategyItem,
    SwotItem, SwotKind, TowsItem, TowsKind, validate as validate_strategy,
};
pub use tables::{
    bridge_table, grid_table, measure_cell, measure_kind, plan_tables, split_table,
    strategy_tables, track_tables, weeks_table,
};
pub use track::{
    DimTrack, MemberTrack, MonthTrack, TrackLine, Tracking, elapsed_months, projection_method,
    track, year_actual,
};
pub use tree::{
    CustomerAbsorber, PriceVolumeAbsorber, ProfitAbsorber, RegionAbsorber, TreeAbsorbers,
    TreeActuals, TreeEntryError, TreeInput, TreeNode, TreeNodeValue, TreeProblem, TreeRegionActual,
    TreeRegionValue, TreeSolution, TreeTarget, TreeTargetValue, TreeUnit, parse_tree_entry,
    solve_tree, tree_actuals,
};
pub use weeks::{WeekTarget, iso_week, weeks};
