//! An activity's extra CSV columns (customer tier, days to pay…), by name.
//! A few at most per activity, and a year of activities is held in memory
//! to score: they are packed in one allocation (a map's node is about half
//! a kilobyte; a vector of string pairs, seven allocations for three
//! columns).

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Name → value, sorted by name, names unique. Packed: per entry, the
/// name's length and the value's (u32, little-endian), then their bytes.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Attrs(Box<[u8]>);

impl Attrs {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Sets `name` to `value`, replacing an earlier value.
    pub fn insert(&mut self, name: &str, value: &str) {
        let mut all: Vec<(&str, &str)> = self.iter().filter(|(k, _)| *k != name).collect();
        let at = all.partition_point(|(k, _)| *k < name);
        all.insert(at, (name, value));
        let packed = pack(&all);
        self.0 = packed;
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        Entries(&self.0)
    }

    /// From entries in any order; for a name given twice, the last value.
    fn from_entries<K: AsRef<str>, V: AsRef<str>>(mut all: Vec<(K, V)>) -> Attrs {
        // Stable: equal names keep their order, and the last one stays.
        all.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
        let mut kept: Vec<(&str, &str)> = Vec::with_capacity(all.len());
        for (k, v) in &all {
            match kept.last_mut() {
                Some(last) if last.0 == k.as_ref() => last.1 = v.as_ref(),
                _ => kept.push((k.as_ref(), v.as_ref())),
            }
        }
        Attrs(pack(&kept))
    }
}

fn pack(entries: &[(&str, &str)]) -> Box<[u8]> {
    let size = entries.iter().map(|(k, v)| 8 + k.len() + v.len()).sum();
    let mut out = Vec::with_capacity(size);
    for (k, v) in entries {
        for part in [k, v] {
            // A cell is at most 200 characters; a name, a CSV header.
            let len = u32::try_from(part.len()).unwrap_or(u32::MAX);
            out.extend_from_slice(&len.to_le_bytes());
        }
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(v.as_bytes());
    }
    out.into_boxed_slice()
}

/// Reads the packed entries back.
struct Entries<'a>(&'a [u8]);

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let len = |at: usize| -> Option<usize> {
            let bytes: [u8; 4] = self.0.get(at..at + 4)?.try_into().ok()?;
            Some(u32::from_le_bytes(bytes) as usize)
        };
        let (k, v) = (len(0)?, len(4)?);
        let name = std::str::from_utf8(self.0.get(8..8 + k)?).ok()?;
        let value = std::str::from_utf8(self.0.get(8 + k..8 + k + v)?).ok()?;
        self.0 = &self.0[8 + k + v..];
        Some((name, value))
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Attrs::from_entries(iter.into_iter().collect())
    }
}

/// Stored as a JSON object, as a map would be.
impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.iter() {
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
                let mut all = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some((k, v)) = map.next_entry::<Text, Text>()? {
                    all.push((k.0, v.0));
                }
                Ok(Attrs::from_entries(all))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// A JSON string, borrowed from the input when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Str;
        impl<'de> Visitor<'de> for Str {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_sorted_and_unique_and_stored_as_an_object() {
        let a: Attrs = [("tier", "B"), ("days", "30"), ("tier", "A")]
            .into_iter()
            .collect();
        assert_eq!(a.get("tier"), Some("A"));
        assert_eq!(a.get("none"), None);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"days":"30","tier":"A"}"#);
        assert_eq!(serde_json::from_str::<Attrs>(&json).unwrap(), a);
        assert!(serde_json::from_str::<Attrs>("{}").unwrap().is_empty());
        assert_eq!(format!("{a:?}"), r#"{"days": "30", "tier": "A"}"#);
    }

    #[test]
    fn insert_replaces_and_keeps_the_order() {
        let mut a = Attrs::default();
        a.insert("tier", "B");
        a.insert("days", "30");
        a.insert("tier", "甲");
        a.insert("on_time", "");
        let all: Vec<_> = a.iter().collect();
        assert_eq!(all, [("days", "30"), ("on_time", ""), ("tier", "甲")]);
    }

    #[test]
    fn escaped_text_is_read_back() {
        let json = r#"{"note":"a \"quoted\" word","b":"\u4e59"}"#;
        let a: Attrs = serde_json::from_str(json).unwrap();
        assert_eq!(a.get("note"), Some(r#"a "quoted" word"#));
        assert_eq!(a.get("b"), Some("乙"));
        let back: Attrs = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }
}
