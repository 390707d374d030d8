//! E-mail and MSSanté addresses (SPEC §2, §4).
//!
//! Syntax: a practical subset of RFC 5321 — one `@`; a local part of 1–64 characters among
//! letters, digits and ``!#$%&'*+=?^_`{|}~.-`` with no leading, trailing or doubled dot; a domain
//! of at most 253 characters made of at least two labels of letters, digits and inner dashes,
//! the last (TLD) of 2 letters or more; 254 characters in all. Quoted local parts, IP literals
//! and non-ASCII addresses are refused: no French health professional's mailbox uses them, and
//! an accent is far more often a typo (a suggestion without it is given).
//!
//! Normalisation (`value.fixed`): trim, lower case, `mailto:` removed, a display name
//! (`Jean Dupont <jean@…>`) and surrounding quotes or a trailing dot removed.
//!
//! Several addresses in one cell (separated by `;`, `,`, `/` or spaces): the first is kept
//! (SPEC §4) and the others named in an `email.suspicious` warning whose `fixed` is the kept
//! address — the value does change, but it is a warning and not a silent notice, because which
//! address is the right one is the coordinator's call. In the MSSanté column, which has no
//! warning code, the same case is a `value.fixed` notice.
//!
//! Domain typos of the common French providers (gmial.com, orange.fe, laposte.nte…): an
//! `email.suspicious` warning with the corrected address in `fixed`, the value unchanged.

use super::{Checked, Issue};
use crate::distance::{distance, within_one_edit};
use crate::fold::strip_accents;
use crate::report::Code;
use crate::table::Cell;
use crate::text::contact as text;

/// Mailbox providers most French professionals use (their domains are checked for typos).
const PROVIDERS: [&str; 33] = [
    "gmail.com",
    "ymail.com",
    "mail.com",
    "email.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.fr",
    "outlook.com",
    "outlook.fr",
    "live.com",
    "live.fr",
    "msn.com",
    "yahoo.com",
    "yahoo.fr",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "neuf.fr",
    "laposte.net",
    "bbox.fr",
    "icloud.com",
    "aol.com",
    "club-internet.fr",
    "numericable.fr",
    "gmx.fr",
    "gmx.com",
    "protonmail.com",
    "proton.me",
    "aliceadsl.fr",
    "cegetel.net",
    "nordnet.fr",
    "mailo.com",
];

/// Domains that exist but hold no mailbox of the provider people meant.
const WRONG_DOMAINS: [(&str, &str); 4] = [
    ("gmail.fr", "gmail.com"),
    ("icloud.fr", "icloud.com"),
    ("laposte.fr", "laposte.net"),
    ("wanadoo.com", "wanadoo.fr"),
];

/// Mistyped top-level domains that do not exist, and what was meant.
const WRONG_TLDS: [(&str, &str); 16] = [
    ("fe", "fr"),
    ("frr", "fr"),
    ("rf", "fr"),
    ("ft", "fr"),
    ("fdr", "fr"),
    ("con", "com"),
    ("cpm", "com"),
    ("comm", "com"),
    ("vom", "com"),
    ("xom", "com"),
    ("ocm", "com"),
    ("cim", "com"),
    ("nte", "net"),
    ("ner", "net"),
    ("ney", "net"),
    ("orf", "org"),
];

/// The domain every MSSanté address ends with.
const MSSANTE: &str = "mssante.fr";

/// The domain of patient MSSanté addresses (a NIR case, see [`super::nir`]).
const PATIENT: &str = "patient.mssante.fr";

