//! The note a ledger posting carries, as the ledger stores it (its text is
//! part of the entry's hash, so it never changes): for a redemption
//! `redemption 12: GIFT ×2`, for an expiry `expired lots ending
//! 2026-12-31`, for an award `<rule> <subject>` or a manual award's reason
//! — which is merit's own for the award correcting an accepted dispute
//! (`dispute of award 12 accepted: wrong amount`), kept as the award's
//! reason too.
//! The core writes it from a [`LedgerNote`] and reads it back into one, so
//! the fronts word it in the reader's language.

use chrono::NaiveDate;

/// What a posting's note says, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerNote {
    Redemption {
        id: i64,
        reward: String,
        qty: i64,
    },
    Expiry {
        ending: NaiveDate,
    },
    /// The reason of the manual award correcting an accepted dispute: the
    /// award disputed and the lead's reason, if one was given.
    Correction {
        award: i64,
        reason: Option<String>,
    },
    /// Anything else (an award's `<rule> <subject>`, a reason): as stored.
    Text(String),
}

impl LedgerNote {
    /// The note as the ledger stores it.
    pub fn stored(&self) -> String {
        match self {
            LedgerNote::Redemption { id, reward, qty } => {
                format!("redemption {id}: {reward} ×{qty}")
            }
            LedgerNote::Expiry { ending } => format!("expired lots ending {ending}"),
            LedgerNote::Correction {
                award,
                reason: Some(r),
            } => format!("dispute of award {award} accepted: {r}"),
            LedgerNote::Correction {
                award,
                reason: None,
            } => {
                format!("dispute of award {award} accepted")
            }
            LedgerNote::Text(t) => t.clone(),
        }
    }

    /// A stored note read back; a note of another shape is [`LedgerNote::Text`].
    pub fn read(stored: &str) -> LedgerNote {
        let redemption = || {
            let rest = stored.strip_prefix("redemption ")?;
            let (id, rest) = rest.split_once(": ")?;
            let (reward, qty) = rest.rsplit_once(" ×")?;
            Some(LedgerNote::Redemption {
                id: id.parse().ok()?,
                reward: reward.to_string(),
                qty: qty.parse().ok()?,
            })
        };
        let expiry = || {
            let day = stored.strip_prefix("expired lots ending ")?;
            Some(LedgerNote::Expiry {
                ending: NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?,
            })
        };
        let correction = || {
            let rest = stored.strip_prefix("dispute of award ")?;
            let (award, reason) = match rest.split_once(" accepted: ") {
                Some((award, reason)) => (award, Some(reason.to_string())),
                None => (rest.strip_suffix(" accepted")?, None),
            };
            Some(LedgerNote::Correction {
                award: award.parse().ok()?,
                reason,
            })
        };
        redemption()
            .or_else(expiry)
            .or_else(correction)
            .unwrap_or_else(|| LedgerNote::Text(stored.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_reads_back_as_it_was_written() {
        for note in [
            LedgerNote::Redemption {
                id: 12,
                reward: "GIFT: ×2 x".into(),
                qty: 3,
            },
            LedgerNote::Expiry {
                ending: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            },
            LedgerNote::Text("visit V-1".into()),
            LedgerNote::Correction {
                award: 12,
                reason: Some("wrong: amount accepted".into()),
            },
            LedgerNote::Correction {
                award: 3,
                reason: None,
            },
            LedgerNote::Text("redemption of a kind".into()),
        ] {
            assert_eq!(LedgerNote::read(&note.stored()), note);
        }
        assert_eq!(
            LedgerNote::Redemption {
                id: 7,
                reward: "MUG".into(),
                qty: 1
            }
            .stored(),
            "redemption 7: MUG ×1"
        );
    }
}
