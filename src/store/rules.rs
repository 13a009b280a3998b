//! Rules and settings, kept one row per rule version; read back through the
//! same parser as a rules file, so the store can hold nothing it would refuse.

use super::{Db, Tx, date_text};
use crate::error::{Error, Result};
use crate::rules::{RuleSet, parse_rules, rule_body_toml};
use rusqlite::params;

impl Db<'_> {
    pub fn rules(&self) -> Result<RuleSet> {
        let mut doc = String::new();
        let months: Option<String> = self
            .0
            .query_row(
                "SELECT value FROM settings WHERE key = 'expire_after_months'",
                [],
                |r| r.get(0),
            )
            .ok();
        if let Some(m) = months {
            doc.push_str(&format!("[settings]\nexpire_after_months = {m}\n\n"));
        }
        let mut st = self
            .0
            .prepare_cached("SELECT body FROM rules ORDER BY seq")?;
        let bodies = st.query_map([], |r| r.get::<_, String>(0))?;
        for body in bodies {
            doc.push_str("[[rules]]\n");
            doc.push_str(&body?);
            doc.push('\n');
        }
        parse_rules(&doc).map_err(|errors| {
            Error::Failed(format!(
                "the rules in the store do not read back: {}",
                errors.first().map(|e| e.to_string()).unwrap_or_default()
            ))
        })
    }
}

impl Tx<'_> {
    /// Replaces every rule and setting.
    pub fn replace_rules(&self, set: &RuleSet) -> Result<()> {
        self.conn().execute("DELETE FROM rules", [])?;
        self.conn()
            .execute("DELETE FROM settings WHERE key = 'expire_after_months'", [])?;
        if let Some(m) = set.settings.expire_after_months {
            self.conn().execute(
                "INSERT INTO settings(key, value) VALUES ('expire_after_months', ?1)",
                [m.to_string()],
            )?;
        }
        let mut st = self.conn().prepare_cached(
            "INSERT INTO rules(id, kind, valid_from, valid_to, active, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for r in &set.rules {
            st.execute(params![
                r.id,
                r.kind_name(),
                r.valid_from.map(date_text),
                r.valid_to.map(date_text),
                r.active,
                rule_body_toml(r)
            ])?;
        }
        Ok(())
    }
}
