//! One dimension of the decomposition (单维分解): an annual total shared over a dimension's
//! members in proportion to their bases, in whole multiples of the plan's unit, with locks.
//!
//! Locked members keep exactly what the user typed; the rest of the total is shared over the
//! unlocked members by their bases (largest remainders in units, so the targets sum exactly to
//! the total). Locks that are not multiples of the unit, or that add up to more than the total,
//! are refused with the reason; a member without a base gets nothing and is reported.

use super::round::largest_remainder;
use crate::{Lang, Money, format_money};

/// What to split.
#[derive(Clone, Copy, Debug)]
pub struct SplitRequest<'a> {
    /// The total to share.
    pub total: Money,
    /// Every target is a multiple of this (positive).
    pub unit: Money,
    /// Each member's base, by key.
    pub bases: &'a [Money],
    /// Each member's id, by key: ties in base are ordered by id.
    pub ids: &'a [String],
    /// Fixed targets: (member key, amount).
    pub locks: &'a [(usize, Money)],
    /// Whether a member without a base is worth reporting (bases from history).
    pub report_missing: bool,
}

/// One member's share of the total.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitLine {
    /// The member's key.
    pub key: usize,
    /// Its base.
    pub base: Money,
    /// Its share of all positive bases (0–1).
    pub share: f64,
    /// Its target.
    pub target: Money,
    /// Whether the target was fixed by the user.
    pub locked: bool,
}

/// A split: the members in descending base order (ties by id), and what the user should know.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// The lines.
    pub lines: Vec<SplitLine>,
    /// Members without a usable base.
    pub issues: Vec<SplitIssue>,
}

impl Split {
    /// The targets by member key.
    pub fn targets_by_key(&self, members: usize) -> Vec<Money> {
        let mut out = vec![Money::ZERO; members];
        for l in &self.lines {
            out[l.key] = l.target;
        }
        out
    }
}

/// A member that gets no share from its base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitIssue {
    /// No base (no value in the years the basis reads): target 0 unless locked.
    NoBase {
        /// The member key.
        key: usize,
    },
    /// A negative base (returns above sales), counted as none.
    NegativeBase {
        /// The member key.
        key: usize,
        /// The base.
        base: Money,
    },
}

impl SplitIssue {
    /// The member the issue is about.
    pub fn key(&self) -> usize {
        match *self {
            SplitIssue::NoBase { key } | SplitIssue::NegativeBase { key, .. } => key,
        }
    }

    /// The issue as a sentence naming `name`.
    pub fn message(&self, name: &str, lang: Lang) -> String {
        match (self, lang) {
            (SplitIssue::NoBase { .. }, Lang::Zh) => {
                format!("{name} 没有基数（所用年份无销售），目标为 0，可手工锁定")
            }
            (SplitIssue::NoBase { .. }, Lang::En) => format!(
                "{name} has no base (no sales in the years the basis reads) and gets 0; lock a target to give it one"
            ),
            (SplitIssue::NegativeBase { base, .. }, Lang::Zh) => format!(
                "{name} 的基数为负（{}，退货多于销售），按 0 计",
                format_money(*base, lang)
            ),
            (SplitIssue::NegativeBase { base, .. }, Lang::En) => format!(
                "{name} has a negative base ({}, returns above sales), counted as 0",
                format_money(*base, lang)
            ),
        }
    }
}

/// Why a split was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The unit is zero or negative.
    UnitNotPositive,
    /// The total is negative.
    TotalNegative,
    /// The total is not a whole number of units.
    TotalNotMultiple {
        /// The total.
        total: Money,
        /// The unit.
        unit: Money,
    },
    /// A lock names no member.
    LockUnknown {
        /// The key given.
        key: usize,
    },
    /// A member is locked twice.
    LockTwice {
        /// The member key.
        key: usize,
    },
    /// A lock is negative.
    LockNegative {
        /// The member key.
        key: usize,
    },
    /// A lock is not a whole number of units.
    LockNotMultiple {
        /// The member key.
        key: usize,
        /// The amount locked.
        amount: Money,
        /// The unit.
        unit: Money,
    },
    /// The locks add up to more than the total.
    LocksAboveTotal {
        /// Their sum.
        locked: Money,
        /// The total.
        total: Money,
    },
    /// Something is left to share but every member is locked.
    AllLocked {
        /// What is left.
        rest: Money,
    },
    /// Something is left to share but no unlocked member has a base.
    NoBaseForRest {
        /// What is left.
        rest: Money,
    },
}

