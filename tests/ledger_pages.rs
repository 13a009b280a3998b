//! The Ledger's pages (issue 24): read a page at a time by key, forwards
//! and backwards, through every status group and the postings beside the
//! awards, they are the view's rows in its order, none missed and none
//! twice: held to one query that sorts the whole view.

mod common;
use common::Sandbox;
use merit::domain::{Period, Status};
use merit::store::{AwardView, LineKey, Page, Store};

/// A demo store with some redemptions approved: postings among the awards.
fn store() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["demo", "--members", "12", "--seed", "3"]);
    for id in ["1", "2", "3"] {
        let _ = s.merit().args(["redemptions", "approve", id]).output();
    }
    s
}

/// The view's keys as one sorting query has them.
fn sorted_keys(s: &Sandbox, view: &AwardView) -> Vec<(i64, String, i64, i64)> {
    let (from, to) = (view.from.unwrap().to_string(), view.to.unwrap().to_string());
    let (status, postings) = match view.status {
        None => ("'pending', 'approved', 'rejected'".to_string(), true),
        Some(st) => (format!("'{}'", st.as_str()), st == Status::Approved),
    };
    let group = if view.status.is_some() {
        "0"
    } else {
        "CASE status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END"
    };
    let mut sql = format!(
        "SELECT {group}, date, 0, id FROM awards WHERE status IN ({status}) AND date BETWEEN '{from}' AND '{to}'"
    );
    if postings {
        let g = if view.status.is_some() { 0 } else { 1 };
        sql.push_str(&format!(
            " UNION ALL SELECT {g}, date, 1, id FROM ledger WHERE kind IN ('redemption', 'expiry') AND date BETWEEN '{from}' AND '{to}'"
        ));
    }
    sql.push_str(" ORDER BY 1, 2, 3, 4");
    let int = |v: &Option<String>| v.as_deref().unwrap().parse::<i64>().unwrap();
    common::texts(&s.db(), &sql)
        .iter()
        .map(|r| (int(&r[0]), r[1].clone().unwrap(), int(&r[2]), int(&r[3])))
        .collect()
}

fn key(k: &LineKey) -> (i64, String, i64, i64) {
    (k.group, k.date.clone(), k.posting, k.id)
}

#[test]
fn pages_forwards_and_backwards_are_the_view_in_order() {
    let s = store();
    let store = Store::open(&s.db()).unwrap();
    let db = store.db();
    let year = Period::parse("2026").unwrap();
    let mut checked_postings = false;
    for status in [None, Some(Status::Approved), Some(Status::Pending)] {
        let view = AwardView {
            from: Some(year.start()),
            to: Some(year.end()),
            status,
            ..AwardView::default()
        };
        let want = sorted_keys(&s, &view);
        assert!(want.len() > 20, "{status:?}: {}", want.len());
        checked_postings |= want.iter().any(|k| k.2 == 1);
        assert_eq!(db.award_line_count(&view).unwrap(), want.len());

        let mut forwards = Vec::new();
        let mut page = Page::First;
        loop {
            let lines = db.award_lines(&view, &page, 7).unwrap();
            let Some(last) = lines.last() else { break };
            page = Page::After(last.key.clone());
            forwards.extend(lines.iter().map(|l| key(&l.key)));
        }
        assert_eq!(forwards, want, "{status:?} forwards");

        let mut backwards = Vec::new();
        let mut page = Page::Last;
        loop {
            let lines = db.award_lines(&view, &page, 5).unwrap();
            let Some(first) = lines.first() else { break };
            page = Page::Before(first.key.clone());
            let mut keys: Vec<_> = lines.iter().map(|l| key(&l.key)).collect();
            keys.append(&mut backwards);
            backwards = keys;
        }
        assert_eq!(backwards, want, "{status:?} backwards");
    }
    assert!(
        checked_postings,
        "the demo's approved redemptions are postings"
    );
}

#[test]
fn output_piped_into_a_reader_that_quits_ends_quietly() {
    let s = store();
    #[allow(deprecated)]
    let bin = assert_cmd::cargo::cargo_bin("merit");
    let mut child = std::process::Command::new(bin)
        .env("MERIT_DB", s.db())
        .env("MERIT_KEY", s.key())
        .env("MERIT_TODAY", "2026-04-10")
        .env("MERIT_LANG", "en")
        .args(["ledger"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader quits before reading a line, as `| head -0` does.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}
