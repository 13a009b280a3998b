//! Rules import (validated as a whole, replacing every rule) and export;
//! changing one rule from a date on as new versions, then recalculating.

use super::Context;
use super::recalc::{RecalcSummary, recalc_from};
use crate::domain::Period;
use crate::domain::input::in_file;
use crate::error::{Error, Result};
use crate::msg;
use crate::rules::{
    Change, Revision, RuleError, RuleSet, RuleVersion, export_rules, parse_rules, revise,
};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::Mutex;

/// Reads and validates a rules file; errors name `file:line: rule 'id': key`.
pub fn read_rules_file(path: &Path) -> Result<RuleSet> {
    let name = path.display().to_string();
    let bytes = super::bounded::read_file(path, super::bounded::MAX_RULES_FILE)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::bad_input([in_file(&name, msg!("value-not-utf8"))]))?;
    parse_rules(&text).map_err(|errors| {
        let mut lines: Vec<_> = errors.iter().map(|e| e.in_file(&name)).collect();
        lines.push(in_file(&name, msg!("rules-none-changed")));
        Error::bad_input(lines)
    })
}

/// Replaces the store's rules with those of `path`. A file without any
/// `[[rules]]` would retire every rule: refused unless `allow_empty`.
pub fn import_rules(
    store: &mut Store,
    ctx: &Context,
    path: &Path,
    allow_empty: bool,
) -> Result<usize> {
    let set = read_rules_file(path)?;
    if set.rules.is_empty() && !allow_empty {
        let name = path.display().to_string();
        return Err(Error::bad_input([in_file(&name, msg!("rules-file-empty"))]));
    }
    let tx = store.write()?;
    tx.replace_rules(&set, &ctx.now(), &ctx.actor)?;
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        "rules import",
        &format!("{}: {} rule versions", path.display(), set.rules.len()),
        &msg!(
            "audit-detail-rules-imported",
            path = path.display(),
            versions = set.rules.len()
        ),
    )?;
    tx.commit()?;
    Ok(set.rules.len())
}

/// The store's rules as TOML.
pub fn export(store: &Store) -> Result<String> {
    Ok(export_rules(&store.db().rules()?))
}

/// The rule set after changing rule `id` from `from` on, checked as a whole
/// by the same validation as `rules import`.
pub fn revised(
    set: &RuleSet,
    id: &str,
    from: NaiveDate,
    change: Change,
) -> std::result::Result<(Revision, RuleSet), Vec<RuleError>> {
    let revision = revise(set, id, from, change);
    // The store's other rules as an earlier merit may have taken them; the
    // change itself was checked as the editor or the file gave it.
    let after = crate::rules::parse_stored_rules(&export_rules(&revision.apply(set)))?;
    Ok((revision, after))
}

/// The date a change to version `v` is offered from, looking at `period`:
/// its first day, moved into the version's own window (a version that ended
/// before the period is changed from the start of the period of the same
/// kind it ended in; one starting later, from its start).
pub fn change_date(v: &RuleVersion, period: Period) -> NaiveDate {
    let mut from = period.start();
    if let Some(to) = v.valid_to
        && to < from
    {
        from = Period::containing(period.kind(), to).start();
    }
    if let Some(f) = v.valid_from
        && f > from
    {
        from = f;
    }
    from
}

/// What saving a rule change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// Versions marked replaced (kept as history).
    pub replaced: usize,
    /// Versions written.
    pub written: usize,
    pub recalc: RecalcSummary,
}

/// Saves a change to rule `id` from `from` on as new versions, then
/// recalculates every year from `from` on: all in one transaction.
pub fn save_change(
    store: &mut Store,
    ctx: &Context,
    id: &str,
    from: NaiveDate,
    change: Change,
) -> Result<Saved> {
    save_change_unless(store, ctx, id, from, change, &Mutex::new(false))
}

/// What saving a change would do: the recalc's counts and how many
/// members' points (approved and pending, from the change's date on)
/// change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavePlan {
    pub recalc: RecalcSummary,
    pub members: usize,
}

