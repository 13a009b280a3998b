//! The secret that makes the store's history provable: a 256-bit key kept
//! outside the store (`MERIT_KEY`, else `seal.key` in the user's config
//! directory, mode 0600), the keyed MAC (HMAC-SHA-256) every write seals
//! the store's state with, and checkpoints: one line naming the store, the
//! ledger's and the audit log's length and head, sealed with the key, kept
//! outside the store so a shortened ledger or an older copy of the file put
//! back is recognised.

use crate::error::{Error, Result};
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

/// Where the key is: `MERIT_KEY`, else the config directory's `seal.key`.
pub fn key_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("MERIT_KEY").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "merit")
        .ok_or_else(|| Error::Failed("no home directory for the seal key: set MERIT_KEY".into()))?;
    Ok(dirs.config_dir().join("seal.key"))
}

/// The key, if there is one.
pub fn load() -> Result<Option<Key>> {
    let path = key_path()?;
    match std::fs::read_to_string(&path) {
        Ok(text) => unhex(&text).map(|k| Some(Key(k))).ok_or_else(|| {
            Error::Failed(format!(
                "{}: not a merit seal key (64 hex digits)",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Failed(format!(
            "{}: cannot read the seal key: {e}",
            path.display()
        ))),
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
        Error::Failed(format!(
            "cannot make the seal key at {}: {e} (set MERIT_KEY to a key file)",
            path.display()
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
        .map_err(|e| Error::Failed(format!("no randomness for the seal key: {e}")))?;
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    std::fs::write(tmp.path(), hex(&bytes) + "\n").map_err(failed)?;
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

/// The local checkpoint of store `id` at `store` (its file): beside the
/// key, by the id the store carries and where it lives, so an older copy
/// put back in its place is recognised (a copy elsewhere is a store of its
/// own).
pub fn local_checkpoint(id: &str, store: &Path) -> Result<PathBuf> {
    use sha2::Digest;
    let key = key_path()?;
    let dir = key.parent().unwrap_or(Path::new("."));
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let place = std::path::absolute(store).unwrap_or_else(|_| store.to_path_buf());
    let where_ = hex(&sha2::Sha256::digest(place.to_string_lossy().as_bytes())[..8]);
    Ok(dir.join("checkpoints").join(format!("{safe}-{where_}.txt")))
}

/// Writes a checkpoint line to `path` (its directory made private).
pub fn write_checkpoint(path: &Path, c: &Checkpoint) -> Result<()> {
    let failed = |e: std::io::Error| {
        Error::Failed(format!(
            "{}: cannot write the checkpoint: {e}",
            path.display()
        ))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(failed)?;
        let tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
        std::fs::write(tmp.path(), c.line() + "\n").map_err(failed)?;
        tmp.persist(path).map_err(|e| failed(e.error))?;
        return Ok(());
    }
    std::fs::write(path, c.line() + "\n").map_err(failed)
}

/// The checkpoint in `path`, if it holds one.
pub fn read_checkpoint(path: &Path) -> Result<Option<Checkpoint>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text.lines().rev().find_map(Checkpoint::parse)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Usage(format!(
            "{}: cannot read: {e}",
            path.display()
        ))),
    }
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
