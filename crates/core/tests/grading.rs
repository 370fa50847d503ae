//! Grading scales: hand-worked scores, every validation rule's message, the scale file's
//! hostile inputs, and property tests (round trip, no panics, bands cover the line once).

use proptest::prelude::*;
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
