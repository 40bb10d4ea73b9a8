//! Text filtering for lists of 100,000 records at typing speed.
//!
//! Text is folded once (lowercase, accents stripped, punctuation to spaces).
//! A query is split into terms; a record matches when every term matches,
//! either as a substring or as a tight fuzzy subsequence that starts at a
//! word: `glbx` finds "Globex", `acmind` finds "Acme Industries", but a
//! term's letters scattered across a whole record do not count (that would
//! match nearly everything).

/// Lowercases, strips common Latin accents and turns punctuation into spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                'a'
            }
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                'o'
            }
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'ß' => 's',
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
                continue;
            }
            '@' | '.' | '-' | '_' => c, // keep emails and numbers searchable
            _ => ' ',
        };
        out.push(c);
    }
    out
}

/// A compiled filter. An empty query matches everything.
#[derive(Clone, Default)]
pub struct TextFilter {
    terms: Vec<Term>,
}

#[derive(Clone)]
struct Term {
    bytes: Vec<u8>,
    /// SIMD substring search (memchr), built once per query.
    finder: memchr::memmem::Finder<'static>,
}

impl TextFilter {
    pub fn new(query: &str) -> Self {
        let terms = fold(query)
            .split_whitespace()
            .map(|t| Term {
                bytes: t.as_bytes().to_vec(),
                finder: memchr::memmem::Finder::new(t.as_bytes()).into_owned(),
            })
            .collect();
        TextFilter { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Matches raw text (folds it first; use `matches_folded` in hot loops).
    pub fn matches(&self, text: &str) -> bool {
        self.is_empty() || self.matches_folded(&fold(text))
    }

    /// Matches text already passed through [`fold`].
    pub fn matches_folded(&self, folded: &str) -> bool {
        let hay = folded.as_bytes();
        self.terms.iter().all(|t| term_matches(t, hay))
    }
}

fn term_matches(term: &Term, hay: &[u8]) -> bool {
    if term.bytes.len() > hay.len() {
        return false;
    }
    if term.finder.find(hay).is_some() {
        return true;
    }
    term.bytes.len() >= 3 && fuzzy_at_word(&term.bytes, hay)
}

/// A subsequence starting at a word whose span is at most the term plus three.
fn fuzzy_at_word(term: &[u8], hay: &[u8]) -> bool {
    let max_span = term.len() + 3;
    for start in memchr::memchr_iter(term[0], hay) {
        if start > 0 && hay[start - 1] != b' ' {
            continue;
        }
        let mut t = 1;
        let mut i = start + 1;
        while t < term.len() && i < hay.len() && i - start < max_span {
            if hay[i] == term[t] {
                t += 1;
            }
            i += 1;
        }
        if t == term.len() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Écume Cloud – Réseaux!"), "ecume cloud   reseaux ");
        assert_eq!(fold("Anne.Martin@acme.example"), "anne.martin@acme.example");
    }

    #[test]
    fn substring_and_tight_fuzzy() {
        let f = TextFilter::new("acme");
        assert!(f.matches("Backup – ACME Industries"));
        assert!(
            !f.matches("Tape replacement – Krusty Krab, Cyberdyne"),
            "scattered letters do not match"
        );
        assert!(TextFilter::new("glbx").matches("Globex Corp"));
        assert!(TextFilter::new("acmind").matches("Acme Industries"));
        assert!(TextFilter::new("ecume").matches("Écume Cloud"));
        assert!(!TextFilter::new("zz").matches("Globex"));
    }

    #[test]
    fn every_term_must_match() {
        let f = TextFilter::new("acme anne");
        assert!(f.matches("ACME Industries Anne Martin"));
        assert!(!f.matches("ACME Industries Bruno"));
        let empty = TextFilter::new("  ");
        assert!(empty.is_empty() && empty.matches("anything"));
    }
}
