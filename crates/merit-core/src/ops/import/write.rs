//! Writing checked rows: each row's problems worded with its line, keys
//! seen twice in the file refused, and rows stored as inserts, updates or
//! unchanged, counted in the import's summary.

use super::check::{Problems, read_activity, read_limits, read_member, read_reward, read_target};
use super::rows::Row;
use super::{ImportKind, ImportSummary};
use crate::domain::input::{at, at_line, of_error};
use crate::domain::{Activity, Member, Reward, Target, format_decimal};
use crate::error::{Error, Result};
use crate::message::Msg;
use crate::ops::Context;
use crate::store::{BULK_ROWS, Batched, BulkIndex, Change, OwnIds, Tx};
use std::collections::{HashMap, HashSet};

/// Validates and writes rows of one kind, remembering keys seen in the file.
pub(super) struct Importer<'t, 'c> {
    tx: &'t Tx<'c>,
    ctx: &'t Context,
    kind: ImportKind,
    name: String,
    /// Keys seen in the file and their lines; for activities, only refs
    /// that were already stored (new ones are in `new_activities`).
    seen: HashMap<String, u64>,
    new_activities: NewActivities,
    pub(super) summary: ImportSummary,
    /// On PostgreSQL, activities checked and not yet written, with their
    /// lines: written `BATCH` at a time (a statement per row is a round
    /// trip each).
    batch: Option<Vec<(u64, Activity)>>,
    /// Whether every batch so far held only new refs (the next is copied
    /// straight in, `Tx::insert_activities`).
    all_new: bool,
    /// On PostgreSQL, while the store held no activities as the import
    /// began and no ref has come twice (`Fresh`).
    fresh: Option<Fresh>,
    /// The connection to the server, lost while the rows were written: the
    /// import's error, said once, not a problem of each line after.
    pub(super) lost: Option<Error>,
}

/// An import into a PostgreSQL store without activities: every ref not
/// seen before in the file is new, so its batches are copied straight in
/// without asking the server, and their ids counted from the first. The
/// refs seen are kept as 64-bit hashes (a million cost 16 MB, not 60):
/// the first ref whose hash was seen, a repeat or, once in billions, a
/// collision, ends this way of writing, and the rest of the file goes the
/// way that asks the server, which finds a repeat and says where.
struct Fresh {
    /// The first row id, drawn from the table's sequence as the import
    /// began: merit numbers the rows it copies itself.
    first: i64,
    /// The id the next batch starts at.
    next: i64,
    /// The refs' hashes (already hashed: the set's own hash is Fx's one
    /// multiplication, not SipHash again).
    refs: rustc_hash::FxHashSet<u64>,
}

/// At most this many refs are kept as `Fresh`; past them the import asks
/// the server, and memory stays bounded whatever the file's length.
const FRESH_REFS: usize = 4_000_000;

impl Fresh {
    /// Whether `reference` is surely new: not seen before, and room left.
    fn take(&mut self, reference: &str) -> bool {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        reference.hash(&mut h);
        self.refs.len() < FRESH_REFS && self.refs.insert(h.finish())
    }
}

/// Activities written to PostgreSQL at a time.
const BATCH: usize = 5_000;

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

type RowResult = std::result::Result<(), Vec<Msg>>;

impl<'t, 'c> Importer<'t, 'c> {
    pub(super) fn new(
        tx: &'t Tx<'c>,
        ctx: &'t Context,
        kind: ImportKind,
        name: &str,
    ) -> Result<Self> {
        let watermark = match kind {
            ImportKind::Activities => tx.db().activities_watermark()?,
            _ => 0,
        };
        Ok(Importer {
            tx,
            ctx,
            kind,
            name: name.to_string(),
            seen: HashMap::new(),
            new_activities: NewActivities {
                watermark,
                lines: Vec::new(),
                date_index_deferred: false,
            },
            summary: ImportSummary::default(),
            batch: (kind == ImportKind::Activities && tx.is_postgres()).then(Vec::new),
            all_new: true,
            fresh: match kind == ImportKind::Activities && tx.is_postgres() && watermark == 0 {
                true => tx.first_own_id(OwnIds::Activities)?.map(|first| Fresh {
                    first,
                    next: first,
                    refs: Default::default(),
                }),
                false => None,
            },
            lost: None,
        })
    }

    /// Ends copying straight in: the table's sequence moved past the ids
    /// merit gave, and those ids checked against the table's.
    fn end_fresh(&self, fresh: &Fresh) -> Result<()> {
        if fresh.next > fresh.first {
            self.tx
                .end_own_ids(OwnIds::Activities, fresh.first, fresh.next)?;
        }
        Ok(())
    }

