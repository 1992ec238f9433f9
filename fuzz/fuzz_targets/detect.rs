//! `detect::detect` on any bytes: it must return a format and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = monograph::detect::detect(data);
});
