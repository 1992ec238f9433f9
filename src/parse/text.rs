//! Plain-text parser for scraped prose: a title line, unmarked heading
//! lines, bullet and numbered items (also inline runs such as
//! `1. Label: • body 2. Label: • body`), flattened tables whose cells are
//! separated only by spaces, and paragraphs.
//!
//! Text has no markup, so every piece of every block is verbatim. The only
//! vocabulary used here is the table-column list, to recognise a flattened
//! table header; headings are found by shape, not by meaning.

use std::sync::LazyLock;

use regex::Regex;

use super::{Node, Parsed};
use crate::lexicon::Lexicon;
use crate::model::{Block, Cell, Heading, LineIndex, Span, Text};

/// Longest line that can still be a heading.
const MAX_HEADING_BYTES: usize = 120;
/// Lines of at most this many words before the title are page debris, not content.
const MAX_FRAGMENT_WORDS: usize = 5;
/// Most words a heading may have.
const MAX_HEADING_WORDS: usize = 14;

static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?:[•·▪◦●‣∙]|[-*–](?:\s|$))\s*").unwrap());
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\d{1,3}[.)]\s*").unwrap());
/// A numbered section heading of a label or report: "2 DOSAGE AND
/// ADMINISTRATION", "2.2 Heterozygous Familial Hypercholesterolemia in
/// Pediatric Patients". Group 1 is the number.
static SECTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\p{Lu}").unwrap());
/// `N.` followed by a capital letter: a candidate item start in an inline run.
static INLINE_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,2})\.\s?\p{Lu}").unwrap());
/// A full calendar date: `2020-05-01`, `May 1, 2020`, `1 May 2020`.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";
    Regex::new(&format!(
        r"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{month}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{month}\s+\d{{4}})\b"
    ))
    .unwrap()
});

/// A number that starts a dose cell of a flattened table.
static DOSE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bup to\s+)?\b(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:[-–]\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*)?(?:mg|mcg|µg|g|ml|units?)\b|\bdoses?\b")
        .unwrap()
});

