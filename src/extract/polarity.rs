//! Negation and hedging, ConText-style.
//!
//! A `pre` trigger (`unlike`, `without`) negates terms after it, a `post`
//! trigger (`has not been found`) terms before it. The scope ends at clause
//! punctuation, at a `terminator` (`but`, `however`) and after a few words.
//! A cue negates what it governs, not the whole clause: a `pre_verb` trigger
//! (`does not`, `cannot`) is followed by a verb, and only a verb of the
//! `governs` row (`cause`, `lead`, `interact` …) carries the negation on to
//! its object: "does not usually cause drowsiness" denies drowsiness, "if you
//! do not know if the drug contains an MAOI" and "symptoms do not improve or
//! occur with a fever" deny nothing. A trigger inside a longer one (`not` in
//! `do not`) is that one. A `pseudo` trigger (`not only`, `with or without`,
//! `no significant difference`, `patients without`) looks like a negation
//! but is not one, and masks the triggers it overlaps. All trigger phrases
//! live in `lexicons/negation.tsv`; hedge cues in `cues.tsv`.
//!
//! A question ("Is it addictive?") states nothing: [`asks`] tells the
//! extractor to make no stance-bearing claim of it.

use std::ops::Range;

use crate::lexicon::{Lexicon, TermMatch};

/// Most words between a trigger and the term it negates.
const MAX_SCOPE_WORDS: usize = 8;

/// Negation triggers of one unit, found once.
pub(crate) struct Triggers {
    pre: Vec<Range<usize>>,
    post: Vec<Range<usize>>,
    terminators: Vec<Range<usize>>,
    /// `pre_verb` triggers ("does not"): negate only through a governing verb.
    verbal: Vec<Range<usize>>,
    /// Verbs a negation passes through (`governs`).
    governs: Vec<Range<usize>>,
    /// Openers of a condition (`if`, `unless`): a negation after one in the
    /// same clause ("give if no active bleeding") states a condition.
    conditionals: Vec<Range<usize>>,
}

impl Triggers {
    /// Finds the triggers in `matches` (a unit's scan) of table `negation`.
    pub(crate) fn find<'a>(lx: &Lexicon, matches: impl Iterator<Item = &'a TermMatch>) -> Triggers {
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut pseudo = Vec::new();
        let mut terminators = Vec::new();
        let mut verbal = Vec::new();
        let mut governs = Vec::new();
        let mut conditionals = Vec::new();
        for m in matches {
            let r = m.start..m.end;
            match lx.canonical(m) {
                "pre" => pre.push(r),
                "pre_verb" => verbal.push(r),
                "post" => post.push(r),
                "pseudo" => pseudo.push(r),
                "terminator" => terminators.push(r),
                "governs" => governs.push(r),
                "conditional" => conditionals.push(r),
                _ => {}
            }
        }
        // Overlap, not containment: `has not` is part of `not demonstrated improved`.
        let masked = |r: &Range<usize>| pseudo.iter().any(|p| p.start < r.end && r.start < p.end);
        // A trigger inside a longer one is that one: `not` of `do not`,
        // `does not` of `does not cause`.
        let all: Vec<Range<usize>> = pre.iter().chain(&verbal).chain(&post).cloned().collect();
        let inner = |r: &Range<usize>| all.iter().any(|o| o.start <= r.start && r.end <= o.end && o.len() > r.len());
        pre.retain(|r| !masked(r) && !inner(r));
        post.retain(|r| !masked(r) && !inner(r));
        verbal.retain(|r| !masked(r) && !inner(r));
        Triggers { pre, post, terminators, verbal, governs, conditionals }
    }

    /// Whether a `pre` or `pre_verb` trigger ends at most one word before
    /// byte `at` ("will not cure", "is not effective against", "does not
    /// help treat"): it denies what starts there.
    pub(crate) fn denies_at(&self, text: &str, at: usize) -> bool {
        self.pre.iter().chain(&self.verbal).any(|t| t.end <= at && text[t.end..at].split_whitespace().count() <= 1)
    }

    /// The `pre` scope a `pre_verb` trigger opens: up to the end of the
    /// governing verb that follows it (past adverbs such as "usually"), or
    /// none when the verb that follows governs nothing.
    fn through_verb(&self, text: &str, trigger: &Range<usize>) -> Option<Range<usize>> {
        let mut at = trigger.end;
        loop {
            let rest = &text[at..];
            let word_start = at + (rest.len() - rest.trim_start().len());
            let word_end = text[word_start..]
                .find(|c: char| !c.is_alphanumeric() && c != '-')
                .map_or(text.len(), |i| word_start + i);
            if word_end == word_start {
                return None;
            }
            if let Some(verb) = self.governs.iter().find(|g| g.start == word_start) {
                return Some(trigger.start..verb.end);
            }
            // An adverb between the negation and its verb ("does not
            // usually cause") passes the negation on.
            if text[word_start..word_end].ends_with("ly") {
                at = word_end;
                continue;
            }
            return None;
        }
    }

    /// True when the term at `term` is inside a negation scope.
    pub(crate) fn negates(&self, text: &str, term: &Range<usize>) -> bool {
        let stance = |t: &Range<usize>| {
            !self.conditionals.iter().any(|c| c.end <= t.start && self.in_scope(text, c.end..t.start))
        };
        self.pre.iter().any(|t| t.end <= term.start && stance(t) && self.in_scope(text, t.end..term.start))
            || self
                .verbal
                .iter()
                .filter_map(|t| self.through_verb(text, t))
                .any(|t| t.end <= term.start && stance(&t) && self.in_scope(text, t.end..term.start))
            || self.post.iter().any(|t| term.end <= t.start && self.in_scope(text, term.end..t.start))
    }

    fn in_scope(&self, text: &str, gap: Range<usize>) -> bool {
        let between = &text[gap.clone()];
        !between.contains([',', ';', ':', '.', '!', '?', '(', ')', '—'])
            && between.split_whitespace().count() <= MAX_SCOPE_WORDS
            && !self.terminators.iter().any(|t| gap.start <= t.start && t.end <= gap.end)
    }
}

