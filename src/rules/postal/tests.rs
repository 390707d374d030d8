use super::*;
use crate::table::CellKind;
use proptest::prelude::*;

#[test]
fn occitanie_codes_pass_as_typed() {
    for code in [
        "09000", "09100", "11000", "12000", "30000", "31000", "31170", "32000", "34000", "46000",
        "48000", "65000", "66000", "81000", "82000",
    ] {
        let checked = check(&Cell::text(code));
        assert_eq!(checked.value, code);
        assert!(checked.issues.is_empty(), "{code}: {:?}", checked.issues);
        assert_eq!(
            check(&Cell::number(code.trim_start_matches('0'))).value,
            code
        );
    }
}

#[test]
fn normalised_codes() {
    let cases = [
        ("9100", CellKind::Number, "09100"),
        ("9100", CellKind::Text, "09100"),
        ("9000", CellKind::Untyped, "09000"),
        ("31 000", CellKind::Text, "31000"),
        (" 31000\u{a0}", CellKind::Text, "31000"),
        ("31\u{a0}170", CellKind::Text, "31170"),
    ];
    for (typed, kind, fixed) in cases {
        let checked = check(&Cell::new(typed, kind));
        assert_eq!(checked.value, fixed, "{typed}");
        // A leading or trailing space alone is no news: the cell is only trimmed.
        if typed.trim() == fixed {
            assert!(checked.issues.is_empty(), "{typed}");
        } else {
            assert_eq!(checked.codes(), [Code::ValueFixed], "{typed}");
            assert_eq!(checked.issues[0].fixed.as_deref(), Some(fixed));
        }
    }
}

#[test]
fn invalid_codes() {
    for typed in [
        "310000",
        "310",
        "3100O",
        "ABCDE",
        "31-000",
        "00000",
        "99999",
        "9999",
        "31000 Toulouse",
        "CEDEX",
        "31035 CEDEX X",
        "=A1",
        "3,1E+4",
    ] {
        let checked = check(&Cell::text(typed));
        assert_eq!(checked.value, typed.trim(), "{typed}");
        assert_eq!(checked.codes(), [Code::PostalInvalid], "{typed}");
        assert_eq!(checked.issues[0].fixed, None);
    }
}

#[test]
fn outside_occitanie_is_a_warning() {
    for code in [
        "75011", "01000", "13001", "69003", "20000", "97400", "33920",
    ] {
        let checked = check(&Cell::text(code));
        assert_eq!(checked.value, code);
        assert_eq!(checked.codes(), [Code::PostalOutsideRegion], "{code}");
    }
    let restored = check(&Cell::number("1000"));
    assert_eq!(restored.value, "01000");
    assert_eq!(
        restored.codes(),
        [Code::ValueFixed, Code::PostalOutsideRegion]
    );
}

#[test]
fn cedex_codes_are_understood() {
    let cases = [
        ("31035 CEDEX 1", "31035 CEDEX 1", false),
        ("31035 cedex 1", "31035 CEDEX 1", true),
        ("31035CEDEX1", "31035 CEDEX 1", true),
        ("31035 Cedex", "31035 CEDEX", true),
        ("31 035 CEDEX 09", "31035 CEDEX 09", true),
        ("9017 CEDEX", "09017 CEDEX", true),
    ];
    for (typed, value, fixed) in cases {
        let checked = check(&Cell::text(typed));
        assert_eq!(checked.value, value, "{typed}");
        let mut expected = vec![Code::PostalCedex];
        if fixed {
            expected.insert(0, Code::ValueFixed);
        }
        assert_eq!(checked.codes(), expected, "{typed}");
    }
    let from_commune = check_with_commune(&Cell::text("31035"), "Toulouse Cedex 1");
    assert_eq!(from_commune.value, "31035");
    assert_eq!(from_commune.codes(), [Code::PostalCedex]);
    let paris = check_with_commune(&Cell::text("75700"), "PARIS CEDEX 07");
    assert_eq!(
        paris.codes(),
        [Code::PostalCedex, Code::PostalOutsideRegion]
    );
    // A commune's own code is not a CEDEX code, whatever the address says.
    let commune_code = check(&Cell::text("31000 CEDEX"));
    assert_eq!(commune_code.value, "31000");
    assert_eq!(commune_code.codes(), [Code::ValueFixed]);
    let with_commune = check_with_commune(&Cell::text("31000"), "Toulouse Cedex 9");
    assert!(with_commune.issues.is_empty(), "{:?}", with_commune.issues);
    // A commune without CEDEX changes nothing.
    let plain = check_with_commune(&Cell::text("31035"), "Toulouse");
    assert_eq!(plain.codes(), [Code::PostalInvalid]);
}

#[test]
fn the_table_is_complete_and_sorted() {
    let rows = table();
    assert!(rows.len() > 6_000, "{}", rows.len());
    assert!(rows.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(rows
        .iter()
        .all(|(_, names)| !names.is_empty() && !names.starts_with('~')));
    assert_eq!(
        include_str!("../../../data/communes.txt").lines().count(),
        rows.len() + 1,
        "every line parsed"
    );
    assert_eq!(source(), "@etalab/decoupage-administratif 6.0.0");
    let names: Vec<_> = communes("75011").unwrap().collect();
    assert_eq!(
        names,
        [
            Commune {
                name: "Paris",
                primary: true
            },
            Commune {
                name: "Paris 11e Arrondissement",
                primary: false
            },
        ]
    );
    assert!(communes("01200")
        .unwrap()
        .any(|c| c.name == "Bellegarde-sur-Valserine" && !c.primary));
    for bad in ["", "3100", "310000", "abcde", "-1000", "+3100"] {
        assert!(communes(bad).is_none(), "{bad}");
    }
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC*", commune in "\\PC{0,20}") {
        let _ = check_with_commune(&Cell::text(s.clone()), &commune);
        let _ = check(&Cell::number(s));
    }

    #[test]
    fn fixing_is_idempotent(s in "[ 0-9]{3,7}( ?(?i)cedex ?[0-9]{0,2})?") {
        let first = check(&Cell::text(s));
        let again = check(&Cell::text(first.value.clone()));
        prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
        prop_assert_eq!(again.value, first.value);
    }
}

#[test]
fn the_packed_table_is_the_text_file() {
    let text = include_str!("../../../data/communes.txt");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().and_then(|l| l.strip_prefix("# ")),
        Some(source())
    );
    let expected: Vec<(u32, &str)> = lines
        .map(|line| {
            let (code, names) = line.split_once(':').expect("code:names");
            (code.parse().expect("a code"), names)
        })
        .collect();
    assert!(
        table() == expected.as_slice(),
        "data/communes.deflate is not data/communes.txt: run \
         `cargo run --release --example pack_communes`"
    );
}
