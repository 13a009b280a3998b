//! The folder a site is published into, replaced as a whole (issue 38).
//!
//! A site is built in a new private folder beside its target
//! (`.merit-publish-PID-XXXXXX`, mode 0700, in the same parent so that a
//! rename can move it), every file created there with `create_new` (so
//! nothing is ever written through a link, nor over another file), synced,
//! and then put in place by rename:
//!
//! - Where the target exists, Linux swaps the two folders in one step
//!   (`renameat2(RENAME_EXCHANGE)`): a reader sees the whole old site, then
//!   the whole new one, and never anything between. The old site is then
//!   removed from the private name it was swapped to.
//! - Where the file system cannot swap (or on another system), the old
//!   folder is renamed aside to a private name (`.merit-publish-PID-old-…`)
//!   and the new one renamed to the target. Between those two renames the
//!   target does not exist: a reader then finds no site, never half of
//!   one. A kill just there leaves the target missing, the old site whole
//!   in the `…-old-…` folder and the new one complete in the other; rename
//!   either back by hand, or publish again.
//!
//! A kill or a full disk before the rename leaves the old site untouched
//! (a kill also leaves the private folder, which the next publish beside
//! it removes once the process that made it is gone). A target that is a
//! symbolic link, or a folder holding one anywhere inside, or holding
//! anything merit does not publish (`index.html`, `board.html`,
//! `standings.md`, `m/*.html`), is refused: merit replaces only a site it
//! wrote, and so never removes a user's files.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The start of every private folder's name.
const PREFIX: &str = ".merit-publish-";

/// The files merit publishes at the top of a site (and `m/` beside them).
const OWN_FILES: [&str; 3] = ["index.html", "board.html", "standings.md"];

/// A site being built beside its target; dropped without `commit`, it is
/// removed and the target is left as it was.
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    parent: PathBuf,
    /// Whether the target existed (checked) when the build began.
    replaces: bool,
}

impl Staging {
    /// Checks `target` (see the module doc), makes its parent if needed
    /// and a private folder in it, with `m/` inside.
    pub fn new(target: &Path) -> Result<Staging> {
        // `site/` and `site/.` would follow a link named `site`: the
        // target is its components, and its last must name a folder.
        let target: PathBuf = target.components().collect();
        if !matches!(
            target.components().next_back(),
            Some(std::path::Component::Normal(_))
        ) {
            return Err(Error::failed(crate::msg!(
                "publish-name-the-folder",
                path = target.display()
            )));
        }
        let target = target.as_path();
        let replaces = check_target(target)?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| cannot_write(&parent, e))?;
        remove_stale(&parent);
        let dir = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
            .tempdir_in(&parent)
            .map_err(|e| cannot_write(&parent, e))?;
        // `m` is made with the user's umask; the site folder gets its mode
        // when it is put in place.
        std::fs::create_dir(dir.path().join("m")).map_err(|e| cannot_write(dir.path(), e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            parent,
            replaces,
        })
    }

    /// Writes a new file at `rel` (`index.html`, `m/X.html`) inside the
    /// private folder: created, never opened if it exists, and synced.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.path().join(rel);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| cannot_write(&self.target.join(rel), e))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| cannot_write(&self.target.join(rel), e))
    }

    /// The pages in the private folder: `index.html` and `m/*.html`.
    pub fn pages(&self) -> Result<usize> {
        let read = |e| cannot_write(self.dir.path(), e);
        let mut n = usize::from(self.dir.path().join("index.html").is_file());
        for entry in std::fs::read_dir(self.dir.path().join("m")).map_err(read)? {
            let entry = entry.map_err(read)?;
            if entry.file_type().map_err(read)?.is_file() {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Whether the private folder holds the file `rel`.
    pub fn has(&self, rel: &str) -> bool {
        self.dir.path().join(rel).is_file()
    }

    /// Puts the site in place of the target (see the module doc).
    pub fn commit(self) -> Result<()> {
        let new = self.dir.path();
        let mode = std::fs::metadata(new.join("m"))
            .map(|m| m.permissions())
            .map_err(|e| cannot_write(new, e))?;
        std::fs::set_permissions(new, mode).map_err(|e| cannot_write(new, e))?;
        for d in [new.join("m"), new.to_path_buf()] {
            sync_dir(&d).map_err(|e| cannot_write(&d, e))?;
        }
        let placed = if self.replaces {
            self.swap()
        } else {
            // A target made meanwhile as an empty folder is replaced; one
            // with anything in it, or a link, makes the rename fail.
            std::fs::rename(new, &self.target)
        };
        placed.map_err(|e| {
            Error::failed(crate::msg!(
                "publish-cannot-swap",
                path = self.target.display(),
                error = crate::ops::bounded::why_io(&e)
            ))
        })?;
        let _ = sync_dir(&self.parent);
        // Dropping `dir` removes what is left at its name: nothing, or the
        // old site (a link swapped in meanwhile is removed, not followed).
        drop(self.dir);
        Ok(())
    }

    /// Replaces the existing target with the private folder.
    fn swap(&self) -> std::io::Result<()> {
        let new = self.dir.path();
        match exchange(new, &self.target) {
            Ok(()) => return Ok(()),
            Err(e) if !unsupported(&e) => return Err(e),
            Err(_) => {}
        }
        self.two_renames()
    }

    /// The old folder renamed aside, the new one to the target (where
    /// the two cannot be swapped in one step).
    fn two_renames(&self) -> std::io::Result<()> {
        let new = self.dir.path();
        // Aside to a private empty folder's name: rename replaces an
        // empty folder, and the name is ours alone.
        let aside = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-old-", std::process::id()))
            .tempdir_in(&self.parent)?;
        std::fs::rename(&self.target, aside.path())?;
        if let Err(e) = std::fs::rename(new, &self.target) {
            let _ = std::fs::rename(aside.path(), &self.target);
            return Err(e);
        }
        drop(aside);
        Ok(())
    }
}

/// Whether `target` exists, after refusing a link, a link inside it, or
/// anything but a site merit publishes.
fn check_target(target: &Path) -> Result<bool> {
    let meta = match std::fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(cannot_read(target, e)),
    };
    if meta.file_type().is_symlink() {
        return Err(Error::failed(crate::msg!(
            "publish-is-a-link",
            path = target.display()
        )));
    }
    if !meta.is_dir() {
        return Err(Error::failed(crate::msg!(
            "publish-not-a-folder",
            path = target.display()
        )));
    }
    check_site(target, false)?;
    Ok(true)
}

/// Refuses a link anywhere in `dir`, and anything a site has not.
fn check_site(dir: &Path, pages: bool) -> Result<()> {
    let read = |e| cannot_read(dir, e);
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(read)?
        .collect::<std::io::Result<_>>()
        .map_err(read)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| cannot_read(&path, e))?;
        if kind.is_symlink() {
            return Err(Error::failed(crate::msg!(
                "publish-holds-a-link",
                path = path.display()
            )));
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = if pages {
            kind.is_file() && name.ends_with(".html")
        } else {
            (kind.is_file() && OWN_FILES.contains(&name.as_ref())) || (kind.is_dir() && name == "m")
        };
        if !ours {
            return Err(Error::failed(crate::msg!(
                "publish-not-merits",
                path = path.display()
            )));
        }
        if kind.is_dir() {
            check_site(&path, true)?;
        }
    }
    Ok(())
}

