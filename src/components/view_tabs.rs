//! An area's tab bar: one link per view, the current one marked for eyes and screen readers.
//! The views live in the URL (`#/grading?view=rate`), so a tab is a plain link.

use leptos::prelude::*;

/// The tabs of `views`; `test_prefix` names them (`gr` gives `gr-tab-rate`).
#[component]
pub fn ViewTabs<V, L>(
    views: Vec<V>,
    current: Memo<V>,
    slug: fn(V) -> &'static str,
    href: fn(V) -> String,
    label: L,
    test_prefix: &'static str,
    #[prop(into)] aria_label: Signal<String>,
) -> impl IntoView
where
    V: Copy + PartialEq + Send + Sync + 'static,
    L: Fn(V) -> String + Copy + Send + Sync + 'static,
{
    view! {
        <nav class="tabs view-tabs" aria-label=move || aria_label.get()>
            {views
                .into_iter()
                .map(|v| {
                    view! {
                        <a
                            class="button"
                            class:active=move || current.get() == v
                            href=href(v)
                            data-testid=format!("{test_prefix}-tab-{}", slug(v))
                            aria-current=move || (current.get() == v).then_some("page")
                        >
                            {move || label(v)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