/// One physical line: its text without the line break, and its start.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Parses a plain-text document.
pub(crate) fn parse(src: &str, lx: &Lexicon) -> Parsed {
    let index = LineIndex::new(src.as_bytes());
    let lines = split_lines(src);
    // Per-line properties, each computed once: a line is looked at as
    // itself and again as the body after a candidate heading.
    let blank: Vec<bool> = lines.iter().map(Line::is_blank).collect();
    let mut next_body = vec![None; lines.len()];
    let mut after = None;
    for k in (0..lines.len()).rev() {
        next_body[k] = after;
        if !blank[k] {
            after = Some(k);
        }
    }
    let mut heading_cache: Vec<Option<bool>> = vec![None; lines.len()];
    let mut heading_like = |k: usize| *heading_cache[k].get_or_insert_with(|| looks_like_heading(lines[k].text));
    let mut out = Parsed::default();
    let mut i = 0;
    let mut seen_content = false;
    let mut para: Option<Text> = None;

    let flush = |para: &mut Option<Text>, out: &mut Parsed| {
        if let Some(t) = para.take() {
            push_paragraph(out, t, &index);
        }
    };

    while i < lines.len() {
        let line = lines[i];
        if blank[i] {
            flush(&mut para, &mut out);
            i += 1;
            continue;
        }

        // A title or heading underlined with `=` or `-` (setext style): the
        // underline is markup, not content. So is a short first line set
        // apart by a blank line, though it is in sentence case
        // ("Esketamine drug monograph"): the byline below it is no title.
        let underlined =
            para.is_none() && lines.get(i + 1).is_some_and(|u| is_underline(u.text)) && looks_like_title(line.text);
        let first_line_title = !seen_content
            && out.meta.title.is_none()
            && para.is_none()
            && out.nodes.is_empty()
            && blank.get(i + 1) == Some(&true)
            && next_body[i].is_some()
            && looks_like_title(line.text);
        if underlined || first_line_title {
            let level = if out.meta.title.is_none() && (first_line_title || lines[i + 1].text.trim().starts_with('=')) {
                1
            } else {
                2
            };
            let text = Text::verbatim(line.text, line.start).into_trimmed();
            let span = text.span();
            if level == 1 {
                out.meta.title = Some(text.as_str().to_string());
            }
            out.nodes.push(Node::Heading(Heading { level, text, span, line: index.line(span.start), kind: None }));
            seen_content = true;
            i += if underlined { 2 } else { 1 };
            continue;
        }

        if let Some(columns) = table_header(line.text, lx) {
            flush(&mut para, &mut out);
            let mut rows = Vec::new();
            let mut j = i + 1;
            while j < lines.len() && !blank[j] {
                rows.push(split_row(lines[j], &columns, lx));
                j += 1;
            }
            if !rows.is_empty() {
                let header = header_cells(line, &columns);
                push_table(&mut out, header, rows, &index);
                i = j;
                continue;
            }
        }

        // A numbered section heading opens a section even when a subsection
        // heading follows it at once; its depth is its level.
        if let Some(number) = SECTION_NUMBER.captures(line.text.trim_end()).and_then(|c| c.get(1))
            && heading_like(i)
            && para.is_none()
        {
            let depth = number.as_str().matches('.').count().min(3) as u8;
            let text = Text::verbatim(line.text, line.start).into_trimmed();
            let span = text.span();
            out.nodes.push(Node::Heading(Heading {
                level: 2 + depth,
                text,
                span,
                line: index.line(span.start),
                kind: None,
            }));
            seen_content = true;
            i += 1;
            continue;
        }

        if may_be_item(line.text)
            && let Some(m) = BULLET.find(line.text).or_else(|| NUMBERED.find(line.text))
            // "2.1 Hyperlipidemia": a section number, not item 2.
            && !line.text[m.end()..].starts_with(|c: char| c.is_ascii_digit())
        {
            flush(&mut para, &mut out);
            let indent = line.text.len() - line.text.trim_start().len();
            let text = Text::verbatim(&line.text[m.end()..], line.start + m.end()).into_trimmed();
            push_item(&mut out, text, if indent >= 8 { 2 } else { 1 }, &index);
            seen_content = true;
            i += 1;
            continue;
        }

        let is_heading = (heading_like(i) || names_a_section(line.text, lx))
            && para.is_none()
            && (!seen_content
                || next_body[i].is_some_and(|n| lines[n].text.trim_end().ends_with('?') || !heading_like(n)));
        if is_heading {
            let level = if seen_content { 2 } else { 1 };
            let text = Text::verbatim(line.text, line.start).into_trimmed();
            if !text.is_empty() {
                let span = text.span();
                out.nodes.push(Node::Heading(Heading { level, text, span, line: index.line(span.start), kind: None }));
                if level == 1 && out.meta.title.is_none() {
                    out.meta.title = Some(line.text.trim().to_string());
                }
            }
            seen_content = true;
            i += 1;
            continue;
        }

        // Prose: inline numbered runs become items, the rest joins the
        // current paragraph until a line ends a sentence. Short fragments
        // before the title do not count as content.
        if !seen_content {
            seen_content = line.text.split_whitespace().count() > MAX_FRAGMENT_WORDS;
        }
        let runs = inline_items(line.text);
        if runs.len() >= 2 {
            flush(&mut para, &mut out);
            let lead = line.text[..runs[0].start].trim();
            if !lead.is_empty() {
                push_paragraph(
                    &mut out,
                    Text::verbatim(&line.text[..runs[0].start], line.start).into_trimmed(),
                    &index,
                );
            }
            for run in runs {
                let text = item_text(&line.text[run.clone()], line.start + run.start);
                push_item(&mut out, text, 1, &index);
            }
            i += 1;
            continue;
        }
        let piece = Text::verbatim(line.text, line.start).into_trimmed();
        // A wrapped line continues the paragraph; a line that starts with a
        // capital after an unfinished one is a new block (scraped pages
        // leave fragments such as "top of page" on lines of their own).
        let continues = line.text.trim_start().starts_with(|c: char| !c.is_uppercase());
        if !continues {
            flush(&mut para, &mut out);
        }
        match para.as_mut() {
            Some(t) => {
                t.push_separator(" ");
                t.append(&piece);
            }
            None => para = Some(piece),
        }
        if ends_sentence(line.text) {
            flush(&mut para, &mut out);
        }
        i += 1;
    }
    flush(&mut para, &mut out);
    out
}

/// Splits on `\n`, `\r\n` and lone `\r`.
fn split_lines(src: &str) -> Vec<Line<'_>> {
    let bytes = src.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
        let at = start + k;
        lines.push(Line { text: &src[start..at], start });
        start = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
    }
    if start < bytes.len() {
        lines.push(Line { text: &src[start..], start });
    }
    lines
}

/// A line that is nothing but a section name ("Side effects", "Dosage:"):
/// a heading in any case.
fn names_a_section(line: &str, lx: &Lexicon) -> bool {
    let t = line.trim().trim_end_matches(':').trim_end();
    t.len() <= MAX_HEADING_BYTES && lx.find("sections", t).iter().any(|m| m.start == 0 && m.end == t.len())
}

