//! Fair redemption limits (issue 21): a reward may be asked for at most
//! `limit_qty` times per member per `limit_per` period (pending and
//! approved requests count) and only inside its availability window;
//! beyond them a request is refused (exit 1) with the reason, nothing
//! written.

mod common;
use common::Sandbox;

fn store() -> Sandbox {
    let s = Sandbox::new();
    let m = s.file("m.csv", "code,name,team\nZW,张伟,East\nLN,李娜,East\n");
    s.ok(&["import", "members", &m]);
    for member in ["ZW", "LN"] {
        s.ok(&[
            "--today",
            "2026-01-05",
            "award",
            member,
            "1000",
            "--reason",
            "grant",
        ]);
    }
    s.ok(&["--today", "2026-01-05", "approve", "2026-01"]);
    let c = s.file(
        "c.csv",
        "code,name,cost,stock,category,limit_qty,limit_per,available_from,available_to\n\
         LUNCH,Team lunch,10,,gift,2,month,,\n\
         XMAS,年终礼包,50,,gift,,,2026-12-01,2026-12-31\n",
    );
    s.ok(&["catalog", "import", &c]);
    s
}

fn refused(s: &Sandbox, today: &str, member: &str, reward: &str, qty: &str) -> String {
    let before = s.dump();
    let out = s
        .merit()
        .args(["--today", today, "redeem", member, reward, "--qty", qty])
        .assert()
        .code(1);
    assert_eq!(s.dump(), before, "nothing written");
    String::from_utf8_lossy(&out.get_output().stderr).to_string()
}

#[test]
fn a_reward_is_limited_per_member_per_period_counting_pending_requests() {
    let s = store();
    s.ok(&["--today", "2026-02-03", "redeem", "ZW", "LUNCH"]);
    s.ok(&["--today", "2026-02-03", "redemptions", "approve", "1"]);
    s.ok(&["--today", "2026-02-10", "redeem", "ZW", "LUNCH"]); // pending
    let err = refused(&s, "2026-02-20", "ZW", "LUNCH", "1");
    assert_eq!(
        err,
        "merit: refused: reward LUNCH is limited to 2 per member per month (ZW has asked for 2 in 2026-02)\n"
    );
    assert!(refused(&s, "2026-03-01", "LN", "LUNCH", "3").contains("limited to 2"));
    // Another member, another month: allowed.
    s.ok(&[
        "--today",
        "2026-02-20",
        "redeem",
        "LN",
        "LUNCH",
        "--qty",
        "2",
    ]);
    s.ok(&["--today", "2026-03-01", "redeem", "ZW", "LUNCH"]);
    // A rejected request gives its place back.
    s.ok(&[
        "--today",
        "2026-03-01",
        "redemptions",
        "reject",
        "4",
        "--reason",
        "no",
    ]);
    s.ok(&[
        "--today",
        "2026-03-02",
        "redeem",
        "ZW",
        "LUNCH",
        "--qty",
        "2",
    ]);
}

#[test]
fn a_reward_is_asked_for_only_inside_its_window() {
    let s = store();
    assert!(
        refused(&s, "2026-11-30", "ZW", "XMAS", "1")
            .contains("reward XMAS can be asked for from 2026-12-01")
    );
    s.ok(&["--today", "2026-12-01", "redeem", "ZW", "XMAS"]);
    assert!(
        refused(&s, "2027-01-01", "ZW", "XMAS", "1")
            .contains("could be asked for until 2026-12-31")
    );
}

#[test]
fn bad_limit_columns_are_refused() {
    let s = Sandbox::new();
    let c = s.file(
        "c.csv",
        "code,name,cost,stock,category,limit_qty,limit_per,available_from,available_to\n\
         A,A,10,1000000001,gift,0,month,,\n\
         B,B,10,,gift,2,,,\n\
         C,C,10,,gift,2,week,,\n\
         D,D,10,,gift,,,2026-12-31,2026-12-01\n",
    );
    let out = s.merit().args(["catalog", "import", &c]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("c.csv:2: limit_qty: '0' is not a whole number from 1 to 1000000000"),
        "{err}"
    );
    // A limit_qty given but wrong: limit_per is not blamed for it.
    assert!(!err.contains("c.csv:2: limit_per"), "{err}");
    assert!(err.contains("c.csv:3: limit_per: is empty"), "{err}");
    assert!(
        err.contains("c.csv:2: stock: '1000000001' is not a whole number from 0 to 1000000000"),
        "{err}"
    );
    assert!(
        err.contains("c.csv:4: limit_per: 'week' is not month, quarter or year"),
        "{err}"
    );
    assert!(
        err.contains("c.csv:5: available_to: is before available_from"),
        "{err}"
    );
}
