//! A recalc of several years scores the next year on a second thread while
//! it writes the year before, and a first recalc of many activities builds
//! two award indexes at the end: neither may change what is written.

mod common;
use common::{Sandbox, fixture};
use merit::ops::Context;
use merit::store::Store;

/// Activities over three years for the q1 members, `per_year` a year.
fn three_years(per_year: usize) -> String {
    let members = ["ZW", "LN", "WF", "JS"];
    let kinds = ["deal", "visit", "new_customer", "complaint", "deal"];
    let mut csv = String::from("ref,member,kind,date,amount,customer_tier\n");
    for year in 2024..=2026 {
        for i in 0..per_year {
            let kind = kinds[i % kinds.len()];
            let amount = if kind == "deal" {
                10_000 * (1 + i % 17)
            } else {
                0
            };
            csv.push_str(&format!(
                "Y{year}-{i:06},{},{kind},{year}-{:02}-{:02},{amount},{}\n",
                members[(i / 3) % members.len()],
                1 + i % 12,
                1 + i % 28,
                ["A", "B"][i % 2],
            ));
        }
    }
    csv
}

fn loaded(activities: &str) -> Sandbox {
    // Recalculated in this process too: one key for both.
    let s = Sandbox::with_default_key();
    let f = |n: &str| fixture("q1").join(n).display().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    s.ok(&["import", "targets", &f("targets.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    let path = s.file("a.csv", activities);
    s.ok(&["import", "activities", &path]);
    s
}

/// The awards as a lead sees them, in id order.
fn awards(s: &Sandbox) -> Vec<String> {
    let c = rusqlite::Connection::open(s.db()).unwrap();
    c.prepare(
        "SELECT id, kind, rule_id, member, subject, date, points, category, explanation, status, \
         explain FROM awards ORDER BY id",
    )
    .unwrap()
    .query_map([], |r| {
        Ok((0..11)
            .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn indexes(s: &Sandbox) -> Vec<String> {
    let c = rusqlite::Connection::open(s.db()).unwrap();
    c.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'awards' ORDER BY name",
    )
    .unwrap()
    .query_map([], |r| r.get(0))
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The same recalc on one thread, inside a transaction the way a rule
/// save or the demo runs it.
fn recalc_on_one_thread(s: &Sandbox) {
    let mut store = Store::open(&s.db()).unwrap();
    let ctx = Context::new(merit::domain::parse_date("2026-04-10").unwrap(), "lead");
    let tx = store.write().unwrap();
    merit::ops::recalc::recalc_in(&tx, &ctx, None).unwrap();
    tx.commit().unwrap();
}

fn same_either_way(per_year: usize) {
    let csv = three_years(per_year);
    let ahead = loaded(&csv);
    let out = ahead.ok(&["recalc"]);
    assert!(out.contains(" new, "), "{out}");
    let here = loaded(&csv);
    let before = indexes(&here);
    recalc_on_one_thread(&here);
    let written = awards(&ahead);
    assert!(written.len() > per_year, "{}", written.len());
    assert_eq!(written, awards(&here));
    assert_eq!(indexes(&ahead), before, "every award index is there");
    assert_eq!(indexes(&here), before);
    assert!(ahead.ok(&["verify"]).starts_with("the store is whole"));
    // Nothing is left to do, either way.
    let nothing = "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n";
    assert_eq!(ahead.ok(&["recalc"]), nothing);
    assert_eq!(here.ok(&["recalc"]), nothing);
}

#[test]
fn scoring_ahead_writes_what_one_thread_writes() {
    same_either_way(300);
}

#[test]
fn a_bulk_first_recalc_writes_what_one_thread_writes_and_keeps_its_indexes() {
    // 51 000 activities and no awards: a bulk write.
    same_either_way(17_000);
}

#[test]
fn a_bulk_first_recalc_writes_what_writing_award_by_award_writes() {
    // All three years appended in bulk, against the first year in bulk
    // and the next two written one award at a time (awards are stored by
    // then, so those recalcs are not bulk writes).
    let csv = three_years(17_000);
    let bulk = loaded(&csv);
    bulk.ok(&["recalc"]);
    let by_award = loaded(&csv);
    for year in ["2024", "2025", "2026"] {
        by_award.ok(&["recalc", year]);
    }
    let written = awards(&bulk);
    assert!(written.len() > 17_000, "{}", written.len());
    assert_eq!(written, awards(&by_award));
    assert_eq!(indexes(&bulk), indexes(&by_award));
}
