//! `merit demo`, `merit import`, `merit rules import|export`.

use super::{ImportWhat, RulesCommand};
use crate::error::Result;
use crate::ops::Context;
use crate::ops::demo::{DemoOptions, write_demo};
use crate::ops::import::{ImportKind, import_file};
use crate::store::Store;
use std::path::Path;

pub fn demo(store: &mut Store, ctx: &Context, opts: DemoOptions) -> Result<()> {
    let s = write_demo(store, ctx, opts)?;
    println!(
        "demo store written to {}: {} members, {} activities; {} awards approved, {} pending (today is {})",
        store.path().display(),
        s.members,
        s.activities,
        s.approved,
        s.pending,
        ctx.today
    );
    Ok(())
}

pub fn import(store: &mut Store, ctx: &Context, what: ImportWhat, file: &Path) -> Result<()> {
    let kind = match what {
        ImportWhat::Members => ImportKind::Members,
        ImportWhat::Activities => ImportKind::Activities,
        ImportWhat::Targets => ImportKind::Targets,
    };
    let s = import_file(store, ctx, kind, file)?;
    println!(
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
        RulesCommand::Import { file } => {
            let n = crate::ops::rules::import_rules(store, ctx, &file)?;
            println!("rules imported from {}: {n} rule versions", file.display());
        }
        RulesCommand::Export => print!("{}", crate::ops::rules::export(store)?),
        RulesCommand::Handbook { as_of } => {
            let day = match as_of {
                Some(d) => crate::domain::parse_date(&d)
                    .map_err(|e| crate::error::Error::Usage(format!("--as-of: {e}")))?,
                None => ctx.today,
            };
            print!("{}", crate::rules::handbook(&store.db().rules()?, day));
        }
    }
    Ok(())
}
