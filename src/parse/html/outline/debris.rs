//! Page chrome: markup that carries no content (scripts, styles,
//! navigation, the page header and footer, forms, cookie banners, hidden
//! elements) is dropped with everything in it and recorded as debris that
//! spans its start tag to its end tag (SPEC §1).

use scraper::node::Element;

use super::Builder;
use crate::model::{Debris, DebrisKind, Span};
use crate::parse::html::dom::{HAS_H1, HAS_HEADING, HAS_MAIN, attr};
use crate::parse::html::scan::{Tag, VOID};

/// How many tags past the last aligned text a dropped element's start tag is
/// looked for; implied elements (`<tbody>`, `<html>`) have none.
const TAG_LOOKAHEAD: usize = 64;

/// How many tags are walked to find a dropped element's end tag.
const END_TAG_SCAN: usize = 4096;

/// Longest debris label kept, in bytes.
const LABEL_MAX: usize = 80;

/// Where a dropped element starts.
#[derive(Debug)]
pub(super) struct DropStart {
    pub(super) name: String,
    pub(super) label: String,
    /// Index of its start tag in the scanner's tags
    /// ([`Scan::tags`](crate::parse::html::scan::Scan::tags)), when found.
    pub(super) tag: Option<usize>,
    /// End of the last aligned text when it opened.
    pub(super) from: usize,
}

impl Builder<'_> {
    /// Whether to drop `el` with its content (SPEC §1: scripts, styles, nav,
    /// header, footer, cookie banners).
    pub(super) fn drops(&self, el: &Element, name: &str, inner: u8) -> bool {
        let page_level = self.in_article == 0;
        match name {
            "script" | "style" | "noscript" | "template" | "nav" | "aside" | "iframe" | "svg" | "button" | "select"
            | "textarea" => return true,
            // ASP.NET pages wrap the whole page in one form; a form holding
            // headings or the main content is not a widget.
            "form" => return inner & (HAS_HEADING | HAS_MAIN) == 0,
            // An article's own header often holds its <h1>.
            "header" | "footer" => return page_level,
            "html" | "head" | "body" | "main" | "article" | "title" => return false,
            _ => {}
        }
        if attr(el, "hidden").is_some()
            || attr(el, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        {
            return true;
        }
        if let Some(role) = attr(el, "role") {
            let role = role.trim();
            if role.eq_ignore_ascii_case("navigation")
                || (page_level && (role.eq_ignore_ascii_case("banner") || role.eq_ignore_ascii_case("contentinfo")))
            {
                return true;
            }
        }
        // A class or id never drops what wraps the page's <h1> or main
        // content ("hero-banner", a "has-cookie-bar" page wrapper). Inside an
        // article "consent" and "banner" name content too ("informed-consent"),
        // so there only the unambiguous words count.
        if inner & (HAS_H1 | HAS_MAIN) != 0 {
            return false;
        }
        [el.id(), attr(el, "class")].into_iter().flatten().any(|v| {
            contains_ci(v, "cookie")
                || contains_ci(v, "gdpr")
                || (page_level && (contains_ci(v, "consent") || contains_ci(v, "banner")))
        })
    }

    /// The start tag of an element being dropped: the first tag of that name
    /// after the text aligned so far and the last tag used, preferring one
    /// whose markup holds the element's id or first class.
    pub(super) fn find_start_tag(&self, el: &Element, name: &str) -> Option<usize> {
        let from = self.tags.partition_point(|t| t.span.start < self.consumed).max(self.next_tag);
        let to = self.tags.len().min(from + TAG_LOOKAHEAD);
        let named = |i: &usize| self.tags.get(*i).is_some_and(|t| !t.end_tag && self.tag_is(t, name));
        let marked = el.id().or_else(|| el.classes().next()).and_then(|marker| {
            (from..to).filter(named).find(|&i| {
                self.tags
                    .get(i)
                    .and_then(|t| self.src.get(t.span.start..t.span.end))
                    .is_some_and(|raw| raw.contains(marker))
            })
        });
        marked.or_else(|| (from..to).find(named))
    }

    /// The end tag matching the start tag at `start`, counting nested tags of
    /// the same name.
    fn find_end_tag(&self, start: usize, name: &str) -> Option<usize> {
        if VOID.contains(&name) {
            return None;
        }
        let mut depth = 0usize;
        for (i, tag) in self.tags.iter().enumerate().skip(start + 1).take(END_TAG_SCAN) {
            if !self.tag_is(tag, name) {
                continue;
            }
            if !tag.end_tag {
                depth += 1;
            } else if depth == 0 {
                return Some(i);
            } else {
                depth -= 1;
            }
        }
        None
    }

    /// Whether `tag` is named `name`.
    fn tag_is(&self, tag: &Tag, name: &str) -> bool {
        self.src.get(tag.name.start..tag.name.end).is_some_and(|n| n.eq_ignore_ascii_case(name))
    }

    /// Records a dropped element, from its start tag to its end tag when both
    /// are found, else over the text it held.
    pub(super) fn record_debris(&mut self, start: DropStart) {
        let span = match start.tag.and_then(|i| self.tags.get(i).map(|t| (i, t.span))) {
            Some((i, open)) => {
                let close = self.find_end_tag(i, &start.name);
                if let Some(close) = close {
                    self.next_tag = self.next_tag.max(close + 1);
                }
                let end = close.and_then(|c| self.tags.get(c)).map_or(open.end, |c| c.span.end);
                Span::new(open.start, end.max(self.consumed).max(open.end))
            }
            None => Span::new(start.from, self.consumed.max(start.from)),
        };
        let line = self.lines.line(span.start);
        self.debris.push(Debris { kind: DebrisKind::Markup, text: start.label, span, line });
    }
}

