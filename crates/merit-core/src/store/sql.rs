//! One way for the store to speak SQL to either engine: a connection
//! (`Conn`) that is a SQLite connection or a PostgreSQL session, the values
//! bound and read (`Value`, `Arg`, `Cell`), and a row (`Row`). The store's
//! queries are written once, with `?N` placeholders, in SQL both engines
//! read; PostgreSQL sees `$N`. A cell reads the same value on both: an
//! integer, text, a blob or NULL (PostgreSQL's `bigint`, `text`, `bytea`).

use crate::error::{Error, Result};
use std::cell::RefCell;
use std::collections::HashMap;

/// A connection to a store: SQLite's, or a PostgreSQL session.
#[derive(Clone, Copy)]
pub enum Conn<'a> {
    Lite(&'a rusqlite::Connection),
    Pg(&'a PgConn),
}

/// A value as both engines store it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    /// Never written by merit; read only to hash a tampered cell.
    Real(f64),
    /// Text as stored: SQLite keeps whatever bytes it was given.
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl Value<'_> {
    /// The value kept beyond its row.
    pub fn to_owned_value(self) -> OwnedValue {
        match self {
            Value::Null => OwnedValue::Null,
            Value::Int(v) => OwnedValue::Int(v),
            Value::Real(v) => OwnedValue::Real(v),
            Value::Text(t) => OwnedValue::Text(t.to_vec()),
            Value::Blob(b) => OwnedValue::Blob(b.to_vec()),
        }
    }

    /// The engine's word for the value's type (in a damaged store's message).
    fn type_name(self) -> &'static str {
        match self {
            Value::Null => "Null",
            Value::Int(_) => "Integer",
            Value::Real(_) => "Real",
            Value::Text(_) => "Text",
            Value::Blob(_) => "Blob",
        }
    }
}

/// A value read out of its row.
#[derive(Debug, Clone, PartialEq)]
pub enum OwnedValue {
    Null,
    Int(i64),
    Real(f64),
    Text(Vec<u8>),
    Blob(Vec<u8>),
}

impl OwnedValue {
    pub fn as_value(&self) -> Value<'_> {
        match self {
            OwnedValue::Null => Value::Null,
            OwnedValue::Int(v) => Value::Int(*v),
            OwnedValue::Real(v) => Value::Real(*v),
            OwnedValue::Text(t) => Value::Text(t),
            OwnedValue::Blob(b) => Value::Blob(b),
        }
    }
}

/// A value built up for a query whose conditions vary (a filter).
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    Text(String),
    Integer(i64),
}

impl Arg for Param {
    fn arg(&self) -> Value<'_> {
        match self {
            Param::Text(t) => Value::Text(t.as_bytes()),
            Param::Integer(i) => Value::Int(*i),
        }
    }
}

/// What can be bound to a placeholder.
pub trait Arg {
    fn arg(&self) -> Value<'_>;
}

impl Arg for Value<'_> {
    fn arg(&self) -> Value<'_> {
        *self
    }
}
impl Arg for OwnedValue {
    fn arg(&self) -> Value<'_> {
        self.as_value()
    }
}
impl Arg for i64 {
    fn arg(&self) -> Value<'_> {
        Value::Int(*self)
    }
}
impl Arg for i32 {
    fn arg(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl Arg for u32 {
    fn arg(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl Arg for usize {
    fn arg(&self) -> Value<'_> {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl Arg for bool {
    fn arg(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl Arg for str {
    fn arg(&self) -> Value<'_> {
        Value::Text(self.as_bytes())
    }
}
impl Arg for String {
    fn arg(&self) -> Value<'_> {
        Value::Text(self.as_bytes())
    }
}
impl Arg for [u8] {
    fn arg(&self) -> Value<'_> {
        Value::Blob(self)
    }
}
impl Arg for Vec<u8> {
    fn arg(&self) -> Value<'_> {
        Value::Blob(self)
    }
}
impl<const N: usize> Arg for [u8; N] {
    fn arg(&self) -> Value<'_> {
        Value::Blob(self)
    }
}
impl<T: Arg + ?Sized> Arg for &T {
    fn arg(&self) -> Value<'_> {
        (**self).arg()
    }
}
impl<T: Arg> Arg for Option<T> {
    fn arg(&self) -> Value<'_> {
        match self {
            Some(v) => v.arg(),
            None => Value::Null,
        }
    }
}

/// A list of values as a statement's arguments.
pub fn arg_list<T: Arg>(values: &[T]) -> Vec<&dyn Arg> {
    values.iter().map(|v| v as &dyn Arg).collect()
}

/// The arguments of one statement: `args![a, b]`.
#[macro_export]
macro_rules! args {
    () => { &[] as &[&dyn $crate::store::sql::Arg] };
    ($($a:expr),+ $(,)?) => { &[$(&$a as &dyn $crate::store::sql::Arg),+] as &[&dyn $crate::store::sql::Arg] };
}
pub use args;

/// What a cell can be read as. Reading a type merit never writes in that
/// column says the store is damaged, naming the column.
pub trait Cell: Sized {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>>;
}

