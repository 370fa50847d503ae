//! The workspace file: fixtures, round trips and hostile input.

use proptest::prelude::*;
use sandtable_core::{
    Date, FileError, Lang, MAX_FILE_BYTES, Severity, WORKSPACE_VERSION, Workspace, demo_workspace,
    workspace_from_json, workspace_to_json,
};
use std::sync::OnceLock;

fn demo() -> &'static (Workspace, String) {
    static DEMO: OnceLock<(Workspace, String)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let ws = demo_workspace(Date::parse_iso("2026-11-22").unwrap_or_default());
        let json = workspace_to_json(&ws);
        (ws, json)
    })
}

const FIXTURE: &str = include_str!("fixtures/workspace-v1.json");

#[track_caller]
fn check_error(text: &str, expected: FileError, en: &str) {
    let got = workspace_from_json(text).err();
    assert_eq!(got.as_ref(), Some(&expected));
    assert_eq!(got.map(|e| e.to_string()).as_deref(), Some(en));
}

#[test]
fn every_fixture_loads_migrates_and_validates_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures folder") {
        let path = entry.expect("fixture entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("fixture text");
            let (ws, issues) =
                workspace_from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(issues, [], "{}", path.display());
            assert!(!ws.id.is_empty());
            count += 1;
        }
    }
    assert!(count >= 1);
}

#[test]
fn the_v1_fixture_reads_as_written() {
    let (ws, _) = workspace_from_json(FIXTURE).expect("fixture loads");
    let s = ws.summary();
    assert_eq!(
        (
            s.customers,
            s.products,
            s.regions,
            s.salespeople,
            s.datasets,
            s.rows
        ),
        (3, 3, 2, 2, 1, 5)
    );
    assert_eq!(s.total_amount.to_decimal_string(), "1917");
    assert_eq!(
        s.first_date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-04")
    );
    assert_eq!(
        s.last_date.map(|d| d.to_string()).as_deref(),
        Some("2024-04-01")
    );
    assert_eq!(ws.customers[2].tier, None);
    assert_eq!(
        ws.products[2].launched.map(|d| d.to_string()).as_deref(),
        Some("2023-06-01")
    );
    let ledger = &ws.datasets[0].ledger;
    assert_eq!(
        ledger
            .total_gross_profit()
            .map(|m| m.to_decimal_string())
            .as_deref(),
        Some("482")
    );
}

#[test]
fn the_demo_round_trips_exactly() {
    let (ws, json) = demo();
    let (back, issues) = workspace_from_json(json).expect("demo loads");
    assert_eq!(issues, []);
    assert_eq!(&back, ws);
    assert_eq!(&workspace_to_json(&back), json);
}

