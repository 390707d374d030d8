//! The ARS file-name rule (SPEC §7): `Annuaire_Nom_De_Ma_CPTS_AAAA.xlsx`.
//!
//! The rule reproduces both examples of the ARS guide exactly (« CPTS du centre TARN » and
//! « CPTS Moyenne et Haute Vallée de l'Aude »). The output only holds letters, digits, `_` and
//! `-`, so it is a valid file name on Windows, macOS and Nextcloud alike.

use crate::fold::is_mark;
use crate::normalize::nfc;

/// Apostrophes are removed, joining the two sides (l'Aude → lAude).
const APOSTROPHES: [char; 5] = ['\'', '’', '‘', 'ʼ', '`'];

/// Extensions a spreadsheet named by the convention may carry when dropped back in.
const EXTENSIONS: [&str; 6] = [".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb"];

/// The file name the ARS expects for this CPTS and year of deposit.
///
/// Steps (SPEC §7): NFC and trim; apostrophes removed; split on white space into words and each
/// word on `-` into parts; keep letters and digits; a part of two or more letters all in upper
/// case stays as is (CPTS, TARN, II), any other part gets a capital initial and the rest in lower
/// case; parts joined with `-`, words with `_`; empty words and parts disappear.
///
/// An empty name gives `Annuaire__2026.xlsx`: callers ask for the name before naming a file.
///
/// ```
/// use annuaire_cpts::filename::ars_file_name;
/// assert_eq!(
///     ars_file_name("CPTS Moyenne et Haute Vallée de l'Aude", 2023),
///     "Annuaire_CPTS_Moyenne_Et_Haute_Vallée_De_Laude_2023.xlsx"
/// );
/// assert_eq!(ars_file_name("CPTS Sud-Aveyron", 2026), "Annuaire_CPTS_Sud-Aveyron_2026.xlsx");
/// ```
pub fn ars_file_name(cpts: &str, year: i32) -> String {
    format!("Annuaire_{}_{year}.xlsx", name_part(cpts))
}

