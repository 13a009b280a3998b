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

    /// The lines to print on stderr: each one line, whatever a file's
    /// cells quoted in it hold (control characters are shown escaped).
    pub fn lines(&self) -> Vec<String> {
        let lines = match self {
            Error::Usage(m) | Error::Failed(m) => std::slice::from_ref(m),
            Error::BadInput(v) | Error::Broken(v) => v.as_slice(),
        };
        lines.iter().map(|l| one_line(l)).collect()
    }
}

/// The longest message line printed; the rest of a huge quoted cell is cut.
const MAX_LINE: usize = 500;

fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_LINE));
    for (i, c) in s.chars().enumerate() {
        if i >= MAX_LINE {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
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
