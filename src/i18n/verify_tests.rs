//! `merit verify`'s messages and the seal's, worded (issue 40): each typed
//! message reads in English as verify has always printed it (scripts and
//! the integration tests match it), and in Chinese with no English word
//! of merit's own left (the values in it, and the names of commands,
//! options and files, aside). Those a shell edit reaches are tested end to
//! end in `tests/tamper.rs`; these include the ones no simple edit reaches.

use super::Lang;
use super::messages::word_in;
use crate::message::{Msg, MsgArg};
use crate::msg;

/// `message => "English"` pairs, one a line (rustfmt leaves them so).
macro_rules! said {
    ($($m:expr => $english:literal),* $(,)?) => {
        vec![$(($m, $english)),*]
    };
}

/// Words of merit's own that stay as they are in Chinese: the commands,
/// options, environment variables and files they name.
const NAMES: [&str; 11] = [
    "merit", "verify", "quick", "reason", "SQLite", "MERIT", "KEY", "README", "chmod", "uid",
    "amcheck",
];

/// The English words left in `zh`, a wording of `m`, once the values `m`
/// holds (names, paths, codes: data, not merit's words) are taken out.
fn english_left(m: &Msg, zh: &str) -> Vec<String> {
    fn values(m: &Msg, out: &mut Vec<String>) {
        for (_, a) in &m.args {
            match a {
                MsgArg::Text(t) => out.push(t.clone()),
                MsgArg::Num(_) => {}
                MsgArg::Msg(inner) => values(inner, out),
                MsgArg::Explained(_) => {}
            }
        }
    }
    let mut held = Vec::new();
    values(m, &mut held);
    held.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let mut text = zh.to_string();
    for v in held.iter().filter(|v| !v.is_empty()) {
        text = text.replace(v.as_str(), " ");
    }
    text.replace("UTF-8", " ")
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !NAMES.contains(w))
        .map(str::to_string)
        .collect()
}

fn ledger(id: i64, what: Msg) -> Msg {
    msg!("verify-ledger-entry", id = id, what = what)
}

fn audit(id: i64, what: Msg) -> Msg {
    msg!("verify-audit-entry", id = id, what = what)
}

/// Problems with one entry of the ledger or the audit log, as verify
/// makes them, and the English it has always printed.
fn entries() -> Vec<(Msg, &'static str)> {
    let missing =
        |n: i64, from: i64, to: i64| msg!("verify-missing-before", n = n, from = from, to = to);
    let p = crate::domain::Points::from_cents;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("a day");
    said![
        ledger(7, missing(4, 3, 6)) => "ledger entry 7: entries 3 to 6 before it are missing (removed?)",
        ledger(7, missing(1, 6, 6)) => "ledger entry 7: entry 6 before it is missing (removed?)",
        ledger(7, msg!("verify-out-of-order", after = 9)) => "ledger entry 7: out of order after entry 9",
        ledger(7, msg!("verify-no-hash")) => "ledger entry 7: has no hash: it was not written by merit (inserted?)",
        ledger(7, msg!("verify-does-not-follow")) => "ledger entry 7: does not follow the entry before it in the chain (an entry was removed or inserted?)",
        ledger(7, msg!("verify-fields-changed")) => "ledger entry 7: its fields do not match its hash (changed after it was written?)",
        ledger(7, msg!("verify-unknown-kind", kind = "x")) => "ledger entry 7: an entry of unknown kind 'x'",
        ledger(7, msg!("verify-spent-expired", spent = p(2000), member = "ZW", day = day, could = p(1200))) => "ledger entry 7: the redemption spent 20 of ZW's points on 2026-03-01, when 12 were spendable (points past their last day spent?)",
        ledger(7, msg!("verify-overdrew", member = "ZW", to = p(-800))) => "ledger entry 7: the redemption overdrew ZW's balance (to -8)",
        ledger(7, msg!("verify-expiry-below-0", member = "ZW", to = p(-800))) => "ledger entry 7: the expiry took ZW's balance below 0 (to -8): points were spent after their last day",
        ledger(7, msg!("verify-balance-after-none", member = "ZW", should = p(3000))) => "ledger entry 7: ZW's balance after it should be 30, the entry says nothing",
        ledger(7, msg!("verify-balance-after", member = "ZW", should = p(3000), says = p(2950))) => "ledger entry 7: ZW's balance after it should be 30, the entry says 29.5",
        ledger(7, msg!("verify-debt", member = "ZW", to = p(-800), kind = "manual", points = p(-1000))) => "ledger entry 7: ZW's balance went below 0 (to -8) by a manual award of -10: a debt the next points pay first",
        ledger(7, msg!("verify-debt", member = "ZW", to = p(-800), kind = "award", points = p(-1000))) => "ledger entry 7: ZW's balance went below 0 (to -8) by an award of -10: a debt the next points pay first",
        ledger(7, msg!("verify-posts-unapproved", award = 3)) => "ledger entry 7: posts award 3, which is not approved as posted (changed?)",
        ledger(8, msg!("verify-ledger-ends", last = 7)) => "ledger entry 8: missing; the ledger ends at entry 7 (removed?)",
        ledger(7, msg!("verify-ledger-no-head")) => "ledger entry 7: the chain has no recorded head (entries written outside merit?)",
        ledger(7, msg!("verify-ledger-head-differs")) => "ledger entry 7: the chain's recorded head does not match the last entry (changed?)",
        audit(7, msg!("verify-no-hash")) => "audit entry 7: has no hash: it was not written by merit (inserted?)",
        audit(7, missing(4, 3, 6)) => "audit entry 7: entries 3 to 6 before it are missing (removed?)",
        audit(7, msg!("verify-audit-fields-changed")) => "audit entry 7: its fields do not match its hash, or an entry before it changed (changed after it was written?)",
        audit(8, msg!("verify-audit-ends", last = 7)) => "audit entry 8: missing; the audit log ends at entry 7 (removed?)",
        audit(7, msg!("verify-audit-head-differs")) => "audit entry 7: the audit log's recorded head does not match its last entry (changed?)",
    ]
}

