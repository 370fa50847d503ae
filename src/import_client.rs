//! The app's side of the import worker: started on first use (so the first page load stays
//! small), it turns each request into a future.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use sandtable_core::import::Imported;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::import_bridge::{
    Bilingual, Choices, Command, Master, Reply, ReportView, Request, SniffView, join,
};

/// What the worker sent back.
pub enum Outcome {
    Sniffed(SniffView),
    Read(ReportView, Box<Pending>),
}

/// A read ledger as it came from the worker, still encoded: decoding a large one takes a
/// moment, so it waits until the user commits.
pub struct Pending {
    report: ReportView,
    master: Master,
    head: Vec<u8>,
    chunks: Vec<Vec<u8>>,
}

impl Pending {
    /// Decodes the ledger and puts the import together for `add_to_workspace`.
    pub fn into_imported(self) -> Result<Imported, Bilingual> {
        let ledger =
            sandtable_core::decode_ledger_chunks(&self.head, &self.chunks).map_err(internal)?;
        Ok(join(&self.report, self.master, ledger))
    }
}

/// Progress callbacks by request id.
type Listeners = Rc<RefCell<HashMap<u32, Box<dyn Fn(f64)>>>>;

struct Client {
    worker: web_sys::Worker,
    ready: Promise,
    pending: Rc<RefCell<HashMap<u32, Function>>>,
    /// Progress listeners of requests under way.
    progress: Listeners,
    next_id: Cell<u32>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn internal(detail: impl std::fmt::Display) -> Bilingual {
    Bilingual {
        zh: format!("导入组件出错：{detail}"),
        en: format!("The import component failed: {detail}"),
    }
}

fn client() -> Result<Rc<Client>, Bilingual> {
    if let Some(c) = CLIENT.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let worker = web_sys::Worker::new("./worker_loader.js")
        .map_err(|e| internal(crate::files::js_err(e)))?;
    let ready_resolve: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
    let slot = ready_resolve.clone();
    let ready = Promise::new(&mut move |resolve, _reject| *slot.borrow_mut() = Some(resolve));
    let pending: Rc<RefCell<HashMap<u32, Function>>> = Rc::default();
    let progress: Listeners = Rc::default();

    let on_pending = pending.clone();
    let on_progress = progress.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if data.as_string().as_deref() == Some("ready") {
                if let Some(resolve) = ready_resolve.borrow_mut().take() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
                return;
            }
            let Some(text) = Reflect::get(&data, &"reply".into())
                .ok()
                .and_then(|v| v.as_string())
            else {
                return;
            };
            let Ok(reply) = serde_json::from_str::<Reply>(&text) else {
                return;
            };
            if let Reply::Progress { id, fraction } = reply {
                if let Some(f) = on_progress.borrow().get(&id) {
                    f(fraction);
                }
                return;
            }
            on_progress.borrow_mut().remove(&reply.id());
            if let Some(resolve) = on_pending.borrow_mut().remove(&reply.id()) {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    // A crash in the worker answers every open request with a failure instead of leaving it hanging.
    let on_fail = pending.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
        for (id, resolve) in on_fail.borrow_mut().drain() {
            let reply = Reply::Failed {
                id,
                message: internal("worker error"),
            };
            let out = Object::new();
            let _ = Reflect::set(
                &out,
                &"reply".into(),
                &serde_json::to_string(&reply).unwrap_or_default().into(),
            );
            let _ = resolve.call1(&JsValue::NULL, &out);
        }
        CLIENT.with(|c| *c.borrow_mut() = None); // start afresh next time
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();

    let c = Rc::new(Client {
        worker,
        ready,
        pending,
        progress,
        next_id: Cell::new(1),
    });
    CLIENT.with(|slot| *slot.borrow_mut() = Some(c.clone()));
    Ok(c)
}

/// Sends `file` to the worker with `choices`; resolves when it answers. `on_progress` hears the
/// fraction read while a whole file is read.
pub async fn request(
    command: Command,
    file: &web_sys::File,
    choices: &Choices,
    on_progress: impl Fn(f64) + 'static,
) -> Result<Outcome, Bilingual> {
    let c = client()?;
    JsFuture::from(c.ready.clone())
        .await
        .map_err(|e| internal(crate::files::js_err(e)))?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| Bilingual {
            zh: format!("无法读取该文件：{}", crate::files::js_err(e.clone())),
            en: format!("The file could not be read: {}", crate::files::js_err(e)),
        })?;
    let id = c.next_id.get();
    c.next_id.set(id + 1);
    let request = Request {
        id,
        command,
        file_name: file.name(),
        choices: choices.clone(),
    };
    let message = Object::new();
    let json = serde_json::to_string(&request).map_err(internal)?;
    Reflect::set(&message, &"request".into(), &json.into())
        .map_err(|e| internal(crate::files::js_err(e)))?;
    Reflect::set(&message, &"bytes".into(), &buffer)
        .map_err(|e| internal(crate::files::js_err(e)))?;
    c.progress.borrow_mut().insert(id, Box::new(on_progress));
    let pending = c.pending.clone();
    let answer = Promise::new(&mut |resolve, _reject| {
        pending.borrow_mut().insert(id, resolve);
    });
    c.worker
        .post_message_with_transfer(&message, &Array::of1(&buffer))
        .map_err(|e| internal(crate::files::js_err(e)))?;
    let data = JsFuture::from(answer)
        .await
        .map_err(|e| internal(crate::files::js_err(e)))?;
    let text = Reflect::get(&data, &"reply".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match serde_json::from_str::<Reply>(&text).map_err(internal)? {
        Reply::Failed { message, .. } => Err(message),
        Reply::Progress { .. } => Err(internal("unexpected progress")),
        Reply::Sniffed { sniff, .. } => Ok(Outcome::Sniffed(sniff)),
        Reply::Read { report, master, .. } => {
            let bytes = |v: JsValue| {
                v.dyn_into::<Uint8Array>()
                    .map(|a| a.to_vec())
                    .map_err(|_| internal("chunk"))
            };
            let head = bytes(
                Reflect::get(&data, &"head".into())
                    .map_err(|e| internal(crate::files::js_err(e)))?,
            )?;
            let parts: Array = Reflect::get(&data, &"chunks".into())
                .ok()
                .and_then(|v| v.dyn_into().ok())
                .ok_or_else(|| internal("chunks"))?;
            let chunks = parts.iter().map(bytes).collect::<Result<Vec<_>, _>>()?;
            let pending = Pending {
                report: report.clone(),
                master,
                head,
                chunks,
            };
            Ok(Outcome::Read(report, Box::new(pending)))
        }
    }
}