/// Checks and normalises an e-mail address (trim, lowercase, `mailto:`, domain typos).
///
/// ```
/// use annuaire_cpts::{Cell, Code};
/// use annuaire_cpts::rules::email::check;
/// assert!(check(&Cell::text("prenom.nom@orange.fr")).issues.is_empty());
/// assert_eq!(check(&Cell::text("MAILTO:Prenom.Nom@Orange.fr")).value, "prenom.nom@orange.fr");
/// let typo = check(&Cell::text("prenom.nom@gmial.com"));
/// assert_eq!(typo.value, "prenom.nom@gmial.com"); // a warning, not a silent fix
/// assert_eq!(typo.issues[0].code, Code::EmailSuspicious);
/// assert_eq!(typo.issues[0].fixed.as_deref(), Some("prenom.nom@gmail.com"));
/// assert_eq!(check(&Cell::text("prenom.nom@orange")).issues[0].code, Code::EmailInvalid);
/// ```
pub fn check(cell: &Cell) -> Checked {
    let original = cell.text.trim();
    let invalid = |issue: Issue| Checked::with(original, issue);
    let (address, others) = match split(original) {
        Split::One(address) => (address, Vec::new()),
        Split::Several(first, others) => (first, others),
        Split::None => return invalid(Issue::new(Code::EmailInvalid, text::email_bad_at())),
        Split::Spaces(suggestion) => {
            let message = text::email_spaces(suggestion.as_deref());
            return invalid(issue_with(Code::EmailInvalid, suggestion, message));
        }
        Split::Extra(address) => {
            let valid = syntax(&address).is_ok() && !may_be_cut_short(original, &address);
            let message = text::email_extra(valid.then_some(address.as_str()));
            let issue = issue_with(Code::EmailInvalid, valid.then_some(address), message);
            return invalid(issue);
        }
    };
    if is_patient(&address) {
        // Blanked by the NIR scan; its message is the one to read, and the address must not be
        // repeated in a notice.
        return Checked::valid(original);
    }
    if let Err((message, suggestion)) = syntax(&address) {
        return invalid(issue_with(Code::EmailInvalid, suggestion, message));
    }
    let mut issues = Vec::new();
    if !others.is_empty() {
        let dropped = quoted(&others);
        let message = text::email_kept_first(&address, &dropped);
        issues.push(Issue::with_fixed(
            Code::EmailSuspicious,
            address.as_str(),
            message,
        ));
    } else if address != original {
        let message = text::email_normalised(original, &address);
        issues.push(Issue::with_fixed(
            Code::ValueFixed,
            address.as_str(),
            message,
        ));
    }
    if let Some(suggestion) = typo_suggestion(&address) {
        let message = text::email_typo(&suggestion);
        issues.push(Issue::with_fixed(
            Code::EmailSuspicious,
            suggestion,
            message,
        ));
    }
    Checked {
        value: address,
        issues,
    }
}

/// Checks an MSSanté address (must end in `mssante.fr`).
///
/// ```
/// use annuaire_cpts::{Cell, Code};
/// use annuaire_cpts::rules::email::check_mssante;
/// assert!(check_mssante(&Cell::text("prenom.nom@medecin.mssante.fr")).issues.is_empty());
/// let ordinary = check_mssante(&Cell::text("prenom.nom@orange.fr"));
/// assert_eq!(ordinary.issues[0].code, Code::MssanteInvalid);
/// ```
pub fn check_mssante(cell: &Cell) -> Checked {
    let original = cell.text.trim();
    let invalid = |issue: Issue| Checked::with(original, issue);
    let (address, others) = match split(original) {
        Split::One(address) => (address, Vec::new()),
        Split::Several(first, others) => (first, others),
        Split::None => {
            return invalid(Issue::new(
                Code::MssanteInvalid,
                text::mssante_not_mssante(None),
            ))
        }
        Split::Spaces(suggestion) => {
            let message = text::email_spaces(suggestion.as_deref());
            return invalid(issue_with(Code::MssanteInvalid, suggestion, message));
        }
        Split::Extra(address) => {
            let valid = syntax(&address).is_ok()
                && is_mssante(&address)
                && !may_be_cut_short(original, &address);
            let message = text::email_extra(valid.then_some(address.as_str()));
            let issue = issue_with(Code::MssanteInvalid, valid.then_some(address), message);
            return invalid(issue);
        }
    };
    if is_patient(&address) {
        return invalid(Issue::new(Code::MssanteInvalid, text::mssante_patient()));
    }
    if let Err((message, suggestion)) = syntax(&address) {
        return invalid(issue_with(Code::MssanteInvalid, suggestion, message));
    }
    if !is_mssante(&address) {
        let suggestion = mssante_suggestion(&address);
        let message = text::mssante_not_mssante(suggestion.as_deref());
        return invalid(issue_with(Code::MssanteInvalid, suggestion, message));
    }
    let message = if !others.is_empty() {
        text::mssante_kept_first(&address, &quoted(&others))
    } else if address != original {
        text::mssante_normalised(original, &address)
    } else {
        return Checked::valid(address);
    };
    let issue = Issue::with_fixed(Code::ValueFixed, address.as_str(), message);
    Checked::with(address, issue)
}