/// Problems with members, awards, the seal and the checkpoints, and how
/// verify went.
fn store() -> Vec<(Msg, &'static str)> {
    let p = crate::domain::Points::from_cents;
    let local = msg!("verify-local-checkpoint", path = "/c/d");
    let named = msg!("verify-named-checkpoint", path = "/c/d");
    let (ledger_chain, audit_chain) = (msg!("seal-chain-ledger"), msg!("seal-chain-audit"));
    let at = "2026-12-01 09:00:00";
    said![
        msg!("verify-recorded-balance", member = "ZW", kept = msg!("verify-no-balance"), walked = msg!("verify-balance-at", points = p(3000), entry = 7)) => "member ZW: the recorded balance is nothing, the ledger comes to 30 after entry 7 (changed?)",
        msg!("verify-month-sum-differs", member = "ZW", status = "pending", month = "2026-03", kept = p(500), awards = p(0)) => "member ZW: the pending points kept for 2026-03 are 5, the awards come to 0 (changed behind merit's back?)",
        msg!("verify-redemptions-differ", member = "ZW", held = p(2000), posted = p(0)) => "member ZW: approved redemptions come to 20, the ledger posts 0",
        msg!("verify-award-unposted", award = 3) => "award 3: approved, but no ledger entry posts it as it stands (changed or removed?)",
        msg!("verify-award-posted-again", award = 3, n = 2) => "award 3: posted 2 times in the ledger",
        msg!("verify-decision-unrecorded", award = 3, status = "rejected", by = "lead", at = at) => "award 3: its decision (rejected by lead at 2026-12-01 09:00:00) is not the one the audit log records (no decision): changed behind merit's back",
        msg!("verify-decision-differs", award = 3, status = "approved", by = "boss", at = at, said_status = "rejected", said_by = "lead", said_at = at) => "award 3: its decision (approved by boss at 2026-12-01 09:00:00) is not the one the audit log records (rejected by lead at 2026-12-01 09:00:00): changed behind merit's back",
        msg!("verify-input-changed", name = msg!("seal-part-members")) => "the members differ from those merit wrote (their digest): changed behind merit's back",
        msg!("verify-more-problems", n = 4) => "… and 4 more problems",
        msg!("verify-more-debts", n = 84) => "… and 84 more balances that went below 0",
        msg!("verify-kept-changing") => "the store kept changing while verify read it; run verify again when it is quiet",
        msg!("verify-audit-walk-failed") => "verify's audit walk failed",
        msg!("verify-store-damaged", what = msg!("verify-sqlite-reports", line = "row 3 missing from index ix")) => "the store is damaged: SQLite reports: row 3 missing from index ix",
        msg!("verify-store-damaged", what = msg!("verify-row-not-utf8", table = "members", row = 2)) => "the store is damaged: a row of members holds text that is not UTF-8 (row 2)",
        msg!("verify-table-row-not-utf8", table = "rewards", row = 4) => "rewards row 4 holds text that is not UTF-8",
        msg!("verify-restore") => "restore it from a backup; nothing else was checked",
        msg!("verify-checkpoint-other-store", checkpoint = &named, store = "s1") => "checkpoint /c/d is of another store (s1)",
        msg!("verify-checkpoint-forged", checkpoint = &named) => "checkpoint /c/d: its seal does not verify with this key (forged?)",
        msg!("verify-checkpoint-forged", checkpoint = &local) => "the local checkpoint (/c/d): its seal does not verify with this key (forged?)",
        msg!("verify-not-a-checkpoint", path = "/c/d") => "/c/d: holds no merit checkpoint",
        msg!("verify-checkpoint-garbage", checkpoint = &local) => "the local checkpoint (/c/d) holds no merit checkpoint (damaged or replaced?)",
        msg!("verify-checkpoint-missing", checkpoint = &local) => "the local checkpoint (/c/d) is missing, though the store was last sealed on this machine (removed?)",
        msg!("verify-checkpoint-shortened", chain = &audit_chain, entries = 5, checkpoint = &named, day = "2026-12-01", sealed = 6) => "the audit log has 5 entries; checkpoint /c/d of 2026-12-01 sealed 6 (shortened, or an older copy of the store put back?)",
        msg!("verify-checkpoint-diverges", chain = &ledger_chain, checkpoint = &local, day = "2026-12-01", sealed = 6) => "the ledger diverges from the local checkpoint (/c/d) of 2026-12-01 at or before entry 6 (rewritten?)",
        msg!("verify-audit-not-sealed", entries = 5, when = at, sealed = 6) => "the audit log (entries 5) is not the one sealed on 2026-12-01 09:00:00 (6 entries): changed behind merit's back",
        msg!("verify-ledger-not-sealed", entries = 5, when = at, sealed = 6) => "the ledger (entries 5) is not the one sealed on 2026-12-01 09:00:00 (6 entries): changed behind merit's back",
        msg!("verify-sealed-differ", name = msg!("seal-part-rewards"), when = at) => "the rewards and stock differ from those sealed on 2026-12-01 09:00:00: changed behind merit's back",
        msg!("verify-no-seal") => "the store has no seal: it was written behind merit's back (or not since sealing came: any merit write seals it)",
        msg!("verify-seal-wrong-key") => "the seal does not verify with this key: the store's state was rewritten without the key (or sealed with another key)",
        msg!("verify-no-key", path = "/k/seal.key") => "verify cannot check the seals: no key at /k/seal.key (MERIT_KEY names one); the checks above hold",
        msg!("verify-fixed-date-writes", n = 1, day = "2999-12-31", by = "li") => "1 write made with a fixed date, latest 2999-12-31, by li",
        msg!("verify-fixed-date-writes", n = 3, day = "2999-12-31", by = "li") => "3 writes made with a fixed date, latest 2999-12-31, by li",
        msg!("verify-quick-unchecked") => "verify --quick did not check the indexes against their tables (merit verify does)",
    ]
}

