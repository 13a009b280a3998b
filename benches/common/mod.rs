//! What the benchmarks share: in-memory inputs of the demo's shape, built
//! with the demo's deterministic generator.
#![allow(dead_code)]

use chrono::Days;
use merit::domain::{Activity, Attrs, Member, Period, Target};
use merit::ops::demo::Rng;
use rust_decimal::Decimal;

pub const MEMBERS: usize = 2_000;

/// `0..n` from the demo's deterministic generator.
fn below(rng: &mut Rng, n: u64) -> u64 {
    rng.range(0, n - 1)
}

/// `MEMBERS` members and `n` activities of every kind spread over
/// `quarter`, with a deal target each: the same shape as the demo.
pub fn quarter_inputs(quarter: Period, n: usize) -> (Vec<Member>, Vec<Activity>, Vec<Target>) {
    let mut rng = Rng(7);
    let members: Vec<Member> = (0..MEMBERS)
        .map(|i| Member {
            code: format!("S{i:05}"),
            name: format!("成员{i}"),
            team: ["East", "West", "North"][i % 3].into(),
            joined: None,
            active: true,
        })
        .collect();
    let days = (quarter.end() - quarter.start()).num_days() as u64 + 1;
    let kinds = [
        "deal",
        "deal",
        "payment",
        "visit",
        "visit",
        "new_customer",
        "mentoring",
        "complaint",
    ];
    let activities = (0..n)
        .map(|n| {
            let kind = kinds[below(&mut rng, kinds.len() as u64) as usize];
            let mut attrs = Attrs::default();
            match kind {
                "deal" => {
                    attrs.insert(
                        "customer_tier",
                        ["A", "B", "C"][below(&mut rng, 3) as usize],
                    );
                }
                "payment" => {
                    let on_time = if below(&mut rng, 4) == 0 { "no" } else { "yes" };
                    attrs.insert("on_time", on_time);
                }
                _ => {}
            }
            Activity {
                reference: format!("A-{n:07}"),
                member: members[below(&mut rng, MEMBERS as u64) as usize]
                    .code
                    .clone(),
                kind: kind.into(),
                date: quarter.start() + Days::new(below(&mut rng, days)),
                amount: Decimal::from(below(&mut rng, 300) * 1_000),
                attrs,
            }
        })
        .collect();
    let targets = members
        .iter()
        .map(|m| Target {
            member: m.code.clone(),
            period: quarter,
            metric: "deal".into(),
            target: Decimal::from(400_000 + below(&mut rng, 400) * 1_000),
        })
        .collect();
    (members, activities, targets)
}

/// The screen as the benches drive it: a key, a frame, the next page.
pub mod screen {
    use merit::tui::app::App;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    pub fn key(c: char) -> crossterm::event::KeyEvent {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )
    }

    pub fn draw(app: &App, term: &mut Terminal<TestBackend>) {
        term.draw(|f| merit::tui::view::draw(app, f)).unwrap();
    }

    /// PgDn in the Ledger, back to the top (`g`) from its last page; the
    /// frame drawn.
    pub fn page_down(app: &mut App, term: &mut Terminal<TestBackend>) {
        if app.ledger.cursor + 1 >= app.ledger.total {
            app.handle_key(key('g'));
        } else {
            app.handle_key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::PageDown,
                crossterm::event::KeyModifiers::NONE,
            ));
        }
        draw(app, term);
    }
}
