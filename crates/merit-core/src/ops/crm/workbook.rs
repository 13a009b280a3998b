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
use crate::error::Result;
use calamine::{Data, DataRef, Reader, Sheets, open_workbook_auto};
use chrono::NaiveDate;
use std::io::Read;
use std::path::Path;

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
    check_parts(path, name)?;
    let mut book = open_workbook_auto(path)
        .map_err(|e| bad(name, format!("{name}: cannot read the workbook: {e}")))?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                bad(
                    name,
                    format!("{name}: no sheet '{s}' (sheets: {})", names.join(", ")),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| bad(name, format!("{name}: the workbook has no sheet")))?,
    };
    let sheet_err = |e: String| bad(name, format!("{name}: sheet '{chosen}': {e}"));
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
                    return Err(bad(
                        name,
                        format!(
                            "{name}: {}: a formula without a value; save the workbook in Excel first",
                            cell_name(row, col)
                        ),
                    ));
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
                format!(
                    "{}: the sheet holds more than {MAX_CELLS} cells: merit reads at most {MAX_CELLS}",
                    self.name
                ),
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

/// A streamed cell as merit reads it.
fn cell_of_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Text(String::new()),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(i.to_string(), *i as f64),
        // The shortest text that reads back as the stored number: a
        // workbook keeps amounts as binary floats, and this is the number
        // it shows.
        DataRef::Float(f) => Cell::Number(format!("{f}"), *f),
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
        Data::Float(f) => Cell::Number(format!("{f}"), *f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) => Cell::Text(s.get(..10).unwrap_or(s).to_string()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// Whether calamine streams this part (a sheet) rather than loading it.
fn streamed(part: &str) -> bool {
    part.starts_with("xl/worksheets/") && !part.contains("_rels")
}

/// Unpacks every part of a zipped workbook once, measuring it as it
/// streams (see the module's doc). A file that is not a zip (`.xls`) is
/// left to calamine.
fn check_parts(path: &Path, name: &str) -> Result<()> {
    let refuse = |what: String| Err(bad(name, format!("{name}: {what}")));
    let file =
        std::fs::File::open(path).map_err(|e| bad(name, format!("{name}: cannot read: {e}")))?;
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(z) => z,
        // Not a zip: an .xls, or a broken file calamine names.
        Err(_) => {
            let cells = xls_cells(path).unwrap_or(0);
            if cells > MAX_ODS_CELLS {
                return refuse(format!(
                    "its sheets span more than {MAX_ODS_CELLS} cells: merit reads at most {MAX_ODS_CELLS}"
                ));
            }
            return Ok(());
        }
    };
    for i in 0..zip.len() {
        let mut part = match zip.by_index(i) {
            Ok(p) => p,
            Err(e) => return refuse(format!("part {i}: {e}")),
        };
        let part_name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let shown = crate::text::visible(&part_name).into_owned();
        let packed = part.compressed_size().max(1);
        let declared = part.size();
        let limit = if streamed(&part_name) {
            MAX_PART
        } else {
            MAX_LOADED_PART
        };
        let ratio_limit = |n: u64| n > (1 << 20) && n / packed > MAX_RATIO;
        if declared > limit {
            return refuse(format!(
                "{shown} unpacks to {declared} bytes: merit reads at most {limit} bytes of such a part"
            ));
        }
        if ratio_limit(declared) {
            return refuse(format!(
                "{shown} unpacks to {} times its packed size: merit reads at most {MAX_RATIO}:1",
                declared / packed
            ));
        }
        // What the part really unpacks to, whatever its header says.
        let mut scan = Scan::default();
        let mut buf = vec![0u8; 64 << 10];
        let xml = part_name.ends_with(".xml") || part_name.ends_with(".rels");
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return refuse(format!("{shown}: cannot unpack: {e}")),
            };
            scan.bytes += n as u64;
            if scan.bytes > limit {
                return refuse(format!(
                    "{shown} unpacks past {limit} bytes: merit reads at most {limit} bytes of such a part"
                ));
            }
            if ratio_limit(scan.bytes) {
                return refuse(format!(
                    "{shown} unpacks to more than {MAX_RATIO} times its packed size: merit reads at most {MAX_RATIO}:1"
                ));
            }
            if xml {
                scan.feed(&buf[..n]);
                if scan.longest > MAX_TEXT_RUN {
                    return refuse(format!(
                        "{shown} holds a text of more than {MAX_TEXT_RUN} bytes: merit reads at most {MAX_TEXT_RUN}"
                    ));
                }
            }
        }
        if part_name == "content.xml" {
            drop(part);
            let content = zip
                .by_name("content.xml")
                .map_err(|e| bad(name, format!("{name}: content.xml: {e}")))?;
            let cells = ods_cells(std::io::BufReader::new(content))
                .map_err(|e| bad(name, format!("{name}: {e}")))?;
            if cells > MAX_ODS_CELLS {
                return refuse(format!(
                    "content.xml spells out more than {MAX_ODS_CELLS} cells: merit reads at most {MAX_ODS_CELLS}"
                ));
            }
            continue;
        }
        if part_name.ends_with("sharedStrings.xml")
            && let Some(n) = scan.unique_count
            && n > scan.bytes / 16 + 1
        {
            return refuse(format!(
                "{shown} declares {n} strings in {} bytes: merit reads at most one string per 16 bytes",
                scan.bytes
            ));
        }
    }
    Ok(())
}

