use super::*;

const Q1: &str = include_str!("../../../../tests/fixtures/q1/rules.toml");

/// Each problem as `line: rule: key: message` (the message by id and
/// arguments: the front words it, `merit::i18n`).
fn errors(text: &str) -> Vec<String> {
    let or = |s: &Option<String>| s.clone().unwrap_or_default();
    parse_rules(text)
        .unwrap_err()
        .iter()
        .map(|e| {
            let line = e.line.map(|l| l.to_string()).unwrap_or_default();
            format!("{line}: {}: {}: {}", or(&e.rule), or(&e.key), e.message)
        })
        .collect()
}

#[test]
fn reads_the_q1_rules() {
    let set = parse_rules(Q1).unwrap();
    assert_eq!(set.rules.len(), 6);
    let RuleBody::Attainment(a) = &set.rules[4].body else {
        panic!("q-attain is an attainment rule")
    };
    assert_eq!(a.tiers[0].at.to_string(), "0.8");
}

#[test]
fn export_round_trips() {
    let set = parse_rules(Q1).unwrap();
    let text = export_rules(&set);
    assert_eq!(parse_rules(&text).unwrap(), set);
    assert_eq!(export_rules(&parse_rules(&text).unwrap()), text);
}

#[test]
fn unknown_kind_names_rule_and_key() {
    let e = errors("[[rules]]\nid = \"x\"\nkind = \"bonus\"\n");
    assert_eq!(e, ["3: x: kind: rules-unknown-kind(kind=\"bonus\")"]);
}

#[test]
fn unknown_key_names_rule_and_key() {
    let e = errors("[[rules]]\nid = \"x\"\nkind = \"per_event\"\nevent = \"deal\"\npointz = 3\n");
    assert!(
        e.iter()
            .any(|e| e == "5: x: pointz: rules-unknown-key-for-kind(kind=\"per_event\")"),
        "{e:?}"
    );
}

#[test]
fn multiplier_naming_unknown_rule() {
    let e = errors(
        "[[rules]]\nid = \"m\"\nkind = \"multiplier\"\nrules = [\"nope\"]\nfactor = 2\nfrom = \"2026-01-01\"\nto = \"2026-01-02\"\n",
    );
    assert_eq!(e, ["4: m: rules: rules-names-unknown-rule(rule=\"nope\")"]);
}

#[test]
fn cap_on_negative_rule() {
    let e = errors(
        "[[rules]]\nid = \"c\"\nkind = \"per_event\"\nevent = \"complaint\"\npoints = -5\ncap = { points = 10, per = \"month\" }\n",
    );
    assert_eq!(e, ["6: c: cap: rules-negative-cap"]);
}

#[test]
fn overlapping_versions_are_refused_and_adjacent_ones_accepted() {
    let v = |from: &str, to: &str| {
        format!(
            "[[rules]]\nid = \"d\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\nvalid_from = \"{from}\"\nvalid_to = \"{to}\"\n"
        )
    };
    let ok = format!(
        "{}{}",
        v("2026-01-01", "2026-03-31"),
        v("2026-04-01", "2026-12-31")
    );
    assert_eq!(parse_rules(&ok).unwrap().rules.len(), 2);
    let bad = format!(
        "{}{}",
        v("2026-01-01", "2026-03-31"),
        v("2026-03-31", "2026-12-31")
    );
    assert!(errors(&bad)[0].contains("rules-window-overlaps"));
}

#[test]
fn zero_or_negative_factor_is_refused() {
    for f in ["0", "-1.5"] {
        let text = format!(
            "[[rules]]\nid = \"d\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\n[[rules]]\nid = \"m\"\nkind = \"multiplier\"\nrules = [\"d\"]\nfactor = {f}\nfrom = \"2026-01-01\"\nto = \"2026-01-02\"\n"
        );
        assert!(errors(&text)[0].contains("factor: value-must-be-greater-than-0"));
    }
}

