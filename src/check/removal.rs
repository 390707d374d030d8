//! The rows left out of the corrected file (SPEC §5): blank rows, the template's example row,
//! and members who objected to the transmission.
//!
//! The example row is removed only when it is the first filled data row **and** it says so:
//! « exemple » as a word in the Nom or Prénom cell (what the ARS template and our own blank
//! template write), or at least two distinct placeholder signals among: the name pair
//! DUPONT / Jean, an identifier 12345678901 (or starting 123456789), a phone of zeros
//! (00 00 00 00 00), an address `exemple@…` / `…@exemple.fr` / `…@example.com`, a cell of
//! `xxx`. A real Jean Dupont in the first row has a real phone and identifier, so the name pair
//! alone, or any single signal, never removes a member.

use super::plan::Plan;
use crate::fold::{contains_words, fold};
use crate::rules::yes_no;
use crate::table::{Row, Table};

/// The row number of the first data row with anything in it: the only candidate example row.
/// Blank rows between the header and the example do not move it.
pub(super) fn first_filled_row(table: &Table, plan: &Plan) -> Option<u32> {
    table
        .rows
        .iter()
        .find(|r| !is_blank(r, plan))
        .map(|r| r.number)
}

/// Every cell empty, or holding only the « Non » a drop-down dragged down empty rows leaves in
/// the Oui/Non columns.
pub(super) fn is_blank(row: &Row, plan: &Plan) -> bool {
    row.cells.iter().enumerate().all(|(i, c)| {
        c.is_empty() || (plan.yes_no_sources.contains(&i) && yes_no::check(c).value == yes_no::NO)
    })
}

/// The member objected: the opposition cell means yes.
pub(super) fn is_opposed(row: &Row, plan: &Plan) -> bool {
    text(row, plan, plan.opposition).is_some_and(yes_no::is_yes)
}

/// The template's example row (see the module docs); `row` must be the first filled row.
pub(super) fn is_example(row: &Row, plan: &Plan) -> bool {
    let nom = fold(text(row, plan, plan.nom).unwrap_or_default());
    let prenom = fold(text(row, plan, plan.prenom).unwrap_or_default());
    let says_example =
        |folded: &str| contains_words(folded, "exemple") || contains_words(folded, "example");
    if says_example(&nom) || says_example(&prenom) {
        return true;
    }
    let digits = |position| -> String {
        text(row, plan, position)
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    };
    let identifier = digits(plan.identifier);
    let phone = digits(plan.phone);
    let example_address = [plan.email, plan.mssante].into_iter().any(|position| {
        let address = text(row, plan, position)
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        let (local, domain) = address.split_once('@').unwrap_or(("", ""));
        matches!(local, "exemple" | "example")
            || domain.starts_with("exemple.")
            || domain.starts_with("example.")
    });
    let xxx = row.cells.iter().any(|c| {
        let letters: String = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
        letters.chars().count() >= 3 && letters.chars().all(|ch| ch == 'x' || ch == 'X')
    });
    let signals = [
        nom == "dupont" && prenom == "jean",
        identifier.starts_with("123456789"),
        phone.len() >= 9 && phone.bytes().all(|b| b == b'0'),
        example_address,
        xxx,
    ];
    signals.into_iter().filter(|s| *s).count() >= 2
}

