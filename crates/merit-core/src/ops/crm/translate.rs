//! The translation of an export to merit's CSV, row by row as it is
//! read: each merit field from its column or a constant, dates and
//! amounts in merit's forms, the export's kinds mapped.

use super::{Cell, KindMap, excel_day, fields, is_amount, is_date};
use crate::domain::formats::{flexible_amount, flexible_date};
use crate::domain::input::{at_line, from_column, in_file, nothing_imported};
use crate::error::{Error, Result};
use crate::message::{Msg, MsgArg};
use crate::msg;
use crate::ops::import::ImportKind;
use std::collections::BTreeMap;

/// What the translation gives: merit's CSV (in an unnamed temporary
/// file, so a large export is never held in memory), and for each merit
/// field the export's column it came from (to name both in messages).
pub(super) struct Translated {
    pub(super) csv: std::fs::File,
    pub(super) sources: BTreeMap<String, String>,
    /// The first rows, as merit reads them, for a dry run.
    pub(super) preview: Vec<Vec<String>>,
    pub(super) header: Vec<String>,
}

/// Where a merit field's value comes from.
enum From {
    Column(usize),
    Constant(String),
}

/// The translation of an export to merit's CSV, row by row as the export
/// is read: the plan from the header, then each row written out at once.
pub(super) struct Translator<'m> {
    kind: ImportKind,
    map: &'m KindMap,
    name: String,
    plan: Vec<(String, From)>,
    sources: BTreeMap<String, String>,
    header: Vec<String>,
    out: csv::Writer<std::io::BufWriter<std::fs::File>>,
    next_line: u64,
    preview: Vec<Vec<String>>,
    problems: Vec<Msg>,
}

