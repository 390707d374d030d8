use super::*;
use crate::table::Ymd;
use proptest::prelude::*;

const HEADER: &str = "Nom;Prénom;Profession;RPPS / ADELI;Code postal;Commune;Téléphone;\
                      SPICO Dossier;SPICO Discussion;Opposition";

fn options() -> CheckOptions {
    CheckOptions {
        today: Ymd {
            year: 2026,
            month: 3,
            day: 1,
        },
        cpts: None,
        year: None,
        refused_fixes: Vec::new(),
    }
}

fn document(name: &str, header: &str, rows: &[&str]) -> Document {
    let text = format!("{header}\n{}\n", rows.join("\n"));
    Document::open(text.as_bytes(), name, Schema::default(), None).unwrap()
}

fn compare_rows(last: &[&str], this: &[&str]) -> Comparison {
    compare_documents(
        &document("2025.csv", HEADER, last),
        &document("2026.csv", HEADER, this),
        &options(),
    )
}

fn noms(members: &[Member]) -> Vec<&str> {
    members.iter().map(|m| &*m.nom).collect()
}

const MARTIN: &str = "MARTIN;Claire;Infirmier;10000000009;31000;Toulouse;0561123456;Non;Non;Non";
const DURAND: &str = "DURAND;Paul;Médecin;10999999997;31000;Toulouse;0561123457;Oui;Non;Non";

#[test]
fn the_same_file_has_no_change() {
    let c = compare_rows(&[MARTIN, DURAND], &[MARTIN, DURAND]);
    assert!(c.is_same(), "{c:?}");
    assert_eq!(c.unchanged, 2);
    assert_eq!((c.last.members, c.this.members), (2, 2));
}

#[test]
fn joined_left_and_changed_after_normalisation() {
    let c = compare_rows(
        &[MARTIN, DURAND],
        &[
            // The same member typed otherwise: a phone in pairs, an abbreviation, lower case.
            "martin;claire;IDE;10000000009;31000;toulouse;05 61 12 34 56;non;n;",
            "PETIT;Anne;Sage-femme;;31000;Toulouse;0561123458;Oui;Non;Non",
        ],
    );
    assert_eq!(noms(&c.joined), ["PETIT"]);
    assert_eq!(c.joined[0].this_row, Some(3));
    assert_eq!(c.joined[0].last_row, None);
    assert_eq!(noms(&c.left), ["DURAND"]);
    assert_eq!(c.left[0].last_row, Some(3));
    assert!(c.changed.is_empty(), "{:?}", c.changed);
    assert_eq!(c.unchanged, 1);
}

#[test]
fn changes_are_listed_field_by_field() {
    let c = compare_rows(
        &[MARTIN],
        &["MARTIN;Claire;Infirmier;10000000009;34000;Montpellier;0467000000;Oui;Non;Non"],
    );
    let [changed] = c.changed.as_slice() else {
        panic!("{c:?}")
    };
    assert_eq!(changed.matched_by, MatchKind::Identifier);
    let fields: Vec<(&str, &str, &str)> = changed
        .fields
        .iter()
        .map(|f| (f.field.as_str(), &*f.before, &*f.after))
        .collect();
    assert_eq!(
        fields,
        [
            ("code_postal", "31000", "34000"),
            ("commune", "Toulouse", "Montpellier"),
            ("telephone", "05 61 12 34 56", "04 67 00 00 00"),
            ("spico_dossier", "Non", "Oui"),
        ]
    );
    assert_eq!(
        c.spico.dossier,
        Some(Adoption {
            adopted: 1,
            dropped: 0,
            users_last: 0,
            users_this: 1
        })
    );
}