/// True when `quote` asks rather than states: it ends with a question mark
/// (markup and closing quotes aside). "Is it addictive?" is not a claim that
/// it is, and "Can it cause weight gain?" not one that it can.
pub(crate) fn asks(quote: &str) -> bool {
    quote
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '"' | '\'' | '”' | '’' | ')'))
        .ends_with('?')
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

    #[test]
    fn a_cue_negates_what_it_governs() {
        assert!(negated("Atorvastatin does not usually cause drowsiness.", "drowsiness"));
        assert!(negated("It doesn't lead to dependence.", "dependence"));
        assert!(!negated("If you do not know if the drug contains an MAOI, ask.", "MAOI"));
        assert!(!negated("symptoms do not improve within 7 days or occur with a fever", "fever"));
        assert!(!negated("Do not drink too much alcohol while taking this medicine", "alcohol"));
        assert!(!negated("Some patients not taking concomitant MTX may benefit.", "MTX"));
        assert!(!negated("It is not recommended for children.", "children"));
        assert!(!negated("Give 325 mg if no allergy and no active major bleeding.", "bleeding"));
        assert!(negated("It does not cause bleeding.", "bleeding"));
    }

    #[test]
    fn phrases_that_look_like_negation() {
        assert!(!negated("Side effects: nausea with or without vomiting.", "vomiting"));
        assert!(!negated("fever with or without chills", "chills"));
        assert!(!negated("There was no significant difference between the groups for angina.", "angina"));
        assert!(!negated("It provides pain relief without full dissociation.", "dissociation"));
        assert!(!negated("Reduce the risk of angina in patients without CHD.", "CHD"));
        assert!(!negated("Give no more than 40 mg of ketorolac a day.", "ketorolac"));
        assert!(negated("Gives relief without the respiratory depression of opioids.", "respiratory depression"));
        // Absence of evidence, comparisons, conditions and study findings.
        assert!(!negated("No data are available on the transmission of infection by vaccines.", "infection"));
        assert!(!negated("Even in the absence of TNF-blocker therapy, risk is higher.", "TNF"));
        assert!(!negated("The combination has not demonstrated improved benefit in RA.", "RA"));
        assert!(!negated("The scale is not identical to the one used for rheumatoid arthritis.", "rheumatoid"));
        assert!(!negated("Your body may not make enough of the blood cells that fight infections.", "infections"));
        assert!(!negated("In rat studies, the drug revealed no evidence of teratogenicity.", "teratogenicity"));
    }

    #[test]
    fn questions_state_nothing() {
        assert!(asks("Is ondansetron addictive?"));
        assert!(asks("**Can Metformin cause weight gain?** "));
        assert!(!asks("Ondansetron is not considered an addictive substance."));
    }
}
