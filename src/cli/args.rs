//! The command line's grammar: the clap definitions of `merit`'s global
//! options, commands and their arguments (SPEC §7). Parsing only: what a
//! command does is in `dispatch` and the command families' modules.

use super::output::Format;
use super::values;
use crate::domain::{Period, Points};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "merit",
    version,
    about = "A points ledger for sales teams: rules, approvals, standings, rewards.",
    after_help = "Without a command, merit opens the terminal screen on the store."
)]
pub struct Cli {
    /// The store: a file (default: the platform data directory's merit/merit.db) or a postgresql:// URL.
    #[arg(long, global = true, env = "MERIT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Fix today's date (YYYY-MM-DD), for tests and demos.
    #[arg(long, global = true, env = "MERIT_TODAY", value_name = "DATE", value_parser = values::date)]
    pub today: Option<NaiveDate>,
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
    /// Publish PERIOD to the team: a static site (index.html, board.html for
    /// the office TV, a statement page per member under m/) and standings.md
    /// for a team chat.
    Publish {
        #[arg(value_parser = values::period)]
        period: Period,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// en or zh-CN.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Rank with pending points too (the pages say so).
        #[arg(long)]
        include_pending: bool,
        /// Members' pages link to the standings.
        #[arg(long)]
        with_standings: bool,
    },
    /// Post PERIOD's standings digest to the team's group robots
    /// (DingTalk, WeCom, Feishu) listed in robots.toml.
    Notify {
        #[arg(value_parser = values::period)]
        period: Period,
        /// Post to this robot of the file only (again for several;
        /// default: every robot).
        #[arg(long = "robot", value_name = "NAME")]
        robot: Vec<String>,
        /// The robots file (default: robots.toml beside the seal key).
        #[arg(long = "robots", value_name = "FILE")]
        robots: Option<PathBuf>,
        /// Count pending points too (the message says so).
        #[arg(long)]
        include_pending: bool,
        /// The message's language: en or zh-CN (default: the language in use).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// How many members the message lists.
        #[arg(long, value_name = "N", default_value_t = 10)]
        top: usize,
        /// Print each robot's request body instead of posting it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Copy a whole store into an empty one: a SQLite file to a PostgreSQL
    /// database or back (verified at both ends).
    Copy {
        /// The store to copy: a file, or a postgresql:// URL.
        #[arg(long, value_name = "STORE")]
        from: PathBuf,
        /// Where to copy it: a new file, or an empty PostgreSQL database.
        #[arg(long, value_name = "STORE")]
        to: PathBuf,
    },
    /// A member's points statement for PERIOD (default: the current quarter).
    Statement {
        member: String,
        #[arg(value_parser = values::period)]
        period: Option<Period>,
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
        #[arg(value_parser = values::period)]
        period: Option<Period>,
        /// Count the changes without writing them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Approve the pending awards of PERIOD that match.
    Approve {
        #[arg(value_parser = values::period)]
        period: Period,
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
        #[arg(value_parser = values::period)]
        period: Period,
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
        #[arg(long, value_name = "DATE", value_parser = values::date)]
        date: Option<NaiveDate>,
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
        #[arg(long, value_name = "P", allow_hyphen_values = true, value_parser = values::points)]
        points: Option<Points>,
        /// Why (needed to reject; optional to accept).
        #[arg(long, value_name = "TEXT", required_if_eq("reject", "true"))]
        reason: Option<String>,
    },
    /// Standings of PERIOD.
    Standings {
        #[arg(value_parser = values::period)]
        period: Period,
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
        #[arg(long, value_name = "P", value_parser = values::period)]
        period: Option<Period>,
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
        #[arg(long, value_name = "DATE", value_parser = values::date)]
        as_of: Option<NaiveDate>,
    },
    /// Close PERIOD: awards dated in it never change (refused while any is pending).
    Close {
        #[arg(value_parser = values::period)]
        period: Period,
    },
    /// Open a closed PERIOD again.
    Reopen {
        #[arg(value_parser = values::period)]
        period: Period,
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
        #[arg(long, value_name = "DATE", value_parser = values::date)]
        since: Option<NaiveDate>,
        /// Only this actor's entries.
        #[arg(long, value_name = "NAME")]
        actor: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print the shell completion script for SHELL (bash, zsh, fish,
    /// powershell or elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print merit's man page (roff), e.g. `merit man > merit.1`.
    Man,
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
        #[arg(long, value_name = "DATE", value_parser = values::date)]
        as_of: Option<NaiveDate>,
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
        #[arg(value_parser = values::period)]
        period: Period,
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

impl Command {
    /// Whether the command is an import's dry run (`import … --dry-run`).
    pub fn is_dry_run_import(&self) -> bool {
        matches!(self, Command::Import { dry_run: true, .. })
    }

    /// Whether the command makes a store where there is none, by design
    /// (`import …`, `rules import`, `catalog import`, `demo`): every other
    /// command on a missing store says so and leaves nothing behind (a
    /// typo in `--db` never makes an empty store).
    pub fn creates_store(&self) -> bool {
        match self {
            Command::Import { .. } | Command::Demo { .. } => true,
            Command::Catalog { command } => matches!(command, CatalogCommand::Import { .. }),
            Command::Rules { command } => matches!(command, RulesCommand::Import { .. }),
            _ => false,
        }
    }
}
