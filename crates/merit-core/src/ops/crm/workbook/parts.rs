//! The parts of a workbook measured before calamine opens it (see the
//! parent module's doc): every zipped part unpacked once as it streams,
//! an `.ods`'s cells counted from `content.xml`, an `.xls`'s from its cell
//! records.

use super::super::bad;
use super::{
    MAX_LOADED_PART, MAX_ODS_CELLS, MAX_PART, MAX_RATIO, MAX_TEXT_RUN, declared_count,
    formula_without_value,
};
use crate::domain::input::foreign;
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use quick_xml::events::BytesStart;
use std::io::Read;
use std::path::Path;

/// `name`'s refusal: `what` merit will not read.
fn refuse<T>(name: &str, what: Msg) -> Result<T> {
    Err(bad(name, what))
}

/// A number as it prints, for a message (sizes and limits, never a count
/// that picks a plural).
fn shown_n(v: u64) -> String {
    v.to_string()
}

/// Whether calamine streams this part (a sheet) rather than loading it.
fn streamed(part: &str) -> bool {
    part.starts_with("xl/worksheets/") && !part.contains("_rels")
}

/// Unpacks every part of a zipped workbook once, measuring it as it
/// streams (see the module's doc). A file that is not a zip (`.xls`) is
/// left to calamine.
pub(super) fn check_parts(path: &Path, name: &str) -> Result<()> {
    let file =
        std::fs::File::open(path).map_err(|e| bad(name, crate::ops::bounded::cannot_read(&e)))?;
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(z) => z,
        // Not a zip: an .xls, or a broken file calamine names.
        Err(_) => {
            let cells = xls_cells(path).unwrap_or(0);
            if cells > MAX_ODS_CELLS {
                return refuse(
                    name,
                    msg!("workbook-xls-too-many-cells", max = shown_n(MAX_ODS_CELLS)),
                );
            }
            return Ok(());
        }
    };
    for i in 0..zip.len() {
        let mut part = match zip.by_index(i) {
            Ok(p) => p,
            Err(e) => {
                let problem = msg!("workbook-part", part = i, problem = foreign(e));
                return refuse(name, problem);
            }
        };
        let part_name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let shown = crate::text::visible(&part_name).into_owned();
        let packed = part.compressed_size().max(1);
        let declared = part.size();
        let scan = measure(&mut part, &part_name, &shown, (packed, declared), name)?;
        if part_name == "content.xml" {
            drop(part);
            let content = zip
                .by_name("content.xml")
                .map_err(|e| bad(name, crate::domain::input::field("content.xml", foreign(e))))?;
            let cells = ods_cells(std::io::BufReader::new(content))
                .map_err(|problem| bad(name, problem))?;
            if cells > MAX_ODS_CELLS {
                return refuse(
                    name,
                    msg!("workbook-ods-too-many-cells", max = shown_n(MAX_ODS_CELLS)),
                );
            }
            continue;
        }
        if part_name.ends_with("sharedStrings.xml")
            && let Some(n) = scan.unique_count
            && n > scan.bytes / 16 + 1
        {
            let problem = msg!(
                "workbook-too-many-strings",
                part = &shown,
                strings = n.to_string(),
                bytes = scan.bytes.to_string()
            );
            return refuse(name, problem);
        }
    }
    Ok(())
}

