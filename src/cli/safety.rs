//! `merit verify`, `close`, `reopen` and `audit`: the store's integrity,
//! the period lifecycle and the audit log (SPEC §5, §9).

use super::output::{Cell, Format, streamed};
use crate::domain::Period;
use crate::error::Result;
use crate::ops::Context;
use crate::ops::periods::{Closing, close, reopen};
use crate::store::{AuditFilter, Store};
use chrono::NaiveDate;

pub fn verify(store: &Store, checkpoints: &[std::path::PathBuf], quick: bool) -> Result<()> {
    use crate::ops::verify::Depth;
    let depth = if quick { Depth::Quick } else { Depth::Full };
    let v = crate::ops::verify::verify_with(store, checkpoints, depth)?;
    say_t!(
        "cli-verify",
        v_entries = v.entries,
        v_members = v.members,
        v_awards_posted = v.awards_posted,
        v_redemptions_posted = v.redemptions_posted
    );
    for note in &v.notes {
        say_t!("cli-verify-2", note = crate::i18n::word(note));
    }
    Ok(())
}

/// `merit copy --from STORE --to STORE`: the rows copied, and both ends
/// verified.
pub fn copy(from: &std::path::Path, to: &std::path::Path, ctx: &Context) -> Result<()> {
    let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let c = crate::ops::copy::copy(from, to, &at, &ctx.actor, |_, _| ())?;
    let n = |t: &str| c.counts.of(t);
    say_t!(
        "cli-copied",
        from = merit_core::store::shown(from),
        to = merit_core::store::shown(to),
        members = n("members"),
        activities = n("activities"),
        awards = n("awards"),
        entries = n("ledger"),
        audit = n("audit") + 1
    );
    say_t!("cli-copied-verified", entries = c.to.entries);
    Ok(())
}

/// `merit seal --accept --reason TEXT`: what differed, where the earlier
/// checkpoint went, and the new checkpoint line.
pub fn accept(
    store: &mut Store,
    ctx: &Context,
    reason: &str,
    out: Option<&std::path::Path>,
) -> Result<()> {
    // The audit log is kept in English.
    let in_english = |m: &crate::message::Msg| crate::i18n::word_in(crate::i18n::Lang::En, m);
    let a = crate::ops::verify::accept(store, ctx, reason, out, &in_english)?;
    if a.differences.is_empty() {
        say_t!("cli-accept");
    }
    for d in &a.differences {
        say_t!("cli-accept-2", d = crate::i18n::word(d));
    }
    if let Some(p) = &a.kept {
        say_t!("cli-accept-3", p = p.display());
    }
    // A line for machines (and for pasting): never translated.
    println!("{}", crate::text::visible(&a.checkpoint.line()));
    Ok(())
}

pub fn close_period(store: &mut Store, ctx: &Context, period: Period) -> Result<()> {
    match close(store, ctx, period)? {
        Closing::Closed => say_t!("cli-close-period", period = period),
        Closing::Already(c) => say_t!(
            "cli-close-period-2",
            how = crate::i18n::refusals::closed_period(crate::i18n::current(), &c)
        ),
    }
    Ok(())
}

pub fn reopen_period(store: &mut Store, ctx: &Context, period: Period, reason: &str) -> Result<()> {
    reopen(store, ctx, period, reason)?;
    match store.db().closed_periods()?.closes_all_of(period) {
        Some(c) => say_t!(
            "cli-reopen-period",
            period = period,
            c_describe = crate::i18n::refusals::closed_period(crate::i18n::current(), c)
        ),
        None => say_t!("cli-reopen-period-2", period = period),
    }
    Ok(())
}

pub fn audit(
    store: &Store,
    since: Option<NaiveDate>,
    actor: Option<String>,
    format: Format,
) -> Result<()> {
    const HEADERS: [&str; 6] = ["id", "at", "actor", "action", "subject", "detail"];
    let filter = AuditFilter {
        since,
        actor,
        subject: None,
    };
    // The table for people says the stored actions and subjects in the
    // language in use; CSV and JSON print them as stored. Either is
    // written as it is read (a bulk approval writes an entry an award).
    let table = format == Format::Table;
    streamed(format, &HEADERS, |row| {
        store.db().each_audit_entry(&filter, |e| {
            row(if table {
                vec![
                    Cell::num(e.id),
                    Cell::text(e.at.clone()),
                    Cell::text(e.actor.clone()),
                    Cell::text(crate::i18n::audit::action(&e.action).to_string()),
                    Cell::text(match &e.subject {
                        Some(s) => crate::i18n::audit::subject(s),
                        None => String::new(),
                    }),
                    Cell::text(crate::i18n::audit::detail(&e)),
                ]
            } else {
                vec![
                    Cell::num(e.id),
                    Cell::text(e.at),
                    Cell::text(e.actor),
                    Cell::text(e.action),
                    Cell::text(e.subject.unwrap_or_default()),
                    Cell::text(e.detail),
                ]
            })
        })
    })
}
