#!/usr/bin/env bash
# Times `sandtable import FILE --json` against pandas and polars read_csv on the same
# generated 1,000,000-row ledger (~68 MB, U8-style Chinese headers, deterministic).
#
#   crates/cli/bench/import_bench.sh [ROWS]
#
# Builds the CLI with the `fast` profile, creates a venv under /tmp with pandas and polars
# when they are missing, and prints a table of the best of five runs for each reader: wall
# clock and CPU time.
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

best() { sort -n | head -1; }
# The Python readers print "wall cpu" (best of five each), timed around read_csv only.

echo "== timing (best of 5)" >&2
# Wall clock and CPU time (user + system) of the whole process, each the best of five.
ST_RUNS=$(for i in 1 2 3 4 5; do
  { TIMEFORMAT='%R %U %S'; time "$BIN" import "$FILE" --json > "$WORK/report.json"; } 2>&1
done)
ST=$(echo "$ST_RUNS" | awk '{print $1}' | best)
ST_CPU=$(echo "$ST_RUNS" | awk '{print $2 + $3}' | best)
PANDAS=$("$PY" - "$FILE" <<'PYEOF'
import sys, time, pandas as pd
ts, cs = [], []
for _ in range(5):
    t, c = time.perf_counter(), time.process_time(); df = pd.read_csv(sys.argv[1]); ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
print(min(ts), min(cs))
PYEOF
)
PANDAS_ARROW=$("$PY" - "$FILE" <<'PYEOF'
import sys, time, pandas as pd
try:
    ts, cs = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time(); df = pd.read_csv(sys.argv[1], engine="pyarrow"); ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
    print(min(ts), min(cs))
except Exception:
    print("n/a n/a")
PYEOF
)
POLARS1=$(POLARS_MAX_THREADS=1 "$PY" - "$FILE" <<'PYEOF'
import sys, time, polars as pl
ts, cs = [], []
for _ in range(5):
    t, c = time.perf_counter(), time.process_time(); df = pl.read_csv(sys.argv[1]); ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
print(min(ts), min(cs))
PYEOF
)
POLARSN=$("$PY" - "$FILE" <<'PYEOF'
import sys, time, polars as pl
ts, cs = [], []
for _ in range(5):
    t, c = time.perf_counter(), time.process_time(); df = pl.read_csv(sys.argv[1]); ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
print(min(ts), min(cs))
PYEOF
)
IMPORTED=$("$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["imported"], r["total_amount"])' "$WORK/report.json")

printf '\nfile: %s (%s rows, %.1f MB); sandtable imported/total: %s\n' "$FILE" "$ROWS" "$(echo "$SIZE / 1000000" | bc -l)" "$IMPORTED"
row() { printf '%-44s %8.3f %8.3f\n' "$1" "$2" "$3"; }
printf '%-44s %8s %8s\n' "reader" "wall s" "CPU s"
row "sandtable import --json (whole process)" "$ST" "$ST_CPU"
row "polars read_csv, POLARS_MAX_THREADS=1" $POLARS1
row "polars read_csv, all threads ($(nproc))" $POLARSN
row "pandas read_csv (C engine)" $PANDAS
if [ "$PANDAS_ARROW" != "n/a n/a" ]; then row "pandas read_csv (pyarrow engine)" $PANDAS_ARROW; fi
echo "(Python readers timed around read_csv only, without interpreter start-up or imports;"
echo " CPU is user + system time of all threads, the fairer figure on a busy machine.)"
