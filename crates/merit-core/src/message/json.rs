//! A message as JSON, for keeping one in the store (an audit entry's
//! `said`) and reading it back: `{"id": "…", "args": [["name", {"t":
//! "text"}], ["n", {"n": 3}], ["why", {"m": {…}}]]}`. Arguments keep
//! their order, so the text round-trips byte for byte.

use super::{Msg, MsgArg};
use serde_json::{Value, json};
use std::borrow::Cow;

impl Msg {
    /// The message as JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    fn to_value(&self) -> Value {
        let args: Vec<Value> = self
            .args
            .iter()
            .map(|(name, value)| {
                let v = match value {
                    MsgArg::Text(t) => json!({ "t": t }),
                    MsgArg::Num(n) => json!({ "n": n }),
                    MsgArg::Msg(m) => json!({ "m": m.to_value() }),
                    MsgArg::Explained(e) => json!({ "x": e.to_json() }),
                };
                json!([name, v])
            })
            .collect();
        json!({ "id": self.id, "args": args })
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
        assert_eq!(Msg::from_json("not json"), None);
        assert_eq!(Msg::from_json(r#"{"id": "x", "args": [["a"]]}"#), None);
    }
}
