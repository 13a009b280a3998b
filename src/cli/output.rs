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

/// Renders rows in `format` under `headers`.
pub fn render(format: Format, headers: &[&str], rows: &[Vec<Cell>]) -> String {
    match format {
        Format::Table => table(headers, rows),
        Format::Csv => csv_text(headers, rows),
        Format::Json => json(headers, rows),
    }
}

/// A table for people: its headers in the language in use (CSV and JSON
/// keep theirs).
fn table(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .map(|h| crate::i18n::messages::column(h).into_owned())
        .collect();
    let headers: Vec<&str> = shown.iter().map(String::as_str).collect();
    let headers = headers.as_slice();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(&one_line(c.raw())));
        }
    }
    let numeric: Vec<bool> = (0..headers.len())
        .map(|i| !rows.is_empty() && rows.iter().all(|r| matches!(r[i], Cell::Num(_))))
        .collect();
    let line = |cells: Vec<String>| -> String {
        let parts: Vec<String> = cells
            .iter()
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
    let mut out = line(headers.iter().map(|h| h.to_string()).collect());
    for row in rows {
        out.push_str(&line(row.iter().map(|c| one_line(c.raw())).collect()));
    }
    out
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

fn csv_text(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    written(Format::Csv, headers, rows)
}

fn json(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    written(Format::Json, headers, rows)
}

/// `rows` in CSV or JSON, through the `RowWriter` a streamed listing uses.
fn written(format: Format, headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let written = RowWriter::new(format, headers, Vec::new()).and_then(|w| {
        let mut w = w.expect("CSV or JSON");
        for row in rows {
            w.row(row)?;
        }
        w.finish()
    });
    String::from_utf8(written.unwrap_or_default()).unwrap_or_default()
}

/// A listing in CSV or JSON under `headers`, its rows handed by `fill` to
/// the function it is given as they are read: written into a spool (in
/// memory, then an unnamed private temporary file) that goes to standard
/// output once the read is done, so that memory stays bounded (a million
/// awards' ledger held whole took a gigabyte) and no read of the store
/// waits on a slow reader of the output.
pub fn streamed(
    format: Format,
    headers: &[&str],
    fill: impl FnOnce(&mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()>,
) -> Result<()> {
    use std::io::{Seek, Write};
    let spooled = |e: std::io::Error| {
        Error::failed(crate::msg!(
            "cannot-write",
            path = std::env::temp_dir().display().to_string(),
            error = e.to_string()
        ))
    };
    let spool = tempfile::SpooledTempFile::new(SPOOL_IN_MEMORY);
    let Some(mut w) = RowWriter::new(format, headers, spool).map_err(spooled)? else {
        unreachable!("a table is not streamed: its widths need every row");
    };
    fill(&mut |row| w.row(&row).map_err(spooled))?;
    let mut spool = w.finish().map_err(spooled)?;
    spool.rewind().map_err(spooled)?;
    let mut out = std::io::stdout().lock();
    std::io::copy(&mut spool, &mut out)
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

/// How much of a streamed listing is held in memory before it is spooled
/// to a private temporary file.
const SPOOL_IN_MEMORY: usize = 16 << 20;

/// CSV or JSON written a row at a time as the rows come (`new`, `row`,
/// `finish`): a listing of millions is never held whole. A table is not:
/// its columns' widths need every row.
pub struct RowWriter<'h, W: std::io::Write> {
    headers: &'h [&'h str],
    rows: usize,
    out: Streamed<W>,
}

enum Streamed<W: std::io::Write> {
    Csv(Box<csv::Writer<W>>),
    Json(W),
}

impl<'h, W: std::io::Write> RowWriter<'h, W> {
    /// The writer for `format` under `headers`, its header written; `None`
    /// for a table.
    pub fn new(format: Format, headers: &'h [&'h str], w: W) -> std::io::Result<Option<Self>> {
        let out = match format {
            Format::Table => return Ok(None),
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
        Ok(Some(RowWriter {
            headers,
            rows: 0,
            out,
        }))
    }

    pub fn row(&mut self, row: &[Cell]) -> std::io::Result<()> {
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
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the listing (JSON's closing bracket) and hands back the writer.
    pub fn finish(self) -> std::io::Result<W> {
        match self.out {
            Streamed::Csv(w) => w.into_inner().map_err(|e| e.into_error()),
            Streamed::Json(mut w) => {
                w.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
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
