//! The secret that makes the store's history provable: a 256-bit key kept
//! outside the store (`MERIT_KEY`, else `seal.key` in the user's config
//! directory, mode 0600), the keyed MAC (HMAC-SHA-256) every write seals
//! the store's state with, and checkpoints: one line naming the store, the
//! ledger's and the audit log's length and head, sealed with the key, kept
//! outside the store so a shortened ledger or an older copy of the file put
//! back is recognised.

use crate::error::{Error, Result};
use crate::message::Msg;
use crate::msg;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::{Path, PathBuf};

/// The key. Never printed.
#[derive(Clone, Copy)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(D[usize::from(b >> 4)]));
        s.push(char::from(D[usize::from(b & 15)]));
    }
    s
}

/// Whether `stored` is the lower-case hex of `bytes`, compared without
/// writing it out.
pub fn hex_is(bytes: &[u8], stored: &str) -> bool {
    const D: &[u8; 16] = b"0123456789abcdef";
    let s = stored.as_bytes();
    s.len() == bytes.len() * 2
        && bytes
            .iter()
            .zip(s.chunks_exact(2))
            .all(|(b, pair)| pair[0] == D[usize::from(b >> 4)] && pair[1] == D[usize::from(b & 15)])
}

fn unhex(s: &str) -> Option<[u8; 32]> {
    let s = s.trim();
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
        let text = std::str::from_utf8(chunk).ok()?;
        out[i] = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

impl Key {
    /// HMAC-SHA-256 of `parts`, each length-prefixed (no two lists alike).
    pub fn mac(&self, parts: &[&str]) -> String {
        let mut m =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for p in parts {
            m.update(&(p.len() as u64).to_le_bytes());
            m.update(p.as_bytes());
        }
        hex(&m.finalize().into_bytes())
    }
}

/// A key for this process alone (the `--demo` screen's, in its private
/// folder: the demo leaves no key or checkpoint behind).
static KEY_HERE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Makes every store this process opens seal with a key at `path` (made
/// there on the first write), and keep its checkpoints beside it.
pub fn use_key_at(path: PathBuf) {
    let _ = KEY_HERE.set(path);
}

/// Where the key is: `MERIT_KEY`, else the config directory's `seal.key`.
pub fn key_path() -> Result<PathBuf> {
    if let Some(p) = KEY_HERE.get() {
        return Ok(p.clone());
    }
    if let Some(p) = std::env::var_os("MERIT_KEY").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "merit")
        .ok_or_else(|| Error::failed(msg!("seal-key-no-home")))?;
    Ok(dirs.config_dir().join("seal.key"))
}

/// The key, if there is one: refused when it is a link, not a regular
/// file, owned by another user outside the key's group, or readable or
/// writable by others (anyone could then seal what they like).
pub fn load() -> Result<Option<Key>> {
    let path = key_path()?;
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(&path, &e)),
        Ok(meta) => check_key_file(&path, &meta)?,
    }
    match std::fs::read_to_string(&path) {
        Ok(text) => unhex(&text)
            .map(|k| Some(Key(k)))
            .ok_or_else(|| Error::failed(msg!("seal-key-not-a-key", path = path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(unreadable(&path, &e)),
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> Error {
    Error::failed(msg!(
        "seal-key-unreadable",
        path = path.display(),
        error = crate::ops::bounded::why_io(e)
    ))
}

/// The key file as it must be: a regular file (not a link), owned by this
/// user or in one of this user's groups, and neither readable nor writable
/// by others.
#[cfg(unix)]
fn check_key_file(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let shown = path.display();
    let mode = meta.mode() & 0o7777;
    if meta.file_type().is_symlink() {
        return Err(Error::failed(msg!("seal-key-symlink", path = shown)));
    }
    if !meta.file_type().is_file() {
        return Err(Error::failed(msg!("seal-key-not-a-file", path = shown)));
    }
    let mode_shown = format!("{mode:04o}");
    if mode & 0o007 != 0 {
        return Err(Error::failed(msg!(
            "seal-key-open",
            path = shown,
            mode = mode_shown
        )));
    }
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me && !in_group(meta.gid()) {
        return Err(Error::failed(msg!(
            "seal-key-other-user",
            path = shown,
            uid = meta.uid().to_string(),
            mode = mode_shown
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_key_file(_path: &Path, _meta: &std::fs::Metadata) -> Result<()> {
    Ok(())
}

/// Whether this process is in group `gid`.
#[cfg(unix)]
fn in_group(gid: u32) -> bool {
    // SAFETY: getegid has no preconditions; getgroups writes at most `n`
    // entries into a buffer of `n`.
    unsafe {
        if libc::getegid() == gid {
            return true;
        }
        let n = libc::getgroups(0, std::ptr::null_mut());
        if n <= 0 {
            return false;
        }
        let mut groups = vec![0 as libc::gid_t; n as usize];
        let n = libc::getgroups(n, groups.as_mut_ptr());
        n > 0 && groups[..n as usize].contains(&gid)
    }
}

/// The key, made on first use: 32 random bytes in a new file only its
/// owner can read, published at once (a second process making one at the
/// same moment reads the first one's).
pub fn load_or_create() -> Result<Key> {
    if let Some(k) = load()? {
        return Ok(k);
    }
    let path = key_path()?;
    let failed = |e: std::io::Error| {
        Error::failed(msg!(
            "seal-key-cannot-make",
            path = path.display(),
            error = crate::ops::bounded::why_io(&e)
        ))
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(failed)?;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::failed(msg!("seal-key-no-randomness", error = e.to_string())))?;
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    std::fs::write(tmp.path(), hex(&bytes) + "\n").map_err(failed)?;
    // In a key folder shared with a group (set-group-ID, as the README
    // sets it up), the key is the group's to read: every lead seals with it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2000 != 0) {
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o640))
                .map_err(failed)?;
        }
    }
    match std::fs::hard_link(tmp.path(), &path) {
        Ok(()) => Ok(Key(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load()?.ok_or_else(|| failed(e)),
        Err(e) => Err(failed(e)),
    }
}

/// A sealed head of a store: what `merit seal` prints and every write
/// keeps beside the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub store: String,
    pub ledger_entries: i64,
    pub ledger_hash: String,
    pub audit_entries: i64,
    pub audit_hash: String,
    pub at: String,
    pub mac: String,
}

impl Checkpoint {
    fn fields(&self) -> [String; 6] {
        [
            self.store.clone(),
            self.ledger_entries.to_string(),
            self.ledger_hash.clone(),
            self.audit_entries.to_string(),
            self.audit_hash.clone(),
            self.at.clone(),
        ]
    }

    pub fn sealed(mut self, key: &Key) -> Checkpoint {
        let f = self.fields();
        let parts: Vec<&str> = f.iter().map(String::as_str).collect();
        self.mac = key.mac(&parts);
        self
    }

    pub fn is_sealed_by(&self, key: &Key) -> bool {
        let f = self.fields();
        let parts: Vec<&str> = f.iter().map(String::as_str).collect();
        key.mac(&parts) == self.mac
    }

    /// One line to paste into a chat or a ticket.
    pub fn line(&self) -> String {
        format!(
            "merit-checkpoint 1 store={} ledger={}:{} audit={}:{} at={} mac={}",
            self.store,
            self.ledger_entries,
            self.ledger_hash,
            self.audit_entries,
            self.audit_hash,
            self.at.replace(' ', "T"),
            self.mac
        )
    }

    pub fn parse(line: &str) -> Option<Checkpoint> {
        let mut words = line.split_whitespace();
        if words.next()? != "merit-checkpoint" || words.next()? != "1" {
            return None;
        }
        let mut get = |name: &str| -> Option<String> {
            words
                .next()?
                .strip_prefix(name)?
                .strip_prefix('=')
                .map(str::to_string)
        };
        let store = get("store")?;
        let ledger = get("ledger")?;
        let audit = get("audit")?;
        let at = get("at")?.replace('T', " ");
        let mac = get("mac")?;
        let split = |s: &str| -> Option<(i64, String)> {
            let (n, h) = s.split_once(':')?;
            Some((n.parse().ok()?, h.to_string()))
        };
        let (ledger_entries, ledger_hash) = split(&ledger)?;
        let (audit_entries, audit_hash) = split(&audit)?;
        Some(Checkpoint {
            store,
            ledger_entries,
            ledger_hash,
            audit_entries,
            audit_hash,
            at,
            mac,
        })
    }
}

/// The store's file as the checkpoint knows it: every link and `..`
/// resolved, so one store has one checkpoint however it is reached (a file
/// not made yet: its folder resolved).
pub fn canonical_store(store: &Path) -> PathBuf {
    if crate::store::is_postgres(store) {
        // A database is where its URL says, whatever password reaches it.
        return PathBuf::from(crate::store::shown(store));
    }
    if let Ok(p) = std::fs::canonicalize(store) {
        return p;
    }
    let absolute = std::path::absolute(store).unwrap_or_else(|_| store.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

/// The local checkpoint of store `id` at `store` (its file): in
/// `checkpoints/` beside the key, by the id the store carries and its
/// canonical path, so an older copy put back in its place is recognised
/// however the path reaches it (a copy elsewhere is a store of its own).
pub fn local_checkpoint(id: &str, store: &Path) -> Result<PathBuf> {
    use sha2::Digest;
    let key = key_path()?;
    let dir = key.parent().unwrap_or(Path::new("."));
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let place = canonical_store(store);
    let where_ = hex(&sha2::Sha256::digest(place.to_string_lossy().as_bytes())[..8]);
    Ok(dir.join("checkpoints").join(format!("{safe}-{where_}.txt")))
}

/// This machine's name, as a seal records where its checkpoint was kept.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: gethostname writes at most `len` bytes into `buf`.
        let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if r == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            return String::from_utf8_lossy(&buf[..end]).into_owned();
        }
    }
    String::from("localhost")
}

/// The folder checkpoints are kept in and the mode of what merit makes
/// there: private (0700, files 0600) beside a private key; the group's
/// (2770, files 0660) when the key's folder is shared with a group (mode
/// g+rwx or set-group-ID), as the README's shared-key setup makes it, so
/// every lead of the group reads and updates the same checkpoints.
fn checkpoint_modes(dir: &Path) -> (u32, u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let key_dir = dir.parent().unwrap_or(Path::new("."));
        if let Ok(m) = std::fs::metadata(key_dir)
            && (m.mode() & 0o2000 != 0 || m.mode() & 0o070 == 0o070)
        {
            return (0o2770, 0o660);
        }
    }
    let _ = dir;
    (0o700, 0o600)
}

/// Writes a checkpoint line to `path` at once, whole or not at all (a new
/// file renamed into place); a local checkpoint's folder is made with the
/// key folder's access (`checkpoint_modes`).
pub fn write_checkpoint(path: &Path, c: &Checkpoint) -> Result<()> {
    write_checkpoint_text(path, &(c.line() + "\n"))
}

fn write_checkpoint_text(path: &Path, text: &str) -> Result<()> {
    let failed = |e: std::io::Error| {
        Error::failed(msg!(
            "seal-checkpoint-unwritable",
            path = path.display(),
            error = crate::ops::bounded::why_io(&e)
        ))
    };
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return std::fs::write(path, text).map_err(failed);
    };
    let (dir_mode, file_mode) = checkpoint_modes(dir);
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, dir_mode & 0o777);
        builder.create(dir).map_err(failed)?;
        #[cfg(unix)]
        if dir_mode & 0o2000 != 0 {
            use std::os::unix::fs::PermissionsExt;
            // The umask may have taken the group's bits; set-group-ID so
            // files made there take the group.
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(dir_mode))
                .map_err(failed)?;
        }
    }
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    std::fs::write(tmp.path(), text).map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(file_mode))
            .map_err(failed)?;
    }
    let _ = file_mode;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Keeps the checkpoint at `path` beside it, under a name of its own
