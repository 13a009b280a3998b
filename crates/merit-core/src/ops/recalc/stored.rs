//! The stored awards of a scope, read a day at a time as the computed
//! awards come by, and what no computed award matched.

use crate::domain::{Award, AwardKey, Period};
use crate::error::Result;
use crate::ops::recalc_plan::Book;
use crate::store::Tx;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashSet};

/// The stored awards of a scope, read a day at a time as the computed
/// awards come by (issue 24: a year of stored awards is not held; at ten
/// million activities even a month of them is too much). A key whose
/// award and adjustments are all on one day is read with that day; the
/// few whose are not (moved awards) are held for the whole scope. Which
/// stored computed awards no computed award matched is kept by id, to be
/// gone at the end.
pub(super) struct StoredByDay<'s> {
    scope: Period,
    only: &'s [String],
    /// The keys whose awards span days, and their awards in the scope.
    spread: Book,
    spread_keys: HashSet<AwardKey>,
    /// Of those, the computed awards the rules still give.
    spread_matched: HashSet<i64>,
    /// The day read now, and its stored awards.
    day: Option<NaiveDate>,
    book: Book,
    matched: HashSet<i64>,
    /// Keys whose award was found dated on another day: their
    /// history joined the book then, and is not read again.
    joined: HashSet<AwardKey>,
    /// Stored computed awards of days gone by that no computed award
    /// has matched yet.
    unmatched: BTreeSet<i64>,
}

impl<'s> StoredByDay<'s> {
    pub(super) fn new(tx: &Tx, scope: Period, only: &'s [String]) -> Result<StoredByDay<'s>> {
        let db = tx.db();
        let mut spread = Book::default();
        let mut spread_keys = HashSet::new();
        for key in db.spread_keys(scope.start(), scope.end(), only)? {
            for a in db.awards_of_key(&key)? {
                if scope.contains(a.date) {
                    spread.add(a);
                }
            }
            spread_keys.insert(key);
        }
        Ok(StoredByDay {
            scope,
            only,
            spread,
            spread_keys,
            spread_matched: HashSet::new(),
            day: None,
            book: Book::default(),
            matched: HashSet::new(),
            joined: HashSet::new(),
            unmatched: BTreeSet::new(),
        })
    }

    /// Reads the days up to `date`, leaving those before.
    pub(super) fn reach(&mut self, tx: &Tx, date: NaiveDate) -> Result<()> {
        while self.day.is_none_or(|d| d < date) {
            let next = match self.day {
                Some(d) => match d.succ_opt() {
                    Some(next) => next,
                    None => break,
                },
                None => self.scope.start(),
            };
            self.leave();
            let (book, spread, joined) = (&mut self.book, &self.spread_keys, &self.joined);
            tx.db().each_to_reconcile(next, next, self.only, |a| {
                if !spread.contains(&a.key) && !joined.contains(&a.key) {
                    book.add(a);
                }
            })?;
            self.day = Some(next);
            if next >= self.scope.end() {
                break;
            }
        }
        Ok(())
    }

    /// The day read now is over: what no computed award matched on it
    /// is kept by id.
    pub(super) fn leave(&mut self) {
        let book = std::mem::take(&mut self.book);
        self.unmatched.extend(
            book.awards
                .values()
                .filter(|a| !self.matched.contains(&a.id))
                .map(|a| a.id),
        );
        self.matched.clear();
    }

    /// The book holding a stored computed award with `key`, and the award
    /// (noted as matched).
    pub(super) fn find(&mut self, key: &AwardKey) -> Option<(&mut Book, Award)> {
        if let Some(a) = self.spread.awards.get(key).map(|a| Award::clone(a)) {
            self.spread_matched.insert(a.id);
            return Some((&mut self.spread, a));
        }
        let a = Award::clone(self.book.awards.get(key)?);
        self.matched.insert(a.id);
        Some((&mut self.book, a))
    }

    /// Where a key's history goes when it is read whole.
    pub(super) fn book_for(&mut self, key: &AwardKey) -> &mut Book {
        if self.spread_keys.contains(key) {
            &mut self.spread
        } else {
            &mut self.book
        }
    }

    /// `award`, dated on another day, is what a computed award of this day
    /// matches.
    pub(super) fn joined(&mut self, award: &Award) {
        self.unmatched.remove(&award.id);
        self.matched.insert(award.id);
        self.spread_matched.insert(award.id);
        self.joined.insert(award.key.clone());
    }

    /// The stored computed awards of the scope no computed award matched:
    /// the book of the spread keys and those of them, by id, then the
    /// ids of the others (each reconciled alone).
    pub(super) fn unmatched(mut self, tx: &Tx) -> Result<(Book, Vec<Award>, BTreeSet<i64>)> {
        // The days after the last computed award: all unmatched.
        self.reach(tx, self.scope.end())?;
        self.leave();
        let mut gone: Vec<Award> = self
            .spread
            .awards
            .values()
            .filter(|a| self.scope.contains(a.date) && !self.spread_matched.contains(&a.id))
            .map(|a| Award::clone(a))
            .collect();
        gone.sort_by_key(|a| a.id);
        Ok((self.spread, gone, self.unmatched))
    }
}
