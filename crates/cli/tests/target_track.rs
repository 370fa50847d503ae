//! `sandtable target track`: a plan against a ledger, checked against hand-worked figures.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn sandtable(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sandtable"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn write_file(test: &str, name: &str, contents: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("target-track-tests")
        .join(test);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let file = dir.join(name);
    std::fs::write(&file, contents).expect("write");
    file.display().to_string()
}

/// 2025 sales: R1 100 in January and 30 in March, R2 50 in January; nothing in February.
const LEDGER: &str = "日期,客户,产品,区域,金额\n\
    2025-01-05,C1,P1,R1,100\n2025-01-20,C2,P1,R2,50\n2025-03-31,C1,P1,R1,30\n";

/// ¥1,200 for 2025, ¥100 a month; R1 ¥700, R2 ¥500 (money in ten-thousandths).
const PLAN: &str = r#"{
  "format": "sandtable.plan", "version": 1, "year": 2025, "measure": "amount",
  "total": 12000000, "unit": 10000,
  "allocation": {"total": 12000000, "unit": 10000,
    "months": [1000000,1000000,1000000,1000000,1000000,1000000,1000000,1000000,1000000,1000000,1000000,1000000],
    "dims": [{"dim": "region", "total": 12000000, "members": [
      {"id": "R1", "name": "R1", "base": 0, "target": 7000000},
      {"id": "R2", "name": "R2", "base": 0, "target": 5000000}]}]}
}"#;

#[test]
fn tracking_matches_the_hand_worked_figures_with_flags_last() {
    let ledger = write_file("figures", "ledger.csv", LEDGER);
    let plan = write_file("figures", "2025.plan", PLAN);
    let out = sandtable(&[
        "target",
        "track",
        &plan,
        &ledger,
        "--as-of",
        "2025-03-31",
        "--json",
        "--encoding",
        "utf-8",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["elapsed_months"], 3);
    assert_eq!(v["total"]["target_to_date"], "300");
    assert_eq!(v["total"]["actual_to_date"], "180");
    assert_eq!(v["total"]["gap_to_date"], "-120");
    // 180 ÷ 300 × 1,200.
    assert_eq!(v["total"]["projected"], "720");
    assert_eq!(v["total"]["run_rate"], "60");
    // February: no sales is actual 0 and gap −target, not blank.
    assert_eq!(v["months"][1]["actual"], "0");
    assert_eq!(v["months"][1]["gap"], "-100");
    assert_eq!(v["months"][3]["actual"], Value::Null);
    let r1 = &v["dims"][0]["members"][0];
    // R1's ¥700 follows the plan's months in whole yuan: 58 a month and the four yuan left to
    // January–April, so 59 × 3 to date.
    assert_eq!(
        (r1["key"].as_str(), r1["target_to_date"].as_str()),
        (Some("R1"), Some("177"))
    );
    assert_eq!(r1["actual_to_date"], "130");
    // 130 ÷ 177 × 700 = 514.12429…
    assert_eq!(r1["projected"], "514.1243");
    let r2 = &v["dims"][0]["members"][1];
    // ¥500: 41 a month, eight left to January–August: 42 × 3.
    assert_eq!(r2["target_to_date"], "126");
}

#[test]
fn a_truncated_plan_or_one_not_yet_split_is_refused() {
    let ledger = write_file("bad", "ledger.csv", LEDGER);
    let cut = write_file("bad", "cut.plan", &PLAN[..PLAN.len() / 2]);
    let out = sandtable(&["target", "track", &cut, &ledger]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("incomplete"));
    let draft = write_file(
        "bad",
        "draft.plan",
        r#"{"format": "sandtable.plan", "version": 1, "year": 2025, "measure": "amount", "unit": 10000}"#,
    );
    let out = sandtable(&["target", "track", &draft, &ledger]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not been split"));
}
