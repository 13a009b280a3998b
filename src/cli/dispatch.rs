//! From a parsed command line to the command that runs: the global
//! options applied (language, today, actor, `--demo`), the store found or
//! refused, and each command handed to its family's module.

use super::args::*;
use super::{
    awards, catalog, data, generate, notify, place, progress_bar, reports, safety, screen,
    statement,
};
use crate::domain::Period;
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::demo::DemoOptions;
use crate::store::Store;

pub fn dispatch(cli: Cli) -> Result<()> {
    if let Some(l) = &cli.screen_lang {
        let lang = crate::i18n::Lang::parse(l)
            .ok_or_else(|| Error::usage(crate::msg!("lang-not-known", lang = l)))?;
        crate::i18n::set(lang);
    }
    if generate::run(cli.command.as_ref())? {
        return Ok(());
    }
    let today = place::today(cli.today);
    let ctx = Context::new(today, Context::checked_actor()?);
    if cli.demo {
        if cli.command.is_some() {
            return Err(Error::usage(crate::msg!("demo-takes-no-command")));
        }
        return screen::open_demo(ctx);
    }
    if let Some(Command::Copy { from, to }) = &cli.command {
        return safety::copy(from, to, &ctx);
    }
    let db_path = place::store_path(cli.db)?;
    merit_core::store::check_name(&db_path)?;
    let creates = cli.command.as_ref().is_some_and(Command::creates_store);
    let postgres = merit_core::store::is_postgres(&db_path);
    let existed = merit_core::store::store_exists(&db_path)?;
    // An empty file of the user's own is no store, but stays theirs.
    let file_was_there = !postgres && db_path.exists();
    if !creates && !existed {
        return Err(Error::failed(crate::msg!(
            "no-store-at",
            path = merit_core::store::shown(&db_path)
        )));
    }
    if !postgres {
        place::warn_if_shared_writable(&db_path);
    }
    let Some(command) = cli.command else {
        return screen::open(&db_path, ctx);
    };
    progress_bar::install_if_terminal();
    if creates && !existed && !command.is_dry_run_import() {
        place::make_default_folder(&db_path)?;
    }
    if !existed && command.is_dry_run_import() {
        // A dry run writes nothing: where no store is yet, it reads the
        // file into a throwaway store in a private temporary folder, with
        // a key of its own (it made the store, and a key, for good). A
        // folder the store could not be made in is said as the import
        // itself would say it.
        if !postgres
            && let Some(folder) = db_path.parent().filter(|f| !f.as_os_str().is_empty())
            && !folder.is_dir()
        {
            return Err(Error::failed(crate::msg!(
                "store-cannot-create",
                path = merit_core::store::shown(&db_path),
                error = crate::msg!("file-or-folder-not-found")
            )));
        }
        let tmp = std::env::temp_dir();
        let scratch = tempfile::Builder::new()
            .prefix("merit-dry-run")
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .tempdir_in(&tmp)
            .map_err(|e| {
                let error = merit_core::ops::bounded::why_io(&e);
                Error::failed(crate::msg!(
                    "dry-run-no-scratch",
                    path = tmp.display().to_string(),
                    error = error
                ))
            })?;
        // Removed on a hang-up, SIGTERM or SIGINT too (not `kill -9`).
        crate::tui::terminal::exit_on_hangup(vec![scratch.path().to_path_buf()])?;
        merit_core::seal::use_key_at(scratch.path().join("seal.key"));
        return on_store(&scratch.path().join("dry-run.db"), &ctx, command);
    }
    let done = on_store(&db_path, &ctx, command);
    if done.is_err() && !existed && postgres {
        // A database this failed command set up is left as empty as it was.
        let _ = merit_core::store::remove_if_empty(&db_path);
    }
    if done.is_err() && !existed && !postgres {
        // A store this failed command made is not left behind: a file it
        // made is removed, an empty file it was given left empty again.
        for side in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", db_path.display()));
        }
        if file_was_there {
            let _ = std::fs::File::create(&db_path);
        } else {
            let _ = std::fs::remove_file(&db_path);
        }
    }
    done
}