/// A short name for dropped markup: `div#cookie-notice.cookie-banner`.
pub(super) fn label(el: &Element) -> String {
    let mut s = el.name().to_owned();
    if let Some(id) = el.id() {
        s.push('#');
        s.push_str(id);
    }
    for class in el.classes().take(2) {
        s.push('.');
        s.push_str(class);
    }
    if s.len() > LABEL_MAX {
        let mut cut = LABEL_MAX;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// ASCII-case-insensitive substring test, without allocating.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use crate::model::DebrisKind;
    use crate::parse::html::tests::{outline, parse_checked, raw};

    #[test]
    fn script_holding_closing_p_is_dropped() {
        let src = "<body><p>Before</p><script>var s = \"</p><p>Nausea</p>\"; if (a < b) {}</script><p>After</p></body>";
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["p: Before", "p: After"]);
        let [d] = parsed.debris.as_slice() else { panic!("{:?}", parsed.debris) };
        assert_eq!(d.kind, DebrisKind::Markup);
        assert_eq!(d.text, "script");
        assert!(raw(src, d.span).starts_with("<script>") && raw(src, d.span).ends_with("</script>"));
    }

    #[test]
    fn cookie_banner_and_chrome_are_dropped() {
        let src = r#"<body>
<div id="gdpr" class="Cookie-Consent"><h2>We value your privacy</h2><p>We use cookies.</p><button>OK</button></div>
<div role="navigation"><a href="/">Home</a></div>
<header><h1>Site name</h1></header>
<span aria-hidden="true">★</span>
<main><article><header><h1>Metformin</h1></header>
<section id="informed-consent"><p>Discuss risks before starting.</p></section>
<footer>Reviewed 2024</footer></article></main>
<footer>© 2024</footer>
</body>"#;
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["h1: Metformin", "p: Discuss risks before starting.", "p: Reviewed 2024"]);
        let labels: Vec<&str> = parsed.debris.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(labels, ["div#gdpr.Cookie-Consent", "div", "header", "span", "footer"]);
        assert_eq!(parsed.meta.title.as_deref(), Some("Metformin"));
    }

    #[test]
    fn class_rules_spare_what_wraps_the_page() {
        let src = r#"<div class="hero-banner"><h1>Naproxen</h1></div>
<div id="page" class="has-cookie-bar"><main><p>Body text.</p></main></div>
<div class="site-banner"><p>Free delivery</p></div>"#;
        let parsed = parse_checked(src);
        assert_eq!(outline(&parsed), ["h1: Naproxen", "p: Body text."]);
        assert_eq!(parsed.debris.len(), 1);
    }
}
