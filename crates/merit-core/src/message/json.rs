//! A message as JSON, for keeping one in the store (an audit entry's
//! `said`) and reading it back: `{"id": "…", "args": [["name", {"t":
//! "text"}], ["n", {"n": 3}], ["why", {"m": {…}}]]}`. Arguments keep
//! their order, so the text round-trips byte for byte.

use super::{Msg, MsgArg};
use serde_json::Value;
use std::borrow::Cow;

impl Msg {
    /// The message as JSON text, written straight into one string (an
    /// audit entry is written for every award a bulk approval decides).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(96);
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        out.push_str("{\"id\":");
        push_text(out, &self.id);
        out.push_str(",\"args\":[");
        for (i, (name, value)) in self.args.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            push_text(out, name);
            match value {
                MsgArg::Text(t) => {
                    out.push_str(",{\"t\":");
                    push_text(out, t);
                }
                MsgArg::Num(n) => {
                    out.push_str(",{\"n\":");
                    out.push_str(&n.to_string());
                }
                MsgArg::Msg(m) => {
                    out.push_str(",{\"m\":");
                    m.write_json(out);
                }
                MsgArg::Explained(e) => {
                    out.push_str(",{\"x\":");
                    push_text(out, &e.to_json());
                }
            }
            out.push_str("}]");
        }
        out.push_str("]}");
    }

    /// The message `to_json` wrote; `None` for anything else.
    pub fn from_json(text: &str) -> Option<Msg> {
        Msg::from_value(&serde_json::from_str(text).ok()?)
    }

    fn from_value(v: &Value) -> Option<Msg> {
        let id = v.get("id")?.as_str()?.to_string();
        let mut args = Vec::new();
        for pair in v.get("args")?.as_array()? {
            let [name, value] = pair.as_array()?.as_slice() else {
                return None;
            };
            let value = if let Some(t) = value.get("t") {
                MsgArg::Text(t.as_str()?.to_string())
            } else if let Some(n) = value.get("n") {
                MsgArg::Num(n.as_i64()?)
            } else if let Some(x) = value.get("x") {
                MsgArg::Explained(Box::new(crate::domain::Explanation::from_json(
                    x.as_str()?,
                )?))
            } else {
                MsgArg::Msg(Box::new(Msg::from_value(value.get("m")?)?))
            };
            args.push((Cow::Owned(name.as_str()?.to_string()), value));
        }
        Some(Msg {
            id: Cow::Owned(id),
            args,
        })
    }
}

/// `s` as a JSON string, quoted and escaped as serde_json escapes it.
fn push_text(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::Msg;

    #[test]
    fn a_message_round_trips_through_json() {
        let inner = crate::msg!("store-damaged-value", error = "x \"y\" 中");
        let why = crate::domain::Explanation::Manual {
            reason: "mentoring".into(),
        };
        let m = Msg::new(
            "a-test",
            vec![
                ("what", inner.into()),
                ("n", 3usize.into()),
                ("why", (&why).into()),
            ],
        );
        let text = m.to_json();
        assert_eq!(Msg::from_json(&text), Some(m));
        assert_eq!(
            Msg::new("x", vec![("error", "a\"b".into()), ("n", 2usize.into())]).to_json(),
            r#"{"id":"x","args":[["error",{"t":"a\"b"}],["n",{"n":2}]]}"#
        );
        assert_eq!(Msg::from_json("not json"), None);
        assert_eq!(Msg::from_json(r#"{"id": "x", "args": [["a"]]}"#), None);
    }
}
