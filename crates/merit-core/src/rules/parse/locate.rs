//! Pointing at lines: where a key of a `[[rules]]` entry or of
//! `[settings]` sits in the text, for the line of each problem.

use super::RuleError;

pub(super) fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// Finds the line of a key inside the n-th `[[rules]]` entry, by reading
/// the text: good enough for pointing a person at the right place.
pub(super) struct Locator {
    lines: Vec<String>,
    /// Index into `lines` of each `[[rules]]` header.
    headers: Vec<usize>,
    settings: Option<usize>,
}

impl Locator {
    pub(super) fn new(text: &str) -> Locator {
        let lines: Vec<String> = text.lines().map(|l| l.trim().to_string()).collect();
        let headers = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.replace(' ', "").starts_with("[[rules]]"))
            .map(|(i, _)| i)
            .collect();
        let settings = lines
            .iter()
            .position(|l| l.replace(' ', "").starts_with("[settings]"));
        Locator {
            lines,
            headers,
            settings,
        }
    }

    fn key_line(&self, from: usize, to: usize, key: &str) -> Option<usize> {
        let top = key.split(['.', '[']).next().unwrap_or(key);
        (from..to.min(self.lines.len()))
            .find(|&i| {
                let l = &self.lines[i];
                l.strip_prefix(top)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|i| i + 1)
    }

    fn entry_line(&self, index: Option<usize>, key: &str) -> Option<usize> {
        let index = index?;
        let start = *self.headers.get(index)?;
        let end = self
            .headers
            .get(index + 1)
            .copied()
            .unwrap_or(self.lines.len());
        self.key_line(start, end, key).or(Some(start + 1))
    }

    pub(super) fn settings_key(&self, key: &str) -> Option<usize> {
        let start = self.settings?;
        let end = self
            .lines
            .iter()
            .enumerate()
            .skip(start + 1)
            .find(|(_, l)| l.starts_with('['))
            .map_or(self.lines.len(), |(i, _)| i);
        self.key_line(start, end, key).or(Some(start + 1))
    }

    pub(super) fn top_key(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.starts_with(key) || l.starts_with(&format!("[{key}")))
            .map(|i| i + 1)
    }

    pub(super) fn err(
        &self,
        index: Option<usize>,
        rule: Option<&str>,
        key: &str,
        message: crate::message::Msg,
    ) -> RuleError {
        RuleError {
            line: self.entry_line(index, key),
            rule: rule.map(str::to_string),
            key: Some(key.to_string()),
            message,
        }
    }
}
