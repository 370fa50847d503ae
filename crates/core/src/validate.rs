//! Whole-workspace validation: every problem at once, as data.

use crate::Workspace;
use crate::issue::{Entity, Issue, IssueKind};
use std::collections::HashSet;

/// Every problem in a workspace: duplicate and empty ids in the master lists and datasets
/// (errors), ledger structure (errors, see [`crate::Ledger::check`]), and references to
/// regions, customers, products or salespeople that master data does not have (warnings).
pub fn validate(ws: &Workspace) -> Vec<Issue> {
    let mut issues = Vec::new();
    let customers = check_ids(
        &mut issues,
        "customers",
        Entity::Customer,
        ws.customers.iter().map(|c| c.id.as_str()),
    );
    let products = check_ids(
        &mut issues,
        "products",
        Entity::Product,
        ws.products.iter().map(|p| p.id.as_str()),
    );
    let regions = check_ids(
        &mut issues,
        "regions",
        Entity::Region,
        ws.regions.iter().map(|r| r.id.as_str()),
    );
    let salespeople = check_ids(
        &mut issues,
        "salespeople",
        Entity::Salesperson,
        ws.salespeople.iter().map(|s| s.id.as_str()),
    );
    check_ids(
        &mut issues,
        "datasets",
        Entity::Dataset,
        ws.datasets.iter().map(|d| d.id.as_str()),
    );

    for (i, c) in ws.customers.iter().enumerate() {
        check_reference(&mut issues, &regions, Entity::Region, &c.region, || {
            format!("customers[{i}].region")
        });
    }
    for (i, s) in ws.salespeople.iter().enumerate() {
        check_reference(&mut issues, &regions, Entity::Region, &s.region, || {
            format!("salespeople[{i}].region")
        });
    }
    for (i, dataset) in ws.datasets.iter().enumerate() {
        let prefix = format!("datasets[{i}].ledger");
        issues.extend(
            dataset
                .ledger
                .check()
                .into_iter()
                .map(|issue| issue.under(&prefix)),
        );
        for (name, what, dictionary) in dataset.ledger.dictionaries() {
            let known = match what {
                Entity::Customer => &customers,
                Entity::Product => &products,
                Entity::Region => &regions,
                Entity::Salesperson => &salespeople,
                _ => continue,
            };
            for (j, id) in dictionary.iter().enumerate() {
                check_reference(&mut issues, known, what, id, || {
                    format!("{prefix}.{name}[{j}]")
                });
            }
        }
    }
    // The business review's universe: one entry per region id.
    let mut universe = HashSet::new();
    for (i, u) in ws.review.universe.iter().enumerate() {
        let path = format!("review.universe[{i}].region");
        if u.region.trim().is_empty() {
            let kind = IssueKind::EmptyId {
                what: Entity::Region,
            };
            issues.push(Issue::error(path, kind));
        } else if !universe.insert(u.region.as_str()) {
            let kind = IssueKind::DuplicateId {
                what: Entity::Region,
                id: u.region.clone(),
            };
            issues.push(Issue::error(path, kind));
        }
    }
    issues
}

/// Reports empty and repeated ids (errors) and returns the set of ids.
fn check_ids<'a>(
    issues: &mut Vec<Issue>,
    list: &str,
    what: Entity,
    ids: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            issues.push(Issue::error(
                format!("{list}[{i}].id"),
                IssueKind::EmptyId { what },
            ));
        } else if !seen.insert(id) {
            issues.push(Issue::error(
                format!("{list}[{i}].id"),
                IssueKind::DuplicateId {
                    what,
                    id: id.to_string(),
                },
            ));
        }
    }
    seen
}

