//! The schema on PostgreSQL: its own numbered migrations (index `i` takes
//! a store from version `i` to `i + 1`; `merit_schema.version` holds the
//! version). Version 1 is the whole of SQLite's schema 18 at once, in
//! PostgreSQL's words: `bigint` for SQLite's integers, text compared byte
//! by byte (`COLLATE "C"`, as SQLite does), an identity for each row id a
//! query or the seal orders by, and the append-only rules and the
//! award_months sums as triggers in PL/pgSQL.
//!
//! Version 2 drops the foreign keys of the tables a bulk write fills
//! (activities', awards' and the ledger's member, the ledger's award): each
//! was a lookup per row on the server, half an import's time and more, and
//! merit checks every row's member itself inside the writing transaction
//! (as SQLite's import does, `Store::write_members_checked`). A row written
//! behind merit's back is the seal's to name, as on SQLite, whose shell
//! enforces no foreign keys.
//!
//! Version 3 leaves out, while their table is empty, the two indexes a
//! first bulk write pays most to fill row by row: activities by date and
//! awards by key (`store::bulk`'s `LAZY_ON_PG`). The write that first puts
//! rows in builds them before it commits, so a table with rows always has
//! them (through `merit_build_index`, which runs as the tables' owner, so
//! that a lead's role may); a store whose tables have rows keeps its
//! indexes.
//!
//! Version 4 adds the third such index, awards by status (a first recalc's
//! awards are copied in faster without it and it is built after in a
//! third of the time), and gives the award_months triggers a `WHEN`
//! clause: while a bulk write keeps the sums itself, an award written or
//! decided queues no trigger event at all (each event was a call of the
//! function, only to return).
//!
//! Version 5 changes no table: from it on an award's explanation is kept
//! as data alone (`Explanation::to_stored_json`), as from SQLite's 19.
//!
//! Version 6 orders awards by key by subject first (then member, then
//! rule): the same unique key, which merit only ever looks up whole, but
//! an order a first recalc builds in a third of the time. Most subjects
//! are an activity's ref, nearly one award each, so the sort mostly
//! decides on the first column; led by the rule, one of a dozen, nearly
//! every comparison went on to the member and the subject.
//!
//! Version 7 leaves out, while activities are empty, their two unique
//! indexes too: by ref (the primary key until then) and by row id. A first
//! import copies its rows into the bare table and `merit_build_index`
//! builds both after, each one sort: kept row by row, they were most of
//! the server's work on a million rows (3.6 s of its CPU against 1.4 s
//! with the three indexes built after). Merit checks the file's refs are
//! new itself as it copies (`ops::import`), and a write that relies on the
//! ref's uniqueness before then builds the index first, even on the empty
//! table (`Tx::require_indexes`). A store whose activities have rows keeps
//! both, renamed (`activities_by_ref`, `activities_by_rowid`). It also adds
//! `merit_ids_taken`: such an import numbers its rows itself, from one
//! `nextval`, instead of the server's drawing the identity row by row
//! (another 0.7 s), and then moves the sequence past them as the owner
//! (a lead's role may use a sequence but not set it).
//!
//! Version 8 drops activities' index by row id. Nothing looks an activity
//! up by its row id: an import asks only which ids are past the ones there
//! were (the table's sequence tells, `Db::activities_watermark`), and
//! `merit copy` reads the table in its order once. The index cost a first
//! import a fifth of its server's work at the end (0.2 s of a million
//! rows) and every later import an entry per row, and on disk 21 MB a
//! million rows. The ids stay unique as they are drawn: from the
//! sequence, or by merit from one `nextval` on (`merit_ids_taken`).

/// One step of the PostgreSQL schema.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// The schema version this build writes on PostgreSQL.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The SQLite schema version a PostgreSQL store's content matches (what
/// `merit copy` needs of a SQLite file, and the audit entries name).
pub const MATCHES_SQLITE: i64 = 19;

