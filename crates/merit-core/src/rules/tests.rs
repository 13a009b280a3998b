use super::*;

const Q1: &str = include_str!("../../../../tests/fixtures/q1/rules.toml");

fn errors(text: &str) -> Vec<String> {
    parse_rules(text)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
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
    assert_eq!(
        e,
        [
            "3: rule 'x': kind: unknown kind 'bonus' (per_event, attainment, multiplier, rank, team_pool)"
        ]
    );
}

#[test]
fn unknown_key_names_rule_and_key() {
    let e = errors("[[rules]]\nid = \"x\"\nkind = \"per_event\"\nevent = \"deal\"\npointz = 3\n");
    assert!(
        e.iter()
            .any(|e| e == "5: rule 'x': pointz: unknown key for a per_event rule"),
        "{e:?}"
    );
}

#[test]
fn multiplier_naming_unknown_rule() {
    let e = errors(
        "[[rules]]\nid = \"m\"\nkind = \"multiplier\"\nrules = [\"nope\"]\nfactor = 2\nfrom = \"2026-01-01\"\nto = \"2026-01-02\"\n",
    );
    assert_eq!(e, ["4: rule 'm': rules: names unknown rule 'nope'"]);
}

#[test]
fn cap_on_negative_rule() {
    let e = errors(
        "[[rules]]\nid = \"c\"\nkind = \"per_event\"\nevent = \"complaint\"\npoints = -5\ncap = { points = 10, per = \"month\" }\n",
    );
    assert_eq!(
        e,
        ["6: rule 'c': cap: a rule with negative points cannot have a cap"]
    );
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
    assert!(errors(&bad)[0].contains("overlaps"));
}

#[test]
fn zero_or_negative_factor_is_refused() {
    for f in ["0", "-1.5"] {
        let text = format!(
            "[[rules]]\nid = \"d\"\nkind = \"per_event\"\nevent = \"deal\"\npoints = 1\n[[rules]]\nid = \"m\"\nkind = \"multiplier\"\nrules = [\"d\"]\nfactor = {f}\nfrom = \"2026-01-01\"\nto = \"2026-01-02\"\n"
        );
        assert!(errors(&text)[0].contains("factor: must be greater than 0"));
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

#[test]
fn syntax_errors_name_the_line() {
    let e = errors("[[rules]]\nid = \"d\"\nkind = per_event\n");
    assert!(e[0].starts_with("3: not valid TOML"), "{e:?}");
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
            "4: rule 'r': per: must be \"month\", \"quarter\" or \"year\"",
            "5: rule 'r': places[0].rank: must be a whole number from 1 to 1000",
            "5: rule 'r': places[1].medal: unknown key",
            "5: rule 'r': places[1].points: must be greater than 0",
        ]
    );
    let e = errors(
        "[[rules]]\nid = \"p\"\nkind = \"team_pool\"\nevents = []\npoints = 0\nper = \"month\"\nsplit = \"size\"\n",
    );
    assert_eq!(
        e,
        [
            "4: rule 'p': events: missing (a list of activity kinds such as [\"joint_visit\"])",
            "5: rule 'p': points: must be greater than 0",
            "7: rule 'p': split: must be \"activities\" or \"points\"",
        ]
    );
}