/// `=====` or `-----` alone on a line (three or more).
fn is_underline(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// A line that can be a title in any case: two or more words, a capital
/// first, one sentence without closing punctuation, not a file name.
fn looks_like_title(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    (2..=MAX_HEADING_WORDS).contains(&words)
        && t.len() <= MAX_HEADING_BYTES
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', ':'])
        && !t.contains(". ")
        && !t.rsplit(' ').next().is_some_and(|w| w.contains('.'))
}

/// Whether the line can match [`BULLET`] or [`NUMBERED`] at all: their first
/// character after whitespace is a bullet or a digit. Skips two regex
/// searches on most lines.
fn may_be_item(line: &str) -> bool {
    line.trim_start()
        .starts_with(|c: char| matches!(c, '•' | '·' | '▪' | '◦' | '●' | '‣' | '∙' | '-' | '*' | '–') || c.is_numeric())
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', '"', '”', ')', ';'])
}

/// Short, unpunctuated, Title Case or a question. One pass over the
/// words, without collecting them.
fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > MAX_HEADING_BYTES || t.ends_with(['.', ',', ';']) {
        return false;
    }
    let (mut words, mut long, mut capital) = (0usize, 0usize, 0usize);
    let mut last = "";
    for w in t.split_whitespace() {
        words += 1;
        if words > MAX_HEADING_WORDS {
            return false;
        }
        last = w;
        // Title Case: most words of four letters or more start with a capital.
        if w.chars().filter(|c| c.is_alphabetic()).nth(3).is_some() {
            long += 1;
            if w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase) {
                capital += 1;
            }
        }
    }
    // A file name ("cover.png") is not a heading; nor is a dated byline
    // ("By Ann Lee | Updated May 1, 2020", "Ann Lee, MD - 2020-05-01").
    if last.trim_end_matches(':').contains('.') || FULL_DATE.is_match(t) {
        return false;
    }
    if t.ends_with('?') {
        return words >= 2;
    }
    if long == 0 {
        return words == 1 && t.ends_with(':') && t.chars().next().is_some_and(char::is_uppercase);
    }
    capital * 10 >= long * 7 && t.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// Byte ranges of `N. …` items when the line holds a run numbered 1, 2, 3 …
fn inline_items(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut starts = Vec::new();
    let mut expect = 1u32;
    for caps in INLINE_NUMBER.captures_iter(line) {
        let Some(num) = caps.get(1) else { continue };
        if num.as_str().parse::<u32>().ok() == Some(expect) {
            starts.push(num.start());
            expect += 1;
        }
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let mut runs = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(line.len());
        runs.push(s..end);
    }
    runs
}

/// `3. Bipolar Disorder: • Some research…` → `Bipolar Disorder: Some research…`,
/// dropping the number and the bullet but keeping offsets exact.
fn item_text(run: &str, start: usize) -> Text {
    let after_num = NUMBERED.find(run).map_or(0, |m| m.end());
    let body = &run[after_num..];
    let mut text = Text::new();
    match body.find('•') {
        Some(b) => {
            let label = Text::verbatim(&body[..b], start + after_num).into_trimmed();
            let rest_at = b + '•'.len_utf8();
            let rest = Text::verbatim(&body[rest_at..], start + after_num + rest_at).into_trimmed();
            text.append(&label);
            if !label.is_empty() && !rest.is_empty() {
                text.push_separator(" ");
            }
            text.append(&rest);
        }
        None => text = Text::verbatim(body, start + after_num).into_trimmed(),
    }
    text
}

/// A flattened-table header: the whole line is covered by known column
/// names, at least two of them. Returns the column types in order.
fn table_header(line: &str, lx: &Lexicon) -> Option<Vec<(String, std::ops::Range<usize>)>> {
    let t = line.trim_end();
    if t.len() > MAX_HEADING_BYTES || t.ends_with(['.', '?', ':']) {
        return None;
    }
    let hits = lx.find("table_columns", t);
    if hits.len() < 2 {
        return None;
    }
    let mut covered = 0;
    let mut at = 0;
    for m in &hits {
        if !t[at..m.start].trim().is_empty() {
            return None;
        }
        covered += m.end - m.start;
        at = m.end;
    }
    if !t[at..].trim().is_empty() || covered == 0 {
        return None;
    }
    Some(hits.iter().map(|m| (lx.canonical(m).to_string(), m.start..m.end)).collect())
}

fn header_cells(line: Line<'_>, columns: &[(String, std::ops::Range<usize>)]) -> Vec<Cell> {
    columns
        .iter()
        .map(|(_, r)| {
            let text = Text::verbatim(&line.text[r.clone()], line.start + r.start);
            Cell { span: text.span(), text }
        })
        .collect()
}

