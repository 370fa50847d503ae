//! What the Targets views share: the frame, the plan year shown, the stored plan of that year
//! (changed only through undoable core edits), and the last refused change with its reason.

use leptos::prelude::*;
use sandtable_core::review::Measure;
use sandtable_core::targets::{
    Allocated, DecomposeError, HistoryCache, MemberIssue, Plan, PlanGrid, PlanGridError, Settings,
    SplitDim, TargetEdit, default_plan_year,
};
use sandtable_core::{Edit, Lang};

use crate::frame::{FrameRef, use_frame};
use crate::state::AppState;

/// The Targets area's shared state, a `Copy` handle passed to every view.
#[derive(Clone, Copy)]
pub struct TargetsContext {
    /// The open workspace's frame.
    pub frame: Memo<FrameRef>,
    /// The plan year the user picked; `None` follows the latest plan, else the default year.
    pub picked_year: RwSignal<Option<i32>>,
    /// The plan year shown.
    pub year: Memo<i32>,
    /// The stored plan of that year.
    pub plan: Memo<Option<Plan>>,
    /// The plan the views show: the stored one, or a new one counting sales amount.
    pub shown: Memo<Plan>,
    /// Last year's actual (the year before the plan year) in the shown plan's measure.
    pub base_actual: Memo<sandtable_core::Money>,
    /// The years that have a plan.
    pub plan_years: Memo<Vec<i32>>,
    /// Why the last change was refused (shown until the next accepted one).
    pub refusal: RwSignal<Option<DecomposeError>>,
    /// The bottom-up plan computed from the shown plan's entries (or why it cannot be).
    pub bottom_up:
        Memo<Result<sandtable_core::targets::BottomUp, sandtable_core::targets::BasisError>>,
    /// Last year's value of each month in the stored plan's measure (`None` without a plan or
    /// without history), for the months' table, chart and print.
    pub last_year_months: Memo<Option<Vec<sandtable_core::Money>>>,
    /// The histories the decomposition reads, each read once per frame (see `allocate`).
    histories: Memo<Histories>,
    /// The last plan split here with the whole outcome (its issues and flags), so that showing
    /// the stored plan does not split it again.
    last_split: StoredValue<Option<(Plan, Allocated)>>,
    /// The last grid made here and the plan it was made of, so that a cell's edit, checked
    /// before it is stored, is not fitted again to be shown.
    last_grid: StoredValue<Option<(Plan, PlanGrid)>>,
    state: AppState,
}

/// A history cache shared by every allocation on one frame; a new frame makes a new one.
#[derive(Clone)]
struct Histories(std::sync::Arc<std::sync::Mutex<HistoryCache>>);

