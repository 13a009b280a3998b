//! The store's schema version: newer stores are refused untouched; older
//! ones are migrated on open.

mod common;
use common::Sandbox;
use merit::store::{SCHEMA_VERSION, Store};

#[test]
fn a_store_from_a_newer_merit_is_refused_and_left_untouched() {
    let s = Sandbox::new();
    s.load_q1();
    drop(Store::open(&s.db()).unwrap());
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    let bytes = std::fs::read(s.db()).unwrap();
    let out = s.merit().args(["standings", "2026-Q1"]).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("written by a newer merit"), "{err}");
    assert!(
        err.contains(&format!("schema {}", SCHEMA_VERSION + 1)),
        "{err}"
    );
    assert_eq!(std::fs::read(s.db()).unwrap(), bytes, "the file changed");
}

#[test]
fn a_build_expecting_an_older_schema_refuses_the_newest_store() {
    let s = Sandbox::new();
    drop(Store::open(&s.db()).unwrap());
    let e = Store::open_expecting(&s.db(), SCHEMA_VERSION - 1)
        .err()
        .expect("refused");
    let said = merit::i18n::error_lines(&e).join("\n");
    assert!(said.contains("newer merit"), "{said}");
    assert!(e.names("store-newer"), "{e}");
    assert_eq!(merit::cli::exit_code(&e), 1);
}

#[test]
fn an_older_store_is_migrated_on_open() {
    let s = Sandbox::new();
    // An empty store at version 0, then every migration in one go.
    drop(Store::open_expecting(&s.db(), 0).unwrap());
    let store = Store::open(&s.db()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    s.load_q1();
    assert!(s.ok(&["recalc"]).starts_with("16 new"));
}

#[test]
fn the_ledger_refuses_edits() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let e = conn
        .execute("UPDATE ledger SET points = 100000", [])
        .unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    assert!(conn.execute("DELETE FROM ledger", []).is_err());
}

#[test]
fn a_ledger_written_before_the_hash_chain_is_chained_on_migration() {
    let s = Sandbox::new();
    drop(Store::open_expecting(&s.db(), 3).unwrap());
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch(
            "INSERT INTO members(code, name, team) VALUES ('ZW', '张伟', 'East'), ('LN', '李娜', 'West');
             INSERT INTO ledger(member, date, kind, points, note, actor, created_at) VALUES
               ('ZW', '2026-01-12', 'manual', 2500, 'a', 'lead', '2026-01-13 09:00:00'),
               ('LN', '2026-01-14', 'manual', 1000, 'b', 'lead', '2026-01-15 09:00:00'),
               ('ZW', '2026-02-01', 'manual', -500, 'c', 'lead', '2026-02-02 09:00:00');",
        )
        .unwrap();
    }
    let out = s.ok(&["verify"]);
    assert!(
        out.starts_with("the store is whole: 3 ledger entries chained, 2 members' balances"),
        "{out}"
    );
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let balances: Vec<i64> = conn
        .prepare("SELECT balance_after FROM ledger ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(balances, vec![2500, 1000, 2000]);
    // Entries written after the migration carry on the same chain.
    s.ok(&["award", "ZW", "3", "--reason", "r", "--date", "2026-03-01"]);
    s.ok(&["approve", "2026-03"]);
    assert!(
        s.ok(&["verify"])
            .starts_with("the store is whole: 4 ledger entries")
    );
}

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn a_new_store_is_readable_only_by_its_owner_and_its_wal_too() {
    let s = Sandbox::new();
    let store = Store::open(&s.db()).unwrap();
    assert_eq!(mode(&s.db()), 0o600);
    // While a connection is open the WAL and shared-memory files exist.
    let wal = s.dir.path().join("store.db-wal");
    s.load_q1();
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);
    drop(store);
}

#[cfg(unix)]
#[test]
fn a_store_in_a_set_group_id_directory_is_shared_with_the_group() {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let s = Sandbox::new();
    let shared = s.dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let db = shared.join("merit.db");
    let store = Store::open(&db).unwrap();
    // 0660, less whatever the umask of the test process takes away.
    let umask = {
        let probe = shared.join("probe");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .open(&probe)
            .unwrap();
        0o666 & !mode(&probe)
    };
    assert_eq!(mode(&db), 0o660 & !umask);
    drop(store);
}

