//! Professions: the ANS nomenclature (TRE_G15-ProfessionSante, TRE_R95-UsagerTitre,
//! TRE_R94-ProfessionSocial) plus the non-health members a CPTS admits (SPEC §3).
//!
//! The canonical labels come from `data/professions.tsv`, built by `tools/reference-data`
//! from extracts of the ANS CodeSystems (read 2026-11, Terminologies de Santé v1.12.0; see
//! `data/SOURCES.md`). The ANS displays capitalise after a hyphen (« Masseur-Kinésithérapeute »);
//! the labels are written in ordinary French as the Code de la santé publique and SPEC §3 do
//! (« Masseur-kinésithérapeute »), and each keeps its TRE code(s), which ADELI numbers quote.
//! How coordinators actually write professions (IDE, kiné, Infirmière, MSP…) is in
//! `data/profession-aliases.tsv`. Both files are embedded and parsed once, on first use.
//!
//! « Coordinateur » is the one label for coordinators, whatever their gender: the
//! nomenclatures' labels are masculine and one label keeps the drop-down and the ARS merge
//! simple. The deprecated TRE_G15 codes (35 to 39) are accepted but need no identifier: the
//! ANS closed them and those professions are not registered in RPPS or ADELI.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::similar;
use super::{Checked, Issue};
use crate::fold::fold;
use crate::report::Code;
use crate::table::Cell;
use crate::text::places as text;

const TABLE: &str = include_str!("../../data/professions.tsv");
const ALIASES: &str = include_str!("../../data/profession-aliases.tsv");

/// A cell longer than this is not a profession: no suggestion is searched for.
const MAX_SUGGEST_CHARS: usize = 60;

/// Words about the mode d'exercice, dropped before comparing (« IDE libérale » is an IDE), and
/// feminine endings written apart (« Infirmier(e) », « infirmier/ère », « Médiateur.trice »).
const IGNORED_WORDS: [&str; 17] = [
    "liberal",
    "liberale",
    "liberales",
    "liberaux",
    "lib",
    "salarie",
    "salariee",
    "salaries",
    "salariees",
    "e",
    "ere",
    "iere",
    "ne",
    "enne",
    "ienne",
    "trice",
    "euse",
];

/// One canonical profession.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profession {
    /// The label written in the corrected file, e.g. `"Masseur-kinésithérapeute"`.
    pub label: &'static str,
    /// `"TRE_G15"`, `"TRE_R95"`, `"TRE_R94"`, or `"CPTS"` for the non-health members.
    pub nomenclature: &'static str,
    /// The nomenclature code(s), comma-separated (`"70"`, `"38,39"`); `"-"` for CPTS members.
    pub codes: &'static str,
    /// Whether the ANS closed the code (still accepted on input).
    pub deprecated: bool,
    /// Whether a member of this profession must give an RPPS or ADELI number.
    pub needs_identifier: bool,
}

impl Profession {
    /// Whether `code` (e.g. the two profession digits of an ADELI number) is one of this
    /// profession's nomenclature codes.
    ///
    /// ```
    /// use annuaire_cpts::rules::profession;
    /// let infirmier = profession::find("Infirmier").unwrap();
    /// assert!(infirmier.has_code("60"));
    /// assert!(!infirmier.has_code("6"));
    /// ```
    pub fn has_code(&self, code: &str) -> bool {
        self.codes.split(',').any(|c| c == code)
    }
}

