//! `sandtable review`: exit codes, messages and JSON keys.

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

const SUPERSTORE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/superstore_2016_2019.csv"
);
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/fixtures/workspace-v1.json"
);

fn sandtable(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sandtable"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write_file(test: &str, name: &str, contents: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("review-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let file = dir.join(name);
    std::fs::write(&file, contents).expect("write");
    file.display().to_string()
}

#[track_caller]
fn json_lines(out: &Output) -> Vec<Value> {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect()
}

/// Two years of a small ledger: 2023 R1 100 + R2 200; 2024 R1 150, R2 180, R3 70 (new).
const SMALL: &str = "日期,客户,产品,区域,金额\n\
    2023-03-01,C1,P1,R1,100\n2023-05-01,C2,P1,R2,200\n\
    2024-03-01,C1,P1,R1,150\n2024-06-01,C2,P2,R2,180\n2024-07-01,C3,P2,R3,70\n";

#[test]
fn yoy_json_has_totals_members_and_null_growth_for_a_zero_base() {
    let file = write_file("yoy", "ledger.csv", SMALL);
    let out = sandtable(&[
        "review",
        &file,
        "yoy",
        "--by",
        "region",
        "--current",
        "2024",
        "--base",
        "2023",
        "--json",
    ]);
    let v = &json_lines(&out)[0];
    assert_eq!(v["total"]["current"], "400");
    assert_eq!(v["total"]["base"], "300");
    assert!((v["total"]["growth"].as_f64().unwrap_or(0.0) - 1.0 / 3.0).abs() < 1e-12);
    let keys: Vec<&str> = v["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["key"].as_str())
        .collect();
    assert_eq!(keys, ["R2", "R1", "R3"]);
    let r3 = &v["members"][2];
    assert_eq!(
        (
            r3["current"].clone(),
            r3["base"].clone(),
            r3["growth"].clone()
        ),
        (json!("70"), json!("0"), Value::Null)
    );
    let contributions: f64 = v["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["contribution"].as_f64())
        .sum();
    assert!((contributions - 1.0 / 3.0).abs() < 1e-12);
    for key in [
        "key",
        "current",
        "base",
        "growth",
        "contribution",
        "share",
        "mix_change_pp",
        "rank",
        "index",
    ] {
        assert!(v["members"][0].get(key).is_some(), "{key}");
    }
}

#[test]
fn yoy_monthly_pairs_each_month_with_the_year_before() {
    let file = write_file("yoy-monthly", "ledger.csv", SMALL);
    let out = sandtable(&[
        "review",
        &file,
        "--json",
        "yoy",
        "--by",
        "region",
        "--current",
        "2024",
        "--base",
        "2023",
        "--monthly",
    ]);
    let v = &json_lines(&out)[0];
    let members = v["members"].as_array().cloned().unwrap_or_default();
    assert_eq!(members.len(), 3 * 12);
    let march = members
        .iter()
        .find(|m| m["key"] == "R1" && m["month"] == "2024-03")
        .cloned();
    assert_eq!(
        march,
        Some(
            json!({"key": "R1", "name": "R1", "month": "2024-03", "current": "150", "base": "100", "growth": 0.5})
        )
    );
}

#[test]
fn abc_on_the_superstore_ledger() {
    let out = sandtable(&["review", SUPERSTORE, "abc", "--by", "customer", "--json"]);
    let v = &json_lines(&out)[0];
    assert_eq!(v["by"], "customer");
    let members = v["members"].as_array().cloned().unwrap_or_default();
    let count = |c: &str| v["counts"][c].as_u64().unwrap_or(0) as usize;
    assert_eq!(
        count("A") + count("B") + count("C") + count("inactive"),
        members.len()
    );
    assert_eq!(members.len(), 793); // every customer of the file has positive sales
    // Values are exact decimals, in rank order; the cumulative share ends at 1.
    let values: Vec<f64> = members
        .iter()
        .filter_map(|m| m["value"].as_str()?.parse().ok())
        .collect();
    assert_eq!(values.len(), members.len());
    assert!(values.windows(2).all(|w| w[0] >= w[1]));
    let last = members
        .last()
        .and_then(|m| m["cumulative"].as_f64())
        .unwrap_or(0.0);
    assert!((last - 1.0).abs() < 1e-12);
    let shares: f64 = members.iter().filter_map(|m| m["share"].as_f64()).sum();
    assert!((shares - 1.0).abs() < 1e-9);
    assert_eq!(members[0]["key"], "SM-20320");
    assert_eq!(members[0]["name"], "Sean Miller");
    assert_eq!(members[0]["value"], "25043.05");
    // A: while the share before a member is below 80%.
    let a = count("A");
    assert!(members[a - 1]["cumulative"].as_f64().unwrap_or(0.0) >= 0.8);
    assert!(members[a - 2]["cumulative"].as_f64().unwrap_or(1.0) < 0.8);
    assert_eq!(members[a]["class"], "B");
}

#[test]
fn abc_thresholds_and_inactive_members() {
    let file = write_file(
        "abc-inactive",
        "ledger.csv",
        "日期,客户,金额\n2024-01-01,C1,60\n2024-01-01,C2,40\n2024-01-02,C3,5\n2024-01-03,C3,-5\n2024-01-03,C4,-2\n",
    );
    let out = sandtable(&[
        "review", &file, "abc", "--by", "customer", "--a", "50", "--b", "90", "--json",
    ]);
    let v = &json_lines(&out)[0];
    assert_eq!(v["counts"], json!({"A": 1, "B": 1, "C": 0, "inactive": 2}));
    let classes: Vec<(&str, &str)> = v["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| Some((m["key"].as_str()?, m["class"].as_str()?)))
        .collect();
    assert_eq!(
        classes,
        [
            ("C1", "A"),
            ("C2", "B"),
            ("C3", "inactive"),
            ("C4", "inactive")
        ]
    );
    assert_eq!(v["members"][3]["value"], "-2");
    assert_eq!(v["members"][3]["share"], Value::Null);
}

#[test]
fn seasonality_and_forecast_on_the_superstore_ledger() {
    let out = sandtable(&[
        "review",
        SUPERSTORE,
        "--json",
        "seasonality",
        "--",
        "forecast",
        "--months",
        "12",
    ]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    let s = &lines[0];
    assert_eq!(s["months_used"], 48);
    let idx: Vec<f64> = s["indices"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    assert_eq!(idx.len(), 12);
    assert!((idx.iter().sum::<f64>() / 12.0 - 100.0).abs() < 1e-9);
    // Office-supply sales peak in the autumn and at the year end, and are lowest in February.
    let max = idx.iter().cloned().fold(f64::MIN, f64::max);
    let min = idx.iter().cloned().fold(f64::MAX, f64::min);
    assert_eq!(idx[1], min);
    assert!(idx[8] > 150.0 && idx[10] > 150.0 && idx[11] == max);
    let f = &lines[1];
    let months: Vec<&str> = f["forecast"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["month"].as_str())
        .collect();
    assert_eq!(months.len(), 12);
    assert_eq!((months[0], months[11]), ("2020-01", "2020-12"));
    let mape = f["backtest_mape"].as_f64().unwrap_or(-1.0);
    assert!(mape > 0.0 && mape < 0.5, "{mape}");
}

#[test]
fn seasonality_with_fewer_than_24_months_fails_with_a_message() {
    let file = write_file("season-short", "ledger.csv", SMALL);
    let out = sandtable(&["review", &file, "seasonality", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: There are only 16 months of data; a seasonality index needs at least 24. Import a longer ledger.\n"
    );
}

#[test]
fn funnel_json_has_both_periods_and_the_lmdi_split() {
    let file = write_file("funnel", "ledger.csv", SMALL);
    let out = sandtable(&[
        "review",
        &file,
        "funnel",
        "--current",
        "2024",
        "--base",
        "2023",
        "--universe",
        "10",
        "--json",
    ]);
    let v = &json_lines(&out)[0];
    assert_eq!(v["current"]["sales"], "400");
    assert_eq!(v["base"]["covered"], 2);
    assert_eq!(v["current"]["covered"], 3);
    assert_eq!(v["current"]["factors"]["coverage"], 0.3);
    let factors: Vec<&str> = v["effects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["factor"].as_str())
        .collect();
    assert_eq!(
        factors,
        ["universe", "coverage", "activity", "depth", "productivity"]
    );
    let sum: f64 = v["effects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["effect"].as_f64())
        .sum();
    assert!((sum - 100.0).abs() < 1e-9, "{sum}");
    assert_eq!(v["change"], "100");
    assert_eq!(v["problem"], Value::Null);
    // A period without sales: explained, not split.
    let out = sandtable(&[
        "review",
        &file,
        "funnel",
        "--current",
        "2024",
        "--base",
        "2022",
        "--json",
    ]);
    let v = &json_lines(&out)[0];
    assert_eq!(v["effects"], json!([]));
    assert_eq!(v["problem"]["kind"], "sales_not_positive");
}

#[test]
fn a_workspace_file_is_reviewed_with_its_master_data() {
    let out = sandtable(&["review", FIXTURE, "yoy", "--by", "category", "--json"]);
    let v = &json_lines(&out)[0];
    assert!(
        v["members"].as_array().is_some_and(|m| !m.is_empty()),
        "{v}"
    );
    assert!(v["total"]["current"].is_string());
}

#[test]
fn filters_drill_down_and_unknown_members_are_errors() {
    let file = write_file("filter", "ledger.csv", SMALL);
    let out = sandtable(&[
        "review",
        &file,
        "yoy",
        "--by",
        "customer",
        "--current",
        "2024",
        "--filter",
        "region=R2",
        "--json",
    ]);
    let v = &json_lines(&out)[0];
    assert_eq!(v["total"]["current"], "180");
    let out = sandtable(&[
        "review",
        &file,
        "yoy",
        "--by",
        "customer",
        "--filter",
        "region=R9",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: --filter region=R9: no region \"R9\" in the data\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = sandtable(&["review", SUPERSTORE, "abc", "--by", "planet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("expected region, customer, product, category, salesperson or channel")
    );
    let out = sandtable(&[
        "review",
        SUPERSTORE,
        "yoy",
        "--by",
        "region",
        "--current",
        "2019-13",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = sandtable(&["review", "/nonexistent/ledger.csv", "seasonality"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("error: cannot read /nonexistent/ledger.csv: "));
}

#[test]
fn gross_profit_needs_costs() {
    let file = write_file("gp", "ledger.csv", SMALL);
    let out = sandtable(&[
        "review",
        &file,
        "abc",
        "--by",
        "region",
        "--measure",
        "gross_profit",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: The ledger has no cost or gross-profit column, so gross profit is unknown. Import a ledger with costs, or use sales.\n"
    );
}

#[test]
fn timings_go_to_stderr() {
    let file = write_file("timings", "ledger.csv", SMALL);
    let out = sandtable(&[
        "review",
        &file,
        "--timings",
        "abc",
        "--by",
        "region",
        "--json",
    ]);
    assert_eq!(json_lines(&out).len(), 1);
    let err = text(&out.stderr);
    for step in [
        "timing: read ",
        "timing: frame ",
        "timing: abc ",
        "timing: analyses ",
    ] {
        assert!(err.contains(step), "{err}");
    }
}

#[test]
fn reading_flags_may_follow_the_analysis() {
    // Headers no automatic mapping knows: the review reads them only through --map, given last.
    let file = write_file(
        "flags-last",
        "ledger.csv",
        "日期,买家号,货号,片区,金额\n05/03/2024,K1,P1,R1,100\n06/03/2024,K2,P1,R2,300\n",
    );
    let out = sandtable(&[
        "review",
        &file,
        "abc",
        "--by",
        "customer",
        "--map",
        "customer=买家号",
        "--map",
        "product=货号",
        "--map",
        "region=片区",
        "--date-order",
        "dmy",
        "--encoding",
        "utf-8",
        "--json",
    ]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let members: Vec<(&str, &str)> = lines[0]["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["key"].as_str().unwrap_or(""),
                m["value"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(members, [("K2", "300"), ("K1", "100")]);
    assert_eq!(lines[0]["total"], "400");
    // Without the mapping the customer column is not found: the flags after the analysis are
    // what made it readable.
    let out = sandtable(&["review", &file, "abc", "--by", "customer", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("customer"),
        "{}",
        text(&out.stderr)
    );
}
