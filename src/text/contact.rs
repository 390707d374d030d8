//! Messages for phone and email/MSSanté rules.
//!
//! Error messages do not repeat the cell's value (the report carries it beside the message);
//! fix notices give the old and the new value.

const PHONE_FORM: &str =
    "Un numéro français compte 10 chiffres et commence par 0 (par exemple 05 61 12 34 56) ; un numéro étranger s'écrit avec son indicatif (par exemple +32 2 123 45 67).";

/// A phone number put in the national form `05 61 12 34 56`.
pub fn phone_normalised(old: &str, new: &str) -> String {
    format!("Numéro de téléphone mis en forme : « {old} » → « {new} ».")
}

/// A phone number whose leading 0 Excel dropped, restored.
pub fn phone_zero_restored(old: &str, new: &str) -> String {
    format!(
        "Zéro initial rétabli (Excel avait enregistré le numéro comme un nombre) : « {old} » → « {new} »."
    )
}

/// A phone number whose `+` Excel dropped (`+33…` stored as the number 33…), restored.
pub fn phone_plus_restored(old: &str, new: &str) -> String {
    format!(
        "Indicatif +33 reconnu (Excel avait enregistré le numéro comme un nombre, sans le « + ») : « {old} » → « {new} »."
    )
}

/// A 9-digit text cell: the leading 0 is probably missing.
pub fn phone_missing_zero(suggestion: &str) -> String {
    format!(
        "Ce numéro n'a que 9 chiffres : le 0 initial manque sans doute (proposition : « {suggestion} »). Vérifiez-le et corrigez la cellule."
    )
}

/// An 11-digit text cell starting with 33: the `+` is probably missing.
pub fn phone_missing_plus(suggestion: &str) -> String {
    format!(
        "Ce numéro commence sans doute par l'indicatif 33 sans le « + » (proposition : « {suggestion} »). Vérifiez-le et corrigez la cellule."
    )
}

/// A French number with the wrong count of digits.
pub fn phone_bad_length(digits: usize) -> String {
    format!("Ce numéro compte {digits} chiffres. {PHONE_FORM}")
}

/// A 10-digit number that does not start with 0 then 1–9.
pub fn phone_bad_start() -> String {
    format!("Ce numéro ne commence pas par 0 suivi d'un chiffre de 1 à 9. {PHONE_FORM}")
}

/// An international number that is too short, too long or has no country code.
pub fn phone_bad_international() -> String {
    format!(
        "Ce numéro international est incomplet ou trop long : écrivez « + », l'indicatif du pays puis le numéro. {PHONE_FORM}"
    )
}

/// A placeholder made of zeros (« 00 00 00 00 00 », the template's example).
pub fn phone_placeholder() -> String {
    format!(
        "« 00 00 00 00 00 » n'est pas un vrai numéro : indiquez le numéro de l'adhérent, ou laissez la case vide s'il a une adresse e-mail. {PHONE_FORM}"
    )
}

/// No digits at all in a phone cell.
pub fn phone_not_a_number() -> String {
    format!(
        "Cette cellule doit contenir un numéro de téléphone, sans texte ni commentaire. {PHONE_FORM}"
    )
}

/// Several numbers in one cell: the first is kept.
pub fn phone_kept_first(old: &str, new: &str, dropped: &str) -> String {
    format!(
        "La cellule contenait plusieurs numéros (« {old} ») : seul le premier est gardé (« {new} »). Le ou les autres ({dropped}) ne sont pas repris : notez-les ailleurs si besoin."
    )
}

/// Words or symbols around a valid number, removed.
pub fn phone_text_removed(old: &str, new: &str) -> String {
    format!("Texte autour du numéro retiré : « {old} » → « {new} ».")
}

/// A number with something else in the cell that is not a number either (an extension…).
pub fn phone_extra(suggestion: &str) -> String {
    format!(
        "La cellule contient autre chose qu'un numéro de téléphone : ne laissez que le numéro (proposition : « {suggestion} »)."
    )
}

/// An 08 number.
pub fn phone_premium() -> String {
    "Numéro spécial en 08 (numéro vert, partagé ou surtaxé) : vérifiez qu'il s'agit bien du numéro où joindre le professionnel, sinon indiquez sa ligne directe.".into()
}

