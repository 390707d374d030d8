//! This year's directory against last year's (SPEC §12): who joined, who left, what changed,
//! field by field, and how the use of the SPICO tools moved. For the coordinator only: none of
//! it goes into the file for the ARS, which holds this year's members alone.
//!
//! Each side is a [`Document`] read and checked by the usual pipeline, and the comparison works
//! on the **checked values** ([`Record::values`]): reordered or renamed columns, another format
//! (last year .xls, this year .xlsx), a phone typed « 0561… » one year and « 05 61 … » the next,
//! or the zero Excel dropped from a postal code make no difference.
//!
//! Members are matched in three rounds, each on the rows the earlier ones left:
//! 1. the same RPPS / ADELI (the field of role [`Role::Identifier`]);
//! 2. the same Nom + Prénom + Profession, compared folded ([`crate::fold`]: case, accents,
//!    punctuation ignored);
//! 3. the same, within one edit ([`crate::distance`]: one letter typed wrong, missing, added or
//!    two swapped);
//! 4. rows with neither identifier nor name: the same values in every field.
//!
//! Two different identifiers never match, whatever the names. A row that could be several
//! members of the other year (the same identifier twice, two close names…) is never guessed:
//! it is listed in [`Comparison::ambiguous`] with its candidates.
//!
//! Privacy: rows the check removed as blank or as the template's example are ignored. A member
//! who objected to the transmission (role [`Role::Opposition`] = Oui) on either side is matched
//! like the others, so that they do not show as arriving or leaving, but appears as a count
//! only ([`Comparison::objecting`]), never by name or row. NIRs never appear: the check blanks
//! them in every value.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::check::{identifier_key, name_key, CheckOptions, Outcome, Record};
use crate::distance::distance;
use crate::document::Document;
use crate::hash::{hash_one, FastMap};
use crate::report::Code;
use crate::rules::{identifier, name, profession, yes_no};
use crate::schema::{Role, Schema};
use crate::table::Cell;

/// One year's directory: the document as read and its check.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The file as read.
    pub document: &'a Document,
    /// Its check ([`Document::check`]), whose values are compared.
    pub outcome: &'a Outcome,
}

/// How a pair of rows was recognised as the same member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The same RPPS / ADELI.
    Identifier,
    /// The same Nom + Prénom + Profession (case and accents aside).
    Name,
    /// Nom + Prénom + Profession within one typo.
    CloseName,
    /// Neither identifier nor name, but the same values in every field.
    Values,
}

/// A member as listed: who, and the spreadsheet row on each side where there is one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// The Nom (this year's value for a member of both years).
    pub nom: Arc<str>,
    /// The Prénom.
    pub prenom: Arc<str>,
    /// The Profession.
    pub profession: Arc<str>,
    /// The row in last year's file (`None`: a member who joined).
    pub last_row: Option<u32>,
    /// The row in this year's file (`None`: a member who left).
    pub this_row: Option<u32>,
}

/// One field that changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's id (this year's schema).
    pub field: String,
    /// The field's output header.
    pub title: String,
    /// Last year's value.
    pub before: Arc<str>,
    /// This year's value.
    pub after: Arc<str>,
}

/// A member of both years whose values differ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Changed {
    /// Who.
    #[serde(flatten)]
    pub member: Member,
    /// How the two rows were matched.
    pub matched_by: MatchKind,
    /// The fields that differ, in this year's schema order.
    pub fields: Vec<FieldChange>,
}

/// Rows that could be the same member in several ways: listed, never guessed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ambiguous {
    /// The rows of last year's file involved.
    pub last: Vec<Member>,
    /// The rows of this year's file involved.
    pub this: Vec<Member>,
}

/// How the use of one SPICO tool moved among the members of both years.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    /// Members who answered Non last year and Oui this year.
    pub adopted: usize,
    /// Members who answered Oui last year and Non this year.
    pub dropped: usize,
    /// Members who answer Oui in last year's file (all of them, not only those of both years).
    pub users_last: usize,
    /// Members who answer Oui in this year's file.
    pub users_this: usize,
}

