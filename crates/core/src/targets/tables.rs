//! The plan and its tracking as report tables (for the app's tables, CSV and XLSX): one table
//! for the months and one per planned dimension, with every column's unit in its title.

use super::basis::SplitDim;
use super::{Allocation, Plan, Tracking, dim_label};
use crate::export::{Cell, Column, ColumnKind, Table};
use crate::review::{Dim, Measure};
use crate::{Lang, Money};

/// How a measure's values are shown: money with ¥ and 万, quantities as plain numbers.
pub fn measure_kind(measure: Measure) -> ColumnKind {
    match measure {
        Measure::Quantity => ColumnKind::Number,
        _ => ColumnKind::Money,
    }
}

/// A value of `measure` as a cell of a [`measure_kind`] column.
pub fn measure_cell(x: Money, measure: Measure) -> Cell {
    match measure {
        Measure::Quantity => Cell::Number(x.to_f64()),
        _ => Cell::Money(x),
    }
}

fn ratio(x: Option<f64>) -> Cell {
    x.map_or(Cell::Missing("—".into()), Cell::Number)
}

fn share(part: Money, whole: Money) -> Cell {
    if whole.0 == 0 {
        Cell::Missing("—".into())
    } else {
        Cell::Number(part.0 as f64 / whole.0 as f64)
    }
}

/// Growth of the target over the base (`新增` when the base is 0 and the target is not).
fn growth(target: Money, base: Money, lang: Lang) -> Cell {
    match (base.0, target.0) {
        (0, 0) => Cell::Missing("—".into()),
        (b, _) if b <= 0 => Cell::Missing(lang.pick("新增", "new").into()),
        (b, t) => Cell::Number((t - b) as f64 / b as f64),
    }
}

fn lock_cell(locked: bool, lang: Lang) -> Cell {
    Cell::text(if locked {
        lang.pick("锁定", "locked")
    } else {
        ""
    })
}

/// The plan's targets: the months (with last year's months beside them, when given), then
/// every planned dimension, the weeks, the bridge and the strategy. `last_year` is last year's
/// value of each month.
pub fn plan_tables(plan: &Plan, a: &Allocation, last_year: &[Money], lang: Lang) -> Vec<Table> {
    let mut out = Vec::with_capacity(2 + a.dims.len());
    out.push(split_table(plan, a, SplitDim::Month, last_year, lang));
    for d in &a.dims {
        out.push(split_table(
            plan,
            a,
            SplitDim::Member(d.dim),
            last_year,
            lang,
        ));
    }
    out.push(weeks_table(plan, a, lang));
    if let Some(target) = plan.total
        && !plan.bridge.is_empty()
    {
        let start = last_year.iter().copied().sum();
        out.push(bridge_table(
            plan,
            &super::bridge(start, target, &plan.bridge),
            lang,
        ));
    }
    out.extend(strategy_tables(plan, lang));
    out
}

