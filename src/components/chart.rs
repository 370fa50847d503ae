//! An ECharts chart drawn from a charming `Chart` signal: initialised once, updated on change.

use std::sync::atomic::{AtomicU32, Ordering};

use charming::{Chart, Echarts, WasmRenderer};
use leptos::prelude::*;

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// Draws `chart`, `height` pixels tall and as wide as its container. `label` names it for
/// screen readers.
#[component]
pub fn EChart(
    #[prop(into)] chart: Signal<Chart>,
    height: u32,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let id = format!("chart-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let instance: StoredValue<Option<Echarts>, LocalStorage> = StoredValue::new_local(None);
    let dom_id = id.clone();
    Effect::new(move |_| {
        let option = chart.get();
        if !echarts_loaded() {
            // ECharts is a deferred script; draw as soon as it is there.
            schedule_retry(dom_id.clone(), instance, chart);
            return;
        }
        draw(&dom_id, instance, &option);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        instance.with_value(|i| {
            if let Some(i) = i {
                i.resize(wasm_bindgen::JsValue::UNDEFINED);
            }
        });
    });
    on_cleanup(move || resize.remove());
    view! {
        <div id=id class="chart" role="img" aria-label=move || label.get() style=format!("height:{height}px")></div>
    }
}

fn echarts_loaded() -> bool {
    js_sys::Reflect::get(&window(), &"echarts".into()).is_ok_and(|v| !v.is_undefined())
}

fn draw(dom_id: &str, instance: StoredValue<Option<Echarts>, LocalStorage>, option: &Chart) {
    let drawn = instance.with_value(|i| {
        if let Some(i) = i {
            WasmRenderer::update(i, option);
            true
        } else {
            false
        }
    });
    if !drawn && let Ok(i) = WasmRenderer::new_opt(None, None).render(dom_id, option) {
        instance.set_value(Some(i));
    }
}

fn schedule_retry(
    dom_id: String,
    instance: StoredValue<Option<Echarts>, LocalStorage>,
    chart: Signal<Chart>,
) {
    set_timeout(
        move || {
            if echarts_loaded() {
                chart.with_untracked(|c| draw(&dom_id, instance, c));
            } else {
                schedule_retry(dom_id, instance, chart);
            }
        },
        std::time::Duration::from_millis(50),
    );
}
