//! Span alignment shared by the markup parsers (HTML, SPL XML): decoding
//! character references and building a [`Text`] whose every plain byte maps
//! back to raw bytes of the file, with whitespace collapsed the way a
//! browser renders it.

use crate::model::{Span, Text};

// ---------------------------------------------------------------------------
// Character references.

/// Named character references, sorted by name (byte order) for binary
/// search: every legacy name html5ever accepts without `;` (flag `true`),
/// every name that decodes to whitespace, and the common typographic, Greek
/// and mathematical ones. A name missing here is still decoded, by reading
/// html5ever's text (see `Source::align`).
/// Values from the WHATWG table (`entities.json`), via Python's `html.entities`.
#[rustfmt::skip]
pub(super) const ENTITIES: &[(&str, u32, bool)] = &[
    ("AElig", 0x00C6, true), ("AMP", 0x0026, true), ("Aacute", 0x00C1, true),
    ("Acirc", 0x00C2, true), ("Agrave", 0x00C0, true), ("Alpha", 0x0391, false),
    ("Aring", 0x00C5, true), ("Atilde", 0x00C3, true), ("Auml", 0x00C4, true),
    ("Beta", 0x0392, false), ("COPY", 0x00A9, true), ("Ccedil", 0x00C7, true),
    ("Chi", 0x03A7, false), ("Dagger", 0x2021, false), ("Delta", 0x0394, false),
    ("ETH", 0x00D0, true), ("Eacute", 0x00C9, true), ("Ecirc", 0x00CA, true),
    ("Egrave", 0x00C8, true), ("Epsilon", 0x0395, false), ("Eta", 0x0397, false),
    ("Euml", 0x00CB, true), ("GT", 0x003E, true), ("Gamma", 0x0393, false),
    ("Iacute", 0x00CD, true), ("Icirc", 0x00CE, true), ("Igrave", 0x00CC, true),
    ("Iota", 0x0399, false), ("Iuml", 0x00CF, true), ("Kappa", 0x039A, false),
    ("LT", 0x003C, true), ("Lambda", 0x039B, false), ("Mu", 0x039C, false),
    ("NewLine", 0x000A, false), ("NonBreakingSpace", 0x00A0, false), ("Ntilde", 0x00D1, true),
    ("Nu", 0x039D, false), ("OElig", 0x0152, false), ("Oacute", 0x00D3, true),
    ("Ocirc", 0x00D4, true), ("Ograve", 0x00D2, true), ("Omega", 0x03A9, false),
    ("Omicron", 0x039F, false), ("Oslash", 0x00D8, true), ("Otilde", 0x00D5, true),
    ("Ouml", 0x00D6, true), ("Phi", 0x03A6, false), ("Pi", 0x03A0, false),
    ("Prime", 0x2033, false), ("Psi", 0x03A8, false), ("QUOT", 0x0022, true),
    ("REG", 0x00AE, true), ("Rho", 0x03A1, false), ("Scaron", 0x0160, false),
    ("Sigma", 0x03A3, false), ("THORN", 0x00DE, true), ("Tab", 0x0009, false),
    ("Tau", 0x03A4, false), ("Theta", 0x0398, false), ("Uacute", 0x00DA, true),
    ("Ucirc", 0x00DB, true), ("Ugrave", 0x00D9, true), ("Upsilon", 0x03A5, false),
    ("Uuml", 0x00DC, true), ("Xi", 0x039E, false), ("Yacute", 0x00DD, true),
    ("Yuml", 0x0178, false), ("Zeta", 0x0396, false), ("aacute", 0x00E1, true),
    ("acirc", 0x00E2, true), ("acute", 0x00B4, true), ("aelig", 0x00E6, true),
    ("agrave", 0x00E0, true), ("alpha", 0x03B1, false), ("amp", 0x0026, true),
    ("and", 0x2227, false), ("ang", 0x2220, false), ("apos", 0x0027, false),
    ("aring", 0x00E5, true), ("asymp", 0x2248, false), ("atilde", 0x00E3, true),
    ("auml", 0x00E4, true), ("bdquo", 0x201E, false), ("beta", 0x03B2, false),
    ("brvbar", 0x00A6, true), ("bull", 0x2022, false), ("cap", 0x2229, false),
    ("ccedil", 0x00E7, true), ("cedil", 0x00B8, true), ("cent", 0x00A2, true),
    ("chi", 0x03C7, false), ("circ", 0x02C6, false), ("copy", 0x00A9, true),
    ("cup", 0x222A, false), ("curren", 0x00A4, true), ("dArr", 0x21D3, false),
    ("dagger", 0x2020, false), ("darr", 0x2193, false), ("dash", 0x2010, false),
    ("deg", 0x00B0, true), ("delta", 0x03B4, false), ("divide", 0x00F7, true),
    ("eacute", 0x00E9, true), ("ecirc", 0x00EA, true), ("egrave", 0x00E8, true),
    ("empty", 0x2205, false), ("emsp", 0x2003, false), ("ensp", 0x2002, false),
    ("epsilon", 0x03B5, false), ("equiv", 0x2261, false), ("eta", 0x03B7, false),
    ("eth", 0x00F0, true), ("euml", 0x00EB, true), ("euro", 0x20AC, false),
    ("exist", 0x2203, false), ("fnof", 0x0192, false), ("forall", 0x2200, false),
    ("frac12", 0x00BD, true), ("frac14", 0x00BC, true), ("frac34", 0x00BE, true),
    ("frasl", 0x2044, false), ("gamma", 0x03B3, false), ("ge", 0x2265, false),
    ("gt", 0x003E, true), ("hArr", 0x21D4, false), ("half", 0x00BD, false),
    ("harr", 0x2194, false), ("hellip", 0x2026, false), ("hyphen", 0x2010, false),
    ("iacute", 0x00ED, true), ("icirc", 0x00EE, true), ("iexcl", 0x00A1, true),
    ("igrave", 0x00EC, true), ("infin", 0x221E, false), ("int", 0x222B, false),
    ("iota", 0x03B9, false), ("iquest", 0x00BF, true), ("isin", 0x2208, false),
    ("iuml", 0x00EF, true), ("kappa", 0x03BA, false), ("lArr", 0x21D0, false),
    ("lambda", 0x03BB, false), ("lang", 0x27E8, false), ("laquo", 0x00AB, true),
    ("larr", 0x2190, false), ("lceil", 0x2308, false), ("ldquo", 0x201C, false),
    ("le", 0x2264, false), ("lfloor", 0x230A, false), ("lowast", 0x2217, false),
    ("loz", 0x25CA, false), ("lrm", 0x200E, false), ("lsaquo", 0x2039, false),
    ("lsquo", 0x2018, false), ("lt", 0x003C, true), ("macr", 0x00AF, true),
    ("mdash", 0x2014, false), ("micro", 0x00B5, true), ("middot", 0x00B7, true),
    ("minus", 0x2212, false), ("mu", 0x03BC, false), ("nabla", 0x2207, false),
    ("nbsp", 0x00A0, true), ("ndash", 0x2013, false), ("ne", 0x2260, false),
    ("ni", 0x220B, false), ("not", 0x00AC, true), ("notin", 0x2209, false),
    ("ntilde", 0x00F1, true), ("nu", 0x03BD, false), ("oacute", 0x00F3, true),
    ("ocirc", 0x00F4, true), ("oelig", 0x0153, false), ("ograve", 0x00F2, true),
    ("oline", 0x203E, false), ("omega", 0x03C9, false), ("omicron", 0x03BF, false),
    ("oplus", 0x2295, false), ("or", 0x2228, false), ("ordf", 0x00AA, true),
    ("ordm", 0x00BA, true), ("oslash", 0x00F8, true), ("otilde", 0x00F5, true),
    ("otimes", 0x2297, false), ("ouml", 0x00F6, true), ("para", 0x00B6, true),
    ("part", 0x2202, false), ("permil", 0x2030, false), ("perp", 0x22A5, false),
    ("phi", 0x03C6, false), ("pi", 0x03C0, false), ("piv", 0x03D6, false),
    ("plusmn", 0x00B1, true), ("pound", 0x00A3, true), ("prime", 0x2032, false),
    ("prod", 0x220F, false), ("prop", 0x221D, false), ("psi", 0x03C8, false),
    ("quot", 0x0022, true), ("rArr", 0x21D2, false), ("radic", 0x221A, false),
    ("rang", 0x27E9, false), ("raquo", 0x00BB, true), ("rarr", 0x2192, false),
    ("rceil", 0x2309, false), ("rdquo", 0x201D, false), ("reg", 0x00AE, true),
    ("rfloor", 0x230B, false), ("rho", 0x03C1, false), ("rlm", 0x200F, false),
    ("rsaquo", 0x203A, false), ("rsquo", 0x2019, false), ("sbquo", 0x201A, false),
    ("scaron", 0x0161, false), ("sdot", 0x22C5, false), ("sect", 0x00A7, true),
    ("shy", 0x00AD, true), ("sigma", 0x03C3, false), ("sigmaf", 0x03C2, false),
    ("sim", 0x223C, false), ("sub", 0x2282, false), ("sube", 0x2286, false),
    ("sum", 0x2211, false), ("sup", 0x2283, false), ("sup1", 0x00B9, true),
    ("sup2", 0x00B2, true), ("sup3", 0x00B3, true), ("supe", 0x2287, false),
    ("szlig", 0x00DF, true), ("tau", 0x03C4, false), ("there4", 0x2234, false),
    ("theta", 0x03B8, false), ("thetasym", 0x03D1, false), ("thinsp", 0x2009, false),
    ("thorn", 0x00FE, true), ("tilde", 0x02DC, false), ("times", 0x00D7, true),
    ("trade", 0x2122, false), ("uArr", 0x21D1, false), ("uacute", 0x00FA, true),
    ("uarr", 0x2191, false), ("ucirc", 0x00FB, true), ("ugrave", 0x00F9, true),
    ("uml", 0x00A8, true), ("upsilon", 0x03C5, false), ("uuml", 0x00FC, true),
    ("weierp", 0x2118, false), ("xi", 0x03BE, false), ("yacute", 0x00FD, true),
    ("yen", 0x00A5, true), ("yuml", 0x00FF, true), ("zeta", 0x03B6, false),
    ("zwj", 0x200D, false), ("zwnj", 0x200C, false),
];

