//! A rep's statement (`merit statement`, the pages `merit publish` writes):
//! every award of theirs in a period with the explanation a rep can
//! follow, approved points by category, pending and provisional points,
//! adjustments, deductions, redemptions and expiries, and where they stand
//! today: balance, spendable points, points expiring soon, the next reward.
//! The numbers are the ones `standings` and `balance` give.

use crate::domain::{Award, AwardKind, Period, Points, Status};
use crate::error::{Error, Result};
use crate::store::{AwardFilter, Db, Dispute, LedgerEntry};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of a statement: an award, or a posting that is not one.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatementLine {
    pub date: String,
    /// `award`, `adjustment`, `manual`, `redemption`, `expiry`.
    pub kind: String,
    pub rule: String,
    pub subject: String,
    pub category: String,
    pub points: String,
    /// `approved`, `pending`, `provisional`, `disputed`, `rejected`.
    pub status: String,
    /// How the points were computed, or why they were given (English:
    /// what scripts read).
    pub explanation: String,
    /// The same as data, for the fronts to word in the reader's language.
    #[serde(skip)]
    pub why: LineWhy,
}

/// A statement line's explanation as data: the award's own explanation,
/// and what the line adds to it (a rejection, a dispute).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineWhy {
    /// The award's explanation as data; `None`: `text` is all there is
    /// (an award from before explanations were data, a manual award's
    /// reason, a posting's note).
    pub explain: Option<crate::domain::Explanation>,
    /// The line's own text before what it adds, as stored.
    pub text: String,
    /// Why it was rejected.
    pub rejected: Option<String>,
    /// Its dispute: who raised it and why, and the resolution
    /// (`accepted` or `rejected`) and its reason once resolved.
    pub dispute: Option<LineDispute>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineDispute {
    pub by: String,
    pub reason: String,
    pub resolution: Option<(String, String)>,
}

/// Where the member stands on an attainment rule's tiers in the period:
/// the target, what is done so far, attainment (whole percent, rounded
/// down), the next tier's threshold (whole percent) and points, and what
/// is still needed; the last three empty above the top tier.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Progress {
    pub rule: String,
    pub metric: String,
    /// The rule's period the figures are of.
    pub period: String,
    pub target: String,
    pub done: String,
    pub attainment: String,
    pub next_at: Option<String>,
    pub next_points: Option<String>,
    pub needed: Option<String>,
}

/// A category's approved points.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CategoryTotal {
    pub category: String,
    pub points: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Statement {
    pub member: String,
    pub name: String,
    pub team: String,
    pub period: String,
    pub today: String,
    /// Approved points in the period: what `standings` gives.
    pub approved: String,
    pub pending: String,
    pub provisional: String,
    pub by_category: Vec<CategoryTotal>,
    /// Titles from rank rules' places in the period (approved).
    pub titles: Vec<String>,
    pub lines: Vec<StatementLine>,
    /// Today, as `balance` gives it.
    pub balance: String,
    pub available: String,
    pub expiring_30d: String,
    pub next_reward: Option<String>,
    pub missing: Option<String>,
    /// Progress to the next tier of each attainment rule in force.
    pub progress: Vec<Progress>,
}

/// The member's progress on each attainment rule in force in `period`:
/// the rule's own period (the statement's, or the one of its kind holding
/// today, or the statement period's last day), where the member has a
/// target for the rule's metric.
pub fn progress(db: Db, member: &str, period: Period, today: NaiveDate) -> Result<Vec<Progress>> {
    use crate::rules::RuleBody;
    let day = today.clamp(period.start(), period.end());
    let rules = db.rules()?;
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for v in &rules.rules {
        let RuleBody::Attainment(a) = &v.body else {
            continue;
        };
        let of = if a.per == period.kind() {
            period
        } else {
            Period::containing(a.per, day)
        };
        // The version in force on the period's last day sets the tiers.
        if !v.in_force(of.end()) {
            continue;
        }
        if !seen.insert(v.id.clone()) {
            continue;
        }
        let target = db
            .targets_of_period(of)?
            .into_iter()
            .find(|t| t.member == member && t.metric == a.event);
        let Some(target) = target else {
            continue;
        };
        let done = db
            .amount_by_member(&a.event, of.start(), of.end())?
            .remove(member)
            .unwrap_or_default();
        let Some(p) = crate::scoring::progress::tier_progress(a, target.target, done) else {
            continue;
        };
        let text = |d: rust_decimal::Decimal| crate::domain::format_decimal(d);
        out.push(Progress {
            rule: v.id.clone(),
            metric: a.event.clone(),
            period: of.to_string(),
            target: text(target.target),
            done: text(done),
            attainment: text(p.attainment),
            next_at: p.next.map(|(at, _)| text(at)),
            next_points: p.next.map(|(_, points)| text(points)),
            needed: p.needed.map(text),
        });
    }
    Ok(out)
}

