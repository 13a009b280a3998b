//! The `varied` dataset (issue 42): a dense year made differently from the
//! demo, so the import and first-recalc ratios are not tuned to one
//! generator. 2 000 members in eight teams, 1 000 000 activities of eight
//! kinds the demo does not have (half of them with an empty amount, a few
//! refunds with a negative one), two attribute columns (`channel`, in
//! Chinese, and `product`, often empty), rows in date order with a
//! sequence per kind as a CRM numbers them, and a rule mix of its own:
//! conditions on both attributes, per-amount points, caps, two campaigns,
//! a monthly and a quarterly attainment, a rank rule and a team pool.

use merit::ops::demo::Rng;
use std::fmt::Write as _;

pub const MEMBERS: usize = 2_000;
pub const ACTIVITIES: usize = 1_000_000;
pub const YEAR: i32 = 2026;

/// The CSV's header: the issue's five columns and two attributes.
pub const HEADER: &str = "ref,member,kind,date,amount,channel,product";

const TEAMS: [&str; 8] = [
    "华东一部",
    "华东二部",
    "华南",
    "华北",
    "西南",
    "西北",
    "东北",
    "大客户部",
];
const CHANNELS: [&str; 4] = ["电话", "微信", "上门", "线上"];

/// A kind, its ref prefix, its share of the rows (per mille) and how its
/// amount is drawn.
struct Kind {
    name: &'static str,
    prefix: &'static str,
    per_mille: u64,
    amount: Amount,
}

enum Amount {
    Empty,
    Range(u64, u64),
    Refund,
}

const KINDS: [Kind; 8] = [
    Kind {
        name: "call",
        prefix: "CL",
        per_mille: 340,
        amount: Amount::Empty,
    },
    Kind {
        name: "meeting",
        prefix: "MT",
        per_mille: 160,
        amount: Amount::Empty,
    },
    Kind {
        name: "quote",
        prefix: "QT",
        per_mille: 130,
        amount: Amount::Range(2_000, 400_000),
    },
    Kind {
        name: "contract",
        prefix: "HT",
        per_mille: 110,
        amount: Amount::Range(5_000, 2_000_000),
    },
    Kind {
        name: "renewal",
        prefix: "XF",
        per_mille: 90,
        amount: Amount::Range(1_000, 300_000),
    },
    Kind {
        name: "referral",
        prefix: "TJ",
        per_mille: 60,
        amount: Amount::Empty,
    },
    Kind {
        name: "training",
        prefix: "PX",
        per_mille: 80,
        amount: Amount::Empty,
    },
    Kind {
        name: "refund",
        prefix: "TK",
        per_mille: 30,
        amount: Amount::Refund,
    },
];

fn code(i: usize) -> String {
    format!("R{:04}", i + 1)
}

/// `code,name,team,joined,active`: double-width names, a few inactive.
pub fn members_csv() -> String {
    const FAMILY: [&str; 12] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    ];
    const GIVEN: [&str; 10] = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰"];
    let mut rng = Rng(0x7661_7269_6564);
    let mut out = String::from("code,name,team,joined,active\n");
    for i in 0..MEMBERS {
        let name = format!(
            "{}{}{}",
            FAMILY[rng.range(0, 11) as usize],
            GIVEN[rng.range(0, 9) as usize],
            GIVEN[rng.range(0, 9) as usize]
        );
        let joined = format!("20{:02}-{:02}-01", rng.range(15, 25), rng.range(1, 12));
        let active = if rng.chance(2) { "false" } else { "true" };
        writeln!(out, "{},{name},{},{joined},{active}", code(i), TEAMS[i % 8]).unwrap();
    }
    out
}

/// `member,period,metric,target`: a monthly contract target and a
/// quarterly renewal target for every member.
pub fn targets_csv() -> String {
    let mut rng = Rng(0x7461_7267);
    let mut out = String::from("member,period,metric,target\n");
    for i in 0..MEMBERS {
        for m in 1..=12 {
            let t = rng.range(20, 120) * 10_000;
            writeln!(out, "{},{YEAR}-{m:02},contract,{t}", code(i)).unwrap();
        }
        for q in 1..=4 {
            let t = rng.range(10, 60) * 10_000;
            writeln!(out, "{},{YEAR}-Q{q},renewal,{t}", code(i)).unwrap();
        }
    }
    out
}

