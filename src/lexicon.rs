//! Domain vocabulary: term lists loaded from TSV data files, compiled in as
//! defaults and extendable at run time with `--lexicon DIR`.
//!
//! A file is one table. Each row is `canonical<TAB>synonym<TAB>…`; a cell of
//! the form `key=value` is an attribute of the row instead of a synonym.
//! Lines starting with `#` are comments. Every surface form of every table
//! goes into one term trie, so a text
//! is scanned once for all tables. This module knows nothing about drugs; it
//! only stores and matches.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

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
    ("icd10cm", include_str!("../lexicons/icd10cm.tsv")),
    ("jurisdictions", include_str!("../lexicons/jurisdictions.tsv")),
    ("label_sections", include_str!("../lexicons/label_sections.tsv")),
    ("legal_statuses", include_str!("../lexicons/legal_statuses.tsv")),
    ("metabolizers", include_str!("../lexicons/metabolizers.tsv")),
    ("negation", include_str!("../lexicons/negation.tsv")),
    ("phases", include_str!("../lexicons/phases.tsv")),
    ("phrase_bounds", include_str!("../lexicons/phrase_bounds.tsv")),
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
    /// The term trie or the amounts regex could not be built.
    #[error("building the term automaton: {0}")]
    Build(String),
}

/// SHA-256 of every table's name and rows. Cells are separated by tabs and
/// rows by line breaks, which no cell can hold, and tables by NUL, which no
/// table name (a file name) can hold.
fn fingerprint(parsed: &BTreeMap<String, Vec<Row>>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (name, rows) in parsed {
        h.update(name.as_bytes());
        h.update(b"\0");
        for row in rows {
            h.update(row.canonical.as_bytes());
            for s in &row.synonyms {
                h.update(b"\t");
                h.update(s.as_bytes());
            }
            for (k, v) in &row.attrs {
                h.update(b"\t=");
                h.update(k.as_bytes());
                h.update(b"=");
                h.update(v.as_bytes());
            }
            h.update(b"\n");
        }
        h.update(b"\0");
    }
    crate::hex(&h.finalize())
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
    /// Row indices sorted by canonical term, rows of one term in file
    /// order: [`Table::get`] is a binary search, not a walk through
    /// hundreds of rows for every term an extractor checks.
    by_canonical: Vec<usize>,
}

impl Table {
    fn new(rows: Vec<Row>) -> Table {
        let mut by_canonical: Vec<usize> = (0..rows.len()).collect();
        // Stable: the first row of a term stays first.
        by_canonical.sort_by(|&a, &b| rows[a].canonical.cmp(&rows[b].canonical));
        Table { rows, by_canonical }
    }

