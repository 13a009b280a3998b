//! A seal no ordinary write can launder (issue 37): every write checks,
//! before it changes anything, that the store is still what its last seal
//! says; a forgery, a rollback or an edit behind merit's back is refused by
//! the next write wherever it moved a head, a digest or the checkpoint,
//! and `verify` names it still after any write. Recovery is one audited
//! command. Checkpoints follow the store's canonical path; the key is
//! checked; a fixed date is audited; damage is found by `verify` first.

mod common;
use common::Sandbox;
use rusqlite::Connection;
use std::path::Path;

/// What every refused write says first.
const REFUSED: &str = "merit: the store changed outside merit since it was last sealed: ";

/// The q1 store, recalculated, the quarter approved, a reward redeemed, a
/// penalty given and approved.
fn q1() -> Sandbox {
    q1_in(Sandbox::new())
}

/// `q1` in a file whatever the suites run on: what the sqlite3 shell
/// edits, and a file put back (tests/postgres.rs does the same to a
/// database).
fn q1_file() -> Sandbox {
    q1_in(Sandbox::file_only())
}

fn q1_in(s: Sandbox) -> Sandbox {
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let c = s.file(
        "c.csv",
        "code,name,cost,stock,category,limit_qty,limit_per\nGIFT,礼品卡,20,3,gift,2,quarter\n",
    );
    s.ok(&["catalog", "import", &c]);
    s.ok(&["redeem", "ZW", "GIFT"]);
    s.ok(&["redemptions", "approve", "1"]);
    s.ok(&[
        "award",
        "LN",
        "-5",
        "--reason",
        "late report",
        "--date",
        "2026-03-20",
    ]);
    s.ok(&["approve", "2026-Q1"]);
    s.ok(&["close", "2026-01"]);
    s
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn verify(s: &Sandbox) -> (i32, String) {
    let out = s.merit().arg("verify").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out),
    )
}

/// A forgery as the sqlite3 shell makes it (every guard dropped); with
/// `rechain`, every plain hash, balance, head and plain seal field
/// recomputed as an intruder with merit's source would.
struct Forgery {
    sql: &'static str,
    rechain: bool,
    /// Whether it moves a head, a digest or the checkpoint: the next
    /// write must refuse it.
    moves: bool,
    /// What `verify` says of it, before and after any write.
    says: &'static str,
}