#[test]
fn a_one_letter_typo_or_an_accent_still_matches() {
    let c = compare_rows(
        &[
            "DUPONT;Hélène;Secrétaire;;31000;Toulouse;0561123459;Non;Non;Non",
            "LEFEVRE;Marc;Infirmier;;31000;Toulouse;0561123460;Non;Non;Non",
        ],
        &[
            "DUPOND;Hélène;Secrétaire;;31000;Toulouse;0561123459;Non;Non;Non",
            "LEFÈVRE;Marc;Infirmier;;31000;Toulouse;0561123460;Non;Non;Non",
        ],
    );
    assert!(c.joined.is_empty() && c.left.is_empty(), "{c:?}");
    let kinds: Vec<(&str, MatchKind)> = c
        .changed
        .iter()
        .map(|m| (&*m.member.nom, m.matched_by))
        .collect();
    assert_eq!(
        kinds,
        [
            ("DUPOND", MatchKind::CloseName),
            ("LEFÈVRE", MatchKind::Name)
        ]
    );
    assert_eq!(&*c.changed[0].fields[0].before, "DUPONT");
}

#[test]
fn two_different_identifiers_never_match() {
    let c = compare_rows(
        &["MARTIN;Claire;Infirmier;10000000009;31000;Toulouse;0561123456;Non;Non;Non"],
        &["MARTIN;Claire;Infirmier;10999999997;31000;Toulouse;0561123456;Non;Non;Non"],
    );
    assert_eq!(noms(&c.joined), ["MARTIN"]);
    assert_eq!(noms(&c.left), ["MARTIN"]);
    assert_eq!(c.unchanged, 0);
    // Nor within one typo.
    let c = compare_rows(
        &["MARTIN;Claire;Infirmier;10000000009;31000;Toulouse;0561123456;Non;Non;Non"],
        &["MARTINS;Claire;Infirmier;10999999997;31000;Toulouse;0561123456;Non;Non;Non"],
    );
    assert_eq!((c.joined.len(), c.left.len()), (1, 1));
    // An identifier on one side only: the name decides.
    let c = compare_rows(
        &["MARTIN;Claire;Infirmier;;31000;Toulouse;0561123456;Non;Non;Non"],
        &[MARTIN],
    );
    assert_eq!(c.changed.len(), 1);
    assert_eq!(c.changed[0].matched_by, MatchKind::Name);
    assert_eq!(c.changed[0].fields[0].field, "identifiant");
}

#[test]
fn ambiguous_matches_are_listed_not_guessed() {
    // « MARTIN Léa » is one letter from both « MARTIN Léo » and « MARTIN Lia ».
    let c = compare_rows(
        &["MARTIN;Léa;Secrétaire;;31000;Toulouse;0561123456;Non;Non;Non"],
        &[
            "MARTIN;Léo;Secrétaire;;31000;Toulouse;0561123457;Non;Non;Non",
            "MARTIN;Lia;Secrétaire;;31000;Toulouse;0561123458;Non;Non;Non",
        ],
    );
    assert!(c.joined.is_empty() && c.left.is_empty() && c.changed.is_empty());
    let [a] = c.ambiguous.as_slice() else {
        panic!("{c:?}")
    };
    assert_eq!(a.last.len(), 1);
    assert_eq!(a.last[0].last_row, Some(2));
    let rows: Vec<Option<u32>> = a.this.iter().map(|m| m.this_row).collect();
    assert_eq!(rows, [Some(2), Some(3)]);
    // The same identifier twice this year.
    let c = compare_rows(
        &[MARTIN],
        &[
            MARTIN,
            "MARTINE;Claire;Infirmier;10000000009;31000;Toulouse;0561123456;Non;Non;Non",
        ],
    );
    assert_eq!(c.ambiguous.len(), 1);
    assert_eq!(c.ambiguous[0].this.len(), 2);
    assert_eq!(c.unchanged, 0);
}

#[test]
fn an_objecting_member_is_only_counted() {
    let c = compare_rows(
        &[MARTIN, DURAND],
        &[
            // MARTIN objects this year: neither left nor listed.
            "MARTIN;Claire;IDE;10000000009;31000;Toulouse;0561123456;Non;Non;Oui",
            DURAND,
            // A new member who objects.
            "SECRET;Paul;Médecin;10000000017;31000;Toulouse;0561000001;Oui;Non;Oui",
        ],
    );
    assert!(c.joined.is_empty() && c.left.is_empty(), "{c:?}");
    assert_eq!(c.objecting, 2);
    assert_eq!(c.unchanged, 1);
    let json = serde_json::to_string(&c).unwrap();
    for hidden in ["MARTIN", "Claire", "SECRET", "10000000017", "0561000001"] {
        assert!(!json.contains(hidden), "{hidden} in {json}");
    }
    let text = crate::text::compare::report(&c);
    assert!(
        !text.contains("MARTIN") && !text.contains("SECRET"),
        "{text}"
    );
    // Objecting last year, back this year: counted, not « joined ».
    let c = compare_rows(
        &["MARTIN;Claire;Infirmier;10000000009;31000;Toulouse;0561123456;Non;Non;Oui"],
        &[MARTIN],
    );
    assert!(c.joined.is_empty() && c.changed.is_empty() && c.unchanged == 0);
    assert_eq!(c.objecting, 1);
}

