//! Fuzzing the readers that take files from outside: the CSV importer and
//! the rules TOML parser get random bytes and mutations of valid files.
//! Whatever they are sent: no panic; either a clean import or an error
//! with nothing written; an accepted file imported again changes nothing;
//! accepted rules survive export and re-parsing. Inputs that once broke a
//! reader are kept in `tests/fixtures/crashers/` and replayed every run.

mod common;
use common::fixture;
use merit::error::Error;
use merit::i18n::{Lang, word_in};
use merit::ops::Context;
use merit::ops::import::{ImportKind, import_reader};
use merit::rules::{export_rules, parse_rules};
use merit::store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const KINDS: [ImportKind; 4] = [
    ImportKind::Members,
    ImportKind::Activities,
    ImportKind::Targets,
    ImportKind::Rewards,
];

/// Valid files of every kind, to mutate.
fn seeds() -> Vec<(ImportKind, Vec<u8>)> {
    let q1 = |n: &str| std::fs::read(fixture("q1").join(n)).unwrap();
    vec![
        (ImportKind::Members, q1("members.csv")),
        (ImportKind::Activities, q1("activities.csv")),
        (ImportKind::Targets, q1("targets.csv")),
        (
            ImportKind::Rewards,
            "code,name,cost,stock,category\nGIFT,礼品卡,50,2,gift\nDAY,Day off,500,,leave\n".into(),
        ),
    ]
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Replace(usize, u8),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let nasty = prop_oneof![
        Just(b",".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xff".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"=cmd|' /C calc'!A0".to_vec()),
        Just(b"1e30".to_vec()),
        Just(b"-0.005".to_vec()),
        Just(b"99999999999999999999999999999".to_vec()),
        Just(b"2026-02-30".to_vec()),
        Just(b"9999-12-31".to_vec()),
        Just("张伟".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<usize>(), nasty).prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), 1usize..12).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Insert(at, b) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Edit::Delete(at, n) if !bytes.is_empty() => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Replace(at, b) if !bytes.is_empty() => bytes[at % len] = *b,
            Edit::Duplicate(at, n) if !bytes.is_empty() => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(end..end, copy);
            }
            _ => {}
        }
    }
    bytes
}

/// An error's lines as the command line prints them in English.
fn english_lines(e: &Error) -> Vec<String> {
    e.messages()
        .iter()
        .map(|m| merit::error::one_line(&word_in(Lang::En, m)))
        .collect()
}

/// Rows in every table that an import can write.
fn counts(store: &Store) -> Vec<i64> {
    let path = store.path().to_path_buf();
    let conn = rusqlite::Connection::open(path).unwrap();
    ["members", "activities", "targets", "rewards", "audit"]
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect()
}

/// The import property: no panic, and either it worked (and a second run
/// changes nothing) or it failed as bad input with nothing written.
fn import_holds(store: &mut Store, kind: ImportKind, bytes: &[u8]) -> Result<(), TestCaseError> {
    let ctx = Context::new(merit::domain::parse_date("2026-04-10").unwrap(), "fuzz");
    let before = counts(store);
    match import_reader(store, &ctx, kind, "fuzz.csv", bytes) {
        Ok(_) => {
            let again = import_reader(store, &ctx, kind, "fuzz.csv", bytes)
                .map_err(|e| TestCaseError::fail(format!("second import failed: {e}")))?;
            prop_assert_eq!(
                again.inserted + again.updated,
                0,
                "second import changed rows"
            );
        }
        Err(e @ Error::BadInput(_)) => {
            let lines = english_lines(&e);
            prop_assert!(!lines.is_empty());
            prop_assert!(
                lines
                    .iter()
                    .all(|l| l.starts_with("fuzz.csv") && !l.contains('\n'))
            );
            prop_assert_eq!(counts(store), before, "a refused import wrote");
        }
        Err(e) => prop_assert!(false, "unexpected error kind: {e:?}"),
    }
    Ok(())
}

fn q1_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("fuzz.db")).unwrap();
    let ctx = Context::new(merit::domain::parse_date("2026-04-10").unwrap(), "fuzz");
    let members = std::fs::read(fixture("q1").join("members.csv")).unwrap();
    import_reader(&mut store, &ctx, ImportKind::Members, "m.csv", &members[..]).unwrap();
    (dir, store)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn mutated_csv_files_never_panic_and_never_half_write() {
    let (_dir, store) = q1_store();
    let store = std::cell::RefCell::new(store);
    let strategy = (0..KINDS.len(), proptest::collection::vec(edit(), 1..6));
    runner(300)
        .run(&strategy, |(k, edits)| {
            let (kind, seed) = seeds().swap_remove(k);
            import_holds(&mut store.borrow_mut(), kind, &apply(seed, &edits))
        })
        .unwrap();
}

#[test]
fn random_bytes_as_csv_never_panic() {
    let (_dir, store) = q1_store();
    let store = std::cell::RefCell::new(store);
    let strategy = (
        0..KINDS.len(),
        proptest::collection::vec(any::<u8>(), 0..400),
    );
    runner(200)
        .run(&strategy, |(k, bytes)| {
            import_holds(&mut store.borrow_mut(), KINDS[k], &bytes)
        })
        .unwrap();
}

/// The rules property: no panic; errors carry a message; accepted rules
/// export to TOML that parses to the same rules.
fn rules_hold(text: &str) -> Result<(), TestCaseError> {
    match parse_rules(text) {
        Ok(set) => {
            let again = parse_rules(&export_rules(&set))
                .map_err(|e| TestCaseError::fail(format!("export does not parse: {e:?}")))?;
            prop_assert_eq!(again, set);
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            // Each worded by the catalogue (an unknown id words as itself).
            let worded = |e: &merit::rules::RuleError| {
                let said = word_in(Lang::En, &e.message);
                !said.is_empty() && said != e.message.id
            };
            prop_assert!(errors.iter().all(worded));
        }
    }
    Ok(())
}

#[test]
fn mutated_rules_files_never_panic() {
    let seed = std::fs::read(fixture("q1").join("rules.toml")).unwrap();
    runner(400)
        .run(&proptest::collection::vec(edit(), 1..6), |edits| {
            let bytes = apply(seed.clone(), &edits);
            match std::str::from_utf8(&bytes) {
                Ok(text) => rules_hold(text),
                Err(_) => Ok(()),
            }
        })
        .unwrap();
}

#[test]
fn random_text_as_rules_never_panics() {
    runner(300)
        .run(
            &"(\\[\\[rules\\]\\]\n)?[a-z_ =\"0-9.\\[\\]{},\n-]{0,300}",
            |text| rules_hold(&text),
        )
        .unwrap();
}

/// Every kept crasher goes through every reader.
#[test]
fn the_crasher_corpus_is_handled() {
    let dir = fixture("crashers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the corpus is empty");
    let (_dir, mut store) = q1_store();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        for kind in KINDS {
            import_holds(&mut store, kind, &bytes)
                .unwrap_or_else(|e| panic!("{}: {kind:?}: {e}", path.display()));
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            rules_hold(text).unwrap_or_else(|e| panic!("{}: rules: {e}", path.display()));
        }
    }
}
