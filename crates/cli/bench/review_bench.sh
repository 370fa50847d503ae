#!/usr/bin/env bash
# Times the business-review pipeline — read the ledger CSV, then ABC by customer, sales by
# region × month for the last year against the year before, and the seasonality index — in
# `sandtable review` and in pandas, polars and DuckDB, on the 1,000,000-row ledger that
# import_bench.sh generates.
#
#   crates/cli/bench/review_bench.sh [ROWS]
#
# Prints two columns per engine: the whole process (start to exit, best of 3, Python's
# interpreter start-up and imports included) and the three analyses alone after loading
# (best of 10 in-process runs; sandtable's figure is the core's analysis functions, with the
# frame built once beforehand, as the app memoises it). Each engine also prints a summary of
# its results (A customers, ranked customers, region × month rows, December's index) so
# they can be compared.
set -euo pipefail
ROWS="${1:-1000000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
WORK="${BENCH_DIR:-/tmp/sandtable-import-bench}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${BENCH_VENV:-/tmp/sandtable-bench-venv}"
FILE="$WORK/ledger-$ROWS.csv"

if [ ! -s "$FILE" ]; then
  echo "== generating the ledger with import_bench.sh" >&2
  "$HERE/import_bench.sh" "$ROWS" >/dev/null
fi

echo "== building sandtable (profile fast)" >&2
(cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build --quiet --profile fast -p sandtable-cli)
BIN="$TARGET/fast/sandtable"

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV" >&2
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pandas, polars, duckdb' 2>/dev/null; then
  echo "== installing pandas, polars and duckdb into $VENV" >&2
  "$VENV/bin/pip" install --quiet pandas polars duckdb
fi
PY="$VENV/bin/python"
PIPE="$HERE/review_pipeline.py"

best() { sort -n | head -1; }
wall() { # wall seconds of one run of "$@", output discarded
  local s e
  s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
  echo "$e - $s" | bc
}
ANALYSES=(abc --by customer -- yoy --by region --monthly -- seasonality)

echo "== timing (whole process: best of 3; analyses: best of 10)" >&2
ST_WHOLE=$(for i in 1 2 3; do wall "$BIN" review "$FILE" --json "${ANALYSES[@]}"; done | best)
"$BIN" review "$FILE" --json --timings --repeat 10 "${ANALYSES[@]}" >"$WORK/review.jsonl" 2>"$WORK/review-timings.txt"
ST_ANALYSES=$(sed -n 's/^timing: analyses \([0-9.]*\) ms.*/\1/p' "$WORK/review-timings.txt")
ST_FRAME=$(sed -n 's/^timing: frame \([0-9.]*\) ms.*/\1/p' "$WORK/review-timings.txt")
ST_READ=$(sed -n 's/^timing: read \([0-9.]*\) ms.*/\1/p' "$WORK/review-timings.txt")
ST_SUMMARY=$("$PY" - "$WORK/review.jsonl" <<'PYEOF'
import json, sys
abc, yoy, season = [json.loads(l) for l in open(sys.argv[1])]
print(f"A={abc['counts']['A']} members={abc['counts']['A'] + abc['counts']['B'] + abc['counts']['C']} "
      f"yoy_rows={len(yoy['members'])} dec_index={season['indices'][11]:.4f}")
PYEOF
)

declare -A WHOLE ONLY SUMMARY
for engine in pandas polars duckdb; do
  WHOLE[$engine]=$(for i in 1 2 3; do wall "$PY" "$PIPE" "$engine" "$FILE" whole; done | best)
  read -r ms summary < <("$PY" "$PIPE" "$engine" "$FILE" analyses 10)
  ONLY[$engine]=$ms
  SUMMARY[$engine]=$summary
done

printf '\nfile: %s (%s rows); %d cores; load average %s\n' "$FILE" "$ROWS" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %16s %18s   %s\n' "engine" "whole process s" "analyses only ms" "results"
printf '%-10s %16.3f %18.2f   %s\n' "sandtable" "$ST_WHOLE" "$ST_ANALYSES" "$ST_SUMMARY"
for engine in pandas polars duckdb; do
  printf '%-10s %16.3f %18.2f   %s\n' "$engine" "${WHOLE[$engine]}" "${ONLY[$engine]}" "${SUMMARY[$engine]}"
done
printf '(sandtable: read %s ms, frame %s ms in the timed run; polars uses all %d cores.)\n' "$ST_READ" "$ST_FRAME" "$(nproc)"