/// Runs `command` on the store at `db_path` (made there by the commands
/// that make one), handing it to its family.
fn on_store(db_path: &std::path::Path, ctx: &Context, command: Command) -> Result<()> {
    if let Command::Demo {
        members,
        seed,
        activities,
        years,
    } = command
    {
        let opts = DemoOptions {
            members,
            seed,
            language: data::demo_language(),
            activities,
            years,
        };
        return data::demo(db_path, ctx, opts);
    }
    let mut store = Store::open(db_path)?;
    store.set_actor(ctx.actor.clone());
    let store = &mut store;
    match command {
        c @ (Command::Import { .. }
        | Command::Publish { .. }
        | Command::Notify { .. }
        | Command::Statement { .. }
        | Command::Export { .. }
        | Command::Rules { .. }) => data_and_reports(store, ctx, c),
        c @ (Command::Recalc { .. }
        | Command::Approve { .. }
        | Command::Reject { .. }
        | Command::Award { .. }
        | Command::Dispute { .. }
        | Command::Resolve { .. }) => awards_and_disputes(store, ctx, c),
        c @ (Command::Catalog { .. }
        | Command::Redeem { .. }
        | Command::Redemptions { .. }
        | Command::Balance { .. }
        | Command::Expire { .. }) => rewards(store, ctx, c),
        c @ (Command::Standings { .. } | Command::Ledger { .. }) => {
            standings_and_ledger(store, ctx, c)
        }
        c => periods_and_safety(store, ctx, c),
    }
}

/// Imports, rules, the site, statements and exports.
fn data_and_reports(store: &mut Store, ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Import {
            kind,
            file,
            map,
            sheet,
            encoding,
            dry_run,
        } => {
            let opts = crate::ops::crm::ImportOptions {
                map,
                sheet,
                encoding,
                dry_run,
            };
            data::import(store, ctx, kind, &file, &opts)
        }
        Command::Publish {
            period,
            out,
            lang,
            include_pending,
            with_standings,
        } => {
            let o = |lang| crate::publish::PublishOptions {
                lang,
                include_pending,
                with_standings,
            };
            publish_site(store, ctx, period, &out, lang.as_deref(), o)
        }
        Command::Notify {
            period,
            robot,
            robots,
            include_pending,
            lang,
            top,
            dry_run,
        } => {
            let o = notify::NotifyOptions {
                period,
                robots: robot,
                file: robots,
                include_pending,
                lang,
                top,
                dry_run,
            };
            notify::notify(store, ctx, o)
        }
        Command::Statement {
            member,
            period,
            format,
        } => statement::statement(store, &member, period, ctx.today, format),
        Command::Export {
            command:
                ExportCommand::Payroll {
                    period,
                    rate,
                    out,
                    require_closed,
                },
        } => data::payroll(
            store,
            ctx,
            period,
            rate.as_deref(),
            out.as_deref(),
            require_closed,
        ),
        Command::Rules { command } => data::rules(store, ctx, command),
        _ => unreachable!("on_store routes only these here"),
    }
}

/// `merit publish`: the site in `--lang`, else the language in use.
fn publish_site(
    store: &Store,
    ctx: &Context,
    period: Period,
    out: &std::path::Path,
    lang: Option<&str>,
    options: impl FnOnce(crate::publish::Lang) -> crate::publish::PublishOptions,
) -> Result<()> {
    let lang = match lang {
        None => crate::i18n::current(),
        Some(l) => crate::publish::Lang::parse(l)
            .ok_or_else(|| Error::usage(crate::msg!("lang-not-known", lang = l)))?,
    };
    let p = crate::publish::publish(store.db(), period, ctx.today, out, options(lang))?;
    say_t!(
        "cli-published",
        period = period,
        out = out.display(),
        pages = p.pages - 1
    );
    Ok(())
}

