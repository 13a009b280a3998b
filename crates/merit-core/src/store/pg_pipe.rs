//! A PostgreSQL session's statements sent by a second thread while a bulk
//! write runs (`PgConn::pipelined`): the thread holds the session's client
//! and runs what it is given in order, so the server works on one batch
//! while merit works out the next. A statement whose answer merit needs
//! waits for it; a `COPY` of rows nobody reads back is only handed over,
//! and the first such write to fail is what every later statement and the
//! end of the pipe report. The session, its transaction and the order of
//! its statements are what they would be without the thread.

use crate::error::Error;
use crate::message::Msg;
use crate::store::sql::{Arg, OwnedValue, pg};
use postgres::types::ToSql;
use postgres::{Client, Row, Statement};
use std::sync::mpsc;

/// A statement as the thread runs it.
pub(crate) enum Sql {
    Prepared(Statement),
    Text(String),
}

/// What the thread is asked to do.
pub(crate) enum Job {
    Batch(String),
    Prepare(String),
    Execute(Sql, Vec<OwnedValue>),
    Query(Sql, Vec<OwnedValue>),
    /// `COPY … FROM STDIN` and the lines it reads.
    CopyIn(String, String),
}

/// What a job gave back.
pub(crate) enum Done {
    Nothing,
    Prepared(Statement),
    Count(u64),
    Rows(Vec<Row>),
}

/// Why a job gave nothing back.
pub(crate) enum Failure {
    /// The job's own statement failed; whether it named a table or column
    /// the schema lacks.
    Now(Error, bool),
    /// A write handed over earlier failed; the job was not run.
    Earlier(Msg),
    /// The thread is gone (it cannot be, short of a bug).
    Gone,
}

impl From<Failure> for Error {
    fn from(f: Failure) -> Error {
        match f {
            Failure::Now(e, _) => e,
            Failure::Earlier(m) => Error::Failed(m),
            Failure::Gone => Error::failed(crate::msg!("store-thread-stopped")),
        }
    }
}

type Answer = std::result::Result<Done, Failure>;

/// A job and where its answer goes (none: nobody waits for it).
type Sent = (Job, Option<mpsc::Sender<Answer>>);

/// The thread's end of a pipe.
pub(crate) type Jobs = mpsc::Receiver<Sent>;

/// The way to the thread, kept by the session while the pipe is open.
pub(crate) struct Pipe {
    jobs: mpsc::SyncSender<Sent>,
}

/// How many jobs may wait for the thread: a bulk write that outruns the
/// server waits for it rather than holding its rows in memory.
const AHEAD: usize = 8;

/// An answer still to come.
pub(crate) struct Later(mpsc::Receiver<Answer>);

impl Later {
    pub fn wait(self) -> Answer {
        self.0.recv().unwrap_or(Err(Failure::Gone))
    }
}

impl Pipe {
    /// Runs `job` and waits for what it gives back.
    pub fn ask(&self, job: Job) -> Answer {
        self.ask_later(job).wait()
    }

    /// Hands `job` over; its answer is read when needed.
    pub fn ask_later(&self, job: Job) -> Later {
        let (tx, rx) = mpsc::channel();
        // A send fails only with the thread gone: `wait` says so.
        let _ = self.jobs.send((job, Some(tx)));
        Later(rx)
    }

    /// Hands `job` over without waiting: its failure is reported by the
    /// next job that answers, or at the pipe's end.
    pub fn send(&self, job: Job) {
        let _ = self.jobs.send((job, None));
    }
}

/// The values of `args`, kept for the thread.
pub(crate) fn owned(args: &[&dyn Arg]) -> Vec<OwnedValue> {
    args.iter().map(|a| a.arg().to_owned_value()).collect()
}

/// Opens a pipe: the thread's end (`work`) and the session's.
pub(crate) fn open() -> (Pipe, Jobs) {
    let (tx, rx) = mpsc::sync_channel(AHEAD);
    (Pipe { jobs: tx }, rx)
}

/// The thread: runs every job in turn until the session's end is dropped;
/// the first write handed over that failed, if any.
pub(crate) fn work(client: &mut Client, jobs: Jobs) -> Option<Msg> {
    let mut failed: Option<Msg> = None;
    for (job, answer) in jobs {
        let out = match &failed {
            Some(m) => Err(Failure::Earlier(m.clone())),
            None => run(client, job),
        };
        match answer {
            Some(to) => {
                let _ = to.send(out);
            }
            None => {
                if let Err(Failure::Now(e, _)) = out {
                    failed = Some(match e {
                        Error::Failed(m) => m,
                        other => crate::msg!("store-error", error = other.to_string()),
                    });
                }
            }
        }
    }
    failed
}

fn run(client: &mut Client, job: Job) -> Answer {
    let missing = matches!(job, Job::Prepare(_));
    run_job(client, job).map_err(|e| match e {
        Ran::Pg(e) => {
            use postgres::error::SqlState;
            let code = e.code();
            let named = missing
                && (code == Some(&SqlState::UNDEFINED_TABLE)
                    || code == Some(&SqlState::UNDEFINED_COLUMN));
            Failure::Now(e.into(), named)
        }
        Ran::Io(e) => Failure::Now(
            Error::failed(crate::msg!("store-error", error = e.to_string())),
            false,
        ),
    })
}

/// Why a job failed on the thread.
enum Ran {
    Pg(postgres::Error),
    Io(std::io::Error),
}

impl From<postgres::Error> for Ran {
    fn from(e: postgres::Error) -> Ran {
        Ran::Pg(e)
    }
}

fn run_job(client: &mut Client, job: Job) -> std::result::Result<Done, Ran> {
    Ok(match job {
        Job::Batch(sql) => {
            client.batch_execute(&sql)?;
            Done::Nothing
        }
        Job::Prepare(sql) => Done::Prepared(client.prepare(&sql)?),
        Job::Execute(sql, values) => {
            Done::Count(bound(&values, |p| client.execute(sql.statement(), p))?)
        }
        Job::Query(sql, values) => {
            Done::Rows(bound(&values, |p| client.query(sql.statement(), p))?)
        }
        Job::CopyIn(into, text) => {
            use std::io::Write;
            let mut w = client.copy_in(into.as_str())?;
            w.write_all(text.as_bytes()).map_err(Ran::Io)?;
            w.finish()?;
            Done::Nothing
        }
    })
}

impl Sql {
    fn statement(&self) -> &(dyn postgres::ToStatement + Sync) {
        match self {
            Sql::Prepared(st) => st,
            Sql::Text(t) => t,
        }
    }
}

/// `f` run with `values` bound as the statement's parameters.
fn bound<T>(values: &[OwnedValue], f: impl FnOnce(&[&(dyn ToSql + Sync)]) -> T) -> T {
    let args: Vec<&dyn Arg> = values.iter().map(|v| v as &dyn Arg).collect();
    let b = pg::bind(&args);
    f(&pg::refs(&b))
}