/// (`….replaced-<when>.txt`), before a deliberate reseal replaces it.
/// Returns where it went, if there was one.
pub fn keep_replaced_checkpoint(path: &Path, when: &str) -> Result<Option<PathBuf>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(checkpoint_unreadable(path, &e)),
    };
    let stamp: String = when.chars().filter(char::is_ascii_digit).collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kept = path.with_file_name(format!("{stem}.replaced-{stamp}.txt"));
    write_checkpoint_text(&kept, &text)?;
    Ok(Some(kept))
}

/// What a checkpoint file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointFile {
    /// No such file.
    Missing,
    /// A checkpoint line.
    Holds(Checkpoint),
    /// Something that is not one (damaged, or replaced).
    Garbage,
}

/// The checkpoint in `path`, if it holds one; an unreadable file is an
/// error (exit 1).
pub fn read_checkpoint_file(path: &Path) -> Result<CheckpointFile> {
    match crate::ops::bounded::read_small(path, crate::ops::bounded::MAX_SMALL_FILE) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            Ok(text
                .lines()
                .rev()
                .find_map(Checkpoint::parse)
                .map_or(CheckpointFile::Garbage, CheckpointFile::Holds))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CheckpointFile::Missing),
        Err(e) => Err(checkpoint_unreadable(path, &e)),
    }
}

