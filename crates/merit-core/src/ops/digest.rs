//! A period's digest for the team's group chat (issue 41, `merit notify`):
//! whether the period has ended, the first places with points and
//! movement, the titles won, the biggest climbers and the team ranking,
//! as data. It is read from the same rankings the screen and the
//! published site show (`ops::standings`), so its numbers are
//! `merit standings`'s; the words are the front's. Recording that a
//! digest was posted (the audit log) is here too.

use super::Context;
use super::standings::{Movement, RankingRow, member_rankings, team_rankings};
use crate::domain::{Period, Points};
use crate::error::Result;
use crate::store::{Db, Store};
use chrono::NaiveDate;

/// How many climbers a digest names at most.
pub const CLIMBERS: usize = 3;

/// One member or team as a digest shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestRow {
    pub rank: usize,
    /// Member code, or the team for a team row.
    pub code: String,
    /// Member name (empty for a team row).
    pub name: String,
    pub points: Points,
    /// Against the previous period of the same kind.
    pub movement: Movement,
    /// Titles won in the period, in the order earned (members only).
    pub titles: Vec<String>,
}

impl DigestRow {
    fn of(r: &RankingRow) -> DigestRow {
        DigestRow {
            rank: r.rank,
            code: r.who.clone(),
            name: r.name.clone(),
            points: r.points,
            movement: r.movement,
            titles: r.titles.clone(),
        }
    }
}

/// What a digest says about a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub period: Period,
    /// The day the digest is made.
    pub today: NaiveDate,
    /// Whether the period's last day is before today (else it is still
    /// running, and the digest is as of today).
    pub ended: bool,
    /// Whether pending points are counted with the approved ones.
    pub include_pending: bool,
    /// How many active members the standings have.
    pub members: usize,
    /// The first `top` rows of the member standings, in order.
    pub top: Vec<DigestRow>,
    /// Every member who won a title in the period, in standings order.
    pub titled: Vec<DigestRow>,
    /// The members who gained the most places (at most [`CLIMBERS`]):
    /// places gained first, then rank.
    pub climbers: Vec<DigestRow>,
    /// Every team, ranked.
    pub teams: Vec<DigestRow>,
    /// Pending awards dated in the period and their points (left out
    /// unless `include_pending`).
    pub pending: (usize, Points),
}

/// The digest of `period` as of `today`, with the first `top` members.
pub fn digest(
    db: Db,
    period: Period,
    today: NaiveDate,
    include_pending: bool,
    top: usize,
) -> Result<Digest> {
    let members = member_rankings(db, period, include_pending)?;
    let teams = team_rankings(db, period, include_pending)?;
    let mut climbers: Vec<(i64, &RankingRow)> = members
        .iter()
        .filter_map(|r| match r.movement {
            Movement::Places(n) if n > 0 => Some((n, r)),
            _ => None,
        })
        .collect();
    climbers.sort_by(|(a, ra), (b, rb)| b.cmp(a).then(ra.rank.cmp(&rb.rank)));
    Ok(Digest {
        period,
        today,
        ended: period.end() < today,
        include_pending,
        members: members.len(),
        top: members.iter().take(top).map(DigestRow::of).collect(),
        titled: members
            .iter()
            .filter(|r| !r.titles.is_empty())
            .map(DigestRow::of)
            .collect(),
        climbers: climbers
            .into_iter()
            .take(CLIMBERS)
            .map(|(_, r)| DigestRow::of(r))
            .collect(),
        teams: teams.iter().map(DigestRow::of).collect(),
        pending: db.pending_summary(period.start(), period.end())?,
    })
}

/// The audit log's action for a digest posted to a robot.
pub const AUDIT_ACTION: &str = "digest posted";

/// Records in the audit log that the digest of `period` was posted to
/// the robot `robot` (its name and platform only: never its address or
/// secret), in one write.
pub fn record_posted(
    store: &mut Store,
    ctx: &Context,
    period: Period,
    robot: &str,
    platform: &str,
    include_pending: bool,
) -> Result<()> {
    let tx = store.write()?;
    let subject = format!("period {period}");
    let pending = if include_pending {
        ", pending points included"
    } else {
        ""
    };
    tx.audit_about(
        &ctx.now(),
        &ctx.actor,
        AUDIT_ACTION,
        Some(&subject),
        &format!("digest of {period} posted to robot '{robot}' ({platform}){pending}"),
        &crate::msg!(
            "audit-detail-digest",
            period = period,
            robot = robot,
            platform = platform,
            pending = if include_pending {
                crate::msg!("audit-detail-pending-included")
            } else {
                crate::ops::said::nothing()
            }
        ),
    )?;
    tx.commit()
}