    /// All rows.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The (first) row whose canonical term is `canonical`.
    pub fn get(&self, canonical: &str) -> Option<&Row> {
        let at = self.by_canonical.partition_point(|&r| self.rows[r].canonical.as_str() < canonical);
        self.by_canonical.get(at).map(|&r| &self.rows[r]).filter(|r| r.canonical == canonical)
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
    /// Every surface form, as a trie walked from each position where a
    /// term may start (see [`Lexicon::scan`]). Built directly from the
    /// sorted forms, it costs a fraction of an Aho–Corasick automaton to
    /// build, and needs no failure links since every walk is anchored.
    all: Terms,
    /// The same, one per table, for looking up a single table: a walk over
    /// one table's forms dies sooner and touches less memory. Built when a
    /// table is first looked up alone: most never are (ICD-10-CM, the
    /// largest, only in `all`), and building them was a third of start-up.
    by_table: Vec<OnceLock<Terms>>,
    /// Per table, only the forms that cutting a text into sentences and
    /// item labels can break (see [`Lexicon::has_cuttable_form`]); built
    /// when first asked for, too.
    cuttable: Vec<OnceLock<Terms>>,
    /// Amounts with a unit of the `units` table, built once from its forms.
    amounts: regex::Regex,
    /// Lowercased unit surface form → row of `units`.
    unit_forms: BTreeMap<String, usize>,
    /// SHA-256 of the merged tables, see [`Lexicon::fingerprint`].
    fingerprint: String,
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

    fn build(mut parsed: BTreeMap<String, Vec<Row>>) -> Result<Lexicon, LexiconError> {
        link_codes(&mut parsed);
        let fingerprint = fingerprint(&parsed);
        let (names, tables): (Vec<String>, Vec<Table>) =
            parsed.into_iter().map(|(name, rows)| (name, Table::new(rows))).unzip();
        let mut forms: Vec<&str> = Vec::new();
        let mut patterns = Vec::new();
        for (id, table) in tables.iter().enumerate() {
            table_forms(id, table, &mut forms, &mut patterns);
        }
        let all = Terms::new(&forms, &patterns);
        let by_table = tables.iter().map(|_| OnceLock::new()).collect();
        let cuttable = tables.iter().map(|_| OnceLock::new()).collect();
        let (amounts, unit_forms) = amount_regex(names.iter().position(|n| n == "units").map(|i| &tables[i]))?;
        Ok(Lexicon { names, tables, all, by_table, cuttable, amounts, unit_forms, fingerprint })
    }

    /// SHA-256 (hex) of the tables as merged: equal for two runs exactly
    /// when they use the same vocabulary, whichever files it came from.
    /// A shard records it, and `merge` refuses shards made with another.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The id of table `name`. Built-in tables always exist.
    pub fn id(&self, name: &str) -> TableId {
        self.names.iter().position(|n| n == name).unwrap_or(usize::MAX)
    }

    /// Table `id`; an unknown id gives an empty table.
    pub fn table(&self, id: TableId) -> &Table {
        static EMPTY: Table = Table { rows: Vec::new(), by_canonical: Vec::new() };
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

    /// The ICD-10-CM codes of the row a match points at (none for a row
    /// the terminology does not cover).
    pub fn codes(&self, m: &TermMatch) -> impl Iterator<Item = &str> {
        self.row(m).attr(CODE_ATTR).unwrap_or_default().split(',').map(str::trim).filter(|c| !c.is_empty())
    }

    /// Finds every term of every table in `text`: case-insensitive (ASCII),
    /// on word boundaries, and within one table the longest match wins where
    /// two overlap.
    pub fn scan(&self, text: &str) -> Scan {
        // Most texts scanned are sentences holding a few terms: room for
        // them up front saves growing the vector one match at a time.
        let mut found = Vec::with_capacity(8);
        walk(&self.all, text.as_bytes(), &mut found);
        Scan { matches: select(found) }
    }

    /// [`Lexicon::scan`] for table `table` only, in text order.
    pub fn find_in(&self, table: TableId, text: &str) -> Vec<TermMatch> {
        let Some(terms) = self.table_terms(table) else { return Vec::new() };
        let mut found = Vec::new();
        walk(terms, text.as_bytes(), &mut found);
        select(found)
    }

    /// Whether `text` holds a form of `table` that cutting it into
    /// sentences and item labels could cut through or cut off: a form
    /// holding a character that ends a sentence or a label (`.` `!` `?`
    /// `:`, a closing quote or bracket), or a single character (the `Q` of
    /// `Q:`). When it does not, every match of `table` in `text` lies
    /// whole inside one piece, and the pieces' matches are the text's.
    pub fn has_cuttable_form(&self, table: TableId, text: &str) -> bool {
        let Some(terms) = self.cuttable_terms(table) else { return false };
        if terms.outputs.is_empty() {
            return false;
        }
        let mut found = Vec::new();
        walk_starts(terms, text.as_bytes(), &mut found);
        !found.is_empty()
    }

    /// The trie of table `table`'s forms, built on first use.
    fn table_terms(&self, table: TableId) -> Option<&Terms> {
        let t = self.tables.get(table)?;
        Some(self.by_table[table].get_or_init(|| {
            let (mut forms, mut patterns) = (Vec::new(), Vec::new());
            table_forms(table, t, &mut forms, &mut patterns);
            Terms::new(&forms, &patterns)
        }))
    }

    /// The trie of table `table`'s cuttable forms, built on first use.
    fn cuttable_terms(&self, table: TableId) -> Option<&Terms> {
        let t = self.tables.get(table)?;
        Some(self.cuttable[table].get_or_init(|| {
            let (mut forms, mut patterns) = (Vec::new(), Vec::new());
            table_forms(table, t, &mut forms, &mut patterns);
            let (forms, patterns): (Vec<&str>, Vec<(TableId, usize)>) =
                forms.into_iter().zip(patterns).filter(|(form, _)| is_cuttable(form)).unzip();
            Terms::new(&forms, &patterns)
        }))
    }

    /// Length in bytes of the longest surface form: no match is longer.
    pub fn longest_form(&self) -> usize {
        self.all.longest
    }

    /// Matches of table `name` only.
    pub fn find(&self, name: &str, text: &str) -> Vec<TermMatch> {
        self.find_in(self.id(name), text)
    }

    /// The canonical section kind of a heading: the phrase of the `sections`
    /// table that starts earliest in the heading (longest on ties). An
    /// overview phrase ("what is", "understanding") only frames the topic,
    /// so any other kind named in the heading wins over it: "What is
    /// lisinopril used for?" is about uses.
    pub fn classify_heading(&self, heading: &str) -> Option<SectionKind> {
        let hits = self.find("sections", heading);
        hits.iter()
            .map(|m| (SectionKind::from_name(self.canonical(m)), m))
            .min_by_key(|(kind, m)| (*kind == Some(SectionKind::Overview), m.start, std::cmp::Reverse(m.end)))
            .and_then(|(kind, _)| kind)
    }

    /// Parses a number of the amounts regex (`1,200` → 1200). A leading
    /// zero before another digit (`000`, the tail of a `1,000` cut in two)
    /// is no number anyone writes for an amount: `None`.
    pub fn number(s: &str) -> Option<f64> {
        if s.len() > 1 && s.starts_with('0') && s.as_bytes()[1].is_ascii_digit() {
            return None;
        }
        s.replace(',', "").parse().ok()
    }

    /// The regex of amounts (check with [`Lexicon::is_amount_boundary`]): `(?P<upto>up to )?(?P<min>N)( (?P<unit1>U)? - (?P<max>N))? (?P<unit>U)`,
    /// where the units are every form of the `units` table, longest first.
    pub fn amounts(&self) -> &regex::Regex {
        &self.amounts
    }

    /// The amounts regex's matches in `text`, leftmost first. A number that
    /// ends a name ("COVID-19 — 6 mg", "IL-6") starts no amount: the search
    /// goes on after it, so the amount that follows is still found.
    pub fn amounts_in<'t>(&self, text: &'t str) -> impl Iterator<Item = regex::Captures<'t>> + use<'_, 't> {
        let mut at = 0;
        std::iter::from_fn(move || {
            loop {
                let caps = self.amounts.captures_at(text, at)?;
                let (whole, min) = (caps.get(0)?, caps.name("min")?);
                if caps.name("upto").is_none() && ends_name(&text[..min.start()]) {
                    at = min.end();
                    continue;
                }
                at = whole.end();
                return Some(caps);
            }
        })
    }