/// One dimension's split as a table: the months (with `last_year`'s months beside them) or a
/// planned dimension's members; empty when the dimension is not planned.
pub fn split_table(
    plan: &Plan,
    a: &Allocation,
    dim: SplitDim,
    last_year: &[Money],
    lang: Lang,
) -> Table {
    let kind = measure_kind(plan.measure);
    let measure = plan.measure.label(lang);
    let title = |what: &str| match lang {
        Lang::Zh => format!("{} 年目标 · {what}", plan.year),
        Lang::En => format!("{} targets · {what}", plan.year),
    };
    let ly_col = match lang {
        Lang::Zh => format!("{} 年{measure}", plan.year - 1),
        Lang::En => format!("{} {measure}", plan.year - 1),
    };
    let target_col = match lang {
        Lang::Zh => format!("{} 年目标", plan.year),
        Lang::En => format!("{} target", plan.year),
    };
    let columns = |first: &str| {
        vec![
            Column::new(first, ColumnKind::Text),
            Column::new(ly_col.clone(), kind),
            Column::new(target_col.clone(), kind),
            Column::new(lang.pick("占比", "Share"), ColumnKind::Percent),
            Column::new(lang.pick("增长", "Growth"), ColumnKind::Growth),
            Column::new(lang.pick("锁定", "Locked"), ColumnKind::Text),
        ]
    };
    let SplitDim::Member(dim) = dim else {
        let mut months = Table {
            title: title(dim_label(SplitDim::Month, lang)),
            columns: columns(lang.pick("月份", "Month")),
            rows: a
                .months
                .iter()
                .enumerate()
                .map(|(i, &t)| {
                    let ly = last_year.get(i).copied().unwrap_or(Money::ZERO);
                    vec![
                        Cell::text(format!("{}-{:02}", plan.year, i + 1)),
                        measure_cell(ly, plan.measure),
                        measure_cell(t, plan.measure),
                        share(t, a.total),
                        growth(t, ly, lang),
                        lock_cell(a.locked_months.contains(&(i as u32 + 1)), lang),
                    ]
                })
                .collect(),
        };
        if a.month_basis.takes_weights() {
            let w = |i: usize| a.month_weights.get(i).copied().unwrap_or_default();
            insert_weights(&mut months, a.month_basis, 2, w, lang);
        }
        return months;
    };
    let Some(d) = a.dim(dim) else {
        return Table::default();
    };
    let mut columns = columns(d.dim.label(lang));
    columns.insert(1, Column::new(lang.pick("编号", "Id"), ColumnKind::Text));
    if d.dim == Dim::Product {
        columns.insert(2, Column::new(Dim::Category.label(lang), ColumnKind::Text));
    }
    let mut table = Table {
        title: title(d.dim.label(lang)),
        columns,
        rows: d
            .members
            .iter()
            .map(|m| {
                let mut row = vec![Cell::text(m.name.clone()), Cell::text(m.id.clone())];
                if d.dim == Dim::Product {
                    row.push(Cell::text(m.parent.clone().unwrap_or_default()));
                }
                row.extend([
                    measure_cell(m.base, plan.measure),
                    measure_cell(m.target, plan.measure),
                    share(m.target, d.total),
                    growth(m.target, m.base, lang),
                    lock_cell(m.locked, lang),
                ]);
                row
            })
            .collect(),
    };
    if d.basis.takes_weights() {
        let at = table.columns.len() - 4;
        let w = |i: usize| d.members[i].weight.unwrap_or_default();
        insert_weights(&mut table, d.basis, at, w, lang);
    }
    table
}

/// The potential weights or manual percentages as column `at` of `table`, row `i` getting
/// `weight(i)`.
fn insert_weights(
    table: &mut Table,
    basis: super::BasisChoice,
    at: usize,
    weight: impl Fn(usize) -> crate::Dec,
    lang: Lang,
) {
    let title = match basis {
        super::BasisChoice::Manual => lang.pick("手工 %", "Manual %"),
        _ => lang.pick("潜力权重", "Potential weight"),
    };
    table
        .columns
        .insert(at, Column::new(title, ColumnKind::Number));
    for (i, row) in table.rows.iter_mut().enumerate() {
        row.insert(at, Cell::Number(weight(i).to_f64()));
    }
}

/// The months' targets over the ISO weeks of the plan year (see [`super::weeks`]): week,
/// first and last day in the year, days, target and share.
pub fn weeks_table(plan: &Plan, a: &Allocation, lang: Lang) -> Table {
    let kind = measure_kind(plan.measure);
    Table {
        title: match lang {
            Lang::Zh => format!("{} 年目标 · ISO 周", plan.year),
            Lang::En => format!("{} targets · ISO weeks", plan.year),
        },
        columns: vec![
            Column::new(lang.pick("周（ISO）", "Week (ISO)"), ColumnKind::Text),
            Column::new(lang.pick("起", "From"), ColumnKind::Text),
            Column::new(lang.pick("止", "To"), ColumnKind::Text),
            Column::new(lang.pick("本年天数", "Days in year"), ColumnKind::Count),
            Column::new(
                match lang {
                    Lang::Zh => format!("{} 年目标", plan.year),
                    Lang::En => format!("{} target", plan.year),
                },
                kind,
            ),
            Column::new(lang.pick("占比", "Share"), ColumnKind::Percent),
        ],
        rows: super::weeks(plan.year, &a.months, a.unit)
            .into_iter()
            .map(|w| {
                vec![
                    Cell::text(w.label()),
                    Cell::text(w.first.to_string()),
                    Cell::text(w.last.to_string()),
                    Cell::Number(f64::from(w.days())),
                    measure_cell(w.target, plan.measure),
                    share(w.target, a.total),
                ]
            })
            .collect(),
    }
}

