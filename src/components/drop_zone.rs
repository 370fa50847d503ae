//! A file drop zone that is also a file picker: the whole area opens the picker (touch and
//! keyboard friendly), and a file dropped on it is taken the same way.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Reports the file a user picks or drops. `children` describe what to drop.
#[component]
pub fn DropZone(
    /// `data-testid` of the zone.
    zone_test_id: &'static str,
    /// `data-testid` of its file input.
    input_test_id: &'static str,
    /// The input's `accept` list.
    accept: &'static str,
    /// A taller zone, for a page whose main action is choosing a file.
    #[prop(optional)]
    big: bool,
    #[prop(into)] on_file: Callback<web_sys::File>,
    children: Children,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_pick = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            on_file.run(f);
        }
        input.set_value(""); // choosing the same file again must fire `change` again
    };
    let on_drop = move |e: leptos::ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        if let Some(f) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            on_file.run(f);
        }
    };
    view! {
        <label
            class="dropzone"
            class:big=big
            class:dragging=move || dragging.get()
            data-testid=zone_test_id
            on:dragover=move |e: leptos::ev::DragEvent| {
                e.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <input type="file" class="file-input" accept=accept data-testid=input_test_id on:change=on_pick />
            <span aria-hidden="true" class="drop-icon">"⇪"</span>
            {children()}
        </label>
    }
}
