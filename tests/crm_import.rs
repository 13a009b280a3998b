//! Imports straight from a CRM's export: a 纷享销客-style workbook with
//! Chinese headers and date cells, a Zoho-style CSV, a GBK CSV, each through
//! a column map, give exactly what the hand-converted merit CSV gives; bad
//! cells name the line and both the field and the export's column; the
//! payroll goes out as CSV and as a workbook HR can open.

mod common;

use common::{Sandbox, fixture};

fn crm(name: &str) -> String {
    fixture("crm").join(name).display().to_string()
}

fn activities(s: &Sandbox) -> Vec<(String, String, String, String, i64, String)> {
    common::texts(
        &s.db(),
        "SELECT ref, member, kind, date, amount, attrs FROM activities ORDER BY ref",
    )
    .into_iter()
    .map(|r| {
        let cell = |i: usize| r[i].clone().unwrap_or_default();
        (
            cell(0),
            cell(1),
            cell(2),
            cell(3),
            cell(4).parse::<f64>().map(|a| a as i64).unwrap_or(-1),
            cell(5),
        )
    })
    .collect()
}

/// The q1 members, and the activities from `args` (an import command).
fn imported(args: &[&str]) -> Sandbox {
    let s = Sandbox::new();
    s.ok(&[
        "import",
        "members",
        &fixture("q1").join("members.csv").display().to_string(),
    ]);
    s.ok(args);
    s
}

fn reference() -> Sandbox {
    imported(&[
        "import",
        "activities",
        &fixture("q1").join("activities.csv").display().to_string(),
    ])
}

#[test]
fn a_fxiaoke_workbook_through_a_map_equals_the_hand_converted_csv() {
    let want = activities(&reference());
    let s = imported(&[
        "import",
        "activities",
        &crm("fxiaoke-activities.xlsx"),
        "--map",
        &crm("map.toml"),
    ]);
    assert_eq!(activities(&s), want);
    // And the standings agree once scored.
    let rules = fixture("q1").join("rules.toml").display().to_string();
    let r = reference();
    for x in [&s, &r] {
        x.ok(&["rules", "import", &rules]);
        x.ok(&["recalc"]);
    }
    assert_eq!(
        s.ok(&[
            "standings",
            "2026-Q1",
            "--include-pending",
            "--format",
            "csv"
        ]),
        r.ok(&[
            "standings",
            "2026-Q1",
            "--include-pending",
            "--format",
            "csv"
        ])
    );
}

#[test]
fn a_zoho_csv_and_a_gbk_csv_equal_it_too() {
    let want = activities(&reference());
    let zoho = imported(&[
        "import",
        "activities",
        &crm("zoho-deals.csv"),
        "--map",
        &crm("zoho.toml"),
    ]);
    assert_eq!(activities(&zoho), want);
    let gbk = imported(&[
        "import",
        "activities",
        &crm("gbk-activities.csv"),
        "--map",
        &crm("gbk.toml"),
    ]);
    assert_eq!(activities(&gbk), want);
    let forced = imported(&[
        "import",
        "activities",
        &crm("gbk-activities.csv"),
        "--map",
        &crm("gbk.toml"),
        "--encoding",
        "gbk",
    ]);
    assert_eq!(activities(&forced), want);
}

#[test]
fn the_map_may_live_in_the_rules_file() {
    let s = Sandbox::new();
    let rules = std::fs::read_to_string(fixture("q1").join("rules.toml")).unwrap();
    let map = std::fs::read_to_string(fixture("crm").join("map.toml")).unwrap();
    let both = s.file("rules.toml", &format!("{rules}\n{map}"));
    s.ok(&["rules", "import", &both]);
    s.ok(&[
        "import",
        "members",
        &fixture("q1").join("members.csv").display().to_string(),
    ]);
    s.ok(&[
        "import",
        "activities",
        &crm("fxiaoke-activities.xlsx"),
        "--map",
        &both,
    ]);
    assert_eq!(activities(&s), activities(&reference()));
}

