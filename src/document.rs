//! One opened directory file: read once, then checked, edited and written as often as the page
//! needs. Several documents can live side by side (next year's comparison, the ARS merge).

use crate::check::{check, CheckOptions, Outcome};
use crate::error::Error;
use crate::read::{read_table, ReadOptions};
use crate::report::Finding;
use crate::schema::Schema;
use crate::table::Table;
use crate::write::XlsxFile;

/// A read directory file.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file name as given.
    pub file: String,
    /// The schema it was read with.
    pub schema: Schema,
    /// The table as read (and edited).
    pub table: Table,
    /// The reader's column findings.
    pub read_findings: Vec<Finding>,
}

/// The corrected workbook and its ARS name.
#[derive(Clone, Debug)]
pub struct Corrected {
    /// The xlsx file, in chunks ([`XlsxFile::write_to`] writes it out, [`XlsxFile::to_vec`]
    /// copies it whole).
    pub bytes: XlsxFile,
    /// The ARS file name, or the original stem + `_corrige.xlsx` when the CPTS is not named.
    pub name: String,
    /// The check the file was written from.
    pub outcome: Outcome,
}

impl Document {
    /// Reads a file.
    ///
    /// # Errors
    /// [`Error`] when the file cannot be read (see [`read_table`]).
    pub fn open(
        bytes: &[u8],
        file: &str,
        schema: Schema,
        sheet: Option<&str>,
    ) -> Result<Document, Error> {
        let (table, read_findings) = read_table(
            bytes,
            &ReadOptions {
                schema: &schema,
                sheet,
            },
        )?;
        Ok(Document {
            file: file.to_string(),
            schema,
            table,
            read_findings,
        })
    }

    /// Checks the table as it stands.
    pub fn check(&self, options: &CheckOptions) -> Outcome {
        check(
            &self.file,
            &self.table,
            &self.read_findings,
            &self.schema,
            options,
        )
    }

    /// The corrected file's name for `options`: the ARS name when the CPTS is named, else the
    /// original stem + `_corrige.xlsx`.
    pub fn corrected_name(&self, options: &CheckOptions) -> String {
        crate::check::file_name(options).unwrap_or_else(|| self.uncorrected_name())
    }

    fn uncorrected_name(&self) -> String {
        let stem = self
            .file
            .rsplit_once('.')
            .map_or(self.file.as_str(), |(s, _)| s);
        format!("{stem}_corrige.xlsx")
    }

    /// Checks and writes the corrected workbook.
    ///
    /// # Errors
    /// [`Error::Write`] if the workbook cannot be written.
    pub fn write(&self, options: &CheckOptions) -> Result<Corrected, Error> {
        self.write_checked(self.check(options))
    }

    /// Writes the corrected workbook from a check already made, so that « check, then
    /// download » checks once. `outcome` must be what [`Document::check`] returned for the
    /// table as it stands (no edit since), with the options wanted for the
    /// file: it is written as is.
    ///
    /// ```
    /// # use annuaire_cpts::{check::CheckOptions, Document, Schema, Ymd};
    /// let bytes = annuaire_cpts::write::write_template(&Schema::default())?.to_vec();
    /// let document = Document::open(&bytes, "annuaire.xlsx", Schema::default(), None)?;
    /// let options = CheckOptions {
    ///     today: Ymd { year: 2026, month: 3, day: 1 }, cpts: None, year: None, refused_fixes: vec![],
    /// };
    /// let outcome = document.check(&options);
    /// let corrected = document.write_checked(outcome.clone())?;
    /// assert_eq!(corrected.outcome, outcome);
    /// assert_eq!(corrected.name, "annuaire_corrige.xlsx");
    /// assert_eq!(&corrected.bytes.to_vec()[..2], b"PK");
    /// # Ok::<(), annuaire_cpts::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Write`] if the workbook cannot be written.
    pub fn write_checked(&self, outcome: Outcome) -> Result<Corrected, Error> {
        let bytes = crate::write::write_corrected(&outcome, &self.schema)?;
        let name = outcome
            .report
            .filename
            .clone()
            .unwrap_or_else(|| self.uncorrected_name());
        Ok(Corrected {
            bytes,
            name,
            outcome,
        })
    }
}
