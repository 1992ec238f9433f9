//! openFDA drug/label JSON: a label record, an array of records, an API
//! response (`results`), or JSON Lines of records.
//!
//! `serde_json` checks the file (a malformed file is an error with its line
//! and column); a scanner of our own then walks the same bytes to find
//! where every string literal is, since evidence must point into the file.
//! A literal's escapes (`\n`, `\u2022`, `\"`) are decoded for the text, and
//! each decoded character maps back to its whole escape, so any span of the
//! text maps to raw bytes inside the literal that never cut an escape.
//!
//! Each section key (`indications_and_usage`, `adverse_reactions`, …) is a
//! section whose kind `label_sections.tsv` gives. Its strings are split on
//! their decoded newlines: a numbered line (`1.1 Rheumatoid Arthritis`), a
//! short question or an all-capitals line is a heading one level below the
//! key; a `•` line a list item; a run of rows with the same number of short
//! cells (how openFDA flattens a table) a table; any other line a
//! paragraph. `openfda.generic_name`, `brand_name`, `manufacturer_name`
//! (the labeler), `route`, `product_ndc`, `substance_name` and the record's
//! `set_id`, `version`, `effective_time` go to [`LabelMeta`].

use std::ops::Range;

use super::{Node, ParseError, Parsed, label_kind, label_section};
use crate::lexicon::Lexicon;
use crate::model::{Block, Cell, Heading, LabelMeta, LineIndex, SectionKind, Span, Text};

/// Longest line, in bytes, that can be a heading.
const MAX_HEADING_BYTES: usize = 100;

/// Longest line, in bytes, that can be a table cell.
const MAX_CELL_BYTES: usize = 150;

/// Fewest rows of equal width that make a flattened table.
const MIN_TABLE_ROWS: usize = 3;

/// Keys that hold data about the record, not label text.
const DATA_KEYS: &[&str] = &["effective_time", "id", "openfda", "set_id", "version"];

/// A JSON value with the raw span of every string literal's content.
enum Json {
    Object(Vec<(Span, Json)>),
    Array(Vec<Json>),
    /// The bytes between the quotes.
    Str(Span),
    Other,
}

/// Parses an openFDA label file.
pub(crate) fn parse(src: &str, lx: &Lexicon) -> Result<Parsed, ParseError> {
    for value in serde_json::Deserializer::from_str(src).into_iter::<serde::de::IgnoredAny>() {
        if let Err(e) = value {
            return Err(ParseError::Json { line: e.line(), column: e.column(), msg: e.to_string() });
        }
    }
    let mut scanner = Scanner { b: src.as_bytes(), i: 0 };
    let mut values = Vec::new();
    loop {
        scanner.ws();
        if scanner.i >= src.len() {
            break;
        }
        values.push(scanner.value());
    }
    let mut records = Vec::new();
    for v in &values {
        collect_records(src, v, lx, &mut records);
    }
    if records.is_empty() {
        return Err(ParseError::NotALabel);
    }
    let mut p = Builder { src, lx, lines: LineIndex::new(src.as_bytes()), out: Parsed::default() };
    let mut label = LabelMeta::default();
    for record in records {
        p.record(record, &mut label);
    }
    if p.out.meta.title.is_none() {
        p.out.meta.title = label.brand_names.first().or(label.generic_names.first()).cloned();
    }
    p.out.meta.label = (label != LabelMeta::default()).then_some(label);
    Ok(p.out)
}

/// Label records in `v`: itself, the items of an array, or the `results`
/// of an API response.
fn collect_records<'v>(src: &str, v: &'v Json, lx: &Lexicon, out: &mut Vec<&'v [(Span, Json)]>) {
    match v {
        Json::Array(items) => items.iter().for_each(|item| collect_records(src, item, lx, out)),
        Json::Object(fields) => {
            let is_record = fields.iter().any(|(k, _)| {
                let key = &src[k.start..k.end];
                key == "openfda" || key == "set_id" || label_section(lx, key).is_some()
            });
            if is_record {
                out.push(fields);
            } else if let Some((_, results)) = fields.iter().find(|(k, _)| &src[k.start..k.end] == "results") {
                collect_records(src, results, lx, out);
            }
        }
        _ => {}
    }
}