#[test]
fn a_dry_run_shows_the_rows_as_merit_reads_them_and_writes_nothing() {
    let s = imported(&["standings", "2026-Q1"]);
    let before = s.dump();
    let out = s.ok(&[
        "import",
        "activities",
        &crm("fxiaoke-activities.xlsx"),
        "--map",
        &crm("map.toml"),
        "--dry-run",
    ]);
    assert!(out.starts_with("the first rows as merit reads them:\nref    member  kind  date        amount  customer_tier\nD-001  ZW      deal  2026-01-12  120000  A\n"), "{out}");
    assert!(
        out.ends_with("11 new, 0 updated, 0 unchanged (dry run, nothing written)\n"),
        "{out}"
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn a_bad_cell_names_the_line_the_field_and_the_exports_column() {
    let s = imported(&["standings", "2026-Q1"]);
    let before = s.dump();
    let bad = s.file(
        "bad.csv",
        "订单编号,负责人编码,类型,成交日期,金额（元）,客户等级\nD-1,ZW,新签合同,2026/13/1,100,A\nD-2,ZW,返点,2026/3/1,1,A\nD-3,ZW,新签合同,2026/3/1,\"1,00\",A\nD-4,XX,新签合同,2026/3/1,5,A\n",
    );
    let out = s
        .merit()
        .args(["import", "activities", &bad, "--map", &crm("map.toml")])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("bad.csv:2: date (成交日期): '2026/13/1' is not a calendar date"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:3: kind (类型): '返点' is not one of the map's kinds"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:4: amount (金额（元）): '1,00' is not an amount"),
        "{err}"
    );
    assert!(err.ends_with("bad.csv: nothing was imported\n"), "{err}");
    assert_eq!(s.dump(), before);
    // The rows that translate are checked by the import as any CSV is.
    let unknown = s.file(
        "unknown.csv",
        "订单编号,负责人编码,类型,成交日期,金额（元）,客户等级\nD-4,XX,新签合同,2026/3/1,5,A\n",
    );
    let out = s
        .merit()
        .args(["import", "activities", &unknown, "--map", &crm("map.toml")])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("unknown.csv:2: member (负责人编码): unknown member 'XX'"),
        "{err}"
    );
    // A missing column is said with the columns there are.
    let out = s
        .merit()
        .args([
            "import",
            "activities",
            &crm("zoho-deals.csv"),
            "--map",
            &crm("map.toml"),
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("zoho-deals.csv:1: no column '订单编号' for ref (the columns are: Deal Id,"),
        "{err}"
    );
}

#[test]
fn a_wrong_sheet_or_map_says_so() {
    let s = imported(&["standings", "2026-Q1"]);
    let out = s
        .merit()
        .args([
            "import",
            "activities",
            &crm("fxiaoke-activities.xlsx"),
            "--sheet",
            "Deals",
        ])
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .contains("no sheet 'Deals' (sheets: 商机明细, 说明)")
    );
    let map = s.file(
        "m.toml",
        "[import.activities]\ncolumns = { reff = \"订单编号\" }\n",
    );
    let out = s
        .merit()
        .args([
            "import",
            "activities",
            &crm("fxiaoke-activities.xlsx"),
            "--map",
            &map,
        ])
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .contains("'reff' is not a field of activities")
    );
}

#[test]
fn payroll_goes_out_as_csv_and_as_a_workbook() {
    let s = reference();
    s.ok(&[
        "rules",
        "import",
        &fixture("q1").join("rules.toml").display().to_string(),
    ]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let csv = s.ok(&["export", "payroll", "2026-Q1", "--rate", "0.5"]);
    assert_eq!(
        csv,
        "member,name,team,points,money\nJS,John Smith,West,36,18\nLN,李娜,East,24,12\nWF,王芳,West,85,42.5\nZW,张伟,East,88.5,44.25\n"
    );
    // The same points as the standings.
    let standings = s.ok(&["standings", "2026-Q1", "--format", "csv"]);
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert!(
            standings.contains(&format!(",{},{},{},{},\n", f[0], f[1], f[2], f[3])),
            "{line}"
        );
    }
    let out = s.dir.path().join("payroll.xlsx");
    s.ok(&[
        "export",
        "payroll",
        "2026-Q1",
        "--rate",
        "0.5",
        "--out",
        out.to_str().unwrap(),
    ]);
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(&out).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][4], Data::String("money".into()));
    assert_eq!(rows[4][0], Data::String("ZW".into()));
    assert_eq!(rows[4][3], Data::Float(88.5));
    assert_eq!(rows[4][4], Data::Float(44.25));
    let bad = s
        .merit()
        .args(["export", "payroll", "2026-Q1", "--rate", "-1"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&bad.get_output().stderr).contains("--rate"));
    // A rate is taken as written, and the money stays within the limits:
    // more places than a cent's hundredth, or a sum past 10^15, refused
    // (they were rounded, and written past the limits).
    for (rate, said) in [
        (
            "0.33333",
            "--rate: '0.33333' has more than 4 decimal places",
        ),
        (
            "0.33333333333333333333333333333333",
            "--rate: '0.33333333333333333333333333333333'",
        ),
        (
            "1000000000000000",
            "--rate: 88.5 × 1000000000000000 is out of range",
        ),
    ] {
        let out = s
            .merit()
            .args(["export", "payroll", "2026-Q1", "--rate", rate])
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.starts_with(&format!("merit: {said}")), "{err}");
    }
    assert!(
        s.ok(&["export", "payroll", "2026-Q1", "--rate", "0.3333"])
            .contains("JS,John Smith,West,36,11.9988\n")
    );
}

