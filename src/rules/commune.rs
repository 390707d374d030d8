//! Communes, matched against the postal code (SPEC §3), with the table of
//! [`super::postal::communes`] (INSEE COG + La Poste via `@etalab/decoupage-administratif`).
//!
//! Two spellings match when they are the same but for case, accents, hyphens, apostrophes and
//! spacing, « St »/« Ste » for Saint/Sainte, « s/ » for « sur », and a « CEDEX n » suffix
//! (« ST JEAN DU FALGA » is Saint-Jean-du-Falga). A match written differently is replaced by the
//! official name; no match is a warning suggesting the commune of the code (the closest one
//! when the code serves several). An arrondissement municipal, or a commune déléguée or
//! associée still used in addresses, matches too and keeps its own official name.

use super::postal::{self, Commune};
use super::similar;
use super::{Checked, Issue};
use crate::fold::fold;
use crate::report::Code;
use crate::table::Cell;
use crate::text::places as text;

/// Checks a commune against a (checked) postal code; suggests the commune of the code. With an
/// empty, invalid or CEDEX postal code there is nothing to compare with: the commune is only
/// trimmed.
///
/// ```
/// use annuaire_cpts::{rules::commune, Cell, Code};
/// assert!(commune::check(&Cell::text("Toulouse"), "31000").issues.is_empty());
///
/// let fixed = commune::check(&Cell::text("ST JEAN DU FALGA"), "09100");
/// assert_eq!(fixed.value, "Saint-Jean-du-Falga");
/// assert_eq!(fixed.issues[0].code, Code::ValueFixed);
///
/// let wrong = commune::check(&Cell::text("Albi"), "31000");
/// assert_eq!(wrong.value, "Albi");
/// assert_eq!(wrong.issues[0].code, Code::CommuneMismatch);
/// assert_eq!(wrong.issues[0].fixed.as_deref(), Some("Toulouse"));
/// ```
pub fn check(cell: &Cell, postal_code: &str) -> Checked {
    let typed = cell.text.trim();
    if typed.is_empty() {
        return Checked::default();
    }
    let code = code_of(postal_code);
    let Some(communes) = postal::communes(code) else {
        return Checked::valid(typed);
    };
    let communes: Vec<Commune> = communes.collect();
    let wanted = key(typed);
    if let Some(found) = communes.iter().find(|c| key(c.name) == wanted) {
        if found.name == typed {
            return Checked::valid(typed);
        }
        let message = text::commune_fixed(typed, found.name);
        return Checked::with(
            found.name,
            Issue::with_fixed(Code::ValueFixed, found.name, message),
        );
    }
    let suggestion = suggest(&wanted, &communes);
    let names: Vec<&str> = communes
        .iter()
        .filter(|c| c.primary)
        .map(|c| c.name)
        .collect();
    let message = text::commune_mismatch(typed, code, &names);
    let issue = match suggestion {
        Some(name) => Issue::with_fixed(Code::CommuneMismatch, name, message),
        None => Issue::new(Code::CommuneMismatch, message),
    };
    Checked::with(typed, issue)
}

/// The commune to propose for an empty Commune cell: the only commune of a (checked) postal
/// code; `None` when the code serves several communes or none.
///
/// ```
/// use annuaire_cpts::rules::commune;
/// assert_eq!(commune::only_commune_of("46000"), Some("Cahors"));
/// assert_eq!(commune::only_commune_of("31650"), None); // three communes
/// assert_eq!(commune::only_commune_of(""), None);
/// ```
pub fn only_commune_of(postal_code: &str) -> Option<&'static str> {
    let mut primaries = postal::communes(code_of(postal_code))?.filter(|c| c.primary);
    let only = primaries.next()?;
    primaries.next().is_none().then_some(only.name)
}

/// The 5-digit code of a checked postal value: the whole value, or what comes before
/// « CEDEX » (« 31000 CEDEX »); empty for anything else (« 310000 » is not « 31000 »).
fn code_of(postal_code: &str) -> &str {
    let trimmed = postal_code.trim();
    match trimmed.split_once(char::is_whitespace) {
        None => trimmed,
        Some((code, rest)) if rest.trim_start().to_ascii_lowercase().starts_with("cedex") => code,
        Some(_) => "",
    }
}

/// The commune to suggest: the only commune of the code, else the closest name (any official
/// name, so « Bellegarde » finds Bellegarde-sur-Valserine), else the one commune whose name
/// starts with the words typed (« Saint-Orens » is Saint-Orens-de-Gameville), else the first
/// commune.
fn suggest(wanted: &str, communes: &[Commune]) -> Option<&'static str> {
    let primaries: Vec<&Commune> = communes.iter().filter(|c| c.primary).collect();
    if let [only] = primaries.as_slice() {
        return Some(only.name);
    }
    let keys: Vec<(String, &'static str)> =
        communes.iter().map(|c| (key(c.name), c.name)).collect();
    let nearest = similar::closest(wanted, keys.iter().map(|(k, _)| k.as_str()))
        .and_then(|k| keys.iter().find(|(key, _)| key == k))
        .map(|(_, name)| *name);
    // Several communes and none close to what was typed: picking one would be a guess (Foix
    // typed with 09100 is not « Arvigna »); the message lists them instead.
    nearest.or_else(|| shortened(wanted, &keys))
}

/// The only commune whose key begins with the words of `wanted` (a name cut short).
fn shortened(wanted: &str, keys: &[(String, &'static str)]) -> Option<&'static str> {
    if wanted.is_empty() {
        return None;
    }
    let mut found = keys
        .iter()
        .filter(|(key, _)| {
            key.strip_prefix(wanted)
                .is_some_and(|rest| rest.starts_with(' '))
        })
        .map(|(_, name)| *name);
    let first = found.next()?;
    found.all(|name| name == first).then_some(first)
}

/// The comparison key of a commune name: [`crate::fold::fold`] with Saint/Sainte/sur spelled out,
/// arrondissements reduced to their number (« Paris 11ème arr. » is « paris 11 », as is
/// « Paris 11e Arrondissement ») and a trailing « CEDEX » (with its number) dropped.
fn key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .filter(|w| !matches!(*w, "arrondissement" | "arrdt" | "arr"))
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            "s" => "sur",
            other => ordinal_number(other).unwrap_or(other),
        })
        .collect();
    if let Some(at) = words.iter().rposition(|w| *w == "cedex") {
        let after = words.get(at + 1..).unwrap_or_default();
        if at > 0 && after.iter().all(|w| w.len() <= 2) {
            words.truncate(at);
        }
    }
    words.join(" ")
}

/// The number of an ordinal written « 1er », « 11e » or « 11eme » (accents already folded).
fn ordinal_number(word: &str) -> Option<&str> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word.get(digits.len()..)?;
    let is_number = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    (is_number && matches!(suffix, "e" | "er" | "eme" | "ere")).then_some(digits)
}

#[cfg(test)]
mod tests;