impl Cell for i64 {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Int(i) => Ok(i),
            other => Err(other),
        }
    }
}
impl Cell for i32 {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Int(i) => i32::try_from(i).map_err(|_| v),
            other => Err(other),
        }
    }
}
impl Cell for u32 {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Int(i) => u32::try_from(i).map_err(|_| v),
            other => Err(other),
        }
    }
}
impl Cell for usize {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Int(i) => usize::try_from(i).map_err(|_| v),
            other => Err(other),
        }
    }
}
impl Cell for bool {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Int(i) => Ok(i != 0),
            other => Err(other),
        }
    }
}
impl Cell for String {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Text(t) => String::from_utf8(t.to_vec()).map_err(|_| v),
            other => Err(other),
        }
    }
}
impl Cell for Vec<u8> {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Blob(b) => Ok(b.to_vec()),
            other => Err(other),
        }
    }
}
impl Cell for OwnedValue {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        Ok(v.to_owned_value())
    }
}
impl<T: Cell> Cell for Option<T> {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, Value<'_>> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// One row of a result.
pub enum Row<'r> {
    Lite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

impl Row<'_> {
    /// Cell `i` as stored.
    pub fn value(&self, i: usize) -> Result<Value<'_>> {
        match self {
            Row::Lite(r) => Ok(lite_value(r.get_ref(i)?)),
            Row::Pg(r) => pg::value(r, i),
        }
    }

    /// Cell `i` as `T`.
    pub fn get<T: Cell>(&self, i: usize) -> Result<T> {
        let v = self.value(i)?;
        T::from_value(v).map_err(|found| {
            Error::failed(crate::msg!(
                "store-damaged-restore",
                what = crate::msg!(
                    "store-damaged-column",
                    column = self.column_name(i),
                    found = found.type_name()
                )
            ))
        })
    }

    /// Cell `i` as text borrowed from the row.
    pub fn str(&self, i: usize) -> Result<&str> {
        match self.value(i)? {
            Value::Text(t) => std::str::from_utf8(t).map_err(super::damaged_value),
            found => Err(Error::failed(crate::msg!(
                "store-damaged-restore",
                what = crate::msg!(
                    "store-damaged-column",
                    column = self.column_name(i),
                    found = found.type_name()
                )
            ))),
        }
    }

    /// Cell `i` as text borrowed from the row, or `None` for NULL.
    pub fn str_or_null(&self, i: usize) -> Result<Option<&str>> {
        match self.value(i)? {
            Value::Null => Ok(None),
            _ => self.str(i).map(Some),
        }
    }

    /// How many cells the row has.
    pub fn len(&self) -> usize {
        match self {
            Row::Lite(r) => r.as_ref().column_count(),
            Row::Pg(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn column_name(&self, i: usize) -> String {
        match self {
            Row::Lite(r) => r.as_ref().column_name(i).unwrap_or("?").to_string(),
            Row::Pg(r) => r.columns().get(i).map_or("?", |c| c.name()).to_string(),
        }
    }
}

fn lite_value(v: rusqlite::types::ValueRef<'_>) -> Value<'_> {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(t),
        ValueRef::Blob(b) => Value::Blob(b),
    }
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match *self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(i),
            Value::Real(f) => ValueRef::Real(f),
            Value::Text(t) => ValueRef::Text(t),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// A statement prepared on a PostgreSQL session, with its text (a cursor
/// declares it again).
#[derive(Clone)]
pub struct PgStatement {
    st: postgres::Statement,
    text: std::sync::Arc<str>,
}

/// A statement prepared once and run many times (a bulk write's insert).
pub enum Stmt<'a> {
    Lite(rusqlite::CachedStatement<'a>),
    Pg(&'a PgConn, PgStatement),
}

impl Stmt<'_> {
    /// Runs the statement; the number of rows it changed.
    pub fn execute(&mut self, args: &[&dyn Arg]) -> Result<usize> {
        match self {
            Stmt::Lite(st) => {
                Ok(st.execute(rusqlite::params_from_iter(args.iter().map(|a| a.arg())))?)
            }
            Stmt::Pg(c, st) => c.execute_prepared(st, args),
        }
    }

    /// The rows, one at a time (`next`).
    pub fn query(&mut self, args: &[&dyn Arg]) -> Result<Rows<'_>> {
        match self {
            Stmt::Lite(st) => Ok(Rows::Lite(
                st.query(rusqlite::params_from_iter(args.iter().map(|a| a.arg())))?,
            )),
            Stmt::Pg(c, st) => Ok(Rows::Pg(
                PgCursor::open(c, st, args)?,
                Vec::new().into_iter(),
                None,
            )),
        }
    }

    /// Every row, each made into a `T` by `f`, in order.
    pub fn query_map<T>(
        &mut self,
        args: &[&dyn Arg],
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.query_each(args, |r| {
            out.push(f(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Runs `f` on every row, in order, until it fails.
    pub fn query_each(
        &mut self,
        args: &[&dyn Arg],
        mut f: impl FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        match self {
            Stmt::Lite(st) => {
                let mut rows =
                    st.query(rusqlite::params_from_iter(args.iter().map(|a| a.arg())))?;
                while let Some(r) = rows.next()? {
                    f(&Row::Lite(r))?;
                }
                Ok(())
            }
            Stmt::Pg(c, st) => {
                // Through a cursor, a batch at a time: a table of ten
                // million rows is never held whole.
                let mut cursor = PgCursor::open(c, st, args)?;
                while let Some(batch) = cursor.fetch()? {
                    for r in &batch {
                        f(&Row::Pg(r))?;
                    }
                }
                cursor.close()
            }
        }
    }

    /// `query_each` for a scan whose `f` only reads the row (it must not
    /// use the connection): on PostgreSQL the rows stream in as `f` takes
    /// them, the server sending the next meanwhile and held back by the
    /// socket, instead of a cursor's batches each asked for and waited on.
    pub fn stream_each(
        &mut self,
        args: &[&dyn Arg],
        mut f: impl FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        match self {
            Stmt::Pg(c, st) if c.pipe.borrow().is_none() => {
                use postgres::fallible_iterator::FallibleIterator;
                let bound = pg::bind(args);
                let mut client = c.client.borrow_mut();
                let mut rows = client.query_raw(&st.st, pg::refs(&bound))?;
                while let Some(r) = rows.next()? {
                    f(&Row::Pg(&r))?;
                }
                Ok(())
            }
            _ => self.query_each(args, f),
        }
    }

    /// The first row made into a `T`, or `None` when there is none.
    pub fn query_opt<T>(
        &mut self,
        args: &[&dyn Arg],
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut f = Some(f);
        let mut out = None;
        match self {
            Stmt::Lite(st) => {
                let mut rows =
                    st.query(rusqlite::params_from_iter(args.iter().map(|a| a.arg())))?;
                if let Some(r) = rows.next()? {
                    out = Some((f.take().expect("once"))(&Row::Lite(r))?);
                }
            }
            Stmt::Pg(c, st) => {
                if let Some(r) = c.query_prepared(st, args)?.first() {
                    out = Some((f.take().expect("once"))(&Row::Pg(r))?);
                }
            }
        }
        Ok(out)
    }

    /// The first row made into a `T`; no row is an error.
    pub fn query_row<T>(
        &mut self,
        args: &[&dyn Arg],
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(args, f)?.ok_or_else(no_row)
    }

    /// How many columns a row of the result has.
    pub fn column_count(&self) -> usize {
        match self {
            Stmt::Lite(st) => st.column_count(),
            Stmt::Pg(_, st) => st.st.columns().len(),
        }
    }
}

/// The rows of a result, read one at a time.
pub enum Rows<'s> {
    Lite(rusqlite::Rows<'s>),
    Pg(
        PgCursor<'s>,
        std::vec::IntoIter<postgres::Row>,
        Option<postgres::Row>,
    ),
}

impl Rows<'_> {
    /// The next row, if any.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Lite(r) => Ok(r.next()?.map(Row::Lite)),
            Rows::Pg(cursor, it, current) => {
                *current = it.next();
                if current.is_none()
                    && let Some(batch) = cursor.fetch()?
                {
                    *it = batch.into_iter();
                    *current = it.next();
                }
                Ok(current.as_ref().map(Row::Pg))
            }
        }
    }
}

fn no_row() -> Error {
    Error::from(rusqlite::Error::QueryReturnedNoRows)
}

impl<'a> Conn<'a> {
    /// The statement `sql`, prepared once per connection.
    pub fn prepare(&self, sql: &str) -> Result<Stmt<'a>> {
        match *self {
            Conn::Lite(c) => Ok(Stmt::Lite(c.prepare_cached(sql)?)),
            Conn::Pg(c) => Ok(Stmt::Pg(c, c.prepare(sql)?)),
        }
    }

    /// The statement `sql`, or `None` when a table or column it names is
    /// not in the schema (a build playing an older merit in tests).
    pub fn prepare_if_present(&self, sql: &str) -> Result<Option<Stmt<'a>>> {
        match *self {
            Conn::Lite(c) => match c.prepare_cached(sql) {
                Ok(st) => Ok(Some(Stmt::Lite(st))),
                Err(rusqlite::Error::SqliteFailure(_, Some(m)))
                    if m.starts_with("no such table") || m.starts_with("no such column") =>
                {
                    Ok(None)
                }
                Err(e) => Err(e.into()),
            },
            Conn::Pg(c) => match c.prepare(sql) {
                Ok(st) => Ok(Some(Stmt::Pg(c, st))),
                Err(e) if c.missing.take() => {
                    let _ = e;
                    Ok(None)
                }
                Err(e) => Err(e),
            },
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, args: &[&dyn Arg]) -> Result<usize> {
        self.prepare(sql)?.execute(args)
    }

    /// Runs statements without arguments, one after another.
    pub fn batch(&self, sql: &str) -> Result<()> {
        match *self {
            Conn::Lite(c) => Ok(c.execute_batch(sql)?),
            Conn::Pg(c) => c.batch(sql),
        }
    }

    pub fn query_map<T>(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.prepare(sql)?.query_map(args, f)
    }

    pub fn query_each(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        f: impl FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        self.prepare(sql)?.query_each(args, f)
    }

    pub fn query_opt<T>(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        self.prepare(sql)?.query_opt(args, f)
    }

    pub fn query_row<T>(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        self.prepare(sql)?.query_row(args, f)
    }

    /// Every row a writing statement returns (`… RETURNING`), read at once
    /// (PostgreSQL cannot put one behind a cursor).
    pub fn query_returning<T>(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        match self.prepare(sql)? {
            mut st @ Stmt::Lite(_) => st.query_map(args, f),
            Stmt::Pg(c, st) => c
                .query_prepared(&st, args)?
                .iter()
                .map(|r| f(&Row::Pg(r)))
                .collect(),
        }
    }

    /// `query_returning`, its rows read by `Returning::rows`: on
    /// PostgreSQL inside `pipelined`, the server runs the statement while
    /// the caller goes on.
    pub(crate) fn query_returning_later<T, F: FnMut(&Row) -> Result<T>>(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        f: F,
    ) -> Result<Returning<T, F>> {
        match self.prepare(sql)? {
            mut st @ Stmt::Lite(_) => Ok(Returning::Done(st.query_map(args, f)?)),
            Stmt::Pg(c, st) => Ok(Returning::Pg(c.query_later(&st, args)?, f)),
        }
    }

    /// Runs `f` with PostgreSQL's statements sent by a second thread
    /// (`PgConn::pipelined`); on SQLite, just runs it.
    pub fn pipelined<R>(&self, f: impl FnOnce() -> Result<R>) -> Result<R> {
        match self {
            Conn::Lite(_) => f(),
            Conn::Pg(c) => c.pipelined(f),
        }
    }

    /// The one value a query returns.
    pub fn one<T: Cell>(&self, sql: &str, args: &[&dyn Arg]) -> Result<T> {
        self.query_row(sql, args, |r| r.get(0))
    }

    /// The id the last insert on this connection took (the last of a
    /// statement's rows; a store's writes are one at a time, so one
    /// statement's rows take consecutive ids).
    pub fn last_insert_id(&self) -> Result<i64> {
        match self {
            Conn::Lite(c) => Ok(c.last_insert_rowid()),
            Conn::Pg(_) => self.one("SELECT lastval()", args![]),
        }
    }

    /// Whether this is a PostgreSQL session.
    pub fn is_pg(&self) -> bool {
        matches!(self, Conn::Pg(_))
    }

    /// Whether the store has table `table`.
    pub fn has_table(&self, table: &str) -> Result<bool> {
        let n: i64 = match self {
            Conn::Lite(_) => self.one(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                args![table],
            )?,
            Conn::Pg(_) => self.one(
                "SELECT count(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = ?1",
                args![table],
            )?,
        };
        Ok(n > 0)
    }

    /// Sets one of SQLite's pragmas (a connection's tuning, which
    /// PostgreSQL does without).
    pub fn tune(&self, pragma: &str, value: i64) -> Result<()> {
        if let Conn::Lite(c) = self {
            c.pragma_update(None, pragma, value)?;
        }
        Ok(())
    }

    /// Whether table `table` has column `column`.
    pub fn has_column(&self, table: &str, column: &str) -> Result<bool> {
        let n: i64 = match self {
            Conn::Lite(_) => self.one(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                args![table, column],
            )?,
            Conn::Pg(_) => self.one(
                "SELECT count(*) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = ?2",
                args![table, column],
            )?,
        };
        Ok(n > 0)
    }
}

/// A PostgreSQL session: one client, its statements prepared once.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    prepared: RefCell<HashMap<String, PgStatement>>,
    /// Whether the last statement that failed to prepare named a table or
    /// column the schema lacks.
    missing: std::cell::Cell<bool>,
    /// Whether a transaction is open on the session.
    in_tx: std::cell::Cell<bool>,
    /// While a bulk write runs: the thread holding the client.
    pipe: RefCell<Option<super::pg_pipe::Pipe>>,
}

impl PgConn {
    pub fn new(client: postgres::Client) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            prepared: RefCell::new(HashMap::new()),
            missing: std::cell::Cell::new(false),
            in_tx: std::cell::Cell::new(false),
            pipe: RefCell::new(None),
        }
    }

    /// Runs `f` with the session's statements sent by a second thread
    /// (`pg_pipe`): `copy_in` hands its rows over and returns, and
    /// `query_later` returns before its answer comes. The first write
    /// that failed is `f`'s error, or the pipe's at its end.
    pub fn pipelined<R>(&self, f: impl FnOnce() -> Result<R>) -> Result<R> {
        use super::pg_pipe;
        if self.pipe.borrow().is_some() {
            return f();
        }
        let mut client = self.client.borrow_mut();
        let client: &mut postgres::Client = &mut client;
        std::thread::scope(|s| {
            let (pipe, jobs) = pg_pipe::open();
            let worker = s.spawn(move || pg_pipe::work(client, jobs));
            /// Takes the pipe away again however `f` ends (a panic too):
            /// the thread ends when its jobs do.
            struct Closing<'a>(&'a RefCell<Option<pg_pipe::Pipe>>);
            impl Drop for Closing<'_> {
                fn drop(&mut self) {
                    self.0.borrow_mut().take();
                }
            }
            let out = {
                *self.pipe.borrow_mut() = Some(pipe);
                let _closing = Closing(&self.pipe);
                f()
            };
            let failed = worker
                .join()
                .unwrap_or_else(|_| Some(crate::msg!("store-thread-stopped")));
            match (out, failed) {
                (Err(e), _) => Err(e),
                (Ok(_), Some(m)) => Err(crate::error::Error::Failed(m)),
                (Ok(r), None) => Ok(r),
            }
        })
    }

    /// Runs `job` on the pipe's thread when one holds the client.
    fn piped(
        &self,
        job: impl FnOnce() -> super::pg_pipe::Job,
    ) -> Option<Result<super::pg_pipe::Done>> {
        let pipe = self.pipe.borrow();
        let pipe = pipe.as_ref()?;
        Some(pipe.ask(job()).map_err(|f| {
            if let super::pg_pipe::Failure::Now(_, true) = f {
                self.missing.set(true);
            }
            f.into()
        }))
    }

    /// Sends `text` (lines in `COPY`'s text format, `copy_field`) to a
    /// `COPY … FROM STDIN` statement: many rows in one round trip.
    pub fn copy_in(&self, into: &str, text: &str) -> Result<()> {
        use std::io::Write;
        let job = || super::pg_pipe::Job::CopyIn(into.to_string(), text.to_string());
        if let Some(done) = self.piped(job) {
            return done.map(|_| ());
        }
        let mut client = self.client.borrow_mut();
        let mut w = client.copy_in(into)?;
        w.write_all(text.as_bytes()).map_err(|e| {
            crate::error::Error::failed(crate::msg!("store-error", error = e.to_string()))
        })?;
        w.finish()?;
        Ok(())
    }

    /// Runs `sql` with `args`, a write whose failure fails the whole
    /// write: inside `pipelined` handed to the pipe's thread, and this
    /// returns at once.
    pub fn execute_behind(&self, sql: &str, args: &[&dyn Arg]) -> Result<()> {
        use super::pg_pipe::{Job, Sql, owned};
        // Prepared once (a question the first time), run behind after.
        let st = self.prepare(sql)?;
        if let Some(pipe) = self.pipe.borrow().as_ref() {
            pipe.send(Job::Execute(Sql::Prepared(st.st.clone()), owned(args)));
            return Ok(());
        }
        self.execute_prepared(&st, args).map(|_| ())
    }

    /// `copy_in` for rows whose failure fails the whole write: inside
    /// `pipelined` they are handed to the pipe's thread and this returns at
    /// once (a failure is reported by the next statement that answers, or
    /// at the pipe's end). Not for a copy whose failure is handled.
    pub fn copy_in_behind(&self, into: &str, text: String) -> Result<()> {
        if let Some(pipe) = self.pipe.borrow().as_ref() {
            pipe.send(super::pg_pipe::Job::CopyIn(into.to_string(), text));
            return Ok(());
        }
        self.copy_in(into, &text)
    }

    /// The client, for what only PostgreSQL does (a cancel token, the
    /// session's settings); never while a pipe holds it.
    pub fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    fn prepare(&self, sql: &str) -> Result<PgStatement> {
        if let Some(st) = self.prepared.borrow().get(sql) {
            return Ok(st.clone());
        }
        let text = pg::placeholders(sql);
        if let Some(done) = self.piped(|| super::pg_pipe::Job::Prepare(text.clone())) {
            let super::pg_pipe::Done::Prepared(st) = done? else {
                unreachable!("a prepare answers with its statement")
            };
            return Ok(self.remember(sql, st, text));
        }
        let st = match self.client.borrow_mut().prepare(&text) {
            Ok(st) => st,
            Err(e) => {
                use postgres::error::SqlState;
                let code = e.code();
                self.missing.set(
                    code == Some(&SqlState::UNDEFINED_TABLE)
                        || code == Some(&SqlState::UNDEFINED_COLUMN),
                );
                return Err(e.into());
            }
        };
        Ok(self.remember(sql, st, text))
    }

    /// Keeps a statement prepared for `sql`.
    fn remember(&self, sql: &str, st: postgres::Statement, text: String) -> PgStatement {
        let st = PgStatement {
            st,
            text: text.into(),
        };
        self.prepared
            .borrow_mut()
            .insert(sql.to_string(), st.clone());
        st
    }

    fn batch(&self, sql: &str) -> Result<()> {
        if let Some(done) = self.piped(|| super::pg_pipe::Job::Batch(sql.to_string())) {
            return done.map(|_| ());
        }
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    fn execute_prepared(&self, st: &PgStatement, args: &[&dyn Arg]) -> Result<usize> {
        use super::pg_pipe::{Done, Job, Sql, owned};
        if let Some(done) = self.piped(|| Job::Execute(Sql::Prepared(st.st.clone()), owned(args))) {
            let Done::Count(n) = done? else {
                unreachable!("an execute answers with its count")
            };
            return Ok(usize::try_from(n).unwrap_or(usize::MAX));
        }
        let bound = pg::bind(args);
        let refs = pg::refs(&bound);
        let n = self.client.borrow_mut().execute(&st.st, &refs)?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// `sql` run with `args` (not prepared: a cursor's own statements).
    fn execute_text(&self, sql: &str, args: &[&dyn Arg]) -> Result<()> {
        use super::pg_pipe::{Job, Sql, owned};
        if let Some(done) = self.piped(|| Job::Execute(Sql::Text(sql.to_string()), owned(args))) {
            return done.map(|_| ());
        }
        let bound = pg::bind(args);
        let refs = pg::refs(&bound);
        self.client.borrow_mut().execute(sql, &refs)?;
        Ok(())
    }

    /// Every row of `sql` (not prepared: a cursor's fetch).
    fn query_text(&self, sql: &str) -> Result<Vec<postgres::Row>> {
        use super::pg_pipe::{Done, Job, Sql};
        if let Some(done) = self.piped(|| Job::Query(Sql::Text(sql.to_string()), Vec::new())) {
            let Done::Rows(rows) = done? else {
                unreachable!("a query answers with its rows")
            };
            return Ok(rows);
        }
        Ok(self.client.borrow_mut().query(sql, &[])?)
    }

    /// Every row of the result, read before the caller sees the first (a
    /// caller may query again while it goes through them).
    fn query_prepared(&self, st: &PgStatement, args: &[&dyn Arg]) -> Result<Vec<postgres::Row>> {
        self.query_later(st, args)?.rows()
    }

    /// `query_prepared`, its rows read when wanted: on a pipe the server
    /// runs the statement meanwhile.
    fn query_later(&self, st: &PgStatement, args: &[&dyn Arg]) -> Result<PgRowsLater> {
        use super::pg_pipe::{Job, Sql, owned};
        if let Some(pipe) = self.pipe.borrow().as_ref() {
            let later = pipe.ask_later(Job::Query(Sql::Prepared(st.st.clone()), owned(args)));
            return Ok(PgRowsLater::Later(later));
        }
        let bound = pg::bind(args);
        let refs = pg::refs(&bound);
        Ok(PgRowsLater::Now(
            self.client.borrow_mut().query(&st.st, &refs)?,
        ))
    }

    /// Forgets the prepared statements (after the schema changes).
    pub fn forget_prepared(&self) {
        self.prepared.borrow_mut().clear();
    }
}

/// The rows a writing statement returns, made into `T`s when wanted.
pub(crate) enum Returning<T, F> {
    Done(Vec<T>),
    Pg(PgRowsLater, F),
}

impl<T, F: FnMut(&Row) -> Result<T>> Returning<T, F> {
    /// The rows, once the server has sent them.
    pub fn rows(self) -> Result<Vec<T>> {
        match self {
            Returning::Done(rows) => Ok(rows),
            Returning::Pg(later, mut f) => later.rows()?.iter().map(|r| f(&Row::Pg(r))).collect(),
        }
    }
}

/// The rows of a statement, read now or coming from the pipe's thread.
pub(crate) enum PgRowsLater {
    Now(Vec<postgres::Row>),
    Later(super::pg_pipe::Later),
}

impl PgRowsLater {
    /// The rows, once the server has sent them.
    pub fn rows(self) -> Result<Vec<postgres::Row>> {
        match self {
            PgRowsLater::Now(rows) => Ok(rows),
            PgRowsLater::Later(later) => match later.wait()? {
                super::pg_pipe::Done::Rows(rows) => Ok(rows),
                _ => unreachable!("a query answers with its rows"),
            },
        }
    }
}

/// Rows read a batch at a time through a server-side cursor, inside the
/// session's transaction (or one of its own, ended when it closes).
pub struct PgCursor<'a> {
    conn: &'a PgConn,
    name: String,
    /// Whether the cursor began a transaction of its own.
    began: bool,
    done: bool,
}

