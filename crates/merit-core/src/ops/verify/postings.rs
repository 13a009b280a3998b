//! `verify`'s check of postings against awards and decisions, made in the
//! one streamed pass over the ledger: every approved award posted once as
//! it stands, every posting of an approved award, every decided award's
//! decision the one the audit log records last, and each member's
//! redemption entries equal to their approved redemptions.

use crate::domain::Points;
use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::store::{ChainView, Db, PostedAward};
use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

/// The most problems of one kind listed.
const MAX_OF_A_KIND: usize = 20;

/// A decision per award, as a keyed fingerprint of (status, actor, at,
/// reason): 8 bytes an award. The key is drawn afresh by each run, so no
/// stored value can be made to match another; the audit log's side and
/// the awards' side share it (`paired`).
pub struct Decisions {
    key: RandomState,
    of: Vec<u64>,
}

/// What an award stands at without a decider or a time: matches nothing.
const UNDECIDED: u64 = 2;

impl Decisions {
    /// Room for the awards up to `max_award`; decisions on awards past it
    /// name none there is, and are not kept.
    pub fn new(max_award: i64) -> Decisions {
        let n = usize::try_from(max_award).unwrap_or_default();
        Decisions {
            key: RandomState::new(),
            of: vec![0; n + 1],
        }
    }

    /// An empty set with the same key and room.
    pub fn paired(&self) -> Decisions {
        Decisions {
            key: self.key.clone(),
            of: vec![0; self.of.len()],
        }
    }

    fn fingerprint(
        &self,
        status: &str,
        by: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) -> u64 {
        let (Some(by), Some(at)) = (by, at) else {
            return UNDECIDED;
        };
        self.key.hash_one((status, by, at, reason)) | 1
    }

    fn slot(&mut self, award: i64) -> Option<&mut u64> {
        usize::try_from(award).ok().and_then(|i| self.of.get_mut(i))
    }

    /// An audit entry deciding `award`: its detail ends with the reason.
    pub fn audited(&mut self, award: i64, action: &str, actor: &str, at: &str, detail: &str) {
        let reason = detail
            .find(", reason: ")
            .map(|i| &detail[i + ", reason: ".len()..]);
        let fp = self.fingerprint(action, Some(actor), Some(at), reason);
        if let Some(slot) = self.slot(award) {
            *slot = fp;
        }
    }

    /// An award's decision as the award stands.
    pub fn stands(
        &mut self,
        award: i64,
        status: &str,
        by: Option<&str>,
        at: Option<&str>,
        reason: Option<&str>,
    ) {
        let fp = self.fingerprint(status, by, at, reason);
        if let Some(slot) = self.slot(award) {
            *slot = fp;
        }
    }

    /// What is wrong with each award whose decision here is not the one
    /// `audited` holds: described from the store only for the few that
    /// disagree.
    fn described(&self, audited: &Decisions, db: Db) -> Result<Vec<Msg>> {
        let mut decided = Vec::new();
        for id in self.disagreeing(audited) {
            let (_, status, by, at, _) = db.decision_of(id)?.unwrap_or_default();
            let (by, at) = (by.unwrap_or_default(), at.unwrap_or_default());
            decided.push(match db.last_decision(id)? {
                Some((said_status, said_by, said_at, _)) => msg!(
                    "verify-decision-differs",
                    award = id,
                    status = status,
                    by = by,
                    at = at,
                    said_status = said_status,
                    said_by = said_by,
                    said_at = said_at
                ),
                None => msg!(
                    "verify-decision-unrecorded",
                    award = id,
                    status = status,
                    by = by,
                    at = at
                ),
            });
        }
        Ok(decided)
    }

    /// Up to `MAX_OF_A_KIND` awards, in id order, whose decision here is
    /// not the one `audited` holds.
    fn disagreeing(&self, audited: &Decisions) -> Vec<i64> {
        let mut ids = Vec::new();
        for (i, (mine, theirs)) in self.of.iter().zip(&audited.of).enumerate() {
            if *mine != 0 && mine != theirs {
                ids.push(i as i64);
                if ids.len() == MAX_OF_A_KIND {
                    break;
                }
            }
        }
        ids
    }
}

