//! Integration tests: run the `monograph` binary the way users and CI do,
//! and check exit codes, messages and the output contract.
//!
//! One binary for all of them (see `autotests = false` in Cargo.toml), one
//! module per area. Extraction is still growing, so these tests assert
//! structure and invariants, never claim counts.

mod bad_inputs;
mod check;
mod conflicts;
mod determinism;
mod extract;
mod generality;
mod incremental;
mod labels;
mod schema;
mod shards;
mod stale;
mod util;
