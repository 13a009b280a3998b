//! Imports straight from a CRM's export: an Excel or OpenDocument workbook
//! (`calamine`), or CSV in UTF-8, UTF-16 or GB18030/GBK (`encoding_rs`),
//! with the export's own column names mapped to merit's by an
//! `[import.<kind>]` table (`--map FILE`, which may be the rules file).
//! Dates and amounts are read in the forms CRMs write (`domain::formats`).
//! The export is translated to merit's own CSV, row for row (so line
//! numbers stay the export's), and imported through the one CSV import,
//! which holds every row to the same checks.

use super::Context;
use super::import::{ImportKind, ImportSummary, import_checked};
use crate::domain::input::{foreign, from_column, in_file, nothing_imported};
use crate::error::{Error, Result};
use crate::message::{Msg, MsgArg};
use crate::msg;
use crate::store::Store;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod translate;
mod workbook;

use translate::Translator;

/// How an import reads its file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// A TOML file with `[import.<kind>]` column maps.
    pub map: Option<PathBuf>,
    /// The workbook's sheet (default: the first).
    pub sheet: Option<String>,
    /// `utf-8`, `utf-16`, `gbk` or `gb18030` (default: detected).
    pub encoding: Option<String>,
    /// Check everything, show the first rows as merit reads them and what
    /// would change, write nothing.
    pub dry_run: bool,
}

/// One `[import.<kind>]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindMap {
    /// merit field → the export's column.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// The export's kind → merit's activity kind.
    #[serde(default)]
    pub kinds: BTreeMap<String, String>,
    /// merit field → one value for every row.
    #[serde(default)]
    pub constants: BTreeMap<String, String>,
    /// attribute name → the export's column (activities).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// The fields merit reads for a kind, required ones first.
fn fields(kind: ImportKind) -> &'static [&'static str] {
    match kind {
        ImportKind::Members => &["code", "name", "team", "joined", "active"],
        ImportKind::Activities => &["ref", "member", "kind", "date", "amount"],
        ImportKind::Targets => &["member", "period", "metric", "target"],
        ImportKind::Rewards => &["code", "name", "cost", "stock", "category", "active"],
    }
}

fn is_date(kind: ImportKind, field: &str) -> bool {
    matches!(
        (kind, field),
        (ImportKind::Activities, "date") | (ImportKind::Members, "joined")
    )
}

fn is_amount(kind: ImportKind, field: &str) -> bool {
    matches!(
        (kind, field),
        (ImportKind::Activities, "amount")
            | (ImportKind::Targets, "target")
            | (ImportKind::Rewards, "cost")
    )
}

/// Whether `path` with `opts` needs translating: a workbook, a map, an
/// encoding asked for, or a file that is not UTF-8.
pub fn needs_translation(path: &Path, opts: &ImportOptions) -> bool {
    if opts.map.is_some() || opts.sheet.is_some() || opts.encoding.is_some() || is_workbook(path) {
        return true;
    }
    // A pipe is not opened here: opening it would meet the writer, and
    // closing it would break the pipe before the import reads it.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    use std::io::Read;
    let mut head = Vec::with_capacity(super::encoding::SNIFF);
    let read = f
        .by_ref()
        .take(super::encoding::SNIFF as u64 + 1)
        .read_to_end(&mut head)
        .unwrap_or(0);
    let complete = read <= super::encoding::SNIFF;
    head.truncate(super::encoding::SNIFF);
    // Anything but plain UTF-8 goes through the decoding (which refuses
    // a file both readings fit); broken UTF-8 stays, and its cells are
    // named by the import.
    !matches!(
        super::encoding::detect(&head, complete),
        super::encoding::Detected::Utf8 | super::encoding::Detected::Neither
    )
}

fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods"))
}

/// A cell of the export.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Text(String),
    /// A workbook's date cell.
    Date(NaiveDate),
    /// A workbook's number cell, as the text it shows; in a date column,
    /// an Excel day number.
    Number(String, f64),
}

/// The export as rows: its header and each row with its line (row) number.
struct Table {
    header: Vec<String>,
    rows: Vec<(u64, Vec<Cell>)>,
}