/// The SPICO counts, per tool; `None` when a file has no column for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spico {
    /// « Utilise SPICO Dossier ».
    pub dossier: Option<Adoption>,
    /// « Utilise SPICO Discussion ».
    pub discussion: Option<Adoption>,
}

/// One file of the comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSide {
    /// The file name as given.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// Members kept by the check (objecting members are not counted: they are left out).
    pub members: usize,
}

/// What changed from last year's directory to this year's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Last year's file.
    pub last: FileSide,
    /// This year's file.
    pub this: FileSide,
    /// Members of this year only, in this year's row order.
    pub joined: Vec<Member>,
    /// Members of last year only, in last year's row order.
    pub left: Vec<Member>,
    /// Members of both years whose values differ, in this year's row order.
    pub changed: Vec<Changed>,
    /// Members of both years with the same values.
    pub unchanged: usize,
    /// Rows that could not be matched for certain.
    pub ambiguous: Vec<Ambiguous>,
    /// Members who objected to the transmission on either side: counted, never named.
    pub objecting: usize,
    /// The SPICO adoption counts.
    pub spico: Spico,
}

/// Checks both documents with `options` and compares them.
///
/// ```
/// use annuaire_cpts::{compare::compare_documents, check::CheckOptions, Document, Schema, Ymd};
/// let csv = |rows: &str| format!("Nom;Prénom;Profession;RPPS;Code postal;Commune;Téléphone;\
///     SPICO Dossier;SPICO Discussion\n{rows}");
/// let last = csv("MARTIN;Claire;Infirmier;10000000009;31000;Toulouse;0561123456;Non;Non\n\
///                 DURAND;Paul;Médecin;10999999997;31000;Toulouse;0561123457;Non;Non\n");
/// let this = csv("Martin;Claire;IDE;10000000009;31000;Toulouse;05 61 12 34 56;Oui;Non\n\
///                 PETIT;Anne;Sage-femme;;31000;Toulouse;0561123458;Non;Non\n");
/// let open = |text: &str| Document::open(text.as_bytes(), "a.csv", Schema::default(), None);
/// let options = CheckOptions {
///     today: Ymd { year: 2026, month: 3, day: 1 }, cpts: None, year: None, refused_fixes: vec![],
/// };
/// let c = compare_documents(&open(&last)?, &open(&this)?, &options);
/// assert_eq!(c.joined[0].nom.as_ref(), "PETIT");
/// assert_eq!(c.left[0].nom.as_ref(), "DURAND");
/// // « 0561123456 » and « 05 61 12 34 56 » are the same phone: only SPICO Dossier changed.
/// assert_eq!(c.changed[0].fields.len(), 1);
/// assert_eq!(c.spico.dossier.map(|a| a.adopted), Some(1));
/// # Ok::<(), annuaire_cpts::Error>(())
/// ```
pub fn compare_documents(last: &Document, this: &Document, options: &CheckOptions) -> Comparison {
    let (last_outcome, this_outcome) = (last.check(options), this.check(options));
    compare(
        Side {
            document: last,
            outcome: &last_outcome,
        },
        Side {
            document: this,
            outcome: &this_outcome,
        },
    )
}

