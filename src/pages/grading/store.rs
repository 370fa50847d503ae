//! Where the Grading views read and write scales, ratings and settings: the open workspace's
//! `grading`, changed only through undoable core edits (so undo and redo cover them).

use leptos::prelude::*;
use sandtable_core::Edit;
use sandtable_core::GradingEdit;
use sandtable_core::grading::{Grading, Ratings, Scale};

use crate::state::AppState;

/// Reads and writes the open workspace's grading.
#[derive(Clone, Copy)]
pub struct GradingData {
    pub grading: Memo<Grading>,
    pub scales: Memo<Vec<Scale>>,
    pub ratings: Memo<Ratings>,
    state: AppState,
}

impl GradingData {
    pub fn new() -> GradingData {
        let state = AppState::expect();
        let grading = Memo::new(move |_| {
            state
                .workspace
                .with(|w| w.as_ref().map(|w| w.grading.clone()).unwrap_or_default())
        });
        GradingData {
            grading,
            scales: Memo::new(move |_| grading.with(|g| g.scales.clone())),
            ratings: Memo::new(move |_| grading.with(|g| g.ratings.clone())),
            state,
        }
    }

    /// Adds a scale, or replaces the stored scale with the same id.
    pub fn save_scale(self, scale: Scale) {
        self.state
            .edit(Edit::Grading(GradingEdit::PutScale { scale }));
    }

    /// Chooses the scale that grades the customers.
    pub fn set_active(self, id: String) {
        self.state
            .edit(Edit::Grading(GradingEdit::SetActiveScale { id: Some(id) }));
    }

    /// Sets (or with `None` clears) one customer's level on one factor.
    pub fn set_rating(self, customer: &str, factor: &str, level: Option<&str>) {
        self.state
            .edit(Edit::Grading(GradingEdit::rating(customer, factor, level)));
    }

    /// Sets every rating read from a file, in one undoable step.
    pub fn import_ratings(self, incoming: &Ratings) {
        self.state
            .edit(Edit::Grading(GradingEdit::import_ratings(incoming)));
    }
}