#[test]
fn a_gbk_members_file_in_merits_own_columns_needs_no_map() {
    let s = Sandbox::new();
    let (gbk, _, _) = encoding_rs::GBK.encode("code,name,team\nZW,张伟,华东\nLN,李娜,华东\n");
    let path = s.dir.path().join("members.csv");
    std::fs::write(&path, &gbk).unwrap();
    s.ok(&["import", "members", path.to_str().unwrap()]);
    assert_eq!(
        s.ok(&["standings", "2026-Q1", "--teams", "--format", "csv"]),
        "rank,team,points\n1,华东,0\n"
    );
    assert!(s.ok(&["standings", "2026-Q1"]).contains("张伟"));
}

#[test]
fn excel_day_numbers_kept_as_plain_numbers_are_dates() {
    let s = imported(&["standings", "2026-Q1"]);
    let map = s.file(
        "m.toml",
        "[import.activities]\ncolumns = { ref = \"订单编号\", member = \"负责人编码\", kind = \"类型\", date = \"成交日期\", amount = \"金额（元）\" }\nkinds = { \"新签合同\" = \"deal\", \"回款\" = \"payment\" }\nconstants = { }\n",
    );
    s.ok(&[
        "import",
        "activities",
        &crm("serial-dates.xlsx"),
        "--map",
        &map,
    ]);
    let got: Vec<(String, String, String, String)> = activities(&s)
        .into_iter()
        .map(|(r, _, k, d, _, _)| (r, k, d, String::new()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "S-1".into(),
                "deal".into(),
                "2026-03-05".into(),
                String::new()
            ),
            (
                "S-2".into(),
                "payment".into(),
                "2026-03-06".into(),
                String::new()
            )
        ]
    );
    let amount = common::texts(&s.db(), "SELECT amount FROM activities WHERE ref = 'S-1'");
    assert_eq!(amount, vec![vec![Some("1234.5".to_string())]]);
}

#[test]
fn a_field_given_both_a_column_and_a_constant_is_an_error_naming_both() {
    let s = Sandbox::new();
    s.ok(&[
        "import",
        "members",
        &fixture("q1").join("members.csv").display().to_string(),
    ]);
    let map = s.file(
        "both.toml",
        "[import.activities]\ncolumns = { ref = \"Deal Id\", member = \"Deal Owner Code\", kind = \"Stage\", date = \"Closing Date\", amount = \"Amount\" }\nkinds = { \"Closed Won\" = \"deal\" }\nconstants = { kind = \"deal\" }\n",
    );
    let before = s.dump();
    let out = s
        .merit()
        .args([
            "import",
            "activities",
            &crm("zoho-deals.csv"),
            "--map",
            &map,
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("import.activities: 'kind' is given both a column ('Stage') and a constant ('deal'); keep one"),
        "{err}"
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn gbk_names_whose_bytes_are_also_utf8_import_as_written() {
    let s = Sandbox::new();
    let (bytes, _, _) = encoding_rs::GBK.encode("code,name,team\nXW,谢伟,East\nYZQ,叶志强,North\n");
    assert!(
        std::str::from_utf8(&bytes).is_ok(),
        "the case this test is about"
    );
    let path = s.dir.path().join("gbk-members.csv");
    std::fs::write(&path, &bytes).unwrap();
    s.ok(&["import", "members", path.to_str().unwrap()]);
    let names: Vec<(String, String)> =
        common::texts(&s.db(), "SELECT name, team FROM members ORDER BY code")
            .into_iter()
            .map(|r| (r[0].clone().unwrap(), r[1].clone().unwrap()))
            .collect();
    assert_eq!(
        names,
        vec![
            ("谢伟".to_string(), "East".to_string()),
            ("叶志强".to_string(), "North".to_string())
        ]
    );
    // A file both readings fit, with both scripts in it: refused, nothing written.
    let odd = s.file("odd.csv", "code,name,team\nZW,张伟лΰ,East\n");
    let before = s.dump();
    let out = s.merit().args(["import", "members", &odd]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("odd.csv looks like GBK or UTF-8: say --encoding"),
        "{err}"
    );
    assert_eq!(s.dump(), before);
    s.ok(&["import", "members", &odd, "--encoding", "utf-8"]);
}

/// A UTF-8 file of Latin names that GBK reads too (`Café Müller` would
/// be `Caf茅 M眉ller`): imported as written, where it was read as GBK.
#[test]
fn utf8_latin_names_that_gbk_reads_too_import_as_written() {
    let s = Sandbox::new();
    let text = "code,name,team\nLM,Café Müller,East\nJO,José Núñez,West\n";
    let (_, _, unmappable) = encoding_rs::GBK.decode(text.as_bytes());
    assert!(!unmappable, "the case this test is about: GBK reads it");
    let path = s.file("latin.csv", text);
    s.ok(&["import", "members", &path]);
    let balance = s.ok(&["balance", "--format", "csv"]);
    assert!(balance.contains("LM,Café Müller,"), "{balance}");
    assert!(balance.contains("JO,José Núñez,"), "{balance}");
}
