//! Where a command runs: the store's path (`--db`, `MERIT_DB`, else the
//! platform data directory), today's date (`--today`), and the warning for
//! a store others may write.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::path::PathBuf;

/// A store anyone but its owner (and group) may write can be changed by
/// them: said on stderr, once per command.
pub fn warn_if_shared_writable(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o002 != 0 || (mode & 0o020 != 0 && mode & 0o2000 == 0 && !group_shared(path))
            {
                let said = crate::t!(
                    "seal-store-writable",
                    path = path.display(),
                    mode = format!("{mode:o}")
                );
                esay_t!("cli-warning", warning = said);
            }
        }
    }
}

/// Whether the store's directory is set-group-ID: shared by a group on
/// purpose (README, "Sharing a store").
#[cfg(unix)]
fn group_shared(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2000 != 0)
}

/// Today: the clock's, or the date `--today`/`MERIT_TODAY` fixes (every
/// write made under it is then audited with both, `seal::fix_today`).
pub fn today(fixed: Option<NaiveDate>) -> NaiveDate {
    match fixed {
        Some(day) => {
            crate::seal::fix_today(day);
            day
        }
        None => chrono::Local::now().date_naive(),
    }
}

/// `--db`, else `MERIT_DB` (through clap), else the platform data directory.
pub fn store_path(arg: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = arg {
        return Ok(p);
    }
    let dirs = directories::ProjectDirs::from("", "", "merit")
        .ok_or_else(|| Error::failed(crate::msg!("no-home-directory")))?;
    Ok(dirs.data_dir().join("merit.db"))
}

/// Makes the default store's folder (private), for a command that makes
/// the store there: a command refused for want of a store leaves no
/// folder behind. A store named by `--db` or `MERIT_DB` is left alone:
/// its folder is the user's to make.
pub fn make_default_folder(db_path: &std::path::Path) -> Result<()> {
    let Some(dirs) = directories::ProjectDirs::from("", "", "merit") else {
        return Ok(());
    };
    let dir = dirs.data_dir();
    if db_path != dir.join("merit.db") {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| {
        Error::failed(crate::msg!(
            "cannot-create",
            path = dir.display(),
            error = crate::ops::bounded::why_io(&e)
        ))
    })
}