/// What the pass learns, and what is wrong, by kind.
pub struct Postings {
    /// Awards seen posted, one bit each.
    posted: Vec<u64>,
    /// Distinct approved awards posted as they stand.
    as_they_stand: usize,
    /// Each member's redemption entries, in hundredths (as spent: > 0).
    redeemed: HashMap<String, i64>,
    wrong_postings: Vec<Msg>,
    /// Awards found posted again.
    doubles: Vec<i64>,
    /// The decisions of the awards posted, as they stand.
    decided: Decisions,
}

/// What the ledger's postings come to against the awards and redemptions.
pub struct Checked {
    pub awards: usize,
    pub redemptions: usize,
    /// Posting problems, then decision problems.
    pub postings: Vec<Msg>,
    pub decisions: Vec<Msg>,
}

impl Postings {
    /// `decided` is empty, keyed as the audit log's side.
    pub fn new(max_award: i64, decided: Decisions) -> Postings {
        let n = usize::try_from(max_award).unwrap_or_default();
        Postings {
            posted: vec![0; n / 64 + 1],
            as_they_stand: 0,
            redeemed: HashMap::new(),
            wrong_postings: Vec::new(),
            doubles: Vec::new(),
            decided,
        }
    }

    /// One ledger entry and the award it posts, as it stands.
    pub fn step(&mut self, row: &ChainView, award: Option<&PostedAward>) {
        if row.kind == "redemption" {
            match self.redeemed.get_mut(row.member) {
                Some(sum) => *sum -= row.points,
                None => {
                    self.redeemed.insert(row.member.to_string(), -row.points);
                }
            }
        }
        let Some(id) = row.award_id else {
            return;
        };
        let approved_as_posted = award.is_some_and(|a| {
            a.status == "approved" && a.points == row.points && a.member == row.member
        });
        if !approved_as_posted {
            if self.wrong_postings.len() < MAX_OF_A_KIND {
                let what = msg!("verify-posts-unapproved", award = id);
                self.wrong_postings
                    .push(msg!("verify-ledger-entry", id = row.id, what = what));
            }
            return;
        }
        let Some(a) = award else { return };
        // Known to be there: the join found it, so it is at most the highest id.
        let Some((word, bit)) = usize::try_from(id)
            .ok()
            .map(|i| (i / 64, 1u64 << (i % 64)))
            .filter(|(w, _)| *w < self.posted.len())
        else {
            return;
        };
        if self.posted[word] & bit != 0 {
            if self.doubles.len() < MAX_OF_A_KIND && !self.doubles.contains(&id) {
                self.doubles.push(id);
            }
            return;
        }
        self.posted[word] |= bit;
        if a.date == row.date {
            self.as_they_stand += 1;
        }
        self.decided
            .stands(id, a.status, a.decided_by, a.decided_at, a.reason);
    }

    /// The counts compared once the pass is over: every approved award
    /// posted as it stands, each member's redemptions posted.
    /// `audited` is the audit log's side: the rejected awards are held to
    /// it here, the posted ones as they were seen.
    pub fn finish(mut self, db: Db, audited: &Decisions) -> Result<Checked> {
        db.each_rejected(|(id, status, by, at, reason)| {
            self.decided
                .stands(id, &status, by.as_deref(), at.as_deref(), reason.as_deref());
        })?;
        let (awards, redemptions) = db.approved_counts()?;
        let mut postings = Vec::new();
        if self.as_they_stand != awards {
            for award in db.unposted_awards()? {
                postings.push(msg!("verify-award-unposted", award = award));
            }
        }
        postings.append(&mut self.wrong_postings);
        self.doubles.sort_unstable();
        for award in &self.doubles {
            let n = db.postings_of(*award)?;
            postings.push(msg!("verify-award-posted-again", award = award, n = n));
        }
        let held = db.redemptions_held()?;
        let mut members: Vec<&String> = held.keys().chain(self.redeemed.keys()).collect();
        members.sort();
        members.dedup();
        let mut listed = 0;
        for m in members {
            let (h, p) = (
                held.get(m).copied().unwrap_or(0),
                self.redeemed.get(m).copied().unwrap_or(0),
            );
            if h != p && listed < MAX_OF_A_KIND {
                listed += 1;
                postings.push(msg!(
                    "verify-redemptions-differ",
                    member = m,
                    held = Points::from_cents(h),
                    posted = Points::from_cents(p)
                ));
            }
        }
        let decisions = self.decided.described(audited, db)?;
        Ok(Checked {
            awards,
            redemptions,
            postings,
            decisions,
        })
    }
}
