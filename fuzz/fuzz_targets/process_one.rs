//! The whole per-file pipeline (decode, detect, parse, sections, extract) on
//! any bytes: no panic, and every span and every claim's evidence keeps the
//! invariants of SPEC §3.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static CONFIG: LazyLock<monograph::Config> = LazyLock::new(monograph::Config::for_tests);

fuzz_target!(|data: &[u8]| {
    let result = monograph::process_one("fuzz", Path::new("fuzz"), data, &CONFIG);
    if let Err(e) = monograph::invariants::check_result(data, &result) {
        panic!("{e}");
    }
});