    /// An amount match must not start inside a number (`1,200` is not
    /// `200`) nor run on into a longer unit (`30 mL/min` is not `30 mL`).
    pub fn is_amount_boundary(text: &str, start: usize, end: usize) -> bool {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '/')
    }

    /// [`Lexicon::is_amount_boundary`], or an amount per period ("20 mg/day",
    /// "150 mg/week"): a total over a `units` row of `dim=time` measured in
    /// days or longer, not a rate such as `mL/min`.
    pub fn is_dose_boundary(&self, text: &str, start: usize, end: usize) -> bool {
        if Self::is_amount_boundary(text, start, end) {
            return true;
        }
        let Some(rest) = text[end..].strip_prefix('/') else { return false };
        let word_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        !text[..start].ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
            && self.unit(&rest[..word_end]).is_some_and(|r| r.attr("period") == Some("yes"))
            && !rest[word_end..].starts_with(|c: char| c.is_alphanumeric() || c == '/')
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

/// True when `before` ends with a letter and a hyphen: what follows is the
/// number of a name (`COVID-`, `IL-`), not an amount.
fn ends_name(before: &str) -> bool {
    before.strip_suffix('-').and_then(|b| b.chars().next_back()).is_some_and(char::is_alphabetic)
}

/// The attribute holding a row's ICD-10-CM code(s), comma-separated.
pub const CODE_ATTR: &str = "icd10cm";

/// The tables whose rows name a condition or a symptom and so may carry a
/// code of the terminology table.
pub const CODED_TABLES: &[&str] = &["conditions", "side_effects"];

/// The table generated from ICD-10-CM (`scripts/gen_icd10_lexicon.py`).
pub const TERMINOLOGY_TABLE: &str = "icd10cm";

/// Gives every row of a [`CODED_TABLES`] table that has no code of its own
/// the code of the terminology row one of its surface forms is a form of:
/// the hand-curated row `heart attack` / `myocardial infarction` gets
/// `I21.9`. A row's own `icd10cm=` attribute wins, so a curator can
/// correct or add a code, and a user row of `--lexicon` is linked alike.
fn link_codes(parsed: &mut BTreeMap<String, Vec<Row>>) {
    let mut codes: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for row in parsed.get(TERMINOLOGY_TABLE).map(Vec::as_slice).unwrap_or_default() {
        if let Some(code) = row.attr(CODE_ATTR) {
            for form in std::iter::once(&row.canonical).chain(&row.synonyms) {
                codes.entry(form.to_lowercase()).or_insert_with(|| code.to_string());
            }
        }
    }
    for name in CODED_TABLES {
        for row in parsed.get_mut(*name).into_iter().flatten() {
            if row.attrs.contains_key(CODE_ATTR) {
                continue;
            }
            let linked = std::iter::once(&row.canonical)
                .chain(&row.synonyms)
                .find_map(|form| codes.get(&form.to_lowercase()))
                .cloned();
            if let Some(code) = linked {
                row.attrs.insert(CODE_ATTR.to_string(), code);
            }
        }
    }
}

/// Appends the surface forms of table `id` and what each stands for.
fn table_forms<'t>(id: TableId, table: &'t Table, forms: &mut Vec<&'t str>, patterns: &mut Vec<(TableId, usize)>) {
    for (r, row) in table.rows.iter().enumerate() {
        // `match=synonyms`: the canonical term is a label, not a form to
        // look for (the section kind `other` is not the word "other").
        let label_only = row.attr("match") == Some("synonyms");
        let canonical = (!label_only).then_some(&row.canonical);
        for form in canonical.into_iter().chain(&row.synonyms) {
            forms.push(form);
            patterns.push((id, r));
        }
    }
}

