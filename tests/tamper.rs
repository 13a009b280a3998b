//! Tamper evidence that holds against someone with the store file, the
//! sqlite3 shell and merit's source, but not the key: each forgery below
//! recomputes every plain hash as an intruder would, and `verify` still
//! names it. An older copy put back, a shortened ledger, an edited
//! decision, audit entry, rule, stock or closed period; a damaged file.

mod common;
use common::Sandbox;
use merit::store::{ChainRow, GENESIS};
use rusqlite::{Connection, params};

/// The q1 store, recalculated, the quarter approved, a reward redeemed.
fn q1() -> Sandbox {
    let s = Sandbox::new();
    s.load_q1_lived_in();
    s
}

/// The sqlite3 shell with every guard dropped.
fn shell(s: &Sandbox) -> Connection {
    let c = Connection::open(s.db()).unwrap();
    c.execute_batch(
        "DROP TRIGGER IF EXISTS ledger_is_append_only_update; DROP TRIGGER IF EXISTS ledger_is_append_only_delete; \
         DROP TRIGGER IF EXISTS audit_is_append_only_update; DROP TRIGGER IF EXISTS audit_is_append_only_delete;",
    )
    .unwrap();
    c
}

/// What an intruder with merit's source does after an edit: every ledger
/// and audit hash, running balance and head recomputed, and the seal's
/// plain fields rewritten to match (only its MAC cannot be).
fn rechain(c: &Connection) {
    let mut rows: Vec<ChainRow> = c
        .prepare("SELECT id, member, date, kind, points, award_id, note, actor, created_at, balance_after, prev_hash, hash FROM ledger ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok(ChainRow {
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
    c.execute("DELETE FROM ledger", []).unwrap();
    c.execute("DELETE FROM member_balances", []).unwrap();
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
            params![row.id, row.member, row.date, row.kind, row.points, row.award_id, row.note, row.actor, row.created_at, row.balance_after, prev, h],
        )
        .unwrap();
        c.execute(
            "INSERT INTO member_balances(member, last_id, balance) VALUES (?1, ?2, ?3) ON CONFLICT(member) DO UPDATE SET last_id = excluded.last_id, balance = excluded.balance",
            params![row.member, row.id, *b],
        )
        .unwrap();
        prev = h;
    }
    c.execute("DELETE FROM ledger_head", []).unwrap();
    if !rows.is_empty() {
        c.execute(
            "INSERT INTO ledger_head(one, last, hash) VALUES (1, ?1, ?2)",
            params![rows.len() as i64, prev],
        )
        .unwrap();
    }
    common::rehash_audit(c);
    // The seal's plain fields, as merit computes them.
    let store = merit::store::Store::open_reader(std::path::Path::new(c.path().unwrap())).unwrap();
    let state = store.db().seal_state().unwrap();
    c.execute(
        "UPDATE seal SET ledger_entries = ?1, ledger_hash = ?2, audit_entries = ?3, audit_hash = ?4, tables = ?5",
        params![state.ledger_entries, state.ledger_hash, state.audit_entries, state.audit_hash, state.tables.join(",")],
    )
    .unwrap();
}

fn verify_fails(s: &Sandbox) -> String {
    let out = s.merit().arg("verify").assert().code(1);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn a_forged_award_of_a_million_with_every_hash_recomputed_is_named() {
    let s = q1();
    let c = shell(&s);
    c.execute(
        "INSERT INTO ledger(id, member, date, kind, points, award_id, note, actor, created_at) \
         VALUES (1000, 'LN', '2026-03-01', 'manual', 100000000, NULL, 'bonus', 'lead', '2026-03-01 09:00:00')",
        [],
    )
    .unwrap();
    rechain(&c);
    let err = verify_fails(&s);
    assert!(
        err.contains("the seal does not verify with this key"),
        "{err}"
    );
}

#[test]
fn an_award_inflated_or_moved_to_another_member_is_named() {
    for edit in [
        "UPDATE ledger SET points = points * 100 WHERE id = 1",
        "UPDATE ledger SET member = 'LN' WHERE id = 2",
        "DELETE FROM ledger WHERE kind = 'redemption'",
    ] {
        let s = q1();
        let c = shell(&s);
        c.execute_batch(edit).unwrap();
        rechain(&c);
        let err = verify_fails(&s);
        assert!(
            err.contains("the seal does not verify with this key"),
            "{edit}: {err}"
        );
    }
}

#[test]
fn a_shortened_ledger_is_named_against_the_checkpoint() {
    let s = q1();
    let sealed = s.dir.path().join("sealed.txt");
    let line = s.ok(&["seal", "--out", sealed.to_str().unwrap()]);
    assert!(line.starts_with("merit-checkpoint 1 store="), "{line}");
    let entries = Connection::open(s.db())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM ledger", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let c = shell(&s);
    c.execute(
        "DELETE FROM ledger WHERE id = (SELECT MAX(id) FROM ledger)",
        [],
    )
    .unwrap();
    rechain(&c);
    drop(c);
    let out = s
        .merit()
        .args(["verify", "--checkpoint", sealed.to_str().unwrap()])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains(&format!(
            "the ledger has {} entries; checkpoint {}",
            entries - 1,
            sealed.display()
        )),
        "{err}"
    );
    assert!(err.contains(&format!("sealed {entries}")), "{err}");
}

