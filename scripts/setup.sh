#!/usr/bin/env bash
# Installs what Sandtable needs to build and test, and only what is missing.
#   scripts/setup.sh             Rust wasm target, trunk, wasm-bindgen-cli, wasm-split-cli, npm packages
#   scripts/setup.sh --browsers  also Chromium, Firefox ESR, WebKitGTK (+ their WebDriver), Xvfb,
#                                CJK fonts and geckodriver
# Quiet when everything is present; prints what it installs; fails loudly with the log.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SANDTABLE_ROOT"

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
WASM_SPLIT_VERSION=0.2.4
APT_PACKAGES=(chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth fonts-noto-cjk)

browsers=0
for arg in "$@"; do
  case "$arg" in
    --browsers) browsers=1 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

LOG="$(mktemp -t sandtable-setup.XXXXXX)"
APT_LOG="$(mktemp -t sandtable-setup-apt.XXXXXX)"
apt_pid=""
# Never leave apt half-done: on any exit, wait for a background apt-get to finish.
trap 'if [ -n "$apt_pid" ]; then wait "$apt_pid" 2>/dev/null || true; fi; rm -f "$LOG" "$APT_LOG"' EXIT

die() { echo "setup.sh: ERROR: $*" >&2; exit 1; }

# Runs a command with its output kept in $LOG; returns its status, showing the log tail on failure.
try_step() {
  local what="$1"; shift
  echo "setup.sh: $what" >&2
  local t0=$SECONDS
  if ! "$@" >"$LOG" 2>&1; then
    echo "setup.sh: FAILED: $what" >&2
    echo "----- last 60 lines of output ($*) -----" >&2
    tail -n 60 "$LOG" >&2
    echo "-----" >&2
    return 1
  fi
  echo "setup.sh:   done in $((SECONDS - t0)) s" >&2
}
# Like try_step, but stops the script on failure.
step() { try_step "$@" || exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# --- prerequisites that this script does not install -------------------------------------
command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 \
  || die "Rust (rustup + cargo) is required: https://rustup.rs, then re-run."
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || die "Node.js 20+ with npm is required, then re-run."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js 20+ is required (found $(node --version))."
command -v python3 >/dev/null 2>&1 || die "python3 is required (it serves dist/)."

# --- browsers (apt in the background while the Rust tools compile) ------------------------
if [ "$browsers" -eq 1 ]; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install: ${missing[*]}"
    echo "setup.sh: apt-get update && apt-get install ${missing[*]} (in the background)" >&2
    (
      as_root apt-get update -qq \
        && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    ) </dev/null >"$APT_LOG" 2>&1 &
    apt_pid=$!
  fi
fi

# --- Rust target ---------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
fi

# --- trunk ---------------------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  # trunk >= 0.22 needs a newer rustc; --locked keeps its tested dependency set (~7 min).
  step "cargo install trunk $TRUNK_VERSION (several minutes)" \
    cargo install --locked --force trunk --version "$TRUNK_VERSION"
fi

# --- wasm-bindgen-cli: must equal the wasm-bindgen crate in Cargo.lock --------------------
wb_version="$(awk '
  $0 == "[[package]]" { name = "" }
  /^name = / { gsub(/"/, "", $3); name = $3 }
  /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock 2>/dev/null || true)"
if [ -z "$wb_version" ]; then
  echo "setup.sh: Cargo.lock has no wasm-bindgen yet; skipping wasm-bindgen-cli" >&2
elif [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_version" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  # Without --locked: its lock file names a webpki-roots version the registry lacks.
  step "cargo install wasm-bindgen-cli $wb_version (a few minutes)" \
    cargo install --force wasm-bindgen-cli --version "$wb_version"
fi

# --- wasm-split-cli: splits the app's lazily loaded areas out of the first load --------------
# (tools/split_build.py). Its runtime half, wasm_split_helpers, comes with leptos; the two must
# agree on the format, so the version is pinned with leptos's.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (a few minutes)" \
    cargo install --force wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# --- npm packages (echarts, binaryen's wasm-opt, selenium-webdriver) ----------------------
stamp="node_modules/.sandtable-package-lock.json"
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  step "npm ci" npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
wasm_opt="$(command -v wasm-opt || true)"
[ "$wasm_opt" = "$SANDTABLE_ROOT/node_modules/.bin/wasm-opt" ] \
  || die "wasm-opt on PATH is '$wasm_opt', expected npm's binaryen in node_modules/.bin"

# --- browsers: geckodriver, then wait for apt ----------------------------------------------
if [ "$browsers" -eq 1 ]; then
  if [ "$("$CARGO_BIN/geckodriver" --version 2>/dev/null | head -n 1 | awk '{print $2}')" \
       != "$GECKODRIVER_VERSION" ]; then
    try_step "cargo install --locked geckodriver $GECKODRIVER_VERSION (a few minutes)" \
        cargo install --locked --force geckodriver --version "$GECKODRIVER_VERSION" \
      || step "cargo install geckodriver $GECKODRIVER_VERSION without --locked" \
        cargo install --force geckodriver --version "$GECKODRIVER_VERSION"
  fi
  if [ -n "$apt_pid" ]; then
    t0=$SECONDS
    if ! wait "$apt_pid"; then
      apt_pid=""
      echo "setup.sh: FAILED: apt-get install of the browsers" >&2
      echo "----- last 60 lines of output -----" >&2
      tail -n 60 "$APT_LOG" >&2
      exit 1
    fi
    apt_pid=""
    echo "setup.sh:   apt-get done (waited $((SECONDS - t0)) s)" >&2
  fi
fi
