//! Hash routes (`#/data`, `#/workspaces`, …): the app is a set of static files, so every view
//! must be reachable without server-side routing.

use leptos::prelude::*;

/// The app's pages: the six areas of the domain plus the workspace manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    Data,
    Review,
    Targets,
    Grading,
    Jbp,
    Channel,
    Workspaces,
    /// The ledger import wizard (part of the Data area).
    Import,
}

impl Route {
    /// The six areas, in the course's order.
    pub const AREAS: [Route; 6] = [
        Route::Data,
        Route::Review,
        Route::Targets,
        Route::Grading,
        Route::Jbp,
        Route::Channel,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Route::Data => "data",
            Route::Review => "review",
            Route::Targets => "targets",
            Route::Grading => "grading",
            Route::Jbp => "jbp",
            Route::Channel => "channel",
            Route::Workspaces => "workspaces",
            Route::Import => "import",
        }
    }

    /// The navigation item that shows as current on this route.
    pub fn area(self) -> Route {
        match self {
            Route::Import => Route::Data,
            r => r,
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// The route of a location hash; anything unknown is the Data page.
    pub fn from_hash(hash: &str) -> Route {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = slug.split(['?', '/']).next().unwrap_or("");
        [Route::Workspaces, Route::Import]
            .into_iter()
            .chain(Route::AREAS)
            .find(|r| r.slug() == slug)
            .unwrap_or(Route::Data)
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route, following `hashchange`.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::from_hash(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::from_hash(&current_hash()));
    });
    on_cleanup(move || handle.remove());
    route
}

/// The value of `key` in the query of a location hash (`#/grading?view=rate` → `rate`).
pub fn hash_query(hash: &str, key: &str) -> Option<String> {
    let (_, query) = hash.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
}

/// The value of `key` in the current hash's query, following `hashchange`.
pub fn use_hash_query(key: &'static str) -> ReadSignal<Option<String>> {
    let (value, set_value) = signal(hash_query(&current_hash(), key));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_value.set(hash_query(&current_hash(), key));
    });
    on_cleanup(move || handle.remove());
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_empty_hashes_open_the_data_page() {
        assert_eq!(Route::from_hash(""), Route::Data);
        assert_eq!(Route::from_hash("#/nothing"), Route::Data);
    }

    #[test]
    fn every_route_round_trips_through_its_href() {
        for r in Route::AREAS
            .into_iter()
            .chain([Route::Workspaces, Route::Import])
        {
            assert_eq!(Route::from_hash(&r.href()), r);
        }
        assert_eq!(Route::from_hash("#/review?period=2024"), Route::Review);
    }

    #[test]
    fn hash_queries_are_read_by_key() {
        assert_eq!(
            hash_query("#/grading?view=rate", "view").as_deref(),
            Some("rate")
        );
        assert_eq!(
            hash_query("#/grading?a=1&view=ge", "view").as_deref(),
            Some("ge")
        );
        assert_eq!(hash_query("#/grading", "view"), None);
        assert_eq!(hash_query("#/grading?other=1", "view"), None);
    }
}
