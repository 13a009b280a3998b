//! Opening the terminal screen: on the store, or (`--demo`) on a fresh demo
//! store in a temporary file that is removed however the screen ends.

use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::demo::{DemoOptions, write_demo};
use crate::store::Store;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub fn open(path: &Path, ctx: Context) -> Result<()> {
    check_terminal()?;
    let store = Store::open(path)?;
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    crate::tui::run(store, ctx, &label, Vec::new())
}

pub fn open_demo(ctx: Context) -> Result<()> {
    check_terminal()?;
    let file =
        TempStore(std::env::temp_dir().join(format!("merit-demo-{}.db", std::process::id())));
    file.remove();
    let mut store = Store::open(&file.0)?;
    write_demo(&mut store, &ctx, DemoOptions::default())?;
    crate::tui::run(store, ctx, "demo (temporary)", file.paths())
}

fn check_terminal() -> Result<()> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        Err(Error::Usage(
            "the screen needs a terminal; for scripts use the commands (`merit --help`)".into(),
        ))
    }
}

/// A store file (and its WAL companions) removed when dropped.
struct TempStore(PathBuf);

impl TempStore {
    fn paths(&self) -> Vec<PathBuf> {
        ["", "-wal", "-shm"]
            .iter()
            .map(|suffix| {
                let mut p = self.0.clone().into_os_string();
                p.push(suffix);
                PathBuf::from(p)
            })
            .collect()
    }

    fn remove(&self) {
        for p in self.paths() {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        self.remove();
    }
}