/// The cells calamine would hold reading the `.xls` at `path`: per sheet
/// (a BIFF substream), the rectangle its cell records span; summed. `None`
/// when the file is not one (calamine then says why).
fn xls_cells(path: &Path) -> Option<u64> {
    let mut file = cfb::open(path).ok()?;
    let stream = ["Workbook", "Book"]
        .into_iter()
        .find(|s| file.is_stream(format!("/{s}")))?;
    let mut data = Vec::new();
    file.open_stream(format!("/{stream}"))
        .ok()?
        .take(MAX_PART)
        .read_to_end(&mut data)
        .ok()?;
    let mut total = 0u64;
    // The current sheet's rows and columns spanned.
    let mut span: Option<(u16, u16, u16, u16)> = None;
    let mut at = 0usize;
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    while let (Some(kind), Some(len)) = (u16_at(&data, at), u16_at(&data, at + 2)) {
        let body = data.get(at + 4..at + 4 + len as usize).unwrap_or(&[]);
        at += 4 + len as usize;
        // Cell records start with the row and the (first) column; the
        // multiple ones end with the last column.
        let cells = match kind {
            0x0006 | 0x00FD | 0x0203 | 0x027E | 0x0204 | 0x0205 | 0x0201 | 0x00D6 => {
                u16_at(body, 0).zip(u16_at(body, 2)).map(|(r, c)| (r, c, c))
            }
            0x00BD | 0x00BE if body.len() >= 6 => u16_at(body, 0)
                .zip(u16_at(body, 2))
                .zip(u16_at(body, body.len() - 2))
                .map(|((r, c), last)| (r, c, last)),
            _ => None,
        };
        if let Some((r, c0, c1)) = cells {
            let (r0, r1, a, b) = span.unwrap_or((r, r, c0, c1));
            span = Some((r0.min(r), r1.max(r), a.min(c0), b.max(c1)));
        }
        // A substream's end: its rectangle counted.
        if kind == 0x000A
            && let Some((r0, r1, c0, c1)) = span.take()
        {
            let rows = u64::from(r1.saturating_sub(r0)) + 1;
            let cols = u64::from(c1.saturating_sub(c0)) + 1;
            total = total.saturating_add(rows * cols);
        }
    }
    Some(total)
}

/// The cells calamine would spell out reading an OpenDocument `content.xml`:
/// per sheet, the rows it keeps (the repeated ones repeated) times the
/// widest of them, and, as it reads, each kept row's cells (repeated ones
/// repeated); the larger, summed over the sheets.
fn ods_cells(input: impl std::io::BufRead) -> std::result::Result<u64, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let number = |e: &quick_xml::events::BytesStart, attr: &str| -> u64 {
        e.try_get_attribute(attr)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    // The sheet: rows so far, the first and last kept, the columns used.
    let (mut total, mut read) = (0u64, 0u64);
    let mut rows = 0u64;
    let mut first: Option<u64> = None;
    let mut last_end = 0u64;
    let (mut col_min, mut col_max) = (u64::MAX, 0u64);
    // The row: its repeat, the column reached, where its values end.
    let (mut repeat, mut col, mut filled_from, mut filled_to) = (1u64, 0u64, u64::MAX, 0u64);
    let close_sheet =
        |total: &mut u64, first: Option<u64>, last_end: u64, col_min: u64, col_max: u64| {
            if let Some(f) = first {
                let width = col_max.saturating_sub(col_min);
                *total = total.saturating_add(last_end.saturating_sub(f).saturating_mul(width));
            }
        };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    close_sheet(&mut total, first, last_end, col_min, col_max);
                    (rows, first, last_end, col_min, col_max) = (0, None, 0, u64::MAX, 0);
                }
                "table:table-row" => {
                    repeat = number(e, "table:number-rows-repeated");
                    (col, filled_from, filled_to) = (0, u64::MAX, 0);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = number(e, "table:number-columns-repeated");
                    let has = |a: &str| e.try_get_attribute(a).ok().flatten().is_some();
                    let (typed, formula) = (has("office:value-type"), has("table:formula"));
                    if formula && !typed {
                        let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                        return Err(format!(
                            "{}: a formula without a value; save the workbook in Excel first",
                            cell_name(at(rows), at(col))
                        ));
                    }
                    let valued = typed || formula;
                    if valued {
                        filled_from = filled_from.min(col);
                        filled_to = col.saturating_add(n);
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if filled_to > 0 {
                    first.get_or_insert(rows);
                    last_end = rows.saturating_add(repeat);
                    col_min = col_min.min(filled_from);
                    col_max = col_max.max(filled_to);
                    read = read.saturating_add(filled_to);
                }
                rows = rows.saturating_add(repeat);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        if read.max(total) > MAX_ODS_CELLS {
            return Ok(read.max(total));
        }
    }
    close_sheet(&mut total, first, last_end, col_min, col_max);
    Ok(read.max(total))
}

/// A streamed look at an XML part: its size, its longest run of text or
/// tag, and (shared strings) the count of strings its root declares.
#[derive(Default)]
struct Scan {
    bytes: u64,
    run: u64,
    longest: u64,
    head: Vec<u8>,
    unique_count: Option<u64>,
}

impl Scan {
    fn feed(&mut self, chunk: &[u8]) {
        for &b in chunk {
            if b == b'<' || b == b'>' {
                self.run = 0;
            } else {
                self.run += 1;
                self.longest = self.longest.max(self.run);
            }
        }
        if self.head.len() < 4096 {
            let take = (4096 - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
            self.unique_count = declared_count(&self.head);
        }
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
