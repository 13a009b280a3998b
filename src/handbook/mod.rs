//! The points handbook (`merit rules handbook`): the rules in force on a
//! day, in plain words, as Markdown a lead can hand to the team — in
//! either language, every word from the catalogue's `handbook.ftl`.
//!
//! One renderer serves both languages. What a language's handbook holds,
//! and in which order, is its `handbook-parts` message (the English lists
//! every rule under its category; the Chinese puts the deductions and the
//! rewards in parts of their own); numbers and dates are written by merit
//! and passed as text, whole numbers of points as numbers for the plurals.

mod bodies;
mod doc;

use crate::domain::{Reward, format_decimal};
use crate::i18n::{Arg, Lang};
use crate::rules::{RuleBody, RuleSet, RuleVersion};
use chrono::NaiveDate;
use doc::Doc;
use rust_decimal::Decimal;

/// The handbook for `day` in `lang`: the rules in force that day, the
/// campaigns running or still to come, the active `rewards` (where the
/// language's handbook lists them), approval and expiry.
pub fn handbook(lang: Lang, set: &RuleSet, day: NaiveDate, rewards: &[Reward]) -> String {
    let w = Words(lang);
    let mut doc = Doc::default();
    doc.block(w.t("handbook-title"));
    doc.block(&w.args("handbook-in-force", &[("day", day.into())]));
    for part in w.t("handbook-parts").split_whitespace() {
        match part {
            "by-category" => by_category(&mut doc, w, set, day, |_| true),
            "earning" => {
                doc.block(w.t("handbook-earning"));
                by_category(&mut doc, w, set, day, |r| !is_deduction(r));
            }
            "deductions" => deductions(&mut doc, w, set, day),
            "campaigns" => campaigns(&mut doc, w, set, day),
            "rewards" => rewards_part(&mut doc, w, rewards),
            "approval" => approval(&mut doc, w, set),
            _ => {}
        }
    }
    doc.finish()
}

/// Text from the store as the handbook's Markdown shows it: on one line
/// (a line end or a control character written as `\n`, `\u{…}`), with no
/// markup of its own (`<`, `>`, `&` as entities; `[`, `]`, a backtick
/// escaped), so a name cannot add a heading, a link or HTML to a page
/// handed to the team.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::visible(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The catalogue in one language, as the handbook asks it.
#[derive(Clone, Copy)]
struct Words(Lang);

impl Words {
    fn t(self, id: &str) -> &'static str {
        crate::i18n::t_in(self.0, id)
    }

    fn args(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        crate::i18n::t_args_in(self.0, id, args)
    }

    /// `d` points, as a number when whole (for the plural).
    fn points(self, d: Decimal) -> String {
        self.args("handbook-points", &[("n", number(d))])
    }

    /// A period's name: week, month, quarter, year.
    fn period(self, p: crate::domain::PeriodKind) -> String {
        self.args("handbook-period", &[("per", per_key(p).into())])
    }

    /// `items` joined by the message `sep`.
    fn join(self, items: &[String], sep: &str) -> String {
        items.join(self.t(sep))
    }
}

/// A whole number as a number (plurals select on it), else merit's text.
fn number(d: Decimal) -> Arg<'static> {
    let n = d.normalize();
    match i64::try_from(n) {
        Ok(i) if n.fract().is_zero() => Arg::Num(i),
        _ => Arg::from(format_decimal(d)),
    }
}

fn per_key(p: crate::domain::PeriodKind) -> &'static str {
    use crate::domain::PeriodKind;
    match p {
        PeriodKind::Week => "week",
        PeriodKind::Month => "month",
        PeriodKind::Quarter => "quarter",
        PeriodKind::Year => "year",
    }
}

/// `d` as a percentage's number (`0.8` → `80`).
fn percent(d: Decimal) -> String {
    format_decimal(d * Decimal::ONE_HUNDRED)
}

/// A rule that takes points away.
fn is_deduction(r: &RuleVersion) -> bool {
    match &r.body {
        RuleBody::PerEvent(p) => {
            p.points < Decimal::ZERO
                || p.per_amount
                    .as_ref()
                    .is_some_and(|a| a.points < Decimal::ZERO)
        }
        _ => false,
    }
}

/// The rules in force that `keep` keeps, under their categories.
fn by_category(
    doc: &mut Doc,
    w: Words,
    set: &RuleSet,
    day: NaiveDate,
    keep: impl Fn(&RuleVersion) -> bool,
) {
    for (cat, rules) in crate::rules::in_force::by_category(set, day) {
        let rules: Vec<&RuleVersion> = rules.into_iter().filter(|r| keep(r)).collect();
        if rules.is_empty() {
            continue;
        }
        let key = if cat.is_empty() {
            "other".to_string()
        } else {
            cat.to_lowercase()
        };
        let name = capitalised(if cat.is_empty() { "other" } else { cat });
        doc.block(&w.args(
            "handbook-category",
            &[("key", key.into()), ("name", md(&name).into())],
        ));
        for r in rules {
            rule(doc, w, r);
        }
    }
}

