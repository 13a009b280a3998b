//! Workbooks in bounded memory (issue 38): whatever a workbook declares —
//! a cell at XFD1048576, a huge shared string, a count of strings it
//! cannot hold, a part that unpacks a hundredfold, a formula never
//! calculated, a broken zip — merit imports it or refuses it (exit 2,
//! nothing written), never crashes, and its peak memory stays under
//! 200 MB. Each import runs as a real process whose peak resident memory
//! the kernel reports (`wait4`), under an address-space limit that keeps a
//! runaway from taking the machine down.

mod common;
use common::Sandbox;
use proptest::prelude::*;
use std::io::Write;

const LIMIT_KB: i64 = 200 * 1024;

/// A minimal xlsx: `sheet` is the worksheet's XML, `strings` the shared
/// strings' (if any); parts stored or deflated.
fn xlsx(sheet: &str, strings: Option<&str>) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, body: &str| {
        z.start_file(name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    let strings_rel = if strings.is_some() {
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
    } else {
        ""
    };
    part(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{strings_rel}</Relationships>"#
        ),
    );
    part("xl/worksheets/sheet1.xml", sheet);
    if let Some(s) = strings {
        part("xl/sharedStrings.xml", s);
    }
    z.finish().unwrap().into_inner()
}

fn sheet(dimension: &str, rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
    )
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The header and one activity, in inline strings.
fn one_activity(extra: &str) -> String {
    let head: String = ["ref", "member", "kind", "date", "amount"]
        .iter()
        .zip(["A1", "B1", "C1", "D1", "E1"])
        .map(|(t, c)| inline(c, t))
        .collect();
    let row: String = [
        ("A2", "D-1"),
        ("B2", "ZW"),
        ("C2", "deal"),
        ("D2", "2026-03-01"),
    ]
    .iter()
    .map(|(c, t)| inline(c, t))
    .collect();
    format!(r#"<row r="1">{head}</row><row r="2">{row}<c r="E2"><v>1000</v></c></row>{extra}"#)
}

/// `merit import activities FILE` as a process: its exit code, stderr and
/// peak resident memory in KiB.
fn import(s: &Sandbox, file: &std::path::Path) -> (Option<i32>, String, i64) {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("merit"));
    cmd.env("MERIT_DB", s.db())
        .env("MERIT_KEY", s.key())
        .env("MERIT_TODAY", "2026-04-10")
        .env("MERIT_USER", "lead")
        .env("MERIT_LANG", "en");
    cmd.args(["import", "activities"]).arg(file);
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            let four_gb = libc::rlimit {
                rlim_cur: 4 << 30,
                rlim_max: 4 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &four_gb);
            Ok(())
        });
    }
    // Reaped by wait4 below, which also reports its peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; wait4 fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, err, usage.ru_maxrss)
}

fn store() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&[
        "import",
        "members",
        &common::fixture("q1")
            .join("members.csv")
            .display()
            .to_string(),
    ]);
    s
}

