//! Reading input files with bounds, so that a hostile or mistaken file
//! (`/dev/zero`, a binary, one endless line) gives a clear error instead of
//! filling the memory.

use crate::domain::input::in_file;
use crate::error::{Error, Result};
use crate::message::{Msg, MsgArg};
use crate::msg;
use std::io::{self, Read};
use std::path::Path;

/// The longest line a CSV file may have: far more than any real row.
pub const MAX_LINE: usize = 1 << 20;

/// The largest rules file read.
pub const MAX_RULES_FILE: u64 = 4 << 20;

/// A reader that fails once a line grows past `MAX_LINE` bytes.
pub struct LineLimit<R> {
    inner: R,
    run: usize,
}

impl<R: Read> LineLimit<R> {
    pub fn new(inner: R) -> LineLimit<R> {
        LineLimit { inner, run: 0 }
    }
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if b == b'\n' {
                self.run = 0;
            } else {
                self.run += 1;
                if self.run > MAX_LINE {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, LineTooLong));
                }
            }
        }
        Ok(n)
    }
}

/// What [`LineLimit`] fails with: a line past [`MAX_LINE`].
#[derive(Debug)]
struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a line is longer than 1 MiB")
    }
}

impl std::error::Error for LineTooLong {}

/// The largest small file merit reads whole: a robots file, a checkpoint.
pub const MAX_SMALL_FILE: u64 = 1 << 20;

/// What [`read_small`] fails with: a file past its limit.
#[derive(Debug)]
struct TooLarge {
    mib: u64,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "larger than {} MiB", self.mib)
    }
}

impl std::error::Error for TooLarge {}

/// A whole file of at most `limit` bytes (`/dev/zero` is refused, not
/// read until the memory runs out).
pub fn read_small(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::other(TooLarge {
            mib: (limit >> 20).max(1),
        }));
    }
    Ok(bytes)
}

/// Whether `e` is [`read_small`]'s refusal of a file past its limit.
pub fn is_too_large(e: &io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.downcast_ref::<TooLarge>().is_some())
}

/// `cannot read: why`, as a message: merit's own words for a line past
/// [`MAX_LINE`] and the usual reasons (in the language in use), else the
/// system's.
pub fn cannot_read(e: &io::Error) -> Msg {
    msg!("file-cannot-read", error = why_unreadable(e))
}

/// Why a file or folder could not be made or written, in merit's words
/// for the usual reasons (a missing folder, a refused permission, a full
/// disk), else the system's.
pub fn why_io(e: &io::Error) -> MsgArg {
    match e.kind() {
        io::ErrorKind::NotFound => msg!("file-or-folder-not-found").into(),
        io::ErrorKind::StorageFull => msg!("file-disk-full").into(),
        io::ErrorKind::ReadOnlyFilesystem => msg!("file-read-only-system").into(),
        _ => why_unreadable(e),
    }
}

/// Why a file could not be read: merit's own words for a line past
/// [`MAX_LINE`] and the usual reasons, else the system's.
pub fn why_unreadable(e: &io::Error) -> MsgArg {
    let line_too_long = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<LineTooLong>())
        .is_some();
    if let Some(TooLarge { mib }) = e.get_ref().and_then(|inner| inner.downcast_ref()) {
        return msg!("file-too-large", mib = *mib).into();
    }
    match e.kind() {
        _ if line_too_long => msg!("import-line-too-long").into(),
        io::ErrorKind::NotFound => msg!("file-not-found").into(),
        io::ErrorKind::PermissionDenied => msg!("file-permission-denied").into(),
        io::ErrorKind::IsADirectory => msg!("file-is-a-directory").into(),
        _ => e.to_string().into(),
    }
}

/// `name: cannot read: why`, a usage error.
pub fn cannot_read_file(name: &str, e: &io::Error) -> Error {
    Error::usage(in_file(name, cannot_read(e)))
}

/// Reads a whole file of at most `limit` bytes (a rules or map file).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    read_small(path, limit).map_err(|e| {
        if is_too_large(&e) {
            let problem = msg!("file-too-large-for-rules", mib = limit >> 20);
            Error::bad_input([in_file(&name, problem)])
        } else {
            cannot_read_file(&name, &e)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_line_is_an_error_not_a_full_memory() {
        let mut r = LineLimit::new(io::repeat(b'x'));
        let mut sink = Vec::new();
        let e = r.read_to_end(&mut sink).unwrap_err();
        assert!(cannot_read(&e).names("import-line-too-long"), "{e}");
        assert!(sink.len() <= MAX_LINE + 64 * 1024);
    }

    #[test]
    fn lines_of_any_count_pass() {
        let text = "a,b\n".repeat(100_000);
        let mut r = LineLimit::new(text.as_bytes());
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
    }
}
