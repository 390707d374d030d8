//! Postal codes: 5 digits, existing, in Occitanie, not CEDEX (SPEC §3).
//!
//! The table of postal codes and their communes is `data/communes.txt`, built by
//! `tools/reference-data` from `@etalab/decoupage-administratif` (INSEE COG + La Poste, Licence
//! Ouverte; see `data/SOURCES.md`). It is embedded as `examples/pack_communes.rs` packs it
//! (`data/communes.deflate`: a form that compresses better, so that the page's module is
//! smaller), inflated and parsed once, on first use, into a sorted vector searched by
//! bisection; a unit test checks that it gives back the text file's table.
//!
//! CEDEX: the official table lists only the postal codes of communes, never CEDEX codes (which
//! La Poste assigns to businesses and offices), and a CEDEX code has no pattern of its own. So a
//! code is taken as CEDEX when the address says so: the postal cell (« 31035 CEDEX 1 ») or the
//! commune cell (« Toulouse Cedex 9 ») holds the word CEDEX and the code is not a commune's.
//! That is a warning. A commune's code followed by CEDEX (« 31000 CEDEX ») is written as the
//! code alone, with a notice. A code missing from the table with no such word is
//! `postal.invalid`, whose message says to give the commune's code for a CEDEX address.

use std::io::Read;
use std::sync::OnceLock;

use super::{Checked, Issue};
use crate::report::Code;
use crate::table::Cell;
use crate::text::places as text;

/// `data/communes.txt` as `examples/pack_communes.rs` packs it: raw deflate of the header line,
/// every code as its difference from the one before, an empty line, then every code's names.
const PACKED: &[u8] = include_bytes!("../../data/communes.deflate");

/// The departments of Occitanie.
pub const OCCITANIE: [&str; 13] = [
    "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82",
];

/// A commune (or another official name) found at a postal code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Commune {
    /// The official name, e.g. `"Saint-Jean-du-Falga"`.
    pub name: &'static str,
    /// `true` for a commune; `false` for another official name served by the code: an
    /// arrondissement municipal (« Paris 11e Arrondissement ») or a commune déléguée or
    /// associée, accepted as typed but never suggested first.
    pub primary: bool,
}

/// The packed text, inflated once.
fn unpacked() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut text = String::new();
        // The embedded file always inflates (a unit test reads it): should it not, the table
        // is empty and every code unknown, rather than the page trapping.
        if flate2::read::DeflateDecoder::new(PACKED)
            .read_to_string(&mut text)
            .is_err()
        {
            text.clear();
        }
        text
    })
}

/// Every postal code with its names (`"Toulouse"`, `"Arvigna|…|~Saint-Amans"`), sorted.
fn table() -> &'static [(u32, &'static str)] {
    static TABLE: OnceLock<Vec<(u32, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let body = unpacked().split_once('\n').map_or("", |(_, body)| body);
        let (deltas, names) = body.split_once("\n\n").unwrap_or_default();
        // Sorted by construction: each code is the previous one plus its difference. A line
        // that does not read ends the table rather than shifting every code after it.
        let mut code = 0u32;
        deltas
            .lines()
            .zip(names.lines())
            .map_while(|(delta, names)| {
                code = code.checked_add(delta.parse().ok()?)?;
                Some((code, names))
            })
            .collect()
    })
}

/// The communes served by a 5-digit postal code, communes first; `None` when the code is not
/// in the table (not 5 digits, unknown, or a CEDEX code).
///
/// ```
/// use annuaire_cpts::rules::postal;
/// let names: Vec<_> = postal::communes("31000").unwrap().map(|c| c.name).collect();
/// assert_eq!(names, ["Toulouse"]);
/// assert!(postal::communes("31035").is_none());
/// ```
pub fn communes(code: &str) -> Option<impl Iterator<Item = Commune>> {
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u32 = code.parse().ok()?;
    let rows = table();
    let index = rows.binary_search_by_key(&number, |(c, _)| *c).ok()?;
    let (_, names) = rows.get(index)?;
    Some(names.split('|').map(|name| match name.strip_prefix('~') {
        Some(other) => Commune {
            name: other,
            primary: false,
        },
        None => Commune {
            name,
            primary: true,
        },
    }))
}

/// The source of the table, as its first line names it (`"@etalab/decoupage-administratif
/// 6.0.0"`), for the attribution the Licence Ouverte asks for (see
/// [`crate::text::places::communes_attribution`]).
///
/// ```
/// use annuaire_cpts::rules::postal;
/// assert!(postal::source().starts_with("@etalab/decoupage-administratif "));
/// ```
pub fn source() -> &'static str {
    unpacked()
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# "))
        .unwrap_or_default()
}

