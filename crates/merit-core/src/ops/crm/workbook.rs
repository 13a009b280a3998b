//! Workbooks read in bounded memory, whatever they declare. A workbook is
//! a zip of XML parts (xlsx, xlsm, xlsb, ods): before `calamine` opens it,
//! every part is unpacked once and measured as it streams — a part past
//! 1 GB or 100 times its packed size, a part calamine loads whole (the
//! shared strings, the styles) past 48 MB, a text past 64 KiB between two
//! tags, or shared strings declaring more than their bytes can hold, is
//! refused (`merit reads at most …`). An xlsx or xlsb sheet is then read
//! cell by cell as it comes, never as the range its dimension claims, at
//! most 10 million cells, and only as many columns as its header has: one
//! cell at `XFD1048576` costs nothing. A formula without a cached value is
//! an error naming the cell (the export was never calculated).
//!
//! An `.ods` is read whole by calamine, every sheet, its repeated rows and
//! cells spelled out: before it opens one, the cells that would make are
//! counted from `content.xml` as it streams, and past 2 million the
//! workbook is refused. An `.xls` (not a zip) is read whole too, each sheet
//! as the rectangle its cells span: its cell records are read first, and
//! sheets spanning more than that in all are refused.

use super::{Cell, bad};
use crate::domain::input::foreign;
use crate::error::Result;
use crate::msg;
use calamine::{Data, DataRef, Reader, Sheets, open_workbook_auto};
use chrono::NaiveDate;
use std::path::Path;

mod parts;

/// The largest part merit unpacks.
pub const MAX_PART: u64 = 1 << 30;
/// The most a part may unpack to, against its packed size.
pub const MAX_RATIO: u64 = 100;
/// The largest part calamine holds in memory whole.
pub const MAX_LOADED_PART: u64 = 48 << 20;
/// The longest text between two tags (merit's cells hold 200 characters).
pub const MAX_TEXT_RUN: u64 = 64 << 10;
/// The most cells a sheet may hold.
pub const MAX_CELLS: u64 = 10_000_000;
/// The most cells an `.ods` may spell out (calamine holds each, with its
/// formula, in memory).
pub const MAX_ODS_CELLS: u64 = 2_000_000;
/// The widest header merit reads (Excel's own limit).
const MAX_COLUMNS: u32 = 16_384;

/// What the reader hands on: the header first, then each row with its
/// line (the sheet's row number, from 1).
pub enum Row {
    Header(Vec<String>),
    Data(u64, Vec<Cell>),
}

/// Reads the sheet (`sheet`, else the first) of the workbook at `path`,
/// handing each row to `sink` as it is read.
pub fn read(
    path: &Path,
    name: &str,
    sheet: Option<&str>,
    sink: &mut dyn FnMut(Row) -> Result<()>,
) -> Result<()> {
    parts::check_parts(path, name)?;
    let mut book = open_workbook_auto(path)
        .map_err(|e| bad(name, msg!("workbook-cannot-read", error = e.to_string())))?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                let problem = msg!(
                    "workbook-no-such-sheet",
                    sheet = s,
                    sheets = names.join(", ")
                );
                bad(name, problem)
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| bad(name, msg!("workbook-no-sheet")))?,
    };
    let sheet_err = |e: String| {
        let problem = msg!("workbook-sheet", sheet = &chosen, problem = foreign(e));
        bad(name, problem)
    };
    let mut rows = Rows::new(name, sink);
    match &mut book {
        Sheets::Xlsx(x) => {
            let mut cells = x
                .worksheet_cells_reader(&chosen)
                .map_err(|e| sheet_err(e.to_string()))?;
            while let Some(c) = cells
                .next_cell_with_formula_metadata()
                .map_err(|e| sheet_err(e.to_string()))?
            {
                let (row, col) = c.pos;
                if c.formula.is_some() && matches!(c.value, DataRef::Empty) {
                    return Err(bad(name, formula_without_value(row, col)));
                }
                rows.cell(row, col, || cell_of_ref(&c.value))?;
            }
        }
        Sheets::Xlsb(x) => {
            let mut cells = x
                .worksheet_cells_reader(&chosen)
                .map_err(|e| sheet_err(e.to_string()))?;
            while let Some(c) = cells.next_cell().map_err(|e| sheet_err(e.to_string()))? {
                let (row, col) = c.get_position();
                rows.cell(row, col, || cell_of_ref(c.get_value()))?;
            }
        }
        other => {
            let range = other
                .worksheet_range(&chosen)
                .map_err(|e| sheet_err(e.to_string()))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (i, r) in range.rows().enumerate() {
                for (j, d) in r.iter().enumerate() {
                    if !matches!(d, Data::Empty) {
                        rows.cell(r0 + i as u32, c0 + j as u32, || cell_of(d))?;
                    }
                }
            }
        }
    }
    rows.finish()
}

/// The cells of a sheet gathered into rows as they come (a sheet's cells
/// are in row order), cut to the header's columns.
struct Rows<'s> {
    name: &'s str,
    sink: &'s mut dyn FnMut(Row) -> Result<()>,
    count: u64,
    row: Option<u32>,
    cells: Vec<(u32, Cell)>,
    /// The header's first column and its width, once it is read.
    columns: Option<(u32, u32)>,
}

