//! Extraction: turns a document's sections, items, table rows and sentences
//! into typed claims with exact evidence.
//!
//! Each claim kind has its own file; [`EXTRACTORS`] lists them in output
//! order. Extractors only read the document and the lexicon.

mod claim;
mod drug;

pub use claim::{Amount, Claim, Evidence, Frequency, Kind, Value};
pub use drug::{DrugIdentity, identify_drug};

use crate::lexicon::Lexicon;
use crate::model::Document;

/// What an extractor sees: the document, its raw text and its identity.
pub struct Source<'a> {
    /// Source id.
    pub id: &'a str,
    /// The decoded file (byte offsets equal file offsets).
    pub src: &'a str,
    /// The parsed document.
    pub doc: &'a Document,
    /// Canonical drug name of the document.
    pub drug: &'a str,
}

type Extractor = fn(&Source<'_>, &Lexicon) -> Vec<Claim>;

/// Extractors in output order.
const EXTRACTORS: &[(Kind, Extractor)] = &[];

/// Runs every extractor and numbers the claims `<source>#<n>`.
pub fn extract(source: &Source<'_>, lx: &Lexicon) -> Vec<Claim> {
    let mut claims: Vec<Claim> = EXTRACTORS.iter().flat_map(|(_, f)| f(source, lx)).collect();
    for (n, c) in claims.iter_mut().enumerate() {
        c.id = format!("{}#{}", source.id, n + 1);
    }
    claims
}
