//! The stylesheet (`xl/styles.xml`): one fixed set of cell formats for both workbooks, each
//! [`Style`] being its index in `cellXfs`. A fixed table needs no hashing of formats per cell.

/// A cell format of the stylesheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Style {
    /// No format (the default; written without `s`).
    Default = 0,
    /// The bold, filled, bordered, wrapped header of a table.
    Header = 1,
    /// Excel's built-in « Texte » number format `@` (49).
    Text = 2,
    /// The French date format `dd/mm/yyyy`.
    Date = 3,
    /// A cell that still holds an error.
    Error = 4,
    /// A text cell that still holds an error.
    ErrorText = 5,
    /// A date cell that still holds an error.
    ErrorDate = 6,
    /// The template's example row.
    Example = 7,
    /// The template's example row, text column.
    ExampleText = 8,
    /// The template's example row, date column.
    ExampleDate = 9,
    /// « Contrôle »: the severity of an error.
    SeverityError = 10,
    /// « Contrôle »: the severity of a warning.
    SeverityWarning = 11,
    /// The instructions' title.
    Title = 12,
    /// A heading of the instructions.
    Heading = 13,
    /// Wrapped text aligned to the top (the instructions' prose).
    Wrapped = 14,
}

impl Style {
    /// The `cellXfs` index.
    pub(crate) fn index(self) -> u8 {
        self as u8
    }
}

/// Fonts, fills and borders are referenced by index from `cellXfs` below: keep them in step
/// with [`Style`]'s values.
pub(crate) const STYLES_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>"#,
    r#"<fonts count="8">"#,
    // 0: the default.
    r#"<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    // 1: bold.
    r#"<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    // 2: bold dark red (errors).
    r#"<font><b/><sz val="11"/><color rgb="FF9C0006"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    // 3: dark orange (warnings).
    r#"<font><sz val="11"/><color rgb="FF9C5700"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    // 4: grey italic (the example row).
    r#"<font><i/><sz val="11"/><color rgb="FF808080"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    // 5, 6: bold 14 and 12 (title, headings).
    r#"<font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    r#"<font><b/><sz val="12"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    // 7: the notes' font, as Excel writes it.
    r#"<font><sz val="8"/><color indexed="81"/><name val="Tahoma"/><family val="2"/></font>"#,
    r#"</fonts>"#,
    r#"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
    // 2: the header's light blue; 3: the error's light red.
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"</fills>"#,
    r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
    r#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="15">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="0" fontId="2" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="49" fontId="2" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="164" fontId="2" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="49" fontId="4" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#,
    r#"<xf numFmtId="164" fontId="4" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="5" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="6" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    r#"</cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>"#,
    r#"</styleSheet>"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_has_its_format() {
        let xfs = STYLES_XML
            .split("<cellXfs")
            .nth(1)
            .and_then(|s| s.split("</cellXfs>").next())
            .unwrap();
        let count = xfs.matches("<xf ").count();
        assert_eq!(count, usize::from(Style::Wrapped.index()) + 1);
        assert!(xfs.starts_with(&format!(r#" count="{count}""#)));
        let fonts = STYLES_XML.matches("<font>").count();
        assert!(STYLES_XML.contains(&format!(r#"<fonts count="{fonts}">"#)));
    }
}
