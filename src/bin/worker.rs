//! The import worker: reads ledger files off the page's thread (see `import_bridge`).
//! Loaded by `worker_loader.js`; says "ready" once its wasm is running, then answers requests.

// The message types, compiled in rather than taken from the `sandtable_app` library: linking the
// library would bring the app's exported lazy-area functions, and all they reach, into the worker.
// The page-side helpers in it go unused here.
#[cfg(target_arch = "wasm32")]
#[path = "../import_bridge.rs"]
#[allow(dead_code)]
mod import_bridge;

#[cfg(target_arch = "wasm32")]
fn main() {
    use import_bridge::{Bilingual, Command, Reply, Request, SniffView, split};
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use sandtable_core::import::{ImportError, read_ledger_with_progress, sniff};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_scope = scope.clone();
    let failed = |id: u32, e: &ImportError| Reply::Failed {
        id,
        message: Bilingual::of(|l| e.message(l)),
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let header = Reflect::get(&data, &"request".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let Ok(request) = serde_json::from_str::<Request>(&header) else {
            return;
        };
        let bytes = Reflect::get(&data, &"bytes".into())
            .map(|b| Uint8Array::new(&b).to_vec())
            .unwrap_or_default();
        let options = request.choices.to_options();
        let out = Object::new();
        let transfer = Array::new();
        let reply = match request.command {
            Command::Sniff => match sniff(&bytes, &request.file_name, &options) {
                Ok(s) => {
                    let json = serde_json::to_string(&s).unwrap_or_default();
                    match serde_json::from_str::<SniffView>(&json) {
                        Ok(sniff) => Reply::Sniffed {
                            id: request.id,
                            sniff,
                        },
                        Err(e) => Reply::Failed {
                            id: request.id,
                            message: Bilingual {
                                zh: format!("内部错误：{e}"),
                                en: format!("Internal error: {e}"),
                            },
                        },
                    }
                }
                Err(e) => failed(request.id, &e),
            },
            Command::Read => match read_ledger_with_progress(
                &bytes,
                &request.file_name,
                &options,
                &mut |fraction| {
                    let note = Reply::Progress {
                        id: request.id,
                        fraction,
                    };
                    let out = Object::new();
                    let _ = Reflect::set(
                        &out,
                        &"reply".into(),
                        &serde_json::to_string(&note).unwrap_or_default().into(),
                    );
                    let _ = post_scope.post_message(&out);
                },
            ) {
                Ok(imported) => {
                    let (report, master, ledger) = split(imported);
                    let (head, chunks) = sandtable_core::encode_ledger_chunks(&ledger, 65_536);
                    let head = Uint8Array::from(head.as_slice());
                    transfer.push(&head.buffer());
                    let parts = Array::new();
                    for c in &chunks {
                        let c = Uint8Array::from(c.as_slice());
                        transfer.push(&c.buffer());
                        parts.push(&c);
                    }
                    let _ = Reflect::set(&out, &"head".into(), &head);
                    let _ = Reflect::set(&out, &"chunks".into(), &parts);
                    Reply::Read {
                        id: request.id,
                        report,
                        master,
                    }
                }
                Err(e) => failed(request.id, &e),
            },
        };
        let json = serde_json::to_string(&reply).unwrap_or_default();
        let _ = Reflect::set(&out, &"reply".into(), &JsValue::from_str(&json));
        let _ = post_scope.post_message_with_transfer(&out, &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the import worker runs in a browser; build it with trunk");
}
