//! Properties of balances, redemptions and expiry over random histories:
//! running `expire` twice changes nothing the second time; a balance is the
//! sum of its ledger entries; no approved redemption overdraws.

use chrono::{Days, NaiveDate};
use merit::domain::{Points, Reward, Status};
use merit::ops::Context;
use merit::ops::award::{ManualAward, add_manual};
use merit::ops::catalog::{balances, decide_redemptions, expire, request};
use merit::ops::decide::decide_ids;
use merit::store::Store;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    /// An approved award (negative: a deduction) `day` days into 2025.
    Grant { day: u64, cents: i64 },
    /// A redemption of `qty` gifts requested and approved on `day`.
    Redeem { day: u64, qty: i64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0u64..700, -3000i64..20000).prop_map(|(day, cents)| Step::Grant { day, cents }),
        1 => (0u64..700, 1i64..3).prop_map(|(day, qty)| Step::Redeem { day, qty }),
    ]
}

fn ctx(day: u64) -> Context {
    let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(day);
    Context::new(d, "lead")
}

fn store(dir: &tempfile::TempDir, months: u32) -> Store {
    let mut s = Store::open(&dir.path().join("p.db")).unwrap();
    let tx = s.write().unwrap();
    tx.upsert_member(&merit::domain::Member {
        code: "ZW".into(),
        name: "张伟".into(),
        team: "East".into(),
        joined: None,
        active: true,
    })
    .unwrap();
    tx.upsert_reward(&Reward {
        code: "GIFT".into(),
        name: "Gift".into(),
        cost: Points::from_cents(3333),
        stock: Some(5),
        category: "gift".into(),
        active: true,
    })
    .unwrap();
    tx.commit().unwrap();
    let rules = dir.path().join("r.toml");
    std::fs::write(
        &rules,
        format!("[settings]\nexpire_after_months = {months}\n"),
    )
    .unwrap();
    merit::ops::rules::import_rules(&mut s, &ctx(0), &rules, true).unwrap();
    s
}

fn ledger_sum(s: &Store) -> Points {
    let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let near = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    s.db()
        .ledger_entries(near, far, Some("ZW"))
        .unwrap()
        .iter()
        .map(|e| e.points)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn balances_reconcile_and_expiry_is_idempotent(
        steps in prop::collection::vec(step(), 1..25),
        months in 1u32..13,
        as_of in 0u64..1100,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(&dir, months);
        let mut steps = steps;
        steps.sort_by_key(|st| match st { Step::Grant { day, .. } | Step::Redeem { day, .. } => *day });
        for st in steps {
            match st {
                Step::Grant { day, cents } if cents != 0 => {
                    let c = ctx(day);
                    let id = add_manual(&mut s, &c, &ManualAward {
                        member: "ZW".into(),
                        points: Points::from_cents(cents),
                        date: c.today,
                        category: "manual".into(),
                        reason: "grant".into(),
                    }).unwrap();
                    decide_ids(&mut s, &c, &[id], Status::Approved, None).unwrap();
                }
                Step::Grant { .. } => {}
                Step::Redeem { day, qty } => {
                    let c = ctx(day);
                    let before = ledger_sum(&s);
                    if let Ok(id) = request(&mut s, &c, "ZW", "GIFT", qty) {
                        let out = decide_redemptions(&mut s, &c, &[id], Status::Approved, None).unwrap();
                        if !out.decided.is_empty() {
                            prop_assert!(before >= out.points(), "approval needs the balance");
                            prop_assert!(ledger_sum(&s).decimal() >= rust_decimal::Decimal::ZERO);
                        }
                    }
                }
            }
        }
        let c = ctx(as_of);
        expire(&mut s, &c, c.today).unwrap();
        let once = ledger_sum(&s);
        let again = expire(&mut s, &c, c.today).unwrap();
        prop_assert_eq!(again.entries, 0);
        prop_assert_eq!(ledger_sum(&s), once);
        let b = balances(s.db(), c.today, Some("ZW")).unwrap();
        prop_assert_eq!(b[0].balance, once, "a balance is the sum of its entries");
    }
}
