//! `merit rules handbook` in Chinese under a Chinese locale (issue 19): a
//! 积分计算手册 with 积分获取、积分扣除、加倍活动、兑换 and 有效期 from
//! the rules in force; English stays the default elsewhere.

mod common;
use common::Sandbox;

#[test]
fn a_chinese_locale_gets_the_chinese_handbook() {
    let s = Sandbox::new();
    s.load_q1();
    let rewards = s.file(
        "r.csv",
        "code,name,cost,stock,category\nGIFT,礼品卡,50,2,gift\n",
    );
    s.ok(&["catalog", "import", &rewards]);
    let out = s
        .merit()
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("MERIT_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["rules", "handbook", "--as-of", "2026-03-04"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "# 积分计算手册",
        "以下为 2026-03-04 生效的积分规则。",
        "## 一、积分获取",
        "### 业绩",
        "## 二、积分扣除",
        "扣 **15 分**",
        "## 三、加倍活动",
        "## 四、积分兑换",
        "- **礼品卡**（`GIFT`）：50 分，剩余 2 件",
        "## 五、审批与有效期",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    // MERIT_LANG wins over the locale.
    let en = s
        .merit()
        .env("LANG", "zh_CN.UTF-8")
        .env("MERIT_LANG", "en")
        .args(["rules", "handbook"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&en.stdout).starts_with("# Points handbook"));
}

/// The whole Chinese handbook of the q1 rules and a reward catalogue, in
/// the glossary's words (GLOSSARY.md).
#[test]
fn q1_handbook_zh() {
    let s = Sandbox::new();
    s.load_q1();
    let rewards = s.file(
        "r.csv",
        "code,name,cost,stock,category\nGIFT,礼品卡,50,2,gift\nPEN,签字笔,1,,gift\n",
    );
    s.ok(&["catalog", "import", &rewards]);
    let out = s
        .merit()
        .env("MERIT_LANG", "zh-CN")
        .args(["rules", "handbook", "--as-of", "2026-03-04"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