/// An e-mail address trimmed, lower-cased, stripped of `mailto:` or a display name.
pub fn email_normalised(old: &str, new: &str) -> String {
    format!("Adresse e-mail mise en forme : « {old} » → « {new} ».")
}

/// Several addresses in one cell: the first is kept.
pub fn email_kept_first(kept: &str, dropped: &str) -> String {
    format!(
        "La cellule contenait plusieurs adresses : seule la première est gardée (« {kept} »). L'autre ou les autres ({dropped}) ne sont pas reprises : vérifiez que la bonne adresse est la première."
    )
}

/// A likely typo in a common provider's domain.
pub fn email_typo(suggestion: &str) -> String {
    format!(
        "Le domaine de cette adresse ressemble à une faute de frappe : vouliez-vous écrire « {suggestion} » ? Vérifiez-la et corrigez-la si besoin."
    )
}

/// No `@`, or more than one.
pub fn email_bad_at() -> String {
    "Une adresse e-mail contient un seul « @ » entre le nom et le domaine (par exemple prenom.nom@orange.fr).".into()
}

/// Spaces inside an address.
pub fn email_spaces(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!(
            "Une adresse e-mail ne contient pas d'espace (proposition : « {s} »). Vérifiez-la et corrigez la cellule."
        ),
        None => "Une adresse e-mail ne contient pas d'espace. Corrigez la cellule.".into(),
    }
}

/// Accented or other non-ASCII characters.
pub fn email_accents(suggestion: &str) -> String {
    format!(
        "Une adresse e-mail ne contient ni accent ni caractère spécial (proposition : « {suggestion} »). Vérifiez-la auprès du professionnel et corrigez la cellule."
    )
}

/// A malformed part before the `@`.
pub fn email_bad_local() -> String {
    "La partie avant le « @ » n'est pas valide (caractère interdit, point au début, à la fin ou doublé, ou plus de 64 caractères). Vérifiez l'adresse.".into()
}

/// A malformed domain.
pub fn email_bad_domain() -> String {
    "Le domaine après le « @ » n'est pas valide : il doit ressembler à orange.fr ou cabinet-exemple.com (lettres, chiffres, tirets, avec un point et une extension d'au moins 2 lettres). Vérifiez l'adresse.".into()
}

/// An address over 254 characters.
pub fn email_too_long() -> String {
    "Cette adresse e-mail est trop longue (254 caractères au plus). Vérifiez la cellule.".into()
}

/// Something else than an address with the address in it.
pub fn email_extra(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(suggestion) => format!(
            "La cellule contient autre chose que l'adresse : ne laissez que l'adresse (proposition : « {suggestion} »)."
        ),
        None => "La cellule contient autre chose que l'adresse : ne laissez que l'adresse, \
                 complète et sans espace (un mot juste avant le « @ » en fait peut-être partie)."
            .to_string(),
    }
}

/// An MSSanté address trimmed and lower-cased.
pub fn mssante_normalised(old: &str, new: &str) -> String {
    format!("Adresse MSSanté mise en forme : « {old} » → « {new} ».")
}

/// Several MSSanté addresses in one cell: the first is kept.
pub fn mssante_kept_first(kept: &str, dropped: &str) -> String {
    format!(
        "La cellule contenait plusieurs adresses : seule la première est gardée (« {kept} »). L'autre ou les autres ({dropped}) ne sont pas reprises."
    )
}

/// An address in the MSSanté column that is not an MSSanté one.
pub fn mssante_not_mssante(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!(
            "Une adresse de messagerie sécurisée de santé se termine par mssante.fr : vouliez-vous écrire « {s} » ? Vérifiez-la et corrigez la cellule."
        ),
        None => "Une adresse de messagerie sécurisée de santé se termine par mssante.fr (par exemple prenom.nom@medecin.mssante.fr). Une adresse ordinaire va dans la colonne Email ; laissez cette cellule vide si le professionnel n'a pas d'adresse MSSanté.".into(),
    }
}

/// A patient MSSanté address in the MSSanté column.
pub fn mssante_patient() -> String {
    "Cette adresse est celle d'un patient (domaine patient.mssante.fr), pas celle du professionnel. Indiquez l'adresse MSSanté du professionnel, ou laissez la cellule vide.".into()
}
