//! Limits that keep the memory and time one input can cost bounded, in one
//! place. Each is applied where the work happens; the structural ones by
//! the last pass of the parse stage (`src/parse/bounds.rs`), so this module
//! depends on no stage.
//!
//! Scraped pages can hold anything: a megabyte on one line, a list of a
//! million items, markup nested a hundred thousand levels deep. Every limit
//! here is generous for real documents and turns into a warning in the
//! manifest when a file reaches it: the file is still read up to the limit,
//! never refused and never a panic. Limits apply per input file.

/// Default `--max-bytes`: files larger than this are skipped before they are
/// read (16 MiB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest element nesting handed to the HTML tree builder. html5ever scans
/// its stack of open elements on every block start tag, so 100,000 nested
/// `<div>`s would take minutes; tags below this depth are ignored (their
/// text is kept).
pub const MAX_HTML_DEPTH: usize = 512;

/// Most YAML events read from a front-matter block. Aliases are never
/// expanded, so this bounds the work even for "billion laughs" documents.
pub const MAX_FRONT_MATTER_EVENTS: usize = 10_000;

/// Most headings plus blocks read from one document; the rest of the
/// document is ignored. The same number bounds the debris recorded.
pub const MAX_BLOCKS: usize = 50_000;

/// Most list items read from one list (a run of items with nothing else
/// between them), rows read from one table, and cells read from one row.
pub const MAX_LIST_ITEMS: usize = 10_000;

/// Longest text, in bytes, of one heading, paragraph, list item or table
/// cell. A single line of a megabyte becomes one block, cut to this length
/// at a character boundary, so no extractor ever sees more at once.
pub const MAX_BLOCK_BYTES: usize = 64 * 1024;

/// Most claims kept from one document, in output order.
pub const MAX_CLAIMS: usize = 20_000;
