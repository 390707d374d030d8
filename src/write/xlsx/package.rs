//! The package parts around the sheets: workbook, relationships, content types, document
//! properties and theme.

use super::escape::{push_attr, push_text};
use super::{Plan, SheetEntry, XML_DECLARATION};

/// Office's default theme, which the stylesheet's `theme` colours and `minor` fonts refer to
/// (as Excel 2007 writes it).
pub(super) const THEME_XML: &str = include_str!("theme1.xml");

/// The package's relationships.
pub(super) const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

/// Core properties without dates: the core has no clock (none in the browser's wasm without
/// JavaScript), and both dates are optional.
pub(super) const CORE_XML: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    "<dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy></cp:coreProperties>"
);

/// `xl/workbook.xml`: the sheets in order, hidden ones marked, and each filter's range.
pub(super) fn workbook_xml(sheets: &[SheetEntry]) -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews><sheets>"#);
    for (n, sheet) in (1..).zip(sheets) {
        out.push_str(r#"<sheet name=""#);
        push_attr(&mut out, &sheet.name);
        out.push_str(&format!(r#"" sheetId="{n}""#));
        if sheet.hidden {
            out.push_str(r#" state="hidden""#);
        }
        out.push_str(&format!(r#" r:id="rId{n}"/>"#));
    }
    out.push_str("</sheets>");
    let filters: Vec<(usize, &str)> = sheets
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter.as_deref().map(|f| (i, f)))
        .collect();
    if !filters.is_empty() {
        out.push_str("<definedNames>");
        for (local, range) in filters {
            out.push_str(&format!(
                r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{local}" hidden="1">"#
            ));
            push_text(&mut out, range);
            out.push_str("</definedName>");
        }
        out.push_str("</definedNames>");
    }
    out.push_str(r#"<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>"#);
    out
}

/// `xl/_rels/workbook.xml.rels`: the sheets (`rId1`…), then theme, styles and shared strings.
pub(super) fn workbook_rels(sheets: usize, shared: bool) -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for n in 1..=sheets {
        out.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    let theme = sheets + 1;
    let styles = sheets + 2;
    out.push_str(&format!(r#"<Relationship Id="rId{theme}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>"#));
    out.push_str(&format!(r#"<Relationship Id="rId{styles}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#));
    if shared {
        let n = sheets + 3;
        out.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#));
    }
    out.push_str("</Relationships>");
    out
}

/// `[Content_Types].xml`, from the plan: sheets `sheetN.xml`, notes `commentsK.xml` numbered
/// in sheet order.
pub(super) fn content_types(plan: &Plan) -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#);
    if plan.notes.contains(&true) {
        out.push_str(r#"<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>"#);
    }
    out.push_str(r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#);
    for n in 1..=plan.notes.len() {
        out.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
    }
    let with_notes = plan.notes.iter().filter(|&&n| n).count();
    for index in 1..=with_notes {
        out.push_str(&format!(r#"<Override PartName="/xl/comments{index}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>"#));
    }
    if plan.shared_strings {
        out.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
    }
    out.push_str("</Types>");
    out
}

/// `docProps/app.xml`: the sheets' names, as Excel lists them.
pub(super) fn app_xml(sheets: &[SheetEntry]) -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(&format!(
        r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{0}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{0}" baseType="lpstr">"#,
        sheets.len()
    ));
    for sheet in sheets {
        out.push_str("<vt:lpstr>");
        push_text(&mut out, &sheet.name);
        out.push_str("</vt:lpstr>");
    }
    out.push_str("</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>");
    out
}
