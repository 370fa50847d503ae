#!/usr/bin/env bash
# The one command that runs every test (installs what is missing first):
#   1. native tests          cargo test --workspace
#   2. browser unit tests    cargo test -p sandtable-app --target wasm32-unknown-unknown --test idb --test executor
#                            (wasm-bindgen-test-runner, headless Chromium)
#   3. release build         trunk build --release
#   4. size budget           gzip size of the first load (the app's main .wasm + .js; the lazily
#                            loaded areas, ECharts and the import worker not counted): fails
#                            above the 700 KB target
#   5. end-to-end            tests/e2e on Chromium, Firefox and WebKit, desktop and tablet
# Ends with "N passed, N failed" on its own line; exits non-zero if anything failed.
# E2E_BROWSERS=chromium,firefox,webkit and E2E_VIEWPORTS=desktop,tablet narrow step 5.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SANDTABLE_ROOT"

SIZE_TARGET=700000    # bytes, gzipped: the first-load target
passed=0
failed=0
summary=()
t_start=$SECONDS
work="$(mktemp -d -t sandtable-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT

banner() { printf '\n==== %s ====\n' "$*"; }
record() { # stage, passed, failed, seconds, note
  passed=$((passed + $2)); failed=$((failed + $3))
  summary+=("$(printf '%-22s %5s passed %5s failed %6ss  %s' "$1" "$2" "$3" "$4" "${5:-}")")
}

# Sums "test result: ... N passed; M failed" lines of a cargo test log into $rp $rf.
cargo_counts() {
  read -r rp rf < <(grep -E '^test result: ' "$1" \
    | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/' \
    | awk '{p += $1; f += $2} END {print p + 0, f + 0}')
}

# A cargo test stage: its counted tests, plus one failure if cargo failed without a failed test
# (e.g. a compile error).
cargo_stage() {
  local name="$1"; shift
  local log="$work/$name.log" t0=$SECONDS status
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  cargo_counts "$log"
  local note=""
  if [ "$status" -ne 0 ] && [ "$rf" -eq 0 ]; then rf=1; note="(cargo exited $status)"; fi
  record "$name" "$rp" "$rf" "$((SECONDS - t0))" "$note"
}

# ---- 0. setup ------------------------------------------------------------------------------
banner "setup"
t0=$SECONDS
if ! bash scripts/setup.sh --browsers; then
  echo "test.sh: setup failed; nothing was tested" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "setup: $((SECONDS - t0)) s"

# ---- 1. native tests -----------------------------------------------------------------------
banner "native: cargo test --workspace"
cargo_stage native cargo test --workspace --quiet --no-fail-fast

# ---- 2. browser unit tests (IndexedDB) -----------------------------------------------------
banner "browser unit tests: tests/idb.rs in headless Chromium"
if [ -f tests/idb.rs ]; then
  # The runner picks the first driver named in GECKODRIVER, SAFARIDRIVER, CHROMEDRIVER: Chromium.
  cargo_stage wasm-idb env -u GECKODRIVER -u SAFARIDRIVER -u MSEDGEDRIVER \
    CHROMEDRIVER=/usr/bin/chromedriver \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test -p sandtable-app --target wasm32-unknown-unknown --test idb --test executor --no-fail-fast
else
  echo "SKIPPED: tests/idb.rs does not exist yet"
  summary+=("wasm-idb               skipped: tests/idb.rs does not exist yet")
fi

# ---- 3. release build ----------------------------------------------------------------------
banner "release build: trunk build --release"
t0=$SECONDS
built=0
if trunk build --release; then
  built=1
  record build 1 0 "$((SECONDS - t0))"
else
  record build 0 1 "$((SECONDS - t0))" "(later stages skipped)"
fi

# ---- 4. size budget ------------------------------------------------------------------------
# What a first visit loads: the app's main .wasm and its .js (app-*/, ECharts not counted). The
# areas split out of it (app-*/split_*.wasm, app-*/chunk_*.wasm) load when first opened, the
# import worker (worker*.js, worker_bg.wasm) when a ledger is imported, and the service worker
# runs apart from the page: all listed, none counted.
if [ "$built" -eq 1 ]; then
  banner "size: gzip -9 of the first load (app .wasm + .js; lazy areas, ECharts, import worker and sw.js not counted)"
  total=0
  printf '%-60s %10s %10s\n' file raw gzip
  while IFS= read -r f; do
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    name="${f#dist/}"
    case "$name" in
      worker*|sw.js) printf '%-60s %10s %10s  (not in the first load)\n' "$name" "$raw" "$gz" ;;
      app-*/split_*|app-*/chunk_*) printf '%-60s %10s %10s  (lazy: loads with its area)\n' "$name" "$raw" "$gz" ;;
      *) total=$((total + gz)); printf '%-60s %10s %10s\n' "$name" "$raw" "$gz" ;;
    esac
  done < <(find dist -type f \( -name '*.wasm' -o -name '*.js' \) ! -name 'echarts*' | sort)
  printf '%-60s %10s %10s\n' "first load" "" "$total"
  if [ "$total" -le "$SIZE_TARGET" ]; then
    record size 1 0 0 "$((total / 1000)) KB gzip <= $((SIZE_TARGET / 1000)) KB target"
  else
    echo "FAILED: $total bytes gzipped is over the $SIZE_TARGET target" >&2
    record size 0 1 0 "$((total / 1000)) KB gzip > $((SIZE_TARGET / 1000)) KB target"
  fi
fi

# ---- 5. end-to-end -------------------------------------------------------------------------
if [ "$built" -eq 1 ]; then
  banner "end-to-end: ${E2E_BROWSERS:-chromium,firefox,webkit} × ${E2E_VIEWPORTS:-desktop,tablet}"
  t0=$SECONDS
  rm -rf tests/e2e/artifacts
  counts="$work/e2e-counts.json"
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=./tests/e2e/count-reporter.mjs --test-reporter-destination="$counts" \
    tests/e2e/ | tee "$work/e2e.log"
  status=${PIPESTATUS[0]}
  ep=$(node -p "try { JSON.parse(require('fs').readFileSync('$counts', 'utf8')).passed } catch { 0 }")
  ef=$(node -p "try { JSON.parse(require('fs').readFileSync('$counts', 'utf8')).failed } catch { 0 }")
  note="screenshots: tests/e2e/artifacts/"
  retries=$(grep -c 'RETRY webkit-' "$work/e2e.log" || true)
  if [ "$retries" -gt 0 ]; then note="$note; WebKit retries: $retries (see RETRY lines)"; fi
  if [ "$status" -ne 0 ] && [ "$ef" -eq 0 ]; then ef=1; note="(node --test exited $status)"; fi
  record e2e "$ep" "$ef" "$((SECONDS - t0))" "$note"
fi

# ---- summary -------------------------------------------------------------------------------
banner "summary ($((SECONDS - t_start)) s)"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