/// Recalculation, approvals, manual awards and disputes.
fn awards_and_disputes(store: &mut Store, ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Recalc { period, dry_run } => awards::recalc(store, ctx, period, dry_run),
        Command::Approve {
            period,
            member,
            rule,
            dry_run,
        } => awards::approve(store, ctx, period, member, rule, dry_run),
        Command::Reject {
            period,
            reason,
            member,
            rule,
        } => awards::reject(store, ctx, period, member, rule, &reason),
        Command::Award {
            member,
            points,
            reason,
            date,
            category,
        } => awards::award(store, ctx, member, &points, reason, date, category),
        Command::Dispute { award, reason } => {
            match crate::ops::disputes::dispute(store, ctx, award, &reason)? {
                crate::domain::Status::Approved => {
                    say_t!("cli-disputed-approved", award = award)
                }
                _ => say_t!("cli-awards-and-disputes", award = award),
            }
            Ok(())
        }
        Command::Resolve {
            award,
            accept,
            reject: _,
            points,
            reason,
        } => awards::resolve(store, ctx, award, accept, points, reason.as_deref()),
        _ => unreachable!("on_store routes only these here"),
    }
}

/// The catalog, redemptions, balances and expiry.
fn rewards(store: &mut Store, ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Catalog { command } => match command {
            CatalogCommand::Import { file } => catalog::import(store, ctx, &file),
            CatalogCommand::List { format } => catalog::list(store, format),
        },
        Command::Redeem {
            member,
            reward,
            qty,
        } => catalog::redeem(store, ctx, &member, &reward, qty),
        Command::Redemptions {
            command,
            status,
            format,
        } => match command {
            None => catalog::queue(store, status, format),
            Some(RedemptionsCommand::Approve { ids }) => {
                catalog::decide(store, ctx, &ids, crate::domain::Status::Approved, None)
            }
            Some(RedemptionsCommand::Reject { ids, reason }) => catalog::decide(
                store,
                ctx,
                &ids,
                crate::domain::Status::Rejected,
                Some(&reason),
            ),
        },
        Command::Balance { member, format } => {
            catalog::balance(store, ctx, member.as_deref(), format)
        }
        Command::Expire { as_of } => catalog::expire(store, ctx, as_of.unwrap_or(ctx.today)),
        _ => unreachable!("on_store routes only these here"),
    }
}

/// Standings and the ledger, for people and scripts.
fn standings_and_ledger(store: &mut Store, ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Standings {
            period,
            teams,
            include_pending,
            by,
            format,
        } => reports::standings(store, period, teams, include_pending, by.is_some(), format),
        Command::Ledger {
            member,
            period,
            status,
            format,
        } => reports::ledger(store, member, period, status, format, ctx.today),
        _ => unreachable!("on_store routes only these here"),
    }
}

/// Closing and reopening periods, verify, seal and the audit log.
fn periods_and_safety(store: &mut Store, ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Close { period } => safety::close_period(store, ctx, period),
        Command::Reopen { period, reason } => safety::reopen_period(store, ctx, period, &reason),
        Command::Verify { checkpoint, quick } => safety::verify(store, &checkpoint, quick),
        Command::Seal {
            out,
            accept: true,
            reason,
        } => safety::accept(
            store,
            ctx,
            reason.as_deref().unwrap_or_default(),
            out.as_deref(),
        ),
        Command::Seal { out, .. } => {
            let c = crate::ops::verify::seal(store, out.as_deref())?;
            // A line for machines (and for pasting): never translated.
            println!("{}", crate::text::visible(&c.line()));
            Ok(())
        }
        Command::Audit {
            since,
            actor,
            format,
        } => safety::audit(store, since, actor, format),
        _ => unreachable!("on_store routes only these here"),
    }
}