/// What a write says of the seal before it writes, the checkpoint it
/// keeps, and the seal key.
fn writes() -> Vec<(Msg, &'static str)> {
    let differences = crate::store::listed(vec![
        msg!("seal-none"),
        msg!("seal-part-differs", name = msg!("seal-part-settings")),
        msg!("seal-input-differs", name = msg!("seal-part-activities")),
    ]);
    let chain = msg!("seal-chain-ledger");
    let unwritable = msg!(
        "seal-checkpoint-unwritable",
        path = "/k/c.txt",
        error = "E13"
    );
    said![
        msg!("seal-changed-outside", differences = differences.expect("three")) => "the store changed outside merit since it was last sealed: the store has no seal (removed?); the settings differ from those sealed; the activities differ from those merit wrote (their digest); merit verify says more; nothing was written",
        msg!("seal-wrong-key") => "its seal does not verify with the key (rewritten without it?)",
        msg!("seal-ledger-ends", entries = 5, sealed = 6) => "the ledger ends at entry 5, not at the entry 6 sealed",
        msg!("seal-audit-ends", entries = 5, sealed = 6) => "the audit log ends at entry 5, not at the entry 6 sealed",
        msg!("seal-part-differs", name = msg!("seal-part-schema")) => "the store's schema (its tables, indexes and triggers) differ from those sealed",
        msg!("seal-checkpoint-missing", path = "/c/d") => "the local checkpoint /c/d is missing, though the store was sealed on this machine (removed?)",
        msg!("seal-checkpoint-garbage", path = "/c/d") => "the local checkpoint /c/d holds no merit checkpoint (damaged or replaced?)",
        msg!("seal-checkpoint-other-store", path = "/c/d", store = "s1") => "the local checkpoint /c/d is of another store (s1)",
        msg!("seal-checkpoint-forged", path = "/c/d") => "the local checkpoint /c/d does not verify with the key (forged?)",
        msg!("seal-checkpoint-shortened", chain = &chain, entries = 5, day = "2026-12-01", sealed = 6) => "the ledger has 5 entries; the local checkpoint of 2026-12-01 sealed 6 (shortened, or an older copy of the store put back?)",
        msg!("seal-checkpoint-diverges", chain = &chain, day = "2026-12-01", sealed = 6) => "the ledger diverges from the local checkpoint of 2026-12-01 at or before entry 6 (rewritten?)",
        msg!("seal-checkpoint-not-kept", error = unwritable) => "/k/c.txt: cannot write the checkpoint: E13; the store's later writes cannot be held to this one (the checkpoint folder needs the group's write access: see the README)",
        msg!("seal-key-open", path = "/k/seal.key", mode = "0644") => "/k/seal.key: the seal key is readable or writable by others (mode 0644); chmod 600 it (640 for a group of leads)",
        msg!("seal-key-other-user", path = "/k/seal.key", uid = "1001", mode = "0640") => "/k/seal.key: the seal key belongs to another user (uid 1001) outside its group (mode 0640); use your own key, or one your group shares",
        msg!("seal-key-symlink", path = "/k/seal.key") => "/k/seal.key: the seal key is a symbolic link; merit uses only a regular file (mode 0600, or 0640 for a group)",
        msg!("seal-accept-needs-reason") => "--reason: say why the store is accepted as it is",
    ]
}