/// The CPTS name as it appears in the file name (`CPTS_Du_Centre_TARN`).
fn name_part(cpts: &str) -> String {
    let normalized: String = nfc(cpts.chars())
        .chars()
        .filter(|c| !APOSTROPHES.contains(c))
        .collect();
    normalized
        .split_whitespace()
        .map(|word| {
            word.split('-')
                .map(part)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Letters (without combining marks, which NFC has folded into their letter where it can) and
/// digits: what a file name may safely hold in every file system.
fn keep(c: char) -> bool {
    (c.is_alphabetic() || c.is_numeric()) && !is_mark(c) && !APOSTROPHES.contains(&c)
}

/// Whether a letter has an upper and a lower case form (or is a title-case digraph).
fn has_case(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || c.to_lowercase().ne(std::iter::once(c))
}

/// One part of a word, cleaned and cased.
///
/// For French names one pass is enough. A few letters change length when cased (ß → SS,
/// ᾀ → ἈΙ, İ → i + U+0307): casing again until nothing moves keeps the name stable when it is
/// fed back (a dropped file pre-fills the CPTS name with it).
fn part(raw: &str) -> String {
    let mut current: String = raw.chars().filter(|&c| keep(c)).collect();
    for _ in 0..4 {
        let next = case_part(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// One casing pass over a cleaned part (SPEC §7 step 5).
fn case_part(kept: &str) -> String {
    // Letters without case (CJK, Sinhala…) neither make nor break an all-capitals part.
    let cased = || kept.chars().filter(|&c| has_case(c));
    if cased().count() >= 2 && cased().all(char::is_uppercase) {
        return kept.to_string();
    }
    let mut chars = kept.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    // Title case, not upper case: ß → Ss, so the rest of the part stays lower case.
    let mut upper = first.to_uppercase();
    let head = upper.next().into_iter();
    let cased: String = head
        .chain(upper.flat_map(char::to_lowercase))
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    // Case mapping may decompose (İ → i + U+0307): normalise again and drop stray marks so the
    // name stays letters and digits only.
    nfc(cased.chars()).chars().filter(|&c| keep(c)).collect()
}

/// The CPTS name and year of a file already named by the convention
/// (`Annuaire_CPTS_Du_Centre_TARN_2026.xlsx` → (`CPTS Du Centre TARN`, 2026)).
///
/// A browser's download suffix (` (1)`) and any spreadsheet extension are tolerated; a path is
/// reduced to its file name. Anything else gives `None`.
///
/// ```
/// use annuaire_cpts::filename::parse_ars_file_name;
/// assert_eq!(
///     parse_ars_file_name("Annuaire_CPTS_Du_Centre_TARN_2026 (1).xlsx"),
///     Some(("CPTS Du Centre TARN".to_string(), 2026))
/// );
/// assert_eq!(parse_ars_file_name("annuaire 2026.xlsx"), None);
/// ```
pub fn parse_ars_file_name(file: &str) -> Option<(String, i32)> {
    let file = nfc(file.chars());
    let base = file.rsplit(['/', '\\']).next().unwrap_or(&file).trim();
    let stem = EXTENSIONS.iter().find_map(|e| {
        let cut = base.len().checked_sub(e.len())?;
        let tail = base.get(cut..)?;
        tail.eq_ignore_ascii_case(e)
            .then(|| base.get(..cut))
            .flatten()
    })?;
    let stem = strip_copy_suffix(stem);
    let rest = strip_prefix_ignore_case(stem, "Annuaire_")?;
    let (name, year) = rest.rsplit_once('_')?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let name = name.replace('_', " ");
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    Some((name.to_string(), year.parse().ok()?))
}

/// `Annuaire_X_2026 (1)` → `Annuaire_X_2026`: the suffix browsers add to a second download.
fn strip_copy_suffix(stem: &str) -> &str {
    let trimmed = stem.trim_end();
    let Some(open) = trimmed.strip_suffix(')').and_then(|s| s.rfind('(')) else {
        return trimmed;
    };
    let inside = trimmed.get(open + 1..trimmed.len() - 1).unwrap_or_default();
    if !inside.is_empty() && inside.bytes().all(|b| b.is_ascii_digit()) {
        trimmed.get(..open).map_or(trimmed, str::trim_end)
    } else {
        trimmed
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

#[cfg(test)]
// The crate's own NFC is the reference the file names are checked against.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn both_ars_guide_examples() {
        assert_eq!(
            ars_file_name("CPTS du centre TARN", 2023),
            "Annuaire_CPTS_Du_Centre_TARN_2023.xlsx"
        );
        assert_eq!(
            ars_file_name("CPTS Moyenne et Haute Vallée de l'Aude", 2023),
            "Annuaire_CPTS_Moyenne_Et_Haute_Vallée_De_Laude_2023.xlsx"
        );
    }

    #[test]
    fn names_by_case() {
        let cases = [
            // Typographic apostrophes join the sides like the straight one.
            ("CPTS de l’Aude", "CPTS_De_Laude"),
            ("CPTS de l‘Aude", "CPTS_De_Laude"),
            ("CPTS de lʼAude", "CPTS_De_Laude"),
            ("CPTS de l`Aude", "CPTS_De_Laude"),
            ("CPTS d'Olt et d'Aubrac", "CPTS_Dolt_Et_Daubrac"),
            // Hyphens keep the word together, each part cased.
            ("CPTS sud-aveyron", "CPTS_Sud-Aveyron"),
            ("CPTS Saint--Gaudens", "CPTS_Saint-Gaudens"),
            ("CPTS - Nord", "CPTS_Nord"),
            ("CPTS -Nord-", "CPTS_Nord"),
            // Accented letters stay, with their case rule.
            ("cpts ÉCOLE de santé", "Cpts_ÉCOLE_De_Santé"),
            ("CPTS pays d'oc à l'est", "CPTS_Pays_Doc_À_Lest"),
            ("ÉÈ", "ÉÈ"),
            ("é", "É"),
            // All-caps parts and roman numerals are kept.
            ("CPTS TOULOUSE NORD", "CPTS_TOULOUSE_NORD"),
            ("CPTS Toulouse II", "CPTS_Toulouse_II"),
            ("CPTS Montpellier IV", "CPTS_Montpellier_IV"),
            ("CPTS Montpellier iv", "CPTS_Montpellier_Iv"),
            // One capital letter is not an acronym: it is cased like any part.
            ("CPTS A", "CPTS_A"),
            ("CPTS McDonald", "CPTS_Mcdonald"),
            // Extra and odd white space.
            ("  CPTS   du\tcentre \u{a0} TARN  ", "CPTS_Du_Centre_TARN"),
            // Punctuation disappears.
            ("CPTS (Nord) & Sud, 31!", "CPTS_Nord_Sud_31"),
            ("CPTS 2.0", "CPTS_20"),
            ("CPTS / Lot", "CPTS_Lot"),
            ("CPTS 31 Ouest", "CPTS_31_Ouest"),
            // Decomposed input (macOS) comes out composed.
            ("CPTS Valle\u{301}e", "CPTS_Vallée"),
            // Nothing usable.
            ("", ""),
            ("   ", ""),
            ("''' --- ()", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(
                ars_file_name(input, 2026),
                format!("Annuaire_{expected}_2026.xlsx"),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn decomposed_input_gives_composed_output() {
        let name = ars_file_name("CPTS Valle\u{301}e de l'Aude", 2026);
        assert!(name.contains("Vall\u{e9}e"), "{name}");
        assert!(!name.contains('\u{301}'));
    }

    #[test]
    fn parse_names() {
        let ok = |f: &str, name: &str, year| {
            assert_eq!(
                parse_ars_file_name(f),
                Some((name.to_string(), year)),
                "file {f:?}"
            )
        };
        ok(
            "Annuaire_CPTS_Du_Centre_TARN_2026.xlsx",
            "CPTS Du Centre TARN",
            2026,
        );
        ok(
            "Annuaire_CPTS_Du_Centre_TARN_2026 (1).xlsx",
            "CPTS Du Centre TARN",
            2026,
        );
        ok(
            "Annuaire_CPTS_Sud-Aveyron_2025(2).XLSX",
            "CPTS Sud-Aveyron",
            2025,
        );
        ok("Annuaire_CPTS_Lot_2024.xls", "CPTS Lot", 2024);
        ok("Annuaire_CPTS_Lot_2024.ods", "CPTS Lot", 2024);
        ok("Annuaire_CPTS_Lot_2024.csv", "CPTS Lot", 2024);
        ok("annuaire_CPTS_Lot_2024.xlsx", "CPTS Lot", 2024);
        ok(
            "C:\\Users\\coord\\Téléchargements\\Annuaire_CPTS_Lot_2024.xlsx",
            "CPTS Lot",
            2024,
        );
        ok(
            "/home/x/Annuaire_CPTS_Valle\u{301}e_2024.xlsx",
            "CPTS Vallée",
            2024,
        );
        for bad in [
            "",
            "Annuaire.xlsx",
            "Annuaire_2026.xlsx",
            "Annuaire__2026.xlsx",
            "Annuaire_CPTS_Lot_26.xlsx",
            "Annuaire_CPTS_Lot_20266.xlsx",
            "Annuaire_CPTS_Lot_2026.pdf",
            "Annuaire_CPTS_Lot_2026",
            "Annuaire_CPTS_Lot_2026 (copie).xlsx",
            "Liste_CPTS_Lot_2026.xlsx",
            "Annuaire CPTS Lot 2026.xlsx",
            "é.xlsx",
        ] {
            assert_eq!(parse_ars_file_name(bad), None, "file {bad:?}");
        }
    }

    #[test]
    fn parse_inverts_the_rule() {
        for name in [
            "CPTS du centre TARN",
            "CPTS Moyenne et Haute Vallée de l'Aude",
        ] {
            let file = ars_file_name(name, 2023);
            let (parsed, year) = parse_ars_file_name(&file).unwrap_or_default();
            assert_eq!(year, 2023);
            assert_eq!(ars_file_name(&parsed, year), file);
        }
    }

    /// What a name part may hold: letters and digits (no combining mark), `_` and `-`, with
    /// no empty word or part.
    fn well_formed(middle: &str) -> bool {
        let chars_ok = middle
            .chars()
            .all(|c| c == '_' || c == '-' || (c.is_alphanumeric() && !is_mark(c)));
        let no_empty = middle.is_empty()
            || middle
                .split('_')
                .all(|w| !w.is_empty() && w.split('-').all(|p| !p.is_empty()));
        chars_ok && no_empty
    }

    proptest! {
        #[test]
        fn any_name_gives_a_safe_idempotent_file_name(name in any::<String>(), year in 1000i32..=9999) {
            let file = ars_file_name(&name, year);
            let middle = file
                .strip_prefix("Annuaire_")
                .and_then(|s| s.strip_suffix(format!("_{}.xlsx", year).as_str()));
            prop_assert!(middle.is_some(), "{}", file);
            let middle = middle.unwrap_or_default();
            prop_assert!(well_formed(middle), "{:?}", file);
            prop_assert_eq!(middle.nfc().collect::<String>(), middle);
            if middle.is_empty() {
                prop_assert_eq!(parse_ars_file_name(&file), None);
            } else {
                let parsed = parse_ars_file_name(&file);
                prop_assert_eq!(parsed.clone(), Some((middle.replace('_', " "), year)));
                let (again, y) = parsed.unwrap_or_default();
                prop_assert_eq!(ars_file_name(&again, y), file);
            }
        }

        #[test]
        fn french_like_names_round_trip(name in "[ a-zA-ZéèÉàç'’()-]{0,40}", year in 2016i32..=2100) {
            let file = ars_file_name(&name, year);
            let suffix = format!("_{}.xlsx", year);
            let middle = file.trim_start_matches("Annuaire_").trim_end_matches(suffix.as_str());
            prop_assert!(well_formed(middle), "{:?}", file);
            prop_assert!(!file.contains(' ') && !file.contains('\''));
        }

        #[test]
        fn parse_never_panics(file in any::<String>()) {
            let _ = parse_ars_file_name(&file);
        }
    }
}
