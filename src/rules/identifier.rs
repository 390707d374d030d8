//! The « RPPS / ADELI » column: tells RPPS from ADELI (and IdNat forms) and checks each.

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks an identifier cell: RPPS, ADELI or their IdNat forms.
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}
