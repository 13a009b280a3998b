//! `merit demo`, `merit import`, `merit rules import|export`.

use super::{ImportWhat, RulesCommand};
use crate::error::Result;
use crate::ops::Context;
use crate::ops::demo::{DemoOptions, write_demo};
use crate::ops::import::{ImportKind, import_file};
use crate::store::Store;
use std::path::Path;

/// Writes a demo store at `path`. A refused demo leaves no file behind
/// where there was none.
pub fn demo(path: &Path, ctx: &Context, opts: DemoOptions) -> Result<()> {
    let existed = path.exists();
    let written = Store::open(path).and_then(|mut store| {
        let s = write_demo(&mut store, ctx, opts)?;
        say_demo(&store, ctx, &s);
        Ok(())
    });
    if written.is_err() && !existed {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(p));
        }
    }
    written
}

fn say_demo(store: &Store, ctx: &Context, s: &crate::ops::demo::DemoSummary) {
    say!(
        "demo store written to {}: {} members, {} activities; {} awards approved, {} pending (today is {})",
        store.path().display(),
        s.members,
        s.activities,
        s.approved,
        s.pending,
        ctx.today
    );
}

pub fn import(store: &mut Store, ctx: &Context, what: ImportWhat, file: &Path) -> Result<()> {
    let kind = match what {
        ImportWhat::Members => ImportKind::Members,
        ImportWhat::Activities => ImportKind::Activities,
        ImportWhat::Targets => ImportKind::Targets,
    };
    let s = import_file(store, ctx, kind, file)?;
    say!(
        "imported {} from {}: {} new, {} updated, {} unchanged",
        kind.as_str(),
        file.display(),
        s.inserted,
        s.updated,
        s.unchanged
    );
    Ok(())
}

pub fn rules(store: &mut Store, ctx: &Context, command: RulesCommand) -> Result<()> {
    match command {
        RulesCommand::Import { file, allow_empty } => {
            let n = crate::ops::rules::import_rules(store, ctx, &file, allow_empty)?;
            say!("rules imported from {}: {n} rule versions", file.display());
        }
        RulesCommand::Export => print!("{}", crate::ops::rules::export(store)?),
        RulesCommand::Handbook { as_of } => {
            let day = match as_of {
                Some(d) => crate::domain::parse_date(&d)
                    .map_err(|e| crate::error::Error::Usage(format!("--as-of: {e}")))?,
                None => ctx.today,
            };
            let text = crate::rules::handbook(&store.db().rules()?, day);
            print!("{}", crate::text::visible_lines(&text));
        }
    }
    Ok(())
}
