//! The Review page (生意复盘, `#/review`): a period, a comparison, a dimension and a measure,
//! kept in the URL, and six sub-views over the core's review analyses — comparison with
//! drill-down, Pareto/ABC, trend and seasonality, the five-dimension funnel, per-head ratios and
//! a scorecard. The core's frame is built once per workspace change; every control change is
//! one pass over it.

mod compare;
mod controls;
mod funnel;
mod matrix;
mod pareto;
mod per_head;
mod scorecard;
mod shared;
mod trend;

use std::ops::Deref;

use leptos::prelude::*;
use sandtable_core::review::{self, Choice, Frame, Selection};

use crate::frame::use_frame;
use crate::i18n::*;
use crate::route::{ReviewQuery, replace_review_query, use_review_query};
use crate::state::AppState;
use compare::CompareView;
use controls::{Breadcrumb, Controls};
use funnel::FunnelView;
use matrix::MatrixView;
use pareto::ParetoView;
use per_head::PerHeadView;
use scorecard::ScorecardView;
use trend::TrendView;

/// The sub-views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Compare,
    Matrix,
    Pareto,
    Trend,
    Funnel,
    PerHead,
    Scorecard,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Compare,
        View::Matrix,
        View::Pareto,
        View::Trend,
        View::Funnel,
        View::PerHead,
        View::Scorecard,
    ];

    pub fn code(self) -> &'static str {
        match self {
            View::Compare => "compare",
            View::Matrix => "matrix",
            View::Pareto => "pareto",
            View::Trend => "trend",
            View::Funnel => "funnel",
            View::PerHead => "perhead",
            View::Scorecard => "scorecard",
        }
    }

    pub fn from_code(code: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// The page's settings: the sub-view and the core's selection resolved against the frame
/// (defaults for anything missing or unknown).
#[derive(Debug, Clone, PartialEq)]
struct Settings {
    view: View,
    selection: Selection,
}

impl Deref for Settings {
    type Target = Selection;
    fn deref(&self) -> &Selection {
        &self.selection
    }
}

fn resolve(q: &ReviewQuery, frame: &Frame) -> Settings {
    let choice = Choice {
        period: q.period.as_deref(),
        cmp: q.cmp.as_deref(),
        dim: q.dim.as_deref(),
        measure: q.measure.as_deref(),
        drill: &q.drill,
    };
    Settings {
        view: q
            .view
            .as_deref()
            .and_then(View::from_code)
            .unwrap_or(View::Compare),
        selection: review::resolve(frame, &choice),
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let frame = use_frame();
    let query = use_review_query();
    // The URL follows the controls (no reload, no history entry); a bookmarked or edited URL
    // opened on this page restores its view through `use_review_query`.
    Effect::new(move |_| query.with(replace_review_query));

    let settings = Memo::new(move |_| query.with(|q| frame.with(|f| resolve(q, &f.0))));
    let has_rows = Memo::new(move |_| frame.with(|f| f.0.rows() > 0));

    let set: Setter =
        Callback::new(move |f: Box<dyn FnOnce(&mut ReviewQuery)>| query.update(|q| f(q)));

    view! {
        <section class="page review" aria-labelledby="review-title" data-testid="review-page">
            <h2 class="page-title" id="review-title">
                {t!(i18n, nav_review)}
                <small>{t!(i18n, area_review)}</small>
            </h2>
            <Show when=move || has_rows.get() fallback=move || view! { <ReviewEmpty /> }>
                <Controls frame=frame settings=settings set=set />
                <div class="tabs review-tabs" role="tablist">
                    {View::ALL
                        .into_iter()
                        .map(|v| {
                            let label = move || match v {
                                View::Compare => t_string!(i18n, rv_view_compare),
                                View::Matrix => t_string!(i18n, rv_view_matrix),
                                View::Pareto => t_string!(i18n, rv_view_pareto),
                                View::Trend => t_string!(i18n, rv_view_trend),
                                View::Funnel => t_string!(i18n, rv_view_funnel),
                                View::PerHead => t_string!(i18n, rv_view_perhead),
                                View::Scorecard => t_string!(i18n, rv_view_scorecard),
                            };
                            let active = move || settings.with(|s| s.view == v);
                            view! {
                                <button
                                    role="tab"
                                    data-testid=format!("rv-tab-{}", v.code())
                                    aria-selected=move || active().to_string()
                                    class:active=active
                                    on:click=move |_| set.run(Box::new(move |q| q.view = Some(v.code().to_string())))
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <Breadcrumb frame=frame settings=settings set=set />
                {move || match settings.with(|s| s.view) {
                    View::Compare => view! { <CompareView frame=frame settings=settings set=set /> }.into_any(),
                    View::Matrix => view! { <MatrixView frame=frame settings=settings /> }.into_any(),
                    View::Pareto => view! { <ParetoView frame=frame settings=settings /> }.into_any(),
                    View::Trend => view! { <TrendView frame=frame settings=settings /> }.into_any(),
                    View::Funnel => view! { <FunnelView frame=frame settings=settings /> }.into_any(),
                    View::PerHead => view! { <PerHeadView frame=frame settings=settings /> }.into_any(),
                    View::Scorecard => view! { <ScorecardView frame=frame settings=settings /> }.into_any(),
                }}
            </Show>
        </section>
    }
}

type Setter = Callback<Box<dyn FnOnce(&mut ReviewQuery)>>;

#[component]
fn ReviewEmpty() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    view! {
        <div class="empty card" data-testid="review-empty">
            <h3>{t!(i18n, rv_empty_title)}</h3>
            <p>{t!(i18n, rv_empty_body)}</p>
            <div class="actions">
                <a class="button primary" href="#/import">{t!(i18n, import_ledger_open)}</a>
                <button on:click=move |_| state.create_demo()>{t!(i18n, create_demo)}</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sandtable_core::Date;
    use sandtable_core::review::{Comparison, Dim, Period};

    #[test]
    fn views_round_trip_through_their_codes() {
        for v in View::ALL {
            assert_eq!(View::from_code(v.code()), Some(v));
        }
        assert_eq!(View::from_code("x"), None);
    }

    #[test]
    fn the_query_becomes_the_view_and_the_cores_selection() {
        let ws = sandtable_core::demo_workspace(Date::from_ymd(2026, 11, 22).unwrap_or_default());
        let frame = Frame::from_workspace(&ws);
        let q = ReviewQuery {
            view: Some("trend".into()),
            period: Some("2025-Q2".into()),
            cmp: Some("pop".into()),
            dim: Some("nonsense".into()),
            drill: vec![("region".into(), "no-such-region".into())],
            ..ReviewQuery::default()
        };
        let s = resolve(&q, &frame);
        assert_eq!(s.view, View::Trend);
        assert_eq!(s.dim, Dim::Region);
        assert_eq!(s.cmp, Comparison::PeriodOverPeriod);
        assert_eq!(s.current, Period::months(2025 * 12 + 3, 2025 * 12 + 5));
        assert_eq!(s.base, s.current.shift(-3));
        assert!(s.drill.is_empty() && s.filter.is_empty());
        assert_eq!(resolve(&ReviewQuery::default(), &frame).view, View::Compare);
    }
}
