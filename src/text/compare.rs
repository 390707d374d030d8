//! The year-over-year comparison in French: its summary (the command line, the page and the
//! « Synthèse » sheet say the same thing), the « Évolutions » workbook's sheets and headers, and
//! its file name.

use std::fmt::Write as _;

use crate::compare::{Adoption, Comparison, MatchKind, Member};

/// The sheet of the members who joined.
pub const SHEET_JOINED: &str = "Arrivées";
/// The sheet of the members who left.
pub const SHEET_LEFT: &str = "Départs";
/// The sheet of the changes, one line per field.
pub const SHEET_CHANGED: &str = "Modifications";
/// The sheet of the counts.
pub const SHEET_SUMMARY: &str = "Synthèse";

/// Headers of « Arrivées » (this year's row) and « Départs » (last year's row).
pub const MEMBER_HEADERS: [&str; 4] = ["Ligne", "Nom", "Prénom", "Profession"];
/// Headers of « Modifications ».
pub const CHANGE_HEADERS: [&str; 9] = [
    "Ligne (an dernier)",
    "Ligne (cette année)",
    "Nom",
    "Prénom",
    "Profession",
    "Colonne",
    "Avant",
    "Après",
    "Rapprochement",
];
/// Headers of « Synthèse ».
pub const SUMMARY_HEADERS: [&str; 2] = ["", "Nombre"];
/// Heading of the ambiguous rows in « Synthèse ».
pub const AMBIGUOUS_HEADING: &str =
    "À vérifier : lignes qui peuvent correspondre à plusieurs adhérents (non rapprochées)";
/// Heading of the ambiguous rows' columns in « Synthèse ».
pub const AMBIGUOUS_HEADERS: [&str; 2] = ["Année", "Adhérent (ligne)"];
/// « Synthèse », under the counts: what the workbook is for.
pub const NOT_FOR_ARS: &str = "Ce classeur est pour la CPTS : il ne se dépose pas sur le partage \
     de l'ARS. Les adhérents opposés à la transmission n'y sont que comptés, jamais nommés.";

/// The name of the « Évolutions » workbook for this year's file `this_file`.
///
/// ```
/// use annuaire_cpts::text::compare::evolutions_file_name;
/// assert_eq!(
///     evolutions_file_name("Annuaire_CPTS_Du_Centre_TARN_2026.xlsx"),
///     "Evolutions_Annuaire_CPTS_Du_Centre_TARN_2026.xlsx"
/// );
/// assert_eq!(evolutions_file_name("annuaire"), "Evolutions_annuaire.xlsx");
/// ```
pub fn evolutions_file_name(this_file: &str) -> String {
    let stem = this_file
        .rsplit_once('.')
        .map_or(this_file, |(stem, _)| stem);
    format!("Evolutions_{stem}.xlsx")
}

/// How two rows were matched, in words.
pub fn match_kind(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Identifier => "même RPPS / ADELI",
        MatchKind::Name => "mêmes nom, prénom et profession",
        MatchKind::CloseName => "nom, prénom ou profession à une lettre près : à vérifier",
        MatchKind::Values => "ni identifiant ni nom, mais les mêmes valeurs",
    }
}

/// « DURAND Jean-Pierre (Infirmier) ».
pub fn who(member: &Member) -> String {
    let mut out = format!("{} {}", member.nom, member.prenom);
    if !member.profession.is_empty() {
        let _ = write!(out, " ({})", member.profession);
    }
    out.trim().to_string()
}