/// Whether a normalised address is an MSSanté one (to be moved to its column). A patient
/// address (`@patient.mssante.fr`) is not: it is a NIR, blanked wherever it is found.
///
/// ```
/// use annuaire_cpts::rules::email::is_mssante;
/// assert!(is_mssante("prenom.nom@medecin.mssante.fr"));
/// assert!(is_mssante("accueil@chu-toulouse.mssante.fr"));
/// assert!(!is_mssante("prenom.nom@orange.fr"));
/// assert!(!is_mssante("prenom.nom@notmssante.fr"));
/// assert!(!is_mssante("299123155555591@patient.mssante.fr"));
/// ```
pub fn is_mssante(address: &str) -> bool {
    let Some((_, domain)) = address.trim().rsplit_once('@') else {
        return false;
    };
    let ends = |suffix: &str| {
        domain.len() >= suffix.len()
            && domain
                .get(domain.len() - suffix.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
            && (domain.len() == suffix.len()
                || domain.as_bytes().get(domain.len() - suffix.len() - 1) == Some(&b'.'))
    };
    ends(MSSANTE) && !ends(PATIENT)
}

/// Whether an address is at `patient.mssante.fr` (or a subdomain).
fn is_patient(address: &str) -> bool {
    address.rsplit_once('@').is_some_and(|(_, domain)| {
        domain.eq_ignore_ascii_case(PATIENT)
            || domain.to_ascii_lowercase().ends_with(".patient.mssante.fr")
    })
}

/// What a cell holds, address-wise (lower-cased, `mailto:` and wrapping removed).
#[derive(Debug, PartialEq)]
enum Split {
    /// No `@` at all.
    None,
    /// One address and nothing else.
    One(String),
    /// Several addresses: the first, and the others.
    Several(String, Vec<String>),
    /// One `@` with spaces around it; the address without spaces when it would be valid.
    Spaces(Option<String>),
    /// One address with words around it.
    Extra(String),
}

fn split(original: &str) -> Split {
    if is_bare_address(original) {
        // Most cells: one address, nothing around it; what the general path would find.
        return Split::One(original.to_ascii_lowercase());
    }
    split_general(original)
}

/// An ASCII text with one `@`, nothing [`split_general`] splits on or trims (no white space,
/// separator, bracket, quote or colon, no final dot).
fn is_bare_address(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().filter(|&&b| b == b'@').count() == 1
        && bytes.last() != Some(&b'.')
        && bytes.iter().all(|&b| {
            b.is_ascii()
                && !b.is_ascii_whitespace()
                && !matches!(
                    b,
                    0x0b | b';'
                        | b','
                        | b'/'
                        | b'|'
                        | b'"'
                        | b'\''
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'<'
                        | b'>'
                        | b':'
                )
        })
}

fn split_general(original: &str) -> Split {
    // `Jean Dupont <jean.dupont@orange.fr>`: the address between the brackets.
    let inner = original
        .find('<')
        .and_then(|open| {
            let rest = original.get(open + 1..)?;
            let close = rest.find('>')?;
            rest.get(..close)
        })
        .filter(|inner| inner.contains('@'));
    let text = inner.unwrap_or(original).to_lowercase();
    let mut addresses = Vec::new();
    let mut words = 0usize;
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '/' | '|')) {
        let token = token.trim_matches(|c: char| {
            matches!(
                c,
                '"' | '\'' | '(' | ')' | '[' | ']' | '<' | '>' | '«' | '»' | ':'
            )
        });
        let token = token.strip_prefix("mailto:").unwrap_or(token);
        let token = token.trim_end_matches('.');
        if token.is_empty() {
            continue;
        }
        if token.contains('@') {
            addresses.push(token.to_string());
        } else {
            words += 1;
        }
    }
    let ats = text.matches('@').count();
    match (addresses.len(), words) {
        (0, _) if ats == 0 => Split::None,
        (1, 0) => addresses.pop().map_or(Split::None, Split::One),
        (n, _) if n >= 2 => {
            let first = addresses.remove(0);
            Split::Several(first, addresses)
        }
        _ if spaces_around_at(&text) => {
            let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let joined = joined
                .strip_prefix("mailto:")
                .unwrap_or(&joined)
                .to_string();
            Split::Spaces(syntax(&joined).is_ok().then_some(joined))
        }
        (1, _) => addresses.pop().map_or(Split::None, Split::Extra),
        _ => Split::None,
    }
}

