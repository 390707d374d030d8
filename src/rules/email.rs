//! E-mail and MSSanté addresses (SPEC §2, §4).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks and normalises an e-mail address (trim, lowercase, `mailto:`, domain typos).
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}

/// Checks an MSSanté address (must end in `mssante.fr`).
pub fn check_mssante(_cell: &Cell) -> Checked {
    todo!()
}

/// Whether a normalised address is an MSSanté one (to be moved to its column).
pub fn is_mssante(_address: &str) -> bool {
    todo!()
}
