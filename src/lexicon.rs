//! Domain vocabulary: term lists loaded from TSV data files, compiled in as
//! defaults and extendable at run time with `--lexicon DIR`.
//!
//! A file is one table. Each row is `canonical<TAB>synonym<TAB>…`; a cell of
//! the form `key=value` is an attribute of the row instead of a synonym.
//! Lines starting with `#` are comments. Every surface form of every table
//! goes into one term automaton (an anchored Aho–Corasick trie), so a text
//! is scanned once for all tables. This module knows nothing about drugs; it
//! only stores and matches.

use std::collections::BTreeMap;
use std::path::Path;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::model::SectionKind;

/// The built-in tables, `(name, contents)`, sorted by name.
#[rustfmt::skip]
pub const BUILTIN_LEXICONS: &[(&str, &str)] = &[
    ("actions", include_str!("../lexicons/actions.tsv")),
    ("conditions", include_str!("../lexicons/conditions.tsv")),
    ("conflict_rules", include_str!("../lexicons/conflict_rules.tsv")),
    ("contexts", include_str!("../lexicons/contexts.tsv")),
    ("cues", include_str!("../lexicons/cues.tsv")),
    ("debris", include_str!("../lexicons/debris.tsv")),
    ("drugs", include_str!("../lexicons/drugs.tsv")),
    ("frequencies", include_str!("../lexicons/frequencies.tsv")),
    ("jurisdictions", include_str!("../lexicons/jurisdictions.tsv")),
    ("legal_statuses", include_str!("../lexicons/legal_statuses.tsv")),
    ("metabolizers", include_str!("../lexicons/metabolizers.tsv")),
    ("negation", include_str!("../lexicons/negation.tsv")),
    ("phases", include_str!("../lexicons/phases.tsv")),
    ("pk_parameters", include_str!("../lexicons/pk_parameters.tsv")),
    ("populations", include_str!("../lexicons/populations.tsv")),
    ("preserved_functions", include_str!("../lexicons/preserved_functions.tsv")),
    ("qualifiers", include_str!("../lexicons/qualifiers.tsv")),
    ("routes", include_str!("../lexicons/routes.tsv")),
    ("sections", include_str!("../lexicons/sections.tsv")),
    ("side_effects", include_str!("../lexicons/side_effects.tsv")),
    ("statuses", include_str!("../lexicons/statuses.tsv")),
    ("table_columns", include_str!("../lexicons/table_columns.tsv")),
    ("targets", include_str!("../lexicons/targets.tsv")),
    ("units", include_str!("../lexicons/units.tsv")),
];

/// An error loading a lexicon file.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The directory or a file could not be read.
    #[error("reading lexicon {path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A row is malformed.
    #[error("{table}.tsv line {line}: {msg}")]
    Row {
        /// Table name.
        table: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        msg: String,
    },
    /// The automaton could not be built.
    #[error("building the term automaton: {0}")]
    Build(String),
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The canonical term.
    pub canonical: String,
    /// Other surface forms (the canonical term matches too).
    pub synonyms: Vec<String>,
    /// `key=value` cells.
    pub attrs: BTreeMap<String, String>,
}

impl Row {
    /// The value of attribute `key`.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).map(String::as_str)
    }
}

/// One table: its rows in file order.
#[derive(Clone, Debug, Default)]
pub struct Table {
    rows: Vec<Row>,
}

impl Table {
    /// All rows.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The row whose canonical term is `canonical`.
    pub fn get(&self, canonical: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.canonical == canonical)
    }
}

/// Identifies a table inside a [`Lexicon`].
pub type TableId = usize;

/// A term found in a text: its byte range and the row it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TermMatch {
    /// First byte of the surface form in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The table.
    pub table: TableId,
    /// Row index inside the table.
    pub row: usize,
}

/// All term matches of one text, longest-first and non-overlapping within
/// each table, ordered by position.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    matches: Vec<TermMatch>,
}

impl Scan {
    /// Matches of table `table`, in text order.
    pub fn of(&self, table: TableId) -> impl Iterator<Item = &TermMatch> {
        self.matches.iter().filter(move |m| m.table == table)
    }

    /// Every match.
    pub fn all(&self) -> &[TermMatch] {
        &self.matches
    }
}

