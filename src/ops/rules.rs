//! Rules import (validated as a whole, replacing every rule) and export.

use super::Context;
use crate::error::{Error, Result};
use crate::rules::{RuleSet, export_rules, parse_rules};
use crate::store::Store;
use std::path::Path;

/// Reads and validates a rules file; errors name `file:line: rule 'id': key`.
pub fn read_rules_file(path: &Path) -> Result<RuleSet> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| Error::Usage(format!("{name}: cannot read: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::BadInput(vec![format!("{name}: not valid UTF-8")]))?;
    parse_rules(&text).map_err(|errors| {
        let mut lines: Vec<String> = errors
            .iter()
            .map(|e| match e.line {
                Some(_) => format!("{name}:{e}"),
                None => format!("{name}: {e}"),
            })
            .collect();
        lines.push(format!("{name}: no rule was changed"));
        Error::BadInput(lines)
    })
}

/// Replaces the store's rules with those of `path`.
pub fn import_rules(store: &mut Store, ctx: &Context, path: &Path) -> Result<usize> {
    let set = read_rules_file(path)?;
    let tx = store.write()?;
    tx.replace_rules(&set)?;
    tx.audit(
        &ctx.now(),
        &ctx.actor,
        "rules import",
        &format!("{}: {} rule versions", path.display(), set.rules.len()),
    )?;
    tx.commit()?;
    Ok(set.rules.len())
}

/// The store's rules as TOML.
pub fn export(store: &Store) -> Result<String> {
    Ok(export_rules(&store.db().rules()?))
}