impl<'m> Translator<'m> {
    /// The plan for `header`: each merit field from its column or a
    /// constant; a missing required column is an error.
    pub(super) fn new(
        header: &[String],
        kind: ImportKind,
        m: &'m KindMap,
        mapped: bool,
        name: &str,
    ) -> Result<Translator<'m>> {
        let find = |col: &str| header.iter().position(|h| h == col);
        let mut problems = Vec::new();
        let mut plan: Vec<(String, From)> = Vec::new();
        let mut sources = BTreeMap::new();
        for (i, field) in fields(kind).iter().enumerate() {
            if let Some(v) = m.constants.get(*field) {
                plan.push((field.to_string(), From::Constant(v.clone())));
                continue;
            }
            let col = m.columns.get(*field).map_or(*field, String::as_str);
            match find(col) {
                Some(at) => {
                    if col != *field {
                        sources.insert(field.to_string(), col.to_string());
                    }
                    plan.push((field.to_string(), From::Column(at)));
                }
                None if i < kind_required(kind) => {
                    let columns = header.join(", ");
                    let problem = msg!(
                        "import-no-column",
                        column = col,
                        field = *field,
                        columns = columns
                    );
                    problems.push(at_line(name, 1, problem));
                }
                None => {}
            }
        }
        if kind == ImportKind::Activities {
            attributes(header, m, mapped, name, &mut plan, &mut problems);
        }
        if !problems.is_empty() {
            problems.push(nothing_imported(name));
            return Err(Error::bad_input(problems));
        }
        let header: Vec<String> = plan.iter().map(|(f, _)| f.clone()).collect();
        let file = tempfile::tempfile().map_err(|e| {
            Error::failed(in_file(name, msg!("import-no-room", error = e.to_string())))
        })?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(std::io::BufWriter::new(file));
        let _ = out.write_record(&header);
        Ok(Translator {
            kind,
            map: m,
            name: name.to_string(),
            plan,
            sources,
            header,
            out,
            next_line: 2,
            preview: Vec::new(),
            problems: Vec::new(),
        })
    }

    fn shown(&self, field: &str) -> MsgArg {
        match self.sources.get(field) {
            Some(col) => from_column(field, col).into(),
            None => field.into(),
        }
    }

    /// Translates the export's row at `line`.
    pub(super) fn row(&mut self, line: u64, cells: &[Cell]) {
        // One output line per export line, so the import's line numbers
        // are the export's: blank lines for the rows in between.
        while self.next_line < line {
            let _ = self.out.write_record(None::<&[u8]>);
            self.next_line += 1;
        }
        self.next_line = line + 1;
        let empty_row = cells
            .iter()
            .all(|c| matches!(c, Cell::Text(t) if t.trim().is_empty()));
        let mut record = Vec::with_capacity(self.plan.len());
        let mut problems = Vec::new();
        for (field, from) in &self.plan {
            let raw = match from {
                From::Constant(v) => Cell::Text(v.clone()),
                From::Column(at) => cells.get(*at).cloned().unwrap_or(Cell::Text(String::new())),
            };
            let at = At {
                line,
                field,
                shown: self.shown(field),
            };
            record.push(self.value(raw, &at, empty_row, &mut problems));
        }
        if self.problems.len() < 200 {
            self.problems.extend(problems);
        }
        if empty_row {
            let _ = self.out.write_record(None::<&[u8]>);
            return;
        }
        if self.preview.len() < 5 {
            self.preview.push(record.clone());
        }
        let _ = self.out.write_record(&record);
    }

    /// A cell's value as merit's CSV holds it; what is wrong with it goes
    /// to `problems`.
    fn value(&self, raw: Cell, at: &At, empty_row: bool, problems: &mut Vec<Msg>) -> String {
        match raw {
            Cell::Date(d) => d.to_string(),
            // A day number in a date column: days since 1899-12-30
            // (Excel's 1900 date system, its leap-year slip included).
            Cell::Number(_, n) if is_date(self.kind, at.field) && !empty_row => {
                match excel_day(n) {
                    Some(d) => d.to_string(),
                    None => {
                        let problem = msg!("import-not-a-day-number", value = n.to_string());
                        problems.push(self.at(at, problem));
                        String::new()
                    }
                }
            }
            Cell::Number(t, _) => t,
            Cell::Text(t) => {
                let t = t.trim().replace(['\n', '\r'], " ");
                if empty_row || t.is_empty() {
                    t
                } else {
                    self.text_value(t, at, problems)
                }
            }
        }
    }

    /// A text's value: a date or an amount in merit's form, an export's
    /// kind as the map names it; else as it is.
    fn text_value(&self, t: String, at: &At, problems: &mut Vec<Msg>) -> String {
        let (kind, m, field) = (self.kind, self.map, at.field);
        if is_date(kind, field) {
            match flexible_date(&t) {
                Ok(d) => d.to_string(),
                Err(e) => {
                    problems.push(self.at(at, e));
                    t
                }
            }
        } else if is_amount(kind, field) {
            match flexible_amount(&t) {
                Ok(a) => crate::domain::format_decimal(a),
                Err(e) => {
                    problems.push(self.at(at, e));
                    t
                }
            }
        } else if field == "kind" && kind == ImportKind::Activities && !m.kinds.is_empty() {
            match m.kinds.get(&t) {
                Some(k) => k.clone(),
                None => {
                    let known: Vec<&str> = m.kinds.keys().map(String::as_str).collect();
                    let problem = msg!(
                        "import-not-a-mapped-kind",
                        value = &t,
                        kinds = known.join(", ")
                    );
                    problems.push(self.at(at, problem));
                    t
                }
            }
        } else {
            t
        }
    }

    /// `problem` where it is: the export's line, the field with its column.
    fn at(&self, at: &At, problem: Msg) -> Msg {
        crate::domain::input::at(&self.name, at.line, at.shown.clone(), problem)
    }

    /// The translated CSV, from its start; the problems found, if any.
    pub(super) fn finish(self) -> Result<Translated> {
        let name = self.name;
        if !self.problems.is_empty() {
            let mut problems = self.problems;
            problems.truncate(200);
            problems.push(nothing_imported(&name));
            return Err(Error::bad_input(problems));
        }
        let failed = |e: String| {
            Error::failed(in_file(
                &name,
                msg!("import-cannot-keep-translation", error = e),
            ))
        };
        let mut file = self
            .out
            .into_inner()
            .map_err(|e| failed(e.to_string()))?
            .into_inner()
            .map_err(|e| failed(e.to_string()))?;
        use std::io::Seek;
        file.rewind().map_err(|e| failed(e.to_string()))?;
        Ok(Translated {
            csv: file,
            sources: self.sources,
            preview: self.preview,
            header: self.header,
        })
    }
}

/// Where a value is: the export's line, merit's field, and the field as
/// messages show it (with the export's column).
struct At<'a> {
    line: u64,
    field: &'a str,
    shown: MsgArg,
}

fn kind_required(kind: ImportKind) -> usize {
    match kind {
        ImportKind::Members => 3,
        ImportKind::Activities => 5,
        ImportKind::Targets => 4,
        ImportKind::Rewards => 3,
    }
}

/// An activity's attributes, added to `plan`: as mapped; without a map,
/// every column that is not one of merit's fields.
fn attributes(
    header: &[String],
    m: &KindMap,
    mapped: bool,
    name: &str,
    plan: &mut Vec<(String, From)>,
    problems: &mut Vec<Msg>,
) {
    let kind = ImportKind::Activities;
    if !mapped {
        for (at, h) in header.iter().enumerate() {
            if !h.is_empty() && !fields(kind).contains(&h.as_str()) {
                plan.push((h.clone(), From::Column(at)));
            }
        }
        return;
    }
    for (attr, col) in &m.attributes {
        match header.iter().position(|h| h == col) {
            Some(at) => plan.push((attr.clone(), From::Column(at))),
            None => {
                let problem = msg!(
                    "import-no-column-for-attribute",
                    column = col,
                    attribute = attr
                );
                problems.push(at_line(name, 1, problem));
            }
        }
    }
}