/// Whether a 5-digit code is a commune's postal code.
///
/// ```
/// use annuaire_cpts::rules::postal::exists;
/// assert!(exists("09100"));
/// assert!(!exists("9100"));
/// ```
pub fn exists(code: &str) -> bool {
    communes(code).is_some()
}

/// Checks a postal code; restores a lost leading zero. Same as [`check_with_commune`] with an
/// empty commune.
///
/// ```
/// use annuaire_cpts::{rules::postal, Cell, Code};
/// assert!(postal::check(&Cell::text("31000")).issues.is_empty());
///
/// let restored = postal::check(&Cell::number("9100"));
/// assert_eq!(restored.value, "09100");
/// assert_eq!(restored.issues[0].code, Code::ValueFixed);
///
/// let cedex = postal::check(&Cell::text("31035 cedex 1"));
/// assert_eq!(cedex.value, "31035 CEDEX 1");
/// assert_eq!(cedex.issues[1].code, Code::PostalCedex);
/// ```
pub fn check(cell: &Cell) -> Checked {
    check_with_commune(cell, "")
}

/// Checks a postal code knowing the commune cell, whose « CEDEX » marks a CEDEX code (see the
/// module docs).
///
/// ```
/// use annuaire_cpts::{rules::postal, Cell, Code};
/// let alone = postal::check(&Cell::text("31035"));
/// assert_eq!(alone.issues[0].code, Code::PostalInvalid);
///
/// let with_commune = postal::check_with_commune(&Cell::text("31035"), "TOULOUSE CEDEX 1");
/// assert_eq!(with_commune.issues[0].code, Code::PostalCedex);
/// ```
pub fn check_with_commune(cell: &Cell, commune: &str) -> Checked {
    let typed = cell.text.trim();
    if typed.is_empty() {
        return Checked::default();
    }
    let Some(parsed) = Parsed::from(typed) else {
        return invalid(typed);
    };
    let code = parsed.code;
    let says_cedex = parsed.cedex.is_some() || commune.to_ascii_lowercase().contains("cedex");
    // A commune's own code with « CEDEX » after it is still the commune's code: the column
    // keeps the 5 digits, and there is no CEDEX code to warn about.
    let cedex = says_cedex && !exists(&code);
    if !cedex && !exists(&code) {
        return invalid(typed);
    }
    let value = match &parsed.cedex {
        Some(n) if cedex && n.is_empty() => format!("{code} CEDEX"),
        Some(n) if cedex => format!("{code} CEDEX {n}"),
        _ => code.clone(),
    };
    let mut issues = Vec::new();
    if value != typed {
        let message = text::postal_fixed(typed, &value);
        issues.push(Issue::with_fixed(Code::ValueFixed, value.clone(), message));
    }
    if cedex {
        issues.push(Issue::new(Code::PostalCedex, text::postal_cedex(&code)));
    }
    if !OCCITANIE.contains(&code.get(..2).unwrap_or_default()) {
        let message = text::postal_outside_region(&code);
        issues.push(Issue::new(Code::PostalOutsideRegion, message));
    }
    Checked { value, issues }
}

fn invalid(typed: &str) -> Checked {
    Checked::with(
        typed,
        Issue::new(Code::PostalInvalid, text::postal_invalid(typed)),
    )
}

/// A postal cell taken apart: five digits, and the CEDEX number when it says CEDEX.
struct Parsed {
    code: String,
    /// `Some("")` for a bare « CEDEX », `Some("9")` for « CEDEX 9 ».
    cedex: Option<String>,
}

impl Parsed {
    fn from(typed: &str) -> Option<Parsed> {
        // ASCII lowering keeps byte offsets, so `at` indexes `typed` too.
        let lower = typed.to_ascii_lowercase();
        let (digits_part, cedex) = match lower.find("cedex") {
            Some(at) => {
                let number: String = typed.get(at + 5..)?.split_whitespace().collect();
                if number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (typed.get(..at)?, Some(number))
            }
            None => (typed, None),
        };
        let digits: String = digits_part.split_whitespace().collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code = match digits.len() {
            // Excel dropped the leading zero of departments 01 to 09.
            4 => format!("0{digits}"),
            5 => digits,
            _ => return None,
        };
        Some(Parsed { code, cedex })
    }
}

#[cfg(test)]
mod tests;
