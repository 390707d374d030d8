//! NIR (social security number) detection in any cell, and patient MSSanté addresses (SPEC §4).

#[allow(unused_imports)]
use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// If the text holds a NIR (15 characters with a valid key, or a 13-character NIR shape) or a
/// `@patient.mssante.fr` address, the `nir.detected` issue (its message shows the value masked).
pub fn scan(_text: &str) -> Option<Issue> {
    todo!()
}

/// The value masked for reports: first 3 characters, the rest as `•`.
pub fn mask(_text: &str) -> String {
    todo!()
}