/// Every table plus the one automaton over all their surface forms.
pub struct Lexicon {
    names: Vec<String>,
    tables: Vec<Table>,
    /// Every surface form, as a contiguous NFA walked anchored from each
    /// position where a term may start (see [`Lexicon::scan`]). Anchored, it
    /// is a plain trie walk; at about 1.3 MB it stays in cache where a full
    /// DFA over the same forms takes 28 MB and scans slower.
    all: Terms,
    /// The same, one per table, for looking up a single table: a walk over
    /// one table's forms dies sooner and touches less memory.
    by_table: Vec<Terms>,
    /// Amounts with a unit of the `units` table, built once from its forms.
    amounts: regex::Regex,
    /// Lowercased unit surface form → row of `units`.
    unit_forms: BTreeMap<String, usize>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("tables", &self.names).finish()
    }
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Lexicon::load(None)
    }

    /// The built-in tables merged with the `*.tsv` files of `dir`: a user row
    /// with a known canonical term adds synonyms and attributes, a new one is
    /// appended, and a file with a new name becomes a new table.
    pub fn load(dir: Option<&Path>) -> Result<Lexicon, LexiconError> {
        let mut parsed: BTreeMap<String, Vec<Row>> = BTreeMap::new();
        for (name, text) in BUILTIN_LEXICONS {
            parsed.insert(name.to_string(), parse_table(name, text)?);
        }
        if let Some(dir) = dir {
            let io = |source| LexiconError::Io { path: dir.display().to_string(), source };
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
                .collect();
            files.sort();
            for path in files {
                let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| LexiconError::Io { path: path.display().to_string(), source })?;
                let rows = parse_table(&name, &text)?;
                merge_rows(parsed.entry(name).or_default(), rows);
            }
        }
        Lexicon::build(parsed)
    }

    fn build(parsed: BTreeMap<String, Vec<Row>>) -> Result<Lexicon, LexiconError> {
        let mut names = Vec::new();
        let mut tables = Vec::new();
        let mut forms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut by_table = Vec::new();
        for (id, (name, rows)) in parsed.into_iter().enumerate() {
            let first = forms.len();
            for (r, row) in rows.iter().enumerate() {
                // `match=synonyms`: the canonical term is a label, not a form
                // to look for (the section kind `other` is not the word "other").
                let label_only = row.attr("match") == Some("synonyms");
                let canonical = (!label_only).then_some(&row.canonical);
                for form in canonical.into_iter().chain(&row.synonyms) {
                    forms.push(form.clone());
                    patterns.push((id, r));
                }
            }
            names.push(name);
            tables.push(Table { rows });
            by_table.push(Terms::new(&forms[first..], patterns[first..].to_vec())?);
        }
        let all = Terms::new(&forms, patterns)?;
        let (amounts, unit_forms) = amount_regex(names.iter().position(|n| n == "units").map(|i| &tables[i]))?;
        Ok(Lexicon { names, tables, all, by_table, amounts, unit_forms })
    }

    /// The id of table `name`. Built-in tables always exist.
    pub fn id(&self, name: &str) -> TableId {
        self.names.iter().position(|n| n == name).unwrap_or(usize::MAX)
    }

    /// Table `id`; an unknown id gives an empty table.
    pub fn table(&self, id: TableId) -> &Table {
        static EMPTY: Table = Table { rows: Vec::new() };
        self.tables.get(id).unwrap_or(&EMPTY)
    }

    /// The row a match points at.
    pub fn row(&self, m: &TermMatch) -> &Row {
        &self.tables[m.table].rows[m.row]
    }

    /// The canonical term of a match.
    pub fn canonical(&self, m: &TermMatch) -> &str {
        &self.row(m).canonical
    }

    /// Finds every term of every table in `text`: case-insensitive (ASCII),
    /// on word boundaries, and within one table the longest match wins where
    /// two overlap.
    pub fn scan(&self, text: &str) -> Scan {
        let mut found = Vec::new();
        walk(&self.all, text.as_bytes(), &mut found);
        Scan { matches: select(found) }
    }

    /// [`Lexicon::scan`] for table `table` only, in text order.
    pub fn find_in(&self, table: TableId, text: &str) -> Vec<TermMatch> {
        let Some(terms) = self.by_table.get(table) else { return Vec::new() };
        let mut found = Vec::new();
        walk(terms, text.as_bytes(), &mut found);
        select(found)
    }

    /// Length in bytes of the longest surface form: no match is longer.
    pub fn longest_form(&self) -> usize {
        self.all.automaton.max_pattern_len()
    }

    /// Matches of table `name` only.
    pub fn find(&self, name: &str, text: &str) -> Vec<TermMatch> {
        self.find_in(self.id(name), text)
    }

    /// The canonical section kind of a heading: the phrase of the `sections`
    /// table that starts earliest in the heading (longest on ties).
    pub fn classify_heading(&self, heading: &str) -> Option<SectionKind> {
        let hits = self.find("sections", heading);
        hits.iter()
            .min_by_key(|m| (m.start, std::cmp::Reverse(m.end)))
            .and_then(|m| SectionKind::from_name(self.canonical(m)))
    }

    /// Parses a number of the amounts regex (`1,200` → 1200).
    pub fn number(s: &str) -> Option<f64> {
        s.replace(',', "").parse().ok()
    }

    /// The regex of amounts (check with [`Lexicon::is_amount_boundary`]): `(?P<upto>up to )?(?P<min>N)( - (?P<max>N))? (?P<unit>U)`,
    /// where the units are every form of the `units` table, longest first.
    pub fn amounts(&self) -> &regex::Regex {
        &self.amounts
    }

    /// An amount match must not start inside a number (`1,200` is not
    /// `200`) nor run on into a longer unit (`30 mL/min` is not `30 mL`).
    pub fn is_amount_boundary(text: &str, start: usize, end: usize) -> bool {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '/')
    }

    /// The `units` row of a unit as written (`µg`, `mg/kg/hr`).
    pub fn unit(&self, surface: &str) -> Option<&Row> {
        let id = self.id("units");
        let row = *self.unit_forms.get(&surface.to_lowercase())?;
        self.table(id).rows.get(row)
    }

    /// True when `text` contains any surface form of table `name`.
    pub fn contains(&self, name: &str, text: &str) -> bool {
        !self.find(name, text).is_empty()
    }
}

