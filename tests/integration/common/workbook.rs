//! Reading back what the writer produced: cells through calamine, raw parts of the xlsx zip for
//! what calamine does not expose (notes, drop-downs, frozen panes), and LibreOffice's own
//! reading through a CSV conversion.

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use annuaire_cpts::Ymd;
use calamine::{open_workbook_from_rs, Data, Reader, SheetVisible, Xlsx};

/// A sheet as a grid of cells from A1 (absolute positions, empty cells filled in).
pub fn sheet_grid(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let Some((r0, c0)) = range.start() else {
        return Vec::new();
    };
    let (r1, c1) = range.end().unwrap();
    let mut grid = vec![vec![Data::Empty; (c1 + 1) as usize]; (r1 + 1) as usize];
    for (r, c, v) in range.used_cells() {
        grid[r + r0 as usize][c + c0 as usize] = v.clone();
    }
    grid
}

/// A sheet as text: strings as they are, numbers in their shortest form, dates as `dd/mm/yyyy`.
pub fn sheet_text(bytes: &[u8], sheet: &str) -> Vec<Vec<String>> {
    sheet_grid(bytes, sheet)
        .iter()
        .map(|row| row.iter().map(cell_text).collect())
        .collect()
}

/// One cell as text.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        // Excel serial 25569 is 1970-01-01.
        Data::DateTime(d) => Ymd::from_unix_days(d.as_f64().floor() as i64 - 25_569).to_french(),
        other => other.to_string(),
    }
}

/// The sheets in workbook order, with whether each is visible.
pub fn sheets(bytes: &[u8]) -> Vec<(String, bool)> {
    let book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect()
}

/// One part of the xlsx zip, as text (`xl/worksheets/sheet1.xml`).
pub fn xlsx_part(bytes: &[u8], path: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut part = zip.by_name(path).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// Every part of the xlsx zip, concatenated: to assert that a value appears nowhere.
pub fn xlsx_all_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut raw = Vec::new();
        part.read_to_end(&mut raw).unwrap();
        all.push_str(&String::from_utf8_lossy(&raw));
    }
    all
}

/// A fresh directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "annuaire-cpts-{tag}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What a test that needs LibreOffice says when it cannot run it.
const NO_LIBREOFFICE: &str = "this test reads the written workbook back with LibreOffice Calc: \
     run ./scripts/setup.sh (it installs the Debian package libreoffice-calc), then the tests again";