/// Compares two checked directories (see the module's documentation).
pub fn compare(last: Side<'_>, this: Side<'_>) -> Comparison {
    let mut last_rows = Rows::of(last);
    let mut this_rows = Rows::of(this);
    let mut matching = Matching::new(last_rows.entries.len(), this_rows.entries.len());

    // 1. The same identifier.
    let groups = Groups::of(&last_rows, &this_rows, &matching, |e| {
        (!e.identifier.is_empty()).then_some(&*e.identifier)
    });
    groups.resolve(&mut matching, |_, _| true, MatchKind::Identifier);
    // 2. The same folded name, identifiers not in conflict.
    last_rows.fill_names(&matching.last_done);
    this_rows.fill_names(&matching.this_done);
    let compatible = |l: u32, t: u32| compatible(&last_rows, &this_rows, l, t);
    let groups = Groups::of(&last_rows, &this_rows, &matching, |e| e.name.as_deref());
    groups.resolve(&mut matching, compatible, MatchKind::Name);
    // 3. Within one typo.
    let edges = close_names(&last_rows, &this_rows, &matching);
    matching.resolve(&edges, MatchKind::CloseName);
    // 4. Nobody in particular, but the same row.
    let groups = Groups::of(&last_rows, &this_rows, &matching, |e| e.values.as_deref());
    groups.resolve(&mut matching, |_, _| true, MatchKind::Values);

    matching.into_comparison(&last_rows, &this_rows)
}

/// One row of a side that takes part in the comparison: a kept member or one who objected.
#[derive(Debug)]
struct Entry<'a> {
    /// The spreadsheet row.
    row: u32,
    /// Its position among the table's rows and the outcome's records.
    index: usize,
    /// The checked record (its values are empty for a member who objected).
    record: &'a Record,
    /// The member objected: counted, never listed.
    objecting: bool,
    /// The identifier's key (`""` when none).
    identifier: Cow<'a, str>,
    /// The name's key, `None` when the Nom or the Prénom is empty (or not needed: filled after
    /// the identifier round, see [`Rows::fill_names`]).
    name: Option<String>,
    /// For a row of neither identifier nor name (not objecting): every value, as a key.
    values: Option<String>,
}

/// A side's entries, and where its role fields sit in its schema.
struct Rows<'a> {
    side: Side<'a>,
    entries: Vec<Entry<'a>>,
    nom: Option<usize>,
    prenom: Option<usize>,
    profession: Option<usize>,
    /// The source columns of the Nom, the Prénom, the Profession and the identifier.
    sources: [Option<usize>; 4],
    /// Whether the file has a column for each schema field.
    present: Vec<bool>,
}

impl<'a> Rows<'a> {
    fn of(side: Side<'a>) -> Rows<'a> {
        let schema = &side.document.schema;
        let table = &side.document.table;
        let nom = schema.field_with(Role::Nom);
        let prenom = schema.field_with(Role::Prenom);
        let profession = schema.field_with(Role::Profession);
        let id = schema.field_with(Role::Identifier);
        // A member who objected has an empty record: the keys come from the cells as typed,
        // through the same rules, and are never shown.
        let source = |field: Option<usize>| {
            field
                .and_then(|p| schema.fields.get(p))
                .and_then(|f| table.index_of(&f.id))
        };
        let sources = [source(nom), source(prenom), source(profession), source(id)];
        let mut entries = Vec::with_capacity(side.outcome.records.len());
        for (i, record) in side.outcome.records.iter().enumerate() {
            let objecting = match record.removed {
                None => false,
                Some(Code::RowOpposition) => true,
                Some(_) => continue,
            };
            let identifier = if objecting {
                let [.., id_at] = sources;
                let typed = typed_cell(table, i, id_at);
                Cow::Owned(identifier_key(&identifier::check(&typed).value))
            } else {
                let value = id.map_or("", |p| record.value(p));
                // Most identifiers are already their key: no copy.
                if value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() && !b.is_ascii_lowercase())
                {
                    Cow::Borrowed(value)
                } else {
                    Cow::Owned(identifier_key(value))
                }
            };
            entries.push(Entry {
                row: record.row,
                index: i,
                record,
                objecting,
                identifier,
                name: None,
                values: None,
            });
        }
        let present = schema
            .fields
            .iter()
            .map(|f| table.index_of(&f.id).is_some())
            .collect();
        Rows {
            side,
            entries,
            nom,
            prenom,
            profession,
            sources,
            present,
        }
    }

