//! Professions: the ANS nomenclature (TRE_G15, TRE_R95, TRE_R94) plus CPTS members (SPEC §3).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks and maps a profession to its canonical label.
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}

/// Every canonical label, in drop-down order.
pub fn labels() -> Vec<&'static str> {
    todo!()
}

/// Whether members of this canonical profession need an RPPS/ADELI identifier.
pub fn needs_identifier(_label: &str) -> bool {
    todo!()
}

/// The spécialité implied by what was typed (`MG` → `Médecine générale`), if any.
pub fn implied_specialty(_typed: &str) -> Option<&'static str> {
    todo!()
}
