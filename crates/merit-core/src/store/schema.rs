//! Numbered migrations. Index `i` of `MIGRATIONS` takes a store from schema
//! version `i` to `i + 1`; `PRAGMA user_version` holds the version. A
//! migration is SQL, and, where SQL cannot do it (hashing), a Rust step run
//! after it in the same transaction.

use super::sql::Conn;
use crate::error::Result;

/// One step of the schema.
pub struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(Conn<'_>) -> Result<()>>,
}

const fn sql(sql: &'static str) -> Migration {
    Migration { sql, then: None }
}

pub const MIGRATIONS: &[Migration] = &[
    sql(
        // 1: members, activities, targets, rules, awards, ledger, audit.
        r#"
CREATE TABLE members(
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    team   TEXT NOT NULL,
    joined TEXT,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE activities(
    ref    TEXT PRIMARY KEY,
    member TEXT NOT NULL REFERENCES members(code),
    kind   TEXT NOT NULL,
    date   TEXT NOT NULL,
    amount TEXT NOT NULL,
    attrs  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX activities_by_date ON activities(date);
CREATE INDEX activities_by_member ON activities(member, date);
CREATE TABLE targets(
    member TEXT NOT NULL REFERENCES members(code),
    period TEXT NOT NULL,
    metric TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY(member, period, metric)
);
CREATE TABLE rules(
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    valid_from TEXT,
    valid_to   TEXT,
    active     INTEGER NOT NULL,
    body       TEXT NOT NULL
);
CREATE TABLE settings(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE awards(
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK(kind IN ('award', 'adjustment', 'manual')),
    rule_id     TEXT NOT NULL,
    member      TEXT NOT NULL REFERENCES members(code),
    subject     TEXT NOT NULL,
    date        TEXT NOT NULL,
    points      INTEGER NOT NULL,
    category    TEXT NOT NULL DEFAULT '',
    explanation TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK(status IN ('pending', 'approved', 'rejected')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    decided_at  TEXT,
    decided_by  TEXT,
    decision_reason TEXT
);
CREATE UNIQUE INDEX awards_by_key ON awards(rule_id, member, subject) WHERE kind = 'award';
CREATE UNIQUE INDEX awards_pending_adjustment ON awards(rule_id, member, subject)
    WHERE kind = 'adjustment' AND status = 'pending';
CREATE INDEX awards_by_date ON awards(date, status);
CREATE INDEX awards_by_status ON awards(status, date);
CREATE INDEX awards_by_member ON awards(member, date);
CREATE TABLE ledger(
    id         INTEGER PRIMARY KEY,
    member     TEXT NOT NULL REFERENCES members(code),
    date       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    points     INTEGER NOT NULL,
    award_id   INTEGER REFERENCES awards(id),
    note       TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ledger_by_member ON ledger(member, date);
CREATE INDEX ledger_by_date ON ledger(date);
CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TABLE audit(
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit(at);
"#,
    ),
    // 2: the reward catalog and redemptions (SPEC §11).
    sql(r#"
CREATE TABLE rewards(
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    cost     INTEGER NOT NULL CHECK(cost > 0),
    stock    INTEGER CHECK(stock IS NULL OR stock >= 0),
    category TEXT NOT NULL DEFAULT '',
    active   INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE redemptions(
    id           INTEGER PRIMARY KEY,
    member       TEXT NOT NULL REFERENCES members(code),
    reward       TEXT NOT NULL REFERENCES rewards(code),
    qty          INTEGER NOT NULL CHECK(qty > 0),
    points       INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK(status IN ('pending', 'approved', 'rejected')),
    requested_on TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    decided_at   TEXT,
    decided_by   TEXT,
    decision_reason TEXT
);
CREATE INDEX redemptions_by_status ON redemptions(status, member);
"#),
    // 3: rule versions keep their history: who saved each, and who replaced
    // it (a replaced version no longer scores but is never deleted).
    sql(r#"
ALTER TABLE rules ADD COLUMN saved_at TEXT;
ALTER TABLE rules ADD COLUMN saved_by TEXT;
ALTER TABLE rules ADD COLUMN replaced_at TEXT;
ALTER TABLE rules ADD COLUMN replaced_by TEXT;
CREATE INDEX rules_in_force ON rules(replaced_at, seq);
"#),
    // 4: safety (SPEC §9, §5): the ledger is hash-chained and carries each
    // member's running balance; the chain's head is kept apart so a removed
    // last entry shows; closed periods; audit entries name what they are
    // about and, like the ledger, refuse edits.
    Migration {
        sql: r#"
DROP TRIGGER ledger_is_append_only_update;
ALTER TABLE ledger ADD COLUMN balance_after INTEGER;
ALTER TABLE ledger ADD COLUMN prev_hash TEXT;
ALTER TABLE ledger ADD COLUMN hash TEXT;
CREATE INDEX ledger_by_member_id ON ledger(member, id);
CREATE INDEX ledger_by_award ON ledger(award_id);
CREATE TABLE ledger_head(
    one   INTEGER PRIMARY KEY CHECK(one = 1),
    last  INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
CREATE TABLE closed_periods(
    period    TEXT PRIMARY KEY,
    starts    TEXT NOT NULL,
    ends      TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    closed_by TEXT NOT NULL
);
ALTER TABLE audit ADD COLUMN subject TEXT;
CREATE INDEX audit_by_subject ON audit(subject);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#,
        then: Some(super::ledger::chain_existing),
    },
    // 5: speed at a million awards: the status index also carries member
    // and points, so standings and pending totals never visit the table;
    // the years whose awards match their inputs, so a recalc can skip them;
    // indexes no query uses go (each costs every insert).
    sql(r#"
DROP INDEX awards_by_status;
CREATE INDEX awards_by_status ON awards(status, date, id, member, points);
CREATE TABLE scored_years(year INTEGER PRIMARY KEY);
DROP INDEX activities_by_member;
DROP INDEX ledger_by_member;
DROP INDEX audit_by_time;
DROP INDEX awards_by_date;
"#),
    // 6: each member's balance and last entry kept in a small table, in
    // place of an index over the ledger by member: a bulk approval then
    // touches a page per member of 2 000 (the index scattered its inserts
    // over thousands of pages, the largest share of its commit).
    sql(r#"
CREATE TABLE member_balances(
    member  TEXT PRIMARY KEY,
    last_id INTEGER NOT NULL,
    balance INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO member_balances(member, last_id, balance)
    SELECT l.member, l.id, l.balance_after
    FROM ledger l JOIN (SELECT member, max(id) AS id FROM ledger GROUP BY member) m ON l.id = m.id;
DROP INDEX ledger_by_member_id;
"#),
    // 7: the awards' CHECK constraints without `IN (…)`: SQLite evaluates
    // an IN list of three by building a temporary b-tree, on every insert
    // and every decision (a fifth of writing a million awards). SQLite
    // cannot alter a constraint, so the table is rebuilt (foreign keys are
    // off while migrations run).
    sql(r#"
CREATE TABLE awards_new(
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK(kind = 'award' OR kind = 'adjustment' OR kind = 'manual'),
    rule_id     TEXT NOT NULL,
    member      TEXT NOT NULL REFERENCES members(code),
    subject     TEXT NOT NULL,
    date        TEXT NOT NULL,
    points      INTEGER NOT NULL,
    category    TEXT NOT NULL DEFAULT '',
    explanation TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK(status = 'pending' OR status = 'approved' OR status = 'rejected'),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    decided_at  TEXT,
    decided_by  TEXT,
    decision_reason TEXT
);
INSERT INTO awards_new SELECT id, kind, rule_id, member, subject, date, points, category,
    explanation, reason, status, created_at, created_by, decided_at, decided_by, decision_reason
    FROM awards;
DROP TABLE awards;
ALTER TABLE awards_new RENAME TO awards;
CREATE UNIQUE INDEX awards_by_key ON awards(rule_id, member, subject) WHERE kind = 'award';
CREATE UNIQUE INDEX awards_pending_adjustment ON awards(rule_id, member, subject)
    WHERE kind = 'adjustment' AND status = 'pending';
CREATE INDEX awards_by_member ON awards(member, date);
CREATE INDEX awards_by_status ON awards(status, date, id, member, points);
"#),
    // 8: no award index by member: every query by member also names a
    // period or a status, which the status index (carrying the member)
    // serves; the member index cost every award written.
    sql("DROP INDEX awards_by_member;"),
    // 9: the edges of §4.5 (2026-12). An approved award whose date moved
    // gets a pending adjustment on each date (minus the old points on the
    // old date, the new points on the new one): one pending adjustment per
    // key and date. Scoring changed (caps, attainment over versions), so no
    // year counts as scored: the next recalc brings every year in line.
    sql(r#"
DROP INDEX awards_pending_adjustment;
CREATE UNIQUE INDEX awards_pending_adjustment ON awards(rule_id, member, subject, date)
    WHERE kind = 'adjustment' AND status = 'pending';
DELETE FROM scored_years;
"#),
    // 10: sealing (see `seal`): the audit log hash-chained like the ledger,
    // an id for the store (checkpoints name it), and the seal every write
    // leaves with a keyed MAC over the store's state.
    Migration {
        sql: r#"
DROP TRIGGER audit_is_append_only_update;
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE TABLE audit_head(
    one  INTEGER PRIMARY KEY CHECK (one = 1),
    last INTEGER NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE store_meta(
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id  TEXT NOT NULL
);
CREATE TABLE seal(
    one            INTEGER PRIMARY KEY CHECK (one = 1),
    ledger_entries INTEGER NOT NULL,
    ledger_hash    TEXT NOT NULL,
    audit_entries  INTEGER NOT NULL,
    audit_hash     TEXT NOT NULL,
    tables         TEXT NOT NULL,
    at             TEXT NOT NULL,
    mac            TEXT NOT NULL
);
"#,
        then: Some(super::seal::chain_audit),
    },
    // 11: fair redemption limits per reward (issue 21).
    sql(r#"
CREATE TABLE reward_limits(
    code           TEXT PRIMARY KEY REFERENCES rewards(code),
    limit_qty      INTEGER CHECK (limit_qty IS NULL OR limit_qty > 0),
    limit_per      TEXT,
    available_from TEXT,
    available_to   TEXT
);
"#),
    // 12: disputes of awards (issue 21).
    sql(r#"
CREATE TABLE disputes(
    award_id          INTEGER PRIMARY KEY REFERENCES awards(id),
    reason            TEXT NOT NULL,
    raised_by         TEXT NOT NULL,
    raised_at         TEXT NOT NULL,
    resolution        TEXT CHECK (resolution IS NULL OR resolution IN ('accepted', 'rejected')),
    resolution_reason TEXT,
    resolved_by       TEXT,
    resolved_at       TEXT,
    correction        INTEGER REFERENCES awards(id)
);
"#),
    // 13: the title a rank rule's place gives (issue 21).
    Migration {
        sql: "",
        then: Some(add_award_titles),
    },
    // 14: adjustments found by their key: a recalc reconciling a month at a
    // time reads the whole history of a key whose award moved (issue 24).
    sql(r#"
CREATE INDEX awards_adjustments ON awards(rule_id, member, subject, date)
    WHERE kind = 'adjustment';
"#),
    // 15: points per status, month and member beside the awards, kept by
    // triggers: what standings read (issue 24).
    Migration {
        sql: super::award_months::CREATE,
        then: Some(super::award_months::create_triggers),
    },
    // 16: everything merit owns sealed (issue 37): the inputs' digests kept
    // by every write; disputes keep their history (a dispute raised again
    // after a resolution is a new row); titled awards found by an index
    // (their titles are sealed); the seal says where its checkpoint is.
    Migration {
        sql: r#"
CREATE TABLE input_digests(
    name TEXT PRIMARY KEY,
    sum  TEXT NOT NULL
);
CREATE TABLE disputes_new(
    id                INTEGER PRIMARY KEY,
    award_id          INTEGER NOT NULL REFERENCES awards(id),
    reason            TEXT NOT NULL,
    raised_by         TEXT NOT NULL,
    raised_at         TEXT NOT NULL,
    resolution        TEXT CHECK (resolution IS NULL OR resolution IN ('accepted', 'rejected')),
    resolution_reason TEXT,
    resolved_by       TEXT,
    resolved_at       TEXT,
    correction        INTEGER REFERENCES awards(id)
);
INSERT INTO disputes_new(award_id, reason, raised_by, raised_at, resolution, resolution_reason,
    resolved_by, resolved_at, correction)
    SELECT award_id, reason, raised_by, raised_at, resolution, resolution_reason, resolved_by,
    resolved_at, correction FROM disputes ORDER BY raised_at, award_id;
DROP TABLE disputes;
ALTER TABLE disputes_new RENAME TO disputes;
CREATE UNIQUE INDEX disputes_open ON disputes(award_id) WHERE resolution IS NULL;
CREATE INDEX disputes_by_award ON disputes(award_id, id);
CREATE INDEX awards_titled ON awards(id, title) WHERE title <> '';
ALTER TABLE seal ADD COLUMN sealed_on TEXT;
"#,
        then: Some(super::inputs::create_input_digests),
    },
    // 17: explanations as data (issue 40): each award keeps how its points
    // came about (JSON) beside the English text; older awards have none
    // (NULL) and keep their English. Digested only where present, so the
    // kept digests of the awards still hold.
    Migration {
        sql: "",
        then: Some(add_award_explain),
    },
    // 18: the audit log's detail as data (issue 40): each entry keeps its
    // detail as a message (JSON) beside the English, for the reader's
    // language; older entries have none (NULL) and keep their English.
    // Hashed only where present, so the chain of older entries holds.
    Migration {
        sql: "",
        then: Some(add_audit_said),
    },
    // 19: an award's explanation kept as data alone, without what its own
    // columns say (its rule, subject, member, date), and no English beside
    // it: merit words it when read (`Award::english`). Older awards keep
    // what they have, which reads as before; the version tells an older
    // merit, which would read such an award as unexplained, to refuse the
    // store.
    sql(""),
];

/// Adds the awards' `title` column unless it is there: a store a test
/// opened as an older merit has it already (see `Store::open_expecting`).
pub fn add_award_titles(conn: Conn<'_>) -> Result<()> {
    add_award_column(conn, "title", "title TEXT NOT NULL DEFAULT ''")
}

/// Adds the awards' `explain` column unless it is there (as
/// `add_award_titles`).
pub fn add_award_explain(conn: Conn<'_>) -> Result<()> {
    add_award_column(conn, "explain", "explain TEXT")
}

/// Adds the audit log's `said` column unless it is there (as
/// `add_award_titles`).
pub fn add_audit_said(conn: Conn<'_>) -> Result<()> {
    add_column(conn, "audit", "said", "said TEXT")
}

/// Adds `definition` to the awards table unless its column `name` is there.
fn add_award_column(conn: Conn<'_>, name: &str, definition: &str) -> Result<()> {
    add_column(conn, "awards", name, definition)
}

/// Adds `definition` to `table` unless its column `name` is there.
fn add_column(conn: Conn<'_>, table: &str, name: &str, definition: &str) -> Result<()> {
    if !conn.has_column(table, name)? {
        conn.batch(&format!("ALTER TABLE {table} ADD COLUMN {definition}"))?;
    }
    Ok(())
}