fn check_reference(
    issues: &mut Vec<Issue>,
    known: &HashSet<&str>,
    what: Entity,
    id: &str,
    path: impl FnOnce() -> String,
) {
    // The empty id means "not recorded" (a ledger imported without a region column, say).
    if !id.is_empty() && !known.contains(id) {
        issues.push(Issue::warning(
            path(),
            IssueKind::UnknownReference {
                what,
                id: id.to_string(),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::Severity;
    use crate::ledger::{LedgerBuilder, Row};
    use crate::{Customer, CustomerKind, Dataset, Date, Money, Region, Salesperson};

    fn workspace() -> Workspace {
        let mut b = LedgerBuilder::new();
        b.push_row(&Row {
            date: Date::parse_iso("2024-01-01").unwrap_or_default(),
            customer: "C1",
            product: "P404",
            region: "R1",
            salesperson: "S1",
            channel: "经销商",
            quantity: Money(1),
            amount: Money(1),
            cost: None,
            order_id: "o1",
        });
        Workspace {
            id: "w".into(),
            customers: vec![
                Customer {
                    id: "C1".into(),
                    name: "a".into(),
                    region: "R1".into(),
                    kind: CustomerKind::Retail,
                    tier: None,
                },
                Customer {
                    id: "C1".into(),
                    name: "b".into(),
                    region: "R2".into(),
                    kind: CustomerKind::Retail,
                    tier: None,
                },
            ],
            regions: vec![
                Region {
                    id: "R1".into(),
                    name: "华东".into(),
                },
                Region {
                    id: " ".into(),
                    name: "x".into(),
                },
            ],
            salespeople: vec![Salesperson {
                id: "S1".into(),
                name: "张伟".into(),
                region: "R1".into(),
            }],
            datasets: vec![Dataset {
                id: "d".into(),
                ledger: b.finish(),
                ..Dataset::default()
            }],
            ..Workspace::default()
        }
    }

    #[test]
    fn validate_reports_every_problem_with_its_path_and_severity() {
        let issues = validate(&workspace());
        let got: Vec<(Severity, &str, String)> = issues
            .iter()
            .map(|i| (i.severity, i.path.as_str(), i.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Severity::Error,
                    "customers[1].id",
                    "The customer id \"C1\" appears more than once (at customers[1].id).".to_string()
                ),
                (Severity::Error, "regions[1].id", "A region has an empty id (at regions[1].id).".to_string()),
                (
                    Severity::Warning,
                    "customers[1].region",
                    "There is no region with the id \"R2\" (referred to at customers[1].region).".to_string()
                ),
                (
                    Severity::Warning,
                    "datasets[0].ledger.products[0]",
                    "There is no product with the id \"P404\" (referred to at datasets[0].ledger.products[0]).".to_string()
                ),
            ]
        );
    }

    #[test]
    fn empty_references_mean_not_recorded_and_are_not_reported() {
        let mut b = LedgerBuilder::new();
        b.push_row(&Row {
            date: Date::parse_iso("2024-01-01").unwrap_or_default(),
            customer: "C1",
            product: "",
            region: "",
            salesperson: "",
            channel: "",
            quantity: Money(1),
            amount: Money(1),
            cost: None,
            order_id: "",
        });
        let ws = Workspace {
            customers: vec![Customer {
                id: "C1".into(),
                name: "瑞丰".into(),
                region: String::new(),
                kind: CustomerKind::Other,
                tier: None,
            }],
            datasets: vec![Dataset {
                id: "d".into(),
                ledger: b.finish(),
                ..Dataset::default()
            }],
            ..Workspace::default()
        };
        assert_eq!(validate(&ws), vec![]);
    }

    #[test]
    fn an_empty_workspace_is_valid() {
        assert!(validate(&Workspace::default()).is_empty());
    }

    #[test]
    fn review_universe_needs_one_entry_per_region() {
        use crate::review::RegionUniverse;
        let mut ws = Workspace::default();
        for region in ["R1", "R1", " "] {
            ws.review.universe.push(RegionUniverse {
                region: region.into(),
                outlets: 10,
            });
        }
        let paths: Vec<(String, bool)> = validate(&ws)
            .into_iter()
            .map(|i| (i.path.clone(), i.is_error()))
            .collect();
        assert_eq!(
            paths,
            [
                ("review.universe[1].region".to_string(), true),
                ("review.universe[2].region".to_string(), true)
            ]
        );
    }
}
