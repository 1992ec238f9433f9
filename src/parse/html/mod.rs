//! HTML parsing: turns a web page into a flat outline of headings and blocks
//! whose text maps byte for byte back to the raw markup (SPEC §1, §3).
//!
//! Structure comes from `scraper` (html5ever), which recovers from broken
//! markup the way a browser does but throws source positions away. Positions
//! come from a forward scanner of our own that finds every text run between
//! tags. The two are joined by aligning html5ever's text nodes, in document
//! order, with the scanner's runs, so the plain text of every block is built
//! from raw byte ranges (verbatim runs, decoded character references,
//! collapsed whitespace) and never from html5ever's copy alone.
//!
//! This stage owns: dropping markup that carries no content (scripts, styles,
//! navigation, the page header and footer, forms, cookie banners) as debris;
//! the outline of headings, paragraphs, list items and tables; and the title.
//! It must not classify headings into sections or judge wording (disclaimers,
//! debris phrases): the sections stage does that for every format alike. It
//! never panics on input, and it never recurses over the DOM: a text node it
//! cannot place in the source is skipped with a warning.
//!
//! Its parts, in the order a page goes through them:
//!
//! - [`scan`]: the forward scanner that finds every text run and tag in the
//!   raw bytes, and the copy of the page html5ever is given;
//! - [`dom`]: html5ever's tree as a flat list of open, close and text events;
//! - [`alignment`]: placing one DOM text node in the scanner's runs;
//! - [`outline`]: the walk over those events that builds headings, blocks
//!   and tables ([`outline::tables`]) and records dropped markup as debris
//!   ([`outline::debris`]).

mod alignment;
mod dom;
mod outline;
mod scan;
#[cfg(test)]
mod tests;

use scraper::Html;

use super::Parsed;
use dom::{Event, flatten, subtree_flags};
use outline::Builder;
use scan::scan;

/// Parses an HTML page. `src` is the whole file; every span is a byte range
/// of it.
pub(crate) fn parse(src: &str) -> Parsed {
    let scan = scan(src);
    let input = scan.parser_input(src);
    let html = Html::parse_document(&input);
    let events = flatten(&html);
    let inner = subtree_flags(&events);
    let mut builder = Builder::new(src, &scan);
    for (event, flags) in events.iter().zip(inner) {
        match event {
            Event::Open(el) => builder.open(el, flags),
            Event::Close => builder.close(),
            Event::Text(text) => builder.text(text),
        }
    }
    let mut parsed = builder.finish();
    let mut warnings = scan.warnings;
    warnings.append(&mut parsed.warnings);
    parsed.warnings = warnings;
    parsed
}