    /// Fills the name keys (and, for rows of neither identifier nor name, the values' key) of
    /// the entries the identifier round left: most members are matched by their identifier,
    /// and folding is the dearest part of a key.
    fn fill_names(&mut self, done: &[bool]) {
        let table = &self.side.document.table;
        let (nom, prenom, profession, sources) =
            (self.nom, self.prenom, self.profession, self.sources);
        for (entry, done) in self.entries.iter_mut().zip(done) {
            if *done {
                continue;
            }
            entry.name = if entry.objecting {
                let [nom_at, prenom_at, profession_at, _] = sources;
                let typed = |column| typed_cell(table, entry.index, column);
                name_key(
                    &name::check_nom(&typed(nom_at)).value,
                    &name::check_prenom(&typed(prenom_at)).value,
                    &profession::check(&typed(profession_at)).value,
                )
            } else {
                let value = |p: Option<usize>| p.map_or("", |p| entry.record.value(p));
                name_key(value(nom), value(prenom), value(profession))
            };
            if !entry.objecting && entry.identifier.is_empty() && entry.name.is_none() {
                entry.values = Some(entry.record.values.join("\u{1f}"));
            }
        }
    }

    fn schema(&self) -> &Schema {
        &self.side.document.schema
    }

    fn entry(&self, i: u32) -> Option<&Entry<'a>> {
        self.entries.get(i as usize)
    }

    /// The member of entry `i` as listed, with its row on this side.
    fn member(&self, i: u32, last: bool) -> Option<Member> {
        let entry = self.entry(i)?;
        let value = |p: Option<usize>| -> Arc<str> {
            p.and_then(|p| entry.record.values.get(p))
                .cloned()
                .unwrap_or_else(|| Arc::from(""))
        };
        Some(Member {
            nom: value(self.nom),
            prenom: value(self.prenom),
            profession: value(self.profession),
            last_row: last.then_some(entry.row),
            this_row: (!last).then_some(entry.row),
        })
    }

    /// The position of `field`'s counterpart in this side's schema: the field of the same role,
    /// else of the same id; `None` when this file has no column for it.
    fn counterpart(&self, field: &crate::schema::Field) -> Option<usize> {
        let schema = self.schema();
        let position = match field.role {
            Some(role) => schema.field_with(role),
            None => schema.position(&field.id),
        }?;
        self.present.get(position).copied()?.then_some(position)
    }

    /// How many kept members answer Oui in the field at `position`.
    fn users(&self, position: usize) -> usize {
        self.entries
            .iter()
            .filter(|e| !e.objecting && e.record.value(position) == yes_no::YES)
            .count()
    }
}

/// The cell of table row `index` in source column `column`, as typed.
fn typed_cell(table: &crate::table::Table, index: usize, column: Option<usize>) -> Cell {
    table
        .rows
        .get(index)
        .zip(column)
        .map(|(row, c)| row.cell(c))
        .unwrap_or_default()
}

/// Whether two entries may be the same member: not two different identifiers.
fn compatible(last: &Rows<'_>, this: &Rows<'_>, l: u32, t: u32) -> bool {
    match (last.entry(l), this.entry(t)) {
        (Some(a), Some(b)) => {
            a.identifier.is_empty() || b.identifier.is_empty() || a.identifier == b.identifier
        }
        _ => false,
    }
}

/// Marks the end of a chain of [`Groups`].
const END: u32 = u32::MAX;

/// The entries no earlier round has settled, grouped by key, for the keys found on both sides:
/// each group's first entry on each side, and chains through the others (no list per key: a
/// round groups up to every row of both files).
struct Groups {
    /// The first last-year and this-year entries of each group, in last year's row order.
    heads: Vec<(u32, u32)>,
    /// For each entry, the next entry of the same key on its side, or [`END`].
    last_next: Vec<u32>,
    this_next: Vec<u32>,
}

