#!/usr/bin/env bash
# Times `sandtable import FILE --json` against pandas and polars read_csv on the same
# generated 1,000,000-row ledger (~68 MB, U8-style Chinese headers, deterministic).
#
#   crates/cli/bench/import_bench.sh [ROWS]
#
# Builds the CLI with the `fast` profile, creates a venv under /tmp with pandas and polars
# when they are missing, and prints a table of each reader's best wall clock and CPU time:
# every reader runs five times a round, in BENCH_ROUNDS rounds (default 2).
set -euo pipefail
ROWS="${1:-1000000}"
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
WORK="${BENCH_DIR:-/tmp/sandtable-import-bench}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${BENCH_VENV:-/tmp/sandtable-bench-venv}"
mkdir -p "$WORK"
FILE="$WORK/ledger-$ROWS.csv"

echo "== building sandtable (profile fast)" >&2
(cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build --quiet --profile fast -p sandtable-cli)
BIN="$TARGET/fast/sandtable"

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV" >&2
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pandas, polars' 2>/dev/null; then
  echo "== installing pandas and polars into $VENV" >&2
  "$VENV/bin/pip" install --quiet pandas polars
fi
PY="$VENV/bin/python"

if [ ! -s "$FILE" ]; then
  echo "== generating $FILE" >&2
  "$PY" - "$FILE" "$ROWS" <<'PYEOF'
import sys, datetime
path, rows = sys.argv[1], int(sys.argv[2])
# A small deterministic generator (64-bit LCG), so every run writes the same file.
state = 20241122
def rnd(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    return (state >> 33) % n
regions = ["华东", "华南", "华北", "华中", "西南", "西北", "东北"]
people = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴丹", "徐涛", "孙丽"]
channels = ["经销商", "KA", "批发", "零售"]
products = [f"8.{1 + i // 40}.{i % 40 // 8}.{i:03d}" for i in range(400)]
prices = [round(3 + (i * 37 % 200) + (i % 4) * 0.25, 2) for i in range(400)]
start = datetime.date(2022, 1, 1).toordinal()
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write("单据日期,单据编号,客户编码,存货编码,区域,业务员,渠道,数量,无税金额\n")
    out = []
    for i in range(rows):
        day = datetime.date.fromordinal(start + rnd(1095)).isoformat()
        c = rnd(5000)
        p = rnd(400)
        q = 1 + rnd(60)
        if rnd(50) == 0:
            q = -q
        amount = q * prices[p]
        out.append(f"{day},XS{i + 1:08d},C{c:05d},{products[p]},{regions[c % 7]},{people[c % 12]},{channels[c % 4]},{q},{amount:.2f}\n")
        if len(out) == 50000:
            f.write("".join(out)); out = []
    f.write("".join(out))
PYEOF
fi
SIZE=$(stat -c %s "$FILE")

# One round times every reader, each the best of five runs: "name wall cpu" lines. The
# Python readers are timed around read_csv only; sandtable as the whole process.
ROUNDS="${BENCH_ROUNDS:-2}"
py_reader() { # reader (polars, pandas, pandas-arrow), then VAR=value settings for it
  local kind=$1
  shift
  env "$@" "$PY" - "$FILE" "$kind" <<'PYEOF'
import sys, time
args = sys.argv[2]
if args.startswith("pandas"):
    import pandas as pd
    kw = {"engine": "pyarrow"} if args == "pandas-arrow" else {}
    read = lambda: pd.read_csv(sys.argv[1], **kw)
else:
    import polars as pl
    read = lambda: pl.read_csv(sys.argv[1])
try:
    ts, cs = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time(); df = read(); ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
    print(min(ts), min(cs))
except Exception:
    print("n/a n/a")
PYEOF
}
one_round() {
  # Wall clock and CPU time (user + system) of the whole process, each the best of five.
  local runs
  runs=$(for i in 1 2 3 4 5; do
    { TIMEFORMAT='%R %U %S'; time "$BIN" import "$FILE" --json > "$WORK/report.json"; } 2>&1
  done)
  echo "sandtable $(echo "$runs" | awk '{print $1}' | sort -n | head -1) $(echo "$runs" | awk '{print $2 + $3}' | sort -n | head -1)"
  echo "polars1 $(py_reader polars POLARS_MAX_THREADS=1)"
  echo "polarsN $(py_reader polars)"
  echo "pandas $(py_reader pandas)"
  echo "pandas_arrow $(py_reader pandas-arrow)"
}

echo "== timing ($ROUNDS rounds, each the best of 5 runs per reader)" >&2
ALL=$(for r in $(seq "$ROUNDS"); do one_round; done)
# The best wall clock and the best CPU time of a reader over all rounds.
best_of() {
  echo "$ALL" | awk -v n="$1" '$1 == n && $2 != "n/a" {
    if (w == "" || $2 < w) w = $2; if (c == "" || $3 < c) c = $3 }
    END { if (w == "") print "n/a n/a"; else print w, c }'
}
IMPORTED=$("$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["imported"], r["total_amount"])' "$WORK/report.json")

printf '\nfile: %s (%s rows, %.1f MB); sandtable imported/total: %s\n' "$FILE" "$ROWS" "$(echo "$SIZE / 1000000" | bc -l)" "$IMPORTED"
row() { printf '%-44s %8.3f %8.3f\n' "$1" $2; }
printf '%-44s %8s %8s\n' "reader" "wall s" "CPU s"
row "sandtable import --json (whole process)" "$(best_of sandtable)"
row "polars read_csv, POLARS_MAX_THREADS=1" "$(best_of polars1)"
row "polars read_csv, all threads ($(nproc))" "$(best_of polarsN)"
row "pandas read_csv (C engine)" "$(best_of pandas)"
if [ "$(best_of pandas_arrow)" != "n/a n/a" ]; then row "pandas read_csv (pyarrow engine)" "$(best_of pandas_arrow)"; fi
echo "(best over $ROUNDS rounds, so that a burst of load on the machine during one reader's runs"
echo " does not decide; Python readers timed around read_csv only, without interpreter start-up"
echo " or imports; CPU is user + system time of all threads, the fairer figure on a busy machine.)"