struct Scanner<'s> {
    b: &'s [u8],
    i: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.b.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    /// Reads one value. The input was validated by `serde_json`, so the
    /// scanner only needs to be right on valid JSON (and stops on anything
    /// else without looping).
    fn value(&mut self) -> Json {
        self.ws();
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut fields = Vec::new();
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b'"') => {
                            let key = self.string();
                            self.ws();
                            if self.b.get(self.i) == Some(&b':') {
                                self.i += 1;
                            }
                            let v = self.value();
                            fields.push((key, v));
                        }
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        _ => {
                            self.i = self.b.len();
                            break;
                        }
                    }
                }
                Json::Object(fields)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        Some(_) => items.push(self.value()),
                        None => break,
                    }
                }
                Json::Array(items)
            }
            Some(b'"') => Json::Str(self.string()),
            Some(_) => {
                while self.b.get(self.i).is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace()) {
                    self.i += 1;
                }
                Json::Other
            }
            None => Json::Other,
        }
    }

    /// Reads a string literal; returns the span of its content.
    fn string(&mut self) -> Span {
        self.i += 1;
        let start = self.i;
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'\\' => self.i += 2,
                b'"' => break,
                _ => self.i += 1,
            }
        }
        let end = self.i.min(self.b.len());
        self.i = end + 1;
        Span::new(start, end)
    }
}

/// Decodes the JSON string content at `raw` into a [`Text`] that maps every
/// decoded character to its raw bytes (an escape maps to all of it).
pub(crate) fn decode(src: &str, raw: Span) -> Text {
    let mut text = Text::new();
    let s = &src[raw.start..raw.end];
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        text.push_verbatim(&s[run..i], raw.start + run);
        let (ch, len) = escape(&b[i..]);
        text.push_decoded(ch.encode_utf8(&mut [0; 4]), Span::new(raw.start + i, raw.start + i + len));
        i += len;
        run = i;
    }
    text.push_verbatim(&s[run..], raw.start + run);
    text
}

/// The JSON string content `raw` decoded (what a quote's text is for this
/// format); `None` when it is not valid string content.
pub(crate) fn decode_literal(raw: &str) -> Option<String> {
    serde_json::from_str::<String>(&format!("\"{raw}\"")).ok()
}

