//! The points handbook: the rules in force on a day, in plain words, as
//! Markdown a lead can hand to the team (`merit rules handbook`).

use crate::domain::{PeriodKind, format_decimal};
use crate::rules::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

fn pts(d: Decimal) -> String {
    let n = format_decimal(d);
    if d.abs() == Decimal::ONE {
        format!("{n} point")
    } else {
        format!("{n} points")
    }
}

fn per(p: PeriodKind) -> &'static str {
    match p {
        PeriodKind::Week => "week",
        PeriodKind::Month => "month",
        PeriodKind::Quarter => "quarter",
        PeriodKind::Year => "year",
    }
}

fn adjective(p: PeriodKind) -> &'static str {
    match p {
        PeriodKind::Week => "weekly",
        PeriodKind::Month => "monthly",
        PeriodKind::Quarter => "quarterly",
        PeriodKind::Year => "yearly",
    }
}

fn percent(d: Decimal) -> String {
    format!("{}%", format_decimal(d * Decimal::ONE_HUNDRED))
}

/// The handbook for `day`: earning and penalty rules in force that day by
/// category, campaigns running or still to come, and the expiry policy.
pub fn handbook(set: &RuleSet, day: NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Points handbook\n\nThe rules in force on {day}.");
    for (cat, rules) in crate::rules::in_force::by_category(set, day) {
        let title = if cat.is_empty() { "Other" } else { cat };
        let mut t = title.chars();
        let title: String = t
            .next()
            .map(|c| c.to_uppercase().chain(t).collect())
            .unwrap_or_default();
        let _ = writeln!(out, "\n## {title}");
        for r in rules {
            let _ = writeln!(out, "\n### {} (`{}`)\n", r.name, r.id);
            match &r.body {
                RuleBody::PerEvent(p) => per_event(&mut out, p),
                RuleBody::Attainment(a) => attainment(&mut out, a),
                RuleBody::Rank(k) => rank(&mut out, k),
                RuleBody::TeamPool(t) => team_pool(&mut out, t),
                RuleBody::Multiplier(_) => {}
            }
            if let Some(to) = r.valid_to {
                let _ = writeln!(out, "- Until {to}.");
            }
        }
    }
    let campaigns = crate::rules::in_force::campaigns(set, day);
    if !campaigns.is_empty() {
        let _ = writeln!(out, "\n## Campaigns");
        for c in campaigns {
            let _ = writeln!(
                out,
                "\n### {} (`{}`)\n\n- From {} to {}, points from {} are multiplied by {}.",
                c.rule.name,
                c.rule.id,
                c.from,
                c.to,
                c.boosted.join(", "),
                format_decimal(c.factor)
            );
        }
    }
    let _ = writeln!(out, "\n## Approval and expiry\n");
    let _ = writeln!(
        out,
        "- Points count once your team lead approves them; pending points are shown beside the standings."
    );
    let _ = writeln!(
        out,
        "- A bonus for a month, quarter or year is provisional until that period has ended; it can be approved from the next day."
    );
    let _ = writeln!(
        out,
        "- Points are dated like what earned them: when the CRM corrects an activity's date, its points move to the new date."
    );
    match set.settings.expire_after_months {
        Some(n) => {
            let _ = writeln!(
                out,
                "- Points can be spent until the last day of the {n}{} month after the month they were earned in; \
                 spending uses the oldest points first, and points past their last day can never be spent.",
                ordinal(n)
            );
        }
        None => {
            let _ = writeln!(out, "- Points do not expire.");
        }
    }
    out
}

fn ordinal(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn per_event(out: &mut String, p: &PerEvent) {
    let verb = if p.points < Decimal::ZERO {
        "costs"
    } else {
        "earns"
    };
    let mut line = format!("- Each **{}** {verb} **{}**", p.event, pts(p.points.abs()));
    if let Some(pa) = &p.per_amount {
        let _ = write!(
            line,
            ", plus {} for every full {} of its amount",
            pts(pa.points),
            format_decimal(pa.unit)
        );
    }
    if !p.when.is_empty() {
        let conds: Vec<String> = p.when.iter().map(|(k, v)| format!("{k} is {v}")).collect();
        let _ = write!(line, ", when {}", conds.join(" and "));
    }
    let _ = writeln!(out, "{line}.");
    if let Some(c) = &p.cap {
        let _ = writeln!(
            out,
            "- At most {} per person per {}, counting every award of this rule in that {} \
             (under earlier versions too); a refund lowers what is counted.",
            pts(c.points),
            per(c.per),
            per(c.per)
        );
    }
}

fn attainment(out: &mut String, a: &Attainment) {
    let tiers: Vec<String> = a
        .tiers
        .iter()
        .map(|t| format!("{} of the target earns {}", percent(t.at), pts(t.points)))
        .collect();
    let _ = writeln!(
        out,
        "- Measured on your {} **{}** target: {}. Only the highest tier reached pays.",
        adjective(a.per),
        a.event,
        tiers.join("; ")
    );
    if let Some(acc) = &a.accelerator {
        let _ = writeln!(
            out,
            "- Above {}, every further full percent earns {} more.",
            percent(acc.above),
            pts(acc.points_per_percent)
        );
    }
    let _ = writeln!(
        out,
        "- The whole {p}'s {} counts, under earlier versions of this rule too; the tiers are those in force on the {p}'s last day.",
        a.event,
        p = per(a.per)
    );
}

fn rank(out: &mut String, r: &Rank) {
    let within = if r.team {
        "within your team"
    } else {
        "in the whole company"
    };
    let places: Vec<String> = r
        .places
        .iter()
        .map(|p| {
            let title = if p.title.is_empty() {
                String::new()
            } else {
                format!(" and the title **{}**", p.title)
            };
            format!("place {} earns {}{title}", p.rank, pts(p.points))
        })
        .collect();
    let _ = writeln!(
        out,
        "- At the end of each {}, the standings of approved points {within} are ranked: {}.",
        per(r.per),
        places.join("; ")
    );
    let bar = match r.min_points {
        Some(m) => format!("at least {}", pts(m)),
        None => "more than 0 points".to_string(),
    };
    let _ = writeln!(
        out,
        "- Only someone with {bar} in the {} is placed. Points from places and from team pools do not count towards the ranking.",
        per(r.per)
    );
    let _ = writeln!(
        out,
        "- A tie shares the place: everyone on equal points gets its points and title, and the next places are skipped (1, 2, 2, 4)."
    );
    let _ = writeln!(
        out,
        "- If approved points change after the {} has ended, the places are worked out again until the {} is closed.",
        per(r.per),
        per(r.per)
    );
}

fn team_pool(out: &mut String, t: &TeamPool) {
    let kinds: Vec<String> = t.events.iter().map(|e| format!("**{e}**")).collect();
    let _ = writeln!(
        out,
        "- Each {} recorded by a member of your team adds {} to the team's pool.",
        kinds.join(" or "),
        pts(t.points)
    );
    let basis = match t.split {
        PoolSplit::Activities => "how many of the pooled activities each member took part in",
        PoolSplit::Points => {
            "each member's approved points in that period (points from places and pools left out; below 0 counts as 0)"
        }
    };
    let _ = writeln!(
        out,
        "- At the end of each {}, the pool is shared among the team's members in proportion to {basis}. \
         If nobody contributed, it is shared equally.",
        per(t.per)
    );
    let _ = writeln!(
        out,
        "- Shares are exact to 0.01 and add up to the pool: each is rounded down to the cent, and the cents left over go one each to the largest remainders (equal remainders: the lower member code first)."
    );
}