/// See [`Lexicon::has_cuttable_form`]: the characters after which
/// `extract::units` may end a sentence or a label, and what it may drop
/// between pieces besides white space.
fn is_cuttable(form: &str) -> bool {
    form.chars().count() == 1 || form.contains(['.', '!', '?', ':', '"', '\'', ')', '”', '’'])
}

/// Every occurrence of every form of `terms` that starts and ends on a word
/// boundary, in no particular order.
///
/// A term can only start where a word does (or at a byte that is not
/// part of a word, for forms such as `(iv)`), so instead of an
/// unanchored search that reports every `g` and `mg` inside every word,
/// the trie is walked from those positions only, until it dies. This
/// finds exactly the matches an overlapping search would keep after the
/// boundary check (a test checks that), at a fraction of the cost.
#[inline(always)]
fn walk(terms: &Terms, bytes: &[u8], out: &mut Vec<TermMatch>) {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most word starts end here: no form starts with this byte.
        let node = terms.first[usize::from(b)];
        if node != DEAD {
            walk_from(terms, bytes, i, node, out);
        }
        i += 1;
        // The rest of a word cannot start a term: skip it in a tight loop.
        if is_word_at(bytes, i - 1) {
            i = word_end(bytes, i);
        }
    }
}

/// [`walk`] for forms that start with at most three bytes (the few that
/// [`Lexicon::has_cuttable_form`] looks for): jumps from one such byte to
/// the next with memchr instead of stepping through every word. Not used
/// for whole tables: a common first letter makes the jumps cost more.
fn walk_starts(terms: &Terms, bytes: &[u8], out: &mut Vec<TermMatch>) {
    match *terms.starts.as_slice() {
        [] => {}
        [a] => memchr::memchr_iter(a, bytes).for_each(|i| walk_at(terms, bytes, i, out)),
        [a, b] => memchr::memchr2_iter(a, b, bytes).for_each(|i| walk_at(terms, bytes, i, out)),
        [a, b, c] => memchr::memchr3_iter(a, b, c, bytes).for_each(|i| walk_at(terms, bytes, i, out)),
        _ => walk(terms, bytes, out),
    }
}

