//! The pass that holds a parsed outline to the structural limits of
//! [`crate::limits`]: headings and blocks per document, items per list,
//! rows per table and cells per row, and bytes of text per block.

use super::{Node, Parsed};
use crate::limits::{MAX_BLOCK_BYTES, MAX_BLOCKS, MAX_LIST_ITEMS};
use crate::model::{Block, Cell, Text};

/// Applies [`MAX_BLOCKS`], [`MAX_LIST_ITEMS`] and [`MAX_BLOCK_BYTES`] to a
/// parsed outline, adding one warning per limit reached. Spans stay exact:
/// a cut text is a prefix of the original, mapped like any other slice.
pub(super) fn bound(parsed: &mut Parsed) {
    if parsed.nodes.len() > MAX_BLOCKS {
        parsed
            .warnings
            .push(format!("limit: {} headings and blocks, only the first {MAX_BLOCKS} were read", parsed.nodes.len()));
        parsed.nodes.truncate(MAX_BLOCKS);
    }
    if parsed.debris.len() > MAX_BLOCKS {
        parsed.warnings.push(format!(
            "limit: {} pieces of debris, only the first {MAX_BLOCKS} were recorded",
            parsed.debris.len()
        ));
        parsed.debris.truncate(MAX_BLOCKS);
    }

    let mut longest_list = 0usize;
    let mut run = 0usize;
    parsed.nodes.retain(|node| {
        run = if matches!(node, Node::Block(Block::ListItem { .. })) { run + 1 } else { 0 };
        longest_list = longest_list.max(run);
        run <= MAX_LIST_ITEMS
    });
    if longest_list > MAX_LIST_ITEMS {
        parsed
            .warnings
            .push(format!("limit: a list of {longest_list} items, only the first {MAX_LIST_ITEMS} were read"));
    }

    let mut widest = 0usize;
    let mut longest_text = 0usize;
    for node in &mut parsed.nodes {
        match node {
            Node::Heading(h) => {
                if let Some(len) = cut(&mut h.text) {
                    longest_text = longest_text.max(len);
                    h.span = h.text.span();
                }
            }
            Node::Block(Block::Paragraph { text, span, line: _ } | Block::ListItem { text, span, .. }) => {
                if let Some(len) = cut(text) {
                    longest_text = longest_text.max(len);
                    *span = text.span();
                }
            }
            Node::Block(Block::Table { header, rows, .. }) => {
                widest = widest.max(rows.len());
                rows.truncate(MAX_LIST_ITEMS);
                for row in std::iter::once(header).chain(rows.iter_mut()) {
                    widest = widest.max(row.len());
                    row.truncate(MAX_LIST_ITEMS);
                    for cell in row.iter_mut() {
                        if let Some(len) = cut_cell(cell) {
                            longest_text = longest_text.max(len);
                        }
                    }
                }
            }
        }
    }
    if widest > MAX_LIST_ITEMS {
        parsed.warnings.push(format!(
            "limit: a table with {widest} rows or cells in a row, only the first {MAX_LIST_ITEMS} were read"
        ));
    }
    if longest_text > MAX_BLOCK_BYTES {
        parsed.warnings.push(format!(
            "limit: a block of {longest_text} bytes of text, only the first {MAX_BLOCK_BYTES} bytes were read"
        ));
    }
}

/// Cuts `text` to [`MAX_BLOCK_BYTES`] at a character boundary; returns its
/// original length when it was cut.
fn cut(text: &mut Text) -> Option<usize> {
    let len = text.as_str().len();
    if len <= MAX_BLOCK_BYTES {
        return None;
    }
    let end = text.as_str().floor_char_boundary(MAX_BLOCK_BYTES);
    *text = text.slice(0..end).trimmed();
    Some(len)
}

fn cut_cell(cell: &mut Cell) -> Option<usize> {
    let len = cut(&mut cell.text)?;
    cell.span = cell.text.span();
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn item(i: usize) -> Node {
        let text = Text::verbatim("x", i);
        Node::Block(Block::ListItem { span: text.span(), text, line: 1, level: 1 })
    }

    #[test]
    fn long_lists_are_cut_with_one_warning() {
        let mut parsed = Parsed { nodes: (0..MAX_LIST_ITEMS + 5).map(item).collect(), ..Parsed::default() };
        bound(&mut parsed);
        assert_eq!(parsed.nodes.len(), MAX_LIST_ITEMS);
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    }

    #[test]
    fn long_texts_are_cut_on_a_character_boundary() {
        let src = "é".repeat(MAX_BLOCK_BYTES);
        let text = Text::verbatim(&src, 10);
        let mut parsed = Parsed {
            nodes: vec![Node::Block(Block::Paragraph { span: text.span(), text, line: 1 })],
            ..Parsed::default()
        };
        bound(&mut parsed);
        let Node::Block(Block::Paragraph { text, span, .. }) = &parsed.nodes[0] else { panic!() };
        assert_eq!(text.as_str().len(), MAX_BLOCK_BYTES);
        assert_eq!(*span, Span::new(10, 10 + MAX_BLOCK_BYTES));
        assert_eq!(parsed.warnings.len(), 1);
    }

    #[test]
    fn small_documents_are_untouched() {
        let mut parsed = Parsed { nodes: (0..10).map(item).collect(), ..Parsed::default() };
        let before = parsed.clone();
        bound(&mut parsed);
        assert_eq!(parsed, before);
    }
}