fn write(s: &Sandbox, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = s.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_cell_at_xfd1048576_costs_nothing() {
    let s = store();
    let far = r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#;
    let f = write(
        &s,
        "far.xlsx",
        &xlsx(&sheet("A1:XFD1048576", &one_activity(far)), None),
    );
    let (code, err, peak) = import(&s, &f);
    assert_eq!(code, Some(0), "{err}");
    assert!(peak < LIMIT_KB, "peak {peak} KiB");
}

#[test]
fn hostile_parts_are_refused_within_the_bound() {
    // Letters that do not compress much: the part is large, not a bomb.
    let mut seed = 7u64;
    let huge: String = (0..3 << 20)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            char::from(b'a' + (seed >> 59) as u8 % 26)
        })
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a huge unused shared string",
            xlsx(
                &sheet("A1:E2", &one_activity("")),
                Some(&format!(
                    r#"<sst count="1" uniqueCount="1"><si><t>{huge}</t></si></sst>"#
                )),
            ),
            "holds a text of more than 65536 bytes: merit reads at most 65536",
        ),
        (
            "more strings declared than the part can hold",
            xlsx(
                &sheet("A1:E2", &one_activity("")),
                Some(r#"<sst count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>"#),
            ),
            "declares 4000000000 strings in",
        ),
        (
            "a sheet that unpacks a hundredfold",
            xlsx(
                &sheet("A1:E2", &(one_activity("") + &" ".repeat(20 << 20))),
                None,
            ),
            "times its packed size: merit reads at most 100:1",
        ),
        (
            "a formula never calculated",
            xlsx(
                &sheet(
                    "A1:E2",
                    &one_activity("").replace(
                        r#"<c r="E2"><v>1000</v></c>"#,
                        r#"<c r="E2"><f>SUM(A1:A2)</f></c>"#,
                    ),
                ),
                None,
            ),
            "E2: a formula without a value; save the workbook in Excel first",
        ),
    ];
    for (what, bytes, says) in cases {
        let s = store();
        let before = s.dump();
        let f = write(&s, "hostile.xlsx", &bytes);
        let (code, err, peak) = import(&s, &f);
        assert_eq!(code, Some(2), "{what}: {err}");
        assert!(err.contains(says), "{what}: {err}");
        assert!(err.contains("nothing was imported"), "{what}: {err}");
        assert!(peak < LIMIT_KB, "{what}: peak {peak} KiB");
        assert_eq!(s.dump(), before, "{what}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Generated workbooks — sizes, declared ranges, shared strings,
    /// formulas, cut short — are imported or refused, within the bound.
    #[test]
    fn generated_workbooks_never_pass_the_memory_bound(
        rows in 0usize..400,
        far_row in 1u32..1_048_576,
        far_col in 0u32..16_384,
        strings in 0usize..2000,
        declared in prop_oneof![Just(None), (0u64..u64::MAX).prop_map(Some)],
        formula in any::<bool>(),
        cut in prop_oneof![Just(None), (0usize..4000).prop_map(Some)],
    ) {
        let s = store();
        let mut extra = String::new();
        for i in 0..rows {
            let r = i + 3;
            let kind = format!(r#"<c r="C{r}" t="s"><v>{}</v></c>"#, i % strings.max(1));
            let amount = if formula && i % 7 == 0 { "<f>1+1</f>" } else { "<v>5</v>" };
            extra.push_str(&format!(
                r#"<row r="{r}">{}{}{kind}{}<c r="E{r}">{amount}</c></row>"#,
                inline(&format!("A{r}"), &format!("D-{r}")),
                inline(&format!("B{r}"), "ZW"),
                inline(&format!("D{r}"), "2026-03-02"),
            ));
        }
        let col = {
            let mut n = far_col + 1;
            let mut l = Vec::new();
            while n > 0 { l.push(char::from(b'A' + ((n - 1) % 26) as u8)); n = (n - 1) / 26; }
            l.iter().rev().collect::<String>()
        };
        let far_row = far_row.max(rows as u32 + 3);
        extra.push_str(&format!(r#"<row r="{far_row}"><c r="{col}{far_row}"><v>1</v></c></row>"#));
        let sst = (strings > 0).then(|| {
            let count = declared.map_or(strings as u64, |d| d);
            let items: String = (0..strings).map(|i| format!("<si><t>deal{}</t></si>", if i == 0 { String::new() } else { i.to_string() })).collect();
            format!(r#"<sst count="{count}" uniqueCount="{count}">{items}</sst>"#)
        });
        let mut bytes = xlsx(&sheet(&format!("A1:{col}{far_row}"), &one_activity(&extra)), sst.as_deref());
        if let Some(n) = cut {
            bytes.truncate(n.min(bytes.len()));
        }
        let f = write(&s, "gen.xlsx", &bytes);
        let (code, err, peak) = import(&s, &f);
        prop_assert!(matches!(code, Some(0) | Some(2)), "exit {code:?}: {err}");
        prop_assert!(peak < LIMIT_KB, "peak {peak} KiB");
        prop_assert!(!err.contains("panicked"), "{err}");
    }
}

/// A minimal OpenDocument spreadsheet whose sheet is `rows` (table-row
/// elements).
fn ods(rows: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", deflated).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    z.start_file("content.xml", deflated).unwrap();
    z.write_all(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    ).as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

fn ods_text(t: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
    )
}

#[test]
fn an_ods_that_repeats_its_way_past_the_bound_is_refused_and_a_plain_one_imports() {
    let head: String = ["ref", "member", "kind", "date", "amount"]
        .iter()
        .map(|t| ods_text(t))
        .collect();
    let row: String = ["D-1", "ZW", "deal", "2026-03-01"]
        .iter()
        .map(|t| ods_text(t))
        .collect::<String>()
        + r#"<table:table-cell office:value-type="float" office:value="1000"><text:p>1000</text:p></table:table-cell>"#;
    // The trailing empty rows and columns every office suite writes cost
    // nothing.
    let tail = r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    let plain = ods(&format!(
        "<table:table-row>{head}</table:table-row><table:table-row>{row}</table:table-row>{tail}"
    ));
    let s = store();
    let f = write(&s, "plain.ods", &plain);
    let (code, err, peak) = import(&s, &f);
    assert_eq!(code, Some(0), "{err}");
    assert!(peak < LIMIT_KB, "peak {peak} KiB");
    // One valued cell repeated a thousand times, in a row repeated twenty
    // thousand times: twenty million cells spelled out (under calamine's
    // own limit, over a gigabyte in memory).
    let bomb = ods(&format!(
        r#"<table:table-row>{head}</table:table-row><table:table-row table:number-rows-repeated="20000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>"#
    ));
    let s = store();
    let before = s.dump();
    let f = write(&s, "bomb.ods", &bomb);
    let (code, err, peak) = import(&s, &f);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("content.xml spells out more than 2000000 cells: merit reads at most 2000000"),
        "{err}"
    );
    assert!(peak < LIMIT_KB, "peak {peak} KiB");
    assert_eq!(s.dump(), before);
}

/// `.xls` files (made with Python's xlwt, kept in the fixtures): a plain
/// one imports; one with a cell at the sheet's far corner (row 65536,
/// column IV), which calamine would hold as a 65536 × 256 rectangle (over
/// a gigabyte), is refused within the bound.
#[test]
fn an_xls_whose_cells_span_past_the_bound_is_refused_and_a_plain_one_imports() {
    let s = store();
    let plain = common::fixture("crm").join("plain-activities.xls");
    let (code, err, peak) = import(&s, &plain);
    assert_eq!(code, Some(0), "{err}");
    assert!(peak < LIMIT_KB, "peak {peak} KiB");
    let s = store();
    let before = s.dump();
    let far = common::fixture("crm").join("far-cell.xls");
    let (code, err, peak) = import(&s, &far);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("its sheets span more than 2000000 cells: merit reads at most 2000000"),
        "{err}"
    );
    assert!(peak < LIMIT_KB, "peak {peak} KiB");
    assert_eq!(s.dump(), before);
}

#[test]
fn an_ods_formula_without_a_value_names_its_cell() {
    let head: String = ["ref", "member", "kind", "date", "amount"]
        .iter()
        .map(|t| ods_text(t))
        .collect();
    let row: String = ["D-1", "ZW", "deal", "2026-03-01"]
        .iter()
        .map(|t| ods_text(t))
        .collect::<String>()
        + r#"<table:table-cell table:formula="of:=1+1"/>"#;
    let s = store();
    let f = write(
        &s,
        "formula.ods",
        &ods(&format!(
            "<table:table-row>{head}</table:table-row><table:table-row>{row}</table:table-row>"
        )),
    );
    let (code, err, _) = import(&s, &f);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(
            "formula.ods: E2: a formula without a value; save the workbook in Excel first"
        ),
        "{err}"
    );
}
