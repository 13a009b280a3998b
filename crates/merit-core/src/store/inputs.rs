//! The digests of the inputs (members, activities, targets) and of the
//! awards' content (everything but their decision, which `verify` holds to
//! the audit log) that a seal covers without reading them whole: each table's digest is the sum,
//! modulo 2^256, of the SHA-256 of each of its rows (typed cells,
//! length-prefixed), so a write keeps it up to date from the rows it adds,
//! changes or removes alone. `verify` sums every row again and names a
//! table whose rows no longer come to the digest kept: a change made
//! behind merit's back stays visible through every later write, since
//! merit only ever adds its own changes to the kept sum.

use super::{Db, Tx};
use crate::error::Result;
use crate::store::sql::{Conn, OwnedValue, Value as ValueRef, args};
use sha2::{Digest, Sha256};

/// The tables whose digests are kept: the catalogue id of what messages
/// call them, and the table (`input_digests.name`), whose columns are
/// digested.
pub const INPUT_TABLES: [(&str, &str); 4] = [
    ("seal-part-members", "members"),
    ("seal-part-activities", "activities"),
    ("seal-part-targets", "targets"),
    ("seal-part-awards", "awards"),
];

/// The columns of `table` its digest covers: every one, but an award's
/// decision (status, decider, time, reason), which changes by design and
/// which `verify` holds to the audit log.
fn digested_columns(table: &str) -> &'static str {
    match table {
        "awards" => AWARD_CONTENT,
        "members" => "code, name, team, joined, active",
        "activities" => "ref, member, kind, date, amount, attrs",
        "targets" => "member, period, metric, target",
        _ => "*",
    }
}

/// An award's content, as digested. The explanation as data (`explain`,
/// last) is digested only where there is one (`row_hash`): an award
/// written before migration 17 hashes as it did, so an older store's
/// kept digest still holds.
pub const AWARD_CONTENT: &str = "id, kind, rule_id, member, subject, date, points, category, \
     explanation, reason, created_at, created_by, title, explain";

/// An award's content as digested before migration 17.
const AWARD_CONTENT_BEFORE_17: &str = "id, kind, rule_id, member, subject, date, points, \
     category, explanation, reason, created_at, created_by, title";

/// Whether the awards have their `explain` column (migration 17).
fn has_explain(conn: Conn<'_>) -> Result<bool> {
    conn.has_column("awards", "explain")
}

/// How many cells `AWARD_CONTENT` names.
const AWARD_CELLS: usize = 14;

/// Which input table a row is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Members = 0,
    Activities = 1,
    Targets = 2,
    Awards = 3,
}

/// A sum of row hashes modulo 2^256 (four little-endian limbs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowSum([u64; 4]);

impl RowSum {
    fn limbs(h: &[u8; 32]) -> [u64; 4] {
        let mut l = [0u64; 4];
        for (i, chunk) in h.chunks_exact(8).enumerate() {
            l[i] = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        }
        l
    }

    pub fn add(&mut self, h: &[u8; 32]) {
        let b = Self::limbs(h);
        let mut carry = false;
        for (a, b) in self.0.iter_mut().zip(b) {
            let (s1, c1) = a.overflowing_add(b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *a = s2;
            carry = c1 || c2;
        }
    }

    pub fn sub(&mut self, h: &[u8; 32]) {
        let b = Self::limbs(h);
        let mut borrow = false;
        for (a, b) in self.0.iter_mut().zip(b) {
            let (d1, c1) = a.overflowing_sub(b);
            let (d2, c2) = d1.overflowing_sub(u64::from(borrow));
            *a = d2;
            borrow = c1 || c2;
        }
    }

    /// `self + other`.
    pub fn plus(mut self, other: RowSum) -> RowSum {
        let mut bytes = [0u8; 32];
        for (i, l) in other.0.iter().enumerate() {
            bytes[i * 8..i * 8 + 8].copy_from_slice(&l.to_le_bytes());
        }
        self.add(&bytes);
        self
    }

    pub fn hex(&self) -> String {
        let mut bytes = [0u8; 32];
        for (i, l) in self.0.iter().enumerate() {
            bytes[i * 8..i * 8 + 8].copy_from_slice(&l.to_le_bytes());
        }
        crate::seal::hex(&bytes)
    }

    pub fn parse(s: &str) -> Option<RowSum> {
        if s.len() != 64 || !s.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).ok()?;
        }
        Some(RowSum(Self::limbs(&bytes)))
    }
}