/// Every occurrence of every form of `nfa` (whose pattern `i` stands for
/// `patterns[i]`) that starts and ends on a word boundary, in no
/// particular order.
///
/// A term can only start where a word does (or at a byte that is not
/// part of a word, for forms such as `(iv)`), so instead of an
/// unanchored search that reports every `g` and `mg` inside every word,
/// the anchored automaton is walked from those positions only, until it
/// dies. This finds exactly the matches an overlapping search would
/// keep after the boundary check (a test checks that), at a fraction
/// of the cost.
fn walk(terms: &Terms, bytes: &[u8], out: &mut Vec<TermMatch>) {
    let (nfa, patterns) = (&terms.automaton, &terms.patterns);
    let mut prev_word = false;
    for (i, &b) in bytes.iter().enumerate() {
        let word = is_word_at(bytes, i);
        let may_start = !(prev_word && word);
        prev_word = word;
        // Most positions end here: no form starts with this byte.
        let first = terms.first[usize::from(b)];
        if !may_start || nfa.is_dead(first) {
            continue;
        }
        let mut sid = first;
        for (j, &c) in bytes[i..].iter().enumerate() {
            if j > 0 {
                sid = nfa.next_state(Anchored::Yes, sid, c);
                if nfa.is_dead(sid) {
                    break;
                }
            }
            if !nfa.is_match(sid) {
                continue;
            }
            let end = i + j + 1;
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                // A match state also lists forms that are suffixes of
                // what was walked; only those starting at `i` count.
                if nfa.pattern_len(pid) != end - i || !is_word_boundary(bytes, i, end) {
                    continue;
                }
                let (table, row) = patterns[pid.as_usize()];
                out.push(TermMatch { start: i, end, table, row });
            }
        }
    }
}

/// The forms of one table and what each pattern stands for.
struct Terms {
    automaton: NFA,
    patterns: Vec<(TableId, usize)>,
    /// The state after each possible first byte, looked up once here
    /// rather than walked for every position.
    first: Box<[StateID; 256]>,
}

impl Terms {
    fn new(forms: &[String], patterns: Vec<(TableId, usize)>) -> Result<Terms, LexiconError> {
        let automaton = trie(forms)?;
        let start = automaton.start_state(Anchored::Yes).map_err(|e| LexiconError::Build(e.to_string()))?;
        let mut first = Box::new([StateID::ZERO; 256]);
        for (b, slot) in first.iter_mut().enumerate() {
            *slot = automaton.next_state(Anchored::Yes, start, b as u8);
        }
        Ok(Terms { automaton, patterns, first })
    }
}

/// An automaton over `forms`, matched without regard to ASCII case.
fn trie(forms: &[String]) -> Result<NFA, LexiconError> {
    NFA::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(forms)
        .map_err(|e| LexiconError::Build(e.to_string()))
}

