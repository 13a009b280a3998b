//! Bad input: every bad row named by file, line and field, exit 2, and
//! nothing written.

mod common;
use common::{Sandbox, fixture};

fn q1(name: &str) -> String {
    fixture("q1").join(name).display().to_string()
}

/// A sandbox with the q1 members imported.
fn with_members() -> Sandbox {
    with_members_in(Sandbox::new())
}

/// `with_members` in `s` (a file, for a test that reads its indexes).
fn with_members_in(s: Sandbox) -> Sandbox {
    s.ok(&["import", "members", &q1("members.csv")]);
    s
}

/// Runs an import that must fail: exit 2, the expected lines on stderr,
/// and the store exactly as before.
fn refused(s: &Sandbox, kind: &str, name: &str, text: &str, expected: &[&str]) {
    let path = s.file(name, text);
    let before = s.dump();
    let out = s.merit().args(["import", kind, &path]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for e in expected {
        let line = format!("merit: {path}{e}");
        assert!(
            err.lines().any(|l| l == line),
            "missing {line:?} in:\n{err}"
        );
    }
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(s.dump(), before, "the store changed");
}

#[test]
fn impossible_date() {
    let s = with_members();
    refused(
        &s,
        "activities",
        "a.csv",
        "ref,member,kind,date,amount\nD-1,ZW,deal,2026-02-03,100\nD-2,ZW,deal,2026-02-30,100\n",
        &[":3: date: '2026-02-30' is not a calendar date"],
    );
}

#[test]
fn bad_number() {
    let s = with_members();
    refused(
        &s,
        "activities",
        "a.csv",
        "ref,member,kind,date,amount\nD-1,ZW,deal,2026-02-03,12k\nD-2,ZW,deal,2026-02-04,1e30\n",
        &[
            ":2: amount: '12k' is not a number",
            ":3: amount: '1e30' is not a number",
        ],
    );
}

#[test]
fn unknown_member() {
    let s = with_members();
    refused(
        &s,
        "activities",
        "a.csv",
        "ref,member,kind,date,amount\nD-1,ZW,deal,2026-02-03,1\nD-2,QQ,deal,2026-02-03,1\n",
        &[":3: member: unknown member 'QQ' (import members first)"],
    );
}

#[test]
fn missing_column() {
    let s = with_members();
    refused(
        &s,
        "activities",
        "a.csv",
        "ref,member,kind,amount\nD-1,ZW,deal,1\n",
        &[":1: date: column is missing"],
    );
}

#[test]
fn duplicate_key_inside_the_file() {
    let s = with_members();
    refused(
        &s,
        "activities",
        "a.csv",
        "ref,member,kind,date,amount\nD-1,ZW,deal,2026-02-03,1\nD-2,ZW,deal,2026-02-03,1\nD-1,LN,deal,2026-02-04,2\n",
        &[":4: ref: 'D-1' appears twice in the file (first on line 2)"],
    );
}

#[test]
fn empty_file() {
    let s = with_members();
    refused(
        &s,
        "activities",
        "a.csv",
        "",
        &[": the file is empty (a header row is required)"],
    );
}

#[test]
fn every_bad_row_is_listed_not_just_the_first() {
    let s = with_members();
    refused(
        &s,
        "activities",
        "a.csv",
        "ref,member,kind,date,amount\nD-1,ZW,deal,2026-13-01,1\nD-2,ZW,deal,2026-02-03,1\nD-3,XX,deal,2026-02-03,x\n",
        &[
            ":2: date: '2026-13-01' is not a calendar date",
            ":4: member: unknown member 'XX' (import members first)",
            ":4: amount: 'x' is not a number",
        ],
    );
}

#[test]
fn bad_members_and_targets() {
    let s = Sandbox::new();
    let none = s.file("none.toml", "");
    s.ok(&["rules", "import", &none, "--allow-empty"]); // creates the empty store
    refused(
        &s,
        "members",
        "m.csv",
        "code,name,team,joined,active\nZW,张伟,East,2025-01-06,yes\n,李娜,East,,\nWF,王芳,West,2024-02-30,true\n",
        &[
            ":2: active: 'yes' is not true or false",
            ":3: code: is empty",
            ":4: joined: '2024-02-30' is not a calendar date",
        ],
    );
    let s = with_members();
    refused(
        &s,
        "targets",
        "t.csv",
        "member,period,metric,target\nZW,2026-Q5,deal,100\nLN,2026-Q1,deal,-5\nZW,2026-Q1,deal,100\nZW,2026-Q1,deal,200\n",
        &[
            ":2: period: '2026-Q5' is not a period (2026-03, 2026-Q1 or 2026)",
            ":3: target: must be greater than 0",
            ":5: member, period, metric: 'ZW, 2026-Q1, deal' appears twice in the file (first on line 4)",
        ],
    );
}

#[test]
fn rows_with_the_wrong_number_of_cells_and_invalid_utf8() {
    let s = with_members();
    let path = s.dir.path().join("bytes.csv");
    std::fs::write(
        &path,
        b"ref,member,kind,date,amount\nD-1,ZW,deal,2026-02-03\nD-2,ZW,d\xffl,2026-02-03,1\n",
    )
    .unwrap();
    let before = s.dump();
    let out = s
        .merit()
        .args(["import", "activities", path.to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("bytes.csv:2: has 4 cells, the header has 5"),
        "{err}"
    );
    assert!(err.contains("bytes.csv:3: kind: not valid UTF-8"), "{err}");
    assert_eq!(s.dump(), before);
}

#[test]
fn a_bom_and_extra_columns_are_accepted() {
    let s = with_members();
    let path = s.file(
        "bom.csv",
        "\u{feff}ref,member,kind,date,amount,customer_tier,note\nD-1,ZW,deal,2026-02-03,,A,\n",
    );
    assert!(s.ok(&["import", "activities", &path]).contains("1 new"));
}

#[test]
fn reimporting_a_file_changes_nothing() {
    let s = Sandbox::new();
    s.load_q1();
    let before = s.dump();
    for (kind, file) in [
        ("members", "members.csv"),
        ("targets", "targets.csv"),
        ("activities", "activities.csv"),
    ] {
        let out = s.ok(&["import", kind, &q1(file)]);
        assert!(out.contains(": 0 new, 0 updated,"), "{out}");
    }
    // Everything but the audit log (which records the imports) is the same.
    let no_audit = |d: &str| {
        let start = d.find("== audit").unwrap();
        let end = d[start..].find("== ledger").unwrap() + start;
        format!("{}{}", &d[..start], &d[end..])
    };
    let no_log = |d: &str| common::without(&no_audit(d), "seal");
    assert_eq!(no_log(&s.dump()), no_log(&before));
}

#[test]
fn rules_import_errors_name_file_line_rule_and_key_and_change_nothing() {
    let s = Sandbox::new();
    s.load_q1();
    let before = s.ok(&["rules", "export"]);
    let bad = s.file(
        "bad.toml",
        "[[rules]]\nid = \"deal\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = -3\ncap = { points = 5, per = \"month\" }\n\n[[rules]]\nid = \"boost\"\nkind = \"multiplier\"\nrules = [\"nope\"]\nfactor = 2\nfrom = \"2026-01-01\"\nto = \"2026-01-31\"\n\n[[rules]]\nid = \"x\"\nkind = \"bonus\"\n",
    );
    let out = s.merit().args(["rules", "import", &bad]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains(&format!(
            "{bad}:6: rule 'deal': cap: a rule with negative points cannot have a cap"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{bad}:11: rule 'boost': rules: names unknown rule 'nope'"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{bad}:18: rule 'x': kind: unknown kind 'bonus'")),
        "{err}"
    );
    assert!(err.contains("no rule was changed"), "{err}");
    assert_eq!(s.ok(&["rules", "export"]), before);
}

#[test]
fn a_stored_ref_twice_in_the_file() {
    let s = with_members();
    let first = s.file(
        "first.csv",
        "ref,member,kind,date,amount\nD-1,ZW,deal,2026-02-03,1\n",
    );
    s.ok(&["import", "activities", &first]);
    refused(
        &s,
        "activities",
        "a.csv",
        "ref,member,kind,date,amount\nD-1,ZW,deal,2026-02-03,5\nD-2,ZW,deal,2026-02-03,1\nD-1,LN,deal,2026-02-04,2\n",
        &[":4: ref: 'D-1' appears twice in the file (first on line 2)"],
    );
}

/// Rows enough for a bulk import (the date index is built at the end).
fn bulk_rows(n: usize) -> String {
    let mut text = String::from("ref,member,kind,date,amount\n");
    for i in 0..n {
        text.push_str(&format!("B-{i},ZW,visit,2026-03-{:02},0\n", 1 + i % 28));
    }
    text
}

#[test]
fn a_duplicate_late_in_a_bulk_import_names_its_first_line() {
    let s = with_members_in(Sandbox::file_only());
    let mut text = bulk_rows(20_000);
    text.push_str("B-7,ZW,visit,2026-03-09,0\n");
    refused(
        &s,
        "activities",
        "bulk.csv",
        &text,
        &[":20002: ref: 'B-7' appears twice in the file (first on line 9)"],
    );
    // The refused import left the store's indexes as they were.
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'activities_by_date'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_bulk_import_keeps_the_date_index_and_reads_back() {
    let s = with_members_in(Sandbox::file_only());
    let path = s.file("bulk.csv", &bulk_rows(20_000));
    let out = s.ok(&["import", "activities", &path]);
    assert!(out.contains("20000 new"), "{out}");
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT ref FROM activities WHERE date BETWEEN '2026-03-01' AND '2026-03-02'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("activities_by_date"), "{plan}");
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM activities WHERE date BETWEEN '2026-03-01' AND '2026-03-02'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 20_000 / 28 * 2 + 2);
    // The same file again: nothing new, nothing changed.
    let again = s.ok(&["import", "activities", &path]);
    assert!(
        again.contains("0 new, 0 updated, 20000 unchanged"),
        "{again}"
    );
}

/// Imports the members file at `path`, refused for the one stray carriage
/// return that splits its line 2: named for the first part's cells, then
/// once for what split it, and nothing else.
fn split_on_line_2(s: &Sandbox, path: &str) {
    let out = s.merit().args(["import", "members", path]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        err,
        format!(
            "merit: {path}:2: has 2 cells, the header has 3\n\
             merit: {path}:2: a carriage return splits the line: put the cell holding it in \
             quotes, or remove it\n\
             merit: {path}: nothing was imported\n"
        )
    );
}

/// A carriage return alone in an unquoted cell ends the record there
/// (lines are counted by line feeds, so both parts are on one line): the
/// first part is named by its count of cells, the second by what split
/// the line, not by the same count again. A file whose every line ends in
/// a carriage return (old Mac) still imports.
#[test]
fn a_carriage_return_inside_a_line_is_named_once_for_what_it_is() {
    let s = Sandbox::new();
    let path = s.file("m.csv", "code,name,team\nZW,张伟\r,East\nLN,李娜,West\n");
    split_on_line_2(&s, &path);
    // Both parts with the header's cells are not two rows either.
    let path = s.file("whole.csv", "code,name,team\nZW,张伟,East\rLN,李娜,West\n");
    let out = s
        .merit()
        .args(["import", "members", &path])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        err,
        format!(
            "merit: {path}:2: a carriage return splits the line: put the cell holding it in \
             quotes, or remove it\n\
             merit: {path}: nothing was imported\n"
        )
    );
    let mac = s.file("mac.csv", "code,name,team\rZW,张伟,East\rLN,李娜,West\r");
    let said = s.ok(&["import", "members", &mac]);
    assert!(said.contains("2 new"), "{said}");
}