/// What numeric references 0x80–0x9F decode to (Windows-1252, HTML §13.2.5.80).
#[rustfmt::skip]
pub(super) const C1_REPLACEMENTS: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// Looks a reference name up: its code point and whether it is legacy.
pub(super) fn entity(name: &[u8]) -> Option<(u32, bool)> {
    ENTITIES
        .binary_search_by(|(n, _, _)| n.as_bytes().cmp(name))
        .ok()
        .and_then(|i| ENTITIES.get(i))
        .map(|&(_, cp, legacy)| (cp, legacy))
}

/// Decodes the character reference at the start of `s` (which starts with
/// `&`) as html5ever does in text: returns its length in bytes and the
/// character, or `None` when it is not one this table knows.
pub(super) fn decode_ref(s: &[u8]) -> Option<(usize, char)> {
    if s.get(1) == Some(&b'#') {
        let hex = matches!(s.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let mut j = start;
        let mut value: u32 = 0;
        while let Some(d) = s.get(j).and_then(|&c| (c as char).to_digit(if hex { 16 } else { 10 })) {
            value = value.saturating_mul(if hex { 16 } else { 10 }).saturating_add(d).min(0x11_0000);
            j += 1;
        }
        if j == start {
            return None;
        }
        if s.get(j) == Some(&b';') {
            j += 1;
        }
        let cp = match value {
            0 => 0xFFFD,
            0x80..=0x9F => C1_REPLACEMENTS.get((value - 0x80) as usize).copied().unwrap_or(value),
            v => v,
        };
        return Some((j, char::from_u32(cp).unwrap_or('\u{FFFD}')));
    }
    let name_len = s.get(1..)?.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    let name = s.get(1..1 + name_len)?;
    if s.get(1 + name_len) == Some(&b';')
        && let Some((cp, _)) = entity(name)
    {
        return Some((name_len + 2, char::from_u32(cp)?));
    }
    // Legacy names match as a prefix without `;` ("&copy2024" is "©2024").
    (2..=name_len.min(6)).rev().find_map(|len| match entity(name.get(..len)?) {
        Some((cp, true)) => Some((len + 1, char::from_u32(cp)?)),
        _ => None,
    })
}

/// Length of a named-reference-shaped `&name;` at the start of `s`.
pub(super) fn named_ref_len(s: &[u8]) -> Option<usize> {
    let name_len = s.get(1..)?.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    Some(1 + name_len + usize::from(s.get(1 + name_len) == Some(&b';')))
}

/// Whitespace for collapsing. A no-break space counts: extractors want
/// "200&nbsp;mg" to read "200 mg".
pub(super) fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0c}' | '\u{a0}')
}