const FORGERIES: &[Forgery] = &[
    Forgery {
        sql: "INSERT INTO ledger(id, member, date, kind, points, award_id, note, actor, created_at) \
              VALUES (1000, 'LN', '2026-03-01', 'manual', 100000000, NULL, 'bonus', 'lead', '2026-03-01 09:00:00')",
        rechain: true,
        moves: true,
        says: "the seal does not verify with this key",
    },
    Forgery {
        sql: "DELETE FROM ledger WHERE kind = 'manual' AND points < 0",
        rechain: true,
        moves: true,
        says: "the seal does not verify with this key",
    },
    Forgery {
        sql: "UPDATE rules SET body = replace(body, '10', '99') WHERE rowid = 1",
        rechain: false,
        moves: true,
        says: "the rule versions differ from those sealed",
    },
    Forgery {
        sql: "UPDATE rewards SET stock = 999",
        rechain: false,
        moves: true,
        says: "the rewards and stock differ from those sealed",
    },
    Forgery {
        sql: "DELETE FROM closed_periods",
        rechain: false,
        moves: true,
        says: "the closed periods differ from those sealed",
    },
    Forgery {
        sql: "UPDATE redemptions SET points = 1",
        rechain: false,
        moves: true,
        says: "the redemptions differ from those sealed",
    },
    Forgery {
        sql: "UPDATE reward_limits SET limit_qty = 99",
        rechain: false,
        moves: true,
        says: "the reward limits differ from those sealed",
    },
    Forgery {
        sql: "UPDATE audit SET detail = 'nothing happened' WHERE id = 3",
        rechain: false,
        moves: false,
        says: "audit entry 3: its fields do not match its hash",
    },
    Forgery {
        sql: "UPDATE awards SET decided_by = 'boss' WHERE id = 1",
        rechain: false,
        moves: false,
        says: "award 1: its decision (approved by boss",
    },
    Forgery {
        sql: "INSERT INTO ledger(id, member, date, kind, points, award_id, note, actor, created_at, balance_after, prev_hash, hash) \
              SELECT (SELECT max(id) + 1 FROM ledger), member, date, kind, points, award_id, note, actor, created_at, \
              balance_after, prev_hash, hash FROM ledger WHERE award_id IS NOT NULL ORDER BY id LIMIT 1",
        rechain: false,
        moves: false,
        says: "posted 2 times in the ledger",
    },
    Forgery {
        sql: "UPDATE awards SET points = points + 100 WHERE id = 1",
        rechain: false,
        moves: false,
        says: "posts award 1, which is not approved as posted",
    },
    Forgery {
        sql: "UPDATE awards SET date = '2026-03-31' WHERE id = 1",
        rechain: false,
        moves: false,
        says: "award 1: approved, but no ledger entry posts it as it stands",
    },
    Forgery {
        sql: "UPDATE awards SET status = 'rejected' WHERE id = 2",
        rechain: false,
        moves: false,
        says: "award 2: its decision (rejected by",
    },
    Forgery {
        sql: "UPDATE awards SET decision_reason = 'duplicate' WHERE id = 2",
        rechain: false,
        moves: false,
        says: "award 2: its decision",
    },
    Forgery {
        sql: "UPDATE activities SET amount = '999999' WHERE rowid = 1",
        rechain: false,
        moves: false,
        says: "the activities differ from those merit wrote",
    },
    Forgery {
        sql: "UPDATE members SET team = 'Elsewhere' WHERE code = 'ZW'",
        rechain: false,
        moves: false,
        says: "the members differ from those merit wrote",
    },
    Forgery {
        sql: "DELETE FROM targets WHERE rowid = 1",
        rechain: false,
        moves: false,
        says: "the targets differ from those merit wrote",
    },
];

/// The shell on the store with every guard dropped.
fn shell(db: &Path) -> Connection {
    let c = Connection::open(db).unwrap();
    c.execute_batch(
        "DROP TRIGGER IF EXISTS ledger_is_append_only_update; DROP TRIGGER IF EXISTS ledger_is_append_only_delete; \
         DROP TRIGGER IF EXISTS audit_is_append_only_update; DROP TRIGGER IF EXISTS audit_is_append_only_delete;",
    )
    .unwrap();
    c
}

