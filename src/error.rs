//! The one error type every layer returns, and the exit code it maps to.

use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// Bad arguments or bad input: nothing was written. Exit 2.
    Usage(String),
    /// Bad rows or keys in a file, one line each. Exit 2.
    BadInput(Vec<String>),
    /// The operation could not be done (busy, integrity). Exit 1.
    Failed(String),
    /// A rule of the points system says no. Exit 1, like `Failed`; the
    /// words are the strings module's (`i18n::refusals`), in the language
    /// in use.
    Refused(Refusal),
    /// Integrity problems found by `merit verify`, one line each. Exit 1.
    Broken(Vec<String>),
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
        f.write_str(&crate::i18n::refusals::render(self, crate::i18n::current()))
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::BadInput(_) => 2,
            Error::Failed(_) | Error::Refused(_) | Error::Broken(_) => 1,
        }
    }

    /// The lines to print on stderr: each one line, whatever a file's
    /// cells quoted in it hold (control characters are shown escaped).
    pub fn lines(&self) -> Vec<String> {
        let lines = match self {
            Error::Usage(m) | Error::Failed(m) => std::slice::from_ref(m),
            Error::BadInput(v) | Error::Broken(v) => v.as_slice(),
            Error::Refused(r) => return vec![one_line(&r.to_string())],
        };
        lines
            .iter()
            .map(|l| one_line(&crate::i18n::render(l)))
            .collect()
    }
}

/// The longest message line printed; the rest of a huge quoted cell is cut.
const MAX_LINE: usize = 500;

fn one_line(s: &str) -> String {
    let shown = crate::text::visible(s);
    match shown.char_indices().nth(MAX_LINE) {
        Some((at, _)) => format!("{}…", &shown[..at]),
        None => shown.into_owned(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        if matches!(
            e,
            rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..)
        ) {
            let what = match &e {
                rusqlite::Error::InvalidColumnType(_, column_name, found) => {
                    format!("column {column_name} holds a {found} merit never writes there")
                }
                other => format!("a value is not what merit wrote ({other})"),
            };
            return Error::Failed(format!(
                "the store is damaged: {what}; restore it from a backup (merit verify says more)"
            ));
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) => Error::Failed(
                "the store is damaged: SQLite finds the file malformed; restore it from a backup"
                    .into(),
            ),
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Failed(
                "the store is busy: another merit is writing to it; try again in a moment".into(),
            ),
            Some(ErrorCode::ReadOnly) => {
                Error::Failed("the store is read-only for this user".into())
            }
            Some(ErrorCode::NotADatabase) => {
                Error::Failed("the store file is not a merit store".into())
            }
            Some(ErrorCode::DiskFull) => {
                Error::Failed("the disk is full; nothing was written".into())
            }
            _ => Error::Failed(format!("store error: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_line_is_one_line() {
        let e = Error::BadInput(vec!["f.csv:4: target: '2\nWF,3' is not a number\0".into()]);
        assert_eq!(
            e.lines(),
            vec!["f.csv:4: target: '2\\nWF,3' is not a number\\u{0}".to_string()]
        );
    }
}
