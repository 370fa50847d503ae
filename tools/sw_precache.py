"""Trunk post-build hook: writes the built file list and a content hash into sw.js."""
import hashlib
import json
import os
import pathlib

staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
sw = staging / "sw.js"
files = sorted(
    p.relative_to(staging).as_posix()
    for p in staging.rglob("*")
    if p.is_file() and p.name != "sw.js"
)
digest = hashlib.sha256()
for name in files:
    digest.update(name.encode())
    digest.update((staging / name).read_bytes())
text = sw.read_text(encoding="utf-8")
entries = "".join(", " + json.dumps("./" + name) for name in files if name != "index.html")
text = text.replace("/*__SANDTABLE_PRECACHE__*/", entries)
text = text.replace("__SANDTABLE_VERSION__", digest.hexdigest()[:16])
sw.write_text(text, encoding="utf-8")
print(f"sw_precache: {len(files)} files, version {digest.hexdigest()[:16]}")
