//! The one error type every layer of the core returns, by kind. The fronts
//! word it in the reader's language and map each kind to an exit code
//! (`merit::cli::exit_code`).

use crate::message::Msg;
use std::fmt;

/// What went wrong, by kind; its `Display` is the English lines.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad arguments or bad input: nothing was written.
    #[error("{}", one_line(&.0.to_string()))]
    Usage(Msg),
    /// Bad rows or keys in a file, one line each.
    #[error("{}", lines(.0))]
    BadInput(Vec<Msg>),
    /// The operation could not be done (busy, integrity).
    #[error("{}", one_line(&.0.to_string()))]
    Failed(Msg),
    /// A rule of the points system says no.
    #[error("{}", one_line(&.0.to_string()))]
    Refused(Refusal),
    /// Integrity problems found by `merit verify`, one line each.
    #[error("{}", lines(.0))]
    Broken(Vec<Msg>),
}

fn lines(v: &[Msg]) -> String {
    v.iter()
        .map(|l| one_line(&l.to_string()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why the points system refuses a change, with what the refusal names.
/// Rendered in the language in use by `i18n::refusals`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    MemberInactive {
        member: String,
    },
    RewardInactive {
        reward: String,
    },
    OutOfStock {
        reward: String,
        left: i64,
        asked: i64,
    },
    NotYetAvailable {
        reward: String,
        from: chrono::NaiveDate,
    },
    NoLongerAvailable {
        reward: String,
        until: chrono::NaiveDate,
    },
    OverLimit {
        reward: String,
        limit: i64,
        per: crate::domain::PeriodKind,
        member: String,
        asked: i64,
        period: crate::domain::Period,
    },
    /// At asking time: the available points (balance less what is held).
    NotEnoughAvailable {
        member: String,
        available: crate::domain::Points,
        needed: crate::domain::Points,
    },
    /// At approval time: the stock no longer covers the request.
    NowOutOfStock {
        reward: String,
        left: i64,
        asked: i64,
    },
    /// At approval time: another approval took the last items first.
    StockTaken {
        reward: String,
    },
    /// At approval time: the balance.
    NotEnoughBalance {
        member: String,
        balance: crate::domain::Points,
        needed: crate::domain::Points,
    },
    /// Awards dated in a closed period cannot change.
    PeriodClosed(crate::domain::ClosedPeriod),
    /// A closed period's awards cannot be decided.
    CannotDecide(crate::domain::ClosedPeriod),
    PendingBeforeClose {
        period: crate::domain::Period,
        pending: usize,
        points: crate::domain::Points,
    },
    /// Reopening a period only a wider closed period covers.
    NotClosedItself {
        period: crate::domain::Period,
        by: crate::domain::ClosedPeriod,
    },
    NotClosed {
        period: crate::domain::Period,
    },
    AwardRejected {
        award: i64,
    },
    AlreadyDisputed {
        award: i64,
    },
    NoOpenDispute {
        award: i64,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&english(self))
    }
}

