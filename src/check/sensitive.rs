//! Data a member directory must not hold (GDPR minimisation, SPEC §6 `gdpr.sensitive`):
//! health terms in free-text cells, and extra columns whose header announces a date of birth,
//! bank details, a social security number or health data.
//!
//! Terms are matched as whole words on the folded text (case and accents ignored), so « ALD »
//! matches but « Rinaldi » does not. The lists avoid words that name a medical specialty or a
//! structure (« psychiatrie », « maladies infectieuses », « maison de santé »): a warning that
//! fires on every psychiatrist would teach coordinators to ignore it.

use super::plan::Plan;
use crate::fold::{contains_words, fold};
use crate::report::{Code, Finding};
use crate::text::check as msg;

/// Health terms that describe a person's condition, folded.
const HEALTH_TERMS: &[&str] = &[
    "ald",
    "affection longue duree",
    "rqth",
    "diagnostic",
    "diagnostics",
    "pathologie",
    "pathologies",
    "handicap",
    "handicape",
    "handicapee",
    "traitement",
    "traitements",
    "invalidite",
    "arret maladie",
    "arret de travail",
    "mi temps therapeutique",
    "vih",
    "seropositif",
    "seropositive",
];

/// Health terms that are also ordinary words of a street's or a structure's name
/// (« Centre de traitement », « Maison départementale du handicap »): not looked for there.
const PLACE_WORDS: &[&str] = &[
    "handicap",
    "handicape",
    "handicapee",
    "traitement",
    "traitements",
];

/// Headers announcing a date of birth, folded.
const BIRTH_DATE: &[&str] = &[
    "naissance",
    "ne le",
    "nee le",
    "ne e le",
    "ddn",
    "age",
    "anniversaire",
];

/// Headers announcing bank details, folded.
const BANK: &[&str] = &[
    "iban",
    "rib",
    "bic",
    "coordonnees bancaires",
    "compte bancaire",
    "releve d identite bancaire",
];

/// Headers announcing a social security number, folded.
const SOCIAL_SECURITY: &[&str] = &[
    "nir",
    "secu",
    "securite sociale",
    "n ss",
    "nss",
    "carte vitale",
    "numero insee",
];

/// Headers announcing health data, folded (besides the cell terms).
const HEALTH_HEADERS: &[&str] = &[
    "etat de sante",
    "donnees de sante",
    "probleme de sante",
    "problemes de sante",
    "maladie",
    "maladies",
    "allergie",
    "allergies",
    "antecedents",
];

/// The first health term a free-text value holds, as folded (« Patient en ALD » → `ald`);
/// `place` for a field naming a place, where [`PLACE_WORDS`] are not health terms.
pub(super) fn health_term(text: &str, place: bool) -> Option<&'static str> {
    let folded = fold(text);
    // Almost every cell holds none: one pass over its words rules them all out, where each
    // term would walk the words again.
    if !folded.split(' ').any(starts_health_term) {
        return None;
    }
    HEALTH_TERMS
        .iter()
        .copied()
        .filter(|term| !(place && PLACE_WORDS.contains(term)))
        .find(|term| contains_words(&folded, term))
}

/// Whether a folded word is the first word of one of the [`HEALTH_TERMS`].
fn starts_health_term(word: &str) -> bool {
    matches!(
        word,
        "ald"
            | "affection"
            | "rqth"
            | "diagnostic"
            | "diagnostics"
            | "pathologie"
            | "pathologies"
            | "handicap"
            | "handicape"
            | "handicapee"
            | "traitement"
            | "traitements"
            | "invalidite"
            | "arret"
            | "mi"
            | "vih"
            | "seropositif"
            | "seropositive"
    )
}

/// A `gdpr.sensitive` finding for every extra column whose header looks sensitive. The column
/// is not written to the corrected file anyway (it is not in the schema); the finding tells
/// the coordinator to delete it from their own file too.
pub(super) fn sensitive_columns(plan: &Plan) -> Vec<Finding> {
    plan.extras
        .iter()
        .filter(|e| e.unmapped)
        .filter_map(|e| {
            let header = e.header.as_deref()?;
            let message = header_message(header)?;
            Some(Finding::new(Code::GdprSensitive, message).in_column(header))
        })
        .collect()
}

