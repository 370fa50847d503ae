//! `sandtable grade` and `sandtable validate` on scale files: exit codes, messages, JSON keys.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const WORKSPACE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/fixtures/workspace-v1.json"
);
const SCALE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/fixtures/scales/scale-v1.json"
);

fn sandtable(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sandtable"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-grade-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path.display().to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
fn check(out: &Output, code: i32, stdout: &str, stderr: &str) {
    assert_eq!(
        (text(&out.stdout), text(&out.stderr)),
        (stdout.to_string(), stderr.to_string())
    );
    assert_eq!(out.status.code(), Some(code));
}

#[test]
fn validate_recognises_a_scale_file() {
    check(
        &sandtable(&["validate", SCALE]),
        0,
        &format!(
            "{SCALE}: valid scale \"经销商分级量表（样例）\" (format version 1): 2 categories, 3 factors (1 rated on levels, 2 from the ledger), grades A ≥ 80, B ≥ 60, C ≥ 0\n"
        ),
        "",
    );
}

#[test]
fn validate_lists_every_broken_rule_of_a_scale() {
    let dir = scratch("broken-scale");
    let broken = std::fs::read_to_string(SCALE)
        .expect("fixture")
        .replace("\"weight\": 40", "\"weight\": 30")
        .replace(
            "\"min\": 1000, \"max\": 2000",
            "\"min\": 1200, \"max\": 2000",
        )
        .replace("\"min_score\": 60", "\"min_score\": 90");
    let file = write(&dir, "scale.json", &broken);
    check(
        &sandtable(&["validate", &file]),
        1,
        "",
        &format!(
            "error: {file}: The factor \"近12个月销售额\" has a gap between bands 1 and 2: values from 1000 to 1200 fall in no band (at categories[0].factors[1].bands[1].min).\n\
             error: {file}: The category weights add up to 90%, not 100% (at categories).\n\
             error: {file}: Grades must go from best to worst: the lowest score of \"B\" (90) must be below the one before (80) (at grades[1].min_score).\n\
             {file}: not a valid scale: 3 error(s)\n"
        ),
    );
}

#[test]
fn validate_refuses_a_newer_scale_version() {
    let dir = scratch("newer-scale");
    let file = write(
        &dir,
        "scale.json",
        r#"{"format": "sandtable.scale", "version": 7, "id": "x"}"#,
    );
    check(
        &sandtable(&["validate", &file]),
        1,
        "",
        &format!(
            "error: {file}: This scale file was made by a newer Sandtable (file version 7; this app reads up to version 1). Update the app, then import it again.\n"
        ),
    );
}

#[test]
fn grade_a_workspace_with_ratings_from_csv_as_json() {
    let dir = scratch("grade-json");
    let ratings = write(
        &dir,
        "ratings.csv",
        "customer,factor,grade\nC0001,合作意愿,A\nC0002,合作意愿,B\nC0002,未知,A\n",
    );
    let out = sandtable(&[
        "grade",
        WORKSPACE,
        "--scale",
        SCALE,
        "--ratings",
        &ratings,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "warning: ratings: Customer \"C0002\": the scale has no level factor \"未知\".\n"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // C0001: sales 601 → 2 of 10, GM 130/601 = 21.6 % → 6, rated A → 10:
    // 40 × (0.5 × 1 + 0.5 × 0.2) + 60 × 0.6 = 60 → B.
    // C0002: sales 101 → 2, GM 27.7 % → 10, rated B → 6: 40 × 0.4 + 60 = 76 → B.
    // C0003: not rated on 合作意愿 → unrated.
    assert_eq!(
        v,
        serde_json::json!({
            "counts": {"A": 0, "B": 2, "C": 0, "unrated": 1},
            "members": [
                {"key": "C0001", "score": 60, "grade": "B",
                 "factors": {"合作意愿": 10, "近12个月销售额": 2, "毛利率": 6}},
                {"key": "C0002", "score": 76, "grade": "B",
                 "factors": {"合作意愿": 6, "近12个月销售额": 2, "毛利率": 10}},
                {"key": "C0003", "score": null, "grade": null,
                 "factors": {"合作意愿": null, "近12个月销售额": 6, "毛利率": 10}},
            ],
            "window": {"from": "2023-05-01", "to": "2024-04-01"},
        })
    );
}

#[test]
fn grade_a_ledger_read_with_the_import_flags() {
    let dir = scratch("grade-ledger");
    let ledger = write(
        &dir,
        "sales.csv",
        "日期,客户,产品,开票额,成本\n2024-01-05,K1,P1,2500,1500\n2024-02-05,K2,P1,900,700\n2024-03-05,K3,P2,1500,1200\n",
    );
    let ratings = write(
        &dir,
        "r.csv",
        "customer,factor,grade\nK1,合作意愿,A\nK2,合作意愿,C\nK3,合作意愿,B\n",
    );
    let out = sandtable(&[
        "grade",
        &ledger,
        "--scale",
        SCALE,
        "--ratings",
        &ratings,
        "--map",
        "amount=开票额",
    ]);
    // K1: 2500 → 10, GM 40 % → 10, A → 10: 100 → A.
    // K2: 900 → 2, GM 22.2 % → 6, C → 2: 40 × (0.1 + 0.1) + 36 = 44 → C.
    // K3: 1500 → 6, GM 20 % → 6 (20 is the band's inclusive min), B → 6: 24 + 36 = 60 → B.
    check(
        &out,
        0,
        &format!(
            "{ledger}: 3 customers graded with \"经销商分级量表（样例）\", ledger metrics over 2023-04-01 to 2024-03-05: A 1, B 1, C 1, unrated 0\n\
             K1       100  A\n\
             K2        44  C\n\
             K3        60  B\n"
        ),
        "",
    );
}

#[test]
fn grade_takes_the_reading_flags_last() {
    let dir = scratch("grade-flags-last");
    let ledger = write(
        &dir,
        "sales.csv",
        "日期,买家号,开票额,成本
05/01/2024,K1,2500,1500
05/02/2024,K2,900,700
",
    );
    let out = sandtable(&[
        "grade",
        &ledger,
        "--scale",
        SCALE,
        "--json",
        "--map",
        "customer=买家号",
        "--map",
        "amount=开票额",
        "--date-order",
        "dmy",
        "--encoding",
        "utf-8",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = v["members"].as_array().expect("members");
    let mut ids: Vec<&str> = rows.iter().filter_map(|c| c["key"].as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["K1", "K2"], "{v}");
    // Day first: 05/02/2024 is 5 February, the last day of the ledger.
    assert_eq!(v["window"]["to"], "2024-02-05", "{v}");
}

#[test]
fn grade_without_ratings_reports_unrated_customers() {
    let out = sandtable(&["grade", WORKSPACE, "--scale", SCALE]);
    check(
        &out,
        0,
        &format!(
            "{WORKSPACE}: 3 customers graded with \"经销商分级量表（样例）\", ledger metrics over 2023-05-01 to 2024-04-01: A 0, B 0, C 0, unrated 3\n\
             C0001         -  unrated (missing: 合作意愿)\n\
             C0002         -  unrated (missing: 合作意愿)\n\
             C0003         -  unrated (missing: 合作意愿)\n"
        ),
        "",
    );
}

#[test]
fn grade_refuses_bad_scales_and_ratings_files() {
    let dir = scratch("grade-refusals");
    let scale = write(
        &dir,
        "scale.json",
        &std::fs::read_to_string(SCALE)
            .expect("fixture")
            .replace("\"amount_12m\"", "\"payment_days\""),
    );
    let out = sandtable(&["grade", WORKSPACE, "--scale", &scale]);
    check(
        &out,
        1,
        "",
        &format!(
            "error: {scale}: The factor \"近12个月销售额\" uses the unknown metric \"payment_days\" (known: amount_12m, growth_12m, gross_margin_12m, orders_12m, active_months_12m, skus_12m) (at categories[0].factors[1].metric).\n\
             {scale}: not a valid scale: 1 error(s)\n"
        ),
    );
    let ratings = write(&dir, "r.csv", "客户,等级\nC0001,A\n");
    let out = sandtable(&["grade", WORKSPACE, "--scale", SCALE, "--ratings", &ratings]);
    check(
        &out,
        1,
        "",
        &format!(
            "error: {ratings}: Line 1: the first line must be \"customer,factor,grade\", not \"客户,等级\"; nothing was read.\n"
        ),
    );
    let skipped = write(
        &dir,
        "skipped.csv",
        "customer,factor,grade\nC0001,合作意愿\nC0001,合作意愿,A\n",
    );
    let out = sandtable(&[
        "grade",
        WORKSPACE,
        "--scale",
        SCALE,
        "--ratings",
        &skipped,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stderr),
        format!("warning: {skipped}: Line 2: expected 3 fields, found 2; line skipped.\n")
    );
    let out = sandtable(&["grade", WORKSPACE, "--scale", "/nonexistent/scale.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: cannot read /nonexistent/scale.json: "),
        "{}",
        text(&out.stderr)
    );
    let not_a_scale = sandtable(&["grade", WORKSPACE, "--scale", WORKSPACE]);
    check(
        &not_a_scale,
        1,
        "",
        &format!(
            "error: {WORKSPACE}: This JSON file is not a scale (its format is \"sandtable.workspace\", not \"sandtable.scale\").\n"
        ),
    );
}

#[test]
fn validate_says_an_oversize_scale_is_too_large() {
    let dir = scratch("oversize-scale");
    let mut big = String::from("{\"format\": \"sandtable.scale\", \"version\": 1, \"name\": \"");
    big.push_str(&"x".repeat(1024 * 1024));
    big.push_str("\"}");
    let file = write(&dir, "scale.json", &big);
    check(
        &sandtable(&["validate", &file]),
        1,
        "",
        &format!(
            "error: {file}: The file is too large to be a scale ({} bytes; the limit is 1048576). Choose a scale file exported from Sandtable.\n",
            big.len()
        ),
    );
}
