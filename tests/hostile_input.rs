//! Hostile input (SPEC §8, §9): every case gets a clear one-line error
//! naming file, line and field, exit 2, and nothing written — or, for
//! formula cells, safe handling: stored as typed, neutralised in CSV output.

mod common;
use common::{Sandbox, fixture};

/// A sandbox with the q1 members and rules.
fn store() -> Sandbox {
    let s = Sandbox::new();
    let f = |n: &str| fixture("q1").join(n).display().to_string();
    s.ok(&["import", "members", &f("members.csv")]);
    s.ok(&["rules", "import", &f("rules.toml")]);
    s
}

/// Runs `merit args… FILE` on `bytes` and expects exit 2, exactly these
/// stderr lines (FILE stands for the path), and no change to the store.
fn refused(s: &Sandbox, args: &[&str], name: &str, bytes: &[u8], expected: &[&str]) {
    let path = s.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let path = path.display().to_string();
    let before = s.dump();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&path);
    let out = s.merit().args(&all).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let want: Vec<String> = expected
        .iter()
        .map(|e| format!("merit: {}\n", e.replace("FILE", &path)))
        .collect();
    assert_eq!(err, want.concat());
    assert_eq!(s.dump(), before, "the store changed");
}

const ACTIVITIES: &[&str] = &["import", "activities"];
const HEADER: &str = "ref,member,kind,date,amount\n";

#[test]
fn csv_with_invalid_utf8() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"D-1,ZW,deal,2026-01-05,\xff\xfe10\n");
    refused(
        &store(),
        ACTIVITIES,
        "utf8.csv",
        &bytes,
        &[
            "FILE:2: amount: not valid UTF-8",
            "FILE: nothing was imported",
        ],
    );
}

#[test]
fn csv_with_nul_bytes() {
    let bytes = format!("{HEADER}D-1,Z\0W,deal,2026-01-05,10\nD-2,ZW,deal,2026-01-05,1\0\n");
    refused(
        &store(),
        ACTIVITIES,
        "nul.csv",
        bytes.as_bytes(),
        &[
            "FILE:2: member: contains a NUL byte",
            "FILE:3: amount: contains a NUL byte",
            "FILE: nothing was imported",
        ],
    );
}

#[test]
fn csv_with_a_10_mb_cell() {
    let bytes = format!(
        "ref,member,kind,date,amount,note\nD-1,ZW,deal,2026-01-05,10,{}\n",
        "x".repeat(10 << 20)
    );
    refused(
        &store(),
        ACTIVITIES,
        "big.csv",
        bytes.as_bytes(),
        &[
            "FILE:2: cannot read: a line is longer than 1 MiB (is this a CSV file?)",
            "FILE: nothing was imported",
        ],
    );
}

#[test]
fn csv_with_a_long_but_bounded_cell_names_the_field() {
    let bytes = format!(
        "ref,member,kind,date,amount,note\nD-1,ZW,deal,2026-01-05,10,{}\n",
        "x".repeat(5_000)
    );
    refused(
        &store(),
        ACTIVITIES,
        "long.csv",
        bytes.as_bytes(),
        &[
            "FILE:2: note: is longer than 200 characters",
            "FILE: nothing was imported",
        ],
    );
}

#[test]
fn csv_with_1e30_amounts() {
    let bytes = format!(
        "{HEADER}D-1,ZW,deal,2026-01-05,1e30\nD-2,ZW,deal,2026-01-05,1000000000000000000000000000000\nD-3,ZW,deal,2026-01-05,-1000000000000000000000\n"
    );
    refused(
        &store(),
        ACTIVITIES,
        "huge.csv",
        bytes.as_bytes(),
        &[
            "FILE:2: amount: '1e30' is not a number",
            "FILE:3: amount: '1000000000000000000000000000000' is not a number in range",
            "FILE:4: amount: '-1000000000000000000000' is too large (at most 1000000000000000)",
            "FILE: nothing was imported",
        ],
    );
}