/// The character an escape at the start of `b` stands for, and its length.
fn escape(b: &[u8]) -> (char, usize) {
    let hex = |at: usize| -> Option<u32> {
        let digits = std::str::from_utf8(b.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    match b.get(1) {
        Some(b'n') => ('\n', 2),
        Some(b't') => ('\t', 2),
        Some(b'r') => ('\r', 2),
        Some(b'b') => ('\u{8}', 2),
        Some(b'f') => ('\u{c}', 2),
        Some(b'u') => match hex(2) {
            Some(hi @ 0xD800..=0xDBFF) => match (b.get(6..8), hex(8)) {
                (Some(b"\\u"), Some(lo @ 0xDC00..=0xDFFF)) => {
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    (char::from_u32(cp).unwrap_or('\u{FFFD}'), 12)
                }
                _ => ('\u{FFFD}', 6),
            },
            Some(cp) => (char::from_u32(cp).unwrap_or('\u{FFFD}'), 6),
            None => ('\u{FFFD}', 2),
        },
        Some(&c) if c.is_ascii() => (c as char, 2),
        _ => ('\u{FFFD}', 1),
    }
}

struct Builder<'s> {
    src: &'s str,
    lx: &'s Lexicon,
    lines: LineIndex,
    out: Parsed,
}

impl Builder<'_> {
    fn record(&mut self, fields: &[(Span, Json)], label: &mut LabelMeta) {
        let src = self.src;
        for (key_span, value) in fields {
            let key = &src[key_span.start..key_span.end];
            match (key, value) {
                ("openfda", Json::Object(data)) => self.openfda(data, label),
                ("set_id", Json::Str(s)) => {
                    label.set_id.get_or_insert_with(|| self.plain(*s));
                }
                ("version", Json::Str(s)) => {
                    label.version.get_or_insert_with(|| self.plain(*s));
                }
                ("effective_time", Json::Str(s)) => {
                    label.effective_date.get_or_insert_with(|| self.plain(*s));
                }
                _ if DATA_KEYS.contains(&key) || key.ends_with("_table") => {}
                (_, Json::Str(_)) => self.section(*key_span, key, std::slice::from_ref(value).iter()),
                (_, Json::Array(items)) => self.section(*key_span, key, items.iter()),
                _ => {}
            }
        }
    }

    fn plain(&self, raw: Span) -> String {
        decode(self.src, raw).as_str().trim().to_string()
    }

    fn openfda(&mut self, data: &[(Span, Json)], label: &mut LabelMeta) {
        for (k, v) in data {
            // The labeler is one organization: the first name given.
            if &self.src[k.start..k.end] == "manufacturer_name" {
                let first = match v {
                    Json::Array(items) => items.first(),
                    other => Some(other),
                };
                if let (None, Some(Json::Str(s))) = (&label.labeler, first) {
                    label.labeler = Some(decode(self.src, *s).as_str().trim().to_string());
                }
                continue;
            }
            let list = match &self.src[k.start..k.end] {
                "generic_name" => &mut label.generic_names,
                "brand_name" => &mut label.brand_names,
                "route" => &mut label.routes,
                "product_ndc" | "package_ndc" => &mut label.ndcs,
                "substance_name" => &mut label.active_ingredients,
                "dosage_form" => &mut label.dosage_forms,
                _ => continue,
            };
            let items: Vec<&Json> = match v {
                Json::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            for item in items {
                if let Json::Str(s) = item {
                    LabelMeta::add(list, decode(self.src, *s).as_str());
                }
            }
        }
    }

    /// One section key and its strings.
    fn section<'j>(&mut self, key_span: Span, key: &str, items: impl Iterator<Item = &'j Json>) {
        let row = label_section(self.lx, key);
        let kind = row.and_then(label_kind);
        if let Some(flag) = row.and_then(|r| r.attr("flag")) {
            self.out.meta.flags.push(flag.to_string());
        }
        for item in items {
            let Json::Str(raw) = item else { continue };
            let text = decode(self.src, *raw);
            if text.as_str().trim().is_empty() {
                continue;
            }
            // Each string is a section of its own (`spl_unclassified` holds
            // one per unclassified SPL section), so each opens with a heading:
            // otherwise its text would sit under the previous string's last
            // subheading and take its context (a dose tray under "Plaque
            // Psoriasis").
            let mut first = true;
            self.string(&text, key_span, kind, &mut first);
        }
    }

    /// The blocks of one decoded string.
    fn string(&mut self, text: &Text, key_span: Span, kind: Option<SectionKind>, first: &mut bool) {
        let rows = groups(text.as_str());
        let mut g = 0;
        while g < rows.len() {
            let width = rows[g].len();
            let run = rows[g..].iter().take_while(|r| r.len() == width && is_cell_row(text.as_str(), r)).count();
            if width >= 2 && run >= MIN_TABLE_ROWS && !*first {
                // The last row may run on into a footnote after one empty line.
                let tail = rows.get(g + run).filter(|r| {
                    r.len() > width
                        && is_cell_row(text.as_str(), &r[..width])
                        && text.as_str()[..r[width].start].ends_with("\n\n")
                });
                let body: Vec<&[Range<usize>]> =
                    rows[g..g + run].iter().map(Vec::as_slice).chain(tail.map(|r| &r[..width])).collect();
                let cells: Vec<Vec<Cell>> = body
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|range| {
                                let t = text.slice(range.clone()).trimmed();
                                let span = if t.is_empty() {
                                    let at = text.raw_span(range.clone()).start;
                                    Span::new(at, at)
                                } else {
                                    t.span()
                                };
                                Cell { text: t, span }
                            })
                            .collect()
                    })
                    .collect();
                let start = cells.iter().flatten().map(|c| c.span.start).min().unwrap_or(0);
                let end = cells.iter().flatten().map(|c| c.span.end).max().unwrap_or(start);
                let block = super::table::block(Vec::new(), cells, Span::new(start, end), self.lines.line(start));
                self.out.nodes.push(Node::Block(block));
                g += run;
                if let Some(rest) = tail {
                    for range in &rest[width..] {
                        self.line(text.slice(range.clone()).trimmed(), key_span, kind, first);
                    }
                    g += 1;
                }
                continue;
            }
            for range in &rows[g] {
                self.line(text.slice(range.clone()).trimmed(), key_span, kind, first);
            }
            g += 1;
        }
    }

    /// One line: a heading, a list item or a paragraph.
    fn line(&mut self, text: Text, key_span: Span, kind: Option<SectionKind>, first: &mut bool) {
        if text.is_empty() {
            return;
        }
        let level = heading_level(text.as_str());
        if *first {
            *first = false;
            // The section's own heading: its first line when that is a
            // title, else the key itself.
            if level.is_some() {
                self.heading(text, 2, kind);
                return;
            }
            self.heading(decode(self.src, key_span), 2, kind);
        } else if let Some(level) = level {
            self.heading(text, level, None);
            return;
        }
        let span = text.span();
        let line = self.lines.line(span.start);
        let s = text.as_str();
        if let Some(rest) = s.strip_prefix('•') {
            let body = text.slice(s.len() - rest.len()..s.len()).trimmed();
            if !body.is_empty() {
                let span = body.span();
                self.out.nodes.push(Node::Block(Block::ListItem { text: body, span, line, level: 1 }));
            }
            return;
        }
        self.out.nodes.push(Node::Block(Block::Paragraph { text, span, line }));
    }

    fn heading(&mut self, text: Text, level: u8, kind: Option<SectionKind>) {
        let span = text.span();
        let line = self.lines.line(span.start);
        self.out.nodes.push(Node::Heading(Heading { level, text, span, line, kind }));
    }
}

