//! Names: NOM in upper case, Prénom capitalised, particles kept (SPEC §2).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks and normalises a family name.
pub fn check_nom(_cell: &Cell) -> Checked {
    todo!()
}

/// Checks and normalises a given name.
pub fn check_prenom(_cell: &Cell) -> Checked {
    todo!()
}