/// Rows fetched from a cursor at a time.
const FETCH: usize = 10_000;

impl<'a> PgCursor<'a> {
    fn open(conn: &'a PgConn, st: &PgStatement, args: &[&dyn Arg]) -> Result<PgCursor<'a>> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let began = !conn.in_tx.get();
        if began {
            conn.batch("BEGIN ISOLATION LEVEL REPEATABLE READ")?;
            // Queries made while its rows are read join this transaction.
            conn.in_tx.set(true);
        }
        let name = format!("merit_rows_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        let cursor = PgCursor {
            conn,
            name,
            began,
            done: false,
        };
        let declare = format!("DECLARE {} NO SCROLL CURSOR FOR {}", cursor.name, st.text);
        conn.execute_text(&declare, args)?;
        Ok(cursor)
    }

    /// The next batch, or `None` when every row has been read.
    fn fetch(&mut self) -> Result<Option<Vec<postgres::Row>>> {
        if self.done {
            return Ok(None);
        }
        let rows = self
            .conn
            .query_text(&format!("FETCH {FETCH} FROM {}", self.name))?;
        self.done = rows.len() < FETCH;
        Ok((!rows.is_empty()).then_some(rows))
    }

    fn close(mut self) -> Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> Result<()> {
        if self.name.is_empty() {
            return Ok(());
        }
        let name = std::mem::take(&mut self.name);
        self.conn.batch(&format!("CLOSE {name}"))?;
        if self.began {
            self.conn.in_tx.set(false);
            self.conn.batch("COMMIT")?;
        }
        Ok(())
    }
}

