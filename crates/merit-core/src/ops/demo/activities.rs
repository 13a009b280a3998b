//! The demo's activities: week by week back from today, every member in
//! turn, as many as asked for.

use super::{DemoOptions, DemoSpan, Rng};
use crate::domain::{Activity, Member};
use crate::error::Result;
use crate::ops::Context;
use crate::progress::{Task, Work};
use crate::store::Tx;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// Writes the demo's activities; returns how many. Week by week back from
/// today, every member in turn: a cut at the asked number leaves out the
/// oldest weeks.
pub(super) fn write_activities(
    tx: &Tx,
    ctx: &Context,
    opts: DemoOptions,
    span: &DemoSpan,
    members: &[Member],
    rng: &mut Rng,
) -> Result<usize> {
    let skills: Vec<u64> = members.iter().map(|_| rng.range(60, 140)).collect();
    let start = span.start;
    let limit = opts.activities.unwrap_or(usize::MAX);
    let mut serial = 0usize;
    let mut monday = ctx.today;
    let mut weeks: Vec<NaiveDate> = Vec::new();
    while monday >= start {
        weeks.push(monday);
        monday = monday - Days::new(7);
    }
    let rounds = if span.within.is_some() && opts.activities.is_some() {
        usize::MAX
    } else {
        1
    };
    // With --years, fewer activities than one pass over the years makes
    // are taken from that pass at an even stride, so they span every year
    // asked for (not only the latest weeks); more go over it again.
    let pass = Pass {
        weeks: &weeks,
        members,
        skills: &skills,
        today: ctx.today,
        joined_by: (span.within.is_none()).then_some(start),
    };
    let per_pass = match (span.within, opts.activities) {
        (Some(_), Some(_)) => pass.count_from(rng, serial, start)?,
        _ => 0,
    };
    let wanted = limit as u128;
    let stride = per_pass > wanted;
    let mut offered = 0u128;
    let mut written = 0usize;
    let _work = Work::new(Task::WritingDemo, opts.activities.map(|n| n as u64));
    for _ in 0..rounds {
        let before = written;
        let mut full = false;
        pass.walk(rng, &mut serial, |a| {
            if written == limit {
                full = true;
                return Ok(false);
            }
            if a.date < start {
                return Ok(true);
            }
            if stride {
                // The k-th of `per_pass` is kept when it crosses a
                // multiple: exactly `wanted` of them, evenly.
                let kept = (offered + 1) * wanted / per_pass > offered * wanted / per_pass;
                offered += 1;
                if !kept {
                    return Ok(true);
                }
            }
            tx.upsert_activity(&a)?;
            written += 1;
            if written.is_multiple_of(1024) {
                crate::progress::advance(1024);
            }
            Ok(true)
        })?;
        if full || written == before {
            break;
        }
    }
    Ok(written)
}

/// One pass over the demo's weeks, newest first, every member in turn.
struct Pass<'a> {
    weeks: &'a [NaiveDate],
    members: &'a [Member],
    skills: &'a [u64],
    today: NaiveDate,
    /// A member's weeks before they joined are skipped, those who joined
    /// before this day counted from it; None: every member every week.
    joined_by: Option<NaiveDate>,
}

impl Pass<'_> {
    /// How many activities of one pass fall on or after `start`, the
    /// generator and serial left where they were (counted on copies).
    fn count_from(&self, rng: &Rng, serial: usize, start: NaiveDate) -> Result<u128> {
        let _counting = Work::new(Task::CountingDemo, None);
        let (mut rng, mut serial) = (rng.clone(), serial);
        let mut n = 0u128;
        self.walk(&mut rng, &mut serial, |a| {
            n += u128::from(a.date >= start);
            Ok(true)
        })?;
        Ok(n)
    }

    /// Hands each activity of the pass to `each` until it says stop
    /// (`Ok(false)`); the generator moves exactly as far as it went.
    fn walk(
        &self,
        rng: &mut Rng,
        serial: &mut usize,
        mut each: impl FnMut(Activity) -> Result<bool>,
    ) -> Result<()> {
        for &monday in self.weeks {
            for (m, skill) in self.members.iter().zip(self.skills) {
                if let Some(start) = self.joined_by
                    && monday < m.joined.unwrap_or(start)
                {
                    continue;
                }
                for a in week_of_activities(rng, m, monday, self.today, *skill, serial) {
                    if !each(a)? {
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }
}

fn week_of_activities(
    rng: &mut Rng,
    m: &Member,
    monday: NaiveDate,
    today: NaiveDate,
    skill: u64,
    serial: &mut usize,
) -> Vec<Activity> {
    let mut out = Vec::new();
    let mut add =
        |rng: &mut Rng, kind: &str, prefix: &str, amount: u64, attrs: &[(&str, String)]| {
            let date = monday + Days::new(rng.range(0, 4));
            if date > today {
                return;
            }
            *serial += 1;
            out.push(Activity {
                reference: format!("{prefix}-{:06}", *serial),
                member: m.code.clone(),
                kind: kind.into(),
                date,
                amount: Decimal::from(amount),
                attrs: attrs.iter().map(|(k, v)| (*k, v.as_str())).collect(),
            });
        };
    let tier = |rng: &mut Rng| ["A", "B", "B", "C"][rng.range(0, 3) as usize].to_string();
    if rng.chance(45 * skill / 100) {
        let amount = rng.range(3, 25) * 10_000 + rng.range(0, 9) * 1000;
        let t = tier(rng);
        add(rng, "deal", "D", amount, &[("customer_tier", t)]);
    }
    if rng.chance(35) {
        let days = rng.range(10, 75);
        let on_time = if days <= 45 { "yes" } else { "no" };
        let amount = rng.range(2, 30) * 10_000;
        add(
            rng,
            "payment",
            "P",
            amount,
            &[
                ("days_to_pay", days.to_string()),
                ("on_time", on_time.to_string()),
            ],
        );
    }
    if rng.chance(15 * skill / 100) {
        let t = tier(rng);
        add(rng, "new_customer", "N", 0, &[("customer_tier", t)]);
    }
    for _ in 0..rng.range(0, 4) {
        add(rng, "visit", "V", 0, &[]);
    }
    if rng.chance(12) {
        add(rng, "mentoring", "M", 0, &[]);
    }
    if rng.chance(3) {
        add(rng, "complaint", "C", 0, &[]);
    }
    out
}
