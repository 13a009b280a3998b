//! `merit notify PERIOD`: the digest of a period posted to the team's
//! group robots, one message per robot, each robot tried even when another
//! fails (exit 1 then, naming each that failed). `--dry-run` prints the
//! request bodies and posts, writes and audits nothing. Each robot posted
//! to is audited (its name and platform; never its address or secret).

use crate::domain::Period;
use crate::error::{Error, Result};
use crate::i18n::{Lang, t_in};
use crate::notify::post::{self, Failure};
use crate::notify::{Kind, Robot, render, robots, words};
use crate::ops::Context;
use crate::ops::digest::{Digest, digest, record_posted};
use crate::store::Store;
use std::path::PathBuf;

/// What `merit notify` was asked.
#[derive(Debug)]
pub struct NotifyOptions {
    pub period: Period,
    pub robots: Vec<String>,
    pub file: Option<PathBuf>,
    pub include_pending: bool,
    pub lang: Option<String>,
    pub top: usize,
    pub dry_run: bool,
}

pub fn notify(store: &mut Store, ctx: &Context, o: NotifyOptions) -> Result<()> {
    let lang = match &o.lang {
        None => crate::i18n::current(),
        Some(l) => Lang::parse(l)
            .ok_or_else(|| Error::usage(crate::msg!("notify-bad-lang", lang = l.as_str())))?,
    };
    if o.top == 0 {
        return Err(Error::usage(crate::msg!("notify-top-zero")));
    }
    let file = match o.file.clone() {
        Some(f) => f,
        None => robots::default_path()?,
    };
    let loaded = robots::load(&file)?;
    if let Some(mode) = loaded.loose_mode {
        esay_t!(
            "notify-robots-mode",
            file = file.display(),
            mode = format!("{mode:04o}")
        );
    }
    let chosen = choose(loaded.robots, &o.robots, &file)?;
    let d = digest(store.db(), o.period, ctx.today, o.include_pending, o.top)?;
    let mut failed = 0usize;
    for robot in &chosen {
        let said = if o.dry_run {
            dry_run(robot, &d, lang)
        } else {
            send(store, ctx, robot, &d, lang)
        };
        if let Err(line) = said {
            failed += 1;
            esay!("merit: {line}");
        }
    }
    if failed > 0 {
        return Err(Error::failed(crate::msg!(
            "notify-failed",
            failed = failed,
            total = chosen.len()
        )));
    }
    Ok(())
}

/// The robots `--robot` names (each once, in the file's order), or every
/// robot of the file; an unknown name is a usage error naming it.
fn choose(all: Vec<Robot>, named: &[String], file: &std::path::Path) -> Result<Vec<Robot>> {
    if named.is_empty() {
        return Ok(all);
    }
    if let Some(unknown) = named.iter().find(|n| !all.iter().any(|r| &r.name == *n)) {
        let known: Vec<&str> = all.iter().map(|r| r.name.as_str()).collect();
        return Err(Error::usage(crate::msg!(
            "notify-unknown-robot",
            name = unknown.as_str(),
            file = file.display(),
            known = known.join(t_in(crate::i18n::current(), "list-separator"))
        )));
    }
    Ok(all
        .into_iter()
        .filter(|r| named.contains(&r.name))
        .collect())
}

/// The platform's name in the language in use.
fn platform(kind: Kind) -> &'static str {
    crate::i18n::t(kind.name_id())
}

/// The request body for `robot`, or the line that says why there is none.
fn body_for(
    robot: &Robot,
    d: &Digest,
    lang: Lang,
) -> std::result::Result<serde_json::Value, String> {
    let m = words::message(
        d,
        lang,
        robot.keyword.as_deref(),
        robot.site_url.as_deref(),
        render::escape_for(robot.kind),
    );
    render::body(robot.kind, &m, lang).ok_or_else(|| {
        crate::t!(
            "notify-too-big",
            robot = robot.name.as_str(),
            platform = platform(robot.kind)
        )
    })
}

/// Prints the body `robot` would be sent, its signature left out.
fn dry_run(robot: &Robot, d: &Digest, lang: Lang) -> std::result::Result<(), String> {
    let mut body = body_for(robot, d, lang)?;
    if robot.kind == Kind::Feishu
        && robot.secret.is_some()
        && let Some(o) = body.as_object_mut()
    {
        let later = serde_json::Value::String(crate::t!("notify-dry-sign").to_string());
        o.insert("timestamp".into(), later.clone());
        o.insert("sign".into(), later);
    }
    say_t!(
        "notify-dry-run-robot",
        robot = robot.name.as_str(),
        platform = platform(robot.kind)
    );
    let json = serde_json::to_string_pretty(&body).unwrap_or_default();
    println!("{}", crate::text::visible_lines(&json));
    Ok(())
}

/// Posts to `robot` and audits it; the line that says what failed.
fn send(
    store: &mut Store,
    ctx: &Context,
    robot: &Robot,
    d: &Digest,
    lang: Lang,
) -> std::result::Result<(), String> {
    let body = body_for(robot, d, lang)?;
    let name = robot.name.as_str();
    let p = platform(robot.kind);
    post::post(robot, body).map_err(|f| failure(name, p, &f))?;
    record_posted(
        store,
        ctx,
        d.period,
        name,
        robot.kind.as_str(),
        d.include_pending,
    )
    .map_err(|e| {
        let error = crate::i18n::error_lines(&e).join("; ");
        crate::t!("notify-audit-failed", robot = name, error = error)
    })?;
    say_t!(
        "notify-posted",
        period = d.period,
        robot = name,
        platform = p
    );
    Ok(())
}

/// A failure as the line the lead reads.
fn failure(robot: &str, platform: &str, f: &Failure) -> String {
    match f {
        Failure::Refused(message) => crate::t!(
            "notify-refused",
            robot = robot,
            platform = platform,
            message = message.as_str()
        ),
        Failure::Status(status) => crate::t!(
            "notify-http-status",
            robot = robot,
            platform = platform,
            status = status.to_string()
        ),
        Failure::Timeout(t) => crate::t!(
            "notify-timeout",
            robot = robot,
            platform = platform,
            seconds = seconds(*t)
        ),
        Failure::HostNotFound => {
            crate::t!("notify-host-not-found", robot = robot, platform = platform)
        }
        Failure::Network(reason) => crate::t!(
            "notify-network",
            robot = robot,
            platform = platform,
            reason = reason.as_str()
        ),
        Failure::Unreadable(status) => crate::t!(
            "notify-unreadable",
            robot = robot,
            platform = platform,
            status = status.to_string()
        ),
    }
}

/// A timeout in seconds as people write it (`10`, `0.3`).
fn seconds(t: std::time::Duration) -> String {
    let ms = i64::try_from(t.as_millis()).unwrap_or(i64::MAX);
    rust_decimal::Decimal::new(ms, 3).normalize().to_string()
}