/// The activities CSV: `ACTIVITIES` rows spread evenly over the year's
/// days, in date order, each kind numbered in sequence (`HT-0000001`).
pub fn activities_csv() -> String {
    let mut rng = Rng(0x6163_7473);
    let mut seq = [0u64; KINDS.len()];
    let mut out = String::with_capacity(ACTIVITIES * 48);
    out.push_str(HEADER);
    out.push('\n');
    let start = chrono::NaiveDate::from_ymd_opt(YEAR, 1, 1).unwrap();
    let days = 365usize;
    for n in 0..ACTIVITIES {
        let date = start + chrono::Days::new((n * days / ACTIVITIES) as u64);
        let mut pick = rng.range(0, 999);
        let k = KINDS
            .iter()
            .position(|k| {
                if pick < k.per_mille {
                    true
                } else {
                    pick -= k.per_mille;
                    false
                }
            })
            .unwrap_or(0);
        let kind = &KINDS[k];
        seq[k] += 1;
        // Members are not equally busy: a third of the team does half the work.
        let member = if rng.chance(50) {
            rng.range(0, MEMBERS as u64 / 3 - 1)
        } else {
            rng.range(0, MEMBERS as u64 - 1)
        } as usize;
        let amount = match kind.amount {
            Amount::Empty => String::new(),
            Amount::Range(lo, hi) => {
                let yuan = rng.range(lo, hi);
                if rng.chance(30) {
                    format!("{yuan}.{:02}", rng.range(0, 99))
                } else {
                    yuan.to_string()
                }
            }
            Amount::Refund => format!("-{}", rng.range(100, 50_000)),
        };
        let channel = if rng.chance(10) {
            ""
        } else {
            CHANNELS[rng.range(0, 3) as usize]
        };
        let product = match kind.name {
            "quote" | "contract" | "renewal" | "refund" => {
                ["A", "B", "C"][rng.range(0, 2) as usize]
            }
            _ => "",
        };
        writeln!(
            out,
            "{}-{:07},{},{},{date},{amount},{channel},{product}",
            kind.prefix,
            seq[k],
            code(member),
            kind.name
        )
        .unwrap();
    }
    out
}

/// The dataset's rules: every kind of rule, none of the demo's.
pub const RULES: &str = r#"
[[rules]]
id = "call"
name = "Call"
category = "customer"
kind = "per_event"
event = "call"
points = 1
cap = { points = 40, per = "month" }

[[rules]]
id = "meeting"
name = "Meeting"
category = "customer"
kind = "per_event"
event = "meeting"
points = 4

[[rules]]
id = "meeting-onsite"
name = "Meeting on site"
category = "customer"
kind = "per_event"
event = "meeting"
when = { channel = "上门" }
points = 2
cap = { points = 60, per = "quarter" }

[[rules]]
id = "quote"
name = "Quote sent"
category = "performance"
kind = "per_event"
event = "quote"
points = 2
per_amount = { unit = 100000, points = 1 }

[[rules]]
id = "contract"
name = "Contract signed"
category = "performance"
kind = "per_event"
event = "contract"
points = 15
per_amount = { unit = 5000, points = 1 }
cap = { points = 800, per = "month" }

[[rules]]
id = "contract-a"
name = "Product A contract"
category = "growth"
kind = "per_event"
event = "contract"
when = { product = "A", channel = "上门" }
points = 10

[[rules]]
id = "renewal"
name = "Renewal"
category = "performance"
kind = "per_event"
event = "renewal"
points = 5
per_amount = { unit = 20000, points = 2 }
valid_to = "2026-06-30"

[[rules]]
id = "renewal"
name = "Renewal"
category = "performance"
kind = "per_event"
event = "renewal"
points = 6
per_amount = { unit = 20000, points = 3 }
valid_from = "2026-07-01"

[[rules]]
id = "referral"
name = "Referral"
category = "growth"
kind = "per_event"
event = "referral"
points = 25

[[rules]]
id = "training"
name = "Training given"
category = "collaboration"
kind = "per_event"
event = "training"
points = 6
cap = { points = 18, per = "month" }

[[rules]]
id = "refund"
name = "Refund"
category = "penalty"
kind = "per_event"
event = "refund"
points = -1
per_amount = { unit = 1000, points = 1 }

[[rules]]
id = "m-contract"
name = "Monthly contract attainment"
category = "performance"
kind = "attainment"
event = "contract"
per = "month"
tiers = [ { at = 0.5, points = 10 }, { at = 0.9, points = 25 }, { at = 1.2, points = 50 } ]

[[rules]]
id = "q-renewal"
name = "Quarterly renewal attainment"
category = "performance"
kind = "attainment"
event = "renewal"
per = "quarter"
tiers = [ { at = 1.0, points = 40 } ]
accelerator = { above = 1.0, points_per_percent = 1 }

[[rules]]
id = "spring"
name = "Spring campaign"
category = "performance"
kind = "multiplier"
rules = ["contract", "referral"]
factor = 2
from = "2026-03-01"
to = "2026-03-31"

[[rules]]
id = "autumn"
name = "Autumn campaign"
category = "performance"
kind = "multiplier"
rules = ["contract", "quote"]
factor = 1.25
from = "2026-09-01"
to = "2026-09-30"

[[rules]]
id = "quarter-top"
name = "Quarter's top three"
category = "honour"
kind = "rank"
per = "quarter"
places = [{ rank = 1, points = 150, title = "Top seller" }, { rank = 2, points = 80 }, { rank = 3, points = 40 }]

[[rules]]
id = "training-pool"
name = "Team training pool"
category = "collaboration"
kind = "team_pool"
events = ["training"]
points = 1
per = "quarter"
split = "activities"
"#;
