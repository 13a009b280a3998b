//! The use cases both fronts share: import, rules, recalc, decisions,
//! manual awards, standings, the ledger listing and the demo store.
//! Nothing here renders; everything that writes does so in one transaction.

mod ahead;
pub mod award;
pub mod bounded;
pub mod catalog;
pub mod copy;
pub mod crm;
pub mod decide;
pub mod demo;
pub mod digest;
pub mod disputes;
pub mod encoding;
pub mod import;
pub mod ledger;
pub mod members;
pub mod out_file;
pub mod payroll;
pub mod periods;
pub mod preview;
pub mod recalc;
pub mod recalc_plan;
pub mod rules;
pub mod said;
pub mod standings;
pub mod statement;
pub mod verify;
pub mod weekly;

use chrono::NaiveDate;

/// Who is acting and what day it is.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: NaiveDate,
    pub actor: String,
    /// A fixed timestamp for decisions (tests and snapshots); `None`: the clock.
    pub fixed_now: Option<String>,
}

impl Context {
    pub fn new(today: NaiveDate, actor: impl Into<String>) -> Context {
        Context {
            today,
            actor: actor.into(),
            fixed_now: None,
        }
    }

    /// The actor from the environment: `MERIT_USER`, else the login name
    /// (`USER`/`LOGNAME`, else the process's user in the password file).
    pub fn actor_from_env() -> String {
        crate::store::actor_from_env()
    }

    /// `actor_from_env`, refused when it holds a control, bidi or other
    /// hidden character: it would reach other leads' terminals.
    pub fn checked_actor() -> crate::error::Result<String> {
        let actor = Self::actor_from_env();
        if actor.chars().any(crate::text::is_hidden) {
            let problem = crate::msg!(
                "value-actor-hidden",
                actor = crate::text::visible(&actor).into_owned()
            );
            let at = crate::domain::input::field("MERIT_USER", problem);
            return Err(crate::error::Error::usage(at));
        }
        Ok(actor)
    }

    /// A timestamp for decisions and the audit log (local time).
    pub fn now(&self) -> String {
        match &self.fixed_now {
            Some(t) => t.clone(),
            None => chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        }
    }
}