/// Characters that render as nothing and would split words for matching.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

// ---------------------------------------------------------------------------
// Text building.

/// What goes between the text so far and the next piece.
#[derive(Clone, Copy, Debug, Default)]
pub(super) enum Pending {
    #[default]
    None,
    /// One space: raw whitespace, or a block boundary with no bytes.
    Space(Option<Span>),
    /// A fixed separator (the `: ` between a term and its description).
    Sep(&'static str),
}

/// Builds a [`Text`] from aligned atoms: collapses whitespace, trims both
/// ends, and merges adjacent verbatim bytes into one piece.
#[derive(Debug, Default)]
pub(super) struct TextBuilder {
    text: Text,
    verbatim: Option<Span>,
    pending: Pending,
}

impl TextBuilder {
    /// A builder that goes on from `text`.
    pub(super) fn seeded(text: Text) -> TextBuilder {
        TextBuilder { text, ..TextBuilder::default() }
    }

    /// Whether any plain text has been pushed.
    pub(super) fn has_content(&self) -> bool {
        self.verbatim.is_some() || !self.text.is_empty()
    }

    /// Raw bytes that are their own plain text.
    pub(super) fn verbatim(&mut self, src: &str, span: Span) {
        self.flush_pending(src);
        self.extend_verbatim(src, span);
    }

