//! Sandtable's pure domain (生意沙盘): the sales ledger, master data, the workspace file
//! format and everything computed from them. No IO, no clock, no browser: dates and times come
//! in as parameters, files come in as strings or bytes, and nothing panics on user input.
//!
//! Modules, named after the sections of DOMAIN.md:
//! - [`money`]: exact fixed-point [`Money`] (ten-thousandths) and the one money formatter.
//! - [`date`]: [`Date`] as day numbers, with the civil calendar done by hand.
//! - [`dec`]: [`Dec`], exact four-place decimals for what is not money: weights, points,
//!   percentages a user enters, written in files as plain JSON numbers.
//! - [`i18n`]: [`Lang`], the two languages every message exists in.
//! - [`ledger`]: the columnar sales [`Ledger`] (销售台账, §0) and its builder; [`texts`]: the
//!   one-buffer list of strings that holds its order numbers.
//! - [`workspace`]: master data and the [`Workspace`].
//! - [`issue`] and [`validate`](mod@validate): problems as data ([`Issue`]), never early returns.
//! - [`format`](mod@format) and [`migrate`]: the versioned JSON workspace file (see `FORMAT.md`).
//! - [`chunk`]: the compact binary encoding of a ledger for browser storage.
//! - [`edit`]: undoable edits, one enum per area ([`Edit`], [`History`]).
//! - [`path`]: [`FieldPath`], the one syntax for where a field sits (`categories[0].weight`,
//!   `members["C1"].target`) in issues, merges and provenance.
//! - [`demo`]: a deterministic demo workspace.
//! - [`grading`]: customer grading scales (客户分级量表, §3), scores, GE and profitability matrices.
//! - [`export`]: report tables as plain data, written as CSV and XLSX.
//! - [`import`](mod@import): reading ledgers from CSV/TXT (any common encoding) and workbooks,
//!   with a report of everything detected and every row left out.
//! - [`review`]: the business review (生意复盘, §1): comparisons, ABC, time series, funnel, KPIs.
//!
//! Invariants, kept on purpose:
//! - The core knows nothing about the browser or the operating system: no IO, no clock
//!   (`SystemTime::now` panics in wasm), no randomness from outside (the demo has its own PRNG).
//! - Money and quantities are exact integers; floats appear only in `Money::to_f64` for charts
//!   and inside the demo generator, which uses only exactly reproducible operations.
//! - Untrusted input (files, stored blobs, user text) never causes a panic: no `unwrap`,
//!   `expect` or unchecked indexing on it; problems come back as values.
//! - Every user-facing message exists in Chinese and English; tests assert the exact text.
//! - One `unsafe` block, in the CSV splitter (`import/table.rs`): fields sliced between ASCII
//!   bytes without checking character boundaries again; its SAFETY note says why that holds.

pub mod chunk;
pub mod date;
pub mod dec;
pub mod demo;
pub mod edit;
pub mod envelope;
pub mod export;
pub mod format;
pub mod grading;
pub mod i18n;
pub mod import;
pub mod issue;
pub mod ledger;
pub mod master;
pub mod migrate;
pub mod money;
pub mod path;
pub mod review;
pub mod targets;
pub mod texts;
pub mod validate;
pub mod workspace;

pub use chunk::{ChunkError, decode_ledger_chunks, encode_ledger_chunks};
pub use date::Date;
pub use dec::Dec;
pub use demo::demo_workspace;
pub use edit::{Edit, EditError, History, apply};
pub use format::{
    FileError, MAX_FILE_BYTES, WORKSPACE_FORMAT, WORKSPACE_VERSION, workspace_from_json,
    workspace_to_json,
};
pub use grading::GradingEdit;
pub use i18n::Lang;
pub use issue::{Entity, Issue, IssueKind, Severity, has_errors};
pub use ledger::{Ledger, LedgerBuilder, Row};
pub use master::MasterEdit;
pub use money::{Money, format_count, format_money, format_price};
pub use path::FieldPath;
pub use review::ReviewEdit;
pub use texts::Texts;
pub use validate::validate;
pub use workspace::{
    Customer, CustomerKind, Dataset, Product, Region, Salesperson, Summary, Workspace,
};
