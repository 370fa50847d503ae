//! Files in and out of the browser: downloads through a Blob URL, reading a picked or dropped file.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `text` to the user as a downloaded file.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_blob(file_name, mime, &JsValue::from_str(text))
}

/// Offers `bytes` to the user as a downloaded file.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_blob(file_name, mime, &js_sys::Uint8Array::from(bytes))
}

fn download_blob(file_name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options)
        .map_err(js_err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    click_link(file_name, &url)?;
    // Revoke later: some engines start the download after the click handler returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// Offers a `data:` URL (a chart image) as a downloaded file.
pub fn download_url(file_name: &str, url: &str) -> Result<(), String> {
    click_link(file_name, url)
}

fn click_link(file_name: &str, url: &str) -> Result<(), String> {
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "anchor".to_string())?;
    a.set_href(url);
    a.set_download(file_name);
    a.set_attribute("style", "display:none").map_err(js_err)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(js_err)?;
    a.click();
    a.remove();
    Ok(())
}

/// Reads a user's file as text (UTF-8).
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(js_err)?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// A file name that is safe on every system, from a workspace name.
pub fn safe_file_name(name: &str, extension: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim();
    let stem = if cleaned.is_empty() {
        "workspace"
    } else {
        cleaned
    };
    format!("{stem}{extension}")
}

pub fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn file_names_lose_characters_no_system_accepts() {
        assert_eq!(
            safe_file_name("华东/华南: 2026", ".json"),
            "华东_华南_ 2026.json"
        );
        assert_eq!(safe_file_name("  ", ".json"), "workspace.json");
    }
}
