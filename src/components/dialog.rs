//! A modal confirmation dialog rendered in the page (no browser `confirm()`), keyboard friendly:
//! Escape cancels, the confirm button takes focus.

use leptos::prelude::*;

/// Shows `children` with OK and Cancel buttons while `open` is true.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    #[prop(into)] cancel_label: Signal<String>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
    #[prop(optional)] danger: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let ok_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get()
            && let Some(b) = ok_ref.get()
        {
            let _ = b.focus();
        }
    });
    let children = StoredValue::new(children);
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| on_cancel.run(())>
                <div
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    data-testid="confirm-dialog"
                    on:click=|e| e.stop_propagation()
                    on:keydown=move |e| {
                        if e.key() == "Escape" {
                            on_cancel.run(());
                        }
                    }
                >
                    <h2>{move || title.get()}</h2>
                    <div class="modal-body">{children.read_value()()}</div>
                    <div class="actions">
                        <button data-testid="confirm-cancel" on:click=move |_| on_cancel.run(())>
                            {move || cancel_label.get()}
                        </button>
                        <button
                            node_ref=ok_ref
                            class=if danger { "danger" } else { "primary" }
                            data-testid="confirm-ok"
                            on:click=move |_| on_confirm.run(())
                        >
                            {move || confirm_label.get()}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
