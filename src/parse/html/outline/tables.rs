//! Tables in the outline. A table that holds headings or tables, or is
//! marked presentational, lays out the page: its cells are containers (see
//! `Builder::open_kind`). Any other table is data: its rows and cells are
//! filed here and emitted as one table block when it closes.

use super::Builder;
use crate::model::{Block, Cell, Span, Text};
use crate::parse::Node;

/// An open table.
#[derive(Debug, Default)]
pub(super) struct TableState {
    /// A table used for page layout: its cells are containers, not data.
    pub(super) layout: bool,
    pub(super) header: Vec<Cell>,
    pub(super) rows: Vec<Vec<Cell>>,
    pub(super) row: Option<RowState>,
    pub(super) in_head: usize,
}

/// An open table row.
#[derive(Debug)]
pub(super) struct RowState {
    pub(super) cells: Vec<Cell>,
    pub(super) all_th: bool,
    pub(super) head: bool,
}

impl Builder<'_> {
    /// Files a cell in the open row; an empty cell keeps its column, with an
    /// empty span where the alignment stands.
    pub(super) fn add_cell(&mut self, text: Text, th: bool) {
        let span = if text.is_empty() { Span::new(self.consumed, self.consumed) } else { text.span() };
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let head = table.in_head > 0;
        let row = table.row.get_or_insert_with(|| RowState { cells: Vec::new(), all_th: true, head });
        row.all_th &= th;
        row.cells.push(Cell { text, span });
    }

    /// Files the open row as the header (a `<thead>` row, or a first row of
    /// `<th>` cells) or as a data row.
    pub(super) fn finish_row(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = table.row.take() else {
            return;
        };
        if row.cells.is_empty() {
            return;
        }
        if table.header.is_empty() && table.rows.is_empty() && (row.head || row.all_th) {
            table.header = row.cells;
        } else {
            table.rows.push(row.cells);
        }
    }

    /// Emits a table spanning its first to its last cell with text.
    pub(super) fn emit_table(&mut self, table: TableState) {
        let cells = || table.header.iter().chain(table.rows.iter().flatten()).filter(|c| !c.text.is_empty());
        let (Some(first), Some(last)) = (cells().next(), cells().next_back()) else {
            return;
        };
        let span = Span::new(first.span.start, last.span.end.max(first.span.start));
        let line = self.lines.line(span.start);
        self.nodes.push(Node::Block(Block::Table { header: table.header, rows: table.rows, span, line }));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Block;
    use crate::parse::Node;
    use crate::parse::html::tests::{outline, parse_checked, raw};

    #[test]
    fn table_header_and_rows() {
        let src = "<table><thead><tr><th>Route</th><th>Dose</th></tr></thead>\
                   <tbody><tr><td>Oral</td><td>200-400 mg every 4-6 hours</td></tr>\
                   <tr><td>IV</td><td></td></tr></tbody></table>\
                   <table><tr><th>Age</th><th>Dose</th></tr><tr><td>child</td><td>5-10 mg/kg</td></tr></table>\
                   <table><tr><td>a</td><td><ul><li>b</li><li>c</li></ul></td></tr></table>";
        let parsed = parse_checked(src);
        assert_eq!(
            outline(&parsed),
            [
                "table: [Route | Dose] [Oral | 200-400 mg every 4-6 hours] [IV | ]",
                "table: [Age | Dose] [child | 5-10 mg/kg]",
                "table: [] [a | b c]",
            ]
        );
        let Some(Node::Block(Block::Table { span, rows, .. })) = parsed.nodes.first() else { panic!() };
        // From the first cell with text to the last one ("IV"; the empty cell
        // after it has no text to point at).
        assert_eq!(
            raw(src, *span),
            "Route</th><th>Dose</th></tr></thead><tbody><tr><td>Oral</td><td>200-400 mg every 4-6 hours</td></tr><tr><td>IV"
        );
        assert_eq!(raw(src, rows[0][1].span), "200-400 mg every 4-6 hours");
    }

    #[test]
    fn layout_tables_are_containers() {
        let src = "<table><tr><td><h2>Uses</h2><p>Pain.</p></td><td>Sidebar</td></tr></table>";
        assert_eq!(outline(&parse_checked(src)), ["h2: Uses", "p: Pain.", "p: Sidebar"]);
    }
}
