//! An activity's extra CSV columns (customer tier, days to pay…), by name.
//! A few at most per activity, so a sorted vector: a map's node is about
//! half a kilobyte, and a year of activities is held in memory to score.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Name → value, sorted by name, names unique.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs(Vec<(String, String)>);

impl Attrs {
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Sets `name` to `value`, replacing an earlier value.
    pub fn insert(&mut self, name: String, value: String) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&name)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl FromIterator<(String, String)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut a = Attrs::default();
        for (k, v) in iter {
            a.insert(k, v);
        }
        a
    }
}

/// Stored as a JSON object, as a map would be.
impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Attrs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of text values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attrs, A::Error> {
                let mut a = Attrs::default();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    a.insert(k, v);
                }
                Ok(a)
            }
        }
        d.deserialize_map(Entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_sorted_and_unique_and_stored_as_an_object() {
        let a: Attrs = [("tier", "B"), ("days", "30"), ("tier", "A")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(a.get("tier").map(String::as_str), Some("A"));
        assert_eq!(a.get("none"), None);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"days":"30","tier":"A"}"#);
        assert_eq!(serde_json::from_str::<Attrs>(&json).unwrap(), a);
        assert!(serde_json::from_str::<Attrs>("{}").unwrap().is_empty());
    }
}
