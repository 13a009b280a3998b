//! CSV import of members, activities and targets (SPEC §8). Rows stream
//! into one transaction; any bad row rolls all of it back and every bad row
//! is reported as `file:line: field: what is wrong`.

use super::Context;
use crate::domain::{
    Activity, Attrs, Member, Period, Points, Reward, Target, format_decimal, parse_date,
    parse_decimal,
};
use crate::error::{Error, Result};
use crate::store::{BULK_ROWS, BulkIndex, Change, Store, Tx};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Members,
    Activities,
    Targets,
    /// The reward catalog (SPEC §11).
    Rewards,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Members => "members",
            ImportKind::Activities => "activities",
            ImportKind::Targets => "targets",
            ImportKind::Rewards => "rewards",
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            ImportKind::Members => &["code", "name", "team"],
            ImportKind::Activities => &["ref", "member", "kind", "date", "amount"],
            ImportKind::Targets => &["member", "period", "metric", "target"],
            ImportKind::Rewards => &["code", "name", "cost"],
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Activities read, by kind (an activities import).
    pub by_kind: std::collections::BTreeMap<String, usize>,
    /// Activities read that are dated after today.
    pub after_today: usize,
}

impl ImportSummary {
    fn count(&mut self, c: Change) {
        match c {
            Change::Inserted => self.inserted += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

/// Too many problems are not worth listing one by one.
const MAX_REPORTED: usize = 200;

/// Imports a CSV file of `kind`. All rows or none.
pub fn import_file(
    store: &mut Store,
    ctx: &Context,
    kind: ImportKind,
    path: &Path,
) -> Result<ImportSummary> {
    import_file_checked(store, ctx, kind, path, false)
}

/// `import_file`; with `dry_run`, the very same reading and checks in a
/// transaction that is dropped: what the import would say, nothing written.
pub fn import_file_checked(
    store: &mut Store,
    ctx: &Context,
    kind: ImportKind,
    path: &Path,
    dry_run: bool,
) -> Result<ImportSummary> {
    let name = path.display().to_string();
    let _work = crate::progress::Work::new(crate::progress::Task::Reading(name.to_string()), None);
    let cannot = |e: std::io::Error| Error::Usage(format!("{name}: cannot read: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    if file.metadata().map_err(cannot)?.is_file() {
        let input = super::bounded::LineLimit::new(std::io::BufReader::new(file));
        return import_checked(store, ctx, kind, &name, input, dry_run);
    }
    // A pipe or a device may be slow: read it all before the store's write
    // lock is taken, so other leads are never kept waiting on it. Kept in
    // memory up to a point, then in an unnamed private temporary file.
    let mut spool = tempfile::SpooledTempFile::new(SPOOL_IN_MEMORY);
    let mut input = super::bounded::LineLimit::new(file);
    let mut buf = vec![0u8; 64 * 1024];
    let mut lines = 0usize;
    loop {
        use std::io::{Read, Write};
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let at = if lines == 0 {
                    format!("{name}:1: cannot read the header: cannot read: {e}")
                } else {
                    format!("{name}:{}: cannot read: {e}", lines + 1)
                };
                return Err(Error::BadInput(vec![
                    at,
                    format!("{name}: nothing was imported"),
                ]));
            }
        };
        lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        spool.write_all(&buf[..n]).map_err(cannot)?;
    }
    use std::io::Seek;
    spool.rewind().map_err(cannot)?;
    import_checked(
        store,
        ctx,
        kind,
        &name,
        std::io::BufReader::new(spool),
        dry_run,
    )
}

/// How much of a piped import is held in memory before it is spooled to a
/// private temporary file.
const SPOOL_IN_MEMORY: usize = 16 << 20;

/// Imports CSV read from `input`, naming it `name` in messages.
pub fn import_reader(
    store: &mut Store,
    ctx: &Context,
    kind: ImportKind,
    name: &str,
    input: impl Read,
) -> Result<ImportSummary> {
    import_checked(store, ctx, kind, name, input, false)
}

/// `import_reader`; with `dry_run` every row is checked and counted in a
/// transaction that is then dropped: nothing is written.
pub fn import_checked(
    store: &mut Store,
    ctx: &Context,
    kind: ImportKind,
    name: &str,
    input: impl Read,
    dry_run: bool,
) -> Result<ImportSummary> {
    // Each activity's member is checked here against the members read in
    // the import's transaction (`Importer::new`), so SQLite need not look
    // each one up again.
    let tx = match kind {
        ImportKind::Activities => store.write_members_checked()?,
        _ => store.write()?,
    };
    let mut rows = Rows::open(name, input, kind)?;
    let mut importer = Importer::new(&tx, ctx, kind, name)?;
    let mut errors: Vec<String> = Vec::new();
    // Problems past the listed ones are only counted: memory stays bounded
    // whatever the file holds.
    let mut unlisted = 0;
    while let Some(row) = rows.next_row() {
        let result = match row {
            Ok(row) => {
                let result = importer.row(&row);
                rows.recycle(row);
                result
            }
            Err(e) => Err(vec![e]),
        };
        if let Err(e) = result {
            for e in e {
                if errors.len() < MAX_REPORTED {
                    errors.push(e);
                } else {
                    unlisted += 1;
                }
            }
        }
    }
    if rows.lines_read == 0 && errors.is_empty() {
        errors.push(format!("{name}: the file has a header but no rows"));
    }
    if !errors.is_empty() {
        if unlisted > 0 {
            errors.push(format!("{name}: … and {unlisted} more problems"));
        }
        errors.push(format!("{name}: nothing was imported"));
        return Err(Error::BadInput(errors));
    }
    importer.close()?;
    let s = importer.summary;
    if dry_run {
        return Ok(s);
    }
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        &format!("import {}", kind.as_str()),
        &format!(
            "{name}: {} new, {} updated, {} unchanged",
            s.inserted, s.updated, s.unchanged
        ),
    )?;
    tx.commit()?;
    Ok(s)
}

/// One data row: its line number and its cells, named by the header.
struct Row {
    line: u64,
    /// Column names in file order.
    header: std::rc::Rc<Vec<String>>,
    /// The cells, checked to be UTF-8 without NUL bytes.
    record: csv::StringRecord,
}

impl Row {
    fn get(&self, col: &str) -> &str {
        self.header
            .iter()
            .position(|c| c == col)
            .and_then(|i| self.record.get(i))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Streams rows out of a CSV file, checking the header and UTF-8.
struct Rows<R: Read> {
    name: String,
    reader: csv::Reader<R>,
    header: std::rc::Rc<Vec<String>>,
    record: csv::ByteRecord,
    lines_read: usize,
    failed: bool,
}

impl<R: Read> Rows<R> {
    fn open(name: &str, input: R, kind: ImportKind) -> Result<Rows<R>> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let bad = |m: String| Error::BadInput(vec![m, format!("{name}: nothing was imported")]);
        let header = match reader.byte_headers() {
            Ok(h) if h.is_empty() || (h.len() == 1 && h[0].is_empty()) => {
                return Err(bad(format!(
                    "{name}: the file is empty (a header row is required)"
                )));
            }
            Ok(h) => h.clone(),
            Err(e) => {
                return Err(bad(format!(
                    "{name}:1: cannot read the header: {}",
                    csv_problem(&e)
                )));
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
                Err(_) => return Err(bad(format!("{name}:1: column {}: not valid UTF-8", i + 1))),
            }
        }
        let mut problems = Vec::new();
        for req in kind.required() {
            if !cols.iter().any(|c| c == req) {
                problems.push(format!("{name}:1: {req}: column is missing"));
            }
        }
        let mut seen = HashSet::new();
        for c in &cols {
            if !c.is_empty() && !seen.insert(c.as_str()) {
                problems.push(format!("{name}:1: {c}: column appears twice"));
            }
        }
        if !problems.is_empty() {
            problems.push(format!("{name}: nothing was imported"));
            return Err(Error::BadInput(problems));
        }
        Ok(Rows {
            name: name.to_string(),
            reader,
            header: std::rc::Rc::new(cols),
            record: csv::ByteRecord::new(),
            lines_read: 0,
            failed: false,
        })
    }

    fn next_row(&mut self) -> Option<std::result::Result<Row, String>> {
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
                Some(Err(format!("{}:{line}: {}", self.name, csv_problem(&e))))
            }
            Ok(true) => {
                self.lines_read += 1;
                let line = self.record.position().map_or(0, |p| p.line());
                if self.record.iter().all(|c| c.is_empty()) && self.record.len() <= 1 {
                    self.lines_read -= 1;
                    return self.next_row();
                }
                if self.record.len() != self.header.len() {
                    return Some(Err(format!(
                        "{}:{line}: has {} cells, the header has {}",
                        self.name,
                        self.record.len(),
                        self.header.len()
                    )));
                }
                let record = std::mem::take(&mut self.record);
                let record = match csv::StringRecord::from_byte_record(record) {
                    Ok(r) => r,
                    Err(e) => {
                        let col = e.utf8_error().field();
                        self.record = e.into_byte_record();
                        return Some(Err(format!(
                            "{}:{line}: {}: not valid UTF-8",
                            self.name, self.header[col]
                        )));
                    }
                };
                if let Some(col) = record.iter().position(|c| c.contains('\0')) {
                    self.record = record.into_byte_record();
                    return Some(Err(format!(
                        "{}:{line}: {}: contains a NUL byte",
                        self.name, self.header[col]
                    )));
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
    fn recycle(&mut self, row: Row) {
        self.record = row.record.into_byte_record();
    }
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".into(),
        _ => "not valid CSV".into(),
    }
}

/// Validates and writes rows of one kind, remembering keys seen in the file.
struct Importer<'t, 'c> {
    tx: &'t Tx<'c>,
    ctx: &'t Context,
    kind: ImportKind,
    name: String,
    members: HashSet<String>,
    /// Keys seen in the file and their lines; for activities, only refs
    /// that were already stored (new ones are in `new_activities`).
    seen: HashMap<String, u64>,
    new_activities: NewActivities,
    summary: ImportSummary,
}

/// Activities inserted by this import, known by row id: activities are
/// never deleted, so ids past the watermark taken at the start are this
/// import's, and the line each came from is kept by id. A million new refs
/// cost a vector of line numbers instead of a set of strings.
struct NewActivities {
    watermark: i64,
    lines: Vec<u64>,
    /// Whether the date index was dropped, to be built once at the end.
    date_index_deferred: bool,
}

impl NewActivities {
    fn inserted(&mut self, rowid: i64, line: u64) {
        let i = (rowid - self.watermark - 1) as usize;
        if self.lines.len() <= i {
            self.lines.resize(i + 1, 0);
        }
        self.lines[i] = line;
    }

    /// The line an activity with this row id came from, if this import
    /// inserted it.
    fn line_of(&self, rowid: i64) -> Option<u64> {
        let i = usize::try_from(rowid - self.watermark - 1).ok()?;
        self.lines.get(i).copied()
    }

    /// Once the new rows are many and outnumber those there were,
    /// building the date index at the end is cheaper than filling it.
    fn should_defer_date_index(&self) -> bool {
        let n = self.lines.len() as i64;
        !self.date_index_deferred && n >= BULK_ROWS && n >= self.watermark
    }
}

type RowResult = std::result::Result<(), Vec<String>>;

impl<'t, 'c> Importer<'t, 'c> {
    fn new(tx: &'t Tx<'c>, ctx: &'t Context, kind: ImportKind, name: &str) -> Result<Self> {
        let members = match kind {
            ImportKind::Members | ImportKind::Rewards => HashSet::new(),
            _ => tx.db().members()?.into_iter().map(|m| m.code).collect(),
        };
        let watermark = match kind {
            ImportKind::Activities => tx.db().activities_watermark()?,
            _ => 0,
        };
        Ok(Importer {
            tx,
            ctx,
            kind,
            name: name.to_string(),
            members,
            seen: HashMap::new(),
            new_activities: NewActivities {
                watermark,
                lines: Vec::new(),
                date_index_deferred: false,
            },
            summary: ImportSummary::default(),
        })
    }

    /// Completes what the rows left undone (the date index of a bulk
    /// import).
    fn close(&self) -> Result<()> {
        if self.new_activities.date_index_deferred {
            self.tx.rebuild(&[BulkIndex::ActivitiesByDate])?;
        }
        Ok(())
    }

    fn row(&mut self, row: &Row) -> RowResult {
        crate::progress::advance(1);
        let mut p = Problems::default();
        match self.kind {
            ImportKind::Members => {
                let m = read_member(row, &mut p);
                self.finish(row, p, m.map(|m| (m.code.clone(), Parsed::Member(m))))
            }
            ImportKind::Activities => {
                let a = read_activity(row, &self.members, &mut p);
                // Checked by ref as written (`finish`): no key kept here.
                self.finish(row, p, a.map(|a| (String::new(), Parsed::Activity(a))))
            }
            ImportKind::Targets => {
                let t = read_target(row, &self.members, &mut p);
                self.finish(
                    row,
                    p,
                    t.map(|t| {
                        (
                            format!("{}, {}, {}", t.member, t.period, t.metric),
                            Parsed::Target(t),
                        )
                    }),
                )
            }
            ImportKind::Rewards => {
                let r = read_reward(row, &mut p);
                let limits = read_limits(row, &mut p);
                self.finish(
                    row,
                    p,
                    r.map(|r| (r.code.clone(), Parsed::Reward(r, limits))),
                )
            }
        }
    }

    fn finish(&mut self, row: &Row, p: Problems, parsed: Option<(String, Parsed)>) -> RowResult {
        let file = self.name.as_str();
        let mut errors: Vec<String> =
            p.0.into_iter()
                .map(|(f, m)| format!("{file}:{}: {f}: {m}", row.line))
                .collect();
        let key_field = self.key_field();
        let twice = |key: &str, first: u64| {
            format!(
                "{file}:{}: {key_field}: '{key}' appears twice in the file (first on line {first})",
                row.line,
            )
        };
        match &parsed {
            // Activities are checked as they are written.
            Some((_, Parsed::Activity(_))) | None => {}
            Some((key, _)) => {
                if let Some(&first) = self.seen.get(key) {
                    errors.push(twice(key, first));
                } else {
                    self.seen.insert(key.clone(), row.line);
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let Some((_, parsed)) = parsed else {
            return Ok(());
        };
        let write = || -> Result<Option<String>> {
            match parsed {
                Parsed::Member(m) => self.summary.count(self.tx.upsert_member(&m)?),
                Parsed::Activity(a) => {
                    *self.summary.by_kind.entry(a.kind.clone()).or_default() += 1;
                    if a.date > self.ctx.today {
                        self.summary.after_today += 1;
                    }
                    if let Some(rowid) = self.tx.insert_activity(&a)? {
                        self.new_activities.inserted(rowid, row.line);
                        self.summary.count(Change::Inserted);
                        if self.new_activities.should_defer_date_index() {
                            self.tx.set_aside(&[BulkIndex::ActivitiesByDate])?;
                            self.new_activities.date_index_deferred = true;
                        }
                        return Ok(None);
                    }
                    let Some((rowid, old)) = self.tx.db().activity_with_rowid(&a.reference)? else {
                        return Ok(None);
                    };
                    let first = match self.new_activities.line_of(rowid) {
                        Some(line) => Some(line),
                        None => self.seen.insert(a.reference.clone(), row.line),
                    };
                    if let Some(first) = first {
                        return Ok(Some(twice(&a.reference, first)));
                    }
                    if old == a {
                        self.summary.count(Change::Unchanged);
                        return Ok(None);
                    }
                    self.tx.update_activity(&a, &old)?;
                    self.tx.audit(
                        &self.ctx.now(),
                        &self.ctx.actor,
                        "activity corrected",
                        &format!("{}: {} → {}", a.reference, describe(&old), describe(&a)),
                    )?;
                    self.summary.count(Change::Updated);
                }
                Parsed::Target(t) => self.summary.count(self.tx.upsert_target(&t)?),
                Parsed::Reward(r, limits) => {
                    let mut change = self.tx.upsert_reward(&r)?;
                    if let Some(l) = limits
                        && self.tx.set_reward_limits(&r.code, &l)?
                        && change == Change::Unchanged
                    {
                        change = Change::Updated;
                    }
                    self.summary.count(change)
                }
            }
            Ok(None)
        };
        match write() {
            Ok(None) => Ok(()),
            Ok(Some(problem)) => Err(vec![problem]),
            Err(e) => Err(vec![format!("{file}:{}: {e}", row.line)]),
        }
    }

    fn key_field(&self) -> &'static str {
        match self.kind {
            ImportKind::Members | ImportKind::Rewards => "code",
            ImportKind::Activities => "ref",
            ImportKind::Targets => "member, period, metric",
        }
    }
}

enum Parsed {
    Member(Member),
    Activity(Activity),
    Target(Target),
    /// A reward, and its limits when the file has any limit column.
    Reward(Reward, Option<crate::domain::RewardLimits>),
}

fn describe(a: &Activity) -> String {
    format!(
        "{} {} {} {}",
        a.member,
        a.kind,
        a.date,
        format_decimal(a.amount)
    )
}

/// Field problems of one row: (field, message).
#[derive(Default)]
struct Problems(Vec<(String, String)>);

impl Problems {
    fn add(&mut self, field: &str, msg: impl Into<String>) {
        self.0.push((field.to_string(), msg.into()));
    }

    fn text(&mut self, row: &Row, field: &str) -> Option<String> {
        let v = row.get(field);
        if v.is_empty() {
            self.add(field, "is empty");
            None
        } else if v.chars().count() > 200 {
            self.add(field, "is longer than 200 characters");
            None
        } else {
            Some(v.to_string())
        }
    }

    fn code(&mut self, row: &Row, field: &str) -> Option<String> {
        let v = self.text(row, field)?;
        if let Some(c) = v.chars().find(|&c| crate::text::is_invisible(c)) {
            self.add(
                field,
                format!(
                    "'{v}' holds an invisible character (U+{:04X}): a code must show all it is",
                    c as u32
                ),
            );
            return None;
        }
        if v.chars().any(|c| c.is_whitespace() || c.is_control()) || v.chars().count() > 32 {
            self.add(
                field,
                format!("'{v}' is not a code (no spaces, at most 32 characters)"),
            );
            return None;
        }
        Some(v)
    }

    /// A member's or reward's code: a `code`, and not starting with `-`
    /// (it would read as an option on the command line).
    fn name_code(&mut self, row: &Row, field: &str) -> Option<String> {
        let v = self.code(row, field)?;
        if v.starts_with('-') {
            self.add(
                field,
                format!("'{v}' starts with '-': it would read as an option on the command line"),
            );
            return None;
        }
        Some(v)
    }

    fn member(&mut self, row: &Row, known: &HashSet<String>) -> Option<String> {
        let v = self.text(row, "member")?;
        if !known.contains(&v) {
            self.add(
                "member",
                format!("unknown member '{v}' (import members first)"),
            );
            return None;
        }
        Some(v)
    }

    fn number(&mut self, row: &Row, field: &str, empty_is_zero: bool) -> Option<Decimal> {
        let v = row.get(field);
        if v.is_empty() {
            if empty_is_zero {
                return Some(Decimal::ZERO);
            }
            self.add(field, "is empty");
            return None;
        }
        match parse_decimal(v) {
            Ok(d) => Some(d),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }
}

fn read_member(row: &Row, p: &mut Problems) -> Option<Member> {
    let code = p.name_code(row, "code");
    let name = p.text(row, "name");
    let team = p.text(row, "team");
    let joined = match row.get("joined") {
        "" => None,
        s => match parse_date(s) {
            Ok(d) => Some(d),
            Err(e) => {
                p.add("joined", e);
                None
            }
        },
    };
    let active = read_active(row, p);
    Some(Member {
        code: code?,
        name: name?,
        team: team?,
        joined,
        active,
    })
}

fn read_active(row: &Row, p: &mut Problems) -> bool {
    match row.get("active").to_ascii_lowercase().as_str() {
        "" | "true" => true,
        "false" => false,
        other => {
            p.add("active", format!("'{other}' is not true or false"));
            true
        }
    }
}

/// A reward from cells named like the rewards CSV's columns, with the
/// import's checks; the TUI's reward form reads through this, so a reward
/// typed there is held to what a file would be. Errors: (column, message).
/// A reward read from cells, and its limits when the cells have limit columns.
pub type RewardCells = (Reward, Option<crate::domain::RewardLimits>);

/// With limit columns among the cells, their limits too.
pub fn reward_from_cells(
    cells: &[(&str, &str)],
) -> std::result::Result<RewardCells, Vec<(String, String)>> {
    let row = Row {
        line: 0,
        header: std::rc::Rc::new(cells.iter().map(|(k, _)| k.to_string()).collect()),
        record: cells.iter().map(|(_, v)| *v).collect(),
    };
    let mut p = Problems::default();
    let reward = read_reward(&row, &mut p);
    let limits = read_limits(&row, &mut p);
    match reward {
        Some(r) if p.0.is_empty() => Ok((r, limits)),
        _ => Err(p.0),
    }
}

/// The optional fair-redemption columns of a rewards row: `limit_qty`
/// (a whole number ≥ 1) with `limit_per` (`month`, `quarter`, `year`), and
/// `available_from`/`available_to`. `None` when the file has none of them.
fn read_limits(row: &Row, p: &mut Problems) -> Option<crate::domain::RewardLimits> {
    const COLS: [&str; 4] = ["limit_qty", "limit_per", "available_from", "available_to"];
    if !COLS.iter().any(|c| row.header.iter().any(|h| h == c)) {
        return None;
    }
    let mut l = crate::domain::RewardLimits::default();
    match row.get("limit_qty") {
        "" => {}
        s => match s.parse::<i64>() {
            Ok(n) if (1..=1_000_000_000).contains(&n) => l.limit_qty = Some(n),
            _ => p.add(
                "limit_qty",
                format!("'{s}' is not a whole number ≥ 1 (empty: no limit)"),
            ),
        },
    }
    match row.get("limit_per") {
        "" if l.limit_qty.is_some() => p.add("limit_per", "is empty: say month, quarter or year"),
        "" => {}
        s => match crate::domain::PeriodKind::parse(s)
            .filter(|k| *k != crate::domain::PeriodKind::Week)
        {
            Some(k) if l.limit_qty.is_some() => l.limit_per = Some(k),
            Some(_) => p.add("limit_per", "needs a limit_qty"),
            None => p.add("limit_per", format!("'{s}' is not month, quarter or year")),
        },
    }
    for (col, slot) in [
        ("available_from", &mut l.available_from),
        ("available_to", &mut l.available_to),
    ] {
        match row.get(col) {
            "" => {}
            s => match parse_date(s) {
                Ok(d) => *slot = Some(d),
                Err(e) => p.add(col, e),
            },
        }
    }
    if let (Some(f), Some(t)) = (l.available_from, l.available_to)
        && t < f
    {
        p.add("available_to", "is before available_from");
    }
    Some(l)
}

fn read_reward(row: &Row, p: &mut Problems) -> Option<Reward> {
    let code = p.name_code(row, "code");
    let name = p.text(row, "name");
    let cost = match Points::parse(row.get("cost")) {
        Ok(c) if c.decimal() > Decimal::ZERO => Some(c),
        Ok(_) => {
            p.add("cost", format!("'{}' must be more than 0", row.get("cost")));
            None
        }
        Err(e) if e.contains("too large") => {
            p.add(
                "cost",
                format!(
                    "'{}' must be at most 1000000000000000",
                    row.get("cost").trim()
                ),
            );
            None
        }
        Err(e) => {
            p.add("cost", e);
            None
        }
    };
    let stock = match row.get("stock") {
        "" => Some(None),
        s => match s.parse::<i64>() {
            Ok(n) if (0..=1_000_000_000).contains(&n) => Some(Some(n)),
            _ => {
                p.add(
                    "stock",
                    format!("'{s}' is not a whole number ≥ 0 (empty: unlimited)"),
                );
                None
            }
        },
    };
    let category = row.get("category").to_string();
    let active = read_active(row, p);
    Some(Reward {
        code: code?,
        name: name?,
        cost: cost?,
        stock: stock?,
        category,
        active,
    })
}

fn read_activity(row: &Row, members: &HashSet<String>, p: &mut Problems) -> Option<Activity> {
    let reference = p.code(row, "ref");
    let member = p.member(row, members);
    let kind = p.code(row, "kind");
    let date = match parse_date(row.get("date")) {
        Ok(d) => Some(d),
        Err(e) => {
            p.add("date", e);
            None
        }
    };
    let amount = p.number(row, "amount", true);
    let mut attrs = Attrs::default();
    for col in row.header.iter() {
        if ImportKind::Activities.required().contains(&col.as_str()) || col.is_empty() {
            continue;
        }
        let v = row.get(col);
        if v.chars().count() > 200 {
            p.add(col, "is longer than 200 characters");
        } else if !v.is_empty() {
            attrs.insert(col, v);
        }
    }
    Some(Activity {
        reference: reference?,
        member: member?,
        kind: kind?,
        date: date?,
        amount: amount?,
        attrs,
    })
}

fn read_target(row: &Row, members: &HashSet<String>, p: &mut Problems) -> Option<Target> {
    let member = p.member(row, members);
    let period = match Period::parse(row.get("period")) {
        // Attainment is per month, quarter or year: a week has no target.
        Some(per) if per.kind() != crate::domain::PeriodKind::Week => Some(per),
        _ => {
            p.add(
                "period",
                format!(
                    "'{}' is not a period (2026-03, 2026-Q1 or 2026)",
                    row.get("period")
                ),
            );
            None
        }
    };
    let metric = p.code(row, "metric");
    let target = p.number(row, "target", false);
    if target.is_some_and(|t| t <= Decimal::ZERO) {
        p.add("target", "must be greater than 0");
        return None;
    }
    Some(Target {
        member: member?,
        period: period?,
        metric: metric?,
        target: target?,
    })
}
