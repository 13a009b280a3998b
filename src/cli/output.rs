//! Output formats: aligned CJK-aware tables for people, CSV and JSON for
//! scripts. One `Cell` type feeds all three so they never disagree.

use crate::error::{Error, Result};
use crate::text::{pad_left, pad_right, width};
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// A cell: text (left-aligned, quoted in JSON) or a number (right-aligned,
/// bare in JSON, empty as null).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Num(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn num(s: impl ToString) -> Cell {
        Cell::Num(s.to_string())
    }

    pub fn raw(&self) -> &str {
        match self {
            Cell::Text(s) | Cell::Num(s) => s,
        }
    }
}

/// Renders rows in `format` under `headers`, through the `RowWriter` a
/// streamed listing uses: both say the same.
pub fn render(format: Format, headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let written = RowWriter::new(format, headers, Vec::new()).and_then(|mut w| {
        for row in rows {
            w.row(row)?;
        }
        w.finish()
    });
    String::from_utf8(written.unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
fn table(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    render(Format::Table, headers, rows)
}

#[cfg(test)]
fn csv_text(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    render(Format::Csv, headers, rows)
}

#[cfg(test)]
fn json(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    render(Format::Json, headers, rows)
}

/// Newlines, control and bidi characters would break a table's lines or
/// drive the terminal: shown escaped (`text::visible`).
fn one_line(s: &str) -> String {
    crate::text::visible(s).into_owned()
}

/// A text cell a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// A listing under `headers`, its rows handed by `fill` to the function it
/// is given as they are read: written into a spool (in memory, then an
/// unnamed private temporary file) that goes to standard output once the
/// read is done, so that memory stays bounded (a million awards' ledger
/// held whole took a gigabyte) and no read of the store waits on a slow
/// reader of the output.
pub fn streamed(
    format: Format,
    headers: &[&str],
    fill: impl FnOnce(&mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()>,
) -> Result<()> {
    use std::io::Write;
    let mut w = RowWriter::new(format, headers, Spool::default()).map_err(spooled)?;
    fill(&mut |row| w.row(&row).map_err(spooled))?;
    let spool = w.finish().map_err(spooled)?;
    let mut out = std::io::stdout().lock();
    std::io::copy(&mut spool.read_back().map_err(spooled)?, &mut out)
        .and_then(|_| out.flush())
        .map_err(|e| {
            Error::failed(crate::msg!(
                "cannot-write",
                path = "stdout",
                error = e.to_string()
            ))
        })?;
    Ok(())
}

/// A spool that could not be written (its temporary file's disk full).
fn spooled(e: std::io::Error) -> Error {
    Error::failed(crate::msg!(
        "cannot-write",
        path = std::env::temp_dir().display().to_string(),
        error = crate::ops::bounded::why_io(&e)
    ))
}

/// How much of a streamed listing (or a table's rows, waiting for their
/// widths) is held in memory before it goes to a private temporary file.
const SPOOL_IN_MEMORY: usize = 16 << 20;

/// Bytes held in memory up to `SPOOL_IN_MEMORY`, then in an unnamed
/// private temporary file. Where no such file can be made (no temporary
/// folder one may write in), they stay in memory, as every listing was
/// held before: the listing still comes, only bigger in memory.
struct Spool {
    memory: Vec<u8>,
    file: Option<std::fs::File>,
    /// Whether a temporary file was asked for (once).
    asked: bool,
    /// How the file is made (`tempfile::tempfile`).
    make: fn() -> std::io::Result<std::fs::File>,
}

impl Default for Spool {
    fn default() -> Spool {
        Spool {
            memory: Vec::new(),
            file: None,
            asked: false,
            make: tempfile::tempfile,
        }
    }
}

impl std::io::Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.file.is_none() && !self.asked && self.memory.len() + buf.len() > SPOOL_IN_MEMORY {
            self.asked = true;
            // A file that took only part of what was held is dropped.
            if let Ok(mut f) = (self.make)()
                && f.write_all(&self.memory).is_ok()
            {
                self.memory = Vec::new();
                self.file = Some(f);
            }
        }
        match &mut self.file {
            Some(f) => f.write(buf),
            None => {
                self.memory.extend_from_slice(buf);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Spool {
    /// What was written, from its start.
    fn read_back(self) -> std::io::Result<Box<dyn std::io::BufRead>> {
        use std::io::Seek;
        Ok(match self.file {
            Some(mut f) => {
                f.rewind()?;
                Box::new(std::io::BufReader::new(f))
            }
            None => Box::new(std::io::Cursor::new(self.memory)),
        })
    }
}

/// Rows written a row at a time as they come (`new`, `row`, `finish`), so
/// a listing of millions is never held whole. CSV and JSON go straight to
/// the writer; a table's rows wait in a spool of their own, as the lines
/// they show, until every row has told the columns' widths.
pub struct RowWriter<'h, W: std::io::Write> {
    headers: &'h [&'h str],
    rows: usize,
    out: Streamed<W>,
}

enum Streamed<W: std::io::Write> {
    Csv(Box<csv::Writer<W>>),
    Json(W),
    Table(Box<TableRows>, W),
}

/// A table's rows as shown (`one_line`), each cell ended by `CELL_END`
/// (escaped by `one_line`, so never in a cell) and each row by a newline
/// (the same); and what they tell of the columns.
struct TableRows {
    shown: Spool,
    widths: Vec<usize>,
    /// Whether every row so far has a number in the column, or nothing
    /// (a posting's id, a reward not in reach): such a column is
    /// right-aligned.
    numeric: Vec<bool>,
    /// Whether any row has a number in the column.
    any_number: Vec<bool>,
    headers: Vec<String>,
}

const CELL_END: char = '\u{1f}';

impl<'h, W: std::io::Write> RowWriter<'h, W> {
    /// The writer for `format` under `headers` (a table's in the language
    /// in use; CSV and JSON keep theirs), the header written.
    pub fn new(format: Format, headers: &'h [&'h str], w: W) -> std::io::Result<Self> {
        let out = match format {
            Format::Table => {
                let shown: Vec<String> = headers
                    .iter()
                    .map(|h| crate::i18n::messages::column(h).into_owned())
                    .collect();
                Streamed::Table(
                    Box::new(TableRows {
                        shown: Spool::default(),
                        widths: shown.iter().map(|h| width(h)).collect(),
                        numeric: vec![true; headers.len()],
                        any_number: vec![false; headers.len()],
                        headers: shown,
                    }),
                    w,
                )
            }
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(w);
                w.write_record(headers)?;
                Streamed::Csv(Box::new(w))
            }
            Format::Json => {
                let mut w = w;
                w.write_all(b"[")?;
                Streamed::Json(w)
            }
        };
        Ok(RowWriter {
            headers,
            rows: 0,
            out,
        })
    }

    pub fn row(&mut self, row: &[Cell]) -> std::io::Result<()> {
        use std::io::Write as _;
        match &mut self.out {
            Streamed::Csv(w) => {
                let cells = row.iter().map(|c| match c {
                    Cell::Text(s) => crate::text::csv_safe(&neutralise(s)).into_owned(),
                    Cell::Num(s) => s.clone(),
                });
                w.write_record(cells)?;
            }
            Streamed::Json(w) => {
                let mut out = String::from(if self.rows == 0 { "\n  {" } else { ",\n  {" });
                for (i, (h, c)) in self.headers.iter().zip(row).enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&serde_json::to_string(h).unwrap_or_default());
                    out.push_str(": ");
                    match c {
                        Cell::Text(s) => {
                            out.push_str(&serde_json::to_string(s).unwrap_or_default())
                        }
                        Cell::Num(s) if s.is_empty() => out.push_str("null"),
                        Cell::Num(s) => out.push_str(s),
                    }
                }
                out.push('}');
                w.write_all(out.as_bytes())?;
            }
            Streamed::Table(t, _) => {
                let mut line = String::new();
                for (i, c) in row.iter().enumerate() {
                    let shown = one_line(c.raw());
                    t.widths[i] = t.widths[i].max(width(&shown));
                    let number = matches!(c, Cell::Num(_));
                    t.numeric[i] &= number || c.raw().is_empty();
                    t.any_number[i] |= number;
                    line.push_str(&shown);
                    line.push(CELL_END);
                }
                line.push('\n');
                t.shown.write_all(line.as_bytes())?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the listing (JSON's closing bracket; a table's every line) and
    /// hands back the writer.
    pub fn finish(self) -> std::io::Result<W> {
        match self.out {
            Streamed::Csv(w) => w.into_inner().map_err(|e| e.into_error()),
            Streamed::Json(mut w) => {
                w.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
                Ok(w)
            }
            Streamed::Table(t, mut w) => {
                use std::io::BufRead;
                let TableRows {
                    shown,
                    widths,
                    numeric,
                    any_number,
                    headers,
                } = *t;
                // A column is right-aligned when its rows hold numbers, some
                // perhaps empty.
                let numeric: Vec<bool> = numeric
                    .into_iter()
                    .zip(any_number)
                    .map(|(n, any)| n && any)
                    .collect();
                let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
                    let parts: Vec<String> = cells
                        .enumerate()
                        .map(|(i, c)| {
                            if numeric[i] {
                                pad_left(c, widths[i])
                            } else {
                                pad_right(c, widths[i])
                            }
                        })
                        .collect();
                    parts.join("  ").trim_end().to_string() + "\n"
                };
                w.write_all(line(&mut headers.iter().map(String::as_str)).as_bytes())?;
                for row in shown.read_back()?.lines() {
                    let row = row?;
                    let mut cells = row.split_terminator(CELL_END);
                    w.write_all(line(&mut cells).as_bytes())?;
                }
                Ok(w)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_cjk_and_numbers() {
        let rows = vec![
            vec![Cell::text("张伟"), Cell::num("188.5")],
            vec![Cell::text("John Smith"), Cell::num("24")],
        ];
        let t = table(&["name", "points"], &rows);
        assert_eq!(
            t,
            "name        points\n张伟         188.5\nJohn Smith      24\n"
        );
    }

    /// A column of numbers with some left empty (a reward not in reach)
    /// is still a column of numbers, right-aligned; a column of nothing
    /// but empty cells is not.
    #[test]
    fn numbers_with_gaps_stay_right_aligned() {
        let rows = vec![
            vec![Cell::text("AK"), Cell::text(""), Cell::text("")],
            vec![Cell::text("CJ"), Cell::num("194"), Cell::text("")],
        ];
        assert_eq!(
            table(&["member", "missing", "note"], &rows),
            "member  missing  note\nAK\nCJ          194\n"
        );
    }

    #[test]
    fn a_table_cell_holding_the_spools_separators_stays_one_cell() {
        let rows = vec![
            vec![Cell::text("a\u{1f}b\nc"), Cell::num("1")],
            vec![Cell::text(""), Cell::num("22")],
        ];
        assert_eq!(
            table(&["name", "points"], &rows),
            "name         points\na\\u{1f}b\\nc       1\n                 22\n"
        );
        assert_eq!(table(&["name", "points"], &[]), "name  points\n");
    }

    /// More than the spool holds in memory, written in pieces, read back.
    fn spooled_through(spool: Spool) -> (Vec<u8>, bool) {
        use std::io::{Read, Write};
        let mut spool = spool;
        let piece: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        for _ in 0..17 {
            spool.write_all(&piece).unwrap();
        }
        let in_file = spool.file.is_some();
        let mut back = Vec::new();
        spool.read_back().unwrap().read_to_end(&mut back).unwrap();
        assert_eq!(back.len(), 17 << 20);
        assert!(back.chunks(1 << 20).all(|c| c == piece.as_slice()));
        (back, in_file)
    }

    #[test]
    fn a_spool_past_its_memory_goes_to_a_file_or_without_one_stays_in_memory() {
        let (_, in_file) = spooled_through(Spool::default());
        assert!(in_file);
        let no_folder = Spool {
            make: || Err(std::io::Error::other("no temporary folder")),
            ..Spool::default()
        };
        let (_, in_file) = spooled_through(no_folder);
        assert!(!in_file);
    }

    #[test]
    fn csv_neutralises_formulas_but_not_numbers() {
        let rows = vec![vec![Cell::text("=cmd|' /C calc'!A0"), Cell::num("-15")]];
        assert_eq!(
            csv_text(&["name", "points"], &rows),
            "name,points\n'=cmd|' /C calc'!A0,-15\n"
        );
    }

    #[test]
    fn json_keeps_numbers_exact() {
        let rows = vec![vec![Cell::text("张伟"), Cell::num("188.5")]];
        assert_eq!(
            json(&["name", "points"], &rows),
            "[\n  {\"name\": \"张伟\", \"points\": 188.5}\n]\n"
        );
    }
}
