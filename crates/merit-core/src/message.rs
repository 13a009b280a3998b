//! What the core says to a person, as data (issue 40): a message is the
//! id of a message in merit's catalogue and its named arguments. The
//! core never words one; the fronts do (`merit::i18n::word`), in the
//! reader's language, and a test there holds every id and argument the
//! core names to the catalogue of both languages.
//!
//! Make one with [`msg!`](crate::msg): `msg!("store-busy")`,
//! `msg!("import-not-a-number", file = path, line = 4, value = cell)`.
//! Integers are numbers (they select plurals); every other value is text
//! as it prints (points, dates, periods), so nothing is ever rounded.

use std::borrow::Cow;
use std::fmt;

mod json;

/// A message by catalogue id, with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// Borrowed when the core makes one; owned when read back (an audit
    /// entry's `said`).
    pub id: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, MsgArg)>,
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgArg {
    /// Text as it prints: a name, a code, points, a date, a path.
    Text(String),
    /// A count: it selects the plural.
    Num(i64),
    /// A message inside a message (a reason, a cause), worded in turn.
    Msg(Box<Msg>),
    /// An award's explanation as data, worded as the reader's explanations
    /// are (its English is the one the award keeps).
    Explained(Box<crate::domain::Explanation>),
}

impl Msg {
    pub fn new(id: &'static str, args: Vec<(&'static str, MsgArg)>) -> Msg {
        Msg {
            id: Cow::Borrowed(id),
            args: args
                .into_iter()
                .map(|(n, v)| (Cow::Borrowed(n), v))
                .collect(),
        }
    }

    /// English the core has not yet made a message of (issue 40 is moving
    /// the last of them): the front words it as it can. Id `""`.
    pub fn untyped(text: impl Into<String>) -> Msg {
        Msg::new("", vec![("text", MsgArg::Text(text.into()))])
    }

    /// The text of an [`Msg::untyped`] message.
    pub fn untyped_text(&self) -> Option<&str> {
        match (self.id.as_ref(), self.args.first()) {
            ("", Some((_, MsgArg::Text(t)))) => Some(t),
            _ => None,
        }
    }

    /// The argument `name`, if the message has it.
    pub fn arg(&self, name: &str) -> Option<&MsgArg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Whether this message, or one inside it, has the id `id`.
    pub fn names(&self, id: &str) -> bool {
        self.id == id
            || self
                .args
                .iter()
                .any(|(_, a)| matches!(a, MsgArg::Msg(m) if m.names(id)))
    }
}

/// The id and arguments, for logs and the core's own tests; people read
/// the catalogue's words.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.untyped_text() {
            return f.write_str(text);
        }
        f.write_str(&self.id)?;
        if self.args.is_empty() {
            return Ok(());
        }
        f.write_str("(")?;
        for (i, (name, value)) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match value {
                MsgArg::Text(s) => write!(f, "{name}={s:?}")?,
                MsgArg::Num(n) => write!(f, "{name}={n}")?,
                MsgArg::Msg(m) => write!(f, "{name}={m}")?,
                MsgArg::Explained(e) => write!(f, "{name}={}", e.to_json())?,
            }
        }
        f.write_str(")")
    }
}

impl From<&crate::domain::Explanation> for MsgArg {
    fn from(e: &crate::domain::Explanation) -> MsgArg {
        MsgArg::Explained(Box::new(e.clone()))
    }
}

impl From<Msg> for MsgArg {
    fn from(m: Msg) -> MsgArg {
        MsgArg::Msg(Box::new(m))
    }
}

impl From<&Msg> for MsgArg {
    fn from(m: &Msg) -> MsgArg {
        MsgArg::Msg(Box::new(m.clone()))
    }
}

impl From<String> for MsgArg {
    fn from(s: String) -> MsgArg {
        MsgArg::Text(s)
    }
}

impl From<&String> for MsgArg {
    fn from(s: &String) -> MsgArg {
        MsgArg::Text(s.clone())
    }
}

impl From<&str> for MsgArg {
    fn from(s: &str) -> MsgArg {
        MsgArg::Text(s.to_string())
    }
}

impl From<&&str> for MsgArg {
    fn from(s: &&str) -> MsgArg {
        MsgArg::Text(s.to_string())
    }
}

/// Values that go as they print.
macro_rules! shown {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(v: $t) -> MsgArg {
                MsgArg::Text(v.to_string())
            }
        }
        impl From<&$t> for MsgArg {
            fn from(v: &$t) -> MsgArg {
                MsgArg::Text(v.to_string())
            }
        }
    )*};
}
shown!(
    crate::domain::Points,
    crate::domain::Period,
    chrono::NaiveDate,
    rust_decimal::Decimal,
    std::path::Display<'_>,
    char
);

/// Counts, which select plurals.
macro_rules! counted {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(n: $t) -> MsgArg {
                MsgArg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for MsgArg {
            fn from(n: &$t) -> MsgArg {
                MsgArg::Num(i64::try_from(*n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
counted!(i64, i32, u32, u64, usize, u8, u16);

/// `msg!("id")` or `msg!("id", name = value, …)`: a [`Msg`].
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $crate::message::Msg::new($id, Vec::new())
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::message::Msg::new(
            $id,
            vec![$((stringify!($name), $crate::message::MsgArg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use crate::domain::Points;

    #[test]
    fn a_message_is_its_id_and_arguments() {
        let m = msg!("store-damaged-restore", what = msg!("store-busy"));
        assert_eq!(m.id, "store-damaged-restore");
        assert!(m.names("store-busy"));
        assert_eq!(m.to_string(), "store-damaged-restore(what=store-busy)");
        let e = msg!("store-error", error = "x");
        assert_eq!(e.to_string(), "store-error(error=\"x\")");
        assert_eq!(super::MsgArg::from(4usize), super::MsgArg::Num(4));
        assert_eq!(
            super::MsgArg::from(Points::from_cents(350)),
            super::MsgArg::Text("3.5".into())
        );
    }
}