/// Every hash, balance and head recomputed, and the seal's plain fields.
fn rechain(c: &Connection) {
    use merit::store::GENESIS;
    let mut rows: Vec<merit::store::ChainRow> = c
        .prepare("SELECT id, member, date, kind, points, award_id, note, actor, created_at, balance_after, prev_hash, hash FROM ledger ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok(merit::store::ChainRow {
                id: r.get(0)?,
                member: r.get(1)?,
                date: r.get(2)?,
                kind: r.get(3)?,
                points: r.get(4)?,
                award_id: r.get(5)?,
                note: r.get(6)?,
                actor: r.get(7)?,
                created_at: r.get(8)?,
                balance_after: r.get(9)?,
                prev_hash: r.get(10)?,
                hash: r.get(11)?,
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    c.execute_batch("DELETE FROM ledger; DELETE FROM member_balances; DELETE FROM ledger_head;")
        .unwrap();
    let mut prev = GENESIS.to_string();
    let mut balances = std::collections::HashMap::<String, i64>::new();
    for (i, row) in rows.iter_mut().enumerate() {
        row.id = i as i64 + 1;
        let b = balances.entry(row.member.clone()).or_default();
        *b += row.points;
        row.balance_after = Some(*b);
        let h = row.expected_hash(&prev);
        c.execute(
            "INSERT INTO ledger(id, member, date, kind, points, award_id, note, actor, created_at, balance_after, prev_hash, hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
            rusqlite::params![row.id, row.member, row.date, row.kind, row.points, row.award_id, row.note, row.actor, row.created_at, row.balance_after, prev, h],
        )
        .unwrap();
        c.execute(
            "INSERT INTO member_balances(member, last_id, balance) VALUES (?1, ?2, ?3) ON CONFLICT(member) DO UPDATE SET last_id = excluded.last_id, balance = excluded.balance",
            rusqlite::params![row.member, row.id, *b],
        )
        .unwrap();
        prev = h;
    }
    c.execute(
        "INSERT INTO ledger_head(one, last, hash) VALUES (1, ?1, ?2)",
        rusqlite::params![rows.len() as i64, prev],
    )
    .unwrap();
    common::rehash_audit(c);
    let store = merit::store::Store::open_reader(Path::new(c.path().unwrap())).unwrap();
    let state = store.db().seal_state().unwrap();
    c.execute(
        "UPDATE seal SET ledger_entries = ?1, ledger_hash = ?2, audit_entries = ?3, audit_hash = ?4, tables = ?5",
        rusqlite::params![state.ledger_entries, state.ledger_hash, state.audit_entries, state.audit_hash, state.tables.join(",")],
    )
    .unwrap();
}

/// The ordinary writes a forgery must not survive.
fn writes(s: &Sandbox) -> Vec<Vec<String>> {
    let acts = s.file(
        "more.csv",
        "ref,member,kind,date,amount\nX-1,ZW,deal,2026-04-02,1000\n",
    );
    [
        vec!["import", "activities", acts.as_str()],
        vec!["recalc"],
        vec!["approve", "2026-Q2"],
        vec![
            "award",
            "ZW",
            "3",
            "--reason",
            "help",
            "--date",
            "2026-04-03",
        ],
        vec!["redeem", "ZW", "GIFT"],
        vec!["close", "2026-02"],
    ]
    .into_iter()
    .map(|w| w.into_iter().map(str::to_string).collect())
    .collect()
}

/// Runs `f` for each item on two threads (each case builds its own store).
fn each_in_parallel<T: Sync>(items: &[T], f: impl Fn(&T) + Sync) {
    std::thread::scope(|scope| {
        let (a, b) = items.split_at(items.len() / 2);
        let f = &f;
        let h = scope.spawn(move || a.iter().for_each(f));
        b.iter().for_each(f);
        h.join().unwrap();
    });
}

#[test]
fn no_forgery_survives_the_next_ordinary_write() {
    let cases: Vec<(usize, usize)> = (0..FORGERIES.len())
        .flat_map(|f| (0..6).map(move |w| (f, w)))
        .collect();
    each_in_parallel(&cases, |&(f, w)| {
        let forgery = &FORGERIES[f];
        let s = q1_file();
        assert_eq!(verify(&s).0, 0);
        let c = shell(&s.db());
        c.execute_batch(forgery.sql).unwrap();
        if forgery.rechain {
            rechain(&c);
        }
        drop(c);
        let write = &writes(&s)[w];
        let before = common::dump(&s.db());
        let out = s.merit().args(write).output().unwrap();
        let err = stderr(&out);
        if forgery.moves {
            assert_eq!(
                out.status.code(),
                Some(1),
                "{}; {write:?}: {err}",
                forgery.sql
            );
            assert!(
                err.starts_with(REFUSED),
                "{}; {write:?}: {err}",
                forgery.sql
            );
            assert!(
                err.trim_end()
                    .ends_with("; merit verify says more; nothing was written"),
                "{err}"
            );
            assert_eq!(common::dump(&s.db()), before, "{}; {write:?}", forgery.sql);
        }
        let (code, said) = verify(&s);
        assert_eq!(code, 1, "{}; after {write:?}: {said}", forgery.sql);
        assert!(
            said.contains(forgery.says),
            "{}; after {write:?}: {said}",
            forgery.sql
        );
    });
}

/// The q1 store with an older copy of it (store and WAL) put back after a
/// redemption and a penalty.
fn rolled_back() -> Sandbox {
    let s = q1_file();
    let old = s.dir.path().join("old");
    std::fs::create_dir(&old).unwrap();
    let sides = ["", "-wal", "-shm"];
    for side in sides {
        let from = format!("{}{side}", s.db().display());
        if Path::new(&from).exists() {
            std::fs::copy(&from, old.join(format!("store.db{side}"))).unwrap();
        }
    }
    s.ok(&["redeem", "ZW", "GIFT"]);
    s.ok(&["redemptions", "approve", "2"]);
    s.ok(&[
        "award",
        "ZW",
        "-500",
        "--reason",
        "penalty",
        "--date",
        "2026-04-01",
    ]);
    for side in sides {
        let to = format!("{}{side}", s.db().display());
        let from = old.join(format!("store.db{side}"));
        let _ = std::fs::remove_file(&to);
        if from.exists() {
            std::fs::copy(&from, &to).unwrap();
        }
    }
    s
}

#[test]
fn a_rollback_of_store_and_wal_is_refused_by_the_next_write_and_stays_named() {
    let s = rolled_back();
    for write in writes(&s) {
        let out = s.merit().args(&write).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{write:?}: {err}");
        assert!(err.starts_with(REFUSED), "{err}");
        assert!(
            err.contains("the local checkpoint of")
                && err.contains("an older copy of the store put back?"),
            "{err}"
        );
    }
    let (code, said) = verify(&s);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("an older copy of the store put back?"),
        "{said}"
    );
}