/// A store with decided awards under schema 6 (before the awards table was
/// rebuilt; ledger entries refer to its rows): migrated, it verifies, keeps
/// its awards and balances, and still enforces its constraints.
#[test]
fn a_store_with_decided_awards_is_migrated_to_the_current_schema() {
    use merit::domain::{Period, Status};
    use merit::ops::decide::{Selection, decide_selection};
    let s = Sandbox::new();
    {
        let (mut store, ctx) = older_merit_imports(&s, 6, &["members", "targets", "activities"]);
        let f = |n: &str| common::fixture("q1").join(n);
        merit::ops::rules::import_rules(&mut store, &ctx, &f("rules.toml"), false).unwrap();
        merit::ops::recalc::recalc(&mut store, &ctx, None, false).unwrap();
        let sel = Selection {
            period: Period::parse("2026-02").unwrap(),
            member: None,
            rule_id: None,
        };
        decide_selection(&mut store, &ctx, &sel, Status::Approved, None).unwrap();
        assert_eq!(store.schema_version().unwrap(), 6);
    }
    let before = s.ok(&["standings", "2026-Q1"]);
    let verified = s.ok(&["verify"]);
    assert!(verified.starts_with("the store is whole: "), "{verified}");
    assert_eq!(s.ok(&["standings", "2026-Q1"]), before);
    // Approving after the migration carries each member's balance on.
    s.ok(&["approve", "2026-Q1"]);
    let verified = s.ok(&["verify"]);
    assert!(
        verified.starts_with("the store is whole: 16 ledger entries"),
        "{verified}"
    );
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let bad = conn.execute("UPDATE awards SET status = 'maybe' WHERE id = 1", []);
    assert!(bad.unwrap_err().to_string().contains("CHECK"));
    let n: i64 = conn
        .query_row("SELECT count(*) FROM member_balances", [], |r| r.get(0))
        .unwrap();
    assert!(n > 0);
}

/// An activities import checks each row's member itself and has SQLite skip
/// its own lookup (issue 24); the next write must have SQLite check
/// foreign keys again, and an unknown member in the file still fails it
/// with nothing written.
#[test]
fn foreign_keys_are_checked_again_after_an_activities_import() {
    use merit::domain::{Activity, parse_date};
    use merit::ops::Context;
    use merit::ops::import::{ImportKind, import_reader};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("m.db")).unwrap();
    let ctx = Context::new(parse_date("2026-03-31").unwrap(), "lead");
    import_reader(
        &mut store,
        &ctx,
        ImportKind::Members,
        "m.csv",
        "code,name,team\nAA,张伟,East\n".as_bytes(),
    )
    .unwrap();
    let bad = "ref,member,kind,date,amount\nR1,AA,deal,2026-03-02,100\nR2,ZZ,deal,2026-03-02,100\n";
    let e = import_reader(
        &mut store,
        &ctx,
        ImportKind::Activities,
        "a.csv",
        bad.as_bytes(),
    )
    .expect_err("an unknown member fails the import");
    let said: Vec<String> = e
        .messages()
        .iter()
        .map(|m| merit::i18n::word_in(merit::i18n::Lang::En, m))
        .collect();
    assert!(
        said.iter()
            .any(|l| l.starts_with("a.csv:3: member: unknown member 'ZZ'")),
        "{said:?}"
    );
    let good = "ref,member,kind,date,amount\nR1,AA,deal,2026-03-02,100\n";
    import_reader(
        &mut store,
        &ctx,
        ImportKind::Activities,
        "a.csv",
        good.as_bytes(),
    )
    .unwrap();
    let tx = store.write().unwrap();
    let stray = Activity {
        reference: "R9".into(),
        member: "NOBODY".into(),
        kind: "deal".into(),
        date: parse_date("2026-03-03").unwrap(),
        amount: 1.into(),
        attrs: Default::default(),
    };
    let e = tx.insert_activity(&stray).expect_err("SQLite refuses it");
    assert!(e.to_string().contains("FOREIGN KEY"), "{e}");
}

/// A merit whose key the store's seal refuses does not bring the store up
/// to its schema (nothing written): migrated, the schema would no longer
/// be the one the seal covers, and the store's own key would find it
/// changed behind merit's back. The store's key migrates it, whole.
#[test]
fn a_store_is_not_migrated_by_a_merit_whose_key_its_seal_refuses() {
    let s = Sandbox::with_default_key();
    drop(older_merit_imports(
        &s,
        SCHEMA_VERSION - 1,
        &["members", "activities"],
    ));
    let bytes = std::fs::read(s.db()).unwrap();
    let other = s.other_key();
    for lang in ["en", "zh-CN"] {
        let out = s
            .merit()
            .env("MERIT_KEY", &other)
            .env("MERIT_LANG", lang)
            .args(["standings", "2026-Q1"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        let said = match lang {
            "en" => "but its seal does not verify with this key (MERIT_KEY); nothing was written",
            _ => "但封签与此密钥（MERIT_KEY）不符；未写入任何内容",
        };
        assert!(err.contains(said), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read(s.db()).unwrap(), bytes, "the file changed");
    assert!(s.ok(&["verify"]).starts_with("the store is whole"));
    let store = Store::open(&s.db()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

/// A store made at schema `version` by a build that knows no later one (an
/// older merit), which imported the q1 example's `files` (members.csv …),
/// in order: the store, open, and the context it used.
fn older_merit_imports(s: &Sandbox, version: i64, files: &[&str]) -> (Store, merit::ops::Context) {
    use merit::ops::import::{ImportKind, import_file};
    let mut store = Store::open_expecting(&s.db(), version).unwrap();
    let ctx = merit::ops::Context::new(merit::domain::parse_date("2026-04-10").unwrap(), "lead");
    for file in files {
        let kind = match *file {
            "members" => ImportKind::Members,
            "targets" => ImportKind::Targets,
            _ => ImportKind::Activities,
        };
        let path = common::fixture("q1").join(format!("{file}.csv"));
        import_file(&mut store, &ctx, kind, &path).unwrap();
    }
    (store, ctx)
}