/// [`walk_from`] at `i`, a byte some form starts with, if [`walk`] would
/// get there: at the start, after a byte that is not part of a word, or at
/// a byte that is not.
fn walk_at(terms: &Terms, bytes: &[u8], i: usize, out: &mut Vec<TermMatch>) {
    if i == 0 || !is_word_at(bytes, i - 1) || !is_word_at(bytes, i) {
        walk_from(terms, bytes, i, terms.first[usize::from(bytes[i])], out);
    }
}

/// Walks the trie from node `node`, reached by the byte at `start`, and
/// reports every form that ends on a word boundary. Kept out of line so the
/// per-byte loop of [`walk`] stays small.
#[inline(never)]
fn walk_from(terms: &Terms, bytes: &[u8], start: usize, mut node: u32, out: &mut Vec<TermMatch>) {
    let mut end = start + 1;
    let mut rest = bytes[end..].iter();
    loop {
        let n = &terms.nodes[node as usize];
        if n.out_start != n.out_end {
            report(terms, n, bytes, start..end, out);
        }
        let Some(&c) = rest.next() else { break };
        node = terms.next(n, node, terms.class[usize::from(c)]);
        if node == DEAD {
            break;
        }
        end += 1;
    }
}

/// Reports the forms ending at node `n` when `at` is on word boundaries.
/// Every form ending at a node is exactly as long as the walk to it, so
/// all of them span `at`.
#[inline(never)]
fn report(terms: &Terms, n: &Node, bytes: &[u8], at: Range<usize>, out: &mut Vec<TermMatch>) {
    if is_word_boundary(bytes, at.start, at.end) {
        for &(table, row) in &terms.outputs[n.out_start as usize..n.out_end as usize] {
            out.push(TermMatch { start: at.start, end: at.end, table, row });
        }
    }
}

/// The node id that stands for "no such node": the root is never a child.
const DEAD: u32 = 0;

/// [`Node::first_child`] of a leaf, and [`Node::second_child`] of a node
/// without exactly two children.
const NO_CHILD: u16 = 0x100;

/// [`Node::link`] of a node with neither a dense row nor a second child.
const NO_ROW: u32 = u32::MAX;

impl Default for Node {
    fn default() -> Node {
        Node { first_child: NO_CHILD, second_child: NO_CHILD, link: NO_ROW, out_start: 0, out_end: 0 }
    }
}

/// The forms of one table (or of all) as a byte-class trie, matched
/// without regard to ASCII case.
///
/// Bytes are mapped to classes first: one class per byte that occurs in
/// some form (ASCII letters folded to lowercase), class 0 for all others,
/// so a walk stops at the first byte no form contains. Nodes are stored in
/// depth-first order of the sorted forms, so a node's first child is the
/// next node: most nodes (all along a long term) have one child, and
/// stepping from them is one comparison. A node with two children (most
/// branching nodes) names its second child in the node itself; only the
/// root and nodes with three or more children get a dense row of child ids
/// indexed by class. A dense row per two-child node made the rows of the
/// full lexicon (with ICD-10-CM) three times as large, and the walk waited
/// on memory for them.
struct Terms {
    /// Byte → class; 0 for bytes in no form.
    class: [u8; 256],
    /// Node 0 is the root.
    nodes: Vec<Node>,
    /// Dense rows of branching nodes, one child id per class each.
    dense: Vec<u32>,
    /// What the forms ending at each node stand for, grouped by node.
    outputs: Vec<(TableId, usize)>,
    /// The node after each possible first byte, looked up once here
    /// rather than stepped for every position.
    first: Box<[u32; 256]>,
    /// Length in bytes of the longest form.
    longest: usize,
    /// The bytes some form starts with (either case), in byte order.
    starts: Vec<u8>,
}

