//! Fuzzy, case-insensitive text filtering (nucleo's matcher, as in helix).

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A compiled filter. An empty query matches everything.
pub struct TextFilter {
    pattern: Option<Pattern>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl TextFilter {
    pub fn new(query: &str) -> Self {
        let query = query.trim();
        let pattern = (!query.is_empty()).then(|| {
            Pattern::new(
                query,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            )
        });
        TextFilter {
            pattern,
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pattern.is_none()
    }

    /// A score when `haystack` matches (higher is better).
    pub fn score(&mut self, haystack: &str) -> Option<u32> {
        let Some(pattern) = &self.pattern else {
            return Some(0);
        };
        let text = Utf32Str::new(haystack, &mut self.buf);
        pattern.score(text, &mut self.matcher)
    }

    pub fn matches(&mut self, haystack: &str) -> bool {
        self.score(haystack).is_some()
    }

    /// Matches when any of the fields matches (each field is scored alone so
    /// a fuzzy match cannot straddle two fields).
    pub fn matches_any<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        if self.pattern.is_none() {
            return true;
        }
        fields.into_iter().any(|f| self.score(f).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_case_insensitive() {
        let mut f = TextFilter::new("acm bk");
        assert!(f.matches("ACME backup"));
        assert!(!f.matches("Globex"));
        let mut f = TextFilter::new("glbx");
        assert!(f.matches_any(["nothing", "Globex Corp"]));
        let mut empty = TextFilter::new("  ");
        assert!(empty.is_empty() && empty.matches("anything"));
    }
}