/// The lines an error names are the file's whatever its line ends: a file
/// saved on Windows (CRLF) had every row named one line early, and a
/// classic Mac file (CR) named every row line 1.
#[test]
fn errors_name_the_files_own_lines_whatever_its_line_ends() {
    let s = Sandbox::new();
    for (name, text) in [
        ("lf.csv", "code,name,team\nZW,a,East\nLN,b\nXX,c,West\n"),
        (
            "crlf.csv",
            "code,name,team\r\nZW,a,East\r\nLN,b\r\nXX,c,West\r\n",
        ),
        ("cr.csv", "code,name,team\rZW,a,East\rLN,b\rXX,c,West\r"),
        (
            "mixed.csv",
            "code,name,team\nZW,a,East\r\nLN,b\r\nXX,c,West\n",
        ),
    ] {
        refused(
            &s,
            "members",
            name,
            text,
            &[":3: has 2 cells, the header has 3"],
        );
    }
    // A value's error too, in a CRLF file.
    refused(
        &s,
        "members",
        "joined.csv",
        "code,name,team,joined\r\nZW,a,East,2026-01-01\r\nLN,b,East,2026-13-01\r\n",
        &[":3: joined: '2026-13-01' is not a calendar date"],
    );
    // A stray CR in a CRLF file's line, twice: the line is named for its
    // count of cells and once for what split it.
    let path = s.file(
        "two.csv",
        "code,name,team\r\nZW,张\r伟\r,East\r\nLN,b,West\r\n",
    );
    split_on_line_2(&s, &path);
}