impl Drop for PgCursor<'_> {
    fn drop(&mut self) {
        if !self.name.is_empty() {
            let name = std::mem::take(&mut self.name);
            let _ = self.conn.batch(&format!("CLOSE {name}"));
            if self.began {
                self.conn.in_tx.set(false);
                let _ = self.conn.batch("ROLLBACK");
            }
        }
    }
}

/// A transaction on a PostgreSQL session, begun by the statement the
/// caller chose; rolled back when dropped uncommitted.
pub struct PgTx<'a> {
    conn: &'a PgConn,
    open: bool,
}

impl PgConn {
    /// Begins a transaction with `begin` (a `BEGIN …` and what follows it).
    pub fn begin(&self, begin: &str) -> Result<PgTx<'_>> {
        self.batch(begin)?;
        self.in_tx.set(true);
        Ok(PgTx {
            conn: self,
            open: true,
        })
    }
}

impl<'a> PgTx<'a> {
    pub fn conn(&self) -> &'a PgConn {
        self.conn
    }

    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        self.conn.in_tx.set(false);
        self.conn.batch("COMMIT")
    }

    /// Ends the transaction without its changes.
    pub fn rollback(mut self) -> Result<()> {
        self.open = false;
        self.conn.in_tx.set(false);
        self.conn.batch("ROLLBACK")
    }
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open {
            self.conn.in_tx.set(false);
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}