/// The counts of the comparison, one (label, number) line each, in the order shown.
pub fn counts(c: &Comparison) -> Vec<(String, usize)> {
    let mut lines = vec![
        (
            format!("Adhérents l'an dernier ({})", c.last.file),
            c.last.members,
        ),
        (
            format!("Adhérents cette année ({})", c.this.file),
            c.this.members,
        ),
        ("Arrivées".to_string(), c.joined.len()),
        ("Départs".to_string(), c.left.len()),
        (
            "Adhérents dont une information a changé".to_string(),
            c.changed.len(),
        ),
        ("Adhérents sans changement".to_string(), c.unchanged),
        (
            "Rapprochements ambigus, à vérifier".to_string(),
            c.ambiguous.len(),
        ),
        (
            "Adhérents opposés à la transmission (comptés, non nommés)".to_string(),
            c.objecting,
        ),
    ];
    for (tool, adoption) in [
        ("SPICO Dossier", c.spico.dossier),
        ("SPICO Discussion", c.spico.discussion),
    ] {
        let Some(Adoption {
            adopted,
            dropped,
            users_last,
            users_this,
        }) = adoption
        else {
            continue;
        };
        lines.push((format!("{tool} : utilisateurs l'an dernier"), users_last));
        lines.push((format!("{tool} : utilisateurs cette année"), users_this));
        lines.push((format!("{tool} : adoptions (Non → Oui)"), adopted));
        lines.push((format!("{tool} : abandons (Oui → Non)"), dropped));
    }
    lines
}

/// What a line of the list is about (the page filters on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A member who joined.
    Joined,
    /// A member who left.
    Left,
    /// A member whose values changed.
    Changed,
    /// Rows matched to several members.
    Ambiguous,
}

/// One line of the list: its kind and its text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    /// What it is about.
    pub kind: ItemKind,
    /// The line, in French.
    pub text: String,
}

/// Every member listed, one line each: arrivals, departures, changes (each field before →
/// after), then the ambiguous rows.
pub fn items(c: &Comparison) -> Vec<Item> {
    let item = |kind, text| Item { kind, text };
    let mut items = Vec::with_capacity(c.joined.len() + c.left.len() + c.changed.len());
    items.extend(c.joined.iter().map(|m| {
        item(
            ItemKind::Joined,
            format!("Arrivée, ligne {} : {}", m.this_row.unwrap_or(0), who(m)),
        )
    }));
    items.extend(c.left.iter().map(|m| {
        item(
            ItemKind::Left,
            format!(
                "Départ, ligne {} de l'an dernier : {}",
                m.last_row.unwrap_or(0),
                who(m)
            ),
        )
    }));
    items.extend(c.changed.iter().map(|changed| {
        let m = &changed.member;
        let fields: Vec<String> = changed
            .fields
            .iter()
            .map(|f| format!("{} : « {} » → « {} »", f.title, f.before, f.after))
            .collect();
        item(
            ItemKind::Changed,
            format!(
                "Modification, ligne {} (ligne {} l'an dernier, {}) : {} — {}",
                m.this_row.unwrap_or(0),
                m.last_row.unwrap_or(0),
                match_kind(changed.matched_by),
                who(m),
                fields.join(" ; ")
            ),
        )
    }));
    items.extend(c.ambiguous.iter().map(|a| {
        item(
            ItemKind::Ambiguous,
            format!("À vérifier : {}", ambiguous(&a.last, &a.this)),
        )
    }));
    items
}

/// The comparison as text for a terminal: the counts, then every member listed.
pub fn report(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Comparaison : {} (an dernier) → {} (cette année)",
        c.last.file, c.this.file
    );
    for (label, n) in counts(c) {
        let _ = writeln!(out, "{label} : {n}");
    }
    for item in items(c) {
        let _ = writeln!(out, "- {}", item.text);
    }
    if c.is_same() {
        let _ = writeln!(out, "{SAME}");
    }
    out
}

/// When nothing changed.
pub const SAME: &str = "Aucun changement depuis l'an dernier.";

/// One of the two files could not be read as a directory.
pub fn unreadable(file: &str, message: &str) -> String {
    format!("{file} : {message}")
}

/// One ambiguous set in a line: « l'an dernier : … ; cette année : … ».
pub fn ambiguous(last: &[Member], this: &[Member]) -> String {
    let list = |members: &[Member], last: bool| -> String {
        members
            .iter()
            .map(|m| {
                let row = if last { m.last_row } else { m.this_row };
                format!("{} (ligne {})", who(m), row.unwrap_or(0))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !last.is_empty() {
        parts.push(format!("l'an dernier : {}", list(last, true)));
    }
    if !this.is_empty() {
        parts.push(format!("cette année : {}", list(this, false)));
    }
    parts.join(" ; ")
}

/// The year of a side in « Synthèse »'s list of ambiguous rows.
pub fn year_label(last: bool) -> &'static str {
    if last {
        "An dernier"
    } else {
        "Cette année"
    }
}