impl SplitError {
    /// The reason, in the user's language; `name` gives a member's display name by key.
    pub fn message(&self, name: &dyn Fn(usize) -> String, lang: Lang) -> String {
        let m = |x: Money| format_money(x, lang);
        match (self, lang) {
            (SplitError::UnitNotPositive, Lang::Zh) => "取整单位必须大于 0".into(),
            (SplitError::UnitNotPositive, Lang::En) => "the rounding unit must be above 0".into(),
            (SplitError::TotalNegative, Lang::Zh) => "目标不能为负".into(),
            (SplitError::TotalNegative, Lang::En) => "the total cannot be negative".into(),
            (SplitError::TotalNotMultiple { total, unit }, Lang::Zh) => {
                format!("目标 {} 不是取整单位 {} 的整数倍", m(*total), m(*unit))
            }
            (SplitError::TotalNotMultiple { total, unit }, Lang::En) => format!(
                "the total {} is not a multiple of the unit {}",
                m(*total),
                m(*unit)
            ),
            (SplitError::LockUnknown { key }, Lang::Zh) => format!("锁定的成员 {key} 不存在"),
            (SplitError::LockUnknown { key }, Lang::En) => {
                format!("the locked member {key} does not exist")
            }
            (SplitError::LockTwice { key }, Lang::Zh) => format!("{} 被锁定了两次", name(*key)),
            (SplitError::LockTwice { key }, Lang::En) => {
                format!("{} is locked twice", name(*key))
            }
            (SplitError::LockNegative { key }, Lang::Zh) => {
                format!("{} 的锁定目标不能为负", name(*key))
            }
            (SplitError::LockNegative { key }, Lang::En) => {
                format!("the locked target of {} cannot be negative", name(*key))
            }
            (SplitError::LockNotMultiple { key, amount, unit }, Lang::Zh) => format!(
                "{} 的锁定目标 {} 不是取整单位 {} 的整数倍",
                name(*key),
                m(*amount),
                m(*unit)
            ),
            (SplitError::LockNotMultiple { key, amount, unit }, Lang::En) => format!(
                "the locked target {} of {} is not a multiple of the unit {}",
                m(*amount),
                name(*key),
                m(*unit)
            ),
            (SplitError::LocksAboveTotal { locked, total }, Lang::Zh) => format!(
                "锁定目标合计 {} 超过总目标 {}，请减少锁定或提高总目标",
                m(*locked),
                m(*total)
            ),
            (SplitError::LocksAboveTotal { locked, total }, Lang::En) => format!(
                "the locked targets sum to {}, above the total {}: unlock some or raise the total",
                m(*locked),
                m(*total)
            ),
            (SplitError::AllLocked { rest }, Lang::Zh) => {
                format!("所有成员都已锁定，还有 {} 无人承接", m(*rest))
            }
            (SplitError::AllLocked { rest }, Lang::En) => format!(
                "every member is locked and {} of the total is left to nobody",
                m(*rest)
            ),
            (SplitError::NoBaseForRest { rest }, Lang::Zh) => format!(
                "未锁定的成员都没有基数，剩余 {} 无法按比例分配；请换用平均或手工基数",
                m(*rest)
            ),
            (SplitError::NoBaseForRest { rest }, Lang::En) => format!(
                "no unlocked member has a base, so the remaining {} cannot be shared; use equal or manual bases",
                m(*rest)
            ),
        }
    }
}

