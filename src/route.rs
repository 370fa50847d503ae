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

/// The state of the Review page carried in its URL (`#/review?view=compare&period=2025&…`), so
/// a view can be bookmarked. Values are the core's codes (dimension "region", comparison "yoy",
/// period "2025-Q2", …); unknown or missing values fall back to the page's defaults there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewQuery {
    /// The sub-view: "compare", "pareto", "trend", "funnel", "perhead", "scorecard".
    pub view: Option<String>,
    /// The current period ("2025", "2025-03", "2025-Q2", "2025-01..2025-06").
    pub period: Option<String>,
    /// The comparison: "yoy", "pop", "ytd".
    pub cmp: Option<String>,
    /// The dimension members are grouped by.
    pub dim: Option<String>,
    /// The measure: "amount", "quantity", "gross_profit".
    pub measure: Option<String>,
    /// The drill-down path from the whole territory: (dimension, member id) pairs.
    pub drill: Vec<(String, String)>,
}

impl ReviewQuery {
    /// Reads the query part of a Review hash; other routes give the default.
    pub fn from_hash(hash: &str) -> ReviewQuery {
        let mut q = ReviewQuery::default();
        if Route::from_hash(hash) != Route::Review {
            return q;
        }
        for (key, value) in query_pairs(hash) {
            let value = (!value.is_empty()).then_some(value);
            match key {
                "view" => q.view = value,
                "period" => q.period = value,
                "cmp" => q.cmp = value,
                "dim" => q.dim = value,
                "m" => q.measure = value,
                "drill" => {
                    // Decoded already: "region:R01/customer:C0001", each part escaped once more
                    // so that ids may hold ':' and '/'.
                    q.drill = value
                        .unwrap_or_default()
                        .split('/')
                        .filter_map(|step| {
                            let (d, id) = step.split_once(':')?;
                            let (d, id) = (percent_decode(d), percent_decode(id));
                            (!d.is_empty() && !id.is_empty()).then_some((d, id))
                        })
                        .collect();
                }
                _ => {}
            }
        }
        q
    }

    /// The hash of this state: `#/review` followed by the values that are set.
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |key: &str, value: &Option<String>| {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!("{key}={}", percent_encode(v)));
            }
        };
        push("view", &self.view);
        push("period", &self.period);
        push("cmp", &self.cmp);
        push("dim", &self.dim);
        push("m", &self.measure);
        if !self.drill.is_empty() {
            let path: Vec<String> = self
                .drill
                .iter()
                .map(|(d, id)| format!("{}:{}", percent_encode(d), percent_encode(id)))
                .collect();
            parts.push(format!("drill={}", percent_encode(&path.join("/"))));
        }
        if parts.is_empty() {
            Route::Review.href()
        } else {
            format!("{}?{}", Route::Review.href(), parts.join("&"))
        }
    }
}

/// Escapes everything but unreserved characters (RFC 3986), as UTF-8 bytes.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes [`percent_encode`] (and `+` as a space); malformed escapes are kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The Review state in the URL, following it while the Review page is shown.
pub fn use_review_query() -> RwSignal<ReviewQuery> {
    use_hash_state(|hash| {
        (Route::from_hash(hash) == Route::Review).then(|| ReviewQuery::from_hash(hash))
    })
}

/// Writes the Review state into the URL without reloading or adding a history entry.
pub fn replace_review_query(q: &ReviewQuery) {
    let hash = q.to_hash();
    if current_hash() == hash {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
    }
}

/// The (key, percent-decoded value) pairs of a location hash's query, in order; a key without
/// `=` has an empty value.
fn query_pairs(hash: &str) -> impl Iterator<Item = (&str, String)> {
    let query = hash.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key, percent_decode(value))
        })
}

/// The value of `key` in the query of a location hash (`#/grading?view=rate` → `rate`),
/// percent-decoded as the Review page's query is.
pub fn hash_query(hash: &str, key: &str) -> Option<String> {
    query_pairs(hash).find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// State a page keeps in the URL: `read` of the current hash now and after every `hashchange`.
/// `read` answers `None` for a hash that is not the page's (another route), and the state
/// stays as it was; it is set only when it differs, so an edit echoed back through the URL
/// does not repaint.
pub fn use_hash_state<T: Default + PartialEq + Send + Sync + 'static>(
    read: impl Fn(&str) -> Option<T> + 'static,
) -> RwSignal<T> {
    let state = RwSignal::new(read(&current_hash()).unwrap_or_default());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(next) = read(&current_hash())
            && state.with_untracked(|cur| *cur != next)
        {
            state.set(next);
        }
    });
    on_cleanup(move || handle.remove());
    state
}

/// The value of `key` in the current hash's query, following `hashchange`.
pub fn use_hash_query(key: &'static str) -> ReadSignal<Option<String>> {
    use_hash_state(move |hash| Some(hash_query(hash, key))).read_only()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query() -> ReviewQuery {
        ReviewQuery {
            view: Some("compare".into()),
            period: Some("2025-Q2".into()),
            cmp: Some("yoy".into()),
            dim: Some("customer".into()),
            measure: Some("amount".into()),
            drill: vec![
                ("region".into(), "华东/1".into()),
                ("customer".into(), "C:01 & 2".into()),
            ],
        }
    }

    #[test]
    fn review_state_round_trips_through_the_url() {
        let q = query();
        let hash = q.to_hash();
        assert!(hash.starts_with(
            "#/review?view=compare&period=2025-Q2&cmp=yoy&dim=customer&m=amount&drill="
        ));
        assert!(hash.is_ascii(), "{hash}");
        assert_eq!(Route::from_hash(&hash), Route::Review);
        assert_eq!(ReviewQuery::from_hash(&hash), q);
        assert_eq!(ReviewQuery::default().to_hash(), "#/review");
        assert_eq!(ReviewQuery::from_hash("#/review"), ReviewQuery::default());
    }

    #[test]
    fn review_state_ignores_what_it_does_not_know() {
        let q = ReviewQuery::from_hash("#/review?dim=region&x=1&period=&drill=region:%ZZ/bad/:x");
        assert_eq!(q.dim.as_deref(), Some("region"));
        assert_eq!(q.period, None);
        assert_eq!(q.drill, vec![("region".to_string(), "%ZZ".to_string())]);
        assert_eq!(
            ReviewQuery::from_hash("#/data?dim=region"),
            ReviewQuery::default()
        );
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode(&percent_encode("华东 a+b")), "华东 a+b");
    }

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
        assert_eq!(
            hash_query("#/grading?scale=%E6%A0%B8%E5%BF%83+A", "scale").as_deref(),
            Some("核心 A")
        );
        assert_eq!(hash_query("#/grading", "view"), None);
        assert_eq!(hash_query("#/grading?other=1", "view"), None);
    }
}