/// Text as merit compares and sorts it: byte by byte.
const T: &str = r#"TEXT COLLATE "C""#;

/// Version 1, `T` written out (see `v1`).
const V1: &str = r#"
CREATE TABLE merit_schema(
    one     BIGINT PRIMARY KEY CHECK (one = 1),
    version BIGINT NOT NULL
);
INSERT INTO merit_schema VALUES (1, 0);
CREATE TABLE members(
    code   @T PRIMARY KEY,
    name   @T NOT NULL,
    team   @T NOT NULL,
    joined @T,
    active BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE activities(
    ref    @T PRIMARY KEY,
    member @T NOT NULL REFERENCES members(code),
    kind   @T NOT NULL,
    date   @T NOT NULL,
    amount @T NOT NULL,
    attrs  @T NOT NULL DEFAULT '{}',
    rowid  BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE
);
CREATE INDEX activities_by_date ON activities(date);
CREATE TABLE targets(
    member @T NOT NULL REFERENCES members(code),
    period @T NOT NULL,
    metric @T NOT NULL,
    target @T NOT NULL,
    PRIMARY KEY(member, period, metric)
);
CREATE TABLE rules(
    seq         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id          @T NOT NULL,
    kind        @T NOT NULL,
    valid_from  @T,
    valid_to    @T,
    active      BIGINT NOT NULL,
    body        @T NOT NULL,
    saved_at    @T,
    saved_by    @T,
    replaced_at @T,
    replaced_by @T
);
CREATE INDEX rules_in_force ON rules(replaced_at, seq);
CREATE TABLE settings(
    key   @T PRIMARY KEY,
    value @T NOT NULL
);
CREATE TABLE awards(
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind        @T NOT NULL CHECK(kind = 'award' OR kind = 'adjustment' OR kind = 'manual'),
    rule_id     @T NOT NULL,
    member      @T NOT NULL REFERENCES members(code),
    subject     @T NOT NULL,
    date        @T NOT NULL,
    points      BIGINT NOT NULL,
    category    @T NOT NULL DEFAULT '',
    explanation @T NOT NULL DEFAULT '',
    reason      @T NOT NULL DEFAULT '',
    status      @T NOT NULL CHECK(status = 'pending' OR status = 'approved' OR status = 'rejected'),
    created_at  @T NOT NULL,
    created_by  @T NOT NULL,
    decided_at  @T,
    decided_by  @T,
    decision_reason @T,
    title       @T NOT NULL DEFAULT '',
    explain     @T
);
CREATE UNIQUE INDEX awards_by_key ON awards(rule_id, member, subject) WHERE kind = 'award';
CREATE UNIQUE INDEX awards_pending_adjustment ON awards(rule_id, member, subject, date)
    WHERE kind = 'adjustment' AND status = 'pending';
CREATE INDEX awards_by_status ON awards(status, date, id, member, points);
CREATE INDEX awards_adjustments ON awards(rule_id, member, subject, date)
    WHERE kind = 'adjustment';
CREATE INDEX awards_titled ON awards(id, title) WHERE title <> '';
CREATE TABLE ledger(
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    member        @T NOT NULL REFERENCES members(code),
    date          @T NOT NULL,
    kind          @T NOT NULL,
    points        BIGINT NOT NULL,
    award_id      BIGINT REFERENCES awards(id),
    note          @T NOT NULL DEFAULT '',
    actor         @T NOT NULL,
    created_at    @T NOT NULL,
    balance_after BIGINT,
    prev_hash     @T,
    hash          @T
);
CREATE INDEX ledger_by_date ON ledger(date);
CREATE INDEX ledger_by_award ON ledger(award_id);
CREATE TABLE ledger_head(
    one  BIGINT PRIMARY KEY CHECK(one = 1),
    last BIGINT NOT NULL,
    hash @T NOT NULL
);
CREATE TABLE member_balances(
    member  @T PRIMARY KEY,
    last_id BIGINT NOT NULL,
    balance BIGINT NOT NULL
);
CREATE TABLE audit(
    id      BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at      @T NOT NULL,
    actor   @T NOT NULL,
    action  @T NOT NULL,
    detail  @T NOT NULL,
    subject @T,
    hash    @T,
    said    @T
);
CREATE INDEX audit_by_subject ON audit(subject);
CREATE TABLE audit_head(
    one  BIGINT PRIMARY KEY CHECK (one = 1),
    last BIGINT NOT NULL,
    hash @T NOT NULL
);
CREATE TABLE store_meta(
    one BIGINT PRIMARY KEY CHECK (one = 1),
    id  @T NOT NULL
);
CREATE TABLE seal(
    one            BIGINT PRIMARY KEY CHECK (one = 1),
    ledger_entries BIGINT NOT NULL,
    ledger_hash    @T NOT NULL,
    audit_entries  BIGINT NOT NULL,
    audit_hash     @T NOT NULL,
    tables         @T NOT NULL,
    at             @T NOT NULL,
    mac            @T NOT NULL,
    sealed_on      @T
);
CREATE TABLE rewards(
    code     @T PRIMARY KEY,
    name     @T NOT NULL,
    cost     BIGINT NOT NULL CHECK(cost > 0),
    stock    BIGINT CHECK(stock IS NULL OR stock >= 0),
    category @T NOT NULL DEFAULT '',
    active   BIGINT NOT NULL DEFAULT 1,
    rowid    BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE
);
CREATE TABLE redemptions(
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    member       @T NOT NULL REFERENCES members(code),
    reward       @T NOT NULL REFERENCES rewards(code),
    qty          BIGINT NOT NULL CHECK(qty > 0),
    points       BIGINT NOT NULL,
    status       @T NOT NULL CHECK(status IN ('pending', 'approved', 'rejected')),
    requested_on @T NOT NULL,
    requested_by @T NOT NULL,
    decided_at   @T,
    decided_by   @T,
    decision_reason @T
);
CREATE INDEX redemptions_by_status ON redemptions(status, member);
CREATE TABLE reward_limits(
    code           @T PRIMARY KEY REFERENCES rewards(code),
    limit_qty      BIGINT CHECK (limit_qty IS NULL OR limit_qty > 0),
    limit_per      @T,
    available_from @T,
    available_to   @T,
    rowid          BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE
);
CREATE TABLE closed_periods(
    period    @T PRIMARY KEY,
    starts    @T NOT NULL,
    ends      @T NOT NULL,
    closed_at @T NOT NULL,
    closed_by @T NOT NULL,
    rowid     BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE
);
CREATE TABLE scored_years(year BIGINT PRIMARY KEY);
CREATE TABLE disputes(
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    award_id          BIGINT NOT NULL REFERENCES awards(id),
    reason            @T NOT NULL,
    raised_by         @T NOT NULL,
    raised_at         @T NOT NULL,
    resolution        @T CHECK (resolution IS NULL OR resolution IN ('accepted', 'rejected')),
    resolution_reason @T,
    resolved_by       @T,
    resolved_at       @T,
    correction        BIGINT REFERENCES awards(id)
);
CREATE UNIQUE INDEX disputes_open ON disputes(award_id) WHERE resolution IS NULL;
CREATE INDEX disputes_by_award ON disputes(award_id, id);
CREATE TABLE input_digests(
    name @T PRIMARY KEY,
    sum  @T NOT NULL
);
CREATE TABLE award_months(
    status @T NOT NULL,
    month  @T NOT NULL,
    member @T NOT NULL,
    points BIGINT NOT NULL,
    PRIMARY KEY (status, month, member)
);

CREATE FUNCTION merit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
    FOR EACH ROW EXECUTE FUNCTION merit_refuse('the ledger is append-only');
CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
    FOR EACH ROW EXECUTE FUNCTION merit_refuse('the ledger is append-only');
CREATE TRIGGER ledger_is_append_only_truncate BEFORE TRUNCATE ON ledger
    FOR EACH STATEMENT EXECUTE FUNCTION merit_refuse('the ledger is append-only');
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION merit_refuse('the audit log is append-only');
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION merit_refuse('the audit log is append-only');
CREATE TRIGGER audit_is_append_only_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION merit_refuse('the audit log is append-only');

-- The month sums, kept through every write but a bulk one's, which sets
-- `merit.months_by_hand` for its transaction and adds its sums itself.
CREATE FUNCTION merit_award_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('merit.months_by_hand', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE award_months SET points = points - OLD.points
            WHERE status = OLD.status AND month = substr(OLD.date, 1, 7) AND member = OLD.member;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO award_months VALUES (NEW.status, substr(NEW.date, 1, 7), NEW.member, NEW.points)
            ON CONFLICT (status, month, member) DO UPDATE SET points = award_months.points + excluded.points;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER award_months_insert AFTER INSERT ON awards
    FOR EACH ROW EXECUTE FUNCTION merit_award_months();
CREATE TRIGGER award_months_delete AFTER DELETE ON awards
    FOR EACH ROW EXECUTE FUNCTION merit_award_months();
CREATE TRIGGER award_months_update AFTER UPDATE OF status, date, member, points ON awards
    FOR EACH ROW EXECUTE FUNCTION merit_award_months();
"#;

/// Version 2: the bulk tables' foreign keys dropped (see the top).
const V2: &str = r#"
ALTER TABLE activities DROP CONSTRAINT IF EXISTS activities_member_fkey;
ALTER TABLE awards DROP CONSTRAINT IF EXISTS awards_member_fkey;
ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_member_fkey;
ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_award_id_fkey;
"#;

/// Version 3: the indexes of an empty table that its first rows build,
/// through `merit_build_index`: leads' roles may write rows but not build
/// indexes on the owner's tables, so the function runs as the owner
/// (`SECURITY DEFINER`, owned by the tables' owner, its search path fixed
/// to the store's schema). It builds merit's two such indexes, only where
/// missing, and nothing else: any role may call it.
///
/// The award key index is built with room in its pages (fillfactor 70):
/// deciding an award writes a new version of its row, and so a new entry
/// in this index beside the old one. Built full (the default, 90), nearly
/// every such entry split a page: approving the dense year's first quarter
/// took 6.2 s against 4.9 s with this room (5.3 s with the index filled a
/// row at a time, as before schema 3).
const V3: &str = r#"
@BUILD_INDEX_3
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION merit_build_index(text) SET search_path = %I, pg_temp',
        current_schema());
    EXECUTE format('ALTER FUNCTION merit_build_index(text) OWNER TO %I',
        (SELECT tableowner FROM pg_tables
         WHERE schemaname = current_schema() AND tablename = 'awards'));
    IF NOT EXISTS (SELECT 1 FROM activities) THEN
        DROP INDEX IF EXISTS activities_by_date;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM awards) THEN
        DROP INDEX IF EXISTS awards_by_key;
    END IF;