/// The refusal in English: what the command line has always printed
/// (scripts match it); the fronts word it in the reader's language.
fn english(r: &Refusal) -> String {
    use Refusal::*;
    match r {
        MemberInactive { member } => format!("refused: {member} is not active"),
        RewardInactive { reward } => format!("refused: reward {reward} is not active"),
        OutOfStock {
            reward,
            left,
            asked,
        } => format!("refused: reward {reward} is out of stock ({left} left, {asked} asked)"),
        NotYetAvailable { reward, from } => {
            format!("refused: reward {reward} can be asked for from {from}")
        }
        NoLongerAvailable { reward, until } => {
            format!("refused: reward {reward} could be asked for until {until}")
        }
        OverLimit {
            reward,
            limit,
            per,
            member,
            asked,
            period,
        } => format!(
            "refused: reward {reward} is limited to {limit} per member per {} ({member} has asked for {asked} in {period})",
            per.as_str()
        ),
        NotEnoughAvailable {
            member,
            available,
            needed,
        } => format!("refused: {member} has {available} points available, {needed} needed"),
        NowOutOfStock {
            reward,
            left,
            asked,
        } => format!("{reward} is out of stock ({left} left, {asked} asked)"),
        StockTaken { reward } => format!("{reward} is out of stock"),
        NotEnoughBalance {
            member,
            balance,
            needed,
        } => format!("{member} has a balance of {balance}, {needed} needed"),
        PeriodClosed(c) => format!(
            "{}: awards dated in it cannot change (merit reopen {} --reason TEXT)",
            c.describe(),
            c.period
        ),
        CannotDecide(c) => format!(
            "{}: its awards cannot be decided (merit reopen {} --reason TEXT)",
            c.describe(),
            c.period
        ),
        PendingBeforeClose {
            period,
            pending,
            points,
        } => format!(
            "{period} has {pending} pending award{} ({points} points): approve or reject {} before closing it",
            if *pending == 1 { "" } else { "s" },
            if *pending == 1 { "it" } else { "them" },
        ),
        NotClosedItself { period, by } => format!(
            "{period} is not closed itself: {}; reopen {}",
            by.describe(),
            by.period
        ),
        NotClosed { period } => format!("{period} is not closed"),
        AwardRejected { award } => format!("award {award} was rejected: nothing to dispute"),
        AlreadyDisputed { award } => format!("award {award} is already disputed"),
        NoOpenDispute { award } => format!("award {award} has no open dispute"),
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Bad arguments or input: [`Error::Usage`].
    pub fn usage(m: impl Into<Msg>) -> Error {
        Error::Usage(m.into())
    }

    /// [`Error::Failed`].
    pub fn failed(m: impl Into<Msg>) -> Error {
        Error::Failed(m.into())
    }

    /// [`Error::BadInput`], a message per bad row or key.
    pub fn bad_input<M: Into<Msg>>(lines: impl IntoIterator<Item = M>) -> Error {
        Error::BadInput(lines.into_iter().map(Into::into).collect())
    }

    /// [`Error::Broken`], a message per problem.
    pub fn broken<M: Into<Msg>>(lines: impl IntoIterator<Item = M>) -> Error {
        Error::Broken(lines.into_iter().map(Into::into).collect())
    }

    /// The messages: one, or one per line.
    pub fn messages(&self) -> Vec<Msg> {
        match self {
            Error::Usage(m) | Error::Failed(m) => vec![m.clone()],
            Error::BadInput(v) | Error::Broken(v) => v.clone(),
            Error::Refused(r) => vec![Msg::untyped(r.to_string())],
        }
    }

    /// Whether the error is, or holds, the message `id`.
    pub fn names(&self, id: &str) -> bool {
        self.messages().iter().any(|m| m.names(id))
    }

    /// The lines to print on stderr, in English: each one line, whatever
    /// a file's cells quoted in it hold (control characters are shown
    /// escaped). The fronts word them in the reader's language from
    /// [`Error::raw_lines`] and [`one_line`].
    pub fn lines(&self) -> Vec<String> {
        self.raw_lines().iter().map(|l| one_line(l)).collect()
    }

    /// The lines as the core made them, before escaping.
    pub fn raw_lines(&self) -> Vec<String> {
        match self {
            Error::Usage(m) | Error::Failed(m) => vec![m.to_string()],
            Error::BadInput(v) | Error::Broken(v) => v.iter().map(|m| m.to_string()).collect(),
            Error::Refused(r) => vec![r.to_string()],
        }
    }
}

/// The longest message line printed; the rest of a huge quoted cell is cut.
const MAX_LINE: usize = 500;

/// `s` as one printable line: control and hidden characters escaped, cut
/// at [`MAX_LINE`] characters.
pub fn one_line(s: &str) -> String {
    let shown = crate::text::visible(s);
    match shown.char_indices().nth(MAX_LINE) {
        Some((at, _)) => format!("{}…", &shown[..at]),
        None => shown.into_owned(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        if matches!(
            e,
            rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..)
        ) {
            let what = match &e {
                rusqlite::Error::InvalidColumnType(_, column_name, found) => crate::msg!(
                    "store-damaged-column",
                    column = column_name.as_str(),
                    found = found.to_string()
                ),
                other => crate::msg!("store-damaged-value", error = other.to_string()),
            };
            return Error::failed(crate::msg!("store-damaged-restore", what = what));
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) => Error::failed(crate::msg!("store-malformed")),
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                Error::failed(crate::msg!("store-busy"))
            }
            Some(ErrorCode::ReadOnly) => Error::failed(crate::msg!("store-read-only")),
            Some(ErrorCode::NotADatabase) => Error::failed(crate::msg!("store-not-merit")),
            Some(ErrorCode::DiskFull) => Error::failed(crate::msg!("store-disk-full")),
            // A sum past SQLite's integers became a float, which the
            // column's CHECK refuses (the month sums, a balance).
            Some(ErrorCode::ConstraintViolation)
                if e.to_string().contains("typeof(points) = 'integer'") =>
            {
                Error::failed(crate::msg!("store-sum-out-of-range"))
            }
            // SQLite's `sum()` past its integers.
            _ if e.to_string() == "integer overflow" => {
                Error::failed(crate::msg!("store-total-out-of-range"))
            }
            _ => Error::failed(crate::msg!("store-error", error = e.to_string())),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        use postgres::error::SqlState;
        let Some(db) = e.as_db_error() else {
            // The server went away, or never answered.
            if e.is_closed()
                || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>())
            {
                return Error::failed(crate::msg!("store-pg-lost"));
            }
            return Error::failed(crate::msg!("store-error", error = e.to_string()));
        };
        let code = db.code();
        if [
            SqlState::ADMIN_SHUTDOWN,
            SqlState::CRASH_SHUTDOWN,
            SqlState::CANNOT_CONNECT_NOW,
        ]
        .contains(code)
        {
            Error::failed(crate::msg!("store-pg-lost"))
        } else if [
            SqlState::T_R_SERIALIZATION_FAILURE,
            SqlState::T_R_DEADLOCK_DETECTED,
            SqlState::LOCK_NOT_AVAILABLE,
            SqlState::QUERY_CANCELED,
        ]
        .contains(code)
        {
            Error::failed(crate::msg!("store-busy"))
        } else if [
            SqlState::READ_ONLY_SQL_TRANSACTION,
            SqlState::INSUFFICIENT_PRIVILEGE,
        ]
        .contains(code)
        {
            Error::failed(crate::msg!("store-read-only"))
        } else if *code == SqlState::NUMERIC_VALUE_OUT_OF_RANGE {
            Error::failed(crate::msg!("store-sum-out-of-range"))
        } else if *code == SqlState::DISK_FULL {
            Error::failed(crate::msg!("store-disk-full"))
        } else if *code == SqlState::DATA_CORRUPTED || *code == SqlState::INDEX_CORRUPTED {
            Error::failed(crate::msg!("store-malformed"))
        } else {
            Error::failed(crate::msg!("store-error", error = db.message()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_line_is_one_line() {
        let e = Error::bad_input([crate::message::Msg::untyped(
            "f.csv:4: target: '2\nWF,3' is not a number\0",
        )]);
        assert_eq!(
            e.lines(),
            vec!["f.csv:4: target: '2\\nWF,3' is not a number\\u{0}".to_string()]
        );
    }
}
