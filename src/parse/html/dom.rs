//! html5ever's tree as a flat list of open, close and text events, walked
//! with an explicit cursor (no recursion, so depth is no concern), and what
//! each element's subtree holds, for decisions that depend on content.

use scraper::Html;
use scraper::node::Element;

/// One step of a document-order walk over the DOM.
pub(super) enum Event<'a> {
    Open(&'a Element),
    Close,
    Text(&'a str),
}

/// Walks the DOM in document order with an explicit cursor (no recursion,
/// so depth is no concern) into a flat list of events.
pub(super) fn flatten(html: &Html) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    let root = html.tree.root();
    let mut node = root;
    'walk: loop {
        let descend = match node.value() {
            scraper::Node::Element(el) => {
                events.push(Event::Open(el));
                true
            }
            scraper::Node::Text(text) => {
                events.push(Event::Text(text));
                false
            }
            // A template's contents hang under a fragment node.
            scraper::Node::Document | scraper::Node::Fragment => true,
            _ => false,
        };
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        loop {
            if node.value().is_element() {
                events.push(Event::Close);
            }
            if node == root {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    events
}

/// Subtree holds an `<h1>`.
pub(super) const HAS_H1: u8 = 1;

/// Subtree holds any heading.
pub(super) const HAS_HEADING: u8 = 2;

/// Subtree holds a table.
pub(super) const HAS_TABLE: u8 = 4;

/// Subtree holds `<main>` or `<article>`.
pub(super) const HAS_MAIN: u8 = 8;

/// For every event, what the descendants of an opened element hold; computed
/// in one backward pass so decisions that depend on content (layout tables,
/// page-wrapping forms) cost no extra walks.
pub(super) fn subtree_flags(events: &[Event<'_>]) -> Vec<u8> {
    let mut inner = vec![0u8; events.len()];
    let mut acc: Vec<u8> = vec![0];
    for (i, event) in events.iter().enumerate().rev() {
        match event {
            Event::Close => acc.push(0),
            Event::Text(_) => {}
            Event::Open(el) => {
                let below = acc.pop().unwrap_or(0);
                if let Some(slot) = inner.get_mut(i) {
                    *slot = below;
                }
                let own = match el.name() {
                    "h1" => HAS_H1 | HAS_HEADING,
                    "h2" | "h3" | "h4" | "h5" | "h6" => HAS_HEADING,
                    "table" => HAS_TABLE,
                    "main" | "article" => HAS_MAIN,
                    _ => 0,
                };
                if let Some(top) = acc.last_mut() {
                    *top |= below | own;
                }
            }
        }
    }
    inner
}

/// The value of `el`'s attribute `name` (no namespace), like
/// `Element::attr` but without interning `name` first: elements have few
/// attributes, and comparing their names is cheaper.
pub(super) fn attr<'e>(el: &'e Element, name: &str) -> Option<&'e str> {
    el.attrs.iter().find(|(q, _)| q.ns.is_empty() && &*q.local == name).map(|(_, v)| &**v)
}