/// The text of a schema field's cell in this row.
fn text<'r>(row: &'r Row, plan: &Plan, position: Option<usize>) -> Option<&'r str> {
    let index = plan.sources.get(position?).copied().flatten()?;
    row.cells.get(index).map(|c| &*c.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::plan::schema_columns;
    use crate::schema::Schema;
    use crate::table::Cell;

    /// A table with the default schema's columns in schema order.
    fn table_with(rows: Vec<Vec<String>>) -> (Table, Plan) {
        let schema = Schema::default();
        let table = Table {
            columns: schema_columns(&schema),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: 2 + i as u32,
                    cells: cells.into_iter().map(Cell::text).collect(),
                })
                .collect(),
            ..Table::default()
        };
        let plan = Plan::new(&table, &schema);
        (table, plan)
    }

    /// nom, prenom, profession, specialite, identifiant, mode, structure, adresse, cp, commune,
    /// telephone, email, mssante, spico_dossier, spico_discussion, date, opposition.
    fn row(nom: &str, prenom: &str, id: &str, phone: &str, email: &str) -> Vec<String> {
        [
            nom,
            prenom,
            "Infirmier",
            "",
            id,
            "Libéral",
            "",
            "",
            "31000",
            "Toulouse",
            phone,
            email,
            "",
            "Oui",
            "Non",
            "",
            "Non",
        ]
        .map(String::from)
        .to_vec()
    }

    fn example(cells: Vec<String>) -> bool {
        let (table, plan) = table_with(vec![cells]);
        is_example(&table.rows[0], &plan)
    }

    #[test]
    fn the_word_exemple_is_enough() {
        assert!(example(row("EXEMPLE", "Jean", "", "", "")));
        assert!(example(row("Martin", "Exemple", "", "", "")));
        assert!(example(row("Ligne d'exemple", "", "", "", "")));
        assert!(example(row("ÉXEMPLE", "", "", "", "")));
        assert!(example(row("Example", "", "", "", "")));
        assert!(!example(row("Exemplaire", "Jean", "", "", "")));
    }

    #[test]
    fn two_placeholder_signals_are_needed() {
        // One signal: never removed.
        let real = "10000000009";
        assert!(!example(row(
            "DUPONT",
            "Jean",
            real,
            "05 61 12 34 56",
            "j.dupont@test.fr"
        )));
        assert!(!example(row(
            "MARTIN",
            "Luc",
            "12345678901",
            "05 61 12 34 56",
            ""
        )));
        assert!(!example(row("MARTIN", "Luc", real, "00 00 00 00 00", "")));
        assert!(!example(row("MARTIN", "Luc", real, "", "exemple@test.fr")));
        assert!(!example(row("MARTIN", "Luc", real, "xxx", "")));
        // Two signals.
        assert!(example(row("DUPONT", "Jean", "12345678901", "", "")));
        assert!(example(row("Dupont", "jean", "", "00 00 00 00 00", "")));
        assert!(example(row("MARTIN", "Luc", "123456789", "0000000000", "")));
        assert!(example(row(
            "MARTIN",
            "Luc",
            "",
            "XXX",
            "contact@exemple.fr"
        )));
        assert!(example(row(
            "DUPONT",
            "Jean",
            "",
            "",
            "jean.dupont@example.com"
        )));
        assert!(example(row("xxx", "xxx", "12345678901", "", "")));
    }

    #[test]
    fn blank_and_first_filled_rows() {
        let blank = vec![String::new(), "  ".to_string()];
        let (table, plan) = table_with(vec![blank, vec![], row("A", "B", "", "", "")]);
        assert!(is_blank(&table.rows[0], &plan));
        assert!(is_blank(&table.rows[1], &plan));
        assert!(!is_blank(&table.rows[2], &plan));
        assert_eq!(first_filled_row(&table, &plan), Some(4));
        let (empty, plan) = table_with(vec![]);
        assert_eq!(first_filled_row(&empty, &plan), None);
    }

    #[test]
    fn a_row_holding_only_non_from_dragged_drop_downs_is_blank() {
        let non = |at: &[usize]| {
            let mut cells = vec![String::new(); 17];
            for &i in at {
                cells[i] = "non".into();
            }
            cells
        };
        let mut oui = non(&[13]);
        oui[14] = "Oui".into();
        let mut named = non(&[13, 14, 16]);
        named[0] = "MARTIN".into();
        let mut non_elsewhere = non(&[]);
        non_elsewhere[3] = "Non".into();
        let (table, plan) = table_with(vec![non(&[13, 14, 16]), oui, named, non_elsewhere]);
        assert!(is_blank(&table.rows[0], &plan));
        assert!(!is_blank(&table.rows[1], &plan), "a « Oui » is information");
        assert!(!is_blank(&table.rows[2], &plan), "a name is a member");
        assert!(
            !is_blank(&table.rows[3], &plan),
            "« Non » outside the Oui/Non columns"
        );
    }

    #[test]
    fn opposition_means_yes() {
        let mut cells = row("A", "B", "", "", "");
        for (typed, opposed) in [
            ("Oui", true),
            ("x", true),
            ("Non", false),
            ("", false),
            ("?", false),
        ] {
            cells[16] = typed.to_string();
            let (table, plan) = table_with(vec![cells.clone()]);
            assert_eq!(is_opposed(&table.rows[0], &plan), opposed, "{typed:?}");
        }
    }
}