#[test]
fn verify_and_the_seal_say_what_they_always_said_and_all_of_it_in_chinese() {
    let mut wrong = Vec::new();
    for (m, english) in entries().into_iter().chain(store()).chain(writes()) {
        let en = word_in(Lang::En, &m);
        if en != english {
            wrong.push(format!("{m}\n  English: {en}\n  was:     {english}"));
        }
        let zh = word_in(Lang::ZhCn, &m);
        let left = english_left(&m, &zh);
        if !left.is_empty() || zh == en {
            wrong.push(format!("{m}\n  Chinese: {zh}\n  English left: {left:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let zh = |m: &Msg| word_in(Lang::ZhCn, m);
    let missing = |n: i64| msg!("verify-missing-before", n = n, from = 3, to = 6);
    assert_eq!(
        zh(&ledger(7, missing(4))),
        "流水 7：它之前的第 3 至 6 条缺失（被删除？）"
    );
    assert_eq!(
        zh(&ledger(7, missing(1))),
        "流水 7：它之前的第 6 条缺失（被删除？）"
    );
    let kind = |k: &str| {
        zh(&msg!(
            "verify-debt",
            member = "ZW",
            to = "-8",
            kind = k,
            points = "-10"
        ))
    };
    assert!(
        kind("manual").contains("因手动积分 -10"),
        "{}",
        kind("manual")
    );
    assert!(
        kind("adjustment").contains("因调整 -10"),
        "{}",
        kind("adjustment")
    );
    let sum = msg!(
        "verify-month-sum-differs",
        member = "ZW",
        status = "approved",
        month = "2026-03",
        kept = "5",
        awards = "0"
    );
    assert!(
        zh(&sum).contains("2026-03 记下的已批准积分为 5"),
        "{}",
        zh(&sum)
    );
}

/// Every message of verify's file reads in Chinese with no English word
/// of merit's own, whatever fills it (here a number in every argument,
/// and the other side of every selector).
#[test]
fn every_message_of_verify_and_the_seal_is_said_in_chinese() {
    let (_, en, _) = super::catalogue::FILES
        .iter()
        .find(|(name, _, _)| *name == "verify")
        .expect("verify's file is in the catalogue");
    let mut wrong = Vec::new();
    for (id, vars) in super::tests::variables(en) {
        let id: &'static str = Box::leak(id.into_boxed_str());
        for n in [1, 7] {
            let args = vars
                .iter()
                .map(|v| (&*Box::leak(v.clone().into_boxed_str()), MsgArg::Num(n)))
                .collect();
            let m = Msg::new(id, args);
            let zh = word_in(Lang::ZhCn, &m);
            let left = english_left(&m, &zh);
            // A list is its parts and a separator.
            let chinese =
                id == "verify-list" || zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if !left.is_empty() || !chinese {
                wrong.push(format!("{id}: {zh}  English left: {left:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What a seal covers is named by catalogue id in the core: each is a
/// message of both languages.
#[test]
fn what_a_seal_covers_is_in_the_catalogue() {
    let ids = super::tests::english_ids();
    let names: Vec<&str> = crate::store::sealed_names().collect();
    assert_eq!(
        names.len(),
        crate::store::SEALED_TABLES.len() + 4,
        "{names:?}"
    );
    for id in names {
        assert!(ids.contains(id), "{id} is not in the catalogue");
        assert_ne!(
            word_in(Lang::ZhCn, &Msg::new(id, Vec::new())),
            word_in(Lang::En, &Msg::new(id, Vec::new())),
            "{id}"
        );
    }
}
