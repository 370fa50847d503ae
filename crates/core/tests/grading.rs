//! Grading scales: hand-worked scores, every validation rule's message, the scale file's
//! hostile inputs, and property tests (round trip, no panics, bands cover the line once).

use proptest::prelude::*;
use sandtable_core::GradingEdit;
use sandtable_core::grading::*;
use sandtable_core::ledger::{LedgerBuilder, Row};
use sandtable_core::{Dataset, Date, Lang, Money, Workspace};

fn band(min: Option<i64>, max: Option<i64>, points: i64) -> Band {
    Band {
        min: min.map(Dec::int),
        max: max.map(Dec::int),
        points: Some(Dec::int(points)),
    }
}

fn level(grade: &str, points: i64) -> Level {
    Level {
        grade: grade.into(),
        text: format!("level {grade}"),
        points: Some(Dec::int(points)),
    }
}

/// Size (40: cooperation A/B/C 10/6/2 at 50, sales bands at 50) and relationship (60: one
/// factor, A/B/C 5/3/0).
fn sample() -> Scale {
    Scale {
        id: "s1".into(),
        name: "样例".into(),
        categories: vec![
            Category {
                name: "规模".into(),
                weight: Dec::int(40),
                factors: vec![
                    Factor {
                        name: "合作".into(),
                        weight: Dec::int(50),
                        levels: vec![level("A", 10), level("B", 6), level("C", 2)],
                        ..Factor::default()
                    },
                    Factor {
                        name: "销售额".into(),
                        weight: Dec::int(50),
                        metric: Some("amount_12m".into()),
                        bands: vec![
                            band(None, Some(100_000), 2),
                            band(Some(100_000), Some(500_000), 6),
                            band(Some(500_000), None, 10),
                        ],
                        ..Factor::default()
                    },
                ],
            },
            Category {
                name: "关系".into(),
                weight: Dec::int(60),
                factors: vec![Factor {
                    name: "信任".into(),
                    weight: Dec::int(100),
                    levels: vec![level("A", 5), level("B", 3), level("C", 0)],
                    ..Factor::default()
                }],
            },
        ],
        grades: default_grades(),
    }
}

fn workspace(sales: &[(&str, &str)]) -> Workspace {
    let mut b = LedgerBuilder::new();
    for (customer, amount) in sales {
        b.push_row(&Row {
            date: Date::parse_iso("2024-06-30").unwrap_or_default(),
            customer,
            product: "P1",
            region: "R1",
            salesperson: "S1",
            channel: "经销商",
            quantity: Money(10_000),
            amount: Money::parse_decimal(amount).unwrap_or_default(),
            cost: None,
            order_id: "",
        });
    }
    Workspace {
        datasets: vec![Dataset {
            id: "d".into(),
            ledger: b.finish(),
            ..Dataset::default()
        }],
        ..Workspace::default()
    }
}

fn rate(r: &mut Ratings, customer: &str, factor: &str, grade: &str) {
    r.entry(customer.into())
        .or_default()
        .insert(factor.into(), grade.into());
}

