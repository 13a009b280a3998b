//! The command line (SPEC §7): argument parsing with clap and dispatch to
//! one module per command family. No business logic here.

/// `println!` for a line a person reads: in the language in use
/// (`i18n::render`), and made `text::visible`, so stored text (names,
/// actors, reasons) never drives the terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", crate::text::visible(&crate::i18n::render(&format!($($arg)*))))
    };
}

/// `eprintln!` like `say!`, for a line on stderr.
macro_rules! esay {
    ($($arg:tt)*) => {
        eprintln!("{}", crate::text::visible(&crate::i18n::render(&format!($($arg)*))))
    };
}

mod awards;
mod catalog;
mod data;
pub mod help_zh;
pub mod output;
mod progress_bar;
mod reports;
mod safety;
mod screen;
mod xlsx;

use crate::domain::{Period, parse_date};
use crate::error::{Error, Result};
use crate::ops::Context;
use crate::ops::demo::DemoOptions;
use crate::store::Store;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use output::Format;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "merit",
    version,
    about = "A points ledger for sales teams: rules, approvals, standings, rewards.",
    after_help = "Without a command, merit opens the terminal screen on the store."
)]
pub struct Cli {
    /// The store file (default: the platform data directory's merit/merit.db).
    #[arg(long, global = true, env = "MERIT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Fix today's date (YYYY-MM-DD), for tests and demos.
    #[arg(long, global = true, env = "MERIT_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Open the screen on a fresh demo store, removed at exit.
    #[arg(long)]
    pub demo: bool,
    /// The screen's language: en or zh-CN (default: MERIT_LANG, else the locale).
    #[arg(long = "lang", value_name = "LANG")]
    pub screen_lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a realistic demo store at --db (refuses a non-empty store).
    Demo {
        /// How many members.
        #[arg(long, default_value_t = 25)]
        members: usize,
        /// Seed: the same seed and --today give the same store.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Exactly this many activities, reaching back as many weeks as it
        /// takes (default: a year's worth).
        #[arg(long, value_name = "N")]
        activities: Option<usize>,
        /// Put every activity within the last Y calendar years (today's the
        /// last); with --activities, as dense as that makes them.
        #[arg(long, value_name = "Y")]
        years: Option<u32>,
    },
    /// Import members, activities or targets from CSV or a CRM's export
    /// (xlsx, xls, ods; CSV in UTF-8, UTF-16 or GBK): all rows or none.
    Import {
        #[arg(value_enum)]
        kind: ImportWhat,
        file: PathBuf,
        /// A TOML file whose [import.<kind>] table maps the export's columns.
        #[arg(long, value_name = "FILE")]
        map: Option<PathBuf>,
        /// The workbook's sheet (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// utf-8, utf-16, gbk or gb18030 (default: detected).
        #[arg(long, value_name = "E")]
        encoding: Option<String>,
        /// Show the first rows as merit reads them and what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Publish PERIOD to the team: a static site (index.html, a statement
    /// page per member under m/) and standings.md for a team chat.
    Publish {
        period: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// en or zh-CN.
        #[arg(long, value_name = "LANG", default_value = "en")]
        lang: String,
        /// Rank with pending points too (the pages say so).
        #[arg(long)]
        include_pending: bool,
        /// Members' pages link to the standings.
        #[arg(long)]
        with_standings: bool,
    },
    /// A member's points statement for PERIOD (default: the current quarter).
    Statement {
        member: String,
        period: Option<String>,
        #[arg(long, value_enum, default_value_t = StatementFormat::Text)]
        format: StatementFormat,
    },
    /// Exports for other systems.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Rules as TOML.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Recompute awards for PERIOD (default: every period with data).
    Recalc {
        period: Option<String>,
        /// Count the changes without writing them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Approve the pending awards of PERIOD that match.
    Approve {
        period: String,
        #[arg(long, value_name = "CODE")]
        member: Option<String>,
        #[arg(long, value_name = "ID")]
        rule: Option<String>,
        /// Say what would be approved without approving it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Reject the pending awards of PERIOD that match.
    Reject {
        period: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long, value_name = "CODE")]
        member: Option<String>,
        #[arg(long, value_name = "ID")]
        rule: Option<String>,
    },
    /// Enter a manual award (or a deduction, with negative POINTS); it starts pending.
    Award {
        member: String,
        #[arg(allow_hyphen_values = true)]
        points: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// The award's date (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, value_name = "C", default_value = "manual")]
        category: String,
    },
    /// Dispute award AWARD: it cannot be approved until resolved.
    Dispute {
        award: i64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Resolve the dispute of AWARD: --accept (with --points P, a correcting
    /// manual award) or --reject.
    Resolve {
        /// The disputed award's number (`merit ledger` shows it).
        award: i64,
        /// Accept the dispute (the award stays; --points corrects it).
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        accept: bool,
        /// Reject the dispute: the award stays as it is (needs --reason).
        #[arg(long)]
        reject: bool,
        /// With --accept: a correcting manual award of P points, pending like any other.
        #[arg(long, value_name = "P", allow_hyphen_values = true)]
        points: Option<String>,
        /// Why (needed to reject; optional to accept).
        #[arg(long, value_name = "TEXT", required_if_eq("reject", "true"))]
        reason: Option<String>,
    },
    /// Standings of PERIOD.
    Standings {
        period: String,
        /// Rank teams instead of members.
        #[arg(long)]
        teams: bool,
        /// Count pending awards too.
        #[arg(long)]
        include_pending: bool,
        /// `category`: each member's points split by rule category (members only).
        #[arg(long, value_name = "WHAT", value_parser = ["category"])]
        by: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Awards of every status, one row each.
    Ledger {
        #[arg(long, value_name = "CODE")]
        member: Option<String>,
        #[arg(long, value_name = "P")]
        period: Option<String>,
        /// pending (approvable now), provisional (pending, for a period
        /// that has not ended), approved or rejected.
        #[arg(long, value_name = "S", value_enum)]
        status: Option<LedgerStatusArg>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The reward catalog.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Ask for a reward for a member; it starts pending.
    Redeem {
        member: String,
        reward: String,
        #[arg(long, default_value_t = 1)]
        qty: i64,
    },
    /// The redemption queue; `approve ID…` / `reject ID… --reason TEXT`.
    Redemptions {
        #[command(subcommand)]
        command: Option<RedemptionsCommand>,
        #[arg(long, value_name = "S", value_enum)]
        status: Option<StatusArg>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Balances, available points, next reward, points expiring in 30 days.
    Balance {
        member: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Post expiry entries for lots whose last day is before DATE (default today).
    Expire {
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Close PERIOD: awards dated in it never change (refused while any is pending).
    Close { period: String },
    /// Open a closed PERIOD again.
    Reopen {
        period: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Check the store: SQLite's integrity check, the ledger's and audit
    /// log's hash chains, the seal, balances, postings, decisions, and the
    /// checkpoints (exit 1 naming what is wrong).
    Verify {
        /// A checkpoint (from `merit seal`) the store must still contain.
        #[arg(long, value_name = "FILE")]
        checkpoint: Vec<PathBuf>,
        /// SQLite's quick check instead of its full one: indexes are not
        /// checked against their tables.
        #[arg(long)]
        quick: bool,
    },
    /// Verify the store, seal it, and print its checkpoint line (also kept
    /// beside the key; --out FILE writes it there too).
    Seal {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Reseal the store as it is after a change outside merit: shows
        /// what differs from the last seal, keeps the earlier checkpoint
        /// beside the new one, and audits it (needs --reason).
        #[arg(long, requires = "reason")]
        accept: bool,
        /// Why the store is accepted as it is.
        #[arg(long, value_name = "TEXT", requires = "accept")]
        reason: Option<String>,
    },
    /// The audit log: every write, who made it, when, what changed.
    Audit {
        /// Entries on or after this day.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only this actor's entries.
        #[arg(long, value_name = "NAME")]
        actor: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Replace every rule with those of FILE (validated as a whole).
    Import {
        file: PathBuf,
        /// Accept a file with no [[rules]]: every rule is retired.
        #[arg(long)]
        allow_empty: bool,
    },
    /// Print the rules as TOML.
    Export,
    /// Print a Markdown handbook of the rules in force (default: today).
    Handbook {
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatementFormat {
    Text,
    Markdown,
    Html,
    Csv,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// A period's approved points per member (and money at --rate per
    /// point) for HR, as CSV, or as XLSX with --out FILE.xlsx.
    Payroll {
        period: String,
        /// Money per point, an exact decimal.
        #[arg(long, value_name = "R", allow_hyphen_values = true)]
        rate: Option<String>,
        /// Write to FILE (.xlsx: a workbook; else CSV) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Refuse (exit 1) unless the period is closed.
        #[arg(long)]
        require_closed: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportWhat {
    Members,
    Activities,
    Targets,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Pending,
    Approved,
    Rejected,
}

impl StatusArg {
    pub fn status(self) -> crate::domain::Status {
        use crate::domain::Status;
        match self {
            StatusArg::Pending => Status::Pending,
            StatusArg::Approved => Status::Approved,
            StatusArg::Rejected => Status::Rejected,
        }
    }
}

/// The ledger's status filter: as shown, so provisional awards (pending
/// for a period that has not ended) have their own.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LedgerStatusArg {
    Pending,
    Provisional,
    Approved,
    Rejected,
}

impl LedgerStatusArg {
    pub fn shown(self) -> crate::ops::ledger::ShownStatus {
        use crate::ops::ledger::ShownStatus;
        match self {
            LedgerStatusArg::Pending => ShownStatus::Pending,
            LedgerStatusArg::Provisional => ShownStatus::Provisional,
            LedgerStatusArg::Approved => ShownStatus::Approved,
            LedgerStatusArg::Rejected => ShownStatus::Rejected,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum CatalogCommand {
    /// Add or update rewards from CSV: code,name,cost,stock,category[,active].
    Import { file: PathBuf },
    /// List the rewards.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Subcommand, Debug)]
pub enum RedemptionsCommand {
    /// Approve redemptions: re-checks balance and stock, posts, takes stock.
    Approve {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Reject redemptions.
    Reject {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// Runs the command line; returns the exit code.
pub fn run() -> i32 {
    let cli = match parse() {
        Ok(Parsed::Cli(cli)) => *cli,
        Ok(Parsed::Help(text)) => {
            print!("{text}");
            return 0;
        }
        Err(e) => {
            if help_zh::asked() {
                let text = e.render().to_string();
                let text = crate::i18n::patterns::render_in(crate::i18n::Lang::ZhCn, &text);
                if e.use_stderr() {
                    eprint!("{text}");
                } else {
                    print!("{text}");
                }
            } else {
                let _ = e.print();
            }
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let done = dispatch(cli);
    for warning in crate::seal::take_warnings() {
        esay!("merit: warning: {warning}");
    }
    match done {
        Ok(()) => 0,
        Err(e) => {
            // Each line already made visible by `Error::lines`.
            for line in crate::i18n::error_lines(&e) {
                eprintln!("merit: {line}");
            }
            e.exit_code()
        }
    }
}

/// What the command line asked for.
enum Parsed {
    Cli(Box<Cli>),
    /// `merit help [COMMAND…]` under the Chinese help: its text.
    Help(String),
}

/// The command line parsed, with its help in the language asked for
/// (`--lang` before the locale).
fn parse() -> std::result::Result<Parsed, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = args.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_str()?;
        match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => args.get(i + 1)?.to_str().map(str::to_string),
            None => None,
        }
    });
    let lang = asked
        .and_then(|l| crate::i18n::Lang::parse(&l))
        .unwrap_or_else(crate::i18n::Lang::from_env);
    let mut cmd = Cli::command();
    if lang == crate::i18n::Lang::ZhCn {
        help_zh::ask();
        cmd = help_zh::localize(cmd);
    }
    let matches = cmd.clone().try_get_matches_from(args)?;
    if let Some(("help", asked)) = matches.subcommand() {
        // `merit help [COMMAND…]` under the Chinese help: that command's help.
        cmd.build();
        let mut target = cmd;
        for name in asked.get_many::<String>("command").into_iter().flatten() {
            match target.find_subcommand(name).cloned() {
                Some(sub) => target = sub,
                None => break,
            }
        }
        return Ok(Parsed::Help(target.render_help().to_string()));
    }
    Cli::from_arg_matches(&matches).map(|c| Parsed::Cli(Box::new(c)))
}

fn dispatch(cli: Cli) -> Result<()> {
    if let Some(l) = &cli.screen_lang {
        let lang = crate::i18n::Lang::parse(l)
            .ok_or_else(|| Error::Usage(format!("--lang: '{l}' is not en or zh-CN")))?;
        crate::i18n::set(lang);
    }
    let today = today(cli.today.as_deref())?;
    let ctx = Context::new(today, Context::checked_actor()?);
    if cli.demo {
        if cli.command.is_some() {
            return Err(Error::Usage(
                "--demo opens the screen; it takes no command (for a demo store file: `merit demo --db PATH`)".into(),
            ));
        }
        return screen::open_demo(ctx);
    }
    let db_path = store_path(cli.db)?;
    let creates = cli.command.as_ref().is_some_and(Command::creates_store);
    if !creates && !db_path.exists() {
        return Err(Error::Failed(format!(
            "no store at {}; merit import … or merit demo creates one",
            db_path.display()
        )));
    }
    warn_if_shared_writable(&db_path);
    let Some(command) = cli.command else {
        return screen::open(&db_path, ctx);
    };
    progress_bar::install_if_terminal();
    let existed = db_path.exists();
    let done = on_store(&db_path, &ctx, command);
    if done.is_err() && !existed {
        // A store this failed command made is not left behind.
        for side in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", db_path.display()));
        }
    }
    done
}

/// Runs `command` on the store at `db_path` (made there by the commands
/// that make one).
fn on_store(db_path: &std::path::Path, ctx: &Context, command: Command) -> Result<()> {
    let db_path = db_path.to_path_buf();
    let ctx = ctx.clone();
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
        return data::demo(&db_path, &ctx, opts);
    }
    let mut store = Store::open(&db_path)?;
    store.set_actor(ctx.actor.clone());
    match command {
        Command::Demo { .. } => unreachable!("handled above"),
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
            data::import(&mut store, &ctx, kind, &file, &opts)
        }
        Command::Publish {
            period,
            out,
            lang,
            include_pending,
            with_standings,
        } => {
            let lang = crate::publish::Lang::parse(&lang)
                .ok_or_else(|| Error::Usage(format!("--lang: '{lang}' is not en or zh-CN")))?;
            let period = parse_period(&period)?;
            let o = crate::publish::PublishOptions {
                lang,
                include_pending,
                with_standings,
            };
            let p = crate::publish::publish(store.db(), period, ctx.today, &out, o)?;
            say!(
                "published {period} to {}: index.html, {} statement pages, standings.md",
                out.display(),
                p.pages - 1
            );
            Ok(())
        }
        Command::Statement {
            member,
            period,
            format,
        } => {
            let period = match period {
                Some(p) => parse_period(&p)?,
                None => Period::containing(crate::domain::PeriodKind::Quarter, ctx.today),
            };
            reports::statement(&store, &member, period, ctx.today, format)
        }
        Command::Export {
            command:
                ExportCommand::Payroll {
                    period,
                    rate,
                    out,
                    require_closed,
                },
        } => data::payroll(
            &store,
            &ctx,
            parse_period(&period)?,
            rate.as_deref(),
            out.as_deref(),
            require_closed,
        ),
        Command::Rules { command } => data::rules(&mut store, &ctx, command),
        Command::Recalc { period, dry_run } => {
            let period = period.as_deref().map(parse_period).transpose()?;
            awards::recalc(&mut store, &ctx, period, dry_run)
        }
        Command::Approve {
            period,
            member,
            rule,
            dry_run,
        } => awards::approve(
            &mut store,
            &ctx,
            parse_period(&period)?,
            member,
            rule,
            dry_run,
        ),
        Command::Reject {
            period,
            reason,
            member,
            rule,
        } => awards::reject(
            &mut store,
            &ctx,
            parse_period(&period)?,
            member,
            rule,
            &reason,
        ),
        Command::Award {
            member,
            points,
            reason,
            date,
            category,
        } => awards::award(
            &mut store,
            &ctx,
            member,
            &points,
            reason,
            date.as_deref(),
            category,
        ),
        Command::Dispute { award, reason } => {
            crate::ops::disputes::dispute(&mut store, &ctx, award, &reason)?;
            say!("award {award} disputed: it stays pending until resolved (merit resolve {award})");
            Ok(())
        }
        Command::Resolve {
            award,
            accept,
            reject: _,
            points,
            reason,
        } => {
            let points = points
                .map(|p| {
                    crate::domain::Points::parse(&p)
                        .map_err(|e| Error::Usage(format!("--points: {e}")))
                })
                .transpose()?;
            let r = crate::ops::disputes::resolve(
                &mut store,
                &ctx,
                award,
                accept,
                points,
                reason.as_deref(),
            )?;
            match (accept, r.correction) {
                (true, Some(c)) => say!(
                    "dispute of award {award} accepted: correcting award {c}, pending approval"
                ),
                (true, None) => say!("dispute of award {award} accepted"),
                (false, _) => say!("dispute of award {award} rejected: the award stays as it is"),
            }
            Ok(())
        }
        Command::Standings {
            period,
            teams,
            include_pending,
            by,
            format,
        } => reports::standings(
            &store,
            parse_period(&period)?,
            teams,
            include_pending,
            by.is_some(),
            format,
        ),
        Command::Catalog { command } => match command {
            CatalogCommand::Import { file } => catalog::import(&mut store, &ctx, &file),
            CatalogCommand::List { format } => catalog::list(&store, format),
        },
        Command::Redeem {
            member,
            reward,
            qty,
        } => catalog::redeem(&mut store, &ctx, &member, &reward, qty),
        Command::Redemptions {
            command,
            status,
            format,
        } => match command {
            None => catalog::queue(&store, status, format),
            Some(RedemptionsCommand::Approve { ids }) => catalog::decide(
                &mut store,
                &ctx,
                &ids,
                crate::domain::Status::Approved,
                None,
            ),
            Some(RedemptionsCommand::Reject { ids, reason }) => catalog::decide(
                &mut store,
                &ctx,
                &ids,
                crate::domain::Status::Rejected,
                Some(&reason),
            ),
        },
        Command::Balance { member, format } => {
            catalog::balance(&store, &ctx, member.as_deref(), format)
        }
        Command::Expire { as_of } => {
            let as_of = match as_of {
                Some(d) => parse_date(&d).map_err(|e| Error::Usage(format!("--as-of: {e}")))?,
                None => ctx.today,
            };
            catalog::expire(&mut store, &ctx, as_of)
        }
        Command::Close { period } => safety::close_period(&mut store, &ctx, parse_period(&period)?),
        Command::Reopen { period, reason } => {
            safety::reopen_period(&mut store, &ctx, parse_period(&period)?, &reason)
        }
        Command::Verify { checkpoint, quick } => safety::verify(&store, &checkpoint, quick),
        Command::Seal {
            out,
            accept: true,
            reason,
        } => safety::accept(
            &mut store,
            &ctx,
            reason.as_deref().unwrap_or_default(),
            out.as_deref(),
        ),
        Command::Seal { out, .. } => {
            let c = crate::ops::verify::seal(&mut store, out.as_deref())?;
            // A line for machines (and for pasting): never translated.
            println!("{}", crate::text::visible(&c.line()));
            Ok(())
        }
        Command::Audit {
            since,
            actor,
            format,
        } => {
            let since = since
                .map(|d| parse_date(&d).map_err(|e| Error::Usage(format!("--since: {e}"))))
                .transpose()?;
            safety::audit(&store, since, actor, format)
        }
        Command::Ledger {
            member,
            period,
            status,
            format,
        } => {
            let period = period.as_deref().map(parse_period).transpose()?;
            reports::ledger(&store, member, period, status, format, ctx.today)
        }
    }
}

impl Command {
    /// Whether the command only reads: it never creates a store.
    /// Whether the command makes a store where there is none, by design
    /// (`import …`, `rules import`, `catalog import`, `demo`): every other
    /// command on a missing store says so and leaves nothing behind (a
    /// typo in `--db` never makes an empty store).
    fn creates_store(&self) -> bool {
        match self {
            Command::Import { .. } | Command::Demo { .. } => true,
            Command::Catalog { command } => matches!(command, CatalogCommand::Import { .. }),
            Command::Rules { command } => matches!(command, RulesCommand::Import { .. }),
            _ => false,
        }
    }
}

/// A store anyone but its owner (and group) may write can be changed by
/// them: said on stderr, once per command.
fn warn_if_shared_writable(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o002 != 0 || (mode & 0o020 != 0 && mode & 0o2000 == 0 && !group_shared(path))
            {
                esay!(
                    "merit: warning: {} can be written by others (mode {mode:o}): whoever can write it can change the points; chmod 600 it (or 660 in a shared group directory)",
                    path.display()
                );
            }
        }
    }
}

/// Whether the store's directory is set-group-ID: shared by a group on
/// purpose (README, "Sharing a store").
#[cfg(unix)]
fn group_shared(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2000 != 0)
}

/// Today: the clock's, or the date `--today`/`MERIT_TODAY` fixes (every
/// write made under it is then audited with both, `seal::fix_today`).
fn today(arg: Option<&str>) -> Result<NaiveDate> {
    match arg {
        Some(s) => {
            let day = parse_date(s).map_err(|e| Error::Usage(format!("--today: {e}")))?;
            crate::seal::fix_today(day);
            Ok(day)
        }
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Parses a period id; anything but `2026-03`, `2026-Q1` or `2026` is a usage error.
pub fn parse_period(s: &str) -> Result<Period> {
    Period::parse(s).ok_or_else(|| {
        Error::Usage(format!(
            "'{s}' is not a period: use a week (2026-W48), a month (2026-03), a quarter (2026-Q1) or a year (2026)"
        ))
    })
}

/// `--db`, else `MERIT_DB` (through clap), else the platform data directory.
pub fn store_path(arg: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = arg {
        return Ok(p);
    }
    let dirs = directories::ProjectDirs::from("", "", "merit")
        .ok_or_else(|| Error::Failed("no home directory: pass --db PATH".into()))?;
    let dir = dirs.data_dir();
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| Error::Failed(format!("{}: cannot create: {e}", dir.display())))?;
    Ok(dir.join("merit.db"))
}