/// One trie node.
#[derive(Clone, Copy)]
struct Node {
    /// The class leading to this node's first child (always the next
    /// node), or [`NO_CHILD`]: wider than a class, so that it equals no
    /// class.
    first_child: u16,
    /// The class leading to the other child of a node with exactly two
    /// children (not the root), or [`NO_CHILD`].
    second_child: u16,
    /// The id of that other child when the node has two children; else
    /// where the node's dense row starts in `dense` when it has one, or
    /// [`NO_ROW`].
    link: u32,
    /// `outputs[out_start..out_end]` are the forms ending here.
    out_start: u32,
    out_end: u32,
}

impl Terms {
    /// Builds the trie of `forms`, where form `i` stands for `patterns[i]`.
    fn new(forms: &[&str], patterns: &[(TableId, usize)]) -> Terms {
        // Classes in byte order, so that sorting forms by class sorts them
        // by their lowercased bytes.
        let mut seen = [false; 256];
        for form in forms {
            for &b in form.as_bytes() {
                seen[usize::from(b.to_ascii_lowercase())] = true;
            }
        }
        let mut class = [0u8; 256];
        let mut width = 1;
        for b in 0..=255u8 {
            if seen[usize::from(b)] {
                class[usize::from(b)] = u8::try_from(width).expect("at most 255 byte classes");
                width += 1;
            }
        }
        for b in b'A'..=b'Z' {
            class[usize::from(b)] = class[usize::from(b.to_ascii_lowercase())];
        }
        // Classes are numbered in byte order and fold case alike, so
        // sorting by classes is sorting by the lowercased bytes: lowercase
        // every form once into one buffer and compare slices (memcmp)
        // rather than mapping bytes to classes inside every comparison.
        let mut lower = Vec::with_capacity(forms.iter().map(|f| f.len()).sum());
        let mut bounds = Vec::with_capacity(forms.len() + 1);
        for form in forms {
            bounds.push(lower.len());
            lower.extend(form.bytes().map(|b| b.to_ascii_lowercase()));
        }
        bounds.push(lower.len());
        let key = |i: usize| &lower[bounds[i]..bounds[i + 1]];
        let mut order: Vec<usize> = (0..forms.len()).collect();
        // The index breaks ties: the order a stable sort gives, for less.
        order.sort_unstable_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
        // Each form adds a node per byte after the prefix it shares with the
        // form before it: counted first, so that no vector grows by copying.
        let mut shared = Vec::with_capacity(order.len());
        let mut prev: &[u8] = &[];
        for &i in &order {
            let form = key(i);
            shared.push(prev.iter().zip(form).take_while(|(a, b)| a == b).count());
            prev = form;
        }
        let n_nodes = 1 + order.iter().zip(&shared).map(|(&i, &s)| key(i).len() - s).sum::<usize>();

        // Depth-first from the sorted forms: each form shares a prefix with
        // the one before it and adds a branch of new nodes below that.
        let mut nodes = Vec::with_capacity(n_nodes);
        nodes.push(Node::default());
        // Class of the edge into each node, its parent, its child count.
        let mut labels = Vec::with_capacity(n_nodes);
        labels.push(0u8);
        let mut parents = Vec::with_capacity(n_nodes);
        parents.push(DEAD);
        let mut child_counts = vec![0u32; n_nodes];
        let mut outputs = Vec::with_capacity(forms.len());
        // `path[d]` is the node at depth `d` of the previous form.
        let mut path: Vec<u32> = vec![0];
        let mut longest = 0;
        for (&i, &shared) in order.iter().zip(&shared) {
            let form = key(i);
            longest = longest.max(form.len());
            path.truncate(shared + 1);
            for &b in &form[shared..] {
                let id = u32::try_from(nodes.len()).expect("fewer than 2^32 trie nodes");
                let parent = *path.last().expect("the root is always on the path");
                child_counts[parent as usize] += 1;
                nodes.push(Node::default());
                labels.push(class[usize::from(b)]);
                parents.push(parent);
                path.push(id);
            }
            let at = &mut nodes[*path.last().expect("the root is always on the path") as usize];
            let n = u32::try_from(outputs.len()).expect("fewer than 2^32 forms");
            if at.out_start == at.out_end {
                at.out_start = n;
            }
            at.out_end = n + 1;
            outputs.push(patterns[i]);
        }

        // The root always gets a dense row (at 0), as does every node with
        // three or more children; a first child is the next node, and the
        // other child of a two-child node is named in the node.
        let has_row = |id: usize, count: u32| count > 2 || id == 0;
        let mut rows = 0;
        for (id, &count) in child_counts.iter().enumerate() {
            if count > 0 {
                debug_assert_eq!(parents[id + 1] as usize, id, "a first child is the next node");
                nodes[id].first_child = u16::from(labels[id + 1]);
            }
            if has_row(id, count) {
                nodes[id].link = u32::try_from(rows * width).expect("fewer than 2^32 dense cells");
                rows += 1;
            }
        }
        let mut dense = vec![DEAD; rows * width];
        for (id, &parent) in parents.iter().enumerate().skip(1) {
            let p = parent as usize;
            if has_row(p, child_counts[p]) {
                dense[nodes[p].link as usize + usize::from(labels[id])] = id as u32;
            } else if child_counts[p] == 2 && id != p + 1 {
                nodes[p].second_child = u16::from(labels[id]);
                nodes[p].link = id as u32;
            }
        }
        let mut first = Box::new([DEAD; 256]);
        for (b, slot) in first.iter_mut().enumerate() {
            *slot = dense[usize::from(class[b])];
        }
        let starts = (0..=255u8).filter(|&b| first[usize::from(b)] != DEAD).collect();
        Terms { class, nodes, dense, outputs, first, longest, starts }
    }