#[test]
fn a_store_reached_through_a_link_or_dotdot_has_one_checkpoint() {
    let s = Sandbox::new();
    let srv = s.dir.path().join("srv");
    std::fs::create_dir(&srv).unwrap();
    let db = srv.join("store.db");
    let link = s.dir.path().join("link");
    std::os::unix::fs::symlink(&srv, &link).unwrap();
    let aliases = [
        link.join("store.db"),
        srv.join("..").join("srv").join("store.db"),
    ];
    let merit = |at: &Path| {
        let mut c = s.merit();
        c.env("MERIT_DB", at);
        c
    };
    let f = |n: &str| common::fixture("q1").join(n).display().to_string();
    for (kind, file) in [
        ("members", "members.csv"),
        ("targets", "targets.csv"),
        ("activities", "activities.csv"),
    ] {
        merit(&db)
            .args(["import", kind, &f(file)])
            .assert()
            .success();
    }
    merit(&db)
        .args(["rules", "import", &f("rules.toml")])
        .assert()
        .success();
    merit(&db).args(["recalc"]).assert().success();
    let old = s.dir.path().join("old.db");
    std::fs::copy(&db, &old).unwrap();
    // Approved through one alias…
    merit(&aliases[0])
        .args(["approve", "2026-Q1"])
        .assert()
        .success();
    let checkpoints = std::fs::read_dir(s.key().parent().unwrap().join("checkpoints"))
        .unwrap()
        .count();
    assert_eq!(checkpoints, 1, "one store, one checkpoint");
    // …an older copy put back, and seen through every path.
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", db.display()));
    }
    std::fs::copy(&old, &db).unwrap();
    for at in aliases.iter().chain([&db]) {
        let out = merit(at)
            .args(["award", "ZW", "1", "--reason", "x"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            at.display(),
            stderr(&out)
        );
        assert!(stderr(&out).starts_with(REFUSED), "{}", stderr(&out));
        let out = merit(at).arg("verify").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", at.display());
        assert!(stderr(&out).contains("older copy of the store put back"));
    }
}

#[test]
fn seal_accept_reseals_deliberately_and_keeps_the_earlier_checkpoint() {
    let s = q1_file();
    let c = shell(&s.db());
    c.execute_batch("UPDATE rewards SET stock = 999").unwrap();
    drop(c);
    s.merit()
        .args(["award", "ZW", "1", "--reason", "x"])
        .assert()
        .code(1);
    // Plain `seal` does not launder it; --accept needs a reason.
    s.merit().arg("seal").assert().code(1);
    s.merit().args(["seal", "--accept"]).assert().code(2);
    let out = s.ok(&["seal", "--accept", "--reason", "stock counted by hand: 999"]);
    assert!(
        out.contains("differed from the last seal: the rewards and stock differ from those sealed"),
        "{out}"
    );
    assert!(out.contains("the earlier checkpoint is kept at "), "{out}");
    let kept = out
        .lines()
        .find_map(|l| l.strip_prefix("the earlier checkpoint is kept at "))
        .unwrap();
    assert!(
        std::fs::read_to_string(kept)
            .unwrap()
            .starts_with("merit-checkpoint 1 ")
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("merit-checkpoint 1 store="),
        "{out}"
    );
    let audit = s.ok(&["audit", "--format", "csv"]);
    let entry = audit
        .lines()
        .find(|l| l.contains("seal accepted"))
        .expect(&audit);
    assert!(entry.contains("stock counted by hand: 999"), "{entry}");
    assert!(entry.contains(kept), "{entry}");
    assert!(entry.contains("replaced the seal of"), "{entry}");
    assert!(entry.contains("the new checkpoint at"), "{entry}");
    s.ok(&["award", "ZW", "1", "--reason", "x"]);
    assert_eq!(verify(&s).0, 0);
}

