#!/usr/bin/env bash
# Times `sandtable target split … --by customer` against `sandtable review … abc --by customer`
# on the 1,000,000-row ledger that import_bench.sh generates, whole process, run alternately
# (best of 6 each, each first in every other round), and prints the ratio split ÷ review (the target: at most 1).
#
#   crates/cli/bench/split_bench.sh [ROWS]
set -euo pipefail
ROWS="${1:-1000000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
WORK="${BENCH_DIR:-/tmp/sandtable-import-bench}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
FILE="$WORK/ledger-$ROWS.csv"

if [ ! -s "$FILE" ]; then
  echo "== generating the ledger with import_bench.sh" >&2
  "$HERE/import_bench.sh" "$ROWS" >/dev/null
fi
echo "== building sandtable (profile fast)" >&2
(cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build --quiet --profile fast -p sandtable-cli)
BIN="$TARGET/fast/sandtable"
# The plan year after the ledger's latest year.
last_year="$(awk -F, 'NR > 1 { y = substr($1, 1, 4); if (y > m) m = y } END { print m }' "$FILE")"
year=$((last_year + 1))

seconds() { # command… → elapsed seconds of one run
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
best_split=999
best_review=999
run_split() { seconds "$BIN" target split "$FILE" --year "$year" --total 100000000 --by customer --unit 100 --json; }
run_review() { seconds "$BIN" review "$FILE" abc --by customer --json; }
for round in 1 2 3 4 5 6; do
  # Each goes first in every other round, so neither always runs on a warmer machine.
  if [ $((round % 2)) -eq 1 ]; then
    s=$(run_split); r=$(run_review)
  else
    r=$(run_review); s=$(run_split)
  fi
  best_split=$(echo "if ($s < $best_split) $s else $best_split" | bc -l)
  best_review=$(echo "if ($r < $best_review) $r else $best_review" | bc -l)
done
printf 'target split --by customer   %6.3f s\n' "$best_split"
printf 'review abc --by customer     %6.3f s\n' "$best_review"
printf 'split / review               %6.2f\n' "$(echo "$best_split / $best_review" | bc -l)"