END
$$;
"#;

/// Version 4: awards by status built by the write that first fills the
/// awards, as the other two (so `merit_build_index` knows it), and the
/// award_months triggers skipped by their `WHEN` while a bulk write keeps
/// the sums (the function's own test of the setting stays, for a trigger
/// made without it). `CREATE OR REPLACE` keeps the function's owner but
/// not its settings: its search path is fixed again.
const V4: &str = r#"
@BUILD_INDEX_4
DROP TRIGGER award_months_insert ON awards;
DROP TRIGGER award_months_delete ON awards;
DROP TRIGGER award_months_update ON awards;
CREATE TRIGGER award_months_insert AFTER INSERT ON awards FOR EACH ROW
    WHEN (coalesce(current_setting('merit.months_by_hand', true), '') <> 'on')
    EXECUTE FUNCTION merit_award_months();
CREATE TRIGGER award_months_delete AFTER DELETE ON awards FOR EACH ROW
    WHEN (coalesce(current_setting('merit.months_by_hand', true), '') <> 'on')
    EXECUTE FUNCTION merit_award_months();
CREATE TRIGGER award_months_update AFTER UPDATE OF status, date, member, points ON awards
    FOR EACH ROW
    WHEN (coalesce(current_setting('merit.months_by_hand', true), '') <> 'on')
    EXECUTE FUNCTION merit_award_months();
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION merit_build_index(text) SET search_path = %I, pg_temp',
        current_schema());
    IF NOT EXISTS (SELECT 1 FROM awards) THEN
        DROP INDEX IF EXISTS awards_by_status;
    END IF;