#[test]
fn an_older_copy_put_back_is_recognised() {
    let s = q1();
    let old = s.dir.path().join("old.db");
    // The intruder keeps a copy from before the last redemption…
    std::fs::copy(s.db(), &old).unwrap();
    s.ok(&["redeem", "LN", "GIFT"]);
    s.ok(&["redemptions", "approve", "2"]);
    // …and puts it back in its place.
    std::fs::copy(&old, s.db()).unwrap();
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", s.db().display()));
    }
    let err = verify_fails(&s);
    assert!(err.contains("the local checkpoint"), "{err}");
    assert!(
        err.contains("(shortened, or an older copy of the store put back?)"),
        "{err}"
    );
}

/// Edits in the sqlite3 shell, each with what `verify` says of it.
const EDITS: [(&str, &str); 11] = [
    (
        "INSERT INTO ledger(id, member, date, kind, points, award_id, note, actor, created_at, balance_after, prev_hash, hash) \
             SELECT (SELECT max(id) + 1 FROM ledger), member, date, kind, points, award_id, note, actor, created_at, \
             balance_after, prev_hash, hash FROM ledger WHERE award_id IS NOT NULL ORDER BY id LIMIT 1",
        "posted 2 times in the ledger",
    ),
    (
        "UPDATE awards SET points = points + 100 WHERE id = 1",
        "posts award 1, which is not approved as posted",
    ),
    (
        "UPDATE awards SET date = '2026-03-31' WHERE id = 1",
        "award 1: approved, but no ledger entry posts it as it stands",
    ),
    (
        "UPDATE awards SET status = 'rejected' WHERE id = 2",
        "award 2: its decision (rejected by",
    ),
    (
        "UPDATE awards SET decision_reason = 'duplicate' WHERE id = 2",
        "award 2: its decision",
    ),
    (
        "UPDATE awards SET decided_by = 'boss' WHERE id = 1",
        "award 1: its decision (approved by boss",
    ),
    (
        "UPDATE audit SET detail = 'nothing happened' WHERE id = 3",
        "audit entry 3: its fields do not match its hash",
    ),
    (
        "UPDATE rules SET body = replace(body, '10', '99') WHERE rowid = 1",
        "the rule versions differ from those sealed",
    ),
    (
        "UPDATE rewards SET stock = 999",
        "the rewards and stock differ from those sealed",
    ),
    (
        "DELETE FROM closed_periods",
        "the closed periods differ from those sealed",
    ),
    (
        "UPDATE redemptions SET points = 1",
        "the redemptions differ from those sealed",
    ),
];

#[test]
fn an_edited_decision_audit_entry_rule_stock_or_closed_period_is_named() {
    for (edit, says) in EDITS {
        let s = q1();
        let c = shell(&s);
        c.execute_batch(edit).unwrap();
        drop(c);
        let err = verify_fails(&s);
        assert!(err.contains(says), "{edit}: {err}");
    }
    // Recomputing every plain digest does not help without the key.
    let s = q1();
    let c = shell(&s);
    c.execute_batch("UPDATE rewards SET stock = 999").unwrap();
    rechain(&c);
    drop(c);
    assert!(verify_fails(&s).contains("the seal does not verify with this key"));
}

#[test]
fn a_removed_seal_is_named() {
    let s = q1();
    Connection::open(s.db())
        .unwrap()
        .execute("DELETE FROM seal", [])
        .unwrap();
    assert!(verify_fails(&s).contains("the store has no seal"));
}

#[test]
fn without_the_key_verify_says_it_cannot_check_the_seals() {
    let s = q1();
    let text = s.verify_with_no_key();
    assert!(
        text.contains("note: verify cannot check the seals: no key at"),
        "{text}"
    );
    // Another lead's key: the seal does not verify.
    let other = s.other_key();
    let out = s
        .merit()
        .env("MERIT_KEY", &other)
        .arg("verify")
        .assert()
        .code(1);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .contains("the seal does not verify with this key")
    );
}

