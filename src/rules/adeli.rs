//! ADELI numbers: 9 characters, department, profession code, order, Luhn key (SPEC §4).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks an ADELI-shaped value.
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}

/// Whether this canonical profession label has moved from ADELI to RPPS (`adeli.obsolete`).
pub fn is_obsolete_for(_profession: &str) -> bool {
    todo!()
}

/// Whether a value (as written in the corrected file) is an ADELI number rather than an RPPS.
pub fn looks_like_adeli(_value: &str) -> bool {
    todo!()
}