#[test]
fn numbers_may_be_strings_and_stay_exact() {
    let set = parse_rules(
        "[[rules]]\nid = \"d\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = \"37.5\"\n",
    )
    .unwrap();
    let RuleBody::PerEvent(p) = &set.rules[0].body else {
        panic!()
    };
    assert_eq!(p.points.to_string(), "37.5");
}

/// A TOML float is read as the decimal its text says, and held to the
/// range as written: `1000000000000000.01` went through a binary float,
/// came out 10^15 and was taken; `123456789.123456789` was rounded.
#[test]
fn floats_are_read_as_written() {
    let rule = |points: &str| {
        format!(
            "[[rules]]\nid = \"d\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = {points}\n"
        )
    };
    for (written, read) in [
        ("123456789.123456789", "123456789.123456789"),
        ("1_000.5", "1000.5"),
        ("8e-1", "0.8"),
        ("1.5E+3", "1500"),
        (
            "1.00000000000000000000000001e0",
            "1.00000000000000000000000001",
        ),
        ("-0.25", "-0.25"),
    ] {
        let set = parse_rules(&rule(written)).unwrap();
        let RuleBody::PerEvent(p) = &set.rules[0].body else {
            panic!()
        };
        assert_eq!(p.points.to_string(), read, "{written}");
    }
    let refused = errors(&rule("1000000000000000.01"));
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].starts_with("5: d: points: "), "{refused:?}");
    assert!(refused[0].contains("1000000000000000.01"), "{refused:?}");
    // Written with an exponent, the same number is refused the same way.
    let refused = errors(&rule("1000000000000000.00000000000001e0"));
    assert!(refused[0].starts_with("5: d: points: "), "{refused:?}");
    // A float where the rules take text is refused as before.
    let event = errors("[[rules]]\nid = \"d\"\nkind = \"per_event\"\nevent = 2.5\npoints = 1\n");
    assert!(event[0].starts_with("4: d: event: "), "{event:?}");
    // In a tier and an accelerator too.
    let set = parse_rules(
        "[[rules]]\nid = \"q\"\nkind = \"attainment\"\nevent = \"deal\"\nper = \"quarter\"\n\
         tiers = [ { at = 0.8, points = 30.123456789012345678 } ]\n\
         accelerator = { above = 1.0, points_per_percent = 0.1 }\n",
    )
    .unwrap();
    let RuleBody::Attainment(a) = &set.rules[0].body else {
        panic!()
    };
    assert_eq!(a.tiers[0].points.to_string(), "30.123456789012345678");
    assert_eq!(a.tiers[0].at.to_string(), "0.8");
    // A float in `when` is still refused (SPEC §4.5).
    let when = errors(&format!("{}when = {{ tier = 1.5 }}\n", rule("1")));
    assert!(when[0].contains("when.tier"), "{when:?}");
}

/// `expire_after_months` takes its number as text too, as every rule
/// number may be written.
#[test]
fn expiry_months_may_be_text() {
    let set = parse_rules("[settings]\nexpire_after_months = \"12\"\n").unwrap();
    assert_eq!(set.settings.expire_after_months, Some(12));
    assert!(parse_rules("[settings]\nexpire_after_months = \"twelve\"\n").is_err());
}

#[test]
fn syntax_errors_name_the_line() {
    let e = errors("[[rules]]\nid = \"d\"\nkind = per_event\n");
    assert!(e[0].starts_with("3: : : rules-not-toml"), "{e:?}");
}

const PERIOD_END: &str = include_str!("../../../../tests/fixtures/period-end/rules.toml");

#[test]
fn rank_and_pool_rules_read_and_round_trip() {
    let set = parse_rules(PERIOD_END).unwrap();
    let RuleBody::Rank(r) = &set.rules[1].body else {
        panic!("{:?}", set.rules[1]);
    };
    assert_eq!(r.places.len(), 3);
    assert_eq!(r.places[0].title, "月度销售冠军");
    assert!(r.places[2].title.is_empty());
    let RuleBody::Rank(star) = &set.rules[2].body else {
        panic!()
    };
    assert!(star.team);
    assert_eq!(star.min_points.unwrap().to_string(), "30");
    let RuleBody::TeamPool(p) = &set.rules[4].body else {
        panic!()
    };
    assert_eq!(p.split, PoolSplit::Points);
    let text = export_rules(&set);
    assert_eq!(parse_rules(&text).unwrap(), set);
    assert_eq!(export_rules(&parse_rules(&text).unwrap()), text);
}