/// Removes private folders left in `parent` by publishes that were killed
/// (their process is gone). Best effort: what cannot be removed stays.
fn remove_stale(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && gone(pid) {
            // `remove_dir_all` removes links, never what they point to.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether no process `pid` runs here.
#[cfg(unix)]
fn gone(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn gone(_pid: u32) -> bool {
    false
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: two NUL-terminated paths that live across the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether `exchange` failed because the system or file system cannot
/// swap (then two renames do it).
fn unsupported(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    ) {
        return true;
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

fn sync_dir(d: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(d)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = d;
    Ok(())
}

fn cannot_write(p: &Path, e: std::io::Error) -> Error {
    Error::failed(crate::msg!(
        "cannot-write",
        path = p.display(),
        error = crate::ops::bounded::why_io(&e)
    ))
}

fn cannot_read(p: &Path, e: std::io::Error) -> Error {
    Error::failed(crate::msg!(
        "cannot-read",
        path = p.display(),
        error = e.to_string()
    ))
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, word_in};

    /// Where the file system cannot swap, the two renames put the new
    /// site in place and leave nothing beside it.
    #[test]
    fn two_renames_replace_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        std::fs::create_dir_all(target.join("m")).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        std::fs::write(target.join("m/ZW.html"), "old").unwrap();
        let site = super::Staging::new(&target).unwrap();
        site.write("index.html", b"new").unwrap();
        assert_eq!(site.pages().unwrap(), 1);
        site.two_renames().unwrap();
        drop(site);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("m/ZW.html").exists());
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"]);
    }

    /// Every message of publishing says in English what scripts read,
    /// and in Chinese has no English word of merit's own.
    #[test]
    fn every_message_of_publishing_is_said_in_both_languages() {
        let p = "/s/site";
        let cases = [
            (
                crate::msg!("publish-is-a-link", path = p),
                "/s/site: is a symbolic link; merit publishes only into a real folder, never through a link",
            ),
            (
                crate::msg!("publish-holds-a-link", path = "/s/site/m/ZW.html"),
                "/s/site/m/ZW.html: is a symbolic link in the folder to publish into; merit never publishes over a link",
            ),
            (
                crate::msg!("publish-not-a-folder", path = p),
                "/s/site: is not a folder",
            ),
            (
                crate::msg!("publish-name-the-folder", path = ".."),
                "..: name the folder to publish into (not . or ..)",
            ),
            (
                crate::msg!("publish-not-merits", path = "/s/site/notes.txt"),
                "/s/site/notes.txt: merit did not publish this; publish into a new or empty folder, or one merit published",
            ),
            (
                crate::msg!("publish-cannot-swap", path = p, error = "busy"),
                "/s/site: cannot put the new site in place: busy; the old site is left as it was",
            ),
            (
                crate::msg!("cannot-write", path = "/s/site/index.html", error = "full"),
                "/s/site/index.html: cannot write: full",
            ),
            (
                crate::msg!("cannot-read", path = p, error = "denied"),
                "/s/site: cannot read: denied",
            ),
            (
                crate::msg!("publish-pages-short", pages = 11usize, meant = 12usize),
                "publish: wrote 11 pages of the 12 it meant to; nothing was published",
            ),
            (
                crate::msg!(
                    "publish-pages-shared",
                    one = "A1",
                    other = "A2",
                    page = "A.html"
                ),
                "publish: members A1 and A2 would share the page A.html; nothing was published",
            ),
        ];
        for (m, english) in cases {
            assert_eq!(word_in(Lang::En, &m), english);
            let zh = word_in(Lang::ZhCn, &m);
            let left: Vec<&str> = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 1)
                .filter(|w| {
                    ![
                        "merit", "site", "index", "html", "notes", "txt", "busy", "full", "denied",
                        "ZW", "A1", "A2",
                    ]
                    .contains(w)
                })
                .collect();
            assert!(left.is_empty(), "said in English: {english}\n  → {zh}");
        }
    }
}