    /// The child of node `id` (which is `n`) along byte class `class`, or
    /// [`DEAD`]. Class 0 (a byte in no form) finds no child either way:
    /// it is no node's label and every dense row holds [`DEAD`] for it.
    #[inline]
    fn next(&self, n: &Node, id: u32, class: u8) -> u32 {
        if n.first_child == u16::from(class) {
            id + 1
        } else if n.second_child == u16::from(class) {
            n.link
        } else if n.second_child == NO_CHILD && n.link != NO_ROW {
            self.dense[n.link as usize + usize::from(class)]
        } else {
            DEAD
        }
    }
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
    // ASCII digits only: `Lexicon::number` parses no others, and Unicode's
    // `\d` (dozens of scripts) made this regex a quarter of start-up.
    let pattern = format!(
        r"(?i)(?P<upto>\b(?:up to|upto|maximum of|maximum|max\.?|not exceeding|not to exceed|do not exceed|no more than|at most)\s+|[<≤]\s*)?(?P<min>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?:(?:\s*(?P<unit1>{alternation}))?\s*(?:-|–|—|to)\s*(?P<max>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?))?\s*(?P<unit>{alternation})"
    );
    let re = regex::Regex::new(&pattern).map_err(|e| LexiconError::Build(e.to_string()))?;
    Ok((re, forms.into_iter().collect()))
}

/// Whether byte `i` belongs to a word character: an ASCII letter or digit,
/// or a non-ASCII letter or digit (`é`, `µ`, `½`). Dashes, curly quotes and
/// no-break spaces are not, so `norketamine—an` and `“ketamine”` hold words.
#[inline]
fn is_word_at(text: &[u8], i: usize) -> bool {
    let b = text[i];
    if b.is_ascii() { ASCII_WORD[usize::from(b)] } else { is_word_char_at(text, i) }
}

/// [`is_word_at`] for a byte of a non-ASCII character, out of line: rare.
#[cold]
#[inline(never)]
fn is_word_char_at(text: &[u8], i: usize) -> bool {
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

/// The index just past the word that continues at byte `i`: ASCII letters
/// and digits in a tight loop, a non-ASCII character decoded only when met.
fn word_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i += bytes[i..].iter().position(|&c| !ASCII_WORD[usize::from(c)]).unwrap_or(bytes.len() - i);
        if i < bytes.len() && !bytes[i].is_ascii() && is_word_char_at(bytes, i) {
            i += 1;
            continue;
        }
        return i;
    }
}