    /// Adds `span` to the open verbatim piece when it follows on, else starts one.
    pub(super) fn extend_verbatim(&mut self, src: &str, span: Span) {
        match &mut self.verbatim {
            Some(v) if v.end == span.start => v.end = span.end,
            _ => {
                self.flush_verbatim(src);
                self.verbatim = Some(span);
            }
        }
    }

    /// Decoded text (a character reference) standing for the bytes `raw`.
    pub(super) fn decoded(&mut self, src: &str, plain: &str, raw: Span) {
        self.flush_pending(src);
        self.flush_verbatim(src);
        self.text.push_decoded(plain, raw);
    }

    /// Whitespace from the source; dropped at the start, kept pending inside.
    pub(super) fn blank(&mut self, raw: Option<Span>) {
        if !self.has_content() {
            return;
        }
        self.pending = match self.pending {
            Pending::None | Pending::Space(None) => Pending::Space(raw),
            other => other,
        };
    }

    /// A block boundary inside the text (a `<br>`, a `<p>` in a list item).
    pub(super) fn boundary(&mut self) {
        if self.has_content() && matches!(self.pending, Pending::None) {
            self.pending = Pending::Space(None);
        }
    }

    /// A fixed separator before the next text, if any follows.
    pub(super) fn separator(&mut self, sep: &'static str) {
        if self.has_content() {
            self.pending = Pending::Sep(sep);
        }
    }

    /// Writes the pending space or separator, now that text follows it.
    pub(super) fn flush_pending(&mut self, src: &str) {
        match std::mem::take(&mut self.pending) {
            Pending::None => {}
            // A single literal space stays verbatim, so ordinary prose
            // becomes one piece.
            Pending::Space(Some(raw)) if src.get(raw.start..raw.end) == Some(" ") => {
                self.extend_verbatim(src, raw);
            }
            Pending::Space(Some(raw)) => {
                self.flush_verbatim(src);
                self.text.push_decoded(" ", raw);
            }
            Pending::Space(None) => {
                self.flush_verbatim(src);
                self.text.push_separator(" ");
            }
            Pending::Sep(sep) => {
                self.flush_verbatim(src);
                self.text.push_separator(sep);
            }
        }
    }

    /// Writes the open verbatim piece.
    pub(super) fn flush_verbatim(&mut self, src: &str) {
        if let Some(v) = self.verbatim.take()
            && let Some(raw) = src.get(v.start..v.end)
        {
            self.text.push_verbatim(raw, v.start);
        }
    }

    /// The finished text; pending trailing whitespace is dropped.
    pub(super) fn finish(mut self, src: &str) -> Text {
        self.flush_verbatim(src);
        self.text
    }
}
