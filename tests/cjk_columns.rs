//! Text for people is padded by terminal cells, not characters (issue 40):
//! a Chinese category lines up with the Latin ones in a statement.

mod common;
use common::Sandbox;

/// The cell at which each by-category line's points start.
fn points_columns(statement: &str) -> Vec<(String, usize)> {
    statement
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| {
            let (head, _points) = l.rsplit_once(' ')?;
            Some((l.to_string(), merit::text::width(head) + 1))
        })
        .collect()
}

#[test]
fn a_chinese_category_is_aligned_in_a_statement() {
    let s = Sandbox::new();
    s.load_q1();
    s.ok(&["recalc"]);
    s.ok(&[
        "award",
        "ZW",
        "7",
        "--reason",
        "x",
        "--category",
        "客户关系",
    ]);
    s.ok(&[
        "award",
        "ZW",
        "5",
        "--reason",
        "x",
        "--category",
        "团队协作",
        "--date",
        "2026-03-01",
    ]);
    s.ok(&["approve", "2026-Q1"]);
    s.ok(&["approve", "2026-04"]);
    let text = s.ok(&["statement", "ZW", "2026-Q1"]);
    let columns = points_columns(&text);
    assert!(
        columns.iter().any(|(l, _)| l.contains("团队协作")) && columns.len() >= 3,
        "{text}"
    );
    let first = columns[0].1;
    for (line, at) in &columns {
        assert_eq!(*at, first, "{line:?} is out of line in\n{text}");
    }
}