/// The statement of `member` for `period`, as of `today`.
pub fn statement(db: Db, member: &str, period: Period, today: NaiveDate) -> Result<Statement> {
    let Some(m) = db.member(member)? else {
        let problem = super::members::unknown_member(db, member)?;
        return Err(Error::usage(crate::domain::input::field("MEMBER", problem)));
    };
    let awards = db.awards(&AwardFilter {
        from: Some(period.start()),
        to: Some(period.end()),
        member: Some(member.to_string()),
        ..AwardFilter::default()
    })?;
    let mut totals = Totals::default();
    let mut lines = Vec::new();
    let disputed = db.open_disputes()?;
    for a in &awards {
        let dispute = db.dispute(a.id)?;
        let status = totals.add(a, disputed.contains(&a.id), today);
        lines.push(award_line(a, status, dispute.as_ref()));
    }
    for e in db.ledger_entries(period.start(), period.end(), Some(member))? {
        if e.kind.is_spending() {
            lines.push(spending_line(&e));
        }
    }
    lines.sort_by(|a, b| a.date.cmp(&b.date));
    let bal = super::catalog::balances(db, today, Some(member))?
        .into_iter()
        .next();
    let (balance, available, expiring, next) = match bal {
        Some(b) => (b.balance, b.available, b.expiring_30d, b.next_reward),
        None => (Points::ZERO, Points::ZERO, Points::ZERO, None),
    };
    Ok(Statement {
        member: m.code,
        name: m.name,
        team: m.team,
        period: period.to_string(),
        today: today.to_string(),
        approved: totals.approved.to_string(),
        pending: totals.pending.to_string(),
        provisional: totals.provisional.to_string(),
        by_category: totals
            .by_category
            .into_iter()
            .map(|(category, p)| CategoryTotal {
                category,
                points: p.to_string(),
            })
            .collect(),
        titles: super::standings::titles(db, period, false)?
            .remove(member)
            .unwrap_or_default(),
        lines,
        balance: balance.to_string(),
        available: available.to_string(),
        expiring_30d: expiring.to_string(),
        next_reward: next
            .as_ref()
            .map(|(r, _)| format!("{} ({})", r.name, r.code)),
        missing: next.map(|(_, m)| m.to_string()),
        progress: progress(db, member, period, today)?,
    })
}

/// A statement's points by status, and approved points by category.
#[derive(Default)]
struct Totals {
    approved: Points,
    pending: Points,
    provisional: Points,
    by_category: BTreeMap<String, Points>,
}

impl Totals {
    /// Counts `a` in and returns the status its line shows: an open
    /// dispute first, then provisional, then the award's own status.
    fn add(&mut self, a: &Award, disputed: bool, today: NaiveDate) -> &'static str {
        if disputed {
            self.pending += a.points;
            "disputed"
        } else if a.is_provisional(today) {
            self.provisional += a.points;
            "provisional"
        } else {
            match a.status {
                Status::Approved => {
                    self.approved += a.points;
                    *self.by_category.entry(a.category.clone()).or_default() += a.points;
                }
                Status::Pending => self.pending += a.points,
                Status::Rejected => {}
            }
            a.status.as_str()
        }
    }
}

/// The line of award `a`: its explanation, a rejection's reason and a
/// dispute's, in words and as data.
fn award_line(a: &Award, status: &str, dispute: Option<&Dispute>) -> StatementLine {
    let mut why = LineWhy {
        explain: match a.kind {
            AwardKind::Manual => None,
            _ => a.explained(),
        },
        text: match a.kind {
            AwardKind::Manual => a.reason.clone(),
            _ => a.english().into_owned(),
        },
        ..LineWhy::default()
    };
    let mut explanation = why.text.clone();
    if let Some(r) = &a.decision_reason
        && a.status == Status::Rejected
    {
        // A rejected manual award shows its explanation, as before.
        why.text = a.english().into_owned();
        why.explain = a.explained();
        explanation = format!("{} (rejected: {r})", why.text);
        why.rejected = Some(r.clone());
    }
    if let Some(d) = dispute {
        let resolution = d.resolution.as_ref().map(|r| {
            (
                r.to_string(),
                d.resolution_reason.clone().unwrap_or_default(),
            )
        });
        explanation = format!(
            "{explanation} [disputed by {}: {}{}]",
            d.raised_by,
            d.reason,
            resolution
                .as_ref()
                .map(|(r, why)| format!("; {r}: {why}"))
                .unwrap_or_default()
        );
        why.dispute = Some(LineDispute {
            by: d.raised_by.clone(),
            reason: d.reason.clone(),
            resolution,
        });
    }
    StatementLine {
        date: a.date.to_string(),
        kind: a.kind.as_str().to_string(),
        rule: a.key.rule_id.clone(),
        subject: a.key.subject.clone(),
        category: a.category.clone(),
        points: a.points.to_string(),
        status: status.to_string(),
        explanation,
        why,
    }
}

/// The line of a posting that spends points (a redemption, an expiry).
fn spending_line(e: &LedgerEntry) -> StatementLine {
    StatementLine {
        date: e.date.to_string(),
        kind: e.kind.as_str().to_string(),
        rule: String::new(),
        subject: String::new(),
        category: String::new(),
        points: e.points.to_string(),
        status: "approved".into(),
        explanation: e.note.clone(),
        why: LineWhy {
            text: e.note.clone(),
            ..LineWhy::default()
        },
    }
}
