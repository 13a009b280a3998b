//! Reading an import's CSV: the header checked against the kind's columns,
//! then data rows streamed one at a time, each checked to be UTF-8 without
//! NUL bytes and to have as many cells as the header.

use super::ImportKind;
use super::line_ends::LineEnds;
use crate::domain::input::{at, at_line, in_file, nothing_imported};
use crate::error::{Error, Result};
use crate::message::Msg;
use crate::msg;
use std::collections::HashSet;
use std::io::Read;

/// One data row: its line number and its cells, named by the header.
pub(super) struct Row {
    pub(super) line: u64,
    /// Column names in file order.
    pub(super) header: std::sync::Arc<Vec<String>>,
    /// The cells, checked to be UTF-8 without NUL bytes.
    pub(super) record: csv::StringRecord,
}

impl Row {
    /// The cell of `col`, its surrounding blanks trimmed.
    pub(super) fn get(&self, col: &str) -> &str {
        self.raw(col).trim()
    }

    /// The cell of `col` as the file has it.
    pub(super) fn raw(&self, col: &str) -> &str {
        self.header
            .iter()
            .position(|c| c == col)
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
    }
}

/// Streams rows out of a CSV file, checking the header and UTF-8.
pub(super) struct Rows<R: Read> {
    name: String,
    reader: csv::Reader<LineEnds<R>>,
    header: std::sync::Arc<Vec<String>>,
    record: csv::ByteRecord,
    pub(super) lines_read: usize,
    failed: bool,
    /// The line the previous record began on: a record that begins on
    /// the same line was split from it by a lone carriage return (the
    /// reader ends a record there; lines are counted by line feeds).
    previous_line: Option<u64>,
    /// The last line said to be split, said once.
    split_named: Option<u64>,
}

impl<R: Read> Rows<R> {
    pub(super) fn open(name: &str, input: R, kind: ImportKind) -> Result<Rows<R>> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(LineEnds::new(input));
        let bad = |m: Msg| Error::bad_input([m, nothing_imported(name)]);
        let header = match reader.byte_headers() {
            Ok(h) if h.is_empty() || (h.len() == 1 && h[0].is_empty()) => {
                return Err(bad(in_file(name, msg!("import-file-empty"))));
            }
            Ok(h) => h.clone(),
            Err(e) => {
                let problem = msg!("import-cannot-read-header", problem = csv_problem(&e));
                return Err(bad(at_line(name, 1, problem)));
            }
        };
        let mut cols = Vec::new();
        for (i, cell) in header.iter().enumerate() {
            let cell = if i == 0 {
                cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell)
            } else {
                cell
            };
            match std::str::from_utf8(cell) {
                Ok(s) => cols.push(s.trim().to_string()),
                Err(_) => {
                    let column = msg!("import-column-number", n = i + 1);
                    return Err(bad(at(name, 1, column, msg!("value-not-utf8"))));
                }
            }
        }
        let mut problems = Vec::new();
        for req in kind.required() {
            if !cols.iter().any(|c| c == req) {
                problems.push(at(name, 1, *req, msg!("import-column-missing")));
            }
        }
        let mut seen = HashSet::new();
        for c in &cols {
            if !c.is_empty() && !seen.insert(c.as_str()) {
                problems.push(at(name, 1, c, msg!("import-column-twice")));
            }
        }
        if !problems.is_empty() {
            problems.push(nothing_imported(name));
            return Err(Error::bad_input(problems));
        }
        Ok(Rows {
            name: name.to_string(),
            reader,
            header: std::sync::Arc::new(cols),
            record: csv::ByteRecord::new(),
            lines_read: 0,
            failed: false,
            previous_line: None,
            split_named: None,
        })
    }

    pub(super) fn next_row(&mut self) -> Option<std::result::Result<Row, Msg>> {
        if self.failed {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Err(e) => {
                self.failed = true;
                let line = e
                    .position()
                    .map_or(self.lines_read as u64 + 2, |p| p.line());
                Some(Err(at_line(&self.name, line, csv_problem(&e))))
            }
            Ok(true) => {
                self.lines_read += 1;
                let line = self.record.position().map_or(0, |p| p.line());
                let split = self.previous_line.replace(line) == Some(line);
                if self.record.iter().all(|c| c.is_empty()) && self.record.len() <= 1 {
                    self.lines_read -= 1;
                    return self.next_row();
                }
                if split {
                    // A stray carriage return outside quotes (the file's
                    // lines end in LF or CRLF: `line_ends`) split the line:
                    // whatever its parts' cells, they are not two rows. Said
                    // once, after the first part's own problem if it has one.
                    if self.split_named.replace(line) == Some(line) {
                        return self.next_row();
                    }
                    let problem = msg!("import-line-split-by-cr");
                    return Some(Err(at_line(&self.name, line, problem)));
                }
                if self.record.len() != self.header.len() {
                    let problem = msg!(
                        "import-cells-count",
                        cells = self.record.len(),
                        header = self.header.len()
                    );
                    return Some(Err(at_line(&self.name, line, problem)));
                }
                let record = std::mem::take(&mut self.record);
                let record = match csv::StringRecord::from_byte_record(record) {
                    Ok(r) => r,
                    Err(e) => {
                        let col = e.utf8_error().field();
                        self.record = e.into_byte_record();
                        let field = self.header[col].as_str();
                        return Some(Err(at(&self.name, line, field, msg!("value-not-utf8"))));
                    }
                };
                if let Some(col) = record.iter().position(|c| c.contains('\0')) {
                    self.record = record.into_byte_record();
                    let field = self.header[col].as_str();
                    return Some(Err(at(&self.name, line, field, msg!("value-nul-byte"))));
                }
                Some(Ok(Row {
                    line,
                    header: self.header.clone(),
                    record,
                }))
            }
        }
    }

    /// Takes a row's buffers back for the next row.
    pub(super) fn recycle(&mut self, row: Row) {
        self.record = row.record.into_byte_record();
    }
}

fn csv_problem(e: &csv::Error) -> Msg {
    match e.kind() {
        csv::ErrorKind::Io(io) => crate::ops::bounded::cannot_read(io),
        csv::ErrorKind::Utf8 { .. } => msg!("value-not-utf8"),
        _ => msg!("import-not-csv"),
    }
}