impl Groups {
    fn of<'k>(
        last: &'k Rows<'_>,
        this: &'k Rows<'_>,
        matching: &Matching,
        key: impl Fn(&'k Entry<'_>) -> Option<&'k str>,
    ) -> Groups {
        // Chains built from the end, so that each lists its entries in row order.
        let chains = |rows: &'k Rows<'_>, done: &dyn Fn(usize) -> bool| {
            let mut heads: FastMap<&'k str, u32> = FastMap::default();
            let mut next = vec![END; rows.entries.len()];
            for (i, entry) in rows.entries.iter().enumerate().rev() {
                let (Some(k), false, Ok(at)) = (key(entry), done(i), u32::try_from(i)) else {
                    continue;
                };
                if let Some(previous) = heads.insert(k, at) {
                    if let Some(link) = next.get_mut(i) {
                        *link = previous;
                    }
                }
            }
            (heads, next)
        };
        let (last_heads, last_next) = chains(last, &|i| matching.last_done(i));
        let (this_heads, this_next) = chains(this, &|i| matching.this_done(i));
        let mut heads: Vec<(u32, u32)> = last_heads
            .iter()
            .filter_map(|(k, &l)| this_heads.get(k).map(|&t| (l, t)))
            .collect();
        heads.sort_unstable();
        Groups {
            heads,
            last_next,
            this_next,
        }
    }

    /// Settles each group: one entry on each side that `compatible` allows is a pair at once;
    /// a larger group goes through [`Matching::resolve`].
    fn resolve(
        &self,
        matching: &mut Matching,
        compatible: impl Fn(u32, u32) -> bool,
        kind: MatchKind,
    ) {
        let chain = |first: u32, next: &[u32], out: &mut Vec<u32>| {
            out.clear();
            let mut at = first;
            while at != END {
                out.push(at);
                at = next.get(at as usize).copied().unwrap_or(END);
            }
        };
        let (mut l, mut t) = (Vec::new(), Vec::new());
        for &(first_l, first_t) in &self.heads {
            let single =
                |first: u32, next: &[u32]| next.get(first as usize).copied().unwrap_or(END) == END;
            if single(first_l, &self.last_next) && single(first_t, &self.this_next) {
                if compatible(first_l, first_t) {
                    matching.settle(&[first_l], &[first_t], kind);
                }
                continue;
            }
            chain(first_l, &self.last_next, &mut l);
            chain(first_t, &self.this_next, &mut t);
            matching.resolve(&group_edges(&l, &t, &compatible), kind);
        }
    }
}

/// Beyond this many pairs a group is not searched pair by pair: it is ambiguous as a whole.
const PAIRS_PER_GROUP: usize = 64;

/// The pairs of a group that `compatible` allows; a large group is linked whole, as one
/// ambiguous set.
fn group_edges(
    last: &[u32],
    this: &[u32],
    compatible: impl Fn(u32, u32) -> bool,
) -> Vec<(u32, u32)> {
    if last.len().saturating_mul(this.len()) > PAIRS_PER_GROUP {
        let (Some(&l0), Some(&t0)) = (last.first(), this.first()) else {
            return Vec::new();
        };
        return this
            .iter()
            .map(|&t| (l0, t))
            .chain(last.iter().map(|&l| (l, t0)))
            .collect();
    }
    last.iter()
        .flat_map(|&l| this.iter().map(move |&t| (l, t)))
        .filter(|&(l, t)| compatible(l, t))
        .collect()
}