/// The lines of `s` in groups: a group ends at two or more empty lines in a
/// row (how openFDA ends a table row); empty lines are dropped.
fn groups(s: &str) -> Vec<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut group: Vec<Range<usize>> = Vec::new();
    let mut empty_run = 0;
    let mut at = 0;
    for line in s.split('\n') {
        let range = at..at + line.len();
        at = range.end + 1;
        if line.is_empty() {
            empty_run += 1;
            continue;
        }
        if empty_run >= 2 && !group.is_empty() {
            out.push(std::mem::take(&mut group));
        }
        empty_run = 0;
        group.push(range);
    }
    if !group.is_empty() {
        out.push(group);
    }
    out
}

/// Every line of the group is short enough to be a table cell.
fn is_cell_row(s: &str, row: &[Range<usize>]) -> bool {
    row.iter().all(|r| s[r.clone()].trim().len() <= MAX_CELL_BYTES)
}

/// The heading level of a title line, if it is one: a numbered title
/// (`5.1 Serious Infections`: one level per number, below the key's) or a
/// short all-capitals line. A question is not one: SPL and HTML labels set
/// a medication guide's questions as bold paragraphs, and the same label
/// must give the same sections in every format.
fn heading_level(line: &str) -> Option<u8> {
    let t = line.trim();
    if t.is_empty() || t.len() > MAX_HEADING_BYTES || t.ends_with(['.', ',', ';', ':']) {
        return None;
    }
    let number_len = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let number = &t[..number_len];
    let after = t[number_len..].trim_start();
    if !number.is_empty()
        && number.starts_with(|c: char| c.is_ascii_digit())
        && t[number_len..].starts_with(' ')
        && after.starts_with(|c: char| c.is_uppercase())
    {
        let depth = number.trim_end_matches('.').matches('.').count();
        return Some(u8::try_from(depth + 2).unwrap_or(u8::MAX));
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 4 && !t.chars().any(char::is_lowercase) && t.split_whitespace().count() >= 2).then_some(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx() -> Lexicon {
        Lexicon::builtin().expect("lexicon")
    }

    #[test]
    fn escapes_decode_and_spans_stay_exact() {
        let src = r#"{"indications_and_usage": ["1 INDICATIONS\n\n\u2022 pain \"severe\"\nFor fever."]}"#;
        let p = parse(src, &lx()).expect("parses");
        let texts: Vec<(String, String)> = p
            .nodes
            .iter()
            .map(|n| match n {
                Node::Heading(h) => (format!("h{}", h.level), h.text.as_str().to_string()),
                Node::Block(b) => match b {
                    Block::Paragraph { text, .. } => ("p".into(), text.as_str().to_string()),
                    Block::ListItem { text, .. } => ("li".into(), text.as_str().to_string()),
                    Block::Table { .. } => ("table".into(), String::new()),
                },
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("h2".to_string(), "1 INDICATIONS".to_string()),
                ("li".into(), "pain \"severe\"".into()),
                ("p".into(), "For fever.".into())
            ]
        );
        let Node::Block(Block::ListItem { text, span, .. }) = &p.nodes[1] else { panic!() };
        assert_eq!(&src[span.start..span.end], r#"pain \"severe\""#);
        assert_eq!(decode_literal(&src[span.start..span.end]).as_deref(), Some(text.as_str()));
        let Node::Heading(h) = &p.nodes[0] else { panic!() };
        assert_eq!(h.kind, Some(SectionKind::Uses));
    }

    #[test]
    fn openfda_names_the_product_and_its_labeler() {
        let src = r#"{"indications_and_usage": ["For pain."], "openfda": {"brand_name": ["Brandol"],
            "generic_name": ["GENERICOL"], "manufacturer_name": ["Acme Labs, Inc.", "Other Co"]}}"#;
        let p = parse(src, &lx()).expect("parses");
        let label = p.meta.label.expect("label");
        assert_eq!(label.brand_names, ["Brandol"]);
        assert_eq!(label.generic_names, ["GENERICOL"]);
        assert_eq!(label.labeler.as_deref(), Some("Acme Labs, Inc."));
    }

    #[test]
    fn surrogate_pairs_map_to_the_whole_escape() {
        let src = r#"x\ud83d\ude00y"#;
        let t = decode(src, Span::new(0, src.len()));
        assert_eq!(t.as_str(), "x😀y");
        assert_eq!(t.raw_span(1..5), Span::new(1, 13));
    }

    #[test]
    fn flattened_tables_become_tables() {
        let s = "\u{a0}\nDrug\nPlacebo\n\n\n\u{a0}\n(N=5)\n(N=6)\n\n\nNausea\n9%\n8%\n\n\nRash\n3%\n1%";
        assert_eq!(groups(s).len(), 4);
        assert!(groups(s).iter().all(|g| g.len() == 3));
    }

    #[test]
    fn errors_name_line_and_column_or_what_is_missing() {
        let err = parse("{\n  \"indications_and_usage\": [\"x\",]\n}", &lx()).unwrap_err();
        assert!(err.to_string().starts_with("malformed JSON at line 2, column "), "{err}");
        assert!(matches!(parse(r#"{"a": 1}"#, &lx()), Err(ParseError::NotALabel)));
        let lines = "{\"indications_and_usage\": [\"A\"]}\n{\"contraindications\": [\"B\"]}\n";
        // Each record: the key as heading ("A" is no title), then its text.
        assert_eq!(parse(lines, &lx()).expect("json lines").nodes.len(), 4);
    }

    #[test]
    fn heading_lines() {
        assert_eq!(heading_level("1.1 Rheumatoid Arthritis"), Some(3));
        assert_eq!(heading_level("6 ADVERSE REACTIONS"), Some(2));
        assert_eq!(heading_level("What is the most important information?"), None);
        assert_eq!(heading_level("40 mg every other week"), None);
        assert_eq!(heading_level("Nausea"), None);
        assert_eq!(heading_level("HUMIRA"), None);
    }
}