impl PartialEq for Histories {
    fn eq(&self, other: &Histories) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl TargetsContext {
    pub fn provide() -> TargetsContext {
        let state = AppState::expect();
        let frame = use_frame();
        let targets = Memo::new(move |_| {
            state
                .workspace
                .with(|w| w.as_ref().map(|w| w.targets.clone()).unwrap_or_default())
        });
        let picked_year = RwSignal::new(None);
        let default_year = Memo::new(move |_| {
            frame.with(|f| default_plan_year(f)).unwrap_or_else(|| {
                let (y, _, _) = crate::state::today().ymd();
                y + 1
            })
        });
        let year = Memo::new(move |_| {
            picked_year.get().unwrap_or_else(|| {
                targets
                    .with(|t| t.latest().map(|p| p.year))
                    .unwrap_or_else(|| default_year.get())
            })
        });
        let plan = Memo::new(move |_| targets.with(|t| t.plan(year.get()).cloned()));
        let shown = Memo::new(move |_| {
            plan.get()
                .unwrap_or_else(|| Plan::new(year.get(), Measure::Amount))
        });
        let base_actual = Memo::new(move |_| {
            let (year, measure) = shown.with(|p| (p.year, p.measure));
            frame.with(|f| sandtable_core::targets::year_actual(f, year - 1, measure))
        });
        // Only what the bottom-up plan reads, so that other edits do not compute it again.
        let bottom_up_input =
            Memo::new(move |_| shown.with(|p| (p.year, p.measure, p.bottom_up.clone())));
        let bottom_up = Memo::new(move |_| {
            bottom_up_input.with(|(year, measure, input)| {
                frame.with(|f| sandtable_core::targets::bottom_up(f, *year, *measure, input))
            })
        });
        let plan_years =
            Memo::new(move |_| targets.with(|t| t.plans.iter().map(|p| p.year).collect()));
        let year_measure =
            Memo::new(move |_| plan.with(|p| p.as_ref().map(|p| (p.year, p.measure))));
        let last_year_months = Memo::new(move |_| {
            let (year, measure) = year_measure.get()?;
            frame
                .with(|f| {
                    sandtable_core::targets::history(
                        f,
                        sandtable_core::targets::SplitDim::Month,
                        measure,
                        year,
                    )
                    .ok()
                })
                .map(|h| h.years[0].clone())
        });
        let histories = Memo::new(move |_| {
            frame.track();
            Histories(Default::default())
        });
        let ctx = TargetsContext {
            last_year_months,
            histories,
            last_split: StoredValue::new(None),
            last_grid: StoredValue::new(None),
            frame,
            picked_year,
            year,
            plan,
            shown,
            base_actual,
            bottom_up,
            plan_years,
            refusal: RwSignal::new(None),
            state,
        };
        provide_context(ctx);
        ctx
    }

    /// The stored plan of the year shown, or a new one counting sales amount.
    pub fn working_plan(self) -> Plan {
        self.plan
            .get_untracked()
            .unwrap_or_else(|| Plan::new(self.year.get_untracked(), Measure::Amount))
    }

    /// The decomposition of `plan` under `settings` (see `allocate_in`), reading each history
    /// once per frame; tracked, for memos.
    pub fn allocate(self, plan: &Plan, settings: &Settings) -> Result<Allocated, DecomposeError> {
        let h = self.histories.get();
        let mut cache = h.0.lock().unwrap_or_else(|e| e.into_inner());
        self.frame
            .with(|f| sandtable_core::targets::allocate_in(&mut cache, f, plan, settings))
    }

    /// Splits `plan` again under `settings` and stores it (or the reason it was refused), as
    /// one undoable step; the outcome is kept for [`TargetsContext::checked`].
    pub fn split(self, plan: &Plan, settings: &Settings) {
        let outcome = self.allocate_untracked(plan, settings).map(|done| {
            let mut p = plan.clone();
            p.allocation = Some(done.allocation.clone());
            self.last_split.set_value(Some((p.clone(), done)));
            (p, Vec::new())
        });
        self.settle(outcome);
    }

    /// The decomposition of the stored `plan` with its issues and flags: what its own change
    /// computed when it was split here, else split again (tracked, for memos).
    pub fn checked(self, plan: &Plan) -> Option<Allocated> {
        let kept = self.last_split.with_value(|l| {
            l.as_ref()
                .filter(|(p, _)| p == plan)
                .map(|(_, done)| done.clone())
        });
        kept.or_else(|| {
            let a = plan.allocation.as_ref()?;
            self.allocate(plan, &Settings::of(a)).ok()
        })
    }

    /// The `rows` × `cols` grid of `plan` (see `plan_grid_in`), reading the ledger through the
    /// frame's cache; tracked, for memos. Its time is recorded as the performance measure
    /// `sandtable-grid` (the ledger's pass for the base year's grid, RAS and controlled
    /// rounding).
    pub fn grid(
        self,
        plan: &Plan,
        rows: SplitDim,
        cols: SplitDim,
    ) -> Result<PlanGrid, PlanGridError> {
        let kept = self.last_grid.with_value(|l| {
            l.as_ref()
                .filter(|(p, g)| p == plan && g.rows == rows && g.cols == cols)
                .map(|(_, g)| g.clone())
        });
        if let Some(g) = kept {
            return Ok(g);
        }
        let perf = window().performance();
        if let Some(p) = &perf {
            let _ = p.mark("sandtable-grid-start");
        }
        let h = self.histories.get();
        let mut cache = h.0.lock().unwrap_or_else(|e| e.into_inner());
        let out = self
            .frame
            .with(|f| sandtable_core::targets::plan_grid_in(&mut cache, f, plan, rows, cols));
        if let Some(p) = perf {
            let _ = p.mark("sandtable-grid-end");
            let _ = p.measure_with_start_mark_and_end_mark(
                "sandtable-grid",
                "sandtable-grid-start",
                "sandtable-grid-end",
            );
        }
        if let Ok(g) = &out {
            self.last_grid.set_value(Some((plan.clone(), g.clone())));
        }
        out
    }

    /// `grid` outside a reactive context (event handlers).
    pub fn grid_untracked(
        self,
        plan: &Plan,
        rows: SplitDim,
        cols: SplitDim,
    ) -> Result<PlanGrid, PlanGridError> {
        untrack(|| self.grid(plan, rows, cols))
    }

    /// `allocate` outside a reactive context (event handlers).
    pub fn allocate_untracked(
        self,
        plan: &Plan,
        settings: &Settings,
    ) -> Result<Allocated, DecomposeError> {
        untrack(|| self.allocate(plan, settings))
    }

    /// What changed in the bases of `plan` since it was split (see `base_changes_in`).
    pub fn base_changes(self, plan: &Plan) -> Vec<sandtable_core::targets::BaseChange> {
        let h = self.histories.get();
        let mut cache = h.0.lock().unwrap_or_else(|e| e.into_inner());
        self.frame
            .with(|f| sandtable_core::targets::base_changes_in(&mut cache, f, plan))
    }

    /// Changes the shown plan by `f` (a new one when none is stored) and stores it as one
    /// undoable step.
    pub fn update(self, f: impl FnOnce(&mut Plan)) {
        let mut p = self.working_plan();
        f(&mut p);
        self.put(p);
    }

    /// Every table of the plan shown: the splits, the weeks, the bridge and strategy (see
    /// `plan_tables`), then the grids kept in the plan; empty before it is split. What the
    /// workbook and the print view hold.
    pub fn whole_plan_tables(self, lang: Lang) -> Vec<sandtable_core::export::Table> {
        let ly = self.last_year_months.get().unwrap_or_default();
        self.plan.with(|p| {
            let Some((p, a)) = p.as_ref().and_then(|p| Some((p, p.allocation.as_ref()?))) else {
                return Vec::new();
            };
            let mut out = sandtable_core::targets::plan_tables(p, a, &ly, lang);
            let h = self.histories.get();
            let mut cache = h.0.lock().unwrap_or_else(|e| e.into_inner());
            out.extend(
                self.frame
                    .with(|f| sandtable_core::targets::plan_grid_tables_in(&mut cache, f, p, lang)),
            );
            out
        })
    }

    /// Stores `plan` as one undoable step.
    pub fn put(self, plan: Plan) {
        self.state.edit(Edit::Targets(TargetEdit::PutPlan {
            plan: Box::new(plan),
        }));
    }

    /// Every way `plan` disagrees with itself or with the open workspace (nothing to import
    /// while there is any).
    pub fn check(self, plan: &Plan) -> Vec<sandtable_core::targets::PlanProblem> {
        self.state.workspace.with_untracked(|w| match w {
            Some(ws) => self
                .frame
                .with_untracked(|f| sandtable_core::targets::check_plan(plan, ws, f)),
            None => Vec::new(),
        })
    }

    /// Stores the outcome of a recomputation: the plan when it was accepted, or the reason it
    /// was refused, leaving the stored plan as it was.
    pub fn settle(self, outcome: Result<(Plan, Vec<MemberIssue>), DecomposeError>) {
        match outcome {
            Ok((plan, _)) => {
                self.refusal.set(None);
                self.put(plan);
            }
            Err(e) => self.refusal.set(Some(e)),
        }
    }
}

/// The refusal of the last change, as an alert beside the controls.
#[component]
pub fn Refusal(ctx: TargetsContext, lang: Signal<Lang>) -> impl IntoView {
    move || {
        ctx.refusal.get().map(|e| {
            view! { <div class="banner warn" role="alert" data-testid="tg-refusal">"⚠ "{e.message(lang.get())}</div> }
        })
    }
}

/// A value of the plan's measure as text: money with ¥ and 万, a quantity as a number.
pub fn measure_text(x: sandtable_core::Money, measure: Measure, lang: Lang) -> String {
    use sandtable_core::export::format_cell;
    use sandtable_core::targets::{measure_cell, measure_kind};
    format_cell(&measure_cell(x, measure), measure_kind(measure), lang)
}

/// A signed change as text: ▲ + or ▼ − before the amount, so that the direction never rests on
/// colour alone.
pub fn signed_text(x: sandtable_core::Money, measure: Measure, lang: Lang) -> String {
    let text = measure_text(sandtable_core::Money(x.0.saturating_abs()), measure, lang);
    match x.0.signum() {
        1 => format!("▲ +{text}"),
        -1 => format!("▼ −{text}"),
        _ => text,
    }
}

/// The lock toggle of a row: ■ locked, □ not, with the action and the row's name spoken.
#[component]
pub fn LockButton(
    #[prop(into)] locked: Signal<bool>,
    #[prop(into)] name: Signal<String>,
    test_id: String,
    on_toggle: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let label = move || {
        if locked.get() {
            crate::i18n::t_string!(i18n, tg_unlock)
        } else {
            crate::i18n::t_string!(i18n, tg_lock)
        }
    };
    view! {
        <button
            class="lock"
            data-testid=test_id
            aria-pressed=move || if locked.get() { "true" } else { "false" }
            aria-label=move || format!("{} {}", label(), name.get())
            title=label
            on:click=move |_| on_toggle()
        >
            <span aria-hidden="true">{move || if locked.get() { "■" } else { "□" }}</span>
        </button>
    }
}
