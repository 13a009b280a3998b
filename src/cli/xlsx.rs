//! Writing a table as an Excel workbook (`rust_xlsxwriter`: writing the
//! XLSX format by hand is not our job). Numbers go in as numbers where a
//! spreadsheet's binary float shows them exactly (up to 15 significant
//! digits), else as text, so no point or cent is ever changed on the way.

use super::output::Cell;
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::path::Path;
use std::str::FromStr;

/// `d` as a float, when the float reads back as exactly `d`.
fn exact_float(text: &str) -> Option<f64> {
    let d = Decimal::from_str(text).ok()?;
    let f = d.to_f64()?;
    let back = Decimal::from_str(&format!("{f}")).ok()?;
    (back == d && d.normalize().mantissa().unsigned_abs() < 1_000_000_000_000_000).then_some(f)
}

/// A workbook of `headers` and `rows` on its first sheet, as bytes
/// (`path` names it in errors).
pub fn workbook(path: &Path, sheet: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>> {
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Error::failed(crate::msg!(
            "cannot-write-workbook",
            path = path.display(),
            error = e.to_string()
        ))
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(&name).map_err(failed)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(failed)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Num(n) if exact_float(n).is_some() => {
                    ws.write_number(r, c, exact_float(n).unwrap_or_default())
                        .map_err(failed)?;
                }
                other => {
                    ws.write_string(r, c, crate::text::csv_safe(other.raw()).as_ref())
                        .map_err(failed)?;
                }
            };
        }
    }
    book.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_numbers_become_floats() {
        assert_eq!(exact_float("188.5"), Some(188.5));
        assert_eq!(exact_float("-15"), Some(-15.0));
        assert_eq!(exact_float("1234567890123.45"), Some(1234567890123.45));
        assert_eq!(exact_float("1000000000000000.01"), None);
    }
}
