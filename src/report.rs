//! The report contract (SPEC §9): findings with stable codes, severities, the spreadsheet's own
//! row numbers, and a summary. The command line and the page return the same JSON.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was normalised or removed; nothing to do.
    Notice,
    /// Worth a look; the file can be sent.
    Warning,
    /// Must be corrected before sending.
    Error,
}

macro_rules! codes {
    ($($variant:ident = $text:literal, $severity:ident;)*) => {
        /// A finding's stable code (SPEC §6). Tests and the ARS rely on these strings.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Code {
            $(#[doc = $text] #[serde(rename = $text)] $variant,)*
        }

        impl Code {
            /// Every code, in the order of SPEC §6.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in reports, e.g. `"rpps.invalid"`.
            ///
            /// ```
            /// use annuaire_cpts::{Code, Severity};
            /// assert_eq!(Code::RppsInvalid.as_str(), "rpps.invalid");
            /// assert_eq!(Code::RppsInvalid.severity(), Severity::Error);
            /// ```
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// The severity that goes with the code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    FileUnreadable = "file.unreadable", Error;
    FileNoHeader = "file.no_header", Error;
    FileOtherSheet = "file.other_sheet", Warning;
    CellUnreadable = "cell.unreadable", Warning;
    ColumnMissing = "column.missing", Error;
    ColumnUnknown = "column.unknown", Warning;
    ColumnDuplicate = "column.duplicate", Warning;
    SchemaNoOpposition = "schema.no_opposition", Warning;
    RowExample = "row.example", Notice;
    RowBlank = "row.blank", Notice;
    RowOpposition = "row.opposition", Notice;
    RowDuplicate = "row.duplicate", Error;
    RowOtherCpts = "row.other_cpts", Notice;
    ValueRequired = "value.required", Error;
    ValueContactMissing = "value.contact_missing", Error;
    ValueFixed = "value.fixed", Notice;
    RppsInvalid = "rpps.invalid", Error;
    AdeliInvalid = "adeli.invalid", Error;
    AdeliObsolete = "adeli.obsolete", Warning;
    IdentifierMissing = "identifier.missing", Error;
    NirDetected = "nir.detected", Error;
    GdprSensitive = "gdpr.sensitive", Warning;
    ProfessionAmbiguous = "profession.ambiguous", Error;
    ProfessionUnknown = "profession.unknown", Error;
    ModeInvalid = "mode.invalid", Warning;
    PostalInvalid = "postal.invalid", Error;
    PostalOutsideRegion = "postal.outside_region", Warning;
    PostalCedex = "postal.cedex", Warning;
    CommuneMismatch = "commune.mismatch", Warning;
    PhoneInvalid = "phone.invalid", Error;
    PhonePremium = "phone.premium", Warning;
    EmailInvalid = "email.invalid", Error;
    EmailSuspicious = "email.suspicious", Warning;
    MssanteInvalid = "mssante.invalid", Error;
    YesnoInvalid = "yesno.invalid", Error;
    DateInvalid = "date.invalid", Error;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about the file, a column, a row or a cell.
///
/// Its texts are shared (`Arc<str>`): a directory repeats the same fixes thousands of times
/// (« N » → « Non », the same profession, the same column id), and the check hands every
/// finding that says the same thing the same allocation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The stable code.
    pub code: Code,
    /// Its severity (always `code.severity()`).
    pub severity: Severity,
    /// The spreadsheet's own row number; `None` for file- and column-level findings.
    pub row: Option<u32>,
    /// The schema field id; `None` for file- and row-level findings.
    pub column: Option<Arc<str>>,
    /// The original value (masked for a NIR; absent for opposition rows).
    pub value: Option<Arc<str>>,
    /// The value written instead, or the suggestion.
    pub fixed: Option<Arc<str>>,
    /// What the coordinator should do, in French.
    pub message: Arc<str>,
}

impl Finding {
    /// A finding with the code's own severity and no row, column or values.
    ///
    /// ```
    /// use annuaire_cpts::{Code, Finding, Severity};
    /// let f = Finding::new(Code::RowBlank, "Ligne vide supprimée.").at_row(7);
    /// assert_eq!((f.severity, f.row), (Severity::Notice, Some(7)));
    /// ```
    pub fn new(code: Code, message: impl Into<Arc<str>>) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            row: None,
            column: None,
            value: None,
            fixed: None,
            message: message.into(),
        }
    }

    /// The same finding at a spreadsheet row.
    pub fn at_row(mut self, row: u32) -> Finding {
        self.row = Some(row);
        self
    }

    /// The same finding about a schema field.
    pub fn in_column(mut self, field: impl Into<Arc<str>>) -> Finding {
        self.column = Some(field.into());
        self
    }

    /// The same finding with the original value.
    pub fn with_value(mut self, value: impl Into<Arc<str>>) -> Finding {
        self.value = Some(value.into());
        self
    }

    /// The same finding with the fixed or suggested value.
    pub fn with_fixed(mut self, fixed: Option<impl Into<Arc<str>>>) -> Finding {
        self.fixed = fixed.map(Into::into);
        self
    }
}