/// Unpacks one part (`part_name`, `shown` as named to people; its
/// (packed, declared) sizes), refusing it past the limits of its kind as
/// it streams: what it really unpacks to, whatever its header says.
fn measure(
    part: &mut impl Read,
    part_name: &str,
    shown: &str,
    (packed, declared): (u64, u64),
    name: &str,
) -> Result<Scan> {
    let limit = if streamed(part_name) {
        MAX_PART
    } else {
        MAX_LOADED_PART
    };
    let ratio_limit = |n: u64| n > (1 << 20) && n / packed > MAX_RATIO;
    if declared > limit {
        let problem = msg!(
            "workbook-part-too-large",
            part = shown,
            bytes = shown_n(declared),
            max = shown_n(limit)
        );
        return refuse(name, problem);
    }
    if ratio_limit(declared) {
        let problem = msg!(
            "workbook-part-ratio",
            part = shown,
            times = shown_n(declared / packed),
            max = shown_n(MAX_RATIO)
        );
        return refuse(name, problem);
    }
    let mut scan = Scan::default();
    let mut buf = vec![0u8; 64 << 10];
    let xml = part_name.ends_with(".xml") || part_name.ends_with(".rels");
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                let problem = msg!("workbook-cannot-unpack", error = e.to_string());
                return refuse(name, crate::domain::input::field(shown, problem));
            }
        };
        scan.bytes += n as u64;
        if scan.bytes > limit {
            let problem = msg!("workbook-part-past", part = shown, max = shown_n(limit));
            return refuse(name, problem);
        }
        if ratio_limit(scan.bytes) {
            let problem = msg!(
                "workbook-part-past-ratio",
                part = shown,
                max = shown_n(MAX_RATIO)
            );
            return refuse(name, problem);
        }
        if xml {
            scan.feed(&buf[..n]);
            if scan.longest > MAX_TEXT_RUN {
                let problem = msg!(
                    "workbook-text-run",
                    part = shown,
                    max = shown_n(MAX_TEXT_RUN)
                );
                return refuse(name, problem);
            }
        }
    }
    Ok(scan)
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
fn ods_cells(input: impl std::io::BufRead) -> std::result::Result<u64, Msg> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut count = OdsCount::default();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(foreign)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => count.sheet(),
                "table:table-row" => count.row(e),
                "table:table-cell" | "table:covered-table-cell" => count.cell(e)?,
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => count.end_row(),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        if count.read.max(count.total) > MAX_ODS_CELLS {
            return Ok(count.read.max(count.total));
        }
    }
    count.close_sheet();
    Ok(count.read.max(count.total))
}

/// `ods_cells`' count as it reads: the sheets closed so far and the cells
/// read; the sheet's rows so far, the first and last kept, the columns
/// used; the row's repeat, the column reached, where its values end.
struct OdsCount {
    total: u64,
    read: u64,
    rows: u64,
    first: Option<u64>,
    last_end: u64,
    col_min: u64,
    col_max: u64,
    repeat: u64,
    col: u64,
    filled_from: u64,
    filled_to: u64,
}

impl Default for OdsCount {
    fn default() -> Self {
        OdsCount {
            total: 0,
            read: 0,
            rows: 0,
            first: None,
            last_end: 0,
            col_min: u64::MAX,
            col_max: 0,
            repeat: 1,
            col: 0,
            filled_from: u64::MAX,
            filled_to: 0,
        }
    }
}

/// An attribute's count (repeats), at least 1.
fn number(e: &BytesStart, attr: &str) -> u64 {
    e.try_get_attribute(attr)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

impl OdsCount {
    /// The sheet closed: its kept rows times its width, added.
    fn close_sheet(&mut self) {
        if let Some(f) = self.first {
            let width = self.col_max.saturating_sub(self.col_min);
            self.total = self
                .total
                .saturating_add(self.last_end.saturating_sub(f).saturating_mul(width));
        }
    }

    /// A sheet starts: the last one closed.
    fn sheet(&mut self) {
        self.close_sheet();
        (
            self.rows,
            self.first,
            self.last_end,
            self.col_min,
            self.col_max,
        ) = (0, None, 0, u64::MAX, 0);
    }

    /// A row starts.
    fn row(&mut self, e: &BytesStart) {
        self.repeat = number(e, "table:number-rows-repeated");
        (self.col, self.filled_from, self.filled_to) = (0, u64::MAX, 0);
    }

    /// A cell: a formula without a value is an error naming it.
    fn cell(&mut self, e: &BytesStart) -> std::result::Result<(), Msg> {
        let n = number(e, "table:number-columns-repeated");
        let has = |a: &str| e.try_get_attribute(a).ok().flatten().is_some();
        let (typed, formula) = (has("office:value-type"), has("table:formula"));
        if formula && !typed {
            let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            return Err(formula_without_value(at(self.rows), at(self.col)));
        }
        let valued = typed || formula;
        if valued {
            self.filled_from = self.filled_from.min(self.col);
            self.filled_to = self.col.saturating_add(n);
        }
        self.col = self.col.saturating_add(n);
        Ok(())
    }

    /// A row ends: kept when it holds a value, its cells read.
    fn end_row(&mut self) {
        if self.filled_to > 0 {
            self.first.get_or_insert(self.rows);
            self.last_end = self.rows.saturating_add(self.repeat);
            self.col_min = self.col_min.min(self.filled_from);
            self.col_max = self.col_max.max(self.filled_to);
            self.read = self.read.saturating_add(self.filled_to);
        }
        self.rows = self.rows.saturating_add(self.repeat);
    }
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