#[test]
fn a_garbage_or_removed_checkpoint_is_named() {
    let s = q1();
    let dir = s.key().parent().unwrap().join("checkpoints");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&file, "garbage\n").unwrap();
    let (code, said) = verify(&s);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("holds no merit checkpoint (damaged or replaced?)"),
        "{said}"
    );
    let out = s
        .merit()
        .args(["award", "ZW", "1", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with(REFUSED), "{}", stderr(&out));
    std::fs::remove_file(&file).unwrap();
    let (code, said) = verify(&s);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("is missing, though the store was last sealed on this machine"),
        "{said}"
    );
    // A checkpoint nobody can read is an error, not a pass.
    s.ok(&["seal", "--accept", "--reason", "checkpoint lost"]);
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.to_string_lossy().contains("replaced"))
        .unwrap();
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    assert_eq!(verify(&s).0, 1);
}

#[test]
fn the_key_is_refused_when_others_could_read_it_or_it_is_not_a_file() {
    let s = q1();
    let key = s.key();
    let mode = |m: u32| {
        std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(m)).unwrap()
    };
    for (m, shown) in [(0o666, "0666"), (0o604, "0604")] {
        mode(m);
        for args in [&["verify"][..], &["award", "ZW", "1", "--reason", "x"][..]] {
            let out = s.merit().args(args).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let err = stderr(&out);
            assert!(err.contains(&key.display().to_string()), "{err}");
            assert!(err.contains(&format!("(mode {shown})")), "{err}");
        }
    }
    mode(0o600);
    // A link to a key, and a folder where the key should be.
    let real = s.dir.path().join("real.key");
    std::fs::rename(&key, &real).unwrap();
    std::os::unix::fs::symlink(&real, &key).unwrap();
    let out = s.merit().arg("verify").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the seal key is a symbolic link"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(&key).unwrap();
    std::fs::create_dir(&key).unwrap();
    let out = s.merit().arg("verify").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the seal key is not a regular file"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir(&key).unwrap();
    std::fs::rename(&real, &key).unwrap();
    // Owned by someone else, in a group this user is not in.
    assert_eq!(
        unsafe_euid(),
        0,
        "this test runs as root (as CI does), to give the key away"
    );
    std::os::unix::fs::chown(&key, Some(54321), Some(54321)).unwrap();
    let out = s.merit().arg("verify").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("belongs to another user (uid 54321)"),
        "{}",
        stderr(&out)
    );
}

fn unsafe_euid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").unwrap().uid()
}

#[test]
fn writes_with_a_fixed_date_are_audited_and_counted_by_verify() {
    let s = q1();
    s.merit()
        .env("MERIT_USER", "li")
        .env("MERIT_TODAY", "2999-12-31")
        .args(["award", "ZW", "2", "--reason", "x", "--date", "2026-04-01"])
        .assert()
        .success();
    let audit = s.ok(&["audit", "--format", "csv"]);
    let last = audit
        .lines()
        .rfind(|l| l.contains(",fixed date,"))
        .expect(&audit);
    assert!(
        last.contains("today fixed at 2999-12-31; the clock said "),
        "{last}"
    );
    assert!(last.contains(",li,"), "{last}");
    let (code, said) = verify(&s);
    assert_eq!(code, 0, "{said}");
    let n = audit.lines().filter(|l| l.contains(",fixed date,")).count();
    assert!(
        said.contains(&format!(
            "note: {n} writes made with a fixed date, latest 2999-12-31, by li"
        )),
        "{said}"
    );
    // A write made with today's date is not one of them.
    let today = chrono::Local::now().date_naive().to_string();
    s.merit()
        .env("MERIT_TODAY", &today)
        .args(["award", "ZW", "1", "--reason", "x", "--date", "2026-04-01"])
        .assert()
        .success();
    let again = s.ok(&["audit", "--format", "csv"]);
    assert_eq!(
        again.lines().filter(|l| l.contains(",fixed date,")).count(),
        n
    );
}

