"""Trunk post-build hook: builds the app's wasm split into a first load and lazily loaded areas.

Trunk 0.21 cannot split a wasm module, and always builds a main app: it builds this one unsplit
(wasm-opt off), and this hook replaces that output. Steps:

1. `cargo build --target wasm32-unknown-unknown --bin sandtable-app`, with the flags trunk used
   (so cargo finds it built); the relocations the splitter needs are kept by the link
   argument `--emit-relocs` that build.rs gives this binary;
2. `wasm-split-cli`: every `#[lazy]` function (src/app.rs), with the code only it reaches, goes to
   a wasm chunk of its own; `__wasm_split.js` fetches a chunk the first time it is needed;
3. `wasm-bindgen --target web --keep-lld-exports` on the main module (the chunks link against
   its exports);
4. release builds: `wasm-opt -Oz` on every module;
5. everything goes to `app-<content hash>/` in the staging directory; trunk's unsplit files go,
   and in index.html its preload links and start script give way to ours;
6. tools/sw_precache.py lists the final files in the service worker (run from here, not as a
   hook of its own: trunk starts the hooks of a stage together).

Environment (set by trunk): TRUNK_STAGING_DIR, TRUNK_PROFILE, TRUNK_SOURCE_DIR.
"""
import hashlib
import json
import os
import re
import pathlib
import shutil
import subprocess
import sys
import tempfile

BIN = "sandtable-app"
# What trunk writes into index.html for the unsplit app.
TRUNK_TAGS = [
    re.compile(r'<link rel="modulepreload" href="[^"]*' + BIN + r'-[0-9a-f]+\.js"[^>]*>\s*'),
    re.compile(r'<link rel="preload" href="[^"]*' + BIN + r'-[0-9a-f]+_bg\.wasm"[^>]*>\s*'),
    re.compile(r'<script type="module">\s*import init, \* as bindings from \'[^\']*' + BIN
               + r'-[0-9a-f]+\.js\';.*?</script>\s*', re.S),
]


def run(*args, **kw):
    print("split_build:", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], check=True, **kw)


def build_wasm(source: pathlib.Path, release: bool) -> pathlib.Path:
    cmd = ["cargo", "build", "--offline", "--target", "wasm32-unknown-unknown", "--bin", BIN,
           "--manifest-path", source / "Cargo.toml", "--message-format", "json-render-diagnostics"]
    if release:
        cmd.append("--release")
    out = run(*cmd, stdout=subprocess.PIPE, text=True).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == BIN \
                and "bin" in msg["target"]["kind"]:
            return pathlib.Path(next(f for f in msg["filenames"] if f.endswith(".wasm")))
    sys.exit(f"split_build: cargo built no {BIN}.wasm")


def main():
    staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
    source = pathlib.Path(os.environ.get("TRUNK_SOURCE_DIR", "."))
    release = os.environ.get("TRUNK_PROFILE", "debug") == "release"
    wasm = build_wasm(source, release)

    with tempfile.TemporaryDirectory(prefix="sandtable-split-") as tmp:
        tmp = pathlib.Path(tmp)
        split = tmp / "split"
        out = tmp / "out"
        run("wasm-split-cli", wasm, split, "--target", "web", "--out-name", BIN)
        run("wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-demangle",
            "--out-dir", out, "--out-name", BIN, split / f"{BIN}.wasm")
        for f in split.iterdir():
            if f.name != f"{BIN}.wasm":
                shutil.copy(f, out / f.name)
        if release:
            for f in sorted(out.glob("*.wasm")):
                run("wasm-opt", "-Oz", "--strip-debug", "--strip-producers",
                    "--enable-bulk-memory", "--enable-nontrapping-float-to-int", f, "-o", f,
                    stderr=subprocess.DEVNULL)
        for f in out.glob("*.d.ts"):
            f.unlink()

        digest = hashlib.sha256()
        for f in sorted(out.iterdir()):
            digest.update(f.name.encode())
            digest.update(f.read_bytes())
        dirname = f"app-{digest.hexdigest()[:16]}"
        shutil.copytree(out, staging / dirname)

    js = f"./{dirname}/{BIN}.js"
    bg = f"./{dirname}/{BIN}_bg.wasm"
    tags = (
        f'<link rel="modulepreload" href="{js}">\n'
        f'<link rel="preload" href="{bg}" as="fetch" type="application/wasm" crossorigin>\n'
        f'<script type="module">import init from "{js}"; await init({{ module_or_path: "{bg}" }});</script>'
    )
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    for i, pattern in enumerate(TRUNK_TAGS):
        html, n = pattern.subn(tags if i == 0 else "", html)
        if n != 1:
            sys.exit(f"split_build: expected one {pattern.pattern!r} in index.html, found {n}")
    index.write_text(html, encoding="utf-8")
    for f in staging.glob(f"{BIN}-*"):
        f.unlink()
    sizes = ", ".join(f"{f.name} {f.stat().st_size // 1024} KB"
                      for f in sorted((staging / dirname).glob("*.wasm")))
    print(f"split_build: {dirname}: {sizes}")
    run(sys.executable, pathlib.Path(__file__).with_name("sw_precache.py"))


if __name__ == "__main__":
    main()
