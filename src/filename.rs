//! The ARS file-name rule (SPEC §7): `Annuaire_Nom_De_Ma_CPTS_AAAA.xlsx`.

/// The file name the ARS expects for this CPTS and year of deposit.
///
/// ```
/// use annuaire_cpts::filename::ars_file_name;
/// assert_eq!(
///     ars_file_name("CPTS Moyenne et Haute Vallée de l'Aude", 2023),
///     "Annuaire_CPTS_Moyenne_Et_Haute_Vallée_De_Laude_2023.xlsx"
/// );
/// ```
pub fn ars_file_name(_cpts: &str, _year: i32) -> String {
    todo!("helper write")
}

/// The CPTS name and year of a file already named by the convention
/// (`Annuaire_CPTS_Du_Centre_TARN_2026.xlsx` → (`CPTS Du Centre TARN`, 2026)).
pub fn parse_ars_file_name(_file: &str) -> Option<(String, i32)> {
    todo!("helper write")
}
