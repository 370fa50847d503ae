//! An ECharts chart drawn from a charming `Chart` signal: initialised once, updated on change.
//! With a table of its numbers it also offers "show numbers" (the table under the chart) and
//! "save PNG".

use std::sync::atomic::{AtomicU32, Ordering};

use charming::{Chart, Echarts, WasmRenderer};
use leptos::prelude::*;
use sandtable_core::export::Table;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::table::DataTable;
use crate::files;
use crate::i18n::*;

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

type Instance = StoredValue<Option<Echarts>, LocalStorage>;

/// Draws `chart`, `height` pixels tall and as wide as its container. `label` names it for
/// screen readers and the saved image.
#[component]
pub fn EChart(
    #[prop(into)] chart: Signal<Chart>,
    height: u32,
    #[prop(into)] label: Signal<String>,
    /// The chart's numbers: when given, buttons show them as a table and save the chart as PNG.
    #[prop(optional, into)]
    numbers: Option<Signal<Table>>,
    /// `data-testid` of the chart block; its buttons get `-numbers` and `-png` after it.
    #[prop(optional)]
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("chart-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let instance: Instance = StoredValue::new_local(None);
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
                i.resize(JsValue::UNDEFINED);
            }
        });
    });
    on_cleanup(move || resize.remove());
    let show_numbers = RwSignal::new(false);
    let save_png = move |_| {
        let name = files::safe_file_name(&label.get_untracked(), ".png");
        if let Some(url) = instance.with_value(|i| i.as_ref().and_then(data_url))
            && let Err(e) = files::download_url(&name, &url)
        {
            web_sys::console::warn_1(&e.into());
        }
    };
    let tools = numbers.map(|numbers| {
        view! {
            <div class="chart-tools">
                <button
                    data-testid=format!("{test_id}-numbers")
                    aria-pressed=move || show_numbers.get().to_string()
                    on:click=move |_| show_numbers.update(|s| *s = !*s)
                >
                    "▦ "{move || if show_numbers.get() { t_string!(i18n, chart_hide_numbers) } else { t_string!(i18n, chart_show_numbers) }}
                </button>
                <button data-testid=format!("{test_id}-png") on:click=save_png>
                    "⇩ "{t!(i18n, chart_save_png)}
                </button>
            </div>
            <Show when=move || show_numbers.get()>
                <DataTable table=numbers test_id=format!("{test_id}-table") />
            </Show>
        }
    });
    view! {
        <div class="chart-block" data-testid=test_id>
            <div id=id class="chart" role="img" aria-label=move || label.get() style=format!("height:{height}px")></div>
            {tools}
        </div>
    }
}

fn echarts_loaded() -> bool {
    js_sys::Reflect::get(&window(), &"echarts".into()).is_ok_and(|v| !v.is_undefined())
}

/// The chart as a PNG `data:` URL, at twice the screen resolution on the page's background.
fn data_url(instance: &Echarts) -> Option<String> {
    let target: &JsValue = instance.as_ref();
    let f = js_sys::Reflect::get(target, &"getDataURL".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let options = js_sys::Object::new();
    let background = document()
        .document_element()
        .and_then(|e| window().get_computed_style(&e).ok().flatten())
        .and_then(|s| s.get_property_value("--bg").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "#ffffff".to_string());
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"png".into());
    let _ = js_sys::Reflect::set(&options, &"pixelRatio".into(), &2.into());
    let _ = js_sys::Reflect::set(&options, &"backgroundColor".into(), &background.into());
    f.call1(target, &options).ok()?.as_string()
}

fn draw(dom_id: &str, instance: Instance, option: &Chart) {
    let drawn = instance.with_value(|i| {
        if let Some(i) = i {
            replace_option(i, option);
            true
        } else {
            false
        }
    });
    if !drawn && let Ok(i) = WasmRenderer::new_opt(None, None).render(dom_id, option) {
        instance.set_value(Some(i));
    }
}

/// Sets the whole option (not merged), so series and axes that went away disappear.
fn replace_option(instance: &Echarts, option: &Chart) {
    let target: &JsValue = instance.as_ref();
    let Ok(value) = js_sys::JSON::parse(&option.to_string()) else {
        return;
    };
    if let Ok(f) = js_sys::Reflect::get(target, &"setOption".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call2(target, &value, &JsValue::TRUE);
    }
}

fn schedule_retry(dom_id: String, instance: Instance, chart: Signal<Chart>) {
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

/// Theme-following chart colours and the user's up/down colours.
pub fn use_palette() -> (
    Signal<crate::charts::Palette>,
    Signal<(&'static str, &'static str)>,
) {
    let theme = expect_context::<RwSignal<crate::prefs::Theme>>();
    let up = expect_context::<RwSignal<crate::prefs::UpColour>>();
    (
        Signal::derive(move || {
            crate::charts::Palette::for_dark(theme.get() == crate::prefs::Theme::Dark)
        }),
        Signal::derive(move || up.get().colours()),
    )
}