/// LibreOffice's command: `soffice` (or `libreoffice`) on the PATH, else Debian's /usr/bin.
fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The first sheet of a workbook as LibreOffice Calc reads it, converted to CSV (UTF-8, `,`,
/// `"` quoting, cells as shown). Fails, never skips, when LibreOffice is missing, with a
/// message naming ./scripts/setup.sh.
pub fn libreoffice_csv(bytes: &[u8], tag: &str) -> Vec<Vec<String>> {
    let csv = libreoffice_convert(
        bytes,
        tag,
        "xlsx",
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "csv",
    );
    let text = String::from_utf8(csv).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A workbook (`.{from}`) converted by LibreOffice Calc with the `--convert-to` filter
/// `filter` (`"xls:MS Excel 97"`, `"ods"`…), as the bytes of the `.{to}` file it writes. Fails,
/// never skips, when LibreOffice is missing, with a message naming ./scripts/setup.sh.
pub fn libreoffice_convert(bytes: &[u8], tag: &str, from: &str, filter: &str, to: &str) -> Vec<u8> {
    let soffice = soffice();
    assert!(
        soffice.is_some(),
        "LibreOffice not found (no soffice on the PATH nor in /usr/bin); {NO_LIBREOFFICE}"
    );
    let soffice = soffice.unwrap_or_default();
    let dir = temp_dir(tag);
    let input = dir.join(format!("{tag}.{from}"));
    std::fs::write(&input, bytes).unwrap();
    let profile = dir.join("profile");
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let output = Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg(filter)
        .arg("--outdir")
        .arg(&out_dir)
        .arg(&input)
        .output();
    let output = match output {
        Ok(output) => output,
        Err(e) => panic!(
            "{} could not be run ({e}); {NO_LIBREOFFICE}",
            soffice.display()
        ),
    };
    let converted = out_dir.join(format!("{tag}.{to}"));
    assert!(
        converted.exists(),
        "LibreOffice did not convert the file: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&converted).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    bytes
}

/// A cell of a hand-made input workbook, typed as a coordinator's Excel would store it.
#[derive(Clone, Debug)]
pub enum In {
    /// A text cell.
    S(&'static str),
    /// A number cell (what Excel makes of 0612345678 or 09100 typed in a General cell).
    N(f64),
    /// A date cell (year, month, day) in dd/mm/yyyy format.
    D(u16, u8, u8),
    /// Nothing.
    E,
}

/// An input workbook with one sheet holding these rows from A1.
pub fn input_workbook(sheet: &str, rows: &[Vec<In>]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                In::S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                In::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                In::D(y, m, d) => {
                    let when = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &when, &date).unwrap();
                }
                In::E => {}
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// A synthetic NIR with a valid key, typed with spaces (never a real person's).
pub const MESSY_NIR: &str = "1 85 07 75 123 456 08";

/// A directory as coordinators fill it: numbers typed as numbers, abbreviations, an example
/// row, a blank row, a member who objected, an invalid RPPS, a NIR in the phone column and an
/// extra column. Spreadsheet rows: 1 header, 2 example, 3 DURAND (to fix), 4 blank,
/// 5 MARTIN (clean), 6 SECRET (opposition), 7 BERNARD (bad RPPS key), 8 LEROY (NIR).
pub fn messy_directory() -> Vec<u8> {
    use In::{D, E, N, S};
    let rows = vec![
        vec![
            S("Nom"),
            S("Prénom"),
            S("Profession"),
            S("RPPS"),
            S("Mode d'exercice"),
            S("Code postal"),
            S("Ville"),
            S("Téléphone"),
            S("Mail"),
            S("SPICO Dossier"),
            S("SPICO Discussion"),
            S("Date d'adhésion"),
            S("Opposition"),
            S("Remarques"),
        ],
        vec![
            S("EXEMPLE"),
            S("Jean"),
            S("Infirmier"),
            S("12345678901"),
            S("Libéral"),
            S("31000"),
            S("Toulouse"),
            S("00 00 00 00 00"),
            S("exemple@exemple.fr"),
            S("Non"),
            S("Non"),
            D(2024, 1, 15),
            S("Non"),
            E,
        ],
        vec![
            S("durand"),
            S("jean-pierre"),
            S("IDE"),
            N(10000000009.0),
            S("lib"),
            N(9100.0),
            S("Pamiers"),
            N(561123456.0),
            S("JP.Durand@Example.org"),
            S("x"),
            S("non"),
            D(2023, 3, 15),
            E,
            S("appeler le soir"),
        ],
        vec![],
        vec![
            S("MARTIN"),
            S("Claire"),
            S("Masseur-kinésithérapeute"),
            S("10999999997"),
            S("Salarié"),
            S("31000"),
            S("Toulouse"),
            S("06 12 34 56 78"),
            S("claire.martin@example.org"),
            S("Oui"),
            S("Oui"),
            S("01/02/2024"),
            S("Non"),
            E,
        ],
        vec![
            S("SECRET"),
            S("Paul"),
            S("Médecin"),
            S("10000000017"),
            S("Libéral"),
            S("31000"),
            S("Toulouse"),
            S("05 61 00 00 01"),
            S("paul.secret@example.org"),
            S("Oui"),
            S("Non"),
            E,
            S("Oui"),
            S("ne pas transmettre"),
        ],
        vec![
            S("BERNARD"),
            S("Luc"),
            S("Pharmacien"),
            S("10000000008"),
            S("Libéral"),
            S("34000"),
            S("Montpellier"),
            S("04 67 00 00 00"),
            S("luc.bernard@example.org"),
            S("Non"),
            S("Non"),
            E,
            S("Non"),
            E,
        ],
        vec![
            S("LEROY"),
            S("Anne"),
            S("Infirmier"),
            S("10000000025"),
            S("Libéral"),
            S("31000"),
            S("Toulouse"),
            S(MESSY_NIR),
            S("anne.leroy@example.org"),
            S("Oui"),
            S("Non"),
            D(2022, 9, 1),
            S("Non"),
            E,
        ],
    ];
    input_workbook("Adhérents", &rows)
}
