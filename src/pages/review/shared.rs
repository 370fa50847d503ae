//! What the review views share: cells in the measure's unit, the note shown in place of a
//! result, and the review inputs the workspace keeps.

use leptos::prelude::*;
use sandtable_core::export::{Cell, ColumnKind};
use sandtable_core::review::{Measure, ReviewSettings};
use sandtable_core::{Lang, Money, format_money};

use crate::state::AppState;

/// The unit charts plot a measure in: (divisor, unit label).
pub(super) fn value_kind(measure: Measure) -> ColumnKind {
    match measure {
        Measure::Quantity => ColumnKind::Number,
        _ => ColumnKind::Money,
    }
}

pub(super) fn value_cell(m: Money, measure: Measure) -> Cell {
    match measure {
        Measure::Quantity => Cell::Number(m.to_f64()),
        _ => Cell::Money(m),
    }
}

pub(super) fn opt_number(x: Option<f64>) -> Cell {
    x.map_or(Cell::Missing("—".into()), Cell::Number)
}

/// Growth as a cell: "new" when the base is zero and the current value is not.
pub(super) fn growth_cell(g: Option<f64>, current: Money, new_label: &str) -> Cell {
    match g {
        Some(g) => Cell::Number(g),
        None if current != Money::ZERO => Cell::Missing(new_label.to_string()),
        None => Cell::Missing("—".into()),
    }
}

pub(super) fn format_measure(m: Money, measure: Measure, lang: Lang) -> String {
    match measure {
        Measure::Quantity => {
            sandtable_core::export::format_cell(&Cell::Number(m.to_f64()), ColumnKind::Number, lang)
        }
        _ => format_money(m, lang),
    }
}

/// The review inputs the workspace keeps (universe per region, scorecard).
pub(super) fn use_review_settings() -> Memo<ReviewSettings> {
    let state = AppState::expect();
    Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.as_ref().map(|w| w.review.clone()).unwrap_or_default())
    })
}

#[component]
pub(super) fn ErrorNote(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <div class="banner warn" role="status" data-testid="rv-note"><p>"ⓘ "{move || text.get()}</p></div> }
}

/// A value computed as a float (a ratio, an effect) as a money cell, "—" when no amount can
/// hold it.
pub(super) fn money_cell(x: f64) -> Cell {
    Money::from_f64(x).map_or(Cell::Missing("—".into()), Cell::Money)
}

/// A float money value as text in `lang`, "—" when no amount can hold it.
pub(super) fn money_text(x: f64, lang: Lang) -> String {
    Money::from_f64(x).map_or("—".to_string(), |m| format_money(m, lang))
}
