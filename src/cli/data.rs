//! `merit demo`, `merit import`, `merit rules import|export`.

use super::output::{Cell, Format, render};
use super::{ImportWhat, RulesCommand};
use crate::error::Result;
use crate::ops::Context;
use crate::ops::demo::{DemoLanguage, DemoOptions, write_demo};
use crate::ops::import::{ImportKind, import_file};
use crate::store::Store;
use std::path::Path;

/// The demo's language for the language in use: a Chinese team under a
/// Chinese locale or `--lang zh-CN`.
pub fn demo_language() -> DemoLanguage {
    match crate::i18n::current() {
        crate::i18n::Lang::En => DemoLanguage::English,
        crate::i18n::Lang::ZhCn => DemoLanguage::Chinese,
    }
}

/// Writes a demo store at `path`. A refused demo leaves no file behind
/// where there was none.
pub fn demo(path: &Path, ctx: &Context, opts: DemoOptions) -> Result<()> {
    let existed = merit_core::store::is_postgres(path) || path.exists();
    let written = Store::open(path).and_then(|mut store| {
        store.set_actor(ctx.actor.clone());
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
    say_t!(
        "cli-demo-written",
        store_path = store.shown(),
        members = s.members,
        activities = s.activities,
        approved = s.approved,
        pending = s.pending,
        today = ctx.today
    );
}

pub fn import(
    store: &mut Store,
    ctx: &Context,
    what: ImportWhat,
    file: &Path,
    opts: &crate::ops::crm::ImportOptions,
) -> Result<()> {
    let kind = match what {
        ImportWhat::Members => ImportKind::Members,
        ImportWhat::Activities => ImportKind::Activities,
        ImportWhat::Targets => ImportKind::Targets,
    };
    // A dry run is the import: the same path, reading and checks.
    let s = if crate::ops::crm::needs_translation(file, opts) {
        let done = crate::ops::crm::import_export(store, ctx, kind, file, opts)?;
        if opts.dry_run {
            let rows: Vec<Vec<Cell>> = done
                .preview
                .iter()
                .map(|r| r.iter().map(Cell::text).collect())
                .collect();
            let header: Vec<&str> = done.header.iter().map(String::as_str).collect();
            say_t!("cli-first-rows");
            print!("{}", render(Format::Table, &header, &rows));
        }
        done.summary
    } else if opts.dry_run {
        let s = crate::ops::import::import_file_checked(store, ctx, kind, file, true)?;
        let (header, rows) = first_rows(file);
        let rows: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        say_t!("cli-first-rows");
        print!("{}", render(Format::Table, &header, &rows));
        s
    } else {
        import_file(store, ctx, kind, file)?
    };
    say_t!(
        "cli-imported",
        dry = if opts.dry_run { "yes" } else { "no" },
        kind = kind.as_str(),
        file = file.display(),
        inserted = s.inserted,
        updated = s.updated,
        unchanged = s.unchanged
    );
    say_what_comes_next(store, ctx, kind, &s, opts.dry_run)
}

/// After an import, on stderr: the activity kinds no rule scores, the
/// activities dated after today, and that `merit recalc` comes next.
fn say_what_comes_next(
    store: &Store,
    ctx: &Context,
    kind: ImportKind,
    s: &crate::ops::import::ImportSummary,
    dry_run: bool,
) -> Result<()> {
    if kind == ImportKind::Activities {
        let rules = store.db().rules()?;
        let scored = rules.kinds_scored();
        for (k, n) in &s.by_kind {
            if !scored.contains(k.as_str()) {
                esay_t!("cli-unscored-kind", kind = k, n = n);
            }
        }
        if s.after_today > 0 {
            esay_t!(
                "cli-dated-after-today",
                n = s.after_today,
                today = ctx.today
            );
        }
    }
    if !dry_run && s.inserted + s.updated > 0 {
        esay_t!("cli-next-recalc");
    }
    Ok(())
}

/// The header and first five rows of a CSV file merit reads as it is (for
/// a dry run's preview, after the import's own checks passed).
fn first_rows(file: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let Ok(f) = std::fs::File::open(file) else {
        return (Vec::new(), Vec::new());
    };
    let mut reader =
        csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(crate::ops::bounded::LineLimit::new(
                std::io::BufReader::new(f),
            ));
    let header = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    let rows = reader
        .records()
        .take(5)
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// `merit export payroll PERIOD [--rate R] [--out FILE]`.
pub fn payroll(
    store: &Store,
    ctx: &Context,
    period: crate::domain::Period,
    rate: Option<&str>,
    out: Option<&Path>,
    require_closed: bool,
) -> Result<()> {
    use crate::error::Error;
    let rate = rate
        .map(|r| {
            crate::domain::parse_decimal(r)
                .map_err(|e| Error::usage(crate::domain::input::field("--rate", e)))
        })
        .transpose()?;
    // Where it goes, checked before anything is said or read.
    let guarded = crate::ops::out_file::guarded(store.path());
    if let Some(path) = out {
        crate::ops::out_file::check(path, &guarded)?;
    }
    let closed = store.db().closed_periods()?.closes_all_of(period).is_some();
    if require_closed && !closed {
        return Err(Error::failed(crate::msg!(
            "payroll-not-closed",
            period = period
        )));
    }
    if period.end() >= ctx.today {
        let provisional = crate::ops::decide::provisional_awards(store.db(), ctx.today)?
            .into_iter()
            .filter(|a| period.start() <= a.date && a.date <= period.end())
            .count();
        esay_t!("cli-payroll-open", period = period, n = provisional);
    }
    let rows = crate::ops::payroll::payroll(store.db(), period, rate)?;
    let mut headers = vec!["member", "name", "team", "points"];
    if rate.is_some() {
        headers.push("money");
    }
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            let mut c = vec![
                Cell::text(&r.member),
                Cell::text(&r.name),
                Cell::text(&r.team),
                Cell::num(r.points),
            ];
            if let Some(m) = r.money {
                c.push(Cell::num(crate::domain::format_decimal(m)));
            }
            c
        })
        .collect();
    let Some(path) = out else {
        print!("{}", render(Format::Csv, &headers, &cells));
        return Ok(());
    };
    write_payroll(path, &guarded, period, &headers, &cells)?;
    say_t!(
        "cli-payroll-written",
        period = period,
        path = path.display(),
        members = rows.len()
    );
    Ok(())
}

/// The payroll's table into `path`: a workbook for `.xlsx`, else CSV.
fn write_payroll(
    path: &Path,
    guarded: &[crate::ops::out_file::Guarded],
    period: crate::domain::Period,
    headers: &[&str],
    cells: &[Vec<Cell>],
) -> Result<()> {
    let bytes = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        super::xlsx::workbook(path, &format!("payroll {period}"), headers, cells)?
    } else {
        render(Format::Csv, headers, cells).into_bytes()
    };
    crate::ops::out_file::write(path, &bytes, guarded)
}

pub fn rules(store: &mut Store, ctx: &Context, command: RulesCommand) -> Result<()> {
    match command {
        RulesCommand::Import { file, allow_empty } => {
            let n = crate::ops::rules::import_rules(store, ctx, &file, allow_empty)?;
            say_t!("cli-rules", file = file.display(), n = n);
        }
        RulesCommand::Export => print!("{}", crate::ops::rules::export(store)?),
        RulesCommand::Handbook { as_of } => {
            let day = as_of.unwrap_or(ctx.today);
            let rules = store.db().rules()?;
            let rewards = store.db().rewards()?;
            let text = crate::handbook::handbook(crate::i18n::current(), &rules, day, &rewards);
            print!("{}", crate::text::visible_lines(&text));
        }
    }
    Ok(())
}
