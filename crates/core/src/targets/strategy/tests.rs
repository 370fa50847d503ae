use super::*;

fn goal(text: &str, node: Option<TreeNode>) -> Goal {
    Goal {
        text: text.into(),
        node,
        target: String::new(),
    }
}

fn measure(strategy: usize, owner: &str, due: Option<Date>) -> MeasureItem {
    MeasureItem {
        strategy,
        kpi: "新增网点数".into(),
        target: "120".into(),
        owner: owner.into(),
        due,
    }
}

#[test]
fn an_empty_strategy_has_no_gaps_and_a_started_one_needs_an_objective() {
    assert_eq!(validate(&Strategy::default()), []);
    let s = Strategy {
        goals: vec![goal("销售额 1.2 亿", Some(TreeNode::Revenue))],
        ..Strategy::default()
    };
    assert_eq!(
        validate(&s),
        [
            StrategyIssue::NoObjective,
            StrategyIssue::GoalWithoutStrategy { goal: 0 }
        ]
    );
}

#[test]
fn every_goal_needs_a_strategy_and_every_strategy_a_measure_with_owner_and_date() {
    let due = Date::from_ymd(2027, 6, 30);
    let mut s = Strategy {
        objective: "成为华东第一".into(),
        goals: vec![
            goal("销售额 1.2 亿", Some(TreeNode::Revenue)),
            goal("活跃客户 +37", None),
        ],
        strategies: vec![
            StrategyItem {
                text: "开发社区店".into(),
                p: Some(FourP::Place),
                goals: vec![0],
            },
            StrategyItem {
                text: "新品上市".into(),
                p: None,
                goals: vec![],
            },
        ],
        measures: vec![measure(0, "张三", due), measure(1, " ", None)],
        ..Strategy::default()
    };
    assert_eq!(
        validate(&s),
        [
            StrategyIssue::GoalWithoutStrategy { goal: 1 },
            StrategyIssue::GoalWithoutNode { goal: 1 },
            StrategyIssue::StrategyWithoutP { strategy: 1 },
            StrategyIssue::StrategyWithoutGoal { strategy: 1 },
            StrategyIssue::MeasureWithoutOwner { measure: 1 },
            StrategyIssue::MeasureWithoutDate { measure: 1 },
        ]
    );
    s.goals[1].node = Some(TreeNode::ActiveCustomers);
    s.strategies[1].p = Some(FourP::Product);
    s.strategies[1].goals = vec![1];
    s.measures[1].owner = "李四".into();
    s.measures[1].due = due;
    assert_eq!(validate(&s), []);
    assert!(
        StrategyIssue::MeasureWithoutDate { measure: 1 }
            .message(Lang::Zh)
            .contains("M2")
    );
}

#[test]
fn removing_a_goal_or_a_strategy_renumbers_the_links() {
    let mut s = Strategy {
        objective: "o".into(),
        goals: vec![goal("a", None), goal("b", None), goal("c", None)],
        strategies: vec![
            StrategyItem {
                text: "x".into(),
                p: None,
                goals: vec![0, 1, 2],
            },
            StrategyItem {
                text: "y".into(),
                p: None,
                goals: vec![2],
            },
        ],
        measures: vec![measure(0, "a", None), measure(1, "b", None)],
        ..Strategy::default()
    };
    remove_goal(&mut s, 1);
    assert_eq!(s.strategies[0].goals, [0, 1]);
    assert_eq!(s.strategies[1].goals, [1]);
    remove_strategy(&mut s, 0);
    assert_eq!(s.strategies.len(), 1);
    assert_eq!(s.measures.len(), 1);
    assert_eq!(s.measures[0].strategy, 0);
    assert_eq!(s.measures[0].owner, "b");
    assert!(
        validate(&s)
            .iter()
            .all(|i| !matches!(i, StrategyIssue::BrokenLink { .. }))
    );
}

#[test]
fn tows_links_must_point_at_items_of_the_quadrants_they_cross() {
    let mut s = Strategy {
        swot: vec![
            SwotItem {
                kind: SwotKind::Strength,
                text: "渠道深".into(),
            },
            SwotItem {
                kind: SwotKind::Threat,
                text: "竞品降价".into(),
            },
            SwotItem {
                kind: SwotKind::Opportunity,
                text: "社区团购".into(),
            },
        ],
        tows: vec![TowsItem {
            kind: TowsKind::So,
            text: "用渠道优势做社区团购".into(),
            from: vec![0, 2],
        }],
        ..Strategy::default()
    };
    assert_eq!(validate(&s), []);
    s.tows[0].from.push(1);
    s.tows[0].from.push(9);
    assert_eq!(
        validate(&s),
        [
            StrategyIssue::BrokenLink {
                at: "tows[0].from[2]".into()
            },
            StrategyIssue::BrokenLink {
                at: "tows[0].from[3]".into()
            },
        ]
    );
    s.tows[0].from.truncate(2);
    remove_swot(&mut s, 1);
    assert_eq!(
        s.tows[0].from,
        [0, 1],
        "the opportunity moves up to index 1"
    );
    assert_eq!(validate(&s), []);
}

#[test]
fn execution_items_need_an_owner() {
    let s = Strategy {
        execution: vec![ExecutionItem {
            area: ExecutionArea::RetailCoverage,
            text: "新增网点".into(),
            number: "120 家".into(),
            owner: String::new(),
            done: false,
        }],
        ..Strategy::default()
    };
    assert_eq!(
        validate(&s),
        [StrategyIssue::ExecutionWithoutOwner { item: 0 }]
    );
    for a in ExecutionArea::ALL {
        assert_eq!(ExecutionArea::from_code(a.code()), Some(a));
    }
    for p in FourP::ALL {
        assert_eq!(FourP::from_code(p.code()), Some(p));
    }
}

#[test]
fn the_layer_reads_and_writes_as_json() {
    let s = Strategy {
        objective: "o".into(),
        measures: vec![measure(0, "a", Date::from_ymd(2027, 3, 31))],
        execution: vec![ExecutionItem {
            area: ExecutionArea::Supply,
            text: "安全库存".into(),
            number: String::new(),
            owner: "王五".into(),
            done: true,
        }],
        ..Strategy::default()
    };
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains("\"area\":\"supply\""), "{json}");
    assert!(json.contains("\"done\":true"), "{json}");
    assert_eq!(serde_json::from_str::<Strategy>(&json).unwrap(), s);
    assert!(Strategy::default().is_empty());
}
