//! Opening the terminal screen: on the store, or (`--demo`) on a fresh demo
//! store in a private temporary directory that is removed however the
//! screen ends.

use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::demo::{DemoOptions, write_demo};
use crate::store::Store;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub fn open(path: &Path, ctx: Context) -> Result<()> {
    check_terminal()?;
    let mut store = Store::open(path)?;
    store.set_actor(ctx.actor.clone());
    let label = merit_core::store::label(path);
    crate::tui::run(store, ctx, &label, Vec::new())
}

pub fn open_demo(ctx: Context) -> Result<()> {
    check_terminal()?;
    let demo = DemoStore::create()?;
    // Removed on a hang-up, SIGTERM or SIGINT too, from before it is written.
    crate::tui::terminal::exit_on_hangup(vec![demo.dir().to_path_buf()])?;
    // Sealed with a key of its own, in its folder: nothing is left in the
    // user's config directory (no key made, no checkpoint).
    crate::seal::use_key_at(demo.dir().join("key").join("seal.key"));
    let mut store = Store::open(&demo.path())?;
    store.set_actor(ctx.actor.clone());
    let opts = DemoOptions {
        language: super::data::demo_language(),
        ..DemoOptions::default()
    };
    write_demo(&mut store, &ctx, opts)?;
    // The demo's folder goes at exit; a site `P` publishes (after asking,
    // naming the folder) is kept in merit's data folder instead.
    if let Some(dirs) = directories::ProjectDirs::from("", "", "merit") {
        crate::publish::keep_sites_in(dirs.data_dir().join("demo-sites"));
    }
    crate::tui::run(store, ctx, crate::i18n::t("demo-temporary"), Vec::new())
}

/// The demo's store: a file in a fresh directory only this user can enter
/// (mode 0700, created exclusively under an unpredictable name), removed
/// with everything in it when dropped.
pub struct DemoStore(tempfile::TempDir);

impl DemoStore {
    pub fn create() -> Result<DemoStore> {
        #[cfg(unix)]
        use std::os::unix::fs::PermissionsExt;
        let mut builder = tempfile::Builder::new();
        builder.prefix("merit-demo-");
        #[cfg(unix)]
        builder.permissions(std::fs::Permissions::from_mode(0o700));
        let dir = builder.tempdir().map_err(|e| {
            Error::failed(crate::msg!("demo-private-directory", error = e.to_string()))
        })?;
        Ok(DemoStore(dir))
    }

    pub fn dir(&self) -> &Path {
        self.0.path()
    }

    pub fn path(&self) -> PathBuf {
        self.0.path().join("demo.db")
    }
}

fn check_terminal() -> Result<()> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        Err(Error::usage(crate::msg!("screen-needs-terminal")))
    }
}
