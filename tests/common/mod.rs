//! Helpers for CLI tests: a temporary store and a `merit` command bound to it.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary directory holding one store.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("store.db")
    }

    /// `merit` on this store, today 2026-04-10, actor `lead`.
    pub fn merit(&self) -> Command {
        let mut c = Command::cargo_bin("merit").expect("merit binary");
        c.env("MERIT_DB", self.db())
            .env("MERIT_TODAY", "2026-04-10")
            .env("MERIT_USER", "lead")
            .env_remove("NO_COLOR");
        c
    }

    /// Runs `merit args…`, asserting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.merit().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
    }

    /// Writes a file into the sandbox and returns its path as text.
    pub fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.display().to_string()
    }

    /// Imports the q1 members, targets, activities and rules.
    pub fn load_q1(&self) {
        let f = |n: &str| fixture("q1").join(n).display().to_string();
        self.ok(&["import", "members", &f("members.csv")]);
        self.ok(&["import", "targets", &f("targets.csv")]);
        self.ok(&["import", "activities", &f("activities.csv")]);
        self.ok(&["rules", "import", &f("rules.toml")]);
    }

    /// Every table's rows, as text: to prove nothing was written.
    pub fn dump(&self) -> String {
        dump(&self.db())
    }
}

/// Every row of every table of a store, as text (empty if no store).
pub fn dump(db: &Path) -> String {
    if !db.exists() {
        return String::new();
    }
    let conn = rusqlite::Connection::open(db).expect("open store");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(cells.join("|"))
            })
            .unwrap();
        out.push_str(&format!("== {t}\n"));
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}