/// Pairs of free entries whose name keys are one edit apart (not equal: the round before took
/// those), identifiers not in conflict. Candidates come from an index of every key with one
/// character deleted (two texts one edit apart always share one: « symmetric delete »), then
/// each is confirmed by [`distance`]: n rows cost n × their key's length look-ups, not n².
fn close_names(last: &Rows<'_>, this: &Rows<'_>, matching: &Matching) -> Vec<(u32, u32)> {
    let mut index: FastMap<u64, Vec<u32>> = FastMap::default();
    let mut variants = Vec::new();
    for (i, entry) in this.entries.iter().enumerate() {
        let (Some(key), false, Ok(i)) = (&entry.name, matching.this_done(i), u32::try_from(i))
        else {
            continue;
        };
        deletion_hashes(key, &mut variants);
        for &h in &variants {
            index.entry(h).or_default().push(i);
        }
    }
    if index.is_empty() {
        return Vec::new();
    }
    let mut edges = Vec::new();
    let mut candidates = Vec::new();
    for (i, entry) in last.entries.iter().enumerate() {
        let (Some(key), false, Ok(l)) = (&entry.name, matching.last_done(i), u32::try_from(i))
        else {
            continue;
        };
        deletion_hashes(key, &mut variants);
        candidates.clear();
        for h in &variants {
            if let Some(found) = index.get(h) {
                candidates.extend_from_slice(found);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &t in &candidates {
            let close = this
                .entry(t)
                .and_then(|e| e.name.as_deref())
                .is_some_and(|other| distance(key, other, 1) == Some(1));
            if close && compatible(last, this, l, t) {
                edges.push((l, t));
            }
        }
    }
    edges
}

/// The hashes of `key` and of `key` with each one of its characters deleted, into `out`.
/// Polynomial hashes of the prefix and the suffix make each deletion O(1).
fn deletion_hashes(key: &str, out: &mut Vec<u64>) {
    const BASE: u64 = 0x0100_0000_01b3;
    out.clear();
    let chars: Vec<u64> = key.chars().map(|c| u64::from(c) + 1).collect();
    let n = chars.len();
    // prefix[i]: the hash of chars[..i]; powers[i] = BASE^i; suffix[i]: the hash of chars[i..].
    let mut prefix = Vec::with_capacity(n + 1);
    let mut powers = Vec::with_capacity(n + 1);
    let (mut h, mut p) = (0u64, 1u64);
    prefix.push(0);
    powers.push(1);
    for &c in &chars {
        h = h.wrapping_mul(BASE).wrapping_add(c);
        p = p.wrapping_mul(BASE);
        prefix.push(h);
        powers.push(p);
    }
    let mut suffix = vec![0u64; n + 1];
    for i in (0..n).rev() {
        let c = chars.get(i).copied().unwrap_or(0);
        let power = powers.get(n - 1 - i).copied().unwrap_or(0);
        let after = suffix.get(i + 1).copied().unwrap_or(0);
        if let Some(s) = suffix.get_mut(i) {
            *s = c.wrapping_mul(power).wrapping_add(after);
        }
    }
    out.push(hash_one((h, n)));
    for i in 0..n {
        let before = prefix.get(i).copied().unwrap_or(0);
        let shift = powers.get(n - 1 - i).copied().unwrap_or(0);
        let after = suffix.get(i + 1).copied().unwrap_or(0);
        out.push(hash_one((
            before.wrapping_mul(shift).wrapping_add(after),
            n - 1,
        )));
    }
    out.sort_unstable();
    out.dedup();
}

/// The rounds' results: pairs, ambiguous sets, and who is settled.
struct Matching {
    /// For each last-year entry: its pair on this side and how it was found.
    pair: Vec<Option<(u32, MatchKind)>>,
    last_done: Vec<bool>,
    this_done: Vec<bool>,
    /// (last entries, this entries) of each ambiguous set.
    ambiguous: Vec<(Vec<u32>, Vec<u32>)>,
}

impl Matching {
    fn new(last: usize, this: usize) -> Matching {
        Matching {
            pair: vec![None; last],
            last_done: vec![false; last],
            this_done: vec![false; this],
            ambiguous: Vec::new(),
        }
    }

    fn last_done(&self, i: usize) -> bool {
        self.last_done.get(i).copied().unwrap_or(true)
    }

    fn this_done(&self, i: usize) -> bool {
        self.this_done.get(i).copied().unwrap_or(true)
    }

    /// Settles the entries linked by `edges`: each connected set of one last-year and one
    /// this-year entry is a pair; a larger set is ambiguous.
    fn resolve(&mut self, edges: &[(u32, u32)], kind: MatchKind) {
        match edges {
            [] => return,
            // One edge is one pair: most groups of a round, without building the sets.
            [(l, t)] => {
                self.settle(&[*l], &[*t], kind);
                return;
            }
            _ => {}
        }
        // Union-find over the entries involved: last-year entry l is node (l, true).
        let mut parent: FastMap<(u32, bool), (u32, bool)> = FastMap::default();
        fn root(parent: &mut FastMap<(u32, bool), (u32, bool)>, node: (u32, bool)) -> (u32, bool) {
            let mut at = node;
            while let Some(&up) = parent.get(&at) {
                if up == at {
                    break;
                }
                at = up;
            }
            // Path compression.
            let mut walk = node;
            while walk != at {
                let Some(&up) = parent.get(&walk) else { break };
                parent.insert(walk, at);
                walk = up;
            }
            at
        }
        for &(l, t) in edges {
            let (a, b) = ((l, true), (t, false));
            parent.entry(a).or_insert(a);
            parent.entry(b).or_insert(b);
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent.insert(rb, ra);
            }
        }
        let nodes: Vec<(u32, bool)> = parent.keys().copied().collect();
        let mut sets: FastMap<(u32, bool), (Vec<u32>, Vec<u32>)> = FastMap::default();
        for node in nodes {
            let r = root(&mut parent, node);
            let set = sets.entry(r).or_default();
            if node.1 {
                set.0.push(node.0);
            } else {
                set.1.push(node.0);
            }
        }
        let mut sets: Vec<(Vec<u32>, Vec<u32>)> = sets.into_values().collect();
        for set in &mut sets {
            set.0.sort_unstable();
            set.1.sort_unstable();
        }
        // Deterministic order: by the first last-year entry.
        sets.sort_unstable_by_key(|(l, _)| l.first().copied());
        for (l, t) in sets {
            self.settle(&l, &t, kind);
        }
    }

    /// Settles one connected set: a pair when it is one entry of each side, else ambiguous.
    fn settle(&mut self, l: &[u32], t: &[u32], kind: MatchKind) {
        for &i in l {
            if let Some(done) = self.last_done.get_mut(i as usize) {
                *done = true;
            }
        }
        for &i in t {
            if let Some(done) = self.this_done.get_mut(i as usize) {
                *done = true;
            }
        }
        match (l, t) {
            ([l], [t]) => {
                if let Some(pair) = self.pair.get_mut(*l as usize) {
                    *pair = Some((*t, kind));
                }
            }
            _ => self.ambiguous.push((l.to_vec(), t.to_vec())),
        }
    }

    fn into_comparison(self, last: &Rows<'_>, this: &Rows<'_>) -> Comparison {
        let side = |rows: &Rows<'_>| FileSide {
            file: rows.side.document.file.clone(),
            sheet: rows.side.document.table.sheet.clone(),
            members: rows.side.outcome.report.rows_kept,
        };
        let mut comparison = Comparison {
            last: side(last),
            this: side(this),
            ..Comparison::default()
        };
        let is_objecting = |rows: &Rows<'_>, i: u32| rows.entry(i).is_none_or(|e| e.objecting);

        // The fields compared: this year's, with a column on both sides; never the opposition
        // (both members of a pair listed here answered Non, or left it empty).
        let compared: Vec<(usize, usize)> = this
            .schema()
            .fields
            .iter()
            .enumerate()
            .filter(|(j, f)| {
                f.role != Some(Role::Opposition) && this.present.get(*j).copied().unwrap_or(false)
            })
            .filter_map(|(j, f)| last.counterpart(f).map(|p| (p, j)))
            .collect();
        let spico = |role: Role| {
            let j = this.schema().field_with(role)?;
            this.present.get(j).copied()?.then_some(())?;
            let field = this.schema().fields.get(j)?;
            let p = last.counterpart(field)?;
            Some((p, j))
        };
        let dossier = spico(Role::SpicoDossier);
        let discussion = spico(Role::SpicoDiscussion);
        let adoption = |at: Option<(usize, usize)>| {
            at.map(|(p, j)| Adoption {
                users_last: last.users(p),
                users_this: this.users(j),
                ..Adoption::default()
            })
        };
        comparison.spico = Spico {
            dossier: adoption(dossier),
            discussion: adoption(discussion),
        };

        for (l, pair) in (0u32..).zip(&self.pair) {
            let Some((t, kind)) = *pair else { continue };
            if is_objecting(last, l) || is_objecting(this, t) {
                comparison.objecting += 1;
                continue;
            }
            let (Some(a), Some(b)) = (last.entry(l), this.entry(t)) else {
                continue;
            };
            for (at, counts) in [
                (dossier, &mut comparison.spico.dossier),
                (discussion, &mut comparison.spico.discussion),
            ] {
                if let (Some((p, j)), Some(counts)) = (at, counts.as_mut()) {
                    match (
                        a.record.value(p) == yes_no::YES,
                        b.record.value(j) == yes_no::YES,
                    ) {
                        (false, true) => counts.adopted += 1,
                        (true, false) => counts.dropped += 1,
                        _ => {}
                    }
                }
            }
            let fields: Vec<FieldChange> = compared
                .iter()
                .filter_map(|&(p, j)| {
                    let before = a.record.values.get(p)?;
                    let after = b.record.values.get(j)?;
                    if Arc::ptr_eq(before, after) || before == after {
                        return None;
                    }
                    let field = this.schema().fields.get(j)?;
                    Some(FieldChange {
                        field: field.id.clone(),
                        title: field.title.clone(),
                        before: Arc::clone(before),
                        after: Arc::clone(after),
                    })
                })
                .collect();
            if fields.is_empty() {
                comparison.unchanged += 1;
            } else if let Some(mut member) = this.member(t, false) {
                member.last_row = Some(a.row);
                comparison.changed.push(Changed {
                    member,
                    matched_by: kind,
                    fields,
                });
            }
        }
        comparison
            .changed
            .sort_by_key(|c| c.member.this_row.unwrap_or(0));

        comparison.left = unmatched(last, &self.last_done, true, &mut comparison.objecting);
        comparison.joined = unmatched(this, &self.this_done, false, &mut comparison.objecting);
        for (l, t) in self.ambiguous {
            let objecting = l.iter().filter(|&&i| is_objecting(last, i)).count()
                + t.iter().filter(|&&i| is_objecting(this, i)).count();
            comparison.objecting += objecting;
            let listed = Ambiguous {
                last: l
                    .iter()
                    .filter(|&&i| !is_objecting(last, i))
                    .filter_map(|&i| last.member(i, true))
                    .collect(),
                this: t
                    .iter()
                    .filter(|&&i| !is_objecting(this, i))
                    .filter_map(|&i| this.member(i, false))
                    .collect(),
            };
            if !listed.last.is_empty() || !listed.this.is_empty() {
                comparison.ambiguous.push(listed);
            }
        }
        comparison
    }
}

/// The entries of a side no round settled, in row order; those who objected only counted.
fn unmatched(rows: &Rows<'_>, done: &[bool], last: bool, objecting: &mut usize) -> Vec<Member> {
    let mut members = Vec::new();
    for (i, done) in (0u32..).zip(done) {
        if *done {
            continue;
        }
        if rows.entry(i).is_none_or(|e| e.objecting) {
            *objecting += 1;
        } else if let Some(member) = rows.member(i, last) {
            members.push(member);
        }
    }
    members
}

#[cfg(test)]
mod tests;

impl Comparison {
    /// Whether nothing changed at all: no arrival, departure, change or doubt.
    pub fn is_same(&self) -> bool {
        self.joined.is_empty()
            && self.left.is_empty()
            && self.changed.is_empty()
            && self.ambiguous.is_empty()
    }
}