/// The message for a sensitive header, `None` for an ordinary one.
fn header_message(header: &str) -> Option<String> {
    let folded = fold(header);
    let any = |list: &[&str]| list.iter().any(|term| contains_words(&folded, term));
    if any(BIRTH_DATE) {
        Some(msg::gdpr_column_birth_date(header))
    } else if any(BANK) {
        Some(msg::gdpr_column_bank(header))
    } else if any(SOCIAL_SECURITY) {
        Some(msg::gdpr_column_social_security(header))
    } else if folded == "sante" || any(HEALTH_HEADERS) || any(HEALTH_TERMS) {
        Some(msg::gdpr_column_health(header))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_health_term_passes_the_word_filter() {
        for term in HEALTH_TERMS {
            let first = term.split(' ').next().unwrap_or_default();
            assert!(starts_health_term(first), "{term}");
            assert_eq!(health_term(&format!("Note : {term}."), false), Some(*term));
        }
    }

    #[test]
    fn health_terms_in_free_text() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Patient en ALD", Some("ald")),
            ("RQTH", Some("rqth")),
            ("reconnu travailleur handicapé", Some("handicape")),
            ("Diagnostic : diabète", Some("diagnostic")),
            ("sous traitement", Some("traitement")),
            ("en arrêt maladie", Some("arret maladie")),
            ("PATHOLOGIE chronique", Some("pathologie")),
            ("Affection longue durée", Some("affection longue duree")),
            // Specialties, structures and names are not health data about the member.
            ("Psychiatrie", None),
            ("Maladies infectieuses", None),
            ("Maison de santé pluriprofessionnelle", None),
            ("Rinaldi", None),
            ("Médecine générale", None),
            ("", None),
        ];
        for (text, term) in cases {
            assert_eq!(health_term(text, false), *term, "{text:?}");
        }
    }

    #[test]
    fn place_names_may_hold_ordinary_health_words() {
        let place = |text| health_term(text, true);
        assert_eq!(place("12 rue du Traitement des Eaux"), None);
        assert_eq!(place("Maison départementale du handicap"), None);
        assert_eq!(place("Suivi RQTH"), Some("rqth"));
        assert_eq!(place("Patient en ALD"), Some("ald"));
        assert_eq!(health_term("sous traitement", false), Some("traitement"));
    }

    #[test]
    fn sensitive_headers() {
        let sensitive = [
            "Date de naissance",
            "Né(e) le",
            "Âge",
            "IBAN",
            "RIB",
            "Coordonnées bancaires",
            "N° sécu",
            "Numéro de sécurité sociale",
            "NIR",
            "Carte Vitale",
            "Santé",
            "État de santé",
            "Pathologies",
            "ALD",
            "RQTH",
            "Handicap",
        ];
        for header in sensitive {
            assert!(header_message(header).is_some(), "{header:?}");
            assert!(header_message(header).is_some_and(|m| m.contains(header)));
        }
        let ordinary = [
            "Commentaire",
            "Observations",
            "Maison de santé",
            "Fonction au sein de la CPTS",
            "Page",
            "Nirvana",
            "Date d'entrée",
        ];
        for header in ordinary {
            assert_eq!(header_message(header), None, "{header:?}");
        }
    }

    #[test]
    fn categories_have_their_own_message() {
        let messages = [
            msg::gdpr_column_birth_date("X"),
            msg::gdpr_column_bank("X"),
            msg::gdpr_column_social_security("X"),
            msg::gdpr_column_health("X"),
        ];
        for (i, a) in messages.iter().enumerate() {
            for b in messages.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
        assert_eq!(header_message("IBAN"), Some(msg::gdpr_column_bank("IBAN")));
        assert_eq!(
            header_message("NIR"),
            Some(msg::gdpr_column_social_security("NIR"))
        );
        assert_eq!(
            header_message("Santé"),
            Some(msg::gdpr_column_health("Santé"))
        );
        assert_eq!(
            header_message("Âge"),
            Some(msg::gdpr_column_birth_date("Âge"))
        );
    }
}
