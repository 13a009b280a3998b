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
    assert!(e.to_string().contains("newer merit"), "{e}");
    assert_eq!(e.exit_code(), 1);
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
