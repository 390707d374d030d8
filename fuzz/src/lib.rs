//! What every fuzz target runs: the bytes through the read path and the check, as
//! `annuaire-cpts check FILE` does (src/bin/annuaire-cpts/main.rs), with the default schema and
//! no sheet named.
//!
//! The format is sniffed from the content, never the file name, so the five targets run this
//! same code: they differ only by their seed corpus (fuzz/corpus/<target>/) and their
//! dictionary (fuzz/dict/<target>.dict), which steer the mutations towards one format.
//!
//! Natively `read_table` turns a panic inside a parser into `file.unreadable` and silences its
//! message; built by cargo-fuzz (`cfg(fuzzing)`) it does neither, so that libfuzzer-sys's
//! panic hook aborts with the parser's message and stack: such a panic is a finding (in the
//! page it would trap the worker). Before this, the silencing hook also hid panics from the
//! harness.

use annuaire_cpts::check::CheckOptions;
use annuaire_cpts::{Document, Schema, Ymd};

/// Opens `bytes` as the file `name` and, when it could be read, checks it.
pub fn read_and_check(bytes: &[u8], name: &str) {
    let Ok(document) = Document::open(bytes, name, Schema::default(), None) else {
        return;
    };
    let options = CheckOptions {
        today: Ymd {
            year: 2026,
            month: 3,
            day: 1,
        },
        cpts: None,
        year: None,
        refused_fixes: Vec::new(),
    };
    std::hint::black_box(document.check(&options));
}
