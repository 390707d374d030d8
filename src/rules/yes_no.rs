//! Oui / Non values (SPEC §2).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks and maps a yes/no value to `Oui` or `Non`.
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}

/// Whether a (checked) value means yes.
pub fn is_yes(_value: &str) -> bool {
    todo!()
}
