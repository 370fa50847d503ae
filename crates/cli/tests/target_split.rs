//! `sandtable target split` and `target grid`: one total shared over a dimension and over a
//! two-way grid, checked against hand-worked figures, with the reading flags last.

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
        .join("target-split-tests")
        .join(test);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let file = dir.join(name);
    std::fs::write(&file, contents).expect("write");
    file.display().to_string()
}

fn json_of(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// (key, target, locked) of each member, in the split's order.
fn members(v: &Value) -> Vec<(String, String, bool)> {
    v["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["key"].as_str().unwrap().to_string(),
                m["target"].as_str().unwrap().to_string(),
                m["locked"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn row(key: &str, target: &str, locked: bool) -> (String, String, bool) {
    (key.to_string(), target.to_string(), locked)
}

/// 2026 sales R1 600, R2 250, R3 150 (the base year of a 2027 plan).
const REGIONS: &str = "日期,客户,产品,区域,金额\n\
    2026-01-05,C1,P1,R1,600\n2026-02-05,C2,P1,R2,250\n2026-07-05,C3,P1,R3,150\n";

#[test]
fn last_year_shares_in_whole_hundreds_with_the_tie_to_the_larger_base() {
    let ledger = write_file("shares", "ledger.csv", REGIONS);
    // 1,000 in hundreds: 6, 2.5 and 1.5 units; floors 6, 2, 1 leave one unit, and the tied
    // halves go to the earlier (larger) base, R2.
    let v = json_of(&sandtable(&[
        "target",
        "split",
        &ledger,
        "--year",
        "2027",
        "--total",
        "1,000",
        "--by",
        "region",
        "--unit",
        "100",
        "--json",
        "--encoding",
        "utf-8",
    ]));
    assert_eq!(
        members(&v),
        vec![
            row("R1", "600", false),
            row("R2", "300", false),
            row("R3", "100", false)
        ]
    );
    assert_eq!(v["members"][1]["share"], 0.25);
    assert_eq!(v["members"][0]["base"], "600");
    assert_eq!(v["issues"], Value::Array(vec![]));
}

#[test]
fn a_lock_is_kept_and_the_rest_follows_the_other_bases() {
    let ledger = write_file("lock", "ledger.csv", REGIONS);
    // R3 fixed at 300: 700 left over R1 600 and R2 250 → 4.94 and 2.06 units of 100; floors
    // 4 and 2 leave one unit, which goes to R1's larger remainder.
    let v = json_of(&sandtable(&[
        "target",
        "split",
        &ledger,
        "--year",
        "2027",
        "--total",
        "1000",
        "--by",
        "region",
        "--unit",
        "100",
        "--lock",
        "R3=300",
        "--json",
        "--date-order",
        "ymd",
    ]));
    assert_eq!(
        members(&v),
        vec![
            row("R1", "500", false),
            row("R2", "200", false),
            row("R3", "300", true)
        ]
    );
}

#[test]
fn locks_above_the_total_and_totals_off_the_unit_are_refused_with_the_reason() {
    let ledger = write_file("refused", "ledger.csv", REGIONS);
    let base = [
        "target", "split", &ledger, "--year", "2027", "--by", "region", "--unit", "100",
    ];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        sandtable(&args)
    };
    let out = run(&["--total", "1000", "--lock", "R1=800", "--lock", "R2=300"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("locked targets sum to ¥1,100, above the total ¥1,000"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let out = run(&["--total", "1050"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the total ¥1,050 is not a multiple of the unit ¥100"),
        "{err}"
    );
    let out = run(&["--total", "1000", "--lock", "R9=100"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no region \"R9\" in the ledger"), "{err}");
}

/// 2026: R1 600, R2 400; 2025: R1 100, R2 100; no 2024.
const TWO_YEARS: &str = "日期,客户,产品,区域,金额\n\
    2026-01-05,C1,P1,R1,600\n2026-06-05,C1,P1,R2,400\n\
    2025-03-05,C2,P1,R1,100\n2025-04-05,C2,P1,R2,100\n";

#[test]
fn the_weighted_share_renormalises_over_the_years_with_data() {
    let ledger = write_file("weighted", "ledger.csv", TWO_YEARS);
    // R1: (0.5 × 0.6 + 0.3 × 0.5) ÷ 0.8 = 0.5625 of last year's 1,000 → base 562.5; R2 437.5.
    // 1,000 in yuan: 562.5 and 437.5, the tied half to the larger base.
    let v = json_of(&sandtable(&[
        "target",
        "split",
        &ledger,
        "--year",
        "2027",
        "--total",
        "1000",
        "--by",
        "region",
        "--basis",
        "weighted",
        "--json",
        "--encoding",
        "utf-8",
    ]));
    assert_eq!(v["members"][0]["base"], "562.5");
    assert_eq!(v["members"][0]["share"], 0.5625);
    assert_eq!(
        members(&v),
        vec![row("R1", "563", false), row("R2", "437", false)]
    );
}

#[test]
fn months_take_any_spelling_and_months_without_a_base_are_named() {
    let ledger = write_file("months", "ledger.csv", TWO_YEARS);
    for june in ["06", "6", "2027-06"] {
        let lock = format!("{june}=500");
        let v = json_of(&sandtable(&[
            "target",
            "split",
            &ledger,
            "--year",
            "2027",
            "--total",
            "1000",
            "--by",
            "month",
            "--unit",
            "100",
            "--lock",
            &lock,
            "--json",
            "--encoding",
            "utf-8",
        ]));
        let m = members(&v);
        assert_eq!(m[0], row("01", "500", false));
        assert_eq!(m[1], row("06", "500", true));
        assert!(m[2..].iter().all(|(_, t, _)| t == "0"));
        // The ten months without 2026 sales are reported by name.
        assert_eq!(v["issues"].as_array().map(Vec::len), Some(10));
        assert_eq!(v["issues"][0]["key"], "02");
    }
}

/// Manual month percentages: 25% in March, 75% in December of ¥1,000 → 250 and 750; the
/// percentages must sum to 100, refused with the sum otherwise.
#[test]
fn manual_month_percentages_by_hand_and_refused_off_100() {
    let ledger = write_file("manual-months", "ledger.csv", TWO_YEARS);
    let run = |dec: &str| {
        sandtable(&[
            "target", "split", &ledger, "--year", "2027", "--total", "1000", "--by", "month",
            "--basis", "manual", "--weight", "03=25", "--weight", dec, "--json",
        ])
    };
    let v = json_of(&run("12=75"));
    let m = members(&v);
    let get = |k: &str| m.iter().find(|x| x.0 == k).unwrap().1.clone();
    assert_eq!(
        (get("03"), get("12")),
        ("250".to_string(), "750".to_string())
    );
    assert_eq!(v["basis"], "manual");
    let out = run("12=70");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("95%"), "{err}");
}

/// 2026 by region × category: R1 A 30, B 10; R2 A 20, B 40.
const GRID: &str = "日期,客户,产品,品类,区域,金额\n\
    2026-01-05,C1,P1,A,R1,30\n2026-02-05,C1,P2,B,R1,10\n\
    2026-03-05,C2,P1,A,R2,20\n2026-04-05,C2,P2,B,R2,40\n";

#[test]
fn a_grid_meets_both_totals_exactly_and_rounds_to_the_nearer_grid() {
    let ledger = write_file("grid", "ledger.csv", GRID);
    // 250 in tens: rows R2 15, R1 10 units; columns A 12.5 → 13 (the tie to the smaller id)
    // and B 12. RAS from [[20, 40], [30, 10]] gives R2 [5.325, 9.675], R1 [7.675, 2.325]
    // (a² + 2a − 39 = 0); the nearer of the two roundings keeping both margins is
    // [[5, 10], [8, 2]].
    let v = json_of(&sandtable(&[
        "target",
        "grid",
        &ledger,
        "--year",
        "2027",
        "--total",
        "250",
        "--unit",
        "10",
        "--rows",
        "region",
        "--cols",
        "category",
        "--json",
        "--encoding",
        "utf-8",
    ]));
    assert_eq!(v["rows"], serde_json::json!(["R2", "R1"]));
    assert_eq!(v["cols"], serde_json::json!(["A", "B"]));
    assert_eq!(v["row_totals"], serde_json::json!(["150", "100"]));
    assert_eq!(v["col_totals"], serde_json::json!(["130", "120"]));
    assert_eq!(v["cells"], serde_json::json!([["50", "100"], ["80", "20"]]));
    assert_eq!(v["converged"], true);
    assert!(v["iterations"].as_u64().unwrap() > 1);
}

#[test]
fn a_grid_over_one_dimension_twice_is_refused() {
    let ledger = write_file("same", "ledger.csv", GRID);
    let out = sandtable(&[
        "target", "grid", &ledger, "--year", "2027", "--total", "250", "--rows", "region",
        "--cols", "region",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a grid needs two dimensions"));
}