#[test]
fn blank_and_example_rows_are_ignored() {
    let c = compare_rows(
        &[
            "EXEMPLE;Jean;Infirmier;12345678901;31000;Toulouse;00 00 00 00 00;Non;Non;Non",
            MARTIN,
            ";;;;;;;Non;Non;",
        ],
        &[MARTIN],
    );
    assert!(c.is_same(), "{c:?}");
    assert_eq!(c.unchanged, 1);
}

#[test]
fn rows_of_neither_identifier_nor_name_match_by_their_values() {
    let nobody = ";;Secrétaire;;31000;Toulouse;0561123456;Non;Non;Non";
    let c = compare_rows(&[nobody, MARTIN], &[MARTIN, nobody]);
    assert!(c.is_same(), "{c:?}");
    assert_eq!(c.unchanged, 2);
}

#[test]
fn columns_in_another_order_and_spelling_make_no_difference() {
    let last = document("2025.csv", HEADER, &[MARTIN, DURAND]);
    let this = document(
        "2026.csv",
        "Tél;SPICO discussions;Ville;CP;Nom de famille;Prénom;N° RPPS;Métier;Spico dossier",
        &[
            "0561123457;Non;Toulouse;31000;Durand;Paul;10999999997;MG;Oui",
            "0561123456;Non;Toulouse;31000;MARTIN;Claire;10000000009;Infirmière;Non",
        ],
    );
    let c = compare_documents(&last, &this, &options());
    // « MG » implies the spécialité, a column last year did not have: not compared.
    assert!(c.is_same(), "{c:?}");
    assert_eq!(c.unchanged, 2);
}

#[test]
fn the_deletion_index_finds_every_key_one_edit_away() {
    let shares = |a: &str, b: &str| {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        deletion_hashes(a, &mut x);
        deletion_hashes(b, &mut y);
        x.iter().any(|h| y.contains(h))
    };
    for (a, b) in [
        ("dupont", "dupond"),
        ("dupont", "dupon"),
        ("dupont", "dupontt"),
        ("dupont", "dpuont"),
        ("léa", "lea"),
        ("a", ""),
    ] {
        assert!(shares(a, b), "{a} / {b}");
    }
}

proptest! {
    #[test]
    fn the_deletion_index_misses_no_close_pair(a in "[a-dé ]{0,8}", b in "[a-dé ]{0,8}") {
        if distance(&a, &b, 1).is_some() {
            let (mut x, mut y) = (Vec::new(), Vec::new());
            deletion_hashes(&a, &mut x);
            deletion_hashes(&b, &mut y);
            prop_assert!(x.iter().any(|h| y.contains(h)));
        }
    }

    #[test]
    fn a_file_against_itself_has_no_joined_left_or_changed(
        rows in proptest::collection::vec(
            (
                "(MARTIN|MARTINS|DURAND|LÉA|LEA|)",
                "(Claire|Paul|Léo|Leo|)",
                "(Infirmier|Médecin|Secrétaire|)",
                "(10000000009|10999999997|10000000017|)",
                "(Oui|Non)",
            ),
            0..12,
        )
    ) {
        let lines: Vec<String> = rows
            .iter()
            .map(|(nom, prenom, profession, id, opposition)| {
                format!("{nom};{prenom};{profession};{id};31000;Toulouse;0561123456;Non;Non;{opposition}")
            })
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let c = compare_rows(&lines, &lines);
        prop_assert!(c.joined.is_empty(), "{:?}", c);
        prop_assert!(c.left.is_empty(), "{:?}", c);
        prop_assert!(c.changed.is_empty(), "{:?}", c);
    }
}