/// The hash of one row of `table`: its cells typed and length-prefixed.
pub fn row_hash(table: &str, cells: &[ValueRef<'_>]) -> [u8; 32] {
    // An award without an explanation as data hashes as before it came.
    let cells = match cells {
        [rest @ .., ValueRef::Null] if table == "awards" && cells.len() == AWARD_CELLS => rest,
        _ => cells,
    };
    let mut h = Sha256::new();
    h.update((table.len() as u64).to_le_bytes());
    h.update(table.as_bytes());
    for cell in cells {
        let (tag, bytes): (u8, std::borrow::Cow<[u8]>) = match *cell {
            ValueRef::Null => (0, (&[][..]).into()),
            ValueRef::Int(v) => (1, v.to_le_bytes().to_vec().into()),
            ValueRef::Real(v) => (2, v.to_le_bytes().to_vec().into()),
            ValueRef::Text(t) => (3, t.into()),
            ValueRef::Blob(b) => (4, b.into()),
        };
        h.update([tag]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    h.finalize().into()
}

/// Every row of `table` summed (what `verify` compares with the digest
/// kept); `each` sees every row's cells (to check their text).
pub fn table_sum(
    conn: Conn<'_>,
    table: &str,
    mut each: impl FnMut(&[ValueRef<'_>]),
) -> Result<RowSum> {
    let mut columns = digested_columns(table);
    if table == "awards" && !has_explain(conn)? {
        // Migration 16 sums the awards before 17 brings the column: the
        // same sum, an absent explanation being left out of each hash.
        columns = AWARD_CONTENT_BEFORE_17;
    }
    let mut st = conn.prepare(&format!("SELECT {columns} FROM {table}"))?;
    let n = st.column_count();
    let mut sum = RowSum::default();
    st.query_each(args![], |r| {
        let cells = (0..n).map(|i| r.value(i)).collect::<Result<Vec<_>>>()?;
        each(&cells);
        sum.add(&row_hash(table, &cells));
        Ok(())
    })?;
    Ok(sum)
}

/// Migration 16's step: the kept digests of the inputs as they stand.
pub(super) fn create_input_digests(conn: Conn<'_>) -> Result<()> {
    for (_, table) in INPUT_TABLES {
        let sum = table_sum(conn, table, |_| ())?;
        conn.execute(
            "INSERT INTO input_digests(name, sum) VALUES (?1, ?2)",
            args![table, sum.hex()],
        )?;
    }
    Ok(())
}

impl Db<'_> {
    /// Every row of input `table` summed; `each` sees each row's cells.
    pub fn sum_rows(&self, table: &str, each: impl FnMut(&[ValueRef<'_>])) -> Result<RowSum> {
        // Every column is read for its text, the digested ones summed.
        table_sum(self.0, table, each)
    }

    /// The first row of `table` (counted from 1, in the table's order)
    /// holding text that is not UTF-8 (merit reads every such text as a
    /// string), if any; a table the schema lacks has none.
    pub fn first_row_not_utf8(&self, table: &str) -> Result<Option<i64>> {
        if !self.0.has_table(table)? {
            return Ok(None);
        }
        let mut st = self.0.prepare(&format!("SELECT * FROM {table}"))?;
        let n = st.column_count();
        let mut row = 0;
        let mut found = None;
        st.query_each(args![], |r| {
            if found.is_some() {
                return Ok(());
            }
            row += 1;
            for i in 0..n {
                if let ValueRef::Text(t) = r.value(i)?
                    && std::str::from_utf8(t).is_err()
                {
                    found = Some(row);
                }
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// The kept digests whose tables' rows no longer come to them (a full
    /// read of each), by what messages call them (`seal-part-…`): what
    /// `verify` names, and `seal --accept` shows.
    pub fn input_differences(&self) -> Result<Vec<crate::message::Msg>> {
        let kept = self.kept_input_digests()?;
        let mut out = Vec::new();
        for (i, (name, table)) in INPUT_TABLES.iter().enumerate() {
            let Some(kept) = kept.get(i) else {
                continue;
            };
            let sum = table_sum(self.0, table, |_| ())?;
            if RowSum::parse(kept) != Some(sum) {
                out.push(crate::message::Msg::new(name, Vec::new()));
            }
        }
        Ok(out)
    }

    /// Whether the schema keeps input digests (a build playing an older
    /// merit in tests keeps none).
    pub fn keeps_input_digests(&self) -> Result<bool> {
        self.0.has_table("input_digests")
    }

    /// The digests kept, in `INPUT_TABLES` order (none on an older schema).
    pub fn kept_input_digests(&self) -> Result<Vec<String>> {
        if !self.keeps_input_digests()? {
            return Ok(Vec::new());
        }
        let mut out = Vec::with_capacity(INPUT_TABLES.len());
        for (_, table) in INPUT_TABLES {
            let sum: Option<String> = self
                .0
                .prepare("SELECT sum FROM input_digests WHERE name = ?1")?
                .query_opt(args![table], |r| r.get(0))?;
            out.push(sum.unwrap_or_default());
        }
        Ok(out)
    }

    /// The row of `table` whose key columns are `key`, as stored (its
    /// digested columns).
    fn input_row(&self, table: Input, key: &[&str]) -> Result<Option<Vec<OwnedValue>>> {
        let sql = match table {
            Input::Members => format!(
                "SELECT {} FROM members WHERE code = ?1",
                digested_columns("members")
            ),
            Input::Activities => format!(
                "SELECT {} FROM activities WHERE ref = ?1",
                digested_columns("activities")
            ),
            Input::Targets => format!(
                "SELECT {} FROM targets WHERE member = ?1 AND period = ?2 AND metric = ?3",
                digested_columns("targets")
            ),
            Input::Awards => format!("SELECT {AWARD_CONTENT} FROM awards WHERE id = ?1"),
        };
        let mut st = self.0.prepare(&sql)?;
        let n = st.column_count();
        st.query_opt(
            &key.iter()
                .map(|k| k as &dyn crate::store::sql::Arg)
                .collect::<Vec<_>>(),
            |r| (0..n).map(|i| r.get::<OwnedValue>(i)).collect(),
        )
    }
}

fn hash_values(table: Input, row: &[OwnedValue]) -> [u8; 32] {
    let cells: Vec<ValueRef<'_>> = row.iter().map(OwnedValue::as_value).collect();
    row_hash(INPUT_TABLES[table as usize].1, &cells)
}

impl Tx<'_> {
    /// A row this transaction inserts, as bound.
    pub(super) fn input_inserted(&self, table: Input, cells: &[ValueRef<'_>]) {
        let h = row_hash(INPUT_TABLES[table as usize].1, cells);
        self.inputs.borrow_mut()[table as usize].add(&h);
    }

    /// Before a row is changed or removed: its stored cells leave the sum.
    pub(super) fn input_leaving(&self, table: Input, key: &[&str]) -> Result<()> {
        if let Some(row) = self.db().input_row(table, key)? {
            let h = hash_values(table, &row);
            self.inputs.borrow_mut()[table as usize].sub(&h);
        }
        Ok(())
    }

    /// After a row is changed: its stored cells join the sum.
    pub(super) fn input_arrived(&self, table: Input, key: &[&str]) -> Result<()> {
        if let Some(row) = self.db().input_row(table, key)? {
            let h = hash_values(table, &row);
            self.inputs.borrow_mut()[table as usize].add(&h);
        }
        Ok(())
    }

    /// Adds what this transaction changed to the kept digests (the last
    /// step before the seal).
    pub(super) fn keep_input_digests(&self) -> Result<()> {
        let changes = *self.inputs.borrow();
        let changes: [RowSum; 4] = changes;
        if changes.iter().all(|c| *c == RowSum::default()) || !self.db().keeps_input_digests()? {
            return Ok(());
        }
        let kept = self.db().kept_input_digests()?;
        for (i, (_, table)) in INPUT_TABLES.iter().enumerate() {
            if changes[i] == RowSum::default() {
                continue;
            }
            let before = kept
                .get(i)
                .and_then(|s| RowSum::parse(s))
                .unwrap_or_default();
            self.conn().execute(
                "INSERT INTO input_digests(name, sum) VALUES (?1, ?2) \
                 ON CONFLICT(name) DO UPDATE SET sum = excluded.sum",
                args![table, before.plus(changes[i]).hex()],
            )?;
        }
        *self.inputs.borrow_mut() = Default::default();
        Ok(())
    }

    /// Sets the kept digests to the inputs as they are (`seal --accept`).
    pub(super) fn reset_input_digests(&self) -> Result<()> {
        if !self.db().keeps_input_digests()? {
            return Ok(());
        }
        for (_, table) in INPUT_TABLES {
            let sum = table_sum(self.conn(), table, |_| ())?;
            self.conn().execute(
                "INSERT INTO input_digests(name, sum) VALUES (?1, ?2) \
                 ON CONFLICT(name) DO UPDATE SET sum = excluded.sum",
                args![table, sum.hex()],
            )?;
        }
        *self.inputs.borrow_mut() = Default::default();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_add_and_take_away_in_any_order() {
        let a = row_hash("t", &[ValueRef::Text(b"a")]);
        let b = row_hash("t", &[ValueRef::Text(b"b")]);
        let mut x = RowSum::default();
        x.add(&a);
        x.add(&b);
        let mut y = RowSum::default();
        y.add(&b);
        y.add(&a);
        assert_eq!(x, y);
        x.sub(&a);
        x.sub(&b);
        assert_eq!(x, RowSum::default());
        let mut z = RowSum::default();
        z.sub(&a);
        z.add(&a);
        assert_eq!(z, RowSum::default());
        assert_eq!(RowSum::parse(&y.hex()), Some(y));
    }
}
