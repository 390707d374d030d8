//! Communes, matched against the postal code (SPEC §3).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks a commune against a (checked) postal code; suggests the commune of the code.
pub fn check(_cell: &Cell, _postal_code: &str) -> Checked {
    todo!()
}