#[test]
fn writing_starts_with_the_format_and_version() {
    let json = workspace_to_json(&Workspace::default());
    assert!(
        json.starts_with(r#"{"format":"sandtable.workspace","version":2,"workspace":{"#),
        "{json}"
    );
    assert_eq!(WORKSPACE_VERSION, 2);
}

#[test]
fn a_utf8_bom_is_accepted() {
    let with_bom = format!("\u{feff}{FIXTURE}");
    assert!(workspace_from_json(&with_bom).is_ok());
}

#[test]
fn an_empty_file_is_refused() {
    check_error(
        "",
        FileError::Empty,
        "The file is empty. Choose a workspace file exported from Sandtable (.json).",
    );
    check_error(
        "\u{feff} \n",
        FileError::Empty,
        "The file is empty. Choose a workspace file exported from Sandtable (.json).",
    );
    // A byte order mark anywhere but at the start is not white space.
    assert_eq!(
        workspace_from_json(" \n\u{feff}").err(),
        Some(FileError::NotJson {
            line: 2,
            column: 1,
            detail: "expected value".into()
        })
    );
    check_error(
        "\u{feff}",
        FileError::Empty,
        "The file is empty. Choose a workspace file exported from Sandtable (.json).",
    );
}

#[test]
fn text_that_is_not_json_is_refused_with_its_position() {
    check_error(
        "姓名,金额\n张三,100",
        FileError::NotJson {
            line: 1,
            column: 1,
            detail: "expected value".into(),
        },
        "The file is not valid JSON (line 1, column 1: expected value). Choose a workspace file exported from Sandtable.",
    );
    check_error(
        "{\"format\": NaN}",
        FileError::NotJson {
            line: 1,
            column: 12,
            detail: "expected value".into(),
        },
        "The file is not valid JSON (line 1, column 12: expected value). Choose a workspace file exported from Sandtable.",
    );
    check_error(
        "{\"format\": 1e999}",
        FileError::NotJson {
            line: 1,
            column: 16,
            detail: "number out of range".into(),
        },
        "The file is not valid JSON (line 1, column 16: number out of range). Choose a workspace file exported from Sandtable.",
    );
    assert_eq!(
        workspace_from_json("{} x")
            .err()
            .map(|e| e.message(Lang::Zh))
            .as_deref(),
        Some(
            "文件不是有效的 JSON（第 1 行第 4 列：trailing characters）。请选择由生意沙盘导出的工作区文件。"
        )
    );
}

#[test]
fn a_truncated_file_is_reported_as_cut_off() {
    let (_, json) = demo();
    let half = &json[..json.floor_char_boundary(json.len() / 2)];
    check_error(
        half,
        FileError::Truncated,
        "The file ends too early: it was probably cut off while being downloaded or copied. Export or copy it again, then import it.",
    );
    check_error(
        &FIXTURE[..FIXTURE.len() - 3],
        FileError::Truncated,
        &FileError::Truncated.to_string(),
    );
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    check_error(
        &deep,
        FileError::TooDeep,
        "The file is nested too deeply to be a Sandtable workspace; it is damaged or not a workspace file. Choose a workspace file exported from Sandtable.",
    );
    let deep_inside = FIXTURE.replacen(
        "\"name\": \"样例战区\"",
        &format!("\"x\": {}1{}", "{\"a\":".repeat(5000), "}".repeat(5000)),
        1,
    );
    assert_eq!(
        workspace_from_json(&deep_inside).err(),
        Some(FileError::TooDeep)
    );
}

#[test]
fn other_json_is_not_a_workspace() {
    check_error(
        r#"{"format": "sandtable.jbp", "version": 1}"#,
        FileError::NotAWorkspace {
            found: Some("sandtable.jbp".into()),
        },
        "This JSON file is not a Sandtable workspace (its format is \"sandtable.jbp\"). Choose a workspace file exported from Sandtable.",
    );
    let no_format = FileError::NotAWorkspace { found: None };
    let en = "This JSON file is not a Sandtable workspace (it has no \"format\" field). Choose a workspace file exported from Sandtable.";
    check_error("[1, 2]", no_format.clone(), en);
    check_error("{\"version\": 1}", no_format.clone(), en);
    check_error("{\"format\": 7}", no_format, en);
    assert_eq!(
        FileError::NotAWorkspace {
            found: Some("x".into())
        }
        .message(Lang::Zh),
        "这是 JSON 文件，但不是生意沙盘的工作区文件（其格式为“x”）。请选择由生意沙盘导出的工作区文件。"
    );
}

#[test]
fn a_newer_version_asks_for_an_update() {
    let newer = FIXTURE.replacen("\"version\": 1", "\"version\": 3", 1);
    check_error(
        &newer,
        FileError::NewerVersion {
            found: 3,
            supported: 2,
        },
        "This file was made by a newer Sandtable (file version 3; this app reads up to version 2). Update the app, then import it again.",
    );
    assert_eq!(
        workspace_from_json(&newer)
            .err()
            .map(|e| e.message(Lang::Zh))
            .as_deref(),
        Some("该文件由更新版本的生意沙盘创建（文件版本 3，本应用支持到 2）。请更新应用后再导入。")
    );
    let huge = FIXTURE.replacen("\"version\": 1", "\"version\": 18446744073709551615", 1);
    assert_eq!(
        workspace_from_json(&huge).err(),
        Some(FileError::NewerVersion {
            found: u64::MAX,
            supported: 2
        })
    );
}

#[test]
fn a_missing_or_malformed_version_is_refused() {
    let en = "The file's version number is missing or invalid, so the file may be damaged. Export it again from Sandtable.";
    for version in [
        "\"version\": \"1\"",
        "\"version\": 1.0",
        "\"version\": 0",
        "\"version\": -1",
        "\"version\": null",
        "\"versio\": 1",
    ] {
        let text = FIXTURE.replacen("\"version\": 1", version, 1);
        check_error(&text, FileError::BadVersion, en);
    }
}

#[test]
fn floats_where_integers_belong_are_refused_with_the_path() {
    let text = FIXTURE.replacen("[100000, 50000,", "[1.5, 50000,", 1);
    check_error(
        &text,
        FileError::Invalid {
            path: "workspace.datasets[0].ledger.quantity[0]".into(),
            detail: "invalid type: floating point `1.5`, expected i64".into(),
        },
        "The file has an invalid value at workspace.datasets[0].ledger.quantity[0] (invalid type: floating point `1.5`, expected i64). It may be damaged or edited by hand: export it again from Sandtable, or fix that field.",
    );
    let text = FIXTURE.replacen("\"price\": 450000", "\"price\": 45.0", 1);
    assert_eq!(
        workspace_from_json(&text).err(),
        Some(FileError::Invalid {
            path: "workspace.products[0].price".into(),
            detail: "invalid type: floating point `45.0`, expected i64".into()
        })
    );
}

#[test]
fn negative_codes_are_refused_with_the_path() {
    let text = FIXTURE.replacen("[0, 0, 1, 2, 0]", "[0, 0, -1, 2, 0]", 1);
    check_error(
        &text,
        FileError::Invalid {
            path: "workspace.datasets[0].ledger.customer[2]".into(),
            detail: "invalid value: integer `-1`, expected u32".into(),
        },
        "The file has an invalid value at workspace.datasets[0].ledger.customer[2] (invalid value: integer `-1`, expected u32). It may be damaged or edited by hand: export it again from Sandtable, or fix that field.",
    );
}

#[test]
fn missing_fields_and_unknown_kinds_are_refused_with_the_path() {
    let text = FIXTURE.replacen("\"kind\": \"wholesale\"", "\"kind\": \"shop\"", 1);
    let err = workspace_from_json(&text).err();
    assert_eq!(
        err,
        Some(FileError::Invalid {
            path: "workspace.customers[2].kind".into(),
            detail: "unknown variant `shop`, expected one of `distributor`, `key_account`, `wholesale`, `retail`, `other`".into()
        })
    );
    let no_body = r#"{"format": "sandtable.workspace", "version": 2}"#;
    check_error(
        no_body,
        FileError::Invalid {
            path: "workspace".into(),
            detail: "missing field `workspace`".into(),
        },
        "The file has an invalid value at workspace (missing field `workspace`). It may be damaged or edited by hand: export it again from Sandtable, or fix that field.",
    );
    let not_object = r#"{"format": "sandtable.workspace", "version": 2, "workspace": "x"}"#;
    assert_eq!(
        workspace_from_json(not_object).err(),
        Some(FileError::Invalid {
            path: "workspace".into(),
            detail: "invalid type: string \"x\", expected struct Workspace".into()
        })
    );
}

#[test]
fn duplicate_ids_load_but_are_reported_as_errors() {
    let text = FIXTURE.replacen("\"id\": \"C0002\"", "\"id\": \"C0001\"", 1);
    let (_, issues) = workspace_from_json(&text).expect("parses");
    let messages: Vec<(Severity, String)> =
        issues.iter().map(|i| (i.severity, i.to_string())).collect();
    assert_eq!(
        messages,
        [
            (Severity::Error, "The customer id \"C0001\" appears more than once (at customers[1].id).".to_string()),
            (
                Severity::Warning,
                "There is no customer with the id \"C0002\" (referred to at datasets[0].ledger.customers[1]).".to_string()
            ),
        ]
    );
}

#[test]
fn structural_ledger_problems_are_errors() {
    let text = FIXTURE
        .replacen("[0, 1, 2, 0, 1]", "[0, 1, 2, 0, 9]", 1)
        .replacen("[0, 0, 1, 2, 3]", "[0, 0, 1, 2]", 1);
    let (_, issues) = workspace_from_json(&text).expect("parses");
    let messages: Vec<String> = issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "The ledger column \"order_id\" has 4 values but the ledger has 5 rows (at datasets[0].ledger.order_id).",
            "1 row(s) of the ledger column \"product\" use codes outside the dictionary (first: row 4 has code 9, but the dictionary has only 3 entries; at datasets[0].ledger.product[4]).",
        ]
    );
}