/// The strategy layer as tables, once written: OGSM (one row per measure, or per strategy
/// without one, or per goal without a strategy) and the execution checklist.
pub fn strategy_tables(plan: &Plan, lang: Lang) -> Vec<Table> {
    let s = &plan.strategy;
    let title = |what: &str| match lang {
        Lang::Zh => format!("{} 年目标 · {what}", plan.year),
        Lang::En => format!("{} targets · {what}", plan.year),
    };
    let mut out = Vec::new();
    if !(s.goals.is_empty() && s.strategies.is_empty()) {
        let goal_names = |gs: &[usize]| {
            gs.iter()
                .filter_map(|&g| s.goals.get(g).map(|x| format!("G{} {}", g + 1, x.text)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let blank = || Cell::text("");
        let mut rows = Vec::new();
        for (g, goal) in s.goals.iter().enumerate() {
            if !s.strategies.iter().any(|st| st.goals.contains(&g)) {
                let mut row = vec![
                    Cell::text(format!("G{} {}", g + 1, goal.text)),
                    Cell::text(goal.target.clone()),
                ];
                row.extend(std::iter::repeat_with(blank).take(6));
                rows.push(row);
            }
        }
        for (i, st) in s.strategies.iter().enumerate() {
            let row = |m: Option<&super::MeasureItem>| {
                vec![
                    Cell::text(goal_names(&st.goals)),
                    blank(),
                    Cell::text(format!("S{} {}", i + 1, st.text)),
                    Cell::text(st.p.map(|p| p.label(lang)).unwrap_or("")),
                    Cell::text(m.map(|m| m.kpi.clone()).unwrap_or_default()),
                    Cell::text(m.map(|m| m.target.clone()).unwrap_or_default()),
                    Cell::text(m.map(|m| m.owner.clone()).unwrap_or_default()),
                    Cell::text(
                        m.and_then(|m| m.due)
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ),
                ]
            };
            let measures: Vec<&super::MeasureItem> =
                s.measures.iter().filter(|m| m.strategy == i).collect();
            if measures.is_empty() {
                rows.push(row(None));
            }
            rows.extend(measures.into_iter().map(|m| row(Some(m))));
        }
        let goals_col = if s.objective.is_empty() {
            lang.pick("目标（G）", "Goals (G)").to_string()
        } else {
            format!("{} · {}", lang.pick("目的", "Objective"), s.objective)
        };
        out.push(Table {
            title: title("OGSM"),
            columns: vec![
                Column::new(goals_col, ColumnKind::Text),
                Column::new(lang.pick("目标值", "Goal target"), ColumnKind::Text),
                Column::new(lang.pick("策略（S）", "Strategy (S)"), ColumnKind::Text),
                Column::new("4P", ColumnKind::Text),
                Column::new("KPI", ColumnKind::Text),
                Column::new(lang.pick("衡量目标", "Measure target"), ColumnKind::Text),
                Column::new(lang.pick("负责人", "Owner"), ColumnKind::Text),
                Column::new(lang.pick("完成日期", "Due"), ColumnKind::Text),
            ],
            rows,
        });
    }
    if !s.execution.is_empty() {
        out.push(Table {
            title: title(lang.pick("执行清单", "execution checklist")),
            columns: vec![
                Column::new(lang.pick("方面", "Area"), ColumnKind::Text),
                Column::new(lang.pick("行动", "Action"), ColumnKind::Text),
                Column::new(lang.pick("数量/指标", "Number"), ColumnKind::Text),
                Column::new(lang.pick("负责人", "Owner"), ColumnKind::Text),
                Column::new(lang.pick("完成", "Done"), ColumnKind::Text),
            ],
            rows: s
                .execution
                .iter()
                .map(|e| {
                    vec![
                        Cell::text(e.area.label(lang)),
                        Cell::text(e.text.clone()),
                        Cell::text(e.number.clone()),
                        Cell::text(e.owner.clone()),
                        Cell::text(if e.done { "✓" } else { "" }),
                    ]
                })
                .collect(),
        });
    }
    out
}

/// The gap bridge as a table: last year's actual, each step with the level it reaches and its
/// share of the gap, the unexplained remainder, and the target.
pub fn bridge_table(plan: &Plan, b: &super::Bridge, lang: Lang) -> Table {
    let kind = measure_kind(plan.measure);
    let cell = |x: Money| measure_cell(x, plan.measure);
    let mut rows = vec![vec![
        Cell::text(match lang {
            Lang::Zh => format!("{} 年实际", plan.year - 1),
            Lang::En => format!("{} actual", plan.year - 1),
        }),
        Cell::Missing(String::new()),
        cell(b.start),
        Cell::Missing(String::new()),
    ]];
    rows.extend(b.bars.iter().map(|bar| {
        let name = match bar.step.and_then(|i| plan.bridge.get(i)) {
            Some(s) => s.label(lang),
            None => lang.pick("未解释的差距", "Unexplained").to_string(),
        };
        vec![
            Cell::text(name),
            cell(bar.amount),
            cell(bar.to),
            ratio(bar.share_of_gap),
        ]
    }));
    rows.push(vec![
        Cell::text(match lang {
            Lang::Zh => format!("{} 年目标", plan.year),
            Lang::En => format!("{} target", plan.year),
        }),
        cell(b.gap()),
        cell(b.target),
        ratio((b.gap().0 != 0).then_some(1.0)),
    ]);
    Table {
        title: match lang {
            Lang::Zh => format!("{} 年目标 · 差距桥", plan.year),
            Lang::En => format!("{} targets · gap bridge", plan.year),
        },
        columns: vec![
            Column::new(lang.pick("步骤", "Step"), ColumnKind::Text),
            Column::new(lang.pick("变化", "Change"), kind),
            Column::new(lang.pick("累计", "Level"), kind),
            Column::new(lang.pick("占差距", "Share of gap"), ColumnKind::Percent),
        ],
        rows,
    }
}

/// A plan's grid as a table: one row per row member with its cells and total, then the column
/// totals and the grand total.
pub fn grid_table(plan: &Plan, g: &super::PlanGrid, lang: Lang) -> Table {
    let kind = measure_kind(plan.measure);
    let cell = |x: Money| measure_cell(x, plan.measure);
    let n = g.col_ids.len();
    let total_name = lang.pick("合计", "Total");
    let mut columns = vec![Column::new(dim_label(g.rows, lang), ColumnKind::Text)];
    columns.extend(g.col_names.iter().map(|c| Column::new(c.clone(), kind)));
    columns.push(Column::new(total_name, kind));
    let mut rows: Vec<Vec<Cell>> = g
        .row_names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut row = vec![Cell::text(name.clone())];
            row.extend(g.grid.cells[i * n..(i + 1) * n].iter().map(|&m| cell(m)));
            row.push(cell(g.grid.row_totals[i]));
            row
        })
        .collect();
    let mut last = vec![Cell::text(total_name)];
    last.extend(g.grid.col_totals.iter().map(|&m| cell(m)));
    last.push(cell(g.grid.row_totals.iter().copied().sum()));
    rows.push(last);
    Table {
        title: match lang {
            Lang::Zh => format!(
                "{} 年目标 · {} × {}",
                plan.year,
                dim_label(g.rows, lang),
                dim_label(g.cols, lang)
            ),
            Lang::En => format!(
                "{} targets · {} × {}",
                plan.year,
                dim_label(g.rows, lang),
                dim_label(g.cols, lang)
            ),
        },
        columns,
        rows,
    }
}

/// Tracking: the months, then every planned dimension's members.
pub fn track_tables(t: &Tracking, measure: Measure, lang: Lang) -> Vec<Table> {
    let kind = measure_kind(measure);
    let cell = |x: Money| measure_cell(x, measure);
    let title = |what: &str| match lang {
        Lang::Zh => format!("{} 年目标跟踪 · {what}", t.year),
        Lang::En => format!("{} tracking · {what}", t.year),
    };
    let mut out = Vec::with_capacity(1 + t.dims.len());
    out.push(Table {
        title: title(dim_label(SplitDim::Month, lang)),
        columns: vec![
            Column::new(lang.pick("月份", "Month"), ColumnKind::Text),
            Column::new(lang.pick("目标", "Target"), kind),
            Column::new(lang.pick("实际", "Actual"), kind),
            Column::new(lang.pick("差额", "Gap"), kind),
            Column::new(lang.pick("达成率", "Achievement"), ColumnKind::Percent),
        ],
        rows: t
            .months
            .iter()
            .map(|m| {
                let name = format!("{}-{:02}", t.year, m.month);
                let name = if m.in_progress {
                    format!("{name} {}", lang.pick("（进行中）", "(in progress)"))
                } else {
                    name
                };
                let not_yet = || Cell::Missing(lang.pick("未开始", "not begun").into());
                vec![
                    Cell::text(name),
                    cell(m.target),
                    m.actual.map_or_else(not_yet, cell),
                    m.gap.map_or_else(|| Cell::Missing("—".into()), cell),
                    ratio(m.achievement),
                ]
            })
            .collect(),
    });
    for d in &t.dims {
        out.push(Table {
            title: title(d.dim.label(lang)),
            columns: vec![
                Column::new(d.dim.label(lang), ColumnKind::Text),
                Column::new(lang.pick("全年目标", "Annual target"), kind),
                Column::new(lang.pick("至今目标", "Target to date"), kind),
                Column::new(lang.pick("至今实际", "Actual to date"), kind),
                Column::new(lang.pick("差额", "Gap"), kind),
                Column::new(
                    lang.pick("至今达成率", "Achievement to date"),
                    ColumnKind::Percent,
                ),
                Column::new(lang.pick("预计全年", "Projected year end"), kind),
            ],
            rows: d
                .members
                .iter()
                .map(|m| {
                    let name = if m.planned {
                        m.name.clone()
                    } else {
                        format!("{} {}", m.name, lang.pick("（无目标）", "(no target)"))
                    };
                    vec![
                        Cell::text(name),
                        cell(m.line.target),
                        cell(m.line.target_to_date),
                        cell(m.line.actual_to_date),
                        cell(m.line.gap_to_date),
                        ratio(m.line.achievement_to_date),
                        m.line.projected.map_or(Cell::Missing("—".into()), cell),
                    ]
                })
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::allocation::tests::example;

    /// One dimension's table is the plan's table of that dimension; a dimension not planned
    /// has none.
    #[test]
    fn split_table_is_the_plans_table_of_its_dimension() {
        let a = example();
        let mut plan = Plan::new(2027, Measure::Amount);
        plan.total = Some(a.total);
        let ly = vec![Money::from_units(50).unwrap(); 12];
        let all = plan_tables(&plan, &a, &ly, Lang::En);
        assert_eq!(
            split_table(&plan, &a, SplitDim::Month, &ly, Lang::En),
            all[0]
        );
        for (i, d) in a.dims.iter().enumerate() {
            assert_eq!(
                split_table(&plan, &a, SplitDim::Member(d.dim), &ly, Lang::En),
                all[i + 1]
            );
        }
        let missing = [
            Dim::Region,
            Dim::Category,
            Dim::Product,
            Dim::Salesperson,
            Dim::Customer,
        ]
        .into_iter()
        .find(|d| a.dim(*d).is_none())
        .expect("the example leaves a dimension out");
        assert_eq!(
            split_table(&plan, &a, SplitDim::Member(missing), &ly, Lang::En),
            Table::default()
        );
    }

    #[test]
    fn plan_tables_have_the_months_then_each_dimension_with_targets_summing() {
        let a = example();
        let mut plan = Plan::new(2027, Measure::Amount);
        plan.total = Some(a.total);
        let ly = vec![Money::from_units(50).unwrap(); 12];
        let t = plan_tables(&plan, &a, &ly, Lang::Zh);
        assert_eq!(t.len(), 2 + a.dims.len(), "months, dimensions, weeks");
        assert_eq!(t[0].rows.len(), 12);
        assert_eq!(t[0].title, "2027 年目标 · 月份");
        for (table, col) in t.iter().zip(
            std::iter::once(2).chain(
                a.dims
                    .iter()
                    .map(|d| if d.dim == Dim::Product { 4 } else { 3 }),
            ),
        ) {
            let sum: Money = table
                .rows
                .iter()
                .map(|r| match r[col] {
                    Cell::Money(m) => m,
                    _ => panic!("target column {col} of {} is not money", table.title),
                })
                .sum();
            assert_eq!(sum, a.total, "{}", table.title);
        }
        // Growth of a month: 100 over last year's 50 is +100%.
        assert_eq!(t[0].rows[0][4], Cell::Number(1.0));
        let weeks = t.last().unwrap();
        assert_eq!(weeks.title, "2027 年目标 · ISO 周");
        assert_eq!(weeks.rows[0][0], Cell::text("2026-W53"));
        let sum: Money = weeks
            .rows
            .iter()
            .map(|r| match r[4] {
                Cell::Money(m) => m,
                _ => panic!("the weeks' target column is not money"),
            })
            .sum();
        assert_eq!(sum, a.total);
    }

    /// Under potential or manual weights the weights are a column before the target.
    #[test]
    fn weights_are_a_column_of_their_own() {
        let mut a = example();
        a.month_basis = crate::targets::BasisChoice::Manual;
        a.month_weights = vec![crate::Dec(8_3333); 12];
        a.dims[0].basis = crate::targets::BasisChoice::Potential;
        a.dims[0].members[0].weight = Some(crate::Dec::int(3));
        let mut plan = Plan::new(2027, Measure::Amount);
        plan.total = Some(a.total);
        let t = plan_tables(&plan, &a, &[], Lang::En);
        assert_eq!(t[0].columns[2].title, "Manual %");
        assert_eq!(t[0].rows[0][2], Cell::Number(8.3333));
        let w = t[1]
            .columns
            .iter()
            .position(|c| c.title == "Potential weight");
        assert_eq!(w, Some(t[1].columns.len() - 5));
        assert_eq!(t[1].rows[0][w.unwrap()], Cell::Number(3.0));
        assert_eq!(t[1].rows[1][w.unwrap()], Cell::Number(0.0));
    }

    #[test]
    fn the_strategy_layer_prints_as_ogsm_and_execution_tables() {
        use crate::targets::{
            ExecutionArea, ExecutionItem, FourP, Goal, MeasureItem, StrategyItem,
        };
        let mut plan = Plan::new(2027, Measure::Amount);
        assert!(strategy_tables(&plan, Lang::Zh).is_empty());
        let s = &mut plan.strategy;
        s.objective = "华东第一".into();
        s.goals = vec![
            Goal {
                text: "销售额 +20%".into(),
                node: None,
                target: "1.2 亿".into(),
            },
            Goal {
                text: "毛利率 30%".into(),
                node: None,
                target: String::new(),
            },
        ];
        s.strategies = vec![StrategyItem {
            text: "社区团购".into(),
            p: Some(FourP::Place),
            goals: vec![0],
        }];
        let m = |kpi: &str, owner: &str, due| MeasureItem {
            strategy: 0,
            kpi: kpi.into(),
            target: String::new(),
            owner: owner.into(),
            due,
        };
        s.measures = vec![
            m("团长数", "张", crate::Date::from_ymd(2027, 6, 30)),
            m("复购率", "李", None),
        ];
        s.execution = vec![ExecutionItem {
            area: ExecutionArea::Supply,
            text: "安全库存".into(),
            number: "2 周".into(),
            owner: "王".into(),
            done: true,
        }];
        let t = strategy_tables(&plan, Lang::Zh);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].title, "2027 年目标 · OGSM");
        assert_eq!(t[0].columns[0].title, "目的 · 华东第一");
        assert_eq!(t[0].rows.len(), 3, "G2 alone, then S1 once per measure");
        assert_eq!(t[0].rows[0][0], Cell::text("G2 毛利率 30%"));
        assert_eq!(t[0].rows[1][0], Cell::text("G1 销售额 +20%"));
        assert_eq!(t[0].rows[1][3], Cell::text("渠道"));
        assert_eq!(t[0].rows[1][7], Cell::text("2027-06-30"));
        assert_eq!(t[0].rows[2][4], Cell::text("复购率"));
        assert_eq!(t[1].rows[0][4], Cell::text("✓"));
    }

    #[test]
    fn the_bridge_is_a_table_of_its_own_once_it_has_steps() {
        let a = example();
        let mut plan = Plan::new(2027, Measure::Amount);
        plan.total = Some(a.total);
        let ly = vec![Money::ZERO; 12];
        let n = plan_tables(&plan, &a, &ly, Lang::En).len();
        plan.bridge = vec![crate::targets::BridgeStep::new(
            crate::targets::StepKind::Price,
            Money(a.total.0 / 4),
        )];
        let t = plan_tables(&plan, &a, &ly, Lang::En);
        assert_eq!(t.len(), n + 1);
        let b = &t[n];
        assert_eq!(b.title, "2027 targets · gap bridge");
        let names: Vec<&Cell> = b.rows.iter().map(|r| &r[0]).collect();
        assert_eq!(
            names,
            [
                &Cell::text("2026 actual"),
                &Cell::text("Price"),
                &Cell::text("Unexplained"),
                &Cell::text("2027 target"),
            ]
        );
        assert_eq!(b.rows[1][3], Cell::Number(0.25));
        assert_eq!(b.rows[2][1], Cell::Money(Money(a.total.0 - a.total.0 / 4)));
        assert_eq!(b.rows[3][2], Cell::Money(a.total));
    }
}
