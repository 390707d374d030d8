//! Finding the header row and matching its cells to schema fields, whatever the spelling:
//! case, accents, punctuation and spacing are ignored; the field's id, title and synonyms are
//! recognised, as is a header containing one of them (« Téléphone portable »), and a close
//! typo (one edit for short headers, two for long ones, only when a single field is that close;
//! edits as [`crate::distance`] counts them, a swap of two neighbours being one).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::distance::distance_of;
use crate::fold::fold;
use crate::read::grid::RawRow;
use crate::report::{Code, Finding};
use crate::schema::{Required, Schema};
use crate::table::{CellKind, Column};
use crate::text::read as msg;

/// Every recognised spelling of the schema's fields, folded ([`fold`]).
#[derive(Clone, Debug)]
pub struct Matcher {
    /// In schema order: the first key that matches wins.
    keys: Vec<Key>,
    /// Each key's field; the first field for a key several fields share.
    exact: HashMap<String, usize>,
    /// Each key of more than one byte without its spaces, and its (first) field.
    compact: HashMap<String, usize>,
    /// The keys (indices into `keys`, ascending) by their first word.
    by_first_word: HashMap<String, Vec<usize>>,
    /// Cells already matched: the rows scanned for the header are scanned again when the
    /// chosen sheet is read whole.
    seen: RefCell<HashMap<String, Option<usize>>>,
}

/// Cell texts a [`Matcher`] remembers, so that its memory stays bounded.
const MAX_SEEN: usize = 4_096;

/// One spelling, with the forms the slower matches need, computed once.
#[derive(Clone, Debug)]
struct Key {
    text: String,
    chars: Vec<char>,
    bag: Bag,
    field: usize,
}

/// How many characters of each kind a text holds (characters folded into 64 buckets): the edit
/// distance of two texts is at least their « bag distance », a bound computed without the
/// distance's table. Two characters sharing a bucket only make the bound smaller, never wrong.
#[derive(Clone, Debug)]
struct Bag([u8; 64]);

impl Bag {
    fn of(chars: &[char]) -> Bag {
        let mut counts = [0u8; 64];
        for c in chars {
            if let Some(n) = counts.get_mut(*c as usize % 64) {
                *n = n.saturating_add(1);
            }
        }
        Bag(counts)
    }

    /// The buckets this bag holds something in.
    fn buckets(&self) -> Vec<usize> {
        (0..self.0.len())
            .filter(|&b| self.0.get(b).is_some_and(|n| *n > 0))
            .collect()
    }

    /// A lower bound of the edit distance between the texts of `self` and `other`;
    /// `buckets` are [`Bag::buckets`] of `self`.
    fn distance_bound(
        &self,
        buckets: &[usize],
        len: usize,
        other: &Bag,
        other_len: usize,
    ) -> usize {
        let common: usize = buckets
            .iter()
            .filter_map(|&b| Some(usize::from(*self.0.get(b)?.min(other.0.get(b)?))))
            .sum();
        len.max(other_len).saturating_sub(common)
    }
}

