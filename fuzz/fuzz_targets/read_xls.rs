//! The read path and the check, steered towards .xls by the seeds and the dictionary (the
//! format itself is sniffed from the content: see src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    annuaire_cpts_fuzz::read_and_check(bytes, "annuaire.xls");
});
