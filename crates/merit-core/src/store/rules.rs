//! Rules and settings, kept one row per rule version; read back through the
//! same parser as a rules file, so the store can hold nothing it would refuse.
//! A version that a later change replaced keeps its row, marked with who
//! replaced it and when: the rules in force are the rows not replaced.

use super::{Db, Tx, date_text};
use crate::error::{Error, Result};
use crate::rules::{RuleSet, RuleVersion, parse_stored_rules, parse_version, rule_body_toml};
use crate::store::sql::args;

/// One stored rule version with its history.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRule {
    pub seq: i64,
    pub version: RuleVersion,
    pub saved_at: Option<String>,
    pub saved_by: Option<String>,
    pub replaced_at: Option<String>,
    pub replaced_by: Option<String>,
}

impl Db<'_> {
    /// The rules in force and the settings.
    pub fn rules(&self) -> Result<RuleSet> {
        let mut doc = String::new();
        let months: Option<String> = self
            .0
            .query_row(
                "SELECT value FROM settings WHERE key = 'expire_after_months'",
                args![],
                |r| r.get(0),
            )
            .ok();
        if let Some(m) = months {
            doc.push_str(&format!("[settings]\nexpire_after_months = {m}\n\n"));
        }
        let mut st = self
            .0
            .prepare("SELECT body FROM rules WHERE replaced_at IS NULL ORDER BY seq")?;
        let bodies = st.query_map(args![], |r| r.get::<String>(0))?;
        for body in bodies {
            doc.push_str("[[rules]]\n");
            doc.push_str(&body);
            doc.push('\n');
        }
        parse_stored_rules(&doc).map_err(|errors| {
            Error::failed(crate::msg!(
                "store-rules-unreadable",
                problem = errors
                    .first()
                    .map_or(crate::msg!("store-malformed"), |e| e.to_msg())
            ))
        })
    }

    /// The row numbers of the rules in force, in the order `rules` gives them.
    pub fn rule_seqs(&self) -> Result<Vec<i64>> {
        let mut st = self
            .0
            .prepare("SELECT seq FROM rules WHERE replaced_at IS NULL ORDER BY seq")?;
        let rows = st.query_map(args![], |r| r.get(0))?;
        Ok(rows.into_iter().collect())
    }

    /// Every version ever stored of rule `id`, replaced ones too, oldest first.
    pub fn rule_history(&self, id: &str) -> Result<Vec<StoredRule>> {
        let mut st = self.0.prepare(
            "SELECT seq, body, saved_at, saved_by, replaced_at, replaced_by FROM rules \
             WHERE id = ?1 ORDER BY seq",
        )?;
        let rows = st.query_map(args![id], |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, body, saved_at, saved_by, replaced_at, replaced_by) = row;
            let version = parse_version(&body).map_err(|errors| {
                Error::failed(crate::msg!(
                    "store-rule-version-unreadable",
                    seq = seq.to_string(),
                    problem = errors
                        .first()
                        .map_or(crate::msg!("store-malformed"), |e| e.to_msg())
                ))
            })?;
            out.push(StoredRule {
                seq,
                version,
                saved_at,
                saved_by,
                replaced_at,
                replaced_by,
            });
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// Replaces every rule and setting. The rules replaced stay as history.
    pub fn replace_rules(&self, set: &RuleSet, at: &str, actor: &str) -> Result<()> {
        self.unscore_all()?;
        self.conn().execute(
            "UPDATE rules SET replaced_at = ?1, replaced_by = ?2 WHERE replaced_at IS NULL",
            args![at, actor],
        )?;
        self.conn().execute(
            "DELETE FROM settings WHERE key = 'expire_after_months'",
            args![],
        )?;
        if let Some(m) = set.settings.expire_after_months {
            self.conn().execute(
                "INSERT INTO settings(key, value) VALUES ('expire_after_months', ?1)",
                args![m.to_string()],
            )?;
        }
        self.add_rule_versions(&set.rules, at, actor)
    }

    /// Marks the rows `seqs` replaced.
    pub fn replace_rule_versions(&self, seqs: &[i64], at: &str, actor: &str) -> Result<()> {
        self.unscore_all()?;
        let mut st = self.conn().prepare(
            "UPDATE rules SET replaced_at = ?2, replaced_by = ?3 WHERE seq = ?1 AND replaced_at IS NULL",
        )?;
        for seq in seqs {
            if st.execute(args![seq, at, actor])? != 1 {
                return Err(Error::failed(crate::msg!("store-rules-changed-meanwhile")));
            }
        }
        Ok(())
    }

    pub fn add_rule_versions(&self, versions: &[RuleVersion], at: &str, actor: &str) -> Result<()> {
        self.unscore_all()?;
        let mut st = self.conn().prepare(
            "INSERT INTO rules(id, kind, valid_from, valid_to, active, body, saved_at, saved_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for r in versions {
            st.execute(args![
                r.id,
                r.kind_name(),
                r.valid_from.map(date_text),
                r.valid_to.map(date_text),
                r.active,
                rule_body_toml(r),
                at,
                actor
            ])?;
        }
        Ok(())
    }
}