/// Splits a flattened row into cells by column type: a route cell is the
/// route term and what qualifies it (`Intravenous (IV) Infusion`), a dose
/// cell starts at the first amount or at the word "dose", and a use cell
/// takes what lies between.
fn split_row(line: Line<'_>, columns: &[(String, std::ops::Range<usize>)], lx: &Lexicon) -> Vec<Cell> {
    let t = line.text.trim_end();
    let lead = t.len() - t.trim_start().len();
    let mut bounds = vec![lead];
    let mut at = lead;
    for (k, (kind, _)) in columns.iter().enumerate().take(columns.len().saturating_sub(1)) {
        let next_kind = columns[k + 1].0.as_str();
        let end = match kind.as_str() {
            "route" => route_cell_end(&t[at..], lx).map(|e| at + e),
            _ => None,
        }
        .or_else(|| if next_kind == "dose" { DOSE_START.find(&t[at..]).map(|m| at + m.start()) } else { None });
        let Some(end) = end.filter(|&e| e > at && e < t.len()) else { break };
        bounds.push(end);
        at = end;
    }
    bounds.push(t.len());
    bounds
        .windows(2)
        .map(|w| {
            let text = Text::verbatim(&t[w[0]..w[1]], line.start + w[0]).into_trimmed();
            Cell { span: text.span(), text }
        })
        .filter(|c| !c.text.is_empty())
        .collect()
}

/// End of a route cell: past the route term, then any parenthesis and
/// capitalised words that qualify it, stopping at the next capitalised word
/// that follows a complete qualifier.
fn route_cell_end(s: &str, lx: &Lexicon) -> Option<usize> {
    let first = lx.find("routes", s).into_iter().next().filter(|m| s[..m.start].trim().is_empty())?;
    // `Tablets/Liquids`: the term may run on into attached characters.
    let mut at = first.end + s[first.end..].find(char::is_whitespace).unwrap_or(s.len() - first.end);
    let mut words_after = 0;
    loop {
        let rest = &s[at..];
        let trimmed = rest.trim_start();
        let ws = rest.len() - trimmed.len();
        if trimmed.starts_with('(') {
            let close = trimmed.find(')')?;
            at += ws + close + 1;
            continue;
        }
        // A form word right after the route (`Infusion`, `Tablets/Liquids`).
        let word_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if words_after == 0
            && capital
            && !word.contains([';', ','])
            && trimmed[word_end..].trim_start().starts_with(|c: char| c == '(' || c.is_uppercase())
        {
            at += ws + word_end;
            words_after += 1;
            continue;
        }
        return Some(at);
    }
}

fn push_paragraph(out: &mut Parsed, text: Text, index: &LineIndex) {
    let text = text.into_trimmed();
    if text.is_empty() {
        return;
    }
    let span = text.span();
    out.nodes.push(Node::Block(Block::Paragraph { line: index.line(span.start), text, span }));
}

fn push_item(out: &mut Parsed, text: Text, level: u8, index: &LineIndex) {
    if text.is_empty() {
        return;
    }
    let span = text.span();
    out.nodes.push(Node::Block(Block::ListItem { line: index.line(span.start), text, span, level }));
}