END
$$;
"#;

/// Version 5: awards' explanations kept as data alone (SQLite's schema
/// 19): nothing changes in the tables; the version tells an older merit
/// to refuse the store.
const V5: &str = "";

/// Version 6: awards by key led by the subject (see the top), in
/// `merit_build_index` and, where the awards have rows, rebuilt now.
const V6: &str = r#"
@BUILD_INDEX_6
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION merit_build_index(text) SET search_path = %I, pg_temp',
        current_schema());
    IF to_regclass('awards_by_key') IS NOT NULL THEN
        DROP INDEX awards_by_key;
        CREATE UNIQUE INDEX awards_by_key ON awards(@SUBJECT_LED)
            WITH (fillfactor = 70) WHERE kind = 'award';
    END IF;
END
$$;
"#;

/// Version 7: activities' unique indexes built by the write that first
/// fills them (see the top), and the sequences moved past the ids a bulk
/// write numbered itself (`merit_ids_taken`, any role may call it: it
/// only ever moves a sequence of merit's forward, and no further than the
/// highest id its table holds, so no role can run a sequence out).
const V7: &str = r#"
@BUILD_INDEX_7
CREATE FUNCTION merit_ids_taken(which TEXT, last BIGINT) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    seq TEXT;
    now BIGINT;
    held BIGINT;
