//! Where the Grading views read and write scales and ratings: the open workspace, changed only
//! through undoable core edits.

use leptos::prelude::*;
use sandtable_core::grading::{Ratings, Scale};

/// Reads and writes the open workspace's scales and ratings.
#[derive(Clone, Copy)]
pub struct Store {
    pub scales: Memo<Vec<Scale>>,
    pub ratings: Memo<Ratings>,
    // Until the workspace holds scales: kept for the session.
    held_scales: RwSignal<Vec<Scale>>,
    held_ratings: RwSignal<Ratings>,
}

impl Store {
    pub fn new() -> Store {
        let held_scales = RwSignal::new(Vec::new());
        let held_ratings = RwSignal::new(Ratings::new());
        Store {
            scales: Memo::new(move |_| held_scales.get()),
            ratings: Memo::new(move |_| held_ratings.get()),
            held_scales,
            held_ratings,
        }
    }

    /// Adds a scale, or replaces the stored scale with the same id.
    pub fn save_scale(self, scale: Scale) {
        self.held_scales.update(|all| match all.iter_mut().find(|s| s.id == scale.id) {
            Some(s) => *s = scale,
            None => all.push(scale),
        });
    }

    pub fn remove_scale(self, id: &str) {
        self.held_scales.update(|all| all.retain(|s| s.id != id));
    }

    /// Sets (or with `None` clears) one customer's level on one factor.
    pub fn set_rating(self, customer: &str, factor: &str, level: Option<String>) {
        self.held_ratings.update(|r| match level {
            Some(l) => {
                r.entry(customer.to_string())
                    .or_default()
                    .insert(factor.to_string(), l);
            }
            None => {
                if let Some(c) = r.get_mut(customer) {
                    c.remove(factor);
                    if c.is_empty() {
                        r.remove(customer);
                    }
                }
            }
        });
    }

    /// Adds ratings read from a file (a later rating of the same customer and factor wins).
    pub fn merge_ratings(self, incoming: Ratings) {
        self.held_ratings.update(|r| {
            for (c, fs) in incoming {
                r.entry(c).or_default().extend(fs);
            }
        });
    }
}
