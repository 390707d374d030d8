//! Dates: Excel serials, dd/mm/yyyy text; not in the future, not before 2016 (SPEC §2).

use super::Checked;
#[allow(unused_imports)]
use super::Issue;
#[allow(unused_imports)]
use crate::table::Cell;

/// Checks a date cell; the value written is `dd/mm/yyyy`.
pub fn check(_cell: &Cell, _today: crate::table::Ymd) -> Checked {
    todo!()
}

/// Parses a `dd/mm/yyyy` value as written by [`check`].
pub fn parse_french(_value: &str) -> Option<crate::table::Ymd> {
    todo!()
}