BEGIN
    IF which = 'activities' THEN
        seq := pg_get_serial_sequence('activities', 'rowid');
        SELECT max(rowid) INTO held FROM activities;
    ELSIF which = 'awards' THEN
        seq := pg_get_serial_sequence('awards', 'id');
        SELECT max(id) INTO held FROM awards;
    ELSE
        RAISE EXCEPTION 'merit numbers no rows of %', which;
    END IF;
    IF last > coalesce(held, 0) THEN
        RAISE EXCEPTION 'merit_ids_taken: % holds no row numbered %', which, last;
    END IF;
    EXECUTE format('SELECT last_value FROM %s', seq) INTO now;
    IF last > now THEN
        PERFORM setval(seq, last);
    END IF;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION merit_build_index(text) SET search_path = %I, pg_temp',
        current_schema());
    EXECUTE format('ALTER FUNCTION merit_ids_taken(text, bigint) SET search_path = %I, pg_temp',
        current_schema());
    EXECUTE format('ALTER FUNCTION merit_ids_taken(text, bigint) OWNER TO %I',
        (SELECT tableowner FROM pg_tables
         WHERE schemaname = current_schema() AND tablename = 'activities'));
    IF EXISTS (SELECT 1 FROM activities) THEN
        ALTER INDEX activities_pkey RENAME TO activities_by_ref;
        ALTER INDEX activities_rowid_key RENAME TO activities_by_rowid;
    ELSE
        ALTER TABLE activities DROP CONSTRAINT activities_pkey;
        ALTER TABLE activities DROP CONSTRAINT activities_rowid_key;
    END IF;
END
$$;
"#;

/// Version 8: activities without an index by row id (see the top), and
/// `merit_build_index` without it. The index is a constraint where
/// schema 1 made it and schema 7 renamed it (activities with rows), a
/// plain index where a first import built it. `merit_ids_taken` no
/// longer reads the highest id (without the index, a read of the whole
/// table): it takes the first id merit gave as well as the last, and
/// moves the sequence only if nobody drew from it since merit drew the
/// first (it says whether it did); and it moves it no further than the
/// table's pages could hold rows, so that no role runs it out at once.
const V8: &str = r#"
@BUILD_INDEX_8
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION merit_build_index(text) SET search_path = %I, pg_temp',
        current_schema());