impl Matcher {
    /// The spellings of every field: id, title, synonyms.
    pub fn new(schema: &Schema) -> Matcher {
        let mut keys: Vec<Key> = Vec::new();
        for (i, f) in schema.fields.iter().enumerate() {
            let spellings = [f.id.as_str(), f.title.as_str()]
                .into_iter()
                .chain(f.synonyms.iter().map(String::as_str));
            for s in spellings {
                let key = fold(s);
                if !key.is_empty() && !keys.iter().any(|k| k.text == key && k.field == i) {
                    let chars: Vec<char> = key.chars().collect();
                    keys.push(Key {
                        bag: Bag::of(&chars),
                        chars,
                        text: key,
                        field: i,
                    });
                }
            }
        }
        let mut exact = HashMap::new();
        let mut compact = HashMap::new();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, k) in keys.iter().enumerate() {
            exact.entry(k.text.clone()).or_insert(k.field);
            if k.text.len() > 1 {
                compact.entry(k.text.replace(' ', "")).or_insert(k.field);
            }
            let first = k.text.split(' ').next().unwrap_or_default();
            by_first_word.entry(first.to_string()).or_default().push(n);
        }
        Matcher {
            keys,
            exact,
            compact,
            by_first_word,
            seen: RefCell::default(),
        }
    }

    /// The schema field index a header means, if any.
    ///
    /// ```
    /// use annuaire_cpts::read::header::Matcher;
    /// use annuaire_cpts::Schema;
    /// let schema = Schema::default();
    /// let m = Matcher::new(&schema);
    /// let id = |h: &str| m.field(h).map(|i| schema.fields[i].id.as_str());
    /// assert_eq!(id("TÉLÉPHONE portable"), Some("telephone"));
    /// assert_eq!(id("Code postale"), Some("code_postal"));
    /// assert_eq!(id("Date de naissance"), None);
    /// assert_eq!(id("Adresse mail MSSanté"), Some("mssante"));
    /// ```
    pub fn field(&self, header: &str) -> Option<usize> {
        if let Some(known) = self.seen.borrow().get(header) {
            return *known;
        }
        let field = self.match_field(header);
        let mut seen = self.seen.borrow_mut();
        if seen.len() < MAX_SEEN {
            seen.insert(header.to_string(), field);
        }
        field
    }

    /// [`Matcher::field`] without the memory of cells already seen.
    fn match_field(&self, header: &str) -> Option<usize> {
        let h = fold(header);
        if h.is_empty() {
            return None;
        }
        if let Some(i) = self.exact.get(&h) {
            return Some(*i);
        }
        // « C.P. », « E mail »: the same letters once the spaces are gone.
        if let Some(i) = self.compact.get(&h.replace(' ', "")) {
            return Some(*i);
        }
        self.contained(&h).or_else(|| self.close(&h))
    }

    /// The longest key found as whole words inside the header; the earliest on a tie.
    fn contained(&self, h: &str) -> Option<usize> {
        // Each key that occurs, with its first position: only the keys whose first word is one
        // of the header's are tried, at the positions of that word.
        let mut found: Vec<(usize, usize)> = Vec::new(); // (key index, position)
        let mut at = 0;
        for word in h.split(' ') {
            if let Some(candidates) = self.by_first_word.get(word) {
                for &n in candidates {
                    let occurs = self.keys.get(n).is_some_and(|k| {
                        h.get(at..)
                            .is_some_and(|rest| is_words_prefix(rest, &k.text))
                    });
                    if occurs && !found.iter().any(|(m, _)| *m == n) {
                        found.push((n, at));
                    }
                }
            }
            at += word.len() + 1;
        }
        // The same choice as trying every key in order.
        found.sort_unstable();
        let mut best: Option<(usize, usize, usize)> = None; // (len, position, field)
        for (n, pos) in found {
            let Some(k) = self.keys.get(n) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((len, p, _)) => k.text.len() > len || (k.text.len() == len && pos < p),
            };
            if better {
                best = Some((k.text.len(), pos, k.field));
            }
        }
        best.map(|(_, _, i)| i)
    }

    /// The one field within a small edit distance.
    fn close(&self, h: &str) -> Option<usize> {
        let h: Vec<char> = h.chars().collect();
        let len = h.len();
        let allowed = match len {
            0..=3 => return None,
            4..=7 => 1,
            _ => 2,
        };
        let bag = Bag::of(&h);
        let buckets = bag.buckets();
        let mut best: Option<(usize, usize)> = None;
        let mut tie = false;
        for k in &self.keys {
            if k.chars.len().abs_diff(len) > allowed
                || bag.distance_bound(&buckets, len, &k.bag, k.chars.len()) > allowed
            {
                continue;
            }
            let Some(d) = distance_of(&h, &k.chars, allowed) else {
                continue;
            };
            match best {
                Some((bd, bi)) if d == bd && bi != k.field => tie = true,
                Some((bd, _)) if d >= bd => {}
                _ => {
                    best = Some((d, k.field));
                    tie = false;
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(_, i)| i)
    }
}

/// Whether `text` begins with the words of `key` (both normalised: words separated by single
/// spaces).
fn is_words_prefix(text: &str, key: &str) -> bool {
    text.starts_with(key) && matches!(text.as_bytes().get(key.len()), None | Some(b' '))
}

/// How many distinct fields a row's text cells name.
pub fn score(row: &RawRow, matcher: &Matcher, fields: usize) -> usize {
    let mut seen = vec![false; fields];
    for cell in &row.cells {
        if matches!(cell.kind, CellKind::Text | CellKind::Untyped) {
            if let Some(slot) = matcher.field(&cell.text).and_then(|i| seen.get_mut(i)) {
                *slot = true;
            }
        }
    }
    seen.iter().filter(|s| **s).count()
}

/// The fewest fields a header row must name.
pub const MIN_SCORE: usize = 2;

/// The index (among `rows`) of the best header row and its score: the row naming the most
/// fields, the first on a tie. `None` when no row names [`MIN_SCORE`] fields.
pub fn find(rows: &[RawRow], matcher: &Matcher, fields: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate() {
        let s = score(row, matcher, fields);
        if s >= MIN_SCORE.min(fields.max(1)) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best
}

/// The columns of a header row, matched to fields, and the column findings.
pub fn columns(row: &RawRow, schema: &Schema, matcher: &Matcher) -> (Vec<Column>, Vec<Finding>) {
    let mut columns = Vec::new();
    let mut findings = Vec::new();
    let mut used = vec![false; schema.fields.len()];
    for (index, cell) in row.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let mut header = cell.text.trim().to_string();
        let matched = matcher.field(&header);
        // A header is a cell too: a NIR typed there must not travel on in the column findings,
        // the report's columns or the « Contrôle » sheet.
        if let Some(issue) = crate::rules::nir::scan(&header) {
            header = crate::rules::nir::mask(&header);
            findings.push(
                Finding::new(issue.code, issue.message)
                    .at_row(row.number)
                    .with_value(header.clone()),
            );
        }
        let mut field = None;
        match matched {
            Some(i) => {
                let Some(f) = schema.fields.get(i) else {
                    continue;
                };
                if used.get(i).copied().unwrap_or(true) {
                    findings.push(
                        Finding::new(
                            Code::ColumnDuplicate,
                            msg::column_duplicate(&header, &f.title),
                        )
                        .in_column(f.id.clone())
                        .with_value(header.clone()),
                    );
                } else {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                    field = Some(f.id.clone());
                }
            }
            None => findings.push(
                Finding::new(Code::ColumnUnknown, msg::column_unknown(&header))
                    .with_value(header.clone()),
            ),
        }
        columns.push(Column {
            index,
            header,
            field,
        });
    }
    findings.splice(0..0, missing(schema, &used));
    (columns, findings)
}

/// `column.missing` for each required field absent; the contact fields count as one group.
fn missing(schema: &Schema, used: &[bool]) -> Vec<Finding> {
    let mut out = Vec::new();
    let contacts: Vec<usize> = (0..schema.fields.len())
        .filter(|&i| {
            schema
                .fields
                .get(i)
                .is_some_and(|f| f.required == Required::Contact)
        })
        .collect();
    let any_contact = contacts
        .iter()
        .any(|&i| used.get(i).copied().unwrap_or(false));
    for (i, f) in schema.fields.iter().enumerate() {
        if used.get(i).copied().unwrap_or(false) {
            continue;
        }
        match f.required {
            Required::Yes | Required::HealthProfession => out.push(
                Finding::new(Code::ColumnMissing, msg::column_missing(&f.title))
                    .in_column(f.id.clone()),
            ),
            Required::Contact if !any_contact && contacts.first() == Some(&i) => {
                let titles: Vec<&str> = contacts
                    .iter()
                    .filter_map(|&j| schema.fields.get(j).map(|f| f.title.as_str()))
                    .collect();
                out.push(
                    Finding::new(Code::ColumnMissing, msg::contact_missing(&titles))
                        .in_column(f.id.clone()),
                );
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Cell;
    use proptest::prelude::*;

    fn id(h: &str) -> Option<String> {
        let s = Schema::default();
        Matcher::new(&s).field(h).map(|i| s.fields[i].id.clone())
    }

    #[test]
    fn headers_match_whatever_the_spelling() {
        for (header, field) in [
            ("NOM", "nom"),
            ("  Prénom ", "prenom"),
            ("PRENOM", "prenom"),
            ("N° RPPS", "identifiant"),
            ("RPPS/ADELI", "identifiant"),
            ("Numéro RPPS", "identifiant"),
            ("Téléphone portable", "telephone"),
            ("Telefone", "telephone"),
            ("Courriel", "email"),
            ("Adresse mail", "email"),
            ("Adresse e-mail professionnelle", "email"),
            ("Adresse du cabinet", "adresse"),
            ("CP", "code_postal"),
            ("C.P.", "code_postal"),
            ("code_postal", "code_postal"),
            ("Code postale", "code_postal"),
            ("Ville", "commune"),
            ("MSSanté", "mssante"),
            ("Spico Dossiers", "spico_dossier"),
            ("SPICO discussion ?", "spico_discussion"),
            ("Date d’adhésion", "date_adhesion"),
            ("Profesion", "profession"),
            ("Mode d'exercise", "mode_exercice"),
            ("Opposition à la transmission des données", "opposition"),
        ] {
            assert_eq!(id(header).as_deref(), Some(field), "{header}");
        }
    }

    /// The matcher as it was before its lookups were precomputed: the reference the fast
    /// matcher must agree with.
    fn field_reference(schema: &Schema, header: &str) -> Option<usize> {
        let mut keys: Vec<(String, usize)> = Vec::new();
        for (i, f) in schema.fields.iter().enumerate() {
            let spellings = [f.id.as_str(), f.title.as_str()]
                .into_iter()
                .chain(f.synonyms.iter().map(String::as_str));
            for s in spellings {
                let key = fold(s);
                if !key.is_empty() && !keys.iter().any(|(k, j)| *k == key && *j == i) {
                    keys.push((key, i));
                }
            }
        }
        let h = fold(header);
        if h.is_empty() {
            return None;
        }
        if let Some((_, i)) = keys.iter().find(|(k, _)| *k == h) {
            return Some(*i);
        }
        let compact: String = h.chars().filter(|c| *c != ' ').collect();
        if let Some((_, i)) = keys
            .iter()
            .find(|(k, _)| k.len() > 1 && k.chars().filter(|c| *c != ' ').eq(compact.chars()))
        {
            return Some(*i);
        }
        let padded = format!(" {h} ");
        let mut best: Option<(usize, usize, usize)> = None;
        for (k, i) in &keys {
            if let Some(pos) = padded.find(&format!(" {k} ")) {
                let better = match best {
                    None => true,
                    Some((len, p, _)) => k.len() > len || (k.len() == len && pos < p),
                };
                if better {
                    best = Some((k.len(), pos, *i));
                }
            }
        }
        if let Some((_, _, i)) = best {
            return Some(i);
        }
        let len = h.chars().count();
        let allowed = match len {
            0..=3 => return None,
            4..=7 => 1,
            _ => 2,
        };
        let mut best: Option<(usize, usize)> = None;
        let mut tie = false;
        for (k, i) in &keys {
            if k.chars().count().abs_diff(len) > allowed {
                continue;
            }
            let Some(d) = crate::distance::distance(&h, k, allowed) else {
                continue;
            };
            match best {
                Some((bd, bi)) if d == bd && bi != *i => tie = true,
                Some((bd, _)) if d >= bd => {}
                _ => {
                    best = Some((d, *i));
                    tie = false;
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(_, i)| i)
    }

    /// Headers made of pieces of the schema's own spellings, typos and noise.
    fn header_strategy() -> impl Strategy<Value = String> {
        let s = Schema::default();
        let mut pieces: Vec<String> = s
            .fields
            .iter()
            .flat_map(|f| {
                [f.id.clone(), f.title.clone()]
                    .into_iter()
                    .chain(f.synonyms.iter().cloned())
            })
            .collect();
        pieces.extend(
            [
                "n°", "de", "d'", "é", "portable", "pro", "?", ".", "mail", "e", "x", "tél",
            ]
            .map(String::from),
        );
        (
            proptest::collection::vec(proptest::sample::select(pieces), 1..4),
            "[ ./'_-]{0,2}",
            "\\PC{0,3}",
            0usize..12,
        )
            .prop_map(|(parts, sep, noise, cut)| {
                let mut h = parts.join(&sep);
                if cut < h.chars().count() && cut % 3 == 0 {
                    // A typo: one character removed.
                    h = h
                        .chars()
                        .enumerate()
                        .filter(|(i, _)| *i != cut)
                        .map(|(_, c)| c)
                        .collect();
                }
                h.push_str(&noise);
                h
            })
    }

    proptest! {
        #[test]
        fn the_fast_matcher_agrees_with_the_reference(
            header in header_strategy().boxed().prop_union("\\PC{0,20}".boxed())
        ) {
            let s = Schema::default();
            let m = Matcher::new(&s);
            prop_assert_eq!(m.field(&header), field_reference(&s, &header), "{:?}", header);
            // Remembered: the same answer again.
            prop_assert_eq!(m.field(&header), field_reference(&s, &header), "{:?}", header);
        }

        #[test]
        fn the_bag_bound_never_exceeds_the_distance(a in "\\PC{0,12}", b in "[a-zé ]{0,12}") {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let bag = Bag::of(&ca);
            let bound = bag.distance_bound(&bag.buckets(), ca.len(), &Bag::of(&cb), cb.len());
            let exact = crate::distance::distance(&a, &b, usize::MAX);
            prop_assert!(exact.is_some_and(|d| bound <= d), "{} > {:?}", bound, exact);
        }
    }

    #[test]
    fn every_spelling_of_the_schema_matches_as_the_reference_says() {
        let s = Schema::default();
        let m = Matcher::new(&s);
        for f in &s.fields {
            for h in [f.id.clone(), f.title.clone()]
                .into_iter()
                .chain(f.synonyms.iter().cloned())
            {
                for variant in [
                    h.clone(),
                    h.to_uppercase(),
                    format!("{h} pro"),
                    h.replace(' ', ""),
                ] {
                    assert_eq!(
                        m.field(&variant),
                        field_reference(&s, &variant),
                        "{variant}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_cells_remembered_stay_bounded() {
        let s = Schema::default();
        let m = Matcher::new(&s);
        for i in 0..MAX_SEEN + 10 {
            assert_eq!(m.field(&format!("DURAND {i}")), None);
        }
        assert_eq!(m.seen.borrow().len(), MAX_SEEN);
        assert_eq!(
            m.field("Téléphone").map(|i| s.fields[i].id.as_str()),
            Some("telephone")
        );
    }

    #[test]
    fn unrelated_headers_do_not_match() {
        for header in [
            "Date de naissance",
            "Age",
            "IBAN",
            "Commentaire",
            "Observations",
            "N°",
            "",
            "Sexe",
            "Tom",
        ] {
            assert_eq!(id(header), None, "{header}");
        }
    }

    fn row(number: u32, texts: &[&str]) -> RawRow {
        RawRow {
            number,
            cells: texts.iter().map(|t| Cell::text(*t)).collect(),
        }
    }

    #[test]
    fn header_row_below_a_title() {
        let s = Schema::default();
        let m = Matcher::new(&s);
        let rows = [
            row(1, &["Annuaire des adhérents de la CPTS"]),
            row(3, &["Nom", "Prénom", "Profession"]),
            row(4, &["DURAND", "Marie", "Infirmier"]),
        ];
        assert_eq!(find(&rows, &m, s.fields.len()), Some((1, 3)));
        assert_eq!(find(&rows[..1], &m, s.fields.len()), None);
    }

    #[test]
    fn a_nir_typed_as_a_header_is_reported_masked_and_never_copied() {
        let s = Schema::default();
        let m = Matcher::new(&s);
        let nir = "2 99 12 31 555 555 91";
        let (cols, findings) = columns(&row(3, &["Nom", nir]), &s, &m);
        let nir_finding = findings.iter().find(|f| f.code == Code::NirDetected);
        assert_eq!(nir_finding.and_then(|f| f.row), Some(3));
        let shown = format!("{cols:?} {findings:?}");
        assert!(!shown.contains("99 12 31"), "{shown}");
        assert!(!shown.contains("991231"), "{shown}");
        assert_eq!(cols.get(1).map(|c| c.field.clone()), Some(None));
    }

    #[test]
    fn column_findings() {
        let s = Schema::default();
        let m = Matcher::new(&s);
        let (cols, findings) = columns(&row(1, &["Nom", "", "NOM", "Age", "Email"]), &s, &m);
        assert_eq!(cols.len(), 4);
        assert_eq!(cols[0].field.as_deref(), Some("nom"));
        assert_eq!(cols[1].index, 2);
        assert_eq!(cols[1].field, None);
        let codes: Vec<_> = findings
            .iter()
            .map(|f| (f.code, f.column.clone()))
            .collect();
        assert!(codes.contains(&(Code::ColumnDuplicate, Some("nom".into()))));
        assert!(codes.contains(&(Code::ColumnUnknown, None)));
        assert!(codes.contains(&(Code::ColumnMissing, Some("identifiant".into()))));
        assert!(!codes.iter().any(|(_, c)| c.as_deref() == Some("telephone")));
        let (_, findings) = columns(&row(1, &["Nom"]), &s, &m);
        let contact: Vec<_> = findings
            .iter()
            .filter(|f| {
                f.column.as_deref() == Some("telephone") || f.column.as_deref() == Some("email")
            })
            .collect();
        assert_eq!(contact.len(), 1);
    }
}
