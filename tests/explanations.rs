//! Explanations as data (issue 40): a store from before them keeps its
//! English explanations through the migration (resealed whole, still
//! writable); a new award's explanation reads in Chinese on a Chinese
//! statement, and the CSV and JSON for scripts keep the English.

mod common;
use common::{Sandbox, fixture};
use merit::store::Store;

fn explanations(s: &Sandbox) -> Vec<(i64, String, Option<String>)> {
    let c = rusqlite::Connection::open(s.db()).unwrap();
    let has = c
        .prepare("SELECT 1 FROM pragma_table_info('awards') WHERE name = 'explain'")
        .unwrap()
        .exists([])
        .unwrap();
    let sql = if has {
        "SELECT id, explanation, explain FROM awards ORDER BY id"
    } else {
        "SELECT id, explanation, NULL FROM awards ORDER BY id"
    };
    c.prepare(sql)
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The q1 store as merit of schema `version` wrote it (today's code
/// playing it: `Store::open_expecting`), recalculated and February
/// approved.
fn q1_written_by(s: &Sandbox, version: i64) {
    use merit::domain::{Period, Status};
    use merit::ops::decide::{Selection, decide_selection};
    use merit::ops::import::{ImportKind, import_file};
    {
        let mut store = Store::open_expecting(&s.db(), version).unwrap();
        let ctx =
            merit::ops::Context::new(merit::domain::parse_date("2026-04-10").unwrap(), "lead");
        let f = |n: &str| fixture("q1").join(n);
        import_file(&mut store, &ctx, ImportKind::Members, &f("members.csv")).unwrap();
        import_file(&mut store, &ctx, ImportKind::Targets, &f("targets.csv")).unwrap();
        import_file(
            &mut store,
            &ctx,
            ImportKind::Activities,
            &f("activities.csv"),
        )
        .unwrap();
        merit::ops::rules::import_rules(&mut store, &ctx, &f("rules.toml"), false).unwrap();
        merit::ops::recalc::recalc(&mut store, &ctx, None, false).unwrap();
        let sel = Selection {
            period: Period::parse("2026-02").unwrap(),
            member: None,
            rule_id: None,
        };
        decide_selection(&mut store, &ctx, &sel, Status::Approved, None).unwrap();
    }
}

/// A sealed store of schema 16, its explanations English text only:
/// opened by this merit it is migrated and resealed in one write (the
/// migration changes the schema the seal covers), verifies whole, keeps
/// every explanation as it was, shows them as they are, and takes writes.
#[test]
fn a_sealed_store_from_before_explanations_as_data_keeps_its_explanations() {
    let s = Sandbox::with_default_key();
    q1_written_by(&s, 16);
    // As merit 16 left it: no explanations as data, but their English,
    // sealed so.
    {
        let ids: Vec<i64> = explanations(&s).iter().map(|(id, _, _)| *id).collect();
        let store = Store::open_expecting(&s.db(), 16).unwrap();
        let english: Vec<(i64, String)> = ids
            .iter()
            .map(|&id| {
                (
                    id,
                    store
                        .db()
                        .award(id)
                        .unwrap()
                        .unwrap()
                        .english()
                        .into_owned(),
                )
            })
            .collect();
        drop(store);
        let c = rusqlite::Connection::open(s.db()).unwrap();
        for (id, text) in english {
            c.execute(
                "UPDATE awards SET explanation = ?2 WHERE id = ?1",
                rusqlite::params![id, text],
            )
            .unwrap();
        }
        c.execute_batch(
            "UPDATE awards SET explain = NULL; ALTER TABLE awards DROP COLUMN explain;",
        )
        .unwrap();
    }
    {
        let mut store = Store::open_expecting(&s.db(), 16).unwrap();
        assert_eq!(store.schema_version().unwrap(), 16);
        let tx = store.write_accepting().unwrap();
        tx.accept_inputs_as_they_are().unwrap();
        tx.commit().unwrap();
    }
    let before = explanations(&s);
    assert!(before.len() > 10 && before.iter().all(|(_, e, j)| !e.is_empty() && j.is_none()));

    let verified = s.ok(&["verify"]);
    assert!(verified.starts_with("the store is whole: "), "{verified}");
    assert_eq!(
        Store::open(&s.db()).unwrap().schema_version().unwrap(),
        merit::store::SCHEMA_VERSION
    );
    assert_eq!(explanations(&s), before, "older awards keep their English");
    // Scripts read them as before; a Chinese statement shows them as they are.
    let csv = s.ok(&["ledger", "--format", "csv"]);
    for (_, e, _) in &before {
        assert!(csv.contains(e.as_str()), "{e} in\n{csv}");
    }
    // A Chinese statement shows them in the English they were written in
    // (there is nothing else to word them from), each rule by its name.
    let zh = s.ok(&["--lang", "zh-CN", "statement", "ZW", "2026-Q1"]);
    assert!(zh.contains("Signed deal D-001 on 2026-01-12: 10"), "{zh}");
    assert!(zh.contains("积分明细"), "{zh}");
    let store = Store::open(&s.db()).unwrap();
    let older = store.db().award(1).unwrap().unwrap();
    assert!(older.explain.is_none());
    let names = merit::i18n::names::RuleNames::read(
        store.db(),
        merit::i18n::Lang::ZhCn,
        merit::domain::parse_date("2026-04-10").unwrap(),
    )
    .unwrap();
    let worded = merit::i18n::explain::of_award(merit::i18n::Lang::ZhCn, &older, &names);
    assert!(worded.starts_with("Signed deal D-001 on "), "{worded}");
    assert_eq!(
        merit::i18n::explain::of_award(merit::i18n::Lang::En, &older, &names),
        older.stored_english
    );
    drop(store);
    // The migrated store takes writes, and a new award has its explanation
    // as data.
    s.ok(&[
        "award",
        "ZW",
        "5",
        "--reason",
        "mentoring",
        "--date",
        "2026-03-30",
    ]);
    let after = explanations(&s);
    let (_, english, json) = after.last().unwrap();
    // Kept as data alone (schema 19): the ledger words its English.
    assert_eq!(english, "");
    assert!(json.as_deref().unwrap_or("").contains("\"manual\""));
    let csv = s.ok(&["ledger", "--format", "csv"]);
    assert!(csv.contains("manual: mentoring"), "{csv}");
    let verified = s.ok(&["verify"]);
    assert!(verified.starts_with("the store is whole: "), "{verified}");
}

/// A store of schema 18 kept each award's English beside its whole
/// explanation as data; from schema 19 an award keeps the data alone,
/// without what its own columns say. Opened by this merit, the older
/// awards read as they did (the ledger's CSV byte for byte), a recalc
/// finds nothing to change in them, and an award the recalc does rewrite
/// is written the new way and reads the same.
#[test]
fn a_store_of_schema_18_reads_as_before_and_its_recalc_changes_nothing() {
    let s = Sandbox::with_default_key();
    q1_written_by(&s, 18);
    let csv = s.ok(&["ledger", "--format", "csv"]);
    // As merit 18 wrote them: the English beside the whole data.
    let whole: Vec<(i64, String, String)> = {
        let store = Store::open(&s.db()).unwrap();
        explanations(&s)
            .iter()
            .map(|(id, _, _)| {
                let a = store.db().award(*id).unwrap().unwrap();
                let data = a.explained().unwrap();
                (*id, a.english().into_owned(), data.to_json())
            })
            .collect()
    };
    assert!(whole.len() > 10, "{whole:?}");
    let c = rusqlite::Connection::open(s.db()).unwrap();
    for (id, english, json) in &whole {
        c.execute(
            "UPDATE awards SET explanation = ?2, explain = ?3 WHERE id = ?1",
            rusqlite::params![id, english, json],
        )
        .unwrap();
    }
    c.pragma_update(None, "user_version", 18).unwrap();
    drop(c);
    {
        let mut store = Store::open_expecting(&s.db(), 18).unwrap();
        assert_eq!(store.schema_version().unwrap(), 18);
        let tx = store.write_accepting().unwrap();
        tx.accept_inputs_as_they_are().unwrap();
        tx.commit().unwrap();
    }
    let kept = explanations(&s);
    assert!(
        kept.iter()
            .all(|(_, e, j)| !e.is_empty() && j.as_deref().unwrap_or("").contains("\"rule\"")),
        "{kept:?}"
    );
    assert_eq!(s.ok(&["ledger", "--format", "csv"]), csv);
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 0 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    assert_eq!(
        explanations(&s),
        kept,
        "the older awards are left as they are"
    );
    assert_eq!(
        Store::open(&s.db()).unwrap().schema_version().unwrap(),
        merit::store::SCHEMA_VERSION
    );
    // D-001's pending awards (the deal, and January's attainment it
    // counts in) are rewritten, the new way: no English beside the data,
    // and the data without its rule, subject (or period) and date.
    let fixed = s.file(
        "fix.csv",
        "ref,member,kind,date,amount,customer_tier\nD-001,ZW,deal,2026-01-12,130000,A\n",
    );
    s.ok(&["import", "activities", &fixed]);
    assert_eq!(
        s.ok(&["recalc"]),
        "0 new, 2 changed, 0 withdrawn, 0 adjustments, 0 skipped\n"
    );
    let after = explanations(&s);
    let changed: Vec<_> = after.iter().filter(|row| !kept.contains(row)).collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    let ledger = s.ok(&["ledger", "--format", "csv"]);
    for (id, english, json) in changed {
        assert_eq!(english, "");
        let json = json.as_deref().unwrap();
        for repeated in ["\"rule\"", "\"subject\"", "\"period\"", "\"date\""] {
            assert!(!json.contains(repeated), "{repeated} in {json}");
        }
        let line = ledger
            .lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap();
        assert!(
            line.contains("D-001 on 2026-01-12: 10") || line.contains("2026-Q1: deal"),
            "{line}"
        );
    }
    let verified = s.ok(&["verify"]);
    assert!(verified.starts_with("the store is whole: "), "{verified}");
}

/// The words a Chinese line may hold that are not Chinese: what a user
/// typed or imported (rule ids, refs, metrics, codes, periods, the actor).
fn data_word(w: &str) -> bool {
    const IDS: &[&str] = &[
        "deal",
        "deal-tier-a",
        "new-customer",
        "complaint",
        "q-attain",
        "sprint-week",
        "lead",
    ];
    IDS.contains(&w)
        || w.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
        || (w.len() > 2 && w.starts_with(['D', 'N', 'C', 'M']) && w[1..].starts_with('-'))
        || (w.len() == 7 && w.contains("-Q"))
}

/// The q1 rules' names in Chinese.
const CHINESE_NAMES: [(&str, &str); 6] = [
    ("Signed deal", "签约"),
    ("Deal with a tier-A customer", "重点客户签约"),
    ("New customer", "新客户"),
    ("Customer complaint", "客户投诉"),
    ("Quarterly attainment", "季度达成"),
    ("March sprint week", "三月冲刺周"),
];

/// A new award's explanation reads in Chinese on a Chinese statement and
/// page, with no English word of merit's own: per-event figures, a
/// multiplier, attainment with its accelerator, an adjustment of an
/// approved award, a dispute; the CSV and JSON keep the English.
#[test]
fn a_chinese_statement_words_new_explanations_in_chinese() {
    let s = Sandbox::new();
    let f = |n: &str| fixture("q1").join(n).display().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    s.ok(&["import", "targets", &f("targets.csv")]);
    s.ok(&["import", "activities", &f("activities.csv")]);
    // The rules under Chinese names, as a Chinese team names them.
    let mut rules = std::fs::read_to_string(f("rules.toml")).unwrap();
    for (en, zh) in CHINESE_NAMES {
        rules = rules.replace(&format!("name = \"{en}\""), &format!("name = \"{zh}\""));
    }
    let rules = s.file("rules.toml", &rules);
    s.ok(&["rules", "import", &rules]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    // The CRM corrects D-003: the approved award is adjusted.
    let fixed = s.file(
        "fix.csv",
        "ref,member,kind,date,amount,customer_tier\nD-003,ZW,deal,2026-03-03,160000,A\n",
    );
    s.ok(&["import", "activities", &fixed]);
    s.ok(&["recalc"]);
    s.ok(&["dispute", "1", "--reason", "金额有误"]);

    let store = Store::open(&s.db()).unwrap();
    let today = merit::domain::parse_date("2026-04-10").unwrap();
    let period = merit::domain::Period::parse("2026-Q1").unwrap();
    let st = merit::ops::statement::statement(store.db(), "ZW", period, today).unwrap();
    let zh = s.ok(&["--lang", "zh-CN", "statement", "ZW", "2026-Q1"]);
    let csv = s.ok(&["statement", "ZW", "2026-Q1", "--format", "csv"]);
    let json = s.ok(&["statement", "ZW", "2026-Q1", "--format", "json"]);
    let names =
        merit::i18n::names::RuleNames::read(store.db(), merit::i18n::Lang::ZhCn, today).unwrap();
    // Rules by their names, in the table and in the explanations.
    assert!(zh.contains("签约：D-003（2026-03-03）"), "{zh}");
    assert!(zh.contains("三月冲刺周 倍数 ×1.5"), "{zh}");
    assert!(zh.contains("季度达成 2026-Q1"), "{zh}");
    let md = s.ok(&[
        "--lang",
        "zh-CN",
        "statement",
        "ZW",
        "2026-Q1",
        "--format",
        "markdown",
    ]);
    assert!(
        md.contains("| 规则积分 签约 D\\-003 | 37.5 | 已批准 |"),
        "{md}"
    );
    let ledger = s.ok(&["--lang", "zh-CN", "ledger", "--member", "ZW"]);
    assert!(ledger.contains("重点客户签约"), "{ledger}");
    assert!(!ledger.contains("deal-tier-a"), "{ledger}");
    let mut kinds = std::collections::BTreeSet::new();
    for l in &st.lines {
        let e = l
            .why
            .explain
            .as_ref()
            .expect("a new award's explanation is data");
        kinds.insert(format!("{:?}", std::mem::discriminant(e)));
        let words = merit::i18n::explain::of_line(merit::i18n::Lang::ZhCn, l, &names);
        assert!(zh.contains(&words), "{words}\nnot in\n{zh}");
        let english: Vec<&str> = words
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()) && !data_word(w))
            .collect();
        assert!(english.is_empty(), "{english:?} in {words}");
        assert!(
            words
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{words}"
        );
        // Scripts read the English, as before.
        assert!(csv.contains(&l.explanation) && json.contains(&l.explanation));
        assert_eq!(
            merit::i18n::explain::of_line(merit::i18n::Lang::En, l, &names),
            l.explanation
        );
    }
    assert!(st.lines.iter().any(|l| l.kind == "adjustment"), "{zh}");
    assert!(st.lines.iter().any(|l| l.why.dispute.is_some()), "{zh}");
    assert!(kinds.len() >= 3, "{kinds:?}");
    // The published Chinese page says the same.
    let out = s.dir.path().join("site");
    s.ok(&[
        "publish",
        "2026-Q1",
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "zh-CN",
    ]);
    let page = std::fs::read_to_string(out.join("m/ZW.html")).unwrap();
    assert!(page.contains("三月冲刺周 倍数 ×1.5"), "{page}");
    assert!(page.contains("签约 D-003"), "{page}");
    assert!(!page.contains("sprint-week ×1.5 ="), "{page}");
}
