use super::*;
use proptest::prelude::*;

fn run(typed: &str, code: &str) -> Checked {
    check(&Cell::text(typed), code)
}

#[test]
fn official_names_pass_as_typed() {
    let cases = [
        ("Toulouse", "31000"),
        ("Pamiers", "09100"),
        ("Saint-Jean-du-Falga", "09100"),
        ("Druelle Balsac", "12000"),
        ("L'Isle-Jourdain", "32600"),
        ("Nîmes", "30900"),
        ("Paris", "75011"),
        ("Paris 11e Arrondissement", "75011"),
        ("Marseille 1er Arrondissement", "13001"),
        ("Bellegarde-sur-Valserine", "01200"),
    ];
    for (name, code) in cases {
        let checked = run(name, code);
        assert_eq!(checked.value, name);
        assert!(checked.issues.is_empty(), "{name}: {:?}", checked.issues);
    }
}

#[test]
fn variants_get_the_official_name() {
    let cases = [
        ("TOULOUSE", "31000", "Toulouse"),
        ("toulouse cedex 9", "31000", "Toulouse"),
        ("Toulouse CEDEX", "31000", "Toulouse"),
        ("ST JEAN DU FALGA", "09100", "Saint-Jean-du-Falga"),
        ("St-Jean-du-Falga", "09100", "Saint-Jean-du-Falga"),
        ("saint jean du falga", "09100", "Saint-Jean-du-Falga"),
        ("Saint Martin d Oydes", "09100", "Saint-Martin-d'Oydes"),
        ("Saint-Martin-d’Oydes", "09100", "Saint-Martin-d'Oydes"),
        ("nimes", "30000", "Nîmes"),
        ("L ISLE JOURDAIN", "32600", "L'Isle-Jourdain"),
        ("Druelle-Balsac", "12000", "Druelle Balsac"),
        ("onet le chateau", "12000", "Onet-le-Château"),
        ("Ferrieres s/ Ariege", "09000", "Ferrières-sur-Ariège"),
        (
            "Ste-Foy-d'Aigrefeuille",
            "31570",
            "Sainte-Foy-d'Aigrefeuille",
        ),
        ("PARIS", "75011", "Paris"),
        ("Paris 11e", "75011", "Paris 11e Arrondissement"),
        ("PARIS 11EME ARR.", "75011", "Paris 11e Arrondissement"),
        ("Marseille 1er", "13001", "Marseille 1er Arrondissement"),
        (
            "Lyon 3ème arrondissement",
            "69003",
            "Lyon 3e Arrondissement",
        ),
    ];
    for (typed, code, official) in cases {
        let checked = run(typed, code);
        assert_eq!(checked.value, official, "{typed}");
        assert_eq!(checked.issues.len(), 1, "{typed}");
        assert_eq!(checked.issues[0].code, Code::ValueFixed);
        assert_eq!(checked.issues[0].fixed.as_deref(), Some(official));
    }
}

#[test]
fn mismatches_suggest_the_commune_of_the_code() {
    let cases = [
        ("Albi", "31000", Some("Toulouse")),
        ("Toulouse", "31170", Some("Tournefeuille")),
        ("Toulouse 31000", "31000", Some("Toulouse")),
        ("Pamier", "09100", Some("Pamiers")),
        ("St Jean du Falgua", "09100", Some("Saint-Jean-du-Falga")),
        ("Blagnak", "31700", Some("Blagnac")),
        // Several communes, none close: no guess, the message lists them.
        ("Albi", "31700", None),
        ("Foix", "09100", None),
        ("Paris 12e", "75011", Some("Paris")),
    ];
    for (typed, code, suggestion) in cases {
        let checked = run(typed, code);
        assert_eq!(checked.value, typed, "{typed}");
        assert_eq!(checked.issues.len(), 1, "{typed}");
        assert_eq!(checked.issues[0].code, Code::CommuneMismatch, "{typed}");
        assert_eq!(checked.issues[0].fixed.as_deref(), suggestion, "{typed}");
        assert!(checked.issues[0].message.contains(code));
    }
    let listed = run("Albi", "31700").issues[0].message.clone();
    assert!(
        listed.contains("Blagnac") && listed.contains("Beauzelle"),
        "{listed}"
    );
}

#[test]
fn a_commune_name_cut_short_suggests_the_commune_it_begins() {
    let checked = run("Saint-Orens", "31650");
    assert_eq!(checked.codes(), vec![Code::CommuneMismatch]);
    assert_eq!(
        checked.issues[0].fixed.as_deref(),
        Some("Saint-Orens-de-Gameville")
    );
    // Two communes of 09100 begin with « Saint »: none is picked over the other that way.
    let saint = run("Saint", "09100");
    let unrelated = run("Albi", "09100");
    assert_eq!(saint.issues[0].fixed, unrelated.issues[0].fixed);
}

#[test]
fn without_a_usable_code_the_commune_is_only_trimmed() {
    for code in [
        "",
        "3100",
        "99999",
        "abcde",
        "31035",
        "31035 CEDEX 1",
        "é",
        "310000",
        "31000 Toulouse",
        "31000x",
    ] {
        let checked = run("  Toulouse Cedex 1 ", code);
        assert_eq!(checked.value, "Toulouse Cedex 1");
        assert!(checked.issues.is_empty(), "{code}");
    }
    assert_eq!(run("   ", "31000"), Checked::default());
}

#[test]
fn a_checked_cedex_code_still_finds_its_communes() {
    // « 31000 CEDEX » is a commune code written with CEDEX.
    let checked = run("Toulouse Cedex", "31000 CEDEX");
    assert_eq!(checked.value, "Toulouse");
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC*", code in "[0-9]{5}|\\PC{0,8}") {
        let _ = run(&s, &code);
    }

    #[test]
    fn fixing_is_idempotent(s in "(?i)(st|saint|ste)[ -](jean|foy)[ -]d?u?[ -]?(falga|aigrefeuille)( cedex [0-9])?", code in "09100|31570") {
        let first = run(&s, &code);
        let again = run(&first.value, &code);
        prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
        prop_assert_eq!(again.value, first.value);
    }
}