fn push_table(out: &mut Parsed, header: Vec<Cell>, rows: Vec<Vec<Cell>>, index: &LineIndex) {
    let start = header.first().map(|c| c.span.start).unwrap_or_default();
    let end = rows.iter().flatten().map(|c| c.span.end).max().unwrap_or(start);
    let span = Span::new(start, end.max(start));
    out.nodes.push(Node::Block(Block::Table { header, rows, span, line: index.line(start) }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx() -> Lexicon {
        Lexicon::builtin().unwrap()
    }

    fn kinds(p: &Parsed) -> Vec<String> {
        p.nodes
            .iter()
            .map(|n| match n {
                Node::Heading(h) => format!("H{} {}", h.level, h.text.as_str()),
                Node::Block(Block::Paragraph { text, .. }) => format!("P {}", text.as_str()),
                Node::Block(Block::ListItem { text, .. }) => format!("L {}", text.as_str()),
                Node::Block(Block::Table { rows, .. }) => format!("T {}", rows.len()),
            })
            .collect()
    }

    #[test]
    fn title_headings_bullets_and_paragraphs() {
        let src = "Metformin Explained | Facts\n\nMetformin lowers blood sugar.\n\nCommon Side Effects\n\n    • Nausea: often mild.\n- Diarrhea\n\nIs metformin safe?\n\nYes, for most people.\n";
        let p = parse(src, &lx());
        assert_eq!(
            kinds(&p),
            [
                "H1 Metformin Explained | Facts",
                "P Metformin lowers blood sugar.",
                "H2 Common Side Effects",
                "L Nausea: often mild.",
                "L Diarrhea",
                "H2 Is metformin safe?",
                "P Yes, for most people.",
            ]
        );
        assert_eq!(p.meta.title.as_deref(), Some("Metformin Explained | Facts"));
    }

    #[test]
    fn underlined_and_sentence_case_titles() {
        let src = "What is metformin? Uses and safety\n==================================\n\n\
                   Ann Lee, MD - 2020-05-01\n\nMetformin lowers blood sugar in type 2 diabetes.\n\n\
                   Side effects\n------------\nNausea is common.\n";
        let p = parse(src, &lx());
        assert_eq!(
            kinds(&p),
            [
                "H1 What is metformin? Uses and safety",
                "P Ann Lee, MD - 2020-05-01",
                "P Metformin lowers blood sugar in type 2 diabetes.",
                "H2 Side effects",
                "P Nausea is common.",
            ]
        );
        assert_eq!(p.meta.title.as_deref(), Some("What is metformin? Uses and safety"));

        let p =
            parse("Metformin drug monograph\n\nBy Ann Lee | Updated May 1, 2020\n\nMetformin lowers sugar.\n", &lx());
        assert_eq!(p.meta.title.as_deref(), Some("Metformin drug monograph"));
        // A lower-case fragment or a file name is no title.
        let p = parse("top of page\n\nLong Metformin cover.png\n\nMetformin Facts\n\nIt lowers sugar.\n", &lx());
        assert_eq!(p.meta.title.as_deref(), Some("Metformin Facts"));
    }

    #[test]
    fn inline_numbered_runs_become_items() {
        let src = "Uses include: 1. Pain: • relieves pain. 2.Fever: •reduces fever. 3. Swelling: • less.\n";
        let p = parse(src, &lx());
        assert_eq!(
            kinds(&p),
            ["P Uses include:", "L Pain: relieves pain.", "L Fever: reduces fever.", "L Swelling: less."]
        );
        // Offsets stay exact although the bullet was dropped.
        let Node::Block(Block::ListItem { text, .. }) = &p.nodes[2] else { panic!() };
        text.for_each_verbatim(|plain, span| assert_eq!(&src[span.start..span.end], plain));
    }

    #[test]
    fn numbered_label_sections_nest_and_are_not_items() {
        let src = "1 INDICATIONS AND USAGE\n\nTreats pain in adults.\n\n\
                   2 DOSAGE AND ADMINISTRATION\n\n2.1 Pediatric Patients\nGive 10 mg once daily.\n";
        let p = parse(src, &lx());
        let levels: Vec<(u8, &str)> = p
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Heading(h) => Some((h.level, h.text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            levels,
            [(2, "1 INDICATIONS AND USAGE"), (2, "2 DOSAGE AND ADMINISTRATION"), (3, "2.1 Pediatric Patients")]
        );
        assert!(kinds(&p).contains(&"P Give 10 mg once daily.".to_string()), "{:?}", kinds(&p));
    }

    #[test]
    fn decimals_do_not_start_inline_items() {
        let p = parse("Give 0.5 mg then 1. Rest and 2. Sleep well today\n", &lx());
        assert_eq!(p.nodes.len(), 3);
    }

    #[test]
    fn flattened_table_is_split_into_cells() {
        let src = "Administration Route Typical Use Dosage Range\nIntravenous (IV) Infusion Sepsis; pneumonia 1-2 g every 8 hours\nOral Tablets (common) Mild infections 500 mg twice daily\nOral Mild to moderate pain 325–1,000 mg every 4 to 6 hours\n\nAfter.\n";
        let p = parse(src, &lx());
        let Node::Block(Block::Table { header, rows, .. }) = &p.nodes[0] else { panic!("{:?}", kinds(&p)) };
        assert_eq!(header.len(), 3);
        let cells: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            cells,
            [
                vec!["Intravenous (IV) Infusion", "Sepsis; pneumonia", "1-2 g every 8 hours"],
                vec!["Oral Tablets (common)", "Mild infections", "500 mg twice daily"],
                // A thousands separator is inside the amount, not a cell bound.
                vec!["Oral", "Mild to moderate pain", "325–1,000 mg every 4 to 6 hours"],
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr_split_lines() {
        let p = parse("Title Line Here\r\n\r\nBody text.\rMore text.\r", &lx());
        assert_eq!(kinds(&p), ["H1 Title Line Here", "P Body text.", "P More text."]);
    }
}
