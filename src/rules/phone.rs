//! Phone numbers: French national form, +33 forms, overseas, lost leading 0, premium (SPEC §4).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks and normalises a phone number to `05 61 12 34 56`.
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}