#[test]
fn hand_worked_scores_and_grades() {
    let ws = workspace(&[
        ("C1", "500000"),
        ("C2", "499999.99"),
        ("C3", "100000"),
        ("C4", "0"),
        ("C5", "900000"),
    ]);
    let m = compute_metrics(&ws);
    let mut r = Ratings::new();
    for (c, a, b) in [
        ("C1", "B", "A"),
        ("C2", "C", "B"),
        ("C3", "A", "C"),
        ("C4", "A", "B"),
    ] {
        rate(&mut r, c, "合作", a);
        rate(&mut r, c, "信任", b);
    }
    rate(&mut r, "C5", "合作", "A");
    let scale = sample();
    let scores = score_customers(&scale, &m, &r);
    let got: Vec<(&str, Option<String>, Option<&str>)> = scores
        .iter()
        .map(|s| {
            (
                s.customer.as_str(),
                s.score.map(|d| d.to_string()),
                s.grade.as_deref(),
            )
        })
        .collect();
    // C1: 40 × (50 % × 6/10 + 50 % × 10/10) + 60 × 5/5 = 32 + 60 = 92.
    // C2: 40 × (0.5 × 0.2 + 0.5 × 0.6) + 60 × 0.6 = 16 + 36 = 52 (499,999.99 is below 500,000).
    // C3: 40 × (0.5 × 1 + 0.5 × 0.6) + 0 = 32 (100,000 is the second band's inclusive min).
    // C4: 40 × (0.5 × 1 + 0.5 × 0.2) + 60 × 0.6 = 24 + 36 = 60, exactly B's threshold.
    // C5: not rated on 信任 → unrated, not zero.
    assert_eq!(
        got,
        [
            ("C1", Some("92".into()), Some("A")),
            ("C2", Some("52".into()), Some("C")),
            ("C3", Some("32".into()), Some("C")),
            ("C4", Some("60".into()), Some("B")),
            ("C5", None, None),
        ]
    );
    let c1 = &scores[0];
    type Why = (String, Option<String>, String, String, Option<String>);
    let why: Vec<Why> = c1
        .factors
        .iter()
        .map(|f| {
            (
                f.factor.clone(),
                f.points.map(|p| p.to_string()),
                f.max_points.to_string(),
                f.weight.to_string(),
                f.contribution.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        why,
        [
            (
                "合作".into(),
                Some("6".into()),
                "10".into(),
                "20".into(),
                Some("12".into())
            ),
            (
                "销售额".into(),
                Some("10".into()),
                "10".into(),
                "20".into(),
                Some("20".into())
            ),
            (
                "信任".into(),
                Some("5".into()),
                "5".into(),
                "60".into(),
                Some("60".into())
            ),
        ]
    );
    assert_eq!(c1.factors[1].value, Some(Dec::int(500_000)));
    assert_eq!(c1.factors[0].level.as_deref(), Some("B"));
    assert_eq!(scores[4].missing(), ["信任"]);
    let d = distribution(&scale, &scores);
    assert_eq!(
        d.grades,
        [
            ("A".to_string(), 1),
            ("B".to_string(), 1),
            ("C".to_string(), 2)
        ]
    );
    assert_eq!((d.unrated, d.total()), (1, 5));
}

#[test]
fn a_rating_on_a_level_the_factor_lacks_leaves_the_customer_unrated() {
    let ws = workspace(&[("C1", "1")]);
    let mut r = Ratings::new();
    rate(&mut r, "C1", "合作", "D");
    rate(&mut r, "C1", "信任", "A");
    rate(&mut r, "C1", "无此要素", "A");
    let scores = score_customers(&sample(), &compute_metrics(&ws), &r);
    assert_eq!(scores[0].score, None);
    assert_eq!(scores[0].factors[0].level.as_deref(), Some("D"));
    let problems: Vec<String> = check_ratings(&sample(), &r)
        .iter()
        .map(|p| p.message(Lang::En))
        .collect();
    assert_eq!(
        problems,
        [
            "Customer \"C1\": the factor \"合作\" has no level \"D\".",
            "Customer \"C1\": the scale has no level factor \"无此要素\".",
        ]
    );
}

#[track_caller]
fn broken(change: impl FnOnce(&mut Scale), expected: &[&str]) {
    let mut s = sample();
    change(&mut s);
    let got: Vec<String> = validate_scale(&s)
        .iter()
        .map(|i| i.message(Lang::En))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn the_sample_and_its_round_trip_are_valid() {
    let s = sample();
    assert_eq!(validate_scale(&s), []);
    assert_eq!(scale_from_json(&scale_to_json(&s)), Ok(s));
}

#[test]
fn each_rule_has_its_own_message() {
    broken(
        |s| s.categories[0].weight = Dec::int(30),
        &["The category weights add up to 90%, not 100% (at categories)."],
    );
    broken(
        |s| s.categories[0].factors[1].weight = Dec(333_333),
        &[
            "The factor weights in the category \"规模\" add up to 83.3333%, not 100% (at categories[0].factors).",
        ],
    );
    broken(
        |s| s.categories[0].factors[0].levels[1].points = None,
        &[
            "The level \"B\" of the factor \"合作\" has no points (at categories[0].factors[0].levels[1].points).",
        ],
    );
    broken(
        |s| s.categories[0].factors[0].levels[2].grade = "A".into(),
        &[
            "The factor \"合作\" has the level \"A\" more than once (at categories[0].factors[0].levels[2].grade).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].metric = Some("payment_days".into()),
        &[
            "The factor \"销售额\" uses the unknown metric \"payment_days\" (known: amount_12m, growth_12m, gross_margin_12m, orders_12m, active_months_12m, skus_12m) (at categories[0].factors[1].metric).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands[1].min = Some(Dec::int(120_000)),
        &[
            "The factor \"销售额\" has a gap between bands 1 and 2: values from 100000 to 120000 fall in no band (at categories[0].factors[1].bands[1].min).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands[1].min = Some(Dec::int(90_000)),
        &[
            "Bands 1 and 2 of the factor \"销售额\" overlap: values from 90000 to 100000 fall in both (at categories[0].factors[1].bands[1].min).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands.swap(1, 2),
        &[
            "Band 2 of the factor \"销售额\" lacks a bound (only the first band may have no minimum and only the last no maximum) (at categories[0].factors[1].bands[1]).",
            "The last band of the factor \"销售额\" must have no maximum; values from 500000 up fall in no band (at categories[0].factors[1].bands[2].max).",
            "The factor \"销售额\" has a gap between bands 1 and 2: values from 100000 to 500000 fall in no band (at categories[0].factors[1].bands[1].min).",
            "The bands of the factor \"销售额\" are not in ascending order (band 3) (at categories[0].factors[1].bands[2].min).",
        ],
    );
    broken(
        |s| {
            let b = &mut s.categories[0].factors[1].bands;
            b[1].min = Some(Dec::int(600_000));
            b[1].max = Some(Dec::int(700_000));
            b[2].min = Some(Dec::int(500_000));
        },
        &[
            "The factor \"销售额\" has a gap between bands 1 and 2: values from 100000 to 600000 fall in no band (at categories[0].factors[1].bands[1].min).",
            "The bands of the factor \"销售额\" are not in ascending order (band 3) (at categories[0].factors[1].bands[2].min).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands[0].min = Some(Dec::int(0)),
        &[
            "The first band of the factor \"销售额\" must have no minimum; values below 0 fall in no band (at categories[0].factors[1].bands[0].min).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands[2].max = Some(Dec::int(900_000)),
        &[
            "The last band of the factor \"销售额\" must have no maximum; values from 900000 up fall in no band (at categories[0].factors[1].bands[2].max).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands[1].max = Some(Dec::int(100_000)),
        &[
            "Band 2 of the factor \"销售额\" has a minimum (100000) not below its maximum (100000) (at categories[0].factors[1].bands[1]).",
            "The factor \"销售额\" has a gap between bands 2 and 3: values from 100000 to 500000 fall in no band (at categories[0].factors[1].bands[2].min).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands[2].points = None,
        &[
            "Band 3 of the factor \"销售额\" has no points (at categories[0].factors[1].bands[2].points).",
        ],
    );
    broken(
        |s| s.categories[0].factors[1].bands.clear(),
        &[
            "The factor \"销售额\" has no bands; add bands covering every value (at categories[0].factors[1].bands).",
        ],
    );
    broken(
        |s| s.categories[0].factors[0].levels.clear(),
        &[
            "The factor \"合作\" has no levels; add levels (such as A/B/C) or make it a ledger metric (at categories[0].factors[0].levels).",
        ],
    );
    broken(
        |s| s.categories[0].factors[0].metric = Some("amount_12m".into()),
        &[
            "The factor \"合作\" has both levels and a ledger metric; it must be one or the other (at categories[0].factors[0]).",
            "The factor \"合作\" has no bands; add bands covering every value (at categories[0].factors[0].bands).",
        ],
    );
    broken(
        |s| s.categories[1].factors[0].levels[2].points = Some(Dec::int(-1)),
        &["The factor \"信任\" has negative points (at categories[1].factors[0])."],
    );
    broken(
        |s| {
            for l in &mut s.categories[1].factors[0].levels {
                l.points = Some(Dec::ZERO);
            }
        },
        &[
            "The highest points of the factor \"信任\" must be above 0 (at categories[1].factors[0]).",
        ],
    );
    broken(
        |s| {
            s.categories[0].weight = Dec::int(110);
            s.categories[1].weight = Dec::int(-10);
        },
        &["The weight of \"关系\" is negative (at categories[1].weight)."],
    );
    broken(
        |s| s.categories[1].name = "规模".into(),
        &["Two categories are named \"规模\"; give them different names (at categories[1].name)."],
    );
    broken(
        |s| s.categories[1].factors[0].name = "合作".into(),
        &[
            "Two factors are named \"合作\" (factor names must be unique in the scale); give them different names (at categories[1].factors[0].name).",
        ],
    );
    broken(
        |s| {
            s.name = " ".into();
            s.categories[1].name = String::new();
            s.categories[1].factors[0].name = String::new();
            s.categories[1].factors[0].levels[0].grade = String::new();
        },
        &[
            "A scale has no name (at name).",
            "A category has no name (at categories[1].name).",
            "A factor has no name (at categories[1].factors[0].name).",
            "A level has no name (at categories[1].factors[0].levels[0].grade).",
        ],
    );
    broken(
        |s| s.categories[1].factors.clear(),
        &["The category \"关系\" has no factors; add at least one (at categories[1].factors)."],
    );
    broken(
        |s| s.categories.clear(),
        &["The scale has no categories; add at least one (at categories)."],
    );
    broken(
        |s| s.grades.clear(),
        &["The scale has no grades; add grades with their lowest scores (at grades)."],
    );
    broken(
        |s| s.grades[1].min_score = Dec::int(80),
        &[
            "Grades must go from best to worst: the lowest score of \"B\" (80) must be below the one before (80) (at grades[1].min_score).",
        ],
    );
    broken(
        |s| s.grades[2].min_score = Dec::int(10),
        &[
            "The last grade \"C\" must start at 0 (it starts at 10), or low scores get no grade (at grades[2].min_score).",
        ],
    );
    broken(
        |s| s.grades[0].min_score = Dec::int(120),
        &[
            "The lowest score of the grade \"A\" (120) is not within 0–100 (at grades[0].min_score).",
        ],
    );
    broken(
        |s| s.grades[1].grade = "A".into(),
        &["The grade \"A\" appears more than once (at grades[1].grade)."],
    );
    broken(
        |s| s.grades[1].grade = String::new(),
        &["A grade has no name (at grades[1].grade)."],
    );
}

#[test]
fn messages_exist_in_chinese() {
    let mut s = sample();
    s.categories[0].weight = Dec::int(30);
    s.categories[0].factors[1].bands[1].min = Some(Dec::int(120_000));
    let got: Vec<String> = validate_scale(&s)
        .iter()
        .map(|i| i.message(Lang::Zh))
        .collect();
    assert_eq!(
        got,
        [
            "要素“销售额”的第 1 与第 2 个区间之间有空缺：100000 到 120000 之间的值不落在任何区间（位置：categories[0].factors[1].bands[1].min）。",
            "各分项权重合计为 90%，应为 100%（位置：categories）。",
        ]
    );
}

#[test]
fn the_file_reads_the_documented_example() {
    let text = r#"{"format": "sandtable.scale", "version": 1, "id": "x", "name": "例",
 "categories": [{"name": "规模", "weight": 100, "factors": [
    {"name": "合作", "weight": 50, "levels": [{"grade": "A", "text": "好", "points": 10},
                                            {"grade": "B", "text": "中", "points": 6},
                                            {"grade": "C", "text": "差", "points": 2}]},
    {"name": "销售额", "weight": 50, "metric": "amount_12m",
     "bands": [{"min": null, "max": 100000, "points": 2}, {"min": 100000, "max": 500000, "points": 6},
               {"min": 500000, "max": null, "points": 10}]}]}],
 "grades": [{"grade": "A", "min_score": 80}, {"grade": "B", "min_score": 60}, {"grade": "C", "min_score": 0}]}"#;
    let s = scale_from_json(text).expect("reads");
    assert_eq!(validate_scale(&s), []);
    assert_eq!(
        s.categories[0].factors[1].bands[2].min,
        Some(Dec::int(500_000))
    );
    let again = scale_to_json(&s);
    assert!(
        again.starts_with(
            "{\n  \"format\": \"sandtable.scale\",\n  \"version\": 1,\n  \"id\": \"x\""
        ),
        "{again}"
    );
    assert_eq!(scale_from_json(&again), Ok(s));
}

#[test]
fn hostile_files_are_refused_with_a_reason() {
    let msg = |t: &str| match scale_from_json(t) {
        Ok(_) => "ok".to_string(),
        Err(e) => e.message(Lang::En),
    };
    assert_eq!(
        msg(r#"{"format":"sandtable.scale","version":2}"#),
        "This scale file was made by a newer Sandtable (file version 2; this app reads up to version 1). Update the app, then import it again."
    );
    assert_eq!(
        msg(r#"{"format":"sandtable.workspace","version":1}"#),
        "This JSON file is not a scale (its format is \"sandtable.workspace\", not \"sandtable.scale\")."
    );
    assert_eq!(
        msg("[1]"),
        "This JSON file is not a scale (it lacks \"format\": \"sandtable.scale\")."
    );
    assert_eq!(
        msg(r#"{"format":"sandtable.scale","version":0}"#),
        "The scale file's version number is missing or invalid, so the file may be damaged. Export the scale again."
    );
    assert_eq!(
        msg(" \n"),
        "The file is empty. Choose a scale file exported from Sandtable (.json)."
    );
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert_eq!(
        msg(&deep),
        "The file is not valid JSON (nested too deeply). Choose a scale file exported from Sandtable."
    );
    assert_eq!(
        msg(r#"{"format":"sandtable.scale""#),
        "The file is not valid JSON (the file ends too early). Choose a scale file exported from Sandtable."
    );
    assert!(
        msg("{\"weight\": NaN}")
            .starts_with("The file is not valid JSON (expected value at line 1")
    );
    let huge = r#"{"format":"sandtable.scale","version":1,"id":"x","name":"n","grades":[],
        "categories":[{"name":"c","weight":1e300,"factors":[]}]}"#;
    assert_eq!(
        msg(huge),
        "The scale file has an invalid value at categories[0].weight (the number 1e300 is out of range (numbers must lie between -1e11 and 1e11)). Fix that field, or export the scale again."
    );
    let missing = r#"{"format":"sandtable.scale","version":1,"id":"x","name":"n","categories":[]}"#;
    assert_eq!(
        msg(missing),
        "The scale file has an invalid value at the top level (missing field `grades`). Fix that field, or export the scale again."
    );
    let big = " ".repeat(MAX_SCALE_BYTES + 1);
    assert_eq!(
        msg(&big),
        format!(
            "The file is too large to be a scale ({} bytes; the limit is {MAX_SCALE_BYTES}). Choose a scale file exported from Sandtable.",
            MAX_SCALE_BYTES + 1
        )
    );
}

fn arb_dec() -> impl Strategy<Value = Dec> {
    prop_oneof![
        (0i64..200).prop_map(Dec::int),
        (0i64..2_000_000).prop_map(Dec)
    ]
}

fn arb_valid_scale() -> impl Strategy<Value = Scale> {
    let factor = (
        "[a-z]{1,6}",
        any::<bool>(),
        proptest::collection::vec(1i64..20, 1..4),
        proptest::collection::btree_set(-1000i64..1000, 0..4),
        0usize..6,
    )
        .prop_map(|(name, is_levels, points, cuts, metric)| {
            if is_levels {
                Factor {
                    name,
                    levels: points
                        .iter()
                        .enumerate()
                        .map(|(i, p)| level(&format!("L{i}"), *p))
                        .collect(),
                    ..Factor::default()
                }
            } else {
                let cuts: Vec<Option<Dec>> = std::iter::once(None)
                    .chain(cuts.iter().map(|c| Some(Dec(c * 1234))))
                    .chain(std::iter::once(None))
                    .collect();
                Factor {
                    name,
                    metric: Some(Metric::ALL[metric].code().into()),
                    bands: cuts
                        .windows(2)
                        .enumerate()
                        .map(|(i, w)| Band {
                            min: w[0],
                            max: w[1],
                            points: Some(Dec::int(i as i64 + 1)),
                        })
                        .collect(),
                    ..Factor::default()
                }
            }
        });
    let category = ("[A-Z]{1,5}", proptest::collection::vec(factor, 1..4));
    (
        "\\PC{1,10}",
        proptest::collection::vec(category, 1..4),
        proptest::collection::btree_set(1i64..100, 0..3),
    )
        .prop_map(|(name, cats, cuts)| {
            let n = cats.len() as i64;
            let mut seen = std::collections::HashSet::new();
            let categories =
                cats.into_iter()
                    .enumerate()
                    .map(|(ci, (cname, factors))| {
                        let m = factors.len() as i64;
                        Category {
                            name: format!("{cname}{ci}"),
                            weight: Dec(100 * Dec::SCALE / n
                                + if ci == 0 { 100 * Dec::SCALE % n } else { 0 }),
                            factors: factors
                                .into_iter()
                                .enumerate()
                                .map(|(fi, mut f)| {
                                    f.name = format!("{}{ci}_{fi}", f.name);
                                    seen.insert(f.name.clone());
                                    f.weight = Dec(100 * Dec::SCALE / m
                                        + if fi == 0 { 100 * Dec::SCALE % m } else { 0 });
                                    f
                                })
                                .collect(),
                        }
                    })
                    .collect();
            let mut grades: Vec<GradeRule> = cuts
                .iter()
                .rev()
                .enumerate()
                .map(|(i, c)| GradeRule {
                    grade: format!("G{i}"),
                    min_score: Dec::int(*c),
                })
                .collect();
            grades.push(GradeRule {
                grade: "Z".into(),
                min_score: Dec::ZERO,
            });
            Scale {
                id: "p".into(),
                name: format!("x{name}"),
                categories,
                grades,
            }
        })
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        "[a-z_]{0,8}".prop_map(Value::String),
        prop_oneof![Just("A"), Just("amount_12m"), Just("sandtable.scale")]
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        let keys = prop_oneof![
            Just("name".to_string()),
            Just("weight".to_string()),
            Just("factors".to_string()),
            Just("levels".to_string()),
            Just("bands".to_string()),
            Just("metric".to_string()),
            Just("points".to_string()),
            Just("min".to_string()),
            Just("max".to_string()),
            Just("grade".to_string()),
            "[a-z]{1,4}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(keys, inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn valid_scales_round_trip_through_the_file(s in arb_valid_scale()) {
        prop_assert_eq!(validate_scale(&s), vec![]);
        let text = scale_to_json(&s);
        prop_assert_eq!(scale_from_json(&text), Ok(s));
    }

    #[test]
    fn random_json_never_panics(body in arb_json(), cats in arb_json(), grades in arb_json()) {
        let _ = scale_from_json(&body.to_string());
        let doc = serde_json::json!({"format": "sandtable.scale", "version": 1, "id": "x",
            "name": "n", "categories": cats, "grades": grades});
        if let Ok(s) = scale_from_json(&doc.to_string()) {
            let _ = validate_scale(&s);
            let ws = workspace(&[("C1", "10")]);
            let scores = score_customers(&s, &compute_metrics(&ws), &Ratings::new());
            let _ = distribution(&s, &scores);
        }
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,300}", prefix in prop_oneof![Just(""), Just("{\"format\":\"sandtable.scale\",\"version\":1,")]) {
        let _ = scale_from_json(&format!("{prefix}{text}"));
    }

    #[test]
    fn bands_that_validate_cover_the_line_once(
        raw in proptest::collection::vec((proptest::option::of(-50i64..50), proptest::option::of(-50i64..50)), 1..5),
        probes in proptest::collection::vec(-60i64..60, 1..40),
    ) {
        let mut s = sample();
        s.categories[0].factors[1].bands = raw.iter().map(|(a, b)| band(*a, *b, 1)).collect();
        if validate_scale(&s).is_empty() {
            let bands = &s.categories[0].factors[1].bands;
            for p in probes {
                for v in [Dec::int(p), Dec(p * Dec::SCALE + 1), Dec(p * Dec::SCALE - 1)] {
                    prop_assert_eq!(bands.iter().filter(|b| b.contains(v)).count(), 1, "{:?} at {}", bands, v);
                }
            }
        }
    }

    #[test]
    fn arbitrary_dec_values_survive_the_file(d in arb_dec()) {
        let mut s = sample();
        s.categories[0].factors[1].bands[1].max = Some(d);
        let back = scale_from_json(&scale_to_json(&s));
        prop_assert_eq!(back.map(|b| b.categories[0].factors[1].bands[1].max), Ok(Some(d)));
    }
}

mod workspace_and_edits {
    use super::*;
    use sandtable_core::edit::{Edit, EditError, History, apply};
    use sandtable_core::grading::RatingChange;
    use sandtable_core::{Entity, workspace_from_json, workspace_to_json};

    const FIXTURE: &str = include_str!("fixtures/workspace-v1.json");

    #[test]
    fn a_workspace_without_grading_writes_no_grading_field() {
        let (ws, _) = workspace_from_json(FIXTURE).expect("fixture loads");
        assert!(ws.grading.is_empty());
        let json = workspace_to_json(&ws);
        assert!(!json.contains("grading"));
        let (again, _) = workspace_from_json(&json).expect("reads");
        assert_eq!(workspace_to_json(&again), json);
    }

    #[test]
    fn grading_survives_the_workspace_file() {
        let mut ws = workspace(&[("C1", "10")]);
        ws.id = "w".into();
        ws.grading.scales = vec![sample(), Template::KaStore.scale(Lang::En)];
        ws.grading.active = Some("s1".into());
        rate(&mut ws.grading.ratings, "C1", "合作", "A");
        ws.grading.ge = Some(GeConfig::starter());
        ws.grading.profit = Some(ProfitConfig::default());
        ws.grading.policies = default_policies(Lang::Zh);
        let (back, issues) = workspace_from_json(&workspace_to_json(&ws)).expect("reads");
        assert!(!sandtable_core::has_errors(&issues));
        assert_eq!(back, ws);
        assert_eq!(
            back.grading.active_scale().map(|s| s.id.as_str()),
            Some("s1")
        );
    }

    #[test]
    fn every_grading_edit_undoes_and_redoes() {
        let mut ws = Workspace::default();
        let mut h = History::new(100);
        let mut edited = sample();
        edited.name = "改".into();
        let edits = [
            Edit::Grading(GradingEdit::PutScale { scale: sample() }),
            Edit::Grading(GradingEdit::PutScale {
                scale: Template::CoreDistributor.scale(Lang::Zh),
            }),
            Edit::Grading(GradingEdit::PutScale { scale: edited }),
            Edit::Grading(GradingEdit::SetActiveScale {
                id: Some("s1".into()),
            }),
            Edit::Grading(GradingEdit::rating("C1", "合作", Some("A"))),
            Edit::Grading(GradingEdit::rating("C1", "合作", Some("B"))),
            Edit::Grading(GradingEdit::SetRatings {
                changes: vec![
                    RatingChange {
                        customer: "C2".into(),
                        factor: "信任".into(),
                        grade: Some("C".into()),
                    },
                    RatingChange {
                        customer: "C2".into(),
                        factor: "信任".into(),
                        grade: Some("A".into()),
                    },
                    RatingChange {
                        customer: "C1".into(),
                        factor: "合作".into(),
                        grade: None,
                    },
                ],
            }),
            Edit::Grading(GradingEdit::SetGeConfig {
                config: Some(GeConfig::starter()),
            }),
            Edit::Grading(GradingEdit::SetProfitConfig {
                config: Some(ProfitConfig::default()),
            }),
            Edit::Grading(GradingEdit::SetPolicies {
                policies: default_policies(Lang::En),
            }),
            Edit::Grading(GradingEdit::RemoveScale { id: "s1".into() }),
        ];
        let mut states = vec![ws.clone()];
        for e in &edits {
            assert_eq!(h.apply(&mut ws, e), Ok(()), "{e:?}");
            states.push(ws.clone());
        }
        assert_eq!(ws.grading.scales.len(), 1);
        assert_eq!(ws.grading.ratings.len(), 1);
        assert_eq!(ws.grading.ratings["C2"]["信任"], "A");
        for expected in states.iter().rev().skip(1) {
            assert!(h.undo(&mut ws));
            assert_eq!(&ws, expected);
        }
        assert!(ws.grading.is_empty());
        for expected in states.iter().skip(1) {
            assert!(h.redo(&mut ws));
            assert_eq!(&ws, expected);
        }
    }

    /// A policy with 40 visits a month, a share above 100 % or no grade is refused and the
    /// stored policies stay as they were.
    #[test]
    fn bad_service_policies_are_refused_without_change() {
        let mut ws = Workspace::default();
        let good = default_policies(Lang::Zh);
        assert!(
            apply(
                &mut ws,
                &Edit::Grading(GradingEdit::SetPolicies {
                    policies: good.clone()
                })
            )
            .is_ok()
        );
        let mut visits = good.clone();
        visits[0].visits_per_month = Dec::int(40);
        let mut share = good.clone();
        share[1].resource_share = Dec::int(101);
        let mut blank = good.clone();
        blank[2].grade = " ".into();
        for (bad, said) in [
            (visits, "拜访次数/月须在 0–31 之间。"),
            (share, "资源占比须在 0–100% 之间。"),
            (blank, "等级不能为空。请输入内容后再保存。"),
        ] {
            let err = apply(
                &mut ws,
                &Edit::Grading(GradingEdit::SetPolicies { policies: bad }),
            );
            assert_eq!(
                err.err().map(|e| e.message(Lang::Zh)).as_deref(),
                Some(said)
            );
            assert_eq!(ws.grading.policies, good);
        }
    }

    #[test]
    fn bad_grading_edits_are_refused_without_change() {
        let mut ws = Workspace::default();
        let mut blank = sample();
        blank.id = " ".into();
        assert_eq!(
            apply(
                &mut ws,
                &Edit::Grading(GradingEdit::PutScale { scale: blank })
            ),
            Err(EditError::Empty { field: "id" })
        );
        let err = apply(
            &mut ws,
            &Edit::Grading(GradingEdit::RemoveScale { id: "s9".into() }),
        );
        assert_eq!(
            err.clone().err().map(|e| e.message(Lang::Zh)).as_deref(),
            Some("找不到编号为“s9”的量表，可能已被删除。请刷新后重试。")
        );
        assert!(
            apply(
                &mut ws,
                &Edit::Grading(GradingEdit::PutScale { scale: sample() })
            )
            .is_ok()
        );
        let err = apply(
            &mut ws,
            &Edit::Grading(GradingEdit::InsertScale {
                index: 0,
                scale: sample(),
            }),
        );
        assert_eq!(
            err,
            Err(EditError::DuplicateId {
                what: Entity::Scale,
                id: "s1".into()
            })
        );
        assert_eq!(
            err.err().map(|e| e.message(Lang::En)).as_deref(),
            Some("There is already a scale with the id \"s1\".")
        );
        assert_eq!(
            apply(
                &mut ws,
                &Edit::Grading(GradingEdit::rating("", "合作", Some("A")))
            ),
            Err(EditError::Empty { field: "id" })
        );
        assert_eq!(ws.grading.scales.len(), 1);
        assert!(ws.grading.ratings.is_empty());
    }

    #[test]
    fn a_ratings_file_imports_as_one_edit() {
        let (r, problems) = ratings_from_csv("customer,factor,grade\nC1,合作,A\nC2,合作,B\n");
        assert_eq!(problems, []);
        let mut ws = Workspace::default();
        rate(&mut ws.grading.ratings, "C3", "信任", "C");
        let mut h = History::new(10);
        assert_eq!(
            h.apply(&mut ws, &Edit::Grading(GradingEdit::import_ratings(&r))),
            Ok(())
        );
        assert_eq!(
            ratings_to_csv(&ws.grading.ratings),
            "customer,factor,grade\nC1,合作,A\nC2,合作,B\nC3,信任,C\n"
        );
        assert!(h.undo(&mut ws));
        assert_eq!(
            ratings_to_csv(&ws.grading.ratings),
            "customer,factor,grade\nC3,信任,C\n"
        );
    }
}

mod compare_and_merge {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn personal_and_company_scales_give_a_confusion_matrix_and_movers() {
        let ws = workspace(&[
            ("C1", "500000"),
            ("C2", "499999.99"),
            ("C3", "100000"),
            ("C4", "0"),
            ("C5", "1"),
        ]);
        let m = compute_metrics(&ws);
        let mut r = Ratings::new();
        for (c, a, b) in [
            ("C1", "B", "A"),
            ("C2", "C", "B"),
            ("C3", "A", "C"),
            ("C4", "A", "B"),
        ] {
            rate(&mut r, c, "合作", a);
            rate(&mut r, c, "信任", b);
        }
        let personal = sample();
        // The company weighs size (合作 + 销售额) 80 % and relationship 20 %.
        let mut company = sample();
        company.id = "s2".into();
        company.categories[0].weight = Dec::int(80);
        company.categories[1].weight = Dec::int(20);
        assert_eq!(validate_scale(&company), []);
        let sa = score_customers(&personal, &m, &r);
        let sb = score_customers(&company, &m, &r);
        // Company scores: C1 80×0.8+20 = 84 A; C2 80×0.4+12 = 44 C; C3 80×0.8+0 = 64 B;
        // C4 80×0.6+12 = 60 B. Personal: A, C, C, B. C5 is unrated on both.
        let c = compare(&personal, &sa, &company, &sb);
        assert_eq!(c.cells, [[1, 0, 0], [0, 1, 0], [0, 1, 1]]);
        assert_eq!((c.same, c.unrated), (3, 1));
        assert_eq!(c.movers.len(), 1);
        let mv = &c.movers[0];
        assert_eq!(
            (
                mv.customer.as_str(),
                mv.grade_a.as_str(),
                mv.grade_b.as_str(),
                mv.shift
            ),
            ("C3", "C", "B", 1)
        );
        assert_eq!((mv.score_a, mv.score_b), (Dec::int(32), Dec::int(64)));
        let total: usize = c.cells.iter().flatten().sum();
        assert_eq!(total + c.unrated, 5);
    }

    #[test]
    fn merge_takes_each_field_from_the_chosen_side() {
        let a = sample();
        let mut b = sample();
        b.id = "s2".into();
        b.name = "公司版".into();
        b.categories[0].weight = Dec::int(80);
        b.categories[1].weight = Dec::int(20);
        b.categories[0].factors[1].bands[1].max = Some(Dec::int(800_000));
        b.categories[0].factors[1].bands[2].min = Some(Dec::int(800_000));
        b.categories[1].factors.push(Factor {
            name: "回款".into(),
            weight: Dec::ZERO,
            levels: vec![level("A", 1)],
            ..Factor::default()
        });
        b.grades[1].min_score = Dec::int(65);
        let d = differences(&a, &b);
        let keys: Vec<&str> = d.iter().map(|x| x.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "name",
                "grade/B",
                "category/规模/weight",
                "factor/规模/销售额/definition",
                "category/关系/weight",
                "factor/关系/回款",
            ]
        );
        assert_eq!(
            (d[1].a.as_deref(), d[1].b.as_deref()),
            (Some("60"), Some("65"))
        );
        assert_eq!(d[5].a, None);
        assert_eq!(d[5].kind, FieldKind::Factor);
        // Nothing chosen: A itself.
        assert_eq!(merge(&a, &b, &BTreeMap::new()), a);
        // Everything from B: B itself (with A's id).
        let all_b: BTreeMap<String, Side> = d.iter().map(|x| (x.key.clone(), Side::B)).collect();
        let mut expected = b.clone();
        expected.id = a.id.clone();
        assert_eq!(merge(&a, &b, &all_b), expected);
        // A mix: B's bands and grade B, A's weights and name.
        let mix: BTreeMap<String, Side> = [
            ("factor/规模/销售额/definition", Side::B),
            ("grade/B", Side::B),
        ]
        .into_iter()
        .map(|(k, s)| (k.to_string(), s))
        .collect();
        let merged = merge(&a, &b, &mix);
        assert_eq!(validate_scale(&merged), []);
        assert_eq!(merged.name, "样例");
        assert_eq!(merged.categories[0].weight, Dec::int(40));
        assert_eq!(
            merged.categories[0].factors[1].bands[2].min,
            Some(Dec::int(800_000))
        );
        assert_eq!(merged.grades[1].min_score, Dec::int(65));
        assert_eq!(differences(&merged, &merge(&a, &b, &mix)), []);
    }
}

mod ge_and_profit {
    use super::*;
    use sandtable_core::{Customer, CustomerKind};

    #[test]
    fn ge_places_every_customer_and_boundaries_go_up() {
        // One factor with points 0, 333, 667, 1000 of 1000: values 0, 33.3, 66.7, 100.
        let mut s = sample();
        s.categories[1].factors[0].levels = vec![
            level("A", 1000),
            level("B", 667),
            level("C", 333),
            level("D", 0),
        ];
        let ws = workspace(&[
            ("C1", "1"),
            ("C2", "2"),
            ("C3", "3"),
            ("C4", "4"),
            ("C5", "5"),
        ]);
        let m = compute_metrics(&ws);
        let mut r = Ratings::new();
        for (c, g) in [("C1", "D"), ("C2", "C"), ("C3", "B"), ("C4", "A")] {
            rate(&mut r, c, "信任", g);
        }
        let config = GeConfig {
            scale: None,
            attractiveness: vec![GeInput {
                source: GeSource::Factor {
                    name: "信任".into(),
                },
                weight: Dec::int(1),
            }],
            strength: vec![GeInput {
                source: GeSource::Metric {
                    metric: Metric::Amount12m,
                },
                weight: Dec::int(3),
            }],
        };
        let points = ge_matrix(&config, Some(&s), &m, &r);
        assert_eq!(points.len(), 5);
        let got: Vec<(String, String, GeLevel, GeLevel, GeStrategy)> = points
            .iter()
            .map(|p| {
                (
                    p.attractiveness.to_string(),
                    p.strength.to_string(),
                    p.row,
                    p.column,
                    p.strategy,
                )
            })
            .collect();
        use GeLevel::*;
        assert_eq!(
            got,
            [
                ("0".into(), "0".into(), Low, Low, GeStrategy::HarvestDivest),
                (
                    "33.3".into(),
                    "25".into(),
                    Medium,
                    Low,
                    GeStrategy::HarvestDivest
                ),
                (
                    "66.7".into(),
                    "50".into(),
                    High,
                    Medium,
                    GeStrategy::InvestGrow
                ),
                (
                    "100".into(),
                    "75".into(),
                    High,
                    High,
                    GeStrategy::InvestGrow
                ),
                ("0".into(), "100".into(), Low, High, GeStrategy::Selective),
            ]
        );
        assert_eq!(points[4].missing, ["信任"]);
        // Not rated on 信任: not placed, so in no cell (never at 0 attractiveness).
        assert!(!points[4].placed());
        assert!(points[..4].iter().all(GePoint::placed));
        assert_eq!(points[3].revenue, Dec::int(4));
        let cells = ge_cells(&points);
        assert_eq!(cells[2][2], (1, Dec::int(4)));
        assert_eq!(
            cells[0][2].0, 0,
            "the unrated customer is not in the low-attractiveness cell"
        );
        assert_eq!(cells.iter().flatten().map(|c| c.0).sum::<usize>(), 4);
    }

    fn costed(rows: &[(&str, &str, i64, i64)]) -> Workspace {
        let mut b = LedgerBuilder::new();
        for (customer, product, amount, cost) in rows {
            b.push_row(&Row {
                date: Date::parse_iso("2024-03-01").unwrap_or_default(),
                customer,
                product,
                region: "R1",
                salesperson: "S1",
                channel: "x",
                quantity: Money(10_000),
                amount: Money::from_units(*amount).unwrap_or_default(),
                cost: Money::from_units(*cost),
                order_id: "",
            });
        }
        Workspace {
            datasets: vec![Dataset {
                id: "d".into(),
                ledger: b.finish(),
                ..Dataset::default()
            }],
            ..Workspace::default()
        }
    }

    #[test]
    fn profitability_cells_sum_to_the_totals_and_cost_to_serve_is_hand_worked() {
        // P1 GM 50 % (class ≥ 40), P2 GM 30 % (25–40), P3 GM 5 % (< 10).
        let mut ws = costed(&[
            ("C1", "P1", 1000, 500),
            ("C1", "P2", 1000, 700),
            ("C2", "P2", 2000, 1400),
            ("C2", "P3", 1000, 950),
            ("C3", "P1", 100, 50),
        ]);
        ws.customers.push(Customer {
            id: "C2".into(),
            name: "KA".into(),
            region: "R1".into(),
            kind: CustomerKind::KeyAccount,
            tier: None,
        });
        let m = compute_metrics(&ws);
        let scale = Scale {
            categories: vec![Category {
                name: "c".into(),
                weight: Dec::HUNDRED,
                factors: vec![Factor {
                    name: "f".into(),
                    weight: Dec::HUNDRED,
                    levels: vec![level("A", 10), level("B", 6), level("C", 2)],
                    ..Factor::default()
                }],
            }],
            ..sample()
        };
        let mut r = Ratings::new();
        rate(&mut r, "C1", "f", "A");
        rate(&mut r, "C2", "f", "B");
        let scores = score_customers(&scale, &m, &r);
        let config = ProfitConfig {
            cost_to_serve: CostToServe {
                rebate_pct: Dec::int(2),
                logistics_pct: Dec(15_000),
                cost_per_visit: Money::from_units(10).unwrap_or_default(),
                receivable_days: Dec::int(73),
                interest_rate_pct: Dec::int(5),
                ka_fee: Money::from_units(40).unwrap_or_default(),
            },
            ..ProfitConfig::default()
        };
        let pm = profit_matrix(
            &ws,
            &m,
            &scores,
            &scale.grade_labels(),
            &config,
            &default_policies(Lang::Zh),
        );
        assert_eq!(pm.classes, ["≥ 40%", "25–40%", "10–25%", "< 10%"]);
        assert_eq!(
            pm.grades,
            [Some("A".into()), Some("B".into()), Some("C".into()), None]
        );
        let cell = |c: usize, g: usize| {
            let x = pm.cells[c][g];
            (
                x.revenue.to_decimal_string(),
                x.gross_profit.to_decimal_string(),
                x.gp_pct.map(|p| p.to_string()),
            )
        };
        assert_eq!(cell(0, 0), ("1000".into(), "500".into(), Some("50".into())));
        assert_eq!(cell(1, 1), ("2000".into(), "600".into(), Some("30".into())));
        assert_eq!(cell(3, 1), ("1000".into(), "50".into(), Some("5".into())));
        assert_eq!(cell(0, 3), ("100".into(), "50".into(), Some("50".into())));
        assert_eq!(cell(2, 2), ("0".into(), "0".into(), None));
        let sum = |cells: &mut dyn Iterator<Item = &ProfitCell>| {
            cells.fold((0i64, 0i64), |(r, g), c| {
                (r + c.revenue.0, g + c.gross_profit.0)
            })
        };
        for (ci, row) in pm.cells.iter().enumerate() {
            let t = pm.class_totals[ci];
            assert_eq!(sum(&mut row.iter()), (t.revenue.0, t.gross_profit.0));
        }
        for gi in 0..pm.grades.len() {
            let t = pm.grade_totals[gi];
            assert_eq!(
                sum(&mut pm.cells.iter().map(|r| &r[gi])),
                (t.revenue.0, t.gross_profit.0)
            );
        }
        assert_eq!(
            sum(&mut pm.class_totals.iter()),
            (pm.total.revenue.0, pm.total.gross_profit.0)
        );
        assert_eq!(pm.total.revenue.to_decimal_string(), "5100");
        assert_eq!(
            pm.total.gp_pct.map(|p| p.to_string()).as_deref(),
            Some("29.4118")
        );
        // C2 (grade B, KA): revenue 3000, GP 650; rebates 2 % = 60, logistics 1.5 % = 45,
        // visits 2 × 12 = 24 × 10 = 240, credit 73/365 × 3000 × 5 % = 30, KA fees 40:
        // cost to serve 415, profit 235.
        let c2 = &pm.customers[1];
        let money = |m: Money| m.to_decimal_string();
        assert_eq!(
            (
                money(c2.revenue),
                money(c2.gross_profit),
                money(c2.rebates),
                money(c2.logistics)
            ),
            ("3000".into(), "650".into(), "60".into(), "45".into())
        );
        assert_eq!(c2.visits, Dec::int(24));
        assert_eq!(
            (
                money(c2.visit_cost),
                money(c2.credit_cost),
                money(c2.ka_fees),
                money(c2.cost_to_serve),
                money(c2.profit)
            ),
            (
                "240".into(),
                "30".into(),
                "40".into(),
                "415".into(),
                "235".into()
            )
        );
        // C3 is unrated: no policy, no visits; not KA.
        assert_eq!(
            (pm.customers[2].visits, pm.customers[2].ka_fees),
            (Dec::ZERO, Money::ZERO)
        );
        assert!(pm.has_cost);
    }

    #[test]
    fn user_defined_classes() {
        let ws = costed(&[
            ("C1", "P1", 100, 50),
            ("C1", "P2", 100, 90),
            ("C1", "P3", 10, 1),
        ]);
        let m = compute_metrics(&ws);
        let config = ProfitConfig {
            classes: ProductClassRule::Custom {
                products: [("P1", "核心"), ("P2", "引流")]
                    .into_iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
            },
            ..ProfitConfig::default()
        };
        let pm = profit_matrix(&ws, &m, &[], &[], &config, &[]);
        assert_eq!(pm.classes, ["引流", "核心", ""]);
        assert_eq!(
            pm.class_totals[2].revenue,
            Money::from_units(10).unwrap_or_default()
        );
        assert_eq!(pm.product_class["P1"], 1);
    }
}

#[test]
fn every_released_scale_fixture_loads_and_validates() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scales");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures folder") {
        let path = entry.expect("fixture entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("fixture text");
            let scale =
                scale_from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(validate_scale(&scale), [], "{}", path.display());
            assert_eq!(scale_from_json(&scale_to_json(&scale)), Ok(scale));
            count += 1;
        }
    }
    assert!(count >= 1);
}

mod invariants {
    use super::*;

    fn random_ledger() -> impl Strategy<Value = Vec<(i32, u8, u8, i64, i64, u8)>> {
        // (day offset, customer, product, amount, cost, order)
        proptest::collection::vec(
            (0i32..900, 0u8..6, 0u8..5, -500i64..5000, 0i64..4000, 0u8..4),
            0..60,
        )
    }

    fn build(rows: &[(i32, u8, u8, i64, i64, u8)], with_cost: bool) -> Workspace {
        let start = Date::parse_iso("2022-01-01").unwrap_or_default();
        let mut b = LedgerBuilder::new();
        for (day, c, p, amount, cost, order) in rows {
            let customer = format!("C{c}");
            let product = format!("P{p}");
            let order = if *order == 0 {
                String::new()
            } else {
                format!("O{order}")
            };
            b.push_row(&Row {
                date: start.add_days(*day),
                customer: &customer,
                product: &product,
                region: "R",
                salesperson: "S",
                channel: "x",
                quantity: Money(10_000),
                amount: Money::from_units(*amount).unwrap_or_default(),
                cost: with_cost.then(|| Money::from_units(*cost).unwrap_or_default()),
                order_id: &order,
            });
        }
        Workspace {
            datasets: vec![Dataset {
                id: "d".into(),
                ledger: b.finish(),
                ..Dataset::default()
            }],
            ..Workspace::default()
        }
    }

    proptest! {
        #[test]
        fn metrics_add_up_to_the_ledger_window(rows in random_ledger(), with_cost in any::<bool>()) {
            let ws = build(&rows, with_cost);
            let m = compute_metrics(&ws);
            let l = &ws.datasets[0].ledger;
            let Some((from, to)) = m.window else {
                prop_assert!(rows.is_empty());
                return Ok(());
            };
            let window_total: i64 = l
                .date
                .iter()
                .zip(&l.amount)
                .filter(|(d, _)| **d >= from && **d <= to)
                .map(|(_, a)| a.0)
                .sum();
            let metric_total: i64 = m.values.iter().map(|v| v[Metric::Amount12m.index()].0).sum();
            prop_assert_eq!(metric_total, window_total);
            for v in &m.values {
                prop_assert!(v[Metric::ActiveMonths12m.index()] <= Dec::int(12));
                prop_assert!(v[Metric::Orders12m.index()] >= Dec::ZERO);
            }
            prop_assert_eq!(from.day(), 1);
            prop_assert_eq!(to.month_index() - from.month_index(), 11);
        }

        #[test]
        fn profitability_cells_always_sum_to_the_totals(rows in random_ledger(), rated in proptest::collection::vec(0u8..4, 6)) {
            let ws = build(&rows, true);
            let m = compute_metrics(&ws);
            let scale = Template::KaStore.scale(Lang::Zh);
            let mut r = Ratings::new();
            for (i, g) in rated.iter().enumerate() {
                if *g < 3 {
                    let level = ["A", "B", "C"][*g as usize];
                    rate(&mut r, &format!("C{i}"), "门店业态", level);
                    rate(&mut r, &format!("C{i}"), "费用条件", level);
                    rate(&mut r, &format!("C{i}"), "陈列资源", level);
                }
            }
            let scores = score_customers(&scale, &m, &r);
            let pm = profit_matrix(&ws, &m, &scores, &scale.grade_labels(), &ProfitConfig::default(), &default_policies(Lang::Zh));
            let mut by_grade = vec![(0i64, 0i64); pm.grades.len()];
            let mut all = (0i64, 0i64);
            for (ci, row) in pm.cells.iter().enumerate() {
                let mut sum = (0i64, 0i64);
                for (gi, c) in row.iter().enumerate() {
                    sum.0 += c.revenue.0;
                    sum.1 += c.gross_profit.0;
                    by_grade[gi].0 += c.revenue.0;
                    by_grade[gi].1 += c.gross_profit.0;
                }
                prop_assert_eq!(sum, (pm.class_totals[ci].revenue.0, pm.class_totals[ci].gross_profit.0));
                all.0 += sum.0;
                all.1 += sum.1;
            }
            for (gi, t) in pm.grade_totals.iter().enumerate() {
                prop_assert_eq!(by_grade[gi], (t.revenue.0, t.gross_profit.0));
            }
            prop_assert_eq!(all, (pm.total.revenue.0, pm.total.gross_profit.0));
            let customer_revenue: i64 = pm.customers.iter().map(|c| c.revenue.0).sum();
            prop_assert_eq!(customer_revenue, pm.total.revenue.0);
            let window_amount: i64 = m.values.iter().map(|v| v[Metric::Amount12m.index()].0).sum();
            prop_assert_eq!(pm.total.revenue.0, window_amount);
            for c in &pm.customers {
                prop_assert_eq!(c.profit.0, c.gross_profit.0 - c.cost_to_serve.0);
            }
        }

        #[test]
        fn every_customer_is_on_the_ge_matrix_and_each_placed_one_in_a_cell(rows in random_ledger()) {
            let ws = build(&rows, true);
            let m = compute_metrics(&ws);
            let points = ge_matrix(&GeConfig::starter(), Some(&Template::CoreDistributor.scale(Lang::Zh)), &m, &Ratings::new());
            prop_assert_eq!(points.len(), m.customers.len());
            for p in &points {
                prop_assert!(p.attractiveness >= Dec::ZERO && p.attractiveness <= Dec::HUNDRED);
                prop_assert!(p.strength >= Dec::ZERO && p.strength <= Dec::HUNDRED);
                prop_assert_eq!(p.row, GeLevel::of(p.attractiveness));
            }
            let cells = ge_cells(&points);
            let placed = points.iter().filter(|p| p.placed()).count();
            prop_assert_eq!(cells.iter().flatten().map(|c| c.0).sum::<usize>(), placed);
            for p in &points {
                prop_assert_eq!(p.placed(), p.missing.is_empty());
            }
        }
    }
}

#[test]
fn issues_say_which_wizard_step_they_belong_to() {
    let mut s = sample();
    s.name = String::new();
    s.categories[0].weight = Dec::int(30);
    s.categories[0].factors[0].weight = Dec::int(-50);
    s.grades[2].min_score = Dec::int(5);
    let areas: Vec<ScaleArea> = validate_scale(&s).iter().map(ScaleIssue::area).collect();
    assert_eq!(
        areas,
        [
            ScaleArea::Scale,
            ScaleArea::Factors,
            ScaleArea::Factors,
            ScaleArea::Categories,
            ScaleArea::Grades
        ]
    );
}

#[test]
fn ratings_follow_a_renamed_factor_and_undo() {
    use sandtable_core::edit::History;
    let mut ws = Workspace::default();
    rate(&mut ws.grading.ratings, "C1", "合作", "A");
    rate(&mut ws.grading.ratings, "C1", "信任", "B");
    rate(&mut ws.grading.ratings, "C2", "合作", "C");
    let before = ws.clone();
    assert_eq!(
        GradingEdit::rename_factor_ratings(&ws.grading.ratings, "无", "新"),
        None
    );
    assert_eq!(
        GradingEdit::rename_factor_ratings(&ws.grading.ratings, "合作", "合作"),
        None
    );
    let edit = GradingEdit::rename_factor_ratings(&ws.grading.ratings, "合作", "合作意愿")
        .expect("an edit");
    let mut h = History::new(5);
    assert_eq!(h.apply(&mut ws, &edit.into()), Ok(()));
    assert_eq!(
        ratings_to_csv(&ws.grading.ratings),
        "customer,factor,grade\nC1,信任,B\nC1,合作意愿,A\nC2,合作意愿,C\n"
    );
    assert!(h.undo(&mut ws));
    assert_eq!(ws, before);
}