#[test]
fn disputes_keep_their_history() {
    let s = q1_file();
    s.ok(&["dispute", "1", "--reason", "wrong amount"]);
    s.ok(&["resolve", "1", "--reject", "--reason", "amount is right"]);
    s.ok(&["dispute", "1", "--reason", "asked again"]);
    let c = Connection::open(s.db()).unwrap();
    let rows: Vec<(String, Option<String>)> = c
        .prepare("SELECT reason, resolution FROM disputes WHERE award_id = 1 ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        vec![
            ("wrong amount".to_string(), Some("rejected".to_string())),
            ("asked again".to_string(), None)
        ]
    );
    drop(c);
    assert_eq!(verify(&s).0, 0);
    // A dispute erased behind merit's back is named, and refused by the next write.
    shell(&s.db())
        .execute_batch("DELETE FROM disputes")
        .unwrap();
    let (code, said) = verify(&s);
    assert_eq!(code, 1);
    assert!(
        said.contains("the disputes and their resolutions differ from those sealed"),
        "{said}"
    );
    s.merit().arg("recalc").assert().code(1);
}

#[test]
fn a_zeroed_index_page_or_text_that_is_not_utf8_fails_verify() {
    for index in ["activities_by_date", "awards_by_status", "ledger_by_award"] {
        let s = q1_file();
        let c = Connection::open(s.db()).unwrap();
        let (root, size): (i64, i64) = (
            c.query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = ?1",
                [index],
                |r| r.get(0),
            )
            .unwrap(),
            c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap(),
        );
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        drop(c);
        let mut bytes = std::fs::read(s.db()).unwrap();
        let at = ((root - 1) * size) as usize;
        bytes[at..at + size as usize].fill(0);
        std::fs::write(s.db(), bytes).unwrap();
        let (code, said) = verify(&s);
        assert_eq!(code, 1, "{index}: {said}");
        assert!(said.contains("the store is damaged"), "{index}: {said}");
    }
    for edit in [
        "UPDATE members SET name = CAST(X'FF41' AS TEXT) WHERE code = 'ZW'",
        "UPDATE awards SET explanation = CAST(X'C0' AS TEXT) WHERE id = 2",
    ] {
        let s = q1_file();
        shell(&s.db()).execute_batch(edit).unwrap();
        let (code, said) = verify(&s);
        assert_eq!(code, 1, "{edit}: {said}");
        assert!(
            said.contains("holds text that is not UTF-8"),
            "{edit}: {said}"
        );
    }
}

#[test]
fn verify_quick_says_what_it_skips() {
    let s = q1();
    let out = s.ok(&["verify", "--quick"]);
    assert!(out.starts_with("the store is whole"), "{out}");
    assert!(
        out.contains("verify --quick did not check the indexes against their tables"),
        "{out}"
    );
}

