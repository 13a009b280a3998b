//! A member as a command names one: what is said of a code that names
//! nobody, with the member it was likely meant for (the code in other
//! letter case, or the name typed in its place).

use crate::error::Result;
use crate::message::Msg;
use crate::msg;
use crate::store::Db;

/// `unknown member 'zw'`, and `: did you mean ZW (张伟)?` where one
/// member's code differs only in case or whose name it is.
pub fn unknown_member(db: Db<'_>, typed: &str) -> Result<Msg> {
    Ok(match db.members_like(typed)?.as_slice() {
        [(code, name)] => msg!(
            "value-unknown-member-like",
            member = typed,
            like = code.as_str(),
            name = name.as_str()
        ),
        _ => msg!("value-unknown-member", member = typed),
    })
}
