//! A file a command writes where the user says (`--out FILE`: the payroll,
//! a checkpoint): never over the store or its journal files, the seal key,
//! the checkpoints or robots file kept beside it; never through a link to
//! a file; and whole or not at all, written into a private temporary file
//! beside it (its owner's alone to read: a payroll holds pay) and renamed
//! into place. A file of the user's own at that path is replaced; a device
//! or a pipe (`/dev/stdout`, `>(gzip …)`) is written as it is.

use crate::error::{Error, Result};
use crate::msg;
use std::path::{Path, PathBuf};

/// A file of merit's own `--out` must not name, and the words for it.
pub struct Guarded {
    path: PathBuf,
    /// The catalogue's id of what the file is (`out-is-store` …).
    what: &'static str,
    /// A folder whose every file is guarded (the checkpoints).
    folder: bool,
}

/// Merit's own files around `store` (a file store's path; a PostgreSQL
/// store's matches no file): the store and its journals, the seal key,
/// and the checkpoints and robots file beside the key.
pub fn guarded(store: &Path) -> Vec<Guarded> {
    let file = |path: PathBuf, what| Guarded {
        path,
        what,
        folder: false,
    };
    // SQLite keeps its journals beside the file a link leads to.
    let real = store.canonicalize().unwrap_or_else(|_| store.to_path_buf());
    let mut v: Vec<Guarded> = [store, real.as_path()]
        .iter()
        .flat_map(|at| ["", "-wal", "-shm", "-journal"].map(|suffix| (at, suffix)))
        .map(|(at, suffix)| {
            let mut p = at.as_os_str().to_owned();
            p.push(suffix);
            file(PathBuf::from(p), "out-is-store")
        })
        .collect();
    if let Ok(key) = crate::seal::key_path() {
        if let Some(dir) = key.parent() {
            v.push(Guarded {
                path: dir.join("checkpoints"),
                what: "out-is-checkpoint",
                folder: true,
            });
            v.push(file(dir.join("robots.toml"), "out-is-robots"));
        }
        v.push(file(key, "out-is-key"));
    }
    v
}

/// `path` with its folder's links resolved, the way the system reaches it.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map_or_else(|_| absolute.clone(), |d| d.join(name)),
        _ => absolute,
    }
}

/// Whether two existing paths are one file (a hard link, another name).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
}

/// Whether `path` is there and is no file or folder: a device, a pipe, a
/// socket (`/dev/null`, `/dev/stdout`, `>(gzip > p.gz)`), reached through
/// links or not. Such a target is written as it is, never replaced.
fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Refuses `path` (a usage error, nothing written) where it is a folder,
/// a link to a file (a link to a device or a pipe is written through), or
/// one of `guarded`.
pub fn check(path: &Path, guarded: &[Guarded]) -> Result<()> {
    let shown = path.display().to_string();
    let refuse = |id: &'static str| {
        let path = crate::message::MsgArg::from(shown.as_str());
        Err(Error::usage(crate::message::Msg::new(
            id,
            vec![("path", path)],
        )))
    };
    if is_stream(path) {
        return Ok(());
    }
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if m.file_type().is_symlink() {
            return refuse("out-is-link");
        }
        if m.is_dir() {
            return refuse("out-is-folder");
        }
    }
    let target = resolved(path);
    for g in guarded {
        let own = resolved(&g.path);
        let hit = if g.folder {
            target.starts_with(&own)
        } else {
            target == own || same_file(path, &g.path)
        };
        if hit {
            return refuse(g.what);
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` whole, once [`check`] allows it.
pub fn write(path: &Path, bytes: &[u8], guarded: &[Guarded]) -> Result<()> {
    use std::io::Write;
    check(path, guarded)?;
    let failed = |e: std::io::Error| {
        Error::failed(msg!(
            "cannot-write",
            path = path.display(),
            error = super::bounded::why_unreadable(&e)
        ))
    };
    if is_stream(path) {
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(failed)?;
        return out.write_all(bytes).map_err(failed);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    tmp.write_all(bytes).map_err(failed)?;
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn merits_own_files_links_and_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s.db");
        std::fs::write(&store, "store").unwrap();
        let g = guarded(&store);
        assert!(check(&store, &g).is_err());
        assert!(check(&dir.path().join("s.db-wal"), &g).is_err());
        // Another way to the same file.
        assert!(check(&dir.path().join(".").join("s.db"), &g).is_err());
        std::fs::hard_link(&store, dir.path().join("hard")).unwrap();
        assert!(check(&dir.path().join("hard"), &g).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("link"))
                .unwrap();
            assert!(check(&dir.path().join("link"), &g).is_err());
        }
        assert!(check(dir.path(), &g).is_err());
        // A device or a pipe is written as it is, never replaced, and so
        // is a link to one (`/dev/stdout`).
        write(Path::new("/dev/null"), b"x", &g).unwrap();
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let to_null = dir.path().join("to-null");
        std::os::unix::fs::symlink("/dev/null", &to_null).unwrap();
        write(&to_null, b"x", &g).unwrap();
        assert!(
            std::fs::symlink_metadata(&to_null)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A store reached through a link: its real file's journal too.
        let link = dir.path().join("store-link.db");
        std::os::unix::fs::symlink(&store, &link).unwrap();
        let through = guarded(&link);
        assert!(check(&dir.path().join("s.db-wal"), &through).is_err());
        let out = dir.path().join("pay.csv");
        write(&out, b"a\n", &g).unwrap();
        write(&out, b"b\n", &g).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"b\n");
        assert_eq!(std::fs::read(&store).unwrap(), b"store");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
    }
}