/// What a hostile review found laundered by the next write: a trigger
/// planted to run inside merit's own transaction, a sealed table dropped
/// (and put back), a pending award injected or edited, an approved
/// award's rule changed, the expiry setting added. Each is now refused by
/// the next write or named by verify after it.
#[test]
fn planted_triggers_dropped_tables_and_award_edits_do_not_survive_a_write() {
    // A trigger that would forge inside the next write.
    let s = q1_file();
    shell(&s.db())
        .execute_batch(
            "CREATE TRIGGER audit_tail AFTER INSERT ON audit BEGIN \
             UPDATE rewards SET stock = 500; END;",
        )
        .unwrap();
    let out = s
        .merit()
        .args(["award", "LN", "5", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the store's schema (its tables, indexes and triggers) differ"),
        "{}",
        stderr(&out)
    );
    let (code, said) = verify(&s);
    assert_eq!(code, 1);
    assert!(said.contains("store's schema"), "{said}");

    // A sealed table dropped: a difference, not a shorter comparison.
    let s = q1_file();
    shell(&s.db())
        .execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE reward_limits;")
        .unwrap();
    let out = s
        .merit()
        .args(["award", "LN", "2", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the reward limits differ from those sealed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(verify(&s).0, 1);

    // A pending award injected, then approved by an honest lead.
    let s = q1_file();
    shell(&s.db())
        .execute_batch(
            "INSERT INTO awards(kind, rule_id, member, subject, date, points, reason, status, created_at, created_by) \
             VALUES ('manual', 'manual', 'ZW', 'bonus', '2026-03-30', 100000000, 'bonus', 'pending', '2026-12-05 23:47:17', 'lead');",
        )
        .unwrap();
    let (code, said) = verify(&s);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("the awards differ from those merit wrote"),
        "{said}"
    );
    s.merit().args(["approve", "2026-Q1"]).output().unwrap();
    let (code, said) = verify(&s);
    assert_eq!(code, 1, "after the approval: {said}");
    assert!(
        said.contains("the awards differ from those merit wrote"),
        "{said}"
    );

    // An approved award's rule and kind edited (it would be paid twice).
    let s = q1_file();
    shell(&s.db())
        .execute_batch("UPDATE awards SET rule_id = 'zzz', kind = 'manual' WHERE id = 3; DELETE FROM scored_years;")
        .unwrap();
    s.merit().args(["recalc", "2026-Q1"]).output().unwrap();
    s.merit().args(["approve", "2026-Q1"]).output().unwrap();
    let (code, said) = verify(&s);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("the awards differ from those merit wrote"),
        "{said}"
    );

    // The expiry setting added behind merit's back.
    let s = q1_file();
    shell(&s.db())
        .execute_batch("INSERT INTO settings(key, value) VALUES ('expire_after_months', '1');")
        .unwrap();
    let out = s
        .merit()
        .args(["award", "ZW", "1", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the settings differ from those sealed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn seal_accept_names_what_only_a_full_read_sees() {
    let s = q1_file();
    shell(&s.db())
        .execute_batch("UPDATE members SET team = 'West' WHERE code = 'ZW'")
        .unwrap();
    let out = s.ok(&["seal", "--accept", "--reason", "a team corrected by hand"]);
    assert!(
        out.contains(
            "differed from the last seal: the members differ from those merit wrote (their digest)"
        ),
        "{out}"
    );
    let audit = s.ok(&["audit", "--format", "csv"]);
    assert!(
        audit.contains("the members differ from those merit wrote"),
        "{audit}"
    );
    assert_eq!(verify(&s).0, 0);
}

#[test]
fn a_key_moved_to_another_folder_is_not_a_checkpoint_lost() {
    let s = q1();
    let moved = s.dir.path().join("shared-keys");
    std::fs::create_dir(&moved).unwrap();
    std::fs::copy(s.key(), moved.join("seal.key")).unwrap();
    let out = s
        .merit()
        .env("MERIT_KEY", moved.join("seal.key"))
        .args(["award", "ZW", "1", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = s
        .merit()
        .env("MERIT_KEY", moved.join("seal.key"))
        .arg("verify")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A lead whose machine lacks the key a store was sealed with is told so:
/// no new key is made (the seal would then refuse the store as rewritten
/// without it, a false alarm of tampering), and nothing is written.
#[test]
fn a_write_without_the_sealing_key_asks_for_it_and_makes_none() {
    let s = q1();
    let missing = s.dir.path().join("elsewhere").join("seal.key");
    let before = s.ok(&["audit", "--format", "csv"]);
    let out = s
        .merit()
        .env("MERIT_KEY", &missing)
        .args(["award", "ZW", "1", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "merit: this store is sealed, and no key is at {}: merit makes no new key for it. \
             Put the key that sealed it there (or name it with MERIT_KEY); nothing was written\n",
            missing.display()
        )
    );
    assert!(!missing.exists(), "no key made");
    assert_eq!(s.ok(&["audit", "--format", "csv"]), before);
}