#[test]
fn csv_with_negative_targets() {
    refused(
        &store(),
        &["import", "targets"],
        "targets.csv",
        b"member,period,metric,target\nZW,2026-Q1,deal,-300000\nLN,2026-Q1,deal,0\n",
        &[
            "FILE:2: target: must be greater than 0",
            "FILE:3: target: must be greater than 0",
            "FILE: nothing was imported",
        ],
    );
}

#[test]
fn csv_with_far_future_dates() {
    let bytes = format!(
        "{HEADER}D-1,ZW,deal,3026-01-05,10\nD-2,ZW,deal,+20260-01-05,10\nD-3,ZW,deal,1800-01-01,10\n"
    );
    refused(
        &store(),
        ACTIVITIES,
        "future.csv",
        bytes.as_bytes(),
        &[
            "FILE:2: date: '3026-01-05' is outside the years 1900 to 2999",
            "FILE:3: date: '+20260-01-05' is not a date (YYYY-MM-DD)",
            "FILE:4: date: '1800-01-01' is outside the years 1900 to 2999",
            "FILE: nothing was imported",
        ],
    );
}

#[test]
fn not_a_csv_file_at_all() {
    let s = store();
    let before = s.dump();
    let out = s
        .merit()
        .args(["import", "activities", "/dev/zero"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr),
        "merit: /dev/zero:1: cannot read the header: cannot read: a line is longer than 1 MiB (is this a CSV file?)\nmerit: /dev/zero: nothing was imported\n"
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn formula_cells_are_kept_as_typed_and_neutralised_in_every_csv_export() {
    let s = store();
    let evil = "=cmd|' /C calc'!A0";
    let members = s.file(
        "evil.csv",
        &format!("code,name,team\nEV,\"{evil}\",@East\nPL,+SUM(A1:A9),-West\n"),
    );
    s.ok(&["import", "members", &members]);
    s.ok(&[
        "award",
        "EV",
        "5",
        "--reason",
        "=HYPERLINK(\"http://x\")",
        "--date",
        "2026-01-05",
    ]);
    let rewards = s.file(
        "rewards.csv",
        "code,name,cost,stock,category\nR1,=1+1,50,,gift\n",
    );
    s.ok(&["catalog", "import", &rewards]);
    // Stored exactly as typed: the table shows it.
    assert!(s.ok(&["standings", "2026-Q1"]).contains(evil));
    let standings = s.ok(&[
        "standings",
        "2026-Q1",
        "--include-pending",
        "--format",
        "csv",
    ]);
    assert!(
        standings.contains("EV,'=cmd|' /C calc'!A0,'@East,5,\n"),
        "{standings}"
    );
    assert!(
        standings.contains("PL,'+SUM(A1:A9),'-West,0,\n"),
        "{standings}"
    );
    let teams = s.ok(&["standings", "2026-Q1", "--teams", "--format", "csv"]);
    assert!(
        teams.contains(",'@East,") && teams.contains(",'-West,"),
        "{teams}"
    );
    let ledger = s.ok(&["ledger", "--format", "csv"]);
    assert!(
        ledger.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{ledger}"
    );
    assert!(ledger.contains(",'=cmd|' /C calc'!A0,"), "{ledger}");
    let catalog = s.ok(&["catalog", "list", "--format", "csv"]);
    assert!(catalog.contains("R1,'=1+1,50,"), "{catalog}");
    let balance = s.ok(&["balance", "EV", "--format", "csv"]);
    assert!(balance.contains("EV,'=cmd|"), "{balance}");
    // Negative points stay numbers.
    s.ok(&[
        "award",
        "PL",
        "-15",
        "--reason",
        "late",
        "--date",
        "2026-01-05",
    ]);
    let ledger = s.ok(&["ledger", "--member", "PL", "--format", "csv"]);
    assert!(ledger.contains(",-15,pending,"), "{ledger}");
}

const RULES: &[&str] = &["rules", "import"];
const DEAL: &str = "[[rules]]\nid = \"deal\"\nname = \"Deal\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 10\n";

#[test]
fn rules_with_unknown_keys() {
    let text = format!("{DEAL}colour = \"red\"\n\n[settings]\nexpire_after = 12\n");
    refused(
        &store(),
        RULES,
        "unknown.toml",
        text.as_bytes(),
        &[
            "FILE:7: rule 'deal': colour: unknown key for a per_event rule",
            "FILE:10: settings: expire_after: unknown key",
            "FILE: no rule was changed",
        ],
    );
}

#[test]
fn rules_with_duplicate_ids_and_overlapping_windows() {
    let text = format!(
        "{DEAL}valid_from = \"2026-01-01\"\n\n{}valid_from = \"2026-03-01\"\nvalid_to = \"2026-12-31\"\n",
        DEAL.replace("points = 10", "points = 12")
    );
    refused(
        &store(),
        RULES,
        "overlap.toml",
        text.as_bytes(),
        &[
            "FILE:15: rule 'deal': valid_from: this version's window overlaps another version of the same rule",
            "FILE: no rule was changed",
        ],
    );
}

#[test]
fn rules_with_a_factor_of_zero_or_below() {
    let sprint = |id: &str, factor: &str| {
        format!(
            "[[rules]]\nid = \"{id}\"\nname = \"Sprint\"\nkind = \"multiplier\"\nrules = [\"deal\"]\nfactor = {factor}\nfrom = \"2026-01-01\"\nto = \"2026-01-31\"\n\n"
        )
    };
    let text = format!(
        "{DEAL}\n{}{}",
        sprint("zero", "0"),
        sprint("negative", "\"-1.5\"")
    );
    refused(
        &store(),
        RULES,
        "factor.toml",
        text.as_bytes(),
        &[
            "FILE:13: rule 'zero': factor: must be greater than 0",
            "FILE:22: rule 'negative': factor: must be greater than 0",
            "FILE: no rule was changed",
        ],
    );
}

#[test]
fn rules_that_are_not_text() {
    refused(
        &store(),
        RULES,
        "binary.toml",
        b"\xff\xfe[[rules]]\0",
        &["FILE: not valid UTF-8"],
    );
}

#[test]
fn a_redemption_quantity_beyond_any_balance_is_a_usage_error_not_a_crash() {
    let s = store();
    let rewards = s.file(
        "r.csv",
        "code,name,cost,stock,category\nBIG,Big,999999999999999,,gift\n",
    );
    s.ok(&["catalog", "import", &rewards]);
    let before = s.dump();
    let out = s
        .merit()
        .args(["redeem", "ZW", "BIG", "--qty", "9223372036854775807"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr),
        "merit: --qty: 9223372036854775807 × 999999999999999 points is out of range\n"
    );
    assert_eq!(s.dump(), before);
}

/// An absurdly small target: the attainment passes what merit's numbers
/// hold, and the recalc stops naming the rule, the period and the member
/// (exit 2, nothing written), as an award beyond ±10^15 does; no crash.
/// (It gave no award, without a word.)
#[test]
fn an_absurdly_small_target_stops_the_recalc_and_no_crash() {
    let s = store();
    let targets = s.file(
        "t.csv",
        "member,period,metric,target\nZW,2026-Q1,deal,0.0000000000000000000000000001\n",
    );
    s.ok(&["import", "targets", &targets]);
    let acts = s.file("a.csv", &format!("{HEADER}D-1,ZW,deal,2026-01-05,1\n"));
    s.ok(&["import", "activities", &acts]);
    let before = s.dump();
    let out = s.merit().args(["recalc"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.starts_with("merit: rule 'q-attain' for 2026-Q1 (ZW): the points are beyond the range"),
        "{err}"
    );
    assert_eq!(s.dump(), before);
    s.ok(&["verify"]);
}
