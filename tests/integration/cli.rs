//! Integration tests: cli. The `annuaire-cpts` binary as built: `filename`, `template`, `fix`
//! and `check`, their exit codes (0 clean, 1 errors, 2 unreadable or bad arguments), their
//! output and the files they write.

use std::process::Output;

use annuaire_cpts::Document;
use annuaire_cpts::Schema;

use crate::common::workbook::{messy_directory, sheet_text, sheets, temp_dir};

pub(crate) use crate::common::run_cli as run;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn filename_prints_the_ars_name() {
    let dir = temp_dir("cli-filename");
    let o = run(&["filename", "CPTS du centre TARN", "--year", "2023"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Annuaire_CPTS_Du_Centre_TARN_2023.xlsx\n");
    // Unquoted words are joined back.
    let o = run(
        &[
            "filename", "CPTS", "Moyenne", "et", "Haute", "Vallée", "de", "l'Aude", "--year",
            "2023",
        ],
        &dir,
    );
    assert_eq!(
        stdout(&o),
        "Annuaire_CPTS_Moyenne_Et_Haute_Vallée_De_Laude_2023.xlsx\n"
    );
    // Without --year: this year.
    let o = run(&["filename", "CPTS Lot"], &dir);
    let line = stdout(&o);
    assert!(line.starts_with("Annuaire_CPTS_Lot_20"), "{line}");
    assert!(line.trim_end().ends_with(".xlsx"));
}

#[test]
fn filename_rejects_missing_name_and_bad_year() {
    let dir = temp_dir("cli-filename-bad");
    let o = run(&["filename"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("NOM"), "{}", stderr(&o));
    let o = run(&["filename", "   "], &dir);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["filename", "' - ()"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    let o = run(&["filename", "CPTS Lot", "--year", "deux mille"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("deux mille"));
    let o = run(&["filename", "CPTS Lot", "--year", "20266"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("20266"), "{}", stderr(&o));
    let o = run(&["filename", "CPTS Lot", "--year"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--year"));
}

#[test]
fn usage_and_unknown_commands() {
    let dir = temp_dir("cli-usage");
    let o = run(&[], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("annuaire-cpts fix"));
    let o = run(&["--help"], &dir);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("annuaire-cpts template"));
    let o = run(&["corrige", "x.xlsx"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("commande inconnue"));
    let o = run(&["check", "x.xlsx", "--verbose"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--verbose"));
}

#[test]
fn template_writes_the_default_file_in_the_current_directory() {
    let dir = temp_dir("cli-template");
    let o = run(&["template"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.join("Modele_Annuaire_CPTS.xlsx");
    assert!(stdout(&o).contains("Modele_Annuaire_CPTS.xlsx"));
    let bytes = std::fs::read(path).unwrap();
    let names: Vec<String> = sheets(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(&names[..2], ["Annuaire", "Instructions"]);
}

#[test]
fn template_writes_where_asked_file_or_directory() {
    let dir = temp_dir("cli-template-o");
    let file = dir.join("modele.xlsx");
    let o = run(&["template", "-o", file.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        sheet_text(&std::fs::read(&file).unwrap(), "Annuaire")[1][0],
        "EXEMPLE"
    );
    // A directory gets the default name inside it.
    let sub = dir.join("sortie");
    std::fs::create_dir_all(&sub).unwrap();
    let o = run(&["template", "--output", sub.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(sub.join("Modele_Annuaire_CPTS.xlsx").exists());
    // A directory that does not exist: a French message, exit 2.
    let o = run(&["template", "-o", "/nonexistent/dir/modele.xlsx"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("impossible d'écrire"), "{}", stderr(&o));
}

#[test]
fn fix_requires_the_cpts_name_unless_the_file_carries_it() {
    let dir = temp_dir("cli-fix-name");
    std::fs::write(dir.join("annuaire.xlsx"), messy_directory()).unwrap();
    let o = run(&["fix", "annuaire.xlsx"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--cpts"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing written"
    );
    let o = run(&["fix"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("FICHIER"));
    let o = run(&["fix", "absent.xlsx", "--cpts", "CPTS Lot"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("impossible de lire"));
}

#[test]
fn fix_writes_the_corrected_file_under_its_ars_name() {
    let dir = temp_dir("cli-fix");
    std::fs::write(dir.join("annuaire.xlsx"), messy_directory()).unwrap();
    let out = dir.join("sortie");
    std::fs::create_dir_all(&out).unwrap();
    let o = run(
        &[
            "fix",
            "annuaire.xlsx",
            "--cpts",
            "CPTS du centre TARN",
            "--year",
            "2026",
            "-o",
            out.to_str().unwrap(),
        ],
        &dir,
    );
    // The messy file keeps an invalid RPPS: errors remain, exit 1, but the file is written.
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let target = out.join("Annuaire_CPTS_Du_Centre_TARN_2026.xlsx");
    assert!(stdout(&o).contains("Annuaire_CPTS_Du_Centre_TARN_2026.xlsx"));
    assert!(stdout(&o).contains("rpps.invalid"));
    let bytes = std::fs::read(&target).unwrap();
    let names: Vec<String> = sheets(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(&names[..2], ["Annuaire", "Contrôle"]);
    // The written file is the one the library writes.
    let doc = Document::open(&bytes, "x.xlsx", Schema::default(), None).unwrap();
    assert_eq!(doc.table.rows.len(), 4);
}

#[test]
fn fix_reads_cpts_and_year_from_a_conventionally_named_file_and_never_overwrites_it() {
    let dir = temp_dir("cli-fix-conv");
    let name = "Annuaire_CPTS_Sud-Aveyron_2025 (1).xlsx";
    std::fs::write(dir.join(name), messy_directory()).unwrap();
    let o = run(&["fix", name, "--json"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["filename"], "Annuaire_CPTS_Sud-Aveyron_2025.xlsx");
    assert!(dir.join("Annuaire_CPTS_Sud-Aveyron_2025.xlsx").exists());

    // The input already has the output's name: refused, the original is untouched.
    let same = "Annuaire_CPTS_Lot_2026.xlsx";
    let original = messy_directory();
    std::fs::write(dir.join(same), &original).unwrap();
    let o = run(&["fix", same], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("-o"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.join(same)).unwrap(), original);
}

#[test]
fn fix_on_an_unreadable_file_exits_2_and_writes_nothing() {
    let dir = temp_dir("cli-fix-bad");
    std::fs::write(dir.join("annuaire.xlsx"), b"%PDF-1.4 not a spreadsheet").unwrap();
    let o = run(
        &["fix", "annuaire.xlsx", "--cpts", "CPTS Lot", "--json"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["issues"][0]["code"], "file.unreadable");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing written"
    );
}

#[test]
fn check_reports_without_writing() {
    let dir = temp_dir("cli-check");
    std::fs::write(dir.join("annuaire.xlsx"), messy_directory()).unwrap();
    let o = run(&["check", "annuaire.xlsx", "--json"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["rows_read"], 7);
    assert_eq!(report["rows_kept"], 4);
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing written"
    );
}

/// A synthetic NIR (month 12, department 31, order 555 555) and its key.
const NIR_BODY: &str = "2991231555555";
const NIR_KEY: &str = "91";

#[test]
fn check_never_prints_a_nir_however_it_is_written() {
    let dir = temp_dir("cli-check-nir");
    // Oddly split, written as a float, typed as a header: each must come out masked.
    let odd = format!("{} {}{NIR_KEY}", &NIR_BODY[..9], &NIR_BODY[9..]);
    let float = format!("2.{}{NIR_KEY}E14", &NIR_BODY[1..]);
    let csv = format!(
        "Nom;Prénom;Profession;RPPS;CP;Commune;Téléphone;Utilise SPICO Dossier;\
         Utilise SPICO Discussion;{NIR_BODY} {NIR_KEY}\n\
         MARTIN;Luc;Infirmier;{odd};31000;Toulouse;0561123456;Oui;Non;x\n\
         DURAND;Léa;Infirmier;{float};31000;Toulouse;0561123456;Oui;Non;x\n",
    );
    std::fs::write(dir.join("annuaire.csv"), csv).unwrap();
    for args in [
        &["check", "annuaire.csv", "--json"][..],
        &["check", "annuaire.csv"][..],
    ] {
        let o = run(args, &dir);
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        assert_eq!(out.matches("nir.detected").count(), 3, "{out}");
        let digits: String = out.chars().filter(char::is_ascii_digit).collect();
        assert!(!digits.contains(&NIR_BODY[3..]), "{out}");
        assert!(!out.contains(&NIR_BODY[3..9]), "{out}");
    }
}

/// The default schema's JSON with every field renamed (`colonne_1`…) and, unless `opposition`,
/// without its opposition field.
fn renamed_schema_json(opposition: bool) -> String {
    let mut json: serde_json::Value = serde_json::from_str(&Schema::default().to_json()).unwrap();
    let fields = json["fields"].as_array_mut().unwrap();
    if !opposition {
        fields.retain(|f| f["x-role"] != "opposition");
    }
    for (i, field) in fields.iter_mut().enumerate() {
        field["name"] = serde_json::Value::from(format!("colonne_{}", i + 1));
    }
    json.to_string()
}

#[test]
fn schema_prints_the_default_as_the_file_the_ars_edits() {
    let dir = temp_dir("cli-schema");
    let o = run(&["schema"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let printed = stdout(&o);
    assert!(printed.contains("\"x-role\": \"opposition\""), "{printed}");
    assert_eq!(Schema::from_json(&printed).unwrap(), Schema::default());
    // The ARS's edited file, read back as the checker reads it.
    std::fs::write(dir.join("ars.json"), renamed_schema_json(true)).unwrap();
    let o = run(&["schema", "--schema", "ars.json"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let schema = Schema::from_json(&stdout(&o)).unwrap();
    assert_eq!(schema.fields[16].id, "colonne_17");
    // A broken one: the French error names the key and the field, exit 2.
    std::fs::write(
        dir.join("casse.json"),
        r#"{"fields": [{"name": "refus", "x-role": "refus"}]}"#,
    )
    .unwrap();
    for command in ["schema", "check", "fix"] {
        let o = run(&[command, "annuaire.xlsx", "--schema", "casse.json"], &dir);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert!(
            stderr(&o).contains("la clé « x-role » de la colonne « refus »"),
            "{command}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn check_and_fix_take_a_schema_and_fix_makes_its_output_folder() {
    let dir = temp_dir("cli-fix-schema");
    std::fs::write(dir.join("annuaire.xlsx"), messy_directory()).unwrap();
    std::fs::write(dir.join("ars.json"), renamed_schema_json(true)).unwrap();
    let out = dir.join("nouveau").join("dossier");
    let o = run(
        &[
            "fix",
            "annuaire.xlsx",
            "--cpts",
            "CPTS Lot",
            "--year",
            "2026",
            "--schema",
            "ars.json",
            "-o",
            out.to_str().unwrap(),
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let bytes = std::fs::read(out.join("Annuaire_CPTS_Lot_2026.xlsx")).unwrap();
    // The member who objected (SECRET, row 6) is left out under the renamed schema too.
    assert!(stdout(&o).contains("row.opposition"), "{}", stdout(&o));
    let annuaire = sheet_text(&bytes, "Annuaire");
    assert!(!annuaire.iter().flatten().any(|c| c.contains("SECRET")));
    assert_eq!(annuaire.len(), 5, "the header and four members");

    // Without an opposition field: checked all the same, and the report says so.
    std::fs::write(dir.join("sans.json"), renamed_schema_json(false)).unwrap();
    let o = run(
        &["check", "annuaire.xlsx", "--schema", "sans.json", "--json"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"schema.no_opposition"), "{codes:?}");
    assert!(!codes.contains(&"row.opposition"), "{codes:?}");
    let o = run(&["check", "annuaire.xlsx", "--schema", "sans.json"], &dir);
    assert!(
        stdout(&o).contains(
            "[attention] fichier : Le schéma utilisé ne désigne aucune colonne d'opposition"
        ),
        "{}",
        stdout(&o)
    );
}