/// What a spelling means.
#[derive(Clone, Debug)]
enum Meaning {
    /// One profession (its index in the table), perhaps with a spécialité.
    One(usize, Option<&'static str>),
    /// Several candidates, as written for the message.
    Ambiguous(Vec<&'static str>),
}

struct Tables {
    professions: Vec<Profession>,
    by_key: HashMap<String, Meaning>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(parse)
}

fn parse() -> Tables {
    let professions: Vec<Profession> = data_lines(TABLE)
        .filter_map(|line| {
            let mut f = line.split('\t');
            Some(Profession {
                label: f.next()?,
                nomenclature: f.next()?,
                codes: f.next()?,
                deprecated: f.next()? == "deprecated",
                needs_identifier: f.next()? == "1",
            })
        })
        .collect();
    let mut by_key = HashMap::new();
    let index = |label: &str| professions.iter().position(|p| p.label == label);
    for line in data_lines(ALIASES) {
        let mut f = line.split('\t');
        let (Some(spelling), Some(target)) = (f.next(), f.next()) else {
            continue;
        };
        let meaning = if let Some(list) = target.strip_prefix('?') {
            Meaning::Ambiguous(list.split('|').collect())
        } else if let Some(i) = index(target) {
            Meaning::One(i, f.next().filter(|s| !s.is_empty()))
        } else {
            continue;
        };
        by_key.insert(key(spelling), meaning);
    }
    // The labels themselves last: a label always means itself.
    for (i, p) in professions.iter().enumerate() {
        by_key.insert(key(p.label), Meaning::One(i, None));
    }
    Tables {
        professions,
        by_key,
    }
}

/// Non-comment, non-blank lines of an embedded table.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The comparison key of a spelling: [`crate::fold::fold`] without the ignored words.
fn key(text: &str) -> String {
    let folded = fold(text);
    let mut words = join_initials(&folded).into_iter();
    let mut out = String::with_capacity(folded.len());
    // The first word is never dropped: « E » alone is not an empty profession.
    if let Some(first) = words.next() {
        out.push_str(&first);
    }
    for word in words.filter(|w| !IGNORED_WORDS.contains(&w.as_str())) {
        out.push(' ');
        out.push_str(&word);
    }
    out
}

/// The words of a key, with dotted initials joined back (« i d e l » → « idel »): a run of two
/// or more one-letter words is an acronym.
fn join_initials(folded: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if word.chars().count() == 1 {
            run.push_str(word);
            continue;
        }
        flush(&mut run, &mut out);
        out.push(word.to_owned());
    }
    flush(&mut run, &mut out);
    out
}

/// Ends a run of initials: one letter stays a word, several make an acronym.
fn flush(run: &mut String, out: &mut Vec<String>) {
    if !run.is_empty() {
        out.push(std::mem::take(run));
    }
}

/// What a typed profession means: the whole key, else its longest leading words that have a
/// meaning (« Pharmacien titulaire d'officine » is a Pharmacien, « Psy clinicienne » is
/// ambiguous).
fn meaning(typed: &str) -> Option<&'static Meaning> {
    let k = key(typed);
    lookup(&k).or_else(|| {
        let singular = singular(&k);
        (singular != k).then(|| lookup(&singular)).flatten()
    })
}

/// A key with its plural words made singular (« orthophonistes », « sages femmes »): a trailing
/// `s` is dropped from words of five letters or more, so that short acronyms (« CDS », « IDES »)
/// are never read as plurals of another one.
fn singular(key: &str) -> String {
    key.split(' ')
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if w.chars().count() >= 5 && !stem.ends_with('s') => stem,
            _ => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The meaning of a key, or of its longest prefix of whole words that has one.
fn lookup(k: &str) -> Option<&'static Meaning> {
    let tables = tables();
    if let Some(m) = tables.by_key.get(k) {
        return Some(m);
    }
    let mut cut = k.len();
    while let Some(space) = k.get(..cut).and_then(|head| head.rfind(' ')) {
        cut = space;
        if let Some(m) = tables.by_key.get(k.get(..cut).unwrap_or_default()) {
            return Some(m);
        }
    }
    None
}

/// Checks and maps a profession to its canonical label.
///
/// ```
/// use annuaire_cpts::{rules::profession, Cell, Code};
/// assert!(profession::check(&Cell::text("Infirmier")).issues.is_empty());
///
/// let fixed = profession::check(&Cell::text("IDE libérale"));
/// assert_eq!(fixed.value, "Infirmier");
/// assert_eq!(fixed.issues[0].code, Code::ValueFixed);
///
/// let ortho = profession::check(&Cell::text("ortho"));
/// assert_eq!(ortho.issues[0].code, Code::ProfessionAmbiguous);
/// assert!(ortho.issues[0].message.contains("Orthoptiste"));
///
/// let typo = profession::check(&Cell::text("Kinésithérapeuthe"));
/// assert_eq!(typo.issues[0].code, Code::ProfessionUnknown);
/// assert_eq!(typo.issues[0].fixed.as_deref(), Some("Masseur-kinésithérapeute"));
/// ```
pub fn check(cell: &Cell) -> Checked {
    let typed = collapse(&cell.text);
    if typed.is_empty() {
        return Checked::default();
    }
    match meaning(&typed) {
        Some(Meaning::One(i, _)) => {
            let label = tables().professions.get(*i).map_or("", |p| p.label);
            if label == typed {
                Checked::valid(label)
            } else {
                let message = text::profession_fixed(&typed, label);
                Checked::with(label, Issue::with_fixed(Code::ValueFixed, label, message))
            }
        }
        Some(Meaning::Ambiguous(candidates)) => {
            let message = text::profession_ambiguous(&typed, candidates);
            Checked::with(typed, Issue::new(Code::ProfessionAmbiguous, message))
        }
        None => {
            let suggestion = suggest(&typed);
            let message = text::profession_unknown(&typed, suggestion);
            let issue = match suggestion {
                Some(label) => Issue::with_fixed(Code::ProfessionUnknown, label, message),
                None => Issue::new(Code::ProfessionUnknown, message),
            };
            Checked::with(typed, issue)
        }
    }
}

