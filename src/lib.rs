//! # annuaire-cpts
//!
//! Checks and repairs the member directory (« annuaire des adhérents ») that every CPTS of
//! Occitanie sends yearly to the ARS: reads the spreadsheet, flags invalid rows and missing
//! fields, fixes what can safely be fixed, names the file as the ARS requires and writes the
//! corrected workbook.
//!
//! The core is pure Rust, bytes in and bytes out: it never touches files, the network or the DOM.
//! The web page (through the `wasm` module, built for wasm32 only) and the `annuaire-cpts`
//! command line are thin shells over it.
//!
//! What the checker must do is specified in `docs/SPEC.md`: a comment citing « SPEC §n » means
//! section n of that file.
//!
//! | module | concern |
//! |---|---|
//! | [`read`] | bytes → [`Table`] (format sniffing, sheets, header row, column matching) |
//! | [`schema`] | the directory's columns: synonyms, rules and roles; Table Schema JSON in/out |
//! | [`rules`] | one module per kind of value, each checking and fixing one cell |
//! | [`check`](mod@check) | row and file findings over a whole table |
//! | [`compare`](mod@compare) | this year's directory against last year's: joined, left, changed |
//! | [`report`] | findings, severities, codes: the machine-readable report contract |
//! | [`write`](mod@write) | the corrected workbook and the blank template (xlsx) |
//! | [`filename`] | the ARS file-name rule |
//! | [`fold`] | the comparison key of a spelling (case, accents, punctuation ignored) |
//! | [`distance`] | the edit distance between two spellings (typos) |
//! | [`document`] | one opened file: read once, checked and edited many times |
//! | [`ars`] | the ARS side: many files at once, the merged directory, indicators without personal data |
//! | [`text`] | every French sentence the user reads |
//!
//! ```
//! use annuaire_cpts::filename::ars_file_name;
//! assert_eq!(ars_file_name("CPTS du centre TARN", 2023), "Annuaire_CPTS_Du_Centre_TARN_2023.xlsx");
//! ```

pub mod ars;
pub mod check;
pub mod compare;
pub mod distance;
pub mod document;
pub mod error;
pub mod filename;
pub mod fold;
mod hash;
mod normalize;
pub mod read;
pub mod report;
pub mod rules;
pub mod schema;
pub mod session;
pub mod table;
pub mod text;
mod wire;
pub mod write;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use check::{check, CheckOptions, Outcome, Record};
pub use document::Document;
pub use error::{Error, SizeUnit};
pub use report::{Code, Finding, Report, Severity, Summary};
pub use schema::{Field, Kind, Required, Role, Schema};
pub use table::{Cell, CellKind, Column, Row, Table, Ymd};