/// What saving a change to rule `id` from `from` on would do: the save
/// itself, made in a transaction dropped at the end (nothing is written),
/// so its counts are the save's. `None` when another process is writing
/// (the plan never waits for it).
pub fn plan_change(
    store: &mut Store,
    ctx: &Context,
    id: &str,
    from: NaiveDate,
    change: Change,
) -> Result<Option<SavePlan>> {
    let Some(tx) = store.write_if_free()? else {
        return Ok(None);
    };
    let now = ctx.now();
    let revision = replace_revised(&tx, ctx, &now, id, from, change)?;
    let last = NaiveDate::from_ymd_opt(crate::domain::limits::LAST_YEAR, 12, 31).unwrap_or(from);
    let totals = |tx: &crate::store::Tx| tx.db().points_by_member(from, last, true);
    let before = totals(&tx)?;
    tx.add_rule_versions(&revision.added, &now, &ctx.actor)?;
    let recalc = recalc_from(&tx, ctx, from)?;
    let after = totals(&tx)?;
    let members = before
        .keys()
        .chain(after.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|m| {
            before.get(*m).copied().unwrap_or_default()
                != after.get(*m).copied().unwrap_or_default()
        })
        .count();
    drop(tx);
    Ok(Some(SavePlan { recalc, members }))
}

/// `save_change`, unless `cancelled` is true when it is about to commit:
/// then nothing is written. Whoever sets it while holding its lock knows
/// the save either committed before or never will.
pub fn save_change_unless(
    store: &mut Store,
    ctx: &Context,
    id: &str,
    from: NaiveDate,
    change: Change,
    cancelled: &Mutex<bool>,
) -> Result<Saved> {
    let tx = store.write()?;
    let ending = change == Change::End;
    let now = ctx.now();
    let revision = replace_revised(&tx, ctx, &now, id, from, change)?;
    tx.add_rule_versions(&revision.added, &now, &ctx.actor)?;
    let what = if ending { "ended" } else { "changed" };
    tx.audit(
        &now,
        &ctx.actor,
        "rule change",
        &format!(
            "rule '{id}' {what} from {from}: {} versions replaced, {} written",
            revision.replaced.len(),
            revision.added.len()
        ),
        &if ending {
            msg!(
                "audit-detail-rule-ended",
                rule = id,
                from = from,
                replaced = revision.replaced.len(),
                added = revision.added.len()
            )
        } else {
            msg!(
                "audit-detail-rule-changed",
                rule = id,
                from = from,
                replaced = revision.replaced.len(),
                added = revision.added.len()
            )
        },
    )?;
    let recalc = recalc_from(&tx, ctx, from)?;
    let cancelled = cancelled.lock().unwrap_or_else(|e| e.into_inner());
    if *cancelled {
        return Err(Error::failed(msg!("rules-change-cancelled", rule = id)));
    }
    tx.commit()?;
    drop(cancelled);
    Ok(Saved {
        replaced: revision.replaced.len(),
        written: revision.added.len(),
        recalc,
    })
}

/// Revises rule `id` from `from` by `change` and marks the versions it
/// replaces as replaced, in `tx`; the revision's new versions are the
/// caller's to add. A rule not in force from that day is a usage error.
fn replace_revised(
    tx: &crate::store::Tx,
    ctx: &Context,
    now: &str,
    id: &str,
    from: NaiveDate,
    change: Change,
) -> Result<crate::rules::Revision> {
    let set = tx.db().rules()?;
    let seqs = tx.db().rule_seqs()?;
    let (revision, _) = revised(&set, id, from, change)
        .map_err(|errors| Error::bad_input(errors.iter().map(|e| e.to_msg())))?;
    if revision.is_empty() {
        return Err(Error::usage(msg!(
            "rules-not-in-force",
            rule = id,
            from = from
        )));
    }
    let replaced: Vec<i64> = revision.replaced.iter().map(|&i| seqs[i]).collect();
    tx.replace_rule_versions(&replaced, now, &ctx.actor)?;
    Ok(revision)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(from: Option<&str>, to: Option<&str>) -> RuleVersion {
        let mut v = crate::rules::parse_version(
            "id = \"visit\"\nkind = \"per_event\"\nevent = \"visit\"\npoints = 2\n",
        )
        .unwrap();
        v.valid_from = from.map(|d| d.parse().unwrap());
        v.valid_to = to.map(|d| d.parse().unwrap());
        v
    }

    #[test]
    fn a_change_is_offered_from_a_day_inside_the_version() {
        let q4 = Period::parse("2026-Q4").unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(change_date(&version(None, None), q4), d("2026-10-01"));
        assert_eq!(
            change_date(&version(Some("2026-11-15"), None), q4),
            d("2026-11-15")
        );
        // Ended in June: changed from the start of its own quarter.
        assert_eq!(
            change_date(&version(None, Some("2026-06-30")), q4),
            d("2026-04-01")
        );
        assert_eq!(
            change_date(&version(Some("2026-05-10"), Some("2026-06-30")), q4),
            d("2026-05-10")
        );
    }
}