#[test]
fn an_oversize_file_is_refused_before_parsing() {
    let big = " ".repeat(MAX_FILE_BYTES + 1);
    check_error(
        &big,
        FileError::TooLarge {
            bytes: MAX_FILE_BYTES as u64 + 1,
            limit: MAX_FILE_BYTES as u64,
        },
        "The file is too large (over 160 MB; the limit is 160 MB). Split the data into smaller files and import them one at a time.",
    );
    assert_eq!(
        FileError::TooLarge {
            bytes: 200 * 1024 * 1024,
            limit: MAX_FILE_BYTES as u64
        }
        .message(Lang::Zh),
        "文件过大（200 MB，上限为 160 MB）。请把数据拆分成较小的文件后分别导入。"
    );
}

#[test]
fn every_error_has_a_chinese_message() {
    let errors = [
        FileError::TooLarge { bytes: 1, limit: 2 },
        FileError::Empty,
        FileError::NotJson {
            line: 1,
            column: 2,
            detail: "x".into(),
        },
        FileError::TooDeep,
        FileError::Truncated,
        FileError::NotAWorkspace { found: None },
        FileError::NewerVersion {
            found: 2,
            supported: 1,
        },
        FileError::BadVersion,
        FileError::MigrationFailed {
            from: 1,
            detail: "x".into(),
        },
        FileError::Invalid {
            path: "a".into(),
            detail: "b".into(),
        },
    ];
    for e in errors {
        let zh = e.message(Lang::Zh);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert_ne!(zh, e.message(Lang::En));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn reading_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = workspace_from_json(&text);
    }

    #[test]
    fn reading_a_damaged_file_never_panics(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = FIXTURE.as_bytes().to_vec();
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok((ws, _)) = workspace_from_json(&text) {
            // Whatever loads must also survive the computations the app runs on it.
            let _ = ws.summary();
            for d in &ws.datasets {
                let _ = d.ledger.monthly_amounts();
                let _ = d.ledger.total_gross_profit();
                let (h, c) = sandtable_core::encode_ledger_chunks(&d.ledger, 2);
                let _ = sandtable_core::decode_ledger_chunks(&h, &c);
            }
        }
    }
}