/// Appends a cell to a line of `COPY`'s text format: `\N` for NULL, the
/// backslash, tab and line ends escaped; `sep` before every cell but a
/// line's first.
pub fn copy_field(out: &mut String, cell: Option<&str>, sep: bool) {
    if sep {
        out.push('\t');
    }
    let Some(cell) = cell else {
        out.push_str("\\N");
        return;
    };
    // Whole runs between the bytes to escape (ASCII, so every cut is at a
    // character's boundary): a cell is copied at once, not char by char.
    let mut rest = cell;
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
    {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'\\' => "\\\\",
            b'\t' => "\\t",
            b'\n' => "\\n",
            _ => "\\r",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

pub(crate) mod pg {
    //! PostgreSQL's side: `?N` written as `$N`, values bound to whatever
    //! type the server infers, and cells read back as `Value`.

    use super::{Arg, Value};
    use crate::error::Result;
    use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};

    /// `sql` with `?N` (and bare `?`) as `$N`, quoted text untouched.
    pub fn placeholders(sql: &str) -> String {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut chars = sql.chars().peekable();
        let mut quote: Option<char> = None;
        let mut next = 0;
        while let Some(c) = chars.next() {
            match quote {
                Some(q) => {
                    out.push(c);
                    if c == q {
                        quote = None;
                    }
                }
                None if c == '\'' || c == '"' => {
                    quote = Some(c);
                    out.push(c);
                }
                None if c == '?' => {
                    let mut digits = String::new();
                    while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(d);
                        chars.next();
                    }
                    if digits.is_empty() {
                        next += 1;
                        digits = next.to_string();
                    }
                    out.push('$');
                    out.push_str(&digits);
                }
                None => out.push(c),
            }
        }
        out
    }

    /// A value bound to a parameter of whatever type the server gave it.
    #[derive(Debug)]
    pub struct Bound<'a>(Value<'a>);

    pub fn bind<'a>(args: &'a [&'a dyn Arg]) -> Vec<Bound<'a>> {
        args.iter().map(|a| Bound(a.arg())).collect()
    }

    pub fn refs<'b>(bound: &'b [Bound<'_>]) -> Vec<&'b (dyn ToSql + Sync)> {
        bound.iter().map(|b| b as &(dyn ToSql + Sync)).collect()
    }

    // Values are plain data; nothing in them is shared across threads.
    unsafe impl Sync for Bound<'_> {}

    impl ToSql for Bound<'_> {
        fn to_sql(
            &self,
            ty: &Type,
            out: &mut bytes::BytesMut,
        ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
            match self.0 {
                Value::Null => return Ok(IsNull::Yes),
                Value::Int(i) => match *ty {
                    Type::INT8 => out.extend_from_slice(&i.to_be_bytes()),
                    Type::INT4 => out.extend_from_slice(&i32::try_from(i)?.to_be_bytes()),
                    Type::INT2 => out.extend_from_slice(&i16::try_from(i)?.to_be_bytes()),
                    Type::BOOL => out.extend_from_slice(&[u8::from(i != 0)]),
                    Type::NUMERIC => {
                        return rust_numeric(i).to_sql(ty, out);
                    }
                    _ => out.extend_from_slice(i.to_string().as_bytes()),
                },
                Value::Real(f) => match *ty {
                    Type::FLOAT8 => out.extend_from_slice(&f.to_be_bytes()),
                    _ => out.extend_from_slice(f.to_string().as_bytes()),
                },
                Value::Text(t) | Value::Blob(t) => match *ty {
                    Type::INT8 => {
                        let i: i64 = std::str::from_utf8(t)?.trim().parse()?;
                        out.extend_from_slice(&i.to_be_bytes())
                    }
                    Type::INT4 => {
                        let i: i32 = std::str::from_utf8(t)?.trim().parse()?;
                        out.extend_from_slice(&i.to_be_bytes())
                    }
                    Type::DATE => {
                        // Days since 2000-01-01, from merit's `YYYY-MM-DD`.
                        let text = std::str::from_utf8(t)?;
                        let d = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")?;
                        let epoch = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
                        let days = i32::try_from((d - epoch).num_days())?;
                        out.extend_from_slice(&days.to_be_bytes())
                    }
                    Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                        std::str::from_utf8(t)?;
                        out.extend_from_slice(t)
                    }
                    _ => out.extend_from_slice(t),
                },
            }
            Ok(IsNull::No)
        }

        fn accepts(_: &Type) -> bool {
            true
        }

        to_sql_checked!();
    }

    /// An integer as PostgreSQL's numeric, through its text form.
    fn rust_numeric(i: i64) -> NumericText {
        NumericText(i)
    }

    #[derive(Debug)]
    struct NumericText(i64);

    impl ToSql for NumericText {
        fn to_sql(
            &self,
            _: &Type,
            out: &mut bytes::BytesMut,
        ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
            // numeric's binary form: ndigits, weight, sign, dscale, then
            // base-10000 digits, most significant first.
            let neg = self.0 < 0;
            let mut n = self.0.unsigned_abs();
            let mut digits = Vec::new();
            while n > 0 {
                digits.push((n % 10_000) as i16);
                n /= 10_000;
            }
            digits.reverse();
            let weight = digits.len() as i16 - 1;
            out.extend_from_slice(&(digits.len() as i16).to_be_bytes());
            out.extend_from_slice(&weight.max(0).to_be_bytes());
            out.extend_from_slice(&(if neg { 0x4000u16 } else { 0 }).to_be_bytes());
            out.extend_from_slice(&0i16.to_be_bytes());
            for d in digits {
                out.extend_from_slice(&d.to_be_bytes());
            }
            Ok(IsNull::No)
        }
        fn accepts(_: &Type) -> bool {
            true
        }
        to_sql_checked!();
    }

    /// A cell's bytes as the server sent them, whatever its type.
    struct Raw<'a>(Option<&'a [u8]>);

    impl<'a> FromSql<'a> for Raw<'a> {
        fn from_sql(
            _: &Type,
            raw: &'a [u8],
        ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
            Ok(Raw(Some(raw)))
        }
        fn from_sql_null(
            _: &Type,
        ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
            Ok(Raw(None))
        }
        fn accepts(_: &Type) -> bool {
            true
        }
    }

    /// Cell `i` of a row as a `Value`.
    pub fn value(row: &postgres::Row, i: usize) -> Result<Value<'_>> {
        let ty = row
            .columns()
            .get(i)
            .map(|c| c.type_().clone())
            .unwrap_or(Type::TEXT);
        let Raw(raw) = row.try_get::<_, Raw>(i)?;
        let Some(raw) = raw else {
            return Ok(Value::Null);
        };
        let int = |n: usize| -> Result<i64> {
            let b: [u8; 8] = {
                let mut b = [0u8; 8];
                if raw.len() != n {
                    return Err(bad(&ty));
                }
                let fill = if raw.first().is_some_and(|x| x & 0x80 != 0) {
                    0xff
                } else {
                    0
                };
                b[..8 - n].fill(fill);
                b[8 - n..].copy_from_slice(raw);
                b
            };
            Ok(i64::from_be_bytes(b))
        };
        Ok(match ty {
            Type::INT8 => Value::Int(int(8)?),
            Type::INT4 | Type::OID => Value::Int(int(4)?),
            Type::INT2 => Value::Int(int(2)?),
            Type::BOOL => Value::Int(i64::from(raw.first().copied().unwrap_or(0) != 0)),
            // A sum (`SUM(bigint)` is numeric) past merit's integers is a
            // total too large, as SQLite's `integer overflow` says; a
            // numeric merit cannot read at all is damage.
            Type::NUMERIC => match numeric(raw) {
                Some(Ok(n)) => Value::Int(n),
                Some(Err(TooLarge)) => {
                    return Err(crate::error::Error::failed(crate::msg!(
                        "store-total-out-of-range"
                    )));
                }
                None => return Err(bad(&ty)),
            },
            Type::FLOAT8 => Value::Real(f64::from_be_bytes(raw.try_into().map_err(|_| bad(&ty))?)),
            Type::BYTEA => Value::Blob(raw),
            _ => Value::Text(raw),
        })
    }

    fn bad(ty: &Type) -> crate::error::Error {
        crate::error::Error::failed(crate::msg!(
            "store-damaged-restore",
            what = crate::msg!("store-damaged-value", error = format!("unreadable {ty}"))
        ))
    }

    /// A numeric that is a whole number within i64 (a `sum` of integers).
    /// A whole number past what an `i64` holds.
    #[derive(Debug, PartialEq)]
    struct TooLarge;

    /// A NUMERIC's binary form as a whole number; `None`: not one.
    fn numeric(raw: &[u8]) -> Option<std::result::Result<i64, TooLarge>> {
        let word = |i: usize| -> Option<i16> {
            Some(i16::from_be_bytes(raw.get(i..i + 2)?.try_into().ok()?))
        };
        let ndigits = word(0)? as i64;
        let weight = word(2)? as i64;
        let sign = word(4)? as u16;
        let mut v: i128 = 0;
        for k in 0..ndigits {
            let d = word(8 + 2 * k as usize)? as i128;
            if k > weight {
                if d != 0 {
                    return None;
                }
                continue;
            }
            match v.checked_mul(10_000).and_then(|v| v.checked_add(d)) {
                Some(n) => v = n,
                None => return Some(Err(TooLarge)),
            }
        }
        for _ in ndigits..=weight {
            match v.checked_mul(10_000) {
                Some(n) => v = n,
                None => return Some(Err(TooLarge)),
            }
        }
        if sign == 0x4000 {
            v = -v;
        } else if sign != 0 {
            return None;
        }
        Some(i64::try_from(v).map_err(|_| TooLarge))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn placeholders_become_dollars_outside_quotes() {
            assert_eq!(
                placeholders("SELECT '?1', ?2, ? FROM t WHERE a = ?10"),
                "SELECT '?1', $2, $1 FROM t WHERE a = $10"
            );
        }

        #[test]
        fn numerics_read_back_as_integers() {
            // 12345678 = [1234, 5678], weight 1.
            let raw = [0, 2, 0, 1, 0, 0, 0, 0, 0x04, 0xd2, 0x16, 0x2e];
            assert_eq!(numeric(&raw), Some(Ok(12_345_678)));
            // 20000 = [2], weight 1 (a trailing zero digit left out).
            let raw = [0, 1, 0, 1, 0x40, 0, 0, 0, 0, 2];
            assert_eq!(numeric(&raw), Some(Ok(-20_000)));
            assert_eq!(numeric(&[0, 0, 0, 0, 0, 0, 0, 0]), Some(Ok(0)));
            // 10^20 = [1], weight 5: a sum past i64, not damage.
            let raw = [0, 1, 0, 5, 0, 0, 0, 0, 0, 1];
            assert_eq!(numeric(&raw), Some(Err(TooLarge)));
            // A fraction is not a whole number.
            let raw = [0, 2, 0, 0, 0, 0, 0, 4, 0, 1, 0, 5];
            assert_eq!(numeric(&raw), None);
        }
    }
}

#[cfg(test)]
mod copy_tests {
    use super::copy_field;

    #[test]
    fn copy_fields_escape_what_copy_reads_specially_and_keep_the_rest() {
        let mut out = String::new();
        copy_field(&mut out, Some(r"double \N C:\crm"), false);
        copy_field(&mut out, None, true);
        copy_field(&mut out, Some("张伟\ta\r\nb"), true);
        copy_field(&mut out, Some(""), true);
        copy_field(&mut out, Some("\\"), true);
        assert_eq!(out, "double \\\\N C:\\\\crm\t\\N\t张伟\\ta\\r\\nb\t\t\\\\");
    }
}
