//! CSV import of members, activities and targets (SPEC §8). Rows stream
//! into one transaction; any bad row rolls all of it back and every bad row
//! is reported as `file:line: field: what is wrong`.

mod check;
mod line_ends;
mod rows;
mod write;

pub use check::{RewardCells, reward_from_cells};

use super::Context;
use crate::domain::input::{at_line, in_file, nothing_imported};
use crate::error::{Error, Result};
use crate::message::Msg;
use crate::msg;
use crate::store::{Change, Store};
use rows::Rows;
use std::io::Read;
use std::path::Path;
use write::{Checker, Importer};

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

/// Reads and checks the rows on a second thread (the CSV's parsing, the
/// cells' checks) while this one writes them: a large import's reading was
/// a third of its time. How many lines were read.
fn read_and_write<R: Read + Send>(
    mut rows: Rows<R>,
    checker: &Checker,
    importer: &mut Importer,
    report: &mut impl FnMut(Vec<Msg>),
) -> usize {
    std::thread::scope(|s| {
        let (send, checked) = std::sync::mpsc::sync_channel::<Vec<CheckedRow>>(CHECKED_AHEAD);
        let reading = s.spawn(move || {
            let mut batch = Vec::with_capacity(CHECKED_BATCH);
            while let Some(row) = rows.next_row() {
                batch.push(row.map(|row| {
                    let c = checker.check(&row);
                    rows.recycle(row);
                    c
                }));
                if batch.len() == CHECKED_BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(CHECKED_BATCH));
                    if send.send(full).is_err() {
                        break;
                    }
                }
            }
            let _ = send.send(batch);
            rows.lines_read
        });
        for batch in checked {
            for row in batch {
                if let Err(e) = row.map_err(|e| vec![e]).and_then(|c| importer.take(c)) {
                    report(e);
                }
            }
        }
        reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A row as the reading thread hands it over: checked, or what made it
/// unreadable.
type CheckedRow = std::result::Result<write::Checked, Msg>;

/// Rows handed from the reading thread to the writing one at a time, and
/// how many such batches may wait.
const CHECKED_BATCH: usize = 1024;
const CHECKED_AHEAD: usize = 8;

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
    let cannot = |e: std::io::Error| super::bounded::cannot_read_file(&name, &e);
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.is_dir() {
        return Err(cannot(std::io::ErrorKind::IsADirectory.into()));
    }
    if meta.is_file() {
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
                let why = super::bounded::cannot_read(&e);
                let at = if lines == 0 {
                    let problem = msg!("import-cannot-read-header", problem = why);
                    at_line(&name, 1, problem)
                } else {
                    at_line(&name, lines as u64 + 1, why)
                };
                return Err(Error::bad_input([at, nothing_imported(&name)]));
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
    input: impl Read + Send,
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
    input: impl Read + Send,
    dry_run: bool,
) -> Result<ImportSummary> {
    // Each activity's member is checked here against the members read in
    // the import's transaction (`Importer::new`), so SQLite need not look
    // each one up again.
    let tx = match kind {
        ImportKind::Activities => store.write_members_checked()?,
        _ => store.write()?,
    };
    let rows = Rows::open(name, input, kind)?;
    let checker = Checker::new(&tx, kind, name)?;
    let mut importer = Importer::new(&tx, ctx, kind, name)?;
    let mut errors: Vec<Msg> = Vec::new();
    // Problems past the listed ones are only counted: memory stays bounded
    // whatever the file holds.
    let mut unlisted = 0;
    let mut report = |e: Vec<Msg>| {
        for e in e {
            if errors.len() < MAX_REPORTED {
                errors.push(e);
            } else {
                unlisted += 1;
            }
        }
    };
    // A thread reads and checks the rows while this one writes them; on
    // PostgreSQL another sends the written batches to the server
    // (`Tx::pipelined`) while this one goes on.
    let lines_read = tx.pipelined(importer.copies_straight_in(), || {
        let lines_read = read_and_write(rows, &checker, &mut importer, &mut report);
        // The activities still held for a batch (PostgreSQL).
        if let Err(e) = importer.flush() {
            report(e);
        }
        Ok(lines_read)
    })?;
    if let Some(lost) = importer.lost.take() {
        return Err(lost);
    }
    if lines_read == 0 && errors.is_empty() {
        errors.push(in_file(name, msg!("import-header-but-no-rows")));
    }
    if !errors.is_empty() {
        if unlisted > 0 {
            errors.push(in_file(
                name,
                msg!("import-more-problems", count = unlisted),
            ));
        }
        errors.push(nothing_imported(name));
        return Err(Error::bad_input(errors));
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
        &crate::msg!(
            "audit-detail-imported",
            file = name,
            new = s.inserted,
            updated = s.updated,
            unchanged = s.unchanged
        ),
    )?;
    tx.commit()?;
    Ok(s)
}
