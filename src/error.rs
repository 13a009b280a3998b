//! The one error type every layer returns, and the exit code it maps to.

use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// Bad arguments or bad input: nothing was written. Exit 2.
    Usage(String),
    /// Bad rows or keys in a file, one line each. Exit 2.
    BadInput(Vec<String>),
    /// The operation could not be done (refused, busy, integrity). Exit 1.
    Failed(String),
    /// Integrity problems found by `merit verify`, one line each. Exit 1.
    Broken(Vec<String>),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::BadInput(_) => 2,
            Error::Failed(_) | Error::Broken(_) => 1,
        }
    }

    /// The lines to print on stderr.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Usage(m) | Error::Failed(m) => vec![m.clone()],
            Error::BadInput(v) | Error::Broken(v) => v.clone(),
        }
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
        match e.sqlite_error_code() {
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
