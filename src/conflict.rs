//! Conflict detection: where sources (or one source) make incompatible
//! claims about the same subject (SPEC §5).

use serde::Serialize;

use crate::lexicon::Lexicon;
use crate::merge::Monograph;

/// One side of a conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// `affirmed`, `negated`, or the value this side holds.
    pub stance: String,
    /// Sources on this side, sorted.
    pub sources: Vec<String>,
    /// Claims on this side.
    pub claims: Vec<String>,
}

/// Incompatible claims about one subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// `<drug>/<field>/<subject-slug>/<kind>`.
    pub id: String,
    /// Drug.
    pub drug: String,
    /// `polarity`, `qualifier`, `range`, `duration`, `status`.
    pub kind: String,
    /// Claim kind the subject belongs to.
    pub field: String,
    /// What the sources disagree about.
    pub subject: String,
    /// `high`, `medium`, `low`.
    pub severity: String,
    /// One line naming how many sources stand on each side.
    pub summary: String,
    /// The context both sides were aligned on.
    pub context: String,
    /// The sides.
    pub positions: Vec<Position>,
}

/// Finds the conflicts of one monograph.
pub fn detect(_mono: &Monograph, _lx: &Lexicon) -> Vec<Conflict> {
    Vec::new()
}
