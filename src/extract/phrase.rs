//! Open capture: the object phrase of a strong cue, named by no lexicon row.
//!
//! ## What it extracts
//! After a cue of `phrase_bounds.tsv` ("is used to treat", "side effects
//! include"), the noun phrases up to the first bound: a `stop` phrase ("in
//! patients with", "such as"), a bracket or a clause end. Coordinated
//! phrases ("X, Y and Z") are one each; `lead` words ("certain types of")
//! are dropped. A phrase that overlaps a lexicon term is left to the
//! extractors' lexicon path, so the captured ones are exactly those no
//! row names, and the caller marks them `normalized: false`.
//!
//! ## Example input
//! "is used together with other medicines to treat extravascular
//! hemolysis (breakdown of …) in patients with …" → `extravascular hemolysis`.
//!
//! ## Not extracted
//! A phrase holding a `reject` word ("the body from rejecting …"), fewer
//! than [`MIN_WORDS`] (unless one word the page glosses in a bracket) or
//! more than [`MAX_WORDS`] words, or no letter; a
//! conjunct before a named one ("relapsed or refractory" before "multiple
//! myeloma").

use std::ops::Range;

use super::Ctx;
use super::units::Unit;
use crate::lexicon::TableId;

/// Most words of a captured phrase: a condition is named in a few words;
/// a longer run is a clause the bounds did not catch.
const MAX_WORDS: usize = 8;

/// Fewest words: a one-word condition is nearly always a lexicon row
/// already, and the one-word phrases left after the bounds were cut
/// fragments ("metastatic" before a bracket, "tobacco").
const MIN_WORDS: usize = 2;

/// Endings of English adjectives: a conjunct ending so, before another,
/// modifies the head of the last ("gastric or gastroesophageal junction
/// adenocarcinoma"), and a phrase ending so was cut before its noun
/// ("platinum-resistant recurrent (…) cancer"). Language, not domain
/// knowledge.
const ADJECTIVE_ENDINGS: &[&str] = &["ic", "al", "ous", "ive", "ary", "ory", "ed", "ing", "ant", "ent", "able", "ible"];

/// Words a noun phrase does not end with. Language, not domain knowledge.
const PREPOSITIONS: &[&str] = &["in", "of", "on", "to", "with", "for", "from", "by", "at", "around", "and", "or"];

/// Characters that end the object of a cue.
const CLAUSE_ENDS: &[char] = &['.', ';', ':', '(', ')', '[', ']', '!', '?', '"', '—', '–', '\n'];

/// A phrase captured open.
pub(crate) struct OpenPhrase {
    /// Where it is in the unit's text.
    pub(crate) range: Range<usize>,
    /// Uncurated one-word terms inside it that it stands for: "fungus
    /// infections" is the use, not "infections"; "tenosynovial giant cell
    /// tumor", not "tumor".
    pub(crate) replaces: Vec<Range<usize>>,
}

/// The open phrases of a unit after the cues of `category` (`use` or
/// `side_effect`), in text order. `curated` is the kind's own table: a
/// phrase holding one of its terms is never captured.
pub(crate) fn open_phrases(ctx: &Ctx<'_>, unit: &Unit, category: &str, curated: TableId) -> Vec<OpenPhrase> {
    let text = unit.text.as_str();
    let bounds: Vec<_> = ctx.hits(unit, ctx.tables.phrase_bounds).collect();
    let cues = strong_cues(ctx, unit, category);
    let t = &ctx.tables;
    let entities = [t.conditions, t.side_effects, t.drugs, t.targets, t.routes, t.terminology];
    let mut out = Vec::new();
    for cue in &cues {
        let rest = &text[cue.end..];
        let mut end = cue.end + rest.find(CLAUSE_ENDS).unwrap_or(rest.len());
        // "hormone receptor (HR)-positive cancer": a bracket inside a
        // compound word cuts the phrase short, so nothing is captured.
        if text[end..].starts_with('(')
            && let Some(close) = text[end..].find(')')
            && text[end + close + 1..].starts_with(|c: char| c == '-' || c.is_alphanumeric())
        {
            continue;
        }
        end = ctx.bounded_end(&bounds, cue.end, end);
        let mut parts = split_coordinated(text, cue.end..end);
        // "infections of the ear, nose, throat and urinary tract": a list
        // after "of" belongs to the phrase before it.
        if let Some(k) = parts.iter().position(|p| text[p.clone()].contains(" of ")) {
            let last = parts[parts.len() - 1].end;
            parts[k].end = last;
            parts.truncate(k + 1);
        }
        let parts: Vec<Range<usize>> = parts.into_iter().map(|p| strip_leads(ctx, unit, text, p)).collect();
        let inside = |part: &Range<usize>| {
            unit.scan
                .all()
                .iter()
                .filter(|m| entities.contains(&m.table) && m.start < part.end && part.start < m.end)
                .collect::<Vec<_>>()
        };
        let named = |part: &Range<usize>| !inside(part).is_empty();
        for (i, part) in parts.iter().enumerate() {
            let phrase = &text[part.clone()];
            let words = phrase.split_whitespace().count();
            let sized = (MIN_WORDS..=MAX_WORDS).contains(&words) || words == 1 && is_defined_term(text, part);
            if !sized || !phrase.starts_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            // Named only by uncurated one-word heads after a modifier: the
            // phrase is more exact than the head.
            let terms = inside(part);
            let generic_heads = terms.iter().all(|m| {
                (m.table == t.side_effects || m.table == t.terminology)
                    && m.start > part.start
                    && !text[m.start..m.end].contains(char::is_whitespace)
            });
            if !generic_heads || (!terms.is_empty() && curated == t.side_effects) {
                continue;
            }
            // "relapsed or refractory multiple myeloma": a conjunct before
            // a named one modifies it, as does one ending in an adjective
            // ("HER2-overexpressing metastatic gastric or …").
            // A phrase ending in a preposition was cut inside a coordination
            // ("changes in and around the vagina"), as was a short first
            // conjunct before a longer one ("a rare nerve and muscle
            // disorder").
            let last_word = phrase.rsplit(' ').next().unwrap_or_default();
            let shorter_before_longer = parts
                .get(i + 1)
                .is_some_and(|next| words <= 2 && text[next.clone()].split_whitespace().count() > words);
            if parts[i + 1..].iter().any(named)
                || ADJECTIVE_ENDINGS.iter().any(|e| phrase.ends_with(e))
                || PREPOSITIONS.contains(&last_word)
                || shorter_before_longer
            {
                continue;
            }
            let rejected =
                bounds.iter().any(|m| ctx.lx.canonical(m) == "reject" && part.start <= m.start && m.end <= part.end);
            if !rejected {
                out.push(OpenPhrase { range: part.clone(), replaces: terms.iter().map(|m| m.start..m.end).collect() });
            }
        }
    }
    out
}