END
$$;
ALTER TABLE activities DROP CONSTRAINT IF EXISTS activities_by_rowid;
ALTER TABLE activities DROP CONSTRAINT IF EXISTS activities_rowid_key;
DROP INDEX IF EXISTS activities_by_rowid;
DROP FUNCTION merit_ids_taken(text, bigint);
CREATE FUNCTION merit_ids_taken(which TEXT, first BIGINT, last BIGINT) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    seq TEXT;
    now BIGINT;
    called BOOLEAN;
    room BIGINT;
    cache BIGINT;
BEGIN
    IF which = 'activities' THEN
        seq := pg_get_serial_sequence('activities', 'rowid');
    ELSIF which = 'awards' THEN
        seq := pg_get_serial_sequence('awards', 'id');
    ELSE
        RAISE EXCEPTION 'merit numbers no rows of %', which;
    END IF;
    -- No more ids than the table's pages could hold rows (a heap page
    -- holds at most (block size - 24) / 28 of them).
    room := pg_relation_size(which::regclass) / current_setting('block_size')::bigint
        * ((current_setting('block_size')::bigint - 24) / 28);
    IF last < first OR last - first >= room THEN
        RAISE EXCEPTION 'merit_ids_taken: % cannot hold rows numbered % to %', which, first, last;
    END IF;
    EXECUTE format('SELECT last_value, is_called FROM %s', seq) INTO now, called;
    -- Where the sequence hands ids out in blocks (CACHE), the one merit
    -- drew first began its block; another's draw would begin the next.
    SELECT seqcache INTO cache FROM pg_sequence WHERE seqrelid = seq::regclass;
    IF NOT called OR now < first OR now >= first + greatest(cache, 1) THEN
        RETURN false;
    END IF;
    PERFORM setval(seq, last);
    RETURN true;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION merit_ids_taken(text, bigint, bigint) SET search_path = %I, pg_temp',
        current_schema());
    EXECUTE format('ALTER FUNCTION merit_ids_taken(text, bigint, bigint) OWNER TO %I',
        (SELECT tableowner FROM pg_tables
         WHERE schemaname = current_schema() AND tablename = 'activities'));
END
$$;
"#;

/// Migration `i` (from 0) as PostgreSQL runs it.
pub fn migration(i: usize) -> Option<String> {
    MIGRATIONS.get(i).map(|sql| {
        sql.replace("@T", T)
            .replace(
                "@BUILD_INDEX_3",
                &build_index_function(RULE_LED, false, ActivityKeys::None),
            )
            .replace(
                "@BUILD_INDEX_4",
                &build_index_function(RULE_LED, true, ActivityKeys::None),
            )
            .replace(
                "@BUILD_INDEX_6",
                &build_index_function(SUBJECT_LED, true, ActivityKeys::None),
            )
            .replace(
                "@BUILD_INDEX_7",
                &build_index_function(SUBJECT_LED, true, ActivityKeys::RefAndRowid),
            )
            .replace(
                "@BUILD_INDEX_8",
                &build_index_function(SUBJECT_LED, true, ActivityKeys::Ref),
            )
            .replace("@SUBJECT_LED", SUBJECT_LED)
    })
}

/// Awards by key's columns before schema 6, and from it on.
const RULE_LED: &str = "rule_id, member, subject";
const SUBJECT_LED: &str = "subject, member, rule_id";

/// Which of activities' unique indexes `merit_build_index` builds.
enum ActivityKeys {
    /// None: before schema 7, they are the table's constraints.
    None,
    /// By ref and by row id: schema 7.
    RefAndRowid,
    /// By ref: from schema 8 on.
    Ref,
}