/// Whether the address found in the text follows a word and one space, so that the word may
/// belong to it (« jean dupont@orange.fr » is not « dupont@orange.fr »): then nothing is
/// suggested, since the suggestion could be someone else's mailbox.
fn may_be_cut_short(original: &str, address: &str) -> bool {
    let lower = original.to_lowercase();
    let Some(at) = lower.find(address) else {
        return false;
    };
    let mut before = lower.get(..at).unwrap_or_default().chars().rev();
    before.next().is_some_and(char::is_whitespace)
        && before.next().is_some_and(char::is_alphanumeric)
}

/// Whether a white space touches an `@` (`jean @ orange.fr`, `jean@ orange.fr`).
fn spaces_around_at(text: &str) -> bool {
    text.match_indices('@').any(|(i, _)| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + 1..).and_then(|s| s.chars().next());
        before.is_some_and(char::is_whitespace) || after.is_some_and(char::is_whitespace)
    })
}

/// The syntax check; on failure, the message and maybe a corrected address to suggest.
fn syntax(address: &str) -> Result<(), (String, Option<String>)> {
    if address.chars().count() > 254 {
        return Err((text::email_too_long(), None));
    }
    if !address.is_ascii() {
        let folded = strip_accents(address);
        let suggestion = (folded.is_ascii() && syntax(&folded).is_ok()).then_some(folded);
        let message = match &suggestion {
            Some(s) => text::email_accents(s),
            None => text::email_bad_local(),
        };
        return Err((message, suggestion));
    }
    let Some((local, domain)) = address.split_once('@') else {
        return Err((text::email_bad_at(), None));
    };
    if domain.contains('@') {
        return Err((text::email_bad_at(), None));
    }
    // Byte tests rather than `str` patterns: this runs on every address of the file.
    let bytes = local.as_bytes();
    let local_ok = (1..=64).contains(&bytes.len())
        && bytes.first() != Some(&b'.')
        && bytes.last() != Some(&b'.')
        && !bytes.windows(2).any(|w| w == b"..")
        && bytes.iter().all(|&b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'\''
                        | b'*'
                        | b'+'
                        | b'='
                        | b'?'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'{'
                        | b'|'
                        | b'}'
                        | b'~'
                        | b'.'
                        | b'-'
                        | b'/'
                )
        });
    if !local_ok {
        return Err((text::email_bad_local(), None));
    }
    if !domain_ok(domain) {
        return Err((text::email_bad_domain(), None));
    }
    Ok(())
}

