//! The markdown parser on any text, then the sections stage: no panic, and every
//! heading, block, cell and piece of debris keeps the span invariants.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use monograph::model::Format;

static CONFIG: LazyLock<monograph::Config> = LazyLock::new(monograph::Config::for_tests);

fuzz_target!(|data: &[u8]| {
    // The parsers take text; lossy decoding gives every input a text whose
    // offsets the checks then use.
    let src = String::from_utf8_lossy(data);
    if let Ok(parsed) = monograph::parse::parse(&src, Format::Markdown, &CONFIG.lexicon) {
        let doc = monograph::sections::build(parsed, &CONFIG.lexicon);
        if let Err(e) = monograph::invariants::check_document(src.as_bytes(), &doc) {
            panic!("{e}");
        }
    }
});
