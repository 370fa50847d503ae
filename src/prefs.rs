//! Small preferences in localStorage (locale, theme, up/down colours, last workspace), behind one
//! thin wrapper.
//! Values are stored as JSON so index.html can read the theme and locale before the app starts.

use gloo_storage::{LocalStorage, Storage};

const LOCALE: &str = "sandtable.locale";
const THEME: &str = "sandtable.theme";
const LAST_WORKSPACE: &str = "sandtable.last_workspace";
const UP_COLOUR: &str = "sandtable.up_colour";

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// The chosen locale code ("zh" or "en"), if the user chose one.
pub fn locale() -> Option<String> {
    LocalStorage::get(LOCALE).ok()
}

pub fn set_locale(code: &str) {
    // Preferences are a convenience: failing to store one must not disturb the user.
    let _ = LocalStorage::set(LOCALE, code);
}

pub fn theme() -> Theme {
    match LocalStorage::get::<String>(THEME).ok().as_deref() {
        Some("dark") => Theme::Dark,
        _ => Theme::Light,
    }
}

pub fn set_theme(theme: Theme) {
    let _ = LocalStorage::set(THEME, theme.as_str());
}

pub fn last_workspace() -> Option<String> {
    LocalStorage::get(LAST_WORKSPACE).ok()
}

pub fn set_last_workspace(id: &str) {
    let _ = LocalStorage::set(LAST_WORKSPACE, id);
}

/// Which colour marks a rise: red (红涨绿跌, the convention of Chinese markets and the default)
/// or green. Arrows and signs always carry the direction too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpColour {
    RedUp,
    GreenUp,
}

impl UpColour {
    pub fn as_str(self) -> &'static str {
        match self {
            UpColour::RedUp => "red-up",
            UpColour::GreenUp => "green-up",
        }
    }

    pub fn toggled(self) -> UpColour {
        match self {
            UpColour::RedUp => UpColour::GreenUp,
            UpColour::GreenUp => UpColour::RedUp,
        }
    }

    /// The colours of a rise and a fall, for charts.
    pub fn colours(self) -> (&'static str, &'static str) {
        const RED: &str = "#d03b3b";
        const GREEN: &str = "#2f9e5b";
        match self {
            UpColour::RedUp => (RED, GREEN),
            UpColour::GreenUp => (GREEN, RED),
        }
    }
}

pub fn up_colour() -> UpColour {
    match LocalStorage::get::<String>(UP_COLOUR).ok().as_deref() {
        Some("green-up") => UpColour::GreenUp,
        _ => UpColour::RedUp,
    }
}

pub fn set_up_colour(c: UpColour) {
    let _ = LocalStorage::set(UP_COLOUR, c.as_str());
}