/// Splits the request's total, see the module documentation.
pub fn split(req: SplitRequest<'_>) -> Result<Split, SplitError> {
    let SplitRequest {
        total,
        unit,
        bases,
        ids,
        locks,
        report_missing,
    } = req;
    let n = bases.len();
    if unit.0 <= 0 {
        return Err(SplitError::UnitNotPositive);
    }
    if total.0 < 0 {
        return Err(SplitError::TotalNegative);
    }
    if total.0 % unit.0 != 0 {
        return Err(SplitError::TotalNotMultiple { total, unit });
    }
    let mut locked: Vec<Option<Money>> = vec![None; n];
    let mut locked_sum: i128 = 0;
    for &(key, amount) in locks {
        let slot = locked.get_mut(key).ok_or(SplitError::LockUnknown { key })?;
        if slot.is_some() {
            return Err(SplitError::LockTwice { key });
        }
        if amount.0 < 0 {
            return Err(SplitError::LockNegative { key });
        }
        if amount.0 % unit.0 != 0 {
            return Err(SplitError::LockNotMultiple { key, amount, unit });
        }
        *slot = Some(amount);
        locked_sum += i128::from(amount.0);
    }
    if locked_sum > i128::from(total.0) {
        return Err(SplitError::LocksAboveTotal {
            locked: Money(locked_sum as i64),
            total,
        });
    }
    let rest = Money(total.0 - locked_sum as i64);
    // Descending base, ties by id.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        bases[b]
            .cmp(&bases[a])
            .then_with(|| ids.get(a).cmp(&ids.get(b)))
    });
    let positive: i128 = bases.iter().map(|b| i128::from(b.0.max(0))).sum();
    let free: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&k| locked[k].is_none())
        .collect();
    let weights: Vec<i64> = free.iter().map(|&k| bases[k].0.max(0)).collect();
    let shares = if rest.0 == 0 {
        vec![0; free.len()]
    } else if free.is_empty() {
        return Err(SplitError::AllLocked { rest });
    } else {
        largest_remainder(rest.0 / unit.0, &weights).ok_or(SplitError::NoBaseForRest { rest })?
    };
    let mut target = locked
        .iter()
        .map(|l| l.unwrap_or(Money::ZERO))
        .collect::<Vec<_>>();
    for (&k, &units) in free.iter().zip(&shares) {
        target[k] = Money(units * unit.0);
    }
    let mut issues = Vec::new();
    let lines = order
        .iter()
        .map(|&k| {
            let base = bases[k];
            if base.0 < 0 {
                issues.push(SplitIssue::NegativeBase { key: k, base });
            } else if base.0 == 0 && report_missing && locked[k].is_none() {
                issues.push(SplitIssue::NoBase { key: k });
            }
            SplitLine {
                key: k,
                base,
                share: if positive > 0 {
                    base.0.max(0) as f64 / positive as f64
                } else {
                    0.0
                },
                target: target[k],
                locked: locked[k].is_some(),
            }
        })
        .collect();
    Ok(Split { lines, issues })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn y(units: i64) -> Money {
        Money::from_units(units).unwrap()
    }

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|k| format!("M{k}")).collect()
    }

    fn req<'a>(
        total: i64,
        unit: i64,
        bases: &'a [Money],
        ids: &'a [String],
        locks: &'a [(usize, Money)],
    ) -> SplitRequest<'a> {
        SplitRequest {
            total: y(total),
            unit: y(unit),
            bases,
            ids,
            locks,
            report_missing: true,
        }
    }

    /// ¥1,000,000 over bases 500, 300, 200 in units of ¥1,000: 500, 300, 200 thousand.
    /// With ¥1,100,000 over 3 equal bases in ¥100,000: 366,667 each is not a multiple, so
    /// quotas 3⅔ units → 4, 4, 3 (the largest remainders, ties to the first ids).
    #[test]
    fn proportional_in_whole_units_by_hand() {
        let b = [y(500), y(300), y(200)];
        let i = ids(3);
        let s = split(req(1_000_000, 1_000, &b, &i, &[])).unwrap();
        let t: Vec<i64> = s.lines.iter().map(|l| l.target.0 / 10_000).collect();
        assert_eq!(t, vec![500_000, 300_000, 200_000]);
        assert!((s.lines[0].share - 0.5).abs() < 1e-12);
        let b = [y(1), y(1), y(1)];
        let s = split(req(1_100_000, 100_000, &b, &i, &[])).unwrap();
        let t: Vec<i64> = s.lines.iter().map(|l| l.target.0 / 10_000).collect();
        assert_eq!(t, vec![400_000, 400_000, 300_000]);
        assert_eq!(
            s.lines.iter().map(|l| l.key).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }

    /// Lock M1 at 600 of 1,000: the other 400 goes to M0 and M2 by 500:200 → 285.71…, 114.28…
    /// → in ¥1 units 286 and 114.
    #[test]
    fn a_lock_is_kept_and_the_rest_rebalances() {
        let b = [y(500), y(300), y(200)];
        let i = ids(3);
        let locks = [(1, y(600))];
        let s = split(req(1_000, 1, &b, &i, &locks)).unwrap();
        let by_key = s.targets_by_key(3);
        assert_eq!(by_key, vec![y(286), y(600), y(114)]);
        assert!(s.lines.iter().find(|l| l.key == 1).unwrap().locked);
    }

    #[test]
    fn refusals_say_why() {
        let b = [y(1), y(0)];
        let i = ids(2);
        assert_eq!(
            split(req(1_050, 100, &b, &i, &[])).unwrap_err(),
            SplitError::TotalNotMultiple {
                total: y(1_050),
                unit: y(100)
            }
        );
        let over = [(0, y(800)), (1, y(300))];
        assert_eq!(
            split(req(1_000, 100, &b, &i, &over)).unwrap_err(),
            SplitError::LocksAboveTotal {
                locked: y(1_100),
                total: y(1_000)
            }
        );
        let odd = [(0, y(150))];
        assert!(matches!(
            split(req(1_000, 100, &b, &i, &odd)).unwrap_err(),
            SplitError::LockNotMultiple { key: 0, .. }
        ));
        // M0 locked, M1 has no base: the rest has nowhere to go.
        let lock0 = [(0, y(400))];
        assert_eq!(
            split(req(1_000, 100, &b, &i, &lock0)).unwrap_err(),
            SplitError::NoBaseForRest { rest: y(600) }
        );
        let e = SplitError::LocksAboveTotal {
            locked: y(1_100),
            total: y(1_000),
        };
        assert!(
            e.message(&|k| format!("M{k}"), Lang::En)
                .contains("above the total")
        );
    }

    #[test]
    fn a_member_without_base_gets_zero_and_is_reported() {
        let b = [y(0), y(10), Money(-5)];
        let i = ids(3);
        let s = split(req(100, 1, &b, &i, &[])).unwrap();
        assert_eq!(s.targets_by_key(3), vec![y(0), y(100), y(0)]);
        assert_eq!(
            s.issues,
            vec![
                SplitIssue::NoBase { key: 0 },
                SplitIssue::NegativeBase {
                    key: 2,
                    base: Money(-5)
                }
            ]
        );
        // Descending base: M1, M0, M2.
        assert_eq!(
            s.lines.iter().map(|l| l.key).collect::<Vec<_>>(),
            vec![1, 0, 2]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("SANDTABLE_PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(5_000)
        ))]

        /// The targets sum to the total, are multiples of the unit, and locks never move.
        #[test]
        fn totals_exact_and_locks_kept(
            bases in proptest::collection::vec(0i64..1_000_000, 1..30),
            unit_pick in 0usize..4,
            units in 0i64..100_000,
            lock_mask in proptest::collection::vec(any::<bool>(), 30),
            lock_frac in proptest::collection::vec(0i64..100, 30),
        ) {
            let unit = crate::targets::UNITS[unit_pick];
            let total = Money(units * unit.0);
            let b: Vec<Money> = bases.iter().map(|&x| Money(x * 10_000)).collect();
            let i = ids(b.len());
            let mut locks = Vec::new();
            let mut left = units;
            for k in 0..b.len() {
                if lock_mask[k] {
                    let u = left * lock_frac[k] / 400;
                    left -= u;
                    locks.push((k, Money(u * unit.0)));
                }
            }
            let r = SplitRequest { total, unit, bases: &b, ids: &i, locks: &locks, report_missing: true };
            match split(r) {
                Ok(s) => {
                    prop_assert_eq!(s.lines.iter().map(|l| l.target.0).sum::<i64>(), total.0);
                    for l in &s.lines {
                        prop_assert_eq!(l.target.0 % unit.0, 0);
                    }
                    let t = s.targets_by_key(b.len());
                    for &(k, a) in &locks {
                        prop_assert_eq!(t[k], a);
                    }
                }
                Err(SplitError::NoBaseForRest { .. } | SplitError::AllLocked { .. }) => {
                    let free_base: i64 = (0..b.len())
                        .filter(|k| !locks.iter().any(|l| l.0 == *k))
                        .map(|k| bases[k])
                        .sum();
                    prop_assert_eq!(free_base, 0);
                }
                Err(e) => prop_assert!(false, "unexpected {:?}", e),
            }
        }
    }
}