/// The label whose spelling is closest to an unknown profession, if one is close enough.
fn suggest(typed: &str) -> Option<&'static str> {
    if typed.chars().count() > MAX_SUGGEST_CHARS {
        return None;
    }
    let tables = tables();
    let k = key(typed);
    let nearest = similar::closest(&k, tables.by_key.keys().map(String::as_str))?;
    match tables.by_key.get(nearest)? {
        Meaning::One(i, _) => tables.professions.get(*i).map(|p| p.label),
        Meaning::Ambiguous(_) => None,
    }
}

/// Trimmed, with every run of white space turned into one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every canonical label, in drop-down order: the nomenclatures' professions in alphabetical
/// order, then the CPTS members (Coordinateur, Secrétaire, Médiateur en santé, Structure, Autre).
///
/// ```
/// use annuaire_cpts::rules::profession;
/// let labels = profession::labels();
/// assert!(labels.contains(&"Masseur-kinésithérapeute"));
/// assert_eq!(labels.last(), Some(&"Autre"));
/// ```
pub fn labels() -> Vec<&'static str> {
    tables().professions.iter().map(|p| p.label).collect()
}

/// Every canonical profession, in drop-down order.
pub fn professions() -> &'static [Profession] {
    &tables().professions
}

/// The profession with this canonical label.
///
/// ```
/// use annuaire_cpts::rules::profession;
/// assert_eq!(profession::find("Sage-femme").map(|p| p.codes), Some("50"));
/// assert!(profession::find("sage-femme").is_none());
/// ```
pub fn find(label: &str) -> Option<&'static Profession> {
    tables().professions.iter().find(|p| p.label == label)
}

/// The profession of a nomenclature code (e.g. the profession digits of an ADELI number).
///
/// ```
/// use annuaire_cpts::rules::profession;
/// assert_eq!(profession::by_code("70").map(|p| p.label), Some("Masseur-kinésithérapeute"));
/// assert_eq!(profession::by_code("39").map(|p| p.label), Some("Préparateur en pharmacie"));
/// ```
pub fn by_code(code: &str) -> Option<&'static Profession> {
    tables().professions.iter().find(|p| p.has_code(code))
}

/// Whether members of this canonical profession need an RPPS/ADELI identifier: every active
/// TRE_G15 and TRE_R95 profession; not TRE_R94 nor the CPTS members.
///
/// ```
/// use annuaire_cpts::rules::profession::needs_identifier;
/// assert!(needs_identifier("Infirmier"));
/// assert!(needs_identifier("Ostéopathe"));
/// assert!(!needs_identifier("Assistant de service social"));
/// assert!(!needs_identifier("Coordinateur"));
/// ```
pub fn needs_identifier(label: &str) -> bool {
    find(label).is_some_and(|p| p.needs_identifier)
}

/// The spécialité implied by what was typed (`MG` → `Médecine générale`), if any; read like
/// [`check`] reads the profession (« Médecin généraliste remplaçant » implies it too).
///
/// ```
/// use annuaire_cpts::rules::profession::implied_specialty;
/// assert_eq!(implied_specialty("MG"), Some("Médecine générale"));
/// assert_eq!(implied_specialty("Médecin généraliste"), Some("Médecine générale"));
/// assert_eq!(implied_specialty("Dr"), None);
/// ```
pub fn implied_specialty(typed: &str) -> Option<&'static str> {
    match meaning(typed)? {
        Meaning::One(_, specialty) => *specialty,
        Meaning::Ambiguous(_) => None,
    }
}

#[cfg(test)]
mod tests;
