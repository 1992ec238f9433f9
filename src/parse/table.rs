//! Tables shared by the parsers of every format: building one table block
//! from header rows and body rows, and finding the header rows of a table
//! that marks none (SPL and DailyMed tables often put them in the body).
//!
//! A row becomes one unit per cell downstream, each with its column header
//! as context, so an incidence table keeps the drug's rate and the
//! comparator's rate apart.

use crate::model::{Block, Cell, Span, Text};

/// Most leading body rows taken as header rows of a table without a marked
/// header: a column title, a count line (`(N=705)`), a unit line.
const MAX_IMPLIED_HEADER_ROWS: usize = 3;

/// A table block from its header rows and body rows. Header rows are merged
/// column by column (`HUMIRA 40 mg` over `(N=705)` gives one header
/// `HUMIRA 40 mg (N=705)`); without header rows, the leading body rows whose
/// first cell is empty while another is not are the header (a stub column's
/// empty corner). Rows that hold no text at all are dropped.
pub(crate) fn block(header_rows: Vec<Vec<Cell>>, mut rows: Vec<Vec<Cell>>, span: Span, line: usize) -> Block {
    rows.retain(|row| row.iter().any(|c| !c.text.as_str().trim().is_empty()));
    let mut header_rows: Vec<Vec<Cell>> =
        header_rows.into_iter().filter(|row| row.iter().any(|c| !c.text.as_str().trim().is_empty())).collect();
    if header_rows.is_empty() {
        let implied = rows.iter().take(MAX_IMPLIED_HEADER_ROWS).take_while(|row| is_corner_row(row)).count();
        // A table that is all such rows has no body to head.
        if implied < rows.len() {
            header_rows = rows.drain(..implied).collect();
        }
    }
    Block::Table { header: merge(&header_rows), rows, span, line }
}

/// A row whose first cell is empty and some other cell is not.
fn is_corner_row(row: &[Cell]) -> bool {
    row.len() >= 2
        && row[0].text.as_str().trim().is_empty()
        && row[1..].iter().any(|c| !c.text.as_str().trim().is_empty())
}

/// One header cell per column: the non-empty texts of that column in every
/// header row, joined by a space.
fn merge(header_rows: &[Vec<Cell>]) -> Vec<Cell> {
    match header_rows {
        [] => Vec::new(),
        [one] => one.clone(),
        _ => {
            let width = header_rows.iter().map(Vec::len).max().unwrap_or(0);
            (0..width)
                .map(|c| {
                    let mut text = Text::new();
                    for cell in header_rows.iter().filter_map(|row| row.get(c)) {
                        if cell.text.as_str().trim().is_empty() {
                            continue;
                        }
                        if !text.is_empty() {
                            text.push_separator(" ");
                        }
                        text.append(&cell.text);
                    }
                    let span = if text.is_empty() {
                        header_rows.iter().find_map(|row| row.get(c)).map_or_else(Span::default, |cell| cell.span)
                    } else {
                        text.span()
                    };
                    Cell { text, span }
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(s: &str, at: usize) -> Cell {
        let text = Text::verbatim(s, at);
        Cell { span: if s.is_empty() { Span::new(at, at) } else { text.span() }, text }
    }

    fn texts(cells: &[Cell]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn corner_rows_become_one_merged_header() {
        let rows = vec![
            vec![cell("", 0), cell("Drug 40 mg", 10), cell("Placebo", 30)],
            vec![cell("", 40), cell("(N=705)", 50), cell("(N=690)", 60)],
            vec![cell("Nausea", 70), cell("9%", 80), cell("8%", 90)],
        ];
        let Block::Table { header, rows, .. } = block(Vec::new(), rows, Span::new(0, 100), 1) else { panic!() };
        assert_eq!(texts(&header), ["", "Drug 40 mg (N=705)", "Placebo (N=690)"]);
        assert_eq!(header[1].span, Span::new(10, 57));
        assert_eq!(rows.len(), 1);
        assert_eq!(texts(&rows[0]), ["Nausea", "9%", "8%"]);
    }

    #[test]
    fn a_table_with_its_first_column_filled_has_no_implied_header() {
        let rows = vec![vec![cell("Dose", 0), cell("40 mg", 10)], vec![cell("Route", 20), cell("oral", 30)]];
        let Block::Table { header, rows, .. } = block(Vec::new(), rows, Span::new(0, 40), 1) else { panic!() };
        assert!(header.is_empty());
        assert_eq!(rows.len(), 2);
    }
}
