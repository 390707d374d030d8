//! One module per kind of value. Each exposes pure, total functions from a cell to the value to
//! write and zero or more issues: normalise, validate, propose a fix. No I/O, no panic, whatever
//! the string; a fixed value passes its own rule unchanged (fixing is idempotent).
//!
//! Cross-field checks (commune against postal code, ADELI against profession, an MSSanté address
//! typed in the email column) take the other value as a parameter; [`crate::check`](mod@crate::check)
//! wires them.

use crate::report::Code;
use crate::schema::Kind;
use crate::table::{Cell, Ymd};

pub mod adeli;
pub mod commune;
pub mod date;
pub mod email;
pub mod identifier;
pub mod mode;
pub mod name;
pub mod nir;
pub mod phone;
pub mod postal;
pub mod profession;
pub mod rpps;
pub mod similar;
pub mod text;
pub mod yes_no;

/// One thing a rule has to say about a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// The stable code (its severity comes with it).
    pub code: Code,
    /// The value written instead (for `value.fixed`), or the suggestion (for errors and
    /// warnings that propose one).
    pub fixed: Option<String>,
    /// What the coordinator should do, in French (from [`crate::text`]).
    pub message: String,
}

impl Issue {
    /// An issue without a fixed or suggested value.
    pub fn new(code: Code, message: impl Into<String>) -> Issue {
        Issue {
            code,
            fixed: None,
            message: message.into(),
        }
    }

    /// An issue with a fixed or suggested value.
    pub fn with_fixed(code: Code, fixed: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            code,
            fixed: Some(fixed.into()),
            message: message.into(),
        }
    }
}

/// What a rule made of a cell.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Checked {
    /// The value to write in the corrected file: the safe fix when one was applied, else the
    /// original text (trimmed). Empty for an empty cell.
    pub value: String,
    /// What the rule found; empty when the value is valid as typed.
    pub issues: Vec<Issue>,
}

impl Checked {
    /// A valid value, nothing to say.
    pub fn valid(value: impl Into<String>) -> Checked {
        Checked {
            value: value.into(),
            issues: Vec::new(),
        }
    }

    /// The codes of the issues, in order (what tests and the check mostly look at).
    pub fn codes(&self) -> Vec<Code> {
        self.issues.iter().map(|i| i.code).collect()
    }

    /// A value with one issue.
    pub fn with(value: impl Into<String>, issue: Issue) -> Checked {
        Checked {
            value: value.into(),
            issues: vec![issue],
        }
    }
}

/// What some rules need to know beyond the cell.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// Today, for dates in the future.
    pub today: Ymd,
}

/// Checks one cell with the rule of its field's kind. Cross-field checks are not done here.
/// An empty cell gives an empty, valid result: whether it is required is the business of
/// [`crate::check`](mod@crate::check).
pub fn check_cell(kind: Kind, cell: &Cell, context: &Context) -> Checked {
    if cell.is_empty() {
        return Checked::default();
    }
    match kind {
        Kind::Nom => name::check_nom(cell),
        Kind::Prenom => name::check_prenom(cell),
        Kind::Profession => profession::check(cell),
        Kind::Text => text::check(cell),
        Kind::Identifier => identifier::check(cell),
        Kind::Mode => mode::check(cell),
        Kind::PostalCode => postal::check(cell),
        Kind::Commune => text::check(cell),
        Kind::Phone => phone::check(cell),
        Kind::Email => email::check(cell),
        Kind::Mssante => email::check_mssante(cell),
        Kind::YesNo => yes_no::check(cell),
        Kind::Date => date::check(cell, context.today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::table::CellKind;
    use proptest::prelude::*;

    const KINDS: [Kind; 13] = Kind::ALL;

    const CELL_KINDS: [CellKind; 5] = [
        CellKind::Text,
        CellKind::Number,
        CellKind::Untyped,
        CellKind::Date,
        CellKind::Bool,
    ];

    fn context() -> Context {
        Context {
            today: Ymd {
                year: 2026,
                month: 3,
                day: 1,
            },
        }
    }

    fn has_error(checked: &Checked) -> bool {
        checked
            .issues
            .iter()
            .any(|i| i.code.severity() == Severity::Error)
    }

    /// Every rule, through the dispatch, on `text` stored as `cell_kind`: the value written is
    /// stable when the corrected file is read back (a text cell), needs no second fix, and a
    /// value the rule did not reject is not rejected once fixed.
    fn assert_fixed_value_passes_its_own_rule(text: &str, cell_kind: CellKind) {
        for kind in KINDS {
            let first = check_cell(kind, &Cell::new(text, cell_kind), &context());
            let again = check_cell(kind, &Cell::text(first.value.clone()), &context());
            assert_eq!(again.value, first.value, "{kind:?} {text:?} {cell_kind:?}");
            assert!(
                again.issues.iter().all(|i| i.code != Code::ValueFixed),
                "{kind:?} {text:?} {cell_kind:?}: {:?} then {:?}",
                first.issues,
                again.issues
            );
            if !has_error(&first) {
                assert!(
                    !has_error(&again),
                    "{kind:?} {text:?} {cell_kind:?}: {:?} then {:?}",
                    first.issues,
                    again.issues
                );
            }
        }
    }

    #[test]
    fn tricky_values_fixed_pass_their_own_rule() {
        for text in [
            "561123456",
            "9100",
            "1.0001045367E10",
            "810000000009",
            "19112341",
            "45000",
            "mailto:JP@Gmial.com",
            "x@medecin.mssante.fr",
            "+33 (0)5 61 12 34 56",
            "31051 CEDEX",
            "ST ORENS",
            "d'artagnan",
            "IDE",
            "lib.",
            "VRAI",
            "01/02/20",
        ] {
            for cell_kind in CELL_KINDS {
                assert_fixed_value_passes_its_own_rule(text, cell_kind);
            }
        }
    }

    proptest! {
        #[test]
        fn any_string_fixed_passes_its_own_rule(
            text in "\\PC{0,30}|[0-9 .,+()eE/A-Ba-z@:-]{0,20}",
            cell_kind in 0..CELL_KINDS.len(),
        ) {
            assert_fixed_value_passes_its_own_rule(&text, CELL_KINDS[cell_kind]);
        }
    }
}