/// The export `name` refused for `problem` (said of the file): that,
/// and that nothing was imported.
pub(super) fn bad(name: &str, problem: Msg) -> Error {
    Error::bad_input([in_file(name, problem), nothing_imported(name)])
}

/// Decodes a CSV export: `encoding` as asked, else a BOM says, else what
/// `encoding::detect` finds (UTF-8 or GB18030, which reads GBK and GB2312
/// too; a file both fit that it cannot settle is refused).
fn decode(bytes: &[u8], encoding: Option<&str>, name: &str) -> Result<String> {
    use encoding_rs::{GB18030, UTF_8, UTF_16BE, UTF_16LE};
    let enc = match encoding.map(str::to_ascii_lowercase).as_deref() {
        None => {
            let head = &bytes[..bytes.len().min(super::encoding::SNIFF)];
            let detected = super::encoding::detect(head, head.len() == bytes.len());
            super::encoding::encoding_of(detected).ok_or_else(|| {
                Error::bad_input([
                    msg!("import-gbk-or-utf8", file = name),
                    nothing_imported(name),
                ])
            })?
        }
        Some("utf-8" | "utf8") => UTF_8,
        Some("utf-16" | "utf16") => match encoding_rs::Encoding::for_bom(bytes) {
            Some((e, _)) if e == UTF_16BE => UTF_16BE,
            _ => UTF_16LE,
        },
        Some("gbk" | "gb2312" | "gb18030") => GB18030,
        Some(other) => {
            let problem = msg!("import-unknown-encoding", value = other);
            return Err(Error::usage(crate::domain::input::field(
                "--encoding",
                problem,
            )));
        }
    };
    let (text, _, errors) = enc.decode(bytes);
    if errors {
        return Err(bad(
            name,
            msg!("import-not-valid-encoding", encoding = enc.name()),
        ));
    }
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

fn read_csv(path: &Path, name: &str, encoding: Option<&str>) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| super::bounded::cannot_read_file(name, &e))?;
    let text = decode(&bytes, encoding, name)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad(name, foreign(e)))?;
        let line = record.position().map_or(i as u64 + 1, |p| p.line());
        let cells: Vec<Cell> = record.iter().map(|c| Cell::Text(c.to_string())).collect();
        if i == 0 {
            header = record.iter().map(|c| c.trim().to_string()).collect();
        } else {
            rows.push((line, cells));
        }
    }
    Ok(Table { header, rows })
}

/// The `[import.<kind>]` table of a map file; none: merit's own names.
fn read_map(path: &Path, kind: ImportKind) -> Result<KindMap> {
    let name = path.display().to_string();
    let bytes = super::bounded::read_file(path, super::bounded::MAX_RULES_FILE)?;
    let refused = |problem: Msg| Error::bad_input([in_file(&name, problem)]);
    let text = String::from_utf8(bytes).map_err(|_| refused(msg!("value-not-utf8")))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| refused(foreign(e.message())))?;
    let key = kind.as_str();
    let Some(t) = table.get("import").and_then(|i| i.get(key)) else {
        return Err(refused(msg!("import-map-no-table", kind = key)));
    };
    // `import.members: …`: the table at fault.
    let table_name = format!("import.{key}");
    let in_table = |problem: Msg| refused(crate::domain::input::field(&table_name, problem));
    let map: KindMap = t
        .clone()
        .try_into()
        .map_err(|e: toml::de::Error| in_table(foreign(e.message())))?;
    for f in map.columns.keys().chain(map.constants.keys()) {
        if !fields(kind).contains(&f.as_str()) {
            let fields = fields(kind).join(", ");
            let problem = msg!(
                "import-map-not-a-field",
                field = f,
                kind = key,
                fields = fields
            );
            return Err(in_table(problem));
        }
    }
    // A field takes its value from a column or a constant, never both:
    // which would win is not for merit to guess.
    let both: Vec<Msg> = map
        .columns
        .iter()
        .filter(|(f, _)| map.constants.contains_key(*f))
        .map(|(f, col)| {
            let constant = &map.constants[f];
            let problem = msg!(
                "import-map-both",
                field = f,
                column = col,
                constant = constant
            );
            in_file(&name, crate::domain::input::field(&table_name, problem))
        })
        .collect();
    if !both.is_empty() {
        return Err(Error::bad_input(both));
    }
    Ok(map)
}