/// A column of the report: a schema field and where it was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportColumn {
    /// Schema field id.
    pub id: String,
    /// Header as written in the file.
    pub header: String,
    /// 0-based source column.
    pub index: usize,
}

/// How many findings of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Notices.
    pub notice: usize,
}

impl Summary {
    /// Counts the findings.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Notice => s.notice += 1,
            }
        }
        s
    }
}

/// The whole report (SPEC §9).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The file name as given.
    pub file: String,
    /// The sheet read; `None` when the file could not be read.
    pub sheet: Option<String>,
    /// The spreadsheet's row number of the header; `None` when none was found.
    pub header_row: Option<u32>,
    /// The recognised columns.
    pub columns: Vec<ReportColumn>,
    /// Data rows read below the header (blank rows included).
    pub rows_read: usize,
    /// Rows written to the corrected file.
    pub rows_kept: usize,
    /// Every finding, file-level first, then by row.
    pub issues: Vec<Finding>,
    /// Counts by severity.
    pub summary: Summary,
    /// The ARS file name, when the CPTS name is known.
    pub filename: Option<String>,
}

impl Report {
    /// The report of a file that could not be read: one `file.unreadable` or `file.no_header`
    /// finding carrying the error's French message.
    pub fn unreadable(file: &str, error: &crate::Error) -> Report {
        let issues = vec![Finding::new(error.code(), error.to_string())];
        Report {
            file: file.to_string(),
            summary: Summary::of(&issues),
            issues,
            ..Report::default()
        }
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.summary.error > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_string() {
        for code in Code::ALL {
            let json = serde_json::to_string(code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(Code::ALL.len(), 36);
    }

    /// docs/SPEC.md §6 lists the codes of [`Code::ALL`], in order, with their severities.
    #[test]
    fn the_spec_lists_every_code() {
        let spec = include_str!("../docs/SPEC.md");
        let section = spec
            .split("\n## 6. ")
            .nth(1)
            .and_then(|s| s.split("\n## 7. ").next())
            .unwrap_or_default();
        let listed: Vec<(&str, &str)> = section
            .lines()
            .filter_map(|line| {
                let mut cells = line.split('|').map(str::trim).skip(1);
                let (code, severity) = (cells.next()?, cells.next()?);
                code.contains('.').then_some((code, severity))
            })
            .collect();
        let expected: Vec<(&str, String)> = Code::ALL
            .iter()
            .map(|c| (c.as_str(), format!("{:?}", c.severity()).to_lowercase()))
            .collect();
        let expected: Vec<(&str, &str)> = expected.iter().map(|(c, s)| (*c, s.as_str())).collect();
        assert_eq!(listed, expected);
    }
}
