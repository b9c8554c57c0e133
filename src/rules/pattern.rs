//! A rule file's regular expression, compiled the first time a value is
//! matched against it.
//!
//! The catalogue's declarative checks hold about a hundred patterns, and
//! compiling them all at start-up was most of a one-file pre-commit run's
//! own time (and serial time before any file is read); most checks never
//! meet an element of their kind in such a run. Rule files are validated
//! when they are loaded (`regex_syntax`), so a pattern that fails here is
//! one `regex` rejects for its size: it matches nothing, as before.

use std::sync::OnceLock;

use regex::Regex;

pub struct Pattern {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub fn new(source: &str) -> Pattern {
        Pattern { source: source.to_string(), compiled: OnceLock::new() }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.compiled.get_or_init(|| Regex::new(&self.source).ok()).as_ref().is_some_and(|r| r.is_match(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_compiled_once_when_first_used() {
        let p = Pattern::new("^ab+c$");
        assert!(p.compiled.get().is_none());
        assert!(p.is_match("abbc"));
        assert!(!p.is_match("ac"));
        assert!(p.compiled.get().is_some_and(|r| r.is_some()));
    }

    #[test]
    fn a_pattern_regex_rejects_matches_nothing() {
        let p = Pattern::new("(");
        assert!(!p.is_match("("));
    }
}