#[test]
fn the_key_is_private_and_made_once() {
    let s = q1();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(s.key()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o077, 0, "only its owner reads the key: {mode:o}");
    let key = std::fs::read_to_string(s.key()).unwrap();
    s.ok(&["award", "ZW", "5", "--reason", "x"]);
    assert_eq!(std::fs::read_to_string(s.key()).unwrap(), key);
}

#[test]
fn a_damaged_file_is_reported_as_such() {
    let s = q1();
    // Checkpoint the WAL into the file, then overwrite a page in the middle.
    Connection::open(s.db())
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let mut bytes = std::fs::read(s.db()).unwrap();
    let page = 4096;
    assert!(bytes.len() > 6 * page);
    for b in &mut bytes[3 * page + 100..4 * page] {
        *b = 0x5a;
    }
    std::fs::write(s.db(), &bytes).unwrap();
    let out = s.merit().arg("verify").assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.starts_with("merit: the store is damaged"), "{err}");
}

#[test]
fn read_only_commands_create_no_store_and_a_store_others_can_write_is_warned_of() {
    let s = Sandbox::new();
    for args in [
        vec!["verify"],
        vec!["standings", "2026-Q1"],
        vec!["ledger"],
        vec!["audit"],
        vec!["balance"],
        vec!["rules", "export"],
        vec!["catalog", "list"],
    ] {
        let out = s.merit().args(&args).assert().code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            err.contains("no store at") && err.contains("merit import … or merit demo creates one"),
            "{args:?}: {err}"
        );
        assert!(!s.db().exists(), "{args:?} created the store");
    }
    s.load_q1();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(s.db(), std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = s.merit().args(["standings", "2026-Q1"]).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("can be written by others (mode 666)"), "{err}");
}

#[test]
fn an_honest_store_of_every_operation_verifies_whole_and_seals() {
    let s = q1();
    s.ok(&["reopen", "2026-01", "--reason", "fix"]);
    s.ok(&["award", "WF", "-5", "--reason", "late"]);
    s.ok(&["reject", "2026-04", "--reason", "no"]);
    s.ok(&["expire"]);
    let out = s.ok(&["verify"]);
    assert!(out.starts_with("the store is whole"), "{out}");
    let line = s.ok(&["seal"]);
    assert!(line.contains(" mac="), "{line}");
}

#[test]
fn a_write_to_a_store_sqlite_reports_malformed_is_refused() {
    let s = q1();
    Connection::open(s.db())
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let before = std::fs::read(s.db()).unwrap();
    let mut bytes = before.clone();
    // Garble every page but the first (the schema): whatever the write
    // reads, SQLite finds it malformed.
    for b in &mut bytes[4096..] {
        *b = 0x5a;
    }
    std::fs::write(s.db(), &bytes).unwrap();
    let out = s
        .merit()
        .args(["award", "ZW", "5", "--reason", "x"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.starts_with("merit: the store is damaged"), "{err}");
    assert_eq!(std::fs::read(s.db()).unwrap(), bytes, "nothing written");
}

#[test]
fn month_sums_edited_or_left_behind_by_a_bare_award_edit_are_named() {
    // The sums standings read, raised for one member; then an award edited
    // with the sums' triggers dropped, so they no longer follow it.
    for edit in [
        "UPDATE award_months SET points = points + 100000 WHERE member = 'ZW' AND status = 'approved' AND month = '2026-02'",
        "DROP TRIGGER award_months_update; UPDATE awards SET points = points + 500 WHERE id = 1",
    ] {
        let s = q1();
        let c = shell(&s);
        c.execute_batch(edit).unwrap();
        drop(c);
        let err = verify_fails(&s);
        assert!(
            err.contains("points kept for 2026-") && err.contains("the awards come to"),
            "{edit}: {err}"
        );
    }
}

/// The English words left in `text` once the sandbox's paths are taken
/// out: only merit's and SQLite's names and the actors of the q1 store
/// may stay (member codes are two letters).
fn english_in(text: &str, dir: &std::path::Path) -> Vec<String> {
    let dir = dir.display().to_string();
    let mut text = text.to_string();
    while let Some(i) = text.find(&dir) {
        let end = text[i..]
            .find(|c: char| c.is_whitespace() || "（）()：，".contains(c))
            .map_or(text.len(), |e| i + e);
        text.replace_range(i..end, "");
    }
    const NAMES: [&str; 7] = ["merit", "verify", "SQLite", "MERIT", "KEY", "lead", "boss"];
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 2 && !NAMES.contains(w))
        .map(str::to_string)
        .collect()
}

