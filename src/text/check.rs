//! Messages for row and file findings.

/// A member who objected to the transmission: the row number only, nothing of theirs.
pub fn row_opposition() -> String {
    "Adhérent opposé à la transmission de ses données : la ligne n'est pas reprise dans le fichier envoyé à l'ARS.".into()
}

/// The schema names no opposition field (`schema.no_opposition`): nobody's objection can be
/// honoured.
pub fn no_opposition_field() -> String {
    "Le schéma utilisé ne désigne aucune colonne d'opposition à la transmission (« x-role » : « opposition ») : les adhérents qui s'y sont opposés ne peuvent pas être retirés du fichier corrigé. Retirez-les vous-même avant le dépôt, ou demandez à l'ARS un schéma qui désigne cette colonne.".into()
}

/// A blank row, removed.
pub fn row_blank() -> String {
    "Ligne vide supprimée.".into()
}

/// The template's example row, removed.
pub fn row_example() -> String {
    "Ligne d'exemple du modèle supprimée. Si c'est un vrai adhérent, remplacez les valeurs d'exemple par les siennes.".into()
}

/// The same RPPS/ADELI as an earlier row.
pub fn duplicate_identifier(identifier: &str, first_row: u32) -> String {
    format!("L'identifiant {identifier} figure déjà ligne {first_row} : même adhérent en double. Supprimez l'une des deux lignes ou corrigez l'identifiant.")
}

/// The same Nom + Prénom + Profession as an earlier row.
pub fn duplicate_name(who: &str, first_row: u32) -> String {
    format!("{who}, avec la même profession, figure déjà ligne {first_row} : même adhérent en double. Supprimez l'une des deux lignes.")
}

/// A required cell left empty.
pub fn value_required(title: &str) -> String {
    format!("La colonne « {title} » est obligatoire : complétez cette cellule.")
}

/// A required Commune left empty, when its postal code names a single commune.
pub fn commune_required(title: &str, commune: &str) -> String {
    format!(
        "La colonne « {title} » est obligatoire : complétez cette cellule (d'après le code \
         postal, il s'agit de « {commune} »)."
    )
}

/// Neither telephone nor email.
pub fn contact_missing(titles: &[&str]) -> String {
    let list = titles
        .iter()
        .map(|t| format!("« {t} »"))
        .collect::<Vec<_>>()
        .join(" ou ");
    format!("Aucun moyen de contact : indiquez au moins {list}.")
}

/// A health professional without RPPS/ADELI.
pub fn identifier_missing(profession: &str) -> String {
    format!("Un professionnel de santé ({profession}) doit avoir son numéro RPPS (ou ADELI) : complétez la colonne « RPPS / ADELI ». Le numéro figure sur l'Annuaire Santé (annuaire.sante.fr).")
}

/// An ADELI number for a profession that moved to the RPPS.
pub fn adeli_obsolete(profession: &str) -> String {
    format!("Numéro ADELI pour la profession {profession}, désormais enregistrée au RPPS : indiquez le numéro RPPS (11 chiffres, sur annuaire.sante.fr).")
}

/// The email cell emptied: its MSSanté address went to the MSSanté column.
pub fn mssante_moved_from_email() -> String {
    "Adresse de messagerie sécurisée de santé (MSSanté) déplacée vers la colonne MSSanté.".into()
}

/// The MSSanté cell filled from the email column (moved).
pub fn mssante_received_from_email() -> String {
    "Adresse MSSanté reprise de la colonne Email, où elle avait été saisie.".into()
}

/// The MSSanté cell filled from the email column (copied: it is the row's only contact).
pub fn mssante_copied_from_email() -> String {
    "Adresse MSSanté recopiée depuis la colonne Email ; elle y est aussi conservée, car c'est le seul moyen de contact de la ligne.".into()
}

/// The spécialité implied by the profession as typed (« MG »).
pub fn specialty_filled(specialty: &str, typed: &str) -> String {
    format!("Spécialité « {specialty} » déduite de la profession saisie « {typed} ».")
}

/// A cell holding a formula error (#N/A, #REF!…).
pub fn cell_error(title: &str, error: &str) -> String {
    format!("La cellule « {title} » contient une erreur de formule ({error}) : remplacez la formule par la valeur.")
}

/// A health term in a free-text cell.
pub fn gdpr_cell(term: &str) -> String {
    format!("Cette cellule semble contenir une information de santé (« {term} ») : un annuaire des adhérents ne doit pas en contenir. Retirez-la.")
}

/// An extra column that looks like dates of birth.
pub fn gdpr_column_birth_date(header: &str) -> String {
    format!("La colonne « {header} » semble contenir des dates de naissance, qui n'ont pas leur place dans l'annuaire : elle n'est pas reprise dans le fichier corrigé ; supprimez-la aussi de votre fichier.")
}

/// An extra column that looks like bank details.
pub fn gdpr_column_bank(header: &str) -> String {
    format!("La colonne « {header} » semble contenir des coordonnées bancaires, qui n'ont pas leur place dans l'annuaire : elle n'est pas reprise dans le fichier corrigé ; supprimez-la aussi de votre fichier.")
}

/// An extra column that looks like social security numbers.
pub fn gdpr_column_social_security(header: &str) -> String {
    format!("La colonne « {header} » semble contenir des numéros de sécurité sociale, interdits dans l'annuaire : elle n'est pas reprise dans le fichier corrigé ; supprimez-la aussi de votre fichier.")
}

/// An extra column that looks like health data.
pub fn gdpr_column_health(header: &str) -> String {
    format!("La colonne « {header} » semble contenir des données de santé, interdites dans l'annuaire : elle n'est pas reprise dans le fichier corrigé ; supprimez-la aussi de votre fichier.")
}
