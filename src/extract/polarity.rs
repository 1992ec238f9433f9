//! Negation and hedging, ConText-style.
//!
//! A `pre` trigger (`does not`, `unlike`) negates terms after it, a `post`
//! trigger (`has not been found`) terms before it. The scope ends at clause
//! punctuation, at a `terminator` (`but`, `however`) and after a few words.
//! A `pseudo` trigger (`not only`, `not fully understood`) looks like a
//! negation but is not one, and masks the triggers it overlaps. All trigger
//! phrases live in `lexicons/negation.tsv`; hedge cues in `cues.tsv`.

use std::ops::Range;

use crate::lexicon::{Lexicon, TermMatch};

/// Most words between a trigger and the term it negates.
const MAX_SCOPE_WORDS: usize = 8;

/// Negation triggers of one unit, found once.
pub(crate) struct Triggers {
    pre: Vec<Range<usize>>,
    post: Vec<Range<usize>>,
    terminators: Vec<Range<usize>>,
}

impl Triggers {
    /// Finds the triggers in `matches` (a unit's scan) of table `negation`.
    pub(crate) fn find<'a>(lx: &Lexicon, matches: impl Iterator<Item = &'a TermMatch>) -> Triggers {
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut pseudo = Vec::new();
        let mut terminators = Vec::new();
        for m in matches {
            let r = m.start..m.end;
            match lx.canonical(m) {
                "pre" => pre.push(r),
                "post" => post.push(r),
                "pseudo" => pseudo.push(r),
                "terminator" => terminators.push(r),
                _ => {}
            }
        }
        let masked = |r: &Range<usize>| pseudo.iter().any(|p| p.start <= r.start && r.end <= p.end);
        pre.retain(|r| !masked(r));
        post.retain(|r| !masked(r));
        Triggers { pre, post, terminators }
    }

    /// True when the term at `term` is inside a negation scope.
    pub(crate) fn negates(&self, text: &str, term: &Range<usize>) -> bool {
        self.pre.iter().any(|t| t.end <= term.start && self.in_scope(text, t.end..term.start))
            || self.post.iter().any(|t| term.end <= t.start && self.in_scope(text, term.end..t.start))
    }

    fn in_scope(&self, text: &str, gap: Range<usize>) -> bool {
        let between = &text[gap.clone()];
        !between.contains([',', ';', ':', '.', '!', '?', '(', ')', '—'])
            && between.split_whitespace().count() <= MAX_SCOPE_WORDS
            && !self.terminators.iter().any(|t| gap.start <= t.start && t.end <= gap.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negated(text: &str, term: &str) -> bool {
        let lx = Lexicon::builtin().unwrap();
        let scan = lx.scan(text);
        let t = Triggers::find(&lx, scan.of(lx.id("negation")));
        let at = text.find(term).unwrap();
        t.negates(text, &(at..at + term.len()))
    }

    #[test]
    fn context_style_scopes() {
        assert!(negated("Ketamine does not cause respiratory depression.", "respiratory depression"));
        assert!(negated(
            "Unlike many anesthetics that depress respiratory function, it is safe.",
            "depress respiratory function"
        ));
        assert!(!negated("Unlike other anesthetics, it can cause nausea.", "nausea"));
        assert!(negated("There was no nausea but headache was reported.", "nausea"));
        assert!(!negated("There was no nausea but headache was reported.", "headache"));
        assert!(!negated("Its mechanism is not fully understood, but it blocks NMDA receptors.", "NMDA receptors"));
        assert!(!negated("It causes not only nausea but also vomiting.", "nausea"));
        assert!(negated("The culture is negative for bacteria.", "bacteria"));
        assert!(negated("However, addiction has not been found at low doses.", "addiction"));
    }
}
