//! Small preferences in localStorage (locale, theme, last workspace), behind one thin wrapper.
//! Values are stored as JSON so index.html can read the theme and locale before the app starts.

use gloo_storage::{LocalStorage, Storage};

const LOCALE: &str = "sandtable.locale";
const THEME: &str = "sandtable.theme";
const LAST_WORKSPACE: &str = "sandtable.last_workspace";

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