/// Fewest letters of a one-word phrase captured before its gloss.
const MIN_DEFINED_LETTERS: usize = 6;

/// Words that may follow a glossed term's bracket when the term ends its
/// noun phrase ("hyperphagia (…) in patients with …"). Language, not
/// domain knowledge.
const AFTER_GLOSS: &[&str] =
    &["in", "and", "or", "that", "which", "who", "with", "when", "caused", "due", "associated"];

/// Whether the one word at `part` is a term the page defines in a bracket
/// right after it ("poliomyelitis (polio)", "hyperphagia (extreme hunger
/// …)"): a technical name, not a fragment the bounds cut. Lowercase
/// letters only: a capitalised word there is a name ("Botox (…)"), a
/// hyphenated one a modifier ("hormone-receptor (HR) positive"); and the
/// phrase must end at the bracket: "neovascular (wet) age-related macular
/// degeneration" goes on after it.
fn is_defined_term(text: &str, part: &Range<usize>) -> bool {
    let word = &text[part.clone()];
    let Some(gloss) = text[part.end..].trim_start().strip_prefix('(') else {
        return false;
    };
    let after = gloss.split_once(')').map_or("", |(_, rest)| rest.trim_start());
    let ends_phrase = after.is_empty()
        || after.starts_with(|c: char| !c.is_alphanumeric())
        || AFTER_GLOSS.contains(&after.split_whitespace().next().unwrap_or_default());
    word.len() >= MIN_DEFINED_LETTERS && word.chars().all(|c| c.is_ascii_lowercase()) && ends_phrase
}

/// The strong cues of `category` in a unit: its phrases, and those of
/// `<category>_tail` ("to treat") after a `used` phrase ("is used") or a
/// phrase of the category.
pub(crate) fn strong_cues(ctx: &Ctx<'_>, unit: &Unit, category: &str) -> Vec<Range<usize>> {
    // `<category>_tail`, compared without building the string for every unit.
    let is_tail = |label: &str| label.strip_suffix("_tail") == Some(category);
    let mut anchored = false;
    let mut out = Vec::new();
    for m in ctx.hits(unit, ctx.tables.phrase_bounds) {
        let label = ctx.lx.canonical(m);
        if label == category || (anchored && is_tail(label)) {
            out.push(m.start..m.end);
        }
        anchored |= label == category || label == "used";
    }
    out
}

/// The conjuncts of `range`: split at commas and at `and`, `or`, `and/or`.
fn split_coordinated(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut parts = Vec::new();
    let mut from = 0;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < s.len() {
        let sep = if bytes[i] == b',' || bytes[i] == b'/' {
            Some(1)
        } else if i > 0 && bytes[i - 1] == b' ' {
            ["and/or ", "and ", "or "].iter().find(|w| s[i..].starts_with(**w)).map(|w| w.len())
        } else {
            None
        };
        match sep {
            Some(n) => {
                parts.push(range.start + from..range.start + i);
                i += n;
                from = i;
            }
            None => i += s[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    parts.push(range.start + from..range.end);
    parts
        .into_iter()
        .filter_map(|r| {
            let p = &text[r.clone()];
            let lead = p.len() - p.trim_start().len();
            let trail = p.len() - p.trim_end().len();
            (r.start + lead < r.end - trail).then(|| r.start + lead..r.end - trail)
        })
        .collect()
}

/// `part` without its `lead` words ("certain types of cancer" → "cancer").
fn strip_leads(ctx: &Ctx<'_>, unit: &Unit, text: &str, mut part: Range<usize>) -> Range<usize> {
    // Leads may follow each other ("the symptoms of").
    while let Some(lead) = ctx
        .hits(unit, ctx.tables.phrase_bounds)
        .find(|m| m.start == part.start && m.end < part.end && ctx.lx.canonical(m) == "lead")
    {
        let rest = &text[lead.end..part.end];
        part = lead.end + (rest.len() - rest.trim_start().len())..part.end;
    }
    part
}