/// A folder or a missing file given for FILE is said so, in merit's own
/// words, not as a header on line 1 that could not be read (`Is a
/// directory (os error 21)`).
#[test]
fn a_folder_or_a_missing_file_is_said_so() {
    let s = Sandbox::new();
    let dir = s.dir.path().join("exports");
    std::fs::create_dir(&dir).unwrap();
    let dir = dir.display().to_string();
    let out = s
        .merit()
        .args(["import", "activities", &dir])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        err,
        format!("merit: {dir}: cannot read: it is a directory, not a file\n")
    );
    let out = s
        .merit()
        .env("MERIT_LANG", "zh-CN")
        .args(["import", "members", "nosuch.csv"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err, "merit: nosuch.csv: 无法读取：没有这个文件\n");
}

/// A dry run where no store is yet says what the import would do and
/// writes nothing: no store (file or tables), no seal key (it made both,
/// after printing "dry run, nothing written").
#[test]
fn a_dry_run_where_no_store_is_makes_none() {
    let s = Sandbox::new();
    let members = fixture("q1").join("members.csv").display().to_string();
    let out = s.ok(&["import", "members", &members, "--dry-run"]);
    assert!(
        out.contains("4 new, 0 updated, 0 unchanged (dry run, nothing written)"),
        "{out}"
    );
    assert!(!s.key().exists(), "a key was made");
    let err = s.merit().args(["ledger"]).assert().code(1);
    let err = String::from_utf8_lossy(&err.get_output().stderr).to_string();
    assert!(err.contains("no store at"), "{err}");
    // A folder the store could not be made in is said as the import says
    // it (the dry run went on in its own folder and said "4 new").
    let nowhere = std::path::Path::new(&s.file("f", ""))
        .with_file_name("no-folder")
        .join("x.db");
    let out = s
        .merit()
        .env("MERIT_DB", &nowhere)
        .args(["import", "members", &members, "--dry-run"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("cannot create the store: no such file or folder"),
        "{err}"
    );
    // The import itself then makes the store, as ever.
    s.ok(&["import", "members", &members]);
    assert!(s.key().exists());
}

/// A dry run where no store is, cut short by a hang-up, SIGTERM or SIGINT,
/// removes the private folder it read the file into (it was left behind in
/// the temporary directory).
#[test]
fn a_dry_run_cut_short_by_a_signal_leaves_no_folder_behind() {
    use assert_cmd::cargo::CommandCargoExt;
    let s = Sandbox::new();
    let mut csv = String::from("code,name,team,joined\n");
    for i in 0..300_000 {
        csv.push_str(&format!("M{i},Name {i},East,2025-01-06\n"));
    }
    let members = s.file("many.csv", &csv);
    for signal in [libc::SIGHUP, libc::SIGTERM, libc::SIGINT] {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::cargo_bin("merit")
            .unwrap()
            .env("MERIT_DB", s.db())
            .env("MERIT_KEY", s.key())
            .env("MERIT_LANG", "en")
            .env("TMPDIR", tmp.path())
            .args(["import", "members", &members, "--dry-run"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The scratch store is there: the file is being read into it.
        let began = std::time::Instant::now();
        let scratch = loop {
            let made = std::fs::read_dir(tmp.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|d| d.join("dry-run.db").exists());
            if let Some(d) = made {
                break d;
            }
            assert!(
                began.elapsed() < std::time::Duration::from_secs(60),
                "no scratch store"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status).map_or(status.code(), |_| None),
            Some(128 + signal),
            "{status:?}"
        );
        assert!(!scratch.exists(), "{} left behind", scratch.display());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }
    assert!(!s.key().exists(), "a key was made");
}

/// A target's period of a year outside 1900 to 2999 is said as the command
/// line says it (it was "not a period").
#[test]
fn a_targets_period_outside_the_years_is_said_so() {
    let s = Sandbox::new();
    let members = fixture("q1").join("members.csv").display().to_string();
    s.ok(&["import", "members", &members]);
    let t = s.file(
        "t.csv",
        "member,period,metric,target\nZW,1899,deal,5\nZW,3000-Q1,deal,5\n",
    );
    let out = s.merit().args(["import", "targets", &t]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("t.csv:2: period: '1899' is outside the years 1900 to 2999"),
        "{err}"
    );
    assert!(
        err.contains("t.csv:3: period: '3000-Q1' is outside the years 1900 to 2999"),
        "{err}"
    );
}
