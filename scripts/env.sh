# Sourced by the other scripts (not run on its own): puts the tools on PATH.
# shellcheck shell=bash
SANDTABLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SANDTABLE_ROOT
if [ -f "$HOME/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export CARGO_BIN
# node_modules/.bin first: trunk finds wasm-opt with `which`, and it must be npm's binaryen
# (132), never Debian's (108), which silently produces a wasm the browser rejects.
case ":$PATH:" in
  *":$SANDTABLE_ROOT/node_modules/.bin:"*) ;;
  *) PATH="$SANDTABLE_ROOT/node_modules/.bin:$CARGO_BIN:$PATH" ;;
esac
export PATH