fn checkpoint_unreadable(path: &Path, e: &std::io::Error) -> Error {
    Error::failed(msg!(
        "seal-checkpoint-unreadable",
        path = path.display(),
        error = crate::ops::bounded::why_unreadable(e)
    ))
}

/// Warnings a write leaves for the front to word and show (a checkpoint
/// it could not write): taken once.
static WARNINGS: std::sync::Mutex<Vec<Msg>> = std::sync::Mutex::new(Vec::new());

pub fn warn(m: Msg) {
    if let Ok(mut w) = WARNINGS.lock() {
        w.push(m);
    }
}

pub fn take_warnings() -> Vec<Msg> {
    WARNINGS
        .lock()
        .map(|mut w| std::mem::take(&mut *w))
        .unwrap_or_default()
}

/// The date a process was told is today (`--today`, `MERIT_TODAY`), when
/// it is not the clock's: every write made under it is audited with both.
static FIXED_TODAY: std::sync::OnceLock<chrono::NaiveDate> = std::sync::OnceLock::new();

pub fn fix_today(day: chrono::NaiveDate) {
    let _ = FIXED_TODAY.set(day);
}

/// The fixed date and the clock's, when they differ.
pub fn fixed_today() -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let fixed = *FIXED_TODAY.get()?;
    let clock = chrono::Local::now().date_naive();
    (fixed != clock).then_some((fixed, clock))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_line_reads_back_and_its_seal_holds_only_for_its_key() {
        let k = Key([7; 32]);
        let c = Checkpoint {
            store: "abc".into(),
            ledger_entries: 16,
            ledger_hash: "ff".into(),
            audit_entries: 40,
            audit_hash: "ee".into(),
            at: "2026-12-01 09:00:00".into(),
            mac: String::new(),
        }
        .sealed(&k);
        let back = Checkpoint::parse(&c.line()).unwrap();
        assert_eq!(back, c);
        assert!(back.is_sealed_by(&k));
        assert!(!back.is_sealed_by(&Key([8; 32])));
        let mut forged = back.clone();
        forged.ledger_entries = 15;
        assert!(!forged.is_sealed_by(&k));
    }
}