/// ASCII letters and digits; every non-ASCII byte is `false` here and
/// judged by its character in [`is_word_at`]. A table, since the walk asks
/// for nearly every byte.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

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
    fn numbers_keep_thousands_and_refuse_leading_zeros() {
        assert_eq!(Lexicon::number("1,200"), Some(1200.0));
        assert_eq!(Lexicon::number("0.5"), Some(0.5));
        assert_eq!(Lexicon::number("0"), Some(0.0));
        assert_eq!(Lexicon::number("000"), None);
        assert_eq!(Lexicon::number("05"), None);
    }

    #[test]
    fn amounts_do_not_start_in_a_name() {
        let lx = Lexicon::builtin().unwrap();
        let found = |t: &str| lx.amounts_in(t).map(|c| c[0].to_string()).collect::<Vec<_>>();
        assert_eq!(found("Severe COVID-19 — 6 mg orally"), ["6 mg"]);
        assert_eq!(found("IL-6 levels; 2-4 mg daily"), ["2-4 mg"]);
        assert_eq!(found("1,000 mg then 5 to 10 mg"), ["1,000 mg", "5 to 10 mg"]);
    }

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

    /// The anchored walk must find exactly what an unanchored overlapping
    /// search filtered by word boundaries found before it.
    #[test]
    fn scan_equals_overlapping_search_with_boundary_filter() {
        let lx = Lexicon::builtin().unwrap();
        let mut forms = Vec::new();
        for (id, table) in lx.tables.iter().enumerate() {
            for (r, row) in table.rows.iter().enumerate() {
                let label_only = row.attr("match") == Some("synonyms");
                forms.extend(
                    (!label_only).then_some(&row.canonical).into_iter().chain(&row.synonyms).map(|f| (f, id, r)),
                );
            }
        }
        let reference = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(forms.iter().map(|(f, _, _)| f.as_str()))
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
                    let (_, table, row) = forms[m.pattern().as_usize()];
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

    /// Jumping between the bytes forms start with finds what stepping
    /// through every word finds, for every table and cuttable subset.
    #[test]
    fn walk_by_start_bytes_equals_walk_through_every_word() {
        let lx = Lexicon::builtin().unwrap();
        let texts = [
            "Give IV (iv) or i.v. at 0.5 mg/kg; t\u{bd} 2.5 h. Nausea-and-vomiting, [St. John's wort. St. John\u{2019}s wort",
            "caf\u{e9}st. john's wort st. john's wortst. john's wort; Q: A: q. (q)",
            include_str!("../input/000_f02998dc7b20cd23.txt"),
            include_str!("../input/003_f99d0e9ae0aaf4b6.txt"),
        ];
        let mut sparse = 0;
        let tables = 0..lx.names.len();
        let terms = tables.clone().filter_map(|t| lx.table_terms(t)).chain(tables.filter_map(|t| lx.cuttable_terms(t)));
        for terms in terms {
            sparse += usize::from(terms.starts.len() <= 3);
            for text in texts {
                let (mut want, mut got) = (Vec::new(), Vec::new());
                walk(terms, text.as_bytes(), &mut want);
                walk_starts(terms, text.as_bytes(), &mut got);
                want.sort();
                got.sort();
                assert_eq!(got, want);
            }
        }
        assert!(sparse > 0);
    }

    #[test]
    fn an_overview_phrase_gives_way_to_the_topic_of_the_heading() {
        let lx = Lexicon::builtin().unwrap();
        assert_eq!(lx.classify_heading("What is lisinopril used for?"), Some(SectionKind::Uses));
        assert_eq!(lx.classify_heading("Understanding its mechanism of action"), Some(SectionKind::Mechanism));
        assert_eq!(lx.classify_heading("What is Lisinopril?"), Some(SectionKind::Overview));
        assert_eq!(lx.classify_heading("Side effects and dosage"), Some(SectionKind::SideEffects));
    }

    #[test]
    fn every_section_kind_in_the_heading_table_is_known() {
        let lx = Lexicon::builtin().unwrap();
        for row in lx.table(lx.id("sections")).rows() {
            assert!(SectionKind::from_name(&row.canonical).is_some(), "{}", row.canonical);
        }
    }
}
