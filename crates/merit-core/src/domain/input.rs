//! Where a problem with input sits, as messages (issue 40): a file, its
//! line, a field (a column, a rules key, an option), and what is wrong as
//! a message inside (`'12,5x' is not a number`). The fronts word both in
//! the reader's language; the English reads
//! `deals.csv:12: amount: '12,5x' is not a number`.
//!
//! A field is text (`amount`) or itself a message: a CRM export's column
//! beside merit's field ([`from_column`]), a column by number.

use crate::message::{Msg, MsgArg};
use crate::msg;

/// `file:line: field: problem`.
pub fn at(file: &str, line: u64, field: impl Into<MsgArg>, problem: Msg) -> Msg {
    msg!(
        "input-at",
        file = file,
        line = line,
        field = field.into(),
        problem = problem
    )
}

/// `file:line: problem`.
pub fn at_line(file: &str, line: u64, problem: Msg) -> Msg {
    msg!("input-at-line", file = file, line = line, problem = problem)
}

/// `file: problem`.
pub fn in_file(file: &str, problem: Msg) -> Msg {
    msg!("input-in-file", file = file, problem = problem)
}

/// `field: problem`: an option, an argument or a form's field at fault.
pub fn field(field: impl Into<MsgArg>, problem: Msg) -> Msg {
    msg!("input-field", field = field.into(), problem = problem)
}

/// `file: nothing was imported`, the last line of a refused import.
pub fn nothing_imported(file: &str) -> Msg {
    msg!("import-nothing-imported", file = file)
}

/// merit's field with the export's column it came from: `amount (金额)`.
pub fn from_column(field: &str, column: &str) -> Msg {
    msg!("input-field-from-column", field = field, column = column)
}

/// Text another library wrote (the system's, a parser's), shown as it is.
pub fn foreign(error: impl std::fmt::Display) -> Msg {
    msg!("input-foreign", error = error.to_string())
}

/// An error's message, to name inside another: its first (an error of
/// one kind holds one), the others dropped.
pub fn of_error(e: &crate::error::Error) -> Msg {
    e.messages()
        .into_iter()
        .next()
        .unwrap_or_else(|| msg!("input-foreign", error = e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_sits_in_its_place() {
        let m = at(
            "d.csv",
            12,
            "amount",
            msg!("value-not-a-number", value = "x"),
        );
        assert!(m.names("value-not-a-number"));
        assert_eq!(m.arg("line"), Some(&MsgArg::Num(12)));
        let f = at(
            "d.csv",
            2,
            from_column("amount", "金额"),
            msg!("value-empty"),
        );
        assert!(f.names("input-field-from-column"));
    }
}