/// `s` with its first letter a capital (a heading's; no change in Chinese).
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A rule's heading and what it says.
fn rule(doc: &mut Doc, w: Words, r: &RuleVersion) {
    doc.block(&w.args(
        "handbook-rule",
        &[("name", md(&r.name).into()), ("id", md(&r.id).into())],
    ));
    match &r.body {
        RuleBody::PerEvent(p) => bodies::per_event(doc, w, p),
        RuleBody::Attainment(a) => bodies::attainment(doc, w, a),
        RuleBody::Rank(k) => bodies::rank(doc, w, k),
        RuleBody::TeamPool(t) => bodies::team_pool(doc, w, t),
        RuleBody::Multiplier(_) => {}
    }
    if let Some(to) = r.valid_to {
        doc.item(&w.args("handbook-until", &[("to", to.into())]));
    }
}

/// A part's heading, then its entries, or its `-none` message; a part
/// with no entries whose `-none` message is empty is left out.
fn part(doc: &mut Doc, w: Words, id: &str, entries: usize, body: impl FnOnce(&mut Doc)) {
    let none = w.t(&format!("{id}-none"));
    if entries == 0 && none.is_empty() {
        return;
    }
    doc.block(w.t(id));
    if entries == 0 {
        doc.item(none);
    }
    body(doc);
}

fn deductions(doc: &mut Doc, w: Words, set: &RuleSet, day: NaiveDate) {
    let grouped = crate::rules::in_force::by_category(set, day);
    let rules: Vec<&RuleVersion> = grouped
        .into_iter()
        .flat_map(|(_, rules)| rules)
        .filter(|r| is_deduction(r))
        .collect();
    part(doc, w, "handbook-deductions", rules.len(), |doc| {
        for r in rules {
            rule(doc, w, r);
        }
    });
}

fn campaigns(doc: &mut Doc, w: Words, set: &RuleSet, day: NaiveDate) {
    let list = crate::rules::in_force::campaigns(set, day);
    part(doc, w, "handbook-campaigns", list.len(), |doc| {
        for c in list {
            doc.block(&w.args(
                "handbook-rule",
                &[
                    ("name", md(&c.rule.name).into()),
                    ("id", md(&c.rule.id).into()),
                ],
            ));
            doc.item(
                &w.args(
                    "handbook-campaign",
                    &[
                        ("from", c.from.into()),
                        ("to", c.to.into()),
                        (
                            "rules",
                            w.join(
                                &c.boosted.iter().map(|b| md(b)).collect::<Vec<_>>(),
                                "handbook-list-comma",
                            )
                            .into(),
                        ),
                        ("factor", format_decimal(c.factor).into()),
                    ],
                ),
            );
        }
    });
}

fn rewards_part(doc: &mut Doc, w: Words, rewards: &[Reward]) {
    let active: Vec<&Reward> = rewards.iter().filter(|r| r.active).collect();
    part(doc, w, "handbook-rewards", active.len(), |doc| {
        for r in active {
            let mut args = vec![
                ("name", Arg::from(md(&r.name))),
                ("code", Arg::from(md(&r.code))),
                ("cost", w.points(r.cost.decimal()).into()),
            ];
            let id = match r.stock {
                Some(n) => {
                    args.push(("stock", n.to_string().into()));
                    "handbook-reward"
                }
                None => "handbook-reward-unlimited",
            };
            doc.item(&w.args(id, &args));
        }
        doc.item(w.t("handbook-rewards-approval"));
    });
}

fn approval(doc: &mut Doc, w: Words, set: &RuleSet) {
    doc.block(w.t("handbook-approval"));
    for line in w.t("handbook-approval-rules").lines() {
        doc.item(line);
    }
    doc.item(&match set.settings.expire_after_months {
        Some(n) => w.args(
            "handbook-expiry",
            &[("n", n.to_string().into()), ("ord", ordinal(w.0, n).into())],
        ),
        None => w.t("handbook-no-expiry").to_string(),
    });
}

/// The ordinal plural category of `n` in `lang` (CLDR: `one` for 1st,
/// `two` for 2nd, `few` for 3rd, else `other`).
fn ordinal(lang: Lang, n: u32) -> &'static str {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let language = lang
        .tag()
        .parse::<unic_langid::LanguageIdentifier>()
        .map(|l| l.language)
        .unwrap_or_default();
    let id = unic_langid::LanguageIdentifier::from_parts(language, None, None, &[]);
    match PluralRules::create(id, PluralRuleType::ORDINAL).and_then(|r| r.select(n)) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        _ => "other",
    }
}

#[cfg(test)]
mod tests;