/// `merit_build_index` as schemas 3, 4, 6, 7 and 8 define it (written
/// into their steps by `migration`): awards by key on `key`, from 4 on
/// awards by status too, and activities' `keys`.
fn build_index_function(key: &str, by_status: bool, keys: ActivityKeys) -> String {
    let by_ref = "\n    ELSIF which = 'activities_by_ref' THEN\n        \
         CREATE UNIQUE INDEX IF NOT EXISTS activities_by_ref ON activities(ref);";
    let keys = match keys {
        ActivityKeys::None => String::new(),
        ActivityKeys::RefAndRowid => format!(
            "{by_ref}\n    \
             ELSIF which = 'activities_by_rowid' THEN\n        \
             CREATE UNIQUE INDEX IF NOT EXISTS activities_by_rowid ON activities(rowid);"
        ),
        ActivityKeys::Ref => by_ref.to_string(),
    };
    let status = if by_status {
        "\n    ELSIF which = 'awards_by_status' THEN\n        \
         CREATE INDEX IF NOT EXISTS awards_by_status ON awards(status, date, id, member, points);"
    } else {
        ""
    };
    format!(
        r#"CREATE OR REPLACE FUNCTION merit_build_index(which TEXT) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF to_regclass(which) IS NOT NULL THEN
        RETURN;
    ELSIF which = 'activities_by_date' THEN
        CREATE INDEX IF NOT EXISTS activities_by_date ON activities(date);{keys}
    ELSIF which = 'awards_by_key' THEN
        CREATE UNIQUE INDEX IF NOT EXISTS awards_by_key ON awards({key})
            WITH (fillfactor = 70) WHERE kind = 'award';{status}
    ELSE
        RAISE EXCEPTION 'merit builds no index named %', which;
    END IF;
END $$;"#
    )
}

/// The functions merit makes, with their arguments.
pub const FUNCTIONS: &[&str] = &[
    "merit_refuse()",
    "merit_award_months()",
    "merit_build_index(text)",
    "merit_ids_taken(text, bigint)",
    "merit_ids_taken(text, bigint, bigint)",
];

/// The tables merit makes, for telling its store from someone else's.
pub const TABLES: &[&str] = &[
    "merit_schema",
    "members",
    "activities",
    "targets",
    "rules",
    "settings",
    "awards",
    "ledger",
    "ledger_head",
    "member_balances",
    "audit",
    "audit_head",
    "store_meta",
    "seal",
    "rewards",
    "redemptions",
    "reward_limits",
    "closed_periods",
    "scored_years",
    "disputes",
    "input_digests",
    "award_months",
];

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    /// Each step as the stores that ran it ran it, by SHA-256: a step is
    /// never edited once released (a store migrated by it would differ
    /// from one migrated by the edit), only followed by another.
    #[test]
    fn a_released_step_is_never_edited() {
        const RAN: [&str; 8] = [
            "645622c3540c64836f934ecaa2c417764ec4327f79fda942baa2a9bce9311004",
            "70f1a069dab88cbd57ab362d058b75da7487ed6abaac43a73c26967537c4aa04",
            "ce21d5ed65b0056755a60e78f2baa125cf3d5e6fd0a1c6b34c713ac9c876a1f2",
            "cb4e9438206fbf96452b77e603efa4e5105456d6e0059332a9f5e2983cd767f0",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "717692067f1059f186b8480cde821f217dd2b6081cd5bac83ee23db7a3dc257d",
            "a4dbef9bdd74c0791ac9ef07b8c00815d6fc0dc7b0fc3cca2a34d3b05c8f1872",
            "c12608b47332bca33b14a8ae93a2d85dc43b699ec2869b54edbc3f71b5dad2a9",
        ];
        assert_eq!(RAN.len(), super::MIGRATIONS.len());
        for (i, ran) in RAN.iter().enumerate() {
            let text = super::migration(i).unwrap();
            let digest: String = Sha256::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(&digest, ran, "step {} was edited", i + 1);
        }
    }
}
