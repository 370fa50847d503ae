// Starts the import worker's wasm (built by trunk as worker.js + worker_bg.wasm).
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