/// Longest first at each start, then greedy leftmost-longest per table;
/// the result is ordered by position.
fn select(mut found: Vec<TermMatch>) -> Vec<TermMatch> {
    // `row` breaks ties the way the automaton's pattern order did: two rows
    // of one table sharing a form keep file order.
    found.sort_unstable_by(|a, b| (a.table, a.start, b.end, a.row).cmp(&(b.table, b.start, a.end, b.row)));
    let mut kept: Vec<TermMatch> = Vec::with_capacity(found.len());
    let mut last_end: Option<(TableId, usize)> = None;
    for m in found {
        match last_end {
            Some((t, end)) if t == m.table && m.start < end => continue,
            _ => {}
        }
        last_end = Some((m.table, m.end));
        kept.push(m);
    }
    kept.sort_unstable_by_key(|m| (m.start, m.end, m.table, m.row));
    kept
}

fn amount_regex(units: Option<&Table>) -> Result<(regex::Regex, BTreeMap<String, usize>), LexiconError> {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (i, row) in units.map(|t| t.rows.as_slice()).unwrap_or_default().iter().enumerate() {
        for f in std::iter::once(&row.canonical).chain(&row.synonyms) {
            forms.push((f.to_lowercase(), i));
        }
    }
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    let alternation = if forms.is_empty() {
        "[^\\s\\S]".to_string()
    } else {
        forms.iter().map(|(f, _)| regex::escape(f)).collect::<Vec<_>>().join("|")
    };
    let pattern = format!(
        r"(?i)(?P<upto>\b(?:up to|upto|maximum of|maximum|max\.?|not exceeding|not to exceed|do not exceed|no more than|at most)\s+|[<≤]\s*)?(?P<min>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(?P<max>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?))?\s*(?P<unit>{alternation})"
    );
    let re = regex::Regex::new(&pattern).map_err(|e| LexiconError::Build(e.to_string()))?;
    Ok((re, forms.into_iter().collect()))
}

