"""The review benchmark's pipeline in pandas, polars and DuckDB (used by review_bench.sh).

    python review_pipeline.py ENGINE FILE MODE [REPEAT]

ENGINE is pandas, polars or duckdb. MODE "whole" reads the CSV and runs the three analyses
once (the caller times the whole process); MODE "analyses" reads once, then runs the three
analyses REPEAT times and prints the fastest run in milliseconds. Both print a summary line
so the engines' results can be compared with sandtable's:
ABC by customer (classes by the share *before* a member: A < 80%, B < 95%, ties by id),
sales by region × month for the last year against the year before, and the seasonality
index (centred 2×12 moving average, mean ratio per calendar month, normalised to 100).
"""
import sys
import time

DATE, CUSTOMER, REGION, AMOUNT = "单据日期", "客户编码", "区域", "无税金额"


def pandas_load(path):
    import pandas as pd
    df = pd.read_csv(path, usecols=[DATE, CUSTOMER, REGION, AMOUNT], parse_dates=[DATE])
    df["month"] = df[DATE].dt.year * 12 + df[DATE].dt.month - 1
    return df


def pandas_analyses(df):
    import numpy as np
    # ABC by customer.
    s = df.groupby(CUSTOMER, sort=False)[AMOUNT].sum()
    pos = s[s > 0].reset_index()
    pos = pos.sort_values([AMOUNT, CUSTOMER], ascending=[False, True], kind="mergesort")
    total = pos[AMOUNT].sum()
    cum = pos[AMOUNT].cumsum()
    before = (cum - pos[AMOUNT]) / total
    pos["share"] = pos[AMOUNT] / total
    pos["cumulative"] = cum / total
    pos["class"] = np.where(before < 0.8, "A", np.where(before < 0.95, "B", "C"))
    a_count = int((pos["class"] == "A").sum())
    # YoY by region × month: last year against the year before.
    last = int(df["month"].max()) // 12 * 12
    win = df[(df["month"] >= last - 12) & (df["month"] < last + 12)]
    g = win.groupby([REGION, "month"], sort=False)[AMOUNT].sum()
    cur = g[g.index.get_level_values(1) >= last].reset_index()
    base = g[g.index.get_level_values(1) < last].reset_index()
    base["month"] = base["month"] + 12
    yoy = cur.merge(base, on=[REGION, "month"], how="left", suffixes=("", "_base"))
    yoy["growth"] = (yoy[AMOUNT] - yoy[AMOUNT + "_base"]) / yoy[AMOUNT + "_base"].abs()
    # Seasonality.
    m = df.groupby("month")[AMOUNT].sum().sort_index()
    v = m.to_numpy()
    inner = m.rolling(11, center=True).sum().to_numpy()
    ma = np.full(len(v), np.nan)
    ma[6:-6] = (0.5 * v[:-12] + inner[6:-6] + 0.5 * v[12:]) / 12
    ratio = v / ma
    cal = m.index.to_numpy() % 12
    avg = np.array([np.nanmean(ratio[cal == c]) for c in range(12)])
    idx = avg / avg.mean() * 100
    return f"A={a_count} members={len(pos)} yoy_rows={len(yoy)} dec_index={idx[11]:.4f}"


def polars_load(path):
    import polars as pl
    df = pl.read_csv(path, columns=[DATE, CUSTOMER, REGION, AMOUNT], try_parse_dates=True)
    return df.with_columns((pl.col(DATE).dt.year() * 12 + pl.col(DATE).dt.month() - 1).alias("month"))


