//! RPPS numbers: 11 digits, Luhn key; IdNat 8+RPPS; float recovery (SPEC §4).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks an RPPS-shaped value (11 digits, or 12 starting with 8).
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}

/// Whether 11 digits pass the Luhn key.
pub fn is_valid(_digits: &str) -> bool {
    todo!()
}
