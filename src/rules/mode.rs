//! Mode d'exercice: Libéral, Salarié, Mixte, Bénévole, Autre (SPEC §3).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// The canonical modes, in drop-down order.
pub const MODES: [&str; 5] = ["Libéral", "Salarié", "Mixte", "Bénévole", "Autre"];

/// Checks and maps a mode d'exercice.
pub fn check(_cell: &Cell) -> Checked {
    todo!()
}