/// Under `MERIT_LANG=zh-CN`, `verify` names a store's problems in Chinese:
/// the lead who reads them is the one the team asks.
#[test]
fn what_verify_finds_is_said_in_chinese() {
    // `merit args…` in Chinese, with another key when given.
    let zh = |s: &Sandbox, args: &[&str], key: Option<&std::path::Path>| -> (i32, String, String) {
        let mut merit = s.merit();
        merit.env("MERIT_LANG", "zh-CN").args(args);
        if let Some(key) = key {
            merit.env("MERIT_KEY", key);
        }
        let out = merit.output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let more: [(&str, &str); 6] = [
        (
            "UPDATE ledger SET points = points + 100 WHERE id = 1",
            "流水 1：字段与哈希不符",
        ),
        (
            "DELETE FROM ledger WHERE id = 2",
            "流水 3：它之前的第 2 条缺失",
        ),
        (
            "DELETE FROM ledger WHERE kind = 'redemption'",
            "已批准兑换合计 20，流水记入 0",
        ),
        ("DELETE FROM seal", "数据库没有封签"),
        (
            "UPDATE award_months SET points = points + 100 WHERE status = 'approved' AND member = 'ZW'",
            "记下的已批准积分为",
        ),
        (
            "UPDATE ledger_head SET hash = 'x'",
            "链上记录的链头与最后一条不符",
        ),
    ];
    let mut edits: Vec<(&str, &str)> = EDITS.to_vec();
    edits.extend(more);
    let mut wrong = Vec::new();
    // The shell's edits said in English elsewhere must not be here; the
    // others say what they must in Chinese.
    for (edit, says) in edits {
        let s = q1();
        let c = shell(&s);
        c.execute_batch(edit).unwrap();
        drop(c);
        let (code, _, err) = zh(&s, &["verify"], None);
        assert_eq!(code, 1, "{edit}: {err}");
        for line in err.lines() {
            let left = english_in(line, s.dir.path());
            if !left.is_empty() {
                wrong.push(format!("{edit}:\n  {line}\n  English: {left:?}"));
            }
        }
        assert_eq!(err.contains(says), !says.is_ascii(), "{edit}: {err}");
    }
    // An older copy put back, held to the local checkpoint and another.
    let s = q1();
    let sealed = s.dir.path().join("sealed.txt");
    s.ok(&["seal", "--out", sealed.to_str().unwrap()]);
    let old = s.dir.path().join("old.db");
    std::fs::copy(s.db(), &old).unwrap();
    s.ok(&["redeem", "LN", "GIFT"]);
    s.ok(&["redemptions", "approve", "2"]);
    let sealed_after = s.dir.path().join("sealed-after.txt");
    s.ok(&["seal", "--out", sealed_after.to_str().unwrap()]);
    std::fs::copy(&old, s.db()).unwrap();
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", s.db().display()));
    }
    let not_one = s.file("not-a-checkpoint.txt", "hello\n");
    let (code, _, err) = zh(
        &s,
        &[
            "verify",
            "--checkpoint",
            sealed_after.to_str().unwrap(),
            "--checkpoint",
            &not_one,
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("本地检查点（"), "{err}");
    assert!(err.contains("（被截短，或放回了旧副本？）"), "{err}");
    assert!(err.contains("不含 merit 检查点"), "{err}");
    // Another lead's key, and none.
    let other = s.other_key();
    let fresh = q1();
    // The checkpoint line is for machines and for pasting: never translated.
    let (_, line, _) = zh(&fresh, &["seal"], None);
    assert!(line.starts_with("merit-checkpoint 1 store="), "{line}");
    let (_, _, other_key) = zh(&fresh, &["verify"], Some(&other));
    assert!(other_key.contains("封签与此密钥不符"), "{other_key}");
    let elsewhere = fresh.dir.path().join("elsewhere.key");
    let (_, no_key, _) = zh(&fresh, &["verify"], Some(&elsewhere));
    assert!(no_key.contains("verify 无法核对封签："), "{no_key}");
    for (line, dir) in err.lines().map(|l| (l, s.dir.path())).chain(
        other_key
            .lines()
            .chain(no_key.lines())
            .map(|l| (l, fresh.dir.path())),
    ) {
        let left = english_in(line, dir);
        if !left.is_empty() {
            wrong.push(format!("{line}\n  English: {left:?}"));
        }
    }
    assert!(wrong.is_empty(), "said in English:\n{}", wrong.join("\n"));
}
