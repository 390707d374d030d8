//! Helpers shared by the integration tests (generated workbooks, paths).

pub mod workbook;

use std::path::Path;
use std::process::{Command, Output};

use annuaire_cpts::check::CheckOptions;
use annuaire_cpts::read::{read_table, ReadOptions};
use annuaire_cpts::{Error, Finding, Schema, Table, Ymd};
use rust_xlsxwriter::{Workbook, Worksheet};

/// The bytes of a committed fixture under `tests/fixtures/`.
pub fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Reads bytes with the default schema, letting the reader pick the sheet.
pub fn read(bytes: &[u8]) -> Result<(Table, Vec<Finding>), Error> {
    read_sheet(bytes, None)
}

/// Reads bytes with the default schema and a forced sheet.
pub fn read_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<(Table, Vec<Finding>), Error> {
    let schema = Schema::default();
    read_table(
        bytes,
        &ReadOptions {
            schema: &schema,
            sheet,
        },
    )
}

/// An xlsx workbook of one sheet « Annuaire » filled by `fill`.
pub fn xlsx(fill: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Annuaire").unwrap();
    fill(sheet);
    workbook.save_to_buffer().unwrap()
}

/// Writes a row of strings at a 0-based row.
pub fn write_row(sheet: &mut Worksheet, row: u32, values: &[&str]) {
    for (col, v) in values.iter().enumerate() {
        sheet.write_string(row, col as u16, *v).unwrap();
    }
}

/// The headers of the ARS template (every default field), in schema order.
pub fn template_headers() -> Vec<String> {
    Schema::default()
        .fields
        .into_iter()
        .map(|f| f.title)
        .collect()
}

/// The check's options on the tests' fixed day (1 March 2026).
pub fn check_options(cpts: Option<&str>, year: Option<i32>) -> CheckOptions {
    CheckOptions {
        today: Ymd {
            year: 2026,
            month: 3,
            day: 1,
        },
        cpts: cpts.map(String::from),
        year,
        refused_fixes: vec![],
    }
}

/// Runs the built `annuaire-cpts` in `dir`.
pub fn run_cli(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annuaire-cpts"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}