/// A problem `at` a field of merit's that came from a column of the
/// export named otherwise: the field named with its column.
fn with_columns(mut m: Msg, sources: &BTreeMap<String, String>) -> Msg {
    if m.id != "input-at" {
        return m;
    }
    for (name, value) in &mut m.args {
        if *name == "field"
            && let MsgArg::Text(field) = value
            && let Some(column) = sources.get(field.as_str())
        {
            *value = from_column(field, column).into();
        }
    }
    m
}

/// The date of an Excel day number (whole days; 1900 date system).
fn excel_day(n: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&n) || n.fract() != 0.0 {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = epoch.checked_add_days(chrono::Days::new(n as u64))?;
    crate::domain::limits::check_date(d).ok()
}

/// What a translated import did or, on a dry run, would do.
#[derive(Debug, Clone, Default)]
pub struct CrmImport {
    pub summary: ImportSummary,
    pub header: Vec<String>,
    /// The first rows as merit reads them.
    pub preview: Vec<Vec<String>>,
}

/// Imports a CRM export: translated to merit's CSV, then imported (all
/// rows or none); with `dry_run`, checked and counted, nothing written.
pub fn import_export(
    store: &mut Store,
    ctx: &Context,
    kind: ImportKind,
    path: &Path,
    opts: &ImportOptions,
) -> Result<CrmImport> {
    let name = path.display().to_string();
    let map = opts.map.as_deref().map(|m| read_map(m, kind)).transpose()?;
    let empty = KindMap::default();
    let m = map.as_ref().unwrap_or(&empty);
    let t = if is_workbook(path) {
        let mut tr: Option<Translator> = None;
        workbook::read(path, &name, opts.sheet.as_deref(), &mut |row| {
            match row {
                workbook::Row::Header(h) => {
                    tr = Some(Translator::new(&h, kind, m, map.is_some(), &name)?)
                }
                workbook::Row::Data(line, cells) => {
                    if let Some(t) = tr.as_mut() {
                        t.row(line, &cells);
                    }
                }
            }
            Ok(())
        })?;
        match tr {
            Some(t) => t,
            None => Translator::new(&[], kind, m, map.is_some(), &name)?,
        }
        .finish()?
    } else {
        if opts.sheet.is_some() {
            let problem = msg!("import-not-a-workbook", file = &name);
            return Err(Error::usage(crate::domain::input::field(
                "--sheet", problem,
            )));
        }
        let table = read_csv(path, &name, opts.encoding.as_deref())?;
        let mut t = Translator::new(&table.header, kind, m, map.is_some(), &name)?;
        for (line, cells) in &table.rows {
            t.row(*line, cells);
        }
        t.finish()?
    };
    // Messages name the export's column beside merit's field.
    let rename = |e: Error| match e {
        Error::BadInput(lines) => {
            Error::bad_input(lines.into_iter().map(|m| with_columns(m, &t.sources)))
        }
        other => other,
    };
    let input = std::io::BufReader::new(&t.csv);
    let summary = import_checked(store, ctx, kind, &name, input, opts.dry_run).map_err(rename)?;
    Ok(CrmImport {
        summary,
        header: t.header,
        preview: t.preview,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_day_numbers_are_dates() {
        assert_eq!(excel_day(46086.0), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(excel_day(45658.0), NaiveDate::from_ymd_opt(2025, 1, 1));
        assert_eq!(excel_day(46086.5), None);
        assert_eq!(excel_day(0.0), None);
    }

    #[test]
    fn gbk_and_utf16_are_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("负责人,金额\n张伟,1\n");
        assert_eq!(decode(&gbk, None, "f").unwrap(), "负责人,金额\n张伟,1\n");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "a,b\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16, None, "f").unwrap(), "a,b\n");
        assert!(decode(b"a", Some("latin1"), "f").is_err());
    }
}