#[test]
fn bad_places_and_pools_name_their_keys() {
    let e = errors(
        "[[rules]]\nid = \"r\"\nkind = \"rank\"\nper = \"week\"\n\
         places = [{ rank = 0, points = 5 }, { rank = 2, points = -1, medal = \"x\" }]\n",
    );
    assert_eq!(
        e,
        [
            "4: r: per: rules-must-be-period-kind",
            "5: r: places[0].rank: rules-rank-range",
            "5: r: places[1].medal: rules-unknown-key",
            "5: r: places[1].points: value-must-be-greater-than-0",
        ]
    );
    let e = errors(
        "[[rules]]\nid = \"p\"\nkind = \"team_pool\"\nevents = []\npoints = 0\nper = \"month\"\nsplit = \"size\"\n",
    );
    assert_eq!(
        e,
        [
            "4: p: events: rules-events-missing",
            "5: p: points: value-must-be-greater-than-0",
            "7: p: split: rules-split",
        ]
    );
}

/// A NUL or a line end in a rule's name, category or event is refused at
/// import, on either store (PostgreSQL cannot store a NUL, and every
/// recalc failed there after SQLite took the rule); so is an id longer
/// than an index row can hold.
#[test]
fn hidden_characters_and_an_id_too_long_are_refused() {
    let rule = |extra: &str| {
        format!(
            "[[rules]]\nid = \"deal\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\n{extra}"
        )
    };
    let e = errors(&rule("category = \"perf\\u0000x\"\n"));
    assert_eq!(e, ["6: deal: category: rules-hidden-characters"]);
    let e = errors(&rule("name = \"Signed\\n# deal\"\n"));
    assert_eq!(e, ["6: deal: name: rules-hidden-characters"]);
    let e = errors(
        "[[rules]]\nid = \"pool\"\nkind = \"team_pool\"\nevents = [\"deal\\u0000\"]\npoints = 10\nper = \"month\"\n",
    );
    assert!(
        e.iter()
            .any(|e| e.contains("events: rules-hidden-characters")),
        "{e:?}"
    );
    // `when`'s keys and values, and the Unicode line separators, too.
    let e = errors(&rule("when = { tier = \"A\\u001b]0;x\\u0007\" }\n"));
    assert_eq!(e, ["6: deal: when.tier: rules-hidden-characters"]);
    let e = errors(&rule("name = \"Signed\\u2028deal\"\n"));
    assert_eq!(e, ["6: deal: name: rules-hidden-characters"]);
    // A blank name is no name.
    let set = parse_rules(&rule("name = \"\u{3000} \"\n")).unwrap();
    assert_eq!(set.rules[0].name, "deal");
    let long = "a".repeat(65);
    let e = errors(&format!(
        "[[rules]]\nid = \"{long}\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\n"
    ));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("rules-id-shape"), "{e:?}");
    assert!(
        parse_rules(&rule("").replace("\"deal\"\nkind", &format!("\"{}\"\nkind", "a".repeat(64))))
            .is_ok()
    );
}

/// What an earlier merit took into the store (a line end in a name, an
/// id longer than 64) still reads back: the store's rules are read as
/// they were written, and only a file or the editor is held to the new
/// checks (every command failed on such a store).
#[test]
fn a_store_holding_what_an_earlier_merit_took_still_reads() {
    let long = "a".repeat(70);
    let text = format!(
        "[[rules]]\nid = \"{long}\"\nname = \"Signed\\n# deal\"\ncategory = \"c\\tx\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\n"
    );
    assert!(parse_rules(&text).is_err());
    let set = parse_stored_rules(&text).expect("read back");
    assert_eq!(set.rules[0].name, "Signed\n# deal");
    let body = text.trim_start_matches("[[rules]]\n");
    assert!(parse_version(body).is_ok());
}
