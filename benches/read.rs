//! Native benchmark of `read_table` on a realistic 100,000-row × 17-column directory
//! (`cargo bench --bench read`). Prints rows per second and the workbook's size; std only, no
//! harness, so it runs anywhere `cargo` does.
// A benchmark input generator: it picks from its own constant tables by index
// (Cargo.toml's [lints] hold the library and the command line to these lints).
#![allow(clippy::indexing_slicing)]

use std::time::Instant;

use annuaire_cpts::read::{read_table, ReadOptions};
use annuaire_cpts::Schema;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

const ROWS: u32 = 100_000;
const RUNS: usize = 5;

const NAMES: [&str; 8] = [
    "DURAND", "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "GARCIA",
];
const GIVEN: [&str; 6] = [
    "Marie",
    "Jean-Pierre",
    "Sophie",
    "Luc",
    "Camille",
    "Nathalie",
];
const PROFESSIONS: [&str; 5] = [
    "Infirmier",
    "Médecin",
    "Masseur-kinésithérapeute",
    "Pharmacien",
    "Sage-femme",
];
const TOWNS: [(&str, &str); 4] = [
    ("31000", "Toulouse"),
    ("09100", "Pamiers"),
    ("81000", "Albi"),
    ("34000", "Montpellier"),
];

/// A workbook shaped like a real directory: text names, numeric identifiers and phones (as
/// Excel users type them), dates, Oui/Non.
fn workbook() -> Result<Vec<u8>, XlsxError> {
    let schema = Schema::default();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Annuaire")?;
    for (c, f) in schema.fields.iter().enumerate() {
        sheet.write_string(0, c as u16, &f.title)?;
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for r in 1..=ROWS {
        let i = r as usize;
        let (cp, town) = TOWNS[i % TOWNS.len()];
        sheet.write_string(r, 0, NAMES[i % NAMES.len()])?;
        sheet.write_string(r, 1, GIVEN[i % GIVEN.len()])?;
        sheet.write_string(r, 2, PROFESSIONS[i % PROFESSIONS.len()])?;
        sheet.write_string(r, 3, "")?;
        sheet.write_number(r, 4, 10_000_000_000.0 + f64::from(r))?;
        sheet.write_string(r, 5, "Libéral")?;
        sheet.write_string(r, 6, "MSP des Coteaux")?;
        sheet.write_string(r, 7, "12 avenue de la République")?;
        sheet.write_string(r, 8, cp)?;
        sheet.write_string(r, 9, town)?;
        sheet.write_number(r, 10, 561_000_000.0 + f64::from(r))?;
        sheet.write_string(r, 11, format!("membre{r}@example.fr"))?;
        sheet.write_string(r, 12, format!("membre{r}@pro.mssante.fr"))?;
        sheet.write_string(r, 13, if r % 2 == 0 { "Oui" } else { "Non" })?;
        sheet.write_string(r, 14, "Non")?;
        let d = ExcelDateTime::from_ymd(2020 + (r % 5) as u16, 1 + (r % 12) as u8, 1)?;
        sheet.write_datetime_with_format(r, 15, &d, &date)?;
        sheet.write_string(r, 16, "Non")?;
    }
    workbook.save_to_buffer()
}

fn main() {
    let bytes = match workbook() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot build the workbook: {e}");
            std::process::exit(1);
        }
    };
    let schema = Schema::default();
    let options = ReadOptions {
        schema: &schema,
        sheet: None,
    };
    let mut best = f64::MAX;
    for _ in 0..RUNS {
        let start = Instant::now();
        match read_table(&bytes, &options) {
            Ok((table, _)) => assert_eq!(table.rows.len(), ROWS as usize),
            Err(e) => {
                eprintln!("read failed: {e}");
                std::process::exit(1);
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mb = bytes.len() as f64 / 1_048_576.0;
    println!(
        "read_table: {ROWS} rows x 17 columns, {mb:.1} MB xlsx: best of {RUNS} {:.0} ms, {:.0} rows/s, {:.1} MB/s",
        best * 1000.0,
        f64::from(ROWS) / best,
        mb / best
    );
}