def polars_analyses(df):
    import polars as pl
    s = (
        df.group_by(CUSTOMER).agg(pl.col(AMOUNT).sum())
        .filter(pl.col(AMOUNT) > 0)
        .sort([AMOUNT, CUSTOMER], descending=[True, False])
    )
    total = pl.col(AMOUNT).sum()
    s = s.with_columns(
        (pl.col(AMOUNT) / total).alias("share"),
        (pl.col(AMOUNT).cum_sum() / total).alias("cumulative"),
        ((pl.col(AMOUNT).cum_sum() - pl.col(AMOUNT)) / total).alias("before"),
    ).with_columns(
        pl.when(pl.col("before") < 0.8).then(pl.lit("A"))
        .when(pl.col("before") < 0.95).then(pl.lit("B")).otherwise(pl.lit("C")).alias("class")
    )
    a_count = s.filter(pl.col("class") == "A").height
    last = int(df["month"].max()) // 12 * 12
    g = (
        df.filter((pl.col("month") >= last - 12) & (pl.col("month") < last + 12))
        .group_by([REGION, "month"]).agg(pl.col(AMOUNT).sum())
    )
    cur = g.filter(pl.col("month") >= last)
    base = g.filter(pl.col("month") < last).with_columns(pl.col("month") + 12).rename({AMOUNT: "base"})
    yoy = cur.join(base, on=[REGION, "month"], how="left").with_columns(
        ((pl.col(AMOUNT) - pl.col("base")) / pl.col("base").abs()).alias("growth")
    )
    m = df.group_by("month").agg(pl.col(AMOUNT).sum()).sort("month")
    m = m.with_columns(
        ((0.5 * pl.col(AMOUNT).shift(6) + pl.col(AMOUNT).rolling_sum(11, center=True)
          + 0.5 * pl.col(AMOUNT).shift(-6)) / 12).alias("ma")
    ).with_columns((pl.col(AMOUNT) / pl.col("ma")).alias("ratio"), (pl.col("month") % 12).alias("cal"))
    avg = m.drop_nulls("ratio").group_by("cal").agg(pl.col("ratio").mean()).sort("cal")
    idx = avg.with_columns((pl.col("ratio") / pl.col("ratio").mean() * 100).alias("index"))
    dec = idx.filter(pl.col("cal") == 11)["index"][0]
    return f"A={a_count} members={s.height} yoy_rows={yoy.height} dec_index={dec:.4f}"


def duckdb_load(path):
    import duckdb
    con = duckdb.connect()
    con.execute(
        f"""CREATE TABLE t AS SELECT "{CUSTOMER}" AS customer, "{REGION}" AS region,
        "{AMOUNT}" AS amount, year("{DATE}") * 12 + month("{DATE}") - 1 AS month
        FROM read_csv_auto('{path}')"""
    )
    return con


def duckdb_analyses(con):
    abc = con.execute(
        """WITH s AS (SELECT customer, SUM(amount) AS v FROM t GROUP BY customer),
        p AS (SELECT customer, v, SUM(v) OVER (ORDER BY v DESC, customer ROWS UNBOUNDED PRECEDING) AS cum,
              SUM(v) OVER () AS tot FROM s WHERE v > 0)
        SELECT customer, v, v / tot AS share, cum / tot AS cumulative,
          CASE WHEN (cum - v) / tot < 0.8 THEN 'A' WHEN (cum - v) / tot < 0.95 THEN 'B' ELSE 'C' END AS class
        FROM p ORDER BY v DESC, customer"""
    ).fetchall()
    a_count = sum(1 for r in abc if r[4] == "A")
    last = con.execute("SELECT MAX(month) // 12 * 12 FROM t").fetchone()[0]
    yoy = con.execute(
        f"""WITH s AS (SELECT region, month, SUM(amount) AS v FROM t
              WHERE month >= {last - 12} AND month < {last + 12} GROUP BY region, month)
        SELECT c.region, c.month, c.v, b.v, (c.v - b.v) / abs(b.v) FROM s c
        LEFT JOIN s b ON b.region = c.region AND b.month = c.month - 12
        WHERE c.month >= {last}"""
    ).fetchall()
    idx = con.execute(
        """WITH m AS (SELECT month, SUM(amount) AS v FROM t GROUP BY month),
        ma AS (SELECT month, v, (0.5 * LAG(v, 6) OVER w
              + SUM(v) OVER (ORDER BY month ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING)
              + 0.5 * LEAD(v, 6) OVER w) / 12 AS ma FROM m WINDOW w AS (ORDER BY month)),
        r AS (SELECT month % 12 AS cal, AVG(v / ma) AS a FROM ma WHERE ma IS NOT NULL GROUP BY cal)
        SELECT cal, a / AVG(a) OVER () * 100 FROM r ORDER BY cal"""
    ).fetchall()
    return f"A={a_count} members={len(abc)} yoy_rows={len(yoy)} dec_index={idx[11][1]:.4f}"


def main():
    engine, path, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    load = {"pandas": pandas_load, "polars": polars_load, "duckdb": duckdb_load}[engine]
    run = {"pandas": pandas_analyses, "polars": polars_analyses, "duckdb": duckdb_analyses}[engine]
    data = load(path)
    if mode == "whole":
        print(run(data))
        return
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        summary = run(data)
        best = min(best, time.perf_counter() - t)
    print(f"{best * 1000:.2f} {summary}")


main()
