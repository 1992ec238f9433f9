//! What each HTML element is to the outline: transparent inline markup, a
//! container of blocks, a block of text, or part of a list or a table.

/// What an element is to the outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Transparent markup (`a`, `b`, `span`, unknown elements).
    Inline,
    /// `<br>`: a space, or between paragraphs of loose text when doubled.
    Break,
    /// `<hr>`.
    Rule,
    /// A block that holds other blocks; loose text in it is a paragraph.
    Container,
    /// `<article>`/`<main>`: a container inside which a `<header>` or
    /// `<footer>` belongs to the content, not to the page.
    Article,
    /// `<p>`, `<pre>` and other blocks of running text.
    Paragraph,
    /// `<h1>`–`<h6>`.
    Heading(u8),
    /// `<ul>`, `<ol>`, `<menu>`.
    List,
    /// `<dl>`.
    DescList,
    /// `<li>`.
    Item,
    /// `<dt>`.
    Term,
    /// `<dd>`.
    Desc,
    /// `<table>`.
    Table,
    /// `<caption>`: a paragraph before its table.
    Caption,
    /// `<thead>` (`head`), `<tbody>`, `<tfoot>`.
    RowGroup { head: bool },
    /// `<tr>`.
    Row,
    /// `<td>`, or `<th>` (`th`).
    Cell { th: bool },
    /// `<head>`: only its `<title>` is read.
    Head,
    /// `<title>`.
    Title,
}

impl Role {
    /// The role of the HTML element `name` (lower case, as html5ever gives it).
    pub(super) fn of(name: &str) -> Role {
        match name {
            "h1" => Role::Heading(1),
            "h2" => Role::Heading(2),
            "h3" => Role::Heading(3),
            "h4" => Role::Heading(4),
            "h5" => Role::Heading(5),
            "h6" => Role::Heading(6),
            "p" | "pre" | "address" | "figcaption" | "summary" | "legend" | "listing" | "xmp" | "plaintext" => {
                Role::Paragraph
            }
            "ul" | "ol" | "menu" | "dir" => Role::List,
            "dl" => Role::DescList,
            "li" => Role::Item,
            "dt" => Role::Term,
            "dd" => Role::Desc,
            "table" => Role::Table,
            "caption" => Role::Caption,
            "thead" => Role::RowGroup { head: true },
            "tbody" | "tfoot" => Role::RowGroup { head: false },
            "tr" => Role::Row,
            "td" => Role::Cell { th: false },
            "th" => Role::Cell { th: true },
            "article" | "main" => Role::Article,
            "html" | "body" | "div" | "section" | "blockquote" | "figure" | "details" | "center" | "fieldset"
            | "hgroup" | "search" | "dialog" | "header" | "footer" | "nav" | "aside" | "form" | "frameset"
            | "noframes" | "optgroup" | "option" => Role::Container,
            "br" => Role::Break,
            "hr" => Role::Rule,
            "head" => Role::Head,
            "title" => Role::Title,
            _ => Role::Inline,
        }
    }

    /// Block-level: starts and ends a line of rendered text.
    pub(super) fn is_block(self) -> bool {
        !matches!(self, Role::Inline | Role::Break | Role::Title)
    }
}