/// Whether byte `i` belongs to a word character: an ASCII letter or digit,
/// or a non-ASCII letter or digit (`é`, `µ`, `½`). Dashes, curly quotes and
/// no-break spaces are not, so `norketamine—an` and `“ketamine”` hold words.
fn is_word_at(text: &[u8], i: usize) -> bool {
    let b = text[i];
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    // Back up over continuation bytes to the character's first byte.
    let mut start = i;
    while start > 0 && i - start < 3 && text[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    let width = match text[start] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    std::str::from_utf8(&text[start..(start + width).min(text.len())])
        .ok()
        .and_then(|s| s.chars().next())
        .is_none_or(char::is_alphanumeric)
}

/// A match must not start or end inside a word. Forms that themselves begin
/// or end with punctuation (`(iv)`, `t½`) only need the letter side checked.
fn is_word_boundary(text: &[u8], start: usize, end: usize) -> bool {
    let left_ok = start == 0 || !is_word_at(text, start - 1) || !is_word_at(text, start);
    let right_ok = end >= text.len() || !is_word_at(text, end) || !is_word_at(text, end - 1);
    left_ok && right_ok
}

fn parse_table(name: &str, text: &str) -> Result<Vec<Row>, LexiconError> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cells = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
        let canonical = cells.next().unwrap_or_default().to_string();
        if canonical.contains('=') {
            return Err(LexiconError::Row {
                table: name.to_string(),
                line: i + 1,
                msg: "the first cell must be a term, not an attribute".into(),
            });
        }
        let mut row = Row { canonical, synonyms: Vec::new(), attrs: BTreeMap::new() };
        for cell in cells {
            match cell.split_once('=') {
                Some((k, v)) => {
                    row.attrs.insert(k.to_string(), v.to_string());
                }
                None => row.synonyms.push(cell.to_string()),
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

fn merge_rows(into: &mut Vec<Row>, rows: Vec<Row>) {
    for row in rows {
        match into.iter_mut().find(|r| r.canonical == row.canonical) {
            Some(existing) => {
                for s in row.synonyms {
                    if !existing.synonyms.contains(&s) {
                        existing.synonyms.push(s);
                    }
                }
                existing.attrs.extend(row.attrs);
            }
            None => into.push(row),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn builtin_lexicons_are_sorted_unique_lowercase_nfc() {
        let names: Vec<_> = BUILTIN_LEXICONS.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "BUILTIN_LEXICONS must be sorted by name");
        for (name, text) in BUILTIN_LEXICONS {
            let rows = parse_table(name, text).unwrap();
            let canon: Vec<_> = rows.iter().map(|r| r.canonical.as_str()).collect();
            let mut sorted = canon.clone();
            sorted.sort();
            assert_eq!(canon, sorted, "{name}.tsv rows must be sorted by canonical term");
            let mut seen = BTreeSet::new();
            for row in &rows {
                for form in std::iter::once(&row.canonical).chain(&row.synonyms) {
                    let lower = form.to_lowercase();
                    assert!(seen.insert(lower.clone()), "{name}.tsv: `{form}` appears twice");
                    // Canonical terms may keep their case (`NMDA receptor`), surface forms
                    // are matched case-insensitively, so they must be lowercase.
                    if form != &row.canonical {
                        assert_eq!(form, &lower, "{name}.tsv: synonym `{form}` must be lowercase");
                    }
                    assert_eq!(form.nfc().collect::<String>(), *form, "{name}.tsv: `{form}` is not NFC");
                }
            }
        }
    }

    #[test]
    fn scan_prefers_longest_match_on_word_boundaries() {
        let lx = Lexicon::build(BTreeMap::from([(
            "t".to_string(),
            vec![
                Row { canonical: "pain".into(), synonyms: vec![], attrs: BTreeMap::new() },
                Row { canonical: "chronic pain".into(), synonyms: vec![], attrs: BTreeMap::new() },
            ],
        )]))
        .unwrap();
        let scan = lx.scan("Chronic pain and painful days");
        let got: Vec<_> = scan.all().iter().map(|m| lx.canonical(m)).collect();
        assert_eq!(got, ["chronic pain"]);
    }

    /// The anchored walk must find exactly what an unanchored overlapping
    /// search filtered by word boundaries found before it.
    #[test]
    fn dashes_and_curly_quotes_end_words_and_letters_do_not() {
        let lx = Lexicon::builtin().unwrap();
        let found = |text: &str| -> Vec<String> {
            lx.find("side_effects", text).iter().map(|m| text[m.start..m.end].to_lowercase()).collect()
        };
        assert_eq!(found("causes nausea\u{2014}and headache"), ["nausea", "headache"]);
        assert_eq!(found("\u{201c}nausea\u{201d} and \u{2018}headache\u{2019}s"), ["nausea", "headache"]);
        assert_eq!(found("nausea\u{a0}or\u{a0}headache"), ["nausea", "headache"]);
        // A letter outside ASCII still joins a word: no `nausea` inside `cafénausea`.
        assert_eq!(found("caf\u{e9}nausea nausea\u{e9}"), Vec::<String>::new());
    }

    #[test]
    fn scan_equals_overlapping_search_with_boundary_filter() {
        let lx = Lexicon::builtin().unwrap();
        let mut forms = Vec::new();
        for (id, table) in lx.tables.iter().enumerate() {
            for row in &table.rows {
                let label_only = row.attr("match") == Some("synonyms");
                forms.extend((!label_only).then_some(&row.canonical).into_iter().chain(&row.synonyms).map(|f| (f, id)));
            }
        }
        let reference = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .unwrap();
        let texts = [
            "Given IV (iv) or i.v. at 0.5 mg/kg; t½ 2.5 h. Nausea-and-vomiting, NMDA receptor antagonist.",
            "dosing: 1,200 mg — children <12 years; \u{b5}g/kg/hr infusion; no nausea but headache",
            "into norketamine\u{2014}an active metabolite; \u{201c}nausea\u{201d}, lithium\u{2019}s; caf\u{e9}nausea",
            include_str!("../input/000_f02998dc7b20cd23.txt"),
            include_str!("../input/001_f1bac6eb85c49831.txt"),
            include_str!("../input/002_ff65e8dec56c2b18.txt"),
            include_str!("../input/003_f99d0e9ae0aaf4b6.txt"),
            include_str!("../input/004_e286dd54293137ef.txt"),
        ];
        for text in texts {
            let bytes = text.as_bytes();
            let mut want: Vec<TermMatch> = reference
                .find_overlapping_iter(text)
                .filter(|m| is_word_boundary(bytes, m.start(), m.end()))
                .map(|m| {
                    let (table, row) = lx.all.patterns[m.pattern().as_usize()];
                    TermMatch { start: m.start(), end: m.end(), table, row }
                })
                .collect();
            let mut got = Vec::new();
            walk(&lx.all, bytes, &mut got);
            want.sort();
            got.sort();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn every_section_kind_in_the_heading_table_is_known() {
        let lx = Lexicon::builtin().unwrap();
        for row in lx.table(lx.id("sections")).rows() {
            assert!(SectionKind::from_name(&row.canonical).is_some(), "{}", row.canonical);
        }
    }
}
