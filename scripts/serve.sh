#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080 (PORT=... to change).
# Installs what is missing first (scripts/setup.sh). The app creates the demo workspace on
# first open.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SANDTABLE_ROOT"
bash scripts/setup.sh
echo "serve.sh: trunk build --release" >&2
trunk build --release
port="${PORT:-8080}"
echo "serve.sh: Sandtable is at http://127.0.0.1:$port/ (Ctrl+C stops the server)" >&2
exec python3 scripts/static-server.py dist "$port"