fn domain_ok(domain: &str) -> bool {
    if domain.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let tld_ok = labels.last().is_some_and(|tld| {
        tld.len() >= 2 && (tld.bytes().all(|b| b.is_ascii_alphabetic()) || tld.starts_with("xn--"))
    });
    labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

/// The corrected address when the domain looks like a typo of a common provider's.
fn typo_suggestion(address: &str) -> Option<String> {
    let (local, domain) = address.split_once('@')?;
    if PROVIDERS.contains(&domain) || is_mssante(address) {
        return None;
    }
    if let Some((_, right)) = WRONG_DOMAINS.iter().find(|(wrong, _)| *wrong == domain) {
        return Some(format!("{local}@{right}"));
    }
    // A TLD that does not exist is mended first (cabinet.fe → cabinet.fr), then the provider.
    let (name, tld) = domain.rsplit_once('.')?;
    let mended = WRONG_TLDS
        .iter()
        .find(|(wrong, _)| *wrong == tld)
        .map(|(_, right)| format!("{name}.{right}"));
    let base = mended.as_deref().unwrap_or(domain);
    let provider = PROVIDERS.iter().find(|p| within_one_edit(base, p));
    match (provider, mended) {
        (Some(p), _) => Some(format!("{local}@{p}")),
        (None, Some(m)) => Some(format!("{local}@{m}")),
        (None, None) => None,
    }
}

/// A suggestion for an address whose domain almost ends with mssante.fr (mssante.com,
/// msante.fr…).
fn mssante_suggestion(address: &str) -> Option<String> {
    let (local, domain) = address.split_once('@')?;
    let (rest, last_two) = match domain.rmatch_indices('.').nth(1) {
        Some((i, _)) => (domain.get(..i)?, domain.get(i + 1..)?),
        None => ("", domain),
    };
    let label = last_two.split('.').next().unwrap_or_default();
    let far = |a: &str, b: &str, max: usize| distance(a, b, max).is_none();
    if far(last_two, MSSANTE, 2) && far(label, "mssante", 1) {
        return None;
    }
    Some(if rest.is_empty() {
        format!("{local}@{MSSANTE}")
    } else {
        format!("{local}@{rest}.{MSSANTE}")
    })
}

/// « a », « b ».
fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("« {v} »"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn issue_with(code: Code, fixed: Option<String>, message: String) -> Issue {
    Issue {
        code,
        fixed,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let fixed = &[Code::ValueFixed][..];
        let invalid = &[Code::EmailInvalid][..];
        let suspicious = &[Code::EmailSuspicious][..];
        let cases: &[(&str, &str, &[Code])] = &[
            ("prenom.nom@orange.fr", "prenom.nom@orange.fr", &[]),
            (
                "p.nom+cpts@cabinet-exemple.com",
                "p.nom+cpts@cabinet-exemple.com",
                &[],
            ),
            (
                "secretariat@msp-exemple.fr",
                "secretariat@msp-exemple.fr",
                &[],
            ),
            ("a@b.co", "a@b.co", &[]),
            ("  Prenom.Nom@Orange.FR ", "prenom.nom@orange.fr", fixed),
            (
                "\u{a0}prenom.nom@orange.fr\u{202f}",
                "prenom.nom@orange.fr",
                &[],
            ),
            ("mailto:prenom.nom@orange.fr", "prenom.nom@orange.fr", fixed),
            ("MAILTO:prenom.nom@orange.fr", "prenom.nom@orange.fr", fixed),
            (
                "Jean Dupont <prenom.nom@orange.fr>",
                "prenom.nom@orange.fr",
                fixed,
            ),
            ("<prenom.nom@orange.fr>", "prenom.nom@orange.fr", fixed),
            ("prenom.nom@orange.fr.", "prenom.nom@orange.fr", fixed),
            ("prenom.nom@orange.fr;", "prenom.nom@orange.fr", fixed),
            ("\"prenom.nom@orange.fr\"", "prenom.nom@orange.fr", fixed),
            // Several addresses: the first is kept, with a warning.
            ("a.b@orange.fr; c.d@free.fr", "a.b@orange.fr", suspicious),
            ("a.b@orange.fr / c.d@free.fr", "a.b@orange.fr", suspicious),
            ("a.b@orange.fr c.d@free.fr", "a.b@orange.fr", suspicious),
            (
                "A.B@orange.fr,c.d@free.fr,e@f.fr",
                "a.b@orange.fr",
                suspicious,
            ),
            (
                "a.b@gmial.com; c.d@free.fr",
                "a.b@gmial.com",
                &[Code::EmailSuspicious, Code::EmailSuspicious],
            ),
            // Typos: a warning with a suggestion, the value unchanged.
            ("prenom.nom@gmial.com", "prenom.nom@gmial.com", suspicious),
            ("prenom.nom@gmail.fr", "prenom.nom@gmail.fr", suspicious),
            ("prenom.nom@gmail.con", "prenom.nom@gmail.con", suspicious),
            ("prenom.nom@hotmial.fr", "prenom.nom@hotmial.fr", suspicious),
            ("prenom.nom@orange.fe", "prenom.nom@orange.fe", suspicious),
            ("prenom.nom@wanadoo.fe", "prenom.nom@wanadoo.fe", suspicious),
            ("prenom.nom@wanado.fr", "prenom.nom@wanado.fr", suspicious),
            (
                "prenom.nom@laposte.nte",
                "prenom.nom@laposte.nte",
                suspicious,
            ),
            ("prenom.nom@laposte.fr", "prenom.nom@laposte.fr", suspicious),
            ("prenom.nom@yahoo.fe", "prenom.nom@yahoo.fe", suspicious),
            ("prenom.nom@free.fe", "prenom.nom@free.fe", suspicious),
            ("prenom.nom@sfr.fe", "prenom.nom@sfr.fe", suspicious),
            (
                "prenom.nom@cabinet-exemple.fe",
                "prenom.nom@cabinet-exemple.fe",
                suspicious,
            ),
            (
                "Prenom.Nom@Gmial.com",
                "prenom.nom@gmial.com",
                &[Code::ValueFixed, Code::EmailSuspicious],
            ),
            // Real domains near a provider's are left alone.
            ("prenom.nom@mail.com", "prenom.nom@mail.com", &[]),
            ("prenom.nom@hotmail.de", "prenom.nom@hotmail.de", &[]),
            ("prenom.nom@orange.com", "prenom.nom@orange.com", &[]),
            (
                "prenom.nom@chu-toulouse.fr",
                "prenom.nom@chu-toulouse.fr",
                &[],
            ),
            (
                "prenom.nom@medecin.mssante.fr",
                "prenom.nom@medecin.mssante.fr",
                &[],
            ),
            // Invalid.
            ("prenom.nom@orange", "prenom.nom@orange", invalid),
            ("prenom.nom.orange.fr", "prenom.nom.orange.fr", invalid),
            ("prenom.nom@@orange.fr", "prenom.nom@@orange.fr", invalid),
            ("prenom..nom@orange.fr", "prenom..nom@orange.fr", invalid),
            (".prenom@orange.fr", ".prenom@orange.fr", invalid),
            ("prenom.@orange.fr", "prenom.@orange.fr", invalid),
            ("prenom@orange..fr", "prenom@orange..fr", invalid),
            ("prenom@-orange.fr", "prenom@-orange.fr", invalid),
            ("prenom@orange.f", "prenom@orange.f", invalid),
            ("prenom@orange.f1", "prenom@orange.f1", invalid),
            ("@orange.fr", "@orange.fr", invalid),
            ("prenom@", "prenom@", invalid),
            ("hélène@orange.fr", "hélène@orange.fr", invalid),
            ("prenom nom@orange.fr", "prenom nom@orange.fr", invalid),
            ("prenom @ orange.fr", "prenom @ orange.fr", invalid),
            (
                "prenom@orange.fr (cabinet)",
                "prenom@orange.fr (cabinet)",
                invalid,
            ),
            ("prenom😀@orange.fr", "prenom😀@orange.fr", invalid),
            ("N/A", "N/A", invalid),
            ("-", "-", invalid),
            ("0", "0", invalid),
            ("", "", invalid),
            ("mailto:", "mailto:", invalid),
            // A patient address is the NIR scan's business.
            (
                "299123155555591@patient.mssante.fr",
                "299123155555591@patient.mssante.fr",
                &[],
            ),
        ];
        for (input, value, expected) in cases {
            let checked = check(&Cell::text(*input));
            assert_eq!(checked.value, *value, "{input}");
            assert_eq!(checked.codes(), *expected, "{input}");
        }
    }

    #[test]
    fn an_address_after_a_word_is_not_cut_from_it() {
        for typed in ["jean dupont@orange.fr", "Dr Martin martin@orange.fr"] {
            let checked = check(&Cell::text(typed));
            assert_eq!(checked.codes(), vec![Code::EmailInvalid], "{typed}");
            assert_eq!(checked.issues[0].fixed, None, "{typed}");
            assert!(
                !checked.issues[0].message.contains("proposition"),
                "{typed}"
            );
        }
        // Words after the address, or set apart by punctuation, still give the suggestion.
        for (typed, address) in [
            ("jean@orange.fr (pro)", "jean@orange.fr"),
            ("Pro : jean@orange.fr", "jean@orange.fr"),
        ] {
            let checked = check(&Cell::text(typed));
            assert_eq!(checked.issues[0].fixed.as_deref(), Some(address), "{typed}");
        }
    }

    #[test]
    fn suggestions() {
        let cases = [
            ("prenom.nom@gmial.com", "prenom.nom@gmail.com"),
            ("prenom.nom@gmail.fr", "prenom.nom@gmail.com"),
            ("prenom.nom@orange.fe", "prenom.nom@orange.fr"),
            ("prenom.nom@wanado.fe", "prenom.nom@wanadoo.fr"),
            ("prenom.nom@laposte.nte", "prenom.nom@laposte.net"),
            (
                "prenom.nom@cabinet-exemple.fe",
                "prenom.nom@cabinet-exemple.fr",
            ),
            ("hélène@orange.fr", "helene@orange.fr"),
            ("prenom @ orange.fr", "prenom@orange.fr"),
            ("prenom@orange.fr (cabinet)", "prenom@orange.fr"),
        ];
        for (input, suggestion) in cases {
            let checked = check(&Cell::text(input));
            let fixed = checked.issues.iter().find_map(|i| i.fixed.clone());
            assert_eq!(fixed.as_deref(), Some(suggestion), "{input}");
        }
        let several = check(&Cell::text("a.b@orange.fr; c.d@free.fr"));
        assert_eq!(several.issues[0].fixed.as_deref(), Some("a.b@orange.fr"));
        assert!(several.issues[0].message.contains("« c.d@free.fr »"));
    }

    #[test]
    fn mssante_table() {
        let fixed = &[Code::ValueFixed][..];
        let invalid = &[Code::MssanteInvalid][..];
        let cases: &[(&str, &str, &[Code])] = &[
            (
                "prenom.nom@medecin.mssante.fr",
                "prenom.nom@medecin.mssante.fr",
                &[],
            ),
            (
                "prenom.nom@pharmacien.mssante.fr",
                "prenom.nom@pharmacien.mssante.fr",
                &[],
            ),
            (
                "accueil@chu-toulouse.mssante.fr",
                "accueil@chu-toulouse.mssante.fr",
                &[],
            ),
            ("prenom.nom@mssante.fr", "prenom.nom@mssante.fr", &[]),
            (
                " Prenom.Nom@Medecin.MSSante.fr ",
                "prenom.nom@medecin.mssante.fr",
                fixed,
            ),
            (
                "a@medecin.mssante.fr; b@medecin.mssante.fr",
                "a@medecin.mssante.fr",
                fixed,
            ),
            ("prenom.nom@orange.fr", "prenom.nom@orange.fr", invalid),
            (
                "prenom.nom@medecin.mssante.com",
                "prenom.nom@medecin.mssante.com",
                invalid,
            ),
            (
                "prenom.nom@medecin.msante.fr",
                "prenom.nom@medecin.msante.fr",
                invalid,
            ),
            (
                "prenom.nom@medecin.mssanté.fr",
                "prenom.nom@medecin.mssanté.fr",
                invalid,
            ),
            (
                "prenom.nom@notmssante.fr",
                "prenom.nom@notmssante.fr",
                invalid,
            ),
            (
                "299123155555591@patient.mssante.fr",
                "299123155555591@patient.mssante.fr",
                invalid,
            ),
            ("N/A", "N/A", invalid),
            ("", "", invalid),
        ];
        for (input, value, expected) in cases {
            let checked = check_mssante(&Cell::text(*input));
            assert_eq!(checked.value, *value, "{input}");
            assert_eq!(checked.codes(), *expected, "{input}");
        }
        let near = check_mssante(&Cell::text("prenom.nom@medecin.mssante.com"));
        assert_eq!(
            near.issues[0].fixed.as_deref(),
            Some("prenom.nom@medecin.mssante.fr")
        );
        let accent = check_mssante(&Cell::text("prenom.nom@medecin.mssanté.fr"));
        assert_eq!(
            accent.issues[0].fixed.as_deref(),
            Some("prenom.nom@medecin.mssante.fr")
        );
        let patient = check_mssante(&Cell::text("299123155555591@patient.mssante.fr"));
        assert!(!patient.issues[0].message.contains("2991231"));
    }

    #[test]
    fn long_values() {
        let long = format!("{}@orange.fr", "a".repeat(300));
        assert_eq!(check(&Cell::text(long)).codes(), vec![Code::EmailInvalid]);
        let many = "a@b.fr; ".repeat(5_000);
        assert_eq!(check(&Cell::text(many)).value, "a@b.fr");
    }

    proptest! {
        #[test]
        fn a_bare_address_splits_as_in_general(
            text in "[a-zA-Z0-9.@_+:;,/|<>()'\" -]{0,20}|[a-z.]{1,8}@[a-zA-Z.-]{1,12}|\\PC{0,12}"
        ) {
            if is_bare_address(&text) {
                prop_assert_eq!(split(&text), split_general(&text));
            }
        }

        #[test]
        fn never_panics_and_is_idempotent(s in "\\PC{0,50}") {
            for (f, error) in [
                (check as fn(&Cell) -> Checked, Code::EmailInvalid),
                (check_mssante, Code::MssanteInvalid),
            ] {
                let first = f(&Cell::text(s.clone()));
                let again = f(&Cell::text(first.value.clone()));
                prop_assert_eq!(&again.value, &first.value);
                prop_assert!(again.issues.iter().all(|i| i.code != Code::ValueFixed));
                if first.issues.iter().all(|i| i.code != error) {
                    // Only the typo warning may remain on a fixed value.
                    prop_assert!(again.issues.iter().all(|i| i.code == Code::EmailSuspicious));
                }
            }
        }

        #[test]
        fn address_like_values_are_idempotent(s in "[a-zA-Z0-9.@ ;<>:-]{0,30}") {
            let first = check(&Cell::text(s));
            let again = check(&Cell::text(first.value.clone()));
            prop_assert_eq!(&again.value, &first.value);
            let fixes_only = first.issues.iter().all(|i| i.code == Code::ValueFixed);
            if fixes_only {
                prop_assert!(again.issues.is_empty());
            }
        }

        #[test]
        fn valid_addresses_pass(local in "[a-z0-9]{1,10}(\\.[a-z0-9]{1,10})?", domain in "[a-z0-9]{1,10}\\.(fr|com|net|org)") {
            let address = format!("{local}@{domain}");
            let checked = check(&Cell::text(address.clone()));
            prop_assert_eq!(&checked.value, &address);
            prop_assert!(checked.issues.iter().all(|i| i.code == Code::EmailSuspicious));
        }
    }
}