    /// Writes the activities held for a batch; the problems found as they
    /// were written (a ref seen twice), in line order.
    pub(super) fn flush(&mut self) -> RowResult {
        let Some(batch) = self.batch.as_mut().map(std::mem::take) else {
            return Ok(());
        };
        if batch.is_empty() {
            return Ok(());
        }
        let first_line = batch[0].0;
        let refs: Vec<&Activity> = batch.iter().map(|(_, a)| a).collect();
        if let Some(first) = self.fresh.as_ref().map(|f| f.next) {
            if let Err(e) = self.tx.copy_new_activities(&refs, first) {
                return Err(self.row_failed(first_line, e));
            }
            if let Some(fresh) = &mut self.fresh {
                fresh.next = first + batch.len() as i64;
            }
            for (i, (line, _)) in batch.iter().enumerate() {
                self.new_activities.inserted(first + i as i64, *line);
                self.summary.count(Change::Inserted);
            }
            return Ok(());
        }
        let (ids, all_new) = self
            .tx
            .insert_activities(&refs, self.all_new)
            .map_err(|e| self.row_failed(first_line, e))?;
        self.all_new = all_new;
        let mut errors = Vec::new();
        for ((line, a), id) in batch.into_iter().zip(ids) {
            let settled = match id {
                Batched::New(rowid) => {
                    self.new_activities.inserted(rowid, line);
                    self.summary.count(Change::Inserted);
                    Ok(None)
                }
                Batched::Stored(stored) => self.settle_stored(line, a, stored),
            };
            match settled {
                Ok(None) => {}
                Ok(Some(problem)) => errors.push(problem),
                Err(e) => errors.extend(self.row_failed(line, e)),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// A store error writing line `line`, as that line's problem; a lost
    /// connection is kept as the import's own error instead.
    fn row_failed(&mut self, line: u64, e: Error) -> Vec<Msg> {
        if e.names("store-pg-lost") {
            self.lost.get_or_insert(e);
            return Vec::new();
        }
        vec![at_line(&self.name, line, of_error(&e))]
    }

    /// Whether the import copies its batches straight in without asking
    /// the server (`Fresh`), as it begins.
    pub(super) fn copies_straight_in(&self) -> bool {
        self.fresh.is_some()
    }

    /// Completes what the rows left undone (the date index of a bulk
    /// import).
    pub(super) fn close(&self) -> Result<()> {
        if let Some(fresh) = &self.fresh {
            self.end_fresh(fresh)?;
        }
        if self.new_activities.date_index_deferred {
            self.tx.rebuild(&[BulkIndex::ActivitiesByDate])?;
        }
        if self.new_activities.lines.len() as i64 >= BULK_ROWS {
            self.tx.analyze("activities")?;
        }
        Ok(())
    }

    /// Writes a checked row: keys seen twice in the file are refused, and
    /// the rest is stored (activities held for a batch on PostgreSQL).
    pub(super) fn take(&mut self, checked: Checked) -> RowResult {
        crate::progress::advance(1);
        let Checked {
            line,
            mut errors,
            parsed,
        } = checked;
        match &parsed {
            // Activities are checked as they are written.
            Some((_, Parsed::Activity(_))) | None => {}
            Some((key, _)) => {
                if let Some(&first) = self.seen.get(key) {
                    errors.push(self.twice(line, key, first));
                } else {
                    self.seen.insert(key.clone(), line);
                }
            }
        }
        if !errors.is_empty() {
            // What the held activities find comes first: line order.
            if let Err(mut held) = self.flush() {
                held.extend(errors);
                return Err(held);
            }
            return Err(errors);
        }
        let Some((_, parsed)) = parsed else {
            return Ok(());
        };
        let parsed = match parsed {
            Parsed::Activity(a) if self.batch.is_some() => return self.hold(line, a),
            parsed => parsed,
        };
        match self.write(line, parsed) {
            Ok(None) => Ok(()),
            Ok(Some(problem)) => Err(vec![problem]),
            Err(e) => Err(self.row_failed(line, e)),
        }
    }

    /// Holds an activity for the next batch (PostgreSQL), written once the
    /// batch is full.
    fn hold(&mut self, line: u64, a: Activity) -> RowResult {
        if let Some(fresh) = &mut self.fresh
            && !fresh.take(&a.reference)
        {
            // What is held goes the way that asks, with this row; the
            // ids counted so far are checked first.
            if let Some(fresh) = self.fresh.take() {
                self.end_fresh(&fresh)
                    .map_err(|e| self.row_failed(line, e))?;
            }
        }
        self.count_activity(&a);
        let full = self.batch.as_mut().is_some_and(|b| {
            b.push((line, a));
            b.len() >= BATCH
        });
        if full { self.flush() } else { Ok(()) }
    }

    /// What is said of a key seen twice in the file.
    fn twice(&self, line: u64, key: &str, first: u64) -> Msg {
        let problem = crate::msg!("import-key-twice", key = key, first = first);
        at(&self.name, line, self.key_field(), problem)
    }

    /// Stores one checked row. A problem found only as it is written (an
    /// activity's ref seen twice) comes back as its message.
    fn write(&mut self, line: u64, parsed: Parsed) -> Result<Option<Msg>> {
        match parsed {
            Parsed::Member(m) => self.summary.count(self.tx.upsert_member(&m)?),
            Parsed::Activity(a) => return self.write_activity(line, a),
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
    }

    /// Inserts a new activity, or corrects a stored one (audited); a ref
    /// this import has already written is seen twice.
    fn write_activity(&mut self, line: u64, a: Activity) -> Result<Option<Msg>> {
        self.count_activity(&a);
        if let Some(rowid) = self.tx.insert_activity(&a)? {
            self.new_activities.inserted(rowid, line);
            self.summary.count(Change::Inserted);
            if self.new_activities.should_defer_date_index() {
                self.tx.set_aside(&[BulkIndex::ActivitiesByDate])?;
                self.new_activities.date_index_deferred = true;
            }
            return Ok(None);
        }
        let stored = self.tx.db().activity_with_rowid(&a.reference)?;
        self.settle_stored(line, a, stored)
    }

    /// An activity counted by kind and by whether it lies after today.
    fn count_activity(&mut self, a: &Activity) {
        // The kind's text copied only the first time it is counted.
        match self.summary.by_kind.get_mut(&a.kind) {
            Some(n) => *n += 1,
            None => {
                self.summary.by_kind.insert(a.kind.clone(), 1);
            }
        }
        if a.date > self.ctx.today {
            self.summary.after_today += 1;
        }
    }

    /// An activity whose ref was not new: seen twice in the file, the same
    /// as stored, or a correction of what is stored (audited).
    fn settle_stored(
        &mut self,
        line: u64,
        a: Activity,
        stored: Option<(i64, Activity)>,
    ) -> Result<Option<Msg>> {
        let Some((rowid, old)) = stored else {
            return Ok(None);
        };
        let first = match self.new_activities.line_of(rowid) {
            Some(line) => Some(line),
            None => self.seen.insert(a.reference.clone(), line),
        };
        if let Some(first) = first {
            return Ok(Some(self.twice(line, &a.reference, first)));
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
            &crate::msg!(
                "audit-detail-activity-corrected",
                reference = &a.reference,
                before = describe(&old),
                after = describe(&a)
            ),
        )?;
        self.summary.count(Change::Updated);
        Ok(None)
    }

    fn key_field(&self) -> &'static str {
        key_field(self.kind)
    }
}

fn key_field(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Members | ImportKind::Rewards => "code",
        ImportKind::Activities => "ref",
        ImportKind::Targets => "member, period, metric",
    }
}

/// What checking a row found: its problems, worded with its line, and
/// what it holds with its key in the file (none for an activity: its ref
/// is checked as it is written).
pub(super) struct Checked {
    line: u64,
    errors: Vec<Msg>,
    parsed: Option<(String, Parsed)>,
}

/// Checks rows of one kind against the members the import's transaction
/// read at its start: the part of an import that needs no store, done
/// beside the writing (`import_checked`'s reading thread).
pub(super) struct Checker {
    kind: ImportKind,
    name: String,
    members: HashSet<String>,
}

impl Checker {
    pub(super) fn new(tx: &Tx<'_>, kind: ImportKind, name: &str) -> Result<Self> {
        let members = match kind {
            ImportKind::Members | ImportKind::Rewards => HashSet::new(),
            _ => tx.db().members()?.into_iter().map(|m| m.code).collect(),
        };
        Ok(Checker {
            kind,
            name: name.to_string(),
            members,
        })
    }

    pub(super) fn check(&self, row: &Row) -> Checked {
        let mut p = Problems::default();
        let parsed = match self.kind {
            ImportKind::Members => {
                read_member(row, &mut p).map(|m| (m.code.clone(), Parsed::Member(m)))
            }
            ImportKind::Activities => read_activity(row, &self.members, &mut p)
                .map(|a| (String::new(), Parsed::Activity(a))),
            ImportKind::Targets => read_target(row, &self.members, &mut p).map(|t| {
                (
                    format!("{}, {}, {}", t.member, t.period, t.metric),
                    Parsed::Target(t),
                )
            }),
            ImportKind::Rewards => {
                let r = read_reward(row, &mut p);
                let limits = read_limits(row, &mut p);
                r.map(|r| (r.code.clone(), Parsed::Reward(r, limits)))
            }
        };
        let file = self.name.as_str();
        Checked {
            line: row.line,
            errors: p
                .0
                .into_iter()
                .map(|(f, m)| at(file, row.line, f, m))
                .collect(),
            parsed,
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