impl<'s> Rows<'s> {
    fn new(name: &'s str, sink: &'s mut dyn FnMut(Row) -> Result<()>) -> Rows<'s> {
        Rows {
            name,
            sink,
            count: 0,
            row: None,
            cells: Vec::new(),
            columns: None,
        }
    }

    fn cell(&mut self, row: u32, col: u32, value: impl FnOnce() -> Cell) -> Result<()> {
        self.count += 1;
        if self.count > MAX_CELLS {
            return Err(bad(
                self.name,
                msg!("workbook-sheet-too-many-cells", max = MAX_CELLS.to_string()),
            ));
        }
        if self.row != Some(row) {
            self.flush()?;
            self.row = Some(row);
        }
        // Beyond the header's columns a cell maps to no field: not kept.
        if let Some((first, width)) = self.columns
            && (col < first || col - first >= width)
        {
            return Ok(());
        }
        if col >= MAX_COLUMNS {
            return Ok(());
        }
        let value = value();
        if matches!(&value, Cell::Text(t) if t.is_empty()) {
            return Ok(());
        }
        self.cells.push((col, value));
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let Some(row) = self.row else {
            return Ok(());
        };
        let cells = std::mem::take(&mut self.cells);
        if cells.is_empty() {
            return Ok(());
        }
        match self.columns {
            None => {
                let first = cells.iter().map(|(c, _)| *c).min().unwrap_or(0);
                let last = cells.iter().map(|(c, _)| *c).max().unwrap_or(0);
                let width = last - first + 1;
                let mut header = vec![String::new(); width as usize];
                for (c, cell) in cells {
                    header[(c - first) as usize] = match cell {
                        Cell::Text(t) | Cell::Number(t, _) => t.trim().to_string(),
                        Cell::Date(d) => d.to_string(),
                    };
                }
                self.columns = Some((first, width));
                (self.sink)(Row::Header(header))
            }
            Some((first, width)) => {
                let mut out = vec![Cell::Text(String::new()); width as usize];
                for (c, cell) in cells {
                    out[(c - first) as usize] = cell;
                }
                (self.sink)(Row::Data(u64::from(row) + 1, out))
            }
        }
    }

    fn finish(mut self) -> Result<()> {
        self.flush()
    }
}

/// The cell at `row`, `col` (from 0) holds a formula and no value.
fn formula_without_value(row: u32, col: u32) -> crate::message::Msg {
    msg!("workbook-formula-without-value", cell = cell_name(row, col))
}

/// `E12` for row 11, column 4 (both from 0).
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

fn date_cell(dt: &calamine::ExcelDateTime) -> Cell {
    if !dt.is_datetime() {
        return Cell::Text(dt.as_f64().to_string());
    }
    let (y, m, day, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day))
        .map_or_else(|| Cell::Text(dt.as_f64().to_string()), Cell::Date)
}

/// A number cell as a spreadsheet shows it: a workbook keeps numbers as
/// binary floats, and shows (and keeps of what was typed) 15 significant
/// digits: `0.30000000000000004` is 0.3, `123456789.123456789`
/// 123456789.123457. Past what merit's decimals hold, the float's own
/// text (`1e308`), which the import then refuses.
fn shown(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    // A whole number a float holds exactly is that number, whatever its
    // digits (a 16-digit ref, an amount just past 10^15 that must be
    // refused as such: rounded, two refs became one, and the amount
    // passed).
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if f.fract() == 0.0 && f.abs() <= EXACT {
        return format!("{}", f as i64);
    }
    let fifteen = format!("{f:.14e}");
    match rust_decimal::Decimal::from_scientific(&fifteen) {
        Ok(d) if f.is_finite() => d.normalize().to_string(),
        _ => format!("{f:e}"),
    }
}

/// A streamed cell as merit reads it.
fn cell_of_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Text(String::new()),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(i.to_string(), *i as f64),
        DataRef::Float(f) => Cell::Number(shown(*f), *f),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::DateTimeIso(s) => Cell::Text(s.get(..10).unwrap_or(s).to_string()),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// A cell of a whole range as merit reads it.
fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(i.to_string(), *i as f64),
        Data::Float(f) => Cell::Number(shown(*f), *f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) => Cell::Text(s.get(..10).unwrap_or(s).to_string()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// The `uniqueCount` (else `count`) the `<sst>` root declares.
fn declared_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let sst = text.find("<sst")?;
    let root = &text[sst..];
    let root = &root[..root.find('>')?];
    for attr in ["uniqueCount=\"", "count=\""] {
        if let Some(at) = root.find(attr) {
            let digits: String = root[at + attr.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            return digits.parse().ok().or(Some(u64::MAX));
        }
    }
    None
}

#[cfg(test)]
mod tests {

    /// A number cell is read as a spreadsheet shows it: 15 significant
    /// digits (it was the float's shortest text, 17 digits at most).
    #[test]
    fn a_number_cell_reads_as_the_workbook_shows_it() {
        assert_eq!(shown(0.1 + 0.2), "0.3");
        assert_eq!(
            shown("123456789.123456789".parse().unwrap()),
            "123456789.123457"
        );
        assert_eq!(shown(37.5), "37.5");
        assert_eq!(shown(-250000.0), "-250000");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(1e308), "1e308");
        assert_eq!(shown(f64::NAN), "NaN");
        // Whole numbers a float holds exactly stay whole and exact.
        assert_eq!(shown(1234567890123456.0), "1234567890123456");
        assert_eq!(shown(1234567890123457.0), "1234567890123457");
        assert_eq!(shown(1000000000000004.0), "1000000000000004");
        assert_eq!(shown(-42.0), "-42");
    }

    use super::*;

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(cell_name(11, 4), "E12");
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_name(0, 26), "AA1");
    }

    #[test]
    fn the_declared_count_is_read_from_the_root() {
        assert_eq!(
            declared_count(
                br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="7"><si>"#
            ),
            Some(7)
        );
        assert_eq!(declared_count(br#"<sst count="12">"#), Some(12));
        assert_eq!(
            declared_count(br#"<sst uniqueCount="99999999999999999999999">"#),
            Some(u64::MAX)
        );
    }
}