#[test]
fn a_version_1_file_is_upgraded_to_version_2_and_loses_nothing() {
    let (ws, issues) = workspace_from_json(FIXTURE).expect("the version 1 fixture");
    assert_eq!(issues, []);
    assert!(ws.targets.is_empty());
    let written = workspace_to_json(&ws);
    assert!(written.contains(r#""version":2"#));
    // Every field of the version 1 file reads back the same from the version 2 file.
    let v1: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let v2: serde_json::Value = serde_json::from_str(&written).unwrap();
    let (a, b) = (&v1["workspace"], &v2["workspace"]);
    for (key, value) in a.as_object().unwrap() {
        let got = &b[key];
        let (x, y) = (
            workspace_from_json(&format!(
                r#"{{"format":"sandtable.workspace","version":2,"workspace":{{"id":"w","{key}":{value}}}}}"#
            )),
            workspace_from_json(&format!(
                r#"{{"format":"sandtable.workspace","version":2,"workspace":{{"id":"w","{key}":{got}}}}}"#
            )),
        );
        assert_eq!(x.map(|r| r.0), y.map(|r| r.0), "field {key}");
    }
    assert_eq!(workspace_from_json(&written).unwrap().0, ws);
    let broken = r#"{"format": "sandtable.workspace", "version": 1, "workspace": 3}"#;
    check_error(
        broken,
        FileError::MigrationFailed {
            from: 1,
            detail: "the file has no workspace object".into(),
        },
        "The file could not be upgraded from version 1 (the file has no workspace object). Open it with the version of the app that made it, or report the problem.",
    );
}
